//! The Azure Storage `SharedKey` scheme for Blob and Queue, written as a user of a generated
//! client would write it (a plain function: method, URL, headers in; the `Authorization`
//! value out), to be wired into the client as a request policy once the runtime takes them.
//!
//! The string to sign (learn.microsoft.com, "Authorize with Shared Key", version 2009-09-19
//! and later): the method, then the values of eleven standard headers one a line
//! (`Content-Encoding`, `Content-Language`, `Content-Length` (empty when `0`), `Content-MD5`,
//! `Content-Type`, `Date` (empty when `x-ms-date` is sent), `If-Modified-Since`, `If-Match`,
//! `If-None-Match`, `If-Unmodified-Since`, `Range`), then each `x-ms-*` header as
//! `name:value\n` (names lower case and sorted, values trimmed, repeated ones joined with `,`),
//! then the canonical resource: `/<account><URL path>` and each query parameter as
//! `\nname:value` (names lower case and sorted, values decoded, repeated ones sorted and
//! joined with `,`). The signature is the base64 HMAC-SHA256 of it, keyed by the decoded
//! account key. Every header the request is sent with must be given here: one added later
//! (a `Content-Type`, a `Content-Length` computed at send time) breaks the signature.

use std::collections::BTreeMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The emulator's well-known account (Azurite, the Storage Emulator).
pub const DEV_ACCOUNT: &str = "devstoreaccount1";

/// The well-known account's published key (base64).
pub const DEV_KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

/// The standard headers of the string to sign, in order.
const STANDARD_HEADERS: [&str; 11] = [
    "content-encoding",
    "content-language",
    "content-length",
    "content-md5",
    "content-type",
    "date",
    "if-modified-since",
    "if-match",
    "if-none-match",
    "if-unmodified-since",
    "range",
];

/// The `Authorization` header value, `SharedKey <account>:<signature>`, of a request to `url`
/// with `method` and `headers` (every header it is sent with, `x-ms-date` and `x-ms-version`
/// among them). Fails when the key is not base64 or the URL does not parse.
pub fn authorization(
    account: &str,
    key: &str,
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
) -> Result<String, String> {
    let key = STANDARD
        .decode(key)
        .map_err(|e| format!("the key is not base64: {e}"))?;
    let url = url::Url::parse(url).map_err(|e| format!("`{url}`: {e}"))?;
    let text = string_to_sign(account, method, &url, headers);
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).map_err(|e| e.to_string())?;
    mac.update(text.as_bytes());
    let signature = STANDARD.encode(mac.finalize().into_bytes());
    Ok(format!("SharedKey {account}:{signature}"))
}

/// The string to sign (see the module documentation).
pub fn string_to_sign(
    account: &str,
    method: &str,
    url: &url::Url,
    headers: &[(&str, &str)],
) -> String {
    let value = |name: &str| -> String {
        let values: Vec<&str> = headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        values.join(",")
    };
    let has_ms_date = headers
        .iter()
        .any(|(n, _)| n.eq_ignore_ascii_case("x-ms-date"));
    let mut text = method.to_ascii_uppercase();
    for name in STANDARD_HEADERS {
        let v = match name {
            "content-length" if value(name) == "0" => String::new(),
            "date" if has_ms_date => String::new(),
            _ => value(name),
        };
        text.push('\n');
        text.push_str(&v);
    }
    text.push('\n');
    let mut ms: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (name, v) in headers {
        let name = name.to_ascii_lowercase();
        if name.starts_with("x-ms-") {
            ms.entry(name).or_default().push(v.trim());
        }
    }
    for (name, values) in ms {
        text.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    text.push_str(&format!("/{account}{}", url.path()));
    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (name, v) in url.query_pairs() {
        query
            .entry(name.to_lowercase())
            .or_default()
            .push(v.into_owned());
    }
    for (name, mut values) in query {
        values.sort();
        text.push_str(&format!("\n{name}:{}", values.join(",")));
    }
    text
}
