//! A real container registry for the end-to-end tests: Docker Distribution 2.8, Debian's
//! `docker-registry` package, one process per [`Registry`], on a free port of 127.0.0.1, with its
//! storage in a temporary directory. `cargo xtask test` installs the package (and `skopeo`, and
//! `htpasswd` from `apache2-utils`) on first use; without it every test that starts a registry
//! fails with a message that says so.
//!
//! ```no_run
//! let registry = tests::registry::Registry::start();
//! let url = registry.url(); // http://127.0.0.1:<port>
//! // ... talk to it; it is killed, waited for and its directory removed on drop.
//! ```
//!
//! An instance starts in well under a second, so every test can have its own.
//! [`Registry::start_with_basic_auth`] starts one that wants HTTP basic credentials
//! (an `htpasswd -Bbn` file). [`skopeo`] runs `skopeo` against either, and [`oci`] has what the
//! tests need to make and read images by hand: digests, tar.gz layers, OCI image layouts.

#[path = "registry/oci.rs"]
pub mod oci;

use std::fmt;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// The realm of the basic-auth instances (`Www-Authenticate: Basic realm="test-realm"`).
pub const REALM: &str = "test-realm";

/// How long a registry may take to answer `GET /v2/` after it was started.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// The response header that tells an instance from any other server on its port: every answer
/// carries it, with the name of the instance's temporary directory as its value.
const INSTANCE_HEADER: &str = "X-E2e-Registry-Instance";

/// How many times a start is retried when the free port was taken in the meantime.
const PORT_ATTEMPTS: usize = 5;

/// A running `docker-registry serve`, stopped (killed and waited for) on drop; its temporary
/// directory (config, storage, htpasswd file, log) is removed after that.
pub struct Registry {
    child: Child,
    addr: SocketAddr,
    credentials: Option<(String, String)>,
    // Declared last: dropped after `Drop::drop` has stopped the process.
    dir: TempDir,
}

impl Registry {
    /// A registry without authentication. Panics (with the registry's log) when it cannot be
    /// started, and with a message to run `cargo xtask test` when `docker-registry` is missing.
    pub fn start() -> Registry {
        Registry::launch(None)
    }

    /// A registry that accepts `user`/`password` with HTTP basic authentication and answers
    /// `401` to anything else (`htpasswd -Bbn user password`: bcrypt is the only hash it takes).
    pub fn start_with_basic_auth(user: &str, password: &str) -> Registry {
        Registry::launch(Some((user.to_owned(), password.to_owned())))
    }

    fn launch(credentials: Option<(String, String)>) -> Registry {
        let program = require("docker-registry", "docker-registry");
        let dir = tempfile::Builder::new()
            .prefix("e2e-registry-")
            .tempdir()
            .unwrap_or_else(|e| panic!("cannot create a temporary directory: {e}"));
        let htpasswd = credentials.as_ref().map(|(user, password)| {
            let path = dir.path().join("htpasswd");
            std::fs::write(&path, htpasswd_line(user, password))
                .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
            path
        });
        let expected = if credentials.is_some() { 401 } else { 200 };
        let token = dir
            .path()
            .file_name()
            .and_then(|n| n.to_str())
            .expect("a UTF-8 temporary directory name")
            .to_owned();
        let config = dir.path().join("config.yml");
        let log_path = dir.path().join("registry.log");
        let mut last_log = String::new();
        for _ in 0..PORT_ATTEMPTS {
            let addr = free_port();
            std::fs::write(
                &config,
                config_yaml(dir.path(), addr, &token, htpasswd.as_deref()),
            )
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", config.display()));
            let log = std::fs::File::create(&log_path)
                .unwrap_or_else(|e| panic!("cannot create {}: {e}", log_path.display()));
            let log_err = log.try_clone().expect("a second handle on the log file");
            let mut child = Command::new(&program)
                .arg("serve")
                .arg(&config)
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .stdout(log)
                .stderr(log_err)
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
            match wait_ready(&mut child, addr, &token, expected, &log_path) {
                Ok(()) => {
                    return Registry {
                        child,
                        addr,
                        credentials,
                        dir,
                    };
                }
                Err(failure) => {
                    stop(&mut child);
                    match failure {
                        Exit::PortTaken(log) => last_log = log,
                        Exit::Failed(why) => panic!("{why}"),
                    }
                }
            }
        }
        panic!(
            "docker-registry found no free port in {PORT_ATTEMPTS} attempts; last log:\n{last_log}"
        )
    }

