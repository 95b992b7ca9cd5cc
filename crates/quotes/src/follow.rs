//! Following speakers from quote to quote, as a reader does: "he said" after
//! a quotation of Jones is Jones when nobody else was quoted in between; "the
//! mayor said" is the person the text introduced as mayor.

use demarche_model::{covering, Document, EntityKind, Mention, Quote, QuoteKind, Span, Upos};

use crate::config::QuoteConfig;

/// Judges whether a pronoun may stand for a named actor of the document (a person
/// when the flag says so): `Some(agrees)`, or `None` when the text cannot tell (a
/// name of unknown gender).
pub type Agreement<'r> = dyn Fn(&Document, &str, &str, bool) -> Option<bool> + 'r;

/// A speaker already named, a candidate for later pronouns.
struct Named {
    name: String,
    code: Option<String>,
    entity: Option<u32>,
    person: bool,
    paragraph: usize,
    /// Where it was last named (byte offset).
    at: u32,
}

/// Re-resolves pronoun and role speakers of `quotes` (in text order) against the
/// speakers named before them.
pub fn speakers(doc: &Document, cfg: &QuoteConfig, quotes: &mut [Quote], agrees: &Agreement) {
    let mut named: Vec<Named> = Vec::new();
    let quoted: Vec<Span> = quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Indirect)
        .map(|q| q.span)
        .collect();
    for q in quotes.iter_mut() {
        let content = q.span;
        let Some(m) = q.speaker.as_mut() else {
            continue;
        };
        let here = Place {
            content,
            paragraph: paragraph_of(doc, m.span.start),
            quoted: &quoted,
        };
        let words = doc.slice(m.span).trim().to_lowercase();
        if cfg.settings.follow.relatives.contains(&words) {
            antecedent(doc, cfg, m);
        } else if cfg.settings.follow.pronouns.contains(&words) {
            pronoun(doc, cfg, m, &words, &here, &named, agrees);
        } else if let Some(owner) = document_owner(cfg, &words) {
            // "her statement said": whoever "she" is.
            pronoun(doc, cfg, m, owner, &here, &named, agrees);
        } else if is_role(cfg, doc.slice(m.span)) {
            role(doc, cfg, m, &here, &named);
        } else if anonymous(cfg, doc.slice(m.span)) {
            // "Senior aides close to Smith": not Smith.
            unname_anonymous(doc, cfg, m);
        }
        remember(doc, m, here.paragraph, &mut named);
    }
}

/// The pronoun owning a body or document speaker ("her statement" → "she").
fn document_owner<'c>(cfg: &'c QuoteConfig, words: &str) -> Option<&'c str> {
    let (first, _) = words.split_once(' ')?;
    let owner = cfg.settings.follow.owners.get(first)?;
    is_body(cfg, words).then_some(owner.as_str())
}

/// "Smith, who said …": the person or body named right before the relative word;
/// else the words of the noun right before it ("veteran MPs who say …").
fn antecedent(doc: &Document, cfg: &QuoteConfig, m: &mut Mention) {
    if m.name.is_some() {
        return;
    }
    let before = doc.text[..m.span.start as usize].trim_end();
    let before = before.strip_suffix(',').unwrap_or(before).trim_end();
    let end = before.len() as u32;
    let named = actor_ending_at(doc, end, &[EntityKind::Person, EntityKind::Organization]);
    if let Some(e) = named {
        set_entity(doc, m, e);
    } else if let Some(words) = noun_before(doc, cfg, m.span.start) {
        m.name = Some(words);
    }
}

/// The entity the actor layer resolved, of one of `kinds`, that ends at byte `end`.
pub(crate) fn actor_ending_at(doc: &Document, end: u32, kinds: &[EntityKind]) -> Option<usize> {
    // Entities are in text order: the one ending at `end` starts just before it.
    let upto = doc.entities.partition_point(|e| e.span.start < end);
    (upto.saturating_sub(8)..upto).rev().find(|&k| {
        let e = &doc.entities[k];
        e.span.end == end && e.actor.is_some() && kinds.contains(&e.kind)
    })
}

