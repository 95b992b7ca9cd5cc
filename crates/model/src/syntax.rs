//! The syntax layer: part-of-speech tags and a dependency tree per sentence.
//!
//! Tags and relations are small integer codes so the layer costs a few bytes
//! per token; their names are the Universal Dependencies labels.

use serde::{Deserialize, Serialize};

/// The 17 Universal POS tags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }

    pub fn from_name(name: &str) -> Option<Upos> {
        Upos::ALL.iter().copied().find(|u| u.name() == name)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// A Universal Dependencies relation, as an index into [`Deprel::NAMES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Deprel(pub u8);

impl Deprel {
    /// Every relation (with the subtypes English EWT uses) the parser may emit.
    pub const NAMES: [&'static str; 51] = [
        "root",
        "acl",
        "acl:relcl",
        "advcl",
        "advcl:relcl",
        "advmod",
        "amod",
        "appos",
        "aux",
        "aux:pass",
        "case",
        "cc",
        "cc:preconj",
        "ccomp",
        "compound",
        "compound:prt",
        "conj",
        "cop",
        "csubj",
        "csubj:outer",
        "csubj:pass",
        "dep",
        "det",
        "det:predet",
        "discourse",
        "dislocated",
        "expl",
        "fixed",
        "flat",
        "goeswith",
        "iobj",
        "list",
        "mark",
        "nmod",
        "nmod:desc",
        "nmod:poss",
        "nmod:unmarked",
        "nsubj",
        "nsubj:outer",
        "nsubj:pass",
        "nummod",
        "obj",
        "obl",
        "obl:agent",
        "obl:unmarked",
        "orphan",
        "parataxis",
        "punct",
        "reparandum",
        "vocative",
        "xcomp",
    ];

    pub fn name(self) -> &'static str {
        Self::NAMES.get(self.0 as usize).copied().unwrap_or("dep")
    }

    /// The relation named `name`; unknown subtypes fall back to their base relation, then `dep`.
    pub fn from_name(name: &str) -> Deprel {
        let find = |n: &str| Self::NAMES.iter().position(|x| *x == n);
        let idx = find(name)
            .or_else(|| name.split(':').next().and_then(find))
            .or_else(|| find("dep"))
            .unwrap_or(0);
        Deprel(idx as u8)
    }

    /// The base relation without subtype ("nsubj:pass" → "nsubj").
    pub fn base(self) -> &'static str {
        self.name().split(':').next().unwrap_or("dep")
    }
}

/// Tags and dependency tree for one sentence, aligned with its tokens.
///
/// `head[i]` is 0 for the root, else the 1-based index of the head token
/// within the sentence (as in CoNLL-U). A sentence the syntax stage left
/// alone is all empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SentenceSyntax {
    pub upos: Vec<Upos>,
    pub head: Vec<u16>,
    pub deprel: Vec<Deprel>,
}

impl SentenceSyntax {
    pub fn len(&self) -> usize {
        self.upos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.upos.is_empty()
    }

    /// Whether the sentence has a dependency tree (not only tags).
    pub fn is_parsed(&self) -> bool {
        !self.upos.is_empty()
            && self.head.len() == self.upos.len()
            && self.deprel.len() == self.upos.len()
    }

    /// The 0-based index of token `i`'s head, or `None` for the root.
    pub fn head_of(&self, i: usize) -> Option<usize> {
        match self.head.get(i).copied() {
            Some(0) | None => None,
            Some(h) => Some(h as usize - 1),
        }
    }

    /// 0-based indexes of the tokens whose head is token `i`.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.head
            .iter()
            .enumerate()
            .filter(move |(_, h)| **h as usize == i + 1)
            .map(|(j, _)| j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deprel_names_round_trip_and_fall_back() {
        for (i, n) in Deprel::NAMES.iter().enumerate() {
            assert_eq!(Deprel::from_name(n).0 as usize, i);
        }
        assert_eq!(Deprel::from_name("obl:tmod").name(), "obl");
        assert_eq!(Deprel::from_name("nonsense").name(), "dep");
    }

    #[test]
    fn upos_names_round_trip() {
        for u in Upos::ALL {
            assert_eq!(Upos::from_name(u.name()), Some(u));
        }
    }
}
