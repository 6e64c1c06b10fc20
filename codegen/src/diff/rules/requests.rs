//! Request bodies: presence, requiredness, kind, type and media types. (Form fields are compared
//! as parameters.)

use super::{Rule, Sink, code, type_rule};
use crate::diff::items;
use crate::diff::matching::OpPair;
use crate::diff::report::Change;
use crate::diff::surface::{Body, Operation};

/// The argument or setter of a body.
fn item(op: &Operation, body: &Body) -> String {
    items::input(op, &body.rust_name, body.required && body.fields.is_empty())
}

/// Every request body rule for a matched pair of operations.
pub(crate) fn pair(pair: &OpPair<'_>, sink: &mut Sink) {
    let (old, new) = (pair.old, pair.new);
    let id = &new.operation_id;
    let change = |rule: Rule, message: String, o: Option<&Body>, n: Option<&Body>| {
        let old_item = o.map(|b| item(old, b));
        let new_item = n.map(|b| item(new, b));
        let (first, second) = match (old_item, new_item) {
            (Some(a), b) => (a, b),
            (None, Some(b)) => (b, None),
            (None, None) => (items::method(new), None),
        };
        Change::new(rule, message)
            .operation(id)
            .pointers(o.map(|b| b.pointer.as_str()), n.map(|b| b.pointer.as_str()))
            .item(first, second)
    };
    match (&old.body, &new.body) {
        (None, None) => {}
        (Some(o), None) => sink.push(change(
            Rule::RequestBodyRemoved,
            format!("the request body of {} was removed", code(id)),
            Some(o),
            None,
        )),
        (None, Some(n)) => {
            let (rule, what) = if n.required {
                (Rule::RequestBodyAddedRequired, "a required")
            } else {
                (Rule::RequestBodyAddedOptional, "an optional")
            };
            sink.push(change(
                rule,
                format!("{} now has {what} {} request body", code(id), n.kind),
                None,
                Some(n),
            ));
        }
        (Some(o), Some(n)) => changed(id, o, n, &mut |rule: Rule, message: String| {
            sink.push(change(rule, message, Some(o), Some(n)));
        }),
    }
}

/// The rules for a body on both sides: its kind or type, whether it is required, its media
/// types.
fn changed(id: &str, o: &Body, n: &Body, push: &mut impl FnMut(Rule, String)) {
    if o.kind != n.kind {
        push(
            Rule::RequestBodyKindChanged,
            format!(
                "the request body of {} is now {} instead of {}",
                code(id),
                n.kind,
                o.kind
            ),
        );
    } else if let (Some(ot), Some(nt)) = (&o.ty, &n.ty)
        && let Some(rule) = type_rule(
            ot,
            nt,
            Rule::RequestBodyTypeChanged,
            Rule::RequestBodyFormatChanged,
        )
    {
        push(
            rule,
            format!(
                "the request body of {} changed type from {} to {}",
                code(id),
                code(&ot.to_string()),
                code(&nt.to_string())
            ),
        );
    }
    // Form bodies are not arguments themselves: their fields are.
    if o.required != n.required && o.fields.is_empty() && n.fields.is_empty() {
        let (rule, what) = if n.required {
            (
                Rule::RequestBodyBecameRequired,
                "became required: the setter becomes a positional argument",
            )
        } else {
            (
                Rule::RequestBodyBecameOptional,
                "became optional: the positional argument becomes a setter",
            )
        };
        push(rule, format!("the request body of {} {what}", code(id)));
    }
    for m in o.media_types.iter().filter(|m| !n.media_types.contains(m)) {
        push(
            Rule::RequestMediaTypeRemoved,
            format!(
                "the request body of {} can no longer be sent as {}",
                code(id),
                code(m)
            ),
        );
    }
    if let (Some(od), Some(nd)) = (o.media_types.first(), n.media_types.first())
        && od != nd
        && n.media_types.contains(od)
    {
        push(
            Rule::RequestMediaTypeRemoved,
            format!(
                "the request body of {} is sent as {} by default instead of {}",
                code(id),
                code(nd),
                code(od)
            ),
        );
    }
    for m in n.media_types.iter().filter(|m| !o.media_types.contains(m)) {
        push(
            Rule::RequestMediaTypeAdded,
            format!(
                "the request body of {} can now be sent as {}",
                code(id),
                code(m)
            ),
        );
    }
}
