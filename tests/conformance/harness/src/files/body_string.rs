//! `body-string.json`: string bodies, enums and base64 strings (routes: `src/test-routes/string.ts`).

use body_string::Client;
use body_string::models::{
    ColorConstant, RefColorConstant, RefColors, StringGetEmpty200, StringGetMbcs200,
};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-string.json";
const WHITESPACE: &str =
    "    Now is the time for all good men to come to the aid of their country    ";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "getStringNull", |c| {
            let r = client(&c).string().get_null().await.check("get_null")?;
            eq("body", r.body, None)
        }),
        scenario!(F, "putStringNull", |c| {
            client(&c).string().put_null().await.check("put_null")?;
            Ok(())
        }),
        scenario!(F, "getStringEmpty", |c| {
            let r = client(&c).string().get_empty().await.check("get_empty")?;
            eq("body", r.body.as_str(), "")
        }),
        scenario!(F, "putStringEmpty", |c| {
            client(&c)
                .string()
                .put_empty(StringGetEmpty200::Empty)
                .await
                .check("put_empty")?;
            Ok(())
        }),
        scenario!(F, "getStringNotProvided", |c| {
            let r = client(&c)
                .string()
                .get_not_provided()
                .await
                .check("get_not_provided")?;
            eq("raw body", r.raw_body(), b"".as_slice())
        }),
        scenario!(F, "getStringWithLeadingAndTrailingWhitespace", |c| {
            let r = client(&c)
                .string()
                .get_whitespace()
                .await
                .check("get_whitespace")?;
            eq("body", r.body.as_str(), WHITESPACE)
        }),
        scenario!(F, "putStringWithLeadingAndTrailingWhitespace", |c| {
            let value = body_string::models::StringGetWhitespace200::NowIsTheTimeForAllGoodMenToComeToTheAidOfTheirCountry;
            eq("the constant", value.as_str(), WHITESPACE)?;
            client(&c)
                .string()
                .put_whitespace(value)
                .await
                .check("put_whitespace")?;
            Ok(())
        }),
        scenario!(F, "getStringMultiByteCharacters", |c| {
            let r = client(&c).string().get_mbcs().await.check("get_mbcs")?;
            // The swagger's enum holds the route's exact text (CJK and private-use characters).
            eq("body", r.body.as_str(), StringGetMbcs200::Value.as_str())
        }),
        scenario!(F, "putStringMultiByteCharacters", |c| {
            let value = StringGetMbcs200::Value;
            client(&c)
                .string()
                .put_mbcs(value)
                .await
                .check("put_mbcs")?;
            Ok(())
        }),
        scenario!(F, "getStringBase64Encoded", |c| {
            let r = client(&c)
                .string()
                .get_base64_encoded()
                .await
                .check("get_base64_encoded")?;
            // `YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjQ=`.
            eq(
                "body",
                r.body,
                b"a string that gets encoded with base64".to_vec(),
            )
        }),
        scenario!(F, "getStringBase64UrlEncoded", |c| {
            let r = client(&c)
                .string()
                .get_base64_url_encoded()
                .await
                .check("get_base64_url_encoded")?;
            // `YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw`.
            eq(
                "body",
                r.body,
                b"a string that gets encoded with base64url".to_vec(),
            )
        }),
        scenario!(F, "putStringBase64UrlEncoded", |c| {
            client(&c)
                .string()
                // The route wants `YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw`.
                .put_base64_url_encoded(b"a string that gets encoded with base64url".to_vec())
                .await
                .check("put_base64_url_encoded")?;
            Ok(())
        }),
        scenario!(F, "getStringNullBase64UrlEncoding", |c| {
            let r = client(&c)
                .string()
                .get_null_base64_url_encoded()
                .await
                .check("get_null_base64_url_encoded")?;
            eq("body", r.body, None)
        }),
        // `Colors` and `RefColors` share the `x-ms-enum` name `Colors` and its values: one enum.
        scenario!(F, "getEnumNotExpandable", |c| {
            let r = client(&c)
                .r#enum()
                .get_not_expandable()
                .await
                .check("get_not_expandable")?;
            eq("body", r.body, RefColors::RedColor)
        }),
        scenario!(F, "putEnumNotExpandable", |c| {
            client(&c)
                .r#enum()
                .put_not_expandable(RefColors::RedColor)
                .await
                .check("put_not_expandable")?;
            Ok(())
        }),
        scenario!(F, "getEnumReferenced", |c| {
            let r = client(&c)
                .r#enum()
                .get_referenced()
                .await
                .check("get_referenced")?;
            eq("body", r.body, RefColors::RedColor)
        }),
        scenario!(F, "putEnumReferenced", |c| {
            client(&c)
                .r#enum()
                .put_referenced(RefColors::RedColor)
                .await
                .check("put_referenced")?;
            Ok(())
        }),
        scenario!(F, "getEnumReferencedConstant", |c| {
            let r = client(&c)
                .r#enum()
                .get_referenced_constant()
                .await
                .check("get_referenced_constant")?;
            eq("field1", r.body.field1.as_deref(), Some("Sample String"))
        }),
        scenario!(F, "putEnumReferencedConstant", |c| {
            let body = RefColorConstant {
                color_constant: ColorConstant::GreenColor,
                field1: None,
            };
            client(&c)
                .r#enum()
                .put_referenced_constant(body)
                .await
                .check("put_referenced_constant")?;
            Ok(())
        }),
    ]
}
