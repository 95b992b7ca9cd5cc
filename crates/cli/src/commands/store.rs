//! The store commands: `ingest`, `quotes`, `events`, `actors`, `search`,
//! `stats`, `timeline`, `export`.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use demarche_model::Record;
use demarche_store::{
    rows::write_csv, ActorFilter, EventFilter, ExportFormat, InsertOutcome, Period, QuoteFilter,
    SearchQuery, Store, Tabular, TimelineQuery,
};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The store file, shared by every store command.
#[derive(Args, Debug, Clone)]
pub struct DbArg {
    /// The store file (SQLite).
    #[arg(long, env = "DEMARCHE_DB", default_value = demarche_store::DEFAULT_PATH, value_name = "PATH")]
    pub db: PathBuf,
}

impl DbArg {
    fn open_read_only(&self) -> anyhow::Result<Store> {
        Ok(Store::open_read_only(&self.db)?)
    }
}

/// How query results are printed.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputFormat {
    /// Aligned columns, long cells cut (default on a terminal).
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line (default when piped).
    Jsonl,
    /// Comma-separated, with a header line.
    Csv,
}

#[derive(Args, Debug, Clone)]
pub struct FormatArg {
    /// Output format [default: table on a terminal, jsonl otherwise].
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,
}

impl FormatArg {
    fn resolve(&self) -> OutputFormat {
        self.format.unwrap_or(if std::io::stdout().is_terminal() {
            OutputFormat::Table
        } else {
            OutputFormat::Jsonl
        })
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

fn date_arg(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

// ---------------------------------------------------------------- ingest

#[derive(Args, Debug)]
pub struct IngestArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Files, folders or `-`, as for `extract`; with --records, JSON Lines of records.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<String>,
    /// The inputs are records already extracted (`demarche extract` output): store them as they are.
    #[arg(long)]
    pub records: bool,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Worker threads for extraction (default: all cores).
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Extra actors (people, organisations, places) in the data/actors format, added to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<PathBuf>,
    /// Documents written per transaction.
    #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub batch: u32,
    /// Parse with the accurate syntax model, as `extract --accurate-syntax` does.
    #[arg(long)]
    pub accurate_syntax: bool,
}

#[derive(Default)]
struct IngestCounts {
    new: u64,
    skipped: u64,
    duplicates: u64,
    /// Stored in their own right, as a copy of an earlier document.
    near_duplicates: u64,
    failed: u64,
    quotes: u64,
    events: u64,
}

/// Batches records into transactions and counts what they did.
struct Ingester {
    store: Store,
    pending: Vec<Record>,
    batch: usize,
    counts: IngestCounts,
    progress: ProgressBar,
}

impl Ingester {
    fn push(&mut self, record: Record) -> anyhow::Result<()> {
        self.pending.push(record);
        if self.pending.len() >= self.batch {
            self.flush()?;
        }
        Ok(())
    }

    fn fail(&mut self, message: impl std::fmt::Display) {
        self.counts.failed += 1;
        self.progress.suspend(|| eprintln!("demarche: {message}"));
    }

    fn flush(&mut self) -> anyhow::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let outcomes = self
            .store
            .insert_batch(&self.pending)
            .context("writing to the store")?;
        for (record, outcome) in self.pending.iter().zip(outcomes) {
            match outcome {
                InsertOutcome::New | InsertOutcome::NearDuplicate => {
                    self.counts.new += 1;
                    self.counts.near_duplicates += (outcome == InsertOutcome::NearDuplicate) as u64;
                    self.counts.quotes += record.quotes.len() as u64;
                    self.counts.events += record.events.len() as u64;
                }
                InsertOutcome::Skipped => self.counts.skipped += 1,
                InsertOutcome::DuplicateMention => self.counts.duplicates += 1,
            }
        }
        self.progress.inc(self.pending.len() as u64);
        let c = &self.counts;
        self.progress.set_message(format!(
            "{} new, {} skipped, {} failed",
            c.new, c.skipped, c.failed
        ));
        self.pending.clear();
        Ok(())
    }
}

impl IngestArgs {
    /// Exit code 0 when every input was stored, 1 when some failed (each reported on stderr).
    pub fn run(self) -> anyhow::Result<i32> {
        let started = Instant::now();
        let store = Store::open(&self.db.db)?;
        let progress = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {pos} documents ({per_sec}) {msg} [{elapsed}]",
                )
                .expect("valid template"),
            );
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden())
        };
        let mut ingester = Ingester {
            store,
            pending: Vec::new(),
            batch: self.batch as usize,
            counts: IngestCounts::default(),
            progress,
        };
        if self.records {
            for path in &self.paths {
                read_records(path, &mut ingester)?;
            }
        } else {
            let opts = demarche_pipeline::Options {
                threads: self.threads,
                published: self.published,
                actors: super::extract::load_actors(self.actors.as_deref())?,
                syntax: super::extract::syntax_model(self.accurate_syntax),
            };
            demarche_pipeline::run(&self.paths, &opts, |item| match item {
                Ok(record) => ingester.push(record),
                Err(e) => {
                    ingester.fail(e);
                    Ok(())
                }
            })?;
        }
        ingester.flush()?;
        ingester.progress.finish_and_clear();
        ingester.store.optimize()?;
        let c = &ingester.counts;
        eprintln!(
            "ingest: {} new ({} near-duplicates), {} skipped, {} duplicate mentions, {} failed; {} quotes, {} events; {:.1} s ({})",
            c.new,
            c.near_duplicates,
            c.skipped,
            c.duplicates,
            c.failed,
            c.quotes,
            c.events,
            started.elapsed().as_secs_f64(),
            self.db.db.display()
        );
        Ok(if c.failed > 0 { 1 } else { 0 })
    }
}

