//! `x-ms-client-flatten`: flattened models and flattened bodies.
//!
//! A model with flattened properties is two structs: the public one, with the nested models'
//! fields in place of the properties, and a private wire struct (in `models::wire`) with the
//! nesting as the JSON has it, emitted as any other model. The public one converts to and from
//! it (`#[serde(from, into)]`), so serde does the work and every field attribute (renames,
//! read-only, defaults) is the wire struct's own. A nested model that is itself flattened
//! converts the same way one level down.
//!
//! A flattened body's fields are builder inputs; `send()` makes the body model from them.

use proc_macro2::TokenStream;
use quote::quote;

use super::facts::{Builtins, Kind};
use super::inputs::Input;
use super::model_parts::optional_field;
use super::types::Scope;
use super::{Ctx, Doc, code, unraw};
use crate::ir::{FlattenedBody, Model, ModelKind, Operation, Property, RequestBody, StructModel};
use crate::{ErrorKind, Result};

/// The module that holds the wire structs.
const WIRE: &str = "wire";

/// The wire struct of a flattened model (in the module [`WIRE`]): its name with `Wire`, so
/// that inside the module every other model's name is still the public model.
pub(crate) fn wire_ident(ctx: &Ctx<'_>, model: &Model) -> Result<proc_macro2::Ident> {
    ctx.suffixed(&model.rust_name, "Wire", &model.pointer)
}

/// True when the struct `name` has a field for properties it does not name (as `models.rs`
/// decides: `additionalProperties`, or a base without a discriminator and its descendants).
pub(crate) fn has_extra(ctx: &Ctx<'_>, name: &str) -> bool {
    let mut seen = std::collections::BTreeSet::new();
    let mut stack = vec![name];
    let mut first = true;
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        let Some(Model {
            kind: ModelKind::Struct(s),
            ..
        }) = ctx.models.get(n).copied()
        else {
            continue;
        };
        if (first && s.additional_properties.is_some())
            || (s.discriminator.is_none() && !s.children.is_empty())
        {
            return true;
        }
        first = false;
        stack.extend(s.parents.iter().map(String::as_str));
    }
    false
}

/// The public fields of a struct model, by Rust name, each with whether it is an `Option`.
fn public_fields(s: &StructModel) -> Vec<(&Property, bool)> {
    let mut out = Vec::new();
    for p in &s.properties {
        match s.flattened.iter().find(|f| f.property == p.name) {
            Some(flat) => out.extend(
                flat.fields
                    .iter()
                    .map(|f| (&f.property, optional_field(&f.property))),
            ),
            None => out.push((p, optional_field(p))),
        }
    }
    out
}

