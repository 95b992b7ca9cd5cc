//! One walk over the parsed page (explicit stack, no recursion): drops the
//! parts named in `dom_hints.toml`, writes the rest back as HTML for the
//! main-text extractor, and collects the date evidence met on the way.

use dom_query::{Document, NodeRef};

use crate::rules::WebRules;

/// What the walk found besides the cleaned HTML.
#[derive(Debug, Default)]
pub struct PageFacts {
    /// (lowercased meta name/property/itemprop, content) in page order.
    pub metas: Vec<(String, String)>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `datetime` attributes of `<time>` elements outside dropped parts.
    pub times: Vec<String>,
    /// Text of the first `<title>`.
    pub title: Option<String>,
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Close(String),
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Cleans the page and returns (html for the extractor, facts).
pub fn clean_page(html: &str, rules: &WebRules) -> (String, PageFacts) {
    let doc = Document::from(html);
    let mut out = String::with_capacity(html.len() / 2);
    let mut facts = PageFacts::default();
    out.push_str("<!DOCTYPE html>");
    let mut stack: Vec<Step> = doc.root().children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        let node = match step {
            Step::Close(name) => {
                out.push_str("</");
                out.push_str(&name);
                out.push('>');
                continue;
            }
            Step::Enter(node) => node,
        };
        let Some(name) = node.node_name() else {
            if node.is_text() {
                escape_text(&node.text(), &mut out);
            }
            continue;
        };
        let name = name.to_ascii_lowercase();
        collect_facts(&node, &name, &mut facts);
        if should_drop(&node, &name, rules) {
            continue;
        }
        if name == "time" {
            if let Some(dt) = node.attr("datetime") {
                facts.times.push(dt.to_string());
            }
        }
        write_start_tag(&node, &name, &mut out);
        if name == "script" {
            // raw text: written as is, not escaped
            out.push_str(&node.text());
            stack.push(Step::Close(name));
        } else if !VOID.contains(&name.as_str()) {
            let children = node.children_it(true);
            stack.push(Step::Close(name));
            stack.extend(children.map(Step::Enter));
        }
    }
    (out, facts)
}

fn collect_facts(node: &NodeRef, name: &str, facts: &mut PageFacts) {
    match name {
        "meta" => {
            let key = node
                .attr("property")
                .or_else(|| node.attr("name"))
                .or_else(|| node.attr("itemprop"));
            if let (Some(key), Some(content)) = (key, node.attr("content")) {
                facts.metas.push((key.to_lowercase(), content.to_string()));
            }
        }
        "script" if is_json_ld(node) => facts.json_ld.push(node.text().to_string()),
        "title" if facts.title.is_none() => {
            let t = node.text();
            let t = t.trim();
            if !t.is_empty() {
                facts.title = Some(t.to_string());
            }
        }
        _ => {}
    }
}

