//! Publication dates: from `<meta>` tags, JSON-LD, `<time datetime>` or the URL.

use chrono::{DateTime, NaiveDate};

use crate::page::PageFacts;
use crate::rules::DateHints;
use crate::WebRules;

/// The page's publication date, by order of trust: meta tags (in the order of
/// `date_meta.toml`), JSON-LD, the first `<time datetime>`, the URL.
pub fn publication_date(
    facts: &PageFacts,
    url: Option<&str>,
    rules: &WebRules,
) -> Option<NaiveDate> {
    let hints = &rules.dates;
    let from_meta = rules.meta_names.iter().find_map(|wanted| {
        facts
            .metas
            .iter()
            .filter(|(k, _)| k == wanted)
            .find_map(|(_, v)| parse_date(v, hints))
    });
    from_meta
        .or_else(|| json_ld_date(&facts.json_ld, hints))
        .or_else(|| facts.times.iter().find_map(|t| parse_date(t, hints)))
        .or_else(|| url.and_then(|u| date_in_url(u, hints)))
}

/// Reads a date at the start of a string: ISO 8601 (`2024-03-05`, `2024-03-05T10:00Z`,
/// `2024/03/05`, `20240305`) or RFC 2822 (`Tue, 5 Mar 2024 10:00:00 +0000`).
pub fn parse_date(value: &str, hints: &DateHints) -> Option<NaiveDate> {
    let v = value.trim();
    let date =
        ymd_prefix(v).or_else(|| DateTime::parse_from_rfc2822(v).ok().map(|d| d.date_naive()))?;
    plausible(date, hints)
}

fn plausible(date: NaiveDate, hints: &DateHints) -> Option<NaiveDate> {
    use chrono::Datelike;
    (hints.min_year..=hints.max_year)
        .contains(&date.year())
        .then_some(date)
}

/// `YYYY-MM-DD`, `YYYY/MM/DD` or `YYYYMMDD` at the start of `v`.
fn ymd_prefix(v: &str) -> Option<NaiveDate> {
    let b = v.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = b.get(r)?;
        s.iter()
            .all(u8::is_ascii_digit)
            .then(|| s.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let year = digits(0..4)?;
    let (month, day) = match b.get(4) {
        Some(b'-' | b'/') if b.get(7) == b.get(4) => (digits(5..7)?, digits(8..10)?),
        Some(d) if d.is_ascii_digit() => (digits(4..6)?, digits(6..8)?),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
}

/// The first key of `json_ld_keys` (in that order) found anywhere in the
/// JSON-LD blocks, walked without recursion.
fn json_ld_date(blocks: &[String], hints: &DateHints) -> Option<NaiveDate> {
    let values: Vec<serde_json::Value> = blocks
        .iter()
        .filter_map(|b| serde_json::from_str(b.trim()).ok())
        .collect();
    hints.json_ld_keys.iter().find_map(|key| {
        let mut stack: Vec<&serde_json::Value> = values.iter().collect();
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Object(map) => {
                    if let Some(date) = map
                        .get(key)
                        .and_then(|d| d.as_str())
                        .and_then(|d| parse_date(d, hints))
                    {
                        return Some(date);
                    }
                    stack.extend(map.values().rev());
                }
                serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                _ => {}
            }
        }
        None
    })
}

/// A date written in a URL path: `/2024/03/05/`, `/2024-03-05-`, `/20240305/`.
pub fn date_in_url(url: &str, hints: &DateHints) -> Option<NaiveDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/').unwrap_or(path.len())..];
    let b = path.as_bytes();
    (0..b.len()).find_map(|i| {
        let starts_segment = i == 0 || !b[i - 1].is_ascii_alphanumeric();
        if !starts_segment || !b[i].is_ascii_digit() {
            return None;
        }
        let date = ymd_prefix(&path[i..])?;
        // the whole date must end at a separator, not run into more digits
        let len = if b.get(i + 4).is_some_and(u8::is_ascii_digit) {
            8
        } else {
            10
        };
        let ends = !matches!(b.get(i + len), Some(c) if c.is_ascii_alphanumeric());
        ends.then_some(date).and_then(|d| plausible(d, hints))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hints() -> &'static DateHints {
        &WebRules::builtin().dates
    }

    #[test]
    fn date_strings() {
        let d = |s| parse_date(s, hints()).map(|d| d.to_string());
        assert_eq!(
            d("2024-03-05T10:00:00+01:00").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(d("2024/03/05").as_deref(), Some("2024-03-05"));
        assert_eq!(d("20240305").as_deref(), Some("2024-03-05"));
        assert_eq!(
            d("Tue, 5 Mar 2024 10:00:00 +0000").as_deref(),
            Some("2024-03-05")
        );
        assert_eq!(d("2024-13-45"), None);
        assert_eq!(d("0001-01-01"), None);
        assert_eq!(d("yesterday"), None);
    }

    #[test]
    fn url_dates() {
        let d = |s| date_in_url(s, hints()).map(|d| d.to_string());
        assert_eq!(
            d("https://news.example/2023/01/16/some-story/").as_deref(),
            Some("2023-01-16")
        );
        assert_eq!(
            d("https://news.example/world/2023-01-16-some-story").as_deref(),
            Some("2023-01-16")
        );
        assert_eq!(
            d("https://news.example/a/20230116/story.html").as_deref(),
            Some("2023-01-16")
        );
        assert_eq!(d("https://news.example/article/1234567890123"), None);
        assert_eq!(d("https://2023-01-16.example/story"), None);
    }

    #[test]
    fn json_ld_is_walked_in_key_order() {
        let blocks = vec![
            r#"{"@graph":[{"@type":"WebPage","dateModified":"2024-04-01"},
            {"@type":"NewsArticle","datePublished":"2024-03-05T08:00:00Z"}]}"#
                .to_string(),
        ];
        assert_eq!(
            json_ld_date(&blocks, hints()).unwrap().to_string(),
            "2024-03-05"
        );
        assert_eq!(json_ld_date(&["not json".to_string()], hints()), None);
    }
}
