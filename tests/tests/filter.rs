//! A part of an API (`codegen::filter`): which operations and models a filter keeps, what it
//! refuses, what the README says, and that a filtered crate builds.
//!
//! `tests/fixtures/filter/pets.json` has four tags, paths under `/pets`, `/dogs`, `/stores` and
//! `/users`, a polymorphic `Pet` (kinds `Dog` and `Cat`), a pageable list whose next-page
//! operation lives elsewhere (`/{nextLink}`), a long-running operation, error models and a model
//! no operation uses. `shapes.yaml` has a `oneOf` union, and a warning inside `listColors`.

use std::path::PathBuf;
use std::process::Output;

use codegen::filter::{Filter, Selectors};
use codegen::ir::Api;
use codegen::{ErrorKind, LoadOptions};

fn fixture(name: &str) -> PathBuf {
    tests::workspace_root()
        .join("tests/fixtures/filter")
        .join(name)
}

fn selectors(paths: &[&str], tags: &[&str], operations: &[&str]) -> Selectors {
    let owned = |items: &[&str]| items.iter().map(|s| s.to_string()).collect();
    Selectors {
        paths: owned(paths),
        tags: owned(tags),
        operations: owned(operations),
    }
}

fn filtered(name: &str, include: Selectors, exclude: Selectors) -> codegen::Result<Api> {
    let options = LoadOptions::default().with_filter(Filter { include, exclude });
    codegen::load_api_with(&fixture(name), &options)
}

fn pets(include: Selectors, exclude: Selectors) -> Api {
    filtered("pets.json", include, exclude).expect("the filter applies")
}

fn none() -> Selectors {
    Selectors::default()
}

fn operations(api: &Api) -> Vec<&str> {
    api.operations
        .iter()
        .map(|op| op.operation_id.as_str())
        .collect()
}

fn models(api: &Api) -> Vec<&str> {
    api.models.iter().map(|m| m.name.as_str()).collect()
}

