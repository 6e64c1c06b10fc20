//! Schemas to types and models (shared by every input format).
//!
//! A `$ref` to a schema becomes a named model (its name is the last pointer segment, e.g. the
//! `definitions` key). An inline object, `allOf` composition or enum becomes a model with a
//! synthesized name given by the caller (`Parent_property`, `Operation_body`, ...), stable
//! because it depends only on where the schema is. Everything else is an inline [`TypeRef`].
//! Models are registered before their bodies are lowered, so recursive schemas terminate.

use serde_json::Value;

use super::all_of::AllOfType;
use super::context::Lowerer;
use super::enum_values::{has_scalar_values, has_structured_values};
use super::keywords::{has_null_alternative, several_types, type_allows_null, untyped_enum_base};
use super::value::{kind, object, opt_array, opt_bool, opt_object, opt_str, str_list, text};
use crate::ir::{
    Discriminator, EnumModel, EnumValue, Format, Model, ModelKind, Property, StructModel, TypeRef,
    UnionModel, UnionVariant,
};
use crate::naming::{self, Scope};
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// Facts read from a schema-or-reference object itself (siblings of `$ref` included).
#[derive(Debug, Default)]
pub(crate) struct Annotations {
    pub description: Option<String>,
    pub client_name: Option<String>,
    pub nullable: bool,
    pub read_only: bool,
    pub default: Option<Value>,
}

