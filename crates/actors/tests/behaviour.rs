//! Behaviour on short texts written for these tests.

use chrono::NaiveDate;
use demarche_actors::{annotate, entity_at, resolve_at, ActorKb};
use demarche_model::{Document, EntityKind, Span};

fn doc(text: &str, date: Option<(i32, u32, u32)>) -> Document {
    let mut d = Document::new("test", text.to_string());
    d.published = date.and_then(|(y, m, day)| NaiveDate::from_ymd_opt(y, m, day));
    demarche_text::analyse(&mut d);
    annotate(&mut d, ActorKb::embedded());
    d
}

fn span_of(d: &Document, needle: &str, nth: usize) -> Span {
    let start = d
        .text
        .match_indices(needle)
        .nth(nth)
        .map(|(i, _)| i)
        .expect("needle in text");
    Span::new(start, start + needle.len())
}

/// The first word of the first `needle` ("she" of "she said").
fn first_word(d: &Document, needle: &str) -> Span {
    let s = span_of(d, needle, 0);
    let len = needle.split(' ').next().unwrap_or(needle).len() as u32;
    Span::new(s.start as usize, (s.start + len) as usize)
}

fn code_at(d: &Document, needle: &str) -> Option<String> {
    let e = entity_at(d, span_of(d, needle, 0))?;
    d.entities[e].actor.as_ref()?.code.clone()
}

#[test]
fn entities_are_sorted_and_disjoint() {
    let d = doc("Russian President Vladimir Putin met Iran's Foreign Minister Abbas Araghchi in Moscow, the Kremlin said.", None);
    assert!(d.entities.len() >= 4);
    for w in d.entities.windows(2) {
        assert!(
            w[0].span.end <= w[1].span.start,
            "overlap: {:?}",
            d.entities
        );
    }
}

#[test]
fn premodifiers_and_possessives_give_the_code() {
    let d = doc("Chilean Trade Minister Rosa Valdes Ortega met Kremlin spokesperson Oleg Pavlov and Peru's envoy.", None);
    assert_eq!(code_at(&d, "Rosa Valdes Ortega").as_deref(), Some("CHLGOV"));
    assert_eq!(code_at(&d, "Oleg Pavlov").as_deref(), Some("RUSGOV"));
    assert_eq!(code_at(&d, "envoy").as_deref(), Some("PERGOV"));
}

#[test]
fn appositions_and_owners_give_the_code() {
    let d = doc(
        "Ivan Sorokin, a foreign policy adviser to Putin, spoke first. Later Lena Marsh, spokeswoman for the Canadian Foreign Ministry, replied.",
        Some((2023, 5, 1)),
    );
    assert_eq!(code_at(&d, "Ivan Sorokin").as_deref(), Some("RUSGOV"));
    assert_eq!(code_at(&d, "Lena Marsh").as_deref(), Some("CANGOV"));
    assert_eq!(
        code_at(&d, "Canadian Foreign Ministry").as_deref(),
        Some("CANGOV")
    );
}

#[test]
fn adjectives_with_sector_words_make_groups() {
    let d = doc("American forces and Iranian security forces clashed while Iranian officials and Turkish protesters watched.", None);
    assert_eq!(code_at(&d, "American forces").as_deref(), Some("USAMIL"));
    assert_eq!(
        code_at(&d, "Iranian security forces").as_deref(),
        Some("IRNCOP")
    );
    assert_eq!(code_at(&d, "Iranian officials").as_deref(), Some("IRNGOV"));
    assert_eq!(code_at(&d, "Turkish protesters").as_deref(), Some("TURCVL"));
    let e = entity_at(&d, span_of(&d, "American forces", 0)).unwrap();
    assert_eq!(d.entities[e].kind, EntityKind::Group);
}

#[test]
fn roles_follow_the_publication_date() {
    let text = "Donald Trump spoke at a rally.";
    assert_eq!(
        code_at(&doc(text, Some((2019, 6, 1))), "Donald Trump").as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code_at(&doc(text, Some((2023, 6, 1))), "Donald Trump").as_deref(),
        Some("USAELI")
    );
    assert_eq!(
        code_at(&doc(text, Some((2025, 6, 1))), "Donald Trump").as_deref(),
        Some("USAGOV")
    );
    // Without a date: the latest role.
    assert_eq!(
        code_at(&doc(text, None), "Donald Trump").as_deref(),
        Some("USAGOV")
    );
}

