//! read_feed on feeds written for these tests.

use demarche_web::{read_feed, WebError};

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
  <title>Valley Courier</title><link>https://courier.example/</link><description>Local news</description>
  <item>
    <title>Reservoir levels rise after &lt;em&gt;week&lt;/em&gt; of rain</title>
    <link>https://courier.example/2024/10/02/reservoir</link>
    <pubDate>Wed, 02 Oct 2024 08:15:00 +0000</pubDate>
    <description>&lt;p&gt;Water levels in the valley reservoir rose by a third after a week of heavy rain, the water board said.&lt;/p&gt;&lt;p&gt;Hosepipe limits will be lifted on &lt;b&gt;Monday&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;track()&lt;/script&gt;</description>
  </item>
  <item>
    <title>Library extends opening hours</title>
    <link>https://courier.example/library</link>
    <description>The town library will stay open until nine in the evening on weekdays from next month.</description>
  </item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Notes</title><id>urn:example:harbour</id><updated>2024-09-30T10:00:00Z</updated>
  <entry>
    <title>New pilot boat enters service</title>
    <id>urn:example:harbour:1</id>
    <link href="https://harbour.example/pilot-boat"/>
    <published>2024-09-29T16:00:00Z</published><updated>2024-09-30T10:00:00Z</updated>
    <summary>A short summary that should not be used.</summary>
    <content type="html">&lt;p&gt;The harbour's new pilot boat made its first trip on Sunday, guiding a grain carrier through the narrow channel.&lt;/p&gt;</content>
  </entry>
</feed>"#;

#[test]
fn rss_items_become_articles() {
    let items = read_feed(RSS.as_bytes()).unwrap();
    assert_eq!(items.len(), 2);
    let first = &items[0];
    assert_eq!(
        first.title.as_deref(),
        Some("Reservoir levels rise after week of rain")
    );
    assert_eq!(
        first.text,
        "Water levels in the valley reservoir rose by a third after a week of heavy rain, the water board said.\n\
         Hosepipe limits will be lifted on Monday."
    );
    assert_eq!(
        first.origin.as_deref(),
        Some("https://courier.example/2024/10/02/reservoir")
    );
    assert_eq!(
        first.published.map(|d| d.to_string()).as_deref(),
        Some("2024-10-02")
    );
    assert_eq!(first.language.as_deref(), Some("en"));
    assert_eq!(items[1].published, None);
    assert!(items[1].text.starts_with("The town library will stay open"));
}

#[test]
fn atom_prefers_content_over_summary() {
    let items = read_feed(ATOM.as_bytes()).unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0]
        .text
        .starts_with("The harbour's new pilot boat made its first trip"));
    assert!(!items[0].text.contains("summary"));
    assert_eq!(
        items[0].published.map(|d| d.to_string()).as_deref(),
        Some("2024-09-29")
    );
    assert_eq!(
        items[0].origin.as_deref(),
        Some("https://harbour.example/pilot-boat")
    );
}

#[test]
fn broken_feeds_are_errors() {
    assert!(matches!(
        read_feed(b"<rss><channel><item>"),
        Err(WebError::Feed(_))
    ));
    assert!(matches!(
        read_feed(b"not a feed at all"),
        Err(WebError::Feed(_))
    ));
    assert!(matches!(read_feed(b""), Err(WebError::Feed(_))));
}

#[test]
fn deeply_nested_item_html_does_not_hang() {
    let mut body = String::new();
    for _ in 0..50_000 {
        body.push_str("&lt;div&gt;");
    }
    body.push_str("Deep item text.");
    let rss = format!(
        "<rss version=\"2.0\"><channel><title>t</title><item><title>Deep</title><description>{body}</description></item></channel></rss>"
    );
    let started = std::time::Instant::now();
    let items = read_feed(rss.as_bytes()).unwrap();
    assert!(started.elapsed().as_secs() < 30);
    assert_eq!(items[0].text, "Deep item text.");
}
