//! Sources and targets: the words around a trigger that name who acted and
//! on whom, resolved through the actor layer.

use std::ops::Range;

use demarche_actors::ActorKb;
use demarche_model::{Document, Mention};

use crate::lexicon::{Lexicon, WordClass};
use crate::view::SentenceView;

/// Regions never look further than this many tokens for an actor.
const MAX_REACH: usize = 8;

pub struct Ctx<'a> {
    pub doc: &'a Document,
    pub kb: &'a ActorKb,
    pub lex: &'a Lexicon,
    pub view: &'a SentenceView,
    /// Tokens inside a temporal expression ("on Sunday"): skipped between a subject and its verb.
    pub in_date: Vec<bool>,
    /// The sentence's parse, when the syntax stage ran on it.
    pub syn: Option<&'a demarche_model::SentenceSyntax>,
}

impl Ctx<'_> {
    fn skippable(&self, i: usize) -> bool {
        let t = &self.view.toks[i];
        self.in_date[i]
            || self.view.is(self.lex, WordClass::Skip, i)
            || self.view.is(self.lex, WordClass::Negation, i)
            || (t.lower.ends_with("ly") && t.lower.len() > 4 && t.entity.is_none())
            || (self.in_date.get(i + 1).copied().unwrap_or(false)
                && self.view.is(self.lex, WordClass::Preposition, i))
    }

    fn has_content(&self, r: &Range<usize>) -> bool {
        r.clone().any(|i| {
            let t = &self.view.toks[i];
            t.entity.is_some()
                || (t.kind == demarche_model::TokenKind::Word
                    && !self.view.is(self.lex, WordClass::Skip, i)
                    && !self.view.is(self.lex, WordClass::Coordination, i)
                    && !self.view.is(self.lex, WordClass::Boundary, i))
        })
    }

    /// The words before a verb that hold its subject: back to the clause start,
    /// past a comma or relative word when the clause itself has none.
    pub fn subject_region(&self, head: usize) -> Option<Range<usize>> {
        let mut end = head;
        while end > 0 && self.skippable(end - 1) {
            end -= 1;
        }
        // An infinitive or participle chain ("to respond", "prompting X to") has its subject elsewhere.
        let mut start = end;
        let mut crossed = 0;
        // "X did A, and called for B": a verb coordinated after a comma shares the sentence's subject.
        if end > 1
            && matches!(self.view.toks[end - 1].lower.as_str(), "and" | "but" | "or")
            && self.view.toks[end - 2].lower == ","
        {
            let r = 0..end - 2;
            return self.has_content(&r).then_some(r);
        }
        let floor = self.view.dateline_end.min(end);
        loop {
            while start > floor && !self.view.is_boundary(self.lex, start - 1) {
                start -= 1;
            }
            let r = start..end;
            // "We, of course, condemn": a parenthetical between commas is not the subject.
            let parenthetical = crossed > 0
                && start > 0
                && self.view.toks[start - 1].lower == ","
                && !r.clone().any(|i| {
                    self.view.toks[i].entity.is_some()
                        || self.view.is(self.lex, WordClass::Pronoun, i)
                });
            if (self.has_content(&r) && !parenthetical) || start <= floor || crossed >= 3 {
                break;
            }
            start -= 1;
            crossed += 1;
        }
        let r = start..end;
        self.has_content(&r).then_some(r)
    }

    /// The first coded actor in `r` with the actors coordinated with it
    /// ("Iraq, Syria, and Iran"); else what the actor layer makes of the
    /// words; else the bare words (no code).
    pub fn mentions_in(&self, r: Range<usize>, reach: bool) -> Vec<Mention> {
        let r = self.trim(r);
        if r.is_empty() {
            return Vec::new();
        }
        // An object's actor is looked for in its own words, before a prepositional
        // phrase hung on it ("a 35-year-old inmate ... in western Iran" is no Iranian).
        let head_end = if reach {
            (r.start + 1..r.end)
                .find(|&i| {
                    (self.view.is(self.lex, WordClass::Preposition, i)
                        && !matches!(self.view.toks[i].lower.as_str(), "of" | "from"))
                        || self.opens_apposition(i)
                })
                .unwrap_or(r.end)
        } else {
            r.end
        };
        let first = (r.start..head_end)
            .find(|&i| self.view.toks[i].entity.is_some())
            .or_else(|| {
                // "his counterparts from Iran": an object's actor may sit in the phrase after it.
                // A relational noun, or a phrase linked on by a preposition that
                // names a recipient ("a suspension of aid to Egypt"), looks past
                // its words; others do not ("arrested journalists during a rally
                // in Algiers" names no target in Algiers).
                let relational = self.view.is(self.lex, WordClass::Relational, head_end - 1);
                let linked = head_end < self.view.len()
                    && self.view.is(self.lex, WordClass::Linking, head_end);
                if !reach || !(relational || linked) {
                    return None;
                }
                (head_end..(head_end + MAX_REACH).min(self.view.len()))
                    .take_while(|&i| {
                        !self.view.is_boundary(self.lex, i) || self.view.toks[i].lower == ","
                    })
                    .find(|&i| self.view.toks[i].entity.is_some())
            });
        if let Some(i) = first {
            let mut v: Vec<Mention> = self
                .coordinated(i)
                .into_iter()
                .map(|e| self.entity_mention(e))
                .collect();
            if let ([m], Some(head)) = (v.as_mut_slice(), self.head_before_actor(r.start, i)) {
                m.span = head.cover(m.span);
            }
            // A subject ("Brazil's truck drivers called off …") is the owned words
            // themselves; an object's owner is whom the act is aimed at
            // ("condemned North Korea's violations").
            if !reach {
                if let ([m], Some(owned)) = (v.as_mut_slice(), self.owned_after(i, head_end)) {
                    m.span = m.span.cover(owned);
                }
            }
            return v;
        }
        if let Some(v) = self.both(&(r.start.saturating_sub(1)..r.end)) {
            return v;
        }
        // A pronoun that is the phrase's head ("he", "they", "we"), not an owner
        // inside it ("their Chinese counterparts").
        let possessive = |i: usize| {
            matches!(
                self.view.toks[i].lower.as_str(),
                "its" | "their" | "his" | "her" | "our" | "my"
            )
        };
        if let Some(p) = r.clone().find(|&i| {
            (self.view.is(self.lex, WordClass::Pronoun, i)
                || self.view.is(self.lex, WordClass::FirstPerson, i))
                && (!possessive(i) || r.len() == 1)
        }) {
            if let Some(v) = self.pair_antecedent(p) {
                return v;
            }
            let span = self.view.toks[p].span;
            return vec![self.resolved(span).unwrap_or(Mention {
                span,
                name: None,
                code: None,
                entity: None,
            })];
        }
        let Some(span) = self.view.cover(r.clone()) else {
            return Vec::new();
        };
        // Only a short role phrase ("the spokeswoman", "the ministry") is worth
        // resolving as a whole; longer phrases name something of their own.
        let role = r.len() <= 3 && self.view.is(self.lex, WordClass::Determiner, r.start);
        let resolved = if role || r.len() == 1 {
            self.resolved(span)
        } else {
            None
        };
        if let Some(m) = resolved
            .as_ref()
            .filter(|m| m.code.as_deref().is_some_and(|c| self.lex.has_country(c)))
        {
            return vec![m.clone()];
        }
        // Words the recogniser left alone may still name an actor ("India's proposal").
        if let Some(a) = self
            .kb
            .resolve_phrase(self.doc.slice(span), self.doc.published)
        {
            if a.code.is_some() {
                return vec![Mention {
                    span,
                    name: Some(a.name.clone()),
                    code: a.code.clone(),
                    entity: None,
                }];
            }
        }
        if let Some(m) = resolved {
            return vec![m];
        }
        vec![Mention {
            span,
            name: None,
            code: None,
            entity: None,
        }]
    }

    /// "the police in Lagos", "a convoy of the NATO mission": when the actor at
    /// token `i` hangs by a preposition on uncoded head words starting at `start`,
    /// the span of those words, so that the mention names the whole phrase (its
    /// code stays the actor's).
    fn head_before_actor(&self, start: usize, i: usize) -> Option<demarche_model::Span> {
        // The preposition nearest the actor ("an inmate [to death] in western Iran").
        let p = (start + 1..i)
            .rev()
            .find(|&k| self.view.is(self.lex, WordClass::Preposition, k))?;
        if !self.view.is(self.lex, WordClass::Placing, p) {
            return None;
        }
        let plain = |k: usize| {
            let t = &self.view.toks[k];
            !self.view.is_break(k)
                && !self.view.is(self.lex, WordClass::Boundary, k)
                && !self.view.is(self.lex, WordClass::Pronoun, k)
                && !self.view.is(self.lex, WordClass::FirstPerson, k)
                && t.entity.is_none()
                && !self.in_date[k]
        };
        let content = (start..p).any(|k| {
            self.view.toks[k].kind == demarche_model::TokenKind::Word
                && !self.view.is(self.lex, WordClass::Determiner, k)
        });
        (content && (start..i).all(plain)).then(|| self.view.cover(start..p))?
    }

    /// "Brazil's truck drivers": when the actor at token `i` owns the head words
    /// after it (up to `end`), the span of those words, so that the mention
    /// names the whole phrase (its code stays the owner's).
    fn owned_after(&self, i: usize, end: usize) -> Option<demarche_model::Span> {
        let e = self.view.toks[i].entity?;
        let mut k = i;
        while k < end && self.view.toks[k].entity == Some(e) {
            k += 1;
        }
        if k + 1 >= end || self.view.toks[k].lower != "'s" {
            return None;
        }
        let plain = (k + 1..end).all(|j| {
            let t = &self.view.toks[j];
            t.kind == demarche_model::TokenKind::Word
                && t.entity.is_none()
                && !self.in_date[j]
                && !self.view.is_boundary(self.lex, j)
                && !self.view.is(self.lex, WordClass::Coordination, j)
                && !self.view.is(self.lex, WordClass::Preposition, j)
                && t.lower != "of"
        });
        plain.then(|| self.view.cover(k + 1..end)).flatten()
    }

    /// "freed pastor Evan Mawarire, a critic of the president": a comma after
    /// an uncoded name opens an apposition whose actors are not the object
    /// (a comma after a coded actor may be a list: "Iraq, Syria, and Iran").
    fn opens_apposition(&self, i: usize) -> bool {
        i > 0
            && self.view.toks[i].lower == ","
            && self.view.toks[i - 1].entity.is_none()
            && self
                .view
                .toks
                .get(i + 1)
                .is_some_and(|t| t.entity.is_none())
    }

    /// What the actor layer makes of `span`; a pronoun whose antecedent is in
    /// the same sentence is given the antecedent's words.
    fn resolved(&self, span: demarche_model::Span) -> Option<Mention> {
        let m =
            demarche_actors::resolve_at(self.doc, self.kb, span).filter(|m| !m.span.is_empty())?;
        if let Some(e) = m.entity {
            let ent = self.doc.entities.get(e as usize)?;
            if self.view.span.contains(ent.span) && ent.span.end <= span.start && m.code.is_some() {
                return Some(self.entity_mention(e as usize));
            }
        }
        Some(m)
    }

    /// `r` without edge punctuation, a leading conjunction, the dateline, or a
    /// leading temporal expression ("on 18 September", "Tuesday, after ...").
    fn trim(&self, mut r: Range<usize>) -> Range<usize> {
        r.start = r.start.max(self.view.dateline_end.min(r.end));
        while r.start < r.end
            && (self.view.is_break(r.start)
                || self.view.is(self.lex, WordClass::Coordination, r.start)
                || self.in_date[r.start]
                || (self.in_date.get(r.start + 1).copied().unwrap_or(false)
                    && self.view.is(self.lex, WordClass::Preposition, r.start)))
        {
            r.start += 1;
        }
        // Nor an auxiliary or adverb left at its end ("the envoy also").
        while r.end > r.start
            && (self.view.is_break(r.end - 1) || self.view.is(self.lex, WordClass::Skip, r.end - 1))
        {
            r.end -= 1;
        }
        r
    }

    pub fn entity_mention(&self, e: usize) -> Mention {
        let ent = &self.doc.entities[e];
        let actor = ent.actor.as_ref();
        Mention {
            span: ent.span,
            name: actor.map(|a| a.name.clone()),
            code: actor.and_then(|a| a.code.clone()),
            entity: Some(e as u32),
        }
    }

    /// The entity at token `i` and those joined to it by "and", "or", commas.
    fn coordinated(&self, i: usize) -> Vec<usize> {
        let toks = &self.view.toks;
        let Some(e0) = toks[i].entity else {
            return Vec::new();
        };
        let mut first = i;
        while first > 0 && toks[first - 1].entity == Some(e0) {
            first -= 1;
        }
        let mut last = i + 1;
        while last < toks.len() && toks[last].entity == Some(e0) {
            last += 1;
        }
        let right = self.chain(last, true, e0);
        let left = self.chain(first, false, e0);
        let mut out: Vec<usize> = left.into_iter().rev().collect();
        out.push(e0);
        out.extend(right);
        out.dedup();
        out
    }

    /// Entities joined one after another from token `from` (rightwards or
    /// leftwards). A list joined by commas alone is not a coordination unless
    /// an "and" / "or" joins it somewhere ("Iraq, Syria, and Iran"; not
    /// "assistance to Iran, Peskov said").
    fn chain(&self, from: usize, rightwards: bool, e0: usize) -> Vec<usize> {
        let toks = &self.view.toks;
        let mut out = Vec::new();
        let mut conj = false;
        let mut j = from;
        loop {
            let mut k = j;
            let mut saw_conj = false;
            loop {
                let idx = if rightwards { k } else { k.wrapping_sub(1) };
                if idx >= toks.len() || !self.is_joiner(idx) {
                    break;
                }
                saw_conj |= toks[idx].lower != ",";
                k = if rightwards { k + 1 } else { k - 1 };
            }
            let idx = if rightwards { k } else { k.wrapping_sub(1) };
            if k == j || idx >= toks.len() {
                break;
            }
            match toks[idx].entity {
                Some(e) if e != e0 && !out.contains(&e) => {
                    out.push(e);
                    conj |= saw_conj;
                    j = idx;
                    while j < toks.len() && toks[j].entity == Some(e) {
                        j = if rightwards { j + 1 } else { j.wrapping_sub(1) };
                    }
                    if !rightwards {
                        j = j.wrapping_add(1);
                    }
                }
                _ => break,
            }
        }
        if conj {
            out
        } else {
            Vec::new()
        }
    }

    fn is_joiner(&self, i: usize) -> bool {
        let t = &self.view.toks[i];
        self.view.is(self.lex, WordClass::Coordination, i)
            || self.view.is_phrase(self.lex, WordClass::Coordination, i)
            || t.lower == "the"
            || t.lower == "well"
            || (t.lower == "as" && i > 0 && self.view.toks[i - 1].lower == "well")
    }

    /// The owner or agent written before a nominal trigger: "U.S. airstrikes",
    /// "Israel's strikes", "its own barrage".
    pub fn premodifier(&self, head: usize) -> Option<Vec<Mention>> {
        let mut i = head;
        let mut steps = 0;
        while i > 0 && steps < 5 {
            let t = i - 1;
            let tok = &self.view.toks[t];
            if tok.entity.is_some() {
                return Some(
                    self.coordinated(t)
                        .into_iter()
                        .map(|e| self.entity_mention(e))
                        .collect(),
                );
            }
            if self.view.is_break(t)
                || self.view.is(self.lex, WordClass::Preposition, t)
                || self.view.is_boundary(self.lex, t)
            {
                return None;
            }
            if let Some(m) = self.possessive_actor(t) {
                // "Iran's unrest and international criticism": the owner of another noun.
                let crossed_and =
                    (t + 1..head).any(|k| self.view.is(self.lex, WordClass::Coordination, k));
                return (!crossed_and).then(|| vec![m]);
            }
            if matches!(tok.lower.as_str(), "our" | "my") {
                // "our willingness": inside a quotation the speaker's (see `quote_speaker`).
                return Some(vec![Mention {
                    span: tok.span,
                    name: None,
                    code: None,
                    entity: None,
                }]);
            }
            if matches!(tok.lower.as_str(), "its" | "their" | "his" | "her") {
                // "prompting Tehran to respond with its own barrage": the owner is
                // first looked for in the subject of the clause the noun is in.
                if let Some(v) = self.local_subject(head, t) {
                    return Some(v);
                }
                if let Some(v) = self.pair_antecedent(t) {
                    return Some(v);
                }
                // Unresolved, "its" most often points at the sentence's first actor.
                return match self.resolved(tok.span).filter(|m| m.code.is_some()) {
                    Some(m) => Some(vec![m]),
                    None => match (0..t).find(|&k| self.view.toks[k].entity.is_some()) {
                        Some(k) => Some(
                            self.coordinated(k)
                                .into_iter()
                                .map(|e| self.entity_mention(e))
                                .collect(),
                        ),
                        None => Some(vec![Mention {
                            span: tok.span,
                            name: None,
                            code: None,
                            entity: None,
                        }]),
                    },
                };
            }
            if self.view.is(self.lex, WordClass::Determiner, t) {
                return None;
            }
            i -= 1;
            steps += 1;
        }
        None
    }

    /// "Iran's strikes": the owner before a possessive "'s" (token `i`) that the
    /// recogniser left alone, when the actor dictionaries know it. The mention
    /// covers the owner's capitalised words and the "'s".
    fn possessive_actor(&self, i: usize) -> Option<Mention> {
        let toks = &self.view.toks;
        if i == 0 || toks[i].lower != "'s" {
            return None;
        }
        let capitalised = |k: usize| {
            toks[k].kind == demarche_model::TokenKind::Word
                && toks[k].entity.is_none()
                && toks[k]
                    .text_first
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        };
        let mut first = i;
        while first > 0 && i - first < 3 && capitalised(first - 1) {
            first -= 1;
        }
        if first == i {
            return None;
        }
        let owner = self.view.cover(first..i)?;
        let a = self
            .kb
            .resolve_phrase(self.doc.slice(owner), self.doc.published)?;
        a.code.as_ref()?;
        Some(Mention {
            span: self.view.cover(first..i + 1)?,
            name: Some(a.name.clone()),
            code: a.code.clone(),
            entity: None,
        })
    }

    /// "strikes by the US": the agent after a nominal trigger.
    pub fn by_agent(&self, from: usize) -> Option<Vec<Mention>> {
        let n = self.view.len();
        let mut j = from;
        while j < n && j < from + 6 {
            if self.view.toks[j].lower == "by" {
                let end = crate::matcher::np_end(self.view, j + 1, self.lex);
                let m = self.mentions_in(j + 1..end, false);
                return (!m.is_empty()).then_some(m);
            }
            if self.view.is_break(j) || self.view.is(self.lex, WordClass::Boundary, j) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The verb a nominal trigger is the object of, if it is of `class`
    /// ("launched strikes", "drew criticism").
    pub fn governing_verb(
        &self,
        head: usize,
        class: WordClass,
        cands: &mut Vec<String>,
    ) -> Option<usize> {
        let mut i = head;
        let mut steps = 0;
        while i > 0 && steps < 5 {
            i -= 1;
            steps += 1;
            if self.view.is_break(i) || self.view.is(self.lex, WordClass::Boundary, i) {
                return None;
            }
            self.lex.lemma_candidates(&self.view.toks[i].lower, cands);
            if cands.iter().any(|c| self.lex.is(class, c)) {
                return Some(i);
            }
            if self.view.is(self.lex, WordClass::Preposition, i)
                && !self.view.is(self.lex, WordClass::LightThrough, i)
            {
                return None;
            }
        }
        None
    }

    /// The first coded actor inside `r`, with those coordinated with it.
    pub fn actor_within(&self, r: Range<usize>) -> Option<Vec<Mention>> {
        let i = r.clone().find(|&i| self.view.toks[i].entity.is_some())?;
        Some(
            self.coordinated(i)
                .into_iter()
                .map(|e| self.entity_mention(e))
                .collect(),
        )
    }

    /// The first coded actor after `from` in the same clause.
    pub fn actor_after(&self, from: usize) -> Option<Vec<Mention>> {
        let mut j = from;
        while j < self.view.len() && j < from + 2 * MAX_REACH {
            if self.view.is(self.lex, WordClass::Boundary, j) && self.view.toks[j].lower != "," {
                return None;
            }
            if self.view.toks[j].entity.is_some() {
                return Some(
                    self.coordinated(j)
                        .into_iter()
                        .map(|e| self.entity_mention(e))
                        .collect(),
                );
            }
            j += 1;
        }
        None
    }
}

impl Ctx<'_> {
    /// "Speaking during a meeting with X, Putin said": the subject of a
    /// sentence-initial participle is the main clause's.
    pub fn main_clause_subject(&self, from: usize) -> Option<Vec<Mention>> {
        let comma = (from..self.view.len()).find(|&i| self.view.toks[i].lower == ",")?;
        let end = crate::matcher::np_end(self.view, comma + 1, self.lex);
        let m = self.mentions_in(comma + 1..end, false);
        (!m.is_empty()).then_some(m)
    }

    /// "X says it has ceased": an unresolved pronoun subject after a reporting
    /// verb stands for the reporter.
    pub fn reporter_before(&self, head: usize) -> Option<Vec<Mention>> {
        let v = (0..head)
            .rev()
            .find(|&i| self.view.is(self.lex, WordClass::Report, i))?;
        let r = self.subject_region(v)?;
        let m = self.mentions_in(r, false);
        (!m.is_empty()).then_some(m)
    }

    /// Whether `r` names an event told earlier ("condemned the strikes"): its
    /// source, when coded, is who the words point at.
    pub fn earlier_event_source(
        &self,
        r: std::ops::Range<usize>,
        earlier: &[demarche_model::Event],
        cands: &mut Vec<String>,
    ) -> Option<Mention> {
        let mut words: Vec<String> = Vec::new();
        for i in r {
            if self.view.toks[i].kind == demarche_model::TokenKind::Word
                && !self.view.is(self.lex, WordClass::Determiner, i)
            {
                self.lex.lemma_candidates(&self.view.toks[i].lower, cands);
                words.extend(cands.iter().cloned());
            }
        }
        earlier.iter().rev().find_map(|e| {
            let src = e.source.as_ref().filter(|s| s.code.is_some())?;
            let trig = self.doc.slice(e.trigger).to_lowercase();
            self.lex.lemma_candidates(&trig, cands);
            cands
                .iter()
                .any(|c| {
                    c.len() > 3
                        && words.iter().any(|w| {
                            w == c
                                || w.ends_with(c.as_str())
                                || c.ends_with(w.as_str()) && w.len() > 3
                        })
                })
                .then(|| src.clone())
        })
    }
}

