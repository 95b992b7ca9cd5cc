//! Reporting frames from the dependency parse: the subject of a reporting verb
//! is its speaker, its clausal complement the content ("Peskov stated that …",
//! "told a packed room at the harbour hotel that …", "and said he would …").
//! Fills what the surface rules of `frames` left open.

use std::ops::Range;

use demarche_model::Upos;

use crate::frames::Frame;
use crate::speaker;
use crate::tree::Tree;
use crate::view::View;

/// Completes frame `f` of sentence `s` with the parse: a speaker when none was
/// found, the complement clause as content when the surface rules found none.
pub fn complete(v: &View, s: usize, f: &mut Frame) {
    let reports = f.cue.flags.indirect || f.cue.flags.direct;
    if f.cue.flags.speaker_after || !(reports || f.cue.flags.partial) {
        return;
    }
    let Some(t) = Tree::of(v, s) else { return };
    let verb = f.cue.start;
    if t.upos(verb) != Some(Upos::Verb) {
        return;
    }
    let p = &v.cfg.settings.parse;
    if !reports {
        naming(v, &t, verb, f);
        stance_object(v, &t, verb, f);
        return;
    }
    let surface_speaker = f.speaker.clone();
    if f.content.as_ref().is_some_and(|c| {
        !before_is_clause(
            v,
            &t,
            verb,
            c,
            surface_speaker.as_ref(),
            f.cue.flags.addressee,
        )
    }) {
        f.content = None;
    }
    // "described the move as a “major breach of trust”": a cue of stance that also
    // introduces quotations reports its object with the quotation completing it.
    if f.cue.flags.partial && p.predicate_content {
        let open = match f.content.clone() {
            None => true,
            Some(c) => c.start > verb && v.quoted_words(c.start, c.end) > 0,
        };
        if open {
            let covers = |r: &Range<usize>| {
                f.content
                    .as_ref()
                    .is_none_or(|c| r.start < c.start && r.end >= c.end)
            };
            if let Some(r) = quoted_complement(v, &t, verb).filter(covers) {
                f.content = Some(r);
                f.named = true;
                f.cue.flags.indirect = true;
            }
        }
    }
    // "Frank Luntz, a pollster, said Mr. Cameron had failed": the surface read the name
    // after the cue as an inverted speaker; the parse makes it the subject of the
    // cue's complement and gives the cue a subject of its own before it.
    if let Some(r) = f.speaker.clone().filter(|r| r.start >= f.cue.end) {
        let clause = complement_head(v, &t, verb);
        let opens_complement = (r.start..r.end)
            .any(|k| t.rel(k).starts_with("nsubj") && clause.is_some() && t.head(k) == clause);
        if opens_complement {
            if let Some(own) = subject(v, &t, verb, &p.speaker_cut) {
                f.speaker = Some(own);
            }
        }
    }
    // After an inverted speaker ("…, said Baker, an adviser") no clause follows.
    let inverted = f.speaker.as_ref().is_some_and(|r| r.start >= f.cue.end);
    if f.cue.flags.indirect && !inverted {
        let parsed = complement(v, &t, verb);
        // "told a crowded hall in Denver that …": the parse knows where the clause starts.
        // A cue that takes no addressee has no phrase to skip: what the parse hangs on it
        // as an object is the clause's subject ("said the tax breaks “do nothing …”").
        // Nor is an object the parse gives such a cue before the clause ("says Donald
        // Trump's flurry of tweets was “unhinged”"): it is the clause's subject.
        let object_skipped = |c: &Range<usize>, r: &Range<usize>| {
            (c.start..r.start).any(|k| t.head(k) == Some(verb) && t.rel(k) == "obj")
        };
        let narrower = |c: &Range<usize>, r: &Range<usize>| {
            c.start >= verb
                && (f.cue.flags.addressee
                    || (!object_skipped(c, r)
                        && (v.segment_opening_at(r.start - 1).is_none()
                            || !v.is_word(r.start - 2))))
                && r.start > c.start
                && r.end <= c.end
                && v.quoted_words(c.start, r.start) == 0
        };
        match (&f.content, parsed) {
            (None, Some(r)) => f.content = Some(r),
            (Some(c), Some(r)) if narrower(c, &r) => f.content = Some(c.start.max(r.start)..c.end),
            _ => {}
        }
    }
    if !inverted {
        stance_object(v, &t, verb, f);
    }
    // "added yet another goal", "wrote her first cookbook": an object, not a report. The
    // subject must be the content's own: hung on a word whose head is outside it, and
    // not that of an adverbial or relative clause ("a goal when Karlsson scored").
    if f.cue.flags.clause_only
        && f.content.as_ref().is_some_and(|c| {
            // An adverbial clause opened by "that" is the parser's slip for a complement
            // ("added that the votes were not there").
            let that_clause = |k: usize| t.child(k, &["mark"]).is_some_and(|m| v.is(m, "that"));
            let top = |k: usize| {
                t.head(k).is_none_or(|h| !c.contains(&h))
                    && (!t.rel(k).starts_with("advcl") || that_clause(k))
                    && !t.rel(k).starts_with("acl")
                    // ", she noted": an outer report's own subject, not the content's.
                    && !(t.rel(k) == "parataxis" && v.cue_at[k].is_some())
            };
            // After an explicit "that", a verb makes a clause whatever the parse hung on
            // it ("adding that police fired back", "that" taken for a determiner).
            let after_that = c.start > 0
                && v.is(c.start - 1, "that")
                && !matches!(t.upos(c.start), Some(Upos::Verb | Upos::Aux))
                && (c.start + 1..c.end).any(|k| matches!(t.upos(k), Some(Upos::Verb | Upos::Aux)));
            c.start > verb
                && !after_that
                && v.quoted_words(c.start, c.end) == 0
                && !(c.start..c.end).any(|k| {
                    (t.rel(k).starts_with("nsubj") || t.rel(k) == "expl")
                        && t.head(k).is_some_and(|h| c.contains(&h) && top(h))
                })
        })
    {
        f.content = None;
    }
    if f.speaker.is_none() && f.content.is_some() {
        f.speaker = subject(v, &t, verb, &p.speaker_cut);
        // "Trump went on the attack, saying, “…”": a participle hung on the clause's
        // verb reports for that verb's subject.
        // So does one opening the sentence before that clause ("Noting that …, Ann Lee
        // added …"): its content ends before the clause.
        if f.speaker.is_none() && f.cue.participle && t.rel(verb) == "advcl" {
            let opening = |h: usize| {
                h > verb
                    && f.content.as_ref().is_some_and(|c| c.start < h)
                    && speaker::only_leads(v, v.sentence(s).start, verb)
            };
            if let Some(h) = t.head(verb).filter(|&h| h < verb || opening(h)) {
                f.speaker = subject(v, &t, h, &p.speaker_cut);
                if let (Some(c), Some(r)) = (f.content.as_mut(), f.speaker.as_ref()) {
                    if r.start > verb && r.start < c.end {
                        c.end = end_before(v, c.start, r.start);
                    }
                }
            }
        }
    }
    // "Ms. Ortega, who said the beds were promised, runs the kitchen": the content
    // stops before the clause that holds the cue (its verb after a comma).
    let relative = verb > 0 && p.relative_openers.iter().any(|w| v.is(verb - 1, w));
    if let Some(c) = f.content.as_mut().filter(|c| c.start > verb) {
        let resumes = |k: usize| {
            // The main clause resumes with a verb or after a comma; a noun the parse puts
            // over the cue inside the clause ("declared Oksuz was a leader") is its mistake.
            (t.dominates(k, verb)
                && (matches!(t.upos(k), Some(Upos::Verb | Upos::Aux)) || v.is(k - 1, ",")))
                || relative
                    && k > c.start
                    && v.is(k - 1, ",")
                    && v.seg_of[k].is_none()
                    && matches!(t.upos(k), Some(Upos::Verb | Upos::Aux))
        };
        if let Some(k) = (c.start..c.end).find(|&k| resumes(k)) {
            // The main clause's subject after a comma goes with it ("As Clinton said the
            // era was over, Obama won …"); one with no comma before it is the content's own
            // ("While friends say Mr. Clinton would look …"), so the clause does not resume.
            let subject = t
                .children(k)
                .find(|&n| t.rel(n).starts_with("nsubj") && n >= c.start && n < k);
            // The comma (closing mark, dash) opening the subject: no verb between them.
            let comma = |at: usize| {
                (c.start..at)
                    .rev()
                    .take_while(|&j| !matches!(t.upos(j), Some(Upos::Verb | Upos::Aux)))
                    .find(|&j| {
                        (v.is(j, ",") && v.seg_of[j].is_none())
                            || v.segment_closing_at(j).is_some()
                            || crate::frames::is_dash(v, j)
                    })
            };
            let cut = match subject.map(|n| (n, comma(n))) {
                Some((n, Some(j))) => t.extent(n, &[]).start.max(j + 1),
                Some((_, None)) => c.end,
                None => k,
            };
            let end = end_before(v, c.start, cut);
            if v.words(c.start, end) >= v.cfg.settings.content.min_words {
                c.end = end;
            }
        }
        // "said the talks would resume and warned that …", "said X — and he noted Y": a
        // report coordinated with the cue verb is not part of what the cue reports. Nor
        // is one the parser hangs on the reported verb without a subject of its own
        // ("says Okafor promised to … and said she would …").
        // A negated report ("but did not suggest …") is no cue, yet still ends the content.
        // A verb inside a quotation is the quoted words' own ("had “reviewed the
        // complaints and concluded that …”"), never the narrator's next report.
        let coordinated = (c.start..c.end)
            .filter(|&k| v.seg_of[k].is_none())
            .filter(|&k| {
                v.cue_at[k].is_some()
                    || (t.upos(k) == Some(Upos::Verb)
                        && v.cfg
                            .cues_for(v.text(k))
                            .iter()
                            .any(|e| e.rest.is_empty() && e.flags.indirect))
            })
            .filter(|&k| t.rel_in(k, &p.coordinated))
            // "… so she would not be criticized": a passive verb reports nothing.
            .filter(|&k| !t.children(k).any(|n| t.rel(n).ends_with(":pass")))
            .filter(|&k| {
                // "said hackers broke in and she accused Trump of …": a report whose
                // subject is a pronoun goes on the narrator's account, not the speaker's.
                let pronoun_subject = v.seg_of[k].is_none()
                    && t.children(k).any(|n| {
                        t.rel(n).starts_with("nsubj")
                            && v.in_set_lower(n, &v.cfg.settings.speaker.pronouns)
                    });
                t.head(k).is_some_and(|h| {
                    h == verb
                        || (c.contains(&h)
                            && (pronoun_subject
                                || !t.children(k).any(|n| t.rel(n).starts_with("nsubj"))))
                })
            })
            .map(|k| t.extent(k, &[]).start)
            .filter(|&cut| cut > c.start)
            .min();
        if let Some(end) = coordinated.map(|k| end_before(v, c.start, k)) {
            if v.words(c.start, end) >= v.cfg.settings.content.min_words {
                c.end = end;
            }
        }
    }
}

