//! `x-ms-long-running-operation` and `x-ms-long-running-operation-options` to
//! [`Polling`]: how the client polls a long-running operation and where it reads the final
//! result. Shared by Swagger 2.0 and OpenAPI 3 (where the extensions sit on the operation too).

use serde_json::Value;

use super::context::Lowerer;
use super::value::{object, opt_str};
use crate::Result;
use crate::ir::{FinalStateVia, Polling, Response, ResponseBody, TypeRef};
use crate::resolve::Loc;

const LRO: &str = "x-ms-long-running-operation";
const OPTIONS: &str = "x-ms-long-running-operation-options";

/// The polling description of the operation `op` (at `op_loc`, with HTTP `method` in upper
/// case and its lowered `responses`), or `None` when it is not long-running.
///
/// Lenient: a non-boolean `x-ms-long-running-operation` other than `false`/`null` counts as
/// `true` with a warning; an unknown `final-state-via` is a warning and the method's default
/// applies; options on an operation that is not long-running are a warning and ignored.
pub(crate) fn polling(
    cx: &mut Lowerer<'_>,
    op_loc: &Loc,
    op: &Value,
    method: &str,
    responses: &[Response],
) -> Result<Option<Polling>> {
    let long_running = match op.get(LRO) {
        None | Some(Value::Null) | Some(Value::Bool(false)) => false,
        Some(Value::Bool(true)) => true,
        Some(other) => {
            cx.warn(
                &op_loc.key(LRO),
                format!("`{LRO}` should be a boolean, found `{other}`; taken as `true`"),
            );
            true
        }
    };
    let options_loc = op_loc.key(OPTIONS);
    let options = op.get(OPTIONS).filter(|v| !v.is_null());
    if !long_running {
        if options.is_some() {
            cx.warn(
                &options_loc,
                format!("`{OPTIONS}` on an operation that is not `{LRO}: true`; ignored"),
            );
        }
        return Ok(None);
    }
    let mut explicit = None;
    if let Some(options) = options {
        object(&options_loc, options)?;
        if let Some(via) = opt_str(&options_loc, options, "final-state-via")? {
            explicit = match via.to_ascii_lowercase().as_str() {
                "azure-async-operation" => Some(FinalStateVia::AzureAsyncOperation),
                "location" => Some(FinalStateVia::Location),
                "original-uri" => Some(FinalStateVia::OriginalUri),
                "operation-location" => Some(FinalStateVia::OperationLocation),
                _ => {
                    cx.warn(
                        &options_loc.key("final-state-via"),
                        format!(
                            "unknown `final-state-via` `{via}` (expected `azure-async-operation`, \
                             `location`, `original-uri` or `operation-location`); the default \
                             for `{method}` applies"
                        ),
                    );
                    None
                }
            };
        }
    }
    Ok(Some(Polling {
        final_state_via: explicit.unwrap_or_else(|| default_final_state(method)),
        explicit: explicit.is_some(),
        result: result_type(responses),
    }))
}

/// AutoRest's default when `final-state-via` is not given: the resource at the original URI
/// for `PUT` and `PATCH`, the `Location` for `POST`, and the status monitor's last answer for
/// anything else (a `DELETE` has nothing to read afterwards).
fn default_final_state(method: &str) -> FinalStateVia {
    match method {
        "PUT" | "PATCH" => FinalStateVia::OriginalUri,
        "POST" => FinalStateVia::Location,
        _ => FinalStateVia::AzureAsyncOperation,
    }
}

/// The final result's type: the body of the documented `200`, else of the `201`, else of the
/// first other documented `2xx` that has one (`202` bodies describe the resource in the
/// test server's and many Azure specs); JSON, or text as a `String`.
fn result_type(responses: &[Response]) -> Option<TypeRef> {
    let body = |response: &Response| match response.body.as_ref()? {
        ResponseBody::Json { ty, .. } => Some(ty.clone()),
        ResponseBody::Text { .. } => Some(TypeRef::String { format: None }),
        ResponseBody::Binary { .. } => None,
    };
    [200, 201]
        .into_iter()
        .find_map(|status| {
            responses
                .iter()
                .find(|r| r.status == Some(status))
                .and_then(body)
        })
        .or_else(|| {
            responses
                .iter()
                .filter(|r| r.status.is_some_and(|s| (200..300).contains(&s)))
                .find_map(body)
        })
}
