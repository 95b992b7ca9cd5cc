//! What the classifiers know about a word form, computed once per token.

use crate::hash;

/// Hashed views of one word form.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordFeats {
    /// The form as written.
    pub form: u64,
    /// Lower-cased, digits replaced by 0 ("1,250" → "0,000").
    pub lower: u64,
    /// Suffixes of `lower` of 1..=4 characters.
    pub suffix: [u64; 4],
    /// Prefixes of `lower` of 1..=3 characters.
    pub prefix: [u64; 3],
    /// Character classes with runs collapsed ("McCain" → "XxXx", "3.5" → "d.d").
    pub shape: u64,
    /// Capitalisation, hyphen, digit, length bucket as one small number.
    pub flags: u64,
    /// Set by the model: the lower-cased form is rare or unseen in training.
    pub rare: bool,
    /// Set by the model: the universal tags training gave this lower-cased
    /// form (its ambiguity class), or [`NONE`] for rare words.
    pub amb: u64,
    /// How the whole sentence is cased (see [`sentence_style`]): a capital
    /// says less about a proper noun in a title-cased headline.
    pub style: u64,
    /// Set by models that read it: the word classes an English dictionary
    /// gives the lower-cased form ([`crate::english::classes_of_hash`]), else [`NONE`].
    pub english: u64,
}

/// [`sentence_style`] of a sentence cased as most are.
pub const STYLE_ORDINARY: u64 = 4;

/// Value used where a position is outside the sentence.
pub const NONE: u64 = 0x6E6F_6E65;
/// Value used for the artificial root token.
pub const ROOT: u64 = 0x726F_6F74;

impl WordFeats {
    pub const NONE: WordFeats = WordFeats {
        form: NONE,
        lower: NONE,
        suffix: [NONE; 4],
        prefix: [NONE; 3],
        shape: NONE,
        flags: NONE,
        rare: false,
        amb: NONE,
        style: NONE,
        english: NONE,
    };

    /// The capitalisation bits of [`WordFeats::flags`] (none, all caps, Title, McCain, iPhone).
    pub fn case(&self) -> u64 {
        self.flags & 7
    }

    /// Like [`WordFeats::of`], with the dictionary's word classes when the
    /// model reads them (`english`).
    pub fn of_for(word: &str, buf: &mut String, english: bool) -> WordFeats {
        let mut f = WordFeats::of(word, buf);
        if english {
            f.english = crate::english::classes_of_hash(f.lower);
        }
        f
    }

    /// `buf` is scratch space, reused between calls to avoid allocation.
    pub fn of(word: &str, buf: &mut String) -> WordFeats {
        buf.clear();
        let mut upper = 0usize;
        let mut lower_letters = 0usize;
        let mut digits = 0usize;
        let mut hyphen = false;
        let mut first_upper = false;
        let mut shape = 0x7368u64;
        let mut last_class = 0u8;
        for (i, c) in word.chars().enumerate() {
            let class = if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    first_upper = true;
                }
                b'X'
            } else if c.is_lowercase() {
                lower_letters += 1;
                b'x'
            } else if c.is_ascii_digit() {
                digits += 1;
                b'd'
            } else if c.is_alphabetic() {
                b'a'
            } else {
                if c == '-' {
                    hyphen = true;
                }
                if c.is_ascii() {
                    c as u8
                } else {
                    b'?'
                }
            };
            if class != last_class {
                shape = hash::mix(shape, u64::from(class));
                last_class = class;
            }
            if c.is_ascii_digit() {
                buf.push('0');
            } else {
                buf.extend(c.to_lowercase());
            }
        }
        let n_chars = word.chars().count();
        let case = match (first_upper, upper, lower_letters) {
            (_, 0, _) => 0u64,
            (_, u, 0) if u > 1 => 1, // all caps
            (true, 1, _) => 2,       // Title
            (true, _, _) => 3,       // McCain
            _ => 4,                  // iPhone
        };
        let length = n_chars.min(8) as u64;
        let flags = case
            | (u64::from(hyphen) << 3)
            | (u64::from(digits > 0) << 4)
            | (u64::from(digits == n_chars) << 5)
            | (length << 6);
        let lower = buf.as_str();
        let mut suffix = [NONE; 4];
        let mut prefix = [NONE; 3];
        for (k, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
            suffix[k] = hash::mix(k as u64 + 1, hash::bytes(&lower.as_bytes()[i..]));
        }
        let prefix_ends = lower
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(lower.len()));
        for (k, end) in prefix_ends.take(3).enumerate() {
            prefix[k] = hash::mix(k as u64 + 11, hash::bytes(&lower.as_bytes()[..end]));
        }
        WordFeats {
            form: hash::bytes(word.as_bytes()),
            lower: hash::bytes(lower.as_bytes()),
            suffix,
            prefix,
            shape,
            flags,
            rare: false,
            amb: NONE,
            style: NONE,
            english: NONE,
        }
    }
}

/// The casing of a sentence, from its words after the first: 0 too few
/// words to tell, 1 all capitals, 2 title case, 3 no capitals at all (not
/// even the first word), 4 ordinary.
pub fn sentence_style<'a>(words: impl Iterator<Item = &'a str>) -> u64 {
    let (mut first_lower, mut alpha, mut caps, mut all_caps) = (false, 0usize, 0usize, 0usize);
    for (i, w) in words.enumerate() {
        let Some(c) = w.chars().next().filter(|c| c.is_alphabetic()) else {
            continue;
        };
        if i == 0 {
            first_lower = c.is_lowercase();
            continue;
        }
        alpha += 1;
        if c.is_uppercase() {
            caps += 1;
            if w.chars().count() > 1 && !w.chars().any(char::is_lowercase) {
                all_caps += 1;
            }
        }
    }
    if alpha < 3 {
        0
    } else if all_caps * 5 >= alpha * 4 {
        1
    } else if caps * 10 >= alpha * 7 {
        2
    } else if caps == 0 && first_lower {
        3
    } else {
        STYLE_ORDINARY
    }
}

/// Sets [`WordFeats::style`] on every word of a sentence.
pub fn mark_style<'a>(ws: &mut [WordFeats], words: impl Iterator<Item = &'a str>) {
    let style = sentence_style(words);
    for w in ws {
        w.style = style;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_digits_are_normalised() {
        let mut buf = String::new();
        let a = WordFeats::of("Talks", &mut buf);
        let b = WordFeats::of("talks", &mut buf);
        assert_eq!(a.lower, b.lower);
        assert_ne!(a.form, b.form);
        assert_ne!(a.flags, b.flags);
        assert_eq!(a.suffix[2], WordFeats::of("walks", &mut buf).suffix[2]);
        assert_eq!(
            WordFeats::of("1984", &mut buf).lower,
            WordFeats::of("2025", &mut buf).lower
        );
        assert_eq!(
            WordFeats::of("McCain", &mut buf).shape,
            WordFeats::of("McDonald", &mut buf).shape
        );
        let e = WordFeats::of("é", &mut buf);
        assert_ne!(e.suffix[0], NONE);
        assert_eq!(e.suffix[1], NONE);
    }
}
