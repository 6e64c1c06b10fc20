//! Models and doc text.

use super::{fixture, has};

#[test]
fn renamed_and_optional_properties_get_serde_attributes() {
    let files = fixture();
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[serde(rename = "org.opencontainers.image.authors", default, skip_serializing_if = "::std::option::Option::is_none")] pub authors: ::std::option::Option<::std::string::String>,"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "/// The `name` property. pub name: ::std::string::String,"
    ));
}

#[test]
fn nullable_required_properties_are_options_that_are_always_sent() {
    let files = fixture();
    // No `skip_serializing_if`: sent as `null` when `None`.
    assert!(has(
        &files,
        "src/models.rs",
        "/// The `tags` property. pub tags: ::std::option::Option<::std::vec::Vec<::std::string::String>>,"
    ));
    // Read as `None` when absent (the map-only `Deserialize`: `emit/de_map.rs`).
    assert!(has(
        &files,
        "src/models.rs",
        "name: crate::runtime::de::required(f0, \"name\")?, tags: f1.unwrap_or_default(),"
    ));
}

#[test]
fn raw_identifiers_need_no_rename() {
    let files = fixture();
    assert!(has(
        &files,
        "src/models.rs",
        r#"#[serde(skip_serializing_if = "::std::option::Option::is_none")] pub r#type: ::std::option::Option<::std::string::String>,"#
    ));
    // Read under its wire name, `type`.
    assert!(has(
        &files,
        "src/models.rs",
        r#""type" => crate::runtime::de::put(&mut map, &mut f1, "type")?,"#
    ));
}

#[test]
fn recursive_properties_are_boxed() {
    assert!(has(
        &fixture(),
        "src/models.rs",
        "pub next: ::std::option::Option<::std::boxed::Box<Node>>,"
    ));
}

#[test]
fn additional_properties_are_a_flattened_map() {
    assert!(has(
        &fixture(),
        "src/models.rs",
        "#[serde(flatten)] pub additional_properties: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,"
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
        "#[serde(flatten)] pub additional_properties: ::serde_json::Map<::std::string::String, ::serde_json::Value>, } impl ::std::convert::TryFrom<V2Manifest> for Manifest"
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
        "#[serde(untagged)] pub enum Pet { /// `kind` is `pet`. Pet(::std::boxed::Box<PetBase>), /// `kind` is `dog`. Dog(::std::boxed::Box<Dog>),"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        r#"::std::option::Option::Some("dog") => { serde_json::from_value(value).map(|v| Pet::Dog(::std::boxed::Box::new(v))).map_err(serde::de::Error::custom) }"#
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "_ => ::std::result::Result::Ok(Pet::Unknown(value)),"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "impl ::std::convert::From<Dog> for Pet"
    ));
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
        "#[serde(untagged)] Other(::std::string::String),"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "if value == 1i64 { return ::std::result::Result::Ok(Level::One); }"
    ));
    assert!(has(
        &files,
        "src/models.rs",
        "pub type Names = ::std::vec::Vec<::std::string::String>;"
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
