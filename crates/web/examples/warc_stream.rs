//! Streams a large WARC and reports throughput and peak memory (VmHWM).
//!
//! cargo run --release -p demarche-web --example warc_stream -- PATH [MB]
//!
//! When PATH does not exist, a synthetic gzip WARC (one gzip member per record,
//! as CC-NEWS) holding MB megabytes of records (default 1024) is written there
//! first: varied news-like pages, plus a 50 MB page and a 200 MB video record.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::time::Instant;

use flate2::write::GzEncoder;
use flate2::Compression;

const WORDS: &[&str] = &[
    "council",
    "minister",
    "harbour",
    "budget",
    "election",
    "river",
    "school",
    "bridge",
    "talks",
    "agreement",
    "border",
    "farmers",
    "prices",
    "court",
    "ruling",
    "protest",
    "market",
    "storm",
    "railway",
    "hospital",
    "said",
    "announced",
    "rejected",
    "approved",
    "delayed",
    "expected",
];

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "/tmp/demarche-web-stream.warc.gz".into());
    let megabytes: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1024);
    if !Path::new(&path).exists() {
        let started = Instant::now();
        write_synthetic(&path, megabytes * 1_000_000)?;
        eprintln!("wrote {path} in {:.1} s", started.elapsed().as_secs_f64());
    }
    let compressed = std::fs::metadata(&path)?.len();
    let started = Instant::now();
    let (mut ok, mut errors, mut text_bytes) = (0u64, 0u64, 0u64);
    for item in demarche_web::open_warc(&path).map_err(std::io::Error::other)? {
        match item {
            Ok(a) => {
                ok += 1;
                text_bytes += a.text.len() as u64;
            }
            Err(e) => {
                errors += 1;
                eprintln!("error: {e}");
            }
        }
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{path}: {:.0} MB on disk, {ok} articles ({:.0} MB text), {errors} errors, {secs:.1} s, peak RSS {}",
        compressed as f64 / 1e6,
        text_bytes as f64 / 1e6,
        peak_rss().unwrap_or_else(|| "unknown".into())
    );
    Ok(())
}

fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM"))
        .map(|l| l["VmHWM:".len()..].trim().to_string())
}

fn write_synthetic(path: &str, target: u64) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    let mut written = 0u64;
    let mut state = 1u64;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut n = 0u64;
    while written < target {
        n += 1;
        let block = if n == 10 {
            big_page(50_000_000)
        } else if n == 20 {
            vec![b'v'; 200_000_000]
        } else {
            let paragraphs: String = (0..40)
                .map(|_| {
                    let sentence: Vec<&str> =
                        (0..30).map(|_| WORDS[next() % WORDS.len()]).collect();
                    format!("<p>{}.</p>\n", sentence.join(" "))
                })
                .collect();
            let nav: String = (0..200)
                .map(|i| format!("<li><a href=\"/s/{i}\">Section {i}</a></li>"))
                .collect();
            format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><head><title>Story {n}</title></head>\
                 <body><nav><ul>{nav}</ul></nav><article><h1>Story {n}</h1>{paragraphs}</article><footer>Footer</footer></body></html>"
            )
            .into_bytes()
        };
        let (warc_type, ct) = if n == 20 {
            ("resource", "video/mp4")
        } else {
            ("response", "application/http; msgtype=response")
        };
        let mut record = format!(
            "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: https://synthetic.example/{n}\r\n\
             WARC-Date: 2024-01-01T00:00:00Z\r\nContent-Type: {ct}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        record.extend_from_slice(&block);
        record.extend_from_slice(b"\r\n\r\n");
        let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
        gz.write_all(&record)?;
        out.write_all(&gz.finish()?)?;
        written += record.len() as u64;
    }
    out.flush()
}

fn big_page(size: usize) -> Vec<u8> {
    let mut page =
        String::from("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><article>");
    let mut i = 0;
    while page.len() < size {
        i += 1;
        page.push_str(&format!("<p>Line {i} of a very large page.</p>\n"));
    }
    page.into_bytes()
}
