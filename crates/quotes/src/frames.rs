//! Reporting frames: a cue with its speaker and the content it introduces.
//!
//! "Peskov said that X." → speaker before, content after the cue.
//! "X, Peskov said." / "“X,” said Putin." → content before the cue.
//! "According to Y, X." / "X, according to Y." → the speaker follows the cue.
//! A participle ("…, saying:") takes the subject of its clause as speaker.

use std::ops::Range;

use demarche_model::Upos;

use crate::parsed;
use crate::speaker;
use crate::view::{Cue, View};

#[derive(Clone, Debug)]
pub struct Frame {
    pub cue: Cue,
    pub speaker: Option<Range<usize>>,
    /// Token range of what the cue introduces, if any.
    pub content: Option<Range<usize>>,
    /// The content is an object with the quotation that completes it ("called the plan
    /// “a reckless gamble”"): one mixed quote, whatever share of it is quoted.
    pub named: bool,
    /// The text reports it for nobody named, on purpose ("Asked whether …, she said"):
    /// a quote with no speaker, where other frames without one report nothing.
    pub unnamed: bool,
}

/// Every reporting frame of the document, in text order.
pub fn find(v: &View) -> Vec<Frame> {
    let mut out: Vec<Frame> = Vec::new();
    for s in 0..v.doc.sentences.len() {
        let range = v.sentence(s);
        let first_in_sentence = out.len();
        let mut i = range.start;
        while i < range.end {
            let Some(cue) = v.cue_at[i].filter(|_| v.seg_of[i].is_none()) else {
                i += 1;
                continue;
            };
            i = cue.end;
            let passive = is_passive(v, cue);
            if let Some(q) = question_put(v, cue, &range, passive) {
                out.push(q);
                continue;
            }
            if passive {
                continue;
            }
            if let Some(q) = as_reported_by(v, cue, &range) {
                out.push(q);
                continue;
            }
            let previous_speaker = out[first_in_sentence..]
                .iter()
                .rev()
                .find_map(|f| f.speaker.clone());
            let mut f = frame(v, cue, range.clone(), s, previous_speaker);
            let before = f.content.as_ref().is_some_and(|c| c.end <= f.cue.start);
            parsed::complete(v, s, &mut f);
            if let Some(main) = as_clause_content(v, &f, &range) {
                f.content = Some(main);
            }
            // The words before the speaker were no quotation after all ("On CBS's “Face
            // the Nation,” Ryan said the …"): what follows the cue is the content.
            let speaker_before = f.speaker.as_ref().is_some_and(|r| r.end <= f.cue.start);
            // The parse's complement may stop early where the parser mistook a verb of the
            // clause for one coordinated with the cue: the surface clause end holds.
            let dropped = f.content.as_ref().is_none_or(|c| c.start >= f.cue.end);
            if before && dropped && f.cue.flags.indirect && speaker_before {
                if let Some(surface) = content_after(v, f.cue, &range) {
                    f.content = Some(match f.content.take() {
                        Some(r)
                            if surface.start <= r.start
                                && r.end < surface.end
                                && (r.end..surface.end).all(|k| v.cue_at[k].is_none()) =>
                        {
                            r.start..surface.end
                        }
                        Some(r) => r,
                        None => surface,
                    });
                }
            }
            // "Toronto retiree Jo Hart, who lost 7 kilos, says": the speaker is no content.
            if let (Some(c), Some(sp)) = (&f.content, &f.speaker) {
                if c.start <= sp.start && sp.end <= c.end && c.end <= f.cue.start {
                    // "Mr. Lee, citing “the polls,” said the race …": what follows the cue is.
                    // A quoted "subject" is the parser's mistake, not a speaker.
                    f.content = content_after(v, f.cue, &range)
                        .filter(|_| f.cue.flags.indirect && v.quoted_words(sp.start, sp.end) == 0);
                }
            }
            if let Some(rest) = split_interrupted(v, &mut f) {
                let mut second = f.clone();
                second.content = Some(rest);
                out.push(f);
                out.push(second);
                continue;
            }
            out.push(f);
        }
        end_before_outer_reports(v, &mut out[first_in_sentence..]);
        let extra = parsed::unlisted(v, s, &out[first_in_sentence..]);
        out.extend(extra);
    }
    out.sort_by_key(|f| f.cue.start);
    out
}

