//! Snapshots of every OpenAPI 3.0/3.1 fixture in `tests/fixtures/openapi3/` (one construct
//! each, its comment says which): the IR as JSON, and the generated crate (each file after a
//! `==> path <==` line). A diff in the IR snapshot is a lowering change; a diff only in the code
//! snapshot is an emitter change. Then every fixture crate is compiled under clippy.
//!
//! Unlike the Swagger 2.0 snapshots, the code snapshots leave out the runtime (`src/runtime/`):
//! it is copied from `codegen/runtime/` unchanged into every crate, whatever the spec, so it would
//! only repeat one file 22 times. The list of its files is kept.

use std::path::{Path, PathBuf};
use std::process::Command;

const FIXTURES: &str = "tests/fixtures/openapi3";

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 fixture name")
        .to_owned()
}

/// The generated files of a fixture, the runtime's as a list of paths only.
fn code(path: &Path) -> String {
    let api = tests::api(path);
    let options = tests::crate_options(&tests::fixture_crate_name(path), "0.1.0", path);
    let files = codegen::generate(&api, &options).unwrap_or_else(|e| panic!("{e}"));
    let (runtime, own): (Vec<_>, Vec<_>) = files
        .into_iter()
        .partition(|f| f.path.starts_with("src/runtime"));
    let mut out = tests::concat_files(&own);
    out.push_str("\n==> src/runtime/ <==\n");
    for file in runtime {
        out.push_str(&format!(
            "{} (copied from codegen/runtime)\n",
            codegen::display_path(&file.path)
        ));
    }
    out
}

#[test]
fn ir() {
    insta::glob!("../fixtures/openapi3", "*.yaml", |path| {
        let api = tests::api(path);
        insta::with_settings!({ snapshot_suffix => stem(path), input_file => path, omit_expression => true }, {
            insta::assert_json_snapshot!("ir", api);
        });
    });
}

#[test]
fn code_without_runtime() {
    insta::glob!("../fixtures/openapi3", "*.yaml", |path| {
        let text = code(path);
        insta::with_settings!({ snapshot_suffix => stem(path), input_file => path, omit_expression => true }, {
            insta::assert_snapshot!("code", text);
        });
    });
}

/// Every fixture, sorted by name.
fn fixtures() -> Vec<PathBuf> {
    let dir = tests::workspace_root().join(FIXTURES);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    out.sort();
    out
}

/// Each fixture's comment says what it shows: the first line starts with `# `.
#[test]
fn every_fixture_says_what_it_shows() {
    for path in fixtures() {
        let text = std::fs::read_to_string(&path).expect("a readable fixture");
        assert!(
            text.starts_with("# "),
            "{} does not start with a comment",
            tests::display(&path)
        );
    }
}

/// Snapshots that are never compiled prove nothing: every fixture is generated into one
/// temporary Cargo workspace, which must pass `cargo clippy -- -D warnings`. Dependencies are
/// shared with `compile_fixtures.rs` (`target/fixture-check`); cargo runs offline first.
#[test]
fn every_fixture_crate_compiles_without_warnings() {
    let dir = tempfile::Builder::new()
        .prefix("openapi-fixture-check-")
        .tempdir()
        .expect("a temporary directory");
    let mut names = Vec::new();
    for path in fixtures() {
        let name = tests::fixture_crate_name(&path);
        let api = tests::api(&path);
        let files = codegen::generate(&api, &tests::crate_options(&name, "0.1.0", &path))
            .unwrap_or_else(|e| panic!("{}: {e}", tests::display(&path)));
        for file in files {
            let target = dir.path().join(&name).join(&file.path);
            std::fs::create_dir_all(target.parent().expect("a file in the crate"))
                .expect("create the crate's directories");
            std::fs::write(&target, file.contents).expect("write a generated file");
        }
        names.push(format!("    {name:?},\n"));
    }
    assert_eq!(names.len(), 30, "one crate per fixture");
    std::fs::write(
        dir.path().join("Cargo.toml"),
        tests::fixture_workspace_manifest(&names),
    )
    .expect("write the workspace manifest");
    let lock = tests::workspace_root().join("Cargo.lock");
    std::fs::copy(&lock, dir.path().join("Cargo.lock")).expect("copy Cargo.lock");

    let args = ["clippy", "--workspace", "--quiet", "--", "-D", "warnings"];
    let run = |offline: bool| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut command = Command::new(cargo);
        command.current_dir(dir.path()).env(
            "CARGO_TARGET_DIR",
            tests::workspace_root().join("target/fixture-check"),
        );
        if offline {
            command.arg("--offline");
        }
        command.args(args).output().expect("run cargo")
    };
    let mut output = run(true);
    if !output.status.success() && String::from_utf8_lossy(&output.stderr).contains("--offline") {
        output = run(false);
    }
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        dir.path().display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
