//! `src/models.rs`: one item per IR model.
//!
//! - Structs derive `Debug, Clone, PartialEq, Serialize` (and `Default` when every field type
//!   has one); their `Deserialize` reads JSON objects only (`emit/de_map.rs`), except a struct
//!   with a flattened map of other properties, which derives it; a struct with a field whose wire name carries a secret
//!   (`access_token`, `password`: `emit/redact.rs`) has a `Debug` that prints it `***`. Optional, nullable and read-only properties are `Option<T>` (read-only
//!   ones are left out of requests when `None`); recursive ones are
//!   boxed; `#[serde(rename)]` whenever the field name differs from the wire name.
//! - `additionalProperties` becomes a flattened `BTreeMap<String, T>`.
//! - A base with children and no discriminator (ACR's `Manifest`), and every model below it, get
//!   a flattened `serde_json::Map` that keeps the properties they do not name, so a manifest
//!   decodes and encodes without loss; the base converts from each descendant with `TryFrom`.
//! - A base with a discriminator becomes an enum over its children (one boxed variant per
//!   child, plus `Unknown(serde_json::Value)` for values not known here), decoded by reading the
//!   discriminator property and encoded as the child itself. Children keep the discriminator
//!   property as a field. When the base is itself a mapped value, its own fields are the struct
//!   `<Base>Base` (`<Base>Base2`, ... when the spec has a model of that name).
//! - String enums are Rust enums with one `#[serde(rename)]` variant per value, and an
//!   `#[serde(untagged)] Other(String)` variant when open; other enums (integers, ...) have
//!   hand-written serde impls comparing JSON values, and `Other(serde_json::Value)` when open.
//! - Aliases are `pub type`, except those that contain themselves through an array or a map
//!   (`T = Vec<T>`): those are `#[serde(transparent)]` newtypes.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::model_parts::{is_constant, model_doc, optional_field, property_doc};
use super::types::Scope;
use super::unions::discriminated_enum;
use super::{Ctx, Doc, Names, code, unraw};
use crate::Result;
use crate::ir::{Model, ModelKind, StructModel, TypeRef};

/// The field that keeps extra properties.
const EXTRA: &str = "additional_properties";

