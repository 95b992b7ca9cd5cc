//! JSON Lines: one record per line with `text` (or `html`), optional `id` or
//! `url` (the origin), `title`, and `published` (or `date`). A bad line is an
//! error naming the file and line; the lines around it still come out.

use std::io::BufRead;

use serde_json::Value;

use crate::{parse_date_prefix, Body, InputError, RawDoc};

/// Longest line accepted, so one runaway line cannot take all memory.
pub const MAX_LINE_BYTES: usize = 64 << 20;

pub struct JsonLines<R> {
    reader: R,
    file: String,
    line_no: u64,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonLines<R> {
    pub fn new(reader: R, file: impl Into<String>) -> Self {
        JsonLines {
            reader,
            file: file.into(),
            line_no: 0,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<RawDoc, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.buf.clear();
            self.line_no += 1;
            match read_bounded_line(&mut self.reader, &mut self.buf, MAX_LINE_BYTES) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(InputError::at_line(
                        &self.file,
                        self.line_no,
                        format!("cannot read: {e}"),
                    )));
                }
            }
            if self.buf.len() > MAX_LINE_BYTES {
                return Some(Err(InputError::at_line(
                    &self.file,
                    self.line_no,
                    format!("line longer than {} MB, skipped", MAX_LINE_BYTES >> 20),
                )));
            }
            let line = match std::str::from_utf8(&self.buf) {
                Ok(s) => s.trim(),
                Err(e) => {
                    return Some(Err(InputError::at_line(
                        &self.file,
                        self.line_no,
                        format!("invalid UTF-8 at byte {}", e.valid_up_to()),
                    )))
                }
            };
            if line.is_empty() {
                continue;
            }
            return Some(parse_record(line, &self.file, self.line_no));
        }
        None
    }
}

/// Reads one line, keeping at most `limit + 1` bytes of it (the rest is consumed and dropped).
fn read_bounded_line<R: BufRead>(
    r: &mut R,
    buf: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<usize> {
    let mut total = 0;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(total);
        }
        let (take, found) = match chunk.iter().position(|b| *b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        let room = (limit + 1).saturating_sub(buf.len());
        buf.extend_from_slice(&chunk[..take.min(room)]);
        r.consume(take);
        total += take;
        if found {
            return Ok(total);
        }
    }
}

fn parse_record(line: &str, file: &str, line_no: u64) -> Result<RawDoc, InputError> {
    let err = |m: String| InputError::at_line(file, line_no, m);
    let value: Value = serde_json::from_str(line).map_err(|e| err(format!("bad JSON: {e}")))?;
    let obj = value
        .as_object()
        .ok_or_else(|| err("a JSON object was expected".into()))?;
    let str_field = |k: &str| obj.get(k).and_then(Value::as_str).map(str::to_string);
    let id_field = |k: &str| match obj.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let body = match (str_field("text"), str_field("html")) {
        (Some(t), _) => Body::Text(t),
        (None, Some(h)) => Body::Html(h.into_bytes()),
        (None, None) => return Err(err("record has neither \"text\" nor \"html\"".into())),
    };
    // A blank id or url names nothing: fall back to the place in the file.
    let origin = id_field("id")
        .filter(|o| !o.trim().is_empty())
        .or_else(|| str_field("url").filter(|o| !o.trim().is_empty()))
        .unwrap_or_else(|| format!("{file}:{line_no}"));
    let published = match str_field("published").or_else(|| str_field("date")) {
        Some(d) => {
            Some(parse_date_prefix(&d).ok_or_else(|| err(format!("unreadable date {d:?}")))?)
        }
        None => None,
    };
    let title = str_field("title").filter(|t| !t.trim().is_empty());
    Ok(RawDoc {
        origin,
        title_is_field: title.is_some() && matches!(body, Body::Text(_)),
        title,
        published,
        body,
        language: str_field("language"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_records_survive_a_broken_line() {
        let input = "{\"id\":\"a\",\"text\":\"One.\",\"published\":\"2024-02-06T10:00:00Z\"}\n{broken\n\n{\"url\":\"http://x/b\",\"html\":\"<p>Two.</p>\",\"title\":\"T\"}\n{\"id\":3}\n";
        let items: Vec<_> = JsonLines::new(input.as_bytes(), "in.jsonl").collect();
        assert_eq!(items.len(), 4);
        let a = items[0].as_ref().unwrap();
        assert_eq!(a.origin, "a");
        assert_eq!(a.published.unwrap().to_string(), "2024-02-06");
        let e = items[1].as_ref().unwrap_err();
        assert_eq!((e.file.as_str(), e.line), ("in.jsonl", Some(2)));
        assert!(e.to_string().starts_with("in.jsonl:2: bad JSON"));
        let b = items[2].as_ref().unwrap();
        assert_eq!(b.origin, "http://x/b");
        assert_eq!(b.body, Body::Html(b"<p>Two.</p>".to_vec()));
        assert!(items[3].as_ref().unwrap_err().message.contains("neither"));
    }

    #[test]
    fn a_blank_id_falls_back_to_file_and_line() {
        let input = "{\"id\":\"\",\"url\":\" \",\"text\":\"One.\"}\n";
        let items: Vec<_> = JsonLines::new(input.as_bytes(), "in.jsonl").collect();
        assert_eq!(items[0].as_ref().unwrap().origin, "in.jsonl:1");
    }

    #[test]
    fn invalid_utf8_names_the_line() {
        let input: &[u8] = b"{\"text\":\"ok\"}\n{\"text\":\"\xff\"}\n";
        let items: Vec<_> = JsonLines::new(input, "x.jsonl").collect();
        assert!(items[0].is_ok());
        assert_eq!(items[1].as_ref().unwrap_err().line, Some(2));
    }
}
