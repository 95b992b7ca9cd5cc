//! Stage `events`: who did what to whom, coded in CAMEO and PLOVER, with
//! mode and date.
//!
//! Triggers come from documented patterns in `data/events/patterns.tsv`
//! (verbs and nominalisations with their argument slots); sources and targets
//! from the parse when there is one, else from the words around the trigger,
//! resolved through the actor layer ([`demarche_actors::resolve_at`] and
//! `doc.entities`); the mode from negation and modal words
//! (`data/events/words.tsv`); the date from the clause's temporal expression,
//! else the publication date. Codes, Goldstein values, quad classes and PLOVER
//! categories come from [`CameoTable`].

mod args;
mod cameo;
mod lexicon;
mod matcher;
mod mode;
mod patterns;
mod triggers;
mod view;

use std::sync::OnceLock;

use demarche_actors::ActorKb;
use demarche_model::{covering, Document, Event, Mention, Mode, Span};

pub use cameo::{CameoCode, CameoTable, TableError};
pub use patterns::PatternError;
pub use triggers::{sentences_with_triggers, triggers_among};

use args::Ctx;
use lexicon::{Lexicon, WordClass};
use matcher::Match;
use patterns::{Embed, Patterns, Slot};
use view::SentenceView;

/// How many tokens may separate an embedding pattern from the event it embeds
/// ("urged Washington to [immediately] refrain").
const EMBED_REACH: usize = 3;

struct Knowledge {
    lex: Lexicon,
    patterns: Patterns,
}

fn knowledge() -> &'static Knowledge {
    static K: OnceLock<Knowledge> = OnceLock::new();
    K.get_or_init(|| Knowledge {
        lex: Lexicon::load(),
        patterns: Patterns::load(),
    })
}

/// Fills `doc.events`. Runs the text stage first when the document has no
/// tokens yet; reads `doc.entities`, `doc.quotes`, `doc.dates` and
/// `doc.syntax` when earlier stages filled them.
pub fn annotate(doc: &mut Document, kb: &ActorKb) {
    if doc.tokens.is_empty() || doc.sentences.is_empty() {
        demarche_text::analyse(doc);
    }
    let k = knowledge();
    let table = CameoTable::embedded();
    let mut events = Vec::new();
    let mut cands = Vec::new();
    let has_body = doc.sentences.iter().filter(|s| !s.heading).count() > 1;
    for s in 0..doc.sentences.len() {
        // Headlines repeat what the body tells with its actors in full.
        if has_body && doc.sentences[s].heading {
            continue;
        }
        let view = SentenceView::build(doc, s, &k.lex, &k.patterns, &mut cands);
        let matches = matcher::find(&view, &k.patterns, &k.lex);
        if matches.is_empty() {
            continue;
        }
        let in_date = view.toks.iter().map(|t| t.in_date).collect();
        let syn = doc
            .syntax
            .get(s)
            .filter(|x| x.is_parsed() && x.len() == view.len());
        let ctx = Ctx {
            syn,
            doc,
            kb,
            lex: &k.lex,
            view: &view,
            in_date,
        };
        sentence_events(&ctx, &matches, table, &mut cands, &mut events);
    }
    dedup(&mut events);
    // The output contract needs a PLOVER class; codes PLOVER has no category for are not emitted.
    events.retain(|e| !e.plover.is_empty());
    doc.events = events;
}

/// Arguments found for one match, kept so embedded events can borrow them.
struct Found {
    sources: Vec<Mention>,
    targets: Vec<Mention>,
    first_event: usize,
}

