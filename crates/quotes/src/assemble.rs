//! Turns quoted segments and reporting frames into quotes: direct quotations
//! with their attribution, indirect and mixed reported speech.

use std::ops::Range;

use demarche_model::QuoteKind;

use crate::frames::{self, Frame};
use crate::speaker;
use crate::view::View;

/// A quote before resolution: token ranges only.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub content: Range<usize>,
    pub kind: QuoteKind,
    pub cue: Option<Range<usize>>,
    pub speaker: Option<Range<usize>>,
}

/// Who said a quotation, and with which cue.
#[derive(Clone, Debug, Default)]
struct Attribution {
    cue: Option<Range<usize>>,
    speaker: Option<Range<usize>>,
    /// Lower is better: frames with a speech cue, then the nearest.
    rank: (bool, usize),
    /// Came from a headline "Speaker: “…”".
    headline: bool,
}

pub fn quotes(v: &View) -> Vec<Found> {
    let frames = frames::find(v);
    let mut out = Vec::new();
    let mut offered: Vec<Option<Attribution>> = vec![None; v.segments.len()];
    let mut consumed = vec![false; v.segments.len()];
    // Frames are in text order, and a frame's content lies within its extent of
    // the cue: only the frames whose cue is that near need a look.
    let extent = frames
        .iter()
        .filter_map(|f| {
            let c = f.content.as_ref()?;
            Some(c.end.max(f.cue.end) - c.start.min(f.cue.start))
        })
        .max()
        .unwrap_or(0);
    for (k, f) in frames.iter().enumerate() {
        let pos = f.cue.start;
        let from = frames.partition_point(|g| g.cue.start + extent < pos);
        let to = frames.partition_point(|g| g.cue.start <= pos + extent);
        let nested = (from..to)
            .any(|j| j != k && frames[j].content.as_ref().is_some_and(|c| c.contains(&pos)));
        reported(v, f, nested, &mut out, &mut offered, &mut consumed);
    }
    direct(v, &frames, &offered, &consumed, &mut out);
    headline_claims(v, &mut out);
    transcript_turns(v, &mut out);
    out.sort_by_key(|q| (q.content.start, q.content.end));
    out.dedup_by(|a, b| a.content == b.content);
    out
}

/// Indirect and mixed quotes of one frame; offers its attribution to the quotations inside.
fn reported(
    v: &View,
    f: &Frame,
    nested: bool,
    out: &mut Vec<Found>,
    offered: &mut [Option<Attribution>],
    consumed: &mut [bool],
) {
    let Some(r) = f.content.clone() else { return };
    let total = v.words(r.start, r.end).max(1);
    let quoted = v.quoted_words(r.start, r.end);
    let inside: Vec<usize> = (0..v.segments.len())
        .filter(|&k| v.segments[k].first < r.end && v.segments[k].end > r.start)
        .collect();
    let reportable = (f.speaker.is_some() || f.unnamed) && f.cue.flags.indirect;
    let share = quoted as f32 / total as f32;
    let found = |kind| Found {
        content: r.clone(),
        kind,
        cue: Some(f.cue.start..f.cue.end),
        speaker: f.speaker.clone(),
    };
    if quoted == 0 {
        if reportable {
            out.push(found(QuoteKind::Indirect));
        }
        return;
    }
    if share < 0.9 && reportable {
        if (share >= v.cfg.settings.mixed.min_quoted_share || f.named) && !nested {
            out.push(found(QuoteKind::Mixed));
            for &k in &inside {
                consumed[k] = true;
            }
            return;
        }
        out.push(found(QuoteKind::Indirect));
    }
    for &k in &inside {
        let seg = &v.segments[k];
        let distance = if f.cue.start >= seg.end {
            f.cue.start - seg.end
        } else {
            seg.open.saturating_sub(f.cue.end)
        };
        let offer = Attribution {
            cue: Some(f.cue.start..f.cue.end),
            speaker: f.speaker.clone(),
            rank: (!f.cue.flags.direct || f.speaker.is_none(), distance),
            headline: false,
        };
        if offered[k].as_ref().is_none_or(|o| offer.rank < o.rank) {
            offered[k] = Some(offer);
        }
    }
}

