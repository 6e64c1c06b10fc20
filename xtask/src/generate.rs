//! `cargo xtask generate`: the manifest's crates into `generated/`, or one spec into any directory.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::CrateOptions;
use codegen::filter::{Filter, Selectors};

use crate::files::{self, Changes, FileSet, Mode};
use crate::manifest::{self, Entry};

/// The version of a `--spec` crate when `--version` is not given.
pub const DEFAULT_VERSION: &str = "0.1.0";

/// The files of a manifest crate, generated in memory. `root` is the repository root (`""` when
/// it is the current directory, so that errors name `specs/...`).
pub fn manifest_crate(root: &Path, entry: &Entry) -> Result<FileSet, String> {
    Ok(manifest_crate_with_examples(root, entry)?.0)
}

/// [`manifest_crate`], and how the spec's examples fared when the entry asks for example tests
/// (`examples: true`).
pub fn manifest_crate_with_examples(
    root: &Path,
    entry: &Entry,
) -> Result<(FileSet, Option<ExampleSummary>), String> {
    let options = CrateOptions {
        name: entry.name.clone(),
        version: entry.version.clone(),
        spec_display: codegen::display_path(&entry.spec_path()),
        runtime: entry.runtime(),
    };
    let api = entry_api_with(root, entry, entry.examples)?;
    let mut files = codegen::generate(&api, &options).map_err(|e| e.to_string())?;
    let summary = if entry.examples {
        let stats =
            codegen::add_example_tests(&api, &options, &mut files).map_err(|e| e.to_string())?;
        Some(ExampleSummary::new(&api, stats))
    } else {
        None
    };
    Ok((files::file_set(files)?, summary))
}

/// How the examples of one spec fared, with the warnings of those that contradict it.
pub struct ExampleSummary {
    pub stats: codegen::emit::ExampleStats,
    /// The warnings about examples (`file: at pointer: message`).
    pub warnings: Vec<String>,
}

impl ExampleSummary {
    pub fn new(api: &codegen::ir::Api, stats: codegen::emit::ExampleStats) -> Self {
        let warnings = api
            .warnings
            .iter()
            .filter(|w| w.message.starts_with("example "))
            .map(|w| format!("{}: at {}: {}", w.file, w.pointer, w.message))
            .collect();
        ExampleSummary { stats, warnings }
    }

    /// `N examples: T tests, S skipped as inconsistent, U not testable`.
    pub fn line(&self) -> String {
        let s = &self.stats;
        format!(
            "{} examples: {} tests, {} skipped as inconsistent with the spec, {} not testable",
            s.examples,
            s.tests,
            s.inconsistent,
            s.untestable.len()
        )
    }
}

/// A manifest entry's spec, with its overlays applied, lowered into the IR. The overlays'
/// warnings are printed.
pub fn entry_api(root: &Path, entry: &Entry) -> Result<codegen::ir::Api, String> {
    entry_api_with(root, entry, false)
}

/// [`entry_api`], with the operations' examples lowered when `examples` is set.
pub fn entry_api_with(
    root: &Path,
    entry: &Entry,
    examples: bool,
) -> Result<codegen::ir::Api, String> {
    let overlays: Vec<PathBuf> = entry.overlay_paths().iter().map(|o| root.join(o)).collect();
    load_api(
        &root.join(entry.spec_path()),
        &codegen::LoadOptions::default()
            .with_overlays(&overlays)
            .with_examples(examples)
            .with_filter(entry.filter()),
    )
}

/// A spec loaded with `load` (its overlays applied), lowered into the IR; prints the overlays'
/// warnings (an action that selects nothing, an unknown key) on stderr.
pub fn load_api(spec: &Path, load: &codegen::LoadOptions) -> Result<codegen::ir::Api, String> {
    let api = codegen::load_api_with(spec, load).map_err(|e| e.to_string())?;
    let shown: Vec<String> = load
        .overlays
        .iter()
        .map(|o| codegen::display_path(o))
        .collect();
    for warning in api.warnings.iter().filter(|w| shown.contains(&w.file)) {
        eprintln!(
            "warning: {}: at {}: {}",
            warning.file, warning.pointer, warning.message
        );
    }
    Ok(api)
}