#[test]
fn surnames_titles_and_nominals_join_the_chain() {
    let d = doc(
        "Foreign Minister Sergei Lavrov arrived in Ankara. Lavrov told reporters the talks were useful. The Russian minister then left.",
        Some((2024, 1, 10)),
    );
    let chain =
        |needle: &str| entity_at(&d, span_of(&d, needle, 0)).and_then(|e| d.entities[e].chain);
    assert!(chain("Sergei Lavrov").is_some());
    assert_eq!(chain("Lavrov told"), chain("Sergei Lavrov"));
    assert_eq!(chain("Russian minister"), chain("Sergei Lavrov"));
    // An unknown person followed by their surname.
    let d = doc(
        "Kremlin aide Pavel Orlin spoke on Monday. Orlin said more talks would follow.",
        None,
    );
    let e1 = entity_at(&d, span_of(&d, "Pavel Orlin", 0)).unwrap();
    let e2 = entity_at(&d, span_of(&d, "Orlin said", 0)).unwrap();
    assert_ne!(e1, e2);
    assert_eq!(d.entities[e1].chain, d.entities[e2].chain);
    assert_eq!(
        d.entities[e2]
            .actor
            .as_ref()
            .and_then(|a| a.code.as_deref()),
        Some("RUSGOV")
    );
}

#[test]
fn pronouns_resolve_by_gender_and_position() {
    let d = doc(
        "Maria Zakharova criticised the plan on Friday. She said Moscow would respond. Iran rejected the offer. It called the terms unfair.",
        Some((2024, 3, 1)),
    );
    let kb = ActorKb::embedded();
    let she = resolve_at(&d, kb, span_of(&d, "She", 0)).expect("she resolves");
    assert_eq!(she.name.as_deref(), Some("Maria Zakharova"));
    assert_eq!(she.code.as_deref(), Some("RUSGOV"));
    assert!(she.entity.is_some());
    let it = resolve_at(&d, kb, span_of(&d, "It", 0)).expect("it resolves");
    assert_eq!(it.code.as_deref(), Some("IRN"));
    // "he" has no male antecedent here.
    let d = doc("Maria Zakharova spoke. He disagreed.", None);
    assert!(resolve_at(&d, kb, span_of(&d, "He", 0)).is_none());
}

#[test]
fn role_nominals_resolve_to_the_person_described() {
    let d = doc("Maria Zakharova, spokeswoman for the Russian Foreign Ministry, spoke. The spokeswoman later added a warning.", None);
    let m =
        resolve_at(&d, ActorKb::embedded(), span_of(&d, "The spokeswoman", 0)).expect("resolves");
    assert_eq!(m.name.as_deref(), Some("Maria Zakharova"));
}

#[test]
fn a_plural_role_names_no_one_person() {
    let d = doc(
        "Defense Secretary Ash Carter visited Kabul on Monday. Officials said the plan had failed. \
         The secretary said it would be revised.",
        None,
    );
    let kb = ActorKb::embedded();
    let officials = resolve_at(&d, kb, span_of(&d, "Officials", 0)).expect("coded");
    assert_eq!(officials.name, None, "{officials:?}");
    assert!(officials.entity.is_none());
    let secretary = resolve_at(&d, kb, span_of(&d, "The secretary", 0)).expect("resolves");
    assert_eq!(secretary.name.as_deref(), Some("Ash Carter"));
}

#[test]
fn a_person_described_after_a_comma_is_the_one_named() {
    let d = doc(
        "Donald Tusk, the president of the European Council, urged patience.",
        None,
    );
    let m = resolve_at(
        &d,
        ActorKb::embedded(),
        span_of(&d, "Donald Tusk, the president of the European Council", 0),
    )
    .expect("resolves");
    assert_eq!(m.name.as_deref(), Some("Donald Tusk"));
}

