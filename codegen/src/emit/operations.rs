//! `src/<group>.rs`: the group's sub-client, and per operation a method on it, a request builder
//! and the response types.
//!
//! Required parameters (path parameters always), then a required body (or required form
//! fields), are positional arguments of the method, in IR order; optional ones are setters on the
//! `#[must_use]` builder. The builder has `send()` and implements `IntoFuture`, so
//! `client.blob().get(name, digest).await` works. It also has `accept(..)` (unless the operation
//! has its own `Accept` header parameter, which then takes that role) and, for bodies other than
//! multipart, `content_type(..)` (unless it has a `Content-Type` header parameter).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::facts::Builtins;
use super::inputs::Input;
use super::plan::{OperationPlan, plan};
use super::{Ctx, Doc, Names, code, unraw};
use crate::Result;
use crate::ir::{Group, Operation};

/// Names every request builder uses for itself.
const BUILDER_RESERVED: [&str; 3] = ["client", "send", "into_future"];

pub(crate) fn group_file(ctx: &Ctx<'_>, group: &Group) -> Result<TokenStream> {
    let client_ty = ctx.ident(&group.type_name, "#")?;
    let mut types = Names::new([unraw(&group.type_name)]);
    let mut methods = Names::new(crate::naming::GROUP_MEMBERS.iter().copied());
    let mut method_items = Vec::new();
    let mut items = Vec::new();
    for op in ctx
        .api
        .operations
        .iter()
        .filter(|op| op.group == group.name)
    {
        methods.claim(ctx, &op.rust_name, &op.pointer, "operation method")?;
        let emitted = operation(ctx, op, &client_ty, &mut types)?;
        method_items.push(emitted.method);
        items.push(emitted.items);
    }
    let module_doc = Doc::new()
        .raw(format!(
            "The {} operations: [`{}`] and its request and response types.",
            code(&group.name),
            unraw(&group.type_name)
        ))
        .inner_attrs();
    let client_doc = Doc::new()
        .raw(format!(
            "The {} operations. Get one with [`crate::Client::{}`]; it is as cheap to clone \
             as the client.",
            code(&group.name),
            unraw(&group.rust_name)
        ))
        .attrs();
    Ok(quote! {
        #module_doc
        #client_doc
        #[derive(Debug, Clone)]
        pub struct #client_ty {
            pub(crate) client: crate::Client,
        }
        impl #client_ty {
            #(#method_items)*
        }
        #(#items)*
    })
}

/// What one operation adds: its method on the sub-client, and its types.
struct Emitted {
    method: TokenStream,
    items: TokenStream,
}

fn operation(
    ctx: &Ctx<'_>,
    op: &Operation,
    client_ty: &Ident,
    types: &mut Names,
) -> Result<Emitted> {
    let request_ty = ctx.suffixed(&op.type_name, "Request", &op.pointer)?;
    types.claim(ctx, &request_ty.to_string(), &op.pointer, "request type")?;
    let plan = plan(ctx, op)?;
    types.claim(
        ctx,
        &plan.responses.ty.to_string(),
        &op.pointer,
        "response type",
    )?;
    let builtin_fields = builder_fields(ctx, &plan)?;
    let method = method(ctx, &plan, &request_ty, &builtin_fields)?;
    let build = super::wire::build_request(ctx, &plan)?;
    let sending = sending(ctx, &plan, &request_ty, &build)?;
    let items = request_items(&plan, client_ty, &request_ty, &builtin_fields, &sending);
    Ok(Emitted { method, items })
}

