//! One test per fixture of `tests/fixtures/swagger2/`, each checking the feature it is named after.

use codegen::ir::{BodyKind, CollectionFormat, Format, Location, ModelKind, ResponseBody, TypeRef};
use serde_json::json;
use tests::{api, fixture, model, op, param, param_names, struct_model};

use super::{constants, form_fields, headers, integer, named, statuses, string};

#[test]
fn x_ms_paths_follow_paths_and_split_off_their_query() {
    let api = api(&fixture("x-ms-paths.json"));
    let routes: Vec<(&str, &str, &str)> = api
        .operations
        .iter()
        .map(|o| (o.operation_id.as_str(), o.method.as_str(), o.path.as_str()))
        .collect();
    assert_eq!(
        routes,
        [
            ("Items_Get", "GET", "/items/{id}"),
            ("Items_GetModeX", "GET", "/items/{id}"),
            ("Items_Delete", "DELETE", "/items/{id}"),
            ("Items_PeekMessages", "GET", "/items/{id}/messages")
        ]
    );
    assert!(op(&api, "Items_Get").query_constants.is_empty());
    assert_eq!(constants(op(&api, "Items_GetModeX")), [("mode", "x")]);
    assert!(op(&api, "Items_Delete").query_constants.is_empty());
    // A templated query value is not a constant: its parameter sends it (or nothing, when unset).
    assert_eq!(
        constants(op(&api, "Items_PeekMessages")),
        [("peekonly", "true")]
    );
    assert!(
        api.warnings
            .iter()
            .any(|w| w.message.contains("`missing`") && w.pointer.contains("messages")),
        "{:#?}",
        api.warnings
    );
}

#[test]
fn parameterized_host_with_scheme_prefix() {
    let api = api(&fixture("parameterized-host.json"));
    assert_eq!(api.host.template, "{accountName}.{dnsSuffix}");
    assert!(api.host.use_scheme_prefix);
    let names: Vec<(&str, bool)> = api
        .host
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.client_level))
        .collect();
    assert_eq!(names, [("accountName", true), ("dnsSuffix", true)]);
    assert_eq!(
        api.host.parameters[1].default,
        Some(json!("blob.example.net"))
    );
    assert_eq!(param_names(op(&api, "Containers_Get")), ["container"]);
}

#[test]
fn parameterized_host_method_parameter_goes_last() {
    let api = api(&fixture("parameterized-host-no-scheme-prefix.json"));
    assert_eq!(api.host.template, "{endpoint}/{region}");
    assert!(!api.host.use_scheme_prefix);
    assert_eq!(api.host.position_in_operation, "last");
    let get = op(&api, "Jobs_Get");
    assert_eq!(param_names(get), ["jobId", "verbose", "region"]);
    let region = param(get, "region");
    assert_eq!(region.location, Location::Host);
    assert!(!region.client_level && region.required);
    assert!(
        get.parameters.iter().all(|p| p.name != "endpoint"),
        "the client-level host parameter is not per call"
    );
}

#[test]
fn skip_url_encoding_on_path_and_query() {
    let api = api(&fixture("skip-url-encoding.json"));
    let next = op(&api, "Pages_Next");
    let flags: Vec<(&str, Location, bool)> = next
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.location, p.skip_url_encoding))
        .collect();
    assert_eq!(
        flags,
        [
            ("nextLink", Location::Path, true),
            ("$skipToken", Location::Query, true),
            ("filter", Location::Query, false)
        ]
    );
    assert!(!param(op(&api, "Folders_Get"), "folder").skip_url_encoding);
}

