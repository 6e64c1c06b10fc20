//! How the client makes its base URL, decided once per API ([`BaseUrl`]) and read by the parts
//! of `src/lib.rs` that depend on it: the client's state, `base_url()`, `send`, the builder's
//! `build()`, `from_base_url`, `Debug` and the pollers' sender.
//!
//! Every host the IR knows (a fixed Swagger `host`, `x-ms-parameterized-host`, OpenAPI 3
//! `servers` with variables) is a template with host parameters; what differs for the client is
//! when the template is filled: once, when the client is built ([`Strategy::AtBuild`]; a fixed
//! host has no values), or for each call, when some host parameter is an operation's
//! ([`Strategy::PerCall`]). A base URL given whole (`from_base_url`, `ClientBuilder::base_url`)
//! takes the place of the template either way.

use proc_macro2::TokenStream;
use quote::quote;

use super::Ctx;
use super::settings::ClientValue;
use crate::ir::{Api, Location, Parameter};
use crate::{ErrorKind, Result};

impl Ctx<'_> {
    /// When the host template is filled (decided once, by [`Strategy::of`]).
    pub(crate) fn host_strategy(&self) -> Strategy {
        self.host_strategy
    }
}

/// When the host template is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// Once, by `ClientBuilder::build`, from the client-level host values: the client holds a
    /// `Url`.
    AtBuild,
    /// For each call, from the client-level host values and the call's own: the client holds
    /// the client-level values, and a `Url` only when one was given whole.
    PerCall,
}

impl Strategy {
    /// Per call when some host parameter of `api` is given per call rather than once to the
    /// client.
    pub(super) fn of(api: &Api) -> Self {
        let per_call = |p: &Parameter| p.location == Location::Host && !p.client_level;
        let any = api.host.parameters.iter().any(per_call)
            || api
                .operations
                .iter()
                .any(|op| op.parameters.iter().any(per_call));
        if any {
            Strategy::PerCall
        } else {
            Strategy::AtBuild
        }
    }

    /// Filled per call: the request of an operation gives its host values.
    pub(crate) fn is_per_call(self) -> bool {
        self == Strategy::PerCall
    }
}

/// The base URL of the client: the host template, its client-level values and the strategy.
pub(crate) struct BaseUrl<'v, 'a> {
    pub(crate) strategy: Strategy,
    /// `Host::template`, with `{param}` placeholders.
    template: &'a str,
    /// `Host::use_scheme_prefix`.
    scheme_prefix: bool,
    /// `Host::base_path`, put after the host, and after a base URL given whole.
    base_path: &'a str,
    /// The client-level host parameters (positional in `Client::new`).
    host: &'v [ClientValue<'a>],
}

