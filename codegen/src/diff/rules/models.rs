//! Models, matched by their spec name: structs (properties, additional properties,
//! discriminators), enums (values, openness) and aliases.

use super::{Rule, Sink, code, type_rule};
use crate::diff::items;
use crate::diff::report::Change;
use crate::diff::surface::{
    Discriminator, EnumValue, Model, ModelKind, Property, Surface, UnionVariant,
};
use crate::diff::ty::Ty;

/// Every model rule.
pub(crate) fn compare(old: &Surface, new: &Surface, sink: &mut Sink) {
    for o in &old.models {
        match new.models.iter().find(|n| n.name == o.name) {
            None => sink.push(
                Change::new(
                    Rule::ModelRemoved,
                    format!("model {} was removed", code(&o.name)),
                )
                .pointers(Some(&o.pointer), None)
                .item(items::model(&o.rust_name), None),
            ),
            Some(n) => model(o, n, sink),
        }
    }
    for n in &new.models {
        if !old.models.iter().any(|o| o.name == n.name) {
            sink.push(
                Change::new(
                    Rule::ModelAdded,
                    format!("model {} was added", code(&n.name)),
                )
                .pointers(None, Some(&n.pointer))
                .item(items::model(&n.rust_name), None),
            );
        }
    }
}

fn kind_name(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct { .. } => "a struct",
        ModelKind::Enum { .. } => "an enum",
        ModelKind::Union { .. } => "a union",
        ModelKind::Alias { .. } => "an alias",
    }
}

/// The context of one matched model: makes changes with its pointers and items.
struct At<'a> {
    old: &'a Model,
    new: &'a Model,
}

impl At<'_> {
    fn change(&self, rule: Rule, message: String, member: Option<(&str, &str)>) -> Change {
        let (old_item, new_item) = match member {
            Some((o, n)) => (
                items::model_member(&self.old.rust_name, o),
                items::model_member(&self.new.rust_name, n),
            ),
            None => (
                items::model(&self.old.rust_name),
                items::model(&self.new.rust_name),
            ),
        };
        Change::new(rule, message)
            .pointers(Some(&self.old.pointer), Some(&self.new.pointer))
            .item(old_item, Some(new_item))
    }
}

fn model(o: &Model, n: &Model, sink: &mut Sink) {
    let at = At { old: o, new: n };
    let name = code(&n.name);
    if o.rust_name != n.rust_name {
        sink.push(at.change(
            Rule::ModelRustNameChanged,
            format!(
                "model {name} is now the Rust type {} instead of {}",
                code(&n.rust_name),
                code(&o.rust_name)
            ),
            None,
        ));
    }
    match (&o.kind, &n.kind) {
        (
            ModelKind::Struct {
                properties: op,
                additional_properties: oa,
                discriminator: od,
                ..
            },
            ModelKind::Struct {
                properties: np,
                additional_properties: na,
                discriminator: nd,
                ..
            },
        ) => {
            properties(&at, op, np, sink);
            additional(&at, oa.as_ref(), na.as_ref(), sink);
            discriminator(&at, od.as_ref(), nd.as_ref(), sink);
        }
        (
            ModelKind::Enum {
                base: ob,
                values: ov,
                open: oo,
            },
            ModelKind::Enum {
                base: nb,
                values: nv,
                open: no,
            },
        ) => {
            aliased(&at, "value type", ob, nb, sink);
            values(&at, ov, nv, sink);
            if oo != no {
                let what = if *no {
                    "is now open: an `Other` variant is added"
                } else {
                    "is now closed: the `Other` variant is removed"
                };
                sink.push(at.change(
                    Rule::EnumOpennessChanged,
                    format!("enum {name} {what}"),
                    None,
                ));
            }
        }
        (
            ModelKind::Union {
                variants: ov,
                discriminator: od,
                ..
            },
            ModelKind::Union {
                variants: nv,
                discriminator: nd,
                ..
            },
        ) => union(&at, (ov, od.as_deref()), (nv, nd.as_deref()), sink),
        (ModelKind::Alias { ty: ot }, ModelKind::Alias { ty: nt }) => {
            aliased(&at, "aliased type", ot, nt, sink);
        }
        (ok, nk) => sink.push(at.change(
            Rule::ModelKindChanged,
            format!(
                "model {name} is now {} instead of {}",
                kind_name(nk),
                kind_name(ok)
            ),
            None,
        )),
    }
}

fn aliased(at: &At<'_>, what: &str, o: &Ty, n: &Ty, sink: &mut Sink) {
    if let Some(rule) = type_rule(o, n, Rule::ModelTypeChanged, Rule::ModelFormatChanged) {
        sink.push(at.change(
            rule,
            format!(
                "the {what} of model {} changed from {} to {}",
                code(&at.new.name),
                code(&o.to_string()),
                code(&n.to_string())
            ),
            None,
        ));
    }
}

