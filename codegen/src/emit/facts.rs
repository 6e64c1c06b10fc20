//! The decisions about each operation, made once per crate when the [`Ctx`] is made
//! ([`Facts`]): its inputs (where each goes, its name, whether it is positional), the parameter
//! groups that carry some of them and the one order of a call's values, its built-in setters,
//! its answers, and whether it lists (`Link` paging) or polls. Data only (IR references, names,
//! flags; no tokens), so that the emitters of every file, on any thread, read the same
//! decisions: the operation's own file turns them into tokens (`plan.rs`), and the crate docs,
//! the pagers of other operations, the token operations and the example tests read them as they
//! are. No emitter decides them again.

use std::collections::HashMap;

use super::{Ctx, unraw};
use crate::ir::{
    BodyField, BodyKind, GroupField, GroupUse, Location, ModelKind, Operation, Parameter,
    ParameterGroup, Property, Response, ResponseBody, TypeRef,
};
use crate::{ErrorKind, Result};

/// Names a list's request builder uses for itself (`paging.rs`).
pub(crate) const LIST_METHODS: [&str; 4] = ["pages", "into_stream", "request", "read"];

/// Names a long-running operation's request builder uses for itself (`lro.rs`).
pub(crate) const POLLER_METHODS: [&str; 1] = ["poller"];

/// Where an input goes.
#[derive(Clone, Copy)]
pub(crate) enum Kind<'a> {
    /// A parameter (path, query, header, cookie, per-call host).
    Param(&'a Parameter),
    /// The body.
    Body,
    /// A field of a form body.
    Form(&'a Parameter),
    /// A field of a multipart body.
    Multipart(&'a Parameter),
    /// A field of a flattened JSON body (`x-ms-client-flatten`).
    BodyField(&'a BodyField),
    /// A parameter group (`x-ms-parameter-grouping`) standing for some of the others.
    Group,
}

/// A value the caller gives, as decided: where it goes, its name, and whether it is a
/// positional argument rather than a setter.
pub(crate) struct InputFact<'a> {
    pub kind: Kind<'a>,
    /// Its Rust name (the IR's `rust_name`, `r#type` for a keyword).
    pub name: &'a str,
    /// A positional argument: a required value, and every path or host parameter.
    pub required: bool,
}

/// A parameter group (`x-ms-parameter-grouping`) as one operation takes it.
pub(crate) struct GroupFact<'a> {
    /// The operation's use of the group: its argument or setter name, whether it is required.
    pub use_: &'a GroupUse,
    /// The group (its struct).
    pub group: &'a ParameterGroup,
    /// The input index of its first member.
    pub first: usize,
    /// Per carried input (by index), in member order: the group field that holds it.
    pub fields: Vec<(usize, &'a GroupField)>,
}

/// One value of a call ([`Facts::call`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The input at this index, which no group carries.
    Input(usize),
    /// The group at this index of [`Facts::groups`].
    Group(usize),
}

/// The built-in setters of an operation's builder.
#[derive(Clone, Copy)]
pub(crate) struct Builtins {
    /// `accept(..)`: the operation has no `Accept` header parameter.
    pub accept: bool,
    /// `content_type(..)`: the operation has a body that is not multipart, and no
    /// `Content-Type` header parameter.
    pub content_type: bool,
}

/// What is decided about one operation.
pub(crate) struct Facts<'a> {
    /// The caller's values, in IR order: parameters (not client-level), then the body, its form
    /// or multipart fields, or a flattened body's fields.
    pub inputs: Vec<InputFact<'a>>,
    /// The groups that carry some of the inputs, in the operation's order.
    pub groups: Vec<GroupFact<'a>>,
    /// Per input (by index): the group (index in `groups`) that carries it.
    carried: Vec<Option<usize>>,
    /// The builder's `accept(..)` and `content_type(..)`.
    pub builtins: Builtins,
    /// The responses the operation returns as a value, in IR order (`status::is_answer`).
    pub answers: Vec<&'a Response>,
    /// A `Link`-header list's items property (`paging.rs`), unless the operation is pageable
    /// (`x-ms-pageable`) or an input already has one of the list's method names.
    pub list: Option<&'a Property>,
    /// A long-running operation whose builder polls to the end when awaited: not a `Link` list,
    /// and no input named `poller`. It has `poller()` unless it is also pageable
    /// (`x-ms-pageable`): then awaiting it pages the final result.
    pub polls: bool,
    /// A pageable operation (`x-ms-pageable`).
    paged: bool,
}

