//! Operations as a whole: added, removed, renamed, moved.

use super::{Rule, Sink, code};
use crate::diff::items;
use crate::diff::matching::{MatchedBy, OpMatch, OpPair};
use crate::diff::report::{Change, OperationRef, RemovedOperation, RenamedOperation};
use crate::diff::surface::Operation;

/// `GET /v2/{name}/blobs/{digest}?mode=chunk`.
pub(crate) fn endpoint(op: &Operation) -> String {
    let mut text = format!("{} {}", op.method, op.path);
    for (i, (k, v)) in op.query_constants.iter().enumerate() {
        text.push(if i == 0 { '?' } else { '&' });
        text.push_str(&format!("{k}={v}"));
    }
    text
}

pub(crate) fn reference(op: &Operation) -> OperationRef {
    OperationRef {
        method: op.method.clone(),
        path: op.path.clone(),
        query: op.query_constants.clone(),
        operation_id: op.operation_id.clone(),
        rust_item: items::method(op),
        pointer: op.pointer.clone(),
    }
}

/// The removed ones (with their requests and responses), for the report.
pub(crate) fn removed(matched: &OpMatch<'_>, sink: &mut Sink) -> Vec<RemovedOperation> {
    let mut out = Vec::new();
    for op in &matched.removed {
        sink.push(
            Change::new(
                Rule::OperationRemoved,
                format!(
                    "operation {} ({}) was removed",
                    code(&op.operation_id),
                    code(&endpoint(op))
                ),
            )
            .operation(&op.operation_id)
            .pointers(Some(&op.pointer), None)
            .item(items::method(op), None),
        );
        out.push(RemovedOperation {
            operation: reference(op),
            parameters: op.parameters.clone(),
            body: op.body.clone(),
            responses: op.responses.clone(),
        });
    }
    out
}

/// The added ones.
pub(crate) fn added(matched: &OpMatch<'_>, sink: &mut Sink) -> Vec<OperationRef> {
    let mut out = Vec::new();
    for op in &matched.added {
        sink.push(
            Change::new(
                Rule::OperationAdded,
                format!(
                    "operation {} ({}) was added",
                    code(&op.operation_id),
                    code(&endpoint(op))
                ),
            )
            .operation(&op.operation_id)
            .pointers(None, Some(&op.pointer))
            .item(items::method(op), None),
        );
        out.push(reference(op));
    }
    out
}

/// Renames, moves and the like of one matched pair; returns the rename, if any.
pub(crate) fn pair(pair: &OpPair<'_>, sink: &mut Sink) -> Option<RenamedOperation> {
    let (old, new) = (pair.old, pair.new);
    let change = |rule: Rule, message: String| {
        Change::new(rule, message)
            .operation(&new.operation_id)
            .pointers(Some(&old.pointer), Some(&new.pointer))
            .item(items::method(old), Some(items::method(new)))
    };
    let rust_renamed = items::method(old) != items::method(new) || old.type_name != new.type_name;
    let rust_names = || {
        let mut text = format!(
            "{} becomes {}",
            code(&items::method(old)),
            code(&items::method(new))
        );
        if old.type_name != new.type_name {
            text.push_str(&format!(
                " (types {} become {})",
                code(&format!("{}Request/Response", old.type_name)),
                code(&format!("{}Request/Response", new.type_name))
            ));
        }
        text
    };

    let mut renamed = None;
    if old.operation_id != new.operation_id {
        if rust_renamed {
            sink.push(change(
                Rule::OperationRenamed,
                format!(
                    "operation {} was renamed {}: {}",
                    code(&old.operation_id),
                    code(&new.operation_id),
                    rust_names()
                ),
            ));
        } else {
            sink.push(change(
                Rule::OperationIdChanged,
                format!(
                    "operation {} was renamed {}; its Rust names stay the same",
                    code(&old.operation_id),
                    code(&new.operation_id)
                ),
            ));
        }
        renamed = Some(RenamedOperation {
            method: new.method.clone(),
            path: new.path.clone(),
            old_path: (old.path != new.path).then(|| old.path.clone()),
            query: new.query_constants.clone(),
            old: old.operation_id.clone(),
            new: new.operation_id.clone(),
            old_rust_item: items::method(old),
            new_rust_item: items::method(new),
        });
    } else if rust_renamed {
        sink.push(change(
            Rule::OperationRustNameChanged,
            format!(
                "operation {} keeps its id but {}",
                code(&new.operation_id),
                rust_names()
            ),
        ));
    }

    if pair.by == MatchedBy::OperationId {
        sink.push(change(
            Rule::OperationMoved,
            format!(
                "operation {} moved from {} to {}",
                code(&new.operation_id),
                code(&endpoint(old)),
                code(&endpoint(new))
            ),
        ));
    }
    if old.deprecated != new.deprecated {
        let what = if new.deprecated {
            "is now deprecated"
        } else {
            "is no longer deprecated"
        };
        sink.push(change(
            Rule::OperationDeprecationChanged,
            format!("operation {} {what}", code(&new.operation_id)),
        ));
    }
    if old.pageable != new.pageable {
        let what = if new.pageable {
            "is now pageable: it gives a `Pager` of its items"
        } else {
            "is no longer pageable: it gives its first response"
        };
        sink.push(change(
            Rule::OperationPagingChanged,
            format!("operation {} {what}", code(&new.operation_id)),
        ));
    }
    renamed
}
