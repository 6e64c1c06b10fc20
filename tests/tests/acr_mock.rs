//! The ACR-only endpoints (`/acr/v1/...`, `/oauth2/...`) of the generated client against an
//! in-process mock that checks the exact request (method, path, query, headers, form and JSON
//! bodies) and answers like ACR does; then the token flow: a `401` with a `Bearer` challenge,
//! the spec's token operations, one retry with the token, and where credentials never go.

use acr::models::ChangeableAttributes;
use acr::{Credentials, ErrorKind, ErrorModel, Secret};
use containerregistry_2019_08_15_preview as acr;
use serde_json::json;
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

/// Matches requests without an `Authorization` header.
struct Anonymous;

impl Match for Anonymous {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key("authorization")
    }
}

fn json_answer(status: u16, body: serde_json::Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

/// The `host:port` of a mock server: what ACR puts in `service`.
fn service(server: &MockServer) -> String {
    server.address().to_string()
}

/// ACR's challenge for `repository:app:pull`, pointing at the mock's token endpoint.
fn challenge(server: &MockServer) -> ResponseTemplate {
    let value = format!(
        r#"Bearer realm="{}/oauth2/token",service="{}",scope="repository:app:pull""#,
        server.uri(),
        service(server)
    );
    json_answer(
        401,
        json!({"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]}),
    )
    .insert_header("Www-Authenticate", value.as_str())
}

fn tag_list() -> serde_json::Value {
    json!({
        "registry": "myregistry.azurecr.io",
        "imageName": "app",
        "tags": [{
            "name": "v1",
            "digest": "sha256:0a1b",
            "createdTime": "2024-01-01T00:00:00Z",
            "lastUpdateTime": "2024-01-01T00:00:00Z",
            "signed": false,
            "changeableAttributes": {
                "deleteEnabled": true, "writeEnabled": true, "readEnabled": true, "listEnabled": true
            }
        }]
    })
}

/// `POST /oauth2/token` with a refresh token, exactly as ACR expects it.
async fn mount_token(server: &MockServer, refresh_token: &str, access_token: &str) {
    let form = format!(
        "grant_type=refresh_token&service={}&scope=repository%3Aapp%3Apull&refresh_token={refresh_token}",
        service(server).replace(':', "%3A")
    );
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(form))
        .respond_with(json_answer(200, json!({"access_token": access_token})))
        .expect(1)
        .mount(server)
        .await;
}

/// `GET /acr/v1/app/_tags`: the tag list with `Authorization: Bearer <token>`, else the
/// challenge.
async fn mount_tags(server: &MockServer, token: &str, expected: u64) {
    Mock::given(method("GET"))
        .and(path("/acr/v1/app/_tags"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(json_answer(200, tag_list()))
        .expect(expected)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/app/_tags"))
        .respond_with(challenge(server))
        .with_priority(2)
        .mount(server)
        .await;
}

fn client(server: &MockServer, credentials: Credentials) -> acr::Client {
    acr::Client::builder(server.uri())
        .credentials(credentials)
        .build()
        .expect("a client for the mock")
}

#[tokio::test]
async fn acr_v1_endpoints_send_exactly_what_acr_expects() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/team%2Fapp/_tags"))
        .and(query_param("n", "10"))
        .and(query_param("orderby", "timedesc"))
        .and(header("accept", "application/json"))
        .respond_with(json_answer(200, tag_list()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/acr/v1/team%2Fapp/_tags/v1"))
        .and(header("content-type", "application/json"))
        .and(body_json(
            json!({"deleteEnabled": false, "writeEnabled": false}),
        ))
        .respond_with(ResponseTemplate::new(200))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/app"))
        .respond_with(json_answer(
            200,
            json!({"registry": "r", "imageName": "app", "createdTime": "2024-01-01T00:00:00Z",
                   "manifestCount": 2, "tagCount": 1,
                   "changeableAttributes": {"deleteEnabled": true}}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/acr/v1/gone"))
        .respond_with(json_answer(
            404,
            json!({"errors": [{"code": "NAME_UNKNOWN", "message": "repository name not known to registry", "detail": {"name": "gone"}}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();

    // The repository name is one path segment: its `/` is encoded.
    let tags = client
        .tag()
        .get_list("team/app")
        .n(10)
        .orderby("timedesc")
        .await
        .unwrap();
    let tag = &tags.body.tags.as_ref().unwrap()[0];
    assert_eq!(tag.digest.as_deref(), Some("sha256:0a1b"));
    assert_eq!(tag.signed, Some(false));

    let value = ChangeableAttributes {
        delete_enabled: Some(false),
        write_enabled: Some(false),
        ..Default::default()
    };
    let r = client
        .tag()
        .update_attributes("team/app", "v1")
        .value(value)
        .await
        .unwrap();
    assert_eq!(r.status(), 200);

    let r = client.repository().get_attributes("app").await.unwrap();
    assert_eq!(r.body.manifest_count, Some(2));
    let changeable = r.body.changeable_attributes.unwrap();
    assert_eq!(changeable.delete_enabled, Some(true));
    assert_eq!(changeable.write_enabled, None);

    let e = client.repository().delete("gone").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    let Some(ErrorModel::AcrErrors(errors)) = e.model() else {
        panic!("the spec's error model, decoded: {e:?}");
    };
    let errors = errors.errors.as_ref().unwrap();
    assert_eq!(errors[0].code.as_deref(), Some("NAME_UNKNOWN"));
    assert_eq!(errors[0].detail, Some(json!({"name": "gone"})));
}

#[tokio::test]
async fn token_operations_send_the_exact_forms() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/exchange"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "grant_type=access_token&service=r.azurecr.io&tenant=t&access_token=aad%2Btoken",
        ))
        .respond_with(json_answer(200, json!({"refresh_token": "rt"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let r = client
        .refresh_tokens()
        .get_from_exchange(acr::models::GrantType::AccessToken, "r.azurecr.io")
        .tenant("t")
        .access_token("aad+token")
        .await
        .unwrap();
    assert_eq!(r.body.refresh_token.as_deref(), Some("rt"));
}

#[tokio::test]
async fn a_challenge_is_answered_with_the_specs_token_operation_and_one_retry() {
    let server = MockServer::start().await;
    mount_tags(&server, "at", 2).await;
    mount_token(&server, "rt", "at").await;
    let client = client(&server, Credentials::refresh_token("rt"));

    let r = client.tag().get_list("app").await.unwrap();
    assert_eq!(r.body.tags.as_ref().unwrap()[0].name.as_deref(), Some("v1"));
    // The token is cached: the next call sends it at once.
    client.tag().get_list("app").await.unwrap();

    let received = server.received_requests().await.unwrap();
    let order: Vec<String> = received
        .iter()
        .map(|r| format!("{} {}", r.method, r.url.path()))
        .collect();
    assert_eq!(
        order,
        [
            "GET /acr/v1/app/_tags",
            "POST /oauth2/token",
            "GET /acr/v1/app/_tags",
            "GET /acr/v1/app/_tags"
        ]
    );
    assert!(!received[0].headers.contains_key("authorization"));
}

#[tokio::test]
async fn an_access_token_of_another_issuer_is_exchanged_then_refreshed() {
    let server = MockServer::start().await;
    mount_tags(&server, "at", 1).await;
    let exchange = format!(
        "grant_type=access_token&service={}&access_token=aad",
        service(&server).replace(':', "%3A")
    );
    Mock::given(method("POST"))
        .and(path("/oauth2/exchange"))
        .and(body_string(exchange))
        .respond_with(json_answer(200, json!({"refresh_token": "rt"})))
        .expect(1)
        .mount(&server)
        .await;
    mount_token(&server, "rt", "at").await;
    let client = client(&server, Credentials::exchange(Secret::new("aad")));
    client.tag().get_list("app").await.unwrap();
}

#[tokio::test]
async fn basic_credentials_log_in_with_the_specs_get_token_operation() {
    let server = MockServer::start().await;
    mount_tags(&server, "at", 1).await;
    Mock::given(method("GET"))
        .and(path("/oauth2/token"))
        .and(query_param("service", service(&server).as_str()))
        .and(query_param("scope", "repository:app:pull"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(json_answer(200, json!({"access_token": "at"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, Credentials::basic("user", "pass"));
    client.tag().get_list("app").await.unwrap();
    // Basic credentials went with the first request too (preemptively).
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].headers.get("authorization").unwrap(),
        "Basic dXNlcjpwYXNz"
    );
}

#[tokio::test]
async fn a_second_401_after_the_retry_is_an_error_not_a_loop() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/app/_tags"))
        .respond_with(challenge(&server))
        .expect(2)
        .mount(&server)
        .await;
    mount_token(&server, "rt", "at").await;
    let client = client(&server, Credentials::refresh_token("rt"));
    let e = client.tag().get_list("app").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(e.operation(), Some("Tag_GetList"));
}

#[tokio::test]
async fn a_refused_refresh_token_is_an_error_of_the_token_operation() {
    let server = MockServer::start().await;
    mount_tags(&server, "at", 0).await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(json_answer(
            401,
            json!({"errors": [{"code": "UNAUTHORIZED", "message": "invalid refresh token"}]}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = client(&server, Credentials::refresh_token("expired"));
    let e = client.tag().get_list("app").await.unwrap_err();
    assert_eq!(e.operation(), Some("AccessTokens_Get"));
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    assert!(!format!("{e} {e:?}").contains("expired"));
}

#[tokio::test]
async fn credentials_do_not_follow_a_redirect_to_another_host() {
    let registry = MockServer::start().await;
    let storage = MockServer::start().await;
    let digest = "sha256:5e1f";
    let blob_path = format!("/v2/app/blobs/{}", digest.replace(':', "%3A"));
    Mock::given(method("GET"))
        .and(path(blob_path.as_str()))
        .and(header("authorization", "Bearer static-token"))
        .respond_with(ResponseTemplate::new(307).insert_header(
            "Location",
            format!("{}/storage/blob?sig=x", storage.uri()).as_str(),
        ))
        .expect(2)
        .mount(&registry)
        .await;
    Mock::given(method("GET"))
        .and(path("/storage/blob"))
        .and(Anonymous)
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(b"layer bytes".to_vec(), "application/octet-stream"),
        )
        .expect(1)
        .mount(&storage)
        .await;
    let client = client(&registry, Credentials::bearer("static-token"));
    let r = client.blob().get("app", digest).await.unwrap();
    let acr::blob::BlobGetResponse::Ok(ok) = r else {
        panic!("the redirect is followed to the blob");
    };
    assert_eq!(ok.body.collect_bytes().await.unwrap(), "layer bytes");
    let at_storage = storage.received_requests().await.unwrap();
    assert!(!at_storage[0].headers.contains_key("authorization"));

    // Without following, the documented 307 is the answer.
    let client = acr::Client::builder(registry.uri())
        .credentials(Credentials::bearer("static-token"))
        .follow_redirects(false)
        .build()
        .unwrap();
    let r = client.blob().get("app", digest).await.unwrap();
    let acr::blob::BlobGetResponse::TemporaryRedirect(redirect) = r else {
        panic!("the documented 307");
    };
    assert!(redirect.location.unwrap().starts_with(&storage.uri()));
}

#[tokio::test]
async fn debug_output_shows_no_secret() {
    let client = acr::Client::builder("https://user:hunter2@r.azurecr.io")
        .credentials(Credentials::basic("user", "hunter2"))
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("basic"), "{shown}");
    for credentials in [
        Credentials::basic("user", "hunter2"),
        Credentials::bearer("hunter2"),
        Credentials::refresh_token("hunter2"),
        Credentials::exchange(Secret::new("hunter2")),
    ] {
        let shown = format!("{credentials:?}");
        assert!(!shown.contains("hunter2"), "{shown}");
    }
    assert_eq!(format!("{:?}", Secret::new("hunter2")), "Secret(***)");
}
