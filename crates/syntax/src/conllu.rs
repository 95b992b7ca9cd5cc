//! Reading and writing CoNLL-U.
//!
//! The reader streams sentences and keeps every line (comments, multiword
//! token ranges, empty nodes) so the writer can give back the same sentence
//! with new annotation on the word lines only.

use std::fmt;
use std::io::{self, BufRead, Write};

/// A problem in a CoNLL-U input, with the place it was found.
#[derive(Debug)]
pub struct ConlluError {
    pub file: String,
    /// 1-based line number; 0 when the error is not tied to a line.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.file, self.message)
        }
    }
}

impl std::error::Error for ConlluError {}

/// One syntactic word (an integer-id line).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// Head as written ("_" when absent); see [`Word::head_index`].
    pub head: String,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

impl Word {
    /// The head as a number, when the column holds one.
    pub fn head_index(&self) -> Option<usize> {
        self.head.parse().ok()
    }
}

/// A line of a sentence block, in input order.
#[derive(Clone, Debug, PartialEq)]
pub enum Line {
    Comment(String),
    /// A multiword token range ("3-4") or an empty node ("5.1"), kept verbatim.
    Other(String),
    /// Index into [`Sentence::words`].
    Word(usize),
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sentence {
    pub lines: Vec<Line>,
    pub words: Vec<Word>,
    /// Line number of the sentence's first line in its file.
    pub first_line: usize,
}

impl Sentence {
    pub fn forms(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.form.as_str()).collect()
    }
}

/// Streams sentences out of CoNLL-U text.
pub struct Reader<R> {
    input: R,
    file: String,
    line_no: usize,
    buf: String,
    failed: bool,
}

impl<R: BufRead> Reader<R> {
    /// `file` names the input in error messages.
    pub fn new(input: R, file: impl Into<String>) -> Self {
        Reader {
            input,
            file: file.into(),
            line_no: 0,
            buf: String::new(),
            failed: false,
        }
    }

    fn error(&self, message: impl Into<String>) -> ConlluError {
        ConlluError {
            file: self.file.clone(),
            line: self.line_no,
            message: message.into(),
        }
    }

    fn read_sentence(&mut self) -> Result<Option<Sentence>, ConlluError> {
        let mut sent = Sentence::default();
        loop {
            self.buf.clear();
            let n = self
                .input
                .read_line(&mut self.buf)
                .map_err(|e| self.error(format!("cannot read: {e}")))?;
            if n == 0 {
                return Ok((!sent.lines.is_empty()).then_some(sent));
            }
            self.line_no += 1;
            let line = self.buf.trim_end_matches(['\n', '\r']);
            if line.trim().is_empty() {
                if sent.lines.is_empty() {
                    continue;
                }
                return Ok(Some(sent));
            }
            if sent.lines.is_empty() {
                sent.first_line = self.line_no;
            }
            if line.starts_with('#') {
                sent.lines.push(Line::Comment(line.to_string()));
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() != 10 {
                return Err(self.error(format!(
                    "expected 10 tab-separated columns, found {}",
                    cols.len()
                )));
            }
            let id = cols[0];
            if id.contains('-') || id.contains('.') {
                sent.lines.push(Line::Other(line.to_string()));
                continue;
            }
            let id: usize = id
                .parse()
                .map_err(|_| self.error(format!("bad word id {id:?}")))?;
            if id != sent.words.len() + 1 {
                return Err(self.error(format!(
                    "word id {id} out of sequence (expected {})",
                    sent.words.len() + 1
                )));
            }
            if cols[1].is_empty() {
                return Err(self.error("empty FORM column"));
            }
            let head = cols[6];
            if head != "_" && head.parse::<usize>().is_err() {
                return Err(self.error(format!("bad HEAD {head:?}")));
            }
            let word = Word {
                form: cols[1].to_string(),
                lemma: cols[2].to_string(),
                upos: cols[3].to_string(),
                xpos: cols[4].to_string(),
                feats: cols[5].to_string(),
                head: head.to_string(),
                deprel: cols[7].to_string(),
                deps: cols[8].to_string(),
                misc: cols[9].to_string(),
            };
            sent.lines.push(Line::Word(sent.words.len()));
            sent.words.push(word);
        }
    }
}

impl<R: BufRead> Iterator for Reader<R> {
    type Item = Result<Sentence, ConlluError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        match self.read_sentence() {
            Ok(Some(s)) => Some(Ok(s)),
            Ok(None) => None,
            Err(e) => {
                self.failed = true;
                Some(Err(e))
            }
        }
    }
}

