//! Following actors through the document: surnames and partial names, role
//! nominals ("the Russian minister", "the spokeswoman") and pronouns, by
//! rules over agreement (gender, number, animacy), recency and position.

use foldhash::{HashMap, HashMapExt};
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use demarche_model::{Document, EntityKind, Mention, Span};

use crate::analysis::Analysis;
use crate::data::Gender;
use crate::kb::{ActorKb, Target};
use crate::recognise::Cand;
use crate::units::Units;

/// How far back (in sentences) a role nominal looks for the person it names.
const NOMINAL_WINDOW: u32 = 12;
/// How far back (in sentences) a pronoun looks.
const PRONOUN_WINDOW: u32 = 4;
/// How many earlier pronouns a pronoun may follow back to the name they share.
const PRONOUN_HOPS: u32 = 8;
/// How far back (in sentences) a pronoun looks for an earlier one of the same person
/// and gender, when no name fits in its own window (quotations and captions between).
const CHAIN_WINDOW: u32 = 8;

fn compatible_gender(a: Gender, b: Gender) -> bool {
    a == Gender::Unknown || b == Gender::Unknown || a == b
}

/// How `c` shortens `d`'s name, if it does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Short {
    /// The last words ("Putin" for "Vladimir Putin").
    Last,
    /// The first words ("Amnesty" for "Amnesty International", "Jayme" for "Jayme Closs").
    First,
}

/// Is `c` a shortened form of `d`: its words are the last (or first) words of `d`'s
/// name? A person is shortened to the first word only ("Jayme", as features and
/// reports on children name them).
fn shortens(units: &Units, c: &Cand, d: &Cand) -> Option<Short> {
    let (n, m) = (c.b - c.a, d.b - d.a);
    if n >= m {
        return None;
    }
    let same = |i: usize, j: usize| units.norm_of(i) == units.norm_of(j);
    if (0..n).all(|k| same(c.a + k, d.b - n + k)) {
        return Some(Short::Last);
    }
    let first = (d.kind != EntityKind::Person || n == 1) && (0..n).all(|k| same(c.a + k, d.a + k));
    first.then_some(Short::First)
}

