//! Pagers (`x-ms-pageable`), on the wire: the AutoRest test server's `paging.json`
//! (`generated/autorest-paging`) against a local mock. Next links are followed lazily through
//! the client's pipeline (credentials, retries), relative ones resolved against the base URL,
//! the first request's `api-version` put on each; a link to another host is refused before
//! anything is sent there; a failing page ends the stream with its error.

use std::time::Duration;

use autorest_paging::models::Product;
use autorest_paging::{Client, Credentials, ErrorKind, RetryPolicy};
use futures::{StreamExt, TryStreamExt};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn product(id: i64) -> Value {
    json!({ "properties": { "id": id, "name": "product" } })
}

/// A `ProductResult` page: `values` with these ids, and `nextLink` when given.
fn page(ids: &[i64], next: Option<&str>) -> ResponseTemplate {
    let values: Vec<Value> = ids.iter().copied().map(product).collect();
    let body = match next {
        Some(link) => json!({ "values": values, "nextLink": link }),
        None => json!({ "values": values }),
    };
    ResponseTemplate::new(200).set_body_json(body)
}

fn ids(items: &[Product]) -> Vec<i64> {
    items
        .iter()
        .filter_map(|p| p.properties.as_ref().and_then(|p| p.id))
        .collect()
}

fn client(server: &MockServer) -> Client {
    Client::from_base_url(server.uri()).expect("a client")
}

