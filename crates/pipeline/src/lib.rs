//! The pipeline: each document goes through the stages in order, each stage
//! adding one layer to the [`Document`] the previous one left:
//!
//! 1. ingest  — raw document from a file, stdin or a record (`demarche-ingest`)
//! 2. text    — cleaned text, paragraphs, tokens, sentences (`demarche-text`)
//! 3. syntax  — tags and dependency trees for the sentences that need them
//! 4. actors  — entities with CAMEO codes and coreference chains
//! 5. quotes  — direct and indirect quotations with their speakers
//! 6. dates   — temporal expressions resolved against the publication date
//! 7. events  — CAMEO/PLOVER events with mode and date
//!
//! Documents are processed in parallel (rayon) in bounded batches, so memory
//! does not grow with the corpus, and handed to the caller in input order.

use chrono::NaiveDate;
use demarche_ingest::{Body, InputError, RawDoc};
use demarche_model::{Document, Record};
use rayon::prelude::*;

mod stages;

pub use stages::process;

/// How a run behaves.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Publication date for documents that carry none.
    pub published: Option<NaiveDate>,
}

/// One output of a run: a record, or the error of one input.
pub type Item = Result<Record, InputError>;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub documents: u64,
    pub failed: u64,
    pub quotes: u64,
    pub events: u64,
}

/// Documents handed to the workers at a time, per thread: large enough to keep
/// every core busy, small enough that memory stays flat.
const BATCH_PER_THREAD: usize = 32;

/// Runs the whole pipeline over `paths` (files, folders, `-`), giving each
/// record or input error to `sink` in input order. Stops early if `sink` fails.
pub fn run(
    paths: &[String],
    opts: &Options,
    mut sink: impl FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads)
        .build()?;
    let batch_size = BATCH_PER_THREAD * pool.current_num_threads().max(1);
    let mut inputs = demarche_ingest::read_all(paths);
    let mut summary = Summary::default();
    loop {
        let batch: Vec<Result<RawDoc, InputError>> = inputs.by_ref().take(batch_size).collect();
        if batch.is_empty() {
            break;
        }
        let done: Vec<Item> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|item| item.and_then(|raw| process_raw(raw, opts)))
                .collect()
        });
        for item in done {
            match &item {
                Ok(rec) => {
                    summary.documents += 1;
                    summary.quotes += rec.quotes.len() as u64;
                    summary.events += rec.events.len() as u64;
                }
                Err(_) => summary.failed += 1,
            }
            sink(item)?;
        }
    }
    Ok(summary)
}

/// Cleans and analyses one raw document into its record.
pub fn process_raw(raw: RawDoc, opts: &Options) -> Result<Record, InputError> {
    let doc = prepare(raw, opts)?;
    let doc = process(doc);
    Ok(Record::from_document(&doc))
}

/// The ingest→text hand-over: body text (from HTML when needed) cleaned into a Document.
pub fn prepare(raw: RawDoc, opts: &Options) -> Result<Document, InputError> {
    let (title, body) = match raw.body {
        Body::Text(t) => (raw.title, t),
        Body::Html(_) => {
            return Err(InputError::new(
                raw.origin,
                "HTML input is not supported by this build yet",
            ));
        }
    };
    let cleaned = demarche_text::clean(&body, title.as_deref());
    let mut doc = Document::new(raw.origin, cleaned.text);
    doc.title = title;
    doc.published = raw.published.or(opts.published);
    doc.language = raw.language;
    Ok(doc)
}
