//! `$ref` resolution across documents.
//!
//! [`Resolver::load`] reads the root document. Every other file is read lazily, the first time a
//! `$ref` into it is followed (or a location in it is asked for): files that lowering never needs
//! (example files under `x-ms-examples`, `$ref`s inside other extensions) are never opened.
//! Paths are relative to the referring file's directory and normalized lexically, so each file is
//! loaded once; a file that cannot be read or parsed is an error when a `$ref` into it is
//! followed, naming that `$ref`. Only files under one directory may be read, within a size limit
//! (see [`LoadOptions`]; `load` reads the files).
//!
//! Pointers in a [`Loc`] are plain JSON pointers (`~0`/`~1` escapes, no percent-encoding):
//! [`Resolver::target`] percent-decodes the fragment of a `$ref` once, when it parses it.
//! Following a chain of `$ref`s is memoized, so resolving every alias of an n-long alias chain
//! costs O(n), not O(n²).

mod position;
mod reference;

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use elsa::FrozenIndexMap;
use indexmap::IndexSet;
use serde_json::Value;

pub use position::line_cols;

use crate::load::{Confinement, LoadOptions, read_bounded};
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
pub struct Resolver {
    /// The root file, lexically normalized (`./api.json` is `api.json`).
    root: Arc<Path>,
    /// The root document.
    root_value: Value,
    /// Where `$ref`s may go.
    confinement: Confinement,
    /// Every other file read so far, in the order they were first needed: the document, or why
    /// it could not be loaded. Append-only, so that values can be lent out while it grows.
    others: FrozenIndexMap<Arc<Path>, Box<Result<Value>>>,
    /// `(file, $ref string)` to where following it ends (the first value that is not a `$ref`).
    /// Looked up, never iterated.
    followed: RefCell<HashMap<(Arc<Path>, String), Loc>>,
}

impl fmt::Debug for Resolver {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Resolver")
            .field("root", &self.root)
            .field("confinement", &self.confinement)
            .field("files_read", &self.files_read())
            .finish_non_exhaustive()
    }
}

impl Resolver {
    /// Loads `root` with the default [`LoadOptions`]; see [`Resolver::load_with`].
    pub fn load(root: &Path) -> Result<Resolver> {
        Self::load_with(root, &LoadOptions::default())
    }

    /// Loads the root document. Other files are read when needed, under `options`.
    pub fn load_with(root: &Path, options: &LoadOptions) -> Result<Resolver> {
        let value = crate::load::load_file_within(root, options.max_file_bytes)?;
        Ok(Self::from_value_with(root, value, options))
    }

    /// A resolver over an already parsed root document (tests, stdin). Relative file `$ref`s are
    /// still loaded from disk, relative to `root`.
    pub fn from_value(root: &Path, value: Value) -> Result<Resolver> {
        Ok(Self::from_value_with(root, value, &LoadOptions::default()))
    }

    /// [`Resolver::from_value`] with options.
    pub fn from_value_with(root: &Path, value: Value, options: &LoadOptions) -> Resolver {
        Resolver {
            root: Arc::from(crate::load::normalize(root)),
            root_value: value,
            confinement: Confinement::new(root, options),
            others: FrozenIndexMap::new(),
            followed: RefCell::new(HashMap::new()),
        }
    }

    /// The root document and its location (`#`).
    pub fn root(&self) -> (Loc, &Value) {
        (Loc::root(self.root.clone()), &self.root_value)
    }

