//! Two formats, one API: the ACR data plane as OpenAPI 3.1
//! (`specs/containerregistry/2023-07-01.yaml`) and as Swagger 2.0
//! (`specs/containerregistry/2019-08-15-preview.json`) lower to IRs that agree on the operations
//! they share (same method and path, path parameter names normalized): the same parameter
//! locations and requiredness, the same request bodies and statuses, and the same host
//! parameterisation shape.
//!
//! The differences the two documents really have are listed below, each with its reason, and
//! [`every_listed_difference_is_in_the_documents`] checks each against the two documents
//! themselves, so that the list cannot outlive the specs. Two more differences are outside what
//! is compared here, and checked there too: `orderby` is a plain string in 2019 and an enum
//! (`timedesc`, `timeasc`) in 2023; the security schemes are `registry_auth` (basic) and
//! `registry_oauth2` (an `Authorization` API key) in 2019, `oauth2` (implicit flow) and
//! `basicAuth` in 2023.

use codegen::ir::{Api, BodyKind, Location, Operation, ResponseBody, TypeRef};
use serde_json::Value;

const OPENAPI: &str = "specs/containerregistry/2023-07-01.yaml";
const SWAGGER: &str = "specs/containerregistry/2019-08-15-preview.json";

fn openapi() -> Api {
    tests::api(&tests::workspace_root().join(OPENAPI))
}

fn swagger() -> Api {
    tests::api(&tests::workspace_root().join(SWAGGER))
}

/// A document as JSON, as it is on disk.
fn document(path: &str) -> Value {
    codegen::load::load_file(&tests::workspace_root().join(path)).unwrap_or_else(|e| panic!("{e}"))
}

/// `GET /acr/v1/{}/_tags/{}`: the method and the path with every `{placeholder}` emptied.
fn route(op: &Operation) -> String {
    let mut path = String::new();
    let mut in_placeholder = false;
    for c in op.path.chars() {
        match c {
            '{' => {
                in_placeholder = true;
                path.push('{');
            }
            '}' => {
                in_placeholder = false;
                path.push('}');
            }
            _ if in_placeholder => {}
            c => path.push(c),
        }
    }
    format!("{} {path}", op.method)
}

/// The operations of the 3.1 spec, each with the Swagger operation of the same route.
fn shared<'a>(openapi: &'a Api, swagger: &'a Api) -> Vec<(&'a Operation, &'a Operation)> {
    openapi
        .operations
        .iter()
        .filter_map(|o| {
            swagger
                .operations
                .iter()
                .find(|s| route(s) == route(o))
                .map(|s| (o, s))
        })
        .collect()
}

/// `(route, OpenAPI operationId, Swagger operationId)`: the same operation under another name.
/// The 2023 document names its list operations `*_List`; the 2019 one says `*_GetList`, and
/// files the catalog under `Repository`.
const RENAMED: &[(&str, &str, &str)] = &[
    ("GET /acr/v1/_catalog", "Catalog_List", "Repository_GetList"),
    ("GET /acr/v1/{}/_tags", "Tag_List", "Tag_GetList"),
    (
        "GET /acr/v1/{}/_manifests",
        "Manifests_List",
        "Manifests_GetList",
    ),
];

/// `(route, parameter, reason)`: parameters only the Swagger IR has.
const SWAGGER_ONLY_PARAMETERS: &[(&str, &str, &str)] = &[(
    "GET /v2/{}/manifests/{}",
    "accept",
    "both documents declare an Accept header parameter, but OpenAPI 3 says a header parameter \
     named Accept SHALL be ignored (the 3.1 client sends the media types of the responses, or \
     the caller's `accept(..)`); Swagger 2.0 has no such rule",
)];

/// `(route, reason)`: operations whose request body has another type.
const BODY_DIFFERENCES: &[(&str, &str)] = &[(
    "PATCH /acr/v1/{}",
    "the body is `ChangeableAttributes` in 2019 and `RepositoryChangeableAttributes` in 2023 \
     (another name for the repository's changeable attributes)",
)];

/// `(route, reason)`: operations whose success responses differ (body or headers).
const RESPONSE_DIFFERENCES: &[(&str, &str)] = &[
    (
        "GET /acr/v1/_catalog",
        "the 2019 200 documents a `Link` header (the next page); the 2023 200 has no headers",
    ),
    (
        "GET /acr/v1/{}/_manifests",
        "the 200 body is `AcrManifests` in 2019 and `ManifestList` in 2023 (another name for \
         the same list)",
    ),
    (
        "GET /v2/{}/manifests/{}",
        "the 2019 200 comes as the document's `produces` (application/json), the 2023 200 as \
         two manifest media types",
    ),
    (
        "PUT /v2/{}/manifests/{}",
        "the 2019 201 has `schema: {}` (any JSON body) and the headers Content-Length, \
         Docker-Content-Digest and Location; the 2023 201 has no body and only \
         Docker-Content-Digest",
    ),
];