/// Direct quotations, group by group (a quotation over several paragraphs is one group).
fn direct(
    v: &View,
    frames: &[Frame],
    offered: &[Option<Attribution>],
    consumed: &[bool],
    out: &mut Vec<Found>,
) {
    let d = &v.cfg.settings.direct;
    let mut previous: Option<(usize, usize, Attribution)> = None; // (paragraph, last token, attribution)
    let mut k = 0;
    while k < v.segments.len() {
        let group = v.segments[k].group;
        let members: Vec<usize> = (k..v.segments.len())
            .take_while(|&j| v.segments[j].group == group)
            .collect();
        k += members.len();
        let members: Vec<usize> = members.into_iter().filter(|&j| !consumed[j]).collect();
        let Some(&first) = members.first() else {
            continue;
        };
        let last = *members.last().unwrap_or(&first);
        let seg = &v.segments[first];
        let words: usize = members
            .iter()
            .map(|&j| v.words(v.segments[j].first, v.segments[j].end))
            .sum();
        let mut attribution = members
            .iter()
            .filter_map(|&j| offered[j].clone())
            .min_by_key(|a| a.rank);
        if attribution.is_none() {
            attribution = headline_speaker(v, first)
                .or_else(|| sentence_cue(v, frames, first))
                .or_else(|| dash_byline(v, last));
        }
        let in_headline = v.is_headline(seg.paragraph);
        if attribution.is_none() && words >= d.min_words_unattributed && !in_headline {
            // The latest earlier cue with a speaker ("X said Y.\n“…”", "X describes himself
            // as …. “…”") also hands its speaker on.
            // Cues do not overlap, so the latest in text order ends last.
            let reported = frames[..frames.partition_point(|f| f.cue.start < seg.open)]
                .iter()
                .rev()
                .find(|f| {
                    f.cue.end <= seg.open
                        && f.speaker.is_some()
                        && v.seg_of[f.cue.start].is_none()
                        && (f.content.is_some() || !relative_cue(v, f))
                })
                .map(|f| {
                    let a = Attribution {
                        cue: Some(f.cue.start..f.cue.end),
                        speaker: f.speaker.clone(),
                        rank: (true, 0),
                        headline: false,
                    };
                    (v.para_of[f.cue.start], f.cue.end, a)
                });
            let latest = match (&previous, reported) {
                (Some(p), Some(r)) => Some(if r.1 > p.1 { r } else { p.clone() }),
                (p, r) => p.clone().or(r),
            };
            attribution = latest
                .as_ref()
                .filter(|(para, end, a)| {
                    para + d.continuation_paragraphs >= seg.paragraph
                        && !other_speaker_between(v, frames, *end, seg.open, a)
                })
                .map(|(_, _, a)| Attribution {
                    cue: None,
                    ..a.clone()
                });
        }
        let has_cue = attribution
            .as_ref()
            .is_some_and(|a| a.cue.is_some() || a.headline);
        let has_speaker = attribution.as_ref().is_some_and(|a| a.speaker.is_some());
        if (words < d.min_words_unattributed && !has_cue)
            || (words < d.min_words_without_speaker && !has_speaker)
            || (words < embedded_min(v, &v.segments[last])
                && !opens_sentence(v, seg.open)
                && !labelled(v, attribution.as_ref()))
        {
            continue;
        }
        if !attribution.as_ref().is_some_and(|a| a.headline) && repeats_body(v, &members) {
            continue;
        }
        if !in_headline && members.len() == 1 && work_title(v, seg.first..seg.end) {
            continue;
        }
        let attribution = attribution.unwrap_or_default();
        for &j in &members {
            let s = &v.segments[j];
            out.push(Found {
                content: s.first..s.end,
                kind: QuoteKind::Direct,
                cue: attribution.cue.clone(),
                speaker: attribution.speaker.clone(),
            });
        }
        if attribution.speaker.is_some() && !in_headline {
            let end = v.segments[last].after;
            previous = Some((v.segments[last].paragraph, end, attribution));
        }
    }
}

