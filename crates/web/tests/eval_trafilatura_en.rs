//! Snippet evaluation on ../shared/gold/extraction/trafilatura-en (skipped when
//! the shared folder is absent). Same rule as ../shared/tools/aeb_score.py:
//! after collapsing whitespace, a `with` snippet must be in the extracted text
//! and a `without` snippet must not; accuracy = snippets handled right / all.

use std::path::Path;

/// Measured 0.941 (1012/1075 snippets); trafilatura 2.3.1 scores 0.930 with the same grader.
const MIN_ACCURACY: f64 = 0.925;

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn trafilatura_en_snippet_accuracy() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/gold/extraction/trafilatura-en");
    let Ok(gold) = std::fs::read(dir.join("evaldata_en.json")) else {
        eprintln!("skipping: {} not found", dir.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_slice(&gold).expect("gold file is JSON");
    let (mut right, mut all) = (0usize, 0usize);
    for (url, item) in gold.as_object().expect("gold is an object") {
        let file = item["file"].as_str().expect("file name");
        let bytes = std::fs::read(dir.join("html").join(file)).expect("page present");
        let text = collapse(&demarche_web::extract_html(&bytes, Some(url), None).text);
        for (key, wanted) in [("with", true), ("without", false)] {
            for snippet in item[key].as_array().into_iter().flatten() {
                let found = text.contains(&collapse(snippet.as_str().unwrap_or_default()));
                right += usize::from(found == wanted);
                all += 1;
            }
        }
    }
    let accuracy = right as f64 / all as f64;
    eprintln!("trafilatura-en snippet accuracy {accuracy:.3} ({right}/{all})");
    assert!(
        accuracy >= MIN_ACCURACY,
        "accuracy {accuracy:.3} below {MIN_ACCURACY}"
    );
}
