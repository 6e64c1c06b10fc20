//! Types as the diff sees them: an IR [`TypeRef`] with models named by their
//! Rust type name, written as short text in baselines and reports (`string(date-time)`,
//! `integer(int64)`, `array<models::TagAttributesBase>`, `map<string>`, `any`).

use std::fmt;

use indexmap::IndexMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ir::{Format, TypeRef};

/// A type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A string, with its format.
    String(Option<String>),
    /// An integer, with its format.
    Integer(Option<String>),
    /// A number, with its format.
    Number(Option<String>),
    /// A boolean.
    Boolean,
    /// Raw bytes.
    Binary,
    /// Any JSON value.
    Any,
    /// An array.
    Array(Box<Ty>),
    /// A map from strings.
    Map(Box<Ty>),
    /// An array item or map value that may be `null` (`Option<T>`).
    Nullable(Box<Ty>),
    /// A model, by its Rust type name.
    Model(String),
}

/// How two types differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TyChange {
    /// Not at all.
    Same,
    /// Only in a `format` that the generated crate maps to the same Rust type (`string` and
    /// `string(email)` are both `String`; `integer` and `integer(int64)` are both `i64`).
    FormatOnly,
    /// In the Rust type.
    Different,
}

impl Ty {
    /// The type of an IR type reference; `models` maps model spec names to Rust names.
    pub fn of(t: &TypeRef, models: &IndexMap<&str, &str>) -> Ty {
        match t {
            TypeRef::String { format } => Ty::String(format.clone()),
            TypeRef::Formatted {
                format: Format::UnixTime,
            } => Ty::Integer(Some(Format::UnixTime.name().to_owned())),
            TypeRef::Formatted { format } => Ty::String(Some(format.name().to_owned())),
            TypeRef::Integer { format } => Ty::Integer(format.clone()),
            TypeRef::Number { format } => Ty::Number(format.clone()),
            TypeRef::Boolean => Ty::Boolean,
            TypeRef::Binary => Ty::Binary,
            TypeRef::Any => Ty::Any,
            TypeRef::Array { items } => Ty::Array(Box::new(Ty::of(items, models))),
            TypeRef::Map { values } => Ty::Map(Box::new(Ty::of(values, models))),
            TypeRef::Nullable { inner } => Ty::Nullable(Box::new(Ty::of(inner, models))),
            TypeRef::Model { name } => Ty::Model(
                models
                    .get(name.as_str())
                    .map_or_else(|| name.clone(), |rust| rust.to_string()),
            ),
        }
    }

    /// How `self` (old) and `new` differ. The Rust types follow `codegen/src/emit/types.rs`:
    /// a string is `String` unless its format is typed (`date-time`, `byte`, `uuid`, ...:
    /// one Rust type per format), `int32` is `i32` and other integers `i64` (`unixtime` a
    /// date-time), `float` is `f32` and other numbers `f64`.
    pub fn compare(&self, new: &Ty) -> TyChange {
        if self == new {
            return TyChange::Same;
        }
        if self.rust_shape() == new.rust_shape() {
            TyChange::FormatOnly
        } else {
            TyChange::Different
        }
    }

    fn rust_shape(&self) -> String {
        match self {
            Ty::String(Some(f)) if Format::of_string(f).is_some() => typed(f),
            Ty::String(_) => "String".into(),
            Ty::Integer(Some(f)) if Format::of_integer(f).is_some() => typed(f),
            Ty::Integer(f) if f.as_deref() == Some("int32") => "i32".into(),
            Ty::Integer(_) => "i64".into(),
            Ty::Number(f) if f.as_deref() == Some("float") => "f32".into(),
            Ty::Number(_) => "f64".into(),
            Ty::Boolean => "bool".into(),
            Ty::Binary => "binary".into(),
            Ty::Any => "any".into(),
            Ty::Array(t) => format!("Vec<{}>", t.rust_shape()),
            Ty::Map(t) => format!("Map<{}>", t.rust_shape()),
            Ty::Nullable(t) => format!("Option<{}>", t.rust_shape()),
            Ty::Model(m) => format!("models::{m}"),
        }
    }

    /// Parses the text form; `None` when it is not one.
    pub fn parse(text: &str) -> Option<Ty> {
        let (ty, rest) = parse_prefix(text)?;
        rest.is_empty().then_some(ty)
    }
}

/// The Rust type of a typed format (`emit/types.rs`): the date-times share one.
fn typed(format: &str) -> String {
    match Format::of_string(format).or_else(|| Format::of_integer(format)) {
        Some(Format::DateTime | Format::DateTimeRfc1123 | Format::UnixTime) => "OffsetDateTime",
        Some(Format::Byte | Format::Base64Url) => "Vec<u8>",
        Some(Format::Date) => "Date",
        Some(Format::Duration) => "Span",
        Some(Format::Uuid) => "Uuid",
        None => "String",
    }
    .into()
}

