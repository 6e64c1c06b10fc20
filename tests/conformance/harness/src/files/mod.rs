//! The scenario tests, one module per swagger file of the test server.

mod additional_properties;
mod azure_parameter_grouping;
mod azure_special_properties;
mod body_array;
mod body_complex;
mod body_dictionary;
mod body_file;
mod body_formats;
mod body_forms;
mod body_number;
mod body_primitives;
mod body_string;
mod custom_base_url;
mod head;
mod header;
mod http_infrastructure;
mod lro;
mod media_types;
mod model_flattening;
mod multiapi;
mod multiple_inheritance;
mod non_string_enum;
mod paging;
mod required_optional;
mod reserved_words;
mod small_files;
mod untyped;
mod url;
mod xml_service;
mod xms_error_responses;

use crate::scenario::Scenario;

/// Every scenario test, file by file.
pub fn all() -> Vec<Scenario> {
    let mut all = Vec::new();
    all.extend(body_string::scenarios());
    all.extend(body_primitives::scenarios());
    all.extend(body_number::scenarios());
    all.extend(body_file::scenarios());
    all.extend(body_forms::scenarios());
    all.extend(body_formats::scenarios());
    all.extend(body_complex::scenarios());
    all.extend(body_array::scenarios());
    all.extend(body_dictionary::scenarios());
    all.extend(url::scenarios());
    all.extend(header::scenarios());
    all.extend(http_infrastructure::scenarios());
    all.extend(head::scenarios());
    all.extend(custom_base_url::scenarios());
    all.extend(xms_error_responses::scenarios());
    all.extend(azure_special_properties::scenarios());
    all.extend(required_optional::scenarios());
    all.extend(multiple_inheritance::scenarios());
    all.extend(non_string_enum::scenarios());
    all.extend(additional_properties::scenarios());
    all.extend(model_flattening::scenarios());
    all.extend(untyped::scenarios());
    all.extend(reserved_words::scenarios());
    all.extend(small_files::scenarios());
    all.extend(azure_parameter_grouping::scenarios());
    all.extend(media_types::scenarios());
    all.extend(xml_service::scenarios());
    all.extend(multiapi::scenarios());
    all.extend(paging::scenarios());
    all.extend(lro::scenarios());
    all
}
