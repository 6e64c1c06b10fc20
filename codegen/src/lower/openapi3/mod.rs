//! OpenAPI 3.0 and 3.1 documents to the IR: the document, its servers and its operations.
//!
//! Schemas go through the shared [`super::schema`] (which knows 3.1's type arrays, `const`,
//! `contentMediaType` and 3.0's `nullable`); parameters and request bodies are in [`params`],
//! responses in [`responses`]. Constructs without an IR counterpart (`webhooks`, `callbacks`,
//! `links`) are reported as warnings with their JSON pointer.

mod params;
mod responses;

use indexmap::IndexMap;
use serde_json::Value;

use super::context::Lowerer;
use super::shared::{check_path_parameters, check_query_templates, security_names, split_path_key};
use super::value::{object, opt_array, opt_bool, opt_object, opt_str, req_str, str_list, text};
use super::{OperationDraft, Parts};
use crate::ir::{Host, Location, Parameter, SecurityScheme, SecuritySchemeKind, TypeRef};
use crate::naming;
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// The fields of each object the lowering reads (a warning names any other, `x-` aside).
const ROOT_FIELDS: &[&str] = &[
    "openapi",
    "info",
    "jsonSchemaDialect",
    "servers",
    "paths",
    "webhooks",
    "components",
    "security",
    "tags",
    "externalDocs",
];
const COMPONENTS_FIELDS: &[&str] = &[
    "schemas",
    "responses",
    "parameters",
    "examples",
    "requestBodies",
    "headers",
    "securitySchemes",
    "links",
    "callbacks",
    "pathItems",
];
const OPERATION_FIELDS: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "parameters",
    "requestBody",
    "responses",
    "callbacks",
    "deprecated",
    "security",
    "servers",
];
const SERVER_FIELDS: &[&str] = &["url", "description", "variables"];
const SERVER_VARIABLE_FIELDS: &[&str] = &["enum", "default", "description"];

/// Lowers an OpenAPI 3.x root document into the format-independent parts.
pub(crate) fn lower(cx: &mut Lowerer<'_>, root: &Loc, doc: &Value) -> Result<Parts> {
    object(root, doc)?;
    cx.warn_unknown_keys(root, doc, ROOT_FIELDS, "an OpenAPI document");
    if let Some(components) = doc.get("components") {
        cx.warn_unknown_keys(
            &root.key("components"),
            components,
            COMPONENTS_FIELDS,
            "`components`",
        );
    }
    if let Some(dialect) = opt_str(root, doc, "jsonSchemaDialect")?
        && dialect != "https://spec.openapis.org/oas/3.1/dialect/base"
        && dialect != "https://json-schema.org/draft/2020-12/schema"
    {
        cx.warn(
            &root.key("jsonSchemaDialect"),
            format!("schemas are read as JSON Schema 2020-12 (the OpenAPI 3.1 dialect), not as `{dialect}`"),
        );
    }
    let (title, version, description) = super::shared::info(root, doc)?;

    if let Some(schemas) = opt_object(
        &root.key("components"),
        doc.get("components").unwrap_or(&Value::Null),
        "schemas",
    )? {
        super::shared::lower_named_schemas(cx, &root.key("components").key("schemas"), schemas)?;
    }
    for unsupported in ["webhooks"] {
        if doc.get(unsupported).is_some() {
            cx.warn(
                &root.key(unsupported),
                format!("`{unsupported}` are not supported: no client code is generated for them"),
            );
        }
    }

    let host = servers(cx, root, doc)?;
    let security = security_schemes(cx, root, doc)?;
    let doc_security = security_names(root, doc)?.unwrap_or_default();

    let operations = operations(cx, root, doc, &doc_security)?;
    Ok(Parts {
        title,
        version,
        description,
        host,
        security,
        operations,
    })
}

/// The operations of `paths`, in document order.
fn operations(
    cx: &mut Lowerer<'_>,
    root: &Loc,
    doc: &Value,
    doc_security: &[String],
) -> Result<Vec<OperationDraft>> {
    let mut operations = Vec::new();
    let Some(paths) = opt_object(root, doc, "paths")? else {
        return Ok(operations);
    };
    for (raw_path, item) in paths {
        if raw_path.starts_with("x-") {
            continue;
        }
        let item_loc = root.key("paths").key(raw_path);
        let (item_loc, item) = cx.res.deref(&item_loc, item)?;
        let item_map = object(&item_loc, item)?;
        let (path, query_constants) = split_path_key(&item_loc, raw_path)?;
        for (method, op) in item_map {
            if METHODS.contains(&method.as_str()) {
                let at = PathItem {
                    loc: &item_loc,
                    raw_path,
                    item,
                    path: &path,
                    query_constants: &query_constants,
                };
                operations.push(operation(cx, &at, method, op, doc_security)?);
            } else if method == "servers" {
                cx.warn(
                    &item_loc.key(method),
                    "path-level `servers` are not supported: these operations are sent to the client's server",
                );
            } else if !["parameters", "summary", "description", "$ref"].contains(&method.as_str())
                && !method.starts_with("x-")
            {
                cx.warn(
                    &item_loc.key(method),
                    format!("`{method}` is not an HTTP method of OpenAPI 3; ignored"),
                );
            }
        }
    }
    Ok(operations)
}

