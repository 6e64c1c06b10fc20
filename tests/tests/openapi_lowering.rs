//! Precise facts about the lowered IR of OpenAPI 3 documents, each written from the document it
//! comes from (the expected values are read off `specs/containerregistry/2023-07-01.yaml` and the
//! fixtures in `tests/fixtures/openapi3/`, not off the lowering's output).
//!
//! Sections: the ACR 3.1 spec, then one test per fixture construct.

use std::path::PathBuf;

use codegen::ir::{
    Api, BodyKind, Format, Location, ModelKind, ResponseBody, SecuritySchemeKind, SourceFormat,
    TypeRef,
};
use serde_json::{Value, json};
use tests::{api, model, op, param, param_names, struct_model};

fn acr() -> Api {
    api(&tests::workspace_root().join("specs/containerregistry/2023-07-01.yaml"))
}

fn fixture(name: &str) -> Api {
    let path: PathBuf = tests::workspace_root()
        .join("tests/fixtures/openapi3")
        .join(name);
    api(&path)
}

fn string() -> TypeRef {
    TypeRef::String { format: None }
}

fn named(name: &str) -> TypeRef {
    TypeRef::Model {
        name: name.to_owned(),
    }
}

fn map_of(values: TypeRef) -> TypeRef {
    TypeRef::Map {
        values: Box::new(values),
    }
}

/// `(pointer, message)` of every warning.
fn warnings(api: &Api) -> Vec<(&str, &str)> {
    api.warnings
        .iter()
        .map(|w| (w.pointer.as_str(), w.message.as_str()))
        .collect()
}

/// The pointers of the warnings, in order.
fn warned_pointers(api: &Api) -> Vec<&str> {
    api.warnings.iter().map(|w| w.pointer.as_str()).collect()
}

/// `(wire name, type, required)` of a struct model's properties.
fn props(api: &Api, name: &str) -> Vec<(String, TypeRef, bool)> {
    struct_model(api, name)
        .properties
        .iter()
        .map(|p| (p.name.clone(), p.ty.clone(), p.required))
        .collect()
}

/// `(wire name, location, required)` of an operation's parameters.
fn wire(op: &codegen::ir::Operation) -> Vec<(&str, Location, bool)> {
    op.parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.required))
        .collect()
}

fn response_body(op: &codegen::ir::Operation, status: u16) -> Option<&ResponseBody> {
    op.responses
        .iter()
        .find(|r| r.status == Some(status))
        .unwrap_or_else(|| panic!("{}: no {status}", op.operation_id))
        .body
        .as_ref()
}

// --- The ACR 3.1 spec (specs/containerregistry/2023-07-01.yaml) ---

const MANIFEST_V2: &str = "application/vnd.docker.distribution.manifest.v2+json";
const OCI_MANIFEST: &str = "application/vnd.oci.image.manifest.v1+json";

/// What `cargo xtask ir specs/containerregistry/2023-07-01.yaml` prints (the same
/// `load_api` + `serde_json::to_string_pretty`): 11 operations, and one host parameter,
/// `registryName`, defaulting to `myregistry` (`servers[0].variables`).
#[test]
fn xtask_ir_lists_11_operations_and_the_registry_name_host_parameter() {
    let path = tests::workspace_root().join("specs/containerregistry/2023-07-01.yaml");
    let api = codegen::load_api(&path).unwrap_or_else(|e| panic!("{e}"));
    let printed = serde_json::to_string_pretty(&api).expect("the IR prints as JSON");
    let json: Value = serde_json::from_str(&printed).expect("the printed IR is JSON");
    assert_eq!(json["source_format"], "open_api31");
    assert_eq!(json["operations"].as_array().map(Vec::len), Some(11));
    assert_eq!(
        json["host"]["template"],
        "https://{registryName}.azurecr.io"
    );
    let host_params = json["host"]["parameters"]
        .as_array()
        .expect("host.parameters is an array");
    assert_eq!(host_params.len(), 1);
    let registry = &host_params[0];
    assert_eq!(registry["name"], "registryName");
    assert_eq!(registry["location"], "host");
    assert_eq!(registry["default"], "myregistry");
    assert_eq!(registry["client_level"], true);
    assert_eq!(
        registry["description"],
        "The name of the Azure Container Registry."
    );
    assert_eq!(json["host"]["alternatives"], json!([]));
}

