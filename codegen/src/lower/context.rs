//! State shared by the lowering passes: the resolver, the models found so far, warnings.

use indexmap::IndexMap;

use crate::ir::{Model, Warning};
use crate::naming::Scope;
use crate::resolve::{Loc, Resolver};

/// A model slot: registered by location before its body is lowered (so that recursive references
/// find it), filled once lowered.
#[derive(Debug)]
pub(crate) struct Slot {
    pub loc: Loc,
    pub model: Option<Model>,
}

/// The lowering context.
pub(crate) struct Lowerer<'r> {
    pub res: &'r Resolver,
    /// Models by name, in registration order.
    pub models: IndexMap<String, Slot>,
    /// Model name by schema location (definitions and every inline schema that became a model).
    pub by_loc: IndexMap<Loc, String>,
    /// Inline schemas already made into models, by file and exact JSON text: an identical inline
    /// schema elsewhere in the same file reuses the first one's model.
    pub by_shape: IndexMap<(std::sync::Arc<std::path::Path>, String), String>,
    /// Rust type names of models.
    pub model_types: Scope,
    /// Models whose bodies are being lowered right now (to tell recursion from "not yet").
    pub in_progress: indexmap::IndexSet<String>,
    /// Warnings about constructs that were not lowered.
    pub warnings: Vec<Warning>,
}

impl<'r> Lowerer<'r> {
    pub fn new(res: &'r Resolver) -> Self {
        Lowerer {
            res,
            models: IndexMap::new(),
            by_loc: IndexMap::new(),
            by_shape: IndexMap::new(),
            model_types: Scope::new(),
            in_progress: indexmap::IndexSet::new(),
            warnings: Vec::new(),
        }
    }

    /// Records a construct that is seen but not supported.
    pub fn warn(&mut self, at: &Loc, message: impl Into<String>) {
        self.warnings.push(Warning {
            file: crate::display_path(&at.file),
            pointer: at.pointer.clone(),
            message: message.into(),
        });
    }

    /// A model name not used yet, from `wanted` (`Foo`, then `Foo_2`, ...).
    pub fn free_model_name(&self, wanted: &str) -> String {
        if !self.models.contains_key(wanted) {
            return wanted.to_owned();
        }
        (2..)
            .map(|n| format!("{wanted}_{n}"))
            .find(|candidate| !self.models.contains_key(candidate))
            .unwrap_or_else(|| wanted.to_owned())
    }

    /// Registers an empty slot for the schema at `loc` under `name` (which must be free).
    pub fn reserve(&mut self, loc: Loc, name: String) {
        self.by_loc.insert(loc.clone(), name.clone());
        self.models.insert(name, Slot { loc, model: None });
    }

    /// Fills a reserved slot.
    pub fn fill(&mut self, name: &str, model: Model) {
        if let Some(slot) = self.models.get_mut(name) {
            slot.model = Some(model);
        }
    }

    /// A lowered model by name (None while it is being lowered).
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models.get(name).and_then(|slot| slot.model.as_ref())
    }
}
