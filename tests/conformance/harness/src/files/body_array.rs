//! `body-array.json` (primitive items so far): arrays decoded and encoded exactly, and items a
//! client must refuse (routes: `src/test-routes/array.ts`).

use body_array::Client;
use body_array::models::{ArrayGetStringEnumValid200Item, FooEnum};

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

pub fn scenarios() -> Vec<Scenario> {
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
            [true, false, false, true]
        ),
        refused!("getArrayBooleanWithString", get_boolean_invalid_string),
        get!(
            "getArrayIntegerValid",
            get_integer_valid,
            vec![1, -1, 3, 300]
        ),
        put!("putArrayIntegerValid", put_integer_valid, [1, -1, 3, 300]),
        refused!("getArrayIntegerWithString", get_int_invalid_string),
        get!("getArrayLongValid", get_long_valid, vec![1, -1, 3, 300]),
        put!("putArrayLongValid", put_long_valid, [1, -1, 3, 300]),
        refused!("getArrayLongWithString", get_long_invalid_string),
        get!(
            "getArrayFloatValid",
            get_float_valid,
            vec![0.0, -0.01, -1.2e20]
        ),
        put!("putArrayFloatValid", put_float_valid, [0.0, -0.01, -1.2e20]),
        refused!("getArrayFloatWithString", get_float_invalid_string),
        get!(
            "getArrayDoubleValid",
            get_double_valid,
            vec![0.0, -0.01, -1.2e20]
        ),
        put!(
            "putArrayDoubleValid",
            put_double_valid,
            [0.0, -0.01, -1.2e20]
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
            ["foo1", "foo2", "foo3"]
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
            [FooEnum::Foo1, FooEnum::Foo2, FooEnum::Foo3]
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
            [
                ArrayGetStringEnumValid200Item::Foo1,
                ArrayGetStringEnumValid200Item::Foo2,
                ArrayGetStringEnumValid200Item::Foo3
            ]
        ),
        get!(
            "getArrayDateValid",
            get_date_valid,
            strings(&["2000-12-01", "1980-01-02", "1492-10-12"])
        ),
        put!(
            "putArrayDateValid",
            put_date_valid,
            ["2000-12-01", "1980-01-02", "1492-10-12"]
        ),
        // A `null` item: AutoRest's clients return it as "no value" in its place.
        scenario!(F, "getArrayBooleanWithNull", |c| {
            let r = client(&c)
                .array()
                .get_boolean_invalid_null()
                .await
                .check("call")?;
            eq("items", r.body.len(), 3)
        }),
        scenario!(F, "getArrayIntegerWithNull", |c| {
            let r = client(&c)
                .array()
                .get_int_invalid_null()
                .await
                .check("call")?;
            eq("items", r.body.len(), 3)
        }),
        scenario!(F, "getArrayStringWithNull", |c| {
            let r = client(&c)
                .array()
                .get_string_with_null()
                .await
                .check("call")?;
            eq("items", r.body.len(), 3)
        }),
    ]
}
