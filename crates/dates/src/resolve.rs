//! Turns a parsed expression into its TIMEX3 value, given the publication
//! date, the tense around the expression and what the text mentioned before.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

use crate::lexicon::{code_str, Holiday, Offset, Rel, Unit};
use crate::parse::{Expr, Parsed, YearRef};
use crate::tense::Tense;

/// How far back (in bytes) a quarter the text named still anchors "a year ago".
const QUARTER_CONTEXT_BYTES: u32 = 1500;

/// The resolver walks a document's expressions in order and remembers the
/// last dates they named, which anchor "the previous day" or "a year earlier".
pub struct Resolver {
    dct: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    last_quarter: Option<(i32, u32, u32)>,
    last_year: Option<i32>,
}

impl Resolver {
    pub fn new(dct: Option<NaiveDate>) -> Self {
        Resolver {
            dct,
            last_day: None,
            last_quarter: None,
            last_year: None,
        }
    }

    /// The value of `p`, found at byte `pos`; `None` when the text does not fix it.
    pub fn resolve(&mut self, p: &Parsed, tense: Tense, pos: u32) -> Option<String> {
        let value = self.value(p.expr, tense, pos)?;
        if let (Value::Day(d), Some((h, m))) = (value, p.time) {
            self.last_day = Some(d);
            return Some(format!("{}T{h:02}:{m:02}", d.format("%Y-%m-%d")));
        }
        Some(match (value, p.part) {
            // News gold marks the part of day only for "last night", "this morning"; "Friday night" is the day.
            (Value::Day(d), Some(part)) if matches!(p.expr, Expr::Deictic(_)) => {
                self.last_day = Some(d);
                format!("{}T{}", d.format("%Y-%m-%d"), code_str(&part))
            }
            (v, _) if derived(p.expr) => v.to_string(),
            (v, _) => self.remember(v, pos),
        })
    }

    fn remember(&mut self, v: Value, pos: u32) -> String {
        match v {
            Value::Day(d) => {
                self.last_day = Some(d);
                self.last_year = Some(d.year());
            }
            Value::Quarter(y, q) => {
                self.last_quarter = Some((y, q, pos));
                self.last_year = Some(y);
            }
            Value::Year(y) | Value::Month(y, _) => self.last_year = Some(y),
            _ => {}
        }
        v.to_string()
    }

    fn value(&self, expr: Expr, tense: Tense, pos: u32) -> Option<Value> {
        let dct = self.dct;
        Some(match expr {
            Expr::Ref(r) => Value::Literal(r.value()),
            Expr::Year(y) => Value::Year(y),
            Expr::Decade(d) => Value::Decade(d),
            Expr::Century(c) => Value::Century(c),
            Expr::DecadeOfCentury(tens) => {
                let year = dct.map_or(1999, |d| d.year());
                let century = if tens as i32 > year % 100 {
                    year / 100 - 1
                } else {
                    year / 100
                };
                Value::Decade(century * 10 + tens as i32 / 10)
            }
            Expr::Date { year, month, day } => self.date(year, month, day, tense)?,
            Expr::Season { season, year } => {
                let y = match year {
                    YearRef::Year(y) => y,
                    YearRef::Implicit => dct?.year(),
                    YearRef::Rel(r) | YearRef::RelYear(r) => self.year_rel(r)?,
                };
                Value::Season(y, season)
            }
            Expr::Quarter { q: Some(q), year } => {
                let y = match year {
                    YearRef::Year(y) => y,
                    YearRef::Implicit => {
                        let d = dct?;
                        if q > quarter_of(d) && tense != Tense::Future {
                            d.year() - 1
                        } else {
                            d.year()
                        }
                    }
                    YearRef::Rel(r) | YearRef::RelYear(r) => self.year_rel(r)?,
                };
                Value::Quarter(y, q)
            }
            Expr::Quarter { q: None, year } => self.reporting_quarter(year)?,
            Expr::Half { h, year } => {
                let y = match year {
                    YearRef::Year(y) => y,
                    YearRef::Implicit => self.last_year.or(dct.map(|d| d.year()))?,
                    YearRef::Rel(r) | YearRef::RelYear(r) => self.year_rel(r)?,
                };
                Value::Half(y, h)
            }
            Expr::Weekday { weekday, rel } => Value::Day(self.weekday(weekday, rel, tense)?),
            Expr::Deictic(n) => Value::Day(plus_days(dct?, n as i64)?),
            Expr::RelUnit { rel, unit } => self.rel_unit(rel, unit, tense)?,
            Expr::Shift {
                n,
                unit,
                offset,
                quarter,
            } => self.shift(n, unit, offset, quarter, pos)?,
            Expr::Holiday { holiday, year } => {
                let d = dct?;
                let y = match year {
                    YearRef::Year(y) => y,
                    YearRef::Rel(Rel::Last) => {
                        let this = holiday_in(holiday, d.year())?;
                        if this < d {
                            d.year()
                        } else {
                            d.year() - 1
                        }
                    }
                    YearRef::Rel(Rel::Next) => {
                        let this = holiday_in(holiday, d.year())?;
                        if this > d {
                            d.year()
                        } else {
                            d.year() + 1
                        }
                    }
                    YearRef::Rel(r) | YearRef::RelYear(r) => self.year_rel(r)?,
                    YearRef::Implicit => nearest_year(d.year(), tense, |y| {
                        holiday_in(holiday, y).map(|x| (x - d).num_days())
                    }),
                };
                Value::Day(holiday_in(holiday, y)?)
            }
        })
    }