/// The 11 operations in document order, with their method and path.
#[test]
fn acr31_operations_in_document_order() {
    let api = acr();
    assert_eq!(api.source_format, SourceFormat::OpenApi31);
    let routes: Vec<(&str, &str, &str)> = api
        .operations
        .iter()
        .map(|o| (o.operation_id.as_str(), o.method.as_str(), o.path.as_str()))
        .collect();
    assert_eq!(
        routes,
        [
            ("Catalog_List", "GET", "/acr/v1/_catalog"),
            ("Repository_GetAttributes", "GET", "/acr/v1/{name}"),
            ("Repository_Delete", "DELETE", "/acr/v1/{name}"),
            ("Repository_UpdateAttributes", "PATCH", "/acr/v1/{name}"),
            ("Tag_List", "GET", "/acr/v1/{name}/_tags"),
            (
                "Tag_GetAttributes",
                "GET",
                "/acr/v1/{name}/_tags/{reference}"
            ),
            ("Tag_Delete", "DELETE", "/acr/v1/{name}/_tags/{reference}"),
            ("Manifests_List", "GET", "/acr/v1/{name}/_manifests"),
            ("Manifests_Get", "GET", "/v2/{name}/manifests/{reference}"),
            (
                "Manifests_Create",
                "PUT",
                "/v2/{name}/manifests/{reference}"
            ),
            (
                "Manifests_Delete",
                "DELETE",
                "/v2/{name}/manifests/{reference}"
            ),
        ]
    );
    let groups: Vec<&str> = api.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(groups, ["Catalog", "Repository", "Tag", "Manifests"]);
    assert!(api.operations.iter().all(|o| !o.synthesized_id));
}

#[test]
fn acr31_host_is_the_registry_name_with_its_default() {
    let api = acr();
    assert_eq!(api.host.template, "https://{registryName}.azurecr.io");
    assert!(!api.host.use_scheme_prefix, "the template has its scheme");
    assert_eq!(api.host.base_path, "");
    let [registry] = api.host.parameters.as_slice() else {
        panic!("one host parameter: {:?}", api.host.parameters)
    };
    assert_eq!(
        (registry.name.as_str(), registry.rust_name.as_str()),
        ("registryName", "registry_name")
    );
    assert_eq!(registry.default, Some(json!("myregistry")));
    assert_eq!(registry.ty, string());
    assert!(registry.client_level && registry.required);
    assert_eq!(registry.pointer, "#/servers/0/variables/registryName");
    for o in &api.operations {
        assert!(
            o.parameters.iter().all(|p| p.location != Location::Host),
            "{}: a host parameter is per call",
            o.operation_id
        );
    }
}

/// `components.securitySchemes`: `oauth2` (an implicit flow: no token URL) and `basicAuth`
/// (http basic); the document's `security` lists both as alternatives, and no operation has
/// its own.
#[test]
fn acr31_security_schemes_apply_to_every_operation() {
    let api = acr();
    let schemes: Vec<(&str, &SecuritySchemeKind)> = api
        .security
        .iter()
        .map(|s| (s.name.as_str(), &s.kind))
        .collect();
    assert_eq!(
        schemes,
        [
            (
                "oauth2",
                &SecuritySchemeKind::OAuth2 {
                    token_url: None,
                    scopes: Vec::new()
                }
            ),
            ("basicAuth", &SecuritySchemeKind::Basic),
        ]
    );
    assert_eq!(
        api.security[1].description.as_deref(),
        Some("Basic authentication using registry credentials.")
    );
    for o in &api.operations {
        assert_eq!(o.security, ["oauth2", "basicAuth"], "{}", o.operation_id);
    }
}

/// `#/components/parameters/RepositoryNameParameter` is the `name` of every operation but
/// `Catalog_List`.
#[test]
fn acr31_repository_name_comes_from_components() {
    let api = acr();
    for o in api.operations.iter().skip(1) {
        let name = param(o, "name");
        assert_eq!(name.location, Location::Path, "{}", o.operation_id);
        assert!(name.required);
        assert_eq!(
            name.pointer, "#/components/parameters/RepositoryNameParameter",
            "{}",
            o.operation_id
        );
        assert_eq!(
            name.description.as_deref(),
            Some("Name of the image (including the namespace).")
        );
        assert_eq!(o.parameters[0].name, "name", "{}: first", o.operation_id);
    }
    assert!(param_names(op(&api, "Catalog_List")) == ["last", "n"]);
}

