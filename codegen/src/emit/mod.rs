//! IR to token streams, one module per output role of the generated crate:
//!
//! - `client`: `src/lib.rs` (modules, re-exports, `Client`, `ClientBuilder`), with `settings`
//!   (host and client parameters) and `lib_docs` (crate docs and the usage example);
//! - `operations`: `src/<group>.rs` (the sub-client and its request builders), with `wire` (the
//!   body of `send()`: path, query, headers, body) and `responses` (response types and the
//!   status dispatch);
//! - `models` and `enums`: `src/models.rs`;
//! - `errors`: `src/errors.rs` (the `ErrorModel` enum) and each operation's error decoder;
//! - `tokens`: the API's own token operations, found by their shape, wired to the credentials
//!   (in `src/lib.rs`); `paging`: list operations that follow `Link: rel="next"`; `pager`:
//!   pageable operations (`x-ms-pageable`), which return the runtime's `Pager`;
//! - `runtime`: the runtime crate as a dependency, or copied into `src/runtime/` (vendored);
//! - `docs`: doc comments made rustdoc-safe; `types`: `TypeRef` to Rust types.
//!
//! Invariants: every Rust name comes from the IR (or is an IR type-name stem with a fixed suffix,
//! `BlobUploadRequest`); names that would collide in one scope are reported as
//! [`ErrorKind::Duplicate`], never renamed; output order is IR order; nothing here panics on
//! IR content (a bad name is an [`ErrorKind::Internal`] error).

mod base_url;
mod client;
mod de_map;
mod dependencies;
mod docs;
mod enums;
mod errors;
mod examples;
mod facts;
mod flatten;
pub(crate) mod formats;
mod groups;
mod inputs;
mod lib_docs;
mod lro;
mod model_parts;
mod models;
mod operations;
mod pager;
mod paging;
mod plan;
mod readme;
mod redact;
mod responses;
pub(crate) mod runtime;
mod settings;
mod status;
mod tokens;
mod types;
mod unions;
mod wire;
mod xml;

pub use dependencies::Dependency;
pub use docs::{one_line_text, strip_hidden};
pub use examples::{DEV_DEPENDENCIES, ExampleStats, example_tests};
pub use readme::{Readme, ReadmeGroup, ReadmeOperation, ReadmePart, readme};
pub use wire::display_path;

#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;

use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};

use crate::ir::{Api, Model};
use crate::{CrateOptions, Error, ErrorKind, Result};

pub(crate) use docs::{Doc, code};

/// The source of one Rust file of the generated crate, before formatting.
#[derive(Debug, Clone)]
pub enum RustSource {
    /// Emitted tokens.
    Tokens(TokenStream),
    /// Hand-written source (the runtime), already formatted when the generator was built.
    Formatted(&'static str),
}

/// One Rust file of the generated crate.
#[derive(Debug, Clone)]
pub struct RustFile {
    /// Path relative to the crate root (`src/blob.rs`).
    pub path: String,
    /// Where it comes from, for the `@generated` preamble (`specs/acr.json`).
    pub origin: String,
    /// Its contents.
    pub source: RustSource,
}

/// Emits every Rust file of the crate for `api`, in order.
pub fn rust_files(api: &Api, options: &CrateOptions) -> Result<Vec<RustFile>> {
    let emitter = Emitter::new(api, options)?;
    (0..emitter.len()).map(|i| emitter.file(i)).collect()
}

/// The crate's Rust files, emitted one at a time by index, so that several threads can share
/// the work (file `i` is the same whichever thread emits it, and whenever). `Sync`: it holds only
/// shared references.
pub struct Emitter<'a> {
    ctx: Ctx<'a>,
    /// The files of a vendored runtime (none when the crate depends on the runtime crate).
    vendored: Vec<runtime::Vendored>,
}