/// Where a content starting at `start` ends when cut at `cut`: before the punctuation
/// there, a quotation's closing mark kept.
pub(crate) fn end_before(v: &View, start: usize, cut: usize) -> usize {
    let mut end = cut;
    while end > start && !v.is_word(end - 1) && v.segment_closing_at(end - 1).is_none() {
        end -= 1;
    }
    end
}

/// "praised the governor's handling of the storm", "accused Clinton of lying": what a
/// verb of stance (flag S) reports, when it reports nothing else, is its object and what
/// completes it, with `parse.object_content`. Not where it names a thing ("a program
/// called Club Moo") or its subject itself ("calling themselves patriots").
fn stance_object(v: &View, t: &Tree, verb: usize, f: &mut Frame) {
    let p = &v.cfg.settings.parse;
    if f.content.is_some() || !f.cue.flags.stance || !p.object_content {
        return;
    }
    let reduced_relative = t.rel(verb).starts_with("acl") && !v.text(verb).ends_with("ing");
    if reduced_relative {
        return;
    }
    let Some(r) = object(v, t, verb, f.cue.flags.intent) else {
        return;
    };
    if v.in_set_lower(r.start, &p.self_names) {
        return;
    }
    f.content = Some(r);
    f.cue.flags.indirect = true;
    if f.speaker.is_none() {
        f.speaker = subject(v, t, verb, &p.speaker_cut);
    }
}

