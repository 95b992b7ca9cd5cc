//! Plain-text articles: one document per file.
//!
//! The first line is the title when it reads as a headline: short, with no
//! final full stop, and followed by more text. A leading ` date YYYY-MM-DD `
//! marker gives the publication date and is removed.

use chrono::NaiveDate;

use crate::{Body, RawDoc};

/// Longest first line (in words) still taken as a headline.
const MAX_TITLE_WORDS: usize = 30;

pub fn parse(origin: &str, text: &str) -> RawDoc {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (published, rest) = match take_date_marker(text) {
        Some((date, rest)) => (Some(date), rest),
        None => (None, text),
    };
    let (title, body) = split_title(rest);
    RawDoc {
        origin: origin.to_string(),
        title: title.map(str::to_string),
        title_is_field: false,
        published,
        body: Body::Text(body.to_string()),
        language: None,
    }
}

/// ` date 2024-02-06 Rest…` → (2024-02-06, "Rest…"). Also accepts "date:".
fn take_date_marker(text: &str) -> Option<(NaiveDate, &str)> {
    let t = text.trim_start();
    let lower = t.get(..5)?.to_ascii_lowercase();
    if lower != "date " && lower != "date:" {
        return None;
    }
    let after = t[5..].trim_start();
    let date = NaiveDate::parse_from_str(after.get(..10)?, "%Y-%m-%d").ok()?;
    let rest = &after[10..];
    // The marker must end at a space or line break, not run into more digits.
    if rest.chars().next().is_some_and(|c| !c.is_whitespace()) {
        return None;
    }
    Some((date, rest.trim_start_matches([' ', '\t'])))
}

fn split_title(text: &str) -> (Option<&str>, &str) {
    let trimmed = text.trim_start();
    let (first, rest) = match trimmed.find('\n') {
        Some(i) => (&trimmed[..i], &trimmed[i + 1..]),
        None => return (None, text),
    };
    let first_line = first.trim();
    if is_headline(first_line) && !rest.trim().is_empty() {
        (Some(first_line), rest)
    } else {
        (None, text)
    }
}

fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    !line.is_empty()
        && words <= MAX_TITLE_WORDS
        && !line.ends_with(['.', ',', ';', ':'])
        && line.chars().any(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_and_body() {
        let d = parse(
            "a.txt",
            "Talks Resume in Geneva\nDelegates met on Monday.\n",
        );
        assert_eq!(d.title.as_deref(), Some("Talks Resume in Geneva"));
        assert_eq!(d.body, Body::Text("Delegates met on Monday.\n".into()));
    }

    #[test]
    fn a_sentence_is_not_a_title() {
        let d = parse("a.txt", "Delegates met on Monday.\nThey talked.");
        assert_eq!(d.title, None);
    }

    #[test]
    fn date_marker_is_read_and_removed() {
        let d = parse(
            "a.txt",
            " date 2024-02-06 In the midst of talks, delegates met.\nMore.",
        );
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2024, 2, 6));
        assert_eq!(d.title, None);
        match d.body {
            Body::Text(t) => assert!(t.starts_with("In the midst")),
            _ => panic!("text body expected"),
        }
    }

    #[test]
    fn bad_marker_is_left_alone() {
        let d = parse("a.txt", "date 2024-13-45 is not a date.");
        assert_eq!(d.published, None);
    }

    #[test]
    fn single_line_has_no_title() {
        let d = parse("a.txt", "Just One Line");
        assert_eq!(d.title, None);
    }
}
