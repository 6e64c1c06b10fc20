//! `x-ms-parameter-grouping`: parameters that the caller gives together, as one struct per
//! group, shared by every operation that names the group (AutoRest's parameter groups).
//!
//! A group is named by the extension's `name`, else, as AutoRest names it,
//! `<operation group><operation><postfix>` with the `postfix` given or `Parameters`
//! (`ParameterGroupingPostRequiredParameters`). Its fields are the union of its members over
//! the operations (a field is required when some operation requires it). In each operation the
//! group is one argument (when a member is required there) or one setter, in place of its
//! members. A flattened body (`x-ms-client-flatten`) in a group brings its fields.

use indexmap::IndexMap;
use serde_json::Value;

use super::context::Lowerer;
use super::value::{object, opt_str};
use crate::Result;
use crate::ir::{
    BodyKind, GroupField, GroupMember, GroupUse, Location, Operation, ParameterGroup, TypeRef,
    Warning,
};
use crate::naming::{self, Scope};
use crate::resolve::Loc;

/// What an operation's parameters ask of their inputs, read while lowering them.
#[derive(Debug, Default)]
pub(crate) struct InputExtensions {
    /// Grouped inputs, in parameter order.
    pub grouped: Vec<Grouped>,
    /// `x-ms-client-flatten: true` on the body parameter, at this location.
    pub flatten_body: Option<Loc>,
}

/// One input with `x-ms-parameter-grouping`.
#[derive(Debug)]
pub(crate) struct Grouped {
    /// The input's Rust name (a parameter's or the body's).
    pub input: String,
    /// `name`, if given.
    pub name: Option<String>,
    /// `postfix`, if given.
    pub postfix: Option<String>,
    /// The parameter.
    pub loc: Loc,
}

impl InputExtensions {
    /// Records the extensions of the parameter at `loc`, which became the input `input`.
    pub(crate) fn read(
        &mut self,
        cx: &mut Lowerer<'_>,
        loc: &Loc,
        param: &Value,
        input: &str,
    ) -> Result<()> {
        if let Some(grouping) = param.get("x-ms-parameter-grouping") {
            let at = loc.key("x-ms-parameter-grouping");
            if grouping.is_object() {
                object(&at, grouping)?;
                self.grouped.push(Grouped {
                    input: input.to_owned(),
                    name: opt_str(&at, grouping, "name")?.map(str::to_owned),
                    postfix: opt_str(&at, grouping, "postfix")?.map(str::to_owned),
                    loc: loc.clone(),
                });
            } else {
                cx.warn(
                    &at,
                    "`x-ms-parameter-grouping` must be an object: this parameter is not grouped",
                );
            }
        }
        let body = param.get("in").and_then(Value::as_str) == Some("body");
        if body && param.get("x-ms-client-flatten") == Some(&Value::Bool(true)) {
            self.flatten_body = Some(loc.key("x-ms-client-flatten"));
        }
        Ok(())
    }

    /// Records the extensions of an OpenAPI 3 request body (at `loc`), the input `input`.
    pub(crate) fn read_body(
        &mut self,
        cx: &mut Lowerer<'_>,
        loc: &Loc,
        body: &Value,
        input: &str,
    ) -> Result<()> {
        self.read(cx, loc, body, input)?;
        if body.get("x-ms-client-flatten") == Some(&Value::Bool(true)) {
            self.flatten_body = Some(loc.key("x-ms-client-flatten"));
        }
        Ok(())
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.grouped.is_empty() && self.flatten_body.is_none()
    }
}

/// The groups of the whole API, built operation by operation.
pub(super) struct Groups<'s> {
    groups: IndexMap<String, Building>,
    types: &'s mut Scope,
}

/// A group being built: its field names, and each field's member (wire name, location).
struct Building {
    group: ParameterGroup,
    scope: Scope,
    keys: Vec<(String, Location)>,
}

impl<'s> Groups<'s> {
    /// `types` is the scope of the models' Rust names: a group's struct is one of them.
    pub(super) fn new(types: &'s mut Scope) -> Self {
        Groups {
            groups: IndexMap::new(),
            types,
        }
    }

    /// Replaces the grouped inputs of `op` by their groups (`op.parameter_groups`).
    pub(super) fn group(
        &mut self,
        op: &mut Operation,
        grouped: &[Grouped],
        warnings: &mut Vec<Warning>,
    ) {
        let mut uses: IndexMap<String, GroupUse> = IndexMap::new();
        let mut op_scope = Scope::with_reserved(naming::REQUEST_MEMBERS);
        for input in inputs(op) {
            op_scope.claim(input.rust_name);
        }
        for g in grouped {
            let members: Vec<Input> = if op.flattened_body.is_some()
                && op.body.as_ref().is_some_and(|b| b.rust_name == g.input)
            {
                inputs(op).into_iter().filter(|i| i.body_field).collect()
            } else {
                inputs(op)
                    .into_iter()
                    .filter(|i| i.rust_name == g.input && !i.body_field)
                    .collect()
            };
            let name = g.name.clone().unwrap_or_else(|| {
                let postfix = g.postfix.as_deref().unwrap_or("Parameters");
                match naming::split_operation_id(&op.operation_id) {
                    Some((group, name)) => format!("{group}-{name}-{postfix}"),
                    None => format!("{}-{postfix}", op.operation_id),
                }
            });
            for member in members {
                if member.ty == TypeRef::Binary {
                    warnings.push(self.warning(
                        &g.loc,
                        format!(
                            "a file or binary input cannot be grouped: `{}` stays an input of its own",
                            member.rust_name
                        ),
                    ));
                    continue;
                }
                let field = self.field(&name, &g.loc, &member, warnings);
                let use_ = uses.entry(name.clone()).or_insert_with(|| GroupUse {
                    group: name.clone(),
                    rust_name: op_scope.claim(naming::value_name(&name)),
                    required: false,
                    members: Vec::new(),
                });
                use_.required |= member.required;
                if !use_.members.iter().any(|m| m.input == member.rust_name) {
                    use_.members.push(GroupMember {
                        input: member.rust_name.clone(),
                        field,
                    });
                }
            }
        }
        op.parameter_groups = uses.into_values().collect();
    }

