//! `tests/examples.rs`: each example of the spec ([`Operation::examples`]) as one test.
//!
//! A test starts a `wiremock` server on 127.0.0.1 that answers the example's first success
//! response (status, headers, body), calls the operation through the public API with the
//! example's values (required ones as arguments, others through setters; the client made by
//! `Client::from_base_url` with the server's URL), then checks the one request the server got:
//! method and path, each query parameter and header the example gives, the JSON body compared
//! as JSON (read-only properties, which clients never send, left out). Finally the response
//! must decode into the typed result: each typed header the documented response declares and
//! the example gives must write back as the example's text, a JSON body must encode back to
//! the example's JSON, and a text or binary body must be the example's text.
//!
//! Example values become Rust values in one place, [`value_expr`]: through `serde_json` into
//! the type the argument stores, so that the tests follow the types the emitter chooses.
//!
//! Examples the lowering found contradicting their spec are not tests (they are counted);
//! examples that cannot be sent through the API (no success response, a per-call host, a
//! link, a multipart file) are counted with their reason.

use proc_macro2::{Group as TokenGroup, Ident, TokenStream, TokenTree};
use quote::quote;
use serde_json::Value;

use super::facts::{GroupFact, InputFact, Kind, Slot, is_link};
use super::settings::{Setting, client_values};
use super::types::Scope;
use super::{Ctx, unraw};
use crate::ir::{
    Api, BodyKind, CollectionFormat, Example, ExampleResponse, Location, ModelKind, Operation,
    Response, ResponseBody, TypeRef,
};
use crate::{CrateOptions, Result};

/// The helpers every example test uses (`support::server`, `support::check_query`, ...).
const SUPPORT: &str = include_str!("../../templates/examples_support.rs");

/// How the examples of an API fared when they were made into tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExampleStats {
    /// Examples in the IR.
    pub examples: usize,
    /// Examples that became tests.
    pub tests: usize,
    /// Examples skipped because they contradict their spec (each is a warning in the IR).
    pub inconsistent: usize,
    /// Examples that cannot be sent through the generated API: `(operation, example, why)`.
    pub untestable: Vec<(String, String, String)>,
}

/// The example test file of the crate (`None` when no example is a test), and the counts.
pub fn example_tests(
    api: &Api,
    options: &CrateOptions,
) -> Result<(Option<super::RustFile>, ExampleStats)> {
    let ctx = Ctx::new(api, options)?;
    let lib = ctx.ident(&ctx.lib_name(), "#")?;
    let mut stats = ExampleStats::default();
    let mut tests = Vec::new();
    for op in &api.operations {
        for example in &op.examples {
            stats.examples += 1;
            if example.skipped.is_some() {
                stats.inconsistent += 1;
                continue;
            }
            match test(&ctx, op, example)? {
                Ok(tokens) => {
                    stats.tests += 1;
                    tests.push(external(tokens, &lib));
                }
                Err(why) => {
                    stats
                        .untestable
                        .push((op.operation_id.clone(), example.name.clone(), why))
                }
            }
        }
    }
    if tests.is_empty() {
        return Ok((None, stats));
    }
    let support = support(&ctx, &tests)?;
    let tokens = quote! {
        //! The spec's own examples, one test each: a local server answers the example's
        //! response, and the request the client sends must carry the example's values.
        #support
        #(#tests)*
    };
    let file = super::RustFile {
        path: "tests/examples.rs".to_owned(),
        origin: options.spec_display.clone(),
        source: super::RustSource::Tokens(tokens),
    };
    Ok((Some(file), stats))
}

/// The helpers a private function of `support` uses, by name.
const HELPER_USES: &[(&str, &[&str])] = &[
    ("check_link_query", &["check_query"]),
    ("check_query", &["check_values", "json"]),
    ("check_header", &["check_values", "json"]),
    ("check_values", &["same_text"]),
    ("check_json_body", &["json", "same_json"]),
    ("check_encodes", &["json", "same_json"]),
    ("check_response_header", &["json", "same_text"]),
];

