//! What an English dictionary says about a word form: the word classes
//! WordNet gives it, directly or through a regular inflection ("stockings"
//! is the plural of a noun, "pledging" a form of a verb).
//!
//! The treebank teaches the tagger the words it saw often; this tells it
//! something about the many it saw rarely or never. The list is
//! `data/lexicon/wordnet.tsv` (built by `scripts/wordnet-lexicon.py`),
//! compiled in and expanded once, when a model that reads it is loaded.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use crate::hash;
use crate::weights::{KeyHasher, KeyMap};

/// Some 420,000 forms, each keyed by 32 bits of its hash with 16 more bits
/// kept to check the match and its classes in 14 bits: eight bytes a row
/// instead of sixteen. The few forms whose 32 bits another form took first
/// go to `overflow`, under the whole hash.
#[derive(Default)]
struct FormMap {
    rows: HashMap<u32, (u16, u16), BuildHasherDefault<KeyHasher>>,
    overflow: KeyMap<u16>,
}

impl FormMap {
    fn split(h: u64) -> (u32, u16) {
        ((h >> 32) as u32, h as u16)
    }

    fn add(&mut self, form: &[u8], classes: u16) {
        let h = hash::bytes(form);
        let (key, check) = Self::split(h);
        let row = self.rows.entry(key).or_insert((check, 0));
        if row.0 == check {
            row.1 |= classes;
        } else {
            *self.overflow.entry(h).or_insert(0) |= classes;
        }
    }

    /// Classes of the form whose hash is `h`.
    fn get(&self, h: u64) -> u16 {
        let (key, check) = Self::split(h);
        match self.rows.get(&key) {
            Some((c, classes)) if *c == check => *classes,
            Some(_) => self.overflow.get(&h).copied().unwrap_or(0),
            None => 0,
        }
    }
}

// Classes of a listed form (the letters of the data file).
const NOUN: u32 = 1;
const PROPER: u32 = 1 << 1;
const VERB: u32 = 1 << 2;
const ADJ: u32 = 1 << 3;
const ADV: u32 = 1 << 4;
const IRREGULAR_PLURAL: u32 = 1 << 5;
const IRREGULAR_VERB: u32 = 1 << 6;
const IRREGULAR_COMPARISON: u32 = 1 << 7;

// Classes found through a regular inflection of a listed form.
const PLURAL: u32 = 1 << 8;
const THIRD_PERSON: u32 = 1 << 9;
const GERUND: u32 = 1 << 10;
const PAST: u32 = 1 << 11;
const COMPARISON: u32 = 1 << 12;
const ADVERB_OF_ADJ: u32 = 1 << 13;

/// Set on every looked-up value, so that "not in the dictionary" is a
/// value of its own and differs from a position outside the sentence.
const LOOKED_UP: u64 = 1 << 40;

const DATA: &str = include_str!("../../../data/lexicon/wordnet.tsv");

fn letter_class(c: char) -> u32 {
    match c {
        'n' => NOUN,
        'p' => PROPER,
        'v' => VERB,
        'a' => ADJ,
        'r' => ADV,
        'N' => IRREGULAR_PLURAL,
        'V' => IRREGULAR_VERB,
        'A' => IRREGULAR_COMPARISON,
        _ => 0,
    }
}

/// The forms of the data file with their classes.
fn listed() -> impl Iterator<Item = (&'static str, u32)> {
    DATA.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(form, letters)| {
            (
                form,
                letters.chars().map(letter_class).fold(0, |m, c| m | c),
            )
        })
}

/// Endings undone to find a listed form, each with the class the listed form
/// must have and the class the inflected form then gets.
const ENDINGS: [(&str, u32, u32); 10] = [
    ("s", NOUN, PLURAL),
    ("es", NOUN, PLURAL),
    ("s", VERB, THIRD_PERSON),
    ("es", VERB, THIRD_PERSON),
    ("ing", VERB, GERUND),
    ("ed", VERB, PAST),
    ("d", VERB, PAST),
    ("er", ADJ, COMPARISON),
    ("est", ADJ, COMPARISON),
    ("ly", ADJ, ADVERB_OF_ADJ),
];

/// Only words this long or longer get classes through an ending.
const MIN_INFLECTED_LEN: usize = 4;
/// Nor longer than this.
const MAX_LEN: usize = 64;

