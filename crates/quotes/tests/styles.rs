//! Behaviour on sentences written for these tests: every quotation style, the
//! attribution patterns, indirect and mixed speech, and what is not a quote.

use demarche_actors::ActorKb;
use demarche_model::{Document, QuoteKind};

struct Got {
    kind: QuoteKind,
    text: String,
    cue: Option<String>,
    speaker: Option<String>,
    name: Option<String>,
    code: Option<String>,
}

fn run(text: &str) -> Vec<Got> {
    let mut doc = Document::new("test", text.to_string());
    demarche_text::analyse(&mut doc);
    let kb = ActorKb::embedded();
    demarche_actors::annotate(&mut doc, kb);
    demarche_quotes::annotate(&mut doc, kb);
    let starts: Vec<u32> = doc.quotes.iter().map(|q| q.span.start).collect();
    assert!(
        starts.windows(2).all(|w| w[0] <= w[1]),
        "quotes sorted by start"
    );
    doc.quotes
        .iter()
        .map(|q| Got {
            kind: q.kind,
            text: doc.slice(q.span).to_string(),
            cue: q.cue.map(|c| doc.slice(c).to_string()),
            speaker: q.speaker.as_ref().map(|m| doc.slice(m.span).to_string()),
            name: q.speaker.as_ref().and_then(|m| m.name.clone()),
            code: q.speaker.as_ref().and_then(|m| m.code.clone()),
        })
        .collect()
}

fn only(text: &str) -> Got {
    let mut got = run(text);
    assert_eq!(
        got.len(),
        1,
        "expected one quote in {text:?}, got {:?}",
        got.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
    got.remove(0)
}

fn direct(text: &str, content: &str, speaker: &str, cue: &str) {
    let g = only(text);
    assert_eq!(g.kind, QuoteKind::Direct, "{text}");
    assert_eq!(g.text, content, "{text}");
    assert_eq!(g.speaker.as_deref(), Some(speaker), "{text}");
    assert_eq!(g.cue.as_deref(), Some(cue), "{text}");
}

#[test]
fn curly_double_quote_then_speaker_and_cue() {
    direct(
        "“We will not negotiate under threat,” the minister said.",
        "We will not negotiate under threat,",
        "the minister",
        "said",
    );
}

#[test]
fn cue_before_the_speaker() {
    direct(
        "“The talks are over,” said Ingrid Karlsson.",
        "The talks are over,",
        "Ingrid Karlsson",
        "said",
    );
}

#[test]
fn speaker_and_cue_then_colon() {
    direct(
        "The ambassador told reporters: “Our patience has limits.”",
        "Our patience has limits.",
        "The ambassador",
        "told",
    );
}

#[test]
fn guillemets() {
    direct(
        "«The border stays closed until further notice,» the spokeswoman stated.",
        "The border stays closed until further notice,",
        "the spokeswoman",
        "stated",
    );
}

#[test]
fn low_and_high_german_marks() {
    direct(
        "„We expect results by the summer“, Schmidt said.",
        "We expect results by the summer",
        "Schmidt",
        "said",
    );
}

#[test]
fn straight_double_quotes() {
    direct(
        "\"Sanctions will follow any violation,\" Moreno warned.",
        "Sanctions will follow any violation,",
        "Moreno",
        "warned",
    );
}

#[test]
fn single_curly_quotes_as_outer_marks() {
    direct(
        "‘We are ready to talk at any time,’ the envoy said.",
        "We are ready to talk at any time,",
        "the envoy",
        "said",
    );
}

#[test]
fn straight_single_quotes() {
    direct(
        "'This is a grave mistake,' the senator said.",
        "This is a grave mistake,",
        "the senator",
        "said",
    );
}

#[test]
fn doubled_apostrophes_of_wire_copy() {
    direct(
        "''We will appeal the ruling,'' the lawyer said.",
        "We will appeal the ruling,",
        "the lawyer",
        "said",
    );
}

#[test]
fn apostrophes_inside_words_do_not_end_a_quote() {
    direct(
        "“Moscow’s offer doesn’t change anything for the villages,” she said.",
        "Moscow’s offer doesn’t change anything for the villages,",
        "she",
        "said",
    );
}

#[test]
fn nested_quotation_stays_inside_the_outer_one() {
    let g = only("“He told me ‘never again’ and walked out of the room,” Ortega said.");
    assert_eq!(
        g.text,
        "He told me ‘never again’ and walked out of the room,"
    );
    assert_eq!(g.speaker.as_deref(), Some("Ortega"));
}

#[test]
fn quotation_over_several_sentences() {
    let g = only("“We were surprised by the vote. We are still surprised today,” Ortega said.");
    assert_eq!(
        g.text,
        "We were surprised by the vote. We are still surprised today,"
    );
    assert_eq!(g.speaker.as_deref(), Some("Ortega"));
}

#[test]
fn quotation_over_two_paragraphs_shares_its_speaker() {
    let got = run("The mayor spoke for an hour.\n“The first part of the plan is about housing for families.\n“The second part is about the harbour and its workers,” the mayor said.");
    let direct: Vec<&Got> = got.iter().filter(|g| g.kind == QuoteKind::Direct).collect();
    assert_eq!(direct.len(), 2);
    assert_eq!(
        direct[0].text,
        "The first part of the plan is about housing for families."
    );
    assert!(direct
        .iter()
        .all(|g| g.speaker.as_deref() == Some("the mayor")));
}

#[test]
fn quotation_opening_on_the_line_after_saying() {
    let g = only("The foreign minister answered the question at length, saying:\n“There will be no retreat from our position on the dam.”");
    assert_eq!(
        g.text,
        "There will be no retreat from our position on the dam."
    );
    assert_eq!(g.speaker.as_deref(), Some("The foreign minister"));
    assert_eq!(g.cue.as_deref(), Some("saying"));
}

#[test]
fn short_partial_quote_in_reported_speech() {
    let g = only("The ministry condemned the raid, labelling it “a reckless provocation”.");
    assert_eq!(g.kind, QuoteKind::Direct);
    assert_eq!(g.text, "a reckless provocation");
    assert_eq!(g.speaker.as_deref(), Some("The ministry"));
    assert_eq!(g.cue.as_deref(), Some("labelling"));
}

#[test]
fn headline_with_speaker_and_colon() {
    let got =
        run("Karlsson: “No Deal Without Guarantees”\nThe talks in Oslo ended late on Friday.");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].text, "No Deal Without Guarantees");
    assert_eq!(got[0].speaker.as_deref(), Some("Karlsson"));
    assert_eq!(got[0].cue, None);
}

