//! Models and doc text.

use super::{fixture, has};

#[test]
fn renamed_and_optional_properties_get_serde_attributes() {
    let files = fixture();
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[serde(rename = "org.opencontainers.image.authors", default, skip_serializing_if = "Option::is_none")] pub authors: Option<String>,"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "/// The `name` property. pub name: String,"
    ));
}

#[test]
fn nullable_required_properties_are_options_that_are_always_sent() {
    assert!(has(
        &fixture(),
        "src/models.rs",
        "#[serde(default)] pub tags: Option<Vec<String>>,"
    ));
}

#[test]
fn raw_identifiers_need_no_rename() {
    assert!(has(
        &fixture(),
        "src/models.rs",
        r#"#[serde(default, skip_serializing_if = "Option::is_none")] pub r#type: Option<String>,"#
    ));
}

#[test]
fn recursive_properties_are_boxed() {
    assert!(has(
        &fixture(),
        "src/models.rs",
        "pub next: Option<Box<Node>>,"
    ));
}

#[test]
fn additional_properties_are_a_flattened_map() {
    assert!(has(
        &fixture(),
        "src/models.rs",
        "#[serde(flatten)] pub additional_properties: std::collections::BTreeMap<String, serde_json::Value>,"
    ));
}

#[test]
fn bases_without_a_discriminator_keep_unknown_properties_and_convert_from_children() {
    let files = fixture();
    assert!(has(
        &files,
        "src/models.rs",
        "pub struct Manifest { /// The `schemaVersion` property."
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "#[serde(flatten)] pub additional_properties: serde_json::Map<String, serde_json::Value>, } impl TryFrom<V2Manifest> for Manifest"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)] pub struct V2Manifest"
    ));
}

#[test]
fn discriminated_bases_are_enums_over_their_children() {
    let files = fixture();
    assert!(has(
        &files,
        "src/models.rs",
        "#[serde(untagged)] pub enum Pet { /// `kind` is `pet`. Pet(Box<PetBase>), /// `kind` is `dog`. Dog(Box<Dog>),"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        r#"Some("dog") => { serde_json::from_value(value).map(|v| Pet::Dog(Box::new(v))).map_err(serde::de::Error::custom) }"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "_ => Ok(Pet::Unknown(value)),"
    ));
    assert!(has(&files, "src/models.rs", "impl From<Dog> for Pet"));
}

#[test]
fn enums_are_closed_open_or_compared_as_json() {
    let files = fixture();
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)] pub enum State { /// The value `ok`. #[serde(rename = "ok")] Ok,"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "#[serde(untagged)] Other(String),"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "if value == 1i64 { return Ok(Level::One); }"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "pub type Names = Vec<String>;"
    ));
}

#[test]
fn spec_text_in_docs_is_made_rustdoc_safe() {
    let files = fixture();
    assert!(
        files["src/lib.rs"].contains(r"//! A registry: see <https://example.com> \[v2\] \<docs>.")
    );
    assert!(files["src/models.rs"].contains(r"/// Still \<running>."));
}
