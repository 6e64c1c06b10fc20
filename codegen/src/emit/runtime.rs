//! The runtime a generated crate uses: the `restwire` crate (`runtime/` in this workspace), as a
//! dependency with the cargo features the API needs ([`Runtime::Crate`]), or copied into
//! `src/runtime/` for vendoring ([`Runtime::Vendored`]). Either way the generated code reaches
//! it through one path, `crate::runtime`.
//!
//! The sources are embedded when the generator is built (`codegen/build.rs`), formatted like
//! the emitted files. A vendored copy is the crate's sources with its features decided: an item
//! of `lib.rs` or `formats/mod.rs` under `#[cfg(feature = "x")]` is kept (without the attribute)
//! when the crate needs `x` and dropped otherwise, and a module file is copied when its `mod`
//! item is kept.

use std::collections::BTreeSet;

use super::{RustFile, RustSource};
use crate::Runtime;
use crate::ir::{Api, BodyKind, Location, ResponseBody};

/// The runtime crate's package name.
pub const CRATE: &str = "restwire";

/// The version of the runtime crate that generated crates require: the runtime crate's own
/// (this workspace builds the generator and the runtime together).
pub const VERSION: &str = include_str!(concat!(env!("OUT_DIR"), "/runtime_version.txt"));

/// The runtime's top-level files: their name, their text as `prettyplease` lays it out
/// (formatted once, by `codegen/build.rs`), and their source. `lib.rs` first, then by name.
const FILES: &[(&str, &str, &str)] = &include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The runtime's files in subdirectories (`formats/dates.rs`, ...): relative path, formatted
/// text, source.
const EXTRA: &[(&str, &str, &str)] = &include!(concat!(env!("OUT_DIR"), "/runtime_extra.rs"));

/// Which optional parts of the runtime a crate uses: each is a cargo feature of the runtime
/// crate of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    /// `digest` (and the `sha2` crate): some body is streamed, or some header names a digest
    /// (see [`uses_digests`]).
    pub digest: bool,
    /// `pager`: some operation is pageable (`x-ms-pageable`).
    pub pager: bool,
    /// `poller`: some operation is long-running (`x-ms-long-running-operation`).
    pub poller: bool,
    /// `xml`: some body goes as XML (it needs `quick-xml`).
    pub xml: bool,
}

impl Parts {
    pub(crate) fn of(api: &Api) -> Self {
        Parts {
            digest: uses_digests(api),
            pager: uses_pagers(api),
            poller: uses_pollers(api),
            xml: super::xml::uses_xml(api),
        }
    }

    /// The features these parts turn on, by name.
    fn features(self) -> impl Iterator<Item = &'static str> {
        [
            ("digest", self.digest),
            ("pager", self.pager),
            ("poller", self.poller),
            ("xml", self.xml),
        ]
        .into_iter()
        .filter_map(|(name, on)| on.then_some(name))
    }
}

