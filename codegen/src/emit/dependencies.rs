//! The `[dependencies]` of the generated crate: one line per crate, chosen from what the crate's
//! code uses, with default features off where the defaults bring crates it does not use.
//!
//! Conditional dependencies (a crate only some APIs need) are decided here from the IR and
//! pushed as lines; the `Cargo.toml` template only lists them. The TLS backend is not a
//! dependency line but a feature of the generated crate (`rustls`, the default, or
//! `native-tls`), declared in the template.

use super::Ctx;

/// One `name = spec` line of `[dependencies]`, in the order the template writes them.
pub struct Dependency {
    /// The crate name.
    pub name: &'static str,
    /// Its TOML value: a version string or an inline table.
    pub spec: std::borrow::Cow<'static, str>,
}

impl std::fmt::Display for Dependency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} = {}", self.name, self.spec)
    }
}

const fn dep(name: &'static str, spec: &'static str) -> Dependency {
    Dependency {
        name,
        spec: std::borrow::Cow::Borrowed(spec),
    }
}

/// The runtime crate, at the version this generator pins, with the features the crate needs
/// (none of its defaults: the crate's own `rustls`/`native-tls` feature picks the TLS backend).
fn runtime_dependency(ctx: &Ctx<'_>, path: Option<&str>) -> Dependency {
    let features: Vec<String> = ctx
        .runtime_features()
        .iter()
        .map(|f| format!("{f:?}"))
        .collect();
    let path = path.map(|p| format!(", path = {p:?}")).unwrap_or_default();
    Dependency {
        name: super::runtime::CRATE,
        spec: std::borrow::Cow::Owned(format!(
            "{{ version = \"{}\"{path}, default-features = false, features = [{}] }}",
            super::runtime::VERSION,
            features.join(", ")
        )),
    }
}

/// The dependencies of the crate generated for `api`, sorted by name.
pub(super) fn dependencies(ctx: &Ctx<'_>) -> Vec<Dependency> {
    let mut deps = vec![
        dep("bytes", r#""1""#),
        dep("percent-encoding", r#""2.3""#),
        // No TLS here: the crate's `rustls` (default) or `native-tls` feature picks one.
        dep(
            "reqwest",
            r#"{ version = "0.12", default-features = false, features = ["stream", "multipart"] }"#,
        ),
        dep("serde", r#"{ version = "1.0.188", features = ["derive"] }"#),
        // `raw_value`: parameters are formatted from their JSON text (`runtime/request.rs`);
        // `float_roundtrip`: a float reads back as the value that was written.
        dep(
            "serde_json",
            r#"{ version = "1", features = ["float_roundtrip", "raw_value"] }"#,
        ),
        dep(
            "tokio",
            r#"{ version = "1", features = ["fs", "io-util", "time"] }"#,
        ),
        dep("url", r#""2.5""#),
        // The automatic client request id (`runtime::Options::client_request_id`).
        dep("uuid", r#"{ version = "1", features = ["v4"] }"#),
    ];
    // Pageable and `Link`-paged operations name `futures::Stream` (their documentation
    // `futures::TryStreamExt`): streams and their combinators only, no executor
    // (`futures-executor`), no macros (`async-await`: `futures-macro` and `syn` with all its
    // features). Other crates go without the facade, whose `std` feature brings `futures-io` and
    // more (issue 19).
    if names_futures(ctx) {
        deps.push(dep(
            "futures",
            r#"{ version = "0.3", default-features = false, features = ["std"] }"#,
        ));
    }
    match &ctx.options.runtime {
        crate::Runtime::Crate { path } => deps.push(runtime_dependency(ctx, path.as_deref())),
        crate::Runtime::Vendored => {
            // What the runtime itself uses, which the generated code does not name.
            deps.push(dep(
                "futures-util",
                r#"{ version = "0.3", default-features = false, features = ["std"] }"#,
            ));
            deps.push(dep("http", r#""1""#));
            deps.push(dep("httpdate", r#""1""#));
            // `runtime/digest.rs`, only in crates that stream bodies or name digests.
            if ctx.runtime.digest {
                deps.push(dep("sha2", r#""0.10""#));
            }
            // The XML runtime (`runtime/xml.rs`), only in crates with an XML body.
            if ctx.runtime.xml {
                deps.push(dep("quick-xml", r#""0.42""#));
            }
        }
    }
    // The typed formats' adapters and their crates (`time`, `base64`, `serde_with`, ...).
    deps.extend(
        super::formats::dependencies(ctx)
            .into_iter()
            .map(|(name, spec)| dep(name, spec)),
    );
    deps.sort_by_key(|d| d.name);
    deps
}

/// The crate's code names `futures`: some operation is pageable or `Link`-paged (its
/// [`Facts::list`](super::facts::Facts::list)).
fn names_futures(ctx: &Ctx<'_>) -> bool {
    ctx.runtime.pager
        || ctx
            .api
            .operations
            .iter()
            .any(|op| ctx.facts(op).is_ok_and(|facts| facts.list.is_some()))
}
