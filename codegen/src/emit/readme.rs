//! What the crate's `README.md` says, as text ready for its template: the groups and their
//! operations, the usage example, and the part of the API a filtered crate has. Spec text is
//! made one-line or Markdown-safe here, and no field carries a hidden character
//! ([`strip_hidden`]): `render` only fills `codegen/templates/README.md` with it.

use crate::ir::{Api, Operation, Subset};
use crate::{CrateOptions, Result};

use super::docs::strip_hidden;

/// The fields of the README template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Readme {
    /// The spec path as generated comments show it.
    pub spec: String,
    /// The package name.
    pub name: String,
    /// The library name (`-` as `_`).
    pub lib: String,
    /// The package version.
    pub crate_version: String,
    /// The API's title, on one line.
    pub title: String,
    /// The API's version.
    pub version: String,
    /// The API's description, as Markdown.
    pub description: Option<String>,
    /// Constructing the client and calling one operation.
    pub example: String,
    /// One table per operation group.
    pub groups: Vec<ReadmeGroup>,
    /// What a filtered crate says about the part of the API it has.
    pub part: Option<ReadmePart>,
}

/// What a filtered crate says about the part of the API it has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadmePart {
    /// `3 of 10 operations (7 left out)`.
    pub operations: String,
    /// `4 of 12 models (8 left out)`.
    pub models: String,
    /// One line per kind of selector used (`include paths: `/users/**``).
    pub filters: Vec<String>,
    /// The next-page operations kept for that reason alone.
    pub next: Option<String>,
    /// The bases kept without some of their kinds.
    pub narrowed: Option<String>,
}

/// One operation group's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadmeGroup {
    /// The heading: the group's name, accessor and type.
    pub title: String,
    /// One row per operation, in API order.
    pub operations: Vec<ReadmeOperation>,
}

/// One row of a group's table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadmeOperation {
    /// The HTTP method.
    pub method: String,
    /// The path template.
    pub path: String,
    /// The Rust call (`client.blob().upload(..)`).
    pub call: String,
    /// The summary (or description) in one table cell.
    pub summary: String,
}

/// The README's fields for the crate of `api`.
pub fn readme(api: &Api, options: &CrateOptions) -> Result<Readme> {
    let readme = Readme {
        spec: options.spec_display.clone(),
        name: options.name.clone(),
        lib: options.name.replace('-', "_"),
        crate_version: options.version.clone(),
        title: one_line(&api.title),
        version: api.version.clone(),
        description: api.description.as_deref().map(super::markdown),
        example: super::usage_example(api, options)?,
        groups: groups(api),
        part: api.subset.as_ref().map(part),
    };
    Ok(readme.without_hidden())
}

impl Readme {
    /// Spec text reaches the README in many places (title, summaries, paths): none of it may
    /// carry control or bidirectional formatting characters. The template's own text has none,
    /// so stripping every field is stripping the whole file.
    fn without_hidden(self) -> Readme {
        let strip = |text: String| strip_hidden(&text);
        Readme {
            spec: strip(self.spec),
            name: strip(self.name),
            lib: strip(self.lib),
            crate_version: strip(self.crate_version),
            title: strip(self.title),
            version: strip(self.version),
            description: self.description.map(strip),
            example: strip(self.example),
            groups: self
                .groups
                .into_iter()
                .map(|group| ReadmeGroup {
                    title: strip(group.title),
                    operations: group
                        .operations
                        .into_iter()
                        .map(|op| ReadmeOperation {
                            method: strip(op.method),
                            path: strip(op.path),
                            call: strip(op.call),
                            summary: strip(op.summary),
                        })
                        .collect(),
                })
                .collect(),
            part: self.part.map(|part| ReadmePart {
                operations: strip(part.operations),
                models: strip(part.models),
                filters: part.filters.into_iter().map(strip).collect(),
                next: part.next.map(strip),
                narrowed: part.narrowed.map(strip),
            }),
        }
    }
}

fn groups(api: &Api) -> Vec<ReadmeGroup> {
    // Each group's operations, in API order, found in one pass (Graph beta has 800 groups).
    let mut by_group: std::collections::HashMap<&str, Vec<&Operation>> =
        std::collections::HashMap::new();
    for op in &api.operations {
        by_group.entry(op.group.as_str()).or_default().push(op);
    }
    api.groups
        .iter()
        .map(|group| {
            let accessor = group.rust_name.trim_start_matches("r#");
            let operations = by_group
                .remove(group.name.as_str())
                .unwrap_or_default()
                .into_iter()
                .map(|op| ReadmeOperation {
                    method: op.method.clone(),
                    path: super::display_path(op).replace('`', "'"),
                    call: format!(
                        "client.{accessor}().{}(..)",
                        op.rust_name.trim_start_matches("r#")
                    ),
                    summary: cell(op.summary.as_deref().or(op.description.as_deref())),
                })
                .collect();
            ReadmeGroup {
                title: format!(
                    "{} (`client.{accessor}()`, `{}`)",
                    group.name, group.type_name
                ),
                operations,
            }
        })
        .collect()
}

fn part(subset: &Subset) -> ReadmePart {
    let counted = |kept: usize, total: usize, what: &str| {
        format!("{kept} of {total} {what} ({} left out)", total - kept)
    };
    let quoted = |items: &[String]| {
        let items: Vec<String> = items
            .iter()
            .map(|i| format!("`{}`", one_line(i).replace('`', "'")))
            .collect();
        items.join(", ")
    };
    let mut filters = Vec::new();
    for (side, selectors) in [
        ("include", &subset.filter.include),
        ("exclude", &subset.filter.exclude),
    ] {
        for (kind, items) in [
            ("paths", &selectors.paths),
            ("tags", &selectors.tags),
            ("operations", &selectors.operations),
        ] {
            if !items.is_empty() {
                filters.push(format!("{side} {kind}: {}", quoted(items)));
            }
        }
    }
    ReadmePart {
        operations: counted(
            subset.operations_kept,
            subset.operations_total,
            "operations",
        ),
        models: counted(subset.models_kept, subset.models_total, "models"),
        filters,
        next: (!subset.next_operations.is_empty()).then(|| quoted(&subset.next_operations)),
        narrowed: (!subset.narrowed.is_empty()).then(|| quoted(&subset.narrowed)),
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text for a Markdown table cell: one line, `|` escaped, at most about 120 characters.
fn cell(text: Option<&str>) -> String {
    let text = one_line(text.unwrap_or_default()).replace('|', "\\|");
    match text.char_indices().nth(120) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_cells_are_one_line_with_pipes_escaped() {
        assert_eq!(cell(Some("a |\n b")), r"a \| b");
        assert_eq!(cell(None), "");
    }
}
