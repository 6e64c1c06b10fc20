//! What the test suite needs beyond cargo, installed on first use by `cargo xtask test`.
//!
//! Three kinds: Debian packages (found by one binary each, installed with `apt-get` when running
//! as root), npm packages (installed with `npm ci` from the lockfile of their directory), and
//! cargo tools (installed with `cargo install --locked`).

use std::path::Path;
use std::process::{Command, Stdio};

/// A Debian package, and the binary on `PATH` that shows it is installed.
pub struct AptPackage {
    pub package: &'static str,
    pub binary: &'static str,
}

/// The Debian packages the tests need: the registry end-to-end and interop tests
/// (`tests/tests/e2e_*.rs`, `tests/tests/interop_*.rs`, harness in `tests/src/registry.rs`) run
/// Docker Distribution (`docker-registry`), copy images with `skopeo`, and make the basic-auth
/// password file with `htpasswd -Bbn` (from `apache2-utils`).
pub const APT: &[AptPackage] = &[
    AptPackage {
        package: "docker-registry",
        binary: "docker-registry",
    },
    AptPackage {
        package: "skopeo",
        binary: "skopeo",
    },
    AptPackage {
        package: "apache2-utils",
        binary: "htpasswd",
    },
];

/// An npm package, the directory (relative to the repository root) whose `package.json` and
/// `package-lock.json` pin it, and the file (relative to that directory) that shows it is
/// installed.
pub struct NpmPackage {
    pub package: &'static str,
    pub dir: &'static str,
    pub installed: &'static str,
}

/// The npm packages the tests need: Prism, the validating mock server of the OpenAPI 3.1
/// contract test (`tests/tests/contract_prism.rs`), and Azurite, the Azure Storage emulator
/// (`tests/src/azurite.rs`), pinned in `tests/npm/`, and the AutoRest
/// test server of the conformance suite (`tests/conformance/`), pinned in
/// `tests/conformance/npm/`. When one is missing, `npm ci` runs in its directory.
pub const NPM: &[NpmPackage] = &[
    NpmPackage {
        package: "@stoplight/prism-cli",
        dir: "tests/npm",
        installed: "node_modules/.bin/prism",
    },
    NpmPackage {
        package: "azurite",
        dir: "tests/npm",
        installed: "node_modules/.bin/azurite-blob",
    },
    NpmPackage {
        package: "@microsoft.azure/autorest.testserver",
        dir: "tests/conformance/npm",
        installed: "node_modules/@microsoft.azure/autorest.testserver/dist/cli/cli.js",
    },
];

/// Installs whatever of [`APT`], [`NPM`] and cargo-insta is missing.
pub fn ensure_all(root: &Path) -> Result<(), String> {
    ensure_apt(&missing_apt(APT, on_path))?;
    ensure_npm(root)?;
    ensure_cargo_insta()
}

/// The packages whose binary is not found. Pure, given `found`.
pub fn missing_apt(packages: &[AptPackage], found: impl Fn(&str) -> bool) -> Vec<&AptPackage> {
    packages.iter().filter(|p| !found(p.binary)).collect()
}

fn ensure_apt(missing: &[&AptPackage]) -> Result<(), String> {
    let Some(first) = missing.first() else {
        return Ok(());
    };
    let names: Vec<&str> = missing.iter().map(|p| p.package).collect();
    let wanted = format!("`{}` (no `{}` on PATH)", first.package, first.binary);
    if !is_root() {
        return Err(format!(
            "the tests need Debian packages that are missing, starting with {wanted}; install \
             them with: sudo apt-get update && sudo apt-get install -y {}",
            names.join(" ")
        ));
    }
    eprintln!("installing Debian packages: {}", names.join(" "));
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "--no-install-recommends"])
        .args(&names)
        .env("DEBIAN_FRONTEND", "noninteractive"))?;
    let still: Vec<&str> = missing
        .iter()
        .filter(|p| !on_path(p.binary))
        .map(|p| p.binary)
        .collect();
    if still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "installed, but still not on PATH: {}",
            still.join(" ")
        ))
    }
}

