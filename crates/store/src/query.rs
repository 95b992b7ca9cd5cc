//! Read queries. Filters are plain structs (the CLI and the API fill them
//! from their own parameters); each query checks them and answers
//! [`StoreError::BadParameter`] for a value it cannot use.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension, Row};
use serde::Deserialize;

use crate::insert::Layers;
use crate::rows::{ActorRow, EventRow, QuoteRow, SearchHit, Stats, TimelinePoint};
use crate::{fts, schema, Record, Result, Store, StoreError};

/// The most rows one query returns.
pub const MAX_LIMIT: usize = 10_000;
/// Rows returned when no limit is given.
pub const DEFAULT_LIMIT: usize = 100;
/// Full-text hits ranked per index, the most recently stored first (see [`Store::search`]).
pub const RANKED_WINDOW: i64 = 2_000;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteFilter {
    /// Part of the speaker's name or of the words naming them (case-insensitive).
    pub speaker: Option<String>,
    /// Actor code prefix of the speaker ("RUS" matches "RUSGOV").
    pub actor: Option<String>,
    /// Words that must occur in the quote (full text).
    pub search: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFilter {
    /// Source actor code prefix.
    pub source: Option<String>,
    /// Target actor code prefix.
    pub target: Option<String>,
    /// Two-digit CAMEO root.
    pub root: Option<String>,
    /// CAMEO code prefix ("11" matches "111" and "112").
    pub cameo: Option<String>,
    /// asserted, negated, hypothetical, threatened, requested or reported.
    pub mode: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFilter {
    /// Part of the name, id or code (case-insensitive).
    pub search: Option<String>,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchQuery {
    pub q: String,
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    #[default]
    Month,
}

impl std::str::FromStr for Period {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<Period> {
        match s.to_ascii_lowercase().as_str() {
            "week" => Ok(Period::Week),
            "month" => Ok(Period::Month),
            _ => Err(StoreError::bad("by", format!("`{s}` is not week or month"))),
        }
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineQuery {
    /// Source actor code prefix.
    pub source: String,
    /// Target actor code prefix.
    pub target: String,
    #[serde(default)]
    pub by: Period,
    pub since: Option<String>,
    pub until: Option<String>,
}

const MODES: &[&str] = &[
    "asserted",
    "negated",
    "hypothetical",
    "threatened",
    "requested",
    "reported",
];

/// WHERE clauses and their parameters, built up filter by filter.
#[derive(Default)]
struct Conditions {
    clauses: Vec<String>,
    values: Vec<Value>,
}

impl Conditions {
    fn push(&mut self, clause: &str, values: impl IntoIterator<Item = Value>) {
        let mut clause = clause.to_string();
        for v in values {
            self.values.push(v);
            clause = clause.replacen("{}", &format!("?{}", self.values.len()), 1);
        }
        self.clauses.push(clause);
    }

    /// `column` starts with `prefix`, as an index-friendly range.
    fn prefix(&mut self, column: &str, name: &'static str, prefix: &str) -> Result<()> {
        let (lo, hi) = prefix_range(name, prefix)?;
        self.push(
            &format!("{column} >= {{}} AND {column} < {{}}"),
            [Value::Text(lo), Value::Text(hi)],
        );
        Ok(())
    }

    fn day_range(
        &mut self,
        column: &str,
        since: &Option<String>,
        until: &Option<String>,
    ) -> Result<()> {
        if let Some(since) = since {
            self.push(
                &format!("{column} >= {{}}"),
                [Value::Text(check_date("since", since)?)],
            );
        }
        if let Some(until) = until {
            self.push(
                &format!("{column} <= {{}}"),
                [Value::Text(check_date("until", until)?)],
            );
        }
        if let (Some(a), Some(b)) = (since, until) {
            if a > b {
                return Err(StoreError::bad("until", format!("{b} is before since={a}")));
            }
        }
        Ok(())
    }

    fn sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.clauses.join(" AND "))
        }
    }
}

/// Lower and upper bound of the codes that start with `prefix`.
fn prefix_range(name: &'static str, prefix: &str) -> Result<(String, String)> {
    let code = prefix.trim().to_ascii_uppercase();
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) || code.len() > 32 {
        return Err(StoreError::bad(
            name,
            format!("`{prefix}` is not a code (letters and digits)"),
        ));
    }
    let mut hi = code.clone().into_bytes();
    *hi.last_mut().expect("non-empty") += 1; // alphanumeric ASCII: stays ASCII
    Ok((code, String::from_utf8(hi).expect("ASCII")))
}

fn check_date(name: &'static str, value: &str) -> Result<String> {
    chrono::NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| StoreError::bad(name, format!("`{value}` is not a date (YYYY-MM-DD)")))
}

