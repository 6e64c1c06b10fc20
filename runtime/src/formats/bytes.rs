//! Bytes as text: `byte` (standard base64, RFC 4648 section 4) and `base64url` (the URL-safe
//! alphabet of section 5). Both are written as their format says (`byte` padded, `base64url`
//! without padding) and read with or without padding, whatever the last character's unused bits.

use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

/// Lenient reading: padding or none, and the unused bits of the last character ignored (RFC
/// 4648 allows encoders to leave them non-zero; `...EmC==` in real payloads).
const READ: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::Indifferent)
    .with_decode_allow_trailing_bits(true);
const STANDARD_READ: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, READ);
const URL_SAFE_READ: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, READ);

/// `byte` for a `Vec<u8>`: standard, padded base64.
#[derive(Debug)]
pub struct Base64;

impl Base64 {
    /// Reads base64 (padded or not); `None` when the text is not base64.
    pub fn parse(text: &str) -> Option<Vec<u8>> {
        STANDARD_READ.decode(text).ok()
    }
}

impl SerializeAs<Vec<u8>> for Base64 {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::STANDARD.encode(value))
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        Base64::parse(&text).ok_or_else(|| invalid::<D>(&text, "base64"))
    }
}

/// `base64url` for a `Vec<u8>`: the URL-safe alphabet, without padding.
#[derive(Debug)]
pub struct Base64Url;

impl Base64Url {
    /// Reads base64url (padded or not); `None` when the text is not base64url.
    pub fn parse(text: &str) -> Option<Vec<u8>> {
        URL_SAFE_READ.decode(text).ok()
    }
}

impl SerializeAs<Vec<u8>> for Base64Url {
    fn serialize_as<S: Serializer>(value: &Vec<u8>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(value))
    }
}

impl<'de> DeserializeAs<'de, Vec<u8>> for Base64Url {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        Base64Url::parse(&text).ok_or_else(|| invalid::<D>(&text, "base64url"))
    }
}

fn invalid<'de, D: Deserializer<'de>>(text: &str, what: &str) -> D::Error {
    serde::de::Error::custom(format_args!("`{text}` is not valid {what}"))
}
