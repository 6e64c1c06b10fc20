//! `multiapi-v1.json`, `multiapi-v2.json`, `multiapi-v3.json` and the two
//! `multiapi-v*-custom-base-url.json`: one service at several api versions, each file a client
//! of its own (routes: `legacy/routes/multiapi.js`, `legacy/routes/multiapiCustomBaseUrl.js`).

use futures::TryStreamExt as _;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const V1: &str = "multiapi-v1.json";
const V2: &str = "multiapi-v2.json";
const V3: &str = "multiapi-v3.json";
const V1_BASE: &str = "multiapi-v1-custom-base-url.json";
const V2_BASE: &str = "multiapi-v2-custom-base-url.json";

macro_rules! client_fn {
    ($name:ident, $krate:ident) => {
        fn $name(c: &Ctx) -> $krate::Client {
            $krate::Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .build()
                .expect("a client")
        }
    };
}

client_fn!(v1, multiapi_v1);
client_fn!(v2, multiapi_v2);
client_fn!(v3, multiapi_v3);

/// The call answers 200.
macro_rules! ok {
    ($file:expr, $key:literal, $call:expr) => {
        scenario!($file, $key, |c| {
            let r = $call(&c).await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        })
    };
}

/// `ModelTwo { id: 1, message: "This was called with api-version 2.0.0" }`, decoded.
fn model_two(model: multiapi_v2::models::ModelTwo) -> Result<(), String> {
    eq(
        "body",
        model,
        multiapi_v2::models::ModelTwo {
            id: 1,
            message: Some("This was called with api-version 2.0.0".to_string()),
        },
    )
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        ok!(V1, "MultiapiPutTestOneApiVersionOne", |c: &Ctx| v1(c)
            .default()
            .test_one(1, "1.0.0")),
        ok!(V1, "MultiapiGetTestTwoApiVersionOne", |c: &Ctx| v1(c)
            .operation_group_one()
            .test_two("1.0.0")),
        // The route answers `{"id": "1", ..}` where `ModelTwo.id` is a required integer: the
        // client refuses the body, as any value of the wrong type, so these do not pass
        // (expected.txt). A refusal is never a pass: the test wants the model.
        scenario!(V2, "MultiapiPutTestOneApiVersionTwo", |c| {
            let r = v2(&c).default().test_one(1, "2.0.0").await.check("call")?;
            eq("status", r.status().as_u16(), 200)?;
            model_two(r.body)
        }),
        scenario!(V2, "MultiapiGetTestTwoApiVersionTwo", |c| {
            let r = v2(&c)
                .operation_group_one()
                .test_two("2.0.0")
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 200)?;
            model_two(r.body)
        }),
        ok!(V2, "MultiapiPutTestThreeApiVersionTwo", |c: &Ctx| v2(c)
            .operation_group_one()
            .test_three("2.0.0")),
        ok!(V2, "MultiapiPostTestFourApiVersionTwo", |c: &Ctx| v2(c)
            .operation_group_two()
            .test_four(true, "2.0.0")),
        // Two pages; the second link lacks the `api-version` the route wants: the pager adds
        // the client's (`3.0.0`).
        scenario!(V3, "MultiapiPaging", |c| {
            let items: Vec<_> = v3(&c)
                .default()
                .test_paging()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            let values: Vec<_> = items
                .iter()
                .map(|m| m.optional_property.as_deref())
                .collect();
            eq("items", values, vec![Some("paged"), Some("paged")])
        }),
        scenario!(V3, "MultiapiOperationGroupPaging", |c| {
            let items: Vec<_> = v3(&c)
                .operation_group_one()
                .test_operation_group_paging()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("items", items.len(), 2)
        }),
        ok!(V3, "MultiapiGetTestTwoApiVersionThree", |c: &Ctx| v3(c)
            .operation_group_one()
            .test_two("3.0.0")),
        // The JSON body of `testFour` (the route wants a `source` key).
        scenario!(V3, "MultiapiPostTestFourApiVersionThreeJSON", |c| {
            let source = multiapi_v3::models::SourcePath {
                source: Some("https://example.com/file.pdf".to_string()),
            };
            let r = v3(&c)
                .operation_group_two()
                .test_four("3.0.0")
                .input(source)
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        ok!(V3, "MultiapiPutTestFiveApiVersionThree", |c: &Ctx| v3(c)
            .operation_group_two()
            .test_five("3.0.0")),
        // `{Endpoint}/multiapiCustomBaseUrl/v1` without a scheme prefix: the endpoint has one.
        scenario!(V1_BASE, "MultiapiCustomBaseUrlApiVersionOne", |c| {
            let client = multiapi_v1_custom_base_url::Client::builder(c.base_url.clone())
                .http_client(c.http.clone())
                .build()
                .check("client")?;
            let r = client.default().test(1, "1.0.0").await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        scenario!(V2_BASE, "MultiapiCustomBaseUrlApiVersionTwo", |c| {
            let client = multiapi_v2_custom_base_url::Client::builder(c.base_url.clone())
                .http_client(c.http.clone())
                .build()
                .check("client")?;
            let r = client.default().test(2, "2.0.0").await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
    ]
}