fn page(limit: Option<usize>, offset: Option<usize>) -> Result<(i64, i64)> {
    let limit = limit.unwrap_or(DEFAULT_LIMIT);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(StoreError::bad(
            "limit",
            format!("must be between 1 and {MAX_LIMIT}"),
        ));
    }
    let offset = offset.unwrap_or(0);
    if offset > i64::MAX as usize / 2 {
        return Err(StoreError::bad("offset", "too large"));
    }
    Ok((limit as i64, offset as i64))
}

/// `%text%` for LIKE, with the wildcards in `text` escaped (ESCAPE '\').
fn like_pattern(text: &str) -> String {
    let mut p = String::with_capacity(text.len() + 2);
    p.push('%');
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

fn non_empty<'a>(name: &'static str, value: &'a Option<String>) -> Result<Option<&'a str>> {
    match value.as_deref().map(str::trim) {
        Some("") => Err(StoreError::bad(name, "is empty")),
        other => Ok(other),
    }
}

impl Store {
    pub fn quotes(&self, f: &QuoteFilter) -> Result<Vec<QuoteRow>> {
        let (limit, offset) = page(f.limit, f.offset)?;
        let mut c = Conditions::default();
        if let Some(speaker) = non_empty("speaker", &f.speaker)? {
            // Words of the name as prefixes ("pesk" finds "Dmitry Peskov"), from the full-text index.
            let expr = fts::speaker_expression(speaker)?;
            c.push(
                "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH {})",
                [Value::Text(expr)],
            );
        }
        if let Some(actor) = &f.actor {
            c.prefix("q.speaker_code", "actor", actor)?;
        }
        if let Some(search) = non_empty("search", &f.search)? {
            let expr = fts::to_match_expression(search)?;
            c.push(
                "q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH {})",
                [Value::Text(expr)],
            );
        }
        c.day_range("q.day", &f.since, &f.until)?;
        // The page of ids first (from indexes), then only those rows.
        let sql = format!(
            "SELECT q.id, d.doc_id, d.origin, q.day, q.speaker_name, q.speaker_text, q.speaker_code, q.kind, q.cue,
                    q.text, q.start, q.end
             FROM quotes q JOIN documents d ON d.id = q.doc
             WHERE q.id IN (SELECT q.id FROM quotes q {} ORDER BY q.day DESC, q.id DESC LIMIT {limit} OFFSET {offset})
             ORDER BY q.day DESC, q.id DESC",
            c.sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.values.iter()), |r| {
            Ok(QuoteRow {
                id: r.get(0)?,
                doc_id: r.get(1)?,
                origin: r.get(2)?,
                day: r.get(3)?,
                speaker: r.get(4)?,
                speaker_text: r.get(5)?,
                speaker_code: r.get(6)?,
                kind: r.get(7)?,
                cue: r.get(8)?,
                text: r.get(9)?,
                span: [r.get(10)?, r.get(11)?],
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn events(&self, f: &EventFilter) -> Result<Vec<EventRow>> {
        let (limit, offset) = page(f.limit, f.offset)?;
        let mut c = Conditions::default();
        if let Some(source) = &f.source {
            c.prefix("e.source_code", "source", source)?;
        }
        if let Some(target) = &f.target {
            c.prefix("e.target_code", "target", target)?;
        }
        if let Some(root) = &f.root {
            let root = root.trim();
            if root.len() != 2 || !root.bytes().all(|b| b.is_ascii_digit()) {
                return Err(StoreError::bad(
                    "root",
                    format!("`{root}` is not a two-digit CAMEO root"),
                ));
            }
            c.push("e.root = {}", [Value::Text(root.to_string())]);
        }
        if let Some(cameo) = &f.cameo {
            if !cameo.trim().bytes().all(|b| b.is_ascii_digit()) {
                return Err(StoreError::bad(
                    "cameo",
                    format!("`{cameo}` is not a CAMEO code (digits)"),
                ));
            }
            c.prefix("e.cameo", "cameo", cameo)?;
        }
        if let Some(mode) = &f.mode {
            let mode = mode.trim().to_ascii_lowercase();
            if !MODES.contains(&mode.as_str()) {
                return Err(StoreError::bad(
                    "mode",
                    format!("`{mode}` is not one of {}", MODES.join(", ")),
                ));
            }
            c.push("e.mode = {}", [Value::Text(mode)]);
        }
        c.day_range("e.day", &f.since, &f.until)?;
        // The page of ids comes from a covering index; only those rows are read.
        let sql = format!(
            "{EVENT_SELECT} WHERE e.id IN (SELECT e.id FROM events e {} ORDER BY e.day DESC, e.id DESC
                 LIMIT {limit} OFFSET {offset})
             ORDER BY e.day DESC, e.id DESC",
            c.sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.values.iter()), event_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn actors(&self, f: &ActorFilter) -> Result<Vec<ActorRow>> {
        let (limit, offset) = page(f.limit, f.offset)?;
        let mut c = Conditions::default();
        if let Some(search) = non_empty("search", &f.search)? {
            let p = Value::Text(like_pattern(search));
            c.push(
                "(name LIKE {} ESCAPE '\\' OR actor_id LIKE {} ESCAPE '\\' OR code LIKE {} ESCAPE '\\')",
                [p.clone(), p.clone(), p],
            );
        }
        let sql = format!(
            "SELECT actor_id, name, code, country, sector, mentions, documents FROM actors {}
             ORDER BY mentions DESC, name LIMIT {limit} OFFSET {offset}",
            c.sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.values.iter()), |r| {
            Ok(ActorRow {
                actor_id: r.get(0)?,
                name: r.get(1)?,
                code: r.get(2)?,
                country: r.get(3)?,
                sector: r.get(4)?,
                mentions: r.get(5)?,
                documents: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Full text over document titles and bodies and over quotes; best first.
    ///
    /// Ranking (bm25) costs a read of every hit's positions, so on a large
    /// store only the [`RANKED_WINDOW`] most recently stored hits of each
    /// index are ranked: a word found in most documents still answers in a
    /// few milliseconds. Below that many hits the ranking is exact.
    pub fn search(&self, q: &SearchQuery) -> Result<Vec<SearchHit>> {
        let (limit, offset) = page(q.limit, q.offset)?;
        let expr = fts::to_match_expression(&q.q)?;
        let wanted = limit + offset;
        let window = wanted.max(RANKED_WINDOW);
        let mut hits = Vec::new();
        for (index, sql) in [
            (
                "documents_fts",
                "SELECT 'document', d.doc_id, d.origin, d.title, NULL,
                    snippet(documents_fts, 1, '**', '**', '…', 16), bm25(documents_fts)
                 FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid
                 WHERE documents_fts MATCH ?1 AND documents_fts.rowid >= ?3 ORDER BY rank LIMIT ?2",
            ),
            (
                "quotes_fts",
                "SELECT 'quote', d.doc_id, d.origin, d.title, q.speaker_name,
                    snippet(quotes_fts, 0, '**', '**', '…', 16), bm25(quotes_fts)
                 FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid JOIN documents d ON d.id = q.doc
                 WHERE quotes_fts MATCH ?1 AND quotes_fts.rowid >= ?3 ORDER BY rank LIMIT ?2",
            ),
        ] {
            // The rowid of the window's oldest hit (rowid order costs no ranking).
            let floor: i64 = self
                .conn
                .prepare_cached(&format!(
                    "SELECT rowid FROM {index} WHERE {index} MATCH ?1 ORDER BY rowid DESC LIMIT 1 OFFSET ?2"
                ))?
                .query_row(rusqlite::params![expr, window - 1], |r| r.get(0))
                .optional()?
                .unwrap_or(i64::MIN);
            let mut stmt = self.conn.prepare_cached(sql)?;
            let rows = stmt.query_map(rusqlite::params![expr, wanted, floor], |r| {
                Ok(SearchHit {
                    kind: r.get(0)?,
                    doc_id: r.get(1)?,
                    origin: r.get(2)?,
                    title: r.get(3)?,
                    speaker: r.get(4)?,
                    snippet: r.get(5)?,
                    score: -r.get::<_, f64>(6)?,
                })
            })?;
            for hit in rows {
                hits.push(hit?);
            }
        }
        hits.sort_by(|a, b| b.score.total_cmp(&a.score));
        Ok(hits
            .into_iter()
            .skip(offset as usize)
            .take(limit as usize)
            .collect())
    }

    /// Row counts (kept at ingest, not counted here) and the span of days.
    pub fn stats(&self) -> Result<Stats> {
        let mut count = self
            .conn
            .prepare_cached("SELECT n FROM counts WHERE name = ?1")?;
        let mut n = |table: &str| -> Result<i64> { Ok(count.query_row([table], |r| r.get(0))?) };
        let actors = self
            .conn
            .query_row("SELECT count(*) FROM actors", [], |r| r.get(0))?;
        // Each bound from one end of an index.
        let first_day = self.conn.query_row(
            "SELECT day FROM events WHERE day IS NOT NULL ORDER BY day LIMIT 1",
            [],
            |r| r.get(0),
        );
        let last_day = self.conn.query_row(
            "SELECT day FROM events WHERE day IS NOT NULL ORDER BY day DESC LIMIT 1",
            [],
            |r| r.get(0),
        );
        Ok(Stats {
            documents: n("documents")?,
            duplicates: n("duplicates")?,
            quotes: n("quotes")?,
            events: n("events")?,
            actors,
            entities: n("entities")?,
            dates: n("dates")?,
            first_day: first_day.optional()?,
            last_day: last_day.optional()?,
            schema_version: schema::version(&self.conn)?,
        })
    }

    /// Events from `source` to `target` (code prefixes) per week or month,
    /// oldest first; events with no known day are left out.
    pub fn timeline(&self, t: &TimelineQuery) -> Result<Vec<TimelinePoint>> {
        let mut c = Conditions::default();
        c.prefix("source_code", "source", &t.source)?;
        c.prefix("target_code", "target", &t.target)?;
        c.push("day IS NOT NULL", []);
        c.day_range("day", &t.since, &t.until)?;
        let period = match t.by {
            Period::Month => "substr(day, 1, 7)",
            Period::Week => "date(day, '-6 days', 'weekday 1')",
        };
        let sql = format!(
            "SELECT {period} AS p, count(*), total(goldstein), avg(goldstein),
                    sum(quad_class = 1), sum(quad_class = 2), sum(quad_class = 3), sum(quad_class = 4)
             FROM events {} GROUP BY p ORDER BY p",
            c.sql()
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params_from_iter(c.values.iter()), |r| {
            Ok(TimelinePoint {
                period: r.get(0)?,
                events: r.get(1)?,
                goldstein_sum: r.get(2)?,
                goldstein_mean: r.get(3)?,
                verbal_cooperation: r.get(4)?,
                material_cooperation: r.get(5)?,
                verbal_conflict: r.get(6)?,
                material_conflict: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored record, as it was given, with the text and every layer.
    pub fn document(&self, doc_id: &str) -> Result<Option<Record>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, origin, title, published, language, duplicate_of, text, layers
             FROM documents WHERE doc_id = ?1",
        )?;
        let mut rows = stmt.query([doc_id])?;
        match rows.next()? {
            Some(r) => Ok(Some(record_from_row(r)?)),
            None => Ok(None),
        }
    }

    /// Every stored record in storage order, handed one at a time to `each`.
    pub fn for_each_document(&self, mut each: impl FnMut(Record) -> Result<()>) -> Result<u64> {
        let mut stmt = self.conn.prepare(
            "SELECT doc_id, origin, title, published, language, duplicate_of, text, layers FROM documents ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(record_from_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }

    /// The origins where a stored article was seen besides its first one.
    pub fn duplicate_origins(&self, doc_id: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT origin FROM duplicates WHERE of_doc_id = ?1 ORDER BY origin")?;
        let rows = stmt.query_map([doc_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

pub(crate) const EVENT_SELECT: &str = "SELECT e.id, d.doc_id, d.origin, e.day, e.date, e.date_text, e.source_name,
        e.source_code, e.source_text, e.target_name, e.target_code, e.target_text, e.cameo, e.root, e.plover,
        e.quad_class, e.goldstein, e.mode, e.trigger_text, e.evidence_start, e.evidence_end, e.quote
    FROM events e JOIN documents d ON d.id = e.doc";

pub(crate) fn event_row(r: &Row) -> rusqlite::Result<EventRow> {
    Ok(EventRow {
        id: r.get(0)?,
        doc_id: r.get(1)?,
        origin: r.get(2)?,
        day: r.get(3)?,
        date: r.get(4)?,
        date_text: r.get(5)?,
        source: r.get(6)?,
        source_code: r.get(7)?,
        source_text: r.get(8)?,
        target: r.get(9)?,
        target_code: r.get(10)?,
        target_text: r.get(11)?,
        cameo: r.get(12)?,
        root: r.get(13)?,
        plover: r.get(14)?,
        quad_class: r.get(15)?,
        goldstein: r.get(16)?,
        mode: r.get(17)?,
        trigger: r.get(18)?,
        evidence: [r.get(19)?, r.get(20)?],
        quote: r.get(21)?,
    })
}

fn record_from_row(r: &Row) -> Result<Record> {
    let layers: Layers = serde_json::from_str(&r.get::<_, String>(7)?)?;
    Ok(Record {
        schema: layers.schema,
        doc_id: r.get(0)?,
        origin: r.get(1)?,
        title: r.get(2)?,
        published: r.get(3)?,
        language: r.get(4)?,
        text: r.get(6)?,
        duplicate_of: r.get(5)?,
        entities: layers.entities,
        quotes: layers.quotes,
        events: layers.events,
        dates: layers.dates,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_become_ranges() {
        assert_eq!(
            prefix_range("source", "rus").unwrap(),
            ("RUS".into(), "RUT".into())
        );
        assert_eq!(
            prefix_range("source", "USZ").unwrap(),
            ("USZ".into(), "US[".into())
        );
        assert!(prefix_range("source", "RU'S").is_err());
        assert!(prefix_range("source", " ").is_err());
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_pattern("50%_a\\"), "%50\\%\\_a\\\\%");
    }

    #[test]
    fn pages_are_bounded() {
        assert_eq!(page(None, None).unwrap(), (DEFAULT_LIMIT as i64, 0));
        assert!(page(Some(0), None).is_err());
        assert!(page(Some(MAX_LIMIT + 1), None).is_err());
    }
}
