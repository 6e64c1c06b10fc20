//! Whether an example agrees with its own spec. The first contradiction found is the reason
//! the example is skipped; its message names the place in the example and the schema's pointer.
//!
//! What contradicts: a value of another JSON type than its schema's, an integer out of its
//! format's range, a value outside a closed enum, an object without a required property (not
//! read-only) or with a property its schema neither names nor allows (`additionalProperties`),
//! `null` for a required property that is not nullable, no value for a required parameter or
//! body, a success status the operation does not document, no body for a success response
//! that has one, or a header of a success response that the response declares with a type its
//! text is not (what the client's typed header would not read: `Date: yesterday`). `null` for an optional property is accepted (Azure's `oav` reads properties as
//! nullable unless they are required), and so is a discriminator value the spec does not list
//! (the client keeps such a value as JSON), and a number or boolean for a text parameter (its
//! text is what goes on the wire).

use indexmap::IndexMap;
use serde_json::Value;

use crate::ir::{
    Api, BodyKind, Example, ExampleResponse, Location, Model, ModelKind, Operation, Parameter,
    Response, ResponseBody, StructModel, TypeRef,
};

pub(super) struct Checker<'a> {
    api: &'a Api,
    models: IndexMap<&'a str, &'a Model>,
}

/// Nesting deeper than this in an example value is not looked into.
const MAX_DEPTH: usize = 64;

impl<'a> Checker<'a> {
    pub fn new(api: &'a Api) -> Self {
        Checker {
            api,
            models: api.models.iter().map(|m| (m.name.as_str(), m)).collect(),
        }
    }

    /// The first contradiction between `example` and the operation's spec, if any.
    pub fn check(&self, op: &Operation, example: &Example) -> Option<String> {
        for (name, value) in &example.parameters {
            let Some(p) = self.parameter(op, name) else {
                continue;
            };
            // A number or boolean for a text parameter is its text on the wire.
            let scalar = matches!(value.value, Value::Number(_) | Value::Bool(_));
            if scalar && matches!(p.ty, TypeRef::String { .. }) {
                continue;
            }
            if let Err(m) = self.value(&p.ty, &value.value, &value.pointer, &p.pointer, 0) {
                return Some(format!("parameter `{name}`: {m}"));
            }
        }
        for p in self
            .inputs(op)
            .filter(|p| p.required && p.default.is_none())
        {
            if !example
                .parameters
                .keys()
                .any(|k| k.eq_ignore_ascii_case(&p.name))
            {
                return Some(format!(
                    "it gives no value for the required parameter `{}` ({})",
                    p.name, p.pointer
                ));
            }
        }
        if let Some(body) = &op.body {
            match (&example.body, &body.kind) {
                (None, BodyKind::Json { .. } | BodyKind::Text | BodyKind::Binary)
                    if body.required =>
                {
                    return Some(format!(
                        "it gives no value for the required body `{}` ({})",
                        body.name, body.pointer
                    ));
                }
                (Some(value), BodyKind::Json { ty }) => {
                    if let Err(m) = self.value(ty, &value.value, &value.pointer, &body.pointer, 0) {
                        return Some(format!("the body: {m}"));
                    }
                }
                _ => {}
            }
        }
        for response in &example.responses {
            let documented = op
                .responses
                .iter()
                .find(|r| r.status == Some(response.status))
                .or_else(|| {
                    op.responses.iter().find(|r| {
                        r.status.is_none()
                            && r.status_range.as_deref().and_then(|s| s.chars().next())
                                == char::from_digit(u32::from(response.status / 100), 10)
                    })
                });
            let Some(documented) = documented else {
                if response.status >= 400 {
                    continue;
                }
                return Some(format!(
                    "status {} at {} is not a documented response of the operation ({})",
                    response.status, response.pointer, op.pointer
                ));
            };
            match (&response.body, &documented.body) {
                (Some(value), Some(ResponseBody::Json { ty, nullable, .. }))
                    if !(*nullable && value.value.is_null()) =>
                {
                    let schema = format!("{}/responses/{}", op.pointer, response.status);
                    if let Err(m) = self.value(ty, &value.value, &value.pointer, &schema, 0) {
                        return Some(format!("the {} response body: {m}", response.status));
                    }
                }
                (
                    None,
                    Some(ResponseBody::Json {
                        nullable: false, ..
                    }),
                ) if response.status < 400 => {
                    return Some(format!(
                        "the {} response at {} has no body, but the spec gives it one ({}/responses/{})",
                        response.status, response.pointer, op.pointer, response.status
                    ));
                }
                _ => {}
            }
            if response.status < 400
                && let Some(m) = header_contradiction(documented, response)
            {
                return Some(format!("the {} response {m}", response.status));
            }
        }
        None
    }

