//! Errors as values: every problem with an input names the file, the JSON pointer and, where the
//! parser knows them, the line and column.

use std::fmt;
use std::path::PathBuf;

/// What went wrong, broadly. The message says the details.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The file could not be read.
    Io,
    /// The text is neither valid JSON nor valid YAML.
    Syntax,
    /// The document is not Swagger 2.0 or OpenAPI 3.0/3.1.
    UnsupportedVersion,
    /// A `$ref` points at nothing.
    DanglingRef,
    /// A chain of `$ref`s loops back on itself without reaching a value.
    RefCycle,
    /// A file is not read: it is outside the directory that `$ref`s may reach, or larger than
    /// the size limit.
    Refused,
    /// The input is nested or chained deeper than the generator's documented limits.
    TooDeep,
    /// The document breaks a rule of its format (wrong type of value, missing required key, ...).
    Invalid,
    /// A construct the generator does not support, and cannot safely ignore.
    Unsupported,
    /// Two operations share an `operationId`, or two generated names collide.
    Duplicate,
    /// The filter asked for ([`crate::filter`]) is malformed, names no operation of the API, or
    /// keeps none.
    Filter,
    /// Rendering the generated code failed (a bug in the generator, reported instead of a panic).
    Internal,
}

/// An error with its place in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What kind of problem.
    pub kind: ErrorKind,
    /// The file it is in.
    pub file: PathBuf,
    /// The JSON pointer (`#/paths/~1v2~1/get`), `#` for the whole document.
    pub pointer: String,
    /// 1-based line and column, when known.
    pub line_col: Option<(usize, usize)>,
    /// What is wrong, in words.
    pub message: String,
}

impl Error {
    /// An error at `pointer` in `file`.
    pub fn new(
        kind: ErrorKind,
        file: impl Into<PathBuf>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error {
            kind,
            file: file.into(),
            pointer: pointer.into(),
            line_col: None,
            message: message.into(),
        }
    }

    /// The same error, with a line and column.
    pub fn at_line_col(mut self, line: usize, column: usize) -> Self {
        self.line_col = Some((line, column));
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": at {}: {}", self.pointer, self.message)
    }
}

impl std::error::Error for Error {}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
