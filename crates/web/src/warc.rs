//! Streaming WARC reader: one record at a time, whatever the file size.
//!
//! Only `response` records carrying an HTTP response with an HTML payload
//! become articles; the others are skipped without being held in memory. The
//! HTTP headers are removed (chunked transfer and gzip/deflate content
//! encodings are undone), `WARC-Target-URI` becomes the origin and
//! `WARC-Date` the fallback publication date. Gzip input (one member per
//! record, as Common Crawl writes it, or one for the whole file) is detected
//! from its magic bytes.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;

use crate::{extract_html_with, WebArticle, WebError, WebRules};

/// Longest header line kept; the rest of a longer line is read and dropped.
const MAX_LINE: usize = 64 * 1024;
/// Most header lines in one WARC record header.
const MAX_HEADERS: usize = 512;

/// Articles of a WARC file at `path` (gzip or plain).
pub fn open_warc(path: impl AsRef<Path>) -> Result<WarcArticles<File>, WebError> {
    Ok(read_warc(File::open(path)?))
}

/// Articles of a WARC stream (gzip or plain), read lazily.
pub fn read_warc<R: Read>(r: R) -> WarcArticles<R> {
    WarcArticles {
        input: Input::Unsniffed(Some(BufReader::new(r))),
        pos: 0,
        desynced: false,
        done: false,
    }
}

enum Input<R: Read> {
    Unsniffed(Option<BufReader<R>>),
    Plain(BufReader<R>),
    Gzip(BufReader<MultiGzDecoder<BufReader<R>>>),
}

impl<R: Read> Input<R> {
    fn reader(&mut self) -> io::Result<&mut dyn BufRead> {
        if let Input::Unsniffed(slot) = self {
            let Some(mut raw) = slot.take() else {
                return Err(io::Error::other("input lost after an earlier error"));
            };
            let is_gzip = raw.fill_buf()?.starts_with(&[0x1f, 0x8b]);
            *self = if is_gzip {
                Input::Gzip(BufReader::with_capacity(
                    64 * 1024,
                    MultiGzDecoder::new(raw),
                ))
            } else {
                Input::Plain(raw)
            };
        }
        Ok(match self {
            Input::Plain(r) => r,
            Input::Gzip(r) => r,
            Input::Unsniffed(_) => unreachable!("sniffed above"),
        })
    }
}

/// Iterator over the articles of a WARC stream. After an I/O error (such as a
/// truncated gzip member) it yields that error and ends; after a malformed
/// record it yields an error and resumes at the next record.
pub struct WarcArticles<R: Read> {
    input: Input<R>,
    /// Bytes of (decompressed) WARC consumed so far, for error messages.
    pos: u64,
    /// Skipping lines until the next `WARC/` version line.
    desynced: bool,
    done: bool,
}

/// The WARC header fields the reader needs.
#[derive(Default)]
struct RecordHeader {
    warc_type: String,
    content_type: String,
    target_uri: Option<String>,
    date: Option<String>,
    length: Option<u64>,
}

impl<R: Read> Iterator for WarcArticles<R> {
    type Item = Result<WebArticle, WebError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            match self.next_record() {
                Ok(Some(Some(article))) => return Some(Ok(article)),
                Ok(Some(None)) => continue,
                Ok(None) => self.done = true,
                Err(e) => {
                    if matches!(e, WebError::Io(_)) {
                        self.done = true;
                    }
                    return Some(Err(e));
                }
            }
        }
        None
    }
}

