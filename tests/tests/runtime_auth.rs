//! Credentials in a crate whose spec has no token operation (the Docker Registry spec): the
//! runtime's own token protocol (`GET <realm>?service=..&scope=..`), `Basic` credentials, a
//! caller's `TokenCredential`, and `WWW-Authenticate` parsing.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use docker::runtime::{TokenFuture, TokenRequest};
use docker::{Challenge, Credentials, ErrorKind, Secret, TokenCredential};
use docker_registry_v2 as docker;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Match, Mock, MockServer, Request, ResponseTemplate};

struct Anonymous;

impl Match for Anonymous {
    fn matches(&self, request: &Request) -> bool {
        !request.headers.contains_key("authorization")
    }
}

fn bearer_challenge(realm: &str) -> ResponseTemplate {
    let value =
        format!(r#"Bearer realm="{realm}",service="registry.example",scope="repository:app:pull""#);
    ResponseTemplate::new(401)
        .set_body_json(
            json!({"errors": [{"code": "UNAUTHORIZED", "message": "authentication required"}]}),
        )
        .insert_header("WWW-Authenticate", value.as_str())
}

/// `GET /v2/app/tags/list`: the list with `Bearer <token>`, else the challenge.
async fn mount_tags(server: &MockServer, realm: &str, token: &str, expected: u64) {
    Mock::given(method("GET"))
        .and(path("/v2/app/tags/list"))
        .and(header("authorization", format!("Bearer {token}").as_str()))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"name": "app", "tags": null})),
        )
        .expect(expected)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/app/tags/list"))
        .respond_with(bearer_challenge(realm))
        .with_priority(2)
        .mount(server)
        .await;
}

fn client(server: &MockServer, credentials: Credentials) -> docker::Client {
    docker::Client::builder()
        .base_url(server.uri())
        .credentials(credentials)
        .build()
        .unwrap()
}

#[tokio::test]
async fn basic_credentials_get_a_token_from_the_realm() {
    let server = MockServer::start().await;
    let realm = format!("{}/token", server.uri());
    mount_tags(&server, &realm, "t0k", 1).await;
    Mock::given(method("GET"))
        .and(path("/token"))
        .and(query_param("service", "registry.example"))
        .and(query_param("scope", "repository:app:pull"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": "t0k", "expires_in": 300})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let r = client(&server, Credentials::basic("user", "pass"))
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
    // `"tags": null` (a repository whose last tag was deleted) decodes.
    assert_eq!(r.body.name.as_deref(), Some("app"));
    assert_eq!(r.body.tags, None);
}

#[tokio::test]
async fn without_credentials_an_anonymous_token_is_asked_for() {
    let server = MockServer::start().await;
    let realm = format!("{}/token", server.uri());
    mount_tags(&server, &realm, "anon", 1).await;
    Mock::given(method("GET"))
        .and(path("/token"))
        .and(Anonymous)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"access_token": "anon"})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server, Credentials::none())
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
}

