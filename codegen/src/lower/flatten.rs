//! `x-ms-client-flatten`, as AutoRest does it.
//!
//! - On a property whose type is an object model: the owner shows that model's fields instead
//!   of the property ([`StructModel::flattened`]); the wire keeps them nested. Flattening is
//!   recursive (a flattened model's own flattened fields come along). A field whose name the
//!   owner already has is renamed `<field>_<property>_<field>` (`type_properties_type`, as
//!   AutoRest names it), with a warning. A field is required on the owner only when the
//!   property and the field both are; read-only stays read-only.
//! - On a JSON body parameter: the caller gives the body model's fields one by one
//!   ([`Operation::flattened_body`]); read-only fields are not asked for.
//!
//! What cannot be flattened keeps its nested shape, with a warning: a property that is not an
//! object model, a model with a discriminator or `additionalProperties`, recursion (a model
//! flattened into itself, a boxed field).

use indexmap::{IndexMap, IndexSet};

use crate::ir::{
    BodyField, BodyKind, FlatField, FlattenedBody, Flattening, Model, ModelKind, Operation,
    Property, StructModel, TypeRef, Warning,
};
use crate::naming::{self, Scope};

/// The public fields of every struct model, once flattened.
pub(super) struct Flattened {
    public: IndexMap<String, Vec<Property>>,
}

/// Fills `StructModel::flattened` of every model; returns the public fields of each struct.
pub(super) fn flatten_models(
    models: &mut [Model],
    file: &str,
    warnings: &mut Vec<Warning>,
) -> Flattened {
    let mut state = State {
        models,
        public: IndexMap::new(),
        flattenings: IndexMap::new(),
        visiting: IndexSet::new(),
        file,
        warnings,
    };
    let names: Vec<String> = state.models.iter().map(|m| m.name.clone()).collect();
    for name in &names {
        state.public_fields(name);
    }
    let State {
        models,
        public,
        flattenings,
        ..
    } = state;
    for model in models.iter_mut() {
        if let (ModelKind::Struct(s), Some(f)) = (&mut model.kind, flattenings.get(&model.name)) {
            s.flattened = f.clone();
        }
    }
    Flattened { public }
}

struct State<'m, 'w> {
    models: &'m mut [Model],
    public: IndexMap<String, Vec<Property>>,
    flattenings: IndexMap<String, Vec<Flattening>>,
    visiting: IndexSet<String>,
    file: &'w str,
    warnings: &'w mut Vec<Warning>,
}

impl State<'_, '_> {
    fn struct_model(&self, name: &str) -> Option<(&Model, &StructModel)> {
        let model = self.models.iter().find(|m| m.name == name)?;
        match &model.kind {
            ModelKind::Struct(s) => Some((model, s)),
            _ => None,
        }
    }

