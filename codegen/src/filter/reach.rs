//! Which models a set of operations reaches: a typed walk of the IR, from the operations'
//! inputs and outputs through every edge a model has to others.
//!
//! A model is reached *as a type* when a kept value may hold it: through an operation's
//! parameters, bodies, responses and their headers, and from a model so reached through
//! properties (flattened ones too), array items, map values, `additionalProperties`, union
//! alternatives, aliases, enum bases, and a base's children and discriminator mapping (a value
//! of a polymorphic base may be any of its kinds, so all of them are kept). A model is reached
//! *as an ancestor* through a kept model's `allOf` parents: the child needs it (its
//! discriminator value, whether it keeps unknown properties), but a value of the child is never
//! one of its siblings, so the ancestor's other kinds are not reached through it. Without that
//! distinction, every model of a family under one root (Microsoft Graph's `entity`) would reach
//! all the others.

use indexmap::{IndexMap, IndexSet};

use crate::ir::{
    Api, BodyKind, Model, ModelKind, Operation, Parameter, ParameterGroup, ResponseBody,
    StructModel, TypeRef,
};

/// The models a walk reached.
pub(crate) struct Reached {
    /// Every model reached, as a type or as an ancestor.
    pub all: IndexSet<String>,
    /// The models reached only as the ancestors of others: their children and discriminator
    /// mappings may name models that were not reached.
    pub ancestors_only: IndexSet<String>,
}

/// The models reached from `operations`, the API's host parameters and `client_parameters`,
/// in no particular order (callers keep the API's order).
pub(crate) fn models_reached<'a>(
    api: &'a Api,
    operations: impl Iterator<Item = &'a Operation>,
    client_parameters: &'a [Parameter],
) -> Reached {
    let mut walk = Walk::new(api);
    for p in api.host.parameters.iter().chain(client_parameters) {
        walk.ty(&p.ty);
    }
    for op in operations {
        walk.operation(op);
    }
    walk.finish()
}

struct Walk<'a> {
    /// The parameter groups by name.
    groups: IndexMap<&'a str, &'a ParameterGroup>,
    models: IndexMap<&'a str, &'a Model>,
    /// Models reached as a type.
    typed: IndexSet<&'a str>,
    /// Models reached as an ancestor (some of them also as a type).
    ancestors: IndexSet<&'a str>,
    /// Reached models whose edges are not followed yet, and whether as a type.
    pending: Vec<(&'a Model, bool)>,
}

impl<'a> Walk<'a> {
    fn new(api: &'a Api) -> Self {
        Walk {
            groups: api
                .parameter_groups
                .iter()
                .map(|g| (g.name.as_str(), g))
                .collect(),
            models: api.models.iter().map(|m| (m.name.as_str(), m)).collect(),
            typed: IndexSet::new(),
            ancestors: IndexSet::new(),
            pending: Vec::new(),
        }
    }

    /// Follows the edges of every reached model until no new one is found.
    fn finish(mut self) -> Reached {
        while let Some((model, as_type)) = self.pending.pop() {
            self.model(model, as_type);
        }
        let ancestors_only = self
            .ancestors
            .iter()
            .filter(|name| !self.typed.contains(*name))
            .map(|name| (*name).to_owned())
            .collect();
        let all = self.typed.iter().chain(&self.ancestors);
        Reached {
            all: all.map(|name| (*name).to_owned()).collect(),
            ancestors_only,
        }
    }

    /// A model reached as a type.
    fn name(&mut self, name: &'a str) {
        if let Some(model) = self.models.get(name).copied()
            && self.typed.insert(model.name.as_str())
        {
            self.pending.push((model, true));
        }
    }

    /// A model reached as the `allOf` parent of another.
    fn ancestor(&mut self, name: &'a str) {
        if let Some(model) = self.models.get(name).copied()
            && self.ancestors.insert(model.name.as_str())
        {
            self.pending.push((model, false));
        }
    }

    fn ty(&mut self, ty: &'a TypeRef) {
        match ty {
            TypeRef::Model { name } => self.name(name),
            TypeRef::Array { items: inner }
            | TypeRef::Map { values: inner }
            | TypeRef::Nullable { inner } => self.ty(inner),
            TypeRef::String { .. }
            | TypeRef::Formatted { .. }
            | TypeRef::Integer { .. }
            | TypeRef::Number { .. }
            | TypeRef::Boolean
            | TypeRef::Binary
            | TypeRef::Any => {}
        }
    }

    fn operation(&mut self, op: &'a Operation) {
        for p in &op.parameters {
            self.ty(&p.ty);
        }
        if let Some(body) = &op.body {
            match &body.kind {
                BodyKind::Json { ty } => self.ty(ty),
                BodyKind::Form { fields } | BodyKind::Multipart { fields } => {
                    for field in fields {
                        self.ty(&field.ty);
                    }
                }
                BodyKind::Binary | BodyKind::Text => {}
            }
        }
        for response in op.responses.iter().chain(&op.default_response) {
            if let Some(ResponseBody::Json { ty, .. }) = &response.body {
                self.ty(ty);
            }
            for header in &response.headers {
                self.ty(&header.ty);
            }
        }
        if let Some(flattened) = &op.flattened_body {
            self.name(&flattened.model);
            for field in &flattened.fields {
                self.ty(&field.ty);
            }
        }
        for group_use in &op.parameter_groups {
            if let Some(group) = self.groups.get(group_use.group.as_str()).copied() {
                for field in &group.fields {
                    self.ty(&field.ty);
                }
            }
        }
        if let Some(paging) = &op.paging {
            self.name(&paging.page_model);
        }
        if let Some(result) = op.polling.as_ref().and_then(|p| p.result.as_ref()) {
            self.ty(result);
        }
    }

    fn model(&mut self, model: &'a Model, as_type: bool) {
        match &model.kind {
            ModelKind::Struct(s) => self.struct_model(s, as_type),
            ModelKind::Enum(e) => self.ty(&e.base),
            ModelKind::Union(u) => {
                for variant in &u.variants {
                    self.ty(&variant.ty);
                }
            }
            ModelKind::Alias { ty } => self.ty(ty),
        }
    }

    /// A struct's edges; its kinds only when it was reached as a type.
    fn struct_model(&mut self, s: &'a StructModel, as_type: bool) {
        for p in &s.properties {
            self.ty(&p.ty);
        }
        if let Some(extra) = &s.additional_properties {
            self.ty(extra);
        }
        for flattening in &s.flattened {
            self.name(&flattening.model);
            for field in &flattening.fields {
                self.ty(&field.property.ty);
            }
        }
        for name in &s.parents {
            self.ancestor(name);
        }
        if !as_type {
            return;
        }
        for name in &s.children {
            self.name(name);
        }
        if let Some(discriminator) = &s.discriminator {
            for name in discriminator.mapping.values() {
                self.name(name);
            }
        }
    }
}
