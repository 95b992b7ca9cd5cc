//! Who acts and who is acted on: datelines, dates, appositions, possessives,
//! uncoded proper names, and the codes of a few constructions. Every sentence
//! is written for these tests.

use demarche_model::{Document, Event};

fn run(text: &str) -> Document {
    let mut doc = Document::new("test.txt", text.to_string());
    doc.published = chrono::NaiveDate::from_ymd_opt(2025, 6, 20);
    demarche_text::analyse(&mut doc);
    demarche_syntax::annotate_document(&mut doc, demarche_syntax::Model::embedded(), |_| true);
    let kb = demarche_actors::ActorKb::embedded();
    demarche_actors::annotate(&mut doc, kb);
    demarche_dates::annotate(&mut doc);
    demarche_quotes::annotate(&mut doc, kb);
    demarche_events::annotate(&mut doc, kb);
    doc
}

fn country(m: &Option<demarche_model::Mention>) -> String {
    match m.as_ref().and_then(|m| m.code.as_deref()) {
        Some(c) if c.starts_with("IGO") => "IGO".into(),
        Some(c) => c.get(..3).unwrap_or(c).into(),
        None => "-".into(),
    }
}

fn text(doc: &Document, m: &Option<demarche_model::Mention>) -> String {
    m.as_ref()
        .map(|m| doc.slice(m.span).to_string())
        .unwrap_or_default()
}

/// "SRC>TGT cameo [source words|target words]" for every event.
fn summary(doc: &Document) -> Vec<String> {
    doc.events
        .iter()
        .map(|e| {
            format!(
                "{}>{} {} [{}|{}]",
                country(&e.source),
                country(&e.target),
                e.cameo,
                text(doc, &e.source),
                text(doc, &e.target)
            )
        })
        .collect()
}

fn find<'d>(doc: &'d Document, src: &str, tgt: &str, root: &str) -> Option<&'d Event> {
    doc.events
        .iter()
        .find(|e| country(&e.source) == src && country(&e.target) == tgt && e.root() == root)
}

