//! The rules: one catalogue ([`Rule`]) with each rule's stable id, severity, area and meaning,
//! and the comparisons that fire them, one module per area.

pub(crate) mod grouping;
pub(crate) mod host;
pub(crate) mod lro;
pub(crate) mod models;
pub(crate) mod operations;
pub(crate) mod parameters;
pub(crate) mod requests;
pub(crate) mod responses;

use serde::{Serialize, Serializer};

use super::report::{Change, Severity};
use super::ty::{Ty, TyChange};

/// What part of the API a rule is about; the markdown report groups changes by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// The client: host template, base path, client settings.
    Client,
    /// Operations as a whole.
    Operations,
    /// Parameters and the positional arguments they become.
    Parameters,
    /// Request bodies.
    RequestBodies,
    /// Responses: statuses, bodies, headers, error models.
    Responses,
    /// Models: structs, enums, aliases.
    Models,
}

impl Area {
    /// Every area, in report order.
    pub const ALL: [Area; 6] = [
        Area::Client,
        Area::Operations,
        Area::Parameters,
        Area::RequestBodies,
        Area::Responses,
        Area::Models,
    ];

    /// The heading of the area.
    pub fn title(self) -> &'static str {
        match self {
            Area::Client => "Client",
            Area::Operations => "Operations",
            Area::Parameters => "Parameters",
            Area::RequestBodies => "Request bodies",
            Area::Responses => "Responses",
            Area::Models => "Models",
        }
    }
}

macro_rules! rules {
    ($( $variant:ident = $id:literal, $severity:ident, $area:ident, $meaning:literal; )*) => {
        /// A diff rule. Its id (`operation-removed`) is stable: CI configurations and people
        /// refer to it. The list, with severities, is in the module docs of [`crate::diff`] and
        /// in `README.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Rule {
            $( #[doc = $meaning] $variant, )*
        }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &[Rule] = &[$(Rule::$variant),*];

            /// The stable id.
            pub fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            /// The severity of every change this rule reports.
            pub fn severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            /// The area it belongs to.
            pub fn area(self) -> Area {
                match self { $(Rule::$variant => Area::$area,)* }
            }

            /// What it means, in one sentence.
            pub fn meaning(self) -> &'static str {
                match self { $(Rule::$variant => $meaning,)* }
            }

            /// The rule with this id.
            pub fn from_id(id: &str) -> Option<Rule> {
                match id { $($id => Some(Rule::$variant),)* _ => None }
            }
        }
    };
}