/// Claims the builder's field names (its methods', its inputs', its groups', the built-in
/// setters'), and gives the built-in setters' fields.
fn builder_fields(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> Result<Vec<TokenStream>> {
    let op = plan.op;
    let mut fields = Names::new(BUILDER_RESERVED);
    if plan.lro.is_some() {
        for name in super::facts::POLLER_METHODS {
            fields.claim(ctx, name, &op.pointer, "long-running operation method")?;
        }
    }
    if plan.paging.is_some() {
        for name in super::facts::LIST_METHODS {
            fields.claim(ctx, name, &op.pointer, "list method")?;
        }
    }
    for input in &plan.inputs {
        fields.claim(ctx, &input.ident.to_string(), &op.pointer, "parameter")?;
    }
    for ident in plan.grouping.idents() {
        fields.claim(ctx, &ident.to_string(), &op.pointer, "parameter group")?;
    }
    let mut builtin_fields = Vec::new();
    if plan.builtins.accept {
        fields.claim(ctx, "accept", &op.pointer, "parameter")?;
        builtin_fields.push(quote!(accept));
    }
    if plan.builtins.content_type {
        fields.claim(ctx, "content_type", &op.pointer, "parameter")?;
        builtin_fields.push(quote!(content_type));
    }
    Ok(builtin_fields)
}

/// The operation's method on the sub-client: its positional arguments in, the builder out.
fn method(
    ctx: &Ctx<'_>,
    plan: &OperationPlan<'_>,
    request_ty: &Ident,
    builtin_fields: &[TokenStream],
) -> Result<TokenStream> {
    let (op, inputs, grouping) = (plan.op, &plan.inputs, &plan.grouping);
    let positional: Vec<&Input<'_>> = grouping.positional(inputs);
    let args = positional.iter().map(|i| {
        let (ident, arg) = (&i.ident, &i.arg.arg);
        quote!(#ident: #arg)
    });
    let inits = inputs.iter().enumerate().map(|(n, i)| {
        let ident = &i.ident;
        if let Some(value) = grouping.init(n) {
            super::groups::field_init(i, value)
        } else if i.required {
            i.arg.init(ident)
        } else {
            let initial = &i.initial;
            quote!(#ident: #initial,)
        }
    });
    let method_ident = ctx.ident(&op.rust_name, &op.pointer)?;
    let prologue = grouping.prologue();
    let method_doc = method_doc(op, &positional).attrs();
    let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
    let too_many = (positional.len() + 1 > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    Ok(quote! {
        #method_doc
        #deprecated
        #too_many
        pub fn #method_ident(&self, #(#args),*) -> #request_ty {
            #prologue
            #request_ty {
                client: self.client.clone(),
                #(#inits)*
                #(#builtin_fields: None,)*
            }
        }
    })
}

/// How the builder sends and what awaiting it gives.
struct Sending {
    /// `send()` (and `pages()`/`into_stream()`, `poller()`).
    send: TokenStream,
    /// A plain operation's `SendRequest` and `Decode` impls, read by the runtime's `execute`.
    thin: Option<TokenStream>,
    /// `IntoFuture::Output`.
    output: TokenStream,
    /// The body of `IntoFuture::into_future`.
    future: TokenStream,
    /// A next-page operation's `MakeRequest` impl.
    make_request: Option<TokenStream>,
    /// A pageable operation's `Page` impl.
    page_impl: Option<TokenStream>,
}

fn sending(
    ctx: &Ctx<'_>,
    plan: &OperationPlan<'_>,
    request_ty: &Ident,
    build: &TokenStream,
) -> Result<Sending> {
    let (op, response_ty) = (plan.op, &plan.responses.ty);
    let send_request = super::wire::send_request(ctx, plan)?;
    let facts = ctx.facts(op)?;
    // A pageable long-running operation: `.await` polls, then pages the final result.
    let after_poller = match (&op.paging, &plan.lro) {
        (Some(paging), Some(lro)) if facts.pages_after_polling() => {
            Some(super::pager::after_poller(ctx, plan, paging, &lro.errors)?)
        }
        _ => None,
    };
    let pager = match op.paging.as_ref().filter(|_| facts.pager()) {
        Some(paging) => Some(super::pager::emit(ctx, plan, paging, build)?),
        None => None,
    };
    let make_request = super::pager::is_next_operation(ctx, op)
        .then(|| super::pager::make_request(request_ty, build));
    let send = send_method(plan, pager.as_ref(), build, &send_request);
    // The plain operation's request and answer, read by the runtime's `execute`.
    let thin = match (&pager, &plan.paging, &plan.lro) {
        (None, None, None) => {
            let client_send = super::wire::client_send(ctx, plan)?;
            Some(thin_impls(
                request_ty,
                build,
                &client_send,
                &plan.responses.decode_impl,
            ))
        }
        _ => None,
    };
    let (output, future) = match (&pager, &after_poller, &plan.lro) {
        (Some(pager), _, _) => (pager.output.clone(), quote!(Box::pin(self.send()))),
        (None, Some(after), _) => (after.output.clone(), after.future.clone()),
        (None, None, Some(lro)) => (
            super::lro::output(lro),
            quote!(std::future::IntoFuture::into_future(self.poller())),
        ),
        (None, None, None) => (
            quote!(Result<#response_ty, crate::Error>),
            if thin.is_some() {
                quote!(self.send())
            } else {
                quote!(Box::pin(self.send()))
            },
        ),
    };
    let page_impl = pager
        .as_ref()
        .map(|p| p.page_impl.clone())
        .or_else(|| after_poller.as_ref().map(|a| a.page_impl.clone()));
    Ok(Sending {
        send,
        thin,
        output,
        future,
        make_request,
        page_impl,
    })
}

/// `send()`: the pager's, the list's, the poller's, or a plain operation's (the runtime's
/// `execute`, boxed there).
fn send_method(
    plan: &OperationPlan<'_>,
    pager: Option<&super::pager::Emitted>,
    build: &TokenStream,
    send_request: &TokenStream,
) -> TokenStream {
    let (op, response_ty, dispatch) = (plan.op, &plan.responses.ty, &plan.responses.dispatch);
    let send_doc = quote! {
        #[doc = " Sends the request, and reads the status, the headers and (unless it is streamed) the body."]
        #[doc = ""]
        #[doc = " # Errors"]
        #[doc = ""]
        #[doc = " Fails when the request cannot be built or sent, when the status is not a documented"]
        #[doc = " success ([`ErrorKind::UnexpectedStatus`](crate::ErrorKind::UnexpectedStatus)), or"]
        #[doc = " when the body does not decode."]
    };
    match (pager, &plan.paging, &plan.lro) {
        (Some(pager), _, _) => pager.send.clone(),
        (None, Some(paging), _) => {
            super::paging::methods(paging, response_ty, build, dispatch, &send_doc)
        }
        (None, None, Some(lro)) => {
            super::lro::methods(lro, op, response_ty, build, send_request, dispatch)
        }
        (None, None, None) => {
            let errors = &plan.responses.errors;
            let operation_id = &op.operation_id;
            quote! {
                #send_doc
                pub fn send(self) -> crate::runtime::BoxFuture<Result<#response_ty, crate::Error>> {
                    let sent = crate::runtime::SendRequest::sent(self);
                    crate::runtime::execute(#operation_id, sent, #errors)
                }
            }
        }
    }
}

/// A plain operation's `SendRequest` impl (build the request, hand it to the client) and its
/// response's `Decode` impl.
fn thin_impls(
    request_ty: &Ident,
    build: &TokenStream,
    client_send: &TokenStream,
    decode_impl: &TokenStream,
) -> TokenStream {
    quote! {
        impl crate::runtime::SendRequest for #request_ty {
            fn sent(self) -> Result<crate::runtime::Sent, crate::runtime::Error> {
                #build
                Ok(#client_send)
            }
        }
        #decode_impl
    }
}

/// The request builder: its struct, setters, `send()`, `IntoFuture`, and the response types.
fn request_items(
    plan: &OperationPlan<'_>,
    client_ty: &Ident,
    request_ty: &Ident,
    builtin_fields: &[TokenStream],
    sending: &Sending,
) -> TokenStream {
    let (op, inputs, grouping) = (plan.op, &plan.inputs, &plan.grouping);
    let struct_fields = inputs.iter().map(|i| {
        let (ident, ty) = (&i.ident, &i.arg.field);
        if i.required {
            quote!(#ident: #ty,)
        } else {
            quote!(#ident: Option<#ty>,)
        }
    });
    let group_setters = grouping.setters(inputs);
    let setters = inputs
        .iter()
        .enumerate()
        .filter(|(n, i)| !i.required && !grouping.carries(*n))
        .map(|(_, i)| {
            let (ident, arg, convert) = (&i.ident, &i.arg.arg, &i.arg.convert);
            let doc = i.doc.attrs();
            quote! {
                #doc
                pub fn #ident(mut self, #ident: #arg) -> Self {
                    self.#ident = Some(#convert);
                    self
                }
            }
        });
    let builtin_setters = builtin_setters(op, &plan.builtins);
    let response_items = &plan.responses.items;
    let operation_id = &op.operation_id;
    let request_doc = Doc::new()
        .raw(format!(
            "A {} request, made by [`{client_ty}::{}`]: set optional parameters, then `.await` it \
             (or call [`send`](Self::send)).",
            code(operation_id),
            unraw(&op.rust_name)
        ))
        .attrs();
    let request_name = request_ty.to_string();
    let (send, thin, output) = (&sending.send, &sending.thin, &sending.output);
    let (future, make_request) = (&sending.future, &sending.make_request);
    let page_impl = &sending.page_impl;
    quote! {
        #request_doc
        #[must_use = "a request does nothing until it is sent: `.await` it or call `send()`"]
        pub struct #request_ty {
            client: crate::Client,
            #(#struct_fields)*
            #(#builtin_fields: Option<String>,)*
        }
        impl std::fmt::Debug for #request_ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#request_name)
                    .field("operation", &#operation_id)
                    .finish_non_exhaustive()
            }
        }
        impl #request_ty {
            #(#setters)*
            #group_setters
            #builtin_setters
            #send
        }
        #make_request
        #thin
        impl std::future::IntoFuture for #request_ty {
            type Output = #output;
            type IntoFuture = crate::runtime::BoxFuture<Self::Output>;
            fn into_future(self) -> Self::IntoFuture {
                #future
            }
        }
        #response_items
        #page_impl
    }
}