/// A client name changes the Rust name, never the wire name.
#[test]
fn client_names_rename_without_changing_the_wire() {
    let api = api(&fixture("client-names.json"));
    let list = op(&api, "Widgets_List");
    let page_size = param(list, "$maxpagesize");
    assert_eq!(
        (page_size.client_name.as_str(), page_size.rust_name.as_str()),
        ("pageSize", "page_size")
    );
    let request_id = param(list, "x-ms-request-id");
    assert_eq!(
        (
            request_id.client_name.as_str(),
            request_id.rust_name.as_str()
        ),
        ("requestId", "request_id")
    );
    assert_eq!(request_id.location, Location::Header);

    let widget = model(&api, "widget_v2");
    assert_eq!(widget.rust_name, "Gadget");
    let ModelKind::Struct(s) = &widget.kind else {
        panic!("widget_v2 is a struct")
    };
    let display = &s.properties[0];
    assert_eq!(
        (
            display.name.as_str(),
            display.client_name.as_str(),
            display.rust_name.as_str()
        ),
        ("display_name", "title", "title")
    );
    let ok = &list.responses[0];
    assert!(
        matches!(&ok.body, Some(ResponseBody::Json { ty, .. }) if *ty == named("widget_v2")),
        "{:?}",
        ok.body
    );
}

#[test]
fn form_data_is_an_urlencoded_body() {
    let api = api(&fixture("form-data.json"));
    let get = op(&api, "Tokens_Get");
    assert!(get.parameters.is_empty());
    let body = get.body.as_ref().expect("a body");
    assert!(matches!(body.kind, BodyKind::Form { .. }));
    assert!(body.required);
    assert_eq!(body.media_types, ["application/x-www-form-urlencoded"]);
    let fields: Vec<(&str, bool)> = form_fields(get)
        .iter()
        .map(|f| (f.name.as_str(), f.required))
        .collect();
    assert_eq!(
        fields,
        [("grant_type", true), ("scope", true), ("expires_in", false)]
    );
    assert_eq!(form_fields(get)[2].ty, integer("int32"));
}

#[test]
fn multipart_has_a_file_field() {
    let api = api(&fixture("multipart.json"));
    let create = op(&api, "Uploads_Create");
    let body = create.body.as_ref().expect("a body");
    assert!(
        matches!(body.kind, BodyKind::Multipart { .. }),
        "{:?}",
        body.kind
    );
    assert_eq!(body.media_types, ["multipart/form-data"]);
    let fields: Vec<(&str, &TypeRef)> = form_fields(create)
        .iter()
        .map(|f| (f.name.as_str(), &f.ty))
        .collect();
    assert_eq!(fields, [("file", &TypeRef::Binary), ("comment", &string())]);
}

#[test]
fn binary_bodies_in_both_directions() {
    let api = api(&fixture("binary-bodies.json"));
    let upload = op(&api, "Blobs_Upload");
    let body = upload.body.as_ref().expect("a body");
    assert_eq!(
        (body.kind.clone(), body.media_types.clone()),
        (
            BodyKind::Binary,
            vec!["application/octet-stream".to_owned()]
        )
    );
    for (id, media_type) in [
        ("Blobs_Download", "application/octet-stream"),
        ("Archives_Download", "application/zip"),
    ] {
        let ok = &op(&api, id).responses[0];
        assert_eq!(
            ok.body,
            Some(ResponseBody::Binary {
                media_types: vec![media_type.to_owned()]
            }),
            "{id}"
        );
    }
}

#[test]
fn response_headers_per_status() {
    let api = api(&fixture("response-headers.json"));
    let get = op(&api, "Reports_Get");
    assert_eq!(statuses(get), [Some(200), Some(202), Some(307)]);
    let h = |name: &str, ty: TypeRef| (name.to_owned(), ty);
    assert_eq!(
        headers(get, 200),
        [
            h("ETag", string()),
            h("Content-Length", integer("int64")),
            h("X-Page-Count", integer("int32"))
        ]
    );
    assert_eq!(
        headers(get, 202),
        [
            h("Retry-After", integer("int32")),
            h("Operation-Location", string())
        ]
    );
    assert_eq!(headers(get, 307), [h("Location", string())]);
}

