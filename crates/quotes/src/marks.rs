//! Pairs quotation marks into quoted segments.
//!
//! Works over the document's `Quote` tokens, whatever the style (“ ” ‘ ’ « » „ " ').
//! A mark opens or closes by its shape and, for the ambiguous straight marks and
//! ’, by what touches it. Nested quotations stay inside the outer one. A
//! quotation running over several paragraphs (each reopened, the last one
//! closed) becomes one segment per paragraph, sharing a group number.

use demarche_model::{Document, TokenKind};

/// Quoted words between two marks, within one paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Token index of the opening mark.
    pub open: usize,
    /// Token index of the closing mark; None when the paragraph ends first.
    pub close: Option<usize>,
    /// Content tokens `[first, end)`.
    pub first: usize,
    pub end: usize,
    /// The token after the closing mark (or `end` when there is none).
    pub after: usize,
    /// Segments of one quotation spread over paragraphs share a group.
    pub group: usize,
    pub paragraph: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Family {
    Double,
    Single,
    Guillemet,
    SingleGuillemet,
    Corner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Open(Family),
    Close(Family),
    /// Straight marks: opens or closes by context.
    Either(Family),
    /// An apostrophe, not a quotation mark.
    Neither,
}

/// A quotation mark: one token, or two for doubled apostrophes ('' and ``) split in two.
#[derive(Clone, Copy, Debug)]
struct Mark {
    token: usize,
    len: usize,
    role: Role,
    /// „ (opens German style, closed by “) or “.
    low: bool,
    left_double: bool,
}

fn marks(doc: &Document) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.tokens.len() {
        if doc.tokens[i].kind != TokenKind::Quote {
            i += 1;
            continue;
        }
        let here = doc.slice(doc.tokens[i].span);
        // The tokenizer keeps '' and `` as one token; a doubled mark split in
        // two (tokens made elsewhere) is read as one too.
        let one_token = here.chars().count() == 2;
        let split = doc.tokens.get(i + 1).is_some_and(|n| {
            n.kind == TokenKind::Quote
                && n.span.start == doc.tokens[i].span.end
                && matches!(here, "'" | "`" | "’" | "‘")
                && doc.slice(n.span) == here
        });
        let doubled = one_token || split;
        let len = if split { 2 } else { 1 };
        let mut role = role(doc, i, i + len);
        if doubled {
            role = match role {
                Role::Open(_) => Role::Open(Family::Double),
                Role::Close(_) => Role::Close(Family::Double),
                Role::Either(_) | Role::Neither => Role::Either(Family::Double),
            };
        }
        if role != Role::Neither {
            let first = doc.slice(doc.tokens[i].span);
            out.push(Mark {
                token: i,
                len,
                role,
                low: first == "„",
                left_double: first == "“",
            });
        }
        i += len;
    }
    out
}

fn role(doc: &Document, i: usize, end: usize) -> Role {
    let t = doc.tokens[i];
    let mark = doc.slice(t.span).chars().next().unwrap_or(' ');
    let before = doc.text[..t.span.start as usize].chars().next_back();
    let after = doc.text[doc.tokens[end - 1].span.end as usize..]
        .chars()
        .next();
    let space_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    let space_after = after.is_none_or(|c| c.is_whitespace() || ",.;:!?)]}…—–".contains(c));
    let letter = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    match mark {
        '“' | '‟' => Role::Open(Family::Double),
        '”' => Role::Close(Family::Double),
        '„' => Role::Open(Family::Double),
        '«' => Role::Open(Family::Guillemet),
        '»' => Role::Close(Family::Guillemet),
        '‹' => Role::Open(Family::SingleGuillemet),
        '›' => Role::Close(Family::SingleGuillemet),
        '「' | '『' => Role::Open(Family::Corner),
        '」' | '』' => Role::Close(Family::Corner),
        '‘' | '‛' | '‚' => {
            // ‘90s: an elided number; Schumer‘s: a misprinted apostrophe.
            if after.is_some_and(|c| c.is_ascii_digit()) || (letter(before) && letter(after)) {
                Role::Neither
            } else {
                Role::Open(Family::Single)
            }
        }
        '’' | '\'' | '`' => {
            if (letter(before) && letter(after))
                || (space_before && after.is_some_and(|c| c.is_ascii_digit()))
            {
                Role::Neither
            } else if space_before && !space_after {
                Role::Open(Family::Single)
            } else if !space_before && space_after {
                Role::Close(Family::Single)
            } else {
                Role::Either(Family::Single)
            }
        }
        '"' => {
            if space_before && !space_after {
                Role::Open(Family::Double)
            } else if !space_before && space_after {
                Role::Close(Family::Double)
            } else {
                Role::Either(Family::Double)
            }
        }
        _ => Role::Neither,
    }
}