fn parse_prefix(text: &str) -> Option<(Ty, &str)> {
    if let Some(rest) = text.strip_prefix("array<") {
        let (inner, rest) = parse_prefix(rest)?;
        return Some((Ty::Array(Box::new(inner)), rest.strip_prefix('>')?));
    }
    if let Some(rest) = text.strip_prefix("map<") {
        let (inner, rest) = parse_prefix(rest)?;
        return Some((Ty::Map(Box::new(inner)), rest.strip_prefix('>')?));
    }
    if let Some(rest) = text.strip_prefix("nullable<") {
        let (inner, rest) = parse_prefix(rest)?;
        return Some((Ty::Nullable(Box::new(inner)), rest.strip_prefix('>')?));
    }
    if let Some(rest) = text.strip_prefix("models::") {
        let end = rest.find('>').unwrap_or(rest.len());
        let name = &rest[..end];
        return (!name.is_empty()).then(|| (Ty::Model(name.to_string()), &rest[end..]));
    }
    for (word, make) in [
        ("string", Ty::String as fn(Option<String>) -> Ty),
        ("integer", Ty::Integer),
        ("number", Ty::Number),
    ] {
        if let Some(rest) = text.strip_prefix(word) {
            let Some(rest) = rest.strip_prefix('(') else {
                return Some((make(None), rest));
            };
            let (format, rest) = parse_format(rest)?;
            return Some((make(Some(format)), rest));
        }
    }
    for (word, ty) in [
        ("boolean", Ty::Boolean),
        ("binary", Ty::Binary),
        ("any", Ty::Any),
    ] {
        if let Some(rest) = text.strip_prefix(word) {
            return Some((ty, rest));
        }
    }
    None
}

/// Reads a format up to its closing `)`, undoing `\)` and `\\` escapes.
fn parse_format(text: &str) -> Option<(String, &str)> {
    let mut format = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => format.push(chars.next()?.1),
            ')' => return Some((format, &text[i + 1..])),
            c => format.push(c),
        }
    }
    None
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let with_format = |f: &mut fmt::Formatter<'_>, word: &str, format: &Option<String>| {
            f.write_str(word)?;
            if let Some(format) = format {
                let escaped = format.replace('\\', "\\\\").replace(')', "\\)");
                write!(f, "({escaped})")?;
            }
            Ok(())
        };
        match self {
            Ty::String(format) => with_format(f, "string", format),
            Ty::Integer(format) => with_format(f, "integer", format),
            Ty::Number(format) => with_format(f, "number", format),
            Ty::Boolean => f.write_str("boolean"),
            Ty::Binary => f.write_str("binary"),
            Ty::Any => f.write_str("any"),
            Ty::Array(t) => write!(f, "array<{t}>"),
            Ty::Map(t) => write!(f, "map<{t}>"),
            Ty::Nullable(t) => write!(f, "nullable<{t}>"),
            Ty::Model(name) => write!(f, "models::{name}"),
        }
    }
}

impl Serialize for Ty {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Ty {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ty, D::Error> {
        let text = String::deserialize(deserializer)?;
        Ty::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a type (`string`, `integer(int64)`, `array<..>`, `map<..>`, \
                 `models::Name`, ...)"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips() {
        let cases = [
            "string",
            "string(date-time)",
            "integer(int64)",
            "number",
            "boolean",
            "binary",
            "any",
            "array<models::TagAttributesBase>",
            "map<array<string(byte)>>",
            "array<nullable<models::Product>>",
            "models::r#Type",
            r"string(odd\)fmt\\x)",
        ];
        for text in cases {
            let ty = Ty::parse(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(ty.to_string(), text);
        }
        for bad in [
            "",
            "str",
            "array<string",
            "string(x",
            "models::",
            "string extra",
            "map<>",
        ] {
            assert_eq!(Ty::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn format_only_changes_keep_the_rust_type() {
        let t = |s: &str| Ty::parse(s).unwrap();
        assert_eq!(t("string").compare(&t("string")), TyChange::Same);
        assert_eq!(
            t("string").compare(&t("string(email)")),
            TyChange::FormatOnly
        );
        // Typed formats are Rust types of their own (`OffsetDateTime`, `Vec<u8>`, `Uuid`).
        assert_eq!(
            t("string").compare(&t("string(date-time)")),
            TyChange::Different
        );
        assert_eq!(
            t("string(date-time)").compare(&t("string(date-time-rfc1123)")),
            TyChange::FormatOnly
        );
        assert_eq!(
            t("integer").compare(&t("integer(unixtime)")),
            TyChange::Different
        );
        assert_eq!(
            t("integer").compare(&t("integer(int64)")),
            TyChange::FormatOnly
        );
        assert_eq!(
            t("integer").compare(&t("integer(int32)")),
            TyChange::Different
        );
        assert_eq!(
            t("array<number(float)>").compare(&t("array<number>")),
            TyChange::Different
        );
        assert_eq!(
            t("string").compare(&t("models::Architecture")),
            TyChange::Different
        );
    }
}
