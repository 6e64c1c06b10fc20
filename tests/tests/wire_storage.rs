//! The Azure Storage crates on the wire, against a local mock: lists paged by continuation
//! tokens (Queue's `NextMarker` in the body sent back as `marker`; Table's
//! `x-ms-continuation-*` headers sent back as query parameters), each page asked for only when
//! the stream gets to it; header collections (`x-ms-meta-*`) sent from a map and collected
//! into one; errors carry the service's error code (`x-ms-error-code`, else the XML `Code`).

use azure_storage_queue::models::ServiceListQueuesSegmentComp;
use azure_storage_table::models::{ApiVersionParameter, DataServiceVersionParameter};
use futures::{StreamExt, TryStreamExt};
use std::collections::BTreeMap;

use azure_storage_queue::models::QueueGetPropertiesComp;
use serde_json::json;
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A `ListQueuesSegmentResponse` page (XML) with these queue names and `next` as `NextMarker`
/// (empty on the last page, as the service sends it).
fn queue_page(names: &[&str], next: &str) -> ResponseTemplate {
    let queues: String = names
        .iter()
        .map(|n| format!("<Queue><Name>{n}</Name></Queue>"))
        .collect();
    let next = next.replace('&', "&amp;");
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><EnumerationResults \
         ServiceEndpoint=\"http://127.0.0.1/devstoreaccount1/\"><Prefix>q</Prefix>\
         <MaxResults>2</MaxResults><Queues>{queues}</Queues><NextMarker>{next}</NextMarker>\
         </EnumerationResults>"
    );
    ResponseTemplate::new(200).set_body_raw(body, "application/xml")
}

