//! Raw bodies: [`Body`] for requests, [`ByteStream`] for responses. Both stream; neither is
//! buffered by this crate.

use std::fmt;
use std::path::Path;
use std::pin::Pin;

use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt, TryStream, TryStreamExt};

use super::read::{read_body, Activity, Reader};
use super::Error;

/// The error type of a streamed body's chunks.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The chunks of a streamed request body.
type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// How many bytes a file body reads at a time, and the size of the pieces that bytes in memory
/// are handed to the HTTP client in.
const CHUNK: usize = 64 * 1024;

/// A raw request body (a file's contents, an upload chunk, ...).
///
/// - From bytes in memory (`Bytes`, `Vec<u8>`, `&'static [u8]`, `String`, `&'static str`) with
///   `From`/`Into`, or a copy of any slice with [`Body::copy_from_slice`]. Such a body can be
///   sent again, so requests that carry one may be retried.
/// - From a file with [`Body::from_path`] or [`Body::from_file`] (or `From<tokio::fs::File>`),
///   from any stream of chunks with [`Body::from_stream`], or from a response's [`ByteStream`]
///   (`From`): sent as it is read, never collected first. Such a body is sent at most once: a
///   request that carries one is never retried nor replayed.
pub struct Body {
    pub(super) inner: Inner,
}

pub(super) enum Inner {
    Bytes(Bytes),
    Stream { chunks: Chunks, len: Option<u64> },
}

impl Body {
    /// A body that sends the chunks of `stream` as they come (chunked transfer encoding).
    pub fn from_stream<S>(stream: S) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<BoxError>,
        Bytes: From<S::Ok>,
    {
        Body::sized_stream(stream, None)
    }

    /// A body that sends the chunks of `stream`, which holds exactly `len` bytes: sent with
    /// that `Content-Length` (a stream that ends early or late makes the request fail).
    pub fn from_sized_stream<S>(stream: S, len: u64) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<BoxError>,
        Bytes: From<S::Ok>,
    {
        Body::sized_stream(stream, Some(len))
    }

    fn sized_stream<S>(stream: S, len: Option<u64>) -> Self
    where
        S: TryStream + Send + 'static,
        S::Error: Into<BoxError>,
        Bytes: From<S::Ok>,
    {
        let chunks = stream.map_ok(Bytes::from).map_err(Into::into).into_stream();
        Body {
            inner: Inner::Stream {
                chunks: Box::pin(chunks),
                len,
            },
        }
    }

    /// The rest of an open file, read in chunks as the request is sent.
    pub fn from_file(file: tokio::fs::File) -> Self {
        Body::sized_stream(file_chunks(file), None)
    }

    /// The contents of the file at `path`, read in chunks as the request is sent, with its
    /// size as `Content-Length`.
    ///
    /// # Errors
    ///
    /// Fails ([`ErrorKind::Io`](super::ErrorKind::Io)) when the file cannot be opened.
    pub async fn from_path(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path)
            .await
            .map_err(|e| Error::io("cannot open the body's file", e))?;
        let len = file
            .metadata()
            .await
            .map_err(|e| Error::io("cannot read the size of the body's file", e))?
            .len();
        Ok(Body::sized_stream(file_chunks(file), Some(len)))
    }

    /// A body holding a copy of `bytes`.
    pub fn copy_from_slice(bytes: &[u8]) -> Self {
        Body::from(Bytes::copy_from_slice(bytes))
    }

    /// An empty body.
    pub fn empty() -> Self {
        Body::from(Bytes::new())
    }

    /// The bytes, when the body is in memory (not a stream).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes),
            Inner::Stream { .. } => None,
        }
    }

    /// The body's length, when it is known before sending.
    pub fn len(&self) -> Option<u64> {
        match &self.inner {
            Inner::Bytes(bytes) => u64::try_from(bytes.len()).ok(),
            Inner::Stream { len, .. } => *len,
        }
    }

    /// True when the body is known to be empty.
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The bytes, for a body that can be sent again.
    pub(crate) fn replayable(&self) -> Option<Bytes> {
        match &self.inner {
            Inner::Bytes(bytes) => Some(bytes.clone()),
            Inner::Stream { .. } => None,
        }
    }

    /// The `reqwest` body, to hand to the HTTP client, and its length when known.
    pub(crate) fn into_reqwest(self) -> (reqwest::Body, Option<u64>) {
        self.into_reqwest_watched(None)
    }

    /// The `reqwest` body; each chunk the HTTP client takes is recorded in `activity` (an
    /// upload in progress is not idle). Bytes in memory larger than one chunk are handed over
    /// in chunks (slices of the same buffer, no copy) so that their progress is seen too.
    pub(crate) fn into_reqwest_watched(
        self,
        activity: Option<&Activity>,
    ) -> (reqwest::Body, Option<u64>) {
        match self.inner {
            Inner::Bytes(bytes) if activity.is_some() && bytes.len() > CHUNK => {
                let len = u64::try_from(bytes.len()).ok();
                let pieces: Vec<Result<Bytes, BoxError>> = (0..bytes.len())
                    .step_by(CHUNK)
                    .map(|start| Ok(bytes.slice(start..bytes.len().min(start + CHUNK))))
                    .collect();
                let body = Body {
                    inner: Inner::Stream {
                        chunks: Box::pin(futures_util::stream::iter(pieces)),
                        len,
                    },
                };
                body.into_reqwest_watched(activity)
            }
            Inner::Bytes(bytes) => {
                let len = u64::try_from(bytes.len()).ok();
                (reqwest::Body::from(bytes), len)
            }
            Inner::Stream { chunks, len } => match activity.cloned() {
                Some(activity) => {
                    let chunks = chunks.inspect(move |_| activity.touch());
                    (reqwest::Body::wrap_stream(chunks), len)
                }
                None => (reqwest::Body::wrap_stream(chunks), len),
            },
        }
    }
}

