//! The map-only `Deserialize` of a plain struct (no flattened field, not a polymorphic enum):
//! an `impl crate::runtime::de::FromMap` that reads the keys of a JSON object into one `Option`
//! local per field (`match` on the wire name, unknown keys skipped) and a `Deserialize` that
//! calls `crate::runtime::de::map`. The key type and the visitor are the runtime's, once, so
//! each struct costs one loop and two small impls instead of serde's derived field enum,
//! field-name visitor and sequence form, which made most of the models' check time.
//!
//! It reads what the derive read from an object, with the same errors; a JSON array is refused
//! (see ARCHITECTURE.md, Decisions). What each field does when its key is absent is
//! [`Missing`], as the derive's `#[serde(default)]`, `default = "path"` and `missing_field`.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// What a field is when the map has no key for it.
pub(super) enum Missing {
    /// `Default::default()` (`#[serde(default)]`, or an `Option` the derive fills with `None`).
    Default,
    /// The value of a function (`#[serde(default = "path")]`).
    Call(TokenStream),
    /// A `missing field` error.
    Error,
}

/// One field as it is read.
pub(super) struct Field {
    /// The struct's field.
    pub ident: Ident,
    /// Its key in the map.
    pub wire: String,
    /// When the key is absent.
    pub missing: Missing,
    /// The `serde_with` adapter that reads it (the `U` of `with = "::serde_with::As::<U>"`).
    pub adapter: Option<TokenStream>,
}

/// `impl Deserialize` and `impl FromMap` for the struct `ident` (`name`: its Rust name, for
/// errors) with `fields`.
pub(super) fn deserialize_impl(ident: &Ident, fields: &[Field]) -> TokenStream {
    let name = ident.to_string();
    let name = super::unraw(&name);
    let locals: Vec<Ident> = (0..fields.len()).map(|i| format_ident!("f{i}")).collect();
    let arms = fields.iter().zip(&locals).map(|(field, local)| {
        let wire = &field.wire;
        match &field.adapter {
            Some(adapter) => quote! {
                #wire => crate::runtime::formats::put_as::<#adapter, _, _>(&mut map, &mut #local, #wire)?,
            },
            None => quote! {
                #wire => crate::runtime::de::put(&mut map, &mut #local, #wire)?,
            },
        }
    });
    let values = fields.iter().zip(&locals).map(|(field, local)| {
        let ident = &field.ident;
        let wire = &field.wire;
        let value = match &field.missing {
            Missing::Default => quote!(#local.unwrap_or_default()),
            Missing::Call(path) => quote!(#local.unwrap_or_else(#path)),
            Missing::Error => quote!(crate::runtime::de::required(#local, #wire)?),
        };
        quote!(#ident: #value,)
    });
    // A struct without fields skips every entry (a `match` of one arm is a clippy warning).
    let entries = if fields.is_empty() {
        quote! {
            while crate::runtime::de::key(&mut map)?.is_some() {
                crate::runtime::de::skip(&mut map)?;
            }
        }
    } else {
        quote! {
            #(let mut #locals = ::std::option::Option::None;)*
            while let ::std::option::Option::Some(key) = crate::runtime::de::key(&mut map)? {
                match &*key {
                    #(#arms)*
                    _ => crate::runtime::de::skip(&mut map)?,
                }
            }
        }
    };
    quote! {
        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::runtime::de::map(deserializer)
            }
        }
        impl<'de> crate::runtime::de::FromMap<'de> for #ident {
            const NAME: &'static str = #name;
            fn from_map<A: serde::de::MapAccess<'de>>(mut map: A) -> ::std::result::Result<Self, A::Error> {
                #entries
                ::std::result::Result::Ok(#ident { #(#values)* })
            }
        }
    }
}