#[test]
fn acr31_tag_list_query_parameters() {
    let api = acr();
    let list = op(&api, "Tag_List");
    assert_eq!(
        wire(list),
        [
            ("name", Location::Path, true),
            ("last", Location::Query, false),
            ("n", Location::Query, false),
            ("orderby", Location::Query, false),
            ("digest", Location::Query, false),
        ]
    );
    assert_eq!(param(list, "n").ty, TypeRef::Integer { format: None });
    let TypeRef::Model { name } = &param(list, "orderby").ty else {
        panic!("orderby is an enum model: {:?}", param(list, "orderby").ty)
    };
    let ModelKind::Enum(orderby) = &model(&api, name).kind else {
        panic!("{name} is an enum")
    };
    let values: Vec<&Value> = orderby.values.iter().map(|v| &v.value).collect();
    assert_eq!(values, [&json!("timedesc"), &json!("timeasc")]);
    assert!(!orderby.open, "a plain `enum` is closed");
    // Manifests_List's `orderby` has the same inline schema text: the same model.
    assert_eq!(
        param(op(&api, "Manifests_List"), "orderby").ty,
        param(list, "orderby").ty
    );
}

/// The 200 of Manifests_Get has two content types with one schema (ManifestWrapper); the
/// `default` response is `application/json` AcrErrors. The spec's `Accept` header parameter is
/// ignored, as OpenAPI 3 says (the default `Accept` offers the three media types instead).
#[test]
fn acr31_manifests_get_response_media_types() {
    let api = acr();
    let get = op(&api, "Manifests_Get");
    assert_eq!(
        get.responses.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Some(200)]
    );
    assert_eq!(
        response_body(get, 200),
        Some(&ResponseBody::Json {
            xml: None,
            ty: named("ManifestWrapper"),
            media_types: vec![MANIFEST_V2.to_owned(), OCI_MANIFEST.to_owned()],
            nullable: false,
        })
    );
    let default = get.default_response.as_ref().expect("a default response");
    assert_eq!(
        default.body,
        Some(ResponseBody::Json {
            xml: None,
            ty: named("AcrErrors"),
            media_types: vec!["application/json".to_owned()],
            nullable: false,
        })
    );
    assert_eq!(
        get.produces,
        [MANIFEST_V2, OCI_MANIFEST, "application/json"]
    );
    assert_eq!(param_names(get), ["name", "reference"]);
    assert_eq!(
        warned_pointers(&api),
        ["#/paths/~1v2~1{name}~1manifests~1{reference}/get/parameters/2"]
    );
    assert!(api.warnings[0].message.contains("`Accept` is ignored"));
}

/// `ManifestWrapper` is `allOf: [Manifest]` with a sibling `properties: {annotations}`.
#[test]
fn acr31_manifest_wrapper_has_manifest_properties_plus_annotations() {
    let api = acr();
    let descriptor = named("Descriptor");
    let manifest_props = vec![
        (
            "schemaVersion".to_owned(),
            named("Manifest_schemaVersion"),
            false,
        ),
        ("mediaType".to_owned(), string(), false),
        ("config".to_owned(), descriptor.clone(), false),
        (
            "layers".to_owned(),
            TypeRef::Array {
                items: Box::new(descriptor),
            },
            false,
        ),
    ];
    assert_eq!(props(&api, "Manifest"), manifest_props);
    let mut wrapper_props = manifest_props;
    wrapper_props.push(("annotations".to_owned(), map_of(string()), false));
    assert_eq!(props(&api, "ManifestWrapper"), wrapper_props);
    let wrapper = struct_model(&api, "ManifestWrapper");
    assert_eq!(wrapper.parents, ["Manifest"]);
    assert_eq!(struct_model(&api, "Manifest").children, ["ManifestWrapper"]);
    assert_eq!(
        model(&api, "ManifestWrapper").description.as_deref(),
        Some("Manifest wrapper.")
    );
    // `schemaVersion: {type: integer, enum: [2]}`.
    let ModelKind::Enum(version) = &model(&api, "Manifest_schemaVersion").kind else {
        panic!("schemaVersion is an enum")
    };
    assert_eq!(version.base, TypeRef::Integer { format: None });
    assert_eq!(version.values.len(), 1);
    assert_eq!(version.values[0].value, json!(2));
}

