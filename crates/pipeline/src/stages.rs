//! The stages after ingest, in order. Each takes the document as the previous
//! one left it and adds its layer.

use demarche_actors::ActorKb;
use demarche_model::{Document, Sentence};

/// Headlines and section titles are left unparsed (the later stages read them on the surface);
/// so are fragments too short to hold a clause.
fn worth_parsing(s: &Sentence) -> bool {
    !s.heading && s.tokens.len() >= 3
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
        let sentences = &doc.sentences;
        let wanted: Vec<bool> = sentences.iter().map(worth_parsing).collect();
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
