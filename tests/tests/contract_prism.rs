//! Contract test of the OpenAPI 3.1 client against Prism, a mock server that validates every
//! request against the document (`prism mock -d specs/containerregistry/2023-07-01.yaml`, with
//! responses generated from the schemas: the spec's own examples break its schemas).
//!
//! All 11 operations are called through the generated `containerregistry-2023-07-01` crate with
//! realistic arguments and a bearer token (the spec declares `oauth2` or `basicAuth`). Prism lists
//! what was wrong in an `sl-violations` header; no entry may be about the request, and every
//! response must decode into the generated types. A raw request with a wrong enum value shows
//! that the check can fail.
//!
//! Prism is installed from `tests/npm/package-lock.json` by `cargo xtask test`; without it this
//! test fails and says so.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use acr::models::{
    Descriptor, Manifest, ManifestSchemaVersion, RepositoryChangeableAttributes, TagListOrderby,
};
use acr::{Client, Credentials};
use containerregistry_2023_07_01 as acr;
use reqwest::header::HeaderMap;
use serde_json::Value;

const SPEC: &str = "specs/containerregistry/2023-07-01.yaml";
const TOKEN: &str = "contract-test-token";
const REPOSITORY: &str = "library/hello-world";
const DIGEST: &str = "sha256:9d64f7a0a7bd0d4bc2c9f5d4f5b5c6e1f2a3b4c5d6e7f8091a2b3c4d5e6f7081";

