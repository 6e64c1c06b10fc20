//! The normalized intermediate representation (IR).
//!
//! Every input format (Swagger 2.0, OpenAPI 3.0, OpenAPI 3.1) is lowered into these types, and the
//! emitter reads nothing else. The IR is plain data: every type derives `Serialize`, `cargo xtask ir`
//! prints it as JSON, and its snapshot shows whether a bug is in lowering or in emission.
//!
//! Wire facts (`name`, `location`, `skip_url_encoding`, media types, status codes) are kept apart
//! from Rust names (`rust_name`, `client_name`): a client name never changes what goes on the wire.
//! All Rust identifiers in here were made by [`crate::naming`]; the emitter never invents names.
//!
//! The part of this shape that tools read is documented in `ARCHITECTURE.md` and kept stable:
//! `host.template`, `host.parameters`, and `operations[]` with `operation_id`, `method`, `path`,
//! `query_constants` and `parameters[]` (`name`, `client_name`, `location`, `required`,
//! `skip_url_encoding`).

use indexmap::IndexMap;
use serde::Serialize;

/// Models lowered inside one another (in practice: `allOf` levels) at most: the lowering
/// refuses a deeper document.
pub const MAX_DEPTH: usize = 64;

/// Types nested in one another (`array` items, map values) at most.
pub const MAX_TYPE_DEPTH: usize = 32;

/// `ty` through aliases: the type at the end of its chain of alias models, calling `each` with
/// every alias passed on the way, in order. `model` finds a model by its IR name; `models` is
/// how many there are, which bounds the walk (the lowering leaves no alias cycle:
/// `lower/alias_cycles.rs`). The one walk of alias chains, for the lowering and the emitter.
pub(crate) fn unaliased<'m>(
    ty: &'m TypeRef,
    models: usize,
    model: impl Fn(&str) -> Option<&'m Model>,
    mut each: impl FnMut(&'m Model),
) -> &'m TypeRef {
    let mut ty = ty;
    for _ in 0..=models {
        let TypeRef::Model { name } = ty else {
            break;
        };
        match model(name) {
            Some(
                alias @ Model {
                    kind: ModelKind::Alias { ty: target },
                    ..
                },
            ) => {
                each(alias);
                ty = target;
            }
            _ => break,
        }
    }
    ty
}

/// [`unaliased`] over the models of a lowering (found by name in `models`), for the checks
/// that run before the emitter's model index exists.
pub(crate) fn unaliased_in<'m>(ty: &'m TypeRef, models: &'m [Model]) -> &'m TypeRef {
    let model = |name: &str| models.iter().find(|m| m.name == name);
    unaliased(ty, models.len(), model, |_| {})
}

/// The `{name}` placeholders of a template ([`Operation::path`], [`Host::template`]), in
/// order.
pub(crate) fn placeholders(template: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.push(rest[start + 1..start + len].to_owned());
        rest = &rest[start + len + 1..];
    }
    out
}

/// A whole API, lowered.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Api {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
    /// `info.description`, if any.
    pub description: Option<String>,
    /// Which document format this came from.
    pub source_format: SourceFormat,
    /// How the client finds its server.
    pub host: Host,
    /// Security schemes the document declares, in document order.
    pub security: Vec<SecurityScheme>,
    /// Client-level parameters that are not host parameters (`x-ms-parameter-location: client`
    /// on a path, query or header parameter): set once on the client, sent by every operation
    /// whose `parameters` list them with `client_level: true`. Deduplicated by wire name and
    /// location, in order of first use.
    pub client_parameters: Vec<Parameter>,
    /// Every operation, in document order (`paths` first, then `x-ms-paths`).
    pub operations: Vec<Operation>,
    /// Operation groups, in order of first appearance. Every operation's `group` names one of these.
    pub groups: Vec<Group>,
    /// Every named model (definitions and synthesized inline schemas), in a stable order.
    pub models: Vec<Model>,
    /// The error models: the bodies of `default` responses and of documented 4xx/5xx responses,
    /// deduplicated, in order of first use.
    pub error_models: Vec<TypeRef>,
    /// Constructs that were seen but not supported, each with the JSON pointer where it was found.
    pub warnings: Vec<Warning>,
    /// `x-ms-parameter-grouping`: the structs that carry grouped parameters, in order of first
    /// use. Operations take them through [`Operation::parameter_groups`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_groups: Vec<ParameterGroup>,
    /// When a [`crate::filter::Filter`] kept only part of the API: the filter and what it kept.
    /// `None` for a whole API (and then left out of the JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subset: Option<Subset>,
}