#[test]
fn headline_repeating_a_body_quotation_is_counted_once() {
    // (A phrase of three words: one or two quoted words inside a sentence are a term.)
    let got = run("Ministry Calls Raid ‘A Reckless Act’\nThe ministry said the raid was “a reckless act” and demanded an inquiry.");
    let direct: Vec<&Got> = got
        .iter()
        .filter(|g| g.kind != QuoteKind::Indirect)
        .collect();
    assert_eq!(
        direct.len(),
        1,
        "{:?}",
        direct.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
    assert!(direct[0].text.contains("reckless"));
}

#[test]
fn indirect_quote_with_that() {
    let g = only("The prime minister stated that the talks would resume next week in Geneva.");
    assert_eq!(g.kind, QuoteKind::Indirect);
    assert_eq!(g.text, "the talks would resume next week in Geneva");
    assert_eq!(g.speaker.as_deref(), Some("The prime minister"));
    assert_eq!(g.cue.as_deref(), Some("stated"));
}

#[test]
fn indirect_quote_after_an_addressee() {
    let g = only("The general told journalists that the convoy had crossed the river at dawn.");
    assert_eq!(g.kind, QuoteKind::Indirect);
    assert_eq!(g.text, "the convoy had crossed the river at dawn");
    assert_eq!(g.speaker.as_deref(), Some("The general"));
}

#[test]
fn indirect_quote_without_that() {
    let g = only("Moreno warned the ceasefire could collapse within days.");
    assert_eq!(g.kind, QuoteKind::Indirect);
    assert_eq!(g.text, "the ceasefire could collapse within days");
    assert_eq!(g.speaker.as_deref(), Some("Moreno"));
}

#[test]
fn according_to_before_and_after_the_content() {
    let g = only("According to the spokesman, the convoy was stopped at the border.");
    assert_eq!(g.text, "the convoy was stopped at the border");
    assert_eq!(g.speaker.as_deref(), Some("the spokesman"));
    assert_eq!(g.cue.as_deref(), Some("According to"));
    let g = only("The convoy was stopped at the border, according to local officials.");
    assert_eq!(g.text, "The convoy was stopped at the border");
    assert_eq!(g.speaker.as_deref(), Some("local officials"));
    // Inside a parenthesis the report starts after its opening.
    let g = only(
        "The mayor repeated the figure (the real number is closer to 15 percent, according to \
         the audit office) at the rally.",
    );
    assert_eq!(g.text, "the real number is closer to 15 percent");
    assert_eq!(g.speaker.as_deref(), Some("the audit office"));
    // A dash ends the source, a hyphen inside a name does not.
    let g = only(
        "Most farmers - 63 percent in 2014, according to the A.F.L.-C.I.O. survey - still \
         favour the plan.",
    );
    assert_eq!(g.speaker.as_deref(), Some("the A.F.L.-C.I.O. survey"));
}

#[test]
fn content_before_the_speaker() {
    let g = only("The ceasefire is holding in the north, the general said on Tuesday.");
    assert_eq!(g.kind, QuoteKind::Indirect);
    assert_eq!(g.text, "The ceasefire is holding in the north");
    assert_eq!(g.speaker.as_deref(), Some("the general"));
}

#[test]
fn speaker_and_cue_inside_the_content() {
    let g = only("The deal, the minister said, would be signed in March.");
    assert_eq!(g.kind, QuoteKind::Indirect);
    assert_eq!(
        g.text,
        "The deal, the minister said, would be signed in March"
    );
}

#[test]
fn speaker_named_before_an_apposition() {
    let g =
        only("Anna Berg, a spokeswoman for the ministry, said the border would reopen on Monday.");
    assert_eq!(g.speaker.as_deref(), Some("Anna Berg"));
    assert_eq!(g.text, "the border would reopen on Monday");
}

#[test]
fn mostly_quoted_clause_is_one_mixed_quote() {
    let g = only("The minister said the agreement was “a historic step for both of our nations”.");
    assert_eq!(g.kind, QuoteKind::Mixed);
    assert_eq!(
        g.text,
        "the agreement was “a historic step for both of our nations”"
    );
    assert_eq!(g.speaker.as_deref(), Some("The minister"));
}

#[test]
fn clause_with_a_short_quoted_phrase_is_indirect_plus_direct() {
    let got = run("The minister said that the northern villages, the harbour and the old bridge would be rebuilt “without any delay”.");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].kind, QuoteKind::Indirect);
    assert_eq!(got[1].kind, QuoteKind::Direct);
    assert_eq!(got[1].text, "without any delay");
    assert_eq!(got[1].speaker.as_deref(), Some("The minister"));
}

