//! OpenAPI 3 parameters (with `schema` or `content`, `style`/`explode`) and request bodies.

use serde_json::Value;

use super::super::context::Lowerer;
use super::super::schema::last_segment;
use super::super::shared::merged_parameters;
use super::super::value::{opt_bool, opt_object, opt_str, req_str, text};
use crate::ir::{BodyKind, CollectionFormat, Location, ModelKind, Parameter, RequestBody, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

const PARAMETER_FIELDS: &[&str] = &[
    "name",
    "in",
    "description",
    "required",
    "deprecated",
    "allowEmptyValue",
    "style",
    "explode",
    "allowReserved",
    "schema",
    "example",
    "examples",
    "content",
];
const REQUEST_BODY_FIELDS: &[&str] = &["description", "content", "required"];
pub(super) const MEDIA_TYPE_FIELDS: &[&str] = &["schema", "example", "examples", "encoding"];

/// Header parameters that OpenAPI 3 says to ignore: the client sets them from the media types
/// (`Accept`, `Content-Type`) and from its credentials (`Authorization`).
const IGNORED_HEADERS: &[&str] = &["accept", "content-type", "authorization"];

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
        let name = req_str(loc, param, "name")?;
        if req_str(loc, param, "in")? == "header"
            && IGNORED_HEADERS.contains(&name.to_ascii_lowercase().as_str())
        {
            cx.warn(
                loc,
                format!("the header parameter `{name}` is ignored, as OpenAPI 3 says: the client sets it (`Accept` and `Content-Type` from the media types, `Authorization` from its credentials)"),
            );
            continue;
        }
        let lowered = parameter(cx, loc, param, stem, &mut names)?;
        let mut extensions = super::super::grouping::InputExtensions::default();
        extensions.read(cx, loc, param, &lowered.rust_name)?;
        if !extensions.is_empty() {
            let known = cx.input_extensions.entry(op_loc.clone()).or_default();
            known.grouped.extend(extensions.grouped);
        }
        out.push(lowered);
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
    cx.warn_unknown_keys(loc, param, PARAMETER_FIELDS, "a parameter");
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
    let (schema_loc, schema) = parameter_schema(cx, loc, param)?;
    let ty = match schema {
        Some(schema) => cx.schema_type(&schema_loc, schema, &hint)?,
        None => TypeRef::String { format: None },
    };
    let ty = if ty == TypeRef::Binary {
        cx.warn(
            &schema_loc,
            "binary content is only sent as a request body: this parameter is sent as text",
        );
        TypeRef::String { format: None }
    } else {
        ty
    };
    let style = opt_str(loc, param, "style")?;
    let explode = opt_bool(loc, param, "explode")?;
    let deep_array = matches!(ty, TypeRef::Array { .. })
        && location == Location::Query
        && style == Some("deepObject");
    let wire_name = if deep_array {
        deep_object_array_name(cx, loc, name)
    } else {
        name.to_owned()
    };
    let collection_format = match &ty {
        TypeRef::Array { .. } => Some(collection_format(loc, location, style, explode)?),
        _ => {
            // A `content` parameter (`application/json`) is meant to be sent as JSON text.
            let by_content = param.get("schema").is_none() && param.get("content").is_some();
            let object = !by_content
                && match &ty {
                    TypeRef::Map { .. } => true,
                    TypeRef::Model { name } => cx
                        .model(name)
                        .is_some_and(|m| matches!(m.kind, ModelKind::Struct(_))),
                    _ => false,
                };
            let at = if style.is_some() {
                loc.key("style")
            } else {
                loc.clone()
            };
            let default_style = if matches!(location, Location::Query | Location::Cookie) {
                "form"
            } else {
                "simple"
            };
            if object {
                cx.warn(
                    &at,
                    format!(
                        "an object-valued parameter is sent as its JSON text: the `{}` style for objects is not supported",
                        style.unwrap_or(default_style)
                    ),
                );
            } else if let Some(
                style @ ("deepObject" | "label" | "matrix" | "spaceDelimited" | "pipeDelimited"),
            ) = style
            {
                cx.warn(
                    &at,
                    format!("`style: {style}` is not supported for a single value: sent as `{default_style}`"),
                );
            }
            None
        }
    };
    let client_name = opt_str(loc, param, "x-ms-client-name")?
        .unwrap_or(name)
        .to_owned();
    let default = schema.and_then(|s| s.get("default")).cloned();
    Ok(Parameter {
        header_prefix: None,
        name: wire_name,
        rust_name: {
            let claimed = naming::claim_parameter(names, &client_name, None, &loc.pointer);
            cx.named(loc, claimed, "the Rust name of the parameter")
        },
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

/// The wire name of an array parameter with `style: deepObject`, which OpenAPI defines for
/// objects only: `name[]`, repeated per item (`expand[]=a&expand[]=b`), as Stripe reads it and
/// as Rails, PHP and `qs` write arrays; a name that already ends in `[]` is kept.
fn deep_object_array_name(cx: &mut Lowerer<'_>, loc: &Loc, name: &str) -> String {
    let wire = if name.ends_with("[]") {
        name.to_owned()
    } else {
        format!("{name}[]")
    };
    cx.warn(
        &loc.key("style"),
        format!("`style: deepObject` is defined for objects only: this array is sent as `{wire}=a&{wire}=b` (Stripe's convention)"),
    );
    wire
}

/// A parameter's (or a header's) schema: `schema`, or the schema of its single `content` entry
/// (OpenAPI 3 allows exactly one; the others get a warning).
pub(super) fn parameter_schema<'a>(
    cx: &mut Lowerer<'_>,
    loc: &Loc,
    param: &'a Value,
) -> Result<(Loc, Option<&'a Value>)> {
    if let Some(schema) = param.get("schema") {
        return Ok((loc.key("schema"), Some(schema)));
    }
    if let Some(content) = opt_object(loc, param, "content")?
        && let Some((media, entry)) = content.iter().next()
    {
        let entry_loc = loc.key("content").key(media);
        cx.warn_unknown_keys(&entry_loc, entry, MEDIA_TYPE_FIELDS, "a media type");
        for other in content.keys().skip(1) {
            cx.warn(
                &loc.key("content").key(other),
                format!(
                    "`content` may have only one entry: `{other}` is ignored, `{media}` is used"
                ),
            );
        }
        return Ok((entry_loc.key("schema"), entry.get("schema")));
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
        // Repeated as `name[]` (see `deep_object_array_name`).
        ("deepObject", _) if location == Location::Query => CollectionFormat::Multi,
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
    let reference = body;
    let (loc, body) = cx.res.deref(&op_loc.key("requestBody"), body)?;
    cx.warn_unknown_keys(&loc, body, REQUEST_BODY_FIELDS, "a request body");
    // OpenAPI 3 requires a media type, but peers take a body without one as no body.
    let content = opt_object(&loc, body, "content")?;
    let Some((content, (first, entry))) = content.and_then(|c| Some((c, c.iter().next()?))) else {
        let at = if body.get("content").is_some() {
            loc.key("content")
        } else {
            loc.clone()
        };
        cx.warn(
            &at,
            "a request body without media types (`content` missing or empty) is ignored: the operation sends no body",
        );
        return Ok(None);
    };
    let media_types: Vec<String> = content.keys().cloned().collect();
    let entry_loc = loc.key("content").key(first);
    let schema_loc = entry_loc.key("schema");
    let schema = entry.get("schema");
    let hint = format!("{stem}_body");
    let essence = media_essence(first);
    for (media, other) in content {
        let at = loc.key("content").key(media);
        cx.warn_unknown_keys(&at, other, MEDIA_TYPE_FIELDS, "a media type");
        if other.get("encoding").is_some() {
            cx.warn(
                &at.key("encoding"),
                "`encoding` is not supported: each form field is sent with its default content type",
            );
        }
        if media == first {
            continue;
        }
        if encoding_family(&media_essence(media)) != encoding_family(&essence) {
            cx.warn(
                &at,
                format!("`{media}` needs another encoding than `{first}`: a body sent as `{media}` is still encoded as `{first}` is"),
            );
        } else if other.get("schema") != schema {
            cx.warn(
                &at.key("schema"),
                format!("the body is typed by the schema of `{first}`: another schema for `{media}` is not supported"),
            );
        }
    }
    let kind = if essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data"
    {
        let fields = form_fields(cx, &schema_loc, schema, stem, names)?;
        if essence == "multipart/form-data"
            || binary_in_url_encoded(cx, &schema_loc, schema, &fields)?
        {
            BodyKind::Multipart { fields }
        } else {
            BodyKind::Form { fields }
        }
    } else {
        let ty = match schema {
            Some(schema) => cx.schema_type(&schema_loc, schema, &hint)?,
            None if super::responses::is_json(&essence) => TypeRef::Any,
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
    let xml = (matches!(kind, BodyKind::Json { .. })
        && crate::lower::xml::is_xml_body(std::slice::from_ref(&essence)))
    .then(|| {
        cx.xml_object(&schema_loc, schema.unwrap_or(&Value::Null))
            .unwrap_or_default()
    });
    // `x-ms-client-flatten` and `x-ms-parameter-grouping` on the request body (as AutoRest's
    // OpenAPI 3 input has them).
    let mut extensions = super::super::grouping::InputExtensions::default();
    extensions.read_body(cx, &loc, body, rust_name)?;
    if !extensions.is_empty() {
        let known = cx.input_extensions.entry(op_loc.clone()).or_default();
        known.grouped.extend(extensions.grouped);
        known.flatten_body = known.flatten_body.take().or(extensions.flatten_body);
    }
    Ok(Some(RequestBody {
        name: "body".to_owned(),
        rust_name: rust_name.to_owned(),
        required: opt_bool(&loc, body, "required")?.unwrap_or(false),
        kind,
        description: described(cx, &op_loc.key("requestBody"), reference, &loc, body)?,
        media_types,
        pointer: loc.pointer.clone(),
        xml,
    }))
}

/// The essence of a media type: lower case, without parameters.
pub(super) fn media_essence(media: &str) -> String {
    media
        .split(';')
        .next()
        .unwrap_or(media)
        .trim()
        .to_ascii_lowercase()
}

/// How a body of this media type is encoded: JSON, a form, multipart, text or bytes.
fn encoding_family(essence: &str) -> &'static str {
    match essence {
        "application/x-www-form-urlencoded" => "form",
        "multipart/form-data" => "multipart",
        e if super::responses::is_json(e) => "json",
        e if e.starts_with("text/") => "text",
        _ => "bytes",
    }
}

/// The `description` of a reference object's target, or (OpenAPI 3.1) the reference object's
/// own, which replaces it.
pub(super) fn described(
    cx: &Lowerer<'_>,
    reference_loc: &Loc,
    reference: &Value,
    target_loc: &Loc,
    target: &Value,
) -> Result<Option<String>> {
    if cx.ref_siblings_apply
        && reference.get("$ref").is_some()
        && let Some(own) = text(reference_loc, reference, "description")?
    {
        return Ok(Some(own));
    }
    text(target_loc, target, "description")
}

/// The properties of a form body's object schema, as form fields.
/// Whether a url-encoded form has a binary field (`format: binary`), which cannot be sent so:
/// the body is then sent as `multipart/form-data`, as a Swagger 2.0 form with a `type: file`
/// field is (a warning at each such field).
fn binary_in_url_encoded(
    cx: &mut Lowerer<'_>,
    schema_loc: &Loc,
    schema: Option<&Value>,
    fields: &[Parameter],
) -> Result<bool> {
    let Some(schema) = schema else {
        return Ok(false);
    };
    // The fields' pointers are in the file of the schema they were read from.
    let file = cx.res.deref(schema_loc, schema)?.0.file;
    let mut binary = false;
    for field in fields.iter().filter(|f| f.ty == TypeRef::Binary) {
        let at = Loc {
            file: file.clone(),
            pointer: field.pointer.clone(),
        };
        cx.warn(
            &at,
            format!("the binary field `{}` cannot be sent url-encoded: the form is sent as `multipart/form-data`", field.name),
        );
        binary = true;
    }
    Ok(binary)
}

fn form_fields(
    cx: &mut Lowerer<'_>,
    schema_loc: &Loc,
    schema: Option<&Value>,
    stem: &str,
    parameters: &[Parameter],
) -> Result<Vec<Parameter>> {
    let Some(schema) = schema else {
        return Ok(Vec::new());
    };
    let (schema_loc, schema) = cx.res.deref(schema_loc, schema)?;
    let required: Vec<String> = super::super::value::str_list(&schema_loc, schema, "required")?;
    // Form fields are setters of the same request builder as the parameters.
    let mut names = naming::Scope::with_reserved(naming::REQUEST_MEMBERS);
    for p in parameters {
        names.claim_at(p.rust_name.clone(), &p.pointer);
    }
    let mut fields = Vec::new();
    if let Some(props) = opt_object(&schema_loc, schema, "properties")? {
        for (name, prop) in props {
            let prop_loc = schema_loc.key("properties").key(name);
            let ty = cx.schema_type(&prop_loc, prop, &format!("{stem}_{name}"))?;
            let collection_format =
                matches!(ty, TypeRef::Array { .. }).then_some(CollectionFormat::Multi);
            fields.push(Parameter {
                header_prefix: None,
                name: name.clone(),
                client_name: name.clone(),
                rust_name: {
                    let claimed =
                        naming::claim_parameter(&mut names, name, None, &prop_loc.pointer);
                    cx.named(&prop_loc, claimed, "the Rust name of the form field")
                },
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
