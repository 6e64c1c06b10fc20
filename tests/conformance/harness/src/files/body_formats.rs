//! The string-encoded formats as whole bodies: `body-date.json`, `body-datetime.json`,
//! `body-datetime-rfc1123.json`, `body-duration.json` and `body-byte.json` (routes:
//! `legacy/routes/date.js`, `datetime.js`, `datetime-rfc1123.js`, `duration.js`,
//! `src/test-routes/byte.ts`). The clients keep these formats as their wire text so far, so a
//! valid value is asserted as the text the route sends, and a value a typed client would refuse
//! (invalid, overflow, underflow) is expected to be refused.

use base64::Engine as _;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

/// `$client(&c).$group().$op()` decodes to `$want` (compared with `$how`, e.g. `as_str`).
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

/// The body is not a valid value of the format: the client refuses it.
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

fn s(text: &str) -> String {
    text.to_string()
}

/// The bytes of the byte scenarios, base64-encoded as the route does.
fn non_ascii() -> String {
    base64::engine::general_purpose::STANDARD
        .encode([255u8, 254, 253, 252, 251, 250, 249, 248, 247, 246])
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = dates();
    all.extend(date_times());
    all.extend(others());
    all
}

fn dates() -> Vec<Scenario> {
    vec![
        get!(DATE, date, date, "getDateNull", get_null, None),
        refused!(DATE, date, date, "getDateInvalid", get_invalid_date),
        refused!(DATE, date, date, "getDateOverflow", get_overflow_date),
        refused!(DATE, date, date, "getDateUnderflow", get_underflow_date),
        get!(
            DATE,
            date,
            date,
            "getDateMax",
            get_max_date,
            s("9999-12-31")
        ),
        put!(DATE, date, date, "putDateMax", put_max_date, "9999-12-31"),
        scenario!(DATE, "getDateMin", |c| {
            let r = date(&c).date().get_min_date().await.check("call")?;
            eq("body", r.body.as_str(), "0001-01-01")
        }),
        put!(DATE, date, date, "putDateMin", put_min_date, "0001-01-01"),
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
        refused!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeOverflow",
            get_overflow
        ),
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
            "9999-12-31T23:59:59.999Z"
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxUtcLowercase",
            get_utc_lowercase_max_date_time,
            s("9999-12-31t23:59:59.999z")
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxUtcUppercase",
            get_utc_uppercase_max_date_time,
            s("9999-12-31T23:59:59.999Z")
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxUtc7MSUppercase",
            get_utc_uppercase_max_date_time7_digits,
            s("9999-12-31T23:59:59.9999999Z")
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalPositiveOffsetLowercase",
            get_local_positive_offset_lowercase_max_date_time,
            s("9999-12-31t23:59:59.999+14:00")
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalPositiveOffsetUppercase",
            get_local_positive_offset_uppercase_max_date_time,
            s("9999-12-31T23:59:59.999+14:00")
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalNegativeOffsetLowercase",
            get_local_negative_offset_lowercase_max_date_time,
            s("9999-12-31t23:59:59.999-14:00")
        ),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMaxLocalNegativeOffsetUppercase",
            get_local_negative_offset_uppercase_max_date_time,
            s("9999-12-31T23:59:59.999-14:00")
        ),
        put!(
            DATETIME,
            datetime,
            datetime,
            "putDateTimeMinUtc",
            put_utc_min_date_time,
            "0001-01-01T00:00:00Z"
        ),
        scenario!(DATETIME, "getDateTimeMinUtc", |c| {
            let r = datetime(&c)
                .datetime()
                .get_utc_min_date_time()
                .await
                .check("call")?;
            eq("body", r.body.as_str(), "0001-01-01T00:00:00Z")
        }),
        scenario!(DATETIME, "getDateTimeMinLocalPositiveOffset", |c| {
            let r = datetime(&c)
                .datetime()
                .get_local_positive_offset_min_date_time()
                .await
                .check("call")?;
            eq("body", r.body.as_str(), "0001-01-01T00:00:00+14:00")
        }),
        scenario!(DATETIME, "getDateTimeMinLocalNegativeOffset", |c| {
            let r = datetime(&c)
                .datetime()
                .get_local_negative_offset_min_date_time()
                .await
                .check("call")?;
            eq("body", r.body.as_str(), "0001-01-01T00:00:00-14:00")
        }),
        get!(
            DATETIME,
            datetime,
            datetime,
            "getDateTimeMinLocalNoOffset",
            get_local_no_offset_min_date_time,
            s("0001-01-01T00:00:00")
        ),
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
        refused!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123Overflow",
            get_overflow
        ),
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
            "Fri, 31 Dec 9999 23:59:59 GMT"
        ),
        put!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "putDateTimeRfc1123Min",
            put_utc_min_date_time,
            "Mon, 01 Jan 0001 00:00:00 GMT"
        ),
        get!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123MaxUtcLowercase",
            get_utc_lowercase_max_date_time,
            s("fri, 31 dec 9999 23:59:59 gmt")
        ),
        get!(
            RFC1123,
            rfc1123,
            datetimerfc1123,
            "getDateTimeRfc1123MaxUtcUppercase",
            get_utc_uppercase_max_date_time,
            s("FRI, 31 DEC 9999 23:59:59 GMT")
        ),
        scenario!(RFC1123, "getDateTimeRfc1123MinUtc", |c| {
            let r = rfc1123(&c)
                .datetimerfc1123()
                .get_utc_min_date_time()
                .await
                .check("call")?;
            eq("body", r.body.as_str(), "Mon, 01 Jan 0001 00:00:00 GMT")
        }),
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
        get!(
            DURATION,
            duration,
            duration,
            "getDurationPositive",
            get_positive_duration,
            s("P3Y6M4DT12H30M5S")
        ),
        put!(
            DURATION,
            duration,
            duration,
            "putDurationPositive",
            put_positive_duration,
            "P123DT22H14M12.011S"
        ),
        // A 200 without a body: AutoRest's clients return "no value".
        scenario!(BYTE, "getByteNull", |c| {
            let r = byte(&c).byte().get_null().await.check("call")?;
            eq("body", r.body, String::new())
        }),
        get!(BYTE, byte, byte, "getByteEmpty", get_empty, String::new()),
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
        refused!(BYTE, byte, byte, "getByteInvalid", get_invalid),
    ]
}
