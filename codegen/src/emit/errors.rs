//! `src/errors.rs`: the `ErrorModel` enum, one variant per entry of `api.error_models`, that
//! `Error::model()` returns; and the decoder each operation hands to the runtime.
//!
//! A model's variant is named by the model (`AcrErrors`); a non-model error type by its kind
//! (`Json` for any JSON value, `Text`, `Array`, ...). Payloads are boxed so that no variant makes
//! the enum large.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::Scope;
use super::{Ctx, Doc, Names, code};
use crate::Result;
use crate::ir::{ModelKind, Operation, ResponseBody, TypeRef};

pub(crate) fn errors_file(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let mut names = Names::new([]);
    let mut variants = Vec::new();
    let mut codes = Vec::new();
    for ty in &ctx.api.error_models {
        let Some(variant) = variant_name(ctx, ty)? else {
            continue;
        };
        codes.push(code_arm(ctx, ty, &variant)?);
        names.claim(ctx, &variant.to_string(), "#", "error model variant")?;
        let payload = ctx.rust_type(ty, Scope::Outside, "#")?;
        let doc = match ty {
            TypeRef::Model { name } => {
                let model = ctx.model(name, "#")?;
                Doc::new()
                    .raw(format!(
                        "An error body of type [`{0}`](crate::models::{0}).",
                        super::unraw(&model.rust_name)
                    ))
                    .spec(model.description.as_deref())
            }
            _ => Doc::new().raw("An error body of this type."),
        };
        let doc = doc.attrs();
        variants.push(quote!(#doc #variant(Box<#payload>),));
    }
    let module_doc = Doc::new()
        .raw(format!(
            "The error bodies that {} documents, decoded.",
            code(&ctx.api.title)
        ))
        .inner_attrs();
    let mut enum_doc = Doc::new().raw(
        "An error body the API documents, decoded from an unexpected response: see \
         [`crate::Error::model`].",
    );
    if variants.is_empty() {
        enum_doc = enum_doc.raw("This API documents no error bodies, so this enum has no values.");
    }
    let enum_doc = enum_doc.attrs();
    let long_running = long_running(ctx)?;
    Ok(quote! {
        #module_doc
        #enum_doc
        #[derive(Debug, Clone, PartialEq)]
        pub enum ErrorModel {
            #(#variants)*
        }
        impl ErrorModel {
            /// The error code the body gives: its `code` string property (any case: `code`,
            /// `Code`), when its model has one.
            /// [`Error::error_code`](crate::Error::error_code) prefers the `x-ms-error-code`
            /// header.
            pub fn code(&self) -> Option<&str> {
                match *self {
                    #(#codes)*
                }
            }
        }
        #long_running
    })
}

/// `Self::Variant(ref model) => <its code>,` for `ErrorModel::code`: a model's string property
/// named `code` (any case), else `None`.
fn code_arm(ctx: &Ctx<'_>, ty: &TypeRef, variant: &Ident) -> Result<TokenStream> {
    let property = match ty {
        TypeRef::Model { name } => match &ctx.model(name, "#")?.kind {
            ModelKind::Struct(s) => s.properties.iter().find(|p| {
                p.name.eq_ignore_ascii_case("code") && matches!(&p.ty, TypeRef::String { .. })
            }),
            _ => None,
        },
        _ => None,
    };
    let Some(property) = property else {
        return Ok(quote!(Self::#variant(_) => None,));
    };
    let field = ctx.ident(&property.rust_name, "#")?;
    Ok(if super::model_parts::optional_field(property) {
        quote!(Self::#variant(ref model) => model.#field.as_deref(),)
    } else {
        quote!(Self::#variant(ref model) => Some(model.#field.as_str()),)
    })
}

/// `long_running(id)`, in crates with long-running operations: the `operationId` and error
/// decoder of each, by id, for a poller resumed from its state token (`runtime/poller.rs`).
fn long_running(ctx: &Ctx<'_>) -> Result<TokenStream> {
    if !ctx.runtime.poller {
        return Ok(TokenStream::new());
    }
    let mut arms = Vec::new();
    for op in &ctx.api.operations {
        if !ctx.facts(op)?.polls {
            continue;
        }
        let id = &op.operation_id;
        let decoder = decoder(ctx, op)?;
        arms.push(quote!(#id => (#id, (#decoder) as crate::runtime::ErrorDecoder),));
    }
    Ok(quote! {
        #[doc = " The `operationId` and error decoder of a long-running operation, by id: a poller"]
        #[doc = " resumed from its state token decodes a failure's body as the operation does."]
        pub(crate) fn long_running(
            operation: &str,
        ) -> Option<(&'static str, crate::runtime::ErrorDecoder)> {
            Some(match operation {
                #(#arms)*
                _ => return None,
            })
        }
    })
}

/// The variant of `ErrorModel` for an error type; `None` for types that are not JSON.
pub(crate) fn variant_name(ctx: &Ctx<'_>, ty: &TypeRef) -> Result<Option<Ident>> {
    let Some(index) = ctx.api.error_models.iter().position(|t| t == ty) else {
        return Ok(None);
    };
    let names = crate::naming::error_variant_names(&ctx.api.error_models, |name| {
        ctx.models.get(name).map(|m| m.rust_name.clone())
    });
    match names.into_iter().nth(index).flatten() {
        Some((_, name)) => ctx.ident(&name, "#").map(Some),
        None => Ok(None),
    }
}

/// The `fn(u16, &[u8]) -> Option<BoxedModel>` (an `ErrorModel`) an operation hands to
/// `runtime::unexpected_status`: documented error statuses first, then the `default` response.
pub(crate) fn decoder(ctx: &Ctx<'_>, op: &Operation) -> Result<TokenStream> {
    let decode = |(ty, xml): &(TypeRef, Option<crate::ir::Xml>)| -> Result<Option<TokenStream>> {
        if !ctx.api.error_models.contains(ty) {
            return Ok(None);
        }
        let read = match xml {
            Some(xml) => {
                let root = super::xml::root(ctx, ty, xml, "error");
                quote!(crate::runtime::xml::error_model(body, #root))
            }
            None => quote!(crate::runtime::error_model(body)),
        };
        Ok(variant_name(ctx, ty)?
            .map(|variant| {
                quote!(#read.map(|m| crate::runtime::boxed_model(crate::ErrorModel::#variant(Box::new(m)))))
            }))
    };
    let json = |body: &Option<ResponseBody>| match body {
        Some(ResponseBody::Json { ty, xml, .. }) => Some((ty.clone(), xml.clone())),
        _ => None,
    };
    let mut arms = Vec::new();
    for response in op.responses.iter().filter(|r| r.is_error()) {
        let Some(ty) = json(&response.body) else {
            continue;
        };
        let Some(expr) = decode(&ty)? else {
            continue;
        };
        let Some(pattern) = super::status::status_pattern(response) else {
            continue;
        };
        arms.push(quote!(#pattern => #expr,));
    }
    let default = match op.default_response.as_ref().and_then(|r| json(&r.body)) {
        Some(ty) => decode(&ty)?,
        None => None,
    };
    Ok(match (arms.is_empty(), default) {
        (true, None) => quote!(|_, _| None),
        (true, Some(default)) => quote!(|_, body| #default),
        (false, default) => {
            let default = default.unwrap_or_else(|| quote!(None));
            quote!(|status, body| match status { #(#arms)* _ => #default })
        }
    })
}