/// A cue opening a relative clause ("…, who writes about food"): with no content of its
/// own, it hands no speaker on to the quotations after it.
fn relative_cue(v: &View, f: &Frame) -> bool {
    let start = v.sentence(v.sent_of[f.cue.start]).start;
    let j = speaker::skip_between_back(v, f.cue.start, start);
    j > start
        && v.cfg
            .settings
            .parse
            .relative_openers
            .iter()
            .any(|w| w.eq_ignore_ascii_case(v.text(j - 1)))
}

/// The quotation is what a cue attributing phrases governs ("labelling them “…”",
/// "condemned the strikes as “…”"): a phrase of one word is a quotation there.
fn labelled(v: &View, a: Option<&Attribution>) -> bool {
    a.and_then(|a| a.cue.as_ref())
        .and_then(|c| v.cue_at.get(c.start).copied().flatten())
        .is_some_and(|cue| cue.flags.partial)
}

/// Quoted words in title case ("Face the Nation", "Never Been Kissed"): the name of
/// a show, a book or a campaign, not something said. Headlines are written so and
/// are not asked.
fn work_title(v: &View, r: Range<usize>) -> bool {
    let d = &v.cfg.settings.direct;
    // Two sentences ("The Donald. Big Daddy.") are words someone said.
    let last_word = r.clone().rev().find(|&k| v.is_word(k)).unwrap_or(r.start);
    if (r.start..last_word).any(|k| matches!(v.text(k), "." | "!" | "?")) {
        return false;
    }
    let words: Vec<&str> = r
        .filter(|&k| v.is_word(k) && v.text(k).chars().any(char::is_alphabetic))
        .map(|k| v.text(k))
        .collect();
    let title_word = |w: &str| {
        let mut letters = w.chars().filter(|c| c.is_alphabetic());
        letters.next().is_some_and(char::is_uppercase) && letters.any(char::is_lowercase)
    };
    let capitalised = words.iter().filter(|w| title_word(w)).count();
    words.len() <= d.title_max_words
        && capitalised >= 2
        && words
            .iter()
            .all(|w| title_word(w) || d.title_small_words.contains(*w))
}

/// The fewest words a quotation inside a sentence needs: fewer with a final stop.
fn embedded_min(v: &View, last: &crate::marks::Segment) -> usize {
    let d = &v.cfg.settings.direct;
    if last.end > last.first && v.is_stop(last.end - 1) {
        d.min_words_embedded_final
    } else {
        d.min_words_embedded
    }
}

/// Token `k` opens its sentence or paragraph, or follows a colon or a final stop.
fn opens_sentence(v: &View, k: usize) -> bool {
    k == 0
        || v.sent_of[k - 1] != v.sent_of[k]
        || v.para_of[k - 1] != v.para_of[k]
        || v.is(k - 1, ":")
        || v.is_stop(k - 1)
}

/// "“…” ― Carla Moreno": a dash and a name closing the paragraph after the quotation.
fn dash_byline(v: &View, seg: usize) -> Option<Attribution> {
    let after = v.segments[seg].after;
    let p = v.segments[seg].paragraph;
    if !v
        .cfg
        .settings
        .direct
        .byline_dashes
        .iter()
        .any(|d| v.is(after, d))
    {
        return None;
    }
    let start = after + 1;
    let end = (start..v.len())
        .find(|&j| v.para_of[j] != p || v.is(j, ",") || v.is_stop(j))
        .unwrap_or(v.len());
    let closes_paragraph = end >= v.len()
        || v.para_of[end] != p
        || (v.is_stop(end) && (end + 1 >= v.len() || v.para_of[end + 1] != p));
    (closes_paragraph && speaker::is_name(v, start..end)).then_some(Attribution {
        cue: None,
        speaker: Some(start..end),
        rank: (false, 0),
        headline: true,
    })
}

