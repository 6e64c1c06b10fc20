//! The report as Markdown, for people: a headline with the counts that matter ("1 removed
//! operation, 57 breaking changes"), each removed operation with what it sent and returned (as in
//! the change logs people already read), the renamed and added operations, then every other
//! change grouped by area, breaking ones first.

use std::fmt::Write;

use super::report::{Change, RemovedOperation, Report, Severity};
use super::rules::{Area, Rule, code};
use super::surface::{Body, Response};

/// Rules whose changes are shown in the operation sections rather than in the change lists.
const OPERATION_SECTIONS: [Rule; 4] = [
    Rule::OperationAdded,
    Rule::OperationRemoved,
    Rule::OperationRenamed,
    Rule::OperationIdChanged,
];

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Escapes a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

impl Report {
    /// The report as Markdown, ending with a newline.
    pub fn to_markdown(&self) -> String {
        let mut out = String::new();
        // Writing to a `String` cannot fail.
        let _ = self.write_markdown(&mut out);
        out
    }

    fn write_markdown(&self, out: &mut String) -> std::fmt::Result {
        let s = &self.summary;
        let side = |t: &str, v: &str| format!("{t} {v}");
        writeln!(
            out,
            "# API changes: {} → {}\n",
            side(&self.old.title, &self.old.version),
            side(&self.new.title, &self.new.version)
        )?;
        writeln!(
            out,
            "**{}, {}**\n",
            plural(
                s.removed_operations,
                "removed operation",
                "removed operations"
            ),
            plural(s.breaking, "breaking change", "breaking changes")
        )?;
        writeln!(
            out,
            "{} → {}: {} added, {} removed, {} renamed. Changes: {} breaking, {} non-breaking, {} info.",
            plural(s.old_operations, "operation", "operations"),
            s.new_operations,
            s.added_operations,
            s.removed_operations,
            s.renamed_operations,
            s.breaking,
            s.non_breaking,
            s.info
        )?;
        if let (Some(old), Some(new)) = (&self.old.source, &self.new.source) {
            writeln!(
                out,
                "\nCompared {} (old) with {} (new).",
                code(old),
                code(new)
            )?;
        }
        if self.is_empty() {
            writeln!(out, "\nNo changes.")?;
            return Ok(());
        }

        let ops = &self.operations;
        if !ops.removed.is_empty() {
            writeln!(out, "\n## Removed operations ({})", ops.removed.len())?;
            for removed in &ops.removed {
                write_removed(out, removed)?;
            }
        }
        if !ops.renamed.is_empty() {
            writeln!(out, "\n## Renamed operations ({})\n", ops.renamed.len())?;
            writeln!(out, "| endpoint | old | new | Rust method |")?;
            writeln!(out, "|---|---|---|---|")?;
            for r in &ops.renamed {
                let mut endpoint = format!("{} {}", r.method, r.path);
                for (i, (k, v)) in r.query.iter().enumerate() {
                    endpoint.push_str(&format!("{}{k}={v}", if i == 0 { '?' } else { '&' }));
                }
                let rust = if r.old_rust_item == r.new_rust_item {
                    code(&r.new_rust_item)
                } else {
                    format!("{} → {}", code(&r.old_rust_item), code(&r.new_rust_item))
                };
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    cell(&code(&endpoint)),
                    cell(&code(&r.old)),
                    cell(&code(&r.new)),
                    cell(&rust)
                )?;
            }
        }
        if !ops.added.is_empty() {
            writeln!(out, "\n## Added operations ({})\n", ops.added.len())?;
            writeln!(out, "| operation | endpoint | Rust method |")?;
            writeln!(out, "|---|---|---|")?;
            for a in &ops.added {
                writeln!(
                    out,
                    "| {} | {} | {} |",
                    cell(&code(&a.operation_id)),
                    cell(&code(&format!("{} {}", a.method, a.path))),
                    cell(&code(&a.rust_item))
                )?;
            }
        }

        let listed: Vec<&Change> = self
            .changes
            .iter()
            .filter(|c| !OPERATION_SECTIONS.contains(&c.rule))
            .collect();
        if listed.is_empty() {
            return Ok(());
        }
        writeln!(out, "\n## Changes by area")?;
        for area in Area::ALL {
            let mut in_area: Vec<&&Change> =
                listed.iter().filter(|c| c.rule.area() == area).collect();
            if in_area.is_empty() {
                continue;
            }
            // Breaking first; the order found is kept within a severity.
            in_area.sort_by_key(|c| std::cmp::Reverse(c.severity));
            writeln!(out, "\n### {} ({})\n", area.title(), in_area.len())?;
            for c in in_area {
                write_change(out, c)?;
            }
        }
        Ok(())
    }
}

