//! Second look at the candidates of a whole document, once every mention is
//! known: what one mention says types the others (a surname of a person
//! named in full, a word opening a sentence that is a name elsewhere), names
//! of events are dropped, and in a sports report a town that plays is a team.
//! The word lists are `[cues]` in data/actors/words.tsv.

use std::collections::HashMap;
use std::sync::Arc;

use demarche_model::{Actor, Document, EntityKind, TokenKind};

use crate::data::Gender;
use crate::kb::{slug, ActorKb};
use crate::units::Units;

use super::coding::{built_actor, Coding};
use super::Cand;

/// Runs every document-level rule over `cands`, in place.
pub(crate) fn refine(doc: &Document, units: &Units, kb: &ActorKb, cands: &mut Vec<Cand>) {
    drop_event_names(units, kb, cands);
    datelines(units, cands);
    same_name_same_kind(units, cands);
    surnames_of_people(units, kb, cands);
    sentence_openers(doc, units, kb, cands);
    if is_sports_report(units, kb) {
        teams(doc, units, kb, cands);
    }
}

/// "BRUSSELS 1996-08-31", "KHASAVYURT , Russia 1996-08-30": a dateline names places.
fn datelines(units: &Units, cands: &mut [Cand]) {
    for c in cands.iter_mut() {
        if !c.named || !units.units[c.a].sentence_start {
            continue;
        }
        let mut i = c.b;
        while i < units.len() && units.units[i].sentence == c.sentence && !is_date(units.norm_of(i))
        {
            i += 1;
        }
        let dated = i < units.len() && units.units[i].sentence == c.sentence && i <= c.b + 4;
        if dated && matches!(c.kind, EntityKind::Organization | EntityKind::Person) {
            c.kind = EntityKind::Place;
            c.guessed = false;
        }
    }
}

/// An unknown name typed by default takes the type another mention of the
/// same words shows by a cue ("the town of Tavildara" … "Tavildara was in ruins").
fn same_name_same_kind(units: &Units, cands: &mut [Cand]) {
    let key = |c: &Cand| {
        (c.a..c.b)
            .map(|i| units.norm_of(i))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut shown: HashMap<String, EntityKind> = HashMap::new();
    for c in cands
        .iter()
        .filter(|c| c.named && !c.guessed && !c.known && c.actor.is_some())
    {
        shown.entry(key(c)).or_insert(c.kind);
    }
    for c in cands.iter_mut().filter(|c| c.guessed) {
        if let Some(&kind) = shown.get(&key(c)) {
            c.kind = kind;
            c.guessed = false;
        }
    }
}

fn text_of<'a>(doc: &'a Document, units: &Units, a: usize, b: usize) -> &'a str {
    demarche_model::Span {
        start: units.units[a].span.start,
        end: units.units[b - 1].span.end,
    }
    .of(&doc.text)
}

fn plain_actor(name: &str, country: Option<String>) -> Arc<Actor> {
    let c = Coding {
        country,
        ..Coding::empty()
    };
    built_actor(slug(name), name.to_string(), &c)
}

/// "World Cup", "U.S. Open", "Labor Day", "Gulf War": a name that ends in an
/// event word, or stands right before a capitalised one, names an event, not an actor.
fn drop_event_names(units: &Units, kb: &ActorKb, cands: &mut Vec<Cand>) {
    let event_word = |i: usize| {
        units
            .units
            .get(i)
            .is_some_and(|u| u.cap && u.kind == TokenKind::Word)
            && kb.cue("event_head", units.norm_of(i))
    };
    cands.retain(|c| !(c.named && (event_word(c.b - 1) || event_word(c.b))));
}

/// "Neil Jordan … Jordan said": a single word that is the last word of a
/// person named in full in the same document is that person, even when the
/// dictionaries know the word as a place.
fn surnames_of_people(units: &Units, kb: &ActorKb, cands: &mut [Cand]) {
    let mut people: HashMap<String, (Option<Arc<Actor>>, Gender)> = HashMap::new();
    // Only names that are surely people: a first name, an initial, a title, the dictionary.
    let surely = |c: &Cand| {
        let first = units.norm_of(c.a);
        c.known || c.lead < c.a || kb.first_names.contains_key(first) || first.chars().count() == 1
    };
    for c in cands.iter() {
        if c.named
            && c.kind == EntityKind::Person
            && c.b - c.a >= 2
            && c.actor.is_some()
            && surely(c)
        {
            people
                .entry(units.norm_of(c.b - 1).to_string())
                .or_insert((c.actor.clone(), c.gender));
        }
    }
    for c in cands.iter_mut() {
        if !c.named || c.b - c.a != 1 || c.kind == EntityKind::Person || c.lead < c.a {
            continue;
        }
        if let Some((actor, gender)) = people.get(units.norm_of(c.a)) {
            c.kind = EntityKind::Person;
            c.actor = actor.clone();
            c.gender = *gender;
            c.known = false;
        }
    }
}

