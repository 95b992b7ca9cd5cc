//! Finding the words that name a speaker around a cue: a noun phrase before it
//! ("Kremlin spokesperson Dmitry Peskov told"), after it ("said Putin"), or the
//! subject of the clause for participles ("…, saying:"). Token ranges only;
//! resolving them to actors is the actor layer's work.

use std::ops::Range;

use demarche_model::EntityKind;

use crate::view::View;

/// Can token `i` be part of a speaker phrase (other than a determiner)?
fn np_word(v: &View, i: usize) -> bool {
    let s = &v.cfg.settings.speaker;
    (v.is_word(i) || v.is(i, "%"))
        && !v.in_set_lower(i, &s.stop)
        && !v.in_set(i, &s.time_words)
        && !v.in_set_lower(i, &s.past_forms)
        && !v.in_set_lower(i, &s.determiners)
        && !v.in_set_lower(i, &s.pronouns)
        && (!v.is_verb_form(i) || v.in_set_lower(i, &s.title_participles))
        && !v.is_ly_adverb(i)
}

/// "the teachers' union": the apostrophe of a plural possessive, not a quotation mark.
fn plural_possessive(v: &View, k: usize, lim: usize) -> bool {
    (v.is(k, "'") || v.is(k, "\u{2019}"))
        && k > lim
        && v.text(k - 1).ends_with(['s', 'S'])
        && v.segment_closing_at(k).is_none()
        && v.segment_opening_at(k).is_none()
}

/// Skips backwards over words that may stand between a speaker and its cue.
pub fn skip_between_back(v: &View, mut j: usize, lim: usize) -> usize {
    let s = &v.cfg.settings.speaker;
    loop {
        if j > lim && (v.in_set_lower(j - 1, &s.between) || v.is_ly_adverb(j - 1)) {
            j -= 1;
        } else if j > lim + 1 && v.in_set(j - 1, &s.time_words) && v.in_set(j - 2, &s.time_openers)
        {
            // "Sanders on Tuesday said", "the minister last week told"
            j -= 2;
        } else {
            return j;
        }
    }
}

/// Does an entity the actor layer resolved, of one of `kinds`, end with token `k`?
fn actor_ends_at(v: &View, k: usize, kinds: &[EntityKind]) -> bool {
    crate::follow::actor_ending_at(v.doc, v.doc.tokens[k].span.end, kinds).is_some()
}

/// The speaker phrase ending right before token `p` (after skipping "also", "has" …), not before `lim`.
pub fn before(v: &View, p: usize, lim: usize) -> Option<Range<usize>> {
    let s = &v.cfg.settings.speaker;
    let j = skip_between_back(v, p, lim);
    if j <= lim {
        return None;
    }
    let last = j - 1;
    if v.is(last, ")") {
        // "Sen. David Perdue (R-Ga.) said": the name before a short parenthesis.
        let open = (last.saturating_sub(8).max(lim)..last)
            .rev()
            .find(|&k| v.is(k, "("))?;
        return before(v, open, lim).map(|np| np.start..last + 1);
    }
    if v.is(last, "\u{2014}") || v.is(last, "\u{2013}") {
        // "Joyce — who is listed as an attorney — told": the name before the aside.
        let open = (last.saturating_sub(30).max(lim)..last)
            .rev()
            .find(|&k| v.is(k, v.text(last)))?;
        return before(v, open, lim);
    }
    if v.in_set(last, &s.pronouns) {
        if v.is(last, "who") {
            // "Trump, who said …": the phrase before the comma; when it ends with a
            // name the actor layer knows, the relative word names the speaker here,
            // as a pronoun does, and `follow` resolves it to that name.
            if last <= lim || !v.is(last - 1, ",") {
                return None;
            }
            let phrase = before(v, last - 1, lim)?;
            return Some(
                if actor_ends_at(
                    v,
                    phrase.end - 1,
                    &[EntityKind::Person, EntityKind::Organization],
                ) {
                    last..last + 1
                } else {
                    phrase
                },
            );
        }
        return Some(last..last + 1);
    }
    if !np_word(v, last) {
        return None;
    }
    let mut start = last;
    let mut count = 1;
    while start > lim && count < s.max_words {
        let k = start - 1;
        if v.in_set(k, &s.determiners) {
            start = k;
            // "Kent Moore at the University of Toronto": a determiner after of/for/at goes on.
            if k > lim + 1
                && v.in_set(k - 1, &s.inner)
                && np_word(v, k - 2)
                && count + 2 < s.max_words
            {
                start = k - 1;
                count += 1;
                continue;
            }
            // "one of the attorneys", "some of the protesters": a quantity opens the phrase.
            if k > lim + 1
                && v.is(k - 1, "of")
                && v.in_set_lower(k - 2, &s.determiners)
                && count + 2 < s.max_words
            {
                start = k - 2;
            }
            break;
        }
        let joins = np_word(v, k)
            || plural_possessive(v, k, lim)
            || (v.in_set(k, &s.inner)
                && (v.is_capitalised(start) || v.in_set(start, &s.determiners)));
        if !joins {
            break;
        }
        start = k;
        count += 1;
    }
    while start < last && v.in_set(start, &s.inner) {
        start += 1;
    }
    // "people close to the president", "sources familiar with the talks": the phrase goes
    // on back over an adjective standing after its head, and a preposition.
    if start > lim + 2
        && v.in_set_lower(start - 2, &s.postnominal)
        && v.text(start - 1).chars().all(|c| c.is_lowercase())
    {
        if let Some(head) = before(v, start - 2, lim) {
            start = head.start;
        }
    }
    // "Cyber security experts and U.S. officials said": phrases joined by "and" speak
    // together when the first opens the clause (not "He met the mayor and aides said").
    if start > lim + 1 && v.is(start - 1, "and") && !v.is(start - 2, ",") {
        if let Some(first) = before(v, start - 1, lim) {
            if first.start == lim || only_leads(v, lim, first.start) {
                start = first.start;
            }
        }
    }
    Some(start..last + 1)
}