/// The words right before `at` that may name someone ("veteran MPs" in "a list of veteran
/// MPs who say"), up to a determiner, a function word or punctuation; at most four.
fn noun_before(doc: &Document, cfg: &QuoteConfig, at: u32) -> Option<String> {
    let s = &cfg.settings.speaker;
    let t = doc.token_at_or_after(at);
    let first = doc
        .sentence_at(at)
        .map_or(0, |x| doc.sentences[x].tokens.start as usize);
    let mut k = t;
    while k > first && t - k < 4 {
        let tok = &doc.tokens[k - 1];
        let w = doc.slice(tok.span).to_lowercase();
        let word = tok.kind == demarche_model::TokenKind::Word;
        if !word
            || s.stop.contains(&w)
            || s.determiners.contains(&w)
            || s.inner.contains(&w)
            || s.pronouns.contains(&w)
        {
            break;
        }
        k -= 1;
    }
    (k < t).then(|| {
        let span = Span {
            start: doc.tokens[k].span.start,
            end: doc.tokens[t - 1].span.end,
        };
        doc.slice(span).to_string()
    })
}

/// Where a speaker stands: its quote's content, its paragraph, every quotation's words.
struct Place<'q> {
    content: Span,
    paragraph: usize,
    quoted: &'q [Span],
}

impl Place<'_> {
    /// Is `span` inside this quote's content or any quotation?
    fn quoted(&self, span: Span) -> bool {
        self.content.contains(span) || covering(self.quoted, |q| *q, span).is_some()
    }
}

/// "he said": the actor layer's person stands unless its name shows another gender or
/// it is named inside quoted words (rarely the one who speaks them); else the latest
/// named speaker who agrees, else the nearest person named outside quotations.
fn pronoun(
    doc: &Document,
    cfg: &QuoteConfig,
    m: &mut Mention,
    words: &str,
    here: &Place,
    named: &[Named],
    agrees: &Agreement,
) {
    let f = &cfg.settings.follow;
    let resolved_person = m
        .entity
        .and_then(|e| doc.entities.get(e as usize))
        .is_some_and(|e| {
            e.kind == EntityKind::Person
                && !here.quoted(e.span)
                && m.name
                    .as_deref()
                    .is_some_and(|n| agrees(doc, words, n, true) != Some(false))
        });
    let pick = recent(named, f.pronoun_paragraphs, here.paragraph)
        .find(|n| agrees(doc, words, &n.name, n.person) != Some(false));
    let personal = f.personal.contains(words);
    if let Some(e) = pick.filter(|_| personal).and_then(|n| {
        new_subject(doc, cfg, here, m.span, n, |name| {
            agrees(doc, words, name, true) != Some(false)
        })
    }) {
        set_entity(doc, m, e);
        return;
    }
    if f.trust_actor_layer && resolved_person && !speaker_stays(doc, cfg, m, pick) {
        return;
    }
    let near = if personal {
        nearest_person(doc, cfg, here, m.span.start, |name| {
            agrees(doc, words, name, true) != Some(false)
        })
    } else {
        None
    };
    let later = |e: usize, n: &Named| doc.entities[e].span.start > n.at;
    match (pick, near) {
        (Some(n), Some(e)) if f.nearest_person_wins && later(e, n) => set_entity(doc, m, e),
        (Some(n), _) => set(m, n),
        (None, Some(e)) if !resolved_person => set_entity(doc, m, e),
        _ => {}
    }
}

/// With `subject_wins`, the person a reader takes over the latest speaker `n`: the
/// subject of the nearest earlier sentence naming a person who `fits`, outside
/// quotations, when named after that speaker ("Ann Cole runs the shelter. “…,” she said").
fn new_subject(
    doc: &Document,
    cfg: &QuoteConfig,
    here: &Place,
    span: Span,
    n: &Named,
    fits: impl Fn(&str) -> bool,
) -> Option<usize> {
    if !cfg.settings.follow.subject_wins {
        return None;
    }
    let (nearest, found) = nearest_sentence_persons(doc, cfg, here, span.start, fits);
    let fresh = |k: usize| {
        let e = &doc.entities[k];
        e.span.start > n.at && !doc.in_parentheses(e.span)
    };
    found
        .iter()
        .copied()
        .rev()
        .find(|&k| fresh(k) && opens_clause(doc, cfg, doc.entities[k].span))
        .or_else(|| {
            let only = *found.first().filter(|_| found.len() == 1)?;
            (cfg.settings.follow.newcomer_wins
                && fresh(only)
                && !owns(doc, doc.entities[only].span)
                && nearest?.checked_add(1) == doc.sentence_at(span.start)
                && !names_by_pronoun(doc, cfg, nearest?))
            .then_some(only)
        })
        .map(|mut k| {
            // "Senate Minority Leader Chuck Schumer": a title found as a person of its own
            // right before the name; the name.
            while doc.entities.get(k + 1).is_some_and(|x| {
                x.kind == EntityKind::Person
                    && x.actor.is_some()
                    && x.span.start <= doc.entities[k].span.end + 1
            }) {
                k += 1;
            }
            k
        })
}

