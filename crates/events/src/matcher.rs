//! Finds pattern matches in a sentence and keeps the longest at each place.

use std::ops::Range;

use demarche_model::Upos;

use crate::lexicon::{Lexicon, WordClass};
use crate::patterns::{Elem, Patterns, Slot};
use crate::view::SentenceView;

/// Most words a slot between two pattern words may hold ("accuse [T] of").
const MAX_INNER_SLOT: usize = 14;
/// Most words a theme slot may hold ("returned an 18th century, leather-bound manuscript to").
const MAX_THEME_SLOT: usize = 24;
/// Most words skipped between two adjacent pattern words ("impose new sanctions on").
const MAX_GAP: usize = 4;
/// Most words in a noun phrase read after a pattern.
const MAX_NP: usize = 12;

#[derive(Clone, Debug)]
pub struct Match {
    pub pattern: usize,
    pub head: usize,
    pub words: Vec<usize>,
    pub slots: Vec<(Slot, Range<usize>)>,
    /// One past the last token the match covers.
    pub end: usize,
}

impl Match {
    pub fn slot(&self, s: Slot) -> Option<Range<usize>> {
        self.slots
            .iter()
            .find(|(k, _)| *k == s)
            .map(|(_, r)| r.clone())
    }
}

/// All non-overlapping matches of a sentence, by head position.
pub fn find(view: &SentenceView, pats: &Patterns, lex: &Lexicon) -> Vec<Match> {
    let mut all = Vec::new();
    for head in 0..view.len() {
        for id in &view.toks[head].ids {
            let Some(list) = pats.by_head.get(id) else {
                continue;
            };
            for &p in list {
                if let Some(m) = match_at(view, pats, p, head, lex) {
                    all.push(m);
                }
            }
        }
    }
    // Longest first (more pattern words, then a filled slot), then file order.
    all.sort_by_key(|m| {
        let pat = &pats.list[m.pattern];
        let filled = m.slots.iter().any(|(_, r)| !r.is_empty());
        (
            std::cmp::Reverse(pat.words()),
            std::cmp::Reverse(filled),
            pat.line,
        )
    });
    let mut used = vec![false; view.len()];
    let mut heads_taken = vec![false; view.len()];
    let mut kept = Vec::new();
    for m in all {
        if heads_taken[m.head] || m.words.iter().any(|&w| used[w]) {
            continue;
        }
        for &w in &m.words {
            used[w] = true;
        }
        heads_taken[m.head] = true;
        kept.push(m);
    }
    kept.sort_by_key(|m| m.head);
    kept
}

fn matches_word(view: &SentenceView, i: usize, alts: &[u32]) -> bool {
    view.toks[i].ids.iter().any(|id| alts.contains(id))
}

fn pos_fits(view: &SentenceView, i: usize, noun: bool) -> bool {
    match view.toks[i].upos {
        None => true,
        // Nominal patterns refuse verb forms by their ending instead (taggers miss plurals).
        Some(_) if noun => true,
        Some(u) => !matches!(
            u,
            Upos::Noun | Upos::Propn | Upos::Det | Upos::Adp | Upos::Pron
        ),
    }
}

