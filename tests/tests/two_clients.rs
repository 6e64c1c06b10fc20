//! Two generated clients in one program: the ACR 2019 metadata client and the Docker Registry v2
//! client share one credential value, and one function calls both with `?` into one error type
//! (the runtime crate's `Error`), handling either client's failure in one place.

use acr::runtime::{self as restwire, Credentials, ErrorKind};
use containerregistry_2019_08_15_preview as acr;
use docker_registry_v2 as registry;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The repositories of a registry with the tags of each: one client lists, the other reads.
async fn inventory(
    acr: &acr::Client,
    registry: &registry::Client,
) -> Result<Vec<(String, Vec<String>)>, restwire::Error> {
    let repositories = acr.repository().get_list().await?;
    let mut out = Vec::new();
    for name in repositories.body.names.unwrap_or_default() {
        let tags = registry.tag().get_v2_name_tags_list(&name).await?;
        out.push((name, tags.body.tags.unwrap_or_default()));
    }
    Ok(out)
}

/// What a program tells its user about any client's failure.
fn explain(error: &restwire::Error) -> String {
    let code = error
        .model_as::<acr::ErrorModel>()
        .and_then(|acr::ErrorModel::AcrErrors(errors)| errors.errors.clone())
        .and_then(|errors| errors.into_iter().next())
        .and_then(|info| info.code);
    match (error.kind(), error.operation(), code) {
        (_, Some(op), Some(code)) => format!("{op}: {code}"),
        (kind, Some(op), None) => format!("{op}: {kind:?} {:?}", error.status()),
        (kind, None, _) => format!("{kind:?}"),
    }
}

fn clients(server: &MockServer, credentials: &Credentials) -> (acr::Client, registry::Client) {
    let acr = acr::Client::builder(server.uri())
        .base_url(server.uri())
        .credentials(credentials.clone())
        .build()
        .unwrap();
    let registry = registry::Client::builder()
        .base_url(server.uri())
        .credentials(credentials.clone())
        .build()
        .unwrap();
    (acr, registry)
}

#[tokio::test]
async fn one_credential_and_one_error_path_for_two_clients() {
    let server = MockServer::start().await;
    // "user:pass" in Basic: both clients send the one credential value they were given.
    let basic = "Basic dXNlcjpwYXNz";
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .and(header("authorization", basic))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"repositories":["app","db"]}"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/app/tags/list"))
        .and(header("authorization", basic))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_raw(r#"{"name":"app","tags":["v1","v2"]}"#, "application/json"),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/v2/db/tags/list"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;

    let credentials = Credentials::basic("user", "pass");
    let (acr, registry) = clients(&server, &credentials);
    let error = inventory(&acr, &registry)
        .await
        .expect_err("the second repository has no tags list");
    assert_eq!(error.kind(), ErrorKind::UnexpectedStatus);
    assert_eq!(
        explain(&error),
        "getV2NameTagsList: UnexpectedStatus Some(404)"
    );

    // The other client's typed error model goes through the same path.
    server.reset().await;
    Mock::given(method("GET"))
        .and(path("/acr/v1/_catalog"))
        .respond_with(ResponseTemplate::new(401).set_body_raw(
            r#"{"errors":[{"code":"UNAUTHORIZED","message":"no"}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let error = inventory(&acr, &registry).await.unwrap_err();
    assert_eq!(explain(&error), "Repository_GetList: UNAUTHORIZED");

    // Typed, before the conversion: the crate's own `Error` has its model.
    let typed: acr::Error = acr.repository().get_list().await.unwrap_err();
    assert!(matches!(typed.model(), Some(acr::ErrorModel::AcrErrors(_))));
}