fn is_json_ld(node: &NodeRef) -> bool {
    node.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

fn should_drop(node: &NodeRef, name: &str, rules: &WebRules) -> bool {
    if rules.drop_tags.contains(name) {
        let kept_script = name == "script"
            && node.attr("type").is_some_and(|t| {
                rules
                    .dom
                    .keep_script_types
                    .iter()
                    .any(|k| t.trim().eq_ignore_ascii_case(k))
            });
        return !kept_script;
    }
    if rules.protected_tags.contains(name) {
        return false;
    }
    let mut hit = false;
    for attr in ["class", "id"] {
        let Some(value) = node.attr(attr) else {
            continue;
        };
        for token in value.split_whitespace() {
            let words = words_of(token);
            if words
                .first()
                .is_some_and(|w| rules.ignored_first_words.contains(w))
            {
                continue;
            }
            for word in words {
                if rules.keep_words.contains(&word) {
                    return false;
                }
                hit |= rules.drop_words.contains(&word);
            }
        }
    }
    if !hit {
        return false;
    }
    // A hinted element holding paragraphs of prose is a layout wrapper around
    // the article ("page-with-sidebar"), not a widget: the extractor decides.
    paragraph_chars(node, rules.dom.max_paragraph_chars) < rules.dom.max_paragraph_chars
}

/// Characters of text inside `<p>` elements under `node`, counted up to `limit`.
fn paragraph_chars(node: &NodeRef, limit: usize) -> usize {
    let mut total = 0;
    let mut stack: Vec<NodeRef> = node.children_it(false).collect();
    while let Some(n) = stack.pop() {
        if n.has_name("p") {
            total += n.normalized_char_count();
            if total >= limit {
                break;
            }
        } else {
            stack.extend(n.children_it(false));
        }
    }
    total
}

/// Splits a class or id value into lowercase words at punctuation, spaces and
/// lower-to-upper case changes ("shareBar social-links" -> share, bar, social, links).
pub(crate) fn words_of(value: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in value.chars() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        prev_lower = c.is_lowercase();
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

fn write_start_tag(node: &NodeRef, name: &str, out: &mut String) {
    out.push('<');
    out.push_str(name);
    if let Some(el) = node.element_ref() {
        for attr in &el.attrs {
            let key: &str = &attr.name.local;
            if key.is_empty()
                || !key
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_:".contains(&b))
            {
                continue;
            }
            out.push(' ');
            out.push_str(key);
            out.push_str("=\"");
            escape_attr(&attr.value, out);
            out.push('"');
        }
    }
    out.push('>');
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

fn escape_attr(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// Plain text of an HTML fragment: block elements and `<br>` start new lines,
/// scripts and styles are skipped, whitespace runs become one space.
pub fn html_to_text(html: &str) -> String {
    const BLOCKS: &[&str] = &[
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "pre",
        "tr",
        "section",
        "article",
        "header",
        "footer",
        "ul",
        "ol",
        "table",
        "hr",
        "dd",
        "dt",
        "figure",
    ];
    let html = crate::nesting::cap_nesting(html, WebRules::builtin().dom.max_depth);
    let doc = Document::fragment(&*html);
    let mut raw = String::new();
    let mut stack: Vec<NodeRef> = doc.root().children_it(true).collect();
    while let Some(node) = stack.pop() {
        if node.is_text() {
            raw.push_str(&node.text());
            continue;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        let name = name.to_ascii_lowercase();
        if matches!(name.as_str(), "script" | "style" | "noscript" | "template") {
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            raw.push('\n');
        }
        stack.extend(node.children_it(true));
    }
    tidy_lines(&raw)
}

/// Collapses whitespace inside lines and drops empty lines.
pub(crate) fn tidy_lines(raw: &str) -> String {
    let mut text = String::with_capacity(raw.len());
    for line in raw.lines() {
        let mut first = true;
        for word in line.split_whitespace() {
            if first && !text.is_empty() {
                text.push('\n');
            } else if !first {
                text.push(' ');
            }
            text.push_str(word);
            first = false;
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_words() {
        assert_eq!(
            words_of("shareBar social-links"),
            ["share", "bar", "social", "links"]
        );
        assert_eq!(words_of("BBC_News"), ["bbc", "news"]);
    }

    #[test]
    fn hinted_parts_are_dropped_and_text_kept() {
        let page = r#"<html><head><title>A Title</title>
            <meta property="article:published_time" content="2024-03-05T10:00:00Z">
            <script type="application/ld+json">{"datePublished":"2024-03-05"}</script>
            <script>var tracking = 1;</script></head>
            <body><div class="cookie-banner">We use cookies</div>
            <article class="article-content comments-open"><p>Body text &amp; more.</p>
            <figure><img src="a.jpg"><figcaption>A caption</figcaption></figure></article>
            <div id="relatedStories"><a href="/x">Other story</a></div></body></html>"#;
        let (html, facts) = clean_page(page, WebRules::builtin());
        assert!(html.contains("Body text &amp; more."));
        assert!(!html.contains("We use cookies"));
        assert!(!html.contains("A caption"));
        assert!(!html.contains("Other story"));
        assert!(!html.contains("tracking"));
        assert!(html.contains("datePublished"));
        assert_eq!(facts.title.as_deref(), Some("A Title"));
        assert_eq!(facts.metas[0].0, "article:published_time");
        assert_eq!(facts.json_ld.len(), 1);
    }

    #[test]
    fn fragment_to_text() {
        let t = html_to_text(
            "<p>First  <b>bold</b> line</p><p>Second<br>third</p><script>x()</script>",
        );
        assert_eq!(t, "First bold line\nSecond\nthird");
    }
}
