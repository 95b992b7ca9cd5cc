//! Which way an expression points: the nearest tense cue in its sentence.

use crate::lexicon::{Class, Lexicon};
use crate::scan::{norm, Kind, Tok};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tense {
    Past,
    Future,
    Unknown,
}

/// Tokens looked at before and after an expression.
const WINDOW_BEFORE: usize = 12;
const WINDOW_AFTER: usize = 8;

/// The tense of the nearest cue around tokens `start..end`, within the sentence.
/// Cues after the expression count as twice as far: the verb usually comes first.
pub fn tense_around(toks: &[Tok], lower: &str, lex: &Lexicon, start: usize, end: usize) -> Tense {
    // "Wednesday's ruling": a possessive date names something already known.
    if norm_at(toks, lower, end) == "'"
        && norm_at(toks, lower, end + 1) == "s"
        && !toks[end].space_before
    {
        return Tense::Past;
    }
    let mut before = None;
    let mut k = start;
    while k > 0 && start - k < WINDOW_BEFORE {
        if ends_sentence(toks, lower, k) {
            break;
        }
        k -= 1;
        if let Some(t) = cue(toks, lower, lex, k) {
            before = Some((start - k, t));
            break;
        }
    }
    let mut after = None;
    let mut k = end;
    while k < toks.len() && k - end < WINDOW_AFTER {
        if k > end && ends_sentence(toks, lower, k) {
            break;
        }
        if let Some(t) = cue(toks, lower, lex, k) {
            after = Some((2 * (k + 1 - end), t));
            break;
        }
        k += 1;
    }
    match (before, after) {
        (Some((db, tb)), Some((da, ta))) => {
            if da < db {
                ta
            } else {
                tb
            }
        }
        (Some((_, t)), None) | (None, Some((_, t))) => t,
        (None, None) => Tense::Unknown,
    }
}

/// A sentence boundary lies just before token `k`.
fn ends_sentence(toks: &[Tok], lower: &str, k: usize) -> bool {
    if toks[k].newline_before {
        return true;
    }
    k > 0 && matches!(norm(lower, &toks[k - 1]), "." | "!" | "?" | ";") && toks[k].capital
}

fn cue(toks: &[Tok], lower: &str, lex: &Lexicon, k: usize) -> Option<Tense> {
    let t = &toks[k];
    if t.kind != Kind::Alpha {
        return None;
    }
    let mut past_like = false;
    for (_, class) in lex.at(toks, lower, k) {
        match class {
            Class::CueFuture => return Some(Tense::Future),
            Class::CuePast => past_like = true,
            _ => {}
        }
    }
    let w = norm(lower, t);
    past_like |= w.len() >= 5 && w.ends_with("ed");
    if !past_like {
        return None;
    }
    // A participle after "be" ("will be held") is not a past tense.
    let passive = (1..=2).any(|b| k >= b && matches!(norm(lower, &toks[k - b]), "be" | "being"));
    (!passive).then_some(Tense::Past)
}

fn norm_at<'a>(toks: &[Tok], lower: &'a str, k: usize) -> &'a str {
    toks.get(k).map_or("", |t| norm(lower, t))
}