impl Lowerer<'_> {
    /// Reads the annotations written on `schema` (before following its `$ref`), falling back to
    /// those of the referenced schema for the description.
    pub(crate) fn annotations(&self, at: &Loc, schema: &Value) -> Result<Annotations> {
        let (target_loc, target) = self.res.deref(at, schema)?;
        // `allOf: [{$ref: X}, {description: .., readOnly: true}]`: the members that only
        // annotate annotate the whole.
        let notes: Vec<(Loc, &Value)> = opt_array(at, schema, "allOf")
            .unwrap_or_default()
            .iter()
            .enumerate()
            .filter(|(_, m)| super::all_of::only_annotates(m))
            .map(|(i, m)| (at.key("allOf").index(i), m))
            .collect();
        let mut noted_description = None;
        let mut noted_read_only = false;
        let mut noted_nullable = false;
        for (loc, member) in &notes {
            noted_description = noted_description.or(text(loc, member, "description")?);
            noted_read_only |= opt_bool(loc, member, "readOnly")?.unwrap_or(false);
            noted_nullable |= opt_bool(loc, member, "nullable")?.unwrap_or(false)
                || opt_bool(loc, member, "x-nullable")?.unwrap_or(false);
        }
        let description = match text(at, schema, "description")? {
            Some(d) => Some(d),
            None if noted_description.is_some() => noted_description,
            None if schema.get("$ref").is_some() => text(&target_loc, target, "description")?,
            None => None,
        };
        Ok(Annotations {
            description,
            client_name: opt_str(at, schema, "x-ms-client-name")?.map(str::to_owned),
            nullable: opt_bool(at, schema, "x-nullable")?.unwrap_or(false)
                || opt_bool(at, schema, "nullable")?.unwrap_or(false)
                || opt_bool(&target_loc, target, "x-nullable")?.unwrap_or(false)
                || type_allows_null(schema)
                || type_allows_null(target)
                || has_null_alternative(schema)
                || noted_nullable,
            read_only: noted_read_only
                || opt_bool(at, schema, "readOnly")?.unwrap_or(false)
                || opt_bool(&target_loc, target, "readOnly")?.unwrap_or(false),
            default: schema
                .get("default")
                .or_else(|| target.get("default"))
                .cloned(),
        })
    }

    /// The type of the schema at `at`. `hint` names the model an inline object or enum becomes.
    pub(crate) fn schema_type(&mut self, at: &Loc, schema: &Value, hint: &str) -> Result<TypeRef> {
        // JSON Schema's boolean schemas (OpenAPI 3.1): `true` allows any value; `false` none,
        // which a client cannot use for anything but "any value" either.
        if let Value::Bool(allowed) = schema {
            if !allowed {
                self.warn(
                    at,
                    "the schema `false` (no value is valid) is lowered as any JSON value",
                );
            }
            return Ok(TypeRef::Any);
        }
        if schema.get("$ref").is_some() {
            if self.ref_with_own_shape(at, schema) {
                return self.inline_model(at, schema, hint);
            }
            let (target_loc, target) = self.res.deref(at, schema)?;
            if is_binary(&target_loc, target)? {
                return Ok(TypeRef::Binary);
            }
            let name = last_segment(&target_loc);
            return self.model_type(&target_loc, target, &name);
        }
        object(at, schema)?;
        self.check_schema_keys(at, schema);
        let several = several_types(schema);
        if several.len() > 1 && !is_model_shape(schema) {
            self.warn(
                &at.key("type"),
                format!(
                    "a value of several types ({}) is lowered as any JSON value",
                    several.join(", ")
                ),
            );
            return Ok(TypeRef::Any);
        }
        if is_binary(at, schema)? {
            return Ok(TypeRef::Binary);
        }
        if let Some(single) = self.nullable_alternative(at, schema)? {
            return self.schema_type(&single.0, &single.1, hint);
        }
        match self.all_of_type(at, schema, true)? {
            Some(AllOfType::Member(loc, member)) => return self.schema_type(&loc, &member, hint),
            Some(AllOfType::Any) => return Ok(TypeRef::Any),
            None => {}
        }
        if let Some(base) = self.ignored_enum(at, schema) {
            return self.schema_type(at, &base, hint);
        }
        if let Some(format) = self.time_enum(at, schema)? {
            return Ok(TypeRef::Formatted { format });
        }
        if is_model_shape(schema) {
            return self.inline_model(at, schema, hint);
        }
        match schema_type_name(at, schema)? {
            Some("string") => {
                // 3.1 says `contentEncoding: base64` where 3.0 said `format: byte`.
                let format = format(at, schema)?.or_else(|| {
                    (schema.get("contentEncoding").and_then(Value::as_str) == Some("base64"))
                        .then(|| "byte".to_owned())
                });
                Ok(match format.as_deref().and_then(Format::of_string) {
                    Some(format) => TypeRef::Formatted { format },
                    None => TypeRef::String { format },
                })
            }
            Some("integer") => {
                let format = format(at, schema)?;
                Ok(match format.as_deref().and_then(Format::of_integer) {
                    Some(format) => TypeRef::Formatted { format },
                    None => TypeRef::Integer { format },
                })
            }
            Some("number") => Ok(TypeRef::Number { format: format(at, schema)? }),
            Some("boolean") => Ok(TypeRef::Boolean),
            Some("array") => {
                if schema.get("prefixItems").is_some() {
                    self.warn(
                        &at.key("prefixItems"),
                        "`prefixItems` (a tuple) is lowered as an array of its `items` type, or of any JSON value",
                    );
                }
                let items = match schema.get("items") {
                    Some(items @ Value::Object(_)) => {
                        let ty =
                            self.schema_type(&at.key("items"), items, &format!("{hint}_item"))?;
                        self.nullable_member(&at.key("items"), items, ty)?
                    }
                    // JSON Schema 2020-12: `items: false` closes a `prefixItems` tuple, `true`
                    // allows anything.
                    Some(Value::Bool(_)) => TypeRef::Any,
                    Some(other) => {
                        return Err(at.key("items").error(
                            ErrorKind::Unsupported,
                            format!("`items` must be a schema object, found {}", kind(other)),
                        ));
                    }
                    None => TypeRef::Any,
                };
                Ok(TypeRef::Array { items: Box::new(items) })
            }
            Some("object") | None => match self.additional_properties(at, schema, hint)? {
                Some(values) => Ok(TypeRef::Map { values: Box::new(values) }),
                None => Ok(TypeRef::Any),
            },
            Some("null") => Ok(TypeRef::Any),
            Some(other) => Err(at.key("type").error(
                ErrorKind::Invalid,
                format!("unknown type `{other}` (expected string, integer, number, boolean, array, object or file)"),
            )),
        }
    }

    /// The format of a date or time schema with an `enum` and nothing else that makes a model:
    /// the `enum` is ignored with a warning, as AutoRest ignores it (the test server's specs put
    /// one-value enums on dates whose values the server does not send).
    fn time_enum(&mut self, at: &Loc, schema: &Value) -> Result<Option<Format>> {
        if schema.get("enum").is_none()
            || ["const", "allOf", "oneOf", "anyOf"]
                .iter()
                .any(|k| schema.get(k).is_some())
            || has_properties(schema)
        {
            return Ok(None);
        }
        let format = opt_str(at, schema, "format")?;
        let typed = match schema_type_name(at, schema)? {
            Some("string") => format.and_then(Format::of_string),
            Some("integer") => format.and_then(Format::of_integer),
            _ => None,
        };
        let Some(typed) = typed.filter(|f| f.is_time()) else {
            return Ok(None);
        };
        self.warn(
            &at.key("enum"),
            format!(
                "`enum` on a `format: {}` value is ignored (as AutoRest does): the value is typed by its format",
                typed.name()
            ),
        );
        Ok(Some(typed))
    }

    /// The model of an inline schema that needs one (an enum, a composition, an object with
    /// properties, a 3.1 `$ref` with keywords of its own): the model of an identical schema
    /// seen before in the same file, else a new one named `hint` (or `x-ms-enum.name`).
    fn inline_model(&mut self, at: &Loc, schema: &Value, hint: &str) -> Result<TypeRef> {
        let shape = (at.file.clone(), schema.to_string());
        if let Some(name) = self.by_shape.get(&shape) {
            let name = name.clone();
            self.by_loc.insert(at.clone(), name.clone());
            return Ok(TypeRef::Model { name });
        }
        if let Some(ty) = self.known_enum(at, schema)? {
            return Ok(ty);
        }
        let wanted = enum_name(at, schema)?.unwrap_or(hint);
        let ty = self.named_model(at, schema, wanted)?;
        if let TypeRef::Model { name } = &ty {
            self.by_shape.insert(shape, name.clone());
            self.enum_names.record(at, schema, name);
        }
        Ok(ty)
    }

    /// The model of an enum of the same `x-ms-enum` name and values seen before (lowered
    /// here if it is a definition not lowered yet); a warning when that name has other values.
    fn known_enum(&mut self, at: &Loc, schema: &Value) -> Result<Option<TypeRef>> {
        let Some((name, signature)) = super::enum_names::signature(schema) else {
            return Ok(None);
        };
        match self.enum_names.find(&name, &signature) {
            super::enum_names::Known::Same { model, loc, schema } => {
                let ty = self.named_model(&loc, &schema, &model)?;
                self.by_loc.insert(at.clone(), model);
                Ok(Some(ty))
            }
            super::enum_names::Known::Other(first) => {
                self.warn(
                    &at.key("x-ms-enum"),
                    format!(
                        "the enum `{name}` has other values at {}: this one is a type of its own",
                        first.pointer
                    ),
                );
                Ok(None)
            }
            super::enum_names::Known::Unknown => Ok(None),
        }
    }

    /// The model for the schema at `loc`, lowering it the first time it is seen.
    pub(crate) fn named_model(
        &mut self,
        loc: &Loc,
        schema: &Value,
        wanted: &str,
    ) -> Result<TypeRef> {
        let name = match self.by_loc.get(loc) {
            Some(name) => name.clone(),
            None => {
                let name = self.free_model_name(wanted);
                self.reserve(loc.clone(), name.clone());
                name
            }
        };
        let via_all_of = std::mem::take(&mut self.via_all_of);
        let lowered = self.model(&name).is_some();
        if !lowered && !self.in_progress.contains(&name) {
            self.check_depth(loc)?;
            self.in_progress.insert(name.clone());
            let outer = (!via_all_of).then(|| std::mem::take(&mut self.all_of_chain));
            self.all_of_chain.push(name.clone());
            let model = self.lower_model(loc, schema, &name);
            self.all_of_chain.pop();
            if let Some(outer) = outer {
                self.all_of_chain = outer;
            }
            self.in_progress.shift_remove(&name);
            self.fill(&name, model?);
        }
        Ok(TypeRef::Model { name })
    }

    fn lower_model(&mut self, loc: &Loc, schema: &Value, name: &str) -> Result<Model> {
        if let Value::Bool(_) = schema {
            // A named boolean schema: an alias of any JSON value.
            return Ok(Model {
                name: name.to_owned(),
                rust_name: self.model_types.claim(naming::type_name(name)),
                description: None,
                kind: ModelKind::Alias {
                    ty: self.schema_type(loc, schema, name)?,
                },
                pointer: loc.pointer.clone(),
                xml: None,
            });
        }
        object(loc, schema)?;
        self.check_schema_keys(loc, schema);
        let ignored = self.ignored_enum(loc, schema);
        let schema = ignored.as_ref().unwrap_or(schema);
        let ref_with_shape = schema.get("$ref").is_some() && self.ref_with_own_shape(loc, schema);
        let client_name = opt_str(loc, schema, "x-ms-client-name")?;
        let claimed = self
            .model_types
            .claim_at(naming::type_name(client_name.unwrap_or(name)), &loc.pointer);
        let rust_name = self.named(loc, claimed, "the Rust type of the model");
        let description = text(loc, schema, "description")?;
        let all_of = self.all_of_type(loc, schema, false)?;
        let kind = if let Some(all_of) = all_of {
            // An `allOf` that is not an object composition: an alias of what it stands for.
            ModelKind::Alias {
                ty: match all_of {
                    AllOfType::Member(at, member) => self.schema_type(&at, &member, name)?,
                    AllOfType::Any => TypeRef::Any,
                },
            }
        } else if schema.get("$ref").is_some() && !ref_with_shape {
            // A named `$ref` (before 3.1, or with annotations only): an alias of its target.
            ModelKind::Alias {
                ty: self.schema_type(loc, schema, name)?,
            }
        } else if (schema.get("enum").is_some() || schema.get("const").is_some())
            && !has_scalar_values(schema)
        {
            // `enum: []`, `enum: [null]` or only values that `type` rules out: no value to make
            // a variant of.
            let key = if schema.get("enum").is_some() {
                "enum"
            } else {
                "const"
            };
            self.warn(
                &loc.key(key),
                "an enum without values (other than `null`, or arrays and objects its `type` rules out) is lowered as its base type",
            );
            let mut base = schema.clone();
            if let Some(object) = base.as_object_mut() {
                for key in ["enum", "const", "x-ms-enum"] {
                    object.shift_remove(key);
                }
            }
            ModelKind::Alias {
                ty: self.schema_type(loc, &base, name)?,
            }
        } else if schema.get("enum").is_some() || schema.get("const").is_some() {
            ModelKind::Enum(self.enum_model(loc, schema)?)
        } else if schema.get("oneOf").is_some() || schema.get("anyOf").is_some() {
            ModelKind::Union(self.union_model(loc, schema, name)?)
        } else if schema.get("allOf").is_some() || has_properties(schema) || ref_with_shape {
            ModelKind::Struct(self.struct_model(loc, schema, name)?)
        } else {
            // A named array, primitive or map: an alias of the inline type.
            // (never a model again: no enum, allOf or properties here)
            let ty = self.schema_type(loc, schema, name)?;
            ModelKind::Alias { ty }
        };
        Ok(Model {
            name: name.to_owned(),
            rust_name,
            description,
            kind,
            pointer: loc.pointer.clone(),
            xml: self.xml_object(loc, schema),
        })
    }

    /// `oneOf`/`anyOf` whose alternatives are one schema and `{type: null}`: that schema (the
    /// 3.1 way to say "nullable"). Returns the alternative and its location.
    fn nullable_alternative(&self, at: &Loc, schema: &Value) -> Result<Option<(Loc, Value)>> {
        for key in ["oneOf", "anyOf"] {
            let alternatives = opt_array(at, schema, key)?;
            if alternatives.len() != 2 || schema.get("discriminator").is_some() {
                continue;
            }
            let is_null = |v: &Value| v.get("type").and_then(Value::as_str) == Some("null");
            if let Some(i) = alternatives.iter().position(|v| !is_null(v))
                && alternatives.iter().filter(|v| is_null(v)).count() == 1
            {
                return Ok(Some((at.key(key).index(i), alternatives[i].clone())));
            }
        }
        Ok(None)
    }

    fn union_model(&mut self, loc: &Loc, schema: &Value, name: &str) -> Result<UnionModel> {
        let (key, exclusive) = if schema.get("oneOf").is_some() {
            ("oneOf", true)
        } else {
            ("anyOf", false)
        };
        if has_properties(schema) {
            self.warn(
                &loc.key("properties"),
                format!(
                    "`properties` next to `{key}` are ignored: each alternative must carry its own"
                ),
            );
        }
        let discriminator = discriminator(loc, schema)?;
        let mut names = Scope::with_reserved(naming::ENUM_MEMBERS);
        let mut variants = Vec::new();
        for (i, alternative) in opt_array(loc, schema, key)?.iter().enumerate() {
            let at = loc.key(key).index(i);
            if alternative.get("type").and_then(Value::as_str) == Some("null") {
                continue;
            }
            let ty = self.schema_type(&at, alternative, &format!("{name}_{i}"))?;
            let label = match &ty {
                TypeRef::Model { name } => self
                    .model(name)
                    .map(|m| m.rust_name.clone())
                    .unwrap_or_else(|| naming::type_name(name)),
                TypeRef::String { .. } => "String".to_owned(),
                TypeRef::Formatted { format } => naming::type_name(format.name()),
                TypeRef::Integer { .. } => "Integer".to_owned(),
                TypeRef::Number { .. } => "Number".to_owned(),
                TypeRef::Boolean => "Boolean".to_owned(),
                TypeRef::Binary => "Binary".to_owned(),
                TypeRef::Array { .. } => "Array".to_owned(),
                TypeRef::Map { .. } => "Map".to_owned(),
                TypeRef::Any | TypeRef::Nullable { .. } => "Any".to_owned(),
            };
            let discriminator_values = match (&discriminator, &ty) {
                (Some(d), TypeRef::Model { name }) => {
                    let mapped: Vec<String> = d
                        .mapping
                        .iter()
                        .filter(|(_, target)| *target == name)
                        .map(|(v, _)| v.clone())
                        .collect();
                    if mapped.is_empty() {
                        vec![name.clone()]
                    } else {
                        mapped
                    }
                }
                _ => Vec::new(),
            };
            variants.push(UnionVariant {
                rust_name: names.claim(naming::type_name(&label)),
                ty,
                discriminator_values,
            });
        }
        Ok(UnionModel {
            variants,
            discriminator: discriminator.map(|d| d.property),
            exclusive,
        })
    }

    fn struct_model(&mut self, loc: &Loc, schema: &Value, name: &str) -> Result<StructModel> {
        let mut fields = Scope::with_reserved(naming::MODEL_MEMBERS);
        let mut properties: Vec<Property> = Vec::new();
        let mut parents = Vec::new();
        let mut required = str_list(loc, schema, "required")?;
        let mut additional = None;
        self.check_schema_keys(loc, schema);
        // A 3.1 `$ref` with keywords of its own inherits from its target, as `allOf` would.
        let own_ref = (self.ref_siblings_apply && schema.get("$ref").is_some())
            .then(|| (loc.clone(), schema));
        let all_of = opt_array(loc, schema, "allOf")?;
        let parts = own_ref.into_iter().chain(
            all_of
                .iter()
                .enumerate()
                .map(|(i, part)| (loc.key("allOf").index(i), part)),
        );
        for (part_loc, part) in parts {
            if part.get("$ref").is_some() {
                let (target_loc, target) = self.res.deref(&part_loc, part)?;
                self.via_all_of = true;
                let parent =
                    match self.named_model(&target_loc, target, &last_segment(&target_loc))? {
                        TypeRef::Model { name } => name,
                        _ => continue,
                    };
                let Some(model) = self.model(&parent) else {
                    if parent == name || self.all_of_chain.contains(&parent) {
                        self.warn(
                            &part_loc,
                            format!("`allOf` inherits from `{parent}`, which inherits from this schema: that parent is left out"),
                        );
                        continue;
                    }
                    // The parent is being lowered (one of its properties leads here): its
                    // properties are copied once every model is known.
                    self.late_parents.push((name.to_owned(), parent.clone()));
                    parents.push(parent);
                    continue;
                };
                match &model.kind {
                    ModelKind::Struct(s) => {
                        let (inherited, extra) =
                            (s.properties.clone(), s.additional_properties.clone());
                        for p in inherited {
                            merge_property(&mut properties, &mut fields, p);
                        }
                        additional = additional.or(extra);
                    }
                    _ => {
                        self.warn(
                            &part_loc,
                            format!(
                                "`allOf` member `{parent}` is not an object schema: left out of this object"
                            ),
                        );
                        continue;
                    }
                }
                parents.push(parent);
            } else {
                required.extend(str_list(&part_loc, part, "required")?);
                let inline = self.struct_model(&part_loc, part, name)?;
                parents.extend(inline.parents);
                additional = additional.or(inline.additional_properties);
                for p in inline.properties {
                    merge_property(&mut properties, &mut fields, p);
                }
            }
        }
        self.own_properties(loc, schema, name, &mut properties, &mut fields)?;
        for p in &mut properties {
            if required.contains(&p.name) {
                p.required = true;
            }
        }
        if let Some(values) = self.additional_properties(loc, schema, name)? {
            additional = Some(values);
        }
        Ok(StructModel {
            properties,
            additional_properties: additional,
            parents,
            children: Vec::new(),
            discriminator: discriminator(loc, schema)?,
            discriminator_value: opt_str(loc, schema, "x-ms-discriminator-value")?
                .map(str::to_owned),
            nullable: opt_bool(loc, schema, "x-nullable")?.unwrap_or(false)
                || opt_bool(loc, schema, "nullable")?.unwrap_or(false)
                || type_allows_null(schema),
            flattened: Vec::new(),
        })
    }

    /// The schema's own `properties`, merged into `properties` (after the inherited ones);
    /// a field name taken by another property or by the generated code is a warning.
    fn own_properties(
        &mut self,
        loc: &Loc,
        schema: &Value,
        name: &str,
        properties: &mut Vec<Property>,
        fields: &mut Scope,
    ) -> Result<()> {
        if let Some(props) = opt_object(loc, schema, "properties")? {
            for (wire, prop_schema) in props {
                let prop_loc = loc.key("properties").key(wire);
                if prop_schema == &Value::Bool(false) {
                    self.warn(
                    &prop_loc,
                    format!("the property `{wire}` has the schema `false` (it is never valid): left out"),
                );
                    continue;
                }
                let prop =
                    self.property(&prop_loc, wire, prop_schema, &format!("{name}_{wire}"))?;
                let wanted = prop.rust_name.clone();
                let holder = properties
                    .iter()
                    .find(|p| p.rust_name == wanted && p.name != *wire)
                    .map(|p| format!("the property `{}`", p.name));
                merge_property(properties, fields, prop);
                let given = properties
                    .iter()
                    .find(|p| p.name == *wire)
                    .map(|p| p.rust_name.clone());
                if let Some(given) = given.filter(|g| *g != wanted) {
                    let by = holder.unwrap_or_else(|| "a field the generated code uses".to_owned());
                    self.warn(
                    &prop_loc,
                    format!("the field `{wanted}` of the property `{wire}` is taken by {by}: it is named `{given}` instead"),
                );
                }
            }
        }
        Ok(())
    }

    fn property(&mut self, at: &Loc, wire: &str, schema: &Value, hint: &str) -> Result<Property> {
        let notes = self.annotations(at, schema)?;
        let ty = self.schema_type(at, schema, hint)?;
        let client_name = notes.client_name.unwrap_or_else(|| wire.to_owned());
        Ok(Property {
            name: wire.to_owned(),
            rust_name: naming::value_name(&client_name),
            client_name,
            ty,
            required: false,
            nullable: notes.nullable,
            read_only: notes.read_only,
            recursive: false,
            description: notes.description,
            default: notes.default,
            xml: self.xml_object(at, schema),
            flatten: opt_bool(at, schema, "x-ms-client-flatten")?.unwrap_or(false),
        })
    }

    fn additional_properties(
        &mut self,
        at: &Loc,
        schema: &Value,
        hint: &str,
    ) -> Result<Option<TypeRef>> {
        match schema.get("additionalProperties") {
            None | Some(Value::Bool(false)) => Ok(None),
            Some(Value::Bool(true)) => Ok(Some(TypeRef::Any)),
            Some(values @ Value::Object(_)) => {
                let values_loc = at.key("additionalProperties");
                let ty = self.schema_type(&values_loc, values, &format!("{hint}_value"))?;
                Ok(Some(self.nullable_member(&values_loc, values, ty)?))
            }
            Some(other) => Err(at.key("additionalProperties").error(
                ErrorKind::Invalid,
                format!(
                    "`additionalProperties` must be a boolean or a schema, found {}",
                    kind(other)
                ),
            )),
        }
    }

    /// An array item or map value type `ty` of `schema`, wrapped in [`TypeRef::Nullable`] when
    /// the schema allows `null` (`x-nullable`, `nullable`, a `"null"` type, on it or on its
    /// `$ref` target). Items that are not declared nullable stay plain: a `null` among them is
    /// a decode error, like any other value of the wrong type (see ARCHITECTURE.md).
    fn nullable_member(&self, at: &Loc, schema: &Value, ty: TypeRef) -> Result<TypeRef> {
        if matches!(ty, TypeRef::Any) || !self.annotations(at, schema)?.nullable {
            return Ok(ty);
        }
        Ok(TypeRef::Nullable {
            inner: Box::new(ty),
        })
    }

    fn enum_model(&mut self, loc: &Loc, schema: &Value) -> Result<EnumModel> {
        let base = match schema_type_name(loc, schema)? {
            Some("integer") => TypeRef::Integer {
                format: format(loc, schema)?,
            },
            Some("number") => TypeRef::Number {
                format: format(loc, schema)?,
            },
            Some("boolean") => TypeRef::Boolean,
            Some(_) => TypeRef::String {
                format: format(loc, schema)?,
            },
            // No `type` (a bare `const: 2` or `enum`): the type of the values.
            None => untyped_enum_base(schema),
        };
        let x_ms_enum = schema.get("x-ms-enum");
        // Members that `type` rules out are left out, and the rest is an open enum.
        let open = has_structured_values(schema)
            || match x_ms_enum {
                Some(x) => opt_bool(&loc.key("x-ms-enum"), x, "modelAsString")?.unwrap_or(false),
                None => false,
            };
        let descriptions: Vec<(Value, Option<String>, Option<String>)> = match x_ms_enum {
            Some(x) => opt_array(&loc.key("x-ms-enum"), x, "values")?
                .iter()
                .map(|v| {
                    (
                        v.get("value").cloned().unwrap_or(Value::Null),
                        v.get("name").and_then(Value::as_str).map(str::to_owned),
                        v.get("description")
                            .and_then(Value::as_str)
                            .map(str::to_owned),
                    )
                })
                .collect(),
            None => Vec::new(),
        };
        let mut variants = Scope::with_reserved(naming::ENUM_MEMBERS);
        let mut values = Vec::new();
        let constant = schema
            .get("const")
            .map(std::slice::from_ref)
            .unwrap_or_default();
        let listed = opt_array(loc, schema, "enum")?;
        for (i, value) in listed.iter().chain(constant).enumerate() {
            let at = if i < listed.len() {
                loc.key("enum").index(i)
            } else {
                loc.key("const")
            };
            if values.iter().any(|v: &EnumValue| v.value == *value) {
                self.warn(
                    &at,
                    format!("the enum value {value} is listed more than once: one variant is made"),
                );
                continue;
            }
            if self.left_out_of_enum(&at, schema, value) {
                continue;
            }
            let described = descriptions.iter().find(|(v, _, _)| v == value);
            let label = match value {
                Value::String(s) => s.clone(),
                Value::Null | Value::Array(_) | Value::Object(_) => continue,
                Value::Number(_) | Value::Bool(_) => value.to_string(),
            };
            let label = described
                .and_then(|(_, name, _)| name.clone())
                .unwrap_or(label);
            values.push(EnumValue {
                value: value.clone(),
                rust_name: variants.claim(naming::variant_name(&label)),
                description: described.and_then(|(_, _, d)| d.clone()),
            });
        }
        Ok(EnumModel { base, values, open })
    }
}

