//! `specs/manifest.json`: which spec becomes which crate, and where it is written.

use std::path::{Component, Path, PathBuf};

use codegen::filter::{Filter, Selectors};
use serde::Deserialize;

/// Where the manifest lives, relative to the repository root.
pub const PATH: &str = "specs/manifest.json";

/// The whole manifest.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Every spec the project knows about, generated or not yet.
    pub crates: Vec<Entry>,
}

/// One spec and the crate made from it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The spec, relative to `specs/` (`docker-registry/v2.yaml`).
    pub spec: String,
    /// The crate's package name.
    pub name: String,
    /// The crate's package version.
    pub version: String,
    /// The crate's directory, relative to the repository root: always `generated/<dir>`.
    pub out: String,
    /// Whether `cargo xtask generate` writes it yet (false: the generator cannot lower it yet).
    pub generated: bool,
    /// Overlays (OpenAPI Overlay 1.0 documents, relative to `specs/`) applied in order to the
    /// spec before it is lowered. Optional.
    #[serde(default)]
    pub overlays: Vec<String>,
    /// Whether the crate gets `tests/examples.rs`, one test per example of the spec (see
    /// `codegen::add_example_tests`). Optional, default false.
    #[serde(default)]
    pub examples: bool,
    /// Whether the runtime is copied into the crate (for vendoring) instead of the crate
    /// depending on the runtime crate by path. Optional, default false.
    #[serde(default)]
    pub vendored: bool,
    /// Generate only the operations these select (`{"paths": ["/users/**"], "tags": [..],
    /// "operations": [..]}`, see `codegen::filter`). Optional, default all.
    #[serde(default)]
    pub include: Selectors,
    /// Leave out the operations these select, even when included. Optional.
    #[serde(default)]
    pub exclude: Selectors,
}

impl Entry {
    /// The spec's path relative to the repository root.
    pub fn spec_path(&self) -> PathBuf {
        Path::new("specs").join(&self.spec)
    }

    /// The overlays' paths relative to the repository root, in order.
    pub fn overlay_paths(&self) -> Vec<PathBuf> {
        self.overlays
            .iter()
            .map(|o| Path::new("specs").join(o))
            .collect()
    }

    /// The part of the API the crate has (all of it when neither `include` nor `exclude`
    /// says otherwise).
    pub fn filter(&self) -> Filter {
        Filter {
            include: self.include.clone(),
            exclude: self.exclude.clone(),
        }
    }

    /// The crate's directory relative to the repository root.
    pub fn out_path(&self) -> PathBuf {
        PathBuf::from(&self.out)
    }

    /// How the crate gets its runtime: copied in (`vendored`), or the runtime crate
    /// (`runtime/`) by a path relative to the crate.
    pub fn runtime(&self) -> codegen::Runtime {
        if self.vendored {
            return codegen::Runtime::Vendored;
        }
        let depth = self.out_path().components().count();
        codegen::Runtime::Crate {
            path: Some(format!("{}runtime", "../".repeat(depth))),
        }
    }
}

impl Manifest {
    /// The entries that are generated, in manifest order.
    pub fn generated(&self) -> impl Iterator<Item = &Entry> {
        self.crates.iter().filter(|entry| entry.generated)
    }
}

/// Reads and validates the manifest of the repository at `root`.
pub fn load(root: &Path) -> Result<Manifest, String> {
    let path = root.join(PATH);
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: cannot read: {e}", PATH))?;
    parse(&text, PATH)
}

/// Parses and validates manifest text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Manifest, String> {
    let manifest: Manifest =
        serde_json::from_str(text).map_err(|e| format!("{file}: invalid manifest: {e}"))?;
    for (i, entry) in manifest.crates.iter().enumerate() {
        validate_entry(entry).map_err(|e| format!("{file}: crates[{i}] ({}): {e}", entry.name))?;
        let earlier = &manifest.crates[..i];
        if earlier.iter().any(|other| other.name == entry.name) {
            return Err(format!(
                "{file}: crates[{i}]: crate name `{}` is listed twice",
                entry.name
            ));
        }
        if earlier.iter().any(|other| other.out == entry.out) {
            return Err(format!(
                "{file}: crates[{i}]: output dir `{}` is listed twice",
                entry.out
            ));
        }
    }
    Ok(manifest)
}

