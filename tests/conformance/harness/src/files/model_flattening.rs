//! `model-flattening.json`: `x-ms-client-flatten` models and bodies. The generated models show
//! the nested objects' fields (`properties`, `details`) on the model itself, and the server
//! checks that they go out nested, exactly as it expects (routes:
//! `legacy/routes/model-flatten.js`). A flattened body parameter is given field by field; a
//! grouped one through its group (`FlattenParameterGroup`).

use std::collections::BTreeMap;

use model_flattening::Client;
use model_flattening::models::FlattenedProductPropertiesProvisioningStateValues as StateValues;
use model_flattening::models::{
    Capacity, FlattenParameterGroup, FlattenedProduct, Resource, ResourceCollection, SimpleProduct,
};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "model-flattening.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

fn tags() -> Option<BTreeMap<String, String>> {
    Some(BTreeMap::from([
        ("tag1".to_string(), "value1".to_string()),
        ("tag2".to_string(), "value3".to_string()),
    ]))
}

/// A product to send: a location, maybe tags, and (sent inside `properties`) a name and the
/// type `Flat`, which is `type_properties_type` since the resource has a `type` of its own.
fn product(location: &str, tags: Option<BTreeMap<String, String>>, name: &str) -> FlattenedProduct {
    FlattenedProduct {
        location: s(location),
        tags,
        p_name: s(name),
        type_properties_type: s("Flat"),
        ..FlattenedProduct::default()
    }
}

fn products() -> BTreeMap<String, FlattenedProduct> {
    BTreeMap::from([
        (
            "Resource1".to_string(),
            product("West US", tags(), "Product1"),
        ),
        (
            "Resource2".to_string(),
            product("Building 44", None, "Product2"),
        ),
    ])
}

/// The product of the custom-flattening scenarios, with or without the inherited
/// `generic_value` of its image.
/// `details` and its `max_product_image` are both flattened.
fn simple_product(generic: Option<String>) -> SimpleProduct {
    SimpleProduct {
        product_id: "123".to_string(),
        description: s("product description"),
        max_product_display_name: s("max name"),
        capacity: Some(Capacity::Large),
        odata_value: s("http://foo"),
        generic_value: generic,
        ..SimpleProduct::default()
    }
}

/// What the gets check of the first resource: the fields that came nested in `properties`
/// (the read-only `provisioningStateValues` included).
fn check_first(p: &FlattenedProduct, id: &str, name: &str) -> Result<(), String> {
    eq("id", p.id.as_deref(), Some(id))?;
    eq("tags", p.tags.clone(), tags())?;
    eq(
        "properties",
        (
            p.p_name.clone(),
            p.type_properties_type.clone(),
            p.provisioning_state.clone(),
            p.provisioning_state_values,
        ),
        (s(name), s("Flat"), s("Succeeded"), Some(StateValues::Ok)),
    )
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "getModelFlattenArray", |c| {
            let r = client(&c).default().get_array().await.check("call")?;
            eq("items", r.body.len(), 3)?;
            check_first(&r.body[0], "1", "Product1")?;
            eq("third", r.body[2].name.as_deref(), Some("Resource3"))
        }),
        scenario!(F, "putModelFlattenArray", |c| {
            let items = vec![
                Resource {
                    location: s("West US"),
                    tags: tags(),
                    ..Resource::default()
                },
                Resource {
                    location: s("Building 44"),
                    ..Resource::default()
                },
            ];
            client(&c)
                .default()
                .put_array()
                .resource_array(items)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getModelFlattenDictionary", |c| {
            let r = client(&c).default().get_dictionary().await.check("call")?;
            eq("keys", r.body.len(), 3)?;
            check_first(&r.body["Product1"], "1", "Product1")
        }),
        scenario!(F, "putModelFlattenDictionary", |c| {
            client(&c)
                .default()
                .put_dictionary()
                .resource_dictionary(products())
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getModelFlattenResourceCollection", |c| {
            let r = client(&c)
                .default()
                .get_resource_collection()
                .await
                .check("call")?;
            let dictionary = r.body.dictionaryofresources.unwrap_or_default();
            check_first(&dictionary["Product1"], "1", "Product1")?;
            let array = r.body.arrayofresources.unwrap_or_default();
            check_first(&array[0], "4", "Product4")?;
            eq(
                "productresource",
                r.body.productresource.and_then(|p| p.name),
                s("Resource7"),
            )
        }),
        scenario!(F, "putModelFlattenResourceCollection", |c| {
            let body = ResourceCollection {
                arrayofresources: Some(vec![
                    product("West US", tags(), "Product1"),
                    product("East US", None, "Product2"),
                ]),
                dictionaryofresources: Some(products()),
                productresource: Some(product("India", None, "Azure")),
            };
            client(&c)
                .default()
                .put_resource_collection()
                .resource_complex_object(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "putModelFlattenCustomBase", |c| {
            let r = client(&c)
                .default()
                .put_simple_product()
                .simple_body_product(simple_product(s("https://generic")))
                .await
                .check("call")?;
            eq("answer", r.body, simple_product(s("https://generic")))
        }),
        // The flattened body parameter: the body's fields are the arguments and setters.
        scenario!(F, "postModelFlattenCustomParameter", |c| {
            let r = client(&c)
                .default()
                .post_flattened_simple_product("123")
                .description("product description")
                .max_product_display_name("max name")
                .capacity(Capacity::Large)
                .odata_value("http://foo")
                .await
                .check("call")?;
            eq("answer", r.body, simple_product(None))
        }),
        scenario!(F, "putModelFlattenCustomGroupedParameter", |c| {
            let group = FlattenParameterGroup {
                name: "groupproduct".to_string(),
                product_id: "123".to_string(),
                description: s("product description"),
                max_product_display_name: s("max name"),
                capacity: Some(Capacity::Large),
                odata_value: s("http://foo"),
                generic_value: None,
            };
            let r = client(&c)
                .default()
                .put_simple_product_with_grouping(group)
                .await
                .check("call")?;
            eq("answer", r.body, simple_product(None))
        }),
    ]
}
