//! Documents to the IR.
//!
//! [`lower`] detects the format, lets the format's module produce `Parts` (operations as
//! drafts, without Rust names), and then names and finishes everything in one place for all
//! formats: groups and operation names (`finish.rs`), model inheritance, discriminators and
//! recursion (`models.rs`).

mod alias_cycles;
mod all_of;
mod context;
mod continuation;
mod depth;
mod enum_names;
mod enum_values;
pub(crate) mod examples;
mod finish;
mod flatten;
mod grouping;
mod keywords;
mod late_parents;
mod lro;
mod models;
mod openapi3;
mod paging;
mod schema;
mod shared;
mod swagger2;
mod value;
mod xml;

use indexmap::IndexMap;

use crate::ir::{Api, Host, Parameter, RequestBody, Response, SecurityScheme, SourceFormat};
use crate::resolve::{Loc, Resolver};
use crate::{ErrorKind, Result};

/// Lowers the resolver's root document (Swagger 2.0 or OpenAPI 3.x) into the IR.
pub fn lower(resolver: &Resolver) -> Result<Api> {
    let (root, doc) = resolver.root();
    let format = detect_format(&root, doc)?;
    let mut cx = context::Lowerer::new(resolver);
    cx.ref_siblings_apply = format == SourceFormat::OpenApi31;
    let parts = match format {
        SourceFormat::Swagger2 => swagger2::lower(&mut cx, &root, doc)?,
        SourceFormat::OpenApi30 | SourceFormat::OpenApi31 => openapi3::lower(&mut cx, &root, doc)?,
    };
    cx.lower_deferred()?;
    cx.check_type_depths(&parts.operations)?;
    finish::finish(cx, format, parts)
}

/// What a format's lowering produces, before names are made.
pub(crate) struct Parts {
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub host: Host,
    pub security: Vec<SecurityScheme>,
    pub operations: Vec<OperationDraft>,
}

/// An operation without its Rust names and group.
pub(crate) struct OperationDraft {
    pub operation_id: Option<String>,
    pub method: String,
    pub path: String,
    pub query_constants: IndexMap<String, String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub deprecated: bool,
    pub tags: Vec<String>,
    pub parameters: Vec<Parameter>,
    pub body: Option<RequestBody>,
    pub responses: Vec<Response>,
    pub default_response: Option<Response>,
    pub consumes: Vec<String>,
    pub produces: Vec<String>,
    pub security: Vec<String>,
    pub paging: Option<paging::PagingDraft>,
    pub loc: Loc,
    pub polling: Option<crate::ir::Polling>,
}

fn detect_format(root: &Loc, doc: &serde_json::Value) -> Result<SourceFormat> {
    let version = |key: &str| {
        doc.get(key).map(|v| {
            v.as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| v.to_string())
        })
    };
    if let Some(v) = version("swagger") {
        return match v.as_str() {
            "2.0" => Ok(SourceFormat::Swagger2),
            other => Err(root.key("swagger").error(
                ErrorKind::UnsupportedVersion,
                format!("unsupported Swagger version `{other}` (expected `2.0`)"),
            )),
        };
    }
    if let Some(v) = version("openapi") {
        return if v.starts_with("3.0.") || v == "3.0" {
            Ok(SourceFormat::OpenApi30)
        } else if v.starts_with("3.1.") || v == "3.1" {
            Ok(SourceFormat::OpenApi31)
        } else {
            Err(root.key("openapi").error(
                ErrorKind::UnsupportedVersion,
                format!("unsupported OpenAPI version `{v}` (expected 3.0.x or 3.1.x)"),
            ))
        };
    }
    Err(root.error(ErrorKind::UnsupportedVersion, "not a Swagger 2.0 or OpenAPI 3.x document: it has neither a `swagger` nor an `openapi` field"))
}