/// The part of an API a filter kept ([`crate::filter`]).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Subset {
    /// The filter, as given.
    pub filter: crate::filter::Filter,
    /// How many operations the whole API has.
    pub operations_total: usize,
    /// How many were kept (`Api::operations`), next-page operations included.
    pub operations_kept: usize,
    /// The `operationId`s kept only as the next-page operations of kept pageable operations,
    /// in document order.
    pub next_operations: Vec<String>,
    /// How many models the whole API has.
    pub models_total: usize,
    /// How many the kept operations reach (`Api::models`).
    pub models_kept: usize,
    /// The bases kept only as the `allOf` ancestors of kept models, whose other kinds were
    /// left out (their `children` and discriminator `mapping` name only kept models), in order.
    pub narrowed: Vec<String>,
}

/// The input format of a document.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    /// `swagger: "2.0"`.
    Swagger2,
    /// `openapi: 3.0.x`.
    OpenApi30,
    /// `openapi: 3.1.x`.
    OpenApi31,
}

/// The server a client talks to.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Host {
    /// The base URL template, with `{param}` placeholders for `parameters`, and without a trailing
    /// `/` or the base path. `{url}` for ACR (`x-ms-parameterized-host` with
    /// `useSchemePrefix: false`); `https://example.com` for a plain Swagger `host`.
    pub template: String,
    /// When true, `https://` is put in front of the substituted template unless it already has a
    /// scheme (`x-ms-parameterized-host.useSchemePrefix`, default true). Plain templates that
    /// already carry their scheme set this to false.
    pub use_scheme_prefix: bool,
    /// The base path (`basePath` in Swagger 2.0) that is put between the host and every operation
    /// path. Empty or starting with `/`, never ending with `/`.
    pub base_path: String,
    /// Host parameters (location `host`), in this order. Those with `client_level: true` (the
    /// default) are client settings, positional in the client constructor; any others are
    /// per-call and also appear in each operation's `parameters` (at the position that
    /// `position_in_operation` gives).
    pub parameters: Vec<Parameter>,
    /// `x-ms-parameterized-host.positionInOperation`: where per-call host parameters go among an
    /// operation's parameters (`first`, the default, or `last`).
    pub position_in_operation: String,
    /// Other servers the document lists (OpenAPI 3 `servers[1..]`), documented only.
    pub alternatives: Vec<String>,
}

/// A security scheme, as declared.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SecurityScheme {
    /// The scheme's key in `securityDefinitions` / `components.securitySchemes`.
    pub name: String,
    /// What kind of credential it needs.
    pub kind: SecuritySchemeKind,
    /// Its description, if any.
    pub description: Option<String>,
}

/// The kinds of security scheme.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SecuritySchemeKind {
    /// HTTP basic.
    Basic,
    /// HTTP bearer.
    Bearer,
    /// An API key in a header, query parameter or cookie.
    ApiKey {
        /// Where the key goes (`header`, `query`, `cookie`).
        location: String,
        /// The header or parameter name.
        parameter: String,
    },
    /// OAuth2 (any flow).
    #[serde(rename = "oauth2")]
    OAuth2 {
        /// Token URL, if a flow gives one.
        token_url: Option<String>,
        /// The scopes the document's security requirements (its own and its operations') ask
        /// of this scheme, in order of first use: what the client asks its `TokenCredential`
        /// for.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        scopes: Vec<String>,
    },
}

/// A group of operations: a sub-client in the generated crate.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Group {
    /// The group name as derived from the spec (`Blob` from `Blob_Upload`, or a tag).
    pub name: String,
    /// The accessor method on the client (`blob`).
    pub rust_name: String,
    /// The sub-client type (`BlobClient`).
    pub type_name: String,
}

