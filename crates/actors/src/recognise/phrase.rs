//! The phrase grammar: [det] [former] [anchor ['s]] [role words] [name] [owner],
//! over the items of a sentence.

use crate::kb::{ActorKb, Target};
use crate::units::Units;

use super::items::*;

/// One parsed phrase: [det] [former] [anchor ['s]] [sector words] [name] [owner].
#[derive(Clone, Debug, Default)]
pub(crate) struct Phrase {
    /// Item range of the whole phrase.
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) det: Option<bool>,
    pub(crate) former: bool,
    pub(crate) anchor: Option<(usize, Target)>,
    pub(crate) poss: bool,
    pub(crate) sectors: Vec<(usize, u32, bool)>,
    pub(crate) name: Option<(usize, usize, Option<Target>)>,
    pub(crate) owner: Option<Box<Phrase>>,
    /// Item where the owner phrase starts (so its own entity is still emitted).
    pub(crate) owner_start: Option<usize>,
    /// First item of an unknown capitalised place before role words ("Shanghai police").
    pub(crate) place: Option<usize>,
    /// Sector row of the organisation word after an unknown name ("Interfax news agency").
    pub(crate) named_by: Option<u32>,
}

pub(crate) fn is_anchor(t: &Target) -> bool {
    !matches!(t, Target::Sector { .. })
}

/// The anchor-like target of a dictionary item, preferring what can own a role.
pub(crate) fn pick_anchor(ts: &[Target]) -> Option<Target> {
    let rank = |t: &Target| match t {
        Target::Person(_) => 0,
        Target::Org(_) => 1,
        Target::Seat(_) => 2,
        Target::Country(_) => 3,
        Target::Capital(_) => 4,
        Target::Adjective(_) => 5,
        Target::Sector { .. } => 9,
    };
    ts.iter()
        .filter(|t| is_anchor(t))
        .min_by_key(|t| rank(t))
        .copied()
}

pub(crate) fn named_target(ts: &[Target]) -> Option<Target> {
    let rank = |t: &Target| match t {
        Target::Person(_) => 0,
        Target::Org(_) => 1,
        Target::Country(_) => 2,
        Target::Seat(_) => 3,
        Target::Capital(_) => 4,
        Target::Adjective(_) => 5,
        Target::Sector { .. } => 9,
    };
    ts.iter()
        .filter(|t| is_anchor(t))
        .min_by_key(|t| rank(t))
        .copied()
}

