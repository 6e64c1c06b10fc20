//! XML bodies. A typed value goes through its JSON form (`serde_json::Value`, made and read by
//! the same serde code as a JSON body: renames, skipped read-only fields, typed formats), and a
//! [`Shape`] that the generator made from the API's `xml` objects maps that form to XML and back:
//! elements, attributes, text content, wrapped and unwrapped lists, maps, namespaces.
//! `quick-xml` reads and writes the XML text.
//!
//! Reading is lenient, like the AutoRest clients: elements and attributes are matched by local
//! name (prefixes are not checked), unknown ones are skipped, the root element's name is not
//! checked, a list whose items are not named as expected takes every child element, and a
//! required element that is absent reads as its empty value (`""`, `0`, `false`, an empty list
//! or object), since XML services leave out what is empty.

use std::borrow::Cow;

use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Number, Value};

use super::{Body, Error, Request, RequestContent, ResponseParts};

/// Elements nested deeper than this are refused when reading (recursion is bounded).
const MAX_DEPTH: usize = 256;

/// How a value is written in XML.
#[derive(Clone, Copy)]
pub enum Shape {
    /// A string.
    Text,
    /// A number.
    Number,
    /// A boolean.
    Boolean,
    /// An object: its fields, in order.
    Object(&'static [Field]),
    /// An object that also has entries of its own (`additionalProperties`): its fields, then
    /// one child element per other key, named by the key, of the given shape.
    OpenObject(&'static [Field], &'static Shape),
    /// A list (an element that holds one element per item).
    List(&'static List),
    /// A map: one child element per entry, named by its key.
    Map(&'static Shape),
    /// The shape of a model, looked up when needed (models may refer to each other).
    Model(fn() -> Shape),
    /// Any value: text, or child elements by name.
    Any,
}

impl Shape {
    fn resolve(self) -> Shape {
        let mut shape = self;
        // An alias of an alias ... ends: the generator emits no alias cycles.
        for _ in 0..MAX_DEPTH {
            match shape {
                Shape::Model(f) => shape = f(),
                other => return other,
            }
        }
        Shape::Any
    }
}

/// The items of a list.
pub struct List {
    /// The name of each item's element.
    pub item: Name,
    /// The shape of each item.
    pub items: Shape,
}

/// An element or attribute name.
#[derive(Clone, Copy)]
pub struct Name {
    /// The local name.
    pub local: &'static str,
    /// The namespace prefix, if any.
    pub prefix: Option<&'static str>,
    /// The namespace URI declared on the element, if any.
    pub namespace: Option<&'static str>,
}

/// Where a field of an object goes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A child element.
    Element,
    /// An attribute of the object's element.
    Attribute,
    /// The text content of the object's element.
    Text,
    /// A list whose items are child elements of the object's element (no wrapper).
    Items,
}

/// One field of an object.
pub struct Field {
    /// Its key in the JSON form (the wire name).
    pub key: &'static str,
    /// Its XML name.
    pub name: Name,
    /// Where it goes.
    pub form: Form,
    /// Whether it must be present (read as its empty value when it is not).
    pub required: bool,
    /// Its shape.
    pub shape: Shape,
}

/// The root element of a body.
pub struct Root {
    /// Its name.
    pub name: Name,
    /// Its shape.
    pub shape: Shape,
}

/// A model that can be written as XML.
pub trait XmlModel {
    /// Its shape.
    fn xml_shape() -> Shape;
}

/// A model that is a whole body: its element and shape, shared by the operations that send or
/// receive it.
pub trait XmlRoot {
    /// The root element.
    fn xml_root() -> &'static Root;
}

/// Puts `content` in `request`: a typed value as XML, or raw bytes as given (see
/// [`RequestContent::write`] for the `Content-Type`).
pub fn write<T: Serialize>(
    content: RequestContent<T>,
    request: &mut Request,
    name: &'static str,
    root: &Root,
    content_type: Option<&str>,
    default: &str,
) -> Result<(), Error> {
    match content.into_parts() {
        Ok(value) => {
            let bytes = to_vec(&value, root).map_err(|e| {
                Error::invalid_parameter(
                    Some(request.operation()),
                    name,
                    format!("cannot serialize: {e}"),
                )
            })?;
            request.body(Body::from(bytes), content_type.unwrap_or(default))
        }
        Err((body, own)) => request.body(body, content_type.unwrap_or(&own)),
    }
}

/// Reads an XML body into `T` (the limits of [`super::json`] apply; an empty body is
/// `null`, then `{}`, as there).
pub async fn read<T: DeserializeOwned>(
    operation: &'static str,
    response: reqwest::Response,
    root: &Root,
) -> Result<(T, ResponseParts), Error> {
    let parts = ResponseParts::new(&response);
    let body = super::read::read_body(operation, response).await?;
    decode(operation, parts.with_body(body), root)
}

/// The XML body that `received` holds, decoded into `T` (as [`read`]).
pub fn received<T: DeserializeOwned>(
    received: super::Received,
    root: &Root,
) -> Result<(T, ResponseParts), Error> {
    let operation = received.operation();
    decode(operation, received.parts(), root)
}

fn decode<T: DeserializeOwned>(
    operation: &'static str,
    parts: ResponseParts,
    root: &Root,
) -> Result<(T, ResponseParts), Error> {
    match from_slice(parts.body(), root) {
        Ok(value) => Ok((value, parts)),
        Err(e) => Err(Error::decode(
            operation,
            parts.status(),
            parts.headers().clone(),
            parts.bytes(),
            e,
        )),
    }
}

/// Decodes a documented XML error body; `None` when it does not match.
pub fn error_model<T: DeserializeOwned>(body: &[u8], root: &Root) -> Option<T> {
    from_slice(body, root).ok()
}

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The XML text of `value`.
pub fn to_vec<T: Serialize>(value: &T, root: &Root) -> Result<Vec<u8>, BoxError> {
    let value = serde_json::to_value(value)?;
    let mut writer = Writer::new(Vec::new());
    writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))?;
    write_element(&mut writer, &Tag::of(root.name), root.shape, &value)?;
    Ok(writer.into_inner())
}

