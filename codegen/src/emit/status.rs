//! Which responses of an operation are successes, answers or errors, and the `match` patterns of
//! their statuses: read by the response types, the error decoders, paging, token operations and
//! example tests alike.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Operation, Response};

/// The status range of a `2XX`-style response.
pub(crate) fn range(response: &Response) -> Option<(u16, u16)> {
    let text = response.status_range.as_deref()?;
    let digit = text.chars().next()?.to_digit(10)?;
    let rest = &text[1..];
    if !rest.eq_ignore_ascii_case("xx") {
        return None;
    }
    let low = u16::try_from(digit).ok()? * 100;
    Some((low, low + 99))
}

fn low_status(response: &Response) -> Option<u16> {
    response
        .status
        .or_else(|| range(response).map(|(low, _)| low))
}

pub(crate) fn is_success(response: &Response) -> bool {
    low_status(response).is_some_and(|s| s < 400)
}

/// A response the operation returns as a value: a success, or the bodiless `404` of a `HEAD`.
pub(crate) fn is_answer(op: &Operation, response: &Response) -> bool {
    is_success(response)
        || response.answer
        || (op.method == "HEAD" && response.status == Some(404) && response.body.is_none())
}

pub(crate) fn is_error(response: &Response) -> bool {
    !response.answer && low_status(response).is_some_and(|s| s >= 400)
}

/// `404` or `400..=499` for a response's status or range.
pub(crate) fn status_pattern(response: &Response) -> Option<TokenStream> {
    let lit = proc_macro2::Literal::u16_unsuffixed;
    match (response.status, range(response)) {
        (Some(status), _) => {
            let status = lit(status);
            Some(quote!(#status))
        }
        (None, Some((low, high))) => {
            let (low, high) = (lit(low), lit(high));
            Some(quote!(#low..=#high))
        }
        (None, None) => None,
    }
}