#[test]
fn headlines_and_compounds_are_not_names() {
    let d = doc("Kremlin Offers Cautious Response To Strikes\nThe Iran-backed groups said the US-Iran talks were over.", None);
    for e in &d.entities {
        let t = d.slice(e.span);
        assert!(
            ![
                "Offers",
                "Cautious Response",
                "Strikes",
                "Iran-backed",
                "US-Iran"
            ]
            .iter()
            .any(|x| t.contains(x)),
            "{t}"
        );
    }
}

#[test]
fn lookup_is_case_insensitive_and_dated() {
    let kb = ActorKb::embedded();
    assert_eq!(
        kb.lookup("the kremlin", None)
            .and_then(|a| a.code.clone())
            .as_deref(),
        Some("RUSGOV")
    );
    assert_eq!(
        kb.lookup("NATO", None)
            .and_then(|a| a.code.clone())
            .as_deref(),
        Some("IGOMIL")
    );
    let merkel = |y| {
        kb.lookup("Angela Merkel", NaiveDate::from_ymd_opt(y, 1, 1))
            .and_then(|a| a.code.clone())
    };
    assert_eq!(merkel(2010).as_deref(), Some("DEUGOV"));
    assert_eq!(merkel(2023).as_deref(), Some("DEUELI"));
    assert!(kb.lookup("nobody in particular", None).is_none());
}

#[test]
fn user_data_extends_the_knowledge_base() {
    let tsv = "[people]\nAda Quill\tQuill\tf\tNORGOV\t2020\t-\n[organisations]\nnor-coast\tNorth Coast Guard\tNORMIL\torganization\tNCG\n";
    let kb = ActorKb::with_extra(tsv).expect("valid TSV");
    assert_eq!(
        kb.lookup("Quill", None)
            .and_then(|a| a.code.clone())
            .as_deref(),
        Some("NORGOV")
    );
    assert_eq!(
        kb.lookup("NCG", None)
            .and_then(|a| a.code.clone())
            .as_deref(),
        Some("NORMIL")
    );
    let toml = "[[people]]\nname = \"Bo Lind\"\naliases = [\"Lind\"]\ngender = \"m\"\ncode = \"SWEGOV\"\nfrom = \"2021-02\"\n";
    let kb = ActorKb::with_extra(toml).expect("valid TOML");
    assert_eq!(
        kb.lookup("Lind", None)
            .and_then(|a| a.code.clone())
            .as_deref(),
        Some("SWEGOV")
    );
    // Bad input is an error, not a panic.
    assert!(ActorKb::with_extra("[people]\nX\t-\tm\tUSAGOV\tnot-a-date\t-\n").is_err());
    assert!(ActorKb::with_extra("no section here\tat all\n").is_err());
    assert!(ActorKb::with_extra("[[people]]\nname = 3\n").is_err());
}

#[test]
fn phrases_are_coded_alone() {
    let kb = ActorKb::embedded();
    let code = |p: &str| kb.resolve_phrase(p, None).and_then(|a| a.code.clone());
    assert_eq!(code("soldiers").as_deref(), Some("MIL"));
    assert_eq!(code("two Chinese warplanes").as_deref(), Some("CHNMIL"));
    assert_eq!(code("a disgraced former minister").as_deref(), Some("ELI"));
    assert_eq!(code("Armenian Prime Minister").as_deref(), Some("ARMGOV"));
}

