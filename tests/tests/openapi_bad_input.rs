//! Bad OpenAPI 3.1 input gives a typed error naming the file, the JSON pointer and what is
//! wrong, never a panic. Each document is in `tests/fixtures/openapi3/bad/`.

use std::path::PathBuf;

use codegen::{Error, ErrorKind};

fn bad(name: &str) -> PathBuf {
    tests::workspace_root()
        .join("tests/fixtures/openapi3/bad")
        .join(name)
}

/// Loads a bad document, which must fail, with an error in that file.
fn error(name: &str) -> Error {
    let path = bad(name);
    match codegen::load_api(&path) {
        Ok(api) => panic!(
            "{name} lowered without an error ({} operations)",
            api.operations.len()
        ),
        Err(e) => {
            assert_eq!(e.file, path, "{name}: the error names another file: {e}");
            e
        }
    }
}

fn assert_error(e: &Error, kind: ErrorKind, pointer: &str, fragment: &str) {
    assert_eq!(e.kind, kind, "{e}");
    assert_eq!(e.pointer, pointer, "{e}");
    assert!(
        e.message.contains(fragment),
        "the message does not say {fragment:?}: {e}"
    );
    let shown = e.to_string();
    assert!(
        shown.contains(&e.file.display().to_string()) && shown.contains(pointer),
        "the error as shown names the file and the pointer: {shown}"
    );
}

#[test]
fn invalid_type_names_the_type_keyword() {
    let e = error("invalid-type.yaml");
    assert_error(
        &e,
        ErrorKind::Invalid,
        "#/components/schemas/Item/properties/count/type",
        "unknown type `integr`",
    );
}

#[test]
fn unresolvable_ref_names_the_ref_and_its_target() {
    let e = error("unresolvable-ref.yaml");
    assert_error(
        &e,
        ErrorKind::DanglingRef,
        "#/paths/~1items/get/responses/200/content/application~1json/schema",
        "#/components/schemas/Missing",
    );
}

#[test]
fn server_variable_without_a_default() {
    let e = error("server-variable-without-default.yaml");
    assert_error(
        &e,
        ErrorKind::Invalid,
        "#/servers/0/variables/account",
        "server variable `account` has no `default`",
    );
}

#[test]
fn deep_object_array_outside_a_query_names_the_style() {
    let e = error("deep-object-array-in-header.yaml");
    assert_error(
        &e,
        ErrorKind::Unsupported,
        "#/paths/~1items/get/parameters/0/style",
        "parameter style `deepObject` is not supported for arrays",
    );
}