fn write_change(out: &mut String, c: &Change) -> std::fmt::Result {
    let badge = match c.severity {
        Severity::Breaking => "**breaking**",
        Severity::NonBreaking => "non-breaking",
        Severity::Info => "info",
    };
    write!(out, "- {badge} {}: {}", code(c.rule.id()), c.message)?;
    match (&c.rust_item, &c.new_rust_item) {
        (Some(old), Some(new)) => write!(out, ". Rust: {} → {}", code(old), code(new))?,
        (Some(item), None) => write!(out, ". Rust: {}", code(item))?,
        _ => {}
    }
    match (&c.old_pointer, &c.new_pointer) {
        (Some(o), Some(n)) if o == n => write!(out, " ({})", code(o))?,
        (Some(o), Some(n)) => write!(out, " ({} → {})", code(o), code(n))?,
        (Some(o), None) => write!(out, " (old {})", code(o))?,
        (None, Some(n)) => write!(out, " (new {})", code(n))?,
        (None, None) => {}
    }
    writeln!(out)
}

fn write_removed(out: &mut String, r: &RemovedOperation) -> std::fmt::Result {
    let op = &r.operation;
    let mut endpoint = format!("{} {}", op.method, op.path);
    for (i, (k, v)) in op.query.iter().enumerate() {
        endpoint.push_str(&format!("{}{k}={v}", if i == 0 { '?' } else { '&' }));
    }
    writeln!(out, "\n### {} (removed)\n", code(&op.operation_id))?;
    writeln!(
        out,
        "{} · Rust: {} · {}\n",
        code(&endpoint),
        code(&op.rust_item),
        code(&op.pointer)
    )?;
    writeln!(out, "Request:\n")?;
    let fields = r.body.as_ref().map_or(&[][..], |b| b.fields.as_slice());
    if r.parameters.is_empty() && fields.is_empty() {
        writeln!(out, "- no parameters")?;
    } else {
        writeln!(out, "| parameter | in | type | required | Rust |")?;
        writeln!(out, "|---|---|---|---|---|")?;
        for p in r.parameters.iter().chain(fields) {
            let mut rust = code(&p.rust_name);
            if p.client_level {
                rust.push_str(" (client)");
            }
            writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&code(&p.name)),
                p.location,
                cell(&code(&p.ty.to_string())),
                if p.required { "yes" } else { "no" },
                cell(&rust)
            )?;
        }
    }
    match &r.body {
        Some(b) => writeln!(out, "\nBody: {}", body(b))?,
        None => writeln!(out, "\nBody: none")?,
    }
    writeln!(out, "\nResponses:\n")?;
    if r.responses.is_empty() {
        writeln!(out, "- none documented")?;
        return Ok(());
    }
    writeln!(out, "| status | body | headers |")?;
    writeln!(out, "|---|---|---|")?;
    for resp in &r.responses {
        writeln!(
            out,
            "| {} | {} | {} |",
            code(&resp.status),
            cell(&response_body(resp)),
            cell(&headers(resp))
        )?;
    }
    Ok(())
}

fn body(b: &Body) -> String {
    let mut text = match &b.ty {
        Some(ty) => format!("{} {}", b.kind, code(&ty.to_string())),
        None => b.kind.clone(),
    };
    if !b.media_types.is_empty() {
        text.push_str(&format!(" as {}", code(&b.media_types.join(", "))));
    }
    text.push_str(if b.required {
        ", required"
    } else {
        ", optional"
    });
    text
}

fn response_body(r: &Response) -> String {
    match &r.body {
        Some(b) => match &b.ty {
            Some(ty) => format!("{} {}", b.kind, code(&ty.to_string())),
            None => b.kind.clone(),
        },
        None => "none".to_string(),
    }
}

fn headers(r: &Response) -> String {
    let list: Vec<String> = r
        .headers
        .iter()
        .map(|h| format!("{}: {}", code(&h.name), code(&h.ty.to_string())))
        .collect();
    list.join(", ")
}
