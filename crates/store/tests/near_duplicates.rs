//! Near-duplicates against the store: a lightly edited copy of an article
//! stored in an earlier run is recorded as a copy of it, and exports count it.

mod common;

use common::*;
use demarche_store::{ExportFormat, InsertOutcome, Store};

/// The Kremlin story as another outlet ran it: a word changed, a sentence
/// added, its own origin, and no verdict from the pipeline (it came in a
/// later run, so the run's own index never saw the original).
fn edited_copy(origin: &str) -> demarche_model::Record {
    let mut copy = kremlin_record(origin);
    copy.text = copy.text.replace("on Monday", "on Monday morning")
        + " The ministry did not say when the talks might resume.";
    copy.doc_id = demarche_model::document::doc_id_of(&copy.text);
    copy.duplicate_of = None;
    copy
}

fn gdelt_rows(store: &Store) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    store.export(ExportFormat::Gdelt, &mut out).unwrap();
    String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| l.split('\t').map(String::from).collect())
        .collect()
}

#[test]
fn a_copy_in_a_later_run_points_to_the_stored_original() {
    let (_dir, path) = temp_db("near");
    let original = kremlin_record("https://first.example/kremlin");
    // First run.
    Store::open(&path)
        .unwrap()
        .insert_record(&original)
        .unwrap();
    // Second run, another process: a fresh connection, nothing in memory.
    let mut store = Store::open(&path).unwrap();
    let copy = edited_copy("https://other.example/moscow-tariffs");
    assert_ne!(copy.doc_id, original.doc_id);
    assert_eq!(
        store.insert_record(&copy).unwrap(),
        InsertOutcome::NearDuplicate
    );
    let stored = store.document(&copy.doc_id).unwrap().unwrap();
    assert_eq!(
        stored.duplicate_of.as_deref(),
        Some(original.doc_id.as_str())
    );
    assert_eq!(
        store.duplicate_origins(&original.doc_id).unwrap(),
        ["https://other.example/moscow-tariffs"]
    );
    let stats = store.stats().unwrap();
    assert_eq!((stats.documents, stats.duplicates), (2, 1));

    // GDELT: only the original's events, each counting two articles from two sources.
    let rows = gdelt_rows(&store);
    assert_eq!(rows.len(), original.events.len());
    for row in &rows {
        assert_eq!((&row[31][..], &row[32][..], &row[33][..]), ("2", "2", "2"));
        assert_eq!(row[60], "https://first.example/kremlin");
    }

    // Idempotent: the same copy again changes nothing.
    assert_eq!(store.insert_record(&copy).unwrap(), InsertOutcome::Skipped);
    assert_eq!(store.stats().unwrap(), stats);
}

#[test]
fn a_third_copy_points_to_the_original_not_to_the_copy() {
    let (_dir, path) = temp_db("chain");
    let mut store = Store::open(&path).unwrap();
    let original = kremlin_record("https://first.example/kremlin");
    store.insert_record(&original).unwrap();
    store
        .insert_record(&edited_copy("https://other.example/a"))
        .unwrap();
    let mut third = edited_copy("https://third.example/b");
    third.text.push_str(" Markets in Moscow were calm.");
    third.doc_id = demarche_model::document::doc_id_of(&third.text);
    assert_eq!(
        store.insert_record(&third).unwrap(),
        InsertOutcome::NearDuplicate
    );
    let stored = store.document(&third.doc_id).unwrap().unwrap();
    assert_eq!(
        stored.duplicate_of.as_deref(),
        Some(original.doc_id.as_str())
    );
    let rows = gdelt_rows(&store);
    assert!(rows.iter().all(|r| r[33] == "3"), "three articles");
}

#[test]
fn unrelated_articles_are_not_copies() {
    let (_dir, path) = temp_db("unrelated");
    let mut store = Store::open(&path).unwrap();
    store
        .insert_record(&kremlin_record("https://first.example/kremlin"))
        .unwrap();
    assert_eq!(
        store
            .insert_record(&envoy_record("https://second.example/envoy"))
            .unwrap(),
        InsertOutcome::New
    );
    assert_eq!(store.stats().unwrap().duplicates, 0);
}