/// A running `prism mock`, in a process group of its own (Prism's CLI starts node workers),
/// killed with the whole group when dropped.
struct Prism {
    child: Child,
    base_url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Prism {
    /// Starts Prism on a free port and waits until it answers HTTP.
    fn start(spec: &Path) -> Prism {
        let root = tests::workspace_root();
        let binary = root.join("tests/npm/node_modules/.bin/prism");
        assert!(
            binary.is_file(),
            "Prism is not installed ({} is missing): run `cargo xtask test`, which installs it \
             with `npm ci` in tests/npm",
            binary.display()
        );
        let port = free_port();
        let dir = tempfile::tempdir().expect("a temporary directory");
        let log = dir.path().join("prism.log");
        let out = std::fs::File::create(&log).expect("create the log");
        let err = out.try_clone().expect("clone the log handle");
        let mut command = Command::new(&binary);
        command
            .args(["mock", "-h", "127.0.0.1", "-p", &port.to_string(), "-d"])
            .arg(spec)
            .current_dir(&root)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let mut prism = Prism {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            log,
            _dir: dir,
        };
        prism.wait_until_ready(port);
        prism
    }

    /// Polls until Prism answers an HTTP request (it prints its routes first), or fails with
    /// its log.
    fn wait_until_ready(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(90);
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("prism exited early ({status}):\n{}", self.log_text());
            }
            if answers_http(port) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "prism did not answer on port {port} within 90 s:\n{}",
                self.log_text()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let group = i32::try_from(self.child.id()).expect("a pid fits in i32");
        // SAFETY: `kill` has no memory effects; the negative pid names the process group this
        // test created for Prism (`process_group(0)`), and nothing else.
        unsafe {
            libc::kill(-group, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                break;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        // SAFETY: as above; SIGKILL for whatever is left of the group.
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// Whether something on `port` answers a minimal HTTP request with a status line.
fn answers_http(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut start = [0u8; 5];
    stream.read_exact(&mut start).is_ok() && &start == b"HTTP/"
}

/// The entries of an `sl-violations` header (a JSON array), as `(location, message)`.
fn violations(headers: &HeaderMap) -> Vec<(String, String)> {
    let Some(value) = headers.get("sl-violations") else {
        return Vec::new();
    };
    let text = value.to_str().expect("sl-violations is text");
    let entries: Vec<Value> = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("sl-violations is not JSON ({e}): {text}"));
    entries
        .iter()
        .map(|entry| {
            let location: Vec<&str> = entry["location"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            (
                location.join("."),
                entry["message"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

/// The violations about the request.
fn request_violations(headers: &HeaderMap) -> Vec<(String, String)> {
    violations(headers)
        .into_iter()
        .filter(|(location, _)| location == "request" || location.starts_with("request."))
        .collect()
}

/// What one call gave: its operation, its status, and Prism's verdict on the request.
struct Outcome {
    operation: &'static str,
    status: u16,
    request_violations: Vec<(String, String)>,
    response_violations: Vec<(String, String)>,
}

/// Records a call's outcome; a failed call (which includes a body that does not decode) is a
/// test failure that shows Prism's verdict.
fn outcome<T>(
    operation: &'static str,
    result: Result<T, acr::Error>,
    parts: impl Fn(&T) -> (u16, HeaderMap),
) -> Outcome {
    match result {
        Ok(response) => {
            let (status, headers) = parts(&response);
            let all = violations(&headers);
            Outcome {
                operation,
                status,
                request_violations: request_violations(&headers),
                response_violations: all
                    .into_iter()
                    .filter(|(l, _)| !l.starts_with("request"))
                    .collect(),
            }
        }
        Err(e) => {
            let shown = e
                .headers()
                .map(|h| format!("{:?}", violations(h)))
                .unwrap_or_default();
            panic!("{operation} failed: {e}\nsl-violations: {shown}")
        }
    }
}

fn client(prism: &Prism) -> Client {
    Client::builder("myregistry")
        .base_url(&prism.base_url)
        .credentials(Credentials::bearer(TOKEN))
        .build()
        .expect("a client for Prism")
}

fn layer() -> Descriptor {
    Descriptor {
        media_type: Some("application/vnd.docker.image.rootfs.diff.tar.gzip".to_owned()),
        size: Some(2_479),
        digest: Some(DIGEST.to_owned()),
        urls: Some(vec!["https://example.com/layers/1".to_owned()]),
        annotations: Some(
            [(
                "org.opencontainers.image.title".to_owned(),
                "layer.tar.gz".to_owned(),
            )]
            .into_iter()
            .collect(),
        ),
    }
}

fn manifest() -> Manifest {
    Manifest {
        schema_version: Some(ManifestSchemaVersion::V2),
        media_type: Some("application/vnd.docker.distribution.manifest.v2+json".to_owned()),
        config: Some(Descriptor {
            media_type: Some("application/vnd.docker.container.image.v1+json".to_owned()),
            size: Some(1_469),
            digest: Some(DIGEST.to_owned()),
            ..Descriptor::default()
        }),
        layers: Some(vec![layer()]),
        ..Manifest::default()
    }
}

/// Calls every operation of the spec once, in document order.
async fn call_all(client: &Client) -> Vec<Outcome> {
    let h = |status: reqwest::StatusCode, headers: &HeaderMap| (status.as_u16(), headers.clone());
    let mut out = Vec::new();

    let r = client.catalog().list().last("library/alpine").n(10).await;
    out.push(outcome("Catalog_List", r, |r| {
        let _: &acr::models::Repositories = &r.body;
        h(r.status(), r.headers())
    }));
    let r = client.repository().get_attributes(REPOSITORY).await;
    out.push(outcome("Repository_GetAttributes", r, |r| {
        let _: &acr::models::RepositoryAttributes = &r.body;
        h(r.status(), r.headers())
    }));
    let r = client.repository().delete(REPOSITORY).await;
    out.push(outcome("Repository_Delete", r, |r| {
        let _: &acr::models::DeletedRepository = &r.body;
        h(r.status(), r.headers())
    }));
    let attributes = RepositoryChangeableAttributes {
        delete_enabled: Some(false),
        write_enabled: Some(true),
        list_enabled: Some(true),
        read_enabled: Some(true),
        teleport_enabled: Some(false),
    };
    let r = client
        .repository()
        .update_attributes(REPOSITORY)
        .body(attributes)
        .await;
    out.push(outcome("Repository_UpdateAttributes", r, |r| {
        h(r.status(), r.headers())
    }));
    let r = client
        .tag()
        .list(REPOSITORY)
        .last("v1")
        .n(20)
        .orderby(TagListOrderby::Timedesc)
        .digest(DIGEST)
        .await;
    out.push(outcome("Tag_List", r, |r| {
        let _: &acr::models::TagList = &r.body;
        h(r.status(), r.headers())
    }));
    let r = client.tag().get_attributes(REPOSITORY, "latest").await;
    out.push(outcome("Tag_GetAttributes", r, |r| {
        let _: &acr::models::TagAttributes = &r.body;
        h(r.status(), r.headers())
    }));
    let r = client.tag().delete(REPOSITORY, "v1").await;
    out.push(outcome("Tag_Delete", r, |r| h(r.status(), r.headers())));
    let r = client
        .manifests()
        .list(REPOSITORY)
        .last(DIGEST)
        .n(5)
        .orderby(TagListOrderby::Timeasc)
        .await;
    out.push(outcome("Manifests_List", r, |r| {
        let _: &acr::models::ManifestList = &r.body;
        h(r.status(), r.headers())
    }));
    let r = client.manifests().get(REPOSITORY, "latest").await;
    out.push(outcome("Manifests_Get", r, |r| {
        let _: &acr::models::ManifestWrapper = &r.body;
        h(r.status(), r.headers())
    }));
    let r = client
        .manifests()
        .create(REPOSITORY, "v2", manifest())
        .await;
    out.push(outcome("Manifests_Create", r, |r| {
        let _: &Option<String> = &r.docker_content_digest;
        h(r.status(), r.headers())
    }));
    let r = client.manifests().delete(REPOSITORY, DIGEST).await;
    out.push(outcome("Manifests_Delete", r, |r| {
        h(r.status(), r.headers())
    }));
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn every_operation_satisfies_prism() {
    let spec = tests::workspace_root().join(SPEC);
    let prism = Prism::start(&spec);
    let client = client(&prism);

    let outcomes = call_all(&client).await;
    let operations: Vec<&str> = outcomes.iter().map(|o| o.operation).collect();
    let api = tests::api(&spec);
    let documented: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    assert_eq!(operations, documented, "every operation is called once");

    for o in &outcomes {
        eprintln!(
            "{}: {} (response violations: {:?})",
            o.operation, o.status, o.response_violations
        );
    }
    let bad: Vec<(&str, &Vec<(String, String)>)> = outcomes
        .iter()
        .filter(|o| !o.request_violations.is_empty())
        .map(|o| (o.operation, &o.request_violations))
        .collect();
    assert!(bad.is_empty(), "Prism found request violations: {bad:#?}");
    for o in &outcomes {
        assert!(
            (200..300).contains(&o.status),
            "{}: status {}",
            o.operation,
            o.status
        );
    }
}

/// The check can fail: a wrong enum value, sent raw from the client's base URL with the same
/// credentials (the client's `orderby` setter only takes `TagListOrderby`), is reported as a
/// request violation.
#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_enum_value_is_a_request_violation() {
    let prism = Prism::start(&tests::workspace_root().join(SPEC));
    let client = client(&prism);
    let url = client
        .base_url()
        .join("acr/v1/library%2Fhello-world/_tags?orderby=notanenum")
        .expect("a URL");
    let response = reqwest::Client::new()
        .get(url)
        .header("Authorization", format!("Bearer {TOKEN}"))
        .header("Accept", "application/json")
        .send()
        .await
        .expect("Prism answers");
    let wrong = request_violations(response.headers());
    assert!(
        wrong
            .iter()
            .any(|(location, message)| location == "request.query.orderby"
                && message.contains("allowed values")),
        "a wrong `orderby` is reported: {wrong:?} (status {})",
        response.status()
    );
}
