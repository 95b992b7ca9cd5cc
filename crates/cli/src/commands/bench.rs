//! `demarche bench`: how fast the pipeline runs on a corpus, stage by stage and
//! end to end, with one thread and with several. BENCHMARKS.md gives the
//! commands and the latest figures.
//!
//! Throughput is in MB/s of input file bytes (1 MB = 10^6 bytes). Wall time is
//! what a user waits; CPU time (user + system, read from /proc on Linux) is
//! what the work costs, and stays meaningful on a machine shared with others.

use std::io::{self, Write};
use std::time::{Duration, Instant};

use anyhow::{bail, Context};
use clap::Args;
use demarche_model::Record;
use demarche_pipeline::{Body, Options, RawDoc, StageObserver, Summary};

#[derive(Args, Debug)]
pub struct BenchArgs {
    /// Input files or folders, as for `extract` (not `-`: the corpus is read several times).
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<String>,
    /// Thread counts to run end to end, comma-separated (0 = one per core).
    #[arg(long, value_delimiter = ',', default_value = "1,0")]
    pub threads: Vec<usize>,
    /// End-to-end runs per thread count; the fastest is reported.
    #[arg(long, default_value_t = 1)]
    pub rounds: usize,
    /// Skip the per-stage breakdown (it holds the whole corpus in memory).
    #[arg(long)]
    pub no_stages: bool,
    /// Run the accurate syntax model instead of the fast one, as `extract --accurate-syntax` does.
    #[arg(long)]
    pub accurate_syntax: bool,
}

pub fn run(args: BenchArgs) -> anyhow::Result<i32> {
    if args.paths.iter().any(|p| p == "-") {
        bail!("bench reads its input several times: give files or folders, not `-`");
    }
    let input_bytes = input_size(&args.paths)?;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut out = io::stdout().lock();
    writeln!(out, "# demarche bench\n")?;
    writeln!(
        out,
        "- input: {} ({})",
        args.paths.join(" "),
        mb(input_bytes)
    )?;
    writeln!(out, "- machine: {cores} cores, {}", cpu_model())?;

    let opts = Options {
        syntax: super::extract::syntax_model(args.accurate_syntax),
        ..Options::default()
    };
    let started = Instant::now();
    warm_up(&opts);
    writeln!(
        out,
        "- start-up (dictionaries, automata, models built once): {}",
        ms(started.elapsed())
    )?;

    let started = Instant::now();
    let docs = read_corpus(&args.paths)?;
    let read_time = started.elapsed();
    let text_bytes: u64 = docs.iter().map(body_len).sum();
    writeln!(
        out,
        "- ingest (read and decode the input): {} documents, {} of text, {} ({})",
        docs.len(),
        mb(text_bytes),
        ms(read_time),
        rate(input_bytes, read_time)
    )?;

    if args.no_stages {
        drop(docs);
    } else {
        writeln!(out, "\n## Stages, one thread\n")?;
        let times = stage_breakdown(docs, &opts);
        write_stage_table(&mut out, &times, input_bytes)?;
    }

    writeln!(
        out,
        "\n## End to end (`demarche_pipeline::run`, JSON records to a null sink)\n"
    )?;
    writeln!(
        out,
        "| threads | wall s | CPU s | MB/s (wall) | MB/s per CPU-second | speed-up |"
    )?;
    writeln!(out, "|---:|---:|---:|---:|---:|---:|")?;
    let mut first_wall: Option<f64> = None;
    let mut last: Option<EndToEnd> = None;
    for &threads in &args.threads {
        let threads = if threads == 0 { cores } else { threads };
        let mut best: Option<EndToEnd> = None;
        for _ in 0..args.rounds.max(1) {
            let r = end_to_end(&args.paths, threads, &opts)?;
            if best.as_ref().is_none_or(|b| r.wall < b.wall) {
                best = Some(r);
            }
        }
        let best = best.expect("at least one round");
        let wall = best.wall.as_secs_f64();
        let speedup = first_wall.map_or(1.0, |w| w / wall);
        first_wall.get_or_insert(wall);
        let cpu = best.cpu.map(|c| c.as_secs_f64());
        writeln!(
            out,
            "| {threads} | {wall:.2} | {} | {:.2} | {} | {speedup:.2}x |",
            cpu.map_or("?".into(), |c| format!("{c:.2}")),
            input_bytes as f64 / 1e6 / wall,
            cpu.map_or("?".into(), |c| format!(
                "{:.2}",
                input_bytes as f64 / 1e6 / c
            )),
        )?;
        last = Some(best);
    }
    if let Some(r) = last {
        writeln!(
            out,
            "\n- output: {} records ({} failed inputs), {} quotes, {} events, {} of JSON",
            r.summary.documents,
            r.summary.failed,
            r.summary.quotes,
            r.summary.events,
            mb(r.json_bytes)
        )?;
    }
    if let Some(peak) = peak_rss() {
        writeln!(
            out,
            "- peak RSS of this process: {} (the stage breakdown holds the whole corpus; \
             for `extract` use /usr/bin/time -v)",
            mb(peak)
        )?;
    }
    Ok(0)
}

