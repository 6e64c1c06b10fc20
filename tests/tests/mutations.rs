//! A property test over the loader, the lowering and the emitter: every input either generates a
//! crate or is refused with an error, never a panic.
//!
//! The inputs are our own specs and fixtures, each changed by a few seeded, deterministic
//! mutations (a member removed, renamed or added, a value replaced by one of another kind, a
//! subtree grafted elsewhere, a `$ref` pointed somewhere else, a schema wrapped in `allOf`, a
//! `type` changed, a named schema made to inherit from another or itself, text with control
//! characters). A case that does not finish within a minute fails as a hang. Mutated documents stay inside a temporary
//! copy of their directory, and their `$ref`s stay inside the document or its directory.
//!
//! The number of cases is bounded (`MUTATION_CASES`, default 240), and so is the run; a longer
//! run is `MUTATION_CASES=5000 cargo test -p tests --test mutations`, and `MUTATION_SEED` picks
//! another sequence, and `MUTATION_SHOW_ERRORS=1` prints each refusal. A failure names the seed, the case and the mutations, which reproduce it.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

/// `splitmix64`: a small, well-distributed generator; the same seed gives the same cases on
/// every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// One step from a node to a child.
#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// How long one case may take (a debug build on a busy machine), before it counts as a hang.
const CASE_SECONDS: u64 = 60;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Every spec and fixture of the repository (not the baselines), sorted.
fn inputs() -> Vec<PathBuf> {
    let root = tests::workspace_root();
    let mut out = Vec::new();
    for dir in [
        "specs/containerregistry",
        "specs/docker-registry",
        "tests/fixtures/swagger2",
        "tests/fixtures/openapi3",
    ] {
        let dir = root.join(dir);
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("a directory entry").path();
            if path.extension().is_some_and(|e| e == "json" || e == "yaml") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The path of every node of `value`, in document order.
fn paths(value: &Value) -> Vec<Vec<Step>> {
    let mut out = Vec::new();
    let mut stack = vec![(Vec::new(), value)];
    while let Some((path, node)) = stack.pop() {
        match node {
            Value::Object(map) => {
                for (key, child) in map {
                    let mut p = path.clone();
                    p.push(Step::Key(key.clone()));
                    stack.push((p, child));
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(Step::Index(i));
                    stack.push((p, child));
                }
            }
            _ => {}
        }
        out.push(path);
    }
    out
}

fn get_mut<'a>(value: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    let mut node = value;
    for step in path {
        node = match (step, node) {
            (Step::Key(k), Value::Object(map)) => map.get_mut(k)?,
            (Step::Index(i), Value::Array(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

fn get<'a>(value: &'a Value, path: &[Step]) -> Option<&'a Value> {
    let mut node = value;
    for step in path {
        node = match (step, node) {
            (Step::Key(k), Value::Object(map)) => map.get(k)?,
            (Step::Index(i), Value::Array(items)) => items.get(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

/// The JSON pointer of a path (`#/definitions/a~1b`).
fn pointer(path: &[Step]) -> String {
    let mut out = String::from("#");
    for step in path {
        out.push('/');
        match step {
            Step::Key(k) => out.push_str(&k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => out.push_str(&i.to_string()),
        }
    }
    out
}

/// Keys that mean something to the loader or the lowering, so that renames and insertions
/// reach code paths rather than being ignored.
const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "format",
    "items",
    "properties",
    "additionalProperties",
    "required",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "const",
    "discriminator",
    "x-ms-discriminator-value",
    "x-ms-enum",
    "x-ms-client-name",
    "x-ms-paths",
    "x-ms-parameterized-host",
    "x-nullable",
    "nullable",
    "readOnly",
    "default",
    "in",
    "name",
    "schema",
    "parameters",
    "responses",
    "collectionFormat",
    "style",
    "explode",
    "content",
    "servers",
    "operationId",
    "description",
    "title",
];

/// A value of some kind, to put where another was.
fn scalar(rng: &mut Rng) -> Value {
    let choices = [
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1.5e308),
        json!(""),
        json!("string"),
        json!("x\u{0}y\u{202E}z\u{2066}\n`]<"),
        json!("#/definitions"),
        json!([]),
        json!({}),
        json!(["a", null, 2]),
        json!({ "type": "string", "enum": [] }),
        json!({ "enum": [null] }),
        json!(true),
        json!({ "allOf": [{ "type": "string" }, { "type": "integer" }] }),
        json!({ "type": ["string", "null"] }),
        json!({ "type": "file" }),
    ];
    rng.pick(&choices).clone()
}

/// Applies one mutation to `doc`; returns what it did (for the failure message).
fn mutate(doc: &mut Value, rng: &mut Rng) -> String {
    let all = paths(doc);
    let target = rng.pick::<Vec<Step>>(&all).clone();
    let here = pointer(&target);
    match rng.below(10) {
        // Make a named schema inherit from another (or from itself): inheritance cycles.
        9 => {
            let named: Vec<&Vec<Step>> = all
                .iter()
                .filter(|p| {
                    p.len() == 2 && matches!(&p[0], Step::Key(k) if k == "definitions")
                        || p.len() == 3
                            && matches!(&p[0], Step::Key(k) if k == "components")
                            && matches!(&p[1], Step::Key(k) if k == "schemas")
                })
                .collect();
            if named.is_empty() {
                return "nothing (no named schemas)".into();
            }
            let child = (*rng.pick(&named)).clone();
            let parent = pointer(rng.pick::<&Vec<Step>>(&named));
            if let Some(Value::Object(map)) = get_mut(doc, &child) {
                let all_of = map.entry("allOf").or_insert_with(|| json!([]));
                if let Value::Array(members) = all_of {
                    members.push(json!({ "$ref": parent }));
                }
            }
            format!("made {} inherit from {parent}", pointer(&child))
        }
        // Remove the node from its parent.
        0 => {
            let Some((last, parent)) = target.split_last() else {
                return "nothing (the root cannot be removed)".into();
            };
            match (get_mut(doc, parent), last) {
                (Some(Value::Object(map)), Step::Key(k)) => {
                    map.shift_remove(k);
                }
                (Some(Value::Array(items)), Step::Index(i)) if *i < items.len() => {
                    items.remove(*i);
                }
                _ => {}
            }
            format!("removed {here}")
        }
        // Replace it with a value of another kind.
        1 | 2 => {
            let value = scalar(rng);
            let text = value.to_string();
            if let Some(node) = get_mut(doc, &target) {
                *node = value;
            }
            format!("replaced {here} with {text}")
        }
        // Graft a copy of another node here.
        3 => {
            let source = rng.pick::<Vec<Step>>(&all).clone();
            let Some(copy) = get(doc, &source).cloned() else {
                return "nothing".into();
            };
            if let Some(node) = get_mut(doc, &target) {
                *node = copy;
            }
            format!("replaced {here} with a copy of {}", pointer(&source))
        }
        // Point a `$ref` somewhere: an existing node, or nowhere.
        4 => {
            let reference = if rng.below(4) == 0 {
                "#/nowhere/at/all".to_owned()
            } else {
                pointer(rng.pick::<Vec<Step>>(&all))
            };
            if let Some(node) = get_mut(doc, &target) {
                let mut map = Map::new();
                map.insert("$ref".into(), Value::String(reference.clone()));
                if rng.below(2) == 0 {
                    map.insert("description".into(), json!("a sibling"));
                }
                *node = Value::Object(map);
            }
            format!("made {here} a $ref to {reference}")
        }
        // Wrap it in `allOf`, with an annotation beside it.
        5 => {
            if let Some(node) = get_mut(doc, &target) {
                let inner = node.take();
                *node = json!({ "allOf": [inner, { "description": "wrapped" }] });
            }
            format!("wrapped {here} in allOf")
        }
        // Rename a member to a keyword.
        6 => {
            let Some((Step::Key(old), parent)) = target.split_last() else {
                return "nothing (not a member)".into();
            };
            let new = (*rng.pick(KEYWORDS)).to_owned();
            if let Some(Value::Object(map)) = get_mut(doc, parent)
                && let Some(value) = map.shift_remove(old)
            {
                map.insert(new.clone(), value);
            }
            format!("renamed {here} to {new}")
        }
        // Add a keyword to an object.
        7 => {
            let key = (*rng.pick(KEYWORDS)).to_owned();
            let value = if rng.below(2) == 0 {
                scalar(rng)
            } else {
                get(doc, rng.pick::<Vec<Step>>(&all))
                    .cloned()
                    .unwrap_or(Value::Null)
            };
            if let Some(Value::Object(map)) = get_mut(doc, &target) {
                map.insert(key.clone(), value);
            }
            format!("set {here}/{key}")
        }
        // Change a `type`.
        _ => {
            let types = [
                json!("string"),
                json!("integer"),
                json!("number"),
                json!("boolean"),
                json!("array"),
                json!("object"),
                json!("file"),
                json!("null"),
                json!("nonsense"),
                json!(["string", "null"]),
                json!(["string", "integer"]),
                json!(5),
            ];
            let ty = rng.pick(&types).clone();
            let text = ty.to_string();
            if let Some(Value::Object(map)) = get_mut(doc, &target) {
                map.insert("type".into(), ty);
            }
            format!("set {here}/type to {text}")
        }
    }
}

/// Copies the files of `from` (and its subdirectories) into `to`.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create a directory");
    for entry in std::fs::read_dir(from).expect("a readable directory") {
        let entry = entry.expect("a directory entry");
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).expect("copy a file");
        }
    }
}

#[test]
fn mutated_specs_generate_or_fail_with_an_error_never_a_panic() {
    let cases = env_number("MUTATION_CASES", 240);
    let seed = env_number("MUTATION_SEED", 0x5EED_0008);
    let show_errors = std::env::var_os("MUTATION_SHOW_ERRORS").is_some();
    let inputs = inputs();
    assert!(inputs.len() > 40, "expected every spec and fixture");
    let tmp = tempfile::Builder::new()
        .prefix("mutations-")
        .tempdir()
        .expect("a temporary directory");
    // Each input's directory, copied once, so that relative `$ref`s between files still work.
    let mut copies: Vec<(PathBuf, PathBuf)> = Vec::new();
    let originals: Vec<Value> = inputs
        .iter()
        .map(|path| codegen::load::load_file(path).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let mut failures = Vec::new();
    let (mut generated, mut refused) = (0, 0);
    // Quiet panics: the failures are collected and reported below.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for case in 0..cases {
        let mut rng = Rng(seed ^ case.wrapping_mul(0x2545_F491_4F6C_DD1D));
        let index = rng.below(inputs.len());
        let input = &inputs[index];
        let dir = input.parent().expect("a file in a directory").to_path_buf();
        let copy = match copies.iter().find(|(d, _)| *d == dir) {
            Some((_, copy)) => copy.clone(),
            None => {
                let copy = tmp.path().join(copies.len().to_string());
                copy_dir(&dir, &copy);
                copies.push((dir.clone(), copy.clone()));
                copy
            }
        };
        let mut doc = originals[index].clone();
        let steps: Vec<String> = (0..1 + rng.below(4))
            .map(|_| mutate(&mut doc, &mut rng))
            .collect();
        let path = copy.join(format!("mutated-{case}.json"));
        std::fs::write(&path, serde_json::to_vec(&doc).expect("JSON text"))
            .expect("write the mutated spec");
        let options = tests::crate_options("mutated", "0.1.0", &path);
        // Each case runs on its own thread, so that a hang fails the test instead of stalling it.
        let (send, receive) = std::sync::mpsc::channel();
        let run = path.clone();
        std::thread::spawn(move || {
            let outcome = catch_unwind(AssertUnwindSafe(|| {
                codegen::load_api(&run)
                    .and_then(|api| codegen::generate(&api, &options))
                    .map(|_| ())
            }));
            send.send(outcome).ok();
        });
        let Ok(outcome) = receive.recv_timeout(std::time::Duration::from_secs(CASE_SECONDS)) else {
            failures.push(format!(
                "case {case} (seed {seed:#x}) of {}: {}\n  did not finish in {CASE_SECONDS} s",
                tests::display(input),
                steps.join("; ")
            ));
            // The stuck thread keeps running: stop here and report.
            break;
        };
        match outcome {
            Ok(Ok(_)) => generated += 1,
            Ok(Err(error)) => {
                refused += 1;
                if show_errors {
                    eprintln!("case {case}: {}\n  {error}", steps.join("; "));
                }
            }
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                failures.push(format!(
                    "case {case} (seed {seed:#x}) of {}: {}\n  panicked: {message}",
                    tests::display(input),
                    steps.join("; ")
                ));
            }
        }
        std::fs::remove_file(&path).ok();
    }
    std::panic::set_hook(hook);
    eprintln!("{cases} mutated specs: {generated} generated, {refused} refused with an error");
    assert!(
        failures.is_empty(),
        "{} of {cases} mutated specs panicked or hung:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // A mutator that breaks everything would test only the first checks of the loader.
    assert!(
        generated > cases / 10,
        "only {generated} of {cases} mutated specs generated: the mutations are too destructive to reach the lowering"
    );
}
