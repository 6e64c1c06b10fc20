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

use super::types::{Argument, Scope};
use super::{Ctx, Doc, Names, code, unraw};
use crate::ir::{BodyKind, Group, Location, Operation, Parameter, RequestBody, TypeRef};
use crate::{ErrorKind, Result};

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

/// Where an input goes.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    /// A parameter (path, query, header, cookie, per-call host).
    Param(&'a Parameter),
    /// The body.
    Body,
    /// A field of a form body.
    Form(&'a Parameter),
    /// A field of a multipart body.
    Multipart(&'a Parameter),
    /// A field of a flattened JSON body (`x-ms-client-flatten`).
    BodyField(&'a crate::ir::BodyField),
    /// A parameter group (`x-ms-parameter-grouping`) standing for some of the others.
    Group,
}

/// The value an optional query or header parameter starts with when the spec gives it a
/// primitive `default` or one of its enum's values: AutoRest's generators send it unless the
/// caller sets another value (`keyVersion=v1`), so that a server that requires it gets it.
/// `None` for other parameters.
fn spec_default(ctx: &Ctx<'_>, p: &Parameter) -> Result<Option<TokenStream>> {
    if p.required || !matches!(p.location, Location::Query | Location::Header) {
        return Ok(None);
    }
    let Some(value) = p.default.as_ref() else {
        return Ok(None);
    };
    if let Some(e) = ctx.enum_of(&p.ty) {
        let Some(variant) = e.values.iter().find(|v| &v.value == value) else {
            return Ok(None);
        };
        let ty = ctx.rust_type(&p.ty, Scope::Outside, &p.pointer)?;
        let variant = ctx.ident(&variant.rust_name, &p.pointer)?;
        return Ok(Some(quote!(Some(#ty::#variant))));
    }
    Ok(primitive_default(&p.ty, value))
}

fn primitive_default(ty: &TypeRef, value: &serde_json::Value) -> Option<TokenStream> {
    match (ty, value) {
        (TypeRef::String { .. }, serde_json::Value::String(text)) => {
            Some(quote!(Some(String::from(#text))))
        }
        (TypeRef::Integer { .. }, serde_json::Value::Number(n)) => {
            let lit = proc_macro2::Literal::i64_unsuffixed(n.as_i64()?);
            Some(quote!(Some(#lit)))
        }
        (TypeRef::Number { .. }, serde_json::Value::Number(n)) => {
            let lit = proc_macro2::Literal::f64_unsuffixed(n.as_f64()?);
            Some(quote!(Some(#lit)))
        }
        (TypeRef::Boolean, serde_json::Value::Bool(b)) => Some(quote!(Some(#b))),
        _ => None,
    }
}

/// A value the caller gives: a positional argument or a setter.
pub(crate) struct Input<'a> {
    pub kind: Kind<'a>,
    pub ident: Ident,
    pub required: bool,
    pub arg: Argument,
    pub doc: Doc,
    /// The initial value of an optional setter: `None`, or the spec's default (see
    /// [`spec_default`]).
    pub initial: TokenStream,
}

/// The caller's inputs of `op`, in IR order: parameters (not client-level), then the body or
/// its form fields.
pub(crate) fn inputs<'a>(ctx: &Ctx<'a>, op: &'a Operation) -> Result<Vec<Input<'a>>> {
    let mut out = Vec::new();
    for p in op.parameters.iter().filter(|p| !p.client_level) {
        if p.location == Location::Body {
            return Err(ctx.error(
                ErrorKind::Internal,
                &p.pointer,
                "a body parameter is in `parameters`; it belongs in `body`",
            ));
        }
        let input = if super::wire::is_link(op, p) {
            link_input(ctx, p)?
        } else {
            param_input(ctx, p, Kind::Param(p))?
        };
        out.push(input);
    }
    if let Some(body) = &op.body {
        match &body.kind {
            BodyKind::Form { fields } => {
                for field in fields {
                    out.push(param_input(ctx, field, Kind::Form(field))?);
                }
            }
            BodyKind::Multipart { fields } => {
                for field in fields {
                    out.push(param_input(ctx, field, Kind::Multipart(field))?);
                }
            }
            BodyKind::Json { .. } if op.flattened_body.is_some() => {
                out.extend(super::flatten::body_inputs(ctx, op)?);
            }
            BodyKind::Json { ty } => out.push(json_body_input(ctx, body, ty)?),
            BodyKind::Binary => out.push(body_input(ctx, body, &TypeRef::Binary)?),
            BodyKind::Text => out.push(body_input(ctx, body, &TypeRef::String { format: None })?),
        }
    }
    Ok(out)
}

fn param_input<'a>(ctx: &Ctx<'_>, p: &'a Parameter, kind: Kind<'a>) -> Result<Input<'a>> {
    let ident = ctx.ident(&p.rust_name, &p.pointer)?;
    let arg = ctx.argument(&p.ty, &quote!(#ident), &p.pointer)?;
    let place = match p.location {
        Location::Path => "path parameter",
        Location::Query => "query parameter",
        Location::Header => "header",
        Location::Cookie => "cookie",
        Location::Host => "host parameter",
        Location::Form | Location::Body => "form field",
    };
    let sent = match &p.header_prefix {
        Some(prefix) => format!(
            "Each entry is sent as a header named {} followed by its key.",
            code(prefix)
        ),
        None => format!("Sent as the {} {place}.", code(&p.name)),
    };
    let mut doc = Doc::new().spec(p.description.as_deref()).raw(sent);
    if p.skip_url_encoding {
        doc = doc.raw(
            "Sent verbatim, not percent-encoded: it may carry its own (encoded) query. When it is \
             the whole path, it may be a link as a `Location` header gives it (`https://host/..`, \
             `/..` or `..`), which must stay on the client's scheme, host and port: a link \
             elsewhere is refused before sending \
             ([`ErrorKind::CrossOrigin`](crate::ErrorKind::CrossOrigin)).",
        );
    }
    let initial = spec_default(ctx, p)?;
    if let (false, Some(default)) = (p.required, &p.default) {
        doc = doc.raw(if initial.is_some() {
            format!(
                "When not set, the spec's default {} is sent.",
                code(&default.to_string())
            )
        } else {
            format!(
                "When not set, nothing is sent and the server's default applies ({}).",
                code(&default.to_string())
            )
        });
    }
    let required = p.required || matches!(p.location, Location::Path | Location::Host);
    Ok(Input {
        kind,
        ident,
        required,
        arg,
        doc,
        initial: initial.unwrap_or_else(|| quote!(None)),
    })
}

/// A path parameter that is the whole path: the runtime takes it as a link (a `Location`
/// header's value) and resolves it against the base URL. What the client does comes first in
/// its docs, before the description's text, which was written for clients that paste the value
/// after the host (`do not include initial /`) and no longer applies as such.
fn link_input<'a>(ctx: &Ctx<'_>, p: &'a Parameter) -> Result<Input<'a>> {
    let mut input = param_input(ctx, p, Kind::Param(p))?;
    let mut doc = Doc::new()
        .raw(
            "The link as the server gave it (a `Location` header's value, a next-page link), taken \
         as it is: keep any leading `/`.",
        )
        .raw(
            "The client resolves it against its base URL, so an absolute URL \
         (`https://host/v2/..`), an absolute path (`/v2/..`) and a relative path all work; a \
         link to another scheme, host or port is refused before sending \
         ([`ErrorKind::CrossOrigin`](crate::ErrorKind::CrossOrigin)). The value is sent \
         verbatim, not percent-encoded (it may carry its own encoded query).",
        );
    if p.description
        .as_deref()
        .is_some_and(|d| !d.trim().is_empty())
    {
        doc = doc
            .raw("The API description says (where it differs, the client does as above):")
            .spec(p.description.as_deref());
    }
    input.doc = doc.raw(format!("Sent as the {} path parameter.", code(&p.name)));
    Ok(input)
}

fn body_input<'a>(ctx: &Ctx<'_>, body: &'a RequestBody, ty: &TypeRef) -> Result<Input<'a>> {
    let doc = Doc::new()
        .spec(body.description.as_deref())
        .raw("Sent as the request body.");
    let ident = ctx.ident(&body.rust_name, &body.pointer)?;
    let arg = ctx.argument(ty, &quote!(#ident), &body.pointer)?;
    Ok(Input {
        kind: Kind::Body,
        ident,
        required: body.required,
        arg,
        doc,
        initial: quote!(None),
    })
}

/// A JSON body: a `RequestContent` of its type, so that raw bytes can be given instead of a
/// typed value.
fn json_body_input<'a>(ctx: &Ctx<'_>, body: &'a RequestBody, ty: &TypeRef) -> Result<Input<'a>> {
    let mut input = body_input(ctx, body, ty)?;
    let ty = ctx.rust_type(ty, Scope::Outside, &body.pointer)?;
    let ident = &input.ident;
    input.arg = Argument {
        arg: quote!(impl Into<crate::runtime::RequestContent<#ty>>),
        field: quote!(crate::runtime::RequestContent<#ty>),
        convert: quote!(#ident.into()),
        identity: false,
    };
    input.doc = input.doc.raw(
        "A typed value, or raw bytes with their content type \
         ([`RequestContent::raw`](crate::runtime::RequestContent::raw)), sent exactly as given.",
    );
    Ok(input)
}

/// The built-in setters of an operation's builder.
pub(crate) struct Builtins {
    /// `accept(..)`: the operation has no `Accept` header parameter.
    pub accept: bool,
    /// `content_type(..)`: the operation has a body that is not multipart, and no
    /// `Content-Type` header parameter.
    pub content_type: bool,
}

pub(crate) fn builtins(op: &Operation) -> Builtins {
    let has_header = |name: &str| {
        op.parameters
            .iter()
            .any(|p| p.location == Location::Header && p.name.eq_ignore_ascii_case(name))
    };
    let body = op
        .body
        .as_ref()
        .is_some_and(|b| !matches!(b.kind, BodyKind::Multipart { .. }));
    Builtins {
        accept: !has_header("accept"),
        content_type: body && !has_header("content-type"),
    }
}

fn operation(
    ctx: &Ctx<'_>,
    op: &Operation,
    client_ty: &Ident,
    types: &mut Names,
) -> Result<Emitted> {
    let request_ty = ctx.suffixed(&op.type_name, "Request", &op.pointer)?;
    types.claim(ctx, &request_ty.to_string(), &op.pointer, "request type")?;
    let responses = super::responses::responses(ctx, op)?;
    types.claim(ctx, &responses.ty.to_string(), &op.pointer, "response type")?;
    let inputs = inputs(ctx, op)?;
    let grouping = super::groups::grouping(ctx, op, &inputs)?;
    let builtins = builtins(op);

    // A list operation's builder gets `pages()` and `into_stream()` (and keeps `request` and
    // `read`), unless a parameter already has one of those names: then it is a plain request.
    let paging = if op.paging.is_some() {
        None
    } else {
        super::paging::paging(ctx, op)?
    }
    .filter(|_| {
        !inputs
            .iter()
            .any(|i| super::paging::RESERVED.contains(&unraw(&i.ident.to_string())))
    });
    // A long-running operation's builder gets `poller()` and awaits to the final result (not
    // for a `Link` list; nor when a parameter is named `poller`).
    let lro = super::lro::lro(ctx, op)?.filter(|_| {
        paging.is_none()
            && !inputs
                .iter()
                .any(|i| super::lro::RESERVED.contains(&unraw(&i.ident.to_string())))
    });
    let mut fields = Names::new(BUILDER_RESERVED);
    if lro.is_some() {
        for name in super::lro::RESERVED {
            fields.claim(ctx, name, &op.pointer, "long-running operation method")?;
        }
    }
    if paging.is_some() {
        for name in super::paging::RESERVED {
            fields.claim(ctx, name, &op.pointer, "list method")?;
        }
    }
    for input in &inputs {
        fields.claim(ctx, &input.ident.to_string(), &op.pointer, "parameter")?;
    }
    for ident in grouping.idents() {
        fields.claim(ctx, &ident.to_string(), &op.pointer, "parameter group")?;
    }
    let mut builtin_fields = Vec::new();
    if builtins.accept {
        fields.claim(ctx, "accept", &op.pointer, "parameter")?;
        builtin_fields.push(quote!(accept));
    }
    if builtins.content_type {
        fields.claim(ctx, "content_type", &op.pointer, "parameter")?;
        builtin_fields.push(quote!(content_type));
    }

    let positional: Vec<&Input<'_>> = grouping.positional(&inputs);
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
    let method = quote! {
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
    };

    let struct_fields = inputs.iter().map(|i| {
        let (ident, ty) = (&i.ident, &i.arg.field);
        if i.required {
            quote!(#ident: #ty,)
        } else {
            quote!(#ident: Option<#ty>,)
        }
    });
    let group_setters = grouping.setters(&inputs);
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
    let builtin_setters = builtin_setters(op, &builtins);
    let build = super::wire::build_request(ctx, op, &inputs, &builtins)?;
    let send_request = super::wire::send_request(ctx, op, &inputs)?;
    let dispatch = &responses.dispatch;
    let response_ty = &responses.ty;
    let send_doc = quote! {
        #[doc = " Sends the request, and reads the status, the headers and (unless it is streamed) the body."]
        #[doc = ""]
        #[doc = " # Errors"]
        #[doc = ""]
        #[doc = " Fails when the request cannot be built or sent, when the status is not a documented"]
        #[doc = " success ([`ErrorKind::UnexpectedStatus`](crate::ErrorKind::UnexpectedStatus)), or"]
        #[doc = " when the body does not decode."]
    };
    // A pageable long-running operation: `.await` polls, then pages the final result.
    let after_poller = match (&op.paging, &lro) {
        (Some(paging), Some(lro)) => Some(super::pager::after_poller(
            ctx,
            op,
            paging,
            &inputs,
            &builtins,
            &lro.errors,
        )?),
        _ => None,
    };
    let pager = match op.paging.as_ref().filter(|_| lro.is_none()) {
        Some(paging) => Some(super::pager::emit(
            ctx,
            op,
            paging,
            &inputs,
            &builtins,
            response_ty,
            &build,
            dispatch,
        )?),
        None => None,
    };
    let make_request = super::pager::is_next_operation(ctx, op)
        .then(|| super::pager::make_request(&request_ty, &build));
    let send = match (&pager, &paging, &lro) {
        (Some(pager), _, _) => pager.send.clone(),
        (None, Some(paging), _) => {
            super::paging::methods(paging, response_ty, &build, dispatch, &send_doc)
        }
        (None, None, Some(lro)) => {
            super::lro::methods(lro, op, response_ty, &build, &send_request, dispatch)
        }
        (None, None, None) => {
            let errors = &responses.errors;
            let operation_id = &op.operation_id;
            quote! {
                #send_doc
                pub fn send(self) -> crate::runtime::BoxFuture<Result<#response_ty, crate::Error>> {
                    let sent = crate::runtime::SendRequest::sent(self);
                    Box::pin(crate::runtime::execute(#operation_id, sent, #errors))
                }
            }
        }
    };
    // The plain operation's request and answer, read by the runtime's `execute`.
    let thin = match (&pager, &paging, &lro) {
        (None, None, None) => {
            let client_send = super::wire::client_send(ctx, op, &inputs)?;
            let decode_impl = &responses.decode_impl;
            Some(quote! {
                impl crate::runtime::SendRequest for #request_ty {
                    fn sent(self) -> Result<crate::runtime::Sent, crate::runtime::Error> {
                        #build
                        Ok(#client_send)
                    }
                }
                #decode_impl
            })
        }
        _ => None,
    };
    let response_items = &responses.items;
    let operation_id = &op.operation_id;
    let (output, future) = match (&pager, &after_poller, &lro) {
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
    let request_doc = Doc::new()
        .raw(format!(
            "A {} request, made by [`{client_ty}::{}`]: set optional parameters, then `.await` it \
             (or call [`send`](Self::send)).",
            code(operation_id),
            unraw(&op.rust_name)
        ))
        .attrs();
    let request_name = request_ty.to_string();
    let page_impl = pager
        .as_ref()
        .map(|p| p.page_impl.clone())
        .or_else(|| after_poller.as_ref().map(|a| a.page_impl.clone()));
    let items = quote! {
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
    };
    Ok(Emitted { method, items })
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
            .map(|b| super::wire::default_content_type(op, b))
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
