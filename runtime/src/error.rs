//! The one error type of every generated client: [`Error`], typed by the client's error
//! model (`Error<M>`), and convertible into the plain [`Error`] that any client's errors share.

use std::any::Any;
use std::fmt;
use std::marker::PhantomData;

use bytes::Bytes;
use reqwest::header::HeaderMap;
use reqwest::StatusCode;

/// How much of an error response body an [`Error`] keeps, in bytes.
pub const MAX_ERROR_BODY: usize = 64 * 1024;

/// How much of a response body `Display` shows, in bytes.
const DISPLAY_SNIPPET: usize = 256;

/// What kind of failure an [`Error`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request could not be sent, or the response could not be read (connection refused,
    /// TLS failure, reset, ...), or the server redirected more than 10 times ("too many
    /// redirects"). [`std::error::Error::source`] has the cause.
    Transport,
    /// The request, or reading the response, took longer than the client's timeout (or the
    /// connection could not be made within the connect timeout, or the server sent nothing for
    /// longer than the read timeout, or a response body arrived slower than the minimum
    /// throughput).
    Timeout,
    /// A valid URL could not be made from the base URL and the parameters.
    InvalidUrl,
    /// A URL given by the caller or the server (an upload link, a `Link` to the next page, a
    /// redirect to follow with a body) points to another scheme, host or port than the client's
    /// base URL. Nothing was sent to it.
    CrossOrigin,
    /// Authentication failed: the server answered `401` or `403` after the client answered
    /// its challenge (or had nothing to answer it with), a token service refused the
    /// credentials or answered something that is not a token, or the credentials cannot be
    /// sent (a token with a line break). [`Error::status`], [`Error::body`] and
    /// [`Error::model`] tell more when the server answered.
    Auth,
    /// A response body to be read into memory is larger than the client's limit
    /// (`ClientBuilder::max_body_size`). Nothing more of it was read; [`Error::status`] and
    /// [`Error::headers`] are set. Streamed bodies ([`super::ByteStream`]) have no limit.
    BodyTooLarge,
    /// A body's digest is not the one expected (the `runtime::digest` helpers).
    DigestMismatch,
    /// A local file could not be read (see [`super::Body::from_path`]).
    Io,
    /// A parameter value cannot go on the wire (a header value with a line break, a body that
    /// cannot be serialized, ...). [`Error::parameter`] names it.
    InvalidParameter,
    /// The server answered with a status that the operation does not document as a success
    /// (but `401` and `403` are [`ErrorKind::Auth`]).
    /// [`Error::status`], [`Error::headers`], [`Error::body`] and [`Error::model`] tell more.
    UnexpectedStatus,
    /// The response has a documented status, but its body is not what the operation documents.
    Decode,
    /// A long-running operation ended `Failed`. [`Error::status`], [`Error::headers`],
    /// [`Error::body`] are those of the response that said so, and [`Error::model`] the
    /// service's error in it (its `error` member, or the whole body).
    OperationFailed,
    /// A long-running operation ended `Canceled` (the details as for
    /// [`ErrorKind::OperationFailed`]).
    OperationCanceled,
    /// A [`Policy`](super::Policy) of the client failed the request ([`Error::policy`]).
    Policy,
}

/// The error body a generated client decodes from an error response: its `ErrorModel` enum.
///
/// Generated crates implement it; [`Error::model`] is typed by it.
pub trait ErrorModel: fmt::Debug + Send + Sync + 'static {
    /// The service's error code in the body (a `code` property), when the model has one.
    fn code(&self) -> Option<&str> {
        None
    }
}

/// The model parameter of an [`Error`] that may come from any client: such an error has no
/// typed [`Error::model`], but [`Error::model_as`] reads the model of the client that failed.
/// Every `Error<M>` converts into it (`?`), and it converts back into any `Error<M>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnyModel {}

/// A decoded error model, whatever its client.
#[doc(hidden)]
pub type BoxedModel = Box<dyn DynModel>;

/// What an error model is to the error that carries it.
#[doc(hidden)]
pub trait DynModel: Any + fmt::Debug + Send + Sync {
    /// [`ErrorModel::code`].
    fn code(&self) -> Option<&str>;
}

