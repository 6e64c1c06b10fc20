//! `multiple-inheritance.json`: models with several `allOf` parents, decoded and encoded
//! exactly (routes: `legacy/routes/multipleInheritance.js`).

use multiple_inheritance::Client;
use multiple_inheritance::models::{Cat, Feline, Horse, Kitten, Pet};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "multiple-inheritance.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// `$op($value)` answers 200 with the route's confirmation text.
macro_rules! put {
    ($key:literal, $op:ident, $value:expr, $answer:literal) => {
        scenario!(F, $key, |c| {
            let r = client(&c).default().$op($value).await.check("call")?;
            eq("answer", r.body.as_str(), $answer)
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "MultipleInheritancePetGet", |c| {
            let r = client(&c).default().get_pet().await.check("call")?;
            eq("name", r.body.name.as_str(), "Peanut")
        }),
        put!(
            "MultipleInheritancePetPut",
            put_pet,
            Pet {
                name: "Butter".to_string(),
                ..Pet::default()
            },
            "Pet was correct!"
        ),
        scenario!(F, "MultipleInheritanceHorseGet", |c| {
            let r = client(&c).default().get_horse().await.check("call")?;
            eq(
                "horse",
                (r.body.name.as_str(), r.body.is_a_show_horse),
                ("Fred", Some(true)),
            )
        }),
        put!(
            "MultipleInheritanceHorsePut",
            put_horse,
            Horse {
                name: "General".to_string(),
                is_a_show_horse: Some(false),
                ..Horse::default()
            },
            "Horse was correct!"
        ),
        scenario!(F, "MultipleInheritanceFelineGet", |c| {
            let r = client(&c).default().get_feline().await.check("call")?;
            eq(
                "feline",
                (r.body.meows, r.body.hisses),
                (Some(true), Some(true)),
            )
        }),
        put!(
            "MultipleInheritanceFelinePut",
            put_feline,
            Feline {
                meows: Some(false),
                hisses: Some(true),
                ..Feline::default()
            },
            "Feline was correct!"
        ),
        scenario!(F, "MultipleInheritanceCatGet", |c| {
            let r = client(&c).default().get_cat().await.check("call")?;
            eq(
                "cat",
                (
                    r.body.name.as_str(),
                    r.body.likes_milk,
                    r.body.meows,
                    r.body.hisses,
                ),
                ("Whiskers", Some(true), Some(true), Some(true)),
            )
        }),
        put!(
            "MultipleInheritanceCatPut",
            put_cat,
            Cat {
                name: "Boots".to_string(),
                likes_milk: Some(false),
                meows: Some(true),
                hisses: Some(false),
                ..Cat::default()
            },
            "Cat was correct!"
        ),
        scenario!(F, "MultipleInheritanceKittenGet", |c| {
            let r = client(&c).default().get_kitten().await.check("call")?;
            eq(
                "kitten",
                (
                    r.body.name.as_str(),
                    r.body.likes_milk,
                    r.body.meows,
                    r.body.hisses,
                    r.body.eats_mice_yet,
                ),
                ("Gatito", Some(true), Some(true), Some(true), Some(false)),
            )
        }),
        put!(
            "MultipleInheritanceKittenPut",
            put_kitten,
            Kitten {
                name: "Kitty".to_string(),
                likes_milk: Some(false),
                meows: Some(true),
                hisses: Some(false),
                eats_mice_yet: Some(true),
                ..Kitten::default()
            },
            "Kitten was correct!"
        ),
    ]
}
