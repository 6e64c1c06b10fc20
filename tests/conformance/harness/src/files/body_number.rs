//! `body-number.json`: `float` and `double` bodies at the edges, exact both ways (routes:
//! `legacy/routes/number.js`). A constant response type decodes only when the server sends
//! exactly its value.

use body_number::Client;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-number.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// A `get` whose (constant) body type must decode.
macro_rules! get {
    ($key:literal, $op:ident) => {
        scenario!(F, $key, |c| {
            let r = client(&c).number().$op().await.check("call")?;
            eq("body", r.body, Default::default())
        })
    };
}

/// A `put` of `$value`, answered 200.
macro_rules! put {
    ($key:literal, $op:ident, $value:expr) => {
        scenario!(F, $key, |c| {
            client(&c).number().$op($value).await.check("call")?;
            Ok(())
        })
    };
}

/// A `get` whose body is not a number: the client refuses it.
macro_rules! refused {
    ($key:literal, $op:ident) => {
        scenario!(F, $key, |c| {
            match client(&c).number().$op().await {
                Ok(r) => Err(format!("want a decode error, got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(200)),
            }
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "getNumberNull", |c| {
            let r = client(&c).number().get_null().await.check("call")?;
            eq("body", r.body, None)
        }),
        refused!("getFloatInvalid", get_invalid_float),
        refused!("getDoubleInvalid", get_invalid_double),
        get!("getFloatBigScientificNotation", get_big_float),
        put!("putFloatBigScientificNotation", put_big_float, 3.402823e20),
        get!("getDoubleBigScientificNotation", get_big_double),
        put!(
            "putDoubleBigScientificNotation",
            put_big_double,
            2.5976931e101
        ),
        get!(
            "getDoubleBigPositiveDecimal",
            get_big_double_positive_decimal
        ),
        put!(
            "putDoubleBigPositiveDecimal",
            put_big_double_positive_decimal,
            body_number::models::NumberPutBigDoublePositiveDecimalNumberBody::default()
        ),
        get!(
            "getDoubleBigNegativeDecimal",
            get_big_double_negative_decimal
        ),
        put!(
            "putDoubleBigNegativeDecimal",
            put_big_double_negative_decimal,
            body_number::models::NumberPutBigDoubleNegativeDecimalNumberBody::default()
        ),
        get!("getFloatSmallScientificNotation", get_small_float),
        put!(
            "putFloatSmallScientificNotation",
            put_small_float,
            3.402823e-20
        ),
        get!("getDoubleSmallScientificNotation", get_small_double),
        put!(
            "putDoubleSmallScientificNotation",
            put_small_double,
            2.5976931e-101
        ),
        // `format: decimal` is an `f64` (the values here round-trip exactly through one).
        refused!("getDecimalInvalid", get_invalid_decimal),
        get!("getDecimalBig", get_big_decimal),
        put!("putDecimalBig", put_big_decimal, 2.5976931e101),
        get!(
            "getDecimalBigPositiveDecimal",
            get_big_decimal_positive_decimal
        ),
        put!(
            "putDecimalBigPositiveDecimal",
            put_big_decimal_positive_decimal,
            body_number::models::NumberPutBigDecimalPositiveDecimalNumberBody::default()
        ),
        get!(
            "getDecimalBigNegativeDecimal",
            get_big_decimal_negative_decimal
        ),
        put!(
            "putDecimalBigNegativeDecimal",
            put_big_decimal_negative_decimal,
            body_number::models::NumberPutBigDecimalNegativeDecimalNumberBody::default()
        ),
        get!("getDecimalSmall", get_small_decimal),
        put!("putDecimalSmall", put_small_decimal, 2.5976931e-101),
    ]
}
