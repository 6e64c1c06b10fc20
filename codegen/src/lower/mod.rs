//! Documents to the IR. (stub: being written)

use crate::ir::Api;
use crate::resolve::Resolver;
use crate::Result;

/// Lowers the resolver's root document (Swagger 2.0 or OpenAPI 3.x) into the IR.
pub fn lower(resolver: &Resolver) -> Result<Api> {
    let _ = resolver;
    todo!()
}
