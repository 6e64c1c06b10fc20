//! Reading responses: typed headers, JSON and text bodies, and errors for unexpected statuses.

use std::fmt;
use std::str::FromStr;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;
use serde::de::DeserializeOwned;
use url::Url;

use super::error::MAX_ERROR_BODY;
use super::read::{read_body, read_prefix};
use super::Error;

/// What every response keeps besides its typed fields: the status, the headers and, for bodies
/// read into memory, the raw bytes. `Debug` leaves out the URL and the body, and shows the
/// values of credential headers (`Authorization`, `Set-Cookie`, `x-ms-refresh-token`, ...) as
/// `***`.
#[derive(Clone)]
pub struct ResponseParts {
    status: StatusCode,
    headers: HeaderMap,
    body: Bytes,
    url: Url,
}

impl ResponseParts {
    /// The parts of `response` (its body is not read).
    pub fn new(response: &reqwest::Response) -> Self {
        ResponseParts {
            status: response.status(),
            headers: response.headers().clone(),
            body: Bytes::new(),
            url: response.url().clone(),
        }
    }

    /// The URL that answered (what relative links in the response are relative to).
    pub(crate) fn url(&self) -> &Url {
        &self.url
    }

    /// The same parts, with the body that was read.
    pub fn with_body(mut self, body: Bytes) -> Self {
        self.body = body;
        self
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// All response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The raw body, when it was read into memory (empty otherwise).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The raw body as shared bytes.
    pub(crate) fn bytes(&self) -> &Bytes {
        &self.body
    }

    /// A typed header: `None` when it is absent, not text, or does not parse as `T`.
    pub fn header<T: FromStr>(&self, name: &str) -> Option<T> {
        self.headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse().ok())
    }

    /// Every header whose name starts with `prefix` (compared without case), by the rest of
    /// its name as received; the values of a repeated header are joined with `, `, and a value
    /// that is not text is left out.
    #[doc(hidden)]
    pub fn header_collection(&self, prefix: &str) -> std::collections::BTreeMap<String, String> {
        let mut collected = std::collections::BTreeMap::<String, String>::new();
        for (name, value) in &self.headers {
            let name = name.as_str();
            let Some(head) = name.get(..prefix.len()) else {
                continue;
            };
            let Ok(value) = value.to_str() else {
                continue;
            };
            if head.eq_ignore_ascii_case(prefix) {
                collected
                    .entry(name[prefix.len()..].to_owned())
                    .and_modify(|joined| {
                        joined.push_str(", ");
                        joined.push_str(value);
                    })
                    .or_insert_with(|| value.to_owned());
            }
        }
        collected
    }
}

impl fmt::Debug for ResponseParts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ResponseParts")
            .field("status", &self.status)
            .field("headers", &super::redact::Headers(&self.headers))
            .field("body_len", &self.body.len())
            .finish()
    }
}

/// Reads a JSON body (at most the client's limit on bodies read into memory:
/// [`super::ErrorKind::BodyTooLarge`] beyond it).
///
/// A server may answer a documented body with nothing at all (a `201` with no body and no
/// `Content-Type`). An empty body (or only whitespace) decodes as the empty value of `T`, as
/// AutoRest's clients return "no value": `null` when `T` allows it (an `Option`, any JSON value:
/// `serde_json::Value::Null`), else `{}` (a map, a model whose properties are all optional),
/// else `[]` (an array), else `""` (text). A `T` with no empty value (a number, a boolean, a
/// model with required properties) makes it a [`super::ErrorKind::Decode`] error that says the
/// body is empty, with the operation and the status.
pub async fn json<T: DeserializeOwned>(
    operation: &'static str,
    response: reqwest::Response,
) -> Result<(T, ResponseParts), Error> {
    read_json(operation, response, None).await
}

/// Reads a JSON body whose documented type is a constant (a closed enum of one value, whose
/// `Default` is that value): an empty body is the constant, as a required constant property
/// that a response leaves out is. Otherwise as [`json`].
pub async fn constant<T: DeserializeOwned + Default>(
    operation: &'static str,
    response: reqwest::Response,
) -> Result<(T, ResponseParts), Error> {
    read_json(operation, response, Some(T::default())).await
}

async fn read_json<T: DeserializeOwned>(
    operation: &'static str,
    response: reqwest::Response,
    constant: Option<T>,
) -> Result<(T, ResponseParts), Error> {
    let parts = ResponseParts::new(&response);
    let body = read_body(operation, response).await?;
    decode_json(operation, parts.with_body(body), constant)
}

/// Decodes the body that `parts` holds as JSON (as [`json`] or, with `constant`, as
/// [`constant`]).
pub(crate) fn decode_json<T: DeserializeOwned>(
    operation: &'static str,
    parts: ResponseParts,
    constant: Option<T>,
) -> Result<(T, ResponseParts), Error> {
    let body = &parts.body;
    let decoded: Result<T, Box<dyn std::error::Error + Send + Sync>> =
        if body.iter().all(u8::is_ascii_whitespace) {
            constant
                .or_else(|| {
                    [&b"null"[..], b"{}", b"[]", b"\"\""]
                        .into_iter()
                        .find_map(|empty| serde_json::from_slice(empty).ok())
                })
                .ok_or_else(|| "the body is empty, and the documented type needs a value".into())
        } else {
            serde_json::from_slice(body).map_err(Into::into)
        };
    match decoded {
        Ok(value) => Ok((value, parts)),
        Err(e) => Err(Error::decode(
            operation,
            parts.status,
            parts.headers,
            &parts.body,
            e,
        )),
    }
}

/// Reads a text body (invalid UTF-8 is a [`super::ErrorKind::Decode`] error; the limit of
/// [`json`] applies).
pub async fn text(
    operation: &'static str,
    response: reqwest::Response,
) -> Result<(String, ResponseParts), Error> {
    let parts = ResponseParts::new(&response);
    let body = read_body(operation, response).await?;
    decode_text(operation, parts.with_body(body))
}

/// Decodes the body that `parts` holds as text (as [`text`]).
pub(crate) fn decode_text(
    operation: &'static str,
    parts: ResponseParts,
) -> Result<(String, ResponseParts), Error> {
    match String::from_utf8(parts.body.to_vec()) {
        Ok(text) => Ok((text, parts)),
        Err(e) => Err(Error::decode(
            operation,
            parts.status,
            parts.headers,
            &parts.body,
            Box::new(e),
        )),
    }
}

/// Decodes a documented error body; `None` when it does not match.
pub fn error_model<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    serde_json::from_slice(body).ok()
}

/// How an operation decodes the error bodies it documents (status, body).
#[doc(hidden)]
pub type ErrorDecoder = fn(u16, &[u8]) -> Option<super::error::BoxedModel>;

/// The error for a status the operation does not accept. Reads at most [`MAX_ERROR_BODY`]
/// bytes of the body, and decodes it with `model` (status, body) when it is a documented error.
pub async fn unexpected_status<M>(
    operation: &'static str,
    mut response: reqwest::Response,
    model: ErrorDecoder,
) -> super::Error<M> {
    let status = response.status();
    let headers = response.headers().clone();
    let body = read_prefix(operation, &mut response, MAX_ERROR_BODY).await;
    let model = model(status.as_u16(), &body);
    Error::unexpected_status(operation, status, headers, body, model).cast()
}