/// Reads a JSON Lines file of records (`-` for stdin); a bad line is reported and counted.
fn read_records(path: &str, ingester: &mut Ingester) -> anyhow::Result<()> {
    let reader: Box<dyn BufRead> = if path == "-" {
        Box::new(BufReader::new(std::io::stdin().lock()))
    } else {
        Box::new(BufReader::new(
            File::open(path).with_context(|| format!("cannot open {path}"))?,
        ))
    };
    for (n, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("reading {path}"))?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(&line) {
            Ok(record) if record.schema == demarche_model::record::SCHEMA => {
                ingester.push(record)?
            }
            Ok(record) => ingester.fail(format!(
                "{path}:{}: unknown record schema {:?}",
                n + 1,
                record.schema
            )),
            Err(e) => ingester.fail(format!("{path}:{}: not a demarche record: {e}", n + 1)),
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- queries

#[derive(Args, Debug)]
pub struct QuotesArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Part of the speaker's name (case-insensitive).
    #[arg(long)]
    pub speaker: Option<String>,
    /// Speaker actor code prefix (RUS matches RUSGOV).
    #[arg(long, value_name = "CODE")]
    pub actor: Option<String>,
    /// Words the quote must contain.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

impl QuotesArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let filter = QuoteFilter {
            speaker: self.speaker,
            actor: self.actor,
            search: self.search,
            since: date_arg(self.since),
            until: date_arg(self.until),
            limit: Some(self.limit),
            offset: Some(self.offset),
        };
        let rows = self.db.open_read_only()?.quotes(&filter)?;
        print_rows(&rows, self.format.resolve())
    }
}

#[derive(Args, Debug)]
pub struct EventsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Source actor code prefix (RUS matches RUSGOV).
    #[arg(long, value_name = "CODE")]
    pub source: Option<String>,
    /// Target actor code prefix.
    #[arg(long, value_name = "CODE")]
    pub target: Option<String>,
    /// Two-digit CAMEO root.
    #[arg(long, value_name = "RR")]
    pub root: Option<String>,
    /// CAMEO code prefix (11 matches 111 and 112).
    #[arg(long, value_name = "CODE")]
    pub cameo: Option<String>,
    /// asserted, negated, hypothetical, threatened, requested or reported.
    #[arg(long)]
    pub mode: Option<String>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

impl EventsArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let filter = EventFilter {
            source: self.source,
            target: self.target,
            root: self.root,
            cameo: self.cameo,
            mode: self.mode,
            since: date_arg(self.since),
            until: date_arg(self.until),
            limit: Some(self.limit),
            offset: Some(self.offset),
        };
        let rows = self.db.open_read_only()?.events(&filter)?;
        print_rows(&rows, self.format.resolve())
    }
}

#[derive(Args, Debug)]
pub struct ActorsArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Part of the name, id or code.
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    #[arg(long, default_value_t = 100)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

impl ActorsArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let filter = ActorFilter {
            search: self.search,
            limit: Some(self.limit),
            offset: Some(self.offset),
        };
        let rows = self.db.open_read_only()?.actors(&filter)?;
        print_rows(&rows, self.format.resolve())
    }
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Words (all required), "quoted phrases", word* for a prefix.
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    #[command(flatten)]
    pub format: FormatArg,
}

impl SearchArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let q = SearchQuery {
            q: self.query.join(" "),
            limit: Some(self.limit),
            offset: Some(self.offset),
        };
        let rows = self.db.open_read_only()?.search(&q)?;
        print_rows(&rows, self.format.resolve())
    }
}

#[derive(Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[command(flatten)]
    pub format: FormatArg,
}

impl StatsArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let stats = self.db.open_read_only()?.stats()?;
        let mut out = std::io::stdout().lock();
        match self.format.resolve() {
            OutputFormat::Table => {
                for (name, value) in demarche_store::Stats::columns().iter().zip(stats.cells()) {
                    writeln!(out, "{name:<15} {value}")?;
                }
            }
            OutputFormat::Json | OutputFormat::Jsonl => {
                writeln!(out, "{}", serde_json::to_string(&stats)?)?
            }
            OutputFormat::Csv => write_csv(std::slice::from_ref(&stats), &mut out)?,
        }
        Ok(0)
    }
}

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum PeriodArg {
    Week,
    Month,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Source actor code prefix.
    pub source: String,
    /// Target actor code prefix.
    pub target: String,
    #[arg(long, value_enum, default_value = "month")]
    pub by: PeriodArg,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub since: Option<NaiveDate>,
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub until: Option<NaiveDate>,
    #[command(flatten)]
    pub format: FormatArg,
}

