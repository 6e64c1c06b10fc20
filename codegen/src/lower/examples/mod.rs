//! The operations' own examples, into [`Operation::examples`](crate::ir::Operation::examples).
//!
//! Runs after the rest of the lowering, and only when examples are asked for
//! ([`LoadOptions::examples`](crate::LoadOptions::examples)): an `x-ms-examples` entry is often a
//! `$ref` to an example file, and those files are read here (through [`Resolver::deref`], so
//! under the same confinement and size limit as every `$ref`), never otherwise.
//!
//! - `swagger2.rs`: `x-ms-examples` (inline or in files): parameters by wire name (the body
//!   parameter's name gives the body), responses by status with `headers` and `body`.
//! - `openapi3.rs`: `example`/`examples` of parameters, of the request body's and the responses'
//!   media types, and `example` of their schemas, assembled into one example per response example.
//! - `check.rs`: an example that contradicts its own spec (a value of the wrong type, a missing
//!   required property or parameter, a status the operation does not document) is kept with a
//!   `skipped` reason and reported as a warning naming both places.
//!
//! An example that cannot be read (a missing or refused file, a value of the wrong shape) is a
//! warning and is left out; it never fails the generation.

mod check;
mod openapi3;
mod swagger2;

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{Api, Example, Operation, SourceFormat, Warning};
use crate::naming;
use crate::resolve::{Loc, Resolver};

/// Names the emitted example test file uses for itself; test functions never take them.
pub const RESERVED_TEST_NAMES: &[&str] = &["support", "client", "main"];

/// Lowers the examples of every operation of `api` (lowered from `res`'s root document).
pub(crate) fn attach(res: &Resolver, api: &mut Api) {
    let by_pointer: IndexMap<String, usize> = api
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| (op.pointer.clone(), i))
        .collect();
    let mut warnings = Vec::new();
    let mut found: Vec<(usize, Vec<Example>)> = Vec::new();
    for (op_loc, op_value) in operation_nodes(res) {
        let Some(&index) = by_pointer.get(&op_loc.pointer) else {
            continue;
        };
        let op = &api.operations[index];
        let mut sink = Sink {
            warnings: &mut warnings,
        };
        let examples = match api.source_format {
            SourceFormat::Swagger2 => swagger2::examples(res, &op_loc, op_value, op, &mut sink),
            SourceFormat::OpenApi30 | SourceFormat::OpenApi31 => {
                openapi3::examples(res, &op_loc, op_value, op, &mut sink)
            }
        };
        found.push((index, examples));
    }
    let mut names = naming::Scope::with_reserved(RESERVED_TEST_NAMES);
    let checker = check::Checker::new(api);
    let mut checked = Vec::new();
    for (index, mut examples) in found {
        let op = &api.operations[index];
        for example in &mut examples {
            json_text_body(op, example);
            example.rust_name = names.claim(naming::example_test_name(
                &op.rust_name,
                &op.group,
                &example.name,
            ));
            if let Some(contradiction) = checker.check(op, example) {
                warnings.push(Warning {
                    file: example.file.clone(),
                    pointer: example.pointer.clone(),
                    message: format!(
                        "example `{}` of `{}` contradicts its spec, so it is not a test: {}",
                        example.name, op.operation_id, contradiction
                    ),
                });
                example.skipped = Some(contradiction);
            }
        }
        checked.push((index, examples));
    }
    // In the IR (and so in the emitted tests), files are named relative to the root document's
    // directory: the output must not depend on where the spec was when it was generated.
    let root_dir = res
        .root()
        .0
        .file
        .parent()
        .map(crate::display_path)
        .unwrap_or_default();
    let relative = |file: &mut String| {
        if !root_dir.is_empty()
            && let Some(rest) = file.strip_prefix(&format!("{root_dir}/"))
        {
            *file = rest.to_owned();
        }
    };
    for (index, mut examples) in checked {
        for example in &mut examples {
            relative(&mut example.file);
            for value in example.parameters.values_mut().chain(&mut example.body) {
                relative(&mut value.file);
            }
            for response in &mut example.responses {
                relative(&mut response.file);
                if let Some(body) = &mut response.body {
                    relative(&mut body.file);
                }
            }
        }
        api.operations[index].examples = examples;
    }
    api.warnings.extend(warnings);
}

/// A JSON body given as a string of JSON text (`"value": "{\"writeEnabled\": false}"`, as
/// Azure examples often write it) is that JSON value, when the body's type is not text.
fn json_text_body(op: &Operation, example: &mut Example) {
    let Some(crate::ir::BodyKind::Json { ty }) = op.body.as_ref().map(|b| &b.kind) else {
        return;
    };
    if matches!(
        ty,
        crate::ir::TypeRef::String { .. } | crate::ir::TypeRef::Any
    ) {
        return;
    }
    let Some(body) = &mut example.body else {
        return;
    };
    if let Value::String(text) = &body.value
        && let Ok(parsed @ (Value::Object(_) | Value::Array(_))) = serde_json::from_str(text)
    {
        body.value = parsed;
    }
}

/// Where warnings go while examples are read.
pub(super) struct Sink<'w> {
    warnings: &'w mut Vec<Warning>,
}

impl Sink<'_> {
    pub fn warn(&mut self, at: &Loc, message: impl Into<String>) {
        let warning = Warning {
            file: crate::display_path(&at.file),
            pointer: at.pointer.clone(),
            message: message.into(),
        };
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }
}

/// Every operation object of the root document (`paths`, then `x-ms-paths`), with its place.
fn operation_nodes(res: &Resolver) -> Vec<(Loc, &Value)> {
    let (root, doc) = res.root();
    let mut out = Vec::new();
    for section in ["paths", "x-ms-paths"] {
        let Some(paths) = doc.get(section).and_then(Value::as_object) else {
            continue;
        };
        for (raw_path, item) in paths {
            let item_loc = root.key(section).key(raw_path);
            let Ok((item_loc, item)) = res.deref(&item_loc, item) else {
                continue;
            };
            let Some(item) = item.as_object() else {
                continue;
            };
            for (method, op) in item {
                if op.is_object() && method != "parameters" && !method.starts_with("x-") {
                    out.push((item_loc.key(method), op));
                }
            }
        }
    }
    out
}

/// An example value at `loc`.
pub(super) fn value_at(value: &Value, loc: &Loc) -> crate::ir::ExampleValue {
    crate::ir::ExampleValue {
        value: value.clone(),
        file: crate::display_path(&loc.file),
        pointer: loc.pointer.clone(),
    }
}

/// The wire names an example may give values for, and whether each goes in the body.
pub(super) fn accepts_parameter(op: &Operation, name: &str) -> bool {
    let form = match op.body.as_ref().map(|b| &b.kind) {
        Some(crate::ir::BodyKind::Form { fields } | crate::ir::BodyKind::Multipart { fields }) => {
            fields.as_slice()
        }
        _ => &[],
    };
    op.parameters
        .iter()
        .chain(form)
        .any(|p| p.name.eq_ignore_ascii_case(name))
}
