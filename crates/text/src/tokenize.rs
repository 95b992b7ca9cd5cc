//! Tokens with exact byte spans: words (with inner hyphens, dotted initials,
//! known abbreviations and their stop), numbers with separators, clitics split
//! off as Universal Dependencies does ("Iran" "’s", "do" "n't"), each quotation
//! mark on its own (a doubled '' or `` is one mark), ellipses and dashes as single punctuation tokens.

use demarche_model::{Span, Token, TokenKind};

use crate::config::TextConfig;

/// Every quotation mark the pipeline knows, straight and typographic.
pub fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '`'
            | '“'
            | '”'
            | '„'
            | '‟'
            | '‘'
            | '’'
            | '‚'
            | '‛'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '「'
            | '」'
            | '『'
            | '』'
    )
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

pub fn tokenize(text: &str, cfg: &TextConfig) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let (end, kind) = if let Some(end) = url_end(text, &chars, i) {
            (end, TokenKind::Symbol)
        } else if is_apostrophe(c) && clitic_len(&chars, i, cfg).is_some() {
            (i + clitic_len(&chars, i, cfg).unwrap_or(1), TokenKind::Word)
        } else if is_word_char(c) {
            word_end(text, &chars, i, cfg)
        } else if is_quote_char(c) {
            // Some wires write a double quotation mark as two apostrophes or
            // backticks ('' ``): one mark, one token.
            let doubled = matches!(c, '\'' | '`' | '’' | '‘')
                && chars.get(i + 1).is_some_and(|n| n.1 == c)
                && chars.get(i + 2).is_none_or(|n| n.1 != c);
            (i + 1 + usize::from(doubled), TokenKind::Quote)
        } else if c == '.' && chars.get(i + 1).is_some_and(|n| n.1 == '.') {
            let mut j = i;
            while chars.get(j).is_some_and(|n| n.1 == '.') {
                j += 1;
            }
            (j, TokenKind::Punct)
        } else if is_hyphen(c) && chars.get(i + 1).is_some_and(|n| is_hyphen(n.1)) {
            let mut j = i;
            while chars.get(j).is_some_and(|n| is_hyphen(n.1)) {
                j += 1;
            }
            (j, TokenKind::Punct)
        } else if is_punctuation(c) {
            (i + 1, TokenKind::Punct)
        } else {
            (i + 1, TokenKind::Symbol)
        };
        tokens.push(Token {
            span: Span::new(byte_at(start), byte_at(end)),
            kind,
        });
        i = end;
    }
    tokens
}

fn is_punctuation(c: char) -> bool {
    c.is_ascii_punctuation()
        && !matches!(
            c,
            '$' | '%' | '+' | '<' | '=' | '>' | '^' | '|' | '~' | '#' | '@' | '&'
        )
        || matches!(
            c,
            '…' | '–' | '—' | '‒' | '―' | '•' | '·' | '¡' | '¿' | '§' | '¶'
        )
        || matches!(c as u32, 0x2010..=0x2027 | 0x3000..=0x303F)
}

/// A URL or web address starting at `i`: up to the next space, trailing punctuation left out.
fn url_end(text: &str, chars: &[(usize, char)], i: usize) -> Option<usize> {
    let rest = &text[chars[i].0..];
    let lower_prefix = |p: &str| {
        rest.len() >= p.len()
            && rest.is_char_boundary(p.len())
            && rest[..p.len()].eq_ignore_ascii_case(p)
    };
    if !(lower_prefix("http://") || lower_prefix("https://") || lower_prefix("www.")) {
        return None;
    }
    let mut j = i;
    while j < chars.len() && !chars[j].1.is_whitespace() {
        j += 1;
    }
    while j > i + 1
        && (is_quote_char(chars[j - 1].1)
            || matches!(
                chars[j - 1].1,
                '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']'
            ))
    {
        j -= 1;
    }
    Some(j)
}

/// A web address ending ("org", "com") starts at `k` and ends the word there.
fn domain_at(text: &str, chars: &[(usize, char)], k: usize, cfg: &TextConfig) -> bool {
    let mut e = k;
    while chars.get(e).is_some_and(|c| c.1.is_ascii_lowercase()) {
        e += 1;
    }
    if e == k || chars.get(e).is_some_and(|c| c.1.is_alphanumeric()) {
        return false;
    }
    let end = chars.get(e).map_or(text.len(), |c| c.0);
    cfg.domains.contains(&text[chars[k].0..end])
}

