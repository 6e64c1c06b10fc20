//! `body-dictionary.json`: maps decoded and encoded exactly, and
//! values a client must refuse (routes: `legacy/routes/dictionary.js`).

use std::collections::BTreeMap;

use body_dictionary::Client;
use body_dictionary::models::Widget;
use time::macros::{date, datetime};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-dictionary.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// `{"0": a, "1": b, ...}`.
fn indexed<T: Clone>(values: &[T]) -> BTreeMap<String, T> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), v.clone()))
        .collect()
}

/// The body decodes to `$want`.
macro_rules! get {
    ($key:literal, $op:ident, $want:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).dictionary().$op().await.check("call")?;
            eq("body", r.body, $want)
        })
    };
}

/// `$op($value)` answers 200 (the route compares the body).
macro_rules! put {
    ($key:literal, $op:ident, $value:expr) => {
        scenario!(F, $key, |c| {
            client(&c).dictionary().$op($value).await.check("call")?;
            Ok(())
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = first();
    all.extend(more());
    all
}

fn first() -> Vec<Scenario> {
    vec![
        get!("getDictionaryEmpty", get_empty, BTreeMap::new()),
        put!("putDictionaryEmpty", put_empty, BTreeMap::new()),
        get!(
            "getDictionaryBooleanValid",
            get_boolean_tfft,
            indexed(&[true, false, false, true])
        ),
        put!(
            "putDictionaryBooleanValid",
            put_boolean_tfft,
            indexed(&[true, false, false, true])
        ),
        get!(
            "getDictionaryIntegerValid",
            get_integer_valid,
            indexed(&[1, -1, 3, 300])
        ),
        put!(
            "putDictionaryIntegerValid",
            put_integer_valid,
            indexed(&[1, -1, 3, 300])
        ),
        get!(
            "getDictionaryLongValid",
            get_long_valid,
            indexed(&[1, -1, 3, 300])
        ),
        put!(
            "putDictionaryLongValid",
            put_long_valid,
            indexed(&[1, -1, 3, 300])
        ),
        get!(
            "getDictionaryFloatValid",
            get_float_valid,
            indexed(&[0.0, -0.01, -1.2e20])
        ),
        put!(
            "putDictionaryFloatValid",
            put_float_valid,
            indexed(&[0.0, -0.01, -1.2e20])
        ),
    ]
}

/// The body has a value of the wrong type (or is not JSON): the client refuses it.
macro_rules! refused {
    ($key:literal, $op:ident) => {
        scenario!(F, $key, |c| {
            match client(&c).dictionary().$op().await {
                Ok(r) => Err(format!("want a decode error, got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(200)),
            }
        })
    };
}

/// A `null` value where the spec declares values nullable (`x-nullable`): `None` under its key,
/// so all keys are kept. Where it does not, the client refuses the `null` ([`refused`]).
macro_rules! null_value {
    ($key:literal, $op:ident, $len:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).dictionary().$op().await.check("call")?;
            eq("keys", r.body.len(), $len)
        })
    };
}

fn strings(values: &[&str]) -> Vec<String> {
    values.iter().map(ToString::to_string).collect()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The three byte arrays of the byte scenarios (the route sends them base64-encoded).
fn byte_values() -> BTreeMap<String, Vec<u8>> {
    indexed(&[vec![255, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]])
}

/// `P123DT22H14M12.011S`, `P5DT1H`.
fn durations() -> BTreeMap<String, body_dictionary::runtime::formats::IsoDuration> {
    indexed(&[
        body_dictionary::runtime::formats::IsoDuration {
            days: 123,
            hours: 22,
            minutes: 14,
            seconds: 12,
            nanoseconds: 11_000_000,
            ..Default::default()
        },
        body_dictionary::runtime::formats::IsoDuration {
            days: 5,
            hours: 1,
            ..Default::default()
        },
    ])
}

/// The route's three dates and times in UTC.
fn rfc1123_values() -> BTreeMap<String, time::OffsetDateTime> {
    indexed(&[
        datetime!(2000-12-01 0:00:01 UTC),
        datetime!(1980-01-02 0:11:35 UTC),
        datetime!(1492-10-12 10:15:01 UTC),
    ])
}

fn widget(integer: i64, string: &str) -> Widget {
    Widget {
        integer: Some(integer),
        string: Some(string.to_string()),
    }
}

fn widgets() -> BTreeMap<String, Widget> {
    indexed(&[widget(1, "2"), widget(3, "4"), widget(5, "6")])
}

fn rows() -> BTreeMap<String, Vec<String>> {
    indexed(&[
        strings(&["1", "2", "3"]),
        strings(&["4", "5", "6"]),
        strings(&["7", "8", "9"]),
    ])
}

fn maps() -> BTreeMap<String, BTreeMap<String, String>> {
    indexed(&[
        map(&[("1", "one"), ("2", "two"), ("3", "three")]),
        map(&[("4", "four"), ("5", "five"), ("6", "six")]),
        map(&[("7", "seven"), ("8", "eight"), ("9", "nine")]),
    ])
}

/// More scenarios: nested containers, complex values, the string-encoded formats, `null`s and
/// bodies a client must refuse.
fn more() -> Vec<Scenario> {
    vec![
        // A 200 without a body: AutoRest's clients return "no value".
        scenario!(F, "getDictionaryNull", |c| {
            let r = client(&c).dictionary().get_null().await.check("call")?;
            eq("keys", r.body.len(), 0)
        }),
        refused!("getDictionaryInvalid", get_invalid),
        refused!("getDictionaryNullValue", get_null_value),
        // `{null : "val1"}` is not JSON.
        refused!("getDictionaryNullkey", get_null_key),
        get!(
            "getDictionaryKeyEmptyString",
            get_empty_string_key,
            map(&[("", "val1")])
        ),
        refused!("getDictionaryBooleanWithNull", get_boolean_invalid_null),
        refused!("getDictionaryBooleanWithString", get_boolean_invalid_string),
        refused!("getDictionaryIntegerWithNull", get_int_invalid_null),
        refused!("getDictionaryIntegerWithString", get_int_invalid_string),
        refused!("getDictionaryLongWithNull", get_long_invalid_null),
        refused!("getDictionaryLongWithString", get_long_invalid_string),
        refused!("getDictionaryFloatWithNull", get_float_invalid_null),
        refused!("getDictionaryFloatWithString", get_float_invalid_string),
        get!(
            "getDictionaryDoubleValid",
            get_double_valid,
            indexed(&[0.0, -0.01, -1.2e20])
        ),
        put!(
            "putDictionaryDoubleValid",
            put_double_valid,
            indexed(&[0.0, -0.01, -1.2e20])
        ),
        refused!("getDictionaryDoubleWithNull", get_double_invalid_null),
        refused!("getDictionaryDoubleWithString", get_double_invalid_string),
        get!(
            "getDictionaryStringValid",
            get_string_valid,
            indexed(&strings(&["foo1", "foo2", "foo3"]))
        ),
        put!(
            "putDictionaryStringValid",
            put_string_valid,
            indexed(&strings(&["foo1", "foo2", "foo3"]))
        ),
        refused!("getDictionaryStringWithNull", get_string_with_null),
        refused!("getDictionaryStringWithNumber", get_string_with_invalid),
        get!(
            "getDictionaryDateValid",
            get_date_valid,
            indexed(&[
                date!(2000 - 12 - 01),
                date!(1980 - 01 - 02),
                date!(1492 - 10 - 12)
            ])
        ),
        put!(
            "putDictionaryDateValid",
            put_date_valid,
            indexed(&[
                date!(2000 - 12 - 01),
                date!(1980 - 01 - 02),
                date!(1492 - 10 - 12)
            ])
        ),
        refused!("getDictionaryDateWithNull", get_date_invalid_null),
        // Values that are not dates / date-times: a client with typed formats refuses them.
        refused!("getDictionaryDateWithInvalidChars", get_date_invalid_chars),
        // `2000-12-01t00:00:01z`, `1980-01-02T00:11:35+01:00`, `1492-10-12T10:15:01-08:00`:
        // each keeps its offset.
        scenario!(F, "getDictionaryDateTimeValid", |c| {
            let r = client(&c)
                .dictionary()
                .get_date_time_valid()
                .await
                .check("call")?;
            let offsets: Vec<_> = r.body.values().map(|d| d.offset().whole_hours()).collect();
            eq("offsets", offsets, vec![0, 1, -8])?;
            eq(
                "body",
                r.body,
                indexed(&[
                    datetime!(2000-12-01 0:00:01 UTC),
                    datetime!(1980-01-02 0:11:35 +1),
                    datetime!(1492-10-12 10:15:01 -8),
                ]),
            )
        }),
        // The route wants the same instants in UTC.
        put!(
            "putDictionaryDateTimeValid",
            put_date_time_valid,
            indexed(&[
                datetime!(2000-12-01 0:00:01 UTC),
                datetime!(1980-01-01 23:11:35 UTC),
                datetime!(1492-10-12 18:15:01 UTC),
            ])
        ),
        refused!("getDictionaryDateTimeWithNull", get_date_time_invalid_null),
        refused!(
            "getDictionaryDateTimeWithInvalidChars",
            get_date_time_invalid_chars
        ),
        get!(
            "getDictionaryDateTimeRfc1123Valid",
            get_date_time_rfc1123_valid,
            rfc1123_values()
        ),
        put!(
            "putDictionaryDateTimeRfc1123Valid",
            put_date_time_rfc1123_valid,
            rfc1123_values()
        ),
        get!(
            "getDictionaryDurationValid",
            get_duration_valid,
            durations()
        ),
        put!(
            "putDictionaryDurationValid",
            put_duration_valid,
            durations()
        ),
        get!("getDictionaryByteValid", get_byte_valid, byte_values()),
        put!("putDictionaryByteValid", put_byte_valid, byte_values()),
        refused!("getDictionaryByteWithNull", get_byte_invalid_null),
        // Unpadded base64url values.
        get!(
            "getDictionaryBase64Url",
            get_base64_url,
            indexed(&[
                b"a string that gets encoded with base64url".to_vec(),
                b"test string".to_vec(),
                b"Lorem ipsum".to_vec(),
            ])
        ),
        get!("getDictionaryComplexNull", get_complex_null, None),
        get!(
            "getDictionaryComplexEmpty",
            get_complex_empty,
            BTreeMap::new()
        ),
        null_value!("getDictionaryComplexItemNull", get_complex_item_null, 3),
        get!("getDictionaryComplexItemEmpty", get_complex_item_empty, {
            let mut all = widgets();
            all.insert("1".to_string(), Widget::default());
            all
        }),
        get!("getDictionaryComplexValid", get_complex_valid, widgets()),
        put!("putDictionaryComplexValid", put_complex_valid, widgets()),
        get!("getDictionaryArrayNull", get_array_null, None),
        get!("getDictionaryArrayEmpty", get_array_empty, BTreeMap::new()),
        null_value!("getDictionaryArrayItemNull", get_array_item_null, 3),
        get!("getDictionaryArrayItemEmpty", get_array_item_empty, {
            let mut all = rows();
            all.insert("1".to_string(), Vec::new());
            all
        }),
        get!("getDictionaryArrayValid", get_array_valid, rows()),
        put!("putDictionaryArrayValid", put_array_valid, rows()),
        scenario!(F, "getDictionaryDictionaryNull", |c| {
            let r = client(&c)
                .dictionary()
                .get_dictionary_null()
                .await
                .check("call")?;
            eq("keys", r.body.len(), 0)
        }),
        get!(
            "getDictionaryDictionaryEmpty",
            get_dictionary_empty,
            BTreeMap::new()
        ),
        null_value!(
            "getDictionaryDictionaryItemNull",
            get_dictionary_item_null,
            3
        ),
        get!(
            "getDictionaryDictionaryItemEmpty",
            get_dictionary_item_empty,
            {
                let mut all = maps();
                all.insert("1".to_string(), BTreeMap::new());
                all
            }
        ),
        get!("getDictionaryDictionaryValid", get_dictionary_valid, maps()),
        put!("putDictionaryDictionaryValid", put_dictionary_valid, maps()),
    ]
}
