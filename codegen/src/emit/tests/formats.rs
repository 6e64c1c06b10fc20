//! Typed formats: Rust types, adapters and the crate's `formats` module and dependencies.

use super::{fixture, has, render};
use crate::emit::fixtures;
use crate::ir::*;

fn formatted(format: Format) -> TypeRef {
    TypeRef::Formatted { format }
}

fn property(name: &str, ty: TypeRef, required: bool) -> Property {
    Property {
        name: name.into(),
        client_name: name.into(),
        rust_name: name.into(),
        ty,
        required,
        nullable: false,
        read_only: false,
        recursive: false,
        description: None,
        default: None,
        xml: None,
        flatten: false,
    }
}

/// The fixture with a `Stamped` model holding formats in every shape, and `Chain`, an alias
/// of arrays of itself.
fn api() -> Api {
    let mut api = fixtures::api();
    api.models.push(Model {
        name: "Stamped".into(),
        rust_name: "Stamped".into(),
        description: None,
        kind: ModelKind::Struct(StructModel {
            properties: vec![
                property("when", formatted(Format::DateTime), true),
                property("day", formatted(Format::Date), false),
                property(
                    "blobs",
                    TypeRef::Map {
                        values: Box::new(TypeRef::Array {
                            items: Box::new(formatted(Format::Byte)),
                        }),
                    },
                    true,
                ),
                property("id", formatted(Format::Uuid), true),
                property("chain", fixtures::model_ref("Chain"), false),
            ],
            additional_properties: None,
            parents: vec![],
            children: vec![],
            discriminator: None,
            discriminator_value: None,
            nullable: false,
            flattened: Default::default(),
        }),
        xml: None,
        pointer: "#/definitions/Stamped".into(),
    });
    api.models.push(Model {
        name: "When".into(),
        rust_name: "When".into(),
        description: None,
        kind: ModelKind::Union(UnionModel {
            variants: vec![
                UnionVariant {
                    rust_name: "Instant".into(),
                    ty: formatted(Format::DateTime),
                    discriminator_values: vec![],
                },
                UnionVariant {
                    rust_name: "Text".into(),
                    ty: fixtures::string(),
                    discriminator_values: vec![],
                },
            ],
            discriminator: None,
            exclusive: true,
        }),
        xml: None,
        pointer: "#/definitions/When".into(),
    });
    api.models.push(Model {
        name: "Chain".into(),
        rust_name: "Chain".into(),
        description: None,
        kind: ModelKind::Alias {
            ty: TypeRef::Array {
                items: Box::new(fixtures::model_ref("Chain")),
            },
        },
        xml: None,
        pointer: "#/definitions/Chain".into(),
    });
    api
}

#[test]
fn formatted_properties_are_typed_and_written_by_their_adapters() {
    let files = render(&api());
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[serde(with = "::serde_with::As::<crate::runtime::formats::Rfc3339>")] pub when: ::time::OffsetDateTime,"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        r#"with = "::serde_with::As::<::std::option::Option<crate::runtime::formats::Date>>")] pub day: ::std::option::Option<::time::Date>,"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[serde(with = "::serde_with::As::<::std::collections::BTreeMap<::serde_with::Same, ::std::vec::Vec<crate::runtime::formats::Base64>>>")]"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[serde(with = "::serde_with::As::<crate::runtime::formats::Uuid>")] pub id: ::uuid::Uuid,"#
    ));
    // A date has no `Default`: the struct derives none (and its `Deserialize` is map-only).
    assert!(has(
        &files,
        "src/models.rs",
        "#[derive(Debug, Clone, PartialEq, serde::Serialize)] pub struct Stamped {"
    ));
    // Reading goes through the same adapters.
    assert!(has(
        &files,
        "src/models.rs",
        r#""when" => { crate::runtime::formats::put_as::<crate::runtime::formats::Rfc3339, _, _>(&mut map, &mut f0, "when")? }"#
    ));
}

#[test]
fn a_formatted_alternative_of_an_untagged_union_has_its_adapter() {
    let files = render(&api());
    assert!(has(
        &files,
        "src/models.rs",
        r#"Instant(#[serde(with = "::serde_with::As::<::std::boxed::Box<crate::runtime::formats::Rfc3339>>")] ::std::boxed::Box<::time::OffsetDateTime>),"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "Text(::std::boxed::Box<::std::string::String>),"
    ));
}

#[test]
fn an_alias_of_itself_has_no_adapter_and_ends_the_search() {
    let files = render(&api());
    assert!(has(
        &files,
        "src/models.rs",
        "pub chain: ::std::option::Option<Chain>,"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "pub struct Chain(pub ::std::vec::Vec<Chain>);"
    ));
}

#[test]
fn the_formats_module_and_its_crates_come_only_with_formats() {
    let files = render(&api());
    // The adapters are the runtime crate's: its features, not files of the crate.
    assert!(!files.keys().any(|p| p.starts_with("src/formats/")));
    assert!(!has(&files, "src/lib.rs", "pub mod formats;"));
    let manifest = &files["Cargo.toml"];
    assert!(
        manifest.contains(r#"features = ["base64", "dates", "digest", "formats", "uuid-format"]"#),
        "{manifest}"
    );
    let manifest = &files["Cargo.toml"];
    for line in ["time = ", "serde_with = "] {
        assert!(manifest.contains(line), "{line}\n{manifest}");
    }
    // `base64` is the runtime's business: the generated code never names it.
    assert!(!manifest.contains("\nbase64 = "), "{manifest}");
    assert!(!manifest.contains("jiff"), "{manifest}");

    let plain = fixture();
    assert!(!plain.keys().any(|p| p.starts_with("src/formats/")));
    assert!(!has(&plain, "src/lib.rs", "pub mod formats;"));
    for line in ["time = ", "base64 = ", "serde_with = ", "jiff = "] {
        assert!(!plain["Cargo.toml"].contains(line), "{line}");
    }
}

/// The formats found by searching the IR's JSON for `{"type": "formatted", "format": ..}`
/// (how `formats::used` worked before its typed walk): an oracle that cannot forget a field.
fn used_by_json(api: &Api) -> std::collections::BTreeSet<&'static str> {
    fn collect(value: &serde_json::Value, out: &mut std::collections::BTreeSet<&'static str>) {
        match value {
            serde_json::Value::Object(map) => {
                if map.get("type").and_then(|t| t.as_str()) == Some("formatted")
                    && let Some(format) = map.get("format").and_then(|f| f.as_str())
                    && let Some(format) = Format::of_string(format).or(Format::of_integer(format))
                {
                    out.insert(format.name());
                }
                map.values().for_each(|v| collect(v, out));
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
            _ => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    collect(&serde_json::to_value(api).unwrap(), &mut out);
    out
}

#[test]
fn the_typed_walk_finds_the_formats_the_json_search_finds() {
    assert_eq!(
        crate::emit::formats::used(&api()),
        ["byte", "date", "date-time", "uuid"].into()
    );
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut specs = Vec::new();
    for dir in ["specs", "tests/fixtures"] {
        let mut stack = vec![root.join(dir)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "json" || e == "yaml") {
                    specs.push(path);
                }
            }
        }
    }
    let mut typed = 0;
    for spec in specs {
        // Fixtures of bad input, overlays and example files do not load as APIs.
        let Ok(api) = crate::load_api(&spec) else {
            continue;
        };
        let found = crate::emit::formats::used(&api);
        assert_eq!(found, used_by_json(&api), "{}", spec.display());
        typed += usize::from(!found.is_empty());
    }
    assert!(typed >= 10, "only {typed} specs use a typed format");
}
