//! `uuid`: `f42f6aa1-a5bc-4ddf-907e-5f915de43205` (RFC 9562) as a [`uuid::Uuid`].

use serde::{Deserialize, Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

/// `uuid` for a [`uuid::Uuid`]: written hyphenated in lower case, read in any of the forms
/// `uuid` reads (hyphenated, simple, braced, `urn:uuid:`).
#[derive(Debug)]
pub struct Uuid;

impl Uuid {
    /// Reads a UUID; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<uuid::Uuid> {
        uuid::Uuid::try_parse(text).ok()
    }
}

impl SerializeAs<uuid::Uuid> for Uuid {
    fn serialize_as<S: Serializer>(value: &uuid::Uuid, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&value.hyphenated().to_string())
    }
}

impl<'de> DeserializeAs<'de, uuid::Uuid> for Uuid {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<uuid::Uuid, D::Error> {
        let text = String::deserialize(deserializer)?;
        Uuid::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("`{text}` is not a valid UUID")))
    }
}
