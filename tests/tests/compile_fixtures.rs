//! Snapshots that are never compiled prove nothing: every fixture and every generated spec is
//! generated into one temporary Cargo workspace (a member crate each), which must pass
//! `cargo clippy -- -D warnings` (or `cargo check` where clippy is not installed).
//!
//! Dependencies are compiled once into `<workspace root>/target/fixture-check` and reused by later
//! runs. Cargo runs offline first, and online only if a dependency is not in the local cache.
//! Run with `--nocapture` to see how long each step took.

use std::path::Path;
use std::process::{Command, Output};
use std::time::Instant;

/// Generates every member into `dir` and writes the workspace manifest; returns the member names.
fn write_workspace(dir: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for spec in tests::all_crates() {
        let name = spec.name.clone();
        for file in tests::generate_spec(&spec) {
            let path = dir.join(&name).join(&file.path);
            std::fs::create_dir_all(path.parent().expect("a file in the crate"))
                .expect("create the crate's directories");
            std::fs::write(&path, file.contents).expect("write a generated file");
        }
        names.push(name);
    }
    let members: Vec<String> = names.iter().map(|n| format!("    {n:?},\n")).collect();
    let manifest = tests::fixture_workspace_manifest(&members);
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write the workspace manifest");
    // Start from this workspace's lock file, so that the versions already cached are the ones used.
    let lock = tests::workspace_root().join("Cargo.lock");
    if lock.exists() {
        std::fs::copy(&lock, dir.join("Cargo.lock")).expect("copy Cargo.lock");
    }
    names
}

fn run_cargo(dir: &Path, args: &[&str], offline: bool) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command.current_dir(dir).env(
        "CARGO_TARGET_DIR",
        tests::workspace_root().join("target/fixture-check"),
    );
    if offline {
        // A global flag, before the subcommand: after `--` it would go to clippy.
        command.arg("--offline");
    }
    command.args(args).output().expect("run cargo")
}

/// Runs `cargo <args>` in `dir` (offline, then online if something was not cached), and fails
/// the test with cargo's output if it fails.
fn cargo(dir: &Path, args: &[&str]) {
    let start = Instant::now();
    let mut output = run_cargo(dir, args, true);
    if !output.status.success() && String::from_utf8_lossy(&output.stderr).contains("--offline") {
        eprintln!(
            "`cargo {}` needs the network; retrying online",
            args.join(" ")
        );
        output = run_cargo(dir, args, false);
    }
    eprintln!("`cargo {}`: {:.1?}", args.join(" "), start.elapsed());
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

fn clippy_is_installed() -> bool {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    Command::new(cargo)
        .args(["clippy", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_generated_crate_compiles_without_warnings() {
    let dir = tempfile::Builder::new()
        .prefix("fixture-check-")
        .tempdir()
        .expect("a temporary directory");
    let names = write_workspace(dir.path());
    assert!(
        names.len() >= 22,
        "expected every fixture and both Swagger specs, got {names:?}"
    );
    // Clippy type-checks everything `cargo check` does, so one run of it covers both.
    if clippy_is_installed() {
        cargo(
            dir.path(),
            &["clippy", "--workspace", "--quiet", "--", "-D", "warnings"],
        );
    } else {
        eprintln!("cargo clippy is not installed: running cargo check only (no lints)");
        cargo(dir.path(), &["check", "--workspace", "--quiet"]);
    }
}
