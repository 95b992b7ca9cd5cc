//! Finding actor mentions: dictionary matches first, then small phrase rules
//! around them and around capitalised words (titles, possessives, country
//! adjectives, sector words, appositions, "X of/for/to Y" owners).

mod coding;
mod document;
mod items;
mod phrase;

use std::sync::Arc;

use chrono::NaiveDate;
use demarche_model::{Actor, Document, Entity, EntityKind, Span};

use crate::data::Gender;
use crate::kb::{slug, ActorKb, Target};
use crate::units::Units;

use coding::{built_actor, code_of, coding, Coding};
pub use items::dictionary_matches;
use items::*;
use phrase::{named_target, parse_at, Phrase};

/// A candidate mention before coreference.
#[derive(Clone, Debug)]
pub struct Cand {
    /// Unit range of the name (or of the whole mention when it has no name).
    pub a: usize,
    pub b: usize,
    /// First unit of the entity span: a title right before a name is part of
    /// the mention ("Hungarian Prime Minister Viktor Orban"), `a` is where the name starts.
    pub lead: usize,
    pub kind: EntityKind,
    pub actor: Option<Arc<Actor>>,
    pub gender: Gender,
    pub plural: bool,
    pub chain: Option<u32>,
    /// A proper name (not a role nominal such as "the Russian minister").
    pub named: bool,
    /// Found in the knowledge base (its actor is authoritative).
    pub known: bool,
    /// "the …": a definite role nominal that may point back.
    pub definite: bool,
    /// Sector rows that describe it here ("spokeswoman", "foreign minister").
    pub rows: Vec<u32>,
    pub sentence: u32,
    /// A role nominal with no country or organisation of its own.
    pub bare: bool,
    /// Coreference gave it an antecedent.
    pub linked: bool,
    /// An unknown name typed by default, for want of any cue: another
    /// mention of the same name in the document may know better.
    pub guessed: bool,
    /// Proper names written inside the mention before its head, as unit
    /// ranges with their kind: the "NATO" of "NATO troops", the "State
    /// Department" of "State Department spokesman Ned Vole".
    pub inner: Vec<(usize, usize, EntityKind)>,
}

impl Cand {
    /// A mention of units `a..b` in `sentence`, before coreference: no
    /// title before it, no chain, not linked.
    fn new(
        (a, b): (usize, usize),
        kind: EntityKind,
        actor: Option<Arc<Actor>>,
        gender: Gender,
        rows: Vec<u32>,
        sentence: u32,
    ) -> Cand {
        Cand {
            a,
            b,
            lead: a,
            kind,
            actor,
            gender,
            plural: false,
            chain: None,
            named: true,
            known: false,
            definite: false,
            rows,
            sentence,
            bare: false,
            linked: false,
            guessed: false,
            inner: Vec::new(),
        }
    }

    pub fn span(&self, units: &Units) -> Span {
        Span {
            start: units.units[self.lead.min(self.a)].span.start,
            end: units.units[self.b - 1].span.end,
        }
    }

    pub fn to_entity(&self, units: &Units) -> Entity {
        Entity {
            span: self.span(units),
            kind: self.kind,
            actor: self.actor.clone(),
            chain: self.chain,
        }
    }
}

/// Words around an unknown name that make it a person: a kinship or team
/// role right before it ("his wife Naina", "striker Les Ferdinand"), an age
/// after it ("Duran, 45,"), a reporting verb after a single word ("Frater said").
fn person_context(units: &Units, kb: &ActorKb, a: usize, b: usize) -> bool {
    let word = |i: usize| (i < units.len()).then(|| units.norm_of(i));
    let before = a > 0 && word(a - 1).is_some_and(|w| kb.cue("person_before", w));
    let age = word(b) == Some(",")
        && units
            .units
            .get(b + 1)
            .is_some_and(|u| u.kind == demarche_model::TokenKind::Number)
        && units.norm_of(b + 1).len() <= 2
        && matches!(word(b + 2), Some(",") | Some(")"));
    let speaks = b == a + 1 && word(b).is_some_and(|w| kb.cue("reporting", w));
    // '" …," said Tarvo.': a reporting verb between a closing quote and the name.
    let quoted = b == a + 1
        && a >= 2
        && word(a - 1).is_some_and(|w| matches!(w, "said" | "says"))
        && units.units[a - 2].kind == demarche_model::TokenKind::Quote
        && word(b).is_none_or(|w| matches!(w, "." | "," | ";"));
    before || age || speaks || quoted
}

