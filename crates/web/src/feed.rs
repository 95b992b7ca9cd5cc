//! RSS, Atom and JSON Feed: each item becomes an article.

use crate::page::{html_to_text, tidy_lines};
use crate::{detect_language, WebArticle, WebError};

/// The items of a feed, in feed order. The item's full content is used when
/// present, else its summary; HTML in either is reduced to text. `origin` is
/// the item's first link, `published` its publication (else update) date.
pub fn read_feed(bytes: &[u8]) -> Result<Vec<WebArticle>, WebError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| WebError::Feed(e.to_string()))?;
    Ok(feed.entries.into_iter().map(article_of_entry).collect())
}

fn article_of_entry(entry: feed_rs::model::Entry) -> WebArticle {
    let body = entry
        .content
        .and_then(|c| c.body)
        .filter(|b| !b.trim().is_empty())
        .or_else(|| entry.summary.map(|s| s.content))
        .unwrap_or_default();
    let text = markup_to_text(&body);
    let title = entry
        .title
        .map(|t| markup_to_text(&t.content).replace('\n', " "))
        .filter(|t| !t.is_empty());
    WebArticle {
        language: detect_language(&text),
        title,
        text,
        published: entry.published.or(entry.updated).map(|d| d.date_naive()),
        origin: entry.links.into_iter().next().map(|l| l.href),
    }
}

/// Feed text may be HTML or plain text; both come out as plain lines.
fn markup_to_text(s: &str) -> String {
    if s.contains('<') {
        html_to_text(s)
    } else {
        tidy_lines(&html_to_text(&s.replace('\n', "<br>")))
    }
}
