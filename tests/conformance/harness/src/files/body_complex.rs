//! `body-complex.json`: model bodies (basic, primitive-property, array, dictionary, read-only,
//! inheritance and polymorphism models) decoded and encoded exactly (routes:
//! `legacy/routes/complex.js`).

use body_complex::Client;
use body_complex::models::{
    ArrayWrapper, Basic, BooleanWrapper, ByteWrapper, CmykColors, DateWrapper, DatetimeWrapper,
    Datetimerfc1123Wrapper, DictionaryWrapper, Dog, DoubleWrapper, DurationWrapper, FloatWrapper,
    IntWrapper, LongWrapper, ReadonlyObj, Siamese, StringWrapper,
};
use body_complex::models::{DotFish, Fish, Salmon};
use time::macros::{date, datetime};

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-complex.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    let mut all = first();
    all.extend(more());
    all
}

fn s(text: &str) -> Option<String> {
    Some(text.to_string())
}

/// The typed formats as properties, the inheritance put, and the polymorphic puts.
fn more() -> Vec<Scenario> {
    vec![
        scenario!(F, "getComplexPrimitiveDate", |c| {
            let r = client(&c).primitive().get_date().await.check("call")?;
            eq(
                "fields",
                (r.body.field, r.body.leap),
                (Some(date!(0001 - 01 - 01)), Some(date!(2016 - 02 - 29))),
            )
        }),
        scenario!(F, "putComplexPrimitiveDate", |c| {
            let body = DateWrapper {
                field: Some(date!(0001 - 01 - 01)),
                leap: Some(date!(2016 - 02 - 29)),
            };
            client(&c).primitive().put_date(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveDateTime", |c| {
            let r = client(&c).primitive().get_date_time().await.check("call")?;
            eq(
                "fields",
                (r.body.field, r.body.now),
                (
                    Some(datetime!(0001-01-01 0:00 UTC)),
                    Some(datetime!(2015-05-18 18:38 UTC)),
                ),
            )
        }),
        scenario!(F, "putComplexPrimitiveDateTime", |c| {
            let body = DatetimeWrapper {
                field: Some(datetime!(0001-01-01 0:00 UTC)),
                now: Some(datetime!(2015-05-18 18:38 UTC)),
            };
            client(&c)
                .primitive()
                .put_date_time(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveDateTimeRfc1123", |c| {
            let r = client(&c)
                .primitive()
                .get_date_time_rfc1123()
                .await
                .check("call")?;
            eq(
                "fields",
                (r.body.field, r.body.now),
                (
                    Some(datetime!(0001-01-01 0:00 UTC)),
                    Some(datetime!(2015-05-18 11:38 UTC)),
                ),
            )
        }),
        scenario!(F, "putComplexPrimitiveDateTimeRfc1123", |c| {
            let body = Datetimerfc1123Wrapper {
                field: Some(datetime!(0001-01-01 0:00 UTC)),
                now: Some(datetime!(2015-05-18 11:38 UTC)),
            };
            client(&c)
                .primitive()
                .put_date_time_rfc1123(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveDuration", |c| {
            let r = client(&c).primitive().get_duration().await.check("call")?;
            eq("field", r.body.field, Some(duration()))
        }),
        scenario!(F, "putComplexPrimitiveDuration", |c| {
            let body = DurationWrapper {
                field: Some(duration()),
            };
            client(&c)
                .primitive()
                .put_duration(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveByte", |c| {
            let r = client(&c).primitive().get_byte().await.check("call")?;
            eq("field", r.body.field, Some(bytes()))
        }),
        scenario!(F, "putComplexPrimitiveByte", |c| {
            let body = ByteWrapper {
                field: Some(bytes()),
            };
            client(&c).primitive().put_byte(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "putComplexInheritanceValid", |c| {
            let dog = |id: i64, name: &str, food: &str| Dog {
                id: Some(id),
                name: s(name),
                food: s(food),
                ..Dog::default()
            };
            let body = Siamese {
                id: Some(2),
                name: s("Siameeee"),
                color: s("green"),
                breed: s("persian"),
                hates: Some(vec![
                    dog(1, "Potato", "tomato"),
                    dog(-1, "Tomato", "french fries"),
                ]),
                ..Siamese::default()
            };
            client(&c)
                .inheritance()
                .put_valid(body)
                .await
                .check("call")?;
            Ok(())
        }),
        // The polymorphic puts send back what the matching get decoded (the route's `get` answers
        // the very body its `put` expects): every kind, sibling and additional property must
        // survive decoding and encoding.
        scenario!(F, "putComplexPolymorphismValid", |c| {
            let fish = client(&c)
                .polymorphism()
                .get_valid()
                .await
                .check("get")?
                .body;
            client(&c)
                .polymorphism()
                .put_valid(fish)
                .await
                .check("put")?;
            Ok(())
        }),
        scenario!(F, "putComplexPolymorphismComplicated", |c| {
            let salmon = client(&c)
                .polymorphism()
                .get_complicated()
                .await
                .check("get")?
                .body;
            if !matches!(salmon, Salmon::SmartSalmon(_)) {
                return Err(format!("want a SmartSalmon, got {salmon:?}"));
            }
            client(&c)
                .polymorphism()
                .put_complicated(salmon)
                .await
                .check("put")?;
            Ok(())
        }),
        scenario!(F, "putComplexPolymorphicRecursiveValid", |c| {
            let fish = client(&c)
                .polymorphicrecursive()
                .get_valid()
                .await
                .check("get")?
                .body;
            client(&c)
                .polymorphicrecursive()
                .put_valid(fish)
                .await
                .check("put")?;
            Ok(())
        }),
        // The put's body is the salmon of `get_valid`; the answer is the same salmon without its
        // discriminator, which decodes as the declared kind.
        scenario!(F, "putComplexPolymorphismNoDiscriminator", |c| {
            let fish = client(&c)
                .polymorphism()
                .get_valid()
                .await
                .check("get")?
                .body;
            let Fish::Salmon(salmon) = fish else {
                return Err(format!("want a Salmon, got {fish:?}"));
            };
            let r = client(&c)
                .polymorphism()
                .put_missing_discriminator(*salmon)
                .await
                .check("put")?;
            match r.body {
                Salmon::Salmon(base) => eq("location", base.location.as_deref(), Some("alaska")),
                other => Err(format!("want the salmon kind, got {other:?}")),
            }
        }),
    ]
}

/// The bytes of `getComplexPrimitiveByte` (the route sends them base64-encoded).
fn bytes() -> Vec<u8> {
    vec![255, 254, 253, 252, 0, 250, 249, 248, 247, 246]
}

/// `P123DT22H14M12.011S`.
fn duration() -> body_complex::runtime::formats::IsoDuration {
    body_complex::runtime::formats::IsoDuration {
        days: 123,
        hours: 22,
        minutes: 14,
        seconds: 12,
        nanoseconds: 11_000_000,
        ..Default::default()
    }
}

fn first() -> Vec<Scenario> {
    vec![
        scenario!(F, "getComplexBasicValid", |c| {
            let r = client(&c).basic().get_valid().await.check("call")?;
            eq("id", r.body.id, Some(2))?;
            eq("name", r.body.name.as_deref(), Some("abc"))?;
            eq("color", r.body.color, Some(CmykColors::Yellow))
        }),
        scenario!(F, "putComplexBasicValid", |c| {
            let body = Basic {
                id: Some(2),
                name: Some("abc".to_string()),
                color: Some(CmykColors::Magenta),
            };
            client(&c)
                .basic()
                .put_valid(Default::default(), body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexBasicEmpty", |c| {
            let r = client(&c).basic().get_empty().await.check("call")?;
            eq("id", r.body.id, None)
        }),
        scenario!(F, "getComplexBasicNull", |c| {
            let r = client(&c).basic().get_null().await.check("call")?;
            eq("name", r.body.name, None)
        }),
        scenario!(F, "getComplexBasicNotProvided", |c| {
            let r = client(&c).basic().get_not_provided().await.check("call")?;
            eq("id", r.body.id, None)
        }),
        scenario!(F, "getComplexBasicInvalid", |c| {
            match client(&c).basic().get_invalid().await {
                Ok(r) => Err(format!("want a decode error (`id` is a string), got {r:?}")),
                Err(e) => eq("status", e.status().map(|s| s.as_u16()), Some(200)),
            }
        }),
        scenario!(F, "getComplexPrimitiveInteger", |c| {
            let r = client(&c).primitive().get_int().await.check("call")?;
            eq(
                "fields",
                (r.body.field1, r.body.field2),
                (Some(-1), Some(2)),
            )
        }),
        scenario!(F, "putComplexPrimitiveInteger", |c| {
            let body = IntWrapper {
                field1: Some(-1),
                field2: Some(2),
            };
            client(&c).primitive().put_int(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveLong", |c| {
            let r = client(&c).primitive().get_long().await.check("call")?;
            eq(
                "fields",
                (r.body.field1, r.body.field2),
                (Some(1_099_511_627_775), Some(-999_511_627_788)),
            )
        }),
        scenario!(F, "putComplexPrimitiveLong", |c| {
            let body = LongWrapper {
                field1: Some(1_099_511_627_775),
                field2: Some(-999_511_627_788),
            };
            client(&c).primitive().put_long(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveFloat", |c| {
            let r = client(&c).primitive().get_float().await.check("call")?;
            eq(
                "fields",
                (r.body.field1, r.body.field2),
                (Some(1.05), Some(-0.003)),
            )
        }),
        scenario!(F, "putComplexPrimitiveFloat", |c| {
            let body = FloatWrapper {
                field1: Some(1.05),
                field2: Some(-0.003),
            };
            client(&c).primitive().put_float(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveDouble", |c| {
            let r = client(&c).primitive().get_double().await.check("call")?;
            eq("field1", r.body.field1, Some(3e-100))?;
            eq(
                "field_56_zeros..",
                r.body.field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose,
                Some(-5e-57),
            )
        }),
        scenario!(F, "putComplexPrimitiveDouble", |c| {
            let body = DoubleWrapper {
                field1: Some(3e-100),
                field_56_zeros_after_the_dot_and_negative_zero_before_dot_and_this_is_a_long_field_name_on_purpose: Some(-5e-57),
            };
            client(&c)
                .primitive()
                .put_double(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveBool", |c| {
            let r = client(&c).primitive().get_bool().await.check("call")?;
            eq(
                "fields",
                (r.body.field_true, r.body.field_false),
                (Some(true), Some(false)),
            )
        }),
        scenario!(F, "putComplexPrimitiveBool", |c| {
            let body = BooleanWrapper {
                field_true: Some(true),
                field_false: Some(false),
            };
            client(&c).primitive().put_bool(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexPrimitiveString", |c| {
            let r = client(&c).primitive().get_string().await.check("call")?;
            eq("field", r.body.field.as_deref(), Some("goodrequest"))?;
            eq("empty", r.body.empty.as_deref(), Some(""))?;
            eq("null", r.body.null, None)
        }),
        scenario!(F, "putComplexPrimitiveString", |c| {
            let body = StringWrapper {
                field: Some("goodrequest".to_string()),
                empty: Some(String::new()),
                null: None,
            };
            client(&c)
                .primitive()
                .put_string(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexArrayValid", |c| {
            // `["1, 2, 3, 4", "", null, "&S#$(*Y", "The quick brown fox jumps over the lazy dog"]`
            let r = client(&c).array().get_valid().await.check("call")?;
            eq("items", r.body.array.map(|a| a.len()), Some(5))
        }),
        scenario!(F, "getComplexArrayEmpty", |c| {
            let r = client(&c).array().get_empty().await.check("call")?;
            eq("array", r.body.array, Some(Vec::new()))
        }),
        scenario!(F, "getComplexArrayNotProvided", |c| {
            let r = client(&c).array().get_not_provided().await.check("call")?;
            eq("array", r.body.array, None)
        }),
        scenario!(F, "putComplexArrayEmpty", |c| {
            let body = ArrayWrapper {
                array: Some(Vec::new()),
            };
            client(&c).array().put_empty(body).await.check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexDictionaryValid", |c| {
            // `{"txt":"notepad","bmp":"mspaint","xls":"excel","exe":"","":null}`
            let r = client(&c).dictionary().get_valid().await.check("call")?;
            eq("entries", r.body.default_program.map(|d| d.len()), Some(5))
        }),
        scenario!(F, "getComplexDictionaryEmpty", |c| {
            let r = client(&c).dictionary().get_empty().await.check("call")?;
            eq("entries", r.body.default_program.map(|d| d.len()), Some(0))
        }),
        scenario!(F, "getComplexDictionaryNull", |c| {
            let r = client(&c).dictionary().get_null().await.check("call")?;
            eq("defaultProgram", r.body.default_program, None)
        }),
        scenario!(F, "getComplexDictionaryNotProvided", |c| {
            let r = client(&c)
                .dictionary()
                .get_not_provided()
                .await
                .check("call")?;
            eq("defaultProgram", r.body.default_program, None)
        }),
        scenario!(F, "putComplexDictionaryEmpty", |c| {
            let body = DictionaryWrapper {
                default_program: Some(Default::default()),
            };
            client(&c)
                .dictionary()
                .put_empty(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexReadOnlyPropertyValid", |c| {
            let r = client(&c)
                .readonlyproperty()
                .get_valid()
                .await
                .check("call")?;
            eq("id", r.body.id.as_deref(), Some("1234"))?;
            eq("size", r.body.size, Some(2))
        }),
        scenario!(F, "putComplexReadOnlyPropertyValid", |c| {
            // The read-only `id` is set, as a caller echoing a fetched object would: never sent.
            let body = ReadonlyObj {
                id: Some("1234".to_string()),
                size: Some(2),
            };
            client(&c)
                .readonlyproperty()
                .put_valid(body)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "getComplexInheritanceValid", |c| {
            let r = client(&c).inheritance().get_valid().await.check("call")?;
            eq("name", r.body.name.as_deref(), Some("Siameeee"))?;
            eq("hates", r.body.hates.map(|h| h.len()), Some(2))
        }),
        scenario!(F, "getComplexPolymorphismValid", |c| {
            let r = client(&c).polymorphism().get_valid().await.check("call")?;
            match r.body {
                Fish::Salmon(salmon) => match *salmon {
                    Salmon::Salmon(base) => {
                        eq("location", base.location.as_deref(), Some("alaska"))
                    }
                    other => Err(format!("want the salmon kind, got {other:?}")),
                },
                other => Err(format!("want a Salmon, got {other:?}")),
            }
        }),
        scenario!(F, "getComplexPolymorphismComplicated", |c| {
            let r = client(&c)
                .polymorphism()
                .get_complicated()
                .await
                .check("call")?;
            match r.body {
                Salmon::SmartSalmon(_) => Ok(()),
                other => Err(format!("want a SmartSalmon, got {other:?}")),
            }
        }),
        scenario!(F, "getComplexPolymorphismDotSyntax", |c| {
            let r = client(&c)
                .polymorphism()
                .get_dot_syntax()
                .await
                .check("call")?;
            match r.body {
                DotFish::DotSalmon(_) => Ok(()),
                other => Err(format!("want a DotSalmon, got {other:?}")),
            }
        }),
        scenario!(F, "getComposedWithDiscriminator", |c| {
            let r = client(&c)
                .polymorphism()
                .get_composed_with_discriminator()
                .await
                .check("call")?;
            eq("salmons", r.body.salmons.map(|s| s.len()), Some(2))
        }),
        scenario!(F, "getComposedWithoutDiscriminator", |c| {
            // The same market without `fish.type`: the declared types are concrete.
            let r = client(&c)
                .polymorphism()
                .get_composed_without_discriminator()
                .await
                .check("call")?;
            eq("salmons", r.body.salmons.map(|s| s.len()), Some(2))
        }),
        scenario!(F, "getComplexPolymorphicRecursiveValid", |c| {
            let r = client(&c)
                .polymorphicrecursive()
                .get_valid()
                .await
                .check("call")?;
            match r.body {
                Fish::Salmon(_) => Ok(()),
                other => Err(format!("want a Salmon, got {other:?}")),
            }
        }),
    ]
}
