//! Docs that hold: the code map of `ARCHITECTURE.md` names every module file of the generator,
//! and names nothing that is gone (after rust-analyzer's `tidy.rs`).
//!
//! The checked folders are [`CHECKED`]. Each direct child that is a module (a `.rs` file, or a
//! folder holding `.rs` files) needs an entry in the `## Code map` section: a file of
//! `codegen/src/` itself a top-level bullet that starts with its path
//! (`` - `codegen/src/naming.rs`: ..``), a child of a checked subfolder a bullet indented by two
//! spaces under that folder's bullet (`` - `codegen/src/emit/`: ..`` then `` - `client.rs`: ..``,
//! or `` - `swagger2/`: ..`` for a folder of modules). A missing entry, an entry for a file that
//! does not exist, and two entries for one file each fail the test with the line to add, remove
//! or merge.
//!
//! And imports that point one way: no file of `codegen/src/emit/` uses, through `super::`, a
//! file that uses it back, directly or through others ([`emit_import_cycles`]); `mod.rs`, the
//! parent every file reads `Ctx` from, and test modules are left out; a `super::` path in a doc
//! link counts as a use.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The folders whose module files the code map must name, relative to the repository root.
const CHECKED: &[&str] = &[
    "codegen/src/",
    "codegen/src/load/",
    "codegen/src/emit/",
    "codegen/src/lower/",
    "codegen/src/resolve/",
    "codegen/src/overlay/",
    "codegen/src/diff/",
];

const DOC: &str = "ARCHITECTURE.md";

#[test]
fn the_code_map_names_every_module_file_and_nothing_else() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let text = std::fs::read_to_string(root.join(DOC)).expect("ARCHITECTURE.md");
    let problems = check(&code_map_entries(&text), &module_files(&root));
    assert!(
        problems.is_empty(),
        "the code map of {DOC} is out of date:\n\n{}",
        problems.join("\n\n")
    );
}

#[test]
fn the_imports_between_emit_files_point_one_way() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../codegen/src/emit");
    let cycles = emit_import_cycles(&emit_imports(&dir));
    assert!(
        cycles.is_empty(),
        "files of codegen/src/emit/ import each other (through `super::`):\n{}",
        cycles.join("\n")
    );
}

/// Per file of `dir` (its stem, `mod.rs` aside): the sibling files it names through `super::`
/// outside its test modules.
fn emit_imports(dir: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut sources = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("codegen/src/emit") {
        let path = entry.expect("a directory entry").path();
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if path.extension().is_some_and(|e| e == "rs") && stem != "mod" {
            let source = std::fs::read_to_string(&path).expect("a source file");
            sources.insert(stem.to_owned(), source);
        }
    }
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(stem, source)| {
            let mut used = super_uses(source, &modules);
            used.remove(stem);
            (stem.clone(), used)
        })
        .collect()
}

/// The names of `modules` that `source` reaches through `super::` (`super::x::..`, or an item
/// of `use super::{x, y::z}`), before its first `#[cfg(test)]`.
fn super_uses(source: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices("super::") {
        let rest = &code[at + "super::".len()..];
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => top_level_items(group),
            None => vec![rest],
        };
        for name in names {
            let end = name
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(name.len());
            if modules.contains(&name[..end]) {
                found.insert(name[..end].to_owned());
            }
        }
    }
    found
}

/// The items of a `{a, b::{c, d}, e}` group (without its `{`), each trimmed, up to its `}`.
fn top_level_items(group: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' if depth == 0 => {
                items.push(group[start..i].trim());
                break;
            }
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(group[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    items
}

/// Each circle of `imports` (`a -> b -> a`), found once, from its first file in name order.
fn emit_import_cycles(imports: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut cycles = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for start in imports.keys() {
        let mut path = vec![start.as_str()];
        walk(imports, &mut path, &mut done, &mut cycles);
        done.insert(start);
    }
    cycles
}

/// Extends `path` by every import of its last file that no earlier start covers, recording a
/// cycle when it comes back to `path[0]`.
fn walk<'g>(
    imports: &'g BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<&'g str>,
    done: &mut BTreeSet<&'g str>,
    cycles: &mut Vec<String>,
) {
    let last = path[path.len() - 1];
    for next in imports.get(last).into_iter().flatten() {
        if next == path[0] {
            cycles.push(format!("{} -> {next}", path.join(" -> ")));
        } else if !path.contains(&next.as_str()) && !done.contains(next.as_str()) {
            path.push(next);
            walk(imports, path, done, cycles);
            path.pop();
        }
    }
}