impl<'a> Emitter<'a> {
    /// Checks what every file relies on (module names) before any is emitted.
    pub fn new(api: &'a Api, options: &'a CrateOptions) -> Result<Self> {
        let ctx = Ctx::new(api, options)?;
        ctx.check_module_names()?;
        let vendored = runtime::vendored(&options.runtime, ctx.runtime_features());
        Ok(Emitter { ctx, vendored })
    }

    /// The `[dependencies]` of the crate's `Cargo.toml`.
    pub fn dependencies(&self) -> Vec<Dependency> {
        dependencies::dependencies(&self.ctx)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        FIXED_FILES + self.ctx.api.groups.len() + self.vendored.len()
    }

    /// Whether there are none (never: `src/lib.rs` is always there).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// File `index` (below [`Emitter::len`]): `src/lib.rs`, `src/models.rs`, `src/errors.rs`,
    /// one file per group, then the vendored runtime's files (`src/runtime/`), if any.
    pub fn file(&self, index: usize) -> Result<RustFile> {
        let ctx = &self.ctx;
        let spec = |path: String, tokens: TokenStream| RustFile {
            path,
            origin: ctx.options.spec_display.clone(),
            source: RustSource::Tokens(tokens),
        };
        let groups = &ctx.api.groups;
        Ok(match index {
            0 => spec("src/lib.rs".into(), client::lib_file(ctx)?),
            1 => spec("src/models.rs".into(), models::models_file(ctx)?),
            2 => spec("src/errors.rs".into(), errors::errors_file(ctx)?),
            i if i - FIXED_FILES < groups.len() => {
                let group = &groups[i - FIXED_FILES];
                let tokens = operations::group_file(ctx, group)?;
                spec(format!("src/{}.rs", unraw(&group.rust_name)), tokens)
            }
            i => {
                let index = i - FIXED_FILES - groups.len();
                let file = self.vendored.get(index).ok_or_else(|| {
                    ctx.error(
                        crate::ErrorKind::Internal,
                        "#",
                        "a runtime file is missing from the embedded runtime",
                    )
                })?;
                runtime::file(file, ctx.runtime_features())
            }
        })
    }
}

/// `src/lib.rs`, `src/models.rs`, `src/errors.rs`.
const FIXED_FILES: usize = 3;

/// Spec text as safe Markdown (brackets, HTML-like tags and bare URLs escaped), for the README.
pub fn markdown(text: &str) -> String {
    docs::sanitize(text).join("\n")
}

/// The example in the crate docs and the README: constructing the client and calling one
/// operation.
pub fn usage_example(api: &Api, options: &CrateOptions) -> Result<String> {
    lib_docs::usage_example(&Ctx::new(api, options)?)
}

/// Shared state of one emission: the API, the options, a model index, and what is decided once
/// per API (the base URL's strategy, the runtime's parts) and per operation ([`facts::Facts`]).
/// `Sync`: it holds no tokens.
pub(crate) struct Ctx<'a> {
    pub(crate) api: &'a Api,
    pub(crate) options: &'a CrateOptions,
    pub(crate) models: IndexMap<&'a str, &'a Model>,
    /// The optional parts of the runtime (digests, pagers, pollers, XML) the crate gets,
    /// decided once.
    pub(crate) runtime: runtime::Parts,
    /// When the host template is filled ([`base_url::Strategy::of`]), decided once.
    host_strategy: base_url::Strategy,
    /// What is decided about each operation.
    facts: facts::AllFacts<'a>,
    /// The operation ids that some pageable operation names as its next-page operation.
    pub(crate) next_operations: std::collections::HashSet<&'a str>,
    /// The runtime crate's features the crate needs (its parts and typed formats), found once
    /// when first asked for.
    runtime_features: std::sync::OnceLock<BTreeSet<&'static str>>,
    /// The typed formats the API uses ([`formats::used`]), found once when first asked for.
    formats_used: std::sync::OnceLock<std::collections::BTreeSet<&'static str>>,
}