/// Does sentence `s` speak of someone by a personal pronoun ("he", "her")?
fn names_by_pronoun(doc: &Document, cfg: &QuoteConfig, s: usize) -> bool {
    let Some(sentence) = doc.sentences.get(s) else {
        return false;
    };
    (sentence.tokens.start as usize..sentence.tokens.end as usize).any(|k| {
        cfg.settings
            .follow
            .personal_forms
            .contains(&doc.token_text(k).to_lowercase())
    })
}

/// Does the latest agreeing speaker `pick` keep a pronoun against the actor layer's
/// person? With `subject_wins`, a person named since that speaker takes the pronoun
/// only as the subject of its clause ("Ann Cole runs the shelter. “…,” she said"), not
/// as an object, an owner or a credit ("She cited Starlight Tours. “…,” she said").
fn speaker_stays(doc: &Document, cfg: &QuoteConfig, m: &Mention, pick: Option<&Named>) -> bool {
    let Some(n) = pick else { return false };
    let Some(e) = m.entity.and_then(|e| doc.entities.get(e as usize)) else {
        return false;
    };
    if !cfg.settings.follow.subject_wins || m.name.as_deref() == Some(n.name.as_str()) {
        return false;
    }
    e.span.start < n.at || doc.in_parentheses(e.span) || !opens_clause(doc, cfg, e.span)
}

/// Is the name at `span` the subject of its clause? From the parse when its sentence
/// has one; else on the surface: no possessive after it, and before it, back to the
/// sentence start or a comma, only a few words that may open a noun phrase ("Down the
/// street, Mike Lee rejoiced", "Retired nurse Ann Cole runs"; not "She cited Ann Cole").
fn opens_clause(doc: &Document, cfg: &QuoteConfig, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else {
        return false;
    };
    if doc.syntax.get(s).is_some_and(|x| !x.deprel.is_empty()) {
        return is_subject(doc, span);
    }
    if owns(doc, span) {
        return false;
    }
    let sp = &cfg.settings.speaker;
    let first = doc.sentences[s].tokens.start as usize;
    let mut k = doc.token_at_or_after(span.start);
    let mut words = 0;
    while k > first {
        let w = doc.token_text(k - 1);
        if matches!(w, "," | ":" | "\u{2014}" | "\u{2013}" | "\"" | "\u{201c}") {
            break;
        }
        let lower = w.to_lowercase();
        let bare = lower.trim_end_matches("ed");
        words += 1;
        if words > sp.max_words
            || doc.tokens[k - 1].kind != demarche_model::TokenKind::Word
            || sp.stop.contains(&lower)
            || sp.pronouns.contains(&lower)
            || sp.past_forms.contains(&lower)
            || sp.adjunct_preps.contains(&lower)
            || (bare.len() < lower.len() && !starts_upper(w))
        {
            return false;
        }
        k -= 1;
    }
    true
}

