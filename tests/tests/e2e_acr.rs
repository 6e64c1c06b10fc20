//! The generated ACR client (`containerregistry-2019-08-15-preview`) against a real registry:
//! Docker Distribution 2.8 (Debian's `docker-registry`), one instance per test, started by
//! [`tests::registry::Registry`] on a free port of 127.0.0.1 with its storage in a temporary
//! directory. `cargo xtask test` installs the package; without it these tests fail and say so.
//!
//! Every upload and download is checked byte for byte: blobs against their `sha256` digests
//! (computed while streaming), manifests against the exact bytes sent.

#[path = "common/registry_client.rs"]
mod registry_client;

use acr::blob::{BlobCheckResponse, BlobGetResponse};
use containerregistry_2019_08_15_preview as acr;
use futures::StreamExt;
use registry_client::{
    assert_registry_error, client, client_with_basic_auth, header, manifest_model, pull_blob,
    pull_blob_verified, push_blob, push_image,
};
use tests::registry::Registry;
use tests::registry::oci::{self, DOCKER_MANIFEST, Hasher, Image, OCI_MANIFEST};

/// `GET /v2/` answers 200 and says it is a v2 registry.
#[tokio::test]
async fn v2_check_answers_200() {
    let registry = Registry::start();
    let r = client(&registry).v2_support().check().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        header(r.headers(), "docker-distribution-api-version"),
        Some("registry/2.0")
    );
}

/// The resumable upload of a blob of more than 8 MiB in 4 `PATCH` chunks, each sent to the
/// (absolute) Location the previous answer gave; then `HEAD`, a streamed and verified download,
/// a range read, and a mount into another repository.
#[tokio::test]
async fn resumable_upload_in_chunks_then_head_get_range_and_mount() {
    let registry = Registry::start();
    let client = client(&registry);
    let repo = "team/app";
    let blob = oci::random_bytes(8 * 1024 * 1024 + 123_457);
    let digest = oci::digest(&blob);

    let start = client.blob().start_upload(repo).await.unwrap();
    assert_eq!(start.status(), 202);
    assert_eq!(start.range.as_deref(), Some("0-0"));
    let uuid = start
        .docker_upload_uuid
        .clone()
        .expect("Docker-Upload-UUID");
    let mut location = start.location.clone().expect("Location");
    // The registry answers with absolute URLs; the client sends them where they point.
    assert!(
        location.starts_with(&format!(
            "{}/v2/team/app/blobs/uploads/{uuid}?",
            registry.url()
        )),
        "{location}"
    );

    // Uneven chunks: 3 MiB, 3 MiB, 2 MiB, and the rest.
    let bounds = [0, 3 << 20, 6 << 20, 8 << 20, blob.len()];
    let mut seen = vec![location.clone()];
    for pair in bounds.windows(2) {
        let chunk = blob[pair[0]..pair[1]].to_vec();
        let r = client
            .blob()
            .upload(location.as_str(), chunk)
            .await
            .unwrap();
        assert_eq!(r.status(), 202);
        assert_eq!(
            r.range,
            Some(format!("0-{}", pair[1] - 1)),
            "Range after a chunk"
        );
        assert_eq!(r.docker_upload_uuid.as_deref(), Some(uuid.as_str()));
        location = r.location.expect("a new Location after each chunk");
        assert!(!seen.contains(&location), "each chunk gets a new Location");
        seen.push(location.clone());
    }

    // The upload's status, through the latest Location.
    let status = client.blob().get_status(location.as_str()).await.unwrap();
    assert_eq!(status.status(), 204);
    assert_eq!(status.range, Some(format!("0-{}", blob.len() - 1)));

    let done = client
        .blob()
        .end_upload(digest.as_str(), location.as_str())
        .await
        .unwrap();
    assert_eq!(done.status(), 201);
    assert_eq!(done.docker_content_digest.as_deref(), Some(digest.as_str()));
    assert_eq!(
        done.location,
        Some(format!("{}/v2/team/app/blobs/{digest}", registry.url()))
    );

    // HEAD: size and digest.
    let BlobCheckResponse::Ok(head) = client.blob().check(repo, digest.as_str()).await.unwrap()
    else {
        panic!("HEAD did not answer 200");
    };
    assert_eq!(head.content_length, Some(blob.len() as i64));
    assert_eq!(head.docker_content_digest.as_deref(), Some(digest.as_str()));

    // GET: streamed, hashed while it streams, and the same bytes.
    let mut offset = 0;
    let mut chunks = 0;
    let len = pull_blob(&client, repo, &digest, |chunk| {
        assert_eq!(
            chunk,
            &blob[offset..offset + chunk.len()],
            "bytes at {offset}"
        );
        offset += chunk.len();
        chunks += 1;
    })
    .await;
    assert_eq!(len, blob.len() as u64);
    assert!(chunks > 1, "the body arrived as a stream of chunks");

    // A range: 206 and the first ten bytes, then the last ten.
    let total = blob.len();
    for (range, from) in [
        ("bytes=0-9", 0),
        (&*format!("bytes={}-{}", total - 10, total - 1), total - 10),
    ] {
        let r = client
            .blob()
            .get_chunk(repo, digest.as_str(), range)
            .await
            .unwrap();
        assert_eq!(r.status(), 206, "{range}");
        assert_eq!(r.content_length, Some(10));
        assert_eq!(
            r.content_range,
            Some(format!("bytes {from}-{}/{total}", from + 9))
        );
        let bytes = r.body.collect_bytes().await.unwrap();
        assert_eq!(&bytes[..], &blob[from..from + 10], "{range}");
    }
    let r = client
        .blob()
        .check_chunk(repo, digest.as_str(), "bytes=0-9")
        .await
        .unwrap();
    assert!(r.status().is_success(), "{r:?}");

    // Mount into another repository: 201, no upload; the blob is there, same bytes.
    let other = "other/app";
    let mounted = client
        .blob()
        .mount(other, repo, digest.as_str())
        .await
        .unwrap();
    assert_eq!(mounted.status(), 201);
    assert_eq!(
        mounted.docker_content_digest.as_deref(),
        Some(digest.as_str())
    );
    assert_eq!(
        mounted.location,
        Some(format!("{}/v2/other/app/blobs/{digest}", registry.url()))
    );
    assert_eq!(
        pull_blob_verified(&client, other, &digest).await,
        blob.len() as u64
    );
}

