//! Parquet: one row per event, typed columns (dates as DATE, numbers as
//! numbers), Snappy-compressed, written in batches so memory stays flat.

use std::io::Write;
use std::sync::Arc;

use arrow_array::builder::{
    Date32Builder, Float32Builder, Int32Builder, Int64Builder, StringBuilder,
};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use chrono::NaiveDate;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::{EventRow, Result, Store, StoreError};

const BATCH_ROWS: usize = 8192;

fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    Arc::new(Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        text("doc_id", false),
        text("origin", false),
        Field::new("day", DataType::Date32, true),
        text("date", true),
        text("date_text", true),
        text("source", true),
        text("source_code", true),
        text("source_text", true),
        text("target", true),
        text("target_code", true),
        text("target_text", true),
        text("cameo", false),
        text("root", false),
        text("plover", false),
        Field::new("quad_class", DataType::Int32, false),
        Field::new("goldstein", DataType::Float32, false),
        text("mode", false),
        text("trigger", false),
        Field::new("evidence_start", DataType::Int32, false),
        Field::new("evidence_end", DataType::Int32, false),
        Field::new("quote", DataType::Int32, true),
    ]))
}

#[derive(Default)]
struct Columns {
    id: Int64Builder,
    doc_id: StringBuilder,
    origin: StringBuilder,
    day: Date32Builder,
    date: StringBuilder,
    date_text: StringBuilder,
    source: StringBuilder,
    source_code: StringBuilder,
    source_text: StringBuilder,
    target: StringBuilder,
    target_code: StringBuilder,
    target_text: StringBuilder,
    cameo: StringBuilder,
    root: StringBuilder,
    plover: StringBuilder,
    quad_class: Int32Builder,
    goldstein: Float32Builder,
    mode: StringBuilder,
    trigger: StringBuilder,
    evidence_start: Int32Builder,
    evidence_end: Int32Builder,
    quote: Int32Builder,
    rows: usize,
}

impl Columns {
    fn push(&mut self, e: &EventRow) {
        self.id.append_value(e.id);
        self.doc_id.append_value(&e.doc_id);
        self.origin.append_value(&e.origin);
        self.day
            .append_option(e.day.as_deref().and_then(days_since_epoch));
        self.date.append_option(e.date.as_deref());
        self.date_text.append_option(e.date_text.as_deref());
        self.source.append_option(e.source.as_deref());
        self.source_code.append_option(e.source_code.as_deref());
        self.source_text.append_option(e.source_text.as_deref());
        self.target.append_option(e.target.as_deref());
        self.target_code.append_option(e.target_code.as_deref());
        self.target_text.append_option(e.target_text.as_deref());
        self.cameo.append_value(&e.cameo);
        self.root.append_value(&e.root);
        self.plover.append_value(&e.plover);
        self.quad_class.append_value(e.quad_class as i32);
        self.goldstein.append_value(e.goldstein as f32);
        self.mode.append_value(&e.mode);
        self.trigger.append_value(&e.trigger);
        self.evidence_start.append_value(e.evidence[0] as i32);
        self.evidence_end.append_value(e.evidence[1] as i32);
        self.quote.append_option(e.quote.map(|q| q as i32));
        self.rows += 1;
    }

    /// The rows pushed so far as one batch; the builders start again empty.
    fn finish(&mut self, schema: &SchemaRef) -> Result<RecordBatch> {
        let columns: Vec<ArrayRef> = vec![
            Arc::new(self.id.finish()),
            Arc::new(self.doc_id.finish()),
            Arc::new(self.origin.finish()),
            Arc::new(self.day.finish()),
            Arc::new(self.date.finish()),
            Arc::new(self.date_text.finish()),
            Arc::new(self.source.finish()),
            Arc::new(self.source_code.finish()),
            Arc::new(self.source_text.finish()),
            Arc::new(self.target.finish()),
            Arc::new(self.target_code.finish()),
            Arc::new(self.target_text.finish()),
            Arc::new(self.cameo.finish()),
            Arc::new(self.root.finish()),
            Arc::new(self.plover.finish()),
            Arc::new(self.quad_class.finish()),
            Arc::new(self.goldstein.finish()),
            Arc::new(self.mode.finish()),
            Arc::new(self.trigger.finish()),
            Arc::new(self.evidence_start.finish()),
            Arc::new(self.evidence_end.finish()),
            Arc::new(self.quote.finish()),
        ];
        self.rows = 0;
        RecordBatch::try_new(schema.clone(), columns).map_err(|e| StoreError::Export(e.to_string()))
    }
}

fn days_since_epoch(day: &str) -> Option<i32> {
    let d = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
    Some((d - NaiveDate::from_ymd_opt(1970, 1, 1)?).num_days() as i32)
}

pub(super) fn write<W: Write + Send>(store: &Store, out: W) -> Result<u64> {
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .build();
    let parquet_err = |e: parquet::errors::ParquetError| StoreError::Export(e.to_string());
    let mut writer = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(parquet_err)?;
    let mut columns = Columns::default();
    let n = store.for_each_event(|e| {
        columns.push(&e);
        if columns.rows == BATCH_ROWS {
            writer
                .write(&columns.finish(&schema)?)
                .map_err(parquet_err)?;
        }
        Ok(())
    })?;
    if columns.rows > 0 {
        writer
            .write(&columns.finish(&schema)?)
            .map_err(parquet_err)?;
    }
    writer.close().map_err(parquet_err)?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_count_from_the_epoch() {
        assert_eq!(super::days_since_epoch("1970-01-02"), Some(1));
        assert_eq!(super::days_since_epoch("2025-06-23"), Some(20262));
        assert_eq!(super::days_since_epoch("June 2025"), None);
    }
}
