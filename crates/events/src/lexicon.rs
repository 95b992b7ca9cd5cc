//! Word knowledge from `data/events/`: irregular lemmas, word classes
//! (negation, modality, clause boundaries, light verbs …) and threat codes.

use foldhash::{HashMap, HashSet};

use demarche_model::data;

const LEMMAS: &str = include_str!("../../../data/events/lemmas.tsv");
const WORDS: &str = include_str!("../../../data/events/words.tsv");
const THREATS: &str = include_str!("../../../data/events/threat_codes.tsv");
const INTENTS: &str = include_str!("../../../data/events/intent_codes.tsv");
const REFUSALS: &str = include_str!("../../../data/events/refusal_codes.tsv");

/// A class of words from `words.tsv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum WordClass {
    Skip,
    Negation,
    Hypothetical,
    Future,
    Report,
    Boundary,
    Light,
    Receive,
    Suppress,
    FirstPerson,
    Coordination,
    Preposition,
    Determiner,
    Pronoun,
    MutualRoot,
    Relational,
    Linking,
    Placing,
    ThemeThrough,
    SectorCode,
    LightThrough,
    Retaliate,
    ObjectControl,
    Characterise,
    PairNoun,
    PairOpener,
    PluralPronoun,
}

impl WordClass {
    fn from_name(name: &str) -> Option<WordClass> {
        Some(match name {
            "skip" => WordClass::Skip,
            "negation" => WordClass::Negation,
            "hypothetical" => WordClass::Hypothetical,
            "future" => WordClass::Future,
            "report" => WordClass::Report,
            "boundary" => WordClass::Boundary,
            "light" => WordClass::Light,
            "receive" => WordClass::Receive,
            "suppress" => WordClass::Suppress,
            "first_person" => WordClass::FirstPerson,
            "coordination" => WordClass::Coordination,
            "preposition" => WordClass::Preposition,
            "determiner" => WordClass::Determiner,
            "pronoun" => WordClass::Pronoun,
            "mutual_root" => WordClass::MutualRoot,
            "relational" => WordClass::Relational,
            "linking" => WordClass::Linking,
            "placing" => WordClass::Placing,
            "theme_through" => WordClass::ThemeThrough,
            "sector_code" => WordClass::SectorCode,
            "light_through" => WordClass::LightThrough,
            "retaliate" => WordClass::Retaliate,
            "object_control" => WordClass::ObjectControl,
            "characterise" => WordClass::Characterise,
            "pair_noun" => WordClass::PairNoun,
            "pair_opener" => WordClass::PairOpener,
            "plural_pronoun" => WordClass::PluralPronoun,
            _ => return None,
        })
    }
}

/// Lemmas, word classes and threat codes.
#[derive(Debug, Default)]
pub struct Lexicon {
    irregular: HashMap<String, String>,
    /// Single words of each class.
    words: HashMap<WordClass, HashSet<String>>,
    /// Two-word phrases of each class ("no longer", "according to").
    phrases: HashMap<WordClass, HashSet<(String, String)>>,
    threats: Vec<(String, String)>,
    intents: Vec<(String, String)>,
    refusals: Vec<(String, String)>,
}

impl Lexicon {
    pub fn load() -> Lexicon {
        let lemmas = data::text("events/lemmas.tsv", LEMMAS);
        let words = data::text("events/words.tsv", WORDS);
        let threats = data::text("events/threat_codes.tsv", THREATS);
        let intents = data::text("events/intent_codes.tsv", INTENTS);
        let refusals = data::text("events/refusal_codes.tsv", REFUSALS);
        let mut lex = Lexicon::default();
        for row in data::rows(&lemmas) {
            if let [form, lemma, ..] = row.as_slice() {
                lex.irregular
                    .insert(form.to_lowercase(), lemma.to_lowercase());
            }
        }
        for row in data::rows(&words) {
            let [class, list, ..] = row.as_slice() else {
                continue;
            };
            let Some(class) = WordClass::from_name(class) else {
                eprintln!("demarche: events/words.tsv: unknown word class {class:?}");
                continue;
            };
            for w in list.split_whitespace() {
                let w = w.to_lowercase();
                match w.split_once('_') {
                    Some((a, b)) => {
                        // Longer phrases keep their first two words: enough to recognise them.
                        let b = b.split('_').next().unwrap_or(b);
                        lex.phrases
                            .entry(class)
                            .or_default()
                            .insert((a.to_string(), b.to_string()));
                    }
                    None => {
                        lex.words.entry(class).or_default().insert(w);
                    }
                }
            }
        }
        for row in data::rows(&threats) {
            if let [prefix, code, ..] = row.as_slice() {
                lex.threats.push((prefix.to_string(), code.to_string()));
            }
        }
        lex.threats.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        for row in data::rows(&intents) {
            if let [prefix, code, ..] = row.as_slice() {
                lex.intents.push((prefix.to_string(), code.to_string()));
            }
        }
        lex.intents.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        for row in data::rows(&refusals) {
            if let [prefix, code, ..] = row.as_slice() {
                lex.refusals.push((prefix.to_string(), code.to_string()));
            }
        }
        lex.refusals
            .sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        lex
    }