/// The object of a verb with the complements after it, as one range; for a verb of
/// will (`intent`), also the infinitive it governs ("declined to comment").
fn object(v: &View, t: &Tree, verb: usize, intent: bool) -> Option<Range<usize>> {
    let p = &v.cfg.settings.parse;
    let rels: Vec<&str> = p.object_relations.iter().map(String::as_str).collect();
    let cut: Vec<&str> = p.content_cut.iter().map(String::as_str).collect();
    let completes = |c: usize| {
        t.child(c, &["mark"])
            .is_some_and(|m| v.in_set_lower(m, &p.object_clause_marks))
    };
    let parts: Vec<Range<usize>> = t
        .children(verb)
        .filter(|&c| c > verb && (rels.contains(&t.rel(c)) || completes(c)))
        .map(|c| t.extent(c, &cut))
        .collect();
    let first = parts.first()?;
    let head = t
        .children(verb)
        .find(|&c| c > verb && (rels.contains(&t.rel(c)) || intent && completes(c)))?;
    if t.rel(head) != "obj" && !(intent && completes(head)) {
        return None;
    }
    let end = parts.iter().map(|r| r.end).max().unwrap_or(first.end);
    let mut r = first.start..end;
    r.end = end_before(v, r.start, r.end);
    (v.words(r.start, r.end) >= p.object_min_words).then_some(r)
}

