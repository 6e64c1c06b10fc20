//! `azure-special-properties.json`: api-version and subscriptionId in every place, skip-url-encoding
//! on path and query, OData query options, client request ids (routes:
//! `legacy/routes/azureSpecials.js`).

use azure_special_properties::Client;
use azure_special_properties::models::HeaderCustomNamedRequestIdParamGroupingParameters;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "azure-special-properties.json";
const API_VERSION: &str = "2015-07-01-preview";
const REQUEST_ID: &str = "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The call answers 200.
macro_rules! ok {
    ($key:literal, $group:ident . $op:ident ($($arg:expr),*) $(. $setter:ident($value:expr))*) => {
        scenario!(F, $key, |c| {
            let r = client(&c).$group().$op($($arg),*)$(.$setter($value))*.await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        ok!(
            "AzureApiVersionMethodGlobalValid",
            api_version_default.get_method_global_valid(API_VERSION)
        ),
        ok!(
            "AzureApiVersionMethodGlobalNotProvidedValid",
            api_version_default.get_method_global_not_provided_valid(API_VERSION)
        ),
        ok!(
            "AzureApiVersionPathGlobalValid",
            api_version_default.get_path_global_valid(API_VERSION)
        ),
        ok!(
            "AzureApiVersionSwaggerGlobalValid",
            api_version_default.get_swagger_global_valid(API_VERSION)
        ),
        ok!(
            "AzureApiVersionMethodLocalValid",
            api_version_local.get_method_local_valid(Default::default())
        ),
        ok!(
            "AzureApiVersionMethodLocalNull",
            api_version_local.get_method_local_null()
        ),
        ok!(
            "AzureApiVersionPathLocalValid",
            api_version_local.get_path_local_valid(Default::default())
        ),
        ok!(
            "AzureApiVersionSwaggerLocalValid",
            api_version_local.get_swagger_local_valid(Default::default())
        ),
        ok!(
            "AzureMethodPathUrlEncoding",
            skip_url_encoding.get_method_path_valid("path1/path2/path3")
        ),
        ok!(
            "AzurePathPathUrlEncoding",
            skip_url_encoding.get_path_path_valid("path1/path2/path3")
        ),
        ok!(
            "AzureSwaggerPathUrlEncoding",
            skip_url_encoding.get_swagger_path_valid(Default::default())
        ),
        ok!(
            "AzureMethodQueryUrlEncoding",
            skip_url_encoding.get_method_query_valid("value1&q2=value2&q3=value3")
        ),
        ok!(
            "AzurePathQueryUrlEncoding",
            skip_url_encoding.get_path_query_valid("value1&q2=value2&q3=value3")
        ),
        ok!(
            "AzureSwaggerQueryUrlEncoding",
            skip_url_encoding.get_swagger_query_valid(Default::default())
        ),
        ok!(
            "AzureMethodQueryUrlEncodingNull",
            skip_url_encoding.get_method_query_null()
        ),
        ok!(
            "AzureODataFilter",
            odata
                .get_with_filter()
                .filter("id gt 5 and name eq 'foo'")
                .top(10)
                .orderby("id")
        ),
        // The client sends its own fresh `x-ms-client-request-id` (the spec declares the
        // header): the route answers 400, which must come back as an error with its headers.
        scenario!(F, "AzureRequestClientIdInError", |c| {
            match client(&c).x_ms_client_request_id().get().await {
                Ok(r) => Err(format!("want the route's 400, got {r:?}")),
                Err(e) => {
                    eq("status", e.status().map(|s| s.as_u16()), Some(400))?;
                    let id = e.headers().and_then(|h| h.get("x-ms-request-id"));
                    eq(
                        "x-ms-request-id",
                        id.and_then(|v| v.to_str().ok()),
                        Some("123"),
                    )
                }
            }
        }),
        // The automatic client request id turned off: the route sees no header.
        scenario!(F, "AzureXmsRequestClientIdNull", |c| {
            let client = Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .automatic_client_request_id(false)
                .build()
                .expect("a client");
            let r = client.x_ms_client_request_id().get().await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        // A header the caller sets on the client replaces the automatic one.
        scenario!(F, "AzureXmsRequestClientOverwrite", |c| {
            let client = Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .default_header(
                    reqwest::header::HeaderName::from_static("x-ms-client-request-id"),
                    reqwest::header::HeaderValue::from_static(REQUEST_ID),
                )
                .build()
                .expect("a client");
            let r = client.x_ms_client_request_id().get().await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        ok!(
            "AzureXmsRequestClientOverwriteViaParameter",
            x_ms_client_request_id.param_get(REQUEST_ID)
        ),
        scenario!(
            F,
            "custom named request id",
            ["AzureXmsCustomNamedRequestId"],
            |c| {
                let r = client(&c)
                    .header()
                    .custom_named_request_id(REQUEST_ID)
                    .await
                    .check("call")?;
                eq("foo-request-id", r.foo_request_id.as_deref(), Some("123"))
            }
        ),
        scenario!(
            F,
            "custom named request id (HEAD)",
            ["AzureXmsCustomNamedRequestId"],
            |c| {
                let r = client(&c)
                    .header()
                    .custom_named_request_id_head(REQUEST_ID)
                    .await
                    .check("call")?;
                eq("status", r.status().as_u16(), 200)
            }
        ),
        scenario!(F, "AzureXmsCustomNamedRequestIdParameterGroup", |c| {
            let r = client(&c)
                .header()
                .custom_named_request_id_param_grouping(
                    HeaderCustomNamedRequestIdParamGroupingParameters {
                        foo_client_request_id: REQUEST_ID.to_string(),
                    },
                )
                .await
                .check("call")?;
            eq("foo-request-id", r.foo_request_id.as_deref(), Some("123"))
        }),
        // The subscription routes require an `x-ms-client-request-id` on every request.
        ok!(
            "AzureSubscriptionMethodGlobalValid",
            subscription_in_credentials.post_method_global_valid("1234-5678-9012-3456")
        ),
        ok!(
            "AzureSubscriptionMethodGlobalNotProvidedValid",
            subscription_in_credentials
                .post_method_global_not_provided_valid("1234-5678-9012-3456", API_VERSION)
        ),
        ok!(
            "AzureSubscriptionPathGlobalValid",
            subscription_in_credentials.post_path_global_valid("1234-5678-9012-3456")
        ),
        ok!(
            "AzureSubscriptionSwaggerGlobalValid",
            subscription_in_credentials.post_swagger_global_valid("1234-5678-9012-3456")
        ),
        ok!(
            "AzureSubscriptionMethodLocalValid",
            subscription_in_method.post_method_local_valid("1234-5678-9012-3456")
        ),
        ok!(
            "AzureSubscriptionPathLocalValid",
            subscription_in_method.post_path_local_valid("1234-5678-9012-3456")
        ),
        ok!(
            "AzureSubscriptionSwaggerLocalValid",
            subscription_in_method.post_swagger_local_valid("1234-5678-9012-3456")
        ),
    ]
}
