//! No test reads outside the repository: `cargo xtask test` must pass in a fresh clone with
//! nothing beside it (CI lays the read-only `shared/` folder beside its clone, a newcomer does not).
//!
//! Two scans, both lexical:
//! - Rust test code (every `.rs` file of a `tests` directory or module, the `tests` crate, and
//!   every item under `#[cfg(test)]` or `#[test]` elsewhere; doc comments and attributes are not
//!   code): each string literal is cut into path-like words, and a word fails the test when, taken
//!   relative to its crate's directory (where `cargo test` runs and `env!("CARGO_MANIFEST_DIR")`
//!   points) or to its file's directory (`include_str!`, `insta::glob!`), its `..` steps leave the
//!   repository; or when it names the sibling `shared/` folder (by an absolute path or one that climbs to it).
//! - Test inputs (`tests/fixtures/`, `tests/data/`, `specs/`): a relative path (a `$ref`) whose
//!   `..` steps leave the repository from the file's directory.
//!
//! A literal that only looks like a path (an input of a path-normalizing function) is listed in
//! [`NOT_FILE_PATHS`] with its reason; the list is checked too, so it cannot go stale.

use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use proc_macro2::{Delimiter, TokenStream, TokenTree};

/// Literals in test code that are not read from disk: (file relative to the root, word, why).
const NOT_FILE_PATHS: &[(&str, &str, &str)] = &[
    (
        "codegen/src/resolve/reference.rs",
        "../x/../../y.json",
        "an input of the lexical `normalize` test",
    ),
    (
        "codegen/src/resolve/reference.rs",
        "../../y.json",
        "the expected output of the lexical `normalize` test",
    ),
    (
        "codegen/src/resolve/mod.rs",
        "./sub/../../../../../etc/passwd",
        "a `$ref` the confinement test expects to be refused, never read",
    ),
    (
        "codegen/src/resolve/mod.rs",
        "../../x.json",
        "a `$ref` the confinement test expects to be refused, never read",
    ),
    (
        "tests/tests/ref_confinement.rs",
        "../../../../../../../../etc/passwd",
        "a `$ref` the confinement test expects to be refused, never read",
    ),
];

/// The folders CI lays beside its clone (`shared/`); a test must never name them.
const SIBLING_FOLDERS: &[&str] = &[
    "shared/seeds",
    "shared/corpus",
    "shared/docs",
    "shared/upstream-specs",
    "shared/hooks",
];

/// Directories never scanned: build output, generated crates (no tests of ours), tools' caches.
const SKIPPED_DIRS: &[&str] = &["target", "generated", "node_modules", ".git"];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    /// The file, relative to the root.
    file: String,
    /// The path-like word.
    word: String,
    /// Why it leaves the repository.
    why: String,
}

fn root() -> PathBuf {
    tests::workspace_root()
}

