//! `demarche`: one binary, one subcommand per job.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod commands;

#[derive(Parser)]
#[command(
    name = "demarche",
    version,
    about = "Who said what, who did what to whom, and when: structured records from news articles."
)]
struct Cli {
    /// A folder laid out like data/ whose files replace the built-in ones (also DEMARCHE_DATA).
    #[arg(long, global = true, value_name = "DIR")]
    data: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes one JSON record per document (schema demarche.document/1) to stdout.
    Extract(commands::extract::ExtractArgs),
    /// Tags and parses CoNLL-U (keeping its tokens) or plain text; writes CoNLL-U.
    Parse(commands::syntax::ParseArgs),
    /// Trains the tagger and parser on UD treebanks (CoNLL-U) and writes the model file.
    TrainSyntax(commands::syntax::TrainSyntaxArgs),
    /// Measures throughput on a corpus: per stage, end to end with 1 and N threads.
    Bench(commands::bench::BenchArgs),
    /// Extracts records and keeps them in the store (SQLite); re-running skips what is stored.
    Ingest(commands::store::IngestArgs),
    /// Quotes in the store, by speaker, actor code, words or date.
    Quotes(commands::store::QuotesArgs),
    /// Events in the store, by actor codes (prefixes), CAMEO code, mode or date.
    Events(commands::store::EventsArgs),
    /// Actors in the store, most mentioned first.
    Actors(commands::store::ActorsArgs),
    /// Full-text search over stored documents and quotes.
    Search(commands::store::SearchArgs),
    /// What the store holds.
    Stats(commands::store::StatsArgs),
    /// Events from one actor to another per week or month: counts, Goldstein, quad classes.
    Timeline(commands::store::TimelineArgs),
    /// Writes the store out as GDELT 2.0 event rows, CSV, JSON Lines or Parquet.
    Export(commands::store::ExportArgs),
    /// Serves the store as a read-only JSON API (loopback by default).
    Serve(commands::serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.data.is_some() {
        demarche_model::data::set_override_dir(cli.data.clone());
    }
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(args),
        Command::Parse(args) => commands::syntax::run_parse(args),
        Command::TrainSyntax(args) => commands::syntax::run_train(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Ingest(args) => args.run(),
        Command::Quotes(args) => args.run(),
        Command::Events(args) => args.run(),
        Command::Actors(args) => args.run(),
        Command::Search(args) => args.run(),
        Command::Stats(args) => args.run(),
        Command::Timeline(args) => args.run(),
        Command::Export(args) => args.run(),
        Command::Serve(args) => args.run(),
    };
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("demarche: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// `demarche extract … | head` closes the pipe early: that is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