impl<R: Read> WarcArticles<R> {
    /// None at the end; Some(None) for a record that is not an article.
    fn next_record(&mut self) -> Result<Option<Option<WebArticle>>, WebError> {
        let mut line = Vec::new();
        loop {
            if !self.read_line(&mut line)? {
                return Ok(None);
            }
            if line.starts_with(b"WARC/") {
                self.desynced = false;
                break;
            }
            if line.iter().all(u8::is_ascii_whitespace) || self.desynced {
                continue;
            }
            self.desynced = true;
            return Err(self.malformed("expected a WARC/ version line"));
        }
        let header = self.read_header()?;
        let Some(length) = header.length else {
            self.desynced = true;
            return Err(self.malformed("missing or invalid Content-Length"));
        };
        let is_http_response = header.warc_type.eq_ignore_ascii_case("response")
            && header
                .content_type
                .to_ascii_lowercase()
                .contains("application/http");
        let max = WebRules::builtin().dom.max_html_bytes as u64 + MAX_LINE as u64;
        let body = if is_http_response {
            self.read_body(length, max)?
        } else {
            Vec::new()
        };
        self.skip(length.saturating_sub(body.len() as u64))?;
        if !is_http_response {
            return Ok(Some(None));
        }
        Ok(Some(article_of_response(&body, &header)))
    }

    fn malformed(&self, reason: &str) -> WebError {
        WebError::MalformedWarc {
            offset: self.pos,
            reason: reason.to_string(),
        }
    }

    /// Reads one line (without the line end) into `line`; false at the end of input.
    fn read_line(&mut self, line: &mut Vec<u8>) -> Result<bool, WebError> {
        line.clear();
        let mut any = false;
        let reader = self.input.reader()?;
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            any = true;
            let (chunk, used, ended) = match buf.iter().position(|&b| b == b'\n') {
                Some(nl) => (&buf[..nl], nl + 1, true),
                None => (buf, buf.len(), false),
            };
            let room = MAX_LINE.saturating_sub(line.len());
            line.extend_from_slice(&chunk[..chunk.len().min(room)]);
            reader.consume(used);
            self.pos += used as u64;
            if ended {
                break;
            }
        }
        if line.last() == Some(&b'\r') {
            line.pop();
        }
        Ok(any)
    }

    fn read_header(&mut self) -> Result<RecordHeader, WebError> {
        let mut header = RecordHeader::default();
        let mut line = Vec::new();
        for _ in 0..MAX_HEADERS {
            if !self.read_line(&mut line)? {
                return Err(self.malformed("input ends inside a record header"));
            }
            if line.is_empty() {
                return Ok(header);
            }
            let text = String::from_utf8_lossy(&line);
            let Some((name, value)) = text.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => header.warc_type = value,
                "content-type" => header.content_type = value,
                "warc-target-uri" => {
                    header.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "warc-date" => header.date = Some(value),
                "content-length" => header.length = value.parse().ok(),
                _ => {}
            }
        }
        self.desynced = true;
        Err(self.malformed("record header too long"))
    }

    /// Reads up to `max` bytes of a block of `length` bytes.
    fn read_body(&mut self, length: u64, max: u64) -> Result<Vec<u8>, WebError> {
        let want = length.min(max);
        let mut body = Vec::with_capacity(want as usize);
        let got = self.input.reader()?.take(want).read_to_end(&mut body)? as u64;
        self.pos += got;
        if got < want {
            return Err(truncated());
        }
        Ok(body)
    }

    fn skip(&mut self, n: u64) -> Result<(), WebError> {
        let skipped = io::copy(&mut self.input.reader()?.take(n), &mut io::sink())?;
        self.pos += skipped;
        if skipped < n {
            return Err(truncated());
        }
        Ok(())
    }
}

fn truncated() -> WebError {
    WebError::Io(io::Error::new(
        io::ErrorKind::UnexpectedEof,
        "WARC record cut short",
    ))
}

/// The article in an HTTP response block; None when it is not a successful HTML page.
fn article_of_response(block: &[u8], header: &RecordHeader) -> Option<WebArticle> {
    let response = crate::warc_http::parse_response(block)?;
    let mut article = extract_html_with(
        &response.body,
        header.target_uri.as_deref(),
        response.content_type.as_deref(),
        WebRules::builtin(),
    );
    if article.published.is_none() {
        let rules = &WebRules::builtin().dates;
        article.published = header
            .date
            .as_deref()
            .and_then(|d| crate::dates::parse_date(d, rules));
    }
    article.origin = header.target_uri.clone();
    Some(article)
}
