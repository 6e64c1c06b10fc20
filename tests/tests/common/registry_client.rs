//! What the registry end-to-end and interop tests share: pushing and pulling with the generated
//! ACR client (`containerregistry-2019-08-15-preview`) against a [`Registry`], verifying every
//! byte against its digest.
//!
//! Included with `#[path = "common/registry_client.rs"] mod registry_client;`; each test file
//! uses part of it.
#![allow(dead_code)]

use acr::blob::BlobGetResponse;
use acr::models::Manifest;
use containerregistry_2019_08_15_preview as acr;
use futures::StreamExt;
use tests::registry::Registry;
use tests::registry::oci::{self, Hasher, Image};

/// A client for `registry` (no credentials).
pub fn client(registry: &Registry) -> acr::Client {
    acr::Client::new(registry.url()).expect("a client for the local registry")
}

/// A header of a response, as text.
pub fn header<'a>(headers: &'a reqwest::header::HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// The `code` of the first entry of the registry's `{"errors": [...]}` body, decoded by the
/// client into its typed error model.
pub fn error_code(error: &acr::Error) -> Option<String> {
    match error.model()? {
        acr::ErrorModel::AcrErrors(errors) => errors.errors.as_ref()?.first()?.code.clone(),
    }
}

/// Asserts that `error` is the registry's answer `status` with error code `code`, decoded.
pub fn assert_registry_error(error: &acr::Error, status: u16, code: &str) {
    let kind = if matches!(status, 401 | 403) {
        acr::ErrorKind::Auth
    } else {
        acr::ErrorKind::UnexpectedStatus
    };
    assert_eq!(error.kind(), kind, "not a status error: {error:?}");
    assert_eq!(
        error.status().map(|s| s.as_u16()),
        Some(status),
        "{error:?}"
    );
    assert_eq!(
        error_code(error).as_deref(),
        Some(code),
        "the typed error model of {error:?}"
    );
}

/// Uploads `bytes` as one blob of `repo`: start (`POST ?mode=resumable`), one `PATCH`, then the
/// closing `PUT ?digest=`. Returns the digest, checked against the registry's.
pub async fn push_blob(client: &acr::Client, repo: &str, bytes: &[u8]) -> String {
    let digest = oci::digest(bytes);
    let start = client
        .blob()
        .start_upload(repo)
        .await
        .expect("start upload");
    let location = start.location.expect("a Location to upload to");
    let patched = client
        .blob()
        .upload(location, bytes.to_vec())
        .await
        .expect("upload the blob");
    let location = patched.location.expect("a Location after PATCH");
    let done = client
        .blob()
        .end_upload(digest.as_str(), location)
        .await
        .expect("complete the upload");
    assert_eq!(done.status(), 201);
    assert_eq!(done.docker_content_digest.as_deref(), Some(digest.as_str()));
    digest
}

/// A manifest model holding exactly `value` (the client serializes it back in the same order:
/// `schemaVersion` first, then the other keys as they are in `value`).
pub fn manifest_model(value: &serde_json::Value) -> Manifest {
    let model: Manifest = serde_json::from_value(value.clone()).expect("a manifest model");
    assert_eq!(
        serde_json::to_vec(&model).unwrap(),
        serde_json::to_vec(value).unwrap(),
        "the model keeps the manifest's bytes"
    );
    model
}

/// Pushes every blob of `image` and then its manifest under `tag` with this `Content-Type`.
/// Returns the manifest's digest (the one the registry answered, checked against the bytes).
pub async fn push_image(
    client: &acr::Client,
    repo: &str,
    tag: &str,
    image: &Image,
    content_type: &str,
) -> String {
    for blob in image.blobs() {
        assert_eq!(push_blob(client, repo, &blob.bytes).await, blob.digest);
    }
    let bytes = image.manifest_bytes();
    let put = client
        .manifests()
        .create(repo, tag, manifest_model(&image.manifest))
        .content_type(content_type)
        .await
        .expect("put the manifest");
    assert_eq!(put.status(), 201);
    let digest = oci::digest(&bytes);
    assert_eq!(put.docker_content_digest.as_deref(), Some(digest.as_str()));
    digest
}

/// Downloads blob `digest` of `repo` with `Blob_Get`, hashing it as it streams (never holding
/// it whole); asserts its length and digest. Returns the length.
pub async fn pull_blob_verified(client: &acr::Client, repo: &str, digest: &str) -> u64 {
    pull_blob(client, repo, digest, |_| {}).await
}

/// [`pull_blob_verified`] that also hands every chunk to `each` (to keep the bytes).
///
/// The body goes through the crate's own digest helper (`runtime::digest::verifying`, which
/// fails the stream at its end on a mismatch) and, independently of the code under test,
/// through the harness's hasher.
pub async fn pull_blob(
    client: &acr::Client,
    repo: &str,
    digest: &str,
    mut each: impl FnMut(&[u8]),
) -> u64 {
    let response = client.blob().get(repo, digest).await.expect("get the blob");
    let BlobGetResponse::Ok(ok) = response else {
        panic!("expected 200 with the blob, got {response:?}");
    };
    assert_eq!(ok.status(), 200);
    assert_eq!(ok.docker_content_digest.as_deref(), Some(digest));
    let announced = ok.content_length;
    let mut hasher = Hasher::new();
    let mut stream = std::pin::pin!(acr::runtime::digest::verifying(
        ok.body.into_stream(),
        digest
    ));
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.unwrap_or_else(|e| panic!("a chunk of {digest}: {e:?}"));
        hasher.update(&chunk);
        each(&chunk);
    }
    let len = hasher.len();
    assert_eq!(announced, Some(len as i64), "Content-Length of {digest}");
    assert_eq!(hasher.finish(), digest, "the downloaded bytes");
    len
}

/// A client for `registry` with its basic credentials (`Credentials::basic` on the builder).
pub fn client_with_basic_auth(registry: &Registry) -> acr::Client {
    let (user, password) = registry
        .credentials()
        .expect("a registry with basic authentication");
    acr::Client::builder(registry.url())
        .credentials(acr::Credentials::basic(user, password))
        .build()
        .expect("a client for the local registry")
}