#[test]
fn pronoun_speaker_resolved_through_the_actor_layer() {
    let got = run("Vladimir Putin met the delegation in Moscow on Monday.\n“We made real progress today,” he added.");
    let g = got
        .iter()
        .find(|g| g.kind == QuoteKind::Direct)
        .expect("a direct quote");
    assert_eq!(g.speaker.as_deref(), Some("he"));
    assert_eq!(g.name.as_deref(), Some("Vladimir Putin"));
    assert_eq!(g.cue.as_deref(), Some("added"));
}

#[test]
fn organisation_as_speaker() {
    let g = only("“Stability in the region matters most,” the Kremlin noted.");
    assert_eq!(g.speaker.as_deref(), Some("the Kremlin"));
    assert!(
        g.code.as_deref().is_some_and(|c| c.starts_with("RUS")),
        "code {:?}",
        g.code
    );
}

#[test]
fn continuation_quote_takes_the_previous_speaker() {
    let got = run(
        "“The first round went well,” Ortega said. “The second round will be harder for everyone.”",
    );
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].text, "The second round will be harder for everyone.");
    assert_eq!(got[1].speaker.as_deref(), Some("Ortega"));
    assert_eq!(got[1].cue, None);
}

#[test]
fn no_speaker_is_guessed_where_the_text_gives_none() {
    let got =
        run("The old slogan “business as usual for everyone in this town” appeared on every wall.");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].speaker, None);
}

