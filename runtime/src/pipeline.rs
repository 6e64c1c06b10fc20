//! The HTTP pipeline: sending a [`Request`] with credentials, retries, redirects and timeouts.
//!
//! One call of [`Pipeline::send`]:
//!
//! 1. The URL is made and checked (a link to another origin is refused before sending).
//! 2. `Authorization` is added when the URL is on the base URL's origin ([`Auth`]).
//! 3. Redirects (`301`, `302`, `303`, `307`, `308`) are followed, at most 10 (one more is
//!    a [`super::ErrorKind::Transport`] error that says "too many redirects"), when
//!    [`Options::follow_redirects`]: credentials and cookies are not sent to another origin;
//!    `303` (and `301`/`302` after a `POST`) become a `GET` without body; a `301`/`302` after
//!    any other method but `GET`/`HEAD` is returned, not followed; a `307`/`308` is followed
//!    only when the body can be sent again.
//! 4. On a `401` from the base URL's origin, [`Auth`] may obtain new credentials: the request
//!    is sent once more (only when its body can be sent again).
//! 5. The client's default headers ([`Options::headers`]) are added where the request has no
//!    header of that name. When the API declares a client request id header
//!    (`x-ms-client-request-id`) and the client did not turn it off, a request without one gets
//!    a fresh UUID in it, the same for all its attempts.
//! 6. On a connection error, `408`, `429`, `500` or `502`-`504`, the request is retried as the
//!    [`RetryPolicy`] says (only when its body can be sent again).
//! 7. User [`Policy`]s: the per-call ones ([`Options::per_call`]) run once, around steps 2-6
//!    (after the default headers and the client request id); the per-try ones
//!    ([`Options::per_try`]) run around every request sent, after `Authorization` and
//!    `Content-Length` are set, seeing it exactly as it goes on the wire.
//!
//! Timeouts: connecting may take [`Options::connect_timeout`]; then the server may stay silent
//! for at most [`Options::read_timeout`] (while the request body is not moving and the
//! response has not begun, and between two chunks of the response body: `read.rs`), so a
//! server that accepts and never answers fails the call while a long download or upload that
//! moves never does; a response body must arrive at [`Options::min_throughput`] on average
//! (1 byte per second over 20 seconds by default), so a server that trickles a byte now and
//! then fails the call too; [`Options::timeout`] bounds a whole attempt. Responses carry the limits
//! (`read::Limits`) to whoever reads their body.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE,
    LOCATION, PROXY_AUTHORIZATION,
};
use reqwest::{Method, StatusCode};
use url::Url;

use super::auth::Auth;
use super::policy::{Context, Next, PolicyFuture, Terminal};
use super::read::{
    idle_bounded, Activity, Limits, MinThroughput, DEFAULT_MAX_BODY, DEFAULT_MIN_THROUGHPUT,
    DEFAULT_READ_TIMEOUT,
};
use super::request::RequestBody;
use super::retry::retryable_status;
use super::token::TokenService;
use super::urls::same_origin;
use super::{Body, Challenge, Error, Policy, Request, RetryPolicy};

/// The most redirects one request follows.
const MAX_REDIRECTS: u32 = 10;

/// How long a long-running operation's poller waits between two status requests when the
/// server does not say (`Retry-After`): 30 seconds, as AutoRest's clients.
pub const DEFAULT_POLL_INTERVAL: Duration = Duration::from_secs(30);

/// What a client's builder sets: retries, timeouts, redirects.
#[doc(hidden)]
#[derive(Debug, Clone)]
pub struct Options {
    /// When to send a request again.
    pub retry: RetryPolicy,
    /// The longest one attempt may take, from connecting to the end of the response body.
    pub timeout: Option<Duration>,
    /// The longest connecting may take (for the default HTTP client only).
    pub connect_timeout: Option<Duration>,
    /// The longest the server may stay silent: before the response starts (while no request
    /// body is being sent), and between two chunks of a response body.
    pub read_timeout: Option<Duration>,
    /// The least a response body must move (stalled-stream protection): fewer bytes per second
    /// on average over the window fail the read with a timeout. `None`: no minimum.
    pub min_throughput: Option<MinThroughput>,
    /// The most bytes of a response body read into memory (JSON, text, error bodies).
    pub max_body_size: usize,
    /// Follow redirects (credentials stay on the base URL's origin).
    pub follow_redirects: bool,
    /// The header (lower case) that carries a fresh client request id (a UUID) on every
    /// request that has none, when the API declares one (`x-ms-client-request-id`).
    pub client_request_id: Option<&'static str>,
    /// Headers added to every request that does not set them itself
    /// (`ClientBuilder::default_header`).
    pub headers: HeaderMap,
    /// How long a long-running operation's poller waits between status requests when the
    /// server does not say.
    pub poll_interval: Duration,
    /// The OAuth2 scopes a [`super::TokenCredential`] is asked for tokens for: those the API
    /// declares (its `oauth2` security requirement), or those set with `ClientBuilder::scopes`.
    pub scopes: Vec<String>,
    /// Policies run once per call, outside retries (`ClientBuilder::per_call_policy`).
    pub per_call: Vec<Arc<dyn Policy>>,
    /// Policies run for every request sent (`ClientBuilder::per_try_policy`).
    pub per_try: Vec<Arc<dyn Policy>>,
}

