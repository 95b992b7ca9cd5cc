//! Typing of names by context and by the whole document, on short texts
//! written for these tests (invented names where the rule is about unknown ones).

use demarche_actors::{annotate, ActorKb};
use demarche_model::{Document, EntityKind};

fn doc(text: &str) -> Document {
    let mut d = Document::new("test", text.to_string());
    demarche_text::analyse(&mut d);
    annotate(&mut d, ActorKb::embedded());
    d
}

/// The kind of the entity whose text is exactly `name` (the `nth` one).
fn kind_of(d: &Document, name: &str, nth: usize) -> Option<EntityKind> {
    d.entities
        .iter()
        .filter(|e| d.slice(e.span) == name)
        .nth(nth)
        .map(|e| e.kind)
}

fn texts(d: &Document) -> Vec<&str> {
    d.entities.iter().map(|e| d.slice(e.span)).collect()
}

#[test]
fn towns_that_play_are_clubs_in_a_sports_report() {
    let d = doc("Leeds beat Southampton 2-1 in the league on Saturday. \
         The striker scored both goals and the coach praised the club after the match in Leeds.");
    assert_eq!(
        kind_of(&d, "Southampton", 0),
        Some(EntityKind::Organization)
    );
    assert_eq!(kind_of(&d, "Leeds", 0), Some(EntityKind::Organization));
    // Where the match was played stays a place.
    assert_eq!(kind_of(&d, "Leeds", 1), Some(EntityKind::Place));
}

#[test]
fn a_town_outside_sport_stays_a_place() {
    let d = doc("Southampton council approved the budget. Traffic was heavy in Leeds on Saturday.");
    assert_eq!(kind_of(&d, "Leeds", 0), Some(EntityKind::Place));
}

#[test]
fn score_lines_name_teams() {
    let d = doc(
        "Soccer results on Saturday in the league, with goals and halftime scores: \
         Port Kelmore 3 Ravensby Vale 1.",
    );
    assert_eq!(
        kind_of(&d, "Port Kelmore", 0),
        Some(EntityKind::Organization)
    );
    assert_eq!(
        kind_of(&d, "Ravensby Vale", 0),
        Some(EntityKind::Organization)
    );
}

#[test]
fn a_surname_of_a_person_named_in_full_is_that_person() {
    let d = doc("The film was directed by Neil Jordan. Jordan said the shooting ended in May.");
    assert_eq!(kind_of(&d, "Jordan", 0), Some(EntityKind::Person));
}

#[test]
fn names_of_events_are_not_actors() {
    let d = doc("She won the Davis Cup last year and plays the U.S. Open next week.");
    assert!(
        !texts(&d).iter().any(|t| t.contains("Cup")),
        "{:?}",
        texts(&d)
    );
    assert!(!texts(&d).contains(&"U.S."), "{:?}", texts(&d));
}

#[test]
fn a_first_name_before_a_town_makes_a_person() {
    let d = doc("The race was won by Anthony Houston of the home club.");
    assert_eq!(kind_of(&d, "Anthony Houston", 0), Some(EntityKind::Person));
}

#[test]
fn a_name_before_an_organisation_word_is_the_organisation() {
    let d = doc("The Tamarind news agency said the talks had ended.");
    assert_eq!(kind_of(&d, "Tamarind", 0), Some(EntityKind::Organization));
}

#[test]
fn kinship_words_and_ages_show_people() {
    let d = doc("He visited his wife Ilsabet in hospital. Krumholz , 45 , said he was tired.");
    assert_eq!(kind_of(&d, "Ilsabet", 0), Some(EntityKind::Person));
    assert_eq!(kind_of(&d, "Krumholz", 0), Some(EntityKind::Person));
}

#[test]
fn one_cue_types_every_mention_of_an_unknown_name() {
    let d = doc("Troops took the town of Velmora on Monday. \
         Rebels left Velmora before dawn. Velmora was quiet by noon.");
    assert_eq!(kind_of(&d, "Velmora", 0), Some(EntityKind::Place));
    assert_eq!(kind_of(&d, "Velmora", 1), Some(EntityKind::Place));
    assert_eq!(kind_of(&d, "Velmora", 2), Some(EntityKind::Place));
}

#[test]
fn a_byline_does_not_run_into_the_dateline() {
    let mut d = Document::new(
        "t",
        "Ada Quillon\nMINSK 1996-08-30\nThe talks ended.".into(),
    );
    // One sentence per line, as a wire story's byline and dateline are.
    demarche_text::analyse(&mut d);
    annotate(&mut d, ActorKb::embedded());
    assert!(texts(&d).contains(&"MINSK"), "{:?}", texts(&d));
    assert_eq!(kind_of(&d, "MINSK", 0), Some(EntityKind::Place));
}

#[test]
fn ampersands_make_firms_and_initials_make_people() {
    let d = doc("Investors bought shares of Harlow & Pike, said analyst R. Tennant.");
    assert_eq!(
        kind_of(&d, "Harlow & Pike", 0),
        Some(EntityKind::Organization)
    );
    assert!(
        texts(&d).iter().any(|t| t.ends_with("R. Tennant")),
        "{:?}",
        texts(&d)
    );
}

#[test]
fn stop_words_may_open_a_name_inside_a_sentence() {
    let d = doc("The delegates flew from Boston to New Carthage on Friday.");
    assert!(texts(&d).contains(&"New Carthage"), "{:?}", texts(&d));
}