fn sentence_events(
    ctx: &Ctx,
    matches: &[Match],
    table: &CameoTable,
    cands: &mut Vec<String>,
    out: &mut Vec<Event>,
) {
    let k = knowledge();
    let sentence_start = out.len();
    let mut found: Vec<Option<Found>> = Vec::with_capacity(matches.len());
    // Triggers of intent frames whose embedded act turned out hostile.
    let mut hostile_intents: Vec<demarche_model::Span> = Vec::new();
    for (mi, m) in matches.iter().enumerate() {
        let pat = &k.patterns.list[m.pattern];
        let governor = governor_of(ctx, matches, mi);
        let embed = governor.and_then(|g| k.patterns.list[matches[g].pattern].embed);
        if embed == Some(Embed::Suppress)
            || suppressed_by_words(ctx, m.head)
            || (pat.noun && characterised(ctx, m.head))
        {
            found.push(None);
            continue;
        }
        let (mut sources, mut targets) = arguments(ctx, m, pat, cands);
        if let Some(g) = governor {
            let gpat = &k.patterns.list[matches[g].pattern];
            if let Some(Some(gf)) = found.get(g) {
                // "urge X to attack": X acts; "threaten to attack": the threatener acts.
                let from_target =
                    embed == Some(Embed::Mode(Mode::Requested)) && gpat.has_slot(Slot::Target);
                let inherited = if from_target {
                    &gf.targets
                } else {
                    &gf.sources
                };
                // "called for Tehran to accept": the one urged acts, whatever the
                // parse made the infinitive's subject.
                let named_in_slot = matches[g]
                    .slot(Slot::Target)
                    .is_some_and(|r| r.clone().any(|i| ctx.view.toks[i].entity.is_some()));
                let urged = from_target
                    && gpat.target_then_word()
                    && named_in_slot
                    && !pat.has_slot(Slot::Source);
                if (sources.is_empty() || !from_target || urged) && !inherited.is_empty() {
                    sources = inherited.clone();
                }
            }
        }
        if sources.is_empty() && !pat.noun && ctx.view.toks[m.head].lower.ends_with("ing") {
            sources = ctx.main_clause_subject(m.end).unwrap_or_default();
        }
        quote_speaker(ctx, m.head, &mut sources);
        if sources.len() == 1 && sources[0].code.is_none() && is_pronoun(ctx, &sources[0]) {
            if let Some(r) = ctx.reporter_before(m.head) {
                sources = r;
            }
        }
        if let (Some(r), [t]) = (m.slot(Slot::Target), targets.as_slice()) {
            if t.code.is_none() {
                if let Some(src) = ctx.earlier_event_source(r, out, cands) {
                    targets = vec![src];
                }
            }
        }
        if targets.is_empty() && !pat.no_target && !pat.has_slot(Slot::Target) {
            if let Some(t) = retaliated_against(ctx, m.head, &pat.code, &sources, table, out) {
                targets = vec![t];
            }
        }
        // "India and Pakistan agreed to a truce ... in Kashmir": coordinated parties
        // of a mutual act act on each other, not on a place named later.
        let mutual = sources.len() > 1 && k.lex.is_mutual(&pat.code);
        if targets.is_empty() && !pat.no_target && !pat.has_slot(Slot::Target) && !mutual {
            // "rejected India's proposal": an owner among the pattern's words, else an actor after them.
            targets = ctx
                .actor_within(m.head + 1..m.end)
                .or_else(|| ctx.actor_after(m.end))
                .or_else(|| ctx.phrase_after_preposition(m.end))
                .unwrap_or_default();
        }
        drop_own_country(&k.lex, &sources, &mut targets);
        let embedded_mode = match embed {
            Some(Embed::Mode(md)) => Some(md),
            _ => None,
        };
        let first_event = out.len();
        let made = emit(
            ctx,
            m,
            &pat.code,
            &sources,
            &targets,
            embedded_mode,
            pat.has_slot(Slot::Target),
            table,
            out,
        );
        // An embedding event without a target of its own takes its complement's
        // ("agreed to open its borders to X": agreement with X).
        if let Some(g) = governor {
            let gpat = &k.patterns.list[matches[g].pattern];
            if let Some(Some(gf)) = found.get(g) {
                if gf.targets.is_empty() && !gpat.has_slot(Slot::Target) && !targets.is_empty() {
                    if let Some(t) = targets.first() {
                        for e in out
                            .iter_mut()
                            .skip(gf.first_event)
                            .take(made.0.saturating_sub(gf.first_event))
                        {
                            if e.target.is_none() {
                                e.target = Some(t.clone());
                            }
                        }
                    }
                }
            }
        }
        // "vowed to strike", "is ready to attack": an intent frame (CAMEO 03,
        // intent to cooperate) around a conflictual act is no cooperation; the
        // act, coded as a threat, tells it alone.
        if let Some(g) = governor {
            let hostile = out
                .get(first_event..made.0)
                .unwrap_or_default()
                .iter()
                .any(|e| table.quad_class(&e.cameo).is_some_and(|q| q >= 3));
            if hostile && k.patterns.list[matches[g].pattern].code.starts_with("03") {
                hostile_intents.push(ctx.view.toks[matches[g].head].span);
            }
        }
        found.push(Some(Found {
            sources,
            targets,
            first_event,
        }));
    }
    if !hostile_intents.is_empty() {
        let mut i = 0;
        out.retain(|e| {
            i += 1;
            i <= sentence_start
                || !(e.cameo.starts_with("03") && hostile_intents.contains(&e.trigger))
        });
    }
}

