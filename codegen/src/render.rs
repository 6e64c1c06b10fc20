//! Tokens and templates to file contents. (stub: being written)

use crate::ir::Api;
use crate::{CrateOptions, GeneratedFile, Result};

/// Renders every file of the generated crate for `api`.
pub fn render_crate(api: &Api, options: &CrateOptions) -> Result<Vec<GeneratedFile>> {
    let _ = (api, options);
    todo!()
}
