//! `cargo xtask corpus --examples`: the corpus crates get their example tests
//! (`tests/examples.rs`), and the sampled crates' tests are run: passed and failed examples
//! are counted from the test output, skipped ones from what each generation wrote in
//! `examples.txt` (`examples tests inconsistent untestable`).

use std::path::Path;
use std::process::{Command, Stdio};

/// The file the child writes beside the crate's sources with its counts.
pub const SUMMARY: &str = "examples.txt";

/// The counts line of one crate, then one line per example that is not a test (`skipped` or
/// `untestable`, tab-separated with the operation, the example and why).
pub fn summary(api: &codegen::ir::Api, stats: &codegen::emit::ExampleStats) -> String {
    let mut out = format!(
        "{} {} {} {}\n",
        stats.examples,
        stats.tests,
        stats.inconsistent,
        stats.untestable.len()
    );
    let one_line = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    for op in &api.operations {
        for example in &op.examples {
            if let Some(why) = &example.skipped {
                out.push_str(&format!(
                    "skipped\t{}\t{}\t{}\n",
                    op.operation_id,
                    one_line(&example.name),
                    one_line(why)
                ));
            }
        }
    }
    for (operation, example, why) in &stats.untestable {
        out.push_str(&format!(
            "untestable\t{operation}\t{}\t{}\n",
            one_line(example),
            one_line(why)
        ));
    }
    out
}

/// Runs the example tests of `members` (one `cargo test` of the corpus workspace) and prints
/// how many examples passed, failed, were skipped as inconsistent, and were not testable.
/// Returns whether every test built and passed: a failed example fails the corpus run.
pub fn run(work: &Path, members: &[String], target_dir: &Path) -> Result<bool, String> {
    let mut totals = [0usize; 4];
    for member in members {
        let Ok(text) = std::fs::read_to_string(work.join(member).join(SUMMARY)) else {
            continue;
        };
        let counts = text.lines().next().unwrap_or_default();
        for (total, n) in totals.iter_mut().zip(counts.split_whitespace()) {
            *total += n.parse::<usize>().unwrap_or(0);
        }
    }
    let mut command = Command::new(crate::cargo());
    command
        .current_dir(work)
        .env("CARGO_TARGET_DIR", target_dir)
        // Incremental data and debug info of test binaries built once take gigabytes.
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .args([
            "test",
            "--workspace",
            "--tests",
            "--no-fail-fast",
            "--offline",
        ])
        .stdin(Stdio::null());
    let output = command
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    // The whole output, for the failures' messages.
    let log = work.join("examples-test.log");
    let mut text = stdout.clone().into_owned();
    text.push_str(&String::from_utf8_lossy(&output.stderr));
    std::fs::write(&log, text).map_err(|e| format!("{}: {e}", log.display()))?;
    let passed = stdout
        .lines()
        .filter(|l| l.starts_with("test ") && l.ends_with(" ... ok"))
        .count();
    let failed: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("test ") && l.ends_with(" ... FAILED"))
        .collect();
    for line in &failed {
        println!("examples: {line}");
    }
    if !output.status.success() && failed.is_empty() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        for line in stderr.lines().filter(|l| l.starts_with("error")).take(20) {
            println!("examples: {line}");
        }
    }
    println!("examples: cargo test's output is in {}", log.display());
    println!(
        "examples: {} in the sampled crates: {passed} passed, {} failed, {} skipped as \
         inconsistent with their spec, {} not testable ({} tests generated)",
        totals[0],
        failed.len(),
        totals[2],
        totals[3],
        totals[1]
    );
    if !output.status.success() {
        println!(
            "examples: cargo test failed ({}): an example test that fails is a bug of the \
             generator or of the example's spec (then an overlay, or a check in \
             codegen/src/lower/examples/check.rs, skips it)",
            output.status
        );
    }
    Ok(output.status.success())
}
