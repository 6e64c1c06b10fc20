//! Waiting for the server without hanging: the read-idle timeout (while the response is awaited
//! and between two chunks of its body), the minimum throughput of a response body (stalled-stream
//! protection, as smithy-rs's runtime has it: a body that trickles a byte now and then is never
//! idle, but is cut when fewer than [`MinThroughput::bytes_per_second`] arrive on average over
//! [`MinThroughput::window`]) and the limit on bodies read into memory.
//!
//! The throughput is measured on the time spent waiting for the body ([`Reader`]): a caller
//! that takes its time between two chunks of a [`super::ByteStream`] does not make the server
//! look slow.
//!
//! The pipeline stores the client's [`Limits`] in each response's extensions, so that whoever
//! reads the body later (a JSON decoder, a [`super::ByteStream`], an error) applies them.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::{Bytes, BytesMut};
use futures_util::future::{select, Either};
use tokio::time::Instant;

use super::Error;

/// The default of [`Limits::idle`].
pub(crate) const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(60);

/// The default of [`Limits::max_body`]: 32 MiB.
pub(crate) const DEFAULT_MAX_BODY: usize = 32 * 1024 * 1024;

/// The least a response body must move (stalled-stream protection).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MinThroughput {
    /// The average that the body must reach over any `window` of waiting for it.
    pub bytes_per_second: u64,
    /// How long the average is taken over; no body is cut before it has been waited for
    /// that long (the grace period).
    pub window: Duration,
}

/// The default of [`Limits::min_throughput`]: 1 byte per second over 20 seconds, as smithy-rs.
pub(crate) const DEFAULT_MIN_THROUGHPUT: MinThroughput = MinThroughput {
    bytes_per_second: 1,
    window: Duration::from_secs(20),
};

impl MinThroughput {
    /// The bytes a window must hold (at least one).
    fn needed(&self) -> u64 {
        let millis = u64::try_from(self.window.as_millis()).unwrap_or(u64::MAX);
        (self.bytes_per_second.saturating_mul(millis) / 1000).max(1)
    }
}

/// What reading a response may cost.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// The longest wait for the next bytes from the server; `None`: no limit.
    pub idle: Option<Duration>,
    /// The least a body must move; `None`: no minimum.
    pub min_throughput: Option<MinThroughput>,
    /// The most bytes a body read into memory may have.
    pub max_body: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            idle: Some(DEFAULT_READ_TIMEOUT),
            min_throughput: Some(DEFAULT_MIN_THROUGHPUT),
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

/// Reads one response body chunk by chunk within the client's [`Limits`]: the read timeout
/// between chunks, and the minimum throughput.
pub(crate) struct Reader {
    limits: Limits,
    /// The time spent waiting for chunks so far: the clock of the throughput check.
    waited: Duration,
    /// Bytes received by when (on the `waited` clock), in buckets a tenth of the window long,
    /// oldest first; a bucket's bytes count as received at its end.
    log: VecDeque<(Duration, u64)>,
}

impl Reader {
    /// A reader of `response`'s body, with the limits the pipeline stored in it.
    pub(crate) fn new(response: &reqwest::Response) -> Self {
        Reader {
            limits: Limits::of(response),
            waited: Duration::ZERO,
            log: VecDeque::new(),
        }
    }

    /// The next chunk of `response`'s body, or `None` at its end; a wait longer than the read
    /// timeout, or a body slower than the minimum throughput, is an
    /// [`super::ErrorKind::Timeout`] error.
    pub(crate) async fn next(
        &mut self,
        operation: &'static str,
        response: &mut reqwest::Response,
    ) -> Result<Option<Bytes>, Error> {
        let started = Instant::now();
        let idle = self.limits.idle.map(|idle| started + idle);
        let stalled = self
            .stall_at()
            .map(|at| started + at.saturating_sub(self.waited));
        let deadline = match (idle, stalled) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let chunk = response.chunk();
        let chunk = match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, chunk).await.ok(),
            None => Some(chunk.await),
        };
        self.waited += started.elapsed();
        let Some(chunk) = chunk else {
            return Err(match (stalled, self.limits.min_throughput) {
                (Some(at), Some(min)) if idle.is_none_or(|idle| at <= idle) => {
                    Error::stalled(operation, min.bytes_per_second, min.window)
                }
                _ => Error::idle_timeout(
                    Some(operation),
                    self.limits.idle.unwrap_or_default(),
                    "the response body",
                ),
            });
        };
        let chunk = chunk.map_err(|e| Error::transport(Some(operation), e))?;
        if let Some(bytes) = &chunk {
            self.record(bytes.len());
        }
        Ok(chunk)
    }

    /// Notes `len` bytes received now.
    fn record(&mut self, len: usize) {
        let Some(min) = self.limits.min_throughput else {
            return;
        };
        let bucket = min.window / 10;
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        match self.log.back_mut() {
            Some((start, bytes)) if self.waited < *start + bucket => *bytes += len,
            _ => self.log.push_back((self.waited, len)),
        }
        // Buckets that left the window no longer count.
        while let Some(&(start, _)) = self.log.front() {
            if start + bucket + min.window > self.waited {
                break;
            }
            self.log.pop_front();
        }
    }

    /// When (on the `waited` clock) the body falls below the minimum throughput if nothing
    /// more arrives: the first moment, after the grace period, at which the window holds
    /// fewer bytes than needed.
    fn stall_at(&self) -> Option<Duration> {
        let min = self.limits.min_throughput?;
        if min.bytes_per_second == 0 || min.window.is_zero() {
            return None;
        }
        let (needed, bucket) = (min.needed(), min.window / 10);
        let from = self.waited.max(min.window);
        // The bytes still in the window at `from`.
        let mut held: u64 = self
            .log
            .iter()
            .filter(|(start, _)| *start + bucket + min.window > from)
            .map(|(_, bytes)| bytes)
            .sum();
        if held < needed {
            return Some(from);
        }
        for (start, bytes) in &self.log {
            let leaves = *start + bucket + min.window;
            if leaves <= from {
                continue;
            }
            held -= bytes;
            if held < needed {
                return Some(leaves);
            }
        }
        Some(from)
    }
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
    let mut reader = Reader::new(&response);
    while let Some(chunk) = reader.next(operation, &mut response).await? {
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
    let mut reader = Reader::new(response);
    let mut body = BytesMut::new();
    while body.len() < max {
        match reader.next(operation, response).await {
            Ok(Some(chunk)) => {
                let room = max - body.len();
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(None) | Err(_) => break,
        }
    }
    body.freeze()
}