/// "the mayor", "the founder of Northway Press", "Campbell's partner": the person or
/// body the role describes, not a name inside the phrase (nor the owner of the role).
fn role(doc: &Document, cfg: &QuoteConfig, m: &mut Mention, here: &Place, named: &[Named]) {
    let f = &cfg.settings.follow;
    let paragraph = here.paragraph;
    let words = doc.slice(m.span);
    let body = is_body(cfg, words);
    if resolved_elsewhere(doc, m, body) {
        return;
    }
    let owner = owner_word(words);
    // A phrase that is a role only for its owner ("Campbell's partner"): a person's
    // partner is somebody else; "Moscow's statement" is Moscow's, and "Canada's public
    // database" whatever the actor layer found.
    let opener = words
        .split_whitespace()
        .next()
        .is_some_and(|w| f.role_openers.contains(&w.to_lowercase()));
    let person_owner = m
        .entity
        .and_then(|e| doc.entities.get(e as usize))
        .is_some_and(|e| e.kind == EntityKind::Person && owns(doc, e.span));
    if owner.is_some() && !opener && (body || !person_owner) {
        return;
    }
    let not_owner = |name: &str| {
        owner
            .as_deref()
            .is_none_or(|o| !name.to_lowercase().split_whitespace().any(|w| w == o))
    };
    if let Some(e) = body.then(|| author_inside(doc, cfg, m)).flatten() {
        set_entity(doc, m, e);
        return;
    }
    // "the Polish minister" names a Pole: a person of another country is not meant.
    let own_country = m
        .entity
        .and_then(|e| doc.entities.get(e as usize))
        .and_then(|e| e.actor.as_ref())
        .and_then(|a| a.country.clone());
    let entity_fits = |e: &usize| {
        let theirs = doc
            .entities
            .get(*e)
            .and_then(|e| e.actor.as_ref())
            .and_then(|a| a.country.as_deref());
        match (own_country.as_deref(), theirs) {
            (Some(mine), Some(theirs)) => mine == theirs,
            _ => true,
        }
    };
    if let Some(e) = introduced_as(doc, cfg, m, body).filter(entity_fits) {
        let e = body
            .then(|| subject_body_since(doc, cfg, here, e, m.span))
            .flatten()
            .unwrap_or(e);
        set_entity(doc, m, e);
        return;
    }
    if body {
        let head = role_head(cfg, words).filter(|h| {
            cfg.settings
                .follow
                .document_heads
                .contains(&h.to_lowercase())
        });
        let Some(head) = head else {
            if let Some(e) = latest_body(doc, cfg, m, paragraph) {
                set_entity(doc, m, e);
            }
            return;
        };
        // A document names its author before its head ("the Globe report"); a name
        // after it with no author marker ("a memo obtained by Reuters") did not write it.
        // `head` is a slice of `words`: its place there, not the first spelling alike.
        let head_end =
            m.span.start as usize + (head.as_ptr() as usize - words.as_ptr() as usize) + head.len();
        let named_after = m
            .entity
            .and_then(|e| doc.entities.get(e as usize))
            .is_some_and(|e| e.span.start as usize >= head_end);
        if named_after {
            m.name = None;
            m.code = None;
            m.entity = None;
        }
        return;
    }
    // "a person familiar with the talks", "sources close to the team": nobody named.
    if anonymous(cfg, words) {
        unname_anonymous(doc, cfg, m);
        return;
    }
    let latest = recent(named, f.pronoun_paragraphs, paragraph)
        .filter(|_| f.role_takes_latest)
        .find(|n| {
            n.person && not_owner(&n.name) && n.entity.is_none_or(|e| entity_fits(&(e as usize)))
        });
    // "Lee has four goals. The 26-year-old winger said": the person just introduced.
    if let Some(e) = latest
        .and_then(|n| new_subject(doc, cfg, here, m.span, n, not_owner))
        .filter(entity_fits)
    {
        set_entity(doc, m, e);
    } else if let Some(n) = latest {
        set(m, n);
    } else if let Some(e) = f
        .role_takes_salient
        .then(|| salient_person(doc, cfg, here, m.span, not_owner))
        .flatten()
        .filter(entity_fits)
    {
        set_entity(doc, m, e);
    } else if owner.is_some() {
        // "Campbell's partner" names somebody, but not Campbell.
        m.name = None;
        m.code = None;
        m.entity = None;
    }
}

/// An anonymous speaker phrase ("officials familiar with Clinton's server", "the person
/// who spoke to The Courier on condition of anonymity") is not the person named after its
/// head, nor anyone named there when it says it is anonymous. An indefinite singular one
/// ("a spokesman for Paul Ryan") and an author after "by" keep their name.
fn unname_anonymous(doc: &Document, cfg: &QuoteConfig, m: &mut Mention) {
    let words = doc.slice(m.span);
    let head_end = role_head(cfg, words)
        .map(|h| m.span.start as usize + (h.as_ptr() as usize - words.as_ptr() as usize) + h.len());
    // The entity the name came from: the one linked, or the one inside the phrase it names.
    let entity = m.entity.map(|e| e as usize).or_else(|| {
        let name = m.name.as_deref()?;
        let first = doc
            .entities
            .partition_point(|e| e.span.start < m.span.start);
        doc.entities[first..]
            .iter()
            .take_while(|e| e.span.start < m.span.end)
            .position(|e| {
                m.span.contains(e.span) && e.actor.as_ref().is_some_and(|a| a.name == name)
            })
            .map(|k| first + k)
    });
    let named_after = entity.and_then(|e| doc.entities.get(e)).is_some_and(|e| {
        (e.kind == EntityKind::Person || has_anonymous_word(cfg, words))
            && head_end.is_some_and(|end| e.span.start as usize >= end)
            // An indefinite singular ("a spokesman for Paul Ryan") may speak for its name.
            && (!indefinite_opener(cfg, words) || unnamed_group(cfg, words))
            && (!after_author_marker(doc, cfg, m.span, e.span) || owns(doc, e.span))
    });
    if named_after {
        m.name = None;
        m.code = None;
        m.entity = None;
    }
}

