//! `$ref`s may only reach files under the root document's directory unless a wider root is
//! given, files over the size limit are refused, and files only named by examples or extensions
//! are never opened. Documents are written to temporary directories by the tests.

use std::path::{Path, PathBuf};

use codegen::{ErrorKind, LoadOptions};

const SPEC: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "t", "version": "1"},
  "host": "example.com",
  "paths": {"/a": {"get": {
    "operationId": "Get",
    "x-ms-examples": {"E": {"$ref": "../outside/example.json"}},
    "x-anything": {"$ref": "/etc/passwd"},
    "responses": {"200": {"description": "ok", "schema": {"$ref": "REF"}}}
  }}}
}"##;

/// `root/api/spec.json` with the response schema `$ref` `reference`, and
/// `root/outside/types.json` (a schema), `root/api/types.json` (the same).
fn layout(reference: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let types =
        r##"{"definitions": {"T": {"type": "object", "properties": {"a": {"type": "string"}}}}}"##;
    for sub in ["api", "outside"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("types.json"), types).unwrap();
    }
    let spec = dir.path().join("api/spec.json");
    std::fs::write(&spec, SPEC.replace("REF", reference)).unwrap();
    (dir, spec)
}

fn refused(spec: &Path, options: &LoadOptions) -> codegen::Error {
    let e = codegen::load_api_with(spec, options).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Refused, "{e}");
    assert_eq!(e.file, spec, "{e}");
    assert_eq!(e.pointer, "#/paths/~1a/get/responses/200/schema", "{e}");
    assert!(e.line_col.is_some(), "{e}");
    e
}

#[test]
fn refs_inside_the_root_directory_are_followed() {
    let (_dir, spec) = layout("./types.json#/definitions/T");
    let api = codegen::load_api(&spec).unwrap();
    assert!(api.models.iter().any(|m| m.name == "T"));
}

#[test]
fn refs_outside_the_root_directory_are_refused_by_default() {
    for reference in [
        "../outside/types.json#/definitions/T",
        "/etc/passwd",
        "/proc/self/environ",
        "../../../../../../../../etc/passwd#/x",
    ] {
        let (_dir, spec) = layout(reference);
        let e = refused(&spec, &LoadOptions::default());
        assert!(e.message.contains(&format!("`$ref` `{reference}`")), "{e}");
        // Never a word of what is in the file.
        assert!(!e.message.contains("root:"), "{e}");
        assert!(!e.message.contains("PATH="), "{e}");
    }
}

#[test]
fn a_wider_ref_root_lets_them_through() {
    let (dir, spec) = layout("../outside/types.json#/definitions/T");
    let options = LoadOptions::default().with_ref_root(dir.path());
    let api = codegen::load_api_with(&spec, &options).unwrap();
    assert!(api.models.iter().any(|m| m.name == "T"));
    // ... but not further.
    let (dir, spec) = layout("/etc/passwd");
    refused(&spec, &LoadOptions::default().with_ref_root(dir.path()));
}

#[test]
fn a_file_over_the_size_limit_is_refused() {
    let (_dir, spec) = layout("./types.json#/definitions/T");
    let options = LoadOptions {
        max_file_bytes: 50,
        ..LoadOptions::default()
    };
    // The root document itself is over 50 bytes.
    let e = codegen::load_api_with(&spec, &options).unwrap_err();
    assert_eq!(
        (e.kind, e.file.as_path()),
        (ErrorKind::Refused, spec.as_path())
    );
    assert!(
        e.message.contains("larger than the limit of 50 bytes"),
        "{e}"
    );
    let options = LoadOptions {
        max_file_bytes: 800,
        ..LoadOptions::default()
    };
    let big = spec.with_file_name("types.json");
    std::fs::write(
        &big,
        format!(
            "{{\"definitions\": {{\"T\": {{\"description\": \"{}\"}}}}}}",
            "x".repeat(900)
        ),
    )
    .unwrap();
    let e = refused(&spec, &options);
    assert!(
        e.message.contains("larger than the limit of 800 bytes"),
        "{e}"
    );
}
