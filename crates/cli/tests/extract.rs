//! `demarche extract` end to end: the output contract, inputs of every kind, and errors.

mod common;

use std::io::Write;

use common::*;

#[test]
fn seeds_give_five_valid_records_without_boilerplate() {
    let Some(shared) = shared() else { return };
    let out = run_in(
        &shared,
        &[
            "extract",
            "seeds/000_49a9c2b8ddb4360c.txt",
            "seeds/001_dd448b168f52a1ce.txt",
            "seeds/002_4b1d3c69b80ba511.txt",
            "seeds/003_512dd131a1ccc0ca.txt",
            "seeds/004_6d30a0e044389692.txt",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 5);
    assert_valid(&recs, &shared);
    assert_eq!(recs[0]["published"], "2024-02-06");
    assert!(
        recs[0]["title"].is_null(),
        "seed 000 opens with a paragraph, not a headline"
    );
    assert!(
        recs[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("In the midst"),
        "date marker removed"
    );
    assert_eq!(
        recs[1]["title"],
        "Lavrov: US Military Buildup in the Middle East will lead to a tightening of relations"
    );
    for r in &recs {
        let text = r["text"].as_str().unwrap();
        for junk in [
            "Getty Images",
            "Post a Comment",
            "No comments",
            "©",
            "Reporting contributed by",
        ] {
            assert!(
                !text.contains(junk),
                "{} keeps boilerplate {junk:?}",
                r["origin"]
            );
        }
        if let Some(title) = r["title"].as_str() {
            assert!(
                !text.starts_with(title),
                "{}: title repeated in the body",
                r["origin"]
            );
        }
        assert_eq!(
            r["origin"].as_str().unwrap().split('/').next(),
            Some("seeds"),
            "origin is the path as given"
        );
    }
    // Quotation marks of every style survive cleaning.
    assert!(recs[2]["text"]
        .as_str()
        .unwrap()
        .contains("“We were not informed in advance."));
    assert!(recs[4]["text"]
        .as_str()
        .unwrap()
        .contains("«We specifically urge Washington"));
}

#[test]
fn shipped_examples_extract_cleanly_in_order_on_any_thread_count() {
    let root = repo_root();
    let one = run_in(&root, &["extract", "--threads", "1", "examples"]);
    let two = run_in(&root, &["extract", "--threads", "2", "examples"]);
    assert!(
        one.status.success(),
        "{}",
        String::from_utf8_lossy(&one.stderr)
    );
    assert_eq!(
        one.stdout, two.stdout,
        "output must not depend on the thread count"
    );
    let recs = records(&one);
    assert!(recs.len() >= 4, "examples hold at least 4 documents");
    let origins: Vec<&str> = recs.iter().map(|r| r["origin"].as_str().unwrap()).collect();
    let mut files: Vec<&str> = origins
        .iter()
        .copied()
        .filter(|o| o.starts_with("examples/"))
        .collect();
    let sorted = {
        let mut s = files.clone();
        s.sort();
        s
    };
    assert_eq!(files, sorted, "folders are read in sorted order");
    files.dedup();
    if let Some(shared) = shared() {
        assert_valid(&recs, &shared);
    }
}

#[test]
fn a_bad_input_is_one_line_and_the_rest_still_comes_out() {
    let dir = scratch("bad-inputs");
    std::fs::write(dir.join("a.txt"), "Good Headline\nA good body sentence.\n").unwrap();
    std::fs::write(dir.join("b.txt"), b"Broken \xff\xfe bytes\n").unwrap();
    std::fs::write(
        dir.join("c.jsonl"),
        "{\"id\":\"r1\",\"text\":\"First.\"}\n{not json\n{\"id\":\"r3\",\"text\":\"Third.\"}\n",
    )
    .unwrap();
    let out = run_in(
        &dir,
        &["extract", "a.txt", "missing.txt", "b.txt", "c.jsonl"],
    );
    assert_eq!(out.status.code(), Some(1), "exit 1 when an input failed");
    let origins: Vec<String> = records(&out)
        .iter()
        .map(|r| r["origin"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(origins, ["a.txt", "r1", "r3"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "one line per bad input: {stderr}");
    assert!(lines[0].contains("missing.txt"));
    assert!(lines[1].contains("b.txt") && lines[1].contains("UTF-8"));
    assert!(lines[2].contains("c.jsonl:2"));
    assert!(!stderr.contains("panicked"));
}

#[test]
fn gzip_stdin_and_the_published_default() {
    let dir = scratch("gzip");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(b"{\"id\":\"z1\",\"text\":\"Packed text.\",\"date\":\"2023-05-01\"}\n{\"id\":\"z2\",\"text\":\"No date here.\"}\n").unwrap();
    std::fs::write(dir.join("feed.jsonl.gz"), gz.finish().unwrap()).unwrap();
    let out = run_in(
        &dir,
        &["extract", "--published", "2020-01-02", "feed.jsonl.gz"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let recs = records(&out);
    assert_eq!(recs[0]["published"], "2023-05-01");
    assert_eq!(recs[1]["published"], "2020-01-02");

    let mut child = bin()
        .args(["extract", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Stdin Headline\nBody from a pipe.\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let recs = records(&out);
    assert_eq!(recs[0]["title"], "Stdin Headline");
    assert_eq!(recs[0]["text"], "Body from a pipe.");
}

#[test]
fn truncated_gzip_and_empty_files_do_not_panic() {
    let dir = scratch("truncated");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all("Headline\nSome text that goes on. ".repeat(200).as_bytes())
        .unwrap();
    let bytes = gz.finish().unwrap();
    std::fs::write(dir.join("cut.txt.gz"), &bytes[..bytes.len() / 2]).unwrap();
    std::fs::write(dir.join("empty.txt"), b"").unwrap();
    let out = run_in(&dir, &["extract", "cut.txt.gz", "empty.txt"]);
    let stderr = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cut.txt.gz") && !stderr.contains("panicked"),
        "{stderr}"
    );
    let recs = records(&out);
    assert_eq!(recs.len(), 1, "the empty file is an empty document");
    assert_eq!(recs[0]["text"], "");
}

#[test]
fn doc_id_depends_on_the_cleaned_text_only() {
    let dir = scratch("docid");
    std::fs::write(dir.join("a.txt"), "Same Headline\nSame body.\n").unwrap();
    std::fs::write(
        dir.join("b.txt"),
        "Other Headline\n\nSame body.\nPost a Comment\n",
    )
    .unwrap();
    let recs = records(&run_in(&dir, &["extract", "a.txt", "b.txt"]));
    assert_eq!(recs[0]["doc_id"], recs[1]["doc_id"]);
}

#[test]
fn a_one_line_settings_file_in_the_data_folder_turns_one_setting() {
    let dir = scratch("partial-override");
    let article = dir.join("a.txt");
    std::fs::write(
        &article,
        "Ferry service\n\nOfficials believe the ferry will be late. The mayor said the pier was \
         safe.\n",
    )
    .unwrap();
    let quotes = |data: Option<&std::path::Path>| {
        let mut cmd = bin();
        cmd.arg("extract").arg(&article).env_remove("DEMARCHE_DATA");
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        let out = cmd.output().expect("demarche runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let rec = &records(&out)[0];
        let texts: Vec<String> = rec["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["text"].as_str().unwrap().to_string())
            .collect();
        (texts, String::from_utf8_lossy(&out.stderr).to_string())
    };
    let (shipped, _) = quotes(None);
    assert_eq!(shipped, ["the pier was safe"]);
    let data = dir.join("data");
    std::fs::create_dir_all(data.join("quotes")).unwrap();
    std::fs::write(
        data.join("quotes/config.toml"),
        "[content]\nbeliefs = true\n",
    )
    .unwrap();
    let (layered, _) = quotes(Some(&data));
    assert_eq!(layered, ["the ferry will be late", "the pier was safe"]);
    std::fs::write(data.join("quotes/config.toml"), "[content\n").unwrap();
    let (fallback, stderr) = quotes(Some(&data));
    assert_eq!(fallback, shipped);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("quotes/config.toml"), "{stderr}");
}

#[test]
fn a_json_record_keeps_the_headline_its_text_opens_with() {
    let dir = scratch("record-headline");
    let title = "Senator Okafor: Ferry Cuts Will Strand Island Towns";
    let record = serde_json::json!({
        "id": "r1",
        "title": title,
        "text": format!("{title}.\n\n{title}\n\nSenator Ada Okafor spoke in Halifax on Monday.\n"),
    });
    std::fs::write(dir.join("a.jsonl"), format!("{record}\n")).unwrap();
    std::fs::write(
        dir.join("a.txt"),
        format!("{title}\n\n{title}\n\nSenator Ada Okafor spoke in Halifax on Monday.\n"),
    )
    .unwrap();
    let recs = records(&run_in(&dir, &["extract", "a.jsonl", "a.txt"]));
    // The record's own headline stays (once); its claim is Okafor's.
    let text = recs[0]["text"].as_str().unwrap();
    assert!(
        text.starts_with(&format!("{title}.\nSenator Ada")),
        "{text}"
    );
    let quote = &recs[0]["quotes"][0];
    assert_eq!(quote["text"], "Ferry Cuts Will Strand Island Towns");
    assert_eq!(quote["speaker"]["text"], "Senator Okafor");
    assert_spans_index_text(&recs[0]);
    // A plain-text article's first line is its title, taken out of the body with its repeat.
    assert_eq!(recs[1]["title"], title);
    assert!(recs[1]["text"].as_str().unwrap().starts_with("Senator Ada"));
}