impl<'v, 'a> BaseUrl<'v, 'a> {
    /// The API's base URL, with `host` its client-level host values; every host parameter must
    /// be a string.
    pub(crate) fn new(ctx: &Ctx<'a>, host: &'v [ClientValue<'a>]) -> Result<Self> {
        if let Some(v) = host.iter().find(|v| !ctx.is_string(&v.param.ty)) {
            return Err(ctx.error(
                ErrorKind::Unsupported,
                &v.param.pointer,
                "host parameters must be strings",
            ));
        }
        Ok(BaseUrl {
            strategy: ctx.host_strategy(),
            template: &ctx.api.host.template,
            scheme_prefix: ctx.api.host.use_scheme_prefix,
            base_path: &ctx.api.host.base_path,
            host,
        })
    }

    /// The client-level host values as `runtime::HostValue`s, read from `owner`'s fields
    /// (`self`, the builder, or `self.inner`, the client's state).
    fn host_values(&self, owner: TokenStream) -> Vec<TokenStream> {
        self.host
            .iter()
            .map(|v| {
                let (name, ident, verbatim) = (&v.param.name, &v.ident, v.param.skip_url_encoding);
                quote!(runtime::HostValue { name: #name, value: &#owner.#ident, verbatim: #verbatim })
            })
            .collect()
    }

    /// The fields of the client's state (`ClientInner`) that hold the base URL.
    pub(crate) fn state_fields(&self) -> TokenStream {
        match self.strategy {
            Strategy::AtBuild => quote!(base_url: url::Url,),
            Strategy::PerCall => {
                let fields = self.host.iter().map(|v| {
                    let ident = &v.ident;
                    quote!(#ident: String,)
                });
                quote!(base_url: Option<url::Url>, #(#fields)*)
            }
        }
    }

    /// `Client::base_url()`.
    pub(crate) fn getter(&self) -> TokenStream {
        match self.strategy {
            Strategy::AtBuild => quote! {
                #[doc = " The base URL every operation path is appended to."]
                pub fn base_url(&self) -> &url::Url {
                    &self.inner.base_url
                }
            },
            Strategy::PerCall => quote! {
                #[doc = " The base URL, when one was given (`from_base_url`, `ClientBuilder::base_url`);"]
                #[doc = " otherwise each call makes its own from its host parameters."]
                pub fn base_url(&self) -> Option<&url::Url> {
                    self.inner.base_url.as_ref()
                }
            },
        }
    }

    /// `Client::send`, which the operations call, then `poll_sender` (if any).
    pub(crate) fn send_fn(&self, poll_sender: Option<TokenStream>) -> TokenStream {
        match self.strategy {
            Strategy::AtBuild => quote! {
                pub(crate) fn send(&self, request: runtime::Request) -> runtime::Sent {
                    self.inner.pipeline.start(&self.auth, Ok(self.inner.base_url.clone()), request)
                }
                #poll_sender
            },
            Strategy::PerCall => {
                let (template, prefix, base_path) =
                    (self.template, self.scheme_prefix, self.base_path);
                let values = self.host_values(quote!(self.inner));
                quote! {
                    pub(crate) fn send(
                        &self,
                        per_call: &[runtime::HostValue<'_>],
                        request: runtime::Request,
                    ) -> runtime::Sent {
                        let base = match &self.inner.base_url {
                            Some(base_url) => Ok(base_url.clone()),
                            None => {
                                let values = [&[#(#values),*][..], per_call].concat();
                                runtime::host_url(#template, &values, #prefix, #base_path)
                            }
                        };
                        self.inner.pipeline.start(&self.auth, base, request)
                    }
                    #poll_sender
                }
            }
        }
    }

    /// `Client::poll_sender`: how a long-running operation's poller sends status requests. They
    /// go to the initial request's URL when host parameters are per call, else through this
    /// client (whose base URL links must stay on).
    pub(crate) fn poll_sender(&self) -> TokenStream {
        let (doc, send) = match self.strategy {
            Strategy::PerCall => (
                " to the URL of the initial request (its host parameters were per call).",
                quote!(move |base, request| {
                    client.inner.pipeline.start(&client.auth, Ok(base), request)
                }),
            ),
            Strategy::AtBuild => (
                " through this client, whose base URL links must stay on.",
                quote!(move |_, request| client.send(request)),
            ),
        };
        let doc = format!(" How a long-running operation's poller sends status requests:{doc}");
        quote! {
            #[doc = #doc]
            #[doc(hidden)]
            pub fn poll_sender(&self) -> runtime::PollSender {
                let client = self.clone();
                runtime::PollSender::new(#send, self.inner.pipeline.poll_interval())
            }
        }
    }

    /// The statement of `ClientBuilder::build` that binds `base_url`.
    pub(crate) fn bind_in_build(&self) -> TokenStream {
        let (template, prefix, base_path) = (self.template, self.scheme_prefix, self.base_path);
        match self.strategy {
            Strategy::AtBuild => {
                let values = self.host_values(quote!(self));
                quote! {
                    let base_url = match &self.base_url {
                        Some(base_url) => runtime::base_url(base_url, #base_path)?,
                        None => runtime::host_url(#template, &[#(#values),*], #prefix, #base_path)?,
                    };
                }
            }
            Strategy::PerCall => {
                quote!(let base_url = self.base_url.as_deref().map(|base_url| runtime::base_url(base_url, #base_path)).transpose()?;)
            }
        }
    }

    /// The statement of `Client::from_base_url` that binds `base_url`.
    pub(crate) fn bind_in_from_base_url(&self) -> TokenStream {
        let base_path = self.base_path;
        match self.strategy {
            Strategy::AtBuild => {
                quote!(let base_url = runtime::base_url(base_url.as_ref(), #base_path)?;)
            }
            Strategy::PerCall => {
                quote!(let base_url = Some(runtime::base_url(base_url.as_ref(), #base_path)?);)
            }
        }
    }

    /// The host values' initializers in `ClientBuilder::build` (moved from the builder).
    pub(crate) fn state_in_build(&self) -> TokenStream {
        self.state_inits(|ident| quote!(#ident: self.#ident,))
    }

    /// The host values' initializers in `Client::from_base_url` (none are given: empty).
    pub(crate) fn state_in_from_base_url(&self) -> TokenStream {
        self.state_inits(|ident| quote!(#ident: String::new(),))
    }

    /// An initializer per host value the client's state holds (none unless per call).
    fn state_inits(&self, init: impl Fn(&proc_macro2::Ident) -> TokenStream) -> TokenStream {
        match self.strategy {
            Strategy::AtBuild => TokenStream::new(),
            Strategy::PerCall => {
                let inits = self.host.iter().map(|v| init(&v.ident));
                quote!(#(#inits)*)
            }
        }
    }

    /// How `Client::request` sends (no per-call host values of its own).
    pub(crate) fn send_call(&self) -> TokenStream {
        match self.strategy {
            Strategy::AtBuild => quote!(client.send(request)),
            Strategy::PerCall => quote!(client.send(&[], request)),
        }
    }

    /// The base URL as `Debug for Client` shows it (without user name or password).
    pub(crate) fn debug(&self) -> TokenStream {
        match self.strategy {
            Strategy::AtBuild => quote!(&runtime::redacted(&self.inner.base_url)),
            Strategy::PerCall => quote!(&self.inner.base_url.as_ref().map(runtime::redacted)),
        }
    }
}
