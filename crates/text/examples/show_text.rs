//! Prints the sentences and tokens the text stage finds in a file (or stdin).
//! `cargo run -p demarche-text --example show_text -- FILE`
use std::io::Read;

fn main() {
    let mut raw = String::new();
    match std::env::args().nth(1) {
        Some(p) => raw = std::fs::read_to_string(p).expect("readable UTF-8 file"),
        None => {
            std::io::stdin()
                .read_to_string(&mut raw)
                .expect("UTF-8 stdin");
        }
    }
    let cleaned = demarche_text::clean(&raw, None);
    let mut doc = demarche_model::Document::new("stdin", cleaned.text);
    demarche_text::analyse(&mut doc);
    for s in &doc.sentences {
        let toks: Vec<&str> = doc.tokens[s.token_range()]
            .iter()
            .map(|t| t.span.of(&doc.text))
            .collect();
        println!(
            "{}[{}]",
            if s.heading { "H " } else { "  " },
            toks.join("|")
        );
    }
}
