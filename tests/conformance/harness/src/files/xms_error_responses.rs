//! `xms-error-responses.json`: `x-ms-error-response` statuses decoded into their documented
//! error models (routes: `legacy/routes/errorStatusCodes.js`).

use xms_error_responses::models::{NotFoundErrorBase, PetActionError, PetSadError};
use xms_error_responses::pet::{PetDoSomethingResponse, PetGetPetByIdResponse};
use xms_error_responses::{Client, Error, ErrorModel};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "xms-error-responses.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The error of `result`, with its status checked.
fn error_with<T: std::fmt::Debug>(result: Result<T, Error>, status: u16) -> Result<Error, String> {
    match result {
        Ok(value) => Err(format!("want an error with status {status}, got {value:?}")),
        Err(e) => {
            eq("status", e.status().map(|s| s.as_u16()), Some(status))?;
            Ok(e)
        }
    }
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "get pet tommy", ["expectedNoErrors"], |c| {
            let r = client(&c)
                .pet()
                .get_pet_by_id("tommy")
                .await
                .check("call")?;
            let PetGetPetByIdResponse::Ok(ok) = r else {
                return Err(format!("want the 200 variant, got {r:?}"));
            };
            eq("name", ok.body.name.as_deref(), Some("Tommy Tomson"))?;
            eq("aniType", ok.body.ani_type.as_deref(), Some("Dog"))
        }),
        scenario!(F, "do something stay", ["expectedNoErrors"], |c| {
            let r = client(&c).pet().do_something("stay").await.check("call")?;
            let PetDoSomethingResponse { .. } = r;
            Ok(())
        }),
        scenario!(F, "animalNotFoundError", |c| {
            let e = error_with(client(&c).pet().get_pet_by_id("coyoteUgly").await, 404)?;
            match e.model() {
                Some(ErrorModel::NotFoundErrorBase(base)) => match base.as_ref() {
                    NotFoundErrorBase::AnimalNotFound(a) => {
                        eq("name", a.name.as_deref(), Some("coyote"))
                    }
                    other => Err(format!("want AnimalNotFound, got {other:?}")),
                },
                other => Err(format!("want a NotFoundErrorBase model, got {other:?}")),
            }
        }),
        scenario!(F, "linkNotFoundError", |c| {
            let e = error_with(client(&c).pet().get_pet_by_id("weirdAlYankovic").await, 404)?;
            match e.model() {
                Some(ErrorModel::NotFoundErrorBase(base)) => match base.as_ref() {
                    NotFoundErrorBase::LinkNotFound(l) => eq(
                        "whatSubAddress",
                        l.what_sub_address.as_deref(),
                        Some("pet/yourpet was not found"),
                    ),
                    other => Err(format!("want LinkNotFound, got {other:?}")),
                },
                other => Err(format!("want a NotFoundErrorBase model, got {other:?}")),
            }
        }),
        scenario!(F, "stringError", |c| {
            let e = error_with(client(&c).pet().get_pet_by_id("ringo").await, 400)?;
            match e.model() {
                Some(ErrorModel::Text(text)) => eq("text", text.as_str(), "ringo is missing"),
                other => Err(format!("want a string model, got {other:?}")),
            }
        }),
        scenario!(F, "intError", |c| {
            let e = error_with(client(&c).pet().get_pet_by_id("alien123").await, 501)?;
            match e.model() {
                Some(ErrorModel::Integer(n)) => eq("value", **n, 123),
                other => Err(format!("want an integer model, got {other:?}")),
            }
        }),
        scenario!(F, "expectedPetSadError", |c| {
            let e = error_with(client(&c).pet().do_something("jump").await, 500)?;
            match e.model() {
                Some(ErrorModel::PetActionError(action)) => match action.as_ref() {
                    PetActionError::PetSadError(sad) => match sad.as_ref() {
                        PetSadError::PetSadError(sad) => {
                            eq("reason", sad.reason.as_deref(), Some("need more treats"))
                        }
                        other => Err(format!("want the PetSadError kind, got {other:?}")),
                    },
                    other => Err(format!("want PetSadError, got {other:?}")),
                },
                other => Err(format!("want a PetActionError model, got {other:?}")),
            }
        }),
        scenario!(F, "expectedPetHungryError", |c| {
            let e = error_with(client(&c).pet().do_something("fetch").await, 404)?;
            match e.model() {
                Some(ErrorModel::PetActionError(action)) => match action.as_ref() {
                    PetActionError::PetHungryOrThirstyError(h) => {
                        eq("reason", h.reason.as_deref(), Some("need more everything"))
                    }
                    other => Err(format!("want PetHungryOrThirstyError, got {other:?}")),
                },
                other => Err(format!("want a PetActionError model, got {other:?}")),
            }
        }),
        scenario!(F, "sendErrorWithParamNameModels", |c| {
            // `models` is an optional query parameter with the default `value1`.
            let e = error_with(client(&c).pet().has_models_param().await, 500)?;
            match e.model() {
                Some(ErrorModel::PetActionError(_)) => Ok(()),
                other => Err(format!("want a PetActionError model, got {other:?}")),
            }
        }),
    ]
}