/// Links surnames and role nominals to the actor they stand for, drops
/// names nothing could type, and numbers the chains.
pub fn link(units: &Units, kb: &ActorKb, cands: &mut Vec<Cand>) {
    // Named candidates with an actor, by each word of their name (in document
    // order), so a partial name only looks at the names that hold its first
    // word: the cost stays linear on long documents.
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::new();
    // The title words each person was introduced with here ("Attorney General").
    let mut titles: HashMap<String, Vec<&str>> = HashMap::new();
    for i in 0..cands.len() {
        let (before, rest) = cands.split_at_mut(i);
        let c = &mut rest[0];
        // A known one-word name ("Clinton", listed for Bill Clinton) stands for a person
        // the document named in full before ("Hillary Clinton … Clinton said").
        let listed_surname = c.known && c.kind == EntityKind::Person && c.b == c.a + 1;
        if c.named && (!c.known || listed_surname) && c.a < c.b {
            // Earlier names holding this word, latest first.
            let earlier: Vec<&Cand> = by_word
                .get(units.norm_of(c.a))
                .into_iter()
                .flat_map(|ids| ids.iter().rev())
                .map(|&j| &before[j])
                .collect();
            let matches: Vec<(&Cand, Short)> = earlier
                .iter()
                .filter_map(|&d| shortens(units, c, d).map(|how| (d, how)))
                .collect();
            let first_name =
                |(d, how): &(&Cand, Short)| *how == Short::First && d.kind == EntityKind::Person;
            let id = |x: &Cand| x.actor.as_ref().map(|a| a.id.clone());
            // The gender a listed name says is the listing's; only a title before it
            // ("Mr. Clinton") says which of the two the text means.
            let titled = if c.lead < c.a {
                c.gender
            } else {
                Gender::Unknown
            };
            let other_person = |(d, how): &&(&Cand, Short)| {
                *how == Short::Last
                    && d.kind == EntityKind::Person
                    && compatible_gender(titled, d.gender)
                    && id(d) != id(c)
            };
            // The same word read earlier as another person ("Mrs. Clinton … Clinton").
            let read_otherwise = || {
                earlier.iter().copied().find(|d| {
                    d.b == d.a + 1
                        && !d.known
                        && d.kind == EntityKind::Person
                        && compatible_gender(titled, d.gender)
                })
            };
            if listed_surname {
                let found = matches.iter().find(other_person).map(|(d, _)| *d);
                if let Some(d) = found.or_else(read_otherwise) {
                    c.actor = d.actor.clone();
                    c.linked = true;
                    c.gender = d.gender;
                }
            } else if let Some((d, how)) = matches
                .iter()
                // A surname ("Warren" for Elizabeth Warren) before a first name ("Warren"
                // for Warren Buffett); a first name alone stands for a person only when
                // no other person of that first name came before ("John" after John Reed
                // and John Hale: nobody).
                .find(|m| !first_name(m))
                .or_else(|| {
                    let (d, _) = matches.first()?;
                    matches
                        .iter()
                        .all(|(e, _)| id(e) == id(d))
                        .then(|| &matches[0])
                })
            {
                c.actor = d.actor.clone();
                c.kind = d.kind;
                c.linked = true;
                // A surname that is also a first name ("Jamil" for Nadia Jamil) says
                // nothing of the gender; a title before it ("Mr. Jamil") does.
                let untitled_surname = *how == Short::Last && c.lead == c.a;
                if c.gender == Gender::Unknown || untitled_surname {
                    c.gender = d.gender;
                }
            }
        } else if !c.named && c.definite && c.kind == EntityKind::Person && !c.plural {
            let own = c.actor.clone();
            let head = units.norm_of(c.b - 1);
            let best = before
                .iter()
                .rev()
                .take_while(|d| c.sentence.saturating_sub(d.sentence) <= NOMINAL_WINDOW)
                .filter(|d| d.named && d.kind == EntityKind::Person && d.actor.is_some())
                .filter(|d| compatible_gender(c.gender, d.gender))
                // "the prime minister" is not the one introduced as "Attorney General
                // Jody Wilson-Raybould": a person titled here is only the role whose
                // head word their title holds ("the minister" → "Foreign Minister X").
                .filter(|d| {
                    let id = d.actor.as_ref().map(|a| a.id.as_str()).unwrap_or_default();
                    titles.get(id).is_none_or(|words| words.contains(&head))
                })
                .filter(|d| {
                    let (Some(x), Some(y)) = (&own, &d.actor) else {
                        return false;
                    };
                    let same_country = x.country.is_none() || x.country == y.country;
                    let same_sector =
                        x.sector.is_none() || y.sector.is_none() || x.sector == y.sector;
                    same_country
                        && same_sector
                        && (x.country.is_some()
                            || c.rows.iter().any(|r| d.rows.contains(r))
                            || y.sector.is_some())
                })
                .max_by_key(|d| (c.rows.iter().any(|r| d.rows.contains(r)), d.a));
            if let Some(d) = best {
                c.actor = d.actor.clone();
                c.gender = d.gender;
                c.linked = true;
            }
        } else if !c.named && c.definite && c.bare && c.kind == EntityKind::Organization {
            // "the ministry", "the government": the nearest organisation of the same sector.
            let sector = c.actor.as_ref().and_then(|a| a.sector.clone());
            let best = before
                .iter()
                .rev()
                .take_while(|d| c.sentence.saturating_sub(d.sentence) <= NOMINAL_WINDOW)
                .filter(|d| matches!(d.kind, EntityKind::Organization) && !d.bare)
                .find(|d| {
                    d.actor.as_ref().is_some_and(|a| {
                        a.sector == sector && (a.country.is_some() || a.code.is_some())
                    })
                });
            if let Some(d) = best {
                c.actor = d.actor.clone();
                c.linked = true;
            }
        }
        if let Some(a) = c.actor.as_ref().filter(|_| c.named && c.lead < c.a) {
            let words = titles.entry(a.id.clone()).or_default();
            words.extend((c.lead..c.a).map(|u| units.norm_of(u)));
        }
        if c.named && c.actor.is_some() && c.a < c.b {
            for u in c.a..c.b {
                let ids = by_word.entry(units.norm_of(u)).or_default();
                // A name repeating a word is listed once.
                if ids.last() != Some(&i) {
                    ids.push(i);
                }
            }
        }
    }
    // A bare role nominal ("the envoy") that found nobody says nothing.
    cands.retain(|c| c.actor.is_some() && (!c.bare || c.linked));
    // A known person keeps, in the whole document, the best coding the text
    // gave them once ("Iran's Foreign Minister Abbas Araghchi" → later "Araghchi").
    let mut best: HashMap<String, std::sync::Arc<demarche_model::Actor>> = HashMap::new();
    for c in cands
        .iter()
        .filter(|c| c.known && c.kind == EntityKind::Person)
    {
        if let Some(a) = &c.actor {
            let e = best.entry(a.id.clone()).or_insert_with(|| a.clone());
            if e.sector.is_none() && a.sector.is_some() {
                *e = a.clone();
            }
        }
    }
    for c in cands.iter_mut().filter(|c| c.kind == EntityKind::Person) {
        if let Some(a) = &c.actor {
            if let Some(b) = best.get(&a.id) {
                if a.sector.is_none() && b.sector.is_some() {
                    c.actor = Some(b.clone());
                }
            }
        }
    }
    infer_genders(units, kb, cands);
    let mut chains: HashMap<String, u32> = HashMap::new();
    for c in cands.iter_mut() {
        if let Some(a) = &c.actor {
            let next = chains.len() as u32;
            c.chain = Some(*chains.entry(a.id.clone()).or_insert(next));
        }
    }
}

