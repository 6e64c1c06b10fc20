//! `x-ms-pageable`: read on each operation ([`read`]), then checked against the page model and
//! the next-page operation once every operation is lowered ([`resolve`]).
//!
//! Liberal in what it accepts: a description that the client cannot follow is a warning, and
//! the operation keeps what can be kept (a page model without a next-link property is a list of
//! one page; a next operation that cannot be called with the first request's values is replaced
//! by a `GET` of the link).

use serde_json::Value;

use super::context::Lowerer;
use crate::Result;
use crate::ir::{Location, Model, ModelKind, Operation, Paging, ResponseBody, TypeRef, Warning};
use crate::resolve::Loc;

/// `x-ms-pageable` as written, before it is checked.
pub(crate) struct PagingDraft {
    item_name: String,
    next_link_name: Option<String>,
    operation_name: Option<String>,
    loc: Loc,
}

/// Reads `x-ms-pageable` of the operation `op` at `op_loc`. An extension that is not an object
/// is a warning and no paging. On a long-running operation, the pages are its final result
/// and the lists it links to.
pub(crate) fn read(cx: &mut Lowerer<'_>, op_loc: &Loc, op: &Value) -> Result<Option<PagingDraft>> {
    let Some(value) = op.get("x-ms-pageable") else {
        return Ok(None);
    };
    let at = op_loc.key("x-ms-pageable");
    if value.is_null() || value == &Value::Bool(false) {
        return Ok(None);
    }
    if !value.is_object() {
        cx.warn(
            &at,
            "`x-ms-pageable` is not an object: the operation returns its first page only",
        );
        return Ok(None);
    }
    let mut text = |key: &str| -> Option<String> {
        match value.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(_) => {
                cx.warn(&at.key(key), format!("`{key}` is not a string: ignored"));
                None
            }
        }
    };
    let item_name = text("itemName").unwrap_or_else(|| "value".to_owned());
    let next_link_name = text("nextLinkName").filter(|s| !s.is_empty());
    let operation_name = text("operationName").filter(|s| !s.is_empty());
    Ok(Some(PagingDraft {
        item_name,
        next_link_name,
        operation_name,
        loc: at,
    }))
}

/// The checked paging of `operations[index]`, and the warnings about what could not be kept.
pub(crate) fn resolve(
    draft: PagingDraft,
    index: usize,
    operations: &[Operation],
    models: &[Model],
    host_parameters: bool,
) -> (Option<Paging>, Vec<Warning>) {
    let op = &operations[index];
    let mut warnings = Vec::new();
    let mut warn = |at: &Loc, message: String| {
        warnings.push(Warning {
            file: crate::display_path(&at.file),
            pointer: at.pointer.clone(),
            message,
        });
    };
    let Some(page_model) = page_model(op, models) else {
        warn(
            &draft.loc,
            "`x-ms-pageable`: the operation has no single success response whose body is an \
             object model; it returns its first page only"
                .to_owned(),
        );
        return (None, warnings);
    };
    let ModelKind::Struct(page) = &page_model.kind else {
        return (None, warnings);
    };
    let property = |name: &str| page.properties.iter().find(|p| p.name == name);
    match property(&draft.item_name) {
        Some(p) if is_array(&p.ty, models) => {}
        _ => {
            warn(
                &draft.loc.key("itemName"),
                format!(
                    "`x-ms-pageable`: the page model `{}` has no array property `{}`; the \
                     operation returns its first page only",
                    page_model.name, draft.item_name
                ),
            );
            return (None, warnings);
        }
    }
    let next_link_name = match draft.next_link_name {
        Some(name) if property(&name).is_some_and(|p| is_string(&p.ty, models)) => Some(name),
        Some(name) => {
            warn(
                &draft.loc.key("nextLinkName"),
                format!(
                    "`x-ms-pageable`: the page model `{}` has no string property `{name}`; the \
                     list is read as one page",
                    page_model.name
                ),
            );
            None
        }
        None => None,
    };
    let mut next_operation = None;
    let mut next_link_parameter = None;
    if let (Some(name), Some(_)) = (&draft.operation_name, &next_link_name) {
        match next_operation_of(op, name, operations, models) {
            Ok(link) => {
                next_operation = Some(name.clone());
                next_link_parameter = link;
            }
            Err(why) => warn(
                &draft.loc.key("operationName"),
                format!(
                    "`x-ms-pageable`: the next-page operation `{name}` {why}; the next pages \
                     are a `GET` of the link"
                ),
            ),
        }
    }
    let reapplied_query = op
        .parameters
        .iter()
        .filter(|p| p.location == Location::Query && p.name.eq_ignore_ascii_case("api-version"))
        .map(|p| p.name.clone())
        .collect();
    let paging = Paging {
        page_model: page_model.name.clone(),
        item_name: draft.item_name,
        next_link_name,
        next_operation,
        next_link_parameter,
        reapplied_query,
        host_reapplied: host_parameters,
    };
    (Some(paging), warnings)
}

