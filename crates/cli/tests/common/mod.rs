//! Helpers shared by the CLI tests.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_demarche"))
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repo root")
}

/// `../shared` beside the repository, when this machine has it.
pub fn shared() -> Option<PathBuf> {
    let p = repo_root().join("../shared");
    if p.join("seeds").is_dir() {
        Some(p.canonicalize().ok()?)
    } else {
        eprintln!("skipped: ../shared is absent (the seeds and gold data live there)");
        None
    }
}

pub fn run_in(dir: &std::path::Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("demarche runs")
}

pub fn records(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
        .collect()
}

/// A scratch folder unique to one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("demarche-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// Checks every record against ../shared/schema/document.schema.json, and that every span indexes the text.
pub fn assert_valid(records: &[serde_json::Value], shared: &std::path::Path) {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("schema/document.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for r in records {
        let errors: Vec<String> = validator
            .iter_errors(r)
            .map(|e| format!("{e} at {}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", r["origin"]);
        assert_spans_index_text(r);
    }
}

pub fn assert_spans_index_text(r: &serde_json::Value) {
    let text: Vec<char> = r["text"].as_str().unwrap().chars().collect();
    let slice = |span: &serde_json::Value| -> String {
        let (a, b) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert!(a <= b && b <= text.len(), "span {span} outside the text");
        text[a..b].iter().collect()
    };
    for layer in ["entities", "quotes", "dates"] {
        for item in r[layer].as_array().unwrap() {
            assert_eq!(
                slice(&item["span"]),
                item["text"].as_str().unwrap(),
                "{layer} span"
            );
        }
    }
    for q in r["quotes"].as_array().unwrap() {
        if q["speaker"].is_object() {
            assert_eq!(
                slice(&q["speaker"]["span"]),
                q["speaker"]["text"].as_str().unwrap()
            );
        }
    }
    for e in r["events"].as_array().unwrap() {
        assert_eq!(
            slice(&e["trigger"]["span"]),
            e["trigger"]["text"].as_str().unwrap()
        );
        slice(&e["evidence"]);
    }
}