pub fn ensure_npm(root: &Path) -> Result<(), String> {
    let missing = missing_npm(NPM, |path| root.join(path).is_file());
    // One `npm ci` per directory, in the order of first need.
    let mut dirs: Vec<&str> = Vec::new();
    for p in &missing {
        if !dirs.contains(&p.dir) {
            dirs.push(p.dir);
        }
    }
    for dir in dirs {
        let names: Vec<&str> = missing
            .iter()
            .filter(|p| p.dir == dir)
            .map(|p| p.package)
            .collect();
        let lock = root.join(dir).join("package-lock.json");
        if !lock.is_file() {
            return Err(format!(
                "the tests need npm packages ({}) but {} is missing",
                names.join(" "),
                lock.display()
            ));
        }
        if !on_path("npm") {
            return Err(format!(
                "the tests need npm packages ({}) but `npm` is not on PATH; install Node.js and \
                 npm (on Debian: apt-get install -y npm)",
                names.join(" ")
            ));
        }
        eprintln!(
            "installing npm packages from {dir}/package-lock.json: {}",
            names.join(" ")
        );
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(root.join(dir)))?;
    }
    let still: Vec<&str> = missing_npm(NPM, |path| root.join(path).is_file())
        .iter()
        .map(|p| p.package)
        .collect();
    if still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "`npm ci` ran, but still missing: {}",
            still.join(" ")
        ))
    }
}

/// The npm packages whose `installed` file is not found (`found` gets the path relative to the
/// repository root). Pure, given `found`.
pub fn missing_npm(packages: &[NpmPackage], found: impl Fn(&str) -> bool) -> Vec<&NpmPackage> {
    packages
        .iter()
        .filter(|p| !found(&format!("{}/{}", p.dir, p.installed)))
        .collect()
}

fn ensure_cargo_insta() -> Result<(), String> {
    let works = Command::new(crate::cargo())
        .args(["insta", "--version"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if works {
        return Ok(());
    }
    eprintln!("installing cargo-insta (first use; this compiles it, a few minutes)");
    run(Command::new(crate::cargo()).args(["install", "cargo-insta", "--locked"]))
}

/// `command -v <binary>`, as the shell sees it.
fn on_path(binary: &str) -> bool {
    Command::new("sh")
        .args(["-c", "command -v \"$1\"", "sh", binary])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed: {status}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_packages_whose_binary_is_missing() {
        let packages = [
            AptPackage {
                package: "apache2-utils",
                binary: "htpasswd",
            },
            AptPackage {
                package: "skopeo",
                binary: "skopeo",
            },
        ];
        let missing = missing_apt(&packages, |binary| binary == "skopeo");
        let names: Vec<&str> = missing.iter().map(|p| p.package).collect();
        assert_eq!(names, ["apache2-utils"]);
        assert!(missing_apt(&packages, |_| true).is_empty());
    }

    #[test]
    fn finds_the_npm_packages_whose_file_is_missing() {
        let missing = missing_npm(NPM, |_| false);
        assert_eq!(missing.len(), NPM.len());
        let prism = missing
            .iter()
            .find(|p| p.package == "@stoplight/prism-cli")
            .expect("Prism is an npm prerequisite");
        assert_eq!(prism.dir, "tests/npm");
        let seen = std::cell::RefCell::new(Vec::new());
        let none = missing_npm(NPM, |path| {
            seen.borrow_mut().push(path.to_owned());
            true
        });
        assert!(none.is_empty());
        assert!(
            seen.borrow()
                .contains(&"tests/npm/node_modules/.bin/prism".to_owned())
        );
    }

    /// Each npm directory has the lockfile that `npm ci` needs, and its `package.json` pins
    /// each package to an exact version.
    #[test]
    fn npm_packages_are_pinned_in_a_committed_lockfile() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("the repository root");
        for p in NPM {
            let dir = root.join(p.dir);
            assert!(dir.join("package-lock.json").is_file(), "{}", p.dir);
            let manifest = std::fs::read_to_string(dir.join("package.json")).expect("package.json");
            let json: serde_json::Value = serde_json::from_str(&manifest).expect("JSON");
            let version = json["devDependencies"][p.package]
                .as_str()
                .or_else(|| json["dependencies"][p.package].as_str())
                .unwrap_or_else(|| panic!("{} does not list {}", p.dir, p.package));
            assert!(
                version.chars().all(|c| c.is_ascii_digit() || c == '.'),
                "{}: `{version}` is not an exact version",
                p.package
            );
        }
    }

    #[test]
    fn command_v_finds_sh() {
        assert!(on_path("sh"));
        assert!(!on_path("surely-no-such-binary-xtask"));
    }
}