pub(crate) fn models_file(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let plan = Plan::new(ctx);
    let mut names = Names::new([]);
    let mut items = Vec::new();
    let mut wire = Vec::new();
    for model in &ctx.api.models {
        names.claim(ctx, &model.rust_name, &model.pointer, "model")?;
        items.push(match &model.kind {
            ModelKind::Struct(s) if s.discriminator.is_some() => {
                polymorphic(ctx, &plan, model, s, &mut names)?
            }
            ModelKind::Struct(s) if !s.flattened.is_empty() => {
                // `x-ms-client-flatten`: a public struct over a private wire one.
                let ident = ctx.ident(&model.rust_name, &model.pointer)?;
                let wire_ident = super::flatten::wire_ident(ctx, model)?;
                wire.push(struct_item(ctx, &plan, model, s, &wire_ident, model_doc(model))?);
                let doc = struct_doc(ctx, &plan, model, s)?;
                let defaultable = plan.defaultable.contains(&model.name);
                let item = super::flatten::flattened_struct(ctx, model, s, doc, defaultable)?;
                let conversions = family_conversions(ctx, &plan, model, &ident)?;
                quote!(#item #conversions)
            }
            ModelKind::Struct(s) => {
                let ident = ctx.ident(&model.rust_name, &model.pointer)?;
                let doc = struct_doc(ctx, &plan, model, s)?;
                let item = struct_item(ctx, &plan, model, s, &ident, doc)?;
                let conversions = family_conversions(ctx, &plan, model, &ident)?;
                quote!(#item #conversions)
            }
            ModelKind::Enum(e) => super::enums::enum_item(ctx, model, e)?,
            ModelKind::Union(u) => super::unions::union_item(ctx, model, u)?,
            ModelKind::Alias { ty } if contains_itself(ctx, &model.name, ty) => {
                // `type T = Vec<T>` would be a cycle: a newtype holds the array or map instead.
                let ident = ctx.ident(&model.rust_name, &model.pointer)?;
                let default = has_default(ctx, ty, &plan.defaultable).then(|| quote!(Default,));
                let with = ctx.serde_with(ty, false).map(|with| quote!(#[serde(#with)]));
                let ty = ctx.rust_type(ty, Scope::Models, &model.pointer)?;
                let doc = model_doc(model)
                    .raw("It contains values of its own type, so it is a newtype rather than an alias.")
                    .attrs();
                quote! {
                    #doc
                    #[derive(Debug, Clone, PartialEq, #default serde::Serialize, serde::Deserialize)]
                    #[serde(transparent)]
                    pub struct #ident(#with pub #ty);
                }
            }
            ModelKind::Alias { ty } => {
                let ident = ctx.ident(&model.rust_name, &model.pointer)?;
                let ty = ctx.rust_type(ty, Scope::Models, &model.pointer)?;
                let doc = model_doc(model).attrs();
                quote!(#doc pub type #ident = #ty;)
            }
        });
    }
    items.push(super::xml::model_impls(ctx)?);
    let module_doc = Doc::new()
        .raw(format!(
            "The data types of {}: request and response bodies.",
            code(&ctx.api.title)
        ))
        .inner_attrs();
    items.push(super::groups::group_structs(ctx)?);
    items.push(super::flatten::wire_module(wire));
    Ok(quote!(#module_doc #(#items)*))
}

/// Facts about the whole set of models that single items need.
struct Plan {
    /// Struct models that derive `Default`.
    defaultable: BTreeSet<String>,
    /// Struct models that keep unknown properties (bases without a discriminator, and their
    /// descendants).
    keeps_extra: BTreeSet<String>,
    /// The Rust name of the struct that holds a discriminated base's own fields, by model name:
    /// `<Base>Base`, or with a suffix when a model of the spec already has that name.
    base_structs: std::collections::BTreeMap<String, String>,
}

impl Plan {
    fn new(ctx: &Ctx<'_>) -> Self {
        let mut keeps_extra = BTreeSet::new();
        let structs = ctx.api.models.iter().filter_map(|m| match &m.kind {
            ModelKind::Struct(s) => Some((m, s)),
            _ => None,
        });
        for (model, s) in structs {
            if s.discriminator.is_none() && !s.children.is_empty() {
                descendants(ctx, &model.name, &mut keeps_extra);
                keeps_extra.insert(model.name.clone());
            }
        }
        let mut taken = crate::naming::Scope::with_reserved(
            &ctx.api
                .models
                .iter()
                .map(|m| unraw(&m.rust_name))
                .collect::<Vec<_>>(),
        );
        let base_structs = ctx
            .api
            .models
            .iter()
            .filter(|m| matches!(&m.kind, ModelKind::Struct(s) if s.discriminator.is_some()))
            .map(|m| {
                let wanted = format!("{}Base", unraw(&m.rust_name));
                (m.name.clone(), taken.claim(wanted))
            })
            .collect();
        Plan {
            defaultable: defaultable(ctx),
            keeps_extra,
            base_structs,
        }
    }
}

/// Every model below `name` (through `children`), once each.
fn descendants(ctx: &Ctx<'_>, name: &str, out: &mut BTreeSet<String>) {
    let Some(Model {
        kind: ModelKind::Struct(s),
        ..
    }) = ctx.models.get(name).copied()
    else {
        return;
    };
    for child in &s.children {
        if out.insert(child.clone()) {
            descendants(ctx, child, out);
        }
    }
}

/// The struct models whose fields all have a `Default`, as a fixed point.
fn defaultable(ctx: &Ctx<'_>) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = ctx
        .api
        .models
        .iter()
        .filter(|m| matches!(&m.kind, ModelKind::Struct(s) if s.discriminator.is_none()))
        .map(|m| m.name.clone())
        .collect();
    loop {
        let before = set.len();
        let current = set.clone();
        set.retain(|name| {
            let Some(ModelKind::Struct(s)) = ctx.models.get(name.as_str()).map(|m| &m.kind) else {
                return false;
            };
            s.properties.iter().all(|p| {
                !p.required || p.nullable || p.read_only || has_default(ctx, &p.ty, &current)
            })
        });
        if set.len() == before {
            return set;
        }
    }
}

fn has_default(ctx: &Ctx<'_>, ty: &TypeRef, structs: &BTreeSet<String>) -> bool {
    match ty {
        TypeRef::Model { name } => match ctx.models.get(name.as_str()).map(|m| &m.kind) {
            Some(ModelKind::Struct(_)) => structs.contains(name),
            Some(ModelKind::Alias { ty }) => has_default(ctx, ty, structs),
            Some(ModelKind::Enum(e)) => super::enums::is_constant(e),
            Some(ModelKind::Union(_)) | None => false,
        },
        // `time`'s dates have no `Default`.
        TypeRef::Formatted { format } => !format.is_time(),
        _ => true,
    }
}

/// Whether the alias `name` of `ty` reaches itself through arrays, maps and other aliases
/// (structs, enums and unions are nominal types and end the search).
fn contains_itself(ctx: &Ctx<'_>, name: &str, ty: &TypeRef) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![ty];
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Array { items: inner }
            | TypeRef::Map { values: inner }
            | TypeRef::Nullable { inner } => stack.push(inner),
            TypeRef::Model { name: other } if other == name => return true,
            TypeRef::Model { name: other } => {
                if let Some(ModelKind::Alias { ty }) =
                    ctx.models.get(other.as_str()).map(|m| &m.kind)
                    && seen.insert(other.as_str())
                {
                    stack.push(ty);
                }
            }
            _ => {}
        }
    }
    false
}

fn struct_doc(ctx: &Ctx<'_>, plan: &Plan, model: &Model, s: &StructModel) -> Result<Doc> {
    let mut doc = model_doc(model);
    if plan.keeps_extra.contains(&model.name) && s.additional_properties.is_none() {
        doc = doc.raw(format!(
            "Properties not named here are kept in `{EXTRA}`, so a value decodes and encodes \
             without loss."
        ));
    }
    if s.discriminator.is_none() && !s.children.is_empty() {
        let kinds = links(ctx, &s.children, &model.pointer)?;
        doc = doc.raw(format!(
            "Known kinds (no discriminator tells them apart): {kinds}. Each converts into this \
             type with `TryFrom`."
        ));
    }
    Ok(doc)
}

/// `[`A`], [`B`]` for model names.
fn links(ctx: &Ctx<'_>, names: &[String], pointer: &str) -> Result<String> {
    let mut out = Vec::new();
    for name in names {
        out.push(format!(
            "[`{}`]",
            unraw(&ctx.model(name, pointer)?.rust_name)
        ));
    }
    Ok(out.join(", "))
}

/// A struct with its fields.
fn struct_item(
    ctx: &Ctx<'_>,
    plan: &Plan,
    model: &Model,
    s: &StructModel,
    ident: &proc_macro2::Ident,
    doc: Doc,
) -> Result<TokenStream> {
    let mut names = Names::new([]);
    let mut fields = Vec::new();
    let mut shown = Vec::new();
    // No flattened map of other properties: the map-only `Deserialize` (`emit/de_map.rs`).
    let map_only = s.additional_properties.is_none() && !plan.keeps_extra.contains(&model.name);
    let mut read = Vec::new();
    let implied = implied_discriminator(ctx, model, s);
    let mut implied_fn = None;
    for p in &s.properties {
        names.claim(ctx, &p.rust_name, &model.pointer, "property")?;
        let field = ctx.ident(&p.rust_name, &model.pointer)?;
        let mut ty = ctx.rust_type(&p.ty, Scope::Models, &model.pointer)?;
        if p.recursive {
            ty = quote!(::std::boxed::Box<#ty>);
        }
        let optional = optional_field(p);
        if optional {
            ty = quote!(::std::option::Option<#ty>);
        }
        shown.push(super::redact::Field {
            ident: field.clone(),
            label: unraw(&p.rust_name).to_owned(),
            secret: super::redact::is_secret_name(&p.name).then_some(optional),
        });
        let implied = implied
            .as_ref()
            .filter(|(property, _)| *property == p.name && ctx.is_string(&p.ty))
            .map(|(_, value)| *value);
        let attrs = field_attrs(ctx, p, ident, implied);
        if let (super::de_map::Missing::Call(_), Some(value)) = (&attrs.missing, implied) {
            implied_fn = Some(quote! {
                impl #ident {
                    fn discriminator_value() -> ::std::string::String {
                        ::std::string::String::from(#value)
                    }
                }
            });
        }
        let serde = attrs.serde(map_only);
        let serde = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        let doc = property_doc(p).attrs();
        fields.push(quote!(#doc #serde pub #field: #ty,));
        read.push(super::de_map::Field {
            ident: field,
            wire: p.name.clone(),
            missing: attrs.missing,
            adapter: attrs.adapter,
        });
    }
    let mut extra_with = None;
    let extra = match &s.additional_properties {
        Some(values) => {
            let map = TypeRef::Map {
                values: Box::new(values.clone()),
            };
            extra_with = ctx.serde_with(&map, false).map(|with| quote!(, #with));
            let values = ctx.rust_type(values, Scope::Models, &model.pointer)?;
            Some(quote!(::std::collections::BTreeMap<::std::string::String, #values>))
        }
        None if plan.keeps_extra.contains(&model.name) => {
            Some(quote!(::serde_json::Map<::std::string::String, ::serde_json::Value>))
        }
        None => None,
    };
    if let Some(ty) = extra {
        names.claim(ctx, EXTRA, &model.pointer, "property")?;
        let field = ctx.ident(EXTRA, &model.pointer)?;
        shown.push(super::redact::Field {
            ident: field.clone(),
            label: EXTRA.to_owned(),
            secret: None,
        });
        fields.push(quote! {
            #[doc = " Properties not named above, by wire name."]
            #[serde(flatten #extra_with)]
            pub #field: #ty,
        });
    }
    let default = plan
        .defaultable
        .contains(&model.name)
        .then(|| quote!(Default,));
    let doc = doc.attrs();
    // A field whose wire name carries a secret (`access_token`) is printed `***`.
    let (derive_debug, debug_impl) = if super::redact::needed(&shown) {
        (None, Some(super::redact::debug_impl(ident, &shown)))
    } else {
        (Some(quote!(Debug,)), None)
    };
    let (derive_de, de_impl) = if map_only {
        (None, Some(super::de_map::deserialize_impl(ident, &read)))
    } else {
        (Some(quote!(serde::Deserialize)), None)
    };
    Ok(quote! {
        #doc
        #[derive(#derive_debug Clone, PartialEq, #default serde::Serialize, #derive_de)]
        pub struct #ident { #(#fields)* }
        #debug_impl
        #de_impl
        #implied_fn
    })
}

/// A property's `#[serde(..)]` attributes, in order, each marked when only reading uses it,
/// and how the map-only `Deserialize` reads it.
struct FieldAttrs {
    attrs: Vec<(TokenStream, bool)>,
    missing: super::de_map::Missing,
    adapter: Option<TokenStream>,
}

impl FieldAttrs {
    /// The attributes of a struct that derives `Deserialize` (`map_only` false) or only
    /// `Serialize`.
    fn serde(&self, map_only: bool) -> Vec<&TokenStream> {
        self.attrs
            .iter()
            .filter(|(_, read_only)| !(map_only && *read_only))
            .map(|(attr, _)| attr)
            .collect()
    }
}

/// The attributes of property `p` of struct `ident`; `implied`: the discriminator value its
/// kind implies, when `p` is that discriminator.
fn field_attrs(
    ctx: &Ctx<'_>,
    p: &crate::ir::Property,
    ident: &proc_macro2::Ident,
    implied: Option<&str>,
) -> FieldAttrs {
    use super::de_map::Missing;
    let optional = optional_field(p);
    let mut attrs = Vec::new();
    if unraw(&p.rust_name) != p.name {
        let wire = &p.name;
        attrs.push((quote!(rename = #wire), false));
    }
    let missing = if optional {
        attrs.push((quote!(default), true));
        if p.read_only {
            // Set by the server only: never sent, even when the caller sets it.
            attrs.push((quote!(skip_serializing), false));
        } else if !p.required {
            attrs.push((
                quote!(skip_serializing_if = "::std::option::Option::is_none"),
                false,
            ));
        }
        Missing::Default
    } else if is_constant(ctx, &p.ty) {
        // A required constant has one possible value: a response that leaves it out
        // decodes with it filled in.
        attrs.push((quote!(default), true));
        Missing::Default
    } else if implied.is_some() {
        // The discriminator of a concrete kind is implied by the declared type: a value
        // without it decodes with the kind's own value, as AutoRest's clients read it.
        let path = format!("{ident}::discriminator_value");
        attrs.push((quote!(default = #path), true));
        Missing::Call(quote!(#ident::discriminator_value))
    } else if matches!(ctx.unaliased(&p.ty), TypeRef::Nullable { .. })
        && (p.recursive || ctx.wire_as(&p.ty).is_none())
    {
        // An `Option` without an adapter: the derive reads an absent key as `None`.
        Missing::Default
    } else {
        Missing::Error
    };
    let mut adapter = None;
    if !p.recursive {
        // A typed format (`date-time`, `byte`, ...) is written by its adapter.
        attrs.extend(ctx.serde_with(&p.ty, optional).map(|with| (with, false)));
        adapter = ctx.wire_as(&p.ty).map(|ty| {
            if optional {
                quote!(::std::option::Option<#ty>)
            } else {
                ty
            }
        });
    }
    FieldAttrs {
        attrs,
        missing,
        adapter,
    }
}

/// For a kind of a polymorphic family (a struct under an ancestor with a discriminator): the
/// discriminator's wire name and this kind's value (its own, else the ancestor's mapping key
/// for it).
fn implied_discriminator<'s>(
    ctx: &'s Ctx<'_>,
    model: &'s Model,
    s: &'s StructModel,
) -> Option<(String, &'s str)> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = s.parents.iter().map(String::as_str).collect();
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        if let Some(ModelKind::Struct(parent)) = ctx.models.get(name).map(|m| &m.kind) {
            if let Some(d) = &parent.discriminator {
                let value = s.discriminator_value.as_deref().or_else(|| {
                    d.mapping
                        .iter()
                        .find(|(_, target)| **target == model.name)
                        .map(|(value, _)| value.as_str())
                })?;
                return Some((d.property.clone(), value));
            }
            stack.extend(parent.parents.iter().map(String::as_str));
        }
    }
    None
}

/// `TryFrom<Descendant> for Base`, for a base without a discriminator.
fn family_conversions(
    ctx: &Ctx<'_>,
    plan: &Plan,
    model: &Model,
    ident: &proc_macro2::Ident,
) -> Result<TokenStream> {
    let ModelKind::Struct(s) = &model.kind else {
        return Ok(TokenStream::new());
    };
    if s.discriminator.is_some() || s.children.is_empty() || !plan.keeps_extra.contains(&model.name)
    {
        return Ok(TokenStream::new());
    }
    let mut below = BTreeSet::new();
    descendants(ctx, &model.name, &mut below);
    let mut impls = Vec::new();
    // In IR order, not name order.
    for other in ctx.api.models.iter().filter(|m| below.contains(&m.name)) {
        if other.name == model.name {
            continue;
        }
        let child = ctx.ident(&other.rust_name, &other.pointer)?;
        impls.push(quote! {
            impl ::std::convert::TryFrom<#child> for #ident {
                type Error = serde_json::Error;
                fn try_from(value: #child) -> ::std::result::Result<Self, Self::Error> {
                    serde_json::from_value(serde_json::to_value(value)?)
                }
            }
        });
    }
    Ok(quote!(#(#impls)*))
}

/// A discriminated base: an enum over its children (and the base's own fields when the base is
/// itself one of the mapped values).
fn polymorphic(
    ctx: &Ctx<'_>,
    plan: &Plan,
    model: &Model,
    s: &StructModel,
    names: &mut Names,
) -> Result<TokenStream> {
    let Some(discriminator) = &s.discriminator else {
        return Ok(TokenStream::new());
    };
    let ident = ctx.ident(&model.rust_name, &model.pointer)?;
    let property = &discriminator.property;
    // Variants in mapping order; several values may map to one model.
    let mut variants: Vec<(String, Vec<&str>)> = Vec::new();
    for (value, target) in &discriminator.mapping {
        match variants.iter_mut().find(|(name, _)| name == target) {
            Some((_, values)) => values.push(value),
            None => variants.push((target.clone(), vec![value])),
        }
    }
    let mut variant_names = Names::new(["Unknown"]);
    let mut defs = Vec::new();
    let mut arms = Vec::new();
    let mut froms = Vec::new();
    let mut base_struct = TokenStream::new();
    // When the base is itself a kind, a value without the property is that kind (as AutoRest's
    // clients read it): the property is filled in with the base's own value.
    let mut own_kind = TokenStream::new();
    for (target, values) in &variants {
        let target_model = ctx.model(target, &model.pointer)?;
        let variant = ctx.ident(&target_model.rust_name, &model.pointer)?;
        variant_names.claim(ctx, &target_model.rust_name, &model.pointer, "variant")?;
        let payload = if target == &model.name {
            let base_name = plan
                .base_structs
                .get(&model.name)
                .cloned()
                .unwrap_or_else(|| format!("{}Base", unraw(&model.rust_name)));
            names.claim(ctx, &base_name, &model.pointer, "model")?;
            let base_ident = ctx.ident(&base_name, &model.pointer)?;
            let doc = Doc::new().raw(format!(
                "The fields of [`{}`] itself, when its {} is {}.",
                unraw(&model.rust_name),
                code(property),
                values
                    .iter()
                    .map(|v| code(v))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ));
            base_struct = struct_item(ctx, plan, model, s, &base_ident, doc)?;
            let own = values[0];
            own_kind = quote! {
                ::std::option::Option::None => {
                    let mut own = value.clone();
                    if let ::std::option::Option::Some(fields) = own.as_object_mut() {
                        fields.insert(#property.to_owned(), serde_json::Value::from(#own));
                    }
                    ::std::result::Result::Ok(serde_json::from_value(own)
                        .map(|v| #ident::#variant(::std::boxed::Box::new(v)))
                        .unwrap_or(#ident::Unknown(value)))
                }
            };
            base_ident
        } else {
            variant.clone()
        };
        let doc = Doc::new()
            .raw(format!(
                "{} is {}.",
                code(property),
                values
                    .iter()
                    .map(|v| code(v))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))
            .attrs();
        defs.push(quote!(#doc #variant(::std::boxed::Box<#payload>),));
        arms.push(quote! {
            #(::std::option::Option::Some(#values))|* => serde_json::from_value(value)
                .map(|v| #ident::#variant(::std::boxed::Box::new(v)))
                .map_err(serde::de::Error::custom),
        });
        froms.push(quote! {
            impl ::std::convert::From<#payload> for #ident {
                fn from(value: #payload) -> Self {
                    #ident::#variant(::std::boxed::Box::new(value))
                }
            }
        });
    }
    let doc = model_doc(model)
        .raw(format!(
            "Polymorphic: decoded by its {} property, encoded as the variant's own value. Values \
             of {} not known here are kept as [`{}::Unknown`].",
            code(property),
            code(property),
            unraw(&model.rust_name)
        ))
        .attrs();
    if !own_kind.is_empty() {
        arms.push(own_kind);
    }
    let item = discriminated_enum(&ident, &doc, &defs, property, &arms);
    Ok(quote! {
        #item
        #(#froms)*
        #base_struct
    })
}