/// Adds a property, replacing an inherited one of the same wire name in place.
fn merge_property(properties: &mut Vec<Property>, fields: &mut Scope, mut property: Property) {
    if let Some(existing) = properties.iter_mut().find(|p| p.name == property.name) {
        property.rust_name = existing.rust_name.clone();
        property.required |= existing.required;
        *existing = property;
        return;
    }
    property.rust_name = fields.claim(property.rust_name);
    properties.push(property);
}

fn discriminator(loc: &Loc, schema: &Value) -> Result<Option<Discriminator>> {
    match schema.get("discriminator") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(property)) => Ok(Some(Discriminator {
            property: property.clone(),
            mapping: Default::default(),
        })),
        Some(obj @ Value::Object(_)) => {
            let at = loc.key("discriminator");
            let property = super::value::req_str(&at, obj, "propertyName")?.to_owned();
            let mut mapping = indexmap::IndexMap::new();
            if let Some(map) = opt_object(&at, obj, "mapping")? {
                for (value, target) in map {
                    // A mapping to something other than a schema name or `$ref` names nothing.
                    let Some(target) = target.as_str().filter(|t| !t.is_empty()) else {
                        continue;
                    };
                    let name = target.rsplit('/').next().unwrap_or(target).to_owned();
                    mapping.insert(value.clone(), name);
                }
            }
            Ok(Some(Discriminator { property, mapping }))
        }
        Some(other) => Err(loc.key("discriminator").error(
            ErrorKind::Invalid,
            format!(
                "`discriminator` must be a property name or an object, found {}",
                kind(other)
            ),
        )),
    }
}