/// `T` from XML text.
pub fn from_slice<T: DeserializeOwned>(body: &[u8], root: &Root) -> Result<T, BoxError> {
    let text = std::str::from_utf8(body)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return serde_json::from_value(Value::Null)
            .or_else(|_| serde_json::from_value(Value::Object(Map::new())))
            .map_err(|_| "the body is empty, and the documented type needs a value".into());
    }
    let element = parse(text)?;
    let value = read_element(&element, root.shape, 0);
    Ok(serde_json::from_value(value)?)
}

// ---- writing ----

/// An element's tag as written: its qualified name and the namespace it declares.
struct Tag<'a> {
    qname: Cow<'a, str>,
    xmlns: Option<(String, &'static str)>,
}

impl Tag<'static> {
    fn of(name: Name) -> Self {
        Tag {
            qname: qualified(name),
            xmlns: name.namespace.map(|namespace| {
                let key = match name.prefix {
                    Some(prefix) => format!("xmlns:{prefix}"),
                    None => "xmlns".to_owned(),
                };
                (key, namespace)
            }),
        }
    }
}

impl<'a> Tag<'a> {
    /// A map entry's element, named by its key.
    fn key(key: &'a str) -> Self {
        Tag {
            qname: Cow::Borrowed(key),
            xmlns: None,
        }
    }

    fn start(&self) -> BytesStart<'_> {
        let mut start = BytesStart::new(self.qname.as_ref());
        if let Some((key, namespace)) = &self.xmlns {
            start.push_attribute((key.as_str(), *namespace));
        }
        start
    }
}

fn qualified(name: Name) -> Cow<'static, str> {
    match name.prefix {
        Some(prefix) => Cow::Owned(format!("{prefix}:{}", name.local)),
        None => Cow::Borrowed(name.local),
    }
}

/// The text of a scalar (`None` for `null`).
fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(text) => Some(text.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        other => Some(other.to_string()),
    }
}

