//! Azure Storage `SharedKey` signing as a per-try [`restwire::Policy`], for the Queue and Table
//! clients (`ClientBuilder::per_try_policy`): a per-try policy sees the request exactly as it is
//! sent (final URL and query, every header, `Content-Length` included), which is what the
//! signature covers.
//!
//! Each request gets `x-ms-date` (now, RFC 1123) and, when the operation did not set one,
//! `x-ms-version`; then `Authorization: SharedKey <account>:<signature>`, replacing any.
//!
//! Two strings to sign (learn.microsoft.com, "Authorize with Shared Key", 2009-09-19 and later):
//!
//! - Blob and Queue ([`Scheme::BlobQueue`]): the full form of [`super::shared_key`].
//! - Table ([`Scheme::Table`]): `VERB\nContent-MD5\nContent-Type\nDate\nCanonicalizedResource`,
//!   where `Date` is the `x-ms-date` value when that header is sent, no `x-ms-*` header is
//!   signed, and the canonical resource is `/<account><URL path>` followed by `?comp=<value>`
//!   when the query has `comp`, and no other query parameter.
//! - Table, `SharedKeyLite` ([`Scheme::TableLite`]): `Date\nCanonicalizedResource`, the same
//!   two values.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use restwire::{Context, Next, Policy, PolicyFuture};
use sha2::Sha256;

use super::shared_key;

/// Which string to sign, and so which `Authorization` scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// `SharedKey`, Blob and Queue form.
    BlobQueue,
    /// `SharedKey`, Table form.
    Table,
    /// `SharedKeyLite`, Table form.
    TableLite,
}

/// Signs every try of a request with the account's key.
#[derive(Clone)]
pub struct SharedKeyPolicy {
    account: String,
    key: Vec<u8>,
    scheme: Scheme,
    version: String,
}

impl fmt::Debug for SharedKeyPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedKeyPolicy")
            .field("account", &self.account)
            .field("scheme", &self.scheme)
            .field("version", &self.version)
            .finish_non_exhaustive()
    }
}

impl SharedKeyPolicy {
    /// A Queue (or Blob) signer; `x-ms-version` `2019-02-02` unless the operation sets one.
    pub fn queue(account: &str, key: &str) -> SharedKeyPolicy {
        SharedKeyPolicy::new(account, key, Scheme::BlobQueue, "2019-02-02")
    }

    /// A Table signer (`SharedKey`); `x-ms-version` `2019-02-02` unless the operation sets one.
    pub fn table(account: &str, key: &str) -> SharedKeyPolicy {
        SharedKeyPolicy::new(account, key, Scheme::Table, "2019-02-02")
    }

    /// A Table signer with `SharedKeyLite`.
    pub fn table_lite(account: &str, key: &str) -> SharedKeyPolicy {
        SharedKeyPolicy::new(account, key, Scheme::TableLite, "2019-02-02")
    }

    /// The emulator's well-known account, for `scheme`.
    pub fn dev(scheme: Scheme) -> SharedKeyPolicy {
        SharedKeyPolicy::new(
            shared_key::DEV_ACCOUNT,
            shared_key::DEV_KEY,
            scheme,
            "2019-02-02",
        )
    }

    /// A signer; panics when `key` is not base64 (a test's constant).
    pub fn new(account: &str, key: &str, scheme: Scheme, version: &str) -> SharedKeyPolicy {
        SharedKeyPolicy {
            account: account.to_owned(),
            key: STANDARD.decode(key).expect("the account key is base64"),
            scheme,
            version: version.to_owned(),
        }
    }

    /// The `Authorization` value of a request with these parts, `headers` being every header
    /// it is sent with.
    pub fn authorization(&self, method: &str, url: &url::Url, headers: &[(&str, &str)]) -> String {
        let text = self.string_to_sign(method, url, headers);
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("any key length");
        mac.update(text.as_bytes());
        let signature = STANDARD.encode(mac.finalize().into_bytes());
        let name = match self.scheme {
            Scheme::BlobQueue | Scheme::Table => "SharedKey",
            Scheme::TableLite => "SharedKeyLite",
        };
        format!("{name} {}:{signature}", self.account)
    }

    /// The string to sign (see the module documentation).
    pub fn string_to_sign(&self, method: &str, url: &url::Url, headers: &[(&str, &str)]) -> String {
        match self.scheme {
            Scheme::BlobQueue => shared_key::string_to_sign(&self.account, method, url, headers),
            Scheme::Table => format!(
                "{}\n{}\n{}\n{}\n{}",
                method.to_ascii_uppercase(),
                value(headers, "content-md5"),
                value(headers, "content-type"),
                date(headers),
                table_resource(&self.account, url)
            ),
            Scheme::TableLite => {
                format!("{}\n{}", date(headers), table_resource(&self.account, url))
            }
        }
    }
}

/// The values of the header `name`, trimmed and joined with `,` (empty when it is not sent).
fn value(headers: &[(&str, &str)], name: &str) -> String {
    headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.trim())
        .collect::<Vec<_>>()
        .join(",")
}

/// `x-ms-date` when it is sent, else `Date`.
fn date(headers: &[(&str, &str)]) -> String {
    let ms = value(headers, "x-ms-date");
    if ms.is_empty() {
        value(headers, "date")
    } else {
        ms
    }
}

/// `/<account><path>`, then `?comp=<value>` when the query has `comp`.
fn table_resource(account: &str, url: &url::Url) -> String {
    let mut resource = format!("/{account}{}", url.path());
    if let Some((_, comp)) = url.query_pairs().find(|(n, _)| n == "comp") {
        resource.push_str(&format!("?comp={comp}"));
    }
    resource
}

impl Policy for SharedKeyPolicy {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        mut request: reqwest::Request,
        next: Next<'a>,
    ) -> PolicyFuture<'a> {
        let signed = (|| {
            let headers = request.headers_mut();
            headers.insert("x-ms-date", shared_key::rfc1123_now().parse()?);
            if !headers.contains_key("x-ms-version") {
                headers.insert("x-ms-version", self.version.parse()?);
            }
            headers.remove(reqwest::header::AUTHORIZATION);
            let mut pairs = Vec::new();
            for (name, value) in request.headers() {
                pairs.push((name.as_str(), value.to_str()?));
            }
            let auth = self.authorization(request.method().as_str(), request.url(), &pairs);
            let auth: reqwest::header::HeaderValue = auth.parse()?;
            request
                .headers_mut()
                .insert(reqwest::header::AUTHORIZATION, auth);
            Ok::<_, Box<dyn std::error::Error + Send + Sync>>(request)
        })();
        match signed {
            Ok(request) => next.run(ctx, request),
            Err(e) => {
                Box::pin(
                    async move { Err(restwire::Error::policy("cannot sign the request", Some(e))) },
                )
            }
        }
    }
}
