//! `x-ms-pageable` and continuation paging (`continuation.rs`): read on each operation
//! ([`read`]), then checked against the page model and the next-page operation once every
//! operation is lowered ([`resolve`]).
//!
//! The marker rule (AutoRest's storage generators): an `x-ms-pageable` whose `nextLinkName`
//! names a string property of the page, on an operation with a `marker` query parameter, is
//! continuation paging: the property's value is sent back as `marker`, not followed as a link.
//!
//! Liberal in what it accepts: a description that the client cannot follow is a warning, and
//! the operation keeps what can be kept (a page model without a next-link property is a list of
//! one page; a next operation that cannot be called with the first request's values is replaced
//! by a `GET` of the link).

use serde_json::Value;

use super::context::Lowerer;
use crate::Result;
use crate::ir::{
    ContinuationToken, Location, Model, ModelKind, Operation, Paging, ResponseBody, StructModel,
    TokenSource, TypeRef, Warning, unaliased_in,
};
use crate::resolve::Loc;

/// `x-ms-pageable` (or a continuation extension) as written, before it is checked.
pub(crate) struct PagingDraft {
    item_name: String,
    /// `item_name` was given (not the default `value`).
    item_given: bool,
    next_link_name: Option<String>,
    operation_name: Option<String>,
    /// Continuation tokens given by an extension (empty for `x-ms-pageable`).
    continuation: Vec<TokenDraft>,
    loc: Loc,
}

/// A continuation token as an extension gives it.
pub(crate) struct TokenDraft {
    pub from: TokenSource,
    pub query: String,
    pub at: Loc,
}

impl PagingDraft {
    /// Continuation paging by `tokens`, the items in `items` (by default `value`, else the
    /// page's only array).
    pub(crate) fn continued(items: Option<String>, tokens: Vec<TokenDraft>, at: &Loc) -> Self {
        PagingDraft {
            item_given: items.is_some(),
            item_name: items.unwrap_or_else(|| "value".to_owned()),
            next_link_name: None,
            operation_name: None,
            continuation: tokens,
            loc: at.clone(),
        }
    }
}

