//! `demarche extract`: articles in, one JSON record per document out.

use std::io::{BufWriter, Write};

use anyhow::Context;
use chrono::NaiveDate;
use clap::Args;
use demarche_pipeline::Options;

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Files, folders (read recursively, in sorted order) or `-` for standard input.
    /// Plain text, JSON Lines (.jsonl/.ndjson), HTML; any of them gzipped.
    #[arg(value_name = "PATH", default_value = "-")]
    pub paths: Vec<String>,
    /// Publication date for documents that carry none (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub published: Option<NaiveDate>,
    /// Worker threads (default: all cores). Output keeps input order.
    #[arg(long, default_value_t = 0)]
    pub threads: usize,
    /// Extra actors (people, organisations, places) in the data/actors format, added to the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub actors: Option<std::path::PathBuf>,
    /// Indented JSON for reading by eye (one record per block instead of per line).
    #[arg(long)]
    pub pretty: bool,
    /// Parse with the accurate syntax model of `demarche parse` instead of
    /// the fast one: about twice as slow, quotes and events a few thousandths
    /// of F1 better on the graders (BENCHMARKS.md).
    #[arg(long)]
    pub accurate_syntax: bool,
}

/// The syntax model a command's `--accurate-syntax` flag asks for.
pub fn syntax_model(accurate: bool) -> demarche_pipeline::SyntaxModel {
    if accurate {
        demarche_pipeline::SyntaxModel::Accurate
    } else {
        demarche_pipeline::SyntaxModel::Fast
    }
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("{s:?} is not a date in the form YYYY-MM-DD"))
}

/// Exit code 0 when every input was read, 1 when some failed (each reported on stderr).
pub fn run(args: ExtractArgs) -> anyhow::Result<i32> {
    let opts = Options {
        threads: args.threads,
        published: args.published,
        actors: load_actors(args.actors.as_deref())?,
        syntax: syntax_model(args.accurate_syntax),
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let summary = demarche_pipeline::run(&args.paths, &opts, |item| {
        match item {
            Ok(record) => {
                if args.pretty {
                    serde_json::to_writer_pretty(&mut out, &record)?;
                } else {
                    serde_json::to_writer(&mut out, &record)?;
                }
                out.write_all(b"\n")?;
            }
            Err(e) => {
                out.flush()?;
                eprintln!("demarche: {e}");
            }
        }
        Ok(())
    })?;
    out.flush().context("writing the records")?;
    Ok(if summary.failed > 0 { 1 } else { 0 })
}

/// The built-in actor knowledge extended with the user's file, when one is given.
pub fn load_actors(
    path: Option<&std::path::Path>,
) -> anyhow::Result<Option<std::sync::Arc<demarche_actors::ActorKb>>> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read", path.display()))?;
    let kb = demarche_actors::ActorKb::with_extra(&text)
        .with_context(|| format!("{}", path.display()))?;
    Ok(Some(std::sync::Arc::new(kb)))
}
