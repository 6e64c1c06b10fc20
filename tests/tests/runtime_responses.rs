//! Responses and errors: empty bodies, decode errors that name the operation, the status and a
//! snippet of the body, bounded raw bodies of unexpected statuses, and content negotiation.

use acr::ErrorKind;
use acr::models::Manifest;
use acr::runtime::MAX_ERROR_BODY;
use containerregistry_2019_08_15_preview as acr;
use serde_json::json;
use wiremock::matchers::{any, header, method};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(answer: ResponseTemplate) -> (MockServer, acr::Client) {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    let client = acr::Client::new(server.uri()).unwrap();
    (server, client)
}

fn manifest() -> Manifest {
    Manifest {
        schema_version: Some(2),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_empty_201_decodes_as_null_where_the_spec_says_any() {
    // `schema: {}` on the 201 of a manifest PUT, answered with no body and no Content-Type.
    let (_server, client) =
        answering(ResponseTemplate::new(201).insert_header("Docker-Content-Digest", "sha256:ab"))
            .await;
    let r = client
        .manifests()
        .create("app", "v1", manifest())
        .await
        .unwrap();
    assert_eq!(r.body, serde_json::Value::Null);
    assert_eq!(r.docker_content_digest.as_deref(), Some("sha256:ab"));
    assert!(r.raw_body().is_empty());
}

#[tokio::test]
async fn an_empty_body_decodes_into_a_model_that_can_be_empty() {
    // Every property of `RepositoryAttributes` is optional: `{}` is one.
    let (_server, client) = answering(ResponseTemplate::new(200)).await;
    let r = client.repository().get_attributes("app").await.unwrap();
    assert_eq!(r.body, acr::models::RepositoryAttributes::default());
}

#[tokio::test]
async fn an_empty_body_where_the_type_has_no_empty_value_is_a_decode_error() {
    // A body that must be a number cannot be empty (an array could: `[]`).
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let response = reqwest::get(server.uri()).await.unwrap();
    let e = acr::runtime::json::<i64>("Count_Things", response)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    let shown = e.to_string();
    assert!(shown.starts_with("Count_Things: "), "{shown}");
    assert!(
        shown.contains("200 OK") && shown.contains("empty"),
        "{shown}"
    );
}

#[tokio::test]
async fn a_body_that_does_not_decode_names_the_operation_status_and_body() {
    let (_server, client) = answering(
        ResponseTemplate::new(200)
            .set_body_raw(br#"{"manifestCount": "many"}"#.to_vec(), "application/json"),
    )
    .await;
    let e = client.repository().get_attributes("app").await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert_eq!(e.operation(), Some("Repository_GetAttributes"));
    assert_eq!(e.status().map(|s| s.as_u16()), Some(200));
    let shown = e.to_string();
    assert!(shown.contains("Repository_GetAttributes"), "{shown}");
    assert!(shown.contains(r#"{"manifestCount": "many"}"#), "{shown}");
}

#[tokio::test]
async fn an_unexpected_status_keeps_a_bounded_raw_body_when_it_is_not_the_error_model() {
    let big = "x".repeat(3 * MAX_ERROR_BODY);
    let (_server, client) =
        answering(ResponseTemplate::new(500).set_body_raw(big.into_bytes(), "text/html")).await;
    let e = client.v2_support().check().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(500));
    assert!(e.model().is_none());
    assert_eq!(e.body().map(<[u8]>::len), Some(MAX_ERROR_BODY));
    let shown = e.to_string();
    assert!(shown.len() < 400, "Display shows a snippet: {shown}");
    assert!(
        shown.starts_with("V2Support_Check: unexpected status 500"),
        "{shown}"
    );
}

#[tokio::test]
async fn accept_and_content_type_come_from_the_spec_and_can_be_overridden() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "schemaVersion": 2,
            "mediaType": "application/vnd.oci.image.manifest.v1+json",
            "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "size": 2, "digest": "sha256:44"},
            "layers": []
        })))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(header(
            "content-type",
            "application/vnd.oci.image.manifest.v1+json",
        ))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let got = client.manifests().get("app", "v1").await.unwrap();
    assert!(got.raw_body().starts_with(b"{"));
    // The manifest media types of the polymorphic response model come first.
    let received = server.received_requests().await.unwrap();
    assert_eq!(
        received[0].headers.get("accept").unwrap(),
        "application/vnd.docker.distribution.manifest.list.v2+json, \
         application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json, \
         application/vnd.docker.distribution.manifest.v2+json, application/json"
    );
    client
        .manifests()
        .create("app", "v1", manifest())
        .content_type("application/vnd.oci.image.manifest.v1+json")
        .await
        .unwrap();
}

#[tokio::test]
async fn an_empty_body_decodes_as_the_empty_value_of_the_type_or_fails() {
    // AutoRest's clients return "no value" for a 200 without a body: the empty value of the
    // documented type where it has one.
    let (_server, client) = answering(ResponseTemplate::new(200)).await;
    let get = || async {
        client
            .request(reqwest::Method::GET, "/v2/")
            .send()
            .await
            .unwrap()
    };
    assert_eq!(
        get().await.json::<Vec<i32>>().await.unwrap(),
        Vec::<i32>::new()
    );
    assert_eq!(get().await.json::<String>().await.unwrap(), "");
    assert_eq!(get().await.json::<Option<bool>>().await.unwrap(), None);
    let map = get()
        .await
        .json::<std::collections::BTreeMap<String, i32>>()
        .await
        .unwrap();
    assert!(map.is_empty());
    // A boolean has no empty value: the empty body is a decode error that says so.
    let e = get().await.json::<bool>().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert!(e.to_string().contains("empty"), "{e}");
}

#[tokio::test]
async fn an_empty_body_of_a_constant_type_is_the_constant() {
    // A closed enum of one value (`enum: [true]`) is a constant, and its `Default` is that value:
    // an empty `200` is it. A body that is there still decodes, and must be the constant.
    #[derive(Debug, PartialEq, Default, serde::Deserialize)]
    enum Yes {
        #[default]
        #[serde(rename = "yes")]
        Yes,
    }
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(200).set_body_string("\"no\""))
        .mount(&server)
        .await;
    let http = reqwest::Client::new();
    let empty = http.get(server.uri()).send().await.unwrap();
    let (value, _) = acr::runtime::constant::<Yes>("Say_Yes", empty)
        .await
        .unwrap();
    assert_eq!(value, Yes::Yes);
    let wrong = http.put(server.uri()).send().await.unwrap();
    let e = acr::runtime::constant::<Yes>("Say_Yes", wrong)
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    // Without the constant rule the empty body has no value of `Yes`.
    let empty = http.get(server.uri()).send().await.unwrap();
    let e = acr::runtime::json::<Yes>("Say_Yes", empty)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("empty"), "{e}");
}
