-- Schema version 1 of the demarche store.
-- Character offsets (start, end) are those of the output record: Unicode
-- scalar values into documents.text. `day` columns hold the date a row is
-- filed under (YYYY-MM-DD): an event's own resolved date, else its
-- document's publication date; NULL when neither is known.

CREATE TABLE documents (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL UNIQUE,   -- hash of the cleaned text
    origin       TEXT NOT NULL,          -- the first origin it was stored from
    title        TEXT,
    published    TEXT,
    language     TEXT,
    duplicate_of TEXT,                   -- near-duplicate of this doc_id (pipeline's verdict)
    text         TEXT NOT NULL,
    layers       TEXT NOT NULL,          -- JSON of the record's layers, to give the record back whole
    added        TEXT NOT NULL           -- UTC time of ingest, YYYYMMDDHHMMSS
);
CREATE INDEX documents_published ON documents(published);

-- Other places the same article was seen: an identical text from another
-- origin ('exact'), or a near-duplicate stored in its own right ('near').
CREATE TABLE duplicates (
    of_doc_id TEXT NOT NULL,
    origin    TEXT NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('exact', 'near')),
    PRIMARY KEY (of_doc_id, origin)
) WITHOUT ROWID;

CREATE TABLE actors (
    id        INTEGER PRIMARY KEY,
    actor_id  TEXT NOT NULL UNIQUE,
    name      TEXT NOT NULL,
    code      TEXT,
    country   TEXT,
    sector    TEXT,
    mentions  INTEGER NOT NULL DEFAULT 0,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_code ON actors(code);

CREATE TABLE entities (
    doc   INTEGER NOT NULL REFERENCES documents(id),
    idx   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    kind  TEXT NOT NULL,
    actor INTEGER REFERENCES actors(id),
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX entities_actor ON entities(actor);

CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    doc          INTEGER NOT NULL REFERENCES documents(id),
    idx          INTEGER NOT NULL,
    text         TEXT NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    cue          TEXT,
    speaker_text TEXT,
    speaker_name TEXT,
    speaker_code TEXT,
    day          TEXT
);
CREATE INDEX quotes_doc ON quotes(doc);
CREATE INDEX quotes_speaker_code ON quotes(speaker_code, day);  -- covers the page-of-ids step
CREATE INDEX quotes_day ON quotes(day);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL REFERENCES documents(id),
    idx            INTEGER NOT NULL,
    source_text    TEXT,
    source_name    TEXT,
    source_code    TEXT,
    target_text    TEXT,
    target_name    TEXT,
    target_code    TEXT,
    cameo          TEXT NOT NULL,
    root           TEXT NOT NULL,
    plover         TEXT NOT NULL,
    quad_class     INTEGER NOT NULL,
    goldstein      REAL NOT NULL,
    mode           TEXT NOT NULL,
    trigger_text   TEXT NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    date           TEXT,
    date_text      TEXT,
    quote          INTEGER,
    day            TEXT,
    is_root        INTEGER NOT NULL     -- 1 when told in the first paragraph (GDELT IsRootEvent)
);
CREATE INDEX events_doc ON events(doc);
-- Every filter column is in every filter index, so a listing picks its page
-- of ids from one index alone and reads only those rows from the table.
-- events_pair also covers timelines (pair + period + aggregates).
CREATE INDEX events_pair ON events(source_code, target_code, day, root, cameo, mode, quad_class, goldstein);
CREATE INDEX events_target ON events(target_code, day, source_code, root, cameo, mode);
CREATE INDEX events_cameo ON events(cameo, day, source_code, target_code, mode);
CREATE INDEX events_root ON events(root, day, source_code, target_code, cameo, mode);
CREATE INDEX events_day ON events(day, source_code, target_code, root, cameo, mode);

CREATE TABLE dates (
    doc   INTEGER NOT NULL REFERENCES documents(id),
    idx   INTEGER NOT NULL,
    text  TEXT NOT NULL,
    start INTEGER NOT NULL,
    end   INTEGER NOT NULL,
    value TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

-- Full text, kept in step by the insert code (external content tables).
CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='porter unicode61'
);
CREATE VIRTUAL TABLE quotes_fts USING fts5(
    text, speaker_name, speaker_text, content='quotes', content_rowid='id', tokenize='porter unicode61'
);
