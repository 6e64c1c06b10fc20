//! Generated file sets in memory, compared with and written to disk.
//!
//! [`ensure_crate`] is the one function behind both `generate` and `check` (rust-analyzer's
//! `ensure_file_contents`): it reads the crate directory, classifies every file as unchanged,
//! changed, missing or extra, and in write mode replaces the directory whole. The new tree is
//! built in a temporary directory beside the target (same filesystem) and swapped in with
//! renames, so a failure at any point leaves the old directory as it was and no temporary
//! directory behind. Files whose contents did not change are hard-linked into the new tree, so
//! they keep their modification time and cargo does not rebuild for nothing.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use codegen::GeneratedFile;

/// A crate's files in memory: path relative to the crate root -> contents.
pub type FileSet = BTreeMap<PathBuf, String>;

/// A crate's files on disk: path relative to the crate root -> contents, `None` when the entry is
/// not a UTF-8 regular file (a symlink, a binary file, ...).
pub type DiskTree = BTreeMap<PathBuf, Option<String>>;

/// Top-level entries of a crate directory that are not generated and survive regeneration: a
/// standalone `--out` crate may be a git checkout with its own build directory and lockfile.
/// They are neither read, nor reported as extra, nor deleted (unless the generator emits them).
pub const PRESERVED: &[&str] = &[".git", "target", "Cargo.lock"];

/// How the files on disk differ from the ones generated.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Changes {
    /// On disk with other contents.
    pub changed: Vec<PathBuf>,
    /// Generated but not on disk.
    pub missing: Vec<PathBuf>,
    /// On disk but no longer generated.
    pub extra: Vec<PathBuf>,
}

impl Changes {
    /// True when the disk matches the generated files exactly.
    pub fn is_empty(&self) -> bool {
        self.changed.is_empty() && self.missing.is_empty() && self.extra.is_empty()
    }
}

/// Whether [`ensure_crate`] writes or only compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

/// What [`ensure_crate`] found (and, in write mode, fixed).
#[derive(Debug)]
pub struct Outcome {
    pub changes: Changes,
    /// The directory's files before any write, for diffs.
    pub on_disk: DiskTree,
}

/// Turns the generator's output into a [`FileSet`], refusing paths that could escape the crate
/// directory and paths listed twice.
pub fn file_set(files: Vec<GeneratedFile>) -> Result<FileSet, String> {
    let mut set = FileSet::new();
    for file in files {
        let safe = file
            .path
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe || file.path.as_os_str().is_empty() {
            return Err(format!(
                "the generator produced an unsafe path `{}` (a bug in codegen)",
                file.path.display()
            ));
        }
        if set.insert(file.path.clone(), file.contents).is_some() {
            return Err(format!(
                "the generator produced `{}` twice (a bug in codegen)",
                file.path.display()
            ));
        }
    }
    Ok(set)
}

/// Compares what is generated with what is on disk. Pure: every list comes out sorted.
pub fn classify(expected: &FileSet, on_disk: &DiskTree) -> Changes {
    let mut changes = Changes::default();
    for (path, contents) in expected {
        match on_disk.get(path) {
            None => changes.missing.push(path.clone()),
            Some(Some(actual)) if actual == contents => {}
            Some(_) => changes.changed.push(path.clone()),
        }
    }
    changes.extra = on_disk
        .keys()
        .filter(|p| !expected.contains_key(*p))
        .cloned()
        .collect();
    changes
}

/// Brings the crate directory `dir` in line with `expected` (write mode) or reports how it
/// differs (check mode). In write mode nothing is touched when nothing differs.
pub fn ensure_crate(dir: &Path, expected: &FileSet, mode: Mode) -> Result<Outcome, String> {
    let preserved = preserved_names(expected);
    let on_disk = read_tree(dir, &preserved)
        .map_err(|e| format!("{}: cannot read the crate directory: {e}", dir.display()))?;
    let changes = classify(expected, &on_disk);
    if mode == Mode::Write && !changes.is_empty() {
        replace_dir(dir, expected, &on_disk, &preserved)?;
    }
    Ok(Outcome { changes, on_disk })
}

