//! Long-running operations (`x-ms-long-running-operation`): the [`Poller`] that follows one
//! from its initial response to its final result, as AutoRest's clients do.
//!
//! How the status is read, from the initial response on:
//!
//! - an `Azure-AsyncOperation` (else `Operation-Location`) header names a status monitor, whose
//!   JSON body has a `status` (`InProgress`, `Succeeded`, `Failed`, `Canceled`, ...);
//! - else a `Location` header: `202` there means "still running", any other success status is
//!   the end, and that response is the result;
//! - else (`PUT`, `PATCH`) the resource itself at the original URI: its
//!   `properties.provisioningState` (or `provisioningState`), `Succeeded` when it has none.
//!
//! An initial `200`/`201` whose body has a terminal `provisioningState` (or, without polling
//! headers, none at all) is already the end, as is a `204`. Once a status monitor says
//! `Succeeded`, the final result is read where `final-state-via` says (see [`FinalState`]).

use std::fmt;
use std::future::IntoFuture;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, LOCATION, RETRY_AFTER};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use url::Url;

use super::read::read_body;
use super::response::unexpected_status;
use super::{BoxFuture, Error, ErrorDecoder, Request, ResponseParts};

/// The operation errors of a resumed poller are attributed to ([`Error::operation`]).
const RESUMED: &str = "resumed long-running operation";

/// The version of the state token's format.
const TOKEN_VERSION: u32 = 1;

/// How a poller sends its status requests: through the client's pipeline (credentials,
/// retries, redirect and cross-origin rules), relative to the operation's base URL.
#[doc(hidden)]
#[derive(Clone)]
pub struct PollSender {
    send: Arc<SendFn>,
    interval: Duration,
}

/// What a [`PollSender`] calls: the operation's base URL and the request.
type SendFn = dyn Fn(Url, Request) -> BoxFuture<Result<reqwest::Response, Error>> + Send + Sync;

impl PollSender {
    /// A sender over `send`, which gets the URL of the initial request (the base of a client
    /// whose host is given per call) and the request; `interval` is the default wait.
    pub fn new(
        send: impl Fn(Url, Request) -> BoxFuture<Result<reqwest::Response, Error>>
            + Send
            + Sync
            + 'static,
        interval: Duration,
    ) -> Self {
        PollSender {
            send: Arc::new(send),
            interval,
        }
    }
}

/// Where the final result of a long-running operation is read once it has succeeded
/// (`x-ms-long-running-operation-options.final-state-via`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FinalState {
    /// The status monitor's last answer (a `PUT`/`PATCH` reads the original URI).
    AzureAsyncOperation,
    /// A `GET` of the initial response's `Location`, when it has one.
    Location,
    /// A `GET` of the original URI.
    OriginalUri,
    /// The status monitor's last answer (a `PUT`/`PATCH` reads the original URI).
    OperationLocation,
}

/// What the initial request of a long-running operation gives its poller: the response, and
/// the request's headers (a [`Request`] without body) for the status requests.
#[doc(hidden)]
pub type Initial = BoxFuture<Result<(reqwest::Response, Request), Error>>;

/// Where a long-running operation stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PollStatus {
    /// The initial request has not been sent yet.
    NotStarted,
    /// The operation is still running.
    InProgress,
    /// The operation has ended well; the result is ready.
    Succeeded,
    /// The operation has failed.
    Failed,
    /// The operation was canceled.
    Canceled,
}

impl PollStatus {
    /// True for `Succeeded`, `Failed` and `Canceled`.
    pub fn is_terminal(self) -> bool {
        matches!(
            self,
            PollStatus::Succeeded | PollStatus::Failed | PollStatus::Canceled
        )
    }

    /// A status as services write it (case does not matter).
    fn parse(text: &str) -> PollStatus {
        match text.to_ascii_lowercase().as_str() {
            "succeeded" => PollStatus::Succeeded,
            "failed" => PollStatus::Failed,
            "canceled" | "cancelled" => PollStatus::Canceled,
            _ => PollStatus::InProgress,
        }
    }
}

