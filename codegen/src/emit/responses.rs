//! The response types of an operation, and the `match` on the status that builds them.
//!
//! Success responses are the documented ones below 400 (and `1XX`-`3XX` ranges), the documented
//! 4xx/5xx that the IR marks as answers (`Response::answer`: AutoRest's rule for operations with
//! a `default` error response), and a
//! documented bodiless `404` of a `HEAD` operation: "does not exist" is an answer there, not a
//! failure (the Azure SDKs' head-as-boolean rule; any other 4xx of a `HEAD` stays an error). One success
//! response gives a struct `<Op>Response`; several give an enum `<Op>Response` with one boxed
//! variant per status (named by the IR response `rust_name`), each a struct `<Op><RustName>`.
//! Only the documented statuses are answers, as in AutoRest's clients; a documented `200` also
//! takes `206 Partial Content` (the answer to a `Range` request). Everything else, documented 4xx/5xx included, is an
//! `Error` of kind `UnexpectedStatus`, with the body decoded into `ErrorModel` when the
//! operation documents a model for it.
//!
//! Each struct has typed header fields (`Option<T>`, `None` when absent or not parseable), a
//! `body` (a model, `String`, or a streaming `ByteStream`), `status()`, `headers()`, and
//! `raw_body()` for bodies read into memory.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::status::status_pattern;
use super::types::Scope;
use super::{Ctx, Doc, Names, code};
use crate::Result;
use crate::ir::{Operation, Response, ResponseBody};

/// What `operations` needs: the items to put in the group file, the response type, and the
/// expression (using a `response: reqwest::Response`) that returns `Result<Type, Error>`.
pub(crate) struct Responses {
    pub items: TokenStream,
    pub ty: Ident,
    pub dispatch: TokenStream,
    /// `impl runtime::Decode for <Op>Response`: what the runtime's `execute` reads of each
    /// status, and the answer it decodes, without awaiting anything.
    pub decode_impl: TokenStream,
    /// The error decoder (`|status, body| ..`), for `execute`.
    pub errors: TokenStream,
}

