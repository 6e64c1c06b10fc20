//! Adversarial specifications of any size, built in memory: the robustness tests
//! (`tests/tests/adversarial.rs`) and the ladder benchmark (`benches/ladders.sh`, through the
//! `ladder` binary) use the same shapes.
//!
//! Every shape is a Swagger 2.0 document with one operation whose response is the deepest (or
//! last) model, so that lowering has to reach everything.

use serde_json::{Map, Value, json};

/// The shapes, by the names the `ladder` binary takes.
pub const SHAPES: &[&str] = &["chain", "all-of", "diamond", "aliases", "wide"];

/// The document of `shape` at size `n` (`None` for an unknown shape).
pub fn spec(shape: &str, n: usize) -> Option<Value> {
    Some(match shape {
        "chain" => chain(n),
        "all-of" => all_of(n),
        "diamond" => diamond(n),
        "aliases" => aliases(n),
        "wide" => wide(n),
        _ => return None,
    })
}

/// `n` models, each holding the next by value (`M0.next: M1`, ...): a by-value chain.
pub fn chain(n: usize) -> Value {
    let mut definitions = Map::new();
    for i in 0..n {
        let mut properties = json!({"name": {"type": "string"}});
        if i + 1 < n {
            properties["next"] = json!({"$ref": format!("#/definitions/M{}", i + 1)});
        }
        definitions.insert(
            format!("M{i}"),
            json!({"type": "object", "properties": properties}),
        );
    }
    document("M0", definitions, Map::new())
}

/// `n` levels of `allOf` inheritance (`M1` inherits `M0`, ...), each adding one property. The
/// children come first, so that lowering the first definition has to reach every ancestor.
pub fn all_of(n: usize) -> Value {
    let mut definitions = Map::new();
    for i in (1..n).rev() {
        definitions.insert(
            format!("M{i}"),
            json!({
                "allOf": [{"$ref": format!("#/definitions/M{}", i - 1)}],
                "properties": {format!("p{i}"): {"type": "string"}}
            }),
        );
    }
    definitions.insert(
        "M0".to_owned(),
        json!({"type": "object", "properties": {"p0": {"type": "string"}}}),
    );
    document(&format!("M{}", n.max(1) - 1), definitions, Map::new())
}

/// `levels` levels of two models each, every model inheriting (`allOf`) both models of the level
/// above: 2^levels paths from the bottom to the root. The root is polymorphic (a discriminator),
/// every other model one of its kinds.
pub fn diamond(levels: usize) -> Value {
    let mut definitions = Map::new();
    for side in ["A", "B"] {
        definitions.insert(
            format!("L0{side}"),
            json!({
                "type": "object",
                "discriminator": "kind",
                "required": ["kind"],
                "properties": {"kind": {"type": "string"}}
            }),
        );
    }
    // The bottom first, so that lowering the first definition has to reach every ancestor.
    for level in (1..levels).rev() {
        for side in ["A", "B"] {
            definitions.insert(
                format!("L{level}{side}"),
                json!({
                    "allOf": [
                        {"$ref": format!("#/definitions/L{}A", level - 1)},
                        {"$ref": format!("#/definitions/L{}B", level - 1)}
                    ],
                    "x-ms-discriminator-value": format!("application/vnd.l{level}{side}+json")
                }),
            );
        }
    }
    document(&format!("L{}A", levels.max(1) - 1), definitions, Map::new())
}

/// `n` schemas, each a `$ref` to the one before (`A1: {$ref: A0}`), `A0` a string.
pub fn aliases(n: usize) -> Value {
    let mut definitions = Map::new();
    definitions.insert("A0".to_owned(), json!({"type": "string"}));
    for i in 1..n {
        definitions.insert(
            format!("A{i}"),
            json!({"$ref": format!("#/definitions/A{}", i - 1)}),
        );
    }
    document(&format!("A{}", n.max(1) - 1), definitions, Map::new())
}

/// `n` operations, each with a path parameter, a body model and a response model of its own.
pub fn wide(n: usize) -> Value {
    let mut definitions = Map::new();
    let mut paths = Map::new();
    for i in 0..n {
        definitions.insert(
            format!("Item{i}"),
            json!({"type": "object", "properties": {
                "id": {"type": "string"},
                "size": {"type": "integer", "format": "int64"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "state": {"type": "string", "enum": ["on", "off"]}
            }}),
        );
        paths.insert(
            format!("/items{i}/{{id}}"),
            json!({"put": {
                "operationId": format!("Items{i}_Put"),
                "parameters": [
                    {"name": "id", "in": "path", "required": true, "type": "string"},
                    {"name": "body", "in": "body", "schema": {"$ref": format!("#/definitions/Item{i}")}}
                ],
                "responses": {"200": {"description": "ok", "schema": {"$ref": format!("#/definitions/Item{i}")}}}
            }}),
        );
    }
    document("Item0", definitions, paths)
}

fn document(start: &str, definitions: Map<String, Value>, mut paths: Map<String, Value>) -> Value {
    if paths.is_empty() {
        paths.insert(
            "/start".to_owned(),
            json!({"get": {
                "operationId": "Start_Get",
                "produces": ["application/json"],
                "responses": {"200": {"description": "ok", "schema": {"$ref": format!("#/definitions/{start}")}}}
            }}),
        );
    }
    json!({
        "swagger": "2.0",
        "info": {"title": "Ladder", "version": "1"},
        "host": "example.com",
        "schemes": ["https"],
        "paths": paths,
        "definitions": definitions
    })
}