/// "Putin: “…”" — a name and a colon before the quotation, alone in its sentence.
fn headline_speaker(v: &View, seg: usize) -> Option<Attribution> {
    let open = v.segments[seg].open;
    let start = v.sentence(v.sent_of[open]).start;
    if open < start + 2 || !v.is(open - 1, ":") {
        return None;
    }
    let np = speaker::before(v, open - 1, start)?;
    (np.start == start).then_some(Attribution {
        cue: None,
        speaker: Some(np),
        rank: (false, 0),
        headline: true,
    })
}

/// A short quotation governed by a cue earlier in its sentence ("labelling them “…”"):
/// that cue's speaker, or the subject of the sentence.
fn sentence_cue(v: &View, frames: &[Frame], seg: usize) -> Option<Attribution> {
    let open = v.segments[seg].open;
    let s = v.sent_of[open];
    let start = v.sentence(s).start;
    let f = frames[..frames.partition_point(|f| f.cue.start < open)]
        .iter()
        .rev()
        .take_while(|f| f.cue.start >= start)
        .find(|f| f.cue.end <= open)?;
    let speaker = f
        .speaker
        .clone()
        .or_else(|| speaker::clause_subject(v, s, f.cue.start))?;
    Some(Attribution {
        cue: Some(f.cue.start..f.cue.end),
        speaker: Some(speaker),
        rank: (true, open - f.cue.end),
        headline: false,
    })
}

/// A frame naming someone else stands between two quotations: the second is not a continuation.
fn other_speaker_between(
    v: &View,
    frames: &[Frame],
    after: usize,
    before: usize,
    previous: &Attribution,
) -> bool {
    let words = |r: &Range<usize>| -> Vec<&str> { (r.start..r.end).map(|k| v.text(k)).collect() };
    let same = |r: &Range<usize>| {
        previous
            .speaker
            .as_ref()
            .is_some_and(|p| words(p) == words(r))
    };
    let from = frames.partition_point(|f| f.cue.start <= after);
    let to = frames.partition_point(|f| f.cue.start < before);
    frames[from..to.max(from)]
        .iter()
        .any(|f| f.speaker.as_ref().is_some_and(|r| !same(r)))
}

/// A headline quotation whose words mostly repeat a quotation of the body.
fn repeats_body(v: &View, members: &[usize]) -> bool {
    let seg = &v.segments[members[0]];
    if !v.is_headline(seg.paragraph) {
        return false;
    }
    let words = |s: &crate::marks::Segment| -> Vec<String> {
        (s.first..s.end)
            .filter(|&k| v.is_word(k))
            .map(|k| v.text(k).to_lowercase())
            .collect()
    };
    let mine = words(seg);
    if mine.is_empty() {
        return false;
    }
    v.segments
        .iter()
        .filter(|o| o.group != seg.group && !v.is_headline(o.paragraph))
        .any(|o| {
            let theirs = words(o);
            let shared = mine.iter().filter(|w| theirs.contains(w)).count();
            shared as f32 / mine.len() as f32 >= v.cfg.settings.direct.headline_repeat_share
        })
}

