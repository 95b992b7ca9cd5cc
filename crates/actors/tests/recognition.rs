//! Typing of names by context and by the whole document, on short texts
//! written for these tests (invented names where the rule is about unknown ones).

use demarche_actors::{annotate, annotate_nested, ActorKb};
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

#[test]
fn names_inside_role_nominals_and_titles_are_returned_apart() {
    let mut d = Document::new(
        "test",
        "U.S. officials met Kelmore police on Monday. State Department spokesman Ned Vole said the talks went well."
            .to_string(),
    );
    demarche_text::analyse(&mut d);
    let nested = annotate_nested(&mut d, ActorKb::embedded());
    let found: Vec<(&str, EntityKind)> = nested
        .iter()
        .map(|(_, e)| (d.slice(e.span), e.kind))
        .collect();
    assert!(found.contains(&("U.S.", EntityKind::Country)), "{found:?}");
    assert!(found.contains(&("Kelmore", EntityKind::Place)), "{found:?}");
    assert!(
        found
            .iter()
            .any(|(t, k)| *t == "State Department" && *k != EntityKind::Person),
        "{found:?}"
    );
    // Each nested name lies inside the entity it belongs to.
    for (k, e) in &nested {
        let outer = d.entities[*k].span;
        assert!(outer.start <= e.span.start && e.span.end <= outer.end);
    }
}

#[test]
fn a_shouted_heading_reuses_the_names_of_the_body() {
    let d = doc("SOCCER - VOLKOV SIGNS FOR KELMORE .\n\nStriker Ivan Volkov joined the club on Friday, the coach said after the match.");
    let heading = d
        .entities
        .iter()
        .find(|e| d.slice(e.span) == "VOLKOV")
        .map(|e| e.kind);
    assert_eq!(heading, Some(EntityKind::Person), "{:?}", texts(&d));
}

#[test]
fn place_words_type_unknown_names_as_places() {
    let d = doc(
        "Police closed Tarvel Square after the rally and fighting spread to the Dorvan mountains.",
    );
    assert_eq!(kind_of(&d, "Tarvel Square", 0), Some(EntityKind::Place));
    assert_eq!(kind_of(&d, "Dorvan", 0), Some(EntityKind::Place));
}

#[test]
fn outlet_cues_type_unknown_names_as_organisations() {
    let d = doc(
        "The minister spoke to the newspaper Gazeta Norska on Monday. \
         On Tuesday, Tanpress quoted him as saying the deal was off.",
    );
    assert_eq!(
        kind_of(&d, "Gazeta Norska", 0),
        Some(EntityKind::Organization)
    );
    assert_eq!(kind_of(&d, "Tanpress", 0), Some(EntityKind::Organization));
}

#[test]
fn a_name_after_said_and_a_quote_is_a_person() {
    let d =
        doc("\"We played well today,\" said Kelvaro. The crowd cheered Kelvaro after the game.");
    assert_eq!(kind_of(&d, "Kelvaro", 0), Some(EntityKind::Person));
    assert_eq!(kind_of(&d, "Kelvaro", 1), Some(EntityKind::Person));
}

#[test]
fn an_acronym_in_brackets_takes_the_kind_of_its_name() {
    let d = doc(
        "The Movement for Tarn Renewal (MTR) called a strike. Later the MTR said talks had failed.",
    );
    assert_eq!(
        kind_of(&d, "MTR", 1),
        Some(EntityKind::Organization),
        "{:?}",
        texts(&d)
    );
}

#[test]
fn listed_names_share_a_kind() {
    let d = doc("The treaty gave Velmar , Kostrin and Paris to the new state.");
    assert_eq!(
        kind_of(&d, "Velmar", 0),
        Some(EntityKind::Place),
        "{:?}",
        texts(&d)
    );
    assert_eq!(kind_of(&d, "Kostrin", 0), Some(EntityKind::Place));
}

#[test]
fn of_after_a_company_or_a_person_says_where_they_belong() {
    let d = doc(
        "Cars made by Kelmore Motor Corp of South Korea arrived, said Paul Vole of Tarvo Banks Inc.",
    );
    let t = texts(&d);
    assert!(t.contains(&"Kelmore Motor Corp"), "{t:?}");
    assert!(t.contains(&"South Korea"), "{t:?}");
    assert!(t.iter().any(|x| x.ends_with("Paul Vole")), "{t:?}");
}

#[test]
fn common_words_opening_a_sentence_are_not_names() {
    let d = doc("Dealers said the market was calm. Most dealers left early on Friday.");
    assert!(!texts(&d).contains(&"Dealers"), "{:?}", texts(&d));
}

#[test]
fn indexes_and_markets_are_not_actors() {
    let d = doc("The Kelmar composite index fell 3 points while the Tarvo 100 index rose.");
    let t = texts(&d);
    assert!(!t.contains(&"Kelmar") && !t.contains(&"Tarvo"), "{t:?}");
}

#[test]
fn a_surname_alias_after_a_first_name_is_someone_else() {
    let d = doc("Midfielder Thomas Herzog scored twice on Saturday.");
    let t = texts(&d);
    assert!(t.iter().any(|x| x.ends_with("Thomas Herzog")), "{t:?}");
}

#[test]
fn state_abbreviations_are_places() {
    let d = doc("The plant in Fresno, Calif., closed on Friday.");
    assert_eq!(
        kind_of(&d, "Calif", 0),
        Some(EntityKind::Place),
        "{:?}",
        texts(&d)
    );
}