    /// Whether the lowercased word `w` is in `class`.
    pub fn is(&self, class: WordClass, w: &str) -> bool {
        self.words.get(&class).is_some_and(|s| s.contains(w))
    }

    /// Whether the lowercased words `a b` form a phrase of `class`.
    pub fn is_phrase(&self, class: WordClass, a: &str, b: &str) -> bool {
        self.phrases
            .get(&class)
            .is_some_and(|s| s.iter().any(|(x, y)| x == a && y == b))
    }

    /// The threat code a material event coded `code` becomes when it is threatened.
    pub fn threat_code(&self, code: &str) -> Option<&str> {
        self.threats
            .iter()
            .find(|(p, _)| code.starts_with(p.as_str()))
            .map(|(_, c)| c.as_str())
    }

    /// The intent code ("express intent to …") of a cooperative event coded `code`.
    pub fn intent_code(&self, code: &str) -> Option<&str> {
        self.intents
            .iter()
            .find(|(p, _)| code.starts_with(p.as_str()))
            .map(|(_, c)| c.as_str())
    }

    /// The rejection code of a cooperative act coded `code` that is refused.
    pub fn refusal_code(&self, code: &str) -> Option<&str> {
        self.refusals
            .iter()
            .find(|(p, _)| code.starts_with(p.as_str()))
            .map(|(_, c)| c.as_str())
    }

    /// Whether `code` names a country or an international body, not only a sector ("GOV").
    pub fn has_country(&self, code: &str) -> bool {
        code.len() >= 3
            && !(code.len() == 3 && self.is(WordClass::SectorCode, &code.to_lowercase()))
    }

    /// Whether events of `code`'s root are mutual between coordinated sources.
    pub fn is_mutual(&self, code: &str) -> bool {
        // A root ("04") or a longer code prefix ("164").
        (2..=code.len()).any(|n| {
            code.get(..n)
                .is_some_and(|r| self.is(WordClass::MutualRoot, r))
        })
    }

    /// Lemmas a lowercased word form may have: itself, its irregular lemma and
    /// the stems regular English inflection allows. Over-generates on purpose:
    /// the candidates are only looked up among pattern words.
    pub fn lemma_candidates(&self, w: &str, out: &mut Vec<String>) {
        out.clear();
        out.push(w.to_string());
        if let Some(l) = self.irregular.get(w) {
            out.push(l.clone());
        }
        let n = w.len();
        let stem = |k: usize| &w[..n - k];
        if n > 4 && w.ends_with("ies") {
            out.push(format!("{}y", stem(3)));
        }
        if n > 4 && w.ends_with("ied") {
            out.push(format!("{}y", stem(3)));
        }
        if n > 3 && w.ends_with("es") {
            out.push(stem(2).to_string());
        }
        if n > 2 && w.ends_with('s') && !w.ends_with("ss") {
            out.push(stem(1).to_string());
        }
        if n > 3 && w.ends_with("ed") {
            push_stem_variants(stem(2), out);
            out.push(stem(1).to_string());
        }
        if n > 4 && w.ends_with("ing") {
            push_stem_variants(stem(3), out);
        }
    }
}

/// "ban" from "bann", "hope" from "hop", and the stem itself.
fn push_stem_variants(stem: &str, out: &mut Vec<String>) {
    out.push(stem.to_string());
    out.push(format!("{stem}e"));
    let b = stem.as_bytes();
    if b.len() > 2 && b[b.len() - 1] == b[b.len() - 2] {
        out.push(stem[..stem.len() - 1].to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lemmas(w: &str) -> Vec<String> {
        let lex = Lexicon::load();
        let mut v = Vec::new();
        lex.lemma_candidates(w, &mut v);
        v
    }

    #[test]
    fn inflections_reach_their_lemma() {
        for (form, lemma) in [
            ("condemned", "condemn"),
            ("accusing", "accuse"),
            ("banned", "ban"),
            ("airstrikes", "airstrike"),
            ("met", "meet"),
            ("spoke", "speak"),
            ("denies", "deny"),
            ("was", "be"),
            ("urges", "urge"),
            ("imposing", "impose"),
        ] {
            assert!(
                lemmas(form).iter().any(|l| l == lemma),
                "{form} -> {lemma}: {:?}",
                lemmas(form)
            );
        }
    }

    #[test]
    fn word_classes_and_threats_load() {
        let lex = Lexicon::load();
        assert!(lex.is(WordClass::Negation, "not"));
        assert!(lex.is_phrase(WordClass::Negation, "no", "longer"));
        assert!(lex.is(WordClass::FirstPerson, "we"));
        assert_eq!(lex.threat_code("195"), Some("1384"));
        assert_eq!(lex.threat_code("190"), Some("1384"));
        assert_eq!(lex.threat_code("04"), None);
    }
}
