//! `src/runtime/*.rs`: the hand-written support code in `codegen/runtime/`, the same in every
//! generated crate. It is real Rust (compiled as part of every generated crate), embedded here
//! and formatted like the emitted files.

use super::{RustFile, RustSource};

/// The runtime files: their path in the generated crate and their source.
const FILES: [(&str, &str); 18] = [
    ("mod.rs", include_str!("../../runtime/mod.rs")),
    ("auth.rs", include_str!("../../runtime/auth.rs")),
    ("body.rs", include_str!("../../runtime/body.rs")),
    ("challenge.rs", include_str!("../../runtime/challenge.rs")),
    ("content.rs", include_str!("../../runtime/content.rs")),
    (
        "credentials.rs",
        include_str!("../../runtime/credentials.rs"),
    ),
    ("custom.rs", include_str!("../../runtime/custom.rs")),
    ("digest.rs", include_str!("../../runtime/digest.rs")),
    ("error.rs", include_str!("../../runtime/error.rs")),
    ("paging.rs", include_str!("../../runtime/paging.rs")),
    ("poller.rs", include_str!("../../runtime/poller.rs")),
    ("pipeline.rs", include_str!("../../runtime/pipeline.rs")),
    ("read.rs", include_str!("../../runtime/read.rs")),
    ("request.rs", include_str!("../../runtime/request.rs")),
    ("response.rs", include_str!("../../runtime/response.rs")),
    ("retry.rs", include_str!("../../runtime/retry.rs")),
    ("token.rs", include_str!("../../runtime/token.rs")),
    ("urls.rs", include_str!("../../runtime/urls.rs")),
];

pub(crate) fn files() -> Vec<RustFile> {
    FILES
        .iter()
        .map(|(name, text)| RustFile {
            path: format!("src/runtime/{name}"),
            origin: format!("codegen/runtime/{name}"),
            source: RustSource::Text(text),
        })
        .collect()
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
        let mut embedded: Vec<String> = FILES.iter().map(|(n, _)| (*n).to_owned()).collect();
        embedded.sort();
        assert_eq!(on_disk, embedded);
        for (name, text) in FILES {
            assert!(syn::parse_file(text).is_ok(), "{name} does not parse");
        }
    }

    #[test]
    fn runtime_is_not_specific_to_an_api() {
        for (name, text) in FILES {
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
