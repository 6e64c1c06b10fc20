//! Safe defaults against hostile or broken servers: the read-idle timeout (a server that
//! accepts and never answers, one that stalls in the middle of a body; a slow but moving
//! download or upload is never cut), path parameters that would change the path (`..`, `.`,
//! empty), the limit on bodies read into memory, and links resolved as URL references before
//! the cross-origin check.

use std::time::Duration;

use acr::{Body, ErrorKind};
use containerregistry_2019_08_15_preview as acr;
use futures::StreamExt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use wiremock::matchers::{any, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Longer than any timeout below: a call still running then hangs (the bug), and fails the
/// test instead of hanging it.
const HANG: Duration = Duration::from_secs(20);

/// A server on a free port that hands each connection to `serve`; its base URL.
async fn raw_server<F, Fut>(serve: F) -> String
where
    F: Fn(TcpStream) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket));
        }
    });
    url
}

/// Reads a request's head, then its body as its `Content-Length` says; the body's length.
async fn read_request(socket: &mut TcpStream) -> usize {
    let mut data = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    let head_end = loop {
        let n = socket.read(&mut buffer).await.unwrap();
        assert!(n > 0, "the connection closed in the request head");
        data.extend_from_slice(&buffer[..n]);
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_ascii_lowercase();
    let len: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap());
    let mut body = data.len() - head_end;
    while body < len {
        let n = socket.read(&mut buffer).await.unwrap();
        assert!(n > 0, "the connection closed in the request body");
        body += n;
    }
    body
}

fn client(url: &str, read_timeout: Duration) -> acr::Client {
    acr::Client::builder(url)
        .read_timeout(read_timeout)
        .retry_policy(acr::RetryPolicy::none())
        .build()
        .unwrap()
}

#[tokio::test]
async fn a_server_that_accepts_and_never_answers_times_out() {
    let url = raw_server(|mut socket| async move {
        let _ = read_request(&mut socket).await;
        tokio::time::sleep(Duration::from_secs(3600)).await;
        drop(socket);
    })
    .await;
    let client = client(&url, Duration::from_millis(300));
    let e = tokio::time::timeout(HANG, client.v2_support().check())
        .await
        .expect("the call hangs")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    assert!(e.is_timeout());
    assert!(e.to_string().contains("read timeout"), "{e}");
}

/// The default client has a read timeout: with the clock paused, tokio skips ahead to it
/// while the server stays silent, so a client without one would hang until `HANG`.
#[tokio::test(start_paused = true)]
async fn the_default_client_has_a_read_timeout() {
    let url = raw_server(|mut socket| async move {
        let _ = read_request(&mut socket).await;
        std::future::pending::<()>().await;
        drop(socket);
    })
    .await;
    let client = acr::Client::builder(&url)
        .retry_policy(acr::RetryPolicy::none())
        .build()
        .unwrap();
    let started = tokio::time::Instant::now();
    let e = tokio::time::timeout(Duration::from_secs(3600), client.v2_support().check())
        .await
        .expect("the default client waits forever")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    assert!(started.elapsed() >= Duration::from_secs(30), "{e}");
}

/// Answers a blob `GET` with `chunks` pieces of 1 KiB, `pause` apart.
async fn slow_blob_server(chunks: usize, pause: Duration) -> String {
    raw_server(move |mut socket| async move {
        let _ = read_request(&mut socket).await;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {}\r\n\r\n",
            chunks * 1024
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        for _ in 0..chunks {
            tokio::time::sleep(pause).await;
            if socket.write_all(&[7u8; 1024]).await.is_err() {
                return;
            }
        }
        let _ = socket.flush().await;
    })
    .await
}