/// Which paragraph each token is in (index into `doc.paragraphs`).
pub(crate) fn token_paragraphs(doc: &Document) -> Vec<usize> {
    let mut out = Vec::with_capacity(doc.tokens.len());
    let mut p = 0;
    for t in &doc.tokens {
        while p + 1 < doc.paragraphs.len() && doc.paragraphs[p].end <= t.span.start {
            p += 1;
        }
        out.push(p);
    }
    out
}

struct Open {
    family: Family,
    mark: Mark,
}

/// All outermost quoted segments of the document, in text order.
pub fn segments(doc: &Document, para_of: &[usize]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let mut group = 0usize;
    // A quotation left open at the end of a paragraph: its family and paragraph.
    let mut unclosed: Option<(Family, usize)> = None;
    for mut m in marks(doc) {
        // „German style“: the left double mark closes a low opener.
        if m.left_double && stack.last().is_some_and(|o| o.mark.low) {
            m.role = Role::Close(Family::Double);
        }
        if let Some(bottom) = stack.first() {
            if para_of[bottom.mark.token] != para_of[m.token] {
                // The outer quotation was left open at the end of its paragraph.
                let end = last_token_of_paragraph(para_of, bottom.mark.token);
                let family = bottom.family;
                push_segment(doc, &mut out, bottom.mark, None, end, group, para_of);
                unclosed = Some((family, para_of[bottom.mark.token]));
                stack.clear();
                let first_of_paragraph = m.token == 0 || para_of[m.token - 1] != para_of[m.token];
                let reopened = first_of_paragraph
                    && matches!(m.role, Role::Open(f) | Role::Either(f) if f == family);
                if reopened {
                    // Same quotation, next paragraph: keep the group.
                    stack.push(Open { family, mark: m });
                    continue;
                }
                group += 1;
            }
        }
        if stack.is_empty() {
            if let (Role::Close(f), Some((family, para))) = (m.role, unclosed) {
                let here = para_of[m.token];
                if f == family && here == para + 1 {
                    // The quotation ran on into this paragraph without a new opening mark.
                    let first = first_token_of_paragraph(para_of, m.token);
                    let start = Mark {
                        token: first,
                        len: 0,
                        role: Role::Open(f),
                        low: false,
                        left_double: false,
                    };
                    push_segment(
                        doc,
                        &mut out,
                        start,
                        Some(m),
                        m.token,
                        group.saturating_sub(1),
                        para_of,
                    );
                    unclosed = None;
                    continue;
                }
            }
        }
        if para_of
            .get(m.token)
            .is_some_and(|&p| unclosed.is_some_and(|(_, q)| p > q + 1))
        {
            unclosed = None;
        }
        match m.role {
            Role::Neither => {}
            Role::Open(f) => stack.push(Open { family: f, mark: m }),
            Role::Close(f) => close(doc, &mut stack, &mut out, &mut group, f, m, para_of),
            Role::Either(f) => {
                if stack.iter().any(|o| o.family == f) {
                    close(doc, &mut stack, &mut out, &mut group, f, m, para_of);
                } else {
                    stack.push(Open { family: f, mark: m });
                }
            }
        }
    }
    if let Some(bottom) = stack.first() {
        let end = last_token_of_paragraph(para_of, bottom.mark.token);
        push_segment(doc, &mut out, bottom.mark, None, end, group, para_of);
    }
    out
}

fn first_token_of_paragraph(para_of: &[usize], k: usize) -> usize {
    let mut j = k;
    while j > 0 && para_of[j - 1] == para_of[k] {
        j -= 1;
    }
    j
}

fn last_token_of_paragraph(para_of: &[usize], start: usize) -> usize {
    let p = para_of[start];
    let mut j = start;
    while j + 1 < para_of.len() && para_of[j + 1] == p {
        j += 1;
    }
    j + 1
}

fn close(
    doc: &Document,
    stack: &mut Vec<Open>,
    out: &mut Vec<Segment>,
    group: &mut usize,
    family: Family,
    m: Mark,
    para_of: &[usize],
) {
    let Some(pos) = stack.iter().rposition(|o| o.family == family) else {
        return; // a stray closer (or an apostrophe after a plural): ignore
    };
    if pos == 0 {
        push_segment(doc, out, stack[0].mark, Some(m), m.token, *group, para_of);
        *group += 1;
        stack.clear();
    } else {
        stack.truncate(pos);
    }
}

fn push_segment(
    doc: &Document,
    out: &mut Vec<Segment>,
    open: Mark,
    close: Option<Mark>,
    end: usize,
    group: usize,
    para_of: &[usize],
) {
    let first = open.token + open.len;
    let has_words =
        (first..end).any(|k| matches!(doc.tokens[k].kind, TokenKind::Word | TokenKind::Number));
    if first < end && has_words {
        out.push(Segment {
            open: open.token,
            close: close.map(|c| c.token),
            first,
            end,
            after: close.map_or(end, |c| c.token + c.len),
            group,
            paragraph: para_of[open.token],
        });
    }
}
