//! Snapshots of every spec that `specs/manifest.json` marks `generated: true`: the IR as JSON and
//! the generated crate (its runtime is in `fixtures__runtime.snap`), named after the manifest's
//! crate name (`specs__ir@docker-registry-v2.snap`), each with the manifest's overlays applied,
//! as `cargo xtask generate` makes it.

#[test]
fn ir() {
    for spec in tests::generated_specs() {
        let api = tests::spec_api(&spec);
        insta::with_settings!({ snapshot_suffix => spec.name.as_str(), input_file => &spec.path, omit_expression => true }, {
            insta::assert_json_snapshot!("ir", api);
        });
    }
}

#[test]
fn code() {
    for spec in tests::generated_specs() {
        let files = tests::generate_spec(&spec);
        insta::with_settings!({ snapshot_suffix => spec.name.as_str(), input_file => &spec.path, omit_expression => true }, {
            insta::assert_snapshot!("code", tests::concat_files_but_runtime(&files));
        });
    }
}

/// The manifest lists at least the two Swagger 2.0 specs this project starts from, so that an
/// empty or unreadable manifest cannot make the tests above pass vacuously.
#[test]
fn the_swagger_specs_are_generated() {
    let names: Vec<String> = tests::generated_specs()
        .iter()
        .map(|s| tests::display(&s.path))
        .collect();
    for expected in [
        "specs/containerregistry/2019-08-15-preview.json",
        "specs/docker-registry/v2.yaml",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} is not generated; generated: {names:?}"
        );
    }
}
