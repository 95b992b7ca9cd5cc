//! Crash safety of `demarche ingest`: killed with SIGKILL at random moments
//! and run again, the store must end up equal to one clean ingest — same
//! documents, quotes, events, entities, dates and duplicates, nothing
//! doubled or lost, `PRAGMA integrity_check` ok, full-text indexes sound.
//!
//! The store is read with the `sqlite3` shell; the test skips with a message
//! where it is missing. `DEMARCHE_KILL_ROUNDS` sets the number of killed runs
//! per scenario (default 3; each round kills two runs on a fresh store); the kill moments come from a fixed seed, or from
//! `DEMARCHE_KILL_SEED`.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::*;

fn sqlite3() -> Option<PathBuf> {
    let found = ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/bin/sqlite3"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.exists());
    if found.is_none() {
        eprintln!("skipped: the sqlite3 shell is needed to inspect the store");
    }
    found
}

fn query(sqlite: &Path, db: &Path, sql: &str) -> String {
    let out = Command::new(sqlite)
        .arg(db)
        .arg(sql)
        .stdin(Stdio::null())
        .output()
        .expect("sqlite3 runs");
    assert!(
        out.status.success(),
        "sqlite3 {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 from sqlite3")
}

/// Everything the store holds, keyed by doc_id rather than row ids or ingest
/// times (which differ between runs), so two stores can be compared.
fn snapshot(sqlite: &Path, db: &Path) -> Vec<(String, String)> {
    let by_doc = |table: &str, cols: &str| {
        format!(
            "SELECT d.doc_id, t.idx, {cols} FROM {table} t JOIN documents d ON t.doc = d.id ORDER BY d.doc_id, t.idx"
        )
    };
    [
        (
            "documents",
            "SELECT doc_id, origin, title, published, language, duplicate_of, length(text), layers FROM documents ORDER BY doc_id".to_string(),
        ),
        (
            "duplicates",
            "SELECT of_doc_id, origin, kind FROM duplicates ORDER BY 1, 2".to_string(),
        ),
        (
            "actors",
            "SELECT actor_id, name, code, country, sector, mentions, documents FROM actors ORDER BY actor_id".to_string(),
        ),
        (
            "entities",
            by_doc("entities", "t.text, t.start, t.end, t.kind, (SELECT actor_id FROM actors a WHERE a.id = t.actor)"),
        ),
        (
            "quotes",
            by_doc("quotes", "t.text, t.start, t.end, t.kind, t.cue, t.speaker_text, t.speaker_name, t.speaker_code, t.day"),
        ),
        (
            "events",
            by_doc("events", "t.source_text, t.source_code, t.target_text, t.target_code, t.cameo, t.plover, t.mode, t.trigger_start, t.evidence_start, t.date, t.quote, t.day, t.is_root"),
        ),
        ("dates", by_doc("dates", "t.text, t.start, t.end, t.value")),
        (
            "kept counts",
            "SELECT name, n FROM counts ORDER BY name".to_string(),
        ),
        (
            "signatures",
            "SELECT d.doc_id, hex(s.minhash), (SELECT count(*) FROM signature_bands b WHERE b.doc = s.doc) FROM signatures s JOIN documents d ON s.doc = d.id ORDER BY d.doc_id".to_string(),
        ),
        (
            "counts",
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM quotes), (SELECT count(*) FROM events), (SELECT count(*) FROM documents_fts), (SELECT count(*) FROM quotes_fts)".to_string(),
        ),
    ]
    .into_iter()
    .map(|(name, sql)| (name.to_string(), query(sqlite, db, &sql)))
    .collect()
}

/// The store is sound: SQLite's own check, foreign keys, and both FTS5 indexes.
fn assert_sound(sqlite: &Path, db: &Path) {
    assert_eq!(query(sqlite, db, "PRAGMA integrity_check").trim(), "ok");
    assert_eq!(
        query(sqlite, db, "PRAGMA foreign_key_check").trim(),
        "",
        "rows that point nowhere"
    );
    for fts in ["documents_fts", "quotes_fts"] {
        query(
            sqlite,
            db,
            &format!("INSERT INTO {fts}({fts}) VALUES('integrity-check')"),
        );
    }
}

fn remove_store(db: &Path) {
    for ext in ["", "-wal", "-shm", "-journal"] {
        let _ = std::fs::remove_file(format!("{}{ext}", db.display()));
    }
}