#[test]
fn acr31_manifests_create_sends_a_docker_v2_manifest() {
    let api = acr();
    let create = op(&api, "Manifests_Create");
    let body = create.body.as_ref().expect("a body");
    assert!(body.required);
    assert_eq!(body.media_types, [MANIFEST_V2]);
    assert_eq!(
        body.kind,
        BodyKind::Json {
            ty: named("Manifest")
        }
    );
    assert_eq!(create.consumes, [MANIFEST_V2]);
    let created = &create.responses[0];
    assert_eq!(created.status, Some(201));
    assert!(created.body.is_none());
    let headers: Vec<(&str, &TypeRef)> = created
        .headers
        .iter()
        .map(|h| (h.name.as_str(), &h.ty))
        .collect();
    assert_eq!(headers, [("Docker-Content-Digest", &string())]);
}

/// `requestBody` without `required` is optional (OpenAPI 3's default).
#[test]
fn acr31_repository_update_attributes_has_an_optional_json_body() {
    let api = acr();
    let update = op(&api, "Repository_UpdateAttributes");
    let body = update.body.as_ref().expect("a body");
    assert!(!body.required);
    assert_eq!(
        body.kind,
        BodyKind::Json {
            ty: named("RepositoryChangeableAttributes")
        }
    );
    assert_eq!(body.media_types, ["application/json"]);
    assert!(response_body(update, 200).is_none());
}

#[test]
fn acr31_statuses_and_bodies() {
    let api = acr();
    let expect = [
        ("Catalog_List", 200, Some("Repositories")),
        (
            "Repository_GetAttributes",
            200,
            Some("RepositoryAttributes"),
        ),
        ("Repository_Delete", 202, Some("DeletedRepository")),
        ("Repository_UpdateAttributes", 200, None),
        ("Tag_List", 200, Some("TagList")),
        ("Tag_GetAttributes", 200, Some("TagAttributes")),
        ("Tag_Delete", 202, None),
        ("Manifests_List", 200, Some("ManifestList")),
        ("Manifests_Get", 200, Some("ManifestWrapper")),
        ("Manifests_Create", 201, None),
        ("Manifests_Delete", 202, None),
    ];
    for (id, status, body) in expect {
        let o = op(&api, id);
        assert_eq!(o.responses.len(), 1, "{id}");
        let ty = response_body(o, status).map(|b| match b {
            ResponseBody::Json { ty, .. } => ty.clone(),
            other => panic!("{id}: not JSON: {other:?}"),
        });
        assert_eq!(ty, body.map(named), "{id}");
        assert!(o.default_response.is_some(), "{id}");
    }
    assert_eq!(api.error_models, [named("AcrErrors")]);
    // `detail: {type: object}` without properties: any JSON value.
    let detail = &struct_model(&api, "AcrErrorInfo").properties[2];
    assert_eq!(
        (detail.name.as_str(), &detail.ty),
        ("detail", &TypeRef::Any)
    );
}

// --- One test per fixture (tests/fixtures/openapi3/) ---

#[test]
fn servers_variables_become_host_parameters_with_defaults() {
    let api = fixture("servers-variables.yaml");
    assert_eq!(
        api.host.template,
        "https://{account}.{region}.example.net/api"
    );
    let host: Vec<(&str, Option<&Value>, bool)> = api
        .host
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.default.as_ref(), p.client_level))
        .collect();
    assert_eq!(
        host,
        [
            ("account", Some(&json!("myaccount")), true),
            ("region", Some(&json!("westeurope")), true)
        ]
    );
    assert_eq!(
        api.host.parameters[1].description.as_deref(),
        Some("One of `westeurope`, `eastus`.")
    );
    assert_eq!(api.host.alternatives, ["https://global.example.net/api"]);
    assert!(api.warnings.is_empty(), "{:?}", warnings(&api));
}

#[test]
fn a_relative_server_is_an_endpoint_and_a_base_path() {
    let api = fixture("servers-relative.yaml");
    assert_eq!(api.source_format, SourceFormat::OpenApi30);
    assert_eq!(api.host.template, "{endpoint}");
    assert_eq!(api.host.base_path, "/v1");
    assert_eq!(api.host.parameters.len(), 1);
    assert_eq!(api.host.parameters[0].name, "endpoint");
}

