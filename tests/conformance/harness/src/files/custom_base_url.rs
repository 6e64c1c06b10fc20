//! `custom-baseUrl.json` and `custom-baseUrl-more-options.json`: `x-ms-parameterized-host`
//! (routes: `legacy/routes/customUri.js`).

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario};

/// `host:<port>` of the test server, for a host template `{accountName}{host}`:
/// `local` + `host:<port>` makes `localhost:<port>`.
fn host_and_port(c: &Ctx) -> String {
    let port = c.base_url.rsplit(':').next().unwrap_or("3000");
    format!("host:{port}")
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!("custom-baseUrl.json", "CustomBaseUri", |c| {
            let client = custom_baseurl::Client::builder("local", host_and_port(&c))
                .http_client(c.http.clone())
                .build()
                .check("client")?;
            client.paths().get_empty().await.check("call")?;
            Ok(())
        }),
        scenario!(
            "custom-baseUrl-more-options.json",
            "CustomBaseUriMoreOptions",
            |c| {
                // `{vault}{secret}{dnsSuffix}` without a scheme prefix: the vault carries it.
                let client = custom_baseurl_more_options::Client::builder(
                    "http://lo",
                    "cal",
                    host_and_port(&c),
                )
                .http_client(c.http.clone())
                .build()
                .check("client")?;
                // `keyVersion` is optional with the spec default `v1`, which the route requires.
                client
                    .paths()
                    .get_empty("key1", "test12")
                    .await
                    .check("call")?;
                Ok(())
            }
        ),
    ]
}