#[test]
fn all_of_hierarchy_with_discriminator() {
    let api = api(&fixture("all-of-discriminator.json"));
    let pet = struct_model(&api, "Pet");
    let discriminator = pet.discriminator.as_ref().expect("Pet has a discriminator");
    assert_eq!(discriminator.property, "petType");
    // Dog has no x-ms-discriminator-value: Swagger 2.0 uses the definition's name.
    let mapping: Vec<(&str, &str)> = discriminator
        .mapping
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        mapping,
        [("cat", "Cat"), ("Dog", "Dog"), ("kitten", "Kitten")]
    );
    assert_eq!(pet.children, ["Cat", "Dog"]);

    let cat = struct_model(&api, "Cat");
    assert_eq!(
        (cat.parents.clone(), cat.children.clone()),
        (vec!["Pet".to_owned()], vec!["Kitten".to_owned()])
    );
    assert_eq!(cat.discriminator_value.as_deref(), Some("cat"));
    assert_eq!(struct_model(&api, "Dog").discriminator_value, None);

    let kitten = struct_model(&api, "Kitten");
    assert_eq!(kitten.parents, ["Cat"]);
    assert_eq!(kitten.discriminator_value.as_deref(), Some("kitten"));
    let props: Vec<(&str, bool)> = kitten
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.required))
        .collect();
    assert_eq!(
        props,
        [
            ("petType", true),
            ("name", true),
            ("lives", false),
            ("ageWeeks", true)
        ]
    );
}

#[test]
fn additional_properties_as_bool_schema_and_beside_properties() {
    let api = api(&fixture("additional-properties.json"));
    let alias = |name: &str| match &model(&api, name).kind {
        ModelKind::Alias { ty } => ty.clone(),
        other => panic!("{name} is not an alias: {other:?}"),
    };
    assert_eq!(
        alias("Labels"),
        TypeRef::Map {
            values: Box::new(string())
        }
    );
    assert_eq!(
        alias("AnyBag"),
        TypeRef::Map {
            values: Box::new(TypeRef::Any)
        }
    );
    let counted = struct_model(&api, "Counted");
    assert_eq!(
        counted
            .properties
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["id"]
    );
    assert_eq!(counted.additional_properties, Some(integer("int32")));
    assert_eq!(struct_model(&api, "Thing").additional_properties, None);
}

/// Only fields that hold their own model by value (directly or through another model) are
/// recursive: an array already puts its items on the heap.
#[test]
fn recursion_marks_by_value_cycles_only() {
    let api = api(&fixture("recursion.json"));
    let recursive = |model_name: &str| -> Vec<(String, bool)> {
        struct_model(&api, model_name)
            .properties
            .iter()
            .map(|p| (p.name.clone(), p.recursive))
            .collect()
    };
    let pairs = |items: &[(&str, bool)]| {
        items
            .iter()
            .map(|(n, r)| (n.to_string(), *r))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        recursive("TreeNode"),
        pairs(&[("value", false), ("parent", true), ("children", false)])
    );
    assert_eq!(
        recursive("Employee"),
        pairs(&[("name", false), ("employer", true)])
    );
    assert_eq!(
        recursive("Company"),
        pairs(&[("name", false), ("ceo", true)])
    );
}

#[test]
fn operations_without_ids_are_named_from_method_and_path() {
    let api = api(&fixture("no-operation-id.yaml"));
    let ops: Vec<(&str, &str, Vec<Option<u16>>)> = api
        .operations
        .iter()
        .map(|o| (o.method.as_str(), o.path.as_str(), statuses(o)))
        .collect();
    assert_eq!(
        ops,
        [
            ("GET", "/pets", vec![Some(200)]),
            ("POST", "/pets", vec![Some(201), Some(409)]),
            ("GET", "/pets/{petId}", vec![Some(200), Some(404)]),
            ("GET", "/health", vec![Some(204)]),
        ]
    );
    assert!(api.operations.iter().all(|o| o.synthesized_id));
    let mut ids: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 4);
    // Grouped by first tag; the untagged operation still lands in a group.
    let groups: Vec<&str> = api.operations.iter().map(|o| o.group.as_str()).collect();
    assert_eq!(groups[..3], ["Pets", "Pets", "Pets"]);
    assert!(api.groups.iter().any(|g| g.name == groups[3]) && groups[3] != "Pets");
    // Each synthesized id is reported.
    assert_eq!(api.warnings.len(), 4);
}

