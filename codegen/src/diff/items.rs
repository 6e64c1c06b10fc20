//! The public items of the generated crate that a change touches, written the way a user reaches
//! them, from the Rust names in the IR (see `codegen/src/emit/`):
//!
//! - a method: `blob().upload(..)`; a positional argument: `blob().upload(location: ..)`; a setter
//!   on the request builder: `blob().upload(..).accept(..)`;
//! - a client argument: `Client::new(login_uri: ..)`; a client setting:
//!   `Client::builder(..).api_version(..)`;
//! - a response type: `blob::BlobUploadResponse`; one of several success responses:
//!   `blob::BlobGetResponse::TemporaryRedirect` (variant) and `blob::BlobGetTemporaryRedirect`
//!   (its struct, whose fields are the headers and `body`);
//! - a model `models::TagAttributes`, its field `models::TagAttributes::digest`, an enum variant
//!   `models::ArtifactArchitecture::Amd64`; an error model variant `ErrorModel::AcrErrors`.

use super::surface::{Operation, Parameter, Response};

/// `group().method(..)`.
pub fn method(op: &Operation) -> String {
    format!("{}().{}(..)", op.group, op.rust_name)
}

/// The argument (`group().method(name: ..)`) or setter (`group().method(..).name(..)`) that
/// carries a parameter or a body named `rust_name`.
pub fn input(op: &Operation, rust_name: &str, positional: bool) -> String {
    if positional {
        format!("{}().{}({rust_name}: ..)", op.group, op.rust_name)
    } else {
        format!("{}().{}(..).{rust_name}(..)", op.group, op.rust_name)
    }
}

/// The item of a parameter of `op` (a client setting, for a client-level one).
pub fn parameter(op: &Operation, p: &Parameter) -> String {
    if p.client_level {
        client_parameter(p, p.location == "host")
    } else {
        input(op, &p.rust_name, Operation::is_positional(p))
    }
}

/// The item of a client-level parameter (host parameter or client setting).
pub fn client_parameter(p: &Parameter, host: bool) -> String {
    if host || p.required {
        format!("Client::new({}: ..)", p.rust_name)
    } else {
        format!("Client::builder(..).{}(..)", p.rust_name)
    }
}

/// The client constructor.
pub fn client() -> String {
    "Client::new(..)".to_string()
}

/// The response type of `op`.
pub fn response_type(op: &Operation) -> String {
    format!("{}::{}Response", module(op), op.type_name)
}

/// The item of one success response of `op`: the response type when it is the only one, else
/// its variant.
pub fn response(op: &Operation, r: &Response) -> String {
    if op.successes().count() <= 1 {
        response_type(op)
    } else {
        format!("{}::{}Response::{}", module(op), op.type_name, r.rust_name)
    }
}

/// A field (a header, `body`) of the struct of one success response of `op`.
pub fn response_field(op: &Operation, r: &Response, field: &str) -> String {
    if op.successes().count() <= 1 {
        format!("{}::{}Response::{field}", module(op), op.type_name)
    } else {
        format!("{}::{}{}::{field}", module(op), op.type_name, r.rust_name)
    }
}

/// `models::Name`.
pub fn model(rust_name: &str) -> String {
    format!("models::{rust_name}")
}

/// `models::Name::member` (a field or a variant).
pub fn model_member(model: &str, member: &str) -> String {
    format!("models::{model}::{member}")
}

/// The `ErrorModel` variant of an error type.
pub fn error_model(ty: &super::ty::Ty) -> String {
    match ty {
        super::ty::Ty::Model(name) => format!("ErrorModel::{name}"),
        other => format!("ErrorModel ({other})"),
    }
}

fn module(op: &Operation) -> &str {
    &op.group
}
