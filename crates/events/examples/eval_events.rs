//! Runs the pipeline stages the events stage needs over a gold JSON Lines file
//! and writes one `demarche.document/1` record per line, then prints the
//! figures that need no external grader.
//!
//! usage: cargo run --release -p demarche-events --example eval_events -- GOLD.jsonl OUT.jsonl
//!
//! Set EVAL_NO_SYNTAX=1 to run without the parser (surface patterns only).
//!
//! GOLD lines need "text" and an "id" or "doc" (the seeds' gold names the seed
//! file; its text is read from ../shared/seeds/). For CAMEO manual examples
//! and PLOVER gold standard records it prints root / class / country accuracy;
//! grade the rest with ../shared/tools/score.py and score_ext.py.

use std::io::{BufRead, Write};

use demarche_model::{Document, Record};
use serde_json::Value;

fn main() {
    if let Err(e) = run() {
        eprintln!("eval: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gold, out] = args.as_slice() else {
        return Err("usage: eval GOLD.jsonl OUT.jsonl".into());
    };
    let kb = demarche_actors::ActorKb::embedded();
    let file = std::fs::File::open(gold).map_err(|e| format!("{gold}: {e}"))?;
    let mut writer =
        std::io::BufWriter::new(std::fs::File::create(out).map_err(|e| format!("{out}: {e}"))?);
    let seeds_dir = std::path::Path::new(gold)
        .parent()
        .and_then(|p| p.parent())
        .map(|p| p.join("seeds"));
    let mut tally = Tally::default();
    let started = std::time::Instant::now();
    let mut bytes = 0usize;
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        if line.trim().is_empty() {
            continue;
        }
        let g: Value = serde_json::from_str(&line).map_err(|e| format!("{gold}:{}: {e}", n + 1))?;
        let (origin, text) = match (
            g.get("id").and_then(Value::as_str),
            g.get("doc").and_then(Value::as_str),
        ) {
            (Some(id), _) => (
                id.to_string(),
                g.get("text")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
            ),
            (None, Some(doc)) => {
                let path = seeds_dir
                    .as_ref()
                    .map(|d| d.join(doc))
                    .ok_or("no seeds folder")?;
                (
                    doc.to_string(),
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("{}: {e}", path.display()))?,
                )
            }
            _ => return Err(format!("{gold}:{}: no id or doc", n + 1)),
        };
        bytes += text.len();
        let published = g
            .get("published")
            .or_else(|| g.get("date"))
            .and_then(Value::as_str)
            .and_then(|d| chrono_date(d.get(..10).unwrap_or(d)));
        let doc = process(origin, text, published, kb);
        tally.add(&g, &doc);
        let rec = Record::from_document(&doc);
        serde_json::to_writer(&mut writer, &rec).map_err(|e| e.to_string())?;
        writer.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    eprintln!(
        "{} documents, {:.1} KB in {:.2}s",
        tally.docs,
        bytes as f64 / 1024.0,
        started.elapsed().as_secs_f64()
    );
    tally.print();
    Ok(())
}

fn chrono_date(s: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn process(
    origin: String,
    text: String,
    published: Option<chrono::NaiveDate>,
    kb: &demarche_actors::ActorKb,
) -> Document {
    let mut doc = Document::new(origin, text);
    doc.published = published;
    demarche_text::analyse(&mut doc);
    if std::env::var_os("EVAL_NO_SYNTAX").is_none() {
        // The syntax model `extract` runs by default.
        demarche_syntax::annotate_document(
            &mut doc,
            demarche_syntax::Model::embedded_fast(),
            |_| true,
        );
    }
    demarche_actors::annotate(&mut doc, kb);
    demarche_dates::annotate(&mut doc);
    demarche_quotes::annotate(&mut doc, kb);
    demarche_events::annotate(&mut doc, kb);
    doc
}

/// Figures for the sets no grader in ../shared/tools covers.
#[derive(Default)]
struct Tally {
    docs: usize,
    /// CAMEO manual examples: (sentences, first event's root right, any event's root right, no event).
    manual: [usize; 4],
    /// PLOVER gold standard records: (records, class right on first event, any event, source country right).
    plover: [usize; 4],
}

/// PLOVER 0.5 names in the gold standard records, as PLOVER 2021 categories.
fn plover2021(name: &str) -> &str {
    match name {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        "CONCEDE" | "RETREAT" => "YIELD",
        other => other,
    }
}

impl Tally {
    fn add(&mut self, g: &Value, doc: &Document) {
        self.docs += 1;
        let id = g.get("id").and_then(Value::as_str).unwrap_or("");
        let expected = g.get("expected").and_then(Value::as_array);
        let first = expected.and_then(|e| e.first());
        let code = first
            .and_then(|e| e.get("code"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if id.starts_with("CAMEO-MANUAL") {
            let root = code.get(..2).unwrap_or(code);
            self.manual[0] += 1;
            match doc.events.first() {
                None => self.manual[3] += 1,
                Some(e) if e.root() == root => self.manual[1] += 1,
                _ => {}
            }
            if doc.events.iter().any(|e| e.root() == root) {
                self.manual[2] += 1;
            }
        } else if id.starts_with("PLOVER-GSR") {
            let want = plover2021(code);
            let norm = |p: &str| {
                if matches!(p, "CONCEDE" | "RETREAT") {
                    "YIELD".to_string()
                } else {
                    p.to_string()
                }
            };
            self.plover[0] += 1;
            if doc.events.first().is_some_and(|e| norm(&e.plover) == want) {
                self.plover[1] += 1;
            }
            if doc.events.iter().any(|e| norm(&e.plover) == want) {
                self.plover[2] += 1;
            }
            let src = first
                .and_then(|e| e.get("source"))
                .and_then(Value::as_str)
                .unwrap_or("");
            let got = doc
                .events
                .first()
                .and_then(|e| e.source.as_ref())
                .and_then(|m| m.code.as_deref())
                .unwrap_or("");
            if !src.is_empty() && got.get(..3) == src.get(..3) {
                self.plover[3] += 1;
            }
        }
    }

    fn print(&self) {
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        if self.manual[0] > 0 {
            let n = self.manual[0];
            println!(
                "{{\"set\":\"cameo_manual\",\"sentences\":{n},\"root_accuracy_first_event\":{:.3},\"root_found_any_event\":{:.3},\"no_event\":{:.3}}}",
                pct(self.manual[1], n),
                pct(self.manual[2], n),
                pct(self.manual[3], n)
            );
        }
        if self.plover[0] > 0 {
            let n = self.plover[0];
            println!(
                "{{\"set\":\"plover_gsr\",\"records\":{n},\"class_accuracy_first_event\":{:.3},\"class_found_any_event\":{:.3},\"source_country_accuracy\":{:.3}}}",
                pct(self.plover[1], n),
                pct(self.plover[2], n),
                pct(self.plover[3], n)
            );
        }
    }
}
