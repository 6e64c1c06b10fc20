//! `cargo check` of many generated crates at once: one workspace whose members are the sampled
//! crates, one target directory, so that dependencies build once. Warnings count as failures
//! (read from cargo's JSON messages, which cargo replays for crates it does not rebuild).

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// What `cargo check` said about one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    Compiled,
    /// The first error or warning, on one line.
    Failed(String),
}

/// Writes `workspace/Cargo.toml` listing `members` (folder names under `workspace`), starting
/// from the repository's lock file so that the cached dependency versions are used.
pub fn write_workspace(workspace: &Path, members: &[String], lock: &Path) -> Result<(), String> {
    let list: Vec<String> = members.iter().map(|m| format!("    {m:?},\n")).collect();
    let manifest = format!(
        "# Written by `cargo xtask corpus`.\n[workspace]\nresolver = \"3\"\nmembers = [\n{}]\n",
        list.concat()
    );
    let path = workspace.join("Cargo.toml");
    fs::write(&path, manifest).map_err(|e| format!("{}: {e}", path.display()))?;
    let target_lock = workspace.join("Cargo.lock");
    if !target_lock.exists() && lock.exists() {
        fs::copy(lock, &target_lock).map_err(|e| format!("{}: {e}", target_lock.display()))?;
    }
    Ok(())
}

/// Runs `cargo check` over the workspace (offline first, online if something is not cached) and
/// returns each member's result, by member folder name.
pub fn check(
    workspace: &Path,
    members: &[String],
    target_dir: &Path,
) -> Result<BTreeMap<String, Check>, String> {
    let (mut status, mut messages, mut stderr) = cargo_check(workspace, target_dir, true)?;
    if !status && stderr.contains("--offline") {
        eprintln!("corpus: `cargo check` needs the network; retrying online");
        (status, messages, stderr) = cargo_check(workspace, target_dir, false)?;
    }
    let mut results: BTreeMap<String, Check> = BTreeMap::new();
    let dirs: Vec<(PathBuf, &String)> = members
        .iter()
        .map(|m| (canonical(&workspace.join(m)), m))
        .collect();
    let mut built: BTreeMap<String, bool> = BTreeMap::new();
    for message in messages {
        let Some(manifest) = message.get("manifest_path").and_then(Value::as_str) else {
            continue;
        };
        let Some((_, member)) = dirs
            .iter()
            .find(|(dir, _)| Path::new(manifest).starts_with(dir))
        else {
            continue;
        };
        match message.get("reason").and_then(Value::as_str) {
            Some("compiler-message") => {
                if let Some(line) = diagnostic_line(&message) {
                    results
                        .entry((*member).clone())
                        .or_insert(Check::Failed(line));
                }
            }
            Some("compiler-artifact") => {
                built.insert((*member).clone(), true);
            }
            _ => {}
        }
    }
    let cargo_error = first_error(&stderr);
    for member in members {
        if results.contains_key(member) {
            continue;
        }
        let result = if built.contains_key(member) {
            Check::Compiled
        } else if status {
            Check::Failed("cargo built nothing for this crate".into())
        } else {
            Check::Failed(format!("cargo failed: {cargo_error}"))
        };
        results.insert(member.clone(), result);
    }
    Ok(results)
}

fn canonical(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

type CargoRun = (bool, Vec<Value>, String);

fn cargo_check(workspace: &Path, target_dir: &Path, offline: bool) -> Result<CargoRun, String> {
    let mut command = Command::new(crate::cargo());
    // Incremental data is useless for crates checked once and takes gigabytes for a corpus.
    command
        .current_dir(workspace)
        .env("CARGO_TARGET_DIR", target_dir)
        .env("CARGO_INCREMENTAL", "0");
    if offline {
        command.arg("--offline");
    }
    command
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--message-format=json",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command
        .spawn()
        .map_err(|e| format!("cannot run cargo check: {e}"))?;
    let mut stderr_pipe = child.stderr.take().ok_or("cargo check: no stderr")?;
    // Read stderr on its own thread so that neither pipe fills up and blocks cargo.
    let stderr_thread = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr_pipe.read_to_string(&mut text);
        text
    });
    let stdout = child.stdout.take().ok_or("cargo check: no stdout")?;
    let mut messages = Vec::new();
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("cargo check output: {e}"))?;
        if let Ok(value) = serde_json::from_str::<Value>(&line) {
            messages.push(value);
        }
    }
    let status = child
        .wait()
        .map_err(|e| format!("waiting for cargo check: {e}"))?;
    let stderr = stderr_thread.join().unwrap_or_default();
    Ok((status.success(), messages, stderr))
}

/// The first line of an error or warning message (with its location), or `None` for notes and
/// for the closing "N warnings emitted" / "aborting due to" summaries.
fn diagnostic_line(message: &Value) -> Option<String> {
    let diagnostic = message.get("message")?;
    let level = diagnostic.get("level")?.as_str()?;
    if !matches!(level, "error" | "warning") {
        return None;
    }
    let spans = diagnostic.get("spans")?.as_array()?;
    let text = diagnostic.get("message")?.as_str()?;
    let Some(span) = spans
        .iter()
        .find(|s| s["is_primary"] == true)
        .or(spans.first())
    else {
        // Location-less: summaries, or a lint-level error (`-D warnings` reasons) worth keeping.
        let summary = text.starts_with("aborting due to")
            || text.contains("warnings emitted")
            || text.contains("warning emitted");
        return (!summary).then(|| format!("{level}: {text}"));
    };
    Some(format!(
        "{}:{}:{}: {level}: {text}",
        span["file_name"].as_str().unwrap_or("?"),
        span["line_start"],
        span["column_start"],
    ))
}

fn first_error(stderr: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("error"))
        .or_else(|| stderr.lines().rev().find(|l| !l.trim().is_empty()));
    line.unwrap_or("(no output)").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diagnostics_keep_their_location_and_skip_summaries() {
        let error = json!({"message": {"level": "error", "message": "cannot find type `Foo`",
            "spans": [{"is_primary": true, "file_name": "src/lib.rs", "line_start": 3,
                       "column_start": 7}]}});
        assert_eq!(
            diagnostic_line(&error).unwrap(),
            "src/lib.rs:3:7: error: cannot find type `Foo`"
        );
        let summary = json!({"message": {"level": "warning",
            "message": "2 warnings emitted", "spans": []}});
        assert_eq!(diagnostic_line(&summary), None);
        let note = json!({"message": {"level": "note", "message": "x", "spans": []}});
        assert_eq!(diagnostic_line(&note), None);
    }
}
