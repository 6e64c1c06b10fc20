//! `azure-parameter-grouping.json`: `x-ms-parameter-grouping` parameters, given through their
//! group structs (named as AutoRest names them), sent as the routes expect (routes:
//! `legacy/routes/azureParameterGrouping.js`, `src/test-routes/parameter-grouping.ts`).

use azure_parameter_grouping::Client;
use azure_parameter_grouping::models::{
    EncryptionAlgorithmType, FirstParameterGroup, Grouper,
    ParameterGroupingPostMultiParamGroupsSecondParamGroup, ParameterGroupingPostOptionalParameters,
    ParameterGroupingPostRequiredParameters, ParameterGroupingPostReservedWordsParameters,
};

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
        // A group with a required member is a positional argument.
        scenario!(F, "postParameterGroupingRequiredParameters", |c| {
            let group = ParameterGroupingPostRequiredParameters {
                body: 1234,
                custom_header: Some("header".to_string()),
                query: Some(21),
                path: "path".to_string(),
            };
            client(&c)
                .parameter_grouping()
                .post_required(group)
                .await
                .check("call")?;
            Ok(())
        }),
        // A group of optional members is a setter.
        scenario!(F, "postParameterGroupingOptionalParameters", |c| {
            let group = ParameterGroupingPostOptionalParameters {
                custom_header: Some("header".to_string()),
                query: Some(21),
            };
            client(&c)
                .parameter_grouping()
                .post_optional()
                .parameter_grouping_post_optional_parameters(group)
                .await
                .check("call")?;
            Ok(())
        }),
        // `name` names a group; `postfix` ends the default name.
        scenario!(F, "postParameterGroupingMultipleParameterGroups", |c| {
            client(&c)
                .parameter_grouping()
                .post_multi_param_groups()
                .first_parameter_group(FirstParameterGroup {
                    header_one: Some("header".to_string()),
                    query_one: Some(21),
                })
                .parameter_grouping_post_multi_param_groups_second_param_group(
                    ParameterGroupingPostMultiParamGroupsSecondParamGroup {
                        header_two: Some("header2".to_string()),
                        query_two: Some(42),
                    },
                )
                .await
                .check("call")?;
            Ok(())
        }),
        // The group of the previous scenario, shared by another operation.
        scenario!(F, "postParameterGroupingSharedParameterGroupObject", |c| {
            client(&c)
                .parameter_grouping()
                .post_shared_parameter_group_object()
                .first_parameter_group(FirstParameterGroup {
                    header_one: Some("header".to_string()),
                    ..FirstParameterGroup::default()
                })
                .await
                .check("call")?;
            Ok(())
        }),
        // Query parameters named `from` and `accept`: plain fields of the group (the builder's
        // own `accept` setter is not in the way).
        scenario!(F, "PostParameterGroupingWithReservedWords", |c| {
            client(&c)
                .parameter_grouping()
                .post_reserved_words()
                .parameter_grouping_post_reserved_words_parameters(
                    ParameterGroupingPostReservedWordsParameters {
                        from: Some("bob".to_string()),
                        accept: Some("yes".to_string()),
                    },
                )
                .await
                .check("call")?;
            Ok(())
        }),
        scenario!(F, "PutParameterGroupingConstant", |c| {
            client(&c)
                .parameter_grouping()
                .group_with_constant()
                .grouper(Grouper {
                    grouped_constant: Some(EncryptionAlgorithmType::Foo),
                    grouped_parameter: Some("bar".to_string()),
                })
                .await
                .check("call")?;
            Ok(())
        }),
    ]
}