/// A Location used twice (after it was consumed by a `PATCH`) is refused; a cancelled upload is
/// gone; a deleted blob is gone.
#[tokio::test]
async fn stale_location_cancel_and_blob_delete() {
    let registry = Registry::start();
    let client = client(&registry);
    let repo = "team/app";

    let start = client.blob().start_upload(repo).await.unwrap();
    let first = start.location.unwrap();
    let r = client
        .blob()
        .upload(first.as_str(), b"abc".to_vec())
        .await
        .unwrap();
    let second = r.location.unwrap();
    let stale = client
        .blob()
        .upload(first.as_str(), b"def".to_vec())
        .await
        .unwrap_err();
    assert_registry_error(&stale, 404, "BLOB_UPLOAD_INVALID");

    client.blob().cancel_upload(second.as_str()).await.unwrap();
    let gone = client.blob().get_status(second.as_str()).await.unwrap_err();
    assert_registry_error(&gone, 404, "BLOB_UPLOAD_UNKNOWN");

    let bytes = oci::random_bytes(1000);
    let digest = push_blob(&client, repo, &bytes).await;
    let deleted = client.blob().delete(repo, digest.as_str()).await.unwrap();
    assert_eq!(deleted.status(), 202);
    let missing = client.blob().get(repo, digest.as_str()).await.unwrap_err();
    assert_registry_error(&missing, 404, "BLOB_UNKNOWN");
}

/// A monolithic upload: the closing `PUT` carries the whole blob.
#[tokio::test]
async fn monolithic_upload_in_the_closing_put() {
    let registry = Registry::start();
    let client = client(&registry);
    let bytes = oci::random_bytes(300_000);
    let digest = oci::digest(&bytes);
    let start = client.blob().start_upload("app").await.unwrap();
    let done = client
        .blob()
        .end_upload(digest.as_str(), start.location.unwrap())
        .value(bytes.clone())
        .await
        .unwrap();
    assert_eq!(done.status(), 201);
    assert_eq!(done.docker_content_digest.as_deref(), Some(digest.as_str()));
    assert_eq!(
        pull_blob_verified(&client, "app", &digest).await,
        bytes.len() as u64
    );
}

