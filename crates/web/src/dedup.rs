//! Near-duplicate detection: MinHash signatures over word shingles, with an
//! LSH band index so that a new text is compared only with likely matches.
//!
//! A [`Signature`] is a fixed list of 64 `u64`: the store can persist it and
//! feed it back later with [`DuplicateIndex::insert_signature`].

use std::collections::{HashMap, VecDeque};

use xxhash_rust::xxh3::xxh3_64_with_seed;

/// Words per shingle.
const SHINGLE: usize = 4;
/// Hash functions in a signature.
pub const SIGNATURE_LEN: usize = 64;
/// LSH bands (SIGNATURE_LEN / BANDS rows each): texts sharing one band are compared.
const BANDS: usize = 32;
const ROWS: usize = SIGNATURE_LEN / BANDS;
/// Estimated Jaccard similarity from which a text counts as a near-duplicate.
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// MinHash signature of a text.
pub type Signature = Vec<u64>;

/// Near-duplicate index for one run (or fed with stored signatures).
///
/// Documents are numbered in insertion order. A bounded index keeps only the
/// most recent `limit` documents, so that its memory does not grow with the
/// corpus: copies of one story come out close together in a news stream.
#[derive(Debug)]
pub struct DuplicateIndex {
    threshold: f64,
    /// The documents still indexed, oldest first; the front one is number `first`.
    docs: VecDeque<(String, Signature)>,
    first: u64,
    limit: usize,
    bands: HashMap<(usize, u64), Vec<u64>>,
}

impl Default for DuplicateIndex {
    fn default() -> Self {
        Self::new()
    }
}

impl DuplicateIndex {
    pub fn new() -> Self {
        Self::with_threshold(DEFAULT_THRESHOLD)
    }

    /// `threshold`: estimated Jaccard similarity of word 4-shingles (0..=1).
    pub fn with_threshold(threshold: f64) -> Self {
        DuplicateIndex {
            threshold,
            docs: VecDeque::new(),
            first: 0,
            limit: usize::MAX,
            bands: HashMap::new(),
        }
    }

    /// An index that forgets its oldest document beyond `limit` (at least one).
    pub fn bounded(limit: usize) -> Self {
        DuplicateIndex {
            limit: limit.max(1),
            ..Self::new()
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The MinHash signature of `text` (None when it has no words).
    pub fn signature(text: &str) -> Option<Signature> {
        signature(text)
    }

    /// The doc_id of an earlier near-duplicate of `text`, if any; `text` is
    /// then added under `doc_id` either way (an empty text is neither checked
    /// nor added).
    pub fn check_and_insert(&mut self, doc_id: &str, text: &str) -> Option<String> {
        let sig = signature(text)?;
        let found = self.find(&sig);
        self.insert_signature(doc_id, sig);
        found
    }

    /// The doc_id of the most similar indexed signature at or above the threshold.
    pub fn find(&self, sig: &[u64]) -> Option<String> {
        if sig.len() != SIGNATURE_LEN {
            return None;
        }
        let mut best: Option<(f64, u64)> = None;
        for band in 0..BANDS {
            let Some(candidates) = self.bands.get(&(band, band_key(sig, band))) else {
                continue;
            };
            for &i in candidates {
                let Some((_, other)) = self.doc(i) else {
                    continue;
                };
                let sim = similarity(sig, other);
                let better = match best {
                    None => true,
                    Some((s, j)) => sim > s || (sim == s && i < j),
                };
                if sim >= self.threshold && better {
                    best = Some((sim, i));
                }
            }
        }
        best.and_then(|(_, i)| self.doc(i))
            .map(|(id, _)| id.clone())
    }

    fn doc(&self, number: u64) -> Option<&(String, Signature)> {
        self.docs
            .get(usize::try_from(number.checked_sub(self.first)?).ok()?)
    }

    /// Adds a stored signature (a wrong-length one is ignored).
    pub fn insert_signature(&mut self, doc_id: &str, sig: Signature) {
        if sig.len() != SIGNATURE_LEN {
            return;
        }
        if self.docs.len() >= self.limit {
            self.forget_oldest();
        }
        let number = self.first + self.docs.len() as u64;
        for band in 0..BANDS {
            self.bands
                .entry((band, band_key(&sig, band)))
                .or_default()
                .push(number);
        }
        self.docs.push_back((doc_id.to_string(), sig));
    }

    fn forget_oldest(&mut self) {
        let Some((_, sig)) = self.docs.pop_front() else {
            return;
        };
        let number = self.first;
        self.first += 1;
        for band in 0..BANDS {
            let key = (band, band_key(&sig, band));
            if let Some(list) = self.bands.get_mut(&key) {
                // Numbers go in ascending, so the oldest is at the front.
                if list.first() == Some(&number) {
                    list.remove(0);
                }
                if list.is_empty() {
                    self.bands.remove(&key);
                }
            }
        }
    }
}

/// Share of equal positions: an estimate of the shingles' Jaccard similarity.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.len() != b.len() || a.is_empty() {
        return 0.0;
    }
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
}

