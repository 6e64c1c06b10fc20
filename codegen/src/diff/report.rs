//! The result of a diff: what happened to the operations, every change with its rule, severity,
//! JSON pointers and Rust item, and counts. `Serialize` gives the JSON report;
//! [`Report::to_markdown`](super::markdown) the human one.

use indexmap::IndexMap;
use serde::Serialize;

use super::rules::Rule;
use super::surface::{self, Surface};

/// How much a change matters to users of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// No effect on the public Rust API or on what is sent (a renamed positional argument, a
    /// format that maps to the same Rust type, an error status).
    Info,
    /// Additive: code written against the old crate still compiles and behaves the same.
    NonBreaking,
    /// Code written against the old crate stops compiling, or sends or reads something else.
    Breaking,
}

impl Severity {
    /// `breaking`, `non-breaking` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::NonBreaking => "non-breaking",
            Severity::Breaking => "breaking",
        }
    }
}

/// A whole diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The old API.
    pub old: Side,
    /// The new API.
    pub new: Side,
    /// Counts.
    pub summary: Summary,
    /// Added, removed and renamed operations.
    pub operations: Operations,
    /// Every change, in a stable order: host and client, then operations (removed ones, then
    /// matched ones in the new document's order, then added ones), then models.
    pub changes: Vec<Change>,
}

/// One side of a diff.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Side {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// Where it was read from, when the caller says so ([`Report::with_sources`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Counts of changes per severity, and of operations.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Breaking changes.
    pub breaking: usize,
    /// Non-breaking changes.
    #[serde(rename = "non-breaking")]
    pub non_breaking: usize,
    /// Changes for information.
    pub info: usize,
    /// Operations in the old API.
    pub old_operations: usize,
    /// Operations in the new API.
    pub new_operations: usize,
    /// Added operations.
    pub added_operations: usize,
    /// Removed operations.
    pub removed_operations: usize,
    /// Renamed operations (`operationId` changed).
    pub renamed_operations: usize,
}

/// What happened to operations as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Operations {
    /// In the new API only.
    pub added: Vec<OperationRef>,
    /// In the old API only, with their requests and responses.
    pub removed: Vec<RemovedOperation>,
    /// Matched, with another `operationId`.
    pub renamed: Vec<RenamedOperation>,
}

/// An operation, by endpoint and id.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OperationRef {
    /// HTTP method.
    pub method: String,
    /// Path template.
    pub path: String,
    /// `x-ms-paths` query constants.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, String>,
    /// `operationId`.
    pub operation_id: String,
    /// The method of the generated crate (`blob().upload(..)`).
    pub rust_item: String,
    /// JSON pointer of the operation.
    pub pointer: String,
}

/// A removed operation: what it sent and what it returned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RemovedOperation {
    /// Which one.
    #[serde(flatten)]
    pub operation: OperationRef,
    /// Its parameters.
    pub parameters: Vec<surface::Parameter>,
    /// Its request body.
    pub body: Option<surface::Body>,
    /// Its responses.
    pub responses: Vec<surface::Response>,
}

/// A renamed operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RenamedOperation {
    /// HTTP method (new).
    pub method: String,
    /// Path template (new).
    pub path: String,
    /// The old path template, when it differs (path parameters renamed, or moved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_path: Option<String>,
    /// `x-ms-paths` query constants (new).
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub query: IndexMap<String, String>,
    /// Old `operationId`.
    pub old: String,
    /// New `operationId`.
    pub new: String,
    /// The old method of the generated crate.
    pub old_rust_item: String,
    /// The new method of the generated crate.
    pub new_rust_item: String,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Its rule (a stable id such as `operation-removed`).
    pub rule: Rule,
    /// How much it matters.
    pub severity: Severity,
    /// What changed, in words.
    pub message: String,
    /// The operation it is in (the new `operationId`, or the old one when removed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operation_id: Option<String>,
    /// JSON pointer in the old document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_pointer: Option<String>,
    /// JSON pointer in the new document.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_pointer: Option<String>,
    /// The public item of the generated crate it changes (as named in the old crate, or in the
    /// new one when it is new).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rust_item: Option<String>,
    /// The item's new name, when the change renames it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub new_rust_item: Option<String>,
}

impl Change {
    /// A change by `rule`, with the rule's severity.
    pub fn new(rule: Rule, message: impl Into<String>) -> Change {
        Change {
            rule,
            severity: rule.severity(),
            message: message.into(),
            operation_id: None,
            old_pointer: None,
            new_pointer: None,
            rust_item: None,
            new_rust_item: None,
        }
    }

    /// Sets the pointers.
    pub fn pointers(mut self, old: Option<&str>, new: Option<&str>) -> Change {
        self.old_pointer = old.map(str::to_string);
        self.new_pointer = new.map(str::to_string);
        self
    }

    /// Sets the Rust item; `new` is kept only when it differs.
    pub fn item(mut self, old: impl Into<String>, new: Option<String>) -> Change {
        let old = old.into();
        self.new_rust_item = new.filter(|n| *n != old);
        self.rust_item = Some(old);
        self
    }

    /// Sets the operation.
    pub fn operation(mut self, operation_id: &str) -> Change {
        self.operation_id = Some(operation_id.to_string());
        self
    }
}

impl Report {
    pub(crate) fn new(
        old: &Surface,
        new: &Surface,
        operations: Operations,
        changes: Vec<Change>,
    ) -> Report {
        let count = |s: Severity| changes.iter().filter(|c| c.severity == s).count();
        let summary = Summary {
            breaking: count(Severity::Breaking),
            non_breaking: count(Severity::NonBreaking),
            info: count(Severity::Info),
            old_operations: old.operations.len(),
            new_operations: new.operations.len(),
            added_operations: operations.added.len(),
            removed_operations: operations.removed.len(),
            renamed_operations: operations.renamed.len(),
        };
        let side = |s: &Surface| Side {
            title: s.title.clone(),
            version: s.version.clone(),
            source: None,
        };
        Report {
            old: side(old),
            new: side(new),
            summary,
            operations,
            changes,
        }
    }

    /// The same report, naming the files it compared.
    pub fn with_sources(mut self, old: impl Into<String>, new: impl Into<String>) -> Report {
        self.old.source = Some(old.into());
        self.new.source = Some(new.into());
        self
    }

    /// True when no change was found.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// True when some change is at least as severe as `threshold` (`Info` means any change).
    pub fn has_at_least(&self, threshold: Severity) -> bool {
        self.changes.iter().any(|c| c.severity >= threshold)
    }

    /// The changes made by one rule.
    pub fn by_rule(&self, rule: Rule) -> impl Iterator<Item = &Change> {
        self.changes.iter().filter(move |c| c.rule == rule)
    }

    /// The report as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }
}