#[test]
fn components_are_used_through_refs() {
    let api = fixture("components.yaml");
    let put = op(&api, "Items_Put");
    assert_eq!(
        wire(put),
        [
            ("id", Location::Path, true),
            ("x-request-id", Location::Header, false)
        ]
    );
    assert_eq!(
        param(put, "x-request-id").ty,
        TypeRef::Formatted {
            format: Format::Uuid
        }
    );
    let body = put.body.as_ref().expect("the requestBodies entry");
    assert!(body.required);
    assert_eq!(body.description.as_deref(), Some("The item to store."));
    assert_eq!(body.pointer, "#/components/requestBodies/ItemBody");
    assert_eq!(body.kind, BodyKind::Json { ty: named("Item") });
    let ok = &put.responses[0];
    assert_eq!(ok.description.as_deref(), Some("The stored item."));
    assert_eq!(ok.headers.len(), 1);
    assert_eq!(
        (
            ok.headers[0].name.as_str(),
            ok.headers[0].description.as_deref()
        ),
        ("ETag", Some("The entity tag."))
    );
    let default = put.default_response.as_ref().expect("the Error response");
    assert!(matches!(&default.body, Some(ResponseBody::Json { ty, .. }) if *ty == named("Error")));
    assert_eq!(api.error_models, [named("Error")]);
}

#[test]
fn path_level_parameters_come_first_and_are_replaced_in_place() {
    let api = fixture("path-level-params.yaml");
    let list = op(&api, "Items_List");
    assert_eq!(param_names(list), ["store", "limit", "filter"]);
    let limit = param(list, "limit");
    assert_eq!(
        limit.description.as_deref(),
        Some("At most this many (operation level).")
    );
    assert_eq!(limit.default, Some(json!(10)));
    let clear = op(&api, "Items_Clear");
    assert_eq!(param_names(clear), ["store", "limit"]);
    assert_eq!(
        param(clear, "limit").description.as_deref(),
        Some("At most this many (path level).")
    );
}

#[test]
fn ref_siblings_apply_in_3_1() {
    let api = fixture("ref-siblings.yaml");
    let get = op(&api, "Pets_Get");
    assert_eq!(
        param(get, "id").description.as_deref(),
        Some("The pet's id (described at the reference).")
    );
    assert_eq!(
        get.responses[0].description.as_deref(),
        Some("The pet (described at the reference).")
    );
    let owned = struct_model(&api, "Owned");
    let pet = &owned.properties[0];
    assert_eq!(
        (&pet.ty, pet.description.as_deref(), pet.nullable),
        (&named("Pet"), Some("The pet itself."), false)
    );
    let previous = &owned.properties[1];
    assert_eq!((&previous.ty, previous.nullable), (&named("Pet"), true));
    let tagged = &owned.properties[2];
    assert_eq!(tagged.ty, named("Owned_tagged"));
    assert_eq!(
        props(&api, "Owned_tagged"),
        [
            ("name".to_owned(), string(), false),
            ("tag".to_owned(), string(), true)
        ]
    );
    assert_eq!(struct_model(&api, "Owned_tagged").parents, ["Pet"]);
    assert!(api.warnings.is_empty(), "{:?}", warnings(&api));
}

#[test]
fn ref_siblings_are_ignored_with_a_warning_in_3_0() {
    let api = fixture("ref-siblings-openapi30.yaml");
    let owned = struct_model(&api, "Owned");
    assert_eq!(owned.properties[1].ty, named("Pet"));
    assert_eq!(
        owned.properties[0].description.as_deref(),
        Some("The pet itself.")
    );
    assert_eq!(
        warned_pointers(&api),
        ["#/components/schemas/Owned/properties/tagged/properties"]
    );
}

#[test]
fn request_body_media_types_are_the_callers_choice() {
    let api = fixture("request-body-media-types.yaml");
    let update = op(&api, "Documents_Update");
    let body = update.body.as_ref().expect("a body");
    assert_eq!(
        body.media_types,
        ["application/merge-patch+json", "application/json"]
    );
    assert_eq!(
        body.kind,
        BodyKind::Json {
            ty: named("Document")
        }
    );
    let upload = op(&api, "Documents_Upload");
    let body = upload.body.as_ref().expect("a body");
    assert_eq!(body.kind, BodyKind::Binary);
    assert_eq!(body.media_types, ["application/octet-stream", "image/png"]);
    assert!(!body.required);
    let token = op(&api, "Tokens_Create").body.as_ref().expect("a body");
    let BodyKind::Form { fields } = &token.kind else {
        panic!("a form: {:?}", token.kind)
    };
    let fields: Vec<(&str, bool)> = fields
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(fields, [("grant_type", true), ("scope", false)]);
    assert!(api.warnings.is_empty(), "{:?}", warnings(&api));
}

