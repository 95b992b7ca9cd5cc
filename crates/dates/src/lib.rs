//! Stage `dates`: finds the temporal expressions of an English news text and
//! resolves each to a TIMEX3-style value against the publication date.
//!
//! Values follow TimeML: `2024-01-17`, `2024-01`, `2024-W03`, `2024-W03-WE`,
//! `2024-Q1`, `2024-H1`, `2024-SU`, `2024`, `199` (the 1990s), `19` (the 20th
//! century), `2024-01-16TNI` ("last night", "this morning"; "Friday night" is
//! the day alone, as the TempEval gold has it), `2024-01-16T09:00` ("9 a.m.
//! Tuesday"), and `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`. Durations ("three
//! years") are not tagged. A value is `None` when the text and the publication
//! date do not fix it (a relative expression in an undated text).
//!
//! The words live in `data/dates/lexicon.tsv` (see its README); a user's copy
//! under `$DEMARCHE_DATA/dates/` replaces the built-in one.
//!
//! How resolution works: a bare weekday or month-day points back to the latest
//! such day on or before the publication date, unless the nearest tense cue in
//! its sentence ("will", "scheduled", …) points forward. "last Friday" is the
//! latest Friday strictly before the publication date. "a year earlier", "the
//! previous day" count from the last date the text named.
//!
//! Events take their date from `Document::dates` (filled by [`annotate`]):
//! [`date_in`] picks the mention inside an event's clause.
//!
//! Measured with `examples/eval_timex.rs` and `score_ext.py timex` on the
//! TempEval-3 training sets: value F1 0.842 (TimeBank), 0.793 (AQUAINT).

mod lexicon;
mod parse;
mod resolve;
mod scan;
mod tense;

use std::sync::OnceLock;

use chrono::NaiveDate;
use demarche_model::{DateMention, Document, Span};

pub use lexicon::LexiconError;

/// The built-in date lexicon.
pub const EMBEDDED_LEXICON: &str = include_str!("../../../data/dates/lexicon.tsv");

/// Finds and resolves temporal expressions. Build it once and share it.
pub struct DateTagger {
    lexicon: lexicon::Lexicon,
}

impl DateTagger {
    /// A tagger over the user's lexicon file contents (format: `data/dates/README.md`).
    pub fn new(lexicon_tsv: &str) -> Result<DateTagger, LexiconError> {
        Ok(DateTagger {
            lexicon: lexicon::Lexicon::parse(lexicon_tsv)?,
        })
    }

    /// The shared tagger over `dates/lexicon.tsv`: the user's copy when the data
    /// override folder has a valid one, else the built-in lexicon.
    pub fn embedded() -> &'static DateTagger {
        static TAGGER: OnceLock<DateTagger> = OnceLock::new();
        TAGGER.get_or_init(|| {
            let contents = demarche_model::data::text("dates/lexicon.tsv", EMBEDDED_LEXICON);
            DateTagger::new(&contents).unwrap_or_else(|e| {
                eprintln!("demarche: dates/lexicon.tsv: {e}; using the built-in copy");
                DateTagger::new(EMBEDDED_LEXICON).expect("the built-in date lexicon is valid")
            })
        })
    }

    /// Every temporal expression in `text`, in order, with byte spans and values
    /// resolved against `published`.
    pub fn tag(&self, text: &str, published: Option<NaiveDate>) -> Vec<DateMention> {
        let lower = text.to_ascii_lowercase();
        let toks = scan::tokenize(text);
        let parser = parse::Parser {
            toks: &toks,
            lower: &lower,
            lex: &self.lexicon,
        };
        let mut resolver = resolve::Resolver::new(published);
        parser
            .parse_all()
            .into_iter()
            .map(|p| {
                let span = Span {
                    start: toks[p.start].start,
                    end: toks[p.end - 1].end,
                };
                let tense = tense::tense_around(&toks, &lower, &self.lexicon, p.start, p.end);
                DateMention {
                    span,
                    value: resolver.resolve(&p, tense, span.start),
                }
            })
            .collect()
    }
}

/// Fills `doc.dates` from `doc.text` and `doc.published`, with the shared tagger.
pub fn annotate(doc: &mut Document) {
    doc.dates = DateTagger::embedded().tag(&doc.text, doc.published);
}

/// The date of a clause for the events stage: among the mentions inside
/// `clause`, the first with a full calendar day, else the first with any value.
pub fn date_in(dates: &[DateMention], clause: Span) -> Option<&DateMention> {
    let inside = || {
        dates
            .iter()
            .filter(move |d| clause.contains(d.span) && d.value.is_some())
    };
    inside()
        .find(|d| d.value.as_deref().is_some_and(is_calendar_day))
        .or_else(|| inside().next())
}

/// `YYYY-MM-DD`, possibly with a part of day after it.
pub fn is_calendar_day(value: &str) -> bool {
    let b = value.as_bytes();
    b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b[..4]
            .iter()
            .chain(&b[5..7])
            .chain(&b[8..10])
            .all(u8::is_ascii_digit)
}
