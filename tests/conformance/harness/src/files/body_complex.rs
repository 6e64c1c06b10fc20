//! `body-complex.json` (basic, primitive-property, array, dictionary, read-only and the `get`s of
//! the inheritance and polymorphism models so far): model bodies decoded and
//! encoded exactly (routes: `legacy/routes/complex.js`).

use body_complex::Client;
use body_complex::models::{
    ArrayWrapper, Basic, BooleanWrapper, CmykColors, DictionaryWrapper, DoubleWrapper,
    FloatWrapper, IntWrapper, LongWrapper, ReadonlyObj, StringWrapper,
};
use body_complex::models::{DotFish, Fish, Salmon};

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
                ..Default::default()
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
