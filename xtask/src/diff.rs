//! `cargo xtask diff <OLD> <NEW>`: what changed between two API documents (any mix of Swagger 2.0
//! and OpenAPI 3.x, or a baseline from `specs/baselines/`), judged by its effect on the generated
//! Rust API. The engine is `codegen::diff`; this is the command around it.
//!
//! Exit codes: 0, or 1 when `--fail-on` is met; 2 when an input cannot be read or lowered.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use codegen::diff::{self, Severity};

use crate::baseline;

#[derive(Args)]
pub struct DiffArgs {
    /// The old document (Swagger 2.0 or OpenAPI 3.x, JSON or YAML), or a baseline
    /// (specs/baselines/<crate>.json)
    old: PathBuf,
    /// The new document, or a baseline
    new: PathBuf,
    /// How to print the report
    #[arg(long, value_enum, default_value_t = Format::Markdown)]
    format: Format,
    /// Exit 1 when the report has a breaking change (`breaking`) or any change at all (`any`)
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// For people: counts, removed operations with their requests and responses, changes by area
    Markdown,
    /// For tools: `operations`, `changes` and `summary` (see README.md)
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    /// A breaking change
    Breaking,
    /// Any change, info included
    Any,
}

/// Exit code for an input that cannot be read or lowered.
const UNREADABLE: u8 = 2;

pub fn run(args: &DiffArgs) -> ExitCode {
    let load =
        |path: &PathBuf| baseline::load_surface(path).inspect_err(|e| eprintln!("error: {e}"));
    let (Ok(old), Ok(new)) = (load(&args.old), load(&args.new)) else {
        return ExitCode::from(UNREADABLE);
    };
    let report = diff::diff_surfaces(&old, &new).with_sources(
        codegen::display_path(&args.old),
        codegen::display_path(&args.new),
    );
    let text = match args.format {
        Format::Markdown => report.to_markdown(),
        Format::Json => report.to_json(),
    };
    if let Err(e) = crate::print_stdout(text.trim_end()) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let failed = match args.fail_on {
        None => false,
        Some(FailOn::Breaking) => report.has_at_least(Severity::Breaking),
        Some(FailOn::Any) => !report.is_empty(),
    };
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
