//! The spec's examples in the IR (`x-ms-examples` inline and in files, OpenAPI 3 `example`/
//! `examples`), their confinement and laziness, the check against the spec, and the emitted
//! test file. Documents are written to temporary directories by the tests. (The emitted tests
//! themselves run as the `examples` tests of the ACR crates in `generated/`.)

use std::path::{Path, PathBuf};

use codegen::LoadOptions;
use codegen::ir::{Api, Operation};

const SWAGGER: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "t", "version": "1"},
  "host": "example.com",
  "paths": {"/things/{name}": {"put": {
    "operationId": "Things_Put",
    "parameters": [
      {"name": "name", "in": "path", "required": true, "type": "string"},
      {"name": "n", "in": "query", "type": "integer", "format": "int32"},
      {"name": "thing", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Thing"}}
    ],
    "x-ms-examples": {
      "Inline": {
        "parameters": {"name": "a b", "n": 3, "thing": {"size": 1, "id": "x"}, "other": 1},
        "responses": {"200": {"body": {"size": 2, "id": "y"}, "headers": {"x-h": "v"}}}
      },
      "In a file": {"$ref": "EXAMPLE"},
      "Wrong type": {
        "parameters": {"name": "a", "thing": {"size": 1}},
        "responses": {"200": {"body": {"size": "two"}}}
      }
    },
    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Thing"}}}
  }}},
  "definitions": {"Thing": {"type": "object", "properties": {
    "size": {"type": "integer"},
    "id": {"type": "string", "readOnly": true}
  }}}
}"##;

const EXAMPLE_FILE: &str = r##"{"parameters": {"name": "f", "thing": {"size": 5}},
  "responses": {"200": {"body": {"size": 6}}}}"##;

/// `root/api/spec.json` whose file example is `reference`, `root/api/examples/put.json` and
/// `root/outside/put.json` (the same example).
fn layout(reference: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["api/examples", "outside"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
    }
    std::fs::write(dir.path().join("api/examples/put.json"), EXAMPLE_FILE).unwrap();
    std::fs::write(dir.path().join("outside/put.json"), EXAMPLE_FILE).unwrap();
    let spec = dir.path().join("api/spec.json");
    std::fs::write(&spec, SWAGGER.replace("EXAMPLE", reference)).unwrap();
    (dir, spec)
}

fn load(spec: &Path, examples: bool) -> Api {
    codegen::load_api_with(spec, &LoadOptions::default().with_examples(examples)).unwrap()
}

fn op(api: &Api) -> &Operation {
    &api.operations[0]
}

fn example_warnings(api: &Api) -> Vec<String> {
    api.warnings
        .iter()
        .filter(|w| w.message.starts_with("example "))
        .map(|w| format!("{}#{}: {}", w.file, w.pointer, w.message))
        .collect()
}

#[test]
fn x_ms_examples_inline_and_in_files_are_lowered_with_their_places() {
    let (_dir, spec) = layout("./examples/put.json");
    let api = load(&spec, true);
    let examples = &op(&api).examples;
    let names: Vec<&str> = examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Inline", "In a file", "Wrong type"]);

    let inline = &examples[0];
    assert_eq!(inline.rust_name, "things_put_inline");
    assert_eq!(
        inline.pointer,
        "#/paths/~1things~1{name}/put/x-ms-examples/Inline"
    );
    // The body parameter's value is the body; a name the operation does not have is dropped.
    let params: Vec<&str> = inline.parameters.keys().map(String::as_str).collect();
    assert_eq!(params, ["name", "n"]);
    assert_eq!(inline.parameters["n"].value, serde_json::json!(3));
    assert_eq!(
        inline.body.as_ref().unwrap().value,
        serde_json::json!({"size": 1, "id": "x"})
    );
    let response = &inline.responses[0];
    assert_eq!(response.status, 200);
    assert_eq!(response.headers["x-h"], serde_json::json!("v"));
    assert_eq!(inline.skipped, None);

    let file = &examples[1];
    // Relative to the spec's directory: the output does not depend on where the spec is.
    assert_eq!(file.file, "examples/put.json");
    assert_eq!(inline.file, "spec.json");
    assert_eq!(file.pointer, "#");
    assert_eq!(file.parameters["name"].pointer, "#/parameters/name");
    assert_eq!(
        file.responses[0].body.as_ref().unwrap().value,
        serde_json::json!({"size": 6})
    );
}