/// A headline "Speaker: what they said" without quotation marks ("Senator Vance: Tax
/// Plan Will Hurt Farmers"): the speaker is a person or body the actor layer knows.
fn headline_claims(v: &View, out: &mut Vec<Found>) {
    let d = &v.cfg.settings.direct;
    for s in 0..v.doc.sentences.len() {
        let range = v.sentence(s);
        let title = v.para_of[range.start] == 0 || v.doc.sentences[s].heading;
        if range.is_empty() || !(title || v.in_headline(range.start)) {
            continue;
        }
        let Some(colon) = (range.start..range.end.min(range.start + d.headline_speaker_words + 1))
            .find(|&j| v.is(j, ":"))
        else {
            continue;
        };
        let speaker = range.start..colon;
        if !headline_source(v, speaker.clone(), &range) {
            continue;
        }
        let content = colon + 1..range.end;
        // A question after the colon is the headline's own, not the speaker's claim.
        if content
            .clone()
            .rev()
            .find(|&j| !v.is_quote_mark(j) && !v.is(j, "."))
            .is_some_and(|j| v.is(j, "?"))
        {
            continue;
        }
        let end = crate::parsed::end_before(v, content.start, content.end);
        // "Sanders: ‘It Is Not A Radical Idea’ To Ask For A $15 Wage": a quotation
        // opening the claim is part of it when the claim goes on after it; alone, it is
        // the direct quote `headline_speaker` gives.
        let opening = v.segment_opening_at(colon + 1);
        let goes_on = opening.is_some_and(|k| {
            let seg_end = v.segments[k].end;
            v.words(seg_end.min(end), end) > 0
        });
        if (opening.is_some() && !goes_on) || v.words(content.start, end) < d.min_words_unattributed
        {
            continue;
        }
        if let Some(k) = opening.filter(|_| goes_on) {
            let (first, seg_end) = (v.segments[k].first, v.segments[k].end);
            out.retain(|q| !(q.content.start >= first && q.content.end <= seg_end));
        }
        let kind = if v.quoted_words(content.start, end) > 0 {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        };
        out.push(Found {
            content: content.start..end,
            kind,
            cue: Some(colon..colon + 1),
            speaker: Some(speaker),
        });
    }
}

/// Do tokens `r`, before a headline's colon, name who makes its claim? A name the actor
/// layer finds in the body, a person or body it knows by name, or a source the data
/// lists ("Report:", "Poll:", "Insiders:").
fn headline_source(v: &View, r: Range<usize>, headline: &Range<usize>) -> bool {
    if r.is_empty() || !r.clone().all(|k| v.is_word(k)) {
        return false;
    }
    let words = v.doc.slice(v.span_of(&r)).to_lowercase();
    if v.cfg.settings.direct.headline_rubrics.contains(&words) {
        return false;
    }
    let listed = v.in_set_lower(r.end - 1, &v.cfg.settings.direct.headline_sources);
    let named = speaker::is_name(v, r.clone())
        && (names_actor(v, r.clone(), headline) || known_actor(v, r.clone()));
    listed || named
}

/// Tokens `r` are exactly one mention of a person or body the actor dictionaries code.
fn known_actor(v: &View, r: Range<usize>) -> bool {
    use demarche_model::EntityKind;
    let demarche_model::Span { start: a, end: b } = v.span_of(&r);
    v.entities_within(r)
        .take_while(|e| e.span.start == a)
        .any(|e| {
            e.span.end == b
                && e.actor.as_ref().is_some_and(|a| a.code.is_some())
                && matches!(
                    e.kind,
                    EntityKind::Person | EntityKind::Organization | EntityKind::Group
                )
        })
}

/// Do tokens `r` name a person or an organisation the actor layer found elsewhere in
/// the document than in `headline` (its last word is looked up in the body)?
fn names_actor(v: &View, r: Range<usize>, headline: &Range<usize>) -> bool {
    use demarche_model::EntityKind;
    let last = v.text(r.end - 1);
    let own = v.doc.tokens[headline.start].span.start..v.doc.tokens[headline.end - 1].span.end;
    v.doc.entities.iter().any(|e| {
        !own.contains(&e.span.start)
            && matches!(
                e.kind,
                EntityKind::Person | EntityKind::Organization | EntityKind::Group
            )
            && v.doc
                .slice(e.span)
                .split_whitespace()
                .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == last)
    })
}

