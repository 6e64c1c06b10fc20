//! `cargo xtask conformance`: the AutoRest test-server suite of `tests/conformance/`.
//!
//! 1. installs the pinned test server (`tests/conformance/npm/`, `npm ci`);
//! 2. generates one client crate per swagger file of `tests/conformance/swagger/` (copied from
//!    the same npm package) into `tests/conformance/clients/<crate>/` (not committed; only
//!    changed files are written, so cargo rebuilds only what changed), and records which files
//!    failed in `clients/generation.txt`;
//! 3. builds the conformance workspace (every client and the harness) with `-D warnings`, in
//!    `target/conformance/` so that its flags never invalidate the main build (without debug
//!    info or incremental state, which would take 14 GB);
//! 4. checks the harness: `cargo fmt --check`, `cargo clippy -- -D warnings` and its unit tests;
//! 5. runs the harness (`tests/conformance/harness`), which starts the server, runs one test per
//!    scenario, prints the per-file table and the summary line, and compares the result with
//!    `tests/conformance/expected.txt`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::CrateOptions;

use crate::files::{self, Mode};
use crate::generate::{DEFAULT_VERSION, default_crate_name};
use crate::prereq;

/// The suite's home, relative to the repository root.
pub const DIR: &str = "tests/conformance";

/// Installs, generates, builds and runs the suite; `args` go to the harness (a scenario filter).
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode, String> {
    prereq::ensure_npm(root)?;
    let dir = root.join(DIR);
    let failures = generate_clients(&dir)?;
    let mut status = String::new();
    for (file, outcome) in &failures {
        let _ = writeln!(status, "{file}\t{outcome}");
    }
    fs::write(dir.join("clients/generation.txt"), status)
        .map_err(|e| format!("{DIR}/clients/generation.txt: {e}"))?;

    let manifest = dir.join("Cargo.toml");
    let target = root.join("target/conformance");
    let cargo = |args: &[&str]| {
        let mut command = Command::new(crate::cargo());
        // The manifest right after the subcommand: `args` may end with `-- <flags>`.
        command
            .args(&args[..1])
            .arg("--manifest-path")
            .arg(&manifest)
            .args(&args[1..])
            .env("CARGO_TARGET_DIR", &target)
            .env("RUSTFLAGS", "-D warnings")
            // 73 crates with debug info and incremental state take 14 GB; without, a tenth.
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .env("CARGO_INCREMENTAL", "0");
        command
    };
    eprintln!("building the conformance clients and harness (-D warnings)");
    let built = cargo(&["build", "--workspace"])
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !built.success() {
        return Err(format!(
            "the conformance workspace ({DIR}) does not build warning-free: {built}"
        ));
    }
    check_harness(&cargo)?;
    let ran = cargo(&["run", "--quiet", "--package", "conformance"])
        .arg("--")
        .args(args)
        .status()
        .map_err(|e| format!("cannot run the conformance harness: {e}"))?;
    Ok(if ran.success() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Holds the harness to the workspace's standards: formatted (`cargo fmt --check`), clippy
/// with `-D warnings` (tests included), and its unit tests (the comparison with
/// `expected.txt`) pass. The clients are generated code, formatted by the generator, so only
/// the harness package is formatted and linted.
fn check_harness(cargo: &dyn Fn(&[&str]) -> Command) -> Result<(), String> {
    let steps: [(&str, &[&str]); 3] = [
        (
            "cargo fmt --check",
            &["fmt", "--check", "--package", "conformance"],
        ),
        (
            "cargo clippy -- -D warnings",
            &[
                "clippy",
                "--quiet",
                "--package",
                "conformance",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ),
        (
            "cargo test (its unit tests)",
            &["test", "--quiet", "--package", "conformance", "--bins"],
        ),
    ];
    for (what, args) in steps {
        eprintln!("conformance harness: {what}");
        let status = cargo(args)
            .status()
            .map_err(|e| format!("cannot run cargo: {e}"))?;
        if !status.success() {
            let hint = if args[0] == "fmt" {
                format!("; run `cargo fmt --manifest-path {DIR}/Cargo.toml --package conformance`")
            } else {
                String::new()
            };
            return Err(format!(
                "the conformance harness ({DIR}/harness) fails `{what}` ({status}){hint}"
            ));
        }
    }
    Ok(())
}

/// Generates a client per swagger file; returns `(file name, "ok" or the error)` per file, in
/// file name order. A client whose swagger no longer generates is removed, so that the build
/// never sees a stale one.
fn generate_clients(dir: &Path) -> Result<Vec<(String, String)>, String> {
    let swagger = dir.join("swagger");
    let mut specs: Vec<PathBuf> = fs::read_dir(&swagger)
        .map_err(|e| format!("{}: {e}", swagger.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    specs.sort();
    let clients = dir.join("clients");
    fs::create_dir_all(&clients).map_err(|e| format!("{}: {e}", clients.display()))?;
    let mut outcomes = Vec::new();
    let mut written = 0;
    for spec in specs {
        let file = spec
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = default_crate_name(&spec)?;
        let out = clients.join(&name);
        let options = CrateOptions {
            name,
            version: DEFAULT_VERSION.to_string(),
            spec_display: format!("{DIR}/swagger/{file}"),
            runtime: crate::generate::runtime_crate_from(&out)?,
        };
        match codegen::generate_from_path(&spec, &options).map_err(|e| e.to_string()) {
            Ok(generated) => {
                let expected = files::file_set(generated)?;
                let outcome = files::ensure_crate(&out, &expected, Mode::Write)?;
                if !outcome.changes.is_empty() {
                    written += 1;
                }
                outcomes.push((file, "ok".to_string()));
            }
            Err(message) => {
                if out.exists() && files::looks_generated(&out) {
                    fs::remove_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
                }
                let first = message.lines().next().unwrap_or("").to_string();
                eprintln!("conformance: {file} does not generate: {first}");
                outcomes.push((file, first));
            }
        }
    }
    eprintln!(
        "conformance: {} clients generated, {written} changed",
        outcomes.iter().filter(|(_, o)| o == "ok").count()
    );
    Ok(outcomes)
}
