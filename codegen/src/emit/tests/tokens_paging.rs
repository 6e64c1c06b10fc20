//! Token operations and lists are found by their shape in the IR, never by operation id or
//! path: the ACR spec has both, the Docker Registry spec neither.

use std::path::Path;

use super::{has, render};
use crate::ir::{Api, BodyKind, Location};

fn spec(relative: &str) -> Api {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../specs")
        .join(relative);
    crate::load_api(&path).expect("the spec lowers")
}

fn acr() -> Api {
    spec("containerregistry/2019-08-15-preview.json")
}

/// The same API with every operation id and path changed.
fn renamed(mut api: Api) -> Api {
    for (i, op) in api.operations.iter_mut().enumerate() {
        op.operation_id = format!("Op{i}");
        op.path = op.path.replace("oauth2", "auth").replace("_catalog", "all");
    }
    api
}

#[test]
fn the_specs_token_operations_are_wired_to_the_credentials() {
    for api in [acr(), renamed(acr())] {
        let files = render(&api);
        let lib = "src/lib.rs";
        assert!(has(
            &files,
            lib,
            "impl runtime::TokenOperations for TokenOperations"
        ));
        assert!(has(
            &files,
            lib,
            "fn login<'a>(&'a self, service: &'a str, scope: &'a str)"
        ));
        assert!(has(
            &files,
            lib,
            ".access_tokens().get(crate::models::AccessTokensGetGrantType::RefreshToken, service, scope, refresh_token.expose())"
        ));
        assert!(has(
            &files,
            lib,
            ".refresh_tokens().get_from_exchange(crate::models::GrantType::AccessToken, service).access_token(access_token.expose())"
        ));
        // `Credentials::refresh_token`/`exchange` are the runtime's: no impl on its type here.
        assert!(!has(&files, lib, "impl runtime::Credentials"));
    }
}

#[test]
fn an_operation_missing_a_token_input_has_no_token_role() {
    let mut api = acr();
    for op in &mut api.operations {
        if let Some(BodyKind::Form { fields }) = op.body.as_mut().map(|b| &mut b.kind) {
            fields.retain(|f| f.name != "scope");
        }
        op.parameters
            .retain(|p| !(p.location == Location::Query && p.name == "scope"));
    }
    let files = render(&api);
    // Only the exchange is left, and it is not usable alone: no constructor.
    assert!(has(&files, "src/lib.rs", "fn exchange<'a>"));
    assert!(!has(&files, "src/lib.rs", "fn refresh<'a>"));
    assert!(!has(&files, "src/lib.rs", "fn login<'a>"));
    assert!(!has(&files, "src/lib.rs", "impl runtime::Credentials"));
}

#[test]
fn without_token_operations_there_is_no_token_code() {
    let files = render(&spec("docker-registry/v2.yaml"));
    assert!(has(
        &files,
        "src/lib.rs",
        "runtime::Auth::new(credentials, operations)"
    ));
    assert!(has(&files, "src/lib.rs", "let operations = None;"));
    assert!(!has(&files, "src/lib.rs", "TokenOperations"));
}

#[test]
fn a_list_with_a_link_header_and_one_array_is_paged() {
    for api in [acr(), renamed(acr())] {
        let files = render(&api);
        let repository = "src/repository.rs";
        assert!(has(
            &files,
            repository,
            "pub fn pages(self) -> impl futures::Stream<Item = Result<RepositoryGetListResponse, crate::Error>> + Send + 'static"
        ));
        assert!(has(
            &files,
            repository,
            "pub fn into_stream(self) -> impl futures::Stream<Item = Result<String, crate::Error>> + Send + 'static"
        ));
        assert!(has(
            &files,
            repository,
            "page.body.names.unwrap_or_default()"
        ));
        // `Tag_GetList` has one array but documents no `Link`.
        assert!(!has(&files, "src/tag.rs", "pub fn pages("));
    }
    let mut api = acr();
    for op in &mut api.operations {
        for response in &mut op.responses {
            response.headers.retain(|h| h.name != "Link");
        }
    }
    assert!(!has(&render(&api), "src/repository.rs", "pub fn pages("));
}
