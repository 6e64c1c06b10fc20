//! Unit tests of the engine on the repository's specs; one fixture per rule is in
//! `tests/tests/diff.rs`.

use std::path::{Path, PathBuf};

use super::*;

fn spec(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(relative)
}

const SPECS: [&str; 3] = [
    "containerregistry/2019-08-15-preview.json",
    "containerregistry/2023-07-01.yaml",
    "docker-registry/v2.yaml",
];

#[test]
fn the_rule_table_in_the_docs_is_the_catalogue() {
    let docs = include_str!("mod.rs");
    let table: Vec<&str> = docs.lines().filter(|l| l.starts_with("//! | `")).collect();
    assert_eq!(table.len(), Rule::ALL.len(), "one row per rule");
    for (row, rule) in table.iter().zip(Rule::ALL) {
        let expected = format!(
            "//! | `{}` | {} | {} |",
            rule.id(),
            rule.severity().as_str(),
            rule.meaning().replace('|', "\\|")
        );
        assert_eq!(*row, expected);
    }
}

#[test]
fn rule_ids_are_unique_kebab_case_and_round_trip() {
    for (i, rule) in Rule::ALL.iter().enumerate() {
        let id = rule.id();
        assert!(
            id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
            "{id}"
        );
        assert_eq!(Rule::from_id(id), Some(*rule));
        assert!(!Rule::ALL[..i].iter().any(|r| r.id() == id), "{id} twice");
    }
    assert_eq!(Rule::from_id("no-such-rule"), None);
}

#[test]
fn a_spec_compared_with_itself_has_no_changes() {
    for s in SPECS {
        let api = crate::load_api(&spec(s)).unwrap();
        let report = diff(&api, &api);
        assert!(report.is_empty(), "{s}: {:#?}", report.changes);
        assert_eq!(report.summary.old_operations, api.operations.len());
        assert!(report.to_markdown().contains("No changes."));
    }
}

#[test]
fn baselines_round_trip_and_are_stable() {
    for s in SPECS {
        let api = crate::load_api(&spec(s)).unwrap();
        let surface = Surface::of(&api);
        let text = surface.to_baseline();
        assert_eq!(
            text,
            Surface::of(&api).to_baseline(),
            "{s}: not deterministic"
        );
        let back = Surface::from_baseline(&text, Path::new("b.json")).unwrap();
        assert_eq!(back, surface, "{s}");
        assert!(diff_surfaces(&back, &surface).is_empty());
        assert!(
            text.lines()
                .all(|l| l.len() <= baseline::WIDTH || !l.ends_with(['{', '['])),
            "{s}: an object that could be split is on a long line"
        );
    }
}

#[test]
fn reports_are_deterministic() {
    let old = crate::load_api(&spec(SPECS[0])).unwrap();
    let new = crate::load_api(&spec(SPECS[1])).unwrap();
    let a = diff(&old, &new);
    let b = diff(&old, &new);
    assert_eq!(a.to_json(), b.to_json());
    assert_eq!(a.to_markdown(), b.to_markdown());
    assert!(a.has_at_least(Severity::Breaking));
}

#[test]
fn severities_are_ordered() {
    assert!(Severity::Breaking > Severity::NonBreaking);
    assert!(Severity::NonBreaking > Severity::Info);
}

/// Unions are compared as Rust enums over their alternatives. (Written as baselines: the
/// lowering does not make unions from every format yet.)
#[test]
fn union_alternatives_are_enum_variants() {
    let surface = |variants: &str, discriminator: &str| {
        let text = format!(
            r##"{{"format": 1, "title": "U", "version": "1",
                "host": {{"template": "https://x", "use_scheme_prefix": false}},
                "operations": [],
                "models": [{{"name": "Pet", "rust_name": "Pet", "kind": "union",
                             "variants": [{variants}]{discriminator}, "pointer": "#/Pet"}}]}}"##
        );
        Surface::from_baseline(&text, Path::new("u.json")).unwrap()
    };
    let dog = r#"{"rust_name": "Dog", "type": "models::Dog", "discriminator_values": ["dog"]}"#;
    let cat = r#"{"rust_name": "Cat", "type": "models::Cat", "discriminator_values": ["cat"]}"#;
    let cat2 =
        r#"{"rust_name": "Cat", "type": "string", "discriminator_values": ["cat", "kitty"]}"#;
    let kind = r#", "discriminator": "kind""#;
    let rules = |old: &Surface, new: &Surface| -> Vec<&'static str> {
        diff_surfaces(old, new)
            .changes
            .iter()
            .map(|c| c.rule.id())
            .collect()
    };
    let base = surface(&format!("{dog}, {cat}"), kind);
    assert!(rules(&base, &base).is_empty());
    assert_eq!(rules(&base, &surface(dog, kind)), ["enum-value-removed"]);
    assert_eq!(rules(&surface(dog, kind), &base), ["enum-value-added"]);
    assert_eq!(
        rules(&base, &surface(&format!("{dog}, {cat2}"), kind)),
        ["model-type-changed", "discriminator-value-added"]
    );
    assert_eq!(
        rules(&base, &surface(&format!("{dog}, {cat}"), "")),
        ["discriminator-changed"]
    );
    let report = diff_surfaces(&base, &surface(dog, kind));
    assert_eq!(
        report.changes[0].rust_item.as_deref(),
        Some("models::Pet::Cat")
    );
}