/// A role naming nobody in particular: indefinite ("a person familiar with …"), plural
/// ("sources close to …", "officials") or saying so ("on condition of anonymity").
fn anonymous(cfg: &QuoteConfig, words: &str) -> bool {
    indefinite_opener(cfg, words) || unnamed_group(cfg, words)
}

/// A role opening with one of `anonymous_openers` ("a person …", "two officials …") or
/// with a figure ("38 percent of voters", "20 people"): a count names nobody in particular
/// (an age is no count: "71-year-old diplomat").
fn indefinite_opener(cfg: &QuoteConfig, words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("").to_lowercase();
    (first.starts_with(|c: char| c.is_ascii_digit()) && !first.contains('-'))
        || cfg.settings.follow.anonymous_openers.contains(&first)
}

/// A role with a plural head ("sources", "people") or a word of anonymity ("unnamed").
fn unnamed_group(cfg: &QuoteConfig, words: &str) -> bool {
    let head = role_head(cfg, words).unwrap_or("").to_lowercase();
    (head.len() > 3 && head.ends_with('s') && !head.ends_with("ss"))
        || cfg.settings.follow.plural_heads.contains(&head)
        || has_anonymous_word(cfg, words)
}

/// "on condition of anonymity", "unnamed": words that keep a speaker unnamed.
fn has_anonymous_word(cfg: &QuoteConfig, words: &str) -> bool {
    words.split(|c: char| !c.is_alphanumeric()).any(|w| {
        cfg.settings
            .follow
            .anonymous_words
            .contains(&w.to_lowercase())
    })
}

/// Does an author marker ("by", "from") stand right before `name`, inside `phrase`?
fn after_author_marker(doc: &Document, cfg: &QuoteConfig, phrase: Span, name: Span) -> bool {
    doc.text[phrase.start as usize..name.start as usize]
        .split_whitespace()
        .rev()
        .find(|w| !cfg.settings.speaker.determiners.contains(&w.to_lowercase()))
        .is_some_and(|w| {
            cfg.settings
                .follow
                .author_markers
                .contains(&w.to_lowercase())
        })
}

/// The owner of a possessive role phrase, lowercased ("Campbell's partner" → "campbell").
fn owner_word(words: &str) -> Option<String> {
    words
        .split_whitespace()
        .find_map(|w| demarche_actors::possessive_split(w).map(|at| w[..at].to_lowercase()))
}

/// The person a reader takes for an unnamed role: in the nearest earlier sentence
/// naming a person outside quotations (within the paragraphs a pronoun looks back),
/// its subject, else its first person who does not own a noun ("Smith's brother").
fn salient_person(
    doc: &Document,
    cfg: &QuoteConfig,
    here: &Place,
    span: Span,
    fits: impl Fn(&str) -> bool,
) -> Option<usize> {
    let (_, found) = nearest_sentence_persons(doc, cfg, here, span.start, fits);
    found
        .iter()
        .find(|&&k| is_subject(doc, doc.entities[k].span))
        .or_else(|| {
            found
                .iter()
                .rev()
                .find(|&&k| !owns(doc, doc.entities[k].span))
        })
        .or(found.last())
        .copied()
}

/// A name followed by a possessive ("Smith's").
fn owns(doc: &Document, span: Span) -> bool {
    let after = &doc.text[span.end as usize..];
    after.starts_with("'s") || after.starts_with("\u{2019}s")
}

/// Is a word of `span` the subject of its clause in the parse?
fn is_subject(doc: &Document, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else {
        return false;
    };
    let Some(syntax) = doc.syntax.get(s).filter(|x| !x.deprel.is_empty()) else {
        return false;
    };
    let first = doc.sentences[s].tokens.start as usize;
    let mut t = doc.token_at_or_after(span.start);
    let subject = |i: usize| syntax.deprel.get(i).is_some_and(|r| r.base() == "nsubj");
    while t < doc.tokens.len() && doc.tokens[t].span.start < span.end {
        // The subject, or a name in apposition to it ("Holt's aide, Peter Dunne, said").
        let appos = |i: usize| {
            syntax.deprel.get(i).is_some_and(|r| r.base() == "appos")
                && syntax.head_of(i).is_some_and(subject)
        };
        if t >= first && (subject(t - first) || appos(t - first)) {
            return true;
        }
        t += 1;
    }
    false
}

/// The named speakers of the last `back` paragraphs, latest first.
fn recent(named: &[Named], back: usize, paragraph: usize) -> impl Iterator<Item = &Named> {
    named
        .iter()
        .rev()
        .take_while(move |n| n.paragraph + back >= paragraph)
}