/// True when `dir` holds a crate this tool generated: its `Cargo.toml` starts with a line
/// carrying the `@generated` preamble.
pub fn looks_generated(dir: &Path) -> bool {
    fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|text| {
        text.lines()
            .next()
            .is_some_and(|line| line.contains("@generated"))
    })
}

/// True when `dir` does not exist or is an empty directory.
pub fn is_missing_or_empty(dir: &Path) -> io::Result<bool> {
    match fs::read_dir(dir) {
        Ok(mut entries) => Ok(entries.next().is_none()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(true),
        Err(e) => Err(e),
    }
}

fn preserved_names(expected: &FileSet) -> Vec<&'static str> {
    let generated_tops: Vec<_> = expected
        .keys()
        .filter_map(|p| p.components().next())
        .collect();
    PRESERVED
        .iter()
        .copied()
        .filter(|name| !generated_tops.iter().any(|top| top.as_os_str() == *name))
        .collect()
}

/// Reads every file below `dir` (empty when `dir` does not exist), skipping the `preserved`
/// top-level entries. Symlinks are not followed.
fn read_tree(dir: &Path, preserved: &[&str]) -> io::Result<DiskTree> {
    let mut tree = DiskTree::new();
    match fs::symlink_metadata(dir) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(tree),
        Err(e) => return Err(e),
        Ok(meta) if !meta.is_dir() => {
            return Err(io::Error::other("it exists and is not a directory"));
        }
        Ok(_) => {}
    }
    let mut pending = vec![PathBuf::new()];
    while let Some(relative) = pending.pop() {
        for entry in fs::read_dir(dir.join(&relative))? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if relative.as_os_str().is_empty()
                && preserved.iter().any(|name| entry.file_name() == *name)
            {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                pending.push(path);
            } else if kind.is_file() {
                tree.insert(path, String::from_utf8(fs::read(entry.path())?).ok());
            } else {
                tree.insert(path, None);
            }
        }
    }
    Ok(tree)
}

