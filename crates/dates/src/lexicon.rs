//! The date words, read from `data/dates/lexicon.tsv` (or the user's copy).

use foldhash::{HashMap, HashMapExt};
use std::fmt;

use crate::scan::{norm, tokenize, Kind, Tok};

/// A calendar unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Fortnight,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
    Weekend,
    Half,
    /// A reporting period: the quarter a financial report covers.
    Period,
}

/// Where a relative word points.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rel {
    This,
    Last,
    Next,
    /// Before the last date the text mentioned.
    Previous,
    /// After the last date the text mentioned.
    Following,
    /// The most recent complete one ("the latest quarter").
    Latest,
    /// The one the text just mentioned ("the same day").
    Same,
}

/// The word after "N units".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offset {
    /// Back from the publication date.
    Ago,
    /// Back from the last date mentioned.
    Earlier,
    /// Forward from the last date mentioned.
    Later,
    /// Forward from the publication date.
    Hence,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefKind {
    Present,
    Past,
    Future,
}

impl RefKind {
    pub fn value(self) -> &'static str {
        match self {
            RefKind::Present => "PRESENT_REF",
            RefKind::Past => "PAST_REF",
            RefKind::Future => "FUTURE_REF",
        }
    }
}

/// How a holiday falls in a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holiday {
    Fixed {
        month: u32,
        day: u32,
    },
    /// The `nth` ISO weekday `weekday` of the month; `nth == 0` means the last.
    Nth {
        month: u32,
        weekday: u32,
        nth: u32,
    },
    /// The first ISO weekday `weekday` on or after day `day`.
    OnOrAfter {
        month: u32,
        weekday: u32,
        day: u32,
    },
}

/// A code kept verbatim in values: seasons (SP, SU, FA, WI) and parts of day (MO, AF, EV, NI).
pub type Code = [u8; 2];

pub fn code_str(code: &Code) -> &str {
    std::str::from_utf8(code).unwrap_or("XX")
}

/// What a lexicon phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    Month(u32),
    /// Needs a full stop or a day number after it.
    MonthAbbr(u32),
    /// A month name that is also a common word ("may").
    Ambiguous,
    Weekday(u32),
    WeekdayAbbr(u32),
    /// A cardinal; -1 for vague amounts ("several").
    Number(i64),
    Ordinal(u32),
    OrdinalSuffix,
    Unit(Unit),
    Season(Code),
    DayPart(Code),
    /// A day relative to the publication date, in days.
    Deictic(i32),
    Rel(Rel),
    Offset(Offset),
    Mod,
    Approx,
    Fiscal,
    /// "nineties": the tens of a decade.
    DecadeWord(u32),
    Ref(RefKind),
    Holiday(Holiday),
    CueFuture,
    CuePast,
    Prep,
    /// "a.m." (false) or "p.m." (true).
    Meridian(bool),
    TimeZone,
}

struct Entry {
    /// The phrase's tokens after the first one.
    rest: Vec<String>,
    class: Class,
}

/// Date words indexed by their first token.
pub struct Lexicon {
    by_first: HashMap<String, Vec<Entry>>,
}

/// A line of a lexicon file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "date lexicon line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

impl Lexicon {
    /// Reads a lexicon file: `phrase<TAB>class<TAB>value` lines, `#` comments.
    pub fn parse(contents: &str) -> Result<Lexicon, LexiconError> {
        let mut by_first: HashMap<String, Vec<Entry>> = HashMap::new();
        for (n, line) in contents.lines().enumerate() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: n + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(err(format!(
                    "expected phrase<TAB>class<TAB>value, got {line:?}"
                )));
            }
            let class = parse_class(cols[1], cols[2]).map_err(err)?;
            let phrase = cols[0].to_lowercase();
            let toks = tokenize(&phrase);
            let mut words = toks.iter().map(|t| norm(&phrase, t).to_string());
            let Some(first) = words.next() else {
                return Err(err("empty phrase".into()));
            };
            by_first.entry(first).or_default().push(Entry {
                rest: words.collect(),
                class,
            });
        }
        for entries in by_first.values_mut() {
            // Longest phrases first, so the first match is the longest.
            entries.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        }
        Ok(Lexicon { by_first })
    }

    /// Some phrase starts with `word`.
    pub fn knows(&self, word: &str) -> bool {
        self.by_first.contains_key(word)
    }

    /// Every phrase starting at token `i`, longest first, as (end token, class).
    pub fn at<'a>(
        &'a self,
        toks: &'a [Tok],
        lower: &'a str,
        i: usize,
    ) -> impl Iterator<Item = (usize, Class)> + 'a {
        let entries = toks
            .get(i)
            .filter(|t| t.kind != Kind::Punct || t.len() == 1)
            .and_then(|t| self.by_first.get(norm(lower, t)))
            .map(|v| v.as_slice())
            .unwrap_or(&[]);
        entries.iter().filter_map(move |e| {
            let end = i + 1 + e.rest.len();
            let tail = toks.get(i + 1..end)?;
            tail.iter()
                .zip(&e.rest)
                .all(|(t, w)| norm(lower, t) == w)
                .then_some((end, e.class))
        })
    }
}