thread_local! {
    /// The analysis of the last document asked about, so that many
    /// `resolve_at` calls on one document cost one analysis.
    static LAST: RefCell<Option<(u64, Rc<Analysis>)>> = const { RefCell::new(None) };
}

fn analysis_of(doc: &Document, kb: &ActorKb) -> Rc<Analysis> {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text_fingerprint(&doc.text, &mut h);
    doc.published.hash(&mut h);
    doc.tokens.len().hash(&mut h);
    (kb as *const ActorKb as usize).hash(&mut h);
    let key = h.finish();
    LAST.with(|last| {
        if let Some((k, a)) = &*last.borrow() {
            if *k == key {
                return a.clone();
            }
        }
        let a = Rc::new(Analysis::run(doc, kb));
        *last.borrow_mut() = Some((key, a.clone()));
        a
    })
}

/// Hashes a text by its length, its address and up to 64 evenly spaced
/// slices of it: enough to tell two documents apart, at a cost that does not
/// grow with the text (hashing a long text whole on every lookup was quadratic).
fn text_fingerprint(text: &str, h: &mut impl Hasher) {
    const SAMPLES: usize = 64;
    const WIDTH: usize = 16;
    let bytes = text.as_bytes();
    bytes.len().hash(h);
    (bytes.as_ptr() as usize).hash(h);
    if bytes.len() <= SAMPLES * WIDTH {
        bytes.hash(h);
        return;
    }
    let step = (bytes.len() - WIDTH) / (SAMPLES - 1);
    for k in 0..SAMPLES {
        bytes[k * step..k * step + WIDTH].hash(h);
    }
}

/// The doc entity at the same place as candidate `c` (the caller's entities
/// are the truth; the analysis is only re-derived for agreement features).
fn entity_index(doc: &Document, units: &Units, c: &Cand) -> Option<usize> {
    let span = c.span(units);
    // Entities are in text order: look only among those starting where `c` does.
    let first = doc.entities.partition_point(|e| e.span.start < span.start);
    doc.entities[first..]
        .iter()
        .take_while(|e| e.span.start == span.start)
        .position(|e| e.span == span)
        .map(|k| first + k)
        .or_else(|| crate::entity_at(doc, span))
}

