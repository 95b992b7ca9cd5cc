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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if cli.data.is_some() {
        demarche_model::data::set_override_dir(cli.data.clone());
    }
    let result = match cli.command {
        Command::Extract(args) => commands::extract::run(args),
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