/// "Harlow Square", "Pell Islands": a name of two words or more ending in a
/// place word; "the Tarvek mountains", "Sorn province": a name right before
/// a lower-case place noun (`place_head` and `place_after` in words.tsv).
fn place_words(units: &Units, kb: &ActorKb, a: usize, b: usize) -> bool {
    let head = b - a >= 2
        && units.units[b - 1].cap
        && kb.cue("place_head", units.norm_of(b - 1))
        && !kb.first_names.contains_key(units.norm_of(a));
    let after = units.units.get(b).is_some_and(|u| {
        u.kind == demarche_model::TokenKind::Word
            && !u.cap
            && u.sentence == units.units[a].sentence
            && kb.cue("place_after", units.norm_of(b))
    });
    head || after
}

/// Words around an unknown name that make it an organisation: an
/// organisation noun right before it ("the newspaper Gazeta Nova", "the
/// firm Multico"), or a verb only news outlets use after it ("Tanpress
/// quoted the minister as saying"): `org_before` and `org_verb` in words.tsv.
fn org_context(units: &Units, kb: &ActorKb, a: usize, b: usize) -> bool {
    let before = a > 0 && !units.units[a - 1].cap && kb.cue("org_before", units.norm_of(a - 1));
    let verb = b < units.len() && kb.cue("org_verb", units.norm_of(b));
    before || verb
}

/// "the town of Uyo", "the village of Layron": a place noun and "of" before a name.
fn place_noun_before(units: &Units, kb: &ActorKb, a: usize) -> bool {
    a >= 2 && units.norm_of(a - 1) == "of" && kb.cue("place_noun", units.norm_of(a - 2))
}

/// Words right before a name that make it a place ("in Geneva").
fn locative_before(units: &Units, kb: &ActorKb, a: usize) -> bool {
    a > 0 && kb.locatives.contains(units.norm_of(a - 1))
}

pub fn candidates(doc: &Document, units: &Units, kb: &ActorKb) -> Vec<Cand> {
    let on = doc.published;
    let items = items(doc, units, kb);
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut p = 0;
    while p < items.len() {
        match parse_at(&items, units, kb, p, 0) {
            Some(ph) => {
                p = ph.owner_start.unwrap_or(ph.end).max(p + 1);
                phrases.push(ph);
            }
            None => p += 1,
        }
    }
    let mut out: Vec<Cand> = Vec::with_capacity(phrases.len());
    let mut k = 0;
    while k < phrases.len() {
        let ph = &phrases[k];
        // Apposition: "Name, a/the … role …," gives the name its role;
        // "the Kremlin's spokesman, Dmitry Peskov," likewise.
        let next = phrases.get(k + 1);
        let comma_between = |x: &Phrase, y: &Phrase| {
            x.end + 1 == y.start && matches!(items[x.end].what, What::Comma)
        };
        let role_only = |x: &Phrase| {
            x.name.is_none() && !x.sectors.is_empty() && !x.sectors.iter().any(|s| s.2)
        };
        let mut extra: Option<&Phrase> = None;
        let mut skip_next = false;
        if let Some(n) = next {
            if ph.name.is_some()
                && ph.sectors.is_empty()
                && ph.anchor.is_none()
                && role_only(n)
                && comma_between(ph, n)
            {
                extra = Some(n);
                skip_next = true;
            } else if role_only(ph)
                && n.name.is_some()
                && n.sectors.is_empty()
                && comma_between(ph, n)
            {
                // Emit the name with the nominal's role; drop the nominal itself.
                let c = coding(kb, ph, on);
                if let Some(cand) = cand_for(doc, units, kb, &items, n, Some(c), on) {
                    out.push(cand);
                }
                k += 2;
                continue;
            }
        }
        let ctx = extra.map(|e| coding(kb, e, on));
        if let Some(cand) = cand_for(doc, units, kb, &items, ph, ctx, on) {
            out.push(cand);
        }
        k += if skip_next { 2 } else { 1 };
    }
    document::refine(doc, units, kb, &mut out);
    out
}