    /// The year a relative word names, counted from the publication date or the text.
    fn year_rel(&self, r: Rel) -> Option<i32> {
        let dct = self.dct?.year();
        let anchor = self.last_year.unwrap_or(dct);
        Some(match r {
            Rel::This => dct,
            Rel::Last => dct - 1,
            Rel::Next => dct + 1,
            Rel::Previous => anchor - 1,
            Rel::Following => anchor + 1,
            Rel::Latest | Rel::Same => anchor,
        })
    }

    fn date(&self, year: YearRef, month: u32, day: Option<u32>, tense: Tense) -> Option<Value> {
        let y = match year {
            YearRef::Year(y) => y,
            YearRef::RelYear(r) => self.year_rel(r)?,
            YearRef::Rel(r) => {
                let d = self.dct?;
                match r {
                    Rel::Last | Rel::Previous => {
                        if month < d.month() {
                            d.year()
                        } else {
                            d.year() - 1
                        }
                    }
                    Rel::Next | Rel::Following => {
                        if month > d.month() {
                            d.year()
                        } else {
                            d.year() + 1
                        }
                    }
                    _ => d.year(),
                }
            }
            YearRef::Implicit => {
                let d = self.dct?;
                match day {
                    Some(day) => nearest_year(d.year(), tense, |y| {
                        NaiveDate::from_ymd_opt(y, month, day.min(28)).map(|x| (x - d).num_days())
                    }),
                    None => nearest_year(d.year(), tense, |y| {
                        Some(
                            (y as i64 * 12 + month as i64)
                                - (d.year() as i64 * 12 + d.month() as i64),
                        )
                    }),
                }
            }
        };
        Some(match day {
            Some(day) => Value::Day(NaiveDate::from_ymd_opt(y, month, day)?),
            None => Value::Month(y, month),
        })
    }

    /// "the quarter", "the latest quarter", "this quarter", "the 1988 quarter".
    fn reporting_quarter(&self, year: YearRef) -> Option<Value> {
        let d = self.dct?;
        let current = (d.year(), quarter_of(d));
        let reported = self
            .last_quarter
            .map(|(y, q, _)| (y, q))
            .unwrap_or_else(|| add_quarters(current, -1));
        let (y, q) = match year {
            YearRef::Implicit => reported,
            YearRef::Year(y) => (y, reported.1),
            YearRef::RelYear(r) => (self.year_rel(r)?, reported.1),
            YearRef::Rel(r) => match r {
                Rel::This => self.last_quarter.map_or(current, |(y, q, _)| (y, q)),
                Rel::Last => add_quarters(current, -1),
                Rel::Next => add_quarters(current, 1),
                Rel::Previous => add_quarters(reported, -1),
                Rel::Following => add_quarters(reported, 1),
                Rel::Latest | Rel::Same => reported,
            },
        };
        Some(Value::Quarter(y, q))
    }

    fn weekday(&self, weekday: u32, rel: Option<Rel>, tense: Tense) -> Option<NaiveDate> {
        let dct = self.dct?;
        let target = weekday_of(weekday)?;
        let on_or_before = |d: NaiveDate| plus_days(d, -days_back(d.weekday(), target));
        let on_or_after = |d: NaiveDate| plus_days(d, days_back(target, d.weekday()));
        let anchor = self.last_day.unwrap_or(dct);
        match rel {
            None | Some(Rel::This) | Some(Rel::Same) | Some(Rel::Latest) => match tense {
                Tense::Future => on_or_after(dct),
                _ => on_or_before(dct),
            },
            Some(Rel::Last) => on_or_before(plus_days(dct, -1)?),
            Some(Rel::Next) => on_or_after(plus_days(dct, 1)?),
            Some(Rel::Previous) => on_or_before(plus_days(anchor, -1)?),
            Some(Rel::Following) => on_or_after(plus_days(anchor, 1)?),
        }
    }

