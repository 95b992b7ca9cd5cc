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

/// The contents of TOML settings file `rel`, with the user's copy laid over the
/// compiled-in one: a key the user's file sets replaces the built-in value (a table is
/// merged key by key, a list replaced whole), and every key it leaves out keeps the
/// built-in value, so a one-line file can turn one setting. A user's file that is not
/// TOML is reported on stderr and the built-in copy used.
pub fn toml_text(rel: &str, embedded: &'static str) -> Cow<'static, str> {
    let user = text(rel, embedded);
    if matches!(user, Cow::Borrowed(_)) {
        return user;
    }
    match layered(embedded, &user) {
        Ok(merged) => Cow::Owned(merged),
        Err(e) => {
            let path = override_dir().map_or_else(|| rel.into(), |d| d.join(rel));
            eprintln!("demarche: {}: {e}; using the built-in copy", path.display());
            Cow::Borrowed(embedded)
        }
    }
}

/// `top` laid over `base` (both TOML documents), as a TOML document.
pub fn layered(base: &str, top: &str) -> Result<String, String> {
    let mut base: toml::Table = base.parse().map_err(|e| format!("built-in copy: {e}"))?;
    let top: toml::Table = top.parse().map_err(|e| toml_error(&e))?;
    merge(&mut base, top);
    toml::to_string(&base).map_err(|e| e.to_string())
}

/// A TOML error on one line: the parser's message spans several (a drawing of the spot).
pub fn toml_error(e: &toml::de::Error) -> String {
    let text = e.to_string();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default().to_string();
    match lines.next_back() {
        Some(last) if !last.starts_with('|') && !last.starts_with('^') => {
            format!("{first}: {last}")
        }
        _ => first,
    }
}

fn merge(base: &mut toml::Table, top: toml::Table) {
    for (key, value) in top {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(t)) => merge(b, t),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

/// Non-empty, non-comment lines of a TSV/list data file, split on tabs.
pub fn rows(contents: &str) -> impl Iterator<Item = Vec<&str>> {
    contents
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .map(|l| l.split('\t').map(str::trim).collect())
}

#[cfg(test)]
mod tests {
    use super::layered;

    #[test]
    fn a_user_setting_replaces_only_its_own_key() {
        let base = "[content]\nbeliefs = false\nmin_words = 3\n[speaker]\nmax_words = 9\n";
        let merged: toml::Table = layered(base, "[content]\nbeliefs = true\n")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(merged["content"]["beliefs"].as_bool(), Some(true));
        assert_eq!(merged["content"]["min_words"].as_integer(), Some(3));
        assert_eq!(merged["speaker"]["max_words"].as_integer(), Some(9));
    }

    #[test]
    fn a_user_list_replaces_the_whole_list_and_bad_toml_is_an_error() {
        let base = "[speaker]\npronouns = [\"he\", \"she\"]\n";
        let merged: toml::Table = layered(base, "[speaker]\npronouns = [\"they\"]\n")
            .unwrap()
            .parse()
            .unwrap();
        let list = merged["speaker"]["pronouns"].as_array().unwrap();
        assert_eq!(list.len(), 1);
        assert!(layered(base, "[speaker\n").is_err());
    }
}