/// Every manifest entry with `generated: true` into its output directory. Everything is
/// generated in memory first: if one spec fails, nothing on disk changes.
pub fn all(root: &Path) -> Result<(), String> {
    let manifest = manifest::load(root)?;
    let mut crates = Vec::new();
    for entry in manifest.generated() {
        let (files, examples) = manifest_crate_with_examples(root, entry)?;
        crates.push((entry, files, examples));
    }
    for (entry, expected, examples) in crates {
        let outcome = files::ensure_crate(&root.join(entry.out_path()), &expected, Mode::Write)?;
        print_outcome(&entry.out, &outcome.changes, expected.len());
        if let Some(examples) = examples {
            for warning in &examples.warnings {
                eprintln!("warning: {warning}");
            }
            for (operation, example, why) in &examples.stats.untestable {
                eprintln!("note: example `{example}` of `{operation}` is not a test: {why}");
            }
            println!("{}: {}", entry.out, examples.line());
        }
    }
    for entry in manifest.crates.iter().filter(|e| !e.generated) {
        println!(
            "{}: skipped (`generated: false` in {})",
            entry.out,
            manifest::PATH
        );
    }
    Ok(())
}

/// What `--spec`, `--out`, `--name` and `--version` asked for.
pub struct One {
    pub spec: PathBuf,
    pub out: PathBuf,
    pub name: Option<String>,
    pub version: Option<String>,
    /// Overlays applied in order to the spec before it is lowered.
    pub overlays: Vec<PathBuf>,
    /// The directory `$ref`s may reach (default: the spec's directory).
    pub ref_root: Option<PathBuf>,
    /// The runtime crate's directory, to depend on it by path (default: vendored).
    pub runtime_path: Option<PathBuf>,
    /// The part of the API to generate (everything when empty).
    pub filter: Filter,
}

