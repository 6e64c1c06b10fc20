//! Swagger 2.0 parameters: path, query, header, body and formData, host parameters.

use serde_json::{Map, Value};

use super::super::context::Lowerer;
use super::super::schema::last_segment;
use super::super::shared::merged_parameters;
use super::super::value::{object, opt_array, opt_bool, opt_str, req_str, text};
use crate::ir::{BodyKind, CollectionFormat, Location, Parameter, RequestBody, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// An operation's lowered parameters.
pub(super) struct Lowered {
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
}

/// Lowers path-level then operation-level parameters (an operation-level parameter with the same
/// name and location replaces the path-level one in place).
pub(super) fn lower_parameters(
    cx: &mut Lowerer<'_>,
    item_loc: &Loc,
    op_loc: &Loc,
    op: &Value,
    stem: &str,
    consumes: &[String],
) -> Result<Lowered> {
    let item = cx.res.get(item_loc).cloned().unwrap_or(Value::Null);
    let raw = merged_parameters(cx, item_loc, &item, op_loc, op)?;

    let mut names = naming::Scope::with_reserved(naming::REQUEST_MEMBERS);
    let mut parameters = Vec::new();
    let mut form_fields = Vec::new();
    let mut body = None;
    let mut extensions = super::super::grouping::InputExtensions::default();
    for (loc, param) in &raw {
        // Every parameter has a name (the body's is read again by `body_parameter`).
        req_str(loc, param, "name")?;
        let before = (parameters.len(), form_fields.len(), body.is_some());
        match req_str(loc, param, "in")? {
            "body" => {
                body = Some(body_parameter(cx, loc, param, stem, consumes, &mut names)?);
            }
            "formData" => form_fields.push(simple_parameter(
                cx,
                loc,
                param,
                Location::Form,
                stem,
                &mut names,
            )?),
            at @ ("path" | "query" | "header") => {
                let location = match at {
                    "path" => Location::Path,
                    "query" => Location::Query,
                    _ => Location::Header,
                };
                parameters.push(simple_parameter(
                    cx, loc, param, location, stem, &mut names,
                )?);
            }
            other => {
                return Err(loc.key("in").error(ErrorKind::Invalid, format!("unknown parameter location `{other}` (expected path, query, header, body or formData)")));
            }
        }
        // The input this parameter became, for its extensions.
        let input = if parameters.len() > before.0 {
            parameters.last().map(|p: &Parameter| p.rust_name.clone())
        } else if form_fields.len() > before.1 {
            form_fields.last().map(|p: &Parameter| p.rust_name.clone())
        } else if !before.2 {
            body.as_ref().map(|b: &RequestBody| b.rust_name.clone())
        } else {
            None
        };
        if let Some(input) = input {
            extensions.read(cx, loc, param, &input)?;
        }
    }
    if !extensions.is_empty() {
        cx.input_extensions.insert(op_loc.clone(), extensions);
    }
    if !form_fields.is_empty() {
        if body.is_some() {
            return Err(op_loc.error(
                ErrorKind::Invalid,
                "an operation cannot have both a body parameter and formData parameters",
            ));
        }
        body = Some(form_body(op_loc, form_fields, consumes, &mut names));
    }
    Ok(Lowered { parameters, body })
}

/// The body of an `in: body` parameter.
fn body_parameter(
    cx: &mut Lowerer<'_>,
    loc: &Loc,
    param: &Value,
    stem: &str,
    consumes: &[String],
    names: &mut naming::Scope,
) -> Result<RequestBody> {
    let name = req_str(loc, param, "name")?;
    let schema_loc = loc.key("schema");
    let schema = param
        .get("schema")
        .ok_or_else(|| loc.error(ErrorKind::Invalid, "a body parameter needs a `schema`"))?;
    let ty = cx.schema_type(&schema_loc, schema, &format!("{stem}_{name}"))?;
    let required = opt_bool(loc, param, "required")?.unwrap_or(false);
    let client_name = opt_str(loc, param, "x-ms-client-name")?.unwrap_or(name);
    let (kind, default_type) = match ty {
        TypeRef::Binary => (BodyKind::Binary, "application/octet-stream"),
        ty => (BodyKind::Json { ty }, "application/json"),
    };
    let media_types = media_types(consumes, default_type);
    let xml = (matches!(kind, BodyKind::Json { .. })
        && crate::lower::xml::is_xml_body(&media_types))
    .then(|| cx.xml_object(&schema_loc, schema).unwrap_or_default());
    Ok(RequestBody {
        name: name.to_owned(),
        rust_name: {
            let claimed = naming::claim_parameter(names, client_name, None, &loc.pointer);
            cx.named(loc, claimed, "the Rust name of the body parameter")
        },
        required,
        kind,
        description: text(loc, param, "description")?,
        media_types,
        pointer: loc.pointer.clone(),
        xml,
    })
}

/// The body made of the `formData` parameters: multipart when a field is a file or the
/// operation consumes `multipart/form-data`, else URL-encoded.
fn form_body(
    op_loc: &Loc,
    form_fields: Vec<Parameter>,
    consumes: &[String],
    names: &mut naming::Scope,
) -> RequestBody {
    let multipart = form_fields.iter().any(|f| f.ty == TypeRef::Binary)
        || consumes
            .iter()
            .any(|c| c.starts_with("multipart/form-data"));
    let required = form_fields.iter().any(|f| f.required);
    let (kind, default_type) = if multipart {
        (
            BodyKind::Multipart {
                fields: form_fields,
            },
            "multipart/form-data",
        )
    } else {
        (
            BodyKind::Form {
                fields: form_fields,
            },
            "application/x-www-form-urlencoded",
        )
    };
    RequestBody {
        name: "form".to_owned(),
        rust_name: names.claim("form".to_owned()),
        required,
        kind,
        description: None,
        media_types: media_types(consumes, default_type),
        pointer: op_loc.pointer.clone(),
        xml: None,
    }
}

/// Host parameters of `x-ms-parameterized-host` (client-level unless
/// `x-ms-parameter-location: method`).
pub(super) fn lower_host_parameters(
    cx: &mut Lowerer<'_>,
    at: &Loc,
    ph: &Value,
) -> Result<Vec<Parameter>> {
    let mut names = naming::Scope::with_reserved(naming::HOST_MEMBERS);
    let mut out = Vec::new();
    for (i, param) in opt_array(at, ph, "parameters")?.iter().enumerate() {
        let (loc, value) = cx.res.deref(&at.key("parameters").index(i), param)?;
        let value = host_as_text(cx, &loc, value);
        let mut p = simple_parameter(cx, &loc, &value, Location::Host, "Host", &mut names)?;
        p.client_level = opt_str(&loc, &value, "x-ms-parameter-location")? != Some("method");
        p.required = true;
        out.push(p);
    }
    Ok(out)
}

/// A host parameter as text: the host template is text, so an `enum` becomes the documented
/// list of its values and another `type` becomes `string` (with a warning).
fn host_as_text(cx: &mut Lowerer<'_>, loc: &Loc, param: &Value) -> Value {
    let mut param = param.clone();
    let Some(object) = param.as_object_mut() else {
        return param;
    };
    if let Some(Value::Array(values)) = object.shift_remove("enum") {
        object.shift_remove("x-ms-enum");
        let listed: Vec<String> = values
            .iter()
            .map(|v| match v {
                Value::String(s) => format!("`{s}`"),
                other => format!("`{other}`"),
            })
            .collect();
        let known = format!("Known values: {}.", listed.join(", "));
        let description = match object.get("description").and_then(Value::as_str) {
            Some(d) if !d.trim().is_empty() => format!("{} {known}", d.trim_end()),
            _ => known,
        };
        object.insert("description".to_owned(), Value::String(description));
    }
    match object.get("type").and_then(Value::as_str) {
        Some("string") | None => {}
        Some(other) => {
            cx.warn(
                &loc.key("type"),
                format!("a host parameter of `type: {other}` is passed as text"),
            );
            object.insert("type".to_owned(), Value::String("string".to_owned()));
        }
    }
    param
}

/// A non-body parameter. Its type keywords (`type`, `format`, `items`, `enum`, ...) are read as a
/// schema; an enum becomes a model named after the shared parameter (`#/parameters/X`) or after
/// the operation and the parameter.
fn simple_parameter(
    cx: &mut Lowerer<'_>,
    loc: &Loc,
    param: &Value,
    location: Location,
    stem: &str,
    names: &mut naming::Scope,
) -> Result<Parameter> {
    let name = req_str(loc, param, "name")?;
    let schema = schema_of(object(loc, param)?);
    let hint = if loc.pointer.starts_with("#/parameters/") {
        last_segment(loc)
    } else {
        format!("{stem}_{name}")
    };
    let header_prefix = (location == Location::Header)
        .then(|| crate::lower::shared::header_prefix(cx, loc, param))
        .flatten();
    let mut ty = match header_prefix {
        Some(_) => crate::lower::shared::header_map(),
        None => cx.schema_type(loc, &schema, &hint)?,
    };
    if ty == TypeRef::Binary && location != Location::Form {
        cx.warn(
            &loc.key("type"),
            "a file is only sent as a form field: this parameter is sent as text",
        );
        ty = TypeRef::String { format: None };
    }
    let client_name = opt_str(loc, param, "x-ms-client-name")?
        .unwrap_or(name)
        .to_owned();
    let collection_format = match (&ty, opt_str(loc, param, "collectionFormat")?) {
        (TypeRef::Array { .. }, None | Some("csv")) => Some(CollectionFormat::Csv),
        (TypeRef::Array { .. }, Some("ssv")) => Some(CollectionFormat::Ssv),
        (TypeRef::Array { .. }, Some("tsv")) => Some(CollectionFormat::Tsv),
        (TypeRef::Array { .. }, Some("pipes")) => Some(CollectionFormat::Pipes),
        (TypeRef::Array { .. }, Some("multi"))
            if matches!(location, Location::Query | Location::Form) =>
        {
            Some(CollectionFormat::Multi)
        }
        (TypeRef::Array { .. }, Some(other)) => {
            cx.warn(
                &loc.key("collectionFormat"),
                format!(
                    "`collectionFormat: {other}` is not valid for this parameter: `csv` is used"
                ),
            );
            Some(CollectionFormat::Csv)
        }
        (_, None) => None,
        (_, Some(other)) => {
            cx.warn(
                &loc.key("collectionFormat"),
                format!("`collectionFormat: {other}` applies to arrays only: ignored"),
            );
            None
        }
    };
    Ok(Parameter {
        name: name.to_owned(),
        rust_name: {
            let header = (location == Location::Header).then_some(name);
            let claimed = naming::claim_parameter(names, &client_name, header, &loc.pointer);
            cx.named(loc, claimed, "the Rust name of the parameter")
        },
        client_name,
        location,
        required: location == Location::Path || opt_bool(loc, param, "required")?.unwrap_or(false),
        skip_url_encoding: opt_bool(loc, param, "x-ms-skip-url-encoding")?.unwrap_or(false),
        client_level: opt_str(loc, param, "x-ms-parameter-location")? == Some("client"),
        ty,
        // `x-ms-client-default` is AutoRest's client-side default: sent unless set, like
        // `default` (see the emitter's `spec_default`).
        default: param
            .get("default")
            .or_else(|| param.get("x-ms-client-default"))
            .cloned(),
        collection_format,
        description: text(loc, param, "description")?,
        pointer: loc.pointer.clone(),
        header_prefix,
    })
}

/// The schema keywords of a Swagger 2.0 non-body parameter.
fn schema_of(param: &Map<String, Value>) -> Value {
    const KEYS: &[&str] = &[
        "type",
        "format",
        "items",
        "enum",
        "x-ms-enum",
        "default",
        "x-nullable",
    ];
    Value::Object(
        param
            .iter()
            .filter(|(k, _)| KEYS.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
    )
}

fn media_types(consumes: &[String], default: &str) -> Vec<String> {
    if consumes.is_empty() {
        vec![default.to_owned()]
    } else {
        consumes.to_vec()
    }
}
