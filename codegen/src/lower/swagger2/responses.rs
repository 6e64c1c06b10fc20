//! Swagger 2.0 responses: status codes (string or integer keys), bodies, typed headers.

use serde_json::Value;

use super::super::context::Lowerer;
use super::super::shared::{parse_status, status_key};
use super::super::value::{object, opt_object, text};
use crate::ir::{Header, Response, ResponseBody, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// Lowers `responses` into the documented ones and the `default` one.
pub(super) fn lower_responses(
    cx: &mut Lowerer<'_>,
    op_loc: &Loc,
    op: &Value,
    stem: &str,
    produces: &[String],
) -> Result<(Vec<Response>, Option<Response>)> {
    let responses = opt_object(op_loc, op, "responses")?
        .ok_or_else(|| op_loc.error(ErrorKind::Invalid, "an operation needs `responses`"))?;
    let mut documented = Vec::new();
    let mut default = None;
    for (key, response) in responses {
        if key.starts_with("x-") {
            continue;
        }
        let at = op_loc.key("responses").key(key);
        let (status, status_range, rust_name) = parse_status(&at, key)?;
        let (loc, response) = cx.res.deref(&at, response)?;
        object(&loc, response)?;
        let hint = format!("{stem}_{}", status_key(key));
        let body = match response.get("schema") {
            Some(schema) => Some(body(cx, &loc.key("schema"), schema, &hint, produces)?),
            None => None,
        };
        let answer = parse_status_is_error(status, status_range.as_deref())
            && response.get("x-ms-error-response").and_then(Value::as_bool) != Some(true);
        let lowered = Response {
            status,
            status_range,
            description: text(&loc, response, "description")?,
            body,
            headers: headers(cx, &loc, response, &hint)?,
            rust_name,
            answer,
        };
        if key == "default" {
            default = Some(lowered);
        } else {
            documented.push(lowered);
        }
    }
    if default.is_none() {
        // Without a `default` for the errors, documented 4xx/5xx are the errors.
        for response in &mut documented {
            response.answer = false;
        }
    }
    Ok((documented, default))
}

/// A specific 4xx/5xx status (ranges like `4XX` stay errors).
fn parse_status_is_error(status: Option<u16>, range: Option<&str>) -> bool {
    range.is_none() && status.is_some_and(|s| s >= 400)
}

fn body(
    cx: &mut Lowerer<'_>,
    at: &Loc,
    schema: &Value,
    hint: &str,
    produces: &[String],
) -> Result<ResponseBody> {
    let ty = cx.schema_type(at, schema, hint)?;
    let nullable = schema.get("x-nullable").and_then(Value::as_bool) == Some(true);
    let media_types = |default: &str| {
        if produces.is_empty() {
            vec![default.to_owned()]
        } else {
            produces.to_vec()
        }
    };
    Ok(match ty {
        TypeRef::Binary => ResponseBody::Binary {
            media_types: media_types("application/octet-stream"),
        },
        TypeRef::String { .. }
            if !produces.is_empty() && produces.iter().all(|p| p.starts_with("text/")) =>
        {
            ResponseBody::Text {
                media_types: produces.to_vec(),
            }
        }
        ty => {
            let media_types = media_types("application/json");
            let xml = crate::lower::xml::is_xml_body(&media_types)
                .then(|| cx.xml_object(at, schema).unwrap_or_default());
            ResponseBody::Json {
                ty,
                media_types,
                nullable,
                xml,
            }
        }
    })
}

fn headers(cx: &mut Lowerer<'_>, loc: &Loc, response: &Value, hint: &str) -> Result<Vec<Header>> {
    let Some(headers) = opt_object(loc, response, "headers")? else {
        return Ok(Vec::new());
    };
    let mut names = naming::Scope::with_reserved(naming::RESPONSE_MEMBERS);
    let mut out = Vec::new();
    for (name, header) in headers {
        let at = loc.key("headers").key(name);
        let (at, header) = cx.res.deref(&at, header)?;
        let prefix = crate::lower::shared::header_prefix(cx, &at, header);
        let ty = match prefix {
            Some(_) => crate::lower::shared::header_map(),
            None => cx.schema_type(&at, header, &format!("{hint}_{name}"))?,
        };
        out.push(Header {
            name: name.clone(),
            rust_name: names.claim(naming::value_name(name)),
            ty,
            description: text(&at, header, "description")?,
            prefix,
        });
    }
    Ok(out)
}
