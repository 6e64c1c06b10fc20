//! User policies in a generated client's pipeline (`ClientBuilder::per_call_policy`,
//! `per_try_policy`): what they see, that they run where the runtime's docs say, that they can
//! change a request and answer one without any server.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use docker_registry_v2::runtime::{self, http, reqwest};
use docker_registry_v2::{Client, Context, Credentials, Next, Policy, PolicyFuture, RetryPolicy};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// What a policy saw of one request.
#[derive(Debug, Clone, PartialEq)]
struct Seen {
    attempt: u32,
    operation: &'static str,
    template: &'static str,
    method: String,
    url: String,
    authorization: Option<String>,
    content_length: Option<String>,
}

/// Records every request it sees, then passes it on.
#[derive(Debug, Default, Clone)]
struct Recorder(Arc<Mutex<Vec<Seen>>>);

impl Recorder {
    fn seen(&self) -> Vec<Seen> {
        self.0.lock().unwrap().clone()
    }
}

impl Policy for Recorder {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        request: reqwest::Request,
        next: Next<'a>,
    ) -> PolicyFuture<'a> {
        let header = |name: &str| {
            request
                .headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };
        self.0.lock().unwrap().push(Seen {
            attempt: ctx.attempt(),
            operation: ctx.operation_id(),
            template: ctx.path_template(),
            method: request.method().to_string(),
            url: request.url().to_string(),
            authorization: header("authorization"),
            content_length: header("content-length"),
        });
        next.run(ctx, request)
    }
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2))
        .retry_non_idempotent(true)
}

/// A per-try policy sees every retry, after credentials, with the final URL and the body's
/// `Content-Length`; a per-call policy sees the call once, before credentials.
#[tokio::test]
async fn per_try_policies_see_each_retry_as_sent() {
    let server = MockServer::start().await;
    let location = "/v2/team/app/blobs/uploads/u1";
    Mock::given(method("PATCH"))
        .and(path(location))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path(location))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", location))
        .mount(&server)
        .await;
    let (per_call, per_try) = (Recorder::default(), Recorder::default());
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer("t0ken"))
        .retry_policy(fast_retries())
        .per_call_policy(per_call.clone())
        .per_try_policy(per_try.clone())
        .build()
        .unwrap();

    client
        .layer()
        .upload_chunk(format!("{location}?_state=abc"), b"0123456789".to_vec())
        .await
        .expect("the third try is answered 202");

    let url = format!("{}{location}?_state=abc", server.uri());
    let tries = per_try.seen();
    assert_eq!(
        tries.iter().map(|s| s.attempt).collect::<Vec<_>>(),
        [0, 1, 2]
    );
    for seen in &tries {
        assert_eq!(seen.operation, "Layer_UploadChunk");
        assert_eq!(seen.template, "/{location}");
        assert_eq!(seen.method, "PATCH");
        assert_eq!(seen.url, url);
        assert_eq!(seen.authorization.as_deref(), Some("Bearer t0ken"));
        assert_eq!(seen.content_length.as_deref(), Some("10"));
    }
    let calls = per_call.seen();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert_eq!(calls[0].attempt, 0);
    assert_eq!(calls[0].url, url);
    assert_eq!(
        calls[0].authorization, None,
        "credentials come after per-call policies"
    );
}

/// Adds a header computed from the request as sent: what a request signer does.
#[derive(Debug)]
struct Signer;

impl Policy for Signer {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        mut request: reqwest::Request,
        next: Next<'a>,
    ) -> PolicyFuture<'a> {
        let signed = format!(
            "{} {} {}",
            request.method(),
            request.url().path(),
            ctx.operation_id()
        );
        request
            .headers_mut()
            .insert("x-signed", signed.parse().unwrap());
        next.run(ctx, request)
    }
}

#[tokio::test]
async fn a_policy_changes_what_is_sent() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/app/tags/list"))
        .and(header(
            "x-signed",
            "GET /v2/app/tags/list getV2NameTagsList",
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"name":"app","tags":["v1"]}"#, "application/json"),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .per_try_policy(Signer)
        .build()
        .unwrap();
    let response = client
        .tag()
        .get_v2_name_tags_list("app")
        .await
        .expect("the server saw the signed header");
    assert_eq!(response.body.tags, Some(vec!["v1".to_owned()]));
}

/// Answers every request itself: a test double, with no server anywhere.
#[derive(Debug)]
struct Double;

impl Policy for Double {
    fn send<'a>(
        &'a self,
        ctx: &'a Context,
        request: reqwest::Request,
        _next: Next<'a>,
    ) -> PolicyFuture<'a> {
        let body = format!(
            r#"{{"name":"{}","tags":["{}"]}}"#,
            request.url().path(),
            ctx.operation_id()
        );
        let response = http::Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(body)
            .unwrap();
        Box::pin(async move { Ok(reqwest::Response::from(response)) })
    }
}

#[tokio::test]
async fn a_policy_answers_without_a_server() {
    // Nothing listens on port 9 (discard) here; the policy answers before any connection.
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .per_call_policy(Double)
        .build()
        .unwrap();
    let response = client
        .tag()
        .get_v2_name_tags_list("team/app")
        .await
        .unwrap();
    // The path parameter is encoded as one segment.
    assert_eq!(
        response.body.name.as_deref(),
        Some("/v2/team%2Fapp/tags/list")
    );
    assert_eq!(
        response.body.tags,
        Some(vec!["getV2NameTagsList".to_owned()])
    );
}

/// Refuses every request: the policy's error is the call's, and the retry loop is not entered.
#[derive(Debug)]
struct Refuse;

impl Policy for Refuse {
    fn send<'a>(
        &'a self,
        _ctx: &'a Context,
        _request: reqwest::Request,
        _next: Next<'a>,
    ) -> PolicyFuture<'a> {
        Box::pin(async { Err(runtime::Error::policy("not on weekends", None)) })
    }
}

#[tokio::test]
async fn a_policy_error_is_the_calls_error() {
    let client = Client::builder()
        .base_url("http://127.0.0.1:9")
        .per_try_policy(Refuse)
        .build()
        .unwrap();
    let error = client
        .tag()
        .get_v2_name_tags_list("team/app")
        .await
        .unwrap_err();
    assert_eq!(error.kind(), runtime::ErrorKind::Policy);
    assert!(error.to_string().contains("not on weekends"), "{error}");
}
