//! OpenAPI 3 parameters (with `schema` or `content`, `style`/`explode`) and request bodies.

use serde_json::Value;

use super::super::context::Lowerer;
use super::super::schema::last_segment;
use super::super::shared::merged_parameters;
use super::super::value::{opt_bool, opt_object, opt_str, req_str, text};
use crate::ir::{BodyKind, CollectionFormat, Location, Parameter, RequestBody, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// Lowers the path item's and the operation's parameters.
pub(super) fn lower_parameters(
    cx: &mut Lowerer<'_>,
    item_loc: &Loc,
    item: &Value,
    op_loc: &Loc,
    op: &Value,
    stem: &str,
) -> Result<Vec<Parameter>> {
    let raw = merged_parameters(cx, item_loc, item, op_loc, op)?;
    let mut names = naming::Scope::with_reserved(naming::REQUEST_MEMBERS);
    let mut out = Vec::new();
    for (loc, param) in &raw {
        out.push(parameter(cx, loc, param, stem, &mut names)?);
    }
    Ok(out)
}

fn parameter(
    cx: &mut Lowerer<'_>,
    loc: &Loc,
    param: &Value,
    stem: &str,
    names: &mut naming::Scope,
) -> Result<Parameter> {
    let name = req_str(loc, param, "name")?;
    let location = match req_str(loc, param, "in")? {
        "path" => Location::Path,
        "query" => Location::Query,
        "header" => Location::Header,
        "cookie" => Location::Cookie,
        other => {
            return Err(loc.key("in").error(
                ErrorKind::Invalid,
                format!(
                    "unknown parameter location `{other}` (expected path, query, header or cookie)"
                ),
            ));
        }
    };
    let hint = if loc.pointer.contains("/components/parameters/") {
        last_segment(loc)
    } else {
        format!("{stem}_{name}")
    };
    let (schema_loc, schema) = parameter_schema(loc, param)?;
    let ty = match schema {
        Some(schema) => cx.schema_type(&schema_loc, schema, &hint)?,
        None => TypeRef::String { format: None },
    };
    let style = opt_str(loc, param, "style")?;
    let explode = opt_bool(loc, param, "explode")?;
    let collection_format = match &ty {
        TypeRef::Array { .. } => Some(collection_format(loc, location, style, explode)?),
        _ => None,
    };
    let client_name = opt_str(loc, param, "x-ms-client-name")?
        .unwrap_or(name)
        .to_owned();
    let default = schema.and_then(|s| s.get("default")).cloned();
    Ok(Parameter {
        name: name.to_owned(),
        rust_name: names.claim(naming::value_name(&client_name)),
        client_name,
        location,
        required: location == Location::Path || opt_bool(loc, param, "required")?.unwrap_or(false),
        skip_url_encoding: opt_bool(loc, param, "x-ms-skip-url-encoding")?.unwrap_or(false)
            || opt_bool(loc, param, "allowReserved")?.unwrap_or(false),
        client_level: opt_str(loc, param, "x-ms-parameter-location")? == Some("client"),
        ty,
        default,
        collection_format,
        description: text(loc, param, "description")?,
        pointer: loc.pointer.clone(),
    })
}

/// A parameter's schema: `schema`, or the schema of its single `content` entry.
fn parameter_schema<'a>(loc: &Loc, param: &'a Value) -> Result<(Loc, Option<&'a Value>)> {
    if let Some(schema) = param.get("schema") {
        return Ok((loc.key("schema"), Some(schema)));
    }
    if let Some(content) = opt_object(loc, param, "content")?
        && let Some((media, entry)) = content.iter().next()
    {
        return Ok((
            loc.key("content").key(media).key("schema"),
            entry.get("schema"),
        ));
    }
    Ok((loc.clone(), None))
}

/// `style`/`explode` as a collection format (defaults: `form` + explode for query and cookie,
/// `simple` for path and header).
fn collection_format(
    loc: &Loc,
    location: Location,
    style: Option<&str>,
    explode: Option<bool>,
) -> Result<CollectionFormat> {
    let style = style.unwrap_or(match location {
        Location::Query | Location::Cookie => "form",
        _ => "simple",
    });
    let explode = explode.unwrap_or(style == "form");
    Ok(match (style, explode) {
        ("form", true) => CollectionFormat::Multi,
        ("form", false) | ("simple", _) => CollectionFormat::Csv,
        ("spaceDelimited", _) => CollectionFormat::Ssv,
        ("pipeDelimited", _) => CollectionFormat::Pipes,
        (other, _) => {
            return Err(loc.key("style").error(
                ErrorKind::Unsupported,
                format!("parameter style `{other}` is not supported for arrays"),
            ));
        }
    })
}

