//! `src/runtime/*.rs`: the hand-written support code in `codegen/runtime/`, the same in every
//! generated crate. It is real Rust (compiled as part of every generated crate), formatted like
//! the emitted files when the generator is built (`codegen/build.rs`), and embedded here.

use super::{RustFile, RustSource};
use crate::ir::{Api, BodyKind, Location, ResponseBody};

/// The runtime files: their name, their text as `prettyplease` lays it out (formatted once, by
/// `codegen/build.rs`), and their source. `mod.rs` first, then by name.
const FILES: &[(&str, &str, &str)] = &include!(concat!(env!("OUT_DIR"), "/runtime_files.rs"));

/// The runtime files only some crates get (`formats/dates.rs`, ...): relative path, formatted
/// text, source.
const EXTRA: &[(&str, &str, &str)] = &include!(concat!(env!("OUT_DIR"), "/runtime_extra.rs"));

/// The formatted text of `codegen/runtime/<path>`, a file of a subdirectory, if there is one.
pub(crate) fn extra(path: &str) -> Option<&'static str> {
    EXTRA
        .iter()
        .find(|(name, _, _)| *name == path)
        .map(|(_, formatted, _)| *formatted)
}

/// The runtime files only some APIs use, each with its module in `mod.rs`.
const OPTIONAL: [(&str, &str); 3] = [
    ("digest.rs", "digest"),
    ("pager.rs", "pager"),
    ("poller.rs", "poller"),
];

/// Which optional parts of the runtime a crate gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Parts {
    /// `digest.rs` (and the `sha2` crate): some body is streamed, or some header names a
    /// digest (see [`uses_digests`]).
    pub digest: bool,
    /// `pager.rs`: some operation is pageable (`x-ms-pageable`).
    pub pager: bool,
    /// `poller.rs`: some operation is long-running (`x-ms-long-running-operation`).
    pub poller: bool,
    /// `xml.rs` (from `optional/xml.rs`): some body goes as XML (it needs `quick-xml`).
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

    /// Whether the crate gets the optional runtime module `module`.
    fn has_module(self, module: &str) -> bool {
        match module {
            "digest" => self.digest,
            "pager" => self.pager,
            "poller" => self.poller,
            _ => true,
        }
    }

    /// Whether the crate gets the runtime file `name` (every file but the optional ones it
    /// does not use).
    fn has(self, name: &str) -> bool {
        OPTIONAL
            .iter()
            .find(|(file, _)| *file == name)
            .is_none_or(|(_, module)| self.has_module(module))
    }

    /// The names of `FILES` the crate gets, in order.
    fn files(self) -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
        FILES.iter().filter(move |(name, _, _)| self.has(name))
    }
}

/// `sha256:` digests are of use: some request or response body is streamed (`Body`,
/// `ByteStream`: a digest checks it as it passes), or some parameter or response header names a
/// digest (`Docker-Content-Digest`, RFC 9530's `Content-Digest`, `x-ms-content-sha256`): the
/// crate has `runtime/digest.rs`.
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

/// Some operation is pageable: the crate has `runtime/pager.rs`.
fn uses_pagers(api: &Api) -> bool {
    api.operations.iter().any(|op| op.paging.is_some())
}

/// Some operation is long-running: the crate has `runtime/poller.rs`.
fn uses_pollers(api: &Api) -> bool {
    api.operations.iter().any(|op| op.polling.is_some())
}

/// How many runtime files the crate gets.
pub(crate) fn count(parts: Parts) -> usize {
    parts.files().count() + usize::from(parts.xml)
}

/// Runtime file `index` (below [`count`]): `mod.rs` (declaring only the optional modules the
/// crate has), the other files by name, then `xml.rs` when there is XML.
pub(crate) fn file(index: usize, parts: Parts) -> Option<RustFile> {
    let files = parts.files().count();
    if parts.xml && index == files {
        return Some(RustFile {
            path: "src/runtime/xml.rs".to_owned(),
            origin: "codegen/runtime/optional/xml.rs".to_owned(),
            source: RustSource::Formatted(extra("optional/xml.rs")?),
        });
    }
    let (name, formatted, _) = *parts.files().nth(index)?;
    let trimmed = !parts.digest || !parts.pager || !parts.poller || parts.xml;
    let source = if index == 0 && trimmed {
        module_file(formatted, parts)
    } else {
        RustSource::Formatted(formatted)
    };
    Some(RustFile {
        path: format!("src/runtime/{name}"),
        origin: format!("codegen/runtime/{name}"),
        source,
    })
}