/// Reads `x-ms-pageable` of the operation `op` at `op_loc`. An extension that is not an object
/// is a warning and no paging. On a long-running operation, the pages are its final result
/// and the lists it links to.
pub(crate) fn read(cx: &mut Lowerer<'_>, op_loc: &Loc, op: &Value) -> Result<Option<PagingDraft>> {
    if let Some(draft) = super::continuation::read(cx, op_loc, op) {
        return Ok(Some(draft));
    }
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
    let item_name = text("itemName");
    let next_link_name = text("nextLinkName").filter(|s| !s.is_empty());
    let operation_name = text("operationName").filter(|s| !s.is_empty());
    Ok(Some(PagingDraft {
        item_given: item_name.is_some(),
        item_name: item_name.unwrap_or_else(|| "value".to_owned()),
        next_link_name,
        operation_name,
        continuation: Vec::new(),
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
    let marker = marker_parameter(op).filter(|_| {
        draft.continuation.is_empty()
            && draft
                .next_link_name
                .as_ref()
                .and_then(|name| property(name))
                .is_some_and(|p| matches!(unaliased_in(&p.ty, models), TypeRef::String { .. }))
    });
    let continued = marker.is_some() || !draft.continuation.is_empty();
    let mut draft = draft;
    let found = if continued {
        continued_items(page, &draft, models)
    } else {
        property(&draft.item_name)
            .filter(|p| matches!(unaliased_in(&p.ty, models), TypeRef::Array { .. }))
            .map(|_| (Vec::new(), draft.item_name.clone()))
    };
    let Some((item_path, item_name)) = found else {
        warn(
            &draft.loc.key("itemName"),
            format!(
                "`x-ms-pageable`: the page model `{}` has no array property `{}`; the \
                 operation returns its first page only",
                page_model.name, draft.item_name
            ),
        );
        return (None, warnings);
    };
    draft.item_name = item_name;
    let page = Page {
        op,
        model: page_model,
        item_path,
        host_parameters,
    };
    let paging = if continued {
        continued_paging(page, draft, marker, models, &mut warn)
    } else {
        link_paging(page, draft, operations, models, &mut warn)
    };
    (Some(paging), warnings)
}

/// A pageable operation and its page model, once the items are found.
struct Page<'a> {
    op: &'a Operation,
    model: &'a Model,
    /// The wire names of the struct properties from the page to the items' parent.
    item_path: Vec<String>,
    /// The API has host parameters (reapplied to every next page).
    host_parameters: bool,
}

/// The paging of a list whose next page is asked for with continuation tokens (the query
/// parameter `marker` and the page's next-link property, or `x-ms-list-continuation`).
fn continued_paging(
    page: Page<'_>,
    mut draft: PagingDraft,
    marker: Option<String>,
    models: &[Model],
    warn: &mut impl FnMut(&Loc, String),
) -> Paging {
    let op = page.op;
    let tokens = match marker {
        Some(query) => vec![TokenDraft {
            from: TokenSource::Body {
                property: draft.next_link_name.clone().unwrap_or_default(),
            },
            query,
            at: draft.loc.key("nextLinkName"),
        }],
        None => std::mem::take(&mut draft.continuation),
    };
    let continuation = checked_tokens(tokens, op, page.model, models, warn);
    if continuation.is_empty() {
        warn(
            &draft.loc,
            "no usable continuation token: the list is read as one page".to_owned(),
        );
    }
    if op.polling.is_some() && !continuation.is_empty() {
        warn(
            &draft.loc,
            "continuation paging of a long-running operation's result is not supported: \
             the list is read as one page"
                .to_owned(),
        );
    }
    Paging {
        page_model: page.model.name.clone(),
        item_name: draft.item_name,
        item_path: page.item_path,
        next_link_name: None,
        next_operation: None,
        next_link_parameter: None,
        reapplied_query: Vec::new(),
        host_reapplied: page.host_parameters,
        continuation: if op.polling.is_some() {
            Vec::new()
        } else {
            continuation
        },
    }
}

/// The paging of a list whose next page is at the link a page gives (`nextLinkName`), got
/// with a `GET` or through the next-page operation (`operationName`).
fn link_paging(
    page: Page<'_>,
    draft: PagingDraft,
    operations: &[Operation],
    models: &[Model],
    warn: &mut impl FnMut(&Loc, String),
) -> Paging {
    let op = page.op;
    let is_string_property = |name: &str| match &page.model.kind {
        ModelKind::Struct(s) => s
            .properties
            .iter()
            .find(|p| p.name == name)
            .is_some_and(|p| matches!(unaliased_in(&p.ty, models), TypeRef::String { .. })),
        _ => false,
    };
    let next_link_name = match draft.next_link_name {
        Some(name) if is_string_property(&name) => Some(name),
        Some(name) => {
            warn(
                &draft.loc.key("nextLinkName"),
                format!(
                    "`x-ms-pageable`: the page model `{}` has no string property `{name}`; the \
                     list is read as one page",
                    page.model.name
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
    Paging {
        page_model: page.model.name.clone(),
        item_name: draft.item_name,
        item_path: page.item_path,
        next_link_name,
        next_operation,
        next_link_parameter,
        reapplied_query,
        host_reapplied: page.host_parameters,
        continuation: Vec::new(),
    }
}

/// Where the items of a continued list are: `(path, name)`, the wire names of the struct
/// properties from the page to the items' parent, and of the items' array. The name as given
/// (a dotted path `Segment.BlobItems` too); when none was given and the page has no `value`,
/// the page's only array property, else the only array of its only struct property that has
/// one (Blob's `ListBlobsFlatSegmentResponse`: `Segment.BlobItems`).
fn continued_items(
    page: &StructModel,
    draft: &PagingDraft,
    models: &[Model],
) -> Option<(Vec<String>, String)> {
    let arrays = |s: &StructModel| -> Vec<String> {
        s.properties
            .iter()
            .filter(|p| matches!(unaliased_in(&p.ty, models), TypeRef::Array { .. }))
            .map(|p| p.name.clone())
            .collect()
    };
    let mut path: Vec<&str> = draft.item_name.split('.').collect();
    let name = path.pop()?.to_owned();
    let mut parent = page;
    for step in &path {
        let p = parent.properties.iter().find(|p| p.name == *step)?;
        parent = struct_of(&p.ty, models)?;
    }
    if arrays(parent).contains(&name) {
        return Some((path.iter().map(|s| (*s).to_owned()).collect(), name));
    }
    if draft.item_given {
        return None;
    }
    if let [only] = arrays(page).as_slice() {
        return Some((Vec::new(), only.clone()));
    }
    let nested: Vec<(String, String)> = page
        .properties
        .iter()
        .filter_map(|p| match arrays(struct_of(&p.ty, models)?).as_slice() {
            [only] => Some((p.name.clone(), only.clone())),
            _ => None,
        })
        .collect();
    match nested.as_slice() {
        [(step, only)] => Some((vec![step.clone()], only.clone())),
        _ => None,
    }
}

/// The struct model `ty` names (through aliases).
fn struct_of<'a>(ty: &TypeRef, models: &'a [Model]) -> Option<&'a StructModel> {
    let TypeRef::Model { name } = unaliased_in(ty, models) else {
        return None;
    };
    match &models.iter().find(|m| &m.name == name)?.kind {
        ModelKind::Struct(s) => Some(s),
        _ => None,
    }
}

/// The wire name of the operation's `marker` query parameter (any case), if it has one.
fn marker_parameter(op: &Operation) -> Option<String> {
    op.parameters
        .iter()
        .find(|p| p.location == Location::Query && p.name.eq_ignore_ascii_case("marker"))
        .map(|p| p.name.clone())
}

/// The tokens that can be used: a body token must name a string property of the page; a
/// query parameter the operation does not declare is sent all the same, with a warning.
fn checked_tokens(
    tokens: Vec<TokenDraft>,
    op: &Operation,
    page_model: &Model,
    models: &[Model],
    warn: &mut impl FnMut(&Loc, String),
) -> Vec<ContinuationToken> {
    let ModelKind::Struct(page) = &page_model.kind else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    for token in tokens {
        if let TokenSource::Body { property } = &token.from
            && !page.properties.iter().any(|p| {
                &p.name == property && matches!(unaliased_in(&p.ty, models), TypeRef::String { .. })
            })
        {
            warn(
                &token.at,
                format!(
                    "the page model `{}` has no string property `{property}`: this \
                     continuation token is ignored",
                    page_model.name
                ),
            );
            continue;
        }
        let declared = op
            .parameters
            .iter()
            .any(|p| p.location == Location::Query && p.name.eq_ignore_ascii_case(&token.query));
        if !declared {
            warn(
                &token.at,
                format!(
                    "the operation has no query parameter `{}`: the token is sent back as \
                     one all the same",
                    token.query
                ),
            );
        }
        kept.push(ContinuationToken {
            from: token.from,
            query: token.query,
        });
    }
    kept
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
                && matches!(unaliased_in(&p.ty, models), TypeRef::String { .. })
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