/// The client request id header that the Microsoft REST guidelines name.
const CLIENT_REQUEST_ID: &str = "x-ms-client-request-id";

impl Options {
    /// Adds `name: value` to every request that has no `name` header of its own (a value set
    /// again replaces the earlier one).
    pub fn default_header(&mut self, name: HeaderName, value: HeaderValue) {
        self.headers.insert(name, value);
    }

    /// Turns the automatic `x-ms-client-request-id` (a fresh UUID per call) on or off.
    pub fn automatic_client_request_id(&mut self, on: bool) {
        self.client_request_id = on.then_some(CLIENT_REQUEST_ID);
    }
}

impl Default for Options {
    fn default() -> Self {
        Options {
            retry: RetryPolicy::default(),
            timeout: None,
            connect_timeout: Some(Duration::from_secs(30)),
            read_timeout: Some(DEFAULT_READ_TIMEOUT),
            min_throughput: Some(DEFAULT_MIN_THROUGHPUT),
            max_body_size: DEFAULT_MAX_BODY,
            follow_redirects: true,
            client_request_id: None,
            headers: HeaderMap::new(),
            poll_interval: DEFAULT_POLL_INTERVAL,
            scopes: Vec::new(),
            per_call: Vec::new(),
            per_try: Vec::new(),
        }
    }
}

/// Sends requests: the HTTP client and the policies around it.
#[derive(Clone)]
pub struct Pipeline {
    http: reqwest::Client,
    options: Arc<Options>,
}

/// A request body as it can be sent: again and again, or once.
enum Replay {
    Empty,
    Bytes(Bytes),
    Once(Option<RequestBody>),
}

impl Replay {
    fn new(body: Option<RequestBody>) -> Self {
        match body {
            None => Replay::Empty,
            Some(RequestBody::Body(body)) => match body.replayable() {
                Some(bytes) => Replay::Bytes(bytes),
                None => Replay::Once(Some(RequestBody::Body(body))),
            },
            Some(multipart) => Replay::Once(Some(multipart)),
        }
    }

    /// The body for the next send; `None` when there is none (or none left).
    fn take(&mut self) -> Option<RequestBody> {
        match self {
            Replay::Empty => None,
            Replay::Bytes(bytes) => Some(RequestBody::Body(Body::from(bytes.clone()))),
            Replay::Once(body) => body.take(),
        }
    }

    /// True when the body can be sent again.
    fn replayable(&self) -> bool {
        !matches!(self, Replay::Once(_))
    }
}

impl Pipeline {
    /// How long a poller waits between status requests when the server does not say.
    pub fn poll_interval(&self) -> Duration {
        self.options.poll_interval
    }

    /// A pipeline over `http`, or over a default client (this crate's `User-Agent`, the connect
    /// timeout of `options`, and no redirects of its own: the pipeline follows them).
    pub fn new(http: Option<reqwest::Client>, options: Options) -> Result<Self, Error> {
        let http = match http {
            Some(http) => http,
            None => {
                let mut builder = reqwest::Client::builder()
                    .user_agent(concat!(
                        env!("CARGO_PKG_NAME"),
                        "/",
                        env!("CARGO_PKG_VERSION")
                    ))
                    .redirect(reqwest::redirect::Policy::none());
                if let Some(timeout) = options.connect_timeout {
                    builder = builder.connect_timeout(timeout);
                }
                builder.build().map_err(|e| Error::transport(None, e))?
            }
        };
        Ok(Pipeline {
            http,
            options: Arc::new(options),
        })
    }

    /// [`Pipeline::send`] as a future that owns what it needs, or fails with `base`'s error:
    /// what a generated client's operations await.
    #[doc(hidden)]
    pub fn start(
        &self,
        auth: &Auth,
        base: Result<Url, Error>,
        request: Request,
    ) -> super::BoxFuture<Result<reqwest::Response, Error>> {
        let (pipeline, auth) = (self.clone(), auth.clone());
        Box::pin(async move { pipeline.send(&auth, &base?, request).await })
    }