#[test]
fn no_test_refers_to_a_path_outside_the_repository() {
    let root = root();
    let mut findings = Vec::new();
    let mut rust_files = 0;
    // This file is skipped: its literals are the scanner's own examples of what it catches.
    for file in files_under(&root, &root, &|p| p.extension().is_some_and(|e| e == "rs")) {
        if file == root.join("tests/tests/self_contained.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let crate_dir = crate_dir_of(&root, &file);
        findings.extend(
            scan_rust(&root, &crate_dir, &file, &text).unwrap_or_else(|e| {
                panic!("{}: cannot lex: {e}", file.display());
            }),
        );
        rust_files += 1;
    }
    assert!(
        rust_files > 50,
        "only {rust_files} Rust files found under {}",
        root.display()
    );
    let mut inputs = 0;
    for dir in ["tests/fixtures", "tests/data", "specs"] {
        let is_doc = |p: &Path| {
            p.extension()
                .is_some_and(|e| ["json", "yaml", "yml", "txt"].contains(&e.to_str().unwrap_or("")))
        };
        for file in files_under(&root, &root.join(dir), &is_doc) {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            findings.extend(scan_input(&root, &file, &text));
            inputs += 1;
        }
    }
    assert!(inputs > 20, "only {inputs} test inputs found");

    for (file, word, why) in NOT_FILE_PATHS {
        let at = findings
            .iter()
            .position(|f| f.file == *file && f.word == *word);
        assert!(
            at.is_some(),
            "NOT_FILE_PATHS lists `{word}` in {file} ({why}), which is no longer there: remove it"
        );
    }
    findings.retain(|f| {
        !NOT_FILE_PATHS
            .iter()
            .any(|(file, word, _)| f.file == *file && f.word == *word)
    });
    assert!(
        findings.is_empty(),
        "tests refer to paths outside the repository (copy what they need into tests/fixtures/):\n{}",
        findings
            .iter()
            .map(|f| format!("  {}: `{}`: {}", f.file, f.word, f.why))
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// The scanner itself: it must catch what it is for, and leave alone what is fine.
#[test]
fn the_scan_catches_reads_outside_and_passes_reads_inside() {
    let root = Path::new("/r/repo");
    let codegen = root.join("codegen");
    let scan = |crate_dir: &Path, file: &str, text: &str| -> Vec<String> {
        scan_rust(root, crate_dir, &root.join(file), text)
            .unwrap()
            .into_iter()
            .map(|f| f.word)
            .collect()
    };
    // The unit test that once read seed 004 beside the clone. The sibling paths are put together
    // here so that this file does not name the sibling folder itself.
    let seed = format!("{UP}/{UP}/shared/seeds/004_35570a34563fda94.txt", UP = "..");
    let offender = r#"
        fn load() {}
        #[cfg(test)]
        mod tests {
            #[test]
            fn seed() {
                let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("SEED");
            }
        }"#
    .replace("SEED", &seed);
    assert_eq!(scan(&codegen, "codegen/src/load.rs", &offender), [seed]);
    // The same literal outside test code (an xtask command may read the sibling folder).
    let command = r#"fn corpus() { let p = Path::new("UP/shared/corpus"); }"#.replace("UP", "..");
    assert!(scan(&root.join("xtask"), "xtask/src/corpus.rs", &command).is_empty());
    // Absolute paths to the sibling folder, in a test file; a raw string; a `#[test]` fn.
    let text = r##"
        //! Doc comments may name /work/shared/seeds/004.txt: they are not read.
        fn f() { read("/work/shared/seeds/004.txt"); read(r#"x ../../../elsewhere/y.json"#); }
    "##;
    assert_eq!(
        scan(&root.join("tests"), "tests/tests/x.rs", text),
        ["/work/shared/seeds/004.txt", "../../../elsewhere/y.json"]
    );
    let text = r#"
        #[test]
        fn t() { std::fs::read("../../outside.txt").unwrap(); }
        fn helper() { std::fs::read("../../not-test-code.txt").unwrap(); }
    "#;
    assert_eq!(
        scan(&codegen, "codegen/src/a.rs", text),
        ["../../outside.txt"]
    );
    // Inside the repository, from the crate or the file: fine.
    let text = r#"
        #[test]
        fn t() {
            insta::glob!("../fixtures/openapi3", "*.yaml", |p| {});
            let s = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/x.json");
            let url = "http://127.0.0.1:80/v2/a/../b";
        }
    "#;
    assert!(scan(&root.join("tests"), "tests/tests/x.rs", text).is_empty());
    // Test inputs: a `$ref` that climbs out of the repository, and one that stays in.
    let json = r#"{"a": {"$ref": "../../../../x.json#/definitions/A"}, "b": {"$ref": "../swagger2/refs.json"}}"#;
    let found = scan_input(root, &root.join("tests/fixtures/openapi3/a.json"), json);
    let words: Vec<&str> = found.iter().map(|f| f.word.as_str()).collect();
    assert_eq!(words, ["../../../../x.json"]);
}

/// Every file under `dir` that `wanted` accepts, sorted, skipping [`SKIPPED_DIRS`] and hidden
/// directories.
fn files_under(root: &Path, dir: &Path, wanted: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                // Nested build output too (`benches/*/target`).
                if !name.starts_with('.') && !SKIPPED_DIRS.contains(&name.as_str()) {
                    stack.push(path);
                }
            } else if wanted(&path) {
                out.push(path);
            }
        }
    }
    let _ = root;
    out.sort();
    out
}

/// The nearest directory at or above `file` with a `Cargo.toml`, or the root.
fn crate_dir_of(root: &Path, file: &Path) -> PathBuf {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d.join("Cargo.toml").is_file() || d == root {
            return d.to_path_buf();
        }
        dir = d.parent();
    }
    root.to_path_buf()
}

/// The findings in one Rust file.
fn scan_rust(
    root: &Path,
    crate_dir: &Path,
    file: &Path,
    text: &str,
) -> Result<Vec<Finding>, String> {
    let tokens = TokenStream::from_str(text).map_err(|e| format!("{e:?}"))?;
    let in_crate = file.strip_prefix(crate_dir).unwrap_or(file);
    let all_test_code = crate_dir == root.join("tests")
        || in_crate.components().any(|c| c.as_os_str() == "tests")
        || file.file_stem().is_some_and(|s| s == "tests");
    let mut literals = Vec::new();
    collect_literals(tokens, all_test_code, &mut literals);
    let file_dir = file.parent().unwrap_or(root);
    let mut findings = Vec::new();
    for literal in literals {
        for word in path_words(&literal) {
            if let Some(why) = leaves(root, &[crate_dir, file_dir], word) {
                findings.push(Finding {
                    file: rel(root, file),
                    word: word.to_owned(),
                    why,
                });
            }
        }
    }
    Ok(findings)
}

/// The findings in one test input (a spec or fixture): relative paths taken from its directory.
fn scan_input(root: &Path, file: &Path, text: &str) -> Vec<Finding> {
    let dir = file.parent().unwrap_or(root);
    path_words(text)
        .filter_map(|word| {
            leaves(root, &[dir], word).map(|why| Finding {
                file: rel(root, file),
                word: word.to_owned(),
                why,
            })
        })
        .collect()
}

/// The string literals of `tokens` that are test code: all of them when `in_test`, else those
/// inside an item under `#[cfg(test)]`, `#[test]` or `#[tokio::test]`. Attributes (doc comments
/// included) are skipped.
fn collect_literals(tokens: TokenStream, in_test: bool, out: &mut Vec<String>) {
    let mut test_item_pending = false;
    let mut iter = tokens.into_iter().peekable();
    while let Some(token) = iter.next() {
        match token {
            TokenTree::Punct(p) if p.as_char() == '#' => {
                if let Some(TokenTree::Punct(bang)) = iter.peek()
                    && bang.as_char() == '!'
                {
                    iter.next();
                }
                if let Some(TokenTree::Group(g)) = iter.peek()
                    && g.delimiter() == Delimiter::Bracket
                {
                    let attribute: String = g.stream().to_string().split_whitespace().collect();
                    if ["cfg(test)", "test", "tokio::test"].contains(&attribute.as_str())
                        || attribute.starts_with("tokio::test(")
                    {
                        test_item_pending = true;
                    }
                    iter.next();
                }
            }
            TokenTree::Group(g) => {
                let test_here = in_test || test_item_pending;
                collect_literals(g.stream(), test_here, out);
                if g.delimiter() == Delimiter::Brace {
                    test_item_pending = false;
                }
            }
            TokenTree::Punct(p) if p.as_char() == ';' => test_item_pending = false,
            TokenTree::Literal(lit) if in_test || test_item_pending => {
                if let Some(text) = string_value(&lit.to_string()) {
                    out.push(text);
                }
            }
            _ => {}
        }
    }
}

/// The value of a string literal token (`"a\n"`, `r#"a"#`), or `None` for other literals.
fn string_value(token: &str) -> Option<String> {
    if token.starts_with('"') || token.starts_with("r\"") || token.starts_with("r#") {
        syn::parse_str::<syn::LitStr>(token).ok().map(|l| l.value())
    } else if token.starts_with("b\"") || token.starts_with("br") {
        syn::parse_str::<syn::LitByteStr>(token)
            .ok()
            .map(|l| String::from_utf8_lossy(&l.value()).into_owned())
    } else {
        None
    }
}

/// The words of `text` that may be paths: runs of path characters with a `/` in them.
fn path_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || "._-/~@+".contains(c)))
        .filter(|w| w.contains('/'))
}

/// Why `word` leaves the repository at `root`, taken relative to any of `bases`, or `None`.
fn leaves(root: &Path, bases: &[&Path], word: &str) -> Option<String> {
    if SIBLING_FOLDERS.iter().any(|s| word.contains(s)) {
        return Some("names the folder CI lays beside the clone".to_owned());
    }
    if word.starts_with('/') || !word.split('/').any(|part| part == "..") {
        return None;
    }
    for base in bases {
        let mut at: Vec<Component> = base.components().collect();
        for part in word.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    at.pop();
                }
                name => at.push(Component::Normal(name.as_ref())),
            }
            let here: PathBuf = at.iter().collect();
            if !here.starts_with(root) {
                return Some(format!(
                    "from {} it reaches {}, outside the repository",
                    rel(root, base),
                    here.display()
                ));
            }
        }
    }
    None
}

fn rel(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(p) if p.as_os_str().is_empty() => ".".to_owned(),
        Ok(p) => codegen::display_path(p),
        Err(_) => path.display().to_string(),
    }
}
