//! Baselines: `specs/baselines/<crate>.json`, the accepted public surface of each spec of the
//! manifest (`codegen::diff::Surface`, written by `codegen::diff::baseline`).
//!
//! `cargo xtask check` compares every spec with its baseline: a breaking change that has not been
//! accepted fails the check, with the report and the command that accepts it; other changes are
//! reported only. `cargo xtask baseline --accept <SPEC>` (or `--accept-all`) writes the spec's
//! current surface as its baseline. `cargo xtask generate` writes missing baselines and accepts
//! changes that break nothing, never breaking ones.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;
use codegen::diff::{self, Report, Severity, Surface};

use crate::manifest::{self, Entry};

/// Where baselines live, relative to the repository root.
pub const DIR: &str = "specs/baselines";

#[derive(Args)]
pub struct BaselineArgs {
    /// Accept this spec's current public API as its baseline: its path under specs/ (as in the
    /// manifest, with or without `specs/`) or its crate name. May be repeated
    #[arg(long, value_name = "SPEC")]
    accept: Vec<String>,
    /// Accept every spec of the manifest
    #[arg(long, conflicts_with = "accept")]
    accept_all: bool,
}

/// The baseline file of a manifest entry, relative to the repository root.
pub fn path(entry: &Entry) -> PathBuf {
    Path::new(DIR).join(format!("{}.json", entry.name))
}

/// A surface from a file: a baseline (a JSON object with `format` and `operations`), or any
/// spec, lowered.
pub fn load_surface(path: &Path) -> Result<Surface, codegen::Error> {
    if let Ok(text) = fs::read_to_string(path)
        && let Ok(value) = serde_json::from_str::<serde_json::Value>(&text)
        && value.get("format").is_some()
        && value.get("operations").is_some()
    {
        return Surface::from_baseline(&text, path);
    }
    codegen::load_api(path).map(|api| Surface::of(&api))
}

/// A spec compared with its baseline.
struct Compared {
    /// The spec's surface now.
    current: Surface,
    /// The baseline's text, if there is one.
    recorded: Option<String>,
    /// What changed since the baseline (empty without one).
    report: Option<Report>,
}

impl Compared {
    fn text_is_current(&self) -> bool {
        self.recorded.as_deref() == Some(self.current.to_baseline().as_str())
    }
}

fn compare(root: &Path, entry: &Entry) -> Result<Compared, String> {
    let spec = entry.spec_path();
    let api = crate::generate::entry_api(root, entry)?;
    let current = Surface::of(&api);
    let file = path(entry);
    let recorded = match fs::read_to_string(root.join(&file)) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("{}: cannot read: {e}", file.display())),
    };
    let report = match &recorded {
        None => None,
        Some(text) => {
            let old = Surface::from_baseline(text, &file).map_err(|e| {
                format!(
                    "{e}\nto fix: run `cargo xtask baseline --accept {}`",
                    entry.spec
                )
            })?;
            Some(
                diff::diff_surfaces(&old, &current)
                    .with_sources(codegen::display_path(&file), shown_spec(entry, &spec)),
            )
        }
    };
    Ok(Compared {
        current,
        recorded,
        report,
    })
}

fn write(root: &Path, entry: &Entry, surface: &Surface) -> Result<(), String> {
    let file = path(entry);
    let target = root.join(&file);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    fs::write(&target, surface.to_baseline()).map_err(|e| format!("{}: {e}", file.display()))
}

/// The specs of the manifest that a baseline is kept for, each compared with it. A spec with
/// `generated: false` that the generator cannot lower yet is skipped (with a note).
fn compare_all(root: &Path) -> Result<Vec<(Entry, Compared)>, String> {
    let manifest = manifest::load(root)?;
    let mut out = Vec::new();
    for entry in manifest.crates {
        match compare(root, &entry) {
            Ok(compared) => out.push((entry, compared)),
            Err(e) if !entry.generated => {
                println!(
                    "{}: no baseline check (`generated: false` and it does not lower: {e})",
                    entry.spec_path().display()
                );
            }
            Err(e) => return Err(e),
        }
    }
    Ok(out)
}

/// The spec as compared: its path, and the overlays applied to it.
fn shown_spec(entry: &Entry, spec: &Path) -> String {
    let mut shown = codegen::display_path(spec);
    for overlay in entry.overlay_paths() {
        shown.push_str(&format!(" + overlay {}", codegen::display_path(&overlay)));
    }
    shown
}

fn accept_command(entry: &Entry) -> String {
    format!("cargo xtask baseline --accept {}", entry.spec)
}