    fn rel_unit(&self, rel: Rel, unit: Unit, tense: Tense) -> Option<Value> {
        let dct = self.dct?;
        let (base, delta) = match rel {
            Rel::This => (dct, 0),
            Rel::Last => (dct, -1),
            Rel::Next => (dct, 1),
            Rel::Previous => (self.last_day.unwrap_or(dct), -1),
            Rel::Following => (self.last_day.unwrap_or(dct), 1),
            Rel::Latest | Rel::Same => (self.last_day.unwrap_or(dct), 0),
        };
        Some(match unit {
            Unit::Day => Value::Day(plus_days(base, delta)?),
            Unit::Week => Value::Week(plus_days(base, 7 * delta)?),
            Unit::Month => {
                let d = shift_months(base, delta)?;
                Value::Month(d.year(), d.month())
            }
            // "the year", "the full year": the one being reported, the publication year
            Unit::Year => Value::Year(if matches!(rel, Rel::Same | Rel::Latest) {
                dct.year()
            } else {
                base.year() + delta as i32
            }),
            Unit::Decade => Value::Decade(base.year() / 10 + delta as i32),
            Unit::Century => Value::Century(base.year() / 100 + delta as i32),
            Unit::Weekend => {
                // The weekend of an ISO week is its Saturday and Sunday.
                let in_weekend = dct.weekday().number_from_monday() >= 6;
                let this_week = if in_weekend || tense == Tense::Future {
                    0
                } else {
                    -1
                };
                let weeks = match rel {
                    Rel::Last | Rel::Previous => -1,
                    Rel::Next | Rel::Following => i64::from(in_weekend),
                    _ => this_week,
                };
                Value::Weekend(plus_days(dct, 7 * weeks)?)
            }
            Unit::Quarter | Unit::Half | Unit::Period | Unit::Fortnight => return None,
        })
    }

    fn shift(&self, n: i64, unit: Unit, offset: Offset, quarter: bool, pos: u32) -> Option<Value> {
        let back = matches!(offset, Offset::Ago | Offset::Earlier);
        if n < 0 {
            return Some(Value::Literal(if back { "PAST_REF" } else { "FUTURE_REF" }));
        }
        let dct = self.dct?;
        let base = match offset {
            Offset::Ago | Offset::Hence => dct,
            Offset::Earlier | Offset::Later => self.last_day.unwrap_or(dct),
        };
        let signed = if back { -n } else { n };
        if unit == Unit::Year && back {
            let near = self
                .last_quarter
                .filter(|&(_, _, at)| quarter || pos.saturating_sub(at) < QUARTER_CONTEXT_BYTES);
            if let Some((y, q, _)) = near {
                return Some(Value::Quarter(y - n as i32, q));
            }
            if quarter {
                let (y, q) = add_quarters((dct.year(), quarter_of(dct)), -1);
                return Some(Value::Quarter(y - n as i32, q));
            }
        }
        Some(match unit {
            Unit::Day => Value::Day(plus_days(base, signed)?),
            Unit::Week => Value::Week(plus_days(base, signed.checked_mul(7)?)?),
            Unit::Fortnight => Value::Week(plus_days(base, signed.checked_mul(14)?)?),
            Unit::Month => {
                let d = shift_months(base, signed)?;
                Value::Month(d.year(), d.month())
            }
            Unit::Quarter => {
                let (y, q) = add_quarters((base.year(), quarter_of(base)), signed);
                Value::Quarter(y, q)
            }
            Unit::Year => Value::Year(base.year() + signed as i32),
            Unit::Decade => Value::Year(base.year() + 10 * signed as i32),
            Unit::Century => Value::Year(base.year() + 100 * signed as i32),
            Unit::Weekend | Unit::Half | Unit::Period => return None,
        })
    }
}

/// Values counted from another date ("a year earlier", "the quarter") do not
/// become the anchor of later expressions: only dates the text names do.
fn derived(expr: Expr) -> bool {
    matches!(
        expr,
        Expr::Shift { .. }
            | Expr::Quarter { q: None, .. }
            | Expr::RelUnit {
                rel: Rel::Same | Rel::Latest,
                ..
            }
    )
}

