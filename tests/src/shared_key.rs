//! The Azure Storage `SharedKey` scheme for Blob and Queue, written as a user of a generated
//! client would write it: a plain function (method, URL, headers in; the `Authorization` value
//! out), and [`SharedKeyPolicy`], the same as a per-try [`restwire::Policy`] that signs each
//! request as it goes on the wire:
//!
//! ```no_run
//! # fn example() -> Result<(), azure_storage_blob::Error> {
//! use tests::shared_key::{SharedKeyPolicy, DEV_ACCOUNT, DEV_KEY};
//! let client = azure_storage_blob::Client::builder("http://127.0.0.1:10000/devstoreaccount1")
//!     .per_try_policy(SharedKeyPolicy::new(DEV_ACCOUNT, DEV_KEY))
//!     .build()?;
//! # Ok(())
//! # }
//! ```
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
use std::fmt;

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

/// The `x-ms-version` a [`SharedKeyPolicy`] sends when the request has none.
pub const DEFAULT_VERSION: &str = "2021-10-04";

/// A per-try [`restwire::Policy`] (`ClientBuilder::per_try_policy`) signing every request with
/// `SharedKey`: it sets `x-ms-date` (now) and `x-ms-version` ([`DEFAULT_VERSION`]) when the
/// request has none, then `Authorization` from every header the request goes with. Per try,
/// because only there is the request final (its `Content-Length` known, its query complete),
/// and each retry needs a fresh date and signature.
#[derive(Clone)]
pub struct SharedKeyPolicy {
    account: String,
    key: String,
}

impl SharedKeyPolicy {
    /// The policy of `account`, its `key` in base64.
    pub fn new(account: impl Into<String>, key: impl Into<String>) -> Self {
        SharedKeyPolicy {
            account: account.into(),
            key: key.into(),
        }
    }

    /// Adds `x-ms-date` and `x-ms-version` when missing, then `Authorization`.
    pub fn sign(&self, request: &mut reqwest::Request) -> Result<(), String> {
        let headers = request.headers_mut();
        if !headers.contains_key("x-ms-date") {
            let date = rfc1123_now();
            headers.insert(
                "x-ms-date",
                date.parse().map_err(|e| format!("x-ms-date: {e}"))?,
            );
        }
        if !headers.contains_key("x-ms-version") {
            headers.insert(
                "x-ms-version",
                reqwest::header::HeaderValue::from_static(DEFAULT_VERSION),
            );
        }
        headers.remove(reqwest::header::AUTHORIZATION);
        let mut pairs = Vec::with_capacity(request.headers().len());
        for (name, value) in request.headers() {
            let value = value
                .to_str()
                .map_err(|_| format!("the `{name}` header is not visible ASCII"))?;
            pairs.push((name.as_str(), value));
        }
        let auth = authorization(
            &self.account,
            &self.key,
            request.method().as_str(),
            request.url().as_str(),
            &pairs,
        )?;
        let value = auth.parse().map_err(|e| format!("authorization: {e}"))?;
        request
            .headers_mut()
            .insert(reqwest::header::AUTHORIZATION, value);
        Ok(())
    }
}

impl fmt::Debug for SharedKeyPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Never the key.
        f.debug_struct("SharedKeyPolicy")
            .field("account", &self.account)
            .finish_non_exhaustive()
    }
}

impl restwire::Policy for SharedKeyPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a restwire::Context,
        mut request: reqwest::Request,
        next: restwire::Next<'a>,
    ) -> restwire::PolicyFuture<'a> {
        if let Err(e) = self.sign(&mut request) {
            return Box::pin(async move {
                Err(restwire::Error::policy(format!("SharedKey: {e}"), None))
            });
        }
        next.run(ctx, request)
    }
}

/// Now, as `x-ms-date` wants it (RFC 1123, GMT).
pub fn rfc1123_now() -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::OffsetDateTime::now_utc()
        .format(&format)
        .expect("a date")
}
