//! `codegen`: Swagger 2.0 and OpenAPI 3.x documents to Rust client crates.
//!
//! The passes, in order (see `ARCHITECTURE.md`):
//! [`load`] (text to JSON values) -> [`resolve`] (`$ref`s across files) -> [`lower`] (documents to
//! the [`ir`]) -> [`emit`] (IR to token streams) -> [`render`] (tokens and templates to files).
//! Names are made only in [`naming`]. This crate writes no files: [`generate`] returns them.

pub mod diff;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod overlay;
pub mod render;
pub mod resolve;

use std::path::{Path, PathBuf};

pub use error::{Error, ErrorKind, Result};

/// One file of a generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate's root directory, with `/` separators (`src/lib.rs`).
    pub path: PathBuf,
    /// The full contents.
    pub contents: String,
}

/// What the generated crate is called and how it is versioned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CrateOptions {
    /// The package name (`azure-containerregistry`).
    pub name: String,
    /// The package version (`0.1.0`).
    pub version: String,
    /// The spec path as it should appear in generated comments (relative to the repository, with
    /// `/` separators, so that output does not depend on the machine).
    pub spec_display: String,
}

/// Loads a document (and every file its `$ref`s reach) and lowers it into the IR.
pub fn load_api(path: &Path) -> Result<ir::Api> {
    load_api_with_overlays(path, &[])
}

/// Loads a document, applies the [`overlay`]s in `overlays` to it in order, then follows its
/// `$ref`s and lowers it into the IR. The overlays' warnings (an action that selects nothing,
/// an unknown key) come first in the IR's `warnings`.
pub fn load_api_with_overlays(path: &Path, overlays: &[PathBuf]) -> Result<ir::Api> {
    let mut document = load::load_file(path)?;
    let warnings = overlay::apply_all(&mut document, overlays)?;
    let resolver = resolve::Resolver::from_value(path, document)?;
    let mut api = lower::lower(&resolver)?;
    api.warnings.splice(0..0, warnings);
    Ok(api)
}

/// Emits and renders the crate for an API.
pub fn generate(api: &ir::Api, options: &CrateOptions) -> Result<Vec<GeneratedFile>> {
    // The spec path goes into one-line comments (`// @generated ... from <path>`, the
    // `rustfmt.toml` and `Cargo.toml` headers): a newline in it would end the comment.
    let options = CrateOptions {
        spec_display: emit::one_line_text(&options.spec_display),
        ..options.clone()
    };
    render::render_crate(api, &options)
}

/// [`load_api`] then [`generate`].
pub fn generate_from_path(path: &Path, options: &CrateOptions) -> Result<Vec<GeneratedFile>> {
    let api = load_api(path)?;
    generate(&api, options)
}

/// The `/`-separated display form of a path, used in generated text.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
