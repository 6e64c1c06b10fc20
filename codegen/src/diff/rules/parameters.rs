//! Parameters of operations (form fields included) and of the client, and the positional
//! arguments they become.

use super::{Rule, Sink, code, type_rule};
use crate::diff::items;
use crate::diff::matching::{self, MatchedBy, OpPair};
use crate::diff::report::Change;
use crate::diff::surface::{Operation, Parameter};
use crate::diff::ty::Ty;

/// Where a parameter sits in the generated crate, on each side.
struct Place<'a> {
    operation_id: Option<&'a str>,
    old_item: String,
    new_item: String,
    old_positional: bool,
    new_positional: bool,
}

impl Place<'_> {
    fn change(&self, rule: Rule, message: String, old: &Parameter, new: &Parameter) -> Change {
        let mut change = Change::new(rule, message)
            .pointers(Some(&old.pointer), Some(&new.pointer))
            .item(self.old_item.clone(), Some(self.new_item.clone()));
        if let Some(id) = self.operation_id {
            change = change.operation(id);
        }
        change
    }
}

/// `query parameter `digest``, `header `Accept``, ...
pub(crate) fn describe(p: &Parameter) -> String {
    let place = match p.location.as_str() {
        "path" => "path parameter",
        "query" => "query parameter",
        "header" => "header",
        "form" => "form field",
        "host" => "host parameter",
        "cookie" => "cookie",
        _ => "parameter",
    };
    format!("{place} {}", code(&p.name))
}

fn of(operation_id: Option<&str>) -> String {
    operation_id.map_or_else(
        || " of the client".to_string(),
        |id| format!(" of {}", code(id)),
    )
}

/// The inputs of an operation: parameters, then form fields.
fn inputs(op: &Operation) -> Vec<&Parameter> {
    op.parameters.iter().chain(op.form_fields()).collect()
}

/// Every parameter rule for a matched pair of operations.
pub(crate) fn pair(pair: &OpPair<'_>, sink: &mut Sink) {
    let (old, new) = (pair.old, pair.new);
    let (old_inputs, new_inputs) = (inputs(old), inputs(new));
    let paths = (pair.by == MatchedBy::Endpoint).then_some((old.path.as_str(), new.path.as_str()));
    let matched = matching::parameters(&old_inputs, &new_inputs, paths);
    let id = Some(new.operation_id.as_str());

    for p in matched.removed.iter().filter(|p| !p.client_level) {
        if let Some(setter) = builtin(old, p).filter(|_| has_builtin_body(new, p)) {
            sink.push(
                Change::new(
                    Rule::BuiltinHeaderChanged,
                    format!(
                        "{}{} was removed; the built-in {} setter takes its place",
                        describe(p),
                        of(id),
                        code(&format!("{setter}(..)"))
                    ),
                )
                .operation(&new.operation_id)
                .pointers(Some(&p.pointer), None)
                .item(items::parameter(old, p), Some(items::parameter(new, p))),
            );
            continue;
        }
        sink.push(
            Change::new(
                Rule::ParameterRemoved,
                format!("{}{} was removed", describe(p), of(id)),
            )
            .operation(&new.operation_id)
            .pointers(Some(&p.pointer), None)
            .item(items::parameter(old, p), None),
        );
    }
    // Client settings both sides are compared once, with the client's parameters.
    for (o, n) in matched
        .pairs
        .iter()
        .filter(|(o, n)| !(o.client_level && n.client_level))
    {
        let place = Place {
            operation_id: id,
            old_item: items::parameter(old, o),
            new_item: items::parameter(new, n),
            old_positional: Operation::is_positional(o),
            new_positional: Operation::is_positional(n),
        };
        compare(o, n, &place, Some((old, new)), sink);
    }
    for p in matched.added.iter().filter(|p| !p.client_level) {
        if let Some(setter) = builtin(new, p).filter(|_| has_builtin_body(old, p)) {
            sink.push(
                Change::new(
                    Rule::BuiltinHeaderChanged,
                    format!(
                        "{}{} was added; it takes the place of the built-in {} setter",
                        describe(p),
                        of(id),
                        code(&format!("{setter}(..)"))
                    ),
                )
                .operation(&new.operation_id)
                .pointers(None, Some(&p.pointer))
                .item(items::parameter(old, p), Some(items::parameter(new, p))),
            );
            continue;
        }
        let (rule, what) = if Operation::is_positional(p) {
            (Rule::ParameterAddedRequired, "required")
        } else {
            (Rule::ParameterAddedOptional, "optional")
        };
        sink.push(
            Change::new(rule, format!("{what} {}{} was added", describe(p), of(id)))
                .operation(&new.operation_id)
                .pointers(None, Some(&p.pointer))
                .item(items::parameter(new, p), None),
        );
    }
    argument_order(old, new, &matched.pairs, sink);
}

