//! GDELT 2.0 event rows (61 tab-separated columns, no header, as GDELT
//! publishes them). Actor and event fields are filled; tone and geography,
//! which demarche does not produce, are left empty (geo types 0). An event
//! of a stored near-duplicate is left out: its original's row counts the copy
//! in NumMentions / NumSources / NumArticles.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;

use chrono::{Datelike, NaiveDate};

use crate::{Result, Store};

/// Number of columns in a GDELT 2.0 event row.
pub const COLUMNS: usize = 61;

/// Leading code parts that name an organisation type, not a country
/// (CAMEO: intergovernmental, non-governmental, multinational corporation).
const NON_STATE_PREFIXES: &[&str] = &["IGO", "NGO", "MNC", "IMG"];

/// Country and sector by actor code.
type Described = HashMap<String, (Option<String>, Option<String>)>;

/// An actor as GDELT splits it.
#[derive(Default)]
struct ActorFields {
    code: String,
    name: String,
    country: String,
    known_group: String,
    types: [String; 3],
}

pub(super) fn write<W: Write>(store: &Store, out: W) -> Result<u64> {
    let mut out = std::io::BufWriter::new(out);
    let described = described_actors(store)?;
    let mut stmt = store.conn.prepare(
        "SELECT e.id, e.day, e.source_code, e.source_name, e.target_code, e.target_name, e.is_root, e.cameo,
                e.root, e.quad_class, e.goldstein, d.doc_id, d.origin, d.added,
                d.duplicate_of IS NOT NULL AND EXISTS (SELECT 1 FROM documents o WHERE o.doc_id = d.duplicate_of)
         FROM events e JOIN documents d ON d.id = e.doc ORDER BY e.id",
    )?;
    let mut rows = stmt.query([])?;
    let mut cluster: Option<(String, Cluster)> = None;
    let mut n = 0;
    while let Some(r) = rows.next()? {
        if r.get::<_, bool>(14)? {
            continue;
        }
        let doc_id: String = r.get(11)?;
        let origin: String = r.get(12)?;
        if !matches!(&cluster, Some((id, _)) if *id == doc_id) {
            let c = Cluster::of(&origin, store.duplicate_origins(&doc_id)?);
            cluster = Some((doc_id, c));
        }
        let counts = &cluster.as_ref().expect("set above").1;
        let added: String = r.get(13)?;
        let day = r
            .get::<_, Option<String>>(1)?
            .and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok())
            .or_else(|| NaiveDate::parse_from_str(added.get(..8).unwrap_or(""), "%Y%m%d").ok())
            .unwrap_or_default();
        let source = actor_fields(r.get(2)?, r.get(3)?, &described);
        let target = actor_fields(r.get(4)?, r.get(5)?, &described);
        let cameo: String = r.get(7)?;
        let goldstein: f64 = r.get(10)?;

        let mut f: Vec<String> = Vec::with_capacity(COLUMNS);
        f.push(r.get::<_, i64>(0)?.to_string());
        f.push(day.format("%Y%m%d").to_string());
        f.push(day.format("%Y%m").to_string());
        f.push(day.year().to_string());
        f.push(format!(
            "{:.4}",
            day.year() as f64 + (day.ordinal0() as f64) / 365.0
        ));
        for a in [&source, &target] {
            f.extend([
                a.code.clone(),
                a.name.clone(),
                a.country.clone(),
                a.known_group.clone(),
            ]);
            f.extend([String::new(), String::new(), String::new()]); // ethnic, religion 1 and 2
            f.extend(a.types.iter().cloned());
        }
        f.push(r.get::<_, i64>(6)?.to_string());
        f.push(cameo.clone());
        f.push(cameo.get(..3).unwrap_or(&cameo).to_string());
        f.push(r.get(8)?);
        f.push(r.get::<_, i64>(9)?.to_string());
        f.push(format!("{goldstein:.1}"));
        f.push(counts.articles.to_string()); // NumMentions: one per article here
        f.push(counts.sources.to_string());
        f.push(counts.articles.to_string());
        f.push(String::new()); // AvgTone
        for _geo in 0..3 {
            f.push("0".into());
            f.extend((0..7).map(|_| String::new()));
        }
        f.push(added);
        f.push(origin);
        debug_assert_eq!(f.len(), COLUMNS);
        for (i, field) in f.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\t")?;
            }
            out.write_all(clean(field).as_bytes())?;
        }
        out.write_all(b"\n")?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// Articles and distinct sources that carry one stored article.
