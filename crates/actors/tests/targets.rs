//! Regression floors on the shared gold sets, scored by the evaluation
//! examples' own code. Skips when ../shared is absent.

#[allow(dead_code)]
#[path = "../examples/eval_ngec.rs"]
mod eval_ngec;

#[allow(dead_code)]
#[path = "../examples/eval_conll.rs"]
mod eval_conll;

fn read_shared(rel: &str) -> Option<String> {
    let path =
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")).join(rel);
    match std::fs::read_to_string(&path) {
        Ok(t) => Some(t),
        Err(_) => {
            eprintln!("skipping: {} not found", path.display());
            None
        }
    }
}

#[test]
fn ngec_country_and_sector_accuracy_hold() {
    let Some(text) = read_shared("gold/events/ngec_actor_resolution.jsonl") else {
        return;
    };
    let s = eval_ngec::score(&text, false);
    let country = s.country_ok as f64 / s.n.max(1) as f64;
    let sector = s.sector_ok as f64 / s.sector_n.max(1) as f64;
    assert!(country >= 0.85, "country accuracy {country:.3}");
    assert!(sector >= 0.75, "sector accuracy {sector:.3}");
}

#[test]
fn conll_entity_f1_does_not_regress() {
    let Some(text) = read_shared("gold/ner/conllpp_dev.txt") else {
        return;
    };
    let f1 = eval_conll::score(&text).f1();
    // Measured 0.849 (was 0.720 before the document-level rules; goal 0.85).
    assert!(f1 >= 0.83, "CoNLL dev entity F1 {f1:.3}");
}
