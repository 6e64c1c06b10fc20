//! Which responses of an operation are answers (the IR's `Response::is_success` and
//! `Response::is_error` say which are successes and errors), and the `match` patterns of their
//! statuses: read by the response types, the error decoders and the example tests alike.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{Operation, Response};

/// A response the operation returns as a value: a success, or the bodiless `404` of a `HEAD`.
pub(crate) fn is_answer(op: &Operation, response: &Response) -> bool {
    response.is_success()
        || response.answer
        || (op.method == "HEAD" && response.status == Some(404) && response.body.is_none())
}

/// `404` or `400..=499` for a response's status or range.
pub(crate) fn status_pattern(response: &Response) -> Option<TokenStream> {
    let lit = proc_macro2::Literal::u16_unsuffixed;
    match (response.status, response.range()) {
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
