//! Which old operation (parameter) is which new one.
//!
//! Operations are matched first by endpoint: method, path template with placeholder names
//! dropped (`/_manifests/{reference}` and `/_manifests/{digest}` are one endpoint), and the
//! `x-ms-paths` query constants; then, among those left, by `operationId`.
//!
//! Parameters of a matched pair are matched by place for path parameters of the same endpoint
//! (the n-th placeholder is the n-th placeholder), then by location and wire name (header names
//! ignore case), then by wire name alone (a parameter that moved).

use super::surface::{Operation, Parameter, Surface};

/// How a pair of operations was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchedBy {
    /// Same method, normalized path and query constants.
    Endpoint,
    /// Same `operationId`.
    OperationId,
}

/// An old operation and the new one it became.
#[derive(Debug, Clone, Copy)]
pub struct OpPair<'a> {
    pub old: &'a Operation,
    pub new: &'a Operation,
    pub by: MatchedBy,
}

/// The operations of two surfaces, matched.
#[derive(Debug, Default)]
pub struct OpMatch<'a> {
    /// Matched pairs, in the new document's order.
    pub pairs: Vec<OpPair<'a>>,
    /// Old operations without a match, in the old order.
    pub removed: Vec<&'a Operation>,
    /// New operations without a match, in the new order.
    pub added: Vec<&'a Operation>,
}

/// The endpoint key of an operation: `GET /v2/{}/blobs/{}?mode=chunk` (query constants sorted).
pub fn endpoint_key(op: &Operation) -> String {
    let mut key = format!(
        "{} {}",
        op.method.to_ascii_uppercase(),
        normalize_path(&op.path)
    );
    let mut query: Vec<_> = op.query_constants.iter().collect();
    query.sort();
    for (i, (k, v)) in query.into_iter().enumerate() {
        key.push(if i == 0 { '?' } else { '&' });
        key.push_str(&format!("{k}={v}"));
    }
    key
}

/// The path template with every `{name}` written `{}`.
pub fn normalize_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_placeholder = false;
    for c in path.chars() {
        match c {
            '{' if !in_placeholder => {
                in_placeholder = true;
                out.push('{');
            }
            '}' if in_placeholder => {
                in_placeholder = false;
                out.push('}');
            }
            _ if in_placeholder => {}
            c => out.push(c),
        }
    }
    if in_placeholder {
        // An unclosed `{`: keep the text as it was rather than invent a placeholder.
        return path.to_string();
    }
    out
}

/// The placeholder names of a path template, in order.
pub fn placeholders(path: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        names.push(&after[..end]);
        rest = &after[end + 1..];
    }
    names
}

/// Matches the operations of `old` and `new`.
pub fn operations<'a>(old: &'a Surface, new: &'a Surface) -> OpMatch<'a> {
    let old_keys: Vec<String> = old.operations.iter().map(endpoint_key).collect();
    let new_keys: Vec<String> = new.operations.iter().map(endpoint_key).collect();
    let mut old_used = vec![false; old.operations.len()];
    let mut new_match: Vec<Option<(usize, MatchedBy)>> = vec![None; new.operations.len()];

    for (j, key) in new_keys.iter().enumerate() {
        if let Some(i) = (0..old_keys.len()).find(|&i| !old_used[i] && old_keys[i] == *key) {
            old_used[i] = true;
            new_match[j] = Some((i, MatchedBy::Endpoint));
        }
    }
    for (j, op) in new.operations.iter().enumerate() {
        if new_match[j].is_some() {
            continue;
        }
        let found = (0..old.operations.len())
            .find(|&i| !old_used[i] && old.operations[i].operation_id == op.operation_id);
        if let Some(i) = found {
            old_used[i] = true;
            new_match[j] = Some((i, MatchedBy::OperationId));
        }
    }

    let mut result = OpMatch::default();
    for (j, m) in new_match.iter().enumerate() {
        match m {
            Some((i, by)) => result.pairs.push(OpPair {
                old: &old.operations[*i],
                new: &new.operations[j],
                by: *by,
            }),
            None => result.added.push(&new.operations[j]),
        }
    }
    result.removed = old
        .operations
        .iter()
        .zip(&old_used)
        .filter(|(_, used)| !**used)
        .map(|(op, _)| op)
        .collect();
    result
}

/// Parameters of two lists, matched.
#[derive(Debug, Default)]
pub struct ParamMatch<'a> {
    /// Matched pairs, in the new list's order.
    pub pairs: Vec<(&'a Parameter, &'a Parameter)>,
    /// Old parameters without a match.
    pub removed: Vec<&'a Parameter>,
    /// New parameters without a match.
    pub added: Vec<&'a Parameter>,
}

/// Matches two parameter lists. `paths` gives the old and new path templates when they are the
/// same endpoint, so that path parameters are matched by place.
pub fn parameters<'a>(
    old: &[&'a Parameter],
    new: &[&'a Parameter],
    paths: Option<(&str, &str)>,
) -> ParamMatch<'a> {
    let mut old_used = vec![false; old.len()];
    let mut new_match: Vec<Option<usize>> = vec![None; new.len()];
    let mut claim =
        |j: usize, pred: &dyn Fn(&Parameter) -> bool, new_match: &mut Vec<Option<usize>>| {
            if new_match[j].is_some() {
                return;
            }
            if let Some(i) = (0..old.len()).find(|&i| !old_used[i] && pred(old[i])) {
                old_used[i] = true;
                new_match[j] = Some(i);
            }
        };

    if let Some((old_path, new_path)) = paths {
        let (old_names, new_names) = (placeholders(old_path), placeholders(new_path));
        for (j, p) in new.iter().enumerate() {
            if p.location != "path" {
                continue;
            }
            let Some(place) = new_names.iter().position(|n| *n == p.name) else {
                continue;
            };
            let Some(old_name) = old_names.get(place) else {
                continue;
            };
            claim(
                j,
                &|o: &Parameter| o.location == "path" && o.name == *old_name,
                &mut new_match,
            );
        }
    }
    for (j, p) in new.iter().enumerate() {
        claim(
            j,
            &|o: &Parameter| o.location == p.location && same_name(o, p),
            &mut new_match,
        );
    }
    for (j, p) in new.iter().enumerate() {
        claim(j, &|o: &Parameter| same_name(o, p), &mut new_match);
    }

    let mut result = ParamMatch::default();
    for (j, m) in new_match.iter().enumerate() {
        match m {
            Some(i) => result.pairs.push((old[*i], new[j])),
            None => result.added.push(new[j]),
        }
    }
    result.removed = old
        .iter()
        .zip(&old_used)
        .filter(|(_, used)| !**used)
        .map(|(p, _)| *p)
        .collect();
    result
}

/// Wire names match; header names ignore ASCII case.
fn same_name(a: &Parameter, b: &Parameter) -> bool {
    if a.location == "header" || b.location == "header" {
        a.name.eq_ignore_ascii_case(&b.name)
    } else {
        a.name == b.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized() {
        assert_eq!(
            normalize_path("/acr/v1/{name}/_manifests/{reference}"),
            "/acr/v1/{}/_manifests/{}"
        );
        assert_eq!(normalize_path("/{nextBlobUuidLink}"), "/{}");
        assert_eq!(normalize_path("/a/{b"), "/a/{b");
        assert_eq!(
            placeholders("/v2/{name}/blobs/{digest}"),
            ["name", "digest"]
        );
        assert!(placeholders("/v2/{oops").is_empty());
    }
}