/// `send()`'s body statement for a flattened body: the model made from the builder's fields.
pub(crate) fn body_statements(
    ctx: &Ctx<'_>,
    op: &Operation,
    body: &RequestBody,
    flat: &FlattenedBody,
    inputs: &[Input<'_>],
    builtins: &Builtins,
) -> Result<TokenStream> {
    let model = ctx.model(&flat.model, &op.pointer)?;
    let ModelKind::Struct(s) = &model.kind else {
        return Err(ctx.error(
            ErrorKind::Internal,
            &op.pointer,
            "a flattened body that is not a struct",
        ));
    };
    let ty = ctx.ident(&model.rust_name, &model.pointer)?;
    let mut fields = Vec::new();
    for (p, optional) in public_fields(s) {
        let field = ctx.ident(&p.rust_name, &model.pointer)?;
        let input = inputs.iter().find(
            |i| matches!(i.kind, Kind::BodyField(f) if unraw(&f.field) == unraw(&p.rust_name)),
        );
        fields.push(match input {
            Some(input) => {
                let ident = &input.ident;
                quote!(#field: self.#ident,)
            }
            None if optional => quote!(#field: None,),
            None => {
                return Err(ctx.error(
                    ErrorKind::Internal,
                    &op.pointer,
                    format!("the flattened body has no input for `{}`", p.rust_name),
                ));
            }
        });
    }
    if has_extra(ctx, &model.name) {
        fields.push(quote!(additional_properties: ::std::default::Default::default(),));
    }
    let default = super::plan::default_content_type(op, body);
    let chosen = if builtins.content_type {
        quote!(self.content_type.as_deref())
    } else {
        quote!(None)
    };
    let wire = &body.name;
    Ok(quote! {
        crate::runtime::RequestContent::from(crate::models::#ty { #(#fields)* })
            .write(&mut request, #wire, #chosen, #default)?;
    })
}

/// The public struct of a model with flattened properties, and its conversions from and to
/// its wire struct (emitted by [`wire_module`]).
pub(crate) fn flattened_struct(
    ctx: &Ctx<'_>,
    model: &Model,
    s: &StructModel,
    doc: Doc,
    defaultable: bool,
) -> Result<TokenStream> {
    let extra = match &s.additional_properties {
        Some(values) => {
            let values = ctx.rust_type(values, Scope::Models, &model.pointer)?;
            Some(quote!(::std::collections::BTreeMap<::std::string::String, #values>))
        }
        None if has_extra(ctx, &model.name) => {
            Some(quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>))
        }
        None => None,
    };
    let ident = ctx.ident(&model.rust_name, &model.pointer)?;
    let wire_mod = ctx.ident(WIRE, &model.pointer)?;
    let wire_ident = wire_ident(ctx, model)?;
    let wire_path = format!("{WIRE}::{wire_ident}");
    let mut parts = Parts::default();
    for p in &s.properties {
        let wire_field = ctx.ident(&p.rust_name, &model.pointer)?;
        let Some(flat) = s.flattened.iter().find(|f| f.property == p.name) else {
            parts.fields.push(field(ctx, model, p, None)?);
            parts.from_wire.push(quote!(#wire_field: wire.#wire_field,));
            parts.to_wire.push(quote!(#wire_field: this.#wire_field,));
            continue;
        };
        flattened_property(ctx, model, p, flat, &wire_field, &mut parts)?;
    }
    let Parts {
        mut fields,
        mut from_wire,
        mut to_wire,
        lets,
    } = parts;
    if let Some(ty) = extra {
        let doc = Doc::new()
            .raw("Properties not named above, by wire name.")
            .attrs();
        fields.push(quote!(#doc pub additional_properties: #ty,));
        from_wire.push(quote!(additional_properties: wire.additional_properties,));
        to_wire.push(quote!(additional_properties: this.additional_properties,));
    }
    // Every field read-only (set by the server only): nothing of the public value is sent.
    let this = if to_wire.iter().any(|t| t.to_string().contains("this .")) {
        quote!(this)
    } else {
        quote!(_this)
    };
    let default = defaultable.then(|| quote!(Default,));
    let doc = doc
        .raw("Some fields are sent nested, as the JSON has them (`x-ms-client-flatten`).")
        .attrs();
    Ok(quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
        #[serde(from = #wire_path, into = #wire_path)]
        pub struct #ident { #(#fields)* }
        impl ::std::convert::From<#wire_mod::#wire_ident> for #ident {
            fn from(wire: #wire_mod::#wire_ident) -> Self {
                #(#lets)*
                #ident { #(#from_wire)* }
            }
        }
        impl ::std::convert::From<#ident> for #wire_mod::#wire_ident {
            fn from(#this: #ident) -> Self {
                #wire_mod::#wire_ident { #(#to_wire)* }
            }
        }
    })
}

/// The fields and conversions of a struct with flattened properties, gathered property by
/// property.
#[derive(Default)]
struct Parts {
    /// The public struct's fields.
    fields: Vec<TokenStream>,
    /// The public struct's field inits from `wire`.
    from_wire: Vec<TokenStream>,
    /// The wire struct's field inits from `this`.
    to_wire: Vec<TokenStream>,
    /// Statements before `from_wire`: an optional container's values, read once.
    lets: Vec<TokenStream>,
}

/// A flattened property: its inner model's fields become public fields, read from and written
/// to the nested wire value.
fn flattened_property(
    ctx: &Ctx<'_>,
    model: &Model,
    p: &Property,
    flat: &crate::ir::Flattening,
    wire_field: &proc_macro2::Ident,
    parts: &mut Parts,
) -> Result<()> {
    let inner_model = ctx.model(&flat.model, &model.pointer)?;
    let inner_ty = ctx.ident(&inner_model.rust_name, &inner_model.pointer)?;
    let ModelKind::Struct(inner_s) = &inner_model.kind else {
        return Err(ctx.error(
            ErrorKind::Internal,
            &model.pointer,
            "a flattened property whose model is not a struct",
        ));
    };
    let inner_fields = public_fields(inner_s);
    let inner_optional = |name: &str| {
        inner_fields
            .iter()
            .find(|(f, _)| f.rust_name == name)
            .is_some_and(|(_, o)| *o)
    };
    let container_optional = optional_field(p);
    let tuple = ctx.ident(&format!("flat_{}", parts.lets.len()), &model.pointer)?;
    let mut outer_values = Vec::new();
    let mut inner_inits = Vec::new();
    let mut required = Vec::new();
    let mut any_set = Vec::new();
    for (k, f) in flat.fields.iter().enumerate() {
        let outer = ctx.ident(&f.property.rust_name, &model.pointer)?;
        let inner = ctx.ident(&f.inner, &model.pointer)?;
        parts
            .fields
            .push(field(ctx, model, &f.property, Some(&p.name))?);
        let inner_opt = inner_optional(&f.inner);
        if container_optional {
            outer_values.push(if inner_opt {
                quote!(inner.#inner)
            } else {
                quote!(Some(inner.#inner))
            });
            let index = syn::Index::from(k);
            parts.from_wire.push(quote!(#outer: #tuple.#index,));
            if inner_opt {
                inner_inits.push(quote!(#inner: this.#outer,));
                if !f.property.read_only {
                    any_set.push(quote!(this.#outer.is_some()));
                }
            } else {
                let local = ctx.ident(&format!("req_{}", required.len()), &model.pointer)?;
                inner_inits.push(quote!(#inner: #local,));
                required.push((local, outer));
            }
        } else {
            parts
                .from_wire
                .push(quote!(#outer: wire.#wire_field.#inner,));
            inner_inits.push(quote!(#inner: this.#outer,));
        }
    }
    if has_extra(ctx, &inner_model.name) {
        inner_inits.push(quote!(additional_properties: ::std::default::Default::default(),));
    }
    let make = quote!(#inner_ty { #(#inner_inits)* });
    if container_optional {
        let nones = flat.fields.iter().map(|_| quote!(None));
        parts.lets.push(quote! {
            let #tuple = match wire.#wire_field {
                Some(inner) => (#(#outer_values,)*),
                None => (#(#nones,)*),
            };
        });
        let value = match required.as_slice() {
            [] if any_set.is_empty() => quote!(None),
            [] => quote!(if #(#any_set)||* { Some(#make) } else { None }),
            [(local, outer)] => quote!(this.#outer.map(|#local| #make)),
            many => {
                let locals = many.iter().map(|(l, _)| l);
                let outers = many.iter().map(|(_, o)| o);
                quote!(if let (#(Some(#locals),)*) = (#(this.#outers,)*) { Some(#make) } else { None })
            }
        };
        parts.to_wire.push(quote!(#wire_field: #value,));
    } else {
        parts.to_wire.push(quote!(#wire_field: #make,));
    }
    Ok(())
}

/// A field of the public struct.
fn field(
    ctx: &Ctx<'_>,
    model: &Model,
    p: &Property,
    nested_in: Option<&str>,
) -> Result<TokenStream> {
    let ident = ctx.ident(&p.rust_name, &model.pointer)?;
    let mut ty = ctx.rust_type(&p.ty, Scope::Models, &model.pointer)?;
    if p.recursive {
        ty = quote!(::std::boxed::Box<#ty>);
    }
    if optional_field(p) {
        ty = quote!(::std::option::Option<#ty>);
    }
    let mut doc = super::model_parts::property_doc(p);
    if let Some(container) = nested_in {
        doc = doc.raw(format!(
            "Sent as {} inside {}.",
            code(&p.name),
            code(container)
        ));
    }
    let doc = doc.attrs();
    Ok(quote!(#doc pub #ident: #ty,))
}

/// The wire structs of the flattened models: private, with the JSON's nesting.
pub(crate) fn wire_module(items: Vec<TokenStream>) -> TokenStream {
    if items.is_empty() {
        return TokenStream::new();
    }
    let wire = proc_macro2::Ident::new(WIRE, proc_macro2::Span::call_site());
    quote! {
        /// The JSON shapes of the models with flattened fields.
        mod #wire {
            use super::*;
            #(#items)*
        }
    }
}