#[test]
fn pronouns_prefer_the_parsed_subject() {
    use demarche_model::{Deprel, SentenceSyntax, Upos};
    let mut d = doc(
        "At the summit with Joe Biden, Xi Jinping spoke at length. He said trade mattered.",
        Some((2023, 11, 15)),
    );
    let kb = ActorKb::embedded();
    let he = span_of(&d, "He", 0);
    // Without a parse: the first fitting mention of the previous sentence.
    assert_eq!(
        resolve_at(&d, kb, he).and_then(|m| m.name).as_deref(),
        Some("Joe Biden")
    );
    // With a parse that makes Xi the subject.
    let xi = span_of(&d, "Xi Jinping", 0);
    let syntax: Vec<SentenceSyntax> = d
        .sentences
        .iter()
        .map(|s| {
            let toks = &d.tokens[s.token_range()];
            SentenceSyntax {
                upos: vec![Upos::X; toks.len()],
                head: vec![0; toks.len()],
                deprel: toks
                    .iter()
                    .map(|t| Deprel::from_name(if xi.contains(t.span) { "nsubj" } else { "dep" }))
                    .collect(),
            }
        })
        .collect();
    d.syntax = syntax;
    assert_eq!(
        resolve_at(&d, kb, he).and_then(|m| m.name).as_deref(),
        Some("Xi Jinping")
    );
}

#[test]
fn odd_input_does_not_panic() {
    let kb = ActorKb::embedded();
    for text in [
        "",
        " ",
        "'s",
        "— « » …",
        "ÉTATS-UNIS 🇺🇸 Moscow's",
        "the the the",
        "Mr. . , Putin's's",
    ] {
        let d = doc(text, None);
        let _ = resolve_at(&d, kb, Span::new(0, text.len()));
        let _ = resolve_at(&d, kb, Span::new(0, text.len() + 10));
        let _ = entity_at(&d, Span::new(0, 0));
    }
    // Without the text stage: a plain tokenisation is used.
    let mut d = Document::new("raw", "Sergei Lavrov met Wang Yi in Beijing.".into());
    annotate(&mut d, kb);
    assert!(d
        .entities
        .iter()
        .any(|e| e.actor.as_ref().is_some_and(|a| a.name == "Wang Yi")));
}

#[test]
fn definite_organisation_nominals_point_back() {
    let d = doc("The Turkish Foreign Ministry summoned the envoy on Monday. The ministry said the remarks were unacceptable.", None);
    let first = entity_at(&d, span_of(&d, "Turkish Foreign Ministry", 0)).unwrap();
    let back = entity_at(&d, span_of(&d, "ministry said", 0)).expect("the ministry is an entity");
    assert_ne!(first, back);
    assert_eq!(d.entities[back].chain, d.entities[first].chain);
    assert_eq!(
        d.entities[back]
            .actor
            .as_ref()
            .and_then(|a| a.code.as_deref()),
        Some("TURGOV")
    );
    // Nothing to point back to: no entity.
    let d = doc("The ministry said the remarks were unacceptable.", None);
    assert!(d.entities.is_empty(), "{:?}", d.entities);
}

fn entity_exactly<'a>(d: &'a Document, needle: &str) -> Option<&'a demarche_model::Entity> {
    let s = span_of(d, needle, 0);
    d.entities.iter().find(|e| e.span == s)
}

#[test]
fn possessive_owners_are_entities_of_their_own() {
    let d = doc(
        "Iran's economy shrank last year while Netanyahu's office said nothing and the Hydrocorp Authority's board met. Canada's envoy arrived later.",
        Some((2024, 6, 1)),
    );
    let iran = entity_exactly(&d, "Iran").expect("Iran is an entity");
    assert_eq!(iran.kind, EntityKind::Country);
    assert_eq!(
        iran.actor.as_ref().and_then(|a| a.code.as_deref()),
        Some("IRN")
    );
    let bibi = entity_exactly(&d, "Netanyahu").expect("Netanyahu is an entity");
    assert_eq!(bibi.kind, EntityKind::Person);
    assert_eq!(
        bibi.actor.as_ref().and_then(|a| a.code.as_deref()),
        Some("ISRGOV")
    );
    // A role phrase keeps its owner inside one entity.
    assert_eq!(code_at(&d, "envoy").as_deref(), Some("CANGOV"));
    let envoy = entity_at(&d, span_of(&d, "envoy", 0)).unwrap();
    assert_eq!(d.slice(d.entities[envoy].span), "Canada's envoy");
    for w in d.entities.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "{:?}", d.entities);
    }
}

