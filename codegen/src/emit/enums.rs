//! Enum models, in `src/models.rs`.
//!
//! String enums (every value a string) derive serde with one `#[serde(rename)]` per variant,
//! `as_str()` and `Display`; open ones (`x-ms-enum.modelAsString`) add `#[serde(untagged)]
//! Other(String)`. Other enums (integers, numbers, booleans, mixed) get hand-written serde impls
//! that compare JSON values, and `Other(serde_json::Value)` when open.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::{Ctx, Doc, Names, code};
use crate::ir::{EnumModel, EnumValue, Model};
use crate::{ErrorKind, Result};

pub(crate) fn enum_item(ctx: &Ctx<'_>, model: &Model, e: &EnumModel) -> Result<TokenStream> {
    let mut names = Names::new(["Other"]);
    for value in &e.values {
        names.claim(ctx, &value.rust_name, &model.pointer, "enum variant")?;
    }
    let doc = Doc::new()
        .spec(model.description.as_deref())
        .or_raw(format!("The {} values.", code(&model.name)));
    if e.values.iter().all(|v| v.value.is_string()) {
        string_enum(ctx, model, e, doc)
    } else {
        value_enum(ctx, model, e, doc)
    }
}

fn variant_doc(value: &EnumValue) -> TokenStream {
    Doc::new()
        .spec(value.description.as_deref())
        .or_raw(format!("The value {}.", code(&wire_text(&value.value))))
        .attrs()
}

fn wire_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A closed enum with exactly one value: a constant.
pub(super) fn is_constant(e: &EnumModel) -> bool {
    !e.open && e.values.len() == 1
}

