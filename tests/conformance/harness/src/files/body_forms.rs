//! `body-formdata.json` and `body-formdata-urlencoded.json`: a file in a multipart form and as
//! a raw body (the server echoes it), and form-urlencoded bodies with enum and constant fields
//! (routes: `legacy/routes/formData.js`, `src/test-routes/formdata.ts`).

use body_formdata_urlencoded::models::{GrantType, PetFood, PetType};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const FORM: &str = "body-formdata.json";
const URLENCODED: &str = "body-formdata-urlencoded.json";
const CONTENT: &str = "Test file content: a few bytes, \u{e9}t\u{e9}.";

fn form(c: &Ctx) -> body_formdata::Client {
    body_formdata::Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

fn urlencoded(c: &Ctx) -> body_formdata_urlencoded::Client {
    body_formdata_urlencoded::Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        // The route pipes the uploaded file part back as the response body.
        scenario!(FORM, "FormdataStreamUploadFile", |c| {
            let r = form(&c)
                .formdata()
                .upload_file(CONTENT.as_bytes().to_vec(), "sample.txt")
                .await
                .check("call")?;
            let echoed = r.body.collect_bytes().await.check("body")?;
            eq("echoed file", echoed.as_ref(), CONTENT.as_bytes())
        }),
        // A raw body (`application/octet-stream`): the route answers with what it received.
        scenario!(FORM, "StreamUploadFile", |c| {
            let r = form(&c)
                .formdata()
                .upload_file_via_body(CONTENT.as_bytes().to_vec())
                .await
                .check("call")?;
            let echoed = r.body.collect_bytes().await.check("body")?;
            eq("echoed body", echoed.as_ref(), CONTENT.as_bytes())
        }),
        // The route wants exactly `pet_type=dog&pet_food=meat&name=Fido&pet_age=42`.
        scenario!(URLENCODED, "UpdatePetWithForm", |c| {
            let r = urlencoded(&c)
                .formdataurlencoded()
                .update_pet_with_form(1, PetType::Dog, PetFood::Meat, 42)
                .name("Fido")
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
        // `grant_type` is a constant field; the others are the caller's.
        scenario!(URLENCODED, "UrlEncodedDataWithPartialConstantBody", |c| {
            let r = urlencoded(&c)
                .formdataurlencoded()
                .partial_constant_body(GrantType::default(), "bar", "foo")
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 200)
        }),
    ]
}