#[test]
fn enums_open_closed_inline_and_integer() {
    let api = api(&fixture("enums.json"));
    let enum_of = |name: &str| match &model(&api, name).kind {
        ModelKind::Enum(e) => e.clone(),
        other => panic!("{name} is not an enum: {other:?}"),
    };
    let color = enum_of("Color");
    assert!(color.open, "modelAsString: true");
    assert_eq!(
        color
            .values
            .iter()
            .map(|v| v.value.clone())
            .collect::<Vec<_>>(),
        [json!("red"), json!("green"), json!("dark-blue")]
    );
    let finish = enum_of("Finish");
    assert!(!finish.open, "modelAsString: false");
    assert_eq!(
        finish.values[0].rust_name, "Flat",
        "x-ms-enum.values[].name names the variant"
    );
    assert_eq!(finish.values[0].value, json!("matte"));
    assert_eq!(finish.values[1].description.as_deref(), Some("Shiny."));
    let coats = enum_of("Coats");
    assert_eq!(coats.base, integer("int32"));
    assert_eq!(
        coats
            .values
            .iter()
            .map(|v| v.value.clone())
            .collect::<Vec<_>>(),
        [json!(1), json!(2), json!(3)]
    );

    let list = op(&api, "Paints_List");
    for name in ["order", "priority"] {
        let TypeRef::Model { name: model_name } = &param(list, name).ty else {
            panic!("inline enum `{name}` is not a model")
        };
        let e = enum_of(model_name);
        assert!(!e.open, "{name}");
    }
    let TypeRef::Model { name: priority } = &param(list, "priority").ty else {
        unreachable!()
    };
    assert_eq!(enum_of(priority).base, integer("int32"));
}

#[test]
fn collection_formats_of_array_parameters() {
    let api = api(&fixture("collection-format.json"));
    let formats: Vec<(&str, Option<CollectionFormat>)> = op(&api, "Search_Find")
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.collection_format))
        .collect();
    use CollectionFormat::*;
    assert_eq!(
        formats,
        [
            ("csv", Some(Csv)),
            ("ssv", Some(Ssv)),
            ("pipes", Some(Pipes)),
            ("multi", Some(Multi)),
            ("unspecified", Some(Csv)),
            ("X-Tags", Some(Csv))
        ]
    );
}

#[test]
fn nullable_and_read_only() {
    let api = api(&fixture("nullable-readonly.json"));
    let account = struct_model(&api, "Account");
    let flags: Vec<(&str, bool, bool)> = account
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.nullable, p.read_only))
        .collect();
    // `owner` is nullable because its model is `x-nullable`.
    assert_eq!(
        flags,
        [
            ("id", false, true),
            ("createdAt", false, true),
            ("nickname", true, false),
            ("owner", true, false),
            ("aliases", false, false),
            ("tags", false, false),
            ("limits", false, false),
            ("owners", false, false)
        ]
    );
    assert!(!account.nullable);
    assert!(struct_model(&api, "Owner").nullable);
    // Items and values declared nullable (on them, or on their `$ref` target) are `Nullable`;
    // the others stay plain.
    let ty = |name: &str| {
        let p = account.properties.iter().find(|p| p.name == name).unwrap();
        p.ty.clone()
    };
    let nullable = |inner: TypeRef| TypeRef::Nullable {
        inner: Box::new(inner),
    };
    assert_eq!(
        ty("aliases"),
        TypeRef::Array {
            items: Box::new(nullable(string()))
        }
    );
    assert_eq!(
        ty("tags"),
        TypeRef::Array {
            items: Box::new(string())
        }
    );
    assert_eq!(
        ty("limits"),
        TypeRef::Map {
            values: Box::new(nullable(TypeRef::Integer { format: None }))
        }
    );
    assert_eq!(
        ty("owners"),
        TypeRef::Array {
            items: Box::new(nullable(named("Owner")))
        }
    );
}

