//! The registry harness itself ([`tests::registry`]): instances start fast on their own ports of
//! 127.0.0.1, the basic-auth one wants credentials, and a dropped instance leaves no process and
//! no directory behind. A missing `docker-registry` is a failure that says what to do.

use std::time::Instant;

use tests::registry::{REALM, Registry, require};

/// `GET /v2/` with a plain HTTP client, with or without an `Authorization` header.
async fn get_v2(registry: &Registry, authorization: Option<&str>) -> reqwest::Response {
    let client = reqwest::Client::new();
    let mut request = client.get(format!("{}/v2/", registry.url()));
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    request.send().await.expect("the registry answers")
}

#[tokio::test]
async fn an_instance_starts_fast_and_is_gone_after_drop() {
    let started = Instant::now();
    let registry = Registry::start();
    let took = started.elapsed();
    eprintln!("a registry started in {took:?}");
    assert!(took.as_secs() < 5, "took {took:?}");

    assert!(registry.url().starts_with("http://127.0.0.1:"));
    assert_eq!(registry.host(), format!("127.0.0.1:{}", registry.port()));
    let response = get_v2(&registry, None).await;
    assert_eq!(response.status(), 200);
    let instance = registry.dir().file_name().unwrap().to_str().unwrap();
    assert_eq!(
        response.headers()["x-e2e-registry-instance"],
        instance,
        "every answer names the instance (so a probe never mistakes another server for it)"
    );
    assert_eq!(response.text().await.unwrap(), "{}");

    let pid = registry.pid();
    let dir = registry.dir().to_path_buf();
    let proc = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc.exists(), "the process runs");
    assert!(dir.join("config.yml").is_file());
    let port = registry.port();
    drop(registry);

    assert!(!proc.exists(), "the process was killed and reaped");
    assert!(!dir.exists(), "the temporary directory was removed");
    assert!(
        std::net::TcpStream::connect(("127.0.0.1", port)).is_err(),
        "nothing listens on the port any more"
    );
}

#[tokio::test]
async fn instances_run_side_by_side_with_their_own_storage() {
    let a = Registry::start();
    let b = Registry::start();
    assert_ne!(a.port(), b.port());
    assert_ne!(a.dir(), b.dir());
    assert_eq!(get_v2(&a, None).await.status(), 200);
    assert_eq!(get_v2(&b, None).await.status(), 200);
}

#[tokio::test]
async fn the_basic_auth_instance_wants_its_credentials() {
    let registry = Registry::start_with_basic_auth("carol", "p@ss word");
    assert_eq!(registry.credentials(), Some(("carol", "p@ss word")));
    let htpasswd = std::fs::read_to_string(registry.dir().join("htpasswd")).unwrap();
    assert!(htpasswd.starts_with("carol:$2y$"), "bcrypt: {htpasswd}");

    let anonymous = get_v2(&registry, None).await;
    assert_eq!(anonymous.status(), 401);
    assert_eq!(
        anonymous.headers()["www-authenticate"],
        format!("Basic realm=\"{REALM}\"").as_str()
    );
    let body: serde_json::Value =
        serde_json::from_slice(&anonymous.bytes().await.unwrap()).unwrap();
    assert_eq!(body["errors"][0]["code"], "UNAUTHORIZED");

    let wrong = get_v2(&registry, Some("Basic Y2Fyb2w6d3Jvbmc=")).await; // carol:wrong
    assert_eq!(wrong.status(), 401);

    let authorization = registry.basic_authorization().unwrap();
    assert_eq!(authorization, "Basic Y2Fyb2w6cEBzcyB3b3Jk");
    assert_eq!(get_v2(&registry, Some(&authorization)).await.status(), 200);
}

#[test]
fn a_missing_binary_fails_and_says_to_run_cargo_xtask_test() {
    let panic =
        std::panic::catch_unwind(|| require("surely-no-such-registry-binary", "docker-registry"))
            .expect_err("a missing binary is a failure, not a skip");
    let message = panic
        .downcast_ref::<String>()
        .expect("a formatted panic message");
    assert!(
        message.contains("`surely-no-such-registry-binary` is not on PATH"),
        "{message}"
    );
    assert!(message.contains("Run `cargo xtask test`"), "{message}");
    assert!(
        message.contains("apt-get install -y docker-registry"),
        "{message}"
    );
}

#[test]
fn the_tools_the_tests_need_are_installed() {
    // What `cargo xtask test` installs (xtask/src/prereq.rs): each found, or a failure here that
    // says to run it.
    for (binary, package) in [
        ("docker-registry", "docker-registry"),
        ("skopeo", "skopeo"),
        ("htpasswd", "apache2-utils"),
    ] {
        assert!(require(binary, package).is_file());
    }
}
