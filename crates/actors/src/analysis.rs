//! One pass over a document: units, dictionary matches, candidate mentions,
//! coreference, entities.

use foldhash::{HashMap, HashMapExt};

use demarche_model::{Document, Entity};

use crate::kb::ActorKb;
use crate::recognise::{self, Cand};
use crate::units::Units;

pub struct Analysis {
    pub units: Units,
    pub cands: Vec<Cand>,
    pub entities: Vec<Entity>,
    /// Indexes into `cands` per sentence, in `cands` order: lookups near a
    /// place stay local however long the document is.
    by_sentence: HashMap<u32, Vec<usize>>,
}

impl Analysis {
    pub fn run(doc: &Document, kb: &ActorKb) -> Analysis {
        let units = Units::of(doc);
        let mut cands = recognise::candidates(doc, &units, kb);
        crate::coref::link(&units, kb, &mut cands);
        let entities = cands.iter().map(|c| c.to_entity(&units)).collect();
        let mut by_sentence: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, c) in cands.iter().enumerate() {
            by_sentence.entry(c.sentence).or_default().push(i);
        }
        Analysis {
            units,
            cands,
            entities,
            by_sentence,
        }
    }

    /// The candidates of sentence `s`, in `cands` order.
    pub fn in_sentence(&self, s: u32) -> impl DoubleEndedIterator<Item = &Cand> + '_ {
        self.by_sentence
            .get(&s)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .map(|&i| &self.cands[i])
    }
}
