//! `additionalProperties.json`: models with `additionalProperties` (any value, objects,
//! strings) and a property that is itself named `additionalProperties`, encoded exactly and
//! their answers decoded (routes: `src/test-routes/additional-properties.ts`).

use std::collections::BTreeMap;

use additionalproperties::Client;
use additionalproperties::models::{
    CatApTrue, PetApInProperties, PetApInPropertiesWithApString, PetApObject, PetApString,
    PetApTrue,
};
use serde_json::{Value, json};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "additionalProperties.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// `{"birthdate": .., "complexProperty": {"color": "Red"}}`, the extra properties of a puppy.
fn puppy_extras() -> BTreeMap<String, Value> {
    BTreeMap::from([
        ("birthdate".to_string(), json!("2017-12-13T02:29:51Z")),
        ("complexProperty".to_string(), json!({"color": "Red"})),
    ])
}

fn sizes() -> BTreeMap<String, f64> {
    BTreeMap::from([
        ("height".to_string(), 5.61),
        ("weight".to_string(), 599.0),
        ("footsize".to_string(), 11.5),
    ])
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "additionalPropertiesTrue", |c| {
            let body = PetApTrue {
                id: 1,
                name: Some("Puppy".to_string()),
                additional_properties: puppy_extras(),
                ..PetApTrue::default()
            };
            let r = client(&c).pets().create_ap_true(body).await.check("call")?;
            eq("status", r.body.status, Some(true))?;
            eq("extras", r.body.additional_properties, puppy_extras())
        }),
        scenario!(F, "additionalPropertiesSubclass", |c| {
            let body = CatApTrue {
                id: 1,
                name: Some("Lisa".to_string()),
                friendly: Some(true),
                additional_properties: puppy_extras(),
                ..CatApTrue::default()
            };
            let r = client(&c)
                .pets()
                .create_cat_ap_true(body)
                .await
                .check("call")?;
            eq(
                "status",
                (r.body.status, r.body.friendly),
                (Some(true), Some(true)),
            )
        }),
        scenario!(F, "additionalPropertiesTypeObject", |c| {
            let mut sibling = puppy_extras();
            sibling.insert("id".to_string(), json!(1));
            sibling.insert("name".to_string(), json!("Puppy"));
            let extras = BTreeMap::from([
                ("siblings".to_string(), json!([sibling])),
                ("picture".to_string(), json!("//////4=")),
            ]);
            let body = PetApObject {
                id: 2,
                name: Some("Hira".to_string()),
                additional_properties: extras.clone(),
                ..PetApObject::default()
            };
            let r = client(&c)
                .pets()
                .create_ap_object(body)
                .await
                .check("call")?;
            eq("status", r.body.status, Some(true))?;
            eq("extras", r.body.additional_properties, extras)
        }),
        scenario!(F, "additionalPropertiesTypeString", |c| {
            let extras = BTreeMap::from([
                ("color".to_string(), "red".to_string()),
                ("weight".to_string(), "10 kg".to_string()),
                ("city".to_string(), "Bombay".to_string()),
            ]);
            let body = PetApString {
                id: 3,
                name: Some("Tommy".to_string()),
                additional_properties: extras.clone(),
                ..PetApString::default()
            };
            let r = client(&c)
                .pets()
                .create_ap_string(body)
                .await
                .check("call")?;
            eq("status", r.body.status, Some(true))?;
            eq("extras", r.body.additional_properties, extras)
        }),
        scenario!(F, "additionalPropertiesInProperties", |c| {
            let body = PetApInProperties {
                id: 4,
                name: Some("Bunny".to_string()),
                additional_properties_2: Some(sizes()),
                ..PetApInProperties::default()
            };
            let r = client(&c)
                .pets()
                .create_ap_in_properties(body)
                .await
                .check("call")?;
            eq("status", r.body.status, Some(true))?;
            eq("sizes", r.body.additional_properties_2, Some(sizes()))
        }),
        scenario!(F, "additionalPropertiesInPropertiesWithAPTypeString", |c| {
            let extras = BTreeMap::from([
                ("color".to_string(), "red".to_string()),
                ("city".to_string(), "Seattle".to_string()),
                ("food".to_string(), "tikka masala".to_string()),
            ]);
            let body = PetApInPropertiesWithApString {
                id: 5,
                name: Some("Funny".to_string()),
                odata_location: "westus".to_string(),
                additional_properties_2: Some(sizes()),
                additional_properties: extras.clone(),
                ..PetApInPropertiesWithApString::default()
            };
            let r = client(&c)
                .pets()
                .create_ap_in_properties_with_ap_string(body)
                .await
                .check("call")?;
            eq("status", r.body.status, Some(true))?;
            eq("extras", r.body.additional_properties, extras)
        }),
    ]
}
