//! `httpInfrastructure.json`: every status class, redirects, retries and multiple documented
//! responses (routes: `src/test-routes/http-responses.ts`, `legacy/routes/*`).

use httpinfrastructure::models::{B, C, D, HttpFailureGetEmptyError200, MyException};
use httpinfrastructure::multiple_responses as mr;
use httpinfrastructure::{Client, Error, ErrorKind, ErrorModel};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "httpInfrastructure.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The call succeeds with status `$status`.
macro_rules! ok {
    ($key:literal, $group:ident . $op:ident $(. $setter:ident($value:expr))*, $status:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).$group().$op()$(.$setter($value))*.await.check("call")?;
            eq("status", r.status().as_u16(), $status)
        })
    };
}

/// The call fails with status `$status`, and the error carries no decoded model (the route
/// sends no body); `fails!(.., $status, model)` also checks the model decoded from the body.
macro_rules! fails {
    ($key:literal, $group:ident . $op:ident $(. $setter:ident($value:expr))*, $status:expr) => {
        fails!($key, $group.$op $(.$setter($value))*, $status, None)
    };
    ($key:literal, $group:ident . $op:ident $(. $setter:ident($value:expr))*, $status:expr, $model:expr) => {
        scenario!(F, $key, |c| {
            match client(&c).$group().$op()$(.$setter($value))*.await {
                Ok(r) => Err(format!("want an error with status {}, got {r:?}", $status)),
                Err(e) => error_is(&e, $status, $model),
            }
        })
    };
}

/// An error for an answer the operation does not document: its status, its kind (`Auth` for
/// `401` and `403`, else `UnexpectedStatus`) and the error model decoded from its body.
fn error_is(e: &Error, status: u16, model: Option<ErrorModel>) -> Result<(), String> {
    eq("status", e.status().map(|s| s.as_u16()), Some(status))?;
    let kind = if matches!(status, 401 | 403) {
        ErrorKind::Auth
    } else {
        ErrorKind::UnexpectedStatus
    };
    eq("error kind", e.kind(), kind)?;
    eq("error model", e.model(), model.as_ref())
}

/// `ErrorModel::Error` (the `default` response's `Error` model) with this message.
fn error_model(message: Option<&str>) -> Option<ErrorModel> {
    Some(ErrorModel::Error(Box::new(
        httpinfrastructure::models::Error {
            status: None,
            message: message.map(str::to_string),
        },
    )))
}

/// Model `A` (`MyException`) as the routes send it: `{"statusCode": ".."}`.
fn a(status_code: &str) -> MyException {
    MyException {
        status_code: Some(status_code.to_string()),
        ..MyException::default()
    }
}

/// Model `A` holding only a property it does not name (`{"<name>": "<value>"}`).
fn a_with_other(name: &str, value: &str) -> MyException {
    MyException {
        status_code: None,
        additional_properties: serde_json::Map::from_iter([(name.to_string(), value.into())]),
    }
}

/// The call answers `$status` as the response variant `$pattern`, whose value `$check` checks.
macro_rules! answer {
    ($key:literal, $op:ident, $status:expr, $pattern:pat => $check:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).multiple_responses().$op().await.check("call")?;
            eq("status", r.status().as_u16(), $status)?;
            match r {
                $pattern => $check,
                #[allow(unreachable_patterns)]
                other => Err(format!(
                    "want the variant `{}`, got {other:?}",
                    stringify!($pattern)
                )),
            }
        })
    };
}

/// The call answers 200 with the operation's one response, whose body is `$body`.
macro_rules! body {
    ($key:literal, $op:ident, $body:expr) => {
        scenario!(F, $key, |c| {
            let r = client(&c).multiple_responses().$op().await.check("call")?;
            eq("status", r.status().as_u16(), 200)?;
            eq("body", r.body, $body)
        })
    };
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = success();
    all.extend(redirects());
    all.extend(failures());
    all.extend(multiple_responses());
    all
}

