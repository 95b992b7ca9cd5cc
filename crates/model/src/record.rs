//! The output contract: one `demarche.document/1` record per document.
//!
//! See `../shared/schema/README.md`. Offsets here are character offsets.

use serde::{Deserialize, Serialize};

use crate::layers::{EntityKind, Mention, Mode, QuoteKind};
use crate::{CharIndex, Document, Span};

pub const SCHEMA: &str = "demarche.document/1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub schema: String,
    pub doc_id: String,
    pub origin: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub duplicate_of: Option<String>,
    pub entities: Vec<EntityRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub events: Vec<EventRecord>,
    pub dates: Vec<DateRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub text: String,
    pub span: [u32; 2],
    pub kind: EntityKind,
    pub actor: Option<ActorRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub text: String,
    pub span: [u32; 2],
    pub name: Option<String>,
    pub code: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QuoteRecord {
    pub text: String,
    pub span: [u32; 2],
    pub kind: QuoteKind,
    pub cue: Option<String>,
    pub speaker: Option<MentionRecord>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TriggerRecord {
    pub text: String,
    pub span: [u32; 2],
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRecord {
    pub source: Option<MentionRecord>,
    pub target: Option<MentionRecord>,
    pub cameo: String,
    pub root: String,
    pub plover: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub mode: Mode,
    pub trigger: TriggerRecord,
    pub evidence: [u32; 2],
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub quote: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateRecord {
    pub text: String,
    pub span: [u32; 2],
    pub value: Option<String>,
}

impl Record {
    pub fn from_document(doc: &Document) -> Record {
        let idx = CharIndex::new(&doc.text);
        let text_of = |s: Span| doc.slice(s).to_string();
        let mention = |m: &Mention| MentionRecord {
            text: text_of(m.span),
            span: idx.chars(m.span),
            name: m.name.clone(),
            code: m.code.clone(),
        };
        Record {
            schema: SCHEMA.to_string(),
            doc_id: doc.doc_id(),
            origin: doc.origin.clone(),
            title: doc.title.clone(),
            published: doc.published.map(|d| d.format("%Y-%m-%d").to_string()),
            language: doc.language.clone(),
            text: doc.text.clone(),
            duplicate_of: doc.duplicate_of.clone(),
            entities: doc
                .entities
                .iter()
                .map(|e| EntityRecord {
                    text: text_of(e.span),
                    span: idx.chars(e.span),
                    kind: e.kind,
                    actor: e.actor.as_ref().map(|a| ActorRecord {
                        id: a.id.clone(),
                        name: a.name.clone(),
                        code: a.code.clone(),
                        country: a.country.clone(),
                        sector: a.sector.clone(),
                    }),
                })
                .collect(),
            quotes: doc
                .quotes
                .iter()
                .map(|q| QuoteRecord {
                    text: text_of(q.span),
                    span: idx.chars(q.span),
                    kind: q.kind,
                    cue: q.cue.map(text_of),
                    speaker: q.speaker.as_ref().map(mention),
                })
                .collect(),
            events: doc
                .events
                .iter()
                .map(|e| EventRecord {
                    source: e.source.as_ref().map(mention),
                    target: e.target.as_ref().map(mention),
                    cameo: e.cameo.clone(),
                    root: e.root().to_string(),
                    plover: e.plover.clone(),
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    mode: e.mode,
                    trigger: TriggerRecord {
                        text: text_of(e.trigger),
                        span: idx.chars(e.trigger),
                    },
                    evidence: idx.chars(e.evidence),
                    date: e.date.clone(),
                    date_text: e.date_span.map(text_of),
                    quote: e.quote,
                })
                .collect(),
            dates: doc
                .dates
                .iter()
                .map(|d| DateRecord {
                    text: text_of(d.span),
                    span: idx.chars(d.span),
                    value: d.value.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::{Quote, QuoteKind};

    #[test]
    fn record_has_every_contract_field_and_char_spans() {
        let text = "«Nous refusons», a-t-il dit. “We refuse,” he said.".to_string();
        let mut doc = Document::new("x.txt", text);
        let s = doc.text.find("We refuse,").unwrap();
        doc.quotes.push(Quote {
            span: Span::new(s, s + "We refuse,".len()),
            kind: QuoteKind::Direct,
            cue: None,
            speaker: None,
        });
        let rec = Record::from_document(&doc);
        let v = serde_json::to_value(&rec).unwrap();
        for key in [
            "schema",
            "doc_id",
            "origin",
            "title",
            "published",
            "language",
            "text",
            "duplicate_of",
            "entities",
            "quotes",
            "events",
            "dates",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        let [a, b] = rec.quotes[0].span;
        let chars: Vec<char> = rec.text.chars().collect();
        assert_eq!(
            chars[a as usize..b as usize].iter().collect::<String>(),
            "We refuse,"
        );
    }
}
