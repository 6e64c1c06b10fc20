//! `url.json`: path and query parameters of every type and encoding (routes:
//! `src/test-routes/paths.ts`, `legacy/routes/queries.js`, `legacy/routes/pathitem.js`).
//!
//! A required parameter with a single `enum` value is a constant: its generated type has that
//! one value as its `Default`.

use time::macros::{date, datetime};
use url::Client;
use url::models::UriColor;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario};

const F: &str = "url.json";
/// The route's `MULTIBYTE_BUFFER`, taken from the swagger's own constant (it has CJK
/// compatibility ideographs, which retyping turns into their unified twins).
fn multibyte() -> &'static str {
    url::models::PathsStringUnicodeStringPath::default().as_str()
}
const ENCODED: &str = "begin!*'();:@ &=+$,/?#[]end";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The bytes of `text` (a byte parameter goes base64-encoded).
fn bytes(text: &str) -> Vec<u8> {
    text.as_bytes().to_vec()
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = paths();
    all.extend(queries());
    all.extend(path_items());
    all
}

fn paths() -> Vec<Scenario> {
    vec![
        scenario!(F, "UrlPathsBoolTrue", |c| {
            client(&c)
                .paths()
                .get_boolean_true(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsBoolFalse", |c| {
            client(&c)
                .paths()
                .get_boolean_false(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsIntPositive", |c| {
            client(&c)
                .paths()
                .get_int_one_million(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsIntNegative", |c| {
            client(&c)
                .paths()
                .get_int_negative_one_million(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsIntUnixTime", |c| {
            client(&c)
                .paths()
                // The route wants `1460505600`.
                .unix_time_url(datetime!(2016-04-13 0:00 UTC))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsLongPositive", |c| {
            client(&c)
                .paths()
                .get_ten_billion(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsLongNegative", |c| {
            client(&c)
                .paths()
                .get_negative_ten_billion(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsFloatPositive", |c| {
            client(&c)
                .paths()
                .float_scientific_positive(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsFloatNegative", |c| {
            client(&c)
                .paths()
                .float_scientific_negative(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsDoublePositive", |c| {
            client(&c)
                .paths()
                .double_decimal_positive(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsDoubleNegative", |c| {
            client(&c)
                .paths()
                .double_decimal_negative(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsStringEmpty", |c| {
            client(&c)
                .paths()
                .string_empty(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsStringUnicode", |c| {
            client(&c)
                .paths()
                .string_unicode(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsStringUrlEncoded", |c| {
            client(&c)
                .paths()
                .string_url_encoded(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsStringUrlNonEncoded", |c| {
            client(&c)
                .paths()
                .string_url_non_encoded(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsStringBase64Url", |c| {
            client(&c)
                .paths()
                // The route wants `bG9yZW0` (unpadded base64url).
                .base64_url(b"lorem".to_vec())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsByteEmpty", |c| {
            client(&c)
                .paths()
                .byte_empty(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsByteMultiByte", |c| {
            client(&c)
                .paths()
                .byte_multi_byte(bytes(multibyte()))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsDateValid", |c| {
            client(&c)
                .paths()
                // The spec's one-value `enum` is ignored (a date): the value is the caller's.
                .date_valid(date!(2012 - 01 - 01))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsDateTimeValid", |c| {
            client(&c)
                .paths()
                .date_time_valid(datetime!(2012-01-01 1:01:01 UTC))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsEnumValid", |c| {
            client(&c)
                .paths()
                .enum_valid(UriColor::GreenColor)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathsArrayCSVInPath", |c| {
            client(&c)
                .paths()
                .array_csv_in_path(["ArrayPath1", ENCODED, "", ""])
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}

fn queries() -> Vec<Scenario> {
    vec![
        scenario!(F, "UrlQueriesBoolTrue", |c| {
            client(&c)
                .queries()
                .get_boolean_true(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesBoolFalse", |c| {
            client(&c)
                .queries()
                .get_boolean_false(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesBoolNull", |c| {
            client(&c)
                .queries()
                .get_boolean_null()
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesIntPositive", |c| {
            client(&c)
                .queries()
                .get_int_one_million(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesIntNegative", |c| {
            client(&c)
                .queries()
                .get_int_negative_one_million(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesIntNull", |c| {
            client(&c).queries().get_int_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesLongPositive", |c| {
            client(&c)
                .queries()
                .get_ten_billion(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesLongNegative", |c| {
            client(&c)
                .queries()
                .get_negative_ten_billion(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesLongNull", |c| {
            client(&c).queries().get_long_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesFloatPositive", |c| {
            client(&c)
                .queries()
                .float_scientific_positive(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesFloatNegative", |c| {
            client(&c)
                .queries()
                .float_scientific_negative(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesFloatNull", |c| {
            client(&c).queries().float_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDoublePositive", |c| {
            client(&c)
                .queries()
                .double_decimal_positive(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDoubleNegative", |c| {
            client(&c)
                .queries()
                .double_decimal_negative(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDoubleNull", |c| {
            client(&c).queries().double_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesStringUrlEncoded", |c| {
            client(&c)
                .queries()
                .string_url_encoded(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesStringEmpty", |c| {
            client(&c)
                .queries()
                .string_empty(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesStringNull", |c| {
            client(&c).queries().string_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesStringUnicode", |c| {
            client(&c)
                .queries()
                .string_unicode(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesEnumValid", |c| {
            client(&c)
                .queries()
                .enum_valid()
                .enum_query(UriColor::GreenColor)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesEnumNull", |c| {
            client(&c).queries().enum_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesByteMultiByte", |c| {
            client(&c)
                .queries()
                .byte_multi_byte()
                .byte_query(bytes(multibyte()))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesByteEmpty", |c| {
            client(&c)
                .queries()
                .byte_empty(Default::default())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesByteNull", |c| {
            client(&c).queries().byte_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDateValid", |c| {
            client(&c)
                .queries()
                .date_valid(date!(2012 - 01 - 01))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDateNull", |c| {
            client(&c).queries().date_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDateTimeValid", |c| {
            client(&c)
                .queries()
                .date_time_valid(datetime!(2012-01-01 1:01:01 UTC))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesDateTimeNull", |c| {
            client(&c).queries().date_time_null().await.check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArrayCsvValid", |c| {
            client(&c)
                .queries()
                .array_string_csv_valid()
                .array_query(["ArrayQuery1", ENCODED, "", ""])
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArrayCsvNull", |c| {
            client(&c)
                .queries()
                .array_string_csv_null()
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArrayCsvEmpty", |c| {
            client(&c)
                .queries()
                .array_string_csv_empty()
                .array_query(Vec::<String>::new())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArrayNoCollectionFormatValid", |c| {
            client(&c)
                .queries()
                .array_string_no_collection_format_empty()
                .array_query(["hello", "nihao", "bonjour"])
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArraySsvValid", |c| {
            client(&c)
                .queries()
                .array_string_ssv_valid()
                .array_query(["ArrayQuery1", ENCODED, "", ""])
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArrayTsvValid", |c| {
            client(&c)
                .queries()
                .array_string_tsv_valid()
                .array_query(["ArrayQuery1", ENCODED, "", ""])
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlQueriesArrayPipesValid", |c| {
            client(&c)
                .queries()
                .array_string_pipes_valid()
                .array_query(["ArrayQuery1", ENCODED, "", ""])
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}

fn path_items() -> Vec<Scenario> {
    vec![
        scenario!(F, "UrlPathItemGetAll", |c| {
            client(&c)
                .path_items()
                .get_all_with_values("pathItemStringPath", "globalStringPath", "localStringPath")
                .path_item_string_query("pathItemStringQuery")
                .global_string_query("globalStringQuery")
                .local_string_query("localStringQuery")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathItemGetGlobalNull", |c| {
            client(&c)
                .path_items()
                .get_global_query_null("pathItemStringPath", "globalStringPath", "localStringPath")
                .path_item_string_query("pathItemStringQuery")
                .local_string_query("localStringQuery")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathItemGetGlobalAndLocalNull", |c| {
            client(&c)
                .path_items()
                .get_global_and_local_query_null(
                    "pathItemStringPath",
                    "globalStringPath",
                    "localStringPath",
                )
                .path_item_string_query("pathItemStringQuery")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "UrlPathItemGetPathItemAndLocalNull", |c| {
            client(&c)
                .path_items()
                .get_local_path_item_query_null(
                    "pathItemStringPath",
                    "globalStringPath",
                    "localStringPath",
                )
                .global_string_query("globalStringQuery")
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}