pub(crate) fn parse_at(
    items: &[Item],
    units: &Units,
    kb: &ActorKb,
    p: usize,
    depth: u8,
) -> Option<Phrase> {
    let mut ph = Phrase {
        start: p,
        ..Default::default()
    };
    let mut q = p;
    let at = |q: usize| items.get(q).map(|it| &it.what);
    if let Some(What::Det { definite }) = at(q) {
        ph.det = Some(*definite);
        q += 1;
    }
    while let Some(former) = at(q).and_then(|w| is_modifier(kb, w)) {
        ph.former |= former;
        q += 1;
    }
    if let Some(w @ What::Dict(ts)) = at(q) {
        let next_joins = at(q + 1).is_some_and(|n| matches!(n, What::Cap) || is_name_head(kb, n))
            && items.get(q + 1).is_some_and(|it| units.units[it.a].cap);
        if is_place(kb, w) && next_joins && ph.anchor.is_none() {
            let e = name_end(items, units, kb, q, q + 1);
            // "Kano State government": a place's longer name before role
            // words owns them, and its country codes them.
            let role_after = at(e).is_some_and(|w| {
                is_role(kb, w).is_some_and(|(r, _)| kb.sectors[r as usize].kind != "person")
            }) && !units.units[items[e].a].cap;
            if e > q + 1 && role_after {
                if let Some(t) = pick_anchor(ts) {
                    ph.anchor = Some((q, t));
                    ph.place = Some(q);
                    let mut r = e;
                    while let Some((row, plural)) = at(r).and_then(|w| is_role(kb, w)) {
                        ph.sectors.push((r, row, plural));
                        r += 1;
                    }
                    ph.end = r;
                    return Some(finish_owner(items, units, kb, ph, depth));
                }
            }
            if e > q + 1 {
                ph.name = Some((q, e, None));
                ph.end = e;
                return Some(ph);
            }
        }
        if let Some(t) = pick_anchor(ts) {
            let next = at(q + 1);
            let next_is_role =
                next.is_some_and(|w| is_role(kb, w).is_some() || is_modifier(kb, w).is_some());
            if matches!(next, Some(What::Poss)) {
                ph.anchor = Some((q, t));
                ph.poss = true;
                q += 2;
            } else if next_is_role && !matches!(t, Target::Person(_)) {
                // An adjective-like premodifier: "Russian President", "Kremlin spokesperson".
                let t = if ts.iter().any(|x| matches!(x, Target::Adjective(_)))
                    && matches!(t, Target::Country(_))
                {
                    ts.iter()
                        .find(|x| matches!(x, Target::Adjective(_)))
                        .copied()
                        .unwrap_or(t)
                } else {
                    t
                };
                ph.anchor = Some((q, t));
                q += 1;
            } else {
                let t = named_target(ts)?;
                if let Target::Adjective(_) = t {
                    return None;
                }
                ph.name = Some((q, q + 1, Some(t)));
                ph.end = q + 1;
                return Some(finish_owner(items, units, kb, ph, depth));
            }
        }
    }
    while let Some(former) = at(q).and_then(|w| is_modifier(kb, w)) {
        ph.former |= former;
        q += 1;
    }
    // Role words, allowing up to two plain words before one ("foreign policy adviser").
    loop {
        match at(q) {
            Some(w) if is_role(kb, w).is_some() => {
                let (row, plural) = is_role(kb, w).unwrap_or((0, false));
                ph.sectors.push((q, row, plural));
                q += 1;
            }
            Some(What::Lower)
                if ph.det.is_some() || ph.anchor.is_some() || !ph.sectors.is_empty() =>
            {
                let ahead = (1..=2).find(|k| at(q + k).is_some_and(|w| is_role(kb, w).is_some()));
                let fillers_plain =
                    ahead.is_some_and(|k| (0..k).all(|j| matches!(at(q + j), Some(What::Lower))));
                match ahead {
                    Some(k) if fillers_plain => q += k,
                    _ => break,
                }
            }
            _ => break,
        }
    }
    // A name: a known one, or a run of capitalised words.
    match at(q) {
        Some(What::Dict(ts))
            if ts
                .iter()
                .any(|t| matches!(t, Target::Person(_) | Target::Org(_))) =>
        {
            let t = ts
                .iter()
                .find(|t| matches!(t, Target::Person(_)))
                .or_else(|| ts.iter().find(|t| matches!(t, Target::Org(_))))
                .copied();
            ph.name = Some((q, q + 1, t));
            q += 1;
        }
        // "Vice-President Hamilton Mourao": after a person title, a place
        // word opening a run of capitalised words is a first name.
        Some(w)
            if after_person_title(kb, &ph, q)
                && is_place(kb, w)
                && cap_follows(items, units, q) =>
        {
            let e = name_end(items, units, kb, q, q + 1);
            let e = person_name_end(kb, items, q, e);
            ph.name = Some((q, e, None));
            q = e;
        }
        // "New Haven", "Old Trafford", "White Sox": a word that opens a name
        // only before another capitalised word, never opening the sentence.
        Some(What::StopCap)
            if kb.cue("name_opener", units.norm_of(items[q].a))
                && !units.units[items[q].a].sentence_start
                && matches!(at(q + 1), Some(What::Cap)) =>
        {
            let e = name_end(items, units, kb, q, q + 1);
            ph.name = Some((q, e, None));
            q = e;
        }
        Some(What::Cap) => {
            let s = q;
            let e = name_end(items, units, kb, s, s);
            let e = if after_person_title(kb, &ph, s) {
                person_name_end(kb, items, s, e)
            } else {
                e
            };
            // "Shanghai police", "Kano State government": an unknown place before role words.
            let role_after = at(e).is_some_and(|w| {
                is_role(kb, w).is_some_and(|(r, _)| kb.sectors[r as usize].kind != "person")
            }) && !units.units[items[e].a].cap;
            // "Interfax news agency", "First Union bank", "Air France workers":
            // before such words the name is the organisation itself.
            let org_word = role_after
                && kb.cue("org_after", units.norm_of(items[e].b - 1))
                && !(s..e).any(|i| is_place(kb, &items[i].what));
            if org_word {
                ph.name = Some((s, e, None));
                q = e;
                while let Some((row, _)) = at(q).and_then(|w| is_role(kb, w)) {
                    ph.named_by = Some(row);
                    q += 1;
                }
            } else if role_after {
                ph.place = Some(s);
                q = e;
                while let Some((row, plural)) = at(q).and_then(|w| is_role(kb, w)) {
                    ph.sectors.push((q, row, plural));
                    q += 1;
                }
            } else {
                ph.name = Some((s, e, None));
                q = e;
            }
        }
        _ => {}
    }
    if ph.anchor.is_none() && ph.sectors.is_empty() && ph.name.is_none() {
        return None;
    }
    ph.end = q;
    Some(finish_owner(items, units, kb, ph, depth))
}