/// A path item, as its operations see it.
struct PathItem<'p> {
    loc: &'p Loc,
    item: &'p Value,
    /// The path key as written, query template included.
    raw_path: &'p str,
    /// The path without its query constants.
    path: &'p str,
    query_constants: &'p IndexMap<String, String>,
}

/// The operation `op` of the path item `at`, under `method`.
fn operation(
    cx: &mut Lowerer<'_>,
    at: &PathItem<'_>,
    method: &str,
    op: &Value,
    doc_security: &[String],
) -> Result<OperationDraft> {
    let op_loc = at.loc.key(method);
    object(&op_loc, op)?;
    cx.warn_unknown_keys(&op_loc, op, OPERATION_FIELDS, "an operation");
    if op.get("servers").is_some() {
        cx.warn(
            &op_loc.key("servers"),
            "operation-level `servers` are not supported: the operation is sent to the client's server",
        );
    }
    let operation_id = opt_str(&op_loc, op, "operationId")?.map(str::to_owned);
    let stem = operation_id
        .clone()
        .unwrap_or_else(|| naming::synthesized_operation_id(method, at.path));
    let mut parameters = params::lower_parameters(cx, at.loc, at.item, &op_loc, op, &stem)?;
    let body = params::lower_request_body(cx, &op_loc, op, &stem, &mut parameters)?;
    check_path_parameters(&op_loc, at.path, &parameters)?;
    check_query_templates(cx, &op_loc, at.raw_path, &parameters);
    let lowered = responses::lower_responses(cx, &op_loc, op, &stem)?;
    for key in ["callbacks"] {
        if op.get(key).is_some() {
            cx.warn(
                &op_loc.key(key),
                format!("`{key}` are not supported: ignored"),
            );
        }
    }
    let paging = super::paging::read(cx, &op_loc, op)?;
    let consumes = body
        .as_ref()
        .map(|b| b.media_types.clone())
        .unwrap_or_default();
    let polling = super::lro::polling(
        cx,
        &op_loc,
        op,
        &method.to_ascii_uppercase(),
        &lowered.responses,
    )?;
    Ok(OperationDraft {
        operation_id,
        method: method.to_ascii_uppercase(),
        path: at.path.to_owned(),
        query_constants: at.query_constants.clone(),
        summary: text(&op_loc, op, "summary")?,
        description: text(&op_loc, op, "description")?,
        deprecated: opt_bool(&op_loc, op, "deprecated")?.unwrap_or(false),
        tags: str_list(&op_loc, op, "tags")?,
        parameters,
        body,
        responses: lowered.responses,
        default_response: lowered.default,
        consumes,
        produces: lowered.produces,
        security: security_names(&op_loc, op)?.unwrap_or_else(|| doc_security.to_vec()),
        paging,
        loc: op_loc,
        polling,
    })
}

