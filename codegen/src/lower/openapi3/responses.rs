//! OpenAPI 3 responses: `content` with one or several media types, typed headers.

use serde_json::Value;

use super::super::context::Lowerer;
use super::super::shared::{parse_status, status_key};
use super::super::value::{object, opt_object};
use crate::ir::{Header, Response, ResponseBody, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

const RESPONSE_FIELDS: &[&str] = &["description", "headers", "content", "links"];
const HEADER_FIELDS: &[&str] = &[
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "schema",
    "example",
    "examples",
    "content",
];

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
        let reference = response;
        let (loc, response) = cx.res.deref(&at, response)?;
        object(&loc, response)?;
        cx.warn_unknown_keys(&loc, response, RESPONSE_FIELDS, "a response");
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
            description: super::params::described(cx, &at, reference, &loc, response)?,
            body,
            headers: headers(cx, &loc, response, &hint)?,
            rust_name,
            answer: false,
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
/// types of one response must share a schema to be decoded the same way: another schema gets a
/// warning), else streamed.
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
    for (other, other_entry) in content {
        let at = content_loc.key(other);
        cx.warn_unknown_keys(
            &at,
            other_entry,
            super::params::MEDIA_TYPE_FIELDS,
            "a media type",
        );
        if other == media {
            continue;
        }
        if is_json(media) && !is_json(other) {
            cx.warn(
                &at,
                format!("only JSON is decoded: a `{other}` body is read as JSON like `{media}`"),
            );
        } else if other_entry.get("schema") != entry.get("schema") {
            cx.warn(
                &at.key("schema"),
                format!("the response is decoded by the schema of `{media}`: another schema for `{other}` is not supported"),
            );
        }
    }
    let ty = match entry.get("schema") {
        Some(schema) => cx.schema_type(&content_loc.key(media).key("schema"), schema, hint)?,
        None if is_json(media) => TypeRef::Any,
        None => TypeRef::Binary,
    };
    let xml_media = crate::lower::xml::is_xml_body(std::slice::from_ref(media));
    Ok(match ty {
        TypeRef::Binary => ResponseBody::Binary { media_types },
        TypeRef::String { .. } if !is_json(media) && !xml_media => {
            ResponseBody::Text { media_types }
        }
        ty if xml_media => {
            let schema = entry.get("schema").unwrap_or(&Value::Null);
            let xml = cx.xml_object(&content_loc.key(media).key("schema"), schema);
            ResponseBody::Json {
                ty,
                media_types,
                nullable: false,
                xml: Some(xml.unwrap_or_default()),
            }
        }
        _ if !is_json(media) => ResponseBody::Binary { media_types },
        ty => ResponseBody::Json {
            ty,
            media_types,
            nullable: false,
            xml: None,
        },
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
        let reference_loc = loc.key("headers").key(name);
        if name.eq_ignore_ascii_case("content-type") {
            cx.warn(
                &reference_loc,
                "a response header named `Content-Type` is ignored, as OpenAPI 3 says",
            );
            continue;
        }
        let (at, target) = cx.res.deref(&reference_loc, header)?;
        cx.warn_unknown_keys(&at, target, HEADER_FIELDS, "a header");
        let (schema_loc, schema) = super::params::parameter_schema(cx, &at, target)?;
        let ty = match schema {
            Some(schema) => cx.schema_type(&schema_loc, schema, &format!("{hint}_{name}"))?,
            None => TypeRef::String { format: None },
        };
        out.push(Header {
            prefix: None,
            name: name.clone(),
            rust_name: names.claim(naming::value_name(name)),
            ty,
            description: super::params::described(cx, &reference_loc, header, &at, target)?,
        });
    }
    Ok(out)
}