#[test]
fn response_content_types_choose_the_decoding() {
    let api = fixture("response-content-types.yaml");
    assert_eq!(
        response_body(op(&api, "Manifests_Get"), 200),
        Some(&ResponseBody::Json {
            xml: None,
            ty: named("Manifest"),
            media_types: vec![MANIFEST_V2.to_owned(), OCI_MANIFEST.to_owned()],
            nullable: false,
        })
    );
    assert!(matches!(
        response_body(op(&api, "Status_Get"), 200),
        Some(ResponseBody::Json { media_types, .. }) if media_types == &["application/json", "text/plain"]
    ));
    assert_eq!(
        response_body(op(&api, "Readme_Get"), 200),
        Some(&ResponseBody::Text {
            media_types: vec!["text/markdown".to_owned()]
        })
    );
    assert_eq!(
        response_body(op(&api, "Archive_Get"), 200),
        Some(&ResponseBody::Binary {
            media_types: vec!["application/zip".to_owned()]
        })
    );
    assert_eq!(
        warned_pointers(&api),
        ["#/paths/~1status/get/responses/200/content/text~1plain"]
    );
}

#[test]
fn type_arrays_with_null_are_nullable() {
    let api = fixture("type-null.yaml");
    let record = struct_model(&api, "Record");
    let facts: Vec<(&str, &TypeRef, bool, bool)> = record
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.ty, p.required, p.nullable))
        .collect();
    let int32 = TypeRef::Integer {
        format: Some("int32".to_owned()),
    };
    assert_eq!(
        facts,
        [
            ("id", &string(), true, false),
            ("note", &string(), true, true),
            ("count", &int32, false, true),
            ("parent", &named("Link"), false, true),
            ("value", &TypeRef::Any, false, false),
        ]
    );
    assert!(struct_model(&api, "Link").nullable);
    assert_eq!(
        warned_pointers(&api),
        ["#/components/schemas/Record/properties/value/type"]
    );
}

#[test]
fn const_is_a_one_value_enum() {
    let api = fixture("const.yaml");
    let ModelKind::Enum(version) = &model(&api, "Manifest_schemaVersion").kind else {
        panic!("an enum")
    };
    assert_eq!(version.base, TypeRef::Integer { format: None });
    assert_eq!(version.values[0].value, json!(2));
    assert!(!version.open);
    let ModelKind::Enum(kind) = &model(&api, "Kind").kind else {
        panic!("an enum")
    };
    assert_eq!(kind.base, string());
    let values: Vec<&Value> = kind.values.iter().map(|v| &v.value).collect();
    assert_eq!(values, [&json!("image")]);
}

#[test]
fn defs_are_reached_by_ref() {
    let api = fixture("defs.yaml");
    assert_eq!(
        model(&api, "Order").pointer,
        "#/components/schemas/OrderList/$defs/Order"
    );
    assert_eq!(
        props(&api, "Order"),
        [
            ("id".to_owned(), string(), false),
            ("status".to_owned(), named("Status"), false)
        ]
    );
    assert!(matches!(model(&api, "Status").kind, ModelKind::Enum(_)));
}

#[test]
fn examples_are_documentation_only() {
    let api = fixture("examples.yaml");
    assert!(api.warnings.is_empty(), "{:?}", warnings(&api));
    assert_eq!(
        props(&api, "Color"),
        [
            ("name".to_owned(), string(), false),
            ("rgb".to_owned(), string(), false)
        ]
    );
    assert_eq!(param(op(&api, "Colors_List"), "prefix").ty, string());
}

#[test]
fn all_of_with_sibling_properties() {
    let api = fixture("all-of-properties.yaml");
    let integer = TypeRef::Integer { format: None };
    assert_eq!(
        props(&api, "ManifestWrapper"),
        [
            ("schemaVersion".to_owned(), integer, true),
            ("mediaType".to_owned(), string(), true),
            ("config".to_owned(), string(), false),
            ("annotations".to_owned(), map_of(string()), false),
        ]
    );
    assert_eq!(struct_model(&api, "ManifestWrapper").parents, ["Manifest"]);
    // The parent keeps its own `required`.
    assert!(!struct_model(&api, "Manifest").properties[1].required);
}

