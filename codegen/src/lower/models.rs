//! Finishing models once all are known: children of `allOf` parents, discriminator mappings,
//! and which properties close a by-value cycle (and so must be boxed).

use indexmap::{IndexMap, IndexSet};

use super::context::Slot;
use crate::ir::{Model, ModelKind, TypeRef, Warning};
use crate::{Error, ErrorKind, Result};

/// The finished models, and warnings about what could not be represented.
pub(super) fn finish_models(
    slots: IndexMap<String, Slot>,
    late_parents: &[(String, String)],
) -> Result<(Vec<Model>, Vec<Warning>)> {
    let mut models: IndexMap<String, Model> = IndexMap::new();
    let mut files: IndexMap<String, String> = IndexMap::new();
    for (name, slot) in slots {
        files.insert(name.clone(), crate::display_path(&slot.loc.file));
        let model = slot.model.ok_or_else(|| {
            Error::new(
                ErrorKind::Internal,
                slot.loc.file.to_path_buf(),
                slot.loc.pointer.clone(),
                format!("model `{name}` was never lowered"),
            )
        })?;
        models.insert(name, model);
    }
    super::late_parents::inherit_late(&mut models, late_parents);
    let mut warnings = super::alias_cycles::break_alias_loops(&mut models, &files);
    link_children(&mut models);
    let discriminator_warnings =
        map_discriminators(&mut models)
            .into_iter()
            .map(|(base, message)| Warning {
                file: files.get(&base).cloned().unwrap_or_default(),
                pointer: models
                    .get(&base)
                    .map(|m| m.pointer.clone())
                    .unwrap_or_default(),
                message,
            });
    warnings.extend(discriminator_warnings);
    mark_recursion(&mut models);
    Ok((models.into_values().collect(), warnings))
}

fn link_children(models: &mut IndexMap<String, Model>) {
    let links: Vec<(String, String)> = models
        .values()
        .filter_map(|m| match &m.kind {
            ModelKind::Struct(s) => Some(
                s.parents
                    .iter()
                    .map(|p| (p.clone(), m.name.clone()))
                    .collect::<Vec<_>>(),
            ),
            _ => None,
        })
        .flatten()
        .collect();
    for (parent, child) in links {
        if let Some(Model {
            kind: ModelKind::Struct(s),
            ..
        }) = models.get_mut(&parent)
            && !s.children.contains(&child)
        {
            s.children.push(child);
        }
    }
}

/// Fills each discriminator's mapping with every descendant's value (its
/// `x-ms-discriminator-value`, or its name), keeping explicit mappings.
/// Returns (base model, message) for each kind left out because its value is taken.
fn map_discriminators(models: &mut IndexMap<String, Model>) -> Vec<(String, String)> {
    let mut dropped = Vec::new();
    // A mapping to a schema that is not a model (a typo, a pointer elsewhere) names no kind.
    let names: IndexSet<String> = models.keys().cloned().collect();
    for model in models.values_mut() {
        if let ModelKind::Struct(s) = &mut model.kind
            && let Some(d) = s.discriminator.as_mut()
        {
            d.mapping.retain(|value, target| {
                let known = names.contains(target.as_str());
                if !known {
                    dropped.push((
                        model.name.clone(),
                        format!("the discriminator value `{value}` maps to `{target}`, which is not a model: left out of the mapping"),
                    ));
                }
                known
            });
        }
    }
    // An explicit mapping (OpenAPI 3 `discriminator.mapping`) gives each named child its value.
    let explicit: Vec<(String, String)> = models
        .values()
        .filter_map(|m| match &m.kind {
            ModelKind::Struct(s) => s.discriminator.as_ref(),
            _ => None,
        })
        .flat_map(|d| d.mapping.iter().map(|(v, c)| (v.clone(), c.clone())))
        .collect();
    for (value, child) in explicit {
        if let Some(Model {
            kind: ModelKind::Struct(s),
            ..
        }) = models.get_mut(&child)
            && s.discriminator_value.is_none()
        {
            s.discriminator_value = Some(value);
        }
    }
    inherit_discriminators(models);
    let bases: Vec<String> = models
        .values()
        .filter(|m| matches!(&m.kind, ModelKind::Struct(s) if s.discriminator.is_some()))
        .map(|m| m.name.clone())
        .collect();
    for base in bases {
        let mut descendants = IndexSet::new();
        let mut queue = vec![base.clone()];
        while let Some(name) = queue.pop() {
            if let Some(Model {
                kind: ModelKind::Struct(s),
                ..
            }) = models.get(&name)
            {
                for child in &s.children {
                    if descendants.insert(child.clone()) {
                        queue.push(child.clone());
                    }
                }
            }
        }
        let mut entries = Vec::new();
        for child in &descendants {
            if let Some(Model {
                kind: ModelKind::Struct(s),
                ..
            }) = models.get(child)
            {
                let value = s
                    .discriminator_value
                    .clone()
                    .unwrap_or_else(|| child.clone());
                entries.push((value, child.clone()));
            }
        }
        if let Some(Model {
            kind: ModelKind::Struct(s),
            ..
        }) = models.get_mut(&base)
            && let Some(d) = s.discriminator.as_mut()
        {
            for (value, child) in entries {
                if d.mapping.values().any(|c| c == &child) {
                    continue;
                }
                match d.mapping.get(&value) {
                    Some(taken) => dropped.push((
                        base.clone(),
                        format!(
                            "`{child}` has the discriminator value `{value}` of `{taken}`: it cannot be told apart and is left out of the mapping"
                        ),
                    )),
                    None => {
                        d.mapping.insert(value, child);
                    }
                }
            }
        }
    }
    dropped
}

