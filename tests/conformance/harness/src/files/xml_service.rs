//! `xml-service.json`: XML bodies (routes: `legacy/routes/xml.js` for the documents below,
//! `src/test-routes/xml-service.ts` for bytes and URLs). A `PUT` passes when the server parses
//! what the client sent into the same tree (`xml2js`) as its own document; a `GET` passes when
//! the client reads the server's document into the values written here, which are copied from
//! that document.

use xml_service::models::{
    AccessPolicy, AppleBarrel, Banana, ComplexTypeNoMeta, ComplexTypeWithMeta, Logging, Metrics,
    ModelWithByteProperty, ModelWithUrlProperty, RetentionPolicy, RootWithRefAndMeta,
    RootWithRefAndNoMeta, SignedIdentifier, Slide, Slideshow, StorageServiceProperties,
    XmlGetAclsComp, XmlGetAclsRestype, XmlGetServicePropertiesComp, XmlGetServicePropertiesRestype,
    XmlListContainersComp,
};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "xml-service.json";

fn client(c: &Ctx) -> xml_service::Client {
    xml_service::Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

/// `simpleBody` of the route.
fn slideshow() -> Slideshow {
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
                    "Why WonderWidgets are great".to_string(),
                    String::new(),
                    "Who buys WonderWidgets".to_string(),
                ]),
            },
        ]),
    }
}

/// `wrappedListsBody` of the route.
fn apple_barrel() -> AppleBarrel {
    AppleBarrel {
        good_apples: Some(vec!["Fuji".to_string(), "Gala".to_string()]),
        bad_apples: Some(vec!["Red Delicious".to_string()]),
    }
}

fn banana(name: &str, flavor: &str, expiration: &str) -> Banana {
    Banana {
        name: s(name),
        flavor: s(flavor),
        expiration: Some(
            time::OffsetDateTime::parse(expiration, &time::format_description::well_known::Rfc3339)
                .expect("an RFC 3339 date-time"),
        ),
    }
}

/// `rootListBody` of the route.
fn bananas() -> Vec<Banana> {
    vec![
        banana("Cavendish", "Sweet", "2018-02-28T00:40:00.123Z"),
        banana("Plantain", "Savory", "2018-02-28T00:40:00.123Z"),
    ]
}

fn retention() -> Option<RetentionPolicy> {
    Some(RetentionPolicy {
        enabled: true,
        days: Some(7),
    })
}

/// `body_properties_service` of the route.
fn service_properties() -> StorageServiceProperties {
    StorageServiceProperties {
        logging: Some(Logging {
            version: "1.0".to_string(),
            delete: true,
            read: false,
            write: true,
            retention_policy: RetentionPolicy {
                enabled: true,
                days: Some(7),
            },
        }),
        hour_metrics: Some(Metrics {
            version: s("1.0"),
            enabled: true,
            include_apis: Some(false),
            retention_policy: retention(),
        }),
        minute_metrics: Some(Metrics {
            version: s("1.0"),
            enabled: true,
            include_apis: Some(true),
            retention_policy: retention(),
        }),
        ..Default::default()
    }
}

