//! What queries return: plain rows, serialisable as JSON, and printable as
//! a table or CSV through [`Tabular`].

use serde::Serialize;

/// A row type that can be laid out in columns.
pub trait Tabular: Serialize {
    /// Every column, in order (CSV header).
    fn columns() -> &'static [&'static str];
    /// The columns worth showing in a terminal table (a subset of `columns`).
    fn table_columns() -> &'static [&'static str] {
        Self::columns()
    }
    /// One cell per column of `columns()`; empty for a missing value.
    fn cells(&self) -> Vec<String>;
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteRow {
    pub id: i64,
    pub doc_id: String,
    pub origin: String,
    /// The document's publication date.
    pub day: Option<String>,
    /// Canonical speaker name, after coreference.
    pub speaker: Option<String>,
    /// The words that name the speaker at this place.
    pub speaker_text: Option<String>,
    pub speaker_code: Option<String>,
    pub kind: String,
    pub cue: Option<String>,
    pub text: String,
    /// Character span of the quote in the document text.
    pub span: [u32; 2],
}

impl Tabular for QuoteRow {
    fn columns() -> &'static [&'static str] {
        &[
            "id",
            "doc_id",
            "origin",
            "day",
            "speaker",
            "speaker_text",
            "speaker_code",
            "kind",
            "cue",
            "text",
            "start",
            "end",
        ]
    }
    fn table_columns() -> &'static [&'static str] {
        &["day", "speaker", "speaker_code", "kind", "text", "origin"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.doc_id.clone(),
            self.origin.clone(),
            opt(&self.day),
            opt(&self.speaker),
            opt(&self.speaker_text),
            opt(&self.speaker_code),
            self.kind.clone(),
            opt(&self.cue),
            self.text.clone(),
            self.span[0].to_string(),
            self.span[1].to_string(),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventRow {
    pub id: i64,
    pub doc_id: String,
    pub origin: String,
    /// The day the event is filed under: its own date, else publication.
    pub day: Option<String>,
    pub date: Option<String>,
    pub date_text: Option<String>,
    pub source: Option<String>,
    pub source_code: Option<String>,
    pub source_text: Option<String>,
    pub target: Option<String>,
    pub target_code: Option<String>,
    pub target_text: Option<String>,
    pub cameo: String,
    pub root: String,
    pub plover: String,
    pub quad_class: u8,
    pub goldstein: f64,
    pub mode: String,
    pub trigger: String,
    /// Character span of the sentence or clause carrying the event.
    pub evidence: [u32; 2],
    /// Index of the document quote the event was said in.
    pub quote: Option<u32>,
}

impl Tabular for EventRow {
    fn columns() -> &'static [&'static str] {
        &[
            "id",
            "doc_id",
            "origin",
            "day",
            "date",
            "date_text",
            "source",
            "source_code",
            "source_text",
            "target",
            "target_code",
            "target_text",
            "cameo",
            "root",
            "plover",
            "quad_class",
            "goldstein",
            "mode",
            "trigger",
            "evidence_start",
            "evidence_end",
            "quote",
        ]
    }
    fn table_columns() -> &'static [&'static str] {
        &[
            "day",
            "source_code",
            "source",
            "cameo",
            "plover",
            "target_code",
            "target",
            "goldstein",
            "mode",
            "trigger",
            "origin",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.id.to_string(),
            self.doc_id.clone(),
            self.origin.clone(),
            opt(&self.day),
            opt(&self.date),
            opt(&self.date_text),
            opt(&self.source),
            opt(&self.source_code),
            opt(&self.source_text),
            opt(&self.target),
            opt(&self.target_code),
            opt(&self.target_text),
            self.cameo.clone(),
            self.root.clone(),
            self.plover.clone(),
            self.quad_class.to_string(),
            self.goldstein.to_string(),
            self.mode.clone(),
            self.trigger.clone(),
            self.evidence[0].to_string(),
            self.evidence[1].to_string(),
            opt(&self.quote),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorRow {
    pub actor_id: String,
    pub name: String,
    pub code: Option<String>,
    pub country: Option<String>,
    pub sector: Option<String>,
    /// Entity mentions across all documents.
    pub mentions: i64,
    /// Documents that mention the actor.
    pub documents: i64,
}

impl Tabular for ActorRow {
    fn columns() -> &'static [&'static str] {
        &[
            "actor_id",
            "name",
            "code",
            "country",
            "sector",
            "mentions",
            "documents",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.actor_id.clone(),
            self.name.clone(),
            opt(&self.code),
            opt(&self.country),
            opt(&self.sector),
            self.mentions.to_string(),
            self.documents.to_string(),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchHit {
    /// "document" or "quote".
    pub kind: String,
    pub doc_id: String,
    pub origin: String,
    pub title: Option<String>,
    /// For a quote: who said it.
    pub speaker: Option<String>,
    /// The matching passage, matched words between `**`.
    pub snippet: String,
    /// Relevance (BM25, higher is better).
    pub score: f64,
}

impl Tabular for SearchHit {
    fn columns() -> &'static [&'static str] {
        &[
            "kind", "doc_id", "origin", "title", "speaker", "snippet", "score",
        ]
    }
    fn table_columns() -> &'static [&'static str] {
        &["kind", "origin", "speaker", "snippet", "score"]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.kind.clone(),
            self.doc_id.clone(),
            self.origin.clone(),
            opt(&self.title),
            opt(&self.speaker),
            self.snippet.clone(),
            format!("{:.3}", self.score),
        ]
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub documents: i64,
    /// Other places stored articles were seen (same or near-same text).
    pub duplicates: i64,
    pub quotes: i64,
    pub events: i64,
    pub actors: i64,
    pub entities: i64,
    pub dates: i64,
    pub first_day: Option<String>,
    pub last_day: Option<String>,
    pub schema_version: u32,
}

impl Tabular for Stats {
    fn columns() -> &'static [&'static str] {
        &[
            "documents",
            "duplicates",
            "quotes",
            "events",
            "actors",
            "entities",
            "dates",
            "first_day",
            "last_day",
            "schema_version",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.documents.to_string(),
            self.duplicates.to_string(),
            self.quotes.to_string(),
            self.events.to_string(),
            self.actors.to_string(),
            self.entities.to_string(),
            self.dates.to_string(),
            opt(&self.first_day),
            opt(&self.last_day),
            self.schema_version.to_string(),
        ]
    }
}

/// One period of a source → target timeline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimelinePoint {
    /// "2025-06" for a month; the Monday "2025-06-16" for a week.
    pub period: String,
    pub events: i64,
    pub goldstein_sum: f64,
    pub goldstein_mean: f64,
    /// Counts per quad class.
    pub verbal_cooperation: i64,
    pub material_cooperation: i64,
    pub verbal_conflict: i64,
    pub material_conflict: i64,
}

impl Tabular for TimelinePoint {
    fn columns() -> &'static [&'static str] {
        &[
            "period",
            "events",
            "goldstein_sum",
            "goldstein_mean",
            "verbal_cooperation",
            "material_cooperation",
            "verbal_conflict",
            "material_conflict",
        ]
    }
    fn cells(&self) -> Vec<String> {
        vec![
            self.period.clone(),
            self.events.to_string(),
            format!("{:.1}", self.goldstein_sum),
            format!("{:.2}", self.goldstein_mean),
            self.verbal_cooperation.to_string(),
            self.material_cooperation.to_string(),
            self.verbal_conflict.to_string(),
            self.material_conflict.to_string(),
        ]
    }
}

/// Writes rows as CSV with a header line.
pub fn write_csv<T: Tabular, W: std::io::Write>(rows: &[T], out: W) -> crate::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(T::columns())?;
    for row in rows {
        w.write_record(row.cells())?;
    }
    w.flush()?;
    Ok(())
}
