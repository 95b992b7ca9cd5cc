//! The document model shared by every stage of the demarche pipeline.
//!
//! A [`Document`] owns the cleaned text once. Every stage adds a layer of
//! [`Span`]s (byte ranges into that text) and never copies or re-slices the
//! text behind the others' back. The output contract (`demarche.document/1`)
//! is produced by [`record::Record::from_document`], which turns byte spans
//! into the character offsets the schema requires.

pub mod data;
pub mod document;
pub mod layers;
pub mod record;
pub mod span;
pub mod syntax;

pub use document::Document;
pub use layers::*;
pub use record::Record;
pub use span::{covering, CharIndex, Span};
pub use syntax::{Deprel, SentenceSyntax, Upos};
