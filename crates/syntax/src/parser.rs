//! Greedy arc-hybrid dependency parser with labelled transitions.
//!
//! Tokens are numbered 1..=n; 0 is an artificial root at the bottom of the
//! stack. Actions: SHIFT (push the buffer front), LEFT(l) (the buffer front
//! becomes the head of the stack top, which is popped) and RIGHT(l) (the
//! second stack item becomes the head of the top, which is popped). The root
//! may only take its single dependent once the buffer is empty, so every
//! parse is one tree. Training uses the dynamic oracle of Goldberg & Nivre
//! (2013): an action's cost is the number of gold arcs it makes unreachable.

use demarche_model::{Deprel, Upos};

use crate::hash::{f1, f2, f3, Rng};
use crate::tagger::Tag;
use crate::weights::{Table, TrainWeights};
use crate::words::{WordFeats, NONE, ROOT};

pub const N_LABELS: usize = Deprel::NAMES.len();
pub const N_ACTIONS: usize = 1 + 2 * N_LABELS;
const ROOT_LABEL: usize = 0;
const NIL: u16 = u16::MAX;
pub(crate) const SHIFT: usize = 0;

#[inline]
fn left(l: usize) -> usize {
    1 + l
}

#[inline]
fn right(l: usize) -> usize {
    1 + N_LABELS + l
}

/// What the parser sees of a token: its (normalised) form, its fine tag, its
/// universal tag, and how many punctuation marks and verbs come before it
/// (`*_before`) and up to it (`*_upto`), to count them between two tokens.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenView {
    pub word: u64,
    pub tag: u64,
    pub upos: u64,
    pub punct_before: u16,
    pub punct_upto: u16,
    pub verbs_before: u16,
    pub verbs_upto: u16,
}

/// The parser's view of a tagged sentence.
pub fn views(ws: &[WordFeats], tags: &[u8], tag_set: &[Tag]) -> Vec<TokenView> {
    let (mut punct, mut verbs) = (0u16, 0u16);
    ws.iter()
        .zip(tags)
        .map(|(w, t)| {
            let upos = tag_set.get(*t as usize).map_or(Upos::X, |t| t.upos);
            let (punct_before, verbs_before) = (punct, verbs);
            punct = punct.saturating_add(u16::from(upos == Upos::Punct));
            verbs = verbs.saturating_add(u16::from(matches!(upos, Upos::Verb | Upos::Aux)));
            TokenView {
                word: w.lower,
                tag: u64::from(*t) + 1000,
                upos: upos.index() as u64 + 2000,
                punct_before,
                punct_upto: punct,
                verbs_before,
                verbs_upto: verbs,
            }
        })
        .collect()
}

/// A parser configuration plus the partial tree built so far.
#[derive(Clone)]
pub struct State {
    n: usize,
    stack: Vec<u16>,
    /// Front of the buffer; the buffer is `b..=n`.
    b: usize,
    pub head: Vec<u16>,
    pub label: Vec<u8>,
    l1: Vec<u16>,
    l2: Vec<u16>,
    r1: Vec<u16>,
    r2: Vec<u16>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_labels: Vec<u64>,
    right_labels: Vec<u64>,
}