/// The match whose embedding ("urge X to", "threaten to") ends just before `mi`'s trigger.
fn governor_of(ctx: &Ctx, matches: &[Match], mi: usize) -> Option<usize> {
    let k = knowledge();
    let head = matches[mi].head;
    (0..mi).rev().find(|&g| {
        let gm = &matches[g];
        k.patterns.list[gm.pattern].embed.is_some()
            && gm.end <= head
            && head - gm.end <= EMBED_REACH
            && (gm.end..head).all(|i| !ctx.view.is_boundary(ctx.lex, i))
    })
}

/// "prompting Tehran to respond with its own barrage": a conflict event told
/// with a word of retaliation and no target is aimed at whoever, in this
/// sentence or the one before, acted in conflict against its source's country.
fn retaliated_against(
    ctx: &Ctx,
    head: usize,
    code: &str,
    sources: &[Mention],
    table: &CameoTable,
    earlier: &[Event],
) -> Option<Mention> {
    if table.quad_class(code)? < 3 {
        return None;
    }
    // The retaliation word, up to six words before, in the same clause, and not
    // naming what is retaliated for ("in response to the refusal").
    let mut told_as_retaliation = false;
    for i in (head.saturating_sub(6)..=head).rev() {
        if ctx.view.is(ctx.lex, WordClass::Retaliate, i)
            || ctx.view.is_phrase(ctx.lex, WordClass::Retaliate, i)
        {
            told_as_retaliation = true;
            break;
        }
        let stops = ctx.view.is_boundary(ctx.lex, i)
            || (ctx.view.is(ctx.lex, WordClass::Preposition, i)
                && !ctx.view.is(ctx.lex, WordClass::LightThrough, i));
        if i < head && stops {
            break;
        }
    }
    if !told_as_retaliation {
        return None;
    }
    let country = |m| country_of(ctx.lex, m);
    let own = country(sources.first()?)?;
    let here = ctx.view.span.start;
    let s = ctx.doc.sentence_at(here)?;
    let from = ctx.doc.sentences[s.saturating_sub(1)].span.start;
    earlier
        .iter()
        .rev()
        .take_while(|e| e.evidence.start >= from)
        .find(|e| {
            e.quad_class >= 3
                && e.target.as_ref().and_then(country) == Some(own)
                && e.source
                    .as_ref()
                    .and_then(country)
                    .is_some_and(|c| c != own)
        })
        .and_then(|e| e.source.clone())
}

/// The country a mention's code names ("RUS" of "RUSGOV"); none for a sector
/// alone ("GOV") or an international organisation.
fn country_of<'m>(lex: &Lexicon, m: &'m Mention) -> Option<&'m str> {
    m.code
        .as_deref()
        .filter(|c| lex.has_country(c) && !c.starts_with("IGO"))
        .and_then(|c| c.get(..3))
}

