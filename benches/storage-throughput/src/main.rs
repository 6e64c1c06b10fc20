//! `storage-throughput put <account-url> <container> <blob> <file>`: uploads the file (streamed).
//! `storage-throughput get <account-url> <container> <blob>`: downloads, discarding the bytes.
//! `storage-throughput create <account-url> <container>`: creates a container.
//! `storage-throughput sign <METHOD> <url> <header:value>...`: prints `x-ms-date`, `x-ms-version`
//! and `Authorization` header lines for curl.
//! Each of put/get prints `<seconds> <bytes> <peak RSS KiB>`.

use std::collections::BTreeMap;
use std::time::Instant;

use azure_storage_blob::models::{ApiVersionParameter, BlobType4, ContainerCreateRestype};
use azure_storage_blob::{Body, Client};
use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

const ACCOUNT: &str = "devstoreaccount1";
const KEY: &str =
    "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
const VERSION: &str = "2021-10-04";
const STANDARD_HEADERS: [&str; 11] = [
    "content-encoding", "content-language", "content-length", "content-md5", "content-type",
    "date", "if-modified-since", "if-match", "if-none-match", "if-unmodified-since", "range",
];

/// The SharedKey `Authorization` value (the rules of tests/src/shared_key.rs).
fn authorization(method: &str, url: &url::Url, headers: &[(String, String)]) -> String {
    let value = |name: &str| {
        let v: Vec<&str> = headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.trim())
            .collect();
        v.join(",")
    };
    let mut text = method.to_ascii_uppercase();
    for name in STANDARD_HEADERS {
        let v = value(name);
        let v = match name {
            "content-length" if v == "0" => String::new(),
            "date" if !value("x-ms-date").is_empty() => String::new(),
            _ => v,
        };
        text.push('\n');
        text.push_str(&v);
    }
    text.push('\n');
    let mut ms: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (n, v) in headers {
        let n = n.to_ascii_lowercase();
        if n.starts_with("x-ms-") {
            ms.entry(n).or_default().push(v.trim());
        }
    }
    for (n, v) in ms {
        text.push_str(&format!("{n}:{}\n", v.join(",")));
    }
    text.push_str(&format!("/{ACCOUNT}{}", url.path()));
    let mut query: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (n, v) in url.query_pairs() {
        query.entry(n.to_lowercase()).or_default().push(v.into_owned());
    }
    for (n, mut v) in query {
        v.sort();
        text.push_str(&format!("\n{n}:{}", v.join(",")));
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(&STANDARD.decode(KEY).unwrap()).unwrap();
    mac.update(text.as_bytes());
    format!("SharedKey {ACCOUNT}:{}", STANDARD.encode(mac.finalize().into_bytes()))
}

fn now() -> String {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::OffsetDateTime::now_utc().format(&format).unwrap()
}

#[derive(Debug)]
struct SharedKey;

impl azure_storage_blob::Policy for SharedKey {
    fn send<'a>(
        &'a self,
        ctx: &'a azure_storage_blob::Context,
        mut request: azure_storage_blob::runtime::reqwest::Request,
        next: azure_storage_blob::Next<'a>,
    ) -> azure_storage_blob::PolicyFuture<'a> {
        let h = request.headers_mut();
        h.insert("x-ms-date", now().parse().unwrap());
        if !h.contains_key("x-ms-version") {
            h.insert("x-ms-version", VERSION.parse().unwrap());
        }
        let pairs: Vec<(String, String)> = request
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
            .collect();
        let auth = authorization(request.method().as_str(), request.url(), &pairs);
        request.headers_mut().insert("authorization", auth.parse().unwrap());
        next.run(ctx, request)
    }
}

fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

fn client(account_url: &str) -> Client {
    Client::builder(account_url)
        .per_try_policy(SharedKey)
        .version(ApiVersionParameter::V20211004)
        .build()
        .expect("a client")
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["sign", method, target, headers @ ..] => {
            let url = url::Url::parse(target).expect("a URL");
            let mut pairs: Vec<(String, String)> = headers
                .iter()
                .map(|h| {
                    let (n, v) = h.split_once(':').expect("name:value");
                    (n.to_owned(), v.trim().to_owned())
                })
                .collect();
            pairs.push(("x-ms-date".into(), now()));
            pairs.push(("x-ms-version".into(), VERSION.into()));
            println!("x-ms-date: {}", pairs[pairs.len() - 2].1);
            println!("x-ms-version: {VERSION}");
            println!("Authorization: {}", authorization(method, &url, &pairs));
        }
        ["create", account, container] => {
            client(account)
                .container()
                .create(*container, ContainerCreateRestype::Container)
                .await
                .expect("created");
        }
        ["put", account, container, blob, file] => {
            let len = std::fs::metadata(file).expect("the file").len();
            let t0 = Instant::now();
            client(account)
                .block_blob()
                .upload(
                    *container,
                    *blob,
                    BlobType4::BlockBlob,
                    len as i64,
                    Body::from_path(file).await.expect("the file"),
                )
                .await
                .expect("uploaded");
            println!("{:.6} {len} {}", t0.elapsed().as_secs_f64(), peak_rss_kib());
        }
        ["get", account, container, blob] => {
            let t0 = Instant::now();
            let response = client(account)
                .blob()
                .download(*container, *blob)
                .await
                .expect("a download");
            let azure_storage_blob::blob::BlobDownloadResponse::Ok(ok) = response else {
                panic!("not 200");
            };
            let mut body = ok.body;
            let mut total = 0u64;
            while let Some(chunk) = body.chunk().await.expect("a chunk") {
                total += chunk.len() as u64;
            }
            println!("{:.6} {total} {}", t0.elapsed().as_secs_f64(), peak_rss_kib());
        }
        _ => {
            eprintln!("usage: see the source");
            std::process::exit(2);
        }
    }
}
