//! The typed-format adapters of the runtime (`formats`, every family's feature on), against wire text taken from the RFCs and from the
//! AutoRest test server's routes (never produced by the adapters themselves).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::macros::{date, datetime, offset};

use restwire::formats;

/// A model as the emitter writes one: every shape of field an adapter sits in.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Model {
    #[serde(with = "::serde_with::As::<crate::formats::Rfc3339>")]
    when: time::OffsetDateTime,
    #[serde(
        default,
        skip_serializing_if = "::std::option::Option::is_none",
        with = "::serde_with::As::<::std::option::Option<crate::formats::Rfc1123>>"
    )]
    modified: Option<time::OffsetDateTime>,
    #[serde(with = "::serde_with::As::<::std::vec::Vec<crate::formats::Date>>")]
    days: Vec<time::Date>,
    #[serde(
        with = "::serde_with::As::<::std::collections::BTreeMap<::serde_with::Same, crate::formats::Base64>>"
    )]
    blobs: BTreeMap<String, Vec<u8>>,
    #[serde(with = "::serde_with::As::<crate::formats::UnixTime>")]
    stamp: time::OffsetDateTime,
    #[serde(with = "::serde_with::As::<crate::formats::Duration>")]
    period: formats::IsoDuration,
    #[serde(with = "::serde_with::As::<crate::formats::Uuid>")]
    id: uuid::Uuid,
    #[serde(with = "::serde_with::As::<crate::formats::Base64Url>")]
    token: Vec<u8>,
}

const MODEL_JSON: &str = r#"{"when":"1996-12-19T16:39:57-08:00","modified":"Sun, 06 Nov 1994 08:49:37 GMT","days":["1985-04-12","2016-02-29"],"blobs":{"a":"Zm9vYmFy","b":"Zm8="},"stamp":1460505600,"period":"P3Y6M4DT12H30M5S","id":"f81d4fae-7dd0-11d0-a765-00a0c91e6bf6","token":"-_8"}"#;

fn model() -> Model {
    Model {
        when: datetime!(1996-12-19 16:39:57 -8),
        modified: Some(datetime!(1994-11-06 8:49:37 UTC)),
        days: vec![date!(1985 - 04 - 12), date!(2016 - 02 - 29)],
        blobs: BTreeMap::from([
            ("a".to_owned(), b"foobar".to_vec()),
            ("b".to_owned(), b"fo".to_vec()),
        ]),
        stamp: datetime!(2016-04-13 0:00 UTC),
        period: formats::IsoDuration {
            years: 3,
            months: 6,
            days: 4,
            hours: 12,
            minutes: 30,
            seconds: 5,
            ..Default::default()
        },
        id: uuid::uuid!("f81d4fae-7dd0-11d0-a765-00a0c91e6bf6"),
        token: vec![0xfb, 0xff],
    }
}

#[test]
fn a_model_reads_and_writes_every_format_as_the_rfcs_spell_it() {
    let read: Model = serde_json::from_str(MODEL_JSON).unwrap();
    assert_eq!(read, model());
    assert_eq!(serde_json::to_string(&model()).unwrap(), MODEL_JSON);
}

#[test]
fn a_missing_optional_formatted_field_is_none_and_is_left_out() {
    let mut json: serde_json::Value = serde_json::from_str(MODEL_JSON).unwrap();
    json.as_object_mut().unwrap().remove("modified");
    let read: Model = serde_json::from_value(json).unwrap();
    assert_eq!(read.modified, None);
    let written = serde_json::to_value(&read).unwrap();
    assert!(written.get("modified").is_none(), "{written}");
}

/// Reads `text` (a JSON string literal or number) with the adapter `A`.
fn read<T, A>(json: &str) -> Result<T, serde_json::Error>
where
    A: for<'de> serde_with::DeserializeAs<'de, T>,
{
    serde_json::from_str::<serde_with::de::DeserializeAsWrap<T, A>>(json)
        .map(serde_with::de::DeserializeAsWrap::into_inner)
}

