//! The API's own token operations, found by their shape, and the code in `src/lib.rs` that
//! lets the client's credentials call them on a `Bearer` challenge (`runtime::TokenOperations`;
//! the runtime's `Credentials::refresh_token` / `Credentials::exchange` use them).
//!
//! An operation has a token role when all of this holds (wire names, compared exactly; the
//! operation id and path do not matter):
//!
//! | role | method | inputs (query for `GET`, form fields for `POST`) | one success response |
//! |------|--------|-------------------------------------------|---------------------|
//! | login | `GET` | `service`, `scope` | a model with a string `access_token` |
//! | refresh | `POST` | `grant_type` (`refresh_token`), `service`, `scope`, `refresh_token` | a model with a string `access_token` |
//! | exchange | `POST` | `grant_type` (`access_token`), `service`, `access_token` | a model with a string `refresh_token` |
//!
//! The inputs must all be there (required or optional), and every other required input makes
//! the operation not match. `grant_type` is a string, or an enum with that value. `service`,
//! `scope` and the tokens are strings. When several operations match a role, the first in
//! document order takes it.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::Ctx;
use super::facts::{InputFact, Kind};
use crate::Result;
use crate::ir::{Location, ModelKind, Operation, ResponseBody, TypeRef};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Login,
    Refresh,
    Exchange,
}

impl Role {
    const ALL: [Role; 3] = [Role::Login, Role::Refresh, Role::Exchange];

    fn method(self) -> &'static str {
        match self {
            Role::Login => "GET",
            Role::Refresh | Role::Exchange => "POST",
        }
    }

    /// The inputs, by wire name, and the expression passed for each (the trait method's
    /// arguments).
    fn inputs(self) -> &'static [&'static str] {
        match self {
            Role::Login => &["service", "scope"],
            Role::Refresh => &["grant_type", "service", "scope", "refresh_token"],
            Role::Exchange => &["grant_type", "service", "access_token"],
        }
    }

    fn result(self) -> &'static str {
        match self {
            Role::Login | Role::Refresh => "access_token",
            Role::Exchange => "refresh_token",
        }
    }
}

/// One operation in a token role: the call that makes the request.
struct Call<'a> {
    role: Role,
    op: &'a Operation,
    /// `self.client.<group>().<method>(<args>)<setters>`.
    call: TokenStream,
    /// The response body's field with the token.
    field: Ident,
}

/// The token operations of the API, by role.
pub(crate) struct TokenOps<'a> {
    calls: Vec<Call<'a>>,
}

/// The token operations of the API, when it has any.
pub(crate) fn token_ops<'a>(ctx: &Ctx<'a>) -> Result<Option<TokenOps<'a>>> {
    let mut calls: Vec<Call<'a>> = Vec::new();
    for role in Role::ALL {
        for op in &ctx.api.operations {
            if let Some(call) = matches(ctx, op, role)? {
                calls.push(call);
                break;
            }
        }
    }
    Ok((!calls.is_empty()).then_some(TokenOps { calls }))
}