    /// `http://127.0.0.1:<port>`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:<port>`, as image references want it (`docker://127.0.0.1:5000/app:1`).
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// The port it listens on (on 127.0.0.1 only).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The user name and password it accepts, when it wants authentication.
    pub fn credentials(&self) -> Option<(&str, &str)> {
        self.credentials
            .as_ref()
            .map(|(user, password)| (user.as_str(), password.as_str()))
    }

    /// The value of an `Authorization` header that it accepts (`Basic <base64>`), when it wants
    /// authentication.
    pub fn basic_authorization(&self) -> Option<String> {
        self.credentials().map(|(user, password)| {
            format!("Basic {}", base64(format!("{user}:{password}").as_bytes()))
        })
    }

    /// The temporary directory: `config.yml`, `storage/`, `registry.log`, `htpasswd`.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The storage root (`storage.filesystem.rootdirectory`).
    pub fn storage(&self) -> PathBuf {
        self.dir.path().join("storage")
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the registry wrote to stdout and stderr so far (errors and warnings only).
    pub fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("registry.log")).unwrap_or_default()
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        stop(&mut self.child);
    }
}

impl fmt::Debug for Registry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Registry")
            .field("url", &self.url())
            .field("pid", &self.child.id())
            .field("basic_auth", &self.credentials.is_some())
            .field("dir", &self.dir.path())
            .finish()
    }
}

enum Exit {
    PortTaken(String),
    Failed(String),
}

/// The path of `binary` on `PATH`; panics, saying to run `cargo xtask test` (which installs
/// `package`), when it is missing. The tests never skip silently.
pub fn require(binary: &str, package: &str) -> PathBuf {
    find_on_path(binary).unwrap_or_else(|| {
        panic!(
            "`{binary}` is not on PATH: the registry end-to-end tests need Debian's `{package}` \
             package. Run `cargo xtask test`, which installs it (as root; otherwise it prints the \
             apt-get command), or install it yourself: apt-get install -y {package}"
        )
    })
}

/// `binary` found in one of the `PATH` directories, as an executable file.
pub fn find_on_path(binary: &str) -> Option<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(binary))
        .find(|candidate| {
            std::fs::metadata(candidate)
                .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        })
}