/// Transcript turns: paragraphs opening with a speaker label in capitals ("MARSH: Well, …"),
/// a label used for at least two paragraphs of the document.
fn transcript_turns(v: &View, out: &mut Vec<Found>) {
    let d = &v.cfg.settings.direct;
    let mut turns: Vec<(Range<usize>, Range<usize>)> = Vec::new();
    let mut start = 0;
    while start < v.len() {
        let p = v.para_of[start];
        let end = (start..v.len())
            .find(|&j| v.para_of[j] != p)
            .unwrap_or(v.len());
        // A turn may open with a quotation mark ("\"WALLACE: Let's start …").
        let first = if v.segment_opening_at(start).is_some() && !v.is_word(start) {
            start + 1
        } else {
            start
        };
        let mut k = first;
        while k < end && k < first + d.label_max_words && is_label_word(v, k) {
            k += 1;
        }
        if k > first && v.is(k, ":") && v.words(k + 1, end) >= d.min_words_unattributed {
            let label = (first..k)
                .map(|j| v.text(j).to_lowercase())
                .collect::<Vec<_>>()
                .join(" ");
            // "WATCH BELOW:", "VIDEO UPDATE:": a listed word opening a label makes it a caption.
            let first_word = label.split(' ').next().unwrap_or_default();
            if !d.not_labels.contains(&label) && !d.not_labels.contains(first_word) {
                turns.push((first..k, k + 1..end));
            }
        }
        start = end;
    }
    // Only a label the document uses for two turns or more makes turns.
    let words = |r: &Range<usize>| -> Vec<&str> { r.clone().map(|j| v.text(j)).collect() };
    let turns: Vec<(Range<usize>, Range<usize>)> = turns
        .iter()
        .filter(|(l, _)| turns.iter().filter(|(m, _)| words(m) == words(l)).count() >= 2)
        .cloned()
        .collect();
    for (label, body) in &turns {
        let mut covered = false;
        for q in out.iter_mut() {
            if q.content.start >= label.start && q.content.end <= body.end {
                covered = true;
                if q.content.start < body.start {
                    q.content.start = body.start;
                }
                // The label names the speaker of the turn, over one carried on
                // from an earlier quotation (no cue of its own).
                if q.speaker.is_none() || q.cue.is_none() {
                    q.speaker = Some(label.clone());
                }
            }
        }
        let mut content = body.clone();
        while content.end > content.start && !v.is_word(content.end - 1) {
            content.end -= 1;
        }
        if !covered && !content.is_empty() {
            out.push(Found {
                content,
                kind: QuoteKind::Direct,
                cue: None,
                speaker: Some(label.clone()),
            });
        }
    }
    carry_turn_labels(v, &turns, out);
}

/// A quotation with no cue of its own right after a transcript turn, before the
/// next turn or cue, goes on with that turn ("PENCE: Well, …" then "But the truth
/// is …" in the next paragraph): its speaker is the turn's label.
fn carry_turn_labels(v: &View, turns: &[(Range<usize>, Range<usize>)], out: &mut [Found]) {
    let d = &v.cfg.settings.direct;
    if turns.is_empty() {
        return;
    }
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].content.start);
    let mut current: Option<&(Range<usize>, Range<usize>)> = None;
    for i in order {
        let start = out[i].content.start;
        if let Some(t) = turns.iter().find(|(_, body)| body.contains(&start)) {
            current = Some(t);
            continue;
        }
        match current {
            Some((label, body))
                if out[i].cue.is_none()
                    && out[i].kind == QuoteKind::Direct
                    && v.para_of[start] <= v.para_of[body.start] + d.continuation_paragraphs =>
            {
                out[i].speaker = Some(label.clone());
            }
            _ => current = None,
        }
    }
}

/// A word in capitals ("MARSH", "HOST"), as transcripts label their speakers.
fn is_label_word(v: &View, k: usize) -> bool {
    let w = v.text(k);
    v.is_word(k)
        && w.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase())
}