#[test]
fn what_is_not_a_quote() {
    for text in [
        "The so-called “experts” disagreed with each other.",
        "He is said to be furious about the leak.",
        "His remarks angered the opposition in parliament.",
        "The United States imposed new tariffs on steel imports.",
        "Officials believe the talks will fail.",
        "“”",
    ] {
        let got = run(text);
        assert!(
            got.is_empty(),
            "{text}: {:?}",
            got.iter().map(|g| &g.text).collect::<Vec<_>>()
        );
    }
}

#[test]
fn names_of_shows_and_books_are_not_quotes() {
    for text in [
        "Senator Ruth Alder said on CBS's “Face the Nation” that the talks would resume.",
        "Dana Whitfield told the magazine that she watched “Never Been Kissed” again on Sunday.",
    ] {
        let got = run(text);
        let title = |t: &str| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric());
            t == "Face the Nation" || t == "Never Been Kissed"
        };
        assert!(
            !got.is_empty() && got.iter().all(|g| !title(&g.text)),
            "{text}: {:?}",
            got.iter().map(|g| &g.text).collect::<Vec<_>>()
        );
    }
    // Title case over two sentences is speech, and so is a sentence in lower case.
    let got = run("“All Bets Are Off. Big Trouble,” said Rafe Collins.");
    assert_eq!(
        got.len(),
        1,
        "{:?}",
        got.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
    direct(
        "“We will not give up,” said Rafe Collins.",
        "We will not give up,",
        "Rafe Collins",
        "said",
    );
}

#[test]
fn empty_and_unanalysed_documents_get_no_quotes() {
    let mut doc = Document::new("empty", String::new());
    demarche_quotes::annotate(&mut doc, ActorKb::embedded());
    assert!(doc.quotes.is_empty());
    let mut doc = Document::new("raw", "“Not tokenised,” she said.".to_string());
    demarche_quotes::annotate(&mut doc, ActorKb::embedded());
    assert!(doc.quotes.is_empty());
}

#[test]
fn quotation_right_before_speaker_without_comma() {
    let got = run("“Who could have planned for a winter like this one?” Lindqvist asked while pointing at the snow.");
    assert_eq!(got.len(), 1);
    assert_eq!(
        got[0].text,
        "Who could have planned for a winter like this one?"
    );
    assert_eq!(got[0].speaker.as_deref(), Some("Lindqvist"));
}

#[test]
fn name_in_apposition_after_a_role() {
    let g = only("His lawyer, Tomas Ekberg, said the appeal would be filed within ten days.");
    assert_eq!(g.speaker.as_deref(), Some("Tomas Ekberg"));
    assert_eq!(g.text, "the appeal would be filed within ten days");
}

#[test]
fn speaker_with_a_party_label_in_brackets() {
    let g = only("Sen. Jane Holloway (D-Ore.) said the vote would be delayed until spring.");
    assert_eq!(g.speaker.as_deref(), Some("Sen. Jane Holloway (D-Ore.)"));
}

#[test]
fn quotation_after_a_paraphrase_takes_its_speaker() {
    let got = run("Councillor Brandt describes herself as the most cautious member of the council. “I voted against the plan because the numbers never added up.”");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].speaker.as_deref(), Some("Councillor Brandt"));
    assert_eq!(got[0].cue, None);
}

