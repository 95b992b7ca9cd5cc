//! The bad-input catalogue, through the real binary: random bytes, invalid
//! UTF-8, empty files, a 5 MB line, truncated gzip, a page nested 200,000
//! levels deep, a broken JSON line between good ones, a folder that loops.
//!
//! Each must give clean records or one line on stderr naming the file (and
//! line), within a time limit and a memory limit, never a panic; the good
//! records beside a bad one still come out.
//!
//! The heavy cases (a gigabyte streamed through stdin) run only with
//! `DEMARCHE_HEAVY_TESTS=1`, so CI stays fast.

mod common;

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use common::*;

/// Writes a child's standard input, from its own thread.
type Feed = Box<dyn FnOnce(&mut dyn Write) + Send>;

/// What one run of the binary gave, and what it cost.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    /// Peak resident memory of the process (VmHWM), in MB; 0 when unknown.
    peak_mb: u64,
}

impl Run {
    fn records(&self) -> Vec<serde_json::Value> {
        String::from_utf8(self.stdout.clone())
            .expect("UTF-8 output")
            .lines()
            .map(|l| serde_json::from_str(l).expect("each line is one JSON record"))
            .collect()
    }

    fn origins(&self) -> Vec<String> {
        self.records()
            .iter()
            .map(|r| r["origin"].as_str().unwrap_or("").to_string())
            .collect()
    }

    /// Never a panic, a crash or a usage error: exit 0 (all read) or 1 (some input failed).
    fn assert_clean_exit(&self) {
        assert!(
            !self.stderr.contains("panicked") && !self.stderr.contains("overflow"),
            "the binary crashed: {}",
            self.stderr
        );
        assert!(
            matches!(self.code, Some(0) | Some(1)),
            "exit {:?} (a signal or a usage error): {}",
            self.code,
            self.stderr
        );
        // Notes about documents left uncoded (not English) are reports, not failures.
        let failures = self
            .stderr
            .lines()
            .filter(|l| !l.ends_with(", not coded"))
            .count();
        assert_eq!(
            self.code == Some(1),
            failures > 0,
            "exit 1 exactly when an input failed: {}",
            self.stderr
        );
    }

    /// Every stderr line is one input error naming one of `files`.
    fn assert_errors_name(&self, files: &[&str]) {
        for line in self.stderr.lines() {
            assert!(
                line.starts_with("demarche: ") && files.iter().any(|f| line.contains(f)),
                "an error line that names no input: {line:?}"
            );
        }
    }
}

/// Runs `demarche` in `dir` with `args`, feeding `stdin` (written from a thread,
/// so a stream can be larger than memory), killing it past `limit`.
fn run_limited(dir: &Path, args: &[&str], stdin: Option<Feed>, limit: Duration) -> Run {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("demarche starts");
    let feeder = stdin.map(|feed| {
        let mut pipe = child.stdin.take().expect("stdin pipe");
        thread::spawn(move || feed(&mut pipe))
    });
    let out = drain(child.stdout.take().expect("stdout pipe"));
    let err = drain(child.stderr.take().expect("stderr pipe"));
    let (code, peak_mb) = wait_limited(&mut child, limit, args);
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Run {
        code,
        stdout: out.join().expect("stdout reader"),
        stderr: String::from_utf8_lossy(&err.join().expect("stderr reader")).into_owned(),
        peak_mb,
    }
}

fn drain(mut r: impl Read + Send + 'static) -> thread::JoinHandle<Vec<u8>> {
    thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

/// Waits for the child, watching its peak memory; kills it and fails past `limit`.
fn wait_limited(child: &mut Child, limit: Duration, args: &[&str]) -> (Option<i32>, u64) {
    let start = Instant::now();
    let mut peak_mb = 0;
    loop {
        peak_mb = peak_mb.max(peak_rss_mb(child.id()));
        if let Some(status) = child.try_wait().expect("wait") {
            return (status.code(), peak_mb);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("demarche {args:?} still running after {limit:?}: a hang");
        }
        thread::sleep(Duration::from_millis(20));
    }
}

/// VmHWM of a live process, in MB (Linux; 0 elsewhere).
fn peak_rss_mb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// Generous: debug builds on a busy machine.
const LIMIT: Duration = Duration::from_secs(180);

/// Deterministic pseudo-random bytes (xorshift), so a failure can be replayed.
fn random_bytes(seed: u64, n: usize) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(data).unwrap();
    gz.finish().unwrap()
}

const GOOD: &str =
    "Envoys Meet in Oslo\nThe two delegations met on Tuesday and agreed to talk again next week.\n";

