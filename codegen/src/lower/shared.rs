//! Rules shared by every input format: path keys, path parameters, security requirements.

use indexmap::IndexMap;
use serde_json::Value;

use super::context::Lowerer;
use super::value::{object, opt_array, req_str};
use crate::ir::{Location, Parameter, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// Every `{name}` in the path template must have an `in: path` parameter.
pub(crate) fn check_path_parameters(
    op_loc: &Loc,
    path: &str,
    parameters: &[Parameter],
) -> Result<()> {
    for placeholder in crate::ir::placeholders(path) {
        let found = parameters
            .iter()
            .any(|p| p.location == Location::Path && p.name == placeholder);
        if !found {
            return Err(op_loc.error(
                ErrorKind::Invalid,
                format!("the path template has `{{{placeholder}}}` but the operation has no `in: path` parameter named `{placeholder}`"),
            ));
        }
    }
    Ok(())
}

/// `/v2/{name}/blobs/uploads/?mode=resumable` -> (`/v2/{name}/blobs/uploads/`, {mode: resumable}).
/// A query value that is a template (`?visibilitytimeout={visibilityTimeout}`, as Azure's
/// `x-ms-paths` keys have them) is no constant: the operation's query parameter of that name
/// sends it, and an optional one is left out when it has no value ([`query_templates`]).
pub(crate) fn split_path_key(at: &Loc, raw: &str) -> Result<(String, IndexMap<String, String>)> {
    if !raw.starts_with('/') {
        return Err(at.error(
            ErrorKind::Invalid,
            format!("a path must start with `/`: `{raw}`"),
        ));
    }
    let Some((path, query)) = raw.split_once('?') else {
        return Ok((raw.to_owned(), IndexMap::new()));
    };
    let mut constants = IndexMap::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        if !is_template(value) {
            constants.insert(key.to_owned(), value.to_owned());
        }
    }
    Ok((path.to_owned(), constants))
}

/// The names of the query parameters that a path key's query has as templates:
/// `/q/messages?visibilitytimeout={visibilityTimeout}&peekonly=true` -> `["visibilitytimeout"]`.
pub(crate) fn query_templates(raw: &str) -> Vec<&str> {
    let Some((_, query)) = raw.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(_, value)| is_template(value))
        .map(|(key, _)| key)
        .collect()
}

/// `{name}`: a value filled in from a parameter.
fn is_template(value: &str) -> bool {
    value.len() > 2 && value.starts_with('{') && value.ends_with('}')
}

/// Warns about each query template of the path key `raw` whose operation declares no query
/// parameter of that name: nothing sends it.
pub(crate) fn check_query_templates(
    cx: &mut Lowerer<'_>,
    item_loc: &Loc,
    raw: &str,
    parameters: &[Parameter],
) {
    for name in query_templates(raw) {
        let declared = parameters
            .iter()
            .any(|p| p.location == Location::Query && p.name == name);
        if !declared {
            cx.warn(
                item_loc,
                format!("the path key's query has `{name}` as a template, but the operation declares no query parameter `{name}`: it is not sent"),
            );
        }
    }
}