/// Adds a resolved person or body to the named speakers (latest last, once each).
fn remember(doc: &Document, m: &Mention, paragraph: usize, named: &mut Vec<Named>) {
    let kind = m
        .entity
        .and_then(|e| doc.entities.get(e as usize))
        .map(|e| e.kind);
    let Some(name) = m.name.clone() else { return };
    let person = match kind {
        Some(EntityKind::Person) => true,
        Some(EntityKind::Organization | EntityKind::Group | EntityKind::Country) => false,
        _ => return,
    };
    named.retain(|n| n.name != name);
    named.push(Named {
        name,
        code: m.code.clone(),
        entity: m.entity,
        person,
        paragraph,
        at: m.span.start,
    });
}

/// The actor layer linked the role to a person named elsewhere (its coreference),
/// not to a name inside the phrase ("the founder of Northway Press").
fn resolved_elsewhere(doc: &Document, m: &Mention, body: bool) -> bool {
    m.entity
        .and_then(|e| doc.entities.get(e as usize))
        .is_some_and(|e| {
            let inside = e.span.start >= m.span.start && e.span.end <= m.span.end;
            !inside && fits(e.kind, body)
        })
}

/// A person for a person's role, an organisation for a body's.
fn fits(kind: EntityKind, body: bool) -> bool {
    if body {
        kind == EntityKind::Organization
    } else {
        kind == EntityKind::Person
    }
}

fn set_entity(doc: &Document, m: &mut Mention, e: usize) {
    if let Some(a) = &doc.entities[e].actor {
        m.entity = Some(e as u32);
        m.name = Some(a.name.clone());
        m.code = a.code.clone();
    }
}

/// The head word of a role phrase: the last word before "of", "for", … ("the founder
/// of Northway Press" → "founder").
fn role_head<'t>(cfg: &QuoteConfig, words: &'t str) -> Option<&'t str> {
    let words: Vec<&str> = words
        .split(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '\u{2019}')
        .filter(|w| !w.is_empty())
        .collect();
    let stop = words
        .iter()
        .position(|w| cfg.settings.follow.head_ends.contains(&w.to_lowercase()))
        .unwrap_or(words.len());
    let after_head = &cfg.settings.speaker.postnominal;
    // "sources familiar with …": back over the adjectives that follow a head.
    let mut head = words[..stop]
        .iter()
        .rev()
        .skip_while(|w| stop < words.len() && after_head.contains(&w.to_lowercase()));
    head.next().or(words[..stop].last()).copied()
}

/// A role phrase naming a body or a document ("the company", "the report").
fn is_body(cfg: &QuoteConfig, words: &str) -> bool {
    role_head(cfg, words)
        .is_some_and(|h| cfg.settings.follow.body_heads.contains(&h.to_lowercase()))
}

/// "a report by the Fraser Institute": the organisation or person named inside a
/// body or document speaker right after an author marker, unless a verb before the
/// marker says it only holds the document ("obtained by").
fn author_inside(doc: &Document, cfg: &QuoteConfig, m: &Mention) -> Option<usize> {
    let f = &cfg.settings.follow;
    let first = doc
        .entities
        .partition_point(|e| e.span.start < m.span.start);
    doc.entities[first..]
        .iter()
        .take_while(|e| e.span.end <= m.span.end)
        .position(|e| {
            // Back from the name over a determiner ("by the Fraser Institute").
            let before: Vec<&str> = doc.text[m.span.start as usize..e.span.start as usize]
                .split_whitespace()
                .rev()
                .skip_while(|w| cfg.settings.speaker.determiners.contains(&w.to_lowercase()))
                .take(2)
                .collect();
            let marker = before
                .first()
                .is_some_and(|w| f.author_markers.contains(&w.to_lowercase()));
            let held = before
                .get(1)
                .is_some_and(|w| f.not_author_verbs.contains(&w.to_lowercase()));
            e.actor.is_some()
                && matches!(e.kind, EntityKind::Organization | EntityKind::Person)
                && marker
                && !held
        })
        .map(|k| first + k)
}

/// The latest organisation named after entity `since` and before `at` as the subject of
/// its clause, outside quotations: the body a reader follows now, over one the text
/// introduced earlier with the role word ("IBM, the company … Procter & Gamble rallied
/// … The company said": Procter & Gamble).
fn subject_body_since(
    doc: &Document,
    cfg: &QuoteConfig,
    here: &Place,
    since: usize,
    at: Span,
) -> Option<usize> {
    let upto = doc.entities.partition_point(|e| e.span.start < at.start);
    (since + 1..upto).rev().find(|&k| {
        let e = &doc.entities[k];
        e.kind == EntityKind::Organization
            && e.actor.is_some()
            && e.span.end <= at.start
            && !here.quoted(e.span)
            && (is_subject(doc, e.span) || verb_follows(doc, cfg, e.span))
    })
}