/// "praised the relationship between the two nations": of several targets, one
/// of the source's own country is not acted on; the others are.
fn drop_own_country(lex: &Lexicon, sources: &[Mention], targets: &mut Vec<Mention>) {
    if targets.len() < 2 {
        return;
    }
    let own: Vec<&str> = sources.iter().filter_map(|m| country_of(lex, m)).collect();
    let others: Vec<Mention> = targets
        .iter()
        .filter(|t| country_of(lex, t).is_none_or(|c| !own.contains(&c)))
        .cloned()
        .collect();
    if !others.is_empty() && others.len() < targets.len() {
        *targets = others;
    }
}

/// "labelling them “unprovoked aggression” and a “gross violation …”": a noun
/// that a characterising verb says something is, within its clause, names no
/// new act. It comes after "as" or after the thing characterised ("them", "the
/// strikes"); right after the verb it is only what is described ("described U.S.
/// airstrikes").
fn characterised(ctx: &Ctx, head: usize) -> bool {
    let (mut second_phrase, mut determiners) = (false, 0);
    for i in (head.saturating_sub(12)..head).rev() {
        if ctx.view.is(ctx.lex, WordClass::Characterise, i) {
            return second_phrase;
        }
        let t = &ctx.view.toks[i];
        // Owners ("its", "their") are determiners and pronouns at once: neither here.
        let determiner = ctx.view.is(ctx.lex, WordClass::Determiner, i);
        let pronoun = ctx.view.is(ctx.lex, WordClass::Pronoun, i);
        determiners += usize::from(determiner && !pronoun);
        second_phrase |= t.lower == "as" || (pronoun && !determiner) || determiners >= 2;
        let passes = t.kind == demarche_model::TokenKind::Quote
            || t.lower == "as"
            || ctx.view.is(ctx.lex, WordClass::Coordination, i) && t.lower != ",";
        if !passes
            && (ctx.view.is_break(i)
                || ctx.view.is_boundary(ctx.lex, i)
                || ctx.view.is(ctx.lex, WordClass::Preposition, i))
        {
            return false;
        }
    }
    false
}

/// "to refrain from strikes", "avoid military action": force that is not to be used.
fn suppressed_by_words(ctx: &Ctx, head: usize) -> bool {
    let lo = head.saturating_sub(4);
    (lo..head).any(|i| {
        ctx.view.is(ctx.lex, WordClass::Suppress, i)
            || ctx.view.is_phrase(ctx.lex, WordClass::Suppress, i)
    }) && (lo..head).all(|i| !ctx.view.is_break(i))
}

fn arguments(
    ctx: &Ctx,
    m: &Match,
    pat: &patterns::Pattern,
    cands: &mut Vec<String>,
) -> (Vec<Mention>, Vec<Mention>) {
    let mut targets = match m.slot(Slot::Target) {
        Some(r) if !r.is_empty() => ctx.mentions_in(r, true),
        _ => Vec::new(),
    };
    let mut sources = match m.slot(Slot::Source) {
        Some(r) if !r.is_empty() => ctx.mentions_in(r, true),
        _ => Vec::new(),
    };
    if pat.noun {
        if pat.has_slot(Slot::Source) {
            // "X drew criticism from Y": X is the target.
            if let Some(v) = ctx.governing_verb(m.head, WordClass::Receive, cands) {
                if targets.is_empty() {
                    targets = subject_of(ctx, v);
                }
            }
        }
        if sources.is_empty() {
            sources = ctx
                .premodifier(m.head)
                .or_else(|| ctx.by_agent(m.head + 1))
                .or_else(|| {
                    ctx.governing_verb(m.head, WordClass::Light, cands)
                        .map(|v| subject_of(ctx, v))
                })
                .unwrap_or_default();
        }
    } else if let Some((subj, agent)) = ctx.parse_passive(m.head) {
        // "Iran was condemned by the UN", from the parse.
        if targets.is_empty() {
            targets = ctx.mentions_in(subj, false);
        }
        sources = match agent {
            Some(r) => ctx.mentions_in(r.start + 1..r.end, false),
            None => ctx.by_agent(m.end).unwrap_or_default(),
        };
    } else if matcher::is_passive(ctx.view, m.head, ctx.lex)
        && m.slot(Slot::Target).is_none_or(|r| r.is_empty())
    {
        // "Iran was condemned by the UN".
        targets = subject_of(ctx, m.head);
        sources = ctx.by_agent(m.end).unwrap_or_default();
    } else {
        if sources.is_empty() {
            sources = subject_of(ctx, m.head);
        }
        // "condemned [T]": the parsed object is the whole phrase, modifiers and all.
        // A slot closed by pattern words ("give [T] a deadline") already holds its
        // words (the parsed object there is the deadline, not the one given it).
        if pat.elems.len() == 2
            && matches!(pat.elems.get(1), Some(patterns::Elem::Slot(Slot::Target)))
        {
            if let Some(r) = ctx.parse_object(m.head) {
                let v = ctx.mentions_in(r, true);
                if !v.is_empty() {
                    targets = v;
                }
            }
        }
    }
    (sources, targets)
}

