//! Snapshots of every Swagger 2.0 fixture in `tests/fixtures/swagger2/`: the IR as JSON, and the
//! generated crate (every file in order, each after a `==> path <==` line). A diff in the IR
//! snapshot is a lowering change; a diff only in the code snapshot is an emitter change.
//!
//! Snapshots are named after the fixture's stem (`fixtures__ir@x-ms-paths.snap`), so they do not
//! depend on the fixture's format or on where the test runs. Crates depend on the runtime crate;
//! the `mod.rs` of a vendored runtime is snapshotted once (`fixtures__vendored_runtime_mod.snap`).

use std::path::Path;

use codegen::GeneratedFile;

fn stem(path: &Path) -> String {
    path.file_stem()
        .and_then(|s| s.to_str())
        .expect("a UTF-8 fixture name")
        .to_owned()
}

#[test]
fn ir() {
    insta::glob!("../fixtures/swagger2", "*.{json,yaml}", |path| {
        let api = tests::api(path);
        insta::with_settings!({ snapshot_suffix => stem(path), input_file => path, omit_expression => true }, {
            insta::assert_json_snapshot!("ir", api);
        });
    });
}

#[test]
fn code() {
    insta::glob!("../fixtures/swagger2", "*.{json,yaml}", |path| {
        let files = tests::generate(&tests::fixture_crate_name(path), "0.1.0", path);
        insta::with_settings!({ snapshot_suffix => stem(path), input_file => path, omit_expression => true }, {
            insta::assert_snapshot!("code", tests::concat_files_but_runtime(&files));
        });
    });
}

/// A crate generated vendored (`Runtime::Vendored`) gets the runtime crate's sources with its
/// features decided: its `mod.rs` (the runtime's `lib.rs`) declares the optional modules the API
/// uses (XML here) and no others, without `cfg` attributes; every other file is the runtime's.
#[test]
fn vendored_runtime() {
    let path = tests::workspace_root().join("tests/fixtures/swagger2/xml.json");
    let api = tests::api(&path);
    let options = codegen::CrateOptions {
        runtime: codegen::Runtime::Vendored,
        ..tests::crate_options("fixture-xml", "0.1.0", &path)
    };
    let files: Vec<GeneratedFile> = codegen::generate(&api, &options)
        .expect("the fixture generates")
        .into_iter()
        .filter(tests::is_runtime)
        .collect();
    let paths: Vec<String> = files
        .iter()
        .map(|f| codegen::display_path(&f.path))
        .collect();
    assert!(
        paths.contains(&"src/runtime/xml.rs".to_owned()),
        "{paths:?}"
    );
    for absent in ["pager.rs", "poller.rs", "digest.rs"] {
        assert!(!paths.iter().any(|p| p.ends_with(absent)), "{paths:?}");
    }
    let module = files
        .iter()
        .find(|f| f.path == Path::new("src/runtime/mod.rs"))
        .expect("mod.rs");
    assert!(!module.contents.contains("cfg("), "{}", module.contents);
    insta::assert_snapshot!("vendored_runtime_mod", module.contents);
}
