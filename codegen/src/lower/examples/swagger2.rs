//! `x-ms-examples`: `{name: {parameters: {wire name: value}, responses: {status: {headers,
//! body}}}}`, inline or as a `$ref` to an example file.

use indexmap::IndexMap;
use serde_json::Value;

use super::{Sink, accepts_parameter, value_at};
use crate::ir::{BodyKind, Example, ExampleResponse, Operation};
use crate::resolve::{Loc, Resolver};

pub(super) fn examples(
    res: &Resolver,
    op_loc: &Loc,
    op_value: &Value,
    op: &Operation,
    sink: &mut Sink<'_>,
) -> Vec<Example> {
    let mut out = Vec::new();
    let Some(entries) = op_value.get("x-ms-examples") else {
        return out;
    };
    let at = op_loc.key("x-ms-examples");
    let Some(entries) = entries.as_object() else {
        sink.warn(
            &at,
            "`x-ms-examples` is not an object: its examples are ignored",
        );
        return out;
    };
    for (name, entry) in entries {
        let entry_loc = at.key(name);
        let (loc, value) = match res.deref(&entry_loc, entry) {
            Ok(found) => found,
            Err(e) => {
                sink.warn(
                    &entry_loc,
                    format!("example `{name}` is not read: {}", e.message),
                );
                continue;
            }
        };
        match example(&loc, value, name, op) {
            Some(example) => out.push(example),
            None => sink.warn(
                &loc,
                format!("example `{name}` is not an object with `parameters`: ignored"),
            ),
        }
    }
    out
}

fn example(loc: &Loc, value: &Value, name: &str, op: &Operation) -> Option<Example> {
    let object = value.as_object()?;
    let mut example = Example {
        name: name.to_owned(),
        rust_name: String::new(),
        file: crate::display_path(&loc.file),
        pointer: loc.pointer.clone(),
        parameters: IndexMap::new(),
        body: None,
        responses: Vec::new(),
        skipped: None,
    };
    let json_body = op
        .body
        .as_ref()
        .filter(|b| !matches!(b.kind, BodyKind::Form { .. } | BodyKind::Multipart { .. }));
    let params_loc = loc.key("parameters");
    let parameters = object.get("parameters")?.as_object()?;
    for (key, value) in parameters {
        let here = params_loc.key(key);
        if json_body.is_some_and(|b| b.name == *key) {
            example.body = Some(value_at(value, &here));
        } else if accepts_parameter(op, key) {
            example
                .parameters
                .insert(key.clone(), value_at(value, &here));
        }
    }
    let responses_loc = loc.key("responses");
    if let Some(responses) = object.get("responses").and_then(Value::as_object) {
        for (status, response) in responses {
            let Ok(code) = status.parse::<u16>() else {
                continue;
            };
            let here = responses_loc.key(status);
            let headers = response
                .get("headers")
                .and_then(Value::as_object)
                .map(|h| h.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default();
            example.responses.push(ExampleResponse {
                status: code,
                headers,
                body: response
                    .get("body")
                    .map(|body| value_at(body, &here.key("body"))),
                file: crate::display_path(&here.file),
                pointer: here.pointer.clone(),
            });
        }
    }
    Some(example)
}
