//! The pieces of a `$ref`: splitting `file#pointer`, percent-decoding, JSON pointer lookup, and
//! joining a referenced file to its referrer (normalized by `load::normalize`). Pure functions: no
//! file system access.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::load::normalize;

/// A `$ref` string taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The file part, percent-decoded; `None` for a reference into the same document (`#/a`).
    pub file: Option<String>,
    /// The JSON pointer, percent-decoded, in `#/a/b` form (`#` for the whole document).
    pub pointer: String,
}

/// Why a `$ref` string cannot be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// An absolute URL (`https://...`, `//host/...`), or a fragment that is not a JSON pointer
    /// (a plain-name anchor, `#foo`).
    Unsupported(String),
    /// Percent-decoding gave something that is not UTF-8.
    Invalid(String),
}

/// Parses `file#pointer`, `#pointer` or `file`.
pub(crate) fn parse(reference: &str) -> Result<Reference, ParseError> {
    let (file, fragment) = match reference.split_once('#') {
        Some((file, fragment)) => (file, fragment),
        None => (reference, ""),
    };
    if has_scheme(file) || file.starts_with("//") {
        return Err(ParseError::Unsupported(
            "references to URLs are not supported; only relative file paths and `#/` pointers are"
                .to_owned(),
        ));
    }
    let fragment = percent_decode(fragment)?;
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err(ParseError::Unsupported(format!(
            "the fragment `#{fragment}` is not a JSON pointer (anchors are not supported)"
        )));
    }
    let file = if file.is_empty() {
        None
    } else {
        Some(percent_decode(file)?)
    };
    Ok(Reference {
        file,
        pointer: format!("#{fragment}"),
    })
}

/// `scheme:` at the start (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`). One letter
/// is taken for a Windows drive (`C:`), not a scheme.
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    scheme.len() > 1
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Decodes `%XX` escapes. A `%` not followed by two hex digits is kept as it is.
pub(crate) fn percent_decode(s: &str) -> Result<String, ParseError> {
    if !s.contains('%') {
        return Ok(s.to_owned());
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let escaped = match (b, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&hi), Some(&lo)) => hex(hi).zip(hex(lo)).map(|(hi, lo)| hi * 16 + lo),
            _ => None,
        };
        match escaped {
            Some(decoded) => {
                out.push(decoded);
                i += 3;
            }
            None => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| {
        ParseError::Invalid(format!("percent-decoding `{s}` does not give UTF-8 text"))
    })
}

fn hex(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The reference tokens of a `#/a/b` pointer, unescaped (`~1` to `/`, then `~0` to `~`), or
/// `None` if it is not one. `#` alone has no tokens.
pub(crate) fn tokens(pointer: &str) -> Option<Vec<String>> {
    let rest = pointer.strip_prefix('#')?;
    if rest.is_empty() {
        return Some(Vec::new());
    }
    let rest = rest.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|t| t.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// Where a pointer lookup stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Miss {
    /// The pointer of the last value that exists (`#/definitions`).
    pub found: String,
    /// The token that was not there (`Pet`), unescaped.
    pub missing: String,
}

/// The value at `pointer` in `doc`; `Err(Some(miss))` names the first token that is not there,
/// `Err(None)` means the pointer is malformed (no leading `#` or `#/`).
pub(crate) fn lookup<'a>(doc: &'a Value, pointer: &str) -> Result<&'a Value, Option<Miss>> {
    let tokens = tokens(pointer).ok_or(None)?;
    let mut value = doc;
    let mut found = "#".to_owned();
    for token in tokens {
        let next = match value {
            Value::Object(map) => map.get(&token),
            Value::Array(items) => array_index(&token).and_then(|i| items.get(i)),
            _ => None,
        };
        match next {
            Some(next) => {
                value = next;
                found.push('/');
                found.push_str(&token.replace('~', "~0").replace('/', "~1"));
            }
            None => {
                return Err(Some(Miss {
                    found,
                    missing: token,
                }));
            }
        }
    }
    Ok(value)
}

/// An array index token: digits only, no leading zero (RFC 6901).
fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = token.len() > 1 && token.starts_with('0');
    if digits && !leading_zero {
        token.parse().ok()
    } else {
        None
    }
}

