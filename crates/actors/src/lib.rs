//! Stage `actors`: recognise who is who in an article, code each actor
//! CAMEO-style (country + sector, dated roles) and follow them through the
//! text (surnames, titles, role nominals, pronouns).
//!
//! Knowledge lives in `data/actors/*.tsv` (compiled in; the user adds more
//! with [`ActorKb::with_extra`]). Recognition runs one anchored
//! Aho-Corasick automaton over normalised word units, then small rules over
//! capitalised sequences and their context.

mod analysis;
mod coref;
mod data;
mod kb;
mod norm;
mod recognise;
mod toml_data;
mod units;

use std::sync::Arc;

use chrono::NaiveDate;
use demarche_model::{Actor, Document, Mention, Span};

pub use coref::{document_genders, pronoun_agrees_in, DocGenders};
pub use kb::ActorKb;
pub use units::possessive_split;

/// Why user actor data could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ActorError {
    #[error("{origin}:{line}: {message}")]
    Format {
        origin: String,
        line: usize,
        message: String,
    },
    #[error("actor data: {0}")]
    Toml(String),
    #[error("cannot build the actor automaton: {0}")]
    Build(String),
}

impl ActorKb {
    /// The knowledge base compiled from the embedded data files, built once.
    pub fn embedded() -> &'static ActorKb {
        kb::embedded()
    }

    /// The embedded knowledge plus the user's records, in the same TSV format
    /// as `data/actors/` (sections `[people]`, `[organisations]`, …) or in TOML
    /// (`[[people]]` tables with the same field names; see data/actors/README.md).
    pub fn with_extra(user_tsv_or_toml: &str) -> Result<ActorKb, ActorError> {
        let mut raw = kb::embedded_raw()?;
        data::add_user_data(&mut raw, user_tsv_or_toml)?;
        ActorKb::build(&raw)
    }

    /// The actor an exact alias names (case-insensitive), as they were on `on`
    /// (latest role when `None`). People win over organisations over places.
    pub fn lookup(&self, name: &str, on: Option<NaiveDate>) -> Option<Arc<Actor>> {
        let targets = self.targets_of(name);
        let rank = |t: &kb::Target| match t {
            kb::Target::Person(_) => 0,
            kb::Target::Org(_) => 1,
            kb::Target::Country(_) => 2,
            kb::Target::Seat(_) => 3,
            kb::Target::Capital(_) => 4,
            kb::Target::Adjective(_) => 5,
            kb::Target::Sector { .. } => 6,
        };
        targets
            .iter()
            .min_by_key(|t| rank(t))
            .and_then(|t| self.target_actor(*t, on))
    }

    /// Codes a short actor phrase on its own ("Russian President Vladimir
    /// Putin", "Iranian security forces", "soldiers"): the actor of its main
    /// entity, or one built from its sector words alone.
    pub fn resolve_phrase(&self, phrase: &str, on: Option<NaiveDate>) -> Option<Arc<Actor>> {
        recognise::resolve_phrase(self, phrase, on)
    }
}

/// Fills `doc.entities` (sorted by span start, non-overlapping) with actor
/// codes and coreference chain ids. Uses `doc.tokens` when the text stage
/// filled them, else a plain tokenisation of its own.
pub fn annotate(doc: &mut Document, kb: &ActorKb) {
    let analysis = analysis::Analysis::run(doc, kb);
    doc.entities = analysis.entities;
}

/// Like [`annotate`], and also returns the proper names written inside the
/// entities before their heads, which are not entities of their own: the
/// "NATO" of "NATO troops", the "State Department" of "State Department
/// spokesman Ned Vole". Each comes with the index of its entity in
/// `doc.entities`; its actor is `None`. For named-entity views of the text.
pub fn annotate_nested(doc: &mut Document, kb: &ActorKb) -> Vec<(usize, demarche_model::Entity)> {
    let analysis = analysis::Analysis::run(doc, kb);
    let mut nested = Vec::new();
    for (k, c) in analysis.cands.iter().enumerate() {
        for &(a, b, kind) in &c.inner {
            let span = Span {
                start: analysis.units.units[a].span.start,
                end: analysis.units.units[b - 1].span.end,
            };
            nested.push((
                k,
                demarche_model::Entity {
                    span,
                    kind,
                    actor: None,
                    chain: None,
                },
            ));
        }
    }
    doc.entities = analysis.entities;
    nested
}

/// For a span of words that names someone here (a name, a surname, a pronoun,
/// a role nominal such as "the spokeswoman", an organisation), the resolved
/// mention: canonical name, CAMEO code and the index of the entity in
/// `doc.entities`. `None` when the text gives no answer.
pub fn resolve_at(doc: &Document, kb: &ActorKb, span: Span) -> Option<Mention> {
    coref::resolve_at(doc, kb, span)
}

/// Could `pronoun` ("he", "she", "it", "they") refer to the actor called `name`
/// (a person when `person`)? Judged on number, animacy and the gender the name shows;
/// `None` when the text cannot tell (a name of unknown gender, an unknown word).
pub fn pronoun_agrees(kb: &ActorKb, pronoun: &str, name: &str, person: bool) -> Option<bool> {
    coref::pronoun_agrees(kb, pronoun, name, person)
}

/// Index of the entity in `doc.entities` that covers or overlaps `span` best.
pub fn entity_at(doc: &Document, span: Span) -> Option<usize> {
    let i = doc.entities.partition_point(|e| e.span.end <= span.start);
    let mut best: Option<(usize, u32)> = None;
    for (k, e) in doc.entities.iter().enumerate().skip(i) {
        if e.span.start >= span.end {
            break;
        }
        let overlap = e.span.end.min(span.end) - e.span.start.max(span.start);
        if best.is_none_or(|(_, o)| overlap > o) {
            best = Some((k, overlap));
        }
    }
    best.map(|(k, _)| k)
}
