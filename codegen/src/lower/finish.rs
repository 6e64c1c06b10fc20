//! Naming and assembling the IR from a format's [`Parts`]: duplicate `operationId`s, groups,
//! operation names, client-level parameters, error models.

use indexmap::IndexMap;

use super::context::Lowerer;
use super::{OperationDraft, Parts};
use crate::ir::{Api, Group, Location, Operation, Parameter, ResponseBody, SourceFormat, TypeRef};
use crate::naming::{self, Scope};
use crate::{ErrorKind, Result};

pub(super) fn finish(cx: Lowerer<'_>, format: SourceFormat, parts: Parts) -> Result<Api> {
    check_duplicate_ids(&parts.operations)?;
    let root_file = crate::display_path(&cx.res.root().0.file);
    let (mut models, model_warnings) = super::models::finish_models(cx.models, &cx.late_parents)?;
    let mut warnings = cx.warnings;
    warnings.extend(model_warnings);
    let flattened = super::flatten::flatten_models(&mut models, &root_file, &mut warnings);

    let mut names = OperationNames::new();
    let mut client = ClientParameters::new(&parts.host);
    let structs = struct_models(&models);
    let mut op_locs = Vec::new();
    let mut families = IndexMap::new();
    let mut paging_drafts = Vec::new();
    let mut operations = Vec::new();
    for mut draft in parts.operations {
        paging_drafts.push(draft.paging.take());
        let named = names.name(&draft, &mut warnings);
        let parameters = client.parameters(std::mem::take(&mut draft.parameters));
        if draft.operation_id.is_none() {
            warnings.push(crate::ir::Warning {
                file: crate::display_path(&draft.loc.file),
                pointer: draft.loc.pointer.clone(),
                message: format!(
                    "no operationId: named `{}` from the method and path",
                    named.op_name
                ),
            });
        }
        op_locs.push(draft.loc.clone());
        operations.push(operation(draft, named, parameters, &structs, &mut families));
    }
    // `x-ms-client-flatten` on bodies, then `x-ms-parameter-grouping` (a flattened body's
    // fields can be grouped).
    let mut model_types = cx.model_types;
    let mut parameter_groups = super::grouping::Groups::new(&mut model_types);
    for (op, loc) in operations.iter_mut().zip(&op_locs) {
        let Some(extensions) = cx.input_extensions.get(loc) else {
            continue;
        };
        if let Some(at) = &extensions.flatten_body {
            op.flattened_body = flattened.body(op, &models, at, &mut warnings);
        }
        parameter_groups.group(op, &extensions.grouped, &mut warnings);
    }
    let parameter_groups = parameter_groups.finish();
    // `x-ms-pageable`, checked now that every operation and model is known.
    for (index, draft) in paging_drafts.into_iter().enumerate() {
        let Some(draft) = draft else { continue };
        let host_parameters = !parts.host.parameters.is_empty();
        let (paging, found) =
            super::paging::resolve(draft, index, &operations, &models, host_parameters);
        operations[index].paging = paging;
        warnings.extend(found);
    }
    let error_models = error_models(&operations, &models, &root_file, &mut warnings);

    Ok(Api {
        title: parts.title,
        version: parts.version,
        description: parts.description,
        source_format: format,
        host: parts.host,
        security: parts.security,
        client_parameters: client.finish(),
        operations,
        groups: names.groups.into_values().collect(),
        models,
        error_models,
        warnings,
        parameter_groups,
        subset: None,
    })
}

/// The names of the operations: their groups (module and client type), their methods (unique
/// in their group) and their type-name stems (unique in the crate).
struct OperationNames {
    groups: IndexMap<String, Group>,
    group_names: Scope,
    group_types: Scope,
    methods: IndexMap<String, Scope>,
    op_types: Scope,
}

/// The names of one operation.
struct Named {
    group: String,
    /// Its name in the group, before it is made a Rust name.
    op_name: String,
    rust_name: String,
    type_name: String,
}

