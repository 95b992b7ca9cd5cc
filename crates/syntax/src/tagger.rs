//! Greedy tagger over joint UPOS+XPOS tags, in two passes: the first reads
//! the sentence in one direction (right to left in current models) and sees
//! the tags it already chose; the second reads left to right and also sees
//! the first pass's tags on the right. Frequent unambiguous forms come from
//! a dictionary.

use demarche_model::Upos;

use crate::hash::{f1, f2, f3};
use crate::weights::{KeyMap, Table, TrainWeights};
use crate::words::{mark_style, WordFeats, NONE, STYLE_ORDINARY};

/// A joint tag: the universal tag and the English (Penn) tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub upos: Upos,
    pub xpos: String,
}

/// Value of "the tag before the sentence start".
const START: u64 = 0x7374_6172;

#[inline]
fn tag_value(t: Option<u8>) -> u64 {
    t.map_or(START, |t| u64::from(t) + 1000)
}

/// Features for word `i` given the two tags before it.
pub fn features(
    ws: &[WordFeats],
    i: usize,
    prev: Option<u8>,
    prev2: Option<u8>,
    out: &mut Vec<u64>,
) {
    let at = |j: isize| -> &WordFeats {
        if j < 0 {
            &WordFeats::NONE
        } else {
            ws.get(j as usize).unwrap_or(&WordFeats::NONE)
        }
    };
    let i = i as isize;
    let w = at(i);
    let (wp, wpp, wn, wnn) = (at(i - 1), at(i - 2), at(i + 1), at(i + 2));
    let (t1, t2) = (tag_value(prev), tag_value(prev2));
    let first = u64::from(i == 0);
    out.clear();
    out.extend_from_slice(&[
        f1(0, 0),
        f1(1, w.lower),
        f1(2, w.form),
        f1(3, w.suffix[0]),
        f1(4, w.suffix[1]),
        f1(5, w.suffix[2]),
        f1(6, w.suffix[3]),
        f1(7, w.prefix[0]),
        f1(8, w.prefix[1]),
        f1(9, w.prefix[2]),
        f1(10, w.shape),
        f2(11, w.flags, first),
        f1(12, t1),
        f1(13, t2),
        f2(14, t1, t2),
        f2(15, t1, w.lower),
        f1(16, wp.lower),
        f1(17, wpp.lower),
        f1(18, wn.lower),
        f1(19, wnn.lower),
        f1(20, wp.suffix[2]),
        f1(21, wn.suffix[2]),
        f1(22, wn.shape),
        f1(23, wp.shape),
        f2(24, wp.lower, w.lower),
        f2(25, w.lower, wn.lower),
        f2(26, t1, wn.lower),
        f2(27, t1, w.suffix[2]),
        f2(28, wn.flags, w.flags),
        f3(29, t1, w.shape, wn.shape),
        f2(30, w.suffix[1], wn.suffix[1]),
        f2(31, wp.form, w.flags),
        f3(32, wp.flags, w.flags, wn.flags),
        f2(33, wp.lower, t1),
        f1(34, w.amb),
        f2(35, w.amb, wn.amb),
        f1(36, wn.amb),
        f1(37, wnn.amb),
        f2(38, wp.amb, w.amb),
        f2(39, t1, w.amb),
        f3(74, wp.case(), w.case(), wn.case()),
        f2(75, wp.lower, wn.lower),
    ]);
    if w.style != NONE && w.style != STYLE_ORDINARY {
        // Unusual casing of the whole sentence (headline, all caps, none).
        let case = w.case();
        out.extend_from_slice(&[
            f2(70, w.style, case),
            f3(71, w.style, case, t1),
            f3(72, w.style, case, w.lower),
            f3(73, w.style, case, wn.case()),
        ]);
    }
    if w.english != NONE {
        // What a dictionary says of the word, for models that read one.
        out.extend_from_slice(&[
            f1(76, w.english),
            f2(77, w.english, w.case()),
            f2(78, w.english, t1),
            f1(79, wn.english),
            f2(80, w.english, wn.english),
            f1(81, wp.english),
        ]);
        if w.style != NONE && w.style != STYLE_ORDINARY {
            out.push(f3(82, w.style, w.case(), w.english));
        }
        if w.rare {
            out.extend_from_slice(&[
                f2(68, w.english, w.suffix[1]),
                f3(69, w.english, w.case(), first),
            ]);
        }
    }
    if w.rare {
        // Spelling says most about words training barely saw.
        out.extend_from_slice(&[
            f1(60, w.suffix[0]),
            f1(61, w.suffix[1]),
            f1(62, w.suffix[2]),
            f1(63, w.suffix[3]),
            f2(64, w.shape, w.flags),
            f2(65, w.prefix[2], w.suffix[2]),
            f2(66, t1, w.suffix[2]),
            f3(67, wp.flags, w.flags, first),
        ]);
    }
    if w.shape == NONE {
        out.truncate(1);
    }
}