#[test]
fn random_bytes_under_every_name_and_on_stdin() {
    let dir = scratch("bad-random");
    let names = [
        "r.txt",
        "r.jsonl",
        "r.txt.gz",
        "r.jsonl.gz",
        "r.html",
        "r.warc",
        "r.rss",
    ];
    for (i, name) in names.iter().enumerate() {
        std::fs::write(dir.join(name), random_bytes(i as u64 + 11, 64 * 1024)).unwrap();
    }
    // Random bytes behind a real gzip header: the decoder sees garbage.
    let mut fake_gz = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    fake_gz.extend(random_bytes(99, 4096));
    std::fs::write(dir.join("fake.txt.gz"), fake_gz).unwrap();
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();

    let mut args = vec!["extract"];
    args.extend(names);
    args.extend(["fake.txt.gz", "good.txt"]);
    let run = run_limited(&dir, &args, None, LIMIT);
    run.assert_clean_exit();
    let mut all = names.to_vec();
    all.push("fake.txt.gz");
    run.assert_errors_name(&all);
    assert_eq!(run.code, Some(1), "random bytes are not all readable");
    assert_eq!(
        run.origins().last().map(String::as_str),
        Some("good.txt"),
        "the good file after the bad ones still comes out"
    );

    for seed in [1u64, 2, 3] {
        let mut bytes = random_bytes(seed, 32 * 1024);
        bytes[0] = [b'{', b'<', b'x'][seed as usize - 1];
        let run = run_limited(
            &dir,
            &["extract", "-"],
            Some(Box::new(move |w: &mut dyn Write| {
                let _ = w.write_all(&bytes);
            })),
            LIMIT,
        );
        run.assert_clean_exit();
        run.assert_errors_name(&["-"]);
    }
}

#[test]
fn invalid_utf8_is_one_error_naming_the_file_or_line() {
    let dir = scratch("bad-utf8");
    // Overlong encoding, lone surrogate, truncated sequence, stray continuation byte.
    std::fs::write(
        dir.join("a.txt"),
        b"Good start \xc0\xaf \xed\xa0\x80 end\xe2\x82",
    )
    .unwrap();
    std::fs::write(dir.join("b.txt"), GOOD).unwrap();
    std::fs::write(
        dir.join("c.jsonl"),
        b"{\"id\":\"c1\",\"text\":\"Fine.\"}\n{\"id\":\"c2\",\"text\":\"\x80\x80\"}\n{\"id\":\"c3\",\"text\":\"Also fine.\"}\n",
    )
    .unwrap();
    let run = run_limited(&dir, &["extract", "a.txt", "b.txt", "c.jsonl"], None, LIMIT);
    run.assert_clean_exit();
    assert_eq!(run.origins(), ["b.txt", "c1", "c3"]);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(lines[0].contains("a.txt") && lines[0].contains("UTF-8"));
    assert!(lines[1].contains("c.jsonl:2") && lines[1].contains("UTF-8"));
}

#[test]
fn empty_inputs_are_empty_not_errors() {
    let dir = scratch("bad-empty");
    for name in ["e.txt", "e.jsonl", "blank.jsonl"] {
        std::fs::write(
            dir.join(name),
            if name == "blank.jsonl" { "\n\n \n" } else { "" },
        )
        .unwrap();
    }
    std::fs::write(dir.join("e.txt.gz"), gzip(b"")).unwrap();
    std::fs::create_dir_all(dir.join("empty-folder")).unwrap();
    let run = run_limited(
        &dir,
        &[
            "extract",
            "e.txt",
            "e.jsonl",
            "blank.jsonl",
            "e.txt.gz",
            "empty-folder",
        ],
        None,
        LIMIT,
    );
    run.assert_clean_exit();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.origins(),
        ["e.txt", "e.txt.gz"],
        "an empty text file is one empty document; an empty JSON Lines file has none"
    );
    for r in run.records() {
        assert_eq!(r["text"], "");
    }
    // Empty standard input.
    let run = run_limited(
        &dir,
        &["extract", "-"],
        Some(Box::new(|_: &mut dyn Write| {})),
        LIMIT,
    );
    run.assert_clean_exit();
}

