//! Bounded recursion in the lowering of schemas.
//!
//! Lowering a schema lowers the schemas it names first (property types, items, `allOf`
//! parents), recursively. Two rules keep the stack bounded whatever the input:
//!
//! - A model reached by `$ref` as a *type* (a property, an item, a map value, a union variant)
//!   while [`DEFER_DEPTH`] models are already being lowered inside one another is only
//!   registered: its name is known at once, and its body is lowered later, from the top (see
//!   [`Lowerer::lower_deferred`]). A chain of any length of models holding each other by value
//!   is lowered with a stack of at most `DEFER_DEPTH` models.
//! - `allOf` parents must be lowered before their child (their properties are copied into it),
//!   so they cannot wait: more than [`MAX_DEPTH`] models being lowered inside one another (an
//!   `allOf` hierarchy that deep) is an [`ErrorKind::TooDeep`] error at the schema that would
//!   go deeper, naming the limit.
//!
//! - Types nested in one another (arrays of arrays of maps ...) are limited to
//!   [`MAX_TYPE_DEPTH`] levels: rendering such a type recurses in `syn` and `prettyplease`.
//!
//! Shallower documents (every real specification seen) are lowered exactly as without these
//! rules: the order of models and names does not change below `DEFER_DEPTH`.

use serde_json::Value;

use super::OperationDraft;
use super::context::Lowerer;
use crate::ir::{BodyKind, MAX_DEPTH, MAX_TYPE_DEPTH, ModelKind, ResponseBody, TypeRef};
use crate::resolve::Loc;
use crate::{ErrorKind, Result};

/// Models lowered inside one another before a model reached as a type waits its turn.
pub(crate) const DEFER_DEPTH: usize = 32;

impl Lowerer<'_> {
    /// The model of the schema at `loc` (reached by `$ref`), lowered now or, when deep, later.
    pub(crate) fn model_type(
        &mut self,
        loc: &Loc,
        schema: &Value,
        wanted: &str,
    ) -> Result<TypeRef> {
        if self.in_progress.len() < DEFER_DEPTH {
            return self.named_model(loc, schema, wanted);
        }
        let name = match self.by_loc.get(loc) {
            Some(name) => name.clone(),
            None => {
                let name = self.free_model_name(wanted);
                self.reserve(loc.clone(), name.clone());
                self.deferred.push(loc.clone());
                name
            }
        };
        Ok(TypeRef::Model { name })
    }

    /// Errors when lowering one more model at `loc` would go past [`MAX_DEPTH`].
    pub(crate) fn check_depth(&self, loc: &Loc) -> Result<()> {
        if self.in_progress.len() < MAX_DEPTH {
            return Ok(());
        }
        Err(loc.error(
            ErrorKind::TooDeep,
            format!(
                "schemas nest too deeply here: {MAX_DEPTH} models are being lowered inside one another (`allOf` parents must be lowered before their children), and {MAX_DEPTH} is the limit"
            ),
        ))
    }

    /// Lowers the models whose lowering was put off, until none is left.
    pub(crate) fn lower_deferred(&mut self) -> Result<()> {
        while let Some(loc) = self.deferred.pop() {
            let Some(name) = self.by_loc.get(&loc).cloned() else {
                continue;
            };
            if self.model(&name).is_some() {
                continue;
            }
            let res = self.res;
            let schema = res.get(&loc).ok_or_else(|| {
                loc.error(
                    ErrorKind::Internal,
                    format!("the schema of `{name}` is gone"),
                )
            })?;
            self.named_model(&loc, schema, &name)?;
        }
        Ok(())
    }

    /// Errors on a type nested deeper than [`MAX_TYPE_DEPTH`] in any model or operation.
    pub(crate) fn check_type_depths(&self, operations: &[OperationDraft]) -> Result<()> {
        for slot in self.models.values() {
            let Some(model) = &slot.model else { continue };
            let mut types: Vec<(Loc, &TypeRef)> = Vec::new();
            match &model.kind {
                ModelKind::Struct(s) => {
                    for p in &s.properties {
                        types.push((slot.loc.key("properties").key(&p.name), &p.ty));
                    }
                    if let Some(ty) = &s.additional_properties {
                        types.push((slot.loc.key("additionalProperties"), ty));
                    }
                }
                ModelKind::Alias { ty } => types.push((slot.loc.clone(), ty)),
                ModelKind::Union(u) => {
                    types.extend(u.variants.iter().map(|v| (slot.loc.clone(), &v.ty)))
                }
                ModelKind::Enum(_) => {}
            }
            for (at, ty) in types {
                check_type_depth(&at, ty)?;
            }
        }
        for op in operations {
            let bodies = op.body.iter().filter_map(|b| match &b.kind {
                BodyKind::Json { ty } => Some(ty),
                _ => None,
            });
            let answers = op
                .responses
                .iter()
                .chain(&op.default_response)
                .filter_map(|r| match &r.body {
                    Some(ResponseBody::Json { ty, .. }) => Some(ty),
                    _ => None,
                });
            for ty in op
                .parameters
                .iter()
                .map(|p| &p.ty)
                .chain(bodies)
                .chain(answers)
            {
                check_type_depth(&op.loc, ty)?;
            }
        }
        Ok(())
    }
}

/// Errors when `ty` nests more than [`MAX_TYPE_DEPTH`] types.
fn check_type_depth(at: &Loc, ty: &TypeRef) -> Result<()> {
    let mut depth = 0;
    let mut ty = ty;
    loop {
        ty = match ty {
            TypeRef::Array { items: inner } | TypeRef::Map { values: inner } => {
                depth += 1;
                inner
            }
            TypeRef::Nullable { inner } => inner,
            _ => break,
        };
    }
    if depth <= MAX_TYPE_DEPTH {
        return Ok(());
    }
    Err(at.error(
        ErrorKind::TooDeep,
        format!(
            "a type nests {depth} arrays or maps in one another; the limit is {MAX_TYPE_DEPTH}"
        ),
    ))
}
