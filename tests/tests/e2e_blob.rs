//! The generated Blob client (`azure_storage_blob`) end to end against Azurite, each request
//! signed by `tests::shared_key::SharedKeyPolicy` (a per-try policy, as a user writes one):
//! containers created, listed by pages and deleted; block blobs staged and committed, and
//! downloaded whole and by range; a 64 MiB blob streamed up and down in flat memory; metadata,
//! properties, conditional requests, leases and append blobs.
//!
//! Each test starts its own Azurite (in memory, on a free port of 127.0.0.1).

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use azure_storage_blob::models::{
    ApiVersionParameter, AppendBlobAppendBlockComp, BlobType3, BlobType4,
    BlockBlobCommitBlockListComp, BlockBlobStageBlockComp, BlockLookupList,
    ContainerAcquireLeaseComp, ContainerCreateRestype, ContainerSetMetadataComp,
    LeaseAccessConditions, LeaseAction, LeaseAction2, ListBlobsIncludeItem,
    ModifiedAccessConditions, ServiceListContainersSegmentComp,
};
use azure_storage_blob::{Body, ByteStream, Client};
use base64::Engine as _;
use futures::{StreamExt, TryStreamExt};
use sha2::{Digest, Sha256};
use tests::azurite::{Azurite, Service};
use tests::shared_key::{DEV_ACCOUNT, DEV_KEY, SharedKeyPolicy};

/// A client for `azurite`'s account, signing every request.
fn client(azurite: &Azurite) -> Client {
    Client::builder(azurite.account_url())
        .per_try_policy(SharedKeyPolicy::new(DEV_ACCOUNT, DEV_KEY))
        .version(ApiVersionParameter::V20211004)
        .build()
        .expect("a client")
}

async fn create_container(client: &Client, name: &str) {
    let created = client
        .container()
        .create(name, ContainerCreateRestype::Container)
        .await
        .unwrap_or_else(|e| panic!("create {name}: {e}"));
    assert_eq!(created.status().as_u16(), 201);
}

/// Uploads `content` as a block blob in one request.
async fn put_blob(client: &Client, container: &str, blob: &str, content: &'static [u8]) {
    client
        .block_blob()
        .upload(
            container,
            blob,
            BlobType4::BlockBlob,
            content.len() as i64,
            content,
        )
        .await
        .unwrap_or_else(|e| panic!("put {blob}: {e}"));
}

/// The whole blob, in memory (for small blobs only).
async fn download(client: &Client, container: &str, blob: &str) -> Vec<u8> {
    match client
        .blob()
        .download(container, blob)
        .await
        .unwrap_or_else(|e| panic!("download {blob}: {e}"))
    {
        azure_storage_blob::blob::BlobDownloadResponse::Ok(ok) => {
            ok.body.collect_bytes().await.expect("the body").to_vec()
        }
        other => panic!("expected 200, got {}", other.status()),
    }
}

#[tokio::test]
async fn containers_are_created_and_deleted() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "created-then-deleted").await;
    let properties = client
        .container()
        .get_properties("created-then-deleted", ContainerCreateRestype::Container)
        .await
        .expect("the container's properties");
    assert_eq!(properties.status().as_u16(), 200);

    let again = client
        .container()
        .create("created-then-deleted", ContainerCreateRestype::Container)
        .await
        .expect_err("a second create is refused");
    assert_eq!(again.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(again.error_code(), Some("ContainerAlreadyExists"));

    let deleted = client
        .container()
        .delete("created-then-deleted", ContainerCreateRestype::Container)
        .await
        .expect("deleted");
    assert_eq!(deleted.status().as_u16(), 202);
    let gone = client
        .container()
        .get_properties("created-then-deleted", ContainerCreateRestype::Container)
        .await
        .expect_err("the container is gone");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(gone.error_code(), Some("ContainerNotFound"));
}

/// A per-try policy counting the requests whose query has `comp=list` (one per page).
#[derive(Debug, Default, Clone)]
struct ListRequests(Arc<AtomicUsize>);

