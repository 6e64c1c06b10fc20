//! The generated Queue client (`azure_storage_queue`) end to end against Azurite, each request
//! signed by a per-try `SharedKey` policy (`tests::storage_auth`): a queue created with
//! metadata (the `x-ms-meta-*` header collection) and deleted; messages sent (XML bodies),
//! peeked, received with a visibility timeout, updated, deleted one by one and cleared.

use std::collections::BTreeMap;

use azure_storage_queue::models::{MessagesPeekPeekonly, QueueGetPropertiesComp, QueueMessage};
use azure_storage_queue::{Client, queue::QueueCreateResponse};
use tests::azurite::{Azurite, Service};
use tests::storage_auth::{Scheme, SharedKeyPolicy};

fn client(azurite: &Azurite) -> Client {
    Client::builder(azurite.account_url())
        .per_try_policy(SharedKeyPolicy::dev(Scheme::BlobQueue))
        .build()
        .expect("a client")
}

fn message(text: &str) -> QueueMessage {
    QueueMessage {
        message_text: Some(text.to_owned()),
    }
}

/// The texts of the messages a peek sees, in queue order.
async fn peek_texts(client: &Client, queue: &str) -> Vec<String> {
    let peeked = client
        .messages()
        .peek(MessagesPeekPeekonly::True, queue)
        .number_of_messages(32)
        .await
        .expect("peeked");
    peeked.body.into_iter().map(|m| m.message_text).collect()
}

#[tokio::test]
async fn a_queue_is_created_with_metadata_read_back_and_deleted() {
    let azurite = Azurite::start(Service::Queue);
    let client = client(&azurite);
    let metadata = BTreeMap::from([
        ("owner".to_owned(), "e2e".to_owned()),
        ("purpose".to_owned(), "signed by a policy".to_owned()),
    ]);
    let created = client
        .queue()
        .create("meta-queue")
        .metadata(metadata.clone())
        .await
        .expect("created");
    assert!(
        matches!(created, QueueCreateResponse::Created(_)),
        "{created:?}"
    );

    let properties = client
        .queue()
        .get_properties(QueueGetPropertiesComp::Metadata, "meta-queue")
        .await
        .expect("the properties");
    assert_eq!(properties.x_ms_meta, metadata);
    assert_eq!(properties.x_ms_approximate_messages_count, Some(0));

    client.queue().delete("meta-queue").await.expect("deleted");
    let gone = client
        .queue()
        .get_properties(QueueGetPropertiesComp::Metadata, "meta-queue")
        .await
        .expect_err("the queue is gone");
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
    assert_eq!(gone.error_code(), Some("QueueNotFound"));
}