/// The single `type` of a schema (3.1 type arrays: the one that is not `"null"`). A `type` that
/// is neither a string nor an array (malformed: `type: {type: string}`) reads as none, as every
/// other reader of `type` reads it; `check_schema_keys` warns about it.
pub(crate) fn schema_type_name<'a>(at: &Loc, schema: &'a Value) -> Result<Option<&'a str>> {
    match schema.get("type") {
        None | Some(Value::Null | Value::Object(_) | Value::Bool(_) | Value::Number(_)) => Ok(None),
        Some(Value::String(t)) => Ok(Some(t)),
        Some(Value::Array(types)) => {
            let non_null: Vec<&str> = types
                .iter()
                .filter_map(Value::as_str)
                .filter(|t| *t != "null")
                .collect();
            match non_null.as_slice() {
                [] => Ok(Some("null")),
                [one] => Ok(Some(one)),
                _ => Err(at.key("type").error(
                    ErrorKind::Unsupported,
                    format!(
                        "a type array with several non-null types ({}) is not supported",
                        non_null.join(", ")
                    ),
                )),
            }
        }
    }
}

/// `x-ms-enum.name`, which names an inline enum's model.
fn enum_name<'a>(at: &Loc, schema: &'a Value) -> Result<Option<&'a str>> {
    match schema.get("x-ms-enum") {
        Some(x) => opt_str(&at.key("x-ms-enum"), x, "name"),
        None => Ok(None),
    }
}

