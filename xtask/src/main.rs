//! `cargo xtask`: this repository's automation (generate, check, test), in Rust.
//!
//! `cargo xtask` is an alias (`.cargo/config.toml`) for `cargo run --package xtask --`. Commands
//! that read `specs/manifest.json` run from the repository root whatever the current directory;
//! paths given on the command line are taken relative to the current directory.

mod baseline;
mod check;
mod conformance;
mod corpus;
mod diff;
mod files;
mod generate;
mod manifest;
mod prereq;
mod suite;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask")]
/// Generates the Rust client crates in generated/ from the specs in specs/, checks them, and
/// runs the test suite.
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate every crate of specs/manifest.json into generated/, or, with --spec and
    /// --out, one spec into any directory
    Generate(GenerateArgs),
    /// Check that generated/ is what `generate` would write, and that no spec has a breaking
    /// change to its public API that its baseline (specs/baselines/) has not accepted (exit 1
    /// with diffs and reports if not)
    Check,
    /// Compare two API documents by their effect on the generated Rust API (exit 1 when
    /// --fail-on is met, 2 when an input cannot be read)
    Diff(diff::DiffArgs),
    /// Show how each spec differs from its baseline, or accept its current public API
    Baseline(baseline::BaselineArgs),
    /// Print a spec's intermediate representation as JSON
    Ir {
        /// The spec (Swagger 2.0 or OpenAPI 3.x, JSON or YAML)
        path: PathBuf,
        /// An OpenAPI Overlay 1.0 document to apply to the spec first. May be repeated (applied
        /// in order)
        #[arg(long, value_name = "FILE")]
        overlay: Vec<PathBuf>,
        /// Let `$ref`s reach files anywhere under DIR [default: the spec's directory]
        #[arg(long, value_name = "DIR")]
        ref_root: Option<PathBuf>,
        /// Also read the operations' examples (`operations[].examples`)
        #[arg(long)]
        examples: bool,
        #[command(flatten)]
        filter: generate::FilterArgs,
    },
    /// Run the whole test suite, installing what the tests need on first use
    Test {
        /// Passed to the test binaries (a test name filter, --nocapture, ...)
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Run the AutoRest test-server conformance suite (tests/conformance/): generate and build a
    /// client per swagger file, run one test per scenario, print the coverage table
    Conformance {
        /// Passed to the harness: only the scenarios whose test name contains this
        #[arg(last = true)]
        args: Vec<String>,
    },
    /// Print the package names of the generated crates (manifest entries with
    /// `generated: true`), one per line
    Crates,
    /// Generate every spec of a corpus list (each in a child process), `cargo check` a sample
    /// of the crates, and compare the failures with the list's expected failures
    Corpus(corpus::CorpusArgs),
    /// One corpus spec into one crate folder (what `corpus` runs in a child process)
    #[command(hide = true)]
    CorpusOne(corpus::OneArgs),
}

#[derive(Args)]
struct GenerateArgs {
    /// Generate this spec instead of the manifest's
    #[arg(long, value_name = "PATH", requires = "out")]
    spec: Option<PathBuf>,
    /// The crate directory to write (replaced whole, and only if empty or generated)
    #[arg(long, value_name = "DIR", requires = "spec")]
    out: Option<PathBuf>,
    /// The crate name [default: from the spec's file name]
    #[arg(long, value_name = "CRATE", requires = "spec")]
    name: Option<String>,
    /// The crate version [default: 0.1.0]
    #[arg(long, value_name = "V", requires = "spec")]
    version: Option<String>,
    /// An OpenAPI Overlay 1.0 document to apply to the spec before it is lowered. May be
    /// repeated (applied in order)
    #[arg(long, value_name = "FILE", requires = "spec")]
    overlay: Vec<PathBuf>,
    /// Let `$ref`s reach files anywhere under DIR [default: the spec's directory]
    #[arg(long, value_name = "DIR", requires = "spec")]
    ref_root: Option<PathBuf>,
    /// Depend on the runtime crate `restwire` at DIR (a path dependency, written relative to
    /// the crate) instead of copying the runtime into the crate [default: copied (vendored), so
    /// that the crate builds with nothing unpublished]
    #[arg(long, value_name = "DIR", requires = "spec")]
    runtime_path: Option<PathBuf>,
    #[command(flatten)]
    filter: generate::FilterArgs,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<ExitCode, String> {
    let root = project_root();
    match command {
        Command::Generate(GenerateArgs {
            spec: Some(spec),
            out: Some(out),
            name,
            version,
            overlay,
            ref_root,
            runtime_path,
            filter,
        }) => {
            generate::one(
                &root,
                generate::One {
                    spec,
                    out,
                    name,
                    version,
                    overlays: overlay,
                    ref_root,
                    runtime_path,
                    filter: filter.into_filter(),
                },
            )?;
        }
        Command::Generate(GenerateArgs { filter, .. }) if !filter.is_empty() => {
            return Err(
                "the --include-* and --exclude-* options need --spec and --out (a manifest \
                 entry takes its filter from its `include` and `exclude` fields)"
                    .into(),
            );
        }
        Command::Generate(_) => {
            let root = enter_root(&root)?;
            generate::all(&root)?;
            baseline::after_generate(&root)?;
        }
        Command::Check => return check::run(&enter_root(&root)?),
        Command::Diff(args) => return Ok(diff::run(&args)),
        Command::Baseline(args) => return baseline::run(&enter_root(&root)?, &args),
        Command::Ir {
            path,
            overlay,
            ref_root,
            examples,
            filter,
        } => {
            let load = generate::load_options(ref_root, overlay)
                .with_examples(examples)
                .with_filter(filter.into_filter());
            let api = codegen::load_api_with(&path, &load).map_err(|e| e.to_string())?;
            for warning in codegen::describe_warnings(&api.warnings) {
                eprintln!("warning: {warning}");
            }
            let json = serde_json::to_string_pretty(&api)
                .map_err(|e| format!("cannot print the IR as JSON: {e}"))?;
            print_stdout(&json)?;
        }
        Command::Corpus(args) => return corpus::run(&root, &args),
        Command::CorpusOne(args) => return Ok(corpus::one(&args)),
        Command::Test { args } => return suite::run(&root, &args),
        Command::Conformance { args } => return conformance::run(&root, &args),
        Command::Crates => {
            let manifest = manifest::load(&enter_root(&root)?)?;
            let names: Vec<&str> = manifest.generated().map(|e| e.name.as_str()).collect();
            print_stdout(&names.join("\n"))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Prints `text` and a newline; a closed pipe (`cargo xtask ir x | head`) is not an error.
fn print_stdout(text: &str) -> Result<(), String> {
    let mut stdout = std::io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(format!("stdout: {e}")),
        _ => Ok(()),
    }
}

/// The repository root: the parent of this crate's directory.
pub(crate) fn project_root() -> PathBuf {
    let xtask_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    xtask_dir.parent().unwrap_or(xtask_dir).to_path_buf()
}

/// Makes the repository root the current directory and returns the path to use for it (empty,
/// so that messages name `specs/...` and `generated/...`).
fn enter_root(root: &Path) -> Result<PathBuf, String> {
    std::env::set_current_dir(root).map_err(|e| format!("{}: {e}", root.display()))?;
    Ok(PathBuf::new())
}

/// The cargo that runs us (`$CARGO`), or `cargo`.
fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}
