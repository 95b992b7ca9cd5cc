//! Numbers: years, days of the month, numeric dates, spelled-out years, "N units ago".

use crate::lexicon::{Class, Unit};
use crate::scan::Kind;

use super::{Expr, Hit, Parser, YearRef, MAX_COUNT};

impl Parser<'_> {
    /// A four-digit year at `i` that reads as a year, not an amount.
    pub(super) fn year_at(&self, i: usize) -> Hit<i32> {
        let (v, len) = self.digits(i)?;
        if len != 4 || !(1000..=2199).contains(&v) || !self.number_stands_alone(i) {
            return None;
        }
        Some((i + 1, v as i32))
    }

    /// The digits at `i` are not part of a larger number, amount or code.
    pub(super) fn number_stands_alone(&self, i: usize) -> bool {
        if i > 0 && self.glued(i) {
            let prev = self.word(i - 1);
            let prev_kind = self.toks[i - 1].kind;
            if prev_kind != Kind::Punct || matches!(prev, "$" | "#" | "£" | "€" | "¥") {
                return false;
            }
            if matches!(prev, "," | "." | ":" | "/" | "-")
                && i >= 2
                && self.toks[i - 2].kind == Kind::Digit
                && self.glued(i - 1)
            {
                return false;
            }
        }
        if self.glued(i + 1) {
            let next = self.word(i + 1);
            if next == "%" || self.toks[i + 1].kind == Kind::Alpha {
                return false;
            }
            if matches!(next, "," | "." | ":" | "/" | "-")
                && self.toks.get(i + 2).is_some_and(|t| t.kind == Kind::Digit)
                && self.glued(i + 2)
            {
                return false;
            }
        }
        true
    }

    /// An optional comma then a year ("Jan. 17, 2024", "March 1996", "June of 1990").
    pub(super) fn year_after(&self, i: usize) -> Hit<i32> {
        let j = if self.is(i, ",") || self.is(i, "of") {
            i + 1
        } else {
            i
        };
        self.year_at(j).or_else(|| self.spelled_year(j))
    }

    /// A day of the month: "17", "17th", "seventeenth".
    pub(super) fn day_number(&self, i: usize) -> Hit<u32> {
        if let Some((v, len)) = self.digits(i) {
            if len > 2 || !(1..=31).contains(&v) {
                return None;
            }
            let mut end = i + 1;
            if self.glued(end) && self.has(end, |c| c == Class::OrdinalSuffix) {
                end += 1;
            }
            if self.glued(end) && (self.is(end, "%") || self.toks[end].kind == Kind::Digit) {
                return None;
            }
            if self.glued(end)
                && matches!(self.word(end), "," | "." | ":")
                && self.glued(end + 1)
                && self
                    .toks
                    .get(end + 1)
                    .is_some_and(|t| t.kind == Kind::Digit)
            {
                return None;
            }
            return Some((end, v));
        }
        self.find(i, |c| match c {
            Class::Ordinal(n) => Some(n),
            _ => None,
        })
    }

    /// An ordinal written as a word or as digits with a suffix ("third", "3rd").
    pub(super) fn ordinal(&self, i: usize) -> Hit<u32> {
        if let Some((v, len)) = self.digits(i) {
            if len <= 2 && self.glued(i + 1) && self.has(i + 1, |c| c == Class::OrdinalSuffix) {
                return Some((i + 2, v));
            }
            return None;
        }
        self.find(i, |c| match c {
            Class::Ordinal(n) => Some(n),
            _ => None,
        })
    }

    /// "'80s".
    pub(super) fn short_decade(&self, i: usize) -> Hit<Expr> {
        if !self.is(i, "'") {
            return None;
        }
        let (v, len) = self.digits(i + 1)?;
        (len == 2 && v % 10 == 0 && self.glued(i + 1) && self.glued(i + 2) && self.is(i + 2, "s"))
            .then_some((i + 3, Expr::DecadeOfCentury(v)))
    }

    /// "two days ago", "nearly four years ago", "a year earlier", "year-earlier [quarter]".
    pub(super) fn shift(&self, i: usize) -> Hit<Expr> {
        let start = self
            .find(i, |c| (c == Class::Approx).then_some(()))
            .map_or(i, |(e, _)| e);
        let (j, n) = self.count(start).or_else(|| {
            // "year-earlier", "year-ago": one unit, glued
            self.unit(start)
                .filter(|_| self.is(start + 1, "-") && self.glued(start + 1))
                .map(|_| (start, 1))
        })?;
        let (k, unit) = self.unit(self.skip_hyphen(j))?;
        if n > MAX_COUNT || matches!(unit, Unit::Weekend | Unit::Half | Unit::Period) {
            return None;
        }
        let o = self.skip_hyphen(k);
        let (mut e, offset) = self.find(o, |c| match c {
            Class::Offset(off) => Some(off),
            _ => None,
        })?;
        let mut quarter = false;
        if o > k {
            // "the year-earlier quarter", "year-ago period"
            if let Some((q, Unit::Quarter | Unit::Period)) = self.unit(e) {
                e = q;
                quarter = true;
            } else if let Some((q, Expr::Quarter { .. })) = self.ordinal_expr(e) {
                // "the year-ago third quarter"
                e = q;
                quarter = true;
            }
        }
        Some((
            e,
            Expr::Shift {
                n,
                unit,
                offset,
                quarter,
            },
        ))
    }

    /// A count: digits, a number word or two ("twenty four"), or a vague amount.
    pub(super) fn count(&self, i: usize) -> Hit<i64> {
        if let Some((v, len)) = self.digits(i) {
            return (len <= 3 && self.number_stands_alone(i)).then_some((i + 1, v as i64));
        }
        let (mut e, mut n) = self.find(i, |c| match c {
            Class::Number(n) => Some(n),
            _ => None,
        })?;
        if n >= 20 && n % 10 == 0 {
            let k = self.skip_hyphen(e);
            if let Some((e2, m @ 1..=9)) = self.find(k, |c| match c {
                Class::Number(m) => Some(m),
                _ => None,
            }) {
                e = e2;
                n += m;
            }
        }
        Some((e, n))
    }

    /// "nineteen ninety-six", "the year two thousand".
    pub(super) fn spelled_year(&self, i: usize) -> Hit<i32> {
        let number = |j: usize| {
            self.find(j, |c| match c {
                Class::Number(n) => Some(n),
                _ => None,
            })
        };
        let (j, hi) = number(i)?;
        if hi == 2 && i > 0 && self.is(i - 1, "year") {
            if let Some((k, 1000)) = number(j) {
                return Some((k, 2000));
            }
        }
        if !(11..=20).contains(&hi) {
            return None;
        }
        let (k, tens) = number(j)?;
        if !(10..=90).contains(&tens) || (tens >= 20 && tens % 10 != 0) {
            return None;
        }
        let h = self.skip_hyphen(k);
        if tens >= 20 && h > k {
            if let Some((e, unit @ 1..=9)) = number(h) {
                return Some((e, (hi * 100 + tens + unit) as i32));
            }
        }
        Some((k, (hi * 100 + tens) as i32))
    }

    pub(super) fn digit_expr(&self, i: usize) -> Hit<Expr> {
        let (v, len) = self.digits(i)?;
        if i > 0 && self.glued(i) && self.toks[i - 1].kind == Kind::Alpha {
            return None;
        }
        if len == 4 {
            return self.four_digits(i, v as i32);
        }
        if len > 2 {
            return None;
        }
        if let Some(hit) = self.numeric_date(i) {
            return Some(hit);
        }
        // "17 January 2024", "the 17th of January"
        let (j, day) = self.day_number(i)?;
        let j = if self.is(j, "of") { j + 1 } else { j };
        if let Some((k, month, _)) = self.month_word(j) {
            if let Some((e, y)) = self.year_after(k) {
                return Some((
                    e,
                    Expr::Date {
                        year: YearRef::Year(y),
                        month,
                        day: Some(day),
                    },
                ));
            }
            return Some((
                k,
                Expr::Date {
                    year: YearRef::Implicit,
                    month,
                    day: Some(day),
                },
            ));
        }
        self.ordinal_expr(i)
    }

    pub(super) fn four_digits(&self, i: usize, v: i32) -> Hit<Expr> {
        // 2024-02-06, 2024/02/06
        if matches!(self.word(i + 1), "-" | "/")
            && self.glued(i + 1)
            && self.word(i + 3) == self.word(i + 1)
            && self.glued(i + 2)
            && self.glued(i + 3)
            && self.glued(i + 4)
        {
            let (m, _) = self.digits(i + 2)?;
            let (d, _) = self.digits(i + 4)?;
            return valid(v, m, d).then_some((
                i + 5,
                Expr::Date {
                    year: YearRef::Year(v),
                    month: m,
                    day: Some(d),
                },
            ));
        }
        // 1990s, 1990's
        let s = if self.is(i + 1, "'") && self.glued(i + 1) {
            i + 2
        } else {
            i + 1
        };
        if self.glued(s) && self.is(s, "s") && v % 10 == 0 {
            return Some((s + 1, Expr::Decade(v / 10)));
        }
        let (e, year) = self.year_at(i)?;
        if let Some(hit) = self.period_in_year(e, YearRef::Year(year)) {
            return Some(hit);
        }
        Some((e, Expr::Year(year)))
    }

    /// 17/01/2024, 1/17/2024, 01-17-2024 (day first when the first number cannot be a month).
    pub(super) fn numeric_date(&self, i: usize) -> Hit<Expr> {
        let sep = self.word(i + 1);
        if !matches!(sep, "/" | "-" | ".") || self.word(i + 3) != sep {
            return None;
        }
        if !(self.glued(i + 1) && self.glued(i + 2) && self.glued(i + 3) && self.glued(i + 4)) {
            return None;
        }
        let (a, _) = self.digits(i)?;
        let (b, blen) = self.digits(i + 2)?;
        let (c, clen) = self.digits(i + 4)?;
        if blen > 2
            || !(clen == 2 || clen == 4)
            || self.glued(i + 5)
                && self.toks.get(i + 5).is_some_and(|t| {
                    t.kind != Kind::Punct || matches!(self.word(i + 5), "/" | "-" | ".")
                })
                && !self.is(i + 5, ".")
        {
            return None;
        }
        let year = if clen == 2 {
            if c < 50 {
                2000 + c
            } else {
                1900 + c
            }
        } else {
            c
        } as i32;
        let (month, day) = if a > 12 { (b, a) } else { (a, b) };
        valid(year, month, day).then_some((
            i + 5,
            Expr::Date {
                year: YearRef::Year(year),
                month,
                day: Some(day),
            },
        ))
    }
}

fn valid(y: i32, m: u32, d: u32) -> bool {
    chrono::NaiveDate::from_ymd_opt(y, m, d).is_some()
}
