//! Spec drift: what a change between two API documents does to the generated Rust API.
//!
//! [`diff`] compares two lowered APIs (any mix of Swagger 2.0 and OpenAPI 3.x) through their
//! public [`Surface`]: the part of the IR that decides the generated crate's public items and what
//! they send. It is pure and deterministic: the same inputs give the same [`Report`], byte for
//! byte, as JSON (`Serialize`, [`Report::to_json`]) or Markdown ([`Report::to_markdown`]).
//!
//! - [`matching`]: which old operation is which new one (method + path template with placeholder
//!   names dropped + `x-ms-paths` query constants, then `operationId`), and which parameter is
//!   which.
//! - `rules/*`: the comparisons, one module per area; [`Rule`] is the catalogue.
//! - [`items`]: the public Rust item a change touches (`blob().upload(..)`,
//!   `models::TagAttributes::digest`), from the IR's Rust names.
//! - [`baseline`]: a [`Surface`] as committed, reviewable JSON (`specs/baselines/<crate>.json`),
//!   so CI can run the same rules against the last accepted public API.
//!
//! # Severities
//!
//! A change is judged by its effect on users of the generated crate. `breaking`: code written
//! against the old crate stops compiling, or still compiles but sends or reads something else
//! (a renamed method, a new positional argument, a parameter that moved to a header). The
//! generated enums (response enums, model enums, `ErrorModel`) are exhaustive, so a new variant
//! is breaking too. `non-breaking`: additive (a new method, setter, optional field, header).
//! `info`: no effect on the Rust API or the wire (a renamed positional argument, a `format`
//! that maps to the same Rust type, an error status, which is an `Error` either way).
//!
//! # Rules
//!
//! | rule | severity | meaning |
//! |---|---|---|
//! | `host-template-changed` | breaking | The host template (or whether `https://` is put in front of it) changed: the same client arguments reach another URL. |
//! | `host-base-path-changed` | breaking | The base path in front of every operation path changed. |
//! | `operation-added` | non-breaking | An operation is new: a new method on a sub-client. |
//! | `operation-removed` | breaking | An operation is gone, and with it its method and request and response types. |
//! | `operation-renamed` | breaking | The `operationId` changed, which renames the method (or moves it to another sub-client) and its request and response types. |
//! | `operation-id-changed` | info | The `operationId` changed but every Rust name made from it stayed the same. |
//! | `operation-rust-name-changed` | breaking | Same `operationId`, but the method, its sub-client or its type names changed (grouping by tag, `x-ms-client-name`). |
//! | `operation-moved` | breaking | Matched by `operationId`, the operation has another method, path or `x-ms-paths` query. |
//! | `operation-deprecation-changed` | info | The operation was deprecated or is no longer deprecated. |
//! | `operation-paging-changed` | breaking | The operation became pageable (`x-ms-pageable`: `send()` and `.await` give a `Pager` of its items) or stopped being (they give the first response): its return type changes. |
//! | `operation-became-long-running` | breaking | The operation became long-running (`x-ms-long-running-operation`): awaiting its request now polls to the final result, of another type, instead of returning the response. |
//! | `operation-no-longer-long-running` | breaking | The operation is no longer long-running: awaiting its request returns the response instead of the final result, and `poller()` is gone. |
//! | `long-running-result-type-changed` | breaking | The final result of a long-running operation has another type. |
//! | `long-running-final-state-changed` | info | `final-state-via` of a long-running operation changed: the final result is read elsewhere, with the same Rust type. |
//! | `parameter-added-required` | breaking | A new required parameter: a new positional argument. |
//! | `parameter-added-optional` | non-breaking | A new optional parameter: a new setter on the request builder (or the client builder). |
//! | `parameter-removed` | breaking | A parameter is gone: an argument or setter disappears. |
//! | `parameter-location-changed` | breaking | A parameter moved (query, header, path, form, host, cookie): the same call sends it elsewhere. |
//! | `parameter-type-changed` | breaking | A parameter's type changed, and with it the Rust argument type. |
//! | `parameter-format-changed` | info | A parameter's `format` changed but its Rust type did not. |
//! | `parameter-became-required` | breaking | An optional parameter became required: a setter becomes a positional argument. |
//! | `parameter-became-optional` | breaking | A required parameter became optional: a positional argument becomes a setter. |
//! | `parameter-skip-encoding-changed` | breaking | `x-ms-skip-url-encoding` changed: the same value goes on the wire encoded differently. |
//! | `parameter-client-name-changed` | breaking | The client name (`x-ms-client-name`) of an optional parameter changed: its setter is renamed. |
//! | `parameter-client-level-changed` | breaking | A parameter moved between the client (`x-ms-parameter-location: client`) and each call. |
//! | `parameter-collection-format-changed` | breaking | An array parameter is joined differently on the wire (`csv`, `multi`, ...). |
//! | `path-parameter-renamed` | info | A path placeholder has another name at the same place (`{reference}` to `{digest}`): the wire is the same. |
//! | `argument-renamed` | info | A positional argument has another Rust name: callers pass arguments by position, so nothing breaks. |
//! | `argument-order-changed` | breaking | Positional arguments that stayed are in another order: calls still compile but pass values to the wrong parameters. |
//! | `parameter-grouping-changed` | breaking | The parameters an operation takes through a parameter group (`x-ms-parameter-grouping`) changed: a group struct replaces arguments or setters (or gives them back), or its name, its members or whether it is an argument changed. |
//! | `builtin-header-changed` | info | An optional `Accept` or `Content-Type` header parameter came or went: the request builder's built-in `accept(..)` or `content_type(..)` setter stands in, so the Rust API is the same. |
//! | `request-body-added-required` | breaking | A required request body is new: a new positional argument. |
//! | `request-body-added-optional` | non-breaking | An optional request body is new: a new setter. |
//! | `request-body-removed` | breaking | The request body is gone. |
//! | `request-body-kind-changed` | breaking | The request body is encoded another way (JSON, binary, text, form, multipart). |
//! | `request-body-type-changed` | breaking | The type of a JSON request body changed. |
//! | `request-body-format-changed` | info | The `format` of a request body changed but its Rust type did not. |
//! | `request-body-became-required` | breaking | The request body became required: a setter becomes a positional argument. |
//! | `request-body-became-optional` | breaking | The request body became optional: a positional argument becomes a setter. |
//! | `request-body-flattening-changed` | breaking | The request body became, or stopped being, given field by field (`x-ms-client-flatten`), or its field arguments and setters changed. |
//! | `request-media-type-added` | non-breaking | The request body may be sent as one more media type. |
//! | `request-media-type-removed` | breaking | A media type the request body could be sent as is gone (or is no longer the default). |
//! | `response-status-added` | breaking | A new success status: a new variant of the exhaustive response enum (or the response struct becomes an enum). |
//! | `response-status-removed` | breaking | A success status is gone, with its response variant and type. |
//! | `response-status-changed` | info | The only success status changed (`200` to `201`): the response type stays the same; the client reads the new status (a client generated before fails on it). |
//! | `response-body-added` | non-breaking | A success response has a body now: a new `body` field. |
//! | `response-body-removed` | breaking | A success response has no body any more. |
//! | `response-body-type-changed` | breaking | The body of a success response has another kind or type. |
//! | `response-body-format-changed` | info | The `format` of a response body changed but its Rust type did not. |
//! | `response-media-type-added` | info | A response may come as one more media type. |
//! | `response-media-type-removed` | info | A media type a response could come as is gone. |
//! | `response-header-added` | non-breaking | A success response has a new typed header: a new field. |
//! | `response-header-removed` | breaking | A typed header of a success response is gone, with its field. |
//! | `response-header-type-changed` | breaking | A typed header has another type, and its field another Rust type. |
//! | `response-header-format-changed` | info | A header's `format` changed but its Rust type did not. |
//! | `error-status-added` | info | A new error status (4xx, 5xx, `default`): still an `Error` in the generated crate. |
//! | `error-status-removed` | info | An error status is no longer documented. |
//! | `error-body-changed` | info | The body of an error status has another kind or type (the error models themselves are compared by `error-model-*`). |
//! | `error-model-added` | breaking | A new error model: a new variant of the exhaustive `ErrorModel` enum. |
//! | `error-model-removed` | breaking | An error model is gone, with its `ErrorModel` variant. |
//! | `model-added` | non-breaking | A new model: a new type in `models`. |
//! | `model-removed` | breaking | A model is gone, with its type. |
//! | `model-rust-name-changed` | breaking | A model keeps its spec name but its Rust type is renamed (`x-ms-client-name`). |
//! | `model-kind-changed` | breaking | A model changed between struct, enum and alias. |
//! | `model-type-changed` | breaking | The type an alias stands for, the value type of an enum, or the type of a union alternative changed. |
//! | `model-format-changed` | info | The `format` of an alias, enum or union alternative changed but its Rust type did not. |
//! | `model-property-added-required` | breaking | A new required property: a new non-`Option` field that every request must set. |
//! | `model-property-added-optional` | non-breaking | A new optional property: a new `Option` field (struct literals that name every field need `..Default::default()`). |
//! | `model-property-removed` | breaking | A property is gone, with its field. |
//! | `model-property-type-changed` | breaking | A property's type changed, and its field's Rust type. |
//! | `model-property-format-changed` | info | A property's `format` changed but its Rust type did not. |
//! | `model-property-became-required` | breaking | An optional property became required (its field is no longer an `Option`, unless nullable). |
//! | `model-property-became-optional` | breaking | A required property became optional (its field becomes an `Option`). |
//! | `model-property-nullable-changed` | breaking | A required property became nullable or stopped being: its field becomes or stops being an `Option`. |
//! | `model-property-client-name-changed` | breaking | A property keeps its wire name but its field is renamed (`x-ms-client-name`). |
//! | `model-additional-properties-changed` | breaking | `additionalProperties` was added, removed or has another value type: the map field changes. |
//! | `model-flattening-changed` | breaking | A property became, or stopped being, flattened into its model (`x-ms-client-flatten`), or the fields it brings changed: fields move between the model and the nested one. |
//! | `enum-value-added` | breaking | A new enum value (or union alternative): a new variant of an exhaustive Rust enum. |
//! | `enum-value-removed` | breaking | An enum value (or union alternative) is gone, with its variant. |
//! | `enum-variant-renamed` | breaking | An enum value keeps its wire value but its variant is renamed. |
//! | `enum-openness-changed` | breaking | An enum became open (`modelAsString`: an `Other` variant is added) or closed (it is removed). |
//! | `discriminator-changed` | breaking | A discriminator was added, removed, or reads another property: the model changes between a struct and an enum over its children (or a union decodes differently). |
//! | `discriminator-value-added` | breaking | A new discriminator value: a new variant of the polymorphic enum (or another value selecting a union alternative). |
//! | `discriminator-value-removed` | breaking | A discriminator value is gone (or maps to another model). |

