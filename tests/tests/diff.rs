//! `codegen::diff`: the ACR spec against its upstream revision (counts checked against the raw
//! JSON, reports snapshotted), one fixture pair per rule (`tests/fixtures/diff/<rule>/`), and the
//! `cargo xtask diff` command's exit codes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::diff::{self, Report, Rule, Severity};
use serde_json::Value;

fn acr_old() -> PathBuf {
    tests::workspace_root().join("specs/containerregistry/2019-08-15-preview.json")
}

fn acr_new() -> PathBuf {
    tests::workspace_root().join(
        "tests/data/upstream/containerregistry-2019-08-15-preview@2021-06/containerregistry.json",
    )
}

fn load(path: &Path) -> codegen::ir::Api {
    codegen::load_api(path).unwrap_or_else(|e| panic!("{e}"))
}

fn acr_report() -> Report {
    diff::diff(&load(&acr_old()), &load(&acr_new()))
        .with_sources(tests::display(&acr_old()), tests::display(&acr_new()))
}

/// The operations of a Swagger 2.0 document, read straight from its JSON (not through the IR):
/// `(method, path with placeholders emptied, x-ms-paths query, operationId, path as written)`.
fn raw_operations(path: &Path) -> Vec<(String, String, String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut out = Vec::new();
    for section in ["paths", "x-ms-paths"] {
        let Some(paths) = doc[section].as_object() else {
            continue;
        };
        for (key, item) in paths {
            let (template, query) = key.split_once('?').unwrap_or((key, ""));
            let mut normalized = String::new();
            let mut inside = false;
            for c in template.chars() {
                match c {
                    '{' => inside = true,
                    '}' => {
                        inside = false;
                        normalized.push_str("{}");
                    }
                    _ if inside => {}
                    c => normalized.push(c),
                }
            }
            for (method, op) in item.as_object().unwrap() {
                if ["get", "put", "post", "delete", "patch", "head", "options"]
                    .contains(&method.as_str())
                {
                    out.push((
                        method.to_uppercase(),
                        normalized.clone(),
                        query.to_string(),
                        op["operationId"].as_str().unwrap_or_default().to_string(),
                        template.to_string(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn acr_upstream_counts_match_the_raw_documents() {
    let (old, new) = (raw_operations(&acr_old()), raw_operations(&acr_new()));
    let key =
        |o: &(String, String, String, String, String)| (o.0.clone(), o.1.clone(), o.2.clone());
    let removed: Vec<_> = old
        .iter()
        .filter(|o| !new.iter().any(|n| key(n) == key(o)))
        .collect();
    let added: Vec<_> = new
        .iter()
        .filter(|n| !old.iter().any(|o| key(n) == key(o)))
        .collect();
    let renamed = old
        .iter()
        .filter(|o| new.iter().any(|n| key(n) == key(o) && n.3 != o.3))
        .count();
    // Independently of the IR: 29 -> 28 operations, one removed, none added, all others renamed.
    assert_eq!((old.len(), new.len()), (29, 28));
    assert_eq!(removed.len(), 1);
    assert_eq!(
        (removed[0].0.as_str(), removed[0].4.as_str()),
        ("GET", "/oauth2/token")
    );
    assert!(added.is_empty());
    assert_eq!(renamed, 28);

    let report = acr_report();
    let s = &report.summary;
    assert_eq!((s.old_operations, s.new_operations), (29, 28));
    assert_eq!(
        (
            s.removed_operations,
            s.added_operations,
            s.renamed_operations
        ),
        (1, 0, 28)
    );
    let gone = &report.operations.removed[0].operation;
    assert_eq!(
        (
            gone.method.as_str(),
            gone.path.as_str(),
            gone.operation_id.as_str()
        ),
        ("GET", "/oauth2/token", "AccessTokens_GetFromLogin")
    );
    assert_eq!(gone.rust_item, "access_tokens().get_from_login(..)");
    assert_eq!(report.by_rule(Rule::OperationRenamed).count(), 28);

    // `_manifests/{reference}` became `_manifests/{digest}`: the same endpoints, renamed.
    let manifest_renames: Vec<_> = report
        .operations
        .renamed
        .iter()
        .filter(|r| r.old_path.as_deref() == Some("/acr/v1/{name}/_manifests/{reference}"))
        .collect();
    assert_eq!(manifest_renames.len(), 2);
    assert!(
        manifest_renames
            .iter()
            .all(|r| r.path == "/acr/v1/{name}/_manifests/{digest}")
    );
    assert_eq!(report.by_rule(Rule::PathParameterRenamed).count(), 2);

    // The example from the issue: a method renamed and moved to another sub-client.
    let upload = report
        .operations
        .renamed
        .iter()
        .find(|r| r.old == "Blob_Upload")
        .unwrap();
    assert_eq!(upload.new, "ContainerRegistryBlob_UploadChunk");
    assert_eq!(upload.old_rust_item, "blob().upload(..)");
    assert_eq!(
        upload.new_rust_item,
        "container_registry_blob().upload_chunk(..)"
    );

    // Model changes.
    for rule in [
        Rule::ModelRemoved,
        Rule::ModelAdded,
        Rule::ModelPropertyAddedOptional,
        Rule::ModelPropertyRemoved,
        Rule::ModelPropertyTypeChanged,
        Rule::ModelPropertyBecameRequired,
        Rule::ModelPropertyClientNameChanged,
        Rule::EnumValueRemoved,
    ] {
        assert!(
            report.by_rule(rule).count() > 0,
            "{} did not fire",
            rule.id()
        );
    }
    assert!(report.has_at_least(Severity::Breaking));
    assert_eq!(
        report.summary.breaking,
        report
            .changes
            .iter()
            .filter(|c| c.severity == Severity::Breaking)
            .count()
    );
}

#[test]
fn acr_upstream_markdown() {
    insta::assert_snapshot!("acr_upstream_markdown", acr_report().to_markdown());
}

#[test]
fn acr_upstream_json() {
    let json: Value = serde_json::from_str(&acr_report().to_json()).unwrap();
    // The documented shape.
    for key in ["operations", "changes", "summary"] {
        assert!(json.get(key).is_some(), "no `{key}`");
    }
    let removed = &json["operations"]["removed"][0];
    for key in ["method", "path", "operation_id"] {
        assert!(removed[key].is_string(), "removed[].{key}");
    }
    let renamed = &json["operations"]["renamed"][0];
    for key in ["method", "path", "old", "new"] {
        assert!(renamed[key].is_string(), "renamed[].{key}");
    }
    let change = &json["changes"][0];
    for key in ["rule", "severity", "message"] {
        assert!(change[key].is_string(), "changes[].{key}");
    }
    for key in ["breaking", "non-breaking", "info"] {
        assert!(json["summary"][key].is_u64(), "summary.{key}");
    }
    insta::assert_json_snapshot!("acr_upstream_json", json);
}

/// Every rule and the severity it must report, pinned here independently of the catalogue.
const EXPECTED: &[(&str, &str)] = &[
    ("host-template-changed", "breaking"),
    ("host-base-path-changed", "breaking"),
    ("operation-added", "non-breaking"),
    ("operation-removed", "breaking"),
    ("operation-renamed", "breaking"),
    ("operation-id-changed", "info"),
    ("operation-rust-name-changed", "breaking"),
    ("operation-moved", "breaking"),
    ("operation-deprecation-changed", "info"),
    ("operation-paging-changed", "breaking"),
    ("operation-became-long-running", "breaking"),
    ("operation-no-longer-long-running", "breaking"),
    ("long-running-result-type-changed", "breaking"),
    ("long-running-final-state-changed", "info"),
    ("parameter-added-required", "breaking"),
    ("parameter-added-optional", "non-breaking"),
    ("parameter-removed", "breaking"),
    ("parameter-location-changed", "breaking"),
    ("parameter-type-changed", "breaking"),
    ("parameter-format-changed", "info"),
    ("parameter-became-required", "breaking"),
    ("parameter-became-optional", "breaking"),
    ("parameter-skip-encoding-changed", "breaking"),
    ("parameter-client-name-changed", "breaking"),
    ("parameter-client-level-changed", "breaking"),
    ("parameter-collection-format-changed", "breaking"),
    ("path-parameter-renamed", "info"),
    ("argument-renamed", "info"),
    ("argument-order-changed", "breaking"),
    ("parameter-grouping-changed", "breaking"),
    ("builtin-header-changed", "info"),
    ("request-body-added-required", "breaking"),
    ("request-body-added-optional", "non-breaking"),
    ("request-body-removed", "breaking"),
    ("request-body-kind-changed", "breaking"),
    ("request-body-type-changed", "breaking"),
    ("request-body-format-changed", "info"),
    ("request-body-became-required", "breaking"),
    ("request-body-became-optional", "breaking"),
    ("request-body-flattening-changed", "breaking"),
    ("request-media-type-added", "non-breaking"),
    ("request-media-type-removed", "breaking"),
    ("response-status-added", "breaking"),
    ("response-status-removed", "breaking"),
    ("response-status-changed", "info"),
    ("response-body-added", "non-breaking"),
    ("response-body-removed", "breaking"),
    ("response-body-type-changed", "breaking"),
    ("response-body-format-changed", "info"),
    ("response-media-type-added", "info"),
    ("response-media-type-removed", "info"),
    ("response-header-added", "non-breaking"),
    ("response-header-removed", "breaking"),
    ("response-header-type-changed", "breaking"),
    ("response-header-format-changed", "info"),
    ("error-status-added", "info"),
    ("error-status-removed", "info"),
    ("error-body-changed", "info"),
    ("error-model-added", "breaking"),
    ("error-model-removed", "breaking"),
    ("model-added", "non-breaking"),
    ("model-removed", "breaking"),
    ("model-rust-name-changed", "breaking"),
    ("model-kind-changed", "breaking"),
    ("model-type-changed", "breaking"),
    ("model-format-changed", "info"),
    ("model-property-added-required", "breaking"),
    ("model-property-added-optional", "non-breaking"),
    ("model-property-removed", "breaking"),
    ("model-property-type-changed", "breaking"),
    ("model-property-format-changed", "info"),
    ("model-property-became-required", "breaking"),
    ("model-property-became-optional", "breaking"),
    ("model-property-nullable-changed", "breaking"),
    ("model-property-client-name-changed", "breaking"),
    ("model-additional-properties-changed", "breaking"),
    ("model-flattening-changed", "breaking"),
    ("enum-value-added", "breaking"),
    ("enum-value-removed", "breaking"),
    ("enum-variant-renamed", "breaking"),
    ("enum-openness-changed", "breaking"),
    ("discriminator-changed", "breaking"),
    ("discriminator-value-added", "breaking"),
    ("discriminator-value-removed", "breaking"),
];

fn fixture_dir(rule: &str) -> PathBuf {
    tests::workspace_root()
        .join("tests/fixtures/diff")
        .join(rule)
}

fn fixture_report(rule: &str) -> Report {
    let dir = fixture_dir(rule);
    diff::diff(&load(&dir.join("old.json")), &load(&dir.join("new.json")))
}

#[test]
fn every_rule_has_a_fixture_pair_and_an_expected_severity() {
    let dirs: BTreeSet<String> =
        std::fs::read_dir(tests::workspace_root().join("tests/fixtures/diff"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.path().is_dir())
            .map(|e| e.file_name().into_string().unwrap())
            .collect();
    let catalogue: BTreeSet<String> = Rule::ALL.iter().map(|r| r.id().to_string()).collect();
    let expected: BTreeSet<String> = EXPECTED.iter().map(|(id, _)| id.to_string()).collect();
    assert_eq!(dirs, catalogue, "fixture directories vs the rule catalogue");
    assert_eq!(expected, catalogue, "EXPECTED vs the rule catalogue");
}

#[test]
fn each_fixture_fires_its_rule_with_its_severity() {
    let mut failures = Vec::new();
    for (id, severity) in EXPECTED {
        let rule = Rule::from_id(id).unwrap();
        let report = fixture_report(id);
        let fired: Vec<_> = report.by_rule(rule).collect();
        if fired.is_empty() {
            let got: Vec<&str> = report.changes.iter().map(|c| c.rule.id()).collect();
            failures.push(format!("{id}: did not fire (got {got:?})"));
        }
        for change in fired {
            if change.severity.as_str() != *severity {
                failures.push(format!("{id}: severity {}", change.severity.as_str()));
            }
            if change.rust_item.is_none() {
                failures.push(format!("{id}: no Rust item"));
            }
        }
        // The same document on both sides: nothing.
        let dir = fixture_dir(id);
        let old = load(&dir.join("old.json"));
        if !diff::diff(&old, &old).is_empty() {
            failures.push(format!("{id}: old.json differs from itself"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every fixture's whole report, one line per change: the messages and Rust items, reviewed.
#[test]
fn rule_fixture_reports() {
    let mut text = String::new();
    for (id, _) in EXPECTED {
        text.push_str(&format!("{id}\n"));
        for c in fixture_report(id).changes {
            text.push_str(&format!(
                "  {} {}: {}",
                c.severity.as_str(),
                c.rule.id(),
                c.message
            ));
            match (&c.rust_item, &c.new_rust_item) {
                (Some(a), Some(b)) => text.push_str(&format!(" [{a} -> {b}]")),
                (Some(a), None) => text.push_str(&format!(" [{a}]")),
                _ => {}
            }
            text.push('\n');
        }
    }
    insta::assert_snapshot!("rule_fixtures", text);
}

/// Runs `cargo xtask diff` (through `cargo run`, as the alias does) and returns its exit code and
/// standard output.
fn xtask_diff(args: &[&str]) -> (i32, String, String) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "--package", "xtask", "--", "diff"])
        .args(args)
        .current_dir(tests::workspace_root())
        .output()
        .expect("cargo runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_diff_command_exit_codes() {
    let old = tests::display(&acr_old());
    let new = tests::display(&acr_new());

    let (code, stdout, stderr) = xtask_diff(&[&old, &new, "--fail-on", "breaking"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.starts_with("# API changes"), "{stdout}");
    assert!(stdout.contains("**1 removed operation, "), "{stdout}");

    let (code, stdout, stderr) = xtask_diff(&[&old, &old, "--fail-on", "breaking"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("No changes."), "{stdout}");
    let (code, _, stderr) = xtask_diff(&[&old, &old, "--fail-on", "any"]);
    assert_eq!(code, 0, "{stderr}");

    // Only info and non-breaking changes: `breaking` passes, `any` fails.
    let dir = tests::display(&fixture_dir("parameter-added-optional"));
    let (o, n) = (format!("{dir}/old.json"), format!("{dir}/new.json"));
    assert_eq!(xtask_diff(&[&o, &n, "--fail-on", "breaking"]).0, 0);
    assert_eq!(xtask_diff(&[&o, &n, "--fail-on", "any"]).0, 1);
    assert_eq!(xtask_diff(&[&o, &n]).0, 0, "no --fail-on, no failure");

    // JSON is the report's JSON.
    let (code, stdout, _) = xtask_diff(&[&old, &new, "--format", "json"]);
    assert_eq!(code, 0);
    let json: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(json["summary"]["removed_operations"], 1);
    assert_eq!(json["operations"]["renamed"].as_array().unwrap().len(), 28);

    // Unreadable input: exit 2, with the file and the JSON pointer.
    let (code, _, stderr) = xtask_diff(&[&old, "tests/fixtures/diff/no-such-file.json"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such-file.json"), "{stderr}");
    let bad = tests::display(&tests::bad_fixture("dangling-ref.json"));
    let (code, _, stderr) = xtask_diff(&[&bad, &old]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("#/"), "{stderr}");
}

/// The README's rule table is the catalogue.
#[test]
fn the_readme_lists_every_rule_with_its_severity() {
    let readme = std::fs::read_to_string(tests::workspace_root().join("README.md")).unwrap();
    for (id, severity) in EXPECTED {
        let row = format!("| `{id}` | {severity} |");
        assert!(readme.contains(&row), "README.md has no row `{row}`");
    }
}
