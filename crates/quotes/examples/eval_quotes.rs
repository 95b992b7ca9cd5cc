//! Runs text + actors + quotes over gold inputs and writes demarche.document/1 records.
//!
//! usage: eval seeds SEEDS_DIR OUT.jsonl         (the seed articles, one .txt each)
//!        eval jsonl INPUT.jsonl OUT.jsonl       (lines {"id", "text"}: score_ext.py input)
//!
//! Grade with ../shared/tools/score.py (seeds) or score_ext.py quotes (PolNeAR, GGT).

use std::io::{BufRead, BufWriter, Write};

use anyhow::{bail, Context, Result};
use demarche_actors::ActorKb;
use demarche_model::{Document, Record};

fn run(doc: &mut Document) {
    demarche_text::analyse(doc);
    let kb = ActorKb::embedded();
    demarche_actors::annotate(doc, kb);
    demarche_quotes::annotate(doc, kb);
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [mode, input, output] = args.as_slice() else {
        bail!("usage: eval seeds|jsonl INPUT OUTPUT");
    };
    let mut docs = Vec::new();
    match mode.as_str() {
        "seeds" => {
            let mut paths: Vec<_> = std::fs::read_dir(input)
                .with_context(|| format!("reading {input}"))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            paths.sort();
            for p in paths {
                let raw = std::fs::read_to_string(&p)
                    .with_context(|| format!("reading {}", p.display()))?;
                let text = demarche_text::clean(&raw, None).text;
                docs.push(Document::new(p.display().to_string(), text));
            }
        }
        "jsonl" => {
            let file = std::fs::File::open(input).with_context(|| format!("reading {input}"))?;
            for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
                let line = line?;
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value =
                    serde_json::from_str(&line).with_context(|| format!("{input}:{}", n + 1))?;
                let id = v["id"].as_str().unwrap_or_default().to_string();
                let text = v["text"].as_str().unwrap_or_default().to_string();
                docs.push(Document::new(id, text));
            }
        }
        other => bail!("unknown mode {other}: seeds or jsonl"),
    }
    let started = std::time::Instant::now();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut out =
        BufWriter::new(std::fs::File::create(output).with_context(|| format!("writing {output}"))?);
    for doc in &mut docs {
        run(doc);
        serde_json::to_writer(&mut out, &Record::from_document(doc))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "{} documents, {:.1} KB in {:.2?}",
        docs.len(),
        bytes as f64 / 1024.0,
        started.elapsed()
    );
    Ok(())
}