/// The chunks of a file, read as they are asked for.
fn file_chunks(file: tokio::fs::File) -> impl Stream<Item = Result<Bytes, std::io::Error>> {
    futures_util::stream::try_unfold(file, |mut file| async move {
        use tokio::io::AsyncReadExt;
        let mut buffer = BytesMut::with_capacity(CHUNK);
        let read = file.read_buf(&mut buffer).await?;
        Ok((read > 0).then(|| (buffer.freeze(), file)))
    })
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body {
            inner: Inner::Bytes(bytes),
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

impl From<tokio::fs::File> for Body {
    fn from(file: tokio::fs::File) -> Self {
        Body::from_file(file)
    }
}

impl From<ByteStream> for Body {
    /// A response body sent on as a request body, chunk by chunk (content copied from one
    /// server to another without being held in memory).
    fn from(body: ByteStream) -> Self {
        let len = body.content_length();
        Body::sized_stream(body.into_stream(), len)
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Bytes(bytes) => f.debug_struct("Body").field("len", &bytes.len()).finish(),
            Inner::Stream { len, .. } => f
                .debug_struct("Body")
                .field("stream", &true)
                .field("len", len)
                .finish(),
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
    reader: Reader,
}

impl ByteStream {
    /// Wraps the body of `response`, the answer to `operation`.
    pub fn new(operation: &'static str, response: reqwest::Response) -> Self {
        ByteStream {
            operation,
            reader: Reader::new(&response),
            response,
        }
    }

    /// The length the server announced (`Content-Length`), if any.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk of the body, or `None` at its end. Waiting longer than the client's read
    /// timeout for it, or a body that arrives slower than the client's minimum throughput
    /// (`ClientBuilder::min_throughput`; the time between two calls does not count), is an
    /// [`ErrorKind::Timeout`](super::ErrorKind::Timeout) error; the body as a whole may take
    /// any time.
    pub async fn chunk(&mut self) -> Result<Option<Bytes>, Error> {
        self.reader.next(self.operation, &mut self.response).await
    }

    /// The body as a stream of chunks (the read timeout of [`chunk`](Self::chunk) applies).
    pub fn into_stream(self) -> impl Stream<Item = Result<Bytes, Error>> + Send + Unpin + 'static {
        Box::pin(futures_util::stream::try_unfold(
            self,
            |mut body| async move { Ok(body.chunk().await?.map(|chunk| (chunk, body))) },
        ))
    }

    /// Reads the whole body into memory, up to the client's limit on bodies read into memory
    /// ([`ErrorKind::BodyTooLarge`](super::ErrorKind::BodyTooLarge) beyond it).
    pub async fn collect_bytes(self) -> Result<Bytes, Error> {
        read_body(self.operation, self.response).await
    }
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("content_length", &self.content_length())
            .finish_non_exhaustive()
    }
}