/// Second-pass features: the first pass's features plus the first pass's
/// tags for this word and the two after it.
pub fn features2(
    ws: &[WordFeats],
    i: usize,
    prev: Option<u8>,
    prev2: Option<u8>,
    first: &[u8],
    out: &mut Vec<u64>,
) {
    features(ws, i, prev, prev2, out);
    let w = &ws[i];
    let next = ws.get(i + 1).unwrap_or(&WordFeats::NONE);
    let (t1, own) = (tag_value(prev), tag_value(first.get(i).copied()));
    let r1 = first.get(i + 1).map_or(END, |t| tag_value(Some(*t)));
    let r2 = first.get(i + 2).map_or(END, |t| tag_value(Some(*t)));
    out.extend_from_slice(&[
        f1(40, r1),
        f1(41, r2),
        f2(42, r1, r2),
        f2(43, t1, r1),
        f2(44, w.lower, r1),
        f2(45, w.suffix[2], r1),
        f3(46, t1, w.lower, r1),
        f2(47, next.lower, r1),
        f1(48, own),
        f2(49, own, w.lower),
        f3(50, t1, own, r1),
        f3(51, w.lower, r1, r2),
        f3(52, t1, w.lower, r2),
        f3(53, own, r1, r2),
    ]);
}

const END: u64 = 0x0065_6E64;

/// The runtime tagger.
#[derive(Clone)]
pub struct Tagger {
    pub tags: Vec<Tag>,
    pub first: Table,
    /// Empty when the model has no second pass.
    pub second: Table,
    /// Form hash → tag for frequent forms that (almost) always take one tag.
    pub dict: KeyMap<u8>,
    /// Lower-cased forms seen often enough in training not to count as rare,
    /// with the universal tags they took (bit i = `Upos::ALL[i]`).
    pub lexicon: KeyMap<u32>,
    /// The first pass reads the sentence right to left, so the tags the
    /// second pass sees on its right were themselves chosen with right context.
    pub reverse_first: bool,
    /// The tagger reads the word classes of an English dictionary.
    pub english: bool,
}

/// Scratch space for tagging.
#[derive(Default)]
pub struct TagScratch {
    feats: Vec<u64>,
    scores: Vec<i32>,
    first: Vec<u8>,
    /// The sentence's word features back to front, for a right-to-left pass.
    reversed: Vec<WordFeats>,
}

impl Tagger {
    /// Word features for a sentence, with the rare-word flag set.
    pub fn word_feats(&self, words: &[&str]) -> Vec<WordFeats> {
        let mut buf = String::new();
        let mut ws: Vec<WordFeats> = words
            .iter()
            .map(|w| {
                let mut f = WordFeats::of_for(w, &mut buf, self.english);
                mark_lexical(&mut f, &self.lexicon);
                f
            })
            .collect();
        mark_style(&mut ws, words.iter().copied());
        ws
    }

    pub fn tag_into(&self, ws: &[WordFeats], out: &mut Vec<u8>, scratch: &mut TagScratch) {
        if self.second.is_empty() {
            self.pass(&self.first, ws, None, out, scratch);
        } else {
            let mut first = std::mem::take(&mut scratch.first);
            self.pass(&self.first, ws, None, &mut first, scratch);
            self.pass(&self.second, ws, Some(&first), out, scratch);
            scratch.first = first;
        }
    }

