//! What each fuzz target does with its input, and the properties it checks.
//!
//! Every target is a plain function over bytes so that two drivers share it:
//! libFuzzer (`fuzz_targets/*.rs`, run with `cargo fuzz run NAME`) and the
//! stable-Rust replay test (`tests/replay.rs`), which feeds it the kept
//! regression inputs and seeds. A target fails by panicking: a reader that
//! panics, loops or breaks an invariant of its output is a finding.
//!
//! The invariants are the ones the rest of the pipeline relies on: spans lie
//! inside the text and on character boundaries, layers are ordered, errors
//! are one line naming the input, iterators end.

mod check;
mod targets;

pub use targets::*;

/// Every target by the name of its fuzz binary (and of its folders under
/// `seeds/` and `regressions/`).
pub const TARGETS: &[(&str, fn(&[u8]))] = &[
    ("plain_text", plain_text),
    ("jsonl", jsonl),
    ("source", source),
    ("text", text),
    ("dates", dates),
    ("record", record),
    ("html", html),
    ("warc", warc),
    ("feed", feed),
    ("quotes", quotes),
    ("conllu", conllu),
    ("syntax_model", syntax_model),
];
