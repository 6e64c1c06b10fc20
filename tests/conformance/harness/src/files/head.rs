//! `head.json`: `HEAD` operations answered 200, 204 and 404 (routes: `src/test-routes/http-responses.ts`).

use head::Client;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "head.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    // The same counters as httpInfrastructure.json's HEAD scenarios: these tests name them too,
    // so a counter passes only when both files' clients get it right.
    vec![
        scenario!(F, "HttpSuccess200Head", |c| {
            let r = client(&c).http_success().head200().await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        scenario!(F, "HttpSuccess204Head", |c| {
            let r = client(&c).http_success().head204().await.check("call")?;
            eq("status", r.status().as_u16(), 204)
        }),
        scenario!(F, "HttpSuccess404Head", |c| {
            let r = client(&c).http_success().head404().await.check("call")?;
            eq("status", r.status().as_u16(), 404)
        }),
    ]
}