/// Is the word right after `span`, in its sentence, a verb ("Procter & Gamble
/// rallied"): a subject on the surface where the parse hung the name elsewhere. A
/// sentence the parser did not tag is read on the surface: a past form in lower case.
fn verb_follows(doc: &Document, cfg: &QuoteConfig, span: Span) -> bool {
    let Some(s) = doc.sentence_at(span.start) else {
        return false;
    };
    let range = doc.sentences[s].tokens.clone();
    let next = doc.token_at_or_after(span.end);
    if !range.contains(&(next as u32)) {
        return false;
    }
    match doc.syntax.get(s).filter(|x| !x.is_empty()) {
        Some(syntax) => syntax.upos.get(next - range.start as usize) == Some(&Upos::Verb),
        None => {
            let w = doc.slice(doc.tokens[next].span);
            w.starts_with(char::is_lowercase)
                && (w.ends_with("ed") || cfg.settings.speaker.past_forms.contains(w))
        }
    }
}

/// Is the word right after `span` a verb that makes what follows ("issued", "wrote")?
fn issued(doc: &Document, cfg: &QuoteConfig, span: Span) -> bool {
    let next = doc.token_at_or_after(span.end);
    doc.tokens.get(next).is_some_and(|t| {
        cfg.settings
            .follow
            .issuing_verbs
            .contains(&doc.slice(t.span).to_lowercase())
    })
}

/// The latest organisation named before `m`, within the paragraphs a pronoun looks back.
fn latest_body(doc: &Document, cfg: &QuoteConfig, m: &Mention, paragraph: usize) -> Option<usize> {
    let f = &cfg.settings.follow;
    let upto = doc
        .entities
        .partition_point(|e| e.span.start < m.span.start);
    doc.entities[..upto]
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, e)| e.span.end <= m.span.start)
        .take_while(|(_, e)| {
            within_reach(
                doc,
                e.span.start,
                m.span.start,
                f.pronoun_paragraphs,
                paragraph,
            )
        })
        .find(|(_, e)| e.kind == EntityKind::Organization && e.actor.is_some())
        .map(|(k, _)| k)
}

/// A role phrase: an opener ("the") and a lowercase head ("the soft-spoken owner",
/// "the founder of Northway Press").
fn is_role(cfg: &QuoteConfig, words: &str) -> bool {
    let first = words.split_whitespace().next().unwrap_or("");
    let head = role_head(cfg, words).unwrap_or("");
    // "medical director of the institute": a role without a determiner, too.
    let opens = cfg
        .settings
        .follow
        .role_openers
        .contains(&first.to_lowercase())
        || (!starts_upper(first) || owner_word(words).is_some())
            && words.split_whitespace().nth(1).is_some();
    opens && !head.eq_ignore_ascii_case(first) && !starts_upper(head)
}

/// The nearest person named before `at`, outside quotations, within the paragraphs
/// a pronoun looks back, whose name `fits`.
fn nearest_person(
    doc: &Document,
    cfg: &QuoteConfig,
    here: &Place,
    at: u32,
    fits: impl Fn(&str) -> bool,
) -> Option<usize> {
    persons_before(doc, cfg, here, at, fits).next()
}

/// The nearest sentence before `at` naming a person who `fits` outside quotations,
/// and those persons (entity indexes, latest first).
fn nearest_sentence_persons(
    doc: &Document,
    cfg: &QuoteConfig,
    here: &Place,
    at: u32,
    fits: impl Fn(&str) -> bool,
) -> (Option<usize>, Vec<usize>) {
    let mut earlier = persons_before(doc, cfg, here, at, fits).peekable();
    let sentence = earlier
        .peek()
        .and_then(|&k| doc.sentence_at(doc.entities[k].span.start));
    let found = earlier
        .take_while(|&k| doc.sentence_at(doc.entities[k].span.start) == sentence)
        .collect();
    (sentence, found)
}

