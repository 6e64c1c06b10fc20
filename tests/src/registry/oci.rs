//! Images made and read by hand: `sha256:` digests, pseudo-random blobs, real tar.gz layers
//! (made with `tar` and `gzip`), image configs, Docker v2 and OCI manifests, and OCI image
//! layouts (the `oci:<dir>:<tag>` transport of skopeo).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// `application/vnd.docker.distribution.manifest.v2+json`
pub const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
/// `application/vnd.docker.container.image.v1+json`
pub const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
/// `application/vnd.docker.image.rootfs.diff.tar.gzip`
pub const DOCKER_LAYER: &str = "application/vnd.docker.image.rootfs.diff.tar.gzip";
/// `application/vnd.oci.image.manifest.v1+json`
pub const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";
/// `application/vnd.oci.image.config.v1+json`
pub const OCI_CONFIG: &str = "application/vnd.oci.image.config.v1+json";
/// `application/vnd.oci.image.layer.v1.tar+gzip`
pub const OCI_LAYER: &str = "application/vnd.oci.image.layer.v1.tar+gzip";

/// `sha256:<64 hex digits>` of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    format!("sha256:{}", hex(&Sha256::digest(bytes)))
}

/// A `sha256:` digest computed piece by piece (a download, as it streams).
#[derive(Default, Clone)]
pub struct Hasher {
    sha: Sha256,
    len: u64,
}

impl Hasher {
    /// An empty hasher.
    pub fn new() -> Hasher {
        Hasher::default()
    }

    /// Adds the next piece.
    pub fn update(&mut self, bytes: &[u8]) {
        self.sha.update(bytes);
        self.len += bytes.len() as u64;
    }

    /// How many bytes went in.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True when nothing went in.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// `sha256:<hex>` of everything that went in.
    pub fn finish(self) -> String {
        format!("sha256:{}", hex(&self.sha.finalize()))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `len` pseudo-random bytes (xorshift64*, seeded from the clock and a counter): different in
/// every call, so no two tests (or runs) upload the same blob.
pub fn random_bytes(len: usize) -> Vec<u8> {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut state = nanos
        ^ COUNTER
            .fetch_add(1, Ordering::Relaxed)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ u64::from(std::process::id()) << 32
        | 1;
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        out.extend_from_slice(&state.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes());
    }
    out.truncate(len);
    out
}

/// A blob with its media type, as a manifest describes it.
#[derive(Debug, Clone)]
pub struct Blob {
    /// The media type a manifest gives it.
    pub media_type: String,
    /// The bytes.
    pub bytes: Vec<u8>,
    /// `sha256:` of the bytes.
    pub digest: String,
}

impl Blob {
    /// A blob of `bytes` with this media type.
    pub fn new(media_type: &str, bytes: Vec<u8>) -> Blob {
        Blob {
            media_type: media_type.to_owned(),
            digest: digest(&bytes),
            bytes,
        }
    }

    /// Its descriptor: `{"mediaType", "size", "digest"}`.
    pub fn descriptor(&self) -> Value {
        json!({
            "mediaType": self.media_type,
            "size": self.bytes.len(),
            "digest": self.digest,
        })
    }
}

/// A gzipped tar layer and the digest of the tar inside it (its `diff_id`).
#[derive(Debug, Clone)]
pub struct Layer {
    /// The `.tar.gz` bytes.
    pub gzip: Vec<u8>,
    /// `sha256:` of the uncompressed tar.
    pub diff_id: String,
}

/// A real layer: a tar (made by `tar`) of `files` (relative path, contents), gzipped by
/// `gzip -n`; made in `scratch`, a temporary directory of the caller.
pub fn tar_gz_layer(scratch: &Path, files: &[(&str, &[u8])]) -> Layer {
    let root = unique_dir(scratch, "layer-root");
    for (path, contents) in files {
        let file = root.join(path);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).expect("a layer directory");
        }
        std::fs::write(&file, contents).expect("a layer file");
    }
    let tar_path = root.with_extension("tar");
    run(Command::new("tar")
        .args([
            "--create",
            "--owner=0",
            "--group=0",
            "--numeric-owner",
            "--file",
        ])
        .arg(&tar_path)
        .arg("-C")
        .arg(&root)
        .arg("."));
    let tar = std::fs::read(&tar_path).expect("the tar file");
    let gzip = run(Command::new("gzip").args(["-n", "-c"]).arg(&tar_path));
    Layer {
        gzip,
        diff_id: digest(&tar),
    }
}

