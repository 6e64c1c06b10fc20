//! `filter`: a part of an API. A pass on the IR, after lowering and before emitting, that keeps
//! the operations a [`Filter`] selects and exactly the models they reach, and drops the rest.
//!
//! An operation is kept when it matches any include (or there is none) and no exclude, by path
//! glob ([`glob`]), tag or `operationId`. The next-page operation of a kept pageable operation
//! is kept too, unless an exclude names it: its paging then fetches the next link with a `GET`
//! (as without `operationName`), with a warning. Groups, client parameters, parameter groups and
//! error models are kept when a kept operation uses them; models when a kept operation reaches
//! them (`reach.rs`): a polymorphic base kept only as the ancestor of kept models keeps only
//! those of its kinds that are kept. Warnings about the inside of left-out operations are
//! dropped with them. What was kept and dropped is recorded in [`Api::subset`] (the README
//! says it). Every name in the IR is the one it has in the whole API: widening or narrowing a
//! filter never renames what stays (the emitter names `ErrorModel` variants among the error
//! bodies kept).

pub mod glob;
mod reach;
mod select;

use indexmap::IndexSet;
use serde::{Deserialize, Serialize};

use crate::ir::{Api, ModelKind, Operation, ResponseBody, Subset, Warning};

/// Which operations to keep. The default keeps everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Filter {
    /// Operations matching any of these are kept (all when empty).
    #[serde(default, skip_serializing_if = "Selectors::is_empty")]
    pub include: Selectors,
    /// Operations matching any of these are dropped, even when included.
    #[serde(default, skip_serializing_if = "Selectors::is_empty")]
    pub exclude: Selectors,
}

/// Ways to name operations: an operation matches when it matches any of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selectors {
    /// Path globs (`/users/**`, see [`glob`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paths: Vec<String>,
    /// Tags, matched exactly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// `operationId`s, matched exactly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub operations: Vec<String>,
}

impl Selectors {
    /// No selector at all.
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty() && self.tags.is_empty() && self.operations.is_empty()
    }
}

impl Filter {
    /// A filter that keeps everything.
    pub fn is_empty(&self) -> bool {
        self.include.is_empty() && self.exclude.is_empty()
    }