/// Which URL the status comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    /// A status monitor (`Azure-AsyncOperation`, `Operation-Location`).
    Monitor,
    /// The `Location` header.
    Location,
    /// The resource at the original URI (`provisioningState`).
    Body,
}

/// What a state token holds: no credentials, no bodies, only URLs and the polling mode.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct State {
    version: u32,
    /// The operation's id, which names its error decoder when the token is resumed (absent in
    /// the tokens of earlier versions of this crate: their errors are not decoded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    operation: Option<String>,
    method: String,
    final_state: FinalState,
    original: String,
    mode: Mode,
    monitor: Option<String>,
    location: Option<String>,
}

/// A long-running operation being followed to its end.
///
/// `.await` it to poll until the operation ends and get its final result `T`, or drive it
/// step by step with [`poll`](Self::poll) (and [`status`](Self::status),
/// [`next_delay`](Self::next_delay), [`last_response`](Self::last_response)), then `.await` it
/// for the result. Every request goes through the client's pipeline: its credentials,
/// retries, timeouts, and its rule that a status link on another scheme, host or port is
/// refused ([`ErrorKind::CrossOrigin`](super::ErrorKind::CrossOrigin)).
///
/// Between two status requests it waits what the last response asks (`retry-after-ms`,
/// `x-ms-retry-after-ms`, `Retry-After` in seconds or as a date), else the interval
/// (`ClientBuilder::poll_interval`, or [`interval`](Self::interval)). An operation that ends
/// `Failed` or `Canceled` is an [`ErrorKind::OperationFailed`](super::ErrorKind::OperationFailed)
/// or [`ErrorKind::OperationCanceled`](super::ErrorKind::OperationCanceled) error carrying the
/// service's error ([`Error::model`]) when its body has one.
///
/// A poller can be saved and resumed, in this process or another: [`state_token`](Self::state_token)
/// gives a text, [`Poller::resume`] makes a poller from it (`Poller::<T, _>::resume(&client,
/// token)`: the client gives the error model).
#[must_use = "a poller does nothing until it is awaited or polled"]
pub struct Poller<T, M = super::AnyModel> {
    operation: &'static str,
    model: std::marker::PhantomData<fn() -> M>,
    /// The operation's error bodies (none for a resumed poller).
    errors: ErrorDecoder,
    sender: PollSender,
    interval: Duration,
    initial: Option<Initial>,
    /// The initial request's headers, without body, for status requests.
    template: Request,
    state: Option<State>,
    status: PollStatus,
    last: Option<ResponseParts>,
    delay: Duration,
    output: Option<T>,
    /// True once a status request was sent (the initial response was not the end).
    polled: bool,
}

/// What a poller needs of a generated client to resume a long-running operation
/// ([`Poller::resume`]): its pipeline and its operations' error decoders.
pub trait PollClient {
    /// The client's error model.
    type Model;

    /// How the client's pollers send their status requests.
    #[doc(hidden)]
    fn poll_sender(&self) -> PollSender;

    /// The `operationId` and error decoder of a long-running operation, by id.
    #[doc(hidden)]
    fn long_running(operation: &str) -> Option<(&'static str, ErrorDecoder)>;
}

impl<T: DeserializeOwned + Send + 'static, M: 'static> Poller<T, M> {
    /// A poller for `operation` (its `operationId`) whose initial request is `initial`.
    #[doc(hidden)]
    pub fn new(
        operation: &'static str,
        method: &'static str,
        final_state: FinalState,
        sender: PollSender,
        errors: ErrorDecoder,
        initial: Initial,
    ) -> Self {
        Poller {
            operation,
            model: std::marker::PhantomData,
            errors,
            interval: sender.interval,
            sender,
            initial: Some(initial),
            template: Request::new(operation, "", Method::GET),
            state: Some(State {
                version: TOKEN_VERSION,
                operation: Some(operation.to_owned()),
                method: method.to_owned(),
                final_state,
                original: String::new(),
                mode: Mode::Body,
                monitor: None,
                location: None,
            }),
            status: PollStatus::NotStarted,
            last: None,
            delay: Duration::ZERO,
            output: None,
            polled: false,
        }
    }

