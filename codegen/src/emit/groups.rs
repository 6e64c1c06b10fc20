//! `x-ms-parameter-grouping`: the group structs (in `src/models.rs`) and how an operation takes
//! them.
//!
//! A request builder keeps one field per input, grouped or not, so that `send()` is the same
//! for both; a group only changes how the caller fills them: a required group is one positional
//! argument (at the place of its first member), an optional one a setter, and either spreads
//! its fields into the builder's. An optional member left `None` keeps the spec's default.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::facts::{Kind, Slot};
use super::inputs::Input;
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

/// How one operation takes its groups, as its [`Facts`](super::facts::Facts) decide, in
/// tokens.
pub(crate) struct Grouping<'a> {
    /// Per input (by index): the group that carries it.
    carried: Vec<Option<usize>>,
    /// The values of a call, in order ([`Facts::call`](super::facts::Facts::call)).
    call: Vec<Slot>,
    /// Per group: an input standing for it (its argument type, doc), and how it spreads.
    groups: Vec<(Input<'a>, Spread)>,
}

/// How a group spreads into the builder's fields.
struct Spread {
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
    let facts = ctx.facts(op)?;
    let mut groups = Vec::new();
    for fact in &facts.groups {
        let group = fact.group;
        let mut pattern = Vec::new();
        let mut values = Vec::new();
        for &(index, field) in &fact.fields {
            let input = &inputs[index];
            let local = &input.ident;
            let field_ident = ctx.ident(&field.rust_name, &group.pointer)?;
            pattern.push(if field_ident == *local {
                quote!(#local)
            } else {
                quote!(#field_ident: #local)
            });
            values.push((index, value(input, field, local)));
        }
        let ty = ctx.ident(&group.rust_name, &group.pointer)?;
        let rest = (pattern.len() < group.fields.len()).then(|| quote!(..));
        let ident = ctx.ident(&fact.use_.rust_name, &op.pointer)?;
        let destructure = quote!(let crate::models::#ty { #(#pattern,)* #rest } = #ident;);
        let input = group_input(ctx, op, fact.use_, group, ident)?;
        groups.push((
            input,
            Spread {
                destructure,
                values,
            },
        ));
    }
    Ok(Grouping {
        carried: (0..inputs.len()).map(|n| facts.carrier(n)).collect(),
        call: facts.call(),
        groups,
    })
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

impl<'a> Grouping<'a> {
    /// True when a group carries the input at `index`.
    pub(crate) fn carries(&self, index: usize) -> bool {
        self.carried.get(index).is_some_and(Option::is_some)
    }

    /// The method's positional arguments: required inputs no group carries, and required
    /// groups at the place of their first member.
    pub(crate) fn positional<'s>(&'s self, inputs: &'s [Input<'a>]) -> Vec<&'s Input<'a>> {
        self.call
            .iter()
            .map(|slot| match *slot {
                Slot::Input(n) => &inputs[n],
                Slot::Group(n) => &self.groups[n].0,
            })
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
            .map(|(_, spread)| &spread.destructure);
        quote!(#(#parts)*)
    }

    /// The builder field's initializer of the input at `index`, when a required group
    /// carries it.
    pub(crate) fn init(&self, index: usize) -> Option<TokenStream> {
        let group = self.carried.get(index).copied().flatten()?;
        let (input, spread) = &self.groups[group];
        if !input.required {
            return None;
        }
        let (_, value) = spread.values.iter().find(|(i, _)| *i == index)?;
        Some(quote!(#value))
    }

    /// The setters of the optional groups.
    pub(crate) fn setters(&self, inputs: &[Input<'a>]) -> TokenStream {
        let mut out = TokenStream::new();
        for (input, spread) in self.groups.iter().filter(|(input, _)| !input.required) {
            let (ident, ty) = (&input.ident, &input.arg.arg);
            let destructure = &spread.destructure;
            let assigns = spread.values.iter().map(|(index, value)| {
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
