//! How the typed formats of an API are written and read on the wire: `serde_with` adapters
//! (`#[serde(with = "::serde_with::As::<restwire::formats::Rfc3339>")]`), also inside `Option`,
//! `Vec` and maps, and the text of parameters and headers. Each family is a feature.
#[cfg(feature = "base64")]
mod bytes;
#[cfg(feature = "base64")]
pub use bytes::{Base64, Base64Url};
#[cfg(feature = "dates")]
mod dates;
#[cfg(feature = "dates")]
pub use dates::{Date, Rfc1123, Rfc3339, UnixTime};
#[cfg(feature = "durations")]
mod durations;
#[cfg(feature = "durations")]
pub use durations::{Duration, IsoDuration};
#[cfg(feature = "uuid-format")]
mod uuids;
#[cfg(feature = "uuid-format")]
pub use uuids::Uuid;
mod written;
pub use written::Written;

/// [`super::de::put`] for a field that the adapter `U` reads (`U` is what the derive's
/// `#[serde(with = "::serde_with::As::<U>")]` names).
pub fn put_as<'de, U, A, T>(
    map: &mut A,
    slot: &mut Option<T>,
    name: &'static str,
) -> Result<(), A::Error>
where
    A: serde::de::MapAccess<'de>,
    U: serde_with::DeserializeAs<'de, T>,
{
    if slot.is_some() {
        return Err(<A::Error as serde::de::Error>::duplicate_field(name));
    }
    *slot = Some(
        map.next_value::<serde_with::de::DeserializeAsWrap<T, U>>()?
            .into_inner(),
    );
    Ok(())
}
