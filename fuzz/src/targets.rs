//! One function per fuzz target. Inputs are raw bytes; a target that needs
//! text reads them lossily (invalid UTF-8 is the ingest readers' business,
//! and they get the raw bytes).

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use demarche_ingest::{jsonl::JsonLines, plain, Body, RawDoc, Source};
use demarche_model::{CharIndex, Document};
use demarche_text::{sentences, tokenize, TextConfig};

use crate::check;

/// Plain-text articles: the ` date YYYY-MM-DD ` marker and the headline rule.
pub fn plain_text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = demarche_ingest::parse_date_prefix(&text);
    let raw = plain::parse("fuzz.txt", &text);
    if let Some(title) = &raw.title {
        assert!(
            !title.is_empty() && !title.contains('\n'),
            "bad title {title:?}"
        );
        assert_eq!(title.trim(), title, "untrimmed title");
    }
    let Body::Text(body) = &raw.body else {
        panic!("plain text gave an HTML body")
    };
    assert!(
        text.contains(body.as_str()),
        "the body is not from the input"
    );
    if raw.published.is_some() {
        assert!(
            text.trim_start_matches('\u{FEFF}')
                .trim_start()
                .get(..4)
                .is_some_and(|h| h.eq_ignore_ascii_case("date")),
            "a date was read without a marker"
        );
    }
}

/// JSON Lines over a byte slice: every line becomes a record or a one-line
/// error naming the file and line, and the iterator ends.
pub fn jsonl(data: &[u8]) {
    let lines = data.split(|b| *b == b'\n').count() as u64;
    let mut items = 0u64;
    for item in JsonLines::new(data, "fuzz.jsonl") {
        items += 1;
        assert!(items <= lines, "more items than lines");
        match item {
            Ok(raw) => {
                assert!(!raw.origin.is_empty(), "record without an origin");
            }
            Err(e) => {
                let line = e.line.expect("a JSON Lines error names its line");
                assert!(
                    line >= 1 && line <= lines,
                    "error on line {line} of {lines}"
                );
                check::one_line_error(&e.to_string(), "fuzz.jsonl:");
            }
        }
    }
}

/// A whole input file through `read_source`: format from the name, gzip
/// undone on the fly. The first byte picks the file name and whether the
/// rest is stored as it is, or gzip-compressed and then cut short or
/// corrupted at a position the next two bytes give.
pub fn source(data: &[u8]) {
    let [mode, a, b, rest @ ..] = data else {
        return;
    };
    let names = ["in.txt", "in.jsonl", "in.txt.gz", "in.jsonl.gz", "in.html"];
    let name = names[(*mode as usize) % names.len()];
    let at = u16::from_le_bytes([*a, *b]) as usize;
    let bytes = match (*mode / 8) % 3 {
        0 => rest.to_vec(),
        1 => {
            let gz = gzip(rest);
            gz[..at.min(gz.len())].to_vec()
        }
        _ => {
            let mut gz = gzip(rest);
            if !gz.is_empty() {
                let i = at % gz.len();
                gz[i] ^= 0xff;
            }
            gz
        }
    };
    let path = scratch_file(name);
    std::fs::write(&path, &bytes).expect("scratch file written");
    let shown = path.display().to_string();
    let mut n = 0usize;
    for item in demarche_ingest::sources::read_source(Source::File(path.clone())) {
        n += 1;
        assert!(n <= bytes.len().max(1) * 64, "reader does not end");
        if let Err(e) = item {
            check::one_line_error(&e.to_string(), &shown);
        }
    }
    let _ = std::fs::remove_file(&path);
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip to memory");
    enc.finish().expect("gzip to memory")
}