/// One HTTP operation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Operation {
    /// `operationId` as in the spec, or synthesized from method and path when the spec has none.
    pub operation_id: String,
    /// True when `operation_id` was synthesized.
    pub synthesized_id: bool,
    /// The name of the [`Group`] this operation belongs to.
    pub group: String,
    /// The method on the group's sub-client (`start_upload`).
    pub rust_name: String,
    /// The type-name stem for this operation's request builder and response (`BlobStartUpload`).
    pub type_name: String,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path template, relative to the host, without any `?` suffix (`/v2/{name}/blobs/uploads/`).
    pub path: String,
    /// Constant query parameters from an `x-ms-paths` key suffix (`?mode=resumable`), sent on the wire
    /// as a real query, in order.
    pub query_constants: IndexMap<String, String>,
    /// `summary`, if any.
    pub summary: Option<String>,
    /// `description`, if any.
    pub description: Option<String>,
    /// `deprecated: true`.
    pub deprecated: bool,
    /// `tags`, as given.
    pub tags: Vec<String>,
    /// Parameters sent by this operation (path, query, header, cookie, and per-call host
    /// parameters), in spec order: path-level parameters first, then operation-level ones.
    /// Client-level ones (`client_level: true`) take their value from the client, not from the
    /// caller. Client-level host parameters are only on [`Host`]. Form fields and the body are in
    /// [`Operation::body`].
    pub parameters: Vec<Parameter>,
    /// The request body, if any.
    pub body: Option<RequestBody>,
    /// Documented non-default responses, in status order as written.
    pub responses: Vec<Response>,
    /// The `default` response: the error shape.
    pub default_response: Option<Response>,
    /// Media types the request body may be sent as (`consumes`, operation over document level).
    pub consumes: Vec<String>,
    /// Media types the response may come as (`produces`, operation over document level), led by
    /// the media types that a polymorphic success model's kinds name as discriminator values.
    pub produces: Vec<String>,
    /// Names of the security schemes that apply to this operation (its own `security` when given,
    /// else the document's); empty when none apply.
    pub security: Vec<String>,
    /// JSON pointer of the operation in its document (`#/paths/~1v2~1/get`).
    pub pointer: String,
    /// `x-ms-parameter-grouping`: the parameter groups this operation takes instead of some of
    /// its inputs, in order of first member.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parameter_groups: Vec<GroupUse>,
    /// `x-ms-client-flatten` on a JSON body parameter: the caller gives the body model's fields
    /// one by one (arguments and setters) instead of the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flattened_body: Option<FlattenedBody>,
    /// `x-ms-pageable`: the operation answers with one page of a list, and this says how to
    /// get the others. `None` for other operations (and then left out of the JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
    /// `x-ms-long-running-operation: true`: how the client polls it to its end and where the
    /// final result is read. `None` for ordinary operations.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub polling: Option<Polling>,
    /// The spec's own examples of this operation (`x-ms-examples`, OpenAPI 3 `example`/
    /// `examples`), in document order. Filled only when examples are asked for
    /// (`LoadOptions::examples`); left out of the JSON when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<Example>,
}

/// A struct of parameters (`x-ms-parameter-grouping`), shared by the operations that name it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ParameterGroup {
    /// The group's name: `x-ms-parameter-grouping.name`, else AutoRest's
    /// `<group><operation><postfix or "Parameters">`.
    pub name: String,
    /// The Rust type name (`FirstParameterGroup`), claimed among the models.
    pub rust_name: String,
    /// Its fields: the union of its members over every operation that uses it, in order of
    /// first use.
    pub fields: Vec<GroupField>,
    /// JSON pointer of its first member.
    pub pointer: String,
}

/// One field of a [`ParameterGroup`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupField {
    /// The member's wire name (a flattened body field's property name).
    pub name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Required by some operation that uses the group: the field is not an `Option`.
    pub required: bool,
    /// The member is the JSON body (the field holds the body's value).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub body: bool,
    /// Its description, if any.
    pub description: Option<String>,
}

/// An operation's use of a [`ParameterGroup`]: one argument (required when a member is) or
/// setter that stands for some of its inputs.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupUse {
    /// The group's [`ParameterGroup::name`].
    pub group: String,
    /// The argument or setter name.
    pub rust_name: String,
    /// Some member is required here: the group is a positional argument.
    pub required: bool,
    /// The inputs it carries.
    pub members: Vec<GroupMember>,
}

/// One input of an operation carried by a group.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GroupMember {
    /// The input's Rust name in the operation (a parameter's, the body's, or a flattened body
    /// field's `rust_name`).
    pub input: String,
    /// The group field that holds it.
    pub field: String,
}

/// A JSON body given field by field (`x-ms-client-flatten` on the body parameter).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FlattenedBody {
    /// The body's model (a struct).
    pub model: String,
    /// The model's fields the caller gives, in the model's order; the others (read-only
    /// ones) are left unset.
    pub fields: Vec<BodyField>,
}

/// One field of a [`FlattenedBody`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BodyField {
    /// The argument or setter name in the operation.
    pub rust_name: String,
    /// The model's field it sets (its Rust name there).
    pub field: String,
    /// The property's wire name.
    pub name: String,
    /// Its type.
    pub ty: TypeRef,
    /// The model's field is not an `Option`: a positional argument.
    pub required: bool,
    /// Its description, if any.
    pub description: Option<String>,
}

