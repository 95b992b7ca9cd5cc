//! Writing records: one transaction per batch, idempotent by `doc_id`.

use std::collections::HashMap;

use demarche_model::record::{DateRecord, EntityRecord, EventRecord, QuoteRecord};
use demarche_model::Record;
use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};

use crate::{near, Result, Store};

/// What storing one record did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InsertOutcome {
    /// A document not seen before: stored with all its layers.
    New,
    /// The same text from the same origin is already stored: nothing done.
    Skipped,
    /// The same text from another origin: recorded as one more place the
    /// stored article was seen.
    DuplicateMention,
    /// A document stored with all its layers that is a near-duplicate of one
    /// stored before (in this run or an earlier one): its `duplicate_of`
    /// names the original, which counts it as one more mention.
    NearDuplicate,
}

/// The layers of a record as kept in `documents.layers`, so that
/// [`Store::document`] gives the record back exactly.
#[derive(Serialize)]
pub(crate) struct LayersRef<'a> {
    pub schema: &'a str,
    pub entities: &'a [EntityRecord],
    pub quotes: &'a [QuoteRecord],
    pub events: &'a [EventRecord],
    pub dates: &'a [DateRecord],
}

#[derive(Deserialize)]
pub(crate) struct Layers {
    pub schema: String,
    pub entities: Vec<EntityRecord>,
    pub quotes: Vec<QuoteRecord>,
    pub events: Vec<EventRecord>,
    pub dates: Vec<DateRecord>,
}

impl Store {
    /// Stores one record in its own transaction.
    pub fn insert_record(&mut self, record: &Record) -> Result<InsertOutcome> {
        Ok(self.insert_batch(std::slice::from_ref(record))?[0])
    }

    /// Stores records in one transaction: either all of them are written or,
    /// on error, none.
    pub fn insert_batch(&mut self, records: &[Record]) -> Result<Vec<InsertOutcome>> {
        let added = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(records.len());
        {
            let mut writer = Writer {
                tx: &tx,
                added: &added,
                actor_ids: HashMap::new(),
                rows: RowCounts::default(),
            };
            for record in records {
                outcomes.push(writer.insert(record)?);
            }
            writer.rows.add_to(&tx)?;
        }
        tx.commit()?;
        Ok(outcomes)
    }
}

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    added: &'t str,
    /// actor_id → row id, for the actors met in this batch.
    actor_ids: HashMap<String, i64>,
    /// Rows this batch adds, for the `counts` table.
    rows: RowCounts,
}

/// Rows added per table, kept in `counts` so that `stats` reads them
/// instead of counting a million rows.
#[derive(Default)]
struct RowCounts {
    documents: i64,
    duplicates: i64,
    quotes: i64,
    events: i64,
    entities: i64,
    dates: i64,
}

impl RowCounts {
    fn add_to(&self, tx: &Transaction) -> Result<()> {
        let mut stmt = tx.prepare_cached("UPDATE counts SET n = n + ?2 WHERE name = ?1")?;
        for (name, n) in [
            ("documents", self.documents),
            ("duplicates", self.duplicates),
            ("quotes", self.quotes),
            ("events", self.events),
            ("entities", self.entities),
            ("dates", self.dates),
        ] {
            if n != 0 {
                stmt.execute(params![name, n])?;
            }
        }
        Ok(())
    }
}

