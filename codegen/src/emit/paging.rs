//! List operations that follow `Link: <..>; rel="next"`: their request builder gets `pages()`
//! (a stream of responses) and `into_stream()` (a stream of the items of every page).
//!
//! Which operations are lists is decided in `facts.rs` (`list_items`).
//!
//! The next page is a `GET` of the `rel="next"` target (relative to the page's URL), with the
//! first request's headers, decoded like the first page; the pages end when one has no such
//! link. The runtime refuses a link to another scheme, host or port (`runtime::pages`).

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::types::Scope;
use super::{Ctx, Doc, code};
use crate::Result;
use crate::ir::{Operation, Property};

/// What a list's methods need: the item type and how to take the items out of a page.
pub(crate) struct Paging {
    item: TokenStream,
    /// `page.body.<field>` (with `.unwrap_or_default()` when it is optional).
    items: TokenStream,
    /// The property's wire name, for docs.
    wire: String,
}

/// The list facts of `op`, whose items are `property` (`facts::list_items`).
pub(crate) fn paging(ctx: &Ctx<'_>, op: &Operation, property: &Property) -> Result<Paging> {
    let items = ctx.array_items(&property.ty).ok_or_else(|| {
        ctx.error(
            crate::ErrorKind::Internal,
            &op.pointer,
            "a list's items property is not an array",
        )
    })?;
    let item = ctx.rust_type(items, Scope::Outside, &op.pointer)?;
    let field = ctx.ident(&property.rust_name, &op.pointer)?;
    let optional = !property.required || property.nullable;
    let items = if optional {
        quote!(page.body.#field.unwrap_or_default())
    } else {
        quote!(page.body.#field)
    };
    Ok(Paging {
        item,
        items,
        wire: property.name.clone(),
    })
}

/// `request()`, `read()`, `send()`, `pages()` and `into_stream()` of a list's builder.
/// `build` makes `request` from `&self`; `dispatch` reads `response`.
pub(crate) fn methods(
    paging: &Paging,
    response_ty: &Ident,
    build: &TokenStream,
    dispatch: &TokenStream,
    send_doc: &TokenStream,
) -> TokenStream {
    let (item, items) = (&paging.item, &paging.items);
    let pages_doc = Doc::new()
        .raw(
            "Every page of the list, as the stream is read: this request, then a `GET` of each \
             page's `Link: <..>; rel=\"next\"` (relative to the page's URL), with the same \
             headers, until a page has none.",
        )
        .raw(
            "A link to another scheme, host or port is an error \
             ([`ErrorKind::CrossOrigin`](crate::ErrorKind::CrossOrigin)), and nothing is sent \
             to it; the stream ends after an error.",
        )
        .attrs();
    let items_doc = Doc::new()
        .raw(format!(
            "Every item of every page (the {} array of each body), fetched page by page as the \
             stream is read (see [`pages`](Self::pages)).",
            code(&paging.wire)
        ))
        .attrs();
    quote! {
        fn request(&self) -> Result<crate::runtime::Request, crate::Error> {
            #build
            Ok(request)
        }
        async fn read(response: reqwest::Response) -> Result<#response_ty, crate::Error> {
            #dispatch
        }
        #send_doc
        pub async fn send(self) -> Result<#response_ty, crate::Error> {
            let request = self.request()?;
            let response = self.client.send(request).await?;
            Self::read(response).await
        }
        #pages_doc
        pub fn pages(
            self,
        ) -> impl futures::Stream<Item = Result<#response_ty, crate::Error>> + Send + 'static {
            let request = self.request();
            crate::runtime::pages(
                self.client,
                request,
                |client: crate::Client, request| async move {
                    let response = client.send(request).await?;
                    Self::read(response).await
                },
                |page: &#response_ty| &page.http,
            )
        }
        #items_doc
        pub fn into_stream(
            self,
        ) -> impl futures::Stream<Item = Result<#item, crate::Error>> + Send + 'static {
            use futures::TryStreamExt as _;
            self.pages()
                .map_ok(|page| futures::stream::iter(#items.into_iter().map(Ok)))
                .try_flatten()
        }
    }
}