/// "called the charges a political ploy": a verb of naming (a cue that only attributes
/// phrases) reports its object with the name it gives it, with its subject as speaker
/// (with a quoted name, assembly makes that a mixed quote).
fn naming(v: &View, t: &Tree, verb: usize, f: &mut Frame) {
    let p = &v.cfg.settings.parse;
    if f.content.is_some() || !p.predicate_content {
        return;
    }
    if let Some(r) = predicate(v, t, verb) {
        f.named = v.quoted_words(r.start, r.end) > 0;
        f.content = Some(r);
        f.cue.flags.indirect = true;
        if f.speaker.is_none() {
            f.speaker = subject(v, t, verb, &p.speaker_cut);
        }
    }
}

/// The object of a verb of naming and the name it gives it ("called the deal a
/// mistake"), from the object to the end of the name (a quotation it opens included).
fn predicate(v: &View, t: &Tree, verb: usize) -> Option<Range<usize>> {
    let p = &v.cfg.settings.parse;
    let cut: Vec<&str> = p.content_cut.iter().map(String::as_str).collect();
    let parts: Vec<usize> = t
        .children(verb)
        .filter(|&c| c > verb && t.rel_in(c, &p.naming_relations))
        .collect();
    let (Some(&named), Some(&name)) = (parts.first(), parts.get(1)) else {
        return quoted_complement(v, t, verb);
    };
    // "men calling themselves the Sons of Liberty": a name taken, not a claim made;
    // "called the minister last week": a time, not a name (parsers label both bare
    // noun phrases alike).
    if v.in_set(named, &p.self_names) || v.in_set(name, &v.cfg.settings.speaker.time_words) {
        return None;
    }
    let mut r = t.extent(name, &cut);
    if r.start < t.extent(named, &cut).end {
        return None;
    }
    if v.quoted_words(r.start, r.end) > 0 || (r.start..r.end).any(|k| v.is_quote_mark(k)) {
        // "called the assault “an attack on our country”": the object with the quoted
        // name it is given, one mixed quote running to the closing mark of a quotation
        // it opens. A participle elaborating another report ("…, labelling them
        // “unprovoked aggression”") leaves the quoted name a quotation of its own.
        if v.text(verb).ends_with("ing") {
            return None;
        }
        r.start = t.extent(named, &cut).start;
        for seg in &v.segments {
            if (r.start..r.end).contains(&seg.open) {
                if let Some(close) = seg.close.filter(|&c| c >= r.end) {
                    r.end = close + 1;
                }
            }
        }
        return Some(r);
    }
    // "called the plan a mistake": what was said is that the plan is a mistake, so the
    // object goes with the name, as with a quoted name.
    r.start = t.extent(named, &cut).start;
    while r.end > r.start && !v.is_word(r.end - 1) {
        r.end -= 1;
    }
    (v.words(r.start, r.end) >= v.cfg.settings.content.min_words).then_some(r)
}