/// Whether item `q` comes right after a person title ("President", "Prime Minister").
pub(crate) fn after_person_title(kb: &ActorKb, ph: &Phrase, q: usize) -> bool {
    ph.sectors
        .last()
        .is_some_and(|&(i, row, _)| i + 1 == q && kb.sectors[row as usize].kind == "person")
}

fn cap_follows(items: &[Item], units: &Units, q: usize) -> bool {
    items
        .get(q + 1)
        .is_some_and(|it| matches!(it.what, What::Cap) && units.units[it.a].cap)
}

/// A titled person's name stops before "of <place>": "Vice-President Ana Ruiz
/// of Peru" names Peru as the owner, not a name like "Bank of England".
fn person_name_end(kb: &ActorKb, items: &[Item], s: usize, e: usize) -> usize {
    (s + 1..e)
        .find(|&k| {
            matches!(items[k].what, What::Connector)
                && items.get(k + 1).is_some_and(|n| is_place(kb, &n.what))
        })
        .unwrap_or(e)
}

/// Where a name that starts at item `s` ends: capitalised words, connectors
/// between them, places and organisation words inside ("Bank of England").
pub(crate) fn name_end(
    items: &[Item],
    units: &Units,
    kb: &ActorKb,
    s: usize,
    from: usize,
) -> usize {
    let at = |q: usize| items.get(q).map(|it| &it.what);
    let mut e = from;
    // "U.S. Cardinal Joseph Bernardin": a first name inside a run starts a person's name.
    // Not after another first name or an initial ("Miguel Angel Martin", "J. Mary Smith").
    let first_name_inside = |e: usize| {
        let given = |i: usize| {
            let w = units.norm_of(items[i].a);
            kb.first_names.contains_key(w) || w.chars().count() == 1
        };
        e > s && given(e) && !given(e - 1) && matches!(at(e + 1), Some(What::Cap))
    };
    let sentence = |q: usize| items.get(q).map(|it| units.units[it.a].sentence);
    // "Ned Vole of Tarvo Banks", "Kelmore Motor Corp of South Korea",
    // "Ravensby of Germany": "of" after a person's name, after a company
    // word, or between a plain name and a country, says where the name
    // belongs; it does not continue it ("Bank of England" does).
    let of_ends = |e: usize| {
        let w = units.norm_of(items[s].a);
        let person = matches!(items[s].what, What::Cap)
            && (kb.first_names.contains_key(w) || w.chars().count() == 1);
        let company = kb.cue("company_suffix", units.norm_of(items[e - 1].a));
        let country_after = matches!(at(e + 1), Some(What::Dict(ts))
            if ts.iter().any(|t| matches!(t, Target::Country(_))))
            && !at(e + 2).is_some_and(|w| matches!(w, What::Cap) || is_name_head(kb, w));
        let plain = (s..e).all(|i| matches!(items[i].what, What::Cap));
        units.norm_of(items[e].a) == "of" && (person || company || (country_after && plain))
    };
    loop {
        // A name never runs into the next sentence (a byline, then a dateline).
        if e > s && sentence(e) != sentence(s) {
            break;
        }
        // "Saeed Anwar", "Andreas Herzog": a word the dictionaries know only
        // as a person's surname, after a first name or an initial, ends
        // another person's name; "Peter Such": so does a stop name.
        let after_given = e > s && {
            let w = units.norm_of(items[e - 1].a);
            matches!(items[e - 1].what, What::Cap)
                && (kb.first_names.contains_key(w) || w.chars().count() == 1)
                && units.units[items[e].a].cap
                && items[e].b == items[e].a + 1
        };
        match at(e) {
            Some(What::Dict(ts))
                if after_given && ts.iter().all(|t| matches!(t, Target::Person(_))) =>
            {
                e += 1
            }
            Some(What::StopCap) if after_given && !matches!(at(e + 1), Some(What::Cap)) => e += 1,
            Some(What::Cap) if first_name_inside(e) => break,
            Some(What::Cap) => e += 1,
            // Only inside a name, and only when a capitalised word follows.
            Some(What::StopCap) if e > s && matches!(at(e + 1), Some(What::Cap)) => e += 1,
            Some(What::Connector) if e > s && of_ends(e) => break,
            Some(What::Connector) if e > s && matches!(at(e + 1), Some(What::Cap)) => e += 1,
            // "Standard & Poor", "Douglas & Lomason Co".
            Some(What::Other)
                if e > s
                    && units.norm_of(items[e].a) == "&"
                    && at(e + 1).is_some_and(|w| matches!(w, What::Cap) || is_name_head(kb, w)) =>
            {
                e += 1
            }
            // A place inside an organisation's name: "Air France", "Bank of England".
            Some(What::Connector) if e > s && at(e + 1).is_some_and(|w| is_place(kb, w)) => e += 1,
            Some(w) if e > s && is_place(kb, w) && units.units[items[e].a].cap => e += 1,
            // "Pirelli Cables Co", "Japan Airlines": a company or club word.
            Some(w) if e > s && is_name_head(kb, w) && units.units[items[e].a].cap => e += 1,
            // A capitalised organisation word closing a name: "Self Defense Forces".
            Some(w @ What::Dict(_)) if e > s && units.units[items[e].a].cap => {
                match is_role(kb, w) {
                    Some((row, _))
                        if matches!(
                            kb.sectors[row as usize].kind.as_str(),
                            "organization" | "group"
                        ) =>
                    {
                        e += 1
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    e
}

/// "adviser to Putin", "spokeswoman for the Russian Foreign Ministry",
/// "Prime Minister Modi of India": the owner after the phrase.
pub(crate) fn finish_owner(
    items: &[Item],
    units: &Units,
    kb: &ActorKb,
    mut ph: Phrase,
    depth: u8,
) -> Phrase {
    if depth > 0 {
        return ph;
    }
    let Some(prep) = items
        .get(ph.end)
        .filter(|it| matches!(it.what, What::Lower | What::Connector))
    else {
        return ph;
    };
    let word = units.norm_of(prep.a);
    let allowed = match (ph.sectors.last(), &ph.name) {
        (_, Some((_, _, Some(_)))) => false,
        (Some(&(_, row, _)), None) => kb.sectors[row as usize]
            .owner_preps
            .iter()
            .any(|p| p == word),
        (_, Some(_)) => word == "of",
        (None, None) => false,
    };
    if !allowed {
        return ph;
    }
    if let Some(owner) = parse_at(items, units, kb, ph.end + 1, depth + 1) {
        if owner.anchor.is_some() || owner.name.as_ref().is_some_and(|n| n.2.is_some()) {
            ph.owner_start = Some(ph.end + 1);
            ph.owner = Some(Box::new(owner));
        }
    }
    ph
}
