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
//! Documents are processed in parallel (worker threads) with a bounded read-ahead, so
//! memory does not grow with the corpus, and handed to the caller in input order.

use std::sync::Arc;

use chrono::NaiveDate;
use demarche_actors::ActorKb;
use demarche_ingest::InputError;
use demarche_model::{Document, Record};

mod ordered;
mod stages;

pub use demarche_ingest::{read_all, Body, RawDoc};
pub use stages::{process, process_observed, process_with, StageObserver, SyntaxModel};

/// How a run behaves.
#[derive(Clone, Default)]
pub struct Options {
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Publication date for documents that carry none.
    pub published: Option<NaiveDate>,
    /// Actor knowledge extended with the user's file; None means the built-in dictionaries.
    pub actors: Option<Arc<ActorKb>>,
    /// The syntax model of the syntax stage.
    pub syntax: SyntaxModel,
}

impl Options {
    pub fn actor_kb(&self) -> &ActorKb {
        match &self.actors {
            Some(kb) => kb,
            None => ActorKb::embedded(),
        }
    }
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

/// Near-duplicates are looked for among this many most recent documents of
/// a run (about 2.5 KB each), so memory stays flat on any corpus; copies of a
/// story come out close together in news streams and crawls.
const DUPLICATE_WINDOW: usize = 20_000;

/// Documents read ahead of the output, per thread: enough to keep every core
/// busy while a long document holds up the output, few enough that memory
/// stays flat.
const WINDOW_PER_THREAD: usize = 32;

/// Runs the whole pipeline over `paths` (files, folders, `-`), giving each
/// record or input error to `sink` in input order. Stops early if `sink` fails.
///
/// With one thread everything runs on the calling thread. With more, the
/// workers analyse documents while the calling thread reads the input and
/// hands finished records to `sink`, in input order.
pub fn run(
    paths: &[String],
    opts: &Options,
    mut sink: impl FnMut(Item) -> anyhow::Result<()>,
) -> anyhow::Result<Summary> {
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let inputs = demarche_ingest::read_all(paths);
    let mut summary = Summary::default();
    // Near-duplicates are decided here, in input order, so the first copy wins whatever the threads do.
    let mut duplicates = demarche_web::DuplicateIndex::bounded(DUPLICATE_WINDOW);
    let mut emit = |mut item: Item| {
        if let Ok(rec) = &mut item {
            // An exact copy from another origin has the same doc_id: it names the earlier one too.
            if let Some(first) = duplicates.check_and_insert(&rec.doc_id, &rec.text) {
                rec.duplicate_of = Some(first);
            }
        }
        match &item {
            Ok(rec) => {
                summary.documents += 1;
                summary.quotes += rec.quotes.len() as u64;
                summary.events += rec.events.len() as u64;
            }
            Err(_) => summary.failed += 1,
        }
        sink(item)
    };
    let work = |item: Result<RawDoc, InputError>| item.and_then(|raw| process_guarded(raw, opts));
    if threads == 1 {
        for item in inputs {
            emit(work(item))?;
        }
    } else {
        ordered::map_in_order(threads, inputs, WINDOW_PER_THREAD * threads, work, emit)?;
    }
    Ok(summary)
}

/// [`process_raw`], with a panic in a stage turned into the error of this
/// document, so that one bad article does not end the run.
fn process_guarded(raw: RawDoc, opts: &Options) -> Result<Record, InputError> {
    let origin = raw.origin.clone();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| process_raw(raw, opts)))
        .unwrap_or_else(|panic| {
            let why = panic
                .downcast_ref::<&str>()
                .copied()
                .or_else(|| panic.downcast_ref::<String>().map(String::as_str))
                .unwrap_or("unknown cause");
            Err(InputError::new(origin, format!("internal error: {why}")))
        })
}

/// Cleans and analyses one raw document into its record.
pub fn process_raw(raw: RawDoc, opts: &Options) -> Result<Record, InputError> {
    let doc = prepare(raw, opts)?;
    if !is_codable(&doc) {
        eprintln!(
            "demarche: {}: language {}, not coded",
            doc.origin,
            doc.language.as_deref().unwrap_or("unknown")
        );
        return Ok(Record::from_document(&doc));
    }
    let doc = process_with(doc, opts.actor_kb(), opts.syntax);
    Ok(Record::from_document(&doc))
}

/// The ingest→text hand-over: body text (from HTML when needed) cleaned into a Document.
pub fn prepare(raw: RawDoc, opts: &Options) -> Result<Document, InputError> {
    let keep_headline = raw.title_is_field;
    let (title, body, published) = match raw.body {
        Body::Text(t) => (raw.title, t, raw.published),
        Body::Html(bytes) => {
            let url = raw.origin.contains("://").then_some(raw.origin.as_str());
            let page = demarche_web::extract_html(&bytes, url, None);
            (
                raw.title.or(page.title),
                page.text,
                raw.published.or(page.published),
            )
        }
    };
    let cleaned = demarche_text::clean_with(&body, title.as_deref(), keep_headline);
    let mut doc = Document::new(raw.origin, cleaned.text);
    doc.title = title;
    doc.published = published.or(opts.published);
    doc.language = raw
        .language
        .or_else(|| demarche_web::detect_language(&doc.text));
    Ok(doc)
}

/// Documents are coded only in English; others keep their text and metadata.
fn is_codable(doc: &Document) -> bool {
    doc.language.as_deref().is_none_or(|l| l == "en")
}
