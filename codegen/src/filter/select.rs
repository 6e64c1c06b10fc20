//! Which operations a [`Filter`] selects: those that match any include (or all, when there is
//! none) and no exclude. Every selector must match some operation of the API, so that a typo
//! is an error rather than a filter that silently does nothing.

use super::glob::PathGlob;
use super::{Filter, Selectors};
use crate::ir::Operation;

/// One selector, parsed.
enum Selector<'f> {
    Path(&'f str, PathGlob),
    Tag(&'f str),
    Operation(&'f str),
}

impl Selector<'_> {
    fn matches(&self, op: &Operation) -> bool {
        match self {
            Selector::Path(_, glob) => glob.matches(&op.path),
            Selector::Tag(tag) => op.tags.iter().any(|t| t == tag),
            Selector::Operation(id) => op.operation_id == *id,
        }
    }

    /// How the selector reads in a message (`path `/users/**``).
    fn describe(&self, side: &str) -> String {
        match self {
            Selector::Path(glob, _) => format!("the {side} path `{glob}`"),
            Selector::Tag(tag) => format!("the {side} tag `{tag}`"),
            Selector::Operation(id) => format!("the {side} operation `{id}`"),
        }
    }
}

fn parse(selectors: &Selectors) -> Result<Vec<Selector<'_>>, String> {
    let mut out = Vec::new();
    for glob in &selectors.paths {
        let parsed = PathGlob::parse(glob).map_err(|e| e.to_string())?;
        out.push(Selector::Path(glob, parsed));
    }
    out.extend(selectors.tags.iter().map(|t| Selector::Tag(t)));
    out.extend(selectors.operations.iter().map(|o| Selector::Operation(o)));
    Ok(out)
}

/// For each operation, whether it is selected; and for each, whether an exclude matched it (an
/// excluded operation is not added back as another's next-page operation).
pub(crate) struct Selection {
    pub selected: Vec<bool>,
    pub excluded: Vec<bool>,
}

/// Applies `filter` to `operations`. An error (a bad glob, a selector that matches no operation)
/// is a message for the user.
pub(crate) fn select(filter: &Filter, operations: &[Operation]) -> Result<Selection, String> {
    let include = parse(&filter.include)?;
    let exclude = parse(&filter.exclude)?;
    for (selectors, side) in [(&include, "include"), (&exclude, "exclude")] {
        if let Some(unused) = selectors
            .iter()
            .find(|s| !operations.iter().any(|op| s.matches(op)))
        {
            return Err(format!(
                "{} matches no operation of the API{}",
                unused.describe(side),
                hint(unused)
            ));
        }
    }
    let excluded: Vec<bool> = operations
        .iter()
        .map(|op| exclude.iter().any(|s| s.matches(op)))
        .collect();
    let selected = operations
        .iter()
        .zip(&excluded)
        .map(|(op, &out)| !out && (include.is_empty() || include.iter().any(|s| s.matches(op))))
        .collect();
    Ok(Selection { selected, excluded })
}

fn hint(selector: &Selector<'_>) -> &'static str {
    match selector {
        Selector::Path(..) => {
            " (paths are matched as the spec writes them, without the base path: \
             `*` is one segment or part of one, `**` any number of segments)"
        }
        Selector::Tag(_) => " (tags are matched exactly, case included)",
        Selector::Operation(_) => " (operationIds are matched exactly, case included)",
    }
}
