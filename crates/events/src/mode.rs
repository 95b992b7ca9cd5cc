//! How the text asserts an event: negated, hypothetical, threatened,
//! requested, reported or plainly asserted, from the words around its trigger.

use demarche_model::Mode;

use crate::lexicon::{Lexicon, WordClass};
use crate::view::SentenceView;

/// How far back from a trigger modal and negation words count.
const WINDOW: usize = 5;

/// What the words before a trigger say about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cues {
    pub negated: bool,
    pub hypothetical: bool,
    pub future: bool,
    pub reported: bool,
    pub conditional: bool,
}

pub fn cues(view: &SentenceView, head: usize, lex: &Lexicon) -> Cues {
    let mut c = Cues::default();
    let mut i = head;
    let mut steps = 0;
    while i > 0 && steps < WINDOW {
        i -= 1;
        steps += 1;
        if view.is_break(i)
            || (view.is(lex, WordClass::Boundary, i) && !view.is(lex, WordClass::Hypothetical, i))
        {
            break;
        }
        // "Theresa May", "Will Smith": a capitalised word inside the sentence is a name.
        if i > 0
            && view.toks[i]
                .text_first
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            continue;
        }
        let is_class = |class| view.is(lex, class, i) || view.is_phrase(lex, class, i);
        if is_class(WordClass::Negation) {
            c.negated = true;
        }
        if is_class(WordClass::Hypothetical) {
            c.hypothetical = true;
        }
        if is_class(WordClass::Future) {
            c.future = true;
        }
    }
    // A condition ("if", "unless") or a reporting word anywhere earlier in the sentence.
    for j in 0..head {
        let w = view.toks[j].lower.as_str();
        if matches!(w, "if" | "unless") {
            c.conditional = true;
        }
        if view.is(lex, WordClass::Report, j) || view.is_phrase(lex, WordClass::Report, j) {
            c.reported = true;
        }
    }
    c
}

/// The mode from the cues, the mode an embedding pattern gives, and whether
/// the event is a use of force (material conflict, quad class 4).
pub fn decide(c: Cues, embedded: Option<Mode>, force: bool) -> Mode {
    let base = if c.negated {
        Mode::Negated
    } else if let Some(m) = embedded {
        m
    } else if c.hypothetical || c.conditional {
        Mode::Hypothetical
    } else if c.future && force {
        Mode::Threatened
    } else if c.reported {
        Mode::Reported
    } else {
        Mode::Asserted
    };
    match base {
        // Conditional or future force is a threat.
        Mode::Hypothetical if force && (c.future || c.conditional) => Mode::Threatened,
        m => m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_beats_everything_and_future_force_threatens() {
        let c = Cues {
            negated: true,
            future: true,
            ..Default::default()
        };
        assert_eq!(decide(c, Some(Mode::Requested), true), Mode::Negated);
        let c = Cues {
            future: true,
            ..Default::default()
        };
        assert_eq!(decide(c, None, true), Mode::Threatened);
        assert_eq!(decide(c, None, false), Mode::Asserted);
        let c = Cues {
            hypothetical: true,
            future: true,
            ..Default::default()
        };
        assert_eq!(decide(c, None, true), Mode::Threatened);
        assert_eq!(
            decide(Cues::default(), Some(Mode::Requested), true),
            Mode::Requested
        );
        let c = Cues {
            reported: true,
            ..Default::default()
        };
        assert_eq!(decide(c, None, false), Mode::Reported);
    }
}
