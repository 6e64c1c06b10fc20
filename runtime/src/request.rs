//! Building a request: the path, the query, headers and the body, each value encoded exactly once.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, CONTENT_TYPE, COOKIE};
use reqwest::Method;
use serde::Serialize;
use url::Url;

use super::urls::same_origin;
use super::{Body, Error};

/// Everything but the RFC 3986 unreserved characters (`A-Z a-z 0-9 - . _ ~`) is percent-encoded
/// in path segments, host values and form fields: `/` becomes `%2F`, a space `%20`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// In query names and values, the RFC 3986 query characters that do not delimit pairs stay as
/// they are (`sha256:ab`, `a/b`); `&`, `=`, `+`, `#`, `%`, a space (`%20`), quotes, brackets and
/// non-ASCII are encoded.
const QUERY: &AsciiSet = &COMPONENT
    .remove(b':')
    .remove(b'@')
    .remove(b'/')
    .remove(b'?')
    .remove(b'!')
    .remove(b'$')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b',')
    .remove(b';');

/// Percent-encodes `value` as one URL component (a path segment, a host value, a form field).
pub fn encode_component(value: &str) -> String {
    utf8_percent_encode(value, COMPONENT).to_string()
}

/// Percent-encodes `value` as a query name or value.
fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, QUERY).to_string()
}

/// How the items of an array parameter are put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Collection {
    /// `a,b,c`.
    Csv,
    /// `a b c`.
    Ssv,
    /// `a\tb\tc`.
    Tsv,
    /// `a|b|c`.
    Pipes,
    /// The parameter repeated once per item (`x=a&x=b`); joined like `Csv` outside a query.
    Multi,
}

impl Collection {
    fn separator(self) -> &'static str {
        match self {
            Collection::Csv | Collection::Multi => ",",
            Collection::Ssv => " ",
            Collection::Tsv => "\t",
            Collection::Pipes => "|",
        }
    }
}

/// The body of a request, as it will be sent.
#[derive(Debug)]
enum Payload {
    Bytes(Body),
    Form(Vec<(&'static str, String)>),
    Multipart(reqwest::multipart::Form),
}

/// Where a request goes, relative to the base URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    /// `path` is appended to the base URL.
    Path,
    /// `path` is a link given whole (a `Location` header): an absolute URL, an absolute path
    /// (`/v1/..`, on the base URL's origin) or a relative one (`v1/..`, after the base URL).
    Link,
}

/// One request being built by an operation. The URL is completed by [`super::Pipeline`], which
/// knows the base URL.
#[derive(Debug)]
pub struct Request {
    operation: &'static str,
    /// The operation's path template (`/widgets/{name}`), for policies; empty for links.
    template: &'static str,
    method: Method,
    /// The path after the base URL, starting with `/`; a verbatim value may have added a query.
    /// For a [`Target::Link`], the link.
    path: String,
    target: Target,
    /// Query pairs, already encoded, without the leading `?`.
    query: String,
    headers: HeaderMap,
    cookies: Vec<String>,
    payload: Option<Payload>,
}

impl Request {
    /// A request for `operation` (its `operationId`, for errors and policies), whose path
    /// template is `template` (for policies), with an empty path.
    pub fn new(operation: &'static str, template: &'static str, method: Method) -> Self {
        Request {
            operation,
            template,
            method,
            path: String::new(),
            target: Target::Path,
            query: String::new(),
            headers: HeaderMap::new(),
            cookies: Vec::new(),
            payload: None,
        }
    }

    /// The `operationId` this request is for.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The path template of the operation this request is for (empty for links).
    pub fn template(&self) -> &'static str {
        self.template
    }

    /// Appends a literal piece of the path template.
    pub fn path(&mut self, literal: &str) {
        self.path.push_str(literal);
    }

