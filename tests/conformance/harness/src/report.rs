//! The server's coverage reports, the per-file table, the summary line, and the comparison with
//! the expected-coverage file (`tests/conformance/expected.txt`).

use std::collections::{BTreeMap, BTreeSet};

/// The reports that count, by the name the expected file uses for them.
pub const REPORTS: &[(&str, &str)] = &[
    ("vanilla", "/report"),
    ("azure", "/report/azure"),
    ("optional", "/report/optional"),
];

/// `report name -> (counter -> hits)`.
pub type Reports = BTreeMap<&'static str, BTreeMap<String, u64>>;

pub async fn fetch(base_url: &str) -> Result<Reports, String> {
    let http = reqwest::Client::new();
    let mut reports = Reports::new();
    for (name, path) in REPORTS {
        let url = format!("{base_url}{path}");
        let text = http
            .get(&url)
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .map_err(|e| format!("GET {url}: {e}"))?
            .text()
            .await
            .map_err(|e| format!("GET {url}: {e}"))?;
        let map: BTreeMap<String, serde_json::Value> =
            serde_json::from_str(&text).map_err(|e| format!("GET {url}: not a JSON map: {e}"))?;
        let counts = map
            .into_iter()
            .map(|(k, v)| (k, v.as_u64().unwrap_or(0)))
            .collect();
        reports.insert(name, counts);
    }
    Ok(reports)
}

/// The expected-coverage file: what does not pass yet, and why.
#[derive(Default)]
pub struct Expected {
    /// Swagger files that do not generate, with the reason.
    pub not_generated: BTreeMap<String, String>,
    /// `(report, counter)` -> reason.
    pub not_passing: BTreeMap<(String, String), String>,
}

/// Parses lines `generate <file.json>: <reason>` and `<report> <counter>: <reason>`; `#` starts
/// a comment line.
pub fn parse_expected(text: &str) -> Result<Expected, String> {
    let mut expected = Expected::default();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            format!(
                "expected.txt:{}: want `<report> <counter>: <reason>`",
                n + 1
            )
        };
        let (head, reason) = line.split_once(": ").ok_or_else(bad)?;
        let (kind, what) = head.split_once(' ').ok_or_else(bad)?;
        let reason = reason.trim().to_string();
        if kind == "generate" {
            expected.not_generated.insert(what.to_string(), reason);
        } else if REPORTS.iter().any(|(name, _)| *name == kind) {
            let key = (kind.to_string(), what.to_string());
            if expected.not_passing.insert(key, reason).is_some() {
                return Err(format!("expected.txt:{}: `{head}` is listed twice", n + 1));
            }
        } else {
            return Err(bad());
        }
    }
    Ok(expected)
}

/// What one run found: per counter, whether it passed, and which file's tests name it.
pub struct Results {
    /// `(report, counter)` -> passed.
    pub passed: BTreeMap<(String, String), bool>,
    /// `(report, counter)` -> the swagger file of the tests that name it.
    pub file_of: BTreeMap<(String, String), &'static str>,
}

/// Prints the per-file table and the summary lines; returns the problems against `expected`
/// ([`problems`]).
pub fn print_and_compare(results: &Results, reports: &Reports, expected: &Expected) -> Vec<String> {
    // file -> (counted, passing)
    let mut table: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut counted = 0;
    let mut passing = 0;
    let mut optional = (0, 0);
    for (&report, counters) in reports {
        for counter in counters.keys() {
            let key = (report.to_string(), counter.clone());
            let ok = results.passed.get(&key).copied().unwrap_or(false);
            let file = results
                .file_of
                .get(&key)
                .copied()
                .unwrap_or("(no test yet)");
            let row = table.entry(file).or_default();
            if report == "optional" {
                optional.0 += 1;
                optional.1 += u32::from(ok);
            } else {
                counted += 1;
                passing += u32::from(ok);
            }
            row.0 += 1;
            row.1 += u32::from(ok);
        }
    }
    println!();
    println!("| swagger file | scenarios | passing |");
    println!("|---|---:|---:|");
    for (file, (all, ok)) in &table {
        println!("| {file} | {all} | {ok} |");
    }
    println!();
    println!(
        "conformance: {passing} of {counted} scenarios (reports /report and /report/azure, \
         paging and long-running operations included)"
    );
    println!(
        "conformance (/report/optional): {} of {} scenarios",
        optional.1, optional.0
    );
    problems(&results.passed, reports, expected)
}

/// What fails the run: a counter that does not pass and is not listed in `expected.txt`, a
/// listed counter that passes (its line must go, so that it cannot stop passing unnoticed),
/// and a listed counter that no report has.
pub fn problems(
    passed: &BTreeMap<(String, String), bool>,
    reports: &Reports,
    expected: &Expected,
) -> Vec<String> {
    let mut problems = Vec::new();
    for (&report, counters) in reports {
        for counter in counters.keys() {
            let key = (report.to_string(), counter.clone());
            let ok = passed.get(&key).copied().unwrap_or(false);
            match (ok, expected.not_passing.contains_key(&key)) {
                (false, false) => problems.push(format!(
                    "{report} {counter}: does not pass, and expected.txt does not list it"
                )),
                (true, true) => problems.push(format!(
                    "{report} {counter}: passes now, but expected.txt lists it as failing: \
                     remove its line `{report} {counter}: ..` from tests/conformance/expected.txt"
                )),
                _ => {}
            }
        }
    }
    for (report, counter) in expected.not_passing.keys() {
        let known = reports
            .get(report.as_str())
            .is_some_and(|counters| counters.contains_key(counter));
        if !known {
            problems.push(format!(
                "expected.txt lists {report} {counter}, which no report has: remove its line"
            ));
        }
    }
    problems
}

