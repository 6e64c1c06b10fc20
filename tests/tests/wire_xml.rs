//! XML bodies on the wire, through the client generated from the AutoRest test server's
//! `xml-service.json` (`generated/xml-service`), against a local `wiremock` server.
//!
//! The documents are the test server's own (`legacy/routes/xml.js` of
//! `@microsoft.azure/autorest.testserver`). What the client sends is compared with them as the
//! server compares it (parsed, whitespace between elements ignored, attributes in any order),
//! with an XML parser of its own (`roxmltree`), not the client's.

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use xml_service::models::{AppleBarrel, Banana, Slide, Slideshow};
use xml_service::{Client, ErrorKind};

const SIMPLE: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<slideshow
        title="Sample Slide Show"
        date="Date of publication"
        author="Yours Truly">
    <slide type="all">
        <title>Wake up to WonderWidgets!</title>
    </slide>

    <slide type="all">
        <title>Overview</title>
        <item>Why WonderWidgets are great</item>
        <item></item>
        <item>Who buys WonderWidgets</item>
    </slide>
</slideshow>"#;

const ROOT_LIST: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<bananas>
    <banana>
        <name>Cavendish</name>
        <flavor>Sweet</flavor>
        <expiration>2018-02-28T00:40:00.123Z</expiration>
    </banana>
    <banana>
        <name>Plantain</name>
        <flavor>Savory</flavor>
        <expiration>2018-02-28T00:40:00.123Z</expiration>
    </banana>
</bananas>"#;

const EMPTY_WRAPPED_LISTS: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
<AppleBarrel>
    <GoodApples></GoodApples>
    <BadApples/>
</AppleBarrel>"#;

const X_MS_TEXT: &str = r#"<?xml version='1.0' encoding='UTF-8'?>
    <Data language="english">I am text</Data>"#;

const LIST_BLOBS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<EnumerationResults ContainerName="https://myaccount.blob.core.windows.net/mycontainer">
  <Blobs>
    <Blob>
      <Name>blob1.txt</Name>
      <Url>https://myaccount.blob.core.windows.net/mycontainer/blob1.txt</Url>
      <Properties>
        <Last-Modified>Wed, 09 Sep 2009 09:20:02 GMT</Last-Modified>
        <Etag>0x8CBFF45D8A29A19</Etag>
        <Content-Length>100</Content-Length>
        <Content-Encoding />
        <x-ms-blob-sequence-number>3</x-ms-blob-sequence-number>
        <BlobType>BlockBlob</BlobType>
        <LeaseStatus>unlocked</LeaseStatus>
      </Properties>
      <Metadata>
        <Color>blue</Color>
        <x-ms-invalid-name>nasdf$@#$$</x-ms-invalid-name>
      </Metadata>
    </Blob>
  </Blobs>
  <NextMarker />
</EnumerationResults>"#;

/// An element as the test server compares it: name, sorted attributes, text (whitespace-only
/// text between elements dropped) and children.
#[derive(Debug, PartialEq)]
struct Tree {
    name: String,
    attributes: Vec<(String, String)>,
    text: String,
    children: Vec<Tree>,
}

fn tree(text: &str) -> Tree {
    let document = roxmltree::Document::parse(text).expect("well-formed XML");
    node(document.root_element())
}

fn node(element: roxmltree::Node<'_, '_>) -> Tree {
    let mut attributes: Vec<(String, String)> = element
        .attributes()
        .map(|a| (a.name().to_owned(), a.value().to_owned()))
        .collect();
    attributes.sort();
    let text: String = element
        .children()
        .filter(|c| c.is_text())
        .filter_map(|c| c.text())
        .collect();
    Tree {
        name: element.tag_name().name().to_owned(),
        attributes,
        text: if text.trim().is_empty() {
            String::new()
        } else {
            text
        },
        children: element
            .children()
            .filter(|c| c.is_element())
            .map(node)
            .collect(),
    }
}

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

async fn serving(route: &str, body: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "application/xml"),
        )
        .mount(&server)
        .await;
    server
}

async fn accepting(route: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(201))
        .mount(&server)
        .await;
    server
}

/// The one request's body as text, after checking its `Content-Type`.
async fn sent(server: &MockServer) -> String {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let content_type = requests[0].headers.get("content-type").unwrap();
    assert_eq!(content_type.to_str().unwrap(), "application/xml");
    String::from_utf8(requests[0].body.clone()).unwrap()
}

fn slideshow() -> Slideshow {
    let s = |t: &str| Some(t.to_owned());
    Slideshow {
        title: s("Sample Slide Show"),
        date: s("Date of publication"),
        author: s("Yours Truly"),
        slides: Some(vec![
            Slide {
                r#type: s("all"),
                title: s("Wake up to WonderWidgets!"),
                items: None,
            },
            Slide {
                r#type: s("all"),
                title: s("Overview"),
                items: Some(vec![
                    "Why WonderWidgets are great".to_owned(),
                    String::new(),
                    "Who buys WonderWidgets".to_owned(),
                ]),
            },
        ]),
    }
}

fn bananas() -> Vec<Banana> {
    let banana = |name: &str, flavor: &str| Banana {
        name: Some(name.to_owned()),
        flavor: Some(flavor.to_owned()),
        expiration: Some(time::macros::datetime!(2018-02-28 0:40:00.123 UTC)),
    };
    vec![banana("Cavendish", "Sweet"), banana("Plantain", "Savory")]
}

#[tokio::test]
async fn attributes_unwrapped_lists_and_empty_items_are_read() {
    let server = serving("/xml/simple", SIMPLE).await;
    let r = client(&server).xml().get_simple().await.unwrap();
    assert_eq!(r.body, slideshow());
}