impl Writer<'_> {
    fn insert(&mut self, r: &Record) -> Result<InsertOutcome> {
        let existing: Option<String> = self
            .tx
            .prepare_cached("SELECT origin FROM documents WHERE doc_id = ?1")?
            .query_row([&r.doc_id], |row| row.get(0))
            .optional()?;
        if let Some(first_origin) = existing {
            if first_origin == r.origin {
                return Ok(InsertOutcome::Skipped);
            }
            let added = self
                .tx
                .prepare_cached("INSERT OR IGNORE INTO duplicates (of_doc_id, origin, kind) VALUES (?1, ?2, 'exact')")?
                .execute([&r.doc_id, &r.origin])?;
            self.rows.duplicates += added as i64;
            return Ok(if added == 0 {
                InsertOutcome::Skipped
            } else {
                InsertOutcome::DuplicateMention
            });
        }
        let signature = near::signature(&r.text);
        let duplicate_of = self.original(r, signature.as_deref())?;
        let doc = self.insert_document(r, duplicate_of.as_deref())?;
        if let Some(sig) = &signature {
            near::remember(self.tx, doc, sig)?;
        }
        if let Some(original) = &duplicate_of {
            let added = self
                .tx
                .prepare_cached("INSERT OR IGNORE INTO duplicates (of_doc_id, origin, kind) VALUES (?1, ?2, 'near')")?
                .execute([original, &r.origin])?;
            self.rows.duplicates += added as i64;
        }
        self.insert_entities(doc, r)?;
        self.insert_quotes(doc, r)?;
        self.insert_events(doc, r)?;
        self.insert_dates(doc, r)?;
        Ok(match duplicate_of {
            Some(_) => InsertOutcome::NearDuplicate,
            None => InsertOutcome::New,
        })
    }

    /// The stored original a new record copies: the pipeline's verdict
    /// (within its run) when it gave one, else the closest stored
    /// near-duplicate from any earlier batch or run.
    fn original(&self, r: &Record, signature: Option<&[u64]>) -> Result<Option<String>> {
        match r.duplicate_of.as_deref().filter(|o| *o != r.doc_id) {
            Some(given) => Ok(Some(near::original_of(self.tx, given.to_string())?)),
            None => match signature {
                Some(sig) => near::find(self.tx, sig),
                None => Ok(None),
            },
        }
    }

    fn insert_document(&mut self, r: &Record, duplicate_of: Option<&str>) -> Result<i64> {
        let layers = serde_json::to_string(&LayersRef {
            schema: &r.schema,
            entities: &r.entities,
            quotes: &r.quotes,
            events: &r.events,
            dates: &r.dates,
        })?;
        self.tx
            .prepare_cached(
                "INSERT INTO documents (doc_id, origin, title, published, language, duplicate_of, text, layers, added)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![r.doc_id, r.origin, r.title, r.published, r.language, duplicate_of, r.text, layers, self.added])?;
        let id = self.tx.last_insert_rowid();
        self.tx
            .prepare_cached("INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)")?
            .execute(params![id, r.title, r.text])?;
        self.rows.documents += 1;
        Ok(id)
    }

    fn insert_entities(&mut self, doc: i64, r: &Record) -> Result<()> {
        let mut seen_in_doc: Vec<i64> = Vec::new();
        for (idx, e) in r.entities.iter().enumerate() {
            let actor = match &e.actor {
                Some(a) => {
                    let id = self.upsert_actor(a)?;
                    let first_in_doc = !seen_in_doc.contains(&id);
                    if first_in_doc {
                        seen_in_doc.push(id);
                    }
                    self.tx
                        .prepare_cached("UPDATE actors SET mentions = mentions + 1, documents = documents + ?2 WHERE id = ?1")?
                        .execute(params![id, first_in_doc as i64])?;
                    Some(id)
                }
                None => None,
            };
            self.tx
                .prepare_cached(
                    "INSERT INTO entities (doc, idx, text, start, end, kind, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![doc, idx as i64, e.text, e.span[0], e.span[1], enum_name(&e.kind)?, actor])?;
        }
        self.rows.entities += r.entities.len() as i64;
        Ok(())
    }

    fn upsert_actor(&mut self, a: &demarche_model::record::ActorRecord) -> Result<i64> {
        if let Some(&id) = self.actor_ids.get(&a.id) {
            return Ok(id);
        }
        // The latest description of an actor wins (dictionaries improve).
        let id: i64 = self
            .tx
            .prepare_cached(
                "INSERT INTO actors (actor_id, name, code, country, sector) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (actor_id) DO UPDATE SET name = excluded.name, code = excluded.code,
                     country = excluded.country, sector = excluded.sector
                 RETURNING id",
            )?
            .query_row(params![a.id, a.name, a.code, a.country, a.sector], |row| row.get(0))?;
        self.actor_ids.insert(a.id.clone(), id);
        Ok(id)
    }

    fn insert_quotes(&mut self, doc: i64, r: &Record) -> Result<()> {
        let day = valid_day(r.published.as_deref());
        for (idx, q) in r.quotes.iter().enumerate() {
            let sp = q.speaker.as_ref();
            self.tx
                .prepare_cached(
                    "INSERT INTO quotes (doc, idx, text, start, end, kind, cue, speaker_text, speaker_name, speaker_code, day)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                )?
                .execute(params![
                    doc,
                    idx as i64,
                    q.text,
                    q.span[0],
                    q.span[1],
                    enum_name(&q.kind)?,
                    q.cue,
                    sp.map(|s| &s.text),
                    sp.and_then(|s| s.name.as_ref()),
                    sp.and_then(|s| s.code.as_ref()),
                    day,
                ])?;
            let id = self.tx.last_insert_rowid();
            self.tx
                .prepare_cached("INSERT INTO quotes_fts (rowid, text, speaker_name, speaker_text) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![id, q.text, sp.and_then(|s| s.name.as_ref()), sp.map(|s| &s.text)])?;
        }
        self.rows.quotes += r.quotes.len() as i64;
        Ok(())
    }

    fn insert_events(&mut self, doc: i64, r: &Record) -> Result<()> {
        let published = valid_day(r.published.as_deref());
        let lead = lead_paragraph(&r.text);
        for (idx, e) in r.events.iter().enumerate() {
            let day = valid_day(e.date.as_deref()).or(published);
            let (s, t) = (e.source.as_ref(), e.target.as_ref());
            self.tx
                .prepare_cached(
                    "INSERT INTO events (doc, idx, source_text, source_name, source_code, target_text, target_name,
                         target_code, cameo, root, plover, quad_class, goldstein, mode, trigger_text, trigger_start,
                         trigger_end, evidence_start, evidence_end, date, date_text, quote, day, is_root)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
                         ?20, ?21, ?22, ?23, ?24)",
                )?
                .execute(params![
                    doc,
                    idx as i64,
                    s.map(|m| &m.text),
                    s.and_then(|m| m.name.as_ref()),
                    s.and_then(|m| m.code.as_ref()),
                    t.map(|m| &m.text),
                    t.and_then(|m| m.name.as_ref()),
                    t.and_then(|m| m.code.as_ref()),
                    e.cameo,
                    e.root,
                    e.plover,
                    e.quad_class,
                    f32_as_decimal(e.goldstein),
                    e.mode.name(),
                    e.trigger.text,
                    e.trigger.span[0],
                    e.trigger.span[1],
                    e.evidence[0],
                    e.evidence[1],
                    e.date,
                    e.date_text,
                    e.quote,
                    day,
                    (lead.0 <= e.evidence[0] && e.evidence[0] < lead.1) as i64,
                ])?;
        }
        self.rows.events += r.events.len() as i64;
        Ok(())
    }

    fn insert_dates(&mut self, doc: i64, r: &Record) -> Result<()> {
        for (idx, d) in r.dates.iter().enumerate() {
            self.tx
                .prepare_cached("INSERT INTO dates (doc, idx, text, start, end, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
                .execute(params![doc, idx as i64, d.text, d.span[0], d.span[1], d.value])?;
        }
        self.rows.dates += r.dates.len() as i64;
        Ok(())
    }
}

/// An f32 widened to the f64 of its shortest decimal form (-0.4, not
/// -0.4000000059604645), as the record prints it.
fn f32_as_decimal(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(x as f64)
}

/// The serde name of a unit enum variant ("direct", "person").
fn enum_name<T: Serialize>(value: &T) -> Result<String> {
    match serde_json::to_value(value)? {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// `value` when it is a full calendar date (YYYY-MM-DD); TIMEX values such
/// as "2025-06" or "2025-W25" cannot file a row under one day.
pub(crate) fn valid_day(value: Option<&str>) -> Option<&str> {
    value.filter(|v| v.len() == 10 && chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d").is_ok())
}

/// Character range of the lead: the first paragraph that reads as prose
/// (ends like a sentence), skipping a headline or dateline line above it.
/// GDELT counts an event told there as a root event.
fn lead_paragraph(text: &str) -> (u32, u32) {
    let mut start = 0u32;
    let mut len = 0u32;
    let mut last_content: Option<char> = None;
    for c in text.chars() {
        len += 1;
        if c == '\n' {
            if last_content.is_some_and(ends_sentence) {
                return (start, len - 1);
            }
            start = len;
            last_content = None;
        } else if !c.is_whitespace() {
            last_content = Some(c);
        }
    }
    if last_content.is_some_and(ends_sentence) {
        (start, len)
    } else {
        (0, len) // no paragraph reads as prose: take the whole text
    }
}

fn ends_sentence(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '"' | '\u{201d}' | '\u{2019}' | '\u{bb}' | ')' | '\u{2026}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_full_dates_file_a_day() {
        assert_eq!(valid_day(Some("2025-06-22")), Some("2025-06-22"));
        assert_eq!(valid_day(Some("2025-06")), None);
        assert_eq!(valid_day(Some("2025-W25")), None);
        assert_eq!(valid_day(Some("2025-02-30")), None);
        assert_eq!(valid_day(None), None);
    }

    #[test]
    fn the_lead_is_the_first_prose_paragraph() {
        assert_eq!(
            lead_paragraph("Headline here\n\nFirst one.\nNext."),
            (15, 25)
        );
        assert_eq!(
            lead_paragraph("\u{201c}Quoted lead,\u{201d} he said.\nMore."),
            (0, 23)
        );
        assert_eq!(lead_paragraph("No stop anywhere\nat all"), (0, 23));
    }
}
