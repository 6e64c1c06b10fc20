//! Which models a set of operations reaches: a typed walk of the IR, from the operations'
//! inputs and outputs through every edge a model has to others.
//!
//! The edges: properties (flattened ones too), array items, map values, `additionalProperties`,
//! `allOf` parents and children, discriminator mappings, union alternatives, aliases, enum bases.
//! A polymorphic base reaches all its kinds, so the kinds of a kept base are kept.

use indexmap::{IndexMap, IndexSet};

use crate::ir::{
    Api, BodyKind, Model, ModelKind, Operation, Parameter, ParameterGroup, ResponseBody,
    StructModel, TypeRef,
};

/// The names of the models reached from `operations`, the API's host parameters and
/// `client_parameters`, in no particular order (callers keep the API's order).
pub(crate) fn models_reached<'a>(
    api: &'a Api,
    operations: impl Iterator<Item = &'a Operation>,
    client_parameters: &'a [Parameter],
) -> IndexSet<&'a str> {
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
    reached: IndexSet<&'a str>,
    /// Reached models whose own edges are not followed yet.
    pending: Vec<&'a Model>,
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
            reached: IndexSet::new(),
            pending: Vec::new(),
        }
    }

    /// Follows the edges of every reached model until no new one is found.
    fn finish(mut self) -> IndexSet<&'a str> {
        while let Some(model) = self.pending.pop() {
            self.model(model);
        }
        self.reached
    }

    fn name(&mut self, name: &'a str) {
        if let Some(model) = self.models.get(name).copied()
            && self.reached.insert(model.name.as_str())
        {
            self.pending.push(model);
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

    fn model(&mut self, model: &'a Model) {
        match &model.kind {
            ModelKind::Struct(s) => self.struct_model(s),
            ModelKind::Enum(e) => self.ty(&e.base),
            ModelKind::Union(u) => {
                for variant in &u.variants {
                    self.ty(&variant.ty);
                }
            }
            ModelKind::Alias { ty } => self.ty(ty),
        }
    }

    fn struct_model(&mut self, s: &'a StructModel) {
        for p in &s.properties {
            self.ty(&p.ty);
        }
        if let Some(extra) = &s.additional_properties {
            self.ty(extra);
        }
        for name in s.parents.iter().chain(&s.children) {
            self.name(name);
        }
        if let Some(discriminator) = &s.discriminator {
            for name in discriminator.mapping.values() {
                self.name(name);
            }
        }
        for flattening in &s.flattened {
            self.name(&flattening.model);
            for field in &flattening.fields {
                self.ty(&field.property.ty);
            }
        }
    }
}
