//! Text normalisation shared by the knowledge base and the matcher, so that an
//! alias written in a data file and a token in an article compare equal.

use unicode_normalization::UnicodeNormalization;

/// Appends the normalised form of one token to `out`: lower case, accents
/// folded, typographic apostrophes straightened, trailing dots dropped
/// ("U.S." and "U.S" both become "u.s", "Gen." becomes "gen").
pub fn push_token(token: &str, out: &mut String) {
    let start = out.len();
    if token.is_ascii() {
        for b in token.bytes() {
            out.push(b.to_ascii_lowercase() as char);
        }
    } else {
        for ch in token.nfd() {
            if is_combining(ch) {
                continue;
            }
            match ch {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '`' => out.push('\''),
                '\u{2010}' | '\u{2011}' | '\u{2013}' => out.push('-'),
                _ => out.extend(ch.to_lowercase()),
            }
        }
    }
    while out.len() > start + 1 && out.ends_with('.') {
        out.pop();
    }
}

/// The normalised form of one token, as a new string.
pub fn token(token: &str) -> String {
    let mut s = String::with_capacity(token.len());
    push_token(token, &mut s);
    s
}

fn is_combining(ch: char) -> bool {
    matches!(ch as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Splits a phrase into tokens the way the text stage does for words:
/// letters and digits with inner apostrophes, hyphens and dots stay together,
/// any other punctuation is a token of its own, spaces separate.
pub fn split_words(phrase: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = phrase.char_indices().collect();
    for (k, &(i, ch)) in chars.iter().enumerate() {
        let next_is_word = chars.get(k + 1).is_some_and(|&(_, c)| c.is_alphanumeric());
        let inner = matches!(ch, '\'' | '\u{2019}' | '-' | '.') && start.is_some() && next_is_word;
        if ch.is_alphanumeric() || inner {
            start.get_or_insert(i);
        } else {
            if let Some(s) = start.take() {
                // A dot closing an abbreviation ("U.S.", "Gen.") belongs to the word.
                if ch == '.' && (phrase[s..i].contains('.') || is_abbreviation(&phrase[s..i])) {
                    out.push(&phrase[s..i + 1]);
                    continue;
                }
                out.push(&phrase[s..i]);
            }
            if !ch.is_whitespace() {
                out.push(&phrase[i..i + ch.len_utf8()]);
            }
        }
    }
    if let Some(s) = start {
        out.push(&phrase[s..]);
    }
    out
}

fn is_abbreviation(word: &str) -> bool {
    word.len() <= 3 && word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// True when the word starts with an upper-case letter (or is a digit-led code).
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_uppercase())
}

/// True when every letter of the word is upper case ("US", "U.S.", "NATO").
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_fold_case_accents_and_dots() {
        assert_eq!(token("U.S."), "u.s");
        assert_eq!(token("Erdoğan"), "erdogan");
        assert_eq!(token("Jüri"), "juri");
        assert_eq!(token("Britain\u{2019}s"), "britain's");
        assert_eq!(token("."), ".");
    }

    #[test]
    fn phrases_split_like_the_tokeniser() {
        assert_eq!(
            split_words("the U.S. State Department"),
            ["the", "U.S.", "State", "Department"]
        );
        assert_eq!(
            split_words("Russia's envoy, al-Assad"),
            ["Russia's", "envoy", ",", "al-Assad"]
        );
        assert_eq!(split_words("Sen. Rubio"), ["Sen.", "Rubio"]);
    }
}
