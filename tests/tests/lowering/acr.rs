//! The ACR spec, `specs/containerregistry/2019-08-15-preview.json`.

use codegen::ir::{BodyKind, Location, ResponseBody};
use tests::{op, param, param_names};

use super::{acr, constants, form_fields, headers, integer, named, statuses, string};

/// 26 operations under `paths` and 3 under `x-ms-paths` (see the seeds' README).
#[test]
fn acr_has_29_operations() {
    assert_eq!(acr().operations.len(), 29);
}

#[test]
fn acr_x_ms_paths_suffixes_become_query_constants() {
    let api = acr();
    let with_constants: Vec<_> = api
        .operations
        .iter()
        .filter(|o| !o.query_constants.is_empty())
        .map(|o| (o.operation_id.as_str(), o.method.as_str(), constants(o)))
        .collect();
    assert_eq!(
        with_constants,
        [
            ("Blob_StartUpload", "POST", vec![("mode", "resumable")]),
            ("Blob_GetChunk", "GET", vec![("mode", "chunk")]),
            ("Blob_CheckChunk", "HEAD", vec![("mode", "chunk")]),
        ]
    );
    for o in &api.operations {
        assert!(
            !o.path.contains('?'),
            "{}: path `{}` keeps its query",
            o.operation_id,
            o.path
        );
    }
    assert_eq!(
        op(&api, "Blob_StartUpload").path,
        "/v2/{name}/blobs/uploads/"
    );
    assert_eq!(op(&api, "Blob_GetChunk").path, "/v2/{name}/blobs/{digest}");
    assert_eq!(
        op(&api, "Blob_CheckChunk").path,
        "/v2/{name}/blobs/{digest}"
    );
}

/// `#/parameters/NextLink`: in path, `x-ms-skip-url-encoding`, `x-ms-client-name: location`,
/// used by the four operations of `/{nextBlobUuidLink}`.
#[test]
fn acr_next_blob_uuid_link_is_a_raw_path_parameter_called_location() {
    let api = acr();
    let users: Vec<&str> = api
        .operations
        .iter()
        .filter(|o| o.parameters.iter().any(|p| p.name == "nextBlobUuidLink"))
        .map(|o| o.operation_id.as_str())
        .collect();
    assert_eq!(
        users,
        [
            "Blob_CancelUpload",
            "Blob_GetStatus",
            "Blob_Upload",
            "Blob_EndUpload"
        ]
    );
    for id in users {
        let o = op(&api, id);
        assert_eq!(o.path, "/{nextBlobUuidLink}");
        let p = param(o, "nextBlobUuidLink");
        assert_eq!(p.location, Location::Path, "{id}");
        assert!(p.skip_url_encoding, "{id}");
        assert!(p.required, "{id}");
        assert!(!p.client_level, "{id}: x-ms-parameter-location is method");
        assert_eq!(p.client_name, "location", "{id}");
        assert_eq!(p.rust_name, "location", "{id}");
    }
}

/// `x-ms-parameterized-host`: `hostTemplate: {url}`, `useSchemePrefix: false`, one parameter
/// (`#/parameters/Url`, client name `loginUri`, `x-ms-parameter-location: client`).
#[test]
fn acr_host_is_the_parameterized_login_uri() {
    let api = acr();
    assert_eq!(api.host.template, "{url}");
    assert!(!api.host.use_scheme_prefix);
    assert_eq!(api.host.parameters.len(), 1);
    let url = &api.host.parameters[0];
    assert_eq!(
        (url.name.as_str(), url.client_name.as_str()),
        ("url", "loginUri")
    );
    assert_eq!(url.location, Location::Host);
    assert!(url.client_level);
    assert!(url.skip_url_encoding);
    for o in &api.operations {
        assert!(
            o.parameters.iter().all(|p| p.location != Location::Host),
            "{}: a client-level host parameter leaked",
            o.operation_id
        );
    }
}

#[test]
fn acr_blob_get_streams_the_blob_or_redirects() {
    let api = acr();
    let get = op(&api, "Blob_Get");
    assert_eq!(statuses(get), [Some(200), Some(307)]);
    let ok = &get.responses[0];
    assert!(
        matches!(ok.body, Some(ResponseBody::Binary { .. })),
        "{:?}",
        ok.body
    );
    assert_eq!(
        headers(get, 200),
        [
            ("Content-Length".to_owned(), integer("int64")),
            ("Docker-Content-Digest".to_owned(), string())
        ]
    );
    assert!(get.responses[1].body.is_none());
    assert_eq!(headers(get, 307), [("Location".to_owned(), string())]);
    assert!(get.default_response.is_some());
}

#[test]
fn acr_manifests_create_sends_a_docker_v2_manifest() {
    let api = acr();
    let create = op(&api, "Manifests_Create");
    let media_type = "application/vnd.docker.distribution.manifest.v2+json";
    assert_eq!(create.consumes, [media_type]);
    let body = create.body.as_ref().expect("a body");
    assert_eq!(body.name, "payload");
    assert!(body.required);
    assert_eq!(body.media_types, [media_type]);
    assert_eq!(
        body.kind,
        BodyKind::Json {
            ty: named("Manifest")
        }
    );
}

/// `Manifests_Get` answers with a `ManifestWrapper`, whose family (`allOf` children of
/// `Manifest`) names media types as `x-ms-discriminator-value`s: the server picks one by
/// `Accept`, so they lead `produces`, before the document's `application/json`.
#[test]
fn acr_manifests_get_accepts_every_manifest_media_type() {
    let api = acr();
    let produces = &op(&api, "Manifests_Get").produces;
    for media_type in [
        "application/vnd.docker.distribution.manifest.v2+json",
        "application/vnd.docker.distribution.manifest.list.v2+json",
        "application/vnd.oci.image.manifest.v1+json",
        "application/vnd.oci.image.index.v1+json",
    ] {
        assert!(
            produces.iter().any(|p| p == media_type),
            "{media_type} not in {produces:?}"
        );
    }
    assert_eq!(
        produces.last().map(String::as_str),
        Some("application/json")
    );
    assert_eq!(op(&api, "Blob_Get").produces, ["application/octet-stream"]);
}

#[test]
fn acr_access_tokens_get_posts_a_form() {
    let api = acr();
    let get = op(&api, "AccessTokens_Get");
    assert_eq!(
        (get.method.as_str(), get.path.as_str()),
        ("POST", "/oauth2/token")
    );
    assert!(
        get.parameters.is_empty(),
        "form fields are not parameters: {:?}",
        param_names(get)
    );
    let body = get.body.as_ref().expect("a body");
    assert!(
        matches!(body.kind, BodyKind::Form { .. }),
        "{:?}",
        body.kind
    );
    assert_eq!(body.media_types, ["application/x-www-form-urlencoded"]);
    let fields = form_fields(get);
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["grant_type", "service", "scope", "refresh_token"]);
    assert!(
        fields
            .iter()
            .all(|f| f.required && f.location == Location::Form)
    );
}
