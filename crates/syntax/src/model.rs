//! The trained model: tagger + parser, its file format, and annotation.

use std::path::Path;
use std::sync::OnceLock;

use demarche_model::{Deprel, Document, SentenceSyntax, Upos};

use crate::parser::{views, Parser, Scratch, Templates, TokenView, N_ACTIONS, N_LABELS};
use crate::tagger::{Tag, TagScratch, Tagger};
use crate::weights::{KeyMap, Table};
use crate::words::WordFeats;

const MAGIC: &[u8; 8] = b"DMSYNTX5";
/// The previous format, without the decoding settings (greedy, first pass
/// left to right); still read.
const MAGIC_V4: &[u8; 8] = b"DMSYNTX4";
/// The format before, with 64-bit feature keys; still read.
const MAGIC_WIDE: &[u8; 8] = b"DMSYNTX3";
/// Bit of the settings word: the tagger's first pass reads right to left.
const REVERSE_FIRST: u32 = 1;
/// Bit of the settings word: the parser reads the lean template set.
const LEAN_PARSER: u32 = 2;
/// Bit of the settings word: the tagger reads an English dictionary's word classes.
const ENGLISH_LEXICON: u32 = 4;

/// Longest stretch parsed as one tree; longer "sentences" (usually broken
/// splitting) are parsed in pieces whose roots hang from the first piece's root.
const MAX_PARSE: usize = 400;

/// Part-of-speech tagger and dependency parser.
#[derive(Clone)]
pub struct Model {
    pub(crate) tagger: Tagger,
    pub(crate) parser: Parser,
}

/// Full output for one sentence, with tag ids into the model's tag set.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Analysis {
    pub tags: Vec<u8>,
    pub head: Vec<u16>,
    pub deprel: Vec<Deprel>,
}

static EMBEDDED_BYTES: &[u8] = include_bytes!("../../../data/models/syntax.bin");
static EMBEDDED: OnceLock<Model> = OnceLock::new();
static FAST_BYTES: &[u8] = include_bytes!("../../../data/models/syntax-fast.bin");
static FAST: OnceLock<Model> = OnceLock::new();