impl State {
    pub fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n,
            stack: vec![0],
            b: 1,
            head: vec![NIL; m],
            label: vec![0; m],
            l1: vec![NIL; m],
            l2: vec![NIL; m],
            r1: vec![NIL; m],
            r2: vec![NIL; m],
            n_left: vec![0; m],
            n_right: vec![0; m],
            left_labels: vec![0; m],
            right_labels: vec![0; m],
        }
    }

    pub fn is_terminal(&self) -> bool {
        self.b > self.n && self.stack.len() == 1
    }

    /// Only the root is on the stack: SHIFT is the one valid action.
    pub fn only_root_on_stack(&self) -> bool {
        self.stack.len() == 1
    }

    /// Heads (0 = root, 1-based) and labels of the words.
    pub fn into_tree(self) -> (Vec<u16>, Vec<u8>) {
        let head = self.head[1..]
            .iter()
            .map(|h| if *h == NIL { 0 } else { *h })
            .collect();
        (head, self.label[1..].to_vec())
    }

    fn s(&self, k: usize) -> u16 {
        if k < self.stack.len() {
            self.stack[self.stack.len() - 1 - k]
        } else {
            NIL
        }
    }

    fn buf(&self, k: usize) -> u16 {
        if self.b + k <= self.n {
            (self.b + k) as u16
        } else {
            NIL
        }
    }

    fn can_shift(&self) -> bool {
        self.b <= self.n
    }

    fn can_left(&self) -> bool {
        self.b <= self.n && self.stack.len() >= 2
    }

    fn can_right(&self) -> bool {
        self.stack.len() >= 2 && (self.stack[self.stack.len() - 2] != 0 || self.b > self.n)
    }

    /// Whether `action` is allowed here.
    pub fn is_valid(&self, action: usize) -> bool {
        if action == SHIFT {
            self.can_shift()
        } else if action <= N_LABELS {
            self.can_left() && action - 1 != ROOT_LABEL
        } else {
            let l = action - 1 - N_LABELS;
            self.can_right() && ((self.s(1) == 0) == (l == ROOT_LABEL))
        }
    }

    fn add_arc(&mut self, h: u16, d: u16, l: usize) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l as u8;
        if d < h {
            if self.l1[hu] == NIL || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NIL || d < self.l2[hu] {
                self.l2[hu] = d;
            }
            self.n_left[hu] = self.n_left[hu].saturating_add(1);
            self.left_labels[hu] |= 1 << l;
        } else {
            if self.r1[hu] == NIL || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NIL || d > self.r2[hu] {
                self.r2[hu] = d;
            }
            self.n_right[hu] = self.n_right[hu].saturating_add(1);
            self.right_labels[hu] |= 1 << l;
        }
    }

    /// Applies a valid action.
    pub fn apply(&mut self, action: usize) {
        if action == SHIFT {
            self.stack.push(self.b as u16);
            self.b += 1;
        } else if action <= N_LABELS {
            let d = self.stack.pop().unwrap_or(0);
            self.add_arc(self.b as u16, d, action - 1);
        } else {
            let d = self.stack.pop().unwrap_or(0);
            let h = self.s(0);
            self.add_arc(h, d, action - 1 - N_LABELS);
        }
    }

    /// Cost of every action under the gold tree (`gold_head[d]`, `gold_label[d]`,
    /// index 0 unused); `u32::MAX` marks invalid actions.
    pub fn costs(&self, gold_head: &[u16], gold_label: &[u8], out: &mut [u32]) {
        out.fill(u32::MAX);
        let s0 = self.s(0);
        let s1 = self.s(1);
        let buffer = self.b..=self.n;
        if self.can_shift() {
            let b = self.b;
            let mut c = 0;
            for &k in &self.stack {
                if k != s0 && gold_head[b] == k {
                    c += 1;
                }
                if k != 0 && gold_head[k as usize] as usize == b {
                    c += 1;
                }
            }
            out[SHIFT] = c;
        }
        if self.stack.len() >= 2 {
            let s0u = s0 as usize;
            let g = gold_head[s0u];
            let deps_in_buffer = buffer.clone().filter(|&k| gold_head[k] == s0).count() as u32;
            let head_in_buffer = buffer.contains(&(g as usize));
            if self.can_left() {
                let lost =
                    u32::from(g == s1 || (head_in_buffer && g as usize != self.b)) + deps_in_buffer;
                for l in 1..N_LABELS {
                    let wrong_label = g as usize == self.b && gold_label[s0u] as usize != l;
                    out[left(l)] = lost + u32::from(wrong_label);
                }
            }
            if self.can_right() {
                let lost = u32::from(head_in_buffer) + deps_in_buffer;
                for l in 0..N_LABELS {
                    if (s1 == 0) != (l == ROOT_LABEL) {
                        continue;
                    }
                    let wrong_label = g == s1 && gold_label[s0u] as usize != l;
                    out[right(l)] = lost + u32::from(wrong_label);
                }
            }
        }
    }

    /// Feature keys of this configuration.
    pub fn features(&self, toks: &[TokenView], out: &mut Vec<u64>) {
        let w = |i: u16| match i {
            NIL => NONE,
            0 => ROOT,
            _ => toks[i as usize - 1].word,
        };
        let p = |i: u16| match i {
            NIL => NONE,
            0 => ROOT,
            _ => toks[i as usize - 1].tag,
        };
        let u = |i: u16| match i {
            NIL => NONE,
            0 => ROOT,
            _ => toks[i as usize - 1].upos,
        };
        let lab = |i: u16| {
            if i == NIL {
                NONE
            } else {
                u64::from(self.label[i as usize])
            }
        };
        let get = |v: &Vec<u16>, i: u16| if i == NIL { NIL } else { v[i as usize] };
        let count = |v: &Vec<u8>, i: u16| {
            if i == NIL {
                NONE
            } else {
                u64::from(v[i as usize])
            }
        };
        let set = |v: &Vec<u64>, i: u16| if i == NIL { NONE } else { v[i as usize] };
        let dist = |a: u16, b: u16| -> u64 {
            if a == NIL || b == NIL {
                return NONE;
            }
            match b.abs_diff(a) {
                d @ 0..=4 => u64::from(d),
                5..=7 => 5,
                8..=12 => 6,
                _ => 7,
            }
        };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (self.buf(0), self.buf(1), self.buf(2));
        let (s0l, s0l2, s0r, s0r2) = (
            get(&self.l1, s0),
            get(&self.l2, s0),
            get(&self.r1, s0),
            get(&self.r2, s0),
        );
        let (b0l, b0l2) = (get(&self.l1, b0), get(&self.l2, b0));
        let (s1l, s1r) = (get(&self.l1, s1), get(&self.r1, s1));
        let (s0w, s0p, s1w, s1p, s2w, s2p) = (w(s0), p(s0), w(s1), p(s1), w(s2), p(s2));
        let (b0w, b0p, b1w, b1p, b2w, b2p) = (w(b0), p(b0), w(b1), p(b1), w(b2), p(b2));
        let d0 = dist(s0, b0);
        let d1 = dist(s1, s0);
        // Punctuation marks and verbs strictly between two tokens (a < b), capped.
        let between = |a: u16, b: u16| -> (u64, u64) {
            if a == NIL || b == NIL || b == 0 || a >= b {
                return (NONE, NONE);
            }
            let tb = &toks[b as usize - 1];
            let (p, v) = if a == 0 {
                (toks[0].punct_before, toks[0].verbs_before)
            } else {
                let ta = &toks[a as usize - 1];
                (ta.punct_upto, ta.verbs_upto)
            };
            (
                u64::from(tb.punct_before.saturating_sub(p).min(3)),
                u64::from(tb.verbs_before.saturating_sub(v).min(2)),
            )
        };
        let (p0, v0) = between(s0, b0);
        let (p1, v1) = between(s1, s0);
        let (s0vl, s0vr, b0vl, s1vr) = (
            count(&self.n_left, s0),
            count(&self.n_right, s0),
            count(&self.n_left, b0),
            count(&self.n_right, s1),
        );
        let s0wp = f1(s0w, s0p);
        let s1wp = f1(s1w, s1p);
        let b0wp = f1(b0w, b0p);
        out.clear();
        out.extend_from_slice(&[
            // single positions
            f1(100, s0w),
            f1(101, s0p),
            f1(102, s0wp),
            f1(103, s1w),
            f1(104, s1p),
            f1(105, s1wp),
            f1(106, s2p),
            f2(107, s2w, s2p),
            f1(108, b0w),
            f1(109, b0p),
            f1(110, b0wp),
            f1(111, b1w),
            f1(112, b1p),
            f2(113, b1w, b1p),
            f1(114, b2w),
            f1(115, b2p),
            // pairs s0 / b0
            f2(120, s0wp, b0wp),
            f2(121, s0wp, b0w),
            f2(122, s0w, b0wp),
            f2(123, s0wp, b0p),
            f2(124, s0p, b0wp),
            f2(125, s0w, b0w),
            f2(126, s0p, b0p),
            f2(127, b0p, b1p),
            // pairs s1 / s0
            f2(130, s1wp, s0wp),
            f2(131, s1wp, s0w),
            f2(132, s1w, s0wp),
            f2(133, s1wp, s0p),
            f2(134, s1p, s0wp),
            f2(135, s1w, s0w),
            f2(136, s1p, s0p),
            // triples of tags
            f3(140, b0p, b1p, b2p),
            f3(141, s0p, b0p, b1p),
            f3(142, s1p, s0p, b0p),
            f3(143, s2p, s1p, s0p),
            f3(144, s0p, p(s0l), b0p),
            f3(145, s0p, p(s0r), b0p),
            f3(146, s0p, b0p, p(b0l)),
            f3(147, s1p, s0p, p(s0l)),
            f3(148, s1p, s0p, p(s0r)),
            f3(149, s1p, p(s1r), s0p),
            f3(150, s1p, p(s1l), s0p),
            f3(151, s1p, s0p, b1p),
            f3(152, s0w, b0p, b1p),
            f3(153, s0p, b0w, b1p),
            // distance
            f2(160, s0w, d0),
            f2(161, s0p, d0),
            f2(162, b0w, d0),
            f2(163, b0p, d0),
            f3(164, s0w, b0w, d0),
            f3(165, s0p, b0p, d0),
            f2(166, s1w, d1),
            f2(167, s1p, d1),
            f2(168, s0w, d1),
            f2(169, s0p, d1),
            f3(170, s1p, s0p, d1),
            f3(171, s1w, s0w, d1),
            // valency
            f2(180, s0w, s0vr),
            f2(181, s0p, s0vr),
            f2(182, s0w, s0vl),
            f2(183, s0p, s0vl),
            f2(184, b0w, b0vl),
            f2(185, b0p, b0vl),
            f2(186, s1w, s1vr),
            f2(187, s1p, s1vr),
            // children
            f1(190, w(s0l)),
            f1(191, p(s0l)),
            f1(192, lab(s0l)),
            f1(193, w(s0r)),
            f1(194, p(s0r)),
            f1(195, lab(s0r)),
            f1(196, w(b0l)),
            f1(197, p(b0l)),
            f1(198, lab(b0l)),
            f1(199, p(s1r)),
            f1(200, lab(s1r)),
            f1(201, lab(s1l)),
            f2(202, s0p, lab(s0l)),
            f2(203, s0p, lab(s0r)),
            f2(204, b0p, lab(b0l)),
            f2(205, s1p, lab(s1r)),
            // second children
            f1(210, w(s0l2)),
            f1(211, p(s0l2)),
            f1(212, lab(s0l2)),
            f1(213, w(s0r2)),
            f1(214, p(s0r2)),
            f1(215, lab(s0r2)),
            f1(216, w(b0l2)),
            f1(217, p(b0l2)),
            f1(218, lab(b0l2)),
            f3(219, s0p, p(s0l), p(s0l2)),
            f3(220, s0p, p(s0r), p(s0r2)),
            f3(221, b0p, p(b0l), p(b0l2)),
            // label sets
            f2(230, s0w, set(&self.right_labels, s0)),
            f2(231, s0p, set(&self.right_labels, s0)),
            f2(232, s0w, set(&self.left_labels, s0)),
            f2(233, s0p, set(&self.left_labels, s0)),
            f2(234, b0w, set(&self.left_labels, b0)),
            f2(235, b0p, set(&self.left_labels, b0)),
            f2(236, s1p, set(&self.right_labels, s1)),
            f2(237, s1p, set(&self.left_labels, s1)),
            // s1 against the buffer: decides between attaching s0 left or right
            f2(240, s1p, b0p),
            f2(241, s1w, b0w),
            f3(242, s1p, s0w, b0p),
            f3(243, s1w, s0p, b0p),
            f3(244, s1p, s0p, b0w),
            f3(245, s0p, b0w, b1w),
            f3(246, s0w, b0w, b1p),
            // universal tags: coarser, so seen more often
            f3(250, u(s0), u(b0), u(b1)),
            f3(251, u(s1), u(s0), u(b0)),
            f3(252, u(s2), u(s1), u(s0)),
            f3(253, u(s0), u(b0), d0),
            f3(254, u(s1), u(s0), d1),
            f3(255, u(s0), lab(s0l), u(b0)),
            f3(256, u(s1), lab(s1r), u(s0)),
            f3(257, u(b0), u(b1), u(b2)),
            f3(258, u(s0), u(s0l), u(b0l)),
            f3(259, u(s1), u(s0), u(s0r)),
            // what lies between the candidates for an arc
            f3(270, s0p, b0p, p0),
            f3(271, s0p, b0p, v0),
            f3(272, s1p, s0p, p1),
            f3(273, s1p, s0p, v1),
            f3(274, p0, v0, d0),
            f3(275, p1, v1, d1),
            f3(276, s0w, b0p, p0),
            f3(277, s1p, s0w, p1),
        ]);
    }
}