#[test]
fn documented_4xx_are_answers_when_errors_are_default() {
    let api = api(&fixture("nullable-readonly.json"));
    let answers: Vec<(Option<u16>, bool)> = op(&api, "Accounts_Get")
        .responses
        .iter()
        .map(|r| (r.status, r.answer))
        .collect();
    // `409` is `x-ms-error-response`: an error; `404` is an answer.
    assert_eq!(
        answers,
        [(Some(200), false), (Some(404), true), (Some(409), false)]
    );
}

#[test]
fn operation_parameters_override_path_level_ones_in_place() {
    let api = api(&fixture("path-level-params.json"));
    let get = op(&api, "Things_Get");
    assert_eq!(param_names(get), ["thingId", "api-version", "expand"]);
    let version = param(get, "api-version");
    assert!(version.required);
    assert_eq!(version.description.as_deref(), Some("From the operation."));
    let delete = op(&api, "Things_Delete");
    assert_eq!(param_names(delete), ["thingId", "api-version"]);
    let version = param(delete, "api-version");
    assert!(!version.required);
    assert_eq!(version.description.as_deref(), Some("From the path item."));
}

#[test]
fn consumes_and_produces_inherit_or_override() {
    let api = api(&fixture("consumes-produces.json"));
    let media = |id: &str| {
        let o = op(&api, id);
        (o.consumes.clone(), o.produces.clone())
    };
    let v = |s: &str| vec![s.to_owned()];
    assert_eq!(
        media("Notes_Create"),
        (v("application/json"), v("application/json"))
    );
    assert_eq!(
        media("Notes_Update"),
        (v("application/merge-patch+json"), v("application/json"))
    );
    assert_eq!(
        op(&api, "Notes_Update")
            .body
            .as_ref()
            .expect("a body")
            .media_types,
        v("application/merge-patch+json")
    );
    assert_eq!(
        media("Notes_GetText"),
        (v("application/json"), v("text/plain"))
    );
    assert_eq!(
        op(&api, "Notes_GetText").responses[0].body,
        Some(ResponseBody::Text {
            media_types: v("text/plain")
        })
    );
}

#[test]
fn refs_into_another_file_and_escaped_pointers() {
    let api = api(&fixture("refs.json"));
    let get = op(&api, "Points_Get");
    let version = param(get, "api-version");
    assert_eq!(
        (version.location, version.required),
        (Location::Query, true)
    );
    assert_eq!(version.description.as_deref(), Some("The API version."));
    // `#/definitions/geo~1Point` is the definition `geo/Point`.
    assert!(
        matches!(&get.responses[0].body, Some(ResponseBody::Json { ty, .. }) if *ty == named("geo/Point"))
    );
    assert_eq!(model(&api, "geo/Point").rust_name, "GeoPoint");
    // The other file's `#/definitions/ErrorDetail` is resolved in that file.
    let error = get.default_response.as_ref().and_then(|r| r.body.as_ref());
    assert!(
        matches!(error, Some(ResponseBody::Json { ty, .. }) if *ty == named("ErrorResponse")),
        "{error:?}"
    );
    assert_eq!(
        struct_model(&api, "ErrorResponse").properties[0].ty,
        named("ErrorDetail")
    );
    let detail: Vec<&str> = struct_model(&api, "ErrorDetail")
        .properties
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(detail, ["code", "message"]);
}

