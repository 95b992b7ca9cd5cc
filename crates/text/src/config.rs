//! The text stage's knowledge, loaded once from `data/text/`.

use std::collections::HashSet;
use std::sync::OnceLock;

use demarche_model::data;
use serde::Deserialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// Precedes a name: never ends a sentence.
    Title,
    /// May end a sentence when a usual sentence opener follows.
    General,
}

#[derive(Debug, Deserialize)]
pub struct Boilerplate {
    pub exact: Vec<String>,
    pub prefixes: Vec<String>,
    pub credit_max_words: usize,
    pub credit_markers: Vec<String>,
}

#[derive(Debug)]
pub struct TextConfig {
    /// Abbreviations with their final stop, by exact spelling.
    abbreviations: std::collections::HashMap<String, AbbrevClass>,
    starters: HashSet<String>,
    /// Clitics, normalised to the ASCII apostrophe, lowercase.
    pub clitics: Vec<String>,
    /// Endings of web addresses ("org" in "Factcheck.org"), lowercase.
    pub domains: HashSet<String>,
    pub boilerplate: Boilerplate,
}

static CONFIG: OnceLock<TextConfig> = OnceLock::new();

impl TextConfig {
    pub fn get() -> &'static TextConfig {
        CONFIG.get_or_init(TextConfig::load)
    }

    fn load() -> TextConfig {
        let abbr = data::text(
            "text/abbreviations.tsv",
            include_str!("../../../data/text/abbreviations.tsv"),
        );
        let mut abbreviations = std::collections::HashMap::new();
        for row in data::rows(&abbr) {
            let class = match row.get(1).copied() {
                Some("title") => AbbrevClass::Title,
                _ => AbbrevClass::General,
            };
            abbreviations.insert(row[0].to_string(), class);
        }
        let starters_src = data::text(
            "text/sentence_starters.txt",
            include_str!("../../../data/text/sentence_starters.txt"),
        );
        let starters = data::rows(&starters_src)
            .map(|r| r[0].to_string())
            .collect();
        let clitics_src = data::text(
            "text/clitics.txt",
            include_str!("../../../data/text/clitics.txt"),
        );
        let mut clitics: Vec<String> = data::rows(&clitics_src)
            .map(|r| r[0].to_lowercase())
            .collect();
        // Longest first so "n't" is tried before "'t"-like shorter endings.
        clitics.sort_by_key(|c| std::cmp::Reverse(c.len()));
        let domains_src = data::text(
            "text/domains.txt",
            include_str!("../../../data/text/domains.txt"),
        );
        let domains = data::rows(&domains_src).map(|r| r[0].to_string()).collect();
        let bp_src = data::toml_text(
            "text/boilerplate.toml",
            include_str!("../../../data/text/boilerplate.toml"),
        );
        let boilerplate: Boilerplate = toml::from_str(&bp_src).unwrap_or_else(|e| {
            eprintln!("demarche: data/text/boilerplate.toml: {e}; using the built-in copy");
            toml::from_str(include_str!("../../../data/text/boilerplate.toml"))
                .expect("built-in boilerplate.toml parses")
        });
        TextConfig {
            abbreviations,
            starters,
            clitics,
            domains,
            boilerplate,
        }
    }

    /// The class of an abbreviation spelled exactly `word` (with its final stop).
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevClass> {
        if let Some(c) = self.abbreviations.get(word) {
            return Some(*c);
        }
        // Sentence-initial capitalisation of a lowercase abbreviation ("Etc.").
        let lower = word.to_lowercase();
        if lower != word {
            if let Some(AbbrevClass::General) = self.abbreviations.get(&lower) {
                return Some(AbbrevClass::General);
            }
        }
        None
    }

    pub fn is_sentence_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}
