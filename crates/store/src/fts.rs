//! Turning what a user types into a safe FTS5 query.
//!
//! FTS5 has its own syntax (AND, OR, NOT, NEAR, column filters, `*`, `^`),
//! and a stray `-` or `.` is a syntax error. We take words and "quoted
//! phrases" and pass each on as a quoted FTS5 string, all of them required;
//! a word ending in `*` stays a prefix query.

use crate::{Result, StoreError};

pub(crate) fn to_match_expression(input: &str) -> Result<String> {
    let mut terms: Vec<String> = Vec::new();
    let mut rest = input.trim();
    while !rest.is_empty() {
        let (term, prefix, tail) = if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            (&after[..end], false, after.get(end + 1..).unwrap_or(""))
        } else {
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(rest.len());
            let word = &rest[..end];
            match word.strip_suffix('*') {
                Some(stem) => (stem, true, &rest[end..]),
                None => (word, false, &rest[end..]),
            }
        };
        if term.chars().any(char::is_alphanumeric) {
            let quoted = format!("\"{}\"", term.replace('"', "\"\""));
            terms.push(if prefix { quoted + " *" } else { quoted });
        }
        rest = tail.trim_start();
    }
    if terms.is_empty() {
        return Err(StoreError::bad("q", "the search has no words"));
    }
    Ok(terms.join(" "))
}

/// Words shorter than this match whole words only: a prefix query merges
/// every indexed word that starts with it, which for "of" or "D" is most of
/// the index (tens of milliseconds on a million quotes).
const MIN_PREFIX_CHARS: usize = 3;

/// A speaker search: every word of `input` as a prefix of a word of the
/// speaker's canonical name or of the words naming them in the text (a
/// word of one or two letters as a whole word: an initial, "of").
pub(crate) fn speaker_expression(input: &str) -> Result<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().count() < MIN_PREFIX_CHARS {
                format!("\"{w}\"")
            } else {
                format!("\"{w}\" *")
            }
        })
        .collect();
    if words.is_empty() {
        return Err(StoreError::bad("speaker", "the speaker has no letters"));
    }
    Ok(format!(
        "{{speaker_name speaker_text}} : ({})",
        words.join(" ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_phrases_become_quoted_strings() {
        assert_eq!(
            to_match_expression("unprovoked aggression").unwrap(),
            r#""unprovoked" "aggression""#
        );
        assert_eq!(
            to_match_expression(r#"  "talks with" U.S. "#).unwrap(),
            r#""talks with" "U.S.""#
        );
        assert_eq!(to_match_expression("sanction*").unwrap(), r#""sanction" *"#);
    }

    #[test]
    fn operators_and_punctuation_are_not_syntax() {
        assert_eq!(
            to_match_expression("NOT -x OR").unwrap(),
            r#""NOT" "-x" "OR""#
        );
        assert_eq!(
            to_match_expression(r#"say "unclosed"#).unwrap(),
            r#""say" "unclosed""#
        );
        assert!(to_match_expression(" -- ").is_err());
        assert!(to_match_expression("").is_err());
    }

    #[test]
    fn speakers_match_words_by_prefix_in_name_columns() {
        assert_eq!(
            speaker_expression("D. Pesk").unwrap(),
            r#"{speaker_name speaker_text} : ("D" "Pesk" *)"#
        );
        assert!(speaker_expression("--").is_err());
    }
}
