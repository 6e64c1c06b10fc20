//! End-to-end and snapshot tests live in `tests/tests/` (see `ARCHITECTURE.md`).
//!
//! This library holds what they share: where the fixtures and specs are, the machine-independent
//! forms of the IR and of the generated code that the snapshots hold, and lookups that fail with
//! a message naming what was missing.

use std::path::{Path, PathBuf};

use codegen::ir::{Api, Model, Operation, Parameter, StructModel};
use codegen::{CrateOptions, GeneratedFile};

/// The workspace root (the directory above this crate).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    here.parent()
        .expect("the tests crate is inside the workspace")
        .to_path_buf()
}

/// Runs `cargo xtask ARGS` from the workspace root (through the cargo running the tests) and
/// returns its output.
pub fn xtask(args: &[&str]) -> std::process::Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    std::process::Command::new(cargo)
        .current_dir(workspace_root())
        .args(["run", "--quiet", "--package", "xtask", "--"])
        .args(args)
        .output()
        .expect("run cargo xtask")
}

/// `path` relative to the workspace root, `/`-separated (`tests/fixtures/swagger2/refs.json`).
pub fn display(path: &Path) -> String {
    let root = workspace_root();
    codegen::display_path(path.strip_prefix(&root).unwrap_or(path))
}

/// A fixture by file name (`fixture("refs.json")`), as an absolute path.
pub fn fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/swagger2").join(name)
}

/// A bad-input fixture by file name, as an absolute path.
pub fn bad_fixture(name: &str) -> PathBuf {
    workspace_root().join("tests/fixtures/bad").join(name)
}

/// Every Swagger 2.0 fixture (`tests/fixtures/swagger2/*.json|yaml`), sorted by file name.
/// Files in subdirectories (`common/types.json`) are `$ref` targets, not fixtures.
pub fn swagger2_fixtures() -> Vec<PathBuf> {
    let dir = workspace_root().join("tests/fixtures/swagger2");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("json" | "yaml")
                )
        })
        .collect();
    out.sort();
    out
}

/// The package name of a fixture's generated crate (`fixture-x-ms-paths`).
pub fn fixture_crate_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .expect("a fixture has a UTF-8 stem");
    format!("fixture-{stem}")
}

/// A spec that `specs/manifest.json` marks `generated: true`.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The spec file, absolute.
    pub path: PathBuf,
    /// The crate's package name.
    pub name: String,
    /// The crate's version.
    pub version: String,
    /// The overlays applied to the spec before it is lowered (absolute), in order.
    pub overlays: Vec<PathBuf>,
}