impl TimelineArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let q = TimelineQuery {
            source: self.source,
            target: self.target,
            by: match self.by {
                PeriodArg::Week => Period::Week,
                PeriodArg::Month => Period::Month,
            },
            since: date_arg(self.since),
            until: date_arg(self.until),
        };
        let rows = self.db.open_read_only()?.timeline(&q)?;
        print_rows(&rows, self.format.resolve())
    }
}

// ---------------------------------------------------------------- export

#[derive(ValueEnum, Clone, Copy, Debug)]
pub enum ExportFormatArg {
    /// GDELT 2.0 event rows: 61 tab-separated columns, no header.
    Gdelt,
    /// One row per event, with a header.
    Csv,
    /// The stored document records, one per line.
    Jsonl,
    /// One row per event, typed columns.
    Parquet,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[command(flatten)]
    pub db: DbArg,
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,
    /// Output file (default: standard output). Written whole or not at all.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl ExportArgs {
    pub fn run(self) -> anyhow::Result<i32> {
        let format = match self.format {
            ExportFormatArg::Gdelt => ExportFormat::Gdelt,
            ExportFormatArg::Csv => ExportFormat::Csv,
            ExportFormatArg::Jsonl => ExportFormat::Jsonl,
            ExportFormatArg::Parquet => ExportFormat::Parquet,
        };
        if !format.available() {
            bail!("this demarche was built without Parquet support (cargo feature `parquet`)");
        }
        let store = self.db.open_read_only()?;
        let started = Instant::now();
        let rows = match &self.out {
            Some(path) => export_to_file(&store, format, path)?,
            None => {
                if format.is_binary() && std::io::stdout().is_terminal() {
                    bail!("Parquet is binary: give --out FILE or redirect standard output");
                }
                store.export(format, BufWriter::with_capacity(1 << 16, std::io::stdout()))?
            }
        };
        let what = if matches!(format, ExportFormat::Jsonl) {
            "documents"
        } else {
            "events"
        };
        eprintln!(
            "export: {rows} {what} in {:.1} s",
            started.elapsed().as_secs_f64()
        );
        Ok(0)
    }
}

/// Writes beside `path` and renames at the end, so a failed export leaves no half file.
fn export_to_file(store: &Store, format: ExportFormat, path: &Path) -> anyhow::Result<u64> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = PathBuf::from(partial);
    let file =
        File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
    let result = store.export(format, BufWriter::with_capacity(1 << 16, file));
    match result {
        Ok(rows) => {
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(rows)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e.into())
        }
    }
}

// ---------------------------------------------------------------- output

/// Longest cell shown in a table; the rest is cut with an ellipsis.
const TABLE_CELL_MAX: usize = 60;

fn print_rows<T: Tabular>(rows: &[T], format: OutputFormat) -> anyhow::Result<i32> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    match format {
        OutputFormat::Json => {
            serde_json::to_writer_pretty(&mut out, rows)?;
            writeln!(out)?;
        }
        OutputFormat::Jsonl => {
            for row in rows {
                serde_json::to_writer(&mut out, row)?;
                writeln!(out)?;
            }
        }
        OutputFormat::Csv => write_csv(rows, &mut out)?,
        OutputFormat::Table => write_table(rows, &mut out)?,
    }
    out.flush()?;
    Ok(0)
}

fn write_table<T: Tabular>(rows: &[T], out: &mut impl Write) -> anyhow::Result<()> {
    if rows.is_empty() {
        eprintln!("(no rows)");
        return Ok(());
    }
    let all = T::columns();
    let shown: Vec<usize> = T::table_columns()
        .iter()
        .filter_map(|name| all.iter().position(|c| c == name))
        .collect();
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let cells = row.cells();
            shown.iter().map(|&i| cut(&cells[i])).collect()
        })
        .collect();
    let headers: Vec<String> = shown.iter().map(|&i| all[i].to_uppercase()).collect();
    let widths: Vec<usize> = (0..shown.len())
        .map(|c| {
            cells
                .iter()
                .map(|r| r[c].chars().count())
                .chain([headers[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    for line in std::iter::once(&headers).chain(&cells) {
        let padded: Vec<String> = line
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}", w = *w))
            .collect();
        writeln!(out, "{}", padded.join("  ").trim_end())?;
    }
    Ok(())
}

/// One line, at most TABLE_CELL_MAX characters.
fn cut(cell: &str) -> String {
    let one_line: String = cell
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if one_line.chars().count() <= TABLE_CELL_MAX {
        return one_line;
    }
    let mut s: String = one_line.chars().take(TABLE_CELL_MAX - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_cells_are_cut_to_one_line() {
        assert_eq!(cut("a\nb"), "a b");
        let long = "x".repeat(100);
        assert_eq!(cut(&long).chars().count(), TABLE_CELL_MAX);
        assert!(cut(&long).ends_with('…'));
    }
}
