//! The generated Table client (`azure_storage_table`) end to end against Azurite, each request
//! signed by a per-try Table `SharedKey` (or `SharedKeyLite`) policy (`tests::storage_auth`): a
//! table created, entities inserted, read one by one, queried with `$filter` and `$top=1` page
//! by page (the `x-ms-continuation-NextPartitionKey` / `-NextRowKey` headers sent back as
//! query parameters), merged, replaced, deleted; the table deleted.

use azure_storage_table::models::{
    ApiVersionParameter, DataServiceVersionParameter, OdataMetadataFormat, QueryOptions,
    TableEntityProperties, TableProperties,
};
use azure_storage_table::{Client, Error};
use futures::TryStreamExt;
use serde_json::{Value, json};
use tests::azurite::{Azurite, Service};
use tests::storage_auth::{Scheme, SharedKeyPolicy};

const V3: DataServiceVersionParameter = DataServiceVersionParameter::V30;

fn client(azurite: &Azurite, scheme: Scheme) -> Client {
    Client::builder(azurite.account_url(), ApiVersionParameter::V20190202)
        .per_try_policy(SharedKeyPolicy::dev(scheme))
        .build()
        .expect("a client")
}

fn entity(value: Value) -> TableEntityProperties {
    serde_json::from_value(value).expect("an entity")
}

fn nometadata() -> QueryOptions {
    QueryOptions {
        format: Some(OdataMetadataFormat::ApplicationJsonOdataNometadata),
        ..Default::default()
    }
}

async fn create_table(client: &Client, name: &str) {
    let created = client
        .table()
        .create(
            V3,
            TableProperties {
                table_name: Some(name.to_owned()),
            },
        )
        .query_options(nometadata())
        .await
        .expect("the table is created");
    assert_eq!(created.status().as_u16(), 201);
}

/// Inserts the three entities of partition `p`: rows `r1`, `r2`, `r3`.
async fn insert_three(client: &Client, table: &str) {
    for (row, n) in [("r1", 1), ("r2", 2), ("r3", 3)] {
        let inserted = client
            .table()
            .insert_entity(V3, table)
            .table_entity_properties(entity(json!({
                "PartitionKey": "p",
                "RowKey": row,
                "Name": format!("entity {n}"),
                "Count": n,
            })))
            .query_options(nometadata())
            .await
            .unwrap_or_else(|e| panic!("{row} inserted: {e}"));
        assert_eq!(inserted.status().as_u16(), 201);
    }
}

async fn get(client: &Client, table: &str, row: &str) -> Result<TableEntityProperties, Error> {
    let found = client
        .table()
        .query_entities_with_partition_and_row_key(V3, table, "p", row)
        .query_options(nometadata())
        .await?;
    Ok(found.body)
}

const DATE: &str = "Mon, 07 Dec 2026 10:00:00 GMT";

/// The Table strings to sign against reference signatures computed apart from this code
/// (written out by hand from "Authorize with Shared Key", signed with Python's `hmac`): no
/// `x-ms-*` header but the date is signed, `x-ms-date` stands for `Date`, only `comp` of the
/// query is kept.
#[test]
fn table_strings_to_sign_match_reference_vectors() {
    let base = "http://127.0.0.1:10002/devstoreaccount1/people";
    let insert = url::Url::parse(&format!("{base}?timeout=30")).unwrap();
    let headers = [
        ("Content-Type", "application/json;odata=nometadata"),
        ("Content-Length", "42"),
        ("x-ms-date", DATE),
        ("x-ms-version", "2019-02-02"),
        ("Date", "Sun, 06 Dec 2026 10:00:00 GMT"),
    ];
    let key = SharedKeyPolicy::dev(Scheme::Table);
    assert_eq!(
        key.string_to_sign("POST", &insert, &headers),
        "POST\n\napplication/json;odata=nometadata\nMon, 07 Dec 2026 10:00:00 GMT\n\
         /devstoreaccount1/devstoreaccount1/people"
    );
    assert_eq!(
        key.authorization("POST", &insert, &headers),
        "SharedKey devstoreaccount1:1I9AH+ypQfUaR5k26aXm5HhPw+jCth8QVPeixzyM2n0="
    );
    let acl = url::Url::parse(&format!("{base}?timeout=30&comp=acl")).unwrap();
    let headers = [("x-ms-date", DATE)];
    assert_eq!(
        key.authorization("GET", &acl, &headers),
        "SharedKey devstoreaccount1:p3pCsMcXs+C3q96mL8iMylW7xELty4I4M/NVHW0Cktk="
    );
    let lite = SharedKeyPolicy::dev(Scheme::TableLite);
    assert_eq!(
        lite.string_to_sign("GET", &acl, &headers),
        "Mon, 07 Dec 2026 10:00:00 GMT\n/devstoreaccount1/devstoreaccount1/people?comp=acl"
    );
    assert_eq!(
        lite.authorization("GET", &acl, &headers),
        "SharedKeyLite devstoreaccount1:9/+ht+GwDuTF3dH0nNw62MwkHm4IXPsIvbh7w47U6k0="
    );
}