/// A built-in model, decoded on first use; an unusable one is reported once
/// and replaced by the untrained model, so the pipeline still runs.
fn decoded_once(cell: &'static OnceLock<Model>, bytes: &[u8], name: &str) -> &'static Model {
    cell.get_or_init(|| {
        Model::from_bytes(bytes).unwrap_or_else(|e| {
            eprintln!(
                "demarche-syntax: the {name} is unusable ({e}); tagging and parsing are disabled"
            );
            Model::untrained()
        })
    })
}

impl Model {
    /// A model that knows nothing (every word gets the first tag); still
    /// produces well-formed trees.
    pub fn untrained() -> Model {
        let tags = vec![Tag {
            upos: Upos::X,
            xpos: "_".into(),
        }];
        Model {
            tagger: Tagger {
                first: Table::empty(tags.len()),
                second: Table::empty(tags.len()),
                tags,
                dict: KeyMap::default(),
                lexicon: KeyMap::default(),
                reverse_first: false,
                english: false,
            },
            parser: Parser {
                table: Table::empty(N_ACTIONS),
                beam: 1,
                templates: Templates::Full,
            },
        }
    }

    /// The model compiled into the binary, decoded on first use.
    pub fn embedded() -> &'static Model {
        decoded_once(&EMBEDDED, EMBEDDED_BYTES, "embedded model")
    }

    /// The bytes of the model compiled into the binary (for benchmarks).
    pub fn embedded_bytes() -> &'static [u8] {
        EMBEDDED_BYTES
    }

    /// The fast model compiled into the binary (one tagger pass, lean parser
    /// templates), decoded on first use: what the pipeline runs by default.
    pub fn embedded_fast() -> &'static Model {
        decoded_once(&FAST, FAST_BYTES, "embedded fast model")
    }

    pub fn load(path: &Path) -> Result<Model, String> {
        let bytes =
            std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        Model::from_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn save(&self, path: &Path) -> Result<(), String> {
        std::fs::write(path, self.to_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))
    }

    /// A copy without the quantised weights of magnitude `min_abs` or less.
    pub fn pruned(&self, min_abs: i16) -> Model {
        let mut m = self.clone();
        m.tagger.first = m.tagger.first.pruned(min_abs);
        m.tagger.second = m.tagger.second.pruned(min_abs);
        m.parser.table = m.parser.table.pruned(min_abs);
        m
    }

    /// Beam width the parser was trained and decodes with (1: greedy).
    pub fn beam(&self) -> usize {
        self.parser.beam
    }

    /// The joint tag set (UPOS with the English XPOS).
    pub fn tags(&self) -> &[Tag] {
        &self.tagger.tags
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        let mut settings = 0;
        if self.tagger.reverse_first {
            settings |= REVERSE_FIRST;
        }
        if self.parser.templates == Templates::Lean {
            settings |= LEAN_PARSER;
        }
        if self.tagger.english {
            settings |= ENGLISH_LEXICON;
        }
        out.extend_from_slice(&settings.to_le_bytes());
        out.extend_from_slice(&(self.parser.beam as u32).to_le_bytes());
        out.extend_from_slice(&(self.tagger.tags.len() as u32).to_le_bytes());
        for t in &self.tagger.tags {
            out.push(t.upos.index() as u8);
            out.push(t.xpos.len().min(255) as u8);
            out.extend_from_slice(&t.xpos.as_bytes()[..t.xpos.len().min(255)]);
        }
        let mut dict: Vec<(u64, u8)> = self.tagger.dict.iter().map(|(k, v)| (*k, *v)).collect();
        dict.sort_unstable();
        out.extend_from_slice(&(dict.len() as u32).to_le_bytes());
        for (k, v) in dict {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        let mut lexicon: Vec<(u64, u32)> =
            self.tagger.lexicon.iter().map(|(k, v)| (*k, *v)).collect();
        lexicon.sort_unstable();
        out.extend_from_slice(&(lexicon.len() as u32).to_le_bytes());
        for (k, mask) in lexicon {
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes());
        }
        self.tagger.first.write(&mut out);
        self.tagger.second.write(&mut out);
        self.parser.table.write(&mut out);
        out
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let mut input = Bytes::new(bytes);
        let (wide, with_settings) = match input.take(MAGIC.len())? {
            m if m == MAGIC => (false, true),
            m if m == MAGIC_V4 => (false, false),
            m if m == MAGIC_WIDE => (true, false),
            _ => return Err("not a demarche syntax model (bad magic)".into()),
        };
        let n_labels = input.u32()? as usize;
        if n_labels != N_LABELS {
            return Err(format!(
                "model has {n_labels} relations, this build knows {N_LABELS}"
            ));
        }
        let (settings, beam) = if with_settings {
            (input.u32()?, input.u32()? as usize)
        } else {
            (0, 1)
        };
        if settings & !(REVERSE_FIRST | LEAN_PARSER | ENGLISH_LEXICON) != 0 {
            return Err(format!("unknown model settings {settings:#x}"));
        }
        if beam == 0 || beam > 256 {
            return Err(format!("bad beam width {beam}"));
        }
        let n_tags = input.u32()? as usize;
        if n_tags == 0 || n_tags > 255 {
            return Err(format!("bad tag count {n_tags}"));
        }
        let mut tags = Vec::with_capacity(n_tags);
        for _ in 0..n_tags {
            let upos = *Upos::ALL
                .get(input.u8()? as usize)
                .ok_or("bad UPOS index")?;
            let len = input.u8()? as usize;
            let xpos = std::str::from_utf8(input.take(len)?)
                .map_err(|_| "bad XPOS text")?
                .to_string();
            tags.push(Tag { upos, xpos });
        }
        let n_dict = input.u32()? as usize;
        let mut dict = KeyMap::default();
        for _ in 0..n_dict {
            let k = input.u64()?;
            let v = input.u8()?;
            if v as usize >= n_tags {
                return Err("dictionary tag out of range".into());
            }
            dict.insert(k, v);
        }
        let n_lexicon = input.u32()? as usize;
        if n_lexicon > input.remaining() / 12 {
            return Err("model file is truncated".into());
        }
        let mut lexicon = KeyMap::default();
        lexicon.reserve(n_lexicon);
        for _ in 0..n_lexicon {
            let k = input.u64()?;
            lexicon.insert(k, input.u32()?);
        }
        let first = Table::read(&mut input, wide)?;
        let second = Table::read(&mut input, wide)?;
        if first.n_classes() != n_tags || second.n_classes() != n_tags {
            return Err("tagger tables do not match the tag set".into());
        }
        let parse_table = Table::read(&mut input, wide)?;
        if parse_table.n_classes() != N_ACTIONS {
            return Err("parser table does not match the transition set".into());
        }
        if input.remaining() != 0 {
            return Err("trailing bytes after the model".into());
        }
        if settings & ENGLISH_LEXICON != 0 {
            // Part of loading the model, not of its first sentence.
            crate::english::load();
        }
        Ok(Model {
            tagger: Tagger {
                tags,
                first,
                second,
                dict,
                lexicon,
                reverse_first: settings & REVERSE_FIRST != 0,
                english: settings & ENGLISH_LEXICON != 0,
            },
            parser: Parser {
                table: parse_table,
                beam,
                templates: if settings & LEAN_PARSER != 0 {
                    Templates::Lean
                } else {
                    Templates::Full
                },
            },
        })
    }

    /// Tag ids for a sentence.
    pub fn tag_ids(&self, words: &[&str]) -> Vec<u8> {
        let ws = self.tagger.word_feats(words);
        let mut out = Vec::with_capacity(ws.len());
        self.tagger
            .tag_into(&ws, &mut out, &mut TagScratch::default());
        out
    }

    /// Universal tags for a sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<Upos> {
        self.tag_ids(words)
            .into_iter()
            .map(|t| self.tagger.tags[t as usize].upos)
            .collect()
    }

    /// Tags and parses a sentence given as its words.
    pub fn analyse(&self, words: &[&str]) -> Analysis {
        let ws = self.tagger.word_feats(words);
        let mut tags = Vec::with_capacity(ws.len());
        self.tagger
            .tag_into(&ws, &mut tags, &mut TagScratch::default());
        let (head, labels) = self.parse_tagged(&ws, &tags);
        Analysis {
            tags,
            head,
            deprel: labels.into_iter().map(Deprel).collect(),
        }
    }

    /// Parses words already tagged; long inputs are parsed in pieces.
    pub(crate) fn parse_tagged(&self, ws: &[WordFeats], tags: &[u8]) -> (Vec<u16>, Vec<u8>) {
        let views: Vec<TokenView> = views(ws, tags, &self.tagger.tags);
        let mut scratch = Scratch::default();
        if views.len() <= MAX_PARSE {
            return self.parser.parse(&views, &mut scratch);
        }
        let mut head = Vec::with_capacity(views.len());
        let mut labels = Vec::with_capacity(views.len());
        let mut first_root = 0usize;
        for (k, piece) in views.chunks(MAX_PARSE).enumerate() {
            let offset = k * MAX_PARSE;
            let (h, l) = self.parser.parse(piece, &mut scratch);
            for (i, (h, l)) in h.into_iter().zip(l).enumerate() {
                if h == 0 {
                    if k == 0 {
                        first_root = offset + i + 1;
                        head.push(0);
                        labels.push(l);
                    } else {
                        head.push(u16::try_from(first_root).unwrap_or(0));
                        labels.push(Deprel::from_name("parataxis").0);
                    }
                } else {
                    head.push(u16::try_from(h as usize + offset).unwrap_or(0));
                    labels.push(l);
                }
            }
        }
        (head, labels)
    }

    /// Tags and parses one sentence.
    pub fn annotate(&self, words: &[&str]) -> SentenceSyntax {
        let a = self.analyse(words);
        SentenceSyntax {
            upos: a
                .tags
                .iter()
                .map(|t| self.tagger.tags[*t as usize].upos)
                .collect(),
            head: a.head,
            deprel: a.deprel,
        }
    }
}

