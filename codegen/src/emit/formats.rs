//! `src/formats/`: the serde adapters of the typed wire formats (`date-time`, `byte`, ...),
//! copied from `codegen/runtime/formats/` only into crates whose API uses them, and the
//! dependencies they need in the crate's `Cargo.toml`.

use std::collections::BTreeSet;

use quote::quote;

use super::{Ctx, RustFile, RustSource};
use crate::ir::{Api, Format};

/// The formats that `api` types, wherever they are (models, parameters, bodies, headers). Ask
/// [`Ctx::formats_used`], which finds them once.
pub(super) fn used(api: &Api) -> BTreeSet<&'static str> {
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
    /// The module (`codegen/runtime/formats/<module>.rs`) and what the crate re-exports from it.
    file: Option<(&'static str, &'static str)>,
    /// `(name, TOML value)` of each crate it needs.
    dependencies: &'static [(&'static str, &'static str)],
}

/// A value written by its adapter (bare request bodies): in every `formats` module.
const WRITTEN: &str = "written";

const FAMILIES: [Family; 4] = [
    Family {
        formats: &["date", "date-time", "date-time-rfc1123", "unixtime"],
        file: Some(("dates", "Date, Rfc1123, Rfc3339, UnixTime")),
        dependencies: &[(
            "time",
            r#"{ version = "0.3.41", features = ["formatting", "parsing"] }"#,
        )],
    },
    Family {
        formats: &["duration"],
        file: Some(("durations", "Duration, IsoDuration")),
        // `IsoDuration` is the runtime's own: `jiff`'s spans stop at about 20,000 years, short
        // of .NET's `TimeSpan.MaxValue`, which Azure services send.
        dependencies: &[],
    },
    Family {
        formats: &["byte", "base64url"],
        file: Some(("bytes", "Base64, Base64Url")),
        dependencies: &[("base64", r#""0.22""#)],
    },
    // `uuid` is a dependency of every crate already.
    Family {
        formats: &["uuid"],
        file: Some(("uuids", "Uuid")),
        dependencies: &[],
    },
];

fn families<'a>(used: &'a BTreeSet<&'static str>) -> impl Iterator<Item = &'static Family> + 'a {
    FAMILIES
        .iter()
        .filter(|f| f.formats.iter().any(|name| used.contains(name)))
}

/// The adapter modules of `src/formats/` the formats of `api` need: `(module, re-exported
/// items)`, in file order; empty when it uses no adapter.
pub(crate) fn modules(ctx: &Ctx<'_>) -> Vec<(&'static str, &'static str)> {
    families(ctx.formats_used())
        .filter_map(|f| f.file)
        .collect()
}

/// How many files `src/formats/` has for `modules`: `mod.rs`, one per module, `written.rs`.
pub(crate) fn count(modules: &[(&'static str, &'static str)]) -> usize {
    if modules.is_empty() {
        0
    } else {
        modules.len() + 2
    }
}

/// File `index` (below [`count`]) of `src/formats/` for `modules`.
pub(crate) fn file(modules: &[(&'static str, &'static str)], index: usize) -> Option<RustFile> {
    match index {
        0 => Some(module_file(modules)),
        i if i <= modules.len() => adapter(modules[i - 1].0),
        _ => adapter(WRITTEN),
    }
}

/// `src/formats/mod.rs`: declares the adapter modules and re-exports their types.
fn module_file(modules: &[(&'static str, &'static str)]) -> RustFile {
    let mut items = Vec::new();
    for (module, names) in modules {
        let ident = syn::Ident::new(module, proc_macro2::Span::call_site());
        let names = names
            .split(", ")
            .map(|name| syn::Ident::new(name, proc_macro2::Span::call_site()));
        items.push(quote!(mod #ident; pub use #ident::{#(#names),*};));
    }
    items.push(quote!(
        mod written;
        pub use written::Written;
    ));
    let doc = [
        " How the typed formats of this API are written and read on the wire: `serde_with`",
        " adapters (`#[serde(with = \"::serde_with::As::<crate::formats::Rfc3339>\")]`), also",
        " inside `Option`, `Vec` and maps, and the text of parameters and headers.",
    ];
    RustFile {
        path: "src/formats/mod.rs".into(),
        origin: "codegen/src/emit/formats.rs".into(),
        source: RustSource::Tokens(quote!(#(#![doc = #doc])* #(#items)*)),
    }
}

/// `src/formats/<module>.rs`, copied from the runtime as `codegen/build.rs` formatted it.
fn adapter(module: &str) -> Option<RustFile> {
    let path = format!("formats/{module}.rs");
    let text = super::runtime::extra(&path)?;
    Some(RustFile {
        path: format!("src/{path}"),
        origin: format!("codegen/runtime/{path}"),
        source: RustSource::Formatted(text),
    })
}

/// True when the crate has a `formats` module (see [`files`]).
pub(crate) fn has_module(ctx: &Ctx<'_>) -> bool {
    families(ctx.formats_used()).any(|f| f.file.is_some())
}

/// The crates the formats of `api` need (`serde_with` with any adapter), as `(name, TOML value)`.
pub(crate) fn dependencies(ctx: &Ctx<'_>) -> Vec<(&'static str, &'static str)> {
    let used = ctx.formats_used();
    let mut out: Vec<_> = families(used)
        .flat_map(|f| f.dependencies.iter().copied())
        .collect();
    if families(used).any(|f| f.file.is_some()) {
        out.push((
            "serde_with",
            r#"{ version = "3.12", default-features = false, features = ["alloc"] }"#,
        ));
    }
    out
}

#[cfg(test)]
mod adapter_tests {
    use super::*;

    /// Every adapter module a family names is a file the build script embedded.
    #[test]
    fn every_adapter_is_embedded() {
        let modules = FAMILIES.iter().filter_map(|f| f.file).map(|(m, _)| m);
        for module in modules.chain([WRITTEN]) {
            assert!(
                adapter(module).is_some(),
                "formats/{module}.rs is not embedded"
            );
        }
    }
}
