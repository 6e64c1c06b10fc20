//! Operations: the wire, builders, responses and errors.

use super::{fixture, has};

#[test]
fn skip_url_encoding_path_values_go_verbatim() {
    let files = fixture();
    assert!(has(
        &files,
        "src/blob.rs",
        r#"request.path("/"); request.path_verbatim("nextBlobUuidLink", &self.location)?;"#
    ));
    assert!(has(
        &files,
        "src/blob.rs",
        r#"request.path_param("name", &self.name)?;"#
    ));
}

#[test]
fn query_constants_go_first_then_query_parameters_in_ir_order() {
    let files = fixture();
    assert!(has(
        &files,
        "src/blob.rs",
        r#"request.path("/blobs/uploads/"); request.query_constant("mode", "resumable");"#
    ));
    assert!(has(
        &files,
        "src/tag.rs",
        r#"request.query("last", value)?; } if let Some(value) = &self.n { request.query("n", value)?; } if let Some(value) = &self.state { request.query_list("state", value, crate::runtime::Collection::Multi)?;"#
    ));
}

#[test]
fn required_parameters_are_positional_and_optional_ones_are_setters() {
    let files = fixture();
    assert!(has(
        &files,
        "src/blob.rs",
        "pub fn upload(&self, location: impl Into<String>, value: impl Into<crate::Body>) -> BlobUploadRequest"
    ));
    assert!(has(
        &files,
        "src/blob.rs",
        "pub fn value(mut self, value: impl Into<crate::Body>) -> Self"
    ));
    assert!(has(
        &files,
        "src/tag.rs",
        "pub fn n(mut self, n: i64) -> Self"
    ));
    // An optional query parameter with a spec default sends it unless set, as AutoRest does.
    assert!(has(
        &files,
        "src/tag.rs",
        "When not set, the spec's default `100` is sent."
    ));
    assert!(has(&files, "src/tag.rs", "n: Some(100),"));
    assert!(has(
        &files,
        "src/tag.rs",
        "pub fn state(mut self, state: impl IntoIterator<Item = crate::models::State>) -> Self"
    ));
}

#[test]
fn request_builders_are_must_use_and_awaitable() {
    let files = fixture();
    assert!(has(
        &files,
        "src/blob.rs",
        "#[must_use = \"a request does nothing until it is sent: `.await` it or call `send()`\"] pub struct BlobGetRequest"
    ));
    assert!(has(
        &files,
        "src/blob.rs",
        "impl std::future::IntoFuture for BlobGetRequest { type Output = Result<BlobGetResponse, crate::Error>; type IntoFuture = crate::runtime::BoxFuture<Self::Output>;"
    ));
}

#[test]
fn an_accept_header_parameter_replaces_the_accept_setter() {
    let files = fixture();
    // The default from `produces` is sent first; the parameter, when set, replaces it.
    assert!(has(
        &files,
        "src/manifests.rs",
        r#"request.header_str("Accept", "application/json")?; if let Some(value) = &self.accept { request.header("accept", value)?; }"#
    ));
    assert!(has(
        &files,
        "src/blob.rs",
        r#"request.header_str("Accept", self.accept.as_deref().unwrap_or("application/octet-stream"))?;"#
    ));
}

#[test]
fn json_bodies_default_to_their_first_media_type_and_can_be_overridden() {
    let files = fixture();
    assert!(has(
        &files,
        "src/manifests.rs",
        r#"self.payload.write(&mut request, "payload", self.content_type.as_deref(), "application/vnd.docker.distribution.manifest.v2+json")?;"#
    ));
    assert!(has(
        &files,
        "src/manifests.rs",
        "pub fn content_type(mut self, content_type: impl Into<String>) -> Self"
    ));
}

#[test]
fn a_json_body_defaults_to_the_first_json_media_type_of_several() {
    use crate::emit::plan::default_content_type;
    use crate::ir::BodyKind;
    let ops = super::fixtures::api().operations;
    let mut op = ops
        .into_iter()
        .find(|op| {
            matches!(
                op.body.as_ref().map(|b| &b.kind),
                Some(BodyKind::Json { .. })
            )
        })
        .expect("an operation with a JSON body");
    let mut body = op.body.take().expect("a body");
    body.media_types = vec![
        "application/pdf".into(),
        "application/merge-patch+json; charset=utf-8".into(),
        "application/json".into(),
    ];
    assert_eq!(
        default_content_type(&op, &body),
        "application/merge-patch+json; charset=utf-8"
    );
    // No JSON type listed: the first one, as before.
    body.media_types = vec!["application/pdf".into(), "image/png".into()];
    assert_eq!(default_content_type(&op, &body), "application/pdf");
    // Not listed on the body: the operation's `consumes`.
    body.media_types.clear();
    op.consumes = vec!["image/png".into(), "text/json".into()];
    assert_eq!(default_content_type(&op, &body), "text/json");
}

#[test]
fn binary_bodies_are_streamed_both_ways() {
    let files = fixture();
    assert!(has(
        &files,
        "src/blob.rs",
        r#"request.body(self.value, self.content_type.as_deref().unwrap_or("application/octet-stream"))?;"#
    ));
    assert!(has(
        &files,
        "src/blob.rs",
        "200 | 206 => crate::runtime::Read::Stream,"
    ));
    assert!(has(
        &files,
        "src/blob.rs",
        "let (body, http) = received.stream()?;"
    ));
}