#[tokio::test]
async fn basic_credentials_do_not_go_to_a_plain_http_realm_on_another_host() {
    let server = MockServer::start().await;
    let auth = MockServer::start().await;
    let realm = format!("{}/token", auth.uri());
    mount_tags(&server, &realm, "t", 1).await;
    Mock::given(method("GET"))
        .and(path("/token"))
        .and(Anonymous)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "t"})))
        .expect(1)
        .mount(&auth)
        .await;
    client(&server, Credentials::basic("user", "pass"))
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_refused_token_request_is_an_auth_error() {
    let server = MockServer::start().await;
    let realm = format!("{}/token", server.uri());
    mount_tags(&server, &realm, "never", 0).await;
    Mock::given(method("GET"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(401).set_body_string("bad credentials"))
        .mount(&server)
        .await;
    let e = client(&server, Credentials::basic("user", "wrong"))
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.operation(), Some("getV2NameTagsList"));
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    let shown = format!("{e} {e:?}");
    assert!(
        shown.contains("bad credentials") && !shown.contains("wrong"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_plain_basic_challenge_without_credentials_is_the_401_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/app/tags/list"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("WWW-Authenticate", r#"Basic realm="test-realm""#)
                .set_body_json(json!({"errors": [{"code": "UNAUTHORIZED"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let e = client(&server, Credentials::none())
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    assert!(e.model().is_some(), "the documented 401 body is decoded");
}

/// Counts its calls; answers with the challenge's scope in the token.
struct Counting {
    calls: Arc<AtomicUsize>,
}

impl TokenCredential for Counting {
    fn token<'a>(&'a self, request: TokenRequest<'a>) -> TokenFuture<'a> {
        Box::pin(async move {
            self.calls.fetch_add(1, Ordering::SeqCst);
            Ok(Secret::new(
                match request.challenge().and_then(Challenge::scope) {
                    Some(scope) => format!("for-{scope}"),
                    None => "initial".to_owned(),
                },
            ))
        })
    }
}

#[tokio::test]
async fn a_token_credential_is_asked_first_then_again_on_a_challenge() {
    let server = MockServer::start().await;
    let realm = format!("{}/token", server.uri());
    mount_tags(&server, &realm, "for-repository:app:pull", 1).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let credential = Counting {
        calls: calls.clone(),
    };
    client(&server, Credentials::bearer_with(credential))
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].headers.get("authorization").unwrap(),
        "Bearer initial"
    );
}

#[test]
fn challenges_are_parsed_with_quotes_and_several_per_header() {
    let parsed = Challenge::parse(
        r#"Bearer realm="https://auth.example.com/token",service="registry.example",scope="repository:a/b:pull,push repository:c:pull", Basic realm="x, y""#,
    );
    assert_eq!(parsed.len(), 2);
    assert!(parsed[0].is("bearer"));
    assert_eq!(parsed[0].realm(), Some("https://auth.example.com/token"));
    assert_eq!(parsed[0].service(), Some("registry.example"));
    assert_eq!(
        parsed[0].scope(),
        Some("repository:a/b:pull,push repository:c:pull")
    );
    assert_eq!(parsed[1].scheme(), "Basic");
    assert_eq!(parsed[1].realm(), Some("x, y"));
    let escaped = Challenge::parse(r#"Bearer realm="a\"b", error=invalid_token"#);
    assert_eq!(escaped[0].realm(), Some("a\"b"));
    assert_eq!(escaped[0].param("ERROR"), Some("invalid_token"));
}

/// Gives `t1`, then `t2`, ...: a credential that refreshes each time it is asked.
struct Refreshing {
    calls: AtomicUsize,
}

impl TokenCredential for Refreshing {
    fn token<'a>(&'a self, _request: TokenRequest<'a>) -> TokenFuture<'a> {
        Box::pin(async move {
            let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
            Ok(Secret::new(format!("t{n}")))
        })
    }
}

#[tokio::test]
async fn a_refused_token_is_refreshed_once_even_without_a_realm() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer t2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "app", "tags": []})))
        .expect(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("WWW-Authenticate", r#"Bearer error="invalid_token""#),
        )
        .expect(1)
        .with_priority(2)
        .mount(&server)
        .await;
    let credential = Refreshing {
        calls: AtomicUsize::new(0),
    };
    let r = client(&server, Credentials::bearer_with(credential))
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
    assert_eq!(r.body.tags, Some(vec![]));
}

/// An API key goes in its header to the client's own host, never across a redirect to another
/// host, and never into `Debug`.
#[tokio::test]
async fn an_api_key_goes_only_to_the_own_host() {
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/elsewhere"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"name": "app", "tags": ["v1"]})),
        )
        .mount(&other)
        .await;
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/app/tags/list"))
        .and(header("x-api-key", "s3cret"))
        .respond_with(
            ResponseTemplate::new(307)
                .insert_header("Location", format!("{}/elsewhere", other.uri()).as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    let credentials = Credentials::api_key("X-Api-Key", "s3cret");
    assert!(!format!("{credentials:?}").contains("s3cret"));
    let r = client(&server, credentials)
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
    assert_eq!(r.body.tags, Some(vec!["v1".to_owned()]));
    let hops = other.received_requests().await.unwrap();
    assert_eq!(hops.len(), 1);
    assert!(
        !hops[0].headers.contains_key("x-api-key"),
        "the key crossed to another host"
    );
}

/// The token service on another host (`localhost` for a client of `127.0.0.1`): without the
/// caller's leave it gets no password, with `allow_token_realm_host` it does.
#[tokio::test]
async fn basic_credentials_go_to_a_realm_on_another_host_only_when_allowed() {
    for allowed in [false, true] {
        let server = MockServer::start().await;
        let auth = MockServer::start().await;
        let other_host = auth.uri().replace("127.0.0.1", "localhost");
        assert_ne!(other_host, auth.uri());
        mount_tags(&server, &format!("{other_host}/token"), "t", 1).await;
        let with_password = header("authorization", "Basic dXNlcjpwYXNz");
        let token = ResponseTemplate::new(200).set_body_json(json!({"token": "t"}));
        if allowed {
            Mock::given(path("/token"))
                .and(with_password)
                .respond_with(token)
                .expect(1)
                .mount(&auth)
                .await;
        } else {
            Mock::given(path("/token"))
                .and(Anonymous)
                .respond_with(token)
                .expect(1)
                .mount(&auth)
                .await;
        }
        let mut credentials = Credentials::basic("user", "pass");
        if allowed {
            credentials = credentials.allow_token_realm_host("LOCALHOST");
        }
        let r = client(&server, credentials)
            .tag()
            .get_v2_name_tags_list("app")
            .await;
        let received = auth.received_requests().await.unwrap();
        assert!(
            r.is_ok(),
            "allowed: {allowed}: {r:?} {:?}",
            received[0].headers
        );
    }
}

/// A bearer token with a line break cannot go into a header: the call fails and nothing is
/// sent (rather than a request without `Authorization`).
#[tokio::test]
async fn a_bearer_token_with_a_line_break_fails_the_call() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "app"})))
        .expect(0)
        .mount(&server)
        .await;
    for credentials in [
        Credentials::bearer("abc\r\nX-Injected: 1"),
        Credentials::bearer_with(Secret::new("abc\ndef")),
        Credentials::basic("user", "pa\nss"),
        Credentials::basic("us:er", "pass"),
    ] {
        let e = client(&server, credentials)
            .tag()
            .get_v2_name_tags_list("app")
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Auth, "{e:?}");
        assert!(
            e.to_string().contains("cannot be sent") || e.to_string().contains("`:`"),
            "{e}"
        );
    }
}

/// A wrong password (the `401` that remains once the challenge was answered) is an auth
/// error, with the status and the decoded error body.
#[tokio::test]
async fn a_refused_password_is_an_auth_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401)
                .insert_header("WWW-Authenticate", r#"Basic realm="r""#)
                .set_body_json(json!({"errors": [{"code": "UNAUTHORIZED"}]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let e = client(&server, Credentials::basic("user", "wrong"))
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(401));
    assert!(e.model().is_some(), "{e:?}");
}

/// Answers with the scopes it is asked for, as AutoRest's `SecurityAad` test credential does.
struct ScopeEcho;

impl TokenCredential for ScopeEcho {
    fn token<'a>(&'a self, request: TokenRequest<'a>) -> TokenFuture<'a> {
        Box::pin(async move { Ok(Secret::new(request.scopes().join(" "))) })
    }
}

#[tokio::test]
async fn a_token_credential_is_asked_for_the_client_scopes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header(
            "authorization",
            "Bearer https://security.microsoft.com/.default",
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"name": "app", "tags": []})))
        .expect(1)
        .mount(&server)
        .await;
    docker::Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer_with(ScopeEcho))
        .scopes(["https://security.microsoft.com/.default"])
        .build()
        .unwrap()
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .unwrap();
}
