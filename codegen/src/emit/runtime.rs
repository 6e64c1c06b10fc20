//! `src/runtime/*.rs`: the hand-written support code in `codegen/runtime/`, the same in every
//! generated crate. It is real Rust (compiled as part of every generated crate), formatted like
//! the emitted files when the generator is built (`codegen/build.rs`), and embedded here.

use super::{RustFile, RustSource};

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

/// How many runtime files there are; with `xml`, `src/runtime/xml.rs` too (the runtime of
/// APIs with XML bodies: it needs `quick-xml`, which only they depend on).
pub(crate) fn count(xml: bool) -> usize {
    FILES.len() + usize::from(xml)
}

/// Runtime file `index` (below [`count`]); with `xml`, `mod.rs` declares `xml` and the last
/// file is `xml.rs`.
pub(crate) fn file(index: usize, xml: bool) -> Option<RustFile> {
    if xml && index == FILES.len() {
        return Some(RustFile {
            path: "src/runtime/xml.rs".to_owned(),
            origin: "codegen/runtime/optional/xml.rs".to_owned(),
            source: RustSource::Formatted(extra("optional/xml.rs")?),
        });
    }
    let (name, formatted, _) = *FILES.get(index)?;
    let source = if index == 0 && xml {
        with_xml_module(formatted)
    } else {
        RustSource::Formatted(formatted)
    };
    Some(RustFile {
        path: format!("src/runtime/{name}"),
        origin: format!("codegen/runtime/{name}"),
        source,
    })
}

/// `runtime/mod.rs` with `pub mod xml;` (hidden: used by the generated code only).
fn with_xml_module(text: &'static str) -> RustSource {
    match syn::parse_file(text) {
        Ok(mut file) => {
            file.items.push(syn::parse_quote!(
                #[doc(hidden)]
                pub mod xml;
            ));
            RustSource::Tokens(quote::ToTokens::into_token_stream(file))
        }
        // Not reached: the build script checked that it parses.
        Err(_) => RustSource::Formatted(text),
    }
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

    #[test]
    fn the_xml_runtime_is_embedded() {
        let xml = file(count(true) - 1, true).expect("optional/xml.rs is embedded");
        assert_eq!(xml.path, "src/runtime/xml.rs");
        assert!(file(count(false), false).is_none());
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