/// "Clinton said she was advised to use it, the Times reported.": a report whose content
/// closes with another speaker and cue ends before them (that outer report's content
/// holds the inner one).
fn end_before_outer_reports(v: &View, frames: &mut [Frame]) {
    let outer: Vec<(usize, usize)> = frames
        .iter()
        .filter_map(|g| {
            let sp = g.speaker.as_ref()?;
            let c = g.content.as_ref()?;
            // ", the Times reported late Thursday.": a comma, the speaker, the cue, the end.
            let after = skip_time(v, g.cue.end, v.len());
            let closes =
                after >= v.len() || v.is_stop(after) || v.sent_of[after] != v.sent_of[g.cue.start];
            (c.end <= sp.start
                && sp.end <= g.cue.start
                && sp.start > 0
                && v.is(sp.start - 1, ",")
                && closes)
                .then_some((c.start, sp.start))
        })
        .collect();
    for f in frames.iter_mut() {
        let Some(c) = f.content.as_mut() else {
            continue;
        };
        for &(outer_start, speaker_start) in &outer {
            if !(outer_start <= f.cue.start && f.cue.end <= speaker_start) {
                continue;
            }
            if c.start >= speaker_start {
                // What follows the outer speaker is not the inner cue's to report.
                c.end = c.start;
            } else if f.cue.end <= c.start && speaker_start < c.end {
                c.end = parsed::end_before(v, c.start, speaker_start);
            }
        }
        if c.start >= c.end {
            f.content = None;
        }
    }
}

/// "The old harbour, the mayor said, will reopen": a content interrupted by its speaker
/// and cue is two quotations, before and after them (with `content.split_interrupted`).
/// Keeps the first part in `f` and returns the second.
fn split_interrupted(v: &View, f: &mut Frame) -> Option<Range<usize>> {
    if !v.cfg.settings.content.split_interrupted {
        return None;
    }
    let c = f.content.clone()?;
    let (first, last) = match &f.speaker {
        Some(sp) => (sp.start.min(f.cue.start), sp.end.max(f.cue.end)),
        None => (f.cue.start, f.cue.end),
    };
    let sentence_start = v.sentence(v.sent_of[first]).start;
    let first = role_start(v, first, sentence_start);
    if !(c.start < first && last < c.end) || v.seg_of[first - 1].is_some() {
        return None;
    }
    let left = (c.start..first).rev().find(|&k| v.is(k, ","))?;
    let right = (last..c.end).find(|&k| v.is(k, ","))?;
    match (trimmed(v, c.start, left), trimmed(v, right + 1, c.end)) {
        (Some(before), Some(after)) => {
            f.content = Some(before);
            Some(after)
        }
        // A short lead before the speaker is left out ("Still, he said, officials have
        // to …", "In Miami, Mr. Regalado said, …"); anything else stays with its clause
        // across the speaker ("Time, Mr. Pence added, was on their side").
        (None, Some(after)) if short_lead(v, c.start, left) => {
            f.content = Some(after);
            None
        }
        _ => None,
    }
}

/// `[a, b)` is an adverbial lead: conjunctions and adverbs ("Still", "After all", "Back
/// then"), or a phrase a preposition opens ("In Miami").
fn short_lead(v: &View, a: usize, b: usize) -> bool {
    let s = &v.cfg.settings.speaker;
    let words: Vec<usize> = (a..b).filter(|&k| v.is_word(k)).collect();
    let rest = words
        .iter()
        .position(|&k| !v.in_set(k, &s.leads) && !v.in_set(k, &s.between));
    let Some(rest) = rest.map(|i| &words[i..]) else {
        return true;
    };
    v.in_set(rest[0], &s.adjunct_preps)
        || rest
            .iter()
            .all(|&k| matches!(v.tag(k), Some(Upos::Adv | Upos::Adp)))
}

/// "Asked whether he would run again, Carson said …", "When asked by a reporter if the
/// talks had failed, the minister …": a passive participle opening its clause reports the
/// question put (up to the clause's comma), for the agent after "by" or for nobody named;
/// the clause's subject is who was asked, never the speaker. So does a passive (`passive`:
/// "he was asked whether …").
fn question_put(v: &View, cue: Cue, sentence: &Range<usize>, passive: bool) -> Option<Frame> {
    let c = &v.cfg.settings.content;
    // "Asked whether …, Rubio said": the participle opens the sentence; "when he was first
    // asked if he would …": a passive anywhere, whose subject is who was asked.
    if !v.in_set_lower(cue.start, &c.question_participles)
        || !(passive || speaker::only_leads(v, sentence.start, cue.start))
    {
        return None;
    }
    let max = v.cfg.settings.speaker.max_words;
    // The opener may follow a short phrase of place or time ("Asked in Iowa recently
    // whether …") or the agent ("Asked by a reporter if …").
    let by = v.is(cue.end, "by");
    let from = cue.end + usize::from(by);
    let open = (from..sentence.end.min(from + 1 + max))
        .take_while(|&k| v.is_word(k) && v.cue_at[k].is_none() && v.seg_of[k].is_none())
        .find(|&k| v.in_set_lower(k, &c.question_openers))?;
    let agent = if by {
        Some(trimmed_any(v, from, open)?)
    } else {
        None
    };
    // The question runs to the comma closing the clause of the participle ("Asked …, he
    // said"; "When he was asked if …, he said"); a passive in the main clause may end the
    // sentence with it.
    let comma = (open + 1..sentence.end).find(|&k| v.is(k, ",") && v.seg_of[k].is_none());
    let end = match comma {
        Some(k) => k,
        None if passive => clause_end(v, open + 1, sentence.end),
        None => return None,
    };
    let content = trimmed(v, open, end)?;
    let mut cue = cue;
    cue.flags.indirect = true;
    Some(Frame {
        cue,
        unnamed: agent.is_none(),
        speaker: agent,
        content: Some(content),
        named: false,
    })
}