#[test]
fn form_and_multipart_bodies_are_built_from_their_fields() {
    let files = fixture();
    assert!(has(
        &files,
        "src/access_tokens.rs",
        r#"request.form_field("grant_type", &self.grant_type)?;"#
    ));
    assert!(has(
        &files,
        "src/access_tokens.rs",
        r#"unwrap_or("application/x-www-form-urlencoded")"#
    ));
    assert!(has(
        &files,
        "src/files.rs",
        r#"request.multipart_file("file", self.file);"#
    ));
    assert!(has(
        &files,
        "src/files.rs",
        r#"if let Some(value) = &self.note { request.multipart_text("note", value)?; }"#
    ));
    assert!(has(
        &files,
        "src/files.rs",
        "pub struct FilesAttachRequest { client: crate::Client, id: String, trace: Option<bool>, file: crate::Body, note: Option<String>, accept: Option<String>, }"
    ));
}

#[test]
fn one_success_response_is_a_struct_read_on_its_documented_status_only() {
    let files = fixture();
    assert!(has(
        &files,
        "src/manifests.rs",
        "pub struct ManifestsCreateResponse { /// The Docker-Content-Digest header."
    ));
    assert!(has(
        &files,
        "src/manifests.rs",
        "201 => crate::runtime::Read::Headers, _ => crate::runtime::Read::Unexpected,"
    ));
    assert!(has(
        &files,
        "src/manifests.rs",
        "201 => { let http = received.parts(); Ok(ManifestsCreateResponse {"
    ));
    assert!(has(
        &files,
        "src/manifests.rs",
        r#"content_length: http.header("Content-Length"),"#
    ));
    assert!(has(
        &files,
        "src/manifests.rs",
        "pub content_length: Option<i64>,"
    ));
}

#[test]
fn several_success_responses_make_an_enum_of_boxed_structs() {
    let files = fixture();
    assert!(has(
        &files,
        "src/blob.rs",
        "pub enum BlobGetResponse { /// Status `200`: a [`BlobGetOk`]. Ok(Box<BlobGetOk>), /// Status `307`: a [`BlobGetTemporaryRedirect`]. TemporaryRedirect(Box<BlobGetTemporaryRedirect>), }"
    ));
    // A `200` also takes `206`, the answer to a `Range` request.
    assert!(has(&files, "src/blob.rs", "200 | 206 => {"));
    assert!(has(&files, "src/blob.rs", "307 => {"));
    assert!(!has(&files, "src/blob.rs", "200..=299"));
}

#[test]
fn documented_error_statuses_and_the_default_decode_into_error_models() {
    let files = fixture();
    assert!(has(
        &files,
        "src/errors.rs",
        "pub enum ErrorModel { /// An error body of type [`AcrErrors`](crate::models::AcrErrors)."
    ));
    assert!(has(
        &files,
        "src/tag.rs",
        "|status, body| match status { 404 => { crate::runtime::error_model(body).map(|m| crate::runtime::boxed_model(crate::ErrorModel::AcrErrors(Box::new(m)))) } _ => { crate::runtime::error_model(body).map(|m| crate::runtime::boxed_model(crate::ErrorModel::AcrErrors(Box::new(m)))) } }"
    ));
    assert!(has(&files, "src/files.rs", "|_, _| None"));
}

#[test]
fn json_and_text_responses_keep_their_raw_body() {
    let files = fixture();
    assert!(has(
        &files,
        "src/manifests.rs",
        "pub fn raw_body(&self) -> &[u8]"
    ));
    assert!(has(
        &files,
        "src/files.rs",
        "let (body, http) = received.text()?;"
    ));
}

#[test]
fn deprecated_operations_are_marked() {
    assert!(has(
        &fixture(),
        "src/files.rs",
        "#[deprecated] pub fn attach("
    ));
}

#[test]
fn a_link_parameter_is_documented_by_what_the_client_does() {
    // ACR's upload link (`/{nextBlobUuidLink}`, verbatim): its description says "do not
    // include initial / (must do substring(1))", while the client takes the value as it is.
    let files = fixture();
    let blob = &files["src/blob.rs"];
    let argument = blob
        .lines()
        .find(|l| l.contains("/// - `location`:"))
        .expect("the upload link is an argument");
    assert!(
        argument.contains("taken as it is: keep any leading `/`"),
        "{argument}"
    );
    assert!(!argument.contains("substring(1)"), "{argument}");
    // A path parameter inside the path is not a link.
    assert!(has(
        &files,
        "src/blob.rs",
        r#"request.path_param("name", &self.name)?;"#
    ));
}

#[test]
fn json_bodies_take_typed_values_or_raw_content() {
    let files = fixture();
    assert!(has(
        &files,
        "src/manifests.rs",
        "payload: impl Into<crate::runtime::RequestContent<crate::models::Manifest>>"
    ));
    assert!(has(
        &files,
        "src/lib.rs",
        "pub fn request(&self, method: reqwest::Method, path: impl AsRef<str>) -> runtime::CustomRequest"
    ));
}