impl<T: ErrorModel> DynModel for T {
    fn code(&self) -> Option<&str> {
        ErrorModel::code(self)
    }
}

/// A decoded model as an error carries it (generated error decoders end with it).
#[doc(hidden)]
pub fn boxed_model<M: ErrorModel>(model: M) -> BoxedModel {
    Box::new(model)
}

/// An error from a generated client.
///
/// `M` is the client's error model (`Error<its ErrorModel>`, what its operations return); the
/// plain `Error` (`Error<AnyModel>`) is what the errors of all clients convert into with `?`.
///
/// It is one pointer wide. `Display` and `Debug` never show request URLs, request headers or
/// request bodies (where credentials live); they show the operation, the status and up to 256
/// bytes of the response body, with the values of its secret-named JSON members
/// (`access_token`, `password`, `primaryKey`, `connectionString`, ...) and every repetition of
/// them in the body shown as `***`. [`Error::body`] is the body as received.
pub struct Error<M = AnyModel> {
    inner: Box<Inner>,
    model: PhantomData<fn() -> M>,
}

struct Inner {
    kind: ErrorKind,
    operation: Option<&'static str>,
    parameter: Option<&'static str>,
    message: String,
    status: Option<StatusCode>,
    headers: Option<HeaderMap>,
    body: Option<Bytes>,
    model: Option<BoxedModel>,
    source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Error {
    pub(super) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            model: PhantomData,
            inner: Box::new(Inner {
                kind,
                operation: None,
                parameter: None,
                message: message.into(),
                status: None,
                headers: None,
                body: None,
                model: None,
                source: None,
            }),
        }
    }

    /// A transport error ([`ErrorKind::Timeout`] when it is one). The URL is dropped from the
    /// source, so it is never printed.
    pub(crate) fn transport(operation: Option<&'static str>, source: reqwest::Error) -> Self {
        let (kind, message) = if source.is_timeout() {
            (ErrorKind::Timeout, "the request timed out")
        } else if source.is_connect() {
            (ErrorKind::Transport, "could not connect to the server")
        } else if source.is_body() {
            (ErrorKind::Transport, "the request or response body failed")
        } else {
            (ErrorKind::Transport, "the HTTP exchange failed")
        };
        let mut error = Error::new(kind, message);
        error.inner.operation = operation;
        error.inner.status = source.status();
        error.inner.source = Some(Box::new(source.without_url()));
        error
    }

    /// True for a transport error that happened before anything was sent (the connection could
    /// not be made), so that sending again is safe for any request.
    pub(crate) fn is_connect(&self) -> bool {
        self.inner.kind == ErrorKind::Transport
            && self
                .inner
                .source
                .as_ref()
                .and_then(|source| source.downcast_ref::<reqwest::Error>())
                .is_some_and(reqwest::Error::is_connect)
    }

    /// A URL that points elsewhere than the client's base URL. The URL is not kept.
    pub(crate) fn cross_origin(operation: Option<&'static str>, what: &str) -> Self {
        let mut error = Error::new(
            ErrorKind::CrossOrigin,
            format!("{what} points to another scheme, host or port than the client's base URL"),
        );
        error.inner.operation = operation;
        error
    }

    /// Credentials that could not be obtained; `status`, `headers` and `body` when a token
    /// service answered.
    pub(crate) fn auth(
        operation: Option<&'static str>,
        message: impl Into<String>,
        response: Option<(StatusCode, HeaderMap, Bytes)>,
    ) -> Self {
        let mut error = Error::new(ErrorKind::Auth, message);
        error.inner.operation = operation;
        if let Some((status, headers, body)) = response {
            error.inner.status = Some(status);
            error.inner.headers = Some(headers);
            error.inner.body = Some(body.slice(..body.len().min(MAX_ERROR_BODY)));
        }
        error
    }

    /// No bytes from the server for `idle` while waiting for `what`.
    pub(crate) fn idle_timeout(
        operation: Option<&'static str>,
        idle: std::time::Duration,
        what: &str,
    ) -> Self {
        let mut error = Error::new(
            ErrorKind::Timeout,
            format!(
                "the server sent nothing for {} ms while the client waited for {what} (the read timeout)",
                idle.as_millis()
            ),
        );
        error.inner.operation = operation;
        error
    }

    /// A response body slower than the minimum throughput.
    pub(crate) fn stalled(
        operation: &'static str,
        bytes_per_second: u64,
        window: std::time::Duration,
    ) -> Self {
        let mut error = Error::new(
            ErrorKind::Timeout,
            format!(
                "the response body stalled: less than {bytes_per_second} bytes per second over {} ms (the minimum throughput, see `ClientBuilder::min_throughput`)",
                window.as_millis()
            ),
        );
        error.inner.operation = Some(operation);
        error
    }

    /// A redirect beyond the `max` that one request follows (a redirect loop, most likely).
    pub(crate) fn too_many_redirects(
        operation: &'static str,
        status: StatusCode,
        max: u32,
    ) -> Self {
        let mut error = Error::new(
            ErrorKind::Transport,
            format!("too many redirects: the server redirected the request more than {max} times"),
        );
        error.inner.operation = Some(operation);
        error.inner.status = Some(status);
        error
    }

    /// A body larger than `limit`, the client's limit on bodies read into memory.
    pub(crate) fn body_too_large(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        limit: usize,
    ) -> Self {
        let mut error = Error::new(
            ErrorKind::BodyTooLarge,
            format!(
                "the response body is larger than {limit} bytes, the limit on bodies read into memory (see `ClientBuilder::max_body_size`)"
            ),
        );
        error.inner.operation = Some(operation);
        error.inner.status = Some(status);
        error.inner.headers = Some(headers);
        error
    }

    /// A local file that could not be read.
    pub(crate) fn io(message: impl Into<String>, source: std::io::Error) -> Self {
        let mut error = Error::new(ErrorKind::Io, message);
        error.inner.source = Some(Box::new(source));
        error
    }

    /// Sets the operation, when the error does not name one yet.
    pub(crate) fn in_operation(mut self, operation: &'static str) -> Self {
        self.inner.operation.get_or_insert(operation);
        self
    }

    /// An invalid URL. The URL itself is not kept: it may carry credentials.
    pub(crate) fn invalid_url(
        operation: Option<&'static str>,
        message: impl Into<String>,
        source: Option<url::ParseError>,
    ) -> Self {
        let mut error = Error::new(ErrorKind::InvalidUrl, message);
        error.inner.operation = operation;
        error.inner.source =
            source.map(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>);
        error
    }

    /// A parameter value that cannot be sent.
    pub(crate) fn invalid_parameter(
        operation: Option<&'static str>,
        parameter: &'static str,
        message: impl Into<String>,
    ) -> Self {
        let mut error = Error::new(ErrorKind::InvalidParameter, message);
        error.inner.operation = operation;
        error.inner.parameter = Some(parameter);
        error
    }

    /// An undocumented (or documented error) status, with what was read of the body: an
    /// [`ErrorKind::Auth`] error for `401` and `403` (the pipeline has answered any challenge
    /// it could by then).
    pub(crate) fn unexpected_status(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: Bytes,
        model: Option<BoxedModel>,
    ) -> Self {
        let mut error = if matches!(status.as_u16(), 401 | 403) {
            Error::new(
                ErrorKind::Auth,
                "the server refused the credentials (or their absence)",
            )
        } else {
            Error::new(ErrorKind::UnexpectedStatus, "unexpected status")
        };
        error.inner.operation = Some(operation);
        error.inner.status = Some(status);
        error.inner.headers = Some(headers);
        error.inner.body = Some(body);
        error.inner.model = model;
        error
    }

    /// A body that does not decode into the documented type.
    pub(crate) fn decode(
        operation: &'static str,
        status: StatusCode,
        headers: HeaderMap,
        body: &Bytes,
        source: Box<dyn std::error::Error + Send + Sync>,
    ) -> Self {
        let mut error = Error::new(ErrorKind::Decode, "the response body could not be decoded");
        error.inner.operation = Some(operation);
        error.inner.status = Some(status);
        error.inner.headers = Some(headers);
        error.inner.body = Some(body.slice(..body.len().min(MAX_ERROR_BODY)));
        error.inner.source = Some(source);
        error
    }

    /// A long-running operation that ended `Failed` (or `Canceled`), as `last` says.
    #[doc(hidden)]
    pub fn long_running(
        operation: &'static str,
        canceled: bool,
        last: Option<&super::ResponseParts>,
        model: Option<BoxedModel>,
    ) -> Self {
        let mut error = if canceled {
            Error::new(ErrorKind::OperationCanceled, "the operation was canceled")
        } else {
            Error::new(ErrorKind::OperationFailed, "the operation failed")
        };
        error.inner.operation = Some(operation);
        if let Some(last) = last {
            let body = last.body();
            error.inner.status = Some(last.status());
            error.inner.headers = Some(last.headers().clone());
            error.inner.body = Some(Bytes::copy_from_slice(
                &body[..body.len().min(MAX_ERROR_BODY)],
            ));
        }
        error.inner.model = model;
        error
    }

    /// An error of a [`Policy`](super::Policy): it stops the call (no retry) and is what the
    /// operation returns.
    pub fn policy(
        message: impl Into<String>,
        source: Option<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        let mut error = Error::new(ErrorKind::Policy, message);
        error.inner.source = source;
        error
    }
}

