//! `cargo xtask test`: the whole test suite, after installing what it needs.

use std::path::Path;
use std::process::{Command, ExitCode};

use crate::prereq;

/// The test command, before any extra arguments. `cargo insta test` runs `cargo test` over the
/// workspace (unit, integration and doc tests of every member, generated crates included),
/// fails on a snapshot that does not match instead of writing a `.snap.new`, and fails on a
/// snapshot file that no test uses.
pub const TEST_COMMAND: &[&str] = &[
    "insta",
    "test",
    "--workspace",
    "--check",
    "--unreferenced=reject",
];

/// Installs the prerequisites, then runs [`TEST_COMMAND`]; `args` go to the test binaries
/// (a name filter, `--nocapture`, ...). Exits with the test command's status.
pub fn run(root: &Path, args: &[String]) -> Result<ExitCode, String> {
    prereq::ensure_all(root)?;
    let mut command = Command::new(crate::cargo());
    command.args(TEST_COMMAND).current_dir(root);
    if !args.is_empty() {
        command.arg("--").args(args);
    }
    eprintln!("running: cargo {}", shown_args(&command));
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo insta: {e}"))?;
    // The conformance suite runs after the workspace's tests, and only without a test filter
    // (its scenarios are not cargo tests).
    if status.success() && args.is_empty() {
        return crate::conformance::run(root, &[]);
    }
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1).max(1)),
        None => ExitCode::FAILURE,
    })
}

fn shown_args(command: &Command) -> String {
    command
        .get_args()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ")
}
