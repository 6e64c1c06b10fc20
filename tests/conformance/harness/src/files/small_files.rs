//! Small swagger files with one concern each: `url-multi-collectionFormat.json` (an array query
//! parameter repeated per item), `body-time.json` (`format: time`, kept as its wire text),
//! `client-enum.json` (an enum client parameter sent as a header) and
//! `incorrect-error-response.json` (an error body that does not match the error model),
//! `constants.json` (one-value enums as client parameters in the path, query and header),
//! the two JSON operations of `xml-service.json`, `security-key.json` (an API key header),
//! `security-aad.json` (an OAuth2 scope asked of the `TokenCredential`),
//! `parameterized-endpoint.json` (the host is a client parameter) and `body-binary.json`
//! (binary bodies with their content types), `validation.json` (constants in the path and in
//! a body), `subscriptionId-apiVersion.json` (ARM-style path and `api-version`) and
//! `error-with-secrets.json` (an error whose body carries secrets)
//! (routes: `legacy/routes/queries.js`, `legacy/routes/time.js`,
//! `src/test-routes/client-enum.ts`, `src/test-routes/incorrect-error-response.ts`).

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const MULTI: &str = "url-multi-collectionFormat.json";
const TIME: &str = "body-time.json";
const CLIENT_ENUM: &str = "client-enum.json";
const INCORRECT: &str = "incorrect-error-response.json";
const CONSTANTS: &str = "constants.json";
const XML: &str = "xml-service.json";
const SECURITY_KEY: &str = "security-key.json";
const SECURITY_AAD: &str = "security-aad.json";
const ENDPOINT: &str = "parameterized-endpoint.json";
const BINARY: &str = "body-binary.json";
const VALIDATION: &str = "validation.json";
const SUBSCRIPTION: &str = "subscriptionId-apiVersion.json";
const SECRETS: &str = "error-with-secrets.json";

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

client_fn!(multi, url_multi_collectionformat);
client_fn!(time, body_time);
client_fn!(incorrect, incorrect_error_response);
client_fn!(xml, xml_service);
client_fn!(binary, body_binary);
client_fn!(validation, validation);
client_fn!(subscription, subscriptionid_apiversion);
client_fn!(secrets, error_with_secrets);

/// Answers with the scopes it is asked for, as AutoRest's `SecurityAad` test credential does.
struct ScopeEcho;

