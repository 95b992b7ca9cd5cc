//! Throughput measurement on a CoNLL-U file (gold tokenisation), for `demarche bench`.

use std::time::Instant;

use crate::conllu::Sentence;
use crate::model::Model;

/// Speeds over CPU time of the calling thread (so a busy machine does not
/// distort them), with wall-clock figures alongside.
#[derive(Clone, Debug)]
pub struct Throughput {
    pub tokens: usize,
    pub tag_tokens_per_cpu_sec: f64,
    pub parse_tokens_per_cpu_sec: f64,
    pub tag_tokens_per_wall_sec: f64,
    pub parse_tokens_per_wall_sec: f64,
    pub load_cpu_ms: f64,
}

/// CPU seconds used by this thread (Linux); wall-clock elsewhere.
fn cpu_seconds(fallback: &Instant) -> f64 {
    std::fs::read_to_string("/proc/thread-self/stat")
        .ok()
        .and_then(|s| {
            // Fields after the parenthesised command name: utime is the 12th, stime the 13th.
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            let ticks: f64 = f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?;
            Some(ticks / 100.0)
        })
        .unwrap_or_else(|| fallback.elapsed().as_secs_f64())
}

/// Times tagging alone and tagging+parsing over `sents`, `rounds` times each,
/// on the calling thread. Model decoding time is measured on a fresh decode.
pub fn measure(
    model_bytes: &[u8],
    sents: &[Sentence],
    rounds: usize,
) -> Result<Throughput, String> {
    let origin = Instant::now();
    let rounds = rounds.max(1);
    let c0 = cpu_seconds(&origin);
    let model = Model::from_bytes(model_bytes)?;
    let load_cpu_ms = (cpu_seconds(&origin) - c0) * 1e3;
    let words: Vec<Vec<&str>> = sents.iter().map(|s| s.forms()).collect();
    let tokens: usize = words.iter().map(Vec::len).sum::<usize>() * rounds;
    let mut sink = 0usize;
    let (t, c) = (Instant::now(), cpu_seconds(&origin));
    for _ in 0..rounds {
        for w in &words {
            sink += model.tag_ids(w).len();
        }
    }
    let (tag_wall, tag_cpu) = (t.elapsed().as_secs_f64(), cpu_seconds(&origin) - c);
    let (t, c) = (Instant::now(), cpu_seconds(&origin));
    for _ in 0..rounds {
        for w in &words {
            sink += model.annotate(w).len();
        }
    }
    let (parse_wall, parse_cpu) = (t.elapsed().as_secs_f64(), cpu_seconds(&origin) - c);
    std::hint::black_box(sink);
    let rate = |secs: f64| tokens as f64 / secs.max(1e-9);
    Ok(Throughput {
        tokens,
        tag_tokens_per_cpu_sec: rate(tag_cpu),
        parse_tokens_per_cpu_sec: rate(parse_cpu),
        tag_tokens_per_wall_sec: rate(tag_wall),
        parse_tokens_per_wall_sec: rate(parse_wall),
        load_cpu_ms,
    })
}
