//! XML bodies: the [`Shape`](../../runtime/optional/xml.rs) of each value that goes as XML, made
//! from the IR's `xml` objects, for the runtime's `xml` module, which does the reading and
//! writing (through the value's JSON form, so every serde rule of the models holds).
//!
//! - Each struct model reachable from an XML body implements `runtime::xml::XmlModel` (in
//!   `models.rs`): a `static` table of its fields (JSON key, XML name, element / attribute /
//!   text / unwrapped items, required, shape), and the shape of its other entries when it has
//!   `additionalProperties` (child elements named by their keys). Other models (enums, aliases,
//!   unions) are inlined where they are used, since several may be the same Rust type.
//! - An operation's XML body or response names a `static` `Root` (element name and shape).
//!
//! Names: a property's element is its `xml.name`, else (for a model) the model's `xml.name`,
//! else its wire name. A list's items are named by the items' `xml.name`, else the item
//! model's `xml.name` or spec name, else the list's own name. A root element is the body's
//! `xml.name`, else the model's `xml.name` or name, else the body parameter's name.

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use crate::Result;
use crate::ir::{Api, Model, ModelKind, Property, ResponseBody, TypeRef, Xml};

/// Whether any body of the API goes as XML (the crate then has the XML runtime and
/// depends on `quick-xml`).
pub(super) fn uses_xml(api: &Api) -> bool {
    !xml_types(api).is_empty()
}

/// The types of every XML body and response, with their `xml` objects.
fn xml_types(api: &Api) -> Vec<(&TypeRef, &Xml)> {
    let mut out = Vec::new();
    for op in &api.operations {
        if let Some(body) = &op.body
            && let (crate::ir::BodyKind::Json { ty }, Some(xml)) = (&body.kind, &body.xml)
        {
            out.push((ty, xml));
        }
        for response in op.responses.iter().chain(&op.default_response) {
            if let Some(ResponseBody::Json {
                ty, xml: Some(xml), ..
            }) = &response.body
            {
                out.push((ty, xml));
            }
        }
    }
    out
}

/// `impl XmlModel` for every struct model that an XML body reaches, in model order.
pub(crate) fn model_impls(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let mut reached = BTreeSet::new();
    let mut roots = BTreeSet::new();
    for (ty, xml) in xml_types(ctx.api) {
        reach(ctx, ty, &mut reached);
        if let Some(m) = own_root(ctx, ty, xml) {
            roots.insert(m.name.as_str());
        }
    }
    let mut out = TokenStream::new();
    for model in &ctx.api.models {
        let ModelKind::Struct(s) = &model.kind else {
            continue;
        };
        if !reached.contains(model.name.as_str()) {
            continue;
        }
        let ident = ctx.ident(&model.rust_name, &model.pointer)?;
        let fields = s
            .properties
            .iter()
            .map(|p| field(ctx, p))
            .collect::<Vec<_>>();
        let own = model.xml.clone().unwrap_or_default();
        let local = own.name.clone().unwrap_or_else(|| model.name.clone());
        let (prefix, namespace) = namespaced(Some(&own));
        let name = name_tokens(&local, prefix, namespace);
        // Other keys (`additionalProperties`) are child elements named by the key.
        let object = match &s.additional_properties {
            Some(values) => {
                let values = shape(ctx, values, None, &local, &mut BTreeSet::new());
                quote!(crate::runtime::xml::Shape::OpenObject(FIELDS, &#values))
            }
            None => quote!(crate::runtime::xml::Shape::Object(FIELDS)),
        };
        out.extend(quote! {
            impl crate::runtime::xml::XmlModel for #ident {
                fn xml_shape() -> crate::runtime::xml::Shape {
                    static FIELDS: &[crate::runtime::xml::Field] = &[#(#fields),*];
                    #object
                }
            }
        });
        if !roots.contains(model.name.as_str()) {
            continue;
        }
        out.extend(quote! {
            impl crate::runtime::xml::XmlRoot for #ident {
                fn xml_root() -> &'static crate::runtime::xml::Root {
                    static ROOT: crate::runtime::xml::Root = crate::runtime::xml::Root {
                        name: #name,
                        shape: crate::runtime::xml::Shape::Model(
                            <crate::models::#ident as crate::runtime::xml::XmlModel>::xml_shape
                        ),
                    };
                    &ROOT
                }
            }
        });
    }
    Ok(out)
}

