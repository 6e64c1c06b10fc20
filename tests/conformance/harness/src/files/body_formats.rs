//! The typed formats as whole bodies: `body-date.json`, `body-datetime.json`,
//! `body-datetime-rfc1123.json`, `body-duration.json` and `body-byte.json` (routes:
//! `legacy/routes/date.js`, `datetime.js`, `datetime-rfc1123.js`, `duration.js`,
//! `src/test-routes/byte.ts`). A valid value is asserted as the typed value the route's text
//! means (`time` dates, ISO 8601 durations, bytes); a value that is not one (invalid, overflow,
//! underflow) is refused. A date-time keeps the offset it was sent with; one whose UTC instant
//! is past 9999-12-31 (`9999-12-31T23:59:59.999-14:00`) is refused, as the AutoRest clients
//! refuse it (and the route's `overflow` scenario sends exactly that value).

use time::macros::{date, datetime};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

/// `$client(&c).$group().$op()` decodes to `$want`.
macro_rules! get {
    ($file:expr, $client:ident, $group:ident, $key:literal, $op:ident, $want:expr) => {
        scenario!($file, $key, |c| {
            let r = $client(&c).$group().$op().await.check("call")?;
            eq("body", r.body, $want)
        })
    };
}

/// `$op($value)` answers 200 (the route compares the body).
macro_rules! put {
    ($file:expr, $client:ident, $group:ident, $key:literal, $op:ident, $value:expr) => {
        scenario!($file, $key, |c| {
            $client(&c).$group().$op($value).await.check("call")?;
            Ok(())
        })
    };
}

/// The body is not a valid value of the format: the client refuses it (a decode error of a
/// 200 answer).
macro_rules! refused {
    ($file:expr, $client:ident, $group:ident, $key:literal, $op:ident) => {
        scenario!($file, $key, |c| {
            match $client(&c).$group().$op().await {
                Ok(r) => Err(format!("want a decode error, got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(200)),
            }
        })
    };
}

macro_rules! client_fn {
    ($name:ident, $krate:ident) => {
        fn $name(c: &Ctx) -> $krate::Client {
            $krate::Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .build()
                .expect("a client")
        }
    };
}

client_fn!(date, body_date);
client_fn!(datetime, body_datetime);
client_fn!(rfc1123, body_datetime_rfc1123);
client_fn!(duration, body_duration);
client_fn!(byte, body_byte);

const DATE: &str = "body-date.json";
const DATETIME: &str = "body-datetime.json";
const RFC1123: &str = "body-datetime-rfc1123.json";
const DURATION: &str = "body-duration.json";
const BYTE: &str = "body-byte.json";

/// The bytes of the byte scenarios (the route sends them base64-encoded).
fn non_ascii() -> Vec<u8> {
    vec![255, 254, 253, 252, 251, 250, 249, 248, 247, 246]
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = dates();
    all.extend(date_times());
    all.extend(rfc1123_date_times());
    all.extend(others());
    all
}

fn dates() -> Vec<Scenario> {
    vec![
        get!(DATE, date, date, "getDateNull", get_null, None),
        refused!(DATE, date, date, "getDateInvalid", get_invalid_date),
        // `10000000000-12-31`, `0000-00-00`.
        refused!(DATE, date, date, "getDateOverflow", get_overflow_date),
        refused!(DATE, date, date, "getDateUnderflow", get_underflow_date),
        get!(
            DATE,
            date,
            date,
            "getDateMax",
            get_max_date,
            date!(9999 - 12 - 31)
        ),
        put!(
            DATE,
            date,
            date,
            "putDateMax",
            put_max_date,
            date!(9999 - 12 - 31)
        ),
        // The spec's one-value `enum` (`0000-01-01`) is ignored, as AutoRest ignores it.
        get!(
            DATE,
            date,
            date,
            "getDateMin",
            get_min_date,
            date!(0001 - 01 - 01)
        ),
        put!(
            DATE,
            date,
            date,
            "putDateMin",
            put_min_date,
            date!(0001 - 01 - 01)
        ),
    ]
}

fn date_times() -> Vec<Scenario> {
    vec![
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeNull",
            get_null,
            None
        ),
        refused!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeInvalid",
            get_invalid
        ),
        // `9999-12-31T23:59:59.999-14:00`: after 9999-12-31 in UTC.
        refused!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeOverflow",
            get_overflow
        ),
        // `0000-00-00T00:00:00.000+00:00`.
        refused!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeUnderflow",
            get_underflow
        ),
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMaxUtc",
            put_utc_max_date_time,
            datetime!(9999-12-31 23:59:59.999 UTC)
        ),
        // The route wants the text to end in `.9999999Z`: the seven digits are kept.
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMaxUtc7MS",
            put_utc_max_date_time7_digits,
            datetime!(9999-12-31 23:59:59.9999999 UTC)
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxUtcLowercase",
            get_utc_lowercase_max_date_time,
            datetime!(9999-12-31 23:59:59.999 UTC)
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxUtcUppercase",
            get_utc_uppercase_max_date_time,
            datetime!(9999-12-31 23:59:59.999 UTC)
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxUtc7MSUppercase",
            get_utc_uppercase_max_date_time7_digits,
            datetime!(9999-12-31 23:59:59.9999999 UTC)
        ),
        // The offset is kept: `+14:00`, not the same instant in UTC.
        scenario!(
            DATETIME,
            "getDateTimeMaxLocalPositiveOffsetLowercase",
            |c| {
                let r = datetime(&c)
                    .datetime()
                    .get_local_positive_offset_lowercase_max_date_time()
                    .await
                    .check("call")?;
                eq("offset", r.body.offset(), time::macros::offset!(+14))?;
                eq("body", r.body, datetime!(9999-12-31 23:59:59.999 +14))
            }
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalPositiveOffsetUppercase",
            get_local_positive_offset_uppercase_max_date_time,
            datetime!(9999-12-31 23:59:59.999 +14)
        ),
        // The same text as `getDateTimeOverflow`.
        refused!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalNegativeOffsetLowercase",
            get_local_negative_offset_lowercase_max_date_time
        ),
        refused!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalNegativeOffsetUppercase",
            get_local_negative_offset_uppercase_max_date_time
        ),
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMaxLocalPositiveOffset",
            put_local_positive_offset_max_date_time,
            datetime!(9999-12-31 23:59:59.999 +14)
        ),
        // Written as given (`-14:00`); only reading refuses an instant past 9999 in UTC.
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMaxLocalNegativeOffset",
            put_local_negative_offset_max_date_time,
            datetime!(9999-12-31 23:59:59.999 -14)
        ),
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMinUtc",
            put_utc_min_date_time,
            datetime!(0001-01-01 0:00 UTC)
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMinUtc",
            get_utc_min_date_time,
            datetime!(0001-01-01 0:00 UTC)
        ),
        // The spec's one-value `enum`s on these responses are ignored, as AutoRest ignores them.
        scenario!(DATETIME, "getDateTimeMinLocalPositiveOffset", |c| {
            let r = datetime(&c)
                .datetime()
                .get_local_positive_offset_min_date_time()
                .await
                .check("call")?;
            eq("offset", r.body.offset(), time::macros::offset!(+14))?;
            eq("body", r.body, datetime!(0001-01-01 0:00 +14))
        }),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMinLocalNegativeOffset",
            get_local_negative_offset_min_date_time,
            datetime!(0001-01-01 0:00 -14)
        ),
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMinLocalPositiveOffset",
            put_local_positive_offset_min_date_time,
            datetime!(0001-01-01 0:00 +14)
        ),
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMinLocalNegativeOffset",
            put_local_negative_offset_min_date_time,
            datetime!(0001-01-01 0:00 -14)
        ),
        // `0001-01-01T00:00:00`: no offset (RFC 3339 requires one) is read as UTC, as the
        // AutoRest clients read it.
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMinLocalNoOffset",
            get_local_no_offset_min_date_time,
            datetime!(0001-01-01 0:00 UTC)
        ),
    ]
}