/// The code map's entries under the checked folders: path (`codegen/src/emit/client.rs`,
/// `codegen/src/lower/swagger2/`) -> the 1-based lines that name it.
fn code_map_entries(markdown: &str) -> BTreeMap<String, Vec<usize>> {
    let mut entries: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let mut in_map = false;
    // The checked folder whose top-level bullet was the last one.
    let mut folder: Option<String> = None;
    for (i, line) in markdown.lines().enumerate() {
        if let Some(title) = line.strip_prefix("## ") {
            in_map = title.trim() == "Code map";
            folder = None;
            continue;
        }
        if !in_map {
            continue;
        }
        if let Some(name) = bullet_name(line, "- ") {
            folder = None;
            if name.starts_with("codegen/src/") {
                entries.entry(name.to_string()).or_default().push(i + 1);
                if name.ends_with('/') && CHECKED.contains(&name) {
                    folder = Some(name.to_string());
                }
            }
        } else if let (Some(name), Some(folder)) = (bullet_name(line, "  - "), &folder) {
            entries
                .entry(format!("{folder}{name}"))
                .or_default()
                .push(i + 1);
        }
    }
    entries
}

/// The name in backticks that starts a bullet with exactly this indentation.
fn bullet_name<'a>(line: &'a str, bullet: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(bullet)?.strip_prefix('`')?;
    let (name, _) = rest.split_once('`')?;
    Some(name)
}

/// The direct module children of the checked folders: `.rs` files, and folders (with a trailing
/// `/`) that hold `.rs` files.
fn module_files(root: &Path) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    for folder in CHECKED {
        let dir = root.join(folder);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{folder}: {e}"));
        for entry in entries {
            let path = entry.expect("a folder entry").path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if holds_rust(&path) {
                    files.insert(format!("{folder}{name}/"));
                }
            } else if name.ends_with(".rs") {
                files.insert(format!("{folder}{name}"));
            }
        }
    }
    files
}

fn holds_rust(dir: &Path) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|e| e.path().extension().is_some_and(|ext| ext == "rs"))
}

/// What differs between the code map's entries and the module files, as instructions.
fn check(entries: &BTreeMap<String, Vec<usize>>, files: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    for file in files {
        if entries.contains_key(file) {
            continue;
        }
        let (parent, name) = split(file);
        let message = if parent == CHECKED[0] || !CHECKED.contains(&parent) {
            format!(
                "`{file}` has no entry: add to the `## Code map` of {DOC} the line\n\
                 - `{file}`: <what it does>"
            )
        } else {
            let under = match entries.get(parent) {
                Some(lines) => format!("the entry of `{parent}` ({DOC}:{})", lines[0]),
                None => format!("a new entry for `{parent}`"),
            };
            format!(
                "`{file}` has no entry: add under {under}, with its siblings, the line\n  \
                 - `{name}`: <what it does>"
            )
        };
        problems.push(message);
    }
    for (entry, lines) in entries {
        if CHECKED.contains(&split(entry).0) && !files.contains(entry) {
            problems.push(format!(
                "{DOC}:{}: the code map names `{entry}`, which does not exist: remove that \
                 line, or correct the name",
                lines[0]
            ));
        }
        if lines.len() > 1 {
            let shown: Vec<String> = lines.iter().map(|n| n.to_string()).collect();
            problems.push(format!(
                "{DOC}:{}: `{entry}` has {} entries: merge them into one",
                shown.join(", "),
                lines.len()
            ));
        }
    }
    problems
}

/// `codegen/src/emit/client.rs` -> (`codegen/src/emit/`, `client.rs`);
/// `codegen/src/lower/swagger2/` -> (`codegen/src/lower/`, `swagger2/`).
fn split(path: &str) -> (&str, &str) {
    let cut = path
        .trim_end_matches('/')
        .rfind('/')
        .map_or(0, |slash| slash + 1);
    path.split_at(cut)
}

#[cfg(test)]
mod the_check {
    use super::*;

    const MAP: &str = "\
# Architecture

- `codegen/src/emit/` is not an entry outside the code map.

## Code map

- `codegen/src/lib.rs`: entry points.
- `codegen/src/emit/`: IR to tokens.
  - `mod.rs`: the emitter.
  - `client.rs`: `src/lib.rs`.
    - `nested.rs`: deeper bullets are prose, not entries.
  - `gone.rs`: removed since.
- `codegen/src/lower/`: documents to the IR.
  - `swagger2/`: Swagger 2.0.
- `codegen/runtime/`: not checked.
  - `pipeline.rs`: not under a checked folder.
- `codegen/src/lower/`: a second entry.

## Invariants

- `codegen/src/naming.rs` outside the code map is not an entry.
";