fn band_key(sig: &[u64], band: usize) -> u64 {
    let rows = &sig[band * ROWS..(band + 1) * ROWS];
    rows.iter()
        .fold(band as u64, |h, &v| xxh3_64_with_seed(&v.to_le_bytes(), h))
}

/// MinHash of the word shingles of `text` (words lowercased, punctuation
/// ignored); a text shorter than one shingle is one shingle.
pub fn signature(text: &str) -> Option<Signature> {
    let mut lower = String::new();
    let word_hashes: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            xxh3_64_with_seed(lower.as_bytes(), 0)
        })
        .collect();
    if word_hashes.is_empty() {
        return None;
    }
    let mut sig = vec![u64::MAX; SIGNATURE_LEN];
    let n = SHINGLE.min(word_hashes.len());
    for window in word_hashes.windows(n) {
        let base = window
            .iter()
            .fold(n as u64, |h, &w| mix(h.rotate_left(17) ^ w));
        for (k, slot) in sig.iter_mut().enumerate() {
            let h = mix(base ^ SEEDS[k]);
            if h < *slot {
                *slot = h;
            }
        }
    }
    Some(sig)
}

/// splitmix64 finaliser: a cheap independent-looking hash per seed.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// One seed per hash function, fixed so that stored signatures stay comparable.
const SEEDS: [u64; SIGNATURE_LEN] = {
    let mut seeds = [0u64; SIGNATURE_LEN];
    let mut state: u64 = 0x005e_ed0f_d33a_4c11;
    let mut i = 0;
    while i < SIGNATURE_LEN {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        seeds[i] = state;
        i += 1;
    }
    seeds
};

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str =
        "The harbour authority said on Thursday that the northern pier would close \
        for repairs until the spring, after inspectors found cracks in two of its supporting \
        columns. Ferry services will move to the southern terminal, and the authority promised \
        extra buses for passengers who live on the island's western side. Local traders said \
        they feared a quiet winter without the visitors who usually arrive by the morning boat.";

    #[test]
    fn an_edited_copy_is_found_and_unrelated_text_is_not() {
        let mut index = DuplicateIndex::new();
        assert_eq!(index.check_and_insert("a", STORY), None);
        let edited = STORY
            .replace("Thursday", "Friday")
            .replace("extra buses", "additional buses")
            + " Updated with a statement from the ferry company.";
        assert_eq!(index.check_and_insert("b", &edited).as_deref(), Some("a"));
        let other = "A new library opened downtown with a reading garden, a children's floor and \
            a small theatre that local schools will use for their end-of-year plays.";
        assert_eq!(index.check_and_insert("c", other), None);
        // same event, written independently: not a duplicate
        let same_topic =
            "Inspectors have found cracks in the columns under the northern pier, so the \
            harbour authority is closing it until spring. Ferries will sail from the southern \
            terminal instead, and buses will be added for islanders in the west. Shop owners \
            expect fewer visitors this winter.";
        assert_eq!(index.check_and_insert("d", same_topic), None);
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn a_bounded_index_forgets_the_oldest_documents() {
        let mut index = DuplicateIndex::bounded(2);
        let fillers = [
            "A new library opened downtown with a reading garden and a small theatre.",
            "The rowing club elected a treasurer after a long debate about boat repairs.",
            "Farmers in the valley expect an early harvest because of the warm autumn.",
        ];
        let filler = |n: usize| fillers[n - 1];
        assert_eq!(index.check_and_insert("a", STORY), None);
        assert_eq!(index.check_and_insert("x", filler(1)), None);
        // "a" is still among the last two documents: the copy is found.
        assert_eq!(index.check_and_insert("b", STORY).as_deref(), Some("a"));
        assert_eq!(index.check_and_insert("y", filler(2)), None);
        assert_eq!(index.check_and_insert("z", filler(3)), None);
        // Both copies are forgotten now; memory stays at two documents.
        assert_eq!(index.check_and_insert("c", STORY), None);
        assert_eq!(index.len(), 2);
        let buckets: usize = index.bands.values().map(Vec::len).sum();
        assert_eq!(buckets, 2 * BANDS);
    }

    #[test]
    fn stored_signatures_are_reused() {
        let sig = signature(STORY).unwrap();
        assert_eq!(sig.len(), SIGNATURE_LEN);
        let mut index = DuplicateIndex::new();
        index.insert_signature("stored", sig);
        assert_eq!(
            index
                .check_and_insert("new", &STORY.to_uppercase())
                .as_deref(),
            Some("stored")
        );
        index.insert_signature("bad", vec![1, 2, 3]);
        assert_eq!(index.len(), 2);
    }

    #[test]
    fn signatures_are_stable_across_runs() {
        // Pinned: a change here invalidates every stored signature.
        let sig = signature("one two three four five").unwrap();
        assert_eq!(sig, signature("One, two; three four five!").unwrap());
        assert_eq!(
            sig[0], 5_595_360_299_992_777_877,
            "signature scheme changed: stored signatures are stale"
        );
        assert_eq!(signature("  ,, "), None);
    }
}
