//! Tags a TempEval-style gold file and writes `demarche.document/1` records
//! for `score_ext.py timex`.
//!
//! usage: eval_timex GOLD.jsonl PRED.jsonl
//! GOLD lines need `id`, `text` and `dct` (YYYY-MM-DD...); the text is used unchanged.

use std::io::{BufRead, BufWriter, Write};

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use demarche_model::{Document, Record};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gold, pred] = &args[..] else {
        bail!("usage: eval_timex GOLD.jsonl PRED.jsonl");
    };
    let input = std::io::BufReader::new(
        std::fs::File::open(gold).with_context(|| format!("opening {gold}"))?,
    );
    let mut out =
        BufWriter::new(std::fs::File::create(pred).with_context(|| format!("creating {pred}"))?);
    let started = std::time::Instant::now();
    let (mut docs, mut bytes) = (0usize, 0usize);
    for (n, line) in input.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let g: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("{gold}:{}", n + 1))?;
        let id = g["id"]
            .as_str()
            .with_context(|| format!("{gold}:{}: no id", n + 1))?;
        let text = g["text"].as_str().unwrap_or_default().to_string();
        let published = g["dct"]
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
        let mut doc = Document::new(id, text);
        doc.published = published;
        demarche_dates::annotate(&mut doc);
        docs += 1;
        bytes += doc.text.len();
        serde_json::to_writer(&mut out, &Record::from_document(&doc))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    eprintln!(
        "{docs} documents, {bytes} bytes in {:.3} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