/// "As reported by the Ledger, the council will …", "The council will …, as first
/// reported by the Ledger.": the participle of a cue after "as", with its agent after
/// "by", reports the main clause for that agent (the clause after the comma when "as"
/// opens the sentence, the words before its comma when the agent ends it).
fn as_reported_by(v: &View, cue: Cue, sentence: &Range<usize>) -> Option<Frame> {
    if !cue.flags.indirect || cue.participle || !v.is(cue.end, "by") || !v.is_verb_form(cue.start) {
        return None;
    }
    let j = speaker::skip_between_back(v, cue.start, sentence.start);
    let opener = j
        .checked_sub(1)
        .filter(|&o| o >= sentence.start && v.is(o, "as"))?;
    let agent = speaker::after(v, cue.end + 1, sentence.end)?;
    let after = skip_time(v, agent.end, sentence.end);
    let content = main_clause_around_as(v, opener, after, sentence)?;
    // A clause that reports someone's words itself ("“…,” Carson noted, as reported by
    // …") keeps its own speaker.
    if content.end < opener
        && (content.start..opener).any(|k| v.cue_at[k].is_some() || v.seg_of[k].is_some())
    {
        return None;
    }
    Some(Frame {
        cue,
        speaker: Some(agent),
        content: Some(content),
        named: false,
        unnamed: false,
    })
}

/// "is said to", "was told": the subject is not the speaker.
fn is_passive(v: &View, cue: Cue) -> bool {
    if cue.flags.speaker_after || cue.start == 0 {
        return false;
    }
    let j = speaker::skip_between_back(v, cue.start, v.sentence(v.sent_of[cue.start]).start);
    let form = v.text(cue.start);
    j > 0
        && v.in_set(j - 1, &v.cfg.settings.content.passive_markers)
        && !form.ends_with('s')
        && !cue.participle
}

fn frame(
    v: &View,
    cue: Cue,
    sentence: Range<usize>,
    s: usize,
    previous_speaker: Option<Range<usize>>,
) -> Frame {
    if cue.flags.speaker_after {
        return according_to(v, cue, sentence);
    }
    let lim = sentence.start;
    let back = if cue.participle {
        None
    } else {
        speaker::before(v, cue.start, lim)
    };
    let boundary = speaker::skip_between_back(v, cue.start, lim);
    let after_content_side =
        boundary > lim && (v.is(boundary - 1, ",") || v.segment_closing_at(boundary - 1).is_some());
    let mut inverted = false;
    // The speaker comes from the clause before ("“…,” he said, and added that …"): the
    // words before the cue are that clause's, not this cue's.
    let mut carried = false;
    // "in a carefully worded response said": a prepositional phrase, not the subject.
    let relative = boundary > lim && v.is(boundary - 1, "who");
    // The phrase's modifiers and determiner stand between it and the preposition.
    let opening = |r: &Range<usize>| {
        let mut k = r.start;
        while k > lim
            && r.start - k < 4
            && (v.is_ly_adverb(k - 1)
                || v.is_verb_form(k - 1)
                || v.in_set_lower(k - 1, &v.cfg.settings.speaker.determiners))
        {
            k -= 1;
        }
        k
    };
    let back = back.filter(|r| {
        let k = opening(r);
        relative || k == lim || !v.in_set(k - 1, &v.cfg.settings.speaker.adjunct_preps)
    });
    let speaker = match back.or_else(|| speaker::apposition(v, boundary, lim)) {
        Some(b) => Some(b),
        // "Sen. Ann Lee, a member of the team, said Schumer has …": after the comma of an
        // apposition, the name after the cue opens the reported clause.
        None if after_content_side
            && !cue.participle
            && !opens_clause(v, cue.end, sentence.end)
            && !names_addressee(v, cue, sentence.end) =>
        {
            inverted = true;
            inverted_speaker(v, cue.end, sentence.end)
        }
        None if cue.participle
            || boundary == lim
            || v.is(boundary - 1, "and")
            || v.is(boundary - 1, "but") =>
        {
            carried = boundary > lim;
            previous_speaker.or_else(|| speaker::clause_subject(v, s, cue.start))
        }
        None => None,
    };
    let mut content = None;
    if cue.flags.direct || cue.flags.indirect {
        // "“…” Greenspan says while …": a quotation just before the speaker is the content.
        let np_start = speaker
            .as_ref()
            .filter(|_| !inverted && !carried)
            .map_or(boundary, |r| r.start);
        // (A participle's speaker is carried from the clause before: "“…,” he said,
        // adding that …" reports what follows it.)
        let quote_before =
            np_start > lim && v.segment_closing_at(np_start - 1).is_some() && !cue.participle;
        if !(inverted || quote_before && cue.flags.direct) {
            content = content_after(v, cue, &sentence);
        }
        // Only speech verbs report what comes before them ("X, he stressed"; not "X, he expressed").
        // A relative cue ("…,” said Lee, who writes a blog") reports nothing before its
        // antecedent: the quotation there is the main clause's.
        if content.is_none() && !cue.participle && !relative && cue.flags.direct {
            let before_np = if inverted {
                boundary
            } else {
                speaker.as_ref().map_or(boundary, |r| {
                    role_start(v, speaker::skip_between_back(v, r.start, lim), lim)
                })
            };
            // After an inverted speaker ("…, said Baker, an adviser") nothing resumes the content.
            let resumed_from = if inverted { sentence.end } else { cue.end };
            content = content_before(v, before_np, &sentence, resumed_from);
        }
    }
    Frame {
        cue,
        speaker,
        content,
        named: false,
        unnamed: false,
    }
}

