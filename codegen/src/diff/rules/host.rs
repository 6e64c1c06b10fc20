//! The client: host template, base path, host parameters and client settings.

use super::{Rule, Sink, code, parameters};
use crate::diff::items;
use crate::diff::report::Change;
use crate::diff::surface::{Parameter, Surface};

/// Every client rule.
pub(crate) fn compare(old: &Surface, new: &Surface, sink: &mut Sink) {
    let (o, n) = (&old.host, &new.host);
    let show = |template: &str, prefix: bool| {
        if prefix {
            format!("{} (with `https://` in front)", code(template))
        } else {
            code(template)
        }
    };
    if o.template != n.template || o.use_scheme_prefix != n.use_scheme_prefix {
        sink.push(
            Change::new(
                Rule::HostTemplateChanged,
                format!(
                    "the host template is {} instead of {}",
                    show(&n.template, n.use_scheme_prefix),
                    show(&o.template, o.use_scheme_prefix)
                ),
            )
            .item(items::client(), None),
        );
    }
    if o.base_path != n.base_path {
        let show = |p: &str| {
            if p.is_empty() {
                "empty".to_string()
            } else {
                code(p)
            }
        };
        sink.push(
            Change::new(
                Rule::HostBasePathChanged,
                format!(
                    "the base path is {} instead of {}",
                    show(&n.base_path),
                    show(&o.base_path)
                ),
            )
            .item(items::client(), None),
        );
    }
    // Per-call host parameters are compared with the operations that take them.
    parameters::client(&client_level(old), &client_level(new), true, sink);
    let (old_settings, new_settings): (Vec<_>, Vec<_>) = (
        old.client_parameters.iter().collect(),
        new.client_parameters.iter().collect(),
    );
    parameters::client(&old_settings, &new_settings, false, sink);
}

fn client_level(s: &Surface) -> Vec<&Parameter> {
    s.host
        .parameters
        .iter()
        .filter(|p| p.client_level)
        .collect()
}
