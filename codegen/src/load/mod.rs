//! Text to JSON values: JSON or YAML detected from content, a UTF-8 BOM tolerated.
//!
//! Both formats go through one serde visitor (`ValueSeed`) that builds a [`serde_json::Value`]
//! in document order, turns YAML's non-string mapping keys (`200:`, `true:`, `~:`) into strings,
//! rejects keys that are duplicates once stringified, and keeps track of the JSON pointer being
//! read, so that every error names the place it happened, not only its line and column.

use std::cell::RefCell;
use std::fmt;
use std::path::Path;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::{Error, ErrorKind, Result};

mod files;

pub(crate) use files::{Confinement, normalize, read_bounded};
pub use files::{DEFAULT_MAX_FILE_BYTES, LoadOptions};

/// Parses a document's text. `file` is only used in error messages.
///
/// The text is JSON when its first non-whitespace character is `{` or `[`, YAML otherwise. The
/// top level must be a mapping (an object); anything else is an [`ErrorKind::Invalid`] error at
/// `#`. Syntax errors are [`ErrorKind::Syntax`] with a line and column; duplicate keys (also
/// keys that only collide once stringified, like `200` and `'200'`) are [`ErrorKind::Invalid`].
pub fn parse_text(text: &str, file: &Path) -> Result<Value> {
    parse(text, file, Quote::Yes)
}

/// [`parse_text`] for a file that the user did not name (one a `$ref` reaches): its errors never
/// quote its text, which may not be a document at all.
pub fn parse_text_unquoted(text: &str, file: &Path) -> Result<Value> {
    parse(text, file, Quote::No)
}

/// Whether error messages may quote the text (a line, a scalar).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quote {
    Yes,
    No,
}

fn parse(text: &str, file: &Path, quote: Quote) -> Result<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tracker = Tracker::default();
    let value = if text.trim_start().starts_with(['{', '[']) {
        parse_json(text, file, &tracker)?
    } else {
        parse_yaml(text, file, &tracker, quote)?
    };
    if value.is_object() {
        Ok(value)
    } else {
        let what = match (&value, quote) {
            (Value::String(_), Quote::No) => "plain text".to_owned(),
            _ => describe(&value),
        };
        let message = format!(
            "the document must be a mapping (a JSON object) at the top level, but it is {what}"
        );
        Err(Error::new(ErrorKind::Invalid, file, "#", message))
    }
}

/// Reads and parses a file (of at most [`DEFAULT_MAX_FILE_BYTES`] bytes).
///
pub fn load_file(path: &Path) -> Result<Value> {
    load_file_within(path, DEFAULT_MAX_FILE_BYTES)
}

/// Reads and parses a file, refusing it (without reading it whole) if it is larger than
/// `max_bytes`.
pub fn load_file_within(path: &Path, max_bytes: u64) -> Result<Value> {
    let text = read_bounded(path, max_bytes)?;
    parse_text(&text, path)
}

fn parse_json(text: &str, file: &Path, tracker: &Tracker) -> Result<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let parsed = ValueSeed(tracker)
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    parsed.map_err(|e| {
        let kind = match e.classify() {
            serde_json::error::Category::Io => ErrorKind::Io,
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                ErrorKind::Syntax
            }
            serde_json::error::Category::Data => ErrorKind::Invalid,
        };
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let text = e.to_string();
        let message = text.strip_suffix(&suffix).unwrap_or(&text);
        let error = Error::new(
            kind,
            file,
            tracker.pointer(),
            format!("invalid JSON: {message}"),
        );
        if e.line() == 0 {
            error
        } else {
            error.at_line_col(e.line(), e.column())
        }
    })
}

fn parse_yaml(text: &str, file: &Path, tracker: &Tracker, quote: Quote) -> Result<Value> {
    let options = serde_saphyr::options! {
        // YAML 1.2 booleans only: `y`, `no`, `on` stay strings (OpenAPI is YAML 1.2).
        strict_booleans: true,
        with_snippet: false,
        // Whole API descriptions can be larger than the defaults allow for. The nesting depth
        // stays at the default 64: the parser recurses, and a debug build overflows a 2 MiB
        // (test) thread stack at about 85 levels. (JSON stops at serde_json's 128.)
        budget: serde_saphyr::budget! {
            max_events: 50_000_000,
            max_nodes: 20_000_000,
            max_depth: 64,
        },
    };
    let parsed = serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
        ValueSeed(tracker).deserialize(de)
    });
    parsed.map_err(|e| yaml_error(&e, text, file, tracker, quote))
}