/// How a pageable operation's list continues (`x-ms-pageable`), checked against its page
/// model when lowered.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Paging {
    /// The model of a page: the body of the operation's success response.
    pub page_model: String,
    /// The wire name of the page's array property that holds the items (`itemName`, default
    /// `value`).
    pub item_name: String,
    /// The wire names of the struct properties from the page to the object that holds
    /// `item_name` (Blob's `Segment`), when the items are not on the page itself.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub item_path: Vec<String>,
    /// The wire name of the page's string property that holds the next page's link
    /// (`nextLinkName`: `nextLink`, `odata.nextLink`); `None` when the list is one page
    /// (`nextLinkName: null`). A missing, `null` or empty link ends the list.
    pub next_link_name: Option<String>,
    /// The `operationId` of the operation that fetches the next pages (`operationName`), when
    /// it is another one; otherwise the next page is a `GET` of the link.
    pub next_operation: Option<String>,
    /// The wire name of the next operation's path parameter that takes the link; `None` when
    /// that operation has none (the link then only says that there is a next page).
    pub next_link_parameter: Option<String>,
    /// The query parameters whose values from the first request replace those of a next link
    /// (compared without case; AutoRest re-applies the client's `api-version`), in order.
    pub reapplied_query: Vec<String>,
    /// True when the host has parameters, and a relative next link is resolved against the
    /// host URL made from the first request's host values (a link on another scheme, host or
    /// port is refused).
    pub host_reapplied: bool,
    /// The tokens that ask for the next page when it is not a link (continuation paging): the
    /// next page is the same request with each token the page gives as a query parameter, and
    /// the list ends at a page without any. Empty for link paging; when set, `next_link_name`
    /// and `next_operation` are `None`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub continuation: Vec<ContinuationToken>,
}

/// One continuation token: where a page gives it, and the query parameter that sends it back.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ContinuationToken {
    /// Where the page gives the token.
    pub from: TokenSource,
    /// The wire name of the query parameter that sends it back.
    pub query: String,
}

/// Where a page gives a continuation token.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "in", rename_all = "lowercase")]
pub enum TokenSource {
    /// A string property of the page model (its wire name): Azure Storage's `NextMarker`.
    Body { property: String },
    /// A response header (its name): Table's `x-ms-continuation-NextTableName`.
    Header { name: String },
}

/// How a long-running operation (`x-ms-long-running-operation`) is polled.
///
/// The runtime reads the status from the initial response's `Azure-AsyncOperation` or
/// `Operation-Location` header (a status monitor), else its `Location` header, else (`PUT`,
/// `PATCH`) the `provisioningState` of the resource at the original URI; `final_state_via` says
/// where the final result is read once the operation has succeeded.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Polling {
    /// Where the final result comes from.
    pub final_state_via: FinalStateVia,
    /// True when `x-ms-long-running-operation-options.final-state-via` gave `final_state_via`;
    /// false when it is the default for the method (AutoRest's: `original-uri` for `PUT` and
    /// `PATCH`, `location` for `POST`, `azure-async-operation` (the status monitor's last
    /// answer, no further request) for `DELETE`).
    pub explicit: bool,
    /// The type of the final result: the body of the documented `200` response, else of the
    /// `201`, else of another documented `2xx`; `None` when none has a JSON or text body (the
    /// result is then `()`).
    pub result: Option<TypeRef>,
}

/// `final-state-via` of `x-ms-long-running-operation-options`.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FinalStateVia {
    /// The status monitor's (`Azure-AsyncOperation`) last answer; for `PUT`/`PATCH`, a `GET` of
    /// the original URI.
    AzureAsyncOperation,
    /// A `GET` of the initial response's `Location` (when it has one and polling did not
    /// already end there).
    Location,
    /// A `GET` of the URI of the initial request.
    OriginalUri,
    /// The status monitor's (`Operation-Location`) last answer; for `PUT`/`PATCH`, a `GET` of
    /// the original URI.
    OperationLocation,
}

