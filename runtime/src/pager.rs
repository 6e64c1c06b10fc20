//! Lists that come page by page, each page's body giving the link to the next one: a
//! [`Pager`] is a `Stream` of the items of every page, and [`Pager::into_pages`] gives the
//! pages themselves (with their status and headers).
//!
//! Every page is fetched only when the stream gets to it, through the client's pipeline like
//! any call (credentials, retries, redirects, timeouts). A relative next link is resolved
//! against the client's base URL; a link to another scheme, host or port is refused before
//! anything is sent to it ([`super::ErrorKind::CrossOrigin`]). An error ends the stream after
//! it is yielded.

use std::collections::BTreeSet;
use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;

use super::{BoxFuture, Error, Request};

/// One page of a list: an operation's response whose body holds some items of the list and
/// the link to the next page.
pub trait Page: Send + Sized + 'static {
    /// The items of the list.
    type Item: Send + 'static;

    /// The error model of the client ([`Error::model`]): the pager's errors are `Error<Model>`.
    type Model: 'static;

    /// The link to the next page, as the body gives it; `None` or empty on the last page.
    fn next_link(&self) -> Option<&str>;

    /// The items of this page, in order.
    fn into_items(self) -> Vec<Self::Item>;
}

/// A request builder that makes its request without sending it: how an operation that fetches
/// the next pages of another one is called.
#[doc(hidden)]
pub trait MakeRequest {
    /// The request, as the builder's `send()` would send it.
    fn make_request(&self) -> Result<Request, Error>;
}

/// How the request for a next page is made from the link.
#[doc(hidden)]
pub enum NextPage {
    /// A `GET` of the link with the first request's headers and cookies; the first request's
    /// query parameters named here (the api-version) replace the link's own of those names
    /// (compared without case), or are added.
    Link(&'static [&'static str]),
    /// A request of another operation, made from the link.
    Operation(MakeNext),
}

/// Makes the request for the next page from its link.
type MakeNext = Box<dyn Fn(&str) -> Result<Request, Error> + Send + Sync>;

impl fmt::Debug for NextPage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NextPage::Link(names) => f.debug_tuple("Link").field(names).finish(),
            NextPage::Operation(_) => f.write_str("Operation"),
        }
    }
}

type PageStream<P> = Pin<Box<dyn Stream<Item = Result<P, Error<<P as Page>::Model>>> + Send>>;

/// The pages of a list, each fetched when the stream gets to it: a `Stream` of
/// `Result<Page, Error>`, starting with the first page. Each page is the operation's response
/// type: its `body`, `status()` and `headers()`.
pub struct Pages<P: Page> {
    stream: PageStream<P>,
}

impl<P: Page> fmt::Debug for Pages<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl<P: Page> Stream for Pages<P> {
    type Item = Result<P, Error<P::Model>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.stream.as_mut().poll_next(cx)
    }
}

/// The items of a list, page after page: a `Stream` of `Result<Item, Error>` that fetches the
/// next page when the items of the current one are used up. `while let Some(item) =
/// pager.try_next().await?` reads them one by one, `try_collect()` all at once (with
/// `futures::TryStreamExt`); the documentation of a crate with pageable operations shows it.
pub struct Pager<P: Page> {
    pages: Pages<P>,
    items: std::vec::IntoIter<P::Item>,
}

// Nothing in a `Pager` is pinned: the pages stream is boxed, and items are moved out one by one.
impl<P: Page> Unpin for Pager<P> {}

impl<P: Page> fmt::Debug for Pager<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("items_left_in_page", &self.items.len())
            .finish_non_exhaustive()
    }
}

impl<P: Page> Pager<P> {
    /// Sends `request` (with `fetch`, which sends a request through the client and reads a
    /// page), and returns the pager with that first page; the next pages are requested as
    /// `next` says, when the stream gets to them. A link already followed ends the list.
    #[doc(hidden)]
    pub async fn start<F>(
        request: Request,
        fetch: F,
        next: NextPage,
    ) -> Result<Self, Error<P::Model>>
    where
        F: Fn(Request) -> BoxFuture<Result<P, Error<P::Model>>> + Send + Sync + 'static,
    {
        let template = match &next {
            NextPage::Link(names) => Some(request.page_template(names)),
            NextPage::Operation(_) => None,
        };
        let first = fetch(request).await?;
        Ok(Self::with_first(first, template, fetch, next))
    }