#[tokio::test]
async fn messages_are_sent_peeked_received_updated_deleted_and_cleared() {
    let azurite = Azurite::start(Service::Queue);
    let client = client(&azurite);
    let queue = "work-queue";
    client.queue().create(queue).await.expect("created");

    // Send three: each answer is the one enqueued message, with its id and pop receipt.
    let mut ids = Vec::new();
    for text in ["one", "two", "three"] {
        let sent = client
            .messages()
            .enqueue(queue, message(text))
            .await
            .unwrap_or_else(|e| {
                let body = String::from_utf8_lossy(e.body().unwrap_or_default()).into_owned();
                panic!("`{text}` sent: {e} {:?}: {body}", e.headers())
            });
        assert_eq!(sent.status().as_u16(), 201);
        assert_eq!(sent.body.len(), 1, "{:?}", sent.body);
        assert!(!sent.body[0].pop_receipt.is_empty());
        ids.push(sent.body[0].message_id.clone());
    }

    // Peek: all three in order, nothing dequeued.
    let peeked = client
        .messages()
        .peek(MessagesPeekPeekonly::True, queue)
        .number_of_messages(32)
        .await
        .expect("peeked");
    let seen: Vec<(&str, &str, i64)> = peeked
        .body
        .iter()
        .map(|m| {
            (
                m.message_id.as_str(),
                m.message_text.as_str(),
                m.dequeue_count,
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            (ids[0].as_str(), "one", 0),
            (ids[1].as_str(), "two", 0),
            (ids[2].as_str(), "three", 0)
        ]
    );

    // Receive two, invisible for an hour: a peek sees only the third.
    let received = client
        .messages()
        .dequeue(queue)
        .number_of_messages(2)
        .visibilitytimeout(3600)
        .await
        .expect("received");
    let texts: Vec<&str> = received
        .body
        .iter()
        .map(|m| m.message_text.as_str())
        .collect();
    assert_eq!(texts, ["one", "two"]);
    for m in &received.body {
        assert_eq!(m.dequeue_count, 1);
        let hidden_for = m.time_next_visible - m.insertion_time;
        assert!(
            hidden_for >= time::Duration::seconds(3500),
            "{hidden_for} for {m:?}"
        );
    }
    assert_eq!(peek_texts(&client, queue).await, ["three"]);

    // Update the first: new text, visible again now (a visibility timeout of 0).
    let first = &received.body[0];
    let updated = client
        .message_id()
        .update(
            queue,
            &first.message_id,
            &first.pop_receipt,
            0,
            message("one, updated"),
        )
        .await
        .expect("updated");
    let receipt = updated.x_ms_popreceipt.expect("a new pop receipt");
    assert_ne!(receipt, first.pop_receipt);
    assert!(updated.x_ms_time_next_visible.is_some());
    let mut visible = peek_texts(&client, queue).await;
    visible.sort();
    assert_eq!(visible, ["one, updated", "three"]);

    // Delete the second (still invisible) with its pop receipt; the old receipt of the first
    // is refused, its new one is not needed here.
    let second = &received.body[1];
    client
        .message_id()
        .delete(queue, &second.message_id, &second.pop_receipt)
        .await
        .expect("deleted");
    let stale = client
        .message_id()
        .delete(queue, &first.message_id, &first.pop_receipt)
        .await
        .expect_err("the first receipt is stale after the update");
    assert_eq!(stale.status().map(|s| s.as_u16()), Some(400), "{stale}");
    assert_eq!(stale.error_code(), Some("PopReceiptMismatch"), "{stale}");

    let properties = client
        .queue()
        .get_properties(QueueGetPropertiesComp::Metadata, queue)
        .await
        .expect("the properties");
    assert_eq!(properties.x_ms_approximate_messages_count, Some(2));

    // Clear, then the queue is empty; delete it.
    client.messages().clear(queue).await.expect("cleared");
    assert!(peek_texts(&client, queue).await.is_empty());
    let properties = client
        .queue()
        .get_properties(QueueGetPropertiesComp::Metadata, queue)
        .await
        .expect("the properties");
    assert_eq!(properties.x_ms_approximate_messages_count, Some(0));
    client.queue().delete(queue).await.expect("deleted");
}

#[tokio::test]
async fn a_request_signed_with_another_key_is_refused() {
    let azurite = Azurite::start(Service::Queue);
    let wrong = SharedKeyPolicy::new(
        tests::shared_key::DEV_ACCOUNT,
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
        Scheme::BlobQueue,
        "2019-02-02",
    );
    let client = Client::builder(azurite.account_url())
        .per_try_policy(wrong)
        .build()
        .expect("a client");
    let error = client
        .queue()
        .create("refused-queue")
        .await
        .expect_err("a wrong key is refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(403));
    assert_eq!(error.error_code(), Some("AuthenticationFailed"));
}

/// Enqueue's optional query parameters go on the wire as set, and only then (the spec's path
/// key had them as templates, sent literally before the overlay moved the operation).
#[tokio::test]
async fn a_message_sent_with_a_visibility_timeout_and_a_time_to_live_keeps_them() {
    let azurite = Azurite::start(Service::Queue);
    let client = client(&azurite);
    let queue = "delayed-queue";
    client.queue().create(queue).await.expect("created");
    let sent = client
        .messages()
        .enqueue(queue, message("later"))
        .visibilitytimeout(600)
        .message_time_to_live(3600)
        .await
        .expect("sent");
    let sent = &sent.body[0];
    assert_eq!(
        sent.time_next_visible - sent.insertion_time,
        time::Duration::seconds(600),
        "{sent:?}"
    );
    assert_eq!(
        sent.expiration_time - sent.insertion_time,
        time::Duration::seconds(3600),
        "{sent:?}"
    );
    assert!(peek_texts(&client, queue).await.is_empty());
    client.queue().delete(queue).await.expect("deleted");
}