#[test]
fn a_dateline_is_never_the_source() {
    let doc = run("KABUL (Reuters) -- Pakistan condemned India on Monday.");
    assert!(
        find(&doc, "PAK", "IND", "11").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        doc.events.iter().all(|e| country(&e.source) != "AFG"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_date_after_the_verb_is_not_the_target() {
    let doc = run("Jordan signed a treaty on 12 March.");
    assert!(!doc.events.is_empty(), "no event");
    for e in &doc.events {
        let t = text(&doc, &e.target);
        assert!(!t.contains("March"), "{:?}", summary(&doc));
    }
}

#[test]
fn proper_names_the_dictionaries_lack_still_make_an_event() {
    let doc = run("The Blue Heron League sued the Copperfield Mining Company.");
    let e = doc
        .events
        .iter()
        .find(|e| e.cameo == "115")
        .unwrap_or_else(|| panic!("no lawsuit in {:?}", summary(&doc)));
    assert!(text(&doc, &e.source).contains("Blue Heron League"));
    assert!(text(&doc, &e.target).contains("Copperfield"));
}

#[test]
fn a_recipient_after_to_is_the_target_of_a_nominal_object() {
    let doc = run("Denmark announced a suspension of aid to Egypt.");
    assert!(
        find(&doc, "DNK", "EGY", "16").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_place_after_during_is_not_the_target() {
    let doc = run("Egyptian police arrested two reporters during a rally in Cairo.");
    assert!(!doc.events.is_empty(), "no event");
    assert!(
        doc.events
            .iter()
            .all(|e| text(&doc, &e.target) != "Cairo" && e.root() == "17"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn an_apposition_does_not_replace_the_object() {
    let doc = run("A Kenyan court freed the blogger Amos Njoroge, a critic of President Ruto.");
    let e = doc
        .events
        .iter()
        .find(|e| country(&e.source) == "KEN" && e.root() == "08")
        .unwrap_or_else(|| panic!("no release in {:?}", summary(&doc)));
    let target = text(&doc, &e.target);
    assert!(
        target.contains("blogger") && !target.contains("Ruto"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_possessive_owner_is_the_source_of_a_nominal_trigger() {
    let doc = run("Iran's airstrikes on Iraq killed five people.");
    assert!(
        find(&doc, "IRN", "IRQ", "19").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn occupying_territory_is_an_assault_in_plover() {
    let doc = run("Turkish forces took control of the Syrian town of Afrin.");
    let e = doc
        .events
        .iter()
        .find(|e| e.cameo == "192")
        .unwrap_or_else(|| panic!("no occupation in {:?}", summary(&doc)));
    assert_eq!(e.plover, "ASSAULT");
}

#[test]
fn a_pardon_releases_a_person() {
    let doc = run("The Turkish president pardoned a jailed Greek journalist.");
    let e = find(&doc, "TUR", "GRC", "08").unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(e.cameo, "0841");
}

#[test]
fn saying_another_must_act_is_a_demand() {
    let doc = run("Russia says Israel must end its strikes on Syria.");
    assert!(
        find(&doc, "RUS", "ISR", "10").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        find(&doc, "RUS", "ISR", "19").is_none(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn ending_mediation_is_a_sanction() {
    let doc = run("Egypt ended its mediation efforts between Israel and Hamas.");
    let e = doc
        .events
        .iter()
        .find(|e| country(&e.source) == "EGY")
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(e.cameo, "165", "{:?}", summary(&doc));
}

#[test]
fn cyber_warfare_is_an_attack() {
    let doc = run("Russia launched cyber warfare against Georgia.");
    let e = find(&doc, "RUS", "GEO", "19").unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(e.plover, "ASSAULT");
}

#[test]
fn coordinated_parties_of_a_mutual_act_are_each_others_target() {
    let doc = run("India and Pakistan agreed to a plan to end months of shelling across their frontier in Kashmir.");
    assert!(
        find(&doc, "IND", "PAK", "03").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        find(&doc, "PAK", "IND", "03").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn lifting_a_boycott_codes_no_boycott() {
    let doc = run("Egypt lifted its boycott of Qatar.");
    assert!(
        find(&doc, "EGY", "QAT", "08").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        find(&doc, "EGY", "QAT", "16").is_none(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        find(&doc, "EGY", "QAT", "17").is_none(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn failing_to_reach_agreement_is_a_rejection() {
    let doc = run("Chile failed to reach agreement with Peru on fishing rights.");
    let e = doc
        .events
        .iter()
        .find(|e| e.cameo == "164")
        .unwrap_or_else(|| panic!("no failed talks in {:?}", summary(&doc)));
    assert_eq!(e.plover, "REJECT");
}

#[test]
fn an_agency_dateline_without_a_dash_is_not_the_source() {
    let doc =
        run("Lisbon, June 3 (AFP) The Kenyan foreign minister condemned Tanzania on Tuesday.");
    assert!(
        find(&doc, "KEN", "TZA", "11").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_bracketed_name_is_not_a_dateline() {
    let doc = run("The African Union (AU) condemned Sudan on Tuesday.");
    assert!(
        doc.events
            .iter()
            .any(|e| text(&doc, &e.source).contains("African Union") && e.root() == "11"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_recipient_is_not_folded_into_the_theme_mention() {
    let doc = run("Denmark announced a suspension of aid to Egypt.");
    let e = find(&doc, "DNK", "EGY", "16").unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(text(&doc, &e.target), "Egypt");
}

#[test]
fn the_head_words_placed_in_an_actor_stay_in_the_mention() {
    let doc = run("The police in Nairobi arrested two Ugandan activists.");
    let e = doc
        .events
        .iter()
        .find(|e| e.root() == "17")
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(text(&doc, &e.source), "The police in Nairobi");
    assert_eq!(country(&e.source), "KEN");
}

#[test]
fn a_theme_may_hold_commas_and_a_relative_clause() {
    let doc = run(
        "Norway returned a carved wooden mask, which had been stolen in 1971, to the government of Ghana.",
    );
    let e = find(&doc, "NOR", "GHA", "08").unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(e.cameo, "084", "{:?}", summary(&doc));
}

#[test]
fn coordinated_parties_that_fail_to_agree_act_on_each_other() {
    let doc = run("Chile and Peru failed to reach agreement on fishing rights.");
    assert!(
        find(&doc, "CHL", "PER", "16").is_some() && find(&doc, "PER", "CHL", "16").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_target_between_pattern_words_is_not_replaced_by_the_parsed_object() {
    let doc = run("The Kenyan president gave Tanzania a deadline to withdraw its troops.");
    assert!(
        find(&doc, "KEN", "TZA", "13").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn the_subject_of_a_copula_is_the_source_of_a_nominal_trigger() {
    let doc = run("Norway is the largest donor of humanitarian aid to Liberia.");
    assert!(
        find(&doc, "NOR", "LBR", "07").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_curfew_in_a_place_has_that_place_as_its_target() {
    let doc = run("The Ghanaian army imposed a curfew in Kumasi on Friday.");
    let e = doc
        .events
        .iter()
        .find(|e| e.cameo == "1723")
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(text(&doc, &e.target), "Kumasi", "{:?}", summary(&doc));
}

#[test]
fn a_retaliation_is_aimed_at_the_one_whose_force_prompted_it() {
    let doc = run(
        "On Monday, Pakistan shelled Indian border posts, provoking New Delhi to \
         retaliate with its own barrage of artillery.",
    );
    assert!(
        find(&doc, "PAK", "IND", "19").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        find(&doc, "IND", "PAK", "19").is_some() || find(&doc, "IND", "PAK", "18").is_some(),
        "the barrage is India's, at Pakistan: {:?}",
        summary(&doc)
    );
}

#[test]
fn what_is_responded_to_is_not_the_responders_act() {
    let doc = run("Tehran said it would respond forcefully to any attack on its territory.");
    assert!(
        !doc.events
            .iter()
            .any(|e| country(&e.source) == "IRN" && e.root() == "18"),
        "the attack is not Iran's: {:?}",
        summary(&doc)
    );
}

#[test]
fn only_verbs_of_object_control_hand_the_infinitive_to_their_object() {
    let doc = run("Egypt pressed Hamas to release the hostages.");
    let release: Vec<_> = doc
        .events
        .iter()
        .filter(|e| doc.slice(e.trigger) == "release")
        .collect();
    assert!(
        release.iter().all(|e| country(&e.source) != "EGY"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_bare_role_after_a_participle_clause_is_the_one_named_before() {
    let doc = run(
        "Egypt's ambassador spoke at the meeting on Tuesday. Accusing Ethiopia of \
         endangering the river, the ambassador also demanded talks.",
    );
    assert!(
        find(&doc, "EGY", "ETH", "11").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_named_object_inside_a_gap_is_the_target_not_the_place_after_it() {
    let doc = run("Kenyan President William Ruto met Prime Minister Abiy Ahmed in Nairobi.");
    let met: Vec<_> = doc.events.iter().filter(|e| e.root() == "04").collect();
    assert!(!met.is_empty(), "{:?}", summary(&doc));
    assert!(
        met.iter().all(|e| country(&e.target) == "ETH"),
        "the partner is Ethiopia's prime minister, not Nairobi: {:?}",
        summary(&doc)
    );
}

#[test]
fn a_date_between_the_verb_and_its_object_is_skipped() {
    let doc = run("China vetoed on Friday a Security Council resolution on Myanmar.");
    assert!(
        find(&doc, "CHN", "IGO", "12").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn a_month_inside_a_slot_is_not_a_modal() {
    let doc = run("Egypt gave Israel a May 30 deadline to withdraw its troops.");
    assert!(
        find(&doc, "EGY", "ISR", "13").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn an_owned_subject_names_the_whole_phrase_with_the_owners_code() {
    let doc = run("Chile's copper miners accused the government of breaking its promises.");
    let e = doc
        .events
        .iter()
        .find(|e| e.root() == "11")
        .unwrap_or_else(|| panic!("{:?}", summary(&doc)));
    assert_eq!(country(&e.source), "CHL", "{:?}", summary(&doc));
    assert_eq!(text(&doc, &e.source), "Chile's copper miners");
}

#[test]
fn a_characterisation_is_not_a_new_act_of_the_speaker() {
    let doc = run(
        "Turkey condemned the Greek naval exercise, labelling it “a provocation” and a \
         “flagrant violation of international law”.",
    );
    assert!(
        find(&doc, "TUR", "GRC", "11").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        !doc.events.iter().any(|e| e.cameo.starts_with("12")),
        "labelling it a violation is no violation by Turkey: {:?}",
        summary(&doc)
    );
}

#[test]
fn an_owner_we_inside_a_quotation_is_its_speaker() {
    let doc = run(
        "Poland's foreign minister met Ukraine's envoy on Monday. “The Kremlin knows that our \
         support for Ukraine will not waver,” the Polish minister said.",
    );
    assert!(
        find(&doc, "POL", "UKR", "05").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        !doc.events
            .iter()
            .any(|e| e.root() == "05" && country(&e.source) == "RUS"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn what_a_describing_verb_describes_is_still_an_event() {
    let doc = run("Russia described its airstrikes on Syria as precise.");
    assert!(
        find(&doc, "RUS", "SYR", "19").is_some(),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn the_two_nations_are_the_pair_named_before_less_the_source() {
    let doc = run(
        "Japan's prime minister received South Korea's president in Tokyo on Monday. \
         The Japanese prime minister praised the close relationship between the two nations.",
    );
    let praise: Vec<_> = doc.events.iter().filter(|e| e.root() == "05").collect();
    assert!(
        praise
            .iter()
            .any(|e| country(&e.source) == "JPN" && country(&e.target) == "KOR"),
        "{:?}",
        summary(&doc)
    );
    assert!(
        praise.iter().all(|e| country(&e.target) != "JPN"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn the_one_called_on_does_what_follows_whatever_the_parse() {
    let doc = run(
        "U.S. President Donald Trump suggested that American forces could attempt to \
         strike Iran's leaders, and called for Tehran to accept an unconditional surrender.",
    );
    let accept: Vec<_> = doc
        .events
        .iter()
        .filter(|e| doc.slice(e.trigger) == "accept")
        .collect();
    assert!(!accept.is_empty(), "{:?}", summary(&doc));
    assert!(
        accept.iter().all(|e| country(&e.source) == "IRN"),
        "Tehran is asked to accept: {:?}",
        summary(&doc)
    );
}

#[test]
fn they_after_both_leaders_is_that_pair() {
    let doc = run(
        "The Brazilian president met Argentina's president in Brasilia on Monday, where both \
         leaders criticised Chile's trade barriers. Their condemnation of Chile's tariffs \
         was firm, officials said.",
    );
    let theirs: Vec<_> = doc
        .events
        .iter()
        .filter(|e| doc.slice(e.trigger) == "condemnation")
        .collect();
    let sources: Vec<String> = theirs.iter().map(|e| country(&e.source)).collect();
    assert!(
        sources.contains(&"BRA".to_string()) && sources.contains(&"ARG".to_string()),
        "{:?}",
        summary(&doc)
    );
    assert!(
        theirs.iter().all(|e| country(&e.source) != "CHL"),
        "{:?}",
        summary(&doc)
    );
}

#[test]
fn an_intent_to_use_force_is_a_threat_not_an_intent_to_cooperate() {
    let doc = run("North Korea vowed to strike the United States. Iran is ready to attack Israel.");
    assert!(
        find(&doc, "PRK", "USA", "13").is_some() && find(&doc, "IRN", "ISR", "13").is_some(),
        "{:?}",
        summary(&doc)
    );
    assert!(
        doc.events.iter().all(|e| e.root() != "03"),
        "{:?}",
        summary(&doc)
    );
    // An intent to cooperate stays one.
    let doc = run("Russia is willing to supply weapons to Venezuela.");
    assert!(
        doc.events.iter().any(|e| e.root() == "03"),
        "{:?}",
        summary(&doc)
    );
}