impl<'a> Facts<'a> {
    /// The facts of `op`.
    fn of(ctx: &Ctx<'a>, op: &'a Operation) -> Result<Self> {
        let inputs = inputs(ctx, op)?;
        let (groups, carried) = groups(ctx, op, &inputs);
        let named = |reserved: &[&str]| inputs.iter().any(|i| reserved.contains(&unraw(i.name)));
        let list = if op.paging.is_some() {
            None
        } else {
            list_items(ctx, op)
        }
        .filter(|_| !named(&LIST_METHODS));
        let polls = op.polling.is_some() && list.is_none() && !named(&POLLER_METHODS);
        Ok(Facts {
            builtins: builtins(op),
            answers: op
                .responses
                .iter()
                .filter(|r| super::status::is_answer(op, r))
                .collect(),
            inputs,
            groups,
            carried,
            list,
            polls,
            paged: op.paging.is_some(),
        })
    }

    /// A pageable operation that does not poll: `send()` and `.await` give the runtime's
    /// `Pager` (`pager.rs`).
    pub(crate) fn pager(&self) -> bool {
        self.paged && !self.polls
    }

    /// A pageable operation that polls: `.await` polls, then pages the final result.
    pub(crate) fn pages_after_polling(&self) -> bool {
        self.paged && self.polls
    }

    /// A long-running operation with `poller()` (`lro.rs`): one that polls and is not pageable.
    pub(crate) fn poller(&self) -> bool {
        self.polls && !self.paged
    }

    /// True when a group carries the input at `index`.
    pub(crate) fn carries(&self, index: usize) -> bool {
        self.carried.get(index).is_some_and(Option::is_some)
    }

    /// The group that carries the input at `index`, if any.
    pub(crate) fn carrier(&self, index: usize) -> Option<usize> {
        self.carried.get(index).copied().flatten()
    }

    /// What a call gives, in order: per input, the required groups whose first member it is,
    /// then the input itself unless a group carries it; then the optional groups. Required
    /// inputs and groups are the method's positional arguments, the others its setters.
    pub(crate) fn call(&self) -> Vec<Slot> {
        let mut out = Vec::new();
        for index in 0..self.inputs.len() {
            let starting = |(_, g): &(usize, &GroupFact<'_>)| g.use_.required && g.first == index;
            out.extend(
                self.groups
                    .iter()
                    .enumerate()
                    .filter(starting)
                    .map(|(n, _)| Slot::Group(n)),
            );
            if !self.carries(index) {
                out.push(Slot::Input(index));
            }
        }
        out.extend(
            self.groups
                .iter()
                .enumerate()
                .filter(|(_, g)| !g.use_.required)
                .map(|(n, _)| Slot::Group(n)),
        );
        out
    }

    /// Whether a slot of [`Facts::call`] is a positional argument.
    pub(crate) fn required(&self, slot: Slot) -> bool {
        match slot {
            Slot::Input(n) => self.inputs[n].required,
            Slot::Group(n) => self.groups[n].use_.required,
        }
    }

    /// The required inputs: all parameters, and all text (the example operation of the crate
    /// docs takes a string for each); `None` when some is not.
    pub(crate) fn text_arguments(&self, ctx: &Ctx<'_>) -> Option<Vec<&'a Parameter>> {
        self.inputs
            .iter()
            .filter(|i| i.required)
            .map(|i| match i.kind {
                Kind::Param(p) if ctx.is_string(&p.ty) => Some(p),
                _ => None,
            })
            .collect()
    }
}

/// Every operation's facts, by its JSON pointer.
#[derive(Default)]
pub(crate) struct AllFacts<'a> {
    facts: Vec<Facts<'a>>,
    index: HashMap<&'a str, usize>,
}

impl<'a> AllFacts<'a> {
    pub(crate) fn new(ctx: &Ctx<'a>) -> Result<Self> {
        let operations = &ctx.api.operations;
        let facts = operations
            .iter()
            .map(|op| Facts::of(ctx, op))
            .collect::<Result<_>>()?;
        let index = operations
            .iter()
            .enumerate()
            .map(|(n, op)| (op.pointer.as_str(), n))
            .collect();
        Ok(AllFacts { facts, index })
    }

    /// The facts of `op`, an operation of the API.
    pub(crate) fn get(&self, op: &Operation) -> Option<&Facts<'a>> {
        self.facts.get(*self.index.get(op.pointer.as_str())?)
    }
}

impl<'a> Ctx<'a> {
    /// The facts of `op`, an operation of the API.
    pub(crate) fn facts(&self, op: &Operation) -> Result<&Facts<'a>> {
        self.facts.get(op).ok_or_else(|| {
            self.error(
                ErrorKind::Internal,
                &op.pointer,
                "the operation is not one of the API's",
            )
        })
    }
}

