//! The AutoRest test server as a child process: `node -r loopback.js cli.js run` on a free port of
//! 127.0.0.1, with its coverage files in a temporary directory, stopped (its process group
//! killed) when dropped.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    child: Child,
    pub base_url: String,
    log: PathBuf,
    _dir: tempfile::TempDir,
}

impl Server {
    /// Starts the server from `suite` (the `tests/conformance` directory) and waits until its
    /// port accepts connections.
    pub fn start(suite: &Path) -> Result<Server, String> {
        let package = suite.join("npm/node_modules/@microsoft.azure/autorest.testserver");
        let cli = package.join("dist/cli/cli.js");
        if !cli.is_file() {
            return Err(format!(
                "the AutoRest test server is not installed ({} is missing): run `cargo xtask \
                 conformance`, which installs it with `npm ci` in tests/conformance/npm",
                cli.display()
            ));
        }
        let port = free_port()?;
        let dir = tempfile::tempdir().map_err(|e| format!("a temporary directory: {e}"))?;
        let log = dir.path().join("server.log");
        let out = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let err = out
            .try_clone()
            .map_err(|e| format!("{}: {e}", log.display()))?;
        let mut command = Command::new("node");
        command
            .arg("-r")
            .arg(suite.join("loopback.js"))
            .arg(&cli)
            .arg("run")
            .arg(format!("--port={port}"))
            .args(["--appendCoverage", "false", "--coverageDirectory"])
            .arg(dir.path().join("coverage"))
            .current_dir(&package)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let child = command
            .spawn()
            .map_err(|e| format!("cannot start node (is Node.js installed?): {e}"))?;
        let server = Server {
            child,
            base_url: format!("http://127.0.0.1:{port}"),
            log,
            _dir: dir,
        };
        server.wait_until_ready(port)?;
        Ok(server)
    }

    fn wait_until_ready(&self, port: u16) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Err(format!(
            "the test server did not listen on 127.0.0.1:{port} within 60 s; its log:\n{}",
            std::fs::read_to_string(&self.log).unwrap_or_default()
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let group = i32::try_from(self.child.id()).unwrap_or(0);
        if group > 0 {
            // SAFETY: kill(2) with a negative pid signals the process group we created.
            unsafe {
                libc::kill(-group, libc::SIGTERM);
            }
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind(("127.0.0.1", 0))
        .and_then(|listener| listener.local_addr())
        .map(|addr| addr.port())
        .map_err(|e| format!("no free port on 127.0.0.1: {e}"))
}