#[test]
fn example_files_are_not_read_unless_examples_are_asked_for() {
    let (_dir, spec) = layout("./examples/missing.json");
    let api = load(&spec, false);
    assert!(op(&api).examples.is_empty());
    assert!(api.warnings.is_empty(), "{:?}", api.warnings);

    // Asked for: the missing file is a warning at the `$ref`, and only that example is lost.
    let api = load(&spec, true);
    let names: Vec<&str> = op(&api).examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["Inline", "Wrong type"]);
    let warnings: Vec<_> = api
        .warnings
        .iter()
        .filter(|w| w.message.contains("is not read"))
        .collect();
    assert_eq!(warnings.len(), 1, "{:?}", api.warnings);
    assert_eq!(
        warnings[0].pointer,
        "#/paths/~1things~1{name}/put/x-ms-examples/In a file"
    );
}

#[test]
fn example_files_outside_the_ref_root_are_refused() {
    let (dir, spec) = layout("../outside/put.json");
    let api = load(&spec, true);
    assert!(!op(&api).examples.iter().any(|e| e.name == "In a file"));
    assert!(
        api.warnings
            .iter()
            .any(|w| w.message.contains("In a file") && w.message.contains("is not read")),
        "{:?}",
        api.warnings
    );

    let wider = LoadOptions::default()
        .with_examples(true)
        .with_ref_root(dir.path());
    let api = codegen::load_api_with(&spec, &wider).unwrap();
    assert!(op(&api).examples.iter().any(|e| e.name == "In a file"));
}

#[test]
fn examples_that_contradict_the_spec_are_skipped_with_both_pointers() {
    let (_dir, spec) = layout("./examples/put.json");
    let api = load(&spec, true);
    let wrong = &op(&api).examples[2];
    let reason = wrong.skipped.as_deref().expect("skipped");
    assert!(
        reason.contains("/responses/200/body/size is a string"),
        "{reason}"
    );
    assert!(
        reason.contains("#/definitions/Thing wants an integer"),
        "{reason}"
    );
    let warnings = example_warnings(&api);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains(
            "#/paths/~1things~1{name}/put/x-ms-examples/Wrong type: example `Wrong type`"
        ),
        "{}",
        warnings[0]
    );
    // The others agree with the spec (a read-only property in a request is allowed).
    assert!(op(&api).examples[..2].iter().all(|e| e.skipped.is_none()));
}

#[test]
fn a_missing_required_parameter_or_an_undocumented_status_contradicts_the_spec() {
    let spec = SWAGGER
        .replace(
            r#""parameters": {"name": "a b", "n": 3,"#,
            r#""parameters": {"n": 3,"#,
        )
        .replace(r#""responses": {"200": {"body": {"size": 6}}}"#, "")
        .replace(r#"{"200": {"body": {"size": "two"}}}"#, r#"{"201": {}}"#);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.json");
    std::fs::write(
        &path,
        spec.replace(r#"{"$ref": "EXAMPLE"}"#, r#"{"parameters": {}}"#),
    )
    .unwrap();
    let api = load(&path, true);
    let reasons: Vec<&str> = op(&api)
        .examples
        .iter()
        .map(|e| e.skipped.as_deref().unwrap_or("-"))
        .collect();
    assert!(
        reasons[0].contains("no value for the required parameter `name`"),
        "{reasons:?}"
    );
    assert!(
        reasons[1].contains("no value for the required parameter `name`"),
        "{reasons:?}"
    );
    assert!(reasons[2].contains("status 201"), "{reasons:?}");
}

const OPENAPI: &str = r##"
openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "https://example.com"}]
paths:
  /items/{id}:
    get:
      operationId: Items_Get
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: top, in: query, schema: {type: integer}, example: 5}
      responses:
        "200":
          description: ok
          headers:
            x-count: {schema: {type: integer}, example: 2}
          content:
            application/json:
              schema: {$ref: "#/components/schemas/Item"}
              examples:
                First: {value: {id: "a"}}
                Second: {$ref: "#/components/examples/Second"}
        default:
          description: error
          content:
            application/json:
              examples:
                Failure: {value: {message: "no"}}
