//! What the pipeline does with the caller's [`Credentials`]: [`Auth`].
//!
//! Credentials go only to the client's own scheme, host and port: never to a host that a
//! redirect or a link points to. Before a request, [`Auth`] adds `Authorization`: the bearer
//! token obtained last (if any), else a static bearer token, else a token from a
//! [`TokenCredential`](super::TokenCredential) that can answer without a challenge, else
//! `Basic` credentials.
//!
//! After a `401`, it reads the `WWW-Authenticate` challenges and, when it can answer one, the
//! pipeline sends the request once more (only when its body can be sent again):
//!
//! - with a caller's [`TokenCredential`](super::TokenCredential): a new token from it, for a
//!   `Bearer` challenge (with or without `realm`), or after its token was refused without one;
//! - `Bearer realm=..,service=..,scope=..`: a token for that scope, from the cache (when the
//!   request did not just use it), else from the API's own token operations when its
//!   description has them ([`TokenOperations`], generated), else from the token service at
//!   `realm` (see `token.rs`). Tokens are cached per scope;
//! - `Basic`: the `Basic` credentials, when the request did not carry them.
//!
//! A fixed bearer token is never replaced: its `401` is the answer.
//!
//! Credentials that cannot go into a header (a line break in a token or password, a `:` in a
//! `Basic` user name) fail the call ([`super::ErrorKind::Auth`]): a request is never sent
//! without the credentials it should carry.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use super::credentials::{Kind, TokenOperations};
use super::token::TokenService;
use super::{Challenge, Credentials, Error, Secret, TokenRequest};

/// What a request carried, so that a `401` can tell what to try next.
#[derive(Clone)]
pub(crate) enum Sent {
    Nothing,
    Basic,
    Bearer(Secret),
}

/// The credentials of one client, and the tokens obtained with them. Cheap to clone.
#[doc(hidden)]
#[derive(Clone, Default)]
pub struct Auth {
    state: Option<Arc<State>>,
}

struct State {
    kind: Kind,
    operations: Option<Arc<dyn TokenOperations>>,
    challenges: bool,
    cache: Mutex<Cache>,
}

#[derive(Default)]
struct Cache {
    /// The bearer token obtained last: sent with the next requests.
    current: Option<Secret>,
    /// Tokens by challenge (`realm service scope`).
    scopes: BTreeMap<String, Secret>,
    /// Refresh tokens by service (exchange grants).
    refresh: BTreeMap<String, Secret>,
}

impl Auth {
    /// No credentials, no challenge handling.
    pub fn none() -> Self {
        Auth::default()
    }

    /// `credentials`, answering challenges with `operations` when the API has them.
    pub fn new(credentials: Credentials, operations: Option<Arc<dyn TokenOperations>>) -> Self {
        Auth::with(credentials.kind, operations, true)
    }

    /// What the API's token operations are called with: `Basic` credentials (if any), and no
    /// challenge handling.
    pub fn for_token_requests(credentials: &Credentials) -> Self {
        match &credentials.kind {
            Kind::Basic { .. } => Auth::with(credentials.kind.clone(), None, false),
            _ => Auth::none(),
        }
    }

    fn with(kind: Kind, operations: Option<Arc<dyn TokenOperations>>, challenges: bool) -> Self {
        Auth {
            state: Some(Arc::new(State {
                kind,
                operations,
                challenges,
                cache: Mutex::new(Cache::default()),
            })),
        }
    }

    /// The credential header (`Authorization`, or an API key's header) for a request to the
    /// client's own origin; a token is asked for `scopes`.
    pub(crate) async fn authorization(
        &self,
        scopes: &[String],
    ) -> Result<(Option<(HeaderName, HeaderValue)>, Sent), Error> {
        let Some(state) = &self.state else {
            return Ok((None, Sent::Nothing));
        };
        if let Some(token) = state.cache().current.clone() {
            return Ok((Some((AUTHORIZATION, bearer(&token)?)), Sent::Bearer(token)));
        }
        match &state.kind {
            Kind::Bearer(token) => Ok((
                Some((AUTHORIZATION, bearer(token)?)),
                Sent::Bearer(token.clone()),
            )),
            Kind::Token(credential) if credential.preemptive() => {
                let token = credential.token(TokenRequest::new(None, scopes)).await?;
                state.cache().current = Some(token.clone());
                Ok((Some((AUTHORIZATION, bearer(&token)?)), Sent::Bearer(token)))
            }
            Kind::Basic { user, password, .. } => {
                Ok((Some((AUTHORIZATION, basic(user, password)?)), Sent::Basic))
            }
            Kind::ApiKey { header, key } => Ok((Some(api_key(header, key)?), Sent::Nothing)),
            _ => Ok((None, Sent::Nothing)),
        }
    }

