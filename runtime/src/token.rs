//! The token protocol of `Bearer` challenges, for APIs whose description has no token
//! operation: `GET <realm>?service=<service>&scope=<scope>` (one `scope` per space-separated
//! scope of the challenge), with the `Basic` credentials when the client has them and the
//! realm is on the client's own origin, uses `https` on the client's host, or is on a host the
//! caller allowed (`Credentials::allow_token_realm_host`) over `https` or the client's own
//! scheme; the answer is JSON with a `token` (or `access_token`).

use std::time::Duration;

use reqwest::header::{HeaderValue, ACCEPT};
use url::Url;

use super::auth::token_from_json;
use super::error::MAX_ERROR_BODY;
use super::read::{idle_bounded, read_prefix, Activity};
use super::urls::same_origin;
use super::{Challenge, Error, Secret};

/// What errors of the token request are attributed to.
const OPERATION: &str = "token request";

/// `Basic` credentials, and where besides the client's host their token services may be.
pub(crate) struct Basic<'a> {
    pub user: &'a str,
    pub password: &'a Secret,
    pub realm_hosts: &'a [String],
}

impl Basic<'_> {
    /// True when the password may go to the token service at `realm`: the client's own
    /// origin; `https` on the client's host; a host the caller allowed, over `https` or the
    /// client's own scheme (never a weaker transport than the client's).
    fn may_go_to(&self, realm: &Url, base: &Url) -> bool {
        if same_origin(realm, base) {
            return true;
        }
        let host = realm.host_str().unwrap_or_default();
        let https = realm.scheme() == "https";
        let allowed = self
            .realm_hosts
            .iter()
            .any(|h| h.eq_ignore_ascii_case(host));
        (https && base.host_str() == Some(host))
            || (allowed && (https || realm.scheme() == base.scheme()))
    }
}

/// How the pipeline reaches a token service.
pub(crate) struct TokenService<'a> {
    pub http: &'a reqwest::Client,
    pub timeout: Option<Duration>,
    pub read_timeout: Option<Duration>,
    /// The client's base URL.
    pub base: &'a url::Url,
}

/// A token for `challenge` from the service at its realm.
pub(crate) async fn fetch(
    service: &TokenService<'_>,
    challenge: &Challenge,
    basic: Option<Basic<'_>>,
) -> Result<Secret, Error> {
    let realm = challenge.realm().unwrap_or_default();
    let mut url = Url::parse(realm)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .ok_or_else(|| Error::auth(None, "the challenge's realm is not an http(s) URL", None))?;
    {
        let mut query = url.query_pairs_mut();
        if let Some(name) = challenge.service() {
            query.append_pair("service", name);
        }
        for scope in challenge.scope().unwrap_or_default().split_whitespace() {
            query.append_pair("scope", scope);
        }
    }
    let mut request = service
        .http
        .get(url.clone())
        .header(ACCEPT, HeaderValue::from_static("application/json"));
    if let Some(timeout) = service.timeout {
        request = request.timeout(timeout);
    }
    if let Some(basic) = basic.filter(|b| b.may_go_to(&url, service.base)) {
        request = request.basic_auth(basic.user, Some(basic.password.expose()));
    }
    let sending = request.send();
    let mut response = idle_bounded(None, sending, service.read_timeout, &Activity::new())
        .await?
        .map_err(|e| Error::transport(None, e))?;
    let status = response.status();
    let headers = response.headers().clone();
    // A token answer is small: what is beyond the error body limit is not read.
    let body = read_prefix(OPERATION, &mut response, MAX_ERROR_BODY).await;
    if !status.is_success() {
        return Err(Error::auth(
            None,
            "the token service refused the request",
            Some((status, headers, body)),
        ));
    }
    // The body is not kept in the error: it may hold a token.
    token_from_json(&body).ok_or_else(|| {
        Error::auth(
            None,
            "the token service's answer has no `token` nor `access_token`",
            Some((status, headers, bytes::Bytes::new())),
        )
    })
}