rules! {
    HostTemplateChanged = "host-template-changed", Breaking, Client,
        "The host template (or whether `https://` is put in front of it) changed: the same client arguments reach another URL.";
    HostBasePathChanged = "host-base-path-changed", Breaking, Client,
        "The base path in front of every operation path changed.";

    OperationAdded = "operation-added", NonBreaking, Operations,
        "An operation is new: a new method on a sub-client.";
    OperationRemoved = "operation-removed", Breaking, Operations,
        "An operation is gone, and with it its method and request and response types.";
    OperationRenamed = "operation-renamed", Breaking, Operations,
        "The `operationId` changed, which renames the method (or moves it to another sub-client) and its request and response types.";
    OperationIdChanged = "operation-id-changed", Info, Operations,
        "The `operationId` changed but every Rust name made from it stayed the same.";
    OperationRustNameChanged = "operation-rust-name-changed", Breaking, Operations,
        "Same `operationId`, but the method, its sub-client or its type names changed (grouping by tag, `x-ms-client-name`).";
    OperationMoved = "operation-moved", Breaking, Operations,
        "Matched by `operationId`, the operation has another method, path or `x-ms-paths` query.";
    OperationDeprecationChanged = "operation-deprecation-changed", Info, Operations,
        "The operation was deprecated or is no longer deprecated.";
    OperationPagingChanged = "operation-paging-changed", Breaking, Operations,
        "The operation became pageable (`x-ms-pageable`: `send()` and `.await` give a `Pager` of its items) or stopped being (they give the first response): its return type changes.";
    OperationBecameLongRunning = "operation-became-long-running", Breaking, Operations,
        "The operation became long-running (`x-ms-long-running-operation`): awaiting its request now polls to the final result, of another type, instead of returning the response.";
    OperationNoLongerLongRunning = "operation-no-longer-long-running", Breaking, Operations,
        "The operation is no longer long-running: awaiting its request returns the response instead of the final result, and `poller()` is gone.";
    LongRunningResultTypeChanged = "long-running-result-type-changed", Breaking, Operations,
        "The final result of a long-running operation has another type.";
    LongRunningFinalStateChanged = "long-running-final-state-changed", Info, Operations,
        "`final-state-via` of a long-running operation changed: the final result is read elsewhere, with the same Rust type.";

    ParameterAddedRequired = "parameter-added-required", Breaking, Parameters,
        "A new required parameter: a new positional argument.";
    ParameterAddedOptional = "parameter-added-optional", NonBreaking, Parameters,
        "A new optional parameter: a new setter on the request builder (or the client builder).";
    ParameterRemoved = "parameter-removed", Breaking, Parameters,
        "A parameter is gone: an argument or setter disappears.";
    ParameterLocationChanged = "parameter-location-changed", Breaking, Parameters,
        "A parameter moved (query, header, path, form, host, cookie): the same call sends it elsewhere.";
    ParameterTypeChanged = "parameter-type-changed", Breaking, Parameters,
        "A parameter's type changed, and with it the Rust argument type.";
    ParameterFormatChanged = "parameter-format-changed", Info, Parameters,
        "A parameter's `format` changed but its Rust type did not.";
    ParameterBecameRequired = "parameter-became-required", Breaking, Parameters,
        "An optional parameter became required: a setter becomes a positional argument.";
    ParameterBecameOptional = "parameter-became-optional", Breaking, Parameters,
        "A required parameter became optional: a positional argument becomes a setter.";
    ParameterSkipEncodingChanged = "parameter-skip-encoding-changed", Breaking, Parameters,
        "`x-ms-skip-url-encoding` changed: the same value goes on the wire encoded differently.";
    ParameterClientNameChanged = "parameter-client-name-changed", Breaking, Parameters,
        "The client name (`x-ms-client-name`) of an optional parameter changed: its setter is renamed.";
    ParameterClientLevelChanged = "parameter-client-level-changed", Breaking, Parameters,
        "A parameter moved between the client (`x-ms-parameter-location: client`) and each call.";
    ParameterCollectionFormatChanged = "parameter-collection-format-changed", Breaking, Parameters,
        "An array parameter is joined differently on the wire (`csv`, `multi`, ...).";
    PathParameterRenamed = "path-parameter-renamed", Info, Parameters,
        "A path placeholder has another name at the same place (`{reference}` to `{digest}`): the wire is the same.";
    ArgumentRenamed = "argument-renamed", Info, Parameters,
        "A positional argument has another Rust name: callers pass arguments by position, so nothing breaks.";
    ArgumentOrderChanged = "argument-order-changed", Breaking, Parameters,
        "Positional arguments that stayed are in another order: calls still compile but pass values to the wrong parameters.";
    ParameterGroupingChanged = "parameter-grouping-changed", Breaking, Parameters,
        "The parameters an operation takes through a parameter group (`x-ms-parameter-grouping`) changed: a group struct replaces arguments or setters (or gives them back), or its name, its members or whether it is an argument changed.";
    BuiltinHeaderChanged = "builtin-header-changed", Info, Parameters,
        "An optional `Accept` or `Content-Type` header parameter came or went: the request builder's built-in `accept(..)` or `content_type(..)` setter stands in, so the Rust API is the same.";

    RequestBodyAddedRequired = "request-body-added-required", Breaking, RequestBodies,
        "A required request body is new: a new positional argument.";
    RequestBodyAddedOptional = "request-body-added-optional", NonBreaking, RequestBodies,
        "An optional request body is new: a new setter.";
    RequestBodyRemoved = "request-body-removed", Breaking, RequestBodies,
        "The request body is gone.";
    RequestBodyKindChanged = "request-body-kind-changed", Breaking, RequestBodies,
        "The request body is encoded another way (JSON, binary, text, form, multipart).";
    RequestBodyTypeChanged = "request-body-type-changed", Breaking, RequestBodies,
        "The type of a JSON request body changed.";
    RequestBodyFormatChanged = "request-body-format-changed", Info, RequestBodies,
        "The `format` of a request body changed but its Rust type did not.";
    RequestBodyBecameRequired = "request-body-became-required", Breaking, RequestBodies,
        "The request body became required: a setter becomes a positional argument.";
    RequestBodyBecameOptional = "request-body-became-optional", Breaking, RequestBodies,
        "The request body became optional: a positional argument becomes a setter.";
    RequestBodyFlatteningChanged = "request-body-flattening-changed", Breaking, RequestBodies,
        "The request body became, or stopped being, given field by field (`x-ms-client-flatten`), or its field arguments and setters changed.";
    RequestMediaTypeAdded = "request-media-type-added", NonBreaking, RequestBodies,
        "The request body may be sent as one more media type.";
    RequestMediaTypeRemoved = "request-media-type-removed", Breaking, RequestBodies,
        "A media type the request body could be sent as is gone (or is no longer the default).";

    ResponseStatusAdded = "response-status-added", Breaking, Responses,
        "A new success status: a new variant of the exhaustive response enum (or the response struct becomes an enum).";
    ResponseStatusRemoved = "response-status-removed", Breaking, Responses,
        "A success status is gone, with its response variant and type.";
    ResponseStatusChanged = "response-status-changed", Info, Responses,
        "The only success status changed (`200` to `201`): the response type stays the same; the client reads the new status (a client generated before fails on it).";
    ResponseBodyAdded = "response-body-added", NonBreaking, Responses,
        "A success response has a body now: a new `body` field.";
    ResponseBodyRemoved = "response-body-removed", Breaking, Responses,
        "A success response has no body any more.";
    ResponseBodyTypeChanged = "response-body-type-changed", Breaking, Responses,
        "The body of a success response has another kind or type.";
    ResponseBodyFormatChanged = "response-body-format-changed", Info, Responses,
        "The `format` of a response body changed but its Rust type did not.";
    ResponseMediaTypeAdded = "response-media-type-added", Info, Responses,
        "A response may come as one more media type.";
    ResponseMediaTypeRemoved = "response-media-type-removed", Info, Responses,
        "A media type a response could come as is gone.";
    ResponseHeaderAdded = "response-header-added", NonBreaking, Responses,
        "A success response has a new typed header: a new field.";
    ResponseHeaderRemoved = "response-header-removed", Breaking, Responses,
        "A typed header of a success response is gone, with its field.";
    ResponseHeaderTypeChanged = "response-header-type-changed", Breaking, Responses,
        "A typed header has another type, and its field another Rust type.";
    ResponseHeaderFormatChanged = "response-header-format-changed", Info, Responses,
        "A header's `format` changed but its Rust type did not.";
    ErrorStatusAdded = "error-status-added", Info, Responses,
        "A new error status (4xx, 5xx, `default`): still an `Error` in the generated crate.";
    ErrorStatusRemoved = "error-status-removed", Info, Responses,
        "An error status is no longer documented.";
    ErrorBodyChanged = "error-body-changed", Info, Responses,
        "The body of an error status has another kind or type (the error models themselves are compared by `error-model-*`).";
    ErrorModelAdded = "error-model-added", Breaking, Responses,
        "A new error model: a new variant of the exhaustive `ErrorModel` enum.";
    ErrorModelRemoved = "error-model-removed", Breaking, Responses,
        "An error model is gone, with its `ErrorModel` variant.";

    ModelAdded = "model-added", NonBreaking, Models,
        "A new model: a new type in `models`.";
    ModelRemoved = "model-removed", Breaking, Models,
        "A model is gone, with its type.";
    ModelRustNameChanged = "model-rust-name-changed", Breaking, Models,
        "A model keeps its spec name but its Rust type is renamed (`x-ms-client-name`).";
    ModelKindChanged = "model-kind-changed", Breaking, Models,
        "A model changed between struct, enum and alias.";
    ModelTypeChanged = "model-type-changed", Breaking, Models,
        "The type an alias stands for, the value type of an enum, or the type of a union alternative changed.";
    ModelFormatChanged = "model-format-changed", Info, Models,
        "The `format` of an alias, enum or union alternative changed but its Rust type did not.";
    ModelPropertyAddedRequired = "model-property-added-required", Breaking, Models,
        "A new required property: a new non-`Option` field that every request must set.";
    ModelPropertyAddedOptional = "model-property-added-optional", NonBreaking, Models,
        "A new optional property: a new `Option` field (struct literals that name every field need `..Default::default()`).";
    ModelPropertyRemoved = "model-property-removed", Breaking, Models,
        "A property is gone, with its field.";
    ModelPropertyTypeChanged = "model-property-type-changed", Breaking, Models,
        "A property's type changed, and its field's Rust type.";
    ModelPropertyFormatChanged = "model-property-format-changed", Info, Models,
        "A property's `format` changed but its Rust type did not.";
    ModelPropertyBecameRequired = "model-property-became-required", Breaking, Models,
        "An optional property became required (its field is no longer an `Option`, unless nullable).";
    ModelPropertyBecameOptional = "model-property-became-optional", Breaking, Models,
        "A required property became optional (its field becomes an `Option`).";
    ModelPropertyNullableChanged = "model-property-nullable-changed", Breaking, Models,
        "A required property became nullable or stopped being: its field becomes or stops being an `Option`.";
    ModelPropertyClientNameChanged = "model-property-client-name-changed", Breaking, Models,
        "A property keeps its wire name but its field is renamed (`x-ms-client-name`).";
    ModelAdditionalPropertiesChanged = "model-additional-properties-changed", Breaking, Models,
        "`additionalProperties` was added, removed or has another value type: the map field changes.";
    ModelFlatteningChanged = "model-flattening-changed", Breaking, Models,
        "A property became, or stopped being, flattened into its model (`x-ms-client-flatten`), or the fields it brings changed: fields move between the model and the nested one.";
    EnumValueAdded = "enum-value-added", Breaking, Models,
        "A new enum value (or union alternative): a new variant of an exhaustive Rust enum.";
    EnumValueRemoved = "enum-value-removed", Breaking, Models,
        "An enum value (or union alternative) is gone, with its variant.";
    EnumVariantRenamed = "enum-variant-renamed", Breaking, Models,
        "An enum value keeps its wire value but its variant is renamed.";
    EnumOpennessChanged = "enum-openness-changed", Breaking, Models,
        "An enum became open (`modelAsString`: an `Other` variant is added) or closed (it is removed).";
    DiscriminatorChanged = "discriminator-changed", Breaking, Models,
        "A discriminator was added, removed, or reads another property: the model changes between a struct and an enum over its children (or a union decodes differently).";
    DiscriminatorValueAdded = "discriminator-value-added", Breaking, Models,
        "A new discriminator value: a new variant of the polymorphic enum (or another value selecting a union alternative).";
    DiscriminatorValueRemoved = "discriminator-value-removed", Breaking, Models,
        "A discriminator value is gone (or maps to another model).";
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

/// Where changes are collected, in the order they are found.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub changes: Vec<Change>,
}

impl Sink {
    pub fn push(&mut self, change: Change) {
        self.changes.push(change);
    }
}

/// Picks the rule for a type change: `changed` when the Rust type differs, `format` when only a
/// format that maps to the same Rust type does; `None` when the types are equal.
pub(crate) fn type_rule(old: &Ty, new: &Ty, changed: Rule, format: Rule) -> Option<Rule> {
    match old.compare(new) {
        TyChange::Same => None,
        TyChange::FormatOnly => Some(format),
        TyChange::Different => Some(changed),
    }
}

/// `text` as inline code in a message.
pub(crate) fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}
