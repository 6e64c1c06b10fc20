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
    /// Models registered but not lowered yet, to lower from the top (see `depth.rs`).
    pub deferred: Vec<Loc>,
    /// Warnings about constructs that were not lowered.
    pub warnings: Vec<Warning>,
    /// `(child, parent)` for each `allOf` parent that was still being lowered when its child
    /// was (`Thing` has a property of type `CreativeWork`, which inherits from `Thing`): the
    /// parent's properties are copied into the child at the end.
    pub late_parents: Vec<(String, String)>,
    /// The models being lowered that reach the current one through `allOf` alone (a `$ref`
    /// reached through a property starts a new chain): a parent in it is an inheritance cycle.
    pub all_of_chain: Vec<String>,
    /// Set just before an `allOf` member's model is looked up, so that its chain continues.
    pub via_all_of: bool,
    /// Keywords next to a schema `$ref` apply (OpenAPI 3.1, JSON Schema 2020-12), rather than
    /// being ignored (Swagger 2.0 and OpenAPI 3.0, JSON Reference), and a reference object's
    /// `description` replaces the referenced one's.
    pub ref_siblings_apply: bool,
    /// `x-ms-parameter-grouping` and `x-ms-client-flatten` on each operation's parameters, by
    /// the operation's location (see `grouping.rs`).
    pub input_extensions: IndexMap<Loc, super::grouping::InputExtensions>,
    /// Enums by `x-ms-enum` name, so that an inline enum of a known name and values reuses
    /// its model (see `enum_names.rs`).
    pub enum_names: super::enum_names::EnumNames,
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
            deferred: Vec::new(),
            warnings: Vec::new(),
            late_parents: Vec::new(),
            all_of_chain: Vec::new(),
            via_all_of: false,
            ref_siblings_apply: false,
            input_extensions: IndexMap::new(),
            enum_names: Default::default(),
        }
    }

    /// Records a construct that is seen but not supported (once, however often it is visited).
    pub fn warn(&mut self, at: &Loc, message: impl Into<String>) {
        let warning = Warning {
            file: crate::display_path(&at.file),
            pointer: at.pointer.clone(),
            message: message.into(),
        };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// The name given by a claim (`naming::Scope::claim_at` and friends); a rename is reported
    /// as a warning at `at` naming what had the name. `what` says what is named.
    pub fn named(
        &mut self,
        at: &Loc,
        claimed: (String, Option<crate::naming::Renamed>),
        what: &str,
    ) -> String {
        let (given, renamed) = claimed;
        if let Some(renamed) = renamed {
            self.warn(at, renamed.message(what));
        }
        given
    }

    /// Warns about each member of the object `value` (at `at`) that is neither in `known` nor an
    /// `x-` extension: `what` names the object in the message (`an operation`).
    pub fn warn_unknown_keys(
        &mut self,
        at: &Loc,
        value: &serde_json::Value,
        known: &[&str],
        what: &str,
    ) {
        let Some(object) = value.as_object() else {
            return;
        };
        for key in object.keys() {
            if !known.contains(&key.as_str()) && !key.starts_with("x-") {
                self.warn(
                    &at.key(key),
                    format!("`{key}` is not a field of {what} that the generator knows; ignored"),
                );
            }
        }
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