/// A kind that has kinds of its own (`Pet` -> `Cat` -> `Kitten`) is told apart by the same
/// property as its base: it gets the base's discriminator, with itself mapped by its own value,
/// so that a value decoded as `Cat` can still be a `Kitten`.
fn inherit_discriminators(models: &mut IndexMap<String, Model>) {
    loop {
        let mut found = None;
        for m in models.values() {
            let ModelKind::Struct(s) = &m.kind else {
                continue;
            };
            if s.discriminator.is_some() || s.children.is_empty() {
                continue;
            }
            let inherited = s
                .parents
                .iter()
                .find_map(|p| match models.get(p).map(|p| &p.kind) {
                    Some(ModelKind::Struct(ps)) => {
                        ps.discriminator.as_ref().map(|d| d.property.clone())
                    }
                    _ => None,
                });
            if let Some(property) = inherited {
                let value = s
                    .discriminator_value
                    .clone()
                    .unwrap_or_else(|| m.name.clone());
                found = Some((m.name.clone(), property, value));
                break;
            }
        }
        let Some((name, property, value)) = found else {
            return;
        };
        if let Some(Model {
            kind: ModelKind::Struct(s),
            ..
        }) = models.get_mut(&name)
        {
            let mut mapping = IndexMap::new();
            mapping.insert(value, name.clone());
            s.discriminator = Some(crate::ir::Discriminator { property, mapping });
        }
    }
}

/// A property is recursive when its model can reach the property's owner again through fields
/// held by value (arrays and maps are already on the heap and break a cycle).
fn mark_recursion(models: &mut IndexMap<String, Model>) {
    let edges: IndexMap<String, Vec<String>> = models
        .values()
        .map(|m| (m.name.clone(), by_value_targets(models, m)))
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = IndexSet::new();
        let mut stack = vec![from.to_owned()];
        while let Some(name) = stack.pop() {
            if name == to {
                return true;
            }
            if seen.insert(name.clone()) {
                stack.extend(edges.get(&name).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut marks = Vec::new();
    for model in models.values() {
        if let ModelKind::Struct(s) = &model.kind {
            for (i, p) in s.properties.iter().enumerate() {
                if let Some(target) = by_value_model(models, &p.ty)
                    && reaches(&target, &model.name)
                {
                    marks.push((model.name.clone(), i));
                }
            }
        }
    }
    for (name, i) in marks {
        if let Some(Model {
            kind: ModelKind::Struct(s),
            ..
        }) = models.get_mut(&name)
            && let Some(p) = s.properties.get_mut(i)
        {
            p.recursive = true;
        }
    }
}

fn by_value_targets(models: &IndexMap<String, Model>, model: &Model) -> Vec<String> {
    match &model.kind {
        ModelKind::Struct(s) => s
            .properties
            .iter()
            .filter_map(|p| by_value_model(models, &p.ty))
            .collect(),
        ModelKind::Alias { ty } => by_value_model(models, ty).into_iter().collect(),
        ModelKind::Union(u) => u
            .variants
            .iter()
            .filter_map(|v| by_value_model(models, &v.ty))
            .collect(),
        ModelKind::Enum(_) => Vec::new(),
    }
}

fn by_value_model(models: &IndexMap<String, Model>, ty: &TypeRef) -> Option<String> {
    match ty {
        TypeRef::Model { name } => match models.get(name).map(|m| &m.kind) {
            Some(ModelKind::Struct(_) | ModelKind::Alias { .. } | ModelKind::Union(_)) => {
                Some(name.clone())
            }
            _ => None,
        },
        _ => None,
    }
}
