//! `required-optional.json`: optional parameters, bodies and headers left out (routes:
//! `src/test-routes/required-optional-params/`). The required-parameter operations test
//! client-side validation and have no counters: a required value is a positional argument, so
//! leaving it out does not compile.

use required_optional::Client;
use required_optional::models::{
    ArrayOptionalWrapper, ClassOptionalWrapper, IntOptionalWrapper, StringOptionalWrapper,
};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "required-optional.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The call, with nothing optional set (or the setters given), answers 200.
macro_rules! ok {
    ($name:literal, [$($key:literal),*], $group:ident . $op:ident ($($arg:expr),*) $(. $setter:ident($value:expr))*) => {
        scenario!(F, $name, [$($key),*], |c| {
            let r = client(&c).$group().$op($($arg),*)$(.$setter($value))*.await.check("call")?;
            eq("status", r.status().as_u16(), 200)
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        ok!(
            "OptionalImplicitQuery",
            ["OptionalImplicitQuery"],
            implicit.put_optional_query()
        ),
        ok!(
            "OptionalImplicitHeader",
            ["OptionalImplicitHeader"],
            implicit.put_optional_header()
        ),
        ok!(
            "OptionalImplicitBody",
            ["OptionalImplicitBody"],
            implicit.put_optional_body()
        ),
        ok!(
            "OptionalGlobalQuery",
            ["OptionalGlobalQuery"],
            implicit.get_optional_global_query()
        ),
        ok!(
            "ImplicitOptionalBinaryBody",
            ["ImplicitOptionalBinaryBody"],
            implicit.put_optional_binary_body()
        ),
        ok!(
            "ExplicitOptionalBinaryBody",
            ["ExplicitOptionalBinaryBody"],
            explicit.put_optional_binary_body()
        ),
        ok!(
            "ExplicitRequiredBinaryBody",
            ["ExplicitRequiredBinaryBody"],
            explicit.put_required_binary_body(b"some bytes".to_vec())
        ),
        ok!(
            "OptionalIntegerParameter",
            ["GeneralOptional", "OptionalIntegerParameter"],
            explicit.post_optional_integer_parameter()
        ),
        ok!(
            "OptionalIntegerProperty",
            ["GeneralOptional", "OptionalIntegerProperty"],
            explicit
                .post_optional_integer_property()
                .body_parameter(IntOptionalWrapper::default())
        ),
        ok!(
            "OptionalIntegerHeader",
            ["GeneralOptional", "OptionalIntegerHeader"],
            explicit.post_optional_integer_header()
        ),
        ok!(
            "OptionalStringParameter",
            ["GeneralOptional", "OptionalStringParameter"],
            explicit.post_optional_string_parameter()
        ),
        ok!(
            "OptionalStringProperty",
            ["GeneralOptional", "OptionalStringProperty"],
            explicit
                .post_optional_string_property()
                .body_parameter(StringOptionalWrapper::default())
        ),
        ok!(
            "OptionalStringHeader",
            ["GeneralOptional", "OptionalStringHeader"],
            explicit.post_optional_string_header()
        ),
        ok!(
            "OptionalClassParameter",
            ["GeneralOptional", "OptionalClassParameter"],
            explicit.post_optional_class_parameter()
        ),
        ok!(
            "OptionalClassProperty",
            ["GeneralOptional", "OptionalClassProperty"],
            explicit
                .post_optional_class_property()
                .body_parameter(ClassOptionalWrapper::default())
        ),
        ok!(
            "OptionalArrayParameter",
            ["GeneralOptional", "OptionalArrayParameter"],
            explicit.post_optional_array_parameter()
        ),
        ok!(
            "OptionalArrayProperty",
            ["GeneralOptional", "OptionalArrayProperty"],
            explicit
                .post_optional_array_property()
                .body_parameter(ArrayOptionalWrapper::default())
        ),
        ok!(
            "OptionalArrayHeader",
            ["GeneralOptional", "OptionalArrayHeader"],
            explicit.post_optional_array_header()
        ),
    ]
}
