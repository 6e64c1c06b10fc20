//! What the test suite needs beyond cargo, installed on first use by `cargo xtask test`.
//!
//! Three kinds: Debian packages (found by one binary each, installed with `apt-get` when running
//! as root), npm packages (installed with `npm ci` from the lockfile at the repository root), and
//! cargo tools (installed with `cargo install --locked`).

use std::path::Path;
use std::process::{Command, Stdio};

/// A Debian package, and the binary on `PATH` that shows it is installed.
pub struct AptPackage {
    pub package: &'static str,
    pub binary: &'static str,
}

/// The Debian packages the tests need. None yet: the registry end-to-end tests (a later issue)
/// will add
/// `AptPackage { package: "docker-registry", binary: "docker-registry" }`,
/// `AptPackage { package: "skopeo", binary: "skopeo" }` and
/// `AptPackage { package: "apache2-utils", binary: "htpasswd" }`.
pub const APT: &[AptPackage] = &[];

/// The npm packages the tests need, each checked at `node_modules/<name>/package.json`. None yet:
/// a later issue adds `@stoplight/prism-cli` and `@microsoft.azure/autorest.testserver`, together
/// with a `package.json` and `package-lock.json` at the repository root that pin them
/// (`node_modules/` is already git-ignored). The hook below then runs `npm ci` on first use.
pub const NPM: &[&str] = &[];

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

fn ensure_npm(root: &Path) -> Result<(), String> {
    let missing: Vec<&str> = NPM
        .iter()
        .copied()
        .filter(|name| {
            !root
                .join("node_modules")
                .join(name)
                .join("package.json")
                .is_file()
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if !root.join("package-lock.json").is_file() {
        return Err("the tests need npm packages but package-lock.json is missing".to_string());
    }
    if !on_path("npm") {
        return Err(format!(
            "the tests need npm packages ({}) but `npm` is not on PATH; install Node.js and npm \
             (on Debian: apt-get install -y npm)",
            missing.join(" ")
        ));
    }
    eprintln!(
        "installing npm packages from package-lock.json: {}",
        missing.join(" ")
    );
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(root))
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
    fn command_v_finds_sh() {
        assert!(on_path("sh"));
        assert!(!on_path("surely-no-such-binary-xtask"));
    }
}
