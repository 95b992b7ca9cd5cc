//! read_warc / open_warc on WARC streams built here, and on broken ones.

use std::io::Write;

use demarche_web::{open_warc, read_warc, WebError};
use flate2::write::GzEncoder;
use flate2::Compression;

fn page(title: &str, sentence: &str) -> String {
    let paragraphs: String = (1..=4)
        .map(|i| format!("<p>{sentence} This is paragraph number {i} of the report, with enough words to count as prose.</p>"))
        .collect();
    format!("<html><head><title>{title}</title></head><body><nav><a href=\"/\">Home</a></nav><article><h1>{title}</h1>{paragraphs}</article></body></html>")
}

fn record(warc_type: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.0\r\nWARC-Type: {warc_type}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-06T12:34:56Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000000>\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http_response(status: &str, content_type: &str, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n{extra_headers}\r\n")
        .into_bytes();
    r.extend_from_slice(body);
    r
}

fn response(uri: &str, body: &str) -> Vec<u8> {
    let http = http_response("200 OK", "text/html; charset=utf-8", "", body.as_bytes());
    record("response", uri, "application/http; msgtype=response", &http)
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(data).unwrap();
    enc.finish().unwrap()
}

/// A small crawl: metadata records around two pages, an error page and an image.
fn crawl_records() -> Vec<Vec<u8>> {
    vec![
        record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: handmade\r\n",
        ),
        record(
            "request",
            "https://a.example/one",
            "application/http; msgtype=request",
            b"GET /one HTTP/1.1\r\n\r\n",
        ),
        response(
            "https://a.example/one",
            &page(
                "Bridge vote delayed",
                "The city council delayed its vote on the new bridge.",
            ),
        ),
        record(
            "response",
            "https://a.example/missing",
            "application/http; msgtype=response",
            &http_response("404 Not Found", "text/html", "", b"<p>not here</p>"),
        ),
        record(
            "response",
            "https://a.example/logo.png",
            "application/http; msgtype=response",
            &http_response("200 OK", "image/png", "", b"\x89PNG\r\n\x1a\n"),
        ),
        record(
            "metadata",
            "https://a.example/one",
            "application/warc-fields",
            b"fetchTimeMs: 12\r\n",
        ),
        response(
            "https://b.example/two",
            &page(
                "Rail strike called off",
                "Union leaders called off the planned rail strike.",
            ),
        ),
    ]
}

#[test]
fn plain_warc_yields_html_responses_only() {
    let data: Vec<u8> = crawl_records().concat();
    let articles: Vec<_> = read_warc(&data[..]).collect::<Result<_, _>>().unwrap();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].origin.as_deref(), Some("https://a.example/one"));
    assert_eq!(articles[0].title.as_deref(), Some("Bridge vote delayed"));
    assert!(articles[0]
        .text
        .contains("The city council delayed its vote"));
    assert!(!articles[0].text.contains("HTTP/1.1"));
    assert!(!articles[0].text.contains("Home"));
    // no date in the page: WARC-Date is the fallback
    assert_eq!(
        articles[0].published.map(|d| d.to_string()).as_deref(),
        Some("2024-05-06")
    );
    assert_eq!(articles[1].origin.as_deref(), Some("https://b.example/two"));
    assert_eq!(articles[1].language.as_deref(), Some("en"));
}

#[test]
fn gzip_per_record_as_common_crawl_writes_it() {
    let data: Vec<u8> = crawl_records()
        .iter()
        .map(|r| gzip(r))
        .collect::<Vec<_>>()
        .concat();
    let articles: Vec<_> = read_warc(&data[..]).collect::<Result<_, _>>().unwrap();
    assert_eq!(articles.len(), 2);
    assert!(articles[1]
        .text
        .contains("Union leaders called off the planned rail strike"));
}