impl OperationNames {
    fn new() -> Self {
        OperationNames {
            groups: IndexMap::new(),
            group_names: Scope::with_reserved(naming::CLIENT_MEMBERS),
            group_types: Scope::with_reserved(naming::CRATE_TYPES),
            methods: IndexMap::new(),
            op_types: Scope::new(),
        }
    }

    /// Names the operation (and its group, when it is the first of it); a name changed to
    /// avoid a collision is a warning.
    fn name(&mut self, draft: &OperationDraft, warnings: &mut Vec<crate::ir::Warning>) -> Named {
        let (group, op_name) = group_and_name(draft);
        let pointer = &draft.loc.pointer;
        let mut renames = Vec::new();
        if !self.groups.contains_key(&group) {
            let (rust_name, renamed) = naming::group_name(&mut self.group_names, &group, pointer);
            renames.extend(renamed.map(|r| r.message("the module of the operation group")));
            let (type_name, renamed) = self
                .group_types
                .claim_at(naming::type_name(&format!("{group}_Client")), pointer);
            renames.extend(renamed.map(|r| r.message("the client type of the operation group")));
            self.groups.insert(
                group.clone(),
                Group {
                    name: group.clone(),
                    rust_name,
                    type_name,
                },
            );
        }
        let method_scope = self
            .methods
            .entry(group.clone())
            .or_insert_with(|| Scope::with_reserved(naming::GROUP_MEMBERS));
        let (rust_name, renamed) = method_scope.claim_at(naming::value_name(&op_name), pointer);
        renames.extend(renamed.map(|r| r.message("the operation method")));
        let (type_name, renamed) = self
            .op_types
            .claim_at(naming::type_name(&format!("{group}_{op_name}")), pointer);
        renames.extend(renamed.map(|r| r.message("the operation's type name")));
        for message in renames {
            warnings.push(crate::ir::Warning {
                file: crate::display_path(&draft.loc.file),
                pointer: pointer.clone(),
                message,
            });
        }
        Named {
            group,
            op_name,
            rust_name,
            type_name,
        }
    }
}

/// The client-level parameters, collected from the operations, and the per-call host
/// parameters every operation gets.
struct ClientParameters {
    /// Client-level parameters are fields of the client: unique among themselves and apart
    /// from the host parameters; every operation refers to them by the same name.
    known: Vec<Parameter>,
    names: Scope,
    per_call_host: Vec<Parameter>,
    /// `x-ms-parameterized-host.positionInOperation` is `last`.
    host_last: bool,
}

impl ClientParameters {
    fn new(host: &crate::ir::Host) -> Self {
        let mut names = Scope::with_reserved(naming::HOST_MEMBERS);
        for p in &host.parameters {
            names.claim(p.rust_name.clone());
        }
        ClientParameters {
            known: Vec::new(),
            names,
            per_call_host: host
                .parameters
                .iter()
                .filter(|p| !p.client_level)
                .cloned()
                .collect(),
            host_last: host.position_in_operation == "last",
        }
    }

    /// An operation's parameters: its client-level ones named as the client's, and the
    /// per-call host parameters joined to them, under names free in it.
    fn parameters(&mut self, mut parameters: Vec<Parameter>) -> Vec<Parameter> {
        for p in parameters.iter_mut().filter(|p| p.client_level) {
            match self
                .known
                .iter()
                .find(|c| c.name == p.name && c.location == p.location)
            {
                Some(known) => p.rust_name = known.rust_name.clone(),
                None => {
                    p.rust_name = self.names.claim(p.rust_name.clone());
                    self.known.push(p.clone());
                }
            }
        }
        if !self.per_call_host.is_empty() {
            let mut taken = Scope::with_reserved(naming::REQUEST_MEMBERS);
            for p in &parameters {
                taken.claim(p.rust_name.clone());
            }
            let host: Vec<Parameter> = self
                .per_call_host
                .iter()
                .cloned()
                .map(|mut p| {
                    p.rust_name = taken.claim(p.rust_name);
                    p
                })
                .collect();
            if self.host_last {
                parameters.extend(host);
            } else {
                parameters.splice(0..0, host);
            }
        }
        parameters
    }

