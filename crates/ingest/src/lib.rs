//! The ingest stage: turns the paths a user names into a stream of raw
//! documents (metadata + body), in a stable order, one error per bad input
//! without stopping the others.
//!
//! - [`sources`]: paths, folders (recursive, sorted) and `-` into input sources; gzip opened transparently.
//! - [`plain`]: plain-text articles (headline on the first line, ` date YYYY-MM-DD ` marker).
//! - [`jsonl`]: JSON Lines records (`text` or `html`, `id`/`url`, `title`, `published`/`date`).

pub mod error;
pub mod jsonl;
pub mod plain;
pub mod sources;

use chrono::NaiveDate;

pub use error::InputError;
pub use sources::{read_all, Format, Source};

/// A document as found in the input, before cleaning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawDoc {
    /// Path as given, URL, or record id.
    pub origin: String,
    pub title: Option<String>,
    /// The title came as a field of its own beside a text its producer wrote (a JSON
    /// Lines record): a first line of the text equal to it is the article's headline,
    /// kept (it may carry a claim: "Poll: …", "Lavrov: …"); only later repeats are
    /// boilerplate. False when the title was read off the body or a page's markup.
    pub title_is_field: bool,
    pub published: Option<NaiveDate>,
    pub body: Body,
    pub language: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    Text(String),
    /// Raw HTML bytes: the web reader detects the charset.
    Html(Vec<u8>),
}

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

/// Parses the date at the start of `s`: "2024-02-06", "2024-02-06T10:00:00Z", "2024/02/06".
pub fn parse_date_prefix(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(head, "%Y/%m/%d"))
        .ok()
}
