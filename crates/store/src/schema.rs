//! The database schema, as numbered migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Opening a
//! store applies the missing ones in one transaction; a store written by a
//! newer demarche (a higher version than we know) is refused rather than
//! misread.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// Migration `i` brings the schema from version `i` to version `i + 1`.
const MIGRATIONS: &[&str] = &[include_str!("sql/v1.sql")];

/// The schema version this build writes and reads.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

pub(crate) fn version(conn: &Connection) -> Result<u32> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies the migrations this store lacks.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let current = version(conn)?;
    if current > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found: current,
            known: SCHEMA_VERSION,
        });
    }
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction()?;
    for sql in &MIGRATIONS[current as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// Checks a store opened read-only: it must be at exactly our version.
pub(crate) fn check(conn: &Connection) -> Result<()> {
    match version(conn)? {
        v if v == SCHEMA_VERSION => Ok(()),
        0 => Err(StoreError::NotAStore),
        v if v > SCHEMA_VERSION => Err(StoreError::NewerSchema {
            found: v,
            known: SCHEMA_VERSION,
        }),
        v => Err(StoreError::OlderSchema {
            found: v,
            known: SCHEMA_VERSION,
        }),
    }
}