/// "accused him of having a “penchant for sexism”", "described the move as a “breach of
/// trust”", "called the party's suspension “arbitrary”": the object of a verb of stance
/// and the quotation that completes it within the verb's own phrase, as one range from
/// the object through the closing mark to the end of that phrase, whatever relations the
/// parser gave the words before the quotation. Those must open no clause of their own (no
/// comma, subject or finite verb), and be few.
fn quoted_complement(v: &View, t: &Tree, verb: usize) -> Option<Range<usize>> {
    let p = &v.cfg.settings.parse;
    // After a participle ("…, labelling them “…”") the quotation stands on its own.
    if v.text(verb).ends_with("ing") {
        return None;
    }
    let cut: Vec<&str> = p.content_cut.iter().map(String::as_str).collect();
    let obj = t.child(verb, &["obj"]).filter(|&o| o > verb)?;
    let start = t.extent(obj, &cut).start;
    let seg = &v.segments[(verb + 1..t.end()).find_map(|k| v.segment_opening_at(k))?];
    let close = seg.close?;
    // Quoted words inside the object's own phrase ("praised the “longstanding and close”
    // relationship", "highlighted their “very close views”") are a quotation of their own.
    if start <= verb || seg.open <= obj || seg.first >= seg.end {
        return None;
    }
    if v.words(start, seg.open) > p.complement_gap_words || !t.dominates(verb, seg.first) {
        return None;
    }
    let verbal = |k: usize| matches!(t.upos(k), Some(Upos::Verb | Upos::Aux));
    let opens_clause = |k: usize| {
        !t.dominates(verb, k)
            || v.is(k, ",")
            || v.is(k, ";")
            || v.is(k, ":")
            || t.rel(k).starts_with("nsubj")
            || t.rel(k) == "expl"
            || verbal(k) && !v.text(k).ends_with("ing")
    };
    if (verb + 1..seg.open).any(opens_clause) {
        return None;
    }
    // The phrase holding the quotation runs on after it ("blasted the senator for
    // “cavorting” with a lobbyist").
    let phrase = t
        .children(verb)
        .filter(|&c| c > verb && t.dominates(c, seg.first))
        .map(|c| t.extent(c, &cut).end)
        .max()
        .unwrap_or(0);
    // It stops at punctuation outside quotation marks and at a verb that opens a clause
    // of its own ("… “hurtful and humiliating” and warned of …"); a second quotation
    // within it is taken whole ("a “fascist” and a “Stalinist”").
    let mut end = close + 1;
    let mut k = close + 1;
    while k < phrase {
        if let Some(seg) = v.segment_opening_at(k).map(|j| &v.segments[j]) {
            match seg.close {
                Some(c) => {
                    end = c + 1;
                    k = c + 1;
                    continue;
                }
                None => break,
            }
        }
        let punct = !v.is_word(k) && v.seg_of[k].is_none();
        // A verb coordinated with it, or one that reports on its own ("…,” adding that …).
        let next_clause = verbal(k)
            && (t.rel_in(k, &p.coordinated)
                || t.rel_in(k, &p.adjunct_relations)
                || v.cue_at[k].is_some());
        if punct || next_clause || t.rel(k) == "cc" && t.head(k).is_some_and(verbal) {
            break;
        }
        k += 1;
        end = k;
    }
    Some(start..end)
}