/// The `support` module with only the functions that `tests` use (directly or through each
/// other): the test crate builds with `-D warnings`, and an unused function is dead code.
fn support(ctx: &Ctx<'_>, tests: &[TokenStream]) -> Result<TokenStream> {
    let internal = |message: String| ctx.error(crate::ErrorKind::Internal, "#", message);
    let mut module: syn::ItemMod = syn::parse_str(SUPPORT)
        .map_err(|e| internal(format!("the example test helpers do not parse: {e}")))?;
    let text: String = tests.iter().map(ToString::to_string).collect();
    let mut used: Vec<&str> = Vec::new();
    let mut pending: Vec<&str> = [
        "server",
        "request",
        "check_target",
        "value",
        "check_query",
        "check_link_query",
        "check_header",
        "check_json_body",
        "check_raw_body",
        "check_encodes",
        "check_response_header",
    ]
    .into_iter()
    .filter(|name| text.contains(&format!("support :: {name} ")))
    .collect();
    while let Some(name) = pending.pop() {
        if used.contains(&name) {
            continue;
        }
        used.push(name);
        if let Some((_, uses)) = HELPER_USES.iter().find(|(n, _)| *n == name) {
            pending.extend(uses.iter().copied());
        }
    }
    if let Some((_, items)) = &mut module.content {
        items.retain(|item| match item {
            syn::Item::Fn(f) => used.contains(&f.sig.ident.to_string().as_str()),
            _ => true,
        });
    }
    Ok(quote!(#module))
}

/// The dev-dependencies the example tests need, as a `Cargo.toml` section.
pub const DEV_DEPENDENCIES: &str = "\n[dev-dependencies]\n\
    tokio = { version = \"1\", features = [\"macros\", \"rt\"] }\n\
    wiremock = \"0.6\"\n";

/// A test, or a value for one, or why the example cannot be a test.
type Testable<T> = std::result::Result<T, String>;

/// One example's test, or why it cannot be one.
fn test(ctx: &Ctx<'_>, op: &Operation, example: &Example) -> Result<Testable<TokenStream>> {
    let facts = ctx.facts(op)?;
    let Some((answer, documented)) = example
        .responses
        .iter()
        .find_map(|r| documented(&facts.answers, r).map(|d| (r, d)))
    else {
        return Ok(Err("it has no success response".to_owned()));
    };
    if let Some(why) = untestable(op, example, documented) {
        return Ok(Err(why));
    }
    let find = |name: &str| value_of(example, name);
    let (client_args, client_sent) = match client_args(ctx, &find)? {
        Ok(client) => client,
        Err(why) => return Ok(Err(why)),
    };
    let Call {
        positional,
        setters,
    } = match call(ctx, op, example, &find)? {
        Ok(call) => call,
        Err(why) => return Ok(Err(why)),
    };
    let group = ctx
        .api
        .groups
        .iter()
        .find(|g| g.name == op.group)
        .ok_or_else(|| ctx.error(crate::ErrorKind::Internal, &op.pointer, "no group"))?;
    let group_ident = ctx.ident(&group.rust_name, &op.pointer)?;
    let method_ident = ctx.ident(&op.rust_name, &op.pointer)?;
    let checks = match request_checks(ctx, op, example, &client_sent, &find) {
        Ok(checks) => checks,
        Err(why) => return Ok(Err(why)),
    };
    let server = server(answer, documented);
    let outcome = outcome(ctx, op, answer, documented, &group_ident)?;
    // A long-running operation: its initial request and response (`send()`).
    let send = facts.polls.then(|| quote!(.send()));
    let test_ident = ctx.ident(&example.rust_name, &example.pointer)?;
    let doc = format!(
        " `{}`: example `{}` ({}{}).",
        op.operation_id,
        super::docs::one_line_text(&example.name),
        super::docs::one_line_text(&example.file),
        example.pointer
    );
    Ok(Ok(quote! {
        #[doc = #doc]
        #[tokio::test]
        async fn #test_ident() {
            #server
            let client = crate::Client::from_base_url(server.uri(), #(#client_args),*)
                .expect("a client for the local server");
            let response = client
                .#group_ident()
                .#method_ident(#(#positional),*)
                #(#setters)*
                #send
                .await;
            let request = support::request(&server).await;
            #(#checks)*
            #outcome
        }
    }))
}

/// The example's value of the parameter `name` (names compared without case).
fn value_of<'e>(example: &'e Example, name: &str) -> Option<&'e Value> {
    example
        .parameters
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| &v.value)
}

