//! Responses: success statuses (the response types of the generated crate), their bodies and
//! headers; error statuses (which are all `Error`s there); and the API's error models.

use super::{Rule, Sink, code, type_rule};
use crate::diff::items;
use crate::diff::matching::OpPair;
use crate::diff::report::Change;
use crate::diff::surface::{Operation, Response, ResponseBody};
use crate::diff::ty::Ty;

/// JSON pointer of a response of `op`.
fn pointer(op: &Operation, r: &Response) -> String {
    format!("{}/responses/{}", op.pointer, r.status)
}

/// Every response rule for a matched pair of operations.
pub(crate) fn pair(pair: &OpPair<'_>, sink: &mut Sink) {
    let (old, new) = (pair.old, pair.new);
    let id = &new.operation_id;
    let (old_ok, new_ok): (Vec<&Response>, Vec<&Response>) =
        (old.successes().collect(), new.successes().collect());
    let mut pairs: Vec<(&Response, &Response)> = Vec::new();
    let mut removed: Vec<&Response> = Vec::new();
    for o in &old_ok {
        match new_ok.iter().find(|n| n.status == o.status) {
            Some(n) => pairs.push((o, n)),
            None => removed.push(o),
        }
    }
    let mut added: Vec<&Response> = new_ok
        .iter()
        .filter(|n| !old_ok.iter().any(|o| o.status == n.status))
        .copied()
        .collect();

    let at = |o: Option<&Response>, n: Option<&Response>| {
        (o.map(|r| pointer(old, r)), n.map(|r| pointer(new, r)))
    };
    if let ([o], [n], [_], [_]) = (&removed[..], &added[..], &old_ok[..], &new_ok[..]) {
        // The only success status changed: the response type stays, read on the new status.
        let (op, np) = at(Some(o), Some(n));
        sink.push(
            Change::new(
                Rule::ResponseStatusChanged,
                format!(
                    "the success status of {} is now {} instead of {}",
                    code(id),
                    code(&n.status),
                    code(&o.status)
                ),
            )
            .operation(id)
            .pointers(op.as_deref(), np.as_deref())
            .item(items::response(old, o), Some(items::response(new, n))),
        );
        pairs.push((o, n));
        removed.clear();
        added.clear();
    }
    for o in &removed {
        let (op, _) = at(Some(o), None);
        sink.push(
            Change::new(
                Rule::ResponseStatusRemoved,
                format!("status {} of {} was removed", code(&o.status), code(id)),
            )
            .operation(id)
            .pointers(op.as_deref(), None)
            .item(items::response(old, o), None),
        );
    }
    for (o, n) in &pairs {
        success(old, new, o, n, sink);
    }
    for n in &added {
        let (_, np) = at(None, Some(n));
        sink.push(
            Change::new(
                Rule::ResponseStatusAdded,
                format!("status {} of {} was added", code(&n.status), code(id)),
            )
            .operation(id)
            .pointers(None, np.as_deref())
            .item(items::response(new, n), None),
        );
    }
    errors(old, new, sink);
}

fn success(old: &Operation, new: &Operation, o: &Response, n: &Response, sink: &mut Sink) {
    let id = &new.operation_id;
    let (op, np) = (pointer(old, o), pointer(new, n));
    let change = |rule: Rule, message: String, field: &str| {
        Change::new(rule, message)
            .operation(id)
            .pointers(Some(&op), Some(&np))
            .item(
                items::response_field(old, o, field),
                Some(items::response_field(new, n, field)),
            )
    };
    let which = format!("status {} of {}", code(&n.status), code(id));
    match (&o.body, &n.body) {
        (None, None) => {}
        (Some(_), None) => sink.push(
            change(
                Rule::ResponseBodyRemoved,
                format!("{which} no longer has a body"),
                "body",
            )
            .item(items::response_field(old, o, "body"), None),
        ),
        (None, Some(b)) => sink.push(
            change(
                Rule::ResponseBodyAdded,
                format!("{which} now has a {} body", describe(b)),
                "body",
            )
            .item(items::response_field(new, n, "body"), None),
        ),
        (Some(ob), Some(nb)) => {
            let rule = if ob.kind != nb.kind {
                Some(Rule::ResponseBodyTypeChanged)
            } else {
                match (&ob.ty, &nb.ty) {
                    (Some(ot), Some(nt)) => type_rule(
                        ot,
                        nt,
                        Rule::ResponseBodyTypeChanged,
                        Rule::ResponseBodyFormatChanged,
                    ),
                    _ => None,
                }
            };
            if let Some(rule) = rule {
                sink.push(change(
                    rule,
                    format!(
                        "the body of {which} is {} instead of {}",
                        describe(nb),
                        describe(ob)
                    ),
                    "body",
                ));
            }
            for m in ob
                .media_types
                .iter()
                .filter(|m| !nb.media_types.contains(m))
            {
                sink.push(change(
                    Rule::ResponseMediaTypeRemoved,
                    format!("the body of {which} no longer comes as {}", code(m)),
                    "body",
                ));
            }
            for m in nb
                .media_types
                .iter()
                .filter(|m| !ob.media_types.contains(m))
            {
                sink.push(change(
                    Rule::ResponseMediaTypeAdded,
                    format!("the body of {which} may now come as {}", code(m)),
                    "body",
                ));
            }
        }
    }
    let at = Responses {
        old,
        new,
        o,
        n,
        op: &op,
        np: &np,
        which: &which,
    };
    headers(&at, sink);
}