#[test]
fn role_phrases_with_possessive_owners_stay_whole() {
    let d = doc(
        "Russia's foreign minister declined to comment on the talks.",
        None,
    );
    let e = entity_at(&d, span_of(&d, "foreign minister", 0)).expect("role entity");
    assert_eq!(d.slice(d.entities[e].span), "Russia's foreign minister");
    assert_eq!(d.entities[e].kind, EntityKind::Person);
    assert_eq!(
        d.entities[e].actor.as_ref().and_then(|a| a.code.as_deref()),
        Some("RUSGOV")
    );
    assert!(entity_exactly(&d, "Russia").is_none());
}

#[test]
fn titles_before_names_join_the_name() {
    let d = doc(
        "Hungarian Prime Minister Viktor Orban met Vice-President Hamilton Reyna of Peru on Tuesday.",
        Some((2024, 6, 1)),
    );
    let orban = entity_at(&d, span_of(&d, "Viktor Orban", 0)).expect("Orban");
    assert_eq!(
        d.slice(d.entities[orban].span),
        "Hungarian Prime Minister Viktor Orban"
    );
    assert_eq!(d.entities[orban].kind, EntityKind::Person);
    assert_eq!(code_at(&d, "Viktor Orban").as_deref(), Some("HUNGOV"));
    let reyna = entity_at(&d, span_of(&d, "Hamilton Reyna", 0)).expect("Reyna");
    assert_eq!(
        d.slice(d.entities[reyna].span),
        "Vice-President Hamilton Reyna"
    );
    assert_eq!(d.entities[reyna].kind, EntityKind::Person);
    assert_eq!(code_at(&d, "Hamilton Reyna").as_deref(), Some("PERGOV"));
    // An unknown person after a country adjective and title.
    let d = doc("Polish Defence Minister Marek Kowalczyk flew home.", None);
    let jan = entity_at(&d, span_of(&d, "Marek Kowalczyk", 0)).expect("Kowalczyk");
    assert_eq!(
        d.slice(d.entities[jan].span),
        "Polish Defence Minister Marek Kowalczyk"
    );
    assert_eq!(code_at(&d, "Marek Kowalczyk").as_deref(), Some("POLGOV"));
}

#[test]
fn a_first_name_alone_stands_for_the_one_person_so_named() {
    let d = doc(
        "Police said Tove Brannigan, 13, was found safe on Thursday. \
         Tove told officers that her dog had barked all night.",
        None,
    );
    let e = entity_at(&d, span_of(&d, "Tove", 1)).expect("an entity");
    let actor = d.entities[e].actor.as_ref().expect("an actor");
    assert_eq!(actor.name, "Tove Brannigan");
    // Two people of that first name: the name alone is nobody in particular.
    let d = doc(
        "Tove Brannigan and Tove Lindqvist spoke to the council. Tove said the plan was late.",
        None,
    );
    let e = entity_at(&d, span_of(&d, "Tove said", 0));
    let name = e.and_then(|e| d.entities[e].actor.as_ref().map(|a| a.name.clone()));
    assert_ne!(name.as_deref(), Some("Tove Brannigan"));
    assert_ne!(name.as_deref(), Some("Tove Lindqvist"));
    // A surname wins over a first name: "Marsh" is Ida Marsh, not Marsh Keller.
    let d = doc(
        "Ida Marsh met Marsh Keller on Monday. Later, Marsh said the plan was late.",
        None,
    );
    let e = entity_at(&d, span_of(&d, "Marsh said", 0)).expect("an entity");
    let actor = d.entities[e].actor.as_ref().expect("an actor");
    assert_eq!(actor.name, "Ida Marsh");
}

#[test]
fn pronouns_after_a_name_show_its_gender() {
    // None of these first names shows a gender; the text does.
    let text = "Remy Castel and Quinn Marlowe laughed at the news. \
                Sasha Okafor told police her car had been stolen. \
                Quinn Marlowe said his office would help. \
                She said it was a setback.";
    let d = doc(text, None);
    let kb = ActorKb::embedded();
    let she = resolve_at(&d, kb, span_of(&d, "She", 0)).expect("resolved");
    assert_eq!(she.name.as_deref(), Some("Sasha Okafor"), "{she:?}");
    let genders = demarche_actors::document_genders(&d, kb);
    let agrees =
        |p: &str, name: &str| demarche_actors::pronoun_agrees_in(kb, &genders, p, name, true);
    assert_eq!(agrees("he", "Sasha Okafor"), Some(false));
    assert_eq!(agrees("she", "Quinn Marlowe"), Some(false));
    assert_eq!(agrees("he", "Quinn Marlowe"), Some(true));
    // Named with another person only: the pronouns after it tell nothing.
    assert_eq!(agrees("he", "Remy Castel"), None);
}