/// The generated specs of `specs/manifest.json`, in manifest order.
pub fn generated_specs() -> Vec<Spec> {
    let root = workspace_root();
    let manifest_path = root.join("specs/manifest.json");
    let text = std::fs::read_to_string(&manifest_path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", manifest_path.display()));
    let manifest: serde_json::Value =
        serde_json::from_str(&text).expect("specs/manifest.json is JSON");
    let crates = manifest["crates"]
        .as_array()
        .expect("the manifest has a `crates` array");
    crates
        .iter()
        .filter(|entry| entry["generated"] == true)
        .map(|entry| {
            let field = |key: &str| {
                entry[key]
                    .as_str()
                    .unwrap_or_else(|| panic!("manifest entry without `{key}`: {entry}"))
            };
            let overlays = entry["overlays"].as_array().map_or(Vec::new(), |list| {
                list.iter()
                    .map(|o| {
                        root.join("specs")
                            .join(o.as_str().expect("an overlay path"))
                    })
                    .collect()
            });
            Spec {
                path: root.join("specs").join(field("spec")),
                name: field("name").to_owned(),
                version: field("version").to_owned(),
                overlays,
            }
        })
        .collect()
}

/// [`codegen::load_api`], with each warning's file made relative to the workspace root (the one
/// place where the IR would otherwise name a machine-dependent path).
pub fn load_api(path: &Path) -> codegen::Result<Api> {
    load_api_with_overlays(path, &[])
}

/// [`load_api`] with overlays applied first (`codegen::load_api_with_overlays`).
pub fn load_api_with_overlays(path: &Path, overlays: &[PathBuf]) -> codegen::Result<Api> {
    let mut api = codegen::load_api_with_overlays(path, overlays)?;
    let prefix = format!("{}/", codegen::display_path(&workspace_root()));
    for warning in &mut api.warnings {
        if let Some(relative) = warning.file.strip_prefix(&prefix) {
            warning.file = relative.to_owned();
        }
    }
    Ok(api)
}

/// [`load_api`] that panics with the error.
pub fn api(path: &Path) -> Api {
    load_api(path).unwrap_or_else(|e| panic!("{e}"))
}

/// A manifest spec's IR, its overlays applied, as `cargo xtask generate` lowers it; panics with
/// the error.
pub fn spec_api(spec: &Spec) -> Api {
    load_api_with_overlays(&spec.path, &spec.overlays).unwrap_or_else(|e| panic!("{e}"))
}

/// A manifest spec's crate, as `cargo xtask generate` writes it; panics with the error.
pub fn generate_spec(spec: &Spec) -> Vec<GeneratedFile> {
    codegen::generate(
        &spec_api(spec),
        &crate_options(&spec.name, &spec.version, &spec.path),
    )
    .unwrap_or_else(|e| panic!("{}: {e}", display(&spec.path)))
}

/// The options a crate is generated with: a fixed version and a relative `spec_display`.
pub fn crate_options(name: &str, version: &str, spec: &Path) -> CrateOptions {
    CrateOptions {
        name: name.to_owned(),
        version: version.to_owned(),
        spec_display: display(spec),
        // The runtime crate by version: the fixture workspaces patch it to this workspace's.
        runtime: codegen::Runtime::Crate { path: None },
    }
}

/// Every crate the tests generate: each fixture (`fixture-<stem>`, `0.1.0`, no overlays), then
/// each generated spec of the manifest (with its overlays). Generate each with
/// [`generate_spec`].
pub fn all_crates() -> Vec<Spec> {
    let fixtures = swagger2_fixtures().into_iter().map(|path| Spec {
        name: fixture_crate_name(&path),
        version: "0.1.0".to_owned(),
        path,
        overlays: Vec::new(),
    });
    fixtures.chain(generated_specs()).collect()
}

/// [`load_api`] then [`codegen::generate`] with [`crate_options`]; panics with the error.
pub fn generate(name: &str, version: &str, spec: &Path) -> Vec<GeneratedFile> {
    let api = self::api(spec);
    codegen::generate(&api, &crate_options(name, version, spec))
        .unwrap_or_else(|e| panic!("{}: {e}", display(spec)))
}

/// Where every generated crate keeps its runtime: the same files in every crate, snapshotted
/// once (`fixtures__runtime.snap`) rather than in each crate's code snapshot.
pub const RUNTIME_DIR: &str = "src/runtime/";

/// Whether a generated file is part of the shared runtime.
pub fn is_runtime(file: &GeneratedFile) -> bool {
    codegen::display_path(&file.path).starts_with(RUNTIME_DIR)
}

/// All files of a generated crate in order, each after a `==> path <==` header line.
pub fn concat_files(files: &[GeneratedFile]) -> String {
    concat(files, |_| true)
}

/// Like [`concat_files`], but the runtime's files show only their header and a pointer to the
/// runtime snapshot (the `runtime` test checks that they are the same in every crate).
pub fn concat_files_but_runtime(files: &[GeneratedFile]) -> String {
    concat(files, |file| !is_runtime(file))
}

fn concat(files: &[GeneratedFile], in_full: impl Fn(&GeneratedFile) -> bool) -> String {
    let mut out = String::new();
    for file in files {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&format!("==> {} <==\n", codegen::display_path(&file.path)));
        if !in_full(file) {
            out.push_str("(the shared runtime: see fixtures__runtime.snap)\n");
            continue;
        }
        out.push_str(&file.contents);
        if !file.contents.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// The operation with this `operation_id`.
pub fn op<'a>(api: &'a Api, operation_id: &str) -> &'a Operation {
    api.operations
        .iter()
        .find(|o| o.operation_id == operation_id)
        .unwrap_or_else(|| panic!("no operation `{operation_id}` in `{}`", api.title))
}

/// The parameter of `op` with this wire name (the first, if several locations share it).
pub fn param<'a>(op: &'a Operation, name: &str) -> &'a Parameter {
    op.parameters
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no parameter `{name}` in `{}`", op.operation_id))
}

/// The wire names of `op`'s parameters, in order.
pub fn param_names(op: &Operation) -> Vec<&str> {
    op.parameters.iter().map(|p| p.name.as_str()).collect()
}

/// The model with this (spec) name.
pub fn model<'a>(api: &'a Api, name: &str) -> &'a Model {
    api.models
        .iter()
        .find(|m| m.name == name)
        .unwrap_or_else(|| panic!("no model `{name}` in `{}`", api.title))
}

/// The struct model with this name.
pub fn struct_model<'a>(api: &'a Api, name: &str) -> &'a StructModel {
    match &model(api, name).kind {
        codegen::ir::ModelKind::Struct(s) => s,
        other => panic!("model `{name}` is not a struct: {other:?}"),
    }
}

#[path = "src/registry.rs"]
pub mod registry;

#[path = "src/ladders.rs"]
pub mod ladders;

#[path = "src/azurite.rs"]
pub mod azurite;

#[path = "src/shared_key.rs"]
pub mod shared_key;

#[path = "src/storage_auth.rs"]
pub mod storage_auth;

/// The `Cargo.toml` of a temporary workspace of generated fixture crates (`members`: one
/// `"    \"name\",\n"` line each). The crates depend on the runtime crate by version, which
/// is not on crates.io: this workspace's `runtime/` stands for it.
pub fn fixture_workspace_manifest(members: &[String]) -> String {
    format!(
        "[workspace]\nresolver = \"3\"\nmembers = [\n{}]\n\n[patch.crates-io]\nrestwire = {{ path = {:?} }}\n",
        members.concat(),
        workspace_root().join("runtime").display().to_string()
    )
}
