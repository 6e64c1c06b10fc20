//! The public surface of an API: the part of the IR that decides what the generated crate's public
//! Rust API is and what it sends on the wire. Descriptions, examples and other prose are left out.
//!
//! The diff rules read only this, so a committed baseline (a [`Surface`] as JSON, see
//! [`super::baseline`]) and a freshly lowered spec are compared by the same code. Every type here
//! round-trips through serde; defaults are left out of the JSON to keep baselines short.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

use super::ty::Ty;
use crate::ir;

/// The version of the baseline format this code reads and writes.
pub const FORMAT: u32 = 1;

/// The public surface of one API.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Surface {
    /// [`FORMAT`].
    pub format: u32,
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// How the client finds its server.
    pub host: Host,
    /// Client-level parameters other than host parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub client_parameters: Vec<Parameter>,
    /// The error types of `default` responses (`ErrorModel` variants), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub error_models: Vec<Ty>,
    /// Every operation, in document order.
    pub operations: Vec<Operation>,
    /// Every model, in IR order.
    pub models: Vec<Model>,
}

/// The host template and its parameters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Host {
    /// `host.template`.
    pub template: String,
    /// `host.use_scheme_prefix`.
    pub use_scheme_prefix: bool,
    /// `host.base_path`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub base_path: String,
    /// Host parameters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// `operationId`.
    pub operation_id: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template, without an `x-ms-paths` suffix.
    pub path: String,
    /// The `x-ms-paths` query suffix.
    #[serde(default, skip_serializing_if = "IndexMap::is_empty")]
    pub query_constants: IndexMap<String, String>,
    /// The accessor of the operation's sub-client (the group's `rust_name`, `blob`).
    pub group: String,
    /// The method on the sub-client (`upload`).
    pub rust_name: String,
    /// The type-name stem of its request and response types (`BlobUpload`).
    pub type_name: String,
    /// `deprecated: true`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Parameters, in IR order (per-call host parameters included).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameters: Vec<Parameter>,
    /// The request body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Body>,
    /// Responses, in order; the `default` response last, with status `default`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// JSON pointer of the operation.
    pub pointer: String,
    /// `x-ms-parameter-grouping`: the groups the operation takes in place of some inputs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_groups: Vec<GroupUse>,
    /// `x-ms-pageable`: `send()` gives a `Pager` of the items (`Operation.paging` of the IR).
    #[serde(default, skip_serializing_if = "is_false")]
    pub pageable: bool,
    /// `x-ms-long-running-operation`: awaiting the request polls to the final result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub long_running: Option<LongRunning>,
}

/// An operation's use of a parameter group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupUse {
    /// The group struct's Rust name.
    pub group: String,
    /// The argument or setter name.
    pub rust_name: String,
    /// A positional argument (some member is required).
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// `input -> field` for each input it carries.
    pub members: Vec<String>,
}

/// How a long-running operation ends: where its result is read, and its type.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LongRunning {
    /// `final-state-via` (`azure-async-operation`, `location`, `original-uri`,
    /// `operation-location`), given or the method's default.
    pub final_state_via: String,
    /// The final result's type; `None` for `()`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<Ty>,
}

/// One parameter (or form field).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// Wire name.
    pub name: String,
    /// `x-ms-client-name`, when it differs from the wire name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_name: Option<String>,
    /// The Rust argument, setter or field name.
    pub rust_name: String,
    /// `path`, `query`, `header`, `form`, `host`, `cookie`.
    #[serde(rename = "in")]
    pub location: String,
    /// Required by the spec.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// `x-ms-skip-url-encoding`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub skip_url_encoding: bool,
    /// A client setting rather than a per-call value.
    #[serde(default, skip_serializing_if = "is_false")]
    pub client_level: bool,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Ty,
    /// How an array is joined (`csv`, `multi`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collection_format: Option<String>,
    /// JSON pointer of its definition.
    pub pointer: String,
}

/// A request body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// The Rust argument or setter name.
    pub rust_name: String,
    /// Required by the spec.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// `json`, `binary`, `text`, `form` or `multipart`.
    pub kind: String,
    /// The type of a JSON body.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<Ty>,
    /// The fields of a form or multipart body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<Parameter>,
    /// Media types, the default first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_types: Vec<String>,
    /// JSON pointer of its definition.
    pub pointer: String,
    /// `x-ms-client-flatten`: the body is given field by field, with these arguments and
    /// setters (`argument -> field`, `?` after an optional one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flattened: Vec<String>,
}