/// One example conversation of an operation: the values of its parameters, its request body,
/// and the responses the service answers with.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Example {
    /// The example's name (an `x-ms-examples` key, an OpenAPI 3 `examples` key).
    pub name: String,
    /// The Rust name of its test function (`repository_get_list_get_repositories`).
    pub rust_name: String,
    /// Where it came from: the file, relative to the root document's directory (the root
    /// document itself by its file name; a file outside that directory as loaded), and the JSON
    /// pointer there (an example file's root, or the inline `x-ms-examples` entry). The same
    /// holds for the `file` of its values and responses.
    pub file: String,
    /// JSON pointer of the example in `file`.
    pub pointer: String,
    /// Parameter values by wire name (`parameters[].name`; the body is in `body`), in example
    /// order. Values for names the operation does not have are dropped (with a warning).
    pub parameters: IndexMap<String, ExampleValue>,
    /// The request body, if the example gives one.
    pub body: Option<ExampleValue>,
    /// The responses by status, in example order.
    pub responses: Vec<ExampleResponse>,
    /// Why the example is not turned into a test (it contradicts its spec, or it cannot be
    /// sent through the generated API); `None` when it is a test.
    pub skipped: Option<String>,
}

/// One value of an example, with where it is.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExampleValue {
    /// The value.
    pub value: serde_json::Value,
    /// The file it is in (as shown in messages).
    pub file: String,
    /// Its JSON pointer there.
    pub pointer: String,
}

/// One response of an example.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExampleResponse {
    /// The status code.
    pub status: u16,
    /// Header values by wire name.
    pub headers: IndexMap<String, serde_json::Value>,
    /// The body, if any.
    pub body: Option<ExampleValue>,
    /// The file it is in (as shown in messages).
    pub file: String,
    /// Its JSON pointer there.
    pub pointer: String,
}

/// Where a parameter goes on the wire.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Location {
    /// A `{placeholder}` in the path template.
    Path,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
    /// The request body (appears only in [`RequestBody`], kept for completeness).
    Body,
    /// A form field (`formData` in Swagger 2.0, form request bodies in OpenAPI 3).
    Form,
    /// A `{placeholder}` in the host template.
    Host,
    /// A cookie.
    Cookie,
}

/// How an array parameter is serialized (`collectionFormat` / `style`+`explode`).
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CollectionFormat {
    /// `a,b,c`.
    Csv,
    /// `a b c`.
    Ssv,
    /// `a\tb\tc`.
    Tsv,
    /// `a|b|c`.
    Pipes,
    /// `x=a&x=b&x=c`.
    Multi,
}

/// One parameter.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Parameter {
    /// The wire name (`nextBlobUuidLink`, `Docker-Content-Digest`).
    pub name: String,
    /// The client name: `x-ms-client-name` when given, else the wire name.
    pub client_name: String,
    /// The Rust identifier (argument, field or setter name), made from `client_name`.
    pub rust_name: String,
    /// Where it goes.
    pub location: Location,
    /// Whether the caller must supply it.
    pub required: bool,
    /// `x-ms-skip-url-encoding`: the value goes on the wire verbatim.
    pub skip_url_encoding: bool,
    /// `x-ms-parameter-location: client` (the default for host parameters): the value is a client
    /// setting rather than a per-call argument.
    pub client_level: bool,
    /// Its type.
    pub ty: TypeRef,
    /// The default value, if the spec gives one.
    pub default: Option<serde_json::Value>,
    /// How an array value is joined; `None` for scalars.
    pub collection_format: Option<CollectionFormat>,
    /// Its description, if any.
    pub description: Option<String>,
    /// JSON pointer of the parameter's definition (after `$ref` resolution).
    pub pointer: String,
    /// `x-ms-header-collection-prefix` (`x-ms-meta-`): the parameter is a map (`ty` is
    /// `Map` of strings), each entry sent as the header `prefix + key`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header_prefix: Option<String>,
}

/// The request body of an operation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RequestBody {
    /// The wire name of the body parameter (Swagger 2.0) or `body`.
    pub name: String,
    /// The Rust identifier of the argument or setter.
    pub rust_name: String,
    /// Whether the caller must supply it.
    pub required: bool,
    /// How it is encoded.
    pub kind: BodyKind,
    /// Its description, if any.
    pub description: Option<String>,
    /// Media types it may be sent as, first is the default.
    pub media_types: Vec<String>,
    /// JSON pointer of the body's definition.
    pub pointer: String,
    /// A typed ([`BodyKind::Json`]) body that goes as XML (its media types are XML ones, none
    /// JSON): the body schema's own `xml` object (empty when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml: Option<Xml>,
}

/// The encoding of a request body.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BodyKind {
    /// A JSON value of this type.
    Json {
        /// The body's type.
        ty: TypeRef,
    },
    /// Raw bytes (`type: file`, `format: binary`/`file`), streamed.
    Binary,
    /// `application/x-www-form-urlencoded` from these fields (all with location `form`).
    Form {
        /// The form fields.
        fields: Vec<Parameter>,
    },
    /// `multipart/form-data` from these fields (some of them files).
    Multipart {
        /// The form fields.
        fields: Vec<Parameter>,
    },
    /// Plain text.
    Text,
}

