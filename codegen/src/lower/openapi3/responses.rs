//! OpenAPI 3 responses: `content` with one or several media types, typed headers.

use serde_json::Value;

use super::super::context::Lowerer;
use super::super::shared::{parse_status, status_key};
use super::super::value::{object, opt_object, text};
use crate::ir::{Header, Response, ResponseBody, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

pub(super) struct Lowered {
    pub responses: Vec<Response>,
    pub default: Option<Response>,
    /// Every media type any response may come as, in order of first appearance.
    pub produces: Vec<String>,
}

pub(super) fn lower_responses(
    cx: &mut Lowerer<'_>,
    op_loc: &Loc,
    op: &Value,
    stem: &str,
) -> Result<Lowered> {
    let responses = opt_object(op_loc, op, "responses")?
        .ok_or_else(|| op_loc.error(ErrorKind::Invalid, "an operation needs `responses`"))?;
    let mut out = Lowered {
        responses: Vec::new(),
        default: None,
        produces: Vec::new(),
    };
    for (key, response) in responses {
        if key.starts_with("x-") {
            continue;
        }
        let at = op_loc.key("responses").key(key);
        let (status, status_range, rust_name) = parse_status(&at, key)?;
        let (loc, response) = cx.res.deref(&at, response)?;
        object(&loc, response)?;
        let hint = format!("{stem}_{}", status_key(key));
        let body = match opt_object(&loc, response, "content")? {
            Some(content) if !content.is_empty() => {
                for media in content.keys() {
                    if !out.produces.contains(media) {
                        out.produces.push(media.clone());
                    }
                }
                Some(body(cx, &loc.key("content"), content, &hint)?)
            }
            _ => None,
        };
        if response.get("links").is_some() {
            cx.warn(
                &loc.key("links"),
                "response `links` are not supported; ignored",
            );
        }
        let lowered = Response {
            status,
            status_range,
            description: text(&loc, response, "description")?,
            body,
            headers: headers(cx, &loc, response, &hint)?,
            rust_name,
        };
        if key == "default" {
            out.default = Some(lowered);
        } else {
            out.responses.push(lowered);
        }
    }
    Ok(out)
}

/// The body of a response: decoded by the schema of its first JSON media type (all JSON media
/// types of one response must share a schema to be decoded the same way), else streamed.
fn body(
    cx: &mut Lowerer<'_>,
    content_loc: &Loc,
    content: &serde_json::Map<String, Value>,
    hint: &str,
) -> Result<ResponseBody> {
    let media_types: Vec<String> = content.keys().cloned().collect();
    let json = content.iter().find(|(media, _)| is_json(media));
    let Some((media, entry)) = json.or_else(|| content.iter().next()) else {
        return Ok(ResponseBody::Binary { media_types });
    };
    let ty = match entry.get("schema") {
        Some(schema) => cx.schema_type(&content_loc.key(media).key("schema"), schema, hint)?,
        None => TypeRef::Binary,
    };
    Ok(match ty {
        TypeRef::Binary => ResponseBody::Binary { media_types },
        TypeRef::String { .. } if !is_json(media) => ResponseBody::Text { media_types },
        _ if !is_json(media) => ResponseBody::Binary { media_types },
        ty => ResponseBody::Json { ty, media_types },
    })
}

/// `application/json`, `text/json` and any `+json` structured syntax.
pub(crate) fn is_json(media: &str) -> bool {
    let essence = media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence == "text/json" || essence.ends_with("+json")
}

fn headers(cx: &mut Lowerer<'_>, loc: &Loc, response: &Value, hint: &str) -> Result<Vec<Header>> {
    let Some(headers) = opt_object(loc, response, "headers")? else {
        return Ok(Vec::new());
    };
    let mut names = naming::Scope::with_reserved(naming::RESPONSE_MEMBERS);
    let mut out = Vec::new();
    for (name, header) in headers {
        let (at, header) = cx.res.deref(&loc.key("headers").key(name), header)?;
        let ty = match header.get("schema") {
            Some(schema) => cx.schema_type(&at.key("schema"), schema, &format!("{hint}_{name}"))?,
            None => TypeRef::String { format: None },
        };
        out.push(Header {
            name: name.clone(),
            rust_name: names.claim(naming::value_name(name)),
            ty,
            description: text(&at, header, "description")?,
        });
    }
    Ok(out)
}
