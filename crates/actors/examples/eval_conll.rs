//! Entity F1 on CoNLL-2003 (CrossWeigh) dev, PER/ORG/LOC only (MISC ignored):
//! `cargo run --release -p demarche-actors --example eval_conll [-- PATH]`
//! (default ../shared/gold/ner/conllpp_dev.txt). Person → PER, organisation and
//! group → ORG, country and place → LOC; exact span and type must match.
//!
//! Prints P/R/F1 per type and the error classes (wrong type on the right span,
//! wrong boundaries, spurious, missed, and spurious spans that are MISC in the
//! gold); `CONLL_ERRORS=1` lists every error with its sentence.

use std::collections::{BTreeMap, HashMap, HashSet};

use demarche_actors::{annotate_nested, ActorKb};
use demarche_model::{Document, EntityKind, Sentence, Span, Token, TokenKind};

/// (document, sentence * 1000 + first token, sentence * 1000 + end token, type).
pub type Spans = HashSet<(usize, usize, usize, &'static str)>;

fn label(tag: &str) -> Option<&'static str> {
    match tag.get(2..)? {
        "PER" => Some("PER"),
        "ORG" => Some("ORG"),
        "LOC" => Some("LOC"),
        "MISC" => Some("MISC"),
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

fn joined(words: &[(String, String)]) -> String {
    words
        .iter()
        .map(|w| w.0.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Gold spans and predictions for one document, plus texts for the error list.
struct Collect<'a> {
    gold: &'a mut Spans,
    misc: &'a mut Spans,
    pred: &'a mut Spans,
    words: &'a mut HashMap<(usize, usize, usize), String>,
    sentences: &'a mut HashMap<(usize, usize), String>,
}

/// Scores one document: its sentences of (token, tag).
fn score_doc(doc_no: usize, sents: &[Vec<(String, String)>], kb: &ActorKb, out: Collect) {
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
        out.sentences.insert((doc_no, s), joined(sent));
    }
    // Gold spans from IOB2 tags.
    for (s, sent) in sents.iter().enumerate() {
        let mut open: Option<(usize, &'static str)> = None;
        for t in 0..=sent.len() {
            let tag = sent.get(t).map_or("O", |w| w.1.as_str());
            let begins = tag.starts_with("B-")
                || tag == "O"
                || open.is_some_and(|(_, l)| label(tag) != Some(l));
            if !begins {
                continue;
            }
            if let Some((a, l)) = open.take() {
                let key = (doc_no, s * 1000 + a, s * 1000 + t);
                if l == "MISC" {
                    out.misc.insert((key.0, key.1, key.2, l));
                } else {
                    out.gold.insert((key.0, key.1, key.2, l));
                }
                out.words.insert(key, joined(&sent[a..t]));
            }
            if let Some(l) = label(tag) {
                open = Some((t, l));
            }
        }
    }
    let nested = annotate_nested(&mut doc, kb);
    let label_of = |k: EntityKind| match k {
        EntityKind::Person => "PER",
        EntityKind::Organization | EntityKind::Group => "ORG",
        EntityKind::Country | EntityKind::Place => "LOC",
    };
    // Only proper names count: a role nominal ("officials", "Iranian troops") is not a CoNLL entity.
    let is_name = |span: Span| {
        let text = doc.slice(span);
        !text
            .split_whitespace()
            .last()
            .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase))
            && text.chars().next().is_some_and(|c| c.is_uppercase())
    };
    let mut spans: Vec<(Span, &'static str)> = Vec::new();
    let mut counted = vec![false; doc.entities.len()];
    for (k, e) in doc.entities.iter().enumerate() {
        let span = conll_name(&doc, e);
        if is_name(span) {
            counted[k] = true;
            spans.push((span, label_of(e.kind)));
        }
    }
    // Names inside a role nominal or before a titled person's name
    // ("NATO troops", "State Department spokesman Ned Vole").
    for (k, n) in &nested {
        let e = &doc.entities[*k];
        if (!counted[*k] || e.kind == EntityKind::Person) && is_name(n.span) {
            spans.push((n.span, label_of(n.kind)));
        }
    }
    for (span, l) in spans {
        let a = doc.tokens.partition_point(|t| t.span.end <= span.start);
        let b = doc.tokens.partition_point(|t| t.span.start < span.end);
        if a >= b || b > starts.len() {
            continue;
        }
        let (s, ta) = starts[a];
        let (s2, tb) = starts[b - 1];
        if s == s2 {
            out.pred
                .insert((doc_no, s * 1000 + ta, s * 1000 + tb + 1, l));
            out.words.insert(
                (doc_no, s * 1000 + ta, s * 1000 + tb + 1),
                doc.slice(span).to_string(),
            );
        }
    }
}

/// Gold and predicted spans over a whole CoNLL text.
pub struct Scored {
    pub gold: Spans,
    /// Gold MISC spans (not scored; a prediction on one is MISC leakage).
    pub misc: Spans,
    pub pred: Spans,
    pub words: HashMap<(usize, usize, usize), String>,
    /// Text of each (document, sentence).
    pub sentences: HashMap<(usize, usize), String>,
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

    /// Every error, classified: (class, the span it is about, the other side's span if any).
    pub fn errors(&self) -> Vec<(&'static str, Entry, Option<Entry>)> {
        let overlaps = |x: &Entry, y: &Entry| x.0 == y.0 && x.1 < y.2 && y.1 < x.2;
        let same_span = |x: &Entry, y: &Entry| x.0 == y.0 && x.1 == y.1 && x.2 == y.2;
        let mut out = Vec::new();
        for p in self.pred.difference(&self.gold) {
            if let Some(g) = self.gold.iter().find(|g| same_span(g, p)) {
                out.push(("type", *p, Some(*g)));
            } else if let Some(g) = self.gold.iter().find(|g| overlaps(g, p)) {
                out.push(("boundary", *p, Some(*g)));
            } else if let Some(m) = self.misc.iter().find(|m| overlaps(m, p)) {
                out.push(("misc", *p, Some(*m)));
            } else {
                out.push(("spurious", *p, None));
            }
        }
        for g in self.gold.difference(&self.pred) {
            if !self.pred.iter().any(|p| overlaps(g, p)) {
                out.push(("missed", *g, None));
            }
        }
        out.sort();
        out
    }
}

/// One span of [`Spans`].
pub type Entry = (usize, usize, usize, &'static str);

/// Annotates every document of a CoNLL text and collects gold and predicted spans.
pub fn score(text: &str) -> Scored {
    let kb = ActorKb::embedded();
    let (mut gold, mut misc, mut pred) = (Spans::new(), Spans::new(), Spans::new());
    let mut words = HashMap::new();
    let mut sentences = HashMap::new();
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
                let out = Collect {
                    gold: &mut gold,
                    misc: &mut misc,
                    pred: &mut pred,
                    words: &mut words,
                    sentences: &mut sentences,
                };
                score_doc(doc_no, &sents, kb, out);
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
        misc,
        pred,
        words,
        sentences,
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
    let scored = score(&text);
    let elapsed = started.elapsed();
    let Scored {
        gold,
        pred,
        words,
        sentences,
        docs: doc_no,
        ..
    } = &scored;
    let errors = scored.errors();
    let text_of = |x: &Entry| words.get(&(x.0, x.1, x.2)).cloned().unwrap_or_default();
    // CONLL_ERRORS=1 lists the errors with their sentences, to study them.
    if std::env::var_os("CONLL_ERRORS").is_some() {
        for (class, x, other) in &errors {
            let detail = match other {
                Some(o) => format!("{} {:?} / gold {} {:?}", x.3, text_of(x), o.3, text_of(o)),
                None => format!("{} {:?}", x.3, text_of(x)),
            };
            let sentence = sentences.get(&(x.0, x.1 / 1000)).map_or("", String::as_str);
            println!("{class:8} {detail}\n         | {sentence}");
        }
    }
    let tp = gold.intersection(pred).count() as f64;
    let (p, r) = (tp / pred.len().max(1) as f64, tp / gold.len().max(1) as f64);
    println!(
        "CoNLL dev ({path}): {doc_no} documents in {:.2} s",
        elapsed.as_secs_f64()
    );
    // The most frequent error classes, by class and types (predicted → gold).
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    for (class, x, other) in &errors {
        let key = match (class, other) {
            (&"missed", _) => format!("missed {}", x.3),
            (_, Some(o)) => format!("{class} {} (gold {})", x.3, o.3),
            (_, None) => format!("{class} {}", x.3),
        };
        *classes.entry(key).or_default() += 1;
    }
    let mut classes: Vec<(String, usize)> = classes.into_iter().collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("  most frequent errors:");
    for (k, n) in classes.iter().take(12) {
        println!("    {n:5}  {k}");
    }
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
