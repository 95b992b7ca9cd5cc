//! Behaviour of the date tagger on sentences written for these tests.

use chrono::NaiveDate;
use demarche_dates::{date_in, DateTagger};
use demarche_model::Span;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// The expressions found in `text` published on `published`, as (text, value).
fn tag(text: &str, published: &str) -> Vec<(String, Option<String>)> {
    DateTagger::embedded()
        .tag(text, Some(day(published)))
        .into_iter()
        .map(|m| (m.span.of(text).to_string(), m.value))
        .collect()
}

/// The value of the one expression whose text is `expr`.
fn value_of(text: &str, published: &str, expr: &str) -> Option<String> {
    let found = tag(text, published);
    let hits: Vec<_> = found.iter().filter(|(t, _)| t == expr).collect();
    assert_eq!(hits.len(), 1, "{expr:?} in {text:?}: found {found:?}");
    hits[0].1.clone()
}

#[test]
fn resolves_expressions_against_the_publication_date() {
    // (sentence, publication date, expression, expected value); 2024-01-17 is a Wednesday.
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "The minister resigned on Thursday after a long row.",
            "2024-01-17",
            "Thursday",
            "2024-01-11",
        ),
        (
            "The council met on Wednesday to vote.",
            "2024-01-17",
            "Wednesday",
            "2024-01-17",
        ),
        (
            "The envoy will arrive on Thursday for talks.",
            "2024-01-17",
            "Thursday",
            "2024-01-18",
        ),
        (
            "Talks are scheduled to resume Monday in Geneva.",
            "2024-01-17",
            "Monday",
            "2024-01-22",
        ),
        (
            "The army withdrew last Friday from the border town.",
            "2024-01-17",
            "last Friday",
            "2024-01-12",
        ),
        (
            "Voters went to the polls last Wednesday.",
            "2024-01-17",
            "last Wednesday",
            "2024-01-10",
        ),
        (
            "The parliament was dissolved earlier this week.",
            "2024-01-17",
            "earlier this week",
            "2024-W03",
        ),
        (
            "Prices rose sharply this week.",
            "2024-01-17",
            "this week",
            "2024-W03",
        ),
        (
            "Fighting resumed last week near the river.",
            "2024-01-17",
            "last week",
            "2024-W02",
        ),
        (
            "The summit opens next week in Rome.",
            "2024-01-17",
            "next week",
            "2024-W04",
        ),
        (
            "The treaty was signed in 2003 by both leaders.",
            "2024-01-17",
            "2003",
            "2003",
        ),
        (
            "The ceasefire began on January 17.",
            "2024-02-02",
            "January 17",
            "2024-01-17",
        ),
        (
            "The ruling came on Jan. 17, 2023, after months.",
            "2024-02-02",
            "Jan. 17, 2023",
            "2023-01-17",
        ),
        (
            "Exports fell earlier this year.",
            "2024-06-10",
            "earlier this year",
            "2024",
        ),
        (
            "Rebels seized the airport yesterday.",
            "2024-01-17",
            "yesterday",
            "2024-01-16",
        ),
        (
            "The president speaks today in the capital.",
            "2024-01-17",
            "today",
            "2024-01-17",
        ),
        (
            "Inflation eased this month, the bank said.",
            "2024-01-17",
            "this month",
            "2024-01",
        ),
        (
            "Elections are due next year.",
            "2024-01-17",
            "next year",
            "2025",
        ),
        (
            "The mayor resigned two days ago.",
            "2024-01-17",
            "two days ago",
            "2024-01-15",
        ),
        (
            "The unrest of the 1990s left deep scars.",
            "2024-01-17",
            "the 1990s",
            "199",
        ),
        (
            "Talks should end by mid-June, diplomats said.",
            "2024-01-17",
            "mid-June",
            "2024-06",
        ),
        (
            "The offensive is expected this spring.",
            "2024-01-17",
            "this spring",
            "2024-SP",
        ),
        (
            "Shelling was heard last night in the north.",
            "2024-01-17",
            "last night",
            "2024-01-16TNI",
        ),
        (
            "The vote took place on 2024-02-06 in the capital.",
            "2024-02-10",
            "2024-02-06",
            "2024-02-06",
        ),
        (
            "The decree dated 17/01/2024 was published.",
            "2024-01-20",
            "17/01/2024",
            "2024-01-17",
        ),
        (
            "Exports grew 4% in the third quarter.",
            "2024-11-05",
            "the third quarter",
            "2024-Q3",
        ),
        (
            "Turnout was lower a year ago.",
            "2024-05-05",
            "a year ago",
            "2023",
        ),
        (
            "Trade was suspended last month.",
            "2024-01-17",
            "last month",
            "2023-12",
        ),
        (
            "The accord expires on Christmas Day.",
            "2024-11-20",
            "Christmas Day",
            "2024-12-25",
        ),
        (
            "Shops closed for Thanksgiving last year.",
            "2024-01-17",
            "Thanksgiving last year",
            "2023-11-23",
        ),
        (
            "Shops will close for Thanksgiving.",
            "2024-01-17",
            "Thanksgiving",
            "2024-11-28",
        ),
        (
            "The envoy is currently in Cairo.",
            "2024-01-17",
            "currently",
            "PRESENT_REF",
        ),
        (
            "Both sides met three weeks later in Oslo.",
            "2024-01-17",
            "three weeks later",
            "2024-W06",
        ),
        (
            "The talks collapsed in March 2019 after a dispute.",
            "2024-01-17",
            "March 2019",
            "2019-03",
        ),
        (
            "Ministers met in the summer of 2021.",
            "2024-01-17",
            "the summer of 2021",
            "2021-SU",
        ),
        (
            "The deadline is 9 a.m. Tuesday.",
            "2024-01-17",
            "9 a.m. Tuesday",
            "2024-01-16T09:00",
        ),
        (
            "Profits doubled in fiscal 2022.",
            "2024-01-17",
            "fiscal 2022",
            "2022",
        ),
        (
            "The city fell in the nineteen nineties, in nineteen ninety-six.",
            "2024-01-17",
            "nineteen ninety-six",
            "1996",
        ),
        (
            "Growth slowed in the last half of 2023.",
            "2024-01-17",
            "the last half of 2023",
            "2023-H2",
        ),
        (
            "The strike began last fall.",
            "2024-01-17",
            "last fall",
            "2023-FA",
        ),
        (
            "The blockade ended in the 20th century.",
            "2024-01-17",
            "the 20th century",
            "19",
        ),
    ];
    for &(text, published, expr, expected) in cases {
        assert_eq!(
            value_of(text, published, expr).as_deref(),
            Some(expected),
            "{expr:?} in {text:?}"
        );
    }
}

