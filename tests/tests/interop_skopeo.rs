//! Interoperability with `skopeo` (containers/image), through a real registry (see `e2e_acr.rs`):
//! an image pushed by the generated ACR client is copied out by skopeo into an OCI image layout
//! with the same blobs, and an image that skopeo pushes from an OCI layout made by hand is pulled
//! by the generated client, every blob verified against its digest.

#[path = "common/registry_client.rs"]
mod registry_client;

use registry_client::{client, header, pull_blob, pull_blob_verified, push_image};
use tests::registry::oci::{self, DOCKER_MANIFEST, Image, OCI_MANIFEST};
use tests::registry::{Registry, skopeo};

/// Pushed by the client (config + 2 layers + a Docker v2 manifest), copied out by
/// `skopeo copy docker://... oci:<dir>:<tag>`: skopeo converts the manifest to OCI, and the
/// config and layer digests are the ones the client pushed, in order.
#[tokio::test]
async fn image_pushed_by_the_client_is_copied_out_by_skopeo() {
    let registry = Registry::start();
    let client = client(&registry);
    let scratch = tempfile::tempdir().unwrap();
    let image = Image::build(
        scratch.path(),
        DOCKER_MANIFEST,
        &[
            &[("etc/os-release", b"ID=e2e\n"), ("etc/motd", b"hello\n")],
            &[("usr/bin/tool", &oci::random_bytes(64 * 1024))],
        ],
    );
    push_image(&client, "team/app", "1.0", &image, DOCKER_MANIFEST).await;

    let layout = scratch.path().join("layout");
    let source = format!("docker://{}/team/app:1.0", registry.host());
    let destination = format!("oci:{}:1.0", layout.display());
    skopeo(
        scratch.path(),
        &["copy", "--src-tls-verify=false", &source, &destination],
    );

    // read_layout checks every blob in the layout against its digest and size.
    let copied = oci::read_layout(&layout, "1.0");
    assert_eq!(
        copied.manifest["mediaType"], OCI_MANIFEST,
        "converted to OCI"
    );
    assert_eq!(copied.config_digest(), image.config.digest);
    let pushed: Vec<&str> = image.layers.iter().map(|l| l.digest.as_str()).collect();
    assert_eq!(copied.layer_digests(), pushed);
    for blob in image.blobs() {
        assert_eq!(oci::read_blob(&layout, &blob.digest), blob.bytes);
    }

    // And skopeo reads the same tag list as the registry has.
    let out = skopeo(
        scratch.path(),
        &[
            "list-tags",
            "--tls-verify=false",
            &format!("docker://{}/team/app", registry.host()),
        ],
    );
    let tags: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tags["Tags"], serde_json::json!(["1.0"]));
}

/// A tiny OCI layout made by hand (a config and one tar.gz layer made with `tar` and `gzip`),
/// pushed by `skopeo copy oci:<dir>:<tag> docker://...`, is pulled by the client: the manifest's
/// bytes are the ones in the layout, and every blob streams and verifies against its digest.
#[tokio::test]
async fn image_pushed_by_skopeo_is_pulled_by_the_client() {
    let registry = Registry::start();
    let client = client(&registry);
    let scratch = tempfile::tempdir().unwrap();
    let image = Image::build(
        scratch.path(),
        OCI_MANIFEST,
        &[&[
            ("hello.txt", b"hello from skopeo\n"),
            ("data.bin", &oci::random_bytes(200_000)),
        ]],
    );
    let manifest_bytes = image.manifest_bytes();
    let layout = scratch.path().join("layout");
    oci::write_layout(&layout, "v1", &image, &manifest_bytes);

    let source = format!("oci:{}:v1", layout.display());
    let destination = format!("docker://{}/team/skopeo:v1", registry.host());
    skopeo(
        scratch.path(),
        &["copy", "--dest-tls-verify=false", &source, &destination],
    );

    let got = client
        .manifests()
        .get("team/skopeo", "v1")
        .accept(OCI_MANIFEST)
        .await
        .unwrap();
    assert_eq!(header(got.headers(), "content-type"), Some(OCI_MANIFEST));
    assert_eq!(
        got.raw_body(),
        &manifest_bytes[..],
        "skopeo pushed the layout's manifest as is"
    );
    assert_eq!(
        header(got.headers(), "docker-content-digest"),
        Some(oci::digest(&manifest_bytes).as_str())
    );

    // Every blob the pulled manifest names: streamed, sized and verified.
    let manifest: serde_json::Value = serde_json::from_slice(got.raw_body()).unwrap();
    let descriptors = std::iter::once(&manifest["config"])
        .chain(manifest["layers"].as_array().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(descriptors.len(), 2);
    for (descriptor, blob) in descriptors.iter().zip(image.blobs()) {
        let digest = descriptor["digest"].as_str().unwrap();
        assert_eq!(digest, blob.digest);
        let mut bytes = Vec::new();
        let len = pull_blob(&client, "team/skopeo", digest, |c| {
            bytes.extend_from_slice(c)
        })
        .await;
        assert_eq!(Some(len), descriptor["size"].as_u64());
        assert_eq!(bytes, blob.bytes);
    }
    // The layer is a real gzipped tar: its gzip magic, and the config names its diff_id.
    assert_eq!(&image.layers[0].bytes[..2], &[0x1f, 0x8b]);
    let config: serde_json::Value = serde_json::from_slice(&image.config.bytes).unwrap();
    assert_eq!(config["rootfs"]["diff_ids"].as_array().unwrap().len(), 1);
}

/// skopeo with `--dest-creds` pushes to the basic-auth registry; the client, without
/// credentials, is refused (401), with a basic `Authorization` it pulls every blob.
#[tokio::test]
async fn skopeo_pushes_with_credentials_and_the_client_pulls_with_them() {
    let registry = Registry::start_with_basic_auth("bob", "pw-for-bob");
    let (user, password) = registry.credentials().unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let image = Image::build(scratch.path(), OCI_MANIFEST, &[&[("f", b"auth interop")]]);
    let layout = scratch.path().join("layout");
    oci::write_layout(&layout, "v1", &image, &image.manifest_bytes());
    skopeo(
        scratch.path(),
        &[
            "copy",
            "--dest-tls-verify=false",
            "--dest-creds",
            &format!("{user}:{password}"),
            &format!("oci:{}:v1", layout.display()),
            &format!("docker://{}/secure/app:v1", registry.host()),
        ],
    );

    let anonymous = client(&registry);
    let e = anonymous
        .manifests()
        .get("secure/app", "v1")
        .await
        .unwrap_err();
    registry_client::assert_registry_error(&e, 401, "UNAUTHORIZED");

    let authorized = registry_client::client_with_basic_auth(&registry);
    let got = authorized
        .manifests()
        .get("secure/app", "v1")
        .accept(OCI_MANIFEST)
        .await
        .unwrap();
    assert_eq!(got.raw_body(), &image.manifest_bytes()[..]);
    for blob in image.blobs() {
        pull_blob_verified(&authorized, "secure/app", &blob.digest).await;
    }
}
