//! Language identification (whatlang), reported as ISO 639-1 codes.

use crate::rules::language_codes;

/// Text shorter than this (in bytes) is not classified: too little evidence.
const MIN_BYTES: usize = 20;
/// How much of a long text is looked at: plenty for a confident answer.
const SAMPLE_BYTES: usize = 4000;

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
    let info = whatlang::detect(&text[..end])?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code3 = info.lang().code();
    let code = language_codes()
        .iter()
        .find(|(three, _)| *three == code3)
        .map_or(code3, |(_, two)| two);
    Some(code.to_string())
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
    fn too_short_is_unknown() {
        assert_eq!(detect_language("Hi"), None);
        assert_eq!(detect_language(""), None);
    }
}
