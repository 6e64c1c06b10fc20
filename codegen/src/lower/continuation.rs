//! Continuation paging as extensions describe it: the next page is the same request with
//! tokens of the page as query parameters, not a link. Read here into a [`PagingDraft`] that
//! `paging.rs` checks like any other; the first of these an operation has wins:
//!
//! - `x-continuation` (this generator's own, for any spec through an overlay):
//!   `{items: <array property>, tokens: [{body: <string property>, query: <name>} |
//!   {header: <response header>, query: <name>}, ...]}`;
//! - Fern's `x-fern-pagination` cursor form: `{cursor: $request.<query parameter>,
//!   next_cursor: $response.<property>, results: $response.<array property>}`;
//! - Speakeasy's `x-speakeasy-pagination` cursor form: `{type: cursor, inputs: [{name:
//!   <query parameter>, in: parameters, type: cursor}], outputs: {nextCursor: $.<property>,
//!   results: $.<array property>}}`.
//!
//! Only top-level properties of the page are understood (`$response.next`, `$.next`); a deeper
//! path, another kind of pagination or a cursor in the request body is a warning, and the
//! operation returns its first page only.

use serde_json::Value;

use super::context::Lowerer;
use super::paging::{PagingDraft, TokenDraft};
use crate::ir::TokenSource;
use crate::resolve::Loc;

/// The continuation paging an extension of the operation `op` describes, if any.
pub(crate) fn read(cx: &mut Lowerer<'_>, op_loc: &Loc, op: &Value) -> Option<PagingDraft> {
    if let Some(value) = op.get("x-continuation") {
        return own(cx, &op_loc.key("x-continuation"), value);
    }
    if let Some(value) = op.get("x-fern-pagination") {
        return fern(cx, &op_loc.key("x-fern-pagination"), value);
    }
    if let Some(value) = op.get("x-speakeasy-pagination") {
        return speakeasy(cx, &op_loc.key("x-speakeasy-pagination"), value);
    }
    None
}

/// `x-continuation`.
fn own(cx: &mut Lowerer<'_>, at: &Loc, value: &Value) -> Option<PagingDraft> {
    let Some(tokens) = value.get("tokens").and_then(Value::as_array) else {
        cx.warn(
            at,
            "`x-continuation` has no `tokens` array: the operation returns its first page only",
        );
        return None;
    };
    let mut drafts = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let token_at = at.key("tokens").index(i);
        let text = |key: &str| token.get(key).and_then(Value::as_str).map(str::to_owned);
        let from = match (text("body"), text("header")) {
            (Some(property), None) => TokenSource::Body { property },
            (None, Some(name)) => TokenSource::Header { name },
            _ => {
                cx.warn(
                    &token_at,
                    "a continuation token needs one of `body` or `header` (a string): ignored",
                );
                continue;
            }
        };
        let Some(query) = text("query") else {
            cx.warn(
                &token_at,
                "a continuation token needs `query` (a string): ignored",
            );
            continue;
        };
        drafts.push(TokenDraft {
            from,
            query,
            at: token_at,
        });
    }
    let items = value.get("items").and_then(Value::as_str);
    Some(PagingDraft::continued(items.map(str::to_owned), drafts, at))
}

/// `x-fern-pagination` (the cursor form).
fn fern(cx: &mut Lowerer<'_>, at: &Loc, value: &Value) -> Option<PagingDraft> {
    let text = |key: &str| value.get(key).and_then(Value::as_str);
    let (Some(cursor), Some(next)) = (text("cursor"), text("next_cursor")) else {
        cx.warn(
            at,
            "`x-fern-pagination` without `cursor` and `next_cursor` (offset pagination) is not \
             supported: the operation returns its first page only",
        );
        return None;
    };
    let query = top_level(cx, &at.key("cursor"), cursor, "$request.")?;
    let property = top_level(cx, &at.key("next_cursor"), next, "$response.")?;
    let items = match text("results") {
        Some(results) => Some(top_level(cx, &at.key("results"), results, "$response.")?),
        None => None,
    };
    let token = TokenDraft {
        from: TokenSource::Body { property },
        query,
        at: at.key("next_cursor"),
    };
    Some(PagingDraft::continued(items, vec![token], at))
}

/// `x-speakeasy-pagination` (the cursor form).
fn speakeasy(cx: &mut Lowerer<'_>, at: &Loc, value: &Value) -> Option<PagingDraft> {
    if value.get("type").and_then(Value::as_str) != Some("cursor") {
        cx.warn(
            &at.key("type"),
            "`x-speakeasy-pagination` other than `type: cursor` is not supported: the \
             operation returns its first page only",
        );
        return None;
    }
    let inputs = value.get("inputs").and_then(Value::as_array);
    let input = inputs
        .into_iter()
        .flatten()
        .find(|i| i.get("type").and_then(Value::as_str) == Some("cursor"));
    let name = input.and_then(|i| i.get("name")).and_then(Value::as_str);
    let place = input.and_then(|i| i.get("in")).and_then(Value::as_str);
    let (Some(query), Some("parameters")) = (name, place) else {
        cx.warn(
            &at.key("inputs"),
            "`x-speakeasy-pagination` needs a cursor input `in: parameters` (a cursor in the \
             request body is not supported): the operation returns its first page only",
        );
        return None;
    };
    let outputs = value.get("outputs");
    let output = |key: &str| outputs.and_then(|o| o.get(key)).and_then(Value::as_str);
    let Some(next) = output("nextCursor") else {
        cx.warn(
            &at.key("outputs"),
            "`x-speakeasy-pagination` has no `outputs.nextCursor`: the operation returns its \
             first page only",
        );
        return None;
    };
    let property = top_level(cx, &at.key("outputs").key("nextCursor"), next, "$.")?;
    let items = match output("results") {
        Some(results) => Some(top_level(
            cx,
            &at.key("outputs").key("results"),
            results,
            "$.",
        )?),
        None => None,
    };
    let token = TokenDraft {
        from: TokenSource::Body { property },
        query: query.to_owned(),
        at: at.key("outputs").key("nextCursor"),
    };
    Some(PagingDraft::continued(items, vec![token], at))
}

/// The name after `prefix` in a path expression (`$response.next` -> `next`), or a warning
/// when the path goes deeper or has another form.
fn top_level(cx: &mut Lowerer<'_>, at: &Loc, path: &str, prefix: &str) -> Option<String> {
    if let Some(name) = top_level_name(path, prefix) {
        return Some(name.to_owned());
    }
    cx.warn(
        at,
        format!(
            "`{path}`: only a top-level name (`{prefix}name`) is supported; the operation \
             returns its first page only"
        ),
    );
    None
}

/// The name after `prefix` when it is one plain name.
fn top_level_name<'a>(path: &'a str, prefix: &str) -> Option<&'a str> {
    path.strip_prefix(prefix)
        .filter(|name| !name.is_empty() && !name.contains(['.', '[', ']', '$', '*']))
}

#[cfg(test)]
mod tests {
    use super::top_level_name;

    #[test]
    fn only_top_level_names_are_understood() {
        assert_eq!(top_level_name("$response.next", "$response."), Some("next"));
        assert_eq!(
            top_level_name("$request.cursor", "$request."),
            Some("cursor")
        );
        assert_eq!(top_level_name("$.next", "$."), Some("next"));
        assert_eq!(top_level_name("$response.page.next", "$response."), None);
        assert_eq!(top_level_name("$.data[-1].id", "$."), None);
        assert_eq!(top_level_name("$response.", "$response."), None);
        assert_eq!(top_level_name("$.next", "$response."), None);
    }
}