    /// Runs one pass; with `first` given, it is the second pass.
    pub fn pass(
        &self,
        table: &Table,
        ws: &[WordFeats],
        first: Option<&[u8]>,
        out: &mut Vec<u8>,
        scratch: &mut TagScratch,
    ) {
        // A right-to-left pass tags the reversed sentence and turns its tags round.
        let backwards = first.is_none() && self.reverse_first;
        let mut reversed = std::mem::take(&mut scratch.reversed);
        let ws = if backwards {
            reversed.clear();
            reversed.extend(ws.iter().rev());
            &reversed[..]
        } else {
            ws
        };
        out.clear();
        scratch.scores.resize(table.n_classes(), 0);
        for i in 0..ws.len() {
            let tag = match self.dict.get(&ws[i].form) {
                Some(t) => *t,
                None => {
                    let prev = i.checked_sub(1).map(|j| out[j]);
                    let prev2 = i.checked_sub(2).map(|j| out[j]);
                    match first {
                        Some(f) => features2(ws, i, prev, prev2, f, &mut scratch.feats),
                        None => features(ws, i, prev, prev2, &mut scratch.feats),
                    }
                    table.score(&scratch.feats, &mut scratch.scores);
                    argmax_i32(&scratch.scores) as u8
                }
            };
            out.push(tag);
        }
        if backwards {
            out.reverse();
        }
        scratch.reversed = reversed;
    }
}

pub fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

pub fn argmax_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, s) in scores.iter().enumerate() {
        if *s > scores[best] {
            best = i;
        }
    }
    best
}

/// A training sentence for the tagger: word features and gold tag ids.
pub struct TagExample {
    pub words: Vec<WordFeats>,
    pub gold: Vec<u8>,
}

/// Sets the rare flag and the ambiguity class of a word from the lexicon.
pub fn mark_lexical(w: &mut WordFeats, lexicon: &KeyMap<u32>) {
    match lexicon.get(&w.lower) {
        Some(mask) => {
            w.rare = false;
            w.amb = u64::from(*mask) | (1 << 40);
        }
        None => {
            w.rare = true;
            w.amb = NONE;
        }
    }
}

/// Lower-cased forms seen at least `min_count` times, with the universal tags
/// that make up at least 5 % of their occurrences.
pub fn build_lexicon(examples: &[&TagExample], tags: &[Tag], min_count: u32) -> KeyMap<u32> {
    let mut counts: KeyMap<[u32; 17]> = KeyMap::default();
    for ex in examples {
        for (w, t) in ex.words.iter().zip(&ex.gold) {
            counts.entry(w.lower).or_insert([0; 17])[tags[*t as usize].upos.index()] += 1;
        }
    }
    counts
        .into_iter()
        .filter_map(|(k, c)| {
            let total: u32 = c.iter().sum();
            let mask = c
                .iter()
                .enumerate()
                .filter(|(_, n)| **n * 20 >= total)
                .fold(0u32, |m, (i, _)| m | (1 << i));
            (total >= min_count).then_some((k, mask))
        })
        .collect()
}

/// Forms seen at least `min_count` times with one tag at least `purity` of the time.
pub fn build_dict(examples: &[&TagExample], min_count: u32, purity: f64) -> KeyMap<u8> {
    let mut counts: KeyMap<KeyMap<u32>> = KeyMap::default();
    for ex in examples {
        for (w, t) in ex.words.iter().zip(&ex.gold) {
            *counts
                .entry(w.form)
                .or_default()
                .entry(u64::from(*t))
                .or_default() += 1;
        }
    }
    let mut dict = KeyMap::default();
    for (form, tags) in counts {
        let total: u32 = tags.values().sum();
        if let Some((tag, n)) = tags
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
        {
            if total >= min_count && f64::from(*n) / f64::from(total) >= purity {
                dict.insert(form, *tag as u8);
            }
        }
    }
    dict
}

