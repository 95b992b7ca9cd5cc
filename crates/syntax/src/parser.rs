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

/// The parser's feature templates, by id (see `State::features`): all of them.
const FULL: [u64; 126] = [
    100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114, 115, 120, 121, 122,
    123, 124, 125, 126, 127, 130, 131, 132, 133, 134, 135, 136, 140, 141, 142, 143, 144, 145, 146,
    147, 148, 149, 150, 151, 152, 153, 160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171,
    180, 181, 182, 183, 184, 185, 186, 187, 190, 191, 192, 193, 194, 195, 196, 197, 198, 199, 200,
    201, 202, 203, 204, 205, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 230, 231,
    232, 233, 234, 235, 236, 237, 240, 241, 242, 243, 244, 245, 246, 250, 251, 252, 253, 254, 255,
    256, 257, 258, 259, 270, 271, 272, 273, 274, 275, 276, 277,
];

/// The lean set the fast model reads (`Templates::Lean`): about a third.
const LEAN: [u64; 45] = [
    100, 101, 102, 103, 104, 105, 108, 109, 110, 111, 112, 115, 120, 125, 126, 127, 130, 135, 136,
    140, 141, 142, 143, 144, 145, 146, 147, 148, 160, 165, 170, 181, 183, 185, 202, 203, 204, 205,
    231, 235, 240, 242, 270, 271, 272,
];

/// Which feature templates a parser reads. Its cost grows with their number:
/// each is one lookup in a table larger than the caches, at every transition.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Templates {
    /// All of them: the accurate model (`demarche parse`).
    #[default]
    Full,
    /// About a third, for the fast model the pipeline runs: the words and
    /// tags of the stack and buffer fronts, their pairs and tag triples,
    /// distance, valency, the labels of the nearest children and what lies
    /// between the two candidates for an arc.
    Lean,
}

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
    templates: Templates,
}

