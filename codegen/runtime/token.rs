//! The token protocol of `Bearer` challenges, for APIs whose description has no token
//! operation: `GET <realm>?service=<service>&scope=<scope>` (one `scope` per space-separated
//! scope of the challenge), with the `Basic` credentials when the client has them and the
//! realm is on the client's own origin or uses `https`; the answer is JSON with a `token` (or
//! `access_token`).

use std::time::Duration;

use reqwest::header::{ACCEPT, HeaderValue};
use url::Url;

use super::auth::token_from_json;
use super::urls::same_origin;
use super::{Challenge, Error, Secret};

/// How the pipeline reaches a token service.
pub(crate) struct TokenService<'a> {
    pub http: &'a reqwest::Client,
    pub timeout: Option<Duration>,
    /// The client's base URL.
    pub base: &'a url::Url,
}

/// A token for `challenge` from the service at its realm.
pub(crate) async fn fetch(
    service: &TokenService<'_>,
    challenge: &Challenge,
    basic: Option<(&str, &Secret)>,
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
    if let Some((user, password)) = basic {
        if same_origin(&url, service.base) || url.scheme() == "https" {
            request = request.basic_auth(user, Some(password.expose()));
        }
    }
    let response = request
        .send()
        .await
        .map_err(|e| Error::transport(None, e))?;
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .bytes()
        .await
        .map_err(|e| Error::transport(None, e))?;
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
