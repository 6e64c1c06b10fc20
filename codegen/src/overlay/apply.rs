//! Applying an overlay's actions to a document.

use serde_json::Value;
use serde_json_path::PathElement;

use super::{Change, Overlay};
use crate::ir::Warning;
use crate::{Error, ErrorKind, Result};

/// One step of a node's place in the document (owned, so that the document can change).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Name(String),
    Index(usize),
}

/// Applies the overlay's actions in order to `doc`. Returns a warning for each action whose
/// target selects nothing.
///
/// For each node the target selects:
/// - `remove: true` removes it from its object (the other members keep their order) or array.
/// - `update` into an object must be an object, merged recursively: a member only in the update
///   is added; in both, an object is merged, an array is appended to the document's array, and a
///   primitive (string, number, boolean, null) replaces the document's primitive. Other
///   combinations are errors (a `null` over an object or array is ignored with a warning).
/// - `update` into an array is appended to it (an array update is concatenated, as Overlay 1.1
///   spells out).
/// - `update` into a primitive replaces it with a primitive (as Overlay 1.1 allows).
pub fn apply(doc: &mut Value, overlay: &Overlay) -> Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    let file = crate::display_path(&overlay.file);
    for action in &overlay.actions {
        let places: Vec<Vec<Step>> = action
            .target
            .query_located(doc)
            .dedup()
            .locations()
            .map(|path| {
                path.iter()
                    .map(|element| match element {
                        PathElement::Name(name) => Step::Name((*name).to_owned()),
                        PathElement::Index(index) => Step::Index(*index),
                    })
                    .collect()
            })
            .collect();
        let action_pointer = format!("#/actions/{}", action.index);
        if places.is_empty() {
            warnings.push(Warning {
                file: file.clone(),
                pointer: action_pointer,
                message: format!(
                    "action {} (target `{}`) selects nothing in the document: it changes nothing",
                    action.index, action.target_text
                ),
            });
            continue;
        }
        match &action.change {
            Change::Nothing => {}
            Change::Remove => {
                if places.iter().any(Vec::is_empty) {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        &overlay.file,
                        format!("{action_pointer}/target"),
                        format!(
                            "action {} removes the whole document (`{}` selects the root)",
                            action.index, action.target_text
                        ),
                    ));
                }
                // Last first: removing an array item then leaves the indexes before it valid,
                // and a node nested in another selected node goes before its parent.
                let mut places = places;
                places.sort();
                for place in places.iter().rev() {
                    remove(doc, place);
                }
            }
            Change::Update(update) => {
                let at = Merge {
                    overlay,
                    file: &file,
                    update_pointer: format!("{action_pointer}/update"),
                };
                for place in &places {
                    let shown = shown_path(place);
                    if let Some(node) = node_mut(doc, place) {
                        at.node(node, update, &shown, &mut warnings)?;
                    }
                }
            }
        }
    }
    Ok(warnings)
}

/// The node at `place`, if it is still there.
fn node_mut<'a>(doc: &'a mut Value, place: &[Step]) -> Option<&'a mut Value> {
    place.iter().try_fold(doc, |node, step| match (node, step) {
        (Value::Object(map), Step::Name(name)) => map.get_mut(name),
        (Value::Array(items), Step::Index(index)) => items.get_mut(*index),
        _ => None,
    })
}

/// Removes the node at `place` (not the root) from its parent, if it is still there.
fn remove(doc: &mut Value, place: &[Step]) {
    let Some((last, parent)) = place.split_last() else {
        return;
    };
    match (node_mut(doc, parent), last) {
        (Some(Value::Object(map)), Step::Name(name)) => {
            map.shift_remove(name);
        }
        (Some(Value::Array(items)), Step::Index(index)) if *index < items.len() => {
            items.remove(*index);
        }
        _ => {}
    }
}

/// A place as a normalized JSONPath (`$['paths']['/v2/']`), for messages.
fn shown_path(place: &[Step]) -> String {
    let mut out = String::from("$");
    for step in place {
        match step {
            Step::Name(name) => out.push_str(&format!("[{}]", quoted(name))),
            Step::Index(index) => out.push_str(&format!("[{index}]")),
        }
    }
    out
}

fn quoted(name: &str) -> String {
    format!("'{}'", name.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The context of one `update`: where it is in the overlay, for errors and warnings.
struct Merge<'a> {
    overlay: &'a Overlay,
    file: &'a str,
    update_pointer: String,
}

impl Merge<'_> {
    /// Merges `update` into a node the target selected (`shown` is its path).
    fn node(
        &self,
        node: &mut Value,
        update: &Value,
        shown: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<()> {
        if is_primitive(node) {
            if !is_primitive(update) {
                return Err(self.error(
                    &self.update_pointer,
                    format!(
                        "the target `{shown}` is a primitive, which only a primitive can \
                         replace, not {}",
                        kind(update)
                    ),
                ));
            }
            *node = update.clone();
            return Ok(());
        }
        if node.is_object() && !update.is_object() {
            return Err(self.error(
                &self.update_pointer,
                format!(
                    "the target `{shown}` is an object, so `update` must be a mapping to merge \
                     into it, not {}",
                    kind(update)
                ),
            ));
        }
        self.merge(node, update, shown, &self.update_pointer, warnings)
    }

    /// Merges `update` (at `pointer` in the overlay) into `node` (at `shown` in the document):
    /// objects member by member, arrays appended, primitives replaced.
    fn merge(
        &self,
        node: &mut Value,
        update: &Value,
        shown: &str,
        pointer: &str,
        warnings: &mut Vec<Warning>,
    ) -> Result<()> {
        match (node, update) {
            (Value::Object(node), Value::Object(update)) => {
                for (key, value) in update {
                    let pointer =
                        format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                    match node.get_mut(key) {
                        None => {
                            node.insert(key.clone(), value.clone());
                        }
                        Some(existing) => {
                            let shown = format!("{shown}[{}]", quoted(key));
                            self.merge(existing, value, &shown, &pointer, warnings)?;
                        }
                    }
                }
                Ok(())
            }
            (Value::Array(items), Value::Array(more)) => {
                items.extend(more.iter().cloned());
                Ok(())
            }
            (Value::Array(items), value) if pointer == self.update_pointer => {
                items.push(value.clone());
                Ok(())
            }
            (node, Value::Null) if !is_primitive(node) => {
                warnings.push(Warning {
                    file: self.file.to_owned(),
                    pointer: pointer.to_owned(),
                    message: format!(
                        "`null` cannot be merged into {} `{shown}`: ignored",
                        kind(node)
                    ),
                });
                Ok(())
            }
            (node, value) if is_primitive(node) && is_primitive(value) => {
                *node = value.clone();
                Ok(())
            }
            (node, value) => Err(self.error(
                pointer,
                format!(
                    "{} cannot be merged into {} `{shown}` (an object merges into an object, \
                     an array into an array, a primitive replaces a primitive)",
                    kind(value),
                    kind(node)
                ),
            )),
        }
    }

    fn error(&self, pointer: &str, message: String) -> Error {
        Error::new(ErrorKind::Invalid, &self.overlay.file, pointer, message)
    }
}

fn is_primitive(value: &Value) -> bool {
    !matches!(value, Value::Object(_) | Value::Array(_))
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        Value::Array(_) => "an array",
        Value::String(_) => "a string",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a boolean",
        Value::Null => "null",
    }
}