/// Unquoted content before the cue ("X, he said") must be a clause of its own: holding
/// a verb, and not holding the cue's own subject ("Smith, speaking in Ohio, said",
/// "At Monday's debate, she mentioned").
fn before_is_clause(
    v: &View,
    t: &Tree,
    verb: usize,
    c: &Range<usize>,
    speaker: Option<&Range<usize>>,
    addressee: bool,
) -> bool {
    // "Citing “obligations at home,” the spokeswoman told …": a participle the parse
    // hangs on the cue opens an adjunct, whatever it quotes.
    if c.end <= verb
        && t.head(c.start) == Some(verb)
        && t.upos(c.start) == Some(Upos::Verb)
        && t.rel_in(c.start, &v.cfg.settings.parse.adjunct_relations)
    {
        return false;
    }
    // "Friday, as the parade rolled by, CNN reported six planes filled …": a cue with
    // an object or a clause of its own after it reports that, not the unquoted words
    // before its speaker. (A cue that takes an addressee may have one: "…, he told
    // reporters"; an inverted speaker is no object: "…, said Ann Lee".)
    // Not a time the parser takes for an object ("announced Saturday"), nor a phrase
    // after a comma ("…, Sanders said, a policy that …": an aside on the whole).
    let own_complement = |k: usize| {
        k > verb
            && v.seg_of[k].is_none()
            && !v.in_set(k, &v.cfg.settings.speaker.time_words)
            && !(verb + 1..k).any(|j| v.is(j, ","))
            && (t.rel_in(k, &v.cfg.settings.parse.content_relations)
                || (t.rel(k) == "obj" && !addressee))
    };
    let speaker_before = speaker.is_some_and(|r| r.end <= verb);
    if c.end <= verb
        && speaker_before
        && v.quoted_words(c.start, c.end) == 0
        && t.children(verb).any(own_complement)
    {
        return false;
    }
    // Quoted words make it a (mixed) quotation when they are most of it, not
    // when they are a title inside it ("On the broadcast of “Fox News Sunday,” …").
    let quoted = v.quoted_words(c.start, c.end) as f32;
    let share = quoted / v.words(c.start, c.end).max(1) as f32;
    if c.end > verb || (quoted > 0.0 && share >= v.cfg.settings.mixed.min_quoted_share) {
        return true;
    }
    // A verb inside a quoted title ("On CBS's “Face the Nation,” Ryan said") makes no clause.
    let has_verb = c
        .clone()
        .any(|k| v.seg_of[k].is_none() && matches!(t.upos(k), Some(Upos::Verb | Upos::Aux)));
    // A speaker the surface found between the content and the cue, or after the cue
    // ("…, a former official said", "…, said Ann Lee"), is the cue's subject whatever
    // the parse hung on it from the content. After the cue the phrase must end the clause
    // ("said landlords in cities will …" opens the complement), and after a cue that
    // takes an addressee the parse must agree ("…, told Chinese media" names whom).
    let ends_clause = |k: usize| k >= v.len() || v.is_stop(k) || v.is(k, ",") || v.is(k, ";");
    let speaker_outside = speaker.is_some_and(|r| {
        r.start >= c.end
            && (r.end <= verb
                || ends_clause(r.end)
                    && (!addressee
                        || r.clone()
                            .any(|k| t.head(k) == Some(verb) && t.rel(k).starts_with("nsubj"))))
    });
    let own_subject = !speaker_outside && t.child(verb, &["nsubj"]).is_some_and(|n| c.contains(&n));
    // "After Kody died, she urged police to …": a clause the parse hangs on the cue
    // as an adjunct (time, cause, condition) says when or why, not what.
    let p = &v.cfg.settings.parse;
    let on_cue = |k: &usize| t.head(*k) == Some(verb);
    let adjunct = c
        .clone()
        .filter(on_cue)
        .any(|k| t.rel_in(k, &p.adjunct_relations));
    // Unless the parse also finds what was said there ("Since X, Y, Mook said").
    let reported = t.head(verb).is_some_and(|h| c.contains(&h))
        || c.clone()
            .filter(on_cue)
            .any(|k| t.rel(k) == "parataxis" || t.rel_in(k, &p.content_relations));
    // "X signals “the end” for the EU, said Ann Lee.": before an inverted speaker that
    // ends the clause, the words are what was said even where the tagger found no verb;
    // so are they before a speaker and a cue that end it (`closing` below).
    let inverted = speaker_outside && speaker.is_some_and(|r| r.start > verb);
    // "Though X, there is no link, political scientists say.": a cue ending its clause
    // after its speaker reports the clause before it, whatever the parser hung on the cue;
    // opening with a subordinator, only when a clause follows its last comma ("When Lee
    // said X, the crowd protested" is an adjunct).
    let main_after_comma = (c.start..c.end)
        .rev()
        .find(|&j| v.is(j, ",") && v.seg_of[j].is_none())
        .is_some_and(|j| (j + 1..c.end).any(|k| matches!(t.upos(k), Some(Upos::Verb | Upos::Aux))));
    let subordinate =
        t.rel(c.start) == "mark" || v.in_set_lower(c.start, &v.cfg.settings.speaker.leads);
    let closing = (!subordinate || main_after_comma)
        && speaker.is_some_and(|r| r.start >= c.end && r.end <= verb)
        && ends_clause(verb + 1);
    (has_verb || inverted || closing) && !own_subject && (!adjunct || reported || closing)
}