/// `servers[0]` becomes the host template; its variables become host parameters with their
/// defaults; the other servers are listed as alternatives. A relative or missing server URL means
/// "wherever the document is served": an `endpoint` parameter plus the relative path.
fn servers(cx: &mut Lowerer<'_>, root: &Loc, doc: &Value) -> Result<Host> {
    let servers = opt_array(root, doc, "servers")?;
    let Some(first) = servers.first() else {
        return Ok(endpoint_host(root, String::new()));
    };
    let mut alternatives = Vec::new();
    for (i, server) in servers.iter().enumerate() {
        let at = root.key("servers").index(i);
        let url = req_str(&at, server, "url")?;
        cx.warn_unknown_keys(&at, server, SERVER_FIELDS, "a server");
        for (name, variable) in opt_object(&at, server, "variables")?.into_iter().flatten() {
            let var_loc = at.key("variables").key(name);
            cx.warn_unknown_keys(
                &var_loc,
                variable,
                SERVER_VARIABLE_FIELDS,
                "a server variable",
            );
        }
        if i > 0 {
            alternatives.push(url.to_owned());
        }
    }
    let at = root.key("servers").index(0);
    let url = req_str(&at, first, "url")?.trim_end_matches('/').to_owned();
    if !url.contains("://") && !url.starts_with('{') {
        let mut host = endpoint_host(root, url);
        host.alternatives = alternatives;
        return Ok(host);
    }
    let mut names = naming::Scope::with_reserved(naming::HOST_MEMBERS);
    let mut parameters = Vec::new();
    let variables = opt_object(&at, first, "variables")?;
    for placeholder in crate::ir::placeholders(&url) {
        let Some(variable) = variables.and_then(|v| v.get(&placeholder)) else {
            return Err(at.key("url").error(
                ErrorKind::Invalid,
                format!("`{{{placeholder}}}` in the server URL has no entry in `variables`"),
            ));
        };
        let var_loc = at.key("variables").key(&placeholder);
        let default = variable.get("default").cloned().ok_or_else(|| {
            var_loc.error(
                ErrorKind::Invalid,
                format!("server variable `{placeholder}` has no `default` (OpenAPI requires one)"),
            )
        })?;
        // Host values are strings; an `enum` of allowed values is documented, not a type.
        let mut description = text(&var_loc, variable, "description")?;
        if let Some(values) = variable.get("enum").and_then(Value::as_array) {
            let values: Vec<String> = values
                .iter()
                .map(|v| format!("`{}`", v.as_str().unwrap_or_default()))
                .collect();
            let allowed = format!("One of {}.", values.join(", "));
            description = Some(match description {
                Some(d) => format!("{d} {allowed}"),
                None => allowed,
            });
        }
        parameters.push(Parameter {
            header_prefix: None,
            name: placeholder.clone(),
            client_name: placeholder.clone(),
            rust_name: names.claim(naming::value_name(&placeholder)),
            location: Location::Host,
            required: true,
            skip_url_encoding: false,
            client_level: true,
            ty: TypeRef::String { format: None },
            default: Some(default),
            collection_format: None,
            description,
            pointer: var_loc.pointer.clone(),
        });
    }
    Ok(Host {
        template: url,
        use_scheme_prefix: false,
        base_path: String::new(),
        parameters,
        position_in_operation: "first".to_owned(),
        alternatives,
    })
}

fn endpoint_host(root: &Loc, base_path: String) -> Host {
    Host {
        template: "{endpoint}".to_owned(),
        use_scheme_prefix: false,
        base_path,
        parameters: vec![super::shared::endpoint_parameter(
            root,
            "The service's base URL (the document names no absolute server).",
        )],
        position_in_operation: "first".to_owned(),
        alternatives: Vec::new(),
    }
}

fn security_schemes(cx: &mut Lowerer<'_>, root: &Loc, doc: &Value) -> Result<Vec<SecurityScheme>> {
    let components = root.key("components");
    let Some(defs) = opt_object(
        &components,
        doc.get("components").unwrap_or(&Value::Null),
        "securitySchemes",
    )?
    else {
        return Ok(Vec::new());
    };
    let mut schemes = Vec::new();
    for (name, def) in defs {
        let at = components.key("securitySchemes").key(name);
        let (at, def) = cx.res.deref(&at, def)?;
        let kind = match req_str(&at, def, "type")? {
            "http" => match req_str(&at, def, "scheme")?.to_ascii_lowercase().as_str() {
                "basic" => SecuritySchemeKind::Basic,
                "bearer" => SecuritySchemeKind::Bearer,
                other => {
                    cx.warn(
                        &at.key("scheme"),
                        format!("HTTP auth scheme `{other}` is not supported; ignored"),
                    );
                    continue;
                }
            },
            "apiKey" => SecuritySchemeKind::ApiKey {
                location: req_str(&at, def, "in")?.to_owned(),
                parameter: req_str(&at, def, "name")?.to_owned(),
            },
            "oauth2" => {
                let flows = opt_object(&at, def, "flows")?;
                let token_url = flows
                    .into_iter()
                    .flat_map(|f| f.values())
                    .find_map(|flow| flow.get("tokenUrl").and_then(Value::as_str))
                    .map(str::to_owned);
                SecuritySchemeKind::OAuth2 {
                    token_url,
                    scopes: super::shared::oauth2_scopes(doc, name),
                }
            }
            other @ ("openIdConnect" | "mutualTLS") => {
                cx.warn(
                    &at.key("type"),
                    format!("security scheme type `{other}` is not supported; ignored"),
                );
                continue;
            }
            other => {
                return Err(at.key("type").error(
                    ErrorKind::Invalid,
                    format!("unknown security scheme type `{other}` (expected http, apiKey, oauth2, openIdConnect or mutualTLS)"),
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