#[test]
fn one_of_and_any_of_with_a_discriminator_are_unions() {
    let api = fixture("one-of-discriminator.yaml");
    let ModelKind::Union(shape) = &model(&api, "Shape").kind else {
        panic!("a union")
    };
    assert!(shape.exclusive);
    assert_eq!(shape.discriminator.as_deref(), Some("kind"));
    let variants: Vec<(&TypeRef, &[String])> = shape
        .variants
        .iter()
        .map(|v| (&v.ty, v.discriminator_values.as_slice()))
        .collect();
    assert_eq!(
        variants,
        [
            (&named("Circle"), &["circle".to_owned()][..]),
            (&named("Square"), &["square".to_owned()][..])
        ]
    );
    let ModelKind::Union(pet) = &model(&api, "Pet").kind else {
        panic!("a union")
    };
    assert!(!pet.exclusive, "anyOf");
    assert_eq!(pet.discriminator.as_deref(), Some("petType"));
    let values: Vec<&[String]> = pet
        .variants
        .iter()
        .map(|v| v.discriminator_values.as_slice())
        .collect();
    assert_eq!(values, [&["Cat".to_owned()][..], &["Dog".to_owned()][..]]);
}

#[test]
fn one_of_without_a_discriminator_tries_each_alternative() {
    let api = fixture("one-of-plain.yaml");
    let ModelKind::Union(id) = &model(&api, "Holder_id").kind else {
        panic!("a union")
    };
    assert!(id.exclusive && id.discriminator.is_none());
    let types: Vec<&TypeRef> = id.variants.iter().map(|v| &v.ty).collect();
    assert_eq!(
        types,
        [
            &string(),
            &TypeRef::Integer {
                format: Some("int64".to_owned())
            }
        ]
    );
    let ModelKind::Union(target) = &model(&api, "Holder_target").kind else {
        panic!("a union")
    };
    assert!(!target.exclusive);
    assert_eq!(target.variants[1].ty, named("Holder_target_1"));
    let maybe = &struct_model(&api, "Holder").properties[2];
    assert_eq!((&maybe.ty, maybe.nullable), (&named("Reference"), true));
}

#[test]
fn all_of_children_take_their_discriminator_values_from_the_mapping() {
    let api = fixture("all-of-discriminator.yaml");
    let event = struct_model(&api, "Event");
    assert_eq!(event.children, ["PushEvent", "DeleteEvent"]);
    let discriminator = event.discriminator.as_ref().expect("a discriminator");
    assert_eq!(discriminator.property, "type");
    let mapping: Vec<(&str, &str)> = discriminator
        .mapping
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(mapping, [("push", "PushEvent"), ("delete", "DeleteEvent")]);
    assert_eq!(
        struct_model(&api, "PushEvent")
            .discriminator_value
            .as_deref(),
        Some("push")
    );
    assert_eq!(
        struct_model(&api, "DeleteEvent")
            .discriminator_value
            .as_deref(),
        Some("delete")
    );
    let names: Vec<String> = props(&api, "DeleteEvent")
        .into_iter()
        .map(|p| p.0)
        .collect();
    assert_eq!(names, ["type", "at", "digest"]);
}

#[test]
fn additional_properties_bool_or_schema() {
    let api = fixture("additional-properties.yaml");
    let labelled = props(&api, "Labelled");
    assert_eq!(labelled[0].1, map_of(string()));
    assert_eq!(
        labelled[1].1,
        map_of(TypeRef::Integer {
            format: Some("int32".to_owned())
        })
    );
    assert_eq!(labelled[2].1, map_of(TypeRef::Any));
    assert_eq!(struct_model(&api, "Closed").additional_properties, None);
    assert_eq!(
        struct_model(&api, "Open").additional_properties,
        Some(named("Closed"))
    );
}

#[test]
fn prefix_items_fall_back_to_an_array_with_a_warning() {
    let api = fixture("prefix-items.yaml");
    let track = props(&api, "Track");
    let array = |items: TypeRef| TypeRef::Array {
        items: Box::new(items),
    };
    assert_eq!(track[0].1, array(TypeRef::Any));
    assert_eq!(track[1].1, array(TypeRef::Integer { format: None }));
    assert_eq!(
        warned_pointers(&api),
        [
            "#/components/schemas/Track/properties/point/prefixItems",
            "#/components/schemas/Track/properties/labelled/prefixItems"
        ]
    );
}

#[test]
fn content_media_type_is_binary_unless_encoded() {
    let api = fixture("binary-content.yaml");
    let put = op(&api, "Images_Put").body.as_ref().expect("a body");
    assert_eq!(
        (&put.kind, put.media_types.as_slice()),
        (&BodyKind::Binary, &["image/png".to_owned()][..])
    );
    assert_eq!(
        response_body(op(&api, "Images_Get"), 200),
        Some(&ResponseBody::Binary {
            media_types: vec!["image/png".to_owned()]
        })
    );
    let upload = op(&api, "Uploads_Create").body.as_ref().expect("a body");
    let BodyKind::Multipart { fields } = &upload.kind else {
        panic!("multipart: {:?}", upload.kind)
    };
    assert_eq!(fields[0].ty, TypeRef::Binary);
    // `contentEncoding: base64` is OpenAPI 3.1's `format: byte`.
    assert_eq!(
        props(&api, "Uploads_Create_200")[0].1,
        TypeRef::Formatted {
            format: Format::Byte
        }
    );
}

