//! The decisions about one operation ([`Facts`](super::facts::Facts)) in tokens, made once per
//! operation by `operations.rs` ([`OperationPlan`]): its inputs, parameter groups, built-in
//! setters, response types, and its list's or poller's methods; and its body's default content
//! type.

use super::Ctx;
use super::facts::Builtins;
use super::groups::{Grouping, grouping};
use super::inputs::{Input, inputs};
use super::lro::Lro;
use super::paging::Paging;
use super::responses::{Responses, responses};
use crate::Result;
use crate::ir::{BodyKind, Operation, RequestBody};

/// What the emitters of one operation's file read, made once from its facts: by
/// `operations.rs` for the builder and its method, and handed to the request (`wire.rs`),
/// pager and poller emitters.
pub(crate) struct OperationPlan<'a> {
    pub op: &'a Operation,
    /// The caller's values, in IR order.
    pub inputs: Vec<Input<'a>>,
    /// The parameter groups that carry some of the inputs.
    pub grouping: Grouping<'a>,
    /// The builder's `accept(..)` and `content_type(..)`.
    pub builtins: Builtins,
    /// The response types and how each status is read.
    pub responses: Responses,
    /// A `Link`-header list's `pages()`/`into_stream()` (not for `x-ms-pageable`; nor when an
    /// input already has one of those names: then it is a plain request).
    pub paging: Option<Paging>,
    /// A long-running operation's `poller()` (not for a `Link` list; nor when an input is
    /// named `poller`).
    pub lro: Option<Lro>,
}

/// The plan of `op`: its [`Facts`](super::facts::Facts) in tokens.
pub(crate) fn plan<'a>(ctx: &Ctx<'a>, op: &'a Operation) -> Result<OperationPlan<'a>> {
    let facts = ctx.facts(op)?;
    let responses = responses(ctx, op)?;
    let inputs = inputs(ctx, op)?;
    let grouping = grouping(ctx, op, &inputs)?;
    let paging = match facts.list {
        Some(items) => Some(super::paging::paging(ctx, op, items)?),
        None => None,
    };
    let lro = if facts.polls {
        super::lro::lro(ctx, op)?
    } else {
        None
    };
    Ok(OperationPlan {
        op,
        inputs,
        grouping,
        builtins: facts.builtins,
        responses,
        paging,
        lro,
    })
}

/// The default `Content-Type` of a body: its first media type, else the operation's first
/// `consumes`, else the kind's usual type. A JSON body (a typed value, written as JSON) takes
/// the first JSON media type of the list when there is one (`consumes: [application/pdf,
/// application/json]`: the typed value goes as `application/json`; the other types are sent
/// as raw content with their own type).
pub(crate) fn default_content_type(op: &Operation, body: &RequestBody) -> String {
    let listed = if body.media_types.is_empty() {
        &op.consumes
    } else {
        &body.media_types
    };
    let json = matches!(body.kind, BodyKind::Json { .. })
        .then(|| listed.iter().find(|m| is_json_media_type(m)))
        .flatten();
    json.or(listed.first()).cloned().unwrap_or_else(|| {
        match body.kind {
            BodyKind::Json { .. } => "application/json",
            BodyKind::Binary => "application/octet-stream",
            BodyKind::Text => "text/plain",
            BodyKind::Form { .. } => "application/x-www-form-urlencoded",
            BodyKind::Multipart { .. } => "multipart/form-data",
        }
        .to_owned()
    })
}

/// `application/json`, `text/json`, `application/merge-patch+json`, ... (parameters ignored).
fn is_json_media_type(media_type: &str) -> bool {
    let essence = media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence.ends_with("/json") || essence.ends_with("+json")
}