/// Every form with its classes: the listed forms, and every form a regular
/// ending makes of them, so that a lookup is one probe. The ending goes on
/// the form as it stands, on the form without its final "e" ("pledge" →
/// "pledging"), after a doubled final consonant ("abet" → "abetting"), or
/// after "i" for a final "y" ("tidy" → "tidier"); "-man" makes "-men".
fn table() -> &'static FormMap {
    static TABLE: OnceLock<FormMap> = OnceLock::new();
    TABLE.get_or_init(|| {
        let forms: Vec<(&str, u32)> = listed().collect();
        let mut map = FormMap::default();
        map.rows.reserve(forms.len() * 5);
        let mut buf = String::new();
        // Puts `stem` + `link` + `ending` in the table with `class`.
        let mut add = |map: &mut FormMap, stem: &str, link: &str, ending: &str, class: u32| {
            // A stem shorter than two letters is never looked up.
            if stem.len() + link.len() < 2 {
                return;
            }
            buf.clear();
            buf.push_str(stem);
            buf.push_str(link);
            buf.push_str(ending);
            if (MIN_INFLECTED_LEN..=MAX_LEN).contains(&buf.len()) {
                map.add(buf.as_bytes(), class as u16);
            }
        };
        for &(form, classes) in &forms {
            map.add(form.as_bytes(), classes as u16);
            let last = form.char_indices().last().map_or("", |(i, _)| &form[i..]);
            for &(ending, needs, gives) in &ENDINGS {
                if classes & needs == 0 {
                    continue;
                }
                add(&mut map, form, "", ending, gives);
                if let Some(stem) = form.strip_suffix('e') {
                    add(&mut map, stem, "", ending, gives);
                }
                if form.len() >= 2 && !last.is_empty() && !"aeiouy".contains(last) {
                    add(&mut map, form, last, ending, gives);
                }
                if let Some(stem) = form.strip_suffix('y').filter(|s| s.len() >= 2) {
                    add(&mut map, stem, "i", ending, gives);
                }
            }
            if let Some(stem) = form.strip_suffix("man") {
                add(&mut map, stem, "", "men", PLURAL);
            }
        }
        map
    })
}

/// Builds the table now rather than on the first word.
pub fn load() {
    table();
}

/// The dictionary classes of a lower-cased word form, as a feature value.
#[cfg(test)]
pub fn classes(lower: &str) -> u64 {
    classes_of_hash(hash::bytes(lower.as_bytes()))
}

/// The same from the form's hash ([`crate::words::WordFeats::lower`]).
pub fn classes_of_hash(lower: u64) -> u64 {
    u64::from(table().get(lower)) | LOOKED_UP
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table's meaning spelt out the other way round: undo each ending
    /// of a word and look the stem up among the listed forms.
    fn classes_by_undoing(listed: &KeyMap<u32>, word: &str) -> u64 {
        let find = |stem: &str, tail: &str| -> u32 {
            if stem.len() < 2 || stem.len() + tail.len() > MAX_LEN {
                return 0;
            }
            listed
                .get(&hash::bytes(format!("{stem}{tail}").as_bytes()))
                .copied()
                .unwrap_or(0)
        };
        let mut classes = listed
            .get(&hash::bytes(word.as_bytes()))
            .copied()
            .unwrap_or(0);
        if word.len() >= MIN_INFLECTED_LEN {
            for (ending, needs, gives) in ENDINGS {
                let Some(stem) = word.strip_suffix(ending) else {
                    continue;
                };
                let mut found = find(stem, "") | find(stem, "e");
                let b = stem.as_bytes();
                if b.len() >= 2
                    && b[b.len() - 1] == b[b.len() - 2]
                    && !b"aeiouy".contains(&b[b.len() - 1])
                {
                    found |= find(&stem[..stem.len() - 1], "");
                }
                if let Some(s) = stem.strip_suffix('i') {
                    found |= find(s, "y");
                }
                if found & needs != 0 {
                    classes |= gives;
                }
            }
            if let Some(stem) = word.strip_suffix("men") {
                if find(stem, "man") != 0 {
                    classes |= PLURAL;
                }
            }
        }
        u64::from(classes) | LOOKED_UP
    }

    #[test]
    fn the_table_agrees_with_undoing_endings() {
        let mut words: Vec<String> = vec!["qwxzv".into(), "bbing".into(), "chairmen".into()];
        for (form, _) in listed().step_by(7) {
            for ending in [
                "", "s", "es", "ing", "ed", "d", "er", "est", "ly", "ning", "ting",
            ] {
                words.push(format!("{form}{ending}"));
            }
            if let Some(stem) = form.strip_suffix('y') {
                words.push(format!("{stem}ies"));
                words.push(format!("{stem}ier"));
            }
            if let Some(stem) = form.strip_suffix('e') {
                words.push(format!("{stem}ing"));
            }
        }
        let listed: KeyMap<u32> = listed()
            .map(|(form, classes)| (hash::bytes(form.as_bytes()), classes))
            .collect();
        for w in &words {
            assert_eq!(classes(w), classes_by_undoing(&listed, w), "{w}");
        }
    }

    fn has(word: &str, class: u32) -> bool {
        classes(word) & u64::from(class) != 0
    }

    #[test]
    fn listed_forms_and_regular_inflections() {
        assert!(has("prison", NOUN) && !has("prison", VERB));
        assert!(has("paris", PROPER) && !has("paris", NOUN));
        assert!(has("stockings", PLURAL) && !has("stockings", GERUND));
        assert!(has("pledging", GERUND));
        assert!(has("abetting", GERUND));
        assert!(has("deposited", PAST));
        assert!(has("tidier", COMPARISON));
        assert!(has("sincerely", ADVERB_OF_ADJ));
        assert!(has("chairmen", PLURAL));
        assert!(has("went", IRREGULAR_VERB));
        assert!(has("children", IRREGULAR_PLURAL));
    }

    #[test]
    fn unknown_words_have_a_value_of_their_own() {
        let unknown = classes("qwxzv");
        assert_eq!(unknown, LOOKED_UP);
        assert_ne!(unknown, crate::words::NONE);
        assert_ne!(unknown, classes("genuine"));
    }
}
