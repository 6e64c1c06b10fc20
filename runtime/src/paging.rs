//! Following `Link: <..>; rel="next"` headers (RFC 8288) from page to page.

use std::collections::BTreeSet;
use std::future::Future;

use futures_util::Stream;
use reqwest::header::LINK;
use url::Url;

use super::{Error, Request, ResponseParts};

/// The `rel="next"` target of the `Link` headers of a response, resolved against the URL that
/// answered; `None` when there is none (or it is not a valid URL reference).
pub fn next_link(parts: &ResponseParts) -> Option<Url> {
    parts
        .headers()
        .get_all(LINK)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(links)
        .find(|(_, rels)| rels.iter().any(|rel| rel.eq_ignore_ascii_case("next")))
        .and_then(|(target, _)| parts.url().join(&target).ok())
}

/// The links of one `Link` header value: each target and its `rel` values.
fn links(value: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>').map(|c| open + c) else {
            break;
        };
        let target = rest[open + 1..close].trim().to_owned();
        let after = &rest[close + 1..];
        // The parameters run to the next link (a `<` outside quotes) or the end.
        let mut quoted = false;
        let end = after
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quoted = !quoted;
                }
                c == '<' && !quoted
            })
            .map_or(after.len(), |(i, _)| i);
        let rels = after[..end]
            .split(';')
            .filter_map(|param| {
                let (name, value) = param.split_once('=')?;
                let value = value.trim().trim_end_matches(',').trim().trim_matches('"');
                name.trim()
                    .eq_ignore_ascii_case("rel")
                    .then(|| value.split_whitespace().map(str::to_owned).collect())
            })
            .next()
            .unwrap_or_default();
        out.push((target, rels));
        rest = &after[end..];
    }
    out
}

/// The pages of a list: the answer to `first`, then the answer to a `GET` of each page's
/// `rel="next"` link (with the first request's headers), until a page has none. A link to
/// another scheme, host or port is an [`super::ErrorKind::CrossOrigin`] error (nothing is sent
/// to it); a link already visited ends the list. After an error, the stream ends.
pub fn pages<C, T, F, Fut, M: 'static>(
    client: C,
    first: Result<Request, Error<M>>,
    fetch: F,
    parts: fn(&T) -> &ResponseParts,
) -> impl Stream<Item = Result<T, Error<M>>> + Send + 'static
where
    C: Clone + Send + 'static,
    T: Send + 'static,
    F: Fn(C, Request) -> Fut + Send + 'static,
    Fut: Future<Output = Result<T, Error<M>>> + Send + 'static,
{
    struct State<C, F, M> {
        client: C,
        fetch: F,
        template: Option<Request>,
        next: Option<Result<Request, Error<M>>>,
        seen: BTreeSet<String>,
    }
    let template = first.as_ref().ok().map(|request| request.follow_template());
    let state = State {
        client,
        fetch,
        template,
        next: Some(first),
        seen: BTreeSet::new(),
    };
    futures_util::stream::unfold(state, move |mut state| async move {
        let request = match state.next.take()? {
            Ok(request) => request,
            Err(error) => return Some((Err(error), state)),
        };
        match (state.fetch)(state.client.clone(), request).await {
            Ok(page) => {
                let link = next_link(parts(&page));
                state.next = match (link, &state.template) {
                    (Some(url), Some(template)) if state.seen.insert(url.to_string()) => {
                        Some(Ok(template.follow(&url)))
                    }
                    _ => None,
                };
                Some((Ok(page), state))
            }
            Err(error) => Some((Err(error), state)),
        }
    })
}
