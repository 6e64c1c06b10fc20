//! Bodies: `sha256:` digests (known vectors, while streaming), a file streamed as an upload
//! chunk with its digest, and upload links (absolute or relative, same origin only).

use acr::runtime::digest;
use acr::{Body, ErrorKind};
use containerregistry_2019_08_15_preview as acr;
use futures::{StreamExt, TryStreamExt};
use wiremock::matchers::{any, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const EMPTY: &str = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const ABC: &str = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
/// FIPS 180-2, the two-block message.
const TWO_BLOCKS: &[u8] = b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
const TWO_BLOCKS_DIGEST: &str =
    "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

#[test]
fn known_sha256_vectors() {
    assert_eq!(digest::sha256(b""), EMPTY);
    assert_eq!(digest::sha256(b"abc"), ABC);
    assert_eq!(digest::sha256(TWO_BLOCKS), TWO_BLOCKS_DIGEST);
    digest::verify(ABC, b"abc").unwrap();
    digest::verify(&ABC.to_uppercase().replace("SHA256", "sha256"), b"abc").unwrap();
    let e = digest::verify(ABC, b"abd").unwrap_err();
    assert_eq!(e.kind(), ErrorKind::DigestMismatch);
    assert!(e.to_string().contains(ABC), "{e}");
}

#[tokio::test]
async fn streams_are_hashed_as_they_pass() {
    let chunks = || {
        let chunks: Vec<Result<Vec<u8>, acr::Error>> =
            TWO_BLOCKS.chunks(7).map(|c| Ok(c.to_vec())).collect();
        futures::stream::iter(chunks)
    };
    let (stream, handle) = digest::hashing(chunks());
    assert_eq!(handle.digest(), None);
    let passed: Vec<Vec<u8>> = stream.try_collect().await.unwrap();
    assert_eq!(passed.concat(), TWO_BLOCKS);
    assert_eq!(handle.digest().as_deref(), Some(TWO_BLOCKS_DIGEST));
    assert_eq!(handle.size(), Some(56));

    let checked: Vec<_> = digest::verifying(chunks(), TWO_BLOCKS_DIGEST)
        .collect()
        .await;
    assert!(checked.iter().all(Result::is_ok));
    let checked: Vec<_> = digest::verifying(chunks(), ABC).collect().await;
    let last = checked.last().unwrap().as_ref().unwrap_err();
    assert_eq!(last.kind(), ErrorKind::DigestMismatch);

    let (body, handle) = Body::from(b"abc".to_vec()).with_sha256();
    assert_eq!(handle.digest().as_deref(), Some(ABC));
    assert_eq!(body.as_bytes(), Some(&b"abc"[..]));
}

#[tokio::test]
async fn a_file_is_streamed_as_an_upload_chunk_with_its_digest() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("layer.tar");
    let contents: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&file, &contents).unwrap();

    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/v2/app/blobs/uploads/u1"))
        .and(query_param("_state", "s="))
        .and(header("content-type", "application/octet-stream"))
        .and(header("content-length", "200000"))
        .respond_with(
            ResponseTemplate::new(202)
                .insert_header("Location", "/v2/app/blobs/uploads/u1?_state=t%3D")
                .insert_header("Range", "0-199999"),
        )
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();

    let body = Body::from_path(&file).await.unwrap();
    assert_eq!(body.len(), Some(200_000));
    assert!(
        body.as_bytes().is_none(),
        "a file is streamed, not read first"
    );
    let (body, handle) = body.with_sha256();
    let r = client
        .blob()
        .upload("/v2/app/blobs/uploads/u1?_state=s%3D", body)
        .await
        .unwrap();
    assert_eq!(r.range.as_deref(), Some("0-199999"));
    assert_eq!(handle.digest(), Some(digest::sha256(&contents)));
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].body, contents);

    let missing = Body::from_path(dir.path().join("missing"))
        .await
        .unwrap_err();
    assert_eq!(missing.kind(), ErrorKind::Io);
}

#[tokio::test]
async fn upload_links_may_be_absolute_or_relative_but_stay_on_the_clients_host() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/app/blobs/uploads/u1"))
        .and(query_param("_state", "a=b"))
        .respond_with(ResponseTemplate::new(204).insert_header("Range", "0-9"))
        .expect(3)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    for link in [
        format!("{}/v2/app/blobs/uploads/u1?_state=a%3Db", server.uri()),
        "/v2/app/blobs/uploads/u1?_state=a%3Db".to_owned(),
        "v2/app/blobs/uploads/u1?_state=a%3Db".to_owned(),
    ] {
        let r = client.blob().get_status(link).await.unwrap();
        assert_eq!(r.range.as_deref(), Some("0-9"));
    }

    let elsewhere = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(202))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let other_port = format!("{}/v2/app/blobs/uploads/u1", elsewhere.uri());
    let other_scheme = other_port.replace("http://", "https://");
    let other_host = format!(
        "http://localhost:{}/v2/app/blobs/uploads/u1",
        server.address().port()
    );
    for link in [other_port, other_scheme, other_host] {
        let e = client
            .blob()
            .upload(link.as_str(), b"chunk".to_vec())
            .await
            .unwrap_err();
        assert_eq!(e.kind(), ErrorKind::CrossOrigin, "{link}");
        assert_eq!(e.operation(), Some("Blob_Upload"));
        assert!(
            !e.to_string().contains("localhost"),
            "the link is not shown"
        );
    }
}
