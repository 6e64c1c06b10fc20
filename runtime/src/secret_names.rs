//! Which names carry a secret: the one rule for header names, JSON members and model fields.
//!
//! The runtime's `Debug` and `Display` print `***` for the values of such names (`redact.rs`),
//! and the generator (which includes this file) emits a `Debug` that does the same for model
//! and response fields whose wire name is one. The file has no imports, so that both can use it.

/// Words that make a name a secret's (compared with the name in lower case, without `-`, `_`,
/// `.` or spaces): `access_token`, `x-ms-refresh-token`, `client_secret`, `primaryKey`,
/// `x-api-key`, `connectionString`, `Set-Cookie`, `Proxy-Authorization`.
const SECRET_WORDS: &[&str] = &[
    "token",
    "secret",
    "password",
    "passwd",
    "passphrase",
    "key",
    "signature",
    "credential",
    "connectionstring",
    "authorization",
    "cookie",
];

/// Endings that make a name one *about* a secret, not the secret itself: `token_type`,
/// `keyName`, `key_id`, `tokenUrl`, `expires_in` (no secret word), `keyVersion`.
const NOT_SECRET_ENDINGS: &[&str] = &[
    "type", "name", "id", "ids", "url", "uri", "kind", "version", "count", "size", "length",
];

/// Whole names that carry a secret though no word above is in them.
const SECRET_NAMES: &[&str] = &["pwd", "sig", "apikey"];

/// True when the value of a header, JSON member or model field named `name` is a credential
/// or another secret, and must not be printed.
pub(crate) fn is_secret_name(name: &str) -> bool {
    let name: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_' | '.' | ' '))
        .flat_map(char::to_lowercase)
        .collect();
    if SECRET_NAMES.contains(&name.as_str()) {
        return true;
    }
    SECRET_WORDS.iter().any(|word| name.contains(word))
        && !NOT_SECRET_ENDINGS.iter().any(|end| name.ends_with(end))
}
