//! How generated structs read JSON objects: their map-only `Deserialize` (`emit/de_map.rs`, the
//! runtime's `de` module) against serde's derive with the attributes the generator emitted
//! before (written out here, reviewed against the old `models.rs`: renames, `default`,
//! `with = "::serde_with::As::<..>"` adapters), on the same inputs: the same value or the same
//! error message (with its line and column) for every object, and the one intended difference,
//! a JSON array, refused. Then one response through a client and an in-process server.

use std::fmt::Debug;

use azure_storage_blob::models::BlobPropertiesInternal;
use azure_storage_queue::models::{AccessPolicy, GeoReplication, GeoReplicationStatusType};
use containerregistry_2019_08_15_preview as acr2019;
use containerregistry_2023_07_01::models::{RepositoryAttributes, RepositoryChangeableAttributes};
use serde::Deserialize;
use time::OffsetDateTime;
use widgets_lro::models::{Widget, WidgetProperties};

/// `Ok` with the value as `show` prints it, or `Err` with serde_json's message.
fn outcome<T>(result: Result<T, serde_json::Error>, show: impl Fn(&T) -> String) -> String {
    match result {
        Ok(value) => format!("ok {}", show(&value)),
        Err(e) => format!("err {e}"),
    }
}

/// Reads every input as the generated `G` and as the derived `M`, and asserts the same outcome
/// (values compared through `show`, which both types implement into one form).
fn assert_same<G, M>(inputs: &[&str], show_g: impl Fn(&G) -> String, show_m: impl Fn(&M) -> String)
where
    G: for<'de> Deserialize<'de>,
    M: for<'de> Deserialize<'de>,
{
    for input in inputs {
        let generated = outcome(serde_json::from_str::<G>(input), &show_g);
        let derived = outcome(serde_json::from_str::<M>(input), &show_m);
        assert_eq!(generated, derived, "input: {input}");
    }
}

/// The derive, with the attributes the generator emitted before, under the generated structs'
/// names (serde's `expected struct X` names the Rust type).
mod derived {
    use super::*;

    /// Required fields: an enum and an RFC 1123 date through its adapter.
    #[derive(Deserialize)]
    pub struct GeoReplication {
        #[serde(rename = "Status")]
        pub status: GeoReplicationStatusType,
        #[serde(
            rename = "LastSyncTime",
            with = "::serde_with::As::<azure_storage_queue::runtime::formats::Rfc1123>"
        )]
        pub last_sync_time: OffsetDateTime,
    }

    /// Optional fields: `#[serde(default)]`, optional date adapters.
    #[derive(Deserialize)]
    pub struct AccessPolicy {
        #[serde(
            rename = "Start",
            default,
            with = "::serde_with::As::<::std::option::Option<azure_storage_queue::runtime::formats::Rfc3339>>"
        )]
        pub start: Option<OffsetDateTime>,
        #[serde(
            rename = "Expiry",
            default,
            with = "::serde_with::As::<::std::option::Option<azure_storage_queue::runtime::formats::Rfc3339>>"
        )]
        pub expiry: Option<OffsetDateTime>,
        #[serde(rename = "Permission", default)]
        pub permission: Option<String>,
    }

    /// A nested struct (the generated one on both sides) and renamed optional fields.
    #[derive(Deserialize)]
    pub struct RepositoryAttributes {
        #[serde(default)]
        pub registry: Option<String>,
        #[serde(rename = "imageName", default)]
        pub image_name: Option<String>,
        #[serde(
            rename = "createdTime",
            default,
            with = "::serde_with::As::<::std::option::Option<containerregistry_2023_07_01::runtime::formats::Rfc3339>>"
        )]
        pub created_time: Option<OffsetDateTime>,
        #[serde(rename = "tagCount", default)]
        pub tag_count: Option<i64>,
        #[serde(rename = "changeableAttributes", default)]
        pub changeable_attributes: Option<RepositoryChangeableAttributes>,
    }
}

fn debug<T: Debug>(value: &T) -> String {
    format!("{value:?}")
}

