//! The matcher's view of a sentence: dictionary matches and word classes
//! (capitalised, determiner, connector, possessive) as items.

use demarche_model::{Document, TokenKind};

use crate::kb::{ActorKb, Target};
use crate::units::Units;

/// Dictionary matches: (first unit, unit count, targets), left to right, not overlapping.
pub fn dictionary_matches(units: &Units, kb: &ActorKb) -> Vec<(usize, usize, Vec<Target>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let u = &units.units[i];
        if u.kind != TokenKind::Word {
            i += 1;
            continue;
        }
        let start = u.norm.start as usize;
        let fits = |k: usize, cap: bool, all: bool| {
            units.units.get(i + k).is_some_and(|x| {
                if all {
                    x.all_caps
                } else if cap {
                    x.cap
                } else {
                    true
                }
            })
        };
        match kb.match_at(&units.norm, start, units.norm.len(), fits) {
            Some((n, targets)) => {
                out.push((i, n, targets));
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

#[derive(Clone, Debug)]
pub(crate) enum What {
    Dict(Vec<Target>),
    Poss,
    Det {
        definite: bool,
    },
    Cap,
    /// A capitalised word that may go on a name but never starts one ("New", "Democratic").
    StopCap,
    /// "of", "bin", "al", "de": may sit inside a name between capitalised words.
    Connector,
    Lower,
    Comma,
    Other,
}

#[derive(Clone, Debug)]
pub(crate) struct Item {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) what: What,
}

pub(crate) fn items(doc: &Document, units: &Units, kb: &ActorKb) -> Vec<Item> {
    let dict = dictionary_matches(units, kb);
    let starts: foldhash::HashMap<usize, Vec<Target>> =
        dict.iter().map(|(a, _, t)| (*a, t.clone())).collect();
    // Words the document writes in lower case: opening a sentence with a
    // capital and alone ("Traders said"), they are still common words. Before
    // another capitalised word they may open a name ("Radio Tarvo").
    let lower: foldhash::HashSet<&str> = (0..units.len())
        .filter(|&i| {
            let u = &units.units[i];
            u.kind == TokenKind::Word && !u.cap && !u.heading
        })
        .map(|i| units.norm_of(i))
        .collect();
    // Pairs of capitalised words the document writes inside a sentence ("… said
    // Rally Canada"): at a sentence start the same pair is the same name, even when
    // its first word is also a common word and a place follows.
    let is_cap_word = |i: usize| {
        let u = &units.units[i];
        u.kind == TokenKind::Word && u.cap && !u.heading
    };
    let named_pairs: foldhash::HashSet<(&str, &str)> = (1..units.len())
        .filter(|&i| !units.units[i - 1].sentence_start && is_cap_word(i - 1) && is_cap_word(i))
        .map(|i| (units.norm_of(i - 1), units.norm_of(i)))
        .collect();
    let common_opener = |i: usize| {
        let u = &units.units[i];
        let w = units.norm_of(i);
        let named_pair = i + 1 < units.len() && named_pairs.contains(&(w, units.norm_of(i + 1)));
        u.sentence_start
            && !named_pair
            && u.cap
            && !u.all_caps
            && !u.heading
            && lower.contains(w)
            && !kb.first_names.contains_key(w)
            && units.units.get(i + 1).is_none_or(|n| {
                let next = units.norm_of(i + 1);
                // "Only Russia": a known place after it does not make a name with it.
                let place_next = starts.get(&(i + 1)).is_some_and(|ts| {
                    ts.iter()
                        .any(|t| matches!(t, Target::Country(_) | Target::Capital(_)))
                });
                !(kb.connectors.contains(next) || (n.cap && n.kind == TokenKind::Word))
                    || place_next
            })
    };
    let mut out = Vec::with_capacity(units.len());
    let mut d = dict.into_iter().peekable();
    let mut i = 0;
    while i < units.len() {
        if let Some((a, n, t)) = d.next_if(|(a, _, _)| *a == i) {
            out.push(Item {
                a,
                b: a + n,
                what: What::Dict(t),
            });
            i = a + n;
            continue;
        }
        let u = &units.units[i];
        let w = units.norm_of(i);
        let what = match u.kind {
            TokenKind::Word => {
                if w == "'s" || w == "'" {
                    What::Poss
                } else if kb.determiners.contains_key(w)
                    && !(u.cap && !u.sentence_start && w.len() > 3)
                    && !initial_before_name(doc, units, i)
                {
                    What::Det {
                        definite: kb.determiners[w],
                    }
                } else if common_opener(i) || participle_opener(doc, units, kb, i) {
                    What::Lower
                } else if initial_before_name(doc, units, i)
                    || (u.cap
                        && !kb.stop_names.contains(w)
                        && !lone_letter(units, i)
                        && !u.heading
                        && !compound_of_known(kb, u.span.of(&doc.text)))
                {
                    What::Cap
                } else if u.cap && kb.stop_names.contains(w) && !u.heading && w.len() > 2 {
                    What::StopCap
                } else if !u.cap && kb.connectors.contains(w) {
                    What::Connector
                } else {
                    What::Lower
                }
            }
            TokenKind::Number => What::Det { definite: false },
            TokenKind::Punct if w == "," => What::Comma,
            _ => What::Other,
        };
        out.push(Item {
            a: i,
            b: i + 1,
            what,
        });
        i += 1;
    }
    out
}

/// "Knowing Bardos was a fan, Cerato …", "Criticizing Clinton, Trump said": a
/// participle opening a parsed sentence with a clause of its own is no first word
/// of the name after it. The parse tells it from a name ending in "-ing" ("Irving
/// Berlin", "Pershing Square officials said": a name, or no clause before the main one).
fn participle_opener(doc: &Document, units: &Units, kb: &ActorKb, i: usize) -> bool {
    let u = &units.units[i];
    let w = units.norm_of(i);
    if !u.sentence_start
        || !u.cap
        || u.all_caps
        || u.heading
        || !w.ends_with("ing")
        || kb.first_names.contains_key(w)
    {
        return false;
    }
    let Some(s) = doc.sentence_at(u.span.start) else {
        return false;
    };
    let Some(syntax) = doc.syntax.get(s).filter(|x| x.is_parsed()) else {
        return false;
    };
    let t = doc.token_at_or_after(u.span.start);
    let Some(k) = t.checked_sub(doc.sentences[s].tokens.start as usize) else {
        return false;
    };
    let in_name = |child: usize| {
        syntax.head_of(child) == Some(k)
            && matches!(syntax.deprel[child].base(), "flat" | "compound" | "amod")
    };
    // The participle heads a clause of its own before the main one.
    syntax.upos.get(k) == Some(&demarche_model::Upos::Verb)
        && syntax.deprel.get(k).is_some_and(|r| r.base() == "advcl")
        && doc.tokens[t].span == u.span
        && !in_name(k + 1)
}

/// "A. Smith", "I. Austin": a capital letter with its dot before a capitalised
/// word is an initial, not the article or the pronoun.
fn initial_before_name(doc: &Document, units: &Units, i: usize) -> bool {
    let raw = units.units[i].span.of(&doc.text);
    raw.len() == 2
        && raw.ends_with('.')
        && raw.starts_with(|c: char| c.is_ascii_uppercase())
        && units
            .units
            .get(i + 1)
            .is_some_and(|n| n.cap && n.kind == TokenKind::Word)
}

/// A single letter ("N", "J.") is a name only as an initial before another capitalised word.
pub(crate) fn lone_letter(units: &Units, i: usize) -> bool {
    units
        .norm_of(i)
        .chars()
        .filter(|c| c.is_alphabetic())
        .count()
        == 1
        && !units
            .units
            .get(i + 1)
            .is_some_and(|n| n.cap && n.kind == TokenKind::Word)
}

/// An initial: one letter, maybe with a dot ("P.", "J").
pub(crate) fn is_initial(units: &Units, i: usize) -> bool {
    let w = units.norm_of(i);
    w.chars().count() == 1 && w.chars().all(char::is_alphabetic)
}

/// A country, a capital, or a town or region of the places table.
pub(crate) fn is_place(kb: &ActorKb, w: &What) -> bool {
    matches!(w, What::Dict(ts) if ts.iter().any(|t| match t {
        Target::Country(_) | Target::Capital(_) => true,
        Target::Org(o) => kb.orgs[*o as usize].kind == demarche_model::EntityKind::Place,
        _ => false,
    }))
}

/// "Iran-backed", "US-Iran", "Israeli-Palestinian": a hyphenated word made of
/// known names or ending in a lower-case part is a modifier, not a name.
pub(crate) fn compound_of_known(kb: &ActorKb, w: &str) -> bool {
    if !w.contains('-') {
        return false;
    }
    let parts: Vec<&str> = w.split('-').collect();
    if parts.len() < 2 {
        return false;
    }
    let last_lower = parts
        .last()
        .is_some_and(|p| p.chars().next().is_some_and(|c| c.is_lowercase()))
        && !kb.connectors.contains(&parts[0].to_lowercase());
    last_lower || parts.iter().all(|p| !kb.targets_of(p).is_empty())
}

pub(crate) fn sector_row(kb: &ActorKb, what: &What) -> Option<(u32, bool)> {
    if let What::Dict(ts) = what {
        for t in ts {
            if let Target::Sector { row, plural } = t {
                return Some((*row, *plural));
            }
        }
    }
    let _ = kb;
    None
}

pub(crate) fn is_modifier(kb: &ActorKb, what: &What) -> Option<bool> {
    sector_row(kb, what)
        .filter(|(r, _)| kb.sectors[*r as usize].kind == "modifier")
        .map(|(r, _)| kb.sectors[r as usize].sector.as_deref() == Some("ELI"))
}

pub(crate) fn is_role(kb: &ActorKb, what: &What) -> Option<(u32, bool)> {
    sector_row(kb, what).filter(|(r, _)| {
        !matches!(
            kb.sectors[*r as usize].kind.as_str(),
            "modifier" | "name_head"
        )
    })
}

/// A word that ends organisation names when capitalised ("Corp", "Airlines", "United").
pub(crate) fn is_name_head(kb: &ActorKb, what: &What) -> bool {
    sector_row(kb, what).is_some_and(|(r, _)| kb.sectors[r as usize].kind == "name_head")
}
