//! A read-only view of a document for the quotes stage: token tests, the
//! sentence and paragraph of each token, quoted segments and cues, computed once.

use demarche_model::{Document, TokenKind, Upos};

use crate::config::{with_lower, CueFlags, QuoteConfig};
use crate::marks::{self, Segment};

/// A reporting cue found in the text: tokens `[start, end)`.
#[derive(Clone, Copy, Debug)]
pub struct Cue {
    pub start: usize,
    pub end: usize,
    pub flags: CueFlags,
    /// The -ing form ("saying", "adding"): its speaker is the clause's subject.
    pub participle: bool,
}

pub struct View<'a> {
    pub doc: &'a Document,
    pub cfg: &'a QuoteConfig,
    pub para_of: Vec<usize>,
    pub sent_of: Vec<usize>,
    pub segments: Vec<Segment>,
    /// The segment whose marks or content hold each token.
    pub seg_of: Vec<Option<usize>>,
    /// The cue starting at each token.
    pub cue_at: Vec<Option<Cue>>,
    /// Paragraphs that are headlines or titles: no final stop.
    pub headline: Vec<bool>,
}

impl<'a> View<'a> {
    pub fn new(doc: &'a Document, cfg: &'a QuoteConfig) -> View<'a> {
        let para_of = marks::token_paragraphs(doc);
        let mut sent_of = vec![0; doc.tokens.len()];
        for (s, sent) in doc.sentences.iter().enumerate() {
            for slot in &mut sent_of[sent.token_range()] {
                *slot = s;
            }
        }
        let segments = marks::segments(doc, &para_of);
        let mut seg_of = vec![None; doc.tokens.len()];
        for (k, seg) in segments.iter().enumerate() {
            for slot in &mut seg_of[seg.open..seg.after.min(doc.tokens.len())] {
                *slot = Some(k);
            }
        }
        let mut view = View {
            doc,
            cfg,
            para_of,
            sent_of,
            segments,
            seg_of,
            cue_at: Vec::new(),
            headline: Vec::new(),
        };
        view.headline = view.headline_paragraphs();
        view.cue_at = (0..doc.tokens.len()).map(|i| view.find_cue(i)).collect();
        view
    }

    fn headline_paragraphs(&self) -> Vec<bool> {
        let mut last_of = vec![None; self.doc.paragraphs.len()];
        let mut words = vec![0usize; self.doc.paragraphs.len()];
        for (i, &p) in self.para_of.iter().enumerate() {
            if p < last_of.len() {
                last_of[p] = Some(i);
                words[p] += usize::from(self.is_word(i));
            }
        }
        last_of
            .iter()
            .zip(words)
            .map(|(last, words)| {
                let Some(mut j) = *last else { return false };
                while j > 0 && self.is_quote_mark(j) && !self.is_stop(j) {
                    j -= 1;
                }
                // "“…,” Backlund said" with its stop lost is a sentence, not a title.
                let ends_with_cue = self.text(j).chars().next().is_some_and(char::is_lowercase)
                    && !self.cfg.cues_for(self.text(j)).is_empty();
                let unfinished = !(self.is_stop(j)
                    || self.text(j).ends_with('.')
                    || self.is(j, ":")
                    || self.is(j, ","));
                unfinished && !ends_with_cue && words <= self.cfg.settings.direct.headline_max_words
            })
            .collect()
    }

    /// A sentence written in title case ("Clinton Hid Health Problems, Doctor Says.").
    fn title_case(&self, s: usize) -> bool {
        let range = self.sentence(s);
        let words = range
            .clone()
            .filter(|&k| self.is_word(k) && self.text(k).len() > 3)
            .count();
        let capitalised = range
            .filter(|&k| self.is_word(k) && self.text(k).len() > 3 && self.is_capitalised(k))
            .count();
        words >= 3 && capitalised * 10 >= words * 8
    }

    /// Is the word at `i` used as a reporting verb here? Rules out names ("the United States"),
    /// nouns ("his remarks", "the report"), and verbs that report nothing ("would respond").
    fn used_as_cue(&self, i: usize, word: &str) -> bool {
        let s = &self.cfg.settings;
        let sentence_start = self
            .doc
            .sentences
            .get(self.sent_of[i])
            .is_some_and(|x| x.tokens.start as usize == i);
        let capitalised = word.chars().next().is_some_and(char::is_uppercase);
        if capitalised
            && !sentence_start
            && !self.in_headline(i)
            && !self.title_case(self.sent_of[i])
        {
            return false;
        }
        // "may contain added sugar": a participle the parse makes the modifier of the noun
        // right after it, with no subject before it.
        if self.relation(i) == Some("amod")
            && i > 0
            && i + 1 < self.len()
            && matches!(self.tag(i + 1), Some(Upos::Noun | Upos::Propn))
            && matches!(
                self.tag(i - 1),
                Some(Upos::Verb | Upos::Aux | Upos::Det | Upos::Adj | Upos::Adp)
            )
        {
            return false;
        }
        if i == 0 || sentence_start {
            return true;
        }
        let prev = i - 1;
        // "his remarks", "the said party": a noun; but "Some said …", "Three said …", "one
        // in three said …": a determiner or number ending the verb's own subject phrase
        // (its subject, or a word under it).
        if (self.in_set(prev, &s.speaker.determiners) || self.in_set(prev, &s.content.possessives))
            && !(self.tag(i) == Some(Upos::Verb) && self.in_subject_of(prev, i))
        {
            return false;
        }
        // "went on Twitter to say …": an infinitive of purpose reports, as one going on
        // ("went on to say", "continued to insist"); "declined to say" (a complement of the
        // verb before) does not.
        let purpose = self.is(prev, "to")
            && (self.relation(i) == Some("advcl") || self.resumes_before(prev).is_some());
        if self.in_set(prev, &s.content.irrealis)
            && !purpose
            && self
                .cfg
                .cues_for(word)
                .iter()
                .any(|e| e.lemma.eq_ignore_ascii_case(word))
        {
            return false;
        }
        let entries = self.cfg.cues_for(word);
        let bare = entries
            .iter()
            .any(|e| e.flags.noun && is_bare_form(word, &e.lemma));
        if bare {
            // "they claim", "officials note" are verbs; "GOP state senator", "a claim" are not.
            let plural = self.text(prev).ends_with('s')
                && !self.text(prev).contains('\'')
                && !self.text(prev).contains('’');
            let third_person = !entries.iter().any(|e| e.lemma.eq_ignore_ascii_case(word));
            // "a news report published …": a noun a common noun before it modifies as a
            // compound, in a phrase a singular determiner opens (after a name, or with
            // another determiner, the parse is less sure: "The Journal reports", "both
            // groups report").
            let determined = (prev.saturating_sub(3)..prev)
                .rev()
                .take_while(|&k| !self.is_capitalised(k) || self.in_set(k, &s.speaker.determiners))
                .find(|&k| self.in_set(k, &s.speaker.determiners))
                .is_some_and(|k| self.in_set(k, &s.speaker.singular_determiners));
            if self.relation(prev) == Some("compound")
                && self.tag(i) == Some(Upos::Noun)
                && !self.is_capitalised(prev)
                && determined
            {
                return false;
            }
            // "The Cruz campaign calls this …": after a common noun, the parse decides (a
            // verb whose subject that noun ends).
            return self.in_set(prev, &s.speaker.pronouns)
                || self.in_set(prev, &s.speaker.between)
                || (third_person && self.is_capitalised(prev))
                || (!third_person && plural)
                || (third_person
                    && !self.in_set(i, &s.speaker.plural_nouns)
                    && self.verb_after_noun_subject(prev, i));
        }
        if self.cfg.is_reporting_noun(word) {
            // "The Times reports", "he claims" are verbs; "public remarks" is a noun.
            return self.is_capitalised(prev)
                || self.in_set(prev, &s.speaker.pronouns)
                || self.in_set(prev, &s.speaker.between);
        }
        true
    }

    fn find_cue(&self, i: usize) -> Option<Cue> {
        if !self.is_word(i) {
            return None;
        }
        let word = self.text(i);
        let entries = self.cfg.cues_for(word);
        if entries.is_empty() || !self.used_as_cue(i, word) {
            return None;
        }
        for entry in entries {
            let fits = entry.rest.iter().enumerate().all(|(k, w)| {
                self.is_word(i + 1 + k) && self.text(i + 1 + k).eq_ignore_ascii_case(w)
            });
            if fits {
                // "…, going on to say that …" speaks, as "…, adding that …" does, for
                // the clause before.
                let resumed_in_ing = i > 0
                    && self.is(i - 1, "to")
                    && self
                        .resumes_before(i - 1)
                        .is_some_and(|k| self.text(k).to_ascii_lowercase().ends_with("ing"));
                let participle = (word.len() > 4 && word.to_ascii_lowercase().ends_with("ing"))
                    || resumed_in_ing;
                return Some(Cue {
                    start: i,
                    end: i + 1 + entry.rest.len(),
                    flags: entry.flags,
                    participle,
                });
            }
        }
        None
    }

    pub fn len(&self) -> usize {
        self.doc.tokens.len()
    }

    /// The text of token `i`; empty past the last token.
    pub fn text(&self, i: usize) -> &'a str {
        self.doc
            .tokens
            .get(i)
            .map_or("", |t| t.span.of(&self.doc.text))
    }

    pub fn is_word(&self, i: usize) -> bool {
        i < self.len() && matches!(self.doc.tokens[i].kind, TokenKind::Word | TokenKind::Number)
    }

    pub fn is_quote_mark(&self, i: usize) -> bool {
        i < self.len() && self.doc.tokens[i].kind == TokenKind::Quote
    }

    pub fn is(&self, i: usize, s: &str) -> bool {
        i < self.len() && self.text(i).eq_ignore_ascii_case(s)
    }

    pub fn in_set(&self, i: usize, set: &foldhash::HashSet<String>) -> bool {
        i < self.len() && with_lower(self.text(i), |w| set.contains(w))
    }

    /// Like [`View::in_set`], but a capitalised word inside a sentence is a name, not
    /// the function word it spells ("Ms. May said", "Will Smith").
    pub fn in_set_lower(&self, i: usize, set: &foldhash::HashSet<String>) -> bool {
        if i >= self.len() {
            return false;
        }
        let sentence_start = self
            .doc
            .sentences
            .get(self.sent_of[i])
            .is_some_and(|x| x.tokens.start as usize == i);
        let capitalised = self.is_capitalised(i) && self.text(i) != "I";
        (!capitalised || sentence_start || self.in_headline(i)) && self.in_set(i, set)
    }

    /// Is paragraph `p` a headline or title?
    pub fn is_headline(&self, p: usize) -> bool {
        self.headline.get(p).copied().unwrap_or(false)
    }

    /// Is token `i` in a headline paragraph?
    pub fn in_headline(&self, i: usize) -> bool {
        self.para_of.get(i).is_some_and(|&p| self.is_headline(p))
    }

    pub fn is_capitalised(&self, i: usize) -> bool {
        self.is_word(i)
            && self
                .text(i)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// A lowercase adverb in -ly ("privately", "strongly").
    pub fn is_ly_adverb(&self, i: usize) -> bool {
        let w = self.text(i);
        self.is_word(i)
            && w.len() > 4
            && w.ends_with("ly")
            && w.chars().next().is_some_and(char::is_lowercase)
            && !self.in_set(i, &self.cfg.settings.speaker.ly_nouns)
    }

    /// A verb form that cannot be inside a noun phrase: a cue in -ed/-ing or an irregular past.
    pub fn is_verb_form(&self, i: usize) -> bool {
        let w = self.text(i);
        let lower_ing_ed = w.chars().next().is_some_and(char::is_lowercase)
            && w.len() > 4
            && !w.contains('-')
            && (w.ends_with("ed") || w.ends_with("ing"));
        lower_ing_ed
            || (self.cue_at[i].is_some()
                && !self
                    .cfg
                    .cues_for(w)
                    .iter()
                    .any(|e| e.lemma.eq_ignore_ascii_case(w)))
    }

    /// The part of speech the syntax stage gave token `i`, when it tagged its sentence.
    pub fn tag(&self, i: usize) -> Option<Upos> {
        let (syn, l) = self.syntax_of(i)?;
        syn.upos.get(l).copied()
    }

    /// The relation the parse gives token `i` to its head, when it parsed its sentence.
    fn relation(&self, i: usize) -> Option<&'static str> {
        let (syn, l) = self.syntax_of(i)?;
        syn.deprel.get(l).map(|d| d.name())
    }

    /// Is token `k` inside the subject phrase of verb `verb`: the subject itself, or a
    /// word whose chain of heads reaches it, by the parse?
    fn in_subject_of(&self, k: usize, verb: usize) -> bool {
        let Some(tree) = crate::tree::Tree::of(self, self.sent_of[verb]) else {
            return false;
        };
        let mut at = k;
        for _ in 0..8 {
            match tree.head(at) {
                Some(h) if h == verb => return tree.rel(at).starts_with("nsubj"),
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }

    /// Where the content.resuming phrase ("went on", "continued") that ends right before
    /// token `to` starts, when one does.
    fn resumes_before(&self, to: usize) -> Option<usize> {
        self.cfg
            .settings
            .content
            .resuming
            .iter()
            .find_map(|phrase| {
                let n = phrase.split_whitespace().count();
                (n <= to
                    && phrase
                        .split_whitespace()
                        .rev()
                        .enumerate()
                        .all(|(k, w)| self.is(to - 1 - k, w)))
                .then(|| to - n)
            })
    }

    /// "The Cruz campaign calls this …": the parse makes `verb` a verb whose subject the
    /// common noun `noun` ends, with an object or a clause after it (a plural noun the
    /// tagger misread, "three states last voted", has none).
    fn verb_after_noun_subject(&self, noun: usize, verb: usize) -> bool {
        if self.tag(noun) != Some(Upos::Noun) || self.tag(verb) != Some(Upos::Verb) {
            return false;
        }
        let Some(tree) = crate::tree::Tree::of(self, self.sent_of[verb]) else {
            return false;
        };
        self.in_subject_of(noun, verb)
            && (self.is(verb + 1, "that")
                || tree
                    .children(verb)
                    .any(|c| c > verb && matches!(tree.rel(c), "obj" | "ccomp" | "xcomp")))
    }

    /// The syntax of token `i`'s sentence and its index there, when the lengths agree.
    fn syntax_of(&self, i: usize) -> Option<(&'a demarche_model::SentenceSyntax, usize)> {
        let s = self.sent_of[i];
        let range = self.doc.sentences.get(s)?.token_range();
        let syn = self.doc.syntax.get(s)?;
        (syn.upos.len() == range.len()).then(|| (syn, i - range.start))
    }

    /// The tokens of sentence `s`.
    pub fn sentence(&self, s: usize) -> std::ops::Range<usize> {
        self.doc.sentences[s].token_range()
    }

    /// Words (and numbers) among tokens `[a, b)`.
    pub fn words(&self, a: usize, b: usize) -> usize {
        (a..b.min(self.len())).filter(|&k| self.is_word(k)).count()
    }

    /// Words among tokens `[a, b)` that lie inside a quoted segment.
    pub fn quoted_words(&self, a: usize, b: usize) -> usize {
        (a..b.min(self.len()))
            .filter(|&k| self.is_word(k) && self.seg_of[k].is_some())
            .count()
    }

    /// The segment whose opening mark is (or starts) at token `i`.
    pub fn segment_opening_at(&self, i: usize) -> Option<usize> {
        self.seg_of
            .get(i)
            .copied()
            .flatten()
            .filter(|&k| self.segments[k].open == i)
    }

    /// The segment whose closing mark holds token `i`.
    pub fn segment_closing_at(&self, i: usize) -> Option<usize> {
        self.seg_of
            .get(i)
            .copied()
            .flatten()
            .filter(|&k| self.segments[k].close.is_some() && i >= self.segments[k].end)
    }

    /// The text span of tokens `r` (not empty), from the first one's start to the last one's end.
    pub fn span_of(&self, r: &std::ops::Range<usize>) -> demarche_model::Span {
        demarche_model::Span {
            start: self.doc.tokens[r.start].span.start,
            end: self.doc.tokens[r.end - 1].span.end,
        }
    }

    /// The entities lying inside tokens `r`, in text order (entities are sorted by start).
    pub fn entities_within(
        &self,
        r: std::ops::Range<usize>,
    ) -> impl Iterator<Item = &'a demarche_model::Entity> + use<'a> {
        let demarche_model::Span { start: a, end: b } = self.span_of(&r);
        let first = self.doc.entities.partition_point(|e| e.span.start < a);
        self.doc.entities[first..]
            .iter()
            .take_while(move |e| e.span.start < b)
            .filter(move |e| e.span.end <= b)
    }

    /// Sentence-ending punctuation.
    pub fn is_stop(&self, i: usize) -> bool {
        i < self.len()
            && self.doc.tokens[i].kind == TokenKind::Punct
            && matches!(self.text(i), "." | "!" | "?" | "…" | "...")
    }
}

/// The lemma itself or its -s form ("claim", "claims"), not "claimed".
fn is_bare_form(word: &str, lemma: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w == lemma
        || w.strip_suffix('s').is_some_and(|stem| {
            stem == lemma || stem.strip_suffix('e').is_some_and(|s2| s2 == lemma)
        })
}