/// One `htpasswd` line made by `htpasswd -Bbn` (bcrypt).
fn htpasswd_line(user: &str, password: &str) -> Vec<u8> {
    let program = require("htpasswd", "apache2-utils");
    let out = Command::new(program)
        .args(["-Bbn", user, password])
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run htpasswd: {e}"));
    assert!(
        out.status.success(),
        "htpasswd -Bbn failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Kills the process (if it still runs) and reaps it.
fn stop(child: &mut Child) {
    if let Ok(None) = child.try_wait() {
        let _ = child.kill();
    }
    let _ = child.wait();
}

/// Waits until `GET /v2/` on `addr` answers `expected`, or the process exits, or time runs out.
fn wait_ready(
    child: &mut Child,
    addr: SocketAddr,
    token: &str,
    expected: u16,
    log_path: &Path,
) -> Result<(), Exit> {
    let log = || std::fs::read_to_string(log_path).unwrap_or_default();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("the registry's status") {
            let log = log();
            if log.contains("address already in use") {
                return Err(Exit::PortTaken(log));
            }
            return Err(Exit::Failed(format!(
                "docker-registry exited ({status}) before it was ready; its log:\n{log}"
            )));
        }
        match probe(addr, token) {
            Some(status) if status == expected => return Ok(()),
            Some(status) => {
                return Err(Exit::Failed(format!(
                    "GET /v2/ on the new registry answered {status}, not {expected}; its log:\n{}",
                    log()
                )));
            }
            None if start.elapsed() > READY_TIMEOUT => {
                return Err(Exit::Failed(format!(
                    "docker-registry did not answer GET /v2/ on {addr} within {READY_TIMEOUT:?}; \
                     its log:\n{}",
                    log()
                )));
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    }
}

/// A port that was free on 127.0.0.1 a moment ago.
fn free_port() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:0: {e}"));
    listener.local_addr().expect("the bound address")
}

/// The registry's configuration. Strings are written as JSON strings, which YAML reads as they
/// are.
fn config_yaml(dir: &Path, addr: SocketAddr, token: &str, htpasswd: Option<&Path>) -> String {
    let quoted = |path: &Path| {
        serde_json::to_string(path.to_str().expect("a UTF-8 temporary path")).expect("a string")
    };
    let mut yaml = format!(
        "version: 0.1\n\
         log:\n  level: warn\n  accesslog:\n    disabled: true\n\
         storage:\n  filesystem:\n    rootdirectory: {storage}\n  delete:\n    enabled: true\n  \
         maintenance:\n    uploadpurging:\n      enabled: false\n\
         http:\n  addr: {addr}\n  secret: e2e-registry-secret\n  \
         headers:\n    {INSTANCE_HEADER}: [{token}]\n",
        storage = quoted(&dir.join("storage")),
        token = serde_json::to_string(token).expect("a string"),
    );
    if let Some(path) = htpasswd {
        yaml.push_str(&format!(
            "auth:\n  htpasswd:\n    realm: {REALM}\n    path: {}\n",
            quoted(path)
        ));
    }
    yaml
}

/// The status of `GET /v2/` on `addr`, or `None` when nothing answers (yet) or when what answers
/// is not the instance with this `token` (another test's registry that got the same port first:
/// then ours fails to bind and is started again on another port).
fn probe(addr: SocketAddr, token: &str) -> Option<u16> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_millis(200)).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
    let request = format!("GET /v2/ HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok()?;
    let mut answer = Vec::new();
    stream.take(64 * 1024).read_to_end(&mut answer).ok()?;
    let answer = String::from_utf8_lossy(&answer);
    let (head, _) = answer.split_once("\r\n\r\n")?;
    let mut lines = head.lines();
    // "HTTP/1.1 200 OK"
    let status = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let ours = lines.any(|line| {
        line.split_once(':').is_some_and(|(name, value)| {
            name.eq_ignore_ascii_case(INSTANCE_HEADER) && value.trim() == token
        })
    });
    ours.then_some(status)
}

/// Standard base64 with padding (for an `Authorization: Basic` value).
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Runs `skopeo --insecure-policy <args>` (no signature policy file is read), with its temporary
/// files in `tmp`, and returns its output; panics with its stderr when it fails, and with a
/// message to run `cargo xtask test` when it is missing.
pub fn skopeo(tmp: &Path, args: &[&str]) -> Output {
    let program = require("skopeo", "skopeo");
    let out = Command::new(program)
        .arg("--insecure-policy")
        .args(args)
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run skopeo: {e}"));
    assert!(
        out.status.success(),
        "skopeo {} failed ({}):\n{}",
        args.join(" "),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(b"user:pass"), "dXNlcjpwYXNz");
    }

    #[test]
    fn config_quotes_paths_and_adds_auth() {
        let addr: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let yaml = config_yaml(
            Path::new("/tmp/a b"),
            addr,
            "e2e-registry-x1",
            Some(Path::new("/tmp/a b/htpasswd")),
        );
        assert!(
            yaml.contains("rootdirectory: \"/tmp/a b/storage\""),
            "{yaml}"
        );
        assert!(yaml.contains("addr: 127.0.0.1:5000"), "{yaml}");
        assert!(yaml.contains("realm: test-realm"), "{yaml}");
        assert!(yaml.contains("path: \"/tmp/a b/htpasswd\""), "{yaml}");
        assert!(
            yaml.contains("X-E2e-Registry-Instance: [\"e2e-registry-x1\"]"),
            "{yaml}"
        );
        assert!(!config_yaml(Path::new("/t"), addr, "t", None).contains("auth:"));
    }
}
