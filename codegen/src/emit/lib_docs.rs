//! The docs of `src/lib.rs` and `Client::new`, and the usage example (also in the README): build
//! the client, call the first simple operation (a `GET` if there is one).

use super::settings::{Setting, client_values};
use super::{Ctx, Doc, code, unraw};
use crate::Result;
use crate::ir::Parameter;

pub(crate) fn new_doc(ctx: &Ctx<'_>) -> Doc {
    let host = &ctx.api.host;
    let mut text = format!(
        "A client for the service at {}",
        code(&format!("{}{}", host.template, host.base_path))
    );
    if host.use_scheme_prefix {
        text.push_str(" (`https://` is added when the value has no scheme)");
    }
    text.push('.');
    let mut doc = Doc::new().raw(text);
    let params: Vec<String> = host
        .parameters
        .iter()
        .filter(|p| p.client_level)
        .map(|p| {
            let verbatim = if p.skip_url_encoding {
                ", put in as is"
            } else {
                ", percent-encoded"
            };
            let description = p
                .description
                .as_deref()
                .map(|d| {
                    super::docs::sanitize(d)
                        .into_iter()
                        .take_while(|l| !l.is_empty() && !l.starts_with("```"))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .unwrap_or_default();
            let default = match &p.default {
                Some(serde_json::Value::String(d)) => format!(" The spec's default: {}.", code(d)),
                Some(d) => format!(" The spec's default: {}.", code(&d.to_string())),
                None => String::new(),
            };
            format!(
                "- {} for {}{verbatim}. {description}{default}",
                code(unraw(&p.rust_name)),
                code(&format!("{{{}}}", p.name))
            )
        })
        .collect();
    if !params.is_empty() {
        doc = doc.raw(format!("Host parameters:\n\n{}", params.join("\n")));
    }
    if !host.alternatives.is_empty() {
        let others: Vec<String> = host
            .alternatives
            .iter()
            .map(|a| format!("- {}", code(a)))
            .collect();
        doc = doc.raw(format!(
            "The spec also lists these servers; reach one with `Client::builder(..).base_url(..)`:\n\n{}",
            others.join("\n")
        ));
    }
    doc.raw(
        "# Errors\n\nFails when the base URL is not a valid `http` or `https` URL, or when the \
         default HTTP client cannot be created.",
    )
}

pub(crate) fn crate_doc(ctx: &Ctx<'_>) -> Result<Doc> {
    let api = ctx.api;
    let example = usage_example(ctx)?;
    let lib = ctx.lib_name();
    let mut doc = Doc::new()
        .spec(Some(&api.title))
        .spec(api.description.as_deref())
        .raw(format!(
            "A client for {} (API version {}), generated from {} by `cargo xtask generate`.",
            code(&api.title),
            code(&api.version),
            code(&ctx.options.spec_display)
        ))
        .raw(format!(
            "# Example\n\n```no_run\n# async fn example() -> Result<(), {lib}::Error> {{\n{example}\n# Ok(())\n# }}\n```"
        ));
    let mut settings = String::from(
        "# Client settings\n\n[`ClientBuilder`] sets the [`Credentials`] (`Basic`, a bearer token, \
         or any [`TokenCredential`]; a `401` with a `WWW-Authenticate` challenge is answered \
         once), the [`RetryPolicy`] (every method, on connection errors, `408`, `429`, \
         `500` and `502`-`504`), timeouts (connect 30 s, read-idle 60 s: a transfer that moves \
         is never cut), the limit on bodies read into memory (32 MiB), and whether redirects \
         are followed. Credentials only go to the client's own scheme, host and port.\n\n\
         [`Policy`]s add behaviour of your own (request signing, tracing, metrics, test \
         doubles): [`ClientBuilder::per_call_policy`] runs once per call, before credentials \
         and retries; [`ClientBuilder::per_try_policy`] runs for every request sent, seeing it \
         exactly as it goes on the wire. The pipeline's order is in [`runtime`]'s docs. The \
         client's types are the runtime crate's (`restwire`), shared by every generated \
         client: one [`Credentials`] value serves several clients, and every crate's [`Error`] \
         converts with `?` into [`runtime::Error`].",
    );
    if super::tokens::token_ops(ctx)?.is_some() {
        settings.push_str(
            "\n\nThis API has its own token operations: `Bearer` challenges are answered with \
             them ([`Credentials::refresh_token`], [`Credentials::exchange`]).",
        );
    }
    if !api.security.is_empty() {
        settings.push_str("\n\nThe security schemes of the spec, and the credentials for each:\n");
        for scheme in &api.security {
            settings.push_str(&format!(
                "\n- {}: {}",
                code(&scheme.name),
                credentials_for(&scheme.kind)
            ));
        }
    }
    settings.push_str("\n\nBodies are streamed both ways ([`Body::from_path`], [`ByteStream`])");
    if ctx.runtime.digest {
        settings
            .push_str("; [`runtime::digest`] computes and checks `sha256:` digests as they pass");
    }
    settings.push_str(
        ". A JSON body can be given as raw bytes ([`RequestContent::raw`]), and \
         [`Client::request`] sends a request the description lacks through the same \
         credentials, retries and errors.",
    );
    doc = doc.raw(settings);
    if let Some(section) = pager_section(ctx)? {
        doc = doc.raw(section);
    }
    if let Some(section) = super::lro::crate_doc_section(ctx)? {
        doc = doc.raw(section);
    }
    if !api.groups.is_empty() {
        let lines: Vec<String> = api
            .groups
            .iter()
            .map(|g| {
                format!(
                    "- [`Client::{}`] gives a [`{}::{}`]",
                    unraw(&g.rust_name),
                    unraw(&g.rust_name),
                    unraw(&g.type_name)
                )
            })
            .collect();
        doc = doc.raw(format!("# Operation groups\n\n{}", lines.join("\n")));
    }
    Ok(doc)
}

/// The example: `use`, building the client, and calling a simple operation.
pub(crate) fn usage_example(ctx: &Ctx<'_>) -> Result<String> {
    let lib = ctx.lib_name();
    let (host, settings) = client_values(ctx)?;
    let single = host.len() == 1
        && ctx.api.host.template == format!("{{{}}}", host[0].param.name)
        && !ctx.api.host.use_scheme_prefix;
    let args: Vec<String> = host
        .iter()
        .map(|v| {
            if single {
                "\"https://example.com\"".to_owned()
            } else {
                example_value(ctx, v.param)
            }
        })
        .chain(
            settings
                .iter()
                .filter(|v| matches!(v.setting, Setting::Positional))
                .map(|v| example_value(ctx, v.param)),
        )
        .collect();
    let mut lines = vec![
        format!("use {lib}::Client;"),
        String::new(),
        format!("let client = Client::new({})?;", args.join(", ")),
    ];
    if let Some(op) = example_operation(ctx)? {
        let group = ctx
            .api
            .groups
            .iter()
            .find(|g| g.name == op.group)
            .map(|g| unraw(&g.rust_name).to_owned())
            .unwrap_or_default();
        let args = example_args(ctx, op)?;
        lines.push(format!(
            "let response = client.{group}().{}({}).await?;",
            op.rust_name,
            args.join(", ")
        ));
        lines.push("println!(\"{response:?}\");".to_owned());
    }
    Ok(lines.join("\n"))
}

fn example_value(ctx: &Ctx<'_>, p: &Parameter) -> String {
    if ctx.is_string(&p.ty) {
        super::docs::placeholder(&p.name)
    } else {
        "Default::default()".to_owned()
    }
}

/// The arguments of `op` in an example: a placeholder text per required parameter (the
/// example operations take only text, [`example_operation`]).
fn example_args(ctx: &Ctx<'_>, op: &crate::ir::Operation) -> Result<Vec<String>> {
    let params = ctx.facts(op)?.text_arguments(ctx).unwrap_or_default();
    Ok(params
        .iter()
        .map(|p| super::docs::placeholder(&p.name))
        .collect())
}

/// `client.<group>().<op>(<args>)` for an operation from [`example_operation`].
fn example_call(ctx: &Ctx<'_>, op: &crate::ir::Operation) -> Result<String> {
    let group = ctx
        .api
        .groups
        .iter()
        .find(|g| g.name == op.group)
        .map(|g| unraw(&g.rust_name).to_owned())
        .unwrap_or_default();
    let args = example_args(ctx, op)?;
    Ok(format!(
        "client.{group}().{}({})",
        op.rust_name,
        args.join(", ")
    ))
}

/// The crate docs' section on pagers, with an example, when the API has pageable operations.
fn pager_section(ctx: &Ctx<'_>) -> Result<Option<String>> {
    if !ctx.api.operations.iter().any(|op| op.paging.is_some()) {
        return Ok(None);
    }
    let mut text = String::from(
        "# Lists in pages\n\nA pageable operation (`x-ms-pageable`) gives a [`Pager`] once the \
         first page has come: a `Stream` of the items of every page, which fetches each next \
         page when it gets to it, through the client's credentials and retries. A next link \
         on another scheme, host or port is refused. [`Pager::into_pages`] gives the pages \
         themselves, each with its status, headers and body.",
    );
    if let Some(op) = example_operation_where(ctx, |op| op.paging.is_some())? {
        let lib = ctx.lib_name();
        let call = example_call(ctx, op)?;
        let new = usage_example(ctx)?
            .lines()
            .find(|l| l.starts_with("let client = "))
            .unwrap_or_default()
            .to_owned();
        text.push_str(&format!(
            "\n\n```no_run\n# async fn example() -> Result<(), {lib}::Error> {{\n\
             use futures::TryStreamExt as _;\nuse {lib}::Client;\n\n{new}\n\
             let mut pager = {call}.await?;\n\
             while let Some(item) = pager.try_next().await? {{\n    println!(\"{{item:?}}\");\n}}\n\n\
             // Every item at once, or page by page with the headers:\n\
             let items: Vec<_> = {call}.await?.try_collect().await?;\n\
             println!(\"{{}} items\", items.len());\n\
             let mut pages = {call}.await?.into_pages();\n\
             while let Some(page) = pages.try_next().await? {{\n    println!(\"{{:?}}\", page.headers());\n}}\n\
             # Ok(())\n# }}\n```"
        ));
    }
    Ok(Some(text))
}

/// The first operation whose positional arguments are all text and that needs no body,
/// preferring a `GET`.
fn example_operation<'a>(ctx: &Ctx<'a>) -> Result<Option<&'a crate::ir::Operation>> {
    example_operation_where(ctx, |_| true)
}

