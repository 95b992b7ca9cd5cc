//! Word units: the document's tokens as the matcher sees them. A possessive
//! ending is its own unit ("Russia's" → "Russia" + "'s") whatever the
//! tokeniser did, and every unit carries its normalised text.

use demarche_model::{Document, Span, Token, TokenKind};

use crate::norm;

#[derive(Clone, Debug)]
pub struct Unit {
    pub span: Span,
    pub kind: TokenKind,
    /// Byte range of the normalised text in [`Units::norm`].
    pub norm: std::ops::Range<u32>,
    pub sentence: u32,
    pub cap: bool,
    pub all_caps: bool,
    /// First word of its sentence (capitalisation there says little).
    pub sentence_start: bool,
    /// In a headline or title (title case: capitalisation says nothing).
    pub heading: bool,
}

/// All units of a document plus one string holding their normalised texts,
/// each followed by a space (the matcher's haystack).
#[derive(Debug, Default)]
pub struct Units {
    pub units: Vec<Unit>,
    pub norm: String,
}

impl Units {
    pub fn of(doc: &Document) -> Units {
        let owned;
        let tokens: &[Token] = if doc.tokens.is_empty() && !doc.text.is_empty() {
            owned = fallback_tokens(&doc.text);
            &owned
        } else {
            &doc.tokens
        };
        let mut out = Units {
            units: Vec::with_capacity(tokens.len() + 8),
            norm: String::with_capacity(doc.text.len() + tokens.len()),
        };
        let mut sentence = 0usize;
        let mut last_sentence = usize::MAX;
        for tok in tokens {
            while sentence + 1 < doc.sentences.len()
                && doc.sentences[sentence].span.end <= tok.span.start
            {
                sentence += 1;
            }
            // The first word of a sentence, after any opening quotes or dashes.
            let start_of_sentence = sentence != last_sentence && tok.kind == TokenKind::Word;
            if start_of_sentence || (sentence != last_sentence && doc.sentences.is_empty()) {
                last_sentence = sentence;
            }
            let heading = doc
                .sentences
                .get(sentence)
                .is_some_and(|s| s.heading && s.span.start <= tok.span.start);
            let text = tok.span.of(&doc.text);
            match possessive_split(text) {
                Some(cut) if tok.kind == TokenKind::Word => {
                    let a = Span::new(tok.span.start as usize, tok.span.start as usize + cut);
                    out.push(
                        doc,
                        a,
                        TokenKind::Word,
                        sentence,
                        start_of_sentence,
                        heading,
                    );
                    let b = Span::new(a.end as usize, tok.span.end as usize);
                    out.push(doc, b, TokenKind::Word, sentence, false, heading);
                }
                _ => out.push(
                    doc,
                    tok.span,
                    tok.kind,
                    sentence,
                    start_of_sentence,
                    heading,
                ),
            }
        }
        out.mark_shouted_sentences();
        out
    }

    /// A sentence written all in capitals ("RUSSIA WARNS US") is read like a
    /// headline: capitalisation says nothing there.
    fn mark_shouted_sentences(&mut self) {
        let mut i = 0;
        while i < self.units.len() {
            let s = self.units[i].sentence;
            let mut j = i;
            let (mut words, mut shouted) = (0, 0);
            while j < self.units.len() && self.units[j].sentence == s {
                if self.units[j].kind == TokenKind::Word
                    && self.norm[self.units[j].norm.start as usize..self.units[j].norm.end as usize]
                        .len()
                        > 1
                {
                    words += 1;
                    shouted += self.units[j].all_caps as usize;
                }
                j += 1;
            }
            if words >= 2 && shouted * 10 >= words * 8 {
                for u in &mut self.units[i..j] {
                    u.heading = true;
                }
            }
            i = j;
        }
    }

    fn push(
        &mut self,
        doc: &Document,
        span: Span,
        kind: TokenKind,
        sentence: usize,
        sentence_start: bool,
        heading: bool,
    ) {
        let text = span.of(&doc.text);
        let start = self.norm.len();
        norm::push_token(text, &mut self.norm);
        let end = self.norm.len();
        self.norm.push(' ');
        self.units.push(Unit {
            span,
            kind,
            norm: start as u32..end as u32,
            sentence: sentence as u32,
            cap: norm::is_capitalised(text),
            all_caps: norm::is_all_caps(text),
            sentence_start,
            heading,
        });
    }

    pub fn norm_of(&self, i: usize) -> &str {
        let r = &self.units[i].norm;
        &self.norm[r.start as usize..r.end as usize]
    }

    pub fn len(&self) -> usize {
        self.units.len()
    }

    /// Index of the first unit ending after byte `pos`.
    pub fn at_or_after(&self, pos: u32) -> usize {
        self.units.partition_point(|u| u.span.end <= pos)
    }
}

/// Where a possessive ending starts in a word token ("Russia's" → 6), if it has one.
pub fn possessive_split(text: &str) -> Option<usize> {
    for suffix in ["'s", "\u{2019}s", "'S", "\u{2019}S"] {
        if let Some(head) = text.strip_suffix(suffix) {
            if !head.is_empty() {
                return Some(head.len());
            }
        }
    }
    // "Hamas'" / "Brussels’": a bare apostrophe after s.
    for suffix in ["'", "\u{2019}"] {
        if let Some(head) = text.strip_suffix(suffix) {
            if head.ends_with('s') && head.len() > 1 {
                return Some(head.len());
            }
        }
    }
    None
}

/// A plain tokeniser used only when the text stage has not filled `doc.tokens`
/// (callers that build documents by hand, the evaluation examples).
pub fn fallback_tokens(text: &str) -> Vec<Token> {
    norm::split_words(text)
        .into_iter()
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            let first = w.chars().next().unwrap_or(' ');
            let kind = if first.is_alphabetic() {
                TokenKind::Word
            } else if first.is_ascii_digit() {
                TokenKind::Number
            } else if matches!(
                first,
                '"' | '\u{201C}'
                    | '\u{201D}'
                    | '\u{2018}'
                    | '\u{2019}'
                    | '\u{00AB}'
                    | '\u{00BB}'
                    | '\''
            ) {
                TokenKind::Quote
            } else if first.is_ascii_punctuation()
                || matches!(first, '\u{2014}' | '\u{2013}' | '\u{2026}')
            {
                TokenKind::Punct
            } else {
                TokenKind::Symbol
            };
            Token {
                span: Span::new(start, start + w.len()),
                kind,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_become_units_of_their_own() {
        let doc = Document::new("t", "Iran\u{2019}s envoy met NATO's chief.".into());
        let u = Units::of(&doc);
        let words: Vec<&str> = (0..u.len()).map(|i| u.norm_of(i)).collect();
        assert_eq!(
            words,
            ["iran", "'s", "envoy", "met", "nato", "'s", "chief", "."]
        );
        assert!(u.units[0].cap && u.units[4].all_caps && !u.units[2].cap);
    }
}