fn validate_entry(entry: &Entry) -> Result<(), String> {
    validate_crate_name(&entry.name)?;
    validate_version(&entry.version)?;
    if !is_plain_relative(&entry.spec) {
        return Err(format!(
            "`spec` must be a path relative to specs/ without `..`, got `{}`",
            entry.spec
        ));
    }
    for (i, overlay) in entry.overlays.iter().enumerate() {
        if !is_plain_relative(overlay) {
            return Err(format!(
                "`overlays[{i}]` must be a path relative to specs/ without `..`, got `{overlay}`"
            ));
        }
    }
    entry.filter().check_globs()?;
    // Only `generated/<dir>`: `generate` replaces that directory whole, and the workspace's
    // `generated/[a-z0-9]*` members glob must pick it up (and must skip xtask's `.`-prefixed
    // temporary directories beside it).
    let dir = entry.out.strip_prefix("generated/").unwrap_or_default();
    let dir_ok = dir.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && dir
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !dir_ok {
        return Err(format!(
            "`out` must be `generated/<dir>` with <dir> made of a-z, 0-9, `-` and `_`, got `{}`",
            entry.out
        ));
    }
    Ok(())
}

/// A non-empty relative path without `.`/`..` steps.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Checks a package name the way cargo does: ASCII letters, digits, `-` and `_`, not starting
/// with a digit.
pub fn validate_crate_name(name: &str) -> Result<(), String> {
    let first_ok = name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_');
    let rest_ok = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if first_ok && rest_ok {
        Ok(())
    } else {
        Err(format!(
            "`{name}` is not a valid crate name (ASCII letters, digits, `-` and `_`; it must start \
             with a letter or `_`)"
        ))
    }
}