/// The noun phrase at `p` is the subject of a clause: a verb of `clause_verbs` follows it.
fn opens_clause(v: &View, p: usize, end: usize) -> bool {
    speaker::after(v, p, end)
        .is_some_and(|np| v.in_set(np.end, &v.cfg.settings.speaker.clause_verbs))
}

/// "X, a spokeswoman, Anna White, said": where the role in apposition before the name at
/// `b` starts (after the comma that ends the content), else `b`.
fn role_start(v: &View, b: usize, lim: usize) -> usize {
    let role = (b > lim + 1 && v.is(b - 1, ","))
        .then(|| speaker::before(v, b - 1, lim))
        .flatten()
        .filter(|role| speaker::role_after_content(v, role, lim));
    role.map_or(b, |role| role.start)
}

/// The noun phrase after a cue that takes an addressee is followed by what was said to
/// it ("told local media that …", "urged the government “to clarify …”"): it is the
/// addressee.
fn names_addressee(v: &View, cue: Cue, end: usize) -> bool {
    cue.flags.addressee
        && speaker::after(v, cue.end, end).is_some_and(|np| {
            v.in_set(np.end, &v.cfg.settings.speaker.addressee_followers)
                || v.segment_opening_at(np.end).is_some()
        })
}

/// The speaker after an inverted cue ("…, said Putin."), ending the clause; a name in
/// apposition after a role wins ("says Campbell’s partner, Jason Louth.").
fn inverted_speaker(v: &View, p: usize, end: usize) -> Option<Range<usize>> {
    let np = speaker::after(v, p, end)?;
    let s = &v.cfg.settings.speaker;
    let closes = |k: usize| {
        k >= end
            || v.is_stop(k)
            || v.is(k, ",")
            || v.is(k, ":")
            || v.is_quote_mark(k)
            || v.in_set(k, &s.stop)
            || v.in_set(k, &s.time_words)
            || v.is(k, "(")
            // "wrote Peter Easton for the Morning Ledger"
            || v.in_set(k, &s.inner)
    };
    // "said oil and gas worker Mike Wipf": the phrase goes on after "and" to a name.
    let np = match speaker::after(v, np.end + 1, end) {
        Some(more)
            if v.is(np.end, "and")
                && v.is_capitalised(more.end - 1)
                && !v.in_set(more.start, &s.determiners)
                && closes(more.end) =>
        {
            np.start..more.end
        }
        _ => np,
    };
    // "said a statement released by the Prime Minister's Office": a past participle with
    // its agent goes on with the phrase.
    let participle = |k: usize| {
        let w = v.text(k).to_lowercase();
        v.is_word(k) && (w.ends_with("ed") || s.past_forms.contains(&w))
    };
    let np = match (np.end + 2 < end && participle(np.end) && v.is(np.end + 1, "by"))
        .then(|| speaker::after(v, np.end + 2, end))
        .flatten()
    {
        Some(agent) if closes(agent.end) => np.start..agent.end,
        _ => np,
    };
    // "says a source involved in the planning", "said people close to the campaign": an
    // adjective standing after the head goes on with its preposition and object.
    let adjective = if np.end > np.start + 1 && v.in_set_lower(np.end - 1, &s.postnominal) {
        np.end - 1
    } else {
        np.end
    };
    // The object may be a gerund ("involved in the planning"): words up to the clause end.
    let object_end = (adjective + 2 < end
        && v.in_set_lower(adjective, &s.postnominal)
        && v.tag(adjective + 1) == Some(Upos::Adp)
        && v.text(adjective + 1).chars().all(char::is_lowercase))
    .then(|| {
        (adjective + 2..end)
            .find(|&k| {
                closes(k) || !v.is_word(k) || matches!(v.tag(k), Some(Upos::Verb | Upos::Aux))
            })
            .unwrap_or(end)
    })
    .filter(|&k| k > adjective + 2 && closes(k));
    let np = match object_end {
        Some(k) => np.start..k,
        None => np,
    };
    if !closes(np.end) {
        return None;
    }
    if v.is(np.end, ",") {
        let name_end = (np.end + 1..end.min(np.end + 7))
            .find(|&k| !v.is_capitalised(k))
            .unwrap_or(end);
        // A role before the name: "the minister, …", "Campbell’s partner, Jason Louth".
        let role = !v.is_capitalised(np.start) || !v.is_capitalised(np.end - 1);
        if speaker::is_name(v, np.end + 1..name_end) && closes(name_end) && role {
            return Some(np.end + 1..name_end);
        }
    }
    Some(np)
}

