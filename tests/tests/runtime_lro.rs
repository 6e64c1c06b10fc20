//! Long-running operations (`specs/lro/widgets.json`, every operation `x-ms-long-running-operation`)
//! against an in-process server: status monitors, `Location` polling, `provisioningState`,
//! `Retry-After`, a status URL that disappears, failures with the service's error, resuming from a
//! state token, and a status link on another origin refused.

use std::time::Duration;

use serde_json::json;
use widgets_lro::models::{Export, Widget};
use widgets_lro::runtime::{PollStatus, Poller};
use widgets_lro::{Client, ErrorKind, ErrorModel};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .poll_interval(Duration::ZERO)
        .build()
        .unwrap()
}

fn widget(state: &str) -> serde_json::Value {
    json!({"id": "/widgets/w1", "name": "w1", "properties": {"color": "red", "provisioningState": state}})
}

/// Answers `first` once, then `then` for ever.
async fn in_sequence(
    server: &MockServer,
    verb: &str,
    at: &str,
    first: ResponseTemplate,
    then: ResponseTemplate,
) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(first)
        .up_to_n_times(1)
        .with_priority(1)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(then)
        .with_priority(2)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_put_polls_its_status_monitor_then_reads_the_resource_at_the_original_uri() {
    let server = MockServer::start().await;
    let monitor = format!("{}/operations/op1", server.uri());
    Mock::given(method("PUT"))
        .and(path("/widgets/w1"))
        .respond_with(
            ResponseTemplate::new(201)
                .set_body_json(widget("Creating"))
                .insert_header("Azure-AsyncOperation", monitor.as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    in_sequence(
        &server,
        "GET",
        "/operations/op1",
        ResponseTemplate::new(200).set_body_json(json!({"status": "InProgress"})),
        ResponseTemplate::new(200).set_body_json(json!({"status": "Succeeded"})),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/widgets/w1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget("Succeeded")))
        .expect(1)
        .mount(&server)
        .await;

    let body = Widget::default();
    let created: Widget = client(&server)
        .widgets()
        .create_or_update("w1", body)
        .await
        .unwrap();
    let state = created.properties.and_then(|p| p.provisioning_state);
    assert_eq!(state.as_deref(), Some("Succeeded"));
    let monitor_hits = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/operations/op1")
        .count();
    assert_eq!(monitor_hits, 2);
}

#[tokio::test]
async fn step_by_step_the_poller_reports_its_status_and_the_wait_the_server_asks_for() {
    let server = MockServer::start().await;
    let location = format!("{}/exports/e1", server.uri());
    Mock::given(method("POST"))
        .and(path("/widgets/w1/export"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", location.as_str())
                .insert_header("Retry-After", "7"),
        )
        .mount(&server)
        .await;
    in_sequence(
        &server,
        "GET",
        "/exports/e1",
        ResponseTemplate::new(202).insert_header("retry-after-ms", "250"),
        ResponseTemplate::new(200).set_body_json(json!({"url": "https://files/e1"})),
    )
    .await;

    let mut poller = client(&server).widgets().export("w1").poller();
    assert_eq!(poller.status(), PollStatus::NotStarted);
    assert_eq!(poller.poll().await.unwrap(), PollStatus::InProgress);
    assert_eq!(poller.next_delay(), Duration::from_secs(7));
    assert_eq!(poller.poll().await.unwrap(), PollStatus::InProgress);
    assert_eq!(poller.next_delay(), Duration::from_millis(250));
    assert_eq!(poller.poll().await.unwrap(), PollStatus::Succeeded);
    assert_eq!(
        poller.next_delay(),
        Duration::ZERO,
        "no header: the interval"
    );
    let export: Export = poller.await.unwrap();
    assert_eq!(export.url.as_deref(), Some("https://files/e1"));
}

#[tokio::test]
async fn a_status_url_that_disappears_is_an_error_with_its_status() {
    let server = MockServer::start().await;
    let location = format!("{}/deletions/d1", server.uri());
    Mock::given(method("DELETE"))
        .and(path("/widgets/w1"))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", location.as_str()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/deletions/d1"))
        .respond_with(
            ResponseTemplate::new(404)
                .set_body_json(json!({"code": "NotFound", "message": "no such operation"})),
        )
        .mount(&server)
        .await;

    let error = client(&server).widgets().delete("w1").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    match error.model() {
        Some(ErrorModel::CloudError(e)) => assert_eq!(e.code.as_deref(), Some("NotFound")),
        other => panic!("error model: {other:?}"),
    }
}

#[tokio::test]
async fn a_200_whose_provisioning_state_is_failed_fails_the_operation() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/widgets/w1"))
        .respond_with(ResponseTemplate::new(201).set_body_json(widget("Creating")))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/widgets/w1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(widget("Failed")))
        .mount(&server)
        .await;

    let error = client(&server)
        .widgets()
        .create_or_update("w1", Widget::default())
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::OperationFailed);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(200));
}

