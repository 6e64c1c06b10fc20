//! Long-running operations: an operation that becomes long-running (or stops being) changes
//! what awaiting its request gives, so both are breaking; so is another final result type.

use super::{Rule, Sink, code};
use crate::diff::items;
use crate::diff::matching::OpPair;
use crate::diff::report::Change;

pub(crate) fn pair(pair: &OpPair<'_>, sink: &mut Sink) {
    let (old, new) = (pair.old, pair.new);
    let change = |rule: Rule, message: String| {
        Change::new(rule, message)
            .operation(&new.operation_id)
            .pointers(Some(&old.pointer), Some(&new.pointer))
            .item(items::method(old), Some(items::method(new)))
    };
    let result = |ty: &Option<crate::diff::ty::Ty>| {
        ty.as_ref()
            .map_or_else(|| "()".to_string(), |ty| ty.to_string())
    };
    match (&old.long_running, &new.long_running) {
        (None, None) => {}
        (None, Some(lro)) => sink.push(change(
            Rule::OperationBecameLongRunning,
            format!(
                "operation {} became long-running: awaiting it now polls to a final {}",
                code(&new.operation_id),
                code(&result(&lro.result))
            ),
        )),
        (Some(_), None) => sink.push(change(
            Rule::OperationNoLongerLongRunning,
            format!(
                "operation {} is no longer long-running: awaiting it returns the response",
                code(&new.operation_id)
            ),
        )),
        (Some(before), Some(after)) => {
            if before.result != after.result {
                sink.push(change(
                    Rule::LongRunningResultTypeChanged,
                    format!(
                        "the final result of {} was {} and is {}",
                        code(&new.operation_id),
                        code(&result(&before.result)),
                        code(&result(&after.result))
                    ),
                ));
            }
            if before.final_state_via != after.final_state_via {
                sink.push(change(
                    Rule::LongRunningFinalStateChanged,
                    format!(
                        "the final result of {} was read via {} and is via {}",
                        code(&new.operation_id),
                        code(&before.final_state_via),
                        code(&after.final_state_via)
                    ),
                ));
            }
        }
    }
}