#[tokio::test]
async fn a_slow_download_that_keeps_moving_is_not_cut() {
    // 8 chunks 150 ms apart: 1.2 s in all, four times the read timeout.
    let url = slow_blob_server(8, Duration::from_millis(150)).await;
    let client = client(&url, Duration::from_millis(300));
    let acr::blob::BlobGetResponse::Ok(blob) = client.blob().get("app", "sha256:ab").await.unwrap()
    else {
        panic!("not the 200")
    };
    let bytes = tokio::time::timeout(HANG, blob.body.collect_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bytes.len(), 8 * 1024);
}

#[tokio::test]
async fn a_download_that_stalls_times_out() {
    let url = slow_blob_server(2, Duration::from_secs(3600)).await;
    let client = client(&url, Duration::from_millis(300));
    let acr::blob::BlobGetResponse::Ok(blob) = client.blob().get("app", "sha256:ab").await.unwrap()
    else {
        panic!("not the 200")
    };
    let mut body = blob.body;
    let e = tokio::time::timeout(HANG, body.chunk())
        .await
        .expect("the read hangs")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
}

#[tokio::test]
async fn a_slow_upload_that_keeps_moving_is_not_cut() {
    let url = raw_server(|mut socket| async move {
        let received = read_request(&mut socket).await;
        let answer = format!(
            "HTTP/1.1 202 Accepted\r\nRange: 0-{}\r\nContent-Length: 0\r\n\r\n",
            received - 1
        );
        socket.write_all(answer.as_bytes()).await.unwrap();
    })
    .await;
    // 8 chunks of 64 KiB, 150 ms apart: 1.2 s of sending, four times the read timeout.
    let chunks = futures::stream::iter(0..8).then(|_| async {
        tokio::time::sleep(Duration::from_millis(150)).await;
        Ok::<_, std::io::Error>(vec![1u8; 64 * 1024])
    });
    let body = Body::from_sized_stream(chunks, 8 * 64 * 1024);
    let client = client(&url, Duration::from_millis(300));
    let r = tokio::time::timeout(HANG, client.blob().upload("/v2/app/blobs/uploads/u1", body))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(r.status(), 202);
}

/// A server that answers anything with `200 {}` and must receive nothing.
async fn silent_witness() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(0)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn dot_segments_and_empty_path_parameters_are_refused() {
    let server = silent_witness().await;
    let client = acr::Client::new(server.uri()).unwrap();
    for (name, reference, parameter) in [
        ("..", "v1", "name"),
        (".", "v1", "name"),
        ("", "v1", "name"),
        ("app", "..", "reference"),
        ("app", "", "reference"),
    ] {
        let e = client.manifests().get(name, reference).await.unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::InvalidParameter,
            "{name:?} {reference:?}"
        );
        assert_eq!(e.parameter(), Some(parameter));
        assert_eq!(e.operation(), Some("Manifests_Get"));
    }
}

#[tokio::test]
async fn dots_inside_a_path_parameter_are_sent_as_they_are() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/a..b/manifests/...v1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"schemaVersion": 2})))
        .expect(1)
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    client.manifests().get("a..b", "...v1").await.unwrap();
}

/// Answers a manifest `GET` with a JSON body of `len` bytes, with or without its length.
async fn big_json_server(len: usize, chunked: bool) -> String {
    raw_server(move |mut socket| async move {
        let _ = read_request(&mut socket).await;
        // `{"x":"aaaa..."}`
        let mut body = br#"{"x":""#.to_vec();
        body.resize(len - 2, b'a');
        body.extend_from_slice(br#""}"#);
        let head = if chunked {
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                .to_owned()
        } else {
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {len}\r\n\r\n"
            )
        };
        socket.write_all(head.as_bytes()).await.unwrap();
        if chunked {
            for piece in body.chunks(4096) {
                let frame = format!("{:x}\r\n", piece.len());
                if socket.write_all(frame.as_bytes()).await.is_err()
                    || socket.write_all(piece).await.is_err()
                    || socket.write_all(b"\r\n").await.is_err()
                {
                    return;
                }
            }
            let _ = socket.write_all(b"0\r\n\r\n").await;
        } else {
            let _ = socket.write_all(&body).await;
        }
    })
    .await
}

