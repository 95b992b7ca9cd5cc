//! Access to the knowledge files under `data/`.
//!
//! Every stage compiles its data files into the binary (`include_str!`) and
//! reads them through [`text`], which lets a user override any file without a
//! rebuild: set `DEMARCHE_DATA` (or `demarche --data DIR`) to a folder laid out
//! like `data/`; a file found there replaces the compiled-in one.

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;

static OVERRIDE_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Sets the override folder. Only the first call counts (before any stage loads its data).
pub fn set_override_dir(dir: Option<PathBuf>) {
    let _ = OVERRIDE_DIR.set(dir);
}

fn override_dir() -> Option<&'static PathBuf> {
    OVERRIDE_DIR
        .get_or_init(|| std::env::var_os("DEMARCHE_DATA").map(PathBuf::from))
        .as_ref()
}

/// The contents of data file `rel` (e.g. "text/abbreviations.tsv"): the user's
/// copy when the override folder has one, else the compiled-in `embedded` text.
/// An unreadable override is reported once on stderr and the embedded copy used.
pub fn text(rel: &str, embedded: &'static str) -> Cow<'static, str> {
    if let Some(dir) = override_dir() {
        let path = dir.join(rel);
        if path.exists() {
            match std::fs::read_to_string(&path) {
                Ok(s) => return Cow::Owned(s),
                Err(e) => eprintln!("demarche: {}: {e}; using the built-in copy", path.display()),
            }
        }
    }
    Cow::Borrowed(embedded)
}

/// Non-empty, non-comment lines of a TSV/list data file, split on tabs.
pub fn rows(contents: &str) -> impl Iterator<Item = Vec<&str>> {
    contents
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}
