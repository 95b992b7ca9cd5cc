-- Schema version 2 of the demarche store: row counts kept at ingest,
-- near-duplicate signatures, and indexes for the slow query shapes.
-- Nothing stored is changed; the new tables are filled from the old rows
-- (signatures by the Rust side of the migration, from documents.text).

-- Rows per table, updated by every batch in its own transaction, so that
-- `stats` reads six numbers instead of counting millions of rows.
CREATE TABLE counts (
    name TEXT PRIMARY KEY,
    n    INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO counts (name, n)
    SELECT 'documents', count(*) FROM documents
    UNION ALL SELECT 'duplicates', count(*) FROM duplicates
    UNION ALL SELECT 'quotes', count(*) FROM quotes
    UNION ALL SELECT 'events', count(*) FROM events
    UNION ALL SELECT 'entities', count(*) FROM entities
    UNION ALL SELECT 'dates', count(*) FROM dates;

-- MinHash signature of each document's text (64 little-endian u64) and its
-- LSH band keys: a new document is compared with the stored ones that share
-- a band, so a copy is found in a later run.
CREATE TABLE signatures (
    doc     INTEGER PRIMARY KEY REFERENCES documents(id),
    minhash BLOB NOT NULL
);
CREATE TABLE signature_bands (
    key INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(id),
    PRIMARY KEY (key, doc)
) WITHOUT ROWID;