/// The struct model of the operation's only success response (below 400).
fn page_model<'a>(op: &Operation, models: &'a [Model]) -> Option<&'a Model> {
    // A long-running operation's first page is its final result.
    if let Some(polling) = &op.polling {
        let Some(TypeRef::Model { name }) = &polling.result else {
            return None;
        };
        let model = models.iter().find(|m| &m.name == name)?;
        return match &model.kind {
            ModelKind::Struct(s) if s.discriminator.is_none() => Some(model),
            _ => None,
        };
    }
    let success: Vec<_> = op
        .responses
        .iter()
        .filter(|r| {
            r.status.is_some_and(|s| s < 400)
                || matches!(r.status_range.as_deref(), Some(r) if r.starts_with(['1', '2', '3']))
        })
        .collect();
    let [response] = success.as_slice() else {
        return None;
    };
    let Some(ResponseBody::Json {
        ty: TypeRef::Model { name },
        nullable: false,
        ..
    }) = &response.body
    else {
        return None;
    };
    let model = models.iter().find(|m| &m.name == name)?;
    match &model.kind {
        ModelKind::Struct(s) if s.discriminator.is_none() => Some(model),
        _ => None,
    }
}

/// `ty` through aliases.
fn resolved<'a>(mut ty: &'a TypeRef, models: &'a [Model]) -> &'a TypeRef {
    for _ in 0..models.len() + 1 {
        let TypeRef::Model { name } = ty else {
            return ty;
        };
        match models.iter().find(|m| &m.name == name).map(|m| &m.kind) {
            Some(ModelKind::Alias { ty: aliased }) => ty = aliased,
            _ => return ty,
        }
    }
    ty
}

fn is_array(ty: &TypeRef, models: &[Model]) -> bool {
    matches!(resolved(ty, models), TypeRef::Array { .. })
}

fn is_string(ty: &TypeRef, models: &[Model]) -> bool {
    matches!(resolved(ty, models), TypeRef::String { .. })
}

/// Whether an input is a positional argument (a required field) rather than an option.
fn required(p: &crate::ir::Parameter) -> bool {
    p.required || matches!(p.location, Location::Path | Location::Host)
}

/// Checks that the operation `name` can fetch the next pages of `op` with `op`'s values: it is
/// a `GET` without a body in the same group, with the same page model, and each of its
/// required inputs other than the link is one of `op`'s (same wire name, place and type, and
/// required there too). Returns the link parameter (the next operation's verbatim path
/// parameter that `op` lacks, or any of its verbatim path parameters when it is `op` itself;
/// `nextLink` preferred), or why the operation cannot be used.
fn next_operation_of(
    op: &Operation,
    name: &str,
    operations: &[Operation],
    models: &[Model],
) -> std::result::Result<Option<String>, String> {
    let Some(next) = operations.iter().find(|o| o.operation_id == name) else {
        return Err("does not exist".to_owned());
    };
    if next.method != "GET" || next.body.is_some() {
        return Err("is not a `GET` without a body".to_owned());
    }
    if next.group != op.group {
        return Err(format!("is in another group (`{}`)", next.group));
    }
    if page_model(next, models).map(|m| &m.name) != page_model(op, models).map(|m| &m.name) {
        return Err("does not answer with the same page model".to_owned());
    }
    let find = |p: &crate::ir::Parameter| {
        op.parameters
            .iter()
            .find(|q| q.name == p.name && q.location == p.location && !q.client_level)
    };
    let candidates: Vec<_> = next
        .parameters
        .iter()
        .filter(|p| {
            p.location == Location::Path
                && p.skip_url_encoding
                && !p.client_level
                && (std::ptr::eq(next, op) || find(p).is_none())
                && is_string(&p.ty, models)
        })
        .collect();
    let link = candidates
        .iter()
        .find(|p| p.name.eq_ignore_ascii_case("nextLink"))
        .or(candidates.first())
        .map(|p| p.name.clone());
    for p in next.parameters.iter().filter(|p| !p.client_level) {
        if Some(&p.name) == link.as_ref() && p.location == Location::Path {
            continue;
        }
        if std::ptr::eq(next, op) {
            continue;
        }
        let usable = find(p).is_some_and(|q| q.ty == p.ty && (required(q) || !required(p)));
        if required(p) && !usable {
            let place = format!("{:?}", p.location).to_lowercase();
            return Err(format!(
                "needs the {place} parameter `{}`, which this operation does not give",
                p.name
            ));
        }
    }
    Ok(link)
}