/// The head of the clause a reporting verb governs after it.
fn complement_head(v: &View, t: &Tree, verb: usize) -> Option<usize> {
    let rels = &v.cfg.settings.parse.content_relations;
    t.children(verb).find(|&c| c > verb && t.rel_in(c, rels))
}

/// The clause a reporting verb governs, without its leading "that" and edge punctuation.
fn complement(v: &View, t: &Tree, verb: usize) -> Option<Range<usize>> {
    let p = &v.cfg.settings.parse;
    let c = complement_head(v, t, verb)?;
    let cut: Vec<&str> = p.content_cut.iter().map(String::as_str).collect();
    let mut r = t.extent(c, &cut);
    while r.start < r.end && (v.is(r.start, "that") || !v.is_word(r.start)) {
        if v.segment_opening_at(r.start).is_some() {
            break;
        }
        r.start += 1;
    }
    r.end = end_before(v, r.start, r.end);
    (v.words(r.start, r.end) >= v.cfg.settings.content.min_words).then_some(r)
}

/// The subject of the reporting verb, or of the verb it is coordinated with
/// ("reversed themselves and said …").
fn subject(v: &View, t: &Tree, verb: usize, cut: &[String]) -> Option<Range<usize>> {
    let cut: Vec<&str> = cut.iter().map(String::as_str).collect();
    let mut at = verb;
    for _ in 0..3 {
        // A subject with a preposition of its own is misparsed: "after Jones assured" keeps
        // the name; "on Thursday and in a response said" is a time, and the subject of
        // the verb the cue is coordinated with speaks.
        // Of two subjects the parser gave one verb, the one after the verb's subordinator
        // is its own ("hours after Sanders said").
        let mark = t.child(at, &["mark"]).filter(|&m| m < at);
        let own = t
            .children(at)
            .find(|&n| t.rel(n) == "nsubj" && mark.is_some_and(|m| m < n && n < at))
            .or_else(|| t.child(at, &["nsubj"]));
        // A subject with a copula of its own is a clause the parser misread ("The country
        // is in crisis after lawmakers rejected …"): it names nobody.
        let own = own.filter(|&n| t.child(n, &["cop"]).is_none());
        if let Some(n) = own {
            let mut r = t.extent(n, &cut);
            let preposition = t.child(n, &["case"]).filter(|&c| c < n && c == r.start);
            let time = v.in_set(n, &v.cfg.settings.speaker.time_words);
            if time && preposition.is_none() && only_time(v, r.clone()) {
                return before_time_subject(v, t, at, n, &cut);
            }
            if preposition.is_none() || !time {
                // "a finding that shows …": a relative word is no speaker; a demonstrative
                // a clause describes is a group of people ("those surveyed said").
                if v.in_set(n, &v.cfg.settings.parse.not_subjects) {
                    let described = t
                        .children(n)
                        .any(|m| m > n && matches!(t.rel(m), "acl" | "acl:relcl"));
                    if !described {
                        return None;
                    }
                    // The clause is the phrase: "those surveyed", "those who voted early".
                    r = t.extent(n, &["punct"]);
                }
                if let Some(c) = preposition {
                    r.start = c + 1;
                }
                // "WASHINGTON -- President Obama said": the parser joined the dateline.
                if v.text(r.start).chars().all(|ch| ch.is_uppercase())
                    && v.text(r.start).chars().count() > 2
                    && v.sentence(v.sent_of[r.start]).start == r.start
                {
                    let after = speaker::skip_dateline(v, r.clone());
                    if after > r.start && after < r.end {
                        r.start = after;
                    }
                }
                return (r.end <= verb && v.words(r.start, r.end) > 0).then_some(r);
            }
        }
        // "Six in 10 voters said Clinton is honest", "An official who was present in court
        // told reporters he …": with no other verb in the sentence the parser reads the cue
        // as a participle on a noun before it (a reduced relative) and makes the first noun
        // the root; when the cue reports a clause, that noun's phrase is its subject.
        if at == verb && t.rel(at) == "acl" && t.head(at).is_some_and(|h| h < at) {
            let mut root = t.head(at)?;
            while let Some(h) = t.head(root) {
                root = h;
            }
            let mut phrase = t.extent(root, &cut);
            phrase.end = phrase.end.min(at);
            let clause = t.children(at).any(|m| t.rel(m) == "ccomp");
            let sentence_start = v.sentence(v.sent_of[at]).start;
            let nominal = matches!(t.upos(root), Some(Upos::Noun | Upos::Propn | Upos::Pron));
            return (clause
                && nominal
                && root < at
                && phrase.start == sentence_start
                && !v.in_set_lower(phrase.start, &v.cfg.settings.speaker.adjunct_preps)
                && !(phrase.end..at).any(|k| v.is(k, ",") || v.is(k, ";")))
            .then_some(phrase);
        }
        // "went on Twitter to say …": an infinitive of purpose speaks for its verb's subject.
        let purpose = t.rel(at) == "advcl"
            && t.children(at).any(|m| t.rel(m) == "mark" && v.is(m, "to"))
            && t.head(at).is_some_and(|h| h < at);
        if !(matches!(t.rel(at), "conj" | "xcomp") || purpose) {
            return None;
        }
        at = t.head(at)?;
    }
    None
}

