//! `body-file.json`: streamed binary responses (routes: `legacy/routes/files.js`).

use body_file::Client;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario, eq};

const F: &str = "body-file.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

/// The file the route sends, from the installed test server.
fn sample_png() -> Result<Vec<u8>, String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../npm/node_modules/@microsoft.azure/autorest.testserver/legacy/routes/sample.png");
    std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "FileStreamNonempty", |c| {
            let r = client(&c).files().get_file().await.check("call")?;
            let bytes = r.body.collect_bytes().await.check("read the body")?;
            eq("body", bytes.as_ref(), sample_png()?.as_slice())
        }),
        scenario!(F, "FileStreamEmpty", |c| {
            let r = client(&c).files().get_empty_file().await.check("call")?;
            let bytes = r.body.collect_bytes().await.check("read the body")?;
            eq("length", bytes.len(), 0)
        }),
        scenario!(F, "FileStreamVeryLarge", |c| {
            // 3,000 MiB, counted as it streams: never held in memory.
            let r = client(&c).files().get_file_large().await.check("call")?;
            let mut body = r.body;
            let mut total: u64 = 0;
            while let Some(chunk) = body.chunk().await.check("read a chunk")? {
                total += chunk.len() as u64;
            }
            eq("length", total, 3000 * 1024 * 1024)
        }),
    ]
}
