//! Overlays (OpenAPI Overlay 1.0) on both input formats, through the library and through
//! `cargo xtask generate --overlay` / `cargo xtask ir --overlay`. The rules of an overlay's
//! actions are unit-tested in `codegen/src/overlay/tests.rs`; here the same overlay applied to a
//! Swagger 2.0 and to an OpenAPI 3 document must change the IR the same way.

use std::path::{Path, PathBuf};
use std::process::Output;
use tests::xtask;

use codegen::ErrorKind;
use codegen::ir::{Api, Location};

fn overlay_fixture(name: &str) -> PathBuf {
    tests::workspace_root()
        .join("tests/fixtures/overlays")
        .join(name)
}

fn with_overlays(spec: &str, overlays: &[&str]) -> codegen::Result<Api> {
    let overlays: Vec<PathBuf> = overlays.iter().map(|o| overlay_fixture(o)).collect();
    tests::load_api_with_overlays(&overlay_fixture(spec), &overlays)
}

fn operation_ids(api: &Api) -> Vec<&str> {
    api.operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect()
}

/// The same changes, written for each format: a description replaced, a query parameter added
/// (appended to a `parameters` list the operation did not have), every DELETE removed, and a
/// property added to a model.
#[test]
fn an_overlay_changes_swagger2_and_openapi3_documents_alike() {
    for (spec, overlay) in [
        ("swagger2.yaml", "swagger2.overlay.yaml"),
        ("openapi3.yaml", "openapi3.overlay.yaml"),
    ] {
        let before = with_overlays(spec, &[]).unwrap();
        assert_eq!(
            operation_ids(&before),
            ["Things_List", "Things_Get", "Things_Delete"],
            "{spec}"
        );
        assert!(tests::op(&before, "Things_List").parameters.is_empty());

        let after = with_overlays(spec, &[overlay]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            operation_ids(&after),
            ["Things_List", "Things_Get"],
            "{spec}"
        );
        let list = tests::op(&after, "Things_List");
        assert_eq!(
            list.description.as_deref(),
            Some("Lists things, a page at a time."),
            "{spec}"
        );
        let limit = tests::param(list, "limit");
        assert_eq!(limit.location, Location::Query, "{spec}");
        assert!(!limit.required, "{spec}");
        let thing = tests::struct_model(&after, "Thing");
        let names: Vec<&str> = thing.properties.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["name", "size"], "{spec}");
        assert!(
            !after.warnings.iter().any(|w| w.file.contains("overlay")),
            "{spec}: {:?}",
            after.warnings
        );
    }
}

/// Overlays apply in order, each to the result of the one before; an action that selects
/// nothing is a warning that names the overlay file and the action's index, and the rest of the
/// overlay still applies.
#[test]
fn an_action_that_selects_nothing_is_a_warning() {
    let api = with_overlays(
        "swagger2.yaml",
        &["swagger2.overlay.yaml", "misses.overlay.yaml"],
    )
    .unwrap();
    assert_eq!(api.description.as_deref(), Some("Overlaid."));
    assert_eq!(operation_ids(&api), ["Things_List", "Things_Get"]);
    let first = &api.warnings[0];
    assert_eq!(first.file, "tests/fixtures/overlays/misses.overlay.yaml");
    assert_eq!(first.pointer, "#/actions/1");
    assert!(
        first.message.contains("action 1") && first.message.contains("selects nothing"),
        "{first:?}"
    );
}

#[test]
fn a_malformed_overlay_is_an_error_naming_the_file_and_pointer() {
    let e = with_overlays("openapi3.yaml", &["bad-target.overlay.yaml"]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Invalid, "{e}");
    assert_eq!(e.file, overlay_fixture("bad-target.overlay.yaml"));
    assert_eq!(e.pointer, "#/actions/1/target");
    assert!(e.message.contains("`paths./things`"), "{e}");
    // An overlay that is not there is an I/O error naming it.
    let e = with_overlays("openapi3.yaml", &["missing.overlay.yaml"]).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Io, "{e}");
    assert_eq!(e.file, overlay_fixture("missing.overlay.yaml"));
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// `--overlay` is repeatable on `generate --spec` and on `ir`; the overlays' warnings are
/// printed with the overlay file's line and column; a bad overlay fails the command, naming the file and pointer, and writes nothing.
#[test]
fn xtask_generate_and_ir_take_overlays() {
    let spec = overlay_fixture("openapi3.yaml");
    let overlay = overlay_fixture("openapi3.overlay.yaml");
    let misses = overlay_fixture("misses.overlay.yaml");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("things");
    let generated = xtask(&[
        "generate",
        "--spec",
        path_str(&spec),
        "--overlay",
        path_str(&overlay),
        "--overlay",
        path_str(&misses),
        "--out",
        path_str(&out),
    ]);
    assert!(generated.status.success(), "{}", stderr(&generated));
    assert!(
        stderr(&generated).contains("misses.overlay.yaml:9:5: at #/actions/1: action 1"),
        "{}",
        stderr(&generated)
    );
    let lib = std::fs::read_to_string(out.join("src/lib.rs")).unwrap();
    let code: String = std::fs::read_dir(out.join("src"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    assert!(
        code.contains("pub fn limit("),
        "the overlay's parameter has a setter"
    );
    assert!(
        !code.contains("pub fn delete("),
        "the overlay removed the DELETE"
    );
    assert!(lib.contains("Overlaid."), "the second overlay applied too");

    let ir = xtask(&["ir", path_str(&spec), "--overlay", path_str(&overlay)]);
    assert!(ir.status.success(), "{}", stderr(&ir));
    let ir: serde_json::Value = serde_json::from_slice(&ir.stdout).unwrap();
    let ids: Vec<&str> = ir["operations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["operation_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["Things_List", "Things_Get"]);

    let bad = overlay_fixture("bad-target.overlay.yaml");
    let out2 = tmp.path().join("never");
    let failed = xtask(&[
        "generate",
        "--spec",
        path_str(&spec),
        "--overlay",
        path_str(&bad),
        "--out",
        path_str(&out2),
    ]);
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("bad-target.overlay.yaml: at #/actions/1/target:"),
        "{}",
        stderr(&failed)
    );
    assert!(!out2.exists(), "nothing is written");
}

/// The Docker Registry crate in generated/ is made through the overlay beside its spec (listed
/// in specs/manifest.json), and the spec itself stays as published: its upload start still lacks
/// the trailing slash.
#[test]
fn the_docker_registry_crate_goes_through_its_overlay() {
    let spec = tests::generated_specs()
        .into_iter()
        .find(|s| s.name == "docker-registry-v2")
        .expect("docker-registry-v2 in the manifest");
    assert_eq!(
        spec.overlays,
        [tests::workspace_root().join("specs/docker-registry/v2.overlay.yaml")]
    );
    let raw = tests::api(&spec.path);
    assert!(
        raw.operations
            .iter()
            .any(|o| o.method == "POST" && o.path == "/v2/{name}/blobs/uploads")
    );
    let api = tests::spec_api(&spec);
    assert!(
        api.operations
            .iter()
            .any(|o| o.method == "POST" && o.path == "/v2/{name}/blobs/uploads/")
    );
    let chunk = tests::op(&api, "Layer_UploadChunk");
    assert_eq!(chunk.path, "/{location}");
    assert!(chunk.body.is_some());
}
