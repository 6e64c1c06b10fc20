//! What `Debug` and `Display` leave out: the values of headers, JSON members and fields whose
//! name says they carry a secret (`secret_names.rs`), printed `***`.
//!
//! - [`Headers`]: a header map as `Debug` shows it, with credential headers (`Authorization`,
//!   `Cookie`, `Set-Cookie`, `x-ms-refresh-token`, any name with `token`, `key`, `secret`,
//!   `signature`, `password`, ...) and values marked sensitive shown as `***`.
//! - [`body`]: a response body as an error shows it: the string values of secret-named JSON
//!   members become `***`, and so does every other occurrence of those values in the body (a
//!   key repeated in a message). A body that is not JSON, or is cut, is scanned for
//!   `"name": "value"` pairs the same way.
//! - [`Redacted`]: what generated `Debug` impls print for a secret field.

use std::fmt;

use reqwest::header::HeaderMap;

use super::secret_names::is_secret_name;

/// What a secret is printed as.
pub(crate) const MASK: &str = "***";

/// Secrets shorter than this are masked where they are named, not elsewhere in a body (where
/// `"1"` or `"true"` would mask too much).
const MIN_REPEATED: usize = 6;

/// A secret value: its `Debug` is `***`. Generated `Debug` impls print it in place of a field
/// that carries a credential (`access_token`, `refresh_token`, `password`, ...).
#[doc(hidden)]
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(MASK)
    }
}

/// A header map whose `Debug` hides credentials.
pub(crate) struct Headers<'a>(pub &'a HeaderMap);

impl fmt::Debug for Headers<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if value.is_sensitive() || is_secret_name(name.as_str()) {
                map.entry(&name.as_str(), &Redacted);
            } else {
                map.entry(&name.as_str(), value);
            }
        }
        map.finish()
    }
}

/// A body with its secrets masked, and the secrets found (to mask them in other text made
/// from the same body: a decoded model's `Debug`, a decoder's message).
pub(crate) struct Body {
    pub text: String,
    pub secrets: Vec<String>,
}

impl Body {
    /// `text` with every secret found in the body masked.
    pub(crate) fn mask(&self, text: &str) -> String {
        mask_all(text, &self.secrets)
    }
}

/// `body` (as text, invalid UTF-8 replaced) with the values of secret-named members masked.
pub(crate) fn body(body: &[u8]) -> Body {
    if let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) {
        let mut secrets = Vec::new();
        if take_secrets(&mut value, &mut secrets) {
            let secrets = repeated(secrets);
            mask_value(&mut value, &secrets);
            return Body {
                text: value.to_string(),
                secrets,
            };
        }
        return Body {
            text: String::from_utf8_lossy(body).into_owned(),
            secrets: Vec::new(),
        };
    }
    let text = String::from_utf8_lossy(body);
    let (text, secrets) = scan(&text);
    let secrets = repeated(secrets);
    Body {
        text: mask_all(&text, &secrets),
        secrets,
    }
}

/// Masks the values of secret-named members of `value` (at any depth), collecting their
/// strings; true when there was any.
fn take_secrets(value: &mut serde_json::Value, secrets: &mut Vec<String>) -> bool {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let mut found = false;
            for (name, member) in map.iter_mut() {
                if is_secret_name(name) && !member.is_null() {
                    strings(member, secrets);
                    *member = Value::String(MASK.to_owned());
                    found = true;
                } else {
                    found |= take_secrets(member, secrets);
                }
            }
            found
        }
        Value::Array(items) => items
            .iter_mut()
            .fold(false, |found, item| take_secrets(item, secrets) | found),
        _ => false,
    }
}

/// Every string in `value`.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    use serde_json::Value;
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The secrets long enough to mask wherever they appear, longest first.
fn repeated(mut secrets: Vec<String>) -> Vec<String> {
    secrets.retain(|s| s.chars().count() >= MIN_REPEATED);
    secrets.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    secrets.dedup();
    secrets
}

