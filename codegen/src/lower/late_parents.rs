//! Inheritance through a cycle of references: `Thing` has a property of type `CreativeWork`,
//! and `CreativeWork` is `allOf: [Thing]`. While `Thing` is lowered, `CreativeWork` is reached
//! and cannot copy `Thing`'s properties yet; it records the parent, and once every model is
//! known the properties are copied here (parents first, as `allOf` does). That is recursion
//! through a property, not an inheritance cycle.

use indexmap::{IndexMap, IndexSet};

use crate::ir::{Model, ModelKind, Property, TypeRef};

/// Copies into each model below a late parent the properties of its ancestors that it lacks.
/// Only the models below a late parent are visited, each after its own parents.
pub(super) fn inherit_late(models: &mut IndexMap<String, Model>, late: &[(String, String)]) {
    if late.is_empty() {
        return;
    }
    // A late parent that turns out to inherit from its child (through parents found later)
    // would close an inheritance cycle: that edge is dropped.
    for (child, parent) in late {
        if ancestors(models, parent).contains(child)
            && let Some(ModelKind::Struct(s)) = models.get_mut(child).map(|m| &mut m.kind)
        {
            s.parents.retain(|p| p != parent);
        }
    }
    // Every model at or below a late child, in an order where parents come first.
    let mut order: IndexSet<String> = IndexSet::new();
    let mut visiting: IndexSet<String> = IndexSet::new();
    for (child, _) in late {
        for below in below(models, child) {
            visit(models, &below, &mut visiting, &mut order);
        }
    }
    for name in order {
        let Some(ModelKind::Struct(s)) = models.get(&name).map(|m| &m.kind) else {
            continue;
        };
        let mut inherited: Vec<Property> = Vec::new();
        let mut additional: Option<TypeRef> = None;
        for parent in &s.parents {
            if let Some(ModelKind::Struct(p)) = models.get(parent).map(|m| &m.kind) {
                for property in &p.properties {
                    if !inherited.iter().any(|i| i.name == property.name) {
                        inherited.push(property.clone());
                    }
                }
                additional = additional.or(p.additional_properties.clone());
            }
        }
        let Some(ModelKind::Struct(s)) = models.get_mut(&name).map(|m| &mut m.kind) else {
            continue;
        };
        let missing: Vec<Property> = inherited
            .into_iter()
            .filter(|p| !s.properties.iter().any(|own| own.name == p.name))
            .filter(|p| !s.properties.iter().any(|own| own.rust_name == p.rust_name))
            .collect();
        s.properties.splice(0..0, missing);
        s.additional_properties = s.additional_properties.take().or(additional);
    }
}

/// Every model `name` inherits from, directly or not (`name` itself only through a cycle).
fn ancestors(models: &IndexMap<String, Model>, name: &str) -> IndexSet<String> {
    let mut out: IndexSet<String> = IndexSet::new();
    let mut stack = vec![name.to_owned()];
    while let Some(current) = stack.pop() {
        if let Some(ModelKind::Struct(s)) = models.get(&current).map(|m| &m.kind) {
            for parent in &s.parents {
                if out.insert(parent.clone()) {
                    stack.push(parent.clone());
                }
            }
        }
    }
    out
}

/// `name` and every model that inherits from it, directly or not.
fn below(models: &IndexMap<String, Model>, name: &str) -> Vec<String> {
    let mut out: IndexSet<String> = IndexSet::new();
    let mut stack = vec![name.to_owned()];
    while let Some(current) = stack.pop() {
        if !out.insert(current.clone()) {
            continue;
        }
        for (other, model) in models {
            if let ModelKind::Struct(s) = &model.kind
                && s.parents.contains(&current)
            {
                stack.push(other.clone());
            }
        }
    }
    out.into_iter().collect()
}

/// Adds `name` to `order` after its parents (a parent cycle is cut where it closes).
fn visit(
    models: &IndexMap<String, Model>,
    name: &str,
    visiting: &mut IndexSet<String>,
    order: &mut IndexSet<String>,
) {
    if order.contains(name) || !visiting.insert(name.to_owned()) {
        return;
    }
    if let Some(ModelKind::Struct(s)) = models.get(name).map(|m| &m.kind) {
        for parent in &s.parents {
            visit(models, parent, visiting, order);
        }
    }
    order.insert(name.to_owned());
}