/// The caller's inputs of `op`, in IR order.
fn inputs<'a>(ctx: &Ctx<'_>, op: &'a Operation) -> Result<Vec<InputFact<'a>>> {
    let mut out = Vec::new();
    for p in op.parameters.iter().filter(|p| !p.client_level) {
        if p.location == Location::Body {
            return Err(ctx.error(
                ErrorKind::Internal,
                &p.pointer,
                "a body parameter is in `parameters`; it belongs in `body`",
            ));
        }
        out.push(param(p, Kind::Param(p)));
    }
    let Some(body) = &op.body else {
        return Ok(out);
    };
    match &body.kind {
        BodyKind::Form { fields } => out.extend(fields.iter().map(|f| param(f, Kind::Form(f)))),
        BodyKind::Multipart { fields } => {
            out.extend(fields.iter().map(|f| param(f, Kind::Multipart(f))));
        }
        BodyKind::Json { .. } if op.flattened_body.is_some() => {
            let fields = op.flattened_body.iter().flat_map(|flat| &flat.fields);
            out.extend(fields.map(|f| InputFact {
                kind: Kind::BodyField(f),
                name: &f.rust_name,
                required: f.required,
            }));
        }
        BodyKind::Json { .. } | BodyKind::Binary | BodyKind::Text => out.push(InputFact {
            kind: Kind::Body,
            name: &body.rust_name,
            required: body.required,
        }),
    }
    Ok(out)
}

fn param<'a>(p: &'a Parameter, kind: Kind<'a>) -> InputFact<'a> {
    InputFact {
        kind,
        name: &p.rust_name,
        required: p.required || matches!(p.location, Location::Path | Location::Host),
    }
}

/// The groups of `op` that carry some input, and per input the group that carries it.
fn groups<'a>(
    ctx: &Ctx<'a>,
    op: &'a Operation,
    inputs: &[InputFact<'a>],
) -> (Vec<GroupFact<'a>>, Vec<Option<usize>>) {
    let mut carried = vec![None; inputs.len()];
    let mut groups = Vec::new();
    for use_ in &op.parameter_groups {
        let Some(group) = ctx
            .api
            .parameter_groups
            .iter()
            .find(|g| g.name == use_.group)
        else {
            continue;
        };
        let mut fact = GroupFact {
            use_,
            group,
            first: usize::MAX,
            fields: Vec::new(),
        };
        for member in &use_.members {
            let Some(index) = inputs
                .iter()
                .position(|i| unraw(i.name) == unraw(&member.input))
            else {
                continue;
            };
            let Some(field) = group.fields.iter().find(|f| f.rust_name == member.field) else {
                continue;
            };
            carried[index] = Some(groups.len());
            fact.first = fact.first.min(index);
            fact.fields.push((index, field));
        }
        if !fact.fields.is_empty() {
            groups.push(fact);
        }
    }
    (groups, carried)
}

fn builtins(op: &Operation) -> Builtins {
    let has_header = |name: &str| {
        op.parameters
            .iter()
            .any(|p| p.location == Location::Header && p.name.eq_ignore_ascii_case(name))
    };
    let body = op
        .body
        .as_ref()
        .is_some_and(|b| !matches!(b.kind, BodyKind::Multipart { .. }));
    Builtins {
        accept: !has_header("accept"),
        content_type: body && !has_header("content-type"),
    }
}

/// The items property of `op`'s success response, when `op` is a list that follows
/// `Link: <..>; rel="next"` (`paging.rs` gives it `pages()` and `into_stream()`): when all of
/// this holds:
///
/// - it is a `GET` without a body, and its host is fixed at construction (no per-call host
///   parameter);
/// - it documents exactly one success response, which has a header named `Link` (any case);
/// - that response's body is a JSON model (a struct without discriminator) with exactly one
///   array property: the items.
fn list_items<'a>(ctx: &Ctx<'a>, op: &Operation) -> Option<&'a Property> {
    if op.method != "GET" || op.body.is_some() || ctx.host_strategy().is_per_call() {
        return None;
    }
    let success: Vec<_> = op.responses.iter().filter(|r| r.is_success()).collect();
    let [response] = success.as_slice() else {
        return None;
    };
    if !response
        .headers
        .iter()
        .any(|h| h.name.eq_ignore_ascii_case("link"))
    {
        return None;
    }
    let Some(ResponseBody::Json {
        ty: TypeRef::Model { name },
        ..
    }) = &response.body
    else {
        return None;
    };
    let Some(ModelKind::Struct(s)) = ctx.models.get(name.as_str()).copied().map(|m| &m.kind) else {
        return None;
    };
    if s.discriminator.is_some() {
        return None;
    }
    let arrays: Vec<_> = s
        .properties
        .iter()
        .filter(|p| ctx.array_items(&p.ty).is_some())
        .collect();
    let [property] = arrays.as_slice() else {
        return None;
    };
    Some(property)
}

/// True when `p` is a link rather than a path segment: a verbatim path parameter that starts
/// the path (`/{nextLink}`), which the runtime's `Request::path_verbatim` resolves as a URL
/// reference against the base URL.
pub(crate) fn is_link(op: &Operation, p: &Parameter) -> bool {
    let placeholder = format!("{{{}}}", p.name);
    p.location == Location::Path
        && p.skip_url_encoding
        && op.path.trim_start_matches('/').starts_with(&placeholder)
}