/// Fills `doc.syntax` (parallel to `doc.sentences`): the selected sentences
/// are tagged and parsed, the others get an empty [`SentenceSyntax`].
pub fn annotate_document(doc: &mut Document, model: &Model, select: impl Fn(usize) -> bool) {
    let mut syntax = Vec::with_capacity(doc.sentences.len());
    let mut words: Vec<&str> = Vec::new();
    for (s, sent) in doc.sentences.iter().enumerate() {
        if !select(s) {
            syntax.push(SentenceSyntax::default());
            continue;
        }
        words.clear();
        for tok in doc.tokens.get(sent.token_range()).unwrap_or(&[]) {
            words.push(model_form(doc.text.get(tok.span.range()).unwrap_or("")));
        }
        syntax.push(model.annotate(&words));
    }
    doc.syntax = syntax;
}

/// The form the model reads for a token: a double quotation mark written as
/// two apostrophes or backticks ('' ``), rare in the treebank, is read as the
/// straight mark that stands there in most of it.
fn model_form(word: &str) -> &str {
    match word {
        "''" | "``" | "\u{2019}\u{2019}" | "\u{2018}\u{2018}" => "\"",
        _ => word,
    }
}

/// A cursor over model bytes; every read checks the length.
#[derive(Clone)]
pub struct Bytes<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data, pos: 0 }
    }

    pub fn remaining(&self) -> usize {
        self.data.len() - self.pos
    }

    /// Where the cursor stands.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// A cursor over the same bytes at `pos` (an earlier [`Bytes::position`]).
    pub fn at(&self, pos: usize) -> Bytes<'a> {
        Bytes {
            data: self.data,
            pos: pos.min(self.data.len()),
        }
    }

    pub fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        if self.remaining() < n {
            return Err("model file is truncated".into());
        }
        let s = &self.data[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    pub fn u8(&mut self) -> Result<u8, String> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16, String> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32, String> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    pub fn u64(&mut self) -> Result<u64, String> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_settings_survive_the_file() {
        let mut m = Model::untrained();
        m.tagger.reverse_first = true;
        m.parser.beam = 4;
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert!(back.tagger.reverse_first);
        assert_eq!(back.beam(), 4);
        let plain = Model::from_bytes(&Model::untrained().to_bytes()).unwrap();
        assert!(!plain.tagger.reverse_first);
        assert_eq!(plain.beam(), 1);
        let mut bad = m.to_bytes();
        bad[16..20].copy_from_slice(&0u32.to_le_bytes()); // beam width 0
        assert!(Model::from_bytes(&bad).is_err());
    }

    #[test]
    fn the_template_set_and_the_dictionary_survive_the_file_and_unknown_settings_are_refused() {
        let mut m = Model::untrained();
        m.parser.templates = Templates::Lean;
        m.tagger.english = true;
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.parser.templates, Templates::Lean);
        assert!(back.tagger.english);
        assert!(
            !Model::from_bytes(&Model::untrained().to_bytes())
                .unwrap()
                .tagger
                .english
        );
        assert_eq!(
            Model::from_bytes(&Model::untrained().to_bytes())
                .unwrap()
                .parser
                .templates,
            Templates::Full
        );
        let mut bad = bytes;
        bad[12..16].copy_from_slice(&(1u32 << 7).to_le_bytes()); // a setting from the future
        let err = Model::from_bytes(&bad).err().unwrap_or_default();
        assert!(err.contains("unknown model settings"), "{err}");
    }

    /// The shipped fast model is what the pipeline is meant to run: one
    /// tagger pass and the lean parser; the accurate one has both passes.
    #[test]
    fn the_embedded_models_are_what_they_claim() {
        let fast = Model::embedded_fast();
        assert_eq!(fast.parser.templates, Templates::Lean);
        assert!(fast.tagger.second.is_empty() && !fast.tagger.first.is_empty());
        let accurate = Model::embedded();
        assert_eq!(accurate.parser.templates, Templates::Full);
        assert!(!accurate.tagger.second.is_empty());
        assert!(fast.tagger.english && accurate.tagger.english);
    }
}
