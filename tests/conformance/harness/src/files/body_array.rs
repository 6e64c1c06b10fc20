//! `body-array.json`: arrays decoded and encoded exactly, and items a
//! client must refuse (routes: `src/test-routes/array.ts`).

use std::collections::BTreeMap;

use body_array::Client;
use body_array::models::{ArrayGetStringEnumValid200Item, FooEnum, Product};
use time::macros::{date, datetime};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-array.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The body decodes to `$want`.
macro_rules! get {
    ($key:literal, $op:ident, $want:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).array().$op().await.check("call")?;
            eq("body", r.body, $want)
        })
    };
}

/// `$op($value)` answers 200 (the route compares the body).
macro_rules! put {
    ($key:literal, $op:ident, $value:expr) => {
        scenario!(F, $key, |c| {
            client(&c).array().$op($value).await.check("call")?;
            Ok(())
        })
    };
}

/// The body has an item of the wrong type: the client refuses it.
macro_rules! refused {
    ($key:literal, $op:ident) => {
        scenario!(F, $key, |c| {
            match client(&c).array().$op().await {
                Ok(r) => Err(format!("want a decode error, got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(200)),
            }
        })
    };
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

/// The server sends a 200 without a body: AutoRest's clients return "no value".
macro_rules! no_body {
    ($key:literal, $op:ident) => {
        scenario!(F, $key, |c| {
            let r = client(&c).array().$op().await.check("call")?;
            eq("items", r.body.len(), 0)
        })
    };
}

/// `{"1": "one", ...}` from pairs.
fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn product(integer: i64, string: &str) -> Product {
    Product {
        integer: Some(integer),
        string: Some(string.to_string()),
    }
}

/// The three byte arrays of the byte scenarios (the route sends them base64-encoded).
fn byte_items() -> Vec<Vec<u8>> {
    vec![vec![255, 255, 255, 250], vec![1, 2, 3], vec![37, 41, 67]]
}

fn uuids() -> Vec<uuid::Uuid> {
    vec![
        uuid::uuid!("6dcc7237-45fe-45c4-8a6b-3a8a3f625652"),
        uuid::uuid!("d1399005-30f7-40d6-8da6-dd7c89ad34db"),
        uuid::uuid!("f42f6aa1-a5bc-4ddf-907e-5f915de43205"),
    ]
}

fn dates() -> Vec<time::Date> {
    vec![
        date!(2000 - 12 - 01),
        date!(1980 - 01 - 02),
        date!(1492 - 10 - 12),
    ]
}

/// `P123DT22H14M12.011S`, `P5DT1H`.
fn durations() -> Vec<body_array::runtime::formats::IsoDuration> {
    vec![
        body_array::runtime::formats::IsoDuration {
            days: 123,
            hours: 22,
            minutes: 14,
            seconds: 12,
            nanoseconds: 11_000_000,
            ..Default::default()
        },
        body_array::runtime::formats::IsoDuration {
            days: 5,
            hours: 1,
            ..Default::default()
        },
    ]
}

fn string_rows() -> Vec<Vec<String>> {
    vec![
        strings(&["1", "2", "3"]),
        strings(&["4", "5", "6"]),
        strings(&["7", "8", "9"]),
    ]
}

fn dictionaries() -> Vec<BTreeMap<String, String>> {
    vec![
        map(&[("1", "one"), ("2", "two"), ("3", "three")]),
        map(&[("4", "four"), ("5", "five"), ("6", "six")]),
        map(&[("7", "seven"), ("8", "eight"), ("9", "nine")]),
    ]
}

/// More scenarios: nested containers, complex items, the string-encoded formats and `null`s.
fn more() -> Vec<Scenario> {
    vec![
        no_body!("getArrayNull", get_null),
        // `null` items where the spec does not declare them nullable (the operation ids say
        // `InvalidNull`): refused like any item of the wrong type (ARCHITECTURE.md, Decisions).
        refused!("getArrayLongWithNull", get_long_invalid_null),
        refused!("getArrayFloatWithNull", get_float_invalid_null),
        refused!("getArrayDoubleWithNull", get_double_invalid_null),
        refused!("getArrayDateWithNull", get_date_invalid_null),
        refused!("getArrayDateTimeWithNull", get_date_time_invalid_null),
        refused!("getArrayByteWithNull", get_byte_invalid_null),
        get!("getArrayUuidValid", get_uuid_valid, uuids()),
        put!("putArrayUuidValid", put_uuid_valid, uuids()),
        // Items that are not uuids / dates / date-times: a client with typed formats refuses them.
        refused!("getArrayUuidWithInvalidChars", get_uuid_invalid_chars),
        refused!("getArrayDateWithInvalidChars", get_date_invalid_chars),
        refused!(
            "getArrayDateTimeWithInvalidChars",
            get_date_time_invalid_chars
        ),
        // `2000-12-01t00:00:01z`, `1980-01-02T00:11:35+01:00`, `1492-10-12T10:15:01-08:00`:
        // each keeps its offset.
        scenario!(F, "getArrayDateTimeValid", |c| {
            let r = client(&c)
                .array()
                .get_date_time_valid()
                .await
                .check("call")?;
            let offsets: Vec<_> = r.body.iter().map(|d| d.offset().whole_hours()).collect();
            eq("offsets", offsets, vec![0, 1, -8])?;
            eq(
                "body",
                r.body,
                vec![
                    datetime!(2000-12-01 0:00:01 UTC),
                    datetime!(1980-01-02 0:11:35 +1),
                    datetime!(1492-10-12 10:15:01 -8),
                ],
            )
        }),
        put!(
            "putArrayDateTimeValid",
            put_date_time_valid,
            vec![
                datetime!(2000-12-01 0:00:01 UTC),
                datetime!(1980-01-02 0:11:35 UTC),
                datetime!(1492-10-12 10:15:01 UTC),
            ]
        ),
        get!(
            "getArrayDateTimeRfc1123Valid",
            get_date_time_rfc1123_valid,
            vec![
                datetime!(2000-12-01 0:00:01 UTC),
                datetime!(1980-01-02 0:11:35 UTC),
                datetime!(1492-10-12 10:15:01 UTC),
            ]
        ),
        put!(
            "putArrayDateTimeRfc1123Valid",
            put_date_time_rfc1123_valid,
            vec![
                datetime!(2000-12-01 0:00:01 UTC),
                datetime!(1980-01-02 0:11:35 UTC),
                datetime!(1492-10-12 10:15:01 UTC),
            ]
        ),
        // `P5DT1H0M0S` comes back; zero fields compare equal to absent ones.
        get!("getArrayDurationValid", get_duration_valid, durations()),
        // The route wants `["P123DT22H14M12.011S", "P5DT1H"]`.
        put!("putArrayDurationValid", put_duration_valid, durations()),
        get!("getArrayByteValid", get_byte_valid, byte_items()),
        put!("putArrayByteValid", put_byte_valid, byte_items()),
        // `YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw`, `dGVzdCBzdHJpbmc`,
        // `TG9yZW0gaXBzdW0`: unpadded base64url.
        get!(
            "getArrayBase64Url",
            get_base64_url,
            vec![
                b"a string that gets encoded with base64url".to_vec(),
                b"test string".to_vec(),
                b"Lorem ipsum".to_vec(),
            ]
        ),
        no_body!("getArrayComplexNull", get_complex_null),
        get!("getArrayComplexEmpty", get_complex_empty, Vec::new()),
        get!(
            "getArrayComplexItemNull",
            get_complex_item_null,
            vec![Some(product(1, "2")), None, Some(product(5, "6"))]
        ),
        get!(
            "getArrayComplexItemEmpty",
            get_complex_item_empty,
            vec![product(1, "2"), Product::default(), product(5, "6")]
        ),
        get!(
            "getArrayComplexValid",
            get_complex_valid,
            vec![product(1, "2"), product(3, "4"), product(5, "6")]
        ),
        put!(
            "putArrayComplexValid",
            put_complex_valid,
            vec![product(1, "2"), product(3, "4"), product(5, "6")]
        ),
        no_body!("getArrayArrayNull", get_array_null),
        get!(
            "getArrayArrayEmpty",
            get_array_empty,
            Vec::<Vec<String>>::new()
        ),
        get!("getArrayArrayItemNull", get_array_item_null, {
            let rows = string_rows();
            vec![Some(rows[0].clone()), None, Some(rows[2].clone())]
        }),
        get!("getArrayArrayItemEmpty", get_array_item_empty, {
            let mut rows = string_rows();
            rows[1].clear();
            rows
        }),
        get!("getArrayArrayValid", get_array_valid, string_rows()),
        put!("putArrayArrayValid", put_array_valid, string_rows()),
        no_body!("getArrayDictionaryNull", get_dictionary_null),
        get!(
            "getArrayDictionaryEmpty",
            get_dictionary_empty,
            Vec::<BTreeMap<String, String>>::new()
        ),
        get!("getArrayDictionaryItemNull", get_dictionary_item_null, {
            let all = dictionaries();
            vec![Some(all[0].clone()), None, Some(all[2].clone())]
        }),
        get!("getArrayDictionaryItemEmpty", get_dictionary_item_empty, {
            let mut all = dictionaries();
            all[1].clear();
            all
        }),
        get!(
            "getArrayDictionaryValid",
            get_dictionary_valid,
            dictionaries()
        ),
        put!(
            "putArrayDictionaryValid",
            put_dictionary_valid,
            dictionaries()
        ),
    ]
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = first();
    all.extend(more());
    all
}

fn first() -> Vec<Scenario> {
    vec![
        get!("getArrayEmpty", get_empty, Vec::new()),
        put!("putArrayEmpty", put_empty, Vec::<String>::new()),
        refused!("getArrayInvalid", get_invalid),
        get!(
            "getArrayBooleanValid",
            get_boolean_tfft,
            vec![true, false, false, true]
        ),
        put!(
            "putArrayBooleanValid",
            put_boolean_tfft,
            vec![true, false, false, true]
        ),
        refused!("getArrayBooleanWithString", get_boolean_invalid_string),
        get!(
            "getArrayIntegerValid",
            get_integer_valid,
            vec![1, -1, 3, 300]
        ),
        put!(
            "putArrayIntegerValid",
            put_integer_valid,
            vec![1, -1, 3, 300]
        ),
        refused!("getArrayIntegerWithString", get_int_invalid_string),
        get!("getArrayLongValid", get_long_valid, vec![1, -1, 3, 300]),
        put!("putArrayLongValid", put_long_valid, vec![1, -1, 3, 300]),
        refused!("getArrayLongWithString", get_long_invalid_string),
        get!(
            "getArrayFloatValid",
            get_float_valid,
            vec![0.0, -0.01, -1.2e20]
        ),
        put!(
            "putArrayFloatValid",
            put_float_valid,
            vec![0.0, -0.01, -1.2e20]
        ),
        refused!("getArrayFloatWithString", get_float_invalid_string),
        get!(
            "getArrayDoubleValid",
            get_double_valid,
            vec![0.0, -0.01, -1.2e20]
        ),
        put!(
            "putArrayDoubleValid",
            put_double_valid,
            vec![0.0, -0.01, -1.2e20]
        ),
        refused!("getArrayDoubleWithString", get_double_invalid_string),
        get!(
            "getArrayStringValid",
            get_string_valid,
            strings(&["foo1", "foo2", "foo3"])
        ),
        put!(
            "putArrayStringValid",
            put_string_valid,
            strings(&["foo1", "foo2", "foo3"])
        ),
        refused!("getArrayStringWithNumber", get_string_with_invalid),
        get!(
            "getArrayEnumValid",
            get_enum_valid,
            vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3]
        ),
        put!(
            "putArrayEnumValid",
            put_enum_valid,
            vec![FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3]
        ),
        get!(
            "getArrayStringEnumValid",
            get_string_enum_valid,
            vec![
                ArrayGetStringEnumValid200Item::Foo1,
                ArrayGetStringEnumValid200Item::Foo2,
                ArrayGetStringEnumValid200Item::Foo3
            ]
        ),
        put!(
            "putArrayStringEnumValid",
            put_string_enum_valid,
            vec![
                ArrayGetStringEnumValid200Item::Foo1,
                ArrayGetStringEnumValid200Item::Foo2,
                ArrayGetStringEnumValid200Item::Foo3
            ]
        ),
        get!("getArrayDateValid", get_date_valid, dates()),
        put!("putArrayDateValid", put_date_valid, dates()),
        // A `null` item the spec does not allow: refused.
        refused!("getArrayBooleanWithNull", get_boolean_invalid_null),
        refused!("getArrayIntegerWithNull", get_int_invalid_null),
        get!(
            "getArrayStringWithNull",
            get_string_with_null,
            vec![Some("foo".to_string()), None, Some("foo2".to_string())]
        ),
    ]
}