impl Ctx<'_> {
    /// "Putin spoke with Xi, where both leaders denounced … «Their condemnation
    /// …»": a plural pronoun after a pair phrase ("both leaders", "the two
    /// nations") in its sentence or the one before stands for that pair.
    fn pair_antecedent(&self, p: usize) -> Option<Vec<Mention>> {
        if !self.view.is(self.lex, WordClass::PluralPronoun, p) {
            return None;
        }
        let at = self.view.toks[p].span.start;
        let s = self.doc.sentence_at(at)?;
        let from = self.doc.sentences[s.saturating_sub(1)].span.start;
        // The words from the sentence before up to the pronoun (tokens are in text order).
        let all = &self.doc.tokens;
        let first = all.partition_point(|t| t.span.start < from);
        let last = all.partition_point(|t| t.span.end <= at);
        let words: Vec<String> = all
            .get(first..last.max(first))?
            .iter()
            .map(|t| self.doc.slice(t.span).to_lowercase())
            .collect();
        let phrase = (0..words.len())
            .rev()
            .find(|&k| self.is_pair_phrase(&words, k))?;
        self.pair_named_before(all[first + phrase].span.start)
    }

    /// Whether `words[k]` opens a pair phrase: "both" or "the two", then a pair or
    /// relational noun ("both leaders", "the two nations").
    fn is_pair_phrase(&self, words: &[String], k: usize) -> bool {
        let opens = self.lex.is(WordClass::PairOpener, &words[k])
            || (k > 0
                && self
                    .lex
                    .is_phrase(WordClass::PairOpener, &words[k - 1], &words[k]));
        opens
            && words.get(k + 1).is_some_and(|w| {
                self.lex.is(WordClass::Relational, w) || self.lex.is(WordClass::PairNoun, w)
            })
    }

    /// "both leaders", "both sides": the two actors named last before `r`
    /// (in this sentence or the one before).
    fn both(&self, r: &std::ops::Range<usize>) -> Option<Vec<Mention>> {
        // "both leaders", "the two nations".
        let opens = |i: usize| {
            self.view.is(self.lex, WordClass::PairOpener, i)
                || (i > 0 && self.view.is_phrase(self.lex, WordClass::PairOpener, i - 1))
        };
        let names_pair = |i: usize| {
            self.view.is(self.lex, WordClass::Relational, i)
                || self.view.is(self.lex, WordClass::PairNoun, i)
        };
        if !r.clone().any(opens) || !r.clone().any(names_pair) {
            return None;
        }
        self.pair_named_before(self.view.toks[r.start].span.start)
    }

    /// The two actors of different countries named last before byte `before`,
    /// in its sentence or the one before.
    fn pair_named_before(&self, before: u32) -> Option<Vec<Mention>> {
        let s = self.doc.sentence_at(before)?;
        let from = self.doc.sentences[s.saturating_sub(1)].span.start;
        let mut picked: Vec<usize> = Vec::new();
        let mut countries: Vec<String> = Vec::new();
        for (k, e) in self.doc.entities.iter().enumerate().rev() {
            if e.span.end > before || picked.len() == 2 {
                if picked.len() == 2 {
                    break;
                }
                continue;
            }
            if e.span.start < from {
                break;
            }
            let Some(code) = e.actor.as_ref().and_then(|a| a.code.as_deref()) else {
                continue;
            };
            let country = code.get(..3).unwrap_or(code).to_string();
            if !countries.contains(&country) {
                countries.push(country);
                picked.push(k);
            }
        }
        (picked.len() == 2).then(|| {
            picked
                .into_iter()
                .rev()
                .map(|k| self.entity_mention(k))
                .collect()
        })
    }
}

