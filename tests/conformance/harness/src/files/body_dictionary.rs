//! `body-dictionary.json` (primitive values so far): maps decoded and encoded exactly, and
//! values a client must refuse (routes: `legacy/routes/dictionary.js`).

use std::collections::BTreeMap;

use body_dictionary::Client;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-dictionary.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// `{"0": a, "1": b, ...}`.
fn indexed<T: Clone>(values: &[T]) -> BTreeMap<String, T> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (i.to_string(), v.clone()))
        .collect()
}

/// The body decodes to `$want`.
macro_rules! get {
    ($key:literal, $op:ident, $want:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).dictionary().$op().await.check("call")?;
            eq("body", r.body, $want)
        })
    };
}

/// `$op($value)` answers 200 (the route compares the body).
macro_rules! put {
    ($key:literal, $op:ident, $value:expr) => {
        scenario!(F, $key, |c| {
            client(&c).dictionary().$op($value).await.check("call")?;
            Ok(())
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        get!("getDictionaryEmpty", get_empty, BTreeMap::new()),
        put!("putDictionaryEmpty", put_empty, BTreeMap::new()),
        get!(
            "getDictionaryBooleanValid",
            get_boolean_tfft,
            indexed(&[true, false, false, true])
        ),
        put!(
            "putDictionaryBooleanValid",
            put_boolean_tfft,
            indexed(&[true, false, false, true])
        ),
        get!(
            "getDictionaryIntegerValid",
            get_integer_valid,
            indexed(&[1, -1, 3, 300])
        ),
        put!(
            "putDictionaryIntegerValid",
            put_integer_valid,
            indexed(&[1, -1, 3, 300])
        ),
        get!(
            "getDictionaryLongValid",
            get_long_valid,
            indexed(&[1, -1, 3, 300])
        ),
        put!(
            "putDictionaryLongValid",
            put_long_valid,
            indexed(&[1, -1, 3, 300])
        ),
        get!(
            "getDictionaryFloatValid",
            get_float_valid,
            indexed(&[0.0, -0.01, -1.2e20])
        ),
        put!(
            "putDictionaryFloatValid",
            put_float_valid,
            indexed(&[0.0, -0.01, -1.2e20])
        ),
    ]
}
