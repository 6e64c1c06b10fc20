//! The HTTP pipeline: base URLs, and sending a [`Request`]. Authentication, retries and other
//! policies belong here.

use std::fmt;

use url::Url;

use super::request::{RequestBody, encode_component};
use super::{Error, Request};

/// A value for one `{placeholder}` of a host template.
#[derive(Debug, Clone, Copy)]
pub struct HostValue<'a> {
    /// The placeholder's name, without braces.
    pub name: &'static str,
    /// The value.
    pub value: &'a str,
    /// Put in verbatim (`x-ms-skip-url-encoding`) rather than percent-encoded.
    pub verbatim: bool,
}

/// Makes a base URL from a host template (`{url}`, `https://{account}.example.com`), its values,
/// the scheme rule and the base path.
///
/// With `scheme_prefix`, `https://` is put in front unless the result already has a scheme.
pub fn host_url(
    template: &str,
    values: &[HostValue<'_>],
    scheme_prefix: bool,
    base_path: &str,
) -> Result<Url, Error> {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        match values.iter().find(|v| v.name == name) {
            Some(v) if v.verbatim => text.push_str(v.value),
            Some(v) => text.push_str(&encode_component(v.value)),
            None => {
                return Err(Error::invalid_url(
                    None,
                    format!("no value for host parameter `{name}`"),
                    None,
                ));
            }
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    if scheme_prefix && !text.contains("://") {
        text.insert_str(0, "https://");
    }
    base_url(&text, base_path)
}

/// Parses and checks a base URL (`text`, then `base_path`): absolute, `http` or `https`, no
/// query or fragment.
pub fn base_url(text: &str, base_path: &str) -> Result<Url, Error> {
    let text = format!("{}{base_path}", text.trim_end_matches('/'));
    let url = Url::parse(&text)
        .map_err(|e| Error::invalid_url(None, "the base URL is not a valid URL", Some(e)))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid_url(
            None,
            "the base URL must use http or https",
            None,
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid_url(
            None,
            "the base URL must not have a query or a fragment",
            None,
        ));
    }
    Ok(url)
}

/// The base URL with any user name and password removed, for `Debug` output.
pub fn redacted(url: &Url) -> String {
    let mut url = url.clone();
    // Neither call fails on an http(s) URL; an error would leave the URL as it was.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// Sends requests: the HTTP client and, later, the policies around it.
#[derive(Clone)]
pub struct Pipeline {
    http: reqwest::Client,
}

impl Pipeline {
    /// A pipeline over `http`, or over a default client (with this crate's `User-Agent`).
    pub fn new(http: Option<reqwest::Client>) -> Result<Self, Error> {
        let http = match http {
            Some(http) => http,
            None => reqwest::Client::builder()
                .user_agent(concat!(
                    env!("CARGO_PKG_NAME"),
                    "/",
                    env!("CARGO_PKG_VERSION")
                ))
                .build()
                .map_err(|e| Error::transport(None, e))?,
        };
        Ok(Pipeline { http })
    }

    /// Sends `request` to `base` (a base URL, possibly with a path, no trailing `/` needed).
    pub async fn send(&self, base: &str, request: Request) -> Result<reqwest::Response, Error> {
        let operation = request.operation();
        let text = request.url(base.trim_end_matches('/'));
        let url = Url::parse(&text).map_err(|e| {
            Error::invalid_url(Some(operation), "the request URL is not valid", Some(e))
        })?;
        let (method, headers, body) = request.into_parts();
        let mut builder = self.http.request(method, url).headers(headers);
        builder = match body {
            None => builder,
            Some(RequestBody::Bytes(body)) => builder.body(body),
            Some(RequestBody::Multipart(form)) => builder.multipart(form),
        };
        builder
            .send()
            .await
            .map_err(|e| Error::transport(Some(operation), e))
    }
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline").finish_non_exhaustive()
    }
}
