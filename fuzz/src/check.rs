//! Invariants shared by the targets. Each panics with a message saying which one broke.

use demarche_model::{Sentence, Span, Token};
use unicode_normalization::is_nfc;

/// `span` lies inside `text` and starts and ends on character boundaries.
pub fn span_in(text: &str, span: Span, what: &str) {
    let (a, b) = (span.start as usize, span.end as usize);
    assert!(
        a <= b && b <= text.len(),
        "{what}: span {a}..{b} outside a text of {} bytes",
        text.len()
    );
    assert!(
        text.is_char_boundary(a) && text.is_char_boundary(b),
        "{what}: span {a}..{b} cuts a character"
    );
}

/// Tokens: non-empty, in order, not overlapping, never starting with a space.
pub fn tokens(text: &str, toks: &[Token]) {
    let mut prev_end = 0;
    for t in toks {
        span_in(text, t.span, "token");
        assert!(!t.span.is_empty(), "empty token at {}", t.span.start);
        assert!(
            t.span.start >= prev_end,
            "token {:?} overlaps the one before",
            t.span
        );
        let s = t.span.of(text);
        assert!(
            !s.starts_with(char::is_whitespace),
            "token {s:?} starts with a space"
        );
        prev_end = t.span.end;
    }
}

/// Sentences: consecutive non-empty token ranges that cover every token,
/// each spanning from its first token to its last.
pub fn sentences(text: &str, toks: &[Token], sents: &[Sentence]) {
    let mut next = 0usize;
    for s in sents {
        let r = s.token_range();
        assert_eq!(r.start, next, "sentences skip or repeat tokens");
        assert!(r.start < r.end, "empty sentence at token {}", r.start);
        assert!(r.end <= toks.len(), "sentence past the last token");
        span_in(text, s.span, "sentence");
        assert_eq!(s.span.start, toks[r.start].span.start, "sentence start");
        assert_eq!(s.span.end, toks[r.end - 1].span.end, "sentence end");
        next = r.end;
    }
    assert_eq!(next, toks.len(), "sentences leave tokens out");
}

/// Paragraphs: in order, trimmed, never empty.
pub fn paragraphs(text: &str, paras: &[Span]) {
    let mut prev_end = 0;
    for p in paras {
        span_in(text, *p, "paragraph");
        let s = p.of(text);
        assert!(
            !s.is_empty() && s.trim() == s,
            "paragraph {p:?} is empty or untrimmed"
        );
        assert!(p.start >= prev_end, "paragraphs overlap");
        prev_end = p.end;
    }
}

/// What the cleaner promises: NFC, one paragraph per line, plain single spaces,
/// no control characters.
pub fn cleaned(text: &str) {
    assert!(is_nfc(text), "cleaned text is not NFC: {text:?}");
    if text.is_empty() {
        return;
    }
    for line in text.split('\n') {
        assert!(!line.is_empty(), "blank line left in {text:?}");
        assert_eq!(line.trim(), line, "untrimmed line {line:?}");
        assert!(!line.contains("  "), "double space in {line:?}");
        assert!(
            !line.chars().any(|c| c.is_control()),
            "control character in {line:?}"
        );
    }
}

/// Byte spans sorted by start and not overlapping.
pub fn ordered_disjoint(spans: impl Iterator<Item = Span>, what: &str) {
    let mut prev: Option<Span> = None;
    for s in spans {
        if let Some(p) = prev {
            assert!(
                p.end <= s.start,
                "{what}: {p:?} and {s:?} overlap or are out of order"
            );
        }
        prev = Some(s);
    }
}

/// An input error as the user sees it: one line that names the input.
pub fn one_line_error(message: &str, file: &str) {
    assert!(
        !message.contains('\n'),
        "error on several lines: {message:?}"
    );
    assert!(
        message.contains(file),
        "error does not name {file}: {message:?}"
    );
}
