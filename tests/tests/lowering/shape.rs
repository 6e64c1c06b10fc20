//! The part of the IR's JSON that tools read, documented in `ARCHITECTURE.md` and kept stable.

use serde_json::{Value, json};

use super::acr;

#[test]
fn ir_json_has_the_documented_stable_shape() {
    let json = serde_json::to_value(acr()).expect("the IR serializes");
    assert_eq!(json["host"]["template"], "{url}");
    let host_params = json["host"]["parameters"]
        .as_array()
        .expect("host.parameters is an array");
    assert_eq!(host_params.len(), 1);
    assert_eq!(host_params[0]["name"], "url");
    assert_eq!(host_params[0]["client_name"], "loginUri");
    assert_eq!(host_params[0]["location"], "host");

    let operations = json["operations"]
        .as_array()
        .expect("operations is an array");
    assert_eq!(operations.len(), 29);
    let locations = ["path", "query", "header", "body", "form", "host", "cookie"];
    for o in operations {
        let id = o["operation_id"]
            .as_str()
            .expect("operation_id is a string");
        let method = o["method"].as_str().expect("method is a string");
        assert!(
            ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH"].contains(&method),
            "{id}: {method}"
        );
        assert!(
            o["path"].as_str().is_some_and(|p| p.starts_with('/')),
            "{id}: path"
        );
        assert!(o["query_constants"].is_object(), "{id}: query_constants");
        for p in o["parameters"].as_array().expect("parameters is an array") {
            assert!(
                p["name"].is_string() && p["client_name"].is_string(),
                "{id}: {p}"
            );
            assert!(
                p["location"]
                    .as_str()
                    .is_some_and(|l| locations.contains(&l)),
                "{id}: {p}"
            );
            assert!(
                p["required"].is_boolean() && p["skip_url_encoding"].is_boolean(),
                "{id}: {p}"
            );
        }
    }

    let find = |id: &str| {
        operations
            .iter()
            .find(|o| o["operation_id"] == id)
            .unwrap_or_else(|| panic!("no {id}"))
    };
    assert_eq!(
        find("Blob_StartUpload")["query_constants"],
        json!({ "mode": "resumable" })
    );
    assert_eq!(
        find("Blob_GetChunk")["query_constants"],
        json!({ "mode": "chunk" })
    );
    assert_eq!(find("Blob_Get")["query_constants"], json!({}));
    let link = find("Blob_Upload")["parameters"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "nextBlobUuidLink"))
        .cloned();
    let link: Value = link.expect("Blob_Upload has nextBlobUuidLink");
    let subset = |keys: &[&str]| {
        keys.iter()
            .map(|k| (k.to_string(), link[*k].clone()))
            .collect::<serde_json::Map<_, _>>()
    };
    assert_eq!(
        Value::Object(subset(&[
            "name",
            "client_name",
            "location",
            "required",
            "skip_url_encoding"
        ])),
        json!({ "name": "nextBlobUuidLink", "client_name": "location", "location": "path", "required": true, "skip_url_encoding": true })
    );
}