/// One response.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// `200`, `2XX` or `default`.
    pub status: String,
    /// The variant / type-name suffix (`Ok`).
    pub rust_name: String,
    /// The body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<ResponseBody>,
    /// Typed headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<Header>,
    /// A documented 4xx/5xx returned as an answer (`ir::Response::answer`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answer: bool,
}

/// A response body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseBody {
    /// `json`, `binary` or `text`.
    pub kind: String,
    /// The type of a JSON body.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub ty: Option<Ty>,
    /// Media types.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media_types: Vec<String>,
}

/// A typed response header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Header {
    /// Wire name.
    pub name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Ty,
}

/// A named model. (No `deny_unknown_fields`: serde does not support it with `flatten`.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// The spec name (unique).
    pub name: String,
    /// The Rust type name.
    pub rust_name: String,
    /// What it is.
    #[serde(flatten)]
    pub kind: ModelKind,
    /// JSON pointer of its schema.
    pub pointer: String,
}

/// The shape of a model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelKind {
    /// An object.
    Struct {
        /// Properties, own and inherited.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        properties: Vec<Property>,
        /// The value type of `additionalProperties`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        additional_properties: Option<Ty>,
        /// The discriminator of a polymorphic base.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discriminator: Option<Discriminator>,
        /// `x-ms-client-flatten`: the flattened properties (wire names), each with the fields
        /// it shows on this model (`property: inner -> field, ...`).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        flattened: Vec<String>,
    },
    /// An enum.
    Enum {
        /// The value type.
        base: Ty,
        /// Values, in order.
        values: Vec<EnumValue>,
        /// Unknown values are accepted.
        #[serde(default, skip_serializing_if = "is_false")]
        open: bool,
    },
    /// A `oneOf`/`anyOf` union: a Rust enum over its alternatives.
    Union {
        /// The alternatives, in order.
        variants: Vec<UnionVariant>,
        /// The property that tells the alternatives apart, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        discriminator: Option<String>,
        /// `oneOf` rather than `anyOf`.
        #[serde(default, skip_serializing_if = "is_false")]
        exclusive: bool,
    },
    /// An alias.
    Alias {
        /// The aliased type.
        #[serde(rename = "type")]
        ty: Ty,
    },
}

/// A discriminator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discriminator {
    /// Wire name of the discriminating property.
    pub property: String,
    /// Value to model spec name.
    #[serde(default)]
    pub mapping: IndexMap<String, String>,
}

/// One property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Property {
    /// Wire name.
    pub name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Ty,
    /// Listed in `required`.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// `null` is a valid value.
    #[serde(default, skip_serializing_if = "is_false")]
    pub nullable: bool,
}

impl Property {
    /// Whether the generated field is an `Option<T>` (optional or nullable).
    pub fn is_option(&self) -> bool {
        !self.required || self.nullable
    }
}

/// One alternative of a union.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub ty: Ty,
    /// The discriminator values that select it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub discriminator_values: Vec<String>,
}

/// One enum value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnumValue {
    /// The wire value.
    pub value: serde_json::Value,
    /// The Rust variant name.
    pub rust_name: String,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Operation {
    /// Whether a parameter is a positional argument of the method (required, or a path or host
    /// parameter, and not a client setting), as the emitter makes it.
    pub fn is_positional(p: &Parameter) -> bool {
        !p.client_level && (p.required || p.location == "path" || p.location == "host")
    }

    /// The form fields of a form or multipart body.
    pub fn form_fields(&self) -> &[Parameter] {
        self.body.as_ref().map_or(&[], |b| b.fields.as_slice())
    }

    /// The documented success responses (below 400, or a `1XX`-`3XX` range), and the bodiless
    /// `404` of a `HEAD`, which the generated crate returns as an answer too.
    pub fn successes(&self) -> impl Iterator<Item = &Response> {
        let head = self.method == "HEAD";
        self.responses.iter().filter(move |r| {
            r.is_success() || r.answer || (head && r.status == "404" && r.body.is_none())
        })
    }
}

impl Response {
    /// True for a documented status below 400 (or a `1XX`-`3XX` range): the ones that become
    /// response types. Others (4xx, 5xx, `default`) are `Error`s in the generated crate.
    pub fn is_success(&self) -> bool {
        match self.status.parse::<u16>() {
            Ok(code) => code < 400,
            Err(_) => matches!(self.status.as_bytes().first(), Some(b'1'..=b'3')),
        }
    }
}

