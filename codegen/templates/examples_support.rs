/// What every example test does: answer, look at the request, compare JSON.
mod support {
    use wiremock::{Mock, MockServer, Request, ResponseTemplate};

    /// A server on 127.0.0.1 that answers every request with this status, headers and body.
    pub async fn server(
        status: u16,
        headers: &[(&str, &str)],
        body: Option<(&str, &str)>,
    ) -> MockServer {
        let server = MockServer::start().await;
        let mut template = ResponseTemplate::new(status);
        for (name, value) in headers {
            template = template.insert_header(*name, *value);
        }
        if let Some((body, content_type)) = body {
            template = template.set_body_raw(body.as_bytes().to_vec(), content_type);
        }
        Mock::given(wiremock::matchers::any())
            .respond_with(template)
            .mount(&server)
            .await;
        server
    }

    /// The one request the server received.
    pub async fn request(server: &MockServer) -> Request {
        let mut requests = server.received_requests().await.unwrap_or_default();
        assert_eq!(requests.len(), 1, "the call sends one request");
        requests.remove(0)
    }

    /// An example's value as a Rust value of the parameter's type.
    pub fn value<T: serde::de::DeserializeOwned>(json: &str) -> T {
        serde_json::from_str(json)
            .unwrap_or_else(|e| panic!("the example's value {json} does not decode: {e}"))
    }

    fn json(text: &str) -> serde_json::Value {
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{text} is not JSON: {e}"))
    }

    /// The request's method and percent-decoded path.
    pub fn check_target(request: &Request, method: &str, path: &str) {
        assert_eq!(request.method.as_str(), method, "method");
        let sent = percent_encoding::percent_decode_str(request.url.path()).decode_utf8_lossy();
        assert_eq!(sent, path, "path");
    }

    /// The query parameter `name` carries the JSON value `expected` (array items joined by
    /// `separator`, or one pair per item when it is `None`).
    pub fn check_query(request: &Request, name: &str, expected: &str, separator: Option<&str>) {
        let sent: Vec<String> = request
            .url
            .query_pairs()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
            .collect();
        check_values(&format!("query parameter `{name}`"), &sent, &json(expected), separator);
    }

    /// Every pair of a link's own query is in the request's query.
    pub fn check_link_query(request: &Request, query: &str) {
        for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
            let expected = serde_json::Value::String(value.into_owned()).to_string();
            check_query(request, &name, &expected, None);
        }
    }

    /// The header `name` carries the JSON value `expected`.
    pub fn check_header(request: &Request, name: &str, expected: &str, separator: Option<&str>) {
        let sent: Vec<String> = request
            .headers
            .get_all(name)
            .iter()
            .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
            .collect();
        check_values(&format!("header `{name}`"), &sent, &json(expected), separator);
    }

    fn check_values(what: &str, sent: &[String], expected: &serde_json::Value, separator: Option<&str>) {
        let items: Vec<&serde_json::Value> = match expected {
            serde_json::Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let sent: Vec<&str> = match (expected, separator, sent) {
            (serde_json::Value::Array(items), Some(_), _) if items.is_empty() => Vec::new(),
            (serde_json::Value::Array(_), Some(separator), [one]) => one.split(separator).collect(),
            _ => sent.iter().map(String::as_str).collect(),
        };
        assert_eq!(sent.len(), items.len(), "{what}: sent {sent:?}, the example has {expected}");
        for (sent, item) in sent.iter().zip(items) {
            assert!(same_text(sent, item), "{what}: sent {sent:?}, the example has {item}");
        }
    }

    fn same_text(sent: &str, expected: &serde_json::Value) -> bool {
        match expected {
            serde_json::Value::String(text) => sent == text,
            serde_json::Value::Number(n) => sent.parse::<f64>().ok() == n.as_f64(),
            serde_json::Value::Bool(b) => sent.eq_ignore_ascii_case(if *b { "true" } else { "false" }),
            serde_json::Value::Null => sent.is_empty() || sent == "null",
            _ => false,
        }
    }

    /// The request body is the JSON value `expected` (numbers compared by value).
    pub fn check_json_body(request: &Request, expected: &str) {
        let sent: serde_json::Value = serde_json::from_slice(&request.body)
            .unwrap_or_else(|e| panic!("the request body is not JSON: {e}"));
        let expected = json(expected);
        assert!(same_json(&sent, &expected), "the request body\n{sent}\nis not the example's\n{expected}");
    }

    /// The request body is these bytes.
    pub fn check_raw_body(request: &Request, expected: &str) {
        assert_eq!(request.body, expected.as_bytes(), "the request body");
    }

    /// `value` encodes to the JSON value `expected` (numbers compared by value).
    pub fn check_encodes<T: serde::Serialize>(value: &T, expected: &str) {
        // As text, as on the wire: `to_value` would widen an `f32` (0.9 -> 0.8999999761581421).
        let text = serde_json::to_string(value).unwrap_or_else(|e| panic!("does not encode: {e}"));
        let encoded = json(&text);
        let expected = json(expected);
        assert!(same_json(&encoded, &expected), "the decoded body encodes as\n{encoded}\nnot as the example's\n{expected}");
    }

    /// The response's typed header `name` was read, and writes back as the example's text
    /// (numbers compared by value).
    pub fn check_response_header<T: serde::Serialize>(name: &str, decoded: &Option<T>, expected: &str) {
        let Some(decoded) = decoded else {
            panic!("the response header `{name}` is absent or does not decode; the example has {expected:?}")
        };
        let text = serde_json::to_string(decoded).unwrap_or_else(|e| panic!("does not encode: {e}"));
        let encoded = json(&text);
        assert!(same_text(expected, &encoded), "the response header `{name}` decodes as {encoded}, the example has {expected:?}");
    }

    fn same_json(a: &serde_json::Value, b: &serde_json::Value) -> bool {
        match (a, b) {
            (serde_json::Value::Number(x), serde_json::Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
            (serde_json::Value::Array(x), serde_json::Value::Array(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
            }
            (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
                x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
            }
            _ => a == b,
        }
    }
}