fn according_to(v: &View, cue: Cue, sentence: Range<usize>) -> Frame {
    let mut speaker = speaker::after(v, cue.end, sentence.end);
    let mut content = None;
    let mut lead = sentence.start;
    while lead < cue.start && (v.is(lead, "but") || v.is(lead, "and")) {
        lead += 1;
    }
    // The source runs to the comma, a dash or a closing parenthesis (or the clause end):
    // "according to early results of the exit poll conducted by …, X", "most Americans —
    // 63 percent, according to the report — still believe …".
    let source_end = (cue.end..sentence.end)
        .take_while(|&j| !v.is_stop(j) && !v.is(j, ";") && v.seg_of[j].is_none())
        .find(|&j| v.is(j, ",") || v.is(j, ")") || is_dash(v, j))
        .or_else(|| {
            (cue.end..sentence.end).find(|&j| v.is_stop(j) || v.is(j, ";") || v.seg_of[j].is_some())
        })
        .unwrap_or(sentence.end);
    let source_words = v.words(cue.end, source_end);
    if source_words > 0 && source_words <= v.cfg.settings.speaker.source_max_words {
        let widened = trimmed_any(v, cue.end, source_end);
        if widened
            .as_ref()
            .is_some_and(|w| speaker.as_ref().is_none_or(|s| w.end > s.end))
        {
            speaker = widened;
        }
    }
    // "The AP reported that, according to Y, X": the clause after the source is the content.
    let after_that =
        cue.start >= sentence.start + 2 && v.is(cue.start - 1, ",") && v.is(cue.start - 2, "that");
    if lead == cue.start || after_that {
        // "According to Y, X."
        if let Some(comma) = (cue.end..sentence.end).find(|&j| v.is(j, ",")) {
            content = trimmed(v, comma + 1, clause_end(v, comma + 1, sentence.end));
        }
    } else if cue.start > sentence.start
        && (v.is(cue.start - 1, ",") || v.segment_closing_at(cue.start - 1).is_some())
    {
        // "(the actual number is closer to 15 percent, according to Factcheck.org)": the
        // report inside a parenthesis starts after its opening.
        let open = (sentence.start..cue.start)
            .rev()
            .take_while(|&j| !v.is(j, ")"))
            .find(|&j| v.is(j, "("));
        let within = open.map_or(sentence.clone(), |p| p + 1..sentence.end);
        content = content_before(
            v,
            cue.start,
            &within,
            speaker.as_ref().map_or(cue.end, |r| r.end),
        );
    }
    Frame {
        cue,
        speaker,
        content,
        named: false,
        unnamed: false,
    }
}

/// A dash standing apart between words ("63 percent - still"), not a hyphen ("A.F.L.-C.I.O.").
pub(crate) fn is_dash(v: &View, j: usize) -> bool {
    let t = &v.doc.tokens;
    matches!(v.text(j), "-" | "--" | "—" | "–")
        && j > 0
        && j + 1 < t.len()
        && t[j - 1].span.end < t[j].span.start
        && t[j].span.end < t[j + 1].span.start
}