/// One response of an operation, old and new, and where each is.
struct Responses<'a> {
    old: &'a Operation,
    new: &'a Operation,
    o: &'a Response,
    n: &'a Response,
    /// The old response's pointer.
    op: &'a str,
    /// The new response's pointer.
    np: &'a str,
    /// `status 200 of getThing`.
    which: &'a str,
}

/// The headers of a success response: removed, retyped, added.
fn headers(at: &Responses<'_>, sink: &mut Sink) {
    let Responses {
        old,
        new,
        o,
        n,
        op,
        np,
        which,
    } = *at;
    let id = &new.operation_id;
    for h in &o.headers {
        match n
            .headers
            .iter()
            .find(|x| x.name.eq_ignore_ascii_case(&h.name))
        {
            None => sink.push(
                Change::new(
                    Rule::ResponseHeaderRemoved,
                    format!("header {} of {which} was removed", code(&h.name)),
                )
                .operation(id)
                .pointers(Some(&format!("{op}/headers/{}", h.name)), None)
                .item(items::response_field(old, o, &h.rust_name), None),
            ),
            Some(x) => {
                if let Some(rule) = type_rule(
                    &h.ty,
                    &x.ty,
                    Rule::ResponseHeaderTypeChanged,
                    Rule::ResponseHeaderFormatChanged,
                ) {
                    sink.push(
                        Change::new(
                            rule,
                            format!(
                                "header {} of {which} changed type from {} to {}",
                                code(&x.name),
                                code(&h.ty.to_string()),
                                code(&x.ty.to_string())
                            ),
                        )
                        .operation(id)
                        .pointers(
                            Some(&format!("{op}/headers/{}", h.name)),
                            Some(&format!("{np}/headers/{}", x.name)),
                        )
                        .item(
                            items::response_field(old, o, &h.rust_name),
                            Some(items::response_field(new, n, &x.rust_name)),
                        ),
                    );
                }
            }
        }
    }
    for x in &n.headers {
        if !o
            .headers
            .iter()
            .any(|h| h.name.eq_ignore_ascii_case(&x.name))
        {
            sink.push(
                Change::new(
                    Rule::ResponseHeaderAdded,
                    format!("header {} of {which} was added", code(&x.name)),
                )
                .operation(id)
                .pointers(None, Some(&format!("{np}/headers/{}", x.name)))
                .item(items::response_field(new, n, &x.rust_name), None),
            );
        }
    }
}

/// `json models::Tag`, `binary`, `text`.
fn describe(b: &ResponseBody) -> String {
    match &b.ty {
        Some(ty) => format!("{} {}", b.kind, code(&ty.to_string())),
        None => b.kind.clone(),
    }
}

/// Error statuses (4xx, 5xx, `default`): documented only, all `Error`s in the crate.
fn errors(old: &Operation, new: &Operation, sink: &mut Sink) {
    let id = &new.operation_id;
    let old_errors: Vec<&Response> = old
        .responses
        .iter()
        .filter(|r| !r.is_success() && !r.answer)
        .collect();
    let new_errors: Vec<&Response> = new
        .responses
        .iter()
        .filter(|r| !r.is_success() && !r.answer)
        .collect();
    for o in &old_errors {
        let op = pointer(old, o);
        match new_errors.iter().find(|n| n.status == o.status) {
            None => sink.push(
                Change::new(
                    Rule::ErrorStatusRemoved,
                    format!(
                        "error status {} of {} was removed",
                        code(&o.status),
                        code(id)
                    ),
                )
                .operation(id)
                .pointers(Some(&op), None)
                .item(items::method(old), None),
            ),
            Some(n) => {
                let shape = |b: &Option<ResponseBody>| b.as_ref().map(describe);
                if shape(&o.body) != shape(&n.body) {
                    let show = |b: &Option<ResponseBody>| {
                        shape(b).unwrap_or_else(|| "no body".to_string())
                    };
                    sink.push(
                        Change::new(
                            Rule::ErrorBodyChanged,
                            format!(
                                "the body of error status {} of {} is {} instead of {}",
                                code(&n.status),
                                code(id),
                                show(&n.body),
                                show(&o.body)
                            ),
                        )
                        .operation(id)
                        .pointers(Some(&op), Some(&pointer(new, n)))
                        .item(items::method(old), Some(items::method(new))),
                    );
                }
            }
        }
    }
    for n in new_errors
        .iter()
        .filter(|n| !old_errors.iter().any(|o| o.status == n.status))
    {
        sink.push(
            Change::new(
                Rule::ErrorStatusAdded,
                format!("error status {} of {} was added", code(&n.status), code(id)),
            )
            .operation(id)
            .pointers(None, Some(&pointer(new, n)))
            .item(items::method(new), None),
        );
    }
}

/// The API's error models (`ErrorModel` variants).
pub(crate) fn error_models(old: &[Ty], new: &[Ty], sink: &mut Sink) {
    for t in old.iter().filter(|t| !new.contains(t)) {
        sink.push(
            Change::new(
                Rule::ErrorModelRemoved,
                format!("error model {} was removed", code(&t.to_string())),
            )
            .item(items::error_model(t), None),
        );
    }
    for t in new.iter().filter(|t| !old.contains(t)) {
        sink.push(
            Change::new(
                Rule::ErrorModelAdded,
                format!("error model {} was added", code(&t.to_string())),
            )
            .item(items::error_model(t), None),
        );
    }
}
