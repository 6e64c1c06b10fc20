//! `azure-parameter-grouping.json`: `x-ms-parameter-grouping` parameters (generated as plain
//! parameters and setters), sent as the routes expect (routes:
//! `legacy/routes/azureParameterGrouping.js`, `src/test-routes/parameter-grouping.ts`).

use azure_parameter_grouping::Client;
use azure_parameter_grouping::models::EncryptionAlgorithmType;

use crate::scenario;
use crate::scenario::{Check, Ctx, Scenario};

const F: &str = "azure-parameter-grouping.json";

fn client(c: &Ctx) -> Client {
    Client::builder()
        .base_url(&c.base_url)
        .http_client(c.http.clone())
        .build()
        .expect("a client")
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        scenario!(F, "postParameterGroupingRequiredParameters", |c| {
            client(&c)
                .parameter_grouping()
                .post_required("path", 1234)
                .custom_header("header")
                .query(21)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "postParameterGroupingOptionalParameters", |c| {
            client(&c)
                .parameter_grouping()
                .post_optional()
                .custom_header("header")
                .query(21)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "postParameterGroupingMultipleParameterGroups", |c| {
            client(&c)
                .parameter_grouping()
                .post_multi_param_groups()
                .header_one("header")
                .query_one(21)
                .header_two("header2")
                .query_two(42)
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "postParameterGroupingSharedParameterGroupObject", |c| {
            client(&c)
                .parameter_grouping()
                .post_shared_parameter_group_object()
                .header_one("header")
                .query_one(21)
                .await
                .check("call")?;
            Ok(())
        }),
        // Query parameters named `from` and `accept` (the latter is `accept_2`: `accept` is the
        // built-in setter of the `Accept` header).
        scenario!(F, "PostParameterGroupingWithReservedWords", |c| {
            client(&c)
                .parameter_grouping()
                .post_reserved_words()
                .from("bob")
                .accept_2("yes")
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "PutParameterGroupingConstant", |c| {
            client(&c)
                .parameter_grouping()
                .group_with_constant()
                .grouped_constant(EncryptionAlgorithmType::Foo)
                .grouped_parameter("bar")
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}
