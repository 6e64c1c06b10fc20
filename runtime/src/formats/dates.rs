//! Dates and times, as `time` types: `date` ([`Date`]), `date-time` ([`Rfc3339`]),
//! `date-time-rfc1123` ([`Rfc1123`]) and `unixtime` ([`UnixTime`]).
//!
//! A date-time keeps the offset it was written with (`+14:00` stays `+14:00`). One whose UTC
//! instant falls outside the years 1..=9999 of `time` (`9999-12-31T23:59:59-14:00`) is refused
//! when read, as the AutoRest clients refuse it: `time` could not compare or convert it.

use std::sync::LazyLock;

use serde::{Deserialize, Deserializer, Serializer};
use serde_with::{DeserializeAs, SerializeAs};
use time::format_description::{parse_owned, well_known, OwnedFormatItem};
use time::{OffsetDateTime, UtcOffset};

// The descriptions are read when first used, not by `time`'s `format_description!` macro: its
// proc-macro crate would be compiled by every crate that uses dates.

/// `2024-05-06`: RFC 3339's `full-date`.
static FULL_DATE: LazyLock<Option<OwnedFormatItem>> =
    LazyLock::new(|| parse_owned::<2>("[year]-[month]-[day]").ok());

/// `Mon, 06 May 2024 07:08:09 GMT` as written: RFC 7231's `IMF-fixdate`.
static IMF_FIXDATE: LazyLock<Option<OwnedFormatItem>> = LazyLock::new(|| {
    parse_owned::<2>(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT",
    )
    .ok()
});

/// `IMF-fixdate` as read: day and month names in any case, `GMT` or `gmt`.
static IMF_FIXDATE_READ: LazyLock<Option<OwnedFormatItem>> = LazyLock::new(|| {
    parse_owned::<2>(
        "[weekday repr:short case_sensitive:false], [day] [month repr:short case_sensitive:false] \
         [year] [hour]:[minute]:[second] [first [GMT] [gmt]]",
    )
    .ok()
});

/// `date` (`2024-05-06`) for a [`time::Date`].
#[derive(Debug)]
pub struct Date;

impl Date {
    /// Reads a date; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<time::Date> {
        time::Date::parse(text, FULL_DATE.as_ref()?).ok()
    }
}

impl SerializeAs<time::Date> for Date {
    fn serialize_as<S: Serializer>(value: &time::Date, serializer: S) -> Result<S::Ok, S::Error> {
        let text = FULL_DATE
            .as_ref()
            .and_then(|format| value.format(format).ok())
            .ok_or_else(|| serde::ser::Error::custom("the date cannot be written"))?;
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, time::Date> for Date {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<time::Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| invalid::<D>(&text, "date (YYYY-MM-DD)"))
    }
}

/// `date-time` (`2024-05-06T07:08:09.5+02:00`, RFC 3339) for an [`OffsetDateTime`].
#[derive(Debug)]
pub struct Rfc3339;

impl Rfc3339 {
    /// Reads an RFC 3339 date-time (`T` and `Z` in either case); `None` when the text is not
    /// one, or its UTC instant is out of range. A date-time without an offset
    /// (`2024-05-06T07:08:09`, which RFC 3339 does not allow) is read as UTC, as the AutoRest
    /// clients read it.
    pub fn parse(text: &str) -> Option<OffsetDateTime> {
        OffsetDateTime::parse(text, &well_known::Rfc3339)
            .ok()
            .or_else(|| {
                time::PrimitiveDateTime::parse(text, &well_known::Iso8601::DEFAULT)
                    .ok()
                    .map(time::PrimitiveDateTime::assume_utc)
            })
            .filter(|value| value.checked_to_offset(UtcOffset::UTC).is_some())
    }
}

impl SerializeAs<OffsetDateTime> for Rfc3339 {
    fn serialize_as<S: Serializer>(
        value: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = value
            .format(&well_known::Rfc3339)
            .map_err(serde::ser::Error::custom)?;
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, OffsetDateTime> for Rfc3339 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rfc3339::parse(&text).ok_or_else(|| invalid::<D>(&text, "RFC 3339 date-time"))
    }
}

/// `date-time-rfc1123` (`Mon, 06 May 2024 07:08:09 GMT`) for an [`OffsetDateTime`], written
/// in UTC.
#[derive(Debug)]
pub struct Rfc1123;

impl Rfc1123 {
    /// Reads an RFC 1123 date-time; `None` when the text is not one.
    pub fn parse(text: &str) -> Option<OffsetDateTime> {
        time::PrimitiveDateTime::parse(text, IMF_FIXDATE_READ.as_ref()?)
            .ok()
            .map(time::PrimitiveDateTime::assume_utc)
    }

    /// The text of `value`, in UTC; `None` when its UTC date is out of range.
    pub fn text(value: &OffsetDateTime) -> Option<String> {
        let utc = value.checked_to_offset(UtcOffset::UTC)?;
        utc.format(IMF_FIXDATE.as_ref()?).ok()
    }
}

impl SerializeAs<OffsetDateTime> for Rfc1123 {
    fn serialize_as<S: Serializer>(
        value: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let text = Rfc1123::text(value)
            .ok_or_else(|| serde::ser::Error::custom("the date-time is out of range in UTC"))?;
        serializer.serialize_str(&text)
    }
}

impl<'de> DeserializeAs<'de, OffsetDateTime> for Rfc1123 {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(deserializer)?;
        Rfc1123::parse(&text).ok_or_else(|| invalid::<D>(&text, "RFC 1123 date-time"))
    }
}

/// `unixtime` (seconds since 1970-01-01T00:00:00Z, an integer) for an [`OffsetDateTime`].
#[derive(Debug)]
pub struct UnixTime;

impl UnixTime {
    /// Reads a Unix time from text (a header); `None` when it is not one.
    pub fn parse(text: &str) -> Option<OffsetDateTime> {
        let seconds = text.trim().parse().ok()?;
        OffsetDateTime::from_unix_timestamp(seconds).ok()
    }
}

impl SerializeAs<OffsetDateTime> for UnixTime {
    fn serialize_as<S: Serializer>(
        value: &OffsetDateTime,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.serialize_i64(value.unix_timestamp())
    }
}

impl<'de> DeserializeAs<'de, OffsetDateTime> for UnixTime {
    fn deserialize_as<D: Deserializer<'de>>(deserializer: D) -> Result<OffsetDateTime, D::Error> {
        let seconds = i64::deserialize(deserializer)?;
        OffsetDateTime::from_unix_timestamp(seconds).map_err(serde::de::Error::custom)
    }
}

fn invalid<'de, D: Deserializer<'de>>(text: &str, what: &str) -> D::Error {
    serde::de::Error::custom(format_args!("`{text}` is not a valid {what}"))
}