/// Replaces `dir` with a directory holding exactly `expected` (plus the preserved entries of the
/// old one). Either the whole new tree is in place when this returns `Ok`, or `dir` is as it was.
fn replace_dir(
    dir: &Path,
    expected: &FileSet,
    on_disk: &DiskTree,
    preserved: &[&str],
) -> Result<(), String> {
    let fail = |what: &str, e: io::Error| format!("{}: {what}: {e}", dir.display());
    let name = dir
        .file_name()
        .ok_or_else(|| format!("{}: not a directory name", dir.display()))?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    fs::create_dir_all(parent).map_err(|e| fail("cannot create the parent directory", e))?;
    // `.`-prefixed, so that the workspace's `generated/[a-z0-9]*` members glob never matches it.
    // Dropping it (on every return path) deletes it with whatever is left inside.
    let staging = tempfile::Builder::new()
        .prefix(&format!(".{}.xtask-", name.to_string_lossy()))
        .tempdir_in(parent)
        .map_err(|e| fail("cannot create a temporary directory beside it", e))?;
    let new = staging.path().join("new");
    let old = staging.path().join("old");

    fs::create_dir(&new).map_err(|e| fail("cannot write the new tree", e))?;
    for (path, contents) in expected {
        let target = new.join(path);
        let unchanged = on_disk
            .get(path)
            .is_some_and(|c| c.as_deref() == Some(contents.as_str()));
        let written = (|| {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            if unchanged && fs::hard_link(dir.join(path), &target).is_ok() {
                return Ok(());
            }
            fs::write(&target, contents)
        })();
        written.map_err(|e| fail(&format!("cannot write {}", path.display()), e))?;
    }

    if !dir.exists() {
        return fs::rename(&new, dir).map_err(|e| fail("cannot move the new tree in place", e));
    }
    // Carry the preserved entries over, then swap: dir -> staging/old, staging/new -> dir.
    let mut moved = Vec::new();
    let undo = |moved: &[&str], from: &Path| {
        for name in moved {
            let _ = fs::rename(from.join(name), dir.join(name));
        }
    };
    for name in preserved {
        if fs::symlink_metadata(dir.join(name)).is_ok() {
            if let Err(e) = fs::rename(dir.join(name), new.join(name)) {
                undo(&moved, &new);
                return Err(fail(&format!("cannot carry over {name}"), e));
            }
            moved.push(*name);
        }
    }
    if let Err(e) = fs::rename(dir, &old) {
        undo(&moved, &new);
        return Err(fail("cannot move the old tree aside", e));
    }
    if let Err(e) = fs::rename(&new, dir) {
        let _ = fs::rename(&old, dir);
        undo(&moved, &new);
        return Err(fail("cannot move the new tree in place", e));
    }
    staging
        .close()
        .map_err(|e| fail("cannot delete the old tree", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(files: &[(&str, &str)]) -> FileSet {
        files
            .iter()
            .map(|(p, c)| (PathBuf::from(p), c.to_string()))
            .collect()
    }

    fn paths(list: &[PathBuf]) -> Vec<&str> {
        list.iter().map(|p| p.to_str().unwrap()).collect()
    }

    fn write_all(dir: &Path, files: &[(&str, &str)]) {
        for (path, contents) in files {
            let path = dir.join(path);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, contents).unwrap();
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn classifies_changed_missing_and_extra() {
        let expected = set(&[
            ("Cargo.toml", "a"),
            ("src/lib.rs", "new"),
            ("src/new.rs", "x"),
        ]);
        let on_disk: DiskTree = [
            ("Cargo.toml", Some("a")),
            ("src/lib.rs", Some("old")),
            ("src/gone.rs", Some("y")),
            ("logo.png", None),
        ]
        .into_iter()
        .map(|(p, c)| (PathBuf::from(p), c.map(str::to_string)))
        .collect();
        let changes = classify(&expected, &on_disk);
        assert_eq!(paths(&changes.changed), ["src/lib.rs"]);
        assert_eq!(paths(&changes.missing), ["src/new.rs"]);
        assert_eq!(paths(&changes.extra), ["logo.png", "src/gone.rs"]);
        assert!(!changes.is_empty());
        let same: DiskTree = expected
            .iter()
            .map(|(p, c)| (p.clone(), Some(c.clone())))
            .collect();
        assert!(classify(&expected, &same).is_empty());
    }

    #[test]
    fn a_non_utf8_file_counts_as_changed() {
        let expected = set(&[("data.bin", "text")]);
        let on_disk: DiskTree = [(PathBuf::from("data.bin"), None)].into_iter().collect();
        assert_eq!(paths(&classify(&expected, &on_disk).changed), ["data.bin"]);
    }

    #[test]
    fn file_set_refuses_escaping_and_duplicate_paths() {
        let file = |p: &str| GeneratedFile {
            path: p.into(),
            contents: String::new(),
        };
        assert!(file_set(vec![file("src/lib.rs"), file("Cargo.toml")]).is_ok());
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            let err = file_set(vec![file(bad)]).unwrap_err();
            assert!(err.contains("unsafe path"), "{bad}: {err}");
        }
        let err = file_set(vec![file("a"), file("a")]).unwrap_err();
        assert!(err.contains("`a` twice"), "{err}");
    }

    #[test]
    fn writes_a_new_crate_and_then_finds_it_fresh() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("sub/krate");
        let expected = set(&[("Cargo.toml", "# @generated\n"), ("src/lib.rs", "//! x\n")]);
        let outcome = ensure_crate(&dir, &expected, Mode::Write).unwrap();
        assert_eq!(
            paths(&outcome.changes.missing),
            ["Cargo.toml", "src/lib.rs"]
        );
        assert_eq!(
            fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
            "//! x\n"
        );
        assert!(looks_generated(&dir));
        assert!(
            ensure_crate(&dir, &expected, Mode::Check)
                .unwrap()
                .changes
                .is_empty()
        );
        assert_eq!(entries(&tmp.path().join("sub")), ["krate"]);
    }

    #[test]
    fn rewrites_changed_removes_extra_keeps_unchanged_and_preserved() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("krate");
        write_all(
            &dir,
            &[
                ("Cargo.toml", "# @generated\n"),
                ("src/lib.rs", "old\n"),
                ("src/stale.rs", "stale\n"),
                ("target/debug/keep", "build output\n"),
                ("Cargo.lock", "lock\n"),
            ],
        );
        let unchanged_before = fs::metadata(dir.join("Cargo.toml"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let expected = set(&[("Cargo.toml", "# @generated\n"), ("src/lib.rs", "new\n")]);

        let check = ensure_crate(&dir, &expected, Mode::Check).unwrap();
        assert_eq!(paths(&check.changes.changed), ["src/lib.rs"]);
        assert_eq!(paths(&check.changes.extra), ["src/stale.rs"]);
        assert_eq!(
            fs::read_to_string(dir.join("src/lib.rs")).unwrap(),
            "old\n",
            "check wrote"
        );

        ensure_crate(&dir, &expected, Mode::Write).unwrap();
        assert_eq!(fs::read_to_string(dir.join("src/lib.rs")).unwrap(), "new\n");
        assert!(!dir.join("src/stale.rs").exists());
        assert_eq!(
            fs::read_to_string(dir.join("target/debug/keep")).unwrap(),
            "build output\n"
        );
        assert_eq!(
            fs::read_to_string(dir.join("Cargo.lock")).unwrap(),
            "lock\n"
        );
        let unchanged_after = fs::metadata(dir.join("Cargo.toml"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(
            unchanged_before, unchanged_after,
            "an unchanged file was rewritten"
        );
        assert_eq!(
            entries(tmp.path()),
            ["krate"],
            "a temporary directory was left behind"
        );
        assert!(
            ensure_crate(&dir, &expected, Mode::Check)
                .unwrap()
                .changes
                .is_empty()
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_tree_and_no_temporary_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("krate");
        let old = [
            ("Cargo.toml", "# @generated\n"),
            ("src/lib.rs", "old\n"),
            ("target/x", "t"),
        ];
        write_all(&dir, &old);
        // `a` is written as a file, so `a/b` cannot be: the write fails halfway through the tree.
        let expected = set(&[
            ("Cargo.toml", "# @generated v2\n"),
            ("a", "file"),
            ("a/b", "under a file"),
        ]);
        let err = ensure_crate(&dir, &expected, Mode::Write).unwrap_err();
        assert!(err.contains("cannot write a/b"), "{err}");
        for (path, contents) in old {
            assert_eq!(fs::read_to_string(dir.join(path)).unwrap(), contents);
        }
        assert_eq!(entries(&dir), ["Cargo.toml", "src", "target"]);
        assert_eq!(
            entries(tmp.path()),
            ["krate"],
            "a temporary directory was left behind"
        );
    }

    #[test]
    fn a_failed_first_write_creates_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let expected = set(&[("a", "file"), ("a/b", "under a file")]);
        assert!(ensure_crate(&tmp.path().join("krate"), &expected, Mode::Write).is_err());
        assert!(entries(tmp.path()).is_empty());
    }

    #[test]
    fn the_generated_marker_and_empty_dirs() {
        let tmp = tempfile::tempdir().unwrap();
        assert!(is_missing_or_empty(&tmp.path().join("nope")).unwrap());
        assert!(is_missing_or_empty(tmp.path()).unwrap());
        assert!(!looks_generated(tmp.path()));
        fs::write(tmp.path().join("Cargo.toml"), "[package]\n# @generated\n").unwrap();
        assert!(!is_missing_or_empty(tmp.path()).unwrap());
        assert!(
            !looks_generated(tmp.path()),
            "the marker must be on the first line"
        );
        fs::write(
            tmp.path().join("Cargo.toml"),
            "# @generated by `cargo xtask generate`\n",
        )
        .unwrap();
        assert!(looks_generated(tmp.path()));
    }
}