    /// The client parameters of the API (a host parameter among them is client-level).
    fn finish(mut self) -> Vec<Parameter> {
        for p in &mut self.known {
            if p.location == Location::Host {
                p.client_level = true;
            }
        }
        self.known
    }
}

/// The operation of `draft`, named, with its `parameters`; what later passes add (flattened
/// body, parameter groups, paging, examples) empty.
fn operation<'m>(
    draft: OperationDraft,
    named: Named,
    parameters: Vec<Parameter>,
    structs: &IndexMap<&'m str, &'m crate::ir::StructModel>,
    families: &mut IndexMap<&'m str, Vec<String>>,
) -> Operation {
    let produces = with_family_media_types(structs, families, &draft.responses, draft.produces);
    Operation {
        synthesized_id: draft.operation_id.is_none(),
        operation_id: draft
            .operation_id
            .unwrap_or_else(|| naming::synthesized_operation_id(&draft.method, &draft.path)),
        group: named.group,
        rust_name: named.rust_name,
        type_name: named.type_name,
        method: draft.method,
        path: draft.path,
        query_constants: draft.query_constants,
        summary: draft.summary,
        description: draft.description,
        deprecated: draft.deprecated,
        tags: draft.tags,
        parameters,
        body: draft.body,
        responses: draft.responses,
        default_response: draft.default_response,
        consumes: draft.consumes,
        produces,
        security: draft.security,
        pointer: draft.loc.pointer,
        parameter_groups: Vec::new(),
        flattened_body: None,
        paging: None,
        polling: draft.polling,
        examples: Vec::new(),
    }
}

/// Error shapes: the `default` response's body, and the bodies of documented 4xx/5xx, each
/// once; an error body whose variant name is taken by another's is a warning.
fn error_models(
    operations: &[Operation],
    models: &[crate::ir::Model],
    root_file: &str,
    warnings: &mut Vec<crate::ir::Warning>,
) -> Vec<TypeRef> {
    let mut error_models: Vec<TypeRef> = Vec::new();
    for op in operations {
        let errors = op
            .default_response
            .iter()
            .chain(op.responses.iter().filter(|r| r.is_error()));
        for response in errors {
            if let Some(ResponseBody::Json { ty, .. }) = &response.body
                && !error_models.contains(ty)
            {
                error_models.push(ty.clone());
            }
        }
    }
    let variant_names = naming::error_variant_names(&error_models, |name| {
        models
            .iter()
            .find(|m| m.name == name)
            .map(|m| m.rust_name.clone())
    });
    for (ty, names) in error_models.iter().zip(&variant_names) {
        if let Some((wanted, given)) = names
            && wanted != given
        {
            let first = error_models
                .iter()
                .zip(&variant_names)
                .find(|(_, n)| n.as_ref().is_some_and(|(_, g)| g == wanted))
                .map(|(t, _)| t);
            let here = error_pointer(operations, ty);
            let there = first.map_or_else(|| "#".to_owned(), |t| error_pointer(operations, t));
            warnings.push(crate::ir::Warning {
                file: root_file.to_owned(),
                pointer: here,
                message: format!(
                    "the error body variant `ErrorModel::{wanted}` is taken by the error body of the operation at {there}: this one is `ErrorModel::{given}`"
                ),
            });
        }
    }
    error_models
}

/// The struct models by name.
fn struct_models(models: &[crate::ir::Model]) -> IndexMap<&str, &crate::ir::StructModel> {
    models
        .iter()
        .filter_map(|m| match &m.kind {
            crate::ir::ModelKind::Struct(s) => Some((m.name.as_str(), s)),
            _ => None,
        })
        .collect()
}

/// The pointer of the first operation with an error response whose body is `ty`.
fn error_pointer(operations: &[Operation], ty: &TypeRef) -> String {
    operations
        .iter()
        .find(|op| {
            op.default_response
                .iter()
                .chain(&op.responses)
                .any(|r| matches!(&r.body, Some(ResponseBody::Json { ty: body, .. }) if body == ty))
        })
        .map_or_else(|| "#".to_owned(), |op| op.pointer.clone())
}