fn cand_for(
    doc: &Document,
    units: &Units,
    kb: &ActorKb,
    items: &[Item],
    ph: &Phrase,
    extra: Option<Coding>,
    on: Option<NaiveDate>,
) -> Option<Cand> {
    let mut cand = mention_of(doc, units, kb, items, ph, extra, on)?;
    if cand.kind == EntityKind::Person {
        if let Some(first) = title_before_name(kb, ph) {
            cand.lead = items[first].a;
            cand.inner = inner_names(units, kb, items, ph);
        }
    }
    Some(cand)
}

/// The proper names a phrase carries before its head: a named anchor
/// ("U.S. envoy", "NATO troops"; not an adjective such as "Iranian"), an
/// unknown place before role words ("Liege police"), and capitalised
/// organisation words ("Foreign Ministry spokesman").
fn inner_names(
    units: &Units,
    kb: &ActorKb,
    items: &[Item],
    ph: &Phrase,
) -> Vec<(usize, usize, EntityKind)> {
    let mut out = Vec::new();
    let cap = |i: usize| (items[i].a..items[i].b).all(|u| units.units[u].cap);
    if let Some((i, _)) = ph.anchor {
        if let What::Dict(ts) = &items[i].what {
            let kind = named_target(ts).and_then(|t| match t {
                Target::Person(_) => Some(EntityKind::Person),
                Target::Country(_) => Some(EntityKind::Country),
                Target::Capital(_) => Some(EntityKind::Place),
                Target::Org(o) => Some(kb.orgs[o as usize].kind),
                Target::Seat(_) => Some(EntityKind::Organization),
                _ => None,
            });
            if let Some(kind) = kind.filter(|_| cap(i)) {
                out.push((items[i].a, items[i].b, kind));
            }
        }
    } else if let (Some(q), Some(&(first, _, _))) = (ph.place, ph.sectors.first()) {
        if q < first && (q..first).all(cap) {
            // "Liege police" names a town; "KDP fighters", "Freedom Front
            // party" name an organisation.
            let (a, b) = (items[q].a, items[first].a);
            let kind = if b - a >= 2 || (a..b).all(|u| units.units[u].all_caps) {
                EntityKind::Organization
            } else {
                EntityKind::Place
            };
            out.push((a, b, kind));
        }
    }
    // A run of capitalised sector words that ends in an organisation word.
    let mut k = 0;
    while k < ph.sectors.len() {
        let mut e = k;
        while e < ph.sectors.len()
            && cap(ph.sectors[e].0)
            && (e == k || ph.sectors[e].0 == ph.sectors[e - 1].0 + 1)
        {
            e += 1;
        }
        if e > k {
            let (last, row, _) = ph.sectors[e - 1];
            let sr = &kb.sectors[row as usize];
            if matches!(sr.kind.as_str(), "organization" | "group")
                && !units.units[items[last].a].heading
            {
                out.push((
                    items[ph.sectors[k].0].a,
                    items[last].b,
                    EntityKind::Organization,
                ));
            }
            k = e;
        } else {
            k += 1;
        }
    }
    out
}

/// "Hungarian Prime Minister Viktor Orban", "Vice-President Ana Ruiz": where a
/// person title written right before the name starts (item index), so that
/// title and name make one mention. It starts at the title's owner or first
/// role word: a determiner or words before them stay out ("in 1992 to topple").
fn title_before_name(kb: &ActorKb, ph: &Phrase) -> Option<usize> {
    let (s, _, _) = ph.name?;
    let &(last, row, _) = ph.sectors.last()?;
    let person_title = kb.sectors[row as usize].kind == "person";
    let first = ph.anchor.map(|(i, _)| i).unwrap_or(ph.sectors[0].0);
    (person_title && last + 1 == s).then_some(first)
}

