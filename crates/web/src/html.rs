//! HTML page -> article: decode, guard the nesting, drop hinted boilerplate,
//! extract the main text (rs-trafilatura), drop furniture lines, find title,
//! date and language.

use crate::charset::decode_html;
use crate::dates::{date_in_url, publication_date};
use crate::language::detect_language;
use crate::lines::drop_furniture_lines;
use crate::nesting::cap_nesting;
use crate::page::{clean_page, tidy_lines};
use crate::{WebArticle, WebRules};

/// Extracts the article of one HTML page with the built-in rules.
///
/// `url` is the page's address (used as `origin` and as a last source for the
/// date); `content_type` is the HTTP header value, read for its charset.
/// Never fails: a page with no article gives an empty `text`.
pub fn extract_html(bytes: &[u8], url: Option<&str>, content_type: Option<&str>) -> WebArticle {
    extract_html_with(bytes, url, content_type, WebRules::builtin())
}

/// [`extract_html`] with the caller's rules.
pub fn extract_html_with(
    bytes: &[u8],
    url: Option<&str>,
    content_type: Option<&str>,
    rules: &WebRules,
) -> WebArticle {
    let bytes = &bytes[..bytes.len().min(rules.dom.max_html_bytes)];
    let html = decode_html(bytes, content_type);
    let html = cap_nesting(&html, rules.dom.max_depth);
    let html = break_after_blocks(&html);
    let (cleaned, facts) = clean_page(&html, rules);
    let extracted = main_text(&cleaned, url);
    let text = drop_furniture_lines(&tidy_lines(&extracted.text), rules);
    let published = publication_date(&facts, url, rules)
        .or(extracted.date)
        .or_else(|| url.and_then(|u| date_in_url(u, &rules.dates)));
    let title = extracted
        .title
        .or(facts.title)
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "));
    WebArticle {
        language: detect_language(&text),
        title: title.filter(|t| !t.is_empty()),
        text,
        published,
        origin: url.map(str::to_string),
    }
}

struct Extracted {
    text: String,
    title: Option<String>,
    date: Option<chrono::NaiveDate>,
}

fn main_text(html: &str, url: Option<&str>) -> Extracted {
    let options = rs_trafilatura::Options {
        url: url.map(str::to_string),
        ..Default::default()
    };
    match rs_trafilatura::extract_with_options(html, &options) {
        Ok(r) => Extracted {
            text: r.content_text,
            title: r.metadata.title,
            date: r.metadata.date.map(|d| d.date_naive()),
        },
        Err(_) => Extracted {
            text: String::new(),
            title: None,
            date: None,
        },
    }
}

/// Block elements whose end is a paragraph break. The extractor joins the text
/// of adjacent blocks when the page has no whitespace between tags
/// (`</p><p>`), so a line break is written after each of these.
const BLOCK_ENDS: &[&str] = &[
    "</p>",
    "</h1>",
    "</h2>",
    "</h3>",
    "</h4>",
    "</h5>",
    "</h6>",
    "</li>",
    "</div>",
    "</blockquote>",
    "</tr>",
    "</article>",
    "</section>",
    "</header>",
    "</figcaption>",
    "</dd>",
    "</dt>",
    "<br>",
    "<br/>",
    "<br />",
];

fn break_after_blocks(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 64);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        let end = BLOCK_ENDS.iter().find(|tag| {
            rest.len() >= tag.len()
                && rest.is_char_boundary(tag.len())
                && rest[..tag.len()].eq_ignore_ascii_case(tag)
        });
        match end {
            Some(tag) => {
                out.push_str(&rest[..tag.len()]);
                out.push('\n');
                rest = &rest[tag.len()..];
            }
            None => {
                out.push('<');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod block_tests {
    use super::*;

    #[test]
    fn adjacent_paragraphs_stay_apart() {
        let page = b"<html><head><title>Envoys Meet</title></head><body><article><h1>Envoys Meet</h1><p>Norway hosted talks on Thursday between the two envoys, officials said.</p><p>The next round is planned for June in the same city, they added.</p></article></body></html>";
        let a = extract_html(page, None, None);
        assert!(
            a.text.contains("officials said.\nThe next round"),
            "{:?}",
            a.text
        );
    }

    #[test]
    fn breaks_follow_block_ends_only() {
        assert_eq!(
            break_after_blocks("<p>a</p><b>x</b><BR>y"),
            "<p>a</p>\n<b>x</b><BR>\ny"
        );
    }
}