/// The models `ty` reaches (every kind; only structs get an impl).
fn reach<'a>(ctx: &Ctx<'a>, ty: &TypeRef, seen: &mut BTreeSet<&'a str>) {
    match ty {
        TypeRef::Array { items } => reach(ctx, items, seen),
        TypeRef::Map { values } => reach(ctx, values, seen),
        TypeRef::Model { name } => {
            let Some(model) = ctx.models.get(name.as_str()).copied() else {
                return;
            };
            if !seen.insert(model.name.as_str()) {
                return;
            }
            match &model.kind {
                ModelKind::Struct(s) => {
                    for p in &s.properties {
                        reach(ctx, &p.ty, seen);
                    }
                    if let Some(values) = &s.additional_properties {
                        reach(ctx, values, seen);
                    }
                }
                ModelKind::Alias { ty } => reach(ctx, ty, seen),
                ModelKind::Enum(_) | ModelKind::Union(_) => {}
            }
        }
        _ => {}
    }
}

/// The `Root` of an XML body of type `ty` whose schema has the `xml` object `xml`;
/// `fallback` names the root when nothing else does. An expression of type `&'static Root`.
pub(crate) fn root(ctx: &Ctx<'_>, ty: &TypeRef, xml: &Xml, fallback: &str) -> TokenStream {
    let model = model_of(ctx, ty);
    if let Some(m) = own_root(ctx, ty, xml)
        && let Ok(ident) = ctx.ident(&m.rust_name, &m.pointer)
    {
        return quote!(<crate::models::#ident as crate::runtime::xml::XmlRoot>::xml_root());
    }
    let model_xml = model.and_then(|m| m.xml.as_ref());
    let local = xml
        .name
        .clone()
        .or_else(|| model_xml.and_then(|x| x.name.clone()))
        .or_else(|| model.map(|m| m.name.clone()))
        .unwrap_or_else(|| fallback.to_owned());
    let (prefix, namespace) = namespaced(
        Some(xml)
            .filter(|x| x.prefix.is_some() || x.namespace.is_some())
            .or(model_xml),
    );
    let name = name_tokens(&local, prefix, namespace);
    let shape = shape(ctx, ty, Some(xml), &local, &mut BTreeSet::new());
    quote!({
        static ROOT: crate::runtime::xml::Root = crate::runtime::xml::Root {
            name: #name,
            shape: #shape,
        };
        &ROOT
    })
}

/// The struct model of a body that is named as the model's own `xml` object says (the body
/// schema adds no name): its `XmlRoot` impl holds the root, shared by its operations.
fn own_root<'a>(ctx: &Ctx<'a>, ty: &TypeRef, xml: &Xml) -> Option<&'a Model> {
    let model = model_of(ctx, ty)?;
    let plain = xml.name.is_none() && xml.prefix.is_none() && xml.namespace.is_none();
    (plain && matches!(model.kind, ModelKind::Struct(_))).then_some(model)
}

/// The model `ty` names, if any.
fn model_of<'a>(ctx: &Ctx<'a>, ty: &TypeRef) -> Option<&'a Model> {
    match ty {
        TypeRef::Model { name } => ctx.models.get(name.as_str()).copied(),
        _ => None,
    }
}

/// `ty` through aliases: the type a value of it is, and the `xml` object of the last alias
/// on the way that has one.
fn unaliased<'t>(ctx: &Ctx<'t>, ty: &'t TypeRef) -> (&'t TypeRef, Option<&'t Xml>) {
    let mut xml = None;
    let ty = ctx.unaliased_with(ty, |alias| xml = alias.xml.as_ref().or(xml));
    (ty, xml)
}

/// The prefix and namespace of an `xml` object.
fn namespaced(xml: Option<&Xml>) -> (Option<&str>, Option<&str>) {
    match xml {
        Some(x) => (x.prefix.as_deref(), x.namespace.as_deref()),
        None => (None, None),
    }
}

