//! Generating one spec in a child process, so that a crash (a panic, a stack overflow) or a hang
//! is reported as such instead of taking the whole run down.

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The exit code `corpus-one` uses for a clear refusal (an error message, no crash).
pub const REFUSED: i32 = 3;

/// What generating one spec came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Generation {
    Generated,
    /// The generator refused the spec with this message (its first line).
    Refused(String),
    /// The child died: a panic, a signal (stack overflow aborts), an unexpected exit code.
    Crashed(String),
    /// Killed after the timeout.
    Hung(Duration),
}

/// Runs `command` (whose stderr is captured) and kills it after `timeout`.
pub fn run(mut command: Command, scratch: &Path, timeout: Duration) -> Generation {
    let log_path = scratch.join("stderr.log");
    let log = match File::create(&log_path) {
        Ok(file) => file,
        Err(e) => return Generation::Crashed(format!("{}: {e}", log_path.display())),
    };
    command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log);
    let mut child = match command.spawn() {
        Ok(child) => child,
        Err(e) => return Generation::Crashed(format!("cannot start {command:?}: {e}")),
    };
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() >= timeout => {
                // Kill this child only (its id), then reap it.
                let _ = child.kill();
                let _ = child.wait();
                return Generation::Hung(timeout);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Generation::Crashed(format!("waiting for the child: {e}")),
        }
    };
    let mut stderr = String::new();
    let _ = File::open(&log_path).and_then(|mut f| f.read_to_string(&mut stderr));
    classify(status, &stderr)
}

fn classify(status: ExitStatus, stderr: &str) -> Generation {
    let first = first_line(stderr);
    match status.code() {
        Some(0) => Generation::Generated,
        Some(REFUSED) => Generation::Refused(first),
        Some(code) => Generation::Crashed(format!("exit code {code}: {}", panic_line(stderr))),
        None => Generation::Crashed(format!("{status}: {}", last_line(stderr))),
    }
}

/// The first non-empty line, without the `error: ` prefix.
fn first_line(text: &str) -> String {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    line.strip_prefix("error: ")
        .unwrap_or(line)
        .trim()
        .to_string()
}

fn last_line(text: &str) -> String {
    let line = text.lines().rev().find(|l| !l.trim().is_empty());
    line.unwrap_or("(no output)").trim().to_string()
}

/// A panic's message line (`thread 'main' panicked at ...:` is followed by the message).
fn panic_line(text: &str) -> String {
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line.contains("panicked at") {
            let message = lines.next().unwrap_or("").trim();
            return format!("{} {message}", line.trim());
        }
    }
    last_line(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Command {
        let mut command = Command::new("sh");
        command.args(["-c", script]);
        command
    }

    #[test]
    fn exit_codes_signals_and_timeouts_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let long = Duration::from_secs(30);
        assert_eq!(run(sh("exit 0"), dir.path(), long), Generation::Generated);
        assert_eq!(
            run(
                sh("echo 'error: a.json: bad' >&2; exit 3"),
                dir.path(),
                long
            ),
            Generation::Refused("a.json: bad".into())
        );
        let panic = "echo \"thread 'main' panicked at src/x.rs:1:2:\" >&2; echo boom >&2; exit 101";
        assert_eq!(
            run(sh(panic), dir.path(), long),
            Generation::Crashed(
                "exit code 101: thread 'main' panicked at src/x.rs:1:2: boom".into()
            )
        );
        let Generation::Crashed(message) = run(sh("kill -ABRT $$"), dir.path(), long) else {
            panic!("a signal is a crash");
        };
        assert!(message.contains("signal: 6"), "{message}");
        let start = Instant::now();
        let short = Duration::from_millis(200);
        assert_eq!(
            run(sh("sleep 20"), dir.path(), short),
            Generation::Hung(short)
        );
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the child was killed"
        );
    }
}