/// "Yuri Ushakov, a foreign policy adviser to Putin, told": the name before an apposition
/// that ends at `p` (the comma before the cue), when the name opens the clause.
pub fn apposition(v: &View, p: usize, lim: usize) -> Option<Range<usize>> {
    if p <= lim + 3 {
        return None;
    }
    let close = p - 1;
    // "…, who calls Trump a “sociopath,” said": the comma closing the apposition stands
    // inside the quotation that ends it.
    let comma_inside = v.segment_closing_at(close).is_some() && v.is(close - 1, ",");
    if !v.is(close, ",") && !comma_inside {
        return None;
    }
    if !comma_inside {
        if let Some(name) =
            named_after_quote(v, close, lim).or_else(|| person_opening(v, close, lim))
        {
            return Some(name);
        }
    }
    // The comma opening the apposition; a quotation inside it is passed over ("Humphrey,
    // who calls Trump a “sociopath,” said"), but must stand in a relative clause.
    let mut quoted_from = None;
    let mut j = close + usize::from(comma_inside);
    let open = loop {
        if j <= lim || j + 30 < close {
            return None;
        }
        j -= 1;
        if let Some(seg) = v.segment_closing_at(j) {
            let opening = v.segments[seg].open;
            if opening > lim && opening < j {
                quoted_from = Some(opening);
                j = opening;
                continue;
            }
        }
        if v.is(j, ",") || v.is_quote_mark(j) || v.is_stop(j) {
            break j;
        }
    };
    if !v.is(open, ",") || open + 1 == close {
        return None;
    }
    // A noun phrase; a verb only inside a relative clause ("a former aide who accompanied her").
    let relative =
        (open + 1..close).find(|&j| v.is(j, "who") || v.is(j, "which") || v.is(j, "whose"));
    if quoted_from.is_some_and(|q| relative.is_none_or(|r| q < r)) {
        return None;
    }
    // A report inside a relative clause is that clause's own ("the Post, which had said it
    // would …, said", "Meyer, a former governor who argued at the conference, said");
    // before one, it ends the phrase.
    if (open + 1..relative.unwrap_or(close)).any(|j| v.cue_at[j].is_some()) {
        return None;
    }
    // A participle after a determiner is an adjective ("a leading expert", "a retired judge").
    let adjective = |j: usize| v.in_set_lower(j - 1, &v.cfg.settings.speaker.determiners);
    if (open + 1..relative.unwrap_or(close)).any(|j| {
        (v.is_verb_form(j) && !adjective(j)) || v.in_set(j, &v.cfg.settings.speaker.past_forms)
    }) {
        return None;
    }
    // "His lawyer, Zhang Dongshuo, said": the name in apposition names the speaker best.
    if is_name(v, open + 1..close) {
        let role = before(v, open, lim)?;
        let opens_clause = role.start == lim
            || only_leads(v, lim, role.start)
            || after_quote(v, role.start)
            || role_after_content(v, &role, lim);
        // "Jim Eglinski, Yellowhead MP, said": a person's name first, a capitalised title after.
        let first = if names_person(v, role.clone()) && !names_person(v, open + 1..close) {
            role
        } else {
            open + 1..close
        };
        return opens_clause.then_some(first);
    }
    let name = before(v, open, lim)?;
    // "“…” a citizen, whose name is redacted, wrote": right after a quotation anyone may speak.
    if after_quote(v, name.start) {
        return Some(name);
    }
    // After a closed parenthesis (a photo credit, "( Ann Lee / The Ledger )") a new clause opens.
    let opens_clause = name.start == lim
        || v.is(name.start - 1, ")")
        || v.is(name.start - 1, ":")
        || v.is(name.start - 1, ";")
        || v.is(name.start - 1, ",") && only_leads(v, lim, name.start - 1)
        || only_leads(v, lim, name.start);
    (opens_clause && (name.start..name.end).any(|j| v.is_capitalised(j))).then_some(name)
}