/// `runtime/mod.rs` without the modules (and their re-exports) the crate does not get, and
/// with `pub mod xml;` (hidden: used by the generated code only) when it has XML.
fn module_file(text: &'static str, parts: Parts) -> RustSource {
    let Ok(mut file) = syn::parse_file(text) else {
        // Not reached: the build script checked that it parses.
        return RustSource::Formatted(text);
    };
    let dropped: Vec<&str> = OPTIONAL
        .iter()
        .map(|(_, module)| *module)
        .filter(|module| !parts.has_module(module))
        .collect();
    file.items.retain(|item| {
        let module = match item {
            syn::Item::Mod(m) => m.ident.to_string(),
            syn::Item::Use(u) => match &u.tree {
                syn::UseTree::Path(path) => path.ident.to_string(),
                _ => String::new(),
            },
            _ => String::new(),
        };
        !dropped.contains(&module.as_str())
    });
    if parts.xml {
        file.items.push(syn::parse_quote!(
            #[doc(hidden)]
            pub mod xml;
        ));
    }
    RustSource::Tokens(quote::ToTokens::into_token_stream(file))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_runtime_file_is_embedded_and_parses() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".rs"))
            .collect();
        on_disk.sort();
        let mut embedded: Vec<String> = FILES.iter().map(|(n, _, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        assert_eq!(FILES[0].0, "mod.rs");
    }

    /// What the build script embeds is what formatting the source now gives: the embedded text
    /// is neither stale nor formatted some other way than the emitted files.
    #[test]
    fn runtime_files_are_embedded_formatted() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runtime");
        for (name, formatted, _) in FILES.iter().chain(EXTRA) {
            let source = std::fs::read_to_string(dir.join(name)).unwrap();
            let parsed = syn::parse_file(&source).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert!(
                prettyplease::unparse(&parsed) == *formatted,
                "{name}: the embedded runtime file is not the formatted source"
            );
        }
    }

    const ALL: Parts = Parts {
        digest: true,
        pager: true,
        poller: true,
        xml: true,
    };
    const NONE: Parts = Parts {
        digest: false,
        pager: false,
        poller: false,
        xml: false,
    };

    #[test]
    fn the_xml_runtime_is_embedded() {
        let xml = file(count(ALL) - 1, ALL).expect("optional/xml.rs is embedded");
        assert_eq!(xml.path, "src/runtime/xml.rs");
        assert!(file(count(NONE), NONE).is_none());
    }

    /// A crate without pageable or long-running operations, streamed bodies or digest headers
    /// gets none of `pager.rs`, `poller.rs` and `digest.rs`, and its `mod.rs` names none (nor
    /// re-exports from them).
    #[test]
    fn pagers_pollers_and_digests_only_where_used() {
        let paths: Vec<String> = (0..count(NONE))
            .filter_map(|i| file(i, NONE))
            .map(|f| f.path)
            .collect();
        assert!(!paths.iter().any(|p| p.ends_with("pager.rs")
            || p.ends_with("poller.rs")
            || p.ends_with("digest.rs")));
        assert_eq!(count(ALL), FILES.len() + 1);
        let Some(RustSource::Tokens(module)) = file(0, NONE).map(|f| f.source) else {
            panic!("mod.rs is rewritten without them");
        };
        let module = module.to_string();
        for module_name in ["pager", "poller", "digest"] {
            assert!(
                !module.contains(&format!("mod {module_name}"))
                    && !module.contains(&format!("use {module_name}")),
                "{module}"
            );
        }
        assert!(module.contains("mod paging"));
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
