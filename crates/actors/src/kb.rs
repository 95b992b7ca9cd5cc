//! The compiled knowledge base: actors from the data files, their aliases in
//! one Aho-Corasick automaton (anchored, leftmost-longest, built once).

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, Anchored, Input, MatchKind, StartKind};
use chrono::NaiveDate;
use demarche_model::Actor;

use crate::data::{Gender, PronounRow, RawKb};
use crate::{norm, ActorError};

/// What an alias in the automaton stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Country(u32),
    /// A demonym or adjective ("Russian", "Iranians").
    Adjective(u32),
    /// A capital used for its government ("Moscow").
    Capital(u32),
    /// A seat of power ("the Kremlin", "Downing Street").
    Seat(u32),
    Org(u32),
    Person(u32),
    /// A sector word or role title; `plural` when this alias is a plural form.
    Sector {
        row: u32,
        plural: bool,
    },
}

/// How the text must be capitalised for an alias token to match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Case {
    Any,
    Capitalised,
    AllCaps,
}

#[derive(Clone, Debug)]
struct AliasHit {
    target: Target,
    case: Vec<Case>,
}

pub struct Country {
    pub iso3: String,
    pub actor: Arc<Actor>,
    pub government: Arc<Actor>,
}

pub struct Org {
    pub actor: Arc<Actor>,
    pub kind: demarche_model::EntityKind,
}

pub struct Role {
    pub actor: Arc<Actor>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

pub struct Person {
    pub name: String,
    pub gender: Gender,
    pub roles: Vec<Role>,
    /// The actor when no role is held yet (country only).
    pub before: Arc<Actor>,
    /// The actor after every role ended (former official: ELI).
    pub after: Arc<Actor>,
}

pub struct Sector {
    pub sector: Option<String>,
    pub kind: String,
    pub gender: Gender,
    pub priority: u8,
    pub owner_preps: Vec<String>,
    pub title: bool,
}

/// The compiled actor knowledge base.
pub struct ActorKb {
    pub(crate) countries: Vec<Country>,
    pub(crate) orgs: Vec<Org>,
    pub(crate) people: Vec<Person>,
    pub(crate) sectors: Vec<Sector>,
    pub(crate) first_names: HashMap<String, Gender>,
    pub(crate) pronouns: HashMap<String, PronounRow>,
    pub(crate) stop_names: HashSet<String>,
    pub(crate) determiners: HashMap<String, bool>,
    pub(crate) connectors: HashSet<String>,
    pub(crate) locatives: HashSet<String>,
    /// Context word lists by name (`[cues]` in words.tsv), normalised.
    pub(crate) cues: HashMap<String, HashSet<String>>,
    pub(crate) country_by_iso: HashMap<String, u32>,
    keys: Vec<Vec<AliasHit>>,
    by_key: HashMap<String, u32>,
    automaton: AhoCorasick,
}

/// CAMEO sector codes, to tell "IGOMIL" (an IGO's military) from "IGOUNO" (the UN).
const SECTORS: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "REB", "CVL", "MED", "BUS", "EDU", "REL", "CRM",
    "UAF", "PRM", "REF", "AGR", "LAB", "SPY", "ELI", "PTY", "HLH", "HRI", "PKO", "DEV", "ENV",
    "SEP", "INS", "UNK", "PRE",
];

const EMBEDDED: &[(&str, &str)] = &[
    (
        "countries.tsv",
        include_str!("../../../data/actors/countries.tsv"),
    ),
    (
        "organisations.tsv",
        include_str!("../../../data/actors/organisations.tsv"),
    ),
    (
        "groups.tsv",
        include_str!("../../../data/actors/groups.tsv"),
    ),
    (
        "people.tsv",
        include_str!("../../../data/actors/people.tsv"),
    ),
    (
        "places.tsv",
        include_str!("../../../data/actors/places.tsv"),
    ),
    (
        "sectors.tsv",
        include_str!("../../../data/actors/sectors.tsv"),
    ),
    ("words.tsv", include_str!("../../../data/actors/words.tsv")),
];

pub(crate) fn embedded_raw() -> Result<RawKb, ActorError> {
    let mut raw = RawKb::default();
    for (name, text) in EMBEDDED {
        raw.add_tsv(text, name)?;
    }
    Ok(raw)
}