pub mod baseline;
pub mod items;
pub mod markdown;
pub mod matching;
pub mod report;
pub mod rules;
pub mod surface;
pub mod ty;

pub use report::{Change, Report, Severity};
pub use rules::{Area, Rule};
pub use surface::Surface;

use crate::ir::Api;
use rules::Sink;

/// Compares two lowered APIs.
pub fn diff(old: &Api, new: &Api) -> Report {
    diff_surfaces(&Surface::of(old), &Surface::of(new))
}

/// Compares two surfaces (a baseline with a spec, or two specs).
pub fn diff_surfaces(old: &Surface, new: &Surface) -> Report {
    let mut sink = Sink::default();
    rules::host::compare(old, new, &mut sink);
    let matched = matching::operations(old, new);
    let removed = rules::operations::removed(&matched, &mut sink);
    let mut renamed = Vec::new();
    for pair in &matched.pairs {
        renamed.extend(rules::operations::pair(pair, &mut sink));
        rules::parameters::pair(pair, &mut sink);
        rules::requests::pair(pair, &mut sink);
        rules::grouping::pair(pair, &mut sink);
        rules::responses::pair(pair, &mut sink);
        rules::lro::pair(pair, &mut sink);
    }
    let added = rules::operations::added(&matched, &mut sink);
    rules::responses::error_models(&old.error_models, &new.error_models, &mut sink);
    rules::models::compare(old, new, &mut sink);
    rules::grouping::models(old, new, &mut sink);
    let operations = report::Operations {
        added,
        removed,
        renamed,
    };
    Report::new(old, new, operations, sink.changes)
}

#[cfg(test)]
mod tests;