/// "Facebook built the tool, a spokeswoman, Anna White, said": a role opened by a
/// determiner right after the comma that ends the content.
pub fn role_after_content(v: &View, role: &Range<usize>, lim: usize) -> bool {
    role.start > lim + 1
        && v.is(role.start - 1, ",")
        && v.in_set_lower(role.start, &v.cfg.settings.speaker.determiners)
}

/// "“…,” Mitch McConnell, R-Ky., said", "“…,” delegate Bill Eastland, wearing a cowboy
/// hat, said": right after a quotation, a phrase ending in a name up to a comma is the
/// speaker, whatever the words between that comma and the one at `close` before the cue
/// (no verb rule).
fn named_after_quote(v: &View, close: usize, lim: usize) -> Option<Range<usize>> {
    let mark = (lim..close)
        .rev()
        .take(30)
        .find(|&j| v.is_quote_mark(j) || v.cue_at[j].is_some())?;
    v.segment_closing_at(mark)?;
    let start = if v.is(mark + 1, ",") {
        mark + 2
    } else {
        mark + 1
    };
    let name = after(v, start, close)?;
    // The phrase ends with a name ("Texas delegate Bill Eastland"), not a common noun.
    let named = v.is_capitalised(name.end - 1) && v.text(name.end - 1).len() > 1;
    (name.end < close && v.is(name.end, ",") && named).then_some(name)
}

/// "Delegate John Archer, wearing a T-shirt covered in buttons, said …": a phrase opening
/// the sentence, ending in a person's name and closed by a comma, speaks for the cue
/// after the apposition (which may hold verbs) that ends at `close`.
fn person_opening(v: &View, close: usize, lim: usize) -> Option<Range<usize>> {
    let mut start = lim;
    while start < close && (v.is(start, "but") || v.is(start, "and")) {
        start += 1;
    }
    let name = after(v, start, close)?;
    let apposition_only = (name.end + 1..close)
        .all(|j| v.cue_at[j].is_none() && !v.is_quote_mark(j) && !v.is(j, ";"));
    (name.end + 1 < close
        && v.is(name.end, ",")
        && actor_ends_at(v, name.end - 1, &[EntityKind::Person])
        && apposition_only)
        .then_some(name)
}

/// Token `k` follows the closing mark of a quotation (and maybe a comma).
fn after_quote(v: &View, k: usize) -> bool {
    let j = if k > 0 && v.is(k - 1, ",") { k - 1 } else { k };
    j > 0 && v.segment_closing_at(j - 1).is_some()
}

/// A proper name: one to five capitalised words ("Montana Sen. Jon Tester").
pub fn is_name(v: &View, r: Range<usize>) -> bool {
    !r.is_empty()
        && r.len() <= 5
        && r.clone().all(|j| v.is_capitalised(j))
        && r.clone().any(|j| v.text(j).len() > 2)
}

/// Tokens `r` are a proper name holding a person the actor layer found.
fn names_person(v: &View, r: Range<usize>) -> bool {
    if !is_name(v, r.clone()) {
        return false;
    }
    v.entities_within(r)
        .any(|e| e.kind == demarche_model::EntityKind::Person)
}

