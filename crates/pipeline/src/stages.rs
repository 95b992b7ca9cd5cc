//! The stages after ingest, in order. Each takes the document as the previous
//! one left it and adds its layer.

use demarche_actors::ActorKb;
use demarche_model::{Document, Sentence};

/// Which sentences to tag and parse. Syntax is most of the pipeline's cost,
/// and only sentences with a reporting cue (indirect speech) or an event
/// pattern read it; the rest are left alone. So are headlines and section
/// titles (the later stages read them on the surface) and fragments too short
/// to hold a clause.
fn sentences_to_parse(doc: &Document) -> Vec<bool> {
    let triggers = demarche_events::sentences_with_triggers(doc);
    let quotes = demarche_quotes::QuoteConfig::get();
    doc.sentences
        .iter()
        .enumerate()
        .map(|(i, s)| {
            !s.heading && s.tokens.len() >= 3 && (triggers[i] || has_reporting_cue(doc, s, quotes))
        })
        .collect()
}

fn has_reporting_cue(doc: &Document, s: &Sentence, quotes: &demarche_quotes::QuoteConfig) -> bool {
    doc.tokens
        .get(s.token_range())
        .unwrap_or(&[])
        .iter()
        .any(|t| {
            let word = doc.slice(t.span);
            !quotes.cues_for(word).is_empty() || quotes.is_reporting_noun(word)
        })
}

/// Runs every analysis stage on a cleaned document.
pub fn process(doc: Document, kb: &ActorKb) -> Document {
    process_observed(doc, kb, &mut Unobserved)
}

/// Runs every analysis stage, each through `observer` under its name, so a
/// benchmark can time the stages exactly as `process` runs them.
pub fn process_observed(
    mut doc: Document,
    kb: &ActorKb,
    observer: &mut impl StageObserver,
) -> Document {
    observer.stage("text", || demarche_text::analyse(&mut doc));
    observer.stage("syntax", || {
        let model = demarche_syntax::Model::embedded();
        let wanted = sentences_to_parse(&doc);
        demarche_syntax::annotate_document(&mut doc, model, |s| wanted[s]);
    });
    observer.stage("actors", || demarche_actors::annotate(&mut doc, kb));
    observer.stage("quotes", || demarche_quotes::annotate(&mut doc, kb));
    observer.stage("dates", || demarche_dates::annotate(&mut doc));
    observer.stage("events", || demarche_events::annotate(&mut doc, kb));
    doc
}

/// Wraps each stage of [`process_observed`]. It calls `run` once, or not at
/// all to skip the stage (a benchmark runs one stage alone this way).
pub trait StageObserver {
    fn stage(&mut self, name: &'static str, run: impl FnOnce());
}

/// The observer of a plain run: runs the stage, nothing more (inlined away).
struct Unobserved;

impl StageObserver for Unobserved {
    #[inline(always)]
    fn stage(&mut self, _name: &'static str, run: impl FnOnce()) {
        run()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed_of(text: &str) -> Vec<bool> {
        let mut doc = Document::new("test", text.to_string());
        demarche_text::analyse(&mut doc);
        sentences_to_parse(&doc)
    }

    #[test]
    fn only_sentences_with_a_cue_or_an_event_pattern_are_parsed() {
        let parsed = parsed_of(
            "The harbour was quiet on a grey morning. \
             Ukraine accused Russia of shelling the port. \
             The fishermen stayed at home. \
             A spokesman told reporters that the talks would resume.",
        );
        assert_eq!(parsed, vec![false, true, false, true]);
    }

    #[test]
    fn parsed_sentences_carry_a_tree_and_the_others_nothing() {
        let mut doc = Document::new(
            "test",
            "Snow fell all night. Poland condemned the attack.".to_string(),
        );
        demarche_text::analyse(&mut doc);
        let doc = process(doc, ActorKb::embedded());
        assert!(doc.syntax[0].is_empty());
        assert!(doc.syntax[1].is_parsed());
    }
}
