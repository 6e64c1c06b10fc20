//! The credentials a caller gives ([`Credentials`], [`Secret`], [`TokenCredential`]), and the
//! token operations a generated crate gives ([`TokenOperations`]). What the pipeline does with
//! them is in `auth.rs`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Challenge, Error};

/// A password or token. `Debug` prints `***`; there is no `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub(crate) String);

impl Secret {
    /// Wraps a secret value.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// The value, to put on the wire.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// What [`TokenCredential::token`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Secret, Error>> + Send + 'a>>;

/// What a [`TokenCredential`] is asked for: the scopes the token must cover, and the server's
/// challenge when there is one.
///
/// The scopes are the client's: those of the API's OAuth2 security requirement
/// (`https://example.com/.default`), or those set with `ClientBuilder::scopes`, as a
/// `get_token(scopes)` of a cloud SDK's token credential is asked for them. A `Bearer` challenge
/// may ask for more (its [`Challenge::scope`]).
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct TokenRequest<'a> {
    challenge: Option<&'a Challenge>,
    scopes: &'a [String],
}

impl<'a> TokenRequest<'a> {
    /// A request for a token covering `scopes`, after `challenge` (`None`: before any).
    pub fn new(challenge: Option<&'a Challenge>, scopes: &'a [String]) -> Self {
        TokenRequest { challenge, scopes }
    }

    /// The server's challenge (`None`: before any, or after a refused token without one).
    pub fn challenge(&self) -> Option<&'a Challenge> {
        self.challenge
    }

    /// The scopes the token must cover (empty when the API declares none and the client was
    /// given none).
    pub fn scopes(&self) -> &'a [String] {
        self.scopes
    }
}

/// A source of bearer tokens that may fetch, cache and refresh them.
///
/// The client calls [`token`](TokenCredential::token) before its first request (unless
/// [`preemptive`](TokenCredential::preemptive) is false), and again with the server's
/// challenge after a `401 Bearer` (the token it sent was refused, or does not cover the
/// challenge's scope): return a fresh token then. Each call says which scopes the token is for
/// ([`TokenRequest::scopes`]).
///
/// ```ignore
/// use the_client::runtime::{Secret, TokenCredential, TokenFuture, TokenRequest};
///
/// struct FromEnvironment;
///
/// impl TokenCredential for FromEnvironment {
///     fn token<'a>(&'a self, request: TokenRequest<'a>) -> TokenFuture<'a> {
///         let scope = request.scopes().first().cloned().unwrap_or_default();
///         Box::pin(async move { Ok(Secret::new(std::env::var(scope).unwrap_or_default())) })
///     }
/// }
/// ```
pub trait TokenCredential: Send + Sync + 'static {
    /// A token for `request`: its scopes, after its challenge (if any).
    fn token<'a>(&'a self, request: TokenRequest<'a>) -> TokenFuture<'a>;

    /// Whether a token can be asked for before the server sends a challenge (default: true).
    /// When false, the first request goes without a token and `token` is called on its `401`.
    fn preemptive(&self) -> bool {
        true
    }
}

impl TokenCredential for Secret {
    fn token<'a>(&'a self, _request: TokenRequest<'a>) -> TokenFuture<'a> {
        Box::pin(async move { Ok(self.clone()) })
    }
}

/// How a client authenticates: set with `ClientBuilder::credentials`.
///
/// [`Credentials::none`] (the default) still answers a `Bearer` challenge with an anonymous
/// token when the token service gives one.
///
/// One value serves any number of clients: a clone shares its [`TokenCredential`] (an `Arc`),
/// so two generated clients given clones of one `Credentials` ask one credential for tokens.
#[derive(Clone)]
pub struct Credentials {
    pub(crate) kind: Kind,
}

#[derive(Clone)]
pub(crate) enum Kind {
    None,
    Basic {
        user: String,
        password: Secret,
        /// Hosts besides the client's own whose token services may get the password.
        realm_hosts: Vec<String>,
    },
    Bearer(Secret),
    Token(Arc<dyn TokenCredential>),
    RefreshToken(Secret),
    Exchange(Arc<dyn TokenCredential>),
    ApiKey {
        header: String,
        key: Secret,
    },
}

impl Credentials {
    /// No credentials.
    pub fn none() -> Self {
        Credentials { kind: Kind::None }
    }