    /// A poller that continues the operation a [`state_token`](Self::state_token) describes,
    /// with `client`'s pipeline. It starts `InProgress`: its first [`poll`](Self::poll) asks
    /// the status again. Status requests carry the client's credentials, but not the headers
    /// the original call set.
    ///
    /// # Errors
    ///
    /// Fails ([`ErrorKind::InvalidParameter`](super::ErrorKind::InvalidParameter)) when the
    /// token is not one this crate made.
    pub fn resume<C: PollClient<Model = M>>(client: &C, token: &str) -> Result<Self, Error<M>> {
        Self::resume_with(client.poll_sender(), C::long_running, token).map_err(Error::cast)
    }

    fn resume_with(
        sender: PollSender,
        long_running: fn(&str) -> Option<(&'static str, ErrorDecoder)>,
        token: &str,
    ) -> Result<Self, Error> {
        let invalid = |problem: String| Error::invalid_parameter(Some(RESUMED), "token", problem);
        let state: State = serde_json::from_str(token)
            .map_err(|e| invalid(format!("not a poller state token: {e}")))?;
        if state.version != TOKEN_VERSION {
            return Err(invalid(format!(
                "a state token of version {} (this client reads version {TOKEN_VERSION})",
                state.version
            )));
        }
        Url::parse(&state.original).map_err(|e| invalid(format!("bad original URI: {e}")))?;
        // The operation's own error decoder, so that a failure's body is its error model.
        let (operation, errors) = state
            .operation
            .as_deref()
            .and_then(long_running)
            .unwrap_or((RESUMED, |_, _| None));
        Ok(Poller {
            operation,
            model: std::marker::PhantomData,
            errors,
            interval: sender.interval,
            sender,
            initial: None,
            template: Request::new(operation, "", Method::GET),
            state: Some(state),
            status: PollStatus::InProgress,
            last: None,
            delay: Duration::ZERO,
            output: None,
            polled: true,
        })
    }

    /// The wait between status requests when the server does not say (default: the
    /// client's `poll_interval`, 30 s unless set).
    pub fn interval(mut self, interval: Duration) -> Self {
        self.interval = interval;
        self
    }

    /// Where the operation stands, as of the last response.
    pub fn status(&self) -> PollStatus {
        self.status
    }

    /// How long to wait before the next [`poll`](Self::poll): what the last response asked
    /// (`retry-after-ms`, `x-ms-retry-after-ms`, `Retry-After`), else the interval.
    pub fn next_delay(&self) -> Duration {
        self.delay
    }

    /// The status, headers and body of the last response (`None` before the first).
    pub fn last_response(&self) -> Option<&ResponseParts> {
        self.last.as_ref()
    }

    /// A text from which [`Poller::resume`] continues this operation, once the initial request
    /// has been answered (`None` before). It holds URLs and the polling mode, no credentials.
    pub fn state_token(&self) -> Option<String> {
        if self.initial.is_some() || self.status == PollStatus::NotStarted {
            return None;
        }
        serde_json::to_string(self.state.as_ref()?).ok()
    }

    /// One step, without waiting: sends the initial request (the first time), or asks the
    /// status once; once the operation has succeeded, reads the final result. A terminal
    /// status is returned again without sending anything.
    ///
    /// # Errors
    ///
    /// The errors of any request (a status URL that answers `404` is
    /// [`ErrorKind::UnexpectedStatus`](super::ErrorKind::UnexpectedStatus)), a status response
    /// that cannot be read ([`ErrorKind::Decode`](super::ErrorKind::Decode)), and an operation
    /// that ended `Failed` or `Canceled` (every call after that returns it again).
    pub async fn poll(&mut self) -> Result<PollStatus, Error<M>> {
        self.poll_once().await.map_err(Error::cast)
    }

    async fn poll_once(&mut self) -> Result<PollStatus, Error> {
        if let Some(initial) = self.initial.take() {
            let (response, template) = initial.await?;
            self.template = template;
            return self.start(response).await;
        }
        match self.status {
            PollStatus::Succeeded => return Ok(self.status),
            // The initial request failed (that error was returned): nothing to poll.
            PollStatus::NotStarted => return Err(self.no_state()),
            PollStatus::Failed | PollStatus::Canceled => return Err(self.failure()),
            PollStatus::InProgress => {}
        }
        let state = self.state.clone().ok_or_else(|| self.no_state())?;
        let url = match state.mode {
            Mode::Monitor => state.monitor.clone(),
            Mode::Location => state.location.clone(),
            Mode::Body => Some(state.original.clone()),
        }
        .ok_or_else(|| self.no_state())?;
        let parts = self.get(&url).await?;
        let status = match state.mode {
            Mode::Monitor => self.monitor_status(&parts)?,
            Mode::Location => {
                if parts.status().as_u16() == 202 {
                    if let Some(next) = self.link(&parts, LOCATION.as_str()) {
                        if let Some(state) = &mut self.state {
                            state.location = Some(next);
                        }
                    }
                    PollStatus::InProgress
                } else {
                    // The resource may say how it ended (a delete that failed).
                    self.provisioning_state(&parts)
                        .ok()
                        .flatten()
                        .filter(|s| s.is_terminal())
                        .unwrap_or(PollStatus::Succeeded)
                }
            }
            Mode::Body => match parts.status().as_u16() {
                202 => PollStatus::InProgress,
                204 => PollStatus::Succeeded,
                _ if parts.body().iter().all(u8::is_ascii_whitespace) => {
                    return Err(decode_error(
                        self.operation,
                        &parts,
                        "the resource has no body to read its `provisioningState` from",
                    ));
                }
                _ => self
                    .provisioning_state(&parts)?
                    .unwrap_or(PollStatus::Succeeded),
            },
        };
        self.settle(parts, status).await
    }

    /// Reads the initial response.
    async fn start(&mut self, response: reqwest::Response) -> Result<PollStatus, Error> {
        if !response.status().is_success() {
            return Err(unexpected_status(self.operation, response, self.errors).await);
        }
        let method = self
            .state
            .as_ref()
            .map(|s| s.method.clone())
            .unwrap_or_default();
        let parts = read(self.operation, response).await?;
        let monitor = self
            .link(&parts, "azure-asyncoperation")
            .or_else(|| self.link(&parts, "operation-location"));
        let location = self.link(&parts, LOCATION.as_str());
        let resource = matches!(method.as_str(), "PUT" | "PATCH");
        let code = parts.status().as_u16();
        let polls = monitor.is_some() || location.is_some();
        let status = match code {
            202 => PollStatus::InProgress,
            204 => PollStatus::Succeeded,
            _ => match self.provisioning_state(&parts).ok().flatten() {
                Some(status) => status,
                None if polls || (code == 201 && resource) => PollStatus::InProgress,
                None => PollStatus::Succeeded,
            },
        };
        let mode = if monitor.is_some() {
            Mode::Monitor
        } else if location.is_some() {
            Mode::Location
        } else {
            Mode::Body
        };
        // Nothing to poll (a `POST` or `DELETE` answered `202` without a status header): the
        // SDKs of this protocol take the operation as done, with this response.
        let status = if status == PollStatus::InProgress && mode == Mode::Body && !resource {
            PollStatus::Succeeded
        } else {
            status
        };
        let final_state = self
            .state
            .as_ref()
            .map_or(FinalState::Location, |s| s.final_state);
        self.state = Some(State {
            version: TOKEN_VERSION,
            operation: Some(self.operation.to_owned()),
            method,
            final_state,
            original: parts.url().to_string(),
            mode,
            monitor,
            location,
        });
        self.settle(parts, status).await
    }

    /// Records a response and its status; on success reads the final result.
    async fn settle(
        &mut self,
        parts: ResponseParts,
        status: PollStatus,
    ) -> Result<PollStatus, Error> {
        self.delay = retry_after(parts.headers(), SystemTime::now()).unwrap_or(self.interval);
        self.status = status;
        self.last = Some(parts);
        match status {
            PollStatus::Failed | PollStatus::Canceled => Err(self.failure()),
            PollStatus::Succeeded => {
                let last = self.last.clone().ok_or_else(|| self.no_state())?;
                let parts = match self.final_url(&last)? {
                    Some(url) => {
                        let parts = self.get(&url).await?;
                        self.last = Some(parts.clone());
                        parts
                    }
                    None => last,
                };
                self.output = Some(decode(self.operation, &parts)?);
                Ok(status)
            }
            PollStatus::InProgress | PollStatus::NotStarted => Ok(status),
        }
    }

    /// Where the final result is read after success, when not from `last` itself.
    fn final_url(&self, last: &ResponseParts) -> Result<Option<String>, Error> {
        let state = self.state.as_ref().ok_or_else(|| self.no_state())?;
        // The status came from the resource itself or from `Location`: that is the result;
        // an operation that ended with its initial response has nothing more to read.
        if state.mode != Mode::Monitor || !self.polled {
            return Ok(None);
        }
        let resource = matches!(state.method.as_str(), "PUT" | "PATCH");
        Ok(match state.final_state {
            FinalState::AzureAsyncOperation | FinalState::OperationLocation
                if state.method == "POST" =>
            {
                None
            }
            FinalState::Location if state.location.is_some() => state.location.clone(),
            FinalState::OriginalUri => Some(state.original.clone()),
            _ if resource => Some(state.original.clone()),
            _ if state.method == "POST" && state.location.is_some() => state.location.clone(),
            _ => serde_json::from_slice::<serde_json::Value>(last.body())
                .ok()
                .and_then(|body| {
                    body.get("resourceLocation")
                        .and_then(serde_json::Value::as_str)
                        .and_then(|link| last.url().join(link).ok())
                })
                .map(String::from),
        })
    }

    /// The status in a status monitor's response.
    fn monitor_status(&self, parts: &ResponseParts) -> Result<PollStatus, Error> {
        let body: serde_json::Value = serde_json::from_slice(parts.body()).map_err(|e| {
            Error::decode(
                self.operation,
                parts.status(),
                parts.headers().clone(),
                &Bytes::copy_from_slice(parts.body()),
                Box::new(e),
            )
        })?;
        match body.get("status").and_then(serde_json::Value::as_str) {
            Some(status) => Ok(PollStatus::parse(status)),
            None => Err(decode_error(
                self.operation,
                parts,
                "the status monitor's answer has no `status`",
            )),
        }
    }

    /// `properties.provisioningState` (or `provisioningState`) of a resource body; `None`
    /// when it has none (an empty body included), an error when the body is not JSON.
    fn provisioning_state(&self, parts: &ResponseParts) -> Result<Option<PollStatus>, Error> {
        if parts.body().iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        let body: serde_json::Value = serde_json::from_slice(parts.body()).map_err(|e| {
            Error::decode(
                self.operation,
                parts.status(),
                parts.headers().clone(),
                &Bytes::copy_from_slice(parts.body()),
                Box::new(e),
            )
        })?;
        let state = body
            .get("properties")
            .and_then(|p| p.get("provisioningState"))
            .or_else(|| body.get("provisioningState"))
            .and_then(serde_json::Value::as_str);
        Ok(state.map(PollStatus::parse))
    }

    /// A link header of `parts`, resolved against the URL that answered.
    fn link(&self, parts: &ResponseParts, name: &str) -> Option<String> {
        let text = parts.headers().get(name)?.to_str().ok()?.trim();
        if text.is_empty() {
            return None;
        }
        parts.url().join(text).ok().map(String::from)
    }

    /// A `GET` of `url` (with the initial request's headers) through the pipeline, its body
    /// read; a status outside `200`-`299` is an error.
    async fn get(&mut self, url: &str) -> Result<ResponseParts, Error> {
        self.polled = true;
        let state = self.state.as_ref().ok_or_else(|| self.no_state())?;
        let invalid =
            |e| Error::invalid_url(Some(self.operation), "a polling link is not valid", Some(e));
        let target = Url::parse(url).map_err(invalid)?;
        let base = Url::parse(&state.original).map_err(invalid)?;
        let request = self.template.follow(&target);
        let response = (self.sender.send)(base, request).await?;
        if !response.status().is_success() {
            return Err(unexpected_status(self.operation, response, self.errors).await);
        }
        read(self.operation, response).await
    }

    /// The error of an operation that ended `Failed` or `Canceled`, with the service's error:
    /// the body's `error` member (a status monitor's), else the body.
    fn failure(&self) -> Error {
        let model = self.last.as_ref().and_then(|last| {
            let status = last.status().as_u16();
            serde_json::from_slice::<serde_json::Value>(last.body())
                .ok()
                .and_then(|body| body.get("error").filter(|e| e.is_object()).cloned())
                .and_then(|error| serde_json::to_vec(&error).ok())
                .and_then(|error| (self.errors)(status, &error))
                .or_else(|| (self.errors)(status, last.body()))
        });
        Error::long_running(
            self.operation,
            self.status == PollStatus::Canceled,
            self.last.as_ref(),
            model,
        )
    }

    fn no_state(&self) -> Error {
        Error::invalid_parameter(
            Some(self.operation),
            "poller",
            "the operation did not start (its initial request failed): nothing to poll",
        )
    }

    /// Polls until the operation ends (waiting between status requests), then returns the
    /// result.
    async fn wait(mut self) -> Result<T, Error> {
        loop {
            let status = self.poll_once().await?;
            if status.is_terminal() {
                break;
            }
            if !self.delay.is_zero() {
                tokio::time::sleep(self.delay).await;
            }
        }
        self.output.take().ok_or_else(|| {
            Error::invalid_parameter(
                Some(self.operation),
                "poller",
                "the final result could not be read (`poll` returned why)",
            )
        })
    }
}

impl<T: DeserializeOwned + Send + 'static, M: 'static> IntoFuture for Poller<T, M> {
    type Output = Result<T, Error<M>>;
    type IntoFuture = BoxFuture<Result<T, Error<M>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.wait().await.map_err(Error::cast) })
    }
}

