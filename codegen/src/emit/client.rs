//! `src/lib.rs`: crate docs, modules, re-exports, `Client` and `ClientBuilder`.
//!
//! `Client::new(<host parameters>, <required client parameters>)` builds the base URL from
//! `host.template`, `use_scheme_prefix` and `base_path`; `Client::builder(..)` adds
//! `http_client(..)`, `base_url(..)` and setters for optional client parameters;
//! `Client::from_base_url(..)` takes a ready base URL (the base path is still added). The client
//! is an `Arc`, cheap to clone; `client.<group>()` returns the group's sub-client.
//!
//! When some host parameters are per-call (`client_level: false`), the base URL is made for each
//! call, and `base_url()` returns `Option<&Url>` (set only by `from_base_url`/`base_url(..)`).

use proc_macro2::TokenStream;
use quote::quote;

use super::base_url::BaseUrl;
use super::lib_docs::{crate_doc, new_doc};
use super::settings::{Values, client_values};
use super::{Ctx, Doc, Names, code, unraw};
use crate::Result;
use crate::ir::Location;

pub(crate) fn lib_file(ctx: &Ctx<'_>) -> Result<TokenStream> {
    let (host, settings) = client_values(ctx)?;
    let base = BaseUrl::new(ctx, &host)?;
    let values = Values {
        host: &host,
        settings: &settings,
    };
    claim_fields(ctx, &values)?;
    let groups = groups(ctx)?;
    let tokens = super::tokens::token_ops(ctx)?;
    let preamble = preamble(ctx, &groups.modules)?;
    let client = client_items(ctx, &base, &values, &groups.accessors);
    let builder = builder_items(ctx, &base, &values);
    let credentials = credentials_items(tokens.as_ref());
    Ok(quote! {
        #preamble
        #client
        #builder
        #credentials
    })
}

/// The fields of `ClientBuilder` and of the client's state: the fixed ones, then one per
/// client value, which must not collide with them nor with each other.
fn claim_fields(ctx: &Ctx<'_>, values: &Values<'_, '_>) -> Result<()> {
    let mut fields = Names::new([
        "base_url",
        "http_client",
        "pipeline",
        "credentials",
        "options",
        "auth",
        "retry_policy",
        "request_timeout",
        "connect_timeout",
        "read_timeout",
        "max_body_size",
        "follow_redirects",
        "default_header",
        "automatic_client_request_id",
        "poll_interval",
    ]);
    for v in values.host.iter().chain(values.settings) {
        fields.claim(
            ctx,
            &v.ident.to_string(),
            &v.param.pointer,
            "client parameter",
        )?;
    }
    Ok(())
}

/// Per group, its module (`pub mod blob;`) and the client's accessor of its sub-client.
struct Groups {
    modules: Vec<TokenStream>,
    accessors: Vec<TokenStream>,
}