    /// A user name and password: sent as `Basic` to the client's scheme, host and port, and
    /// to the token service that a `Bearer` challenge names (its `realm`) when that is on the
    /// client's own origin, or on the client's host over `https`.
    ///
    /// A token service on another host gets no password (it is asked for an anonymous token)
    /// unless that host is allowed with
    /// [`allow_token_realm_host`](Self::allow_token_realm_host): a server could otherwise
    /// name a realm of its choice and collect the password.
    pub fn basic(user: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials {
            kind: Kind::Basic {
                user: user.into(),
                password: password.into(),
                realm_hosts: Vec::new(),
            },
        }
    }

    /// Lets [`basic`](Self::basic) credentials go to a token service (a `Bearer` challenge's
    /// `realm`) on `host` (some container tools do that for any realm): for a server whose
    /// token service is elsewhere (`Credentials::basic(..).allow_token_realm_host("auth.example.com")`). The realm
    /// must use `https` or the client's own scheme; the host is compared without its port,
    /// ASCII case-insensitively. Other credentials are left as they are.
    #[must_use]
    pub fn allow_token_realm_host(mut self, host: impl Into<String>) -> Self {
        if let Kind::Basic { realm_hosts, .. } = &mut self.kind {
            realm_hosts.push(host.into());
        }
        self
    }

    /// A fixed bearer token, sent with every request to the client's host.
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Credentials {
            kind: Kind::Bearer(token.into()),
        }
    }

    /// Bearer tokens from `credential`, asked for again when the server refuses one.
    pub fn bearer_with(credential: impl TokenCredential) -> Self {
        Credentials {
            kind: Kind::Token(Arc::new(credential)),
        }
    }

    /// An API key, sent in the request header `header` (an `apiKey` security scheme with
    /// `in: header`) with every request to the client's host, and never anywhere else.
    pub fn api_key(header: impl Into<String>, key: impl Into<Secret>) -> Self {
        Credentials {
            kind: Kind::ApiKey {
                header: header.into(),
                key: key.into(),
            },
        }
    }

    /// A refresh token, exchanged for an access token (for the scope of each `Bearer`
    /// challenge) by the API's own token operation: for APIs whose crate documentation says
    /// it has one (an OAuth2 `/oauth2/token` form).
    pub fn refresh_token(refresh_token: impl Into<Secret>) -> Self {
        Credentials {
            kind: Kind::RefreshToken(refresh_token.into()),
        }
    }

    /// Access tokens of another issuer (a [`Secret`], or any [`TokenCredential`] that fetches
    /// and refreshes one), exchanged for a refresh token (kept per service), then for access
    /// tokens, by the API's own token operations: for APIs whose crate documentation says it
    /// has them (an `/oauth2/exchange` form).
    pub fn exchange(access_token: impl TokenCredential) -> Self {
        Credentials {
            kind: Kind::Exchange(Arc::new(access_token)),
        }
    }

    pub(crate) fn name(&self) -> &'static str {
        match self.kind {
            Kind::None => "none",
            Kind::Basic { .. } => "basic",
            Kind::Bearer(_) => "bearer",
            Kind::Token(_) => "bearer_with",
            Kind::RefreshToken(_) => "refresh_token",
            Kind::Exchange(_) => "exchange",
            Kind::ApiKey { .. } => "api_key",
        }
    }
}

impl Default for Credentials {
    fn default() -> Self {
        Credentials::none()
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Credentials").field(&self.name()).finish()
    }
}

/// The API's own token operations, called by [`Auth`] on a `Bearer` challenge. Implemented by
/// the generated crate when the API description has such operations; each method returns
/// `None` when it has no such operation.
#[doc(hidden)]
pub trait TokenOperations: Send + Sync + 'static {
    /// An access token for `scope`, with the client's `Basic` credentials (or none).
    fn login<'a>(&'a self, _service: &'a str, _scope: &'a str) -> Option<TokenFuture<'a>> {
        None
    }

    /// An access token for `scope`, from a refresh token.
    fn refresh<'a>(
        &'a self,
        _service: &'a str,
        _scope: &'a str,
        _refresh_token: &'a Secret,
    ) -> Option<TokenFuture<'a>> {
        None
    }

    /// A refresh token, from another issuer's access token.
    fn exchange<'a>(
        &'a self,
        _service: &'a str,
        _access_token: &'a Secret,
    ) -> Option<TokenFuture<'a>> {
        None
    }
}