    /// Sends `request` to `base` (a base URL, possibly with a path) with the credentials of
    /// `auth`, following the steps in the module documentation.
    pub async fn send(
        &self,
        auth: &Auth,
        base: &Url,
        request: Request,
    ) -> Result<reqwest::Response, Error> {
        let ctx = Context::new(request.operation(), request.template());
        let url = request.url(base)?;
        let (method, mut headers, body) = request.into_parts();
        for (name, value) in &self.options.headers {
            if !headers.contains_key(name) {
                headers.insert(name.clone(), value.clone());
            }
        }
        if let Some(name) = self.options.client_request_id {
            // One id per call: its retries and redirects carry the same one.
            if !headers.contains_key(name) {
                let id = uuid::Uuid::new_v4().hyphenated().to_string();
                if let Ok(value) = HeaderValue::from_str(&id) {
                    headers.insert(name, value);
                }
            }
        }
        let body = Replay::new(body);
        if self.options.per_call.is_empty() {
            let call = Call {
                method,
                url,
                headers,
                body,
            };
            return self.retried(&ctx, auth, base, call).await;
        }
        // The per-call policies see the request with its body when it is in memory; a
        // streamed body stays aside and is sent as it is.
        let mut view = reqwest::Request::new(method, url);
        *view.headers_mut() = headers;
        if let Replay::Bytes(bytes) = &body {
            *view.body_mut() = Some(reqwest::Body::from(bytes.clone()));
        }
        let terminal = Retried {
            pipeline: self,
            auth,
            base,
            body: Mutex::new(Some(body)),
        };
        Next::new(&self.options.per_call, &terminal)
            .run(&ctx, view)
            .await
    }

    /// Steps 2 to 6 of the module documentation: credentials, retries, challenges.
    async fn retried(
        &self,
        ctx: &Context,
        auth: &Auth,
        base: &Url,
        call: Call,
    ) -> Result<reqwest::Response, Error> {
        let operation = ctx.operation_id();
        let Call {
            method,
            url,
            headers,
            mut body,
        } = call;
        let retry = &self.options.retry;
        let (mut retries, mut challenged) = (0, false);
        loop {
            let (authorization, sent) = if same_origin(&url, base) {
                auth.authorization(&self.options.scopes)
                    .await
                    .map_err(|e| e.in_operation(operation))?
            } else {
                (None, super::auth::Sent::Nothing)
            };
            let try_ctx = ctx.with_attempt(retries + u32::from(challenged));
            let attempt = Attempt {
                ctx: &try_ctx,
                method: &method,
                headers: &headers,
                authorization: authorization.as_ref(),
                base,
            };
            let result = self.exchange(&attempt, url.clone(), &mut body).await;
            let replayable = body.replayable();
            let response = match result {
                Ok(response) => response,
                Err(error) => {
                    if replayable && error.is_connect() && retry.allows(&method, retries) {
                        tokio::time::sleep(retry.backoff(retries)).await;
                        retries += 1;
                        continue;
                    }
                    return Err(error);
                }
            };
            let status = response.status();
            if status == StatusCode::UNAUTHORIZED
                && !challenged
                && replayable
                && same_origin(response.url(), base)
            {
                challenged = true;
                let challenges = Challenge::from_headers(response.headers());
                let service = TokenService {
                    http: &self.http,
                    timeout: self.options.timeout,
                    read_timeout: self.options.read_timeout,
                    base,
                };
                let again = auth
                    .answer(&challenges, &sent, &service, &self.options.scopes)
                    .await
                    .map_err(|e| e.in_operation(operation))?;
                if again {
                    continue;
                }
            }
            if replayable && retryable_status(status) && retry.allows(&method, retries) {
                let delay = retry.delay(retries, response.headers());
                drop(response);
                tokio::time::sleep(delay).await;
                retries += 1;
                continue;
            }
            return Ok(response);
        }
    }