/// Only conjunctions and adverbs ("But even", "Meanwhile,") stand in `[a, b)`, or
/// one short phrase of place, time or manner closed by a comma ("In a statement,").
pub fn only_leads(v: &View, a: usize, b: usize) -> bool {
    let s = &v.cfg.settings.speaker;
    let leads = |a: usize, b: usize| {
        (a..b).all(|j| {
            v.in_set(j, &s.leads) || v.in_set(j, &s.between) || v.is_ly_adverb(j) || v.is(j, ",")
        })
    };
    if leads(a, b) {
        return true;
    }
    // The phrase: a preposition, then words without a verb or a cue, up to a comma.
    let Some(p) = (a..b).find(|&j| !leads(j, j + 1)) else {
        return true;
    };
    // Its own comma is the first one; only leads may follow ("On Wednesday, however,").
    let Some(comma) = (p..b).find(|&j| v.is(j, ",")) else {
        return false;
    };
    v.in_set_lower(p, &s.adjunct_preps)
        && comma - p <= s.lead_phrase_max_words
        && leads(comma, b)
        && (p + 1..comma).all(|j| {
            v.is_word(j)
                && !v.is_verb_form(j)
                && !v.in_set_lower(j, &s.past_forms)
                && v.cue_at[j].is_none()
        })
}

/// The speaker phrase starting at token `p` ("said the minister", "said Putin"), ending before `lim`.
pub fn after(v: &View, p: usize, lim: usize) -> Option<Range<usize>> {
    let s = &v.cfg.settings.speaker;
    if p >= lim {
        return None;
    }
    if v.in_set(p, &s.pronouns) && !v.is(p, "who") && !v.is(p, "it") {
        return Some(p..p + 1);
    }
    let mut k = p;
    if v.in_set(k, &s.determiners) {
        k += 1;
    }
    let mut end = k;
    while end < lim && end - p < s.max_words {
        let joins = np_word(v, end)
            || (v.in_set(end, &s.inner)
                && end > k
                && (v.is_capitalised(end + 1) || v.in_set(end + 1, &s.determiners)));
        if !joins {
            break;
        }
        end += 1;
    }
    while end > k && v.in_set(end - 1, &s.inner) {
        end -= 1;
    }
    // "“…,” read one.": a determiner standing for the speaker, up to the clause end.
    if end == k
        && k == p + 1
        && v.in_set_lower(p, &s.standalone_determiners)
        && (k >= lim || v.is_stop(k) || v.is(k, ","))
    {
        return Some(p..k);
    }
    (end > k).then_some(p..end)
}

/// The subject of the clause that holds token `before` in its sentence: the first
/// noun phrase after a dateline, a leading adverbial and a conjunction.
pub fn clause_subject(v: &View, sentence: usize, before: usize) -> Option<Range<usize>> {
    let s = &v.cfg.settings.speaker;
    let range = v.sentence(sentence);
    let mut k = skip_dateline(v, range.clone());
    // A leading adverbial ("During the meeting,", "Speaking in Moscow,", "Last week,"):
    // skip to its comma.
    let opener = v.is_word(k)
        && (v.in_set(k, &s.stop)
            || v.in_set_lower(k, &s.adjunct_preps)
            || v.in_set_lower(k, &s.time_openers)
            || v.text(k).ends_with("ing")
            || v.text(k).ends_with("ed"));
    if opener && !v.in_set(k, &s.pronouns) {
        if let Some(comma) = (k..before).find(|&j| v.is(j, ",")) {
            k = comma + 1;
        }
    }
    while k < before && (v.is(k, "but") || v.is(k, "and") || v.is(k, "however") || v.is(k, ",")) {
        k += 1;
    }
    let np = after(v, k, before)?;
    // "The Minister of Foreign Affairs, Sergey Lavrov, said": prefer the name in apposition.
    if v.is(np.end, ",") && v.is_capitalised(np.end + 1) {
        if let Some(name) = after(v, np.end + 1, before) {
            if v.is(name.end, ",") && (name.start..name.end).all(|j| v.is_capitalised(j)) {
                return Some(name);
            }
        }
    }
    Some(np)
}

/// After a dateline ("Moscow:", "WASHINGTON (AP) —", "Moscow –"), the first token of the text.
pub fn skip_dateline(v: &View, range: Range<usize>) -> usize {
    let start = range.start;
    for j in start..range.end.min(start + 6) {
        let t = v.text(j);
        if matches!(t, ":" | "—" | "–" | "-" | "--") && j > start {
            let all_caps_words =
                (start..j).all(|k| v.is_capitalised(k) || matches!(v.text(k), "(" | ")" | ","));
            if all_caps_words && j + 1 < range.end {
                return j + 1;
            }
            break;
        }
        if !(v.is_capitalised(j) || matches!(t, "(" | ")" | ",")) {
            break;
        }
    }
    start
}