#[test]
fn a_name_after_the_is_an_organisation() {
    let d = doc(
        "According to the Blue Meridian study, rents rose again. \
         Blue Meridian said the city must build more homes.",
        None,
    );
    for nth in 0..2 {
        let e = entity_at(&d, span_of(&d, "Blue Meridian", nth)).expect("an entity");
        assert_eq!(
            d.entities[e].kind,
            EntityKind::Organization,
            "{:?}",
            d.entities
        );
    }
}

#[test]
fn a_bare_role_takes_the_country_of_the_same_role_named_before() {
    let d = doc(
        "Turkey's ambassador addressed the assembly on Tuesday. Later, the ambassador \
         left the hall.",
        Some((2025, 3, 4)),
    );
    let m =
        resolve_at(&d, ActorKb::embedded(), span_of(&d, "the ambassador", 0)).expect("resolved");
    assert_eq!(m.code.as_deref(), Some("TURGOV"), "{m:?}");
}

#[test]
fn names_in_parentheses_are_no_antecedents() {
    let d = doc(
        "Anna Lindqvist runs the shelter on King Street.\n\nThe city will open three heated tents near the harbour. (Karen Holt / City News)\n\nShe said the tents were warm enough.",
        None,
    );
    let kb = ActorKb::embedded();
    let she = resolve_at(&d, kb, span_of(&d, "She", 0)).expect("she resolves");
    assert_eq!(she.name.as_deref(), Some("Anna Lindqvist"));
}

#[test]
fn a_phrase_of_no_known_role_takes_no_earlier_person() {
    let d = doc(
        "Karen Holt spoke at the shelter on Monday.\n\nPhones donated, Bluewave Mobile says\n\nThe phones came with data plans.",
        None,
    );
    let m = resolve_at(&d, ActorKb::embedded(), span_of(&d, "Bluewave Mobile", 0));
    assert_ne!(
        m.and_then(|m| m.name).as_deref(),
        Some("Karen Holt"),
        "an unknown company is not the person named before it"
    );
}

#[test]
fn a_pair_named_inside_a_sentence_is_a_name_at_a_sentence_start() {
    // "Rally" is also a common word of the text and a country follows it: alone, the
    // sentence opener would be read as the common word.
    let text = "Hundreds came to the rally organised by Rally Canada on Monday. \
                Rally Canada, the group behind it, said more would come.";
    let d = doc(text, None);
    let e = entity_at(&d, span_of(&d, "Rally Canada", 1)).expect("an entity");
    assert_eq!(d.slice(d.entities[e].span), "Rally Canada");
    assert_eq!(d.entities[e].kind, EntityKind::Organization);
}

#[test]
fn a_person_ending_a_speaker_phrase_is_its_head() {
    let text = "Rally Canada volunteer media coordinator Tom Hinderks spoke first. \
                A spokeswoman for Trudeau answered.";
    let d = doc(text, None);
    let kb = ActorKb::embedded();
    let name = |needle: &str| resolve_at(&d, kb, span_of(&d, needle, 0)).and_then(|m| m.name);
    assert_eq!(
        name("Rally Canada volunteer media coordinator Tom Hinderks").as_deref(),
        Some("Tom Hinderks")
    );
    // A name after a preposition is a complement, not the head.
    assert_ne!(
        name("A spokeswoman for Trudeau").as_deref(),
        Some("Justin Trudeau")
    );
}

