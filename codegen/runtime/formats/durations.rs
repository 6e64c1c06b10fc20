//! `duration`: ISO 8601 durations (`P3Y6M4DT12H30M5S`) as `jiff` spans, which keep the units
//! they were written with (a `P1M` is a month, not some number of seconds).

use serde::{Deserialize, Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};

/// `duration` for a [`jiff::SpanFieldwise`] (a [`jiff::Span`] compared field by field).
#[derive(Debug)]
pub struct Duration;

impl Duration {
    /// Reads an ISO 8601 duration; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<jiff::SpanFieldwise> {
        jiff::fmt::temporal::SpanParser::new()
            .parse_span(text)
            .ok()
            .map(jiff::SpanFieldwise)
    }
}

impl SerializeAs<jiff::SpanFieldwise> for Duration {
    fn serialize_as<S: Serializer>(
        value: &jiff::SpanFieldwise,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = jiff::fmt::temporal::SpanPrinter::new().span_to_string(&value.0);
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, jiff::SpanFieldwise> for Duration {
    fn deserialize_as<D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<jiff::SpanFieldwise, D::Error> {
        let text = String::deserialize(deserializer)?;
        Duration::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format_args!("`{text}` is not a valid ISO 8601 duration"))
        })
    }
}
