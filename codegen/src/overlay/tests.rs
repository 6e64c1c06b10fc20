use std::path::Path;

use serde_json::{Value, json};

use super::*;
use crate::load::parse_text;

const FILE: &str = "specs/x.overlay.yaml";

fn overlay(yaml: &str) -> Result<Overlay> {
    let value = parse_text(yaml, Path::new(FILE))?;
    Overlay::parse(Path::new(FILE), value)
}

/// Applies `actions` (YAML list items) to `doc`; returns the document and the warnings.
fn applied(doc: Value, actions: &str) -> (Value, Vec<Warning>) {
    let mut doc = doc;
    let text = format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
    let overlay = overlay(&text).unwrap();
    let warnings = apply(&mut doc, &overlay).unwrap();
    (doc, warnings)
}

fn apply_error(doc: Value, actions: &str) -> Error {
    let mut doc = doc;
    let text = format!("overlay: 1.0.0\ninfo: {{title: t, version: '1'}}\nactions:\n{actions}");
    apply(&mut doc, &overlay(&text).unwrap()).unwrap_err()
}

#[test]
fn update_merges_objects_recursively_appends_arrays_and_replaces_primitives() {
    let doc = json!({
        "info": {"title": "old", "version": "1"},
        "paths": {"/a": {"get": {"produces": ["application/json"], "summary": "s", "x": 1}}}
    });
    let (doc, warnings) = applied(
        doc,
        r#"
  - target: $.paths['/a'].get
    update:
      produces: [application/vnd.oci.image.manifest.v1+json]
      summary: new
      description: added
  - target: $.info
    update: {title: new}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        doc,
        json!({
            "info": {"title": "new", "version": "1"},
            "paths": {"/a": {"get": {
                "produces": ["application/json", "application/vnd.oci.image.manifest.v1+json"],
                "summary": "new",
                "x": 1,
                "description": "added"
            }}}
        })
    );
    // Members keep their places; new ones come last.
    let keys: Vec<&String> = doc["paths"]["/a"]["get"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(keys, ["produces", "summary", "x", "description"]);
}

#[test]
fn update_of_an_array_appends_an_item_or_concatenates_an_array() {
    let doc = json!({"p": {"parameters": [{"name": "a"}]}, "q": {"parameters": []}});
    let (doc, _) = applied(
        doc,
        r#"
  - target: $.*.parameters
    update: {name: b, in: query}
  - target: $.p.parameters
    update: [{name: c}, {name: d}]
"#,
    );
    assert_eq!(
        doc,
        json!({
            "p": {"parameters": [{"name": "a"}, {"name": "b", "in": "query"}, {"name": "c"}, {"name": "d"}]},
            "q": {"parameters": [{"name": "b", "in": "query"}]}
        })
    );
}

#[test]
fn update_applies_to_every_selected_node_and_filters_work() {
    let doc = json!({"paths": {
        "/a": {"get": {"parameters": [{"name": "n", "in": "path"}, {"name": "q", "in": "query"}]}},
        "/b": {"get": {"parameters": [{"name": "n", "in": "path"}]}}
    }});
    let (doc, _) = applied(
        doc,
        r#"
  - target: $.paths.*.get.parameters[?@.in == 'path']
    update: {required: true}
"#,
    );
    assert_eq!(doc["paths"]["/a"]["get"]["parameters"][0]["required"], true);
    assert_eq!(doc["paths"]["/b"]["get"]["parameters"][0]["required"], true);
    assert!(
        doc["paths"]["/a"]["get"]["parameters"][1]
            .get("required")
            .is_none()
    );
}

#[test]
fn remove_takes_nodes_out_of_objects_and_arrays() {
    let doc = json!({
        "paths": {"/a": {}, "/b": {}, "/c": {}},
        "tags": [{"name": "x"}, {"name": "drop"}, {"name": "y"}, {"name": "drop"}]
    });
    let (doc, warnings) = applied(
        doc,
        r#"
  - target: $.paths['/b']
    remove: true
  - target: $.tags[?@.name == 'drop']
    remove: true
    update: {ignored: true}
"#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    let paths: Vec<&String> = doc["paths"].as_object().unwrap().keys().collect();
    assert_eq!(paths, ["/a", "/c"], "order is kept");
    assert_eq!(doc["tags"], json!([{"name": "x"}, {"name": "y"}]));
}

#[test]
fn remove_then_update_recreates_a_node() {
    let doc = json!({"definitions": {"Error": {"properties": {"data": {}}}}});
    let (doc, _) = applied(
        doc,
        r#"
  - target: $.definitions.Error
    remove: true
  - target: $.definitions
    update:
      Error: {properties: {errors: {type: array}}}
"#,
    );
    assert_eq!(
        doc,
        json!({"definitions": {"Error": {"properties": {"errors": {"type": "array"}}}}})
    );
}

#[test]
fn a_nested_selection_is_removed_once() {
    let doc = json!({"a": {"b": {"b": 1}}, "c": 2});
    let (doc, _) = applied(doc, "  - target: $..b\n    remove: true\n");
    assert_eq!(doc, json!({"a": {}, "c": 2}));
}

#[test]
fn an_action_that_selects_nothing_is_a_warning_naming_file_and_index() {
    let doc = json!({"paths": {}});
    let (after, warnings) = applied(
        doc.clone(),
        r#"
  - target: $.paths
    update: {}
  - target: $.paths['/missing'].get
    update: {summary: x}
"#,
    );
    assert_eq!(after, doc);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0].file, FILE);
    assert_eq!(warnings[0].pointer, "#/actions/1");
    assert!(warnings[0].message.contains("action 1"), "{warnings:?}");
    assert!(
        warnings[0].message.contains("$.paths['/missing'].get"),
        "{warnings:?}"
    );
}