fn match_at(
    view: &SentenceView,
    pats: &Patterns,
    p: usize,
    head: usize,
    lex: &Lexicon,
) -> Option<Match> {
    let pat = &pats.list[p];
    if !pos_fits(view, head, pat.noun) || inside_name(view, head) {
        return None;
    }
    // A word right after an article is a noun or adjective, not a verb ("a free trade deal").
    if !pat.noun && head > 0 && view.is(lex, WordClass::Determiner, head - 1) {
        return None;
    }
    // A nominal pattern never fires on a verb form ("requesting" is not "request").
    if pat.noun {
        let w = &view.toks[head].lower;
        let exact = match (pats.vocab.get(w.as_str()), pat.elems.first()) {
            (Some(id), Some(Elem::Word(alts))) => alts.contains(id),
            _ => false,
        };
        if (w.ends_with("ing") || w.ends_with("ed")) && !exact {
            return None;
        }
    }
    let n = view.len();
    let mut pos = head + 1;
    let mut words = vec![head];
    let mut slots = Vec::new();
    let mut pending: Option<(Slot, usize)> = None;
    for elem in &pat.elems[1..] {
        match elem {
            Elem::Slot(s) => pending = Some((*s, pos)),
            Elem::Word(alts) => {
                // A theme ("returned artifacts, including a krater, to Italy") may hold
                // commas, brackets and a relative clause; other slots stop at them.
                let theme = matches!(pending, Some((Slot::Other, _)));
                let limit = match pending {
                    Some(_) if theme => MAX_THEME_SLOT,
                    Some(_) => MAX_INNER_SLOT,
                    None => MAX_GAP,
                };
                let mut found = None;
                let mut j = pos;
                while j < n && j <= pos + limit {
                    if matches_word(view, j, alts) && (pending.is_none() || j > pos) {
                        found = Some(j);
                        break;
                    }
                    // A named actor right after a pattern word is its object, which a
                    // pattern with a gap there has no slot for ("met Trump in
                    // Washington" is no meeting with Washington); an owner is not
                    // ("closed Venezuela's borders with").
                    if pending.is_none() && j == pos && names_object(view, j) {
                        break;
                    }
                    let quote = view.toks[j].kind == demarche_model::TokenKind::Quote;
                    let inner = theme && view.is(lex, WordClass::ThemeThrough, j);
                    if !inner
                        && ((view.is_break(j) && !quote) || view.is(lex, WordClass::Boundary, j))
                    {
                        break;
                    }
                    j += 1;
                }
                let j = found?;
                // A slot holds a noun phrase, never an auxiliary or modal ("forces ... could attempt to").
                // (In a theme, only before a clause or an aside opens on it.)
                if pending.is_some_and(|(_, start)| {
                    let upto = if theme {
                        (start..j)
                            .find(|&k| view.is(lex, WordClass::ThemeThrough, k))
                            .unwrap_or(j)
                    } else {
                        j
                    };
                    // ("a May 15 deadline": a month is no modal.)
                    (start..upto).any(|k| {
                        view.is(lex, WordClass::Skip, k)
                            && view.toks[k].lower != "'s"
                            && !view.toks[k].in_date
                    })
                }) {
                    return None;
                }
                if let Some((s, start)) = pending.take() {
                    slots.push((s, start..j));
                }
                words.push(j);
                pos = j + 1;
            }
        }
    }
    let mut end = pos;
    if let Some((s, mut start)) = pending {
        // "vetoed on Friday a resolution": a date right after the words is not the object.
        let date_at = |k: usize| view.toks.get(k).is_some_and(|t| t.in_date);
        while start < n
            && (date_at(start)
                || (view.is(lex, WordClass::Preposition, start) && date_at(start + 1)))
        {
            start += 1;
        }
        let np = np_end(view, start, lex);
        if np == start && pat.words() == 1 && !is_passive(view, head, lex) {
            return None;
        }
        slots.push((s, start..np));
        end = np;
    }
    Some(Match {
        pattern: p,
        head,
        words,
        slots,
        end,
    })
}

/// Whether a named actor starts at token `i` and is not an owner ("Iran's").
fn names_object(view: &SentenceView, i: usize) -> bool {
    let Some(e) = view.toks[i].entity else {
        return false;
    };
    let mut end = i;
    while end < view.len() && view.toks[end].entity == Some(e) {
        end += 1;
    }
    view.toks.get(end).is_none_or(|t| t.lower != "'s")
}

/// Where a noun phrase starting at `start` ends: at punctuation, a clause
/// boundary, a preposition other than "of", or a verb when the parser ran.
pub fn np_end(view: &SentenceView, start: usize, lex: &Lexicon) -> usize {
    let n = view.len();
    let mut i = start;
    while i < n && i - start < MAX_NP {
        let first = i == start;
        if view.is_break(i) || view.is(lex, WordClass::Boundary, i) {
            break;
        }
        // "at least six people", "up to 100": quantifiers, not prepositions.
        if view.is(lex, WordClass::Preposition, i)
            && matches!(
                view.toks.get(i + 1).map(|t| t.lower.as_str()),
                Some("least" | "most" | "leaving")
            )
        {
            i += 2;
            continue;
        }
        if view.is(lex, WordClass::Preposition, i) && view.toks[i].lower != "of" {
            break;
        }
        if !first && (view.is_verb(i) || view.is(lex, WordClass::Report, i)) {
            break;
        }
        if first && view.is(lex, WordClass::Skip, i) && view.toks[i].lower != "'s" {
            break;
        }
        i += 1;
    }
    // A phrase does not end on a joining or function word.
    while i > start
        && (view.is(lex, WordClass::Coordination, i - 1) || view.toks[i - 1].lower == "of")
    {
        i -= 1;
    }
    i
}

/// "was condemned", "has been attacked": a form of "be" before a participle.
pub fn is_passive(view: &SentenceView, head: usize, lex: &Lexicon) -> bool {
    let w = &view.toks[head].lower;
    if !(w.ends_with("ed") || w.ends_with("en") || w.ends_with('t')) {
        return false;
    }
    let mut j = head;
    while j > 0 {
        j -= 1;
        let t = view.toks[j].lower.as_str();
        if matches!(
            t,
            "is" | "are" | "was" | "were" | "been" | "being" | "be" | "get" | "got"
        ) {
            return true;
        }
        if !(view.is(lex, WordClass::Skip, j) || t.ends_with("ly")) {
            return false;
        }
    }
    false
}

/// A capitalised word inside a sentence is part of a name ("a Free Cuba",
/// "Strike Force"), not a trigger; headlines capitalise every word.
fn inside_name(view: &SentenceView, i: usize) -> bool {
    if view.heading || i == 0 || view.is_break(i - 1) {
        return false;
    }
    let w = &view.toks[i];
    let mut chars = w.text_first.chars();
    chars.next().is_some_and(char::is_uppercase) && w.kind == demarche_model::TokenKind::Word
}