/// A file of this process in a scratch folder (tmpfs when there is one).
fn scratch_file(name: &str) -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    let base = if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    };
    let dir = base.join(format!("demarche-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir.join(name)
}

/// Cleaning, then tokens, sentences and paragraphs over the cleaned text; the
/// tokeniser and splitter also run straight on the raw text (tabs, carriage
/// returns, control characters), as a caller that skips cleaning would.
pub fn text(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let title = raw.lines().next();
    let cleaned = demarche_text::clean(&raw, title);
    check::cleaned(&cleaned.text);
    let mut doc = Document::new("fuzz", cleaned.text);
    demarche_text::analyse(&mut doc);
    check::tokens(&doc.text, &doc.tokens);
    check::sentences(&doc.text, &doc.tokens, &doc.sentences);
    check::paragraphs(&doc.text, &doc.paragraphs);

    let cfg = TextConfig::get();
    let toks = tokenize::tokenize(&raw, cfg);
    check::tokens(&raw, &toks);
    let sents = sentences::split(&raw, &toks, cfg);
    check::sentences(&raw, &toks, &sents);
}

/// The first four bytes give the publication date (any date chrono can hold,
/// or none), the rest is the text.
fn date_and_text(data: &[u8]) -> (Option<NaiveDate>, String) {
    match data {
        [a, b, c, d, rest @ ..] => {
            let days = i32::from_le_bytes([*a, *b, *c, *d]);
            (
                NaiveDate::from_num_days_from_ce_opt(days),
                String::from_utf8_lossy(rest).into_owned(),
            )
        }
        _ => (None, String::from_utf8_lossy(data).into_owned()),
    }
}

/// The date tagger and resolver on arbitrary text and publication dates.
pub fn dates(data: &[u8]) {
    let (published, text) = date_and_text(data);
    let found = demarche_dates::DateTagger::embedded().tag(&text, published);
    for d in &found {
        check::span_in(&text, d.span, "date");
        assert!(!d.span.is_empty(), "empty date mention");
        if let Some(v) = &d.value {
            assert!(!v.is_empty(), "empty TIMEX value");
        }
    }
    check::ordered_disjoint(found.iter().map(|d| d.span), "dates");
}

/// A whole document through the pipeline to its output record: the record's
/// character spans must give back the text they quote.
pub fn record(data: &[u8]) {
    let (published, text) = date_and_text(data);
    let raw = RawDoc {
        origin: "fuzz.txt".into(),
        title: text.lines().next().map(str::to_string),
        // As a JSON Lines record whose text opens with its title: the headline stays.
        title_is_field: true,
        published,
        body: Body::Text(text),
        language: None,
    };
    let rec = demarche_pipeline::process_raw(raw, &Default::default())
        .expect("a text body always makes a record");
    let json = serde_json::to_string(&rec).expect("the record serialises");
    assert!(!json.contains('\n'), "a record takes more than one line");
    let chars: Vec<char> = rec.text.chars().collect();
    let slice = |[a, b]: [u32; 2]| -> String {
        assert!(
            a <= b && b as usize <= chars.len(),
            "char span {a}..{b} outside the text"
        );
        chars[a as usize..b as usize].iter().collect()
    };
    for d in &rec.dates {
        assert_eq!(slice(d.span), d.text, "date span");
    }
    for q in &rec.quotes {
        assert_eq!(slice(q.span), q.text, "quote span");
    }
    for e in &rec.entities {
        assert_eq!(slice(e.span), e.text, "entity span");
    }
    for e in &rec.events {
        assert_eq!(slice(e.trigger.span), e.trigger.text, "trigger span");
        slice(e.evidence);
    }
    // Character offsets agree with a count of characters before each byte.
    let idx = CharIndex::new(&rec.text);
    for (b, _) in rec.text.char_indices().step_by(7) {
        assert_eq!(
            idx.char_offset(b as u32) as usize,
            rec.text[..b].chars().count()
        );
    }
}

/// HTML main-text extraction. The first byte chooses the charset header.
pub fn html(data: &[u8]) {
    let (content_type, page) = match data.split_first() {
        Some((b, rest)) if b % 3 == 0 => (Some("text/html; charset=windows-1252"), rest),
        Some((b, rest)) if b % 3 == 1 => (Some("text/html; charset=utf-16"), rest),
        _ => (None, data),
    };
    let art =
        demarche_web::extract_html(page, Some("https://example.org/2024/02/06/a"), content_type);
    if let Some(t) = &art.title {
        assert!(!t.contains('\n'), "title on several lines");
    }
}

/// WARC (plain or gzip): the iterator ends, without holding the input twice.
pub fn warc(data: &[u8]) {
    let mut n = 0usize;
    for item in demarche_web::read_warc(data) {
        n += 1;
        assert!(n <= data.len() + 1, "the WARC reader does not end");
        if let Err(e) = item {
            assert!(!e.to_string().contains('\n'), "error on several lines: {e}");
        }
    }
}

/// RSS, Atom and JSON Feed.
pub fn feed(data: &[u8]) {
    if let Ok(items) = demarche_web::read_feed(data) {
        for a in items {
            if let Some(t) = &a.title {
                assert!(!t.contains('\n'), "title on several lines");
            }
        }
    }
}

/// The quote finder over the text layers (speakers left unresolved).
pub fn quotes(data: &[u8]) {
    let raw = String::from_utf8_lossy(data);
    let cleaned = demarche_text::clean(&raw, None);
    let mut doc = Document::new("fuzz", cleaned.text);
    demarche_text::analyse(&mut doc);
    demarche_quotes::annotate_with(&mut doc, demarche_quotes::QuoteConfig::get(), &|_, _| None);
    for q in &doc.quotes {
        check::span_in(&doc.text, q.span, "quote");
        if let Some(c) = q.cue {
            check::span_in(&doc.text, c, "cue");
        }
        if let Some(s) = &q.speaker {
            check::span_in(&doc.text, s.span, "speaker");
        }
    }
}

/// CoNLL-U: the reader ends, errors name file and line, and a sentence it
/// reads is written back and read again unchanged.
pub fn conllu(data: &[u8]) {
    use demarche_syntax::conllu::{write_sentence, Reader};
    let lines = data.split(|b| *b == b'\n').count();
    let mut n = 0usize;
    for item in Reader::new(data, "fuzz.conllu") {
        n += 1;
        assert!(n <= lines, "more sentences than lines");
        match item {
            Ok(sent) => {
                let mut out = Vec::new();
                write_sentence(&mut out, &sent).expect("write to memory");
                let again: Vec<_> = Reader::new(&out[..], "again")
                    .collect::<Result<_, _>>()
                    .unwrap_or_else(|e| panic!("written sentence does not read back: {e}"));
                assert_eq!(again.len(), 1, "one sentence written, {} read", again.len());
                assert_eq!(again[0].words, sent.words, "words change on a round trip");
            }
            Err(e) => {
                assert!(e.line <= lines, "error past the last line");
                check::one_line_error(&e.to_string(), "fuzz.conllu");
            }
        }
    }
}

/// The syntax model loader on arbitrary bytes: an error, never a panic or a
/// huge allocation; a model it accepts tags and parses a sentence.
pub fn syntax_model(data: &[u8]) {
    if let Ok(model) = demarche_syntax::Model::from_bytes(data) {
        let words = ["The", "envoy", "met", "them", "."];
        let a = model.analyse(&words);
        assert_eq!(a.head.len(), words.len(), "one head per word");
    }
}
