//! `$ref` resolution across documents.
//!
//! [`Resolver::load`] reads the root document, then every file that a `$ref` string in a loaded
//! document names (`types.json#/definitions/X`, `./examples/x.json`), relative to the referring
//! file's directory, transitively. Paths are normalized lexically, so each file is loaded once.
//! A file that cannot be read or parsed is not an error when loading (Swagger documents name
//! example files the generator never follows): the failure is kept, and reported by
//! [`Resolver::deref`] when a `$ref` into that file is followed.
//!
//! Pointers in a [`Loc`] are plain JSON pointers (`~0`/`~1` escapes, no percent-encoding):
//! [`Resolver::target`] percent-decodes the fragment of a `$ref` once, when it parses it.

mod reference;

use std::collections::VecDeque;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::Value;

use crate::{Error, ErrorKind, Result};

/// A place in a loaded document: the file and a JSON pointer in `#/a/b` form.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    /// The file, as it was loaded (the root as given, others joined to their referrer's directory).
    pub file: Arc<Path>,
    /// JSON pointer with `~0`/`~1` escapes, starting with `#` (`#` alone is the document).
    pub pointer: String,
}

impl Loc {
    /// The root of `file`.
    pub fn root(file: Arc<Path>) -> Self {
        Loc {
            file,
            pointer: "#".to_owned(),
        }
    }

    /// The location of the member `key` of the object here (escapes `~` and `/`).
    pub fn key(&self, key: &str) -> Loc {
        let escaped = key.replace('~', "~0").replace('/', "~1");
        Loc {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, escaped),
        }
    }

    /// The location of item `index` of the array here.
    pub fn index(&self, index: usize) -> Loc {
        Loc {
            file: self.file.clone(),
            pointer: format!("{}/{}", self.pointer, index),
        }
    }

    /// An error at this location.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, self.file.to_path_buf(), self.pointer.clone(), message)
    }
}

/// `file#/pointer`, as in a `$ref` (`types.json#/definitions/X`).
impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.file.display(), self.pointer)
    }
}

/// All documents reachable from a root document, and the means to follow `$ref`s between them.
#[derive(Debug)]
pub struct Resolver {
    /// The root file, lexically normalized (`./api.json` is `api.json`).
    root: Arc<Path>,
    /// The root document.
    root_value: Value,
    /// Every other file a `$ref` names, in the order they were found: the document, or why it
    /// could not be loaded.
    others: IndexMap<Arc<Path>, Result<Value>>,
}

impl Resolver {
    /// Loads `root` and every document its `$ref`s (transitively) point into.
    ///
    /// Only the root must load; see the [module docs](self) for the other files.
    pub fn load(root: &Path) -> Result<Resolver> {
        let value = crate::load::load_file(root)?;
        Self::from_value(root, value)
    }

    /// A resolver over an already parsed root document (tests, stdin). Relative file `$ref`s are
    /// still loaded from disk, relative to `root`.
    pub fn from_value(root: &Path, value: Value) -> Result<Resolver> {
        let root: Arc<Path> = Arc::from(reference::normalize(root));
        let mut resolver = Resolver {
            root: root.clone(),
            root_value: value,
            others: IndexMap::new(),
        };
        let mut to_scan = VecDeque::from([root]);
        while let Some(file) = to_scan.pop_front() {
            let named = match resolver.document(&file) {
                Some(Ok(doc)) => files_named_in(&file, doc),
                _ => Vec::new(),
            };
            for path in named {
                if *path == *resolver.root || resolver.others.contains_key(path.as_path()) {
                    continue;
                }
                let loaded = load_referenced(&path);
                let path: Arc<Path> = Arc::from(path);
                if loaded.is_ok() {
                    to_scan.push_back(path.clone());
                }
                resolver.others.insert(path, loaded);
            }
        }
        Ok(resolver)
    }

    /// The root document and its location (`#`).
    pub fn root(&self) -> (Loc, &Value) {
        (Loc::root(self.root.clone()), &self.root_value)
    }