impl azure_storage_blob::Policy for ListRequests {
    fn send<'a>(
        &'a self,
        ctx: &'a azure_storage_blob::Context,
        request: reqwest::Request,
        next: azure_storage_blob::Next<'a>,
    ) -> azure_storage_blob::PolicyFuture<'a> {
        if request
            .url()
            .query_pairs()
            .any(|(k, v)| k == "comp" && v == "list")
        {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
        next.run(ctx, request)
    }
}

#[tokio::test]
async fn containers_and_blobs_are_listed_one_per_page() {
    let azurite = Azurite::start(Service::Blob);
    let lists = ListRequests::default();
    let client = Client::builder(azurite.account_url())
        .per_try_policy(lists.clone())
        .per_try_policy(SharedKeyPolicy::new(DEV_ACCOUNT, DEV_KEY))
        .version(ApiVersionParameter::V20211004)
        .build()
        .expect("a client");
    for name in ["paged-a", "paged-b", "paged-c"] {
        create_container(&client, name).await;
    }
    create_container(&client, "other").await;

    let pager = client
        .service()
        .list_containers_segment(ServiceListContainersSegmentComp::List)
        .prefix("paged-")
        .maxresults(1)
        .await
        .expect("the first page");
    let names: Vec<String> = pager.map_ok(|c| c.name).try_collect().await.expect("pages");
    assert_eq!(names, ["paged-a", "paged-b", "paged-c"]);
    // One item a page: three pages at least (a fourth, empty, when the service says more).
    let pages = lists.0.swap(0, Ordering::SeqCst);
    assert!(pages >= 3, "{pages} list requests");

    for blob in ["b1", "b2", "b3", "b4"] {
        put_blob(&client, "paged-a", blob, b"x").await;
    }
    let pages: Vec<_> = client
        .container()
        .list_blob_flat_segment(
            "paged-a",
            ContainerCreateRestype::Container,
            ServiceListContainersSegmentComp::List,
        )
        .maxresults(1)
        .await
        .expect("the first page")
        .into_pages()
        .try_collect()
        .await
        .expect("pages");
    assert!(pages.len() >= 4, "{} pages", pages.len());
    let names: Vec<String> = pages
        .into_iter()
        .flat_map(|page| page.body.segment.blob_items)
        .map(|b| b.name)
        .collect();
    assert_eq!(names, ["b1", "b2", "b3", "b4"]);
}

#[tokio::test]
async fn a_hierarchy_listing_pages_by_marker_with_its_prefixes() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "tree").await;
    for blob in ["dir/a", "dir/b", "top1", "top2"] {
        put_blob(&client, "tree", blob, b"x").await;
    }
    let listing = || {
        client
            .container()
            .list_blob_hierarchy_segment(
                "tree",
                ContainerCreateRestype::Container,
                ServiceListContainersSegmentComp::List,
                "/",
            )
            .maxresults(1)
    };
    // One entry a page (a prefix counts as one): three pages at least.
    let pages: Vec<_> = listing()
        .await
        .expect("the first page")
        .into_pages()
        .try_collect()
        .await
        .expect("pages");
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let prefixes: Vec<String> = pages
        .iter()
        .flat_map(|page| page.body.segment.blob_prefixes.iter().flatten())
        .map(|p| p.name.clone())
        .collect();
    assert_eq!(prefixes, ["dir/"]);
    // The pager's items are the blobs of every page.
    let blobs: Vec<String> = listing()
        .await
        .expect("the first page")
        .map_ok(|blob| blob.name)
        .try_collect()
        .await
        .expect("blobs");
    assert_eq!(blobs, ["top1", "top2"]);
}