#[test]
fn incompatible_updates_are_errors_at_their_pointer() {
    let doc = json!({"info": {"title": "t", "x": [1]}, "tags": ["a"]});
    let e = apply_error(
        doc.clone(),
        "  - target: $.info\n    update: {title: {a: 1}}\n",
    );
    assert_eq!(
        (e.kind, e.pointer.as_str()),
        (ErrorKind::Invalid, "#/actions/0/update/title")
    );
    assert_eq!(e.file, Path::new(FILE));
    assert!(e.message.contains("$['info']['title']"), "{e}");
    let e = apply_error(doc.clone(), "  - target: $.info\n    update: [1]\n");
    assert_eq!(e.pointer, "#/actions/0/update");
    assert!(e.message.contains("must be a mapping"), "{e}");
    let e = apply_error(doc.clone(), "  - target: $.info\n    update: {x: {a: 1}}\n");
    assert_eq!(e.pointer, "#/actions/0/update/x");
    let e = apply_error(doc.clone(), "  - target: $\n    remove: true\n");
    assert_eq!(e.pointer, "#/actions/0/target");
    // A primitive target is replaced by a primitive, and only by one.
    let (after, _) = applied(doc.clone(), "  - target: $.info.title\n    update: new\n");
    assert_eq!(after["info"]["title"], "new");
    let e = apply_error(doc, "  - target: $.info.title\n    update: {a: 1}\n");
    assert_eq!(e.pointer, "#/actions/0/update");
}

#[test]
fn malformed_overlays_are_errors_naming_the_pointer() {
    let cases = [
        (
            "info: {title: t, version: '1'}\nactions: []\n",
            "#",
            "`overlay` key",
        ),
        (
            "overlay: 2.0.0\ninfo: {title: t, version: '1'}\nactions: [{target: $, remove: true}]\n",
            "#/overlay",
            "unsupported Overlay Specification version `2.0.0`",
        ),
        (
            "overlay: 1.0.0\nactions: [{target: $, remove: true}]\n",
            "#",
            "`info`",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t}\nactions: [{target: $, remove: true}]\n",
            "#/info",
            "`info.version` is missing",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions: []\n",
            "#/actions",
            "at least one",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: $.a, update: {}}\n  - {update: {}}\n",
            "#/actions/1",
            "`target`",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: '$.paths[', update: {}}\n",
            "#/actions/0/target",
            "not an RFC 9535 JSONPath query",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: 'paths', update: {}}\n",
            "#/actions/0/target",
            "not an RFC 9535 JSONPath query",
        ),
        (
            "overlay: 1.0.0\ninfo: {title: t, version: '1'}\nactions:\n  - {target: $, remove: 'yes'}\n",
            "#/actions/0/remove",
            "true or false",
        ),
    ];
    for (text, pointer, fragment) in cases {
        let e = overlay(text).unwrap_err();
        assert_eq!(e.pointer, pointer, "{text}: {e}");
        assert_eq!(e.file, Path::new(FILE));
        assert!(e.message.contains(fragment), "{text}: {e}");
    }
    // A YAML syntax error has its line and column.
    let e = overlay("overlay: 1.0.0\ninfo: {title: t\nactions: x\n").unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax, "{e}");
    assert!(e.line_col.is_some(), "{e}");
}

#[test]
fn unknown_keys_and_empty_actions_are_warnings() {
    let o = overlay(
        "overlay: 1.0.1\ninfo: {title: t, version: '1', x-a: 1}\nextends: ./v2.yaml\nactions:\n  - {target: $.a, updates: {}}\n",
    )
    .unwrap();
    let pointers: Vec<&str> = o.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["#/actions/0", "#/actions/0/updates"]);
    assert_eq!(o.actions[0].change, Change::Nothing);
}

#[test]
fn versions() {
    for good in ["1.0.0", "1.0.1", "1.0.12"] {
        assert!(is_version_1_0(good), "{good}");
    }
    for bad in ["1.0", "1.1.0", "1.0.x", "1.0.", "2.0.0", ""] {
        assert!(!is_version_1_0(bad), "{bad}");
    }
}
