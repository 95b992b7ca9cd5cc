//! Stage `quotes`: every quotation in a document, direct, indirect and mixed,
//! with the reporting cue and the person or body who said it.
//!
//! - [`marks`] pairs quotation marks of every style into quoted segments;
//! - [`frames`] finds reporting cues ("said", "according to", …) with their
//!   speaker and the content they introduce;
//! - `parsed` completes frames from the dependency parse (a reporting verb's subject
//!   and complement clause), read through `tree`;
//! - `assemble` decides what is a direct, indirect or mixed quote and who said it;
//! - speakers are resolved by the actor layer (`demarche_actors::resolve_at`), then
//!   `follow` carries them from quote to quote ("he said", "the mayor said").
//!
//! Knowledge (cues, reporting nouns, word classes, thresholds) lives in `data/quotes/`.

mod assemble;
pub mod config;
mod follow;
mod frames;
pub mod marks;
mod parsed;
mod speaker;
mod tree;
mod view;

use demarche_actors::ActorKb;
use demarche_model::{Document, Mention, Quote, Span};

pub use config::{ConfigError, CueFlags, QuoteConfig};
pub use follow::Agreement;

/// Resolves the words naming a speaker to a mention (canonical name, code, entity).
pub type Resolver<'r> = dyn Fn(&Document, Span) -> Option<Mention> + 'r;

/// Fills `doc.quotes` (sorted by span start), resolving speakers with the actor layer.
/// Needs the text layers (paragraphs, sentences, tokens); reads entities when present.
pub fn annotate(doc: &mut Document, kb: &ActorKb) {
    // The genders the document shows, read only if a pronoun speaker asks.
    let genders = std::cell::OnceCell::new();
    annotate_following(
        doc,
        QuoteConfig::get(),
        &|d: &Document, s: Span| demarche_actors::resolve_at(d, kb, s),
        &|d: &Document, pronoun: &str, name: &str, person: bool| {
            let genders = genders.get_or_init(|| demarche_actors::document_genders(d, kb));
            demarche_actors::pronoun_agrees_in(kb, genders, pronoun, name, person)
        },
    );
}

/// Like [`annotate`], with a given configuration and speaker resolver; a pronoun
/// speaker may stand for any earlier speaker of the right kind (he/she: a person).
pub fn annotate_with(doc: &mut Document, cfg: &QuoteConfig, resolve: &Resolver) {
    annotate_following(
        doc,
        cfg,
        resolve,
        &|_: &Document, pronoun: &str, _: &str, person: bool| {
            let personal = cfg
                .settings
                .follow
                .personal
                .contains(&pronoun.to_lowercase());
            Some(person == personal)
        },
    );
}

/// Like [`annotate_with`], judging with `agrees` whether a pronoun speaker
/// ("he") may stand for an earlier named speaker (`agrees(doc, pronoun, name, is_person)`).
pub fn annotate_following(
    doc: &mut Document,
    cfg: &QuoteConfig,
    resolve: &Resolver,
    agrees: &Agreement,
) {
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
    let mut quotes = quotes;
    follow::speakers(doc, cfg, &mut quotes, agrees);
    doc.quotes = quotes;
}