/// One documented response.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Response {
    /// The status code (`None` for `default`, or a `2XX`-style range given in `status_range`).
    pub status: Option<u16>,
    /// A range like `2XX`, when the spec gives one.
    pub status_range: Option<String>,
    /// The description.
    pub description: Option<String>,
    /// The body, if any.
    pub body: Option<ResponseBody>,
    /// Typed response headers, in spec order.
    pub headers: Vec<Header>,
    /// The Rust name of this response's variant or type suffix (`Ok`, `TemporaryRedirect`).
    pub rust_name: String,
    /// A documented 4xx/5xx status that is an answer (a response variant), not an error: as in
    /// AutoRest, when the operation has a `default` response for its errors and this one is not
    /// marked `x-ms-error-response: true` (Swagger 2.0).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub answer: bool,
}

impl Response {
    /// The statuses of a `2XX`-style range (`200..=299`); `None` for a single status or
    /// `default`. The lowering writes ranges as a digit and `XX`.
    pub(crate) fn range(&self) -> Option<(u16, u16)> {
        let text = self.status_range.as_deref()?;
        let digit = text.chars().next()?.to_digit(10)?;
        if !text[1..].eq_ignore_ascii_case("xx") {
            return None;
        }
        let low = u16::try_from(digit).ok()? * 100;
        Some((low, low + 99))
    }

    /// Its status, or the lowest of its range.
    fn low_status(&self) -> Option<u16> {
        self.status.or_else(|| self.range().map(|(low, _)| low))
    }

    /// A documented status or range below 400.
    pub(crate) fn is_success(&self) -> bool {
        self.low_status().is_some_and(|s| s < 400)
    }

    /// A documented 4xx/5xx status or range that is not an [`answer`](Response::answer) (a
    /// range never is one): what the operation's error decoder reads, and what the error
    /// models are found from.
    pub(crate) fn is_error(&self) -> bool {
        !self.answer && self.low_status().is_some_and(|s| s >= 400)
    }
}

/// A response body.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ResponseBody {
    /// JSON, decoded into this type.
    Json {
        /// The type.
        ty: TypeRef,
        /// The media types it may come as.
        media_types: Vec<String>,
        /// `x-nullable`/`nullable` on the response schema: the body may be `null` or empty, and
        /// decodes as `None`.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        nullable: bool,
        /// A body that comes as XML (its media types are XML ones, none JSON): the response
        /// schema's own `xml` object (empty when it has none).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        xml: Option<Xml>,
    },
    /// Raw bytes, streamed.
    Binary {
        /// The media types it may come as.
        media_types: Vec<String>,
    },
    /// Text.
    Text {
        /// The media types it may come as.
        media_types: Vec<String>,
    },
}

/// A typed response header.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Header {
    /// The wire name (`Docker-Content-Digest`).
    pub name: String,
    /// The Rust field name (`docker_content_digest`).
    pub rust_name: String,
    /// Its type (string, integer with format, ...).
    pub ty: TypeRef,
    /// Its description, if any.
    pub description: Option<String>,
    /// `x-ms-header-collection-prefix` (`x-ms-meta-`): every header with this prefix, collected
    /// into a map (`ty` is `Map` of strings) keyed by the rest of the name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
}

/// A reference to a type.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TypeRef {
    /// A string, with its `format` if any (`email`, `uri`, ...): text to the client.
    String {
        /// The format.
        format: Option<String>,
    },
    /// A value with a typed wire format (`date-time`, `byte`, `uuid`, ...): a string on the
    /// wire (an integer for `unixtime`), a typed value to the client.
    Formatted {
        /// The format.
        format: Format,
    },
    /// An integer; `format` is `int32` or `int64` when given.
    Integer {
        /// The format.
        format: Option<String>,
    },
    /// A number; `format` is `float` or `double` when given.
    Number {
        /// The format.
        format: Option<String>,
    },
    /// A boolean.
    Boolean,
    /// Raw bytes (a file).
    Binary,
    /// An array.
    Array {
        /// The item type.
        items: Box<TypeRef>,
    },
    /// A map from string keys.
    Map {
        /// The value type.
        values: Box<TypeRef>,
    },
    /// A named model from [`Api::models`], by its `name`.
    Model {
        /// The model's `name`.
        name: String,
    },
    /// Any JSON value (`type: object` without properties, or no type at all).
    Any,
    /// A value that may be `null`: array items and map values declared nullable (`x-nullable`,
    /// `nullable`, a 3.1 `"null"` type), which become `Option<T>`. Properties and bodies say
    /// it with their own `nullable` flag instead.
    Nullable {
        /// The type of the values that are not `null`.
        inner: Box<TypeRef>,
    },
}

