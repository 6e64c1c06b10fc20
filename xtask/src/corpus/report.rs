//! The sample to compile, the table, the summary line and the verdict against the expected
//! failures.

use std::collections::BTreeMap;
use std::path::Path;

use super::Spec;
use super::compile::Check;
use super::list::{Expected, Stage};
use super::spawn::Generation;

/// A deterministic sample of `n` generated specs: ordered by a hash of their path (so a spec's
/// membership does not depend on which other specs generated), returned in list order.
pub fn sample(specs: &[Spec], n: usize) -> Vec<usize> {
    let mut generated: Vec<usize> = (0..specs.len())
        .filter(|&i| specs[i].generation == Generation::Generated)
        .collect();
    generated.sort_by_key(|&i| (fnv1a(&specs[i].path), i));
    generated.truncate(n);
    generated.sort_unstable();
    generated
}

pub fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// One spec's failure, if any: the stage and the message.
fn failure(spec: &Spec) -> Option<(Stage, &str)> {
    match (&spec.generation, &spec.check) {
        (Generation::Refused(message), _) => Some((Stage::Generate, message)),
        (Generation::Generated, Some(Check::Failed(message))) => Some((Stage::Compile, message)),
        _ => None,
    }
}

/// Prints the table (one row a spec), the summary line and what differs from the expected
/// failures; returns whether the run passes: no crash, no hang, and every failure expected.
pub fn print(specs: &[Spec], expected: &BTreeMap<String, Expected>, expected_path: &Path) -> bool {
    let mut unexpected = Vec::new();
    let mut crashed = 0;
    for spec in specs {
        let generate = match &spec.generation {
            Generation::Generated => "ok",
            Generation::Refused(_) => "refused",
            Generation::Crashed(_) => "CRASHED",
            Generation::Hung(_) => "HUNG",
        };
        let check = match &spec.check {
            None => "-",
            Some(Check::Compiled) => "ok",
            Some(Check::Failed(_)) => "FAILED",
        };
        let detail = match (&spec.generation, &spec.check) {
            (Generation::Refused(m) | Generation::Crashed(m), _) => m.clone(),
            (Generation::Hung(after), _) => format!("killed after {} s", after.as_secs()),
            (_, Some(Check::Failed(m))) => m.clone(),
            _ => String::new(),
        };
        let mark = match (failure(spec), expected.get(&spec.path)) {
            (Some((stage, _)), Some(entry)) if entry.stage == stage => " (expected)",
            _ => "",
        };
        println!(
            "{:>4} {generate:<8} {check:<6} {}{mark}  {detail}",
            spec.number, spec.path
        );
        if matches!(
            spec.generation,
            Generation::Crashed(_) | Generation::Hung(_)
        ) {
            crashed += 1;
            unexpected.push(format!("{}: {generate}: {detail}", spec.path));
        } else if let Some((stage, _)) = failure(spec)
            && expected.get(&spec.path).map(|e| e.stage) != Some(stage)
        {
            unexpected.push(format!("{} ({stage:?} failed)", spec.path));
        }
    }
    let generated = specs
        .iter()
        .filter(|s| s.generation == Generation::Generated)
        .count();
    let checked = specs.iter().filter(|s| s.check.is_some()).count();
    let compiled = specs
        .iter()
        .filter(|s| s.check == Some(Check::Compiled))
        .count();
    println!(
        "corpus: {generated} of {} generated, {compiled} of {checked} compiled, {crashed} crashed",
        specs.len()
    );

    let shown = expected_path.display();
    let stale = stale_entries(specs, expected, &shown.to_string());
    for line in &stale {
        println!("corpus: {line}");
    }
    for line in &unexpected {
        println!("corpus: unexpected: {line}");
    }
    if !unexpected.is_empty() {
        println!(
            "corpus: {} unexpected failure(s): fix them, or list them with a reason in {shown}",
            unexpected.len()
        );
    }
    unexpected.is_empty() && stale.is_empty()
}

