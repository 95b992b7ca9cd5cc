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
    triggers_among(doc, |_| true)
}

/// The same, looking only at the sentences `asked` allows (false for the
/// others): the pipeline has decided about some sentences already, and
/// reading a sentence for event patterns is not cheap.
pub fn triggers_among(doc: &Document, asked: impl Fn(usize) -> bool) -> Vec<bool> {
    let k = knowledge();
    let mut cands = Vec::new();
    (0..doc.sentences.len())
        .map(|s| {
            if !asked(s) {
                return false;
            }
            let view = SentenceView::build(doc, s, &k.lex, &k.patterns, &mut cands);
            !matcher::find(&view, &k.patterns, &k.lex).is_empty()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sentences_asked_about_are_read() {
        let mut doc = Document::new(
            "test",
            "Ukraine accused Russia of shelling the port. The harbour was quiet. \
             Poland condemned the attack."
                .to_string(),
        );
        demarche_text::analyse(&mut doc);
        assert_eq!(sentences_with_triggers(&doc), vec![true, false, true]);
        assert_eq!(triggers_among(&doc, |s| s != 0), vec![false, false, true]);
    }
}
