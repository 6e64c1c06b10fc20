//! Long-running operations (an IR operation with `polling`): their request builder gets
//! `poller()` (a [`Poller`] of the final result, from the runtime), and awaiting the builder
//! polls to the end and gives the final result; `send()` still sends the initial request
//! alone. Everything else (status headers, `provisioningState`, `Retry-After`, state tokens,
//! `Failed`/`Canceled` errors) is the runtime's `poller.rs`: an operation adds only this.
//!
//! [`Poller`]: ../../../runtime/poller.rs

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::docs::placeholder;
use super::types::Scope;
use super::{Ctx, Doc, code};
use crate::Result;
use crate::ir::{FinalStateVia, Operation};

/// What a long-running operation's methods need.
pub(crate) struct Lro {
    /// The final result's type (`()` when the operation documents none).
    result: TokenStream,
    /// `crate::runtime::FinalState::..`.
    final_state: TokenStream,
    /// For docs: where the result is read.
    via: &'static str,
    /// The operation's error decoder (`super::errors::decoder`).
    pub(crate) errors: TokenStream,
}

/// The polling facts of `op`, when it is long-running.
pub(crate) fn lro(ctx: &Ctx<'_>, op: &Operation) -> Result<Option<Lro>> {
    let Some(polling) = &op.polling else {
        return Ok(None);
    };
    let result = match &polling.result {
        Some(ty) => ctx.rust_type(ty, Scope::Outside, &op.pointer)?,
        None => quote!(()),
    };
    let (final_state, via) = match polling.final_state_via {
        FinalStateVia::AzureAsyncOperation => {
            (quote!(AzureAsyncOperation), "azure-async-operation")
        }
        FinalStateVia::Location => (quote!(Location), "location"),
        FinalStateVia::OriginalUri => (quote!(OriginalUri), "original-uri"),
        FinalStateVia::OperationLocation => (quote!(OperationLocation), "operation-location"),
    };
    Ok(Some(Lro {
        result,
        final_state: quote!(crate::runtime::FinalState::#final_state),
        via,
        errors: super::errors::decoder(ctx, op)?,
    }))
}

/// The type `.await` gives: `Result<T, Error>` with the final result `T`.
pub(crate) fn output(lro: &Lro) -> TokenStream {
    let result = &lro.result;
    quote!(Result<#result, crate::Error>)
}

/// `send()` (the initial request alone) and `poller()` of a long-running operation's builder.
/// `build` makes `request` from `self`; `send_request` sends it as `response`; `dispatch`
/// reads `response` into `response_ty`.
pub(crate) fn methods(
    lro: &Lro,
    op: &Operation,
    response_ty: &Ident,
    build: &TokenStream,
    send_request: &TokenStream,
    dispatch: &TokenStream,
) -> TokenStream {
    let (result, final_state) = (&lro.result, &lro.final_state);
    let (operation_id, method) = (&op.operation_id, &op.method);
    let errors = &lro.errors;
    let send_doc = Doc::new()
        .raw(
            "Sends the initial request only, and reads its response: the operation may still be \
             running on the server. `.await` the request (or [`poller`](Self::poller)) to follow \
             it to its end instead.",
        )
        .raw(
            "# Errors\n\nFails when the request cannot be built or sent, when the status is not \
             a documented success ([`ErrorKind::UnexpectedStatus`](crate::ErrorKind::UnexpectedStatus)), \
             or when the body does not decode.",
        )
        .attrs();
    let poller_doc = Doc::new()
        .raw(format!(
            "A long-running operation: the poller that sends this request, then follows the \
             operation to its end and reads its final result (`final-state-via`: {}).",
            code(lro.via)
        ))
        .raw(
            "`.await` it (or this request directly) for the result; or drive it with \
             [`poll`](crate::runtime::Poller::poll), save it with \
             [`state_token`](crate::runtime::Poller::state_token) and continue it later with \
             [`Poller::resume`](crate::runtime::Poller::resume). An operation that ends \
             `Failed` or `Canceled` is an error \
             ([`ErrorKind::OperationFailed`](crate::ErrorKind::OperationFailed), \
             [`ErrorKind::OperationCanceled`](crate::ErrorKind::OperationCanceled)) with the \
             service's error model.",
        )
        .attrs();
    quote! {
        #send_doc
        pub async fn send(self) -> Result<#response_ty, crate::Error> {
            #build
            #send_request
            #dispatch
        }
        #poller_doc
        pub fn poller(self) -> crate::runtime::Poller<#result, crate::ErrorModel> {
            let sender = self.client.poll_sender();
            crate::runtime::Poller::new(
                #operation_id,
                #method,
                #final_state,
                sender,
                #errors,
                Box::pin(async move {
                    #build
                    let template = request.follow_template();
                    #send_request
                    Ok((response, template))
                }),
            )
        }
    }
}

/// The crate docs' section on long-running operations, with an example (one `.await`) on the
/// first one whose positional arguments are all text; `None` when the API has none.
pub(crate) fn crate_doc_section(ctx: &Ctx<'_>) -> Result<Option<String>> {
    let lib = ctx.lib_name();
    let mut chosen = None;
    let pollers = ctx.api.operations.iter();
    for op in pollers {
        let facts = ctx.facts(op)?;
        if !facts.poller() {
            continue;
        }
        let args: Option<Vec<String>> = facts
            .text_arguments(ctx)
            .map(|params| params.iter().map(|p| placeholder(&p.name)).collect());
        if let (Some(args), false) = (args, op.deprecated) {
            chosen = Some((op, args));
            break;
        }
    }
    let Some((op, args)) = chosen else {
        return Ok(None);
    };
    let group = ctx
        .api
        .groups
        .iter()
        .find(|g| g.name == op.group)
        .map(|g| super::unraw(&g.rust_name).to_owned())
        .unwrap_or_default();
    let call = format!("client.{group}().{}({})", op.rust_name, args.join(", "));
    Ok(Some(format!(
        "# Long-running operations\n\n\
         Awaiting the request of a long-running operation (`x-ms-long-running-operation`) sends \
         it, polls the operation until it ends (honouring `Retry-After`; otherwise every \
         [`ClientBuilder::poll_interval`]) and gives its final result:\n\n\
         ```no_run\n# async fn example(client: {lib}::Client) -> Result<(), {lib}::Error> {{\n\
         let result = {call}.await?;\n# let _ = result;\n# Ok(())\n# }}\n```\n\n\
         Its `poller()` ([`runtime::Poller`]) does the same step by step, and can be saved as a \
         state token and resumed later; an operation that ends `Failed` or `Canceled` is an \
         [`Error`] of kind [`ErrorKind::OperationFailed`] or [`ErrorKind::OperationCanceled`], \
         with the service's error model:\n\n\
         ```no_run\n# async fn example(client: {lib}::Client) -> Result<(), {lib}::Error> {{\n\
         let mut poller = {call}.poller();\n\
         while !poller.poll().await?.is_terminal() {{\n    \
         let _token = poller.state_token(); // to resume elsewhere: `Poller::resume`\n    \
         tokio::time::sleep(poller.next_delay()).await;\n}}\n\
         let result = poller.await?;\n# let _ = result;\n# Ok(())\n# }}\n```"
    )))
}
