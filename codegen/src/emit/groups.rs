//! `x-ms-parameter-grouping`: the group structs (in `src/models.rs`) and how an operation takes
//! them.
//!
//! A request builder keeps one field per input, grouped or not, so that `send()` is the same
//! for both; a group only changes how the caller fills them: a required group is one positional
//! argument (at the place of its first member), an optional one a setter, and either spreads
//! its fields into the builder's. An optional member left `None` keeps the spec's default.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::inputs::{Input, Kind};
use super::types::{Argument, Scope};
use super::{Ctx, Doc, code, unraw};
use crate::Result;
use crate::ir::{GroupField, GroupUse, Operation, ParameterGroup};

/// The group structs, for `src/models.rs`.
pub(crate) fn group_structs(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let mut out = TokenStream::new();
    for group in &ctx.api.parameter_groups {
        let ident = ctx.ident(&group.rust_name, &group.pointer)?;
        let mut fields = Vec::new();
        for f in &group.fields {
            let field = ctx.ident(&f.rust_name, &group.pointer)?;
            let mut ty = ctx.rust_type(&f.ty, Scope::Models, &group.pointer)?;
            if !f.required {
                ty = quote!(::std::option::Option<#ty>);
            }
            let doc = Doc::new()
                .spec(f.description.as_deref())
                .raw(if f.body {
                    "The request body.".to_owned()
                } else {
                    format!("The {} parameter.", code(&f.name))
                })
                .attrs();
            fields.push(quote!(#doc pub #field: #ty,));
        }
        let default = group
            .fields
            .iter()
            .all(|f| !f.required)
            .then(|| quote!(Default,));
        let doc = Doc::new()
            .raw(format!(
                "The parameter group {}: parameters that operations take together \
                 (`x-ms-parameter-grouping`).",
                code(&group.name)
            ))
            .attrs();
        out.extend(quote! {
            #doc
            #[derive(Debug, Clone, PartialEq, #default)]
            pub struct #ident { #(#fields)* }
        });
    }
    Ok(out)
}

/// How one operation takes its groups.
pub(crate) struct Grouping<'a> {
    /// Per input (by index): the group that carries it.
    carried: Vec<Option<usize>>,
    /// Per group: an input standing for it (its argument type, doc), and its plan.
    groups: Vec<(Input<'a>, Plan)>,
}

struct Plan {
    /// The input index of the first member.
    first: usize,
    /// The group's [`ParameterGroup::name`].
    group: String,
    /// Per carried input (by index): the group field (its `rust_name`) that holds it.
    fields: Vec<(usize, String)>,
    /// `let G { field: local, .. } = arg;`
    destructure: TokenStream,
    /// Per carried input (by index): its value from the locals.
    values: Vec<(usize, TokenStream)>,
}

pub(crate) fn grouping<'a>(
    ctx: &Ctx<'a>,
    op: &'a Operation,
    inputs: &[Input<'a>],
) -> Result<Grouping<'a>> {
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
        let n = groups.len();
        let mut plan = Plan {
            first: usize::MAX,
            group: group.name.clone(),
            fields: Vec::new(),
            destructure: TokenStream::new(),
            values: Vec::new(),
        };
        let mut pattern = Vec::new();
        for member in &use_.members {
            let Some(index) = inputs
                .iter()
                .position(|i| unraw(&i.ident.to_string()) == unraw(&member.input))
            else {
                continue;
            };
            let Some(field) = group.fields.iter().find(|f| f.rust_name == member.field) else {
                continue;
            };
            carried[index] = Some(n);
            plan.first = plan.first.min(index);
            let input = &inputs[index];
            let local = &input.ident;
            let field_ident = ctx.ident(&field.rust_name, &group.pointer)?;
            pattern.push(if field_ident == *local {
                quote!(#local)
            } else {
                quote!(#field_ident: #local)
            });
            plan.values.push((index, value(input, field, local)));
            plan.fields.push((index, field.rust_name.clone()));
        }
        if plan.values.is_empty() {
            continue;
        }
        let ty = ctx.ident(&group.rust_name, &group.pointer)?;
        let rest = (pattern.len() < group.fields.len()).then(|| quote!(..));
        let ident = ctx.ident(&use_.rust_name, &op.pointer)?;
        plan.destructure = quote!(let crate::models::#ty { #(#pattern,)* #rest } = #ident;);
        groups.push((group_input(ctx, op, use_, group, ident)?, plan));
    }
    Ok(Grouping { carried, groups })
}

/// The builder field's value of a carried input, from its local.
fn value(input: &Input<'_>, field: &GroupField, local: &Ident) -> TokenStream {
    let body = matches!(input.kind, Kind::Body);
    match (input.required, field.required) {
        (true, _) if body => quote!(#local.into()),
        (true, _) => quote!(#local),
        (false, true) if body => quote!(Some(#local.into())),
        (false, true) => quote!(Some(#local)),
        (false, false) if body => quote!(#local.map(Into::into)),
        (false, false) => {
            let initial = &input.initial;
            if initial.to_string() == "None" {
                quote!(#local)
            } else {
                quote!(#local.or(#initial))
            }
        }
    }
}

fn group_input<'a>(
    ctx: &Ctx<'_>,
    op: &Operation,
    use_: &GroupUse,
    group: &ParameterGroup,
    ident: Ident,
) -> Result<Input<'a>> {
    let ty = ctx.ident(&group.rust_name, &op.pointer)?;
    let members: Vec<String> = use_.members.iter().map(|m| code(&m.field)).collect();
    let doc = Doc::new().raw(format!(
        "The parameter group [`{}`](crate::models::{}): {}.",
        unraw(&group.rust_name),
        unraw(&group.rust_name),
        members.join(", ")
    ));
    Ok(Input {
        kind: Kind::Group,
        ident: ident.clone(),
        required: use_.required,
        arg: Argument {
            arg: quote!(crate::models::#ty),
            field: quote!(crate::models::#ty),
            convert: quote!(#ident),
            identity: true,
        },
        doc,
        initial: quote!(None),
    })
}

/// One value a call gives ([`Grouping::call`]).
pub(crate) enum CallArg<'s, 'a> {
    /// An input no group carries.
    Input(&'s Input<'a>),
    /// A group: the input standing for it, and how it is given.
    Group {
        input: &'s Input<'a>,
        argument: GroupArgument<'s>,
    },
}

impl<'s, 'a> CallArg<'s, 'a> {
    /// The input that the argument or setter takes.
    pub(crate) fn input(&self) -> &'s Input<'a> {
        match self {
            CallArg::Input(input) | CallArg::Group { input, .. } => input,
        }
    }
}

/// How a call gives one group (for the example tests): its argument or setter, whether it is
/// positional (then at the place of its first member), and which group field holds which input.
pub(crate) struct GroupArgument<'g> {
    /// The argument or setter name.
    pub ident: &'g Ident,
    /// A positional argument (some member is required).
    pub required: bool,
    /// The group ([`ParameterGroup::name`]).
    pub group: &'g str,
    /// Per carried input (by index): the group field's `rust_name`.
    pub fields: &'g [(usize, String)],
}

impl<'a> Grouping<'a> {
    /// True when a group carries the input at `index`.
    pub(crate) fn carries(&self, index: usize) -> bool {
        self.carried.get(index).is_some_and(Option::is_some)
    }

    /// What a call gives, in order: per input, the required groups whose first member it is,
    /// then the input itself unless a group carries it; then the optional groups. Required
    /// inputs and groups are the method's positional arguments, the others its setters.
    pub(crate) fn call<'s>(&'s self, inputs: &'s [Input<'a>]) -> Vec<CallArg<'s, 'a>> {
        let group = |(input, plan): &'s (Input<'a>, Plan)| CallArg::Group {
            input,
            argument: GroupArgument {
                ident: &input.ident,
                required: input.required,
                group: &plan.group,
                fields: &plan.fields,
            },
        };
        let mut out = Vec::new();
        for (index, input) in inputs.iter().enumerate() {
            let starting =
                |(input, plan): &&(Input<'a>, Plan)| input.required && plan.first == index;
            out.extend(self.groups.iter().filter(starting).map(group));
            if !self.carries(index) {
                out.push(CallArg::Input(input));
            }
        }
        out.extend(
            self.groups
                .iter()
                .filter(|(input, _)| !input.required)
                .map(group),
        );
        out
    }

    /// The method's positional arguments: required inputs no group carries, and required
    /// groups at the place of their first member.
    pub(crate) fn positional<'s>(&'s self, inputs: &'s [Input<'a>]) -> Vec<&'s Input<'a>> {
        self.call(inputs)
            .into_iter()
            .map(|arg| arg.input())
            .filter(|input| input.required)
            .collect()
    }

    /// The idents of the groups (builder setters or arguments), to claim.
    pub(crate) fn idents(&self) -> impl Iterator<Item = &Ident> {
        self.groups.iter().map(|(input, _)| &input.ident)
    }

    /// What the method does before it makes the builder: spread the required groups.
    pub(crate) fn prologue(&self) -> TokenStream {
        let parts = self
            .groups
            .iter()
            .filter(|(input, _)| input.required)
            .map(|(_, plan)| &plan.destructure);
        quote!(#(#parts)*)
    }

    /// The builder field's initializer of the input at `index`, when a required group
    /// carries it.
    pub(crate) fn init(&self, index: usize) -> Option<TokenStream> {
        let group = self.carried.get(index).copied().flatten()?;
        let (input, plan) = &self.groups[group];
        if !input.required {
            return None;
        }
        let (_, value) = plan.values.iter().find(|(i, _)| *i == index)?;
        Some(quote!(#value))
    }

    /// The setters of the optional groups.
    pub(crate) fn setters(&self, inputs: &[Input<'a>]) -> TokenStream {
        let mut out = TokenStream::new();
        for (input, plan) in self.groups.iter().filter(|(input, _)| !input.required) {
            let (ident, ty) = (&input.ident, &input.arg.arg);
            let destructure = &plan.destructure;
            let assigns = plan.values.iter().map(|(index, value)| {
                let field = &inputs[*index].ident;
                quote!(self.#field = #value;)
            });
            let doc = input.doc.attrs();
            out.extend(quote! {
                #doc
                pub fn #ident(mut self, #ident: #ty) -> Self {
                    #destructure
                    #(#assigns)*
                    self
                }
            });
        }
        out
    }
}

/// The pieces of the builder field initializer for a required group's member (used with
/// [`Grouping::init`]): `field: value,`.
pub(crate) fn field_init(input: &Input<'_>, value: TokenStream) -> TokenStream {
    let ident = &input.ident;
    if *ident == value.to_string() {
        quote!(#ident,)
    } else {
        quote!(#ident: #value,)
    }
}