/// A Docker v2 and an OCI manifest: put with their media types, read back byte-identical with
/// the matching Accept (by tag and by digest), listed as tags, deleted by digest.
#[tokio::test]
async fn manifests_docker_v2_and_oci_round_trip_list_and_delete() {
    let registry = Registry::start();
    let client = client(&registry);
    let v2 = registry_v2_client(&registry);
    let repo = "team/app";
    let scratch = tempfile::tempdir().unwrap();

    let docker = Image::build(
        scratch.path(),
        DOCKER_MANIFEST,
        &[&[("etc/hello", b"hello from docker v2\n")]],
    );
    let oci_image = Image::build(
        scratch.path(),
        OCI_MANIFEST,
        &[
            &[("etc/hello", b"hello from OCI\n")],
            &[("bin/x", b"#!/bin/sh\n")],
        ],
    );

    // Docker v2: the spec's consumes is its media type, so no override is needed.
    for blob in docker.blobs() {
        push_blob(&client, repo, &blob.bytes).await;
    }
    let put = client
        .manifests()
        .create(repo, "v2", manifest_model(&docker.manifest))
        .await
        .unwrap();
    assert_eq!(put.status(), 201);
    let docker_bytes = docker.manifest_bytes();
    let docker_digest = oci::digest(&docker_bytes);
    assert_eq!(
        put.docker_content_digest.as_deref(),
        Some(docker_digest.as_str())
    );
    assert_eq!(
        put.location,
        Some(format!(
            "{}/v2/team/app/manifests/{docker_digest}",
            registry.url()
        ))
    );
    assert!(put.raw_body().is_empty(), "a 201 with an empty body");

    // OCI: the Content-Type is overridden.
    let oci_digest = push_image(&client, repo, "oci", &oci_image, OCI_MANIFEST).await;
    let oci_bytes = oci_image.manifest_bytes();
    assert_eq!(oci_digest, oci::digest(&oci_bytes));

    for (reference, accept, bytes, media_type) in [
        ("v2", DOCKER_MANIFEST, &docker_bytes, DOCKER_MANIFEST),
        (
            docker_digest.as_str(),
            DOCKER_MANIFEST,
            &docker_bytes,
            DOCKER_MANIFEST,
        ),
        ("oci", OCI_MANIFEST, &oci_bytes, OCI_MANIFEST),
        (oci_digest.as_str(), OCI_MANIFEST, &oci_bytes, OCI_MANIFEST),
    ] {
        let got = client
            .manifests()
            .get(repo, reference)
            .accept(accept)
            .await
            .unwrap_or_else(|e| panic!("GET {reference} with Accept {accept}: {e:?}"));
        assert_eq!(got.status(), 200);
        assert_eq!(got.raw_body(), &bytes[..], "{reference}: the bytes sent");
        assert_eq!(header(got.headers(), "content-type"), Some(media_type));
        assert_eq!(
            header(got.headers(), "docker-content-digest"),
            Some(oci::digest(bytes).as_str())
        );
        assert_eq!(got.body.schema_version, Some(2));
    }

    // The default Accept (all the manifest types the spec's models name) works for both.
    for (reference, bytes) in [("v2", &docker_bytes), ("oci", &oci_bytes)] {
        let got = client.manifests().get(repo, reference).await.unwrap();
        assert_eq!(
            got.raw_body(),
            &bytes[..],
            "{reference} with the default Accept"
        );
    }

    // Tags (the ACR spec has no /v2/<name>/tags/list: the Docker Registry crate lists them).
    let tags = v2.tag().get_v2_name_tags_list(repo).await.unwrap();
    assert_eq!(tags.body.name.as_deref(), Some(repo));
    let mut listed = tags.body.tags.clone().unwrap_or_default();
    listed.sort();
    assert_eq!(listed, ["oci", "v2"]);

    // Delete by digest: 202; then the manifest is unknown, by digest and by tag.
    let deleted = client
        .manifests()
        .delete(repo, docker_digest.as_str())
        .await
        .unwrap();
    assert_eq!(deleted.status(), 202);
    for reference in [docker_digest.as_str(), "v2"] {
        let e = client
            .manifests()
            .get(repo, reference)
            .accept(DOCKER_MANIFEST)
            .await
            .unwrap_err();
        assert_registry_error(&e, 404, "MANIFEST_UNKNOWN");
    }
    let tags = v2.tag().get_v2_name_tags_list(repo).await.unwrap();
    assert_eq!(tags.body.tags, Some(vec!["oci".to_owned()]));

    // Delete by tag is refused.
    let e = client.manifests().delete(repo, "oci").await.unwrap_err();
    assert_registry_error(&e, 400, "DIGEST_INVALID");
}