/// Builds everything that is built lazily (actor automata, lexicons, models)
/// on a small document, so that start-up is not billed to the first stage.
fn warm_up(opts: &Options) {
    let raw = RawDoc {
        origin: "warm-up".into(),
        body: Body::Text(
            "Talks resume.\n\nThe minister said on Monday that \"talks will resume\" in Paris."
                .into(),
        ),
        ..Default::default()
    };
    let _ = demarche_pipeline::process_raw(raw, opts);
}

/// Every readable document of the corpus, in memory; the first bad input is an error.
fn read_corpus(paths: &[String]) -> anyhow::Result<Vec<RawDoc>> {
    demarche_pipeline::read_all(paths)
        .map(|r| r.map_err(|e| anyhow::anyhow!("{e}")))
        .collect()
}

fn body_len(raw: &RawDoc) -> u64 {
    match &raw.body {
        Body::Text(t) => t.len() as u64,
        Body::Html(h) => h.len() as u64,
    }
}

/// Time spent in each step (wall, and CPU time of this thread), in the order
/// the steps first ran.
#[derive(Default)]
struct StageTimes {
    steps: Vec<Step>,
    clock: ThreadClock,
    wall: Duration,
    cpu: Option<Duration>,
    /// Sentences parsed, and left alone, by the syntax stage.
    parsed: usize,
    untouched: usize,
    /// The syntax stage's parsed sentences run again outside the totals:
    /// tagged alone, then tagged and parsed (CPU time, wall without it).
    tagging: Duration,
    tagging_and_parsing: Duration,
}

struct Step {
    name: &'static str,
    wall: Duration,
    cpu: Option<Duration>,
}

impl StageTimes {
    fn timed<T>(&mut self, name: &'static str, run: impl FnOnce() -> T) -> T {
        let cpu_before = self.clock.now();
        let started = Instant::now();
        let value = run();
        let wall = started.elapsed();
        let cpu = cpu_before
            .zip(self.clock.now())
            .map(|(a, b)| b.saturating_sub(a));
        match self.steps.iter_mut().find(|s| s.name == name) {
            Some(step) => {
                step.wall += wall;
                step.cpu = step.cpu.zip(cpu).map(|(a, b)| a + b);
            }
            None => self.steps.push(Step { name, wall, cpu }),
        }
        value
    }
}

impl StageObserver for StageTimes {
    fn stage(&mut self, name: &'static str, run: impl FnOnce()) {
        self.timed(name, run);
    }
}

/// CPU time of the calling thread, in nanoseconds, from the kernel's
/// scheduler statistics (Linux; None elsewhere). One read per call, no allocation.
#[derive(Default)]
struct ThreadClock {
    schedstat: Option<std::fs::File>,
}

impl ThreadClock {
    fn open() -> Self {
        ThreadClock {
            schedstat: std::fs::File::open("/proc/thread-self/schedstat").ok(),
        }
    }