/// [`example_operation`] among the operations that `wanted` accepts.
fn example_operation_where<'a>(
    ctx: &Ctx<'a>,
    wanted: impl Fn(&crate::ir::Operation) -> bool,
) -> Result<Option<&'a crate::ir::Operation>> {
    let mut candidates = Vec::new();
    for op in ctx.api.operations.iter().filter(|op| wanted(op)) {
        let facts = ctx.facts(op)?;
        let simple = facts.text_arguments(ctx).is_some();
        // A required parameter group (`x-ms-parameter-grouping`) is one struct argument.
        let grouped = facts.groups.iter().any(|g| g.use_.required);
        if simple && !grouped && !op.deprecated {
            candidates.push(op);
        }
    }
    Ok(candidates
        .iter()
        .find(|op| op.method == "GET")
        .or(candidates.first())
        .copied())
}

/// Which `Credentials` constructor (of the runtime) serves a security scheme of the spec.
fn credentials_for(kind: &crate::ir::SecuritySchemeKind) -> String {
    use crate::ir::SecuritySchemeKind as K;
    match kind {
        K::Basic => "HTTP Basic: `Credentials::basic(user, password)`.".to_owned(),
        K::Bearer => {
            "HTTP Bearer: `Credentials::bearer(token)`, or `Credentials::bearer_with(..)` \
                      for tokens that are refreshed."
                .to_owned()
        }
        K::ApiKey {
            location,
            parameter,
        } if location == "header" => format!(
            "an API key in the {} header: `Credentials::api_key({:?}, key)`.",
            code(parameter),
            parameter
        ),
        K::ApiKey {
            location,
            parameter,
        } => format!(
            "an API key in the {location} parameter {}: not sent by the client's credentials; \
             set it on each request, or send it through a custom HTTP client.",
            code(parameter)
        ),
        K::OAuth2 { token_url, .. } => match token_url {
            Some(url) => format!(
                "OAuth2 (token URL {}): `Credentials::bearer_with(..)` with a [`TokenCredential`] \
                 that obtains the tokens.",
                code(url)
            ),
            None => "OAuth2: `Credentials::bearer_with(..)` with a [`TokenCredential`] that \
                     obtains the tokens."
                .to_owned(),
        },
    }
}
