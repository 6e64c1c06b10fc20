//! The typed wire formats (`date-time`, `byte`, ...) an API uses: the runtime crate's feature
//! of each family (its serde adapters, `runtime::formats`), and the crates they need in the
//! generated crate's `Cargo.toml`.

use std::collections::BTreeSet;

use super::Ctx;
use crate::Runtime;
use crate::ir::{Api, BodyKind, ModelKind, Parameter, ResponseBody, TypeRef};
/// The formats that `api` types, wherever they are (models, parameters, bodies, headers). Ask
/// [`Ctx::formats_used`], which finds them once.
pub(crate) fn used(api: &Api) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    each_type(api, &mut |ty| {
        if let TypeRef::Formatted { format } = ty {
            out.insert(format.name());
        }
    });
    out
}

/// Calls `f` on every type of `api`, outermost first (`Vec<T>`, then `T`): the host and
/// client parameters, each operation's parameters, body, flattened body fields, responses
/// (bodies and headers) and polling result, the error models, the parameter groups' fields,
/// and every model's properties, extra properties, flattened fields, enum base, union variants
/// and aliased type.
fn each_type(api: &Api, f: &mut impl FnMut(&TypeRef)) {
    let parameters =
        |ps: &[Parameter], f: &mut dyn FnMut(&TypeRef)| ps.iter().for_each(|p| f(&p.ty));
    let mut f = |ty: &TypeRef| nested(ty, f);
    parameters(&api.host.parameters, &mut f);
    parameters(&api.client_parameters, &mut f);
    for op in &api.operations {
        parameters(&op.parameters, &mut f);
        match op.body.as_ref().map(|b| &b.kind) {
            Some(BodyKind::Json { ty }) => f(ty),
            Some(BodyKind::Form { fields } | BodyKind::Multipart { fields }) => {
                parameters(fields, &mut f)
            }
            Some(BodyKind::Binary | BodyKind::Text) | None => {}
        }
        for field in op.flattened_body.iter().flat_map(|b| &b.fields) {
            f(&field.ty);
        }
        for response in op.responses.iter().chain(&op.default_response) {
            if let Some(ResponseBody::Json { ty, .. }) = &response.body {
                f(ty);
            }
            response.headers.iter().for_each(|h| f(&h.ty));
        }
        if let Some(ty) = op.polling.as_ref().and_then(|p| p.result.as_ref()) {
            f(ty);
        }
    }
    api.error_models.iter().for_each(&mut f);
    for group in &api.parameter_groups {
        group.fields.iter().for_each(|field| f(&field.ty));
    }
    for model in &api.models {
        match &model.kind {
            ModelKind::Struct(s) => {
                s.properties.iter().for_each(|p| f(&p.ty));
                s.additional_properties.iter().for_each(&mut f);
                for flat in s.flattened.iter().flat_map(|fl| &fl.fields) {
                    f(&flat.property.ty);
                }
            }
            ModelKind::Enum(e) => f(&e.base),
            ModelKind::Union(u) => u.variants.iter().for_each(|v| f(&v.ty)),
            ModelKind::Alias { ty } => f(ty),
        }
    }
}

/// `ty` and the types inside it (array items, map values, nullable values).
fn nested(ty: &TypeRef, f: &mut impl FnMut(&TypeRef)) {
    let mut ty = ty;
    loop {
        f(ty);
        ty = match ty {
            TypeRef::Array { items: inner }
            | TypeRef::Map { values: inner }
            | TypeRef::Nullable { inner } => inner,
            _ => return,
        };
    }
}

/// What a group of formats needs: its runtime feature (and adapter module), and its crates.
struct Family {
    formats: &'static [&'static str],
    /// The runtime crate's feature (`None`: the family needs no adapter).
    feature: Option<&'static str>,
    /// `(name, TOML value)` of each crate its adapter needs (the runtime's, when vendored).
    adapter_dependencies: &'static [(&'static str, &'static str)],
    /// `(name, TOML value)` of each crate the generated code itself names for it.
    dependencies: &'static [(&'static str, &'static str)],
}

/// The `time` crate, which date fields are typed with.
const TIME: (&str, &str) = (
    "time",
    r#"{ version = "0.3.41", features = ["formatting", "parsing"] }"#,
);

const FAMILIES: [Family; 4] = [
    Family {
        formats: &["date", "date-time", "date-time-rfc1123", "unixtime"],
        feature: Some("dates"),
        adapter_dependencies: &[],
        dependencies: &[TIME],
    },
    Family {
        formats: &["duration"],
        feature: Some("durations"),
        // `IsoDuration` is the runtime's own: `jiff`'s spans stop at about 20,000 years, short
        // of .NET's `TimeSpan.MaxValue`, which Azure services send.
        adapter_dependencies: &[],
        dependencies: &[],
    },
    Family {
        formats: &["byte", "base64url"],
        feature: Some("base64"),
        adapter_dependencies: &[("base64", r#""0.22""#)],
        dependencies: &[],
    },
    // `uuid` is a dependency of every crate already.
    Family {
        formats: &["uuid"],
        feature: Some("uuid-format"),
        adapter_dependencies: &[],
        dependencies: &[],
    },
];

fn families<'a>(used: &'a BTreeSet<&'static str>) -> impl Iterator<Item = &'static Family> + 'a {
    FAMILIES
        .iter()
        .filter(|f| f.formats.iter().any(|name| used.contains(name)))
}

/// The runtime crate's features the formats in `used` need (`dates`, ...), with `formats`, the
/// module they live in, when there is any.
pub(crate) fn features(used: &BTreeSet<&'static str>) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = families(used).filter_map(|f| f.feature).collect();
    if !out.is_empty() {
        out.push("formats");
    }
    out
}

/// True when the crate uses the runtime's `formats` module.
pub(crate) fn has_module(ctx: &Ctx<'_>) -> bool {
    ctx.runtime_features().contains("formats")
}

/// The crates the formats of the API need (`serde_with` with any adapter), as
/// `(name, TOML value)`: those the generated code names, and, when the runtime is vendored, its
/// adapters' own.
pub(crate) fn dependencies(ctx: &Ctx<'_>) -> Vec<(&'static str, &'static str)> {
    let used = ctx.formats_used();
    let vendored = ctx.options.runtime == Runtime::Vendored;
    let mut out: Vec<_> = families(used)
        .flat_map(|f| {
            let own = f.dependencies.iter();
            let adapter = f.adapter_dependencies.iter().filter(move |_| vendored);
            own.chain(adapter).copied()
        })
        .collect();
    if has_module(ctx) {
        out.push((
            "serde_with",
            r#"{ version = "3.12", default-features = false, features = ["alloc"] }"#,
        ));
    }
    out
}
