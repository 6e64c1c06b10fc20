//! Support code shared by all operations: the [`Error`] type, raw bodies ([`Body`],
//! [`ByteStream`]), request building, response decoding and the HTTP pipeline.
//!
//! This module is the same in every crate made by the generator and holds nothing specific to
//! one API. Items hidden from the documentation are used by the generated operations and are not
//! part of the crate's stable interface.

mod body;
mod error;
mod pipeline;
mod request;
mod response;

pub use body::{Body, ByteStream};
pub use error::{Error, ErrorKind, MAX_ERROR_BODY};
#[doc(hidden)]
pub use pipeline::{HostValue, Pipeline, base_url, host_url, redacted};
#[doc(hidden)]
pub use request::{Collection, Request, encode_component};
#[doc(hidden)]
pub use response::{ResponseParts, error_model, json, text, unexpected_status};

/// A boxed future that can be sent between threads: what awaiting a request builder runs.
pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'static>>;