#[tokio::test]
async fn a_block_blob_is_staged_in_three_blocks_committed_and_read_by_range() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "blocks").await;
    let parts: [&'static [u8]; 3] = [b"first block;", b"second block;", b"third block."];
    let ids: Vec<String> = (0..3)
        .map(|i| base64::engine::general_purpose::STANDARD.encode(format!("block-{i:04}")))
        .collect();
    for (id, part) in ids.iter().zip(parts) {
        let staged = client
            .block_blob()
            .stage_block(
                "blocks",
                "three",
                BlockBlobStageBlockComp::Block,
                id.clone(),
                part.len() as i64,
                part,
            )
            .await
            .expect("a staged block");
        assert_eq!(staged.status().as_u16(), 201);
    }
    // Nothing committed yet.
    let missing = client
        .blob()
        .get_properties("blocks", "three")
        .await
        .expect_err("not committed yet");
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));

    let committed = client
        .block_blob()
        .commit_block_list(
            "blocks",
            "three",
            BlockBlobCommitBlockListComp::Blocklist,
            BlockLookupList {
                latest: Some(ids.clone()),
                ..Default::default()
            },
        )
        .await
        .expect("committed");
    assert_eq!(committed.status().as_u16(), 201);

    let whole = download(&client, "blocks", "three").await;
    assert_eq!(whole, b"first block;second block;third block.");

    // `x-ms-range` (the operation's `range` parameter): bytes 6..=10 are "block".
    let partial = client
        .blob()
        .download("blocks", "three")
        .range("bytes=6-10")
        .await
        .expect("a range");
    let azure_storage_blob::blob::BlobDownloadResponse::PartialContent(partial) = partial else {
        panic!("expected 206, got {}", partial.status());
    };
    assert_eq!(partial.content_length, Some(5));
    assert_eq!(partial.content_range.as_deref(), Some("bytes 6-10/37"));
    assert_eq!(
        &partial.body.collect_bytes().await.expect("the range")[..],
        b"block"
    );
}

/// The process's resident set size in bytes (Linux).
fn rss() -> u64 {
    let statm = std::fs::read_to_string("/proc/self/statm").expect("/proc/self/statm");
    let pages: u64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .expect("resident pages");
    pages * 4096
}

/// Deterministic content: chunk `i` of `CHUNK` bytes, every byte from `i` and its offset.
fn chunk(i: usize, len: usize) -> bytes::Bytes {
    (0..len)
        .map(|j| (i.wrapping_mul(31) ^ j.wrapping_mul(7)) as u8)
        .collect::<Vec<u8>>()
        .into()
}

#[tokio::test]
async fn a_64_mib_blob_is_streamed_up_and_down_in_flat_memory() {
    const CHUNK: usize = 256 * 1024;
    const CHUNKS: usize = 256; // 64 MiB
    const LEN: u64 = (CHUNK * CHUNKS) as u64;
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "big").await;

    let before = rss();
    let peak = Arc::new(AtomicUsize::new(0));
    let sent_hash = Arc::new(std::sync::Mutex::new(Sha256::new()));
    let stream = {
        let (peak, sent_hash) = (peak.clone(), sent_hash.clone());
        futures::stream::iter(0..CHUNKS).map(move |i| {
            let c = chunk(i, CHUNK);
            sent_hash.lock().unwrap().update(&c);
            peak.fetch_max(rss().saturating_sub(before) as usize, Ordering::SeqCst);
            Ok::<_, std::io::Error>(c)
        })
    };
    let uploaded = client
        .block_blob()
        .upload(
            "big",
            "sixty-four",
            BlobType4::BlockBlob,
            LEN as i64,
            Body::from_sized_stream(stream, LEN),
        )
        .await
        .expect("uploaded");
    assert_eq!(uploaded.status().as_u16(), 201);
    let sent = sent_hash.lock().unwrap().clone().finalize();

    let downloaded = client
        .blob()
        .download("big", "sixty-four")
        .await
        .expect("a download");
    let azure_storage_blob::blob::BlobDownloadResponse::Ok(downloaded) = downloaded else {
        panic!("expected 200");
    };
    assert_eq!(downloaded.content_length, Some(LEN as i64));
    let mut body: ByteStream = downloaded.body;
    let mut received = Sha256::new();
    let (mut total, mut largest) = (0u64, 0usize);
    while let Some(bytes) = body.chunk().await.expect("a chunk") {
        total += bytes.len() as u64;
        largest = largest.max(bytes.len());
        received.update(&bytes);
        peak.fetch_max(rss().saturating_sub(before) as usize, Ordering::SeqCst);
    }
    assert_eq!(total, LEN);
    assert_eq!(received.finalize(), sent);
    // Neither direction held the blob: the growth of the resident set stays well under its
    // 64 MiB (other tests of this binary run alongside, hence the margin).
    let peak = peak.load(Ordering::SeqCst);
    assert!(
        peak < 32 * 1024 * 1024,
        "the resident set grew by {} MiB",
        peak / (1024 * 1024)
    );
    assert!(largest <= 4 * 1024 * 1024, "a chunk of {largest} bytes");
}

