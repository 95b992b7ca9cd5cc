//! Byte spans into a document's text, and their conversion to character offsets.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's cleaned text.
///
/// Byte offsets keep slicing free inside the pipeline; the output record
/// converts them to character offsets with [`CharIndex`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn len(&self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The text this span covers. Panics only if the span does not belong to `text`.
    pub fn of<'t>(&self, text: &'t str) -> &'t str {
        &text[self.range()]
    }

    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    pub fn cover(&self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

/// Index of the first of `items` whose span holds `span`, for layers kept in
/// text order that nest only a few deep (quotations, dates): a binary search,
/// then a look at the few items opening at or before `span`, so lookups stay
/// cheap on long documents.
pub fn covering<T>(items: &[T], span_of: impl Fn(&T) -> Span, span: Span) -> Option<usize> {
    const NESTING: usize = 8;
    let upto = items.partition_point(|x| span_of(x).start <= span.start);
    (upto.saturating_sub(NESTING)..upto).find(|&i| span_of(&items[i]).contains(span))
}

/// Maps byte offsets of one text to character (Unicode scalar) offsets.
pub struct CharIndex {
    /// `None` when the text is pure ASCII: bytes and characters coincide.
    byte_to_char: Option<Vec<u32>>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharIndex { byte_to_char: None };
        }
        let mut map = vec![0u32; text.len() + 1];
        let mut chars = 0u32;
        for (b, ch) in text.char_indices() {
            for slot in &mut map[b..b + ch.len_utf8()] {
                *slot = chars;
            }
            chars += 1;
        }
        map[text.len()] = chars;
        CharIndex {
            byte_to_char: Some(map),
        }
    }

    pub fn char_offset(&self, byte: u32) -> u32 {
        match &self.byte_to_char {
            None => byte,
            Some(map) => map
                .get(byte as usize)
                .copied()
                .unwrap_or(*map.last().unwrap_or(&0)),
        }
    }

    pub fn chars(&self, span: Span) -> [u32; 2] {
        [self.char_offset(span.start), self.char_offset(span.end)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_scalars_not_bytes() {
        let text = "«Oui», dit-il — “yes”.";
        let idx = CharIndex::new(text);
        let start = text.find("yes").unwrap();
        let span = Span::new(start, start + 3);
        let [s, e] = idx.chars(span);
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[s as usize..e as usize].iter().collect();
        assert_eq!(got, "yes");
    }

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("plain text");
        assert_eq!(idx.chars(Span::new(2, 5)), [2, 5]);
    }
}