    /// The caller's parameters of `op` (not client-level), and its form fields.
    fn inputs(&self, op: &'a Operation) -> impl Iterator<Item = &'a Parameter> {
        let form = match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Form { fields } | BodyKind::Multipart { fields }) => fields.as_slice(),
            _ => &[],
        };
        op.parameters
            .iter()
            .filter(|p| !p.client_level && p.location != Location::Host)
            .chain(form)
    }

    fn parameter(&self, op: &'a Operation, name: &str) -> Option<&'a Parameter> {
        let form = match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Form { fields } | BodyKind::Multipart { fields }) => fields.as_slice(),
            _ => &[],
        };
        op.parameters
            .iter()
            .chain(form)
            .chain(&self.api.host.parameters)
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// Whether `value` (at `at` in the example) is a value of `ty` (described at `schema`).
    fn value(
        &self,
        ty: &TypeRef,
        value: &Value,
        at: &str,
        schema: &str,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        let wrong = |expected: &str| {
            Err(format!(
                "{at} is {}, but the schema at {schema} wants {expected}",
                kind(value)
            ))
        };
        match ty {
            TypeRef::Any => Ok(()),
            TypeRef::String { .. } | TypeRef::Binary => match value {
                Value::String(_) => Ok(()),
                _ => wrong("a string"),
            },
            TypeRef::Integer { format } => {
                let fits = match format.as_deref() {
                    Some("int32") => value.as_i64().is_some_and(|n| i32::try_from(n).is_ok()),
                    _ => value.as_i64().is_some(),
                };
                if fits { Ok(()) } else { wrong("an integer") }
            }
            TypeRef::Number { .. } => match value {
                Value::Number(_) => Ok(()),
                _ => wrong("a number"),
            },
            TypeRef::Boolean => match value {
                Value::Bool(_) => Ok(()),
                _ => wrong("a boolean"),
            },
            // Seconds since the epoch are a number; every other format is text.
            TypeRef::Formatted {
                format: crate::ir::Format::UnixTime,
            } => match value {
                Value::Number(_) => Ok(()),
                _ => wrong("a number (seconds since the epoch)"),
            },
            TypeRef::Formatted { format } => match value {
                Value::String(text) if format_fits(*format, text) => Ok(()),
                Value::String(_) => wrong(&format!("a `{}` string", format.name())),
                _ => wrong("a string"),
            },
            TypeRef::Nullable { inner } => match value {
                Value::Null => Ok(()),
                _ => self.value(inner, value, at, schema, depth + 1),
            },
            TypeRef::Array { items } => match value {
                Value::Array(values) => {
                    for (i, v) in values.iter().enumerate() {
                        self.value(items, v, &format!("{at}/{i}"), schema, depth + 1)?;
                    }
                    Ok(())
                }
                _ => wrong("an array"),
            },
            TypeRef::Map { values } => match value {
                Value::Object(map) => {
                    for (k, v) in map {
                        self.value(values, v, &format!("{at}/{}", escape(k)), schema, depth + 1)?;
                    }
                    Ok(())
                }
                _ => wrong("an object"),
            },
            TypeRef::Model { name } => {
                let Some(model) = self.models.get(name.as_str()) else {
                    return Ok(());
                };
                self.model(model, value, at, depth)
            }
        }
    }

    fn model(&self, model: &'a Model, value: &Value, at: &str, depth: usize) -> Result<(), String> {
        let schema = &model.pointer;
        match &model.kind {
            ModelKind::Alias { ty } => self.value(ty, value, at, schema, depth + 1),
            ModelKind::Enum(e) => {
                if e.values.iter().any(|v| &v.value == value) {
                    return Ok(());
                }
                if e.open {
                    return self.value(&e.base, value, at, schema, depth + 1);
                }
                Err(format!(
                    "{at} is {value}, which is not one of the values of the enum at {schema}"
                ))
            }
            ModelKind::Union(u) => {
                let fits = u
                    .variants
                    .iter()
                    .any(|v| self.value(&v.ty, value, at, schema, depth + 1).is_ok());
                if fits {
                    Ok(())
                } else {
                    Err(format!("{at} is none of the alternatives of {schema}"))
                }
            }
            ModelKind::Struct(s) => {
                let Value::Object(map) = value else {
                    return Err(format!(
                        "{at} is {}, but the schema at {schema} wants an object",
                        kind(value)
                    ));
                };
                let (s, schema) = match self.kind_of(s, map) {
                    Some((kind, model)) => (kind, model.pointer.as_str()),
                    None => (s, schema.as_str()),
                };
                for p in &s.properties {
                    match map.get(&p.name) {
                        None if p.required && !p.read_only => {
                            return Err(format!(
                                "{at} has no `{}`, which the schema at {schema} requires",
                                p.name
                            ));
                        }
                        None => {}
                        // An optional property may be `null`, as Azure's example validator
                        // (`oav`) allows, and the client reads it as absent.
                        Some(Value::Null) if !p.nullable && p.required => {
                            return Err(format!(
                                "{at}/{} is null, but the schema at {schema} does not allow null",
                                escape(&p.name)
                            ));
                        }
                        Some(Value::Null) => {}
                        Some(v) => {
                            let here = format!("{at}/{}", escape(&p.name));
                            self.value(&p.ty, v, &here, schema, depth + 1)?;
                        }
                    }
                }
                for (key, v) in map {
                    if s.properties.iter().any(|p| &p.name == key) {
                        continue;
                    }
                    match &s.additional_properties {
                        Some(ty) => {
                            let here = format!("{at}/{}", escape(key));
                            self.value(ty, v, &here, schema, depth + 1)?;
                        }
                        // The base of a family without a discriminator (and every model
                        // below it) keeps the properties of the kinds it may be.
                        None if self.keeps_extra(s, 0) => {}
                        None => {
                            return Err(format!(
                                "{at} has `{key}`, which the schema at {schema} does not describe"
                            ));
                        }
                    }
                }
                Ok(())
            }
        }
    }

    /// Whether the emitted struct keeps properties it does not name: a model with children and
    /// no discriminator, and the models below one.
    fn keeps_extra(&self, s: &StructModel, depth: usize) -> bool {
        if s.discriminator.is_none() && !s.children.is_empty() {
            return true;
        }
        depth < MAX_DEPTH
            && s.parents.iter().any(|parent| {
                match self.models.get(parent.as_str()).map(|m| &m.kind) {
                    Some(ModelKind::Struct(p)) => {
                        p.discriminator.is_none() || self.keeps_extra(p, depth + 1)
                    }
                    _ => false,
                }
            })
    }

    /// The kind a polymorphic base's value names by its discriminator.
    fn kind_of(
        &self,
        base: &StructModel,
        map: &serde_json::Map<String, Value>,
    ) -> Option<(&'a StructModel, &'a Model)> {
        let discriminator = base.discriminator.as_ref()?;
        let tag = map.get(&discriminator.property)?.as_str()?;
        let model = *self.models.get(discriminator.mapping.get(tag)?.as_str())?;
        match &model.kind {
            ModelKind::Struct(s) => Some((s, model)),
            _ => None,
        }
    }
}