impl<M> Error<M> {
    /// The same error with another model parameter (the model itself is kept as it is).
    pub(crate) fn cast<N>(self) -> Error<N> {
        Error {
            inner: self.inner,
            model: PhantomData,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> ErrorKind {
        self.inner.kind
    }

    /// The `operationId` of the operation that failed, when the failure belongs to one.
    pub fn operation(&self) -> Option<&'static str> {
        self.inner.operation
    }

    /// The wire name of the parameter that could not be sent ([`ErrorKind::InvalidParameter`]).
    pub fn parameter(&self) -> Option<&'static str> {
        self.inner.parameter
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        self.inner.status
    }

    /// The response headers, when a response was received.
    pub fn headers(&self) -> Option<&HeaderMap> {
        self.inner.headers.as_ref()
    }

    /// The start of the response body (at most [`MAX_ERROR_BODY`] bytes), when a response was
    /// received.
    pub fn body(&self) -> Option<&[u8]> {
        self.inner.body.as_deref()
    }

    /// The error body decoded into `T`, the error model of the client that failed, when the
    /// operation documents one for this status and the body matched it: how an error that
    /// went through the plain [`Error`] reads its model (`error.model_as::<acr::ErrorModel>()`).
    pub fn model_as<T: Any>(&self) -> Option<&T> {
        let model: &dyn Any = self.inner.model.as_deref()?;
        model.downcast_ref()
    }