    fn now(&self) -> Option<Duration> {
        use std::os::unix::fs::FileExt;
        let file = self.schedstat.as_ref()?;
        let mut buf = [0u8; 96];
        let n = file.read_at(&mut buf, 0).ok()?;
        let text = std::str::from_utf8(&buf[..n]).ok()?;
        let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
        Some(Duration::from_nanos(ns))
    }
}

/// Runs each document through cleaning, every stage `process` runs (timed
/// one by one, in its order), the record and its JSON, on this thread.
fn stage_breakdown(docs: Vec<RawDoc>, opts: &Options) -> StageTimes {
    let kb = opts.actor_kb();
    let mut times = StageTimes {
        clock: ThreadClock::open(),
        ..StageTimes::default()
    };
    let mut json = CountingSink::default();
    let cpu_before = times.clock.now();
    let started = Instant::now();
    let (mut excluded_wall, mut excluded_cpu) = (Duration::ZERO, Duration::ZERO);
    for raw in docs {
        let Ok(doc) = times.timed("cleaning", || demarche_pipeline::prepare(raw, opts)) else {
            continue;
        };
        let doc = demarche_pipeline::process_observed(doc, kb, opts.syntax, &mut times);
        for syn in &doc.syntax {
            if syn.is_parsed() {
                times.parsed += 1;
            } else {
                times.untouched += 1;
            }
        }
        let (tagging, both, wall) = syntax_again(&doc, opts.syntax.model(), &times.clock);
        times.tagging += tagging;
        times.tagging_and_parsing += both;
        excluded_wall += wall;
        excluded_cpu += tagging + both;
        let record = times.timed("record", || Record::from_document(&doc));
        times.timed("JSON", || {
            serde_json::to_writer(&mut json, &record).expect("a null sink cannot fail")
        });
        times.timed("drop", || drop((doc, record)));
    }
    times.wall = started.elapsed().saturating_sub(excluded_wall);
    times.cpu = cpu_before
        .zip(times.clock.now())
        .map(|(a, b)| b.saturating_sub(a).saturating_sub(excluded_cpu));
    times
}

/// Tags, then tags and parses, the sentences the syntax stage parsed in
/// `doc`, again: how the stage's time splits. Returns the CPU time of each
/// (wall time where the CPU clock is missing) and the wall time of both.
fn syntax_again(
    doc: &demarche_model::Document,
    model: &demarche_syntax::Model,
    clock: &ThreadClock,
) -> (Duration, Duration, Duration) {
    let sentences: Vec<Vec<&str>> = doc
        .sentences
        .iter()
        .zip(&doc.syntax)
        .filter(|(_, syn)| syn.is_parsed())
        .map(|(s, _)| {
            doc.tokens[s.token_range()]
                .iter()
                .map(|t| doc.slice(t.span))
                .collect()
        })
        .collect();
    let started = Instant::now();
    let timed = |run: &dyn Fn()| {
        let (cpu, wall) = (clock.now(), Instant::now());
        run();
        let wall = wall.elapsed();
        cpu.zip(clock.now())
            .map_or(wall, |(a, b)| b.saturating_sub(a))
    };
    let tagging = timed(&|| {
        for words in &sentences {
            std::hint::black_box(model.tag_ids(words));
        }
    });
    let both = timed(&|| {
        for words in &sentences {
            std::hint::black_box(model.annotate(words));
        }
    });
    (tagging, both, started.elapsed())
}

