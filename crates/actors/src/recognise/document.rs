//! Second look at the candidates of a whole document, once every mention is
//! known: what one mention says types the others (a surname of a person
//! named in full, a word opening a sentence that is a name elsewhere, a
//! shouted heading that repeats names of the body, an acronym defined in
//! brackets, names listed together), names of events and of indexes are
//! dropped, and in a sports report a town that plays is a team.
//! The word lists are `[cues]` in data/actors/words.tsv.

use foldhash::{HashMap, HashMapExt};
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
    article_before_names(units, cands);
    same_name_same_kind(units, cands);
    surnames_of_people(units, kb, cands);
    sentence_openers(doc, units, kb, cands);
    if is_sports_report(units, kb) {
        teams(doc, units, kb, cands);
    }
    names_in_headings(units, kb, cands);
    acronyms(units, cands);
    coordinated_kinds(units, cands);
}

/// "the Tarn Valley Authority ( TVA )": an acronym in brackets right after a
/// name is that name, and the document's other mentions of it too.
fn acronyms(units: &Units, cands: &mut [Cand]) {
    let mut defined: HashMap<String, (EntityKind, Option<Arc<Actor>>)> = HashMap::new();
    for k in 1..cands.len() {
        let (long, short) = (&cands[k - 1], &cands[k]);
        let bracketed = short.a == long.b + 1
            && short.b - short.a == 1
            && units.norm_of(long.b) == "("
            && units
                .units
                .get(short.b)
                .is_some_and(|_| units.norm_of(short.b) == ")")
            && units.units[short.a].all_caps
            && !short.known
            && long.named
            && long.b - long.a >= 2
            && long.actor.is_some();
        if bracketed {
            // People seldom go by an acronym: an unknown name that has one is
            // an organisation.
            let kind = match long.kind {
                EntityKind::Person if long.guessed => EntityKind::Organization,
                k => k,
            };
            defined.insert(
                units.norm_of(short.a).to_string(),
                (kind, long.actor.clone()),
            );
            let long = &mut cands[k - 1];
            long.kind = kind;
            long.guessed = false;
        }
    }
    if defined.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        if c.named && !c.known && c.b - c.a == 1 {
            if let Some((kind, actor)) = defined.get(units.norm_of(c.a)) {
                c.kind = *kind;
                c.guessed = false;
                if c.actor.is_none() {
                    c.actor = actor.clone();
                }
            }
        }
    }
}