/// A person entity that is only the first words of a longer name in `span`
/// ("Morgan" of "Morgan Tate"): another person.
fn part_of_longer_name(doc: &Document, span: Span, e: usize) -> bool {
    let Some(ent) = doc.entities.get(e) else {
        return false;
    };
    if ent.kind != EntityKind::Person || ent.span.end >= span.end || ent.span.start < span.start {
        return false;
    }
    let rest = &doc.text[ent.span.end as usize..span.end as usize];
    rest.starts_with(' ')
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
}

fn mention_for(doc: &Document, span: Span, entity: usize) -> Option<Mention> {
    let actor = doc.entities.get(entity)?.actor.as_ref()?;
    Some(Mention {
        span,
        name: Some(actor.name.clone()),
        code: actor.code.clone(),
        entity: Some(entity as u32),
    })
}

/// The person or body a pronoun `p` at `span` stands for: the subject (else the first
/// fitting mention) of the nearest sentence, within the window, naming one. Past the
/// window, an earlier pronoun of the same person and gender carries the chain on
/// ("Wendy Golden now lives … She used to … she urged police … she says"), at most
/// `hops` times.
fn pronoun_at(
    doc: &Document,
    kb: &ActorKb,
    span: Span,
    p: &crate::data::PronounRow,
    hops: u32,
) -> Option<Mention> {
    let analysis = analysis_of(doc, kb);
    let units = &analysis.units;
    let here = units.at_or_after(span.start);
    let sentence = units.units.get(here).map(|u| u.sentence).unwrap_or(0);
    let ok = |c: &Cand| -> bool {
        match p.animacy.as_str() {
            "person" => {
                c.kind == EntityKind::Person
                    && !c.plural
                    && compatible_gender(p.gender, c.gender)
                    // Through a chain of pronouns, only a person the text shows of
                    // that gender.
                    && (hops == PRONOUN_HOPS || c.gender == p.gender)
            }
            "thing" => {
                matches!(
                    c.kind,
                    EntityKind::Organization | EntityKind::Country | EntityKind::Group
                ) && !c.plural
            }
            _ => {
                if p.plural {
                    c.plural
                        || matches!(
                            c.kind,
                            EntityKind::Organization | EntityKind::Country | EntityKind::Group
                        )
                } else {
                    true
                }
            }
        }
    };
    for back in 0..=PRONOUN_WINDOW {
        let Some(s) = sentence.checked_sub(back) else {
            break;
        };
        // The subject of the nearest sentence with a fitting mention (from the
        // parse when there is one), else its first fitting mention.
        let fitting: Vec<&Cand> = analysis
            .in_sentence(s)
            .filter(|c| c.b <= here && ok(c) && !doc.in_parentheses(c.span(units)))
            .collect();
        let pick = fitting
            .iter()
            .find(|c| is_subject(doc, c.span(units)) == Some(true))
            .or(fitting.first())
            .copied();
        if let Some(c) = pick {
            return entity_index(doc, units, c).and_then(|e| mention_for(doc, span, e));
        }
    }
    if hops == 0 || p.animacy != "person" || p.plural || p.gender == Gender::Unknown {
        return None;
    }
    // The nearest such pronoun of an earlier sentence: each step looks back from
    // there, so no name between is skipped.
    let reach = sentence.saturating_sub(CHAIN_WINDOW);
    let same = (0..here)
        .rev()
        .take_while(|&k| units.units[k].sentence >= reach)
        .find(|&k| {
            units.units[k].sentence < sentence
                && kb
                    .pronouns
                    .get(units.norm_of(k))
                    .is_some_and(|q| q.animacy == p.animacy && q.gender == p.gender && !q.plural)
        })?;
    pronoun_at(doc, kb, units.units[same].span, p, hops - 1).map(|m| Mention { span, ..m })
}