/// Closing an upload with a digest that is not the one of the bytes: 400 `DIGEST_INVALID`,
/// decoded into the typed error model.
#[tokio::test]
async fn wrong_digest_is_digest_invalid() {
    let registry = Registry::start();
    let client = client(&registry);
    let bytes = oci::random_bytes(4096);
    let wrong = oci::digest(b"something else");
    let start = client.blob().start_upload("app").await.unwrap();
    let r = client
        .blob()
        .upload(start.location.unwrap(), bytes)
        .await
        .unwrap();
    let e = client
        .blob()
        .end_upload(wrong.as_str(), r.location.unwrap())
        .await
        .unwrap_err();
    assert_registry_error(&e, 400, "DIGEST_INVALID");
    // Nothing was stored under the wrong digest.
    let e = client
        .blob()
        .check("app", wrong.as_str())
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
}

/// A manifest that does not exist: 404 `MANIFEST_UNKNOWN` (by tag, by digest, and in a
/// repository that does not exist: Distribution 2.8 says `MANIFEST_UNKNOWN` there too); a
/// manifest sent as `application/json`: 400 `MANIFEST_INVALID`.
#[tokio::test]
async fn missing_manifest_is_manifest_unknown() {
    let registry = Registry::start();
    let client = client(&registry);
    let scratch = tempfile::tempdir().unwrap();
    let image = Image::build(scratch.path(), DOCKER_MANIFEST, &[&[("a", b"a")]]);
    push_image(&client, "team/app", "v1", &image, DOCKER_MANIFEST).await;

    let e = client
        .manifests()
        .get("team/app", "no-such-tag")
        .await
        .unwrap_err();
    assert_registry_error(&e, 404, "MANIFEST_UNKNOWN");

    let e = client
        .manifests()
        .get("team/app", oci::digest(b"no such manifest"))
        .await
        .unwrap_err();
    assert_registry_error(&e, 404, "MANIFEST_UNKNOWN");

    let e = client
        .manifests()
        .get("team/nothing", "v1")
        .await
        .unwrap_err();
    assert_registry_error(&e, 404, "MANIFEST_UNKNOWN");

    let e = client
        .manifests()
        .create("team/app", "v2", manifest_model(&image.manifest))
        .content_type("application/json")
        .await
        .unwrap_err();
    assert_registry_error(&e, 400, "MANIFEST_INVALID");
}

/// A registry with basic authentication: without credentials every call is `401` with the
/// challenge and `UNAUTHORIZED`; with the wrong password too.
#[tokio::test]
async fn basic_auth_registry_answers_401_without_credentials() {
    let registry = Registry::start_with_basic_auth("alice", "s3cret pass");
    let client = client(&registry);
    let e = client.v2_support().check().await.unwrap_err();
    assert_registry_error(&e, 401, "UNAUTHORIZED");
    assert_eq!(
        e.headers().and_then(|h| header(h, "www-authenticate")),
        Some("Basic realm=\"test-realm\"")
    );
    let e = client.blob().start_upload("team/app").await.unwrap_err();
    assert_registry_error(&e, 401, "UNAUTHORIZED");
    let e = client.manifests().get("team/app", "v1").await.unwrap_err();
    assert_registry_error(&e, 401, "UNAUTHORIZED");
}

/// With basic credentials on the client builder: the same registry accepts a push and a pull.
#[tokio::test]
async fn basic_auth_registry_accepts_basic_credentials() {
    let registry = Registry::start_with_basic_auth("alice", "s3cret pass");
    let (user, password) = registry.credentials().unwrap();
    let client = acr::Client::builder(registry.url())
        .credentials(acr::Credentials::basic(user, password))
        .build()
        .unwrap();
    let r = client.v2_support().check().await.unwrap();
    assert_eq!(r.status(), 200);

    let scratch = tempfile::tempdir().unwrap();
    let image = Image::build(scratch.path(), OCI_MANIFEST, &[&[("a", b"auth")]]);
    let digest = push_image(&client, "team/app", "v1", &image, OCI_MANIFEST).await;
    let got = client
        .manifests()
        .get("team/app", "v1")
        .accept(OCI_MANIFEST)
        .await
        .unwrap();
    assert_eq!(got.raw_body(), &image.manifest_bytes()[..]);
    assert_eq!(
        header(got.headers(), "docker-content-digest"),
        Some(digest.as_str())
    );
    for blob in image.blobs() {
        pull_blob_verified(&client, "team/app", &blob.digest).await;
    }

    // The wrong password is still refused.
    let wrong = acr::Client::builder(registry.url())
        .credentials(acr::Credentials::basic(user, "wrong"))
        .build()
        .unwrap();
    let e = wrong.v2_support().check().await.unwrap_err();
    assert_registry_error(&e, 401, "UNAUTHORIZED");
}

