//! Records built by hand from the document model, over texts written for
//! these tests.
#![allow(dead_code)]

use std::sync::Arc;

use demarche_model::{
    Actor, Document, Entity, EntityKind, Event, Mention, Mode, Quote, QuoteKind, Record, Span,
};

pub fn span_of(doc: &Document, needle: &str) -> Span {
    let s = doc
        .text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in test text"));
    Span::new(s, s + needle.len())
}

fn actor(
    id: &str,
    name: &str,
    code: &str,
    country: Option<&str>,
    sector: Option<&str>,
) -> Arc<Actor> {
    Arc::new(Actor {
        id: id.into(),
        name: name.into(),
        code: Some(code.into()),
        country: country.map(Into::into),
        sector: sector.map(Into::into),
    })
}

fn mention(doc: &Document, words: &str, name: &str, code: &str) -> Mention {
    Mention {
        span: span_of(doc, words),
        name: Some(name.into()),
        code: Some(code.into()),
        entity: None,
    }
}

pub struct EventSpec<'a> {
    pub source: (&'a str, &'a str, &'a str),
    pub target: (&'a str, &'a str, &'a str),
    pub cameo: &'a str,
    pub plover: &'a str,
    pub quad_class: u8,
    pub goldstein: f32,
    pub trigger: &'a str,
    pub date: Option<&'a str>,
}

pub fn event(doc: &Document, e: EventSpec) -> Event {
    let trigger = span_of(doc, e.trigger);
    let sentence_start = doc.text[..trigger.start as usize]
        .rfind(['.', '\n'])
        .map_or(0, |i| i + 1);
    Event {
        source: Some(mention(doc, e.source.0, e.source.1, e.source.2)),
        target: Some(mention(doc, e.target.0, e.target.1, e.target.2)),
        cameo: e.cameo.into(),
        plover: e.plover.into(),
        quad_class: e.quad_class,
        goldstein: e.goldstein,
        mode: Mode::Asserted,
        trigger,
        evidence: Span::new(sentence_start, trigger.end as usize),
        date: e.date.map(Into::into),
        date_span: None,
        quote: None,
    }
}

/// A Kremlin spokesman criticising the United States, with one quote.
pub fn kremlin_record(origin: &str) -> Record {
    let text = "Moscow rebukes Washington over new tariffs\n\
        Kremlin spokesman Ivan Petrovsky condemned the American tariffs on Monday. \
        “These measures are an unfriendly step that we will answer,” Petrovsky told reporters in Moscow. \
        He said trade talks with the United States were now frozen.";
    let mut doc = Document::new(origin, text.to_string());
    doc.title = Some("Moscow rebukes Washington over new tariffs".into());
    doc.published = chrono::NaiveDate::from_ymd_opt(2025, 3, 10);
    doc.language = Some("en".into());
    let petrovsky = actor(
        "ivan-petrovsky",
        "Ivan Petrovsky",
        "RUSGOV",
        Some("RUS"),
        Some("GOV"),
    );
    let usa = actor("USA", "United States", "USA", Some("USA"), None);
    doc.entities.push(Entity {
        span: span_of(&doc, "Ivan Petrovsky"),
        kind: EntityKind::Person,
        actor: Some(petrovsky.clone()),
        chain: Some(0),
    });
    let second = doc.text.rfind("Petrovsky told").unwrap();
    doc.entities.push(Entity {
        span: Span::new(second, second + "Petrovsky".len()),
        kind: EntityKind::Person,
        actor: Some(petrovsky),
        chain: Some(0),
    });
    doc.entities.push(Entity {
        span: span_of(&doc, "the United States"),
        kind: EntityKind::Country,
        actor: Some(usa),
        chain: None,
    });
    let quote_words = "These measures are an unfriendly step that we will answer,";
    doc.quotes.push(Quote {
        span: span_of(&doc, quote_words),
        kind: QuoteKind::Direct,
        cue: Some(span_of(&doc, "told")),
        speaker: Some(Mention {
            span: Span::new(second, second + "Petrovsky".len()),
            name: Some("Ivan Petrovsky".into()),
            code: Some("RUSGOV".into()),
            entity: Some(1),
        }),
    });
    doc.events.push(event(
        &doc,
        EventSpec {
            source: ("Ivan Petrovsky", "Ivan Petrovsky", "RUSGOV"),
            target: ("American", "United States", "USA"),
            cameo: "111",
            plover: "ACCUSE",
            quad_class: 3,
            goldstein: -2.0,
            trigger: "condemned",
            date: Some("2025-03-10"),
        },
    ));
    doc.events.push(event(
        &doc,
        EventSpec {
            source: ("He", "Ivan Petrovsky", "RUSGOV"),
            target: ("the United States", "United States", "USA"),
            cameo: "0311",
            plover: "DEMAND",
            quad_class: 3,
            goldstein: -4.0,
            trigger: "frozen",
            date: None,
        },
    ));
    Record::from_document(&doc)
}

/// A US envoy praising Ukraine, a month later.
pub fn envoy_record(origin: &str) -> Record {
    let text = "Envoy praises Kyiv\n\
        The American envoy Ruth Caldwell praised Ukraine for its reforms in April. \
        “Kyiv has done the hard work,” Caldwell said after the meeting.";
    let mut doc = Document::new(origin, text.to_string());
    doc.title = Some("Envoy praises Kyiv".into());
    doc.published = chrono::NaiveDate::from_ymd_opt(2025, 4, 14);
    let caldwell = actor(
        "ruth-caldwell",
        "Ruth Caldwell",
        "USAGOV",
        Some("USA"),
        Some("GOV"),
    );
    doc.entities.push(Entity {
        span: span_of(&doc, "Ruth Caldwell"),
        kind: EntityKind::Person,
        actor: Some(caldwell),
        chain: None,
    });
    doc.quotes.push(Quote {
        span: span_of(&doc, "Kyiv has done the hard work,"),
        kind: QuoteKind::Direct,
        cue: Some(span_of(&doc, "said")),
        speaker: Some(Mention {
            span: span_of(&doc, "Caldwell said"),
            name: Some("Ruth Caldwell".into()),
            code: Some("USAGOV".into()),
            entity: Some(0),
        }),
    });
    doc.events.push(event(
        &doc,
        EventSpec {
            source: ("Ruth Caldwell", "Ruth Caldwell", "USAGOV"),
            target: ("Ukraine", "Ukraine", "UKR"),
            cameo: "051",
            plover: "CONSULT",
            quad_class: 1,
            goldstein: 3.4,
            trigger: "praised",
            date: Some("2025-04-11"),
        },
    ));
    Record::from_document(&doc)
}

/// A near-copy of the Kremlin story from another publisher, marked as such.
pub fn kremlin_near_copy(origin: &str) -> Record {
    let original = kremlin_record("https://first.example/kremlin");
    let mut copy = kremlin_record(origin);
    copy.text.push_str(" (Reporting by staff.)");
    copy.doc_id = demarche_model::document::doc_id_of(&copy.text);
    copy.duplicate_of = Some(original.doc_id);
    copy
}

pub fn temp_db(name: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(format!("{name}.db"));
    (dir, path)
}