/// Why the example cannot be sent through the API and compared, if it cannot.
fn untestable(op: &Operation, example: &Example, documented: &Response) -> Option<String> {
    if op
        .parameters
        .iter()
        .any(|p| p.location == Location::Host && !p.client_level)
    {
        return Some("the operation has per-call host parameters".to_owned());
    }
    // Not written yet: calls with a body given field by field. (A pageable operation is tested
    // on its first page, a long-running one on its initial request and response; parameter
    // groups are built from the values of their members.)
    // Example bodies are compared as JSON.
    let xml = matches!(
        &documented.body,
        Some(ResponseBody::Json { xml: Some(_), .. })
    ) || op.body.as_ref().is_some_and(|b| b.xml.is_some());
    if xml {
        return Some("the operation's body is XML (examples are compared as JSON)".to_owned());
    }
    // A value of an `x-ms-skip-url-encoding` parameter goes on the wire as given: an example
    // value that is not URL text (a `#` or a space; in a query, a `+` meant as itself) cannot
    // be compared with what the server reads.
    let verbatim = op.parameters.iter().find(|p| {
        let not_url_text = |text: &str| {
            text.contains(['#', ' ']) || (p.location == Location::Query && text.contains('+'))
        };
        p.skip_url_encoding
            && matches!(p.location, Location::Query | Location::Path)
            && value_of(example, &p.name)
                .and_then(Value::as_str)
                .is_some_and(not_url_text)
    });
    if let Some(p) = verbatim {
        return Some(format!(
            "the value of `{}` (`x-ms-skip-url-encoding`, sent as given) is not URL text",
            p.name
        ));
    }
    op.flattened_body
        .is_some()
        .then(|| "the operation takes its body field by field (`x-ms-client-flatten`)".to_owned())
}

/// The client parameters `from_base_url` takes (after the server's URL), and the names of
/// those it was given.
fn client_args<'v, 'a>(
    ctx: &Ctx<'a>,
    find: &impl Fn(&str) -> Option<&'v Value>,
) -> Result<Testable<(Vec<TokenStream>, Vec<&'a str>)>> {
    let mut args = Vec::new();
    let mut sent = Vec::new();
    for value in client_values(ctx)?.1 {
        if !matches!(value.setting, Setting::Positional) {
            continue;
        }
        let Some(v) = find(&value.param.name) else {
            return Ok(Err(format!(
                "no value for the client parameter `{}`",
                value.param.name
            )));
        };
        args.push(value_expr(ctx, &value.param.ty, v, &value.param.pointer)?);
        sent.push(value.param.name.as_str());
    }
    Ok(Ok((args, sent)))
}

/// The operation's call with the example's values: the method's arguments, then its setters.
struct Call {
    positional: Vec<TokenStream>,
    setters: Vec<TokenStream>,
}