fn mask_value(value: &mut serde_json::Value, secrets: &[String]) {
    use serde_json::Value;
    match value {
        Value::String(s) if secrets.iter().any(|secret| s.contains(secret.as_str())) => {
            *s = mask_all(s, secrets);
        }
        Value::Array(items) => items.iter_mut().for_each(|v| mask_value(v, secrets)),
        Value::Object(map) => map.values_mut().for_each(|v| mask_value(v, secrets)),
        _ => {}
    }
}

/// `text` with each secret (as it is, and as `Debug` escapes it) replaced by `***`.
pub(crate) fn mask_all(text: &str, secrets: &[String]) -> String {
    let mut text = text.to_owned();
    for secret in secrets {
        text = text.replace(secret.as_str(), MASK);
        let escaped = format!("{secret:?}");
        let escaped = &escaped[1..escaped.len() - 1];
        if escaped != secret {
            text = text.replace(escaped, MASK);
        }
    }
    text
}

/// For text that is not whole JSON: masks the string value of each `"name": "value"` pair
/// whose name is a secret's; the masked text and the values.
fn scan(text: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(text.len());
    let mut secrets = Vec::new();
    let mut rest = text;
    // The content of the last string literal, when only whitespace followed it.
    let mut last: Option<String> = None;
    let mut after_colon: Option<String> = None;
    while let Some(c) = rest.chars().next() {
        if c == '"' {
            let end = literal_end(rest);
            let literal = &rest[..end];
            let content = literal[1..].strip_suffix('"').unwrap_or(&literal[1..]);
            match after_colon.take() {
                Some(name) if is_secret_name(&name) => {
                    secrets.push(content.to_owned());
                    out.push('"');
                    out.push_str(MASK);
                    if literal.len() > 1 && literal.ends_with('"') {
                        out.push('"');
                    }
                    last = None;
                }
                _ => {
                    out.push_str(literal);
                    last = Some(content.to_owned());
                }
            }
            rest = &rest[end..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
        if c == ':' {
            after_colon = last.take();
        } else if !c.is_whitespace() {
            last = None;
            after_colon = None;
        }
    }
    (out, secrets)
}

/// The length of the string literal at the start of `text` (its closing quote included, or
/// the rest of the text when it is cut).
fn literal_end(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => return i + 1,
            _ => {}
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_members_and_their_repetitions_are_masked() {
        let body = br#"{"error":{"message":"key 1c88a679 refused","token":"1c88a679"},"primaryKey":"1c88a679","connectionString":"Key1=1c88a679","code":"Unauthorized"}"#;
        let redacted = super::body(body);
        assert!(!redacted.text.contains("1c88a679"), "{}", redacted.text);
        assert!(redacted.text.contains("Unauthorized"), "{}", redacted.text);
        assert!(
            redacted.text.contains("key *** refused"),
            "{}",
            redacted.text
        );
    }

    #[test]
    fn a_cut_body_is_scanned() {
        let body = br#"{"access_token": "abcdefgh", "note": "abcdefgh", "refresh_token": "zz"#;
        let redacted = super::body(body);
        assert_eq!(
            redacted.text,
            r#"{"access_token": "***", "note": "***", "refresh_token": "***"#
        );
    }

    #[test]
    fn a_body_without_secrets_is_kept_as_it_is() {
        let body = br#"{ "code": "NotFound", "token_type": "Bearer" }"#;
        assert_eq!(super::body(body).text, String::from_utf8_lossy(body));
    }

    #[test]
    fn secret_names() {
        for name in [
            "access_token",
            "refresh_token",
            "x-ms-refresh-token",
            "Authorization",
            "proxy-authorization",
            "Set-Cookie",
            "cookie",
            "client_secret",
            "password",
            "primaryKey",
            "x-api-key",
            "connectionString",
            "x-amz-signature",
            "sig",
        ] {
            assert!(is_secret_name(name), "{name}");
        }
        for name in [
            "token_type",
            "keyName",
            "key_id",
            "tokenUrl",
            "expires_in",
            "scope",
            "content-type",
            "www-authenticate",
            "x-ms-request-id",
            "message",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
    }
}
