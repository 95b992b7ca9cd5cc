//! Beam search over the parser's transitions, and its training.
//!
//! Every arc-hybrid parse of n words takes exactly 2n transitions, so the
//! items of a beam advance in step. Decoding keeps the `width` best partial
//! parses by summed action score. Training is the global perceptron with
//! max-violation updates (Huang, Fayong & Guo 2012): the gold path and the
//! beam are run to the end, and the update is made at the step where the
//! best beam item outscores the gold prefix by the largest margin. The gold
//! path is latent: of the actions the dynamic oracle finds optimal, it
//! follows the one the model scores highest, so spurious ambiguity costs
//! nothing.

use crate::parser::{State, Templates, TokenView, N_ACTIONS, SHIFT};
use crate::weights::{Table, TrainWeights};

/// One partial parse in the beam.
#[derive(Clone)]
struct Item<S> {
    state: State,
    score: S,
    actions: Vec<u8>,
    /// Every action so far was one the oracle finds optimal (training only).
    on_gold: bool,
}

/// A candidate extension: item `from` followed by `action`.
#[derive(Clone, Copy)]
struct Candidate<S> {
    from: usize,
    action: usize,
    score: S,
}

/// Keeps the `width` best candidates, best first (ties: earlier item, lower
/// action, so decoding is deterministic).
fn best_candidates<S: Copy + PartialOrd>(cands: &mut Vec<Candidate<S>>, width: usize) {
    cands.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(a.from.cmp(&b.from))
            .then(a.action.cmp(&b.action))
    });
    cands.truncate(width);
}

/// Beam-search decoding with the runtime table.
pub fn parse(
    table: &Table,
    toks: &[TokenView],
    width: usize,
    templates: Templates,
) -> (Vec<u16>, Vec<u8>) {
    let mut beam = vec![Item {
        state: State::new(toks.len(), templates),
        score: 0i64,
        actions: Vec::new(),
        on_gold: false,
    }];
    let mut feats = Vec::with_capacity(160);
    let mut raw = vec![0i32; N_ACTIONS];
    let mut scores = vec![0i64; N_ACTIONS];
    let mut cands: Vec<Candidate<i64>> = Vec::with_capacity(width * N_ACTIONS);
    while !beam[0].state.is_terminal() {
        let score = |f: &[u64], out: &mut [i64]| {
            table.score(f, &mut raw);
            for (o, r) in out.iter_mut().zip(&raw) {
                *o = i64::from(*r);
            }
        };
        expand(&beam, toks, &mut feats, &mut scores, &mut cands, score);
        if cands.is_empty() {
            break; // cannot happen: some action is always valid
        }
        best_candidates(&mut cands, width);
        beam = extend(&beam, &cands);
    }
    beam.swap_remove(0).state.into_tree()
}

/// Every valid extension of every item, scored by `score` (which fills the
/// action scores of a feature vector), into `cands`.
fn expand<S: Copy + std::ops::Add<Output = S>>(
    beam: &[Item<S>],
    toks: &[TokenView],
    feats: &mut Vec<u64>,
    scores: &mut [S],
    cands: &mut Vec<Candidate<S>>,
    mut score: impl FnMut(&[u64], &mut [S]),
) {
    cands.clear();
    for (i, item) in beam.iter().enumerate() {
        if item.state.only_root_on_stack() {
            cands.push(Candidate {
                from: i,
                action: SHIFT,
                score: item.score,
            });
            continue;
        }
        item.state.features(toks, feats);
        score(feats, scores);
        for (a, s) in scores.iter().enumerate() {
            if item.state.is_valid(a) {
                cands.push(Candidate {
                    from: i,
                    action: a,
                    score: item.score + *s,
                });
            }
        }
    }
}

fn extend<S: Copy>(beam: &[Item<S>], cands: &[Candidate<S>]) -> Vec<Item<S>> {
    cands
        .iter()
        .map(|c| {
            let mut item = beam[c.from].clone();
            item.state.apply(c.action);
            item.actions.push(c.action as u8);
            item.score = c.score;
            item
        })
        .collect()
}

/// One sentence of beam training.
pub struct BeamTrainStep<'a> {
    pub weights: &'a mut TrainWeights,
    pub width: usize,
    pub templates: Templates,
}