/// A minimal image config (`architecture`, `os`, `rootfs.diff_ids`).
pub fn image_config(diff_ids: &[&str]) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "architecture": "amd64",
        "os": "linux",
        "config": {"Env": ["PATH=/usr/bin:/bin"]},
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
    }))
    .expect("JSON")
}

/// A schema 2 manifest (`media_type` Docker v2 or OCI) for `config` and `layers`.
pub fn manifest(media_type: &str, config: &Blob, layers: &[Blob]) -> Value {
    json!({
        "schemaVersion": 2,
        "mediaType": media_type,
        "config": config.descriptor(),
        "layers": layers.iter().map(Blob::descriptor).collect::<Vec<_>>(),
    })
}

/// An image made by hand: a config blob, gzipped tar layers and a manifest of `manifest_type`.
#[derive(Debug, Clone)]
pub struct Image {
    /// The config blob.
    pub config: Blob,
    /// The layer blobs, in order.
    pub layers: Vec<Blob>,
    /// The manifest (the bytes to push are `serde_json::to_vec` of it).
    pub manifest: Value,
}

impl Image {
    /// An image with one layer per entry of `layers` (each a list of files), in Docker v2 or
    /// OCI form (`manifest_type` is [`DOCKER_MANIFEST`] or [`OCI_MANIFEST`]).
    pub fn build(scratch: &Path, manifest_type: &str, layers: &[&[(&str, &[u8])]]) -> Image {
        let (config_type, layer_type) = if manifest_type == OCI_MANIFEST {
            (OCI_CONFIG, OCI_LAYER)
        } else {
            (DOCKER_CONFIG, DOCKER_LAYER)
        };
        let made: Vec<Layer> = layers
            .iter()
            .map(|files| tar_gz_layer(scratch, files))
            .collect();
        let diff_ids: Vec<&str> = made.iter().map(|l| l.diff_id.as_str()).collect();
        let config = Blob::new(config_type, image_config(&diff_ids));
        let layers: Vec<Blob> = made
            .into_iter()
            .map(|l| Blob::new(layer_type, l.gzip))
            .collect();
        let manifest = manifest(manifest_type, &config, &layers);
        Image {
            config,
            layers,
            manifest,
        }
    }

    /// The config and the layers.
    pub fn blobs(&self) -> Vec<&Blob> {
        std::iter::once(&self.config).chain(&self.layers).collect()
    }

    /// The manifest's bytes as `serde_json::to_vec` writes them.
    pub fn manifest_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(&self.manifest).expect("JSON")
    }
}