#[test]
fn both_documents_describe_the_same_eleven_routes() {
    let (openapi, swagger) = (openapi(), swagger());
    let pairs = shared(&openapi, &swagger);
    assert_eq!(pairs.len(), 11, "every 3.1 operation has a Swagger twin");
    assert_eq!(openapi.operations.len(), 11);
    for (o, s) in &pairs {
        let renamed = RENAMED.iter().find(|(r, _, _)| *r == route(o));
        match renamed {
            Some((_, new, old)) => {
                assert_eq!(
                    (o.operation_id.as_str(), s.operation_id.as_str()),
                    (*new, *old)
                );
            }
            None => assert_eq!(o.operation_id, s.operation_id, "{}", route(o)),
        }
    }
}

/// `(lower-case wire name, location, required)`: HTTP header names are case-insensitive.
fn parameters(op: &Operation) -> Vec<(String, Location, bool)> {
    op.parameters
        .iter()
        .map(|p| (p.name.to_ascii_lowercase(), p.location, p.required))
        .collect()
}

#[test]
fn shared_operations_have_the_same_parameter_locations_and_requiredness() {
    let (openapi, swagger) = (openapi(), swagger());
    for (o, s) in shared(&openapi, &swagger) {
        let r = route(o);
        let mut expected = parameters(s);
        expected.retain(|(name, _, _)| {
            !SWAGGER_ONLY_PARAMETERS
                .iter()
                .any(|(route, param, _)| *route == r && param == name)
        });
        assert_eq!(parameters(o), expected, "{r}");
        // Path parameter names agree too (not only their positions).
        let path_names = |op: &Operation| -> Vec<String> {
            op.parameters
                .iter()
                .filter(|p| p.location == Location::Path)
                .map(|p| p.name.clone())
                .collect()
        };
        assert_eq!(path_names(o), path_names(s), "{r}");
    }
}

#[test]
fn shared_operations_have_the_same_request_bodies_and_statuses() {
    let (openapi, swagger) = (openapi(), swagger());
    for (o, s) in shared(&openapi, &swagger) {
        let r = route(o);
        // Presence, requiredness, encoding and media types always agree; the type does unless
        // listed.
        let body = |op: &Operation, typed: bool| {
            op.body.as_ref().map(|b| {
                let kind = match (&b.kind, typed) {
                    (BodyKind::Json { .. }, false) => "json".to_owned(),
                    (kind, _) => format!("{kind:?}"),
                };
                (b.required, kind, b.media_types.clone())
            })
        };
        assert_eq!(body(o, false), body(s, false), "{r}");
        let listed = BODY_DIFFERENCES.iter().any(|(route, _)| *route == r);
        assert_eq!(
            body(o, true) == body(s, true),
            !listed,
            "{r}: the body types differ exactly when the difference is listed"
        );
        let statuses = |op: &Operation| op.responses.iter().map(|x| x.status).collect::<Vec<_>>();
        assert_eq!(statuses(o), statuses(s), "{r}");
        assert_eq!(
            o.default_response.as_ref().map(|d| &d.body),
            s.default_response.as_ref().map(|d| &d.body),
            "{r}: the default response is AcrErrors in both"
        );
        // What a caller sees of a success response: its status, its body and its header names
        // (descriptions are prose and differ freely).
        let success = |op: &Operation| {
            op.responses
                .iter()
                .map(|x| {
                    let headers: Vec<&str> = x.headers.iter().map(|h| h.name.as_str()).collect();
                    (x.status, x.body.clone(), headers.join(","))
                })
                .collect::<Vec<_>>()
        };
        let listed = RESPONSE_DIFFERENCES.iter().any(|(route, _)| *route == r);
        assert_eq!(
            success(o) == success(s),
            !listed,
            "{r}: the success responses differ exactly when the difference is listed"
        );
    }
}

/// One client-level host parameter each, no per-call host parameter, no other client
/// parameter. The parameters themselves differ: Swagger's `x-ms-parameterized-host` takes the
/// whole login URL (`{url}`, client name `loginUri`, `useSchemePrefix: false`), OpenAPI's
/// server takes the registry name (`https://{registryName}.azurecr.io`, default `myregistry`).
#[test]
fn both_have_one_client_level_host_parameter() {
    for api in [openapi(), swagger()] {
        let host = &api.host.parameters;
        assert_eq!(host.len(), 1, "{}", api.title);
        assert!(host[0].client_level && host[0].required, "{}", api.title);
        assert_eq!(host[0].location, Location::Host);
        assert!(api.client_parameters.is_empty(), "{}", api.title);
        assert!(!api.host.use_scheme_prefix, "{}", api.title);
        for o in &api.operations {
            assert!(
                o.parameters.iter().all(|p| p.location != Location::Host),
                "{}",
                o.operation_id
            );
        }
    }
    let (openapi, swagger) = (openapi(), swagger());
    assert_eq!(
        (
            openapi.host.template.as_str(),
            openapi.host.parameters[0].name.as_str()
        ),
        ("https://{registryName}.azurecr.io", "registryName")
    );
    assert_eq!(
        (
            swagger.host.template.as_str(),
            swagger.host.parameters[0].client_name.as_str()
        ),
        ("{url}", "loginUri")
    );
}