/// A URL-style identifier from a name ("Dmitry Peskov" → "dmitry-peskov").
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name.split(|c: char| !c.is_alphanumeric()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&norm::token(w));
    }
    out
}

/// The normalised key of a phrase (units joined by single spaces) and the
/// capitalisation each unit needs.
fn phrase_key(phrase: &str) -> (String, Vec<Case>) {
    // A lower-case article is the phrase grammar's business, not the alias's
    // ("the Kremlin"); a capitalised one belongs to the name ("The Hague").
    let phrase = phrase.trim();
    let phrase = phrase.strip_prefix("the ").unwrap_or(phrase);
    let mut key = String::new();
    let mut case = Vec::new();
    for w in norm::split_words(phrase) {
        for part in split_possessive(w) {
            if !key.is_empty() {
                key.push(' ');
            }
            norm::push_token(part, &mut key);
            let letters = part.chars().filter(|c| c.is_alphabetic()).count();
            case.push(if norm::is_all_caps(part) && (2..=4).contains(&letters) {
                Case::AllCaps
            } else if norm::is_capitalised(part) {
                Case::Capitalised
            } else {
                Case::Any
            });
        }
    }
    (key, case)
}

fn split_possessive(w: &str) -> Vec<&str> {
    for suffix in ["'s", "\u{2019}s"] {
        if let Some(head) = w.strip_suffix(suffix) {
            if !head.is_empty() {
                return vec![head, &w[head.len()..]];
            }
        }
    }
    vec![w]
}

fn plural_of(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("man") {
        return format!("{stem}men");
    }
    if let Some(stem) = word.strip_suffix("person") {
        return format!("{stem}people");
    }
    if word.ends_with('s') || word.ends_with('x') || word.ends_with("ch") || word.ends_with("sh") {
        return format!("{word}es");
    }
    if word.ends_with('y')
        && !word.ends_with("ey")
        && !word.ends_with("ay")
        && !word.ends_with("oy")
    {
        return format!("{}ies", &word[..word.len() - 1]);
    }
    format!("{word}s")
}

fn actor(
    id: &str,
    name: &str,
    code: Option<String>,
    country: Option<String>,
    sector: Option<String>,
) -> Arc<Actor> {
    Arc::new(Actor {
        id: id.to_string(),
        name: name.to_string(),
        code,
        country,
        sector,
    })
}

