//! Swagger 2.0 documents to the IR: the document, its host and its operations.
//!
//! `paths` and `x-ms-paths` are read in that order; an `x-ms-paths` key's `?a=b` suffix becomes
//! the operation's `query_constants`. Parameters and bodies are in [`params`], responses in
//! [`responses`].

mod params;
mod responses;

use indexmap::IndexMap;
use serde_json::Value;

use super::context::Lowerer;
use super::value::{object, opt_bool, opt_object, opt_str, req_str, str_list, text};
use super::{OperationDraft, Parts};
use crate::ir::{Host, SecurityScheme, SecuritySchemeKind};
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// The fields of a Swagger 2.0 operation object.
const OPERATION_FIELDS: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "consumes",
    "produces",
    "parameters",
    "responses",
    "schemes",
    "deprecated",
    "security",
];

/// Azure extensions on operations that change behaviour the generated client does not have yet:
/// reported, never dropped silently. (`x-ms-examples` is documentation and needs nothing.)
const UNSUPPORTED_OPERATION_EXTENSIONS: &[&str] = &["x-ms-odata", "x-ms-request-id"];

/// Lowers a Swagger 2.0 root document into the format-independent parts.
pub(crate) fn lower(cx: &mut Lowerer<'_>, root: &Loc, doc: &Value) -> Result<Parts> {
    object(root, doc)?;
    let (title, version, description) = super::shared::info(root, doc)?;

    if let Some(definitions) = opt_object(root, doc, "definitions")? {
        super::shared::lower_named_schemas(cx, &root.key("definitions"), definitions)?;
    }

    let host = host(cx, root, doc)?;
    let security = security_schemes(root, doc)?;
    let doc_security = super::shared::security_names(root, doc)?.unwrap_or_default();
    let defaults = DocDefaults {
        consumes: str_list(root, doc, "consumes")?,
        produces: str_list(root, doc, "produces")?,
        security: doc_security,
    };

    let mut operations = Vec::new();
    for section in ["paths", "x-ms-paths"] {
        let Some(paths) = opt_object(root, doc, section)? else {
            continue;
        };
        let section_loc = root.key(section);
        for (raw_path, item) in paths {
            if raw_path.starts_with("x-") {
                continue;
            }
            let item_loc = section_loc.key(raw_path);
            let (item_loc, item) = cx.res.deref(&item_loc, item)?;
            let item = object(&item_loc, item)?;
            let (path, query_constants) = super::shared::split_path_key(&item_loc, raw_path)?;
            for (method, op) in item {
                if METHODS.contains(&method.as_str()) {
                    let op_loc = item_loc.key(method);
                    let draft = operation(
                        cx,
                        &defaults,
                        &item_loc,
                        &op_loc,
                        op,
                        method,
                        &path,
                        &query_constants,
                    )?;
                    super::shared::check_query_templates(cx, &op_loc, raw_path, &draft.parameters);
                    operations.push(draft);
                } else if method != "parameters" && !method.starts_with("x-") {
                    cx.warn(
                        &item_loc.key(method),
                        format!("`{method}` is not an HTTP method of Swagger 2.0; ignored"),
                    );
                }
            }
        }
    }
    Ok(Parts {
        title,
        version,
        description,
        host,
        security,
        operations,
    })
}

/// Document-level defaults that operations inherit.
struct DocDefaults {
    consumes: Vec<String>,
    produces: Vec<String>,
    security: Vec<String>,
}

#[allow(clippy::too_many_arguments)]
fn operation(
    cx: &mut Lowerer<'_>,
    defaults: &DocDefaults,
    item_loc: &Loc,
    op_loc: &Loc,
    op: &Value,
    method: &str,
    path: &str,
    query_constants: &IndexMap<String, String>,
) -> Result<OperationDraft> {
    object(op_loc, op)?;
    cx.warn_unknown_keys(op_loc, op, OPERATION_FIELDS, "a Swagger 2.0 operation");
    for key in UNSUPPORTED_OPERATION_EXTENSIONS {
        // `false` (ACR writes `x-ms-long-running-operation: false`) asks for nothing.
        if op
            .get(*key)
            .is_some_and(|v| v != &Value::Bool(false) && !v.is_null())
        {
            cx.warn(
                &op_loc.key(key),
                format!("`{key}` is not supported: the client does not act on it"),
            );
        }
    }
    let operation_id = opt_str(op_loc, op, "operationId")?.map(str::to_owned);
    let stem = operation_id
        .clone()
        .unwrap_or_else(|| crate::naming::synthesized_operation_id(method, path));
    let consumes = match op.get("consumes") {
        Some(_) => str_list(op_loc, op, "consumes")?,
        None => defaults.consumes.clone(),
    };
    let produces = match op.get("produces") {
        Some(_) => str_list(op_loc, op, "produces")?,
        None => defaults.produces.clone(),
    };
    let lowered = params::lower_parameters(cx, item_loc, op_loc, op, &stem, &consumes)?;
    super::shared::check_path_parameters(op_loc, path, &lowered.parameters)?;
    let (responses, default_response) =
        responses::lower_responses(cx, op_loc, op, &stem, &produces)?;
    let security =
        super::shared::security_names(op_loc, op)?.unwrap_or_else(|| defaults.security.clone());
    let paging = super::paging::read(cx, op_loc, op)?;
    let polling = super::lro::polling(cx, op_loc, op, &method.to_ascii_uppercase(), &responses)?;
    Ok(OperationDraft {
        operation_id,
        method: method.to_ascii_uppercase(),
        path: path.to_owned(),
        query_constants: query_constants.clone(),
        summary: text(op_loc, op, "summary")?,
        description: text(op_loc, op, "description")?,
        deprecated: opt_bool(op_loc, op, "deprecated")?.unwrap_or(false),
        tags: str_list(op_loc, op, "tags")?,
        parameters: lowered.parameters,
        body: lowered.body,
        responses,
        default_response,
        consumes,
        produces,
        security,
        paging,
        loc: op_loc.clone(),
        polling,
    })
}

