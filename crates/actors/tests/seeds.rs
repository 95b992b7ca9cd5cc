//! Every actor the seed gold lists is found in its seed with its code.
//! Reads ../shared (skips when absent); no seed text or gold is copied here.

use std::path::Path;

use demarche_actors::{annotate, ActorKb};
use demarche_model::Document;

fn shared() -> Option<&'static Path> {
    let p = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"));
    p.join("gold/seeds.gold.jsonl").exists().then_some(p)
}

/// Gold codes may be less specific than ours ("PSE" for Hamas, coded PSEREB);
/// PLOVER's EUR is the European Union, which CAMEO writes as an IGO.
fn code_matches(gold: &str, ours: &str) -> bool {
    let norm = |c: &str| {
        if c.starts_with("IGOEU") {
            c.replacen("IGOEU", "EUR", 1)
        } else {
            c.to_string()
        }
    };
    norm(ours).starts_with(&norm(gold))
}

#[test]
fn seed_actors_are_found_with_their_codes() {
    let Some(root) = shared() else {
        eprintln!("skipping: ../shared/gold/seeds.gold.jsonl not found");
        return;
    };
    let gold =
        std::fs::read_to_string(root.join("gold/seeds.gold.jsonl")).expect("read seeds gold");
    let kb = ActorKb::embedded();
    let mut missing = Vec::new();
    let mut total = 0;
    for line in gold.lines().filter(|l| !l.trim().is_empty()) {
        let rec: serde_json::Value = serde_json::from_str(line).expect("gold line is JSON");
        let name = rec["doc"].as_str().expect("doc name");
        let text = std::fs::read_to_string(root.join("seeds").join(name)).expect("read seed");
        let mut doc = Document::new(name, text);
        doc.published = rec["published"]
            .as_str()
            .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        demarche_text::analyse(&mut doc);
        annotate(&mut doc, kb);
        for actor in rec["actors"].as_array().into_iter().flatten() {
            total += 1;
            let (want, code) = (
                actor["name"].as_str().unwrap_or(""),
                actor["code"].as_str().unwrap_or(""),
            );
            let found = doc.entities.iter().any(|e| {
                let text = doc.slice(e.span).replace('\u{2019}', "'");
                let named = text == want || e.actor.as_ref().is_some_and(|a| a.name == want);
                named
                    && e.actor
                        .as_ref()
                        .and_then(|a| a.code.as_deref())
                        .is_some_and(|c| code_matches(code, c))
            });
            if !found {
                let seen: Vec<String> = doc
                    .entities
                    .iter()
                    .filter(|e| {
                        doc.slice(e.span)
                            .contains(want.split(' ').next_back().unwrap_or(want))
                    })
                    .map(|e| {
                        format!(
                            "{:?}={:?}",
                            doc.slice(e.span),
                            e.actor.as_ref().and_then(|a| a.code.clone())
                        )
                    })
                    .collect();
                missing.push(format!("{name}: {want} {code} (seen {seen:?})"));
            }
        }
    }
    assert!(total > 0, "the gold lists actors");
    assert!(
        missing.is_empty(),
        "{} of {total} seed actors missed:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
