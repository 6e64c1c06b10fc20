//! `model-flattening.json`: `x-ms-client-flatten` models. The generated models keep the wire's
//! nesting (`properties`, `details`), so these assert the exact wire shape (routes:
//! `legacy/routes/model-flatten.js`).

use std::collections::BTreeMap;

use model_flattening::Client;
use model_flattening::models::{
    Capacity, FlattenedProduct, FlattenedProductProperties, ProductUrl, Resource,
    ResourceCollection, SimpleProduct, SimpleProductProperties,
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

/// A product to send: a location, maybe tags, and `properties` with a name and type `Flat`.
fn product(location: &str, tags: Option<BTreeMap<String, String>>, name: &str) -> FlattenedProduct {
    FlattenedProduct {
        location: s(location),
        tags,
        properties: Some(FlattenedProductProperties {
            p_name: s(name),
            r#type: s("Flat"),
            ..FlattenedProductProperties::default()
        }),
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
fn simple_product(generic: Option<String>) -> SimpleProduct {
    SimpleProduct {
        product_id: "123".to_string(),
        description: s("product description"),
        details: Some(SimpleProductProperties {
            max_product_display_name: "max name".to_string(),
            capacity: Capacity::Large,
            max_product_image: Some(ProductUrl {
                odata_value: s("http://foo"),
                generic_value: generic,
                ..ProductUrl::default()
            }),
        }),
        ..SimpleProduct::default()
    }
}

/// What the gets check of the first resource: its nested `properties` as sent.
fn check_first(p: &FlattenedProduct, id: &str, name: &str) -> Result<(), String> {
    eq("id", p.id.as_deref(), Some(id))?;
    eq("tags", p.tags.clone(), tags())?;
    let props = p.properties.clone().unwrap_or_default();
    eq(
        "properties",
        (props.p_name, props.r#type, props.provisioning_state),
        (s(name), s("Flat"), s("Succeeded")),
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
        scenario!(F, "postModelFlattenCustomParameter", |c| {
            let r = client(&c)
                .default()
                .post_flattened_simple_product()
                .simple_body_product(simple_product(None))
                .await
                .check("call")?;
            eq("answer", r.body, simple_product(None))
        }),
        scenario!(F, "putModelFlattenCustomGroupedParameter", |c| {
            let r = client(&c)
                .default()
                .put_simple_product_with_grouping("groupproduct")
                .simple_body_product(simple_product(None))
                .await
                .check("call")?;
            eq("answer", r.body, simple_product(None))
        }),
    ]
}
