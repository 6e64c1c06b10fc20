//! The `Deserialize` of plain generated structs: a JSON object read key by key, without serde's
//! derived field-name visitor and sequence form. A generated struct implements [`FromMap`] (its
//! fields as `Option` locals, one `match` arm per wire name) and its `Deserialize` calls
//! [`map`]; the key type and the visitor are here once, not in every crate.
//!
//! It reads what `#[derive(Deserialize)]` reads from an object, with the same errors
//! (`missing field`, `duplicate field`, `invalid type: ..., expected struct X`), with one
//! difference: a JSON array is refused (the derive reads a struct from a sequence of its fields
//! in order, which no API sends).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, Visitor};

/// A struct that reads itself from the entries of a map.
pub trait FromMap<'de>: Sized {
    /// The struct's Rust name, for the `expected struct X` of errors.
    const NAME: &'static str;

    /// Reads the struct from the map's entries.
    fn from_map<A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `T::deserialize`: asks `deserializer` for a map (never a sequence) and reads `T` from it.
pub fn map<'de, D: Deserializer<'de>, T: FromMap<'de>>(deserializer: D) -> Result<T, D::Error> {
    deserializer.deserialize_map(MapVisitor(PhantomData))
}

struct MapVisitor<T>(PhantomData<T>);

impl<'de, T: FromMap<'de>> Visitor<'de> for MapVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", T::NAME)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}

/// A key of the map: borrowed from the input when it has no escapes, owned otherwise. Its
/// `expecting` and the deserializer method it calls are the derived field visitor's.
struct Key<'de>(Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("field identifier")
    }

    fn visit_borrowed_str<E: Error>(self, v: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(v)))
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: Error>(self, v: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(v)))
    }
}

/// The next key of `map`, `None` after the last entry.
pub fn key<'de, A: MapAccess<'de>>(map: &mut A) -> Result<Option<Cow<'de, str>>, A::Error> {
    Ok(map.next_key::<Key<'de>>()?.map(|key| key.0))
}

/// Reads the value of the field `name` into `slot`: a `duplicate field` error when the field
/// was read before (checked before its value is read, as the derive does).
pub fn put<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(A::Error::duplicate_field(name));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// Skips the value of a key no field has.
pub fn skip<'de, A: MapAccess<'de>>(map: &mut A) -> Result<(), A::Error> {
    map.next_value::<IgnoredAny>().map(|_| ())
}

/// The value of a required field: a `missing field` error when the map had none.
pub fn required<T, E: Error>(slot: Option<T>, name: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(name))
}
