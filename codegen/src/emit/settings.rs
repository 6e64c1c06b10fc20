//! Client-level settings: host parameters and `api.client_parameters`, and how each is given
//! (positional in `Client::new`, or a `ClientBuilder` setter starting at the spec default, or an
//! optional setter).

use proc_macro2::{Ident, Literal, TokenStream};
use quote::quote;

use super::types::Argument;
use super::{Ctx, Doc, code};
use crate::ir::{Location, Parameter, TypeRef};
use crate::{ErrorKind, Result};

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
        ctx.host_strategy()
            .is_per_call()
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

/// The client's values as `src/lib.rs` takes and keeps them: the client-level host values
/// (always positional), then the client parameters (positional, defaulted or optional).
pub(crate) struct Values<'v, 'a> {
    pub(crate) host: &'v [ClientValue<'a>],
    pub(crate) settings: &'v [ClientValue<'a>],
}

impl<'v, 'a> Values<'v, 'a> {
    /// The client parameters that are positional arguments.
    fn positional_settings(&self) -> impl Iterator<Item = &'v ClientValue<'a>> + use<'v, 'a> {
        self.settings
            .iter()
            .filter(|v| matches!(v.setting, Setting::Positional))
    }

    /// The client parameters that have a builder setter.
    fn optional_settings(&self) -> impl Iterator<Item = &'v ClientValue<'a>> + use<'v, 'a> {
        self.settings
            .iter()
            .filter(|v| !matches!(v.setting, Setting::Positional))
    }

    /// The positional arguments of `new` and `builder`: host values, then client parameters.
    fn positional(&self) -> impl Iterator<Item = &'v ClientValue<'a>> + use<'v, 'a> {
        self.host.iter().chain(self.positional_settings())
    }

    /// The parameters of `Client::new` and `Client::builder` (`name: Type`).
    pub(crate) fn new_args(&self) -> Vec<TokenStream> {
        self.positional().map(arg).collect()
    }

    /// The names `Client::new` passes on to `Client::builder`.
    pub(crate) fn new_names(&self) -> Vec<&'v Ident> {
        self.positional().map(|v| &v.ident).collect()
    }

    /// The parameters of `Client::from_base_url` (no host values: the URL is given whole).
    pub(crate) fn whole_url_args(&self) -> Vec<TokenStream> {
        self.positional_settings().map(arg).collect()
    }

    /// The builder's initializers in `Client::builder`: positional values from the arguments,
    /// the others at their default or unset.
    pub(crate) fn builder_inits(&self) -> Vec<TokenStream> {
        self.positional()
            .chain(self.optional_settings())
            .map(init)
            .collect()
    }

    /// The client parameters' initializers in `Client::from_base_url`.
    pub(crate) fn settings_from_args(&self) -> Vec<TokenStream> {
        self.settings.iter().map(init).collect()
    }

    /// The client parameters' initializers in `ClientBuilder::build` (moved from the builder).
    pub(crate) fn settings_from_builder(&self) -> Vec<TokenStream> {
        self.settings
            .iter()
            .map(|v| {
                let ident = &v.ident;
                quote!(#ident: self.#ident,)
            })
            .collect()
    }

    /// The fields of `ClientBuilder`: every value.
    pub(crate) fn builder_fields(&self) -> Vec<TokenStream> {
        self.host.iter().chain(self.settings).map(field).collect()
    }

    /// The fields of the client's state (`ClientInner`) for the client parameters.
    pub(crate) fn setting_fields(&self) -> Vec<TokenStream> {
        self.settings.iter().map(field).collect()
    }

    /// The `ClientBuilder` setters of the client parameters that are not positional.
    pub(crate) fn setters(&self) -> Vec<TokenStream> {
        self.optional_settings().map(setter).collect()
    }
}

/// `name: Type`, as a parameter.
fn arg(v: &ClientValue<'_>) -> TokenStream {
    let (ident, arg) = (&v.ident, &v.arg.arg);
    quote!(#ident: #arg)
}

/// The value's initializer in `Client::builder` and `Client::from_base_url`.
fn init(v: &ClientValue<'_>) -> TokenStream {
    let ident = &v.ident;
    match &v.setting {
        Setting::Positional => v.arg.init(ident),
        Setting::Defaulted(literal) => quote!(#ident: #literal,),
        Setting::Optional => quote!(#ident: None,),
    }
}

/// `name: Type,` as a field (`Option<Type>` when optional).
fn field(v: &ClientValue<'_>) -> TokenStream {
    let (ident, ty) = (&v.ident, &v.arg.field);
    match v.setting {
        Setting::Optional => quote!(#ident: Option<#ty>,),
        _ => quote!(#ident: #ty,),
    }
}

/// The `ClientBuilder` setter of a client parameter with a default or none.
fn setter(v: &ClientValue<'_>) -> TokenStream {
    let (ident, arg, convert) = (&v.ident, &v.arg.arg, &v.arg.convert);
    let set = match v.setting {
        Setting::Optional => quote!(Some(#convert)),
        _ => quote!(#convert),
    };
    let mut doc = Doc::new().spec(v.param.description.as_deref()).raw(format!(
        "Sent as {} by every operation that uses it.",
        code(&v.param.name)
    ));
    if let (Setting::Defaulted(_), Some(default)) = (&v.setting, &v.param.default) {
        doc = doc.raw(format!("Default: {}.", code(&default.to_string())));
    }
    let doc = doc.attrs();
    quote! {
        #doc
        pub fn #ident(mut self, #ident: #arg) -> Self {
            self.#ident = #set;
            self
        }
    }
}