    fn warn(&mut self, pointer: &str, message: String) {
        let warning = Warning {
            file: self.file.to_owned(),
            pointer: pointer.to_owned(),
            message,
        };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// The fields the Rust struct of `name` shows (`None` for a model that is not a struct, or
    /// one being flattened right now: recursion).
    fn public_fields(&mut self, name: &str) -> Option<Vec<Property>> {
        if let Some(done) = self.public.get(name) {
            return Some(done.clone());
        }
        if self.visiting.contains(name) {
            return None;
        }
        let (model, s) = self.struct_model(name)?;
        let (pointer, properties) = (model.pointer.clone(), s.properties.clone());
        let polymorphic = s.discriminator.is_some();
        self.visiting.insert(name.to_owned());
        // Which properties flatten, and into what.
        let mut plans: Vec<Option<(String, Vec<Property>)>> = Vec::new();
        for p in &properties {
            plans.push(if !p.flatten {
                None
            } else if polymorphic {
                // The base of a polymorphic family is an enum over its kinds; the kinds that
                // inherit the property flatten it.
                self.warn(
                    &pointer,
                    format!(
                        "`x-ms-client-flatten` on `{}` is ignored on this polymorphic base (its kinds flatten it); it stays nested here",
                        p.name
                    ),
                );
                None
            } else {
                self.flattenable(&pointer, p)
            });
        }
        // The owner's own fields keep their names; flattened ones yield.
        let mut scope = Scope::with_reserved(naming::MODEL_MEMBERS);
        for (p, plan) in properties.iter().zip(&plans) {
            if plan.is_none() {
                scope.claim(p.rust_name.clone());
            }
        }
        let mut public = Vec::new();
        let mut flattenings = Vec::new();
        for (p, plan) in properties.iter().zip(plans) {
            let Some((model, inner)) = plan else {
                public.push(p.clone());
                continue;
            };
            let container_required = p.required && !p.nullable && !p.read_only;
            let mut fields = Vec::new();
            for f in inner {
                let wanted = f.rust_name.clone();
                let given = if scope.claim(wanted.clone()) == wanted {
                    wanted.clone()
                } else {
                    let longer = naming::value_name(&format!(
                        "{}_{}_{}",
                        f.client_name, p.client_name, f.client_name
                    ));
                    let given = scope.claim(longer);
                    self.warn(
                        &pointer,
                        format!(
                            "the field `{}` flattened from `{}` is taken on this model: it is named `{given}` instead",
                            wanted.trim_start_matches("r#"),
                            p.name
                        ),
                    );
                    given
                };
                let outer = Property {
                    rust_name: given,
                    required: container_required && f.required,
                    read_only: p.read_only || f.read_only,
                    flatten: false,
                    ..f.clone()
                };
                public.push(outer.clone());
                fields.push(FlatField {
                    inner: f.rust_name.clone(),
                    property: outer,
                });
            }
            flattenings.push(Flattening {
                property: p.name.clone(),
                model,
                fields,
            });
        }
        self.visiting.shift_remove(name);
        if !flattenings.is_empty() {
            self.flattenings.insert(name.to_owned(), flattenings);
        }
        self.public.insert(name.to_owned(), public.clone());
        Some(public)
    }

    /// The model of the flattened property `p` and its public fields, or `None` (with a
    /// warning) when it cannot be flattened.
    fn flattenable(&mut self, owner: &str, p: &Property) -> Option<(String, Vec<Property>)> {
        let refuse = |state: &mut Self, why: &str| {
            state.warn(
                owner,
                format!(
                    "`x-ms-client-flatten` on `{}` is ignored: {why}; it stays nested",
                    p.name
                ),
            );
            None
        };
        let TypeRef::Model { name } = &p.ty else {
            return refuse(self, "it is not an object model");
        };
        if p.recursive {
            return refuse(self, "the property contains its owner");
        }
        let Some((_, s)) = self.struct_model(name) else {
            return refuse(self, "it is not an object model");
        };
        if s.discriminator.is_some() || s.additional_properties.is_some() {
            return refuse(
                self,
                "its model is polymorphic or has `additionalProperties`",
            );
        }
        if s.properties.iter().any(|f| f.recursive) {
            return refuse(self, "its model contains itself");
        }
        let name = name.clone();
        match self.public_fields(&name) {
            Some(fields) => Some((name, fields)),
            None => refuse(self, "its model is flattened into itself"),
        }
    }
}

impl Flattened {
    /// The flattened body of `op`, when its body parameter asks for it (`at` is the
    /// extension), with a warning when it cannot be.
    pub(super) fn body(
        &self,
        op: &Operation,
        models: &[Model],
        at: &crate::resolve::Loc,
        warnings: &mut Vec<Warning>,
    ) -> Option<FlattenedBody> {
        let mut refuse = |why: &str| {
            warnings.push(Warning {
                file: crate::display_path(&at.file),
                pointer: at.pointer.clone(),
                message: format!("`x-ms-client-flatten` on the body is ignored: {why}"),
            });
            None
        };
        let Some(BodyKind::Json {
            ty: TypeRef::Model { name },
        }) = op.body.as_ref().map(|b| &b.kind)
        else {
            return refuse("the body is not an object model");
        };
        let Some(ModelKind::Struct(s)) = models.iter().find(|m| &m.name == name).map(|m| &m.kind)
        else {
            return refuse("the body is not an object model");
        };
        if s.discriminator.is_some() || s.additional_properties.is_some() {
            return refuse("its model is polymorphic or has `additionalProperties`");
        }
        let Some(public) = self.public.get(name) else {
            return refuse("the body is not an object model");
        };
        if public.iter().any(|p| p.recursive) {
            return refuse("its model contains itself");
        }
        let mut scope = Scope::with_reserved(naming::REQUEST_MEMBERS);
        for p in op.parameters.iter().filter(|p| !p.client_level) {
            scope.claim(p.rust_name.clone());
        }
        let fields = public
            .iter()
            .filter(|p| !p.read_only)
            .map(|p| BodyField {
                rust_name: scope.claim(p.rust_name.clone()),
                field: p.rust_name.clone(),
                name: p.name.clone(),
                ty: p.ty.clone(),
                required: p.required && !p.nullable,
                description: p.description.clone(),
            })
            .collect();
        Some(FlattenedBody {
            model: name.clone(),
            fields,
        })
    }
}
