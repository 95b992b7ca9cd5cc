//! Entity F1 on CoNLL-2003 (CrossWeigh) dev, PER/ORG/LOC only (MISC ignored):
//! `cargo run --release -p demarche-actors --example eval_conll [-- PATH]`
//! (default ../shared/gold/ner/conllpp_dev.txt). Person → PER, organisation and
//! group → ORG, country and place → LOC; exact span and type must match.

use std::collections::{HashMap, HashSet};

use demarche_actors::{annotate, ActorKb};
use demarche_model::{Document, EntityKind, Sentence, Span, Token, TokenKind};

pub type Spans = HashSet<(usize, usize, usize, &'static str)>;

fn label(tag: &str) -> Option<&'static str> {
    match tag.get(2..)? {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        _ => None,
    }
}

fn kind(tok: &str) -> TokenKind {
    let c = tok.chars().next().unwrap_or(' ');
    if c.is_alphabetic() {
        TokenKind::Word
    } else if c.is_ascii_digit() {
        TokenKind::Number
    } else if c == '"' || c == '\'' {
        TokenKind::Quote
    } else {
        TokenKind::Punct
    }
}

/// Scores one document: its sentences of (token, tag).
fn score_doc(
    doc_no: usize,
    sents: &[Vec<(String, String)>],
    kb: &ActorKb,
    gold: &mut Spans,
    pred: &mut Spans,
    words: &mut HashMap<(usize, usize, usize), String>,
) {
    let mut doc = Document::new(format!("conll-{doc_no}"), String::new());
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (sentence, token) per token
    for (s, sent) in sents.iter().enumerate() {
        let first = doc.tokens.len();
        let start = doc.text.len();
        for (t, (tok, _)) in sent.iter().enumerate() {
            if t > 0 {
                doc.text.push(' ');
            }
            let a = doc.text.len();
            doc.text.push_str(tok);
            doc.tokens.push(Token {
                span: Span::new(a, doc.text.len()),
                kind: kind(tok),
            });
            starts.push((s, t));
        }
        doc.sentences.push(Sentence {
            span: Span::new(start, doc.text.len()),
            tokens: first as u32..doc.tokens.len() as u32,
            heading: false,
        });
        doc.text.push('\n');
    }
    // Gold spans from IOB2 tags.
    for (s, sent) in sents.iter().enumerate() {
        let mut open: Option<(usize, &'static str)> = None;
        for (t, (_, tag)) in sent.iter().enumerate() {
            let begins = tag.starts_with("B-")
                || tag == "O"
                || open.is_some_and(|(_, l)| label(tag) != Some(l));
            if begins {
                if let Some((a, l)) = open.take() {
                    gold.insert((doc_no, s * 1000 + a, s * 1000 + t, l));
                    words.insert(
                        (doc_no, s * 1000 + a, s * 1000 + t),
                        sent[a..t]
                            .iter()
                            .map(|w| w.0.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
                if let Some(l) = label(tag) {
                    open = Some((t, l));
                }
            }
        }
        if let Some((a, l)) = open {
            gold.insert((doc_no, s * 1000 + a, s * 1000 + sent.len(), l));
            words.insert(
                (doc_no, s * 1000 + a, s * 1000 + sent.len()),
                sent[a..]
                    .iter()
                    .map(|w| w.0.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
    }
    annotate(&mut doc, kb);
    for e in &doc.entities {
        let l = match e.kind {
            EntityKind::Person => "PER",
            EntityKind::Organization | EntityKind::Group => "ORG",
            EntityKind::Country | EntityKind::Place => "LOC",
        };
        let span = conll_name(&doc, e);
        // Only proper names count: a role nominal ("officials", "Iranian troops") is not a CoNLL entity.
        if doc
            .slice(span)
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
        {
            continue;
        }
        if !doc
            .slice(span)
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase())
        {
            continue;
        }
        let a = doc.tokens.partition_point(|t| t.span.end <= span.start);
        let b = doc.tokens.partition_point(|t| t.span.start < span.end);
        if a >= b || b > starts.len() {
            continue;
        }
        let (s, ta) = starts[a];
        let (s2, tb) = starts[b - 1];
        if s == s2 {
            pred.insert((doc_no, s * 1000 + ta, s * 1000 + tb + 1, l));
            words.insert(
                (doc_no, s * 1000 + ta, s * 1000 + tb + 1),
                doc.slice(span).to_string(),
            );
        }
    }
}

/// Gold and predicted spans over a whole CoNLL text.
pub struct Scored {
    pub gold: Spans,
    pub pred: Spans,
    pub words: HashMap<(usize, usize, usize), String>,
    pub docs: usize,
}

impl Scored {
    /// Entity F1 over all three types.
    pub fn f1(&self) -> f64 {
        let tp = self.gold.intersection(&self.pred).count() as f64;
        let (p, r) = (
            tp / self.pred.len().max(1) as f64,
            tp / self.gold.len().max(1) as f64,
        );
        2.0 * p * r / (p + r).max(1e-9)
    }
}

/// Annotates every document of a CoNLL text and collects gold and predicted spans.
pub fn score(text: &str) -> Scored {
    let kb = ActorKb::embedded();
    let (mut gold, mut pred) = (Spans::new(), Spans::new());
    let mut words = HashMap::new();
    let mut sents: Vec<Vec<(String, String)>> = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    let mut doc_no = 0;
    for line in text.lines().chain(std::iter::once("-DOCSTART- -X- -X- O")) {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.is_empty() {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if f[0] == "-DOCSTART-" {
            if !cur.is_empty() {
                sents.push(std::mem::take(&mut cur));
            }
            if !sents.is_empty() {
                score_doc(doc_no, &sents, kb, &mut gold, &mut pred, &mut words);
                doc_no += 1;
                sents.clear();
            }
            continue;
        }
        cur.push((
            f[0].to_string(),
            f.last().copied().unwrap_or("O").to_string(),
        ));
    }
    Scored {
        gold,
        pred,
        words,
        docs: doc_no,
    }
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/gold/ner/conllpp_dev.txt".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}: skipping");
        return;
    };
    let started = std::time::Instant::now();
    let Scored {
        gold,
        pred,
        words,
        docs: doc_no,
    } = score(&text);
    let elapsed = started.elapsed();
    let tp = gold.intersection(&pred).count() as f64;
    let (p, r) = (tp / pred.len().max(1) as f64, tp / gold.len().max(1) as f64);
    println!(
        "CoNLL dev ({path}): {doc_no} documents in {:.2} s",
        elapsed.as_secs_f64()
    );
    for l in ["PER", "ORG", "LOC"] {
        let g = gold.iter().filter(|x| x.3 == l).count() as f64;
        let pr = pred.iter().filter(|x| x.3 == l).count() as f64;
        let t = gold.iter().filter(|x| x.3 == l && pred.contains(x)).count() as f64;
        let (lp, lr) = (t / pr.max(1.0), t / g.max(1.0));
        println!(
            "  {l}: P {:.3} R {:.3} F1 {:.3} (gold {g}, predicted {pr})",
            lp,
            lr,
            2.0 * lp * lr / (lp + lr).max(1e-9)
        );
    }
    println!(
        "  all: P {p:.3} R {r:.3} F1 {:.3}",
        2.0 * p * r / (p + r).max(1e-9)
    );
    // CONLL_ERRORS=1 lists the misses, to study them.
    if std::env::var_os("CONLL_ERRORS").is_some() {
        let text = |x: &(usize, usize, usize, &str)| {
            words.get(&(x.0, x.1, x.2)).cloned().unwrap_or_default()
        };
        let gold_at: HashMap<_, _> = gold.iter().map(|x| ((x.0, x.1, x.2), x.3)).collect();
        for x in pred.difference(&gold) {
            println!(
                "FP {} {:?} (gold there: {:?})",
                x.3,
                text(x),
                gold_at.get(&(x.0, x.1, x.2))
            );
        }
        let pred_at: HashSet<_> = pred.iter().map(|x| (x.0, x.1, x.2)).collect();
        for x in gold.difference(&pred) {
            if !pred_at.contains(&(x.0, x.1, x.2)) {
                println!("FN {} {:?}", x.3, text(x));
            }
        }
    }
}

/// CoNLL marks a person's name without the title before it: a person
/// mention "Prime Minister Viktor Orban" is scored as the end of its words
/// that belong to the actor's name ("Viktor Orban").
fn conll_name(doc: &Document, e: &demarche_model::Entity) -> Span {
    let Some(actor) = e.actor.as_ref().filter(|_| e.kind == EntityKind::Person) else {
        return e.span;
    };
    let text = doc.slice(e.span);
    // Spellings may differ in accents ("Juppe" / "Juppé"): the first letters decide.
    let key = |w: &str| w.to_lowercase().chars().take(3).collect::<String>();
    let in_name = |w: &str| actor.name.split_whitespace().any(|n| key(n) == key(w));
    let mut start = text.len();
    for (i, w) in text.split_whitespace().rev().map(|w| {
        let i = w.as_ptr() as usize - text.as_ptr() as usize;
        (i, w)
    }) {
        if !in_name(w) {
            break;
        }
        start = i;
    }
    if start == text.len() {
        return e.span;
    }
    Span::new(e.span.start as usize + start, e.span.end as usize)
}