#[tokio::test]
async fn queues_page_by_the_body_marker_sent_back_as_the_marker_query_parameter() {
    let server = MockServer::start().await;
    // The first request has no marker; each next one repeats the first request's query (the
    // prefix) with the page's NextMarker as `marker`.
    Mock::given(method("GET"))
        .and(path("/"))
        .and(query_param("comp", "list"))
        .and(query_param("prefix", "q"))
        .and(query_param_is_missing("marker"))
        .respond_with(queue_page(&["q1", "q2"], "/devstoreaccount1/q3"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/"))
        .and(query_param("prefix", "q"))
        .and(query_param("marker", "/devstoreaccount1/q3"))
        .respond_with(queue_page(&["q3", "q4"], "/devstoreaccount1/q5 & more"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/"))
        .and(query_param("prefix", "q"))
        .and(query_param("marker", "/devstoreaccount1/q5 & more"))
        .respond_with(queue_page(&["q5"], ""))
        .expect(1)
        .mount(&server)
        .await;

    let client = azure_storage_queue::Client::from_base_url(server.uri()).expect("a client");
    let mut pager = client
        .service()
        .list_queues_segment(ServiceListQueuesSegmentComp::List)
        .prefix("q")
        .await
        .expect("the first page");
    // Lazily: only the first page has been asked for.
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let first = pager.next().await.expect("an item").expect("no error");
    assert_eq!(first.name, "q1");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    let rest: Vec<String> = pager.map_ok(|q| q.name).try_collect().await.expect("pages");
    assert_eq!(rest, ["q2", "q3", "q4", "q5"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

/// A `TableEntityQueryResponse` page with these row keys, and the continuation headers given.
fn entity_page(rows: &[&str], next: Option<(&str, Option<&str>)>) -> ResponseTemplate {
    let value: Vec<_> = rows
        .iter()
        .map(|r| json!({"PartitionKey": "p", "RowKey": r}))
        .collect();
    let mut page = ResponseTemplate::new(200).set_body_json(json!({ "value": value }));
    if let Some((partition, row)) = next {
        page = page.insert_header("x-ms-continuation-NextPartitionKey", partition);
        if let Some(row) = row {
            page = page.insert_header("x-ms-continuation-NextRowKey", row);
        }
    }
    page
}

#[tokio::test]
async fn entities_page_by_continuation_headers_sent_back_as_query_parameters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/t1()"))
        .and(query_param("$filter", "RowKey gt 'a'"))
        .and(query_param_is_missing("NextPartitionKey"))
        .respond_with(entity_page(
            &["r1", "r2"],
            Some(("1!4!cA--", Some("1!4!cjM-"))),
        ))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/t1()"))
        .and(query_param("$filter", "RowKey gt 'a'"))
        .and(query_param("NextPartitionKey", "1!4!cA--"))
        .and(query_param("NextRowKey", "1!4!cjM-"))
        .respond_with(entity_page(&["r3"], Some(("1!4!cQ--", None))))
        .expect(1)
        .mount(&server)
        .await;
    // A token the page leaves out is not sent again: NextRowKey is missing here.
    Mock::given(method("GET"))
        .and(path("/t1()"))
        .and(query_param("NextPartitionKey", "1!4!cQ--"))
        .and(query_param_is_missing("NextRowKey"))
        .respond_with(entity_page(&["r4"], None))
        .expect(1)
        .mount(&server)
        .await;

    let client =
        azure_storage_table::Client::from_base_url(server.uri(), ApiVersionParameter::default())
            .expect("a client");
    let pager = client
        .table()
        .query_entities(DataServiceVersionParameter::V30, "t1")
        .query_options(azure_storage_table::models::QueryOptions {
            filter: Some("RowKey gt 'a'".to_owned()),
            ..Default::default()
        })
        .await
        .expect("the first page");
    let pages: Vec<_> = pager.into_pages().try_collect().await.expect("pages");
    let rows: Vec<Vec<String>> = pages
        .into_iter()
        .map(|page| {
            page.body
                .value
                .unwrap_or_default()
                .iter()
                .map(|e| e["RowKey"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    assert_eq!(rows, [vec!["r1", "r2"], vec!["r3"], vec!["r4"]]);
}

#[tokio::test]
async fn a_page_that_repeats_its_tokens_ends_the_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/Tables"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"value": [{"TableName": "t"}]}))
                .insert_header("x-ms-continuation-NextTableName", "same"),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client =
        azure_storage_table::Client::from_base_url(server.uri(), ApiVersionParameter::default())
            .expect("a client");
    let pager = client
        .table()
        .query(DataServiceVersionParameter::V30)
        .await
        .expect("the first page");
    let tables: Vec<_> = pager.try_collect().await.expect("pages");
    assert_eq!(tables.len(), 2);
}

#[tokio::test]
async fn metadata_is_sent_as_one_header_per_entry_and_read_back_as_a_map() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/q1"))
        .and(header("x-ms-meta-owner", "me"))
        .and(header("x-ms-meta-Color", "dark blue"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/q1"))
        .and(query_param("comp", "metadata"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-ms-meta-owner", "me")
                .insert_header("X-MS-META-Color", "dark blue")
                .insert_header("x-ms-approximate-messages-count", "3")
                .insert_header("x-ms-metadata-not", "a prefix match without the dash"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let client = azure_storage_queue::Client::from_base_url(server.uri()).expect("a client");
    let metadata = BTreeMap::from([
        ("owner".to_owned(), "me".to_owned()),
        ("Color".to_owned(), "dark blue".to_owned()),
    ]);
    client
        .queue()
        .create("q1")
        .metadata(metadata)
        .await
        .expect("created");
    let properties = client
        .queue()
        .get_properties(QueueGetPropertiesComp::Metadata, "q1")
        .await
        .expect("the properties");
    // Names come lower-cased over HTTP/1.1: the keys are the rest of the name as received.
    let expected = BTreeMap::from([
        ("color".to_owned(), "dark blue".to_owned()),
        ("owner".to_owned(), "me".to_owned()),
    ]);
    assert_eq!(properties.x_ms_meta, expected);
    assert_eq!(properties.x_ms_approximate_messages_count, Some(3));
}

/// A storage error answer: the XML `<Error>` body, and the code in `x-ms-error-code` too when
/// `header` is set (as the service and Azurite send it).
fn storage_error(status: u16, code: &str, header: bool) -> ResponseTemplate {
    let body = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>{code}</Code>\
         <Message>The condition specified using HTTP conditional header(s) is not met.</Message>\
         </Error>"
    );
    let answer = ResponseTemplate::new(status).set_body_raw(body, "application/xml");
    if header {
        answer.insert_header("x-ms-error-code", code)
    } else {
        answer
    }
}

#[tokio::test]
async fn a_caller_matches_the_error_code_of_a_412() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/q1"))
        .respond_with(storage_error(412, "ConditionNotMet", true))
        .expect(1)
        .mount(&server)
        .await;
    let client = azure_storage_queue::Client::from_base_url(server.uri()).expect("a client");
    let error = client.queue().delete("q1").await.expect_err("a 412");
    let outcome = match error.error_code() {
        Some("ConditionNotMet") => "retry with a fresh ETag",
        Some(_) | None => "give up",
    };
    assert_eq!(outcome, "retry with a fresh ETag");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(412));
    // The XML body is decoded into the StorageError model, code included.
    let model = error.model().expect("the StorageError model");
    assert_eq!(model.code(), Some("ConditionNotMet"));
    let azure_storage_queue::ErrorModel::StorageError(storage) = model;
    assert!(
        storage
            .message
            .as_deref()
            .unwrap_or_default()
            .contains("not met")
    );
}

#[tokio::test]
async fn without_the_header_the_error_code_is_the_models() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/q2"))
        .respond_with(storage_error(404, "QueueNotFound", false))
        .mount(&server)
        .await;
    let client = azure_storage_queue::Client::from_base_url(server.uri()).expect("a client");
    let error = client.queue().delete("q2").await.expect_err("a 404");
    assert!(
        error
            .headers()
            .is_some_and(|h| !h.contains_key("x-ms-error-code"))
    );
    assert_eq!(error.error_code(), Some("QueueNotFound"));
}