#[tokio::test]
async fn metadata_round_trips_through_header_collections() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "meta").await;
    let metadata: BTreeMap<String, String> = [
        ("Owner", "Ada Lovelace"),
        ("lower", "a value, with a comma"),
        ("MixedCaseKey", "42"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    client
        .block_blob()
        .upload("meta", "m", BlobType4::BlockBlob, 2, &b"hi"[..])
        .metadata(metadata.clone())
        .await
        .expect("uploaded");
    let properties = client
        .blob()
        .get_properties("meta", "m")
        .await
        .expect("properties");
    // The keys' case is lost, the values are kept: the `http` crate's `HeaderName` is lower
    // case, so reqwest sends `x-ms-meta-owner` (hyper can write and read the original case
    // only through its crate-private `HeaderCaseMap`; README, "Header collections").
    let lowered: BTreeMap<String, String> = metadata
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
        .collect();
    assert_eq!(properties.x_ms_meta, lowered);
    // The loss is on the way out: the service stored the lower-case keys (List Blobs returns
    // metadata in an XML body, whose element names keep any case).
    let listed = client
        .container()
        .list_blob_flat_segment(
            "meta",
            ContainerCreateRestype::Container,
            ServiceListContainersSegmentComp::List,
        )
        .include([ListBlobsIncludeItem::Metadata])
        .await
        .expect("a listing")
        .into_pages()
        .try_collect::<Vec<_>>()
        .await
        .expect("pages");
    let stored: Vec<BTreeMap<String, String>> = listed
        .into_iter()
        .flat_map(|page| page.body.segment.blob_items)
        .map(|blob| blob.metadata.expect("metadata").additional_properties)
        .collect();
    assert_eq!(stored, [lowered]);

    // Set Metadata replaces the whole set.
    let replacement: BTreeMap<String, String> = [("Second".to_owned(), "two".to_owned())].into();
    client
        .blob()
        .set_metadata("meta", "m", ContainerSetMetadataComp::Metadata)
        .metadata(replacement)
        .await
        .expect("metadata set");
    let properties = client
        .blob()
        .get_properties("meta", "m")
        .await
        .expect("properties");
    assert_eq!(
        properties.x_ms_meta,
        BTreeMap::from([("second".to_owned(), "two".to_owned())])
    );
}

#[tokio::test]
async fn properties_are_typed_headers() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "props").await;
    // MD5("hello world"), a published test vector.
    let md5 = [
        0x5e, 0xb6, 0x3b, 0xbb, 0xe0, 0x1e, 0xee, 0xd0, 0x93, 0xcb, 0x22, 0xbb, 0x8f, 0x5a, 0xcd,
        0xc3,
    ];
    let before = time::OffsetDateTime::now_utc() - time::Duration::minutes(5);
    client
        .block_blob()
        .upload(
            "props",
            "hello.txt",
            BlobType4::BlockBlob,
            11,
            &b"hello world"[..],
        )
        .transactional_content_md5(md5.to_vec())
        .content_type("text/plain")
        .await
        .expect("uploaded");
    let properties = client
        .blob()
        .get_properties("props", "hello.txt")
        .await
        .expect("properties");
    let last_modified = properties.last_modified.expect("Last-Modified");
    assert!(last_modified > before, "{last_modified}");
    assert_eq!(properties.content_md5.as_deref(), Some(&md5[..]));
    assert_eq!(properties.content_length, Some(11));
    let etag = properties.e_tag.as_deref().expect("ETag");
    assert!(!etag.is_empty());
    assert_eq!(properties.x_ms_blob_type.as_deref(), Some("BlockBlob"));
    assert_eq!(properties.x_ms_lease_state.as_deref(), Some("available"));
}

