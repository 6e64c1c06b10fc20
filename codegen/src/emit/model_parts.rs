//! What models, flattened models, unions, pagers and error models agree on about a model's
//! parts: which fields are an `Option`, which types are constants, and the docs of a model and
//! of a property.

use super::{Ctx, Doc, code};
use crate::ir::{Model, TypeRef};

/// A model's doc: its description, or a line that names it.
pub(super) fn model_doc(model: &Model) -> Doc {
    Doc::new()
        .spec(model.description.as_deref())
        .or_raw(format!("The {} model.", code(&model.name)))
}

/// Whether a property's field is an `Option`: when it is optional or nullable, and when it is
/// read-only (set by the server only: a request leaves it out, even when the server always
/// sends it). Flattened models and pagers read fields by the same rule.
pub(crate) fn optional_field(p: &crate::ir::Property) -> bool {
    !p.required || p.nullable || p.read_only
}

/// A property's doc: its description, whether it is read-only, its server default.
pub(super) fn property_doc(p: &crate::ir::Property) -> Doc {
    let mut doc = Doc::new()
        .spec(p.description.as_deref())
        .or_raw(format!("The {} property.", code(&p.name)));
    if p.read_only {
        doc = doc.raw("Read-only: set by the server.");
    }
    if let Some(default) = &p.default {
        doc = doc.raw(format!("Server default: {}.", code(&default.to_string())));
    }
    doc
}

/// True when `ty` is a constant (a closed enum of one value), directly or through an alias.
pub(super) fn is_constant(ctx: &Ctx<'_>, ty: &TypeRef) -> bool {
    ctx.enum_of(ty).is_some_and(super::enums::is_constant)
}
