//! OpenAPI 3.x examples: `example`/`examples` of parameters, of media types (request body and
//! responses) and of response headers, falling back to the `example` of their schema.
//!
//! Each named example of a success response becomes one example of the operation: the
//! parameters' examples (an operation-level parameter over a path-level one), the request
//! body's example of the same name (else its first), and that response. An operation whose
//! success responses have no examples gets one example (named `example`) when its parameters or
//! body have some and its first success response has no body.

use indexmap::IndexMap;
use serde_json::Value;

use super::{Sink, accepts_parameter, value_at};
use crate::ir::{Example, ExampleResponse, ExampleValue, Operation};
use crate::resolve::{Loc, Resolver};

pub(super) fn examples(
    res: &Resolver,
    op_loc: &Loc,
    op_value: &Value,
    op: &Operation,
    sink: &mut Sink<'_>,
) -> Vec<Example> {
    let parameters = parameter_examples(res, op_loc, op_value, op, sink);
    let body = body_examples(res, op_loc, op_value, op, sink);
    let mut out = Vec::new();
    let responses_loc = op_loc.key("responses");
    let responses = op_value.get("responses").and_then(Value::as_object);
    for (status, response) in responses.into_iter().flatten() {
        let Ok(code) = status.parse::<u16>() else {
            continue;
        };
        if code >= 400 {
            continue;
        }
        let Ok((loc, response)) = res.deref(&responses_loc.key(status), response) else {
            continue;
        };
        let mut headers = IndexMap::new();
        if let Some(declared) = response.get("headers").and_then(Value::as_object) {
            for (name, header) in declared {
                let Ok((header_loc, header)) = res.deref(&loc.key("headers").key(name), header)
                else {
                    continue;
                };
                if let Some((_, value)) = named(res, &header_loc, header, sink).into_iter().next() {
                    headers.insert(name.clone(), value.value);
                }
            }
        }
        let Some((media_loc, media)) = media_type(&loc, response, &op.produces) else {
            continue;
        };
        for (name, value) in named(res, &media_loc, media, sink) {
            let request_body = body
                .iter()
                .find(|(n, _)| *n == name)
                .or(body.first())
                .map(|(_, v)| v.clone());
            out.push(Example {
                name: name.clone(),
                rust_name: String::new(),
                file: value.file.clone(),
                pointer: value.pointer.clone(),
                parameters: parameters.clone(),
                body: request_body,
                responses: vec![ExampleResponse {
                    status: code,
                    headers: headers.clone(),
                    file: value.file.clone(),
                    pointer: value.pointer.clone(),
                    body: Some(value),
                }],
                skipped: None,
            });
        }
    }
    if out.is_empty() && (!parameters.is_empty() || !body.is_empty()) {
        let bodiless = op
            .responses
            .iter()
            .find(|r| r.status.is_some_and(|s| s < 400))
            .filter(|r| r.body.is_none());
        if let Some(status) = bodiless.and_then(|r| r.status) {
            out.push(Example {
                name: "example".to_owned(),
                rust_name: String::new(),
                file: crate::display_path(&op_loc.file),
                pointer: op_loc.pointer.clone(),
                parameters,
                body: body.first().map(|(_, v)| v.clone()),
                responses: vec![ExampleResponse {
                    status,
                    headers: IndexMap::new(),
                    body: None,
                    file: crate::display_path(&op_loc.file),
                    pointer: responses_loc.key(&status.to_string()).pointer,
                }],
                skipped: None,
            });
        }
    }
    out
}

/// The example of each parameter that has one, by wire name.
fn parameter_examples(
    res: &Resolver,
    op_loc: &Loc,
    op_value: &Value,
    op: &Operation,
    sink: &mut Sink<'_>,
) -> IndexMap<String, ExampleValue> {
    let mut out = IndexMap::new();
    let item_loc = match op_loc.pointer.rsplit_once('/') {
        Some((item, _)) => Loc {
            file: op_loc.file.clone(),
            pointer: item.to_owned(),
        },
        None => return out,
    };
    let item = res.get(&item_loc);
    let lists = [
        (item_loc.key("parameters"), item),
        (op_loc.key("parameters"), Some(op_value)),
    ];
    for (list_loc, owner) in lists {
        let Some(list) = owner
            .and_then(|o| o.get("parameters"))
            .and_then(Value::as_array)
        else {
            continue;
        };
        for (i, parameter) in list.iter().enumerate() {
            let Ok((loc, parameter)) = res.deref(&list_loc.index(i), parameter) else {
                continue;
            };
            let Some(name) = parameter.get("name").and_then(Value::as_str) else {
                continue;
            };
            if !accepts_parameter(op, name) {
                continue;
            }
            if let Some((_, value)) = named(res, &loc, parameter, sink).into_iter().next() {
                out.insert(name.to_owned(), value);
            } else if let Some(value) = stand_in(res, &loc, parameter) {
                out.insert(name.to_owned(), value);
            }
        }
    }
    out
}

