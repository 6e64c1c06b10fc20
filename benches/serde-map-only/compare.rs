fn show<T: std::fmt::Debug>(r: Result<T, serde_json::Error>) -> String {
    match r { Ok(v) => format!("ok {v:?}"), Err(e) => format!("err {e}") }
}
fn main() {
    let inputs = [
        r#"{"code":"x"}"#,
        r#"{"code":"x","created":null,"updated":"u","values":{}}"#,
        r#"{"created":"c"}"#,
        r#"{"code":"x","code":"y"}"#,
        r#"{"code":"x","unknown":[1,{"a":2}],"other":null}"#,
        r#"{"code":null}"#,
        r#"{"code":"x","created":5}"#,
        r#"["x"]"#,
        r#""s""#,
        r#"{"code":"a\nb"}"#,
        r#"{}"#,
        r#"{"co\u0064e":"x","cr\u0065ated":"c"}"#,
    ];
    let mut diffs = 0;
    for i in inputs {
        let a = show(serde_json::from_str::<ak_a::models::PatchReferenceEntityRecordsCodeBody>(i));
        let b = show(serde_json::from_str::<ak_b::models::PatchReferenceEntityRecordsCodeBody>(i));
        let same = a == b;
        if !same { diffs += 1; }
        println!("{} {i}\n  derive: {a}\n  mapped: {b}", if same { "SAME" } else { "DIFF" });
        let a = show(serde_json::from_str::<ak_a::models::AssetFamilyList>(i));
        let b = show(serde_json::from_str::<ak_b::models::AssetFamilyList>(i));
        if a != b { diffs += 1; println!("DIFF AssetFamilyList {i}\n  derive: {a}\n  mapped: {b}"); }
    }
    println!("diffs: {diffs}");
}