/// `body_acl_container` of the route.
fn acls() -> Vec<SignedIdentifier> {
    vec![SignedIdentifier {
        id: "MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTI=".to_string(),
        access_policy: AccessPolicy {
            start: time::macros::datetime!(2009-09-28 8:49:37.123 UTC),
            expiry: time::macros::datetime!(2009-09-29 8:49:37.123 UTC),
            permission: "rwd".to_string(),
        },
    }]
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "GetSimpleXML", |c| {
            let r = client(&c).xml().get_simple().await.check("call")?;
            eq("slideshow", r.body, slideshow())
        }),
        scenario!(F, "PutSimpleXML", |c| {
            let r = client(&c)
                .xml()
                .put_simple(slideshow())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "GetWrappedXMLList", |c| {
            let r = client(&c).xml().get_wrapped_lists().await.check("call")?;
            eq("barrel", r.body, apple_barrel())
        }),
        scenario!(F, "PutWrappedXMLList", |c| {
            let r = client(&c)
                .xml()
                .put_wrapped_lists(apple_barrel())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        // `<slideshow/>`: no slides (an unwrapped list that is empty leaves no element).
        scenario!(F, "GetEmptyXMLList", |c| {
            let r = client(&c).xml().get_empty_list().await.check("call")?;
            eq("slideshow", r.body, Slideshow::default())
        }),
        scenario!(F, "PutEmptyXMLList", |c| {
            let body = Slideshow {
                slides: Some(Vec::new()),
                ..Default::default()
            };
            let r = client(&c).xml().put_empty_list(body).await.check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        // `<GoodApples></GoodApples><BadApples/>`: two wrapped lists, present and empty.
        scenario!(F, "GetEmptyWrappedXMLList", |c| {
            let r = client(&c)
                .xml()
                .get_empty_wrapped_lists()
                .await
                .check("call")?;
            let want = AppleBarrel {
                good_apples: Some(Vec::new()),
                bad_apples: Some(Vec::new()),
            };
            eq("barrel", r.body, want)
        }),
        scenario!(F, "PutEmptyWrappedXMLList", |c| {
            let body = AppleBarrel {
                good_apples: Some(Vec::new()),
                bad_apples: Some(Vec::new()),
            };
            let r = client(&c)
                .xml()
                .put_empty_wrapped_lists(body)
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "GetXMLListAtRoot", |c| {
            let r = client(&c).xml().get_root_list().await.check("call")?;
            eq("bananas", r.body, bananas())
        }),
        scenario!(F, "PutXMLListAtRoot", |c| {
            let r = client(&c)
                .xml()
                .put_root_list(bananas())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "GetXMLListAtRootSingle", |c| {
            let r = client(&c)
                .xml()
                .get_root_list_single_item()
                .await
                .check("call")?;
            eq("bananas", r.body, bananas()[..1].to_vec())
        }),
        scenario!(F, "PutXMLListAtRootSingle", |c| {
            let r = client(&c)
                .xml()
                .put_root_list_single_item(bananas()[..1].to_vec())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "GetEmptyXMLListAtRoot", |c| {
            let r = client(&c).xml().get_empty_root_list().await.check("call")?;
            eq("bananas", r.body, Vec::new())
        }),
        scenario!(F, "PutEmptyXMLListAtRoot", |c| {
            let r = client(&c)
                .xml()
                .put_empty_root_list(Vec::new())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        // `<flavor></flavor>`: an empty string, not an absent one.
        scenario!(F, "GetXMLEmptyNode", |c| {
            let r = client(&c)
                .xml()
                .get_empty_child_element()
                .await
                .check("call")?;
            eq(
                "banana",
                r.body,
                banana("Unknown Banana", "", "2012-02-24T00:53:52.789Z"),
            )
        }),
        scenario!(F, "PutXMLEmptyNode", |c| {
            let body = banana("Unknown Banana", "", "2012-02-24T00:53:52.789Z");
            let r = client(&c)
                .xml()
                .put_empty_child_element(body)
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "GetRootWithRefAndNoMetaXML", |c| {
            let r = client(&c)
                .xml()
                .get_complex_type_ref_no_meta()
                .await
                .check("call")?;
            let want = RootWithRefAndNoMeta {
                ref_to_model: Some(ComplexTypeNoMeta { id: s("myid") }),
                something: s("else"),
            };
            eq("root", r.body, want)
        }),
        scenario!(F, "PutRootWithRefAndNoMetaXML", |c| {
            let body = RootWithRefAndNoMeta {
                ref_to_model: Some(ComplexTypeNoMeta { id: s("myid") }),
                something: s("else"),
            };
            let r = client(&c)
                .xml()
                .put_complex_type_ref_no_meta(body)
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        // The property's element is named by the referenced model: `<XMLComplexTypeWithMeta>`.
        scenario!(F, "GetRootWithRefAndMetaXML", |c| {
            let r = client(&c)
                .xml()
                .get_complex_type_ref_with_meta()
                .await
                .check("call")?;
            let want = RootWithRefAndMeta {
                ref_to_model: Some(ComplexTypeWithMeta { id: s("myid") }),
                something: s("else"),
            };
            eq("root", r.body, want)
        }),
        scenario!(F, "PutRootWithRefAndMetaXML", |c| {
            let body = RootWithRefAndMeta {
                ref_to_model: Some(ComplexTypeWithMeta { id: s("myid") }),
                something: s("else"),
            };
            let r = client(&c)
                .xml()
                .put_complex_type_ref_with_meta(body)
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        // `<Data language="english">I am text</Data>`: an attribute and the text content.
        scenario!(F, "GetWithXMsText", |c| {
            let r = client(&c).xml().get_x_ms_text().await.check("call")?;
            eq("language", r.body.language.as_deref(), Some("english"))?;
            eq("content", r.body.content.as_deref(), Some("I am text"))
        }),
        scenario!(F, "XmlGetBytes", |c| {
            let r = client(&c).xml().get_bytes().await.check("call")?;
            // `SGVsbG8gd29ybGQ=` is base64 of "Hello world".
            eq(
                "bytes",
                r.body,
                ModelWithByteProperty {
                    bytes: Some(b"Hello world".to_vec()),
                },
            )
        }),
        scenario!(F, "XmlPutBytes", |c| {
            let body = ModelWithByteProperty {
                bytes: Some(b"Hello world".to_vec()),
            };
            let r = client(&c).xml().put_binary(body).await.check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "XmlGetUrl", |c| {
            let r = client(&c).xml().get_uri().await.check("call")?;
            eq(
                "url",
                r.body,
                ModelWithUrlProperty {
                    url: s("https://myaccount.blob.core.windows.net/"),
                },
            )
        }),
        scenario!(F, "XmlPutUrl", |c| {
            let body = ModelWithUrlProperty {
                url: s("https://myaccount.blob.core.windows.net/"),
            };
            let r = client(&c).xml().put_uri(body).await.check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        // Azure Storage documents: `body_list` of the route.
        scenario!(F, "StorageListContainersXML", |c| {
            let r = client(&c)
                .xml()
                .list_containers(XmlListContainersComp::List)
                .await
                .check("call")?;
            let b = r.body;
            eq(
                "endpoint",
                b.service_endpoint.as_str(),
                "https://myaccount.blob.core.windows.net/",
            )?;
            eq("max results", b.max_results, 3)?;
            eq("next marker", b.next_marker.as_str(), "video")?;
            let containers = b.containers.unwrap_or_default();
            let names: Vec<&str> = containers.iter().map(|c| c.name.as_str()).collect();
            eq("names", names, vec!["audio", "images", "textfiles"])?;
            eq(
                "etag",
                containers[0].properties.etag.as_str(),
                "0x8CACB9BD7C6B1B2",
            )?;
            eq(
                "last modified",
                containers[2].properties.last_modified,
                time::macros::datetime!(2016-10-26 20:39:39 UTC),
            )?;
            eq(
                "public access",
                containers[0]
                    .properties
                    .public_access
                    .as_ref()
                    .map(|p| p.as_str().to_string()),
                s("container"),
            )
        }),
        // `body_list_container`: blobs with properties and metadata maps.
        scenario!(F, "StorageListBlobsXML", |c| {
            let r = client(&c)
                .xml()
                .list_blobs(XmlListContainersComp::List, XmlGetAclsRestype::Container)
                .await
                .check("call")?;
            let b = r.body;
            eq(
                "container",
                b.container_name.as_str(),
                "https://myaccount.blob.core.windows.net/mycontainer",
            )?;
            eq("next marker", b.next_marker.as_str(), "")?;
            let blobs = b.blobs.blob.unwrap_or_default();
            eq("count", blobs.len(), 5)?;
            eq("name", blobs[0].name.as_str(), "blob1.txt")?;
            eq(
                "snapshot",
                blobs[1].snapshot.as_str(),
                "2009-09-09T09:20:03.0427659Z",
            )?;
            eq("length", blobs[1].properties.content_length, Some(5000))?;
            eq(
                "encoding",
                blobs[0].properties.content_encoding.as_deref(),
                Some(""),
            )?;
            eq(
                "sequence number",
                blobs[4].properties.blob_sequence_number,
                Some(3),
            )?;
            let metadata = blobs[1].metadata.clone().unwrap_or_default();
            eq(
                "metadata",
                metadata.get("x-ms-invalid-name").map(String::as_str),
                Some("nasdf$@#$$"),
            )?;
            eq(
                "metadata",
                metadata.get("BlobNumber").map(String::as_str),
                Some("02"),
            )
        }),
        scenario!(F, "StorageGetServicePropertiesXML", |c| {
            let r = client(&c)
                .xml()
                .get_service_properties(
                    XmlGetServicePropertiesComp::Properties,
                    XmlGetServicePropertiesRestype::Service,
                )
                .await
                .check("call")?;
            eq("properties", r.body, service_properties())
        }),
        scenario!(F, "StoragePutServicePropertiesXML", |c| {
            let r = client(&c)
                .xml()
                .put_service_properties(
                    XmlGetServicePropertiesComp::Properties,
                    XmlGetServicePropertiesRestype::Service,
                    service_properties(),
                )
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
        scenario!(F, "StorageGetContainerACLXML", |c| {
            let r = client(&c)
                .xml()
                .get_acls(XmlGetAclsComp::Acl, XmlGetAclsRestype::Container)
                .await
                .check("call")?;
            eq("acls", r.body, acls())
        }),
        scenario!(F, "StoragePutContainerACLXML", |c| {
            let r = client(&c)
                .xml()
                .put_acls(XmlGetAclsComp::Acl, XmlGetAclsRestype::Container, acls())
                .await
                .check("call")?;
            eq("status", r.status().as_u16(), 201)
        }),
    ]
}