struct Cluster {
    articles: usize,
    sources: usize,
}

impl Cluster {
    fn of(origin: &str, duplicates: Vec<String>) -> Cluster {
        let sources: BTreeSet<&str> = std::iter::once(origin)
            .chain(duplicates.iter().map(String::as_str))
            .map(source_of)
            .collect();
        Cluster {
            articles: 1 + duplicates.len(),
            sources: sources.len(),
        }
    }
}

/// The publisher behind an origin: a URL's host, a path's folder.
fn source_of(origin: &str) -> &str {
    if let Some((_, rest)) = origin.split_once("://") {
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return host.strip_prefix("www.").unwrap_or(host);
    }
    match origin.rsplit_once(['/', '\\']) {
        Some((dir, _)) => dir,
        None => "",
    }
}

/// Country and sector of the actors the dictionaries described, by code.
fn described_actors(store: &Store) -> Result<Described> {
    let mut stmt = store
        .conn
        .prepare("SELECT code, country, sector FROM actors WHERE code IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn actor_fields(code: Option<String>, name: Option<String>, described: &Described) -> ActorFields {
    let Some(code) = code.filter(|c| !c.is_empty()) else {
        return ActorFields {
            name: name.unwrap_or_default().to_uppercase(),
            ..Default::default()
        };
    };
    let parts: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..(i + 3).min(code.len())))
        .collect();
    let mut fields = ActorFields {
        name: name.unwrap_or_default().to_uppercase(),
        ..Default::default()
    };
    let mut rest = &parts[..];
    if let Some(first) = parts.first() {
        if NON_STATE_PREFIXES.contains(first) {
            fields.types[0] = first.to_string();
            fields.known_group = parts.get(1).map(|s| s.to_string()).unwrap_or_default();
            rest = &[];
        } else {
            fields.country = first.to_string();
            rest = &parts[1..];
        }
    }
    for (slot, part) in fields.types.iter_mut().filter(|t| t.is_empty()).zip(rest) {
        *slot = part.to_string();
    }
    if let Some((country, sector)) = described.get(&code) {
        if let Some(c) = country {
            fields.country = c.clone();
        }
        if let (Some(s), true) = (sector, fields.types[0].is_empty()) {
            fields.types[0] = s.clone();
        }
    }
    fields.code = code;
    fields
}

/// Tabs and line breaks would break the row.
fn clean(field: &str) -> std::borrow::Cow<'_, str> {
    if field.contains(['\t', '\n', '\r']) {
        field.replace(['\t', '\n', '\r'], " ").into()
    } else {
        field.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(code: &str) -> ActorFields {
        actor_fields(Some(code.into()), Some("Some Name".into()), &HashMap::new())
    }

    #[test]
    fn codes_split_into_country_group_and_types() {
        let a = fields("RUSGOV");
        assert_eq!(
            (a.country.as_str(), a.types[0].as_str(), a.name.as_str()),
            ("RUS", "GOV", "SOME NAME")
        );
        let un = fields("IGOUNO");
        assert_eq!(
            (
                un.country.as_str(),
                un.known_group.as_str(),
                un.types[0].as_str()
            ),
            ("", "UNO", "IGO")
        );
        let m = fields("USAGOVMIL");
        assert_eq!((m.types[0].as_str(), m.types[1].as_str()), ("GOV", "MIL"));
    }

    #[test]
    fn sources_are_hosts_or_folders() {
        assert_eq!(source_of("https://www.example.org/a/b?x=1"), "example.org");
        assert_eq!(source_of("feeds/wire/001.txt"), "feeds/wire");
        assert_eq!(source_of("001.txt"), "");
        let c = Cluster::of(
            "https://a.com/1",
            vec!["https://b.com/2".into(), "https://a.com/3".into()],
        );
        assert_eq!((c.articles, c.sources), (3, 2));
    }
}
