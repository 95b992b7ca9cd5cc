//! Training from CoNLL-U treebanks, and scoring against gold.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Instant;

use demarche_model::{Deprel, Upos};

use crate::beam::BeamTrainStep;
use crate::conllu::{self, Sentence};
use crate::hash::Rng;
use crate::model::Model;
use crate::parser::{views, Parser, Templates, TokenView, TrainStep, N_ACTIONS};
use crate::tagger::{self, Tag, TagExample, TagScratch, Tagger};
use crate::weights::{KeyMap, Table, TrainWeights};
use crate::words::{mark_style, WordFeats};

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub train: PathBuf,
    pub dev: PathBuf,
    pub out: PathBuf,
    pub seed: u64,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags; 1 skips jackknifing (quick experiments only:
    /// the parser then trains on over-accurate tags).
    pub folds: usize,
    /// Quantised weights with magnitude at most this are dropped before saving.
    pub prune: i16,
    /// Where to keep the trained tagger and the jackknifed training tags, so
    /// that parser experiments can skip tagger training (read when present,
    /// written otherwise). Only valid for the same treebank, seed and tagger options.
    pub tag_cache: Option<PathBuf>,
    /// Beam width the parser is trained and decoded with (1: greedy, trained
    /// with the dynamic oracle; more: global training with max-violation updates).
    pub beam: usize,
    /// The tagger's first pass reads right to left.
    pub reverse_first: bool,
    /// Parsers trained with different seeds, whose mean weights are shipped.
    pub parser_runs: usize,
    /// The same for each pass of the tagger.
    pub tagger_runs: usize,
    /// The fast model: a tagger of one pass, and a parser with the lean
    /// template set trained on that pass's tags.
    pub fast: bool,
    /// The tagger reads the word classes of an English dictionary
    /// (`data/lexicon/wordnet.tsv`).
    pub english: bool,
}

impl TrainOptions {
    fn templates(&self) -> Templates {
        if self.fast {
            Templates::Lean
        } else {
            Templates::Full
        }
    }

    pub fn new(train: PathBuf, dev: PathBuf, out: PathBuf) -> Self {
        TrainOptions {
            train,
            dev,
            out,
            seed: 1,
            tagger_epochs: 6,
            parser_epochs: 15,
            folds: 4,
            prune: 200,
            tag_cache: None,
            beam: 1,
            reverse_first: true,
            parser_runs: 8,
            tagger_runs: 4,
            english: true,
            fast: false,
        }
    }
}

/// Attachment scores of one relation on the dev set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationScore {
    pub name: String,
    pub gold: usize,
    pub predicted: usize,
    /// Right head and right relation.
    pub correct: usize,
}

impl RelationScore {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// UPOS accuracy, UAS and LAS (relations compared on their universal part, as the
/// CoNLL 2018 shared task does), plus per-relation scores on full labels.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub uas: f64,
    pub las: f64,
    pub relations: Vec<RelationScore>,
}

#[derive(Clone, Debug)]
pub struct TrainReport {
    pub dev: Scores,
    pub best_epoch: usize,
    pub model_bytes: usize,
    pub seconds: f64,
}

/// Compares `model`'s output with the gold sentences.
pub fn evaluate(model: &Model, gold: &[Sentence]) -> Scores {
    let mut n = 0;
    let (mut upos, mut uas, mut las) = (0, 0, 0);
    let mut rel: BTreeMap<String, RelationScore> = BTreeMap::new();
    for sent in gold {
        let forms = sent.forms();
        let a = model.analyse(&forms);
        for (i, w) in sent.words.iter().enumerate() {
            n += 1;
            let tag = &model.tags()[a.tags[i] as usize];
            upos += usize::from(tag.upos.name() == w.upos);
            let head_ok = w.head_index() == Some(a.head[i] as usize);
            let gold_rel = Deprel::from_name(&w.deprel);
            let pred_rel = a.deprel[i];
            if head_ok {
                uas += 1;
                las += usize::from(gold_rel.base() == pred_rel.base());
            }
            let g = rel.entry(gold_rel.name().to_string()).or_default();
            g.gold += 1;
            g.correct += usize::from(head_ok && gold_rel == pred_rel);
            rel.entry(pred_rel.name().to_string())
                .or_default()
                .predicted += 1;
        }
    }
    let relations = rel
        .into_iter()
        .map(|(name, mut r)| {
            r.name = name;
            r
        })
        .collect();
    Scores {
        words: n,
        upos: ratio(upos, n),
        uas: ratio(uas, n),
        las: ratio(las, n),
        relations,
    }
}

