//! `Debug` impls that print `***` for fields carrying a secret (`access_token`, `refresh_token`,
//! `password`, an `x-ms-refresh-token` header, ...), for models and response structs.
//!
//! Which wire names carry a secret is decided once, in the runtime's `secret_names.rs`, which
//! this module includes: the runtime masks the same names in headers and error bodies.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

#[path = "../../../runtime/src/secret_names.rs"]
mod secret_names;

pub(crate) use secret_names::is_secret_name;

/// One field as `Debug` shows it.
pub(crate) struct Field {
    /// The field's identifier.
    pub ident: Ident,
    /// How `Debug` names it: the field name, as `derive(Debug)` would.
    pub label: String,
    /// `Some(optional)` when its wire name carries a secret: an `Option` shows `Some(***)` or
    /// `None`, anything else `***`.
    pub secret: Option<bool>,
}

/// True when a derived `Debug` would print a secret: some field is one.
pub(crate) fn needed(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.secret.is_some())
}

/// `impl Debug for #ty` that prints every field as `derive(Debug)` would, but secrets as `***`.
pub(crate) fn debug_impl(ty: &Ident, fields: &[Field]) -> TokenStream {
    let name = ty.to_string();
    let name = name.trim_start_matches("r#");
    let entries = fields.iter().map(|field| {
        let (ident, label) = (&field.ident, &field.label);
        match field.secret {
            None => quote!(.field(#label, &self.#ident)),
            Some(true) => {
                quote!(.field(#label, &self.#ident.as_ref().map(|_| crate::runtime::Redacted)))
            }
            Some(false) => quote!(.field(#label, &crate::runtime::Redacted)),
        }
    });
    quote! {
        impl ::std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_struct(#name) #(#entries)* .finish()
            }
        }
    }
}
