//! The generated Docker Registry crate (`docker-registry-v2`) against a real registry (see
//! `e2e_acr.rs`). Its spec (seed 004, kept as published) cannot push on its own; the crate is
//! generated through `specs/docker-registry/v2.overlay.yaml` (an OpenAPI Overlay listed in
//! `specs/manifest.json`), which fixes the protocol: the upload starts at `/uploads/` and goes on
//! at each answer's `Location` as given, chunks and manifests have bodies, errors are
//! `{"errors": [...]}`, and manifest GETs offer the manifest media types. So this crate pushes an
//! image that skopeo then reads, reads what the ACR crate pushed, and decodes the registry's
//! errors into its error model.

#[path = "common/registry_client.rs"]
mod registry_client;

use docker_registry_v2 as v2;
use futures::StreamExt;
use registry_client::{header, push_image};
use tests::registry::oci::{self, DOCKER_MANIFEST, Hasher, Image, OCI_MANIFEST};
use tests::registry::{Registry, skopeo};
use v2::layer::{LayerGetV2NameBlobsDigestResponse, LayerHeadV2NameBlobsDigestResponse};

fn v2_client(registry: &Registry) -> v2::Client {
    v2::Client::from_base_url(registry.url()).expect("a client for the local registry")
}

/// The `code` of the first entry of the registry's `{"errors": [...]}`, decoded by the client
/// into its error model (`ErrorModel::Error`, from the spec's `Error` definition).
fn error_code(error: &v2::Error) -> Option<String> {
    match error.model()? {
        v2::ErrorModel::Error(e) => e.errors.as_ref()?.first()?.code.clone(),
    }
}

/// Pushes `bytes` as one blob of `repo` in chunks of at most `chunk` bytes: start
/// (`POST /v2/<repo>/blobs/uploads/`), one `PATCH` per chunk, each to the `Location` the previous
/// answer gave, then the closing `PUT <Location>&digest=`. Returns the digest.
async fn push_blob_in_chunks(
    client: &v2::Client,
    repo: &str,
    bytes: &[u8],
    chunk: usize,
) -> String {
    let digest = oci::digest(bytes);
    let start = client
        .layer()
        .start_upload(repo)
        .await
        .expect("start the upload");
    assert_eq!(start.status(), 202);
    assert_eq!(start.range.as_deref(), Some("0-0"));
    let mut location = start.location.expect("a Location to upload to");
    let mut sent = 0;
    for piece in bytes.chunks(chunk) {
        let patched = client
            .layer()
            .upload_chunk(location.clone(), piece.to_vec())
            .await
            .unwrap_or_else(|e| panic!("PATCH at byte {sent}: {e:?}"));
        assert_eq!(patched.status(), 202);
        sent += piece.len();
        let range = format!("0-{}", sent - 1);
        assert_eq!(patched.range.as_deref(), Some(range.as_str()));
        let next = patched.location.expect("a Location after PATCH");
        assert_ne!(next, location, "every chunk gets a new Location");
        location = next;
    }
    let done = client
        .layer()
        .complete_upload(location, digest.as_str())
        .await
        .expect("complete the upload");
    assert_eq!(done.status(), 201);
    assert_eq!(done.docker_content_digest.as_deref(), Some(digest.as_str()));
    digest
}