    /// After a `401` with `challenges`: true when there are new credentials to send the
    /// request again with (a caller's credential is asked for a token for `scopes`).
    pub(crate) async fn answer(
        &self,
        challenges: &[Challenge],
        sent: &Sent,
        service: &TokenService<'_>,
        scopes: &[String],
    ) -> Result<bool, Error> {
        let Some(state) = self.state.as_ref().filter(|s| s.challenges) else {
            return Ok(false);
        };
        let basic_creds = match &state.kind {
            Kind::Basic {
                user,
                password,
                realm_hosts,
            } => Some(super::token::Basic {
                user,
                password,
                realm_hosts,
            }),
            _ => None,
        };
        if let Kind::Token(credential) = &state.kind {
            // The caller's credential is asked again on a `Bearer` challenge (with or without
            // a realm), or, when the token it gave was refused without one, with `None`.
            let challenge = challenges.iter().find(|c| c.is("bearer"));
            let refused = matches!(sent, Sent::Bearer(_)) && credential.preemptive();
            if challenge.is_none() && !refused {
                return Ok(false);
            }
            let token = credential
                .token(TokenRequest::new(challenge, scopes))
                .await?;
            state.cache().current = Some(token);
            return Ok(true);
        }
        let bearer_challenge = challenges
            .iter()
            .find(|c| c.is("bearer") && c.realm().is_some());
        let Some(challenge) = bearer_challenge else {
            let basic_asked = challenges.iter().any(|c| c.is("basic"));
            if basic_asked && basic_creds.is_some() && !matches!(sent, Sent::Basic) {
                state.cache().current = None;
                return Ok(true);
            }
            return Ok(false);
        };
        let key = scope_key(challenge);
        {
            let mut cache = state.cache();
            cache.current = None;
            let cached = cache.scopes.get(&key).cloned();
            match (cached, sent) {
                (Some(cached), Sent::Bearer(used)) if &cached == used => {
                    cache.scopes.remove(&key);
                }
                (Some(cached), _) => {
                    cache.current = Some(cached);
                    return Ok(true);
                }
                (None, _) => {}
            }
        }
        let (token_service, service) = (service, challenge.service().unwrap_or_default());
        let scope = challenge.scope().unwrap_or_default();
        let operations = state.operations.as_deref();
        let token = match &state.kind {
            Kind::Bearer(_) | Kind::Token(_) | Kind::ApiKey { .. } => return Ok(false),
            Kind::None | Kind::Basic { .. } => {
                match operations.and_then(|o| o.login(service, scope)) {
                    Some(login) => login.await?,
                    None => super::token::fetch(token_service, challenge, basic_creds).await?,
                }
            }
            Kind::RefreshToken(refresh_token) => {
                refresh(operations, service, scope, refresh_token).await?
            }
            Kind::Exchange(source) => {
                let cached = state.cache().refresh.get(service).cloned();
                let refresh_token = match cached {
                    Some(token) => token,
                    None => {
                        let request = TokenRequest::new(Some(challenge), scopes);
                        let access_token = source.token(request).await?;
                        let exchange = operations
                            .and_then(|o| o.exchange(service, &access_token))
                            .ok_or_else(|| no_operation("exchanges an access token"))?;
                        let token = exchange.await?;
                        state
                            .cache()
                            .refresh
                            .insert(service.to_owned(), token.clone());
                        token
                    }
                };
                let answer = refresh(operations, service, scope, &refresh_token).await;
                if answer.is_err() {
                    state.cache().refresh.remove(service);
                }
                answer?
            }
        };
        let mut cache = state.cache();
        cache.current = Some(token.clone());
        cache.scopes.insert(key, token);
        Ok(true)
    }