fn parse_class(class: &str, value: &str) -> Result<Class, String> {
    let num = || {
        value
            .parse::<i64>()
            .map_err(|_| format!("{class}: {value:?} is not a number"))
    };
    let small = |lo: i64, hi: i64| -> Result<u32, String> {
        let n = num()?;
        if (lo..=hi).contains(&n) {
            Ok(n as u32)
        } else {
            Err(format!("{class}: {n} is outside {lo}..={hi}"))
        }
    };
    let code = |allowed: &[&str]| -> Result<Code, String> {
        if allowed.contains(&value) {
            let b = value.as_bytes();
            Ok([b[0], b[1]])
        } else {
            Err(format!("{class}: {value:?} is not one of {allowed:?}"))
        }
    };
    Ok(match class {
        "month" => Class::Month(small(1, 12)?),
        "month_abbr" => Class::MonthAbbr(small(1, 12)?),
        "ambiguous" => Class::Ambiguous,
        "weekday" => Class::Weekday(small(1, 7)?),
        "weekday_abbr" => Class::WeekdayAbbr(small(1, 7)?),
        "number" => Class::Number(num()?),
        "ordinal" => Class::Ordinal(small(1, 31)?),
        "ordinal_suffix" => Class::OrdinalSuffix,
        "unit" => Class::Unit(match value {
            "day" => Unit::Day,
            "week" => Unit::Week,
            "fortnight" => Unit::Fortnight,
            "month" => Unit::Month,
            "quarter" => Unit::Quarter,
            "year" => Unit::Year,
            "decade" => Unit::Decade,
            "century" => Unit::Century,
            "weekend" => Unit::Weekend,
            "half" => Unit::Half,
            "period" => Unit::Period,
            _ => return Err(format!("unknown unit {value:?}")),
        }),
        "season" => Class::Season(code(&["SP", "SU", "FA", "WI"])?),
        "daypart" => Class::DayPart(code(&["MO", "AF", "EV", "NI"])?),
        "deictic" => Class::Deictic(num()? as i32),
        "rel" => Class::Rel(match value {
            "this" => Rel::This,
            "last" => Rel::Last,
            "next" => Rel::Next,
            "previous" => Rel::Previous,
            "following" => Rel::Following,
            "latest" => Rel::Latest,
            "same" => Rel::Same,
            _ => return Err(format!("unknown rel {value:?}")),
        }),
        "offset" => Class::Offset(match value {
            "ago" => Offset::Ago,
            "earlier" => Offset::Earlier,
            "later" => Offset::Later,
            "hence" => Offset::Hence,
            _ => return Err(format!("unknown offset {value:?}")),
        }),
        "mod" => Class::Mod,
        "approx" => Class::Approx,
        "fiscal" => Class::Fiscal,
        "decade_word" => Class::DecadeWord(small(0, 90)?),
        "ref" => Class::Ref(match value {
            "PRESENT_REF" => RefKind::Present,
            "PAST_REF" => RefKind::Past,
            "FUTURE_REF" => RefKind::Future,
            _ => return Err(format!("unknown ref {value:?}")),
        }),
        "holiday" => Class::Holiday(parse_holiday(value)?),
        "cue_future" => Class::CueFuture,
        "cue_past" => Class::CuePast,
        "prep" => Class::Prep,
        "meridian" => Class::Meridian(match value {
            "am" => false,
            "pm" => true,
            _ => return Err(format!("meridian: {value:?} is not am or pm")),
        }),
        "timezone" => Class::TimeZone,
        _ => return Err(format!("unknown class {class:?}")),
    })
}

/// `MM-DD`, `MM/W/N` (N = L for the last) or `MM/W/>DD`.
fn parse_holiday(value: &str) -> Result<Holiday, String> {
    let bad = || format!("holiday {value:?}: expected MM-DD, MM/W/N or MM/W/>DD");
    let int = |s: &str| s.parse::<u32>().map_err(|_| bad());
    if let Some((m, d)) = value.split_once('-') {
        let (month, day) = (int(m)?, int(d)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(bad());
        }
        return Ok(Holiday::Fixed { month, day });
    }
    let parts: Vec<&str> = value.split('/').collect();
    let [m, w, n] = parts[..] else {
        return Err(bad());
    };
    let (month, weekday) = (int(m)?, int(w)?);
    if !(1..=12).contains(&month) || !(1..=7).contains(&weekday) {
        return Err(bad());
    }
    if let Some(day) = n.strip_prefix('>') {
        return Ok(Holiday::OnOrAfter {
            month,
            weekday,
            day: int(day)?,
        });
    }
    let nth = if n == "L" { 0 } else { int(n)? };
    if nth > 5 {
        return Err(bad());
    }
    Ok(Holiday::Nth {
        month,
        weekday,
        nth,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_phrases_and_rejects_bad_lines() {
        let lex = Lexicon::parse("# c\nthis past\trel\tlast\nthis\trel\tthis\n").unwrap();
        let text = "this past";
        let toks = tokenize(text);
        let got: Vec<_> = lex.at(&toks, text, 0).collect();
        assert_eq!(
            got,
            vec![(2, Class::Rel(Rel::Last)), (1, Class::Rel(Rel::This))]
        );
        let e = Lexicon::parse("x\tmonth\t13\n").err().unwrap();
        assert_eq!(e.line, 1);
        assert!(Lexicon::parse("x\tnonsense\t1\n").is_err());
        assert!(Lexicon::parse("x\tholiday\t11/4/9\n").is_err());
    }
}
