//! Runs `extract_html` over the trafilatura-en evaluation pages and writes the
//! predictions file that `../shared/tools/aeb_score.py` grades.
//!
//! cargo run --release -p demarche-web --example eval_extraction -- [GOLD_DIR] [OUT.json]
//! python3 ../shared/tools/aeb_score.py GOLD_DIR/evaldata_en.json OUT.json

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "../shared/gold/extraction/trafilatura-en".into()),
    );
    let out = PathBuf::from(
        args.next()
            .unwrap_or_else(|| "target/web_extraction_pred.json".into()),
    );
    let gold_path = dir.join("evaldata_en.json");
    let gold: serde_json::Value =
        match std::fs::read(&gold_path).map(|b| serde_json::from_slice(&b)) {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => return eprintln!("cannot parse {}: {e}", gold_path.display()),
            Err(e) => return eprintln!("cannot read {}: {e}", gold_path.display()),
        };
    let Some(items) = gold.as_object() else {
        return eprintln!("{} is not an object", gold_path.display());
    };
    let mut pred = serde_json::Map::new();
    let start = Instant::now();
    let mut bytes_total = 0;
    for (url, item) in items {
        let Some(file) = item["file"].as_str() else {
            continue;
        };
        let Ok(bytes) = std::fs::read(dir.join("html").join(file)) else {
            eprintln!("missing page {file}");
            continue;
        };
        bytes_total += bytes.len();
        let article = demarche_web::extract_html(&bytes, Some(url), None);
        pred.insert(url.clone(), article.text.into());
    }
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} pages, {:.1} MB in {secs:.2} s ({:.1} pages/s)",
        pred.len(),
        bytes_total as f64 / 1e6,
        pred.len() as f64 / secs
    );
    if let Err(e) = std::fs::write(&out, serde_json::to_vec(&pred).unwrap_or_default()) {
        return eprintln!("cannot write {}: {e}", out.display());
    }
    println!("predictions written to {}", out.display());
    let graded = std::process::Command::new("python3")
        .arg(dir.join("../../../tools/aeb_score.py"))
        .arg(&gold_path)
        .arg(&out)
        .status();
    if graded.is_err() {
        eprintln!("python3 not available: grade with aeb_score.py by hand");
    }
}