/// What follows the cue: "(that) X", ": “X”", ", “X”", "told reporters (that) X".
fn content_after(v: &View, cue: Cue, sentence: &Range<usize>) -> Option<Range<usize>> {
    let c = &v.cfg.settings.content;
    let mut k = cue.end;
    if cue.flags.addressee && v.is_word(k) && !v.is(k, "that") {
        if v.in_set(k, &v.cfg.settings.speaker.objects) {
            k += 1;
        } else if let Some(addressee) = speaker::after(v, k, sentence.end) {
            // "told reporters the …", "told CNN the …", "warned Iran that …" — but in
            // "warned the ceasefire could collapse" the phrase is the content's subject.
            let e = addressee.end;
            let marked = v.is(e, "that")
                || v.is(e, ":")
                || v.is(e, ",")
                || v.segment_opening_at(e).is_some();
            let audience = (addressee.start..e)
                .any(|j| v.in_set(j, &v.cfg.settings.speaker.audiences) || v.is_capitalised(j));
            // "urged Democrats to vote …": what was urged is the addressee with the infinitive.
            // ("told reporters to the left of the stage": a determiner opens no infinitive.)
            let infinitive =
                v.is(e, "to") && !v.in_set_lower(e + 1, &v.cfg.settings.speaker.determiners);
            if (marked || audience) && !infinitive {
                k = e;
            }
        }
    }
    // "reported on Wednesday the Secret Service had …", "told African-Americans this weekend
    // he would …": a time phrase between the cue (or its addressee) and the clause (not
    // "said Monday's vote …").
    k = skip_time(v, k, sentence.end);
    k = skip_adjunct(v, k, sentence.end);
    let clause_starts_here = v.is_word(k)
        && v.doc.tokens[k].kind != demarche_model::TokenKind::Number
        && !v.in_set(k, &c.not_clause_start)
        && !v.is(k, "that");
    // "said on Monday that", "said, however, that", "told MSNBC’s “Morning Joe” that"
    // An addressee may be long ("told a crowded hall at a hotel in Denver that").
    let gap = c.max_gap_before_that + usize::from(cue.flags.addressee) * c.addressee_extra_gap;
    let that = (k..sentence.end.min(k + gap + 1))
        .take_while(|&j| {
            !v.is_stop(j)
                && !v.is(j, ":")
                && !v.is(j, ";")
                && !v.in_set(j, &c.passive_markers)
                && v.cue_at[j].is_none()
        })
        .find(|&j| v.is(j, "that"))
        // "told a crowded hall … that": an addressee no rule skipped still precedes "that".
        .filter(|_| !clause_starts_here || (cue.flags.addressee && k == cue.end))
        // "…, Sanders said, a policy that could …": after a comma closing the cue, "that"
        // opens a relative clause; after a parenthesis closed by a comma it opens the
        // content ("said, with the benefit of hindsight, that …").
        .filter(|&t| {
            !(v.is(k, ",")
                && !v.is(t - 1, ",")
                && (k + 1..t).any(|j| v.in_set_lower(j, &v.cfg.settings.speaker.determiners)))
        });
    if let Some(t) = that {
        return trimmed(v, t + 1, clause_end(v, t + 1, sentence.end))
            .filter(|_| cue.flags.indirect || v.segment_opening_at(t + 1).is_some());
    }
    if matches!(v.text(k), ":" | ",") && k < v.len() {
        return quotation_at(v, k + 1).or_else(|| colon_paragraph_end(v, k));
    }
    if let Some(seg) = v.segment_opening_at(k) {
        let group = group_range(v, seg);
        // "he said “budget reforms” and the collection of taxes would pay": a clause that opens with a quotation.
        let clause_goes_on = group.end < sentence.end
            && !v.is(group.end, ",")
            && v.words(group.end, sentence.end) >= 2;
        if !(clause_goes_on && cue.flags.indirect) {
            return Some(group);
        }
        return trimmed(v, k, clause_end(v, k, sentence.end));
    }
    if cue.flags.needs_that || !cue.flags.indirect || k >= sentence.end || !clause_starts_here {
        return None;
    }
    trimmed(v, k, clause_end(v, k, sentence.end))
}

/// "As Politico reported, the committee met …", "The committee met, as Politico
/// reported.": a cue in a clause opened by "as" reports the main clause around it, which
/// the parse makes the cue's head rather than its complement.
fn as_clause_content(v: &View, f: &Frame, sentence: &Range<usize>) -> Option<Range<usize>> {
    let sp = f.speaker.as_ref().filter(|sp| sp.end <= f.cue.start)?;
    if !f.cue.flags.indirect || f.cue.participle || sp.start == sentence.start {
        return None;
    }
    let opener = speaker::skip_between_back(v, sp.start, sentence.start).checked_sub(1)?;
    if !v.is(opener, "as") {
        return None;
    }
    let after = skip_time(v, f.cue.end, sentence.end);
    main_clause_around_as(v, opener, after, sentence)
}

/// The main clause around a clause opened by "as" at `opener` whose words end at `after`
/// ("As Politico reported, …", "As reported by the Ledger, …"): after the clause's comma
/// when it opens the sentence (after a lead word at most); before its comma when it ends
/// the sentence; after that comma when it stands between commas inside the sentence.
fn main_clause_around_as(
    v: &View,
    opener: usize,
    after: usize,
    sentence: &Range<usize>,
) -> Option<Range<usize>> {
    let opens =
        opener == sentence.start || v.in_set_lower(opener - 1, &v.cfg.settings.speaker.leads);
    let runs_on = |k: usize| trimmed(v, k, clause_end(v, k, sentence.end));
    if opens {
        return v.is(after, ",").then(|| runs_on(after + 1)).flatten();
    }
    if opener <= sentence.start + 1 || !v.is(opener - 1, ",") {
        return None;
    }
    if after >= sentence.end || v.is_stop(after) {
        let start = speaker::skip_dateline(v, sentence.start..opener - 1);
        trimmed(v, start, opener - 1)
    } else if v.is(after, ",") {
        runs_on(after + 1)
    } else {
        None
    }
}

