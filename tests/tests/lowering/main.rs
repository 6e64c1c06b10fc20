//! Precise facts about the lowered IR, each written from the spec or fixture it comes from (the
//! expected values are read off the input documents, not off the lowering's output).
//!
//! `acr` and `docker_registry`: the two Swagger 2.0 specs; `shape`: the stable JSON shape that
//! tools read; `features`: one test per fixture of `tests/fixtures/swagger2/`.

mod acr;
mod docker_registry;
mod features;
mod shape;

use codegen::ir::{Api, BodyKind, Operation, Parameter, TypeRef};
use tests::api;

pub(crate) fn acr() -> Api {
    api(&tests::workspace_root().join("specs/containerregistry/2019-08-15-preview.json"))
}

pub(crate) fn docker() -> Api {
    api(&tests::workspace_root().join("specs/docker-registry/v2.yaml"))
}

pub(crate) fn string() -> TypeRef {
    TypeRef::String { format: None }
}

pub(crate) fn integer(format: &str) -> TypeRef {
    TypeRef::Integer {
        format: Some(format.to_owned()),
    }
}

pub(crate) fn named(name: &str) -> TypeRef {
    TypeRef::Model {
        name: name.to_owned(),
    }
}

/// `(wire name, type)` of each header of the response with `status`.
pub(crate) fn headers(op: &Operation, status: u16) -> Vec<(String, TypeRef)> {
    let response = op
        .responses
        .iter()
        .find(|r| r.status == Some(status))
        .unwrap_or_else(|| panic!("{}: no {status}", op.operation_id));
    response
        .headers
        .iter()
        .map(|h| (h.name.clone(), h.ty.clone()))
        .collect()
}

/// The query constants of `op`, in order.
pub(crate) fn constants(op: &Operation) -> Vec<(&str, &str)> {
    op.query_constants
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

pub(crate) fn statuses(op: &Operation) -> Vec<Option<u16>> {
    op.responses.iter().map(|r| r.status).collect()
}

/// The fields of a form or multipart body.
pub(crate) fn form_fields(op: &Operation) -> &[Parameter] {
    match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Form { fields } | BodyKind::Multipart { fields }) => fields,
        other => panic!("{}: not a form body: {other:?}", op.operation_id),
    }
}