#[tokio::test]
async fn a_failed_status_carries_the_services_error_and_canceled_is_its_own_kind() {
    let server = MockServer::start().await;
    for (name, status) in [("w1", "Failed"), ("w2", "Canceled")] {
        let monitor = format!("{}/operations/{name}", server.uri());
        Mock::given(method("POST"))
            .and(path(format!("/widgets/{name}/restart")))
            .respond_with(
                ResponseTemplate::new(202).insert_header("Operation-Location", monitor.as_str()),
            )
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path(format!("/operations/{name}")))
            .respond_with(ResponseTemplate::new(200).set_body_json(json!({
                "status": status,
                "error": {"code": "Overheated", "message": "the widget is too hot"}
            })))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    let failed = client.widgets().restart("w1").await.unwrap_err();
    assert_eq!(failed.kind(), ErrorKind::OperationFailed);
    match failed.model() {
        Some(ErrorModel::CloudError(e)) => {
            assert_eq!(e.code.as_deref(), Some("Overheated"));
            assert_eq!(e.message.as_deref(), Some("the widget is too hot"));
        }
        other => panic!("error model: {other:?}"),
    }
    let canceled = client.widgets().restart("w2").await.unwrap_err();
    assert_eq!(canceled.kind(), ErrorKind::OperationCanceled);
}

#[tokio::test]
async fn a_poller_resumes_from_its_state_token_without_sending_the_request_again() {
    let server = MockServer::start().await;
    let monitor = format!("{}/operations/op1", server.uri());
    let location = format!("{}/exports/e1", server.uri());
    Mock::given(method("POST"))
        .and(path("/widgets/w1/export"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Azure-AsyncOperation", monitor.as_str())
                .insert_header("Location", location.as_str()),
        )
        .expect(1)
        .mount(&server)
        .await;
    in_sequence(
        &server,
        "GET",
        "/operations/op1",
        ResponseTemplate::new(200).set_body_json(json!({"status": "Running"})),
        ResponseTemplate::new(200).set_body_json(json!({"status": "Succeeded"})),
    )
    .await;
    Mock::given(method("GET"))
        .and(path("/exports/e1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"url": "https://files/e1"})))
        .expect(1)
        .mount(&server)
        .await;

    let client = client(&server);
    let mut poller = client.widgets().export("w1").poller();
    assert!(
        poller.state_token().is_none(),
        "nothing to resume before the first answer"
    );
    assert_eq!(poller.poll().await.unwrap(), PollStatus::InProgress);
    let token = poller.state_token().expect("a token");
    drop(poller);

    let resumed = Poller::<Export, _>::resume(&client, &token).unwrap();
    let export = resumed.await.unwrap();
    assert_eq!(export.url.as_deref(), Some("https://files/e1"));

    let bad = Poller::<Export, _>::resume(&client, "not a token").unwrap_err();
    assert_eq!(bad.kind(), ErrorKind::InvalidParameter);
}

#[tokio::test]
async fn a_status_link_on_another_origin_is_refused_and_never_sent() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let monitor = format!("{}/operations/op1", elsewhere.uri());
    Mock::given(method("DELETE"))
        .and(path("/widgets/w1"))
        .respond_with(
            ResponseTemplate::new(202).insert_header("Azure-AsyncOperation", monitor.as_str()),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": "Succeeded"})))
        .expect(0)
        .mount(&elsewhere)
        .await;

    let error = client(&server).widgets().delete("w1").await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::CrossOrigin);
}

#[tokio::test]
async fn a_refused_initial_request_is_the_error_and_leaves_nothing_to_poll() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/widgets/w1"))
        .respond_with(
            ResponseTemplate::new(409)
                .set_body_json(json!({"code": "Conflict", "message": "w1 is being deleted"})),
        )
        .expect(1)
        .mount(&server)
        .await;

    let mut poller = client(&server)
        .widgets()
        .create_or_update("w1", Widget::default())
        .poller();
    let error = poller.poll().await.unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnexpectedStatus);
    match error.model() {
        Some(ErrorModel::CloudError(e)) => assert_eq!(e.code.as_deref(), Some("Conflict")),
        other => panic!("error model: {other:?}"),
    }
    assert!(poller.state_token().is_none());
    let again = poller.await.unwrap_err();
    assert_eq!(again.kind(), ErrorKind::InvalidParameter);
}

#[tokio::test]
async fn a_resumed_poller_decodes_errors_as_its_operation_does() {
    let server = MockServer::start().await;
    let location = format!("{}/deletions/d1", server.uri());
    Mock::given(method("DELETE"))
        .and(path("/widgets/w1"))
        .respond_with(ResponseTemplate::new(202).insert_header("Location", location.as_str()))
        .expect(1)
        .mount(&server)
        .await;
    in_sequence(
        &server,
        "GET",
        "/deletions/d1",
        ResponseTemplate::new(202),
        ResponseTemplate::new(404)
            .set_body_json(json!({"code": "NotFound", "message": "no such operation"})),
    )
    .await;

    let client = client(&server);
    let mut poller = client.widgets().delete("w1").poller();
    assert_eq!(poller.poll().await.unwrap(), PollStatus::InProgress);
    let token = poller.state_token().expect("a token");
    drop(poller);

    // A token of an earlier version (no operation id) still resumes; its errors keep their
    // status and body but have no model.
    let mut old: serde_json::Value = serde_json::from_str(&token).unwrap();
    assert_eq!(old["operation"], "Widgets_Delete");
    old.as_object_mut().unwrap().remove("operation");

    let error = Poller::<serde_json::Value, _>::resume(&client, &token)
        .unwrap()
        .await
        .unwrap_err();
    assert_eq!(error.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    match error.model() {
        Some(ErrorModel::CloudError(e)) => assert_eq!(e.code.as_deref(), Some("NotFound")),
        other => panic!("error model: {other:?}"),
    }
    assert!(error.to_string().contains("Widgets_Delete"), "{error}");

    let error = Poller::<serde_json::Value, _>::resume(&client, &old.to_string())
        .unwrap()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(404));
    assert!(error.model().is_none());
}
