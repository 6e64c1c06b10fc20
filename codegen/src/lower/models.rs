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
    // A set: a parent named twice in one `allOf` is linked once, without a linear search of
    // its children per link (a base may have thousands).
    let links: IndexSet<(String, String)> = models
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
/// held by value (arrays and maps are already on the heap and break a cycle): when the owner and
/// the property's model are in the same strongly connected component of the by-value graph.
fn mark_recursion(models: &mut IndexMap<String, Model>) {
    let edges: Vec<Vec<usize>> = models
        .values()
        .map(|m| {
            by_value_targets(models, m)
                .iter()
                .filter_map(|t| models.get_index_of(t))
                .collect()
        })
        .collect();
    let component = strongly_connected(&edges);
    let mut marks = Vec::new();
    for (owner, model) in models.values().enumerate() {
        if let ModelKind::Struct(s) = &model.kind {
            for (i, p) in s.properties.iter().enumerate() {
                if let Some(target) = by_value_model(models, &p.ty)
                    && let Some(target) = models.get_index_of(&target)
                    && component[target] == component[owner]
                {
                    marks.push((owner, i));
                }
            }
        }
    }
    for (owner, i) in marks {
        if let Some((
            _,
            Model {
                kind: ModelKind::Struct(s),
                ..
            },
        )) = models.get_index_mut(owner)
            && let Some(p) = s.properties.get_mut(i)
        {
            p.recursive = true;
        }
    }
}

/// The strongly connected component of each node (Tarjan's algorithm, with an explicit stack:
/// a chain of any length is fine).
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let mut index = vec![UNSEEN; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = 0;
    for start in 0..n {
        if index[start] != UNSEEN {
            continue;
        }
        // (node, next edge to look at)
        let mut work = vec![(start, 0)];
        while let Some(&mut (node, ref mut next)) = work.last_mut() {
            if *next == 0 && index[node] == UNSEEN {
                index[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&to) = edges[node].get(*next) {
                *next += 1;
                if index[to] == UNSEEN {
                    work.push((to, 0));
                } else if on_stack[to] {
                    low[node] = low[node].min(index[to]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = components;
                    if member == node {
                        break;
                    }
                }
                components += 1;
            }
        }
    }
    component
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
