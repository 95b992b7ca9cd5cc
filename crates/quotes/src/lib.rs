//! Stage `quotes`: every quotation in a document, direct, indirect and mixed,
//! with the reporting cue and the person or body who said it.
//!
//! - [`marks`] pairs quotation marks of every style into quoted segments;
//! - [`frames`] finds reporting cues ("said", "according to", …) with their
//!   speaker and the content they introduce;
//! - `assemble` decides what is a direct, indirect or mixed quote and who said it;
//! - speakers are resolved by the actor layer (`demarche_actors::resolve_at`).
//!
//! Knowledge (cues, reporting nouns, word classes, thresholds) lives in `data/quotes/`.

mod assemble;
pub mod config;
mod frames;
pub mod marks;
mod speaker;
mod view;

use demarche_actors::ActorKb;
use demarche_model::{Document, Mention, Quote, Span};

pub use config::{ConfigError, CueFlags, QuoteConfig};

/// Resolves the words naming a speaker to a mention (canonical name, code, entity).
pub type Resolver<'r> = dyn Fn(&Document, Span) -> Option<Mention> + 'r;

/// Fills `doc.quotes` (sorted by span start), resolving speakers with the actor layer.
/// Needs the text layers (paragraphs, sentences, tokens); reads entities when present.
pub fn annotate(doc: &mut Document, kb: &ActorKb) {
    annotate_with(doc, QuoteConfig::get(), &|d: &Document, s: Span| {
        demarche_actors::resolve_at(d, kb, s)
    });
}

/// Like [`annotate`], with a given configuration and speaker resolver.
pub fn annotate_with(doc: &mut Document, cfg: &QuoteConfig, resolve: &Resolver) {
    if doc.tokens.is_empty() || doc.sentences.is_empty() {
        doc.quotes.clear();
        return;
    }
    let found = {
        let view = view::View::new(doc, cfg);
        assemble::quotes(&view)
    };
    let span = |r: &std::ops::Range<usize>| Span {
        start: doc.tokens[r.start].span.start,
        end: doc.tokens[r.end - 1].span.end,
    };
    let quotes: Vec<Quote> = found
        .iter()
        .filter(|f| f.content.start < f.content.end)
        .map(|f| Quote {
            span: span(&f.content),
            kind: f.kind,
            cue: f.cue.as_ref().map(span),
            speaker: f.speaker.as_ref().filter(|r| r.start < r.end).map(|r| {
                let s = span(r);
                resolve(doc, s).unwrap_or(Mention {
                    span: s,
                    name: None,
                    code: None,
                    entity: None,
                })
            }),
        })
        .collect();
    doc.quotes = quotes;
}
