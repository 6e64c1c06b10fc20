//! Snapshots of every Swagger 2.0 fixture in `tests/fixtures/swagger2/`: the IR as JSON, and the
//! generated crate (every file in order, each after a `==> path <==` line). A diff in the IR
//! snapshot is a lowering change; a diff only in the code snapshot is an emitter change.
//!
//! Snapshots are named after the fixture's stem (`fixtures__ir@x-ms-paths.snap`), so they do not
//! depend on the fixture's format or on where the test runs. The runtime (`src/runtime/`), the
//! same in every generated crate, is snapshotted once (`fixtures__runtime.snap`).

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

/// The runtime as every crate has it: an API with XML bodies also has `runtime/xml.rs` (the
/// source in `codegen/runtime/optional/`), declared by two more lines of `runtime/mod.rs`.
fn without_xml_runtime(mut file: GeneratedFile) -> Option<GeneratedFile> {
    let path = codegen::display_path(&file.path);
    if path == format!("{}xml.rs", tests::RUNTIME_DIR) {
        return None;
    }
    if path == format!("{}mod.rs", tests::RUNTIME_DIR) {
        file.contents = file.contents.replace("#[doc(hidden)]\npub mod xml;\n", "");
    }
    Some(file)
}

/// Every crate (each fixture and each generated spec) has the same runtime files, byte for byte;
/// that runtime is snapshotted here, once.
#[test]
fn runtime() {
    let mut first: Option<(String, Vec<GeneratedFile>)> = None;
    for (name, version, spec) in tests::all_crates() {
        let runtime: Vec<GeneratedFile> = tests::generate(&name, &version, &spec)
            .into_iter()
            .filter(tests::is_runtime)
            .filter_map(without_xml_runtime)
            .collect();
        assert!(!runtime.is_empty(), "{name} has no {}", tests::RUNTIME_DIR);
        let Some((first_name, expected)) = &first else {
            first = Some((name, runtime));
            continue;
        };
        let paths =
            |files: &[GeneratedFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
        assert_eq!(
            paths(&runtime),
            paths(expected),
            "{name} and {first_name} have different runtime files"
        );
        for (file, other) in runtime.iter().zip(expected) {
            assert!(
                file.contents == other.contents,
                "{}: {name}'s differs from {first_name}'s",
                file.path.display()
            );
        }
    }
    let (_, runtime) = first.expect("at least one crate");
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("runtime", tests::concat_files(&runtime));
    });
}
