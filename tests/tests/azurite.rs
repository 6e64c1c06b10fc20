//! The SharedKey signer (`tests::shared_key`) against reference vectors, and against a live
//! Azurite (`tests::azurite`): a signed request creates a container, an unsigned one is refused,
//! and a generated client reads the refusal's error code.
//!
//! The reference signatures were computed apart from this code: the strings to sign written
//! out by hand from the rules of "Authorize with Shared Key" (learn.microsoft.com), signed with
//! Python's `hmac`/`hashlib` (`base64(hmac.new(b64decode(DEV_KEY), text, sha256).digest())`).

use tests::azurite::{Azurite, Service};
use tests::shared_key::{DEV_ACCOUNT, DEV_KEY, authorization, rfc1123_now, string_to_sign};

const DATE: &str = "Mon, 07 Dec 2026 10:00:00 GMT";

fn url(text: &str) -> url::Url {
    url::Url::parse(text).expect("a URL")
}

#[test]
fn create_container_no_body() {
    let target = "http://127.0.0.1:10000/devstoreaccount1/mycontainer?restype=container&timeout=30";
    let headers = [
        ("x-ms-version", "2021-10-04"),
        ("x-ms-date", DATE),
        ("X-MS-Meta-Owner", " me "),
        ("Content-Length", "0"),
    ];
    // Eleven empty standard headers (Content-Length 0 is empty), the x-ms-* headers lower case
    // and sorted, the account twice (Azurite's path-style URL), the query sorted.
    let expected = "PUT\n\n\n\n\n\n\n\n\n\n\n\n\
                    x-ms-date:Mon, 07 Dec 2026 10:00:00 GMT\nx-ms-meta-owner:me\n\
                    x-ms-version:2021-10-04\n\
                    /devstoreaccount1/devstoreaccount1/mycontainer\nrestype:container\ntimeout:30";
    assert_eq!(
        string_to_sign(DEV_ACCOUNT, "PUT", &url(target), &headers),
        expected
    );
    assert_eq!(
        authorization(DEV_ACCOUNT, DEV_KEY, "PUT", target, &headers).unwrap(),
        "SharedKey devstoreaccount1:8JcnwOCbEF9cP7aYqmaXsiKOBuSQorstAG67sOydCII="
    );
}

#[test]
fn put_blob_with_a_body() {
    let target = "http://127.0.0.1:10000/devstoreaccount1/mycontainer/dir/hello.txt";
    let headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", "11"),
        ("x-ms-blob-type", "BlockBlob"),
        ("x-ms-date", DATE),
        ("x-ms-version", "2021-10-04"),
        // Ignored: x-ms-date is sent.
        ("Date", "Sun, 06 Dec 2026 10:00:00 GMT"),
    ];
    let expected = "PUT\n\n\n11\n\ntext/plain; charset=utf-8\n\n\n\n\n\n\n\
                    x-ms-blob-type:BlockBlob\nx-ms-date:Mon, 07 Dec 2026 10:00:00 GMT\n\
                    x-ms-version:2021-10-04\n\
                    /devstoreaccount1/devstoreaccount1/mycontainer/dir/hello.txt";
    assert_eq!(
        string_to_sign(DEV_ACCOUNT, "PUT", &url(target), &headers),
        expected
    );
    assert_eq!(
        authorization(DEV_ACCOUNT, DEV_KEY, "PUT", target, &headers).unwrap(),
        "SharedKey devstoreaccount1:wE8NQ/tIokBA40uenPPjFfXeI33YKPQlF3sO/y/mEnU="
    );
}

#[test]
fn list_with_decoded_sorted_and_joined_query_values() {
    let target = "http://127.0.0.1:10000/devstoreaccount1/mycontainer\
                  ?restype=container&comp=list&prefix=a%2Fb&Include=snapshots&include=metadata";
    let headers = [("x-ms-date", DATE), ("x-ms-version", "2021-10-04")];
    let expected = "GET\n\n\n\n\n\n\n\n\n\n\n\n\
                    x-ms-date:Mon, 07 Dec 2026 10:00:00 GMT\nx-ms-version:2021-10-04\n\
                    /devstoreaccount1/devstoreaccount1/mycontainer\ncomp:list\n\
                    include:metadata,snapshots\nprefix:a/b\nrestype:container";
    assert_eq!(
        string_to_sign(DEV_ACCOUNT, "GET", &url(target), &headers),
        expected
    );
    assert_eq!(
        authorization(DEV_ACCOUNT, DEV_KEY, "GET", target, &headers).unwrap(),
        "SharedKey devstoreaccount1:3/0SU7vlt78M2pQ7JskiNwXmbni0I/rinoHtrWMVijo="
    );
}

#[tokio::test]
async fn a_signed_request_creates_a_container_on_azurite_and_an_unsigned_one_is_refused() {
    let azurite = Azurite::start(Service::Blob);
    let target = format!(
        "{}/signed-container?restype=container",
        azurite.account_url()
    );
    let date = rfc1123_now();
    // Every header the request goes with: reqwest adds `content-length: 0` to a PUT without a
    // body, so it is signed too (as the empty value the rules make of 0).
    let headers = [
        ("x-ms-date", date.as_str()),
        ("x-ms-version", "2021-10-04"),
        ("content-length", "0"),
    ];
    let auth = authorization(DEV_ACCOUNT, DEV_KEY, "PUT", &target, &headers).unwrap();
    let http = reqwest::Client::new();
    let mut request = http.put(&target).header("authorization", auth);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.expect("an answer");
    assert_eq!(
        response.status().as_u16(),
        201,
        "{:?}",
        response.text().await
    );

    let unsigned = http
        .put(format!(
            "{}/other-container?restype=container",
            azurite.account_url()
        ))
        .header("x-ms-date", rfc1123_now())
        .header("x-ms-version", "2021-10-04")
        .header("content-length", "0")
        .send()
        .await
        .expect("an answer");
    assert_eq!(unsigned.status().as_u16(), 403);
    assert_eq!(
        unsigned
            .headers()
            .get("x-ms-error-code")
            .map(|v| v.to_str().unwrap()),
        Some("AuthorizationFailure")
    );
}

#[tokio::test]
async fn a_generated_client_reads_azurites_error_code() {
    let azurite = Azurite::start(Service::Queue);
    let client =
        azure_storage_queue::Client::from_base_url(azurite.account_url()).expect("a client");
    let error = client
        .queue()
        .create("unsigned-queue")
        .await
        .expect_err("an unsigned request is refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    // Azurite's Queue service says `AuthenticationFailed` where its Blob service says
    // `AuthorizationFailure` (above).
    assert_eq!(error.error_code(), Some("AuthenticationFailed"));
}