    fn name(&self) -> &'static str {
        self.state.as_ref().map_or("none", |s| {
            Credentials {
                kind: s.kind.clone(),
            }
            .name()
        })
    }
}

impl State {
    fn cache(&self) -> MutexGuard<'_, Cache> {
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

impl fmt::Debug for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Credentials").field(&self.name()).finish()
    }
}

/// What tokens are cached by: `realm service scope`.
fn scope_key(challenge: &Challenge) -> String {
    format!(
        "{} {} {}",
        challenge.realm().unwrap_or_default(),
        challenge.service().unwrap_or_default(),
        challenge.scope().unwrap_or_default()
    )
}

async fn refresh(
    operations: Option<&dyn TokenOperations>,
    service: &str,
    scope: &str,
    refresh_token: &Secret,
) -> Result<Secret, Error> {
    let refresh = operations
        .and_then(|o| o.refresh(service, scope, refresh_token))
        .ok_or_else(|| no_operation("exchanges a refresh token"))?;
    refresh.await
}

fn no_operation(what: &str) -> Error {
    Error::auth(
        None,
        format!("the API has no operation that {what} for an access token"),
        None,
    )
}

/// The API key's header; a header name or key that cannot go into a header is an error, not a
/// request sent without it.
fn api_key(header: &str, key: &Secret) -> Result<(HeaderName, HeaderValue), Error> {
    let name = HeaderName::from_bytes(header.as_bytes()).map_err(|_| {
        Error::invalid_parameter(
            None,
            "api_key",
            format!("{header:?} is not a valid header name for an API key"),
        )
    })?;
    let mut value = HeaderValue::from_str(key.expose()).map_err(|_| {
        Error::invalid_parameter(None, "api_key", "the API key cannot be sent in a header")
    })?;
    value.set_sensitive(true);
    Ok((name, value))
}

/// `Bearer <token>`; a token that cannot go into a header (a line break, a control character)
/// is an error, never a request sent without it.
fn bearer(token: &Secret) -> Result<HeaderValue, Error> {
    sensitive(format!("Bearer {}", token.expose()), "the bearer token")
}

/// `Basic <base64(user:password)>`; a user name or password that cannot be sent is an error.
fn basic(user: &str, password: &Secret) -> Result<HeaderValue, Error> {
    if user.contains(':')
        || user
            .chars()
            .chain(password.expose().chars())
            .any(char::is_control)
    {
        return Err(invalid_credentials(
            "the Basic user name has a `:`, or the user name or password a control character",
        ));
    }
    let encoded = base64(format!("{user}:{}", password.expose()).as_bytes());
    sensitive(format!("Basic {encoded}"), "the Basic credentials")
}

fn sensitive(text: String, what: &str) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(&text).map_err(|_| {
        invalid_credentials(&format!(
            "{what} cannot be sent in a header (a line break or another control character)"
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}

fn invalid_credentials(message: &str) -> Error {
    Error::auth(None, message.to_owned(), None)
}

/// Standard base64 with padding (RFC 4648), for `Basic` credentials.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A token from a JSON answer: its `token`, else its `access_token`.
pub(crate) fn token_from_json(body: &[u8]) -> Option<Secret> {
    #[derive(serde::Deserialize)]
    struct Answer {
        token: Option<String>,
        access_token: Option<String>,
    }
    let answer: Answer = serde_json::from_slice(body).ok()?;
    answer
        .token
        .filter(|t| !t.is_empty())
        .or(answer.access_token.filter(|t| !t.is_empty()))
        .map(Secret)
}

/// The token in a token operation's answer: an error naming the operation and the field when
/// it is missing or empty.
#[doc(hidden)]
pub fn token_field(
    operation: &'static str,
    field: &str,
    value: impl Into<Option<String>>,
) -> Result<Secret, Error> {
    match value.into().filter(|v| !v.is_empty()) {
        Some(value) => Ok(Secret(value)),
        None => Err(Error::auth(
            Some(operation),
            format!("the answer has no `{field}`"),
            None,
        )),
    }
}
