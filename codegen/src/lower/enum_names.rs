//! One model per `x-ms-enum` name: an inline enum whose `x-ms-enum.name` is already the name of
//! an enum with the same values (a definition, or an inline enum seen before) is that enum, as
//! AutoRest makes one type per name (the Blob spec repeats `CopyStatusType` in the schema of
//! every response header that carries it). The same name with other values keeps a model of its
//! own, with a warning that points at the first one.

use std::collections::BTreeSet;

use indexmap::IndexMap;
use serde_json::Value;

use crate::resolve::Loc;

/// What makes two enums of one `x-ms-enum` name the same: their base type, their values
/// (in any order) and `modelAsString`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Signature {
    ty: Option<String>,
    values: BTreeSet<String>,
    open: bool,
}

/// An enum that has an `x-ms-enum` name: its model and where it is.
#[derive(Debug)]
struct Entry {
    signature: Signature,
    model: String,
    loc: Loc,
    schema: Value,
}

/// The enums seen so far, by `x-ms-enum` name, in order.
#[derive(Debug, Default)]
pub(crate) struct EnumNames {
    by_name: IndexMap<String, Vec<Entry>>,
}

/// What the registry knows about an enum.
pub(crate) enum Known {
    /// An enum of that name with the same values: its model, location and schema.
    Same {
        model: String,
        loc: Loc,
        schema: Value,
    },
    /// Only enums of that name with other values: where the first one is.
    Other(Loc),
    /// No enum of that name.
    Unknown,
}

/// The `x-ms-enum` name and signature of an enum schema (`enum` listed, `x-ms-enum.name` a
/// non-empty string), or `None`.
pub(crate) fn signature(schema: &Value) -> Option<(String, Signature)> {
    let name = schema.get("x-ms-enum")?.get("name")?.as_str()?;
    let values = schema.get("enum")?.as_array()?;
    if name.is_empty() {
        return None;
    }
    let signature = Signature {
        ty: schema
            .get("type")
            .and_then(Value::as_str)
            .map(str::to_owned),
        values: values.iter().map(Value::to_string).collect(),
        open: schema["x-ms-enum"]
            .get("modelAsString")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    };
    Some((name.to_owned(), signature))
}

impl EnumNames {
    /// What is known about the enum `name` with `signature`.
    pub(crate) fn find(&self, name: &str, signature: &Signature) -> Known {
        let Some(entries) = self.by_name.get(name) else {
            return Known::Unknown;
        };
        match entries.iter().find(|e| &e.signature == signature) {
            Some(e) => Known::Same {
                model: e.model.clone(),
                loc: e.loc.clone(),
                schema: e.schema.clone(),
            },
            None => entries
                .first()
                .map_or(Known::Unknown, |e| Known::Other(e.loc.clone())),
        }
    }

    /// Records that the enum schema at `loc` is the model `model` (nothing when it has no
    /// `x-ms-enum` name, or when an enum of that name and values is known already).
    pub(crate) fn record(&mut self, loc: &Loc, schema: &Value, model: &str) {
        let Some((name, signature)) = signature(schema) else {
            return;
        };
        let entries = self.by_name.entry(name).or_default();
        if entries.iter().all(|e| e.signature != signature) {
            entries.push(Entry {
                signature,
                model: model.to_owned(),
                loc: loc.clone(),
                schema: schema.clone(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_signature_ignores_the_order_of_values_and_everything_but_type_and_modelasstring() {
        let a = json!({"type": "string", "enum": ["a", "b"], "description": "one",
            "x-ms-enum": {"name": "E", "modelAsString": false}});
        let b = json!({"type": "string", "enum": ["b", "a"], "x-ms-client-name": "Other",
            "x-ms-enum": {"name": "E"}});
        assert_eq!(signature(&a), signature(&b));
        let open = json!({"type": "string", "enum": ["a", "b"],
            "x-ms-enum": {"name": "E", "modelAsString": true}});
        assert_ne!(signature(&a), signature(&open));
        assert_eq!(signature(&json!({"enum": ["a"]})), None);
        assert_eq!(
            signature(&json!({"enum": ["a"], "x-ms-enum": {"name": ""}})),
            None
        );
    }
}