    /// The pager of a long-running operation whose final result, `first`, is the first page
    /// (`x-ms-pageable` on an `x-ms-long-running-operation`): the next pages are requested as
    /// `next` says, a `GET` of a link with the client's own headers only.
    #[doc(hidden)]
    pub fn after_poller<F>(operation: &'static str, first: P, fetch: F, next: NextPage) -> Self
    where
        F: Fn(Request) -> BoxFuture<Result<P, Error<P::Model>>> + Send + Sync + 'static,
    {
        let template = match &next {
            NextPage::Link(_) => Some(Request::new(operation, "", reqwest::Method::GET)),
            NextPage::Operation(_) => None,
        };
        Self::with_first(first, template, fetch, next)
    }

    fn with_first<F>(first: P, template: Option<Request>, fetch: F, next: NextPage) -> Self
    where
        F: Fn(Request) -> BoxFuture<Result<P, Error<P::Model>>> + Send + Sync + 'static,
    {
        struct State<P, F> {
            first: Option<P>,
            link: Option<String>,
            seen: BTreeSet<String>,
            template: Option<Request>,
            next: NextPage,
            fetch: F,
        }
        let state = State {
            first: Some(first),
            link: None,
            seen: BTreeSet::new(),
            template,
            next,
            fetch,
        };
        let stream = futures_util::stream::unfold(state, |mut state| async move {
            let page = match state.first.take() {
                Some(page) => page,
                None => {
                    let link = state.link.take()?;
                    let request = match (&state.next, &state.template) {
                        (NextPage::Operation(make), _) => make(&link).map_err(Error::cast),
                        (NextPage::Link(_), Some(template)) => Ok(template.at_link(&link)),
                        (NextPage::Link(_), None) => return None,
                    };
                    let fetched = match request {
                        Ok(request) => (state.fetch)(request).await,
                        Err(error) => Err(error),
                    };
                    match fetched {
                        Ok(page) => page,
                        Err(error) => return Some((Err(error), state)),
                    }
                }
            };
            state.link = page
                .next_link()
                .filter(|link| !link.is_empty())
                .map(str::to_owned)
                .filter(|link| state.seen.insert(link.clone()));
            Some((Ok(page), state))
        });
        Self::from_stream(Box::pin(stream))
    }

    fn from_stream(stream: PageStream<P>) -> Self {
        Pager {
            pages: Pages { stream },
            items: Vec::new().into_iter(),
        }
    }

    /// The pages not read yet, whole (with their status and headers); right after the
    /// operation's `.await`, that is every page, the first one included. Items of the current
    /// page that the stream has not given yet are dropped.
    pub fn into_pages(self) -> Pages<P> {
        self.pages
    }
}

impl<P: Page> Stream for Pager<P> {
    type Item = Result<P::Item, Error<P::Model>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(item) = this.items.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(page))) => this.items = page.into_items().into_iter(),
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

/// A page of a list whose next page is asked for with tokens rather than a link: the same
/// request again, with the tokens this page gives (in its body or its headers) as query
/// parameters (a `NextMarker` of the body sent back as `marker`, a
/// `x-ms-continuation-NextPartitionKey` header as `NextPartitionKey`).
pub trait Continued: Page {
    /// The query parameters of the next page's request, `(name, value)`, in order; empty on
    /// the last page (a token that is absent or empty is left out).
    fn continuation(&self) -> Vec<(&'static str, String)>;
}

impl<P: Continued> Pager<P> {
    /// Sends `request` (with `fetch`) and returns the pager with that first page; each next
    /// page is the same request (without its body) with the tokens of the page before as query
    /// parameters, asked for when the stream gets to it. A page without tokens ends the list,
    /// and so do tokens already sent (a server that repeats itself).
    #[doc(hidden)]
    pub async fn continued<F>(request: Request, fetch: F) -> Result<Self, Error<P::Model>>
    where
        F: Fn(Request) -> BoxFuture<Result<P, Error<P::Model>>> + Send + Sync + 'static,
    {
        struct State<P, F> {
            first: Option<P>,
            tokens: Vec<(&'static str, String)>,
            seen: BTreeSet<Vec<(&'static str, String)>>,
            template: Request,
            fetch: F,
        }
        let template = request.continuation_template();
        let first = fetch(request).await?;
        let state = State {
            first: Some(first),
            tokens: Vec::new(),
            seen: BTreeSet::new(),
            template,
            fetch,
        };
        let stream = futures_util::stream::unfold(state, |mut state| async move {
            let page = match state.first.take() {
                Some(page) => page,
                None if state.tokens.is_empty() => return None,
                None => {
                    let tokens = std::mem::take(&mut state.tokens);
                    match (state.fetch)(state.template.continued(&tokens)).await {
                        Ok(page) => page,
                        Err(error) => return Some((Err(error), state)),
                    }
                }
            };
            let tokens: Vec<_> = page
                .continuation()
                .into_iter()
                .filter(|(_, value)| !value.is_empty())
                .collect();
            if !tokens.is_empty() && state.seen.insert(tokens.clone()) {
                state.tokens = tokens;
            }
            Some((Ok(page), state))
        });
        Ok(Self::from_stream(Box::pin(stream)))
    }
}

/// Reads a page that is a model (the next pages of a long-running operation's result): its
/// JSON body on a success status, else the error, decoded with `errors` when documented.
#[doc(hidden)]
pub async fn page_body<T: serde::de::DeserializeOwned, M>(
    operation: &'static str,
    response: reqwest::Response,
    errors: super::ErrorDecoder,
) -> Result<T, Error<M>> {
    if response.status().is_success() {
        let (body, _) = super::json::<T>(operation, response)
            .await
            .map_err(Error::cast)?;
        Ok(body)
    } else {
        Err(super::unexpected_status(operation, response, errors).await)
    }
}