/// The runtime parser.
#[derive(Clone)]
pub struct Parser {
    pub table: Table,
    /// Beam width of decoding (1: greedy).
    pub beam: usize,
}

/// Scratch buffers reused across sentences.
#[derive(Default)]
pub struct Scratch {
    feats: Vec<u64>,
    scores: Vec<i32>,
}

impl Parser {
    /// Parses; returns heads (0 = root, 1-based) and labels per token.
    pub fn parse(&self, toks: &[TokenView], scratch: &mut Scratch) -> (Vec<u16>, Vec<u8>) {
        if self.beam > 1 {
            return crate::beam::parse(&self.table, toks, self.beam);
        }
        let mut state = State::new(toks.len());
        scratch.scores.resize(N_ACTIONS, 0);
        while !state.is_terminal() {
            if state.stack.len() == 1 {
                // Only the root is on the stack: SHIFT is the one valid action.
                state.apply(SHIFT);
                continue;
            }
            state.features(toks, &mut scratch.feats);
            self.table.score(&scratch.feats, &mut scratch.scores);
            let mut best = usize::MAX;
            for a in 0..N_ACTIONS {
                if (best == usize::MAX || scratch.scores[a] > scratch.scores[best])
                    && state.is_valid(a)
                {
                    best = a;
                }
            }
            if best == usize::MAX {
                break; // cannot happen: some action is always valid
            }
            state.apply(best);
        }
        state.into_tree()
    }
}

