//! `TypeRef` to Rust types.
//!
//! | IR | Rust |
//! |----|------|
//! | string (other formats: `email`, `uri`, ...) | `String` |
//! | `date` | `time::Date` |
//! | `date-time`, `date-time-rfc1123`, `unixtime` | `time::OffsetDateTime` |
//! | `duration` | `formats::IsoDuration` (ISO 8601, field by field as written) |
//! | `byte`, `base64url` | `Vec<u8>` |
//! | `uuid` | `uuid::Uuid` |
//! | integer `int32` | `i32` |
//! | integer `int64` or no format | `i64` |
//! | number `float` | `f32` |
//! | number (other) | `f64` |
//! | boolean | `bool` |
//! | binary | `String` in models, `runtime::Body` / `runtime::ByteStream` in bodies |
//! | array | `Vec<T>` |
//! | map | `BTreeMap<String, T>` |
//! | nullable (array items, map values) | `Option<T>` |
//! | model | `models::X` |
//! | any | `serde_json::Value` |
//!
//! A formatted value is written by the adapter of its format (`crate::runtime::formats`, through
//! `serde_with::As`), also inside options, arrays and maps: [`Ctx::wire_as`].

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::Result;
use crate::ir::{EnumModel, Format, Model, ModelKind, TypeRef};

/// Where a type is written: inside `models.rs` (models by bare name, std types by absolute
/// paths, since a model may be named `Option`) or elsewhere (`crate::models::X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Models,
    Outside,
}

/// Alias chains, walked once ([`crate::ir::unaliased`]).
impl<'a> Ctx<'a> {
    /// `ty` through aliases ([`crate::ir::unaliased`]): the type a value of it is.
    pub(crate) fn unaliased<'t>(&self, ty: &'t TypeRef) -> &'t TypeRef
    where
        'a: 't,
    {
        self.unaliased_with(ty, |_| {})
    }

    /// `ty` through aliases, calling `each` with every alias model passed on the way.
    pub(crate) fn unaliased_with<'t>(
        &self,
        ty: &'t TypeRef,
        each: impl FnMut(&'t Model),
    ) -> &'t TypeRef
    where
        'a: 't,
    {
        crate::ir::unaliased(
            ty,
            self.models.len(),
            |name| self.models.get(name).copied(),
            each,
        )
    }

    /// The model `ty` is through aliases (a struct, an enum or a union), if any.
    fn model_through_aliases(&self, ty: &TypeRef) -> Option<&'a ModelKind> {
        match self.unaliased(ty) {
            TypeRef::Model { name } => Some(&self.models.get(name.as_str())?.kind),
            _ => None,
        }
    }
}

