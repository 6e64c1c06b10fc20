//! Adversarial structure: documents built in the test (`tests::ladders`), lowered and generated
//! on a thread with a normal 2 MiB stack (the default of spawned threads), so that a stack
//! overflow shows here, not only on a bigger main thread. Each case ends in a clean result or a
//! clean error naming the file, the pointer, the line and column, and the limit.
//!
//! Speed is the benchmark's business (`benches/ladders.sh`); these tests only have to finish.

use std::path::{Path, PathBuf};

use codegen::{ErrorKind, MAX_DEPTH, Result};
use serde_json::Value;

const STACK: usize = 2 << 20;

/// Runs `f` on a thread with a 2 MiB stack.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(STACK)
        .spawn(f)
        .expect("a thread")
        .join()
        .expect("no panic")
}

/// Writes `doc` as `name` in a fresh temporary directory.
fn write(doc: &Value, name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    (dir, path)
}

/// Lowers and generates the document at `path` on a small stack: the number of models, or the
/// error.
fn generate(path: &Path) -> Result<usize> {
    let path = path.to_owned();
    on_small_stack(move || {
        let api = codegen::load_api(&path)?;
        let options = tests::crate_options("ladder", "0.1.0", &path);
        codegen::generate(&api, &options)?;
        Ok(api.models.len())
    })
}

#[test]
fn a_long_chain_of_models_held_by_value_is_generated() {
    let n = 5_000;
    let (_dir, path) = write(&tests::ladders::chain(n), "chain.json");
    assert_eq!(generate(&path).unwrap(), n);
    let api = codegen::load_api(&path).unwrap();
    // Every link is a plain by-value field (nothing loops back).
    let last_but_one = tests::struct_model(&api, &format!("M{}", n - 2));
    let next = last_but_one
        .properties
        .iter()
        .find(|p| p.name == "next")
        .unwrap();
    assert!(!next.recursive);
    assert!(
        matches!(&next.ty, codegen::ir::TypeRef::Model { name } if *name == format!("M{}", n - 1))
    );
}

#[test]
fn a_chain_that_loops_back_is_boxed_once() {
    let n = 3_000;
    let mut doc = tests::ladders::chain(n);
    doc["definitions"][format!("M{}", n - 1)]["properties"]["next"] =
        serde_json::json!({"$ref": "#/definitions/M0"});
    let (_dir, path) = write(&doc, "loop.json");
    assert_eq!(generate(&path).unwrap(), n);
    let api = codegen::load_api(&path).unwrap();
    let recursive: Vec<&str> = api
        .models
        .iter()
        .filter_map(|m| match &m.kind {
            codegen::ir::ModelKind::Struct(s) => Some(s),
            _ => None,
        })
        .flat_map(|s| s.properties.iter().filter(|p| p.recursive))
        .map(|p| p.name.as_str())
        .collect();
    // Every `next` closes the cycle M0 -> ... -> M0.
    assert_eq!(recursive.len(), n);
}

#[test]
fn all_of_inheritance_up_to_the_limit_is_generated() {
    let (_dir, path) = write(&tests::ladders::all_of(MAX_DEPTH), "inherit.json");
    assert_eq!(generate(&path).unwrap(), MAX_DEPTH);
    let api = codegen::load_api(&path).unwrap();
    let last = tests::struct_model(&api, &format!("M{}", MAX_DEPTH - 1));
    assert_eq!(last.properties.len(), MAX_DEPTH);
}

#[test]
fn all_of_inheritance_past_the_limit_is_an_error_naming_it() {
    for n in [MAX_DEPTH + 1, 3_000] {
        let (_dir, path) = write(&tests::ladders::all_of(n), "inherit.json");
        let e = generate(&path).unwrap_err();
        assert_eq!(e.kind, ErrorKind::TooDeep, "{e}");
        assert_eq!(e.file, path);
        // The schema that would go one level deeper, where the document defines it.
        assert!(e.pointer.starts_with("#/definitions/M"), "{e}");
        assert!(e.line_col.is_some(), "{e}");
        assert!(e.message.contains(&MAX_DEPTH.to_string()), "{e}");
    }
}