fn kind(value: &Value) -> &'static str {
    crate::resolve::json_kind(value)
}

fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The first header the example's response gives, that the documented response declares, whose
/// text the client's typed header would not read (`None` for it): `x-ms-request-id: 123` is
/// fine for a text header, `Date: yesterday` is not a `date-time-rfc1123`.
fn header_contradiction(documented: &Response, response: &ExampleResponse) -> Option<String> {
    for header in documented.headers.iter().filter(|h| h.prefix.is_none()) {
        let Some((name, value)) = response
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&header.name))
        else {
            continue;
        };
        let text = match value {
            Value::String(text) => text.trim().to_owned(),
            other => other.to_string(),
        };
        let (fits, wanted) = match &header.ty {
            TypeRef::Integer { format } if format.as_deref() == Some("int32") => {
                (text.parse::<i32>().is_ok(), "an `int32`".to_owned())
            }
            TypeRef::Integer { .. } => (text.parse::<i64>().is_ok(), "an integer".to_owned()),
            TypeRef::Number { .. } => (text.parse::<f64>().is_ok(), "a number".to_owned()),
            // As Rust reads a `bool`: exactly `true` or `false`.
            TypeRef::Boolean => (
                matches!(text.as_str(), "true" | "false"),
                "`true` or `false`".to_owned(),
            ),
            TypeRef::Formatted {
                format: crate::ir::Format::UnixTime,
            } => (
                text.parse::<i64>().is_ok(),
                "seconds since the epoch".to_owned(),
            ),
            TypeRef::Formatted { format } => (
                format_fits(*format, &text),
                format!("a `{}`", format.name()),
            ),
            _ => (true, String::new()),
        };
        if !fits {
            return Some(format!(
                "header `{name}` at {} is {value}, but the response declares {wanted}",
                response.pointer
            ));
        }
    }
    None
}