impl Surface {
    /// The surface of a lowered API.
    pub fn of(api: &ir::Api) -> Surface {
        let models: IndexMap<&str, &str> = api
            .models
            .iter()
            .map(|m| (m.name.as_str(), m.rust_name.as_str()))
            .collect();
        let ty = |t: &ir::TypeRef| Ty::of(t, &models);
        let group_accessor: IndexMap<&str, &str> = api
            .groups
            .iter()
            .map(|g| (g.name.as_str(), g.rust_name.as_str()))
            .collect();
        Surface {
            format: FORMAT,
            title: api.title.clone(),
            version: api.version.clone(),
            host: Host {
                template: api.host.template.clone(),
                use_scheme_prefix: api.host.use_scheme_prefix,
                base_path: api.host.base_path.clone(),
                parameters: api
                    .host
                    .parameters
                    .iter()
                    .map(|p| parameter(p, &ty))
                    .collect(),
            },
            client_parameters: api
                .client_parameters
                .iter()
                .map(|p| parameter(p, &ty))
                .collect(),
            error_models: api.error_models.iter().map(ty).collect(),
            operations: api
                .operations
                .iter()
                .map(|op| Operation {
                    operation_id: op.operation_id.clone(),
                    method: op.method.clone(),
                    path: op.path.clone(),
                    query_constants: op.query_constants.clone(),
                    group: group_accessor
                        .get(op.group.as_str())
                        .map_or_else(|| crate::naming::value_name(&op.group), |s| s.to_string()),
                    rust_name: op.rust_name.clone(),
                    type_name: op.type_name.clone(),
                    deprecated: op.deprecated,
                    parameters: op.parameters.iter().map(|p| parameter(p, &ty)).collect(),
                    body: op.body.as_ref().map(|b| {
                        let mut body = body(b, &ty);
                        body.flattened = flattened_body(op);
                        body
                    }),
                    responses: op
                        .responses
                        .iter()
                        .chain(op.default_response.as_ref())
                        .map(|r| response(r, &ty))
                        .collect(),
                    pointer: op.pointer.clone(),
                    parameter_groups: op
                        .parameter_groups
                        .iter()
                        .map(|g| group_use(api, g))
                        .collect(),
                    pageable: op.paging.is_some(),
                    long_running: op.polling.as_ref().map(|p| LongRunning {
                        final_state_via: match p.final_state_via {
                            ir::FinalStateVia::AzureAsyncOperation => "azure-async-operation",
                            ir::FinalStateVia::Location => "location",
                            ir::FinalStateVia::OriginalUri => "original-uri",
                            ir::FinalStateVia::OperationLocation => "operation-location",
                        }
                        .to_string(),
                        result: p.result.as_ref().map(&ty),
                    }),
                })
                .collect(),
            models: api.models.iter().map(|m| model(m, &ty)).collect(),
        }
    }
}

fn parameter(p: &ir::Parameter, ty: &impl Fn(&ir::TypeRef) -> Ty) -> Parameter {
    Parameter {
        name: p.name.clone(),
        client_name: (p.client_name != p.name).then(|| p.client_name.clone()),
        rust_name: p.rust_name.clone(),
        location: location(p.location).to_string(),
        required: p.required,
        skip_url_encoding: p.skip_url_encoding,
        client_level: p.client_level,
        ty: ty(&p.ty),
        collection_format: p.collection_format.map(|c| {
            match c {
                ir::CollectionFormat::Csv => "csv",
                ir::CollectionFormat::Ssv => "ssv",
                ir::CollectionFormat::Tsv => "tsv",
                ir::CollectionFormat::Pipes => "pipes",
                ir::CollectionFormat::Multi => "multi",
            }
            .to_string()
        }),
        pointer: p.pointer.clone(),
    }
}

/// The `in` of a parameter, as the IR's JSON spells it.
pub fn location(l: ir::Location) -> &'static str {
    match l {
        ir::Location::Path => "path",
        ir::Location::Query => "query",
        ir::Location::Header => "header",
        ir::Location::Body => "body",
        ir::Location::Form => "form",
        ir::Location::Host => "host",
        ir::Location::Cookie => "cookie",
    }
}

fn body(b: &ir::RequestBody, ty: &impl Fn(&ir::TypeRef) -> Ty) -> Body {
    let (kind, body_ty, fields) = match &b.kind {
        ir::BodyKind::Json { ty: t } => ("json", Some(ty(t)), Vec::new()),
        ir::BodyKind::Binary => ("binary", None, Vec::new()),
        ir::BodyKind::Text => ("text", None, Vec::new()),
        ir::BodyKind::Form { fields } => ("form", None, fields.clone()),
        ir::BodyKind::Multipart { fields } => ("multipart", None, fields.clone()),
    };
    Body {
        rust_name: b.rust_name.clone(),
        required: b.required,
        kind: kind.to_string(),
        ty: body_ty,
        fields: fields.iter().map(|p| parameter(p, ty)).collect(),
        media_types: b.media_types.clone(),
        pointer: b.pointer.clone(),
        flattened: Vec::new(),
    }
}