/// Length in chars of a clitic ("'s", "’re", "n't") starting at `i`, if one starts there
/// and is followed by a non-letter.
fn clitic_len(chars: &[(usize, char)], i: usize, cfg: &TextConfig) -> Option<usize> {
    for clitic in &cfg.clitics {
        let mut n = 0;
        let mut ok = true;
        for want in clitic.chars() {
            match chars.get(i + n) {
                Some((_, got))
                    if got.to_lowercase().eq(want.to_lowercase())
                        || (is_apostrophe(want) && is_apostrophe(*got)) =>
                {
                    n += 1
                }
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok && !chars.get(i + n).is_some_and(|(_, c)| c.is_alphanumeric()) {
            // "s'" (plural possessive) only after a letter s, which the caller checks.
            return Some(n);
        }
    }
    None
}

/// Where the word or number starting at `i` ends, and which it is.
fn word_end(
    text: &str,
    chars: &[(usize, char)],
    start: usize,
    cfg: &TextConfig,
) -> (usize, TokenKind) {
    let ch = |k: usize| chars.get(k).map(|x| x.1);
    let mut j = start;
    let mut segment_len = 0; // letters since the last inner dot
    loop {
        match ch(j) {
            Some(c) if is_word_char(c) => {
                segment_len += 1;
                j += 1;
            }
            Some(c) => {
                let prev = ch(j - 1).unwrap_or(' ');
                let next = ch(j + 1);
                let next_alnum = next.is_some_and(is_word_char);
                let both_digits = prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit());
                let join = if is_hyphen(c) {
                    next_alnum
                } else if c == '.' {
                    both_digits
                        || (next.is_some_and(char::is_alphabetic)
                            && segment_len == 1
                            && prev.is_alphabetic())
                        || (prev.is_alphanumeric() && domain_at(text, chars, j + 1, cfg))
                } else if c == ',' {
                    both_digits && thousands_group(chars, j + 1)
                } else if c == ':' || c == '/' {
                    both_digits
                } else if c == '&' {
                    prev.is_uppercase() && next.is_some_and(char::is_uppercase)
                } else if is_apostrophe(c) {
                    apostrophe_joins(chars, start, j, cfg)
                } else {
                    false
                };
                if !join {
                    break;
                }
                // "R-S.C.", "D-N.Y.": a party and state tag is initials joined by a hyphen.
                if c == '.' || is_hyphen(c) {
                    segment_len = 0;
                }
                j += 1;
            }
            None => break,
        }
    }
    // "don't": split "n't" off the word it ends.
    if let Some(split) = nt_split(chars, start, j) {
        j = split;
    }
    let word = &text[chars[start].0..chars.get(j).map_or(text.len(), |x| x.0)];
    // Keep the final stop of an abbreviation, a dotted initialism or a single initial.
    if ch(j) == Some('.') {
        let with_stop = &text[chars[start].0..chars.get(j + 1).map_or(text.len(), |x| x.0)];
        let initialism = word.contains('.')
            && word
                .split(|c: char| c == '.' || is_hyphen(c))
                .all(|s| s.chars().count() == 1);
        let single_initial = word.chars().count() == 1 && word.chars().all(char::is_alphabetic);
        if cfg.abbreviation(with_stop).is_some() || initialism || single_initial {
            j += 1;
        }
    }
    let numeric = text[chars[start].0..chars.get(j).map_or(text.len(), |x| x.0)]
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':' | '/'));
    (
        j,
        if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        },
    )
}

/// Three digits then a non-digit: a thousands group ("1,000" but not "3,4").
fn thousands_group(chars: &[(usize, char)], k: usize) -> bool {
    (0..3).all(|d| chars.get(k + d).is_some_and(|x| x.1.is_ascii_digit()))
        && !chars.get(k + 3).is_some_and(|x| x.1.is_ascii_digit())
}

/// An apostrophe inside a word joins it ("O'Brien") unless it starts a clitic ("Iran's", "do|n't").
fn apostrophe_joins(chars: &[(usize, char)], start: usize, j: usize, cfg: &TextConfig) -> bool {
    let next_letter = chars.get(j + 1).is_some_and(|x| x.1.is_alphabetic());
    if !next_letter || j == start {
        return false;
    }
    if clitic_len(chars, j, cfg).is_some() {
        return false;
    }
    // "n't": the n belongs to the clitic; keep the apostrophe joined for now and split later.
    true
}

/// If the word `[start, end)` ends in "n't"/"n’t" (and has more before it), where to split.
fn nt_split(chars: &[(usize, char)], start: usize, end: usize) -> Option<usize> {
    if end < start + 4 {
        return None;
    }
    let t = chars[end - 1].1;
    let apos = chars[end - 2].1;
    let n = chars[end - 3].1;
    (t.eq_ignore_ascii_case(&'t') && is_apostrophe(apos) && n.eq_ignore_ascii_case(&'n'))
        .then_some(end - 3)
}