/// A 5 MB paragraph of real-looking sentences on one line, as plain text and as one JSON record.
///
/// Every lookup the stages make around a place (speaker resolution, speaker
/// following, dates and quotations around an event) stays local, so the cost
/// grows about linearly with the length. As in news, one sentence in ten
/// carries a quotation and an event (and is parsed); the rest is description.
/// A limit on the parser's speed is not what this test is about.
#[test]
fn a_five_megabyte_single_line() {
    let dir = scratch("bad-long-line");
    let paragraph = "The minister said on Tuesday that \u{201c}talks will resume\u{201d} in Geneva, and officials from the U.N. agreed. \
        The weather in the city stayed mild through the week. Several shops on the main square opened late. \
        Traffic was light near the station. Visitors walked along the lake in the afternoon. \
        The old bridge was painted green last year. Most cafes keep their terraces open until October. \
        A local choir sang in the cathedral. The museum shows paintings from the nineteenth century. \
        Boats carried tourists across the water. ";
    let line = paragraph.repeat(5 * 1024 * 1024 / paragraph.len() + 1);
    std::fs::write(dir.join("long.txt"), &line).unwrap();
    let record = serde_json::json!({"id": "long", "text": line}).to_string();
    std::fs::write(
        dir.join("long.jsonl"),
        format!("{{\"id\":\"before\",\"text\":\"Short.\"}}\n{record}\n{{\"id\":\"after\",\"text\":\"Short.\"}}\n"),
    )
    .unwrap();
    // One 5 MB "word" with no space or stop at all.
    std::fs::write(dir.join("word.txt"), "x".repeat(5 << 20)).unwrap();
    let start = Instant::now();
    let run = run_limited(
        &dir,
        &["extract", "long.txt", "long.jsonl", "word.txt"],
        None,
        LIMIT,
    );
    eprintln!(
        "5 MB line: {:.1} s, peak {} MB",
        start.elapsed().as_secs_f64(),
        run.peak_mb
    );
    run.assert_clean_exit();
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(
        run.origins(),
        ["long.txt", "before", "long", "after", "word.txt"]
    );
    let recs = run.records();
    assert!(recs[0]["text"].as_str().unwrap().len() >= 5 << 20);
    assert!(
        !recs[0]["dates"].as_array().unwrap().is_empty(),
        "the long line is analysed, not skipped"
    );
}

#[test]
fn truncated_gzip_keeps_what_came_before_and_names_the_file() {
    let dir = scratch("bad-gzip");
    let lines: String = (0..2000)
        .map(|i| format!("{{\"id\":\"g{i}\",\"text\":\"Record number {i} of a long feed.\"}}\n"))
        .collect();
    let gz = gzip(lines.as_bytes());
    std::fs::write(dir.join("cut.jsonl.gz"), &gz[..gz.len() * 2 / 3]).unwrap();
    std::fs::write(dir.join("header-only.txt.gz"), &gz[..5]).unwrap();
    let mut corrupt = gz.clone();
    let mid = corrupt.len() / 2;
    corrupt[mid] ^= 0x55;
    std::fs::write(dir.join("corrupt.jsonl.gz"), corrupt).unwrap();
    std::fs::write(dir.join("good.txt"), GOOD).unwrap();
    let run = run_limited(
        &dir,
        &[
            "extract",
            "cut.jsonl.gz",
            "header-only.txt.gz",
            "corrupt.jsonl.gz",
            "good.txt",
        ],
        None,
        LIMIT,
    );
    run.assert_clean_exit();
    assert_eq!(run.code, Some(1));
    run.assert_errors_name(&["cut.jsonl.gz", "header-only.txt.gz", "corrupt.jsonl.gz"]);
    for f in ["cut.jsonl.gz", "header-only.txt.gz", "corrupt.jsonl.gz"] {
        assert!(run.stderr.contains(f), "no error for {f}: {}", run.stderr);
    }
    let origins = run.origins();
    let from_cut = origins.iter().take_while(|o| o.starts_with('g')).count();
    assert!(
        from_cut > 100,
        "the records before the cut come out ({from_cut})"
    );
    // Records are never made up: each origin is a record id or the good file.
    assert_eq!(origins.last().map(String::as_str), Some("good.txt"));
    // The cut file comes first: its records are g0, g1, … in order, none repeated
    // (the corrupt copy after it holds the same ids, some garbled).
    let in_order = origins
        .iter()
        .enumerate()
        .take_while(|(i, o)| **o == format!("g{i}"))
        .count();
    assert!(
        in_order > 100,
        "records before the cut, in order: {in_order}"
    );
}

