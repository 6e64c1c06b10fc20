//! An operation's inputs: the values its caller gives (parameters, the body or its fields), each
//! with where it goes ([`Kind`]), its name, whether it is positional, its argument type and docs.
//! Every emitter that needs them (the builder, the request, parameter groups, pagers, pollers,
//! examples, docs) reads them from here.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::facts::{InputFact, Kind, is_link};
use super::types::{Argument, Scope};
use super::{Ctx, Doc, code};
use crate::ir::{BodyField, BodyKind, Location, Operation, Parameter, RequestBody, TypeRef};
use crate::{ErrorKind, Result};

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

/// The caller's inputs of `op`, as its [`Facts`](super::facts::Facts) list them (in IR order),
/// with their tokens.
pub(crate) fn inputs<'a>(ctx: &Ctx<'a>, op: &'a Operation) -> Result<Vec<Input<'a>>> {
    let facts = ctx.facts(op)?;
    let mut out = Vec::with_capacity(facts.inputs.len());
    for fact in &facts.inputs {
        out.push(match fact.kind {
            Kind::Param(p) if is_link(op, p) => link_input(ctx, p, fact)?,
            Kind::Param(p) | Kind::Form(p) | Kind::Multipart(p) => param_input(ctx, p, fact)?,
            Kind::BodyField(f) => body_field_input(ctx, op, f, fact)?,
            Kind::Body | Kind::Group => body_input(ctx, op, fact)?,
        });
    }
    Ok(out)
}

fn param_input<'a>(ctx: &Ctx<'_>, p: &Parameter, fact: &InputFact<'a>) -> Result<Input<'a>> {
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
    Ok(Input {
        kind: fact.kind,
        ident,
        required: fact.required,
        arg,
        doc,
        initial: initial.unwrap_or_else(|| quote!(None)),
    })
}

/// A path parameter that is the whole path: the runtime takes it as a link (a `Location`
/// header's value) and resolves it against the base URL. What the client does comes first in
/// its docs, before the description's text, which was written for clients that paste the value
/// after the host (`do not include initial /`) and no longer applies as such.
fn link_input<'a>(ctx: &Ctx<'_>, p: &Parameter, fact: &InputFact<'a>) -> Result<Input<'a>> {
    let mut input = param_input(ctx, p, fact)?;
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

/// The body as one input: a JSON body's typed value (or raw content), bytes or text.
fn body_input<'a>(ctx: &Ctx<'_>, op: &Operation, fact: &InputFact<'a>) -> Result<Input<'a>> {
    let Some(body) = &op.body else {
        return Err(ctx.error(
            ErrorKind::Internal,
            &op.pointer,
            "a body input without a body",
        ));
    };
    match &body.kind {
        BodyKind::Json { ty } => json_body_input(ctx, body, ty, fact),
        BodyKind::Binary => plain_body_input(ctx, body, &TypeRef::Binary, fact),
        _ => plain_body_input(ctx, body, &TypeRef::String { format: None }, fact),
    }
}

fn plain_body_input<'a>(
    ctx: &Ctx<'_>,
    body: &RequestBody,
    ty: &TypeRef,
    fact: &InputFact<'a>,
) -> Result<Input<'a>> {
    let doc = Doc::new()
        .spec(body.description.as_deref())
        .raw("Sent as the request body.");
    let ident = ctx.ident(&body.rust_name, &body.pointer)?;
    let arg = ctx.argument(ty, &quote!(#ident), &body.pointer)?;
    Ok(Input {
        kind: fact.kind,
        ident,
        required: fact.required,
        arg,
        doc,
        initial: quote!(None),
    })
}

/// A JSON body: a `RequestContent` of its type, so that raw bytes can be given instead of a
/// typed value.
fn json_body_input<'a>(
    ctx: &Ctx<'_>,
    body: &RequestBody,
    ty: &TypeRef,
    fact: &InputFact<'a>,
) -> Result<Input<'a>> {
    let mut input = plain_body_input(ctx, body, ty, fact)?;
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

/// A field of a flattened body, as a builder input.
fn body_field_input<'a>(
    ctx: &Ctx<'_>,
    op: &Operation,
    f: &BodyField,
    fact: &InputFact<'a>,
) -> Result<Input<'a>> {
    let ident = ctx.ident(&f.rust_name, &op.pointer)?;
    let arg = ctx.argument(&f.ty, &quote!(#ident), &op.pointer)?;
    let doc = Doc::new()
        .spec(f.description.as_deref())
        .raw(format!("Sent as the body's {} property.", code(&f.name)));
    Ok(Input {
        kind: fact.kind,
        ident,
        required: fact.required,
        arg,
        doc,
        initial: quote!(None),
    })
}