fn string_enum(ctx: &Ctx<'_>, model: &Model, e: &EnumModel, doc: Doc) -> Result<TokenStream> {
    let ident = ctx.ident(&model.rust_name, &model.pointer)?;
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    // A closed enum of one value is a constant: its `Default` is that value, which fills a
    // required constant property that a response leaves out.
    let constant = is_constant(e);
    for value in &e.values {
        let variant = ctx.ident(&value.rust_name, &model.pointer)?;
        let wire = wire_text(&value.value);
        let vdoc = variant_doc(value);
        let default = constant.then(|| quote!(#[default]));
        variants.push(quote!(#vdoc #default #[serde(rename = #wire)] #variant,));
        arms.push(quote!(#ident::#variant => #wire,));
    }
    let (derives, other, other_arm, lifetime) = if e.open {
        (
            quote!(Debug, Clone, PartialEq, Eq, Hash),
            quote! {
                #[doc = " A value not known when this crate was generated."]
                #[serde(untagged)]
                Other(::std::string::String),
            },
            quote!(#ident::Other(value) => value.as_str(),),
            quote!(&str),
        )
    } else {
        (
            if constant {
                quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)
            } else {
                quote!(Debug, Clone, Copy, PartialEq, Eq, Hash)
            },
            TokenStream::new(),
            TokenStream::new(),
            quote!(&'static str),
        )
    };
    // `*self`, not `self`, for a closed (`Copy`) enum: the `match` of an enum without values
    // (`enum: [null]` leaves none) is exhaustive on the value, not on a reference to it.
    let scrutinee = if e.open { quote!(self) } else { quote!(*self) };
    let doc = doc.attrs();
    Ok(quote! {
        #doc
        #[derive(#derives, serde::Serialize, serde::Deserialize)]
        pub enum #ident {
            #(#variants)*
            #other
        }
        impl #ident {
            #[doc = " The value as it goes on the wire."]
            pub fn as_str(&self) -> #lifetime {
                match #scrutinee {
                    #(#arms)*
                    #other_arm
                }
            }
        }
        impl std::fmt::Display for #ident {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    })
}

/// The expression for a JSON value, compared against or serialized.
fn json_value(ctx: &Ctx<'_>, model: &Model, value: &Value) -> Result<TokenStream> {
    Ok(match value {
        Value::Null => quote!(serde_json::Value::Null),
        Value::Bool(b) => quote!(serde_json::Value::Bool(#b)),
        Value::String(s) => quote!(serde_json::Value::from(#s)),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                quote!(serde_json::Value::from(#i))
            } else if let Some(u) = n.as_u64() {
                quote!(serde_json::Value::from(#u))
            } else if let Some(f) = n.as_f64().filter(|f| f.is_finite()) {
                quote!(serde_json::Value::from(#f))
            } else {
                return Err(ctx.error(
                    ErrorKind::Unsupported,
                    &model.pointer,
                    format!("enum value {n} cannot be represented"),
                ));
            }
        }
        Value::Array(_) | Value::Object(_) => {
            return Err(ctx.error(
                ErrorKind::Unsupported,
                &model.pointer,
                "enum values that are arrays or objects are not supported",
            ));
        }
    })
}

/// The test that the decoded `value` is this JSON value, with serde_json's `PartialEq` impls
/// for primitives (no owned value is built to compare).
fn json_test(value: &Value, json: &TokenStream) -> TokenStream {
    match value {
        Value::Null => quote!(value.is_null()),
        Value::Bool(b) => quote!(value == #b),
        Value::String(s) => quote!(value == #s),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => quote!(value == #i),
            (None, Some(u), _) => quote!(value == #u),
            (None, None, Some(f)) => quote!(value == #f),
            _ => quote!(value == #json),
        },
        _ => quote!(value == #json),
    }
}

fn value_enum(ctx: &Ctx<'_>, model: &Model, e: &EnumModel, doc: Doc) -> Result<TokenStream> {
    let ident = ctx.ident(&model.rust_name, &model.pointer)?;
    let mut variants = Vec::new();
    let mut to_wire = Vec::new();
    let mut from_wire = Vec::new();
    let constant = is_constant(e);
    for value in &e.values {
        let variant = ctx.ident(&value.rust_name, &model.pointer)?;
        let json = json_value(ctx, model, &value.value)?;
        let vdoc = variant_doc(value);
        let default = constant.then(|| quote!(#[default]));
        variants.push(quote!(#vdoc #default #variant,));
        to_wire.push(quote!(#ident::#variant => #json,));
        let test = json_test(&value.value, &json);
        from_wire.push(quote!(if #test { return ::std::result::Result::Ok(#ident::#variant); }));
    }
    let (derives, other, other_to, fallback) = if e.open {
        (
            quote!(Debug, Clone, PartialEq),
            quote! {
                #[doc = " A value not known when this crate was generated."]
                Other(serde_json::Value),
            },
            quote!(#ident::Other(value) => value.clone(),),
            quote!(::std::result::Result::Ok(#ident::Other(value))),
        )
    } else {
        let message = format!(
            "unknown value {{value}}, expected one of the {} values",
            model.name.replace('{', "{{").replace('}', "}}")
        );
        let default = constant.then(|| quote!(Default,));
        (
            quote!(Debug, Clone, Copy, PartialEq, Eq, Hash, #default),
            TokenStream::new(),
            TokenStream::new(),
            quote!(::std::result::Result::Err(serde::de::Error::custom(
                format_args!(#message)
            ))),
        )
    };
    let doc = doc
        .raw("Encoded as the JSON values listed on each variant.")
        .attrs();
    Ok(quote! {
        #doc
        #[derive(#derives)]
        pub enum #ident {
            #(#variants)*
            #other
        }
        impl #ident {
            #[doc = " The value as it goes on the wire, as JSON."]
            pub fn wire_value(&self) -> serde_json::Value {
                match self {
                    #(#to_wire)*
                    #other_to
                }
            }
        }
        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serde::Serialize::serialize(&self.wire_value(), serializer)
            }
        }
        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                #(#from_wire)*
                #fallback
            }
        }
    })
}