/// A resolved value, printed in TIMEX3 form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Value {
    Literal(&'static str),
    Day(NaiveDate),
    Week(NaiveDate),
    Weekend(NaiveDate),
    Month(i32, u32),
    Quarter(i32, u32),
    Half(i32, u32),
    Season(i32, [u8; 2]),
    Year(i32),
    Decade(i32),
    Century(i32),
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Literal(s) => f.write_str(s),
            Value::Day(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            Value::Week(d) => write!(f, "{:04}-W{:02}", d.iso_week().year(), d.iso_week().week()),
            Value::Weekend(d) => write!(
                f,
                "{:04}-W{:02}-WE",
                d.iso_week().year(),
                d.iso_week().week()
            ),
            Value::Month(y, m) => write!(f, "{y:04}-{m:02}"),
            Value::Quarter(y, q) => write!(f, "{y:04}-Q{q}"),
            Value::Half(y, h) => write!(f, "{y:04}-H{h}"),
            Value::Season(y, s) => write!(f, "{y:04}-{}", code_str(s)),
            Value::Year(y) => write!(f, "{y:04}"),
            Value::Decade(d) => write!(f, "{d:03}"),
            Value::Century(c) => write!(f, "{c:02}"),
        }
    }
}

/// How much farther a date may lie against the tense than with it before it
/// is chosen: future cues ("will") are surer than past ones (any "-ed" word).
const AGAINST_PAST_FACTOR: i64 = 3;
const AGAINST_FUTURE_FACTOR: i64 = 10;
/// Without a tense cue, news more often looks back than forward.
const UNKNOWN_FORWARD_FACTOR: i64 = 2;

/// The year (publication year or one either side) that puts a yearless date
/// nearest the publication date, dates against the tense counting farther.
/// `distance(y)` is the signed distance of the date in year `y` from the publication date.
fn nearest_year(dct_year: i32, tense: Tense, distance: impl Fn(i32) -> Option<i64>) -> i32 {
    let cost = |y: i32| {
        let d = distance(y)?;
        let factor = match tense {
            Tense::Past if d > 0 => AGAINST_PAST_FACTOR,
            Tense::Future if d < 0 => AGAINST_FUTURE_FACTOR,
            Tense::Unknown if d > 0 => UNKNOWN_FORWARD_FACTOR,
            _ => 1,
        };
        Some(d.abs() * factor)
    };
    [dct_year, dct_year - 1, dct_year + 1]
        .into_iter()
        .filter_map(|y| cost(y).map(|c| (c, y)))
        .min()
        .map_or(dct_year, |(_, y)| y)
}

/// `d` moved by `n` days; `None` past the calendar's ends.
fn plus_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

fn add_quarters((y, q): (i32, u32), n: i64) -> (i32, u32) {
    let idx = y as i64 * 4 + (q as i64 - 1) + n;
    (idx.div_euclid(4) as i32, idx.rem_euclid(4) as u32 + 1)
}

fn shift_months(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    let first = d.with_day(1)?;
    if n >= 0 {
        first.checked_add_months(Months::new(n as u32))
    } else {
        first.checked_sub_months(Months::new((-n) as u32))
    }
}

fn weekday_of(n: u32) -> Option<Weekday> {
    Weekday::try_from(n.checked_sub(1)? as u8).ok()
}

/// Days from `to` back to `from` going backwards (0..=6).
fn days_back(from: Weekday, to: Weekday) -> i64 {
    (from.num_days_from_monday() as i64 - to.num_days_from_monday() as i64).rem_euclid(7)
}

/// The date of a holiday in year `y`.
pub fn holiday_in(h: Holiday, y: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Fixed { month, day } => NaiveDate::from_ymd_opt(y, month, day),
        Holiday::Nth {
            month,
            weekday,
            nth,
        } => {
            let wd = weekday_of(weekday)?;
            if nth == 0 {
                let last = plus_days(shift_months(NaiveDate::from_ymd_opt(y, month, 1)?, 1)?, -1)?;
                plus_days(last, -days_back(last.weekday(), wd))
            } else {
                NaiveDate::from_weekday_of_month_opt(y, month, wd, nth as u8)
            }
        }
        Holiday::OnOrAfter {
            month,
            weekday,
            day,
        } => {
            let start = NaiveDate::from_ymd_opt(y, month, day)?;
            plus_days(start, days_back(weekday_of(weekday)?, start.weekday()))
        }
    }
}