    /// Appends a path parameter, percent-encoded as one segment (`a/b` becomes `a%2Fb`).
    ///
    /// An empty value (it would make an empty segment, `/v2//tags`) and a value `.` or `..`
    /// are refused ([`super::ErrorKind::InvalidParameter`]): URL parsers (the WHATWG URL
    /// standard, which the `url` crate follows) and servers read `..` and its encoded forms
    /// (`%2E%2E`) as "the parent segment", so such a value would send the request to another
    /// path than the operation's.
    pub fn path_param<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.segment(name, value, false)
    }

    /// [`path_param`](Self::path_param) for a parameter whose spec lists the empty string among
    /// its values (`enum: [""]`): an empty value makes the empty segment the spec asks for.
    #[doc(hidden)]
    pub fn path_param_or_empty<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.segment(name, value, true)
    }

    fn segment<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        empty: bool,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        let problem = match text.as_str() {
            "" if !empty => Some("must not be empty: it would make an empty path segment"),
            "." | ".." => Some(
                "must not be `.` or `..`: URLs read it (even percent-encoded) as a relative path segment",
            ),
            _ => None,
        };
        if let Some(problem) = problem {
            return Err(Error::invalid_parameter(
                Some(self.operation),
                name,
                problem,
            ));
        }
        self.path.push_str(&encode_component(&text));
        Ok(())
    }

    /// Appends a path parameter verbatim (`x-ms-skip-url-encoding`): it may carry `/` and an
    /// encoded query (`?_state=ab%3D`), and goes on the wire as given. A leading `/` after a `/`
    /// is dropped (no `//`).
    ///
    /// When the template is just `/{param}`, the value is a link (a `Location` header), taken
    /// as it is: an absolute URL (`http://host/v1/..`), a scheme-relative one
    /// (`//host/v1/..`), an absolute path (`/v1/..`, on the base URL's scheme, host and port)
    /// or a relative path (`v1/..`, after the base URL). A link to another scheme, host or port
    /// is refused before sending ([`super::ErrorKind::CrossOrigin`]).
    pub fn path_verbatim<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        if self.path.is_empty() || self.path == "/" {
            self.path = text;
            self.target = Target::Link;
            return Ok(());
        }
        let text = match (self.path.ends_with('/'), text.strip_prefix('/')) {
            (true, Some(rest)) => rest,
            _ => text.as_str(),
        };
        self.path.push_str(text);
        Ok(())
    }

    /// Makes the path a link: a URL reference resolved against the base URL (see
    /// [`path_verbatim`](Self::path_verbatim)).
    pub(crate) fn link(&mut self, link: String) {
        self.path = link;
        self.target = Target::Link;
    }

    /// Adds a query pair given at run time, percent-encoded.
    pub(crate) fn query_pair(&mut self, name: &str, value: &str) {
        self.push_query(&encode_query(name), &encode_query(value));
    }

    /// Adds a header given at run time (several values of one name are all sent).
    pub(crate) fn append_header(&mut self, name: &str, value: &str) -> Result<(), Error> {
        let invalid = |what: &str| {
            Error::invalid_parameter(
                Some(self.operation),
                "header",
                // Escaped (`"a\r\nb"`): a name with a line break must not print one.
                format!("{name:?}: not a valid header {what}"),
            )
        };
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| invalid("name"))?;
        let value = HeaderValue::from_str(value)
            .map_err(|_| invalid("value (control characters or line breaks)"))?;
        self.headers.append(header, value);
        Ok(())
    }

    /// Adds a constant query pair from the path template (`?mode=resumable`).
    pub fn query_constant(&mut self, name: &str, value: &str) {
        self.push_query(&encode_query(name), &encode_query(value));
    }

    /// Adds a query parameter, percent-encoded (a space is `%20`).
    pub fn query<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        self.push_query(&encode_query(name), &encode_query(&text));
        Ok(())
    }

    /// Adds a query parameter verbatim (`x-ms-skip-url-encoding`).
    pub fn query_verbatim<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        self.push_query(&encode_query(name), &text);
        Ok(())
    }

    /// Adds an array query parameter, joined or repeated as `collection` says.
    pub fn query_list<T: Serialize>(
        &mut self,
        name: &'static str,
        values: &[T],
        collection: Collection,
    ) -> Result<(), Error> {
        if collection == Collection::Multi {
            for value in values {
                self.query(name, value)?;
            }
            return Ok(());
        }
        self.query_joined(name, values, collection)
    }

    fn query_joined<T: Serialize>(
        &mut self,
        name: &'static str,
        values: &[T],
        collection: Collection,
    ) -> Result<(), Error> {
        let text = self.format(name, values, collection)?;
        self.push_query(&encode_query(name), &encode_query(&text));
        Ok(())
    }

    fn push_query(&mut self, name: &str, value: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.push_str(name);
        self.query.push('=');
        self.query.push_str(value);
    }

    /// Sets a header (an array is joined with `,`).
    pub fn header<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        self.header_str(name, &text)
    }

    /// Sets an array header, joined as `collection` says.
    pub fn header_list<T: Serialize>(
        &mut self,
        name: &'static str,
        values: &[T],
        collection: Collection,
    ) -> Result<(), Error> {
        let text = self.format(name, values, collection)?;
        self.header_str(name, &text)
    }

    /// Sets a header from text.
    pub fn header_str(&mut self, name: &'static str, value: &str) -> Result<(), Error> {
        let header = HeaderName::from_bytes(name.as_bytes()).map_err(|_| {
            Error::invalid_parameter(Some(self.operation), name, "not a valid header name")
        })?;
        let value = HeaderValue::from_str(value).map_err(|_| {
            Error::invalid_parameter(
                Some(self.operation),
                name,
                "not a valid header value (control characters or line breaks)",
            )
        })?;
        self.headers.insert(header, value);
        Ok(())
    }

    /// Adds a cookie (`name=value`).
    pub fn cookie<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        self.cookies
            .push(format!("{name}={}", encode_component(&text)));
        Ok(())
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
        content_type: &str,
    ) -> Result<(), Error> {
        let bytes = serde_json::to_vec(value).map_err(|e| {
            Error::invalid_parameter(Some(self.operation), name, format!("cannot serialize: {e}"))
        })?;
        self.body(Body::from(bytes), content_type)
    }

    /// Sets a raw body, streamed as it is.
    pub fn body(&mut self, body: Body, content_type: &str) -> Result<(), Error> {
        self.header_str(CONTENT_TYPE.as_str(), content_type)?;
        self.payload = Some(Payload::Bytes(body));
        Ok(())
    }

    /// Adds a field of an `application/x-www-form-urlencoded` body (an array is joined with
    /// `,`).
    pub fn form_field<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        self.push_form(name, text);
        Ok(())
    }

    /// Adds an array field of a form body, joined or repeated as `collection` says.
    pub fn form_list<T: Serialize>(
        &mut self,
        name: &'static str,
        values: &[T],
        collection: Collection,
    ) -> Result<(), Error> {
        if collection == Collection::Multi {
            for value in values {
                self.form_field(name, value)?;
            }
            return Ok(());
        }
        let text = self.format(name, values, collection)?;
        self.push_form(name, text);
        Ok(())
    }

    fn push_form(&mut self, name: &'static str, text: String) {
        match &mut self.payload {
            Some(Payload::Form(fields)) => fields.push((name, text)),
            _ => self.payload = Some(Payload::Form(vec![(name, text)])),
        }
    }

    /// Adds a text field of a `multipart/form-data` body (an array is joined with `,`).
    pub fn multipart_text<T: Serialize + ?Sized>(
        &mut self,
        name: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        let text = self.format(name, value, Collection::Csv)?;
        let form = self.take_multipart().text(name, text);
        self.payload = Some(Payload::Multipart(form));
        Ok(())
    }

    /// Adds a file field of a `multipart/form-data` body (its file name is the field name).
    pub fn multipart_file(&mut self, name: &'static str, body: Body) {
        let (body, len) = body.into_reqwest();
        let part = match len {
            Some(len) => reqwest::multipart::Part::stream_with_length(body, len),
            None => reqwest::multipart::Part::stream(body),
        }
        .file_name(name);
        let form = self.take_multipart().part(name, part);
        self.payload = Some(Payload::Multipart(form));
    }

    fn take_multipart(&mut self) -> reqwest::multipart::Form {
        match self.payload.take() {
            Some(Payload::Multipart(form)) => form,
            _ => reqwest::multipart::Form::new(),
        }
    }

    /// A copy of the headers and cookies (no path, query nor body), to make the requests for
    /// the next pages of a list from.
    #[doc(hidden)]
    pub fn follow_template(&self) -> Request {
        Request {
            operation: self.operation,
            template: "",
            method: Method::GET,
            path: String::new(),
            target: Target::Path,
            query: String::new(),
            headers: self.headers.clone(),
            cookies: self.cookies.clone(),
            payload: None,
        }
    }

    /// The same request (its headers and cookies, no body) to `url`, with `GET`: the next page
    /// of a list.
    pub(crate) fn follow(&self, url: &Url) -> Request {
        Request {
            operation: self.operation,
            template: "",
            method: Method::GET,
            path: url.to_string(),
            target: Target::Link,
            query: String::new(),
            headers: self.headers.clone(),
            cookies: self.cookies.clone(),
            payload: None,
        }
    }

    /// A copy of the headers and cookies, and of the query pairs whose names are in `names`
    /// (compared without case), to make the requests for the next pages of a list from
    /// ([`at_link`](Self::at_link)).
    #[doc(hidden)]
    pub fn page_template(&self, names: &[&str]) -> Request {
        let mut template = self.follow_template();
        template.query = self
            .query
            .split('&')
            .filter(|pair| names.iter().any(|name| query_name_is(pair, name)))
            .collect::<Vec<_>>()
            .join("&");
        template
    }

    /// A `GET` of `link` (a URL reference, resolved against the base URL and checked to stay on
    /// its origin when sent) made from a [`page_template`](Self::page_template): its headers,
    /// cookies and query pairs, the latter in place of the link's own pairs of those names.
    /// The link's fragment is dropped.
    #[doc(hidden)]
    pub fn at_link(&self, link: &str) -> Request {
        let link = link.split('#').next().unwrap_or_default();
        let (path, query) = link.split_once('?').unwrap_or((link, ""));
        let kept: Vec<&str> = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter(|pair| {
                !self
                    .query
                    .split('&')
                    .filter_map(|own| own.split('=').next())
                    .filter(|own| !own.is_empty())
                    .any(|own| {
                        query_name_is(
                            pair,
                            &percent_encoding::percent_decode_str(own).decode_utf8_lossy(),
                        )
                    })
            })
            .collect();
        let mut request = self.follow_template();
        request.query = self.query.clone();
        request.link(if kept.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{}", kept.join("&"))
        });
        request
    }

    /// Sets one header per entry of `values`, named `prefix` + its key
    /// (`x-ms-header-collection-prefix`: `x-ms-meta-` and `{"owner": "me"}` send
    /// `x-ms-meta-owner: me`).
    #[doc(hidden)]
    pub fn header_collection(
        &mut self,
        prefix: &str,
        values: &std::collections::BTreeMap<String, String>,
    ) -> Result<(), Error> {
        for (key, value) in values {
            self.append_header(&format!("{prefix}{key}"), value)?;
        }
        Ok(())
    }

    /// A copy of this request without its body (method, path, query, headers, cookies): the
    /// template that the next pages of a list paged by continuation tokens are asked for from
    /// ([`continued`](Self::continued)).
    #[doc(hidden)]
    pub fn continuation_template(&self) -> Request {
        Request {
            operation: self.operation,
            template: self.template,
            method: self.method.clone(),
            path: self.path.clone(),
            target: self.target,
            query: self.query.clone(),
            headers: self.headers.clone(),
            cookies: self.cookies.clone(),
            payload: None,
        }
    }

    /// The request of a [`continuation_template`](Self::continuation_template) with each
    /// `(name, value)` of `tokens` as a query pair, in place of the template's own pairs of
    /// those names (compared without case).
    #[doc(hidden)]
    pub fn continued(&self, tokens: &[(&str, String)]) -> Request {
        let mut request = self.continuation_template();
        request.query = self
            .query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .filter(|pair| !tokens.iter().any(|(name, _)| query_name_is(pair, name)))
            .collect::<Vec<_>>()
            .join("&");
        for (name, value) in tokens {
            request.query_pair(name, value);
        }
        request
    }

    /// The full URL: `base`, the path (or the link), then the query after any query that a
    /// verbatim path value brought. A link is resolved as a URL reference against the base URL
    /// as a directory (RFC 3986: `https://h/x`, `//h/x`, `/x`, `x`), then must stay on the base
    /// URL's origin.
    pub(crate) fn url(&self, base: &Url) -> Result<Url, Error> {
        let invalid = |e| {
            Error::invalid_url(
                Some(self.operation),
                "the request URL is not valid",
                Some(e),
            )
        };
        let mut url = match self.target {
            Target::Path => format!("{}{}", base.as_str().trim_end_matches('/'), self.path),
            Target::Link => {
                let mut directory = base.clone();
                if !directory.path().ends_with('/') {
                    let path = format!("{}/", directory.path());
                    directory.set_path(&path);
                }
                String::from(directory.join(&self.path).map_err(invalid)?)
            }
        };
        if !self.query.is_empty() {
            match url.find('?') {
                None => url.push('?'),
                Some(_) if url.ends_with('?') || url.ends_with('&') => {}
                Some(_) => url.push('&'),
            }
            url.push_str(&self.query);
        }
        let url = Url::parse(&url).map_err(invalid)?;
        if self.target == Target::Link && !same_origin(&url, base) {
            return Err(Error::cross_origin(Some(self.operation), "the link"));
        }
        Ok(url)
    }

    /// The method, headers and body, for the pipeline.
    pub(crate) fn into_parts(mut self) -> (Method, HeaderMap, Option<RequestBody>) {
        if !self.cookies.is_empty() {
            if let Ok(value) = HeaderValue::from_str(&self.cookies.join("; ")) {
                self.headers.insert(COOKIE, value);
            }
        }
        let body = match self.payload {
            None => None,
            Some(Payload::Bytes(body)) => Some(RequestBody::Body(body)),
            Some(Payload::Form(fields)) => {
                let encoded: Vec<String> = fields
                    .iter()
                    .map(|(name, value)| {
                        format!("{}={}", encode_component(name), encode_component(value))
                    })
                    .collect();
                if !self.headers.contains_key(CONTENT_TYPE) {
                    self.headers.insert(
                        CONTENT_TYPE,
                        HeaderValue::from_static("application/x-www-form-urlencoded"),
                    );
                }
                Some(RequestBody::Body(Body::from(encoded.join("&"))))
            }
            Some(Payload::Multipart(form)) => {
                self.headers.remove(CONTENT_TYPE);
                Some(RequestBody::Multipart(form))
            }
        };
        (self.method, self.headers, body)
    }

    /// Formats a parameter value: strings as they are, numbers and booleans as JSON writes them
    /// (an `f32` as the shortest text that reads back as that `f32`, not widened to `f64`),
    /// arrays joined by the collection's separator, objects as JSON text, `null` as nothing.
    fn format<T: Serialize + ?Sized>(
        &self,
        name: &'static str,
        value: &T,
        collection: Collection,
    ) -> Result<String, Error> {
        let cannot = |e: serde_json::Error| {
            Error::invalid_parameter(Some(self.operation), name, format!("cannot format: {e}"))
        };
        // Serialized straight to text, never through `serde_json::Value`: a `Value` keeps
        // numbers as `f64`, and `0.07_f32` would be written `0.07000000029802322`.
        let text = serde_json::to_string(value).map_err(cannot)?;
        if text.starts_with('[') {
            let items: Vec<&serde_json::value::RawValue> =
                serde_json::from_str(&text).map_err(cannot)?;
            Ok(items
                .into_iter()
                .map(scalar_text)
                .collect::<Vec<_>>()
                .join(collection.separator()))
        } else {
            let raw: &serde_json::value::RawValue = serde_json::from_str(&text).map_err(cannot)?;
            Ok(scalar_text(raw))
        }
    }
}

/// True when the encoded query pair `pair` (`name=value`) has the name `name` (compared
/// without case, after percent-decoding).
fn query_name_is(pair: &str, name: &str) -> bool {
    let encoded = pair.split('=').next().unwrap_or_default();
    percent_encoding::percent_decode_str(encoded)
        .decode_utf8_lossy()
        .eq_ignore_ascii_case(name)
}

/// One JSON value as parameter text: a string unquoted, `null` as nothing, anything else as
/// its JSON text.
fn scalar_text(raw: &serde_json::value::RawValue) -> String {
    match raw.get() {
        "null" => String::new(),
        text if text.starts_with('"') => {
            serde_json::from_str::<String>(text).unwrap_or_else(|_| text.to_string())
        }
        text => text.to_string(),
    }
}

/// A body ready for the HTTP client.
pub(crate) enum RequestBody {
    Body(Body),
    Multipart(reqwest::multipart::Form),
}