#[tokio::test]
async fn a_success_body_larger_than_the_limit_is_refused() {
    for chunked in [false, true] {
        let url = big_json_server(100_000, chunked).await;
        let client = acr::Client::builder(&url)
            .max_body_size(64 * 1024)
            .build()
            .unwrap();
        let e = client.manifests().get("app", "v1").await.unwrap_err();
        assert_eq!(
            e.kind(),
            ErrorKind::BodyTooLarge,
            "chunked: {chunked}: {e:?}"
        );
        assert_eq!(e.status().map(|s| s.as_u16()), Some(200));
        assert!(e.to_string().contains("65536 bytes"), "{e}");
        assert!(e.to_string().contains("max_body_size"), "{e}");

        // Within the limit, the same body decodes.
        let url = big_json_server(100_000, chunked).await;
        let client = acr::Client::builder(&url)
            .max_body_size(100_000)
            .build()
            .unwrap();
        client.manifests().get("app", "v1").await.unwrap();
    }
}

#[tokio::test]
async fn the_default_limit_refuses_a_body_of_hundreds_of_megabytes() {
    // Announced, not sent: the client refuses it from its `Content-Length`.
    let url = raw_server(|mut socket| async move {
        let _ = read_request(&mut socket).await;
        let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 300000000\r\n\r\n{\"x\":\"";
        let _ = socket.write_all(head.as_bytes()).await;
        tokio::time::sleep(Duration::from_secs(3600)).await;
    })
    .await;
    let client = acr::Client::new(&url).unwrap();
    let e = tokio::time::timeout(HANG, client.manifests().get("app", "v1"))
        .await
        .unwrap()
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::BodyTooLarge, "{e:?}");
}

#[tokio::test]
async fn a_scheme_relative_link_to_another_host_is_refused() {
    let server = silent_witness().await;
    let other = silent_witness().await;
    let client = acr::Client::new(server.uri()).unwrap();
    // `//127.0.0.1:<other port>/v2/...`: another origin, though it starts with `/`.
    let link = format!(
        "{}/v2/app/blobs/uploads/u1",
        other.uri().trim_start_matches("http:")
    );
    assert!(link.starts_with("//"));
    let e = client.blob().get_status(link).await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::CrossOrigin, "{e:?}");
}

#[tokio::test]
async fn links_resolve_as_url_references_against_the_base_url() {
    let server = MockServer::start().await;
    for upload in ["u1", "u2", "u3", "u4"] {
        Mock::given(method("GET"))
            .and(path(format!("/v2/app/blobs/uploads/{upload}")))
            .respond_with(ResponseTemplate::new(204).insert_header("Range", "0-0"))
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = acr::Client::new(server.uri()).unwrap();
    let host = server.uri().trim_start_matches("http:").to_owned();
    for link in [
        format!("{}/v2/app/blobs/uploads/u1", server.uri()),
        format!("{host}/v2/app/blobs/uploads/u2"),
        "/v2/app/blobs/uploads/u3".to_owned(),
        "v2/app/blobs/uploads/u4".to_owned(),
    ] {
        let r = client.blob().get_status(link.as_str()).await.unwrap();
        assert_eq!(r.status(), 204, "{link}");
    }
}

/// A redirect to `//other-host/..` goes to the other host (resolved as a URL reference, not
/// as a path on the first one), without the credentials.
#[tokio::test]
async fn a_scheme_relative_redirect_goes_to_the_other_host_without_credentials() {
    let server = MockServer::start().await;
    let other = MockServer::start().await;
    let target = format!("{}/elsewhere/", other.uri().trim_start_matches("http:"));
    Mock::given(method("GET"))
        .and(path("/v2/"))
        .respond_with(ResponseTemplate::new(307).insert_header("Location", target.as_str()))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/elsewhere/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&other)
        .await;
    let client = acr::Client::builder(server.uri())
        .credentials(acr::Credentials::bearer("secret"))
        .build()
        .unwrap();
    client.v2_support().check().await.unwrap();
    let received = other.received_requests().await.unwrap();
    assert!(!received[0].headers.contains_key("authorization"));
}

