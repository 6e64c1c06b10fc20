//! `non-string-enum.json`: integer and number enums on the wire (routes:
//! `legacy/routes/nonStringEnums.js`).

use non_string_enum::Client;
use non_string_enum::models::{FloatEnum, IntEnum};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "non-string-enum.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "NonStringEnumsGetInt", |c| {
            let r = client(&c).int().get().await.check("call")?;
            eq("body", r.body, IntEnum::V429)
        }),
        scenario!(F, "NonStringEnumsPostInt", |c| {
            let r = client(&c)
                .int()
                .put()
                .input(IntEnum::V200)
                .await
                .check("call")?;
            eq("answer", r.body.as_str(), "Nice job posting an int enum")
        }),
        scenario!(F, "NonStringEnumsGetFloat", |c| {
            let r = client(&c).float().get().await.check("call")?;
            eq("body", r.body, FloatEnum::V4291)
        }),
        scenario!(F, "NonStringEnumsPostFloat", |c| {
            let r = client(&c)
                .float()
                .put()
                .input(FloatEnum::V2004)
                .await
                .check("call")?;
            eq("answer", r.body.as_str(), "Nice job posting a float enum")
        }),
    ]
}