/// The expected failures that no longer hold, each with the line to remove: a spec that is not
/// in the list, or that passes the stage it is listed for (a compile entry of a spec outside the
/// checked sample is not known to pass). Any of them fails the run, so the file only shrinks.
pub fn stale_entries(
    specs: &[Spec],
    expected: &BTreeMap<String, Expected>,
    shown: &str,
) -> Vec<String> {
    let mut stale = Vec::new();
    for (path, entry) in expected {
        let Some(spec) = specs.iter().find(|s| &s.path == path) else {
            stale.push(format!(
                "{shown}:{}: `{path}` is not in the list: remove its line",
                entry.line
            ));
            continue;
        };
        let passes = match entry.stage {
            Stage::Generate => spec.generation == Generation::Generated,
            Stage::Compile => spec.check == Some(Check::Compiled),
        };
        if passes {
            stale.push(format!(
                "{shown}:{}: `{path}` passes its {} stage now, but is listed as failing it: \
                 remove its line",
                entry.line,
                entry.stage.name()
            ));
        }
    }
    stale
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(path: &str, generation: Generation, check: Option<Check>) -> Spec {
        Spec {
            path: path.into(),
            number: 1,
            name: "corpus-001".into(),
            generation,
            check,
        }
    }

    #[test]
    fn the_sample_depends_on_each_path_not_on_the_others() {
        let all: Vec<Spec> = (0..20)
            .map(|i| spec(&format!("s{i}.json"), Generation::Generated, None))
            .collect();
        let picked: Vec<String> = sample(&all, 5)
            .iter()
            .map(|&i| all[i].path.clone())
            .collect();
        assert_eq!(picked.len(), 5);
        // Refusing one spec that was not picked leaves the sample as it was.
        let mut fewer = all;
        let dropped = (0..20).find(|i| !picked.contains(&fewer[*i].path)).unwrap();
        fewer[dropped].generation = Generation::Refused("x".into());
        let again: Vec<String> = sample(&fewer, 5)
            .iter()
            .map(|&i| fewer[i].path.clone())
            .collect();
        assert_eq!(picked, again);
        assert_eq!(sample(&fewer, usize::MAX).len(), 19);
    }

    #[test]
    fn crashes_hangs_and_unlisted_failures_fail_the_run() {
        let path = Path::new("e.txt");
        let entry = |stage| Expected {
            stage,
            reason: "r".into(),
            line: 1,
        };
        let refused = [spec("a.json", Generation::Refused("no".into()), None)];
        let none = BTreeMap::new();
        assert!(!print(&refused, &none, path));
        let listed = BTreeMap::from([("a.json".to_string(), entry(Stage::Generate))]);
        assert!(print(&refused, &listed, path));
        // Listed for the wrong stage: still unexpected.
        let compile = BTreeMap::from([("a.json".to_string(), entry(Stage::Compile))]);
        assert!(!print(&refused, &compile, path));
        let failed = [spec(
            "a.json",
            Generation::Generated,
            Some(Check::Failed("e".into())),
        )];
        assert!(print(&failed, &compile, path));
        assert!(!print(&failed, &none, path));
        let crashed = [spec("a.json", Generation::Crashed("abort".into()), None)];
        assert!(!print(&crashed, &listed, path));
        let hung = [spec(
            "a.json",
            Generation::Hung(std::time::Duration::from_secs(1)),
            None,
        )];
        assert!(!print(&hung, &listed, path));
        let fine = [spec("a.json", Generation::Generated, Some(Check::Compiled))];
        assert!(print(&fine, &none, path));
    }

    #[test]
    fn an_expected_failure_that_passes_fails_the_run() {
        let entry = |stage, line| Expected {
            stage,
            reason: "r".into(),
            line,
        };
        let specs = [
            spec("gen.json", Generation::Generated, None),
            spec("built.json", Generation::Generated, Some(Check::Compiled)),
            spec("unsampled.json", Generation::Generated, None),
            spec("refused.json", Generation::Refused("no".into()), None),
        ];
        let expected = BTreeMap::from([
            ("gen.json".to_string(), entry(Stage::Generate, 1)),
            ("built.json".to_string(), entry(Stage::Compile, 2)),
            ("unsampled.json".to_string(), entry(Stage::Compile, 3)),
            ("refused.json".to_string(), entry(Stage::Generate, 4)),
            ("gone.json".to_string(), entry(Stage::Generate, 5)),
        ]);
        assert_eq!(
            stale_entries(&specs, &expected, "e.txt"),
            [
                "e.txt:2: `built.json` passes its compile stage now, but is listed as failing \
                 it: remove its line",
                "e.txt:1: `gen.json` passes its generate stage now, but is listed as failing \
                 it: remove its line",
                "e.txt:5: `gone.json` is not in the list: remove its line",
            ]
        );
        assert!(!print(&specs, &expected, Path::new("e.txt")));
        let holding = BTreeMap::from([
            ("unsampled.json".to_string(), entry(Stage::Compile, 1)),
            ("refused.json".to_string(), entry(Stage::Generate, 2)),
        ]);
        assert_eq!(
            stale_entries(&specs, &holding, "e.txt"),
            Vec::<String>::new()
        );
        assert!(print(&specs, &holding, Path::new("e.txt")));
    }
}
