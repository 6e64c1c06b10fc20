//! [`RequestContent`]: a JSON request body given as a typed value or as raw bytes.

use std::fmt;

use serde::Serialize;

use super::{Body, Error, Request};

/// The body of an operation that takes JSON: a typed value, serialized by the client, or raw
/// bytes sent exactly as given (like the `RequestContent` of Microsoft's cloud SDKs).
///
/// Raw bytes are for what a typed value cannot do: a byte-exact document (a signed one, or one
/// whose digest must match what was computed), fields the description lacks, or a body read
/// from a file.
///
/// ```ignore
/// // Typed: any value of the body's type converts.
/// client.documents().put("id", document).await?;
/// // Raw: these bytes, with this `Content-Type`.
/// let raw = RequestContent::raw(bytes, "application/vnd.example.document+json");
/// client.documents().put("id", raw).await?;
/// ```
pub struct RequestContent<T> {
    inner: Inner<T>,
}

enum Inner<T> {
    Value(T),
    Raw { body: Body, content_type: String },
}

impl<T> RequestContent<T> {
    /// Raw bytes (any [`Body`]: bytes, a file, a stream), sent as they are with
    /// `content_type` (unless the request builder's `content_type(..)` sets another).
    pub fn raw(body: impl Into<Body>, content_type: impl Into<String>) -> Self {
        RequestContent {
            inner: Inner::Raw {
                body: body.into(),
                content_type: content_type.into(),
            },
        }
    }

    /// The content with its typed value converted by `f` (raw content is kept as it is): how
    /// a value of a typed format gets its wire adapter.
    #[doc(hidden)]
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> RequestContent<U> {
        RequestContent {
            inner: match self.inner {
                Inner::Value(value) => Inner::Value(f(value)),
                Inner::Raw { body, content_type } => Inner::Raw { body, content_type },
            },
        }
    }

    /// The typed value, when the content is one.
    pub fn value(&self) -> Option<&T> {
        match &self.inner {
            Inner::Value(value) => Some(value),
            Inner::Raw { .. } => None,
        }
    }

    /// The typed value, or the raw body and its `Content-Type` (for encoders of other
    /// formats than JSON).
    #[doc(hidden)]
    pub fn into_parts(self) -> Result<T, (Body, String)> {
        match self.inner {
            Inner::Value(value) => Ok(value),
            Inner::Raw { body, content_type } => Err((body, content_type)),
        }
    }
}

impl<T: Serialize> RequestContent<T> {
    /// Puts the content in `request`: the typed value as JSON, or the raw bytes. The
    /// `Content-Type` is `content_type` when the caller set one on the request builder, else
    /// the raw content's own, else `default`.
    #[doc(hidden)]
    pub fn write(
        self,
        request: &mut Request,
        name: &'static str,
        content_type: Option<&str>,
        default: &str,
    ) -> Result<(), Error> {
        match self.inner {
            Inner::Value(value) => request.json(name, &value, content_type.unwrap_or(default)),
            Inner::Raw {
                body,
                content_type: own,
            } => request.body(body, content_type.unwrap_or(&own)),
        }
    }
}

impl<T> From<T> for RequestContent<T> {
    fn from(value: T) -> Self {
        RequestContent {
            inner: Inner::Value(value),
        }
    }
}

impl From<&str> for RequestContent<String> {
    fn from(value: &str) -> Self {
        RequestContent::from(value.to_owned())
    }
}

impl<T: fmt::Debug> fmt::Debug for RequestContent<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.inner {
            Inner::Value(value) => f.debug_tuple("RequestContent").field(value).finish(),
            Inner::Raw { body, content_type } => f
                .debug_struct("RequestContent")
                .field("raw", body)
                .field("content_type", content_type)
                .finish(),
        }
    }
}
