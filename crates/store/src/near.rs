//! Near-duplicates across runs.
//!
//! Every stored document keeps its MinHash signature (from `demarche-web`,
//! whose scheme is pinned so stored signatures stay comparable) and the LSH
//! band keys of that signature. A new document is compared only with the
//! stored documents that share a band with it, and the final verdict is the
//! web crate's own ([`DuplicateIndex::find`]): the same similarity and
//! threshold as within one run.
//!
//! The band keys are the store's own persistence format (bands of
//! [`ROWS`] signature values), so a change to the in-memory index's banding
//! never invalidates a store.

use demarche_web::{DuplicateIndex, Signature};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension};
use xxhash_rust::xxh3::xxh3_64_with_seed;

use crate::Result;

/// Signature values per band: two, as the in-run index, so that a copy found
/// within a run is found across runs too.
const ROWS: usize = 2;
/// Most candidates compared for one document: bounds the work on a store full
/// of near-identical boilerplate.
const MAX_CANDIDATES: usize = 256;

/// The MinHash signature of `text` (None when it has no words).
pub(crate) fn signature(text: &str) -> Option<Signature> {
    DuplicateIndex::signature(text)
}

/// One key per band of `sig`, the band's number mixed in.
fn band_keys(sig: &[u64]) -> impl Iterator<Item = i64> + '_ {
    sig.chunks_exact(ROWS).enumerate().map(|(band, rows)| {
        let bytes: Vec<u8> = rows.iter().flat_map(|v| v.to_le_bytes()).collect();
        xxh3_64_with_seed(&bytes, band as u64) as i64
    })
}

fn to_blob(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

fn from_blob(blob: &[u8]) -> Signature {
    blob.chunks_exact(8)
        .map(|b| u64::from_le_bytes(b.try_into().expect("8 bytes")))
        .collect()
}

/// Keeps the signature of stored document `doc` for later runs.
pub(crate) fn remember(conn: &Connection, doc: i64, sig: &[u64]) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO signatures (doc, minhash) VALUES (?1, ?2)")?
        .execute(params![doc, to_blob(sig)])?;
    let mut band =
        conn.prepare_cached("INSERT OR IGNORE INTO signature_bands (key, doc) VALUES (?1, ?2)")?;
    for key in band_keys(sig) {
        band.execute(params![key, doc])?;
    }
    Ok(())
}

/// The doc_id of the stored document `sig` near-duplicates, if any: the
/// most similar one, the earliest stored on a tie, followed back to the
/// original when it is itself a copy.
pub(crate) fn find(conn: &Connection, sig: &[u64]) -> Result<Option<String>> {
    let keys: Vec<i64> = band_keys(sig).collect();
    if keys.is_empty() {
        return Ok(None);
    }
    let placeholders = vec!["?"; keys.len()].join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT d.doc_id, s.minhash FROM signatures s JOIN documents d ON d.id = s.doc
         WHERE s.doc IN (SELECT DISTINCT doc FROM signature_bands WHERE key IN ({placeholders}))
         ORDER BY s.doc LIMIT {MAX_CANDIDATES}"
    ))?;
    let mut index = DuplicateIndex::new();
    let mut rows = stmt.query(params_from_iter(keys.iter()))?;
    while let Some(row) = rows.next()? {
        let doc_id: String = row.get(0)?;
        let blob: Vec<u8> = row.get(1)?;
        index.insert_signature(&doc_id, from_blob(&blob));
    }
    match index.find(sig) {
        Some(found) => original_of(conn, found).map(Some),
        None => Ok(None),
    }
}

/// The stored document a copy points back to, through any chain of copies.
pub(crate) fn original_of(conn: &Connection, mut doc_id: String) -> Result<String> {
    let mut stmt = conn.prepare_cached(
        "SELECT duplicate_of FROM documents WHERE doc_id = ?1 AND duplicate_of IS NOT NULL
           AND EXISTS (SELECT 1 FROM documents o WHERE o.doc_id = documents.duplicate_of)",
    )?;
    // A chain is short; the bound only guards against a cycle written by hand.
    for _ in 0..16 {
        let next: Option<String> = stmt.query_row([&doc_id], |r| r.get(0)).optional()?;
        match next {
            Some(next) if next != doc_id => doc_id = next,
            _ => break,
        }
    }
    Ok(doc_id)
}

/// Signatures for documents stored before signatures were kept (migration
/// to schema version 2).
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare(
        "SELECT id, text FROM documents WHERE id NOT IN (SELECT doc FROM signatures) ORDER BY id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let text: String = row.get(1)?;
        if let Some(sig) = signature(&text) {
            remember(conn, row.get(0)?, &sig)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_round_trip_through_blobs_and_bands_differ() {
        let sig = signature("the river rose through the night and the bridge was shut").unwrap();
        assert_eq!(from_blob(&to_blob(&sig)), sig);
        let keys: Vec<i64> = band_keys(&sig).collect();
        assert_eq!(keys.len(), sig.len() / ROWS);
        // Equal rows in two bands still give two keys.
        let flat = vec![7u64; sig.len()];
        let flat_keys: Vec<i64> = band_keys(&flat).collect();
        assert_ne!(flat_keys[0], flat_keys[1]);
    }
}
