//! The text stage: turns a raw body into cleaned text, then adds the first
//! layers every later stage reads: paragraphs, tokens and sentences.
//!
//! - [`clean`]: NFC, boilerplate lines, repeated title, whitespace.
//! - [`tokenize`]: words, numbers, quotation marks, punctuation, with byte spans.
//! - [`sentences`]: sentence boundaries over the tokens (abbreviations,
//!   initials, quotes, headlines, ellipses).
//!
//! Knowledge (abbreviations, boilerplate, clitics) lives in `data/text/`.

pub mod clean;
mod config;
pub mod sentences;
pub mod tokenize;

use demarche_model::{Document, Span};

pub use clean::{clean, clean_with, Cleaned};
pub use config::TextConfig;

/// Adds paragraphs, tokens and sentences to a document whose `text` is already clean.
pub fn analyse(doc: &mut Document) {
    let cfg = TextConfig::get();
    doc.paragraphs = paragraphs(&doc.text);
    doc.tokens = tokenize::tokenize(&doc.text, cfg);
    doc.sentences = sentences::split(&doc.text, &doc.tokens, cfg);
}

/// Non-empty lines of the text: the cleaner leaves one paragraph per line.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b == b'\n' {
            push_trimmed(text, start, i, &mut out);
            start = i + 1;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let line = &text[start..end];
    let lead = line.len() - line.trim_start().len();
    let trimmed = line.trim();
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}
