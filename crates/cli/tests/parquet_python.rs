//! The Parquet export opens in the analyst's tools: DuckDB or pandas
//! (through pyarrow) read every event with typed columns.
//!
//! Runs with `python3` (or the interpreter named by `DEMARCHE_PYTHON`) when
//! it can import duckdb, or pandas with pyarrow; skips with a message
//! otherwise.

mod common;

use std::process::{Command, Stdio};

use common::*;

/// Reads the file with whichever reader is installed and prints one JSON
/// line: the reader, the row count, the column types and a few values.
const READER: &str = r#"
import json, sys
path = sys.argv[1]
try:
    import duckdb
    con = duckdb.connect()
    rel = con.sql(f"SELECT * FROM read_parquet('{path}')")
    types = {name: str(t) for name, t in zip(rel.columns, rel.types)}
    rows = rel.fetchall()
    cols = rel.columns
    records = [dict(zip(cols, r)) for r in rows]
    reader = "duckdb " + duckdb.__version__
except ImportError:
    import pandas
    frame = pandas.read_parquet(path)
    types = {name: str(t) for name, t in frame.dtypes.items()}
    records = frame.to_dict("records")
    reader = "pandas " + pandas.__version__
print(json.dumps({
    "reader": reader,
    "rows": len(records),
    "types": types,
    "goldstein_sum": sum(float(r["goldstein"]) for r in records),
    "codes": sorted({str(r["cameo"]) for r in records}),
    "days": sorted({str(r["day"])[:10] for r in records if r["day"] is not None and str(r["day"]) not in ("NaT", "None")}),
}))
"#;

fn python() -> Option<String> {
    let python = std::env::var("DEMARCHE_PYTHON").unwrap_or_else(|_| "python3".into());
    let probe = Command::new(&python)
        .args([
            "-c",
            "import importlib.util as u, sys; sys.exit(0 if u.find_spec('duckdb') or (u.find_spec('pandas') and u.find_spec('pyarrow')) else 1)",
        ])
        .stdin(Stdio::null())
        .output();
    match probe {
        Ok(out) if out.status.success() => Some(python),
        _ => {
            eprintln!(
                "skipped: {python} cannot import duckdb, or pandas with pyarrow \
                 (pip install duckdb, or pandas pyarrow; or set DEMARCHE_PYTHON)"
            );
            None
        }
    }
}

#[test]
fn parquet_export_opens_in_duckdb_or_pandas() {
    let Some(python) = python() else { return };
    let dir = scratch("parquet-python");
    let db = dir.join("store.db");
    let db_arg = db.to_str().unwrap();
    let examples = repo_root().join("examples");
    let mut inputs: Vec<String> = std::fs::read_dir(&examples)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| p.ends_with(".txt") || p.ends_with(".jsonl"))
        .collect();
    inputs.sort();
    let mut args = vec!["ingest", "--db", db_arg];
    args.extend(inputs.iter().map(String::as_str));
    let out = run_in(&dir, &args);
    assert!(
        out.status.success(),
        "ingest: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    // The same events as CSV, to compare with what Python reads.
    let csv = run_in(&dir, &["export", "--db", db_arg, "--format", "csv"]);
    assert!(csv.status.success());
    let reader = csv::ReaderFromBytes::new(&csv.stdout);
    let expected = reader.events();
    assert!(!expected.is_empty(), "the examples yield events");

    let parquet = dir.join("events.parquet");
    let out = run_in(
        &dir,
        &[
            "export",
            "--db",
            db_arg,
            "--format",
            "parquet",
            "--out",
            parquet.to_str().unwrap(),
        ],
    );
    assert!(
        out.status.success(),
        "export: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let out = Command::new(&python)
        .args(["-c", READER, parquet.to_str().unwrap()])
        .stdin(Stdio::null())
        .output()
        .expect("python runs");
    assert!(
        out.status.success(),
        "python could not read the file: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let seen: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    eprintln!("parquet read by {}", seen["reader"]);
    assert_eq!(seen["rows"], expected.len());
    let types = &seen["types"];
    let type_of = |c: &str| types[c].as_str().unwrap_or("").to_ascii_lowercase();
    assert!(type_of("goldstein").starts_with("float"), "{types}");
    assert!(
        type_of("quad_class").contains("int"),
        "quad_class is an integer: {types}"
    );
    assert!(
        type_of("day").contains("date") || type_of("day").contains("object"),
        "day is a date: {types}"
    );
    let goldstein: f64 = expected.iter().map(|e| e.goldstein).sum();
    let read = seen["goldstein_sum"].as_f64().unwrap();
    assert!(
        (read - goldstein).abs() < 1e-3,
        "goldstein sum {read} vs {goldstein}"
    );
    let mut codes: Vec<String> = expected.iter().map(|e| e.cameo.clone()).collect();
    codes.sort();
    codes.dedup();
    assert_eq!(seen["codes"], serde_json::json!(codes));
    let mut days: Vec<String> = expected.iter().filter_map(|e| e.day.clone()).collect();
    days.sort();
    days.dedup();
    assert_eq!(seen["days"], serde_json::json!(days));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A few columns of the CSV export, read without a CSV crate (the CLI
/// tests have none): the export quotes fields that hold commas.
mod csv {
    pub struct Event {
        pub day: Option<String>,
        pub cameo: String,
        pub goldstein: f64,
    }

    pub struct ReaderFromBytes<'a> {
        text: &'a str,
    }

    impl<'a> ReaderFromBytes<'a> {
        pub fn new(bytes: &'a [u8]) -> Self {
            ReaderFromBytes {
                text: std::str::from_utf8(bytes).expect("UTF-8 CSV"),
            }
        }

        pub fn events(&self) -> Vec<Event> {
            let records = split_records(self.text);
            let header = &records[0];
            let col = |name: &str| {
                header
                    .iter()
                    .position(|h| h == name)
                    .unwrap_or_else(|| panic!("no {name} column"))
            };
            let (day, cameo, goldstein) = (col("day"), col("cameo"), col("goldstein"));
            records[1..]
                .iter()
                .map(|r| Event {
                    day: Some(r[day].clone()).filter(|d| !d.is_empty()),
                    cameo: r[cameo].clone(),
                    goldstein: r[goldstein].parse().expect("a number"),
                })
                .collect()
        }
    }

    /// RFC 4180 records: quoted fields may hold commas, quotes and line breaks.
    fn split_records(text: &str) -> Vec<Vec<String>> {
        let mut records = Vec::new();
        let mut record = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '"') if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                (true, '"') => quoted = false,
                (true, c) => field.push(c),
                (false, '"') => quoted = true,
                (false, ',') => record.push(std::mem::take(&mut field)),
                (false, '\n') => {
                    record.push(std::mem::take(&mut field));
                    records.push(std::mem::take(&mut record));
                }
                (false, '\r') => {}
                (false, c) => field.push(c),
            }
        }
        if !field.is_empty() || !record.is_empty() {
            record.push(field);
            records.push(record);
        }
        records
    }
}
