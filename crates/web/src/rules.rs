//! The knowledge the web stage runs on, read from `data/web/` (compiled in,
//! replaceable by the caller with [`WebRules::from_toml`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::WebError;

const BOILERPLATE_TOML: &str = include_str!("../../../data/web/boilerplate.toml");
const DOM_HINTS_TOML: &str = include_str!("../../../data/web/dom_hints.toml");
const DATE_META_TOML: &str = include_str!("../../../data/web/date_meta.toml");
const LANGUAGES_TSV: &str = include_str!("../../../data/web/languages.tsv");
const ENGLISH_WORDS: &str = include_str!("../../../data/web/english_words.txt");

/// Lines of extracted text that are page furniture (`boilerplate.toml`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineRules {
    pub exact_lines: Vec<String>,
    pub line_prefixes: Vec<String>,
    pub contains_in_short_lines: Vec<String>,
    pub max_words_for_contains: usize,
    pub tail_headings: Vec<String>,
    pub tail_fraction: f64,
}

/// Parts of the page removed before extraction (`dom_hints.toml`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomHints {
    pub drop_tags: Vec<String>,
    pub keep_script_types: Vec<String>,
    pub drop_words: Vec<String>,
    pub protected_tags: Vec<String>,
    pub keep_words: Vec<String>,
    pub ignored_first_words: Vec<String>,
    pub max_paragraph_chars: usize,
    pub max_depth: usize,
    pub max_html_bytes: usize,
}

/// Where a page states its date (`date_meta.toml`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DateHints {
    pub meta_names: Vec<String>,
    pub json_ld_keys: Vec<String>,
    pub min_year: i32,
    pub max_year: i32,
}

/// All the web stage's data, with lowercased lookup sets built once.
#[derive(Clone, Debug)]
pub struct WebRules {
    pub lines: LineRules,
    pub dom: DomHints,
    pub dates: DateHints,
    pub(crate) exact_lines: HashSet<String>,
    pub(crate) tail_headings: HashSet<String>,
    pub(crate) drop_tags: HashSet<String>,
    pub(crate) drop_words: HashSet<String>,
    pub(crate) keep_words: HashSet<String>,
    pub(crate) ignored_first_words: HashSet<String>,
    pub(crate) protected_tags: HashSet<String>,
    pub(crate) meta_names: Vec<String>,
}

impl WebRules {
    /// Builds the rules from the text of the three TOML files.
    pub fn from_toml(
        boilerplate: &str,
        dom_hints: &str,
        date_meta: &str,
    ) -> Result<Self, WebError> {
        let parse_err = |file: &str, e: toml::de::Error| WebError::Data(format!("{file}: {e}"));
        let mut lines: LineRules =
            toml::from_str(boilerplate).map_err(|e| parse_err("boilerplate.toml", e))?;
        let dom: DomHints =
            toml::from_str(dom_hints).map_err(|e| parse_err("dom_hints.toml", e))?;
        let dates: DateHints =
            toml::from_str(date_meta).map_err(|e| parse_err("date_meta.toml", e))?;
        for p in &mut lines.line_prefixes {
            *p = p.to_lowercase();
        }
        for c in &mut lines.contains_in_short_lines {
            *c = c.to_lowercase();
        }
        let set = |v: &[String]| v.iter().map(|s| s.to_lowercase()).collect::<HashSet<_>>();
        Ok(WebRules {
            exact_lines: set(&lines.exact_lines),
            tail_headings: set(&lines.tail_headings),
            drop_tags: set(&dom.drop_tags),
            drop_words: set(&dom.drop_words),
            keep_words: set(&dom.keep_words),
            ignored_first_words: set(&dom.ignored_first_words),
            protected_tags: set(&dom.protected_tags),
            meta_names: dates.meta_names.iter().map(|s| s.to_lowercase()).collect(),
            lines,
            dom,
            dates,
        })
    }

    /// The rules of `data/web/`, with the user's settings laid over them (see
    /// `demarche_model::data::toml_text`); rules an override breaks are reported on
    /// stderr and the shipped ones used.
    pub fn builtin() -> &'static WebRules {
        static RULES: LazyLock<WebRules> = LazyLock::new(|| {
            let file = |rel, embedded| demarche_model::data::toml_text(rel, embedded);
            let shipped = || {
                WebRules::from_toml(BOILERPLATE_TOML, DOM_HINTS_TOML, DATE_META_TOML)
                    .expect("data/web files are checked by the crate's tests")
            };
            WebRules::from_toml(
                &file("web/boilerplate.toml", BOILERPLATE_TOML),
                &file("web/dom_hints.toml", DOM_HINTS_TOML),
                &file("web/date_meta.toml", DATE_META_TOML),
            )
            .unwrap_or_else(|e| {
                eprintln!("demarche: data/web: {e}; using the built-in copy");
                shipped()
            })
        });
        &RULES
    }
}

/// ISO 639-3 -> ISO 639-1 pairs from `languages.tsv`.
pub(crate) fn language_codes() -> &'static [(&'static str, &'static str)] {
    static CODES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
        LANGUAGES_TSV
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (a.trim(), b.trim()))
            .collect()
    });
    &CODES
}

/// Frequent English function words (`data/web/english_words.txt`).
pub(crate) fn english_words() -> &'static std::collections::HashSet<&'static str> {
    static WORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
        ENGLISH_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    });
    &WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_data_files_parse() {
        let r = WebRules::builtin();
        assert!(r.exact_lines.contains("advertisement"));
        assert!(r.drop_tags.contains("script"));
        assert!(r.dom.max_depth >= 32);
        assert!(language_codes().contains(&("eng", "en")));
        assert!(english_words().contains("the") && !english_words().contains("a"));
    }

    #[test]
    fn a_broken_data_file_is_an_error() {
        let err = WebRules::from_toml("exact_lines = 3", DOM_HINTS_TOML, DATE_META_TOML);
        assert!(matches!(err, Err(WebError::Data(m)) if m.contains("boilerplate.toml")));
    }
}
