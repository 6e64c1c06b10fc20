//! The generated Docker Registry crate (`docker-registry-v2`, from a Swagger YAML with
//! synthesized operation names) against a real registry (see `e2e_acr.rs`). Its spec can read
//! but not write (the manifest `PUT` and the upload `PATCH` have no body, and uploads are
//! addressed by `{uuid}` without the registry's `_state`): images are pushed with the generated
//! ACR client, and read back with this one.

#[path = "common/registry_client.rs"]
mod registry_client;

use docker_registry_v2 as v2;
use futures::StreamExt;
use registry_client::{header, push_blob, push_image};
use tests::registry::Registry;
use tests::registry::oci::{self, DOCKER_MANIFEST, Hasher, Image, OCI_MANIFEST};
use v2::layer::{LayerGetV2NameBlobsDigestResponse, LayerHeadV2NameBlobsDigestResponse};

fn v2_client(registry: &Registry) -> v2::Client {
    v2::Client::from_base_url(registry.url()).expect("a client for the local registry")
}

/// The registry's `{"errors":[{"code": ...}]}`, read from the raw body of an error (the spec's
/// error model, `{"data": {...}}`, does not describe it).
fn raw_error_code(error: &v2::Error) -> Option<String> {
    let body: serde_json::Value = serde_json::from_slice(error.body()?).ok()?;
    body["errors"][0]["code"].as_str().map(str::to_owned)
}

/// `GET /v2` (the spec has no trailing slash): the registry redirects it (`301`, `Location:
/// /v2/`), the client follows redirects by default, and the answer is 200.
#[tokio::test]
async fn get_v2() {
    let registry = Registry::start();
    let r = v2_client(&registry).v2().get_v2().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        header(r.headers(), "docker-distribution-api-version"),
        Some("registry/2.0")
    );
}

/// Tag list, manifest GET (the spec has no `produces`, so the crate sends no Accept by default:
/// the registry then refuses a schema 2 manifest; `.accept(..)` fixes it), blob HEAD and GET.
#[tokio::test]
async fn tags_manifests_and_blobs_pushed_by_the_acr_client() {
    let registry = Registry::start();
    let acr = registry_client::client(&registry);
    let client = v2_client(&registry);
    let repo = "team/app";
    let scratch = tempfile::tempdir().unwrap();
    let docker = Image::build(
        scratch.path(),
        DOCKER_MANIFEST,
        &[
            &[("a.txt", b"docker layer one\n")],
            &[("b.txt", b"docker layer two\n")],
        ],
    );
    let oci_image = Image::build(
        scratch.path(),
        OCI_MANIFEST,
        &[&[("c.txt", b"oci layer\n")]],
    );
    let docker_digest = push_image(&acr, repo, "1.0", &docker, DOCKER_MANIFEST).await;
    let oci_digest = push_image(&acr, repo, "oci", &oci_image, OCI_MANIFEST).await;
    acr.manifests()
        .create(
            repo,
            "latest",
            registry_client::manifest_model(&docker.manifest),
        )
        .await
        .unwrap();

    // Tags.
    let tags = client.tag().get_v2_name_tags_list(repo).await.unwrap();
    assert_eq!(tags.status(), 200);
    assert_eq!(tags.body.name.as_deref(), Some(repo));
    let mut listed = tags.body.tags.clone().unwrap();
    listed.sort();
    assert_eq!(listed, ["1.0", "latest", "oci"]);
    let raw: serde_json::Value = serde_json::from_slice(tags.raw_body()).unwrap();
    assert_eq!(raw["name"], repo);

    // Manifest GET without an Accept: no Accept header goes out, and Distribution 2.8 answers a
    // schema 2 manifest with 400 MANIFEST_INVALID (it would have to down-convert to schema 1)
    // and an OCI one with 404 MANIFEST_UNKNOWN (it does not serve OCI to a client that does
    // not ask for it).
    let e = client
        .manifest()
        .get_v2_name_manifests_reference(repo, "1.0")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(400), "{e:?}");
    assert_eq!(raw_error_code(&e).as_deref(), Some("MANIFEST_INVALID"));
    let e = client
        .manifest()
        .get_v2_name_manifests_reference(repo, "oci")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404), "{e:?}");
    assert_eq!(raw_error_code(&e).as_deref(), Some("MANIFEST_UNKNOWN"));

    // With the Accept override: the exact bytes, by tag and by digest.
    for (reference, accept, bytes) in [
        ("1.0", DOCKER_MANIFEST, docker.manifest_bytes()),
        (
            docker_digest.as_str(),
            DOCKER_MANIFEST,
            docker.manifest_bytes(),
        ),
        ("oci", OCI_MANIFEST, oci_image.manifest_bytes()),
        (
            oci_digest.as_str(),
            OCI_MANIFEST,
            oci_image.manifest_bytes(),
        ),
        (
            "latest",
            "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json",
            docker.manifest_bytes(),
        ),
    ] {
        let got = client
            .manifest()
            .get_v2_name_manifests_reference(repo, reference)
            .accept(accept)
            .await
            .unwrap_or_else(|e| panic!("GET {reference}: {e:?}"));
        assert_eq!(got.status(), 200);
        assert_eq!(got.raw_body(), &bytes[..], "{reference}");
        assert_eq!(
            header(got.headers(), "docker-content-digest"),
            Some(oci::digest(&bytes).as_str())
        );
    }

    // Blobs: HEAD (size and digest in the headers), GET streamed and verified.
    for blob in docker.blobs().into_iter().chain(oci_image.blobs()) {
        let head = client
            .layer()
            .head_v2_name_blobs_digest(repo, blob.digest.as_str())
            .await
            .unwrap();
        let LayerHeadV2NameBlobsDigestResponse::Ok(head) = head else {
            panic!("HEAD {}: {head:?}", blob.digest);
        };
        let size = blob.bytes.len().to_string();
        assert_eq!(
            header(head.headers(), "content-length"),
            Some(size.as_str())
        );
        assert_eq!(
            header(head.headers(), "docker-content-digest"),
            Some(blob.digest.as_str())
        );

        let got = client
            .layer()
            .get_v2_name_blobs_digest(repo, blob.digest.as_str())
            .await
            .unwrap();
        let LayerGetV2NameBlobsDigestResponse::Ok(ok) = got else {
            panic!("GET {}: {got:?}", blob.digest);
        };
        let mut hasher = Hasher::new();
        let mut stream = ok.body.into_stream();
        while let Some(chunk) = stream.next().await {
            hasher.update(&chunk.unwrap());
        }
        assert_eq!(hasher.len(), blob.bytes.len() as u64);
        assert_eq!(hasher.finish(), blob.digest);
    }
}

/// A blob and a repository that do not exist: 404, with the registry's error codes in the body.
#[tokio::test]
async fn unknown_blob_and_repository() {
    let registry = Registry::start();
    let acr = registry_client::client(&registry);
    let client = v2_client(&registry);
    push_blob(&acr, "app", b"present").await;

    let e = client
        .layer()
        .get_v2_name_blobs_digest("app", oci::digest(b"absent"))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(raw_error_code(&e).as_deref(), Some("BLOB_UNKNOWN"));

    let e = client
        .tag()
        .get_v2_name_tags_list("no/such/repo")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(raw_error_code(&e).as_deref(), Some("NAME_UNKNOWN"));
}