    /// The value at a location, if there is one.
    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        match self.document(&loc.file) {
            Some(Ok(doc)) => reference::lookup(doc, &loc.pointer).ok(),
            _ => None,
        }
    }

    /// If `value` (found at `at`) is a `{"$ref": ..}` object, follows the chain of references to
    /// a value that is not one, and returns that value and its location. Any other value is
    /// returned as it is, with `at`. Errors: a reference to nothing (`DanglingRef`, naming the file
    /// and pointer of the `$ref`), a chain that loops (`RefCycle`), a malformed `$ref`.
    ///
    /// Keys next to `$ref` are ignored, and the target's contents are never walked: a schema
    /// whose properties refer to the schema itself is fine.
    pub fn deref<'a>(&'a self, at: &Loc, value: &'a Value) -> Result<(Loc, &'a Value)> {
        let mut loc = at.clone();
        let mut value = value;
        // The locations of the `$ref` objects followed so far.
        let mut chain: Vec<Loc> = Vec::new();
        while let Some(reference) = value.as_object().and_then(|object| object.get("$ref")) {
            let Value::String(reference) = reference else {
                let message = format!("`$ref` must be a string, not {}", json_kind(reference));
                return Err(loc.error(ErrorKind::Invalid, message));
            };
            let target = self.target(&loc, reference)?;
            value = self.follow(&loc, reference, &target)?;
            chain.push(loc);
            if chain.contains(&target) {
                let mut steps: Vec<String> = chain.iter().map(Loc::to_string).collect();
                steps.push(target.to_string());
                let message = format!("the `$ref`s loop: {}", steps.join(" -> "));
                return Err(at.error(ErrorKind::RefCycle, message));
            }
            loc = target;
        }
        Ok((loc, value))
    }

    /// Where the reference string `reference`, found in the document of `at`, points
    /// (without following further references, and without checking that something is there).
    ///
    /// `file#/pointer`, `#/pointer` and `file` (the whole document) are understood; the file is
    /// relative to the directory of `at.file`, and the pointer is percent-decoded. URLs
    /// (`https://...`) and plain-name fragments (`#foo`) are `Unsupported` errors at `at`.
    pub fn target(&self, at: &Loc, reference: &str) -> Result<Loc> {
        let parsed = reference::parse(reference).map_err(|e| {
            let (kind, why) = match e {
                reference::ParseError::Unsupported(why) => (ErrorKind::Unsupported, why),
                reference::ParseError::Invalid(why) => (ErrorKind::Invalid, why),
            };
            at.error(kind, format!("`$ref` `{reference}`: {why}"))
        })?;
        let file = match parsed.file {
            None => at.file.clone(),
            Some(file) => self.intern(reference::join(&at.file, &file)),
        };
        Ok(Loc {
            file,
            pointer: parsed.pointer,
        })
    }

    /// The document of `file`, or why it could not be loaded; `None` if it was never named.
    fn document(&self, file: &Path) -> Option<Result<&Value, &Error>> {
        if file == &*self.root {
            return Some(Ok(&self.root_value));
        }
        self.others.get(file).map(Result::as_ref)
    }

    /// The shared `Arc` of a known file.
    fn intern(&self, file: PathBuf) -> Arc<Path> {
        if file == *self.root {
            return self.root.clone();
        }
        match self.others.get_key_value(file.as_path()) {
            Some((known, _)) => known.clone(),
            None => Arc::from(file),
        }
    }

    /// The value `target` names, for the `$ref` `reference` at `holder`.
    fn follow(&self, holder: &Loc, reference: &str, target: &Loc) -> Result<&Value> {
        let doc = match self.document(&target.file) {
            Some(Ok(doc)) => doc,
            Some(Err(why)) => {
                let message = format!("`$ref` `{reference}` cannot be followed: {why}");
                return Err(holder.error(why.kind, message));
            }
            None => {
                let message = format!(
                    "`$ref` `{reference}` points into {}, which was not loaded",
                    target.file.display()
                );
                return Err(holder.error(ErrorKind::DanglingRef, message));
            }
        };
        reference::lookup(doc, &target.pointer).map_err(|miss| {
            let detail = match miss {
                Some(miss) => format!(" (there is no `{}` in {})", miss.missing, miss.found),
                None => String::new(),
            };
            let message = format!("`$ref` `{reference}` points at nothing: {target}{detail}");
            holder.error(ErrorKind::DanglingRef, message)
        })
    }
}

