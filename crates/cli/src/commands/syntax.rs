//! `demarche parse` and `demarche train-syntax`: the tagger and dependency
//! parser on their own, reading and writing CoNLL-U.

use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::Args;
use demarche_model::Document;
use demarche_syntax::{conllu, Model, TrainOptions};

#[derive(Args, Debug)]
pub struct ParseArgs {
    /// CoNLL-U input (`-` for standard input): its words and sentences are kept,
    /// UPOS, XPOS, HEAD and DEPREL are replaced by predictions.
    #[arg(long, value_name = "FILE", conflicts_with = "input")]
    pub conllu: Option<PathBuf>,
    /// Plain text input (`-` for standard input), split into sentences and
    /// tokens by the text stage.
    #[arg(value_name = "FILE")]
    pub input: Option<PathBuf>,
    /// A model file to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// Use the built-in fast model (the one `extract` runs) instead of the accurate one.
    #[arg(long, conflicts_with = "model")]
    pub fast: bool,
    /// Write here instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Args, Debug)]
pub struct TrainSyntaxArgs {
    /// Training treebank (CoNLL-U), e.g. UD English EWT train.
    #[arg(long, value_name = "FILE")]
    pub train: PathBuf,
    /// Development treebank (CoNLL-U): scores are printed after every epoch
    /// and the parser epoch with the best LAS is kept.
    #[arg(long, value_name = "FILE")]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long, value_name = "FILE", default_value = "data/models/syntax.bin")]
    pub out: PathBuf,
    /// Seed for the order of training sentences and the oracle's exploration.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    #[arg(long, default_value_t = 6)]
    pub tagger_epochs: usize,
    #[arg(long, default_value_t = 15)]
    pub parser_epochs: usize,
    /// Folds for jackknifed training tags (1 = none, faster but worse).
    #[arg(long, default_value_t = 4)]
    pub folds: usize,
    /// Drop quantised weights of this magnitude or less (in units of the
    /// largest weight / 32767): 200 keeps the EWT model under 30 MB.
    #[arg(long, default_value_t = 200)]
    pub prune: i16,
    /// Keep the trained tagger and the jackknifed training tags in this file
    /// and reuse them when it exists: parser experiments then skip tagger
    /// training. Delete it when the treebank, seed or tagger options change.
    #[arg(long, value_name = "FILE")]
    pub tag_cache: Option<PathBuf>,
    /// Beam width of the parser (1: greedy with the dynamic oracle; more:
    /// global training with beam search, and the model then decodes with
    /// that beam: more accurate, several times slower).
    #[arg(long, default_value_t = 1)]
    pub beam: usize,
    /// Direction of the tagger's first pass; the second pass reads left to
    /// right and sees the first pass's tags on both sides.
    #[arg(long, value_enum, default_value_t = Direction::RightToLeft)]
    pub first_pass: Direction,
    /// Train this many parsers with different seeds (two at a time, one
    /// per core) and keep the mean of their weights: scoring with the mean
    /// is scoring with all of them at once, at the speed of one.
    #[arg(long, default_value_t = 8)]
    pub parser_runs: usize,
    /// The same for each pass of the tagger, in jackknifing too (one after
    /// the other: the tagger trains fast).
    #[arg(long, default_value_t = 4)]
    pub tagger_runs: usize,
    /// Train the fast model the pipeline runs (data/models/syntax-fast.bin):
    /// a tagger of one pass and a parser with a third of the feature
    /// templates, about three times faster and a few points less accurate.
    #[arg(long)]
    pub fast: bool,
    /// Train a tagger that does not read the word classes of the English
    /// dictionary compiled into the binary (data/lexicon/wordnet.tsv).
    #[arg(long)]
    pub no_english_lexicon: bool,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    RightToLeft,
    LeftToRight,
}

fn open_input(path: &PathBuf) -> anyhow::Result<(Box<dyn BufRead>, String)> {
    if path.as_os_str() == "-" {
        return Ok((
            Box::new(BufReader::new(std::io::stdin())),
            "<stdin>".to_string(),
        ));
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    Ok((Box::new(BufReader::new(file)), path.display().to_string()))
}

fn open_output(path: &Option<PathBuf>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(p) => Box::new(BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        )),
        None => Box::new(BufWriter::new(std::io::stdout())),
    })
}

pub fn run_parse(args: ParseArgs) -> anyhow::Result<i32> {
    let loaded;
    let model = match &args.model {
        Some(p) => {
            loaded = Model::load(p).map_err(anyhow::Error::msg)?;
            &loaded
        }
        None if args.fast => Model::embedded_fast(),
        None => Model::embedded(),
    };
    let mut out = open_output(&args.output)?;
    if let Some(path) = &args.conllu {
        let (input, name) = open_input(path)?;
        conllu::annotate_stream(model, conllu::Reader::new(input, name), &mut out)
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        return Ok(0);
    }
    let Some(path) = &args.input else {
        bail!("give a plain text FILE (or `-`), or --conllu FILE");
    };
    let (mut input, name) = open_input(path)?;
    let mut raw = String::new();
    input
        .read_to_string(&mut raw)
        .with_context(|| format!("cannot read {name} as UTF-8 text"))?;
    let cleaned = demarche_text::clean(&raw, None);
    let mut doc = Document::new(name, cleaned.text);
    demarche_text::analyse(&mut doc);
    for s in 0..doc.sentences.len() {
        let words: Vec<&str> = doc
            .sentence_tokens(s)
            .iter()
            .map(|t| t.span.of(&doc.text))
            .collect();
        if words.is_empty() {
            continue;
        }
        let analysis = model.analyse(&words);
        writeln!(out, "# sent_id = {}", s + 1)?;
        conllu::write_analysis(
            &mut out,
            model,
            &words,
            &analysis,
            Some(doc.slice(doc.sentences[s].span)),
        )?;
    }
    out.flush()?;
    Ok(0)
}

pub fn run_train(args: TrainSyntaxArgs) -> anyhow::Result<i32> {
    let mut opts = TrainOptions::new(args.train, args.dev, args.out);
    opts.seed = args.seed;
    opts.tagger_epochs = args.tagger_epochs;
    opts.parser_epochs = args.parser_epochs;
    opts.folds = args.folds;
    opts.prune = args.prune;
    opts.tag_cache = args.tag_cache;
    opts.beam = args.beam.max(1);
    opts.reverse_first = args.first_pass == Direction::RightToLeft;
    opts.parser_runs = args.parser_runs.max(1);
    opts.tagger_runs = args.tagger_runs.max(1);
    opts.fast = args.fast;
    opts.english = !args.no_english_lexicon;
    let report = demarche_syntax::train(&opts, &mut |line| eprintln!("{line}"))
        .map_err(anyhow::Error::msg)?;
    println!("relation        gold  pred  precision recall  F1   (dev, head and full label right)");
    for r in &report.dev.relations {
        println!(
            "{:<14} {:>5} {:>5}  {:>8.1} {:>6.1} {:>5.1}",
            r.name,
            r.gold,
            r.predicted,
            100.0 * r.precision(),
            100.0 * r.recall(),
            100.0 * r.f1()
        );
    }
    println!(
        "dev: UPOS {:.2}%  UAS {:.2}%  LAS {:.2}%  ({} bytes, {:.0} s)",
        100.0 * report.dev.upos,
        100.0 * report.dev.uas,
        100.0 * report.dev.las,
        report.model_bytes,
        report.seconds
    );
    Ok(0)
}