/// A person's name ending the phrase `span` is its head, whatever body the words
/// before name ("Rally Canada media coordinator Tom Hinderks"), unless a function word
/// puts it in a complement ("a spokeswoman for Trudeau", "Sandmann and Phillips").
fn head_person(doc: &Document, kb: &ActorKb, span: Span) -> Option<usize> {
    let end = span.start + doc.slice(span).trim_end().len() as u32;
    let first = doc.entities.partition_point(|e| e.span.start < span.start);
    let k = doc.entities[first..]
        .iter()
        .take_while(|e| e.span.start < span.end)
        .position(|e| e.kind == EntityKind::Person && e.span.end == end)?;
    let person = &doc.entities[first + k];
    let before = doc.text[span.start as usize..person.span.start as usize]
        .split_whitespace()
        .next_back()?;
    let before = crate::norm::token(before.trim_end_matches(|c: char| !c.is_alphanumeric()));
    (!kb.stop_names.contains(&before)).then_some(first + k)
}

/// A person named first and described after a comma ("Donald Tusk, the president of the
/// European Council"): the phrase names that person, not the body of the role.
fn leading_person(doc: &Document, span: Span) -> Option<usize> {
    let first = doc.entities.partition_point(|e| e.span.start < span.start);
    let e = doc.entities.get(first)?;
    let rest = doc.text.get(e.span.end as usize..span.end as usize)?;
    (e.span.start == span.start && e.kind == EntityKind::Person && rest.starts_with(','))
        .then_some(first)
}

/// Whether a mention is a subject in the parse, or a name in apposition to the subject
/// ("Holt's spokesman, Peter Dunne, announced": Dunne, not the owner Holt): `None`
/// when its sentence has no parse.
fn is_subject(doc: &Document, span: Span) -> Option<bool> {
    let s = doc.sentence_at(span.start)?;
    let syntax = doc.syntax.get(s).filter(|x| !x.is_empty())?;
    let first = doc.sentences[s].tokens.start as usize;
    let mut t = doc.token_at_or_after(span.start);
    let mut any = false;
    let subject = |i: usize| syntax.deprel.get(i).is_some_and(|r| r.base() == "nsubj");
    while t < doc.tokens.len() && doc.tokens[t].span.start < span.end {
        let i = t.checked_sub(first)?;
        let rel = syntax.deprel.get(i)?;
        any |= subject(i) || rel.base() == "appos" && syntax.head_of(i).is_some_and(subject);
        t += 1;
    }
    Some(any)
}

