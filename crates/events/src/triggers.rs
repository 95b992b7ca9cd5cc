//! Which sentences can hold an event at all: those where some event pattern
//! matches on the surface. Only they need a dependency parse, so the pipeline
//! asks here before parsing.

use demarche_model::Document;

use crate::view::SentenceView;
use crate::{knowledge, matcher};

/// For each sentence of `doc`, whether an event pattern matches its words.
/// Without tags every word may take any part of speech, so this is a
/// superset of the sentences the event stage codes later. Needs the text layers.
pub fn sentences_with_triggers(doc: &Document) -> Vec<bool> {
    let k = knowledge();
    let mut cands = Vec::new();
    (0..doc.sentences.len())
        .map(|s| {
            let view = SentenceView::build(doc, s, &k.lex, &k.patterns, &mut cands);
            !matcher::find(&view, &k.patterns, &k.lex).is_empty()
        })
        .collect()
}