/// The host: `x-ms-parameterized-host` when present, else `schemes` + `host` + `basePath`, else
/// a synthesized `{endpoint}` parameter (a spec without a host is served from wherever it is).
fn host(cx: &mut Lowerer<'_>, root: &Loc, doc: &Value) -> Result<Host> {
    let base_path = opt_str(root, doc, "basePath")?
        .unwrap_or("")
        .trim_end_matches('/')
        .to_owned();
    if let Some(ph) = doc.get("x-ms-parameterized-host") {
        let at = root.key("x-ms-parameterized-host");
        let template = req_str(&at, ph, "hostTemplate")?
            .trim_end_matches('/')
            .to_owned();
        let use_scheme_prefix = opt_bool(&at, ph, "useSchemePrefix")?.unwrap_or(true);
        let position = opt_str(&at, ph, "positionInOperation")?.unwrap_or("first");
        if position != "first" && position != "last" {
            return Err(at.key("positionInOperation").error(
                ErrorKind::Invalid,
                format!("`positionInOperation` must be `first` or `last`, found `{position}`"),
            ));
        }
        let parameters = params::lower_host_parameters(cx, &at, ph)?;
        for placeholder in crate::ir::placeholders(&template) {
            if !parameters.iter().any(|p| p.name == placeholder) {
                return Err(at.key("hostTemplate").error(
                    ErrorKind::Invalid,
                    format!("`{{{placeholder}}}` in the host template has no parameter"),
                ));
            }
        }
        return Ok(Host {
            template,
            use_scheme_prefix,
            base_path,
            parameters,
            position_in_operation: position.to_owned(),
            alternatives: Vec::new(),
        });
    }
    let schemes = str_list(root, doc, "schemes")?;
    let scheme = if schemes.is_empty() || schemes.iter().any(|s| s == "https") {
        "https"
    } else {
        schemes[0].as_str()
    };
    match opt_str(root, doc, "host")? {
        Some(host) => Ok(Host {
            template: format!("{scheme}://{host}"),
            use_scheme_prefix: false,
            base_path,
            parameters: Vec::new(),
            position_in_operation: "first".to_owned(),
            alternatives: Vec::new(),
        }),
        None => Ok(Host {
            template: "{endpoint}".to_owned(),
            use_scheme_prefix: false,
            base_path,
            parameters: vec![super::shared::endpoint_parameter(
                root,
                "The service's base URL (the document names no host).",
            )],
            position_in_operation: "first".to_owned(),
            alternatives: Vec::new(),
        }),
    }
}

fn security_schemes(root: &Loc, doc: &Value) -> Result<Vec<SecurityScheme>> {
    let Some(defs) = opt_object(root, doc, "securityDefinitions")? else {
        return Ok(Vec::new());
    };
    let mut schemes = Vec::new();
    for (name, def) in defs {
        let at = root.key("securityDefinitions").key(name);
        let kind = match req_str(&at, def, "type")? {
            "basic" => SecuritySchemeKind::Basic,
            "apiKey" => SecuritySchemeKind::ApiKey {
                location: req_str(&at, def, "in")?.to_owned(),
                parameter: req_str(&at, def, "name")?.to_owned(),
            },
            "oauth2" => SecuritySchemeKind::OAuth2 {
                token_url: opt_str(&at, def, "tokenUrl")?.map(str::to_owned),
                scopes: super::shared::oauth2_scopes(doc, name),
            },
            other => {
                return Err(at.key("type").error(
                    ErrorKind::Invalid,
                    format!(
                        "unknown security scheme type `{other}` (expected basic, apiKey or oauth2)"
                    ),
                ));
            }
        };
        schemes.push(SecurityScheme {
            name: name.clone(),
            kind,
            description: text(&at, def, "description")?,
        });
    }
    Ok(schemes)
}