impl ActorKb {
    pub(crate) fn build(raw: &RawKb) -> Result<ActorKb, ActorError> {
        let mut keys: Vec<Vec<AliasHit>> = Vec::new();
        let mut by_key: HashMap<String, u32> = HashMap::new();
        let mut add = |phrase: &str, target: Target| {
            let (key, case) = phrase_key(phrase);
            if key.is_empty() {
                return;
            }
            let k = *by_key.entry(key).or_insert_with(|| {
                keys.push(Vec::new());
                (keys.len() - 1) as u32
            });
            let hits = &mut keys[k as usize];
            if !hits.iter().any(|h| h.target == target) {
                hits.push(AliasHit { target, case });
            }
        };

        let mut countries = Vec::new();
        let mut country_by_iso = HashMap::new();
        for row in &raw.countries {
            let idx = match country_by_iso.get(&row.iso3) {
                Some(&i) => i,
                None => {
                    let name = row
                        .names
                        .first()
                        .cloned()
                        .unwrap_or_else(|| row.iso3.clone());
                    let iso = row.iso3.clone();
                    countries.push(Country {
                        iso3: iso.clone(),
                        actor: actor(&iso, &name, Some(iso.clone()), Some(iso.clone()), None),
                        government: actor(
                            &format!("{iso}GOV"),
                            &format!("{name} (government)"),
                            Some(format!("{iso}GOV")),
                            Some(iso.clone()),
                            Some("GOV".into()),
                        ),
                    });
                    country_by_iso.insert(iso, (countries.len() - 1) as u32);
                    (countries.len() - 1) as u32
                }
            };
            for n in &row.names {
                add(n, Target::Country(idx));
            }
            for n in &row.adjectives {
                add(n, Target::Adjective(idx));
            }
            for n in &row.capitals {
                add(n, Target::Capital(idx));
            }
            for n in &row.seats {
                add(n, Target::Seat(idx));
            }
        }

        let split_code = |code: &str| -> (Option<String>, Option<String>) {
            let code = code.trim();
            if code.len() >= 3 && country_by_iso.contains_key(&code[..3]) {
                let rest = &code[3..];
                (
                    Some(code[..3].to_string()),
                    (!rest.is_empty()).then(|| rest[..rest.len().min(3)].to_string()),
                )
            } else if code.len() > 6 {
                // IGOUNOJUD: an organisation's own code, then the sector.
                (None, Some(code[code.len() - 3..].to_string()))
            } else if code.len() == 6 && SECTORS.contains(&&code[3..]) {
                (None, Some(code[3..].to_string()))
            } else if code.len() > 3 {
                (None, None)
            } else if !code.is_empty() && code != "-" {
                (None, Some(code.to_string()))
            } else {
                (None, None)
            }
        };

        let mut orgs = Vec::new();
        for row in &raw.organisations {
            let (country, sector) = split_code(&row.code);
            let code = (!row.code.is_empty() && row.code != "-").then(|| row.code.clone());
            let kind = match row.kind.as_str() {
                "group" => demarche_model::EntityKind::Group,
                "person" => demarche_model::EntityKind::Person,
                "place" => demarche_model::EntityKind::Place,
                "country" => demarche_model::EntityKind::Country,
                _ => demarche_model::EntityKind::Organization,
            };
            orgs.push(Org {
                actor: actor(&row.id, &row.name, code, country, sector),
                kind,
            });
            let idx = (orgs.len() - 1) as u32;
            for a in &row.aliases {
                add(a, Target::Org(idx));
            }
        }

        let mut people: Vec<Person> = Vec::new();
        let mut person_by_id: HashMap<String, u32> = HashMap::new();
        for row in &raw.people {
            let id = slug(&row.name);
            let (country, sector) = split_code(&row.code);
            let idx = match person_by_id.get(&id) {
                Some(&i) => i,
                None => {
                    people.push(Person {
                        name: row.name.clone(),
                        gender: row.gender,
                        roles: Vec::new(),
                        before: actor(&id, &row.name, country.clone(), country.clone(), None),
                        after: actor(&id, &row.name, None, None, None),
                    });
                    person_by_id.insert(id.clone(), (people.len() - 1) as u32);
                    (people.len() - 1) as u32
                }
            };
            let p = &mut people[idx as usize];
            if p.gender == Gender::Unknown {
                p.gender = row.gender;
            }
            let code = (!row.code.is_empty() && row.code != "-").then(|| row.code.clone());
            p.roles.push(Role {
                actor: actor(&id, &row.name, code, country, sector),
                from: row.from,
                to: row.to,
            });
            add(&row.name, Target::Person(idx));
            for a in &row.aliases {
                add(a, Target::Person(idx));
            }
        }
        for p in &mut people {
            p.roles.sort_by_key(|r| r.from);
            // After the last role: a former official of the last country served.
            if let Some(last) = p.roles.iter().rev().find(|r| r.actor.country.is_some()) {
                let c = last.actor.country.clone();
                let id = last.actor.id.clone();
                p.after = actor(
                    &id,
                    &p.name,
                    c.as_ref().map(|c| format!("{c}ELI")),
                    c,
                    Some("ELI".into()),
                );
                if let Some(first) = p.roles.first().and_then(|r| r.actor.country.clone()) {
                    p.before = actor(&id, &p.name, Some(first.clone()), Some(first), None);
                }
            }
        }

        // A title that stands before one name is never another row's made-up
        // plural ("Mrs" is no plural of "Mr").
        let listed: HashMap<String, usize> = raw
            .sectors
            .iter()
            .enumerate()
            .filter(|(_, row)| row.title)
            .flat_map(|(i, row)| row.words.iter().map(move |w| (phrase_key(w).0, i)))
            .collect();
        let mut sectors = Vec::new();
        for (i, row) in raw.sectors.iter().enumerate() {
            sectors.push(Sector {
                sector: row.sector.clone(),
                kind: row.kind.clone(),
                gender: row.gender,
                priority: row.priority,
                owner_preps: row.owner_preps.clone(),
                title: row.title,
            });
            let idx = (sectors.len() - 1) as u32;
            for w in &row.words {
                add(
                    w,
                    Target::Sector {
                        row: idx,
                        plural: false,
                    },
                );
                let plural = plural_of(w);
                if matches!(row.kind.as_str(), "person" | "group")
                    && listed.get(&phrase_key(&plural).0).is_none_or(|&r| r == i)
                {
                    add(
                        &plural,
                        Target::Sector {
                            row: idx,
                            plural: true,
                        },
                    );
                }
            }
        }

        let mut patterns: Vec<String> = vec![String::new(); keys.len()];
        for (k, &i) in &by_key {
            patterns[i as usize] = format!("{k} ");
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(&patterns)
            .map_err(|e| ActorError::Build(e.to_string()))?;

        Ok(ActorKb {
            countries,
            orgs,
            people,
            sectors,
            first_names: raw
                .first_names
                .iter()
                .map(|(n, g)| (norm::token(n), *g))
                .collect(),
            pronouns: raw
                .pronouns
                .iter()
                .map(|p| (p.word.clone(), p.clone()))
                .collect(),
            stop_names: raw.stop_names.iter().map(|w| norm::token(w)).collect(),
            determiners: raw.determiners.iter().cloned().collect(),
            connectors: raw.connectors.iter().map(|w| norm::token(w)).collect(),
            locatives: raw.locatives.iter().map(|w| norm::token(w)).collect(),
            cues: {
                let mut cues: HashMap<String, HashSet<String>> = HashMap::new();
                for (name, words) in &raw.cues {
                    cues.entry(name.clone())
                        .or_default()
                        .extend(words.iter().map(|w| norm::token(w)));
                }
                cues
            },
            country_by_iso,
            keys,
            by_key,
            automaton,
        })
    }

    /// The longest alias starting at byte `start` of the haystack (which ends
    /// every unit with a space) whose capitalisation fits the text, as
    /// (end byte in the haystack, number of units, targets).
    pub(crate) fn match_at(
        &self,
        hay: &str,
        start: usize,
        mut end: usize,
        fits: impl Fn(usize, bool, bool) -> bool,
    ) -> Option<(usize, Vec<Target>)> {
        // Retry with a shorter window when the longest alias is ruled out by case.
        loop {
            let input = Input::new(hay).range(start..end).anchored(Anchored::Yes);
            let m = self.automaton.find(input)?;
            let hits = &self.keys[m.pattern().as_usize()];
            let targets: Vec<Target> = hits
                .iter()
                .filter(|h| {
                    h.case.iter().enumerate().all(|(k, c)| match c {
                        Case::Any => true,
                        Case::Capitalised => fits(k, true, false),
                        Case::AllCaps => fits(k, false, true),
                    })
                })
                .map(|h| h.target)
                .collect();
            let units = hay[m.start()..m.end()].matches(' ').count();
            if !targets.is_empty() {
                return Some((units, targets));
            }
            if units <= 1 {
                return None;
            }
            // Cut the window just before the last unit of this match.
            let inner = &hay[m.start()..m.end() - 1];
            end = m.start() + inner.rfind(' ')? + 1;
        }
    }

    /// Every target of an exact alias (normalised), whatever the case.
    pub(crate) fn targets_of(&self, name: &str) -> Vec<Target> {
        let (key, _) = phrase_key(name);
        self.by_key
            .get(&key)
            .map(|&k| self.keys[k as usize].iter().map(|h| h.target).collect())
            .unwrap_or_default()
    }

    /// The actor a person is on a date: the role held then, a former official
    /// after all roles ended, the latest role when no date is given.
    pub(crate) fn person_on(&self, p: u32, on: Option<NaiveDate>) -> Arc<Actor> {
        let person = &self.people[p as usize];
        let Some(day) = on else {
            let open = person.roles.iter().rev().find(|r| r.to.is_none());
            return open
                .or(person.roles.last())
                .map(|r| r.actor.clone())
                .unwrap_or_else(|| person.before.clone());
        };
        let active = person
            .roles
            .iter()
            .rev()
            .find(|r| r.from.is_none_or(|f| f <= day) && r.to.is_none_or(|t| day <= t));
        if let Some(r) = active {
            return r.actor.clone();
        }
        if person.roles.iter().any(|r| r.to.is_some_and(|t| t < day)) {
            return person.after.clone();
        }
        person.before.clone()
    }

    /// The actor a dictionary target stands for on its own (no context).
    pub(crate) fn target_actor(&self, t: Target, on: Option<NaiveDate>) -> Option<Arc<Actor>> {
        match t {
            Target::Country(c) => Some(self.countries[c as usize].actor.clone()),
            Target::Adjective(c) => Some(self.countries[c as usize].actor.clone()),
            Target::Capital(c) | Target::Seat(c) => {
                Some(self.countries[c as usize].government.clone())
            }
            Target::Org(o) => Some(self.orgs[o as usize].actor.clone()),
            Target::Person(p) => Some(self.person_on(p, on)),
            Target::Sector { .. } => None,
        }
    }

    /// The first organisation with this exact code ("IGOUNO" → the United Nations).
    pub(crate) fn org_by_code(&self, code: &str) -> Option<&Actor> {
        self.orgs
            .iter()
            .map(|o| o.actor.as_ref())
            .find(|a| a.code.as_deref() == Some(code))
    }

    /// Whether the normalised `word` is in the cue list `list` (`[cues]` in words.tsv).
    pub(crate) fn cue(&self, list: &str, word: &str) -> bool {
        self.cues.get(list).is_some_and(|l| l.contains(word))
    }

    pub(crate) fn country_actor(&self, iso: &str) -> Option<&Country> {
        self.country_by_iso
            .get(iso)
            .map(|&i| &self.countries[i as usize])
    }

    /// Number of actors of each table, for reports.
    pub fn sizes(&self) -> (usize, usize, usize, usize) {
        (
            self.countries.len(),
            self.orgs.len(),
            self.people.len(),
            self.sectors.len(),
        )
    }
}

static EMBEDDED_KB: OnceLock<ActorKb> = OnceLock::new();

pub(crate) fn embedded() -> &'static ActorKb {
    EMBEDDED_KB.get_or_init(|| {
        let raw = embedded_raw().expect("embedded actor data parse (checked by tests)");
        ActorKb::build(&raw).expect("embedded actor data compile (checked by tests)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code in the embedded data starts with a known country or an
    /// organisation block and ends with a known sector; every role's dates are ordered.
    #[test]
    fn embedded_data_is_consistent() {
        let raw = embedded_raw().expect("embedded data parses");
        let kb = ActorKb::build(&raw).expect("embedded data compiles");
        let blocks = ["IGO", "NGO", "EUR", "IMG"];
        let check = |code: &str, what: &str| {
            if code == "-" || code.is_empty() {
                return;
            }
            let head = &code[..3.min(code.len())];
            assert!(
                kb.country_by_iso.contains_key(head) || blocks.contains(&head),
                "{what}: unknown block in {code}"
            );
            let rest = &code[3.min(code.len())..];
            for part in rest.as_bytes().chunks(3) {
                let part = std::str::from_utf8(part).unwrap_or("");
                assert!(
                    SECTORS.contains(&part) || ["UNO", "AMN", "IRC", "GRP"].contains(&part),
                    "{what}: unknown sector {part} in {code}"
                );
            }
        };
        for p in &raw.people {
            check(&p.code, &p.name);
            if let (Some(f), Some(t)) = (p.from, p.to) {
                assert!(f <= t, "{}: role ends before it starts", p.name);
            }
        }
        for o in &raw.organisations {
            check(&o.code, &o.name);
        }
        for s in &raw.sectors {
            if let Some(sec) = &s.sector {
                assert!(
                    SECTORS.contains(&sec.as_str()) || ["NGO"].contains(&sec.as_str()),
                    "sector {sec}"
                );
            }
        }
        let (countries, orgs, people, _) = kb.sizes();
        assert!(countries >= 193, "{countries} countries");
        assert!(
            orgs > 100 && people > 400,
            "{orgs} organisations, {people} people"
        );
    }
}