/// The call, in the order of [`Facts::call`](super::facts::Facts::call).
fn call<'v>(
    ctx: &Ctx<'_>,
    op: &Operation,
    example: &'v Example,
    find: &impl Fn(&str) -> Option<&'v Value>,
) -> Result<Testable<Call>> {
    let facts = ctx.facts(op)?;
    let mut call = Call {
        positional: Vec::new(),
        setters: Vec::new(),
    };
    for slot in facts.call() {
        let (value, name) = match slot {
            Slot::Group(n) => {
                let group = &facts.groups[n];
                let name = group.use_.rust_name.as_str();
                let value = match group_value(ctx, op, example, &facts.inputs, group, find)? {
                    Ok(None) if group.use_.required => Err(format!(
                        "no value for the parameter group `{}`",
                        unraw(name)
                    )),
                    other => other,
                };
                (value, name)
            }
            Slot::Input(n) => {
                let input = &facts.inputs[n];
                (input_value(ctx, op, example, input, find)?, input.name)
            }
        };
        match value {
            Err(why) => return Ok(Err(why)),
            Ok(None) => {}
            Ok(Some(expr)) if facts.required(slot) => call.positional.push(expr),
            Ok(Some(expr)) => {
                let ident = ctx.ident(name, &op.pointer)?;
                call.setters.push(quote!(.#ident(#expr)));
            }
        }
    }
    Ok(Ok(call))
}

/// The example's value of an input no group carries: `Ok(None)` when it has none and the input
/// is optional.
fn input_value<'v>(
    ctx: &Ctx<'_>,
    op: &Operation,
    example: &'v Example,
    input: &InputFact<'_>,
    find: &impl Fn(&str) -> Option<&'v Value>,
) -> Result<Testable<Option<TokenStream>>> {
    let (value, ty) = match input.kind {
        Kind::Param(p) if is_link(op, p) => match find(&p.name) {
            Some(Value::String(link)) if !link.contains("://") && !link.starts_with("//") => {
                (find(&p.name), p.ty.clone())
            }
            _ if input.required => {
                return Ok(Err(format!(
                    "the link `{}` has no value on the client's server",
                    p.name
                )));
            }
            _ => return Ok(Ok(None)),
        },
        Kind::Param(p) | Kind::Form(p) => (find(&p.name), p.ty.clone()),
        Kind::Multipart(p) => {
            if find(&p.name).is_some() || input.required {
                return Ok(Err("the body is multipart".to_owned()));
            }
            return Ok(Ok(None));
        }
        Kind::Body => (example.body.as_ref().map(|b| &b.value), body_type(op)),
        Kind::BodyField(_) | Kind::Group => {
            return Ok(Err(
                "the operation takes grouped or flattened inputs".to_owned()
            ));
        }
    };
    match value {
        Some(value) => Ok(Ok(Some(input_expr(ctx, input, &ty, value, &op.pointer)?))),
        None if input.required => Ok(Err(format!("no value for `{}`", unraw(input.name)))),
        None => Ok(Ok(None)),
    }
}

/// What the request must carry: method and path, query, headers and body.
fn request_checks<'v>(
    ctx: &Ctx<'_>,
    op: &Operation,
    example: &'v Example,
    client_sent: &[&str],
    find: &impl Fn(&str) -> Option<&'v Value>,
) -> Testable<Vec<TokenStream>> {
    let mut checks = vec![target_checks(ctx, op, client_sent, find)?];
    for (name, value) in &op.query_constants {
        let json = Value::String(value.clone()).to_string();
        checks.push(quote!(support::check_query(&request, #name, #json, None);));
    }
    for p in &op.parameters {
        let Some(value) = find(&p.name) else { continue };
        // Optional client settings are not set by `from_base_url`: nothing to look for.
        if p.client_level && !client_sent.contains(&p.name.as_str()) {
            continue;
        }
        if is_link(op, p) {
            continue;
        }
        let separator = match separator(p.collection_format, p.location) {
            Some(s) => quote!(Some(#s)),
            None => quote!(None),
        };
        let name = &p.name;
        // As the client writes it (a date-time by its adapter).
        let json = encoded(ctx, &p.ty, value, 0).to_string();
        match p.location {
            Location::Query => {
                checks.push(quote!(support::check_query(&request, #name, #json, #separator);));
            }
            Location::Header => {
                checks.push(quote!(support::check_header(&request, #name, #json, #separator);));
            }
            _ => {}
        }
    }
    if let (Some(body), Some(value)) = (&op.body, &example.body) {
        match &body.kind {
            BodyKind::Json { ty } => {
                let expected = encoded(ctx, ty, &value.value, 0).to_string();
                checks.push(quote!(support::check_json_body(&request, #expected);));
            }
            BodyKind::Text | BodyKind::Binary => {
                let text = text_of(&value.value);
                checks.push(quote!(support::check_raw_body(&request, #text);));
            }
            _ => {}
        }
    }
    Ok(checks)
}

/// The check of the request's method and path (with the base path), and of a link's own
/// query.
fn target_checks<'v>(
    ctx: &Ctx<'_>,
    op: &Operation,
    client_sent: &[&str],
    find: &impl Fn(&str) -> Option<&'v Value>,
) -> Testable<TokenStream> {
    let method = &op.method;
    // An optional client setting that `from_base_url` does not take keeps its default.
    let find_in_path = |name: &str| match op
        .parameters
        .iter()
        .find(|p| p.name == name && p.client_level && !client_sent.contains(&p.name.as_str()))
    {
        Some(p) => p.default.as_ref(),
        None => find(name),
    };
    let Some(path) = expected_path(op, &find_in_path) else {
        return Err("a path parameter has no value".to_owned());
    };
    // A link brings its own query, and is resolved against the base URL.
    let (path, link_query) = match path.split_once('?') {
        Some((path, query)) => (path.to_owned(), Some(query.to_owned())),
        None => (path, None),
    };
    let path = match path.strip_prefix("//") {
        Some(rest) if op.parameters.iter().any(|p| is_link(op, p)) => {
            format!("/{rest}")
        }
        _ => path,
    };
    let path = format!("{}{}", ctx.api.host.base_path, path);
    let link_query = link_query.map(|query| quote!(support::check_link_query(&request, #query);));
    Ok(quote! {
        support::check_target(&request, #method, #path);
        #link_query
    })
}

/// The headers the local server writes itself: the example's `Content-Length` would not match
/// the body it frames.
const SERVER_FRAMING: &[&str] = &["content-length", "transfer-encoding", "connection"];

/// The local server, answering with the example's response (status, headers, body).
fn server(answer: &ExampleResponse, documented: &Response) -> TokenStream {
    let status = answer.status;
    let headers = answer
        .headers
        .iter()
        .filter(|(name, _)| !SERVER_FRAMING.contains(&name.to_ascii_lowercase().as_str()));
    let headers = headers.map(|(name, value)| {
        let text = text_of(value);
        quote!((#name, #text))
    });
    let answer_body = match (&answer.body, &documented.body) {
        (Some(value), Some(body)) => {
            let (text, media) = match body {
                ResponseBody::Json { media_types, .. } => (
                    value.value.to_string(),
                    first_or(media_types, "application/json"),
                ),
                ResponseBody::Text { media_types } => {
                    (text_of(&value.value), first_or(media_types, "text/plain"))
                }
                ResponseBody::Binary { media_types } => (
                    text_of(&value.value),
                    first_or(media_types, "application/octet-stream"),
                ),
            };
            quote!(Some((#text, #media)))
        }
        _ => quote!(None),
    };
    quote!(let server = support::server(#status, &[#(#headers),*], #answer_body).await;)
}

/// What the client must make of the answer: the response decodes (a pageable operation's
/// first page, which the pager has read already), as the documented response's variant, and
/// its body encodes back to the example's.
fn outcome(
    ctx: &Ctx<'_>,
    op: &Operation,
    answer: &ExampleResponse,
    documented: &Response,
    group_ident: &Ident,
) -> Result<TokenStream> {
    let first_page = ctx.facts(op)?.pager().then(|| {
        quote! {
            let mut pages = response.into_pages();
            let response = futures::TryStreamExt::try_next(&mut pages)
                .await
                .expect("the first page decodes")
                .expect("a first page");
        }
    });
    let response_ty = ctx.suffixed(&op.type_name, "Response", &op.pointer)?;
    let unwrap = if ctx.facts(op)?.answers.len() > 1 {
        let status = answer.status;
        let variant = ctx.ident(&documented.rust_name, &op.pointer)?;
        Some(quote! {
            let crate::#group_ident::#response_ty::#variant(response) = response else {
                panic!("the {} response is read as another status", #status);
            };
        })
    } else {
        None
    };
    let headers = header_checks(ctx, op, answer, documented)?;
    let decoded = decoded(ctx, op, answer, documented)?;
    Ok(quote! {
        let response = response.expect("the example's response decodes");
        #first_page
        #unwrap
        #(#headers)*
        #decoded
    })
}

/// The check of the decoded body: a JSON body encodes back to the example's JSON, a text body
/// is the example's text.
fn decoded(
    ctx: &Ctx<'_>,
    op: &Operation,
    answer: &ExampleResponse,
    documented: &Response,
) -> Result<TokenStream> {
    Ok(match (&answer.body, &documented.body) {
        (Some(value), Some(ResponseBody::Json { ty, nullable, .. })) => {
            let expected = encoded(ctx, ty, &value.value, 0).to_string();
            // A typed format is written by its adapter (a bare `uuid::Uuid` has no serde).
            match ctx.wire_as(ty) {
                Some(adapter) => {
                    let rust = ctx.rust_type(ty, Scope::Outside, &op.pointer)?;
                    let (rust, adapter) = if *nullable {
                        (quote!(Option<#rust>), quote!(Option<#adapter>))
                    } else {
                        (rust, adapter)
                    };
                    quote! {
                        support::check_encodes(
                            &serde_with::ser::SerializeAsWrap::<#rust, #adapter>::new(&response.body),
                            #expected,
                        );
                    }
                }
                None => quote!(support::check_encodes(&response.body, #expected);),
            }
        }
        (Some(value), Some(ResponseBody::Text { .. })) => {
            let text = text_of(&value.value);
            quote!(assert_eq!(response.body, #text, "the text body");)
        }
        (Some(value), Some(ResponseBody::Binary { .. })) => {
            let bytes = text_of(&value.value);
            quote! {
                let body = response.body.collect_bytes().await.expect("the body reads");
                assert_eq!(body.as_ref(), #bytes.as_bytes(), "the binary body");
            }
        }
        _ => quote!(let _ = response;),
    })
}

/// The checks of the typed response headers the example gives: each decodes, and writes back
/// (a typed format by its adapter) as the example's text. A header collection
/// (`x-ms-header-collection-prefix`) is not compared: the example gives its headers one by
/// one, under names the map keys only in part. Nor are headers the server does not send as
/// given: the framing ones (the server frames the body itself), and `Content-Type` when there
/// is a body (the server writes the body's media type).
fn header_checks(
    ctx: &Ctx<'_>,
    op: &Operation,
    answer: &ExampleResponse,
    documented: &Response,
) -> Result<Vec<TokenStream>> {
    let mut checks = Vec::new();
    for header in documented.headers.iter().filter(|h| h.prefix.is_none()) {
        let Some((_, value)) = answer
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&header.name))
        else {
            continue;
        };
        let lower = header.name.to_ascii_lowercase();
        let with_body = answer.body.is_some() && documented.body.is_some();
        if SERVER_FRAMING.contains(&lower.as_str()) || (lower == "content-type" && with_body) {
            continue;
        }
        let field = ctx.ident(&header.rust_name, &op.pointer)?;
        let name = &header.name;
        // As the client's type writes it (a date-time by its adapter, as bodies are).
        let expected = text_of(&encoded(ctx, &header.ty, &Value::String(text_of(value)), 0));
        let decoded = match ctx.wire_as(&header.ty) {
            Some(adapter) => {
                let rust = ctx.header_type(&header.ty);
                quote!(&response.#field.as_ref().map(serde_with::ser::SerializeAsWrap::<#rust, #adapter>::new))
            }
            None => quote!(&response.#field),
        };
        checks.push(quote!(support::check_response_header(#name, #decoded, #expected);));
    }
    Ok(checks)
}

/// The documented response that answers with the example's status: the same status, its
/// range, or the `200` for a `206`; `None` unless it is a success.
fn documented<'o>(answers: &[&'o Response], answer: &ExampleResponse) -> Option<&'o Response> {
    let digit = char::from_digit(u32::from(answer.status / 100), 10);
    answers
        .iter()
        .find(|r| r.status == Some(answer.status))
        .or_else(|| {
            answers.iter().find(|r| {
                r.status.is_none()
                    && r.status_range.as_deref().and_then(|s| s.chars().next()) == digit
            })
        })
        .or_else(|| {
            // A documented `200` also takes an undocumented `206` (emit/responses.rs).
            (answer.status == 206)
                .then(|| answers.iter().find(|r| r.status == Some(200)))
                .flatten()
        })
        .copied()
}

/// A parameter group's struct literal from the example's values of its members: `Ok(None)`
/// when the example gives none of them, `Err` (why it is not testable) when a field the group
/// requires has no value.
fn group_value<'v>(
    ctx: &Ctx<'_>,
    op: &Operation,
    example: &'v Example,
    inputs: &[InputFact<'_>],
    group: &GroupFact<'_>,
    find: &impl Fn(&str) -> Option<&'v Value>,
) -> Result<std::result::Result<Option<TokenStream>, String>> {
    let def = group.group;
    let mut any = false;
    let mut fields = Vec::new();
    for field in &def.fields {
        let member = group
            .fields
            .iter()
            .find(|(_, f)| f.rust_name == field.rust_name)
            .map(|(index, _)| &inputs[*index]);
        let value = match member.map(|i| i.kind) {
            Some(Kind::Param(p)) | Some(Kind::Form(p)) => find(&p.name),
            Some(Kind::Body) => example.body.as_ref().map(|b| &b.value),
            _ => None,
        };
        let ident = ctx.ident(&field.rust_name, &def.pointer)?;
        let expr = match value {
            Some(value) => {
                any = true;
                let expr = value_expr(ctx, &field.ty, value, &op.pointer)?;
                if field.required {
                    expr
                } else {
                    quote!(Some(#expr))
                }
            }
            None if field.required => {
                return Ok(Err(format!(
                    "no value for `{}` of the parameter group `{}`",
                    field.rust_name, def.name
                )));
            }
            None => quote!(None),
        };
        fields.push(quote!(#ident: #expr,));
    }
    if !any {
        return Ok(Ok(None));
    }
    let ty = ctx.ident(&def.rust_name, &def.pointer)?;
    Ok(Ok(Some(quote!(crate::models::#ty { #(#fields)* }))))
}

fn body_type(op: &Operation) -> TypeRef {
    match op.body.as_ref().map(|b| &b.kind) {
        Some(BodyKind::Json { ty }) => ty.clone(),
        Some(BodyKind::Binary) => TypeRef::Binary,
        _ => TypeRef::String { format: None },
    }
}

/// The argument expression of an input.
fn input_expr(
    ctx: &Ctx<'_>,
    input: &InputFact<'_>,
    ty: &TypeRef,
    value: &Value,
    pointer: &str,
) -> Result<TokenStream> {
    match (input.kind, ty) {
        (Kind::Body, TypeRef::Binary) => {
            let text = text_of(value);
            Ok(quote!(#text.as_bytes().to_vec()))
        }
        _ => value_expr(ctx, ty, value, pointer),
    }
}

/// An example value as a Rust expression of the type that an argument of `ty` stores: the one
/// place that turns example values into Rust values, through `serde_json`.
pub(crate) fn value_expr(
    ctx: &Ctx<'_>,
    ty: &TypeRef,
    value: &Value,
    pointer: &str,
) -> Result<TokenStream> {
    // A typed format (`date-time`, `byte`, ...) is read by its adapter, as the client reads it.
    if let Some(adapter) = ctx.wire_as(ty) {
        let rust = ctx.rust_type(ty, Scope::Outside, pointer)?;
        let json = value.to_string();
        return Ok(quote!(
            support::value::<serde_with::de::DeserializeAsWrap<#rust, #adapter>>(#json).into_inner()
        ));
    }
    let (stored, json) = match value {
        // A number or boolean given for a text parameter is its text.
        Value::Number(_) | Value::Bool(_) if ctx.is_string(ty) => {
            (quote!(String), Value::String(value.to_string()).to_string())
        }
        _ if ctx.is_string(ty) => (quote!(String), value.to_string()),
        _ => (
            ctx.rust_type(ty, Scope::Outside, pointer)?,
            value.to_string(),
        ),
    };
    Ok(quote!(support::value::<#stored>(#json)))
}

/// The operation's path with the example's values in it (as sent before percent-encoding).
fn expected_path<'v>(op: &Operation, find: &impl Fn(&str) -> Option<&'v Value>) -> Option<String> {
    let mut path = op.path.clone();
    for name in crate::ir::placeholders(&op.path) {
        let p = op
            .parameters
            .iter()
            .find(|p| p.location == Location::Path && p.name == name)?;
        let value = find(&p.name)?;
        let text = match value {
            Value::Array(items) => items.iter().map(text_of).collect::<Vec<_>>().join(","),
            other => text_of(other),
        };
        path = path.replace(&format!("{{{name}}}"), &text);
    }
    Some(path)
}

fn separator(format: Option<CollectionFormat>, location: Location) -> Option<&'static str> {
    match format {
        Some(CollectionFormat::Multi) => None,
        Some(CollectionFormat::Ssv) => Some(" "),
        Some(CollectionFormat::Tsv) => Some("\t"),
        Some(CollectionFormat::Pipes) => Some("|"),
        Some(CollectionFormat::Csv) => Some(","),
        None if location == Location::Header => Some(","),
        None => None,
    }
}

fn first_or(media_types: &[String], fallback: &str) -> String {
    media_types
        .iter()
        .find(|m| !m.contains('*'))
        .cloned()
        .unwrap_or_else(|| fallback.to_owned())
}

/// A value as text on the wire: a string as it is, anything else as JSON.
fn text_of(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// What a value of `ty` encodes to after a round trip through the generated types: read-only
/// properties are never sent, and `null` properties are left out.
fn encoded(ctx: &Ctx<'_>, ty: &TypeRef, value: &Value, depth: usize) -> Value {
    if depth > 64 {
        return value.clone();
    }
    match (ty, value) {
        // A `float` goes through an `f32`: the example's value as the client writes it back.
        (TypeRef::Number { format }, Value::Number(n)) if format.as_deref() == Some("float") => n
            .as_f64()
            .and_then(|f| serde_json::to_string(&(f as f32)).ok())
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_else(|| value.clone()),
        (TypeRef::Nullable { .. }, Value::Null) => Value::Null,
        (TypeRef::Nullable { inner }, _) => encoded(ctx, inner, value, depth + 1),
        // Typed formats are written back as their adapters write them.
        (TypeRef::Formatted { format }, Value::String(text)) => match format {
            crate::ir::Format::DateTime => canonical_date_time(text)
                .map(Value::String)
                .unwrap_or_else(|| value.clone()),
            crate::ir::Format::Uuid => Value::String(text.to_ascii_lowercase()),
            _ => value.clone(),
        },
        (TypeRef::Array { items }, Value::Array(values)) => Value::Array(
            values
                .iter()
                .map(|v| encoded(ctx, items, v, depth + 1))
                .collect(),
        ),
        (TypeRef::Map { values: inner }, Value::Object(map)) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), encoded(ctx, inner, v, depth + 1)))
                .collect(),
        ),
        (TypeRef::Model { name }, _) => match ctx.models.get(name.as_str()).map(|m| &m.kind) {
            Some(ModelKind::Alias { ty }) => encoded(ctx, ty, value, depth + 1),
            Some(ModelKind::Struct(s)) => {
                let Value::Object(map) = value else {
                    return value.clone();
                };
                // A kind the crate does not know is kept as JSON, as it came.
                let unknown = s.discriminator.as_ref().is_some_and(|d| {
                    map.get(&d.property).is_some_and(|tag| {
                        tag.as_str().is_none_or(|tag| {
                            !d.mapping.contains_key(tag)
                                && s.discriminator_value.as_deref() != Some(tag)
                        })
                    })
                });
                if unknown {
                    return value.clone();
                }
                let kind = s
                    .discriminator
                    .as_ref()
                    .and_then(|d| d.mapping.get(map.get(&d.property)?.as_str()?))
                    .and_then(|n| match &ctx.models.get(n.as_str())?.kind {
                        ModelKind::Struct(k) => Some(k),
                        _ => None,
                    })
                    .unwrap_or(s);
                let mut out = serde_json::Map::new();
                for (key, v) in map {
                    match kind.properties.iter().find(|p| &p.name == key) {
                        Some(p) if p.read_only || (v.is_null() && !p.required) => {}
                        Some(p) => {
                            let v = encoded(ctx, &p.ty, v, depth + 1);
                            // A flattened property with nothing to send is left out.
                            let flattened = kind.flattened.iter().any(|f| &f.property == key);
                            if flattened
                                && !p.required
                                && v.as_object().is_some_and(|m| m.is_empty())
                            {
                                continue;
                            }
                            out.insert(key.clone(), v);
                        }
                        None => {
                            let v = match &kind.additional_properties {
                                Some(ty) => encoded(ctx, ty, v, depth + 1),
                                None => v.clone(),
                            };
                            out.insert(key.clone(), v);
                        }
                    }
                }
                Value::Object(out)
            }
            _ => value.clone(),
        },
        _ => value.clone(),
    }
}

/// An RFC 3339 date-time as the `date-time` adapter writes it: `T` and `Z` upper case, UTC as
/// `Z` (also when the text has no offset: it is read as UTC), the fraction without trailing
/// zeros; `None` when `text` is not `YYYY-MM-DDTHH:MM:SS[.f][offset]`.
fn canonical_date_time(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .is_some_and(|b| b.iter().all(u8::is_ascii_digit))
    };
    let shape = digits(0..4)
        && bytes.get(4) == Some(&b'-')
        && digits(5..7)
        && bytes.get(7) == Some(&b'-')
        && digits(8..10)
        && matches!(bytes.get(10), Some(b'T' | b't' | b' '))
        && digits(11..13)
        && bytes.get(13) == Some(&b':')
        && digits(14..16)
        && bytes.get(16) == Some(&b':')
        && digits(17..19);
    if !shape {
        return None;
    }
    let rest = &text[19..];
    let (fraction, offset) = match rest.strip_prefix('.') {
        Some(after) => {
            let end = after
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(after.len());
            (after[..end].trim_end_matches('0'), &after[end..])
        }
        None => ("", rest),
    };
    let offset = match offset {
        "" | "Z" | "z" | "+00:00" | "-00:00" => "Z",
        other => other,
    };
    let fraction = if fraction.is_empty() {
        String::new()
    } else {
        format!(".{fraction}")
    };
    Some(format!(
        "{}T{}{fraction}{offset}",
        &text[..10],
        &text[11..19]
    ))
}

/// `tokens` with every `crate::` path made `<lib>::`: the test file is a crate of its own.
fn external(tokens: TokenStream, lib: &Ident) -> TokenStream {
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(ident) if ident == "crate" => TokenTree::Ident(lib.clone()),
            TokenTree::Group(group) => {
                let mut new = TokenGroup::new(group.delimiter(), external(group.stream(), lib));
                new.set_span(group.span());
                TokenTree::Group(new)
            }
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod date_time_tests {
    use super::canonical_date_time;

    #[test]
    fn date_times_are_compared_as_the_adapter_writes_them() {
        let c = |t: &str| canonical_date_time(t);
        assert_eq!(
            c("2020-01-01T00:00:00.000Z").as_deref(),
            Some("2020-01-01T00:00:00Z")
        );
        assert_eq!(
            c("2020-01-01t00:00:00.120z").as_deref(),
            Some("2020-01-01T00:00:00.12Z")
        );
        assert_eq!(
            c("2020-01-01T10:00:00+00:00").as_deref(),
            Some("2020-01-01T10:00:00Z")
        );
        assert_eq!(
            c("2020-01-01T10:00:00+01:00").as_deref(),
            Some("2020-01-01T10:00:00+01:00")
        );
        assert_eq!(
            c("2020-01-01T10:00:00").as_deref(),
            Some("2020-01-01T10:00:00Z")
        );
        assert_eq!(c("soon"), None);
    }
}