fn properties(at: &At<'_>, old: &[Property], new: &[Property], sink: &mut Sink) {
    let model = code(&at.new.name);
    for o in old {
        let Some(n) = new.iter().find(|n| n.name == o.name) else {
            sink.push(
                at.change(
                    Rule::ModelPropertyRemoved,
                    format!("property {} of {model} was removed", code(&o.name)),
                    None,
                )
                .pointers(Some(&at.old.pointer), None)
                .item(items::model_member(&at.old.rust_name, &o.rust_name), None),
            );
            continue;
        };
        let who = format!("property {} of {model}", code(&n.name));
        let mut push = |rule: Rule, message: String| {
            sink.push(at.change(rule, message, Some((&o.rust_name, &n.rust_name))));
        };
        if let Some(rule) = type_rule(
            &o.ty,
            &n.ty,
            Rule::ModelPropertyTypeChanged,
            Rule::ModelPropertyFormatChanged,
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
        let option = |p: &Property| {
            if p.is_option() {
                "an `Option`"
            } else {
                "not an `Option`"
            }
        };
        if o.required != n.required {
            let (rule, what) = if n.required {
                (Rule::ModelPropertyBecameRequired, "required")
            } else {
                (Rule::ModelPropertyBecameOptional, "optional")
            };
            push(
                rule,
                format!("{who} became {what} (its field is {})", option(n)),
            );
        } else if o.is_option() != n.is_option() {
            let what = if n.nullable {
                "became nullable"
            } else {
                "is no longer nullable"
            };
            push(
                Rule::ModelPropertyNullableChanged,
                format!("{who} {what} (its field is {})", option(n)),
            );
        }
        if o.rust_name != n.rust_name {
            push(
                Rule::ModelPropertyClientNameChanged,
                format!(
                    "{who} is now the field {} instead of {}",
                    code(&n.rust_name),
                    code(&o.rust_name)
                ),
            );
        }
    }
    for n in new {
        if !old.iter().any(|o| o.name == n.name) {
            let (rule, what) = if n.required {
                (Rule::ModelPropertyAddedRequired, "required")
            } else {
                (Rule::ModelPropertyAddedOptional, "optional")
            };
            sink.push(
                at.change(
                    rule,
                    format!("{what} property {} of {model} was added", code(&n.name)),
                    None,
                )
                .pointers(None, Some(&at.new.pointer))
                .item(items::model_member(&at.new.rust_name, &n.rust_name), None),
            );
        }
    }
}

fn additional(at: &At<'_>, o: Option<&Ty>, n: Option<&Ty>, sink: &mut Sink) {
    let show = |t: Option<&Ty>| t.map_or("none".to_string(), |t| code(&t.to_string()));
    let changed = match (o, n) {
        (Some(a), Some(b)) => type_rule(
            a,
            b,
            Rule::ModelAdditionalPropertiesChanged,
            Rule::ModelFormatChanged,
        ),
        (None, None) => None,
        _ => Some(Rule::ModelAdditionalPropertiesChanged),
    };
    if let Some(rule) = changed {
        sink.push(at.change(
            rule,
            format!(
                "the additional properties of model {} are {} instead of {}",
                code(&at.new.name),
                show(n),
                show(o)
            ),
            None,
        ));
    }
}

fn discriminator(
    at: &At<'_>,
    o: Option<&Discriminator>,
    n: Option<&Discriminator>,
    sink: &mut Sink,
) {
    let model = code(&at.new.name);
    match (o, n) {
        (None, None) => {}
        (Some(o), Some(n)) if o.property == n.property => {
            for (value, target) in &o.mapping {
                match n.mapping.get(value) {
                    Some(t) if t == target => {}
                    other => {
                        let now = other
                            .map_or(String::new(), |t| format!(" (it now selects {})", code(t)));
                        sink.push(at.change(
                            Rule::DiscriminatorValueRemoved,
                            format!(
                                "discriminator value {} of {model} no longer selects {}{now}",
                                code(value),
                                code(target)
                            ),
                            None,
                        ));
                    }
                }
            }
            for (value, target) in &n.mapping {
                if !o.mapping.contains_key(value) {
                    sink.push(at.change(
                        Rule::DiscriminatorValueAdded,
                        format!(
                            "discriminator value {} of {model} was added (selects {})",
                            code(value),
                            code(target)
                        ),
                        None,
                    ));
                }
            }
        }
        (o, n) => {
            let show = |d: Option<&Discriminator>| {
                d.map_or("none".to_string(), |d| {
                    format!("property {}", code(&d.property))
                })
            };
            sink.push(at.change(
                Rule::DiscriminatorChanged,
                format!(
                    "the discriminator of {model} is {} instead of {}",
                    show(n),
                    show(o)
                ),
                None,
            ));
        }
    }
}

fn values(at: &At<'_>, old: &[EnumValue], new: &[EnumValue], sink: &mut Sink) {
    let model = code(&at.new.name);
    let show = |v: &serde_json::Value| code(&v.to_string());
    for o in old {
        match new.iter().find(|n| n.value == o.value) {
            None => sink.push(
                at.change(
                    Rule::EnumValueRemoved,
                    format!("value {} of enum {model} was removed", show(&o.value)),
                    None,
                )
                .item(items::model_member(&at.old.rust_name, &o.rust_name), None),
            ),
            Some(n) if n.rust_name != o.rust_name => sink.push(at.change(
                Rule::EnumVariantRenamed,
                format!(
                    "value {} of enum {model} is now the variant {} instead of {}",
                    show(&o.value),
                    code(&n.rust_name),
                    code(&o.rust_name)
                ),
                Some((&o.rust_name, &n.rust_name)),
            )),
            Some(_) => {}
        }
    }
    for n in new {
        if !old.iter().any(|o| o.value == n.value) {
            sink.push(
                at.change(
                    Rule::EnumValueAdded,
                    format!("value {} of enum {model} was added", show(&n.value)),
                    None,
                )
                .item(items::model_member(&at.new.rust_name, &n.rust_name), None),
            );
        }
    }
}

/// A union is a Rust enum over its alternatives: an alternative is a variant (matched by its
/// Rust name), reported by the `enum-value-*` rules; its discriminator by the `discriminator-*`
/// ones. (`oneOf` versus `anyOf` changes only how a value is decoded, and is not reported.)
fn union(
    at: &At<'_>,
    (old, od): (&[UnionVariant], Option<&str>),
    (new, nd): (&[UnionVariant], Option<&str>),
    sink: &mut Sink,
) {
    let model = code(&at.new.name);
    for o in old {
        let Some(n) = new.iter().find(|n| n.rust_name == o.rust_name) else {
            sink.push(
                at.change(
                    Rule::EnumValueRemoved,
                    format!(
                        "alternative {} ({}) of union {model} was removed",
                        code(&o.rust_name),
                        code(&o.ty.to_string())
                    ),
                    None,
                )
                .item(items::model_member(&at.old.rust_name, &o.rust_name), None),
            );
            continue;
        };
        let member = Some((o.rust_name.as_str(), n.rust_name.as_str()));
        if let Some(rule) = type_rule(
            &o.ty,
            &n.ty,
            Rule::ModelTypeChanged,
            Rule::ModelFormatChanged,
        ) {
            sink.push(at.change(
                rule,
                format!(
                    "alternative {} of union {model} changed type from {} to {}",
                    code(&n.rust_name),
                    code(&o.ty.to_string()),
                    code(&n.ty.to_string())
                ),
                member,
            ));
        }
        if od.is_some() && od == nd {
            for value in o
                .discriminator_values
                .iter()
                .filter(|v| !n.discriminator_values.contains(v))
            {
                sink.push(at.change(
                    Rule::DiscriminatorValueRemoved,
                    format!(
                        "discriminator value {} of {model} no longer selects {}",
                        code(value),
                        code(&o.rust_name)
                    ),
                    member,
                ));
            }
            for value in n
                .discriminator_values
                .iter()
                .filter(|v| !o.discriminator_values.contains(v))
            {
                sink.push(at.change(
                    Rule::DiscriminatorValueAdded,
                    format!(
                        "discriminator value {} of {model} now selects {}",
                        code(value),
                        code(&n.rust_name)
                    ),
                    member,
                ));
            }
        }
    }
    for n in new
        .iter()
        .filter(|n| !old.iter().any(|o| o.rust_name == n.rust_name))
    {
        sink.push(
            at.change(
                Rule::EnumValueAdded,
                format!(
                    "alternative {} ({}) of union {model} was added",
                    code(&n.rust_name),
                    code(&n.ty.to_string())
                ),
                None,
            )
            .item(items::model_member(&at.new.rust_name, &n.rust_name), None),
        );
    }
    if od != nd {
        let show =
            |d: Option<&str>| d.map_or("none".to_string(), |d| format!("property {}", code(d)));
        sink.push(at.change(
            Rule::DiscriminatorChanged,
            format!(
                "the discriminator of {model} is {} instead of {}",
                show(nd),
                show(od)
            ),
            None,
        ));
    }
}