    /// Checks the path globs without an API (for a manifest, before any spec is read).
    pub fn check_globs(&self) -> Result<(), String> {
        let globs = self.include.paths.iter().chain(&self.exclude.paths);
        for glob in globs {
            glob::PathGlob::parse(glob).map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}

/// Keeps the part of `api` that `filter` selects. `file` names the spec in warnings. An empty
/// filter changes nothing. An error (a bad glob, a selector that matches no operation, nothing
/// left) is a message for the user.
pub fn apply(api: &mut Api, filter: &Filter, file: &str) -> Result<(), String> {
    if filter.is_empty() {
        return Ok(());
    }
    let selection = select::select(filter, &api.operations)?;
    let mut kept = selection.selected;
    let next_operations = add_next_operations(api, &mut kept, &selection.excluded, file);
    if !kept.contains(&true) {
        return Err("the filter keeps no operation: every included one is also excluded".into());
    }
    let operations_total = api.operations.len();
    let models_total = api.models.len();
    drop_warnings_of_left_out(api, &kept);
    let mut flags = kept.iter();
    api.operations
        .retain(|_| flags.next().copied().unwrap_or(false));
    prune_uses(api);
    let reached = reach::models_reached(api, api.operations.iter(), &api.client_parameters);
    api.models.retain(|m| reached.all.contains(&m.name));
    let narrowed = narrow_ancestors(api, &reached);
    api.subset = Some(Subset {
        filter: filter.clone(),
        operations_total,
        operations_kept: api.operations.len(),
        next_operations,
        models_total,
        models_kept: api.models.len(),
        narrowed,
    });
    Ok(())
}

/// Keeps the next-page operation of every kept pageable operation (and theirs), unless an
/// exclude dropped it: that paging then `GET`s the next link, with a warning. Returns the
/// `operationId`s added.
fn add_next_operations(
    api: &mut Api,
    kept: &mut [bool],
    excluded: &[bool],
    file: &str,
) -> Vec<String> {
    let index: std::collections::BTreeMap<String, usize> = api
        .operations
        .iter()
        .enumerate()
        .map(|(i, op)| (op.operation_id.clone(), i))
        .collect();
    let mut added = Vec::new();
    let mut pending: Vec<usize> = (0..kept.len()).filter(|&i| kept[i]).collect();
    while let Some(i) = pending.pop() {
        let op = &mut api.operations[i];
        let Some(paging) = &mut op.paging else {
            continue;
        };
        let Some(next) = paging
            .next_operation
            .as_deref()
            .and_then(|id| index.get(id))
        else {
            continue;
        };
        let next = *next;
        if excluded[next] {
            let next_id = paging.next_operation.take().unwrap_or_default();
            paging.next_link_parameter = None;
            api.warnings.push(Warning {
                file: file.to_owned(),
                pointer: op.pointer.clone(),
                message: format!(
                    "the next-page operation `{next_id}` is excluded by the filter: the next \
                     pages of `{}` are fetched with a `GET` of their link instead",
                    op.operation_id
                ),
            });
        } else if !kept[next] {
            kept[next] = true;
            added.push(next);
            pending.push(next);
        }
    }
    added.sort_unstable();
    added
        .into_iter()
        .map(|i| api.operations[i].operation_id.clone())
        .collect()
}

/// Cuts the children and discriminator mappings of the models kept only as ancestors down to
/// the kept models (their other kinds decode as unknown ones). Returns the names of those that
/// lost some, in the API's order.
fn narrow_ancestors(api: &mut Api, reached: &reach::Reached) -> Vec<String> {
    let mut narrowed = Vec::new();
    for model in &mut api.models {
        if !reached.ancestors_only.contains(&model.name) {
            continue;
        }
        let ModelKind::Struct(s) = &mut model.kind else {
            continue;
        };
        let before = s.children.len();
        s.children.retain(|c| reached.all.contains(c));
        let mut lost = s.children.len() != before;
        if let Some(d) = &mut s.discriminator {
            let before = d.mapping.len();
            d.mapping.retain(|_, target| reached.all.contains(target));
            lost |= d.mapping.len() != before;
        }
        if lost {
            narrowed.push(model.name.clone());
        }
    }
    narrowed
}

/// Drops the warnings about the inside of left-out operations (their pointer is the
/// operation's or below it). Warnings about models and shared definitions stay.
fn drop_warnings_of_left_out(api: &mut Api, kept: &[bool]) {
    let left_out: std::collections::BTreeSet<&str> = api
        .operations
        .iter()
        .zip(kept)
        .filter(|(_, kept)| !**kept)
        .map(|(op, _)| op.pointer.as_str())
        .collect();
    let inside = |pointer: &str| {
        left_out.contains(pointer)
            || pointer
                .match_indices('/')
                .any(|(at, _)| left_out.contains(&pointer[..at]))
    };
    api.warnings.retain(|w| !inside(&w.pointer));
}

/// Drops the groups, client parameters, parameter groups and error models that no kept
/// operation uses, keeping the order of the rest.
fn prune_uses(api: &mut Api) {
    let ops = &api.operations;
    api.groups
        .retain(|g| ops.iter().any(|op| op.group == g.name));
    api.client_parameters.retain(|c| {
        ops.iter()
            .flat_map(|op| &op.parameters)
            .any(|p| p.client_level && p.name == c.name && p.location == c.location)
    });
    let used: IndexSet<&str> = ops
        .iter()
        .flat_map(|op| &op.parameter_groups)
        .map(|g| g.group.as_str())
        .collect();
    api.parameter_groups
        .retain(|g| used.contains(g.name.as_str()));
    let errors: Vec<&crate::ir::TypeRef> = ops.iter().flat_map(error_bodies).collect();
    api.error_models.retain(|ty| errors.contains(&ty));
}

/// The types of an operation's error bodies, as lowering collects `Api::error_models`.
fn error_bodies(op: &Operation) -> impl Iterator<Item = &crate::ir::TypeRef> {
    op.default_response
        .iter()
        .chain(op.responses.iter().filter(|r| r.is_error()))
        .filter_map(|r| match &r.body {
            Some(ResponseBody::Json { ty, .. }) => Some(ty),
            _ => None,
        })
}
