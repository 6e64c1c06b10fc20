//! Waiting for the server without hanging: the read-idle timeout (while the response is awaited
//! and between two chunks of its body) and the limit on bodies read into memory.
//!
//! The pipeline stores the client's [`Limits`] in each response's extensions, so that whoever
//! reads the body later (a JSON decoder, a [`super::ByteStream`], an error) applies them.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures::future::{select, Either};
use tokio::time::Instant;

use super::Error;

/// The default of [`Limits::idle`].
pub(crate) const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// The default of [`Limits::max_body`]: 32 MiB.
pub(crate) const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

/// What reading a response may cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The longest wait for the next bytes from the server; `None`: no limit.
    pub idle: Option<Duration>,
    /// The most bytes a body read into memory may have.
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            idle: Some(DEFAULT_READ_TIMEOUT),
            max_body: DEFAULT_MAX_BODY,
        }
    }
}

impl Limits {
    /// The limits the pipeline stored in `response` (the defaults when there are none).
    pub(crate) fn of(response: &reqwest::Response) -> Limits {
        response
            .extensions()
            .get::<Limits>()
            .copied()
            .unwrap_or_default()
    }
}

/// When the connection last made progress: a request body chunk handed to the HTTP client.
#[derive(Clone)]
pub(crate) struct Activity {
    start: Instant,
    /// Milliseconds since `start` of the last progress.
    last: Arc<AtomicU64>,
}

impl Activity {
    pub(crate) fn new() -> Self {
        Activity {
            start: Instant::now(),
            last: Arc::new(AtomicU64::new(0)),
        }
    }

    /// Records progress now.
    pub(crate) fn touch(&self) {
        let elapsed = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(elapsed, Ordering::Relaxed);
    }

    fn last(&self) -> Instant {
        self.start + Duration::from_millis(self.last.load(Ordering::Relaxed))
    }
}

/// Runs `future` (sending a request until its response headers arrive), failing with
/// [`super::ErrorKind::Timeout`] when `idle` passes without progress: neither a response nor a
/// request body chunk sent. A long upload is never cut while it moves.
pub(crate) async fn idle_bounded<F: Future>(
    operation: Option<&'static str>,
    future: F,
    idle: Option<Duration>,
    activity: &Activity,
) -> Result<F::Output, Error> {
    let Some(idle) = idle else {
        return Ok(future.await);
    };
    let mut future = std::pin::pin!(future);
    loop {
        let deadline = activity.last() + idle;
        let sleep = std::pin::pin!(tokio::time::sleep_until(deadline));
        match select(future.as_mut(), sleep).await {
            Either::Left((output, _)) => return Ok(output),
            Either::Right(((), _)) if activity.last() + idle <= Instant::now() => {
                return Err(Error::idle_timeout(operation, idle, "the response"));
            }
            Either::Right(_) => {}
        }
    }
}

/// The next chunk of `response`'s body, or `None` at its end; a wait longer than the read
/// timeout is an [`super::ErrorKind::Timeout`] error.
pub(crate) async fn next_chunk(
    operation: &'static str,
    response: &mut reqwest::Response,
    idle: Option<Duration>,
) -> Result<Option<Bytes>, Error> {
    let chunk = response.chunk();
    let chunk = match idle {
        Some(idle) => tokio::time::timeout(idle, chunk)
            .await
            .map_err(|_| Error::idle_timeout(Some(operation), idle, "the response body"))?,
        None => chunk.await,
    };
    chunk.map_err(|e| Error::transport(Some(operation), e))
}

/// Reads the whole body of `response` into memory, failing with
/// [`super::ErrorKind::BodyTooLarge`] as soon as it is known to exceed the client's limit (by
/// its `Content-Length`, or while reading).
pub(crate) async fn read_body(
    operation: &'static str,
    mut response: reqwest::Response,
) -> Result<Bytes, Error> {
    let limits = Limits::of(&response);
    let too_large = |response: &reqwest::Response| {
        Error::body_too_large(
            operation,
            response.status(),
            response.headers().clone(),
            limits.max_body,
        )
    };
    let announced = response.content_length();
    if announced.is_some_and(|len| usize::try_from(len).map_or(true, |len| len > limits.max_body)) {
        return Err(too_large(&response));
    }
    let capacity = announced
        .and_then(|len| usize::try_from(len).ok())
        .unwrap_or(0);
    let mut body = BytesMut::with_capacity(capacity);
    while let Some(chunk) = next_chunk(operation, &mut response, limits.idle).await? {
        if body.len() + chunk.len() > limits.max_body {
            return Err(too_large(&response));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}

/// Reads at most `max` bytes of the body of `response` (what an error keeps); a failure to
/// read ends the body early.
pub(crate) async fn read_prefix(
    operation: &'static str,
    response: &mut reqwest::Response,
    max: usize,
) -> Bytes {
    let idle = Limits::of(response).idle;
    let mut body = BytesMut::new();
    while body.len() < max {
        match next_chunk(operation, response, idle).await {
            Ok(Some(chunk)) => {
                let room = max - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(None) | Err(_) => break,
        }
    }
    body.freeze()
}
