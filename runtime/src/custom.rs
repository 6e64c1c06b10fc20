//! Any request through the client's pipeline: [`CustomRequest`] (from `Client::request`) and
//! its [`CustomResponse`], for what the API description lacks.

use std::fmt;
use std::future::IntoFuture;

use bytes::Bytes;
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;

use super::read::read_body;
use super::response::unexpected_status;
use super::{Body, BoxFuture, ByteStream, Error, Request, ResponseParts};

/// What errors of a custom request are attributed to ([`Error::operation`]).
const OPERATION: &str = "custom request";

/// How a [`CustomRequest`] is sent: the client's own `send`.
#[doc(hidden)]
pub type Sender =
    Box<dyn FnOnce(Request) -> BoxFuture<Result<reqwest::Response, Error>> + Send + Sync>;

/// A request the API description lacks, sent through the client's pipeline like any
/// operation: with its credentials (and challenge answering), retries, timeouts, redirect and
/// cross-origin rules, and the same errors: a status outside `200`-`299` is an [`Error`]
/// ([`ErrorKind::UnexpectedStatus`](super::ErrorKind::UnexpectedStatus), or
/// [`ErrorKind::Auth`](super::ErrorKind::Auth) for `401`/`403`) with the status, headers and
/// the start of the body.
///
/// Made by `Client::request(method, path)`. The path is appended to the client's base URL as
/// it is (percent-encode values with [`encode_component`](super::encode_component)); an
/// absolute URL (`https://host/..`) or a scheme-relative one (`//host/..`) is used as a link
/// and must be on the client's scheme, host and port.
///
/// ```ignore
/// let tags = client
///     .request(reqwest::Method::GET, format!("/v2/{}/tags/list", encode_component(repo)))
///     .query("n", "100")
///     .await?
///     .json::<serde_json::Value>()
///     .await?;
/// ```
#[must_use = "a request does nothing until it is sent: `.await` it or call `send()`"]
pub struct CustomRequest {
    request: Result<Request, Error>,
    send: Sender,
}

impl CustomRequest {
    /// A request to `path` (relative to the base URL, or a link), sent with `send`.
    #[doc(hidden)]
    pub fn new(method: Method, path: &str, send: Sender) -> Self {
        let mut request = Request::new(OPERATION, "", method);
        let absolute = url::Url::parse(path).is_ok_and(|url| url.has_host());
        if path.starts_with("//") || absolute {
            request.link(path.to_owned());
        } else {
            if !path.starts_with('/') {
                request.path("/");
            }
            request.path(path);
        }
        CustomRequest {
            request: Ok(request),
            send,
        }
    }

    fn with(mut self, change: impl FnOnce(&mut Request) -> Result<(), Error>) -> Self {
        if let Ok(request) = &mut self.request {
            if let Err(error) = change(request) {
                self.request = Err(error);
            }
        }
        self
    }

    /// Adds a query pair (percent-encoded).
    pub fn query(self, name: &str, value: &str) -> Self {
        self.with(|request| {
            request.query_pair(name, value);
            Ok(())
        })
    }

    /// Adds a header (a name or value that cannot be sent fails the call with
    /// [`ErrorKind::InvalidParameter`](super::ErrorKind::InvalidParameter)). `Authorization`
    /// is set by the client's credentials unless given here.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.with(|request| request.append_header(name, value))
    }

    /// Sets the body, sent as it is with `content_type`.
    pub fn body(self, body: impl Into<Body>, content_type: &str) -> Self {
        let body = body.into();
        self.with(|request| request.body(body, content_type))
    }

    /// Sets a JSON body (`application/json`).
    pub fn json<T: Serialize + ?Sized>(self, value: &T) -> Self {
        self.with(|request| request.json("body", value, "application/json"))
    }

    /// Sends the request; a status outside `200`-`299` is an error.
    ///
    /// # Errors
    ///
    /// As for any operation: the request cannot be built or sent, or the status is not a
    /// success.
    pub async fn send(self) -> Result<CustomResponse, Error> {
        let response = (self.send)(self.request?).await?;
        if !response.status().is_success() {
            return Err(unexpected_status(OPERATION, response, |_, _| None).await);
        }
        Ok(CustomResponse {
            parts: ResponseParts::new(&response),
            response,
        })
    }
}

impl IntoFuture for CustomRequest {
    type Output = Result<CustomResponse, Error>;
    type IntoFuture = BoxFuture<Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl fmt::Debug for CustomRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomRequest").finish_non_exhaustive()
    }
}

/// The successful answer to a [`CustomRequest`]: its status and headers, and its body, not
/// read yet.
pub struct CustomResponse {
    parts: ResponseParts,
    response: reqwest::Response,
}

impl CustomResponse {
    /// The HTTP status.
    pub fn status(&self) -> reqwest::StatusCode {
        self.parts.status()
    }

    /// All response headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        self.parts.headers()
    }

    /// A typed header: `None` when it is absent, not text, or does not parse as `T`.
    pub fn header<T: std::str::FromStr>(&self, name: &str) -> Option<T> {
        self.parts.header(name)
    }

    /// The body, streamed (no size limit).
    pub fn into_body(self) -> ByteStream {
        ByteStream::new(OPERATION, self.response)
    }

    /// The body read into memory (at most the client's limit:
    /// [`ErrorKind::BodyTooLarge`](super::ErrorKind::BodyTooLarge) beyond it).
    ///
    /// # Errors
    ///
    /// Fails when the body cannot be read or is too large.
    pub async fn bytes(self) -> Result<Bytes, Error> {
        read_body(OPERATION, self.response).await
    }

    /// The body decoded from JSON (the limit of [`bytes`](Self::bytes) applies).
    ///
    /// # Errors
    ///
    /// Fails when the body cannot be read, is too large, or does not decode as `T`
    /// ([`ErrorKind::Decode`](super::ErrorKind::Decode)).
    pub async fn json<T: DeserializeOwned>(self) -> Result<T, Error> {
        super::response::json(OPERATION, self.response)
            .await
            .map(|(value, _)| value)
    }
}

impl fmt::Debug for CustomResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CustomResponse")
            .field("status", &self.parts.status())
            .field("headers", &super::redact::Headers(self.parts.headers()))
            .finish_non_exhaustive()
    }
}