impl security_aad::TokenCredential for ScopeEcho {
    fn token<'a>(
        &'a self,
        request: security_aad::TokenRequest<'a>,
    ) -> security_aad::TokenFuture<'a> {
        Box::pin(async move { Ok(security_aad::Secret::new(request.scopes().join(" "))) })
    }
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        // A 403 whose body and `x-ms-pii` header carry a key: the error keeps its status, and
        // what it prints (as it would be logged) does not show the key.
        scenario!(SECRETS, "ErrorWithSecrets", |c| {
            match secrets(&c).default().get_error_with_secrets().await {
                Ok(r) => Err(format!("want a 403, got {r:?}")),
                Err(e) => {
                    eq("status", e.status().map(|s| s.as_u16()), Some(403))?;
                    let printed = format!("{e} {e:?}");
                    eq(
                        "the key is not printed",
                        printed.contains("1c88a67921784300a462b2cb61da2339"),
                        false,
                    )
                }
            }
        }),
        scenario!(VALIDATION, "ConstantsInPath", |c| {
            validation(&c)
                .default()
                .get_with_constant_in_path(
                    validation::models::GetWithConstantInPathConstantParam::Constant,
                )
                .await
                .check("call")?;
            Ok(())
        }),
        // The body's constants (`constString`, `constInt`, `child.constProperty`, `constChild`)
        // are the defaults of their one-value types: a default product carries them all.
        scenario!(VALIDATION, "ConstantsInBody", |c| {
            let r = validation(&c)
                .default()
                .post_with_constant_in_body(
                    validation::models::GetWithConstantInPathConstantParam::Constant,
                )
                .body(validation::models::Product::default())
                .await
                .check("call")?;
            eq("echo", r.body, validation::models::Product::default())
        }),
        scenario!(SUBSCRIPTION, "SubscriptionIdAndApiVersion", |c| {
            let r = subscription(&c)
                .group()
                .get_sample_resource_group(
                    "1234-5678-9012-3456",
                    "testgroup101",
                    "2014-04-01-preview",
                )
                .await
                .check("call")?;
            eq(
                "group",
                (r.body.name.as_deref(), r.body.location.as_deref()),
                (Some("testgroup101"), Some("West US")),
            )
        }),
        // The scope the spec declares (`https://security.microsoft.com/.default`) is what the
        // credential is asked for; the route wants it as the token.
        scenario!(SECURITY_AAD, "SecurityAad", |c| {
            let client = security_aad::Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .credentials(security_aad::Credentials::bearer_with(ScopeEcho))
                .build()
                .expect("a client");
            client.default().head().await.check("call")?;
            Ok(())
        }),
        scenario!(SECURITY_KEY, "SecurityKey", |c| {
            let client = security_key::Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .credentials(security_key::Credentials::api_key(
                    "security-key",
                    "123456789",
                ))
                .build()
                .expect("a client");
            client.default().head().await.check("call")?;
            Ok(())
        }),
        // The server's URL as the `endpoint` of the host template, not as a base URL.
        scenario!(ENDPOINT, "GetParameterizedHostWithNameEndpoint", |c| {
            let client = parameterized_endpoint::Client::builder(c.base_url.clone())
                .http_client(c.http.clone())
                .build()
                .expect("a client");
            client.default().get().await.check("call")?;
            Ok(())
        }),
        scenario!(BINARY, "BodyBinaryFile", |c| {
            binary(&c)
                .upload()
                .file(br#"{"more": "cowbell"}"#.to_vec())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(BINARY, "BodyBinaryOctet", |c| {
            binary(&c)
                .upload()
                .binary(b"Hello, octet stream".to_vec())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(BINARY, "BodyBinaryError", |c| {
            match binary(&c).download().error_stream().await {
                Ok(_) => Err("want a 400".to_string()),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(400)),
            }
        }),
        scenario!(XML, "jsonInputInXMLSwagger", |c| {
            let body = xml_service::models::JsonInput { id: Some(42) };
            xml(&c).xml().json_input(body).await.check("call")?;
            Ok(())
        }),
        scenario!(XML, "jsonOutputInXMLSwagger", |c| {
            let r = xml(&c).xml().json_output().await.check("call")?;
            eq("id", r.body.id, Some(42))
        }),
        scenario!(CONSTANTS, "ConstantClientProperties", |c| {
            use constants::models::{
                HeaderClientConstant, PathClientConstant, QueryClientConstant,
            };
            let client = constants::Client::builder(
                HeaderClientConstant::True,
                QueryClientConstant::V100,
                PathClientConstant::Path,
            )
            .base_url(&c.base_url)
            .http_client(c.http.clone())
            .build()
            .expect("a client");
            client
                .contants()
                .put_client_constants()
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(MULTI, "UrlQueriesArrayMultiNull", |c| {
            multi(&c)
                .queries()
                .array_string_multi_null()
                .await
                .check("call")?;
            Ok(())
        }),
        // An empty array: no pair at all.
        scenario!(MULTI, "UrlQueriesArrayMultiEmpty", |c| {
            multi(&c)
                .queries()
                .array_string_multi_empty()
                .array_query(Vec::<String>::new())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(MULTI, "UrlQueriesArrayMultiValid", |c| {
            multi(&c)
                .queries()
                .array_string_multi_valid()
                // `['ArrayQuery1', 'begin!*'();:@ &=+$,/?#[]end' , null, '']`: the items are
                // `x-nullable`, and a `null` goes out as an empty value.
                .array_query([
                    Some("ArrayQuery1".to_string()),
                    Some("begin!*'();:@ &=+$,/?#[]end".to_string()),
                    None,
                    Some(String::new()),
                ])
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(TIME, "BodyTimeGet", |c| {
            let r = time(&c).time().get().await.check("call")?;
            eq("body", r.body.as_str(), "11:34:56")
        }),
        scenario!(TIME, "BodyTimePut", |c| {
            let r = time(&c).time().put("08:07:56").await.check("call")?;
            eq("answer", r.body.as_str(), "Nice job posting time")
        }),
        scenario!(CLIENT_ENUM, "ClientWithEnumParam", |c| {
            let client = client_enum::Client::builder(client_enum::models::EnumParameter::Single)
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .build()
                .expect("a client");
            client.default().head().await.check("call")?;
            Ok(())
        }),
        // A 444 with a text body: an error that keeps its status, though the body does not
        // decode as the error model.
        scenario!(INCORRECT, "verifyIncorrectErrorParsing", |c| {
            match incorrect(&c)
                .default()
                .get_incorrect_error_from_server()
                .await
            {
                Ok(r) => Err(format!("want an error, got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(444)),
            }
        }),
    ]
}