impl Ctx<'_> {
    /// The Rust type of a value of `ty`.
    pub(crate) fn rust_type(
        &self,
        ty: &TypeRef,
        scope: Scope,
        pointer: &str,
    ) -> Result<TokenStream> {
        // Inside `models.rs` a model may be named `String`, `Vec` or `Option`: std types are
        // written by paths that no model can shadow there.
        let models = scope == Scope::Models;
        Ok(match ty {
            TypeRef::String { .. } | TypeRef::Binary if models => quote!(::std::string::String),
            TypeRef::String { .. } | TypeRef::Binary => quote!(String),
            TypeRef::Integer { format } => match format.as_deref() {
                Some("int32") => quote!(i32),
                _ => quote!(i64),
            },
            TypeRef::Number { format } => match format.as_deref() {
                Some("float") => quote!(f32),
                _ => quote!(f64),
            },
            TypeRef::Formatted { format } => formatted_type(*format, models),
            TypeRef::Boolean => quote!(bool),
            TypeRef::Array { items } => {
                let items = self.rust_type(items, scope, pointer)?;
                if models {
                    quote!(::std::vec::Vec<#items>)
                } else {
                    quote!(Vec<#items>)
                }
            }
            TypeRef::Map { values } => {
                let values = self.rust_type(values, scope, pointer)?;
                if models {
                    quote!(::std::collections::BTreeMap<::std::string::String, #values>)
                } else {
                    quote!(std::collections::BTreeMap<String, #values>)
                }
            }
            TypeRef::Model { name } => {
                let model = self.model(name, pointer)?;
                let ident = self.ident(&model.rust_name, &model.pointer)?;
                match scope {
                    Scope::Models => quote!(#ident),
                    Scope::Outside => quote!(crate::models::#ident),
                }
            }
            TypeRef::Any if models => quote!(::serde_json::Value),
            TypeRef::Any => quote!(serde_json::Value),
            TypeRef::Nullable { inner } => {
                let inner = self.rust_type(inner, scope, pointer)?;
                if models {
                    quote!(::std::option::Option<#inner>)
                } else {
                    quote!(Option<#inner>)
                }
            }
        })
    }

    /// The `serde_with` adapter type that writes and reads a value of `ty` on the wire, as
    /// text (`::std::vec::Vec<crate::runtime::formats::Rfc3339>`), when `ty` holds a format; `None`
    /// when serde's own impls do (types without formats). Aliases are followed.
    pub(crate) fn wire_as_text(&self, ty: &TypeRef) -> Option<String> {
        self.wire_as_within(ty, &mut Vec::new())
    }

    /// [`Ctx::wire_as_text`] inside the aliases `open` (an alias that contains itself, `T =
    /// Vec<T>`, holds no format and ends the search).
    fn wire_as_within<'t>(&'t self, ty: &'t TypeRef, open: &mut Vec<&'t str>) -> Option<String> {
        match ty {
            TypeRef::Formatted { format } => Some(format_adapter(*format).to_owned()),
            TypeRef::Array { items } => Some(format!(
                "::std::vec::Vec<{}>",
                self.wire_as_within(items, open)?
            )),
            TypeRef::Map { values } => Some(format!(
                "::std::collections::BTreeMap<::serde_with::Same, {}>",
                self.wire_as_within(values, open)?
            )),
            TypeRef::Nullable { inner } => Some(format!(
                "::std::option::Option<{}>",
                self.wire_as_within(inner, open)?
            )),
            TypeRef::Model { name } if !open.contains(&name.as_str()) => {
                match &self.models.get(name.as_str())?.kind {
                    ModelKind::Alias { ty } => {
                        open.push(name);
                        let adapter = self.wire_as_within(ty, open);
                        open.pop();
                        adapter
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// [`Ctx::wire_as_text`] as a type.
    pub(crate) fn wire_as(&self, ty: &TypeRef) -> Option<TokenStream> {
        let text = self.wire_as_text(ty)?;
        let ty: syn::Type = syn::parse_str(&text).ok()?;
        Some(quote!(#ty))
    }

    /// `with = "::serde_with::As::<A>"` for a value of `ty` (`optional`: held in an `Option`),
    /// for a `#[serde(..)]` attribute; nothing when `ty` needs no adapter.
    pub(crate) fn serde_with(&self, ty: &TypeRef, optional: bool) -> Option<TokenStream> {
        let adapter = self.wire_as_text(ty)?;
        let path = if optional {
            format!("::serde_with::As::<::std::option::Option<{adapter}>>")
        } else {
            format!("::serde_with::As::<{adapter}>")
        };
        Some(quote!(with = #path))
    }

    /// True when `ty` is text on the wire (a string, or an alias of one): arguments take
    /// `impl Into<String>`.
    pub(crate) fn is_string(&self, ty: &TypeRef) -> bool {
        matches!(self.unaliased(ty), TypeRef::String { .. })
    }

    /// The enum `ty` is (directly or through an alias).
    pub(crate) fn enum_of(&self, ty: &TypeRef) -> Option<&EnumModel> {
        match self.model_through_aliases(ty)? {
            ModelKind::Enum(e) => Some(e),
            _ => None,
        }
    }

    /// The item type when `ty` is an array (directly or through an alias).
    pub(crate) fn array_items<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t TypeRef> {
        match self.unaliased(ty) {
            TypeRef::Array { items } => Some(items),
            _ => None,
        }
    }

    /// The struct model `ty` names, through aliases.
    pub(crate) fn struct_of<'t>(&'t self, ty: &'t TypeRef) -> Option<&'t crate::ir::StructModel> {
        match self.model_through_aliases(ty)? {
            ModelKind::Struct(s) => Some(s),
            _ => None,
        }
    }

    /// How a caller passes a parameter of type `ty`: the argument type, the stored field type,
    /// and the conversion from one to the other (`value` is the argument's name).
    pub(crate) fn argument(
        &self,
        ty: &TypeRef,
        value: &TokenStream,
        pointer: &str,
    ) -> Result<Argument> {
        if matches!(ty, TypeRef::Binary) {
            return Ok(Argument {
                arg: quote!(impl Into<crate::Body>),
                field: quote!(crate::Body),
                convert: quote!(#value.into()),
                identity: false,
            });
        }
        if matches!(
            ty,
            TypeRef::Formatted {
                format: Format::Duration
            }
        ) {
            // A `std::time::Duration` converts into an ISO 8601 duration.
            return Ok(Argument {
                arg: quote!(impl Into<crate::runtime::formats::IsoDuration>),
                field: quote!(crate::runtime::formats::IsoDuration),
                convert: quote!(#value.into()),
                identity: false,
            });
        }
        if self.is_string(ty) {
            return Ok(Argument {
                arg: quote!(impl Into<String>),
                field: quote!(String),
                convert: quote!(#value.into()),
                identity: false,
            });
        }
        if let Some(items) = self.array_items(ty) {
            if self.is_string(items) {
                return Ok(Argument {
                    arg: quote!(impl IntoIterator<Item = impl Into<String>>),
                    field: quote!(Vec<String>),
                    convert: quote!(#value.into_iter().map(Into::into).collect()),
                    identity: false,
                });
            }
            let items = self.rust_type(items, Scope::Outside, pointer)?;
            return Ok(Argument {
                arg: quote!(impl IntoIterator<Item = #items>),
                field: quote!(Vec<#items>),
                convert: quote!(#value.into_iter().collect()),
                identity: false,
            });
        }
        let ty = self.rust_type(ty, Scope::Outside, pointer)?;
        Ok(Argument {
            arg: ty.clone(),
            field: ty,
            convert: value.clone(),
            identity: true,
        })
    }

    /// The type of a typed response header: text, integers, numbers and booleans parse; other
    /// types stay text.
    pub(crate) fn header_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Integer { format } if format.as_deref() == Some("int32") => quote!(i32),
            TypeRef::Integer { .. } => quote!(i64),
            TypeRef::Number { format } if format.as_deref() == Some("float") => quote!(f32),
            TypeRef::Number { .. } => quote!(f64),
            TypeRef::Boolean => quote!(bool),
            TypeRef::Formatted { format } => formatted_type(*format, false),
            _ => quote!(String),
        }
    }

    /// The expression that reads the typed response header `wire` from `http`.
    pub(crate) fn header_read(&self, ty: &TypeRef, wire: &str) -> TokenStream {
        match ty {
            TypeRef::Formatted { format } => {
                let adapter: TokenStream = format_adapter(*format).parse().unwrap_or_default();
                quote!(http.header::<String>(#wire).and_then(|text| #adapter::parse(&text)))
            }
            _ => quote!(http.header(#wire)),
        }
    }
}

/// The Rust type of a format (`models`: written inside `models.rs`, by absolute paths).
fn formatted_type(format: Format, models: bool) -> TokenStream {
    let ty = match format {
        Format::Date => quote!(time::Date),
        Format::DateTime | Format::DateTimeRfc1123 | Format::UnixTime => {
            quote!(time::OffsetDateTime)
        }
        // The runtime's own type: a crate path, never `::`-prefixed.
        Format::Duration => return quote!(crate::runtime::formats::IsoDuration),
        Format::Byte | Format::Base64Url if models => return quote!(::std::vec::Vec<u8>),
        Format::Byte | Format::Base64Url => return quote!(Vec<u8>),
        Format::Uuid => quote!(uuid::Uuid),
    };
    if models { quote!(::#ty) } else { ty }
}

/// The adapter of `crate::runtime::formats` that writes and reads a format.
fn format_adapter(format: Format) -> &'static str {
    match format {
        Format::Date => "crate::runtime::formats::Date",
        Format::DateTime => "crate::runtime::formats::Rfc3339",
        Format::DateTimeRfc1123 => "crate::runtime::formats::Rfc1123",
        Format::UnixTime => "crate::runtime::formats::UnixTime",
        Format::Duration => "crate::runtime::formats::Duration",
        Format::Byte => "crate::runtime::formats::Base64",
        Format::Base64Url => "crate::runtime::formats::Base64Url",
        Format::Uuid => "crate::runtime::formats::Uuid",
    }
}

/// A parameter as a Rust argument.
pub(crate) struct Argument {
    /// The argument type (`impl Into<String>`).
    pub arg: TokenStream,
    /// The stored type (`String`).
    pub field: TokenStream,
    /// The expression that converts the argument (`value.into()`).
    pub convert: TokenStream,
    /// True when `convert` is the argument itself (struct literals then use the shorthand).
    pub identity: bool,
}

impl Argument {
    /// `field: convert,` in a struct literal, or `field,` when nothing converts.
    pub(crate) fn init(&self, field: &proc_macro2::Ident) -> TokenStream {
        let convert = &self.convert;
        if self.identity {
            quote!(#field,)
        } else {
            quote!(#field: #convert,)
        }
    }
}
