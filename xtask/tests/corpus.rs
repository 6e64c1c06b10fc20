//! `cargo xtask corpus` on a small list inside the repository (`tests/corpus/fixtures/mini.txt`):
//! one spec that generates and compiles, one the generator refuses.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/corpus/fixtures")
}

fn corpus(args: &[&str], expected: &Path) -> (Output, String) {
    let work = tempfile::tempdir().expect("a temporary folder");
    let output = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .arg("corpus")
        .arg(fixtures().join("mini.txt"))
        .arg("--expected")
        .arg(expected)
        .arg("--work")
        .arg(work.path())
        .args(args)
        .output()
        .expect("run cargo xtask corpus");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    (output, stdout)
}

#[test]
fn an_expected_refusal_passes_and_the_generated_crate_is_checked() {
    let (output, stdout) = corpus(&["--check", "1"], &fixtures().join("mini.expected.txt"));
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains("corpus: 1 of 2 generated, 1 of 1 compiled, 0 crashed"),
        "{stdout}"
    );
    let refused = stdout
        .lines()
        .find(|l| l.contains("bad/no-version.json"))
        .expect("a row for the refused spec");
    assert!(refused.contains("refused"), "{refused}");
    assert!(refused.contains("(expected)"), "{refused}");
}

#[test]
fn an_unlisted_refusal_fails_the_run() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let expected = dir.path().join("expected.txt");
    std::fs::write(&expected, "").expect("write the expected file");
    let (output, stdout) = corpus(&["--check", "0"], &expected);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("corpus: 1 of 2 generated, 0 of 0 compiled, 0 crashed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("corpus: unexpected: bad/no-version.json"),
        "{stdout}"
    );
}

#[test]
fn a_listed_spec_that_passes_fails_the_run_until_its_line_goes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let expected = dir.path().join("expected.txt");
    std::fs::write(
        &expected,
        "bad/no-version.json generate neither `swagger` nor `openapi`\n\
         ok/servers-relative.yaml generate pretend it failed\n",
    )
    .expect("write the expected file");
    let (output, stdout) = corpus(&["--check", "0"], &expected);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(!stdout.contains("corpus: unexpected:"), "{stdout}");
    assert!(
        stdout.contains(
            "expected.txt:2: `ok/servers-relative.yaml` passes its generate stage now, but is \
             listed as failing it: remove its line"
        ),
        "{stdout}"
    );
}
