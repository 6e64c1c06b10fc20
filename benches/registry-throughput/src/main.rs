//! The client side of `benches/registry-throughput.sh`: one push or one pull of a blob through
//! the generated ACR client (`containerregistry-2019-08-15-preview`), streamed (the blob is never
//! held in memory), then one line of `key=value` results on stdout, including the process's
//! peak RSS (`VmHWM` of `/proc/self/status`).
//!
//! ```text
//! registry-throughput push <base-url> <repo> <file> [--digest sha256:...]
//! registry-throughput pull <base-url> <repo> <digest> [--hash-thread | --no-verify]
//! registry-throughput free-port
//! ```
//!
//! `push`: `POST ?mode=resumable`, one `PATCH` streaming the file (`Body::from_path`: read in
//! chunks as it is sent, with its size as `Content-Length`), `PUT ?digest=`; without `--digest`
//! the digest is computed while the file streams out (`Body::with_sha256`: what a client that has
//! not hashed the file first does). `pull`: `GET` the blob, streamed, and (unless `--no-verify`)
//! hashed as it arrives and checked against the digest: on the reading task with the crate's
//! `runtime::digest::verifying`, or with `--hash-thread` on a second thread. The process fails when the registry's
//! answer or the digest is not the expected one.

use std::time::Instant;

use acr::blob::BlobGetResponse;
use containerregistry_2019_08_15_preview as acr;
use futures::StreamExt;

type Failure = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["push", url, repo, file, rest @ ..] => push(url, repo, file, rest).await,
        ["pull", url, repo, digest, rest @ ..] => pull(url, repo, digest, rest).await,
        ["free-port"] => free_port(),
        _ => Err(usage().into()),
    };
    if let Err(e) = result {
        eprintln!("registry-throughput: {e}");
        std::process::exit(1);
    }
}

fn usage() -> &'static str {
    "usage: registry-throughput push <base-url> <repo> <file> [--digest sha256:...]\n       \
     registry-throughput pull <base-url> <repo> <digest> [--hash-thread | --no-verify]\n       \
     registry-throughput free-port"
}

async fn push(url: &str, repo: &str, path: &str, rest: &[&str]) -> Result<(), Failure> {
    let known = match rest {
        [] => None,
        ["--digest", digest] => Some(digest.to_string()),
        _ => return Err(usage().into()),
    };
    let client = acr::Client::new(url)?;
    let start = Instant::now();
    // The file, read in chunks as it is sent, its size as Content-Length; hashed on the way
    // (the crate's `Body::with_sha256`) when the digest is not known.
    let body = acr::Body::from_path(path).await?;
    let size = body.len().ok_or("a file body has a length")?;
    let (body, handle) = match known {
        Some(_) => (body, None),
        None => {
            let (body, handle) = body.with_sha256();
            (body, Some(handle))
        }
    };
    let started = client.blob().start_upload(repo).await?;
    let location = started.location.ok_or("no Location after POST")?;
    let patched = client.blob().upload(location, body).await?;
    let location = patched.location.ok_or("no Location after PATCH")?;
    let digest = match (known, handle) {
        (Some(digest), _) => digest,
        (None, Some(handle)) => handle.digest().ok_or("no digest after sending")?,
        (None, None) => unreachable!(),
    };
    let done = client.blob().end_upload(digest.as_str(), location).await?;
    let seconds = start.elapsed().as_secs_f64();
    if done.docker_content_digest.as_deref() != Some(digest.as_str()) {
        return Err(format!(
            "the registry stored {:?}, not {digest}",
            done.docker_content_digest
        )
        .into());
    }
    report("push", size, seconds, &digest);
    Ok(())
}

async fn pull(url: &str, repo: &str, digest: &str, rest: &[&str]) -> Result<(), Failure> {
    let mode = match rest {
        [] => Verify::Inline,
        ["--hash-thread"] => Verify::Thread,
        ["--no-verify"] => Verify::No,
        _ => return Err(usage().into()),
    };
    let client = acr::Client::new(url)?;
    let start = Instant::now();
    let BlobGetResponse::Ok(ok) = client.blob().get(repo, digest).await? else {
        return Err("the registry did not answer 200".into());
    };
    let stream = ok.body.into_stream();
    let mut size = 0u64;
    let got = match mode {
        Verify::No => {
            let mut stream = std::pin::pin!(stream);
            while let Some(chunk) = stream.next().await {
                size += chunk?.len() as u64;
            }
            None
        }
        Verify::Inline => {
            // The crate's check: the stream fails at its end when the digest differs.
            let mut stream = std::pin::pin!(acr::runtime::digest::verifying(stream, digest));
            while let Some(chunk) = stream.next().await {
                size += chunk?.len() as u64;
            }
            None
        }
        Verify::Thread => {
            // The chunks go to a hashing thread through a bounded queue, so receiving and
            // hashing overlap (on two cores) and at most 16 chunks wait in memory.
            let (tx, rx) = std::sync::mpsc::sync_channel::<bytes::Bytes>(16);
            let hasher = std::thread::spawn(move || {
                let mut hasher = acr::runtime::digest::Hasher::new();
                for chunk in rx {
                    hasher.update(&chunk);
                }
                hasher.finish()
            });
            let mut stream = std::pin::pin!(stream);
            while let Some(chunk) = stream.next().await {
                let chunk = chunk?;
                size += chunk.len() as u64;
                tx.send(chunk)?;
            }
            drop(tx);
            Some(hasher.join().map_err(|_| "the hashing thread panicked")?)
        }
    };
    let seconds = start.elapsed().as_secs_f64();
    if let Some(got) = got {
        if got != digest {
            return Err(format!("downloaded {got}, expected {digest}").into());
        }
    }
    report("pull", size, seconds, digest);
    Ok(())
}

/// How a pull checks the digest.
enum Verify {
    /// Hashes each chunk as it arrives, on the task that reads the body
    /// (`runtime::digest::verifying`, the crate's helper).
    Inline,
    /// Hashes on a second thread, fed through a bounded queue.
    Thread,
    /// Does not hash (the same work as `curl -o /dev/null`).
    No,
}

/// One line: what was done, how fast, and the peak RSS of this process.
fn report(op: &str, size: u64, seconds: f64, digest: &str) {
    let mib_s = size as f64 / (1024.0 * 1024.0) / seconds;
    println!(
        "op={op} bytes={size} seconds={seconds:.3} mib_per_s={mib_s:.1} vm_hwm_kib={} digest={digest}",
        vm_hwm_kib().unwrap_or(0)
    );
}

/// `VmHWM` (peak resident set size) of this process, in KiB.
fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A port that is free on 127.0.0.1 (for the script's registry).
fn free_port() -> Result<(), Failure> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0))?;
    println!("{}", listener.local_addr()?.port());
    Ok(())
}
