//! The only place that turns spec strings into Rust identifiers.
//!
//! Rules (after prost-build's `ident.rs`):
//! - words are split by `heck` (`nextBlobUuidLink` -> `next_blob_uuid_link`,
//!   `Docker-Content-Digest` -> `docker_content_digest`, `org.opencontainers.image.authors` ->
//!   `org_opencontainers_image_authors`);
//! - a strict or reserved keyword becomes a raw identifier (`type` -> `r#type`), except the ones
//!   that cannot be raw (`self`, `super`, `crate`, `Self`, `_`), which get a trailing `_`;
//! - a leading digit gets a prefix (`_` for values, `V` for types and variants), since no Rust
//!   identifier starts with one;
//! - a string with no letters or digits at all becomes a fixed fallback (`value`, `Value`);
//! - within one scope, collisions get a numeric suffix in order of appearance ([`Scope`]).
//!
//! Every function here returns a string that `syn::parse_str::<syn::Ident>` accepts.

use heck::{ToSnakeCase, ToUpperCamelCase};
use indexmap::IndexSet;

/// Names the generated `Client` uses itself (its methods, fields and the crate's own modules):
/// group accessors and group modules must avoid them.
pub const CLIENT_MEMBERS: &[&str] = &[
    "new",
    "builder",
    "from_base_url",
    "base_url",
    "send",
    "request",
    "poll_sender",
    "clone",
    "fmt",
    "http_client",
    "pipeline",
    "errors",
    "models",
    "runtime",
];
/// Type names the generated crate root defines: group client types must avoid them.
pub const CRATE_TYPES: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "ErrorKind",
    "ErrorModel",
    "Body",
    "ByteStream",
];
/// Fields and methods of a generated request builder, and its built-in `accept(..)` and
/// `content_type(..)` setters: parameter names must avoid them (an `Accept` or `Content-Type`
/// header parameter replaces the built-in setter and takes its name: [`claim_parameter`]).
pub const REQUEST_MEMBERS: &[&str] = &["client", "send", "into_future", "accept", "content_type"];
/// Methods of a generated sub-client besides its operations (it derives `Clone` and `Debug`).
pub const GROUP_MEMBERS: &[&str] = &["clone", "fmt"];
/// Crates a generated crate names in its code (and the standard ones): group modules must not
/// shadow them, since `crate::std` would hide `std` in the crate root.
pub const EXTERN_CRATES: &[&str] = &[
    "std",
    "core",
    "alloc",
    "proc_macro",
    "test",
    "reqwest",
    "serde",
    "serde_json",
    "url",
    "bytes",
    "futures",
    "futures_core",
    "futures_util",
    "tokio",
    "http",
    "httpdate",
    "sha2",
    "base64",
    "percent_encoding",
    "uuid",
    "quick_xml",
];

/// Claims the Rust name of a request parameter in `scope` (made with [`REQUEST_MEMBERS`]
/// reserved). An `Accept` or `Content-Type` header parameter (`header` is its wire name) named
/// like the built-in setter takes that name, since it replaces the setter; any other parameter
/// with such a name gets a suffix.
pub fn claim_parameter(
    scope: &mut Scope,
    client_name: &str,
    header: Option<&str>,
    pointer: &str,
) -> (String, Option<Renamed>) {
    let name = value_name(client_name);
    let builtin = header.is_some_and(|h| {
        (h.eq_ignore_ascii_case("accept") && name == "accept")
            || (h.eq_ignore_ascii_case("content-type") && name == "content_type")
    });
    if builtin {
        return (name, None);
    }
    scope.claim_at(name, pointer)
}