/// Several documented responses: a documented status is an answer (its variant, its model
/// decoded), any other is an error (`default`'s model decoded, when there is one).
fn multiple_responses() -> Vec<Scenario> {
    vec![
        // 200: A, 204: none, default: Error.
        answer!(
            "ResponsesScenarioA200MatchingModel",
            get200_model204_no_model_default_error200_valid,
            200,
            mr::MultipleResponsesGet200Model204NoModelDefaultError200ValidResponse::Ok(r) =>
                eq("body", r.body, a("200"))
        ),
        answer!(
            "ResponsesScenarioA204MatchingNoModel",
            get200_model204_no_model_default_error204_valid,
            204,
            mr::MultipleResponsesGet200Model204NoModelDefaultError204ValidResponse::NoContent(_) =>
                Ok(())
        ),
        // An undocumented status is an error even in 2xx; `{"statusCode": "201"}` decodes as
        // `default`'s `Error` (whose properties are all optional), with nothing set.
        fails!(
            "ResponsesScenarioA201DefaultNoModel",
            multiple_responses.get200_model204_no_model_default_error201_invalid,
            201,
            error_model(None)
        ),
        fails!(
            "ResponsesScenarioA202DefaultNoModel",
            multiple_responses.get200_model204_no_model_default_error202_none,
            202,
            error_model(None)
        ),
        fails!(
            "ResponsesScenarioA400DefaultModel",
            multiple_responses.get200_model204_no_model_default_error400_valid,
            400,
            error_model(Some("client error"))
        ),
        // 200: A, 201: B, default: Error.
        answer!(
            "ResponsesScenarioB200MatchingModel",
            get200_model201_model_default_error200_valid,
            200,
            mr::MultipleResponsesGet200Model201ModelDefaultError200ValidResponse::Ok(r) =>
                eq("body", r.body, a("200"))
        ),
        answer!(
            "ResponsesScenarioB201MatchingModel",
            get200_model201_model_default_error201_valid,
            201,
            mr::MultipleResponsesGet200Model201ModelDefaultError201ValidResponse::Created(r) =>
                eq(
                    "body",
                    r.body,
                    B {
                        status_code: Some("201".to_string()),
                        text_status_code: Some("Created".to_string()),
                        ..B::default()
                    },
                )
        ),
        fails!(
            "ResponsesScenarioB400DefaultModel",
            multiple_responses.get200_model201_model_default_error400_valid,
            400,
            error_model(Some("client error"))
        ),
        // 200: A, 201: C, 404: D, default: Error.
        answer!(
            "ResponsesScenarioC200MatchingModel",
            get200_model_a201_model_c404_model_d_default_error200_valid,
            200,
            mr::MultipleResponsesGet200ModelA201ModelC404ModelDDefaultError200ValidResponse::Ok(r) =>
                eq("body", r.body, a("200"))
        ),
        answer!(
            "ResponsesScenarioC201MatchingModel",
            get200_model_a201_model_c404_model_d_default_error201_valid,
            201,
            mr::MultipleResponsesGet200ModelA201ModelC404ModelDDefaultError201ValidResponse::Created(r) =>
                eq("body", r.body, C { http_code: Some("201".to_string()) })
        ),
        // A documented 404 with its own model, not `x-ms-error-response`: an answer in AutoRest.
        answer!(
            "ResponsesScenarioC404MatchingModel",
            get200_model_a201_model_c404_model_d_default_error404_valid,
            404,
            mr::MultipleResponsesGet200ModelA201ModelC404ModelDDefaultError404ValidResponse::NotFound(r) =>
                eq("body", r.body, D { http_status_code: Some("404".to_string()) })
        ),
        fails!(
            "ResponsesScenarioC400DefaultModel",
            multiple_responses.get200_model_a201_model_c404_model_d_default_error400_valid,
            400,
            error_model(Some("client error"))
        ),
        // 202: none, 204: none, default: Error.
        answer!(
            "ResponsesScenarioD202MatchingNoModel",
            get202_none204_none_default_error202_none,
            202,
            mr::MultipleResponsesGet202None204NoneDefaultError202NoneResponse::Accepted(_) =>
                Ok(())
        ),
        answer!(
            "ResponsesScenarioD204MatchingNoModel",
            get202_none204_none_default_error204_none,
            204,
            mr::MultipleResponsesGet202None204NoneDefaultError204NoneResponse::NoContent(_) =>
                Ok(())
        ),
        fails!(
            "ResponsesScenarioD400DefaultModel",
            multiple_responses.get202_none204_none_default_error400_valid,
            400,
            error_model(Some("client error"))
        ),
        // 202: none, 204: none, default: none. A body on a bodiless answer is not read.
        answer!(
            "ResponsesScenarioE202MatchingInvalid",
            get202_none204_none_default_none202_invalid,
            202,
            mr::MultipleResponsesGet202None204NoneDefaultNone202InvalidResponse::Accepted(_) =>
                Ok(())
        ),
        answer!(
            "ResponsesScenarioE204MatchingNoModel",
            get202_none204_none_default_none204_none,
            204,
            mr::MultipleResponsesGet202None204NoneDefaultNone204NoneResponse::NoContent(_) =>
                Ok(())
        ),
        fails!(
            "ResponsesScenarioE400DefaultNoModel",
            multiple_responses.get202_none204_none_default_none400_none,
            400
        ),
        // `default` has no schema: the body is kept, no model is decoded.
        scenario!(F, "ResponsesScenarioE400DefaultInvalid", |c| {
            match client(&c)
                .multiple_responses()
                .get202_none204_none_default_none400_invalid()
                .await
            {
                Ok(r) => Err(format!("want an error with status 400, got {r:?}")),
                Err(e) => {
                    error_is(&e, 400, None)?;
                    eq(
                        "error body",
                        e.body(),
                        Some(&br#"{"property":"value"}"#[..]),
                    )
                }
            }
        }),
        // 200: A, no default.
        body!(
            "ResponsesScenarioF200DefaultModel",
            get_default_model_a200_valid,
            a("200")
        ),
        // An empty body is the empty value of a model without required properties.
        body!(
            "ResponsesScenarioF200DefaultNone",
            get_default_model_a200_none,
            MyException::default()
        ),
        // 200: none, default: A. (The route names are swapped: `Model` sends no body, `None`
        // sends one.)
        fails!(
            "ResponsesScenarioF400DefaultModel",
            multiple_responses.get_default_model_a400_valid,
            400
        ),
        fails!(
            "ResponsesScenarioF400DefaultNone",
            multiple_responses.get_default_model_a400_none,
            400,
            Some(ErrorModel::MyException(Box::new(a_with_other(
                "property", "value"
            ))))
        ),
        // 200: none; the body of a bodiless answer is not read.
        ok!(
            "ResponsesScenarioG200DefaultInvalid",
            multiple_responses.get_default_none200_invalid,
            200
        ),
        ok!(
            "ResponsesScenarioG200DefaultNoModel",
            multiple_responses.get_default_none200_none,
            200
        ),
        fails!(
            "ResponsesScenarioG400DefaultInvalid",
            multiple_responses.get_default_none400_invalid,
            400
        ),
        fails!(
            "ResponsesScenarioG400DefaultNoModel",
            multiple_responses.get_default_none400_none,
            400
        ),
        // 200: A, no default: other statuses are errors without a model.
        body!(
            "ResponsesScenarioH200MatchingNone",
            get200_model_a200_none,
            MyException::default()
        ),
        body!(
            "ResponsesScenarioH200MatchingModel",
            get200_model_a200_valid,
            a("200")
        ),
        // A property the model does not name is kept (additional properties).
        body!(
            "ResponsesScenarioH200MatchingInvalid",
            get200_model_a200_invalid,
            a_with_other("statusCodeInvalid", "200")
        ),
        fails!(
            "ResponsesScenarioH400NonMatchingNone",
            multiple_responses.get200_model_a400_none,
            400
        ),
        fails!(
            "ResponsesScenarioH400NonMatchingModel",
            multiple_responses.get200_model_a400_valid,
            400
        ),
        fails!(
            "ResponsesScenarioH400NonMatchingInvalid",
            multiple_responses.get200_model_a400_invalid,
            400
        ),
        // Only 200 is documented: a 202 is not that answer.
        fails!(
            "ResponsesScenarioH202NonMatchingModel",
            multiple_responses.get200_model_a202_valid,
            202
        ),
        fails!(
            "ResponsesScenarioEmptyErrorBody",
            http_failure.get_empty_error,
            400,
            error_model(Some(""))
        ),
        // No error model documented: none decoded, the body kept as sent.
        scenario!(F, "ResponsesScenarioNoModelErrorBody", |c| {
            match client(&c).http_failure().get_no_model_error().await {
                Ok(r) => Err(format!("want an error with status 400, got {r:?}")),
                Err(e) => {
                    error_is(&e, 400, None)?;
                    eq(
                        "error body",
                        e.body(),
                        Some(&br#"{"message":"NoErrorModel"}"#[..]),
                    )
                }
            }
        }),
        fails!(
            "ResponsesScenarioNoModelEmptyBody",
            http_failure.get_no_model_empty,
            400
        ),
    ]
}

fn success() -> Vec<Scenario> {
    vec![
        ok!("HttpSuccess200Head", http_success.head200, 200),
        scenario!(F, "HttpSuccess200Get", |c| {
            let r = client(&c).http_success().get200().await.check("call")?;
            eq("body", r.body, Default::default())
        }),
        ok!(
            "HttpSuccess200Put",
            http_success
                .put200
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpSuccess200Post",
            http_success
                .post200
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpSuccess200Patch",
            http_success
                .patch200
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpSuccess200Delete",
            http_success
                .delete200
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpSuccess201Put",
            http_success
                .put201
                .boolean_value(HttpFailureGetEmptyError200::default()),
            201
        ),
        ok!(
            "HttpSuccess201Post",
            http_success
                .post201
                .boolean_value(HttpFailureGetEmptyError200::default()),
            201
        ),
        ok!(
            "HttpSuccess202Put",
            http_success
                .put202
                .boolean_value(HttpFailureGetEmptyError200::default()),
            202
        ),
        ok!(
            "HttpSuccess202Post",
            http_success
                .post202
                .boolean_value(HttpFailureGetEmptyError200::default()),
            202
        ),
        ok!(
            "HttpSuccess202Patch",
            http_success
                .patch202
                .boolean_value(HttpFailureGetEmptyError200::default()),
            202
        ),
        ok!(
            "HttpSuccess202Delete",
            http_success
                .delete202
                .boolean_value(HttpFailureGetEmptyError200::default()),
            202
        ),
        ok!("HttpSuccess204Head", http_success.head204, 204),
        ok!(
            "HttpSuccess204Put",
            http_success
                .put204
                .boolean_value(HttpFailureGetEmptyError200::default()),
            204
        ),
        ok!(
            "HttpSuccess204Post",
            http_success_2
                .post204
                .boolean_value(HttpFailureGetEmptyError200::default()),
            204
        ),
        ok!(
            "HttpSuccess204Patch",
            http_success
                .patch204
                .boolean_value(HttpFailureGetEmptyError200::default()),
            204
        ),
        ok!(
            "HttpSuccess204Delete",
            http_success
                .delete204
                .boolean_value(HttpFailureGetEmptyError200::default()),
            204
        ),
        // HEAD 404 is documented: "does not exist" is an answer, not an error.
        ok!("HttpSuccess404Head", http_success.head404, 404),
    ]
}

fn redirects() -> Vec<Scenario> {
    vec![
        // 300 is never followed; a documented 3xx is returned.
        ok!("HttpRedirect300Head", http_redirects.head300, 300),
        ok!("HttpRedirect300Get", http_redirects.get300, 300),
        // 301/302 of GET and HEAD are followed to a 200.
        ok!("HttpRedirect301Head", http_redirects.head301, 200),
        ok!("HttpRedirect301Get", http_redirects.get301, 200),
        ok!("HttpRedirect302Head", http_redirects.head302, 200),
        ok!("HttpRedirect302Get", http_redirects.get302, 200),
        // 301 of PUT and 302 of PATCH are not followed (the Location is a 500): returned.
        ok!(
            "HttpRedirect301Put",
            http_redirects
                .put301
                .boolean_value(HttpFailureGetEmptyError200::default()),
            301
        ),
        ok!(
            "HttpRedirect302Patch",
            http_redirects
                .patch302
                .boolean_value(HttpFailureGetEmptyError200::default()),
            302
        ),
        // 303 of POST: followed with GET.
        ok!(
            "HttpRedirect303Post",
            http_redirects
                .post303
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        // 307: followed with the same method and body.
        ok!("HttpRedirect307Head", http_redirects.head307, 200),
        ok!("HttpRedirect307Get", http_redirects.get307, 200),
        ok!("HttpRedirect307Options", http_redirects.options307, 200),
        ok!(
            "HttpRedirect307Put",
            http_redirects_2
                .put307
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRedirect307Post",
            http_redirects
                .post307
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRedirect307Patch",
            http_redirects
                .patch307
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRedirect307Delete",
            http_redirects
                .delete307
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
    ]
}

fn failures() -> Vec<Scenario> {
    vec![
        fails!("HttpClientFailure400Head", http_client_failure.head400, 400),
        fails!("HttpClientFailure400Get", http_client_failure.get400, 400),
        fails!(
            "HttpClientFailure400Options",
            http_client_failure.options400,
            400
        ),
        fails!(
            "HttpClientFailure400Put",
            http_client_failure
                .put400
                .boolean_value(HttpFailureGetEmptyError200::default()),
            400
        ),
        fails!(
            "HttpClientFailure400Post",
            http_client_failure
                .post400
                .boolean_value(HttpFailureGetEmptyError200::default()),
            400
        ),
        fails!(
            "HttpClientFailure400Patch",
            http_client_failure
                .patch400
                .boolean_value(HttpFailureGetEmptyError200::default()),
            400
        ),
        fails!(
            "HttpClientFailure400Delete",
            http_client_failure
                .delete400
                .boolean_value(HttpFailureGetEmptyError200::default()),
            400
        ),
        fails!("HttpClientFailure401Head", http_client_failure.head401, 401),
        fails!("HttpClientFailure402Get", http_client_failure.get402, 402),
        fails!("HttpClientFailure403Get", http_client_failure.get403, 403),
        fails!(
            "HttpClientFailure403Options",
            http_client_failure.options403,
            403
        ),
        fails!(
            "HttpClientFailure404Put",
            http_client_failure
                .put404
                .boolean_value(HttpFailureGetEmptyError200::default()),
            404
        ),
        fails!(
            "HttpClientFailure405Patch",
            http_client_failure
                .patch405
                .boolean_value(HttpFailureGetEmptyError200::default()),
            405
        ),
        fails!(
            "HttpClientFailure406Post",
            http_client_failure
                .post406
                .boolean_value(HttpFailureGetEmptyError200::default()),
            406
        ),
        fails!(
            "HttpClientFailure407Delete",
            http_client_failure
                .delete407
                .boolean_value(HttpFailureGetEmptyError200::default()),
            407
        ),
        fails!(
            "HttpClientFailure409Put",
            http_client_failure
                .put409
                .boolean_value(HttpFailureGetEmptyError200::default()),
            409
        ),
        fails!("HttpClientFailure410Head", http_client_failure.head410, 410),
        fails!("HttpClientFailure411Get", http_client_failure.get411, 411),
        fails!("HttpClientFailure412Get", http_client_failure.get412, 412),
        fails!(
            "HttpClientFailure412Options",
            http_client_failure.options412,
            412
        ),
        fails!(
            "HttpClientFailure413Put",
            http_client_failure
                .put413
                .boolean_value(HttpFailureGetEmptyError200::default()),
            413
        ),
        fails!(
            "HttpClientFailure414Patch",
            http_client_failure
                .patch414
                .boolean_value(HttpFailureGetEmptyError200::default()),
            414
        ),
        fails!(
            "HttpClientFailure415Post",
            http_client_failure
                .post415
                .boolean_value(HttpFailureGetEmptyError200::default()),
            415
        ),
        fails!("HttpClientFailure416Get", http_client_failure.get416, 416),
        fails!(
            "HttpClientFailure417Delete",
            http_client_failure
                .delete417
                .boolean_value(HttpFailureGetEmptyError200::default()),
            417
        ),
        fails!("HttpClientFailure429Head", http_client_failure.head429, 429),
        fails!("HttpServerFailure501Head", http_server_failure.head501, 501),
        fails!("HttpServerFailure501Get", http_server_failure.get501, 501),
        fails!(
            "HttpServerFailure505Post",
            http_server_failure
                .post505
                .boolean_value(HttpFailureGetEmptyError200::default()),
            505
        ),
        fails!(
            "HttpServerFailure505Delete",
            http_server_failure
                .delete505
                .boolean_value(HttpFailureGetEmptyError200::default()),
            505
        ),
        // Retried (the route fails the first attempt, tracked in a cookie), then 200.
        ok!("HttpRetry408Head", http_retry.head408, 200),
        ok!(
            "HttpRetry500Put",
            http_retry
                .put500
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRetry500Patch",
            http_retry
                .patch500
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!("HttpRetry502Get", http_retry.get502, 200),
        // The retried answer is a `200` with no body, and the documented body is a constant
        // (`enum: [true]`): the constant fills it.
        scenario!(F, "HttpRetry502Options", |c| {
            let r = client(&c).http_retry().options502().await.check("call")?;
            eq("status", r.status().as_u16(), 200)?;
            eq("body", r.body, HttpFailureGetEmptyError200::True)
        }),
        ok!(
            "HttpRetry503Post",
            http_retry
                .post503
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRetry503Delete",
            http_retry
                .delete503
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRetry504Put",
            http_retry
                .put504
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
        ok!(
            "HttpRetry504Patch",
            http_retry
                .patch504
                .boolean_value(HttpFailureGetEmptyError200::default()),
            200
        ),
    ]
}