#[test]
fn keywords_and_collisions_get_distinct_identifiers() {
    let api = api(&fixture("keywords-and-collisions.json"));
    let thing = struct_model(&api, "Thing");
    let names: Vec<(&str, &str)> = thing
        .properties
        .iter()
        .map(|p| (p.name.as_str(), p.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("type", "r#type"),
            ("self", "self_"),
            ("2fa", "_2fa"),
            ("foo-bar", "foo_bar"),
            ("foo_bar", "foo_bar_2")
        ]
    );

    let methods: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.rust_name.as_str())
        .collect();
    assert_eq!(methods.len(), 3);
    let mut unique = methods.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(
        unique.len(),
        3,
        "`GetItem`, `Get_Item` and `getItem` must not share a method: {methods:?}"
    );
    assert_eq!(methods[0], "get_item");
    let types: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.type_name.as_str())
        .collect();
    assert!(
        types[0] != types[1] && types[1] != types[2] && types[0] != types[2],
        "{types:?}"
    );

    let (upper, lower) = (model(&api, "Thing"), model(&api, "thing"));
    assert_ne!(upper.rust_name, lower.rust_name);
    assert_eq!(param(&api.operations[0], "type").rust_name, "r#type");
}

/// Parameters that end up side by side in one Rust scope get distinct names: a per-call host
/// parameter next to an operation's own parameter of the same name, and a client-level query
/// parameter next to a host parameter of the same name.
#[test]
fn host_and_client_parameters_do_not_collide_with_others() {
    let spec = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "x-ms-parameterized-host": {
            "hostTemplate": "{endpoint}/{region}",
            "useSchemePrefix": false,
            "parameters": [
                {"name": "endpoint", "in": "path", "required": true, "type": "string"},
                {"name": "region", "in": "path", "required": true, "type": "string",
                 "x-ms-parameter-location": "method"}
            ]
        },
        "paths": {"/a": {"get": {
            "operationId": "A_Get",
            "parameters": [
                {"name": "region", "in": "query", "type": "string"},
                {"name": "endpoint", "in": "query", "type": "string", "x-ms-parameter-location": "client"}
            ],
            "responses": {"200": {"description": "ok"}}
        }}}
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("collide.json");
    std::fs::write(&path, spec.to_string()).unwrap();
    let api = codegen::load_api(&path).unwrap();
    let op = &api.operations[0];
    let names: Vec<(&str, &str)> = op
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), p.rust_name.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("region", "region_2"),
            ("region", "region"),
            ("endpoint", "endpoint_2")
        ]
    );
    assert_eq!(api.client_parameters.len(), 1);
    assert_eq!(api.client_parameters[0].rust_name, "endpoint_2");
    assert_eq!(api.host.parameters[0].rust_name, "endpoint");
    // and the crate builds its names without a collision error
    codegen::generate(&api, &tests::crate_options("collide", "0.1.0", &path)).unwrap();
}

/// Two kinds with one discriminator value cannot be told apart: the second is left out of the
/// mapping, and a warning says so rather than dropping it silently.
#[test]
fn a_repeated_discriminator_value_is_a_warning() {
    let spec = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "definitions": {
            "Pet": {"type": "object", "discriminator": "kind", "required": ["kind"],
                    "properties": {"kind": {"type": "string"}}},
            "Cat": {"allOf": [{"$ref": "#/definitions/Pet"}], "x-ms-discriminator-value": "feline"},
            "Lion": {"allOf": [{"$ref": "#/definitions/Pet"}], "x-ms-discriminator-value": "feline"}
        }
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("repeat.json");
    std::fs::write(&path, spec.to_string()).unwrap();
    let api = codegen::load_api(&path).unwrap();
    let Some(codegen::ir::Model {
        kind: codegen::ir::ModelKind::Struct(pet),
        ..
    }) = api.models.iter().find(|m| m.name == "Pet")
    else {
        panic!("Pet is a struct");
    };
    let mapping = &pet.discriminator.as_ref().unwrap().mapping;
    assert_eq!(mapping.get("feline").map(String::as_str), Some("Cat"));
    assert_eq!(mapping.len(), 1);
    let warning = api
        .warnings
        .iter()
        .find(|w| w.message.contains("Lion"))
        .expect("a warning about Lion");
    assert_eq!(warning.pointer, "#/definitions/Pet");
    assert!(warning.message.contains("feline"), "{}", warning.message);
}

