//! Pageable operations (`x-ms-pageable`, [`crate::ir::Paging`]): `send()` and `.await` give a
//! [`Pager`](crate) (the runtime's `Pager<Response>`) after the first page, and the response type
//! implements the runtime's `Page` (its items and its next link). The paging itself is the
//! runtime's; an operation adds only:
//!
//! - a `fetch` closure: send a request through the client (with the first request's per-call
//!   host values) and read a page with the operation's status dispatch;
//! - how the next request is made: a `GET` of the link (`NextPage::Link`, with the re-applied
//!   query parameter names), or the next operation's request builder filled from this one's
//!   values and the link (`NextPage::Operation`); every next operation implements the runtime's
//!   `MakeRequest`.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::facts::{Builtins, Kind};
use super::inputs::Input;
use super::plan::OperationPlan;
use super::types::Scope;
use super::{Ctx, Doc, code};
use crate::ir::{Location, ModelKind, Operation, Paging, TokenSource};
use crate::{ErrorKind, Result};

/// True when some pageable operation names `op` as its next-page operation.
pub(crate) fn is_next_operation(ctx: &Ctx<'_>, op: &Operation) -> bool {
    ctx.next_operations.contains(op.operation_id.as_str())
}

/// `impl MakeRequest` for a next operation's builder: its request, built as `send()` builds it.
pub(crate) fn make_request(request_ty: &Ident, build: &TokenStream) -> TokenStream {
    quote! {
        impl crate::runtime::MakeRequest for #request_ty {
            fn make_request(&self) -> Result<crate::runtime::Request, crate::runtime::Error> {
                #build
                Ok(request)
            }
        }
    }
}

/// What a pageable operation emits.
pub(crate) struct Emitted {
    /// `send()`.
    pub send: TokenStream,
    /// The `Output` of `IntoFuture`.
    pub output: TokenStream,
    /// `impl Page for <Op>Response`.
    pub page_impl: TokenStream,
}