fn write_element(
    w: &mut Writer<Vec<u8>>,
    tag: &Tag<'_>,
    shape: Shape,
    value: &Value,
) -> std::io::Result<()> {
    if value.is_null() {
        return Ok(());
    }
    let mut element = tag.start();
    match (shape.resolve(), value) {
        (shape @ (Shape::Object(_) | Shape::OpenObject(..)), Value::Object(map)) => {
            let (fields, extra) = object_parts(shape);
            let mut text = None;
            let mut children = Vec::new();
            for field in fields {
                let Some(v) = map.get(field.key).filter(|v| !v.is_null()) else {
                    continue;
                };
                match field.form {
                    Form::Attribute => {
                        if let Some(text) = scalar(v) {
                            element.push_attribute((qualified(field.name).as_ref(), text.as_str()));
                        }
                    }
                    Form::Text => text = scalar(v),
                    Form::Element | Form::Items => children.push((field, v)),
                }
            }
            let entries: Vec<(&String, &Value)> = match extra {
                Some(_) => map
                    .iter()
                    .filter(|(key, v)| !v.is_null() && !fields.iter().any(|f| f.key == *key))
                    .collect(),
                None => Vec::new(),
            };
            if text.is_none() && children.is_empty() && entries.is_empty() {
                return w.write_event(Event::Empty(element));
            }
            w.write_event(Event::Start(element))?;
            if let Some(text) = text {
                w.write_event(Event::Text(BytesText::new(&text)))?;
            }
            for (field, v) in children {
                match (field.form, field.shape.resolve(), v) {
                    (Form::Items, Shape::List(list), Value::Array(items)) => {
                        let item = Tag::of(list.item);
                        for v in items {
                            write_element(w, &item, list.items, v)?;
                        }
                    }
                    _ => write_element(w, &Tag::of(field.name), field.shape, v)?,
                }
            }
            for (key, v) in entries {
                write_element(w, &Tag::key(key), extra.unwrap_or(Shape::Any), v)?;
            }
        }
        (Shape::List(list), Value::Array(items)) => {
            if items.is_empty() {
                return w.write_event(Event::Empty(element));
            }
            w.write_event(Event::Start(element))?;
            let item = Tag::of(list.item);
            for v in items {
                write_element(w, &item, list.items, v)?;
            }
        }
        (shape @ (Shape::Map(_) | Shape::Any), Value::Object(map)) => {
            let values = match shape {
                Shape::Map(values) => *values,
                _ => Shape::Any,
            };
            if map.is_empty() {
                return w.write_event(Event::Empty(element));
            }
            w.write_event(Event::Start(element))?;
            for (key, v) in map {
                write_element(w, &Tag::key(key), values, v)?;
            }
        }
        (_, Value::Array(items)) => {
            // A list where the shape expects one value: one element per item.
            for v in items {
                write_element(w, tag, shape, v)?;
            }
            return Ok(());
        }
        (_, v) => {
            w.write_event(Event::Start(element))?;
            if let Some(text) = scalar(v) {
                w.write_event(Event::Text(BytesText::new(&text)))?;
            }
        }
    }
    w.write_event(Event::End(BytesEnd::new(tag.qname.as_ref())))
}

// ---- reading ----

/// An element read from the text: local name, attributes (by local name), children and text.
struct Element {
    name: String,
    attributes: Vec<(String, String)>,
    children: Vec<Element>,
    text: String,
}