#[test]
fn a_page_nested_two_hundred_thousand_levels_deep() {
    let dir = scratch("bad-deep");
    let depth = 200_000;
    let page = format!(
        "<html><body>{}<p>Deep text at the bottom.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    std::fs::write(dir.join("deep.html"), &page).unwrap();
    // Never closed, and inline elements that nest differently.
    std::fs::write(dir.join("open.html"), "<b><i>".repeat(depth)).unwrap();
    // The same page inside a JSON record, and JSON itself nested as deep.
    let rec = serde_json::json!({"id": "deep-html", "html": page}).to_string();
    let deep_json = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    std::fs::write(
        dir.join("deep.jsonl"),
        format!("{rec}\n{deep_json}\n{{\"id\":\"after\",\"text\":\"Still here.\"}}\n"),
    )
    .unwrap();
    let run = run_limited(
        &dir,
        &["extract", "deep.html", "open.html", "deep.jsonl"],
        None,
        LIMIT,
    );
    run.assert_clean_exit();
    run.assert_errors_name(&["deep.html", "open.html", "deep.jsonl"]);
    assert!(
        run.stderr.contains("deep.jsonl:2"),
        "JSON nested 200,000 deep is refused with its line: {}",
        run.stderr
    );
    assert_eq!(
        run.origins().last().map(String::as_str),
        Some("after"),
        "the record after the deep ones still comes out"
    );
}

#[test]
fn one_broken_json_line_between_good_ones() {
    let dir = scratch("bad-jsonl");
    let broken = [
        "{\"id\":\"x\",\"text\":\"unterminated}",
        "{\"id\":\"x\" \"text\":\"missing comma\"}",
        "[\"an\",\"array\"]",
        "\"a string\"",
        "{\"id\":\"x\"}",
        "{\"id\":\"x\",\"text\":42}",
        "{\"id\":\"x\",\"text\":\"bad date\",\"published\":\"someday\"}",
        "\u{0}\u{0}\u{0}",
        "{\"id\":\"x\",\"text\":\"\\ud800 lone surrogate escape\"}",
    ];
    let mut body = String::new();
    for (i, b) in broken.iter().enumerate() {
        body.push_str(&format!(
            "{{\"id\":\"ok{i}\",\"text\":\"Good record {i}.\"}}\n"
        ));
        body.push_str(b);
        body.push('\n');
    }
    body.push_str("{\"id\":\"last\",\"text\":\"The last good record.\"}");
    std::fs::write(dir.join("mixed.jsonl"), &body).unwrap();
    let run = run_limited(&dir, &["extract", "mixed.jsonl"], None, LIMIT);
    run.assert_clean_exit();
    assert_eq!(run.code, Some(1));
    let mut want: Vec<String> = (0..broken.len()).map(|i| format!("ok{i}")).collect();
    want.push("last".into());
    assert_eq!(
        run.origins(),
        want,
        "the good records, all of them, in order"
    );
    let errors: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(errors.len(), broken.len(), "{}", run.stderr);
    for (k, line) in errors.iter().enumerate() {
        let want_line = format!("mixed.jsonl:{}:", 2 * k + 2);
        assert!(
            line.contains(&want_line),
            "{line:?} should name {want_line}"
        );
    }
}

#[test]
fn a_folder_that_links_to_itself_is_read_once() {
    let dir = scratch("bad-loop");
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a.txt"), GOOD).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&corpus, corpus.join("again")).unwrap();
    let run = run_limited(&dir, &["extract", "corpus"], None, LIMIT);
    run.assert_clean_exit();
    let origins = run.origins();
    assert_eq!(
        origins.iter().filter(|o| o.ends_with("a.txt")).count(),
        1,
        "a.txt read more than once through the loop: {origins:?}"
    );
}

#[test]
fn special_files_are_bounded() {
    let dir = scratch("bad-special");
    // An endless input: /dev/zero is read up to the size cap, then refused.
    if Path::new("/dev/zero").exists() {
        let run = run_limited(&dir, &["extract", "/dev/zero"], None, LIMIT);
        run.assert_clean_exit();
        assert_eq!(run.code, Some(1));
        run.assert_errors_name(&["/dev/zero"]);
        assert!(run.peak_mb < 512, "peak {} MB", run.peak_mb);
    }
    // A folder given where a file is expected inside JSON Lines naming.
    std::fs::create_dir_all(dir.join("dir.jsonl")).unwrap();
    let run = run_limited(&dir, &["extract", "dir.jsonl"], None, LIMIT);
    run.assert_clean_exit();
}

// ---- heavy cases: DEMARCHE_HEAVY_TESTS=1 ----

fn heavy() -> bool {
    let on = std::env::var_os("DEMARCHE_HEAVY_TESTS").is_some();
    if !on {
        eprintln!("skipped: set DEMARCHE_HEAVY_TESTS=1 to stream a gigabyte through the binary");
    }
    on
}

/// Megabytes the heavy cases stream (default 1024).
fn heavy_mb() -> usize {
    std::env::var("DEMARCHE_HEAVY_MB")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1024)
}

