//! The docker-registry spec, `specs/docker-registry/v2.yaml`: no `operationId`s, integer status
//! keys, documented error bodies.

use codegen::ir::{ResponseBody, TypeRef};
use tests::struct_model;

use super::{docker, named, statuses};

#[test]
fn docker_registry_operations_get_synthesized_unique_ids() {
    let api = docker();
    // 12 method keys under its 6 paths.
    assert_eq!(api.operations.len(), 12);
    let mut ids: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.operation_id.as_str())
        .collect();
    assert!(api.operations.iter().all(|o| o.synthesized_id));
    assert!(ids.iter().all(|id| !id.is_empty()));
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), 12, "duplicate synthesized ids");
    let mut types: Vec<&str> = api
        .operations
        .iter()
        .map(|o| o.type_name.as_str())
        .collect();
    types.sort_unstable();
    types.dedup();
    assert_eq!(types.len(), 12, "duplicate operation type names");
}

/// The YAML writes response codes as integer keys (`200:`).
#[test]
fn docker_registry_integer_status_keys_are_statuses() {
    let api = docker();
    let by_route = |method: &str, path: &str| {
        api.operations
            .iter()
            .find(|o| o.method == method && o.path == path)
            .unwrap_or_else(|| panic!("no {method} {path}"))
    };
    assert_eq!(
        statuses(by_route("GET", "/v2")),
        [Some(200), Some(401), Some(404)]
    );
    let blob = by_route("GET", "/v2/{name}/blobs/{digest}");
    assert_eq!(
        statuses(blob),
        [200, 206, 307, 400, 401, 404, 416].map(Some)
    );
    assert!(matches!(
        blob.responses[0].body,
        Some(ResponseBody::Binary { .. })
    ));
    for o in &api.operations {
        assert!(
            o.responses.iter().all(|r| r.status.is_some()),
            "{}",
            o.operation_id
        );
        assert!(o.default_response.is_none(), "{}", o.operation_id);
    }
}

/// Its 400/401/404 responses all document the body `{ data: Error }`: one error model.
#[test]
fn docker_registry_documented_error_bodies_are_error_models() {
    let api = docker();
    assert_eq!(api.error_models.len(), 1, "{:?}", api.error_models);
    let TypeRef::Model { name } = &api.error_models[0] else {
        panic!("{:?}", api.error_models)
    };
    let body = struct_model(&api, name);
    let props: Vec<(&str, &TypeRef)> = body
        .properties
        .iter()
        .map(|p| (p.name.as_str(), &p.ty))
        .collect();
    assert_eq!(props, [("data", &named("Error"))]);
}