    /// The service's error code: the `x-ms-error-code` response header (`ConditionNotMet`,
    /// `ContainerAlreadyExists`), else the `code` of the decoded error model
    /// ([`ErrorModel::code`]); `None` without a response or a code.
    pub fn error_code(&self) -> Option<&str> {
        self.inner
            .headers
            .as_ref()
            .and_then(|headers| headers.get("x-ms-error-code"))
            .and_then(|value| value.to_str().ok())
            .filter(|code| !code.is_empty())
            .or_else(|| self.inner.model.as_ref().and_then(|model| model.code()))
    }

    /// True when the request or the response timed out ([`ErrorKind::Timeout`]).
    pub fn is_timeout(&self) -> bool {
        self.inner.kind == ErrorKind::Timeout
    }

    /// The body as `Display` and `Debug` show it: secrets masked (`redact.rs`).
    fn redacted_body(&self) -> Option<super::redact::Body> {
        let body = self.inner.body.as_ref()?;
        (!body.is_empty()).then(|| super::redact::body(body))
    }

    /// The body snippet that `Display` shows: secrets masked, valid UTF-8, control characters
    /// replaced, at most [`DISPLAY_SNIPPET`] bytes.
    fn snippet(body: &super::redact::Body) -> String {
        let text = &body.text;
        let mut cut = text.len().min(DISPLAY_SNIPPET);
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let shown: String = text[..cut]
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let ellipsis = if text.len() > cut { "..." } else { "" };
        format!("{}{ellipsis}", shown.trim())
    }
}

