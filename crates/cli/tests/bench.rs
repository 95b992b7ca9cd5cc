//! `demarche bench` on the shipped examples, and the choice of syntax model.

mod common;

use common::*;

/// The report names every stage, and splits the syntax stage in three.
#[test]
fn bench_reports_stages_and_splits_the_syntax_stage() {
    let out = run_in(
        &repo_root(),
        &["bench", "--threads", "1", "--rounds", "1", "examples"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    for stage in [
        "cleaning", "text", "syntax", "actors", "quotes", "dates", "events",
    ] {
        assert!(
            report.contains(&format!("| {stage} |")),
            "no {stage} row:\n{report}"
        );
    }
    let split = report
        .lines()
        .find(|l| l.starts_with("Syntax stage, split"))
        .unwrap_or_else(|| panic!("no split of the syntax stage:\n{report}"));
    for part in ["choosing sentences", "tagging", "parsing"] {
        assert!(split.contains(part), "{split}");
    }
    let parsed: usize = report
        .lines()
        .find_map(|l| l.strip_prefix("Syntax: "))
        .and_then(|l| l.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        parsed > 0,
        "the examples have sentences to parse:\n{report}"
    );
}

/// Either syntax model gives the same documents in the same order, each
/// valid, and finds the examples' quotes.
#[test]
fn extract_runs_either_syntax_model() {
    let root = repo_root();
    let fast = records(&run_in(&root, &["extract", "--threads", "1", "examples"]));
    let accurate = records(&run_in(
        &root,
        &["extract", "--threads", "1", "--accurate-syntax", "examples"],
    ));
    assert_eq!(fast.len(), accurate.len());
    assert!(fast.len() >= 4);
    let quotes = |recs: &[serde_json::Value]| -> usize {
        recs.iter()
            .map(|r| r["quotes"].as_array().map_or(0, Vec::len))
            .sum()
    };
    assert!(quotes(&fast) > 0 && quotes(&accurate) > 0);
    let ids = |recs: &[serde_json::Value]| -> Vec<String> {
        recs.iter().map(|r| r["doc_id"].to_string()).collect()
    };
    assert_eq!(ids(&fast), ids(&accurate));
    if let Some(shared) = shared() {
        assert_valid(&fast, &shared);
        assert_valid(&accurate, &shared);
    }
}