/// The check of `cargo xtask check`: no spec has an unaccepted breaking change (and every spec
/// has a baseline). Other changes are printed, not failed.
pub fn check(root: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    for (entry, compared) in compare_all(root)? {
        let spec = codegen::display_path(&entry.spec_path());
        let file = codegen::display_path(&path(&entry));
        match &compared.report {
            None => problems.push(format!(
                "{spec} has no baseline ({file}).\nto fix: run `{}` (or `cargo xtask generate`) \
                 and commit {file}",
                accept_command(&entry)
            )),
            Some(report) if report.has_at_least(Severity::Breaking) => {
                problems.push(format!(
                    "{spec} has breaking changes to its public Rust API that are not accepted:\n\n{}\n\
                     If they are intended: run `{}` (or `cargo xtask baseline --accept-all`), \
                     review the change to {file} and commit it. Otherwise fix the spec.",
                    report.to_markdown().trim_end(),
                    accept_command(&entry)
                ));
            }
            Some(report) if !report.is_empty() => println!(
                "note: {spec} has changes that break nothing since {file}:\n\n{}\n\n\
                 (record them with `{}`)",
                report.to_markdown().trim_end(),
                accept_command(&entry)
            ),
            Some(_) if !compared.text_is_current() => println!(
                "note: {file} is not byte-for-byte what {spec} gives today, though the public \
                 API is the same (rewrite it with `{}`)",
                accept_command(&entry)
            ),
            Some(_) => {}
        }
    }
    Ok(problems)
}

