//! Two independent runs over the same spec give the same bytes: the IR as JSON, and every
//! generated file (the second run is on another thread, so per-thread hash seeds differ too).

use std::path::PathBuf;

use codegen::GeneratedFile;

fn acr() -> PathBuf {
    tests::workspace_root().join("specs/containerregistry/2019-08-15-preview.json")
}

/// Runs `f` twice, the second time on another thread.
fn twice<T: Send + 'static>(f: fn() -> T) -> (T, T) {
    let first = f();
    let second = std::thread::spawn(f)
        .join()
        .expect("the second run panicked");
    (first, second)
}

/// Panics at the first line where `a` and `b` differ.
fn assert_same_text(what: &str, a: &str, b: &str) {
    if let Some((n, (x, y))) = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .find(|(_, (x, y))| x != y)
    {
        panic!(
            "{what} differs at line {}:\n  first:  {x}\n  second: {y}",
            n + 1
        );
    }
    assert_eq!(
        a.len(),
        b.len(),
        "{what}: one run's output is a prefix of the other's"
    );
    assert!(a == b, "{what} differs");
}

#[test]
fn ir_json_is_identical() {
    let (a, b) =
        twice(|| serde_json::to_string_pretty(&tests::api(&acr())).expect("the IR serializes"));
    assert_same_text("the IR", &a, &b);
}

#[test]
fn generated_files_are_identical() {
    fn generate() -> Vec<GeneratedFile> {
        let path = acr();
        let api = codegen::load_api(&path).unwrap_or_else(|e| panic!("{e}"));
        let options = tests::crate_options("containerregistry-2019-08-15-preview", "0.1.0", &path);
        codegen::generate(&api, &options).unwrap_or_else(|e| panic!("{e}"))
    }
    let (a, b) = twice(generate);
    let paths = |files: &[GeneratedFile]| files.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&a), paths(&b), "the runs generated different files");
    assert!(!a.is_empty(), "nothing was generated");
    for (x, y) in a.iter().zip(&b) {
        assert_same_text(&x.path.display().to_string(), &x.contents, &y.contents);
    }
}