#[test]
fn nullable_in_3_0() {
    let api = fixture("nullable-openapi30.yaml");
    let user = struct_model(&api, "User");
    let nullable: Vec<(&str, bool)> = user
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.nullable))
        .collect();
    assert_eq!(
        nullable,
        [
            ("name", false),
            ("nickname", true),
            ("role", true),
            ("manager", false)
        ]
    );
    assert!(struct_model(&api, "Manager").nullable);
}

#[test]
fn security_schemes_are_mapped() {
    let api = fixture("security-schemes.yaml");
    let kinds: Vec<(&str, &SecuritySchemeKind)> = api
        .security
        .iter()
        .map(|s| (s.name.as_str(), &s.kind))
        .collect();
    assert_eq!(
        kinds,
        [
            ("basic", &SecuritySchemeKind::Basic),
            ("bearer", &SecuritySchemeKind::Bearer),
            (
                "apiKeyHeader",
                &SecuritySchemeKind::ApiKey {
                    location: "header".to_owned(),
                    parameter: "X-Api-Key".to_owned()
                }
            ),
            (
                "apiKeyQuery",
                &SecuritySchemeKind::ApiKey {
                    location: "query".to_owned(),
                    parameter: "api_key".to_owned()
                }
            ),
            (
                "oauth2",
                &SecuritySchemeKind::OAuth2 {
                    token_url: Some("https://login.example.com/token".to_owned()),
                    // What the operations' requirements ask of it.
                    scopes: vec!["read".to_owned()]
                }
            ),
        ]
    );
    assert_eq!(op(&api, "Secrets_List").security, ["bearer", "basic"]);
    assert_eq!(
        op(&api, "Keys_List").security,
        ["apiKeyHeader", "apiKeyQuery", "oauth2"]
    );
    assert!(op(&api, "Health_Get").security.is_empty());
    assert_eq!(
        warned_pointers(&api),
        ["#/components/securitySchemes/oidc/type"]
    );
}

/// Each unsupported construct of the fixture, by JSON pointer; nothing else warns (not the `x-`
/// extensions, not the cookie parameter, not the JSON `content` parameter).
#[test]
fn unsupported_constructs_warn_with_their_pointer() {
    let api = fixture("unsupported.yaml");
    let mut pointers = warned_pointers(&api);
    pointers.sort_unstable();
    let mut expected = vec![
        "#/webhooks",
        "#/paths/~1items/servers",
        "#/paths/~1items/get/servers",
        "#/paths/~1items/get/parameters/0",
        "#/paths/~1items/get/parameters/1",
        "#/paths/~1items/get/parameters/2/style",
        "#/paths/~1items/get/responses/200/headers/Content-Type",
        "#/paths/~1items/get/responses/200/links",
        "#/paths/~1items/post/callbacks",
        "#/paths/~1items/post/requestBody/content/multipart~1form-data/encoding",
        "#/paths/~1items/post/retries",
        "#/components/schemas/Item/properties/name/not",
        "#/components/schemas/Item/properties/labels/patternProperties",
        "#/components/schemas/Item/properties/kind/if",
        "#/components/schemas/Item/properties/kind/then",
    ];
    expected.sort_unstable();
    assert_eq!(pointers, expected);
    for warning in &api.warnings {
        assert_eq!(warning.file, "tests/fixtures/openapi3/unsupported.yaml");
    }
    let list = op(&api, "Items_List");
    assert_eq!(
        wire(list),
        [
            ("filter", Location::Query, false),
            ("session", Location::Cookie, false),
            ("where", Location::Query, false)
        ]
    );
    let has = |pointer: &str, fragment: &str| {
        api.warnings
            .iter()
            .any(|w| w.pointer == pointer && w.message.contains(fragment))
    };
    assert!(has("#/webhooks", "`webhooks` are not supported"));
    assert!(has("#/paths/~1items/get/parameters/1", "`Authorization`"));
    assert!(has("#/paths/~1items/post/retries", "`retries`"));
}