pub fn resolve_at(doc: &Document, kb: &ActorKb, span: Span) -> Option<Mention> {
    if span.end as usize > doc.text.len()
        || span.start > span.end
        || !doc.text.is_char_boundary(span.start as usize)
        || !doc.text.is_char_boundary(span.end as usize)
    {
        return None;
    }
    let text = doc.slice(span).trim();
    let lower = text.to_lowercase();
    if let Some(p) = kb.pronouns.get(lower.as_str()) {
        return pronoun_at(doc, kb, span, p, PRONOUN_HOPS);
    }
    if let Some(e) = head_person(doc, kb, span)
        .or_else(|| leading_person(doc, span))
        .or_else(|| crate::entity_at(doc, span))
        .filter(|&e| !part_of_longer_name(doc, span, e))
    {
        if let Some(m) = mention_for(doc, span, e) {
            return Some(m);
        }
    }
    // A role nominal or a name the annotation did not keep: analyse the words alone,
    // then look back for the person it names.
    let analysis = analysis_of(doc, kb);
    let units = &analysis.units;
    let here = units.at_or_after(span.start);
    // Mentions overlapping `span` lie in the sentences it touches.
    let sentence_of = |pos: u32| {
        units
            .units
            .get(units.at_or_after(pos))
            .map(|u| u.sentence)
            .unwrap_or(0)
    };
    let inside = (sentence_of(span.start)..=sentence_of(span.end.saturating_sub(1)))
        .flat_map(|s| analysis.in_sentence(s))
        .find(|c| c.span(units).overlaps(span));
    // A bare role of no country ("the envoy") is looked up further back below.
    let bare_role = |c: &Cand| {
        !c.named
            && c.kind == EntityKind::Person
            && c.actor.as_ref().is_some_and(|a| a.country.is_none())
    };
    if let Some(c) = inside {
        let found = entity_index(doc, units, c).and_then(|e| mention_for(doc, span, e));
        if found.is_some() || !bare_role(c) {
            return found.or_else(|| {
                c.actor.as_ref().map(|a| Mention {
                    span,
                    name: Some(a.name.clone()),
                    code: a.code.clone(),
                    entity: None,
                })
            });
        }
    }
    // "Officials said", "senior aides told": a plural role names no one person.
    let plural = inside.is_some_and(|c| c.plural)
        || kb
            .targets_of(role_word_of(&lower))
            .iter()
            .any(|t| matches!(t, Target::Sector { plural: true, .. }));
    let alone = crate::recognise::resolve_phrase(kb, text, doc.published)?;
    if alone.id.chars().any(|c| c.is_uppercase()) || alone.country.is_some() {
        return Some(Mention {
            span,
            name: Some(alone.name.clone()),
            code: alone.code.clone(),
            entity: None,
        });
    }
    // "the spokeswoman": the nearest person described by the same role, named
    // ("spokeswoman Maria Zakharova") or not, when the same role word says so
    // ("Russia's envoy" ... "the envoy").
    let sentence = units.units.get(here).map(|u| u.sentence).unwrap_or(0);
    let role_word = role_word_of(&lower);
    let same_role = |c: &Cand| {
        c.named
            || doc
                .slice(c.span(units))
                .to_lowercase()
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w == role_word)
    };
    let target = (sentence.saturating_sub(NOMINAL_WINDOW)..=sentence)
        .rev()
        .flat_map(|s| analysis.in_sentence(s).rev())
        .filter(|c| c.b <= here && c.kind == EntityKind::Person && same_role(c))
        .filter(|c| !plural || c.plural)
        .filter(|c| !doc.in_parentheses(c.span(units)))
        // A phrase of no known sector names no role ("Freedom Mobile" in a headline).
        .find(|c| {
            alone.sector.is_some() && c.actor.as_ref().is_some_and(|a| a.sector == alone.sector)
        });
    match target {
        Some(c) => entity_index(doc, units, c).and_then(|e| mention_for(doc, span, e)),
        None => Some(Mention {
            span,
            name: None,
            code: alone.code.clone(),
            entity: None,
        }),
    }
}

/// Genders the document shows for people whose names do not: in a sentence that
/// names one person only, the singular personal pronouns after the name ("Jayme
/// put on her coat") vote for that person; a clear majority over the document
/// decides. Pronouns before the name are left out ("She took Patterson's shoes").
fn infer_genders(units: &Units, kb: &ActorKb, cands: &mut [Cand]) {
    let mut votes: HashMap<String, (u32, u32)> = HashMap::new();
    // The people of each sentence, in text order (candidates need not be sorted).
    let mut by_sentence: HashMap<u32, Vec<&Cand>> = HashMap::new();
    for c in cands.iter() {
        if c.kind == EntityKind::Person && !c.plural && c.actor.is_some() {
            by_sentence.entry(c.sentence).or_default().push(c);
        }
    }
    for (&sentence, people) in by_sentence.iter_mut() {
        people.sort_by_key(|c| c.a);
        let one = people.first().filter(|first| {
            people
                .iter()
                .all(|c| c.actor.as_ref().map(|a| &a.id) == first.actor.as_ref().map(|a| &a.id))
        });
        let personal = |k: usize| {
            kb.pronouns
                .get(units.norm_of(k))
                .filter(|p| p.animacy == "person" && !p.plural && p.gender != Gender::Unknown)
        };
        // A pronoun before the name says the sentence is about someone else
        // ("He told police he ordered Jayme to …").
        let about_another = |first: &Cand| {
            (0..first.a)
                .rev()
                .take_while(|&k| units.units[k].sentence == sentence)
                .any(|k| personal(k).is_some())
        };
        if let Some(first) = one.filter(|first| !about_another(first)) {
            let (mut m, mut f) = (0u32, 0u32);
            let mut k = first.b;
            while k < units.len() && units.units[k].sentence == sentence {
                if let Some(p) = personal(k) {
                    m += u32::from(p.gender == Gender::Male);
                    f += u32::from(p.gender == Gender::Female);
                }
                k += 1;
            }
            if let Some(a) = &first.actor {
                let v = votes.entry(a.id.clone()).or_default();
                v.0 += u32::from(m > 0 && f == 0);
                v.1 += u32::from(f > 0 && m == 0);
            }
        }
    }
    for c in cands.iter_mut() {
        if c.kind != EntityKind::Person || c.gender != Gender::Unknown {
            continue;
        }
        let Some(&(m, f)) = c.actor.as_ref().and_then(|a| votes.get(&a.id)) else {
            continue;
        };
        if m > 2 * f {
            c.gender = Gender::Male;
        } else if f > 2 * m {
            c.gender = Gender::Female;
        }
    }
}