impl BeamTrainStep<'_> {
    pub fn sentence(&mut self, toks: &[TokenView], gold_head: &[u16], gold_label: &[u8]) {
        let start = Item {
            state: State::new(toks.len(), self.templates),
            score: 0f32,
            actions: Vec::new(),
            on_gold: true,
        };
        let mut beam = vec![start.clone()];
        let mut gold = start;
        let mut feats = Vec::with_capacity(160);
        let mut scores = vec![0f32; N_ACTIONS];
        let mut costs = vec![0u32; N_ACTIONS];
        let mut cands: Vec<Candidate<f32>> = Vec::with_capacity(self.width * N_ACTIONS);
        // (violation, wrong prefix, gold prefix) at the worst step so far.
        let mut worst: Option<(f32, Vec<u8>, Vec<u8>)> = None;
        while !beam[0].state.is_terminal() {
            // The gold path's next action: the best-scored optimal one.
            let gold_next = self.best_optimal(
                &gold,
                toks,
                gold_head,
                gold_label,
                &mut feats,
                &mut scores,
                &mut costs,
            );
            let weights = &*self.weights;
            expand(
                &beam,
                toks,
                &mut feats,
                &mut scores,
                &mut cands,
                |f, out| weights.score(f, out),
            );
            if cands.is_empty() {
                break;
            }
            best_candidates(&mut cands, self.width);
            let mut next = extend(&beam, &cands);
            // Which new items are still on an optimal path: the oracle's costs are
            // taken once per parent that was.
            let mut optimal = vec![[false; N_ACTIONS]; beam.len()];
            for (i, parent) in beam.iter().enumerate().filter(|(_, p)| p.on_gold) {
                parent.state.costs(gold_head, gold_label, &mut costs);
                let min = costs.iter().copied().min().unwrap_or(0);
                for (o, c) in optimal[i].iter_mut().zip(&costs) {
                    *o = *c == min;
                }
            }
            for (item, c) in next.iter_mut().zip(&cands) {
                item.on_gold = optimal[c.from][c.action];
            }
            let (gold_action, gold_score) = gold_next;
            let mut advanced = gold.clone();
            advanced.state.apply(gold_action);
            advanced.actions.push(gold_action as u8);
            advanced.score = gold_score;
            // Follow the best optimal item of the beam when there is one, so the
            // gold path is the one the model prefers.
            gold = match next.iter().position(|it| it.on_gold) {
                Some(i) => next[i].clone(),
                None => advanced,
            };
            let top = &next[0];
            if !top.on_gold {
                let v = top.score - gold.score;
                if worst.as_ref().is_none_or(|w| v >= w.0) {
                    worst = Some((v, top.actions.clone(), gold.actions.clone()));
                }
            }
            beam = next;
        }
        self.weights.tick();
        if let Some((_, wrong, right)) = worst {
            self.replay(toks, &right, 1.0);
            self.replay(toks, &wrong, -1.0);
        }
    }

    /// The optimal action of `item` with the highest score, and the score of
    /// the item after it.
    #[allow(clippy::too_many_arguments)]
    fn best_optimal(
        &self,
        item: &Item<f32>,
        toks: &[TokenView],
        gold_head: &[u16],
        gold_label: &[u8],
        feats: &mut Vec<u64>,
        scores: &mut [f32],
        costs: &mut [u32],
    ) -> (usize, f32) {
        item.state.costs(gold_head, gold_label, costs);
        let min = costs.iter().copied().min().unwrap_or(0);
        if item.state.only_root_on_stack() {
            return (SHIFT, item.score);
        }
        item.state.features(toks, feats);
        self.weights.score(feats, scores);
        let mut best = usize::MAX;
        for a in 0..N_ACTIONS {
            if costs[a] == min
                && costs[a] != u32::MAX
                && (best == usize::MAX || scores[a] > scores[best])
            {
                best = a;
            }
        }
        if best == usize::MAX {
            best = SHIFT;
        }
        (best, item.score + scores[best])
    }

    /// Adds `delta` to every scored step of an action sequence.
    fn replay(&mut self, toks: &[TokenView], actions: &[u8], delta: f32) {
        let mut state = State::new(toks.len(), self.templates);
        let mut feats = Vec::with_capacity(160);
        for &a in actions {
            if !state.only_root_on_stack() {
                state.features(toks, &mut feats);
                self.weights.add(&feats, a as usize, delta);
            }
            state.apply(a as usize);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::Parser;

    fn toks(words: &[u64]) -> Vec<TokenView> {
        words
            .iter()
            .map(|w| TokenView {
                word: *w,
                tag: 1000 + *w,
                upos: 2000 + *w % 3,
                ..TokenView::default()
            })
            .collect()
    }

    #[test]
    fn untrained_beam_still_builds_one_tree() {
        let (head, _) = parse(
            &Table::empty(N_ACTIONS),
            &toks(&[1, 2, 3, 4, 5]),
            4,
            Templates::Full,
        );
        assert_eq!(head.len(), 5);
        assert_eq!(head.iter().filter(|h| **h == 0).count(), 1);
        assert!(head.iter().all(|h| *h as usize <= 5));
    }

    /// Global training must learn to rebuild a small treebank exactly, where
    /// the untrained beam (all scores equal) does not.
    #[test]
    fn beam_training_learns_its_trees() {
        // Two shapes over the same words: which word heads depends on context.
        let data: Vec<(Vec<u64>, Vec<u16>, Vec<u8>)> = vec![
            (vec![1, 2, 3, 4], vec![0, 2, 0, 2, 2], vec![0, 5, 0, 7, 9]),
            (vec![4, 1, 2, 3], vec![0, 3, 3, 0, 3], vec![0, 9, 5, 0, 7]),
            (vec![1, 2, 5, 3], vec![0, 2, 0, 2, 3], vec![0, 5, 0, 7, 11]),
        ];
        let mut weights = TrainWeights::new(N_ACTIONS);
        for _ in 0..20 {
            let mut step = BeamTrainStep {
                weights: &mut weights,
                width: 4,
                templates: Templates::Full,
            };
            for (w, h, l) in &data {
                step.sentence(&toks(w), h, l);
            }
        }
        let parser = Parser {
            table: weights.averaged(0.0),
            beam: 4,
            templates: Templates::Full,
        };
        for (w, h, l) in &data {
            let (head, label) = parser.parse(&toks(w), &mut Default::default());
            assert_eq!(head, h[1..].to_vec(), "heads of {w:?}");
            assert_eq!(label, l[1..].to_vec(), "labels of {w:?}");
        }
    }
}