#[test]
fn a_later_date_counts_from_the_last_date_named() {
    let text = "The rebels attacked on March 3, 2022. Two days later the army struck back.";
    assert_eq!(
        value_of(text, "2024-01-17", "Two days later").as_deref(),
        Some("2022-03-05")
    );
}

#[test]
fn a_year_earlier_follows_the_quarter_being_reported() {
    let text = "Net income rose in the third quarter. It was lower a year earlier.";
    let found = tag(text, "1999-11-02");
    assert_eq!(
        found[0],
        ("the third quarter".into(), Some("1999-Q3".into()))
    );
    assert_eq!(found[1], ("a year earlier".into(), Some("1998-Q3".into())));
}

#[test]
fn ignores_words_that_only_look_like_dates() {
    for text in [
        "Prices may fall further, he said.",
        "They will march to the square.",
        "She paid $2000 for 1,990 shares and got 1990s-style returns of 2024%.",
        "The spring of the mechanism broke.",
        "Since the fall of the regime, prices have doubled.",
        "The A320 was grounded.",
        "He told the Sun. Then he left.",
    ] {
        let found = tag(text, "2024-01-17");
        assert!(
            found.iter().all(|(t, _)| t == "1990s"),
            "{text:?}: {found:?}"
        );
    }
}

#[test]
fn relative_expressions_have_no_value_without_a_publication_date() {
    let text = "The minister resigned on Thursday, two days before the vote on Jan. 17, 2024.";
    let found = DateTagger::embedded().tag(text, None);
    let values: Vec<_> = found
        .iter()
        .map(|m| (m.span.of(text), m.value.as_deref()))
        .collect();
    assert_eq!(
        values,
        vec![
            ("Thursday", None),
            ("two days before", None),
            ("Jan. 17, 2024", Some("2024-01-17"))
        ]
    );
}