fn name_tokens(local: &str, prefix: Option<&str>, namespace: Option<&str>) -> TokenStream {
    // Absolute paths: inside `models.rs` a model may be named `Some` or `None`.
    let option = |value: Option<&str>| match value {
        Some(v) => quote!(::std::option::Option::Some(#v)),
        None => quote!(::std::option::Option::None),
    };
    let (prefix, namespace) = (option(prefix), option(namespace));
    quote!(crate::runtime::xml::Name { local: #local, prefix: #prefix, namespace: #namespace })
}

/// The `Field` of a property.
fn field(ctx: &Ctx<'_>, p: &Property) -> TokenStream {
    let own = p.xml.clone().unwrap_or_default();
    let (ty, alias_xml) = unaliased(ctx, &p.ty);
    let is_list = matches!(ty, TypeRef::Array { .. });
    let wrapped = own.wrapped || alias_xml.is_some_and(|x| x.wrapped);
    let form = if own.text {
        quote!(Text)
    } else if own.attribute {
        quote!(Attribute)
    } else if is_list && !wrapped {
        quote!(Items)
    } else {
        quote!(Element)
    };
    // A property of a model type is named by the model's `xml` object when it has none.
    let model_xml = match model_of(ctx, &p.ty) {
        Some(m) if !is_list => m.xml.as_ref(),
        _ => None,
    };
    let local = own
        .name
        .clone()
        .or_else(|| model_xml.and_then(|x| x.name.clone()))
        .unwrap_or_else(|| p.name.clone());
    let (prefix, namespace) = namespaced(
        Some(&own)
            .filter(|x| x.prefix.is_some() || x.namespace.is_some())
            .or(model_xml),
    );
    let name = name_tokens(&local, prefix, namespace);
    let shape = shape(ctx, &p.ty, Some(&own), &local, &mut BTreeSet::new());
    let key = &p.name;
    let required = p.required;
    quote!(crate::runtime::xml::Field {
        key: #key,
        name: #name,
        form: crate::runtime::xml::Form::#form,
        required: #required,
        shape: #shape,
    })
}

/// The `Shape` of a value of `ty`; `xml` is the `xml` object where the value is declared
/// (whose `items` names a list's items) and `own_name` the value's element name (the last
/// resort for a list's items). `aliases` breaks alias cycles.
fn shape<'a>(
    ctx: &Ctx<'a>,
    ty: &'a TypeRef,
    xml: Option<&Xml>,
    own_name: &str,
    aliases: &mut BTreeSet<&'a str>,
) -> TokenStream {
    match ty {
        TypeRef::String { .. } | TypeRef::Binary => quote!(crate::runtime::xml::Shape::Text),
        TypeRef::Integer { .. } | TypeRef::Number { .. } => {
            quote!(crate::runtime::xml::Shape::Number)
        }
        TypeRef::Boolean => quote!(crate::runtime::xml::Shape::Boolean),
        // A typed format is text on the wire, but for seconds since the epoch.
        TypeRef::Formatted {
            format: crate::ir::Format::UnixTime,
        } => quote!(crate::runtime::xml::Shape::Number),
        TypeRef::Formatted { .. } => quote!(crate::runtime::xml::Shape::Text),
        // A `null` item or value has no XML form but an absent element: the shape is the inner one.
        TypeRef::Nullable { inner } => shape(ctx, inner, xml, own_name, aliases),
        TypeRef::Any => quote!(crate::runtime::xml::Shape::Any),
        TypeRef::Map { values } => {
            let values = shape(ctx, values, None, own_name, aliases);
            quote!(crate::runtime::xml::Shape::Map(&#values))
        }
        TypeRef::Array { items } => {
            let items_xml = xml.and_then(|x| x.items.as_deref());
            let item_model = model_of(ctx, items);
            let local = items_xml
                .and_then(|x| x.name.clone())
                .or_else(|| item_model.and_then(|m| m.xml.as_ref()?.name.clone()))
                .or_else(|| item_model.filter(|m| spec_named(m)).map(|m| m.name.clone()))
                .unwrap_or_else(|| own_name.to_owned());
            let (prefix, namespace) =
                namespaced(items_xml.or_else(|| item_model.and_then(|m| m.xml.as_ref())));
            let name = name_tokens(&local, prefix, namespace);
            let items = shape(ctx, items, items_xml, &local, aliases);
            quote!(crate::runtime::xml::Shape::List(&crate::runtime::xml::List {
                item: #name,
                items: #items,
            }))
        }
        TypeRef::Model { name } => {
            let Some(model) = ctx.models.get(name.as_str()).copied() else {
                return quote!(crate::runtime::xml::Shape::Any);
            };
            match &model.kind {
                ModelKind::Struct(_) => {
                    let Ok(ident) = ctx.ident(&model.rust_name, &model.pointer) else {
                        return quote!(crate::runtime::xml::Shape::Any);
                    };
                    quote!(crate::runtime::xml::Shape::Model(
                        <crate::models::#ident as crate::runtime::xml::XmlModel>::xml_shape
                    ))
                }
                ModelKind::Enum(e) => shape(ctx, &e.base, None, own_name, aliases),
                ModelKind::Union(_) => quote!(crate::runtime::xml::Shape::Any),
                ModelKind::Alias { ty } => {
                    if !aliases.insert(model.name.as_str()) {
                        return quote!(crate::runtime::xml::Shape::Any);
                    }
                    // The alias's own `xml` object names its items unless the use site does.
                    let use_site = xml.filter(|x| x.items.is_some());
                    let out = shape(ctx, ty, use_site.or(model.xml.as_ref()), own_name, aliases);
                    aliases.remove(model.name.as_str());
                    out
                }
            }
        }
    }
}

/// Whether the model's name is the spec's (a definition or component schema), not one
/// synthesized for an inline schema.
fn spec_named(model: &Model) -> bool {
    // Pointers are URI fragments (`#/definitions/Name`).
    let pointer = model
        .pointer
        .trim_start_matches('#')
        .trim_start_matches('/');
    let segments: Vec<&str> = pointer.split('/').collect();
    matches!(
        segments.as_slice(),
        ["definitions", _] | ["components", "schemas", _]
    )
}
