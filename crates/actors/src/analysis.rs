//! One pass over a document: units, dictionary matches, candidate mentions,
//! coreference, entities.

use demarche_model::{Document, Entity};

use crate::kb::ActorKb;
use crate::recognise::{self, Cand};
use crate::units::Units;

pub struct Analysis {
    pub units: Units,
    pub cands: Vec<Cand>,
    pub entities: Vec<Entity>,
}

impl Analysis {
    pub fn run(doc: &Document, kb: &ActorKb) -> Analysis {
        let units = Units::of(doc);
        let mut cands = recognise::candidates(doc, &units, kb);
        crate::coref::link(&units, kb, &mut cands);
        let entities = cands.iter().map(|c| c.to_entity(&units)).collect();
        Analysis {
            units,
            cands,
            entities,
        }
    }
}
