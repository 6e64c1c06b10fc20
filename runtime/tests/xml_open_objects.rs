//! XML objects with `additionalProperties` (`Shape::OpenObject`): named fields plus one child
//! element per other key, as Blob metadata in a List Blobs body
//! (`<Metadata><Encrypted>..</Encrypted><Owner>..</Owner></Metadata>`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use restwire::xml::{from_slice, to_vec, Field, Form, Name, Root, Shape};

#[derive(Debug, PartialEq, Default, Serialize, Deserialize)]
struct Metadata {
    #[serde(rename = "Encrypted", default, skip_serializing_if = "Option::is_none")]
    encrypted: Option<String>,
    #[serde(flatten)]
    other: BTreeMap<String, String>,
}

const fn name(local: &'static str) -> Name {
    Name {
        local,
        prefix: None,
        namespace: None,
    }
}

static FIELDS: &[Field] = &[Field {
    key: "Encrypted",
    name: name("Encrypted"),
    form: Form::Element,
    required: false,
    shape: Shape::Text,
}];

static ROOT: Root = Root {
    name: name("Metadata"),
    shape: Shape::OpenObject(FIELDS, &Shape::Text),
};

#[test]
fn other_child_elements_are_entries_by_their_names_in_any_case() {
    let body = b"<Metadata><Owner>Ada</Owner><Encrypted>no</Encrypted><mixedCase>42</mixedCase>\
                 <Empty/></Metadata>";
    let read: Metadata = from_slice(body, &ROOT).expect("metadata");
    assert_eq!(
        read,
        Metadata {
            encrypted: Some("no".into()),
            other: BTreeMap::from([
                ("Empty".into(), String::new()),
                ("Owner".into(), "Ada".into()),
                ("mixedCase".into(), "42".into()),
            ]),
        }
    );
}

#[test]
fn entries_are_written_after_the_fields_named_by_their_keys() {
    let value = Metadata {
        encrypted: Some("yes".into()),
        other: BTreeMap::from([("Owner".into(), "Ada & co".into())]),
    };
    let text = String::from_utf8(to_vec(&value, &ROOT).expect("XML")).expect("UTF-8");
    assert!(
        text.ends_with(
            "<Metadata><Encrypted>yes</Encrypted><Owner>Ada &amp; co</Owner></Metadata>"
        ),
        "{text}"
    );
}

#[test]
fn a_closed_object_still_skips_unknown_elements() {
    static CLOSED: Root = Root {
        name: name("Metadata"),
        shape: Shape::Object(FIELDS),
    };
    let read: Metadata =
        from_slice(b"<Metadata><Owner>Ada</Owner></Metadata>", &CLOSED).expect("metadata");
    assert_eq!(read, Metadata::default());
}