pub(crate) fn responses(ctx: &Ctx<'_>, op: &Operation) -> Result<Responses> {
    let ty = ctx.suffixed(&op.type_name, "Response", &op.pointer)?;
    let success = &ctx.facts(op)?.answers;
    let operation_id = &op.operation_id;
    let mut items = Vec::new();
    let mut arms = Vec::new();
    let mut read_arms = Vec::new();
    let mut decode_arms = Vec::new();
    if success.len() <= 1 {
        let fallback;
        let response = match success.first() {
            Some(r) => *r,
            None => {
                fallback = untyped(op);
                &fallback
            }
        };
        let made = response_struct(ctx, op, response, &ty)?;
        let (item, read, build) = (&made.item, &made.read, &made.build);
        items.push(item.clone());
        let pattern = pattern(response, op);
        arms.push(quote!(#pattern => { #read Ok(#build) }));
        let (kind, thin_read, thin_build) = (&made.kind, &made.thin_read, &made.thin_build);
        read_arms.push(quote!(#pattern => crate::runtime::Read::#kind,));
        decode_arms.push(quote!(#pattern => { #thin_read Ok(#thin_build) }));
    } else {
        let mut variants = Vec::new();
        let mut status_arms = Vec::new();
        let mut headers_arms = Vec::new();
        let mut variant_names = Names::new([]);
        for response in success {
            variant_names.claim(ctx, &response.rust_name, &op.pointer, "response variant")?;
            let variant = ctx.ident(&response.rust_name, &op.pointer)?;
            let struct_ty = ctx.suffixed(&op.type_name, &response.rust_name, &op.pointer)?;
            let made = response_struct(ctx, op, response, &struct_ty)?;
            let (item, read, build) = (&made.item, &made.read, &made.build);
            items.push(item.clone());
            let doc = Doc::new()
                .raw(format!("{}: a [`{struct_ty}`].", status_text(response)))
                .attrs();
            variants.push(quote!(#doc #variant(Box<#struct_ty>),));
            status_arms.push(quote!(#ty::#variant(response) => response.status(),));
            headers_arms.push(quote!(#ty::#variant(response) => response.headers(),));
            let pattern = pattern(response, op);
            arms.push(quote!(#pattern => { #read Ok(#ty::#variant(Box::new(#build))) }));
            let (kind, thin_read, thin_build) = (&made.kind, &made.thin_read, &made.thin_build);
            read_arms.push(quote!(#pattern => crate::runtime::Read::#kind,));
            decode_arms
                .push(quote!(#pattern => { #thin_read Ok(#ty::#variant(Box::new(#thin_build))) }));
        }
        let cloneable = success.iter().all(|r| !is_streamed(r));
        let clone = cloneable.then(|| quote!(Clone,));
        let doc = Doc::new()
            .raw(format!(
                "The responses of {}, one variant per documented status.",
                code(operation_id)
            ))
            .attrs();
        items.push(quote! {
            #doc
            #[derive(Debug, #clone)]
            pub enum #ty { #(#variants)* }
            impl #ty {
                #[doc = " The HTTP status."]
                pub fn status(&self) -> reqwest::StatusCode {
                    match self { #(#status_arms)* }
                }
                #[doc = " All response headers."]
                pub fn headers(&self) -> &reqwest::header::HeaderMap {
                    match self { #(#headers_arms)* }
                }
            }
        });
    }
    let decoder = super::errors::decoder(ctx, op)?;
    let dispatch = quote! {
        match response.status().as_u16() {
            #(#arms)*
            _ => Err(crate::runtime::unexpected_status(#operation_id, response, #decoder).await),
        }
    };
    let decode_impl = quote! {
        impl crate::runtime::Decode for #ty {
            fn read(status: u16) -> crate::runtime::Read {
                match status {
                    #(#read_arms)*
                    _ => crate::runtime::Read::Unexpected,
                }
            }
            fn decode(
                received: crate::runtime::Received,
            ) -> Result<Self, crate::runtime::Error> {
                match received.status() {
                    #(#decode_arms)*
                    _ => Err(received.unexpected()),
                }
            }
        }
    };
    Ok(Responses {
        items: quote!(#(#items)*),
        ty,
        dispatch,
        decode_impl,
        errors: decoder,
    })
}

/// The response used when an operation documents no success status: any 2xx, body streamed.
fn untyped(op: &Operation) -> Response {
    Response {
        status: None,
        status_range: Some("2XX".into()),
        description: None,
        body: (op.method != "HEAD").then(|| ResponseBody::Binary {
            media_types: Vec::new(),
        }),
        headers: Vec::new(),
        rust_name: String::new(),
        answer: false,
    }
}

fn is_streamed(response: &Response) -> bool {
    matches!(response.body, Some(ResponseBody::Binary { .. }))
}

fn status_text(response: &Response) -> String {
    match (response.status, &response.status_range) {
        (Some(status), _) => format!("Status {}", code(&status.to_string())),
        (None, Some(text)) => format!("Status {}", code(text)),
        (None, None) => "Any status".into(),
    }
}

/// The `match` pattern: the status (`200` with `206`), its range, or any 2xx for the stand-in
/// of an operation that documents no success.
fn pattern(response: &Response, op: &Operation) -> TokenStream {
    // A `200` also answers as `206 Partial Content` when the request had a `Range` header
    // (RFC 9110, 15.3.7): the same success, for part of the representation (unless the
    // operation documents `206` itself).
    if response.status == Some(200) && !op.responses.iter().any(|r| r.status == Some(206)) {
        return quote!(200 | 206);
    }
    status_pattern(response).unwrap_or_else(|| quote!(200..=299))
}

/// One response struct, and how it is read.
struct Made {
    /// The struct and its methods.
    item: TokenStream,
    /// The statements that read `response` (awaiting its body).
    read: TokenStream,
    /// The expression that builds the struct after `read`.
    build: TokenStream,
    /// What `execute` reads of the body: a `runtime::Read` variant.
    kind: Ident,
    /// The statements that decode `received` (the body already read).
    thin_read: TokenStream,
    /// The expression that builds the struct after `thin_read`.
    thin_build: TokenStream,
}

fn response_struct(
    ctx: &Ctx<'_>,
    op: &Operation,
    response: &Response,
    ident: &Ident,
) -> Result<Made> {
    let operation_id = &op.operation_id;
    let mut names = Names::new(["http", "body"]);
    let mut fields = Vec::new();
    let mut shown = Vec::new();
    let mut inits = Vec::new();
    for header in &response.headers {
        names.claim(ctx, &header.rust_name, &op.pointer, "response header")?;
        let field = ctx.ident(&header.rust_name, &op.pointer)?;
        shown.push(super::redact::Field {
            ident: field.clone(),
            label: super::unraw(&header.rust_name).to_owned(),
            secret: super::redact::is_secret_name(&header.name).then_some(true),
        });
        if let Some(prefix) = &header.prefix {
            let doc = Doc::new()
                .spec(header.description.as_deref())
                .raw(format!(
                    "Every header whose name starts with {}, by the rest of its name (as \
                     received: HTTP/1.1 gives names in lower case); empty when there is none.",
                    code(prefix)
                ))
                .attrs();
            fields.push(quote!(#doc pub #field: std::collections::BTreeMap<String, String>,));
            inits.push(quote!(#field: http.header_collection(#prefix),));
            continue;
        }
        let ty = ctx.header_type(&header.ty);
        let wire = &header.name;
        let doc = Doc::new()
            .spec(header.description.as_deref())
            .raw(format!(
                "From the {} header; `None` when it is absent or not a valid `{}`.",
                code(wire),
                // `time::Date`, not the tokens' `time :: Date`.
                ty.to_string().replace(' ', "")
            ))
            .attrs();
        fields.push(quote!(#doc pub #field: Option<#ty>,));
        let read = ctx.header_read(&header.ty, wire);
        inits.push(quote!(#field: #read,));
    }
    let body = body_reads(ctx, op, response)?;
    let (body_field, body_init, raw) = (&body.field, &body.init, body.raw);
    let raw_body = raw.then(|| {
        quote! {
            #[doc = " The body exactly as received (for digests and signatures)."]
            pub fn raw_body(&self) -> &[u8] {
                self.http.body()
            }
        }
    });
    let clone = (!is_streamed(response)).then(|| quote!(Clone,));
    // A header whose name carries a secret (`x-ms-refresh-token`) is printed `***`.
    let (derive_debug, debug_impl) = if super::redact::needed(&shown) {
        for label in ["body", "http"] {
            let present = label == "http" || body_field.is_some();
            if present {
                shown.push(super::redact::Field {
                    ident: quote::format_ident!("{label}"),
                    label: label.to_owned(),
                    secret: None,
                });
            }
        }
        (None, Some(super::redact::debug_impl(ident, &shown)))
    } else {
        (Some(quote!(Debug,)), None)
    };
    let doc = Doc::new()
        .spec(response.description.as_deref())
        .raw(format!(
            "{} of {}.",
            status_text(response),
            code(operation_id)
        ))
        .attrs();
    let item = quote! {
        #doc
        #[derive(#derive_debug #clone)]
        pub struct #ident {
            #(#fields)*
            #body_field
            http: crate::runtime::ResponseParts,
        }
        #debug_impl
        impl #ident {
            #[doc = " The HTTP status."]
            pub fn status(&self) -> reqwest::StatusCode {
                self.http.status()
            }
            #[doc = " All response headers."]
            pub fn headers(&self) -> &reqwest::header::HeaderMap {
                self.http.headers()
            }
            #raw_body
        }
    };
    let build = quote!(#ident { #(#inits)* #body_init http });
    let thin_init = &body.thin_init;
    let thin_build = quote!(#ident { #(#inits)* #thin_init http });
    Ok(Made {
        item,
        read: body.read,
        build,
        kind: quote::format_ident!("{}", body.kind),
        thin_read: body.thin_read,
        thin_build,
    })
}

/// How a response's body is declared, read and kept.
struct BodyReads {
    /// The `body` field, if any.
    field: Option<TokenStream>,
    /// The statements that read `response`, binding `http` (and `body`).
    read: TokenStream,
    /// The `body` field's initializer.
    init: TokenStream,
    /// The body is kept in memory (`raw_body()`).
    raw: bool,
    /// The `runtime::Read` variant `execute` reads it with.
    kind: &'static str,
    /// The statements that decode `received`, binding `http` (and `body`).
    thin_read: TokenStream,
    /// The `body` field's initializer after `thin_read`.
    thin_init: TokenStream,
}

fn body_reads(ctx: &Ctx<'_>, op: &Operation, response: &Response) -> Result<BodyReads> {
    let operation_id = &op.operation_id;
    let body_doc = quote!(#[doc = " The decoded body."]);
    Ok(match &response.body {
        Some(ResponseBody::Json {
            ty: ir_ty,
            nullable,
            xml,
            ..
        }) => {
            let ty = ctx.rust_type(ir_ty, Scope::Outside, &op.pointer)?;
            // A nullable body decodes `null` and an empty body as `None`.
            let ty = if *nullable { quote!(Option<#ty>) } else { ty };
            // An XML body is read by the XML runtime, a typed format by its adapter.
            let (read, thin_read) = match (xml, ctx.wire_as(ir_ty)) {
                (Some(xml), _) => {
                    let root = super::xml::root(ctx, ir_ty, xml, "body");
                    (
                        quote!(let (body, http) = crate::runtime::xml::read::<#ty>(#operation_id, response, #root).await?;),
                        quote!(let (body, http) = crate::runtime::xml::received::<#ty>(received, #root)?;),
                    )
                }
                (None, Some(adapter)) => {
                    let adapter = if *nullable {
                        quote!(Option<#adapter>)
                    } else {
                        adapter
                    };
                    let wrap = quote!(serde_with::de::DeserializeAsWrap<#ty, #adapter>);
                    (
                        quote! {
                            let (body, http) = crate::runtime::json::<#wrap>(#operation_id, response).await?;
                            let body = body.into_inner();
                        },
                        quote! {
                            let (body, http) = received.json::<#wrap>()?;
                            let body = body.into_inner();
                        },
                    )
                }
                // A constant's one value fills an empty body.
                (None, None) if !*nullable && super::model_parts::is_constant(ctx, ir_ty) => (
                    quote!(let (body, http) = crate::runtime::constant::<#ty>(#operation_id, response).await?;),
                    quote!(let (body, http) = received.constant::<#ty>()?;),
                ),
                (None, None) => (
                    quote!(let (body, http) = crate::runtime::json::<#ty>(#operation_id, response).await?;),
                    quote!(let (body, http) = received.json::<#ty>()?;),
                ),
            };
            BodyReads {
                field: Some(quote!(#body_doc pub body: #ty,)),
                read,
                init: quote!(body,),
                raw: true,
                kind: "Body",
                thin_read,
                thin_init: quote!(body,),
            }
        }
        Some(ResponseBody::Text { .. }) => BodyReads {
            field: Some(quote!(#[doc = " The body, as text."] pub body: String,)),
            read: quote!(let (body, http) = crate::runtime::text(#operation_id, response).await?;),
            init: quote!(body,),
            raw: true,
            kind: "Body",
            thin_read: quote!(let (body, http) = received.text()?;),
            thin_init: quote!(body,),
        },
        Some(ResponseBody::Binary { .. }) => BodyReads {
            field: Some(
                quote!(#[doc = " The body, streamed as it arrives."] pub body: crate::ByteStream,),
            ),
            read: quote!(let http = crate::runtime::ResponseParts::new(&response);),
            init: quote!(body: crate::ByteStream::new(#operation_id, response),),
            raw: false,
            kind: "Stream",
            thin_read: quote!(let (body, http) = received.stream()?;),
            thin_init: quote!(body,),
        },
        None => BodyReads {
            field: None,
            read: quote!(let http = crate::runtime::ResponseParts::new(&response);),
            init: TokenStream::new(),
            raw: false,
            kind: "Headers",
            thin_read: quote!(let http = received.parts();),
            thin_init: TokenStream::new(),
        },
    })
}