#[test]
fn a_deep_diamond_is_walked_once_per_model() {
    // 2^40 paths from the bottom to the root: anything that walks paths instead of models never
    // finishes.
    let levels = 40;
    let (_dir, path) = write(&tests::ladders::diamond(levels), "diamond.json");
    assert_eq!(generate(&path).unwrap(), 2 * levels);
    let api = codegen::load_api(&path).unwrap();
    // Each media type named by a kind is offered once, then the operation's own.
    let produces = &tests::op(&api, "Start_Get").produces;
    assert_eq!(produces.len(), 2 * (levels - 1) + 1, "{produces:?}");
    let bottom = format!("application/vnd.l{}A+json", levels - 1);
    assert!(produces.contains(&bottom), "{produces:?}");
    assert_eq!(
        produces.last().map(String::as_str),
        Some("application/json")
    );
}

#[test]
fn a_long_alias_chain_ends_at_its_type() {
    let n = 20_000;
    let (_dir, path) = write(&tests::ladders::aliases(n), "aliases.json");
    assert_eq!(generate(&path).unwrap(), n);
    let api = codegen::load_api(&path).unwrap();
    let last = tests::model(&api, &format!("A{}", n - 1));
    assert!(
        matches!(&last.kind, codegen::ir::ModelKind::Alias { ty: codegen::ir::TypeRef::Model { name } } if name == "A0"),
        "{:?}",
        last.kind
    );
}

#[test]
fn deeply_nested_text_is_a_clean_error_in_json_and_yaml() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 100_000;
    let json = dir.path().join("deep.json");
    std::fs::write(
        &json,
        format!(
            "{{\"swagger\": \"2.0\", \"x\": {}{}}}",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    )
    .unwrap();
    let yaml = dir.path().join("deep.yaml");
    std::fs::write(
        &yaml,
        format!(
            "swagger: '2.0'\nx: {}{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        ),
    )
    .unwrap();
    for path in [json, yaml] {
        let e = generate(&path).unwrap_err();
        assert!(
            matches!(e.kind, ErrorKind::Syntax | ErrorKind::Invalid),
            "{e}"
        );
        assert_eq!(e.file, path);
        assert!(e.line_col.is_some(), "{e}");
    }
}

#[test]
fn nested_array_types_up_to_the_limit_are_emitted_and_deeper_ones_are_an_error() {
    let grid = |depth: usize| {
        let mut items = serde_json::json!({"type": "string"});
        for _ in 0..depth {
            items = serde_json::json!({"type": "array", "items": items});
        }
        let mut doc = tests::ladders::chain(1);
        doc["definitions"]["M0"]["properties"]["grid"] = items;
        write(&doc, "grid.json")
    };
    let (_dir, path) = grid(codegen::MAX_TYPE_DEPTH);
    assert_eq!(generate(&path).unwrap(), 1);
    // As deep as the JSON parser allows (128 levels of nesting: 60 arrays of arrays).
    let (_dir, path) = grid(60);
    let e = generate(&path).unwrap_err();
    assert_eq!(e.kind, ErrorKind::TooDeep, "{e}");
    assert_eq!(
        (e.file.as_path(), e.pointer.as_str()),
        (path.as_path(), "#/definitions/M0/properties/grid")
    );
    assert!(e.line_col.is_some(), "{e}");
    assert!(e.message.contains("the limit is 32"), "{e}");
}

#[test]
fn a_wide_document_is_generated() {
    let n = 500;
    let (_dir, path) = write(&tests::ladders::wide(n), "wide.json");
    // Each operation's model, and the inline enum they share (the same schema text).
    assert_eq!(generate(&path).unwrap(), n + 1);
}