/// Operation fields and Azure extensions the client does not act on are reported with their
/// pointer, never dropped silently; `x-ms-long-running-operation: false` asks for nothing.
#[test]
fn unsupported_operation_fields_are_warnings() {
    let spec = serde_json::json!({
        "swagger": "2.0",
        "info": {"title": "t", "version": "1"},
        "paths": {"/items": {"get": {
            "operationId": "Items_List",
            "x-ms-pageable": {"nextLinkName": "nextLink"},
            "x-ms-long-running-operation": false,
            "callbacks": {},
            "responses": {"200": {"description": "ok"}}
        }}}
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("extensions.json");
    std::fs::write(&path, spec.to_string()).unwrap();
    let api = codegen::load_api(&path).unwrap();
    let pointers: Vec<&str> = api.warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(
        pointers,
        [
            "#/paths/~1items/get/callbacks",
            "#/paths/~1items/get/x-ms-pageable"
        ]
    );
}

#[test]
fn typed_formats_and_the_enum_on_a_date() {
    let api = api(&fixture("formats.json"));
    let f = |format: Format| TypeRef::Formatted { format };
    let put = op(&api, "Events_Put");
    let types: Vec<(&str, &TypeRef)> = put
        .parameters
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    assert_eq!(
        types,
        [
            ("day", &f(Format::Date)),
            ("since", &f(Format::DateTimeRfc1123)),
            (
                "ids",
                &TypeRef::Array {
                    items: Box::new(f(Format::Uuid))
                }
            ),
            ("x-ms-at", &f(Format::UnixTime)),
        ]
    );
    let h = |name: &str, ty: TypeRef| (name.to_owned(), ty);
    assert_eq!(
        headers(put, 200),
        [
            h("Last-Modified", f(Format::DateTimeRfc1123)),
            h("X-Token", f(Format::Base64Url))
        ]
    );
    match &put.body.as_ref().expect("a body").kind {
        BodyKind::Json { ty } => assert_eq!(ty, &f(Format::DateTime)),
        other => panic!("{other:?}"),
    }
    let ModelKind::Struct(event) = &model(&api, "Event").kind else {
        panic!("Event is a struct");
    };
    let props: Vec<(&str, &TypeRef)> = event
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    assert_eq!(
        props[..4],
        [
            ("when", &f(Format::DateTime)),
            ("every", &f(Format::Duration)),
            ("payload", &f(Format::Byte)),
            (
                "days",
                &TypeRef::Array {
                    items: Box::new(f(Format::Date))
                }
            ),
        ]
    );
    // Other formats stay text; an enum on a uuid stays an enum.
    assert_eq!(
        props[4],
        (
            "email",
            &TypeRef::String {
                format: Some("email".into())
            }
        )
    );
    assert!(
        matches!(props[5].1, TypeRef::Model { .. }),
        "{:?}",
        props[5]
    );
    assert_eq!(event.additional_properties, Some(f(Format::DateTime)));
    // The `enum` on a date is ignored, with a warning at it.
    let min = op(&api, "Events_GetMin");
    let body = min.responses[0].body.as_ref().expect("a body");
    assert!(
        matches!(body, ResponseBody::Json { ty, .. } if *ty == f(Format::Date)),
        "{body:?}"
    );
    let warned: Vec<&str> = api
        .warnings
        .iter()
        .filter(|w| {
            w.message
                .contains("`enum` on a `format: date` value is ignored")
        })
        .map(|w| w.pointer.as_str())
        .collect();
    assert_eq!(
        warned,
        ["#/paths/~1events~1min/get/responses/200/schema/enum"]
    );
}