/// "Breisach , Kehl and Freiburg": an unknown name typed for want of a cue
/// takes the kind of a name it is listed with ("," "and" "or").
fn coordinated_kinds(units: &Units, cands: &mut [Cand]) {
    // A comma joins only single words ("Kehl , Freiburg"): after a comma a
    // longer name is more often an apposition ("In Tarvo , Ned Vole").
    let joined = |x: &Cand, y: &Cand| {
        x.sentence == y.sentence
            && y.lead.min(y.a) == x.b + 1
            && match units.norm_of(x.b) {
                "and" | "or" => true,
                "," => x.b - x.a == 1 && y.b - y.a == 1 && y.lead == y.a,
                _ => false,
            }
    };
    for _ in 0..2 {
        let mut changed = false;
        for k in 0..cands.len() {
            if !(cands[k].guessed && cands[k].named) {
                continue;
            }
            let typed = |d: &Cand| d.named && !d.guessed && d.actor.is_some() && d.lead == d.a;
            let prev = (k > 0 && joined(&cands[k - 1], &cands[k]) && typed(&cands[k - 1]))
                .then(|| cands[k - 1].kind);
            let next = cands
                .get(k + 1)
                .filter(|d| joined(&cands[k], d) && typed(d))
                .map(|d| d.kind);
            if let Some(kind) = prev.or(next) {
                cands[k].kind = match kind {
                    EntityKind::Country => EntityKind::Place,
                    k => k,
                };
                cands[k].guessed = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// "SOCCER - VOLKOV SIGNS FOR RIVERTON": in a heading written in capitals
/// (where capitalisation says nothing), words that spell a name the
/// document uses elsewhere are that name: the whole name, or the surname
/// of a person named in full.
fn names_in_headings(units: &Units, kb: &ActorKb, cands: &mut Vec<Cand>) {
    if !units.units.iter().any(|u| u.heading) {
        return;
    }
    let key = |a: usize, b: usize| {
        (a..b)
            .map(|i| units.norm_of(i))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut known: HashMap<String, usize> = HashMap::new();
    for (k, c) in cands.iter().enumerate() {
        if !c.named || c.actor.is_none() || units.units[c.a].heading || c.guessed {
            continue;
        }
        known.entry(key(c.a, c.b)).or_insert(k);
        let surname = units.norm_of(c.b - 1);
        if c.kind == EntityKind::Person
            && c.b - c.a >= 2
            && surname.chars().count() > 2
            && !kb.stop_names.contains(surname)
            && !kb.determiners.contains_key(surname)
        {
            known.entry(surname.to_string()).or_insert(k);
        }
    }
    if known.is_empty() {
        return;
    }
    let mut taken = vec![false; units.len()];
    for c in cands.iter() {
        for t in &mut taken[c.lead.min(c.a)..c.b] {
            *t = true;
        }
    }
    let mut added = Vec::new();
    let mut i = 0;
    while i < units.len() {
        if !units.units[i].heading || taken[i] || units.units[i].kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let s = units.units[i].sentence;
        let longest = (1..=4).rev().find_map(|n| {
            let b = i + n;
            let fits = b <= units.len()
                && (i..b).all(|j| {
                    !taken[j]
                        && units.units[j].sentence == s
                        && units.units[j].heading
                        && units.units[j].kind == TokenKind::Word
                });
            fits.then(|| known.get(&key(i, b)).map(|&k| (b, k)))
                .flatten()
        });
        let Some((b, k)) = longest else {
            i += 1;
            continue;
        };
        let src = &cands[k];
        let mut c = Cand::new(
            (i, b),
            src.kind,
            src.actor.clone(),
            src.gender,
            Vec::new(),
            s,
        );
        c.known = src.known;
        added.push(c);
        i = b;
    }
    if !added.is_empty() {
        cands.extend(added);
        cands.sort_by_key(|c| c.lead.min(c.a));
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

/// "the Civic Action study", "The Harbour Trust said": a name of two words or
/// more typed a person for want of a cue is an organisation when the text puts
/// "the" right before it, as it never does before a person's name; the other
/// mentions follow (`same_name_same_kind`).
fn article_before_names(units: &Units, cands: &mut [Cand]) {
    for c in cands.iter_mut() {
        if c.guessed
            && c.named
            && c.kind == EntityKind::Person
            && c.b - c.a >= 2
            && c.a > 0
            && units.units[c.a - 1].sentence == units.units[c.a].sentence
            && units.norm_of(c.a - 1) == "the"
        {
            c.kind = EntityKind::Organization;
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
    // "World Series of Golf", "the Tour of the Netherlands": an event word
    // and "of" inside a name, or just before it.
    let of_at = |i: usize| i < units.len() && units.norm_of(i) == "of";
    let event_of_inside =
        |c: &Cand| (c.a..c.b.saturating_sub(1)).any(|i| event_word(i) && of_at(i + 1));
    let event_of_before = |c: &Cand| {
        let mut i = c.lead.min(c.a);
        if i > 0 && kb.determiners.get(units.norm_of(i - 1)) == Some(&true) {
            i -= 1;
        }
        i >= 2 && of_at(i - 1) && event_word(i - 2)
    };
    // "the Dow Jones industrial average", "Nasdaq composite index": a name
    // right before such a word (maybe with a number) names a product or an
    // index, not an actor (`product_after` in words.tsv).
    let org_word = |i: usize| {
        kb.targets_of(units.norm_of(i)).iter().any(|t| {
            matches!(t, crate::kb::Target::Sector { row, .. }
                if matches!(kb.sectors[*row as usize].kind.as_str(), "organization" | "name_head"))
        })
    };
    let product_after = |c: &Cand| {
        if org_word(c.b - 1) {
            return false;
        }
        let mut i = c.b;
        while i < units.len()
            && (units.units[i].kind == TokenKind::Number || !units.units[i].cap)
            && i < c.b + 3
        {
            if kb.cue("product_after", units.norm_of(i)) {
                return true;
            }
            if units.units[i].kind != TokenKind::Number
                && !kb.cue("product_filler", units.norm_of(i))
            {
                return false;
            }
            i += 1;
        }
        false
    };
    cands.retain(|c| {
        !(c.named
            && (event_word(c.b - 1)
                || event_word(c.b)
                || event_of_inside(c)
                || event_of_before(c)
                || (!c.known && product_after(c))))
    });
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
        // "Harlow Square", "Pell Islands": a place by its own words is no club.
        let place = c.kind == EntityKind::Place
            && !(c.b - c.a >= 2 && kb.cue("place_head", units.norm_of(c.b - 1)));
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
        // "the Marrow stadium", "Tarvek province": a place before a place noun.
        let place_noun_after = units.units.get(c.b).is_some_and(|u| {
            u.kind == TokenKind::Word && !u.cap && kb.cue("place_after", units.norm_of(c.b))
        });
        // "At Headingley ( Leeds )", "London ( The Oval )": a place that
        // brackets name or qualify.
        let word = |i: usize| (i < units.len()).then(|| units.norm_of(i));
        let bracketed = c.a > 0 && word(c.a - 1) == Some("(") && word(c.b) == Some(")");
        let qualified = word(c.b) == Some("(")
            && units
                .units
                .get(c.b + 1)
                .is_some_and(|u| u.cap && u.kind == TokenKind::Word && !u.all_caps)
            && !kb.cue("event_head", units.norm_of(c.b + 1))
            && !kb
                .targets_of(units.norm_of(c.b + 1))
                .iter()
                .any(|t| matches!(t, crate::kb::Target::Country(_)));
        if venue || heading_colon || after_place || place_noun_after || bracketed || qualified {
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