    /// The field of group `name` that holds `member` (made on first use).
    fn field(
        &mut self,
        name: &str,
        at: &Loc,
        member: &Input,
        warnings: &mut Vec<Warning>,
    ) -> String {
        if !self.groups.contains_key(name) {
            let (rust_name, renamed) = self.types.claim_at(naming::type_name(name), &at.pointer);
            if let Some(renamed) = renamed {
                warnings.push(self.warning(at, renamed.message("the parameter group struct")));
            }
            let group = ParameterGroup {
                name: name.to_owned(),
                rust_name,
                fields: Vec::new(),
                pointer: at.pointer.clone(),
            };
            let building = Building {
                group,
                scope: Scope::with_reserved(naming::MODEL_MEMBERS),
                keys: Vec::new(),
            };
            self.groups.insert(name.to_owned(), building);
        }
        let Some(Building { group, scope, keys }) = self.groups.get_mut(name) else {
            return member.rust_name.clone();
        };
        let key = (member.name.clone(), member.location);
        if let Some(i) = keys.iter().position(|k| *k == key) {
            let field = &mut group.fields[i];
            field.required |= member.required;
            return field.rust_name.clone();
        }
        let rust_name = scope.claim(member.field_name.clone());
        keys.push(key);
        group.fields.push(GroupField {
            name: member.name.clone(),
            rust_name: rust_name.clone(),
            ty: member.ty.clone(),
            required: member.required,
            body: member.body,
            description: member.description.clone(),
        });
        rust_name
    }

    fn warning(&self, at: &Loc, message: String) -> Warning {
        Warning {
            file: crate::display_path(&at.file),
            pointer: at.pointer.clone(),
            message,
        }
    }

    /// The groups, in order of first use.
    pub(super) fn finish(self) -> Vec<ParameterGroup> {
        self.groups.into_values().map(|b| b.group).collect()
    }
}

/// One input of an operation, as grouping sees it.
struct Input {
    rust_name: String,
    /// The name of its field in a group.
    field_name: String,
    name: String,
    location: Location,
    ty: TypeRef,
    required: bool,
    body: bool,
    body_field: bool,
    description: Option<String>,
}

/// The caller's inputs of `op`: its parameters (not client-level), then its body, its form
/// fields, or its flattened body's fields.
fn inputs(op: &Operation) -> Vec<Input> {
    let mut out: Vec<Input> = op
        .parameters
        .iter()
        .filter(|p| !p.client_level)
        .map(|p| Input {
            rust_name: p.rust_name.clone(),
            field_name: naming::value_name(&p.client_name),
            name: p.name.clone(),
            location: p.location,
            ty: p.ty.clone(),
            required: p.required || matches!(p.location, Location::Path | Location::Host),
            body: false,
            body_field: false,
            description: p.description.clone(),
        })
        .collect();
    let Some(body) = &op.body else {
        return out;
    };
    match (&body.kind, &op.flattened_body) {
        (BodyKind::Json { .. }, Some(flat)) => {
            out.extend(flat.fields.iter().map(|f| Input {
                rust_name: f.rust_name.clone(),
                field_name: f.field.clone(),
                name: f.name.clone(),
                location: Location::Body,
                ty: f.ty.clone(),
                required: f.required,
                body: false,
                body_field: true,
                description: f.description.clone(),
            }));
        }
        (BodyKind::Form { fields } | BodyKind::Multipart { fields }, _) => {
            out.extend(fields.iter().map(|p| Input {
                rust_name: p.rust_name.clone(),
                field_name: naming::value_name(&p.client_name),
                name: p.name.clone(),
                location: p.location,
                ty: p.ty.clone(),
                required: p.required,
                body: false,
                body_field: false,
                description: p.description.clone(),
            }));
        }
        (kind, _) => out.push(Input {
            rust_name: body.rust_name.clone(),
            field_name: body.rust_name.clone(),
            name: body.name.clone(),
            location: Location::Body,
            ty: match kind {
                BodyKind::Json { ty } => ty.clone(),
                BodyKind::Text => TypeRef::String { format: None },
                _ => TypeRef::Binary,
            },
            required: body.required,
            body: matches!(kind, BodyKind::Json { .. }),
            body_field: false,
            description: body.description.clone(),
        }),
    }
    out
}