components:
  examples:
    Second: {value: {id: "b"}}
  schemas:
    Item: {type: object, properties: {id: {type: string}}}
"##;

#[test]
fn openapi3_examples_make_one_example_per_success_response_example() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("api.yaml");
    std::fs::write(&spec, OPENAPI).unwrap();
    let api = load(&spec, true);
    let examples = &op(&api).examples;
    let names: Vec<&str> = examples.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(names, ["First", "Second"]);
    let second = &examples[1];
    assert_eq!(second.pointer, "#/components/examples/Second/value");
    assert_eq!(second.parameters["top"].value, serde_json::json!(5));
    // The path parameter has no example: a value of its type stands in (its name).
    assert_eq!(second.parameters["id"].value, serde_json::json!("id"));
    assert_eq!(second.responses[0].headers["x-count"], serde_json::json!(2));
    assert_eq!(
        second.responses[0].body.as_ref().unwrap().value,
        serde_json::json!({"id": "b"})
    );
    assert!(examples.iter().all(|e| e.skipped.is_none()));
}

#[test]
fn the_test_file_has_one_test_per_consistent_example_and_the_counts() {
    let (_dir, spec) = layout("./examples/put.json");
    let api = load(&spec, true);
    let options = tests::crate_options("things", "0.1.0", &spec);
    let mut files = codegen::generate(&api, &options).unwrap();
    let stats = codegen::add_example_tests(&api, &options, &mut files).unwrap();
    assert_eq!((stats.examples, stats.tests, stats.inconsistent), (3, 2, 1));
    assert!(stats.untestable.is_empty());
    let text = |path: &str| {
        files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.contents.clone())
            .unwrap_or_default()
    };
    let tests = text("tests/examples.rs");
    assert!(tests.contains("async fn things_put_inline()"), "{tests}");
    assert!(tests.contains("async fn things_put_in_a_file()"), "{tests}");
    assert!(!tests.contains("wrong_type"), "{tests}");
    // The request is checked with the example's values; the read-only `id` is not sent.
    assert!(
        tests.contains(r#"support::check_target(&request, "PUT", "/things/a b");"#),
        "{tests}"
    );
    assert!(
        tests.contains(r#"support::check_query(&request, "n", "3", None);"#),
        "{tests}"
    );
    assert!(
        tests.contains(r#"support::check_json_body(&request, "{\"size\":1}");"#),
        "{tests}"
    );
    assert!(text("Cargo.toml").contains("[dev-dependencies]\n"));

    // Without examples in the IR, nothing is added.
    let api = load(&spec, false);
    let mut files = codegen::generate(&api, &options).unwrap();
    let before = files.len();
    let stats = codegen::add_example_tests(&api, &options, &mut files).unwrap();
    assert_eq!((stats.examples, files.len()), (0, before));
    assert!(!files[0].contents.contains("dev-dependencies"));
}

const KINDS: &str = r##"{
  "swagger": "2.0",
  "info": {"title": "t", "version": "1"},
  "host": "example.com",
  "parameters": {"Key": {"name": "key", "in": "query", "type": "string",
    "x-ms-parameter-location": "client"}},
  "paths": {"/pets": {"get": {
    "operationId": "Pets_Get",
    "parameters": [{"$ref": "#/parameters/Key"}],
    "x-ms-examples": {
      "Known": {"parameters": {"key": "k"},
        "responses": {"200": {"body": {"kind": "cat", "secret": "s", "lives": 9}}}},
      "Unknown": {"parameters": {"key": "k"},
        "responses": {"200": {"body": {"kind": "dog", "secret": "s"}}}}
    },
    "responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}}}
  }}},
  "definitions": {
    "Pet": {"type": "object", "discriminator": "kind", "required": ["kind"], "properties": {
      "kind": {"type": "string"}, "secret": {"type": "string", "readOnly": true}}},
    "Cat": {"x-ms-discriminator-value": "cat", "allOf": [{"$ref": "#/definitions/Pet"}],
      "properties": {"lives": {"type": "integer"}}}
  }
}"##;

#[test]
fn the_expected_encoding_drops_read_only_properties_of_known_kinds_only() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    std::fs::write(&spec, KINDS).unwrap();
    let api = load(&spec, true);
    let options = tests::crate_options("kinds", "0.1.0", &spec);
    let mut files = codegen::generate(&api, &options).unwrap();
    let stats = codegen::add_example_tests(&api, &options, &mut files).unwrap();
    assert_eq!(stats.tests, 2, "{stats:?}");
    let tests = &files.last().unwrap().contents;
    // A known kind is re-encoded by its struct, which never writes the read-only `secret`; an
    // unknown kind is kept as the JSON that came.
    assert!(
        tests.contains(r#""{\"kind\":\"cat\",\"lives\":9}""#),
        "{tests}"
    );
    assert!(
        tests.contains(r#""{\"kind\":\"dog\",\"secret\":\"s\"}""#),
        "{tests}"
    );
    // `from_base_url` sets no optional client setting: `key` is not looked for on the wire.
    assert!(!tests.contains(r#"check_query(&request, "key""#), "{tests}");
}

#[test]
fn null_is_accepted_for_optional_properties_only() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    let nulls = SWAGGER
        .replace(r#"{"size": 2, "id": "y"}"#, r#"{"size": null, "id": "y"}"#)
        .replace(
            r#""properties": {
    "size""#,
            r#""required": ["id"], "properties": {
    "size""#,
        )
        .replace(r#"{"size": "two"}"#, r#"{"size": 1, "id": null}"#);
    std::fs::write(
        &spec,
        nulls.replace(r#"{"$ref": "EXAMPLE"}"#, r#"{"parameters": {}}"#),
    )
    .unwrap();
    let api = load(&spec, true);
    let examples = &op(&api).examples;
    assert_eq!(examples[0].skipped, None);
    let reason = examples[2].skipped.as_deref().unwrap_or_default();
    assert!(
        reason.contains("/responses/200/body/id is null"),
        "{reason}"
    );
}

#[test]
fn a_number_for_a_text_parameter_is_sent_as_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    let numbered = SWAGGER.replace(r#""name": "a b""#, r#""name": 7"#);
    std::fs::write(&spec, numbered.replace("EXAMPLE", "./missing.json")).unwrap();
    let api = load(&spec, true);
    assert_eq!(op(&api).examples[0].skipped, None);
    let options = tests::crate_options("things", "0.1.0", &spec);
    let mut files = codegen::generate(&api, &options).unwrap();
    codegen::add_example_tests(&api, &options, &mut files).unwrap();
    let tests = &files.last().unwrap().contents;
    assert!(
        tests.contains(r#"support::value::<String>("\"7\"")"#),
        "{tests}"
    );
    assert!(
        tests.contains(r#"support::check_target(&request, "PUT", "/things/7");"#),
        "{tests}"
    );
}

#[test]
fn a_json_body_given_as_json_text_is_that_value() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    let text = SWAGGER.replace(
        r#""thing": {"size": 1, "id": "x"}"#,
        r#""thing": "{\"size\": 1, \"id\": \"x\"}""#,
    );
    std::fs::write(&spec, text.replace("EXAMPLE", "./missing.json")).unwrap();
    let api = load(&spec, true);
    let inline = &op(&api).examples[0];
    assert_eq!(inline.skipped, None);
    assert_eq!(
        inline.body.as_ref().unwrap().value,
        serde_json::json!({"size": 1, "id": "x"})
    );
}

#[test]
fn a_parameter_group_is_built_from_the_example_values_of_its_members() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.json");
    // `n` and the required header `tag` go in one group: a positional argument at the place of
    // its first member (`n`, after `name`), before the body.
    let grouped = SWAGGER
        .replace(
            r#"{"name": "n", "in": "query", "type": "integer", "format": "int32"}"#,
            r#"{"name": "n", "in": "query", "type": "integer", "format": "int32",
               "x-ms-parameter-grouping": {"name": "put-options"}},
              {"name": "tag", "in": "header", "type": "string", "required": true,
               "x-ms-parameter-grouping": {"name": "put-options"}}"#,
        )
        .replace(r#""n": 3,"#, r#""n": 3, "tag": "t","#);
    std::fs::write(&spec, grouped.replace("EXAMPLE", "./missing.json")).unwrap();
    let api = load(&spec, true);
    let options = tests::crate_options("things", "0.1.0", &spec);
    let mut files = codegen::generate(&api, &options).unwrap();
    let stats = codegen::add_example_tests(&api, &options, &mut files).unwrap();
    assert_eq!(stats.tests, 1, "{stats:?}");
    assert!(stats.untestable.is_empty(), "{stats:?}");
    let tests = &files.last().unwrap().contents;
    let compact: String = tests.split_whitespace().collect();
    let call = concat!(
        r#".put(support::value::<String>("\"ab\""),"#,
        r#"things::models::PutOptions{n:Some(support::value::<i32>("3")),"#,
        r#"tag:support::value::<String>("\"t\""),},"#,
        r#"support::value::<things::models::Thing>("#,
    );
    assert!(compact.contains(call), "{tests}");
    assert!(
        tests.contains(r#"support::check_query(&request, "n", "3", None);"#),
        "{tests}"
    );
    assert!(tests.contains(r#"support::check_header("#), "{tests}");
}

#[test]
fn declared_response_headers_are_compared_and_a_header_of_the_wrong_type_contradicts() {
    let spec = SWAGGER
        .replace(
            r#""responses": {"200": {"description": "ok","#,
            r#""responses": {"200": {"description": "ok", "headers": {
                "x-n": {"type": "integer"},
                "x-d": {"type": "string", "format": "date-time-rfc1123"}},"#,
        )
        .replace(
            r#""headers": {"x-h": "v"}"#,
            r#""headers": {"x-h": "v", "x-n": "12", "X-D": "Sun, 06 Nov 1994 08:49:37 GMT"}"#,
        )
        .replace(
            r#"{"$ref": "EXAMPLE"}"#,
            r#"{"parameters": {"name": "f", "thing": {"size": 5}},
                "responses": {"200": {"body": {"size": 6}, "headers": {"x-n": "many"}}}}"#,
        );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("spec.json");
    std::fs::write(&path, spec).unwrap();
    let api = load(&path, true);
    let examples = &op(&api).examples;
    assert_eq!(examples[0].skipped, None);
    let reason = examples[1].skipped.as_deref().unwrap_or_default();
    assert!(
        reason.contains("header `x-n`") && reason.contains("an integer"),
        "{reason}"
    );
    let options = tests::crate_options("things", "0.1.0", &path);
    let mut files = codegen::generate(&api, &options).unwrap();
    codegen::add_example_tests(&api, &options, &mut files).unwrap();
    let tests = &files.last().unwrap().contents;
    assert!(
        tests.contains(r#"support::check_response_header("x-n", &response.x_n, "12");"#),
        "{tests}"
    );
    // A typed format through its adapter, the example's header name compared without case.
    let bare: String = tests.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        bare.contains(
            "support::check_response_header(\"x-d\",&response.x_d.as_ref().map(\
             serde_with::ser::SerializeAsWrap::<time::OffsetDateTime,\
             things::runtime::formats::Rfc1123,>::new,),\"Sun,06Nov199408:49:37GMT\",);"
        ),
        "{tests}"
    );
    // `x-h` is not declared by the response: not compared.
    assert!(!tests.contains(r#"check_response_header("x-h""#), "{tests}");
}