/// The wire formats that clients type (`TypeRef::Formatted`), by their `format` name.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub enum Format {
    /// `date`: `2024-05-06` (RFC 3339 `full-date`).
    #[serde(rename = "date")]
    Date,
    /// `date-time`: `2024-05-06T07:08:09.5+02:00` (RFC 3339).
    #[serde(rename = "date-time")]
    DateTime,
    /// `date-time-rfc1123`: `Mon, 06 May 2024 07:08:09 GMT` (RFC 7231 `IMF-fixdate`).
    #[serde(rename = "date-time-rfc1123")]
    DateTimeRfc1123,
    /// `unixtime`: seconds since 1970-01-01T00:00:00Z, an integer on the wire.
    #[serde(rename = "unixtime")]
    UnixTime,
    /// `duration`: an ISO 8601 duration (`P3Y6M4DT12H30M5S`).
    #[serde(rename = "duration")]
    Duration,
    /// `byte`: bytes as standard, padded base64 (RFC 4648 section 4).
    #[serde(rename = "byte")]
    Byte,
    /// `base64url`: bytes as unpadded base64url (RFC 4648 section 5).
    #[serde(rename = "base64url")]
    Base64Url,
    /// `uuid`: `f42f6aa1-a5bc-4ddf-907e-5f915de43205`.
    #[serde(rename = "uuid")]
    Uuid,
}

impl Format {
    /// The format of a `format` value of a string schema, when clients type it.
    pub fn of_string(format: &str) -> Option<Format> {
        Some(match format {
            "date" => Format::Date,
            "date-time" => Format::DateTime,
            "date-time-rfc1123" => Format::DateTimeRfc1123,
            "duration" => Format::Duration,
            "byte" => Format::Byte,
            "base64url" => Format::Base64Url,
            "uuid" => Format::Uuid,
            _ => return None,
        })
    }

    /// The format of a `format` value of an integer schema, when clients type it.
    pub fn of_integer(format: &str) -> Option<Format> {
        (format == "unixtime").then_some(Format::UnixTime)
    }

    /// The `format` name in the spec.
    pub fn name(self) -> &'static str {
        match self {
            Format::Date => "date",
            Format::DateTime => "date-time",
            Format::DateTimeRfc1123 => "date-time-rfc1123",
            Format::UnixTime => "unixtime",
            Format::Duration => "duration",
            Format::Byte => "byte",
            Format::Base64Url => "base64url",
            Format::Uuid => "uuid",
        }
    }

    /// A date or a time (`date`, `date-time`, `date-time-rfc1123`, `unixtime`): an `enum` on
    /// it is ignored, as AutoRest ignores it.
    pub fn is_time(self) -> bool {
        matches!(
            self,
            Format::Date | Format::DateTime | Format::DateTimeRfc1123 | Format::UnixTime
        )
    }
}

/// A named model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Model {
    /// The name in the spec (`ManifestAttributes_manifest`), or a synthesized, stable name for an
    /// inline schema (`RepositoryTags_tags_item`). Unique within the API.
    pub name: String,
    /// The Rust type name (`ManifestAttributesManifest`), from `x-ms-client-name` when given.
    pub rust_name: String,
    /// Its description, if any.
    pub description: Option<String>,
    /// What it is.
    pub kind: ModelKind,
    /// JSON pointer of its schema.
    pub pointer: String,
    /// Its `xml` object (element name, namespace, wrapping), when the schema has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml: Option<Xml>,
}

/// The shape of a model.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ModelKind {
    /// An object with named properties.
    Struct(StructModel),
    /// A closed or open set of values.
    Enum(EnumModel),
    /// A value of one of several types (`oneOf`/`anyOf`).
    Union(UnionModel),
    /// A named alias of another type (`type: array` definitions, nullable wrappers, ...).
    Alias {
        /// The aliased type.
        ty: TypeRef,
    },
}