    /// The value at a location, if there is one.
    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        match self.document(&loc.file) {
            Ok(doc) => reference::lookup(doc, &loc.pointer).ok(),
            Err(_) => None,
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
        // The locations of the `$ref` objects followed so far, and their `(file, $ref)` keys.
        let mut chain: IndexSet<Loc> = IndexSet::new();
        let mut keys: Vec<(Arc<Path>, String)> = Vec::new();
        while let Some(reference) = value.as_object().and_then(|object| object.get("$ref")) {
            let Value::String(reference) = reference else {
                let message = format!("`$ref` must be a string, not {}", json_kind(reference));
                return Err(loc.error(ErrorKind::Invalid, message));
            };
            let key = (loc.file.clone(), reference.clone());
            let known = self.followed.borrow().get(&key).cloned();
            if let Some(end) = known
                && let Some(end_value) = self.get(&end)
            {
                loc = end;
                value = end_value;
                break;
            }
            let target = self.target(&loc, reference)?;
            value = self.follow(&loc, reference, &target)?;
            chain.insert(loc);
            keys.push(key);
            if chain.contains(&target) {
                let mut steps: Vec<String> = chain.iter().map(Loc::to_string).collect();
                steps.push(target.to_string());
                let message = format!("the `$ref`s loop: {}", steps.join(" -> "));
                return Err(at.error(ErrorKind::RefCycle, message));
            }
            loc = target;
        }
        if !keys.is_empty() {
            let mut followed = self.followed.borrow_mut();
            for key in keys {
                followed.insert(key, loc.clone());
            }
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

    /// The document of `file`, or why it could not be loaded (read on first use).
    fn document(&self, file: &Path) -> Result<&Value, &Error> {
        if file == &*self.root {
            return Ok(&self.root_value);
        }
        if let Some(known) = self.others.get(file) {
            return known.as_ref();
        }
        let loaded = self.confinement.load_referenced(file);
        self.others
            .insert(Arc::from(file), Box::new(loaded))
            .as_ref()
    }

    /// The files read so far besides the root, in the order they were first needed.
    pub fn files_read(&self) -> Vec<PathBuf> {
        (0..)
            .map_while(|i| self.others.get_index(i))
            .map(|(file, _)| file.to_path_buf())
            .collect()
    }

    /// The line and column of each pointer in `file`, if `file` is a document this resolver
    /// read (its text is read again: positions are only looked for when a message needs them).
    pub fn line_cols(&self, file: &Path, pointers: &[&str]) -> Vec<Option<(usize, usize)>> {
        let loaded = file == &*self.root || self.others.get(file).is_some_and(|doc| doc.is_ok());
        match loaded.then(|| read_bounded(file, self.confinement.max_bytes())) {
            Some(Ok(text)) => position::line_cols(&text, pointers),
            _ => vec![None; pointers.len()],
        }
    }

    /// `error` with the line and column of its pointer, when it has none and its file is one
    /// this resolver read.
    pub fn locate(&self, error: Error) -> Error {
        if error.line_col.is_some() {
            return error;
        }
        match self.line_cols(&error.file, &[&error.pointer])[..] {
            [Some((line, col))] => error.at_line_col(line, col),
            _ => error,
        }
    }

    /// The shared `Arc` of the root file, or a new one.
    fn intern(&self, file: PathBuf) -> Arc<Path> {
        if file == *self.root {
            return self.root.clone();
        }
        Arc::from(file)
    }

    /// The value `target` names, for the `$ref` `reference` at `holder`.
    fn follow(&self, holder: &Loc, reference: &str, target: &Loc) -> Result<&Value> {
        let doc = match self.document(&target.file) {
            Ok(doc) => doc,
            Err(why) => {
                let message = format!("`$ref` `{reference}` cannot be followed: {why}");
                return Err(holder.error(why.kind, message));
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
        let r = Resolver::load_with(&root, &LoadOptions::default().with_ref_root(&dir.0)).unwrap();
        assert!(r.files_read().is_empty(), "files are read when needed");
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
        // models.yaml is named twice but read once.
        assert_eq!(
            r.files_read(),
            [
                dir.0.join("v1/models.yaml"),
                dir.0.join("common/types.json")
            ]
        );
    }

    #[test]
    fn refs_may_not_leave_the_root_documents_directory() {
        let dir = TempDir::new("confined");
        dir.write("secret.txt", "password: hunter2\n");
        dir.write(
            "api/shared.json",
            r##"{"definitions": {"S": {"type": "string"}}}"##,
        );
        let doc = r##"{"up": {"$ref": "../secret.txt"},
            "etc": {"$ref": "/etc/passwd"},
            "proc": {"$ref": "/proc/self/environ#/x"},
            "deep": {"$ref": "./sub/../../../../../etc/passwd"},
            "ok": {"$ref": "./shared.json#/definitions/S"}}"##;
        let root = dir.write("api/root.json", doc);
        let r = Resolver::load(&root).unwrap();
        assert!(deref_at(&r, "#/ok").is_ok());
        for pointer in ["#/up", "#/etc", "#/proc", "#/deep"] {
            let err = deref_at(&r, pointer).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Refused, "{err}");
            assert_eq!(
                (err.file.as_path(), err.pointer.as_str()),
                (root.as_path(), pointer)
            );
            assert!(err.message.contains("`$ref` `"), "names the $ref: {err}");
            assert!(err.message.contains("outside"), "{err}");
            assert!(
                !err.message.contains("hunter2") && !err.message.contains("root:"),
                "{err}"
            );
        }
        // Outside files cannot be looked at by any other way either.
        assert_eq!(r.get(&Loc::root(Arc::from(Path::new("/etc/passwd")))), None);
        // A wider root lets the first one through.
        let wide = LoadOptions::default().with_ref_root(&dir.0);
        let r = Resolver::load_with(&root, &wide).unwrap();
        let (_, value) = deref_at(&r, "#/up").unwrap();
        assert_eq!(value, json!({"password": "hunter2"}));
        assert_eq!(deref_at(&r, "#/etc").unwrap_err().kind, ErrorKind::Refused);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_may_not_lead_out_of_the_root() {
        let outside = TempDir::new("link-target");
        outside.write("t.json", r##"{"definitions": {"T": {}}}"##);
        let dir = TempDir::new("link");
        let root = dir.write(
            "api.json",
            r##"{"a": {"$ref": "./link/t.json#/definitions/T"}}"##,
        );
        std::os::unix::fs::symlink(&outside.0, dir.0.join("link")).unwrap();
        let r = Resolver::load(&root).unwrap();
        let err = deref_at(&r, "#/a").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Refused, "{err}");
    }

    #[test]
    fn files_over_the_size_limit_are_refused_unread() {
        let dir = TempDir::new("large");
        dir.write("big.json", &format!("{{\"a\": \"{}\"}}", "x".repeat(2000)));
        let root = dir.write("api.json", r##"{"a": {"$ref": "big.json#/a"}}"##);
        let small = LoadOptions {
            max_file_bytes: 1000,
            ..LoadOptions::default()
        };
        let r = Resolver::load_with(&root, &small).unwrap();
        let err = deref_at(&r, "#/a").unwrap_err();
        assert_eq!(
            (err.kind, err.pointer.as_str()),
            (ErrorKind::Refused, "#/a")
        );
        assert!(
            err.message.contains("larger than the limit of 1000 bytes"),
            "{err}"
        );
        assert!(Resolver::load(&root).is_ok());
        assert!(deref_at(&Resolver::load(&root).unwrap(), "#/a").is_ok());
        // The root document too.
        let tiny = LoadOptions {
            max_file_bytes: 10,
            ..LoadOptions::default()
        };
        let err = Resolver::load_with(&root, &tiny).unwrap_err();
        assert_eq!(err.kind, ErrorKind::Refused);
    }

    #[test]
    fn files_only_examples_name_are_never_opened() {
        let dir = TempDir::new("examples");
        let root = dir.write(
            "api.json",
            r##"{"x-ms-examples": {"Get": {"$ref": "./examples/get.json"}},
                "x-other": {"nested": [{"$ref": "/etc/passwd"}]},
                "paths": {"/a": {"get": {"x-ms-examples": {"E": {"$ref": "../../x.json"}}}}}}"##,
        );
        let r = Resolver::load(&root).unwrap();
        assert!(r.files_read().is_empty());
    }

    #[test]
    fn a_long_alias_chain_resolves_every_link_to_the_end() {
        let n = 5_000;
        let mut definitions = serde_json::Map::new();
        definitions.insert("A0".to_owned(), json!({"type": "string"}));
        for i in 1..n {
            definitions.insert(
                format!("A{i}"),
                json!({"$ref": format!("#/definitions/A{}", i - 1)}),
            );
        }
        let r = resolver(json!({"definitions": definitions}));
        for i in (1..n).rev() {
            let (loc, value) = deref_at(&r, &format!("#/definitions/A{i}")).unwrap();
            assert_eq!(
                (loc.pointer.as_str(), value),
                ("#/definitions/A0", json!({"type": "string"}))
            );
        }
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
