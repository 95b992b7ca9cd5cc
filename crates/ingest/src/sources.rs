//! From the paths a user names to a stream of raw documents.
//!
//! Folders are walked recursively in sorted order; `-` is standard input;
//! `.gz` files (or any file starting with the gzip magic) are decompressed on
//! the fly. The format comes from the extension (under `.gz`), or for stdin
//! from the first byte.

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::read::MultiGzDecoder;

use crate::jsonl::JsonLines;
use crate::{plain, Body, InputError, RawDoc};

/// Largest single document read from a plain-text or HTML file.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file, with the name to report it by (the path as the user gave it).
    File(PathBuf),
    Stdin,
}

impl Source {
    pub fn display(&self) -> String {
        match self {
            Source::File(p) => p.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Plain,
    JsonLines,
    Html,
    Warc,
    Feed,
}

impl Format {
    /// The format a file name announces (ignoring a final `.gz`).
    pub fn from_name(name: &str) -> Format {
        let lower = name.to_ascii_lowercase();
        let base = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = base.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        match ext {
            "jsonl" | "ndjson" | "json" => Format::JsonLines,
            "html" | "htm" | "xhtml" => Format::Html,
            "warc" | "arc" => Format::Warc,
            "rss" | "atom" | "xml" | "feed" => Format::Feed,
            _ => Format::Plain,
        }
    }
}

/// Expands folders into their files (recursive, sorted); keeps files and `-` as they are.
/// A path that does not exist becomes an error in its place.
pub fn expand(paths: &[String]) -> Vec<Result<Source, InputError>> {
    let mut out = Vec::new();
    for p in paths {
        if p == "-" {
            out.push(Ok(Source::Stdin));
            continue;
        }
        let path = PathBuf::from(p);
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => walk(&path, &mut out, &mut HashSet::new()),
            Ok(_) => out.push(Ok(Source::File(path))),
            Err(e) => out.push(Err(InputError::new(p, format!("cannot open: {e}")))),
        }
    }
    out
}

/// `seen` holds the folders already walked (resolved), so a symbolic link back
/// to a parent neither reads its files again nor recurses without end.
fn walk(dir: &Path, out: &mut Vec<Result<Source, InputError>>, seen: &mut HashSet<PathBuf>) {
    if let Ok(real) = std::fs::canonicalize(dir) {
        if !seen.insert(real) {
            return;
        }
    }
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            out.push(Err(InputError::new(
                dir.display().to_string(),
                format!("cannot list folder: {e}"),
            )));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out, seen);
        } else {
            out.push(Ok(Source::File(path)));
        }
    }
}

/// Every raw document under `paths`, in order, with one error per bad input or record.
pub fn read_all(paths: &[String]) -> impl Iterator<Item = Result<RawDoc, InputError>> {
    expand(paths).into_iter().flat_map(
        |src| -> Box<dyn Iterator<Item = Result<RawDoc, InputError>>> {
            match src {
                Ok(src) => read_source(src),
                Err(e) => Box::new(std::iter::once(Err(e))),
            }
        },
    )
}

/// Opens a source, undoing gzip, and returns its documents.
pub fn read_source(src: Source) -> Box<dyn Iterator<Item = Result<RawDoc, InputError>>> {
    let name = src.display();
    let reader: Box<dyn Read> = match &src {
        Source::Stdin => Box::new(std::io::stdin()),
        Source::File(p) => match File::open(p) {
            Ok(f) => Box::new(f),
            Err(e) => {
                return Box::new(std::iter::once(Err(InputError::new(
                    name,
                    format!("cannot open: {e}"),
                ))))
            }
        },
    };
    let mut buffered = BufReader::with_capacity(1 << 16, reader);
    let gzipped = match buffered.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            return Box::new(std::iter::once(Err(InputError::new(
                name,
                format!("cannot read: {e}"),
            ))))
        }
    };
    let mut reader: Box<dyn BufRead> = if gzipped {
        Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(buffered),
        ))
    } else {
        Box::new(buffered)
    };
    let format = match &src {
        Source::File(p) => Format::from_name(&p.to_string_lossy()),
        Source::Stdin => sniff(&mut reader),
    };
    match format {
        Format::JsonLines => Box::new(JsonLines::new(reader, name)),
        Format::Plain | Format::Html => {
            Box::new(std::iter::once(read_whole(reader, &name, format)))
        }
        Format::Warc => Box::new(warc_documents(reader, name)),
        Format::Feed => Box::new(feed_documents(reader, &name).into_iter()),
    }
}

/// A web article found by the web readers, as a raw document (its text already extracted).
fn from_web(article: demarche_web::WebArticle, fallback_origin: &str) -> RawDoc {
    RawDoc {
        origin: article
            .origin
            .unwrap_or_else(|| fallback_origin.to_string()),
        title: article.title,
        title_is_field: false,
        published: article.published,
        body: Body::Text(article.text),
        language: article.language,
    }
}

/// The HTML pages of a WARC file, streamed; records without an article body are passed over.
fn warc_documents(
    reader: Box<dyn BufRead>,
    name: String,
) -> impl Iterator<Item = Result<RawDoc, InputError>> {
    demarche_web::read_warc(reader).filter_map(move |item| match item {
        Ok(article) if article.text.trim().is_empty() => None,
        Ok(article) => Some(Ok(from_web(article, &name))),
        Err(e) => Some(Err(InputError::new(&name, e.to_string()))),
    })
}

/// Every item of an RSS, Atom or JSON feed.
fn feed_documents(reader: Box<dyn BufRead>, name: &str) -> Vec<Result<RawDoc, InputError>> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_DOCUMENT_BYTES + 1).read_to_end(&mut bytes) {
        return vec![Err(InputError::new(name, format!("cannot read: {e}")))];
    }
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return vec![Err(InputError::new(
            name,
            format!("feed larger than {} MB, skipped", MAX_DOCUMENT_BYTES >> 20),
        ))];
    }
    match demarche_web::read_feed(&bytes) {
        Ok(items) => items
            .into_iter()
            .enumerate()
            .map(|(i, a)| Ok(from_web(a, &format!("{name}#{}", i + 1))))
            .collect(),
        Err(e) => vec![Err(InputError::new(name, e.to_string()))],
    }
}

/// Standard input: JSON Lines when it starts with `{`, else HTML when it starts with `<`, else plain text.
fn sniff(reader: &mut Box<dyn BufRead>) -> Format {
    let head = reader.fill_buf().unwrap_or(&[]);
    match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => Format::JsonLines,
        Some(b'<') => Format::Html,
        _ => Format::Plain,
    }
}

fn read_whole(reader: Box<dyn BufRead>, name: &str, format: Format) -> Result<RawDoc, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::new(name, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(InputError::new(
            name,
            format!(
                "document larger than {} MB, skipped",
                MAX_DOCUMENT_BYTES >> 20
            ),
        ));
    }
    match format {
        Format::Html => Ok(RawDoc {
            origin: name.to_string(),
            body: Body::Html(bytes),
            ..Default::default()
        }),
        _ => {
            let text = String::from_utf8(bytes).map_err(|e| {
                InputError::new(
                    name,
                    format!("invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()),
                )
            })?;
            Ok(plain::parse(name, &text))
        }
    }
}
