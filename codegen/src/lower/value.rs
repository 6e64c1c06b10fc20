//! Typed reads of JSON values, each failing with an `Invalid` error at the value's JSON pointer.

use serde_json::{Map, Value};

use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// The value as an object.
pub(crate) fn object<'a>(at: &Loc, value: &'a Value) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| {
        at.error(
            ErrorKind::Invalid,
            format!("expected an object, found {}", kind(value)),
        )
    })
}

/// The string member `key`, if present.
pub(crate) fn opt_str<'a>(at: &Loc, value: &'a Value, key: &str) -> Result<Option<&'a str>> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(at.key(key).error(
            ErrorKind::Invalid,
            format!("`{key}` must be a string, found {}", kind(other)),
        )),
    }
}

/// The string member `key`, which must be present.
pub(crate) fn req_str<'a>(at: &Loc, value: &'a Value, key: &str) -> Result<&'a str> {
    opt_str(at, value, key)?
        .ok_or_else(|| at.error(ErrorKind::Invalid, format!("`{key}` is required")))
}

/// The boolean member `key`, if present.
pub(crate) fn opt_bool(at: &Loc, value: &Value, key: &str) -> Result<Option<bool>> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(at.key(key).error(
            ErrorKind::Invalid,
            format!("`{key}` must be a boolean, found {}", kind(other)),
        )),
    }
}

/// The array member `key`, empty when absent.
pub(crate) fn opt_array<'a>(at: &Loc, value: &'a Value, key: &str) -> Result<&'a [Value]> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(at.key(key).error(
            ErrorKind::Invalid,
            format!("`{key}` must be an array, found {}", kind(other)),
        )),
    }
}

/// The object member `key`, if present.
pub(crate) fn opt_object<'a>(
    at: &Loc,
    value: &'a Value,
    key: &str,
) -> Result<Option<&'a Map<String, Value>>> {
    match value.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(other) => Err(at.key(key).error(
            ErrorKind::Invalid,
            format!("`{key}` must be an object, found {}", kind(other)),
        )),
    }
}

/// A list of strings (`consumes`, `produces`, `tags`, `required`), empty when absent.
pub(crate) fn str_list(at: &Loc, value: &Value, key: &str) -> Result<Vec<String>> {
    let items = opt_array(at, value, key)?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str().map(str::to_owned).ok_or_else(|| {
                at.key(key).index(i).error(
                    ErrorKind::Invalid,
                    format!("expected a string, found {}", kind(item)),
                )
            })
        })
        .collect()
}

/// A non-empty description-like text member, trimmed.
pub(crate) fn text(at: &Loc, value: &Value, key: &str) -> Result<Option<String>> {
    Ok(opt_str(at, value, key)?
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned))
}

/// What kind of JSON value this is, for messages.
pub(crate) use crate::resolve::json_kind as kind;
