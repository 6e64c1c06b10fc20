//! The typed wire formats (`date-time`, `byte`, ...) an API uses: the runtime crate's feature
//! of each family (its serde adapters, `runtime::formats`), and the crates they need in the
//! generated crate's `Cargo.toml`.

use std::collections::BTreeSet;

use super::Ctx;
use crate::Runtime;
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

/// What a group of formats needs: its runtime feature (and adapter module), and its crates.
struct Family {
    formats: &'static [&'static str],
    /// The runtime crate's feature (`None`: the family needs no adapter).
    feature: Option<&'static str>,
    /// `(name, TOML value)` of each crate its adapter needs (the runtime's, when vendored).
    adapter_dependencies: &'static [(&'static str, &'static str)],
    /// `(name, TOML value)` of each crate the generated code itself names for it.
    dependencies: &'static [(&'static str, &'static str)],
}

/// The `time` crate, which date fields are typed with.
const TIME: (&str, &str) = (
    "time",
    r#"{ version = "0.3.41", features = ["formatting", "parsing"] }"#,
);

const FAMILIES: [Family; 4] = [
    Family {
        formats: &["date", "date-time", "date-time-rfc1123", "unixtime"],
        feature: Some("dates"),
        adapter_dependencies: &[],
        dependencies: &[TIME],
    },
    Family {
        formats: &["duration"],
        feature: Some("durations"),
        // `IsoDuration` is the runtime's own: `jiff`'s spans stop at about 20,000 years, short
        // of .NET's `TimeSpan.MaxValue`, which Azure services send.
        adapter_dependencies: &[],
        dependencies: &[],
    },
    Family {
        formats: &["byte", "base64url"],
        feature: Some("base64"),
        adapter_dependencies: &[("base64", r#""0.22""#)],
        dependencies: &[],
    },
    // `uuid` is a dependency of every crate already.
    Family {
        formats: &["uuid"],
        feature: Some("uuid-format"),
        adapter_dependencies: &[],
        dependencies: &[],
    },
];

fn families<'a>(used: &'a BTreeSet<&'static str>) -> impl Iterator<Item = &'static Family> + 'a {
    FAMILIES
        .iter()
        .filter(|f| f.formats.iter().any(|name| used.contains(name)))
}

/// The runtime crate's features the formats in `used` need (`dates`, ...), with `formats`, the
/// module they live in, when there is any.
pub(crate) fn features(used: &BTreeSet<&'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = families(used).filter_map(|f| f.feature).collect();
    if !out.is_empty() {
        out.push("formats");
    }
    out
}

/// True when the crate uses the runtime's `formats` module.
pub(crate) fn has_module(ctx: &Ctx<'_>) -> bool {
    ctx.runtime_features().contains("formats")
}

/// The crates the formats of the API need (`serde_with` with any adapter), as
/// `(name, TOML value)`: those the generated code names, and, when the runtime is vendored, its
/// adapters' own.
pub(crate) fn dependencies(ctx: &Ctx<'_>) -> Vec<(&'static str, &'static str)> {
    let used = ctx.formats_used();
    let vendored = ctx.options.runtime == Runtime::Vendored;
    let mut out: Vec<_> = families(used)
        .flat_map(|f| {
            let own = f.dependencies.iter();
            let adapter = f.adapter_dependencies.iter().filter(move |_| vendored);
            own.chain(adapter).copied()
        })
        .collect();
    if has_module(ctx) {
        out.push((
            "serde_with",
            r#"{ version = "3.12", default-features = false, features = ["alloc"] }"#,
        ));
    }
    out
}