    /// One attempt: the request, then the redirects it leads to.
    async fn exchange(
        &self,
        attempt: &Attempt<'_>,
        mut url: Url,
        body: &mut Replay,
    ) -> Result<reqwest::Response, Error> {
        let mut method = attempt.method.clone();
        let mut headers = attempt.headers.clone();
        let mut with_body = true;
        let mut hops = 0;
        loop {
            let mut hop_headers = headers.clone();
            if same_origin(&url, attempt.base) {
                if let Some((name, value)) = attempt.authorization {
                    if !hop_headers.contains_key(name) {
                        hop_headers.insert(name.clone(), value.clone());
                    }
                }
            } else {
                for name in [AUTHORIZATION, PROXY_AUTHORIZATION, COOKIE] {
                    hop_headers.remove(name);
                }
                if let Some((name, _)) = attempt.authorization {
                    hop_headers.remove(name);
                }
            }
            let mut builder = self.http.request(method.clone(), url.clone());
            if let Some(timeout) = self.options.timeout {
                builder = builder.timeout(timeout);
            }
            let payload = if with_body { body.take() } else { None };
            let activity = Activity::new();
            let multipart = matches!(payload, Some(RequestBody::Multipart(_)));
            match payload {
                None => {}
                Some(RequestBody::Body(payload)) => {
                    let (payload, len) = payload.into_reqwest_watched(Some(&activity));
                    if let Some(len) = len {
                        hop_headers.insert(CONTENT_LENGTH, HeaderValue::from(len));
                    }
                    builder = builder.body(payload);
                }
                Some(RequestBody::Multipart(form)) => builder = builder.multipart(form),
            }
            let operation = attempt.ctx.operation_id();
            let request = builder
                .headers(hop_headers)
                .build()
                .map_err(|e| Error::transport(Some(operation), e))?;
            // A multipart body's progress is not seen: its send is bounded by `timeout` only.
            let idle = self.options.read_timeout;
            let transport = Transport {
                http: &self.http,
                idle: if multipart { None } else { idle },
                activity: &activity,
            };
            let mut response = Next::new(&self.options.per_try, &transport)
                .run(attempt.ctx, request)
                .await?;
            response.extensions_mut().insert(Limits {
                idle,
                min_throughput: self.options.min_throughput,
                max_body: self.options.max_body_size,
            });
            if !self.options.follow_redirects {
                return Ok(response);
            }
            let Some(next) = redirect_target(&response) else {
                return Ok(response);
            };
            if hops >= MAX_REDIRECTS {
                return Err(Error::too_many_redirects(
                    operation,
                    response.status(),
                    MAX_REDIRECTS,
                ));
            }
            match response.status().as_u16() {
                303 => {
                    if method != Method::HEAD {
                        method = Method::GET;
                    }
                    with_body = false;
                }
                301 | 302 if method == Method::POST => {
                    method = Method::GET;
                    with_body = false;
                }
                // RFC 9110 (15.4.2, 15.4.3): never silently repeat a `PUT`, `PATCH`,
                // `DELETE`, ... at another URL; the response is the answer.
                301 | 302 if method != Method::GET && method != Method::HEAD => {
                    return Ok(response);
                }
                _ if with_body && !body.replayable() => return Ok(response),
                _ => {}
            }
            if !with_body {
                headers.remove(CONTENT_TYPE);
                headers.remove(CONTENT_LENGTH);
            }
            url = next;
            hops += 1;
        }
    }
}

/// A request as the retry loop sends it.
struct Call {
    method: Method,
    url: Url,
    headers: HeaderMap,
    body: Replay,
}

/// The end of the per-call policies: the retry loop, with the body kept aside.
struct Retried<'a> {
    pipeline: &'a Pipeline,
    auth: &'a Auth,
    base: &'a Url,
    body: Mutex<Option<Replay>>,
}

impl Terminal for Retried<'_> {
    fn send<'a>(&'a self, ctx: &'a Context, request: reqwest::Request) -> PolicyFuture<'a> {
        Box::pin(async move {
            let kept = self
                .body
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take()
                .unwrap_or(Replay::Empty);
            // A body in memory is the one the policies left; a streamed one was never seen.
            let body = match request.body() {
                Some(body) => match body.as_bytes() {
                    Some(bytes) => Replay::Bytes(Bytes::copy_from_slice(bytes)),
                    None => kept,
                },
                None if matches!(kept, Replay::Once(_)) => kept,
                None => Replay::Empty,
            };
            let call = Call {
                method: request.method().clone(),
                url: request.url().clone(),
                headers: request.headers().clone(),
                body,
            };
            self.pipeline.retried(ctx, self.auth, self.base, call).await
        })
    }
}

/// The end of the per-try policies: the HTTP client, bounded by the read timeout.
struct Transport<'a> {
    http: &'a reqwest::Client,
    idle: Option<Duration>,
    activity: &'a Activity,
}

impl Terminal for Transport<'_> {
    fn send<'a>(&'a self, ctx: &'a Context, request: reqwest::Request) -> PolicyFuture<'a> {
        let operation = ctx.operation_id();
        Box::pin(async move {
            idle_bounded(
                Some(operation),
                self.http.execute(request),
                self.idle,
                self.activity,
            )
            .await?
            .map_err(|e| Error::transport(Some(operation), e))
        })
    }
}

/// What every hop of one attempt shares.
struct Attempt<'a> {
    ctx: &'a Context,
    method: &'a Method,
    headers: &'a HeaderMap,
    authorization: Option<&'a (HeaderName, HeaderValue)>,
    base: &'a Url,
}

/// Where a redirect response points: its `Location`, resolved against its URL, when it is a
/// redirect to an `http(s)` URL.
fn redirect_target(response: &reqwest::Response) -> Option<Url> {
    if !matches!(response.status().as_u16(), 301 | 302 | 303 | 307 | 308) {
        return None;
    }
    let location = response.headers().get(LOCATION)?.to_str().ok()?;
    let next = response.url().join(location).ok()?;
    matches!(next.scheme(), "http" | "https").then_some(next)
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}