/// A capitalised word opening a sentence is a name when the document uses
/// it as one elsewhere, or when what follows shows it: a score or a table
/// row ("Ulsan 2"), a possessive, a reporting verb.
fn sentence_openers(doc: &Document, units: &Units, kb: &ActorKb, cands: &mut [Cand]) {
    let mut elsewhere: HashMap<String, (EntityKind, Option<Arc<Actor>>)> = HashMap::new();
    for c in cands.iter() {
        if c.named && c.actor.is_some() {
            if c.b - c.a == 1 || c.kind != EntityKind::Person {
                elsewhere
                    .entry(units.norm_of(c.a).to_string())
                    .or_insert((c.kind, c.actor.clone()));
                continue;
            }
            elsewhere
                .entry(units.norm_of(c.b - 1).to_string())
                .or_insert((c.kind, c.actor.clone()));
        }
    }
    for c in cands.iter_mut() {
        // "GERMANY - Bunds extended losses": after a shouted heading and a
        // dash or colon, a word opens the sentence proper.
        let after_heading = c.a >= 2
            && !c.known
            && matches!(units.norm_of(c.a - 1), "-" | ":")
            && units.units[c.a - 2].all_caps
            && units.units[c.a - 2].sentence == c.sentence;
        if after_heading && c.b - c.a == 1 && c.lead == c.a {
            c.actor = None;
        }
        if !c.named || c.actor.is_some() || c.b - c.a != 1 {
            continue;
        }
        let w = units.norm_of(c.a);
        if let Some((kind, actor)) = elsewhere.get(w) {
            c.kind = *kind;
            c.actor = actor.clone();
            continue;
        }
        let next = units.units.get(c.b);
        // "Essex and Kent": coordinated with another capitalised word.
        let coordinated = matches!(next.map(|_| units.norm_of(c.b)), Some("and" | "or"))
            && units
                .units
                .get(c.b + 1)
                .is_some_and(|u| u.cap && u.kind == TokenKind::Word);
        let shown = coordinated
            || next.is_some_and(|n| {
                let nw = units.norm_of(c.b);
                n.kind == TokenKind::Number
                    || nw == "'s"
                    || (kb.cue("reporting", nw) && !w.ends_with('s'))
            });
        if shown {
            c.actor = Some(plain_actor(text_of(doc, units, c.a, c.b), None));
        }
    }
}

/// A report on sport: enough of its words are sport words.
fn is_sports_report(units: &Units, kb: &ActorKb) -> bool {
    (0..units.len())
        .filter(|&i| kb.cue("sport", units.norm_of(i)))
        .take(3)
        .count()
        >= 3
}

/// "1996-08-30": a date written in digits, as a dateline has.
fn is_date(word: &str) -> bool {
    let parts: Vec<&str> = word.split('-').collect();
    parts.len() == 3 && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
}

/// In a sports report a town or region that is not where something happens
/// is a club ("Newcastle", "CHICAGO 71 64"), and two unknown names each
/// followed by a score are two teams ("Crystal Palace 1 Leyton Orient 2").
fn teams(doc: &Document, units: &Units, kb: &ActorKb, cands: &mut [Cand]) {
    let dateline = |s: u32| {
        units
            .units
            .iter()
            .enumerate()
            .filter(|(_, u)| u.sentence == s)
            .any(|(i, _)| is_date(units.norm_of(i)))
    };
    let number_after = |c: &Cand| {
        units
            .units
            .get(c.b)
            .is_some_and(|u| u.kind == TokenKind::Number && u.sentence == c.sentence)
    };
    // Score lines: every named candidate of the sentence is followed by a number.
    let mut by_sentence: HashMap<u32, (usize, usize)> = HashMap::new();
    for c in cands.iter().filter(|c| c.named && c.actor.is_some()) {
        let e = by_sentence.entry(c.sentence).or_default();
        e.0 += 1;
        e.1 += number_after(c) as usize;
    }
    let score_line = |s: u32| by_sentence.get(&s).is_some_and(|&(n, k)| n >= 2 && n == k);
    for k in 0..cands.len() {
        let c = &cands[k];
        if !c.named || dateline(c.sentence) {
            continue;
        }
        let place = c.kind == EntityKind::Place;
        let unknown_pair = c.kind == EntityKind::Person
            && !c.known
            && score_line(c.sentence)
            && !kb.first_names.contains_key(units.norm_of(c.a))
            && units.norm_of(c.a).chars().count() > 1;
        if !place && !unknown_pair {
            continue;
        }
        // "at Headingley", "in the Berlin meeting", "Bristol :", "Edgbaston ,
        // Birmingham": where it happens.
        let mut before = c.a;
        while before > 0 && kb.determiners.get(units.norm_of(before - 1)) == Some(&true) {
            before -= 1;
        }
        let venue = before > 0 && kb.cue("venue_before", units.norm_of(before - 1));
        let heading_colon = units
            .units
            .get(c.b)
            .is_some_and(|_| units.norm_of(c.b) == ":");
        let after_place = c.a >= 2
            && units.norm_of(c.a - 1) == ","
            && k > 0
            && cands[k - 1].b + 1 == c.a
            && cands[k - 1].kind == EntityKind::Place;
        if venue || heading_colon || after_place {
            continue;
        }
        let country = c.actor.as_ref().and_then(|a| a.country.clone());
        let name = text_of(doc, units, c.a, c.b);
        let c = &mut cands[k];
        c.kind = EntityKind::Organization;
        c.actor = Some(plain_actor(name, country));
        c.known = false;
    }
}