/// Whether `text` has the shape of `format`, as the client's adapter reads it: a typed client
/// refuses what does not (`{image contents}` for `byte`), so such an example contradicts its
/// spec. Loose on purpose: the adapters decide the rest.
fn format_fits(format: crate::ir::Format, text: &str) -> bool {
    use crate::ir::Format;
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let date = |t: &str| {
        let mut parts = t.split('-');
        matches!(
            (parts.next(), parts.next(), parts.next(), parts.next()),
            (Some(y), Some(m), Some(d), None) if digits(y) && digits(m) && digits(d)
        )
    };
    match format {
        Format::Date => date(text),
        Format::DateTime => text
            .split_once(['T', 't', ' '])
            .is_some_and(|(day, time)| date(day) && time.len() >= 5 && time.as_bytes()[2] == b':'),
        Format::Byte | Format::Base64Url => {
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'-' | b'_' | b'='))
                && canonical_base64(text)
        }
        Format::Uuid => {
            let groups: Vec<&str> = text.split('-').collect();
            groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
                && groups
                    .iter()
                    .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
        }
        Format::Duration => text.starts_with(['P', 'p', '-']),
        // `Sun, 06 Nov 1994 08:49:37 GMT`: a day name and a comma first.
        Format::DateTimeRfc1123 => text
            .split_once(',')
            .is_some_and(|(day, rest)| day.len() == 3 && rest.trim_start().len() >= 20),
        _ => true,
    }
}

/// Whether base64 `text` is what an encoder writes for its bytes: the unused bits of its last
/// character are zero (`...EmA==`, not `...EmC==`). The client reads both but writes the first,
/// so an example with the second cannot be sent back as it is written.
fn canonical_base64(text: &str) -> bool {
    let digits = text.trim_end_matches('=').as_bytes();
    let value = |b: u8| match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' | b'-' => 62,
        _ => 63,
    };
    let unused = match digits.len() % 4 {
        2 => 0x0F,
        3 => 0x03,
        _ => 0,
    };
    digits.last().is_none_or(|&last| value(last) & unused == 0)
}

#[cfg(test)]
mod format_tests {
    use super::format_fits;
    use crate::ir::Format;

    #[test]
    fn values_a_typed_client_would_refuse_do_not_fit() {
        assert!(format_fits(Format::Byte, "SGVsbG8gd29ybGQ="));
        assert!(!format_fits(Format::Byte, "{image contents}"));
        // Bits set after the last byte: read by the client, but written back as `EmA=`.
        assert!(format_fits(Format::Byte, "EmA="));
        assert!(!format_fits(Format::Byte, "EmC="));
        assert!(!format_fits(
            Format::Byte,
            "JVBERi0xLjQKJcOkw7zDtsOfCjIgMCBv+f/ub0j6JPRX+E3EmC=="
        ));
        assert!(format_fits(
            Format::Uuid,
            "b607964f-7bd6-4a3b-a869-6791fb6aab87"
        ));
        assert!(!format_fits(Format::Uuid, "00000000-0000-0000-0000"));
        assert!(format_fits(Format::DateTime, "2020-01-01T00:00:00.000Z"));
        assert!(!format_fits(Format::DateTime, "yesterday"));
        assert!(format_fits(Format::Date, "2020-01-01"));
        assert!(!format_fits(Format::Date, "2020/01/01"));
        assert!(format_fits(
            Format::DateTimeRfc1123,
            "Sun, 06 Nov 1994 08:49:37 GMT"
        ));
        assert!(!format_fits(
            Format::DateTimeRfc1123,
            "2020-03-26T21:20:57Z"
        ));
    }
}