/// Adds to `produces` the media types that a polymorphic success model names as its kinds'
/// discriminator values (`x-ms-discriminator-value: application/vnd.oci.image.manifest.v1+json`):
/// a server picks the representation by `Accept`, so the default `Accept` must offer them.
/// `families` keeps each root's media types once found (Graph's `entity` has thousands of
/// descendants and hundreds of operations return one).
fn with_family_media_types<'m>(
    by_name: &IndexMap<&'m str, &'m crate::ir::StructModel>,
    families: &mut IndexMap<&'m str, Vec<String>>,
    responses: &[crate::ir::Response],
    produces: Vec<String>,
) -> Vec<String> {
    let mut family: indexmap::IndexSet<String> = indexmap::IndexSet::new();
    for response in responses.iter().filter(|r| !r.is_error()) {
        let Some(ResponseBody::Json {
            ty: TypeRef::Model { name },
            ..
        }) = &response.body
        else {
            continue;
        };
        // The model, its ancestors, and everything below them; each model once (a diamond of
        // `allOf`s has exponentially many paths).
        let mut stack = vec![name.as_str()];
        let mut ancestors = indexmap::IndexSet::new();
        let mut roots = Vec::new();
        while let Some(n) = stack.pop() {
            if !ancestors.insert(n) {
                continue;
            }
            if let Some((&known, s)) = by_name.get_key_value(n) {
                if s.parents.is_empty() {
                    roots.push(known)
                }
                stack.extend(s.parents.iter().map(String::as_str));
            }
        }
        for root in roots {
            let found = families
                .entry(root)
                .or_insert_with(|| family_media_types(by_name, root));
            family.extend(found.iter().cloned());
        }
    }
    if family.is_empty() {
        return produces;
    }
    family.extend(produces);
    family.into_iter().collect()
}

/// The media types that `root` and everything below it name as discriminator values, in
/// depth-first order, each model once.
fn family_media_types(
    by_name: &IndexMap<&str, &crate::ir::StructModel>,
    root: &str,
) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    let mut seen = indexmap::IndexSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        if let Some(s) = by_name.get(n) {
            stack.extend(s.children.iter().rev().map(String::as_str));
            if let Some(value) = &s.discriminator_value
                && is_media_type(value)
            {
                found.push(value.clone());
            }
        }
    }
    found
}

fn is_media_type(value: &str) -> bool {
    let mut parts = value.splitn(2, '/');
    let (Some(kind), Some(sub)) = (parts.next(), parts.next()) else {
        return false;
    };
    let token = |s: &str| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    token(kind) && token(sub)
}

/// The group and the operation's name in it: `Group_Operation` ids split at the first `_`;
/// otherwise the first tag (or `Default`) and the whole (possibly synthesized) id.
fn group_and_name(draft: &OperationDraft) -> (String, String) {
    if let Some(id) = &draft.operation_id
        && let Some((group, op)) = naming::split_operation_id(id)
    {
        return (group.to_owned(), op.to_owned());
    }
    let group = draft
        .tags
        .first()
        .cloned()
        .unwrap_or_else(|| "Default".to_owned());
    let name = draft
        .operation_id
        .clone()
        .unwrap_or_else(|| naming::synthesized_operation_id(&draft.method, &draft.path));
    (group, name)
}

fn check_duplicate_ids(operations: &[OperationDraft]) -> Result<()> {
    let mut seen: IndexMap<&str, &OperationDraft> = IndexMap::new();
    for op in operations {
        let Some(id) = op.operation_id.as_deref() else {
            continue;
        };
        if let Some(first) = seen.get(id) {
            return Err(op.loc.key("operationId").error(
                ErrorKind::Duplicate,
                format!(
                    "duplicate operationId `{id}`: also used by {} {} at {}",
                    first.method, first.path, first.loc.pointer
                ),
            ));
        }
        seen.insert(id, op);
    }
    Ok(())
}
