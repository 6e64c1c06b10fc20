//! `body-boolean.json` and `body-integer.json`: primitive JSON bodies, `null`, and values a
//! client must refuse (routes: `src/test-routes/bool.ts`, `legacy/routes/int.js`).

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

fn boolean(c: &Ctx) -> body_boolean::Client {
    body_boolean::Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

fn integer(c: &Ctx) -> body_integer::Client {
    body_integer::Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The call fails to decode the 200 body (the value is not of the documented type).
macro_rules! refused {
    ($file:expr, $key:literal, $client:ident . $group:ident . $op:ident) => {
        scenario!($file, $key, |c| {
            match $client(&c).$group().$op().await {
                Ok(r) => Err(format!("want a decode error, got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(200)),
            }
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    const B: &str = "body-boolean.json";
    const I: &str = "body-integer.json";
    vec![
        scenario!(B, "getBoolTrue", |c| {
            let r = boolean(&c).bool().get_true().await.check("call")?;
            eq("body", r.body, Default::default())
        }),
        scenario!(B, "putBoolTrue", |c| {
            boolean(&c)
                .bool()
                .put_true(body_boolean::models::BoolGetTrue200::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(B, "getBoolFalse", |c| {
            let r = boolean(&c).bool().get_false().await.check("call")?;
            eq("body", r.body, Default::default())
        }),
        scenario!(B, "putBoolFalse", |c| {
            boolean(&c)
                .bool()
                .put_false(body_boolean::models::BoolGetFalse200::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(B, "getBoolNull", |c| {
            let r = boolean(&c).bool().get_null().await.check("call")?;
            eq("body", r.body, None)
        }),
        refused!(B, "getBoolInvalid", boolean.bool.get_invalid),
        scenario!(I, "getIntegerNull", |c| {
            let r = integer(&c).int().get_null().await.check("call")?;
            eq("body", r.body, None)
        }),
        refused!(I, "getIntegerInvalid", integer.int.get_invalid),
        refused!(I, "getIntegerOverflow", integer.int.get_overflow_int32),
        refused!(I, "getIntegerUnderflow", integer.int.get_underflow_int32),
        refused!(I, "getLongOverflow", integer.int.get_overflow_int64),
        refused!(I, "getLongUnderflow", integer.int.get_underflow_int64),
        scenario!(I, "putIntegerMax", |c| {
            integer(&c).int().put_max32(i32::MAX).await.check("call")?;
            Ok(())
        }),
        scenario!(I, "putLongMax", |c| {
            integer(&c).int().put_max64(i64::MAX).await.check("call")?;
            Ok(())
        }),
        scenario!(I, "putIntegerMin", |c| {
            integer(&c).int().put_min32(i32::MIN).await.check("call")?;
            Ok(())
        }),
        scenario!(I, "putLongMin", |c| {
            integer(&c).int().put_min64(i64::MIN).await.check("call")?;
            Ok(())
        }),
        scenario!(I, "getUnixTime", |c| {
            // `1460505600`.
            let r = integer(&c).int().get_unix_time().await.check("call")?;
            eq("body", r.body, time::macros::datetime!(2016-04-13 0:00 UTC))
        }),
        scenario!(I, "putUnixTime", |c| {
            integer(&c)
                .int()
                // The route wants `1460505600`.
                .put_unix_time_date(time::macros::datetime!(2016-04-13 0:00 UTC))
                .await
                .check("call")?;
            Ok(())
        }),
        refused!(I, "getInvalidUnixTime", integer.int.get_invalid_unix_time),
        scenario!(I, "getNullUnixTime", |c| {
            let r = integer(&c).int().get_null_unix_time().await.check("call")?;
            eq("body", r.body, None)
        }),
    ]
}