#[tokio::test]
async fn a_table_is_created_filled_read_and_deleted() {
    let azurite = Azurite::start(Service::Table);
    let client = client(&azurite, Scheme::Table);
    create_table(&client, "people").await;
    insert_three(&client, "people").await;

    let two = get(&client, "people", "r2").await.expect("r2");
    assert_eq!(two["Name"], "entity 2");
    assert_eq!(two["Count"], 2);
    assert_eq!(two["PartitionKey"], "p");

    let tables: Vec<_> = client
        .table()
        .query(V3)
        .query_options(nometadata())
        .await
        .expect("the first page")
        .try_collect()
        .await
        .expect("the tables");
    let names: Vec<_> = tables.iter().map(|t| t.table_name.clone()).collect();
    assert_eq!(names, [Some("people".to_owned())]);

    client
        .table()
        .delete("people")
        .await
        .expect("the table is deleted");
    let gone = get(&client, "people", "r2")
        .await
        .expect_err("the table is gone");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404), "{gone}");
    assert_eq!(gone.error_code(), Some("TableNotFound"), "{gone}");
}

#[tokio::test]
async fn a_filtered_query_pages_one_entity_at_a_time_by_continuation_headers() {
    let azurite = Azurite::start(Service::Table);
    let client = client(&azurite, Scheme::Table);
    create_table(&client, "paged").await;
    insert_three(&client, "paged").await;

    let pager = client
        .table()
        .query_entities(V3, "paged")
        .query_options(QueryOptions {
            format: Some(OdataMetadataFormat::ApplicationJsonOdataNometadata),
            top: Some(1),
            filter: Some("Count ge 2".to_owned()),
            select: None,
        })
        .await
        .expect("the first page");
    let pages: Vec<_> = pager.into_pages().try_collect().await.expect("the pages");
    let rows: Vec<Vec<String>> = pages
        .iter()
        .map(|page| {
            page.body
                .value
                .clone()
                .unwrap_or_default()
                .iter()
                .map(|e| e["RowKey"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .collect();
    // Each page has one entity and, but the last, the continuation headers naming the next.
    assert_eq!(&rows[..2], [vec!["r2"], vec!["r3"]], "{rows:?}");
    assert!(
        rows[2..].iter().all(Vec::is_empty),
        "at most an empty last page: {rows:?}"
    );
    let first = &pages[0];
    assert!(first.x_ms_continuation_next_partition_key.is_some());
    assert!(first.x_ms_continuation_next_row_key.is_some());
    let last = pages.last().expect("a page");
    assert!(last.x_ms_continuation_next_partition_key.is_none());
}

#[tokio::test]
async fn entities_are_merged_replaced_and_deleted() {
    let azurite = Azurite::start(Service::Table);
    let client = client(&azurite, Scheme::Table);
    create_table(&client, "changes").await;
    insert_three(&client, "changes").await;

    // Merge: the new property is added, the others kept.
    client
        .table()
        .merge_entity(V3, "changes", "p", "r1")
        .if_match("*")
        .table_entity_properties(entity(
            json!({"PartitionKey": "p", "RowKey": "r1", "Color": "blue"}),
        ))
        .query_options(nometadata())
        .await
        .expect("merged");
    let one = get(&client, "changes", "r1").await.expect("r1");
    assert_eq!(
        (&one["Name"], &one["Count"], &one["Color"]),
        (&json!("entity 1"), &json!(1), &json!("blue"))
    );

    // Update (replace): only the properties sent are left.
    client
        .table()
        .update_entity(V3, "changes", "p", "r1")
        .if_match("*")
        .table_entity_properties(entity(
            json!({"PartitionKey": "p", "RowKey": "r1", "Name": "replaced"}),
        ))
        .query_options(nometadata())
        .await
        .expect("replaced");
    let one = get(&client, "changes", "r1").await.expect("r1");
    assert_eq!(one["Name"], "replaced");
    assert!(
        !one.contains_key("Count") && !one.contains_key("Color"),
        "{one:?}"
    );

    // Delete one: it is gone, the others stay.
    client
        .table()
        .delete_entity(V3, "changes", "p", "r2", "*")
        .query_options(nometadata())
        .await
        .expect("deleted");
    let gone = get(&client, "changes", "r2").await.expect_err("r2 is gone");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404), "{gone}");
    assert_eq!(gone.error_code(), Some("ResourceNotFound"), "{gone}");
    let left: Vec<_> = client
        .table()
        .query_entities(V3, "changes")
        .query_options(nometadata())
        .await
        .expect("the first page")
        .try_collect()
        .await
        .expect("the entities");
    let rows: Vec<_> = left.iter().map(|e| e["RowKey"].clone()).collect();
    assert_eq!(rows, [json!("r1"), json!("r3")]);

    client.table().delete("changes").await.expect("deleted");
}

#[tokio::test]
async fn shared_key_lite_is_accepted_too() {
    let azurite = Azurite::start(Service::Table);
    let client = client(&azurite, Scheme::TableLite);
    create_table(&client, "lite").await;
    insert_three(&client, "lite").await;
    let three = get(&client, "lite", "r3").await.expect("r3");
    assert_eq!(three["Count"], 3);
}

#[tokio::test]
async fn a_request_signed_with_another_key_is_refused() {
    let azurite = Azurite::start(Service::Table);
    let wrong = SharedKeyPolicy::new(
        tests::shared_key::DEV_ACCOUNT,
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        Scheme::Table,
        "2019-02-02",
    );
    let client = Client::builder(azurite.account_url(), ApiVersionParameter::V20190202)
        .per_try_policy(wrong)
        .build()
        .expect("a client");
    let error = client
        .table()
        .create(
            V3,
            TableProperties {
                table_name: Some("refused".to_owned()),
            },
        )
        .await
        .expect_err("a wrong key is refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403), "{error}");
}
