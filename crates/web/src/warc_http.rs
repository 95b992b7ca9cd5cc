//! The HTTP response inside a WARC `response` record.

use std::borrow::Cow;
use std::io::Read;

use flate2::read::{MultiGzDecoder, ZlibDecoder};

/// Largest decoded body accepted from a compressed payload.
const MAX_DECODED: u64 = 16 * 1024 * 1024;

pub struct HttpResponse<'a> {
    pub content_type: Option<String>,
    pub body: Cow<'a, [u8]>,
}

/// Splits status line, headers and body; None for a non-2xx status, a
/// payload that is not HTML, or a body that cannot be decoded.
pub fn parse_response(block: &[u8]) -> Option<HttpResponse<'_>> {
    let (head, body) = split_head(block)?;
    let head = String::from_utf8_lossy(head);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    let (mut content_type, mut chunked, mut encoding) = (None, false, String::new());
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => encoding = value.to_ascii_lowercase(),
            _ => {}
        }
    }
    if let Some(ct) = &content_type {
        let ct = ct.to_ascii_lowercase();
        if !ct.contains("html") {
            return None;
        }
    }
    let body: Cow<[u8]> = if chunked {
        Cow::Owned(dechunk(body))
    } else {
        Cow::Borrowed(body)
    };
    let body = match encoding.as_str() {
        "" | "identity" => body,
        "gzip" | "x-gzip" => Cow::Owned(decode(MultiGzDecoder::new(&body[..]))?),
        "deflate" => Cow::Owned(decode(ZlibDecoder::new(&body[..]))?),
        _ => return None,
    };
    Some(HttpResponse { content_type, body })
}

fn split_head(block: &[u8]) -> Option<(&[u8], &[u8])> {
    if let Some(i) = block.windows(4).position(|w| w == b"\r\n\r\n") {
        return Some((&block[..i], &block[i + 4..]));
    }
    let i = block.windows(2).position(|w| w == b"\n\n")?;
    Some((&block[..i], &block[i + 2..]))
}

fn decode(reader: impl Read) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    reader.take(MAX_DECODED).read_to_end(&mut out).ok()?;
    Some(out)
}

/// Undoes chunked transfer coding; stops quietly at a malformed chunk.
fn dechunk(mut body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    while let Some(nl) = body.iter().position(|&b| b == b'\n') {
        let size_text = String::from_utf8_lossy(&body[..nl]);
        let size_text = size_text.trim().split(';').next().unwrap_or("");
        let Ok(size) = usize::from_str_radix(size_text, 16) else {
            break;
        };
        body = &body[nl + 1..];
        if size == 0 || size > body.len() {
            out.extend_from_slice(&body[..size.min(body.len())]);
            break;
        }
        out.extend_from_slice(&body[..size]);
        body = &body[size..];
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))
            .unwrap_or(body);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_response() {
        let block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>hi</p>";
        let r = parse_response(block).unwrap();
        assert_eq!(&*r.body, b"<p>hi</p>");
        assert_eq!(r.content_type.as_deref(), Some("text/html; charset=utf-8"));
    }

    #[test]
    fn non_html_and_errors_are_skipped() {
        assert!(parse_response(b"HTTP/1.1 404 Not Found\r\n\r\n<p>x</p>").is_none());
        assert!(parse_response(b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG").is_none());
        assert!(parse_response(b"garbage").is_none());
    }

    #[test]
    fn chunked_body() {
        let block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>a\r\n5\r\nb</p>\r\n0\r\n\r\n";
        assert_eq!(&*parse_response(block).unwrap().body, b"<p>ab</p>");
    }
}