fn write_stage_table(out: &mut impl Write, times: &StageTimes, input_bytes: u64) -> io::Result<()> {
    // CPU time is the fair measure on a shared machine; wall time when it is missing.
    let cost = |wall: Duration, cpu: Option<Duration>| cpu.unwrap_or(wall);
    let total = cost(times.wall, times.cpu);
    writeln!(
        out,
        "| step | CPU ms | wall ms | share | MB/s per CPU-second |"
    )?;
    writeln!(out, "|---|---:|---:|---:|---:|")?;
    for step in &times.steps {
        let took = cost(step.wall, step.cpu);
        writeln!(
            out,
            "| {} | {} | {:.0} | {:.1}% | {} |",
            step.name,
            opt_ms(step.cpu),
            step.wall.as_secs_f64() * 1e3,
            100.0 * took.as_secs_f64() / total.as_secs_f64().max(1e-9),
            rate(input_bytes, took)
        )?;
    }
    writeln!(
        out,
        "| **all** | {} | {:.0} | 100% | {} |",
        opt_ms(times.cpu),
        times.wall.as_secs_f64() * 1e3,
        rate(input_bytes, total)
    )?;
    writeln!(
        out,
        "\nSyntax: {} sentences parsed, {} left alone (no reporting cue or event pattern, headings, fragments).",
        times.parsed, times.untouched
    )?;
    if let Some(syntax) = times.steps.iter().find(|s| s.name == "syntax") {
        // The parsed sentences were run again, tagged alone and then tagged
        // and parsed, outside the totals above.
        let stage = cost(syntax.wall, syntax.cpu);
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        writeln!(
            out,
            "Syntax stage, split (its sentences run again): choosing sentences {:.0} ms, tagging {:.0} ms, parsing {:.0} ms.",
            ms(stage.saturating_sub(times.tagging_and_parsing)),
            ms(times.tagging),
            ms(times.tagging_and_parsing.saturating_sub(times.tagging)),
        )?;
    }
    Ok(())
}

fn opt_ms(d: Option<Duration>) -> String {
    d.map_or("?".into(), |d| format!("{:.0}", d.as_secs_f64() * 1e3))
}

struct EndToEnd {
    wall: Duration,
    cpu: Option<Duration>,
    summary: Summary,
    json_bytes: u64,
}

/// The `extract` path: every input through `demarche_pipeline::run`, each
/// record serialised as `extract` does, into a sink that only counts bytes.
fn end_to_end(paths: &[String], threads: usize, opts: &Options) -> anyhow::Result<EndToEnd> {
    let opts = Options {
        threads,
        ..opts.clone()
    };
    let mut json = CountingSink::default();
    let cpu_before = cpu_time();
    let started = Instant::now();
    let summary = demarche_pipeline::run(paths, &opts, |item| {
        if let Ok(record) = item {
            serde_json::to_writer(&mut json, &record)?;
            json.write_all(b"\n")?;
        }
        Ok(())
    })?;
    let wall = started.elapsed();
    let cpu = cpu_before.zip(cpu_time()).map(|(a, b)| b.saturating_sub(a));
    Ok(EndToEnd {
        wall,
        cpu,
        summary,
        json_bytes: json.bytes,
    })
}

/// A writer that keeps nothing and counts what it was given.
#[derive(Default)]
struct CountingSink {
    bytes: u64,
}

impl Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Total size of the files under `paths` (folders walked).
fn input_size(paths: &[String]) -> anyhow::Result<u64> {
    fn walk(path: &std::path::Path) -> io::Result<u64> {
        let meta = std::fs::metadata(path)?;
        if !meta.is_dir() {
            return Ok(meta.len());
        }
        let mut total = 0;
        for entry in std::fs::read_dir(path)? {
            total += walk(&entry?.path())?;
        }
        Ok(total)
    }
    paths.iter().try_fold(0, |sum, p| {
        Ok(sum + walk(p.as_ref()).with_context(|| format!("{p}: cannot read"))?)
    })
}

/// User + system CPU time of this process so far (Linux; None elsewhere).
fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = stat.get(stat.rfind(')')? + 2..)?;
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    // Linux reports these in clock ticks of 1/100 s (USER_HZ).
    Some(Duration::from_millis((utime + stime) * 10))
}

/// Peak resident set size of this process in bytes (Linux; None elsewhere).
fn peak_rss() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into())
}

fn mb(bytes: u64) -> String {
    format!("{:.2} MB", bytes as f64 / 1e6)
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1e3)
}

fn rate(bytes: u64, took: Duration) -> String {
    let secs = took.as_secs_f64();
    if secs <= 0.0 {
        return "-".into();
    }
    format!("{:.2} MB/s", bytes as f64 / 1e6 / secs)
}
