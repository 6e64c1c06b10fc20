//! Errors and warnings name the file that holds the node, its JSON pointer in that file, and its
//! line and column, in JSON and in YAML, also when the node is in a file reached by `$ref`.

use std::path::Path;

const ROOT_YAML: &str = "swagger: '2.0'
info: {title: t, version: '1'}
host: example.com
paths:
  /a:
    get:
      operationId: Get
      responses:
        '200':
          description: ok
          schema:
            $ref: 'models.json#/definitions/Pet'
";

const MODELS_JSON: &str = r##"{
  "definitions": {
    "Pet": {
      "type": "object",
      "properties": {
        "name": {"type": "string", "frobnicate": true},
        "age": {"type": "array", "items": 7}
      }
    }
  }
}"##;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_error_in_a_referenced_file_names_that_file_pointer_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let root = write(dir.path(), "api.yaml", ROOT_YAML);
    let models = write(dir.path(), "models.json", MODELS_JSON);
    let e = codegen::load_api(&root).unwrap_err();
    assert_eq!(e.file, models, "{e}");
    assert_eq!(e.pointer, "#/definitions/Pet/properties/age/items", "{e}");
    assert_eq!(e.line_col, Some((7, 34)), "{e}");
    assert!(
        e.to_string().starts_with(&format!(
            "{}:7:34: at #/definitions/Pet/properties/age/items: ",
            models.display()
        )),
        "{e}"
    );
}

#[test]
fn an_error_in_yaml_has_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = ROOT_YAML.replace(
        "            $ref: 'models.json#/definitions/Pet'\n",
        "            type: object\n            properties:\n              n:\n                type: [7]\n                items: 3\n              m:\n                type: array\n                items: 3\n",
    );
    let root = write(dir.path(), "api.yaml", &text);
    let e = codegen::load_api(&root).unwrap_err();
    assert_eq!(e.file, root, "{e}");
    assert_eq!(
        e.pointer, "#/paths/~1a/get/responses/200/schema/properties/m/items",
        "{e}"
    );
    assert_eq!(e.line_col, Some((19, 17)), "{e}");
}

#[test]
fn warnings_are_shown_with_file_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let root = write(dir.path(), "api.yaml", ROOT_YAML);
    let models = write(
        dir.path(),
        "models.json",
        // A malformed `type` is a warning, not an error: the schema is read without it.
        &MODELS_JSON.replace("{\"type\": \"array\", \"items\": 7}", "{\"type\": 7}"),
    );
    let api = codegen::load_api(&root).unwrap();
    let shown = codegen::describe_warnings(&api.warnings);
    for expected in [
        "6:36: at #/definitions/Pet/properties/name/frobnicate: ",
        "7:17: at #/definitions/Pet/properties/age/type: `type` must be a string or an array of strings, found a number",
    ] {
        let expected = format!("{}:{expected}", codegen::display_path(&models));
        assert!(shown.iter().any(|w| w.starts_with(&expected)), "{shown:#?}");
    }
}
