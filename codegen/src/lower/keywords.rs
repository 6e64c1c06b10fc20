//! Schema keywords: those the lowering reads, those that only annotate or validate (a client
//! neither needs nor checks them), and the warning for any other; what keywords next to a `$ref`
//! mean; JSON Schema 2020-12's type arrays and `null` alternatives.

use serde_json::Value;

use super::context::Lowerer;
use crate::ir::TypeRef;
use crate::resolve::Loc;

impl Lowerer<'_> {
    /// Whether a `$ref` schema has keywords of its own that change its shape (not only
    /// annotations). In OpenAPI 3.1 (JSON Schema 2020-12) they apply together with the target:
    /// the schema is `allOf: [target]` plus them. Before 3.1 they are ignored, with a warning.
    pub(super) fn ref_with_own_shape(&mut self, at: &Loc, schema: &Value) -> bool {
        let Some(object) = schema.as_object() else {
            return false;
        };
        let own: Vec<&String> = object
            .iter()
            .filter(|(key, value)| !is_ref_annotation(key, value))
            .map(|(key, _)| key)
            .collect();
        if own.is_empty() {
            return false;
        }
        if self.ref_siblings_apply {
            return true;
        }
        for key in own {
            self.warn(
                &at.key(key),
                format!("`{key}` next to `$ref` is ignored: before OpenAPI 3.1 a `$ref` replaces its object"),
            );
        }
        false
    }

    /// Warns about each schema keyword that is neither lowered nor a pure annotation or
    /// validation keyword (`not`, `if`, `patternProperties`, a misspelling, ...).
    pub(super) fn check_schema_keys(&mut self, at: &Loc, schema: &Value) {
        let Some(object) = schema.as_object() else {
            return;
        };
        if let Some(ty) = object
            .get("type")
            .filter(|t| !matches!(t, Value::String(_) | Value::Array(_) | Value::Null))
        {
            self.warn(
                &at.key("type"),
                format!(
                    "`type` must be a string or an array of strings, found {}: ignored (read as a schema without `type`)",
                    super::value::kind(ty)
                ),
            );
        }
        for key in object.keys() {
            if !SCHEMA_KEYWORDS.contains(&key.as_str()) && !key.starts_with("x-") {
                self.warn(
                    &at.key(key),
                    format!("the schema keyword `{key}` is not supported; ignored"),
                );
            }
        }
    }
}

/// The type of the values of an `enum`/`const` without a `type`: integer, number or boolean when
/// every value is one, else string.
pub(super) fn untyped_enum_base(schema: &Value) -> TypeRef {
    let values: Vec<&Value> = schema
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .chain(schema.get("const"))
        .filter(|v| !v.is_null())
        .collect();
    let all = |f: fn(&Value) -> bool| !values.is_empty() && values.iter().all(|v| f(v));
    if all(|v| v.is_i64() || v.is_u64()) {
        TypeRef::Integer { format: None }
    } else if all(Value::is_number) {
        TypeRef::Number { format: None }
    } else if all(Value::is_boolean) {
        TypeRef::Boolean
    } else {
        TypeRef::String { format: None }
    }
}

/// The non-null types of a 3.1 type array (empty for a single `type`).
pub(super) fn several_types(schema: &Value) -> Vec<&str> {
    match schema.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .filter(|t| *t != "null")
            .collect(),
        _ => Vec::new(),
    }
}

/// Schema keywords the lowering reads, and those that only annotate or validate values (a
/// client neither needs nor checks them). Any other keyword gets a warning.
const SCHEMA_KEYWORDS: &[&str] = &[
    // Lowered.
    "$ref",
    "type",
    "format",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "allOf",
    "oneOf",
    "anyOf",
    "discriminator",
    "enum",
    "const",
    "nullable",
    "readOnly",
    "default",
    "description",
    "contentMediaType",
    "contentEncoding",
    "$defs",
    "definitions",
    // Annotations.
    "title",
    "example",
    "examples",
    "deprecated",
    "writeOnly",
    "externalDocs",
    "xml",
    "$schema",
    "$id",
    "$anchor",
    "$comment",
    "$vocabulary",
    "contentSchema",
    // Validation.
    "multipleOf",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "maxContains",
    "minContains",
    "maxProperties",
    "minProperties",
    "dependentRequired",
];

/// Keywords next to a `$ref` that do not change the shape of the value: annotations,
/// validation, extensions, and a `type` array that only adds `"null"` (read as nullable).
pub(super) fn is_ref_annotation(key: &str, value: &Value) -> bool {
    const ANNOTATIONS: &[&str] = &[
        "$ref",
        "description",
        "title",
        "summary",
        "readOnly",
        "writeOnly",
        "deprecated",
        "default",
        "example",
        "examples",
        "$comment",
        "nullable",
        "externalDocs",
        "xml",
        "multipleOf",
        "maximum",
        "exclusiveMaximum",
        "minimum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "maxProperties",
        "minProperties",
    ];
    ANNOTATIONS.contains(&key)
        || key.starts_with("x-")
        || (key == "type"
            && matches!(value, Value::Array(types) if types.iter().any(|t| t == "null")))
}

/// A `oneOf`/`anyOf` with a `{type: "null"}` alternative (the 3.1 way to say "nullable").
pub(super) fn has_null_alternative(schema: &Value) -> bool {
    ["oneOf", "anyOf"].iter().any(|key| {
        schema
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(|alternatives| {
                alternatives
                    .iter()
                    .any(|v| v.get("type").and_then(Value::as_str) == Some("null"))
            })
    })
}

pub(super) fn type_allows_null(schema: &Value) -> bool {
    matches!(schema.get("type"), Some(Value::Array(types)) if types.iter().any(|t| t == "null"))
}
