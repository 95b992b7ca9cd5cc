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
    let quotes = demarche_quotes::QuoteConfig::get();
    let clause = |s: &Sentence| !s.heading && s.tokens.len() >= 3;
    let cued: Vec<bool> = doc
        .sentences
        .iter()
        .map(|s| clause(s) && has_reporting_cue(doc, s, quotes))
        .collect();
    // Looking for event patterns costs more than looking for a cue: only
    // where no cue decided already.
    let triggers = demarche_events::triggers_among(doc, |s| !cued[s] && clause(&doc.sentences[s]));
    cued.iter().zip(&triggers).map(|(c, t)| *c || *t).collect()
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

/// Which built-in syntax model the syntax stage runs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SyntaxModel {
    /// One tagger pass and a parser with a third of the feature templates:
    /// about three times faster, a few points less accurate on the treebank,
    /// and quotes and events a few thousandths of F1 lower (BENCHMARKS.md).
    #[default]
    Fast,
    /// The accurate model that `demarche parse` runs.
    Accurate,
}

impl SyntaxModel {
    pub fn model(self) -> &'static demarche_syntax::Model {
        match self {
            SyntaxModel::Fast => demarche_syntax::Model::embedded_fast(),
            SyntaxModel::Accurate => demarche_syntax::Model::embedded(),
        }
    }
}

/// Runs every analysis stage on a cleaned document, with the fast syntax model.
pub fn process(doc: Document, kb: &ActorKb) -> Document {
    process_with(doc, kb, SyntaxModel::default())
}

/// Runs every analysis stage on a cleaned document.
pub fn process_with(doc: Document, kb: &ActorKb, syntax: SyntaxModel) -> Document {
    process_observed(doc, kb, syntax, &mut Unobserved)
}

/// Runs every analysis stage, each through `observer` under its name, so a
/// benchmark can time the stages exactly as `process` runs them.
pub fn process_observed(
    mut doc: Document,
    kb: &ActorKb,
    syntax: SyntaxModel,
    observer: &mut impl StageObserver,
) -> Document {
    observer.stage("text", || demarche_text::analyse(&mut doc));
    observer.stage("syntax", || {
        let model = syntax.model();
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

    /// The parse the actor stage reads tells an opening participle from the first
    /// word of a name.
    #[test]
    fn an_opening_participle_is_no_part_of_the_name_after_it() {
        let mut doc = Document::new(
            "test",
            "Addressing Congress, Obama said the war was over. \
             Pershing Square officials said it was closed."
                .to_string(),
        );
        demarche_text::analyse(&mut doc);
        let doc = process(doc, ActorKb::embedded());
        let names: Vec<&str> = doc.entities.iter().map(|e| e.span.of(&doc.text)).collect();
        assert!(names.contains(&"Congress"), "{names:?}");
        assert!(!names.contains(&"Addressing Congress"), "{names:?}");
        assert!(names.contains(&"Pershing Square"), "{names:?}");
    }

    /// Either model reads the same sentences and finds the same subject and
    /// object in a plain one; the default is the fast model.
    #[test]
    fn both_syntax_models_parse_what_the_later_stages_read() {
        assert_eq!(SyntaxModel::default(), SyntaxModel::Fast);
        for syntax in [SyntaxModel::Fast, SyntaxModel::Accurate] {
            let mut doc = Document::new(
                "test",
                "Snow fell all night. Poland condemned the attack on the embassy.".to_string(),
            );
            demarche_text::analyse(&mut doc);
            let doc = process_with(doc, ActorKb::embedded(), syntax);
            let syn = &doc.syntax[1];
            assert!(doc.syntax[0].is_empty(), "{syntax:?}");
            assert!(syn.is_parsed(), "{syntax:?}");
            let root = (0..syn.len()).find(|i| syn.head_of(*i).is_none());
            assert_eq!(
                root,
                Some(1),
                "{syntax:?}: \"condemned\" heads the sentence"
            );
            assert_eq!(syn.deprel[0].name(), "nsubj", "{syntax:?}");
            assert_eq!(syn.deprel[3].name(), "obj", "{syntax:?}");
        }
    }
}
