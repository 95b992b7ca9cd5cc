//! Linear model weights keyed by hashed features.
//!
//! [`TrainWeights`] is the averaged perceptron used while training: one sparse
//! row per feature, holding only the classes that feature was ever updated
//! for. [`Table`] is the compact form the model ships with: averaged weights
//! quantised to `i16` under one scale, tiny weights pruned, rows found by open
//! addressing on the 64-bit feature key.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::Bytes;

/// The keys are hashes already: use them as they are.
#[derive(Default)]
pub struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) ^ u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    /// A 32-bit key (part of a hash) spread over the 64 bits the table reads.
    fn write_u32(&mut self, n: u32) {
        self.0 = u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub type KeyMap<V> = HashMap<u64, V, BuildHasherDefault<KeyHasher>>;

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    /// Instance counter at the last change of `w`.
    stamp: u32,
    w: f32,
    total: f64,
}

/// Adds `delta` to the weight of `class` in `row` at instance `now`, first
/// banking the old weight's contribution to the average.
fn bump(row: &mut Vec<Entry>, class: usize, delta: f32, now: u32) {
    let e = match row.iter_mut().position(|e| e.class as usize == class) {
        Some(i) => &mut row[i],
        None => {
            row.push(Entry {
                class: class as u16,
                stamp: now,
                w: 0.0,
                total: 0.0,
            });
            row.last_mut().expect("just pushed")
        }
    };
    e.total += f64::from(now - e.stamp) * f64::from(e.w);
    e.stamp = now;
    e.w += delta;
}

/// Averaged perceptron weights under training.
pub struct TrainWeights {
    rows: KeyMap<Vec<Entry>>,
    n_classes: usize,
    /// Number of training instances seen so far.
    instances: u32,
}

impl TrainWeights {
    pub fn new(n_classes: usize) -> Self {
        TrainWeights {
            rows: KeyMap::default(),
            n_classes,
            instances: 0,
        }
    }

