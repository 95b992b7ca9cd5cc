//! The analyst's working set: demarche records in SQLite.
//!
//! A [`Store`] keeps every [`Record`] it is given once (by `doc_id`, the
//! hash of the cleaned text), spreads its layers over tables that the
//! queries index (actors, quotes, events, dates), keeps a full-text index
//! over documents and quotes, keeps each document's MinHash signature so
//! that a near-duplicate is recognised in a later run (stored with
//! `duplicate_of`, counted as one more mention of its original), keeps row
//! counts for `stats`, and exports events as GDELT 2.0 rows, CSV,
//! JSON Lines or Parquet. The file runs in WAL mode, so readers (the API
//! server) and one writer (ingest) can work at once, and every batch is one
//! transaction: a killed ingest leaves the store as of the last batch.

mod error;
pub mod export;
mod fts;
mod insert;
mod near;
pub mod query;
pub mod rows;
mod schema;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use demarche_model::Record;
pub use error::{Result, StoreError};
pub use export::ExportFormat;
pub use insert::InsertOutcome;
pub use query::{
    ActorFilter, EventFilter, Period, QuoteFilter, SearchQuery, TimelineQuery, MAX_LIMIT,
};
pub use rows::{ActorRow, EventRow, QuoteRow, SearchHit, Stats, Tabular, TimelinePoint};
pub use schema::SCHEMA_VERSION;

/// The store file used when none is named.
pub const DEFAULT_PATH: &str = "demarche.db";

/// How long a connection waits for another's write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating if needed) a store for reading and writing, and brings
    /// its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        let mut conn = Connection::open(path).map_err(|e| StoreError::open(path, e))?;
        configure(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// Opens an existing store for queries only; it must be at this build's
    /// schema version.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Store> {
        let path = path.as_ref();
        if !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn =
            Connection::open_with_flags(path, flags).map_err(|e| StoreError::open(path, e))?;
        configure(&conn)?;
        schema::check(&conn)?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// A throwaway store in memory (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        configure(&conn)?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            path: PathBuf::from(":memory:"),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<u32> {
        schema::version(&self.conn)
    }

    /// Refreshes the query planner's statistics (worth it after a large ingest).
    pub fn optimize(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize; ANALYZE;")?;
        Ok(())
    }
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "cache_size", -65536)?; // 64 MiB page cache
    Ok(())
}
