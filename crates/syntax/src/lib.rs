//! Stage `syntax`: a part-of-speech tagger and a dependency parser for English.
//!
//! Both are small linear models (averaged perceptrons over hashed feature
//! templates) trained on UD English EWT: a greedy two-pass tagger over joint
//! UPOS+XPOS tags, and an arc-hybrid transition parser, greedy and trained
//! with a dynamic oracle (or, on request, beam search trained globally, in
//! `beam`). Each model is trained several times with different seeds and the
//! mean of the runs' weights shipped (`train`). The trained model is compiled into the binary
//! ([`Model::embedded`]) and can be replaced with [`Model::load`].

mod beam;
pub mod bench;
pub mod conllu;
mod english;
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
