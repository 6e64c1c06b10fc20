//! Headers a client adds to every request: `ClientBuilder::default_header` and the automatic
//! `x-ms-client-request-id` (`automatic_client_request_id`).

use containerregistry_2019_08_15_preview as acr;
use reqwest::header::{HeaderName, HeaderValue};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ID: &str = "x-ms-client-request-id";

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    server
}

async fn sent(server: &MockServer) -> Vec<wiremock::Request> {
    server.received_requests().await.unwrap()
}

#[tokio::test]
async fn a_default_header_goes_with_every_request() {
    let server = server().await;
    let client = acr::Client::builder(server.uri())
        .default_header(
            HeaderName::from_static("x-custom"),
            HeaderValue::from_static("one"),
        )
        .default_header(
            HeaderName::from_static("x-custom"),
            HeaderValue::from_static("two"),
        )
        .build()
        .unwrap();
    client.v2_support().check().await.unwrap();
    client
        .request(reqwest::Method::GET, "/v2/other")
        .send()
        .await
        .unwrap();
    let requests = sent(&server).await;
    assert_eq!(requests.len(), 2);
    for r in &requests {
        let values: Vec<_> = r.headers.get_all("x-custom").iter().collect();
        assert_eq!(values, ["two"], "the later value replaces the earlier one");
    }
}

#[tokio::test]
async fn an_operation_header_wins_over_a_default_header() {
    let server = server().await;
    let client = acr::Client::builder(server.uri())
        .default_header(
            HeaderName::from_static("accept"),
            HeaderValue::from_static("text/x-default"),
        )
        .build()
        .unwrap();
    client
        .v2_support()
        .check()
        .accept("application/x-chosen")
        .await
        .unwrap();
    let requests = sent(&server).await;
    let values: Vec<_> = requests[0].headers.get_all("accept").iter().collect();
    assert_eq!(values, ["application/x-chosen"]);
}

#[tokio::test]
async fn the_automatic_client_request_id_can_be_turned_on_and_off() {
    // The ACR spec declares no `x-ms-client-request-id`: off by default.
    let server = server().await;
    let plain = acr::Client::new(server.uri()).unwrap();
    plain.v2_support().check().await.unwrap();
    let on = acr::Client::builder(server.uri())
        .automatic_client_request_id(true)
        .build()
        .unwrap();
    on.v2_support().check().await.unwrap();
    on.v2_support().check().await.unwrap();
    let off = acr::Client::builder(server.uri())
        .automatic_client_request_id(true)
        .automatic_client_request_id(false)
        .build()
        .unwrap();
    off.v2_support().check().await.unwrap();
    let requests = sent(&server).await;
    let ids: Vec<Option<&str>> = requests
        .iter()
        .map(|r| r.headers.get(ID).and_then(|v| v.to_str().ok()))
        .collect();
    assert_eq!(ids[0], None);
    assert_eq!(ids[3], None);
    let (a, b) = (ids[1].unwrap(), ids[2].unwrap());
    assert_ne!(a, b, "a fresh id per call");
    assert!(uuid_like(a) && uuid_like(b), "{a} {b}");

    // A default header of that name is sent instead of a fresh id.
    let server = self::server().await;
    let fixed = acr::Client::builder(server.uri())
        .automatic_client_request_id(true)
        .default_header(
            HeaderName::from_static(ID),
            HeaderValue::from_static("9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"),
        )
        .build()
        .unwrap();
    fixed.v2_support().check().await.unwrap();
    let requests = sent(&server).await;
    assert_eq!(
        requests[0].headers.get(ID).unwrap(),
        "9C4D50EE-2D56-4CD3-8152-34347DC9F2B0"
    );
}

fn uuid_like(text: &str) -> bool {
    text.len() == 36
        && text.chars().enumerate().all(|(i, c)| {
            matches!(i, 8 | 13 | 18 | 23) == (c == '-') && (c == '-' || c.is_ascii_hexdigit())
        })
}