/// The module (and accessor) name of an operation group: never one of `reserved` nor the name
/// of a crate the generated code uses (`std` becomes `std_api`).
pub fn group_name(scope: &mut Scope, group: &str, pointer: &str) -> (String, Option<Renamed>) {
    let name = value_name(group);
    if EXTERN_CRATES.contains(&name.as_str()) {
        let (given, _) = scope.claim_at(format!("{name}_api"), pointer);
        let renamed = Renamed {
            wanted: name,
            given: given.clone(),
            holder: None,
        };
        return (given, Some(renamed));
    }
    scope.claim_at(name, pointer)
}
/// Fields and methods of a generated response: header field names must avoid them.
pub const RESPONSE_MEMBERS: &[&str] =
    &["status", "headers", "body", "http", "into_body", "raw_body"];
/// Fields of the generated client state: host parameter names must avoid them.
pub const HOST_MEMBERS: &[&str] = &[
    "builder",
    "from_base_url",
    "base_url",
    "http_client",
    "pipeline",
];
/// Fields every generated struct model may have: property names must avoid them.
pub const MODEL_MEMBERS: &[&str] = &["additional_properties"];
/// Variants the emitter adds to enums (open enums, polymorphic unions).
pub const ENUM_MEMBERS: &[&str] = &["Other", "Unknown"];

/// Keywords that are written `r#kw` when used as identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers: they get a trailing underscore.
const UNRAWABLE: &[&str] = &["self", "Self", "super", "crate", "_"];