/// A gigabyte of JSON Lines records on stdin, generated as it is written:
/// every record comes out, in order, and memory stays flat.
#[test]
fn heavy_a_gigabyte_of_records_streams_in_flat_memory() {
    if !heavy() {
        return;
    }
    let total = heavy_mb() << 20;
    let para = "The delegations met in Vienna on Tuesday. \u{201c}We are ready to talk,\u{201d} the envoy said, and officials agreed to meet again next week. ";
    let text = para.repeat(4096 / para.len());
    let per_record = serde_json::json!({"id": "r000000000", "text": text})
        .to_string()
        .len()
        + 1;
    let n_records = total / per_record;
    let feed = move |w: &mut dyn Write| {
        let mut out = std::io::BufWriter::with_capacity(1 << 20, w);
        for i in 0..n_records {
            let line = serde_json::json!({"id": format!("r{i:09}"), "text": text}).to_string();
            if out.write_all(line.as_bytes()).is_err() || out.write_all(b"\n").is_err() {
                return;
            }
        }
        let _ = out.flush();
    };
    let dir = scratch("heavy-stream");
    let start = Instant::now();
    let run = run_limited_counting(&dir, &["extract", "-"], Box::new(feed));
    let secs = start.elapsed().as_secs_f64();
    eprintln!(
        "{} MB in {n_records} records: {secs:.0} s ({:.1} MB/s), peak RSS {} MB, exit {:?}",
        total >> 20,
        (total >> 20) as f64 / secs,
        run.peak_mb,
        run.code
    );
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    assert_eq!(run.lines, n_records as u64, "every record comes out");
    assert!(run.in_order, "records out of input order");
    assert!(
        run.peak_mb < 1024,
        "memory grew with the input: {} MB",
        run.peak_mb
    );
}

/// A gigabyte on one line, and a gigabyte of plain text: refused after the
/// size cap without being held whole.
#[test]
fn heavy_a_gigabyte_in_one_piece_is_refused_in_bounded_memory() {
    if !heavy() {
        return;
    }
    let total = heavy_mb() << 20;
    for (first, name) in [(b'{', "one JSON line"), (b'x', "one plain document")] {
        let feed = move |w: &mut dyn Write| {
            let chunk = vec![b'a'; 1 << 20];
            let _ = w.write_all(&[first]);
            for _ in 0..(total >> 20) {
                if w.write_all(&chunk).is_err() {
                    return;
                }
            }
        };
        let dir = scratch("heavy-piece");
        let run = run_limited_counting(&dir, &["extract", "-"], Box::new(feed));
        eprintln!(
            "{name}: peak RSS {} MB, stderr {}",
            run.peak_mb,
            run.stderr.trim()
        );
        assert_eq!(run.code, Some(1), "{name}: {}", run.stderr);
        assert!(
            run.stderr.lines().count() == 1
                && (run.stderr.contains("larger") || run.stderr.contains("longer")),
            "{name}: {}",
            run.stderr
        );
        assert!(run.peak_mb < 600, "{name}: peak {} MB", run.peak_mb);
    }
}

struct Counted {
    code: Option<i32>,
    lines: u64,
    in_order: bool,
    stderr: String,
    peak_mb: u64,
}

/// Like [`run_limited`] but counts the output records instead of keeping them.
fn run_limited_counting(dir: &Path, args: &[&str], feed: Feed) -> Counted {
    let mut child = bin()
        .current_dir(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("demarche starts");
    let mut pipe = child.stdin.take().unwrap();
    let feeder = thread::spawn(move || feed(&mut pipe));
    let stdout = child.stdout.take().unwrap();
    let counter = thread::spawn(move || {
        use std::io::BufRead;
        let mut lines = 0u64;
        let mut in_order = true;
        let mut prev = String::new();
        for line in std::io::BufReader::with_capacity(1 << 20, stdout).lines() {
            let Ok(line) = line else { break };
            let v: serde_json::Value =
                serde_json::from_str(&line).expect("one JSON record per line");
            let origin = v["origin"].as_str().unwrap_or("").to_string();
            in_order &= origin > prev;
            prev = origin;
            lines += 1;
        }
        (lines, in_order)
    });
    let err = drain(child.stderr.take().unwrap());
    let (code, peak_mb) = wait_limited(&mut child, Duration::from_secs(6 * 3600), args);
    let _ = feeder.join();
    let (lines, in_order) = counter.join().expect("counter");
    Counted {
        code,
        lines,
        in_order,
        stderr: String::from_utf8_lossy(&err.join().unwrap()).into_owned(),
        peak_mb,
    }
}
