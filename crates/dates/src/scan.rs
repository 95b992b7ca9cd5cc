//! A small tokenizer for the date tagger: letter runs, digit runs and single
//! punctuation marks, with byte offsets and the spacing before each token.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Alpha,
    Digit,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Tok {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
    /// Whitespace separates it from the token before.
    pub space_before: bool,
    /// A line break separates it from the token before.
    pub newline_before: bool,
    /// The first character is an upper-case letter.
    pub capital: bool,
}

impl Tok {
    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }
}

/// Splits `text` into tokens. Letters run together (any script), ASCII digits
/// run together, and every other non-space character is a token of its own.
pub fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks = Vec::with_capacity(text.len() / 4);
    let mut space = true;
    let mut newline = true;
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if c.is_whitespace() {
            space = true;
            newline |= c == '\n';
            continue;
        }
        let kind = if c.is_alphabetic() {
            Kind::Alpha
        } else if c.is_ascii_digit() {
            Kind::Digit
        } else {
            Kind::Punct
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Punct {
            while let Some(&(i, d)) = iter.peek() {
                let same = match kind {
                    Kind::Alpha => d.is_alphabetic(),
                    _ => d.is_ascii_digit(),
                };
                if !same {
                    break;
                }
                end = i + d.len_utf8();
                iter.next();
            }
        }
        toks.push(Tok {
            start: start as u32,
            end: end as u32,
            kind,
            space_before: space,
            newline_before: newline,
            capital: c.is_uppercase(),
        });
        space = false;
        newline = false;
    }
    toks
}

/// The token's text in the lower-cased copy, with typographic apostrophes
/// folded to `'` so that "New Year’s Day" matches the lexicon.
pub fn norm<'a>(lower: &'a str, t: &Tok) -> &'a str {
    let s = &lower[t.start as usize..t.end as usize];
    match s {
        "\u{2019}" | "\u{2018}" | "`" => "'",
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_letters_digits_and_marks() {
        let text = "On Jan. 17, 2024-02-06 the '80s";
        let toks = tokenize(text);
        let words: Vec<&str> = toks
            .iter()
            .map(|t| &text[t.start as usize..t.end as usize])
            .collect();
        assert_eq!(
            words,
            ["On", "Jan", ".", "17", ",", "2024", "-", "02", "-", "06", "the", "'", "80", "s"]
        );
        assert!(!toks[2].space_before && toks[3].space_before);
        assert!(toks[0].capital && !toks[10].capital);
    }
}