/// The genders of the people of a document, where a name or the text shows one
/// (see [`infer_genders`]), by canonical name: for judging pronouns later stages meet.
#[derive(Debug, Default)]
pub struct DocGenders(HashMap<String, Gender>);

/// The genders a document shows for its people (names, and the pronouns that
/// follow a person named alone in a sentence), for [`pronoun_agrees_in`].
pub fn document_genders(doc: &Document, kb: &ActorKb) -> DocGenders {
    let analysis = analysis_of(doc, kb);
    let mut out = HashMap::new();
    for c in &analysis.cands {
        if let (EntityKind::Person, Some(a)) = (c.kind, &c.actor) {
            if c.gender != Gender::Unknown {
                out.entry(a.name.clone()).or_insert(c.gender);
            }
        }
    }
    DocGenders(out)
}

/// The gender a name shows: a known person's, else its first name's.
fn name_gender(kb: &ActorKb, name: &str) -> Gender {
    for t in kb.targets_of(name) {
        if let crate::kb::Target::Person(p) = t {
            let g = kb.people[p as usize].gender;
            if g != Gender::Unknown {
                return g;
            }
        }
    }
    name.split_whitespace()
        .next()
        .and_then(|first| kb.first_names.get(&first.to_lowercase()).copied())
        .unwrap_or(Gender::Unknown)
}

/// Could `pronoun` ("he", "she", "they") stand for the actor called `name`?
/// `person` says whether that actor is a person. `None` when the text cannot tell
/// (a personal pronoun and a name of unknown gender, or a word that is no pronoun).
pub fn pronoun_agrees(kb: &ActorKb, pronoun: &str, name: &str, person: bool) -> Option<bool> {
    pronoun_agrees_in(kb, &DocGenders::default(), pronoun, name, person)
}

/// [`pronoun_agrees`], also judging by the genders the document shows
/// ([`document_genders`]).
pub fn pronoun_agrees_in(
    kb: &ActorKb,
    genders: &DocGenders,
    pronoun: &str,
    name: &str,
    person: bool,
) -> Option<bool> {
    let p = kb.pronouns.get(pronoun.to_lowercase().as_str())?;
    match p.animacy.as_str() {
        "person" => {
            if !person || p.plural {
                return Some(false);
            }
            let mut g = name_gender(kb, name);
            if g == Gender::Unknown {
                g = genders.0.get(name).copied().unwrap_or(Gender::Unknown);
            }
            (g != Gender::Unknown && p.gender != Gender::Unknown).then(|| g == p.gender)
        }
        "thing" => Some(!person),
        _ => Some(!p.plural || !person),
    }
}

/// The last word of a lowercased phrase: the role word of "the russian envoy".
fn role_word_of(lower: &str) -> &str {
    lower.rsplit(' ').next().unwrap_or("")
}
