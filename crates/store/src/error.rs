use std::path::{Path, PathBuf};

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {path}: {source}")]
    Open {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("no store at {0} (create one with `demarche ingest`)")]
    Missing(PathBuf),
    #[error("the file is not a demarche store (no schema version)")]
    NotAStore,
    #[error("the store has schema version {found}, newer than this demarche knows ({known}): upgrade demarche")]
    NewerSchema { found: u32, known: u32 },
    #[error("the store has schema version {found}, older than {known}: open it once for writing (e.g. `demarche ingest`) to migrate it")]
    OlderSchema { found: u32, known: u32 },
    /// A query parameter that cannot be used (the API answers 400).
    #[error("bad parameter `{name}`: {reason}")]
    BadParameter { name: &'static str, reason: String },
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("write: {0}")]
    Io(#[from] std::io::Error),
    #[error("csv: {0}")]
    Csv(#[from] csv::Error),
    #[error("export: {0}")]
    Export(String),
}

impl StoreError {
    pub(crate) fn open(path: &Path, source: rusqlite::Error) -> StoreError {
        StoreError::Open {
            path: path.to_path_buf(),
            source,
        }
    }

    pub(crate) fn bad(name: &'static str, reason: impl Into<String>) -> StoreError {
        StoreError::BadParameter {
            name,
            reason: reason.into(),
        }
    }

    /// True when the caller's input is at fault (not the store).
    pub fn is_bad_parameter(&self) -> bool {
        matches!(self, StoreError::BadParameter { .. })
    }
}