/// Each listed difference, checked in the documents as written.
#[test]
fn every_listed_difference_is_in_the_documents() {
    let (o, s) = (document(OPENAPI), document(SWAGGER));
    let manifest = "/v2/{name}/manifests/{reference}";

    // Manifests_Get: an `Accept` header parameter in both documents.
    let declares_accept = |params: &Value| {
        params.as_array().into_iter().flatten().any(|p| {
            p["in"] == "header"
                && p["name"]
                    .as_str()
                    .is_some_and(|n| n.eq_ignore_ascii_case("accept"))
        })
    };
    assert!(declares_accept(&o["paths"][manifest]["get"]["parameters"]));
    assert!(declares_accept(&s["paths"][manifest]["get"]["parameters"]));
    let openapi = openapi();
    assert!(
        openapi
            .warnings
            .iter()
            .any(|w| w.pointer == "#/paths/~1v2~1{name}~1manifests~1{reference}/get/parameters/2"),
        "the ignored Accept parameter is reported"
    );

    // Operation ids.
    for (route, new, old) in RENAMED {
        let path = route.split_once(' ').map(|(_, p)| p).unwrap_or_default();
        let find = |doc: &Value, id: &str| {
            doc["paths"]
                .as_object()
                .into_iter()
                .flatten()
                .any(|(key, item)| item["get"]["operationId"] == id && route_of_key(key) == path)
        };
        assert!(find(&o, new), "{new}");
        assert!(find(&s, old), "{old}");
    }

    // Repository_UpdateAttributes: the body's schema.
    let patch_body = |doc: &Value| doc["paths"]["/acr/v1/{name}"]["patch"].clone();
    let swagger_body = patch_body(&s)["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["in"] == "body").cloned())
        .expect("a body parameter");
    assert_eq!(
        swagger_body["schema"]["$ref"],
        "#/definitions/ChangeableAttributes"
    );
    assert_eq!(
        patch_body(&o)["requestBody"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/RepositoryChangeableAttributes"
    );

    // `orderby`: a string in 2019, an enum in 2023.
    assert!(s["parameters"]["QueryOrderBy"]["enum"].is_null());
    let tag_list = &o["paths"]["/acr/v1/{name}/_tags"]["get"]["parameters"][3];
    assert_eq!(tag_list["name"], "orderby");
    assert_eq!(
        tag_list["schema"]["enum"],
        serde_json::json!(["timedesc", "timeasc"])
    );

    // Security schemes.
    let names = |schemes: &Value| -> Vec<String> {
        schemes
            .as_object()
            .map(|m| m.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(
        names(&s["securityDefinitions"]),
        ["registry_auth", "registry_oauth2"]
    );
    assert_eq!(
        names(&o["components"]["securitySchemes"]),
        ["oauth2", "basicAuth"]
    );

    // Catalog_List: a Link header in 2019 only.
    let catalog_200 =
        |doc: &Value| doc["paths"]["/acr/v1/_catalog"]["get"]["responses"]["200"].clone();
    assert!(catalog_200(&s)["headers"]["Link"].is_object());
    assert!(catalog_200(&o)["headers"].is_null());

    // Manifests_List: AcrManifests against ManifestList.
    let list_200 =
        |doc: &Value| doc["paths"]["/acr/v1/{name}/_manifests"]["get"]["responses"]["200"].clone();
    assert_eq!(list_200(&s)["schema"]["$ref"], "#/definitions/AcrManifests");
    assert_eq!(
        list_200(&o)["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/ManifestList"
    );

    // Manifests_Get: media types of the 200.
    assert_eq!(s["produces"], serde_json::json!(["application/json"]));
    assert!(s["paths"][manifest]["get"]["produces"].is_null());
    let content: Vec<&String> = o["paths"][manifest]["get"]["responses"]["200"]["content"]
        .as_object()
        .map(|c| c.keys().collect())
        .unwrap_or_default();
    assert_eq!(
        content,
        [
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json"
        ]
    );

    // Manifests_Create: the 201.
    let created = |doc: &Value| doc["paths"][manifest]["put"]["responses"]["201"].clone();
    let header_names = |response: &Value| -> Vec<String> {
        response["headers"]
            .as_object()
            .map(|h| h.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(created(&s)["schema"], serde_json::json!({}));
    assert_eq!(
        header_names(&created(&s)),
        ["Content-Length", "Docker-Content-Digest", "Location"]
    );
    assert!(created(&o)["content"].is_null());
    assert_eq!(header_names(&created(&o)), ["Docker-Content-Digest"]);
    let swagger = swagger();
    let create = tests::op(&swagger, "Manifests_Create");
    assert!(matches!(
        &create.responses[0].body,
        Some(ResponseBody::Json {
            ty: TypeRef::Any,
            ..
        })
    ));
}

/// The path of a path key, with placeholders emptied (`/acr/v1/{name}/_tags` -> `/acr/v1/{}/_tags`).
fn route_of_key(key: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for c in key.chars() {
        match c {
            '{' => {
                skipping = true;
                out.push('{');
            }
            '}' => {
                skipping = false;
                out.push('}');
            }
            _ if skipping => {}
            c => out.push(c),
        }
    }
    out
}