/// An object model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StructModel {
    /// All properties, own and inherited (`allOf` parents first), in order.
    pub properties: Vec<Property>,
    /// The value type of `additionalProperties`, when the object also allows extra keys.
    pub additional_properties: Option<TypeRef>,
    /// Names of the models this one inherits from through `allOf`.
    pub parents: Vec<String>,
    /// Names of the models that inherit from this one, in order.
    pub children: Vec<String>,
    /// The discriminator, when this model is the base of a polymorphic hierarchy.
    pub discriminator: Option<Discriminator>,
    /// The value that identifies this model in its parent's discriminator
    /// (`x-ms-discriminator-value`, a `discriminator.mapping` key, or the model name).
    pub discriminator_value: Option<String>,
    /// `x-nullable: true` / `nullable: true` on the schema.
    pub nullable: bool,
    /// `x-ms-client-flatten` properties whose model's fields this struct shows instead (the
    /// wire keeps them nested), in property order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flattened: Vec<Flattening>,
}

/// A property whose object is flattened into its owner (`x-ms-client-flatten`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Flattening {
    /// The wire name of the flattened property in the owner's `properties`.
    pub property: String,
    /// Its model (a struct, itself possibly flattened).
    pub model: String,
    /// The model's fields, as they appear on the owner.
    pub fields: Vec<FlatField>,
}

/// One field of a flattened property, as it appears on the owner.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FlatField {
    /// The field's Rust name in the flattened property's model.
    pub inner: String,
    /// The field on the owner: its `rust_name` there (renamed on a collision), its type, and
    /// `required` only when both the flattened property and the field are.
    pub property: Property,
}

/// A discriminator.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Discriminator {
    /// The wire name of the discriminating property.
    pub property: String,
    /// Discriminator value to model name, for every known child.
    pub mapping: IndexMap<String, String>,
}

/// A `oneOf`/`anyOf` model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnionModel {
    /// The alternatives, in spec order.
    pub variants: Vec<UnionVariant>,
    /// The property whose value tells the alternatives apart, when the spec names one
    /// (`discriminator.propertyName`); without it, the first alternative that decodes wins.
    pub discriminator: Option<String>,
    /// `oneOf` (exactly one alternative matches) rather than `anyOf`.
    pub exclusive: bool,
}

/// One alternative of a [`UnionModel`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct UnionVariant {
    /// The Rust variant name.
    pub rust_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// The discriminator values that select it (`discriminator.mapping` keys, or the model's
    /// name when there is no mapping for it).
    pub discriminator_values: Vec<String>,
}

/// One property of an object model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Property {
    /// The wire name (`org.opencontainers.image.authors`).
    pub name: String,
    /// The client name: `x-ms-client-name` when given, else the wire name.
    pub client_name: String,
    /// The Rust field name (`authors`).
    pub rust_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `x-nullable`/`nullable`/a `"null"` type: `null` is a valid value.
    pub nullable: bool,
    /// `readOnly: true`: sent by the server only.
    pub read_only: bool,
    /// True when the type refers back to the model itself (directly or through other models),
    /// so the field must be boxed.
    pub recursive: bool,
    /// Its description, if any.
    pub description: Option<String>,
    /// The default, if any.
    pub default: Option<serde_json::Value>,
    /// Its `xml` object (and that of its array items), when the schema has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xml: Option<Xml>,
    /// `x-ms-client-flatten: true`: the owner shows this object's fields instead (see
    /// [`StructModel::flattened`], which says whether it was).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flatten: bool,
}

/// How a schema is written in XML: the Swagger/OpenAPI `xml` object, with AutoRest's
/// `x-ms-text`. Names left out are the schema's own (a property's name, a model's name).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Xml {
    /// The element (or attribute) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The namespace URI (`xmlns`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    /// The namespace prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// Written as an attribute of the parent element.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub attribute: bool,
    /// An array whose items are inside an element of the array's name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wrapped: bool,
    /// `x-ms-text`: the text content of the parent element.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub text: bool,
    /// The `xml` object of an array's inline `items` schema.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Box<Xml>>,
}

/// An enum model.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EnumModel {
    /// The underlying type (a string, integer, ...).
    pub base: TypeRef,
    /// The values, in spec order.
    pub values: Vec<EnumValue>,
    /// `x-ms-enum.modelAsString: true`: unknown values are accepted (an `Other(String)` case).
    pub open: bool,
}

/// One enum value.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: serde_json::Value,
    /// The Rust variant name.
    pub rust_name: String,
    /// Its description (`x-ms-enum.values[].description`), if any.
    pub description: Option<String>,
}

/// Something in the document that was not lowered, reported instead of silently dropped.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Warning {
    /// The document it is in.
    pub file: String,
    /// The JSON pointer of the construct.
    pub pointer: String,
    /// What was ignored and why.
    pub message: String,
}