fn mention_of(
    doc: &Document,
    units: &Units,
    kb: &ActorKb,
    items: &[Item],
    ph: &Phrase,
    extra: Option<Coding>,
    on: Option<NaiveDate>,
) -> Option<Cand> {
    let mut c = coding(kb, ph, on);
    if let Some(x) = extra {
        if c.country.is_none() {
            c.country = x.country;
        }
        if c.whole.is_none() {
            c.whole = x.whole;
        }
        if let Some((s, p)) = x.sector {
            if c.sector.as_ref().is_none_or(|(_, q)| p >= *q) {
                c.sector = Some((s, p));
            }
        }
        if x.gender != Gender::Unknown {
            c.gender = x.gender;
        }
        c.rows.extend(x.rows);
        c.kind = c.kind.or(x.kind);
    }
    let first_unit = |i: usize| items[i].a;
    let last_unit = |i: usize| items[i - 1].b;
    let sentence = |a: usize| units.units[a].sentence;
    if let Some((s, e, known)) = ph.name {
        let (a, b) = (first_unit(s), last_unit(e));
        // "Mrs. Clinton" is not the Bill Clinton the knowledge base lists under
        // "Clinton": a person the title gives another gender is an unknown name.
        let clash = |t: Target| match t {
            Target::Person(p) => {
                let listed = kb.people[p as usize].gender;
                c.gender != Gender::Unknown && listed != Gender::Unknown && c.gender != listed
            }
            _ => false,
        };
        if let Some(t) = known.filter(|&t| !clash(t)) {
            let kb_actor = kb.target_actor(t, on)?;
            let kind = match t {
                Target::Person(_) => EntityKind::Person,
                Target::Country(_) => EntityKind::Country,
                Target::Capital(_) => EntityKind::Place,
                Target::Org(o) => kb.orgs[o as usize].kind,
                _ => EntityKind::Organization,
            };
            let gender = match t {
                Target::Person(p) => kb.people[p as usize].gender,
                _ => Gender::Unknown,
            };
            // A known person with no role yet takes what the context says.
            let actor = if kb_actor.sector.is_none()
                && code_of(&c).is_some()
                && matches!(t, Target::Person(_))
            {
                if c.country.is_none() {
                    c.country = kb_actor.country.clone();
                }
                built_actor(kb_actor.id.clone(), kb_actor.name.clone(), &c)
            } else {
                kb_actor
            };
            let plural = matches!(t, Target::Adjective(_));
            return Some(Cand {
                plural,
                known: true,
                ..Cand::new((a, b), kind, Some(actor), gender, c.rows, sentence(a))
            });
        }
        // An unknown name.
        let single_at_start = b == a + 1 && units.units[a].sentence_start;
        let text = Span {
            start: units.units[a].span.start,
            end: units.units[b - 1].span.end,
        }
        .of(&doc.text);
        let first = units.norm_of(a);
        // A place opening a titled person's name is a first name ("Hamilton").
        let first_name_place = phrase::after_person_title(kb, ph, s);
        // A first name before a place word makes a person ("Anthony Washington").
        let first_name = b - a >= 2 && kb.first_names.contains_key(first);
        let head_org = (s..e).any(|i| {
            is_role(kb, &items[i].what).is_some()
                || (i > s && is_name_head(kb, &items[i].what))
                || (is_place(kb, &items[i].what) && !(i == s && first_name_place) && !first_name)
        });
        // "Douglas & Lomason", "Bank of Tokyo": an ampersand, or "of" inside
        // an untitled name, makes a firm or an institution.
        let head_org = head_org
            || (s + 1..e).any(|i| {
                let w = units.norm_of(items[i].a);
                w == "&" || (w == "of" && !first_name && !first_name_place)
            });
        let mut gender = c.gender;
        if gender == Gender::Unknown {
            gender = kb
                .first_names
                .get(first)
                .copied()
                .unwrap_or(Gender::Unknown);
        }
        let title_person = ph.sectors.iter().any(|&(_, r, _)| {
            kb.sectors[r as usize].kind == "person" && kb.sectors[r as usize].title
        });
        if let Some(row) = ph.named_by {
            let sr = &kb.sectors[row as usize];
            if let Some(sec) = &sr.sector {
                c.sector = Some((sec.clone(), sr.priority));
            }
        }
        let mut guessed = false;
        let kind = if place_words(units, kb, a, b) {
            EntityKind::Place
        } else if head_org || ph.named_by.is_some() || org_context(units, kb, a, b) {
            EntityKind::Organization
        } else if title_person
            || c.kind == Some(EntityKind::Person)
            || kb.first_names.contains_key(first)
            || (b - a >= 2 && is_initial(units, a))
            || person_context(units, kb, a, b)
        {
            EntityKind::Person
        } else if locative_before(units, kb, a) || place_noun_before(units, kb, a) {
            EntityKind::Place
        } else if b - a >= 2 && (a..b).all(|i| !units.units[i].all_caps) {
            guessed = true;
            EntityKind::Person
        } else {
            guessed = true;
            EntityKind::Organization
        };
        if single_at_start
            && !title_person
            && ph.anchor.is_none()
            && ph.named_by.is_none()
            && !person_context(units, kb, a, b)
        {
            // A lone capitalised word opening a sentence: only coreference can make it a name.
            return Some(Cand {
                guessed,
                ..Cand::new((a, b), kind, None, gender, c.rows, sentence(a))
            });
        }
        if head_org {
            // The organisation word inside the name gives its sector.
            for item in &items[s..e] {
                if let Some((row, _)) = is_role(kb, &item.what)
                    .or_else(|| sector_row(kb, &item.what).filter(|_| is_name_head(kb, &item.what)))
                {
                    let sr = &kb.sectors[row as usize];
                    if let Some(sec) = &sr.sector {
                        c.sector = Some((sec.clone(), sr.priority));
                    }
                }
            }
        }
        let actor = built_actor(slug(text), text.to_string(), &c);
        return Some(Cand {
            guessed,
            ..Cand::new((a, b), kind, Some(actor), gender, c.rows, sentence(a))
        });
    }
    // A role nominal: "the Russian Foreign Ministry", "Iranian officials", "the spokeswoman".
    if ph.sectors.is_empty() || c.sector.is_none() {
        return owner_alone(doc, units, kb, items, ph, on);
    }
    let start_item = ph
        .anchor
        .map(|(i, _)| i)
        .or(ph.place)
        .unwrap_or(ph.sectors[0].0);
    let end_item = ph.sectors.last().map(|s| s.0 + 1).unwrap_or(start_item + 1);
    let (a, b) = (first_unit(start_item), last_unit(end_item));
    // The role words as written (singular and plural kept apart: "official" ≠ "officials"
    // is fine, both name the same kind of actor in one chain only when the words agree).
    let words = ph
        .sectors
        .iter()
        .map(|&(i, _, _)| {
            (items[i].a..items[i].b)
                .map(|u| units.norm_of(u))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join(" ");
    let who = c.country.as_deref().or(c.whole.as_deref()).unwrap_or("");
    let id = if who.is_empty() {
        slug(&words)
    } else {
        format!("{}-{}", who.to_lowercase(), slug(&words))
    };
    let name = match c.country.as_deref().and_then(|cc| kb.country_actor(cc)) {
        Some(country) => format!("{} {}", country.actor.name, words),
        None => match c.whole.as_deref().and_then(|w| kb.org_by_code(w)) {
            Some(org) => format!("{} {}", org.name, words),
            None => words.clone(),
        },
    };
    // Without a country or organisation, only what coreference can resolve
    // ("the spokeswoman") or a clearly typed group ("rebels", "protesters") is kept.
    let bare = c.country.is_none() && c.whole.is_none() && ph.place.is_none();
    let definite = ph.det == Some(true) || ph.poss;
    let strong = c.sector.as_ref().is_some_and(|(_, p)| *p >= 3);
    let may_point_back = definite
        && !c.plural
        && matches!(
            c.kind,
            Some(EntityKind::Person) | Some(EntityKind::Organization)
        );
    if bare && !may_point_back && !(c.plural && strong) {
        return None;
    }
    let kind = match c.kind {
        Some(EntityKind::Person) if c.plural => EntityKind::Group,
        Some(k) => k,
        None => EntityKind::Group,
    };
    let actor = built_actor(id, name, &c);
    Some(Cand {
        plural: c.plural,
        named: false,
        definite,
        bare,
        inner: inner_names(units, kb, items, ph),
        ..Cand::new((a, b), kind, Some(actor), c.gender, c.rows, sentence(a))
    })
}

/// "Iran's drone strikes", "Netanyahu's office": an owner with no role after
/// it is an entity of its own, as the dictionaries type it.
fn owner_alone(
    doc: &Document,
    units: &Units,
    kb: &ActorKb,
    items: &[Item],
    ph: &Phrase,
    on: Option<NaiveDate>,
) -> Option<Cand> {
    let (i, _) = ph.anchor?;
    let What::Dict(ts) = &items[i].what else {
        return None;
    };
    let t = named_target(ts).filter(|t| !matches!(t, Target::Adjective(_)))?;
    let alone = Phrase {
        start: i,
        end: i + 1,
        name: Some((i, i + 1, Some(t))),
        ..Default::default()
    };
    cand_for(doc, units, kb, items, &alone, None, on)
}

pub fn resolve_phrase(kb: &ActorKb, phrase: &str, on: Option<NaiveDate>) -> Option<Arc<Actor>> {
    let mut doc = Document::new("phrase", phrase.to_string());
    doc.published = on;
    let a = crate::analysis::Analysis::run(&doc, kb);
    // The phrase's head: an entity with a sector if there is one ("Russia FSB"), else the longest.
    let head = a
        .entities
        .into_iter()
        .filter(|e| e.actor.is_some())
        .max_by_key(|e| {
            (
                e.actor.as_ref().is_some_and(|x| x.sector.is_some()),
                e.span.len(),
            )
        })
        .and_then(|e| e.actor);
    head.or_else(|| words_alone(kb, &a.units))
}

/// A phrase with no entity ("soldiers", "a disgraced former minister",
/// "British"): its strongest sector word, or the country of its demonym.
fn words_alone(kb: &ActorKb, units: &Units) -> Option<Arc<Actor>> {
    let mut c = Coding::empty();
    let mut former = false;
    for (_, _, targets) in dictionary_matches(units, kb) {
        for t in targets {
            match t {
                Target::Sector { row, .. } => {
                    let s = &kb.sectors[row as usize];
                    if s.kind == "modifier" {
                        former |= s.sector.as_deref() == Some("ELI");
                    } else if let Some(sec) = &s.sector {
                        if c.sector.as_ref().is_none_or(|(_, p)| s.priority >= *p) {
                            c.sector = Some((sec.clone(), s.priority));
                        }
                    }
                }
                Target::Adjective(i) | Target::Country(i) => {
                    c.country = Some(kb.countries[i as usize].iso3.clone())
                }
                _ => {}
            }
        }
    }
    if former {
        if let Some((s, _)) = &mut c.sector {
            if matches!(
                s.as_str(),
                "GOV" | "MIL" | "LEG" | "JUD" | "COP" | "SPY" | "PTY"
            ) {
                *s = "ELI".into();
            }
        }
    }
    code_of(&c)?;
    let name = c
        .sector
        .as_ref()
        .map(|s| s.0.clone())
        .or(c.country.clone())
        .unwrap_or_default();
    Some(built_actor(slug(&name), name, &c))
}