/// Loads a file named by a `$ref`. Only regular files are read: a `$ref` to `/dev/zero` or to a
/// named pipe must not hang the generator.
fn load_referenced(path: &Path) -> Result<Value> {
    match std::fs::metadata(path) {
        Ok(metadata) if !metadata.is_file() => Err(Error::new(
            ErrorKind::Io,
            path,
            "#",
            "cannot read the file: it is not a regular file",
        )),
        _ => crate::load::load_file(path),
    }
}

/// The files named by the `$ref` strings in `doc` (found in `file`), in document order.
fn files_named_in(file: &Path, doc: &Value) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![doc];
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref")
                    && let Ok(reference::Reference {
                        file: Some(named), ..
                    }) = reference::parse(reference)
                {
                    files.push(reference::join(file, &named));
                }
                stack.extend(map.values().rev());
            }
            Value::Array(items) => stack.extend(items.iter().rev()),
            _ => {}
        }
    }
    files
}

/// What kind of JSON value this is, for messages (`an object`, `a string`, ...).
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::{Value, json};

    use super::*;

    /// A fresh directory under the system temp dir, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new(name: &str) -> TempDir {
            let dir =
                std::env::temp_dir().join(format!("codegen-resolve-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).unwrap();
            TempDir(dir)
        }

        fn write(&self, name: &str, contents: &str) -> PathBuf {
            let path = self.0.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, contents).unwrap();
            path
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn resolver(doc: Value) -> Resolver {
        Resolver::from_value(Path::new("api.json"), doc).unwrap()
    }

    /// Follows the `$ref` object at `pointer` of the root document.
    fn deref_at(resolver: &Resolver, pointer: &str) -> Result<(Loc, Value)> {
        let at = Loc {
            file: resolver.root().0.file,
            pointer: pointer.to_owned(),
        };
        let value = resolver.get(&at).expect("the test points at something");
        resolver
            .deref(&at, value)
            .map(|(loc, value)| (loc, value.clone()))
    }

    #[test]
    fn values_without_ref_are_returned_as_they_are() {
        let r = resolver(json!({"a": [{"b": 1}]}));
        let (loc, value) = deref_at(&r, "#/a/0").unwrap();
        assert_eq!((loc.pointer.as_str(), value), ("#/a/0", json!({"b": 1})));
        assert_eq!(r.root().0.pointer, "#");
        assert_eq!(
            r.get(&r.root().0.key("a").index(0).key("b")),
            Some(&json!(1))
        );
        assert_eq!(r.get(&r.root().0.key("nope")), None);
    }

    #[test]
    fn tilde_escapes_are_undone_in_pointers() {
        let r = resolver(json!({
            "definitions": {"a/b~c": {"type": "string"}},
            "use": {"$ref": "#/definitions/a~1b~0c"}
        }));
        let (loc, value) = deref_at(&r, "#/use").unwrap();
        assert_eq!(loc.pointer, "#/definitions/a~1b~0c");
        assert_eq!(value, json!({"type": "string"}));
        assert_eq!(
            r.get(&r.root().0.key("definitions").key("a/b~c")),
            Some(&value)
        );
    }

    #[test]
    fn percent_encoded_pointers_are_decoded() {
        let r = resolver(json!({
            "paths": {"/v2/{name}": {"get": {"x": 1}}},
            "use": {"$ref": "#/paths/~1v2~1%7Bname%7D/get"}
        }));
        let (loc, value) = deref_at(&r, "#/use").unwrap();
        assert_eq!(
            (loc.pointer.as_str(), value),
            ("#/paths/~1v2~1{name}/get", json!({"x": 1}))
        );
    }

    #[test]
    fn refs_into_other_files_are_loaded_relative_to_the_referrer() {
        let dir = TempDir::new("relative");
        dir.write(
            "common/types.json",
            r##"{"definitions": {"T": {"type": "integer"}}}"##,
        );
        dir.write(
            "v1/models.yaml",
            "definitions:\n  M:\n    $ref: '../common/types.json#/definitions/T'\n",
        );
        let root = dir.write(
            "v1/api.json",
            r##"{"a": {"$ref": "./models.yaml#/definitions/M"},
                "b": {"$ref": "../v1/./models.yaml#/definitions/M"},
                "c": {"$ref": "../common/types.json"}}"##,
        );
        let r = Resolver::load(&root).unwrap();
        // models.yaml is named twice but loaded once.
        assert_eq!(r.others.len(), 2);
        for pointer in ["#/a", "#/b"] {
            let (loc, value) = deref_at(&r, pointer).unwrap();
            assert_eq!(&*loc.file, dir.0.join("common/types.json"));
            assert_eq!(
                (loc.pointer.as_str(), value),
                ("#/definitions/T", json!({"type": "integer"}))
            );
        }
        let (loc, value) = deref_at(&r, "#/c").unwrap();
        assert_eq!(loc.pointer, "#");
        assert!(value.get("definitions").is_some());
    }

    #[test]
    fn a_missing_file_is_an_error_only_when_followed() {
        let dir = TempDir::new("missing");
        dir.write("broken.json", "{\"a\": ");
        dir.write("sub/notes.txt", "a directory is not a document");
        let root = dir.write(
            "api.json",
            r##"{"x-ms-examples": {"Get": {"$ref": "./examples/missing.json"}},
                "bad": {"$ref": "broken.json#/a"},
                "dir": {"$ref": "./sub"},
                "ok": {"$ref": "#/definitions/T"},
                "definitions": {"T": {}}}"##,
        );
        let r = Resolver::load(&root).unwrap();
        assert!(deref_at(&r, "#/ok").is_ok());
        let err = deref_at(&r, "#/x-ms-examples/Get").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Io);
        assert_eq!(
            (err.file.as_path(), err.pointer.as_str()),
            (root.as_path(), "#/x-ms-examples/Get")
        );
        assert!(err.message.contains("missing.json"), "{err}");
        let err = deref_at(&r, "#/dir").unwrap_err();
        assert_eq!((err.kind, err.pointer.as_str()), (ErrorKind::Io, "#/dir"));
        assert!(err.message.contains("not a regular file"), "{err}");
        let err = deref_at(&r, "#/bad").unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::Syntax, "#/bad")
        );
        assert!(err.message.contains("broken.json:1:"), "{err}");
    }

    #[test]
    fn a_dangling_ref_names_the_ref_and_its_target() {
        let r = resolver(json!({
            "definitions": {"Pet": {}},
            "paths": {"/p": {"get": {"responses": {"200": {"schema": {"$ref": "#/definitions/Pte"}}}}}}
        }));
        let err = deref_at(&r, "#/paths/~1p/get/responses/200/schema").unwrap_err();
        assert_eq!(err.kind, ErrorKind::DanglingRef);
        assert_eq!(err.file, PathBuf::from("api.json"));
        assert_eq!(err.pointer, "#/paths/~1p/get/responses/200/schema");
        assert!(err.message.contains("#/definitions/Pte"), "{err}");
    }

    #[test]
    fn ref_cycles_are_errors_listing_the_chain() {
        let r = resolver(json!({
            "definitions": {
                "A": {"$ref": "#/definitions/B"},
                "B": {"$ref": "#/definitions/A"},
                "Self": {"$ref": "#/definitions/Self"}
            },
            "use": {"$ref": "#/definitions/A"}
        }));
        let err = deref_at(&r, "#/use").unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::RefCycle, "#/use")
        );
        assert!(
            err.message.ends_with(
                "api.json#/use -> api.json#/definitions/A -> api.json#/definitions/B -> api.json#/definitions/A"
            ),
            "{err}"
        );
        let err = deref_at(&r, "#/definitions/Self").unwrap_err();
        assert_eq!(err.kind, ErrorKind::RefCycle);
    }

    #[test]
    fn a_self_recursive_schema_is_fine() {
        let r = resolver(json!({
            "definitions": {"Node": {"type": "object", "properties": {
                "next": {"$ref": "#/definitions/Node"},
                "children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}
            }}},
            "use": {"$ref": "#/definitions/Node"}
        }));
        let (loc, node) = deref_at(&r, "#/use").unwrap();
        assert_eq!(loc.pointer, "#/definitions/Node");
        let next = loc.key("properties").key("next");
        let (again, _) = r.deref(&next, &node["properties"]["next"]).unwrap();
        assert_eq!(again, loc);
    }

    #[test]
    fn urls_and_non_string_refs_are_errors_at_the_ref() {
        let r = resolver(json!({
            "url": {"$ref": "https://example.com/schemas.json#/Pet"},
            "number": {"$ref": 7}
        }));
        let err = deref_at(&r, "#/url").unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::Unsupported, "#/url")
        );
        let err = deref_at(&r, "#/number").unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::Invalid, "#/number")
        );
    }
}
