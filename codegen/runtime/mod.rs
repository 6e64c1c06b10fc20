//! Support code shared by all operations: the [`Error`] type, raw bodies ([`Body`],
//! [`ByteStream`], [`RequestContent`]), credentials ([`Credentials`], [`TokenCredential`]),
//! retries ([`RetryPolicy`]), requests the API description lacks ([`CustomRequest`]), paging,
//! request building, response decoding and the HTTP pipeline; `sha256:` digests (`digest`),
//! pagers and pollers in the crates whose API uses them.
//!
//! This module is the same in every crate made by the generator and holds nothing specific to
//! one API. Items hidden from the documentation are used by the generated code and are not
//! part of the crate's stable interface.

mod auth;
mod body;
mod challenge;
mod content;
mod credentials;
mod custom;
pub mod digest;
mod error;
mod pager;
mod paging;
mod poller;
mod pipeline;
mod read;
mod request;
mod response;
mod retry;
mod token;
mod urls;

#[doc(hidden)]
pub use auth::{Auth, token_field};
pub use body::{Body, ByteStream};
pub use challenge::Challenge;
pub use content::RequestContent;
#[doc(hidden)]
pub use credentials::TokenOperations;
pub use credentials::{Credentials, Secret, TokenCredential, TokenFuture};
#[doc(hidden)]
pub use custom::Sender;
pub use custom::{CustomRequest, CustomResponse};
pub use error::{Error, ErrorKind, MAX_ERROR_BODY};
#[doc(hidden)]
pub use pager::{MakeRequest, NextPage, page_body};
pub use pager::{Continued, Page, Pager, Pages};
#[doc(hidden)]
pub use paging::{next_link, pages};
pub use pipeline::DEFAULT_POLL_INTERVAL;
#[doc(hidden)]
pub use pipeline::{Options, Pipeline};
pub use poller::{PollStatus, Poller};
#[doc(hidden)]
pub use poller::{FinalState, Initial, PollSender};
pub use request::encode_component;
#[doc(hidden)]
pub use request::{Collection, Request};
#[doc(hidden)]
pub use response::{
    ErrorDecoder, ResponseParts, constant, error_model, json, text, unexpected_status,
};
pub use retry::RetryPolicy;
#[doc(hidden)]
pub use urls::{HostValue, base_url, host_url, redacted, same_origin};

/// A boxed future that can be sent between threads: what awaiting a request builder runs.
pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'static>>;
