//! From a phrase to a CAMEO code: country from the anchor or owner, sector from
//! the strongest role word, "former" → ELI.

use std::sync::Arc;

use chrono::NaiveDate;
use demarche_model::{Actor, EntityKind};

use crate::data::Gender;
use crate::kb::{ActorKb, Target};

use super::phrase::Phrase;

/// Country and sector (with priority) a phrase's context gives.
pub(crate) struct Coding {
    pub(crate) country: Option<String>,
    pub(crate) sector: Option<(String, u8)>,
    /// A code taken whole from an organisation without a country (IGOUNO).
    pub(crate) whole: Option<String>,
    pub(crate) gender: Gender,
    pub(crate) plural: bool,
    pub(crate) rows: Vec<u32>,
    pub(crate) kind: Option<EntityKind>,
}

impl Coding {
    /// Nothing known yet.
    pub(crate) fn empty() -> Coding {
        Coding {
            country: None,
            sector: None,
            whole: None,
            gender: Gender::Unknown,
            plural: false,
            rows: Vec::new(),
            kind: None,
        }
    }
}

pub(crate) fn coding(kb: &ActorKb, ph: &Phrase, on: Option<NaiveDate>) -> Coding {
    let mut c = Coding::empty();
    let offer = |c: &mut Coding, s: Option<&str>, prio: u8| {
        if let Some(s) = s {
            if c.sector.as_ref().is_none_or(|(_, p)| prio >= *p) {
                c.sector = Some((s.to_string(), prio));
            }
        }
    };
    let from_target = |c: &mut Coding, t: Target| match t {
        Target::Country(i) | Target::Adjective(i) => {
            c.country = Some(kb.countries[i as usize].iso3.clone())
        }
        Target::Capital(i) | Target::Seat(i) => {
            c.country = Some(kb.countries[i as usize].iso3.clone());
            offer(c, Some("GOV"), 1);
        }
        Target::Org(i) => {
            let a = &kb.orgs[i as usize].actor;
            match &a.country {
                Some(cc) => {
                    c.country = Some(cc.clone());
                    offer(
                        c,
                        a.sector.as_deref(),
                        if a.sector.as_deref() == Some("GOV") {
                            1
                        } else {
                            3
                        },
                    );
                }
                None => c.whole = a.code.clone(),
            }
        }
        Target::Person(p) => {
            let a = kb.person_on(p, on);
            c.country = a.country.clone();
            offer(c, a.sector.as_deref().filter(|s| *s != "ELI"), 1);
        }
        Target::Sector { .. } => {}
    };
    if let Some(owner) = &ph.owner {
        let oc = coding(kb, owner, on);
        c.country = oc.country;
        c.whole = oc.whole;
        if let Some((s, _)) = oc.sector {
            offer(&mut c, Some(&s), 1);
        }
        if let Some((_, _, Some(t))) = owner.name {
            from_target(&mut c, t);
        }
    }
    if let Some((_, t)) = ph.anchor {
        from_target(&mut c, t);
    }
    for &(_, row, plural) in &ph.sectors {
        let s = &kb.sectors[row as usize];
        offer(&mut c, s.sector.as_deref(), s.priority);
        if s.gender != Gender::Unknown {
            c.gender = s.gender;
        }
        c.plural = plural;
        c.rows.push(row);
        c.kind = Some(match s.kind.as_str() {
            "person" => EntityKind::Person,
            "group" => EntityKind::Group,
            _ => EntityKind::Organization,
        });
    }
    if ph.former {
        if let Some((s, p)) = &mut c.sector {
            if matches!(
                s.as_str(),
                "GOV" | "MIL" | "LEG" | "JUD" | "COP" | "SPY" | "PTY"
            ) {
                *s = "ELI".into();
                *p = 9;
            }
        }
    }
    c
}

pub(crate) fn code_of(c: &Coding) -> Option<String> {
    if let Some(w) = &c.whole {
        // A bare block ("EUR", "IGO") takes the role's sector: "EU legislators" → EURLEG.
        return Some(match (&c.sector, w.len()) {
            (Some((s, _)), 3) => format!("{w}{s}"),
            _ => w.clone(),
        });
    }
    match (&c.country, &c.sector) {
        (Some(cc), Some((s, _))) => Some(format!("{cc}{s}")),
        (Some(cc), None) => Some(cc.clone()),
        (None, Some((s, _))) => Some(s.clone()),
        (None, None) => None,
    }
}

pub(crate) fn built_actor(id: String, name: String, c: &Coding) -> Arc<Actor> {
    Arc::new(Actor {
        id,
        name,
        code: code_of(c),
        country: c.country.clone(),
        sector: match &c.whole {
            // "IGOUNOJUD" → JUD; "IGOUNO" has none of its own; "EUR" takes the role's.
            Some(w) if w.len() > 6 => Some(w[w.len() - 3..].to_string()),
            Some(w) if w.len() > 3 => None,
            _ => c.sector.as_ref().map(|s| s.0.clone()),
        },
    })
}