/// Trains one pass over `examples` for `epochs` passes in a seeded order;
/// with `first` (first-pass tags per example) it trains the second pass.
/// `after_epoch` sees the averaged weights after each epoch and may score
/// them: the best-scored epoch is returned (the last one when none is scored).
#[allow(clippy::too_many_arguments)]
pub fn train_pass(
    n_tags: usize,
    dict: &KeyMap<u8>,
    examples: &[&TagExample],
    first: Option<&[&[u8]]>,
    reverse: bool,
    epochs: usize,
    rng: &mut crate::hash::Rng,
    mut after_epoch: impl FnMut(usize, &Table) -> Option<f64>,
) -> Table {
    let reversed: Vec<TagExample>;
    let reversed_refs: Vec<&TagExample>;
    let examples = if reverse && first.is_none() {
        reversed = examples
            .iter()
            .map(|ex| TagExample {
                words: ex.words.iter().rev().copied().collect(),
                gold: ex.gold.iter().rev().copied().collect(),
            })
            .collect();
        reversed_refs = reversed.iter().collect();
        &reversed_refs[..]
    } else {
        examples
    };
    let mut weights = TrainWeights::new(n_tags);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n_tags];
    let mut table = Table::empty(n_tags);
    let mut best: Option<f64> = None;
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let ex = examples[k];
            let mut prev: Option<u8> = None;
            let mut prev2: Option<u8> = None;
            for i in 0..ex.words.len() {
                let guess = match dict.get(&ex.words[i].form) {
                    Some(t) => *t,
                    None => {
                        match first {
                            Some(f) => features2(&ex.words, i, prev, prev2, f[k], &mut feats),
                            None => features(&ex.words, i, prev, prev2, &mut feats),
                        }
                        weights.score(&feats, &mut scores);
                        let guess = argmax_f32(&scores) as u8;
                        weights.tick();
                        weights.update(&feats, ex.gold[i] as usize, guess as usize);
                        guess
                    }
                };
                prev2 = prev;
                prev = Some(guess);
            }
        }
        let averaged = weights.averaged(0.0);
        match (after_epoch(epoch, &averaged), best) {
            (Some(score), Some(b)) if score <= b => {}
            (Some(score), _) => {
                best = Some(score);
                table = averaged;
            }
            (None, _) => table = averaged,
        }
    }
    table
}

/// Tags every example with one pass.
pub fn tag_examples(
    tagger: &Tagger,
    table: &Table,
    examples: &[&TagExample],
    first: Option<&[&[u8]]>,
) -> Vec<Vec<u8>> {
    let mut scratch = TagScratch::default();
    examples
        .iter()
        .enumerate()
        .map(|(k, ex)| {
            let mut out = Vec::new();
            tagger.pass(
                table,
                &ex.words,
                first.map(|f| f[k]),
                &mut out,
                &mut scratch,
            );
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tagger(n_tags: usize, first: Table, reverse_first: bool) -> Tagger {
        Tagger {
            tags: (0..n_tags)
                .map(|_| Tag {
                    upos: Upos::X,
                    xpos: "_".into(),
                })
                .collect(),
            first,
            second: Table::empty(n_tags),
            dict: KeyMap::default(),
            lexicon: KeyMap::default(),
            reverse_first,
            english: false,
        }
    }

    /// A first pass trained right to left must tag right to left: the same
    /// weights read in the other direction see other previous tags.
    #[test]
    fn right_to_left_first_pass_tags_as_it_was_trained() {
        let mut buf = String::new();
        let sents = ["a b c d", "d c b a", "b b a c", "c a d d"];
        let examples: Vec<TagExample> = sents
            .iter()
            .map(|s| {
                let words: Vec<WordFeats> =
                    s.split(' ').map(|w| WordFeats::of(w, &mut buf)).collect();
                // A word's tag is the word that follows it (4 at the end).
                let mut gold: Vec<u8> = s
                    .split(' ')
                    .skip(1)
                    .map(|w| w.as_bytes()[0] - b'a')
                    .collect();
                gold.push(4);
                TagExample { words, gold }
            })
            .collect();
        let refs: Vec<&TagExample> = examples.iter().collect();
        let mut rng = crate::hash::Rng::new(1);
        let table = train_pass(
            5,
            &KeyMap::default(),
            &refs,
            None,
            true,
            10,
            &mut rng,
            |_, _| None,
        );
        let rtl = tagger(5, table.clone(), true);
        let ltr = tagger(5, table, false);
        let mut scratch = TagScratch::default();
        let (mut out_rtl, mut out_ltr) = (Vec::new(), Vec::new());
        let mut differ = false;
        for ex in &examples {
            rtl.tag_into(&ex.words, &mut out_rtl, &mut scratch);
            assert_eq!(out_rtl, ex.gold);
            ltr.tag_into(&ex.words, &mut out_ltr, &mut scratch);
            differ |= out_ltr != ex.gold;
        }
        assert!(
            differ,
            "reading the right-to-left weights left to right should go wrong"
        );
    }
}