fn subject_of(ctx: &Ctx, head: usize) -> Vec<Mention> {
    let coded = |v: &[Mention]| {
        v.iter()
            .any(|m| m.code.as_deref().is_some_and(|c| ctx.lex.has_country(c)))
    };
    let parsed = ctx
        .parse_subject(head)
        .map(|r| ctx.mentions_in(r, false))
        .unwrap_or_default();
    if coded(&parsed) {
        return parsed;
    }
    // The parser may hang a dateline or a fronted phrase as the subject: the
    // words before the verb are asked too, and the one naming an actor wins.
    let surface = ctx
        .subject_region(head)
        .map(|r| ctx.mentions_in(r, false))
        .unwrap_or_default();
    if coded(&surface) || parsed.is_empty() {
        surface
    } else {
        parsed
    }
}

/// Inside a quotation, "we" and "our" (or nobody) stand for the speaker.
fn quote_speaker(ctx: &Ctx, head: usize, sources: &mut Vec<Mention>) {
    let span = ctx.view.toks[head].span;
    let Some(q) = covering(&ctx.doc.quotes, |q| q.span, span).map(|i| &ctx.doc.quotes[i]) else {
        return;
    };
    let Some(speaker) = &q.speaker else { return };
    let first_person = |m: &Mention| {
        ctx.lex.is(
            WordClass::FirstPerson,
            &ctx.doc.slice(m.span).to_lowercase(),
        )
    };
    if sources.is_empty() || sources.iter().all(first_person) {
        *sources = vec![speaker.clone()];
    }
}

fn is_pronoun(ctx: &Ctx, m: &Mention) -> bool {
    let w = ctx.doc.slice(m.span).to_lowercase();
    ctx.lex.is(WordClass::Pronoun, &w) || ctx.lex.is(WordClass::FirstPerson, &w)
}