fn matches<'a>(ctx: &Ctx<'a>, op: &'a Operation, role: Role) -> Result<Option<Call<'a>>> {
    if op.method != role.method() {
        return Ok(None);
    }
    let Some(field) = result_field(ctx, op, role.result())? else {
        return Ok(None);
    };
    let location = match role {
        Role::Login => Location::Query,
        Role::Refresh | Role::Exchange => Location::Form,
    };
    let all = &ctx.facts(op)?.inputs;
    let mut args = Vec::new();
    let mut setters = Vec::new();
    let mut found = Vec::new();
    for input in all {
        let name = match input.kind {
            Kind::Param(p) | Kind::Form(p) if p.location == location => p.name.as_str(),
            _ if input.required => return Ok(None),
            _ => continue,
        };
        if !role.inputs().contains(&name) {
            if input.required {
                return Ok(None);
            }
            continue;
        }
        let Some(value) = value(ctx, input, name, role) else {
            return Ok(None);
        };
        found.push(name);
        if input.required {
            args.push(value);
        } else {
            let setter = ctx.ident(input.name, &op.pointer)?;
            setters.push(quote!(.#setter(#value)));
        }
    }
    if role.inputs().iter().any(|name| !found.contains(name)) {
        return Ok(None);
    }
    let Some(group) = ctx.api.groups.iter().find(|g| g.name == op.group) else {
        return Ok(None);
    };
    let group = ctx.ident(&group.rust_name, &op.pointer)?;
    let method = ctx.ident(&op.rust_name, &op.pointer)?;
    Ok(Some(Call {
        role,
        op,
        call: quote!(self.client.#group().#method(#(#args),*) #(#setters)*),
        field,
    }))
}

/// The expression passed for the input `name`; `None` when its type does not fit.
fn value(ctx: &Ctx<'_>, input: &InputFact<'_>, name: &str, role: Role) -> Option<TokenStream> {
    let ty = match input.kind {
        Kind::Param(p) | Kind::Form(p) | Kind::Multipart(p) => &p.ty,
        Kind::Body | Kind::BodyField(_) | Kind::Group => return None,
    };
    if name == "grant_type" {
        let grant = match role {
            Role::Exchange => "access_token",
            _ => "refresh_token",
        };
        return grant_value(ctx, ty, grant);
    }
    if !ctx.is_string(ty) {
        return None;
    }
    Some(match name {
        "service" => quote!(service),
        "scope" => quote!(scope),
        "refresh_token" => quote!(refresh_token.expose()),
        _ => quote!(access_token.expose()),
    })
}

/// `"refresh_token"` for a string, or the enum variant with that value.
fn grant_value(ctx: &Ctx<'_>, ty: &TypeRef, grant: &str) -> Option<TokenStream> {
    if ctx.is_string(ty) {
        return Some(quote!(#grant));
    }
    let TypeRef::Model { name } = ty else {
        return None;
    };
    let model = ctx.models.get(name.as_str())?;
    let ModelKind::Enum(e) = &model.kind else {
        return None;
    };
    let value = e.values.iter().find(|v| v.value.as_str() == Some(grant))?;
    let ty = ctx.ident(&model.rust_name, &model.pointer).ok()?;
    let variant = ctx.ident(&value.rust_name, &model.pointer).ok()?;
    Some(quote!(crate::models::#ty::#variant))
}

/// The field of the only success response's model that holds the token (`field` is its wire
/// name, and it must be a string).
fn result_field(ctx: &Ctx<'_>, op: &Operation, field: &str) -> Result<Option<Ident>> {
    let success: Vec<_> = op.responses.iter().filter(|r| r.is_success()).collect();
    let [response] = success.as_slice() else {
        return Ok(None);
    };
    let Some(ResponseBody::Json {
        ty: TypeRef::Model { name },
        ..
    }) = &response.body
    else {
        return Ok(None);
    };
    let Some(ModelKind::Struct(s)) = ctx.models.get(name.as_str()).map(|m| &m.kind) else {
        return Ok(None);
    };
    if s.discriminator.is_some() {
        return Ok(None);
    }
    match s.properties.iter().find(|p| p.name == field) {
        Some(p) if matches!(p.ty, TypeRef::String { .. }) && !p.recursive => {
            Ok(Some(ctx.ident(&p.rust_name, &op.pointer)?))
        }
        _ => Ok(None),
    }
}

impl TokenOps<'_> {
    /// `struct TokenOperations` and its `runtime::TokenOperations` impl.
    pub(crate) fn items(&self) -> TokenStream {
        let methods = self.calls.iter().map(|call| {
            let (op_id, field_name) = (&call.op.operation_id, call.role.result());
            let (expr, field) = (&call.call, &call.field);
            let signature = match call.role {
                Role::Login => quote!(fn login<'a>(&'a self, service: &'a str, scope: &'a str)),
                Role::Refresh => quote! {
                    fn refresh<'a>(&'a self, service: &'a str, scope: &'a str, refresh_token: &'a runtime::Secret)
                },
                Role::Exchange => quote! {
                    fn exchange<'a>(&'a self, service: &'a str, access_token: &'a runtime::Secret)
                },
            };
            quote! {
                #signature -> Option<runtime::TokenFuture<'a>> {
                    Some(Box::pin(async move {
                        let response = #expr.send().await?;
                        runtime::token_field(#op_id, #field_name, response.body.#field)
                    }))
                }
            }
        });
        quote! {
            #[doc = " The API's token operations, called by the client's credentials on a `Bearer`"]
            #[doc = " challenge. Requests made here carry `Basic` credentials (if any) and never"]
            #[doc = " answer challenges themselves."]
            struct TokenOperations {
                client: Client,
            }
            impl runtime::TokenOperations for TokenOperations {
                #(#methods)*
            }
        }
    }
}
