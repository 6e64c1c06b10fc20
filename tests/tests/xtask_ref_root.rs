//! `cargo xtask ir`/`generate --spec` with and without `--ref-root`, as a maintainer runs them:
//! a `$ref` out of the spec's directory is refused unless the flag allows it, and warnings are
//! printed with `file:line:col`.

use tests::xtask;

#[test]
fn ref_root_widens_where_refs_may_go() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("api")).unwrap();
    std::fs::create_dir_all(tmp.path().join("common")).unwrap();
    std::fs::write(
        tmp.path().join("common/types.json"),
        "{\n  \"definitions\": {\n    \"T\": {\"type\": \"object\", \"frobnicate\": 1,\n      \"properties\": {\"a\": {\"type\": \"string\"}}}\n  }\n}\n",
    )
    .unwrap();
    let spec = tmp.path().join("api/spec.yaml");
    std::fs::write(
        &spec,
        "swagger: '2.0'\ninfo: {title: t, version: '1'}\nhost: example.com\npaths:\n  /a:\n    get:\n      operationId: Get\n      responses:\n        '200':\n          description: ok\n          schema: {$ref: '../common/types.json#/definitions/T'}\n",
    )
    .unwrap();
    let spec = spec.to_str().unwrap();
    let refused = xtask(&["ir", spec]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("spec.yaml:11:11: at #/paths/~1a/get/responses/200/schema:"),
        "{stderr}"
    );
    assert!(stderr.contains("outside"), "{stderr}");

    let root = tmp.path().to_str().unwrap();
    let allowed = xtask(&["ir", spec, "--ref-root", root]);
    let stderr = String::from_utf8_lossy(&allowed.stderr);
    assert!(allowed.status.success(), "{stderr}");
    assert!(String::from_utf8_lossy(&allowed.stdout).contains("\"name\": \"T\""));
    assert!(
        stderr.contains("common/types.json:3:29: at #/definitions/T/frobnicate: "),
        "{stderr}"
    );

    let out = tmp.path().join("crate");
    let out = out.to_str().unwrap();
    let generated = xtask(&["generate", "--spec", spec, "--out", out, "--ref-root", root]);
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
}
