//! `x-ms-parameter-grouping` and `x-ms-client-flatten`: how the caller gives inputs (a group
//! struct, a flattened body's fields) and which fields a flattened model shows. Any change of
//! these moves arguments, setters or fields, so each is breaking.

use super::{Rule, Sink, code};
use crate::diff::items;
use crate::diff::matching::OpPair;
use crate::diff::report::Change;
use crate::diff::surface::{ModelKind, Surface};

/// The grouping and body flattening rules for a matched pair of operations.
pub(crate) fn pair(pair: &OpPair<'_>, sink: &mut Sink) {
    let (old, new) = (pair.old, pair.new);
    let id = &new.operation_id;
    if old.parameter_groups != new.parameter_groups {
        let names = |groups: &[crate::diff::surface::GroupUse]| {
            let list: Vec<String> = groups.iter().map(|g| code(&g.group)).collect();
            if list.is_empty() {
                "none".to_owned()
            } else {
                list.join(", ")
            }
        };
        sink.push(
            Change::new(
                Rule::ParameterGroupingChanged,
                format!(
                    "the parameter groups of {} changed (before: {}; now: {})",
                    code(id),
                    names(&old.parameter_groups),
                    names(&new.parameter_groups)
                ),
            )
            .operation(id)
            .pointers(Some(&old.pointer), Some(&new.pointer))
            .item(items::method(new), None),
        );
    }
    if let (Some(o), Some(n)) = (&old.body, &new.body)
        && o.flattened != n.flattened
    {
        let how = |flat: &[String]| {
            if flat.is_empty() {
                "as one value".to_owned()
            } else {
                format!("field by field ({})", flat.join(", "))
            }
        };
        sink.push(
            Change::new(
                Rule::RequestBodyFlatteningChanged,
                format!(
                    "the request body of {} was given {}; now {}",
                    code(id),
                    how(&o.flattened),
                    how(&n.flattened)
                ),
            )
            .operation(id)
            .pointers(Some(&o.pointer), Some(&n.pointer))
            .item(items::method(new), None),
        );
    }
}

/// The model flattening rule, for models matched by spec name.
pub(crate) fn models(old: &Surface, new: &Surface, sink: &mut Sink) {
    for o in &old.models {
        let Some(n) = new.models.iter().find(|n| n.name == o.name) else {
            continue;
        };
        let (
            ModelKind::Struct {
                flattened: before, ..
            },
            ModelKind::Struct {
                flattened: after, ..
            },
        ) = (&o.kind, &n.kind)
        else {
            continue;
        };
        if before == after {
            continue;
        }
        let list = |flat: &[String]| {
            if flat.is_empty() {
                "nothing".to_owned()
            } else {
                flat.iter().map(|f| code(f)).collect::<Vec<_>>().join("; ")
            }
        };
        sink.push(
            Change::new(
                Rule::ModelFlatteningChanged,
                format!(
                    "model {} flattened {}; now {}",
                    code(&n.name),
                    list(before),
                    list(after)
                ),
            )
            .pointers(Some(&o.pointer), Some(&n.pointer))
            .item(items::model(&n.rust_name), None),
        );
    }
}
