//! The database schema, as numbered migrations.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Opening a
//! store applies the missing ones in one transaction; a store written by a
//! newer demarche (a higher version than we know) is refused rather than
//! misread. A migration never drops a stored row: it adds tables, columns
//! and indexes, and fills them from what is there.

use rusqlite::Connection;

use crate::{Result, StoreError};

/// One step of the schema: SQL, then (when the SQL alone cannot) Rust code
/// that fills the new tables from the rows already stored.
struct Migration {
    sql: &'static str,
    fill: Option<fn(&Connection) -> Result<()>>,
}

/// Migration `i` brings the schema from version `i` to version `i + 1`.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("sql/v1.sql"),
        fill: None,
    },
    Migration {
        sql: include_str!("sql/v2.sql"),
        fill: Some(crate::near::backfill),
    },
];

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
    for migration in &MIGRATIONS[current as usize..] {
        tx.execute_batch(migration.sql)?;
        if let Some(fill) = migration.fill {
            fill(&tx)?;
        }
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