    /// Adds the current weights of `feats` into `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(row) = self.rows.get(f) {
                for e in row {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Counts one training instance (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.instances += 1;
    }

    /// Adds `delta` to the weight of `class` on every feature (the global
    /// updates of beam training move whole action sequences at once).
    pub fn add(&mut self, feats: &[u64], class: usize, delta: f32) {
        let now = self.instances;
        for f in feats {
            bump(self.rows.entry(*f).or_default(), class, delta, now);
        }
    }

    /// Moves weight from `wrong` to `right` on every feature.
    pub fn update(&mut self, feats: &[u64], right: usize, wrong: usize) {
        if right == wrong {
            return;
        }
        let now = self.instances;
        for f in feats {
            let row = self.rows.entry(*f).or_default();
            bump(row, right, 1.0, now);
            bump(row, wrong, -1.0, now);
        }
    }

    /// The averaged weights, quantised into a compact table; weights whose
    /// magnitude stays under `prune` (in averaged units) are dropped.
    pub fn averaged(&self, prune: f32) -> Table {
        let now = self.instances.max(1);
        let mut rows: Vec<(u64, Vec<(u8, f32)>)> = Vec::with_capacity(self.rows.len());
        for (key, row) in &self.rows {
            let mut out = Vec::new();
            for e in row {
                let total = e.total + f64::from(now - e.stamp) * f64::from(e.w);
                let avg = (total / f64::from(now)) as f32;
                if avg.abs() > prune && avg.abs() > 0.0 {
                    out.push((e.class as u8, avg));
                }
            }
            if !out.is_empty() {
                rows.push((*key, out));
            }
        }
        Table::quantised(self.n_classes, rows)
    }
}

#[derive(Clone, Copy, Default)]
struct Slot {
    /// Low 32 bits of the feature key; 0 marks an empty slot.
    key: u32,
    /// Where the row starts in `entries` (the first entry of a row is its
    /// length), or, with [`DENSE`] set, the index of a row of `dense`.
    start: u32,
}

/// Compact read-only weights.
///
/// Rows are found by the low 32 bits of the feature key: among a few million
/// features a handful share them (the first row wins), and an unseen feature
/// matches a stored one about once per billion lookups.
#[derive(Clone)]
pub struct Table {
    n_classes: usize,
    scale: f32,
    slots: Vec<Slot>,
    /// Sparse rows, each a length then `class << 16 | weight as u16` per
    /// weight: one cache line usually holds a whole row.
    entries: Vec<u32>,
    /// Rows with weights for many classes (the frequent features), stored
    /// whole, `n_classes` weights each: adding them up vectorises.
    dense: Vec<i16>,
    n_rows: usize,
}

/// Marks a slot whose row is in `Table::dense`.
const DENSE: u32 = 1 << 31;

/// Rows with at least this many weights are stored dense: about where a
/// dense row stops costing more memory than the sparse one.
const DENSE_MIN: usize = 40;

fn is_dense(len: usize, n_classes: usize) -> bool {
    len >= DENSE_MIN.min(n_classes)
}

#[inline]
fn pack(class: u8, w: i16) -> u32 {
    (u32::from(class) << 16) | u32::from(w as u16)
}

#[inline]
fn unpack(e: u32) -> (usize, i16) {
    ((e >> 16) as usize, e as u16 as i16)
}

/// Asks the processor to start loading `value`'s cache line; a hint only.
#[inline(always)]
fn prefetch<T>(value: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and has no visible effect; SSE is part of x86_64.
    unsafe {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        _mm_prefetch::<_MM_HINT_T0>((value as *const T).cast::<i8>());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = value;
}

/// Asks the kernel to back the untouched capacity of `v` with 2 MB pages
/// where it allows them on request (`madvise` mode of transparent huge
/// pages): the weight tables are read at random, and larger pages mean fewer
/// address-translation misses (parsing 7% faster on an Intel VM, no change on
/// an AMD one; see BENCHMARKS.md). A hint only.
fn advise_huge_pages<T>(v: &Vec<T>) {
    #[cfg(target_os = "linux")]
    {
        const HUGE: usize = 2 << 20;
        let start = v.as_ptr() as usize;
        let end = start + v.capacity() * std::mem::size_of::<T>();
        let (from, to) = (start.next_multiple_of(HUGE), end / HUGE * HUGE);
        if to > from {
            // SAFETY: the range lies inside the vector's own allocation and
            // MADV_HUGEPAGE changes neither its contents nor its validity.
            unsafe {
                libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE);
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = v;
}

#[inline]
fn short_key(key: u64) -> u32 {
    (key as u32).max(1)
}

impl Table {
    pub fn empty(n_classes: usize) -> Table {
        Table::build(n_classes, 1.0, Vec::new())
    }

    pub fn build(n_classes: usize, scale: f32, mut rows: Vec<(u64, Vec<(u8, i16)>)>) -> Table {
        // Longer rows first (see `read`), then by key so that the table does
        // not depend on the order the rows came in.
        rows.sort_unstable_by_key(|r| (std::cmp::Reverse(r.1.len()), r.0));
        let total: usize = rows.iter().map(|r| r.1.len()).sum();
        let n_dense = rows
            .iter()
            .filter(|r| is_dense(r.1.len(), n_classes))
            .count();
        let mut table = Table::with_rows(n_classes, scale, rows.len(), total + rows.len(), n_dense);
        for (key, row) in rows {
            let (classes, weights): (Vec<u8>, Vec<i16>) = row.into_iter().unzip();
            table.insert(short_key(key), &classes, &weights, None);
        }
        table
    }

    /// An empty table with room for `n_rows` rows, `n_entries` sparse row
    /// words and `n_dense` dense rows.
    fn with_rows(
        n_classes: usize,
        scale: f32,
        n_rows: usize,
        n_entries: usize,
        n_dense: usize,
    ) -> Table {
        // Load factor 2/3 keeps linear probing short.
        let size = (n_rows * 3 / 2).max(16);
        let mut slots = Vec::with_capacity(size);
        advise_huge_pages(&slots);
        slots.resize(size, Slot::default());
        let entries = Vec::with_capacity(n_entries);
        advise_huge_pages(&entries);
        let dense = Vec::with_capacity(n_dense * n_classes);
        advise_huge_pages(&dense);
        Table {
            n_classes,
            scale,
            slots,
            entries,
            dense,
            n_rows: 0,
        }
    }

    #[inline]
    fn home(&self, key: u32) -> usize {
        ((u64::from(key) * self.slots.len() as u64) >> 32) as usize
    }

    /// The free slot for a new `key`, or `None` if the key is already
    /// present (it keeps its first row) or the table is full.
    fn free_slot(&self, key: u32) -> Option<usize> {
        if self.n_rows + 1 >= self.slots.len() {
            return None; // full: cannot happen with the sizes `with_rows` picks
        }
        let mut i = self.home(key);
        while self.slots[i].key != 0 && self.slots[i].key != key {
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
        (self.slots[i].key != key).then_some(i)
    }

    /// Adds a row; a sparse one goes to `entries[at..]` (already sized), or
    /// to the end of `entries` without `at`.
    fn insert(&mut self, key: u32, classes: &[u8], weights: &[i16], at: Option<usize>) {
        let Some(i) = self.free_slot(key) else {
            return;
        };
        if is_dense(classes.len(), self.n_classes) {
            let index = self.dense.len() / self.n_classes.max(1);
            self.slots[i] = Slot {
                key,
                start: DENSE | index as u32,
            };
            let at = self.dense.len();
            self.dense.resize(at + self.n_classes, 0);
            let row = &mut self.dense[at..];
            for (c, w) in classes.iter().zip(weights) {
                if let Some(slot) = row.get_mut(*c as usize) {
                    *slot = *w;
                }
            }
        } else {
            let packed = classes.iter().zip(weights).map(|(c, w)| pack(*c, *w));
            let start = match at {
                Some(at) if at + 1 + classes.len() <= self.entries.len() => {
                    self.entries[at] = classes.len() as u32;
                    for (e, p) in self.entries[at + 1..].iter_mut().zip(packed) {
                        *e = p;
                    }
                    at
                }
                _ => {
                    let at = self.entries.len();
                    self.entries.push(classes.len() as u32);
                    self.entries.extend(packed);
                    at
                }
            };
            self.slots[i] = Slot {
                key,
                start: start as u32,
            };
        }
        self.n_rows += 1;
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of stored weights.
    pub fn n_weights(&self) -> usize {
        self.rows().map(|(_, row)| row.len()).sum()
    }

    /// Whether the table holds no weight at all (cheap).
    pub fn is_empty(&self) -> bool {
        self.n_rows == 0
    }

    /// The dense row a slot points to, if it is one.
    #[inline]
    fn dense_row(&self, start: u32) -> Option<&[i16]> {
        if start & DENSE == 0 {
            return None;
        }
        let at = (start & !DENSE) as usize * self.n_classes;
        self.dense.get(at..at + self.n_classes)
    }

    /// The `start` of the slot of `key` (whose home slot is `i`), if stored.
    #[inline]
    fn probe(&self, key: u32, mut i: usize) -> Option<u32> {
        loop {
            let s = self.slots[i];
            if s.key == key {
                return Some(s.start);
            }
            if s.key == 0 {
                return None;
            }
            i = if i + 1 == self.slots.len() { 0 } else { i + 1 };
        }
    }

    /// Integer scores of `feats` (proportional to the real scores).
    ///
    /// Lookups are memory-bound (the parser's table is larger than the
    /// caches), so they go in batches: first ask for every home slot, then
    /// probe and ask for every whole row, then add the rows up, so the
    /// processor waits for all the cache misses of a batch at once instead of
    /// in turn.
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        const BATCH: usize = 160;
        scores.fill(0);
        for chunk in feats.chunks(BATCH) {
            let mut keys = [0u32; BATCH];
            let mut homes = [0usize; BATCH];
            for (j, f) in chunk.iter().enumerate() {
                keys[j] = short_key(*f);
                homes[j] = self.home(keys[j]);
                prefetch(&self.slots[homes[j]]);
            }
            let mut starts = [u32::MAX; BATCH];
            let mut found = 0;
            for j in 0..chunk.len() {
                if let Some(start) = self.probe(keys[j], homes[j]) {
                    starts[found] = start;
                    found += 1;
                    match self.dense_row(start) {
                        Some(row) => {
                            for line in row.chunks(32) {
                                prefetch(&line[0]);
                            }
                        }
                        None => prefetch(&self.entries[start as usize]),
                    }
                }
            }
            for &start in &starts[..found] {
                if let Some(row) = self.dense_row(start) {
                    for (s, w) in scores.iter_mut().zip(row) {
                        *s += i32::from(*w);
                    }
                    continue;
                }
                let start = start as usize;
                let len = self.entries[start] as usize;
                for e in &self.entries[start + 1..start + 1 + len] {
                    let (c, w) = unpack(*e);
                    if let Some(s) = scores.get_mut(c) {
                        *s += i32::from(w);
                    }
                }
            }
        }
    }

    fn rows(&self) -> impl Iterator<Item = (u32, Vec<(u8, i16)>)> + '_ {
        self.slots.iter().filter(|s| s.key != 0).map(|s| {
            let start = s.start as usize;
            let row = match self.dense_row(s.start) {
                Some(dense) => dense
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| **w != 0)
                    .map(|(c, w)| (c as u8, *w))
                    .collect(),
                None => self.entries[start + 1..start + 1 + self.entries[start] as usize]
                    .iter()
                    .map(|e| {
                        let (c, w) = unpack(*e);
                        (c as u8, w)
                    })
                    .collect(),
            };
            (s.key, row)
        })
    }

    /// A copy without the weights of magnitude `min_abs` or less.
    pub fn pruned(&self, min_abs: i16) -> Table {
        let mut rows = Vec::new();
        for (key, row) in self.rows() {
            let row: Vec<(u8, i16)> = row
                .into_iter()
                .filter(|(_, w)| w.unsigned_abs() > min_abs.unsigned_abs())
                .collect();
            if !row.is_empty() {
                rows.push((u64::from(key), row));
            }
        }
        Table::build(self.n_classes, self.scale, rows)
    }

    /// The mean of several tables of the same classes, quantised afresh.
    /// Models trained on differently shuffled data make partly independent
    /// mistakes, and their mean weights decide better than any one of them.
    pub fn mean(tables: &[Table]) -> Table {
        let Some(first) = tables.first() else {
            return Table::empty(0);
        };
        let n_classes = first.n_classes;
        let mut sums: KeyMap<Vec<(u8, f32)>> = KeyMap::default();
        for t in tables {
            for (key, row) in t.rows() {
                // The high half repeats the key so that the map's hash sees
                // random bits there too; `build` keeps only the low half.
                let sum = sums
                    .entry(u64::from(key) << 32 | u64::from(key))
                    .or_default();
                for (c, w) in row {
                    let w = f32::from(w) * t.scale;
                    match sum.iter_mut().find(|(k, _)| *k == c) {
                        Some(e) => e.1 += w,
                        None => sum.push((c, w)),
                    }
                }
            }
        }
        let k = tables.len() as f32;
        let rows = sums
            .into_iter()
            .map(|(key, row)| (key, row.into_iter().map(|(c, w)| (c, w / k)).collect()))
            .collect();
        Table::quantised(n_classes, rows)
    }

    /// Real weights quantised to `i16` under one scale (the largest weight
    /// becomes 32767); weights that round to 0 are dropped.
    fn quantised(n_classes: usize, rows: Vec<(u64, Vec<(u8, f32)>)>) -> Table {
        let max_abs = rows
            .iter()
            .flat_map(|(_, row)| row.iter().map(|(_, w)| w.abs()))
            .fold(0f32, f32::max);
        let scale = if max_abs > 0.0 {
            max_abs / 32767.0
        } else {
            1.0
        };
        let quantised = rows
            .into_iter()
            .map(|(key, row)| {
                let q: Vec<(u8, i16)> = row
                    .into_iter()
                    .map(|(c, w)| (c, (w / scale).round() as i16))
                    .filter(|(_, w)| *w != 0)
                    .collect();
                (key, q)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect();
        Table::build(n_classes, scale, quantised)
    }

    /// Serialises the table (little endian), rows in slot order so that
    /// re-inserting them on load is nearly sequential.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(self.n_rows as u32).to_le_bytes());
        for (key, row) in self.rows() {
            out.extend_from_slice(&key.to_le_bytes());
            out.push(row.len() as u8);
            for (c, w) in row {
                out.push(c);
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
    }

    /// Reads a table; `wide_keys` for the older format with 64-bit keys.
    pub fn read(input: &mut Bytes<'_>, wide_keys: bool) -> Result<Table, String> {
        let n_classes = input.u32()? as usize;
        let scale = f32::from_bits(input.u32()?);
        let n_rows = input.u32()? as usize;
        if n_rows > input.remaining() / 5 {
            return Err("model file is truncated".into());
        }
        // Rows go in by bands of length, longest first: dense rows, then
        // sparse rows of at least 8, 3 and 1 weights. Longer rows belong to
        // more frequent features, so these take their home slots and are
        // found at the first probe. A first pass sizes the table (allocated
        // once) and notes where each band's rows are.
        let band = |len: usize| match len {
            _ if is_dense(len, n_classes) => 0,
            8.. => 1,
            3.. => 2,
            _ => 3,
        };
        let (mut n_entries, mut n_dense) = (0usize, 0usize);
        let mut of_length = [0usize; 256];
        // Row offsets as u32: the file's rows lie within its first 4 GB.
        let mut bands: [Vec<u32>; 4] = Default::default();
        let mut ahead = input.clone();
        for _ in 0..n_rows {
            let at = ahead.position();
            ahead.take(if wide_keys { 8 } else { 4 })?;
            let len = ahead.u8()? as usize;
            ahead.take(len * 3)?;
            bands[band(len)].push(u32::try_from(at).map_err(|_| "model file too large")?);
            if is_dense(len, n_classes) {
                n_dense += 1;
            } else {
                n_entries += 1 + len;
                of_length[len] += 1;
            }
        }
        // Sparse rows are laid out longest first too, so that the rows most
        // lookups hit lie side by side at the start of `entries`, in cache.
        let mut next_at = [0usize; 256];
        let mut at = 0;
        for len in (0..256).rev() {
            next_at[len] = at;
            at += of_length[len] * (1 + len);
        }
        let mut table = Table::with_rows(n_classes, scale, n_rows, n_entries, n_dense);
        table.entries.resize(n_entries, 0);
        let (mut classes, mut weights) = (Vec::with_capacity(256), Vec::with_capacity(256));
        for at in bands.iter().flatten() {
            let mut row = input.at(*at as usize);
            let key = if wide_keys {
                row.u64()?
            } else {
                u64::from(row.u32()?)
            };
            let len = row.u8()? as usize;
            classes.clear();
            weights.clear();
            for e in row.take(len * 3)?.chunks_exact(3) {
                if e[0] as usize >= n_classes {
                    return Err(format!("class {} out of range", e[0]));
                }
                classes.push(e[0]);
                weights.push(i16::from_le_bytes([e[1], e[2]]));
            }
            table.insert(short_key(key), &classes, &weights, Some(next_at[len]));
            next_at[len] += 1 + len;
        }
        *input = ahead;
        Ok(table)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perceptron_learns_and_table_round_trips() {
        let mut w = TrainWeights::new(3);
        let mut scores = vec![0f32; 3];
        for _ in 0..10 {
            for (feats, gold) in [(vec![11u64, 12], 0usize), (vec![13, 12], 2)] {
                w.score(&feats, &mut scores);
                let guess = (0..3)
                    .max_by(|a, b| scores[*a].total_cmp(&scores[*b]))
                    .unwrap();
                w.tick();
                if guess != gold {
                    w.update(&feats, gold, guess);
                }
            }
        }
        let table = w.averaged(0.0);
        let mut out = Vec::new();
        table.write(&mut out);
        let back = Table::read(&mut Bytes::new(&out), false).unwrap();
        let mut s = vec![0i32; 3];
        back.score(&[11, 12], &mut s);
        assert!(s[0] > s[1] && s[0] > s[2], "{s:?}");
        back.score(&[13, 12], &mut s);
        assert!(s[2] > s[0], "{s:?}");
        back.score(&[99], &mut s);
        assert_eq!(s, vec![0, 0, 0]);
    }

    /// The mean keeps each table's own scale: a table whose weights are
    /// stored ten times finer still counts as much as the other.
    #[test]
    fn mean_averages_real_weights_across_scales() {
        let a = Table::build(3, 1.0, vec![(7, vec![(0, 100)]), (8, vec![(2, 30)])]);
        let b = Table::build(3, 0.1, vec![(7, vec![(0, -500), (1, 400)])]);
        let m = Table::mean(&[a, b]);
        // Real weights: key 7 → class 0 (100 - 50) / 2 = 25, class 1 40 / 2 = 20;
        // key 8 → class 2 30 / 2 = 15.
        let mut s = vec![0i32; 3];
        m.score(&[7], &mut s);
        assert_eq!(s[2], 0);
        assert!(
            (f64::from(s[0]) / f64::from(s[1]) - 1.25).abs() < 1e-3,
            "{s:?}"
        );
        let mut t = vec![0i32; 3];
        m.score(&[8], &mut t);
        assert!(
            (f64::from(s[0]) / f64::from(t[2]) - 25.0 / 15.0).abs() < 1e-3,
            "{t:?}"
        );
        assert_eq!(Table::mean(&[]).n_weights(), 0);
    }
}