/// The scheme names of a `security` requirement list, if the object has one.
pub(crate) fn security_names(at: &Loc, value: &Value) -> Result<Option<Vec<String>>> {
    if value.get("security").is_none() {
        return Ok(None);
    }
    let mut names: Vec<String> = Vec::new();
    for (i, requirement) in super::value::opt_array(at, value, "security")?
        .iter()
        .enumerate()
    {
        for name in object(&at.key("security").index(i), requirement)?.keys() {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    Ok(Some(names))
}

/// The scopes that the security requirements of `doc` (its own, and those of the operations
/// under `paths` and `x-ms-paths`) ask of the scheme `scheme`, in order of first use. The
/// requirements' shape is checked where they are read (`security_names`); what is not a list of
/// strings here is skipped.
pub(crate) fn oauth2_scopes(doc: &Value, scheme: &str) -> Vec<String> {
    let operations = ["paths", "x-ms-paths"]
        .into_iter()
        .filter_map(|section| doc.get(section)?.as_object())
        .flat_map(|paths| paths.values())
        .filter_map(Value::as_object)
        .flat_map(|item| item.values());
    let mut scopes: Vec<String> = Vec::new();
    for holder in std::iter::once(doc).chain(operations) {
        let requirements = holder.get("security").and_then(Value::as_array);
        for requirement in requirements.into_iter().flatten() {
            let asked = requirement.get(scheme).and_then(Value::as_array);
            for scope in asked.into_iter().flatten().filter_map(Value::as_str) {
                if !scopes.iter().any(|s| s == scope) {
                    scopes.push(scope.to_owned());
                }
            }
        }
    }
    scopes
}

/// The parameters of a path item and of one of its operations, each `$ref` followed: path-level
/// ones first; an operation-level parameter with the same name and location replaces the
/// path-level one in place; the same parameter twice in one list is an error.
pub(crate) fn merged_parameters(
    cx: &Lowerer<'_>,
    item_loc: &Loc,
    item: &Value,
    op_loc: &Loc,
    op: &Value,
) -> Result<Vec<(Loc, Value)>> {
    let mut merged = parameter_list(cx, item_loc, item)?;
    let inherited = merged.len();
    for (loc, value) in parameter_list(cx, op_loc, op)? {
        let key = wire_key(&value);
        if let Some(index) = merged[..inherited]
            .iter()
            .position(|(_, v)| wire_key(v) == key)
        {
            merged[index] = (loc, value);
        } else if merged[inherited..].iter().any(|(_, v)| wire_key(v) == key) {
            let (name, location) = key;
            return Err(loc.error(
                ErrorKind::Duplicate,
                format!("parameter `{name}` (in: {location}) is listed twice"),
            ));
        } else {
            merged.push((loc, value));
        }
    }
    Ok(merged)
}

fn parameter_list(cx: &Lowerer<'_>, owner_loc: &Loc, owner: &Value) -> Result<Vec<(Loc, Value)>> {
    let mut out = Vec::new();
    for (i, param) in opt_array(owner_loc, owner, "parameters")?
        .iter()
        .enumerate()
    {
        let (loc, value) = cx.res.deref(&owner_loc.key("parameters").index(i), param)?;
        req_str(&loc, value, "name")?;
        req_str(&loc, value, "in")?;
        let mut value = value.clone();
        // OpenAPI 3.1: a reference object's `description` replaces the target's.
        if cx.ref_siblings_apply
            && param.get("$ref").is_some()
            && let (Some(own), Some(object)) = (param.get("description"), value.as_object_mut())
        {
            object.insert("description".to_owned(), own.clone());
        }
        out.push((loc, value));
    }
    Ok(out)
}

/// A parameter's identity: its name and location.
fn wire_key(param: &Value) -> (String, String) {
    let get = |k: &str| {
        param
            .get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    (get("name"), get("in"))
}

/// `info.title`, `info.version` and `info.description` of a document.
pub(crate) fn info(root: &Loc, doc: &Value) -> Result<(String, String, Option<String>)> {
    let at = root.key("info");
    let info = doc
        .get("info")
        .ok_or_else(|| root.error(ErrorKind::Invalid, "`info` is required"))?;
    Ok((
        req_str(&at, info, "title")?.to_owned(),
        req_str(&at, info, "version")?.to_owned(),
        super::value::text(&at, info, "description")?,
    ))
}

/// Every named schema of the object at `at` (`definitions`, `components.schemas`) becomes a
/// model, in document order, whether used or not: all are reserved first, so that the order does
/// not depend on which refers to which.
pub(crate) fn lower_named_schemas(
    cx: &mut Lowerer<'_>,
    at: &Loc,
    schemas: &serde_json::Map<String, Value>,
) -> Result<()> {
    for (name, schema) in schemas {
        cx.reserve(at.key(name), name.clone());
        cx.enum_names.record(&at.key(name), schema, name);
    }
    for (name, schema) in schemas {
        cx.named_model(&at.key(name), schema, name)?;
    }
    Ok(())
}

/// A response key as a status code, a `2XX` range or `default`, with its Rust case name.
pub(crate) fn parse_status(at: &Loc, key: &str) -> Result<(Option<u16>, Option<String>, String)> {
    if key == "default" {
        return Ok((None, None, "Default".to_owned()));
    }
    if let Ok(code) = key.parse::<u16>()
        && (100..600).contains(&code)
    {
        return Ok((Some(code), None, naming::status_name(code)));
    }
    let bytes = key.as_bytes();
    if bytes.len() == 3 && (b'1'..=b'5').contains(&bytes[0]) && key[1..].eq_ignore_ascii_case("xx")
    {
        return Ok((
            None,
            Some(key.to_uppercase()),
            naming::status_range_name(key),
        ));
    }
    Err(at.error(
        ErrorKind::Invalid,
        format!("`{key}` is not a status code (expected 100-599, `2XX` or `default`)"),
    ))
}

/// The part of a synthesized model name that stands for a response key (`default` -> `error`).
pub(crate) fn status_key(key: &str) -> &str {
    if key == "default" { "error" } else { key }
}

/// The one host parameter of a document that names no server: the full base URL, verbatim.
pub(crate) fn endpoint_parameter(root: &Loc, description: &str) -> Parameter {
    Parameter {
        header_prefix: None,
        name: "endpoint".to_owned(),
        client_name: "endpoint".to_owned(),
        rust_name: "endpoint".to_owned(),
        location: Location::Host,
        required: true,
        skip_url_encoding: true,
        client_level: true,
        ty: crate::ir::TypeRef::String {
            format: Some("uri".to_owned()),
        },
        default: None,
        collection_format: None,
        description: Some(description.to_owned()),
        pointer: root.pointer.clone(),
    }
}

/// `x-ms-header-collection-prefix` of a header parameter or response header (`x-ms-meta-`):
/// the header is a map of every header with that prefix. A value that is not a non-empty string
/// is a warning, and the header is an ordinary one.
pub(crate) fn header_prefix(cx: &mut Lowerer<'_>, at: &Loc, header: &Value) -> Option<String> {
    let value = header.get("x-ms-header-collection-prefix")?;
    match value.as_str() {
        Some(prefix) if !prefix.is_empty() => Some(prefix.to_owned()),
        _ => {
            cx.warn(
                &at.key("x-ms-header-collection-prefix"),
                "`x-ms-header-collection-prefix` is not a non-empty string: ignored",
            );
            None
        }
    }
}

/// The type of a header collection: a map of strings (whatever type the spec declares for the
/// header, which describes one value).
pub(crate) fn header_map() -> TypeRef {
    TypeRef::Map {
        values: Box::new(TypeRef::String { format: None }),
    }
}