#[test]
fn open_warc_sniffs_gzip_from_a_file() {
    let dir = std::env::temp_dir().join(format!("demarche-web-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("crawl.warc.gz");
    std::fs::write(&path, gzip(&crawl_records().concat())).unwrap();
    let n = open_warc(&path).unwrap().filter(Result::is_ok).count();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(n, 2);
    assert!(matches!(
        open_warc(dir.join("absent.warc")),
        Err(WebError::Io(_))
    ));
}

#[test]
fn compressed_and_chunked_payloads_are_decoded() {
    let html = page(
        "Harvest report",
        "Farmers reported an early harvest this year.",
    );
    let http = http_response(
        "200 OK",
        "text/html",
        "Content-Encoding: gzip\r\n",
        &gzip(html.as_bytes()),
    );
    let data = record(
        "response",
        "https://c.example/h",
        "application/http; msgtype=response",
        &http,
    );
    let articles: Vec<_> = read_warc(&data[..]).collect::<Result<_, _>>().unwrap();
    assert!(articles[0]
        .text
        .contains("Farmers reported an early harvest"));

    let chunked = format!("{:x}\r\n{html}\r\n0\r\n\r\n", html.len());
    let http = http_response(
        "200 OK",
        "text/html",
        "Transfer-Encoding: chunked\r\n",
        chunked.as_bytes(),
    );
    let data = record(
        "response",
        "https://c.example/h",
        "application/http; msgtype=response",
        &http,
    );
    let articles: Vec<_> = read_warc(&data[..]).collect::<Result<_, _>>().unwrap();
    assert!(articles[0]
        .text
        .contains("Farmers reported an early harvest"));
}

#[test]
fn truncated_gzip_is_an_error_then_the_end() {
    let data = gzip(&crawl_records().concat());
    let cut = &data[..data.len() * 2 / 3];
    let results: Vec<_> = read_warc(cut).collect();
    assert!(
        matches!(results.last(), Some(Err(WebError::Io(_)))),
        "{results:?}"
    );
    assert!(results.len() <= 3);
}

#[test]
fn truncated_plain_record_is_an_error() {
    let data = crawl_records().concat();
    let results: Vec<_> = read_warc(&data[..data.len() - 200]).collect();
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1);
    assert!(matches!(results.last(), Some(Err(WebError::Io(_)))));
}

#[test]
fn malformed_record_is_reported_and_reading_resumes() {
    let mut data = response(
        "https://a.example/one",
        &page("First", "The first story is about a new harbour."),
    );
    data.extend_from_slice(
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: many\r\n\r\nsome bytes\r\n\r\n",
    );
    data.extend_from_slice(b"this line is not a WARC header\r\n");
    data.extend(response(
        "https://a.example/three",
        &page("Third", "The third story is about a school."),
    ));
    let results: Vec<_> = read_warc(&data[..]).collect();
    let ok: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(ok.len(), 2, "{results:?}");
    assert_eq!(ok[1].origin.as_deref(), Some("https://a.example/three"));
    let err = results.iter().find_map(|r| r.as_ref().err()).unwrap();
    assert!(matches!(err, WebError::MalformedWarc { .. }));
    assert!(err.to_string().contains("Content-Length"), "{err}");
}

#[test]
fn random_bytes_end_without_panic() {
    let mut state: u64 = 7;
    let noise: Vec<u8> = (0..200_000)
        .map(|_| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 56) as u8
        })
        .collect();
    let results: Vec<_> = read_warc(&noise[..]).take(1000).collect();
    assert!(results.iter().all(Result::is_err));
    assert!(!results.is_empty() && results.len() < 1000);
    let mut gz_noise = vec![0x1f, 0x8b];
    gz_noise.extend_from_slice(&noise[..1000]);
    let results: Vec<_> = read_warc(&gz_noise[..]).take(10).collect();
    assert_eq!(results.len(), 1);
    assert!(matches!(results[0], Err(WebError::Io(_))));
}

#[test]
fn huge_non_article_record_is_skipped_without_buffering() {
    let big = vec![b'x'; 30_000_000];
    let mut data = record("resource", "https://a.example/video", "video/mp4", &big);
    data.extend(response(
        "https://a.example/one",
        &page("After", "The story after a very large record."),
    ));
    let articles: Vec<_> = read_warc(&data[..]).collect::<Result<_, _>>().unwrap();
    assert_eq!(articles.len(), 1);
    assert!(articles[0]
        .text
        .contains("The story after a very large record"));
}