fn group_use(api: &ir::Api, g: &ir::GroupUse) -> GroupUse {
    let group = api
        .parameter_groups
        .iter()
        .find(|p| p.name == g.group)
        .map_or_else(|| g.group.clone(), |p| p.rust_name.clone());
    GroupUse {
        group,
        rust_name: g.rust_name.clone(),
        required: g.required,
        members: g
            .members
            .iter()
            .map(|m| format!("{} -> {}", m.input, m.field))
            .collect(),
    }
}

fn flattened_body(op: &ir::Operation) -> Vec<String> {
    op.flattened_body.as_ref().map_or_else(Vec::new, |f| {
        f.fields
            .iter()
            .map(|f| {
                let optional = if f.required { "" } else { "?" };
                format!("{}{optional} -> {}", f.rust_name, f.field)
            })
            .collect()
    })
}

fn response(r: &ir::Response, ty: &impl Fn(&ir::TypeRef) -> Ty) -> Response {
    let status = match (r.status, &r.status_range) {
        (Some(code), _) => code.to_string(),
        (None, Some(range)) => range.to_ascii_uppercase(),
        (None, None) => "default".to_string(),
    };
    let body = r.body.as_ref().map(|b| match b {
        ir::ResponseBody::Json {
            ty: t, media_types, ..
        } => ResponseBody {
            kind: "json".to_string(),
            ty: Some(ty(t)),
            media_types: media_types.clone(),
        },
        ir::ResponseBody::Binary { media_types } => ResponseBody {
            kind: "binary".to_string(),
            ty: None,
            media_types: media_types.clone(),
        },
        ir::ResponseBody::Text { media_types } => ResponseBody {
            kind: "text".to_string(),
            ty: None,
            media_types: media_types.clone(),
        },
    });
    Response {
        status,
        answer: r.answer,
        rust_name: r.rust_name.clone(),
        body,
        headers: r
            .headers
            .iter()
            .map(|h| Header {
                name: h.name.clone(),
                rust_name: h.rust_name.clone(),
                ty: ty(&h.ty),
            })
            .collect(),
    }
}

fn model(m: &ir::Model, ty: &impl Fn(&ir::TypeRef) -> Ty) -> Model {
    let kind = match &m.kind {
        ir::ModelKind::Struct(s) => ModelKind::Struct {
            properties: s
                .properties
                .iter()
                .map(|p| Property {
                    name: p.name.clone(),
                    rust_name: p.rust_name.clone(),
                    ty: ty(&p.ty),
                    required: p.required,
                    nullable: p.nullable,
                })
                .collect(),
            additional_properties: s.additional_properties.as_ref().map(ty),
            discriminator: s.discriminator.as_ref().map(|d| Discriminator {
                property: d.property.clone(),
                mapping: d.mapping.clone(),
            }),
            flattened: s
                .flattened
                .iter()
                .map(|f| {
                    let fields: Vec<String> = f
                        .fields
                        .iter()
                        .map(|x| format!("{} -> {}", x.inner, x.property.rust_name))
                        .collect();
                    format!("{}: {}", f.property, fields.join(", "))
                })
                .collect(),
        },
        ir::ModelKind::Enum(e) => ModelKind::Enum {
            base: ty(&e.base),
            values: e
                .values
                .iter()
                .map(|v| EnumValue {
                    value: v.value.clone(),
                    rust_name: v.rust_name.clone(),
                })
                .collect(),
            open: e.open,
        },
        ir::ModelKind::Union(u) => ModelKind::Union {
            variants: u
                .variants
                .iter()
                .map(|v| UnionVariant {
                    rust_name: v.rust_name.clone(),
                    ty: ty(&v.ty),
                    discriminator_values: v.discriminator_values.clone(),
                })
                .collect(),
            discriminator: u.discriminator.clone(),
            exclusive: u.exclusive,
        },
        ir::ModelKind::Alias { ty: t } => ModelKind::Alias { ty: ty(t) },
    };
    Model {
        name: m.name.clone(),
        rust_name: m.rust_name.clone(),
        kind,
        pointer: m.pointer.clone(),
    }
}