/// A blob uploaded from a file (`Body::from_path`: streamed, its size as `Content-Length`), its
/// digest computed while it is sent (`Body::with_sha256`), to the basic-auth registry (basic
/// credentials go with the first request, so a body that cannot be sent twice is fine).
#[tokio::test]
async fn upload_from_a_file_with_the_digest_computed_while_sending() {
    let registry = Registry::start_with_basic_auth("dave", "dave's password");
    let client = client_with_basic_auth(&registry);
    let scratch = tempfile::tempdir().unwrap();
    let bytes = oci::random_bytes(5 * 1024 * 1024 + 3);
    let path = scratch.path().join("blob");
    std::fs::write(&path, &bytes).unwrap();

    let start = client.blob().start_upload("team/files").await.unwrap();
    let body = acr::Body::from_path(&path).await.unwrap();
    assert_eq!(body.len(), Some(bytes.len() as u64));
    let (body, handle) = body.with_sha256();
    assert_eq!(handle.digest(), None, "not known before it is sent");
    let r = client
        .blob()
        .upload(start.location.unwrap(), body)
        .await
        .unwrap();
    assert_eq!(r.range, Some(format!("0-{}", bytes.len() - 1)));
    let digest = handle.digest().expect("the digest, once the body was sent");
    assert_eq!(digest, oci::digest(&bytes));
    assert_eq!(acr::runtime::digest::sha256(&bytes), digest);
    assert_eq!(handle.size(), Some(bytes.len() as u64));

    let done = client
        .blob()
        .end_upload(digest.as_str(), r.location.unwrap())
        .await
        .unwrap();
    assert_eq!(done.docker_content_digest.as_deref(), Some(digest.as_str()));
    assert_eq!(
        pull_blob_verified(&client, "team/files", &digest).await,
        bytes.len() as u64
    );
}

/// The crate's streaming check (`runtime::digest::verifying`) on a real download: the right
/// digest passes every chunk through; another digest fails the stream at its end with
/// `ErrorKind::DigestMismatch`.
#[tokio::test]
async fn a_download_checked_against_another_digest_is_a_digest_mismatch() {
    let registry = Registry::start();
    let client = client(&registry);
    let bytes = oci::random_bytes(1024 * 1024);
    let digest = push_blob(&client, "app", &bytes).await;
    let wrong = oci::digest(b"not these bytes");

    let BlobGetResponse::Ok(ok) = client.blob().get("app", digest.as_str()).await.unwrap() else {
        panic!("no 200");
    };
    let stream = acr::runtime::digest::verifying(ok.body.into_stream(), wrong.as_str());
    let items: Vec<Result<_, acr::runtime::Error>> = stream.collect().await;
    let (last, chunks) = items.split_last().expect("at least the error");
    let received: Vec<u8> = chunks
        .iter()
        .flat_map(|c| c.as_ref().expect("chunks pass").to_vec())
        .collect();
    assert_eq!(received, bytes, "every chunk passed before the check");
    let e = last
        .as_ref()
        .expect_err("the stream ends with the mismatch");
    assert_eq!(e.kind(), acr::ErrorKind::DigestMismatch, "{e:?}");
}

/// A blob read through the generated client equals what `Blob_Get` streams, chunk by chunk.
#[tokio::test]
async fn a_download_can_be_read_chunk_by_chunk() {
    let registry = Registry::start();
    let client = client(&registry);
    let bytes = oci::random_bytes(2 * 1024 * 1024 + 7);
    let digest = push_blob(&client, "app", &bytes).await;
    let BlobGetResponse::Ok(ok) = client.blob().get("app", digest.as_str()).await.unwrap() else {
        panic!("no 200");
    };
    let mut body = ok.body;
    assert_eq!(body.content_length(), Some(bytes.len() as u64));
    let mut hasher = Hasher::new();
    while let Some(chunk) = body.chunk().await.unwrap() {
        hasher.update(&chunk);
    }
    assert_eq!(hasher.finish(), digest);
    // and through into_stream (the same body, again)
    let BlobGetResponse::Ok(ok) = client.blob().get("app", digest.as_str()).await.unwrap() else {
        panic!("no 200");
    };
    let all: Vec<u8> = ok
        .body
        .into_stream()
        .map(|c| c.unwrap().to_vec())
        .concat()
        .await;
    assert_eq!(all, bytes);
}

fn registry_v2_client(registry: &Registry) -> docker_registry_v2::Client {
    docker_registry_v2::Client::from_base_url(registry.url()).unwrap()
}
