//! Calendar words: months, weekdays, relative words, seasons, quarters, holidays.

use crate::lexicon::{Class, Holiday, Rel, Unit};

use super::{Expr, Hit, Parser, YearRef};

impl Parser<'_> {
    /// A month name written as a date word at `i`; `weak` when it needs context to count.
    pub(super) fn month_word(&self, i: usize) -> Option<(usize, u32, bool)> {
        if !self.capital(i) {
            return None;
        }
        let (end, m, abbr) = self
            .find(i, |c| match c {
                Class::Month(m) => Some((m, false)),
                Class::MonthAbbr(m) => Some((m, true)),
                _ => None,
            })
            .map(|(e, (m, a))| (e, m, a))?;
        if abbr {
            if self.is(end, ".") && self.glued(end) {
                return Some((end + 1, m, false));
            }
            return self.digits(end).map(|_| (end, m, true));
        }
        let ambiguous = self.has(i, |c| c == Class::Ambiguous);
        Some((end, m, ambiguous))
    }

    pub(super) fn month_expr(&self, i: usize) -> Hit<Expr> {
        let (j, month, weak) = self.month_word(i)?;
        if let Some((k, day)) = self.day_number(j) {
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
        if let Some((e, y)) = self.year_after(j) {
            return Some((
                e,
                Expr::Date {
                    year: YearRef::Year(y),
                    month,
                    day: None,
                },
            ));
        }
        if let Some((k, rel)) = self.rel(j) {
            if let Some((e, Unit::Year)) = self.unit(k) {
                return Some((
                    e,
                    Expr::Date {
                        year: YearRef::RelYear(rel),
                        month,
                        day: None,
                    },
                ));
            }
        }
        if weak && !self.time_context_before(i) {
            return None;
        }
        Some((
            j,
            Expr::Date {
                year: YearRef::Implicit,
                month,
                day: None,
            },
        ))
    }

    /// The word before `i` makes a following ambiguous word a time ("in May", "last March").
    pub(super) fn time_context_before(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = if self.is(i - 1, "-") {
            i.saturating_sub(2)
        } else {
            i - 1
        };
        self.lex
            .at(self.toks, self.lower, p)
            .any(|(_, c)| matches!(c, Class::Prep | Class::Mod | Class::Rel(_)))
            || self.is(p, "the")
    }

    pub(super) fn weekday_expr(&self, i: usize) -> Hit<Expr> {
        if !self.capital(i) {
            return None;
        }
        let (mut end, weekday, abbr) = self
            .find(i, |c| match c {
                Class::Weekday(w) => Some((w, false)),
                Class::WeekdayAbbr(w) => Some((w, true)),
                _ => None,
            })
            .map(|(e, (w, a))| (e, w, a))?;
        if abbr {
            // "Fri., Oct. 23", "Sat. 17": not "the Sun." at the end of a sentence
            let dated = |k: usize| {
                self.is(k, ",") || self.digits(k).is_some() || self.month_word(k).is_some()
            };
            if !(self.is(end, ".") && self.glued(end) && dated(end + 1)) {
                return None;
            }
            end += 1;
        }
        // "Friday, Oct. 23": the date says it all.
        let k = if self.is(end, ",") { end + 1 } else { end };
        if let Some((e, date @ Expr::Date { day: Some(_), .. })) = self.month_expr(k) {
            return Some((e, date));
        }
        Some((end, Expr::Weekday { weekday, rel: None }))
    }

    pub(super) fn rel_expr(&self, i: usize) -> Hit<Expr> {
        let (mut j, rel) = self.rel(i)?;
        match self.weekday_expr(j) {
            Some((e, Expr::Weekday { weekday, .. })) => {
                let rel = Some(rel);
                return Some((e, Expr::Weekday { weekday, rel }));
            }
            // "this coming Sunday, March 8": the date says it all
            Some(dated) => return Some(dated),
            None => {}
        }
        if let Some((e, _, _)) = self.month_word(j) {
            if let Some((
                _,
                Expr::Date {
                    month, day: None, ..
                },
            )) = self.month_expr(j)
            {
                return Some((
                    e,
                    Expr::Date {
                        year: YearRef::Rel(rel),
                        month,
                        day: None,
                    },
                ));
            }
        }
        if let Some((e, Expr::Season { season, .. })) = self.season_word(j) {
            return Some((
                e,
                Expr::Season {
                    season,
                    year: YearRef::Rel(rel),
                },
            ));
        }
        if let Some((e, holiday)) = self.holiday_word(j) {
            return Some((
                e,
                Expr::Holiday {
                    holiday,
                    year: YearRef::Rel(rel),
                },
            ));
        }
        if let Some((_, part)) = self.day_part(j) {
            // "last night", "this morning": the day part is attached by `core`.
            match rel {
                Rel::Last if part == *b"NI" => return Some((j, Expr::Deictic(-1))),
                Rel::This => return Some((j, Expr::Deictic(0))),
                _ => {}
            }
        }
        if self.has(j, |c| c == Class::Fiscal) {
            j += 1;
        }
        let (e, unit) = self.unit(j)?;
        if self.word(j).ends_with('s') && unit != Unit::Weekend {
            // "the last few months", "past years": spans, not dates
            return None;
        }
        if unit == Unit::Year && self.is(e, "'") && self.is(e + 1, "s") {
            if let Some((k, expr)) = self.period_in_year(e + 2, YearRef::RelYear(rel)) {
                return Some((k, expr));
            }
        }
        if unit == Unit::Quarter || unit == Unit::Period {
            return Some((
                e,
                Expr::Quarter {
                    q: None,
                    year: YearRef::Rel(rel),
                },
            ));
        }
        if unit == Unit::Half {
            // "the last half of 1989": the second half of a named year
            let (k, year) = self.year_of(e)?;
            return (rel == Rel::Last).then_some((k, Expr::Half { h: 2, year }));
        }
        Some((e, Expr::RelUnit { rel, unit }))
    }

    /// After "last year's" or "1988": "third quarter", "first half", "summer", "period".
    pub(super) fn period_in_year(&self, i: usize, year: YearRef) -> Hit<Expr> {
        let i = if self.has(i, |c| c == Class::Fiscal) {
            i + 1
        } else {
            i
        };
        if let Some((j, n)) = self.ordinal(i) {
            let k = self.skip_hyphen(j);
            match self.unit(k) {
                Some((e, Unit::Quarter)) if (1..=4).contains(&n) => {
                    return Some((e, Expr::Quarter { q: Some(n), year }))
                }
                Some((e, Unit::Half)) if (1..=2).contains(&n) => {
                    return Some((e, Expr::Half { h: n, year }))
                }
                _ => {}
            }
        }
        if let Some((e, Expr::Season { season, .. })) = self.season_word(i) {
            return Some((e, Expr::Season { season, year }));
        }
        match self.unit(i) {
            Some((e, Unit::Quarter | Unit::Period)) if !self.word(i).ends_with('s') => {
                Some((e, Expr::Quarter { q: None, year }))
            }
            _ => None,
        }
    }

    pub(super) fn deictic(&self, i: usize) -> Hit<Expr> {
        self.find(i, |c| match c {
            Class::Deictic(d) => Some(Expr::Deictic(d)),
            _ => None,
        })
    }

    /// "third quarter [of 1990]", "first half", "20th century".
    pub(super) fn ordinal_expr(&self, i: usize) -> Hit<Expr> {
        let (j, n) = self.ordinal(i)?;
        let k = self.skip_hyphen(j);
        let (e, unit) = self.unit(k)?;
        if self.word(k).ends_with('s') {
            return None;
        }
        let (end, year) = self
            .year_of(e)
            .map_or((e, YearRef::Implicit), |(e2, y)| (e2, y));
        match unit {
            Unit::Quarter if (1..=4).contains(&n) => {
                Some((end, Expr::Quarter { q: Some(n), year }))
            }
            Unit::Half if (1..=2).contains(&n) && end > e => Some((end, Expr::Half { h: n, year })),
            Unit::Century if (1..=30).contains(&n) => Some((e, Expr::Century(n as i32 - 1))),
            _ => None,
        }
    }

    /// "of 1990", ", 1990", "1990", "of this year", "of last year".
    pub(super) fn year_of(&self, i: usize) -> Hit<YearRef> {
        if let Some((e, y)) = self.year_after(i) {
            return Some((e, YearRef::Year(y)));
        }
        let j = if self.is(i, "of") { i + 1 } else { return None };
        let (k, rel) = self.rel(j)?;
        match self.unit(k) {
            Some((e, Unit::Year)) => Some((e, YearRef::RelYear(rel))),
            _ => None,
        }
    }

    /// "fiscal 1989", "fiscal year 1990", "fiscal first quarter".
    pub(super) fn fiscal_expr(&self, i: usize) -> Hit<Expr> {
        if !self.has(i, |c| c == Class::Fiscal) {
            return None;
        }
        let mut j = i + 1;
        if let Some((e, Unit::Year)) = self.unit(j) {
            if self.year_at(e).is_some() {
                j = e;
            }
        }
        if let Some((e, y)) = self.year_at(j) {
            if let Some((k, expr)) = self.period_in_year(e, YearRef::Year(y)) {
                return Some((k, expr));
            }
            return Some((e, Expr::Year(y)));
        }
        if let Some((e, expr @ Expr::Quarter { .. })) = self.ordinal_expr(j) {
            return Some((e, expr));
        }
        None
    }

    pub(super) fn season_word(&self, i: usize) -> Hit<Expr> {
        self.find(i, |c| match c {
            Class::Season(s) => Some(Expr::Season {
                season: s,
                year: YearRef::Implicit,
            }),
            _ => None,
        })
    }

    /// "summer", "the summer of 1990", "spring 2024": bare only after a preposition or article.
    pub(super) fn season_expr(&self, i: usize) -> Hit<Expr> {
        let (e, Expr::Season { season, .. }) = self.season_word(i)? else {
            return None;
        };
        if let Some((k, y)) = self.year_after(e) {
            return Some((
                k,
                Expr::Season {
                    season,
                    year: YearRef::Year(y),
                },
            ));
        }
        // "the fall of Kabul" is no season
        let of_something = self.is(e, "of");
        (self.time_context_before(i) && !of_something).then_some((
            e,
            Expr::Season {
                season,
                year: YearRef::Implicit,
            },
        ))
    }

    /// "the nineties", "the early eighties": only after an article or modifier.
    pub(super) fn decade_word(&self, i: usize) -> Hit<Expr> {
        let (e, tens) = self.find(i, |c| match c {
            Class::DecadeWord(t) => Some(t),
            _ => None,
        })?;
        let after_article =
            i > 0 && (self.is(i - 1, "the") || self.has(i - 1, |c| c == Class::Mod));
        after_article.then_some((e, Expr::DecadeOfCentury(tens)))
    }

    pub(super) fn reference(&self, i: usize) -> Hit<Expr> {
        self.find(i, |c| match c {
            Class::Ref(r) => Some(Expr::Ref(r)),
            _ => None,
        })
    }

    pub(super) fn holiday_word(&self, i: usize) -> Hit<Holiday> {
        if !self.capital(i) {
            return None;
        }
        self.find(i, |c| match c {
            Class::Holiday(h) => Some(h),
            _ => None,
        })
    }

    pub(super) fn holiday(&self, i: usize) -> Hit<Expr> {
        let (e, holiday) = self.holiday_word(i)?;
        if let Some((k, y)) = self.year_after(e) {
            return Some((
                k,
                Expr::Holiday {
                    holiday,
                    year: YearRef::Year(y),
                },
            ));
        }
        if let Some((k, rel)) = self.rel(e) {
            if let Some((k2, Unit::Year)) = self.unit(k) {
                return Some((
                    k2,
                    Expr::Holiday {
                        holiday,
                        year: YearRef::RelYear(rel),
                    },
                ));
            }
        }
        Some((
            e,
            Expr::Holiday {
                holiday,
                year: YearRef::Implicit,
            },
        ))
    }
}