impl<T, M> fmt::Debug for Poller<T, M> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Poller")
            .field("operation", &self.operation)
            .field("status", &self.status)
            .field("next_delay", &self.delay)
            .finish_non_exhaustive()
    }
}

/// Reads a response's body into its parts.
async fn read(
    operation: &'static str,
    response: reqwest::Response,
) -> Result<ResponseParts, Error> {
    let parts = ResponseParts::new(&response);
    let body = read_body(operation, response).await?;
    Ok(parts.with_body(body))
}

/// A [`ErrorKind::Decode`](super::ErrorKind::Decode) error about a status response.
fn decode_error(operation: &'static str, parts: &ResponseParts, problem: &str) -> Error {
    Error::decode(
        operation,
        parts.status(),
        parts.headers().clone(),
        &Bytes::copy_from_slice(parts.body()),
        problem.into(),
    )
}

/// The final result from a body: JSON (an empty body as `null`, else `{}`); a type that
/// carries nothing (`()`) takes any JSON body.
fn decode<T: DeserializeOwned>(operation: &'static str, parts: &ResponseParts) -> Result<T, Error> {
    let body = parts.body();
    let blank = body.iter().all(u8::is_ascii_whitespace);
    let text: &[u8] = if blank { b"null" } else { body };
    let first = match serde_json::from_slice::<T>(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let valid = serde_json::from_slice::<serde::de::IgnoredAny>(text).is_ok();
    if valid {
        if let Ok(value) = serde_json::from_slice::<T>(b"null") {
            return Ok(value);
        }
    }
    if blank {
        if let Ok(value) = serde_json::from_slice::<T>(b"{}") {
            return Ok(value);
        }
    }
    Err(Error::decode(
        operation,
        parts.status(),
        parts.headers().clone(),
        &Bytes::copy_from_slice(body),
        Box::new(first),
    ))
}

/// The wait a response asks for: `retry-after-ms` or `x-ms-retry-after-ms` (milliseconds),
/// else `Retry-After` (seconds, or an HTTP date: a date in the past is no wait).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    for name in ["retry-after-ms", "x-ms-retry-after-ms"] {
        if let Some(ms) = text(name).and_then(|t| t.parse::<u64>().ok()) {
            return Some(Duration::from_millis(ms));
        }
    }
    let value = text(RETRY_AFTER.as_str())?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}
