//! Web input for demarche: articles out of HTML pages, WARC files and feeds,
//! their language, and near-duplicate detection.
//!
//! - [`extract_html`]: one page -> [`WebArticle`] (main text without boilerplate,
//!   title, publication date, language).
//! - [`read_warc`] / [`open_warc`]: a streaming iterator of articles from WARC
//!   (plain or gzip, multi-member as Common Crawl's CC-NEWS).
//! - [`read_feed`]: RSS / Atom / JSON Feed items as articles.
//! - [`detect_language`]: ISO 639-1 code of a text.
//! - [`DuplicateIndex`]: MinHash near-duplicate index with storable signatures.
//!
//! The knowledge (boilerplate words, class/id hints, date meta names, language
//! codes) lives in `data/web/`, compiled in and replaceable through [`WebRules`].

mod charset;
mod dates;
mod dedup;
mod feed;
mod html;
mod language;
mod lines;
mod nesting;
mod page;
mod rules;
mod warc;
mod warc_http;

pub use charset::{decode_html, detect_encoding};
pub use dedup::{DuplicateIndex, Signature};
pub use feed::read_feed;
pub use html::{extract_html, extract_html_with};
pub use language::{detect_language, is_english};
pub use page::html_to_text;
pub use rules::{DateHints, DomHints, LineRules, WebRules};
pub use warc::{open_warc, read_warc, WarcArticles};

use chrono::NaiveDate;

/// One article read from the web.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WebArticle {
    pub title: Option<String>,
    /// Main text, paragraphs separated by "\n", without page furniture.
    pub text: String,
    pub published: Option<NaiveDate>,
    /// URL of the page (WARC-Target-URI, feed item link), when known.
    pub origin: Option<String>,
    /// ISO 639-1 code of `text`, when it could be told.
    pub language: Option<String>,
}

/// What can go wrong reading web input.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error("I/O error: {0}")]
    Io(#[from] std::io::Error),
    #[error("malformed WARC record at byte {offset}: {reason}")]
    MalformedWarc { offset: u64, reason: String },
    #[error("cannot parse feed: {0}")]
    Feed(String),
    #[error("bad web data file: {0}")]
    Data(String),
}