fn format(at: &Loc, schema: &Value) -> Result<Option<String>> {
    Ok(opt_str(at, schema, "format")?.map(str::to_owned))
}

/// Schemas that become models of their own: enums, constants, compositions, objects with
/// properties.
fn is_model_shape(schema: &Value) -> bool {
    ["enum", "const", "allOf", "oneOf", "anyOf"]
        .iter()
        .any(|k| schema.get(k).is_some())
        || has_properties(schema)
}

fn has_properties(schema: &Value) -> bool {
    schema
        .get("properties")
        .is_some_and(|p| p.as_object().is_some_and(|m| !m.is_empty()))
}

/// `type: file`, or `format: file`/`binary` (Swagger 2.0 writes `type: object, format: file` for
/// raw bodies), or OpenAPI 3.1's `contentMediaType` without a JSON type.
pub(crate) fn is_binary(at: &Loc, schema: &Value) -> Result<bool> {
    let ty = schema_type_name(at, schema)?;
    let format = opt_str(at, schema, "format")?;
    Ok(ty == Some("file")
        || matches!(format, Some("file") | Some("binary"))
        || (schema.get("contentMediaType").is_some()
            && schema.get("contentEncoding").is_none()
            && ty == Some("string")))
}

/// The last segment of a location's pointer, unescaped (`#/definitions/a~1b` -> `a/b`).
pub(crate) fn last_segment(loc: &Loc) -> String {
    let last = loc.pointer.rsplit('/').next().unwrap_or("Model");
    let name = last.replace("~1", "/").replace("~0", "~");
    if name.is_empty() || name == "#" {
        "Model".to_owned()
    } else {
        name
    }
}
