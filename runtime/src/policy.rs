//! Policies: user code in the pipeline ([`Policy`]), the operation they serve ([`Context`]) and
//! the rest of the pipeline after them ([`Next`]). The order is in the crate documentation.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::Error;

/// What a policy returns: the response, from the rest of the pipeline or its own.
pub type PolicyFuture<'a> =
    Pin<Box<dyn Future<Output = Result<reqwest::Response, Error>> + Send + 'a>>;

/// User code in a client's pipeline: it sees each request, may change it (method, URL,
/// headers, body), pass it on with [`Next::run`] and look at or change the response, or answer
/// itself without sending anything (a test double, a cache).
///
/// A policy added per call runs once per operation call, before the retries; one added per try
/// runs for every request sent on the wire (each retry, each redirect hop), after credentials,
/// and sees the request exactly as it will be sent: its final URL with the query, and every
/// header, `Authorization` and `Content-Length` (when the body's length is known) included.
///
/// An answer of its own is any `reqwest::Response`; one is made from an
/// [`http::Response`](super::http::Response) with `reqwest::Response::from`. An error stops the
/// call ([`Error::policy`] makes one).
pub trait Policy: Send + Sync + fmt::Debug {
    /// Handles `request` for the operation `ctx` describes.
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        request: reqwest::Request,
        next: Next<'a>,
    ) -> PolicyFuture<'a>;
}

/// The operation a request serves, and which try it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    operation_id: &'static str,
    path_template: &'static str,
    attempt: u32,
}

impl Context {
    pub(crate) fn new(operation_id: &'static str, path_template: &'static str) -> Self {
        Context {
            operation_id,
            path_template,
            attempt: 0,
        }
    }

    pub(crate) fn with_attempt(&self, attempt: u32) -> Self {
        Context {
            attempt,
            ..self.clone()
        }
    }

    /// The `operationId` of the operation (or a description, for requests no operation
    /// documents: `custom request`, a poller's status request of a resumed operation).
    pub fn operation_id(&self) -> &'static str {
        self.operation_id
    }

    /// The operation's path as the API description writes it (`/widgets/{name}`); empty for
    /// requests to a link (next pages, status monitors) and custom requests.
    pub fn path_template(&self) -> &'static str {
        self.path_template
    }

    /// Which try this is: 0 for the first, then 1, 2, ... for each retry (and for the request
    /// sent again after a credentials challenge). Per-call policies always see 0.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }
}

/// What a request goes to at the end of a chain of policies.
pub(crate) trait Terminal: Send + Sync {
    /// Sends `request` (the transport, or the retry loop for per-call policies).
    fn send<'a>(&'a self, ctx: &'a Context, request: reqwest::Request) -> PolicyFuture<'a>;
}

/// The rest of the pipeline after a policy.
pub struct Next<'a> {
    policies: &'a [Arc<dyn Policy>],
    terminal: &'a dyn Terminal,
}

impl fmt::Debug for Next<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Next")
            .field("policies", &self.policies)
            .finish_non_exhaustive()
    }
}

impl<'a> Next<'a> {
    pub(crate) fn new(policies: &'a [Arc<dyn Policy>], terminal: &'a dyn Terminal) -> Self {
        Next { policies, terminal }
    }

    /// Passes `request` on to the next policy, or to the rest of the pipeline after the last.
    pub fn run(self, ctx: &'a Context, request: reqwest::Request) -> PolicyFuture<'a> {
        match self.policies.split_first() {
            Some((policy, rest)) => policy.send(ctx, request, Next::new(rest, self.terminal)),
            None => self.terminal.send(ctx, request),
        }
    }
}