/// The file a reference names, relative to the directory of the referring file, normalized.
pub(crate) fn join(referrer: &Path, file: &str) -> PathBuf {
    let dir = referrer.parent().unwrap_or(Path::new(""));
    normalize(&dir.join(file))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn reference(file: Option<&str>, pointer: &str) -> Reference {
        Reference {
            file: file.map(str::to_owned),
            pointer: pointer.to_owned(),
        }
    }

    #[test]
    fn references_are_split_into_file_and_pointer() {
        assert_eq!(
            parse("#/definitions/X"),
            Ok(reference(None, "#/definitions/X"))
        );
        assert_eq!(
            parse("other.json#/a"),
            Ok(reference(Some("other.json"), "#/a"))
        );
        assert_eq!(
            parse("./examples/x.json"),
            Ok(reference(Some("./examples/x.json"), "#"))
        );
        assert_eq!(parse("x.yaml#"), Ok(reference(Some("x.yaml"), "#")));
        assert_eq!(parse("#"), Ok(reference(None, "#")));
    }

    #[test]
    fn urls_and_anchors_are_unsupported() {
        for r in [
            "https://example.com/a.json#/b",
            "http://x",
            "//host/a.json",
            "urn:x:y",
            "#foo",
        ] {
            assert!(matches!(parse(r), Err(ParseError::Unsupported(_))), "{r}");
        }
        // A Windows drive letter is a path.
        assert_eq!(
            parse("C:/specs/a.json"),
            Ok(reference(Some("C:/specs/a.json"), "#"))
        );
    }

    #[test]
    fn fragments_and_files_are_percent_decoded() {
        assert_eq!(
            parse("#/paths/~1v2~1%7Bname%7D"),
            Ok(reference(None, "#/paths/~1v2~1{name}"))
        );
        assert_eq!(
            parse("my%20file.json#/a%25"),
            Ok(reference(Some("my file.json"), "#/a%"))
        );
        assert_eq!(percent_decode("100%"), Ok("100%".to_owned()));
        assert_eq!(percent_decode("%zz%4"), Ok("%zz%4".to_owned()));
        assert!(matches!(percent_decode("%FF"), Err(ParseError::Invalid(_))));
    }

    #[test]
    fn tokens_unescape_tilde_one_before_tilde_zero() {
        assert_eq!(tokens("#/a~1b~0c"), Some(vec!["a/b~c".to_owned()]));
        // `~01` is `~1` literally, not `/`.
        assert_eq!(tokens("#/~01"), Some(vec!["~1".to_owned()]));
        assert_eq!(tokens("#"), Some(vec![]));
        assert_eq!(tokens("#/"), Some(vec![String::new()]));
        assert_eq!(tokens("#a"), None);
    }

    #[test]
    fn lookup_walks_objects_and_arrays() {
        let doc = json!({"a/b~c": {"list": [10, 20]}, "": 1});
        assert_eq!(lookup(&doc, "#/a~1b~0c/list/1"), Ok(&json!(20)));
        assert_eq!(lookup(&doc, "#/"), Ok(&json!(1)));
        assert_eq!(lookup(&doc, "#"), Ok(&doc));
        let miss = Miss {
            found: "#/a~1b~0c/list".to_owned(),
            missing: "01".to_owned(),
        };
        assert_eq!(lookup(&doc, "#/a~1b~0c/list/01"), Err(Some(miss)));
        assert!(lookup(&doc, "#/a~1b~0c/list/2").is_err());
        assert_eq!(lookup(&doc, "nope"), Err(None));
    }

    #[test]
    fn paths_are_normalized_lexically() {
        assert_eq!(
            normalize(Path::new("a/./b/../c.json")),
            PathBuf::from("a/c.json")
        );
        assert_eq!(
            normalize(Path::new("../x/../../y.json")),
            PathBuf::from("../../y.json")
        );
        assert_eq!(normalize(Path::new("/../a.json")), PathBuf::from("/a.json"));
        assert_eq!(
            join(Path::new("specs/v1/api.json"), "../common/t.json"),
            PathBuf::from("specs/common/t.json")
        );
        assert_eq!(
            join(Path::new("api.json"), "./x.json"),
            PathBuf::from("x.json")
        );
    }
}