#[test]
fn required_fields_and_a_date_adapter_read_as_the_derive_read_them() {
    let date = r#""Mon, 07 Dec 2026 10:00:00 GMT""#;
    let inputs = [
        format!(r#"{{"Status":"live","LastSyncTime":{date}}}"#),
        // Keys in another order, unknown keys of every JSON kind around them.
        format!(
            r#"{{"x":[1,{{"a":null}}],"LastSyncTime":{date},"y":{{"z":[]}},"Status":"other","w":1.5}}"#
        ),
        // Escaped keys and values (the key is owned, not borrowed).
        format!(r#"{{"St\u0061tus":"l\u0069ve","Last\u0053yncTime":{date}}}"#),
        // Missing required fields, one and both.
        r#"{"Status":"live"}"#.to_owned(),
        format!(r#"{{"LastSyncTime":{date}}}"#),
        "{}".to_owned(),
        // A duplicate key: refused before its value is read, even when the value is bad.
        format!(r#"{{"Status":"live","Status":"live","LastSyncTime":{date}}}"#),
        format!(r#"{{"LastSyncTime":{date},"Status":"live","LastSyncTime":5}}"#),
        // `null` and wrong types for required fields; a date the adapter refuses.
        format!(r#"{{"Status":null,"LastSyncTime":{date}}}"#),
        r#"{"Status":"live","LastSyncTime":null}"#.to_owned(),
        r#"{"Status":"live","LastSyncTime":"yesterday"}"#.to_owned(),
        format!(r#"{{"Status":7,"LastSyncTime":{date}}}"#),
        // Not an object.
        r#""live""#.to_owned(),
        "5".to_owned(),
        "null".to_owned(),
        // Truncated and trailing input.
        r#"{"Status":"live""#.to_owned(),
        format!(r#"{{"Status":"live","LastSyncTime":{date}}} x"#),
    ];
    let inputs: Vec<&str> = inputs.iter().map(String::as_str).collect();
    assert_same::<GeoReplication, derived::GeoReplication>(
        &inputs,
        |g| debug(&(&g.status, g.last_sync_time)),
        |m| debug(&(&m.status, m.last_sync_time)),
    );
    // Not vacuous: the inputs above both decode and fail.
    let ok = serde_json::from_str::<GeoReplication>(inputs[2]).unwrap();
    assert_eq!(ok.status, GeoReplicationStatusType::Live);
    let err = serde_json::from_str::<GeoReplication>(inputs[6]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "duplicate field `Status` at line 1 column 25"
    );
    let err = serde_json::from_str::<GeoReplication>(inputs[3]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing field `LastSyncTime` at line 1 column 17"
    );
}

/// The intended difference: the derive also read a struct from an array of its fields in
/// order; the map-only form refuses it (see ARCHITECTURE.md, Decisions).
#[test]
fn a_json_array_is_not_a_struct() {
    let input = r#"["live","Mon, 07 Dec 2026 10:00:00 GMT"]"#;
    assert!(serde_json::from_str::<derived::GeoReplication>(input).is_ok());
    let err = serde_json::from_str::<GeoReplication>(input).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: sequence, expected struct GeoReplication at line 1 column 0"
    );
    let err = serde_json::from_value::<RepositoryAttributes>(serde_json::json!([])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid type: sequence, expected struct RepositoryAttributes"
    );
}

#[test]
fn optional_fields_default_to_none_and_read_null_as_none() {
    let inputs = [
        "{}",
        r#"{"Start":"2026-12-07T10:00:00Z","Expiry":"2026-12-08T10:00:00.5+01:00","Permission":"r"}"#,
        r#"{"Start":null,"Expiry":null,"Permission":null}"#,
        r#"{"Start":"2026-12-07"}"#,
        r#"{"Start":5}"#,
        r#"{"Permission":"r","Permission":null}"#,
        r#"{"Start":null,"Start":null}"#,
        r#"{"Permission":["r"]}"#,
        r#"{"permission":"lowercase is another key"}"#,
    ];
    assert_same::<AccessPolicy, derived::AccessPolicy>(
        &inputs,
        |g| debug(&(g.start, g.expiry, &g.permission)),
        |m| debug(&(m.start, m.expiry, &m.permission)),
    );
    let all = serde_json::from_str::<AccessPolicy>(inputs[1]).unwrap();
    assert_eq!(all.permission.as_deref(), Some("r"));
    assert!(all.start.is_some() && all.expiry.is_some());
    assert_eq!(
        serde_json::from_str::<AccessPolicy>(inputs[2]).unwrap(),
        AccessPolicy::default()
    );
}

#[test]
fn nested_structs_read_as_the_derive_read_them() {
    let inputs = [
        r#"{"registry":"r","imageName":"a/b","createdTime":"2026-12-07T10:00:00Z","tagCount":2,
            "changeableAttributes":{"deleteEnabled":true,"x":{}},"manifestCount":null}"#,
        r#"{"changeableAttributes":{"deleteEnabled":true,"deleteEnabled":false}}"#,
        r#"{"changeableAttributes":{"deleteEnabled":"yes"}}"#,
        r#"{"changeableAttributes":[true]}"#,
        r#"{"changeableAttributes":null,"tagCount":1.5}"#,
        r#"{"tagCount":-3,"imageName":"\u00e9\n"}"#,
    ];
    let show = |g: &RepositoryAttributes| {
        debug(&(
            &g.registry,
            &g.image_name,
            g.created_time,
            g.tag_count,
            &g.changeable_attributes,
        ))
    };
    let show_m = |m: &derived::RepositoryAttributes| {
        debug(&(
            &m.registry,
            &m.image_name,
            m.created_time,
            m.tag_count,
            &m.changeable_attributes,
        ))
    };
    // The nested struct is the generated (map-only) one on both sides, so an array there is
    // refused on both: the row with `[true]` checks that the error surfaces the same way.
    assert_same::<RepositoryAttributes, derived::RepositoryAttributes>(&inputs, show, show_m);
    let err = serde_json::from_str::<RepositoryAttributes>(inputs[1]).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("duplicate field `deleteEnabled`"),
        "{err}"
    );
}

#[test]
fn read_only_fields_are_read_and_never_written() {
    let widget: Widget = serde_json::from_str(
        r#"{"id":"/w/1","name":"w1","properties":{"color":"red","provisioningState":"Done"}}"#,
    )
    .unwrap();
    assert_eq!(widget.id.as_deref(), Some("/w/1"));
    assert_eq!(
        widget.properties,
        Some(WidgetProperties {
            color: Some("red".into()),
            provisioning_state: Some("Done".into()),
        })
    );
    assert_eq!(
        serde_json::to_value(&widget).unwrap(),
        serde_json::json!({"properties": {"color": "red"}})
    );
}

/// Base64 (`format: byte`) and RFC 1123 adapters, required and optional, of a large struct.
#[test]
fn base64_and_required_date_adapters_read_their_text() {
    let read = |json: &str| serde_json::from_str::<BlobPropertiesInternal>(json);
    let props = read(
        r#"{"Last-Modified":"Mon, 07 Dec 2026 10:00:00 GMT","Etag":"e","Content-MD5":"AQID"}"#,
    )
    .unwrap();
    assert_eq!(props.content_md5, Some(vec![1, 2, 3]));
    assert_eq!(props.etag, "e");
    assert_eq!(props.last_modified.unix_timestamp(), 1_796_637_600);
    assert!(props.creation_time.is_none());
    let err =
        read(r#"{"Last-Modified":"Mon, 07 Dec 2026 10:00:00 GMT","Etag":"e","Content-MD5":"*"}"#)
            .unwrap_err();
    // The adapter's error, where the value ends.
    assert_eq!(
        err.to_string(),
        "`*` is not valid base64 at line 1 column 78"
    );
    let err = read(r#"{"Etag":"e"}"#).unwrap_err();
    assert_eq!(
        err.to_string(),
        "missing field `Last-Modified` at line 1 column 12"
    );
}

/// A response decoded by a client: the same map-only code under the runtime's JSON decoding.
#[tokio::test]
async fn a_response_with_escaped_and_unknown_keys_decodes() {
    use wiremock::matchers::any;
    use wiremock::{Mock, MockServer, ResponseTemplate};
    let answer = |body: &str| {
        ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/json")
    };
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(answer(
            r#"{"im\u0061geName":"team/app","future":{"nested":[1,2]},"registry":null,"tagCount":3}"#,
        ))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(answer(r#"["team/app"]"#))
        .mount(&server)
        .await;
    let client = acr2019::Client::new(server.uri()).unwrap();
    let r = client
        .repository()
        .get_attributes("team/app")
        .await
        .unwrap();
    assert_eq!(r.body.image_name.as_deref(), Some("team/app"));
    assert_eq!(r.body.registry, None);
    assert_eq!(r.body.tag_count, Some(3));
    let err = client
        .repository()
        .get_attributes("team/app")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), acr2019::ErrorKind::Decode, "{err}");
    assert!(
        err.to_string()
            .contains("expected struct RepositoryAttributes"),
        "{err}"
    );
}
