//! `oneOf`/`anyOf` models: an enum with one variant per alternative.
//!
//! With a discriminator property, decoding reads it and picks the variant whose values it
//! names (`Unknown(serde_json::Value)` keeps a value not known here); without one, the enum is
//! `#[serde(untagged)]`: the first alternative that decodes wins, so alternatives are tried in
//! spec order. Both encode as the variant's own value.

use proc_macro2::TokenStream;
use quote::quote;

use super::types::Scope;
use super::{Ctx, Doc, Names, code};
use crate::Result;
use crate::ir::{Model, UnionModel};

pub(crate) fn union_item(ctx: &Ctx<'_>, model: &Model, u: &UnionModel) -> Result<TokenStream> {
    let ident = ctx.ident(&model.rust_name, &model.pointer)?;
    let mut names = Names::new(["Unknown"]);
    let mut defs = Vec::new();
    let mut arms = Vec::new();
    for v in &u.variants {
        names.claim(ctx, &v.rust_name, &model.pointer, "variant")?;
        let variant = ctx.ident(&v.rust_name, &model.pointer)?;
        let ty = ctx.rust_type(&v.ty, Scope::Models, &model.pointer)?;
        let doc = match (&u.discriminator, v.discriminator_values.as_slice()) {
            (Some(property), values) if !values.is_empty() => Doc::new().raw(format!(
                "{} is {}.",
                code(property),
                values
                    .iter()
                    .map(|v| code(v))
                    .collect::<Vec<_>>()
                    .join(" or ")
            )),
            _ => Doc::new().raw(format!(
                "The `{}` alternative.",
                v.rust_name.trim_start_matches("r#")
            )),
        }
        .attrs();
        // A typed format in an untagged union is written by its adapter (discriminated
        // alternatives are objects).
        let with = ctx
            .wire_as_text(&v.ty)
            .filter(|_| u.discriminator.is_none())
            .map(|adapter| {
                let path = format!("::serde_with::As::<::std::boxed::Box<{adapter}>>");
                quote!(#[serde(with = #path)])
            });
        defs.push(quote!(#doc #variant(#with ::std::boxed::Box<#ty>),));
        let values = &v.discriminator_values;
        if !values.is_empty() {
            arms.push(quote! {
                #(::std::option::Option::Some(#values))|* => serde_json::from_value(value)
                    .map(|v| #ident::#variant(::std::boxed::Box::new(v)))
                    .map_err(serde::de::Error::custom),
            });
        }
    }
    let kind = if u.exclusive {
        "exactly one"
    } else {
        "one or more"
    };
    let Some(property) = &u.discriminator else {
        let doc = super::model_parts::model_doc(model)
            .raw(format!(
                "A value matching {kind} of these alternatives; decoding tries them in order."
            ))
            .attrs();
        return Ok(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[serde(untagged)]
            pub enum #ident { #(#defs)* }
        });
    };
    let doc = super::model_parts::model_doc(model)
        .raw(format!(
            "A value matching {kind} of these alternatives, told apart by its {} property. \
             Values not known here are kept as `Unknown`.",
            code(property)
        ))
        .attrs();
    Ok(discriminated_enum(&ident, &doc, &defs, property, &arms))
}

/// An enum over kinds told apart by the string `property` of the JSON value: `arms` decode the
/// known values, anything else is kept as `Unknown`; it encodes as the variant's own value.
pub(super) fn discriminated_enum(
    ident: &proc_macro2::Ident,
    doc: &TokenStream,
    defs: &[TokenStream],
    property: &str,
    arms: &[TokenStream],
) -> TokenStream {
    // No known kind (every child was left out): nothing to read the property for.
    let decode = if arms.is_empty() {
        quote!(::std::result::Result::Ok(#ident::Unknown(value)))
    } else {
        quote! {
            let kind = value
                .get(#property)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned);
            match kind.as_deref() {
                #(#arms)*
                _ => ::std::result::Result::Ok(#ident::Unknown(value)),
            }
        }
    };
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        pub enum #ident {
            #(#defs)*
            #[doc = " A kind not known when this crate was generated, as JSON."]
            Unknown(serde_json::Value),
        }
        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #decode
            }
        }
    }
}
