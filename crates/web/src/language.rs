//! Language identification (whatlang), reported as ISO 639-1 codes.

use crate::rules::{english_words, language_codes};

/// Text shorter than this (in bytes) is not classified: too little evidence.
const MIN_BYTES: usize = 20;
/// How much of a long text is looked at: plenty for a confident answer.
const SAMPLE_BYTES: usize = 4000;
/// Share of English function words above which a text is English.
const ENGLISH_SHARE: f64 = 0.25;

/// The language of `text` as an ISO 639-1 code ("en", "de", ...), or None when
/// the text is too short or the detector is unsure.
pub fn detect_language(text: &str) -> Option<String> {
    if text.len() < MIN_BYTES {
        return None;
    }
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if looks_english(sample) {
        return Some("en".to_string());
    }
    let info = whatlang::detect(sample)?;
    // An unreliable guess of another language is no answer (on a one-line
    // English headline full of names it can be Italian or Latin, and the
    // document would be dropped); an unreliable but likely English one is kept.
    let english = info.lang() == whatlang::Lang::Eng && info.confidence() >= 0.5;
    if !info.is_reliable() && !english {
        return None;
    }
    let code3 = info.lang().code();
    let code = language_codes()
        .iter()
        .find(|(three, _)| *three == code3)
        .map_or(code3, |(_, two)| two);
    Some(code.to_string())
}

/// Whether a quarter or more of the words are frequent English function
/// words (and at least three are): the statistical detector errs on short
/// English texts crowded with names, never on this.
fn looks_english(sample: &str) -> bool {
    let words = english_words();
    let (mut n, mut hits) = (0usize, 0usize);
    let mut lower = String::new();
    for w in sample.split(|c: char| !c.is_alphabetic() && c != '\'') {
        if w.is_empty() {
            continue;
        }
        n += 1;
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        hits += usize::from(words.contains(lower.as_str()));
    }
    hits >= 3 && hits as f64 >= ENGLISH_SHARE * n as f64
}

/// True when `text` is detected as English.
pub fn is_english(text: &str) -> bool {
    detect_language(text).as_deref() == Some("en")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_languages() {
        let en = "The ministers agreed on Tuesday to extend the ceasefire for another month, officials said.";
        let de = "Die Minister haben sich am Dienstag darauf geeinigt, die Waffenruhe um einen Monat zu verlängern.";
        let fr =
            "Les ministres se sont mis d'accord mardi pour prolonger le cessez-le-feu d'un mois.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        assert_eq!(detect_language(de).as_deref(), Some("de"));
        assert_eq!(detect_language(fr).as_deref(), Some("fr"));
        assert!(is_english(en));
        assert!(!is_english(de));
    }

    #[test]
    fn english_crowded_with_names_is_english() {
        // made-up names that pull a statistical detector towards Romance languages
        let s = "Algeria authorities suspended publication of the daily Libertà Nuova and the weekly Corriere Sud on Monday, the ministry said.";
        assert_eq!(detect_language(s).as_deref(), Some("en"));
        let headline =
            "Hackers from Veltria may have launched cyber attacks on Norland's power grid.";
        assert_ne!(detect_language(headline).as_deref(), Some("it"));
        assert!(detect_language(
            "Ostrava authorities suspended publication of Ostrava's largest newspaper."
        )
        .is_none_or(|l| l == "en"));
        let it = "Le autorità algerine hanno sospeso la pubblicazione del quotidiano per un mese, ha detto il ministero.";
        assert_eq!(detect_language(it).as_deref(), Some("it"));
    }

    #[test]
    fn too_short_is_unknown() {
        assert_eq!(detect_language("Hi"), None);
        assert_eq!(detect_language(""), None);
    }
}
