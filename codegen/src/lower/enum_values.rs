//! `enum`/`const` members that are arrays or objects. JSON Schema allows any JSON value there,
//! but a Rust enum variant stands for a scalar, so (see ARCHITECTURE.md, Decisions):
//!
//! - next to a scalar `type` (`string`, `integer`, `number`, `boolean`) such a member can never
//!   be valid: it is left out with a warning, and the enum of the remaining values is open (a
//!   list with a member of the wrong kind is not one to refuse values by);
//! - otherwise (`type: object`, `array`, none, several) the members are the valid structured
//!   values, which no variant can name: the `enum` is ignored with a warning, and the schema is
//!   its type (any JSON value without one).

use serde_json::Value;

use super::context::Lowerer;
use super::keywords::several_types;
use crate::resolve::Loc;

impl Lowerer<'_> {
    /// The schema without its `enum`, `const` and `x-ms-enum` when its structured members make
    /// it no enum (its type is not a scalar), with a warning; `None` for every other schema.
    pub(super) fn ignored_enum(&mut self, at: &Loc, schema: &Value) -> Option<Value> {
        let key = structured_member_key(schema)?;
        if scalar_type(schema).is_some() {
            return None;
        }
        let typed = match single_type(schema) {
            Some(ty) => format!("a value of `type: {ty}`"),
            None => "any JSON value".to_owned(),
        };
        self.warn(
            &at.key(key),
            format!("`{key}` lists arrays or objects, which a Rust enum cannot name: ignored, this is {typed}"),
        );
        let mut base = schema.clone();
        if let Some(object) = base.as_object_mut() {
            for key in ["enum", "const", "x-ms-enum"] {
                object.shift_remove(key);
            }
        }
        Some(base)
    }

    /// Whether the member `value` of a scalar-typed enum (at `at`) is left out: an array or an
    /// object, which the schema's `type` rules out (with a warning).
    pub(super) fn left_out_of_enum(&mut self, at: &Loc, schema: &Value, value: &Value) -> bool {
        if !is_structured(value) {
            return false;
        }
        let ty = scalar_type(schema).unwrap_or("scalar");
        let what = if value.is_array() {
            "an array"
        } else {
            "an object"
        };
        self.warn(
            at,
            format!("this enum value is {what}, which `type: {ty}` rules out: left out, and the enum is open (other {ty} values are accepted)"),
        );
        true
    }
}

/// Whether an `enum`/`const` lists a value that is neither `null` nor structured: one that a
/// variant can stand for.
pub(super) fn has_scalar_values(schema: &Value) -> bool {
    members(schema).any(|v| !v.is_null() && !is_structured(v))
}

/// Whether an `enum`/`const` lists an array or an object.
pub(super) fn has_structured_values(schema: &Value) -> bool {
    members(schema).any(is_structured)
}

/// `enum` or `const`, whichever lists an array or an object first.
fn structured_member_key(schema: &Value) -> Option<&'static str> {
    let listed = |key| {
        schema
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().any(is_structured))
    };
    if listed("enum") {
        Some("enum")
    } else if schema.get("const").is_some_and(is_structured) {
        Some("const")
    } else {
        None
    }
}

fn members(schema: &Value) -> impl Iterator<Item = &Value> {
    schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(schema.get("const"))
}

fn is_structured(value: &Value) -> bool {
    value.is_array() || value.is_object()
}

/// The schema's one non-null `type` when it is a scalar one.
fn scalar_type(schema: &Value) -> Option<&str> {
    single_type(schema).filter(|ty| ["string", "integer", "number", "boolean"].contains(ty))
}

/// The schema's `type`, or the one non-null type of a type array.
fn single_type(schema: &Value) -> Option<&str> {
    match schema.get("type") {
        Some(Value::String(ty)) => Some(ty),
        Some(Value::Array(_)) => match several_types(schema).as_slice() {
            [one] => Some(one),
            _ => None,
        },
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalar_types_are_single_and_not_structured() {
        assert_eq!(scalar_type(&json!({"type": "string"})), Some("string"));
        assert_eq!(
            scalar_type(&json!({"type": ["integer", "null"]})),
            Some("integer")
        );
        assert_eq!(scalar_type(&json!({"type": ["integer", "string"]})), None);
        assert_eq!(scalar_type(&json!({"type": "array"})), None);
        assert_eq!(scalar_type(&json!({"type": "object"})), None);
        assert_eq!(scalar_type(&json!({})), None);
    }

    #[test]
    fn structured_members_are_found_in_enum_and_const() {
        assert_eq!(
            structured_member_key(&json!({"enum": ["a", [1]]})),
            Some("enum")
        );
        assert_eq!(structured_member_key(&json!({"const": {}})), Some("const"));
        assert_eq!(
            structured_member_key(&json!({"enum": ["a", null, 1]})),
            None
        );
        assert!(has_structured_values(&json!({"enum": [{}]})));
        assert!(!has_scalar_values(&json!({"enum": [{}, null, [2]]})));
        assert!(has_scalar_values(&json!({"enum": [{}, "DEFAULT"]})));
    }
}