/// Articles of our own writing, varied enough that each has its own quotes,
/// events and dates; a few are exact copies under another id.
fn corpus(n: usize) -> String {
    let people = [
        ("Maria Lindqvist", "Sweden", "Stockholm"),
        ("Tomas Okafor", "Nigeria", "Abuja"),
        ("Ana Ferreira", "Brazil", "Brasilia"),
        ("Kenji Mori", "Japan", "Tokyo"),
        ("Leila Haddad", "Lebanon", "Beirut"),
    ];
    let verbs = [
        "condemned the strike on",
        "met the foreign minister of",
        "signed a trade agreement with",
        "threatened sanctions against",
        "offered humanitarian aid to",
    ];
    let mut out = String::new();
    for i in 0..n {
        let (who, country, city) = people[i % people.len()];
        let (_, other, _) = people[(i / 5 + 1 + i) % people.len()];
        let verb = verbs[(i / 3) % verbs.len()];
        let day = 1 + i % 28;
        let text = format!(
            "{city} talks, round {i}\n\
             The foreign minister of {country}, {who}, {verb} {other} on Tuesday, officials said.\n\
             \u{201c}We will not stand by while this continues,\u{201d} {who} told reporters in {city} on March {day}, 2024.\n\
             According to a spokesman, a further meeting is planned for next week; round {i} ended without a statement."
        );
        let rec = serde_json::json!({"id": format!("doc-{i:05}"), "text": text, "published": format!("2024-03-{:02}", day.min(28))});
        out.push_str(&rec.to_string());
        out.push('\n');
        if i % 37 == 5 {
            let copy = serde_json::json!({"id": format!("copy-{i:05}"), "text": text});
            out.push_str(&copy.to_string());
            out.push('\n');
        }
    }
    out
}

struct Xorshift(u64);

impl Xorshift {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn ingest(dir: &Path, db: &Path, args: &[&str]) -> std::process::Child {
    bin()
        .current_dir(dir)
        .arg("ingest")
        .arg("--db")
        .arg(db)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("demarche ingest starts")
}

fn run_to_end(dir: &Path, db: &Path, args: &[&str]) -> (Option<i32>, Duration, String) {
    let start = Instant::now();
    let out = ingest(dir, db, args)
        .wait_with_output()
        .expect("ingest runs");
    (
        out.status.code(),
        start.elapsed(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn rounds() -> usize {
    std::env::var("DEMARCHE_KILL_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3)
}

/// Kills `ingest … args` at random moments within a clean run's duration,
/// twice on a fresh store, then lets it finish and compares that store with a
/// clean one; `rounds()` times.
fn killed_ingest_equals_clean_ingest(dir: &Path, scenario: &str, args: &[&str]) {
    let Some(sqlite) = sqlite3() else { return };

    let clean_db = dir.join("clean.db");
    remove_store(&clean_db);
    let (code, clean_time, stderr) = run_to_end(dir, &clean_db, args);
    assert_eq!(code, Some(0), "clean ingest: {stderr}");
    assert_sound(&sqlite, &clean_db);
    let clean = snapshot(&sqlite, &clean_db);
    let docs: usize = query(&sqlite, &clean_db, "SELECT count(*) FROM documents")
        .trim()
        .parse()
        .unwrap();
    assert!(docs >= 400, "the clean store holds the corpus ({docs})");

    let seed = std::env::var("DEMARCHE_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_cafe_u64);
    let mut rng = Xorshift(seed | 1);
    let window = clean_time.as_millis() as u64;
    let mut killed = 0;
    for round in 0..rounds() {
        // Each round: a fresh store, two runs killed at random moments, one run to the end.
        let killed_db = dir.join(format!("killed-{round}.db"));
        remove_store(&killed_db);
        let mut moments = Vec::new();
        for _ in 0..2 {
            let at = Duration::from_millis(rng.below(window));
            let mut child = ingest(dir, &killed_db, args);
            thread::sleep(at);
            if child.try_wait().expect("wait").is_none() {
                child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
                killed += 1;
                moments.push(at.as_millis());
            }
            let _ = child.wait();
        }
        let (code, _, stderr) = run_to_end(dir, &killed_db, args);
        assert_eq!(code, Some(0), "the run after the kills: {stderr}");
        assert_sound(&sqlite, &killed_db);
        let after = snapshot(&sqlite, &killed_db);
        for ((name, want), (_, got)) in clean.iter().zip(&after) {
            assert!(
                want == got,
                "{scenario}: table {name} differs from a clean ingest (seed {seed}, round {round}, kills at {moments:?} ms)"
            );
        }
        eprintln!("{scenario} round {round}: killed at {moments:?} ms, store equals the clean one");
    }
    eprintln!(
        "{scenario}: clean run {:.1} s, {killed} kills over {} rounds (seed {seed})",
        clean_time.as_secs_f64(),
        rounds()
    );
    assert!(killed > 0, "no run was killed: the test proved nothing");
}

#[test]
fn sigkilled_ingest_of_articles_recovers_to_a_clean_store() {
    let dir = scratch("kill-articles");
    std::fs::write(dir.join("corpus.jsonl"), corpus(400)).unwrap();
    killed_ingest_equals_clean_ingest(&dir, "articles", &["--batch", "16", "corpus.jsonl"]);
}

#[test]
fn sigkilled_ingest_of_records_recovers_to_a_clean_store() {
    let Some(_) = sqlite3() else { return };
    // Records extracted once, then stored with --records in small transactions:
    // the kills land inside the store's writes rather than in the pipeline.
    let dir = scratch("kill-records");
    std::fs::write(dir.join("corpus.jsonl"), corpus(400)).unwrap();
    let out = run_in(&dir, &["extract", "corpus.jsonl"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(dir.join("records.jsonl"), out.stdout).unwrap();
    killed_ingest_equals_clean_ingest(
        &dir,
        "records",
        &["--records", "--batch", "3", "records.jsonl"],
    );
}