/// A `snake_case` value identifier: fields, arguments, methods, modules.
pub fn value_name(raw: &str) -> String {
    let snake = alnum_only(raw).to_snake_case();
    let snake = if snake.is_empty() {
        "value".to_owned()
    } else {
        snake
    };
    let snake = if starts_with_digit(&snake) {
        format!("_{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

/// An `UpperCamelCase` type identifier: structs, enums, aliases, sub-client types.
pub fn type_name(raw: &str) -> String {
    let camel = alnum_only(raw).to_upper_camel_case();
    let camel = if camel.is_empty() {
        "Value".to_owned()
    } else {
        camel
    };
    let camel = if starts_with_digit(&camel) {
        format!("V{camel}")
    } else {
        camel
    };
    escape_keyword(camel)
}

/// An enum variant for a wire value (`application/vnd.oci.image.manifest.v1+json` ->
/// `ApplicationVndOciImageManifestV1Json`, `2` -> `V2`, `""` -> `Empty`).
pub fn variant_name(value: &str) -> String {
    if value.is_empty() {
        return "Empty".to_owned();
    }
    type_name(value)
}

/// The name of the test function of an example: the group, the operation method and the
/// example's name, in `snake_case` (`repository_get_list_get_repositories_in_a_registry`).
pub fn example_test_name(operation: &str, group: &str, example: &str) -> String {
    let operation = operation.strip_prefix("r#").unwrap_or(operation);
    value_name(&format!("{group} {operation} {example}"))
}

/// The name of a response case for a status code (`200` -> `Ok`, `307` -> `TemporaryRedirect`).
pub fn status_name(status: u16) -> String {
    let name = match status {
        100 => "Continue",
        101 => "SwitchingProtocols",
        200 => "Ok",
        201 => "Created",
        202 => "Accepted",
        203 => "NonAuthoritativeInformation",
        204 => "NoContent",
        205 => "ResetContent",
        206 => "PartialContent",
        300 => "MultipleChoices",
        301 => "MovedPermanently",
        302 => "Found",
        303 => "SeeOther",
        304 => "NotModified",
        307 => "TemporaryRedirect",
        308 => "PermanentRedirect",
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        406 => "NotAcceptable",
        409 => "Conflict",
        410 => "Gone",
        412 => "PreconditionFailed",
        413 => "PayloadTooLarge",
        415 => "UnsupportedMediaType",
        416 => "RangeNotSatisfiable",
        422 => "UnprocessableEntity",
        429 => "TooManyRequests",
        500 => "InternalServerError",
        501 => "NotImplemented",
        502 => "BadGateway",
        503 => "ServiceUnavailable",
        504 => "GatewayTimeout",
        other => return format!("Status{other}"),
    };
    name.to_owned()
}

/// The name of a response case for a status range (`2XX` -> `Status2xx`).
pub fn status_range_name(range: &str) -> String {
    format!("Status{}", alnum_only(range).to_lowercase())
}

/// The variants of the `ErrorModel` enum, one per error type (`None` for types that are not
/// JSON): a model by its Rust name, other types by their kind (`Json`, `Text`, `Array`, ...).
/// Two error types with the same name (two inline arrays) get suffixes in order (`Array`,
/// `Array2`). `model_name` gives a model's Rust type name. Each entry is `(wanted, given)`.
pub fn error_variant_names(
    types: &[crate::ir::TypeRef],
    model_name: impl Fn(&str) -> Option<String>,
) -> Vec<Option<(String, String)>> {
    use crate::ir::TypeRef;
    let mut scope = Scope::new();
    types
        .iter()
        .map(|ty| {
            let label: String = match ty {
                TypeRef::Model { name } => model_name(name).unwrap_or_else(|| type_name(name)),
                TypeRef::Any | TypeRef::Nullable { .. } => "Json".into(),
                TypeRef::String { .. } => "Text".into(),
                TypeRef::Formatted { format } => type_name(format.name()),
                TypeRef::Integer { .. } => "Integer".into(),
                TypeRef::Number { .. } => "Number".into(),
                TypeRef::Boolean => "Boolean".into(),
                TypeRef::Array { .. } => "Array".into(),
                TypeRef::Map { .. } => "Map".into(),
                TypeRef::Binary => return None,
            };
            let given = scope.claim(label.clone());
            Some((label, given))
        })
        .collect()
}

/// Splits `Group_Operation` into its group and operation parts. Only the first `_` splits;
/// `None` when there is no `_` with text on both sides.
pub fn split_operation_id(operation_id: &str) -> Option<(&str, &str)> {
    let (group, op) = operation_id.split_once('_')?;
    (!group.is_empty() && !op.is_empty()).then_some((group, op))
}

/// A stable operation id for an operation without one: the method and the path's words
/// (`GET /v2/{name}/tags/list` -> `getV2NameTagsList`).
pub fn synthesized_operation_id(method: &str, path: &str) -> String {
    let words: String = path
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_upper_camel_case())
        .collect();
    let words = if words.is_empty() {
        "Root".to_owned()
    } else {
        words
    };
    format!("{}{}", method.to_ascii_lowercase(), words)
}

/// A scope in which names must be unique (fields of one struct, methods of one sub-client,
/// models of one crate). Collisions get `2`, `3`, ... (`_2` for snake case), in order of claim.
#[derive(Debug, Default)]
pub struct Scope {
    taken: IndexSet<String>,
    /// Where each name claimed with [`Scope::claim_at`] comes from (a JSON pointer).
    owners: indexmap::IndexMap<String, String>,
    /// Per stem and separator, the suffix to try first: every smaller one is taken (names are
    /// never released), so n claims of one name cost O(n), not O(n^2).
    next_suffix: indexmap::IndexMap<(String, &'static str), u64>,
}

/// A name that was taken when it was claimed, and what was given instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renamed {
    /// The name that was wanted.
    pub wanted: String,
    /// The name that was given.
    pub given: String,
    /// The JSON pointer of what has the wanted name, or `None` when the generated code itself
    /// uses it (a built-in method, a crate, a fixed field).
    pub holder: Option<String>,
}

impl Renamed {
    /// The warning text: `what` names the thing renamed (`the operation method`).
    pub fn message(&self, what: &str) -> String {
        let by = match &self.holder {
            Some(pointer) => format!("is taken by {pointer}"),
            None => "is used by the generated code".to_owned(),
        };
        format!(
            "{what} `{}` {by}: it is named `{}` instead",
            self.wanted, self.given
        )
    }
}

impl Scope {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// A scope in which `reserved` are already taken (e.g. fixed method names of a builder).
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
            ..Self::default()
        }
    }

    /// Like [`Scope::claim`], for the thing at `pointer`: also says who had the name when it
    /// was taken, so that the rename can be reported with both places.
    pub fn claim_at(&mut self, name: String, pointer: &str) -> (String, Option<Renamed>) {
        let given = self.claim(name.clone());
        self.owners
            .entry(given.clone())
            .or_insert_with(|| pointer.to_owned());
        if given == name {
            return (given, None);
        }
        let holder = self.owners.get(&name).cloned();
        let renamed = Renamed {
            wanted: name,
            given: given.clone(),
            holder,
        };
        (given, Some(renamed))
    }

    /// Claims `name`, or the first free suffixed form of it, and returns what was claimed.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let (stem, sep) = match name.strip_prefix("r#") {
            Some(stem) => (stem.to_owned(), "_"),
            None if name.ends_with('_') => (name.trim_end_matches('_').to_owned(), "_"),
            None if name.chars().next().is_some_and(char::is_uppercase) => (name.clone(), ""),
            None => (name.clone(), "_"),
        };
        let next = self.next_suffix.entry((stem.clone(), sep)).or_insert(2);
        loop {
            let candidate = format!("{stem}{sep}{next}");
            *next += 1;
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// Keeps letters and digits; other characters become separators (spaces), so that `a.b/c+d`
/// splits into words and nothing invalid reaches an identifier. Plural acronyms become one
/// word (see [`plural_acronyms`]).
fn alnum_only(raw: &str) -> String {
    let text: String = raw
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    plural_acronyms(&text)
}

/// An acronym with a plural `s` (`LROs`, `CPUsList`, `vmIDs`) made one capitalized word
/// (`Lros`, `CpusList`, `vmIds`): `heck` would start a word at its last capital (`lr_os`,
/// `i_ds`). A run of three or more capitals counts when an `s` follows it and ends the word (a
/// non-letter, a capital or the end follows the `s`); a run of two only when nothing
/// alphanumeric follows the `s`, since `XMsText` is `X-Ms-Text`, not the plural of `XM`.
fn plural_acronyms(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let run = chars[i..]
            .iter()
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let after = chars.get(i + run + 1);
        let plural = run >= 2
            && chars.get(i + run) == Some(&'s')
            && if run == 2 {
                after.is_none_or(|c| !c.is_ascii_alphanumeric())
            } else {
                after.is_none_or(|c| !c.is_ascii_lowercase())
            };
        if plural {
            out.push(chars[i]);
            out.extend(chars[i + 1..i + run].iter().map(char::to_ascii_lowercase));
            out.push('s');
            i += run + 1;
        } else if run > 0 {
            out.extend(&chars[i..i + run]);
            i += run;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

fn starts_with_digit(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn escape_keyword(name: String) -> String {
    if UNRAWABLE.contains(&name.as_str()) {
        format!("{name}_")
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_ident(s: &str) {
        assert!(
            syn::parse_str::<syn::Ident>(s).is_ok(),
            "{s:?} is not a valid identifier"
        );
    }

    #[test]
    fn value_names_are_snake_case() {
        assert_eq!(value_name("nextBlobUuidLink"), "next_blob_uuid_link");
        assert_eq!(value_name("Docker-Content-Digest"), "docker_content_digest");
        assert_eq!(
            value_name("org.opencontainers.image.authors"),
            "org_opencontainers_image_authors"
        );
        assert_eq!(value_name("loginUri"), "login_uri");
        assert_eq!(value_name("grant_type"), "grant_type");
        assert_eq!(value_name("ETag"), "e_tag");
    }

    #[test]
    fn plural_acronyms_are_one_word() {
        assert_eq!(value_name("LROs"), "lros");
        assert_eq!(value_name("LROSADs"), "lrosads");
        assert_eq!(value_name("LROsCustomHeader"), "lros_custom_header");
        assert_eq!(value_name("vmIDs"), "vm_ids");
        assert_eq!(value_name("allowedIPs_v2"), "allowed_ips_v2");
        assert_eq!(type_name("LROs"), "Lros");
        assert_eq!(type_name("LROsCustomHeader"), "LrosCustomHeader");
        // Not a plural: the `s` starts a word, or no capital run precedes it.
        assert_eq!(value_name("HTTPSettings"), "http_settings");
        assert_eq!(value_name("URLsigned"), "ur_lsigned");
        assert_eq!(value_name("Ds"), "ds");
        assert_eq!(value_name("ABCs"), "abcs");
        assert_eq!(value_name("CPUsList"), "cpus_list");
        // Two capitals: a plural only at the end of a word.
        assert_eq!(value_name("GetXMsText"), "get_x_ms_text");
        assert_eq!(value_name("IDsList"), "i_ds_list");
    }

    #[test]
    fn keywords_become_raw_or_get_an_underscore() {
        assert_eq!(value_name("type"), "r#type");
        assert_eq!(value_name("async"), "r#async");
        assert_eq!(value_name("gen"), "r#gen");
        assert_eq!(value_name("self"), "self_");
        assert_eq!(value_name("super"), "super_");
        assert_eq!(value_name("crate"), "crate_");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("Self"), "Self_");
        // a keyword only by its case-folded form is not a keyword
        assert_eq!(type_name("type"), "Type");
    }

    #[test]
    fn leading_digits_get_a_prefix() {
        assert_eq!(value_name("2fa"), "_2fa");
        assert_eq!(type_name("2019-08-15"), "V20190815");
        assert_eq!(variant_name("2"), "V2");
    }

    #[test]
    fn symbols_only_fall_back() {
        assert_eq!(value_name(""), "value");
        assert_eq!(value_name("$"), "value");
        assert_eq!(type_name("--"), "Value");
        assert_eq!(variant_name(""), "Empty");
        assert_eq!(variant_name("*"), "Value");
    }

    #[test]
    fn media_types_become_variants() {
        assert_eq!(
            variant_name("application/vnd.oci.image.manifest.v1+json"),
            "ApplicationVndOciImageManifestV1Json"
        );
    }

    #[test]
    fn type_names_are_upper_camel_case() {
        assert_eq!(
            type_name("ManifestAttributes_manifest"),
            "ManifestAttributesManifest"
        );
        assert_eq!(type_name("acrErrors"), "AcrErrors");
        assert_eq!(type_name("V2Support"), "V2Support");
    }

    #[test]
    fn every_output_is_an_identifier() {
        let inputs = [
            "type",
            "self",
            "Self",
            "_",
            "2x",
            "",
            "a-b",
            "a.b.c",
            "Ünïcode",
            "x y",
            "fn",
            "r#x",
            "__",
            "match",
            "mod",
            "1",
            "loop_",
        ];
        for input in inputs {
            assert_ident(&value_name(input));
            assert_ident(&type_name(input));
            assert_ident(&variant_name(input));
        }
    }

    #[test]
    fn statuses_have_reason_names() {
        assert_eq!(status_name(200), "Ok");
        assert_eq!(status_name(307), "TemporaryRedirect");
        assert_eq!(status_name(299), "Status299");
        assert_eq!(status_range_name("2XX"), "Status2xx");
    }

    #[test]
    fn operation_ids_split_at_the_first_underscore() {
        assert_eq!(
            split_operation_id("Blob_StartUpload"),
            Some(("Blob", "StartUpload"))
        );
        assert_eq!(
            split_operation_id("Repository_Get_List"),
            Some(("Repository", "Get_List"))
        );
        assert_eq!(split_operation_id("getPetById"), None);
        assert_eq!(split_operation_id("_x"), None);
        assert_eq!(split_operation_id("x_"), None);
    }

    #[test]
    fn synthesized_ids_come_from_method_and_path() {
        assert_eq!(
            synthesized_operation_id("GET", "/v2/{name}/tags/list"),
            "getV2NameTagsList"
        );
        assert_eq!(
            synthesized_operation_id("PUT", "/v2/{name}/blobs/uploads/{uuid}"),
            "putV2NameBlobsUploadsUuid"
        );
        assert_eq!(synthesized_operation_id("GET", "/"), "getRoot");
    }

    #[test]
    fn scopes_suffix_collisions_in_order() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("name".into()), "name");
        assert_eq!(scope.claim("name".into()), "name_2");
        assert_eq!(scope.claim("name".into()), "name_3");
        assert_eq!(scope.claim("Model".into()), "Model");
        assert_eq!(scope.claim("Model".into()), "Model2");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type_2");
        assert_eq!(scope.claim("self_".into()), "self_");
        assert_eq!(scope.claim("self_".into()), "self_2");
        let mut reserved = Scope::with_reserved(&["send"]);
        assert_eq!(reserved.claim("send".into()), "send_2");
    }

    #[test]
    fn renames_name_who_had_the_name() {
        let mut scope = Scope::with_reserved(REQUEST_MEMBERS);
        assert_eq!(scope.claim_at("name".into(), "#/a"), ("name".into(), None));
        let (given, renamed) = scope.claim_at("name".into(), "#/b");
        assert_eq!(given, "name_2");
        assert_eq!(renamed.expect("a rename").holder.as_deref(), Some("#/a"));
        let (given, renamed) = claim_parameter(&mut scope, "accept", None, "#/c");
        assert_eq!(given, "accept_2");
        assert_eq!(
            renamed.expect("a rename").message("the parameter"),
            "the parameter `accept` is used by the generated code: it is named `accept_2` instead"
        );
        // The `Accept` header itself replaces the built-in setter and keeps its name.
        assert_eq!(
            claim_parameter(&mut scope, "Accept", Some("Accept"), "#/d"),
            ("accept".into(), None)
        );
    }

    #[test]
    fn every_dependency_of_a_generated_crate_is_a_reserved_module_name() {
        // Every `dep("name", ..)` of the list, conditional ones included.
        let source = include_str!("emit/dependencies.rs");
        let names: Vec<String> = source
            .split("dep(\n")
            .flat_map(|part| part.split("dep("))
            .skip(1)
            .filter_map(|call| call.trim_start().strip_prefix('"')?.split_once('"'))
            .map(|(name, _)| name.replace('-', "_"))
            .collect();
        assert!(names.len() >= 5, "{names:?}");
        for name in names {
            assert!(
                EXTERN_CRATES.contains(&name.as_str()),
                "{name} is not in EXTERN_CRATES"
            );
        }
    }

    #[test]
    fn repeated_claims_number_in_order_and_skip_names_taken_directly() {
        let mut scope = Scope::new();
        assert_eq!(scope.claim("x_3".into()), "x_3");
        let given: Vec<String> = (0..5).map(|_| scope.claim("x".into())).collect();
        assert_eq!(given, ["x", "x_2", "x_4", "x_5", "x_6"]);
        // Taken directly after the numbering passed it: still never given twice.
        assert_eq!(scope.claim("x_7".into()), "x_7");
        assert_eq!(scope.claim("x".into()), "x_8");
        // `x_` is free; taken, it is numbered like `x` (same stem and separator).
        assert_eq!(scope.claim("x_".into()), "x_");
        assert_eq!(scope.claim("x_".into()), "x_9");
        assert_eq!(scope.claim("Item".into()), "Item");
        assert_eq!(scope.claim("Item".into()), "Item2");
    }

    #[test]
    fn groups_never_shadow_a_crate() {
        let mut scope = Scope::with_reserved(CLIENT_MEMBERS);
        for (group, module) in [
            ("Std", "std_api"),
            ("Reqwest", "reqwest_api"),
            ("Url", "url_api"),
            ("serde_json", "serde_json_api"),
            ("Core", "core_api"),
            ("Models", "models_2"),
            ("Clone", "clone_2"),
            ("Blob", "blob"),
        ] {
            assert_eq!(group_name(&mut scope, group, "#").0, module, "{group}");
        }
    }
}
