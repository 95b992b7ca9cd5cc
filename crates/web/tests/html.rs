//! extract_html on pages written for these tests, and on hostile input.

use std::time::{Duration, Instant};

use demarche_web::{extract_html, WebArticle};

const ARTICLE: &[u8] = include_bytes!("samples/article.html");

fn article() -> WebArticle {
    extract_html(
        ARTICLE,
        Some("https://ledger.example/world/port-reopens"),
        Some("text/html; charset=utf-8"),
    )
}

#[test]
fn keeps_the_article_body() {
    let a = article();
    for needle in [
        "The Port of Velmara reopened to cargo traffic on Friday",
        "Harbour master Tomas Elvey told reporters",
        "The repairs cost the regional government an estimated 14 million euros",
        "Shipping agents welcomed the news",
        "The port authority said it would publish a full report",
    ] {
        assert!(
            a.text.contains(needle),
            "missing {needle:?} in:\n{}",
            a.text
        );
    }
    // paragraphs are lines
    assert!(a.text.lines().count() >= 5, "{}", a.text);
}

#[test]
fn drops_the_boilerplate() {
    let a = article();
    for needle in [
        "We use cookies",
        "Business",
        "Cranes idle at the eastern quay",
        "Advertisement",
        "Read more:",
        "Share on Facebook",
        "Fishing fleet returns",
        "Great news for the town",
        "Council approves new cycle lanes",
        "All rights reserved",
        "trackingQueue",
    ] {
        assert!(
            !a.text.contains(needle),
            "boilerplate {needle:?} kept in:\n{}",
            a.text
        );
    }
}

#[test]
fn metadata() {
    let a = article();
    assert_eq!(
        a.title.as_deref(),
        Some("Port of Velmara reopens after storm repairs")
    );
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2025-02-14")
    );
    assert_eq!(
        a.origin.as_deref(),
        Some("https://ledger.example/world/port-reopens")
    );
    assert_eq!(a.language.as_deref(), Some("en"));
}

fn page_with_body(head: &str, body: &str) -> String {
    format!("<html><head>{head}</head><body><article>{body}</article></body></html>")
}

const PROSE: &str = "<p>The committee heard evidence from three former ministers over two days of hearings in the capital.</p>\
    <p>Each of them described the budget process as slow, opaque and in need of a thorough overhaul before the next election.</p>\
    <p>The committee is expected to publish its recommendations before the summer recess, its chair told the chamber.</p>";

#[test]
fn date_from_time_element_and_from_url() {
    let page = page_with_body(
        "<title>Hearings</title>",
        &format!("<time datetime=\"2024-11-03T09:00\">3 Nov</time>{PROSE}"),
    );
    let a = extract_html(page.as_bytes(), None, None);
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2024-11-03")
    );

    let page = page_with_body("<title>Hearings</title>", PROSE);
    let a = extract_html(
        page.as_bytes(),
        Some("https://news.example/politics/2023/06/21/hearings"),
        None,
    );
    assert_eq!(
        a.published.map(|d| d.to_string()).as_deref(),
        Some("2023-06-21")
    );

    let a = extract_html(
        page.as_bytes(),
        Some("https://news.example/politics/hearings"),
        None,
    );
    assert_eq!(a.published, None);
}

#[test]
fn legacy_charset_from_header_and_meta() {
    let body = PROSE.replace("opaque", "opaque (\u{e9}t\u{e9})");
    let page = page_with_body("<title>x</title>", &body);
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let a = extract_html(&latin1, None, Some("text/html; charset=windows-1252"));
    assert!(a.text.contains("opaque (été)"), "{}", a.text);

    let page = page_with_body("<meta charset=\"iso-8859-1\"><title>x</title>", &body);
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    let a = extract_html(&latin1, None, None);
    assert!(a.text.contains("opaque (été)"), "{}", a.text);
}

#[test]
fn non_english_is_labelled() {
    let body = "<p>Der Ausschuss hörte an zwei Tagen die Aussagen von drei ehemaligen Ministern in der Hauptstadt.</p>\
        <p>Alle beschrieben das Haushaltsverfahren als langsam und undurchsichtig und forderten eine gründliche Reform.</p>\
        <p>Der Ausschuss will seine Empfehlungen noch vor der Sommerpause veröffentlichen, sagte die Vorsitzende.</p>";
    let a = extract_html(
        page_with_body("<title>Anhörung</title>", body).as_bytes(),
        None,
        None,
    );
    assert_eq!(a.language.as_deref(), Some("de"));
}

#[test]
fn empty_and_garbage_input_give_empty_articles() {
    for input in [
        &b""[..],
        b"\xff\xfe\x00\x01garbage",
        b"<html",
        b"<<<<>>>>",
        b"plain words without any markup",
    ] {
        let a = extract_html(input, None, None);
        assert!(a.text.len() < 100);
    }
}

fn assert_quick(what: &str, started: Instant, limit: Duration) {
    assert!(
        started.elapsed() < limit,
        "{what} took {:?}",
        started.elapsed()
    );
}

#[test]
fn deeply_nested_divs_do_not_hang_or_overflow() {
    let mut page = String::from("<html><body>");
    for _ in 0..100_000 {
        page.push_str("<div>");
    }
    page.push_str(PROSE);
    let started = Instant::now();
    let a = extract_html(page.as_bytes(), None, None);
    assert_quick("100k nested divs", started, Duration::from_secs(60));
    assert!(a.text.contains("three former ministers"), "{}", a.text);
}

#[test]
fn deeply_nested_inline_elements_do_not_overflow() {
    let mut page = String::from("<html><body><p>");
    for _ in 0..100_000 {
        page.push_str("<span><b>");
    }
    page.push_str("Words at the bottom of a very deep pile of inline elements.");
    let started = Instant::now();
    let _ = extract_html(page.as_bytes(), None, None);
    assert_quick("100k nested spans", started, Duration::from_secs(60));
}

#[test]
fn a_50_mb_page_gives_a_clean_result() {
    let mut page = String::from("<html><head><title>Long</title></head><body><article>");
    let mut i = 0;
    while page.len() < 50_000_000 {
        i += 1;
        page.push_str(&format!("<p>Paragraph {i} of a very long page, written to test the size limits of the extractor.</p>\n"));
    }
    let started = Instant::now();
    let a = extract_html(page.as_bytes(), None, None);
    assert_quick("50 MB page", started, Duration::from_secs(120));
    assert!(
        a.text.starts_with("Paragraph 1 of a very long page"),
        "{}",
        &a.text[..a.text.len().min(200)]
    );
}
