//! What an `allOf` composes, decided before it is lowered.
//!
//! An `allOf` of objects is inheritance: a struct with its parents' properties (`schema.rs`).
//! Real specs also write `allOf` around things that are not objects, to add a description to a
//! `$ref` (`allOf: [{$ref: Id}], description: ..`) or to combine a string alias with
//! constraints. Those are not refused:
//! - members that only annotate or validate (`{description: ..}`, `{maxLength: 3}`) add nothing
//!   to the type and are left out;
//! - one member left, not an object: the `allOf` is that member's type (an inline `allOf` of one
//!   `$ref` plus annotations is that type even when it is an object: no new model);
//! - several members of the same non-object kind (all strings, all arrays, ...): the first one
//!   (a `$ref` preferred, so that the named type is kept);
//! - several members of different kinds without an object: any JSON value, with a warning.
//!
//! An `allOf` that has an object member, or properties of its own, stays a struct; its
//! non-object members are left out there with a warning (`schema.rs`).

use serde_json::Value;

use super::context::Lowerer;
use crate::Result;
use crate::resolve::Loc;

/// Keywords that give a schema a shape (anything else only annotates or validates).
const SHAPE_KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "additionalProperties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "const",
    "discriminator",
];

/// Keywords next to `allOf` that make the composition a struct of its own.
const OWN_SHAPE_KEYWORDS: &[&str] = &[
    "properties",
    "additionalProperties",
    "discriminator",
    "enum",
    "const",
    "oneOf",
    "anyOf",
    "x-ms-discriminator-value",
];

/// How deep `$ref`s and nested `allOf`s are followed to find a member's kind.
const KIND_DEPTH: usize = 32;

/// The kind of value a schema describes, as far as `allOf` merging cares.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    Object,
    Array,
    /// `string`, `integer`, `number`, `boolean` (enums included).
    Scalar(String),
    /// A union, or a schema without any shape: nothing to merge with.
    Other,
}

impl Kind {
    fn label(&self) -> &str {
        match self {
            Kind::Object => "object",
            Kind::Array => "array",
            Kind::Scalar(name) => name,
            Kind::Other => "any",
        }
    }
}

/// What an `allOf` schema is, when it is not a struct.
pub(crate) enum AllOfType {
    /// The type of this member.
    Member(Loc, Value),
    /// Members that disagree: any JSON value.
    Any,
}

impl Lowerer<'_> {
    /// The type an `allOf` schema stands for when it is not a struct composition, else `None`.
    /// `inline` is true for a schema that would get a synthesized name (a property, an item):
    /// there one `$ref` plus annotations is the referenced type, even an object.
    pub(crate) fn all_of_type(
        &mut self,
        at: &Loc,
        schema: &Value,
        inline: bool,
    ) -> Result<Option<AllOfType>> {
        let Some(Value::Array(members)) = schema.get("allOf") else {
            return Ok(None);
        };
        if OWN_SHAPE_KEYWORDS.iter().any(|k| schema.get(k).is_some())
            || (schema.get("$ref").is_some() && self.ref_siblings_apply)
        {
            return Ok(None);
        }
        let real: Vec<(Loc, &Value)> = members
            .iter()
            .enumerate()
            .filter(|(_, m)| has_shape(m))
            .map(|(i, m)| (at.key("allOf").index(i), m))
            .collect();
        let mut kinds = Vec::new();
        for (loc, member) in &real {
            kinds.push(self.kind(loc, member, 0));
        }
        if kinds.is_empty() || kinds.contains(&Kind::Object) {
            return Ok(match real.as_slice() {
                // An inline `allOf: [{$ref: Object}]` plus annotations: that object.
                [(loc, member)] if inline && member.get("$ref").is_some() => {
                    Some(AllOfType::Member(loc.clone(), (*member).clone()))
                }
                _ => None,
            });
        }
        if kinds.iter().all(|k| *k == kinds[0]) {
            let chosen = real
                .iter()
                .find(|(_, m)| m.get("$ref").is_some())
                .unwrap_or(&real[0]);
            return Ok(Some(AllOfType::Member(chosen.0.clone(), chosen.1.clone())));
        }
        let labels: Vec<&str> = kinds.iter().map(Kind::label).collect();
        self.warn(
            &at.key("allOf"),
            format!(
                "`allOf` of values of different types ({}) is lowered as any JSON value",
                labels.join(", ")
            ),
        );
        Ok(Some(AllOfType::Any))
    }

    /// The kind of the schema at `at`, following `$ref`s and `allOf`s a bounded number of times.
    fn kind(&self, at: &Loc, schema: &Value, depth: usize) -> Kind {
        if depth > KIND_DEPTH {
            return Kind::Other;
        }
        let (loc, schema) = match self.res.deref(at, schema) {
            Ok(found) => found,
            Err(_) => return Kind::Other,
        };
        let Some(object) = schema.as_object() else {
            return Kind::Other;
        };
        if ["properties", "additionalProperties", "discriminator"]
            .iter()
            .any(|k| object.contains_key(*k))
        {
            return Kind::Object;
        }
        let ty = match object.get("type") {
            Some(Value::String(t)) => Some(t.as_str()),
            Some(Value::Array(types)) => {
                let non_null: Vec<&str> = types
                    .iter()
                    .filter_map(Value::as_str)
                    .filter(|t| *t != "null")
                    .collect();
                match non_null.as_slice() {
                    [one] => Some(*one),
                    _ => return Kind::Other,
                }
            }
            _ => None,
        };
        match ty {
            Some("object") => return Kind::Object,
            Some("array") => return Kind::Array,
            Some(t @ ("string" | "integer" | "number" | "boolean")) => {
                return Kind::Scalar(t.to_owned());
            }
            Some(_) => return Kind::Other,
            None => {}
        }
        if object.contains_key("enum") || object.contains_key("const") {
            return match super::keywords::untyped_enum_base(schema) {
                crate::ir::TypeRef::Integer { .. } => Kind::Scalar("integer".into()),
                crate::ir::TypeRef::Number { .. } => Kind::Scalar("number".into()),
                crate::ir::TypeRef::Boolean => Kind::Scalar("boolean".into()),
                _ => Kind::Scalar("string".into()),
            };
        }
        if let Some(Value::Array(members)) = object.get("allOf") {
            let kinds: Vec<Kind> = members
                .iter()
                .enumerate()
                .filter(|(_, m)| has_shape(m))
                .map(|(i, m)| self.kind(&loc.key("allOf").index(i), m, depth + 1))
                .collect();
            if kinds.contains(&Kind::Object) {
                return Kind::Object;
            }
            return match kinds.first() {
                Some(first) if kinds.iter().all(|k| k == first) => first.clone(),
                _ => Kind::Other,
            };
        }
        if object.contains_key("items") {
            return Kind::Array;
        }
        Kind::Other
    }
}

/// Whether a member of an `allOf` only describes or constrains the value (`{description: ..}`).
pub(crate) fn only_annotates(member: &Value) -> bool {
    member.is_object() && !has_shape(member)
}

/// Whether a member of an `allOf` gives the value a shape (rather than only describing it).
fn has_shape(member: &Value) -> bool {
    match member {
        Value::Object(object) => SHAPE_KEYWORDS.iter().any(|k| object.contains_key(*k)),
        // `true` allows anything and adds nothing; `false` is left to the caller's lowering.
        _ => false,
    }
}
