//! Finds temporal expressions in a token stream and gives each its structure
//! (what it names), leaving the calendar arithmetic to `resolve`.

mod numbers;
mod words;

use crate::lexicon::{Class, Code, Holiday, Lexicon, Offset, RefKind, Rel, Unit};
use crate::scan::{norm, Kind, Tok};

/// Which year a partial date belongs to, as far as the words say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YearRef {
    /// No year given: decided by the tense and the publication date.
    Implicit,
    Year(i32),
    /// "last April", "this summer": relative to the publication date.
    Rel(Rel),
    /// "June last year", "last year's third quarter": in the year named relatively.
    RelYear(Rel),
}

/// What an expression names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expr {
    Ref(RefKind),
    /// A calendar date, possibly without its year or day.
    Date {
        year: YearRef,
        month: u32,
        day: Option<u32>,
    },
    Year(i32),
    /// The first three digits of a decade year (199 for the 1990s).
    Decade(i32),
    /// The tens of a decade named without its century ("the nineties", "'80s").
    DecadeOfCentury(u32),
    /// The first two digits of a century's years (19 for the 20th century).
    Century(i32),
    Season {
        season: Code,
        year: YearRef,
    },
    /// A quarter; `None` is "the quarter" the text is reporting on.
    Quarter {
        q: Option<u32>,
        year: YearRef,
    },
    Half {
        h: u32,
        year: YearRef,
    },
    Weekday {
        weekday: u32,
        rel: Option<Rel>,
    },
    /// A day counted from the publication date ("yesterday").
    Deictic(i32),
    RelUnit {
        rel: Rel,
        unit: Unit,
    },
    /// "two days ago", "a year earlier"; `quarter` when the words name a quarter ("the year-ago quarter").
    Shift {
        n: i64,
        unit: Unit,
        offset: Offset,
        quarter: bool,
    },
    Holiday {
        holiday: Holiday,
        year: YearRef,
    },
}

/// An expression found in the text: its token range and meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    /// Part of the day named with it ("Monday night").
    pub part: Option<Code>,
    /// Clock time named with it ("9 a.m. Tuesday"): hour and minute.
    pub time: Option<(u32, u32)>,
}

pub struct Parser<'a> {
    pub toks: &'a [Tok],
    pub lower: &'a str,
    pub lex: &'a Lexicon,
}

/// Counts beyond this are amounts, not distances in time.
const MAX_COUNT: i64 = 1000;

/// A partial match: the token after it and what it found.
type Hit<T> = Option<(usize, T)>;