/// Pushes every blob of `image` in chunks, then its manifest's exact bytes under `tag` with the
/// manifest's own media type. Returns the manifest digest the registry answered.
async fn push_image_in_chunks(
    client: &v2::Client,
    repo: &str,
    tag: &str,
    image: &Image,
    media_type: &str,
) -> String {
    for blob in image.blobs() {
        let pushed = push_blob_in_chunks(client, repo, &blob.bytes, 64 * 1024).await;
        assert_eq!(pushed, blob.digest);
    }
    let bytes = image.manifest_bytes();
    let put = client
        .manifest()
        .put_v2_name_manifests_reference(repo, tag, bytes.clone())
        .content_type(media_type)
        .await
        .expect("put the manifest");
    assert_eq!(put.status(), 201);
    let digest = oci::digest(&bytes);
    assert_eq!(put.docker_content_digest.as_deref(), Some(digest.as_str()));
    digest
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

/// The crate pushes a Docker v2 image (config and two layers, one of them 300 KiB of random
/// bytes, uploaded in 64 KiB chunks) and an OCI one; skopeo copies the Docker one out into an
/// OCI layout with the same blobs, and the crate reads both back byte for byte.
#[tokio::test]
async fn pushes_an_image_in_chunks_that_skopeo_reads() {
    let registry = Registry::start();
    let client = v2_client(&registry);
    let scratch = tempfile::tempdir().unwrap();
    let docker = Image::build(
        scratch.path(),
        DOCKER_MANIFEST,
        &[
            &[("etc/os-release", b"ID=v2-e2e\n")],
            &[("data.bin", &oci::random_bytes(300 * 1024))],
        ],
    );
    let oci_image = Image::build(
        scratch.path(),
        OCI_MANIFEST,
        &[&[("c.txt", b"oci layer\n")]],
    );
    assert!(
        docker.layers[1].bytes.len() > 3 * 64 * 1024,
        "several chunks"
    );
    let docker_digest =
        push_image_in_chunks(&client, "team/app", "1.0", &docker, DOCKER_MANIFEST).await;
    let oci_digest =
        push_image_in_chunks(&client, "team/app", "oci", &oci_image, OCI_MANIFEST).await;

    // skopeo reads the Docker image: same config and layers, every blob checked in the layout.
    let layout = scratch.path().join("layout");
    skopeo(
        scratch.path(),
        &[
            "copy",
            "--src-tls-verify=false",
            &format!("docker://{}/team/app:1.0", registry.host()),
            &format!("oci:{}:1.0", layout.display()),
        ],
    );
    let copied = oci::read_layout(&layout, "1.0");
    assert_eq!(copied.config_digest(), docker.config.digest);
    let pushed: Vec<&str> = docker.layers.iter().map(|l| l.digest.as_str()).collect();
    assert_eq!(copied.layer_digests(), pushed);
    for blob in docker.blobs() {
        assert_eq!(oci::read_blob(&layout, &blob.digest), blob.bytes);
    }

    // The crate reads them back with its default Accept (the manifest media types).
    for (reference, image, digest) in [
        ("1.0", &docker, &docker_digest),
        (docker_digest.as_str(), &docker, &docker_digest),
        ("oci", &oci_image, &oci_digest),
    ] {
        let got = client
            .manifest()
            .get_v2_name_manifests_reference("team/app", reference)
            .await
            .unwrap_or_else(|e| panic!("GET {reference}: {e:?}"));
        assert_eq!(got.raw_body(), &image.manifest_bytes()[..], "{reference}");
        assert_eq!(got.docker_content_digest.as_deref(), Some(digest.as_str()));
        let layers: Vec<Option<&str>> = got
            .body
            .layers
            .as_ref()
            .unwrap()
            .iter()
            .map(|l| l.digest.as_deref())
            .collect();
        let expected: Vec<Option<&str>> = image
            .layers
            .iter()
            .map(|l| Some(l.digest.as_str()))
            .collect();
        assert_eq!(layers, expected, "{reference}");
        assert_eq!(
            got.body.config.as_ref().and_then(|c| c.digest.as_deref()),
            Some(image.config.digest.as_str())
        );
    }
    let tags = client
        .tag()
        .get_v2_name_tags_list("team/app")
        .await
        .unwrap();
    let mut listed = tags.body.tags.clone().unwrap();
    listed.sort();
    assert_eq!(listed, ["1.0", "oci"]);
}

/// The registry's errors, decoded into the crate's error model: a stale upload link, a wrong
/// digest, an unknown manifest, blob and repository.
#[tokio::test]
async fn registry_errors_are_decoded() {
    let registry = Registry::start();
    let client = v2_client(&registry);
    let start = client.layer().start_upload("app").await.unwrap();
    let first = start.location.unwrap();
    let patched = client
        .layer()
        .upload_chunk(first.clone(), b"some bytes".to_vec())
        .await
        .unwrap();
    let e = client
        .layer()
        .upload_chunk(first, b"again".to_vec())
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404), "{e:?}");
    assert_eq!(error_code(&e).as_deref(), Some("BLOB_UPLOAD_INVALID"));
    let e = client
        .layer()
        .complete_upload(patched.location.unwrap(), oci::digest(b"other bytes"))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(400), "{e:?}");
    assert_eq!(error_code(&e).as_deref(), Some("DIGEST_INVALID"));

    push_blob_in_chunks(&client, "app", b"present", 4).await;
    let e = client
        .manifest()
        .get_v2_name_manifests_reference("app", "nope")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404), "{e:?}");
    assert_eq!(error_code(&e).as_deref(), Some("MANIFEST_UNKNOWN"));
    let e = client
        .layer()
        .get_v2_name_blobs_digest("app", oci::digest(b"absent"))
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error_code(&e).as_deref(), Some("BLOB_UNKNOWN"));
    let e = client
        .tag()
        .get_v2_name_tags_list("no/such/repo")
        .await
        .unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(error_code(&e).as_deref(), Some("NAME_UNKNOWN"));
}

/// What the ACR crate pushed, read by this one: tag list, manifest GET (the overlay's `produces`
/// make the default Accept offer the manifest media types; `.accept(..)` narrows it), blob HEAD
/// and GET.
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

    // Manifest GET with the default Accept: both forms are served as they were pushed.
    for (reference, bytes) in [
        ("1.0", docker.manifest_bytes()),
        ("oci", oci_image.manifest_bytes()),
    ] {
        let got = client
            .manifest()
            .get_v2_name_manifests_reference(repo, reference)
            .await
            .unwrap_or_else(|e| panic!("GET {reference}: {e:?}"));
        assert_eq!(got.raw_body(), &bytes[..], "{reference}");
    }

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