fn error_models(api: &Api) -> Vec<String> {
    api.error_models
        .iter()
        .map(|ty| match ty {
            codegen::ir::TypeRef::Model { name } => name.clone(),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn no_filter_keeps_everything_and_records_nothing() {
    let whole = codegen::load_api(&fixture("pets.json")).unwrap();
    assert_eq!(pets(none(), none()), whole);
    assert_eq!(whole.operations.len(), 8);
    assert_eq!(whole.models.len(), 17);
    assert!(whole.subset.is_none());
}

#[test]
fn a_path_glob_keeps_its_operations_their_next_page_operation_and_the_models_they_reach() {
    let api = pets(selectors(&["/pets/**"], &[], &[]), none());
    // `/pets/**` matches `/pets` and `/pets/{petId}`; `Pets_ListNext` (`/{nextLink}`) is kept
    // because the kept `Pets_List` pages through it.
    assert_eq!(operations(&api), ["Pets_List", "Pets_Get", "Pets_ListNext"]);
    // `Pet` reaches its kinds `Dog` and `Cat`, and through them `Owner` and `Toy`.
    assert_eq!(
        models(&api),
        ["Error", "PetPage", "Pet", "Dog", "Cat", "Owner", "Toy"]
    );
    assert_eq!(error_models(&api), ["Error"]);
    let groups: Vec<&str> = api.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["Pets"]);
    let paging = api.operations[0].paging.as_ref().unwrap();
    assert_eq!(paging.next_operation.as_deref(), Some("Pets_ListNext"));
    let subset = api.subset.as_ref().unwrap();
    assert_eq!((subset.operations_kept, subset.operations_total), (3, 8));
    assert_eq!((subset.models_kept, subset.models_total), (7, 17));
    assert_eq!(subset.next_operations, ["Pets_ListNext"]);
}

#[test]
fn a_kind_keeps_its_base_but_not_the_other_kinds() {
    let api = pets(selectors(&[], &[], &["Dogs_Get"]), none());
    assert_eq!(operations(&api), ["Dogs_Get"]);
    // A `Dog` is never a `Cat`: the base is kept for the dog's sake, with only the kept kinds.
    assert_eq!(models(&api), ["Pet", "Dog", "Owner"]);
    assert!(api.error_models.is_empty());
    let Some(codegen::ir::ModelKind::Struct(pet)) = api.models.first().map(|m| &m.kind) else {
        panic!("Pet is a struct: {:?}", api.models.first());
    };
    assert_eq!(pet.children, ["Dog"]);
    let mapping = &pet.discriminator.as_ref().unwrap().mapping;
    assert_eq!(mapping.keys().collect::<Vec<_>>(), ["dog"]);
    assert_eq!(api.subset.as_ref().unwrap().narrowed, ["Pet"]);
    // Reached as a type too, the base keeps every kind.
    let api = pets(selectors(&[], &[], &["Dogs_Get", "Pets_Get"]), none());
    assert_eq!(models(&api), ["Error", "Pet", "Dog", "Cat", "Owner", "Toy"]);
    assert!(api.subset.as_ref().unwrap().narrowed.is_empty());
}

#[test]
fn tags_include_and_operation_ids_exclude() {
    let api = pets(
        selectors(&[], &["stores"], &[]),
        selectors(&[], &[], &["Stores_PlaceOrder"]),
    );
    assert_eq!(operations(&api), ["Stores_Get"]);
    // A map's values (`additionalProperties`) and the 404's error model are reached.
    assert_eq!(models(&api), ["StoreError", "Store", "Address", "Label"]);
    assert_eq!(error_models(&api), ["StoreError"]);
}

#[test]
fn a_long_running_operation_keeps_its_body_and_final_types() {
    let api = pets(selectors(&[], &["orders"], &[]), none());
    assert_eq!(operations(&api), ["Stores_PlaceOrder"]);
    assert!(api.operations[0].polling.is_some());
    assert_eq!(
        models(&api),
        ["Error", "OrderRequest", "OrderItem", "Order", "OrderStatus"]
    );
}

#[test]
fn includes_are_a_union_and_excludes_win() {
    let api = pets(
        selectors(&["/users/*"], &["dogs"], &[]),
        selectors(&["/users/*/avatar"], &[], &[]),
    );
    assert_eq!(operations(&api), ["Dogs_Get", "Users_Get"]);
    let api = pets(
        none(),
        selectors(&["/pets/**", "/{nextLink}", "/dogs/*"], &[], &[]),
    );
    assert_eq!(
        operations(&api),
        [
            "Stores_Get",
            "Stores_PlaceOrder",
            "Users_Get",
            "Users_GetAvatar"
        ]
    );
    assert!(!models(&api).contains(&"Pet"));
    assert!(!models(&api).contains(&"Unused"));
}

#[test]
fn an_excluded_next_page_operation_degrades_paging_with_a_warning() {
    let api = pets(
        selectors(&[], &[], &["Pets_List"]),
        selectors(&[], &[], &["Pets_ListNext"]),
    );
    assert_eq!(operations(&api), ["Pets_List"]);
    let paging = api.operations[0].paging.as_ref().unwrap();
    assert_eq!(paging.next_operation, None);
    assert_eq!(paging.next_link_parameter, None);
    assert_eq!(paging.next_link_name.as_deref(), Some("nextLink"));
    let warning = api.warnings.last().unwrap();
    assert_eq!(warning.pointer, "#/paths/~1pets/get");
    assert!(
        warning
            .message
            .contains("the next-page operation `Pets_ListNext` is excluded by the filter"),
        "{}",
        warning.message
    );
    assert!(api.subset.as_ref().unwrap().next_operations.is_empty());
}

#[test]
fn a_union_keeps_its_alternatives() {
    let api = filtered("shapes.yaml", selectors(&["/shapes/*"], &[], &[]), none()).unwrap();
    assert_eq!(operations(&api), ["getShape"]);
    assert_eq!(models(&api), ["Shape", "Circle", "Square", "Point"]);
}

#[test]
fn warnings_inside_left_out_operations_are_left_out_too() {
    let about_colors = |api: &Api| {
        api.warnings
            .iter()
            .filter(|w| w.pointer.starts_with("#/paths/~1colors/get/"))
            .count()
    };
    let whole = codegen::load_api(&fixture("shapes.yaml")).unwrap();
    assert_eq!(about_colors(&whole), 1, "{:?}", whole.warnings);
    let shapes = filtered("shapes.yaml", selectors(&[], &["shapes"], &[]), none()).unwrap();
    assert_eq!(about_colors(&shapes), 0, "{:?}", shapes.warnings);
    let colors = filtered("shapes.yaml", selectors(&[], &["colors"], &[]), none()).unwrap();
    assert_eq!(about_colors(&colors), 1, "{:?}", colors.warnings);
}

#[test]
fn a_selector_that_matches_nothing_is_an_error() {
    let cases = [
        (
            selectors(&["/nope/**"], &[], &[]),
            none(),
            "the include path `/nope/**` matches no operation of the API",
        ),
        (
            selectors(&[], &["Pets"], &[]),
            none(),
            "the include tag `Pets` matches no operation of the API (tags are matched exactly",
        ),
        (
            none(),
            selectors(&[], &[], &["pets_list"]),
            "the exclude operation `pets_list` matches no operation of the API",
        ),
        (
            selectors(&["pets/**"], &[], &[]),
            none(),
            "`pets/**` is not a path glob: it must start with `/`",
        ),
        (
            selectors(&["/pets**"], &[], &[]),
            none(),
            "`/pets**` is not a path glob: `**` must be a whole segment",
        ),
        (
            selectors(&[], &["users"], &[]),
            selectors(&["/users/**"], &[], &[]),
            "the filter keeps no operation",
        ),
    ];
    for (include, exclude, expected) in cases {
        let error = filtered("pets.json", include, exclude).unwrap_err();
        assert_eq!(error.kind, ErrorKind::Filter, "{error}");
        assert!(error.to_string().contains(expected), "{error}");
        assert!(error.to_string().contains("pets.json: at #: "), "{error}");
    }
}

#[test]
fn the_readme_says_what_was_left_out() {
    let api = pets(
        selectors(&["/pets/**"], &[], &[]),
        selectors(&[], &[], &["Pets_Get"]),
    );
    let options = codegen::CrateOptions {
        name: "pets".into(),
        version: "0.1.0".into(),
        spec_display: "tests/fixtures/filter/pets.json".into(),
        runtime: codegen::Runtime::Crate { path: None },
    };
    let files = codegen::generate(&api, &options).unwrap();
    let readme = &files
        .iter()
        .find(|f| f.path.as_os_str() == "README.md")
        .unwrap()
        .contents;
    let part = "## Part of the API\n\n\
        This crate was generated from part of the API: it has 2 of 8 operations (6 left out), \
        and 7 of 17 models (10 left out).\n";
    assert!(readme.contains(part), "{readme}");
    assert!(
        readme.contains("\n- include paths: `/pets/**`\n"),
        "{readme}"
    );
    assert!(
        readme.contains("\n- exclude operations: `Pets_Get`\n"),
        "{readme}"
    );
    assert!(
        readme.contains(
            "Kept as the next-page operations of kept pageable operations: `Pets_ListNext`."
        ),
        "{readme}"
    );
    let whole = codegen::load_api(&fixture("pets.json")).unwrap();
    let files = codegen::generate(&whole, &options).unwrap();
    let readme = &files
        .iter()
        .find(|f| f.path.as_os_str() == "README.md")
        .unwrap()
        .contents;
    assert!(!readme.contains("Part of the API"), "{readme}");
}

#[test]
fn a_filtered_crate_is_the_same_every_time() {
    let generate = || {
        let api = pets(
            selectors(&["/pets/**", "/stores/*"], &["dogs"], &[]),
            selectors(&[], &[], &["Pets_Get"]),
        );
        let options = codegen::CrateOptions {
            name: "pets".into(),
            version: "0.1.0".into(),
            spec_display: "tests/fixtures/filter/pets.json".into(),
            runtime: codegen::Runtime::Crate { path: None },
        };
        (
            serde_json::to_string(&api).unwrap(),
            codegen::generate(&api, &options).unwrap(),
        )
    };
    let (ir, files) = generate();
    for _ in 0..3 {
        assert_eq!(generate(), (ir.clone(), files.clone()));
    }
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// The command line, end to end: filtered crates are written and build without warnings: one
/// with a next-page operation kept for its list, one whose list lost its next-page operation,
/// and one with a base kept without some of its kinds.
#[test]
fn filtered_crates_build() {
    let tmp = tempfile::tempdir().expect("a temporary directory");
    let spec = fixture("pets.json");
    let crates: [(&str, &[&str]); 3] = [
        (
            "pets-and-stores",
            &[
                "--include-path",
                "/pets/**",
                "--include-tag",
                "stores",
                "--exclude-operation",
                "Stores_PlaceOrder",
            ],
        ),
        (
            "pets-first-page",
            &[
                "--include-operation",
                "Pets_List",
                "--exclude-operation",
                "Pets_ListNext",
            ],
        ),
        ("dogs", &["--include-tag", "dogs"]),
    ];
    let mut members = Vec::new();
    for (name, filter) in crates {
        let out = tmp.path().join(name);
        let mut args = vec![
            "generate",
            "--spec",
            spec.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--name",
            name,
        ];
        args.extend(filter);
        let generated = tests::xtask(&args);
        assert!(generated.status.success(), "{}", text(&generated));
        members.push(format!("{name:?}"));
    }
    let models = std::fs::read_to_string(tmp.path().join("pets-and-stores/src/models.rs")).unwrap();
    assert!(models.contains("pub struct Store {"), "{models}");
    assert!(!models.contains("pub struct Order {"), "{models}");
    assert!(!models.contains("pub struct Unused {"), "{models}");
    let models = std::fs::read_to_string(tmp.path().join("dogs/src/models.rs")).unwrap();
    assert!(models.contains("pub struct Dog {"), "{models}");
    assert!(!models.contains("pub struct Cat {"), "{models}");
    // One workspace for the three, so that they are checked in one cargo run; each crate's own
    // `[workspace]` table is what `--out` writes outside this repository.
    for name in ["pets-and-stores", "pets-first-page", "dogs"] {
        let manifest = tmp.path().join(name).join("Cargo.toml");
        let text = std::fs::read_to_string(&manifest).unwrap();
        let text = text.replace("\n[workspace]\n", "\n");
        std::fs::write(&manifest, text).unwrap();
    }
    std::fs::write(
        tmp.path().join("Cargo.toml"),
        format!(
            "[workspace]\nresolver = \"3\"\nmembers = [{}]\n",
            members.join(", ")
        ),
    )
    .unwrap();
    std::fs::copy(
        tests::workspace_root().join("Cargo.lock"),
        tmp.path().join("Cargo.lock"),
    )
    .unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let run = |offline: bool| {
        let mut command = std::process::Command::new(&cargo);
        command.current_dir(tmp.path()).env(
            "CARGO_TARGET_DIR",
            tests::workspace_root().join("target/fixture-check"),
        );
        if offline {
            command.arg("--offline");
        }
        command.args(["check", "--quiet"]).output().unwrap()
    };
    let mut checked = run(true);
    if !checked.status.success() && text(&checked).contains("--offline") {
        checked = run(false);
    }
    assert!(checked.status.success(), "{}", text(&checked));
    assert!(!text(&checked).contains("warning"), "{}", text(&checked));
}

#[test]
fn the_command_line_refuses_a_filter_without_spec() {
    let output = tests::xtask(&["generate", "--include-tag", "pets"]);
    assert!(!output.status.success());
    assert!(
        text(&output).contains("need --spec and --out"),
        "{}",
        text(&output)
    );
}
