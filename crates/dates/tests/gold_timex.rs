//! Scores the tagger on the TempEval-3 training sets in ../shared, the way
//! `score_ext.py timex` does: gold DATE expressions matched one-to-one to the
//! tagger's by word Dice >= 0.5; a match with a gold TIME, DURATION or SET is
//! neither right nor wrong; the value must equal the gold's.

use std::path::PathBuf;

use chrono::NaiveDate;
use demarche_dates::DateTagger;
use serde_json::Value;

fn gold_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/dates");
    dir.is_dir().then_some(dir)
}

/// Lower-cased runs of letters, digits, `_` and apostrophes.
fn words(s: &str) -> Vec<String> {
    s.to_lowercase()
        .replace('\u{2019}', "'")
        .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '\''))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

fn dice(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let mut rest: Vec<&String> = b.iter().collect();
    let mut shared = 0;
    for w in a {
        if let Some(k) = rest.iter().position(|x| *x == w) {
            rest.swap_remove(k);
            shared += 1;
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

struct Counts {
    gold: usize,
    pred: usize,
    right: usize,
}

fn score(file: &str) -> Counts {
    let path = gold_dir().unwrap().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let tagger = DateTagger::embedded();
    let mut c = Counts {
        gold: 0,
        pred: 0,
        right: 0,
    };
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let g: Value = serde_json::from_str(line).unwrap();
        let body = g["text"].as_str().unwrap();
        let dct = g["dct"]
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok());
        let found = tagger.tag(body, dct);
        let timexes = g["timexes"].as_array().unwrap();
        let gw: Vec<Vec<String>> = timexes
            .iter()
            .map(|t| words(t["text"].as_str().unwrap_or("")))
            .collect();
        let pw: Vec<Vec<String>> = found.iter().map(|m| words(m.span.of(body))).collect();
        let mut pairs = Vec::new();
        for (i, a) in gw.iter().enumerate() {
            for (j, b) in pw.iter().enumerate() {
                let d = dice(a, b);
                if d >= 0.5 {
                    pairs.push((d, i, j));
                }
            }
        }
        pairs.sort_by(|x, y| y.partial_cmp(x).unwrap());
        let (mut used_g, mut used_p) = (vec![false; gw.len()], vec![false; pw.len()]);
        let is_date = |i: usize| matches!(timexes[i]["type"].as_str(), Some("DATE") | None);
        let mut ignored = 0;
        for (_, i, j) in pairs {
            if used_g[i] || used_p[j] {
                continue;
            }
            used_g[i] = true;
            used_p[j] = true;
            if !is_date(i) {
                ignored += 1;
                continue;
            }
            let gold_value = timexes[i]["value"].as_str().unwrap_or("");
            if !gold_value.is_empty() && found[j].value.as_deref() == Some(gold_value) {
                c.right += 1;
            }
        }
        c.gold += (0..timexes.len()).filter(|&i| is_date(i)).count();
        c.pred += found.len() - ignored;
    }
    c
}

fn value_f1(c: &Counts) -> f64 {
    let p = c.right as f64 / c.pred.max(1) as f64;
    let r = c.right as f64 / c.gold.max(1) as f64;
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
fn tempeval_training_values() {
    if gold_dir().is_none() {
        eprintln!("skipping: ../shared/gold/dates is not here");
        return;
    }
    // Measured 0.838 (TimeBank) and 0.789 (AQUAINT) on 2026-11-23.
    for (file, floor) in [("tbaq-timebank.jsonl", 0.82), ("tbaq-aquaint.jsonl", 0.77)] {
        let c = score(file);
        let f1 = value_f1(&c);
        eprintln!(
            "{file}: gold {} pred {} right {} value F1 {f1:.3}",
            c.gold, c.pred, c.right
        );
        assert!(f1 >= floor, "{file}: value F1 {f1:.3} fell below {floor}");
    }
}
