//! Client-level settings: host parameters and `api.client_parameters`, and how each is given
//! (positional in `Client::new`, or a `ClientBuilder` setter starting at the spec default, or an
//! optional setter).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::Ctx;
use super::types::Argument;
use crate::ir::{Api, Location, Parameter, TypeRef};
use crate::{ErrorKind, Result};

impl Ctx<'_> {
    /// True when some host parameter is given per call rather than once to the client (found
    /// once, by [`per_call_host`]).
    pub(crate) fn has_per_call_host(&self) -> bool {
        self.per_call_host
    }
}

/// True when some host parameter of `api` is given per call rather than once to the client.
pub(super) fn per_call_host(api: &Api) -> bool {
    let per_call = |p: &Parameter| p.location == Location::Host && !p.client_level;
    api.host.parameters.iter().any(per_call)
        || api
            .operations
            .iter()
            .any(|op| op.parameters.iter().any(per_call))
}

/// How a client-level setting is given.
pub(crate) enum Setting {
    /// A positional argument of `new`, `builder` and `from_base_url`.
    Positional,
    /// A builder setter, starting at the spec default.
    Defaulted(TokenStream),
    /// A builder setter; nothing is sent unless set.
    Optional,
}

pub(crate) struct ClientValue<'a> {
    pub param: &'a Parameter,
    pub ident: Ident,
    pub arg: Argument,
    pub setting: Setting,
}

/// The field of the client's state that holds a client-level parameter, and whether it is
/// always set (`T`) rather than optional (`Option<T>`).
pub(crate) fn client_field(ctx: &Ctx<'_>, p: &Parameter) -> Result<(Ident, bool)> {
    let same = |c: &&Parameter| c.name == p.name && c.location == p.location;
    let found = ctx.api.client_parameters.iter().find(same).or_else(|| {
        ctx.has_per_call_host()
            .then(|| ctx.api.host.parameters.iter().find(same))
            .flatten()
    });
    let Some(c) = found else {
        return Err(ctx.error(
            ErrorKind::Internal,
            &p.pointer,
            format!(
                "client-level parameter `{}` is not a client parameter",
                p.name
            ),
        ));
    };
    Ok((
        ctx.ident(&c.rust_name, &c.pointer)?,
        c.required || c.location == Location::Host,
    ))
}

fn default_literal(ty: &TypeRef, value: &serde_json::Value) -> Option<TokenStream> {
    Some(match (ty, value) {
        (TypeRef::String { .. }, serde_json::Value::String(s)) => quote!(String::from(#s)),
        (TypeRef::Integer { format }, serde_json::Value::Number(n)) => {
            let n = n.as_i64()?;
            if format.as_deref() == Some("int32") {
                let lit = Literal::i32_suffixed(i32::try_from(n).ok()?);
                quote!(#lit)
            } else {
                let lit = Literal::i64_suffixed(n);
                quote!(#lit)
            }
        }
        (TypeRef::Number { .. }, serde_json::Value::Number(n)) => {
            let lit = Literal::f64_suffixed(n.as_f64()?);
            quote!(#lit)
        }
        (TypeRef::Boolean, serde_json::Value::Bool(b)) => quote!(#b),
        _ => return None,
    })
}

pub(crate) fn client_values<'a>(
    ctx: &Ctx<'a>,
) -> Result<(Vec<ClientValue<'a>>, Vec<ClientValue<'a>>)> {
    let value = |p: &'a Parameter, host: bool| -> Result<ClientValue<'a>> {
        let ident = ctx.ident(&p.rust_name, &p.pointer)?;
        let arg = ctx.argument(&p.ty, &quote!(#ident), &p.pointer)?;
        let setting = match (host, p.required, &p.default) {
            (true, _, _) => Setting::Positional,
            (false, true, Some(default)) => match default_literal(&p.ty, default) {
                Some(literal) => Setting::Defaulted(literal),
                None => Setting::Positional,
            },
            (false, true, None) => Setting::Positional,
            (false, false, _) => Setting::Optional,
        };
        Ok(ClientValue {
            param: p,
            ident,
            arg,
            setting,
        })
    };
    let host = ctx
        .api
        .host
        .parameters
        .iter()
        .filter(|p| p.client_level)
        .map(|p| value(p, true))
        .collect::<Result<Vec<_>>>()?;
    let other = ctx
        .api
        .client_parameters
        .iter()
        .map(|p| value(p, false))
        .collect::<Result<Vec<_>>>()?;
    Ok((host, other))
}
