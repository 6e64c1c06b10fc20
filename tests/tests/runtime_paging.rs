//! Paging: `Repository_GetList` documents a `Link` header and its body has one array, so its
//! builder follows `Link: <..>; rel="next"` (relative or absolute, same origin only).

use acr::ErrorKind;
use containerregistry_2019_08_15_preview as acr;
use futures::{StreamExt, TryStreamExt};
use serde_json::json;
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn page(names: &[&str], link: Option<String>) -> ResponseTemplate {
    let answer = ResponseTemplate::new(200).set_body_json(json!({ "repositories": names }));
    match link {
        Some(link) => answer.insert_header("Link", link.as_str()),
        None => answer,
    }
}

/// Three pages: the second linked relatively, the third absolutely.
async fn three_pages(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .and(query_param("n", "2"))
        .and(query_param_is_missing("last"))
        .respond_with(page(
            &["a", "b"],
            Some(r#"</acr/v1/_catalog?last=b&n=2>; rel="next""#.to_owned()),
        ))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .and(query_param("last", "b"))
        .respond_with(page(
            &["c", "d"],
            Some(format!(
                r#"<{}/acr/v1/_catalog?last=d&n=2>; rel="next", <{}/acr/v1/_catalog>; rel="first""#,
                server.uri(),
                server.uri()
            )),
        ))
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .and(query_param("last", "d"))
        .respond_with(page(&["e"], None))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn items_follow_relative_and_absolute_next_links_until_there_is_none() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = acr::Client::new(server.uri()).unwrap();
    let names: Vec<String> = client
        .repository()
        .get_list()
        .n(2)
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    let received = server.received_requests().await.unwrap();
    assert!(
        received
            .iter()
            .all(|r| r.headers.get("accept").unwrap() == "application/json"),
        "every page has the first request's headers"
    );
}

#[tokio::test]
async fn pages_are_whole_responses() {
    let server = MockServer::start().await;
    three_pages(&server).await;
    let client = acr::Client::new(server.uri()).unwrap();
    let pages: Vec<_> = client
        .repository()
        .get_list()
        .n(2)
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 3);
    assert_eq!(
        pages[0].link.as_deref(),
        Some(r#"</acr/v1/_catalog?last=b&n=2>; rel="next""#)
    );
    assert!(pages[2].link.is_none());
}

#[tokio::test]
async fn a_next_link_to_another_host_is_an_error_and_is_not_followed() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .respond_with(page(
            &["a"],
            Some(format!(
                r#"<{}/acr/v1/_catalog?last=a>; rel="next""#,
                elsewhere.uri()
            )),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let items: Vec<_> = client.repository().get_list().into_stream().collect().await;
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_deref().unwrap(), "a");
    let e = items[1].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CrossOrigin);
    assert_eq!(e.operation(), Some("Repository_GetList"));
    assert!(elsewhere.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_link_back_to_a_visited_page_ends_the_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .respond_with(page(
            &["a"],
            Some(r#"</acr/v1/_catalog?last=a>; rel="next""#.to_owned()),
        ))
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let names: Vec<String> = client
        .repository()
        .get_list()
        .into_stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["a", "a"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_with_the_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"errors": [{"code": "NAME_UNKNOWN", "message": "unknown"}]})),
        )
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let items: Vec<_> = client.repository().get_list().into_stream().collect().await;
    assert_eq!(items.len(), 1);
    let e = items[0].as_ref().unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedStatus);
    assert!(e.model().is_some());
}
