//! A value written by the adapter of its format: how a request body of a formatted type
//! (a bare `date-time`, an array of `byte`) goes out.

use std::fmt;
use std::marker::PhantomData;

use serde::{Serialize, Serializer};
use serde_with::SerializeAs;

/// `value`, serialized by the adapter `A` (`formats::Rfc3339`, `Vec<Base64>`, ...).
pub struct Written<T, A> {
    value: T,
    adapter: PhantomData<fn() -> A>,
}

impl<T, A> Written<T, A> {
    /// Wraps `value`.
    pub fn new(value: T) -> Self {
        Written {
            value,
            adapter: PhantomData,
        }
    }
}

impl<T, A: SerializeAs<T>> Serialize for Written<T, A> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        A::serialize_as(&self.value, serializer)
    }
}

impl<T: fmt::Debug, A> fmt::Debug for Written<T, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}