/// Opens a CoNLL-U file for streaming.
pub fn open(path: &std::path::Path) -> Result<Reader<io::BufReader<std::fs::File>>, ConlluError> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| ConlluError {
        file: name.clone(),
        line: 0,
        message: format!("cannot open: {e}"),
    })?;
    Ok(Reader::new(io::BufReader::new(file), name))
}

/// Reads a whole CoNLL-U file.
pub fn read_all(path: &std::path::Path) -> Result<Vec<Sentence>, ConlluError> {
    open(path)?.collect()
}

/// Writes a sentence; word lines come from `sent.words`, other lines verbatim.
pub fn write_sentence<W: Write>(out: &mut W, sent: &Sentence) -> io::Result<()> {
    for line in &sent.lines {
        match line {
            Line::Comment(s) | Line::Other(s) => writeln!(out, "{s}")?,
            Line::Word(i) => {
                let w = &sent.words[*i];
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    i + 1,
                    w.form,
                    w.lemma,
                    w.upos,
                    w.xpos,
                    w.feats,
                    w.head,
                    w.deprel,
                    w.deps,
                    w.misc
                )?;
            }
        }
    }
    writeln!(out)
}

/// Tags and parses every sentence of `input`, writing CoNLL-U to `out`: word
/// lines get the predicted UPOS, XPOS, HEAD and DEPREL (DEPS becomes "_");
/// every other line is kept. Returns the number of sentences.
pub fn annotate_stream<R: BufRead, W: Write>(
    model: &crate::Model,
    input: Reader<R>,
    out: &mut W,
) -> Result<usize, Box<dyn std::error::Error + Send + Sync>> {
    let mut n = 0;
    for sent in input {
        let mut sent = sent?;
        let forms = sent.forms();
        let a = model.analyse(&forms);
        for (i, w) in sent.words.iter_mut().enumerate() {
            let tag = &model.tags()[a.tags[i] as usize];
            w.upos = tag.upos.name().to_string();
            w.xpos = tag.xpos.clone();
            w.head = a.head[i].to_string();
            w.deprel = a.deprel[i].name().to_string();
            w.deps = "_".to_string();
        }
        write_sentence(out, &sent)?;
        n += 1;
    }
    out.flush()?;
    Ok(n)
}

/// Writes one analysed sentence given as plain words (ids from 1, no lemma
/// or features), preceded by a `# text =` comment when `text` is given.
pub fn write_analysis<W: Write>(
    out: &mut W,
    model: &crate::Model,
    words: &[&str],
    analysis: &crate::Analysis,
    text: Option<&str>,
) -> io::Result<()> {
    if let Some(t) = text {
        writeln!(out, "# text = {}", t.replace(['\n', '\r'], " "))?;
    }
    for (i, w) in words.iter().enumerate() {
        let tag = &model.tags()[analysis.tags[i] as usize];
        // A form may not hold tabs or line breaks in CoNLL-U.
        let form = w.replace(['\t', '\n', '\r'], " ");
        writeln!(
            out,
            "{}\t{}\t_\t{}\t{}\t_\t{}\t{}\t_\t_",
            i + 1,
            form,
            tag.upos.name(),
            tag.xpos,
            analysis.head[i],
            analysis.deprel[i].name()
        )?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# text = Rain fell.\n1-2\tRainfell\t_\t_\t_\t_\t_\t_\t_\t_\n1\tRain\train\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n2\tfell\tfall\tVERB\tVBD\t_\t0\troot\t_\t_\n2.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\n1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";

    #[test]
    fn reads_words_and_keeps_other_lines() {
        let sents: Vec<Sentence> = Reader::new(SAMPLE.as_bytes(), "mem")
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(sents.len(), 2);
        assert_eq!(sents[0].forms(), vec!["Rain", "fell", "."]);
        assert_eq!(sents[0].lines.len(), 6);
        assert_eq!(sents[0].words[0].head_index(), Some(2));
        assert_eq!(sents[1].first_line, 9);
        let mut out = Vec::new();
        write_sentence(&mut out, &sents[0]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("# text = Rain fell.\n1-2\tRainfell"));
        assert!(text.contains("2.1\tx"));
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let bad = "1\tA\ta\tDET\tDT\t_\t2\tdet\t_\t_\n2\tdog\n";
        let err = Reader::new(bad.as_bytes(), "in.conllu")
            .find_map(Result::err)
            .unwrap();
        assert_eq!(err.line, 2);
        assert!(err.to_string().starts_with("in.conllu:2:"), "{err}");
        let bad_head = "1\tA\ta\tDET\tDT\t_\tx\tdet\t_\t_\n";
        let err = Reader::new(bad_head.as_bytes(), "f")
            .find_map(Result::err)
            .unwrap();
        assert!(err.message.contains("HEAD"));
    }
}