fn yaml_error(
    e: &serde_saphyr::Error,
    text: &str,
    file: &Path,
    tracker: &Tracker,
    quote: Quote,
) -> Error {
    use serde_saphyr::Error as E;
    let e = e.without_snippet();
    // Everything else comes from the parser: the text is not well-formed YAML.
    let kind = match e {
        E::DuplicateMappingKey { .. }
        | E::Message { .. }
        | E::MultipleDocuments { .. }
        | E::NonFiniteFloat { .. }
        | E::NullIntoString { .. }
        | E::SerdeInvalidType { .. }
        | E::SerdeInvalidValue { .. }
        | E::Budget { .. } => ErrorKind::Invalid,
        _ => ErrorKind::Syntax,
    };
    let location = e.location().filter(|l| l.line() > 0);
    let mut pointer = tracker.pointer();
    let mut message = match e {
        E::DuplicateMappingKey { key: Some(key), .. } => {
            // Found while reading the key, before the tracker saw it.
            pointer.push('/');
            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            format!("invalid YAML: duplicate key `{key}`")
        }
        E::DuplicateMappingKey { key: None, .. } => "invalid YAML: duplicate key".to_owned(),
        E::Budget { .. } => format!("invalid YAML: too large or too deeply nested ({e})"),
        E::MultipleDocuments { .. } => {
            "invalid YAML: more than one document (`---`) in the file".to_owned()
        }
        _ => format!("invalid YAML: {e}"),
    };
    if let Some(l) = location {
        let suffix = format!(" at line {}, column {}", l.line(), l.column());
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message.truncate(stripped.len());
        }
        let line = usize::try_from(l.line())
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|index| text.lines().nth(index));
        if let Some(line) = line
            .map(str::trim)
            .filter(|line| !line.is_empty() && quote == Quote::Yes)
        {
            message.push_str(&format!(", in line `{}`", clip(line, 80)));
        }
    }
    let error = Error::new(kind, file, pointer, message);
    match location {
        Some(l) => error.at_line_col(to_usize(l.line()), to_usize(l.column())),
        None => error,
    }
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// At most `max` characters of `s`, with `...` when cut.
fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((at, _)) => format!("{}...", s.get(..at).unwrap_or(s)),
        None => s.to_owned(),
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "empty (null)".to_owned(),
        Value::Bool(b) => format!("the boolean `{b}`"),
        Value::Number(n) => format!("the number `{n}`"),
        Value::String(s) => format!("the plain text {:?}", clip(s, 60)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

/// The path (escaped JSON pointer tokens) of the value being read. Segments are pushed on the way
/// down and popped on the way up, but not when an error unwinds: after a failure it names the
/// place of the failure.
#[derive(Default)]
struct Tracker(RefCell<Vec<String>>);

impl Tracker {
    fn push(&self, token: &str) {
        self.0
            .borrow_mut()
            .push(token.replace('~', "~0").replace('/', "~1"));
    }

    fn pop(&self) {
        self.0.borrow_mut().pop();
    }

    fn pointer(&self) -> String {
        let mut pointer = "#".to_owned();
        for token in self.0.borrow().iter() {
            pointer.push('/');
            pointer.push_str(token);
        }
        pointer
    }
}

/// Deserializes any value into a [`Value`].
struct ValueSeed<'t>(&'t Tracker);

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON-compatible value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        match i64::try_from(v) {
            Ok(v) => self.visit_i64(v),
            // Like serde_json: integers beyond 64 bits become floats.
            Err(_) => self.visit_f64(v as f64),
        }
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        match u64::try_from(v) {
            Ok(v) => self.visit_u64(v),
            Err(_) => self.visit_f64(v as f64),
        }
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom(format!("the number {v} cannot be represented in JSON")))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.0.push(&items.len().to_string());
            let item = access.next_element_seed(ValueSeed(self.0))?;
            self.0.pop();
            match item {
                Some(item) => items.push(item),
                None => return Ok(Value::Array(items)),
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key_seed(KeySeed)? {
            self.0.push(&key);
            if map.contains_key(&key) {
                return Err(de::Error::custom(format!(
                    "duplicate key `{key}` (keys are compared as strings)"
                )));
            }
            let value = access.next_value_seed(ValueSeed(self.0))?;
            self.0.pop();
            map.insert(key, value);
        }
        Ok(Value::Object(map))
    }
}