#[test]
fn a_pronoun_follows_a_chain_of_pronouns_back_to_the_name() {
    // Six sentences without a name stand between "Wendy Marsh" and the last "she":
    // more than a pronoun's own window, bridged by the pronouns between.
    let text = "Wendy Marsh lives in a small bungalow. There are no photos on the walls. \
                She used to keep a shrine. It had become unhealthy. Her message is simple. \
                Do not share pills. They can kill. The mix is lethal. \
                After the death, she urged police to act. There were delays. \
                But she persisted, and she says the fight was worth it.";
    let d = doc(text, None);
    let kb = ActorKb::embedded();
    let she = resolve_at(&d, kb, first_word(&d, "she says")).expect("she resolves");
    assert_eq!(she.name.as_deref(), Some("Wendy Marsh"));
}

#[test]
fn titles_and_given_names_of_either_sex_show_the_right_gender() {
    let kb = ActorKb::embedded();
    // "Mrs" is a title of its own, not a plural of "Mr".
    let d = doc(
        "Mr. Hale met Mrs. Lane on Monday. She said the talks went well.",
        None,
    );
    let she = resolve_at(&d, kb, span_of(&d, "She", 0)).expect("she resolves");
    assert_eq!(she.name.as_deref(), Some("Lane"));
    // "Lee" names men and women: the pronouns decide.
    let d = doc(
        "Lee Finell, a manager with a dairy group, said she is unsure. The group will go on, she said.",
        None,
    );
    let she = resolve_at(&d, kb, first_word(&d, "she said")).expect("she resolves");
    assert_eq!(she.name.as_deref(), Some("Lee Finell"));
}

fn name_at(d: &Document, needle: &str, nth: usize) -> Option<String> {
    let e = entity_at(d, span_of(d, needle, nth))?;
    Some(d.entities[e].actor.as_ref()?.name.clone())
}

#[test]
fn a_listed_surname_stands_for_the_person_the_document_named_in_full() {
    // The knowledge base lists "Clinton" for Bill Clinton only.
    let d = doc(
        "Hillary Clinton spoke in Ohio on Monday. Clinton said the plan would fail. \
         Mr. Clinton, her husband, said nothing.",
        None,
    );
    assert_eq!(
        name_at(&d, "Clinton said", 0).as_deref(),
        Some("Hillary Clinton")
    );
    assert_eq!(
        name_at(&d, "Mr. Clinton", 0).as_deref(),
        Some("Bill Clinton")
    );
}

#[test]
fn a_title_of_the_other_gender_is_not_the_listed_person() {
    let d = doc(
        "Mrs. Clinton told reporters that she was confident. Later, Clinton said the plan would fail.",
        None,
    );
    assert_ne!(
        name_at(&d, "Mrs. Clinton", 0).as_deref(),
        Some("Bill Clinton")
    );
    assert_ne!(
        name_at(&d, "Clinton said", 0).as_deref(),
        Some("Bill Clinton")
    );
}

#[test]
fn a_role_nominal_takes_only_a_person_whose_title_holds_its_head() {
    let d = doc(
        "Attorney General Jody Wilson-Raybould declined to comment. Wilson-Raybould left Ottawa \
         on Friday. The prime minister said nothing more.",
        Some((2019, 2, 8)),
    );
    assert_eq!(
        name_at(&d, "Wilson-Raybould left", 0).as_deref(),
        Some("Jody Wilson-Raybould")
    );
    assert_ne!(
        name_at(&d, "prime minister", 0).as_deref(),
        Some("Jody Wilson-Raybould")
    );
}

#[test]
fn a_surname_that_is_also_a_first_name_keeps_the_gender_of_its_person() {
    // "Jamil" is listed as a man's first name; here it is Nadia Jamil's surname.
    let d = doc(
        "Nadia Jamil, a researcher at Dixon Hall, said the picture is complex. \
         Jamil said the project began last year. \"It is this for sure,\" he said.",
        None,
    );
    let kb = ActorKb::embedded();
    assert_eq!(name_at(&d, "Jamil said", 0).as_deref(), Some("Nadia Jamil"));
    let he = resolve_at(&d, kb, first_word(&d, "he said"));
    assert_ne!(he.and_then(|m| m.name).as_deref(), Some("Nadia Jamil"));
}
