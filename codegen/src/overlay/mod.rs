//! Overlays ([OpenAPI Overlay Specification 1.0]): changes to a document kept in a file of their
//! own, applied to the root document after it is loaded and before `$ref`s are followed and the
//! document is lowered. They work the same on Swagger 2.0 and OpenAPI 3.x documents: an overlay
//! only sees JSON.
//!
//! An overlay (JSON or YAML) has `overlay: 1.0.x`, `info` (`title`, `version`), an optional
//! `extends`, and `actions`, applied in order, each to the result of the ones before it. An
//! action has a `target`, an [RFC 9535] JSONPath query, and either `remove: true` (every node the
//! target selects is removed from its object or array) or an `update` (merged into every node
//! the target selects; see [`apply()`] for the rules).
//!
//! Errors name the overlay file and the JSON pointer in it (`#/actions/2/target`). An action
//! whose target selects nothing is a warning, naming the overlay file and the action's index.
//!
//! [OpenAPI Overlay Specification 1.0]: https://spec.openapis.org/overlay/v1.0.0.html
//! [RFC 9535]: https://www.rfc-editor.org/rfc/rfc9535

mod apply;

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use serde_json_path::JsonPath;

use crate::ir::Warning;
use crate::{Error, ErrorKind, Result};

pub use apply::apply;

/// A parsed overlay document.
#[derive(Debug, Clone)]
pub struct Overlay {
    /// The file it was read from (named in errors and warnings).
    pub file: PathBuf,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// The actions, in order.
    pub actions: Vec<Action>,
    /// Things in the overlay that were ignored (unknown keys, actions that do nothing).
    pub warnings: Vec<Warning>,
}

/// One action of an overlay.
#[derive(Debug, Clone)]
pub struct Action {
    /// Its index in `actions`.
    pub index: usize,
    /// The `target` query as written.
    pub target_text: String,
    /// The parsed `target` query.
    pub target: JsonPath,
    /// What it does.
    pub change: Change,
}

/// What an action does to each node its target selects.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    /// `remove: true` (an `update` beside it has no effect, as the specification says).
    Remove,
    /// `update`: merged into the node.
    Update(Value),
    /// Neither: the action changes nothing (a warning).
    Nothing,
}

impl Overlay {
    /// Reads and parses an overlay file (JSON or YAML).
    pub fn load(path: &Path) -> Result<Overlay> {
        let value = crate::load::load_file(path)?;
        Overlay::parse(path, value)
    }

    /// Checks a parsed overlay document; `file` names it in errors.
    pub fn parse(file: &Path, value: Value) -> Result<Overlay> {
        let at =
            |pointer: &str, message: String| Error::new(ErrorKind::Invalid, file, pointer, message);
        let mut warnings = Vec::new();
        let mut warn = |pointer: String, message: String| {
            warnings.push(Warning {
                file: crate::display_path(file),
                pointer,
                message,
            })
        };
        let Value::Object(root) = value else {
            return Err(at("#", "an overlay must be a mapping".to_owned()));
        };
        let version = match root.get("overlay") {
            Some(Value::String(v)) => v.clone(),
            Some(other) => {
                return Err(at(
                    "#/overlay",
                    format!("`overlay` must be a version string such as `1.0.0`, not `{other}`"),
                ));
            }
            None => {
                return Err(at(
                    "#",
                    "not an overlay: the `overlay` key (the Overlay Specification version, \
                     `1.0.0`) is missing"
                        .to_owned(),
                ));
            }
        };
        if !is_version_1_0(&version) {
            return Err(Error::new(
                ErrorKind::UnsupportedVersion,
                file,
                "#/overlay",
                format!("unsupported Overlay Specification version `{version}` (expected 1.0.x)"),
            ));
        }
        let info = match root.get("info") {
            Some(Value::Object(info)) => info,
            Some(_) => return Err(at("#/info", "`info` must be a mapping".to_owned())),
            None => {
                return Err(at(
                    "#",
                    "`info` (with `title` and `version`) is missing".to_owned(),
                ));
            }
        };
        let info_string = |key: &str| match info.get(key) {
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(at(
                &format!("#/info/{key}"),
                format!("`{key}` must be a string"),
            )),
            None => Err(at("#/info", format!("`info.{key}` is missing"))),
        };
        let title = info_string("title")?;
        let info_version = info_string("version")?;
        unknown_keys(
            info,
            "#/info",
            &["title", "version", "description"],
            &mut warn,
        );
        if let Some(extends) = root.get("extends")
            && !extends.is_string()
        {
            return Err(at(
                "#/extends",
                "`extends` must be a string (a URI)".to_owned(),
            ));
        }
        unknown_keys(
            &root,
            "#",
            &["overlay", "info", "extends", "actions"],
            &mut warn,
        );
        let actions = match root.get("actions") {
            Some(Value::Array(actions)) if !actions.is_empty() => actions,
            Some(Value::Array(_)) => {
                return Err(at(
                    "#/actions",
                    "`actions` must have at least one action".to_owned(),
                ));
            }
            Some(_) => return Err(at("#/actions", "`actions` must be a list".to_owned())),
            None => return Err(at("#", "`actions` is missing".to_owned())),
        };
        let mut parsed = Vec::new();
        for (index, action) in actions.iter().enumerate() {
            parsed.push(parse_action(file, index, action, &mut warn)?);
        }
        Ok(Overlay {
            file: file.to_path_buf(),
            title,
            version: info_version,
            actions: parsed,
            warnings,
        })
    }
}