/// Checks a package version: `MAJOR.MINOR.PATCH`, optionally followed by `-pre` and/or `+build`.
pub fn validate_version(version: &str) -> Result<(), String> {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let rest = &version[core.len()..];
    let numbers: Vec<&str> = core.split('.').collect();
    let core_ok = numbers.len() == 3
        && numbers
            .iter()
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let rest_ok = rest
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-+.".contains(c))
        && rest.len() != 1;
    if core_ok && rest_ok {
        Ok(())
    } else {
        Err(format!(
            "`{version}` is not a valid version (expected MAJOR.MINOR.PATCH, e.g. 0.1.0)"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{
      "crates": [
        { "spec": "a/v1.json", "name": "a-v1", "version": "0.1.0", "out": "generated/a-v1", "generated": true },
        { "spec": "b/v2.yaml", "name": "b", "version": "1.2.3-beta.1", "out": "generated/b", "generated": false }
      ]
    }"#;

    fn with_entry(entry: &str) -> String {
        format!(r#"{{ "crates": [ {entry} ] }}"#)
    }

    #[test]
    fn parses_a_good_manifest() {
        let manifest = parse(GOOD, "m.json").unwrap();
        assert_eq!(manifest.crates.len(), 2);
        assert_eq!(manifest.crates[0].spec_path(), Path::new("specs/a/v1.json"));
        assert_eq!(manifest.crates[1].version, "1.2.3-beta.1");
        let generated: Vec<&str> = manifest.generated().map(|e| e.name.as_str()).collect();
        assert_eq!(generated, ["a-v1"]);
    }

    #[test]
    fn overlays_are_optional_paths_under_specs() {
        let text = with_entry(
            r#"{ "spec": "a/v1.yaml", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true,
                 "overlays": ["a/v1.overlay.yaml", "common/fixes.yaml"] }"#,
        );
        let manifest = parse(&text, "m.json").unwrap();
        assert_eq!(
            manifest.crates[0].overlay_paths(),
            [
                Path::new("specs/a/v1.overlay.yaml"),
                Path::new("specs/common/fixes.yaml")
            ]
        );
        assert!(parse(GOOD, "m.json").unwrap().crates[0].overlays.is_empty());
        for bad in ["../x.yaml", "/etc/x.yaml", ""] {
            let text = with_entry(&format!(
                r#"{{ "spec": "a.yaml", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true, "overlays": ["{bad}"] }}"#
            ));
            let err = parse(&text, "m.json").unwrap_err();
            assert!(err.contains("`overlays[0]` must be"), "{err}");
        }
    }

    #[test]
    fn the_repository_manifest_is_valid() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let manifest = load(root).unwrap();
        for entry in &manifest.crates {
            assert!(
                root.join(entry.spec_path()).is_file(),
                "{} is missing",
                entry.spec
            );
            for overlay in entry.overlay_paths() {
                assert!(
                    root.join(&overlay).is_file(),
                    "{} is missing",
                    overlay.display()
                );
            }
        }
    }

    #[test]
    fn include_and_exclude_are_optional_filters() {
        let text = with_entry(
            r#"{ "spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true,
                 "include": { "paths": ["/users/**"], "tags": ["users"] },
                 "exclude": { "operations": ["Users_Delete"] } }"#,
        );
        let filter = parse(&text, "m.json").unwrap().crates[0].filter();
        assert_eq!(filter.include.paths, ["/users/**"]);
        assert_eq!(filter.include.tags, ["users"]);
        assert!(filter.include.operations.is_empty());
        assert_eq!(filter.exclude.operations, ["Users_Delete"]);
        assert!(parse(GOOD, "m.json").unwrap().crates[0].filter().is_empty());
        let bad_glob = with_entry(
            r#"{ "spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true,
                 "exclude": { "paths": ["users/**"] } }"#,
        );
        let err = parse(&bad_glob, "m.json").unwrap_err();
        assert!(
            err.starts_with("m.json: crates[0] (a): `users/**` is not a path glob"),
            "{err}"
        );
        let unknown = with_entry(
            r#"{ "spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true,
                 "include": { "path": ["/users/**"] } }"#,
        );
        let err = parse(&unknown, "m.json").unwrap_err();
        assert!(err.contains("unknown field `path`"), "{err}");
    }

    #[test]
    fn rejects_unknown_keys_naming_the_file() {
        let text = with_entry(
            r#"{ "spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true, "extra": 1 }"#,
        );
        let err = parse(&text, "specs/manifest.json").unwrap_err();
        assert!(
            err.starts_with("specs/manifest.json: invalid manifest: unknown field `extra`"),
            "{err}"
        );
        let err = parse(r#"{ "crates": [], "other": 1 }"#, "m.json").unwrap_err();
        assert!(err.contains("unknown field `other`"), "{err}");
    }

    #[test]
    fn rejects_missing_keys_and_bad_json() {
        let err = parse(
            &with_entry(r#"{ "spec": "a.json", "name": "a" }"#),
            "m.json",
        )
        .unwrap_err();
        assert!(err.contains("missing field `version`"), "{err}");
        let err = parse("{ \"crates\": [", "m.json").unwrap_err();
        assert!(err.starts_with("m.json: invalid manifest: EOF"), "{err}");
    }

    #[test]
    fn rejects_bad_values() {
        let cases = [
            (
                r#""spec": "a.json", "name": "1a", "version": "0.1.0", "out": "generated/a""#,
                "not a valid crate name",
            ),
            (
                r#""spec": "a.json", "name": "a", "version": "1.0", "out": "generated/a""#,
                "not a valid version",
            ),
            (
                r#""spec": "../a.json", "name": "a", "version": "0.1.0", "out": "generated/a""#,
                "`spec` must be",
            ),
            (
                r#""spec": "a.json", "name": "a", "version": "0.1.0", "out": "codegen""#,
                "`out` must be",
            ),
            (
                r#""spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/../x""#,
                "`out` must be",
            ),
            (
                r#""spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/.a""#,
                "`out` must be",
            ),
            (
                r#""spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/a/b""#,
                "`out` must be",
            ),
        ];
        for (fields, expected) in cases {
            let text = with_entry(&format!("{{ {fields}, \"generated\": true }}"));
            let err = parse(&text, "m.json").unwrap_err();
            assert!(err.starts_with("m.json: crates[0] ("), "{err}");
            assert!(err.contains(expected), "{err}");
        }
    }

    #[test]
    fn rejects_duplicates() {
        let a = r#"{ "spec": "a.json", "name": "a", "version": "0.1.0", "out": "generated/a", "generated": true }"#;
        let a2 = r#"{ "spec": "b.json", "name": "a", "version": "0.1.0", "out": "generated/b", "generated": true }"#;
        let b = r#"{ "spec": "b.json", "name": "b", "version": "0.1.0", "out": "generated/a", "generated": true }"#;
        let err = parse(&with_entry(&format!("{a}, {a2}")), "m.json").unwrap_err();
        assert!(err.contains("crate name `a` is listed twice"), "{err}");
        let err = parse(&with_entry(&format!("{a}, {b}")), "m.json").unwrap_err();
        assert!(
            err.contains("output dir `generated/a` is listed twice"),
            "{err}"
        );
    }

    #[test]
    fn versions() {
        for good in [
            "0.1.0",
            "10.20.30",
            "1.0.0-alpha.1",
            "1.0.0+build.5",
            "1.0.0-rc.1+x",
        ] {
            assert_eq!(validate_version(good), Ok(()), "{good}");
        }
        for bad in [
            "",
            "1",
            "1.0",
            "1.0.0.0",
            "a.b.c",
            "1.0.0-",
            "1..0",
            "1.0.0 beta",
        ] {
            assert!(validate_version(bad).is_err(), "{bad}");
        }
    }
}
