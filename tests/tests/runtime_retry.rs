//! Retries and timeouts of the generated clients' runtime: which requests are sent again, how
//! long the client waits (`Retry-After`), and that a streamed body is never sent twice.

use std::time::{Duration, Instant};

use acr::{Body, ErrorKind, RetryPolicy};
use containerregistry_2019_08_15_preview as acr;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A policy that retries at once (1 ms backoff), so that tests stay fast.
fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(1))
        .max_backoff(Duration::from_millis(2))
}

fn client(server: &MockServer, policy: RetryPolicy) -> acr::Client {
    acr::Client::builder(server.uri())
        .retry_policy(policy)
        .build()
        .unwrap()
}

/// Answers `status` the first `times` requests (to any path), then falls through.
async fn first(server: &MockServer, times: u64, answer: ResponseTemplate) {
    Mock::given(wiremock::matchers::any())
        .respond_with(answer)
        .up_to_n_times(times)
        .with_priority(1)
        .mount(server)
        .await;
}

async fn then(server: &MockServer, status: u16) {
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(status))
        .with_priority(2)
        .mount(server)
        .await;
}

async fn count(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn a_get_is_retried_after_503_and_succeeds() {
    let server = MockServer::start().await;
    first(&server, 1, ResponseTemplate::new(503)).await;
    then(&server, 200).await;
    let r = client(&server, fast()).v2_support().check().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(count(&server).await, 2);
}

#[tokio::test]
async fn retries_stop_after_the_policy_maximum() {
    let server = MockServer::start().await;
    then(&server, 502).await;
    let e = client(&server, fast().max_retries(2))
        .v2_support()
        .check()
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(502));
    assert_eq!(count(&server).await, 3);

    let server = MockServer::start().await;
    then(&server, 504).await;
    client(&server, RetryPolicy::none())
        .v2_support()
        .check()
        .await
        .unwrap_err();
    assert_eq!(count(&server).await, 1);
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let server = MockServer::start().await;
    first(
        &server,
        1,
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
    )
    .await;
    then(&server, 200).await;
    let start = Instant::now();
    client(&server, fast()).v2_support().check().await.unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(950),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(count(&server).await, 2);
}

#[tokio::test]
async fn retry_after_is_capped_and_accepts_an_http_date() {
    let server = MockServer::start().await;
    first(
        &server,
        1,
        ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
    )
    .await;
    first(
        &server,
        1,
        ResponseTemplate::new(503).insert_header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT"),
    )
    .await;
    then(&server, 200).await;
    let start = Instant::now();
    let policy = fast().max_retry_after(Duration::from_millis(50));
    client(&server, policy).v2_support().check().await.unwrap();
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "{:?}",
        start.elapsed()
    );
    assert_eq!(count(&server).await, 3);
}

#[tokio::test]
async fn a_post_is_retried_by_default_unless_turned_off() {
    // As the Azure SDKs do: every method is retried on the retry set.
    let server = MockServer::start().await;
    first(&server, 1, ResponseTemplate::new(503)).await;
    then(&server, 202).await;
    client(&server, fast())
        .blob()
        .start_upload("app")
        .await
        .unwrap();
    assert_eq!(count(&server).await, 2);

    let server = MockServer::start().await;
    then(&server, 503).await;
    let e = client(&server, fast().retry_non_idempotent(false))
        .blob()
        .start_upload("app")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(count(&server).await, 1);
}

#[tokio::test]
async fn a_patch_is_retried_by_default() {
    let server = MockServer::start().await;
    first(&server, 2, ResponseTemplate::new(500)).await;
    then(&server, 202).await;
    client(&server, fast())
        .blob()
        .upload("v2/app/blobs/uploads/1?_state=x", b"chunk".to_vec())
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.method.as_str() == "PATCH"));
}

#[tokio::test]
async fn a_body_in_memory_is_sent_again_but_a_stream_never() {
    let link = "v2/app/blobs/uploads/1?_state=x";
    let server = MockServer::start().await;
    first(&server, 1, ResponseTemplate::new(503)).await;
    then(&server, 201).await;
    client(&server, fast())
        .blob()
        .end_upload("sha256:ab", link)
        .value(b"chunk".to_vec())
        .await
        .unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert!(received.iter().all(|r| r.body == b"chunk"));

    let server = MockServer::start().await;
    then(&server, 503).await;
    let chunks =
        futures::stream::iter([Ok::<_, std::io::Error>(b"chu".to_vec()), Ok(b"nk".to_vec())]);
    let e = client(&server, fast())
        .blob()
        .end_upload("sha256:ab", link)
        .value(Body::from_stream(chunks))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(503));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "a streamed body is sent once");
    assert_eq!(received[0].body, b"chunk");
}

#[tokio::test]
async fn a_connection_error_is_retried_then_reported() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let start = Instant::now();
    let policy = RetryPolicy::default()
        .max_retries(2)
        .initial_backoff(Duration::from_millis(100))
        .max_backoff(Duration::from_millis(100));
    let client = acr::Client::builder(format!("http://127.0.0.1:{port}"))
        .retry_policy(policy)
        .build()
        .unwrap();
    let e = client.v2_support().check().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport);
    assert_eq!(e.operation(), Some("V2Support_Check"));
    // Two backoffs of at least half of 100 ms each.
    assert!(
        start.elapsed() >= Duration::from_millis(100),
        "{:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let client = acr::Client::builder(server.uri())
        .request_timeout(Duration::from_millis(200))
        .connect_timeout(Duration::from_secs(1))
        .build()
        .unwrap();
    let start = Instant::now();
    let e = client.v2_support().check().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout);
    assert!(e.is_timeout());
    assert_eq!(e.operation(), Some("V2Support_Check"));
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    // Timeouts are not retried.
    assert_eq!(count(&server).await, 1);
}
