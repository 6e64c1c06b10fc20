//! `reserved-words.json`: parameters, bodies and groups named like Rust and Python keywords
//! (`import`, `content`, `json`, `data`, `files`, `url`, `enum`), sent as the routes expect
//! (routes: `src/test-routes/reserved-words.ts`).

use reserved_words::Client;
use reserved_words::models::MyEnum;
use serde_json::json;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario};

const F: &str = "reserved-words.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "reservedWordsOperationGroupImport", |c| {
            client(&c)
                .import()
                .operation_one("foo")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "reservedWordsBodyNamedContent", |c| {
            client(&c)
                .default()
                .operation_with_content_param("hello, world")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "reservedWordsBodyNamedJson", |c| {
            client(&c)
                .default()
                .operation_with_json_param(json!({"hello": "world"}))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "reservedWordsBodyNamedData", |c| {
            client(&c)
                .default()
                .operation_with_data_param("hello", "world")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "reservedWordsBodyNamedFiles", |c| {
            client(&c)
                .default()
                .operation_with_files_param("hello, world", "my.txt")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "reservedWordsUrlHeaderQuery", |c| {
            client(&c)
                .default()
                .operation_with_url("foo", "x-ms-header")
                .query_parameters(["one", "two"])
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "reservedWordsHeaderEnum", |c| {
            client(&c)
                .default()
                .reserved_enum(MyEnum::Import)
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}
