//! `codegen`: Swagger 2.0 and OpenAPI 3.x documents to Rust client crates.
//!
//! The passes, in order (see `ARCHITECTURE.md`):
//! [`load`] (files to JSON values) -> [`resolve`] (`$ref`s across files) -> [`lower`] (documents
//! to the [`ir`]) -> [`emit`] (IR to token streams and the README's text) -> [`render`] (tokens
//! and templates to files). They run here, in one place: [`load_api_with`] runs load, resolve and
//! lower; [`generate`] runs emit and hands its output to render. `load` reads every file (the
//! size limit and the `$ref` confinement are [`LoadOptions`]); `render` neither emits nor reads
//! the IR. Names are made only in [`naming`]. This crate writes no files: [`generate`] returns
//! them.

pub mod diff;
pub mod emit;
pub mod error;
pub mod filter;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod overlay;
pub mod render;
pub mod resolve;

use std::path::{Path, PathBuf};

pub use error::{Error, ErrorKind, Result};
pub use ir::{MAX_DEPTH, MAX_TYPE_DEPTH};
pub use load::LoadOptions;

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
    /// How the crate gets its runtime.
    pub runtime: Runtime,
}

/// How a generated crate gets its runtime (errors, credentials, policies, the HTTP pipeline).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Runtime {
    /// The runtime is copied into the crate (`src/runtime/`), which then needs no crate that is
    /// not on crates.io: for vendoring, and the default of `generate --out`.
    #[default]
    Vendored,
    /// The crate depends on the runtime crate (`restwire`) at the version this generator pins,
    /// with the features its API needs; by `path` (relative to the generated crate, `/`
    /// separators) when given, as the crates of this workspace do.
    Crate {
        /// Where the runtime crate is, relative to the generated crate.
        path: Option<String>,
    },
}

/// Loads a document (and every file its `$ref`s reach) and lowers it into the IR, with the
/// default [`LoadOptions`] (`$ref`s stay under the document's directory).
pub fn load_api(path: &Path) -> Result<ir::Api> {
    load_api_with(path, &LoadOptions::default())
}

/// [`load_api`] with options (a wider directory for `$ref`s, another size limit). An error
/// names the file that holds the node, its JSON pointer there, and its line and column.
///
/// The [`overlay`]s of `options.overlays` are applied to the root document in order, before its
/// `$ref`s are followed; their warnings (an action that selects nothing, an unknown key) come
/// first in the IR's `warnings`. Then `options.filter` keeps the part of the API it selects
/// ([`filter::apply`]).
pub fn load_api_with(path: &Path, options: &LoadOptions) -> Result<ir::Api> {
    let mut document = load::load_file_within(path, options.max_file_bytes)?;
    let warnings = overlay::apply_all(&mut document, &options.overlays)?;
    let resolver = resolve::Resolver::from_value_with(path, document, options);
    let mut api = lower::lower(&resolver).map_err(|e| resolver.locate(e))?;
    if options.examples {
        lower::examples::attach(&resolver, &mut api);
    }
    api.warnings.splice(0..0, warnings);
    let file = display_path(path);
    filter::apply(&mut api, &options.filter, &file)
        .map_err(|message| Error::new(ErrorKind::Filter, path, "#", message))?;
    Ok(api)
}

/// [`load_api`] with overlays applied first (see [`load_api_with`]).
pub fn load_api_with_overlays(path: &Path, overlays: &[PathBuf]) -> Result<ir::Api> {
    load_api_with(path, &LoadOptions::default().with_overlays(overlays))
}

/// Each warning as `file:line:col: at #/pointer: message`, for people. Positions are looked up
/// now (each file named by a warning is read again, once), not while lowering.
pub fn describe_warnings(warnings: &[ir::Warning]) -> Vec<String> {
    let mut by_file: indexmap::IndexMap<&str, Vec<usize>> = indexmap::IndexMap::new();
    for (i, w) in warnings.iter().enumerate() {
        by_file.entry(w.file.as_str()).or_default().push(i);
    }
    let mut positions = vec![None; warnings.len()];
    for (file, indices) in by_file {
        let Ok(text) = load::read_bounded(Path::new(file), load::DEFAULT_MAX_FILE_BYTES) else {
            continue;
        };
        let pointers: Vec<&str> = indices
            .iter()
            .map(|&i| warnings[i].pointer.as_str())
            .collect();
        for (&i, found) in indices.iter().zip(resolve::line_cols(&text, &pointers)) {
            positions[i] = found;
        }
    }
    warnings
        .iter()
        .zip(positions)
        .map(|(w, position)| match position {
            Some((line, col)) => {
                format!("{}:{line}:{col}: at {}: {}", w.file, w.pointer, w.message)
            }
            None => format!("{}: at {}: {}", w.file, w.pointer, w.message),
        })
        .collect()
}

/// The files of the crate for an API: [`emit`] makes the Rust files' tokens (file by file, on
/// every core) and the text of `Cargo.toml` and `README.md`; [`render`] formats and fills
/// templates.
pub fn generate(api: &ir::Api, options: &CrateOptions) -> Result<Vec<GeneratedFile>> {
    // The spec path goes into one-line comments (`// @generated ... from <path>`, the
    // `rustfmt.toml` and `Cargo.toml` headers): a newline in it would end the comment.
    let options = CrateOptions {
        spec_display: emit::one_line_text(&options.spec_display),
        ..options.clone()
    };
    let emitter = emit::Emitter::new(api, &options)?;
    let text = render::CrateText {
        description: emit::one_line_text(&format!("A client for {}", api.title)),
        dependencies: emitter.dependencies(),
        readme: emit::readme(api, &options)?,
    };
    render::render_crate(text, emitter.len(), |index| emitter.file(index), &options)
}

/// The example tests of the crate for `api` (loaded with [`LoadOptions::examples`]): adds
/// `tests/examples.rs` to `files` (the output of [`generate`]) and the dev-dependencies it needs
/// to their `Cargo.toml`, when at least one example is a test. Returns how the examples fared.
pub fn add_example_tests(
    api: &ir::Api,
    options: &CrateOptions,
    files: &mut Vec<GeneratedFile>,
) -> Result<emit::ExampleStats> {
    let options = CrateOptions {
        spec_display: emit::one_line_text(&options.spec_display),
        ..options.clone()
    };
    let (file, stats) = emit::example_tests(api, &options)?;
    if let Some(file) = file {
        if let Some(manifest) = files.iter_mut().find(|f| f.path == Path::new("Cargo.toml")) {
            manifest.contents.push_str(emit::DEV_DEPENDENCIES);
        }
        files.push(GeneratedFile {
            path: PathBuf::from(&file.path),
            contents: render::format_rust(file, &options)?,
        });
    }
    Ok(stats)
}

/// [`load_api`] then [`generate`].
pub fn generate_from_path(path: &Path, options: &CrateOptions) -> Result<Vec<GeneratedFile>> {
    generate_from_path_with(path, &LoadOptions::default(), options)
}

/// [`load_api_with`] then [`generate`].
pub fn generate_from_path_with(
    path: &Path,
    load: &LoadOptions,
    options: &CrateOptions,
) -> Result<Vec<GeneratedFile>> {
    let api = load_api_with(path, load)?;
    generate(&api, options)
}

/// The `/`-separated display form of a path, used in generated text.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