/// One training sentence in the form the learners use.
struct Example {
    tag: TagExample,
    head: Vec<u16>,
    label: Vec<u8>,
}

fn tag_set(sents: &[Sentence], file: &str) -> Result<Vec<Tag>, String> {
    let mut counts: BTreeMap<(usize, String), usize> = BTreeMap::new();
    for s in sents {
        for (i, w) in s.words.iter().enumerate() {
            let upos = Upos::from_name(&w.upos).ok_or_else(|| {
                format!(
                    "{file}: sentence at line {}: word {}: unknown UPOS {:?}",
                    s.first_line,
                    i + 1,
                    w.upos
                )
            })?;
            *counts.entry((upos.index(), w.xpos.clone())).or_default() += 1;
        }
    }
    let mut tags: Vec<((usize, String), usize)> = counts.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    if tags.len() > 255 {
        return Err(format!(
            "{file}: too many distinct UPOS+XPOS pairs ({})",
            tags.len()
        ));
    }
    Ok(tags
        .into_iter()
        .map(|((u, x), _)| Tag {
            upos: Upos::ALL[u],
            xpos: x,
        })
        .collect())
}

fn examples(
    sents: &[Sentence],
    tags: &[Tag],
    file: &str,
    english: bool,
) -> Result<Vec<Example>, String> {
    let mut out = Vec::with_capacity(sents.len());
    let mut buf = String::new();
    for s in sents {
        let mut ex = Example {
            tag: TagExample {
                words: Vec::new(),
                gold: Vec::new(),
            },
            head: vec![0],
            label: vec![0],
        };
        let n = s.words.len();
        for (i, w) in s.words.iter().enumerate() {
            ex.tag
                .words
                .push(WordFeats::of_for(&w.form, &mut buf, english));
            let t = tags
                .iter()
                .position(|t| t.upos.name() == w.upos && t.xpos == w.xpos)
                .unwrap_or(0);
            ex.tag.gold.push(t as u8);
            let head = w
                .head_index()
                .filter(|h| *h <= n && *h != i + 1)
                .ok_or_else(|| {
                    format!(
                        "{file}: sentence at line {}: word {}: bad HEAD {:?}",
                        s.first_line,
                        i + 1,
                        w.head
                    )
                })?;
            ex.head.push(head as u16);
            ex.label.push(Deprel::from_name(&w.deprel).0);
        }
        mark_style(&mut ex.tag.words, s.words.iter().map(|w| w.form.as_str()));
        if n > 0 && n < 65000 {
            out.push(ex);
        }
    }
    Ok(out)
}