/// The request body: its media types in document order (the first is the default; the caller may
/// choose another), encoded as the first media type says.
pub(super) fn lower_request_body(
    cx: &mut Lowerer<'_>,
    op_loc: &Loc,
    op: &Value,
    stem: &str,
    names: &mut [Parameter],
) -> Result<Option<RequestBody>> {
    let Some(body) = op.get("requestBody") else {
        return Ok(None);
    };
    let (loc, body) = cx.res.deref(&op_loc.key("requestBody"), body)?;
    let content = opt_object(&loc, body, "content")?
        .ok_or_else(|| loc.error(ErrorKind::Invalid, "a request body needs `content`"))?;
    let Some((first, entry)) = content.iter().next() else {
        return Err(loc
            .key("content")
            .error(ErrorKind::Invalid, "a request body's `content` is empty"));
    };
    let media_types: Vec<String> = content.keys().cloned().collect();
    let entry_loc = loc.key("content").key(first);
    let schema_loc = entry_loc.key("schema");
    let schema = entry.get("schema");
    let hint = format!("{stem}_body");
    let essence = first
        .split(';')
        .next()
        .unwrap_or(first)
        .trim()
        .to_ascii_lowercase();
    let kind = if essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data"
    {
        let fields = form_fields(cx, &schema_loc, schema, stem)?;
        if essence == "multipart/form-data" {
            BodyKind::Multipart { fields }
        } else {
            BodyKind::Form { fields }
        }
    } else {
        let ty = match schema {
            Some(schema) => cx.schema_type(&schema_loc, schema, &hint)?,
            None => TypeRef::Binary,
        };
        if ty == TypeRef::Binary || essence == "application/octet-stream" {
            BodyKind::Binary
        } else if essence.starts_with("text/") && matches!(ty, TypeRef::String { .. }) {
            BodyKind::Text
        } else {
            BodyKind::Json { ty }
        }
    };
    let taken: Vec<&str> = names.iter().map(|p| p.rust_name.as_str()).collect();
    let rust_name = if taken.contains(&"body") {
        "request_body"
    } else {
        "body"
    };
    Ok(Some(RequestBody {
        name: "body".to_owned(),
        rust_name: rust_name.to_owned(),
        required: opt_bool(&loc, body, "required")?.unwrap_or(false),
        kind,
        description: text(&loc, body, "description")?,
        media_types,
        pointer: loc.pointer.clone(),
    }))
}

/// The properties of a form body's object schema, as form fields.
fn form_fields(
    cx: &mut Lowerer<'_>,
    schema_loc: &Loc,
    schema: Option<&Value>,
    stem: &str,
) -> Result<Vec<Parameter>> {
    let Some(schema) = schema else {
        return Ok(Vec::new());
    };
    let (schema_loc, schema) = cx.res.deref(schema_loc, schema)?;
    let required: Vec<String> = super::super::value::str_list(&schema_loc, schema, "required")?;
    let mut names = naming::Scope::with_reserved(naming::REQUEST_MEMBERS);
    let mut fields = Vec::new();
    if let Some(props) = opt_object(&schema_loc, schema, "properties")? {
        for (name, prop) in props {
            let prop_loc = schema_loc.key("properties").key(name);
            let ty = cx.schema_type(&prop_loc, prop, &format!("{stem}_{name}"))?;
            let collection_format =
                matches!(ty, TypeRef::Array { .. }).then_some(CollectionFormat::Multi);
            fields.push(Parameter {
                name: name.clone(),
                client_name: name.clone(),
                rust_name: names.claim(naming::value_name(name)),
                location: Location::Form,
                required: required.contains(name),
                skip_url_encoding: false,
                client_level: false,
                ty,
                default: prop.get("default").cloned(),
                collection_format,
                description: text(&prop_loc, prop, "description")?,
                pointer: prop_loc.pointer.clone(),
            });
        }
    }
    Ok(fields)
}
