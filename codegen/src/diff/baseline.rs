//! Baselines: a [`Surface`] as committed JSON text, compared with the spec in CI.
//!
//! The text is deterministic (IR order, no maps iterated by hash) and short enough to review in a
//! pull request: a flat record (an object of scalars and lists of scalars: a parameter, header,
//! property, enum value) is always one line, and anything else that fits in [`WIDTH`] columns
//! too, so that each item is one line of the diff.

use std::path::Path;

use serde_json::Value;

use super::surface::{FORMAT, Surface};
use crate::{Error, ErrorKind, Result};

/// Lines are kept within this many columns where an item allows it.
pub const WIDTH: usize = 100;

impl Surface {
    /// The baseline text of this surface, ending with a newline.
    pub fn to_baseline(&self) -> String {
        // A `Surface` is plain data with string keys: turning it into a value cannot fail.
        let value = serde_json::to_value(self).unwrap_or(Value::Null);
        let mut out = String::new();
        write_value(&value, 0, 0, &mut out);
        out.push('\n');
        out
    }

    /// Reads baseline text; `file` names it in errors.
    pub fn from_baseline(text: &str, file: &Path) -> Result<Surface> {
        let fail = |e: serde_json::Error, what: &str| {
            let kind = match e.classify() {
                serde_json::error::Category::Data => ErrorKind::Invalid,
                _ => ErrorKind::Syntax,
            };
            Error::new(kind, file, "#", format!("{what}: {e}")).at_line_col(e.line(), e.column())
        };
        let value: Value = serde_json::from_str(text).map_err(|e| fail(e, "not JSON"))?;
        match value.get("format").and_then(Value::as_u64) {
            Some(f) if f == u64::from(FORMAT) => {}
            other => {
                let found = other.map_or("no format".to_string(), |f| format!("format {f}"));
                return Err(Error::new(
                    ErrorKind::UnsupportedVersion,
                    file,
                    "#/format",
                    format!(
                        "this is not a baseline this tool reads ({found}; it reads format \
                         {FORMAT}): write it again from the spec"
                    ),
                ));
            }
        }
        serde_json::from_str(text).map_err(|e| fail(e, "not a valid baseline"))
    }
}

/// Writes `value`, which starts `column` columns into a line indented by `indent`.
fn write_value(value: &Value, indent: usize, column: usize, out: &mut String) {
    let inline = inline(value);
    if column + inline.len() <= WIDTH || is_flat(value) {
        out.push_str(&inline);
        return;
    }
    let pad = " ".repeat(indent + 2);
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (key, item)) in map.iter().enumerate() {
                out.push_str(&pad);
                let key = format!("{}: ", string(key));
                out.push_str(&key);
                write_value(item, indent + 2, indent + 2 + key.len(), out);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write_value(item, indent + 2, indent + 2, out);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        _ => out.push_str(&inline),
    }
}

/// A scalar, a list of scalars, or an object of those.
fn is_flat(value: &Value) -> bool {
    let scalars = |items: &Vec<Value>| items.iter().all(|v| !v.is_object() && !v.is_array());
    match value {
        Value::Array(items) => scalars(items),
        Value::Object(map) => map.values().all(|v| match v {
            Value::Array(items) => scalars(items),
            Value::Object(_) => false,
            _ => true,
        }),
        _ => true,
    }
}

/// The value on one line: `{"a": 1, "b": [2, 3]}`.
fn inline(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let items: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", string(k), inline(v)))
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(inline).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

fn string(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_items_stay_on_one_line() {
        let value = serde_json::json!({
            "a": [1, 2],
            "flat": {"name": "x".repeat(60), "tags": ["y".repeat(60)]},
            "nested": [{"x": {"y": "z".repeat(90)}}],
            "empty": {}
        });
        let mut out = String::new();
        write_value(&value, 0, 0, &mut out);
        let expected = format!(
            "{{\n  \"a\": [1, 2],\n  \"flat\": {{\"name\": \"{x}\", \"tags\": [\"{y}\"]}},\n  \
             \"nested\": [\n    {{\n      \"x\": {{\"y\": \"{z}\"}}\n    }}\n  ],\n  \"empty\": {{}}\n}}",
            x = "x".repeat(60),
            y = "y".repeat(60),
            z = "z".repeat(90),
        );
        assert_eq!(out, expected);
    }

    #[test]
    fn bad_baselines_are_errors() {
        let file = Path::new("specs/baselines/x.json");
        let err = Surface::from_baseline("{", file).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert!(err.line_col.is_some());
        let err = Surface::from_baseline("{\"format\": 99}", file).unwrap_err();
        assert_eq!(err.kind, ErrorKind::UnsupportedVersion);
        assert_eq!(err.pointer, "#/format");
        let err = Surface::from_baseline("{\"format\": 1, \"title\": 3}", file).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
    }
}