fn rfc1123_date_times() -> Vec<Scenario> {
    vec![
        get!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123Null",
            get_null,
            None
        ),
        refused!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123Invalid",
            get_invalid
        ),
        // `Sat, 1 Jan 10000 00:00:00 GMT`.
        refused!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123Overflow",
            get_overflow
        ),
        // `Tue, 00 Jan 0000 00:00:00 GMT`.
        refused!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123Underflow",
            get_underflow
        ),
        put!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "putDateTimeRfc1123Max",
            put_utc_max_date_time,
            datetime!(9999-12-31 23:59:59 UTC)
        ),
        put!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "putDateTimeRfc1123Min",
            put_utc_min_date_time,
            datetime!(0001-01-01 0:00 UTC)
        ),
        get!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123MaxUtcLowercase",
            get_utc_lowercase_max_date_time,
            datetime!(9999-12-31 23:59:59 UTC)
        ),
        get!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123MaxUtcUppercase",
            get_utc_uppercase_max_date_time,
            datetime!(9999-12-31 23:59:59 UTC)
        ),
        // The spec's one-value `enum` (`Sun, 1 Jan 0001`) is ignored, as AutoRest ignores it.
        get!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123MinUtc",
            get_utc_min_date_time,
            datetime!(0001-01-01 0:00 UTC)
        ),
    ]
}

fn others() -> Vec<Scenario> {
    vec![
        get!(
            DURATION,
            duration,
            duration,
            "getDurationNull",
            get_null,
            None
        ),
        refused!(
            DURATION,
            duration,
            duration,
            "getDurationInvalid",
            get_invalid
        ),
        // `P3Y6M4DT12H30M5S`: the calendar units are kept as sent.
        get!(
            DURATION,
            duration,
            duration,
            "getDurationPositive",
            get_positive_duration,
            body_duration::runtime::formats::IsoDuration {
                years: 3,
                months: 6,
                days: 4,
                hours: 12,
                minutes: 30,
                seconds: 5,
                ..Default::default()
            }
        ),
        // The route wants `P123DT22H14M12.011S`.
        put!(
            DURATION,
            duration,
            duration,
            "putDurationPositive",
            put_positive_duration,
            body_duration::runtime::formats::IsoDuration {
                days: 123,
                hours: 22,
                minutes: 14,
                seconds: 12,
                nanoseconds: 11_000_000,
                ..Default::default()
            }
        ),
        // A 200 without a body: AutoRest's clients return "no value".
        scenario!(BYTE, "getByteNull", |c| {
            let r = byte(&c).byte().get_null().await.check("call")?;
            eq("body", r.body, Vec::new())
        }),
        get!(BYTE, byte, byte, "getByteEmpty", get_empty, Vec::new()),
        get!(
            BYTE,
            byte,
            byte,
            "getByteNonAscii",
            get_non_ascii,
            non_ascii()
        ),
        put!(
            BYTE,
            byte,
            byte,
            "putByteNonAscii",
            put_non_ascii,
            non_ascii()
        ),
        // `::::SWAGGER::::`.
        refused!(BYTE, byte, byte, "getByteInvalid", get_invalid),
    ]
}