impl<'a> Ctx<'a> {
    /// The context of `api`, with every operation's facts.
    pub(crate) fn new(api: &'a Api, options: &'a CrateOptions) -> Result<Self> {
        let models = api.models.iter().map(|m| (m.name.as_str(), m)).collect();
        let mut ctx = Ctx {
            api,
            options,
            models,
            runtime: runtime::Parts::of(api),
            host_strategy: base_url::Strategy::of(api),
            next_operations: api
                .operations
                .iter()
                .filter_map(|o| o.paging.as_ref()?.next_operation.as_deref())
                .collect(),
            runtime_features: std::sync::OnceLock::new(),
            formats_used: std::sync::OnceLock::new(),
            facts: facts::AllFacts::default(),
        };
        ctx.facts = facts::AllFacts::new(&ctx)?;
        Ok(ctx)
    }

    /// The typed formats the API uses (`date-time`, `byte`, ...), wherever they are.
    pub(crate) fn formats_used(&self) -> &std::collections::BTreeSet<&'static str> {
        self.formats_used.get_or_init(|| formats::used(self.api))
    }

    /// The runtime crate's features the crate needs: its parts and its typed formats'.
    pub(crate) fn runtime_features(&self) -> &BTreeSet<&'static str> {
        self.runtime_features.get_or_init(|| {
            runtime::features(self.runtime, &formats::features(self.formats_used()))
        })
    }

    /// An error about the construct at `pointer`.
    pub(crate) fn error(
        &self,
        kind: ErrorKind,
        pointer: &str,
        message: impl Into<String>,
    ) -> Error {
        Error::new(kind, &self.options.spec_display, pointer, message)
    }

    /// The model named `name` (its IR `name`).
    pub(crate) fn model(&self, name: &str, pointer: &str) -> Result<&'a Model> {
        self.models.get(name).copied().ok_or_else(|| {
            self.error(
                ErrorKind::Internal,
                pointer,
                format!("the IR refers to a model `{name}` that it does not define"),
            )
        })
    }

    /// The identifier for an IR-provided name (`r#type` becomes a raw identifier).
    pub(crate) fn ident(&self, name: &str, pointer: &str) -> Result<Ident> {
        syn::parse_str::<Ident>(name).map_err(|_| {
            self.error(
                ErrorKind::Internal,
                pointer,
                format!("`{name}` is not a valid Rust identifier"),
            )
        })
    }

    /// An IR type-name stem with a fixed suffix (`BlobUpload` + `Request`).
    pub(crate) fn suffixed(&self, stem: &str, suffix: &str, pointer: &str) -> Result<Ident> {
        self.ident(&format!("{stem}{suffix}"), pointer)
    }

    /// The crate's name as Rust code spells it (`azure_containerregistry`).
    pub(crate) fn lib_name(&self) -> String {
        self.options.name.replace('-', "_")
    }

    /// Group modules must not shadow the fixed modules, nor each other.
    fn check_module_names(&self) -> Result<()> {
        let mut names = Names::new(["errors", "models", "runtime"]);
        for group in &self.api.groups {
            names.claim(self, unraw(&group.rust_name), "#", "group module")?;
        }
        Ok(())
    }
}

/// The name without a `r#` prefix: what serde and file names use.
pub(crate) fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The names taken in one scope, to report collisions instead of emitting code that does not
/// compile.
pub(crate) struct Names {
    taken: BTreeSet<String>,
}

impl Names {
    /// A scope where `reserved` are already taken.
    pub(crate) fn new<'n>(reserved: impl IntoIterator<Item = &'n str>) -> Self {
        Names {
            taken: reserved.into_iter().map(str::to_owned).collect(),
        }
    }

    /// Takes `name`, or reports that it is taken.
    pub(crate) fn claim(
        &mut self,
        ctx: &Ctx<'_>,
        name: &str,
        pointer: &str,
        what: &str,
    ) -> Result<()> {
        if self.taken.insert(unraw(name).to_owned()) {
            Ok(())
        } else {
            Err(ctx.error(
                ErrorKind::Duplicate,
                pointer,
                format!("the {what} name `{name}` collides with another name in the same scope"),
            ))
        }
    }
}