/// A value whose `Debug` is another's with the secrets of an error body masked.
struct Masked<'a, T: ?Sized> {
    value: &'a T,
    body: Option<&'a super::redact::Body>,
}

impl<T: fmt::Debug + ?Sized> fmt::Debug for Masked<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if f.alternate() {
            format!("{:#?}", self.value)
        } else {
            format!("{:?}", self.value)
        };
        match self.body {
            Some(body) => f.write_str(&body.mask(&text)),
            None => f.write_str(&text),
        }
    }
}

impl<M: ErrorModel> Error<M> {
    /// The error body decoded into the model the operation documents for this status (its
    /// `default` response, usually), when it has one and the body matched it.
    pub fn model(&self) -> Option<&M> {
        self.model_as()
    }
}

impl<M: ErrorModel> From<Error> for Error<M> {
    fn from(error: Error) -> Self {
        error.cast()
    }
}

impl<M: ErrorModel> From<Error<M>> for Error {
    fn from(error: Error<M>) -> Self {
        error.cast()
    }
}

impl<M> fmt::Display for Error<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let body = self.redacted_body();
        if let Some(operation) = self.inner.operation {
            write!(f, "{operation}: ")?;
        }
        match self.inner.kind {
            ErrorKind::UnexpectedStatus => match self.inner.status {
                Some(status) => write!(f, "unexpected status {status}")?,
                None => f.write_str(&self.inner.message)?,
            },
            ErrorKind::Decode => {
                f.write_str(&self.inner.message)?;
                if let Some(status) = self.inner.status {
                    write!(f, " (status {status})")?;
                }
                if let Some(source) = &self.inner.source {
                    // A decoder's message may quote the body.
                    let source = source.to_string();
                    match &body {
                        Some(body) => write!(f, ": {}", body.mask(&source))?,
                        None => write!(f, ": {source}")?,
                    }
                }
            }
            ErrorKind::InvalidParameter => match self.inner.parameter {
                Some(parameter) => write!(f, "parameter `{parameter}`: {}", self.inner.message)?,
                None => f.write_str(&self.inner.message)?,
            },
            ErrorKind::InvalidUrl | ErrorKind::Io => {
                f.write_str(&self.inner.message)?;
                if let Some(source) = &self.inner.source {
                    write!(f, " ({source})")?;
                }
            }
            ErrorKind::Auth => {
                f.write_str(&self.inner.message)?;
                if let Some(status) = self.inner.status {
                    write!(f, " (status {status})")?;
                }
            }
            ErrorKind::Transport
            | ErrorKind::Timeout
            | ErrorKind::BodyTooLarge
            | ErrorKind::CrossOrigin
            | ErrorKind::DigestMismatch
            | ErrorKind::OperationFailed
            | ErrorKind::OperationCanceled
            | ErrorKind::Policy => f.write_str(&self.inner.message)?,
        }
        if let Some(body) = &body {
            write!(f, "; body: {}", Self::snippet(body))?;
        }
        Ok(())
    }
}

impl<M> fmt::Debug for Error<M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut debug = f.debug_struct("Error");
        debug.field("kind", &self.inner.kind);
        if let Some(operation) = self.inner.operation {
            debug.field("operation", &operation);
        }
        if let Some(parameter) = self.inner.parameter {
            debug.field("parameter", &parameter);
        }
        debug.field("message", &self.inner.message);
        if let Some(status) = self.inner.status {
            debug.field("status", &status);
        }
        let body = self.redacted_body();
        if let Some(model) = &self.inner.model {
            let value: &dyn fmt::Debug = model;
            let masked = Masked {
                value,
                body: body.as_ref(),
            };
            debug.field("model", &masked);
        }
        if let Some(body) = &body {
            debug.field("body", &Self::snippet(body));
        }
        if let Some(source) = &self.inner.source {
            let value: &dyn fmt::Debug = source;
            let masked = Masked {
                value,
                body: body.as_ref(),
            };
            debug.field("source", &masked);
        }
        debug.finish()
    }
}

impl<M> std::error::Error for Error<M> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner
            .source
            .as_deref()
            .map(|source| source as &(dyn std::error::Error + 'static))
    }
}
