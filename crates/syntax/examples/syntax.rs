//! Developer entry point before the CLI is wired:
//!   cargo run --release -p demarche-syntax --example syntax -- train TRAIN DEV OUT [seed]
//!   cargo run --release -p demarche-syntax --example syntax -- eval MODEL GOLD
//!   cargo run --release -p demarche-syntax --example syntax -- bench MODEL GOLD
//!   cargo run --release -p demarche-syntax --example syntax -- prune MODEL OUT MIN_ABS GOLD

use std::path::PathBuf;

use demarche_syntax::{conllu, evaluate, train, Model, TrainOptions};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("train") if args.len() >= 4 => {
            let mut opts = TrainOptions::new(
                args[1].clone().into(),
                args[2].clone().into(),
                args[3].clone().into(),
            );
            if let Some(seed) = args.get(4).and_then(|s| s.parse().ok()) {
                opts.seed = seed;
            }
            if let Ok(e) = std::env::var("PARSER_EPOCHS") {
                opts.parser_epochs = e.parse().unwrap_or(opts.parser_epochs);
            }
            if let Ok(e) = std::env::var("TAGGER_EPOCHS") {
                opts.tagger_epochs = e.parse().unwrap_or(opts.tagger_epochs);
            }
            if let Ok(e) = std::env::var("FOLDS") {
                opts.folds = e.parse().unwrap_or(opts.folds);
            }
            if let Ok(p) = std::env::var("TAG_CACHE") {
                opts.tag_cache = Some(p.into());
            }
            if let Ok(e) = std::env::var("PRUNE") {
                opts.prune = e.parse().unwrap_or(opts.prune);
            }
            train(&opts, &mut |line| eprintln!("{line}")).map(|r| {
                for rel in &r.dev.relations {
                    println!(
                        "{:<14} gold {:>5} pred {:>5} P {:.1} R {:.1} F1 {:.1}",
                        rel.name,
                        rel.gold,
                        rel.predicted,
                        100.0 * rel.precision(),
                        100.0 * rel.recall(),
                        100.0 * rel.f1()
                    );
                }
            })
        }
        Some("eval") if args.len() >= 3 => Model::load(&PathBuf::from(&args[1])).and_then(|m| {
            let gold = conllu::read_all(&PathBuf::from(&args[2])).map_err(|e| e.to_string())?;
            let s = evaluate(&m, &gold);
            println!(
                "UPOS {:.2} UAS {:.2} LAS {:.2}",
                100.0 * s.upos,
                100.0 * s.uas,
                100.0 * s.las
            );
            Ok(())
        }),
        Some("parse") if args.len() >= 3 => Model::load(&PathBuf::from(&args[1])).and_then(|m| {
            let input = conllu::open(&PathBuf::from(&args[2])).map_err(|e| e.to_string())?;
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            conllu::annotate_stream(&m, input, &mut out)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }),
        Some("prune") if args.len() >= 5 => Model::load(&PathBuf::from(&args[1])).and_then(|m| {
            let min_abs: i16 = args[3].parse().map_err(|_| "bad threshold".to_string())?;
            let gold = conllu::read_all(&PathBuf::from(&args[4])).map_err(|e| e.to_string())?;
            let pruned = m.pruned(min_abs);
            let s = evaluate(&pruned, &gold);
            println!(
                "UPOS {:.2} UAS {:.2} LAS {:.2}",
                100.0 * s.upos,
                100.0 * s.uas,
                100.0 * s.las
            );
            pruned.save(&PathBuf::from(&args[2]))
        }),
        Some("bench") if args.len() >= 3 => std::fs::read(&args[1])
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                let gold = conllu::read_all(&PathBuf::from(&args[2])).map_err(|e| e.to_string())?;
                let t = demarche_syntax::bench::measure(&bytes, &gold, 3)?;
                println!("{t:?}");
                Ok(())
            }),
        _ => Err(
            "usage: syntax train TRAIN DEV OUT [seed] | eval MODEL GOLD | bench MODEL GOLD".into(),
        ),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}
