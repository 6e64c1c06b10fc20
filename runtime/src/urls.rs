//! Base URLs: made from a host template, checked, compared by origin, and redacted for
//! `Debug`.

use url::Url;

use super::request::encode_component;
use super::Error;

/// A value for one `{placeholder}` of a host template.
#[derive(Debug, Clone, Copy)]
pub struct HostValue<'a> {
    /// The placeholder's name, without braces.
    pub name: &'static str,
    /// The value.
    pub value: &'a str,
    /// Put in verbatim (`x-ms-skip-url-encoding`) rather than percent-encoded.
    pub verbatim: bool,
}

/// Makes a base URL from a host template (`{url}`, `https://{account}.example.com`), its values,
/// the scheme rule and the base path.
///
/// With `scheme_prefix`, `https://` is put in front unless the result already has a scheme.
pub fn host_url(
    template: &str,
    values: &[HostValue<'_>],
    scheme_prefix: bool,
    base_path: &str,
) -> Result<Url, Error> {
    let mut text = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        text.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            text.push_str(&rest[open..]);
            rest = "";
            break;
        };
        let name = &after[..close];
        match values.iter().find(|v| v.name == name) {
            Some(v) if v.verbatim => text.push_str(v.value),
            Some(v) => text.push_str(&encode_component(v.value)),
            None => {
                return Err(Error::invalid_url(
                    None,
                    format!("no value for host parameter `{name}`"),
                    None,
                ));
            }
        }
        rest = &after[close + 1..];
    }
    text.push_str(rest);
    if scheme_prefix && !text.contains("://") {
        // `https`, except for a loopback host (`localhost`, `127.0.0.1`, `[::1]`: a local
        // emulator or test server, whose traffic never leaves the machine), which gets `http`
        // as AutoRest's clients give every host.
        let scheme = if is_loopback(&format!("http://{text}")) {
            "http://"
        } else {
            "https://"
        };
        text.insert_str(0, scheme);
    }
    base_url(&text, base_path)
}

/// True when `url` parses and names a loopback host.
fn is_loopback(url: &str) -> bool {
    match Url::parse(url).ok().as_ref().and_then(Url::host) {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Parses and checks a base URL (`text`, then `base_path`): absolute, `http` or `https`, no
/// query or fragment.
pub fn base_url(text: &str, base_path: &str) -> Result<Url, Error> {
    let text = format!("{}{base_path}", text.trim_end_matches('/'));
    let url = Url::parse(&text)
        .map_err(|e| Error::invalid_url(None, "the base URL is not a valid URL", Some(e)))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Error::invalid_url(
            None,
            "the base URL must use http or https",
            None,
        ));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::invalid_url(
            None,
            "the base URL must not have a query or a fragment",
            None,
        ));
    }
    Ok(url)
}

/// The base URL with any user name and password removed, for `Debug` output.
pub fn redacted(url: &Url) -> String {
    let mut url = url.clone();
    // Neither call fails on an http(s) URL; an error would leave the URL as it was.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.to_string()
}

/// True when `a` and `b` have the same scheme, host and port (the port a scheme implies
/// counts): where credentials may go.
pub fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}
