//! A few read-only connections, reused across requests.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use demarche_store::{Store, StoreError};

/// Idle connections kept for reuse; more are opened under load and closed after.
const KEEP_IDLE: usize = 8;

pub struct StorePool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl StorePool {
    /// Opens one connection now, so a missing or foreign file fails at start.
    pub fn open(path: &Path) -> Result<StorePool, StoreError> {
        let first = Store::open_read_only(path)?;
        Ok(StorePool {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
        })
    }

    /// Runs `f` on a pooled connection (call from a blocking thread).
    pub fn with<T>(
        &self,
        f: impl FnOnce(&Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let taken = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop();
        let store = match taken {
            Some(s) => s,
            None => Store::open_read_only(&self.path)?,
        };
        let result = f(&store);
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        if idle.len() < KEEP_IDLE {
            idle.push(store);
        }
        result
    }
}
