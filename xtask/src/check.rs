//! `cargo xtask check`: every check that committed files are what the tools would make them.
//!
//! A check returns the problems it found, each a ready-to-print report; the command runs them all
//! and fails if any found one. Later checks (baselines) are added to [`CHECKS`].

use std::path::Path;
use std::process::ExitCode;

use similar::TextDiff;

use crate::files::{self, Changes, DiskTree, FileSet, Mode};
use crate::{generate, manifest};

/// Lines of diff shown per file before the rest is summarized.
const DIFF_LINES: usize = 40;

struct Check {
    name: &'static str,
    run: fn(&Path) -> Result<Vec<String>, String>,
}

const CHECKS: &[Check] = &[
    Check {
        name: "generated crates are fresh",
        run: generated_is_fresh,
    },
    Check {
        name: "no unaccepted breaking change to a public API (specs/baselines/)",
        run: crate::baseline::check,
    },
];

/// Runs every check against the repository at `root`.
pub fn run(root: &Path) -> Result<ExitCode, String> {
    let mut failed = 0;
    for check in CHECKS {
        match (check.run)(root) {
            Ok(problems) if problems.is_empty() => println!("ok: {}", check.name),
            Ok(problems) => {
                failed += 1;
                for problem in problems {
                    eprintln!("{problem}");
                }
                eprintln!("FAILED: {}", check.name);
            }
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
                eprintln!("FAILED: {}", check.name);
            }
        }
    }
    if failed == 0 {
        Ok(ExitCode::SUCCESS)
    } else {
        eprintln!("{failed} of {} checks failed", CHECKS.len());
        Ok(ExitCode::FAILURE)
    }
}

/// Every crate of the manifest, regenerated in memory, matches `generated/`.
fn generated_is_fresh(root: &Path) -> Result<Vec<String>, String> {
    let manifest = manifest::load(root)?;
    let mut problems = Vec::new();
    for entry in manifest.generated() {
        let expected = generate::manifest_crate(root, entry)?;
        let dir = root.join(entry.out_path());
        let outcome = files::ensure_crate(&dir, &expected, Mode::Check)?;
        if !outcome.changes.is_empty() {
            problems.push(crate_report(
                &entry.out,
                &outcome.changes,
                &expected,
                &outcome.on_disk,
            ));
        }
    }
    if !problems.is_empty() {
        problems.push("to fix: run `cargo xtask generate` and commit the result".to_string());
    }
    Ok(problems)
}

/// The report for one stale crate: a capped diff per changed file, then the missing and extra
/// files.
pub fn crate_report(
    dir: &str,
    changes: &Changes,
    expected: &FileSet,
    on_disk: &DiskTree,
) -> String {
    let mut report = format!("{dir} is stale:\n");
    for path in &changes.changed {
        let shown = format!("{dir}/{}", codegen::display_path(path));
        report.push_str(&format!("  changed: {shown}\n"));
        match on_disk.get(path) {
            Some(Some(old)) => {
                let new = expected.get(path).map_or("", String::as_str);
                for line in capped_diff(&shown, old, new, DIFF_LINES).lines() {
                    report.push_str(&format!("    {line}\n"));
                }
            }
            _ => report.push_str("    (on disk it is not a UTF-8 regular file)\n"),
        }
    }
    for path in &changes.missing {
        report.push_str(&format!(
            "  missing: {dir}/{}\n",
            codegen::display_path(path)
        ));
    }
    for path in &changes.extra {
        report.push_str(&format!(
            "  extra:   {dir}/{} (no longer generated)\n",
            codegen::display_path(path)
        ));
    }
    report
}

/// A unified diff from what is on disk to what would be generated, cut after `max_lines` lines
/// with a note of how many were left out.
pub fn capped_diff(path: &str, on_disk: &str, generated: &str, max_lines: usize) -> String {
    let diff = TextDiff::from_lines(on_disk, generated)
        .unified_diff()
        .context_radius(3)
        .header(&format!("{path} (on disk)"), &format!("{path} (generated)"))
        .to_string();
    let lines: Vec<&str> = diff.lines().collect();
    let mut out = String::new();
    for line in lines.iter().take(max_lines) {
        out.push_str(line);
        out.push('\n');
    }
    if lines.len() > max_lines {
        out.push_str(&format!("... {} more lines\n", lines.len() - max_lines));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// As in rust-analyzer: a plain `cargo test` catches a stale `generated/`.
    #[test]
    fn generated_crates_are_fresh() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
        let problems = generated_is_fresh(root).unwrap();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
    }

    #[test]
    fn a_small_diff_is_shown_whole() {
        let diff = capped_diff("g/src/lib.rs", "a\nb\nc\n", "a\nB\nc\n", 40);
        let expected = "\
--- g/src/lib.rs (on disk)
+++ g/src/lib.rs (generated)
@@ -1,3 +1,3 @@
 a
-b
+B
 c
";
        assert_eq!(diff, expected);
    }

    #[test]
    fn a_long_diff_is_capped() {
        let old: String = (0..100).map(|i| format!("line {i}\n")).collect();
        let new: String = (0..100).map(|i| format!("LINE {i}\n")).collect();
        let diff = capped_diff("f", &old, &new, 40);
        let lines: Vec<&str> = diff.lines().collect();
        assert_eq!(lines.len(), 41);
        assert_eq!(lines[0], "--- f (on disk)");
        // 2 header lines + 1 hunk header + 100 removed + 100 added = 203 lines in all.
        assert_eq!(lines[40], "... 163 more lines");
        assert_eq!(capped_diff("f", &old, &new, 203).lines().count(), 203);
    }

    #[test]
    fn the_report_lists_changed_missing_and_extra() {
        let expected: FileSet = [
            (PathBuf::from("src/lib.rs"), "new\n".to_string()),
            (PathBuf::from("src/models.rs"), "m\n".to_string()),
        ]
        .into_iter()
        .collect();
        let on_disk: DiskTree = [
            (PathBuf::from("src/lib.rs"), Some("old\n".to_string())),
            (PathBuf::from("src/stale.rs"), Some("s\n".to_string())),
        ]
        .into_iter()
        .collect();
        let changes = files::classify(&expected, &on_disk);
        let report = crate_report("generated/x", &changes, &expected, &on_disk);
        let expected_report = "\
generated/x is stale:
  changed: generated/x/src/lib.rs
    --- generated/x/src/lib.rs (on disk)
    +++ generated/x/src/lib.rs (generated)
    @@ -1 +1 @@
    -old
    +new
  missing: generated/x/src/models.rs
  extra:   generated/x/src/stale.rs (no longer generated)
";
        assert_eq!(report, expected_report);
    }
}