/// Pushes one event per source × target; returns the range of indexes pushed.
#[allow(clippy::too_many_arguments)]
fn emit(
    ctx: &Ctx,
    m: &Match,
    code: &str,
    sources: &[Mention],
    targets: &[Mention],
    embedded: Option<Mode>,
    has_target_slot: bool,
    table: &CameoTable,
    out: &mut Vec<Event>,
) -> (usize, usize) {
    let start = out.len();
    // An event needs someone who acts, someone acted on (unless the pattern
    // takes no object), and on either side an actor the dictionaries know or
    // a proper name ("the Movement for Quality Government").
    let coded = |v: &[Mention]| v.iter().any(|m| m.code.is_some());
    // A public statement (root 01) is coded only when it is about someone.
    let intransitive = targets.is_empty() && !has_target_slot && !code.starts_with("01");
    let named = |v: &[Mention]| v.iter().any(|m| names_someone(ctx.doc.slice(m.span)));
    let known = coded(sources) || coded(targets) || named(sources) || named(targets);
    if sources.is_empty() || (targets.is_empty() && !intransitive) || !known {
        return (start, start);
    }
    let Some(entry) = table.get(code) else {
        return (start, start);
    };
    // Acts whose future or conditional telling is a threat (uses of force, sanctions, protest).
    let force = ctx.lex.threat_code(&entry.code).is_some();
    let cues = mode::cues(ctx.view, m.head, ctx.lex);
    let mut mode = mode::decide(cues, embedded, force);
    let trigger = ctx.view.toks[m.head].span;
    let quote = covering(&ctx.doc.quotes, |q| q.span, trigger).map(|i| i as u32);
    if quote.is_some() && mode == Mode::Asserted && force {
        mode = Mode::Reported;
    }
    let mut code = entry.code.clone();
    if mode == Mode::Threatened {
        if let Some(t) = ctx.lex.threat_code(&code) {
            code = t.to_string();
        }
    }
    // Cooperation the text says will not or did not happen is a refusal (CAMEO 12).
    if mode == Mode::Negated {
        if let Some(t) = ctx.lex.refusal_code(&code) {
            code = t.to_string();
            mode = Mode::Asserted;
        }
    }
    // Intended or future cooperation is an expression of intent (CAMEO 03).
    if !force
        && (mode == Mode::Hypothetical
            || (matches!(mode, Mode::Asserted | Mode::Reported) && cues.future))
    {
        if let Some(t) = ctx.lex.intent_code(&code) {
            code = t.to_string();
            mode = Mode::Hypothetical;
        }
    }
    let entry = table.get(&code).unwrap_or(entry);
    let evidence = ctx.view.span;
    let (date, date_span) = date_for(ctx.doc, evidence, trigger);
    let none = [None];
    let srcs: Vec<Option<&Mention>> = if sources.is_empty() {
        none.to_vec()
    } else {
        sources.iter().map(Some).collect()
    };
    let mutual = !coded(targets) && sources.len() > 1 && ctx.lex.is_mutual(&code);
    let tgts: Vec<Option<&Mention>> = if mutual {
        sources.iter().map(Some).collect()
    } else if targets.is_empty() {
        none.to_vec()
    } else {
        targets.iter().map(Some).collect()
    };
    for s in &srcs {
        for t in &tgts {
            if let (Some(a), Some(b)) = (s, t) {
                if same_actor(a, b) {
                    continue;
                }
            }
            out.push(Event {
                source: s.cloned(),
                target: t.cloned(),
                cameo: code.clone(),
                plover: entry.plover.clone(),
                quad_class: entry.quad_class,
                goldstein: entry.goldstein,
                mode,
                trigger,
                evidence,
                date: date.clone(),
                date_span,
                quote,
            });
        }
    }
    (out.len(), start)
}

/// Whether a phrase holds a proper name: a capitalised word after its first.
fn names_someone(text: &str) -> bool {
    text.split_whitespace()
        .skip(1)
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}

/// The same actor on both sides: the same words, entity or country. A government
/// acting on its own country's people or places is an event.
fn same_actor(a: &Mention, b: &Mention) -> bool {
    a.span.overlaps(b.span)
        || (a.entity.is_some() && a.entity == b.entity)
        || matches!((a.code.as_deref(), b.code.as_deref()), (Some(x), Some(y)) if x == y && x.len() == 3)
}

/// The temporal expression of the sentence nearest the trigger, else the publication date.
fn date_for(doc: &Document, evidence: Span, trigger: Span) -> (Option<String>, Option<Span>) {
    let full = |v: &str| v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    let distance = |s: Span| {
        if s.end <= trigger.start {
            trigger.start - s.end
        } else {
            s.start.saturating_sub(trigger.end)
        }
    };
    let best = doc
        .dates
        .iter()
        .filter(|d| evidence.contains(d.span) && d.value.as_deref().is_some_and(full))
        .min_by_key(|d| distance(d.span));
    match best {
        Some(d) => (d.value.clone(), Some(d.span)),
        None => (
            doc.published.map(|p| p.format("%Y-%m-%d").to_string()),
            None,
        ),
    }
}

/// One event per (trigger, source, target, code).
fn dedup(events: &mut Vec<Event>) {
    let mut seen = foldhash::HashSet::default();
    events.retain(|e| {
        let key = (
            e.trigger,
            e.source.as_ref().map(|m| m.span),
            e.target.as_ref().map(|m| m.span),
            e.cameo.clone(),
        );
        seen.insert(key)
    });
}
