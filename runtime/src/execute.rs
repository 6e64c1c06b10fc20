//! Sending an operation's request and reading its answer, once for every operation.
//!
//! A generated operation describes itself: its response type implements [`Decode`], which says
//! per status what to read of the body ([`Read`]) and builds the typed answer from what was read
//! ([`Received`]), without awaiting anything. The one `async` body that sends the request, reads
//! the body and makes the error of an unexpected status is [`execute`], here: the generated
//! crate has no async state machine per operation to type-check and borrow-check.

use serde::de::DeserializeOwned;

use super::read::{read_body, read_prefix};
use super::response::{decode_json, ErrorDecoder, ResponseParts};
use super::{BoxFuture, ByteStream, Error, MAX_ERROR_BODY};

/// What the runtime reads of a response with a given status before the operation decodes it.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Read {
    /// The whole body, into memory (within the client's limit on bodies).
    Body,
    /// The status and the headers only: the body is not read.
    Headers,
    /// The status and the headers; the body is left to be streamed ([`Received::stream`]).
    Stream,
    /// Not an answer of the operation: the error of an unexpected status, with at most
    /// [`MAX_ERROR_BODY`] bytes of the body, decoded by the operation's error decoder.
    Unexpected,
}

/// A response as the runtime read it for an operation: the status, the headers, and the body
/// or the stream the operation's [`Read`] asked for.
#[doc(hidden)]
pub struct Received {
    operation: &'static str,
    parts: ResponseParts,
    stream: Option<reqwest::Response>,
}

impl Received {
    /// The HTTP status, as a number.
    pub fn status(&self) -> u16 {
        self.parts.status().as_u16()
    }

    /// The status and the headers (and the body, when it was read).
    pub fn parts(self) -> ResponseParts {
        self.parts
    }

    /// The body, decoded as JSON (see [`super::json`]: an empty body is the empty value of `T`).
    pub fn json<T: DeserializeOwned>(self) -> Result<(T, ResponseParts), Error> {
        decode_json(self.operation, self.parts, None)
    }

    /// The body, decoded as JSON into a constant (see [`super::constant`]: an empty body is
    /// the constant).
    pub fn constant<T: DeserializeOwned + Default>(self) -> Result<(T, ResponseParts), Error> {
        decode_json(self.operation, self.parts, Some(T::default()))
    }

    /// The body, as text (see [`super::text`]).
    pub fn text(self) -> Result<(String, ResponseParts), Error> {
        super::response::decode_text(self.operation, self.parts)
    }

    /// The body as a stream (for a status whose [`Read`] is [`Read::Stream`]; an empty stream
    /// otherwise), and the status and headers.
    pub fn stream(self) -> Result<(ByteStream, ResponseParts), Error> {
        match self.stream {
            Some(response) => Ok((ByteStream::new(self.operation, response), self.parts)),
            None => Err(self.unexpected()),
        }
    }

    /// The operation has no answer for this status (what [`Decode::read`] said with
    /// [`Read::Unexpected`]; a decoder's last `match` arm).
    pub fn unexpected(self) -> Error {
        let status = self.parts.status();
        let headers = self.parts.headers().clone();
        let body = self.parts.bytes().clone();
        Error::unexpected_status(self.operation, status, headers, body, None)
    }

    /// The operation that received this response.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
}

/// How a generated operation's response type reads a response: implemented by every response
/// type of a generated crate, called only by [`execute`].
#[doc(hidden)]
pub trait Decode: Sized + Send + 'static {
    /// What to read of a response with this status.
    fn read(status: u16) -> Read;

    /// The typed answer from what was read (the runtime never calls it for
    /// [`Read::Unexpected`]).
    fn decode(received: Received) -> Result<Self, Error>;
}

/// Sends an operation's request (`sent`: the client's send of it, or the error that kept it
/// from being built), reads the response as `T` asks, and decodes it; a status `T` does not
/// answer is an error of kind `UnexpectedStatus`, its body decoded by `errors`.
///
/// The future is boxed here, where its `Send` is proven once for every `T`: a generated
/// operation returns it as it is, with no future of its own whose auto traits the compiler
/// would check per operation.
#[doc(hidden)]
pub fn execute<T: Decode, M: Send + 'static>(
    operation: &'static str,
    sent: Result<Sent, Error>,
    errors: ErrorDecoder,
) -> BoxFuture<Result<T, Error<M>>> {
    Box::pin(async move { run(operation, sent, errors).await.map_err(Error::cast) })
}

/// The client's send of a request: what [`execute`] awaits.
#[doc(hidden)]
pub type Sent = BoxFuture<Result<reqwest::Response, Error>>;

async fn run<T: Decode>(
    operation: &'static str,
    sent: Result<Sent, Error>,
    errors: ErrorDecoder,
) -> Result<T, Error> {
    let mut response = sent?.await?;
    let parts = ResponseParts::new(&response);
    let status = parts.status();
    let received = |parts, stream| Received {
        operation,
        parts,
        stream,
    };
    match T::read(status.as_u16()) {
        Read::Body => {
            let body = read_body(operation, response).await?;
            T::decode(received(parts.with_body(body), None))
        }
        Read::Headers => T::decode(received(parts, None)),
        Read::Stream => T::decode(received(parts, Some(response))),
        Read::Unexpected => {
            let body = read_prefix(operation, &mut response, MAX_ERROR_BODY).await;
            let model = errors(status.as_u16(), &body);
            let headers = parts.headers().clone();
            Err(Error::unexpected_status(
                operation, status, headers, body, model,
            ))
        }
    }
}

/// How a generated operation's request builder sends its request: it makes the request
/// (method, URL, headers, body) from the values it was given and hands it to its client.
#[doc(hidden)]
pub trait SendRequest {
    /// The client's send of the request, or the error of a value that cannot be sent.
    fn sent(self) -> Result<Sent, Error>;
}
