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

/// Every crate (each fixture and each generated spec) has the same runtime files, byte for byte,
/// but for the optional ones: `pager.rs` and `poller.rs` only where an operation is pageable or
/// long-running, and `mod.rs`, which declares only the modules present. The whole runtime (with
/// the `mod.rs` of a crate that has both) is snapshotted here, once.
#[test]
fn runtime() {
    let module = format!("{}mod.rs", tests::RUNTIME_DIR);
    let mut full_module: Option<(String, GeneratedFile)> = None;
    let mut files: std::collections::BTreeMap<String, (String, GeneratedFile)> =
        std::collections::BTreeMap::new();
    for spec in tests::all_crates() {
        let name = &spec.name;
        let runtime: Vec<GeneratedFile> = tests::generate_spec(&spec)
            .into_iter()
            .filter(tests::is_runtime)
            .filter_map(without_xml_runtime)
            .collect();
        assert!(!runtime.is_empty(), "{name} has no {}", tests::RUNTIME_DIR);
        let paths: Vec<String> = runtime
            .iter()
            .map(|f| codegen::display_path(&f.path))
            .collect();
        let has = |file: &str| paths.contains(&format!("{}{file}", tests::RUNTIME_DIR));
        for file in runtime {
            let path = codegen::display_path(&file.path);
            if path == module {
                let declares = |m: &str| file.contents.contains(&format!("mod {m};"));
                assert_eq!(
                    declares("pager"),
                    has("pager.rs"),
                    "{name}: mod.rs and pager.rs"
                );
                assert_eq!(
                    declares("poller"),
                    has("poller.rs"),
                    "{name}: mod.rs and poller.rs"
                );
                if !(has("pager.rs") && has("poller.rs")) {
                    continue;
                }
                match &full_module {
                    Some((first, seen)) => assert!(
                        seen.contents == file.contents,
                        "{path}: {name}'s differs from {first}'s"
                    ),
                    None => full_module = Some((name.clone(), file)),
                }
                continue;
            }
            match files.get(&path) {
                Some((first, seen)) => assert!(
                    seen.contents == file.contents,
                    "{path}: {name}'s differs from {first}'s"
                ),
                None => {
                    files.insert(path, (name.clone(), file));
                }
            }
        }
    }
    let (_, module) = full_module.expect("a crate with both pagers and pollers");
    let runtime: Vec<GeneratedFile> = std::iter::once(module)
        .chain(files.into_values().map(|(_, file)| file))
        .collect();
    insta::with_settings!({ omit_expression => true }, {
        insta::assert_snapshot!("runtime", tests::concat_files(&runtime));
    });
}
