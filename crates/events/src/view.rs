//! One sentence as the matcher sees it: lowercased tokens, the pattern words
//! each may be, the coded entity covering it, and its part of speech when parsed.

use demarche_model::{Document, Span, TokenKind, Upos};

use crate::lexicon::{Lexicon, WordClass};
use crate::patterns::Patterns;

pub struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    pub lower: String,
    /// Ids of the pattern words this token may be an inflection of.
    pub ids: Vec<u32>,
    /// Index into `doc.entities` of the coded actor covering the token.
    pub entity: Option<usize>,
    pub upos: Option<Upos>,
    /// The first character as written (the rest is in `lower`).
    pub text_first: String,
    /// Written in capitals throughout ("WASHINGTON").
    pub all_caps: bool,
    /// Inside a temporal expression ("on *Sunday*").
    pub in_date: bool,
}

pub struct SentenceView {
    pub span: Span,
    pub heading: bool,
    pub toks: Vec<Tok>,
    /// Tokens before this index are a dateline ("JERUSALEM (AP) --"): a place
    /// that tells where the story was filed, never an actor of its events.
    pub dateline_end: usize,
}

impl SentenceView {
    pub fn build(
        doc: &Document,
        s: usize,
        lex: &Lexicon,
        pats: &Patterns,
        cands: &mut Vec<String>,
    ) -> SentenceView {
        let sent = &doc.sentences[s];
        let range = sent.token_range();
        let syntax = doc.syntax.get(s).filter(|x| x.len() == range.len());
        let mut ent_i = doc
            .entities
            .partition_point(|e| e.span.end <= sent.span.start);
        let mut toks = Vec::with_capacity(range.len());
        for (k, t) in doc.tokens[range].iter().enumerate() {
            let lower = doc.slice(t.span).to_lowercase().replace('’', "'");
            let mut ids = Vec::new();
            if t.kind == TokenKind::Word {
                lex.lemma_candidates(&lower, cands);
                for c in cands.iter() {
                    if let Some(id) = pats.vocab.get(c) {
                        if !ids.contains(id) {
                            ids.push(*id);
                        }
                    }
                }
            }
            while ent_i < doc.entities.len() && doc.entities[ent_i].span.end <= t.span.start {
                ent_i += 1;
            }
            let entity = doc
                .entities
                .get(ent_i)
                .filter(|e| e.span.start <= t.span.start && t.span.end <= e.span.end)
                .filter(|e| e.actor.as_ref().is_some_and(|a| a.code.is_some()))
                .map(|_| ent_i);
            let text_first = doc
                .slice(t.span)
                .chars()
                .next()
                .map(String::from)
                .unwrap_or_default();
            let written = doc.slice(t.span);
            let all_caps = written.chars().count() > 1
                && written.chars().any(char::is_alphabetic)
                && !written.chars().any(char::is_lowercase);
            let in_date = demarche_model::covering(&doc.dates, |d| d.span, t.span).is_some();
            toks.push(Tok {
                text_first,
                all_caps,
                in_date,
                span: t.span,
                kind: t.kind,
                lower,
                ids,
                entity,
                upos: syntax.map(|x| x.upos[k]),
            });
        }
        let first_body = doc.sentences[..s].iter().all(|x| x.heading);
        let dateline_end = if first_body { dateline(&toks) } else { 0 };
        SentenceView {
            span: sent.span,
            heading: sent.heading,
            toks,
            dateline_end,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn is(&self, lex: &Lexicon, class: WordClass, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| lex.is(class, &t.lower))
    }

    /// Whether tokens `i` and `i+1` form a phrase of `class`.
    pub fn is_phrase(&self, lex: &Lexicon, class: WordClass, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => lex.is_phrase(class, &a.lower, &b.lower),
            _ => false,
        }
    }

    /// Punctuation that separates clauses or phrases (a hyphen inside a word is never a token).
    pub fn is_break(&self, i: usize) -> bool {
        let t = &self.toks[i];
        match t.kind {
            TokenKind::Quote => true,
            TokenKind::Punct => !matches!(t.lower.as_str(), "." if t.span.len() > 1),
            _ => false,
        }
    }

    /// A clause boundary: punctuation or a subordinating / relative / reporting word.
    pub fn is_boundary(&self, lex: &Lexicon, i: usize) -> bool {
        self.is_break(i) || self.is(lex, WordClass::Boundary, i)
    }

    /// Whether the parser (when it ran) calls token `i` a verb.
    pub fn is_verb(&self, i: usize) -> bool {
        matches!(self.toks[i].upos, Some(Upos::Verb) | Some(Upos::Aux))
    }

    pub fn cover(&self, r: std::ops::Range<usize>) -> Option<Span> {
        if r.is_empty() || r.end > self.toks.len() {
            return None;
        }
        Some(self.toks[r.start].span.cover(self.toks[r.end - 1].span))
    }
}

/// Longest dateline: capitalised words, commas and a parenthesised agency.
const DATELINE_MAX: usize = 7;

/// Where the text starts after a dateline ("KABUL (Pajhwok):", "THE HAGUE,
/// Netherlands --", "Moscow -"), or 0 when the sentence has none.
fn dateline(toks: &[Tok]) -> usize {
    let capitalised = |t: &Tok| {
        t.kind == TokenKind::Word && t.text_first.chars().next().is_some_and(char::is_uppercase)
    };
    for (j, t) in toks.iter().enumerate().take(DATELINE_MAX + 1) {
        // "New York, May 17, IRNA -": a day of the month may stand in it.
        let part = matches!(t.lower.as_str(), "(" | ")" | ",")
            || (t.kind == TokenKind::Number && j > 0 && t.lower.len() <= 4);
        if matches!(t.lower.as_str(), ":" | "—" | "–" | "-" | "--") {
            return if j > 0 && j + 1 < toks.len() {
                j + 1
            } else {
                0
            };
        }
        // "Bogota, March 8 (IANS) The president", "CAIRO (AP) \" Police": the agency's
        // closing bracket ends the dateline when the story or a stray quote mark follows.
        let place_first = toks[..j].iter().any(|x| x.lower == ",")
            || (toks[0].kind == TokenKind::Word && toks[0].all_caps);
        if t.lower == ")" && j > 2 && toks[j - 2].lower == "(" && place_first {
            match toks.get(j + 1) {
                Some(n) if n.kind == TokenKind::Quote && j + 2 < toks.len() => return j + 2,
                Some(n) if capitalised(n) => return j + 1,
                _ => {}
            }
        }
        if !(capitalised(t) || part) {
            return 0;
        }
    }
    0
}
