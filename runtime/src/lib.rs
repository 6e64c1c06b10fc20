//! The runtime of the clients this project's generator writes: one crate that every generated
//! client depends on, so that a program using several clients has one [`Error`] type, one
//! [`Credentials`]/[`TokenCredential`], one [`Body`] and one set of [`Policy`]s for all of them.
//!
//! It holds nothing specific to one API: the error type, raw bodies ([`Body`], [`ByteStream`],
//! [`RequestContent`]), credentials, retries ([`RetryPolicy`]), requests the API description
//! lacks ([`CustomRequest`]), the HTTP pipeline with user [`Policy`]s, and, behind cargo
//! features, pagers and pollers, XML bodies, `sha256:` digests and the typed formats' adapters.
//!
//! # Errors across clients
//!
//! A generated crate's operations fail with `restwire::Error<its ErrorModel>`, so that
//! [`Error::model`] is the service's typed error body. Every such error converts with `?` into
//! the plain [`Error`] (its model then read with [`Error::model_as`]), so one function can call
//! several clients and handle their errors in one place:
//!
//! ```
//! fn first(status: Result<(), restwire::Error>) -> Result<(), restwire::Error> {
//!     status?;
//!     Ok(())
//! }
//! # let _ = first;
//! ```
//!
//! # Policies
//!
//! A [`Policy`] is user code in the pipeline: request signing, tracing, metrics, test doubles.
//! Generated clients take them on their builder, per call (`ClientBuilder::per_call_policy`:
//! once per operation call, outside retries) and per try (`ClientBuilder::per_try_policy`:
//! every request sent on the wire, after credentials, seeing the request exactly as it will be
//! sent). The order of one call:
//!
//! 1. the operation builds the request (method, URL with query, headers, body);
//! 2. the client's default headers and the client request id are added;
//! 3. the per-call policies, in the order they were added;
//! 4. the retry loop ([`RetryPolicy`]); in each attempt: credentials (`Authorization`),
//!    `Content-Length` when the body's length is known, then the per-try policies in the order
//!    they were added, then the transport (with redirects, each hop a try of its own);
//! 5. the response goes back up through the per-try policies, the retry decision, and the
//!    per-call policies.
//!
//! ```
//! use restwire::{Context, Next, Policy, PolicyFuture, reqwest};
//!
//! /// Adds a header to every request, as a request signer would.
//! #[derive(Debug)]
//! struct Stamp;
//!
//! impl Policy for Stamp {
//!     fn send<'a>(
//!         &'a self,
//!         ctx: &'a Context,
//!         mut request: reqwest::Request,
//!         next: Next<'a>,
//!     ) -> PolicyFuture<'a> {
//!         let value = reqwest::header::HeaderValue::from_static(ctx.operation_id());
//!         request.headers_mut().insert("x-operation", value);
//!         next.run(ctx, request)
//!     }
//! }
//! # let _ = Stamp;
//! ```
//!
//! # Features
//!
//! Every feature only adds items; none changes a public type, so features unify safely across
//! a program's whole build. A generated crate turns on the ones it needs.
//!
//! | feature | what it adds | crates |
//! |---|---|---|
//! | `rustls` (default) | HTTPS with rustls | `reqwest/rustls-tls` |
//! | `native-tls` | HTTPS with the platform's TLS | `reqwest/native-tls` |
//! | `pager` | [`Pager`], lists with a next link (`x-ms-pageable`) | |
//! | `poller` | [`Poller`], long-running operations | |
//! | `xml` | XML bodies (`xml`) | `quick-xml` |
//! | `digest` | `sha256:` digests while streaming (`digest`) | `sha2` |
//! | `dates`, `durations`, `base64`, `uuid-format` | the typed formats' adapters (`formats`) | `time`, `base64`, `serde_with` |
//!
//! # Versions
//!
//! The crate follows semver. Items hidden from the documentation are the generated code's
//! support; they are held to the same semver as the rest, so a generated crate works with any
//! `0.x` release at or above the one its generator pinned.
#![deny(missing_docs)]

mod auth;
mod body;
mod challenge;
mod content;
mod credentials;
mod custom;
#[doc(hidden)]
pub mod de;
#[cfg(feature = "digest")]
pub mod digest;
mod error;
mod execute;
#[doc(hidden)]
#[cfg(feature = "formats")]
pub mod formats;
#[cfg(feature = "pager")]
mod pager;
mod paging;
mod pipeline;
mod policy;
#[cfg(feature = "poller")]
mod poller;
mod read;
mod redact;
mod request;
mod response;
mod retry;
mod secret_names;
mod token;
mod urls;
#[doc(hidden)]
#[cfg(feature = "xml")]
pub mod xml;

pub use bytes;
pub use http;
pub use reqwest;
pub use serde_json;
pub use url;

#[doc(hidden)]
pub use auth::{token_field, Auth};
pub use body::{Body, ByteStream};
pub use challenge::Challenge;
pub use content::RequestContent;
#[doc(hidden)]
pub use credentials::TokenOperations;
pub use credentials::{Credentials, Secret, TokenCredential, TokenFuture, TokenRequest};
#[doc(hidden)]
pub use custom::Sender;
pub use custom::{CustomRequest, CustomResponse};
#[doc(hidden)]
pub use error::{boxed_model, BoxedModel};
pub use error::{AnyModel, Error, ErrorKind, ErrorModel, MAX_ERROR_BODY};
#[doc(hidden)]
pub use execute::{execute, Decode, Read, Received, SendRequest, Sent};
#[doc(hidden)]
#[cfg(feature = "pager")]
pub use pager::{page_body, MakeRequest, NextPage};
#[cfg(feature = "pager")]
pub use pager::{Continued, Page, Pager, Pages};
#[doc(hidden)]
pub use paging::{next_link, pages};
pub use pipeline::DEFAULT_POLL_INTERVAL;
#[doc(hidden)]
pub use pipeline::{Options, Pipeline};
pub use policy::{Context, Next, Policy, PolicyFuture};
#[doc(hidden)]
#[cfg(feature = "poller")]
pub use poller::{FinalState, Initial, PollSender};
#[cfg(feature = "poller")]
pub use poller::{PollClient, PollStatus, Poller};
#[doc(hidden)]
pub use read::MinThroughput;
#[doc(hidden)]
pub use redact::Redacted;
pub use request::encode_component;
#[doc(hidden)]
pub use request::{Collection, Request};
#[doc(hidden)]
pub use response::{
    constant, error_model, json, text, unexpected_status, ErrorDecoder, ResponseParts,
};
pub use retry::RetryPolicy;
#[doc(hidden)]
pub use urls::{base_url, host_url, redacted, same_origin, HostValue};

/// A boxed future that can be sent between threads: what awaiting a request builder runs.
pub type BoxFuture<T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'static>>;
