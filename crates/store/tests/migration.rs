//! Upgrading a store written by an older demarche keeps every row and
//! brings the new tables up to date.

mod common;

use common::*;
use demarche_store::{InsertOutcome, Store, SCHEMA_VERSION};
use rusqlite::Connection;

/// What schema version 2 added to version 1; removing it gives back a
/// version-1 file exactly as an older demarche wrote it.
const ADDED_IN_V2: &str = "
    DROP TABLE counts;
    DROP TABLE signatures;
    DROP TABLE signature_bands;
    PRAGMA user_version = 1;";

fn table_rows(conn: &Connection, table: &str) -> i64 {
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_version_1_store_is_upgraded_without_losing_rows() {
    let (_dir, path) = temp_db("v1");
    let original = kremlin_record("https://first.example/kremlin");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert_batch(&[
                original.clone(),
                envoy_record("https://second.example/envoy"),
                kremlin_record("https://mirror.example/kremlin"),
            ])
            .unwrap();
    }
    let before: Vec<i64>;
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(ADDED_IN_V2).unwrap();
        before = [
            "documents",
            "duplicates",
            "quotes",
            "events",
            "entities",
            "dates",
        ]
        .iter()
        .map(|t| table_rows(&conn, t))
        .collect();
    }
    // An older store cannot be read as it is...
    assert!(Store::open_read_only(&path).is_err());
    // ...and opening it for writing migrates it.
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    let stats = store.stats().unwrap();
    assert_eq!(
        vec![
            stats.documents,
            stats.duplicates,
            stats.quotes,
            stats.events,
            stats.entities,
            stats.dates
        ],
        before,
        "counts filled from the stored rows"
    );
    assert_eq!(store.document(&original.doc_id).unwrap().unwrap(), original);

    // Signatures were computed for the old documents: a copy is found against them.
    let mut copy = kremlin_record("https://later.example/kremlin");
    copy.text
        .push_str(" Officials in Washington declined to comment.");
    copy.doc_id = demarche_model::document::doc_id_of(&copy.text);
    assert_eq!(
        store.insert_record(&copy).unwrap(),
        InsertOutcome::NearDuplicate
    );
    assert_eq!(store.stats().unwrap().duplicates, before[1] + 1);

    let conn = Connection::open(&path).unwrap();
    let check: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn counts_follow_every_batch() {
    let (_dir, path) = temp_db("counts");
    let mut store = Store::open(&path).unwrap();
    store
        .insert_batch(&[
            kremlin_record("https://first.example/kremlin"),
            kremlin_record("https://mirror.example/kremlin"),
        ])
        .unwrap();
    store
        .insert_record(&envoy_record("https://second.example/envoy"))
        .unwrap();
    let stats = store.stats().unwrap();
    let conn = Connection::open(&path).unwrap();
    assert_eq!(stats.documents, table_rows(&conn, "documents"));
    assert_eq!(stats.duplicates, table_rows(&conn, "duplicates"));
    assert_eq!(stats.quotes, table_rows(&conn, "quotes"));
    assert_eq!(stats.events, table_rows(&conn, "events"));
    assert_eq!(stats.entities, table_rows(&conn, "entities"));
    assert_eq!(stats.dates, table_rows(&conn, "dates"));
}
