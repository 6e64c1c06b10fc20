//! Formats the runtime crate's sources (`runtime/src/*.rs`) once, when the generator is built,
//! so that no generation parses and pretty-prints the same hand-written files again: a crate
//! generated self-contained (vendored) gets them copied into `src/runtime/`.
//!
//! Writes `$OUT_DIR/runtime/<file>.rs` (each file as `prettyplease` lays it out, exactly what
//! `render` would make of its source) and `$OUT_DIR/runtime_files.rs`, the list of them
//! (`lib.rs` first, then by name) that `emit/runtime.rs` includes. A new file in
//! `runtime/src/` is picked up without editing any list.

use std::path::Path;
use std::{env, fs};

fn main() {
    runtime_version();
    let source = Path::new("../runtime/src");
    println!("cargo:rerun-if-changed=../runtime/src");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("runtime");
    fs::create_dir_all(&out).expect("create $OUT_DIR/runtime");

    let mut names: Vec<String> = fs::read_dir(source)
        .expect("read runtime/src")
        .map(|entry| entry.expect("list runtime/src").file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".rs"))
        .collect();
    names.sort_by_key(|name| (name != "lib.rs", name.clone()));

    let mut list = String::from("[\n");
    for name in &names {
        let text = fs::read_to_string(source.join(name)).expect("read a runtime file");
        let file = match syn::parse_file(&text) {
            Ok(file) => file,
            Err(e) => panic!("runtime/src/{name} does not parse as Rust: {e}"),
        };
        let formatted = out.join(name);
        write_if_changed(&formatted, &prettyplease::unparse(&file));
        list.push_str(&format!(
            "    ({name:?}, include_str!({:?}), include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../runtime/src/{name}\"))),\n",
            formatted.display().to_string(),
        ));
    }
    list.push_str("]\n");
    write_if_changed(&out.join("..").join("runtime_files.rs"), &list);

    let mut extra = String::from("[\n");
    let mut dirs: Vec<String> = fs::read_dir(source)
        .expect("read runtime/src")
        .map(|entry| entry.expect("list runtime/src"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    dirs.sort();
    for dir in &dirs {
        println!("cargo:rerun-if-changed=../runtime/src/{dir}");
        fs::create_dir_all(out.join(dir)).expect("create $OUT_DIR/runtime/<dir>");
        let mut names: Vec<String> = fs::read_dir(source.join(dir))
            .expect("read a runtime subdirectory")
            .map(|entry| entry.expect("list a runtime subdirectory").file_name())
            .map(|name| name.to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".rs"))
            .collect();
        names.sort();
        for name in &names {
            let path = format!("{dir}/{name}");
            let text = fs::read_to_string(source.join(&path)).expect("read a runtime file");
            let file = match syn::parse_file(&text) {
                Ok(file) => file,
                Err(e) => panic!("runtime/src/{path} does not parse as Rust: {e}"),
            };
            let formatted = out.join(&path);
            write_if_changed(&formatted, &prettyplease::unparse(&file));
            extra.push_str(&format!(
                "    ({path:?}, include_str!({:?}), include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/../runtime/src/{path}\"))),\n",
                formatted.display().to_string(),
            ));
        }
    }
    extra.push_str("]\n");
    write_if_changed(&out.join("..").join("runtime_extra.rs"), &extra);
}

/// `$OUT_DIR/runtime_version.txt`: the runtime crate's version, which generated crates require.
fn runtime_version() {
    println!("cargo:rerun-if-changed=../runtime/Cargo.toml");
    let manifest = fs::read_to_string("../runtime/Cargo.toml").expect("read runtime/Cargo.toml");
    let version = manifest
        .lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .expect("runtime/Cargo.toml has a `version = \"..\"` line");
    let out =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("runtime_version.txt");
    write_if_changed(&out, version);
}

fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).expect("write to $OUT_DIR");
    }
}
