//! Runs text + syntax + actors + quotes (as the pipeline does) over gold inputs and writes demarche.document/1 records.
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
    let wanted: Vec<bool> = doc
        .sentences
        .iter()
        .map(|s| !s.heading && s.tokens.len() >= 3)
        .collect();
    // The syntax model `extract` runs by default.
    demarche_syntax::annotate_document(doc, demarche_syntax::Model::embedded_fast(), |s| wanted[s]);
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
                // As the pipeline does: the title (when given) comes off the cleaned body.
                let title = v["title"].as_str();
                let raw = v["text"].as_str().unwrap_or_default();
                let text = demarche_text::clean(raw, title).text;
                docs.push(Document::new(id, text));
            }
        }
        other => bail!("unknown mode {other}: seeds or jsonl"),
    }
    let started = std::time::Instant::now();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let mut out =
        BufWriter::new(std::fs::File::create(output).with_context(|| format!("writing {output}"))?);
    let show_parse = std::env::var_os("EVAL_QUOTES_PARSE").is_some();
    for doc in &mut docs {
        run(doc);
        if show_parse {
            print_parse(doc);
        }
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

/// Prints each token with its tag, head and relation (EVAL_QUOTES_PARSE=1), to study the parse.
fn print_parse(doc: &Document) {
    for (s, sent) in doc.sentences.iter().enumerate() {
        let Some(syn) = doc.syntax.get(s).filter(|x| !x.is_empty()) else {
            continue;
        };
        for (k, i) in sent.token_range().enumerate() {
            let head = syn.head_of(k).map_or(0, |h| h + 1);
            eprintln!(
                "{}\t{}\t{}\t{}\t{}",
                k + 1,
                doc.tokens[i].span.of(&doc.text),
                syn.upos[k].name(),
                head,
                syn.deprel[k].name()
            );
        }
        eprintln!();
    }
}