impl State {
    pub fn new(n: usize, templates: Templates) -> State {
        let m = n + 1;
        State {
            templates,
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
        // Each template once, by id; `FULL` and `LEAN` list which a model reads.
        let key = |id: u64| -> u64 {
            match id {
                // single positions
                100 => f1(id, s0w),
                101 => f1(id, s0p),
                102 => f1(id, s0wp),
                103 => f1(id, s1w),
                104 => f1(id, s1p),
                105 => f1(id, s1wp),
                106 => f1(id, s2p),
                107 => f2(id, s2w, s2p),
                108 => f1(id, b0w),
                109 => f1(id, b0p),
                110 => f1(id, b0wp),
                111 => f1(id, b1w),
                112 => f1(id, b1p),
                113 => f2(id, b1w, b1p),
                114 => f1(id, b2w),
                115 => f1(id, b2p),
                // pairs s0 / b0
                120 => f2(id, s0wp, b0wp),
                121 => f2(id, s0wp, b0w),
                122 => f2(id, s0w, b0wp),
                123 => f2(id, s0wp, b0p),
                124 => f2(id, s0p, b0wp),
                125 => f2(id, s0w, b0w),
                126 => f2(id, s0p, b0p),
                127 => f2(id, b0p, b1p),
                // pairs s1 / s0
                130 => f2(id, s1wp, s0wp),
                131 => f2(id, s1wp, s0w),
                132 => f2(id, s1w, s0wp),
                133 => f2(id, s1wp, s0p),
                134 => f2(id, s1p, s0wp),
                135 => f2(id, s1w, s0w),
                136 => f2(id, s1p, s0p),
                // triples of tags
                140 => f3(id, b0p, b1p, b2p),
                141 => f3(id, s0p, b0p, b1p),
                142 => f3(id, s1p, s0p, b0p),
                143 => f3(id, s2p, s1p, s0p),
                144 => f3(id, s0p, p(s0l), b0p),
                145 => f3(id, s0p, p(s0r), b0p),
                146 => f3(id, s0p, b0p, p(b0l)),
                147 => f3(id, s1p, s0p, p(s0l)),
                148 => f3(id, s1p, s0p, p(s0r)),
                149 => f3(id, s1p, p(s1r), s0p),
                150 => f3(id, s1p, p(s1l), s0p),
                151 => f3(id, s1p, s0p, b1p),
                152 => f3(id, s0w, b0p, b1p),
                153 => f3(id, s0p, b0w, b1p),
                // distance
                160 => f2(id, s0w, d0),
                161 => f2(id, s0p, d0),
                162 => f2(id, b0w, d0),
                163 => f2(id, b0p, d0),
                164 => f3(id, s0w, b0w, d0),
                165 => f3(id, s0p, b0p, d0),
                166 => f2(id, s1w, d1),
                167 => f2(id, s1p, d1),
                168 => f2(id, s0w, d1),
                169 => f2(id, s0p, d1),
                170 => f3(id, s1p, s0p, d1),
                171 => f3(id, s1w, s0w, d1),
                // valency
                180 => f2(id, s0w, s0vr),
                181 => f2(id, s0p, s0vr),
                182 => f2(id, s0w, s0vl),
                183 => f2(id, s0p, s0vl),
                184 => f2(id, b0w, b0vl),
                185 => f2(id, b0p, b0vl),
                186 => f2(id, s1w, s1vr),
                187 => f2(id, s1p, s1vr),
                // children
                190 => f1(id, w(s0l)),
                191 => f1(id, p(s0l)),
                192 => f1(id, lab(s0l)),
                193 => f1(id, w(s0r)),
                194 => f1(id, p(s0r)),
                195 => f1(id, lab(s0r)),
                196 => f1(id, w(b0l)),
                197 => f1(id, p(b0l)),
                198 => f1(id, lab(b0l)),
                199 => f1(id, p(s1r)),
                200 => f1(id, lab(s1r)),
                201 => f1(id, lab(s1l)),
                202 => f2(id, s0p, lab(s0l)),
                203 => f2(id, s0p, lab(s0r)),
                204 => f2(id, b0p, lab(b0l)),
                205 => f2(id, s1p, lab(s1r)),
                // second children
                210 => f1(id, w(s0l2)),
                211 => f1(id, p(s0l2)),
                212 => f1(id, lab(s0l2)),
                213 => f1(id, w(s0r2)),
                214 => f1(id, p(s0r2)),
                215 => f1(id, lab(s0r2)),
                216 => f1(id, w(b0l2)),
                217 => f1(id, p(b0l2)),
                218 => f1(id, lab(b0l2)),
                219 => f3(id, s0p, p(s0l), p(s0l2)),
                220 => f3(id, s0p, p(s0r), p(s0r2)),
                221 => f3(id, b0p, p(b0l), p(b0l2)),
                // label sets
                230 => f2(id, s0w, set(&self.right_labels, s0)),
                231 => f2(id, s0p, set(&self.right_labels, s0)),
                232 => f2(id, s0w, set(&self.left_labels, s0)),
                233 => f2(id, s0p, set(&self.left_labels, s0)),
                234 => f2(id, b0w, set(&self.left_labels, b0)),
                235 => f2(id, b0p, set(&self.left_labels, b0)),
                236 => f2(id, s1p, set(&self.right_labels, s1)),
                237 => f2(id, s1p, set(&self.left_labels, s1)),
                // s1 against the buffer: decides between attaching s0 left or right
                240 => f2(id, s1p, b0p),
                241 => f2(id, s1w, b0w),
                242 => f3(id, s1p, s0w, b0p),
                243 => f3(id, s1w, s0p, b0p),
                244 => f3(id, s1p, s0p, b0w),
                245 => f3(id, s0p, b0w, b1w),
                246 => f3(id, s0w, b0w, b1p),
                // universal tags: coarser, so seen more often
                250 => f3(id, u(s0), u(b0), u(b1)),
                251 => f3(id, u(s1), u(s0), u(b0)),
                252 => f3(id, u(s2), u(s1), u(s0)),
                253 => f3(id, u(s0), u(b0), d0),
                254 => f3(id, u(s1), u(s0), d1),
                255 => f3(id, u(s0), lab(s0l), u(b0)),
                256 => f3(id, u(s1), lab(s1r), u(s0)),
                257 => f3(id, u(b0), u(b1), u(b2)),
                258 => f3(id, u(s0), u(s0l), u(b0l)),
                259 => f3(id, u(s1), u(s0), u(s0r)),
                // what lies between the candidates for an arc
                270 => f3(id, s0p, b0p, p0),
                271 => f3(id, s0p, b0p, v0),
                272 => f3(id, s1p, s0p, p1),
                273 => f3(id, s1p, s0p, v1),
                274 => f3(id, p0, v0, d0),
                275 => f3(id, p1, v1, d1),
                276 => f3(id, s0w, b0p, p0),
                277 => f3(id, s1p, s0w, p1),
                _ => NONE,
            }
        };
        let ids: &[u64] = match self.templates {
            Templates::Full => &FULL,
            Templates::Lean => &LEAN,
        };
        out.clear();
        out.extend(ids.iter().map(|&id| key(id)));
    }
}

/// The runtime parser.
#[derive(Clone)]
pub struct Parser {
    pub table: Table,
    /// Beam width of decoding (1: greedy).
    pub beam: usize,
    pub templates: Templates,
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
            return crate::beam::parse(&self.table, toks, self.beam, self.templates);
        }
        let mut state = State::new(toks.len(), self.templates);
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
    pub templates: Templates,
}

impl TrainStep<'_> {
    pub fn sentence(&mut self, toks: &[TokenView], gold_head: &[u16], gold_label: &[u8]) {
        let mut state = State::new(toks.len(), self.templates);
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
    /// The lean set reads about a third of the templates, and each of its
    /// keys is one the full set computes too (same template, same values).
    #[test]
    fn lean_templates_are_a_third_of_the_full_set() {
        let t = toks(6);
        let mut full = State::new(6, Templates::Full);
        let mut lean = State::new(6, Templates::Lean);
        let (mut f, mut l) = (Vec::new(), Vec::new());
        for action in [SHIFT, SHIFT, SHIFT] {
            full.apply(action);
            lean.apply(action);
        }
        full.features(&t, &mut f);
        lean.features(&t, &mut l);
        assert!(l.len() * 5 < f.len() * 2, "{} of {}", l.len(), f.len());
        assert!(l.iter().all(|k| f.contains(k)));
    }

    #[test]
    fn oracle_rebuilds_projective_tree() {
        // "The minister said talks failed ." : heads 2,3,0,5,3,3
        let gold_head = [0u16, 2, 3, 0, 5, 3, 3];
        let gold_label = [0u8, 22, 37, 0, 37, 13, 47];
        let mut state = State::new(6, Templates::Full);
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
            templates: Templates::Full,
        };
        let (head, _) = parser.parse(&toks(5), &mut Scratch::default());
        assert_eq!(head.iter().filter(|h| **h == 0).count(), 1);
        assert!(head.iter().all(|h| *h as usize <= 5));
    }
}