/// After `cargo xtask generate`: writes missing baselines and accepts changes that break
/// nothing; breaking changes are left for `cargo xtask baseline --accept`.
pub fn after_generate(root: &Path) -> Result<(), String> {
    for (entry, compared) in compare_all(root)? {
        let file = codegen::display_path(&path(&entry));
        match &compared.report {
            None => {
                write(root, &entry, &compared.current)?;
                println!("{file}: written (a new baseline)");
            }
            Some(report) if report.has_at_least(Severity::Breaking) => println!(
                "{file}: NOT updated: {} breaking change(s) since the baseline; `cargo xtask check` \
                 will fail until you review them (`cargo xtask baseline` shows them, overlays \
                 applied) and run `{}`",
                report.summary.breaking,
                accept_command(&entry)
            ),
            Some(report) if !compared.text_is_current() => {
                write(root, &entry, &compared.current)?;
                println!(
                    "{file}: updated ({} non-breaking, {} info change(s))",
                    report.summary.non_breaking, report.summary.info
                );
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// `cargo xtask baseline`: with `--accept`/`--accept-all`, writes baselines; without, prints
/// how every spec differs from its baseline.
pub fn run(root: &Path, args: &BaselineArgs) -> Result<ExitCode, String> {
    let all = compare_all(root)?;
    if args.accept.is_empty() && !args.accept_all {
        for (entry, compared) in &all {
            let file = codegen::display_path(&path(entry));
            match &compared.report {
                None => println!("{file}: missing"),
                Some(report) if report.is_empty() => println!("{file}: up to date"),
                Some(report) => println!("{}", report.to_markdown()),
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    for wanted in &args.accept {
        if !all.iter().any(|(entry, _)| matches(entry, wanted)) {
            return Err(format!(
                "`{wanted}` is not a spec of {} (give its path under specs/ or its crate name)",
                manifest::PATH
            ));
        }
    }
    for (entry, compared) in &all {
        if !args.accept_all && !args.accept.iter().any(|w| matches(entry, w)) {
            continue;
        }
        let file = codegen::display_path(&path(entry));
        if compared.text_is_current() {
            println!("{file}: up to date");
            continue;
        }
        write(root, entry, &compared.current)?;
        match &compared.report {
            None => println!("{file}: written"),
            Some(r) if r.is_empty() => println!("{file}: rewritten (the same public API)"),
            Some(r) => println!(
                "{file}: accepted {} breaking, {} non-breaking and {} info change(s)",
                r.summary.breaking, r.summary.non_breaking, r.summary.info
            ),
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether `wanted` names `entry`: its spec path (with or without `specs/`) or its crate name.
fn matches(entry: &Entry, wanted: &str) -> bool {
    let wanted = wanted.trim_start_matches("./");
    wanted == entry.name
        || wanted == entry.spec
        || wanted.strip_prefix("specs/") == Some(entry.spec.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check, generate};

    /// A fixture spec of `tests/fixtures/diff/`.
    fn fixture(rule: &str, side: &str) -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let file = root.join(format!("tests/fixtures/diff/{rule}/{side}.json"));
        fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()))
    }

    /// A repository layout with one spec in the manifest, generated, in a temporary directory.
    fn layout(spec: &str) -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("specs/api")).unwrap();
        fs::write(
            root.join(manifest::PATH),
            r#"{"crates": [{"spec": "api/api.json", "name": "fixture-api", "version": "0.1.0",
                "out": "generated/fixture-api", "generated": true}]}"#,
        )
        .unwrap();
        fs::write(root.join("specs/api/api.json"), spec).unwrap();
        tmp
    }

    fn edit_spec(root: &Path, spec: &str) {
        fs::write(root.join("specs/api/api.json"), spec).unwrap();
        generate::all(root).unwrap();
    }

    fn baseline_text(root: &Path) -> String {
        fs::read_to_string(root.join("specs/baselines/fixture-api.json")).unwrap()
    }

    fn accept(root: &Path, specs: &[&str]) -> Result<ExitCode, String> {
        let args = BaselineArgs {
            accept: specs.iter().map(|s| s.to_string()).collect(),
            accept_all: false,
        };
        run(root, &args)
    }

    #[test]
    fn check_fails_on_an_unaccepted_breaking_change_and_passes_once_accepted() {
        let tmp = layout(&fixture("parameter-removed", "old"));
        let root = tmp.path();
        generate::all(root).unwrap();
        after_generate(root).unwrap();
        assert_eq!(check::run(root).unwrap(), ExitCode::SUCCESS);

        // A breaking change, regenerated: generated/ is fresh, the baseline is not accepted.
        let before = baseline_text(root);
        edit_spec(root, &fixture("parameter-removed", "new"));
        after_generate(root).unwrap();
        assert_eq!(
            baseline_text(root),
            before,
            "generate accepted a breaking change"
        );
        let problems = check(root).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        for expected in [
            "specs/api/api.json has breaking changes",
            "`parameter-removed`",
            "items().get(..).filter(..)",
            "cargo xtask baseline --accept api/api.json",
        ] {
            assert!(
                problems[0].contains(expected),
                "{expected}: {}",
                problems[0]
            );
        }
        assert_eq!(check::run(root).unwrap(), ExitCode::FAILURE);

        assert_eq!(accept(root, &["api/api.json"]), Ok(ExitCode::SUCCESS));
        assert!(check(root).unwrap().is_empty());
        assert_eq!(check::run(root).unwrap(), ExitCode::SUCCESS);
    }

    #[test]
    fn non_breaking_changes_are_reported_and_generate_records_them() {
        let tmp = layout(&fixture("parameter-added-optional", "old"));
        let root = tmp.path();
        generate::all(root).unwrap();
        after_generate(root).unwrap();
        let before = baseline_text(root);
        edit_spec(root, &fixture("parameter-added-optional", "new"));
        assert!(
            check(root).unwrap().is_empty(),
            "a non-breaking change failed the check"
        );
        after_generate(root).unwrap();
        assert_ne!(baseline_text(root), before, "generate did not record it");
        let compared = compare(root, &manifest::load(root).unwrap().crates[0]).unwrap();
        assert!(compared.report.as_ref().unwrap().is_empty());
        assert!(compared.text_is_current());
    }

    #[test]
    fn a_missing_baseline_fails_the_check() {
        let tmp = layout(&fixture("operation-added", "old"));
        let root = tmp.path();
        generate::all(root).unwrap();
        let problems = check(root).unwrap();
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("has no baseline"), "{}", problems[0]);
        assert!(problems[0].contains("cargo xtask baseline --accept api/api.json"));
    }

    #[test]
    fn accept_takes_a_spec_path_or_a_crate_name() {
        let tmp = layout(&fixture("operation-added", "old"));
        let root = tmp.path();
        for name in ["api/api.json", "specs/api/api.json", "fixture-api"] {
            fs::remove_dir_all(root.join(DIR)).ok();
            assert_eq!(accept(root, &[name]), Ok(ExitCode::SUCCESS), "{name}");
            assert!(root.join(DIR).join("fixture-api.json").is_file(), "{name}");
        }
        let err = accept(root, &["nope.json"]).unwrap_err();
        assert!(err.contains("`nope.json` is not a spec"), "{err}");
    }

    #[test]
    fn a_broken_baseline_says_how_to_rewrite_it() {
        let tmp = layout(&fixture("operation-added", "old"));
        let root = tmp.path();
        fs::create_dir_all(root.join(DIR)).unwrap();
        fs::write(root.join(DIR).join("fixture-api.json"), "{\"format\": 1,").unwrap();
        let err = check(root).unwrap_err();
        assert!(err.contains("specs/baselines/fixture-api.json"), "{err}");
        assert!(
            err.contains("cargo xtask baseline --accept api/api.json"),
            "{err}"
        );
    }

    /// As for generated/: a plain `cargo test` catches a spec whose breaking change is not
    /// accepted, or a missing baseline.
    #[test]
    fn the_repository_baselines_are_accepted() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let problems = check(root).unwrap();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}
