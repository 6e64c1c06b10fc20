//! An operation's inputs: the values its caller gives (parameters, the body or its fields), each
//! with where it goes ([`Kind`]), its name, whether it is positional, its argument type and docs.
//! Every emitter that needs them (the builder, the request, parameter groups, pagers, pollers,
//! examples, docs) reads them from here.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::{Argument, Scope};
use super::{Ctx, Doc, code};
use crate::ir::{BodyKind, Location, Operation, Parameter, RequestBody, TypeRef};
use crate::{ErrorKind, Result};

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
        let input = if is_link(op, p) {
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
                out.extend(flattened_body_inputs(ctx, op)?);
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

/// The fields of a flattened body, as builder inputs.
fn flattened_body_inputs<'a>(ctx: &Ctx<'_>, op: &'a Operation) -> Result<Vec<Input<'a>>> {
    let Some(flat) = &op.flattened_body else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for f in &flat.fields {
        let ident = ctx.ident(&f.rust_name, &op.pointer)?;
        let arg = ctx.argument(&f.ty, &quote!(#ident), &op.pointer)?;
        let doc = Doc::new()
            .spec(f.description.as_deref())
            .raw(format!("Sent as the body's {} property.", code(&f.name)));
        out.push(Input {
            kind: Kind::BodyField(f),
            ident,
            required: f.required,
            arg,
            doc,
            initial: quote!(None),
        });
    }
    Ok(out)
}

/// True when `p` is a link rather than a path segment: a verbatim path parameter that starts
/// the path (`/{nextLink}`), which the runtime's `Request::path_verbatim` resolves as a URL
/// reference against the base URL.
pub(crate) fn is_link(op: &Operation, p: &Parameter) -> bool {
    let placeholder = format!("{{{}}}", p.name);
    p.location == Location::Path
        && p.skip_url_encoding
        && op.path.trim_start_matches('/').starts_with(&placeholder)
}
