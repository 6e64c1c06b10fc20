//! `src/formats/`: the serde adapters of the typed wire formats (`date-time`, `byte`, ...),
//! copied from `codegen/runtime/formats/` only into crates whose API uses them, and the
//! dependencies they need in the crate's `Cargo.toml`.

use std::collections::BTreeSet;

use quote::quote;

use super::{RustFile, RustSource};
use crate::ir::{Api, Format};

/// The formats that `api` types, wherever they are (models, parameters, bodies, headers).
pub(crate) fn used(api: &Api) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    if let Ok(value) = serde_json::to_value(api) {
        collect(&value, &mut out);
    }
    out
}

/// Finds the serialized `TypeRef::Formatted` (`{"type": "formatted", "format": ..}`).
fn collect(value: &serde_json::Value, out: &mut BTreeSet<&'static str>) {
    match value {
        serde_json::Value::Object(map) => {
            if map.get("type").and_then(|t| t.as_str()) == Some("formatted")
                && let Some(format) = map.get("format").and_then(|f| f.as_str()).and_then(parse)
            {
                out.insert(format.name());
            }
            map.values().for_each(|v| collect(v, out));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, out)),
        _ => {}
    }
}

fn parse(name: &str) -> Option<Format> {
    Format::of_string(name).or_else(|| Format::of_integer(name))
}

/// What a group of formats needs: its adapter file (if any) and its crates.
struct Family {
    formats: &'static [&'static str],
    file: Option<(&'static str, &'static str, &'static str)>,
    dependencies: &'static [&'static str],
}

/// A value written by its adapter (bare request bodies): in every `formats` module.
const WRITTEN: &str = include_str!("../../runtime/formats/written.rs");

const FAMILIES: [Family; 4] = [
    Family {
        formats: &["date", "date-time", "date-time-rfc1123", "unixtime"],
        file: Some((
            "dates",
            "Date, Rfc1123, Rfc3339, UnixTime",
            include_str!("../../runtime/formats/dates.rs"),
        )),
        dependencies: &[
            r#"time = { version = "0.3.41", features = ["formatting", "macros", "parsing"] }"#,
        ],
    },
    Family {
        formats: &["duration"],
        file: Some((
            "durations",
            "Duration",
            include_str!("../../runtime/formats/durations.rs"),
        )),
        dependencies: &[
            r#"jiff = { version = "0.2.4", default-features = false, features = ["std"] }"#,
        ],
    },
    Family {
        formats: &["byte", "base64url"],
        file: Some((
            "bytes",
            "Base64, Base64Url",
            include_str!("../../runtime/formats/bytes.rs"),
        )),
        dependencies: &[r#"base64 = "0.22""#],
    },
    // `uuid` is a dependency of every crate already.
    Family {
        formats: &["uuid"],
        file: Some((
            "uuids",
            "Uuid",
            include_str!("../../runtime/formats/uuids.rs"),
        )),
        dependencies: &[],
    },
];

fn families<'a>(used: &'a BTreeSet<&'static str>) -> impl Iterator<Item = &'static Family> + 'a {
    FAMILIES
        .iter()
        .filter(|f| f.formats.iter().any(|name| used.contains(name)))
}

/// The files of `src/formats/` for the formats of `api`; none when it uses no adapter.
pub(crate) fn files(api: &Api) -> Vec<RustFile> {
    let used = used(api);
    let mut modules = Vec::new();
    let mut files = Vec::new();
    for (module, items, text) in families(&used).filter_map(|f| f.file) {
        let ident = syn::Ident::new(module, proc_macro2::Span::call_site());
        let items: syn::UseTree = match syn::parse_str(&format!("{{{items}}}")) {
            Ok(tree) => tree,
            Err(_) => continue,
        };
        modules.push(quote!(mod #ident; pub use #ident::#items;));
        files.push(RustFile {
            path: format!("src/formats/{module}.rs"),
            origin: format!("codegen/runtime/formats/{module}.rs"),
            source: RustSource::Text(text),
        });
    }
    if files.is_empty() {
        return files;
    }
    modules.push(quote!(
        mod written;
        pub use written::Written;
    ));
    files.push(RustFile {
        path: "src/formats/written.rs".into(),
        origin: "codegen/runtime/formats/written.rs".into(),
        source: RustSource::Text(WRITTEN),
    });
    let doc = [
        " How the typed formats of this API are written and read on the wire: `serde_with`",
        " adapters (`#[serde(with = \"::serde_with::As::<crate::formats::Rfc3339>\")]`), also",
        " inside `Option`, `Vec` and maps, and the text of parameters and headers.",
    ];
    files.insert(
        0,
        RustFile {
            path: "src/formats/mod.rs".into(),
            origin: "codegen/src/emit/formats.rs".into(),
            source: RustSource::Tokens(quote!(#(#![doc = #doc])* #(#modules)*)),
        },
    );
    files
}

/// True when the crate has a `formats` module (see [`files`]).
pub(crate) fn has_module(api: &Api) -> bool {
    families(&used(api)).any(|f| f.file.is_some())
}

/// The `Cargo.toml` dependency lines the formats of `api` need (`serde_with` with any adapter).
pub fn dependencies(api: &Api) -> Vec<&'static str> {
    let used = used(api);
    let mut out: Vec<&'static str> = families(&used)
        .flat_map(|f| f.dependencies.iter().copied())
        .collect();
    if families(&used).any(|f| f.file.is_some()) {
        out.push(
            r#"serde_with = { version = "3.12", default-features = false, features = ["alloc"] }"#,
        );
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_adapter_file_parses() {
        assert!(
            syn::parse_file(super::WRITTEN).is_ok(),
            "written.rs does not parse"
        );
        for family in super::FAMILIES {
            if let Some((name, _, text)) = family.file {
                assert!(syn::parse_file(text).is_ok(), "{name} does not parse");
            }
        }
    }
}
