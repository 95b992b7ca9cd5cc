//! `demarche ingest` finds a near-duplicate of an article stored by an
//! earlier run: the later copy is stored with `duplicate_of`, `stats` counts
//! it, and the GDELT export counts it as one more article of the story.

mod common;

use std::path::Path;

use common::*;

/// A wire story written for this test.
const STORY: &str = "Russia condemns new American sanctions\n\n\
Moscow, 4 March 2025 – Russia condemned the United States on Tuesday over a new round of \
sanctions against its energy companies, saying the measures would hurt ordinary families \
on both sides of the Atlantic.\n\n\
“This is a hostile step that will not go unanswered,” Kremlin spokesman Dmitry Peskov told \
reporters in Moscow. He added that Russia remained open to talks on trade but would not \
negotiate under pressure.\n\n\
Officials in Washington said the sanctions targeted firms that had helped finance the war, \
and that further measures were being prepared with European partners.\n";

fn ingest(dir: &Path, db: &Path, input: &Path) -> String {
    let out = run_in(
        dir,
        &[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            "--threads",
            "1",
            input.to_str().unwrap(),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(0), "ingest: {stderr}");
    stderr
}

fn stats(dir: &Path, db: &Path) -> serde_json::Value {
    let out = run_in(
        dir,
        &["stats", "--db", db.to_str().unwrap(), "--format", "json"],
    );
    assert!(out.status.success());
    serde_json::from_slice(&out.stdout).expect("stats JSON")
}

#[test]
fn a_copy_ingested_in_a_later_run_is_a_duplicate_of_the_stored_article() {
    let dir = scratch("near-dup");
    let db = dir.join("store.db");
    std::fs::create_dir_all(dir.join("wire")).unwrap();
    std::fs::create_dir_all(dir.join("outlet")).unwrap();
    let first = dir.join("wire/sanctions.txt");
    std::fs::write(&first, STORY).unwrap();
    // Another outlet's edit of the same story: a word changed, a sentence added.
    let copy = dir.join("outlet/russia-sanctions.txt");
    std::fs::write(
        &copy,
        STORY.replace("on Tuesday", "late on Tuesday")
            + "\nThe rouble fell slightly against the dollar after the announcement.\n",
    )
    .unwrap();

    ingest(&dir, &db, &first);
    let before = stats(&dir, &db);
    assert_eq!(before["documents"], 1);
    assert_eq!(before["duplicates"], 0);

    let summary = ingest(&dir, &db, &copy);
    assert!(summary.contains("(1 near-duplicates)"), "{summary}");
    let after = stats(&dir, &db);
    assert_eq!(after["documents"], 2, "the copy is stored in its own right");
    assert_eq!(after["duplicates"], 1, "and counted as a copy");

    let out = run_in(
        &dir,
        &["export", "--db", db.to_str().unwrap(), "--format", "jsonl"],
    );
    let records = records(&out);
    let original = records
        .iter()
        .find(|r| {
            r["origin"]
                .as_str()
                .unwrap()
                .ends_with("wire/sanctions.txt")
        })
        .expect("the original");
    let later = records
        .iter()
        .find(|r| {
            r["origin"]
                .as_str()
                .unwrap()
                .ends_with("russia-sanctions.txt")
        })
        .expect("the copy");
    assert_eq!(later["duplicate_of"], original["doc_id"]);

    // GDELT rows come from the original only, each counting both articles.
    let out = run_in(
        &dir,
        &["export", "--db", db.to_str().unwrap(), "--format", "gdelt"],
    );
    assert!(out.status.success());
    let gdelt = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = gdelt.lines().map(|l| l.split('\t').collect()).collect();
    let original_events = original["events"].as_array().unwrap().len();
    assert!(original_events > 0, "the story has events to export");
    assert_eq!(rows.len(), original_events);
    for row in &rows {
        assert_eq!((row[31], row[32], row[33]), ("2", "2", "2"), "{row:?}");
        assert!(row[60].ends_with("wire/sanctions.txt"));
    }

    // A third run of the same copy changes nothing.
    ingest(&dir, &db, &copy);
    assert_eq!(stats(&dir, &db), after);
    let _ = std::fs::remove_dir_all(&dir);
}