#[tokio::test]
async fn a_stale_etag_is_refused_with_condition_not_met() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "etags").await;
    put_blob(&client, "etags", "e", b"one").await;
    let stale = client
        .blob()
        .get_properties("etags", "e")
        .await
        .expect("properties")
        .e_tag
        .expect("an ETag");
    put_blob(&client, "etags", "e", b"two").await;

    let error = client
        .block_blob()
        .upload("etags", "e", BlobType4::BlockBlob, 5, &b"three"[..])
        .modified_access_conditions(ModifiedAccessConditions {
            if_match: Some(stale.clone()),
            ..Default::default()
        })
        .await
        .expect_err("a stale If-Match is refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(412));
    assert_eq!(error.error_code(), Some("ConditionNotMet"));
    assert_eq!(download(&client, "etags", "e").await, b"two");

    // The current ETag is accepted.
    let current = client
        .blob()
        .get_properties("etags", "e")
        .await
        .expect("properties")
        .e_tag;
    assert_ne!(current.as_deref(), Some(stale.as_str()));
    client
        .block_blob()
        .upload("etags", "e", BlobType4::BlockBlob, 5, &b"three"[..])
        .modified_access_conditions(ModifiedAccessConditions {
            if_match: current,
            ..Default::default()
        })
        .await
        .expect("the current ETag matches");
    assert_eq!(download(&client, "etags", "e").await, b"three");
}

#[tokio::test]
async fn a_leased_blob_refuses_writes_without_the_lease() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "leases").await;
    put_blob(&client, "leases", "l", b"leased").await;
    let lease = client
        .blob()
        .acquire_lease(
            "leases",
            "l",
            ContainerAcquireLeaseComp::Lease,
            LeaseAction::Acquire,
        )
        .duration(-1)
        .await
        .expect("a lease");
    assert_eq!(lease.status().as_u16(), 201);
    let lease_id = lease.x_ms_lease_id.expect("x-ms-lease-id");

    let refused = client
        .block_blob()
        .upload("leases", "l", BlobType4::BlockBlob, 3, &b"new"[..])
        .await
        .expect_err("no lease given");
    assert_eq!(refused.status().map(|s| s.as_u16()), Some(412));
    assert_eq!(refused.error_code(), Some("LeaseIdMissing"));

    client
        .block_blob()
        .upload("leases", "l", BlobType4::BlockBlob, 3, &b"new"[..])
        .lease_access_conditions(LeaseAccessConditions {
            lease_id: Some(lease_id.clone()),
        })
        .await
        .expect("the lease holder writes");

    let released = client
        .blob()
        .release_lease(
            "leases",
            "l",
            ContainerAcquireLeaseComp::Lease,
            LeaseAction2::Release,
            lease_id,
        )
        .await
        .expect("released");
    assert_eq!(released.status().as_u16(), 200);
    put_blob(&client, "leases", "l", b"free").await;
    assert_eq!(download(&client, "leases", "l").await, b"free");
}

#[tokio::test]
async fn an_append_blob_grows_by_three_appends() {
    let azurite = Azurite::start(Service::Blob);
    let client = client(&azurite);
    create_container(&client, "appends").await;
    client
        .append_blob()
        .create("appends", "log", BlobType3::AppendBlob, 0)
        .await
        .expect("an append blob");
    for line in [&b"one\n"[..], b"two\n", b"three\n"] {
        let appended = client
            .append_blob()
            .append_block(
                "appends",
                "log",
                AppendBlobAppendBlockComp::Appendblock,
                line.len() as i64,
                line,
            )
            .await
            .expect("appended");
        assert_eq!(appended.status().as_u16(), 201);
    }
    let properties = client
        .blob()
        .get_properties("appends", "log")
        .await
        .expect("properties");
    assert_eq!(properties.x_ms_blob_type.as_deref(), Some("AppendBlob"));
    assert_eq!(properties.x_ms_blob_committed_block_count, Some(3));
    assert_eq!(
        download(&client, "appends", "log").await,
        b"one\ntwo\nthree\n"
    );
}