/// Deserializes a mapping key into a string. Keys are asked for as strings, so YAML hands over
/// their spelling (`200`, `0x1F`, `true`); a null key (`~:`) becomes `"null"`. Keys given as
/// numbers or booleans anyway are written out.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_option(KeySeed)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a scalar mapping key (string, number, boolean or null)")
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_str(KeySeed)
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok("null".to_owned())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::json;

    use super::*;

    fn parse(text: &str) -> Result<Value> {
        parse_text(text, Path::new("spec.yaml"))
    }

    fn keys(value: &Value) -> Vec<&str> {
        value
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    #[test]
    fn a_leading_bom_is_skipped_in_json_and_yaml() {
        assert_eq!(parse("\u{feff}{\"a\": 1}").unwrap(), json!({"a": 1}));
        assert_eq!(parse("\u{feff}a: 1\n").unwrap(), json!({"a": 1}));
    }

    #[test]
    fn json_and_yaml_are_told_apart_by_content() {
        // JSON: a syntax error is reported by the JSON parser...
        let err = parse("  {\"a\": 1,}").unwrap_err();
        assert!(err.message.starts_with("invalid JSON"), "{err}");
        // ...and YAML flow mappings that are also JSON parse the same either way.
        assert_eq!(parse("\n{\"a\": [1, 2]}").unwrap(), json!({"a": [1, 2]}));
        assert_eq!(parse("a:\n  - 1\n  - x\n").unwrap(), json!({"a": [1, "x"]}));
    }

    #[test]
    fn yaml_integer_boolean_and_null_keys_become_strings() {
        let value =
            parse("responses:\n  200: ok\n  404: missing\ntrue: t\n~: n\n1.5: f\n0x1F: h\n")
                .unwrap();
        assert_eq!(
            value,
            json!({
                "responses": {"200": "ok", "404": "missing"},
                "true": "t", "null": "n", "1.5": "f", "0x1F": "h"
            })
        );
    }

    #[test]
    fn yaml_booleans_are_yaml_1_2() {
        assert_eq!(
            parse("v: [y, no, on, true, False]\n").unwrap(),
            json!({"v": ["y", "no", "on", true, false]})
        );
    }

    #[test]
    fn key_order_is_kept() {
        let yaml = parse("z: 1\na: 2\nm: {y: 1, b: 2}\n").unwrap();
        assert_eq!(keys(&yaml), ["z", "a", "m"]);
        assert_eq!(keys(&yaml["m"]), ["y", "b"]);
        let json = parse(r#"{"z": 1, "a": 2, "m": 3}"#).unwrap();
        assert_eq!(keys(&json), ["z", "a", "m"]);
    }

    #[test]
    fn json_syntax_error_has_line_and_column() {
        let err = parse("{\n  \"a\": 1,\n  \"b\": nope\n}").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.file, PathBuf::from("spec.yaml"));
        assert_eq!(err.line_col, Some((3, 9)));
        assert_eq!(err.pointer, "#/b");
    }

    #[test]
    fn yaml_syntax_error_has_line_and_column() {
        let err = parse("a:\n  b: [1, 2\nc: 3\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.line_col.map(|(line, _)| line), Some(3), "{err}");
    }

    #[test]
    fn duplicate_keys_are_invalid() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::Invalid, "#/a")
        );
        assert_eq!(err.line_col, Some((3, 1)));
        // Distinct YAML keys that are the same string once stringified.
        let err = parse("r:\n  200: a\n  '200': b\n").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(err.pointer, "#/r/200");
        let err = parse(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::Invalid, "#/a/b")
        );
    }

    #[test]
    fn a_page_that_lost_its_indentation_is_a_syntax_error() {
        // Seed 004 as scraped (a copy inside the repository: tests read nothing beside it).
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/bad/docker-registry-unrepaired.txt");
        let err = load_file(&path).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax, "{err}");
        assert_eq!(err.file, path);
        assert_eq!(err.line_col, Some((9, 8)));
        assert!(err.message.contains("swagger: '2.0' | |"), "{err}");
    }

    #[test]
    fn the_top_level_must_be_a_mapping() {
        for text in ["just some words\n", "[1, 2]", "- a\n- b\n", "42", ""] {
            let err = parse(text).unwrap_err();
            assert_eq!(
                (err.kind, err.pointer.as_str()),
                (ErrorKind::Invalid, "#"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = |depth: usize| format!("{{\"a\": {}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert!(parse(&deep(100)).is_ok());
        let yaml = |depth: usize| format!("a: {}{}", "[".repeat(depth), "]".repeat(depth));
        let block = |depth: usize| {
            (0..depth).fold(String::new(), |text, i| {
                format!("{text}{}k:\n", " ".repeat(i))
            })
        };
        assert!(parse(&yaml(60)).is_ok());
        assert!(parse(&block(60)).is_ok());
        for text in [deep(100_000), yaml(100_000), block(1_000)] {
            let err = parse(&text).unwrap_err();
            assert!(
                matches!(err.kind, ErrorKind::Syntax | ErrorKind::Invalid),
                "{err}"
            );
        }
    }

    #[test]
    fn files_the_user_did_not_name_are_never_quoted() {
        let path = Path::new("secret.txt");
        let err = parse_text_unquoted("root:x:0:0:root:/root:/bin/bash\n", path).unwrap_err();
        assert!(!err.message.contains("root:x"), "{err}");
        let err = parse_text_unquoted("token: abc\n  bad: [\n", path).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Syntax, "{err}");
        assert!(
            !err.message.contains("abc") && !err.message.contains("bad"),
            "{err}"
        );
        // The document the user named is quoted, to help them fix it.
        let err = parse_text("root:x:0:0:root:/root:/bin/bash\n", path).unwrap_err();
        assert!(err.message.contains("root:x"), "{err}");
    }

    #[test]
    fn a_missing_file_is_an_io_error_naming_it() {
        let err = load_file(Path::new("no/such/spec.json")).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Io);
        assert_eq!(err.file, PathBuf::from("no/such/spec.json"));
    }
}