/// The built-in setter of the request builder (`accept`, `content_type`) that an optional
/// string header parameter of `op` stands in for, if any. The builder has `accept(..)` unless the
/// operation has its own `Accept` parameter, and `content_type(..)` for a body other than
/// multipart unless it has its own `Content-Type` (see `codegen/src/emit/operations.rs`): such a
/// parameter coming or going leaves the Rust API as it was.
fn builtin(op: &Operation, p: &Parameter) -> Option<&'static str> {
    if p.location != "header" || Operation::is_positional(p) || !matches!(p.ty, Ty::String(_)) {
        return None;
    }
    let setter = if p.name.eq_ignore_ascii_case("accept") {
        "accept"
    } else if p.name.eq_ignore_ascii_case("content-type") && has_plain_body(op) {
        "content_type"
    } else {
        return None;
    };
    (p.rust_name == setter).then_some(setter)
}

/// Whether `other` (the side without the parameter) has the built-in setter for `p`.
fn has_builtin_body(other: &Operation, p: &Parameter) -> bool {
    !p.name.eq_ignore_ascii_case("content-type") || has_plain_body(other)
}

fn has_plain_body(op: &Operation) -> bool {
    op.body.as_ref().is_some_and(|b| b.kind != "multipart")
}

/// Host parameters (`host: true`) or client settings of two APIs.
pub(crate) fn client(old: &[&Parameter], new: &[&Parameter], host: bool, sink: &mut Sink) {
    let matched = matching::parameters(old, new, None);
    for p in &matched.removed {
        sink.push(
            Change::new(
                Rule::ParameterRemoved,
                format!("{}{} was removed", describe(p), of(None)),
            )
            .pointers(Some(&p.pointer), None)
            .item(items::client_parameter(p, host), None),
        );
    }
    for (o, n) in &matched.pairs {
        let place = Place {
            operation_id: None,
            old_item: items::client_parameter(o, host),
            new_item: items::client_parameter(n, host),
            old_positional: host || o.required,
            new_positional: host || n.required,
        };
        compare(o, n, &place, None, sink);
    }
    for p in &matched.added {
        let required = host || p.required;
        let (rule, what) = if required {
            (Rule::ParameterAddedRequired, "required")
        } else {
            (Rule::ParameterAddedOptional, "optional")
        };
        sink.push(
            Change::new(
                rule,
                format!("{what} {}{} was added", describe(p), of(None)),
            )
            .pointers(None, Some(&p.pointer))
            .item(items::client_parameter(p, host), None),
        );
    }
}

fn compare(
    o: &Parameter,
    n: &Parameter,
    place: &Place<'_>,
    ops: Option<(&Operation, &Operation)>,
    sink: &mut Sink,
) {
    let who = format!("{}{}", describe(n), of(place.operation_id));
    let mut push = |rule: Rule, message: String| sink.push(place.change(rule, message, o, n));

    if o.location != n.location {
        push(
            Rule::ParameterLocationChanged,
            format!(
                "{}{} moved from the {} to the {}",
                describe(o),
                of(place.operation_id),
                o.location,
                n.location
            ),
        );
    }
    if o.name != n.name {
        let paths = ops.map_or(String::new(), |(old, new)| {
            format!(" ({} to {})", code(&old.path), code(&new.path))
        });
        let argument = if o.rust_name == n.rust_name {
            String::new()
        } else {
            format!("; its argument is now {}", code(&n.rust_name))
        };
        push(
            Rule::PathParameterRenamed,
            format!(
                "path parameter {} is now {}{paths}{argument}",
                code(&o.name),
                code(&n.name)
            ),
        );
    }
    if let Some(rule) = type_rule(
        &o.ty,
        &n.ty,
        Rule::ParameterTypeChanged,
        Rule::ParameterFormatChanged,
    ) {
        push(
            rule,
            format!(
                "{who} changed type from {} to {}",
                code(&o.ty.to_string()),
                code(&n.ty.to_string())
            ),
        );
    }
    how_given(o, n, place, &who, sink);
    renamed(o, n, place, &who, sink);
}