#[tokio::test]
async fn relative_links_are_resolved_against_the_base_url_and_pages_come_lazily() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple"))
        .respond_with(page(&[1, 2], Some("/paging/multiple/page/2")))
        .expect(1)
        .mount(&server)
        .await;
    // An absolute path, then a path relative to the base URL (a directory).
    Mock::given(method("GET"))
        .and(path("/paging/multiple/page/2"))
        .respond_with(page(&[3], Some("paging/multiple/page/3?x=a%2Fb")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/page/3"))
        .and(query_param("x", "a/b"))
        .respond_with(page(&[4], None))
        .expect(1)
        .mount(&server)
        .await;

    let mut pager = client(&server)
        .paging()
        .get_multiple_pages()
        .await
        .expect("the first page");
    // Only the first page has been asked for so far.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(
        pager.next().await.map(|r| r.ok().map(|p| ids(&[p]))),
        Some(Some(vec![1]))
    );
    assert_eq!(
        pager.next().await.map(|r| r.ok().map(|p| ids(&[p]))),
        Some(Some(vec![2]))
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let rest: Vec<Product> = pager.try_collect().await.expect("the other pages");
    assert_eq!(ids(&rest), vec![3, 4]);
}

#[tokio::test]
async fn pages_carry_their_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple"))
        .respond_with(page(&[1], Some("/paging/multiple/page/2")).insert_header("x-page", "1"))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/page/2"))
        .respond_with(page(&[2], None).insert_header("x-page", "2"))
        .mount(&server)
        .await;
    let pages: Vec<_> = client(&server)
        .paging()
        .get_multiple_pages()
        .await
        .expect("the first page")
        .into_pages()
        .try_collect()
        .await
        .expect("the pages");
    let seen: Vec<(u16, Option<&str>, Vec<i64>)> = pages
        .iter()
        .map(|p| {
            (
                p.status().as_u16(),
                p.headers().get("x-page").and_then(|v| v.to_str().ok()),
                ids(p.body.values.as_deref().unwrap_or_default()),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![(200, Some("1"), vec![1]), (200, Some("2"), vec![2])]
    );
}

#[tokio::test]
async fn a_next_link_on_another_host_is_refused_before_sending() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(page(&[9], None))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let link = format!("{}/paging/multiple/page/2", elsewhere.uri());
    Mock::given(method("GET"))
        .and(path("/paging/multiple"))
        .respond_with(page(&[1], Some(&link)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer("secret-token"))
        .build()
        .expect("a client");
    let mut pager = client
        .paging()
        .get_multiple_pages()
        .await
        .expect("the first page");
    assert_eq!(ids(&[pager.try_next().await.unwrap().unwrap()]), vec![1]);
    let error = pager.try_next().await.expect_err("the link is refused");
    assert_eq!(error.kind(), ErrorKind::CrossOrigin);
    assert!(
        pager.next().await.is_none(),
        "the stream ends after the error"
    );
}

#[tokio::test]
async fn next_pages_go_through_the_pipeline_with_credentials_and_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple"))
        .and(header("authorization", "Bearer secret-token"))
        .and(header("client-request-id", "id-1"))
        .respond_with(page(&[1], Some("/paging/multiple/page/2")))
        .expect(1)
        .mount(&server)
        .await;
    // Page 2 fails once with a 503, then answers.
    Mock::given(method("GET"))
        .and(path("/paging/multiple/page/2"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/page/2"))
        .and(header("authorization", "Bearer secret-token"))
        .and(header("client-request-id", "id-1"))
        .respond_with(page(&[2], None))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .credentials(Credentials::bearer("secret-token"))
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::ZERO))
        .build()
        .expect("a client");
    let items: Vec<Product> = client
        .paging()
        .get_multiple_pages()
        .client_request_id("id-1")
        .await
        .expect("the first page")
        .try_collect()
        .await
        .expect("the pages");
    assert_eq!(ids(&items), vec![1, 2]);
}

#[tokio::test]
async fn a_failing_page_in_the_middle_ends_the_stream_with_its_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/failure"))
        .respond_with(page(&[1, 2], Some("/paging/multiple/failure/page/2")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/failure/page/2"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({ "message": "no" })))
        .expect(1)
        .mount(&server)
        .await;
    let results: Vec<_> = client(&server)
        .paging()
        .get_multiple_pages_failure()
        .await
        .expect("the first page")
        .collect()
        .await;
    assert_eq!(results.len(), 3, "two items, then the error: {results:?}");
    assert!(results[0].is_ok() && results[1].is_ok());
    let error = results[2].as_ref().expect_err("page 2 fails");
    assert_eq!(error.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn the_api_version_is_put_on_next_links_in_place_of_theirs() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/paging/apiVersion/replace/1"))
        .and(query_param("api-version", "2024-01-01"))
        .respond_with(page(
            &[1],
            Some("/paging/apiVersion/replace/2?Api-Version=old&%24skiptoken=a%26b#frag"),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/apiVersion/replace/2"))
        .and(query_param("api-version", "2024-01-01"))
        .and(query_param("$skiptoken", "a&b"))
        .and(query_param_is_missing("Api-Version"))
        .respond_with(page(&[2], Some("/paging/apiVersion/replace/3")))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/apiVersion/replace/3"))
        .and(query_param("api-version", "2024-01-01"))
        .respond_with(page(&[3], None))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<Product> = client(&server)
        .paging()
        .replace_api_version("2024-01-01")
        .await
        .expect("the first page")
        .try_collect()
        .await
        .expect("the pages");
    assert_eq!(ids(&items), vec![1, 2, 3]);
    let second = &server.received_requests().await.unwrap()[1];
    assert_eq!(
        second.url.query(),
        Some("%24skiptoken=a%26b&api-version=2024-01-01"),
        "the link's other pairs are sent as the link has them"
    );
}

#[tokio::test]
async fn a_link_seen_before_ends_the_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple"))
        .respond_with(page(&[1], Some("/paging/multiple/page/2")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/page/2"))
        .respond_with(page(&[2], Some("/paging/multiple/page/2")))
        .expect(1)
        .mount(&server)
        .await;
    let items: Vec<Product> = client(&server)
        .paging()
        .get_multiple_pages()
        .await
        .expect("the first page")
        .try_collect()
        .await
        .expect("the pages");
    assert_eq!(ids(&items), vec![1, 2]);
}

/// A pageable long-running operation (`Paging_GetMultiplePagesLRO`): `.await` polls the
/// operation (`Location`, the default of a `POST`) to its end, whose final result is the first
/// page, then the pager follows that page's link. The status request and the next page go to
/// the client's server only.
#[tokio::test]
async fn a_pageable_long_running_operation_polls_then_pages() {
    let server = MockServer::start().await;
    let status = format!("{}/paging/multiple/lro/status", server.uri());
    Mock::given(method("POST"))
        .and(path("/paging/multiple/lro"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", status.as_str())
                .insert_header("Retry-After", "0"),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/lro/status"))
        .respond_with(page(&[1, 2], Some("/paging/multiple/lro/page/2")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/paging/multiple/lro/page/2"))
        .respond_with(page(&[3], None))
        .expect(1)
        .mount(&server)
        .await;

    let client = Client::builder()
        .base_url(server.uri())
        .poll_interval(Duration::ZERO)
        .build()
        .expect("a client");
    let pager = client
        .paging()
        .get_multiple_pages_lro()
        .await
        .expect("the operation ends with its first page");
    let items: Vec<Product> = pager.try_collect().await.expect("the pages");
    assert_eq!(ids(&items), vec![1, 2, 3]);
}