/// The persons named before `at`, nearest first, outside quotations and parentheses
/// (photo credits) and within the paragraphs a pronoun looks back, whose name `fits`
/// (indices into `doc.entities`).
fn persons_before<'d>(
    doc: &'d Document,
    cfg: &QuoteConfig,
    here: &'d Place,
    at: u32,
    fits: impl Fn(&str) -> bool + 'd,
) -> impl Iterator<Item = usize> + 'd {
    let back = cfg.settings.follow.pronoun_paragraphs;
    let upto = doc.entities.partition_point(|e| e.span.start < at);
    doc.entities[..upto]
        .iter()
        .enumerate()
        .rev()
        .filter(move |(_, e)| e.span.end <= at)
        .take_while(move |(_, e)| within_reach(doc, e.span.start, at, back, here.paragraph))
        .filter(move |(_, e)| {
            e.kind == EntityKind::Person
                && !here.quoted(e.span)
                && !doc.in_parentheses(e.span)
                && e.actor.as_ref().is_some_and(|a| fits(&a.name))
        })
        .map(|(k, _)| k)
}

fn set(m: &mut Mention, n: &Named) {
    m.name = Some(n.name.clone());
    m.code = n.code.clone();
    m.entity = n.entity;
}

/// Is a name at `start` within the `back` paragraphs a pronoun looks back from
/// `paragraph`, and within [`ROLE_LOOKBACK_BYTES`] of `at` (a document that is one
/// long paragraph must not be searched whole from every pronoun)?
fn within_reach(doc: &Document, start: u32, at: u32, back: usize, paragraph: usize) -> bool {
    start as usize + ROLE_LOOKBACK_BYTES >= at as usize
        && paragraph_of(doc, start) + back >= paragraph
}

fn paragraph_of(doc: &Document, at: u32) -> usize {
    doc.paragraphs.partition_point(|p| p.end <= at)
}

/// "the mayor": the named person or body the text earlier described with the same
/// head word ("Harbourton Mayor Doug Hartley", "Google, the company that …").
fn introduced_as(doc: &Document, cfg: &QuoteConfig, m: &Mention, body: bool) -> Option<usize> {
    let f = &cfg.settings.follow;
    let words: Vec<&str> = doc
        .slice(m.span)
        .split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let first = words.first()?;
    let head = role_head(cfg, doc.slice(m.span))?;
    if !f.role_openers.contains(&first.to_lowercase()) || starts_upper(head) {
        return None;
    }
    let head = head.to_lowercase();
    // The nearest earlier use of the head word with a name right next to it,
    // within a bounded stretch of text before (so long documents stay linear).
    let mut from = (m.span.start as usize).saturating_sub(ROLE_LOOKBACK_BYTES);
    while !doc.text.is_char_boundary(from) {
        from += 1;
    }
    let before = &doc.text[from..m.span.start as usize];
    let mut end = before.len();
    let lower = before.to_ascii_lowercase();
    let mut tries = 0;
    while let Some(at) = lower[..end].rfind(head.as_str()) {
        tries += 1;
        if tries > f.role_lookback {
            break;
        }
        let word_end = at + head.len();
        let whole = !lower[..at].ends_with(char::is_alphanumeric)
            && !lower[word_end..].starts_with(char::is_alphanumeric);
        if whole {
            // Offsets into the document from here on.
            let (at, word_end) = (from + at, from + word_end);
            let window = at.saturating_sub(f.role_gap + MAX_NAME_BYTES) as u32;
            let first = doc.entities.partition_point(|e| e.span.start < window);
            let last = doc
                .entities
                .partition_point(|e| (e.span.start as usize) <= word_end + f.role_gap);
            let near = doc.entities[first..last.max(first)].iter().position(|e| {
                let (s, t) = (e.span.start as usize, e.span.end as usize);
                // A name repeating the role word is a description ("Russia minister of
                // foreign affairs"), not the name of whom it describes.
                e.actor
                    .as_ref()
                    .is_some_and(|a| !a.name.to_lowercase().contains(head.as_str()))
                    && fits(e.kind, body)
                    && ((s >= word_end && s <= word_end + f.role_gap)
                        // "Kudlow denied reports": a name acting on the word is not
                        // described by it, unless it made it ("Gatsby issued a statement").
                        || (t <= at
                            && t + f.role_gap >= at
                            && (!verb_follows(doc, cfg, e.span) || issued(doc, cfg, e.span)))
                        || (s <= at && t >= word_end))
            });
            if let Some(k) = near {
                return Some(first + k);
            }
            end = at - from;
            continue;
        }
        end = at;
    }
    None
}

/// How far back (bytes) a role looks for the words that introduced its person.
const ROLE_LOOKBACK_BYTES: usize = 20_000;
/// Longest name an introducing phrase is expected to hold (bytes).
const MAX_NAME_BYTES: usize = 200;

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}
