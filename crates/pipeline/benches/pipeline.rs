//! `cargo bench -p demarche-pipeline`: the pipeline on real news text.
//!
//! - `stage/<name>`: one stage alone, on documents that went through every
//!   stage before it (the stages and their order are those of
//!   `demarche_pipeline::process`, found at run time, so a newly wired stage
//!   shows up here by itself); plus `cleaning`, `record` and `json`.
//! - `end_to_end/process_raw`: cleaning, every stage and the record, one thread.
//! - `end_to_end/run/<threads>`: `demarche_pipeline::run` over a JSON Lines
//!   file (reading, workers, ordered output), with 1 thread and one per core.
//!
//! The corpus is the first documents of the PolNeAR train set from
//! `../shared` when it is present, else the project's `examples/` articles.
//! `demarche bench` (the CLI) gives the same breakdown on a whole corpus.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use demarche_model::{Document, Record};
use demarche_pipeline::{Body, Options, RawDoc, StageObserver, SyntaxModel};

/// Documents taken from PolNeAR: enough for stable figures (≈ 0.5 MB), few
/// enough that one iteration stays well under a second.
const POLNEAR_DOCS: usize = 120;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The documents to measure, and a name for where they come from.
fn corpus() -> (Vec<RawDoc>, String) {
    let polnear = workspace().join("../shared/gold/quotes/polnear_train.jsonl");
    let (path, limit) = if polnear.exists() {
        (polnear, POLNEAR_DOCS)
    } else {
        eprintln!(
            "{} is absent: measuring the examples/ articles instead",
            polnear.display()
        );
        (workspace().join("examples"), usize::MAX)
    };
    let paths = [path.to_string_lossy().into_owned()];
    let docs: Vec<RawDoc> = demarche_pipeline::read_all(&paths)
        .filter_map(Result::ok)
        .take(limit)
        .collect();
    (docs, path.display().to_string())
}

fn text_bytes(docs: &[RawDoc]) -> u64 {
    docs.iter()
        .map(|d| match &d.body {
            Body::Text(t) => t.len() as u64,
            Body::Html(h) => h.len() as u64,
        })
        .sum()
}

/// Runs the stages of `process` up to (not including) the stage `until`, or
/// only that stage when `only` is set; records the stage names on the way.
struct Select {
    until: usize,
    only: bool,
    seen: usize,
    names: Vec<&'static str>,
}

impl Select {
    fn before(stage: usize) -> Self {
        Select {
            until: stage,
            only: false,
            seen: 0,
            names: Vec::new(),
        }
    }

    fn only(stage: usize) -> Self {
        Select {
            only: true,
            ..Select::before(stage)
        }
    }
}

impl StageObserver for Select {
    fn stage(&mut self, name: &'static str, run: impl FnOnce()) {
        let runs = if self.only {
            self.seen == self.until
        } else {
            self.seen < self.until
        };
        if runs {
            run();
        }
        self.names.push(name);
        self.seen += 1;
    }
}

fn stages(c: &mut Criterion) {
    let (raws, source) = corpus();
    let bytes = text_bytes(&raws);
    let opts = Options::default();
    let kb = opts.actor_kb();
    eprintln!(
        "corpus: {} documents, {bytes} bytes of text, from {source}",
        raws.len()
    );

    let mut group = c.benchmark_group("stage");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));

    group.bench_function("cleaning", |b| {
        b.iter_batched(
            || raws.clone(),
            |raws| {
                raws.into_iter()
                    .filter_map(|raw| demarche_pipeline::prepare(raw, &opts).ok())
                    .collect::<Vec<_>>()
            },
            BatchSize::LargeInput,
        )
    });

    let cleaned: Vec<Document> = raws
        .iter()
        .filter_map(|raw| demarche_pipeline::prepare(raw.clone(), &opts).ok())
        .collect();
    let mut lister = Select::before(0);
    let _ = demarche_pipeline::process_observed(
        Document::default(),
        kb,
        SyntaxModel::default(),
        &mut lister,
    );
    for (k, name) in lister.names.iter().enumerate() {
        let ready: Vec<Document> = cleaned
            .iter()
            .map(|doc| {
                demarche_pipeline::process_observed(
                    doc.clone(),
                    kb,
                    SyntaxModel::default(),
                    &mut Select::before(k),
                )
            })
            .collect();
        group.bench_function(*name, |b| {
            b.iter_batched(
                || ready.clone(),
                |docs| {
                    docs.into_iter()
                        .map(|doc| {
                            demarche_pipeline::process_observed(
                                doc,
                                kb,
                                SyntaxModel::default(),
                                &mut Select::only(k),
                            )
                        })
                        .collect::<Vec<_>>()
                },
                BatchSize::LargeInput,
            )
        });
    }

    let done: Vec<Document> = cleaned
        .into_iter()
        .map(|doc| demarche_pipeline::process(doc, kb))
        .collect();
    group.bench_function("record", |b| {
        b.iter(|| done.iter().map(Record::from_document).collect::<Vec<_>>())
    });
    let records: Vec<Record> = done.iter().map(Record::from_document).collect();
    group.bench_function("json", |b| {
        let mut out = Vec::with_capacity(1 << 24);
        b.iter(|| {
            out.clear();
            for r in &records {
                serde_json::to_writer(&mut out, r).expect("writing to memory");
                out.push(b'\n');
            }
            out.len()
        })
    });
    group.finish();
}

fn end_to_end(c: &mut Criterion) {
    let (raws, _) = corpus();
    let bytes = text_bytes(&raws);
    let mut group = c.benchmark_group("end_to_end");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));

    let opts = Options::default();
    group.bench_function("process_raw", |b| {
        b.iter_batched(
            || raws.clone(),
            |raws| {
                raws.into_iter()
                    .filter_map(|raw| demarche_pipeline::process_raw(raw, &opts).ok())
                    .count()
            },
            BatchSize::LargeInput,
        )
    });

    let input = write_jsonl(&raws);
    let paths = [input.to_string_lossy().into_owned()];
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut counts = vec![1];
    if cores > 1 {
        counts.push(cores);
    }
    for threads in counts {
        let opts = Options {
            threads,
            ..Options::default()
        };
        group.bench_function(format!("run/{threads}"), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(1 << 24);
                demarche_pipeline::run(&paths, &opts, |item| {
                    if let Ok(record) = item {
                        serde_json::to_writer(&mut out, &record)?;
                        out.push(b'\n');
                    }
                    Ok(())
                })
                .expect("the corpus was readable once already")
            })
        });
    }
    group.finish();
    let _ = std::fs::remove_file(input);
}

/// The corpus as a JSON Lines file for `run`, in the system's temporary folder.
fn write_jsonl(raws: &[RawDoc]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("demarche-bench-{}.jsonl", std::process::id()));
    let mut lines = String::new();
    for raw in raws {
        if let Body::Text(text) = &raw.body {
            let line = serde_json::json!({ "id": raw.origin, "text": text });
            lines.push_str(&line.to_string());
            lines.push('\n');
        }
    }
    std::fs::write(&path, lines).expect("writing to the temporary folder");
    path
}

criterion_group!(benches, stages, end_to_end);
criterion_main!(benches);
