//! `WWW-Authenticate` challenges (RFC 7235): `Bearer realm="https://auth.example.com/token",
//! service="example.com",scope="repository:app:pull"`, `Basic realm="users"`.

use std::fmt;

use reqwest::header::{HeaderMap, WWW_AUTHENTICATE};

/// One challenge of a `WWW-Authenticate` header: a scheme and its parameters.
#[derive(Clone, PartialEq, Eq)]
pub struct Challenge {
    scheme: String,
    params: Vec<(String, String)>,
}

impl Challenge {
    /// A challenge with this scheme and these parameters (names are compared without case).
    pub fn new<N, V>(scheme: impl Into<String>, params: impl IntoIterator<Item = (N, V)>) -> Self
    where
        N: Into<String>,
        V: Into<String>,
    {
        Challenge {
            scheme: scheme.into(),
            params: params
                .into_iter()
                .map(|(name, value)| (name.into(), value.into()))
                .collect(),
        }
    }

    /// Every challenge of one header value, in order. Parts that are not challenges are
    /// skipped.
    pub fn parse(header: &str) -> Vec<Challenge> {
        let mut out: Vec<Challenge> = Vec::new();
        for part in split_outside_quotes(header) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let name_end = part
                .find(|c: char| c.is_whitespace() || c == '=')
                .unwrap_or(part.len());
            let (name, rest) = part.split_at(name_end);
            let rest = rest.trim_start();
            if let Some(value) = rest.strip_prefix('=') {
                // `name=value`: a parameter of the current challenge.
                if let Some(current) = out.last_mut() {
                    current
                        .params
                        .push((name.to_owned(), unquote(value.trim())));
                }
                continue;
            }
            // `Scheme` or `Scheme name=value`: a new challenge.
            let mut challenge = Challenge::new(name, Vec::<(String, String)>::new());
            if let Some((param, value)) = rest.split_once('=') {
                let param = param.trim();
                if !param.is_empty() && !value.starts_with('=') {
                    challenge
                        .params
                        .push((param.to_owned(), unquote(value.trim())));
                }
            }
            out.push(challenge);
        }
        out
    }

    /// Every challenge of every `WWW-Authenticate` header of a response.
    pub fn from_headers(headers: &HeaderMap) -> Vec<Challenge> {
        headers
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(Challenge::parse)
            .collect()
    }

    /// The scheme (`Bearer`, `Basic`), as sent.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// True when the scheme is `scheme`, without regard to case.
    pub fn is(&self, scheme: &str) -> bool {
        self.scheme.eq_ignore_ascii_case(scheme)
    }

    /// A parameter's value, by name (without regard to case).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `realm`: for `Bearer`, the URL of the token service.
    pub fn realm(&self) -> Option<&str> {
        self.param("realm")
    }

    /// `service`: the service the token is for.
    pub fn service(&self) -> Option<&str> {
        self.param("service")
    }

    /// `scope`: what the token must allow (several scopes are separated by spaces).
    pub fn scope(&self) -> Option<&str> {
        self.param("scope")
    }
}

impl fmt::Debug for Challenge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Challenge");
        debug.field("scheme", &self.scheme);
        for (name, value) in &self.params {
            debug.field(name, value);
        }
        debug.finish()
    }
}

/// Splits on commas that are not inside a quoted string.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (i, c) in text.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// A quoted string without its quotes and escapes, or a token as it is.
fn unquote(value: &str) -> String {
    let Some(inner) = value
        .strip_prefix('"')
        .map(|v| v.strip_suffix('"').unwrap_or(v))
    else {
        return value.to_owned();
    };
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(next) = chars.next() {
                out.push(next);
            }
        } else {
            out.push(c);
        }
    }
    out
}
