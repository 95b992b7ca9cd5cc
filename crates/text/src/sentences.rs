//! Sentence boundaries over tokens.
//!
//! A line break always ends a sentence (the cleaner leaves one paragraph per
//! line, so headlines and section titles stand alone). Inside a line, a
//! sentence ends after . ! ? or … (with the closing quotes and brackets that
//! follow) when the next token opens a sentence: a capital, a digit, or an
//! opening quotation mark. Abbreviations decide by class: titles ("Gen.")
//! never end one; others ("U.S.", "Jan.", "Inc.") only before a usual
//! sentence opener.

use demarche_model::{Sentence, Span, Token, TokenKind};

use crate::config::{AbbrevClass, TextConfig};

pub fn split(text: &str, tokens: &[Token], cfg: &TextConfig) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while i < tokens.len() {
        let mut end = i + 1; // exclusive end of the candidate sentence
        let boundary = if line_break_between(text, tokens, i) {
            true
        } else if let Some(class) = abbreviation_class(text, &tokens[i], cfg)
            // "Yahoo! News": a listed name spelt with "!" is read as an abbreviation (its
            // "!" is a terminator, so it is looked at first).
            .or_else(|| exclaimed_name(text, tokens, i, cfg))
        {
            class == AbbrevClass::General
                && tokens
                    .get(i + 1)
                    .is_some_and(|n| cfg.is_sentence_starter(n.span.of(text)))
        } else if is_terminator(text, &tokens[i]) {
            end = absorb_closers(text, tokens, i + 1);
            end < tokens.len()
                && (line_break_between(text, tokens, end - 1) || opens_sentence(text, tokens, end))
        } else {
            false
        };
        if boundary || end >= tokens.len() {
            let end = end.min(tokens.len());
            out.push(make_sentence(text, tokens, start, end));
            start = end;
        }
        i = end;
    }
    if start < tokens.len() {
        out.push(make_sentence(text, tokens, start, tokens.len()));
    }
    out
}

fn make_sentence(text: &str, tokens: &[Token], start: usize, end: usize) -> Sentence {
    let span = Span {
        start: tokens[start].span.start,
        end: tokens[end - 1].span.end,
    };
    let whole_line = starts_line(text, span.start as usize) && ends_line(text, span.end as usize);
    let toks = &tokens[start..end];
    // A line that stops without a full stop, and does not lead into what follows (":" ","), is a title.
    let leads_on = toks
        .last()
        .is_some_and(|t| matches!(t.span.of(text), ":" | "," | ";" | "—" | "–" | "-"));
    let heading = whole_line && !leads_on && toks.len() <= 40 && !ends_with_terminator(text, toks);
    Sentence {
        span,
        tokens: start as u32..end as u32,
        heading,
    }
}

fn starts_line(text: &str, pos: usize) -> bool {
    text[..pos]
        .chars()
        .rev()
        .take_while(|c| *c != '\n')
        .all(char::is_whitespace)
}

fn ends_line(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .take_while(|c| *c != '\n')
        .all(char::is_whitespace)
}

/// The sentence's last non-closing token is a terminator (closing quotes may follow it).
fn ends_with_terminator(text: &str, toks: &[Token]) -> bool {
    toks.iter()
        .rev()
        .find(|t| !is_closer(t.span.of(text)))
        .is_some_and(|t| is_terminator(text, t) || t.span.of(text).ends_with('.'))
}

fn line_break_between(text: &str, tokens: &[Token], i: usize) -> bool {
    match tokens.get(i + 1) {
        Some(next) => text[tokens[i].span.end as usize..next.span.start as usize].contains('\n'),
        None => false,
    }
}

fn is_terminator(text: &str, t: &Token) -> bool {
    let s = t.span.of(text);
    // "." "!" "?" "…", runs of dots ("...") and "?!" / "!?".
    t.kind == TokenKind::Punct
        && (matches!(s, "." | "!" | "?" | "…" | "?!" | "!?")
            || (s.len() >= 2 && s.bytes().all(|b| b == b'.')))
}

fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "”" | "’" | "»" | "›" | "\"" | "'" | "''" | "’’" | ")" | "]" | "」" | "』"
    )
}

/// After a terminator, the closing quotes and brackets that belong to the same sentence:
/// those written right after it, without a space.
fn absorb_closers(text: &str, tokens: &[Token], mut j: usize) -> usize {
    while let Some(t) = tokens.get(j) {
        let glued = t.span.start == tokens[j - 1].span.end;
        let s = t.span.of(text);
        let closing = matches!(s, "”" | "»" | "›" | ")" | "]" | "」" | "』")
            || (glued && matches!(s, "\"" | "'" | "’" | "''" | "’’"));
        if !closing {
            break;
        }
        j += 1;
    }
    j
}

/// Token `j` can open a sentence: capitalised word, number, or an opening mark before one.
fn opens_sentence(text: &str, tokens: &[Token], j: usize) -> bool {
    let Some(t) = tokens.get(j) else { return false };
    let first = t.span.of(text).chars().next().unwrap_or(' ');
    match t.kind {
        TokenKind::Word => first.is_uppercase() || !first.is_alphabetic(),
        TokenKind::Number => true,
        TokenKind::Quote | TokenKind::Punct => {
            matches!(
                first,
                '“' | '«' | '„' | '‘' | '"' | '\'' | '`' | '(' | '[' | '‹' | '-' | '—' | '–'
            ) && tokens.get(j + 1).is_some_and(|n| {
                let c = n.span.of(text).chars().next().unwrap_or(' ');
                c.is_uppercase() || c.is_numeric() || n.kind == TokenKind::Quote
            })
        }
        TokenKind::Symbol => true,
    }
}

/// The class of a listed name spelt with "!" ("Yahoo!") when token `i` is its "!",
/// written against the word before it.
fn exclaimed_name(text: &str, tokens: &[Token], i: usize, cfg: &TextConfig) -> Option<AbbrevClass> {
    let bang = &tokens[i];
    let word = tokens.get(i.checked_sub(1)?)?;
    if bang.span.of(text) != "!" || word.span.end != bang.span.start {
        return None;
    }
    cfg.abbreviation(&text[word.span.start as usize..bang.span.end as usize])
}

fn abbreviation_class(text: &str, t: &Token, cfg: &TextConfig) -> Option<AbbrevClass> {
    if t.kind != TokenKind::Word {
        return None;
    }
    let s = t.span.of(text);
    if !s.ends_with('.') {
        return None;
    }
    // Known abbreviations by spelling; dotted initialisms ("U.S.") and initials ("J.") by shape.
    cfg.abbreviation(s).or(Some(AbbrevClass::General))
}