/// "said after the convention he would …", "said in retrospect she …": a short phrase of
/// place or time, then a subject pronoun and a verb, where the content starts.
fn skip_adjunct(v: &View, k: usize, end: usize) -> usize {
    let c = &v.cfg.settings.content;
    if !(k < end && v.in_set_lower(k, &v.cfg.settings.speaker.adjunct_preps)) {
        return k;
    }
    let pronoun = (k + 2..end.min(k + 2 + c.max_adjunct_words))
        .take_while(|&j| v.is_word(j - 1) && v.cue_at[j - 1].is_none() && v.seg_of[j - 1].is_none())
        .find(|&j| v.in_set_lower(j, &c.subject_pronouns));
    match pronoun {
        Some(j) if j + 1 < end && matches!(v.tag(j + 1), Some(Upos::Verb | Upos::Aux)) => j,
        _ => k,
    }
}

/// Past a time phrase at `k` ("on Wednesday", "last week", "Thursday night") that a
/// clause, a comma or the sentence's end follows; else `k`.
fn skip_time(v: &View, k: usize, end: usize) -> usize {
    let sp = &v.cfg.settings.speaker;
    let mut j = k;
    if j + 1 < end && v.in_set(j, &sp.time_openers) && v.in_set(j + 1, &sp.time_words) {
        j += 1;
    }
    if !(j < end && v.in_set(j, &sp.time_words)) {
        return k;
    }
    while j < end && v.in_set(j, &sp.time_words) {
        j += 1;
    }
    let possessive = j < end && matches!(v.text(j), "'s" | "’s" | "'" | "’");
    if j >= end || v.is_stop(j) || (v.is_word(j) || v.is(j, ",")) && !possessive {
        j
    } else {
        k
    }
}

/// "saying:" at the end of a paragraph, the quotation opening the next one.
fn colon_paragraph_end(v: &View, colon: usize) -> Option<Range<usize>> {
    let next = colon + 1;
    (v.is(colon, ":") && next < v.len() && v.para_of[next] != v.para_of[colon])
        .then(|| quotation_at(v, next))
        .flatten()
}

fn quotation_at(v: &View, k: usize) -> Option<Range<usize>> {
    v.segment_opening_at(k).map(|seg| group_range(v, seg))
}

/// All tokens of the quotation (every paragraph of its group), marks included.
pub fn group_range(v: &View, seg: usize) -> Range<usize> {
    let g = v.segments[seg].group;
    let members = v.segments.iter().filter(|s| s.group == g);
    let start = members
        .clone()
        .map(|s| s.open)
        .min()
        .unwrap_or(v.segments[seg].open);
    let end = members
        .map(|s| s.after)
        .max()
        .unwrap_or(v.segments[seg].end);
    start..end
}

/// What precedes the speaker: "X, Peskov said" / "“X,” said Putin". `b` is the first token
/// of the speaker phrase (or of the cue when the speaker follows it).
fn content_before(
    v: &View,
    b: usize,
    sentence: &Range<usize>,
    resumed_from: usize,
) -> Option<Range<usize>> {
    if b == sentence.start && b > 0 {
        // “… a year.” Linda Lamoureux said — the quotation closed the previous sentence.
        return v
            .segment_closing_at(b - 1)
            .filter(|_| v.para_of[b - 1] == v.para_of[b])
            .map(|seg| group_range(v, seg));
    }
    if b <= sentence.start {
        return None;
    }
    let mut last = b - 1;
    if v.is(last, ",") && last > sentence.start {
        last -= 1;
    }
    if let Some(seg) = v.segment_closing_at(last) {
        let group = group_range(v, seg);
        // The quotation opens the sentence (or an earlier one): it is the whole content.
        if group.start <= sentence.start || only_lead_before(v, sentence.start, group.start) {
            return Some(group);
        }
        return trimmed(v, sentence.start, last + 1);
    }
    if !v.is(b - 1, ",") {
        return None;
    }
    let before = speaker::skip_dateline(v, sentence.start..b - 1)..b - 1;
    let whole = parenthetical(v, before, resumed_from, sentence);
    trimmed(v, whole.start, whole.end)
}

