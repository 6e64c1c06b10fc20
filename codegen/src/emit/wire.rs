//! The body of `send()`: what goes on the wire, in this order.
//!
//! 1. The path: the template's literal pieces, and its `{param}`s percent-encoded as one segment
//!    each, or verbatim for `skip_url_encoding` (a verbatim value may bring its own query).
//! 2. The query: `query_constants` first, then query parameters in IR order (arrays per
//!    `collection_format`), after any query a verbatim path value brought.
//! 3. The body, with its `Content-Type` (the caller's, or the first media type).
//! 4. `Accept` from `produces` (or the caller's), then header parameters, which override both
//!    (an `Accept` or `Content-Type` header parameter takes that role); then cookies.
//! 5. Sending, to the client's base URL (or one made from per-call host parameters).

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::facts::{Builtins, Kind};
use super::inputs::Input;
use super::plan::{OperationPlan, default_content_type};
use super::types::Scope;
use crate::ir::{BodyKind, CollectionFormat, Location, Operation, Parameter, RequestBody, TypeRef};
use crate::{ErrorKind, Result};

/// The statements that build `request` (steps 1 to 4).
pub(crate) fn build_request(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> Result<TokenStream> {
    let (op, inputs, builtins) = (plan.op, &plan.inputs[..], &plan.builtins);
    let operation_id = &op.operation_id;
    let template = &op.path;
    let method = method(ctx, op)?;
    let mut out =
        quote!(let mut request = crate::runtime::Request::new(#operation_id, #template, #method););
    out.extend(path(ctx, op, inputs)?);
    for (name, value) in &op.query_constants {
        // A required query parameter of the same name sends it (Azure Storage's
        // `/?comp=list` paths also declare `comp`): the server would read two values.
        let declared = op
            .parameters
            .iter()
            .any(|p| p.location == Location::Query && p.required && p.name == *name);
        if !declared {
            out.extend(quote!(request.query_constant(#name, #value);));
        }
    }
    out.extend(params(ctx, op, inputs, Location::Query)?);
    if let Some(body) = &op.body {
        out.extend(match &op.flattened_body {
            Some(flat) => super::flatten::body_statements(ctx, op, body, flat, inputs, builtins)?,
            None => body_statements(ctx, op, body, inputs, builtins),
        });
    }
    let produces = op.produces.join(", ");
    if builtins.accept {
        out.extend(if produces.is_empty() {
            quote!(if let Some(accept) = &self.accept {
                request.header_str("Accept", accept)?;
            })
        } else {
            quote!(request.header_str("Accept", self.accept.as_deref().unwrap_or(#produces))?;)
        });
    } else if !produces.is_empty() {
        out.extend(quote!(request.header_str("Accept", #produces)?;));
    }
    out.extend(params(ctx, op, inputs, Location::Header)?);
    out.extend(params(ctx, op, inputs, Location::Cookie)?);
    out.extend(params(ctx, op, inputs, Location::Form)?);
    Ok(out)
}

/// `let response = ...;`: sending `request` (step 5).
pub(crate) fn send_request(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> Result<TokenStream> {
    let send = client_send(ctx, plan)?;
    Ok(quote!(let response = #send.await?;))
}

/// The client's send of `request` (a `runtime::Sent`, to await), with the operation's
/// per-call host values when the client has them.
pub(crate) fn client_send(ctx: &Ctx<'_>, plan: &OperationPlan<'_>) -> Result<TokenStream> {
    let (op, inputs) = (plan.op, &plan.inputs[..]);
    Ok(if ctx.host_strategy().is_per_call() {
        let values = host_values(ctx, op, inputs)?;
        quote!(self.client.send(&[#(#values),*], request))
    } else {
        quote!(self.client.send(request))
    })
}

fn method(ctx: &Ctx<'_>, op: &Operation) -> Result<TokenStream> {
    let known = [
        "GET", "PUT", "POST", "DELETE", "PATCH", "HEAD", "OPTIONS", "TRACE",
    ];
    if !known.contains(&op.method.as_str()) {
        return Err(ctx.error(
            ErrorKind::Unsupported,
            &op.pointer,
            format!("HTTP method `{}` is not supported", op.method),
        ));
    }
    let ident = ctx.ident(&op.method, &op.pointer)?;
    Ok(quote!(reqwest::Method::#ident))
}

/// The path with its query constants (`/v2/{name}/blobs/uploads/?mode=resumable`), for docs.
pub fn display_path(op: &Operation) -> String {
    let constants: Vec<String> = op
        .query_constants
        .iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    if constants.is_empty() {
        op.path.clone()
    } else {
        format!("{}?{}", op.path, constants.join("&"))
    }
}

/// Where a parameter's value is: a field of the builder, or of the client.
struct Access {
    expr: TokenStream,
    required: bool,
}

fn access(ctx: &Ctx<'_>, p: &Parameter, inputs: &[Input<'_>]) -> Result<Access> {
    if p.client_level {
        let (field, required) = super::settings::client_field(ctx, p)?;
        return Ok(Access {
            expr: quote!(self.client.inner.#field),
            required,
        });
    }
    let input = inputs
        .iter()
        .find(|i| matches!(i.kind, Kind::Param(q) if std::ptr::eq(p, q)))
        .ok_or_else(|| {
            ctx.error(
                ErrorKind::Internal,
                &p.pointer,
                "parameter without an input",
            )
        })?;
    let ident = &input.ident;
    Ok(Access {
        expr: quote!(self.#ident),
        required: input.required,
    })
}

/// True when `ty` is an enum whose values include the empty string: the
/// spec asks for the empty path segment that the runtime otherwise refuses.
fn lists_empty_string(ctx: &Ctx<'_>, ty: &crate::ir::TypeRef) -> bool {
    let crate::ir::TypeRef::Model { name } = ty else {
        return false;
    };
    match ctx.models.get(name.as_str()).map(|m| &m.kind) {
        Some(crate::ir::ModelKind::Enum(e)) => {
            e.values.iter().any(|v| v.value.as_str() == Some(""))
        }
        _ => false,
    }
}

/// `stmt(&value)`, or, for an optional value, the same inside `if let Some(value) = &...`.
fn with_value(access: &Access, stmt: impl Fn(TokenStream) -> TokenStream) -> TokenStream {
    let expr = &access.expr;
    if access.required {
        stmt(quote!(&#expr))
    } else {
        let inner = stmt(quote!(value));
        quote!(if let Some(value) = &#expr { #inner })
    }
}

fn collection(p: &Parameter) -> TokenStream {
    match p.collection_format.unwrap_or(CollectionFormat::Csv) {
        CollectionFormat::Csv => quote!(crate::runtime::Collection::Csv),
        CollectionFormat::Ssv => quote!(crate::runtime::Collection::Ssv),
        CollectionFormat::Tsv => quote!(crate::runtime::Collection::Tsv),
        CollectionFormat::Pipes => quote!(crate::runtime::Collection::Pipes),
        CollectionFormat::Multi => quote!(crate::runtime::Collection::Multi),
    }
}

fn path(ctx: &Ctx<'_>, op: &Operation, inputs: &[Input<'_>]) -> Result<TokenStream> {
    let mut out = TokenStream::new();
    let mut rest = op.path.as_str();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        let literal = &rest[..open];
        if !literal.is_empty() {
            out.extend(quote!(request.path(#literal);));
        }
        let name = &rest[open + 1..close];
        let p = op
            .parameters
            .iter()
            .find(|p| p.location == Location::Path && p.name == name)
            .ok_or_else(|| {
                ctx.error(
                    ErrorKind::Invalid,
                    &op.pointer,
                    format!("the path has `{{{name}}}` but no path parameter `{name}`"),
                )
            })?;
        let access = access(ctx, p, inputs)?;
        let wire = &p.name;
        out.extend(with_value(&access, |value| {
            let value = adapted(ctx, p, value);
            if p.skip_url_encoding {
                quote!(request.path_verbatim(#wire, #value)?;)
            } else if lists_empty_string(ctx, &p.ty) {
                quote!(request.path_param_or_empty(#wire, #value)?;)
            } else {
                quote!(request.path_param(#wire, #value)?;)
            }
        }));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        out.extend(quote!(request.path(#rest);));
    }
    Ok(out)
}

/// The statements for the parameters at `location` (query, header, cookie, form), in IR order.
fn params(
    ctx: &Ctx<'_>,
    op: &Operation,
    inputs: &[Input<'_>],
    location: Location,
) -> Result<TokenStream> {
    let mut out = TokenStream::new();
    for p in op.parameters.iter().filter(|p| p.location == location) {
        let access = access(ctx, p, inputs)?;
        out.extend(param_statement(ctx, p, &access, location));
    }
    Ok(out)
}

fn param_statement(
    ctx: &Ctx<'_>,
    p: &Parameter,
    access: &Access,
    location: Location,
) -> TokenStream {
    let wire = &p.name;
    let list = ctx.array_items(&p.ty).is_some();
    let collection = collection(p);
    with_value(access, |value| {
        match (location, list, adapted(ctx, p, value)) {
            (Location::Query, true, value) => {
                quote!(request.query_list(#wire, #value, #collection)?;)
            }
            (Location::Query, false, value) if p.skip_url_encoding => {
                quote!(request.query_verbatim(#wire, #value)?;)
            }
            (Location::Query, false, value) => quote!(request.query(#wire, #value)?;),
            (Location::Header, _, value) if p.header_prefix.is_some() => {
                let prefix = p.header_prefix.as_deref().unwrap_or_default();
                quote!(request.header_collection(#prefix, #value)?;)
            }
            (Location::Header, true, value) => {
                quote!(request.header_list(#wire, #value, #collection)?;)
            }
            (Location::Header, false, value) => quote!(request.header(#wire, #value)?;),
            (Location::Cookie, _, value) => quote!(request.cookie(#wire, #value)?;),
            (_, true, value) => quote!(request.form_list(#wire, #value, #collection)?;),
            (_, false, value) => quote!(request.form_field(#wire, #value)?;),
        }
    })
}

/// `value` (a reference to the parameter's value) as the runtime takes it: a typed format
/// goes through its adapter (`SerializeAsWrap`), item by item for an array, so that the
/// runtime writes its wire text (`2024-05-06`, base64, ...).
fn adapted(ctx: &Ctx<'_>, p: &Parameter, value: TokenStream) -> TokenStream {
    let wrap = |ty: &TypeRef| {
        let adapter = ctx.wire_as(ty)?;
        let rust = ctx.rust_type(ty, Scope::Outside, &p.pointer).ok()?;
        Some(quote!(serde_with::ser::SerializeAsWrap::<#rust, #adapter>::new))
    };
    if let Some(items) = ctx.array_items(&p.ty) {
        return match wrap(items) {
            Some(wrap) => quote!(&#value.iter().map(#wrap).collect::<Vec<_>>()),
            None => value,
        };
    }
    match wrap(&p.ty) {
        Some(wrap) => quote!(&#wrap(#value)),
        None => value,
    }
}

fn body_statements(
    ctx: &Ctx<'_>,
    op: &Operation,
    body: &RequestBody,
    inputs: &[Input<'_>],
    builtins: &Builtins,
) -> TokenStream {
    let default = default_content_type(op, body);
    let content_type = if builtins.content_type {
        quote!(self.content_type.as_deref().unwrap_or(#default))
    } else {
        quote!(#default)
    };
    let wire = &body.name;
    let body_input = inputs.iter().find(|i| matches!(i.kind, Kind::Body));
    match (&body.kind, body_input) {
        (BodyKind::Form { .. }, _) => {
            let mut out = quote!(request.header_str("Content-Type", #content_type)?;);
            for input in inputs {
                if let Kind::Form(p) = input.kind {
                    out.extend(field(ctx, input, p, false));
                }
            }
            out
        }
        (BodyKind::Multipart { .. }, _) => {
            let mut out = TokenStream::new();
            for input in inputs {
                if let Kind::Multipart(p) = input.kind {
                    out.extend(field(ctx, input, p, true));
                }
            }
            out
        }
        (BodyKind::Json { ty }, Some(input)) => {
            let ident = &input.ident;
            let chosen = if builtins.content_type {
                quote!(self.content_type.as_deref())
            } else {
                quote!(None)
            };
            // An XML body is written by the XML runtime, a typed format by its adapter.
            let adapt = match (
                ctx.wire_as(ty),
                ctx.rust_type(ty, Scope::Outside, &body.pointer),
            ) {
                (Some(adapter), Ok(rust)) => {
                    quote!(.map(crate::runtime::formats::Written::<#rust, #adapter>::new))
                }
                _ => TokenStream::new(),
            };
            let write = |content: TokenStream| match (&body.kind, &body.xml) {
                (BodyKind::Json { ty }, Some(xml)) => {
                    let root = super::xml::root(ctx, ty, xml, wire);
                    quote!(crate::runtime::xml::write(#content, &mut request, #wire, #root, #chosen, #default)?;)
                }
                _ => quote!(#content #adapt.write(&mut request, #wire, #chosen, #default)?;),
            };
            if input.required {
                write(quote!(self.#ident))
            } else {
                let inner = write(quote!(content));
                quote!(if let Some(content) = self.#ident { #inner })
            }
        }
        (BodyKind::Binary | BodyKind::Text, Some(input)) => {
            let ident = &input.ident;
            let wrap = |v: TokenStream| match body.kind {
                BodyKind::Text => quote!(crate::Body::from(#v)),
                _ => v,
            };
            if input.required {
                let value = wrap(quote!(self.#ident));
                quote!(request.body(#value, #content_type)?;)
            } else {
                let value = wrap(quote!(body));
                quote!(if let Some(body) = self.#ident { request.body(#value, #content_type)?; })
            }
        }
        (_, None) => TokenStream::new(),
    }
}

/// A form or multipart field of the body.
fn field(ctx: &Ctx<'_>, input: &Input<'_>, p: &Parameter, multipart: bool) -> TokenStream {
    let ident = &input.ident;
    let access = Access {
        expr: quote!(self.#ident),
        required: input.required,
    };
    let list = ctx.array_items(&p.ty).is_some();
    let wire = &p.name;
    let collection = collection(p);
    if multipart && matches!(p.ty, TypeRef::Binary) {
        let expr = &access.expr;
        return if access.required {
            quote!(request.multipart_file(#wire, #expr);)
        } else {
            quote!(if let Some(file) = #expr { request.multipart_file(#wire, file); })
        };
    }
    with_value(&access, |value| {
        match (multipart, list, adapted(ctx, p, value)) {
            (true, _, value) => quote!(request.multipart_text(#wire, #value)?;),
            (false, true, value) => quote!(request.form_list(#wire, #value, #collection)?;),
            (false, false, value) => quote!(request.form_field(#wire, #value)?;),
        }
    })
}

/// `HostValue`s for the per-call host parameters of `op`.
fn host_values(ctx: &Ctx<'_>, op: &Operation, inputs: &[Input<'_>]) -> Result<Vec<TokenStream>> {
    let mut out = Vec::new();
    for p in op
        .parameters
        .iter()
        .filter(|p| p.location == Location::Host && !p.client_level)
    {
        if !ctx.is_string(&p.ty) {
            return Err(ctx.error(
                ErrorKind::Unsupported,
                &p.pointer,
                "per-call host parameters must be strings",
            ));
        }
        let access = access(ctx, p, inputs)?;
        let (name, expr, verbatim) = (&p.name, &access.expr, p.skip_url_encoding);
        out.push(
            quote!(crate::runtime::HostValue { name: #name, value: &#expr, verbatim: #verbatim }),
        );
    }
    Ok(out)
}
