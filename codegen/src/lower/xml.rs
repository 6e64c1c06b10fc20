//! The `xml` object of a schema (Swagger 2.0 and OpenAPI 3 share it) and AutoRest's `x-ms-text`,
//! and which bodies go as XML.
//!
//! Lenient: a malformed `xml` object, or a field of the wrong type, is a warning and is left out;
//! it never fails the generation.

use serde_json::Value;

use super::context::Lowerer;
use crate::ir::Xml;
use crate::resolve::Loc;

/// The fields of an `xml` object that the generator reads.
const KNOWN: &[&str] = &["name", "namespace", "prefix", "attribute", "wrapped"];

impl Lowerer<'_> {
    /// The `xml` object of `schema` (and, for an array, the one of its inline `items`), or
    /// `None` when neither has one.
    pub(crate) fn xml_object(&mut self, at: &Loc, schema: &Value) -> Option<Xml> {
        let own = self.xml_fields(at, schema);
        let items = schema
            .get("items")
            .filter(|items| items.is_object())
            .and_then(|items| self.xml_fields(&at.key("items"), items));
        if own.is_none() && items.is_none() {
            return None;
        }
        let mut xml = own.unwrap_or_default();
        xml.items = items.map(Box::new);
        Some(xml)
    }

    /// The `xml` object of `schema` alone.
    fn xml_fields(&mut self, at: &Loc, schema: &Value) -> Option<Xml> {
        let object = schema.get("xml")?;
        let at = at.key("xml");
        if !object.is_object() {
            self.warn(&at, "`xml` must be an object: ignored");
            return None;
        }
        self.warn_unknown_keys(&at, object, KNOWN, "an `xml` object");
        let mut xml = Xml {
            name: self.xml_str(&at, object, "name"),
            namespace: self.xml_str(&at, object, "namespace"),
            prefix: self.xml_str(&at, object, "prefix"),
            attribute: self.xml_bool(&at, object, "attribute"),
            wrapped: self.xml_bool(&at, object, "wrapped"),
            text: self.xml_bool(&at, object, "x-ms-text"),
            items: None,
        };
        if xml.attribute && xml.text {
            self.warn(
                &at,
                "an `xml` object cannot be both an attribute and the text (`x-ms-text`): written as the text",
            );
            xml.attribute = false;
        }
        if xml.wrapped && schema_type(schema) != Some("array") {
            self.warn(
                &at.key("wrapped"),
                "`wrapped` applies to arrays only: ignored",
            );
            xml.wrapped = false;
        }
        if (xml.attribute || xml.text) && matches!(schema_type(schema), Some("array" | "object")) {
            self.warn(
                &at,
                "an attribute or text (`x-ms-text`) must be a primitive value: written as an element",
            );
            xml.attribute = false;
            xml.text = false;
        }
        Some(xml)
    }

    fn xml_str(&mut self, at: &Loc, object: &Value, key: &str) -> Option<String> {
        match object.get(key)? {
            Value::String(text) => Some(text.clone()),
            _ => {
                self.warn(&at.key(key), format!("`{key}` must be a string: ignored"));
                None
            }
        }
    }

    fn xml_bool(&mut self, at: &Loc, object: &Value, key: &str) -> bool {
        match object.get(key) {
            None => false,
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                self.warn(&at.key(key), format!("`{key}` must be a boolean: ignored"));
                false
            }
        }
    }
}

fn schema_type(schema: &Value) -> Option<&str> {
    schema.get("type").and_then(Value::as_str)
}

/// Whether a typed body with these media types goes as XML: one of them is XML
/// (`application/xml`, `text/xml`, `*/*+xml`) and none is JSON, which is preferred.
pub(crate) fn is_xml_body(media_types: &[String]) -> bool {
    let essence = |m: &str| {
        m.split(';')
            .next()
            .unwrap_or_default()
            .trim()
            .to_ascii_lowercase()
    };
    let xml = media_types
        .iter()
        .map(|m| essence(m))
        .any(|m| m.ends_with("/xml") || m.ends_with("+xml"));
    let json = media_types
        .iter()
        .map(|m| essence(m))
        .any(|m| m.ends_with("/json") || m.ends_with("+json"));
    xml && !json
}

#[cfg(test)]
mod tests {
    use super::is_xml_body;

    fn types(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn xml_only_when_no_json_type_is_offered() {
        assert!(is_xml_body(&types(&["application/xml"])));
        assert!(is_xml_body(&types(&["text/xml; charset=utf-8"])));
        assert!(is_xml_body(&types(&["application/atom+xml"])));
        assert!(!is_xml_body(&types(&[
            "application/xml",
            "application/json"
        ])));
        assert!(!is_xml_body(&types(&["application/json"])));
        assert!(!is_xml_body(&types(&[])));
    }
}