    fn tree(files: &[&str]) -> BTreeSet<String> {
        files.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn entries_are_read_from_the_code_map_only() {
        let entries = code_map_entries(MAP);
        let names: Vec<&str> = entries.keys().map(String::as_str).collect();
        assert_eq!(
            names,
            [
                "codegen/src/emit/",
                "codegen/src/emit/client.rs",
                "codegen/src/emit/gone.rs",
                "codegen/src/emit/mod.rs",
                "codegen/src/lib.rs",
                "codegen/src/lower/",
                "codegen/src/lower/swagger2/",
            ]
        );
        assert_eq!(entries["codegen/src/lower/"], [13, 17]);
        assert_eq!(entries["codegen/src/emit/client.rs"], [10]);
    }

    #[test]
    fn a_file_without_an_entry_gets_the_line_to_add() {
        let entries = code_map_entries(MAP);
        let files = tree(&[
            "codegen/src/lib.rs",
            "codegen/src/ir.rs",
            "codegen/src/emit/",
            "codegen/src/emit/mod.rs",
            "codegen/src/emit/client.rs",
            "codegen/src/emit/gone.rs",
            "codegen/src/emit/wire.rs",
            "codegen/src/lower/",
            "codegen/src/lower/swagger2/",
            "codegen/src/resolve/",
            "codegen/src/resolve/files.rs",
        ]);
        let problems = check(&entries, &files);
        let expected = [
            "`codegen/src/emit/wire.rs` has no entry: add under the entry of `codegen/src/emit/` \
             (ARCHITECTURE.md:8), with its siblings, the line\n  - `wire.rs`: <what it does>",
            "`codegen/src/ir.rs` has no entry: add to the `## Code map` of ARCHITECTURE.md the \
             line\n- `codegen/src/ir.rs`: <what it does>",
            "`codegen/src/resolve/` has no entry: add to the `## Code map` of ARCHITECTURE.md \
             the line\n- `codegen/src/resolve/`: <what it does>",
            "`codegen/src/resolve/files.rs` has no entry: add under a new entry for \
             `codegen/src/resolve/`, with its siblings, the line\n  - `files.rs`: <what it does>",
            "ARCHITECTURE.md:13, 17: `codegen/src/lower/` has 2 entries: merge them into one",
        ];
        assert_eq!(problems, expected);
    }

    #[test]
    fn an_entry_without_a_file_is_to_remove() {
        let entries = code_map_entries(MAP);
        let files = tree(&[
            "codegen/src/lib.rs",
            "codegen/src/emit/",
            "codegen/src/emit/mod.rs",
            "codegen/src/emit/client.rs",
            "codegen/src/lower/",
            "codegen/src/lower/swagger2/",
        ]);
        let problems = check(&entries, &files);
        assert_eq!(
            problems,
            [
                "ARCHITECTURE.md:12: the code map names `codegen/src/emit/gone.rs`, which does \
                 not exist: remove that line, or correct the name",
                "ARCHITECTURE.md:13, 17: `codegen/src/lower/` has 2 entries: merge them into one",
            ]
        );
    }

    #[test]
    fn super_uses_are_read_from_paths_and_use_groups_outside_tests() {
        let modules = tree(&["docs", "facts", "inputs", "status", "types", "wire"]);
        let source = "use super::facts::{Kind, Slot};\nuse super::{Ctx, docs::code, inputs};\n\
                      fn f() { super::status::is_answer(); }\n\
                      #[cfg(test)]\nmod tests { use super::wire; }\n";
        let used: Vec<String> = super_uses(source, &modules).into_iter().collect();
        assert_eq!(used, ["docs", "facts", "inputs", "status"]);
    }

    #[test]
    fn import_cycles_are_reported_once_each() {
        let graph = |edges: &[(&str, &str)]| {
            let mut imports: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            for (from, to) in edges {
                imports
                    .entry(from.to_string())
                    .or_default()
                    .insert(to.to_string());
                imports.entry(to.to_string()).or_default();
            }
            imports
        };
        let one_way = graph(&[("a", "b"), ("b", "c"), ("a", "c")]);
        assert_eq!(emit_import_cycles(&one_way), Vec::<String>::new());
        let circles = graph(&[("a", "b"), ("b", "a"), ("c", "d"), ("d", "e"), ("e", "c")]);
        assert_eq!(
            emit_import_cycles(&circles),
            ["a -> b -> a", "c -> d -> e -> c"]
        );
    }

    #[test]
    fn a_map_that_matches_the_tree_passes() {
        let map = "## Code map\n\n- `codegen/src/lib.rs`: x.\n- `codegen/src/emit/`: y.\n  \
                   - `mod.rs`: z.\n  - `fixtures/`: w.\n";
        let files = tree(&[
            "codegen/src/lib.rs",
            "codegen/src/emit/",
            "codegen/src/emit/mod.rs",
            "codegen/src/emit/fixtures/",
        ]);
        assert_eq!(check(&code_map_entries(map), &files), Vec::<String>::new());
    }
}
