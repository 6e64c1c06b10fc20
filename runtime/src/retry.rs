//! When and how long to wait before sending a request again.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// How a client retries: set with `ClientBuilder::retry_policy`.
///
/// A request is sent again when the connection could not be made, or when the server answers
/// `408 Request Timeout`, `429 Too Many Requests`, `500 Internal Server Error`,
/// `502 Bad Gateway`, `503 Service Unavailable` or `504 Gateway Timeout` (the set the major cloud SDKs retry;
/// never `501 Not Implemented` or `505 HTTP Version Not Supported`), whatever its method (as
/// the major cloud SDKs do: `POST` and `PATCH` too, unless [`RetryPolicy::retry_non_idempotent`]
/// turns that off), and only when its body can be sent again: no body, or a body in memory. A
/// streamed body (a file, a stream) is sent at most once.
///
/// It waits as long as the server's `Retry-After` says (seconds or an HTTP date), at most
/// [`max_retry_after`](RetryPolicy::max_retry_after); otherwise an exponential backoff with
/// jitter: about `initial_backoff * 2^n`, at most `max_backoff`, and at least half of that.
///
/// Default: 3 retries, 200 ms initial backoff, 10 s maximum backoff, `Retry-After` honoured up
/// to 60 s, every method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    non_idempotent: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            non_idempotent: true,
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// How many times a request may be sent again (after the first time).
    pub fn max_retries(mut self, max_retries: u32) -> Self {
        self.max_retries = max_retries;
        self
    }

    /// The backoff before the first retry (doubled for each next one).
    pub fn initial_backoff(mut self, initial_backoff: Duration) -> Self {
        self.initial_backoff = initial_backoff;
        self
    }

    /// The longest backoff.
    pub fn max_backoff(mut self, max_backoff: Duration) -> Self {
        self.max_backoff = max_backoff;
        self
    }

    /// The longest wait that a `Retry-After` header can ask for; a longer one is cut to this.
    pub fn max_retry_after(mut self, max_retry_after: Duration) -> Self {
        self.max_retry_after = max_retry_after;
        self
    }

    /// Whether `POST` and `PATCH` requests are retried too (default: true, as the major cloud SDKs
    /// do). `false` retries only idempotent methods (`GET`, `HEAD`, `PUT`, `DELETE`, `OPTIONS`,
    /// `TRACE`), for APIs whose `POST`s must not be sent twice.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.non_idempotent = retry;
        self
    }

    /// True when a request with `method` that was retried `retries` times may be retried again.
    pub(crate) fn allows(&self, method: &Method, retries: u32) -> bool {
        let idempotent = matches!(
            *method,
            Method::GET
                | Method::HEAD
                | Method::PUT
                | Method::DELETE
                | Method::OPTIONS
                | Method::TRACE
        );
        retries < self.max_retries && (idempotent || self.non_idempotent)
    }

    /// The backoff before retry number `retries + 1`.
    pub(crate) fn backoff(&self, retries: u32) -> Duration {
        let factor = 1u32.checked_shl(retries.min(20)).unwrap_or(u32::MAX);
        let full = self
            .initial_backoff
            .saturating_mul(factor)
            .min(self.max_backoff);
        let half = full / 2;
        half + jitter(full - half)
    }

    /// The wait before retry number `retries + 1` after a response with `headers`.
    pub(crate) fn delay(&self, retries: u32, headers: &HeaderMap) -> Duration {
        match retry_after(headers, SystemTime::now()) {
            Some(wait) => wait.min(self.max_retry_after),
            None => self.backoff(retries),
        }
    }
}

/// True for the statuses worth retrying, as the major cloud SDKs do: 408, 429, 500, 502, 503, 504
/// (never 501 or 505: those will not change).
pub(crate) fn retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 408 | 429 | 500 | 502..=504)
}

/// `Retry-After` as a wait: a number of seconds, or an HTTP date (a date in the past is no
/// wait).
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(text).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A duration between zero and `max`, spread so that clients that failed together do not
/// retry together. Not for anything that needs real randomness.
fn jitter(max: Duration) -> Duration {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(elapsed) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        hasher.write_u32(elapsed.subsec_nanos());
    }
    let nanos = u64::try_from(max.as_nanos()).unwrap_or(u64::MAX);
    match nanos.checked_add(1) {
        Some(range) => Duration::from_nanos(hasher.finish() % range),
        None => max,
    }
}
