//! Stage `syntax`: a part-of-speech tagger and a dependency parser for English.
//!
//! Both are small linear models (averaged perceptrons over hashed feature
//! templates) trained on UD English EWT: a greedy left-to-right tagger over
//! joint UPOS+XPOS tags, and a greedy arc-hybrid transition parser trained
//! with a dynamic oracle. The trained model is compiled into the binary
//! ([`Model::embedded`]) and can be replaced with [`Model::load`].

pub mod bench;
pub mod conllu;
mod hash;
pub mod model;
mod parser;
mod tagger;
pub mod train;
mod weights;
mod words;

pub use model::{annotate_document, Analysis, Model};
pub use tagger::Tag;
pub use train::{evaluate, train, Scores, TrainOptions, TrainReport};