#[tokio::test]
async fn a_model_is_written_as_the_server_reads_it() {
    let server = accepting("/xml/simple").await;
    client(&server).xml().put_simple(slideshow()).await.unwrap();
    assert_eq!(tree(&sent(&server).await), tree(SIMPLE));
}

#[tokio::test]
async fn a_list_at_the_root_is_written_and_read_under_the_body_name() {
    let server = accepting("/xml/root-list").await;
    client(&server)
        .xml()
        .put_root_list(bananas())
        .await
        .unwrap();
    assert_eq!(tree(&sent(&server).await), tree(ROOT_LIST));

    let server = serving("/xml/root-list", ROOT_LIST).await;
    let r = client(&server).xml().get_root_list().await.unwrap();
    assert_eq!(r.body, bananas());
}

#[tokio::test]
async fn empty_wrapped_lists_are_present_and_empty() {
    let empty = AppleBarrel {
        good_apples: Some(Vec::new()),
        bad_apples: Some(Vec::new()),
    };
    let server = serving("/xml/empty-wrapped-lists", EMPTY_WRAPPED_LISTS).await;
    let r = client(&server)
        .xml()
        .get_empty_wrapped_lists()
        .await
        .unwrap();
    assert_eq!(r.body, empty);

    let server = accepting("/xml/empty-wrapped-lists").await;
    client(&server)
        .xml()
        .put_empty_wrapped_lists(empty)
        .await
        .unwrap();
    assert_eq!(tree(&sent(&server).await), tree(EMPTY_WRAPPED_LISTS));
}

#[tokio::test]
async fn x_ms_text_is_the_element_text() {
    let server = serving("/xml/x-ms-text", X_MS_TEXT).await;
    let r = client(&server).xml().get_x_ms_text().await.unwrap();
    assert_eq!(r.body.language.as_deref(), Some("english"));
    assert_eq!(r.body.content.as_deref(), Some("I am text"));
}

#[tokio::test]
async fn markup_characters_are_escaped_and_read_back() {
    let tricky = "<a> & \"b\" 'c' ]]>";
    let server = accepting("/xml/simple").await;
    let show = Slideshow {
        title: Some(tricky.to_owned()),
        slides: Some(vec![Slide {
            title: Some(tricky.to_owned()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    client(&server)
        .xml()
        .put_simple(show.clone())
        .await
        .unwrap();
    let text = sent(&server).await;
    let parsed = tree(&text);
    assert_eq!(
        parsed.attributes,
        vec![("title".to_owned(), tricky.to_owned())]
    );
    assert_eq!(parsed.children[0].children[0].text, tricky);

    let server = serving("/xml/simple", &text).await;
    let r = client(&server).xml().get_simple().await.unwrap();
    assert_eq!(r.body, show);
}

/// Azure Storage leaves out required elements (`Prefix`, `Marker`, `MaxResults`, `Deleted`,
/// ...): they read as empty values, as the AutoRest clients read them; unknown elements
/// (`Url`) are skipped; `Metadata` is a map of element names to text.
#[tokio::test]
async fn storage_listings_read_leniently() {
    let server = serving("/xml/mycontainer", LIST_BLOBS).await;
    let r = client(&server)
        .xml()
        .list_blobs(
            xml_service::models::XmlListContainersComp::List,
            xml_service::models::XmlGetAclsRestype::Container,
        )
        .await
        .unwrap();
    let b = r.body;
    assert_eq!(
        b.container_name,
        "https://myaccount.blob.core.windows.net/mycontainer"
    );
    assert_eq!(b.prefix, "");
    assert_eq!(b.max_results, 0);
    assert_eq!(b.next_marker, "");
    let blobs = b.blobs.blob.unwrap();
    assert_eq!(blobs.len(), 1);
    assert_eq!(blobs[0].name, "blob1.txt");
    assert!(!blobs[0].deleted);
    assert_eq!(blobs[0].properties.etag, "0x8CBFF45D8A29A19");
    assert_eq!(blobs[0].properties.content_length, Some(100));
    assert_eq!(blobs[0].properties.content_encoding.as_deref(), Some(""));
    assert_eq!(blobs[0].properties.blob_sequence_number, Some(3));
    let metadata = blobs[0].metadata.clone().unwrap();
    assert_eq!(metadata["Color"], "blue");
    assert_eq!(metadata["x-ms-invalid-name"], "nasdf$@#$$");
}

#[tokio::test]
async fn malformed_xml_is_a_decode_error_with_the_body() {
    let server = serving("/xml/simple", "<slideshow><slide></slideshow>").await;
    let e = client(&server).xml().get_simple().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Decode);
    assert_eq!(e.operation(), Some("xml_getSimple"));
}

/// The `default` response of `xml_getSimple` is the `Error` model, in XML like the rest of the
/// API (its elements are the spec's property names).
#[tokio::test]
async fn an_xml_error_body_decodes_into_its_model() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/xml/simple"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            b"<Error><status>400</status><message>no slides</message></Error>".to_vec(),
            "application/xml",
        ))
        .mount(&server)
        .await;
    let e = client(&server).xml().get_simple().await.unwrap_err();
    assert_eq!(e.status().map(|s| s.as_u16()), Some(400));
    let Some(xml_service::ErrorModel::Error(model)) = e.model() else {
        panic!("want the Error model, got {:?}", e.model());
    };
    assert_eq!(model.status, Some(400));
    assert_eq!(model.message.as_deref(), Some("no slides"));
}