#[test]
fn spans_are_byte_ranges_into_non_ascii_text() {
    let text = "«Le sommet» — the summit — opened on Jan. 17, 2024 in Zürich.";
    let found = DateTagger::embedded().tag(text, None);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].span.of(text), "Jan. 17, 2024");
}

#[test]
fn a_user_lexicon_replaces_the_words() {
    let tagger = DateTagger::new("lundi\tweekday\t1\nhier\tdeictic\t-1\n").unwrap();
    let text = "Le ministre a démissionné hier, pas Lundi.";
    let found: Vec<_> = tagger
        .tag(text, Some(day("2024-01-17")))
        .into_iter()
        .map(|m| (m.span.of(text).to_string(), m.value))
        .collect();
    assert_eq!(
        found,
        vec![
            ("hier".into(), Some("2024-01-16".into())),
            ("Lundi".into(), Some("2024-01-15".into()))
        ]
    );
    let err = DateTagger::new("lundi\tweekday\t9\n")
        .err()
        .expect("a weekday beyond 7 is refused");
    assert_eq!(err.line, 1);
}

#[test]
fn date_in_prefers_a_calendar_day_inside_the_clause() {
    let text = "Last year the talks failed; on Friday the envoy returned.";
    let dates = DateTagger::embedded().tag(text, Some(day("2024-01-17")));
    let clause = Span::new(text.find("on Friday").unwrap(), text.len());
    assert_eq!(
        date_in(&dates, clause).and_then(|d| d.value.as_deref()),
        Some("2024-01-12")
    );
    let whole = Span::new(0, text.len());
    assert_eq!(
        date_in(&dates, whole).and_then(|d| d.value.as_deref()),
        Some("2024-01-12")
    );
    assert!(date_in(&dates, Span::new(0, 3)).is_none());
}

#[test]
fn odd_input_never_panics() {
    let words: Vec<&str> = demarche_dates::EMBEDDED_LEXICON
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split('\t').next())
        .collect();
    // Every word after every other, capitalised and not, plus numbers and marks.
    let mut text = String::new();
    for (i, w) in words.iter().enumerate() {
        let w = if i % 2 == 0 {
            w.to_uppercase()
        } else {
            w.to_string()
        };
        text.push_str(&w);
        text.push_str(
            [
                " 17 ",
                " 999 ",
                " 2024-13-45 ",
                " 31/02/2024 ",
                " 1990s ",
                "-",
                " '80s ",
                ", 9 a.m. ",
            ][i % 8],
        );
    }
    text.push_str(" 12:3 5th 0th 99th 1,2024 $1990 ’ é Friday");
    for published in [
        None,
        Some(NaiveDate::MIN),
        Some(NaiveDate::MAX),
        Some(day("2024-02-29")),
    ] {
        let found = DateTagger::embedded().tag(&text, published);
        assert!(!found.is_empty());
        for m in &found {
            assert!(
                text.is_char_boundary(m.span.start as usize)
                    && text.is_char_boundary(m.span.end as usize)
            );
        }
    }
    assert!(DateTagger::embedded().tag("", None).is_empty());
}