#[test]
fn quotation_continuing_into_a_paragraph_without_a_new_mark() {
    let got = run("\"The first part of the report covers the harbour and the ferries\n\nand the second part covers the roads,\" said Nilsson.");
    let direct: Vec<&Got> = got.iter().filter(|g| g.kind == QuoteKind::Direct).collect();
    assert_eq!(
        direct.len(),
        2,
        "{:?}",
        direct.iter().map(|g| &g.text).collect::<Vec<_>>()
    );
    assert!(direct
        .iter()
        .all(|g| g.speaker.as_deref() == Some("Nilsson")));
}

#[test]
fn a_cue_word_used_as_a_noun_is_no_cue() {
    for text in [
        "A GOP state senator visited the school on Monday.",
        "The claims were rejected by the court last week.",
    ] {
        let got = run(text);
        assert!(
            got.is_empty(),
            "{text}: {:?}",
            got.iter().map(|g| &g.text).collect::<Vec<_>>()
        );
    }
}

#[test]
fn odd_input_never_panics() {
    let texts = [
        "\"",
        "''''",
        "“",
        "”",
        "« »",
        "„“",
        "said said said",
        "according to",
        "according to,",
        ", he said.",
        "“Open and never closed, he said",
        "He said: “",
        "’90s music ‘was better’, he said.",
        "\"a\" \"b\" \"c\"",
        "“One.”\n\n“Two.”\n\n“Three,” she said.",
        "Who said that? “Nobody,” said who.",
        "(said) [told] {wrote}",
        "“‘“‘nested’”’”, said X.",
        "... , , , said , , ,",
        "Told.",
        "told reporters that",
        "Putin:",
        ": “”",
    ];
    for text in texts {
        let got = run(text);
        for g in &got {
            assert!(!g.text.trim().is_empty(), "{text:?} gave an empty quote");
        }
    }
    // Tokens and sentences without paragraphs: still no panic.
    let mut doc = Document::new("no paragraphs", "“We stay,” she said.".to_string());
    demarche_text::analyse(&mut doc);
    doc.paragraphs.clear();
    demarche_quotes::annotate(&mut doc, ActorKb::embedded());
    assert_eq!(doc.quotes.len(), 1);
}

/// The one quote of `text` is indirect, with `speaker` as its speaker words.
fn indirect_by(text: &str, speaker: &str) {
    let g = only(text);
    assert_eq!(g.kind, QuoteKind::Indirect, "{text}");
    assert_eq!(g.speaker.as_deref(), Some(speaker), "{text}");
}

#[test]
fn a_noun_in_ly_can_name_the_speaker() {
    indirect_by(
        "The relatives watched the video on Thursday, the family said.",
        "the family",
    );
    indirect_by(
        "A close ally of the governor said the budget would pass next week.",
        "A close ally of the governor",
    );
}

#[test]
fn a_leading_phrase_and_a_quantity_do_not_hide_the_speaker() {
    indirect_by(
        "In a statement, one of the attorneys, Justin Bamberg, said the videos show \
         the driver calmly leaving his car.",
        "Justin Bamberg",
    );
    indirect_by(
        "One of the attorneys said the videos show the driver calmly leaving his car.",
        "One of the attorneys",
    );
}

#[test]
fn verbs_of_manner_and_phrases_attribute_quotations() {
    direct(
        "“You came for the free buffet,” Okafor shot back.",
        "You came for the free buffet,",
        "Okafor",
        "shot back",
    );
    direct(
        "As the senator put it: “This nominee will not be confirmed.”",
        "This nominee will not be confirmed.",
        "the senator",
        "put it",
    );
    direct(
        "“We are closed for the holiday,” the sign read.",
        "We are closed for the holiday,",
        "the sign",
        "read",
    );
    direct(
        "“Close the border now,” read one.",
        "Close the border now,",
        "one",
        "read",
    );
    direct(
        "“Confidence is the most attractive thing,” echoes Marta Kowalczyk.",
        "Confidence is the most attractive thing,",
        "Marta Kowalczyk",
        "echoes",
    );
    direct(
        "“That is just not true,” Okafor interjected.",
        "That is just not true,",
        "Okafor",
        "interjected",
    );
    direct(
        "“What sport is he talking about?” reacted the senator.",
        "What sport is he talking about?",
        "the senator",
        "reacted",
    );
}