/// `generation.txt` (`<file>\t<ok or the error>` a line) against the `generate` lines of the
/// expected file: a file that does not generate and is not listed, or that is listed and
/// generates now (its line must go), is a problem. Also returns (generated, total).
pub fn generation_problems(text: &str, expected: &Expected) -> (Vec<String>, usize, usize) {
    let mut problems = Vec::new();
    let mut total = 0;
    let mut generated = 0;
    for line in text.lines() {
        let Some((file, outcome)) = line.split_once('\t') else {
            continue;
        };
        total += 1;
        let ok = outcome == "ok";
        generated += usize::from(ok);
        match (ok, expected.not_generated.contains_key(file)) {
            (false, false) => problems.push(format!("{file} does not generate: {outcome}")),
            (true, true) => problems.push(format!(
                "{file} generates now, but expected.txt lists it as not generating: remove its \
                 line `generate {file}: ..` from tests/conformance/expected.txt"
            )),
            _ => {}
        }
    }
    (problems, generated, total)
}

/// The counters that tests name but no report has (a typo in a test).
pub fn unknown_keys<'a>(
    named: impl Iterator<Item = &'a str>,
    reports: &Reports,
) -> BTreeSet<String> {
    named
        .filter(|key| !reports.values().any(|counters| counters.contains_key(*key)))
        .map(str::to_string)
        .collect()
}

/// The reason of a counter that no test names.
const NO_TEST: &str = "no test yet";

/// `expected.txt` brought in line with `results`: its comment and `generate` lines kept, the
/// lines of passing counters dropped, failing counters kept with their reasons, and new ones
/// added with their test's message (or `no test yet`), in report and counter order.
pub fn updated_expected(old: &str, results: &Results, failures: &BTreeMap<&str, String>) -> String {
    let reasons: BTreeMap<(String, String), String> = parse_expected(old)
        .map(|e| e.not_passing)
        .unwrap_or_default();
    let mut text = String::new();
    for line in old.lines() {
        let kept = line.trim().is_empty() || line.starts_with('#') || line.starts_with("generate ");
        if kept {
            text.push_str(line);
            text.push('\n');
        }
    }
    while text.ends_with("\n\n") {
        text.pop();
    }
    text.push('\n');
    for ((report, counter), passed) in &results.passed {
        if *passed {
            continue;
        }
        let key = (report.clone(), counter.clone());
        let failure = failures
            .get(counter.as_str())
            .map(|m| format!("FAILS: {}", m.replace('\n', " ")));
        let reason = match (reasons.get(&key), failure) {
            (Some(old), Some(failure)) if old == NO_TEST => failure,
            (Some(old), _) => old.clone(),
            (None, Some(failure)) => failure,
            (None, None) => NO_TEST.to_string(),
        };
        text.push_str(&format!("{report} {counter}: {reason}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(report: &str, counter: &str) -> (String, String) {
        (report.to_string(), counter.to_string())
    }

    fn reports() -> Reports {
        BTreeMap::from([
            (
                "vanilla",
                BTreeMap::from([("A".to_string(), 1), ("B".to_string(), 0)]),
            ),
            ("optional", BTreeMap::from([("C".to_string(), 1)])),
        ])
    }

    #[test]
    fn the_expected_file_is_a_ratchet() {
        let expected =
            parse_expected("# comment\nvanilla B: never hit\noptional C: the route is broken\n")
                .unwrap();
        // B fails as listed; C is listed but passes now: its line must go.
        let passed = BTreeMap::from([
            (key("vanilla", "A"), true),
            (key("vanilla", "B"), false),
            (key("optional", "C"), true),
        ]);
        assert_eq!(
            problems(&passed, &reports(), &expected),
            [
                "optional C: passes now, but expected.txt lists it as failing: remove its line \
              `optional C: ..` from tests/conformance/expected.txt"
            ]
        );
        // Once C's line is gone the run passes; A failing unlisted fails it.
        let fixed = parse_expected("vanilla B: never hit\n").unwrap();
        assert_eq!(problems(&passed, &reports(), &fixed), Vec::<String>::new());
        let mut regressed = passed.clone();
        regressed.insert(key("vanilla", "A"), false);
        assert_eq!(
            problems(&regressed, &reports(), &fixed),
            ["vanilla A: does not pass, and expected.txt does not list it"]
        );
        // A counter without a result (no test ran it) does not pass.
        assert_eq!(
            problems(&BTreeMap::new(), &reports(), &fixed),
            [
                "optional C: does not pass, and expected.txt does not list it",
                "vanilla A: does not pass, and expected.txt does not list it",
            ]
        );
        let unknown = parse_expected("vanilla B: x\nazure Z: gone\n").unwrap();
        assert_eq!(
            problems(&passed, &reports(), &unknown),
            ["expected.txt lists azure Z, which no report has: remove its line"]
        );
    }

    #[test]
    fn a_listed_file_that_generates_fails_the_run() {
        let expected =
            parse_expected("generate b.json: refused\ngenerate c.json: refused\n").unwrap();
        let (problems, generated, total) = generation_problems(
            "a.json\tok\nb.json\tok\nc.json\terror: bad\nd.json\terror: worse\n",
            &expected,
        );
        assert_eq!((generated, total), (2, 4));
        assert_eq!(
            problems,
            [
                "b.json generates now, but expected.txt lists it as not generating: remove its \
                 line `generate b.json: ..` from tests/conformance/expected.txt",
                "d.json does not generate: error: worse",
            ]
        );
    }
}
