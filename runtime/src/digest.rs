//! `sha256:` content digests (`sha256:` followed by 64 lower-case hex digits), computed at once
//! ([`sha256`], [`verify`]) or while a stream passes ([`hashing`], [`verifying`] a response's
//! [`ByteStream`](super::ByteStream), [`Body::with_sha256`] a request's body), so that a large
//! body is never held in memory to be hashed. Only in crates whose API streams bodies or names a
//! digest header.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};

use futures_util::Stream;
use sha2::{Digest as _, Sha256};

use super::body::{Body, Inner};
use super::{Error, ErrorKind};

impl Body {
    /// The same body, and a handle that holds its `sha256:` digest once all of it was read
    /// (at once for a body in memory, after sending for a stream): the digest is computed while
    /// the body is sent.
    pub fn with_sha256(self) -> (Body, DigestHandle) {
        match self.inner {
            Inner::Bytes(bytes) => {
                let handle = DigestHandle::ready(&bytes);
                (Body::from(bytes), handle)
            }
            Inner::Stream { chunks, len } => {
                let (hashing, handle) = Hashing::new(chunks, len);
                let body = Body {
                    inner: Inner::Stream {
                        chunks: Box::pin(hashing),
                        len,
                    },
                };
                (body, handle)
            }
        }
    }
}

/// The digest of `bytes`: `sha256:` and 64 lower-case hex digits.
pub fn sha256(bytes: &[u8]) -> String {
    let mut hasher = Hasher::new();
    hasher.update(bytes);
    hasher.finish()
}

/// Checks that `bytes` have the digest `expected` (`sha256:<hex>`, hex in any case).
///
/// # Errors
///
/// [`ErrorKind::DigestMismatch`] when they do not, or when
/// `expected` is not a `sha256:` digest.
pub fn verify(expected: &str, bytes: &[u8]) -> Result<(), Error> {
    check(expected, &sha256(bytes))
}

fn check(expected: &str, actual: &str) -> Result<(), Error> {
    if expected.eq_ignore_ascii_case(actual) {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::DigestMismatch,
            format!("expected digest {expected}, got {actual}"),
        ))
    }
}

/// A `sha256:` digest computed piece by piece.
#[derive(Clone, Default)]
pub struct Hasher {
    sha: Sha256,
    len: u64,
}

impl Hasher {
    /// An empty hasher.
    pub fn new() -> Self {
        Hasher::default()
    }

    /// Adds `bytes`.
    pub fn update(&mut self, bytes: &[u8]) {
        self.sha.update(bytes);
        self.len = self
            .len
            .saturating_add(u64::try_from(bytes.len()).unwrap_or(u64::MAX));
    }

    /// How many bytes were added.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True when no byte was added.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The digest of everything added: `sha256:<hex>`.
    pub fn finish(self) -> String {
        let digest = self.sha.finalize();
        let mut text = String::with_capacity(7 + 64);
        text.push_str("sha256:");
        for byte in digest {
            text.push(char::from(HEX[usize::from(byte >> 4)]));
            text.push(char::from(HEX[usize::from(byte & 0x0f)]));
        }
        text
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

impl fmt::Debug for Hasher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hasher").field("len", &self.len).finish()
    }
}

/// Where a [`Hashing`] stream puts the digest when it ends. Cheap to clone.
#[derive(Clone, Default)]
pub struct DigestHandle {
    slot: Arc<Mutex<Option<(String, u64)>>>,
}

impl DigestHandle {
    pub(crate) fn ready(bytes: &[u8]) -> Self {
        let mut hasher = Hasher::new();
        hasher.update(bytes);
        let handle = DigestHandle::default();
        handle.set(hasher.len(), hasher.finish());
        handle
    }

    fn set(&self, len: u64, digest: String) {
        *self.slot.lock().unwrap_or_else(PoisonError::into_inner) = Some((digest, len));
    }

    /// The digest (`sha256:<hex>`), once the whole stream was read; `None` before.
    pub fn digest(&self) -> Option<String> {
        let slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        slot.as_ref().map(|(digest, _)| digest.clone())
    }

    /// How many bytes were hashed, once the whole stream was read; `None` before.
    pub fn size(&self) -> Option<u64> {
        let slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        slot.as_ref().map(|(_, len)| *len)
    }
}

impl fmt::Debug for DigestHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DigestHandle")
            .field("digest", &self.digest())
            .finish()
    }
}

/// A stream that hashes the chunks of another as they pass, and checks or records the digest
/// when it ends. Made by [`hashing`] and [`verifying`].
pub struct Hashing<S> {
    inner: Pin<Box<S>>,
    hasher: Option<Hasher>,
    handle: DigestHandle,
    expected: Option<String>,
    /// The stream's length, when known: the digest is ready once that much passed (an HTTP
    /// client that sends a sized body may not read the stream's end).
    len: Option<u64>,
}

impl<S> Hashing<S> {
    pub(crate) fn new(inner: S, len: Option<u64>) -> (Self, DigestHandle) {
        let handle = DigestHandle::default();
        let stream = Hashing {
            inner: Box::pin(inner),
            hasher: Some(Hasher::new()),
            handle: handle.clone(),
            expected: None,
            len,
        };
        (stream, handle)
    }

    /// Records the digest; with an expected digest, the mismatch error.
    fn finish(&mut self) -> Result<(), Error> {
        let Some(hasher) = self.hasher.take() else {
            return Ok(());
        };
        let len = hasher.len();
        let digest = hasher.finish();
        let checked = match &self.expected {
            Some(expected) => check(expected, &digest),
            None => Ok(()),
        };
        self.handle.set(len, digest);
        checked
    }
}

/// Hashes the chunks of `stream` as they pass; the handle holds the digest once it ended.
pub fn hashing<S>(stream: S) -> (Hashing<S>, DigestHandle) {
    Hashing::new(stream, None)
}

/// Passes the chunks of `stream` and, at its end, yields an
/// [`ErrorKind::DigestMismatch`] error instead of ending when
/// their digest is not `expected` (`sha256:<hex>`).
pub fn verifying<S>(stream: S, expected: impl Into<String>) -> Hashing<S> {
    let (mut stream, _) = Hashing::new(stream, None);
    stream.expected = Some(expected.into());
    stream
}

impl<S, B, E> Stream for Hashing<S>
where
    S: Stream<Item = Result<B, E>>,
    B: AsRef<[u8]>,
    E: From<Error>,
{
    type Item = Result<B, E>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        match this.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                let Some(hasher) = &mut this.hasher else {
                    return Poll::Ready(Some(Ok(chunk)));
                };
                hasher.update(chunk.as_ref());
                if this.len.is_some_and(|len| hasher.len() >= len) {
                    // A sized stream has no error to yield here: its digest is only recorded.
                    let _ = this.finish();
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(None) => match this.finish() {
                Ok(()) => Poll::Ready(None),
                Err(error) => Poll::Ready(Some(Err(E::from(error)))),
            },
            other => other,
        }
    }
}

impl<S> fmt::Debug for Hashing<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hashing")
            .field("expected", &self.expected)
            .finish_non_exhaustive()
    }
}

impl From<Error> for std::io::Error {
    fn from(error: Error) -> Self {
        std::io::Error::other(error)
    }
}
