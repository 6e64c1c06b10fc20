//! `cargo xtask test`: the whole test suite, after installing what it needs, closed by the total
//! over every test binary.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, ExitCode, Stdio};

use crate::prereq;

/// The test command, before any extra arguments. `cargo insta test` runs `cargo test` over the
/// workspace (unit, integration and doc tests of every member, generated crates included) and
/// fails on a snapshot that does not match instead of writing a `.snap.new`.
pub const TEST_COMMAND: &[&str] = &["insta", "test", "--workspace", "--check"];

/// Added to [`TEST_COMMAND`] on a full run: a snapshot file that no test uses fails it. A run
/// that selects some tests leaves the others' snapshots unused, so it cannot ask for this.
pub const REJECT_UNREFERENCED: &str = "--unreferenced=reject";

/// Installs the prerequisites, then runs [`TEST_COMMAND`]; `args` go to the test binaries
/// (a name filter, `--nocapture`, ...). Prints the total of the test counts last, and exits with
/// the test command's status.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode, String> {
    prereq::ensure_all(root)?;
    let mut command = Command::new(crate::cargo());
    command.args(TEST_COMMAND).current_dir(root);
    if !selects_a_subset(args) {
        command.arg(REJECT_UNREFERENCED);
    }
    if !args.is_empty() {
        command.arg("--").args(args);
    }
    eprintln!("running: cargo {}", shown_args(&command));
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo insta: {e}"))?;
    let mut total = Totals::default();
    if let Some(stdout) = child.stdout.take() {
        let mut out = std::io::stdout().lock();
        for line in BufReader::new(stdout).lines() {
            let line = line.map_err(|e| format!("reading the test output: {e}"))?;
            total.add_line(&line);
            // A closed stdout (`| head`) must not stop the tests: keep reading, stop echoing.
            let _ = writeln!(out, "{line}");
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for cargo insta: {e}"))?;
    // The conformance suite runs after the workspace's tests, and only without a test filter
    // (its scenarios are not cargo tests). The total comes last either way.
    if status.success() && !selects_a_subset(args) {
        let conformance = crate::conformance::run(root, &[]);
        println!("{}", total.line());
        return conformance;
    }
    println!("{}", total.line());
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1).max(1)),
        None => ExitCode::FAILURE,
    })
}

/// Whether the arguments for the test binaries run only some of the tests: a name filter, or
/// `--skip`/`--ignored`. Options such as `--nocapture` or `--test-threads 2` do not.
pub fn selects_a_subset(args: &[String]) -> bool {
    /// libtest options that take a value as the next argument.
    const WITH_VALUE: &[&str] = &[
        "--test-threads",
        "--color",
        "--format",
        "--logfile",
        "--shuffle-seed",
        "-Z",
    ];
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if WITH_VALUE.contains(&arg.as_str()) {
            args.next();
        } else if arg == "--skip"
            || arg.starts_with("--skip=")
            || arg == "--ignored"
            || !arg.starts_with('-')
        {
            return true;
        }
    }
    false
}

/// Test counts summed over every `test result:` line of `cargo test`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Totals {
    pub passed: u64,
    pub failed: u64,
    /// Ignored tests.
    pub skipped: u64,
}

impl Totals {
    /// Adds the counts of one output line, if it is a `test result:` line
    /// (`test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; ...`).
    pub fn add_line(&mut self, line: &str) {
        let Some(rest) = line.strip_prefix("test result:") else {
            return;
        };
        let words: Vec<&str> = rest.split_whitespace().collect();
        for pair in words.windows(2) {
            let Ok(n) = pair[0].parse::<u64>() else {
                continue;
            };
            match pair[1].trim_end_matches([';', ',', '.']) {
                "passed" => self.passed += n,
                "failed" => self.failed += n,
                "ignored" => self.skipped += n,
                _ => {}
            }
        }
    }

    /// `tests: N passed, N failed, N skipped`.
    pub fn line(&self) -> String {
        format!(
            "tests: {} passed, {} failed, {} skipped",
            self.passed, self.failed, self.skipped
        )
    }
}

fn shown_args(command: &Command) -> String {
    command
        .get_args()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_filter_or_skip_selects_a_subset() {
        for args in [
            &["manifest"][..],
            &["--nocapture", "manifest"],
            &["--test-threads", "2", "manifest"],
            &["--skip", "e2e"],
            &["--skip=e2e"],
            &["--ignored"],
        ] {
            assert!(selects_a_subset(&strings(args)), "{args:?}");
        }
        for args in [
            &[][..],
            &["--nocapture"],
            &["--test-threads", "2"],
            &["--test-threads=2", "--include-ignored"],
            &["--color", "never", "-q"],
        ] {
            assert!(!selects_a_subset(&strings(args)), "{args:?}");
        }
    }

    #[test]
    fn totals_sum_every_test_result_line() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 1 ignored; 0 measured; 0 filtered out; finished in 0.01s

test result: FAILED. 10 passed; 2 failed; 0 ignored; 0 measured; 5 filtered out; finished in 1.20s
test 4 passed ... ok
   Doc-tests codegen
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
        let mut totals = Totals::default();
        for line in output.lines() {
            totals.add_line(line);
        }
        assert_eq!(
            totals,
            Totals {
                passed: 13,
                failed: 2,
                skipped: 1
            }
        );
        assert_eq!(totals.line(), "tests: 13 passed, 2 failed, 1 skipped");
    }
}