fn method_doc(op: &Operation, positional: &[&Input<'_>]) -> Doc {
    let mut doc = Doc::new()
        .spec(op.summary.as_deref())
        .spec(op.description.as_deref())
        .raw(format!(
            "{} (operation {}).",
            code(&format!("{} {}", op.method, super::wire::display_path(op))),
            code(&op.operation_id)
        ));
    if !positional.is_empty() {
        let lines: Vec<String> = positional
            .iter()
            .map(|i| {
                let first = i
                    .doc
                    .lines()
                    .into_iter()
                    .take_while(|l| !l.is_empty() && !l.starts_with("```"));
                let text = first.collect::<Vec<_>>().join(" ");
                format!("- {}: {text}", code(unraw(&i.ident.to_string())))
            })
            .collect();
        doc = doc.raw(format!("Arguments:\n\n{}", lines.join("\n")));
    }
    doc
}

fn builtin_setters(op: &Operation, builtins: &Builtins) -> TokenStream {
    let mut out = TokenStream::new();
    if builtins.accept {
        let default = if op.produces.is_empty() {
            "none".to_owned()
        } else {
            code(&op.produces.join(", "))
        };
        let doc = Doc::new()
            .raw(format!("Sets the `Accept` header (default: {default})."))
            .attrs();
        out.extend(quote! {
            #doc
            pub fn accept(mut self, accept: impl Into<String>) -> Self {
                self.accept = Some(accept.into());
                self
            }
        });
    }
    if builtins.content_type {
        let default = op
            .body
            .as_ref()
            .map(|b| super::plan::default_content_type(op, b))
            .unwrap_or_default();
        let doc = Doc::new()
            .raw(format!(
                "Sets the `Content-Type` of the body (default: {}).",
                code(&default)
            ))
            .attrs();
        out.extend(quote! {
            #doc
            pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
                self.content_type = Some(content_type.into());
                self
            }
        });
    }
    out
}
