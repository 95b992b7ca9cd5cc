//! A guard against pathological nesting, applied to the HTML text before any
//! parser sees it: an HTML tree builder checks element scopes by walking its
//! stack of open elements, so a page nested 100,000 deep costs quadratic time
//! in the parser and deep recursion in any tree walker after it.
//!
//! A light tag scan follows the elements that really nest (not void elements,
//! not those the parser closes by itself such as `p` or `li`). Start tags
//! beyond `max_depth` are removed with their matching end tags; the text
//! inside is kept. A page within the limit is returned untouched.

use std::borrow::Cow;
use std::collections::HashMap;

/// Elements without content or closed implicitly by their next sibling: they
/// do not make the tree deeper in practice.
const NON_NESTING: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option",
    "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rb", "rt", "rp", "colgroup", "html",
    "head", "body",
];

/// Elements whose content is raw text up to their end tag.
const RAW_TEXT: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// Removes start/end tag pairs nested deeper than `max_depth`.
pub fn cap_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // element names as hashes of their lowercase bytes: no allocation per tag
    let mut open: Vec<u64> = Vec::new();
    let mut dropped: HashMap<u64, usize> = HashMap::new();
    let mut out: Option<String> = None;
    let mut copied_upto = 0;
    let mut i = 0;
    while let Some(rel) = memchr_lt(&bytes[i..]) {
        let start = i + rel;
        let Some(tag) = scan_tag(bytes, start) else {
            i = start + 1;
            continue;
        };
        i = tag.end;
        let Some(name_range) = tag.name else { continue };
        let name_bytes = &bytes[name_range];
        let name = name_hash(name_bytes);
        let is = |list: &[&str]| {
            list.iter()
                .any(|n| n.as_bytes().eq_ignore_ascii_case(name_bytes))
        };
        let mut drop_it = false;
        if tag.closing {
            if let Some(n) = dropped.get_mut(&name).filter(|n| **n > 0) {
                *n -= 1;
                drop_it = true;
            } else if let Some(pos) = open.iter().rposition(|o| *o == name) {
                open.truncate(pos);
            }
        } else if is(RAW_TEXT) {
            i = skip_raw_text(bytes, i, name_bytes);
        } else if !tag.self_closing && !is(NON_NESTING) {
            if open.len() >= max_depth {
                *dropped.entry(name).or_insert(0) += 1;
                drop_it = true;
            } else {
                open.push(name);
            }
        }
        if drop_it {
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(&html[copied_upto..start]);
            copied_upto = tag.end;
        }
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(&html[copied_upto..]);
            Cow::Owned(buf)
        }
    }
}

/// FNV-1a over the ASCII-lowercased name.
fn name_hash(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    })
}

struct Tag {
    /// Byte range of the element name; None for comments, doctypes and the like.
    name: Option<std::ops::Range<usize>>,
    closing: bool,
    self_closing: bool,
    /// Byte just after the tag's `>`.
    end: usize,
}

fn memchr_lt(bytes: &[u8]) -> Option<usize> {
    bytes.iter().position(|&b| b == b'<')
}

/// Reads the tag starting at `bytes[start] == b'<'`; None when it is not one.
fn scan_tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let rest = &bytes[start + 1..];
    if rest.starts_with(b"!--") {
        let end = find(&bytes[start + 4..], b"-->").map_or(bytes.len(), |e| start + 4 + e + 3);
        return Some(Tag {
            name: None,
            closing: false,
            self_closing: false,
            end,
        });
    }
    if matches!(rest.first(), Some(b'!' | b'?')) {
        let end = find(rest, b">").map_or(bytes.len(), |e| start + 1 + e + 1);
        return Some(Tag {
            name: None,
            closing: false,
            self_closing: false,
            end,
        });
    }
    let closing = rest.first() == Some(&b'/');
    let name_start = start + 1 + usize::from(closing);
    if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let name_end = bytes[name_start..]
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/' || *b == b'>')
        .map_or(bytes.len(), |e| name_start + e);
    // Find the closing '>' outside quoted attribute values.
    let mut quote = None;
    let mut j = name_end;
    while j < bytes.len() {
        let b = bytes[j];
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None if b == b'"' || b == b'\'' => quote = Some(b),
            None if b == b'>' => break,
            None => {}
        }
        j += 1;
    }
    let self_closing = j > name_end && bytes[j - 1] == b'/';
    let end = (j + 1).min(bytes.len());
    Some(Tag {
        name: Some(name_start..name_end),
        closing,
        self_closing,
        end,
    })
}

/// Position after the end tag `</name` that closes a raw-text element.
fn skip_raw_text(bytes: &[u8], from: usize, name: &[u8]) -> usize {
    let mut i = from;
    while let Some(rel) = find(&bytes[i..], b"</") {
        let at = i + rel + 2;
        let candidate = &bytes[at..bytes.len().min(at + name.len())];
        if candidate.eq_ignore_ascii_case(name) {
            return i + rel;
        }
        i = at;
    }
    bytes.len()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul></div></body></html>";
        assert!(matches!(cap_nesting(page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_pages_are_flattened_keeping_text() {
        let mut page = String::from("<body>");
        for _ in 0..1000 {
            page.push_str("<div class=\"x\">");
        }
        page.push_str("deep words");
        for _ in 0..1000 {
            page.push_str("</div>");
        }
        page.push_str("<span>after</span>");
        let capped = cap_nesting(&page, 10);
        assert_eq!(capped.matches("<div").count(), 10);
        assert_eq!(capped.matches("</div>").count(), 10);
        assert!(capped.contains("deep words"));
        assert!(capped.contains("<span>after</span>"));
    }

    #[test]
    fn tags_inside_scripts_and_comments_do_not_count() {
        let page = "<div><script>var s = '<div><div><div>';</script><!-- <div><div> --></div>";
        assert!(matches!(cap_nesting(page, 1), Cow::Borrowed(_)));
    }

    #[test]
    fn unterminated_markup_does_not_hang_or_panic() {
        for page in [
            "<div",
            "<!--",
            "<script>never closed",
            "<a href='x>",
            "<",
            "</",
        ] {
            let _ = cap_nesting(page, 1);
        }
    }
}
