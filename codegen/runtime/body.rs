//! Raw bodies: [`Body`] for requests, [`ByteStream`] for responses. Both stream; neither is
//! buffered by this crate.

use std::fmt;

use bytes::Bytes;
use futures::{Stream, TryStream, TryStreamExt};

use super::Error;

/// A raw request body (a file's contents, an upload chunk, ...).
///
/// Built from bytes in memory (`Bytes`, `Vec<u8>`, `&'static [u8]`, `String`, `&'static str`)
/// with `From`/`Into`, or from a stream of chunks with [`Body::from_stream`], which is sent as it
/// is produced (chunked transfer encoding), never collected first.
pub struct Body {
    inner: reqwest::Body,
}

impl Body {
    /// A body that sends the chunks of `stream` as they come (for example a file read with
    /// `tokio_util::io::ReaderStream`, or any `Stream` of `Result<Bytes, E>`).
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
        Bytes: From<S::Ok>,
    {
        Body {
            inner: reqwest::Body::wrap_stream(stream),
        }
    }

    /// An empty body.
    pub fn empty() -> Self {
        Body::from(Bytes::new())
    }

    /// The bytes, when the body is in memory (not a stream).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        self.inner.as_bytes()
    }

    /// The `reqwest` body, to hand to the HTTP client.
    pub(crate) fn into_reqwest(self) -> reqwest::Body {
        self.inner
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body {
            inner: reqwest::Body::from(bytes),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::from(Bytes::from(bytes))
    }
}

impl From<&'static [u8]> for Body {
    fn from(bytes: &'static [u8]) -> Self {
        Body::from(Bytes::from_static(bytes))
    }
}

impl From<String> for Body {
    fn from(text: String) -> Self {
        Body::from(Bytes::from(text))
    }
}

impl From<&'static str> for Body {
    fn from(text: &'static str) -> Self {
        Body::from(Bytes::from_static(text.as_bytes()))
    }
}

impl From<reqwest::Body> for Body {
    fn from(inner: reqwest::Body) -> Self {
        Body { inner }
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.as_bytes() {
            Some(bytes) => f.debug_struct("Body").field("len", &bytes.len()).finish(),
            None => f.debug_struct("Body").field("stream", &true).finish(),
        }
    }
}

/// A raw response body, read as it arrives.
///
/// Use [`ByteStream::into_stream`] to process chunks one by one (a large body never has to fit
/// in memory), or [`ByteStream::collect_bytes`] to read it all.
pub struct ByteStream {
    operation: &'static str,
    response: reqwest::Response,
}

impl ByteStream {
    /// Wraps the body of `response`, the answer to `operation`.
    pub fn new(operation: &'static str, response: reqwest::Response) -> Self {
        ByteStream {
            operation,
            response,
        }
    }

    /// The length the server announced (`Content-Length`), if any.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk of the body, or `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        let operation = self.operation;
        self.response
            .chunk()
            .await
            .map_err(|e| Error::transport(Some(operation), e))
    }

    /// The body as a stream of chunks.
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes, Error>> + Send + 'static {
        let operation = self.operation;
        self.response
            .bytes_stream()
            .map_err(move |e| Error::transport(Some(operation), e))
    }

    /// Reads the whole body into memory.
    pub async fn collect_bytes(self) -> Result<Bytes, Error> {
        let operation = self.operation;
        self.response
            .bytes()
            .await
            .map_err(|e| Error::transport(Some(operation), e))
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("content_length", &self.content_length())
            .finish_non_exhaustive()
    }
}