/// The key of AutoRest's `ErrorWithSecrets` scenario.
const KEY: &str = "1c88a67921784300a462b2cb61da2339";

#[tokio::test]
async fn debug_of_a_response_hides_credential_headers_and_token_fields() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/oauth2/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("set-cookie", format!("session={KEY}").as_str())
                .insert_header("authorization", format!("Bearer {KEY}").as_str())
                .insert_header("x-ms-refresh-token", KEY)
                .insert_header("x-api-key", KEY)
                .insert_header("x-ms-request-id", "request-7")
                .set_body_json(json!({"access_token": KEY})),
        )
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let response = client
        .access_tokens()
        .get(
            acr::models::AccessTokensGetGrantType::RefreshToken,
            "registry",
            "repository:app:pull",
            "refresh",
        )
        .await
        .unwrap();
    assert_eq!(response.body.access_token.as_deref(), Some(KEY));
    let printed = format!("{response:?} {response:#?}");
    assert!(!printed.contains(KEY), "{printed}");
    assert!(printed.contains("request-7"), "{printed}");
    assert!(printed.contains("access_token: Some(***)"), "{printed}");

    // The same headers on a custom request's response.
    let custom = client
        .request(reqwest::Method::POST, "/oauth2/token")
        .await
        .unwrap();
    let printed = format!("{custom:?}");
    assert!(!printed.contains(KEY), "{printed}");
    assert!(printed.contains("\"set-cookie\": ***"), "{printed}");
}

/// AutoRest's `ErrorWithSecrets` body: secrets in named members and repeated in a message.
#[tokio::test]
async fn an_error_does_not_print_the_secrets_of_its_body() {
    let server = MockServer::start().await;
    let body = json!({
        "error": {
            "code": "Unauthorized",
            "message": "The user 'user@contoso.com' is unauthorized.",
            "details": [{
                "code": "UnauthorizedSharedKey",
                "innererror": format!("Shared key {KEY} is not permitted access."),
            }],
            "token": KEY,
        },
        "primaryKey": KEY,
        "connectionString": format!("Key1={KEY}"),
    });
    Mock::given(any())
        .respond_with(ResponseTemplate::new(403).set_body_json(body.clone()))
        .mount(&server)
        .await;
    let client = acr::Client::new(server.uri()).unwrap();
    let e = client.v2_support().check().await.unwrap_err();
    let printed = format!("{e} {e:?} {e:#?}");
    assert!(!printed.contains(KEY), "{printed}");
    assert!(printed.contains("Unauthorized"), "{printed}");
    // The body itself is kept as received.
    let kept: serde_json::Value = serde_json::from_slice(e.body().unwrap()).unwrap();
    assert_eq!(kept, body);
    let e = client
        .request(reqwest::Method::GET, "/anything")
        .await
        .unwrap_err();
    assert!(!format!("{e} {e:?}").contains(KEY), "{e:?}");
}

/// Sends a `200` whose body of `len` bytes comes one byte every `pause`.
async fn trickle_server(len: usize, pause: Duration) -> String {
    raw_server(move |mut socket| async move {
        let _ = read_request(&mut socket).await;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: {len}\r\n\r\n"
        );
        socket.write_all(head.as_bytes()).await.unwrap();
        for _ in 0..len {
            tokio::time::sleep(pause).await;
            if socket.write_all(b"x").await.is_err() || socket.flush().await.is_err() {
                return;
            }
        }
    })
    .await
}

