//! `header.json`: typed request and response headers (routes: `legacy/routes/header.js`).

use header::Client;
use header::models::GreyscaleColors;
use time::macros::{date, datetime};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "header.json";
const FOX: &str = "The quick brown fox jumps over the lazy dog";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The route's `MULTIBYTE_BUFFER`, which goes base64-encoded (the url.json swagger holds the
/// exact text).
fn multibyte() -> Vec<u8> {
    let text = url::models::PathsStringUnicodeStringPath::default().as_str();
    text.as_bytes().to_vec()
}

/// `P123DT22H14M12.011S`.
fn duration() -> header::runtime::formats::IsoDuration {
    header::runtime::formats::IsoDuration {
        days: 123,
        hours: 22,
        minutes: 14,
        seconds: 12,
        nanoseconds: 11_000_000,
        ..Default::default()
    }
}

/// A request-header scenario: `param_<op>(scenario, value)` answers 200.
macro_rules! param {
    ($key:literal, $op:ident, $scenario:literal, $value:expr) => {
        scenario!(F, $key, |c| {
            client(&c)
                .header()
                .$op($scenario, $value)
                .await
                .check("call")?;
            Ok(())
        })
    };
}

/// A response-header scenario: `response_<op>(scenario)` gives header `value` = `$want`.
macro_rules! response {
    ($key:literal, $op:ident, $scenario:literal, $want:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).header().$op($scenario).await.check("call")?;
            eq("header `value`", r.value, $want)
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        // The operation declares no header parameter: the caller adds one through the client.
        scenario!(F, "CustomHeaderInRequest", |c| {
            let client = Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .default_header(
                    reqwest::header::HeaderName::from_static("x-ms-client-request-id"),
                    reqwest::header::HeaderValue::from_static(
                        "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0",
                    ),
                )
                .build()
                .expect("a client");
            let r = client.header().custom_request_id().await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        scenario!(F, "HeaderParameterExistingKey", |c| {
            client(&c)
                .header()
                .param_existing_key("overwrite")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "HeaderResponseExistingKey", |c| {
            let r = client(&c)
                .header()
                .response_existing_key()
                .await
                .check("call")?;
            eq("User-Agent", r.user_agent.as_deref(), Some("overwrite"))
        }),
        scenario!(F, "HeaderParameterProtectedKey", |c| {
            client(&c)
                .header()
                .param_protected_key("text/html")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "HeaderResponseProtectedKey", |c| {
            let r = client(&c)
                .header()
                .response_protected_key()
                .await
                .check("call")?;
            eq(
                "Content-Type",
                r.content_type.as_deref(),
                Some("text/html; charset=utf-8"),
            )
        }),
        param!(
            "HeaderParameterIntegerPositive",
            param_integer,
            "positive",
            1
        ),
        param!(
            "HeaderParameterIntegerNegative",
            param_integer,
            "negative",
            -2
        ),
        param!("HeaderParameterLongPositive", param_long, "positive", 105),
        param!("HeaderParameterLongNegative", param_long, "negative", -2),
        param!(
            "HeaderParameterFloatPositive",
            param_float,
            "positive",
            0.07
        ),
        param!(
            "HeaderParameterFloatNegative",
            param_float,
            "negative",
            -3.0
        ),
        param!(
            "HeaderParameterDoublePositive",
            param_double,
            "positive",
            7e120
        ),
        param!(
            "HeaderParameterDoubleNegative",
            param_double,
            "negative",
            -3.0
        ),
        param!("HeaderParameterBoolTrue", param_bool, "true", true),
        param!("HeaderParameterBoolFalse", param_bool, "false", false),
        scenario!(F, "HeaderParameterStringValid", |c| {
            client(&c)
                .header()
                .param_string("valid")
                .value(FOX)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "HeaderParameterStringNull", |c| {
            client(&c)
                .header()
                .param_string("null")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "HeaderParameterStringEmpty", |c| {
            client(&c)
                .header()
                .param_string("empty")
                .value("")
                .await
                .check("call")?;
            Ok(())
        }),
        param!(
            "HeaderParameterDateValid",
            param_date,
            "valid",
            date!(2010 - 01 - 01)
        ),
        param!(
            "HeaderParameterDateMin",
            param_date,
            "min",
            date!(0001 - 01 - 01)
        ),
        param!(
            "HeaderParameterDateTimeValid",
            param_datetime,
            "valid",
            datetime!(2010-01-01 12:34:56 UTC)
        ),
        param!(
            "HeaderParameterDateTimeMin",
            param_datetime,
            "min",
            datetime!(0001-01-01 0:00 UTC)
        ),
        scenario!(F, "HeaderParameterDateTimeRfc1123Valid", |c| {
            client(&c)
                .header()
                .param_datetime_rfc1123("valid")
                // The route wants `Fri, 01 Jan 2010 12:34:56 GMT`.
                .value(datetime!(2010-01-01 12:34:56 UTC))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "HeaderParameterDateTimeRfc1123Min", |c| {
            client(&c)
                .header()
                .param_datetime_rfc1123("min")
                // The route wants `Mon, 01 Jan 0001 00:00:00 GMT`.
                .value(datetime!(0001-01-01 0:00 UTC))
                .await
                .check("call")?;
            Ok(())
        }),
        param!(
            "HeaderParameterDurationValid",
            param_duration,
            "valid",
            duration()
        ),
        param!(
            "HeaderParameterBytesValid",
            param_byte,
            "valid",
            multibyte()
        ),
        scenario!(F, "HeaderParameterEnumValid", |c| {
            client(&c)
                .header()
                .param_enum("valid")
                .value(GreyscaleColors::Grey)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "HeaderParameterEnumNull", |c| {
            client(&c).header().param_enum("null").await.check("call")?;
            Ok(())
        }),
        response!(
            "HeaderResponseIntegerPositive",
            response_integer,
            "positive",
            Some(1)
        ),
        response!(
            "HeaderResponseIntegerNegative",
            response_integer,
            "negative",
            Some(-2)
        ),
        response!(
            "HeaderResponseLongPositive",
            response_long,
            "positive",
            Some(105)
        ),
        response!(
            "HeaderResponseLongNegative",
            response_long,
            "negative",
            Some(-2)
        ),
        response!(
            "HeaderResponseFloatPositive",
            response_float,
            "positive",
            Some(0.07)
        ),
        response!(
            "HeaderResponseFloatNegative",
            response_float,
            "negative",
            Some(-3.0)
        ),
        response!(
            "HeaderResponseDoublePositive",
            response_double,
            "positive",
            Some(7e120)
        ),
        response!(
            "HeaderResponseDoubleNegative",
            response_double,
            "negative",
            Some(-3.0)
        ),
        response!("HeaderResponseBoolTrue", response_bool, "true", Some(true)),
        response!(
            "HeaderResponseBoolFalse",
            response_bool,
            "false",
            Some(false)
        ),
        response!(
            "HeaderResponseStringValid",
            response_string,
            "valid",
            Some(FOX.to_string())
        ),
        response!(
            "HeaderResponseStringNull",
            response_string,
            "null",
            Some("null".to_string())
        ),
        response!(
            "HeaderResponseStringEmpty",
            response_string,
            "empty",
            Some(String::new())
        ),
        response!(
            "HeaderResponseEnumValid",
            response_enum,
            "valid",
            Some("GREY".to_string())
        ),
        response!(
            "HeaderResponseEnumNull",
            response_enum,
            "null",
            Some(String::new())
        ),
        response!(
            "HeaderResponseDateValid",
            response_date,
            "valid",
            Some(date!(2010 - 01 - 01))
        ),
        response!(
            "HeaderResponseDateMin",
            response_date,
            "min",
            Some(date!(0001 - 01 - 01))
        ),
        response!(
            "HeaderResponseDateTimeValid",
            response_datetime,
            "valid",
            Some(datetime!(2010-01-01 12:34:56 UTC))
        ),
        response!(
            "HeaderResponseDateTimeMin",
            response_datetime,
            "min",
            Some(datetime!(0001-01-01 0:00 UTC))
        ),
        response!(
            "HeaderResponseDateTimeRfc1123Valid",
            response_datetime_rfc1123,
            "valid",
            Some(datetime!(2010-01-01 12:34:56 UTC))
        ),
        response!(
            "HeaderResponseDateTimeRfc1123Min",
            response_datetime_rfc1123,
            "min",
            Some(datetime!(0001-01-01 0:00 UTC))
        ),
        response!(
            "HeaderResponseDurationValid",
            response_duration,
            "valid",
            Some(duration())
        ),
        response!(
            "HeaderResponseBytesValid",
            response_byte,
            "valid",
            Some(multibyte())
        ),
    ]
}
