//! The conformance harness: starts the AutoRest test server, runs every scenario test (one per
//! scenario counter, through the generated clients' public API only), reads the server's three
//! reports, prints a table per swagger file and the summary line
//! `conformance: N of M scenarios`, and fails when a scenario that `expected.txt` does not list
//! stops passing (or a swagger file it does not list stops generating), and when one that it
//! lists passes (or generates): its line must go.
//!
//! Run by `cargo xtask conformance` (and `cargo xtask test`); an argument runs only the tests
//! whose `file::name` contains it, and skips the comparison. `--update-expected` rewrites
//! `expected.txt` instead of comparing: passing lines go, reasons of failing ones stay, and a
//! new failure gets its test's message (or `no test yet`) as its reason, to be reviewed.

mod files;
mod report;
mod scenario;
mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use scenario::Ctx;

/// How long one test may take (the retry scenarios wait between attempts).
const TEST_TIMEOUT: Duration = Duration::from_secs(60);

#[tokio::main]
async fn main() -> ExitCode {
    match run().await {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(message) => {
            eprintln!("conformance: error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> Result<bool, String> {
    let suite: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("no suite directory")?
        .to_path_buf();
    let arg = std::env::args().nth(1);
    let update = arg.as_deref() == Some("--update-expected");
    let filter = arg.filter(|_| !update);
    let expected_text = std::fs::read_to_string(suite.join("expected.txt"))
        .map_err(|e| format!("{}/expected.txt: {e}", suite.display()))?;
    let expected = report::parse_expected(&expected_text)?;

    let server = server::Server::start(&suite)?;
    let scenarios = files::all();
    let mut failed_tests = 0;
    let mut test_ok: BTreeMap<&str, bool> = BTreeMap::new();
    let mut failures: BTreeMap<&str, String> = BTreeMap::new();
    let mut file_of: BTreeMap<&str, &'static str> = BTreeMap::new();
    let mut ran = 0;
    for scenario in &scenarios {
        let full = format!("{}::{}", scenario.file, scenario.name);
        if filter.as_deref().is_some_and(|f| !full.contains(f)) {
            continue;
        }
        ran += 1;
        let ctx = Ctx::new(&server.base_url);
        let outcome = match tokio::time::timeout(TEST_TIMEOUT, (scenario.run)(ctx)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(format!("timed out after {TEST_TIMEOUT:?}")),
        };
        match &outcome {
            Ok(()) => println!("test {full} ... ok"),
            Err(message) => {
                failed_tests += 1;
                println!("test {full} ... FAILED: {message}");
            }
        }
        for key in scenario.keys {
            let entry = test_ok.entry(key).or_insert(true);
            *entry &= outcome.is_ok();
            if let Err(message) = &outcome {
                failures.entry(key).or_insert_with(|| message.clone());
            }
            file_of.entry(key).or_insert(scenario.file);
        }
    }
    println!(
        "conformance tests: {} passed, {failed_tests} failed",
        ran - failed_tests
    );

    let reports = report::fetch(&server.base_url).await?;
    drop(server);
    let unknown = report::unknown_keys(test_ok.keys().copied(), &reports);
    let mut problems: Vec<String> = unknown
        .iter()
        .map(|key| format!("a test names the counter {key}, which no report has"))
        .collect();
    let mut results = report::Results {
        passed: BTreeMap::new(),
        file_of: BTreeMap::new(),
    };
    for (&name, counters) in &reports {
        for (counter, hits) in counters {
            let key = (name.to_string(), counter.clone());
            let ok = *hits > 0 && test_ok.get(counter.as_str()).copied().unwrap_or(false);
            results.passed.insert(key.clone(), ok);
            if let Some(file) = file_of.get(counter.as_str()) {
                results.file_of.insert(key, file);
            }
        }
    }
    let compared = report::print_and_compare(&results, &reports, &expected);
    if update {
        let text = report::updated_expected(&expected_text, &results, &failures);
        std::fs::write(suite.join("expected.txt"), text)
            .map_err(|e| format!("{}/expected.txt: {e}", suite.display()))?;
        println!("conformance: expected.txt rewritten: review its diff");
        return Ok(true);
    }
    problems.extend(generation_problems(&suite, &expected)?);
    if filter.is_some() {
        println!("(a filter was given: not compared with expected.txt)");
        return Ok(failed_tests == 0);
    }
    problems.extend(compared);
    for problem in &problems {
        println!("conformance: FAILED: {problem}");
    }
    Ok(problems.is_empty())
}

/// Reads `clients/generation.txt` (written by `cargo xtask conformance`), prints how many files
/// generate, and compares it with the `generate` lines of the expected file.
fn generation_problems(suite: &Path, expected: &report::Expected) -> Result<Vec<String>, String> {
    let path = suite.join("clients/generation.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let (problems, generated, total) = report::generation_problems(&text, expected);
    println!("conformance: {generated} of {total} swagger files generate and compile warning-free");
    Ok(problems)
}