/// How the parameter is given and sent: client setting or per call, positional or setter,
/// required, URL-encoded, joined.
fn how_given(o: &Parameter, n: &Parameter, place: &Place<'_>, who: &str, sink: &mut Sink) {
    let mut push = |rule: Rule, message: String| sink.push(place.change(rule, message, o, n));
    if o.client_level != n.client_level {
        let what = if n.client_level {
            "is now a client setting instead of a per-call value"
        } else {
            "is now a per-call value instead of a client setting"
        };
        push(Rule::ParameterClientLevelChanged, format!("{who} {what}"));
    } else if place.old_positional != place.new_positional {
        if place.new_positional {
            push(
                Rule::ParameterBecameRequired,
                format!("{who} became required: the setter becomes a positional argument"),
            );
        } else {
            push(
                Rule::ParameterBecameOptional,
                format!("{who} became optional: the positional argument becomes a setter"),
            );
        }
    } else if o.required != n.required {
        let (rule, what) = if n.required {
            (Rule::ParameterBecameRequired, "required")
        } else {
            (Rule::ParameterBecameOptional, "optional")
        };
        push(rule, format!("{who} became {what}"));
    }
    if o.skip_url_encoding != n.skip_url_encoding {
        let what = if n.skip_url_encoding {
            "is now sent verbatim (`x-ms-skip-url-encoding`)"
        } else {
            "is now URL-encoded (no more `x-ms-skip-url-encoding`)"
        };
        push(Rule::ParameterSkipEncodingChanged, format!("{who} {what}"));
    }
    if o.collection_format != n.collection_format {
        let show = |c: &Option<String>| c.as_deref().map_or("none".to_string(), code);
        push(
            Rule::ParameterCollectionFormatChanged,
            format!(
                "{who} is joined as {} instead of {}",
                show(&n.collection_format),
                show(&o.collection_format)
            ),
        );
    }
}

/// The parameter's argument or setter renamed, its wire name unchanged.
fn renamed(o: &Parameter, n: &Parameter, place: &Place<'_>, who: &str, sink: &mut Sink) {
    let mut push = |rule: Rule, message: String| sink.push(place.change(rule, message, o, n));
    // A renamed path placeholder (reported above) renames its argument too.
    if o.rust_name != n.rust_name
        && place.old_positional == place.new_positional
        && o.name == n.name
    {
        let client = |p: &Parameter| code(p.client_name.as_deref().unwrap_or(&p.name));
        if place.new_positional {
            push(
                Rule::ArgumentRenamed,
                format!(
                    "the argument for {who} is now {} instead of {}",
                    code(&n.rust_name),
                    code(&o.rust_name)
                ),
            );
        } else {
            push(
                Rule::ParameterClientNameChanged,
                format!(
                    "{who} has client name {} instead of {}: {} is renamed {}",
                    client(n),
                    client(o),
                    code(&place.old_item),
                    code(&place.new_item)
                ),
            );
        }
    }
}

/// What an input is, across both sides: a new parameter index, or the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Param(usize),
    Body,
}

fn argument_order(
    old: &Operation,
    new: &Operation,
    pairs: &[(&Parameter, &Parameter)],
    sink: &mut Sink,
) {
    let new_inputs = inputs(new);
    let index_in_new = |n: &Parameter| new_inputs.iter().position(|p| std::ptr::eq(*p, n));
    let positional_body = |op: &Operation| {
        op.body
            .as_ref()
            .is_some_and(|b| b.required && b.fields.is_empty())
    };

    // The positional arguments of each side, as slots and names.
    let new_args: Vec<(Slot, &str)> = new_inputs
        .iter()
        .enumerate()
        .filter(|(_, p)| Operation::is_positional(p))
        .map(|(j, p)| (Slot::Param(j), p.rust_name.as_str()))
        .chain(
            new.body
                .as_ref()
                .filter(|_| positional_body(new))
                .map(|b| (Slot::Body, b.rust_name.as_str())),
        )
        .collect();
    let old_args: Vec<(Slot, &str)> = inputs(old)
        .into_iter()
        .filter(|p| Operation::is_positional(p))
        .filter_map(|p| {
            let (_, n) = pairs.iter().find(|(o, _)| std::ptr::eq(*o, p))?;
            Some((Slot::Param(index_in_new(n)?), p.rust_name.as_str()))
        })
        .chain(
            old.body
                .as_ref()
                .filter(|_| positional_body(old))
                .map(|b| (Slot::Body, b.rust_name.as_str())),
        )
        .collect();

    // Compare the order of the arguments present (and positional) on both sides.
    let kept_old: Vec<&(Slot, &str)> = old_args
        .iter()
        .filter(|(s, _)| new_args.iter().any(|(t, _)| t == s))
        .collect();
    let kept_new: Vec<&(Slot, &str)> = new_args
        .iter()
        .filter(|(s, _)| old_args.iter().any(|(t, _)| t == s))
        .collect();
    let same = kept_old
        .iter()
        .map(|(s, _)| s)
        .eq(kept_new.iter().map(|(s, _)| s));
    if same {
        return;
    }
    let list = |args: &[&(Slot, &str)]| {
        let names: Vec<&str> = args.iter().map(|(_, n)| *n).collect();
        code(&format!("({})", names.join(", ")))
    };
    sink.push(
        Change::new(
            Rule::ArgumentOrderChanged,
            format!(
                "the positional arguments {} of {} are now in the order {}",
                list(&kept_old),
                code(&new.operation_id),
                list(&kept_new)
            ),
        )
        .operation(&new.operation_id)
        .pointers(Some(&old.pointer), Some(&new.pointer))
        .item(items::method(old), Some(items::method(new))),
    );
}
