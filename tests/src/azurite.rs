//! Azurite, the Azure Storage emulator, for the storage tests: `azurite@3.37.0` from
//! `tests/npm/` (`cargo xtask test` runs `npm ci` there on first use), one service per
//! [`Azurite`], in memory (`--inMemoryPersistence`, which refuses `--location`), on a free
//! port of 127.0.0.1, its working directory a temporary one, any `x-ms-version` accepted (`--skipApiVersionCheck`). It is
//! killed and waited for on drop.
//!
//! ```no_run
//! use tests::azurite::{Azurite, Service};
//! let blob = Azurite::start(Service::Blob);
//! let url = blob.account_url(); // http://127.0.0.1:<port>/devstoreaccount1
//! ```
//!
//! Requests to private resources must be signed ([`super::shared_key`]) with the emulator's
//! well-known account ([`super::shared_key::DEV_ACCOUNT`], [`super::shared_key::DEV_KEY`]).

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// How long a service may take to accept connections after it was started (about two seconds
/// on an idle machine).
const READY_TIMEOUT: Duration = Duration::from_secs(30);

/// How many times a start is retried when the free port was taken in the meantime.
const PORT_ATTEMPTS: usize = 5;

/// One of the three storage services.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Blob,
    Queue,
    Table,
}

impl Service {
    /// The service's name in Azurite's binaries and options (`azurite-blob`, `--blobPort`).
    fn name(self) -> &'static str {
        match self {
            Service::Blob => "blob",
            Service::Queue => "queue",
            Service::Table => "table",
        }
    }
}

/// A running Azurite service, stopped (killed and waited for) on drop; its temporary directory
/// is removed after that.
pub struct Azurite {
    child: Child,
    addr: SocketAddr,
    service: Service,
    // Declared last: dropped after `Drop::drop` has stopped the process.
    dir: TempDir,
}

impl Azurite {
    /// Starts `service` and waits until it accepts connections. Panics with what went wrong
    /// (Azurite not installed, the process exiting, no answer in time).
    pub fn start(service: Service) -> Azurite {
        let binary = binary(service);
        assert!(
            binary.is_file(),
            "{} is missing: run `cargo xtask test` (or `npm ci` in tests/npm)",
            binary.display()
        );
        let mut last = String::new();
        for _ in 0..PORT_ATTEMPTS {
            let dir = tempfile::tempdir().expect("a temporary directory");
            let addr = free_port();
            let name = service.name();
            let child = Command::new(&binary)
                .arg("--inMemoryPersistence")
                .arg("--skipApiVersionCheck")
                .arg("--silent")
                .args([format!("--{name}Host"), addr.ip().to_string()])
                .args([format!("--{name}Port"), addr.port().to_string()])
                .current_dir(dir.path())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
            let mut azurite = Azurite {
                child,
                addr,
                service,
                dir,
            };
            match azurite.wait_ready() {
                Ok(()) => return azurite,
                Err(why) => last = why,
            }
        }
        panic!("Azurite ({}) did not start: {last}", service.name());
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The well-known account's URL, path-style: `http://127.0.0.1:<port>/devstoreaccount1`
    /// (a generated storage client's `{url}`).
    pub fn account_url(&self) -> String {
        format!("{}/{}", self.url(), super::shared_key::DEV_ACCOUNT)
    }

    /// Which service this is.
    pub fn service(&self) -> Service {
        self.service
    }

    fn wait_ready(&mut self) -> Result<(), String> {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("Azurite's status") {
                let mut stderr = String::new();
                if let Some(mut pipe) = self.child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut pipe, &mut stderr);
                }
                return Err(format!("it exited ({status}): {stderr}"));
            }
            if TcpStream::connect_timeout(&self.addr, Duration::from_millis(200)).is_ok() {
                return Ok(());
            }
            if start.elapsed() > READY_TIMEOUT {
                return Err(format!(
                    "no connection on {} in {READY_TIMEOUT:?}",
                    self.addr
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Azurite {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
    }
}

impl fmt::Debug for Azurite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Azurite")
            .field("service", &self.service)
            .field("url", &self.url())
            .field("pid", &self.child.id())
            .field("dir", &self.dir.path())
            .finish()
    }
}

/// `tests/npm/node_modules/.bin/azurite-<service>`.
fn binary(service: Service) -> PathBuf {
    super::workspace_root()
        .join("tests/npm/node_modules/.bin")
        .join(format!("azurite-{}", service.name()))
}

/// A port of 127.0.0.1 that was free a moment ago.
fn free_port() -> SocketAddr {
    let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap_or_else(|e| panic!("cannot bind 127.0.0.1:0: {e}"));
    listener.local_addr().expect("the bound address")
}
