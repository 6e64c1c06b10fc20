//! The wire: every one of the 29 ACR operations (seed 003), called through the generated crate
//! against an in-process HTTP server, and the exact method, path, query, headers and body the
//! server received. The expected requests are written from the spec by hand.
//!
//! Encoding rules checked here: path values are one RFC 3986 segment (`team/app` ->
//! `team%2Fapp`, `sha256:ab` -> `sha256%3Aab`) unless `x-ms-skip-url-encoding`; query values keep
//! the query characters that do not delimit pairs (`/`, `:`, `,`) and encode `&`, `=`, `+`, `#`,
//! `%` and spaces; form bodies encode everything but the unreserved characters.

use acr::models::{AccessTokensGetGrantType, ChangeableAttributes, GrantType, Manifest};
use containerregistry_2019_08_15_preview as acr;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// A server that answers every request with one canned response and records what it got.
struct Server {
    mock: MockServer,
}

impl Server {
    async fn answering(response: ResponseTemplate) -> Server {
        let mock = MockServer::start().await;
        Mock::given(any()).respond_with(response).mount(&mock).await;
        Server { mock }
    }

    async fn json(status: u16, body: &str) -> Server {
        Self::answering(
            ResponseTemplate::new(status)
                .set_body_raw(body.as_bytes().to_vec(), "application/json"),
        )
        .await
    }

    async fn empty(status: u16) -> Server {
        Self::answering(ResponseTemplate::new(status)).await
    }

    fn client(&self) -> acr::Client {
        acr::Client::new(self.mock.uri()).expect("a client for the mock server")
    }

    /// The one request the server received.
    async fn request(&self) -> Request {
        let mut received = self
            .mock
            .received_requests()
            .await
            .expect("recording is on");
        assert_eq!(
            received.len(),
            1,
            "expected exactly one request, got {received:#?}"
        );
        received.remove(0)
    }
}

/// The raw path and query of a request, exactly as they came over the wire.
fn target(request: &Request) -> (String, Option<String>) {
    (
        request.url.path().to_owned(),
        request.url.query().map(str::to_owned),
    )
}

fn header<'a>(request: &'a Request, name: &str) -> Option<&'a str> {
    request.headers.get(name).and_then(|v| v.to_str().ok())
}

fn assert_request(request: &Request, method: &str, path: &str, query: Option<&str>) {
    assert_eq!(request.method.as_str(), method, "method");
    assert_eq!(
        target(request),
        (path.to_owned(), query.map(str::to_owned)),
        "path and query"
    );
}

fn body_json(request: &Request) -> serde_json::Value {
    serde_json::from_slice(&request.body).expect("a JSON request body")
}