/// The runtime crate of this repository (`runtime/`), by its path relative to the crate
/// directory `out`: how the conformance and corpus crates share one build of it.
pub fn runtime_crate_from(out: &Path) -> Result<codegen::Runtime, String> {
    let out = std::path::absolute(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let runtime = crate::project_root().join("runtime");
    Ok(codegen::Runtime::Crate {
        path: Some(relative_path(&out, &runtime)),
    })
}

/// `target` as a path relative to the directory `from` (both absolute), `/`-separated, for a
/// `path =` dependency.
pub fn relative_path(from: &Path, target: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let target: Vec<_> = target.components().collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_owned(); from.len() - common];
    parts.extend(
        target[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    if parts.is_empty() {
        ".".to_owned()
    } else {
        parts.join("/")
    }
}

/// `--include-path`, `--exclude-tag`, ...: the part of the API to generate (see
/// `codegen::filter`). Each may be repeated; an operation is kept when it matches any include
/// (or there is none) and no exclude.
#[derive(clap::Args, Default)]
pub struct FilterArgs {
    /// Keep the operations whose path matches GLOB (`/users/**`: `*` is one path segment or
    /// part of one, `**` any number of segments; paths as the spec writes them, without the
    /// base path)
    #[arg(long, value_name = "GLOB")]
    include_path: Vec<String>,
    /// Drop the operations whose path matches GLOB
    #[arg(long, value_name = "GLOB")]
    exclude_path: Vec<String>,
    /// Keep the operations tagged TAG (exact match)
    #[arg(long, value_name = "TAG")]
    include_tag: Vec<String>,
    /// Drop the operations tagged TAG
    #[arg(long, value_name = "TAG")]
    exclude_tag: Vec<String>,
    /// Keep the operation with this operationId (exact match)
    #[arg(long, value_name = "ID")]
    include_operation: Vec<String>,
    /// Drop the operation with this operationId
    #[arg(long, value_name = "ID")]
    exclude_operation: Vec<String>,
}

impl FilterArgs {
    /// No option given.
    pub fn is_empty(&self) -> bool {
        [
            &self.include_path,
            &self.exclude_path,
            &self.include_tag,
            &self.exclude_tag,
            &self.include_operation,
            &self.exclude_operation,
        ]
        .iter()
        .all(|v| v.is_empty())
    }

    /// The filter these options ask for.
    pub fn into_filter(self) -> Filter {
        Filter {
            include: Selectors {
                paths: self.include_path,
                tags: self.include_tag,
                operations: self.include_operation,
            },
            exclude: Selectors {
                paths: self.exclude_path,
                tags: self.exclude_tag,
                operations: self.exclude_operation,
            },
        }
    }
}

/// One spec into any directory, as a crate that builds on its own.
pub fn one(root: &Path, args: One) -> Result<(), String> {
    let name = match args.name {
        Some(name) => name,
        None => default_crate_name(&args.spec)?,
    };
    manifest::validate_crate_name(&name)?;
    let version = args.version.unwrap_or_else(|| DEFAULT_VERSION.to_string());
    manifest::validate_version(&version)?;
    let shown = args.out.display().to_string();
    let out = std::path::absolute(&args.out).map_err(|e| format!("{shown}: {e}"))?;
    let parent = match (out.parent(), out.file_name()) {
        (Some(parent), Some(_)) => parent.to_path_buf(),
        _ => {
            return Err(format!(
                "{shown}: not a directory a crate can be written to"
            ));
        }
    };

    if out.exists() && !out.is_dir() {
        return Err(format!("{shown}: exists and is not a directory"));
    }
    let empty = files::is_missing_or_empty(&out).map_err(|e| format!("{shown}: {e}"))?;
    if !empty && !files::looks_generated(&out) {
        return Err(format!(
            "{shown}: refusing to replace a non-empty directory that is not a generated crate \
             (its Cargo.toml's first line has no `@generated` preamble); choose another --out or \
             remove it yourself"
        ));
    }
    let runtime = match &args.runtime_path {
        None => codegen::Runtime::Vendored,
        Some(dir) => {
            let dir = std::path::absolute(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            if !dir.join("Cargo.toml").is_file() {
                return Err(format!(
                    "--runtime-path {}: no Cargo.toml there (give the directory of the runtime \
                     crate, `runtime/` in this repository)",
                    dir.display()
                ));
            }
            codegen::Runtime::Crate {
                path: Some(relative_path(&out, &dir)),
            }
        }
    };
    let options = CrateOptions {
        name,
        version,
        spec_display: spec_display(root, &args.spec),
        runtime,
    };
    let load = load_options(args.ref_root, args.overlays).with_filter(args.filter);
    let api = codegen::load_api_with(&args.spec, &load).map_err(|e| e.to_string())?;
    // One spec asked for by hand: every warning, with its file, line and column.
    for warning in codegen::describe_warnings(&api.warnings) {
        eprintln!("warning: {warning}");
    }
    let files = codegen::generate(&api, &options).map_err(|e| e.to_string())?;
    let mut expected = files::file_set(files)?;

    fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    if !is_workspace_member_dir(root, &parent) {
        make_own_workspace(&mut expected)?;
    }
    let outcome = files::ensure_crate(&out, &expected, Mode::Write)?;
    print_outcome(&shown, &outcome.changes, expected.len());
    Ok(())
}

/// The load options for `--ref-root`.
pub fn load_options(ref_root: Option<PathBuf>, overlays: Vec<PathBuf>) -> codegen::LoadOptions {
    codegen::LoadOptions {
        ref_root,
        overlays,
        ..codegen::LoadOptions::default()
    }
}

/// The default crate name for a spec: its file stem, lowercased, with every run of
/// non-alphanumerics turned into one `-`, and `api-` in front when it would start with a digit.
pub fn default_crate_name(spec: &Path) -> Result<String, String> {
    let stem = spec.file_stem().and_then(|s| s.to_str()).ok_or_else(|| {
        format!(
            "{}: cannot derive a crate name; pass --name",
            spec.display()
        )
    })?;
    let mut name = String::new();
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    Ok(match name.chars().next() {
        None => "api".to_string(),
        Some(c) if c.is_ascii_digit() => format!("api-{name}"),
        Some(_) => name.to_string(),
    })
}

/// How generated text names the spec: relative to the repository when it is inside it, as given
/// otherwise.
fn spec_display(root: &Path, spec: &Path) -> String {
    let inside = fs::canonicalize(spec)
        .ok()
        .zip(fs::canonicalize(root).ok())
        .and_then(|(spec, root)| spec.strip_prefix(root).ok().map(Path::to_path_buf));
    codegen::display_path(inside.as_deref().unwrap_or(spec))
}

/// Whether a crate written into `parent` is picked up by the workspace's `generated/[a-z0-9]*`
/// members glob. (`parent` must exist.)
fn is_workspace_member_dir(root: &Path, parent: &Path) -> bool {
    let generated = fs::canonicalize(root.join("generated"));
    matches!((fs::canonicalize(parent), generated), (Ok(a), Ok(b)) if a == b)
}

/// Makes a crate its own workspace root, so that `cargo build` works in it wherever it is: below
/// this repository (outside `generated/`) cargo would otherwise refuse it for not being a member,
/// and inside any other workspace likewise.
fn make_own_workspace(files: &mut FileSet) -> Result<(), String> {
    let cargo_toml = files
        .get_mut(Path::new("Cargo.toml"))
        .ok_or("the generator produced no Cargo.toml (a bug in codegen)")?;
    if !cargo_toml.lines().any(|line| line.trim() == "[workspace]") {
        if !cargo_toml.is_empty() && !cargo_toml.ends_with('\n') {
            cargo_toml.push('\n');
        }
        cargo_toml.push_str(
            "\n# Added by `cargo xtask generate --out`: this crate is a workspace of its own.\n\
             [workspace]\n",
        );
    }
    Ok(())
}

fn print_outcome(dir: &str, changes: &Changes, total: usize) {
    if changes.is_empty() {
        println!("{dir}: up to date ({total} files)");
    } else {
        println!(
            "{dir}: {} changed, {} added, {} removed ({total} files)",
            changes.changed.len(),
            changes.missing.len(),
            changes.extra.len()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_crate_names() {
        let cases = [
            ("specs/docker-registry/v2.yaml", "v2"),
            (
                "specs/containerregistry/2019-08-15-preview.json",
                "api-2019-08-15-preview",
            ),
            ("My Spec__v1.JSON", "my-spec-v1"),
            ("petstore.openapi.yaml", "petstore-openapi"),
            ("_private-.json", "private"),
            ("Ünïcode-api.yml", "n-code-api"),
            ("___.json", "api"),
            ("/tmp/x/ACR", "acr"),
        ];
        for (spec, expected) in cases {
            let name = default_crate_name(Path::new(spec)).unwrap();
            assert_eq!(name, expected, "{spec}");
            assert_eq!(manifest::validate_crate_name(&name), Ok(()), "{spec}");
        }
        assert!(default_crate_name(Path::new("/")).is_err());
    }

    #[test]
    fn own_workspace_table_is_added_once() {
        let mut files: FileSet = [(
            PathBuf::from("Cargo.toml"),
            "# @generated\n[package]\nname = \"x\"".to_string(),
        )]
        .into_iter()
        .collect();
        make_own_workspace(&mut files).unwrap();
        make_own_workspace(&mut files).unwrap();
        let text = &files[Path::new("Cargo.toml")];
        assert!(
            text.starts_with("# @generated\n[package]\nname = \"x\"\n\n# Added by"),
            "{text}"
        );
        assert_eq!(text.matches("[workspace]").count(), 1);
        assert!(make_own_workspace(&mut FileSet::new()).is_err());
    }
}