/// Writes an OCI image layout (`oci-layout`, `index.json`, `blobs/sha256/*`) in `dir` holding
/// one image under `tag`: its blobs and the manifest bytes (an OCI manifest).
pub fn write_layout(dir: &Path, tag: &str, image: &Image, manifest_bytes: &[u8]) {
    let blobs = dir.join("blobs/sha256");
    std::fs::create_dir_all(&blobs).expect("blobs/sha256");
    let write_blob = |bytes: &[u8]| {
        let d = digest(bytes);
        let hex = d.strip_prefix("sha256:").expect("a sha256 digest");
        std::fs::write(blobs.join(hex), bytes).expect("a blob file");
        d
    };
    for blob in image.blobs() {
        write_blob(&blob.bytes);
    }
    let manifest_digest = write_blob(manifest_bytes);
    std::fs::write(dir.join("oci-layout"), br#"{"imageLayoutVersion":"1.0.0"}"#)
        .expect("oci-layout");
    let index = json!({
        "schemaVersion": 2,
        "manifests": [{
            "mediaType": OCI_MANIFEST,
            "digest": manifest_digest,
            "size": manifest_bytes.len(),
            "annotations": {"org.opencontainers.image.ref.name": tag},
        }],
    });
    std::fs::write(
        dir.join("index.json"),
        serde_json::to_vec(&index).expect("JSON"),
    )
    .expect("index.json");
}

/// What an OCI image layout holds for one tag.
#[derive(Debug, Clone)]
pub struct LayoutImage {
    /// The digest `index.json` gives the manifest.
    pub manifest_digest: String,
    /// The manifest's bytes (checked against that digest).
    pub manifest_bytes: Vec<u8>,
    /// The manifest, parsed.
    pub manifest: Value,
}

impl LayoutImage {
    /// The config descriptor's digest.
    pub fn config_digest(&self) -> String {
        self.manifest["config"]["digest"]
            .as_str()
            .expect("a config digest")
            .to_owned()
    }

    /// The layer descriptors' digests, in order.
    pub fn layer_digests(&self) -> Vec<String> {
        self.manifest["layers"]
            .as_array()
            .expect("a layers array")
            .iter()
            .map(|l| l["digest"].as_str().expect("a layer digest").to_owned())
            .collect()
    }
}

/// Reads the image tagged `tag` from the OCI layout in `dir`, checking the manifest's bytes and
/// every blob it names (config and layers: present, right size, right digest).
pub fn read_layout(dir: &Path, tag: &str) -> LayoutImage {
    let index: Value = serde_json::from_slice(
        &std::fs::read(dir.join("index.json")).expect("index.json in the layout"),
    )
    .expect("index.json is JSON");
    let entry = index["manifests"]
        .as_array()
        .expect("index.json has manifests")
        .iter()
        .find(|m| m["annotations"]["org.opencontainers.image.ref.name"] == tag)
        .unwrap_or_else(|| panic!("no manifest tagged {tag} in {index}"));
    let manifest_digest = entry["digest"].as_str().expect("a digest").to_owned();
    let manifest_bytes = read_blob(dir, &manifest_digest);
    assert_eq!(
        entry["size"].as_u64(),
        Some(manifest_bytes.len() as u64),
        "the manifest's size in index.json"
    );
    let manifest: Value = serde_json::from_slice(&manifest_bytes).expect("the manifest is JSON");
    let descriptors = std::iter::once(&manifest["config"]).chain(
        manifest["layers"]
            .as_array()
            .expect("a layers array")
            .iter(),
    );
    for descriptor in descriptors {
        let d = descriptor["digest"].as_str().expect("a digest");
        let bytes = read_blob(dir, d);
        assert_eq!(
            descriptor["size"].as_u64(),
            Some(bytes.len() as u64),
            "size of {d}"
        );
    }
    LayoutImage {
        manifest_digest,
        manifest_bytes,
        manifest,
    }
}

/// The blob `digest` of the layout in `dir`, checked against its digest.
pub fn read_blob(dir: &Path, digest_text: &str) -> Vec<u8> {
    let hex = digest_text
        .strip_prefix("sha256:")
        .unwrap_or_else(|| panic!("not a sha256 digest: {digest_text}"));
    let path = dir.join("blobs/sha256").join(hex);
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    assert_eq!(
        digest(&bytes),
        digest_text,
        "the bytes of {}",
        path.display()
    );
    bytes
}

/// A new directory below `parent`, named after `prefix`.
fn unique_dir(parent: &Path, prefix: &str) -> PathBuf {
    tempfile::Builder::new()
        .prefix(prefix)
        .tempdir_in(parent)
        .expect("a scratch directory")
        .keep()
}

/// Runs a command that must succeed, and returns its stdout.
fn run(command: &mut Command) -> Vec<u8> {
    let shown = format!("{command:?}");
    let out = command
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {shown}: {e}"));
    assert!(
        out.status.success(),
        "{shown} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_of_known_input() {
        assert_eq!(
            digest(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        let mut h = Hasher::new();
        h.update(b"a");
        h.update(b"bc");
        assert_eq!(h.len(), 3);
        assert_eq!(h.finish(), digest(b"abc"));
    }

    #[test]
    fn random_bytes_differ_between_calls() {
        let a = random_bytes(1000);
        let b = random_bytes(1000);
        assert_eq!(a.len(), 1000);
        assert_ne!(a, b);
    }
}
