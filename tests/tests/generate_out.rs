//! `cargo xtask generate --spec <PATH> --out <DIR>`, run as a maintainer runs it: any Swagger 2.0
//! file into any directory gives a crate that builds on its own, and a spec that fails to
//! generate leaves no directory behind.

use std::path::Path;
use std::process::{Command, Output};
use tests::xtask;

/// Runs `cargo <args>` from the workspace root (offline first, like the fixture compile test).
fn cargo_in(dir: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = |offline: bool| {
        let mut command = Command::new(&cargo);
        command.current_dir(dir).env(
            "CARGO_TARGET_DIR",
            tests::workspace_root().join("target/fixture-check"),
        );
        if offline {
            command.arg("--offline");
        }
        command.args(args).output().expect("run cargo")
    };
    let output = run(true);
    if !output.status.success() && String::from_utf8_lossy(&output.stderr).contains("--offline") {
        return run(false);
    }
    output
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn another_swagger_file_becomes_a_crate_that_builds_on_its_own() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("headers-client");
    let spec = tests::fixture("response-headers.json");
    let spec = spec.to_str().expect("a UTF-8 path");
    let out_str = out.to_str().expect("a UTF-8 path");

    let generated = xtask(&[
        "generate",
        "--spec",
        spec,
        "--out",
        out_str,
        "--name",
        "headers-client",
    ]);
    assert!(
        generated.status.success(),
        "generate failed:\n{}",
        text(&generated)
    );
    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).expect("a Cargo.toml");
    assert!(manifest.starts_with("# @generated"), "{manifest}");
    assert!(manifest.contains("name = \"headers-client\""), "{manifest}");
    assert!(
        manifest.contains("[workspace]"),
        "a crate outside generated/ is its own workspace"
    );

    // Seed the lock file so the cached dependency versions are used.
    std::fs::copy(
        tests::workspace_root().join("Cargo.lock"),
        out.join("Cargo.lock"),
    )
    .expect("copy Cargo.lock");
    let built = cargo_in(&out, &["build", "--quiet"]);
    assert!(
        built.status.success(),
        "the generated crate does not build:\n{}",
        text(&built)
    );
}

#[test]
fn a_failing_spec_writes_nothing() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let out = tmp.path().join("never");
    let spec = tests::bad_fixture("dangling-ref.json");
    let generated = xtask(&[
        "generate",
        "--spec",
        spec.to_str().expect("a UTF-8 path"),
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ]);
    assert_eq!(generated.status.code(), Some(1), "{}", text(&generated));
    let message = text(&generated);
    assert!(
        message.contains("dangling-ref.json") && message.contains("$ref"),
        "{message}"
    );
    assert!(!out.exists(), "no directory may be left behind");
    let leftovers: Vec<_> = std::fs::read_dir(tmp.path())
        .expect("list the temp dir")
        .collect();
    assert!(
        leftovers.is_empty(),
        "no temporary directory either: {leftovers:?}"
    );
}
