//! Event patterns from `data/events/patterns.tsv`: a code, a sequence of
//! lemmas and slots, and flags. See `data/events/README.md`.

use foldhash::HashMap;

use demarche_model::{data, Mode};

const EMBEDDED: &str = include_str!("../../../data/events/patterns.tsv");

/// What fills a slot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// `[T]`: the target.
    Target,
    /// `[S]`: the source, when the pattern names it ("criticism from [S]").
    Source,
    /// `[X]`: a theme the event does not code ("deliver [X] to [T]").
    Other,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// Alternative lemmas, as ids into [`Patterns::vocab`].
    Word(Vec<u32>),
    Slot(Slot),
}

/// How an event triggered right after a pattern is asserted ("urge X to [attack]").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Embed {
    Mode(Mode),
    /// The embedded event is not coded ("refrain from strikes").
    Suppress,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    pub code: String,
    pub elems: Vec<Elem>,
    /// A nominal trigger ("airstrikes on X") rather than a verb.
    pub noun: bool,
    pub embed: Option<Embed>,
    pub no_target: bool,
    /// Line in the file, for messages and tie-breaking.
    pub line: usize,
}

impl Pattern {
    pub fn words(&self) -> usize {
        self.elems
            .iter()
            .filter(|e| matches!(e, Elem::Word(_)))
            .count()
    }

    pub fn has_slot(&self, s: Slot) -> bool {
        self.elems.contains(&Elem::Slot(s))
    }

    /// Whether the target stands right before the pattern's last word ("urge
    /// [T] to", "call for [T] to"): the target is who does what comes next.
    pub fn target_then_word(&self) -> bool {
        matches!(
            self.elems.as_slice(),
            [.., Elem::Slot(Slot::Target), Elem::Word(_)]
        )
    }
}

/// A pattern file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "events/patterns.tsv:{}: {}", self.line, self.message)
    }
}

impl std::error::Error for PatternError {}

/// All patterns, indexed by the lemma of their first word.
#[derive(Debug, Default)]
pub struct Patterns {
    pub list: Vec<Pattern>,
    pub vocab: HashMap<String, u32>,
    /// Word id → patterns whose first word may be it.
    pub by_head: HashMap<u32, Vec<usize>>,
}

impl Patterns {
    pub fn load() -> Patterns {
        let text = data::text("events/patterns.tsv", EMBEDDED);
        Patterns::parse(&text).unwrap_or_else(|e| {
            eprintln!("demarche: {e}; using the built-in event patterns");
            Patterns::parse(EMBEDDED).unwrap_or_default()
        })
    }

    pub fn parse(text: &str) -> Result<Patterns, PatternError> {
        let mut p = Patterns::default();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let err = |message: String| PatternError {
                line: line_no,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 2 {
                return Err(err("expected code <TAB> pattern [<TAB> flags]".into()));
            }
            let code = cols[0];
            if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("bad CAMEO code {code:?}")));
            }
            let mut elems = Vec::new();
            for part in cols[1].split_whitespace() {
                let elem = match part {
                    "[T]" => Elem::Slot(Slot::Target),
                    "[S]" => Elem::Slot(Slot::Source),
                    "[X]" => Elem::Slot(Slot::Other),
                    w if w.starts_with('[') => return Err(err(format!("unknown slot {w}"))),
                    // Articles are optional: the matcher skips a few words between pattern words.
                    "a" | "an" | "the" | "a|an" | "an|a" => continue,
                    w => Elem::Word(w.split('|').map(|alt| p.word_id(alt)).collect()),
                };
                elems.push(elem);
            }
            if !matches!(elems.first(), Some(Elem::Word(_))) {
                return Err(err("a pattern must start with a word".into()));
            }
            let mut pat = Pattern {
                code: code.to_string(),
                elems,
                noun: false,
                embed: None,
                no_target: false,
                line: line_no,
            };
            for flag in cols
                .get(2)
                .copied()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
            {
                match flag {
                    "noun" => pat.noun = true,
                    "notarget" => pat.no_target = true,
                    f if f.starts_with("embed=") => {
                        pat.embed = Some(match &f[6..] {
                            "requested" => Embed::Mode(Mode::Requested),
                            "hypothetical" => Embed::Mode(Mode::Hypothetical),
                            "threatened" => Embed::Mode(Mode::Threatened),
                            "negated" => Embed::Mode(Mode::Negated),
                            "suppress" => Embed::Suppress,
                            other => return Err(err(format!("unknown embed mode {other:?}"))),
                        })
                    }
                    other => return Err(err(format!("unknown flag {other:?}"))),
                }
            }
            let idx = p.list.len();
            if let Some(Elem::Word(alts)) = pat.elems.first() {
                for a in alts {
                    p.by_head.entry(*a).or_default().push(idx);
                }
            }
            p.list.push(pat);
        }
        Ok(p)
    }

    fn word_id(&mut self, w: &str) -> u32 {
        let n = self.vocab.len() as u32;
        *self.vocab.entry(w.to_lowercase()).or_insert(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_patterns_parse_and_cover_every_root() {
        let p = Patterns::load();
        assert!(p.list.len() > 500);
        for root in 1..=20 {
            let r = format!("{root:02}");
            let n = p.list.iter().filter(|x| x.code.starts_with(&r)).count();
            assert!(n >= 5, "root {r} has only {n} patterns");
        }
        let table = crate::CameoTable::embedded();
        for pat in &p.list {
            assert!(
                table.get(&pat.code).is_some(),
                "line {}: unknown code {}",
                pat.line,
                pat.code
            );
        }
    }

    #[test]
    fn malformed_lines_are_errors() {
        assert!(Patterns::parse("1x\tcondemn [T]").is_err());
        assert!(Patterns::parse("111\t[T] condemn").is_err());
        assert!(Patterns::parse("111\tcondemn [Q]").is_err());
        assert!(Patterns::parse("111\tcondemn [T]\tloud").is_err());
        let ok = Patterns::parse("111\tcondemn [T]\n020\turge [T] to\tembed=requested").unwrap();
        assert_eq!(ok.list.len(), 2);
        assert_eq!(ok.list[1].embed, Some(Embed::Mode(Mode::Requested)));
    }
}