pub(crate) fn emit(
    ctx: &Ctx<'_>,
    plan: &OperationPlan<'_>,
    paging: &Paging,
    build: &TokenStream,
) -> Result<Emitted> {
    let (op, inputs, builtins) = (plan.op, &plan.inputs[..], &plan.builtins);
    let (response_ty, dispatch) = (&plan.responses.ty, &plan.responses.dispatch);
    let (item, mut page_impl) =
        page_impl(ctx, op, paging, &quote!(#response_ty), quote!(self.body))?;
    let fetch = fetch(ctx, op, inputs, &quote!(#response_ty), dispatch)?;
    if !paging.continuation.is_empty() {
        page_impl.extend(continued_impl(ctx, op, paging, response_ty)?);
        return Ok(Emitted {
            page_impl,
            ..continued(paging, &item, response_ty, &fetch, build)
        });
    }
    let next = next(ctx, op, paging, inputs, builtins)?;
    let mut doc = Doc::new()
        .raw(
            "Sends the request for the first page, and returns the pager: a stream of the items \
             of every page (`while let Some(item) = pager.try_next().await?`, or `try_collect`), \
             or of the pages themselves with [`Pager::into_pages`](crate::Pager::into_pages).",
        )
        .raw(format!(
            "The items are the {} array of each page, of type [`{}`]. The next pages are \
             fetched when the stream gets to them, through the client's pipeline (credentials, \
             retries).",
            code(&paging.item_name),
            item.to_string().replace(' ', "")
        ));
    doc = match (&paging.next_link_name, &paging.next_operation) {
        (None, _) => doc.raw("The list is one page: the pages end after the first."),
        (Some(link), None) => doc.raw(format!(
            "Each next page is a `GET` of the page's {} link (resolved against the client's \
             base URL), with this request's headers{}; a link to another scheme, host or port \
             is refused ([`ErrorKind::CrossOrigin`](crate::ErrorKind::CrossOrigin)). The pages \
             end at a page without a link.",
            code(link),
            if paging.reapplied_query.is_empty() {
                String::new()
            } else {
                format!(
                    " and its {} query parameter",
                    code(&paging.reapplied_query.join(", "))
                )
            }
        )),
        (Some(link), Some(next)) => doc.raw(format!(
            "Each next page is fetched by the {} operation, with this request's values and the \
             page's {} link. The pages end at a page without a link.",
            code(next),
            code(link)
        )),
    };
    let doc = doc
        .raw("# Errors")
        .raw(
            "Fails when the first request cannot be built or sent, when its status is not a \
             documented success ([`ErrorKind::UnexpectedStatus`](crate::ErrorKind::UnexpectedStatus)), \
             or when its body does not decode. A next page that fails is an `Err` item of the \
             stream, after which it ends.",
        )
        .attrs();
    let send = quote! {
        #doc
        pub async fn send(self) -> Result<crate::Pager<#response_ty>, crate::Error> {
            #fetch
            #next
            #build
            crate::runtime::Pager::start(request, fetch, next).await
        }
    };
    Ok(Emitted {
        send,
        output: quote!(Result<crate::Pager<#response_ty>, crate::Error>),
        page_impl,
    })
}

/// The `send()` of continuation paging: the next pages are the same request with the tokens.
fn continued(
    paging: &Paging,
    item: &TokenStream,
    response_ty: &Ident,
    fetch: &TokenStream,
    build: &TokenStream,
) -> Emitted {
    let tokens: Vec<String> = paging
        .continuation
        .iter()
        .map(|t| match &t.from {
            TokenSource::Body { property } => {
                format!(
                    "the page's {} as the {} query parameter",
                    code(property),
                    code(&t.query)
                )
            }
            TokenSource::Header { name } => {
                format!(
                    "the {} header as the {} query parameter",
                    code(name),
                    code(&t.query)
                )
            }
        })
        .collect();
    let doc = Doc::new()
        .raw(
            "Sends the request for the first page, and returns the pager: a stream of the items \
             of every page (`while let Some(item) = pager.try_next().await?`, or `try_collect`), \
             or of the pages themselves with [`Pager::into_pages`](crate::Pager::into_pages).",
        )
        .raw(format!(
            "The items are the {} array of each page, of type [`{}`]. Each next page is this \
             request again with {}, fetched when the stream gets to it \
             through the client's pipeline (credentials, retries). The pages end at a page \
             without these.",
            code(&paging.item_name),
            item.to_string().replace(' ', ""),
            tokens.join(" and ")
        ))
        .raw("# Errors")
        .raw(
            "Fails when the first request cannot be built or sent, when its status is not a \
             documented success ([`ErrorKind::UnexpectedStatus`](crate::ErrorKind::UnexpectedStatus)), \
             or when its body does not decode. A next page that fails is an `Err` item of the \
             stream, after which it ends.",
        )
        .attrs();
    Emitted {
        send: quote! {
            #doc
            pub async fn send(self) -> Result<crate::Pager<#response_ty>, crate::Error> {
                #fetch
                #build
                crate::runtime::Pager::continued(request, fetch).await
            }
        },
        output: quote!(Result<crate::Pager<#response_ty>, crate::Error>),
        page_impl: TokenStream::new(),
    }
}

/// `impl Continued for <Op>Response`: the tokens of a page, from its body and headers.
fn continued_impl(
    ctx: &Ctx<'_>,
    op: &Operation,
    paging: &Paging,
    response_ty: &Ident,
) -> Result<TokenStream> {
    let internal = |what: &str| ctx.error(ErrorKind::Internal, &op.pointer, what.to_owned());
    let Some(ModelKind::Struct(page)) = ctx.models.get(paging.page_model.as_str()).map(|m| &m.kind)
    else {
        return Err(internal("the page model is not a struct"));
    };
    let mut pushes = Vec::new();
    for token in &paging.continuation {
        let query = &token.query;
        let value = match &token.from {
            TokenSource::Body { property } => {
                let p = page
                    .properties
                    .iter()
                    .find(|p| &p.name == property)
                    .ok_or_else(|| internal("the page model has no token property"))?;
                let field = ctx.ident(&p.rust_name, &op.pointer)?;
                if super::model_parts::optional_field(p) {
                    quote!(self.body.#field.as_deref())
                } else {
                    quote!(Some(self.body.#field.as_str()))
                }
            }
            TokenSource::Header { name } => {
                quote!(self.http.headers().get(#name).and_then(|v| v.to_str().ok()))
            }
        };
        pushes.push(quote! {
            if let Some(value) = #value {
                tokens.push((#query, value.to_owned()));
            }
        });
    }
    Ok(quote! {
        impl crate::runtime::Continued for #response_ty {
            fn continuation(&self) -> Vec<(&'static str, String)> {
                let mut tokens = Vec::new();
                #(#pushes)*
                tokens
            }
        }
    })
}

/// The item type, and `impl Page for <Op>Response` (whose page model is `body`), or for the
/// page model itself (`body` is `self`).
fn page_impl(
    ctx: &Ctx<'_>,
    op: &Operation,
    paging: &Paging,
    response_ty: &TokenStream,
    body: TokenStream,
) -> Result<(TokenStream, TokenStream)> {
    let internal = |what: &str| ctx.error(ErrorKind::Internal, &op.pointer, what.to_owned());
    let Some(ModelKind::Struct(page)) = ctx.models.get(paging.page_model.as_str()).map(|m| &m.kind)
    else {
        return Err(internal(
            "the page model of `x-ms-pageable` is not a struct",
        ));
    };
    let property = |name: &str| page.properties.iter().find(|p| p.name == name);
    // The items' parent: the page, or a struct inside it (`item_path`), each step a binding.
    let mut parent = page;
    let mut steps = Vec::new();
    for step in &paging.item_path {
        let p = parent
            .properties
            .iter()
            .find(|p| &p.name == step)
            .ok_or_else(|| internal("the page model has no property on the items' path"))?;
        let field = ctx.ident(&p.rust_name, &op.pointer)?;
        steps.push(if super::model_parts::optional_field(p) {
            quote!(let Some(parent) = parent.#field else { return Vec::new(); };)
        } else {
            quote!(let parent = parent.#field;)
        });
        parent = ctx
            .struct_of(&p.ty)
            .ok_or_else(|| internal("a step of the items' path is not a struct"))?;
    }
    let items_property = parent
        .properties
        .iter()
        .find(|p| p.name == paging.item_name)
        .ok_or_else(|| internal("the page model has no items property"))?;
    let item_ty = ctx
        .array_items(&items_property.ty)
        .ok_or_else(|| internal("the items property is not an array"))?;
    let item = ctx.rust_type(item_ty, Scope::Outside, &op.pointer)?;
    let field = ctx.ident(&items_property.rust_name, &op.pointer)?;
    let (start, at) = if steps.is_empty() {
        (TokenStream::new(), body.clone())
    } else {
        (quote!(let parent = #body; #(#steps)*), quote!(parent))
    };
    let items = if super::model_parts::optional_field(items_property) {
        quote!(#start #at.#field.unwrap_or_default())
    } else {
        quote!(#start #at.#field)
    };
    let next_link = match &paging.next_link_name {
        None => quote!(None),
        Some(name) => {
            let p =
                property(name).ok_or_else(|| internal("the page model has no link property"))?;
            let field = ctx.ident(&p.rust_name, &op.pointer)?;
            if super::model_parts::optional_field(p) {
                quote!(#body.#field.as_deref())
            } else {
                quote!(Some(#body.#field.as_str()))
            }
        }
    };
    let page_impl = quote! {
        impl crate::runtime::Page for #response_ty {
            type Item = #item;
            type Model = crate::ErrorModel;
            fn next_link(&self) -> Option<&str> {
                #next_link
            }
            fn into_items(self) -> Vec<#item> {
                #items
            }
        }
    };
    Ok((item, page_impl))
}

/// What a pageable long-running operation emits (its `send()` and `poller()` are the
/// long-running operation's).
pub(crate) struct AfterPoller {
    /// The `Output` of `IntoFuture`: a pager of the final result and the pages it links to.
    pub output: TokenStream,
    /// The body of `IntoFuture::into_future`.
    pub future: TokenStream,
    /// `impl Page` for the page model, in the first such operation of the page model only.
    pub page_impl: TokenStream,
}

/// A pageable long-running operation (`x-ms-pageable` and `x-ms-long-running-operation`):
/// `.await` polls the operation to its end, whose final result is the first page, and gives a
/// pager of it and the next pages (each a page model read from its link).
pub(crate) fn after_poller(
    ctx: &Ctx<'_>,
    plan: &OperationPlan<'_>,
    paging: &Paging,
    errors: &TokenStream,
) -> Result<AfterPoller> {
    let (op, inputs, builtins) = (plan.op, &plan.inputs[..], &plan.builtins);
    let model = ctx
        .models
        .get(paging.page_model.as_str())
        .ok_or_else(|| ctx.error(ErrorKind::Internal, &op.pointer, "no page model".to_owned()))?;
    let ident = ctx.ident(&model.rust_name, &model.pointer)?;
    let page_ty = quote!(crate::models::#ident);
    let (_, page_impl) = page_impl(ctx, op, paging, &page_ty, quote!(self))?;
    // One impl per page model: in the first operation that pages it after polling.
    let mut first = None;
    for o in &ctx.api.operations {
        if ctx.facts(o)?.pages_after_polling()
            && o.paging.as_ref().map(|p| &p.page_model) == Some(&paging.page_model)
        {
            first = Some(o);
            break;
        }
    }
    let page_impl = if first.is_some_and(|o| o.operation_id == op.operation_id) {
        page_impl
    } else {
        TokenStream::new()
    };
    let operation_id = &op.operation_id;
    let read = quote!(crate::runtime::page_body::<#page_ty, crate::ErrorModel>(#operation_id, response, #errors).await);
    let fetch = fetch(ctx, op, inputs, &page_ty, &read)?;
    let next = next(ctx, op, paging, inputs, builtins)?;
    Ok(AfterPoller {
        output: quote!(Result<crate::Pager<#page_ty>, crate::Error>),
        future: quote! {
            Box::pin(async move {
                #fetch
                #next
                let first = self.poller().await?;
                Ok(crate::runtime::Pager::after_poller(#operation_id, first, fetch, next))
            })
        },
        page_impl,
    })
}

/// The input of `op` that is the parameter `p`.
fn input_of<'i, 'a>(
    inputs: &'i [Input<'a>],
    name: &str,
    location: Location,
) -> Option<&'i Input<'a>> {
    inputs
        .iter()
        .find(|i| matches!(i.kind, Kind::Param(p) if p.name == name && p.location == location))
}

/// `let fetch = ...;`: sends a request through the client, with the per-call host values of
/// this request, and reads a page.
fn fetch(
    ctx: &Ctx<'_>,
    op: &Operation,
    inputs: &[Input<'_>],
    response_ty: &TokenStream,
    dispatch: &TokenStream,
) -> Result<TokenStream> {
    let send = if ctx.host_strategy().is_per_call() {
        let mut values = Vec::new();
        let mut clones = Vec::new();
        for p in op
            .parameters
            .iter()
            .filter(|p| p.location == Location::Host && !p.client_level)
        {
            let input = input_of(inputs, &p.name, Location::Host).ok_or_else(|| {
                ctx.error(
                    ErrorKind::Internal,
                    &p.pointer,
                    "host parameter without an input",
                )
            })?;
            let ident = &input.ident;
            let index = Literal::usize_unsuffixed(clones.len());
            clones.push(quote!(self.#ident.clone()));
            let (name, verbatim) = (&p.name, p.skip_url_encoding);
            values.push(
                quote!(crate::runtime::HostValue { name: #name, value: &hosts.#index, verbatim: #verbatim }),
            );
        }
        return Ok(quote! {
            let client = self.client.clone();
            let hosts = (#(#clones,)*);
            let fetch = move |request: crate::runtime::Request| -> crate::runtime::BoxFuture<Result<#response_ty, crate::Error>> {
                let client = client.clone();
                let hosts = hosts.clone();
                Box::pin(async move {
                    let response = client.send(&[#(#values),*], request).await?;
                    #dispatch
                })
            };
        });
    } else {
        quote!(let response = client.send(request).await?;)
    };
    Ok(quote! {
        let client = self.client.clone();
        let fetch = move |request: crate::runtime::Request| -> crate::runtime::BoxFuture<Result<#response_ty, crate::Error>> {
            let client = client.clone();
            Box::pin(async move {
                #send
                #dispatch
            })
        };
    })
}

/// `let next = ...;`: how the next pages are requested.
fn next(
    ctx: &Ctx<'_>,
    op: &Operation,
    paging: &Paging,
    inputs: &[Input<'_>],
    builtins: &Builtins,
) -> Result<TokenStream> {
    let names = &paging.reapplied_query;
    let Some(next_id) = &paging.next_operation else {
        return Ok(quote!(let next = crate::runtime::NextPage::Link(&[#(#names),*]);));
    };
    let internal = |what: String| ctx.error(ErrorKind::Internal, &op.pointer, what);
    let next_op = ctx
        .api
        .operations
        .iter()
        .find(|o| &o.operation_id == next_id)
        .ok_or_else(|| internal(format!("no next operation `{next_id}`")))?;
    let next_ty = ctx.suffixed(&next_op.type_name, "Request", &next_op.pointer)?;
    let next = ctx.facts(next_op)?;
    let mut clones = Vec::new();
    let mut fields = Vec::new();
    // `Clone::clone(&..)` rather than `.clone()`: some values are `Copy` (clippy's
    // `clone_on_copy`), and which ones depends on the spec.
    let mut carry = |expr: TokenStream| {
        let index = Literal::usize_unsuffixed(clones.len());
        clones.push(quote!(Clone::clone(&#expr)));
        quote!(Clone::clone(&carried.#index))
    };
    for input in &next.inputs {
        let Kind::Param(p) = input.kind else {
            return Err(internal("a next operation with a body".to_owned()));
        };
        let ident = ctx.ident(input.name, &next_op.pointer)?;
        if paging.next_link_parameter.as_deref() == Some(p.name.as_str())
            && p.location == Location::Path
        {
            fields.push(quote!(#ident: link.to_owned(),));
            continue;
        }
        let value = match (input_of(inputs, &p.name, p.location), input.required) {
            (Some(first), true) if first.required => {
                let first = &first.ident;
                carry(quote!(self.#first))
            }
            (Some(first), false) if first.required => {
                let first = &first.ident;
                let value = carry(quote!(self.#first));
                quote!(Some(#value))
            }
            (Some(first), false) => {
                let first = &first.ident;
                carry(quote!(self.#first))
            }
            (None, false) => quote!(None),
            (_, true) => {
                return Err(internal(format!(
                    "the next operation needs `{}`, which this one does not give",
                    p.name
                )));
            }
        };
        fields.push(quote!(#ident: #value,));
    }
    if next.builtins.accept {
        let value = if builtins.accept {
            carry(quote!(self.accept))
        } else {
            quote!(None)
        };
        fields.push(quote!(accept: #value,));
    }
    if next.builtins.content_type {
        fields.push(quote!(content_type: None,));
    }
    let carried = (!clones.is_empty()).then(|| quote!(let carried = (#(#clones,)*);));
    let link = if paging.next_link_parameter.is_some() {
        quote!(link)
    } else {
        quote!(_)
    };
    Ok(quote! {
        #carried
        let next_client = self.client.clone();
        let next = crate::runtime::NextPage::Operation(Box::new(move |#link: &str| {
            let next = #next_ty {
                client: next_client.clone(),
                #(#fields)*
            };
            crate::runtime::MakeRequest::make_request(&next)
        }));
    })
}
