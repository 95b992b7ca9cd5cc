//! The layers stages add to a document. Every position is a [`Span`] into the
//! document's cleaned text; strings here are knowledge (canonical names,
//! codes), never copies of the text.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::Span;

/// What a token is made of; decided once by the tokeniser.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or dots ("U.S.", "al-Assad").
    Word,
    /// Digits with separators ("1,000.5", "2003", "3:30").
    Number,
    /// A quotation mark of any style.
    Quote,
    /// Any other punctuation (. , ; : ! ? … — ( ) …).
    Punct,
    /// Symbols and anything else (%, $, ©, emoji).
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
}

/// A sentence: its span and the range of its tokens in [`crate::Document::tokens`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    pub span: Span,
    pub tokens: std::ops::Range<u32>,
    /// True when the sentence is a headline or section title (no final stop, own line).
    pub heading: bool,
}

impl Sentence {
    pub fn token_range(&self) -> std::ops::Range<usize> {
        self.tokens.start as usize..self.tokens.end as usize
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Country,
    Place,
    Group,
}

/// An actor from the dictionaries (or built from context): who someone is, coded CAMEO-style.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Actor {
    /// Stable identifier, e.g. "dmitry-peskov" or "RUS".
    pub id: String,
    /// Canonical name, e.g. "Dmitry Peskov".
    pub name: String,
    /// Full CAMEO code, e.g. "RUSGOV", "IGOUNO".
    pub code: Option<String>,
    /// ISO 3166-1 alpha-3 country, or None for organisations without one.
    pub country: Option<String>,
    /// CAMEO sector, e.g. "GOV", "MIL".
    pub sector: Option<String>,
}

/// A mention of an actor in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub span: Span,
    pub kind: EntityKind,
    pub actor: Option<Arc<Actor>>,
    /// Coreference chain: mentions of the same actor in one document share it.
    pub chain: Option<u32>,
}

/// Someone named at one place in the text, resolved as far as the text allows.
/// Used for quote speakers and event sources and targets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mention {
    /// The words that name them here ("he", "Peskov", "the Kremlin").
    pub span: Span,
    /// Canonical name after coreference, or None.
    pub name: Option<String>,
    /// CAMEO actor code, or None.
    pub code: Option<String>,
    /// Index into [`crate::Document::entities`] of the entity this mention resolved to.
    pub entity: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The content, without quotation marks.
    pub span: Span,
    pub kind: QuoteKind,
    /// The reporting word ("said", "according to"), if any.
    pub cue: Option<Span>,
    pub speaker: Option<Mention>,
}

/// How an event is asserted by the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Asserted,
    Negated,
    Hypothetical,
    Threatened,
    Requested,
    Reported,
}

impl Mode {
    pub fn name(self) -> &'static str {
        match self {
            Mode::Asserted => "asserted",
            Mode::Negated => "negated",
            Mode::Hypothetical => "hypothetical",
            Mode::Threatened => "threatened",
            Mode::Requested => "requested",
            Mode::Reported => "reported",
        }
    }
}

/// A coded event: who did what to whom, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub source: Option<Mention>,
    pub target: Option<Mention>,
    /// Full CAMEO code ("111").
    pub cameo: String,
    /// PLOVER category ("ACCUSE").
    pub plover: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    pub goldstein: f32,
    pub mode: Mode,
    pub trigger: Span,
    /// The sentence or clause that carries the event.
    pub evidence: Span,
    /// When it happened (YYYY-MM-DD), resolved; None when unknown.
    pub date: Option<String>,
    /// The words that gave the date.
    pub date_span: Option<Span>,
    /// Index into [`crate::Document::quotes`] when the event was said in a quotation.
    pub quote: Option<u32>,
}

impl Event {
    /// The two-digit CAMEO root of the code.
    pub fn root(&self) -> &str {
        self.cameo.get(..2).unwrap_or(&self.cameo)
    }
}

/// A temporal expression and its TIMEX-style value (YYYY-MM-DD, YYYY-MM, YYYY-Www, YYYY).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    pub span: Span,
    pub value: Option<String>,
}