impl Element {
    fn new(start: &BytesStart<'_>) -> Result<Self, BoxError> {
        let mut attributes = Vec::new();
        for attribute in start.attributes() {
            let attribute = attribute?;
            let key = attribute.key.as_ref();
            if key == "xmlns" || key.starts_with("xmlns:") {
                continue;
            }
            let value = quick_xml::escape::unescape(&attribute.value)?.into_owned();
            attributes.push((local(key).to_owned(), value));
        }
        Ok(Element {
            name: local(start.name().as_ref()).to_owned(),
            attributes,
            children: Vec::new(),
            text: String::new(),
        })
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn local(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// The root element of `text`.
fn parse(text: &str) -> Result<Element, BoxError> {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut stack: Vec<(Element, String)> = Vec::new();
    loop {
        match reader.read_event()? {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("elements are nested more than {MAX_DEPTH} deep").into());
                }
                stack.push((Element::new(&start)?, String::new()));
            }
            Event::Empty(start) => {
                let element = Element::new(&start)?;
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::Text(text) => {
                if let Some((_, raw)) = stack.last_mut() {
                    raw.push_str(&text.xml10_content());
                }
            }
            Event::CData(data) => {
                if let Some((_, raw)) = stack.last_mut() {
                    // Kept literally: escaped here, unescaped with the rest.
                    raw.push_str(&quick_xml::escape::escape(data.into_inner()));
                }
            }
            Event::GeneralRef(reference) => {
                if let Some((_, raw)) = stack.last_mut() {
                    raw.push('&');
                    raw.push_str(&reference.xml10_content());
                    raw.push(';');
                }
            }
            Event::End(_) => {
                let Some((mut element, raw)) = stack.pop() else {
                    return Err("an end tag without a start tag".into());
                };
                element.text = quick_xml::escape::unescape(&raw)?.into_owned();
                match stack.last_mut() {
                    Some((parent, _)) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::Eof => return Err("the XML document has no root element".into()),
            _ => {}
        }
    }
}

/// The JSON form of a scalar's text.
fn scalar_value(text: &str, shape: Shape) -> Value {
    match shape {
        Shape::Number => match text.trim() {
            "" => Value::Null,
            t => serde_json::from_str::<Number>(t)
                .map(Value::Number)
                .unwrap_or_else(|_| Value::String(text.to_owned())),
        },
        Shape::Boolean => match text.trim() {
            "" => Value::Null,
            "true" | "1" => Value::Bool(true),
            "false" | "0" => Value::Bool(false),
            _ => Value::String(text.to_owned()),
        },
        _ => Value::String(text.to_owned()),
    }
}

fn read_element(element: &Element, shape: Shape, depth: usize) -> Value {
    match shape.resolve() {
        shape @ (Shape::Text | Shape::Number | Shape::Boolean) => {
            scalar_value(&element.text, shape)
        }
        shape @ (Shape::Object(_) | Shape::OpenObject(..)) => {
            let (fields, extra) = object_parts(shape);
            let mut map = Map::new();
            for field in fields {
                let value = match field.form {
                    Form::Attribute => element
                        .attribute(field.name.local)
                        .map(|t| scalar_value(t, field.shape.resolve())),
                    Form::Text => Some(scalar_value(&element.text, field.shape.resolve())),
                    Form::Element => element
                        .child(field.name.local)
                        .map(|c| read_element(c, field.shape, depth + 1)),
                    Form::Items => match field.shape.resolve() {
                        Shape::List(list) => {
                            let items: Vec<Value> = element
                                .children
                                .iter()
                                .filter(|c| c.name == list.item.local)
                                .map(|c| read_element(c, list.items, depth + 1))
                                .collect();
                            (!items.is_empty()).then_some(Value::Array(items))
                        }
                        other => element
                            .child(field.name.local)
                            .map(|c| read_element(c, other, depth + 1)),
                    },
                };
                let value = match value {
                    Some(Value::Null) | None if field.required => empty(field.shape, depth),
                    Some(value) => value,
                    None => continue,
                };
                map.insert(field.key.to_owned(), value);
            }
            if let Some(extra) = extra {
                for child in &element.children {
                    if !claims(fields, &child.name) && !map.contains_key(&child.name) {
                        let value = read_element(child, extra, depth + 1);
                        map.insert(child.name.clone(), value);
                    }
                }
            }
            Value::Object(map)
        }
        Shape::List(list) => {
            let named: Vec<&Element> = element
                .children
                .iter()
                .filter(|c| c.name == list.item.local)
                .collect();
            let items = if named.is_empty() {
                element.children.iter().collect()
            } else {
                named
            };
            Value::Array(
                items
                    .into_iter()
                    .map(|c| read_element(c, list.items, depth + 1))
                    .collect(),
            )
        }
        Shape::Map(values) => Value::Object(
            element
                .children
                .iter()
                .map(|c| (c.name.clone(), read_element(c, *values, depth + 1)))
                .collect(),
        ),
        Shape::Any | Shape::Model(_) => {
            if element.children.is_empty() {
                Value::String(element.text.clone())
            } else {
                Value::Object(
                    element
                        .children
                        .iter()
                        .map(|c| (c.name.clone(), read_element(c, Shape::Any, depth + 1)))
                        .collect(),
                )
            }
        }
    }
}

/// The value of a required element that is absent.
fn empty(shape: Shape, depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return Value::Null;
    }
    match shape.resolve() {
        Shape::Text => Value::String(String::new()),
        Shape::Number => Value::from(0),
        Shape::Boolean => Value::Bool(false),
        Shape::List(_) => Value::Array(Vec::new()),
        Shape::Map(_) => Value::Object(Map::new()),
        shape @ (Shape::Object(_) | Shape::OpenObject(..)) => {
            let nothing = Element {
                name: String::new(),
                attributes: Vec::new(),
                children: Vec::new(),
                text: String::new(),
            };
            read_element(&nothing, shape, depth + 1)
        }
        Shape::Any | Shape::Model(_) => Value::Null,
    }
}

/// The fields of an object shape, and the shape of its other entries if it has any.
fn object_parts(shape: Shape) -> (&'static [Field], Option<Shape>) {
    match shape {
        Shape::Object(fields) => (fields, None),
        Shape::OpenObject(fields, extra) => (fields, Some(*extra)),
        _ => (&[], None),
    }
}

/// Whether a field of an object reads the child elements named `name`.
fn claims(fields: &[Field], name: &str) -> bool {
    fields.iter().any(|field| match field.form {
        Form::Element => field.name.local == name,
        Form::Items => match field.shape.resolve() {
            Shape::List(list) => list.item.local == name,
            _ => field.name.local == name,
        },
        Form::Attribute | Form::Text => false,
    })
}
