//! Exports of the whole store: GDELT 2.0 event rows, CSV, JSON Lines
//! records, Parquet.

mod gdelt;
#[cfg(feature = "parquet")]
mod parquet;

use std::io::Write;

use crate::query::{event_row, EVENT_SELECT};
use crate::rows::Tabular;
use crate::{EventRow, Result, Store, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// The 61 columns of a GDELT 2.0 event file, tab-separated, no header.
    Gdelt,
    /// One row per event with a header.
    Csv,
    /// One `demarche.document/1` record per line.
    Jsonl,
    /// One row per event, typed columns (needs the `parquet` feature).
    Parquet,
}

impl std::str::FromStr for ExportFormat {
    type Err = StoreError;
    fn from_str(s: &str) -> Result<ExportFormat> {
        match s.to_ascii_lowercase().as_str() {
            "gdelt" => Ok(ExportFormat::Gdelt),
            "csv" => Ok(ExportFormat::Csv),
            "jsonl" => Ok(ExportFormat::Jsonl),
            "parquet" => Ok(ExportFormat::Parquet),
            _ => Err(StoreError::bad(
                "format",
                format!("`{s}` is not gdelt, csv, jsonl or parquet"),
            )),
        }
    }
}

impl ExportFormat {
    /// True when this build can write the format.
    pub fn available(self) -> bool {
        self != ExportFormat::Parquet || cfg!(feature = "parquet")
    }

    /// True for binary output (not for a terminal).
    pub fn is_binary(self) -> bool {
        self == ExportFormat::Parquet
    }
}

impl Store {
    /// Writes the whole store to `out` in `format`; returns the number of
    /// rows (events, or documents for JSON Lines) written.
    pub fn export<W: Write + Send>(&self, format: ExportFormat, out: W) -> Result<u64> {
        match format {
            ExportFormat::Gdelt => gdelt::write(self, out),
            ExportFormat::Csv => self.export_csv(out),
            ExportFormat::Jsonl => self.export_jsonl(out),
            #[cfg(feature = "parquet")]
            ExportFormat::Parquet => parquet::write(self, out),
            #[cfg(not(feature = "parquet"))]
            ExportFormat::Parquet => {
                drop(out);
                Err(StoreError::Export(
                    "this demarche was built without the `parquet` feature".into(),
                ))
            }
        }
    }

    fn export_csv<W: Write>(&self, out: W) -> Result<u64> {
        let mut w = csv::Writer::from_writer(out);
        w.write_record(EventRow::columns())?;
        let n = self.for_each_event(|e| {
            w.write_record(e.cells())?;
            Ok(())
        })?;
        w.flush()?;
        Ok(n)
    }

    fn export_jsonl<W: Write>(&self, out: W) -> Result<u64> {
        let mut out = std::io::BufWriter::new(out);
        let n = self.for_each_document(|record| {
            serde_json::to_writer(&mut out, &record)?;
            out.write_all(b"\n")?;
            Ok(())
        })?;
        out.flush()?;
        Ok(n)
    }

    /// Every event in storage order.
    pub fn for_each_event(&self, mut each: impl FnMut(EventRow) -> Result<()>) -> Result<u64> {
        let mut stmt = self
            .conn
            .prepare(&format!("{EVENT_SELECT} ORDER BY e.id"))?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            each(event_row(r)?)?;
            n += 1;
        }
        Ok(n)
    }
}