/// Words of a time phrase only ("Wednesday", "the last two weeks"), not "USA TODAY".
fn only_time(v: &View, r: Range<usize>) -> bool {
    let sp = &v.cfg.settings.speaker;
    r.filter(|&k| v.is_word(k)).all(|k| {
        v.in_set(k, &sp.time_words)
            || v.in_set_lower(k, &sp.time_openers)
            || v.in_set_lower(k, &sp.determiners)
            || v.text(k).chars().all(|c| c.is_ascii_digit())
    })
}

/// A time the parser made the subject ("A court filing released Thursday says …",
/// "Majorities of voters going to the polls Tuesday say …") names nobody: the phrase
/// before it, which the parse makes the head of the cue's clause or its subject, speaks.
fn before_time_subject(
    v: &View,
    t: &Tree,
    at: usize,
    time: usize,
    cut: &[&str],
) -> Option<Range<usize>> {
    let h = t.head(at).filter(|&h| h < time)?;
    let phrase = match t.upos(h) {
        // The participle follows its subject ("A court filing released …").
        Some(Upos::Verb | Upos::Aux) => t
            .children(h)
            .filter(|&n| t.rel(n) == "nsubj")
            .map(|n| t.extent(n, cut))
            .find(|r| r.end == h)?,
        Some(Upos::Noun | Upos::Propn) if t.rel(at).starts_with("acl") => t.extent(h, cut),
        _ => return None,
    };
    let end = phrase.end.min(t.extent(time, cut).start);
    // "But a filing released …": a word opening the clause is not the speaker's.
    let mut start = phrase.start;
    while start < end && v.in_set(start, &v.cfg.settings.speaker.leads) {
        start += 1;
    }
    let r = start..end;
    (v.words(r.start, r.end) > 0 && !v.in_set(r.start, &v.cfg.settings.parse.not_subjects))
        .then_some(r)
}

/// Frames the cue list does not know: a verb whose subject names someone and
/// whose complement is a clause ("Democrats fear the bill would …").
pub fn unlisted(v: &View, s: usize, taken: &[Frame]) -> Vec<Frame> {
    let p = &v.cfg.settings.parse;
    let mut out = Vec::new();
    if !p.any_verb {
        return out;
    }
    let Some(t) = Tree::of(v, s) else { return out };
    for verb in v.sentence(s) {
        if t.upos(verb) != Some(Upos::Verb)
            || v.seg_of[verb].is_some()
            || v.cue_at[verb].is_some()
            || taken.iter().any(|f| f.cue.start == verb)
        {
            continue;
        }
        let Some(content) = complement(v, &t, verb) else {
            continue;
        };
        let Some(speaker) = subject(v, &t, verb, &p.speaker_cut) else {
            continue;
        };
        out.push(Frame {
            cue: crate::view::Cue {
                start: verb,
                end: verb + 1,
                flags: crate::config::CueFlags {
                    indirect: true,
                    belief: true,
                    ..Default::default()
                },
                participle: false,
            },
            speaker: Some(speaker),
            content: Some(content),
            named: false,
            unnamed: false,
        });
    }
    out
}
