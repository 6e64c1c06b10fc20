//! Values of any type and open enums: `any-type.json`, `object-type.json` and
//! `extensible-enums-swagger.json` (routes: `src/test-routes/any-type.ts`,
//! `legacy/routes/objectType.js`, `legacy/routes/extensibleEnums.js`).

use extensible_enums_swagger::models::{DaysOfWeekExtensibleEnum, IntEnum, Pet};
use serde_json::json;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const ANY: &str = "any-type.json";
const OBJECT: &str = "object-type.json";
const ENUMS: &str = "extensible-enums-swagger.json";

macro_rules! client_fn {
    ($name:ident, $krate:ident) => {
        fn $name(c: &Ctx) -> $krate::Client {
            $krate::Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .build()
                .expect("a client")
        }
    };
}

client_fn!(any, any_type);
client_fn!(object, object_type);
client_fn!(enums, extensible_enums_swagger);

/// The pet of `get_by_pet_id(id)`.
async fn pet(c: &Ctx, id: &str) -> Result<Pet, String> {
    Ok(enums(c).pet().get_by_pet_id(id).await.check("call")?.body)
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(ANY, "GetStringAsAnything", |c| {
            let r = any(&c).default().get_string().await.check("call")?;
            eq("body", r.body, json!("anything"))
        }),
        scenario!(ANY, "PutStringAsAnything", |c| {
            any(&c)
                .default()
                .put_string(json!("anything"))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(ANY, "GetObjectAsAnything", |c| {
            let r = any(&c).default().get_object().await.check("call")?;
            eq(
                "body",
                r.body,
                json!({"message": "An object was successfully returned"}),
            )
        }),
        scenario!(ANY, "PutObjectAsAnything", |c| {
            any(&c)
                .default()
                .put_object(json!({"foo": "bar"}))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(ANY, "GetArrayAsAnything", |c| {
            let r = any(&c).default().get_array().await.check("call")?;
            eq("body", r.body, json!(["foo", "bar"]))
        }),
        scenario!(ANY, "PutArrayAsAnything", |c| {
            any(&c)
                .default()
                .put_array(json!(["foo", "bar"]))
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(OBJECT, "ObjectTypeResponse", |c| {
            let r = object(&c).default().get().await.check("call")?;
            eq(
                "body",
                r.body,
                json!({"message": "An object was successfully returned"}),
            )
        }),
        scenario!(OBJECT, "ObjectTypePut", |c| {
            object(&c)
                .default()
                .put(json!({"foo": "bar"}))
                .await
                .check("call")?;
            Ok(())
        }),
        // Any other object: a 400 whose body is the error object.
        scenario!(OBJECT, "ObjectTypeErrorResponse", |c| {
            match object(&c).default().put(json!({"should": "fail"})).await {
                Ok(r) => Err(format!("want a 400, got {r:?}")),
                Err(e) => {
                    eq("status", e.status().map(|s| s.as_u16()), Some(400))?;
                    let text = format!("{e:?}");
                    eq(
                        "error body names the problem",
                        text.contains("The object you passed was incorrect"),
                        true,
                    )
                }
            }
        }),
        scenario!(ENUMS, "expectedEnum", |c| {
            let p = pet(&c, "tommy").await?;
            eq(
                "pet",
                (p.days_of_week, p.int_enum),
                (Some(DaysOfWeekExtensibleEnum::Monday), IntEnum::V1),
            )
        }),
        // A value not in the enum is kept as it came.
        scenario!(ENUMS, "unexpectedEnum", |c| {
            let p = pet(&c, "casper").await?;
            eq(
                "pet",
                (p.days_of_week, p.int_enum),
                (
                    Some(DaysOfWeekExtensibleEnum::Other("Weekend".to_string())),
                    IntEnum::V2,
                ),
            )
        }),
        scenario!(ENUMS, "allowedValueEnum", |c| {
            let p = pet(&c, "scooby").await?;
            eq(
                "pet",
                (p.days_of_week, p.int_enum),
                (
                    Some(DaysOfWeekExtensibleEnum::Thursday),
                    IntEnum::Other("2.1".to_string()),
                ),
            )
        }),
        scenario!(ENUMS, "roundTripEnum", |c| {
            let sent = Pet {
                name: Some("Retriever".to_string()),
                days_of_week: Some(DaysOfWeekExtensibleEnum::Other("Weekend".to_string())),
                int_enum: IntEnum::Other("2.1".to_string()),
            };
            let r = enums(&c)
                .pet()
                .add_pet()
                .pet_param(sent.clone())
                .await
                .check("call")?;
            eq("echo", r.body, sent)
        }),
    ]
}
