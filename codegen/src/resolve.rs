//! `$ref` resolution across documents. (stub: being written)

use std::path::Path;
use std::sync::Arc;

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
        Loc { file, pointer: "#".to_owned() }
    }

    /// The location of the member `key` of the object here (escapes `~` and `/`).
    pub fn key(&self, key: &str) -> Loc {
        let escaped = key.replace('~', "~0").replace('/', "~1");
        Loc { file: self.file.clone(), pointer: format!("{}/{}", self.pointer, escaped) }
    }

    /// The location of item `index` of the array here.
    pub fn index(&self, index: usize) -> Loc {
        Loc { file: self.file.clone(), pointer: format!("{}/{}", self.pointer, index) }
    }

    /// An error at this location.
    pub fn error(&self, kind: ErrorKind, message: impl Into<String>) -> Error {
        Error::new(kind, self.file.to_path_buf(), self.pointer.clone(), message)
    }
}

/// All documents reachable from a root document, and the means to follow `$ref`s between them.
#[derive(Debug)]
pub struct Resolver {
    _private: (),
}

impl Resolver {
    /// Loads `root` and every document its `$ref`s (transitively) point into.
    pub fn load(root: &Path) -> Result<Resolver> {
        let _ = root;
        todo!()
    }

    /// A resolver over an already parsed root document (tests, stdin). Relative file `$ref`s are
    /// still loaded from disk, relative to `root`.
    pub fn from_value(root: &Path, value: Value) -> Result<Resolver> {
        let _ = (root, value);
        todo!()
    }

    /// The root document and its location (`#`).
    pub fn root(&self) -> (Loc, &Value) {
        todo!()
    }

    /// The value at a location, if there is one.
    pub fn get(&self, loc: &Loc) -> Option<&Value> {
        let _ = loc;
        todo!()
    }

    /// If `value` (found at `at`) is a `{"$ref": ..}` object, follows the chain of references to
    /// a value that is not one, and returns that value and its location. Any other value is
    /// returned as it is, with `at`. Errors: a reference to nothing (`DanglingRef`, naming the file
    /// and pointer of the `$ref`), a chain that loops (`RefCycle`), a malformed `$ref`.
    pub fn deref<'a>(&'a self, at: &Loc, value: &'a Value) -> Result<(Loc, &'a Value)> {
        let _ = (at, value);
        todo!()
    }

    /// Where the reference string `reference`, found in the document of `at`, points
    /// (without following further references, and without checking that something is there).
    pub fn target(&self, at: &Loc, reference: &str) -> Result<Loc> {
        let _ = (at, reference);
        todo!()
    }
}
