//! `paging.json` and `custom-baseUrl-paging.json`: `x-ms-pageable` lists read through the
//! generated pagers (routes: `legacy/routes/paging.js`, `src/test-routes/paging.ts`).
//! `PagingMultipleLRO` (a pageable long-running operation) needs pollers as well: no test here.

use futures::TryStreamExt as _;
use paging::models::Product;
use paging::{Client, Error};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "paging.json";
const CUSTOM: &str = "custom-baseUrl-paging.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The `id`s of `items`, in order.
fn ids(items: &[Product]) -> Vec<Option<i64>> {
    items
        .iter()
        .map(|p| p.properties.as_ref().and_then(|p| p.id))
        .collect()
}

/// Ids 1 to 10: the first page, then the route's pages 2 to 10.
fn one_to_ten() -> Vec<Option<i64>> {
    (1..=10).map(Some).collect()
}

/// Fails unless the stream of `pager` yields `ok_items` items and then an error with `status`.
async fn fails_after<P: paging::Page<Model = paging::ErrorModel>>(
    mut pager: paging::Pager<P>,
    ok_items: usize,
    status: Option<u16>,
) -> Result<Error, String>
where
    P::Item: std::fmt::Debug,
{
    let mut seen = 0;
    loop {
        match pager.try_next().await {
            Ok(Some(_)) => seen += 1,
            Ok(None) => {
                return Err(format!(
                    "the list ended after {seen} items, without an error"
                ));
            }
            Err(e) => {
                eq("items before the error", seen, ok_items)?;
                eq("status", e.status().map(|s| s.as_u16()), status)?;
                return Ok(e);
            }
        }
    }
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "PagingNoItemName", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_no_item_name_pages()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingEmptyNextLink", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_empty_next_link_name_pages()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingNextLinkNameNull", |c| {
            // The page has a `nextLink` (to a route that does not exist), but the operation
            // says the list is one page.
            let items: Vec<_> = client(&c)
                .paging()
                .get_null_next_link_name_pages()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingSingle", |c| {
            let mut pages = client(&c)
                .paging()
                .get_single_pages()
                .await
                .check("first page")?
                .into_pages();
            let page = pages.try_next().await.check("page")?.ok_or("no page")?;
            eq("status", page.status().as_u16(), 200)?;
            eq(
                "ids",
                ids(page.body.values.as_deref().unwrap_or_default()),
                vec![Some(1)],
            )?;
            eq(
                "more pages",
                pages.try_next().await.check("end")?.is_some(),
                false,
            )
        }),
        scenario!(F, "PagingSingleWithBodyParams", |c| {
            let body = paging::models::BodyParam {
                name: Some("body".into()),
            };
            let items: Vec<_> = client(&c)
                .paging()
                .get_single_pages_with_body_params(body)
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingFirstResponseEmpty", |c| {
            // The first page is empty; its relative link `/paging/firstResponseEmpty/2` is
            // resolved against the client's base URL.
            let mut pager = client(&c)
                .paging()
                .first_response_empty()
                .await
                .check("first page")?;
            let mut items = Vec::new();
            while let Some(item) = pager.try_next().await.check("next")? {
                items.push(item);
            }
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingMultipleLRO", |c| {
            // A long-running `POST` whose final result is the first page: `.await` polls it to
            // its end, then the pager follows the pages it links to.
            let client = Client::builder()
                .base_url(&c.base_url)
                .http_client(c.http.clone())
                .poll_interval(std::time::Duration::ZERO)
                .build()
                .check("client")?;
            let items: Vec<_> = client
                .paging()
                .get_multiple_pages_lro()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), one_to_ten())
        }),
        scenario!(F, "PagingMultiple", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_multiple_pages()
                .client_request_id("client-id")
                .paging_get_multiple_pages_options(paging::models::PagingGetMultiplePagesOptions {
                    maxresults: Some(5),
                    timeout: None,
                })
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), one_to_ten())
        }),
        scenario!(F, "PagingMultipleWithQueryParameters", |c| {
            // The next page is the operation `Paging_nextOperationWithQueryParams`, sent with
            // the first request's `queryConstant`.
            let items: Vec<_> = client(&c)
                .paging()
                .get_with_query_params(100, Default::default())
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1), Some(2)])
        }),
        scenario!(F, "PagingDuplicateParameters", |c| {
            // The link carries its own `$filter`: sent as the link has it, not twice.
            let items: Vec<_> = client(&c)
                .paging()
                .duplicate_params()
                .filter("foo")
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingDontSendMaxPageSize", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .page_with_max_page_size()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![])
        }),
        scenario!(F, "PagingOdataMultiple", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_odata_multiple_pages()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), one_to_ten())
        }),
        scenario!(F, "PagingMultiplePath", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_multiple_pages_with_offset(
                    paging::models::PagingGetMultiplePagesWithOffsetOptions {
                        maxresults: None,
                        offset: 100,
                        timeout: None,
                    },
                )
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            let mut want = vec![Some(1)];
            want.extend((102..=110).map(Some));
            eq("ids", ids(&items), want)
        }),
        scenario!(F, "PagingMultipleRetryFirst", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_multiple_pages_retry_first()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), one_to_ten())
        }),
        scenario!(F, "PagingMultipleRetrySecond", |c| {
            // Page 2 answers 500 once: the pipeline retries it like any call. (The route's
            // page 2 holds id 1 again.)
            let items: Vec<_> = client(&c)
                .paging()
                .get_multiple_pages_retry_second()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            let mut want = vec![Some(1), Some(1)];
            want.extend((3..=10).map(Some));
            eq("ids", ids(&items), want)
        }),
        scenario!(F, "PagingSingleFailure", |c| {
            match client(&c).paging().get_single_pages_failure().await {
                Ok(pager) => Err(format!("want an error, got {pager:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(400)),
            }
        }),
        scenario!(F, "PagingMultipleFailure", |c| {
            let pager = client(&c)
                .paging()
                .get_multiple_pages_failure()
                .await
                .check("first page")?;
            fails_after(pager, 1, Some(400)).await.map(|_| ())
        }),
        scenario!(F, "PagingMultipleFailureUri", |c| {
            // The link `*&*#&$` leads nowhere: the list fails after the first page.
            let pager = client(&c)
                .paging()
                .get_multiple_pages_failure_uri()
                .await
                .check("first page")?;
            fails_after(pager, 1, Some(404)).await.map(|_| ())
        }),
        scenario!(F, "PagingFragment", |c| {
            // `odata.nextLink` is `next?page=2`, a fragment that `Paging_nextFragment` puts in
            // its path, with the first request's `api_version` and `tenant`.
            let items: Vec<_> = client(&c)
                .paging()
                .get_multiple_pages_fragment_next_link("1.6", "test_user")
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), one_to_ten())
        }),
        scenario!(F, "fragment with grouping", ["PagingFragment"], |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_multiple_pages_fragment_with_grouping_next_link(
                    paging::models::CustomParameterGroup {
                        api_version: "1.6".into(),
                        tenant: "test_user".into(),
                    },
                )
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), one_to_ten())
        }),
        scenario!(F, "PagingReturnModelWithXMSClientName", |c| {
            let items: Vec<_> = client(&c)
                .paging()
                .get_paging_model_with_item_name_with_xms_client_name()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingWithApiVersionAppend", |c| {
            // The link has no `api-version`: the first request's is added.
            let items: Vec<_> = client(&c)
                .paging()
                .append_api_version("1.0.0")
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(F, "PagingWithApiVersionReplace", |c| {
            // The link has `Api-Version=notMe`: replaced by the first request's, the link's
            // other (encoded) pairs kept as they are.
            let items: Vec<_> = client(&c)
                .paging()
                .replace_api_version("1.0.0")
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            eq("ids", ids(&items), vec![Some(1)])
        }),
        scenario!(CUSTOM, "PagingCustomUrlPartialNextLink", |c| {
            // The host template is `{accountName}{host}`; the next link is an absolute path,
            // resolved against that host.
            let items: Vec<_> = custom_client(&c)
                .paging()
                .get_pages_partial_url()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            let ids: Vec<_> = items
                .iter()
                .map(|p| p.properties.as_ref().and_then(|p| p.id))
                .collect();
            eq("ids", ids, vec![Some(1), Some(2)])
        }),
        scenario!(CUSTOM, "PagingCustomUrlPartialOperationNextLink", |c| {
            // The next page is `Paging_getPagesPartialUrlOperationNext`, whose path
            // `/paging/customurl/{nextLink}` takes the relative link.
            let items: Vec<_> = custom_client(&c)
                .paging()
                .get_pages_partial_url_operation()
                .await
                .check("first page")?
                .try_collect()
                .await
                .check("pages")?;
            let ids: Vec<_> = items
                .iter()
                .map(|p| p.properties.as_ref().and_then(|p| p.id))
                .collect();
            eq("ids", ids, vec![Some(1), Some(2)])
        }),
    ]
}

/// A client of `custom-baseUrl-paging.json` for the test server: `{accountName}{host}` with
/// `http://local` and `host:<port>` (the account name carries the scheme).
fn custom_client(c: &Ctx) -> custom_baseurl_paging::Client {
    let port = c.base_url.rsplit(':').next().unwrap_or("3000");
    custom_baseurl_paging::Client::builder("http://local", format!("host:{port}"))
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}
