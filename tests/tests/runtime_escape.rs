//! Escape hatches: bodies from any bytes, files, streams and downloads; JSON bodies given as raw
//! bytes with their content type; any request sent through the client's pipeline.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use acr::runtime::{CustomRequest, encode_component};
use acr::{Body, Credentials, ErrorKind, RequestContent};
use bytes::Bytes;
use containerregistry_2019_08_15_preview as acr;
use serde_json::json;
use wiremock::matchers::{body_bytes, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// `PATCH /v2/app/blobs/uploads/u1` with exactly `expected`.
async fn expect_upload(server: &MockServer, expected: &[u8], times: u64) {
    Mock::given(method("PATCH"))
        .and(path("/v2/app/blobs/uploads/u1"))
        .and(body_bytes(expected))
        .respond_with(ResponseTemplate::new(202))
        .expect(times)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_body_comes_from_bytes_text_files_streams_and_downloads() {
    let server = MockServer::start().await;
    expect_upload(&server, b"chunk", 7).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chunk");
    std::fs::write(&file, b"chunk").unwrap();
    let chunks = futures::stream::iter([Ok::<_, std::io::Error>("ch"), Ok("unk")]);
    let borrowed = String::from("chunk");
    let bodies: Vec<Body> = vec![
        b"chunk".to_vec().into(),
        Bytes::from_static(b"chunk").into(),
        String::from("chunk").into(),
        Body::copy_from_slice(borrowed.as_bytes()),
        Body::from_path(&file).await.unwrap(),
        tokio::fs::File::open(&file).await.unwrap().into(),
        Body::from_stream(chunks),
    ];
    let client = acr::Client::new(server.uri()).unwrap();
    for body in bodies {
        client
            .blob()
            .upload("/v2/app/blobs/uploads/u1", body)
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn a_download_is_sent_on_as_an_upload() {
    let source = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/app/blobs/sha256%3Aab"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"layer bytes".to_vec()))
        .mount(&source)
        .await;
    let target = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v2/app/blobs/uploads/u1"))
        .and(body_bytes(b"layer bytes".to_vec()))
        .and(header("content-length", "11"))
        .respond_with(ResponseTemplate::new(202))
        .expect(1)
        .mount(&target)
        .await;
    let from = acr::Client::new(source.uri()).unwrap();
    let to = acr::Client::new(target.uri()).unwrap();
    let acr::blob::BlobGetResponse::Ok(blob) = from.blob().get("app", "sha256:ab").await.unwrap()
    else {
        panic!("not the 200")
    };
    to.blob()
        .upload("/v2/app/blobs/uploads/u1", blob.body)
        .await
        .unwrap();
}

/// A manifest whose bytes matter (its digest was computed over them): key order, spacing and a
/// field the model lacks are kept.
const MANIFEST: &str = "{\n   \"schemaVersion\": 2,\n   \"mediaType\": \"application/vnd.oci.image.manifest.v1+json\",\n   \"x-unknown\": [1, 2]\n}";

#[tokio::test]
async fn a_json_body_can_be_raw_bytes_with_their_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/v2/app/manifests/v1"))
        .and(body_bytes(MANIFEST.as_bytes()))
        .and(header(
            "content-type",
            "application/vnd.oci.image.manifest.v1+json",
        ))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    // The builder's `content_type(..)` still decides when it is set.
    Mock::given(method("PUT"))
        .and(path("/v2/app/manifests/v2"))
        .and(body_bytes(MANIFEST.as_bytes()))
        .and(header("content-type", "application/vnd.custom+json"))
        .respond_with(ResponseTemplate::new(201))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let raw = || {
        RequestContent::raw(
            MANIFEST.as_bytes().to_vec(),
            "application/vnd.oci.image.manifest.v1+json",
        )
    };
    client.manifests().create("app", "v1", raw()).await.unwrap();
    client
        .manifests()
        .create("app", "v2", raw())
        .content_type("application/vnd.custom+json")
        .await
        .unwrap();
    // A typed value still converts.
    let typed = acr::models::Manifest {
        schema_version: Some(2),
        ..Default::default()
    };
    assert_eq!(RequestContent::from(typed.clone()).value(), Some(&typed));
}

/// Answers `503` once, then `200` with a tag list.
struct FlakyThenTags(Arc<AtomicUsize>);

impl Respond for FlakyThenTags {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
            ResponseTemplate::new(503)
        } else {
            ResponseTemplate::new(200).set_body_json(json!({"name": "team/app", "tags": ["v1"]}))
        }
    }
}

#[tokio::test]
async fn any_request_goes_through_the_pipeline() {
    let server = MockServer::start().await;
    let calls = Arc::new(AtomicUsize::new(0));
    Mock::given(method("GET"))
        .and(path("/v2/team%2Fapp/tags/list"))
        .and(query_param("n", "10 0"))
        .and(header("x-custom", "yes"))
        .and(header("authorization", "Basic dXNlcjpwYXNz"))
        .respond_with(FlakyThenTags(calls.clone()))
        .expect(2)
        .mount(&server)
        .await;
    let client = acr::Client::builder(server.uri())
        .credentials(Credentials::basic("user", "pass"))
        .retry_policy(acr::RetryPolicy::default().max_retries(1))
        .build()
        .unwrap();
    let request: CustomRequest = client
        .request(
            reqwest::Method::GET,
            format!("/v2/{}/tags/list", encode_component("team/app")),
        )
        .query("n", "10 0")
        .header("X-Custom", "yes");
    let response = request.await.unwrap();
    assert_eq!(response.status(), 200);
    let tags: serde_json::Value = response.json().await.unwrap();
    assert_eq!(tags["tags"], json!(["v1"]));
    assert_eq!(calls.load(Ordering::SeqCst), 2, "the 503 was retried");
}

#[tokio::test]
async fn a_custom_request_has_the_typed_errors() {
    let server = MockServer::start().await;
    Mock::given(path("/missing"))
        .respond_with(ResponseTemplate::new(404).set_body_string("no such thing"))
        .mount(&server)
        .await;
    Mock::given(path("/private"))
        .respond_with(ResponseTemplate::new(403).set_body_string("denied"))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/echo"))
        .and(body_bytes(br#"{"a":1}"#.to_vec()))
        .and(header("content-type", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_string("ok"))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let e = client
        .request(reqwest::Method::GET, "/missing")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(e.body(), Some(&b"no such thing"[..]));
    let e = client
        .request(reqwest::Method::GET, "private")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Auth);
    let e = client
        .request(reqwest::Method::GET, "/x")
        .header("bad\nname", "v")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter);
    // A link elsewhere is refused like any operation's.
    let e = client
        .request(reqwest::Method::GET, "//example.com/v2/")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CrossOrigin);
    let body = client
        .request(reqwest::Method::POST, "/echo")
        .json(&json!({"a": 1}))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&body[..], b"ok");
}