impl<'a> Parser<'a> {
    /// Every expression, left to right, longest match first, without overlaps.
    pub fn parse_all(&self) -> Vec<Parsed> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            match self.longest_at(i) {
                Some(p) => {
                    i = p.end;
                    out.push(p);
                }
                None => i += 1,
            }
        }
        out
    }

    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map(|t| norm(self.lower, t)).unwrap_or("")
    }

    fn is(&self, i: usize, w: &str) -> bool {
        self.word(i) == w
    }

    /// Token `i` exists and touches the token before it.
    fn glued(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.space_before)
    }

    fn capital(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.capital)
    }

    fn find<T>(&self, i: usize, f: impl Fn(Class) -> Option<T>) -> Hit<T> {
        self.lex
            .at(self.toks, self.lower, i)
            .find_map(|(end, c)| f(c).map(|v| (end, v)))
    }

    fn has(&self, i: usize, f: impl Fn(Class) -> bool) -> bool {
        self.lex.at(self.toks, self.lower, i).any(|(_, c)| f(c))
    }

    /// A run of digits at `i`: its value and length.
    fn digits(&self, i: usize) -> Option<(u32, usize)> {
        let t = self.toks.get(i)?;
        if t.kind != Kind::Digit || t.len() > 4 {
            return None;
        }
        Some((self.word(i).parse().ok()?, t.len()))
    }

    /// Skips a hyphen glued to both neighbours ("third-quarter", "mid-June").
    fn skip_hyphen(&self, i: usize) -> usize {
        if self.is(i, "-") && self.glued(i) && self.glued(i + 1) {
            i + 1
        } else {
            i
        }
    }

    fn unit(&self, i: usize) -> Hit<Unit> {
        self.find(i, |c| match c {
            Class::Unit(u) => Some(u),
            _ => None,
        })
    }

    fn rel(&self, i: usize) -> Hit<Rel> {
        self.find(i, |c| match c {
            Class::Rel(r) => Some(r),
            _ => None,
        })
    }

    fn longest_at(&self, i: usize) -> Option<Parsed> {
        // Every expression starts with a lexicon word, a number or an apostrophe.
        let tok = self.toks.get(i)?;
        if tok.kind == Kind::Alpha && !self.lex.knows(self.word(i)) {
            return None;
        }
        let mut best: Option<Parsed> = None;
        let mut consider = |p: Option<Parsed>| {
            if let Some(p) = p {
                let longer = match best {
                    Some(b) => p.end > b.end,
                    None => true,
                };
                if longer {
                    best = Some(p);
                }
            }
        };
        consider(self.core(i));
        // An article or modifier joins a calendar expression, not a fixed reference ("the recently ...").
        let prefixed =
            |p: Parsed| (!matches!(p.expr, Expr::Ref(_))).then_some(Parsed { start: i, ..p });
        if self.is(i, "the") {
            consider(self.core(i + 1).and_then(prefixed));
            consider(self.the_unit(i));
        }
        if let Some((j, time)) = self.clock(i) {
            let dated = |p: &Parsed| {
                matches!(
                    p.expr,
                    Expr::Weekday { .. } | Expr::Deictic(_) | Expr::Date { day: Some(_), .. }
                )
            };
            consider(self.core(j).filter(dated).map(|p| Parsed {
                start: i,
                time: Some(time),
                ..p
            }));
        }
        for (j, class) in self.lex.at(self.toks, self.lower, i) {
            if class == Class::Mod {
                let k = self.skip_hyphen(j);
                consider(self.core(k).and_then(prefixed));
                if self.is(k, "the") {
                    consider(self.core(k + 1).and_then(prefixed));
                    consider(self.the_unit(k).map(|p| Parsed { start: i, ..p }));
                }
            }
        }
        best
    }

    /// "the year", "the quarter", "the week": the one the text is about.
    fn the_unit(&self, i: usize) -> Option<Parsed> {
        let (end, unit) = self.unit(i + 1)?;
        if !matches!(
            unit,
            Unit::Year | Unit::Quarter | Unit::Month | Unit::Week | Unit::Weekend
        ) || self.word(i + 1).ends_with('s')
            || self.is(end, "-") && self.glued(end)
        {
            return None;
        }
        if unit == Unit::Year {
            // "the year 2000", "the year two thousand"
            if let Some((e, y)) = self.year_at(end).or_else(|| self.spelled_year(end)) {
                let expr = Expr::Year(y);
                return Some(Parsed {
                    start: i,
                    end: e,
                    expr,
                    part: None,
                    time: None,
                });
            }
        }
        let expr = if unit == Unit::Quarter {
            Expr::Quarter {
                q: None,
                year: YearRef::Implicit,
            }
        } else {
            Expr::RelUnit {
                rel: Rel::Same,
                unit,
            }
        };
        Some(Parsed {
            start: i,
            end,
            expr,
            part: None,
            time: None,
        })
    }

    /// "year-end", "year end", "year's end": the end of the current year.
    fn year_end(&self, i: usize) -> Hit<Expr> {
        let (mut j, Unit::Year) = self.unit(i)? else {
            return None;
        };
        if self.word(i).ends_with('s') {
            return None;
        }
        if self.is(j, "-") && self.glued(j) {
            j += 1;
        } else if self.is(j, "'") && self.is(j + 1, "s") {
            j += 2;
        }
        self.is(j, "end").then_some((
            j + 1,
            Expr::RelUnit {
                rel: Rel::This,
                unit: Unit::Year,
            },
        ))
    }

    /// A clock time before a day ("9 a.m. EST Tuesday"): its hour and minute.
    fn clock(&self, i: usize) -> Hit<(u32, u32)> {
        let (h, len) = self.digits(i)?;
        let mut j = i + 1;
        let mut minute = 0;
        if self.is(j, ":") && self.glued(j) {
            minute = self.digits(j + 1).filter(|&(m, l)| l == 2 && m < 60)?.0;
            j += 2;
        }
        let (mut end, pm) = self.find(j, |c| match c {
            Class::Meridian(pm) => Some(pm),
            _ => None,
        })?;
        if len > 2 || !(1..=12).contains(&h) {
            return None;
        }
        if self.has(end, |c| c == Class::TimeZone) {
            end += 1;
        }
        let add = if pm { 12 } else { 0 };
        Some((end, (h % 12 + add, minute)))
    }

    fn core(&self, i: usize) -> Option<Parsed> {
        let tok = self.toks.get(i)?;
        let found = match tok.kind {
            Kind::Digit => [self.digit_expr(i), self.shift(i)]
                .into_iter()
                .flatten()
                .max_by_key(|(end, _)| *end),
            Kind::Punct => self.short_decade(i),
            Kind::Alpha => {
                let tries = [
                    self.month_expr(i),
                    self.weekday_expr(i),
                    self.rel_expr(i),
                    self.deictic(i),
                    self.ordinal_expr(i),
                    self.fiscal_expr(i),
                    self.season_expr(i),
                    self.decade_word(i),
                    self.reference(i),
                    self.holiday(i),
                    self.shift(i),
                    self.spelled_year(i).map(|(e, y)| (e, Expr::Year(y))),
                    self.year_end(i),
                ];
                tries.into_iter().flatten().max_by_key(|(end, _)| *end)
            }
        };
        let (end, expr) = found?;
        let (end, part) = match expr {
            Expr::Weekday { .. } | Expr::Deictic(_) | Expr::Date { day: Some(_), .. } => {
                match self.day_part(end) {
                    Some((e, p)) => (e, Some(p)),
                    None => (end, None),
                }
            }
            _ => (end, None),
        };
        Some(Parsed {
            start: i,
            end,
            expr,
            part,
            time: None,
        })
    }

    fn day_part(&self, i: usize) -> Hit<Code> {
        self.find(i, |c| match c {
            Class::DayPart(p) => Some(p),
            _ => None,
        })
    }
}
