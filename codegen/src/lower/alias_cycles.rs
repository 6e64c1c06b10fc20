//! Aliases that are their own type: `T: allOf: [{$ref: T}]`, or `A` an alias of `B` and `B` of
//! `A`. No Rust type is its own alias (and no finite struct holds itself by value), so such an
//! alias becomes an alias of any JSON value, with a warning. Aliases that reach themselves
//! through an array or a map (`T = Vec<T>`) are fine: the emitter makes them newtypes.

use indexmap::{IndexMap, IndexSet};

use crate::ir::{Model, ModelKind, TypeRef, Warning};

/// Breaks every cycle of aliases that alias each other directly. Returns a warning per alias
/// changed.
pub(super) fn break_alias_loops(
    models: &mut IndexMap<String, Model>,
    files: &IndexMap<String, String>,
) -> Vec<Warning> {
    let mut broken = Vec::new();
    for name in models.keys() {
        // Follow `name`'s chain of direct aliases: it is a loop when it comes back to `name`.
        let mut seen = IndexSet::new();
        let mut current = name.clone();
        while let Some(Model {
            kind:
                ModelKind::Alias {
                    ty: TypeRef::Model { name: next },
                },
            ..
        }) = models.get(&current)
        {
            if !seen.insert(current.clone()) {
                break;
            }
            if next == name {
                broken.push(name.clone());
                break;
            }
            current = next.clone();
        }
    }
    let mut warnings = Vec::new();
    for name in broken {
        let Some(model) = models.get_mut(&name) else {
            continue;
        };
        model.kind = ModelKind::Alias { ty: TypeRef::Any };
        warnings.push(Warning {
            file: files.get(&name).cloned().unwrap_or_default(),
            pointer: model.pointer.clone(),
            message: format!(
                "`{name}` is an alias of itself (through `$ref` or `allOf`): lowered as any JSON value"
            ),
        });
    }
    warnings
}
