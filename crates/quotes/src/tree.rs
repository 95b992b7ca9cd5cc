//! The dependency parse of one sentence, addressed by document token indexes:
//! heads, relations, tags and the extent of a word's subtree.

use std::ops::Range;

use demarche_model::{SentenceSyntax, Upos};

use crate::view::View;

/// The parse of sentence `s` of the view's document.
pub struct Tree<'a> {
    syn: &'a SentenceSyntax,
    /// Document index of the sentence's first token.
    first: usize,
}

impl<'a> Tree<'a> {
    /// The parse of sentence `s`, when the syntax stage parsed it.
    pub fn of(v: &View<'a>, s: usize) -> Option<Tree<'a>> {
        let range = v.sentence(s);
        let syn = v.doc.syntax.get(s)?;
        (!syn.is_empty() && syn.len() == range.len()).then_some(Tree {
            syn,
            first: range.start,
        })
    }

    fn local(&self, i: usize) -> Option<usize> {
        i.checked_sub(self.first).filter(|&l| l < self.syn.len())
    }

    pub fn end(&self) -> usize {
        self.first + self.syn.len()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.syn.head_of(self.local(i)?).map(|h| h + self.first)
    }

    /// The relation of token `i` to its head ("nsubj", "ccomp:…"), "" outside the sentence.
    pub fn rel(&self, i: usize) -> &'static str {
        self.local(i)
            .and_then(|l| self.syn.deprel.get(l))
            .map_or("", |d| d.name())
    }

    pub fn upos(&self, i: usize) -> Option<Upos> {
        self.local(i).and_then(|l| self.syn.upos.get(l).copied())
    }

    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.first;
        self.local(i)
            .into_iter()
            .flat_map(move |l| self.syn.children(l).map(move |c| c + first))
    }

    /// Is the relation of `i` one of `rels` (a list from the configuration)?
    pub fn rel_in(&self, i: usize, rels: &[String]) -> bool {
        let rel = self.rel(i);
        rels.iter().any(|r| r == rel)
    }

    /// The first child of `i` whose relation is one of `rels`.
    pub fn child(&self, i: usize, rels: &[&str]) -> Option<usize> {
        self.children(i).find(|&c| rels.contains(&self.rel(c)))
    }

    /// Is `a` an ancestor of (or equal to) `i`?
    pub fn dominates(&self, a: usize, mut i: usize) -> bool {
        for _ in 0..self.syn.len() + 1 {
            if i == a {
                return true;
            }
            match self.head(i) {
                Some(h) => i = h,
                None => return false,
            }
        }
        false
    }

    /// Tokens `[min, max]` of the subtree of `i`, leaving out the subtrees of its
    /// children whose relation is in `skip` when they lie at its edges.
    pub fn extent(&self, i: usize, skip: &[&str]) -> Range<usize> {
        let mut start = i;
        let mut end = i + 1;
        let skipped: Vec<usize> = self
            .children(i)
            .filter(|&c| skip.contains(&self.rel(c)))
            .collect();
        for k in self.first..self.end() {
            if self.dominates(i, k) && !skipped.iter().any(|&c| self.dominates(c, k)) {
                start = start.min(k);
                end = end.max(k + 1);
            }
        }
        start..end
    }
}
