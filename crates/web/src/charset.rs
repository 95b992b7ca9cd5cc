//! Turning page bytes into text: BOM, then the HTTP `Content-Type` charset,
//! then a `<meta charset>` near the top of the page, then UTF-8 if the bytes
//! are valid UTF-8, else windows-1252 (what browsers assume for the web).

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for.
const META_SNIFF_BYTES: usize = 4096;

/// Decodes `bytes` to a string; never fails (undecodable bytes become U+FFFD).
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> String {
    let encoding = detect_encoding(bytes, content_type);
    let (text, _, _) = encoding.decode(bytes);
    text.into_owned()
}

/// The encoding `decode_html` would use.
pub fn detect_encoding(bytes: &[u8], content_type: Option<&str>) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        return enc;
    }
    if let Some(enc) = content_type
        .and_then(charset_param)
        .and_then(label_encoding)
    {
        return enc;
    }
    let head = &bytes[..bytes.len().min(META_SNIFF_BYTES)];
    if let Some(enc) = meta_charset(head).and_then(|l| label_encoding(&l)) {
        return enc;
    }
    if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else {
        WINDOWS_1252
    }
}

/// A label as pages write it; UTF-16 labels in a byte-oriented page mean UTF-8
/// (the page could not have been parsed that far otherwise).
fn label_encoding(label: &[u8]) -> Option<&'static Encoding> {
    let enc = Encoding::for_label(label)?;
    Some(
        if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            enc
        },
    )
}

/// The value of `charset=` in a header or attribute value, quotes removed.
fn charset_param(value: &str) -> Option<&[u8]> {
    let lower = value.to_ascii_lowercase();
    let at = lower.find("charset")?;
    let rest = value[at + "charset".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest.find(|c: char| c == '"' || c == '\'' || c == ';' || c.is_whitespace());
    let label = &rest[..end.unwrap_or(rest.len())];
    (!label.is_empty()).then_some(label.as_bytes())
}

/// `<meta charset="x">` or `<meta http-equiv=content-type content="...; charset=x">`
/// in the first bytes of the page (ASCII-compatible scan, no parsing).
fn meta_charset(head: &[u8]) -> Option<Vec<u8>> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = String::from_utf8_lossy(&head[start..end]);
        if let Some(label) = charset_param(&tag) {
            return Some(label.to_vec());
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_charset_wins_over_guessing() {
        let latin1 = b"<p>caf\xe9</p>";
        assert_eq!(
            decode_html(latin1, Some("text/html; charset=ISO-8859-1")),
            "<p>café</p>"
        );
    }

    #[test]
    fn meta_charset_is_read() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>na\xefve</body>";
        assert!(decode_html(page, None).contains("naïve"));
        let page = b"<meta http-equiv='Content-Type' content='text/html; charset=koi8-r'>\xf0";
        assert_eq!(detect_encoding(page, None).name(), "KOI8-R");
    }

    #[test]
    fn utf8_without_declaration_and_invalid_fallback() {
        assert_eq!(decode_html("déjà vu".as_bytes(), None), "déjà vu");
        assert_eq!(decode_html(b"d\xe9j\xe0", None), "déjà");
    }

    #[test]
    fn bom_wins() {
        let mut page = vec![0xEF, 0xBB, 0xBF];
        page.extend_from_slice("ok é".as_bytes());
        assert_eq!(
            decode_html(&page, Some("text/html; charset=latin1")),
            "ok é"
        );
    }
}