/// The runtime crate's features a crate needs: its parts and the typed formats it uses, in
/// name order.
pub(crate) fn features(parts: Parts, formats: &[&'static str]) -> BTreeSet<&'static str> {
    parts.features().chain(formats.iter().copied()).collect()
}

/// `sha256:` digests are of use: some request or response body is streamed (`Body`,
/// `ByteStream`: a digest checks it as it passes), or some parameter or response header names a
/// digest (`Docker-Content-Digest`, RFC 9530's `Content-Digest`, `x-ms-content-sha256`).
fn uses_digests(api: &Api) -> bool {
    let named = |name: &str| {
        let name = name.to_ascii_lowercase();
        name.contains("digest") || name.contains("sha256")
    };
    let streamed = |body: &Option<ResponseBody>| matches!(body, Some(ResponseBody::Binary { .. }));
    api.operations.iter().any(|op| {
        matches!(
            op.body.as_ref().map(|b| &b.kind),
            Some(BodyKind::Binary | BodyKind::Multipart { .. })
        ) || op
            .parameters
            .iter()
            .any(|p| p.location == Location::Header && named(&p.name))
            || op
                .responses
                .iter()
                .chain(&op.default_response)
                .any(|r| streamed(&r.body) || r.headers.iter().any(|h| named(&h.name)))
    })
}

/// Some operation is pageable.
fn uses_pagers(api: &Api) -> bool {
    api.operations.iter().any(|op| op.paging.is_some())
}

/// Some operation is long-running.
fn uses_pollers(api: &Api) -> bool {
    api.operations.iter().any(|op| op.polling.is_some())
}

/// One file of a vendored runtime.
#[derive(Debug, Clone)]
pub(crate) struct Vendored {
    /// Path relative to the runtime's `src/` (`lib.rs`, `formats/dates.rs`).
    name: &'static str,
    formatted: &'static str,
}

/// The files of the runtime that a crate with `features` gets when vendored, in order: the
/// module files first (`lib.rs`, `formats/mod.rs`), then the others by path. Empty unless
/// `runtime` is [`Runtime::Vendored`].
pub(crate) fn vendored(runtime: &Runtime, features: &BTreeSet<&'static str>) -> Vec<Vendored> {
    if *runtime != Runtime::Vendored {
        return Vec::new();
    }
    let kept_modules = |text: &str| -> BTreeSet<String> {
        syn::parse_file(text)
            .map(|file| {
                decide(file, features)
                    .items
                    .iter()
                    .filter_map(|item| match item {
                        syn::Item::Mod(m) => Some(m.ident.to_string()),
                        _ => None,
                    })
                    .collect()
            })
            .unwrap_or_default()
    };
    let (_, lib, _) = FILES[0];
    let top = kept_modules(lib);
    let mut out = vec![Vendored {
        name: "lib.rs",
        formatted: lib,
    }];
    let formats = EXTRA
        .iter()
        .find(|(name, _, _)| *name == "formats/mod.rs")
        .filter(|_| top.contains("formats"));
    if let Some((name, formatted, _)) = formats {
        out.push(Vendored { name, formatted });
    }
    for (name, formatted, _) in &FILES[1..] {
        if top.contains(name.trim_end_matches(".rs")) {
            out.push(Vendored { name, formatted });
        }
    }
    if let Some((_, formats_mod, _)) = formats {
        let inner = kept_modules(formats_mod);
        for (name, formatted, _) in EXTRA {
            let Some(module) = name.strip_prefix("formats/") else {
                continue;
            };
            if module != "mod.rs" && inner.contains(module.trim_end_matches(".rs")) {
                out.push(Vendored { name, formatted });
            }
        }
    }
    out
}

/// The crate file for vendored runtime file `file`: `lib.rs` becomes `src/runtime/mod.rs`, and
/// module files keep only what `features` turn on.
pub(crate) fn file(file: &Vendored, features: &BTreeSet<&'static str>) -> RustFile {
    let path = match file.name {
        "lib.rs" => "src/runtime/mod.rs".to_owned(),
        name => format!("src/runtime/{name}"),
    };
    let origin = format!("runtime/src/{}", file.name);
    let source = if file.name == "lib.rs" || file.name.ends_with("/mod.rs") {
        module_file(file.formatted, features, file.name == "lib.rs")
    } else {
        RustSource::Formatted(file.formatted)
    };
    RustFile {
        path,
        origin,
        source,
    }
}

/// A module file of the runtime with its features decided; the crate root's docs and inner
/// attributes give way to a line saying what the module is.
fn module_file(text: &'static str, features: &BTreeSet<&'static str>, root: bool) -> RustSource {
    let Ok(file) = syn::parse_file(text) else {
        // Not reached: the build script checked that it parses.
        return RustSource::Formatted(text);
    };
    let mut file = decide(file, features);
    if root {
        file.attrs = vec![syn::parse_quote!(
            #![doc = " The runtime (`restwire`), copied into this crate: errors, credentials, policies, retries and the HTTP pipeline."]
        )];
    }
    RustSource::Tokens(quote::ToTokens::into_token_stream(file))
}

/// `file` with the items under `#[cfg(feature = "x")]` kept (without the attribute) when `x` is
/// in `features`, and dropped otherwise.
fn decide(mut file: syn::File, features: &BTreeSet<&'static str>) -> syn::File {
    file.items.retain_mut(|item| {
        let Some(attrs) = attrs_mut(item) else {
            return true;
        };
        let mut keep = true;
        attrs.retain(|attr| match feature_of(attr) {
            Some(feature) => {
                keep &= features.contains(feature.as_str());
                false
            }
            None => true,
        });
        keep
    });
    file
}

/// The attributes of a `mod` or `use` item (the only ones the runtime puts under a feature).
fn attrs_mut(item: &mut syn::Item) -> Option<&mut Vec<syn::Attribute>> {
    match item {
        syn::Item::Mod(m) => Some(&mut m.attrs),
        syn::Item::Use(u) => Some(&mut u.attrs),
        _ => None,
    }
}

/// `x` of `#[cfg(feature = "x")]`.
fn feature_of(attr: &syn::Attribute) -> Option<String> {
    if !attr.path().is_ident("cfg") {
        return None;
    }
    let meta: syn::MetaNameValue = attr.parse_args().ok()?;
    if !meta.path.is_ident("feature") {
        return None;
    }
    match meta.value {
        syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) => Some(s.value()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_file_is_embedded_and_parses() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(n, _, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        assert_eq!(FILES[0].0, "lib.rs");
    }

    /// What the build script embeds is what formatting the source now gives: the embedded text
    /// is neither stale nor formatted some other way than the emitted files.
    #[test]
    fn runtime_files_are_embedded_formatted() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/src");
        for (name, formatted, _) in FILES.iter().chain(EXTRA) {
            let source = std::fs::read_to_string(dir.join(name)).unwrap();
            let parsed = syn::parse_file(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                prettyplease::unparse(&parsed) == *formatted,
                "{name}: the embedded runtime file is not the formatted source"
            );
        }
    }

    #[test]
    fn the_pinned_version_is_the_runtime_crates() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../runtime/Cargo.toml");
        let manifest = std::fs::read_to_string(path).unwrap();
        let package = manifest.split("\n[").next().unwrap();
        assert!(package.starts_with("[package]"), "{package}");
        assert!(
            package.contains(&format!("\nversion = \"{VERSION}\"\n")),
            "{VERSION}"
        );
    }

    fn paths(features: &[&'static str]) -> Vec<&'static str> {
        let features = features.iter().copied().collect();
        vendored(&Runtime::Vendored, &features)
            .iter()
            .map(|f| f.name)
            .collect()
    }

    /// A crate without pageable or long-running operations, streamed bodies, digest headers or
    /// XML gets none of those files, and its `mod.rs` declares none of them (nor re-exports
    /// from them).
    #[test]
    fn vendored_files_follow_the_features() {
        let none = paths(&[]);
        for file in [
            "pager.rs",
            "poller.rs",
            "digest.rs",
            "xml.rs",
            "formats/mod.rs",
        ] {
            assert!(!none.contains(&file), "{file} in {none:?}");
        }
        assert!(none.contains(&"policy.rs") && none.contains(&"paging.rs"));
        let all = paths(&["pager", "poller", "digest", "xml", "formats", "dates"]);
        for file in [
            "pager.rs",
            "poller.rs",
            "digest.rs",
            "xml.rs",
            "formats/dates.rs",
        ] {
            assert!(all.contains(&file), "{file} not in {all:?}");
        }
        assert!(!all.contains(&"formats/bytes.rs"));
        let features = BTreeSet::new();
        let lib = vendored(&Runtime::Vendored, &features).remove(0);
        let RustSource::Tokens(module) = file(&lib, &features).source else {
            panic!("lib.rs is rewritten");
        };
        let module = module.to_string();
        for name in ["pager", "poller", "digest", "xml"] {
            assert!(
                !module.contains(&format!("mod {name}"))
                    && !module.contains(&format!("use {name}")),
                "{module}"
            );
        }
        assert!(module.contains("mod paging") && !module.contains("cfg"));
    }

    #[test]
    fn a_crate_on_the_runtime_crate_gets_no_copy() {
        let features = ["pager"].into_iter().collect();
        assert!(vendored(&Runtime::Crate { path: None }, &features).is_empty());
    }

    #[test]
    fn runtime_is_not_specific_to_an_api() {
        for (name, _, text) in FILES.iter().chain(EXTRA) {
            // The long-running operation protocol (`x-ms-long-running-operation`) names its
            // status header and `final-state-via` value so: a protocol, not an API.
            let text = text
                .to_lowercase()
                .replace("azure-asyncoperation", "")
                .replace("azure-async-operation", "")
                .replace("azureasyncoperation", "");
            for word in ["azure", "docker", "registry", "manifest", "blob"] {
                assert!(!text.contains(word), "{name} mentions `{word}`");
            }
        }
    }
}