/// Checks the action at `actions[index]`.
fn parse_action(
    file: &Path,
    index: usize,
    action: &Value,
    warn: &mut impl FnMut(String, String),
) -> Result<Action> {
    let at =
        |pointer: &str, message: String| Error::new(ErrorKind::Invalid, file, pointer, message);
    let pointer = format!("#/actions/{index}");
    let Value::Object(action) = action else {
        return Err(at(&pointer, "an action must be a mapping".to_owned()));
    };
    let target_text = match action.get("target") {
        Some(Value::String(t)) => t.clone(),
        Some(_) => {
            return Err(at(
                &format!("{pointer}/target"),
                "`target` must be a JSONPath string".to_owned(),
            ));
        }
        None => {
            return Err(at(
                &pointer,
                "`target` (a JSONPath query such as `$.paths`) is missing".to_owned(),
            ));
        }
    };
    let target = JsonPath::parse(&target_text).map_err(|e| {
        at(
            &format!("{pointer}/target"),
            format!("`{target_text}` is not an RFC 9535 JSONPath query: {e}"),
        )
    })?;
    let remove = match action.get("remove") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(at(
                &format!("{pointer}/remove"),
                "`remove` must be true or false".to_owned(),
            ));
        }
    };
    if let Some(description) = action.get("description")
        && !description.is_string()
    {
        return Err(at(
            &format!("{pointer}/description"),
            "`description` must be a string".to_owned(),
        ));
    }
    let change = match (remove, action.get("update")) {
        (true, _) => Change::Remove,
        (false, Some(update)) => Change::Update(update.clone()),
        (false, None) => {
            warn(
                pointer.clone(),
                format!(
                    "action {index} has neither `update` nor `remove: true`: it changes \
                     nothing"
                ),
            );
            Change::Nothing
        }
    };
    unknown_keys(
        action,
        &pointer,
        &["target", "description", "update", "remove"],
        warn,
    );
    Ok(Action {
        index,
        target_text,
        target,
        change,
    })
}

/// `1.0.0`, `1.0.1`, ...: the patch version does not matter, as the specification says.
fn is_version_1_0(version: &str) -> bool {
    version
        .strip_prefix("1.0.")
        .is_some_and(|patch| !patch.is_empty() && patch.chars().all(|c| c.is_ascii_digit()))
}

/// Warns about each key of `object` that is neither in `known` nor an `x-` extension.
fn unknown_keys(
    object: &Map<String, Value>,
    pointer: &str,
    known: &[&str],
    warn: &mut impl FnMut(String, String),
) {
    for key in object.keys() {
        if !known.contains(&key.as_str()) && !key.starts_with("x-") {
            let escaped = key.replace('~', "~0").replace('/', "~1");
            warn(
                format!("{pointer}/{escaped}"),
                format!("unknown key `{key}` ignored (known: {})", known.join(", ")),
            );
        }
    }
}

/// Loads every overlay in `paths` and applies them in order to `doc`, the root document.
/// Returns the warnings: the overlays' own, and each action that selected nothing.
pub fn apply_all(doc: &mut Value, paths: &[PathBuf]) -> Result<Vec<Warning>> {
    let mut warnings = Vec::new();
    for path in paths {
        let overlay = Overlay::load(path)?;
        warnings.extend(overlay.warnings.iter().cloned());
        warnings.extend(apply(doc, &overlay)?);
    }
    Ok(warnings)
}

#[cfg(test)]
mod tests;