/// Trains on one sentence; returns the number of transitions.
pub struct TrainStep<'a> {
    pub weights: &'a mut TrainWeights,
    pub rng: &'a mut Rng,
    /// Probability of following the model's own (possibly wrong) choice.
    pub explore: f64,
}

impl TrainStep<'_> {
    pub fn sentence(&mut self, toks: &[TokenView], gold_head: &[u16], gold_label: &[u8]) {
        let mut state = State::new(toks.len());
        let mut feats = Vec::with_capacity(128);
        let mut scores = vec![0f32; N_ACTIONS];
        let mut costs = vec![0u32; N_ACTIONS];
        while !state.is_terminal() {
            state.features(toks, &mut feats);
            self.weights.score(&feats, &mut scores);
            state.costs(gold_head, gold_label, &mut costs);
            let mut guess = usize::MAX;
            let mut best = usize::MAX;
            let min_cost = costs.iter().copied().min().unwrap_or(0);
            for a in 0..N_ACTIONS {
                if costs[a] == u32::MAX {
                    continue;
                }
                if guess == usize::MAX || scores[a] > scores[guess] {
                    guess = a;
                }
                if costs[a] == min_cost && (best == usize::MAX || scores[a] > scores[best]) {
                    best = a;
                }
            }
            if guess == usize::MAX {
                break;
            }
            self.weights.tick();
            if costs[guess] > min_cost {
                self.weights.update(&feats, best, guess);
            }
            let follow = if self.explore > 0.0 && self.rng.unit() < self.explore {
                guess
            } else {
                best
            };
            state.apply(follow);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(n: usize) -> Vec<TokenView> {
        (0..n)
            .map(|i| TokenView {
                word: i as u64,
                tag: 7,
                upos: 3,
                ..TokenView::default()
            })
            .collect()
    }

    /// Follows zero-cost actions only: must rebuild any projective gold tree.
    #[test]
    fn oracle_rebuilds_projective_tree() {
        // "The minister said talks failed ." : heads 2,3,0,5,3,3
        let gold_head = [0u16, 2, 3, 0, 5, 3, 3];
        let gold_label = [0u8, 22, 37, 0, 37, 13, 47];
        let mut state = State::new(6);
        let mut costs = vec![0; N_ACTIONS];
        while !state.is_terminal() {
            state.costs(&gold_head, &gold_label, &mut costs);
            let a = (0..N_ACTIONS)
                .find(|a| costs[*a] == 0)
                .expect("a zero-cost action");
            assert!(state.is_valid(a));
            state.apply(a);
        }
        assert_eq!(&state.head[1..], &gold_head[1..]);
        assert_eq!(&state.label[1..], &gold_label[1..]);
    }

    #[test]
    fn untrained_parser_still_builds_one_tree() {
        let parser = Parser {
            table: Table::empty(N_ACTIONS),
            beam: 1,
        };
        let (head, _) = parser.parse(&toks(5), &mut Scratch::default());
        assert_eq!(head.iter().filter(|h| **h == 0).count(), 1);
        assert!(head.iter().all(|h| *h as usize <= 5));
    }
}