fn write<T, A: serde_with::SerializeAs<T>>(value: T) -> String {
    serde_json::to_string(&formats::Written::<T, A>::new(value)).unwrap()
}

#[test]
fn rfc3339_examples_of_section_5_8_keep_their_offsets() {
    use formats::Rfc3339;
    let utc = read::<_, Rfc3339>(r#""1985-04-12T23:20:50.52Z""#).unwrap();
    assert_eq!(utc, datetime!(1985-04-12 23:20:50.52 UTC));
    let pacific = read::<_, Rfc3339>(r#""1996-12-19T16:39:57-08:00""#).unwrap();
    assert_eq!(pacific.offset(), offset!(-8));
    assert_eq!(
        write::<_, Rfc3339>(pacific),
        r#""1996-12-19T16:39:57-08:00""#
    );
    // `t` and `z` in lower case (RFC 3339 section 5.6 allows them; the test server sends them).
    let lower = read::<_, Rfc3339>(r#""9999-12-31t23:59:59.999z""#).unwrap();
    assert_eq!(lower, datetime!(9999-12-31 23:59:59.999 UTC));
    // Seven fractional digits survive (the test server's `.9999999Z`).
    let seven = datetime!(9999-12-31 23:59:59.9999999 UTC);
    assert_eq!(
        write::<_, Rfc3339>(seven),
        r#""9999-12-31T23:59:59.9999999Z""#
    );
}

#[test]
fn rfc3339_refuses_what_is_not_a_date_time_or_is_out_of_range() {
    use formats::Rfc3339;
    for bad in [
        r#""201O-18-90D00:89:56.9AX""#,
        r#""0000-00-00T00:00:00.000+00:00""#,
        // After 9999-12-31T23:59:59.999999999 in UTC: `time` could not convert it.
        r#""9999-12-31T23:59:59.999-14:00""#,
        r#""1985-04-12""#,
        "1460505600",
    ] {
        assert!(read::<time::OffsetDateTime, Rfc3339>(bad).is_err(), "{bad}");
    }
    // No offset at all: read as UTC, as the AutoRest clients read it.
    let local = read::<_, Rfc3339>(r#""0001-01-01T00:00:00""#).unwrap();
    assert_eq!(local, datetime!(0001-01-01 0:00 UTC));
}

#[test]
fn rfc1123_is_the_imf_fixdate_of_rfc_7231_in_utc() {
    use formats::Rfc1123;
    // RFC 7231 section 7.1.1.1.
    let read_back = read::<_, Rfc1123>(r#""Sun, 06 Nov 1994 08:49:37 GMT""#).unwrap();
    assert_eq!(read_back, datetime!(1994-11-06 8:49:37 UTC));
    // Another offset is written as the same instant in GMT.
    let eastern = datetime!(1994-11-06 3:49:37 -5);
    assert_eq!(
        write::<_, Rfc1123>(eastern),
        r#""Sun, 06 Nov 1994 08:49:37 GMT""#
    );
    // The test server's limits and case variants.
    let max = read::<_, Rfc1123>(r#""fri, 31 dec 9999 23:59:59 gmt""#).unwrap();
    assert_eq!(max, datetime!(9999-12-31 23:59:59 UTC));
    assert_eq!(
        write::<_, Rfc1123>(datetime!(0001-01-01 0:00 UTC)),
        r#""Mon, 01 Jan 0001 00:00:00 GMT""#
    );
    for bad in [
        r#""Tue, 01 Dec 2000 00:00:0A ABC""#,
        r#""Sat, 1 Jan 10000 00:00:00 GMT""#,
        r#""Tue, 00 Jan 0000 00:00:00 GMT""#,
        r#""1994-11-06T08:49:37Z""#,
    ] {
        assert!(read::<time::OffsetDateTime, Rfc1123>(bad).is_err(), "{bad}");
    }
    assert_eq!(
        Rfc1123::parse("Sun, 06 Nov 1994 08:49:37 GMT"),
        Some(datetime!(1994-11-06 8:49:37 UTC))
    );
}

#[test]
fn dates_are_full_dates_and_out_of_range_years_are_refused() {
    use formats::Date;
    assert_eq!(
        read::<_, Date>(r#""1985-04-12""#).unwrap(),
        date!(1985 - 04 - 12)
    );
    assert_eq!(write::<_, Date>(date!(0001 - 01 - 01)), r#""0001-01-01""#);
    for bad in [
        r#""201O-18-90""#,
        r#""10000000000-12-31""#,
        r#""0000-00-00""#,
        r#""2015-02-29""#,
    ] {
        assert!(read::<time::Date, Date>(bad).is_err(), "{bad}");
    }
}

#[test]
fn unix_time_is_an_integer_of_seconds() {
    use formats::UnixTime;
    assert_eq!(
        read::<_, UnixTime>("1460505600").unwrap(),
        datetime!(2016-04-13 0:00 UTC)
    );
    assert_eq!(write::<_, UnixTime>(datetime!(1970-01-01 0:00:01 UTC)), "1");
    assert!(read::<time::OffsetDateTime, UnixTime>(r#""123jkl""#).is_err());
    assert_eq!(
        UnixTime::parse("1460505600"),
        Some(datetime!(2016-04-13 0:00 UTC))
    );
}

#[test]
fn durations_keep_the_units_they_were_written_with() {
    use formats::{Duration, IsoDuration};
    let span = read::<_, Duration>(r#""P123DT22H14M12.011S""#).unwrap();
    assert_eq!(
        span,
        IsoDuration {
            days: 123,
            hours: 22,
            minutes: 14,
            seconds: 12,
            nanoseconds: 11_000_000,
            ..Default::default()
        }
    );
    assert_eq!(write::<_, Duration>(span), r#""P123DT22H14M12.011S""#);
    let five_days = IsoDuration {
        days: 5,
        hours: 1,
        ..Default::default()
    };
    assert_eq!(write::<_, Duration>(five_days), r#""P5DT1H""#);
    assert_eq!(write::<_, Duration>(IsoDuration::default()), r#""PT0S""#);
    // `P1D` is not `PT24H`: a duration compares field by field.
    assert_ne!(
        read::<_, Duration>(r#""P1D""#).unwrap(),
        read::<_, Duration>(r#""PT24H""#).unwrap()
    );
    for bad in [
        r#""123ABC""#,
        r#""1 hour""#,
        r#""P""#,
        r#""PT""#,
        r#""P1H""#,
        r#""PT1D""#,
        r#""P1D2Y""#,
        r#""PT1.5H""#,
        r#""PT0.1234567891S""#,
    ] {
        assert!(read::<IsoDuration, Duration>(bad).is_err(), "{bad}");
    }
}

/// .NET's `TimeSpan.MaxValue`, what Azure Batch sends for "no limit", and a negative duration
/// go back out as they came.
#[test]
fn durations_hold_what_services_send() {
    use formats::{Duration, IsoDuration};
    for text in [
        "P10675199DT2H48M5.4775807S",
        "-P1DT0.5S",
        "P3Y6M4DT12H30M5S",
        "P2W",
    ] {
        let json = format!("\"{text}\"");
        let value: IsoDuration = read::<_, Duration>(&json).unwrap();
        assert_eq!(write::<_, Duration>(value), json);
    }
    // How a response header is read (`Duration::parse`).
    let max = Duration::parse("P10675199DT2H48M5.4775807S").unwrap();
    assert_eq!(
        max.to_std(),
        Some(std::time::Duration::new(922_337_203_685, 477_580_700))
    );
    assert_eq!(IsoDuration::parse("P1M").unwrap().to_std(), None);
    let from_std = IsoDuration::from(std::time::Duration::new(93_784, 5));
    assert_eq!(from_std.to_string(), "P1DT2H3M4.000000005S");
}

#[test]
fn base64_follows_the_test_vectors_of_rfc_4648() {
    use formats::{Base64, Base64Url};
    // Section 10.
    for (bytes, text) in [
        (&b""[..], ""),
        (b"f", "Zg=="),
        (b"fo", "Zm8="),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg=="),
        (b"fooba", "Zm9vYmE="),
        (b"foobar", "Zm9vYmFy"),
    ] {
        let quoted = format!("\"{text}\"");
        assert_eq!(write::<_, Base64>(bytes.to_vec()), quoted);
        assert_eq!(read::<Vec<u8>, Base64>(&quoted).unwrap(), bytes);
    }
    // Unpadded standard base64 is read too; `-`/`_` belong to the URL-safe alphabet only.
    assert_eq!(read::<Vec<u8>, Base64>(r#""Zm8""#).unwrap(), b"fo");
    assert!(read::<Vec<u8>, Base64>(r#""::::SWAGGER::::""#).is_err());
    assert!(read::<Vec<u8>, Base64>(r#""-_8""#).is_err());
    // Section 5: `+/` become `-_`, written without padding, read with or without.
    assert_eq!(write::<_, Base64Url>(vec![0xfb, 0xff]), r#""-_8""#);
    assert_eq!(
        read::<Vec<u8>, Base64Url>(r#""-_8=""#).unwrap(),
        [0xfb, 0xff]
    );
    assert!(read::<Vec<u8>, Base64Url>(r#""+/8=""#).is_err());
    // The test server's base64url text.
    assert_eq!(
        read::<Vec<u8>, Base64Url>(r#""YSBzdHJpbmcgdGhhdCBnZXRzIGVuY29kZWQgd2l0aCBiYXNlNjR1cmw""#)
            .unwrap(),
        b"a string that gets encoded with base64url"
    );
}

#[test]
fn uuids_are_hyphenated_lower_case() {
    use formats::Uuid;
    // RFC 4122's example, upper case in, lower case out.
    let id = read::<_, Uuid>(r#""F81D4FAE-7DD0-11D0-A765-00A0C91E6BF6""#).unwrap();
    assert_eq!(id, uuid::uuid!("f81d4fae-7dd0-11d0-a765-00a0c91e6bf6"));
    assert_eq!(
        write::<_, Uuid>(id),
        r#""f81d4fae-7dd0-11d0-a765-00a0c91e6bf6""#
    );
    assert!(read::<uuid::Uuid, Uuid>(r#""g42f6aa1-a5bc-4ddf-907e-5f915de43205""#).is_err());
}

#[test]
fn adapters_compose_through_options_arrays_and_maps() {
    type Nested = Option<Vec<BTreeMap<String, time::OffsetDateTime>>>;
    type NestedAs = Option<Vec<BTreeMap<serde_with::Same, formats::Rfc3339>>>;
    let json = r#"[{"x":"2000-12-01t00:00:01z","y":"1492-10-12T10:15:01-08:00"}]"#;
    let value = read::<Nested, NestedAs>(json).unwrap();
    let maps = value.clone().unwrap();
    assert_eq!(maps[0]["y"], datetime!(1492-10-12 10:15:01 -8));
    assert_eq!(
        write::<Nested, NestedAs>(value),
        r#"[{"x":"2000-12-01T00:00:01Z","y":"1492-10-12T10:15:01-08:00"}]"#
    );
    assert_eq!(read::<Nested, NestedAs>("null").unwrap(), None);
    // One bad item fails the whole value.
    assert!(read::<Nested, NestedAs>(r#"[{"x":"2000-12-01"}]"#).is_err());
}

/// The unused bits of the last character are ignored (RFC 4648, section 3.5 lets an encoder
/// leave them set): `C` ends `EmC=` with bits a strict decoder refuses.
#[test]
fn base64_with_non_zero_trailing_bits_is_read() {
    assert_eq!(formats::Base64::parse("EmC="), Some(vec![0x12, 0x60]));
    assert_eq!(formats::Base64::parse("EmA="), Some(vec![0x12, 0x60]));
    assert_eq!(formats::Base64::parse("E!C="), None);
}
