//! Cleaning: from a raw article body to the text every span indexes.
//!
//! NFC normalisation, odd spaces and control characters made plain, one
//! paragraph per line, hard-wrapped lines re-joined, boilerplate lines
//! (credits, comment prompts, share buttons) and a repeated title dropped.
//! Quotation marks of every style are kept as they are.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::config::{Boilerplate, TextConfig};

/// The cleaned body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    /// How many lines were dropped as boilerplate or repeated title.
    pub dropped_lines: usize,
}

/// Cleans `raw`; `title`, when known, is removed where the body repeats it near the top.
pub fn clean(raw: &str, title: Option<&str>) -> Cleaned {
    clean_with(raw, title, false)
}

/// Cleans `raw` like [`clean`]; with `keep_headline`, a first line equal to `title` is the
/// body's own headline and stays, and only the lines repeating it after that are dropped.
pub fn clean_with(raw: &str, title: Option<&str>, keep_headline: bool) -> Cleaned {
    let cfg = TextConfig::get();
    let normalised = normalise_chars(raw);
    let title_key = title.map(line_key).filter(|k| !k.is_empty());

    // The cleaned text is written straight into `text`; `last_start` is where
    // its last paragraph begins, so a wrapped line can be appended to it.
    let mut text = String::with_capacity(normalised.len());
    let mut kept_lines = 0usize;
    let mut last_start = 0usize;
    let mut line = String::new();
    let mut dropped = 0;
    // Blank lines separate paragraphs; remember where they were to re-join wrapped lines.
    let mut after_blank = true;
    for (n, raw_line) in normalised.lines().enumerate() {
        collapse_spaces_into(raw_line, &mut line);
        if line.is_empty() {
            after_blank = true;
            continue;
        }
        let near_top = kept_lines < 3 && n < 12;
        let repeats_title = near_top && title_key.as_deref().is_some_and(|t| line_key(&line) == t);
        let own_headline = repeats_title && keep_headline && kept_lines == 0;
        if is_boilerplate(&line, &cfg.boilerplate) || (repeats_title && !own_headline) {
            dropped += 1;
            after_blank = true;
            continue;
        }
        if kept_lines > 0 && !after_blank && continues_wrapped_line(&text[last_start..], &line) {
            text.push(' ');
        } else {
            if kept_lines > 0 {
                text.push('\n');
            }
            last_start = text.len();
            kept_lines += 1;
        }
        text.push_str(&line);
        after_blank = false;
    }
    Cleaned {
        text,
        dropped_lines: dropped,
    }
}

/// NFC, line breaks unified, spaces of every kind made plain, controls and zero-width marks dropped.
fn normalise_chars(raw: &str) -> String {
    // Most news text is already NFC: the quick check spares the (slow) recomposition.
    if raw.is_ascii() || is_nfc_quick(raw.chars()) == IsNormalized::Yes {
        plain_chars(raw.chars(), raw.len())
    } else {
        plain_chars(raw.nfc(), raw.len())
    }
}

fn plain_chars(chars: impl Iterator<Item = char>, len: usize) -> String {
    let mut out = String::with_capacity(len);
    let mut chars = chars.peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' => out.push('\n'),
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}' => {}
            c if c.is_whitespace() => out.push(' '),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes `line` into `out` with runs of spaces made one and no space at either end.
fn collapse_spaces_into(line: &str, out: &mut String) {
    out.clear();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// A comparison key for a line: lowercase letters and digits only.
fn line_key(line: &str) -> String {
    line.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn is_boilerplate(line: &str, bp: &Boilerplate) -> bool {
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches([':', '.', '!', ' ']);
    if bp.exact.iter().any(|e| e == bare) {
        return true;
    }
    if bp.prefixes.iter().any(|p| lower.starts_with(p.as_str())) {
        return true;
    }
    let words = line.split_whitespace().count();
    words <= bp.credit_max_words && bp.credit_markers.iter().any(|m| lower.contains(m.as_str()))
}

/// True when `next` reads as the continuation of a hard-wrapped `prev` line:
/// `prev` does not end a sentence or heading, and `next` starts in lowercase.
fn continues_wrapped_line(prev: &str, next: &str) -> bool {
    let ends_block = prev.ends_with(['.', '!', '?', ':', '…', '"', '”', '»', '’', '\'', ')']);
    let starts_lower = next.chars().next().is_some_and(|c| c.is_lowercase());
    !ends_block && starts_lower
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_credits_comment_prompts_and_repeated_title() {
        let raw = "Talks Resume in Geneva\n\n© Jane Roe / Getty Images\nTalks Resume in Geneva\nDelegates met on Monday.\nNo comments:\nPost a Comment\n";
        let c = clean(raw, Some("Talks Resume in Geneva"));
        assert_eq!(c.text, "Delegates met on Monday.");
        assert_eq!(c.dropped_lines, 5);
    }

    #[test]
    fn keeps_a_headline_the_body_opens_with_when_asked() {
        let raw = "Minister: Talks Resume in Geneva.\n\nMinister: Talks Resume in Geneva\nDelegates met on Monday.";
        let title = Some("Minister: Talks Resume in Geneva");
        let kept = clean_with(raw, title, true);
        assert_eq!(
            kept.text,
            "Minister: Talks Resume in Geneva.\nDelegates met on Monday."
        );
        assert_eq!(kept.dropped_lines, 1);
        assert_eq!(clean(raw, title).text, "Delegates met on Monday.");
    }

    #[test]
    fn keeps_every_quotation_style() {
        let raw = "«Non», „Ja“, ‹oui›, “yes”, ‘fine’, \"plain\" and 'single'.";
        assert_eq!(clean(raw, None).text, raw);
    }

    #[test]
    fn normalises_to_nfc_and_plain_spaces() {
        let raw = "Cafe\u{301}\u{a0}talks\u{200b} in\tGeneva\r\nnext line";
        assert_eq!(clean(raw, None).text, "Café talks in Geneva next line");
    }

    #[test]
    fn rejoins_hard_wrapped_lines_but_not_headings() {
        let raw = "The minister said the talks would\ncontinue next week.\nA New Round\nDelegates arrive today.";
        assert_eq!(
            clean(raw, None).text,
            "The minister said the talks would continue next week.\nA New Round\nDelegates arrive today."
        );
    }

    #[test]
    fn keeps_body_lines_that_merely_mention_getty() {
        let long = "The agency said that its photographers, including those who supply Getty Images, had been barred from the area for three days.";
        assert_eq!(clean(long, None).text, long);
    }
}