#[tokio::test]
async fn a_body_that_trickles_is_cut_by_the_minimum_throughput() {
    // A byte every 100 ms: never idle for the read timeout (60 s), but 10 bytes per second.
    let url = trickle_server(1000, Duration::from_millis(100)).await;
    let client = acr::Client::builder(&url)
        .retry_policy(acr::RetryPolicy::none())
        .min_throughput(100, Duration::from_millis(1000))
        .build()
        .unwrap();
    let acr::blob::BlobGetResponse::Ok(blob) = client.blob().get("app", "sha256:ab").await.unwrap()
    else {
        panic!("not the 200")
    };
    let started = std::time::Instant::now();
    let e = tokio::time::timeout(HANG, blob.body.collect_bytes())
        .await
        .expect("the trickle is never cut")
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Timeout, "{e:?}");
    assert!(e.to_string().contains("stalled"), "{e}");
    assert!(e.to_string().contains("min_throughput"), "{e}");
    // Not before the window (the grace period), and soon after it.
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(900), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(5), "{elapsed:?}");
}

#[tokio::test]
async fn a_body_at_the_minimum_throughput_or_without_one_is_read() {
    // 8 KiB in 1 KiB pieces 100 ms apart: 10 KiB/s, above a minimum of 1000 B/s.
    let url = slow_blob_server(8, Duration::from_millis(100)).await;
    let client = acr::Client::builder(&url)
        .min_throughput(1000, Duration::from_millis(300))
        .build()
        .unwrap();
    let acr::blob::BlobGetResponse::Ok(blob) = client.blob().get("app", "sha256:ab").await.unwrap()
    else {
        panic!("not the 200")
    };
    let bytes = tokio::time::timeout(HANG, blob.body.collect_bytes())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(bytes.len(), 8 * 1024);

    // Turned off, a trickle is read to its end.
    let url = trickle_server(12, Duration::from_millis(100)).await;
    let client = acr::Client::builder(&url)
        .min_throughput(0, Duration::from_millis(300))
        .build()
        .unwrap();
    let acr::blob::BlobGetResponse::Ok(blob) = client.blob().get("app", "sha256:ab").await.unwrap()
    else {
        panic!("not the 200")
    };
    let bytes = blob.body.collect_bytes().await.unwrap();
    assert_eq!(bytes.len(), 12);
}

#[test]
fn the_minimum_throughput_is_on_by_default() {
    let options = acr::runtime::Options::default();
    let min = options.min_throughput.expect("a minimum by default");
    assert_eq!(min.bytes_per_second, 1);
    assert_eq!(min.window, Duration::from_secs(20));
}

#[tokio::test]
async fn a_redirect_loop_is_an_error_that_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v2/"))
        .respond_with(ResponseTemplate::new(302).insert_header("Location", "/v2/"))
        .expect(11)
        .mount(&server)
        .await;
    let client = acr::Client::builder(server.uri())
        .retry_policy(acr::RetryPolicy::none())
        .build()
        .unwrap();
    let e = client.v2_support().check().await.unwrap_err();
    assert_eq!(e.kind(), ErrorKind::Transport, "{e:?}");
    assert!(e.to_string().contains("too many redirects"), "{e}");
    assert_eq!(e.status().map(|s| s.as_u16()), Some(302));
}

#[tokio::test]
async fn a_bad_header_name_is_printed_escaped() {
    let server = silent_witness().await;
    let client = acr::Client::new(server.uri()).unwrap();
    let e = client
        .request(reqwest::Method::GET, "/v2/")
        .header("x-a\r\nx-injected: 1", "v")
        .await
        .unwrap_err();
    assert_eq!(e.kind(), ErrorKind::InvalidParameter, "{e:?}");
    let printed = format!("{e} {e:?}");
    assert!(
        !printed.contains('\r') && !printed.contains('\n'),
        "{printed}"
    );
    assert!(printed.contains(r"x-a\r\nx-injected"), "{printed}");
}