/// A value for a required parameter that has no example (OpenAPI 3 examples of responses do not
/// say which parameters led to them): its schema's `default`, else its first `enum` value, else
/// a value of its type (a string parameter gets its own name).
fn stand_in(res: &Resolver, loc: &Loc, parameter: &Value) -> Option<ExampleValue> {
    let required = parameter.get("required").and_then(Value::as_bool) == Some(true)
        || parameter.get("in").and_then(Value::as_str) == Some("path");
    if !required {
        return None;
    }
    let (schema_loc, schema) = res
        .deref(&loc.key("schema"), parameter.get("schema")?)
        .ok()?;
    if let Some(value) = schema.get("default") {
        return Some(value_at(value, &schema_loc.key("default")));
    }
    if let Some(value) = schema
        .get("enum")
        .and_then(Value::as_array)
        .and_then(|e| e.first())
    {
        return Some(value_at(value, &schema_loc.key("enum").index(0)));
    }
    let name = parameter
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("value");
    let value = match schema.get("type").and_then(Value::as_str) {
        Some("integer" | "number") => Value::from(1),
        Some("boolean") => Value::Bool(true),
        Some("string") | None => Value::String(name.to_owned()),
        Some(_) => return None,
    };
    Some(value_at(&value, &schema_loc))
}

/// The named examples of the request body's media type.
fn body_examples(
    res: &Resolver,
    op_loc: &Loc,
    op_value: &Value,
    op: &Operation,
    sink: &mut Sink<'_>,
) -> Vec<(String, ExampleValue)> {
    let Some(body) = op_value.get("requestBody") else {
        return Vec::new();
    };
    let Ok((loc, body)) = res.deref(&op_loc.key("requestBody"), body) else {
        return Vec::new();
    };
    let preferred = op
        .body
        .as_ref()
        .map(|b| b.media_types.clone())
        .unwrap_or_default();
    match media_type(&loc, body, &preferred) {
        Some((media_loc, media)) => named(res, &media_loc, media, sink),
        None => Vec::new(),
    }
}

/// The media type object of `content` to take examples from: the first of `preferred` that is
/// there, else the first JSON one, else the first.
fn media_type<'v>(loc: &Loc, owner: &'v Value, preferred: &[String]) -> Option<(Loc, &'v Value)> {
    let content = owner.get("content")?.as_object()?;
    let key = preferred
        .iter()
        .find(|p| content.contains_key(p.as_str()))
        .cloned()
        .or_else(|| content.keys().find(|k| k.contains("json")).cloned())
        .or_else(|| content.keys().next().cloned())?;
    Some((loc.key("content").key(&key), content.get(&key)?))
}

/// The examples of a parameter, header or media type object: its `example`, else each of its
/// `examples` (`$ref`s to `components/examples` followed; `externalValue` is not read), else
/// its schema's `example`.
fn named(
    res: &Resolver,
    loc: &Loc,
    owner: &Value,
    sink: &mut Sink<'_>,
) -> Vec<(String, ExampleValue)> {
    if let Some(value) = owner.get("example") {
        return vec![("example".to_owned(), value_at(value, &loc.key("example")))];
    }
    if let Some(examples) = owner.get("examples").and_then(Value::as_object) {
        let mut out = Vec::new();
        for (name, example) in examples {
            let Ok((example_loc, example)) = res.deref(&loc.key("examples").key(name), example)
            else {
                continue;
            };
            match example.get("value") {
                Some(value) => out.push((name.clone(), value_at(value, &example_loc.key("value")))),
                None if example.get("externalValue").is_some() => sink.warn(
                    &example_loc,
                    format!("example `{name}` has an `externalValue`, which is not read"),
                ),
                None => {}
            }
        }
        return out;
    }
    let schema = owner
        .get("schema")
        .and_then(|s| res.deref(&loc.key("schema"), s).ok());
    match schema {
        Some((schema_loc, schema)) => match schema.get("example") {
            Some(value) => vec![(
                "example".to_owned(),
                value_at(value, &schema_loc.key("example")),
            )],
            None => Vec::new(),
        },
        None => Vec::new(),
    }
}