/// Trains tagger and parser, prints dev scores per epoch through `log`, saves
/// the best model to `opts.out`.
pub fn train(
    opts: &TrainOptions,
    log: &mut (dyn FnMut(&str) + Send),
) -> Result<TrainReport, String> {
    let start = Instant::now();
    let train_name = opts.train.display().to_string();
    let read = |p: &PathBuf| conllu::read_all(p).map_err(|e| e.to_string());
    let train_sents = read(&opts.train)?;
    let dev_sents = read(&opts.dev)?;
    let tags = tag_set(&train_sents, &train_name)?;
    let exs = examples(&train_sents, &tags, &train_name, opts.english)?;
    log(&format!(
        "train: {} sentences, {} words, {} joint tags; dev: {} sentences",
        exs.len(),
        exs.iter().map(|e| e.head.len() - 1).sum::<usize>(),
        tags.len(),
        dev_sents.len()
    ));
    let mut rng = Rng::new(opts.seed);
    let all: Vec<&TagExample> = exs.iter().map(|e| &e.tag).collect();

    let mut model = Model::untrained();
    let cached = opts
        .tag_cache
        .as_ref()
        .and_then(|p| read_tag_cache(p, exs.len()));
    let train_tags = match cached {
        Some((tagger, train_tags)) => {
            log("tagger and training tags read from the cache");
            model.tagger = tagger;
            train_tags
        }
        None => {
            let train_tags = train_tagger(
                opts, &mut model, &all, &tags, &dev_sents, &mut rng, log, start,
            );
            if let Some(p) = &opts.tag_cache {
                write_tag_cache(p, &model, &train_tags)?;
            }
            train_tags
        }
    };
    let all = with_lexicon(&all, &model.tagger.lexicon);
    let jack_acc = {
        let (mut ok, mut n) = (0usize, 0usize);
        for (ex, t) in exs.iter().zip(&train_tags) {
            n += t.len();
            ok += ex
                .tag
                .gold
                .iter()
                .zip(t)
                .filter(|(a, b)| tags[**a as usize].upos == tags[**b as usize].upos)
                .count();
        }
        ratio(ok, n)
    };
    log(&format!(
        "parser trains on tags with UPOS accuracy {:.2}%",
        100.0 * jack_acc
    ));

    let train_views: Vec<Vec<TokenView>> = all
        .iter()
        .zip(&train_tags)
        .map(|(e, t)| views(&e.words, t, &tags))
        .collect();
    let data = ParserData {
        views: &train_views,
        examples: &exs,
        dev: &dev_sents,
        start,
    };
    let epochs = train_parsers(opts, &mut model, &rng, &data, log)?;
    let best_epoch = epochs.first().copied().unwrap_or(0);
    if opts.prune > 0 {
        model = model.pruned(opts.prune);
    }
    let dev = evaluate(&model, &dev_sents);
    let bytes = model.to_bytes();
    std::fs::write(&opts.out, &bytes)
        .map_err(|e| format!("{}: cannot write: {e}", opts.out.display()))?;
    log(&format!(
        "saved {} ({:.1} MB, parser epoch {epochs:?}): dev UPOS {:.2}% UAS {:.2}% LAS {:.2}%",
        opts.out.display(),
        bytes.len() as f64 / 1e6,
        100.0 * dev.upos,
        100.0 * dev.uas,
        100.0 * dev.las
    ));
    Ok(TrainReport {
        dev,
        best_epoch,
        model_bytes: bytes.len(),
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// Trains `opts.parser_runs` parsers on the tagged training data, two at a
/// time (one per core), and puts the mean of their weights into `model`;
/// returns the epoch kept in each run. The runs differ only in their seed.
fn train_parsers(
    opts: &TrainOptions,
    model: &mut Model,
    rng: &Rng,
    data: &ParserData<'_>,
    log: &mut (dyn FnMut(&str) + Send),
) -> Result<Vec<usize>, String> {
    let runs = opts.parser_runs.max(1);
    let log = std::sync::Mutex::new(log);
    let say = |line: &str| {
        if let Ok(mut log) = log.lock() {
            log(line)
        }
    };
    let mut results: Vec<Option<(f64, usize, Parser)>> = Vec::with_capacity(runs);
    for wave in (0..runs).collect::<Vec<_>>().chunks(2) {
        std::thread::scope(|scope| {
            let handles: Vec<_> = wave
                .iter()
                .map(|&run| {
                    let (model, say) = (&*model, &say);
                    // The first run goes on with the tagger's random stream,
                    // as a single run always did.
                    let (seed, order_rng) = if run == 0 {
                        (opts.seed, rng.clone())
                    } else {
                        let seed = opts.seed.wrapping_add(run as u64 * 1_000_003);
                        (seed, Rng::new(seed))
                    };
                    scope.spawn(move || {
                        train_parser_run(opts, seed, order_rng, run, model, data, say)
                    })
                })
                .collect();
            for h in handles {
                results.push(h.join().unwrap_or(None));
            }
        });
    }
    let log = log
        .into_inner()
        .map_err(|_| "a parser training thread failed".to_string())?;
    let finished: Vec<(f64, usize, Parser)> = results.into_iter().flatten().collect();
    let epochs = finished.iter().map(|r| r.1).collect();
    let tables: Vec<Table> = finished.into_iter().map(|r| r.2.table).collect();
    if tables.is_empty() {
        return Ok(epochs);
    }
    let n = tables.len();
    model.parser = Parser {
        table: mean_table(tables),
        beam: opts.beam,
        templates: opts.templates(),
    };
    if n > 1 {
        let s = evaluate(model, data.dev);
        log(&format!(
            "mean of {n} parsers: dev UAS {:.2}% LAS {:.2}% ({} weights)",
            100.0 * s.uas,
            100.0 * s.las,
            model.parser.table.n_weights()
        ));
    }
    Ok(epochs)
}

/// What every parser run trains and is measured on.
struct ParserData<'a> {
    views: &'a [Vec<TokenView>],
    examples: &'a [Example],
    dev: &'a [Sentence],
    start: Instant,
}

/// Trains one parser (tagger already in `model`); returns the dev LAS, epoch
/// and parser of its best epoch.
fn train_parser_run(
    opts: &TrainOptions,
    seed: u64,
    mut rng: Rng,
    run: usize,
    model: &Model,
    data: &ParserData<'_>,
    log: &(dyn Fn(&str) + Sync),
) -> Option<(f64, usize, Parser)> {
    let mut model = model.clone();
    let mut weights = TrainWeights::new(N_ACTIONS);
    let mut order: Vec<usize> = (0..data.examples.len()).collect();
    let mut best: Option<(f64, usize, Parser)> = None;
    for epoch in 0..opts.parser_epochs {
        rng.shuffle(&mut order);
        let explore = if epoch == 0 { 0.0 } else { 0.9 };
        let mut seed_rng = Rng::new(seed.wrapping_add(epoch as u64 * 7919));
        if opts.beam > 1 {
            let mut step = BeamTrainStep {
                weights: &mut weights,
                width: opts.beam,
                templates: opts.templates(),
            };
            for &k in &order {
                let ex = &data.examples[k];
                step.sentence(&data.views[k], &ex.head, &ex.label);
            }
        } else {
            let mut step = TrainStep {
                weights: &mut weights,
                rng: &mut seed_rng,
                explore,
                templates: opts.templates(),
            };
            for &k in &order {
                let ex = &data.examples[k];
                step.sentence(&data.views[k], &ex.head, &ex.label);
            }
        }
        model.parser = Parser {
            table: weights.averaged(0.0),
            beam: opts.beam,
            templates: opts.templates(),
        };
        let s = evaluate(&model, data.dev);
        log(&format!(
            "parser {}epoch {}: dev UPOS {:.2}% UAS {:.2}% LAS {:.2}% ({} weights, {:.0} s)",
            run_label(opts.parser_runs, run),
            epoch + 1,
            100.0 * s.upos,
            100.0 * s.uas,
            100.0 * s.las,
            model.parser.table.n_weights(),
            data.start.elapsed().as_secs_f64()
        ));
        if best.as_ref().is_none_or(|b| s.las > b.0) {
            best = Some((s.las, epoch + 1, model.parser.clone()));
        }
    }
    best
}

/// Trains the two tagger passes into `model.tagger`; returns jackknifed tags
/// for every training sentence (what the parser trains on).
#[allow(clippy::too_many_arguments)]
fn train_tagger(
    opts: &TrainOptions,
    model: &mut Model,
    all: &[&TagExample],
    tags: &[Tag],
    dev_sents: &[Sentence],
    rng: &mut Rng,
    log: &mut dyn FnMut(&str),
    start: Instant,
) -> Vec<Vec<u8>> {
    let lexicon = tagger::build_lexicon(all, tags, 3);
    let all = with_lexicon(all, &lexicon);
    let all: Vec<&TagExample> = all.iter().collect();
    let dict = tagger::build_dict(&all, 20, 0.995);
    let n_tags = tags.len();
    model.tagger = Tagger {
        tags: tags.to_vec(),
        first: Table::empty(n_tags),
        second: Table::empty(n_tags),
        dict: dict.clone(),
        lexicon: lexicon.clone(),
        reverse_first: opts.reverse_first,
        english: opts.english,
    };

    // Jackknifing: every training sentence gets tags from taggers that never
    // saw it, first-pass tags for training the second pass, and two-pass tags
    // for training the parser, so both learn from tags as noisy as at run time.
    let folds = opts.folds.max(1);
    let fold_of = |i: usize| i % folds;
    let split =
        |f: usize| -> (Vec<usize>, Vec<usize>) { (0..all.len()).partition(|i| fold_of(*i) != f) };
    let mut first_tags: Vec<Vec<u8>> = vec![Vec::new(); all.len()];
    let mut train_tags: Vec<Vec<u8>> = vec![Vec::new(); all.len()];
    let mut fold_first = Vec::new();
    for f in (0..folds).filter(|_| folds > 1) {
        let (rest, held) = split(f);
        let rest_ex: Vec<&TagExample> = rest.iter().map(|i| all[*i]).collect();
        let table = mean_of_runs(opts, rng, 100 + f as u64, |_, rng| {
            tagger::train_pass(
                n_tags,
                &dict,
                &rest_ex,
                None,
                opts.reverse_first,
                opts.tagger_epochs,
                rng,
                |_, _| None,
            )
        });
        let held_ex: Vec<&TagExample> = held.iter().map(|i| all[*i]).collect();
        for (i, t) in held
            .iter()
            .zip(tagger::tag_examples(&model.tagger, &table, &held_ex, None))
        {
            first_tags[*i] = t;
        }
        fold_first.push(table);
        log(&format!(
            "jackknife first pass {}/{folds} ({:.0} s)",
            f + 1,
            start.elapsed().as_secs_f64()
        ));
    }
    // The fast model has one pass: no second pass to jackknife.
    let second_folds = if opts.fast { Vec::new() } else { fold_first };
    for (f, first_table) in second_folds.into_iter().enumerate() {
        let (rest, held) = split(f);
        let rest_ex: Vec<&TagExample> = rest.iter().map(|i| all[*i]).collect();
        let rest_first: Vec<&[u8]> = rest.iter().map(|i| first_tags[*i].as_slice()).collect();
        let second = mean_of_runs(opts, rng, 200 + f as u64, |_, rng| {
            tagger::train_pass(
                n_tags,
                &dict,
                &rest_ex,
                Some(&rest_first),
                false,
                opts.tagger_epochs,
                rng,
                |_, _| None,
            )
        });
        let fold_tagger = Tagger {
            tags: tags.to_vec(),
            first: first_table,
            second,
            dict: dict.clone(),
            lexicon: lexicon.clone(),
            reverse_first: opts.reverse_first,
            english: opts.english,
        };
        let mut scratch = TagScratch::default();
        for i in held {
            fold_tagger.tag_into(&all[i].words, &mut train_tags[i], &mut scratch);
        }
        log(&format!(
            "jackknife second pass {}/{folds} ({:.0} s)",
            f + 1,
            start.elapsed().as_secs_f64()
        ));
    }

    // Each final pass is trained `tagger_runs` times with different seeds
    // (the first run goes on with the shared random stream) and the mean of
    // their weights kept.
    final_tagger_pass(opts, model, &all, &dict, None, dev_sents, rng, log);
    if folds == 1 {
        // Quick mode for experiments: tags from the final first pass (optimistic).
        first_tags = tagger::tag_examples(&model.tagger, &model.tagger.first, &all, None);
    }
    if opts.fast {
        // One pass only: the parser trains on the (jackknifed) first-pass tags.
        return first_tags;
    }
    let all_first: Vec<&[u8]> = first_tags.iter().map(Vec::as_slice).collect();
    final_tagger_pass(
        opts,
        model,
        &all,
        &dict,
        Some(&all_first),
        dev_sents,
        rng,
        log,
    );
    if folds == 1 {
        let mut scratch = TagScratch::default();
        for (i, ex) in all.iter().enumerate() {
            model
                .tagger
                .tag_into(&ex.words, &mut train_tags[i], &mut scratch);
        }
    }
    train_tags
}

/// One of the tagger's final passes (the second when `first`, the first
/// pass's tags, is given), trained `opts.tagger_runs` times, each run keeping
/// its best dev epoch; the mean of the runs goes into `model`.
#[allow(clippy::too_many_arguments)]
fn final_tagger_pass(
    opts: &TrainOptions,
    model: &mut Model,
    examples: &[&TagExample],
    dict: &KeyMap<u8>,
    first: Option<&[&[u8]]>,
    dev_sents: &[Sentence],
    rng: &mut Rng,
    log: &mut dyn FnMut(&str),
) {
    let (name, step) = if first.is_some() {
        ("second", 2)
    } else {
        ("first", 1)
    };
    let set = |m: &mut Model, t: Table| {
        if first.is_some() {
            m.tagger.second = t;
        } else {
            m.tagger.first = t;
        }
    };
    let runs = opts.tagger_runs.max(1);
    let n_tags = model.tagger.tags.len();
    let table = mean_of_runs(opts, rng, step, |run, rng| {
        tagger::train_pass(
            n_tags,
            dict,
            examples,
            first,
            first.is_none() && opts.reverse_first,
            opts.tagger_epochs,
            rng,
            |epoch, t| {
                let mut m = model.clone();
                set(&mut m, t.clone());
                let s = evaluate(&m, dev_sents);
                log(&format!(
                    "tagger {name} pass {}epoch {}: dev UPOS {:.2}%",
                    run_label(runs, run),
                    epoch + 1,
                    100.0 * s.upos
                ));
                Some(s.upos)
            },
        )
    });
    set(model, table);
    if runs > 1 {
        let s = evaluate(model, dev_sents);
        log(&format!(
            "mean of {runs} {name} passes: dev UPOS {:.2}%",
            100.0 * s.upos
        ));
    }
}

/// The random stream of run `run` (> 0) of training step `step`.
fn run_rng(opts: &TrainOptions, run: usize, step: u64) -> Rng {
    Rng::new(opts.seed ^ (step << 32) ^ (run as u64 * 1_000_003))
}

/// The mean of `opts.tagger_runs` tables trained by `train(run, rng)`: the
/// first run goes on with the shared random stream, the others have their own.
fn mean_of_runs(
    opts: &TrainOptions,
    rng: &mut Rng,
    step: u64,
    mut train: impl FnMut(usize, &mut Rng) -> Table,
) -> Table {
    let mut tables = vec![train(0, rng)];
    for run in 1..opts.tagger_runs.max(1) {
        tables.push(train(run, &mut run_rng(opts, run, step)));
    }
    mean_table(tables)
}

/// "run K " when there are several runs, else nothing.
fn run_label(runs: usize, run: usize) -> String {
    if runs > 1 {
        format!("run {} ", run + 1)
    } else {
        String::new()
    }
}

/// The one table, or the mean of several.
fn mean_table(mut tables: Vec<Table>) -> Table {
    if tables.len() == 1 {
        tables.pop().unwrap_or_else(|| Table::empty(0))
    } else {
        Table::mean(&tables)
    }
}

/// Reads the tag cache; `None` when absent or not for this treebank.
fn read_tag_cache(path: &PathBuf, n_sentences: usize) -> Option<(Tagger, Vec<Vec<u8>>)> {
    let bytes = std::fs::read(path).ok()?;
    let mut input = crate::model::Bytes::new(&bytes);
    let model_len = input.u32().ok()? as usize;
    let model = Model::from_bytes(input.take(model_len).ok()?).ok()?;
    let n = input.u32().ok()? as usize;
    if n != n_sentences {
        return None;
    }
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let len = input.u16().ok()? as usize;
        out.push(input.take(len).ok()?.to_vec());
    }
    Some((model.tagger, out))
}

fn write_tag_cache(path: &PathBuf, model: &Model, train_tags: &[Vec<u8>]) -> Result<(), String> {
    let mut m = model.clone();
    m.parser = Model::untrained().parser;
    let bytes = m.to_bytes();
    let mut out = Vec::with_capacity(bytes.len() + 8);
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out.extend_from_slice(&bytes);
    out.extend_from_slice(&(train_tags.len() as u32).to_le_bytes());
    for t in train_tags {
        out.extend_from_slice(&(t.len() as u16).to_le_bytes());
        out.extend_from_slice(t);
    }
    std::fs::write(path, out).map_err(|e| format!("{}: cannot write: {e}", path.display()))
}

/// The examples with each word's rare flag and ambiguity class set from `lexicon`.
fn with_lexicon(all: &[&TagExample], lexicon: &KeyMap<u32>) -> Vec<TagExample> {
    all.iter()
        .map(|ex| TagExample {
            words: ex
                .words
                .iter()
                .map(|w| {
                    let mut w = *w;
                    tagger::mark_lexical(&mut w, lexicon);
                    w
                })
                .collect(),
            gold: ex.gold.clone(),
        })
        .collect()
}