fn groups(ctx: &Ctx<'_>) -> Result<Groups> {
    let mut methods = Names::new(crate::naming::CLIENT_MEMBERS.iter().copied());
    let mut modules = Vec::new();
    let mut accessors = Vec::new();
    for group in &ctx.api.groups {
        methods.claim(ctx, &group.rust_name, "#", "group accessor")?;
        let module = ctx.ident(&group.rust_name, "#")?;
        let ty = ctx.ident(&group.type_name, "#")?;
        modules.push(quote!(pub mod #module;));
        let doc = Doc::new()
            .raw(format!(
                "The {} operations ([`{}::{}`]).",
                code(&group.name),
                unraw(&group.rust_name),
                unraw(&group.type_name)
            ))
            .attrs();
        accessors.push(quote! {
            #doc
            pub fn #module(&self) -> #module::#ty {
                #module::#ty { client: self.clone() }
            }
        });
    }
    Ok(Groups { modules, accessors })
}

/// The crate docs, the modules, the re-exports, the `Error` type and, with pollers, the
/// client's `PollClient` impl.
fn preamble(ctx: &Ctx<'_>, modules: &[TokenStream]) -> Result<TokenStream> {
    let crate_doc = crate_doc(ctx)?.inner_attrs();
    let runtime_module = match ctx.options.runtime {
        crate::Runtime::Vendored => quote!(
            pub mod runtime;
        ),
        crate::Runtime::Crate { .. } => quote! {
            #[doc = " The runtime crate (`restwire`): errors, credentials, policies, retries and the"]
            #[doc = " HTTP pipeline, shared by every generated client."]
            pub use ::restwire as runtime;
        },
    };
    // Only an API with pageable operations has pagers (`runtime/pager.rs`).
    let pager_exports = ctx.runtime.pager.then(|| {
        quote!(
            pub use runtime::{Page, Pager, Pages};
        )
    });
    // `Poller::resume(&client, token)`: the client's sender and its operations' decoders.
    let poll_client = ctx.runtime.poller.then(|| {
        quote! {
            impl runtime::PollClient for Client {
                type Model = ErrorModel;
                fn poll_sender(&self) -> runtime::PollSender {
                    Client::poll_sender(self)
                }
                fn long_running(operation: &str) -> Option<(&'static str, runtime::ErrorDecoder)> {
                    errors::long_running(operation)
                }
            }
        }
    });
    Ok(quote! {
        #crate_doc
        #![deny(missing_docs)]

        #(#modules)*
        pub mod errors;
        pub mod models;
        #runtime_module

        pub use errors::ErrorModel;
        pub use runtime::{
            Body, ByteStream, Challenge, Context, Credentials, ErrorKind, Next, Policy,
            PolicyFuture, RequestContent, RetryPolicy, Secret, TokenCredential, TokenFuture,
            TokenRequest,
        };
        #pager_exports

        #[doc = " The error of this crate's operations: [`Error::model`](runtime::Error::model) is"]
        #[doc = " the service's error body as [`ErrorModel`]. It converts with `?` into the plain"]
        #[doc = " [`runtime::Error`] that the errors of every generated client share."]
        pub type Error = runtime::Error<ErrorModel>;

        impl runtime::ErrorModel for ErrorModel {
            fn code(&self) -> Option<&str> {
                ErrorModel::code(self)
            }
        }
        #poll_client
    })
}

/// `Client`, its state (`ClientInner`), its `Debug` and its methods.
fn client_items(
    ctx: &Ctx<'_>,
    base: &BaseUrl<'_, '_>,
    values: &Values<'_, '_>,
    accessors: &[TokenStream],
) -> TokenStream {
    let base_field = base.state_fields();
    let setting_fields = values.setting_fields();
    let debug_base = base.debug();
    let constructors = constructors(ctx, base, values);
    let base_url_fn = base.getter();
    let request_fn = request_fn(base);
    // Only an API with long-running operations has pollers (`runtime/poller.rs`).
    let send_fn = base.send_fn(ctx.runtime.poller.then(|| base.poll_sender()));
    quote! {
        #[doc = " The client: one per service endpoint, cheap to clone (an `Arc` inside)."]
        #[doc = ""]
        #[doc = " Each operation group is a method returning a sub-client. `Debug` shows the base URL"]
        #[doc = " (without user name or password) and the kind of credentials, never a secret."]
        #[derive(Clone)]
        pub struct Client {
            inner: std::sync::Arc<ClientInner>,
            auth: runtime::Auth,
        }

        struct ClientInner {
            pipeline: runtime::Pipeline,
            #base_field
            #(#setting_fields)*
        }

        impl std::fmt::Debug for Client {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("Client")
                    .field("base_url", #debug_base)
                    .field("credentials", &self.auth)
                    .finish_non_exhaustive()
            }
        }

        impl Client {
            #constructors

            #base_url_fn

            #(#accessors)*

            #request_fn

            #send_fn
        }
    }
}

/// `Client::new`, `Client::builder` and `Client::from_base_url`.
fn constructors(ctx: &Ctx<'_>, base: &BaseUrl<'_, '_>, values: &Values<'_, '_>) -> TokenStream {
    let new_doc = new_doc(ctx).attrs();
    let new_args = values.new_args();
    let new_names = values.new_names();
    let too_many = (new_args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    let builder_inits = values.builder_inits();
    let default_options = default_options(ctx);
    let from_args = values.whole_url_args();
    let from_base = base.bind_in_from_base_url();
    let host_state_from_url = base.state_in_from_base_url();
    let settings_from_args = values.settings_from_args();
    quote! {
        #new_doc
        #too_many
        pub fn new(#(#new_args),*) -> Result<Self, Error> {
            Self::builder(#(#new_names),*).build()
        }

        #[doc = " A builder, to choose the HTTP client or set optional client parameters."]
        #too_many
        pub fn builder(#(#new_args),*) -> ClientBuilder {
            ClientBuilder {
                #(#builder_inits)*
                base_url: None,
                http_client: None,
                credentials: runtime::Credentials::none(),
                options: #default_options,
            }
        }

        #[doc = " A client for this base URL (`http://127.0.0.1:5000`, ...), instead of the one made"]
        #[doc = " from the host parameters, with the default settings and no credentials. The API's"]
        #[doc = " base path, if any, is added to it."]
        #[doc = ""]
        #[doc = " # Errors"]
        #[doc = ""]
        #[doc = " Fails when the URL is not an absolute `http` or `https` URL without query, or when the"]
        #[doc = " default HTTP client cannot be created."]
        pub fn from_base_url(base_url: impl AsRef<str>, #(#from_args),*) -> Result<Self, Error> {
            #from_base
            let inner = std::sync::Arc::new(ClientInner {
                pipeline: runtime::Pipeline::new(None, #default_options)?,
                base_url,
                #host_state_from_url
                #(#settings_from_args)*
            });
            Ok(with_credentials(inner, runtime::Credentials::none()))
        }
    }
}

/// `Client::request`: a request the API description lacks, through the client's pipeline.
fn request_fn(base: &BaseUrl<'_, '_>) -> TokenStream {
    let send_call = base.send_call();
    quote! {
        #[doc = " A request that the API description lacks (any method, path, query, headers and"]
        #[doc = " body), sent through this client's pipeline: its credentials, retries, timeouts and"]
        #[doc = " redirect and cross-origin rules, with the same [`Error`]s as an operation. `path` is"]
        #[doc = " appended to the base URL as it is (see [`runtime::CustomRequest`])."]
        pub fn request(&self, method: reqwest::Method, path: impl AsRef<str>) -> runtime::CustomRequest {
            let client = self.clone();
            runtime::CustomRequest::new(
                method,
                path.as_ref(),
                Box::new(move |request| #send_call),
            )
        }
    }
}

/// `ClientBuilder`, its `Debug` and its methods.
fn builder_items(ctx: &Ctx<'_>, base: &BaseUrl<'_, '_>, values: &Values<'_, '_>) -> TokenStream {
    let builder_fields = values.builder_fields();
    let poll_interval = ctx.runtime.poller.then(|| {
        quote! {
            #[doc = " How long the poller of a long-running operation waits between two status"]
            #[doc = " requests when the server does not say with `Retry-After` (default: 30 s; tests"]
            #[doc = " use zero). A poller can also set its own ([`runtime::Poller::interval`])."]
            pub fn poll_interval(mut self, interval: std::time::Duration) -> Self {
                self.options.poll_interval = interval;
                self
            }
        }
    });
    let builder_setters = builder_setters(poll_interval);
    let setters = values.setters();
    let build_base = base.bind_in_build();
    let host_state = base.state_in_build();
    let settings_from_builder = values.settings_from_builder();
    quote! {
        #[doc = " Builds a [`Client`]: from [`Client::builder`]."]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct ClientBuilder {
            #(#builder_fields)*
            base_url: Option<String>,
            http_client: Option<reqwest::Client>,
            credentials: runtime::Credentials,
            options: runtime::Options,
        }

        impl std::fmt::Debug for ClientBuilder {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct("ClientBuilder")
                    .field("credentials", &self.credentials)
                    .finish_non_exhaustive()
            }
        }

        impl ClientBuilder {
            #[doc = " Sends requests with this HTTP client (proxies, TLS settings...). By default, a client"]
            #[doc = " with this crate's `User-Agent` and the connect timeout, which leaves redirects to"]
            #[doc = " the client (see [`follow_redirects`](Self::follow_redirects)). A client given here"]
            #[doc = " should not follow redirects itself (`reqwest::redirect::Policy::none()`), and its own"]
            #[doc = " connect timeout applies."]
            pub fn http_client(mut self, http_client: reqwest::Client) -> Self {
                self.http_client = Some(http_client);
                self
            }

            #builder_setters

            #[doc = " Uses this base URL instead of the one made from the host parameters (the API's base"]
            #[doc = " path, if any, is added to it)."]
            pub fn base_url(mut self, base_url: impl Into<String>) -> Self {
                self.base_url = Some(base_url.into());
                self
            }

            #(#setters)*

            #[doc = " Builds the client."]
            #[doc = ""]
            #[doc = " # Errors"]
            #[doc = ""]
            #[doc = " Fails when the base URL is not a valid `http` or `https` URL, or when the default HTTP"]
            #[doc = " client cannot be created."]
            pub fn build(self) -> Result<Client, Error> {
                #build_base
                let inner = std::sync::Arc::new(ClientInner {
                    pipeline: runtime::Pipeline::new(self.http_client, self.options)?,
                    base_url,
                    #host_state
                    #(#settings_from_builder)*
                });
                Ok(with_credentials(inner, self.credentials))
            }
        }
    }
}

/// `with_credentials` (the client over its state), wiring the API's token operations, if any,
/// to the credentials; then those operations' items.
fn credentials_items(tokens: Option<&super::tokens::TokenOps<'_>>) -> TokenStream {
    let (token_operations, token_items) = match tokens {
        Some(ops) => (
            quote! {
                let token_client = Client {
                    inner: inner.clone(),
                    auth: runtime::Auth::for_token_requests(&credentials),
                };
                let operations: Option<std::sync::Arc<dyn runtime::TokenOperations>> =
                    Some(std::sync::Arc::new(TokenOperations { client: token_client }));
            },
            ops.items(),
        ),
        None => (quote!(let operations = None;), TokenStream::new()),
    };
    quote! {
        #[doc = " The client over `inner` that authenticates with `credentials`."]
        fn with_credentials(
            inner: std::sync::Arc<ClientInner>,
            credentials: runtime::Credentials,
        ) -> Client {
            #token_operations
            Client {
                auth: runtime::Auth::new(credentials, operations),
                inner,
            }
        }

        #token_items
    }
}

/// The setters every `ClientBuilder` has: credentials, retries, timeouts, redirects.
fn builder_setters(poll_interval: Option<TokenStream>) -> TokenStream {
    quote! {
        #[doc = " How requests authenticate (default: [`Credentials::none`]). Credentials are sent"]
        #[doc = " only to the base URL's scheme, host and port, never where a redirect or a link"]
        #[doc = " points elsewhere; a `401` with a `WWW-Authenticate` challenge that they can answer"]
        #[doc = " is answered, and the request sent once more (when its body can be sent again)."]
        pub fn credentials(mut self, credentials: Credentials) -> Self {
            self.credentials = credentials;
            self
        }

        #[doc = " Adds a [`Policy`] that runs once per operation call, before credentials and"]
        #[doc = " retries (see [`runtime`] for the order of the pipeline). Policies run in the"]
        #[doc = " order they are added."]
        pub fn per_call_policy(mut self, policy: impl Policy + 'static) -> Self {
            self.options.per_call.push(std::sync::Arc::new(policy));
            self
        }

        #[doc = " Adds a [`Policy`] that runs for every request sent (each retry and redirect),"]
        #[doc = " after credentials, seeing the request exactly as it goes on the wire: a request"]
        #[doc = " signer, a tracer, a test double. Policies run in the order they are added."]
        pub fn per_try_policy(mut self, policy: impl Policy + 'static) -> Self {
            self.options.per_try.push(std::sync::Arc::new(policy));
            self
        }

        #[doc = " When requests are sent again (default: [`RetryPolicy::default`]; see there)."]
        pub fn retry_policy(mut self, retry_policy: RetryPolicy) -> Self {
            self.options.retry = retry_policy;
            self
        }

        #[doc = " A header sent with every request that does not set it itself (an operation's"]
        #[doc = " own header parameter wins); setting a name again replaces its value."]
        pub fn default_header(
            mut self,
            name: reqwest::header::HeaderName,
            value: reqwest::header::HeaderValue,
        ) -> Self {
            self.options.default_header(name, value);
            self
        }

        #[doc = " Whether each call without an `x-ms-client-request-id` gets a fresh UUID in that"]
        #[doc = " header (default: on when the API declares that header)."]
        pub fn automatic_client_request_id(mut self, on: bool) -> Self {
            self.options.automatic_client_request_id(on);
            self
        }

        #[doc = " The longest one attempt may take, from connecting to the end of the response"]
        #[doc = " body (a streamed download included), after which it fails with"]
        #[doc = " [`ErrorKind::Timeout`]. Default: none."]
        pub fn request_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.timeout = Some(timeout);
            self
        }

        #[doc = " The longest connecting may take (default: 30 s; not used with"]
        #[doc = " [`http_client`](Self::http_client), whose own setting applies)."]
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.options.connect_timeout = Some(timeout);
            self
        }

        #[doc = " The longest the server may stay silent (default: 60 s): before the response"]
        #[doc = " begins while no request body is being sent, and between two chunks of the response"]
        #[doc = " body. It is not a limit on the whole exchange: a download or an upload of any size"]
        #[doc = " that keeps moving is never cut (see [`request_timeout`](Self::request_timeout) for"]
        #[doc = " that). After it, the call fails with [`ErrorKind::Timeout`]. `None` waits forever."]
        pub fn read_timeout(mut self, timeout: impl Into<Option<std::time::Duration>>) -> Self {
            self.options.read_timeout = timeout.into();
            self
        }

        #[doc = " The most bytes of a response body read into memory (default: 32 MiB): JSON and text"]
        #[doc = " bodies (an error keeps at most the first 64 KiB of its body). A larger body fails the call with"]
        #[doc = " [`ErrorKind::BodyTooLarge`] as soon as it is known (by its `Content-Length`, or while"]
        #[doc = " it is read). Streamed bodies ([`ByteStream`]) have no limit."]
        pub fn max_body_size(mut self, bytes: usize) -> Self {
            self.options.max_body_size = bytes;
            self
        }

        #[doc = " The least a response body must move (default: 1 byte per second over 20 s):"]
        #[doc = " a body that arrives slower, on average over any `window` spent waiting for it,"]
        #[doc = " fails with [`ErrorKind::Timeout`] (stalled-stream protection: a server that"]
        #[doc = " trickles a byte now and then is never idle for the read timeout). No body is cut"]
        #[doc = " before `window`. `min_throughput(0, ..)` turns it off."]
        pub fn min_throughput(mut self, bytes_per_second: u64, window: std::time::Duration) -> Self {
            self.options.min_throughput = (bytes_per_second > 0 && !window.is_zero()).then_some(
                runtime::MinThroughput {
                    bytes_per_second,
                    window,
                },
            );
            self
        }

        #[doc = " The OAuth2 scopes a [`TokenCredential`] is asked for tokens for (default: those"]
        #[doc = " of the API's `oauth2` security requirement, if any): see [`TokenRequest::scopes`]."]
        pub fn scopes<S: Into<String>>(mut self, scopes: impl IntoIterator<Item = S>) -> Self {
            self.options.scopes = scopes.into_iter().map(Into::into).collect();
            self
        }

        #[doc = " Whether redirects are followed (default: true, at most 10). When false, a redirect"]
        #[doc = " is returned as it is: as the operation's documented redirect response, or as an"]
        #[doc = " error."]
        pub fn follow_redirects(mut self, follow: bool) -> Self {
            self.options.follow_redirects = follow;
            self
        }

        #poll_interval
    }
}

/// The header of a client request id the API declares: a header parameter named
/// `x-ms-client-request-id` on any operation or on the client.
const CLIENT_REQUEST_ID: &str = "x-ms-client-request-id";

/// The runtime options a new client starts with: the defaults, and an automatic client request
/// id when the API declares one (as the Azure SDKs send it).
fn default_options(ctx: &Ctx<'_>) -> TokenStream {
    let declared = ctx
        .api
        .operations
        .iter()
        .flat_map(|op| op.parameters.iter())
        .chain(ctx.api.client_parameters.iter())
        .any(|p| p.location == Location::Header && p.name.eq_ignore_ascii_case(CLIENT_REQUEST_ID));
    // The OAuth2 scopes the API declares, asked of the caller's `TokenCredential`.
    let scopes: Vec<&String> = ctx
        .api
        .security
        .iter()
        .flat_map(|scheme| match &scheme.kind {
            crate::ir::SecuritySchemeKind::OAuth2 { scopes, .. } => scopes.as_slice(),
            _ => &[],
        })
        .collect();
    let mut fields = Vec::new();
    if declared {
        fields.push(quote!(client_request_id: Some(#CLIENT_REQUEST_ID),));
    }
    if !scopes.is_empty() {
        fields.push(quote!(scopes: vec![#(#scopes.to_owned()),*],));
    }
    if fields.is_empty() {
        quote!(runtime::Options::default())
    } else {
        quote! {
            runtime::Options {
                #(#fields)*
                ..runtime::Options::default()
            }
        }
    }
}
