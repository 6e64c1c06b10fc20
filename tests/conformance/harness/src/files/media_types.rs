//! `media_types.json`: operations that take several content types, sent with the one the
//! caller chose (routes: `legacy/routes/mediatypes.js`, `src/test-routes/media-types.ts`).

use media_types::models::SourcePath;
use media_types::{Client, RequestContent};
use serde_json::json;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "media_types.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

fn source() -> SourcePath {
    SourcePath {
        source: Some("anything".to_string()),
    }
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "MediaTypeJson", |c| {
            let r = client(&c)
                .default()
                .analyze_body()
                .input(source())
                .await
                .check("call")?;
            eq("answer", r.body.as_str(), "Nice job with JSON")
        }),
        // The other content type of the operation: raw bytes with their type.
        scenario!(F, "MediaTypePdf", |c| {
            let r = client(&c)
                .default()
                .analyze_body()
                .input(RequestContent::raw(b"PDF".to_vec(), "application/pdf"))
                .await
                .check("call")?;
            eq("answer", r.body.as_str(), "Nice job with PDF")
        }),
        scenario!(F, "MediaTypeWithEncoding", |c| {
            let r = client(&c)
                .default()
                .content_type_with_encoding()
                .input("hello")
                .await
                .check("call")?;
            eq(
                "answer",
                r.body.as_str(),
                "Nice job sending content type with encoding",
            )
        }),
        scenario!(F, "MediaTypesAnalyzeBodyNoAcceptHeader", |c| {
            let r = client(&c)
                .default()
                .analyze_body_no_accept_header()
                .input(source())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 202)
        }),
        scenario!(F, "MediaTypesTwoContentTypes", |c| {
            client(&c)
                .default()
                .binary_body_with_two_content_types(b"hello, world".to_vec())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "MediaTypesThreeContentTypes", |c| {
            client(&c)
                .default()
                .binary_body_with_three_content_types(b"hello, world".to_vec())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "MediaTypesThreeBodyTypes", |c| {
            client(&c)
                .default()
                .body_three_types(json!({"hello": "world"}))
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}