/// Dependents that do not belong to the phrase that names an actor.
const CUT: [&str; 7] = [
    "acl",
    "acl:relcl",
    "appos",
    "parataxis",
    "dep",
    "advcl",
    "punct",
];

impl Ctx<'_> {
    fn child_with(&self, h: usize, rels: &[&str]) -> Option<usize> {
        let syn = self.syn?;
        syn.children(h)
            .find(|&c| rels.contains(&syn.deprel[c].name()))
    }

    /// The words of the phrase headed by `i`, without clauses and appositions attached to it.
    pub fn phrase(&self, i: usize) -> std::ops::Range<usize> {
        let Some(syn) = self.syn else { return i..i + 1 };
        let n = syn.len();
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        while let Some(h) = stack.pop() {
            lo = lo.min(h);
            hi = hi.max(h);
            for c in syn.children(h) {
                if !CUT.contains(&syn.deprel[c].name()) {
                    stack.push(c);
                }
            }
        }
        // A dateline or a parenthesis the parser hung on the phrase is not part of it
        // ("KILIS, Turkey -- A Turkish court").
        let hard = |k: usize| self.view.is_break(k) && self.view.toks[k].lower != ",";
        if let Some(k) = (lo..i).rev().find(|&k| hard(k)) {
            lo = k + 1;
        }
        if let Some(k) = (i + 1..=hi).find(|&k| hard(k)) {
            hi = k - 1;
        }
        lo..(hi + 1).min(n)
    }

    /// The parsed subject of verb `head`, inherited through control, coordination
    /// and adverbial clauses ("agreed to release", "met X and condemned Y").
    pub fn parse_subject(&self, head: usize) -> Option<std::ops::Range<usize>> {
        let syn = self.syn?;
        let mut h = head;
        for _ in 0..4 {
            if let Some(c) = self.child_with(h, &["nsubj", "nsubj:outer", "csubj"]) {
                return Some(self.phrase(c));
            }
            match syn.deprel[h].name() {
                "xcomp" => {
                    h = syn.head_of(h)?;
                    // "prompting Tehran to respond": after a verb of object
                    // control, its object does the infinitive.
                    if self.view.is(self.lex, WordClass::ObjectControl, h) {
                        if let Some(o) = self.child_with(h, &["obj"]) {
                            return Some(self.phrase(o));
                        }
                    }
                }
                "conj" | "advcl" => h = syn.head_of(h)?,
                _ => return None,
            }
        }
        None
    }

    /// The coded subject of the verb that governs noun `head`, when it is
    /// written before token `before` (the owner pronoun).
    fn local_subject(&self, head: usize, before: usize) -> Option<Vec<Mention>> {
        let syn = self.syn?;
        // "its" and "their" never stand for one person, "his" and "her" only for one.
        let personal = matches!(self.view.toks[before].lower.as_str(), "his" | "her");
        let agrees = |m: &Mention| {
            let person = m
                .entity
                .and_then(|e| self.doc.entities.get(e as usize))
                .is_some_and(|e| e.kind == demarche_model::EntityKind::Person);
            person == personal
        };
        // Only a noun the verb takes itself ("respond with its barrage"), not one
        // hung on another noun ("a suspension of aid over its willingness").
        if !matches!(syn.deprel[head].name(), "obj" | "obl") {
            return None;
        }
        let v = syn.head_of(head)?;
        if syn.upos[v] != demarche_model::Upos::Verb {
            return None;
        }
        let r = self.parse_subject(v)?;
        if r.end > before {
            return None;
        }
        let m = self.mentions_in(r, false);
        let coded = |m: &Mention| m.code.as_deref().is_some_and(|c| self.lex.has_country(c));
        (!m.is_empty() && m.iter().all(|m| coded(m) && agrees(m))).then_some(m)
    }

    /// The parsed direct object of `head`.
    pub fn parse_object(&self, head: usize) -> Option<std::ops::Range<usize>> {
        self.child_with(head, &["obj"]).map(|c| self.phrase(c))
    }

    /// The passive subject and the "by" agent of `head`.
    pub fn parse_passive(
        &self,
        head: usize,
    ) -> Option<(std::ops::Range<usize>, Option<std::ops::Range<usize>>)> {
        let subj = self.child_with(head, &["nsubj:pass"])?;
        let agent = self
            .child_with(head, &["obl:agent"])
            .map(|c| self.phrase(c));
        Some((self.phrase(subj), agent))
    }
}

impl Ctx<'_> {
    /// "declared a ceasefire in Idlib": the phrase after a preposition right
    /// after the pattern, as an uncoded target when no actor is named.
    pub fn phrase_after_preposition(&self, from: usize) -> Option<Vec<Mention>> {
        let p = (from..(from + 3).min(self.view.len())).find(|&i| {
            matches!(
                self.view.toks[i].lower.as_str(),
                "in" | "to" | "on" | "against" | "with" | "at" | "into"
            )
        })?;
        if (from..p).any(|i| self.view.is_boundary(self.lex, i))
            || self.in_date.get(p + 1).copied().unwrap_or(false)
        {
            return None;
        }
        let end = crate::matcher::np_end(self.view, p + 1, self.lex);
        let span = self.view.cover(p + 1..end)?;
        Some(vec![Mention {
            span,
            name: None,
            code: None,
            entity: None,
        }])
    }
}
