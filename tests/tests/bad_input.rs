//! Bad input gives a typed error naming the file, the JSON pointer and what is wrong, never a
//! panic. Each document is in `tests/fixtures/bad/`.

use codegen::{Error, ErrorKind};

/// Loads a bad fixture, which must fail.
fn error(name: &str) -> Error {
    let path = tests::bad_fixture(name);
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
}

/// The scraped gist (`/work/shared/seeds/004_35570a34563fda94.txt`, copied as is): eight lines of
/// page text form a plain scalar, and the `:` of `swagger: '2.0' | |` on line 9, column 8, starts
/// a mapping where none can be.
#[test]
fn unrepaired_seed_is_a_syntax_error_with_line_and_column() {
    let e = error("docker-registry-unrepaired.txt");
    assert_error(&e, ErrorKind::Syntax, "#", "mapping values are not allowed");
    assert_eq!(e.line_col, Some((9, 8)), "{e}");
}

#[test]
fn dangling_ref_names_the_ref() {
    let e = error("dangling-ref.json");
    assert_error(
        &e,
        ErrorKind::DanglingRef,
        "#/paths/~1things/get/responses/200/schema",
        "#/definitions/Missing",
    );
}

#[test]
fn ref_cycle_through_parameters() {
    let e = error("ref-cycle-parameters.json");
    assert_error(
        &e,
        ErrorKind::RefCycle,
        "#/paths/~1things/get/parameters/0",
        "#/parameters/A",
    );
    assert!(e.message.contains("#/parameters/B"), "{e}");
}

#[test]
fn swagger_1_2_is_unsupported() {
    let e = error("swagger-1.2.json");
    assert_error(&e, ErrorKind::UnsupportedVersion, "#/swagger", "1.2");
}

#[test]
fn openapi_4_is_unsupported() {
    let e = error("openapi-4.yaml");
    assert_error(&e, ErrorKind::UnsupportedVersion, "#/openapi", "4.0.0");
}

#[test]
fn a_document_without_a_version_is_unsupported() {
    let e = error("no-version.json");
    assert_error(&e, ErrorKind::UnsupportedVersion, "#", "neither");
}

#[test]
fn duplicate_operation_id_points_at_the_second() {
    let e = error("duplicate-operation-id.json");
    assert_error(
        &e,
        ErrorKind::Duplicate,
        "#/paths/~1b/get/operationId",
        "Things_Get",
    );
}

#[test]
fn path_placeholder_without_a_parameter() {
    let e = error("missing-path-parameter.json");
    assert_error(&e, ErrorKind::Invalid, "#/paths/~1items~1{id}/get", "{id}");
}

/// `in: cookie` exists in OpenAPI 3, not in Swagger 2.0.
#[test]
fn unknown_parameter_location() {
    let e = error("unknown-parameter-in.json");
    assert_error(
        &e,
        ErrorKind::Invalid,
        "#/paths/~1items/get/parameters/1/in",
        "cookie",
    );
}

#[test]
fn unknown_schema_type() {
    let e = error("unknown-schema-type.json");
    assert_error(
        &e,
        ErrorKind::Invalid,
        "#/definitions/Item/properties/count/type",
        "`int`",
    );
}

#[test]
fn display_names_the_file_and_the_pointer() {
    let e = error("dangling-ref.json");
    let shown = e.to_string();
    assert!(
        shown.contains(
            &tests::bad_fixture("dangling-ref.json")
                .display()
                .to_string()
        ),
        "{shown}"
    );
    assert!(
        shown.contains("#/paths/~1things/get/responses/200/schema"),
        "{shown}"
    );

    let e = error("docker-registry-unrepaired.txt");
    let shown = e.to_string();
    assert!(
        shown.contains("docker-registry-unrepaired.txt:9:8"),
        "line and column follow the file: {shown}"
    );
}