#[tokio::test]
async fn repository_operations() {
    let s = Server::json(200, r#"{"repositories":["a","b"]}"#).await;
    let r = s
        .client()
        .repository()
        .get_list()
        .last("a/b c&d=e+f#g%")
        .n(5)
        .await
        .unwrap();
    assert_eq!(r.body.names, Some(vec!["a".to_owned(), "b".to_owned()]));
    let req = s.request().await;
    assert_request(
        &req,
        "GET",
        "/acr/v1/_catalog",
        Some("last=a/b%20c%26d%3De%2Bf%23g%25&n=5"),
    );
    assert_eq!(header(&req, "accept"), Some("application/json"));

    let s = Server::json(
        202,
        r#"{"manifestsDeleted":["sha256:1"],"tagsDeleted":["v1"]}"#,
    )
    .await;
    s.client().repository().delete("team/app").await.unwrap();
    assert_request(&s.request().await, "DELETE", "/acr/v1/team%2Fapp", None);

    let s = Server::json(200, r#"{"imageName":"team/app","registry":"r"}"#).await;
    let r = s
        .client()
        .repository()
        .get_attributes("team/app")
        .await
        .unwrap();
    assert_eq!(r.body.image_name.as_deref(), Some("team/app"));
    assert_request(&s.request().await, "GET", "/acr/v1/team%2Fapp", None);

    let s = Server::empty(200).await;
    let value = ChangeableAttributes {
        delete_enabled: Some(false),
        ..Default::default()
    };
    s.client()
        .repository()
        .update_attributes("app")
        .value(value)
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "PATCH", "/acr/v1/app", None);
    assert_eq!(header(&req, "content-type"), Some("application/json"));
    assert_eq!(body_json(&req), serde_json::json!({"deleteEnabled": false}));
}

#[tokio::test]
async fn manifest_attribute_operations() {
    let s = Server::json(200, r#"{"imageName":"app","manifests":[]}"#).await;
    s.client()
        .manifests()
        .get_list("app")
        .last("x")
        .n(2)
        .orderby("timedesc")
        .await
        .unwrap();
    assert_request(
        &s.request().await,
        "GET",
        "/acr/v1/app/_manifests",
        Some("last=x&n=2&orderby=timedesc"),
    );

    let s = Server::json(200, r#"{"imageName":"app"}"#).await;
    s.client()
        .manifests()
        .get_attributes("app", "sha256:abc")
        .await
        .unwrap();
    assert_request(
        &s.request().await,
        "GET",
        "/acr/v1/app/_manifests/sha256%3Aabc",
        None,
    );

    let s = Server::empty(200).await;
    let value = ChangeableAttributes {
        write_enabled: Some(true),
        ..Default::default()
    };
    s.client()
        .manifests()
        .update_attributes("app", "v1")
        .value(value)
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "PATCH", "/acr/v1/app/_manifests/v1", None);
    assert_eq!(body_json(&req), serde_json::json!({"writeEnabled": true}));
}

#[tokio::test]
async fn tag_operations() {
    let s = Server::json(200, r#"{"imageName":"app","tags":[]}"#).await;
    s.client()
        .tag()
        .get_list("app")
        .n(1)
        .digest("sha256:1")
        .await
        .unwrap();
    assert_request(
        &s.request().await,
        "GET",
        "/acr/v1/app/_tags",
        Some("n=1&digest=sha256:1"),
    );

    let s = Server::empty(202).await;
    s.client().tag().delete("app", "v 1").await.unwrap();
    assert_request(
        &s.request().await,
        "DELETE",
        "/acr/v1/app/_tags/v%201",
        None,
    );

    let s = Server::json(200, r#"{"imageName":"app","tag":{"name":"v1"}}"#).await;
    let r = s.client().tag().get_attributes("app", "v1").await.unwrap();
    assert_eq!(
        r.body.attributes.and_then(|t| t.name).as_deref(),
        Some("v1")
    );
    assert_request(&s.request().await, "GET", "/acr/v1/app/_tags/v1", None);

    let s = Server::empty(200).await;
    let value = ChangeableAttributes {
        read_enabled: Some(true),
        ..Default::default()
    };
    s.client()
        .tag()
        .update_attributes("app", "v1")
        .value(value)
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "PATCH", "/acr/v1/app/_tags/v1", None);
    assert_eq!(body_json(&req), serde_json::json!({"readEnabled": true}));
}

#[tokio::test]
async fn token_operations_send_forms() {
    let s = Server::json(200, r#"{"refresh_token":"r"}"#).await;
    s.client()
        .refresh_tokens()
        .get_from_exchange(GrantType::AccessToken, "reg.azurecr.io")
        .access_token("a+b/c=")
        .tenant("t")
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "POST", "/oauth2/exchange", None);
    assert_eq!(
        header(&req, "content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        String::from_utf8_lossy(&req.body),
        "grant_type=access_token&service=reg.azurecr.io&tenant=t&access_token=a%2Bb%2Fc%3D"
    );

    let s = Server::json(200, r#"{"access_token":"t"}"#).await;
    let r = s
        .client()
        .access_tokens()
        .get_from_login("reg.azurecr.io", "repository:app:pull,push")
        .await
        .unwrap();
    assert_eq!(r.body.access_token.as_deref(), Some("t"));
    assert_request(
        &s.request().await,
        "GET",
        "/oauth2/token",
        Some("service=reg.azurecr.io&scope=repository:app:pull,push"),
    );

    let s = Server::json(200, r#"{"access_token":"t"}"#).await;
    s.client()
        .access_tokens()
        .get(
            AccessTokensGetGrantType::RefreshToken,
            "reg.azurecr.io",
            "registry:catalog:*",
            "rt",
        )
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "POST", "/oauth2/token", None);
    assert_eq!(
        String::from_utf8_lossy(&req.body),
        "grant_type=refresh_token&service=reg.azurecr.io&scope=registry%3Acatalog%3A%2A&refresh_token=rt"
    );
}

#[tokio::test]
async fn v2_support_check() {
    let s = Server::json(200, "{}").await;
    s.client().v2_support().check().await.unwrap();
    assert_request(&s.request().await, "GET", "/v2/", None);
}

#[tokio::test]
async fn manifest_operations() {
    let s = Server::json(
        200,
        r#"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"}"#,
    )
    .await;
    s.client()
        .manifests()
        .get("team/app", "latest")
        .accept("application/vnd.oci.image.manifest.v1+json")
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "GET", "/v2/team%2Fapp/manifests/latest", None);
    let accepts: Vec<_> = req
        .headers
        .get_all("accept")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    assert_eq!(
        accepts,
        ["application/vnd.oci.image.manifest.v1+json"],
        "one Accept, the caller's"
    );

    // A registry answers 201 with no body and no Content-Type.
    let s = Server::empty(201).await;
    let mut manifest = Manifest {
        schema_version: Some(2),
        ..Default::default()
    };
    manifest.additional_properties.insert(
        "mediaType".into(),
        "application/vnd.docker.distribution.manifest.v2+json".into(),
    );
    s.client()
        .manifests()
        .create("team/app", "v1", manifest)
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "PUT", "/v2/team%2Fapp/manifests/v1", None);
    assert_eq!(
        header(&req, "content-type"),
        Some("application/vnd.docker.distribution.manifest.v2+json")
    );
    assert_eq!(
        body_json(&req),
        serde_json::json!({"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json"})
    );

    let s = Server::empty(202).await;
    s.client()
        .manifests()
        .delete("app", "sha256:0a")
        .await
        .unwrap();
    assert_request(
        &s.request().await,
        "DELETE",
        "/v2/app/manifests/sha256%3A0a",
        None,
    );
}

#[tokio::test]
async fn blob_operations_on_a_digest() {
    let digest = "sha256:16463e0c481e161aabb735437d30b3c9c7391c2747cc564bb927e843b73dcb39";
    let encoded = "/v2/team%2Fapp/blobs/sha256%3A16463e0c481e161aabb735437d30b3c9c7391c2747cc564bb927e843b73dcb39";

    let s = Server::answering(
        ResponseTemplate::new(201)
            .insert_header("Docker-Content-Digest", digest)
            .insert_header("Location", "/v2/other/blobs/x"),
    )
    .await;
    let r = s
        .client()
        .blob()
        .mount("other", "team/app", digest)
        .await
        .unwrap();
    assert_eq!(r.docker_content_digest.as_deref(), Some(digest));
    assert_request(
        &s.request().await,
        "POST",
        "/v2/other/blobs/uploads/",
        Some(
            "from=team/app&mount=sha256:16463e0c481e161aabb735437d30b3c9c7391c2747cc564bb927e843b73dcb39",
        ),
    );

    let s = Server::empty(202).await;
    s.client().blob().delete("team/app", digest).await.unwrap();
    assert_request(&s.request().await, "DELETE", encoded, None);

    let s = Server::answering(
        ResponseTemplate::new(200).set_body_raw(b"blob bytes".to_vec(), "application/octet-stream"),
    )
    .await;
    let r = s.client().blob().get("team/app", digest).await.unwrap();
    assert!(matches!(r, acr::blob::BlobGetResponse::Ok(_)));
    let req = s.request().await;
    assert_request(&req, "GET", encoded, None);
    assert_eq!(header(&req, "accept"), Some("application/octet-stream"));

    let s = Server::answering(
        ResponseTemplate::new(200).insert_header("Docker-Content-Digest", digest),
    )
    .await;
    s.client().blob().check("team/app", digest).await.unwrap();
    assert_request(&s.request().await, "HEAD", encoded, None);

    let s = Server::answering(
        ResponseTemplate::new(206).set_body_raw(b"blob".to_vec(), "application/octet-stream"),
    )
    .await;
    s.client()
        .blob()
        .get_chunk("team/app", digest, "bytes=0-3")
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "GET", encoded, Some("mode=chunk"));
    assert_eq!(header(&req, "range"), Some("bytes=0-3"));

    let s =
        Server::answering(ResponseTemplate::new(200).insert_header("Content-Length", "4")).await;
    s.client()
        .blob()
        .check_chunk("team/app", digest, "bytes=0-3")
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(&req, "HEAD", encoded, Some("mode=chunk"));
    assert_eq!(header(&req, "range"), Some("bytes=0-3"));
}

/// The upload link goes on the wire verbatim: `/`, `?`, `&` and `%3D` unchanged.
const LINK: &str = "v2/repo/blobs/uploads/0f3c?_state=ab%3D&_nouploadcache=false";

#[tokio::test]
async fn the_resumable_upload_uses_the_link_verbatim() {
    let s = Server::answering(
        ResponseTemplate::new(202)
            .insert_header("Location", "/v2/team/app/blobs/uploads/0f3c?_state=ab%3D")
            .insert_header("Range", "0-0")
            .insert_header("Docker-Upload-UUID", "0f3c"),
    )
    .await;
    let r = s.client().blob().start_upload("team/app").await.unwrap();
    assert_eq!(
        r.location.as_deref(),
        Some("/v2/team/app/blobs/uploads/0f3c?_state=ab%3D")
    );
    assert_eq!(r.docker_upload_uuid.as_deref(), Some("0f3c"));
    assert_request(
        &s.request().await,
        "POST",
        "/v2/team%2Fapp/blobs/uploads/",
        Some("mode=resumable"),
    );

    let s = Server::answering(ResponseTemplate::new(204).insert_header("Range", "0-9")).await;
    let r = s.client().blob().get_status(LINK).await.unwrap();
    assert_eq!(r.range.as_deref(), Some("0-9"));
    assert_request(
        &s.request().await,
        "GET",
        "/v2/repo/blobs/uploads/0f3c",
        Some("_state=ab%3D&_nouploadcache=false"),
    );

    let s = Server::answering(ResponseTemplate::new(202).insert_header("Range", "0-4")).await;
    s.client()
        .blob()
        .upload(LINK, b"chunk".to_vec())
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(
        &req,
        "PATCH",
        "/v2/repo/blobs/uploads/0f3c",
        Some("_state=ab%3D&_nouploadcache=false"),
    );
    assert_eq!(
        header(&req, "content-type"),
        Some("application/octet-stream")
    );
    assert_eq!(req.body, b"chunk");

    let s = Server::answering(
        ResponseTemplate::new(201).insert_header("Docker-Content-Digest", "sha256:ab"),
    )
    .await;
    s.client()
        .blob()
        .end_upload("sha256:ab", LINK)
        .await
        .unwrap();
    let req = s.request().await;
    assert_request(
        &req,
        "PUT",
        "/v2/repo/blobs/uploads/0f3c",
        Some("_state=ab%3D&_nouploadcache=false&digest=sha256:ab"),
    );
    assert!(req.body.is_empty());

    let s = Server::empty(204).await;
    s.client().blob().cancel_upload(LINK).await.unwrap();
    assert_request(
        &s.request().await,
        "DELETE",
        "/v2/repo/blobs/uploads/0f3c",
        Some("_state=ab%3D&_nouploadcache=false"),
    );
}

#[tokio::test]
async fn every_operation_is_covered_and_goes_to_the_configured_host() {
    // The tests above call each of these once; this list is checked against the spec, so a new
    // operation in the spec fails here until it gets a wire test.
    let covered = [
        "Repository_GetList",
        "Repository_Delete",
        "Repository_GetAttributes",
        "Repository_UpdateAttributes",
        "Manifests_GetList",
        "Manifests_GetAttributes",
        "Manifests_UpdateAttributes",
        "Tag_GetList",
        "Tag_Delete",
        "Tag_GetAttributes",
        "Tag_UpdateAttributes",
        "RefreshTokens_GetFromExchange",
        "AccessTokens_GetFromLogin",
        "AccessTokens_Get",
        "V2Support_Check",
        "Manifests_Get",
        "Manifests_Create",
        "Manifests_Delete",
        "Blob_Mount",
        "Blob_Delete",
        "Blob_Get",
        "Blob_Check",
        "Blob_GetChunk",
        "Blob_CheckChunk",
        "Blob_StartUpload",
        "Blob_GetStatus",
        "Blob_Upload",
        "Blob_EndUpload",
        "Blob_CancelUpload",
    ];
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs/containerregistry/2019-08-15-preview.json");
    let api = codegen::load_api(&spec).unwrap();
    let mut in_spec: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    let mut listed = covered.to_vec();
    in_spec.sort_unstable();
    listed.sort_unstable();
    assert_eq!(listed, in_spec);

    // A client built from a URL with a path and a trailing slash keeps the host and port.
    let s = Server::json(200, "{}").await;
    let client = acr::Client::new(format!("{}/", s.mock.uri())).unwrap();
    client.v2_support().check().await.unwrap();
    assert_request(&s.request().await, "GET", "/v2/", None);
}
