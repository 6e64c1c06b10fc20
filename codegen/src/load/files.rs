//! Which files a document may read, and reading them within a size limit.
//!
//! A `$ref` may only reach files under one directory: by default the directory of the root
//! document (and its subtree); [`LoadOptions::ref_root`] widens it (Azure specs reach
//! `../../../common-types/`). The check is lexical first (`../../etc/passwd` never touches the
//! file system) and then on the canonical path, so that a symbolic link inside the directory
//! cannot lead out of it. Files are read through a bounded reader: a file larger than
//! [`LoadOptions::max_file_bytes`] is refused without being read whole (its metadata is not
//! trusted: `/proc` files claim a size of 0).

use std::io::Read;
use std::path::{Component, Path, PathBuf};

use serde_json::Value;

use crate::{Error, ErrorKind, Result};

/// The default of [`LoadOptions::max_file_bytes`]: 64 MiB (the largest Azure specification in
/// the corpus is under 4 MiB).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How documents are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    /// The directory that `$ref`s may reach (itself and everything under it). `None`: the
    /// directory of the root document.
    pub ref_root: Option<PathBuf>,
    /// Files larger than this (the root document included) are refused.
    pub max_file_bytes: u64,
    /// Overlay documents (OpenAPI Overlay 1.0) applied to the root document, in order, before
    /// its `$ref`s are followed.
    pub overlays: Vec<PathBuf>,
    /// Lower the operations' examples into the IR (`Operation::examples`): example files under
    /// `x-ms-examples` are read (under the same confinement as `$ref`s) only when this is set.
    pub examples: bool,
    /// Keep only part of the API ([`crate::filter`]), once it is lowered. The default keeps
    /// everything.
    pub filter: crate::filter::Filter,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            ref_root: None,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            overlays: Vec::new(),
            examples: false,
            filter: crate::filter::Filter::default(),
        }
    }
}

impl LoadOptions {
    /// These options with `$ref`s allowed to reach everything under `dir`.
    pub fn with_ref_root(mut self, dir: impl Into<PathBuf>) -> Self {
        self.ref_root = Some(dir.into());
        self
    }

    /// These options with the operations' examples lowered (see [`LoadOptions::examples`]).
    pub fn with_examples(mut self, examples: bool) -> Self {
        self.examples = examples;
        self
    }

    /// These options with only the part of the API that `filter` selects kept.
    pub fn with_filter(mut self, filter: crate::filter::Filter) -> Self {
        self.filter = filter;
        self
    }

    /// These options with `overlays` applied to the root document, in order.
    pub fn with_overlays(mut self, overlays: &[PathBuf]) -> Self {
        self.overlays = overlays.to_vec();
        self
    }
}

/// The confinement of one resolver: where `$ref`s may go, and how much may be read.
#[derive(Debug)]
pub(crate) struct Confinement {
    /// The allowed directory, absolute and lexically normalized.
    dir: PathBuf,
    /// The same, with symbolic links resolved (when it exists).
    canonical: Option<PathBuf>,
    max_bytes: u64,
}

impl Confinement {
    /// The confinement for the root document `root` under `options`.
    pub fn new(root: &Path, options: &LoadOptions) -> Confinement {
        let dir = match &options.ref_root {
            Some(dir) => absolute(dir),
            None => absolute(root)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default(),
        };
        Confinement {
            canonical: std::fs::canonicalize(&dir).ok(),
            dir,
            max_bytes: options.max_file_bytes,
        }
    }

    /// The size limit.
    pub fn max_bytes(&self) -> u64 {
        self.max_bytes
    }

    /// Reads and parses a file that a `$ref` names, if it may be read. Errors never quote the
    /// file's text: it may not be a document at all.
    pub fn load_referenced(&self, path: &Path) -> Result<Value> {
        self.admit(path)?;
        match std::fs::metadata(path) {
            // A `$ref` to `/dev/zero` or to a named pipe must not hang the generator.
            Ok(metadata) if !metadata.is_file() => Err(Error::new(
                ErrorKind::Io,
                path,
                "#",
                "cannot read the file: it is not a regular file",
            )),
            _ => {
                let text = read_bounded(path, self.max_bytes)?;
                super::parse_text_unquoted(&text, path)
            }
        }
    }

    /// `Ok` if `path` is under the allowed directory.
    fn admit(&self, path: &Path) -> Result<()> {
        let outside = || {
            Error::new(
                ErrorKind::Refused,
                path,
                "#",
                format!(
                    "the file is outside {}, the directory that `$ref`s may reach (a wider one can be allowed: `--ref-root DIR`, `LoadOptions::ref_root`)",
                    self.dir.display()
                ),
            )
        };
        if !absolute(path).starts_with(&self.dir) {
            return Err(outside());
        }
        // A symbolic link inside the directory must not lead out of it.
        if let (Some(canonical_dir), Ok(canonical)) = (&self.canonical, std::fs::canonicalize(path))
            && !canonical.starts_with(canonical_dir)
        {
            return Err(outside());
        }
        Ok(())
    }
}

/// Reads a file as UTF-8 text, refusing it (without reading it whole) when it has more than
/// `max_bytes` bytes.
pub(crate) fn read_bounded(path: &Path, max_bytes: u64) -> Result<String> {
    let io_error = |e: std::io::Error| {
        Error::new(
            ErrorKind::Io,
            path,
            "#",
            format!("cannot read the file: {e}"),
        )
    };
    let too_large = || {
        Error::new(
            ErrorKind::Refused,
            path,
            "#",
            format!("the file is larger than the limit of {max_bytes} bytes"),
        )
    };
    let file = std::fs::File::open(path).map_err(io_error)?;
    if file.metadata().is_ok_and(|m| m.len() > max_bytes) {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if u64::try_from(bytes.len()).map_or(true, |n| n > max_bytes) {
        return Err(too_large());
    }
    String::from_utf8(bytes).map_err(|e| {
        Error::new(
            ErrorKind::Io,
            path,
            "#",
            format!(
                "cannot read the file: it is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// `path` made absolute (against the current directory) and lexically normalized.
fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        normalize(path)
    } else {
        let cwd = std::env::current_dir().unwrap_or_default();
        normalize(&cwd.join(path))
    }
}

/// `path` with `.` removed and `..` applied, without touching the file system. `..` at the
/// start of a relative path is kept; `..` at the root stays at the root.
pub(crate) fn normalize(path: &Path) -> PathBuf {
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                Some(Component::ParentDir | Component::CurDir) | None => parts.push(component),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}