/// "X, he said, Y": the cue interrupts the content, which runs on to the clause end.
fn parenthetical(
    v: &View,
    content: Range<usize>,
    from: usize,
    sentence: &Range<usize>,
) -> Range<usize> {
    if content.end > sentence.start && v.seg_of[content.end - 1].is_some() {
        return content;
    }
    let Some(comma) = (from..sentence.end.min(from + 5))
        .take_while(|&j| !v.is_stop(j) && !v.is_quote_mark(j))
        .find(|&j| v.is(j, ","))
    else {
        return content;
    };
    let rest = comma + 1;
    // "…, he said, adding that …" opens a report of its own; "Democrats, Frank notes,
    // applaud …" resumes the content, whatever cue its verb is.
    let report = v
        .cue_at
        .get(rest)
        .copied()
        .flatten()
        .is_some_and(|c| c.participle);
    if v.segment_opening_at(rest).is_some() || report {
        return content;
    }
    let end = clause_end(v, rest, sentence.end);
    if v.words(rest, end) == 0 {
        return content;
    }
    // "earned $600 million, according to filings, a huge sum for …": after words that
    // can end a clause, words without a verb are an apposition, not the rest of the
    // content ("It was, he said, one of …" and "is driven, she said, by …" go on).
    let last_word = (content.start..content.end).rev().find(|&j| v.is_word(j));
    let is_verb = |j: usize| matches!(v.tag(j), Some(Upos::Verb | Upos::Aux));
    let complete = content.clone().any(is_verb)
        && last_word.is_some_and(|j| {
            matches!(
                v.tag(j),
                Some(Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron | Upos::Adj | Upos::Adv)
            )
        });
    // A verb only inside a relative clause ("a policy that could make …") leaves it one.
    let opens_relative = |j: usize| {
        let p = &v.cfg.settings.parse;
        (v.is(j, "that") || p.relative_openers.iter().any(|w| v.is(j, w)))
            && matches!(v.tag(j - 1), Some(Upos::Noun | Upos::Propn))
    };
    let relative = (rest + 1..end).find(|&j| opens_relative(j)).unwrap_or(end);
    if complete && !(rest..relative).any(is_verb) {
        return content;
    }
    content.start..end
}

/// Only a conjunction or nothing stands between the sentence start and `k`.
fn only_lead_before(v: &View, start: usize, k: usize) -> bool {
    (start..k).all(|j| v.is(j, "but") || v.is(j, "and") || v.is(j, "—") || v.is(j, "-"))
}

/// Where a content clause starting at `k` ends: the sentence end, a semicolon, or a
/// comma followed by a participle or a word that opens an adjunct.
fn clause_end(v: &View, k: usize, sentence_end: usize) -> usize {
    let c = &v.cfg.settings.content;
    let mut j = k;
    while j < sentence_end {
        if v.seg_of[j].is_none() {
            if v.is(j, ";") {
                return j;
            }
            // A comma right after the clause's opening words closes an adverbial, not the clause.
            // "… than Mr. Trump's and, even more important, would …": a comma after a
            // coordinator opens an aside inside the clause.
            let aside = j > k && v.in_set_lower(j - 1, &c.coordinators);
            if v.is(j, ",") && j + 1 < sentence_end && v.words(k, j) >= 4 && !aside {
                let mut n = j + 1;
                // ", and when pressed …": a coordinator, then an adjunct's first word.
                let coordinated = v.in_set_lower(n, &c.coordinators) && n + 1 < sentence_end;
                if coordinated {
                    n += 1;
                }
                if coordinated && v.in_set_lower(n, &c.stop_after_comma_and) {
                    return j;
                }
                // ", adding that …", ", calling it …": the speaker's next act, not the
                // content's ("…, leaving the world blind" goes on with the content).
                let participle = v.is_word(n)
                    && v.text(n).ends_with("ing")
                    && v.text(n).len() > 5
                    && v.text(n).chars().next().is_some_and(char::is_lowercase)
                    && !v.in_set(n, &c.not_participles)
                    && (v.cue_at[n].is_some() || !c.reporting_participles_only);
                if (participle && c.stop_at_participle) || v.in_set(n, &c.stop_after_comma) {
                    return j;
                }
            }
        }
        j += 1;
    }
    // A quotation opened in the clause and running past the sentence carries it on.
    if let Some(seg) = (k..sentence_end).find_map(|j| v.segment_opening_at(j)) {
        let group = group_range(v, seg);
        if group.end > sentence_end {
            return group.end;
        }
    }
    sentence_end
}

/// `[a, b)` without leading and trailing punctuation, when a word is left.
fn trimmed_any(v: &View, mut a: usize, mut b: usize) -> Option<Range<usize>> {
    while a < b && !v.is_word(a) {
        a += 1;
    }
    while b > a && !v.is_word(b - 1) {
        b -= 1;
    }
    (a < b).then_some(a..b)
}

/// `[a, b)` without leading and trailing punctuation (closing marks of a quotation kept),
/// when it holds enough words.
fn trimmed(v: &View, mut a: usize, mut b: usize) -> Option<Range<usize>> {
    while a < b && !v.is_word(a) && v.segment_opening_at(a).is_none() {
        a += 1;
    }
    while b > a && !v.is_word(b - 1) && v.segment_closing_at(b - 1).is_none() {
        b -= 1;
    }
    (v.words(a, b) >= v.cfg.settings.content.min_words).then_some(a..b)
}
