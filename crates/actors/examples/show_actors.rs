//! Prints the actors found in a text file: `cargo run -p demarche-actors --example show_actors -- FILE [YYYY-MM-DD]`.

use demarche_actors::{annotate, ActorKb};
use demarche_model::Document;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: show FILE [YYYY-MM-DD]   (DEMARCHE_RESOLVE=\"words\" also resolves every occurrence of the words)");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new(path.clone(), text);
    doc.published = args
        .get(1)
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    demarche_text::analyse(&mut doc);
    annotate(&mut doc, ActorKb::embedded());
    if let Ok(words) = std::env::var("DEMARCHE_RESOLVE") {
        let kb = ActorKb::embedded();
        let mut from = 0;
        while let Some(at) = doc.text[from..].find(words.as_str()) {
            let start = from + at;
            let span = demarche_model::Span::new(start, start + words.len());
            println!(
                "resolve {words:?} at {start}: {:?}",
                demarche_actors::resolve_at(&doc, kb, span)
            );
            from += at + words.len();
        }
    }
    for e in &doc.entities {
        let a = e.actor.as_ref();
        println!(
            "{:>6} {:<40} {:<12?} {:<10} chain {:?}  [{}]",
            e.span.start,
            doc.slice(e.span).replace('\n', " "),
            e.kind,
            a.and_then(|a| a.code.clone()).unwrap_or_default(),
            e.chain,
            a.map(|a| a.name.as_str()).unwrap_or("")
        );
    }
}
