//! Behaviour with the whole chain the pipeline runs (text, syntax, actors, quotes)
//! on sentences written for these tests: reported speech found through the parse,
//! "according to" with a long source, headline claims, and speakers followed
//! from quote to quote (pronouns, role nominals).

use demarche_actors::ActorKb;
use demarche_model::{Document, QuoteKind};

#[derive(Debug)]
struct Got {
    kind: QuoteKind,
    text: String,
    speaker: Option<String>,
    name: Option<String>,
    code: Option<String>,
}

fn run(text: &str) -> Vec<Got> {
    let mut doc = Document::new("test", text.to_string());
    demarche_text::analyse(&mut doc);
    let wanted: Vec<bool> = doc
        .sentences
        .iter()
        .map(|s| !s.heading && s.tokens.len() >= 3)
        .collect();
    demarche_syntax::annotate_document(&mut doc, demarche_syntax::Model::embedded_fast(), |s| {
        wanted[s]
    });
    let kb = ActorKb::embedded();
    demarche_actors::annotate(&mut doc, kb);
    demarche_quotes::annotate(&mut doc, kb);
    doc.quotes
        .iter()
        .map(|q| Got {
            kind: q.kind,
            text: doc.slice(q.span).to_string(),
            speaker: q.speaker.as_ref().map(|m| doc.slice(m.span).to_string()),
            name: q.speaker.as_ref().and_then(|m| m.name.clone()),
            code: q.speaker.as_ref().and_then(|m| m.code.clone()),
        })
        .collect()
}

/// The quote whose content starts with `start`.
fn quote<'a>(got: &'a [Got], start: &str) -> &'a Got {
    got.iter()
        .find(|g| g.text.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?} in {got:#?}"))
}

#[test]
fn long_addressee_before_that_clause() {
    let got = run(
        "Retired teacher Maria Lindqvist told a packed ballroom at the old hotel \
         near the harbour that the school board had ignored the parents.",
    );
    let q = quote(&got, "the school board had ignored the parents");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.ends_with("Maria Lindqvist")),
        "{q:?}"
    );
}

#[test]
fn coordinated_reporting_verb_takes_the_shared_subject() {
    let got = run(
        "The organisers changed their plans on Friday, unlocked the hall and said \
         they would count the ballots before midnight.",
    );
    let q = quote(&got, "they would count the ballots before midnight");
    assert_eq!(q.speaker.as_deref(), Some("The organisers"), "{q:?}");
}

#[test]
fn a_second_report_coordinated_with_the_cue_ends_the_first_content() {
    let got = run(
        "The mayor said the bridge would reopen in the spring and warned the \
         council that the repairs could cost twice as much.",
    );
    let q = quote(&got, "the bridge would reopen");
    assert_eq!(q.text, "the bridge would reopen in the spring", "{got:#?}");
    let q = quote(&got, "the repairs could cost");
    assert_eq!(q.speaker.as_deref(), Some("The mayor"), "{q:?}");
}

#[test]
fn a_report_the_parse_hangs_inside_the_content_ends_it_too() {
    // The parser attaches the second "said", which has no subject of its own,
    // to the reported verb rather than to the cue.
    let got = run(
        "Larsen says Okafor promised to keep supporting the mayor and said \
         she would stand up to the critics.",
    );
    let q = quote(&got, "Okafor promised");
    assert_eq!(
        q.text, "Okafor promised to keep supporting the mayor",
        "{got:#?}"
    );
    quote(&got, "she would stand up to the critics");
}

#[test]
fn a_participle_goes_on_with_the_content_unless_it_reports() {
    let got = run(
        "The economist argued that the stimulus would drive up prices, pushing \
         interest rates higher. The minister said that the talks would resume, \
         adding that a deal was close.",
    );
    let q = quote(&got, "the stimulus would");
    assert_eq!(
        q.text,
        "the stimulus would drive up prices, pushing interest rates higher"
    );
    let q = quote(&got, "the talks would resume");
    assert_eq!(q.text, "the talks would resume", "{got:#?}");
}

#[test]
fn calls_for_and_calls_on_report_what_is_demanded() {
    let got = run(
        "The association called for a moratorium on charter schools. \
         Ms. Palmieri called on the governor to release the police videos.",
    );
    let q = quote(&got, "a moratorium");
    assert_eq!(q.text, "a moratorium on charter schools");
    assert_eq!(q.speaker.as_deref(), Some("The association"));
    let q = quote(&got, "the governor to release");
    assert_eq!(q.speaker.as_deref(), Some("Ms. Palmieri"), "{q:?}");
    // An adverb between the subject and the cue is no speaker.
    let got = run("The union has long called for higher wages for the nurses.");
    let q = quote(&got, "higher wages");
    assert_eq!(q.speaker.as_deref(), Some("The union"), "{q:?}");
}

#[test]
fn a_verb_of_naming_reports_the_name_it_gives() {
    let got = run("Senator Cruz called the governor a pathological liar. \
         The rebels call themselves the army of the south. \
         The mayor called the plan a complete disaster. \
         The president called the minister early last week.");
    // The object goes with the name: what was said is that the governor is a liar.
    let q = quote(&got, "the governor a pathological liar");
    assert_eq!(q.text, "the governor a pathological liar");
    assert_eq!(q.speaker.as_deref(), Some("Senator Cruz"));
    assert_eq!(
        quote(&got, "the plan a complete disaster")
            .speaker
            .as_deref(),
        Some("The mayor")
    );
    // However short the name.
    let got = run("The mayor called the plan a mistake.");
    assert_eq!(
        quote(&got, "the plan a mistake").speaker.as_deref(),
        Some("The mayor")
    );
    assert!(got.iter().all(|g| !g.text.contains("army")), "{got:#?}");
    assert!(got.iter().all(|g| !g.text.contains("week")), "{got:#?}");
}

#[test]
fn a_quoted_show_title_before_the_speaker_is_no_quotation() {
    let got = run(
        "In an interview on the radio show “Face the Harbour,” Mayor Ana Ruiz said \
         the new budget would protect the libraries.",
    );
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].text, "the new budget would protect the libraries");
    assert_eq!(got[0].speaker.as_deref(), Some("Mayor Ana Ruiz"));
}

#[test]
fn an_object_of_add_or_write_is_no_report() {
    let got = run("The visitors added three more goals before the break. \
         The chef wrote her first cookbook in 1991. \
         The coach added that the team would rest on Sunday.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].text, "the team would rest on Sunday");
}

#[test]
fn a_that_clause_the_parser_takes_for_an_adjunct_is_still_reported() {
    // The parser hangs "there" on "added" as an adverbial clause; its "that" says otherwise.
    let got = run("Smith added that the votes were not there.");
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].text, "the votes were not there");
    assert_eq!(got[0].speaker.as_deref(), Some("Smith"));
}

#[test]
fn a_time_the_parser_makes_the_subject_gives_way_to_the_phrase_before_it() {
    let got = run(
        "A court filing released Thursday says the company will close two plants in the spring. \
         Majorities of farmers going to the polls Tuesday say they would accept either candidate. \
         USA TODAY reported last month that the group had paid for the trips.",
    );
    let speaker = |start: &str| quote(&got, start).speaker.clone();
    assert_eq!(
        speaker("the company will close").as_deref(),
        Some("A court filing")
    );
    assert!(
        speaker("they would accept")
            .is_some_and(|s| s.starts_with("Majorities of farmers") && !s.contains("Tuesday")),
        "{got:#?}"
    );
    // A name that spells a time word is still a name.
    assert_eq!(speaker("the group had paid").as_deref(), Some("USA TODAY"));
}

#[test]
fn a_bare_reporting_word_in_a_singular_compound_is_a_noun() {
    let got = run(
        "A news report published Wednesday said the minister had resigned over the contract. \
         Both groups report that rents rose sharply last year.",
    );
    let texts: Vec<&str> = got.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "the minister had resigned over the contract",
            "rents rose sharply last year"
        ],
        "{got:#?}"
    );
    assert_eq!(got[0].speaker.as_deref(), Some("A news report"));
    assert_eq!(got[1].speaker.as_deref(), Some("Both groups"));
}

#[test]
fn a_participle_opening_the_sentence_reports_for_the_main_subject() {
    let got = run("Noting that the river had flooded twice in May, the mayor added that the bridge would close.");
    let q = quote(&got, "the river had flooded twice in May");
    assert_eq!(q.text, "the river had flooded twice in May");
    assert_eq!(q.speaker.as_deref(), Some("the mayor"));
    let q = quote(&got, "the bridge would close");
    assert_eq!(q.speaker.as_deref(), Some("the mayor"));
}

#[test]
fn a_phrase_between_an_addressing_cue_and_a_quotation_is_the_addressee() {
    let got = run(
        "On Tuesday, Ann Lee, the president of the Harbour Council, which represents the \
         fishing towns, urged the city government “to publish its plans as soon as possible.”",
    );
    // Not "…, urged the city government" with the city government speaking what precedes.
    assert_eq!(got.len(), 1, "{got:#?}");
    assert_eq!(got[0].text, "to publish its plans as soon as possible.");
    assert_ne!(got[0].speaker.as_deref(), Some("the city government"));
}

#[test]
fn a_short_lead_before_an_interrupting_speaker_is_left_out() {
    let got = run("Still, the mayor said, the old harbour will reopen in the spring.");
    let texts: Vec<&str> = got.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        texts,
        ["the old harbour will reopen in the spring"],
        "{got:#?}"
    );
    // A short subject stays with its clause.
    let got = run("Time, the mayor added, was on their side.");
    let texts: Vec<&str> = got.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Time, the mayor added, was on their side"],
        "{got:#?}"
    );
}

#[test]
fn a_participle_after_a_quotation_and_its_speaker_reports_what_follows() {
    let got = run(
        "The gunmen shot at the guards \"like snipers,\" he said, adding that police fired back.",
    );
    let q = quote(&got, "police fired back");
    assert_eq!(q.speaker.as_deref(), Some("he"));
}

#[test]
fn an_explicit_that_makes_a_clause_whatever_the_parse_made_of_it() {
    // The parser takes "that" for the determiner of "police".
    let got = run("He spoke on Monday, adding that police fired back at the gunmen.");
    let texts: Vec<&str> = got.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(texts, ["police fired back at the gunmen"], "{got:#?}");
}

#[test]
fn a_subject_before_a_quoted_predicate_stays_in_the_report() {
    // The parser makes "the tax breaks" the object of "said" and the quotation its clause.
    let got = run(
        "Sanders said the tax breaks used by Trump and others “do nothing to boost the economy.”",
    );
    let q = quote(&got, "the tax breaks used by Trump");
    assert_eq!(
        q.text,
        "the tax breaks used by Trump and others “do nothing to boost the economy.”"
    );
    assert_eq!(q.speaker.as_deref(), Some("Sanders"));
}

#[test]
fn a_content_interrupted_by_its_speaker_is_two_quotations() {
    let got =
        run("The old fish harbour, the mayor said, will reopen to fishing boats in the spring.");
    let texts: Vec<&str> = got.iter().map(|g| g.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The old fish harbour",
            "will reopen to fishing boats in the spring"
        ],
        "{got:#?}"
    );
    for g in &got {
        assert_eq!(g.speaker.as_deref(), Some("the mayor"), "{g:?}");
    }
}

#[test]
fn a_lead_phrase_before_a_speaker_with_a_relative_clause() {
    let got = run(
        "For his part, Marek, who still keeps the phone he was given, said he \
         found a flat with the help of the shelter.",
    );
    let q = quote(&got, "he found a flat");
    assert_eq!(q.speaker.as_deref(), Some("Marek"), "{q:?}");
}

#[test]
fn a_dateline_is_no_part_of_the_content_before_the_cue() {
    let got = run(
        "PORT ELLIS, Norland — The northern ferry will stop running in March, \
         an official said Monday.",
    );
    let q = quote(&got, "The northern ferry");
    assert_eq!(q.text, "The northern ferry will stop running in March");
    assert_eq!(q.speaker.as_deref(), Some("an official"));
}

#[test]
fn complement_clause_without_that_from_the_parse() {
    // "stress" reports a clause only with "that" on the surface; the parse finds the
    // clause without it, and tells it from an object.
    let got = run("The foreign minister stressed the talks had failed because of the blockade.");
    let q = quote(&got, "the talks had failed");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("The foreign minister"));
    let object = run("The foreign minister stressed the importance of the talks in Geneva.");
    assert!(object.is_empty(), "{object:?}");
}

#[test]
fn according_to_a_long_source_up_to_its_comma() {
    let got = run(
        "According to first figures from a survey carried out by a polling firm \
         for two newspapers, most residents of both towns were worried about rents.",
    );
    let q = quote(&got, "most residents of both towns were worried");
    assert_eq!(
        q.speaker.as_deref(),
        Some("first figures from a survey carried out by a polling firm for two newspapers")
    );
    let after = run(
        "Most residents were worried about rents, according to first figures \
         from a survey carried out by a polling firm.",
    );
    let q = quote(&after, "Most residents were worried about rents");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.ends_with("by a polling firm")),
        "{q:?}"
    );
}

#[test]
fn headline_claim_of_a_known_speaker() {
    let got = run("Senator Marsh: New Tax Plan Will Hurt Farmers.\n\n\
         Senator Jim Marsh spoke on Monday about the plan in Ohio.");
    let q = quote(&got, "New Tax Plan Will Hurt Farmers");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Senator Marsh"));
    // A topic before a colon is not a speaker.
    let topic = run("Budget Talks: What Happens Next.\n\nThe senator spoke on Monday in Ohio.");
    assert!(topic.is_empty(), "{topic:?}");
    // Nor is a rubric, whatever the text calls itself, nor a question the headline asks.
    for headline in [
        "The Latest: Farm Prices Fall in Ohio.\n\nThe Latest is our rolling coverage.",
        "Senator Marsh: Farm Hero or Career Politician?\n\nSenator Jim Marsh spoke in Ohio.",
    ] {
        let got = run(headline);
        assert!(got.is_empty(), "{got:?}");
    }
}

#[test]
fn a_cue_with_its_own_complement_does_not_report_the_words_before_it() {
    let got = run(
        "Sunday evening, as the festival crowd moved through Lyon, the radio station \
         reported at least four small planes crossed the sky with banners.",
    );
    assert!(
        got.iter().all(|g| !g.text.starts_with("Sunday evening")),
        "{got:#?}"
    );
    // A time after the cue is no complement: the words before are what was said.
    for text in [
        "Turnout would break records, the council announced Monday.",
        "Turnout would break records, the council told reporters.",
    ] {
        let got = run(text);
        assert_eq!(
            quote(&got, "Turnout would break records")
                .speaker
                .as_deref(),
            Some("the council")
        );
    }
}

#[test]
fn headline_claim_of_a_listed_source() {
    // "Poll" is no actor the text names again, but a source the data lists.
    let got = run("Poll: Farmers Back New Tax Plan in Ohio.\n\n\
         Most growers interviewed in March liked the plan.");
    let q = quote(&got, "Farmers Back New Tax Plan");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Poll"));
}

#[test]
fn headline_quotation_that_the_claim_goes_on_after() {
    let got = run(
        "Senator Marsh: ‘Not A Radical Idea’ To Raise Wages For Farmers.\n\n\
         Senator Jim Marsh spoke on Monday about the plan in Ohio.",
    );
    let q = quote(&got, "‘Not A Radical Idea’ To Raise Wages");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.speaker.as_deref(), Some("Senator Marsh"));
    // The quoted words are not a second quote of their own.
    assert_eq!(got.len(), 1, "{got:#?}");
}

#[test]
fn pronoun_speaker_takes_the_earlier_speaker_of_its_gender() {
    let got = run(
        "“We will appeal the ruling,” said Linda Okafor, the city’s lawyer.\n\n\
         The hearing lasted two hours. Several residents attended with Trevor Banks.\n\n\
         “The decision ignores the evidence we put before the court,” she said.",
    );
    let q = quote(&got, "The decision ignores the evidence");
    assert_eq!(q.speaker.as_deref(), Some("she"));
    assert_eq!(q.name.as_deref(), Some("Linda Okafor"), "{q:?}");
}

#[test]
fn pronoun_of_the_other_gender_does_not_take_the_speaker() {
    let got = run("“We will appeal the ruling,” said Linda Okafor.\n\n\
         “The decision ignores the evidence we put before the court,” he said.");
    let q = quote(&got, "The decision ignores the evidence");
    assert_ne!(q.name.as_deref(), Some("Linda Okafor"), "{q:?}");
}

#[test]
fn role_nominal_takes_the_person_introduced_with_that_role() {
    let got = run(
        "Harbourton Mayor Doug Hartley announced a new transit plan on Monday. \
         Councillor Anne Ferris opposed it.\n\n\
         “This line will be built by 2030, whatever it takes,” the mayor said.",
    );
    let q = quote(&got, "This line will be built by 2030");
    assert_eq!(q.speaker.as_deref(), Some("the mayor"));
    assert_eq!(q.name.as_deref(), Some("Doug Hartley"), "{q:?}");
}

#[test]
fn transcript_turns_are_attributed_to_their_labels() {
    let got = run(
        "HOST: Welcome back to the program on this cold evening.\n\n\
         MARSH: Thank you for having me on the show again.\n\n\
         HOST: Let us talk about the budget and the farm bill.\n\n\
         MARSH: The budget leaves our farmers without any help at all.\n\n\
         BREAKING: The vote has been moved to Thursday morning.",
    );
    let q = quote(&got, "Thank you for having me");
    assert_eq!(q.speaker.as_deref(), Some("MARSH"));
    let q = quote(&got, "Let us talk about the budget");
    assert_eq!(q.speaker.as_deref(), Some("HOST"));
    // A label used once, or one that names no speaker, makes no turn.
    assert!(
        !got.iter()
            .any(|g| g.text.starts_with("The vote has been moved")),
        "{got:#?}"
    );
}

#[test]
fn quoted_transcript_turns_take_their_labels_over_the_last_speaker() {
    let got = run(
        "Senator Ruth Alvarez said the budget deal would collapse within a week.\n\n\
         Partial transcript as follows:\n\n\
         \"HOST: Welcome back to the program on this cold evening.\n\n\
         \"ALVAREZ: Thank you for having me on the show again.\n\n\
         \"HOST: Let us talk about the budget and the farm bill.\n\n\
         \"ALVAREZ: The budget leaves our farmers without any help at all.\n\n\
         \"HOST: We have to stop there for the news at the top of the hour.\n\n\
         \"We will be right back after these messages from our sponsors.\"",
    );
    let q = quote(&got, "Welcome back to the program");
    assert_eq!(q.speaker.as_deref(), Some("HOST"), "{got:#?}");
    // A paragraph with no label of its own goes on with the turn before it.
    let q = quote(&got, "We will be right back");
    assert_eq!(q.speaker.as_deref(), Some("HOST"), "{got:#?}");
    let q = quote(&got, "The budget leaves our farmers");
    assert_eq!(q.speaker.as_deref(), Some("ALVAREZ"), "{got:#?}");
}

#[test]
fn captions_in_capitals_are_not_transcript_labels() {
    let got = run(
        "WATCH BELOW: Highlights of the debate in the capital on Tuesday night\n\n\
         The senator spoke for an hour about the budget.\n\n\
         WATCH BELOW: Protesters gather outside the parliament building in the rain",
    );
    assert!(
        got.iter()
            .all(|g| g.speaker.as_deref() != Some("WATCH BELOW")),
        "{got:#?}"
    );
}

#[test]
fn the_company_stands_for_the_firm_named_before() {
    let got = run(
        "Facebook said on Tuesday that it would restore access for its engineers.\n\n\
         “We are working closely with our partners to fix this,” the company said.",
    );
    let q = quote(&got, "We are working closely");
    assert_eq!(q.speaker.as_deref(), Some("the company"));
    assert_eq!(q.name.as_deref(), Some("Facebook"), "{q:?}");
    assert_eq!(q.code.as_deref(), Some("USABUS"), "{q:?}");
    let q = quote(&got, "it would restore access");
    assert_eq!(q.code.as_deref(), Some("USABUS"), "{q:?}");
}

#[test]
fn a_document_speaker_takes_the_author_named_inside() {
    let got = run("( Jo Hale / Toronto Star )\n\
         Rents in the city rose 12 per cent last year, according to a study which is \
         being released Monday by Civic Action.\n\n\
         ( Ann Lee / Global News )\n\
         Vacancies fell to two per cent, according to a report by the Fraser Institute.\n\n\
         Talks on the merger stalled in June, according to a memo obtained by Reuters.");
    let q = quote(&got, "Rents in the city rose");
    assert_eq!(q.name.as_deref(), Some("Civic Action"), "{q:?}");
    let q = quote(&got, "Vacancies fell");
    assert_eq!(q.name.as_deref(), Some("Fraser Institute"), "{q:?}");
    // Who obtained a document did not write it.
    let q = quote(&got, "Talks on the merger stalled");
    assert_ne!(q.name.as_deref(), Some("Reuters"), "{q:?}");
}

#[test]
fn a_person_introduced_as_an_object_takes_the_next_he() {
    let got = run("“I always meant to exercise more,” said Douglas Pardy.\n\n\
         Regular exercise also produced results for Mississauga accountant Tunde Farrow, 50. \
         “I had a gym membership, but this program really helped me,” he says.\n\n\
         “Walking every day changed my life,” Pardy said. He thanked accountant Tunde Farrow. \
         “We keep each other honest,” he said.");
    let q = quote(&got, "I had a gym membership");
    assert_eq!(q.name.as_deref(), Some("Tunde Farrow"), "{q:?}");
    // A sentence about the speaker ("He thanked …") keeps the pronoun with him.
    let q = quote(&got, "We keep each other honest");
    assert_eq!(q.name.as_deref(), Some("Douglas Pardy"), "{q:?}");
}

#[test]
fn role_with_a_name_inside_takes_the_person_not_the_name() {
    let got = run(
        "“We publish only artists from this region,” said Oliver Grant.\n\n\
         “Nobody starts out selling thousands of copies,” said the founder of Northway Press.",
    );
    let q = quote(&got, "Nobody starts out selling");
    assert_eq!(q.speaker.as_deref(), Some("the founder of Northway Press"));
    assert_eq!(q.name.as_deref(), Some("Oliver Grant"), "{q:?}");
}

#[test]
fn quotations_signed_with_a_dash_and_a_name() {
    let got = run(
        "“They never listened to the people of this town.” ― Carla Moreno\n\
         “We will remember all of it when we vote.” — Tomas Rivera",
    );
    assert_eq!(
        quote(&got, "They never listened").speaker.as_deref(),
        Some("Carla Moreno")
    );
    assert_eq!(
        quote(&got, "We will remember").speaker.as_deref(),
        Some("Tomas Rivera")
    );
}

#[test]
fn inverted_speaker_with_an_affiliation() {
    let got = run(
        "“Few minds were changed by the vote,” wrote Peter Easton for the \
         Morning Ledger.",
    );
    let q = quote(&got, "Few minds were changed by the vote");
    assert_eq!(q.speaker.as_deref(), Some("Peter Easton"), "{q:?}");
}

#[test]
fn reported_clause_inside_a_relative_clause_ends_with_it() {
    let got = run(
        "The shelter was full again on Monday night. Rebecca Thornbury, who said \
         the city had promised forty new beds by the winter, runs the kitchen.",
    );
    let q = quote(&got, "the city had promised forty new beds");
    assert_eq!(q.text, "the city had promised forty new beds by the winter");
    assert_eq!(q.name.as_deref(), Some("Rebecca Thornbury"), "{q:?}");
}

#[test]
fn a_document_owned_by_a_pronoun_follows_that_pronoun() {
    let got = run(
        "“The new rules will protect the river for decades,” said Laura Whitcombe, \
         the regional planner.\n\n\
         Her statement added that the permits for the dam would be reviewed in the spring.",
    );
    let q = quote(&got, "the permits for the dam would be reviewed");
    assert_eq!(q.name.as_deref(), Some("Laura Whitcombe"), "{q:?}");
}

#[test]
fn role_before_anyone_was_quoted_takes_the_person_just_introduced() {
    let got = run(
        "The bakery on Mill Street opened in March. I went to see Helena Vargas, who \
         moved here from Lisbon a decade ago.\n\n\
         “We bake everything before sunrise,” says the soft-spoken owner of Vargas Bakery.",
    );
    let q = quote(&got, "We bake everything before sunrise");
    assert_eq!(q.name.as_deref(), Some("Helena Vargas"), "{q:?}");
}

#[test]
fn possessive_role_with_a_name_in_apposition_names_that_person() {
    let got =
        run("“The printers wanted a thousand copies at least,” says Grant’s partner, Elena Moss.");
    let q = quote(&got, "The printers wanted a thousand copies");
    assert_eq!(q.speaker.as_deref(), Some("Elena Moss"), "{q:?}");
}

#[test]
fn possessive_role_is_not_its_owner() {
    let got = run("“We never missed a single game,” said Oliver Grant.\n\n\
         “He practised every morning in the yard,” said Grant’s mother.");
    let q = quote(&got, "He practised every morning");
    assert_ne!(q.name.as_deref(), Some("Oliver Grant"), "{q:?}");
}

#[test]
fn name_before_a_capitalised_title_in_apposition_is_the_speaker() {
    let got = run("Martin Kowalski, Riverside MP, said the new bridge would open in the autumn.");
    let q = quote(&got, "the new bridge would open");
    assert_eq!(q.speaker.as_deref(), Some("Martin Kowalski"), "{q:?}");
}

#[test]
fn pronoun_after_a_possessive_owner_takes_the_named_role_not_the_owner() {
    let got = run(
        "Senator Mark Holt’s spokesman, Peter Dunne, announced the plan on Monday.\n\n\
         “The committee will vote on it next week,” he said.",
    );
    let q = quote(&got, "The committee will vote on it next week");
    assert_eq!(q.name.as_deref(), Some("Peter Dunne"), "{q:?}");
}

#[test]
fn inverted_speaker_phrase_goes_on_after_and_to_a_name() {
    let got = run("“The mill will close by spring,” said steel and iron worker Dale Rourke.");
    let q = quote(&got, "The mill will close by spring");
    assert_eq!(
        q.speaker.as_deref(),
        Some("steel and iron worker Dale Rourke"),
        "{q:?}"
    );
}

#[test]
fn name_after_an_apposition_and_its_cue_opens_the_reported_clause() {
    let got = run(
        "Sen. Ann Whitlow, a member of the budget committee, said Harlan has a way of \
         bringing both sides together.",
    );
    let q = quote(&got, "Harlan has a way");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.contains("Ann Whitlow")),
        "{q:?}"
    );
}

#[test]
fn relative_speaker_without_comma_takes_the_noun_before_it() {
    let got = run(
        "The party faces a growing list of veteran councillors who say they will not run again.",
    );
    let q = quote(&got, "they will not run again");
    assert!(
        q.name.as_deref().is_some_and(|n| n.contains("councillors")),
        "{q:?}"
    );
}

#[test]
fn a_word_or_two_quoted_inside_a_sentence_is_no_quotation_of_its_own() {
    let got = run(
        "The councillor said the new parking plan was “deeply unfair” to shop owners.\n\n\
         “Never!” said the baker.",
    );
    assert!(
        !got.iter().any(|g| g.text.starts_with("deeply unfair")),
        "{got:#?}"
    );
    let q = quote(&got, "the new parking plan");
    assert_eq!(q.speaker.as_deref(), Some("The councillor"), "{q:?}");
    assert!(got.iter().any(|g| g.text.starts_with("Never")), "{got:#?}");
}

#[test]
fn pronoun_keeps_the_speaker_over_a_person_named_as_an_object() {
    let got = run("Laura Brandt said the depot would close in March.\n\n\
         She thanked Dr. Sasha Morrow for the new plans.\n\n\
         “We will not wait for anyone,” she said.");
    let q = quote(&got, "We will not wait for anyone");
    assert_eq!(q.name.as_deref(), Some("Laura Brandt"), "{q:?}");
}

#[test]
fn pronoun_takes_a_person_introduced_as_a_subject_after_the_speaker() {
    let got = run("Laura Brandt said the depot would close in March.\n\n\
         Carla Osei runs the night shift at the depot.\n\n\
         “We start at dawn and we finish late,” she said.");
    let q = quote(&got, "We start at dawn");
    assert_eq!(q.name.as_deref(), Some("Carla Osei"), "{q:?}");
}

#[test]
fn pronoun_ignores_a_name_in_a_parenthesised_credit() {
    let got = run("Laura Brandt said the depot would close in March.\n\n\
         She spoke after a meeting at the town hall (Photo: Robin Tell/Northfield Ledger).\n\n\
         “We will not wait for anyone,” she said.");
    let q = quote(&got, "We will not wait for anyone");
    assert_eq!(q.name.as_deref(), Some("Laura Brandt"), "{q:?}");
}

#[test]
fn role_takes_the_person_just_introduced_over_the_latest_speaker() {
    let got = run("“We were poor in the first period,” Tomas Lind said.\n\n\
         Marek Holm has scored four goals since the trade last week. \
         The 26-year-old winger said his new linemates keep finding him in front of the net.");
    let q = quote(&got, "his new linemates keep finding him");
    assert_eq!(q.name.as_deref(), Some("Marek Holm"), "{q:?}");
}

#[test]
fn name_before_an_apposition_with_a_participle_adjective() {
    let got = run(
        "“The old bridge will hold for another decade,” Marek Holm, a leading structural \
         engineer, said on Friday.",
    );
    let q = quote(&got, "The old bridge will hold");
    assert_eq!(q.speaker.as_deref(), Some("Marek Holm"), "{q:?}");
}

#[test]
fn quotation_before_a_relative_cue_stays_with_the_main_speaker() {
    let got = run(
        "“Schools will change what they serve at lunch,” said Ilse Brandt, director of the \
         Northfield Food Institute, who writes about food policy on her blog. “This gives \
         parents a document they can use.”",
    );
    let q = quote(&got, "Schools will change what they serve");
    assert_eq!(q.kind, QuoteKind::Direct, "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("Ilse Brandt"), "{q:?}");
}

#[test]
fn a_role_of_one_country_does_not_take_a_person_of_another() {
    let got = run(
        "Spain's foreign minister met Morocco's envoy in Madrid on Monday.\n\n\
         “We have turned a page in our relations with Rabat,” the Spanish minister said.",
    );
    let q = quote(&got, "We have turned a page");
    assert_eq!(q.code.as_deref(), Some("ESPGOV"), "{q:?}");
}

#[test]
fn a_quoted_title_before_the_speaker_is_no_quotation() {
    let got = run(
        "On this weekend's broadcast of \u{201c}Morning Line,\u{201d} Senator Ruth Alvarez \
         said the budget deal would collapse within a week.",
    );
    let q = quote(&got, "the budget deal would collapse within a week");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(
        got.iter().all(|g| !g.text.contains("broadcast")),
        "{got:#?}"
    );
}

#[test]
fn a_name_opening_the_reported_clause_is_not_an_inverted_speaker() {
    // After a long apposition the surface reads "said Mr. Okafor" as an inverted
    // speaker; the parse makes Mr. Okafor the subject of what was said.
    let got = run(
        "Petra Lindgren, a pollster who has advised campaigns in three provinces, said \
         Mr. Okafor and his team had failed to ''reach voters outside the cities.''",
    );
    let q = quote(&got, "Mr. Okafor and his team had failed");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.starts_with("Petra Lindgren")),
        "{got:#?}"
    );
    assert!(
        got.iter()
            .all(|g| g.speaker.as_deref() != Some("Mr. Okafor")),
        "{got:#?}"
    );
}

#[test]
fn a_question_asked_is_reported() {
    let got = run("The council asked whether the mayor had approved the contract in secret.");
    let q = quote(&got, "whether the mayor had approved");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("The council"));
}

#[test]
fn an_adverbial_clause_before_the_cue_is_not_what_was_said() {
    let got = run(
        "After her brother died, she urged the police to investigate. \
         The bridge will reopen in May, she warned.",
    );
    assert!(
        got.iter().all(|g| !g.text.starts_with("After her brother")),
        "{got:#?}"
    );
    let q = quote(&got, "The bridge will reopen in May");
    assert_eq!(q.speaker.as_deref(), Some("she"));
}

#[test]
fn a_relative_speaker_is_the_word_who_resolved_to_the_name_before_it() {
    let got = run("Maria Lopez, who said the levy would fail, left the meeting early.");
    let q = quote(&got, "the levy would fail");
    assert_eq!(q.speaker.as_deref(), Some("who"));
    assert_eq!(q.name.as_deref(), Some("Maria Lopez"));
    // Without a name to resolve to, the phrase before the comma stays the speaker.
    let got = run("The county's chief engineer, who said the bridge was safe, resigned.");
    let q = quote(&got, "the bridge was safe");
    assert_eq!(q.speaker.as_deref(), Some("The county's chief engineer"));
}

#[test]
fn a_participle_reports_for_the_subject_of_the_verb_it_hangs_on() {
    let got = run(
        "Hours later, Ortiz returned the favour to Lindqvist, telling the Herald, \
         “We have been friends for a long time.”",
    );
    let q = quote(&got, "We have been friends");
    assert_eq!(q.speaker.as_deref(), Some("Ortiz"));
}

#[test]
fn a_name_right_after_a_quotation_speaks_whatever_its_apposition_holds() {
    let got = run(
        "“We have had better weeks than this one,” county delegate Rosa Pellegrini, \
         wearing a straw hat and two campaign pins, said.",
    );
    let q = quote(&got, "We have had better weeks");
    assert_eq!(
        q.speaker.as_deref(),
        Some("county delegate Rosa Pellegrini")
    );
    let got = run("“Let me make it perfectly clear,” Senator Ann Whitlock, D-Ore., said.");
    let q = quote(&got, "Let me make it perfectly clear");
    assert_eq!(q.speaker.as_deref(), Some("Senator Ann Whitlock"));
}

#[test]
fn a_negated_report_coordinated_in_the_content_ends_it() {
    let got = run(
        "The governor said that she would sign the budget next week but did not suggest \
         the tax bill would pass.",
    );
    let q = quote(&got, "she would sign the budget");
    assert_eq!(q.text, "she would sign the budget next week", "{got:#?}");
}

#[test]
fn a_person_opening_the_sentence_speaks_past_an_apposition_with_verbs() {
    let got = run(
        "Ohio delegate Marta Kowalczyk, wearing a sweater covered in campaign buttons, \
         said she was proud of the way the challenger ran his campaign.",
    );
    let q = quote(&got, "she was proud of the way");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Ohio delegate Marta Kowalczyk"),
        "{got:#?}"
    );
}

#[test]
fn a_speaker_after_the_content_makes_it_content_whatever_the_parse_hung_on_the_cue() {
    // The parser takes "number" for the subject of "said"; the name after the cue is.
    let got = run(
        "A number of factors impact the price of bread and a family's ability to buy \
         enough food, said Olga Brandt, an economist at the farm bureau.",
    );
    let q = quote(&got, "A number of factors impact the price of bread");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Olga Brandt"));
}

#[test]
fn a_name_after_told_and_before_that_is_the_addressee() {
    let got = run(
        "Anger grew on Monday after Karl Weber, Germany’s ambassador to Brazil, told \
         Portuguese-language media that the sanctions were unfair.",
    );
    let q = quote(&got, "the sanctions were unfair");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(
        got.iter()
            .all(|g| g.speaker.as_deref() != Some("Portuguese-language media")),
        "{got:#?}"
    );
}

#[test]
fn a_complement_the_parse_cuts_short_runs_to_the_clause_end() {
    // The parser hangs "engineered" on "said" as a second verb; the clause runs on.
    let got = run(
        "Farmers and grocers, however, said they believed Ottawa engineered the shortage \
         of flour to raise prices.",
    );
    let q = quote(&got, "they believed Ottawa");
    assert_eq!(
        q.text,
        "they believed Ottawa engineered the shortage of flour to raise prices"
    );
    assert_eq!(q.speaker.as_deref(), Some("Farmers and grocers"));
}

#[test]
fn phrases_joined_by_and_that_open_the_clause_speak_together() {
    let got = run("Local farmers and grocery owners said the drought had doubled their costs.");
    let q = quote(&got, "the drought had doubled their costs");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Local farmers and grocery owners")
    );
    // An object of an earlier verb does not join the speaker.
    let got = run("He met the mayor and aides said the talks went well.");
    let q = quote(&got, "the talks went well");
    assert_eq!(q.speaker.as_deref(), Some("aides"));
}

#[test]
fn a_name_in_a_photo_credit_does_not_speak_for_a_later_pronoun() {
    let got = run(
        "The city will open three heated tents near the harbour. (Karen Holt / City News)\n\n\
         “We need more beds before the cold comes,” she said.",
    );
    let q = quote(&got, "We need more beds");
    assert_eq!(q.speaker.as_deref(), Some("she"));
    assert_ne!(q.name.as_deref(), Some("Karen Holt"), "{got:#?}");
}

#[test]
fn words_without_a_verb_after_an_interrupting_source_are_no_content() {
    let got = run(
        "Northwind earned about $600 million last year, according to public filings, \
         a huge sum for a firm with 35 partners.",
    );
    let q = quote(&got, "Northwind earned about $600 million last year");
    assert_eq!(q.speaker.as_deref(), Some("public filings"));
    assert!(
        got.iter().all(|g| !g.text.contains("a huge sum")),
        "{got:#?}"
    );
    // A clause that goes on after the source is still the content's second part.
    let got = run("The new bridge, according to city officials, will open in the spring.");
    quote(&got, "will open in the spring");
}

#[test]
fn words_in_ing_or_ed_that_modify_a_title_stay_in_the_speaker() {
    let got = run("“The ward is closed until spring,” said acting director Ann Cole.");
    let q = quote(&got, "The ward is closed");
    assert_eq!(q.speaker.as_deref(), Some("acting director Ann Cole"));
    let got = run("Retired nurse Maria Lopez said the ward had been closed for a year.");
    let q = quote(&got, "the ward had been closed");
    assert_eq!(q.speaker.as_deref(), Some("Retired nurse Maria Lopez"));
}

#[test]
fn a_phrase_after_a_preposition_is_no_speaker_however_long_its_modifiers() {
    let got = run(
        "Mayor Ortiz called the report “false” on Thursday and in a carefully worded \
         response said she never saw the contract.",
    );
    let q = quote(&got, "she never saw the contract");
    assert_eq!(q.speaker.as_deref(), Some("Mayor Ortiz"), "{got:#?}");
}

#[test]
fn a_participle_modifying_the_noun_after_it_is_no_cue() {
    let got = run(
        "Ann Lee said the new drinks sell well. Many may contain added sugar, and \
         shoppers should read the labels, she said.",
    );
    assert!(
        got.iter().all(|g| g.speaker.as_deref() != Some("contain")),
        "{got:#?}"
    );
    quote(&got, "Many may contain added sugar");
}

#[test]
fn an_aside_between_dashes_does_not_hide_the_speaker() {
    let got = run(
        "Reached by phone on Tuesday, Okafor — who is listed as a lawyer in Ohio but \
         does not practise — told the Ledger he was not planning an appeal.",
    );
    let q = quote(&got, "he was not planning an appeal");
    assert_eq!(q.speaker.as_deref(), Some("Okafor"), "{got:#?}");
}

#[test]
fn an_opening_participle_that_quotes_is_no_content() {
    let got = run(
        "Citing “obligations at home,” the former governor’s spokeswoman told the Ledger \
         that Lindqvist plans to skip the convention in Denver.",
    );
    quote(&got, "Lindqvist plans to skip the convention");
    assert!(
        got.iter().all(|g| !g.text.starts_with("Citing")),
        "{got:#?}"
    );
}

#[test]
fn a_noun_with_a_relative_clause_after_the_cue_is_an_apposition() {
    let got = run(
        "Nurses would be paid for their overtime in the spring, Okafor said, a policy \
         that could make it easier for clinics to hire them.",
    );
    let q = quote(&got, "Nurses would be paid for their overtime");
    assert_eq!(
        q.text,
        "Nurses would be paid for their overtime in the spring"
    );
    assert!(
        got.iter().all(|g| !g.text.starts_with("could make")),
        "{got:#?}"
    );
    // After a parenthesis closed by a comma, "that" opens the content.
    let got = run("She said, with the benefit of hindsight, that the plan had failed.");
    quote(&got, "the plan had failed");
}

#[test]
fn words_before_an_inverted_speaker_are_content_without_a_verb_the_tagger_knows() {
    let got = run(
        "The rejection of the treaty signals “the beginning of the end” for the union, \
         said Ann Lindqvist, leader of the Freedom Party.",
    );
    let q = quote(&got, "The rejection of the treaty");
    assert_eq!(q.speaker.as_deref(), Some("Ann Lindqvist"), "{got:#?}");
}

#[test]
fn according_to_after_that_reports_the_clause_after_the_source() {
    let got = run(
        "The Ledger reported that, according to an analysis of her calendar, most of \
         her meetings were with donors.",
    );
    let q = quote(&got, "most of her meetings were with donors");
    assert_eq!(q.speaker.as_deref(), Some("an analysis of her calendar"));
    assert!(
        got.iter().all(|g| g.text != "The Ledger reported that"),
        "{got:#?}"
    );
}

#[test]
fn two_lead_phrases_before_an_apposed_speaker_leave_it_the_speaker() {
    let got = run(
        "On Wednesday, however, the director of the county health board, Maria Lindqvist, \
         said that the clinic had reopened.",
    );
    let q = quote(&got, "the clinic had reopened");
    assert_eq!(q.speaker.as_deref(), Some("Maria Lindqvist"), "{got:#?}");
}

#[test]
fn a_role_and_name_in_apposition_after_the_content_speak_for_it() {
    let got = run(
        "The company built the tool to help in times of crisis, a spokeswoman, Anna \
         Lindqvist, said on Saturday, and it has used it five times this year.",
    );
    let q = quote(&got, "The company built the tool");
    assert_eq!(
        q.text,
        "The company built the tool to help in times of crisis"
    );
    assert_eq!(q.speaker.as_deref(), Some("Anna Lindqvist"));
}

#[test]
fn a_body_named_since_as_a_subject_takes_the_role_over_an_older_introduction() {
    let got = run("IBM rose after its results beat estimates. Investors were also pleased with \
         the company's forecasts for next year. Harbor Foods rallied 6 per cent after its profit came out ahead of expectations. \
         The company said its annual sales could be slightly stronger than it had expected.");
    let q = quote(&got, "its annual sales could be");
    assert_eq!(q.speaker.as_deref(), Some("The company"));
    assert_eq!(q.name.as_deref(), Some("Harbor Foods"));
}

#[test]
fn a_quoted_name_a_naming_verb_gives_its_object_is_one_mixed_quote() {
    let got = run("Former Florida Gov. Jeb Bush called the plan “a reckless gamble.”");
    let q = quote(&got, "the plan");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.text, "the plan “a reckless gamble.”");
    assert_eq!(q.name.as_deref(), Some("Jeb Bush"));
}

#[test]
fn a_subject_inside_the_object_of_a_clause_only_cue_makes_no_report() {
    for text in [
        "He added a second goal late in the game after Ann Cole stole the puck.",
        "She wrote her first cookbook in 1991 when she was still living in Toronto.",
    ] {
        let got = run(text);
        assert!(got.is_empty(), "{got:#?}");
    }
}

#[test]
fn a_quotation_completing_a_stance_verbs_object_is_one_mixed_quote_with_it() {
    let got = run("The senator accused the governor of having a “contempt for the law.” \
         In a letter, the mayor described the merger as a “betrayal of the town,” adding that she was upset. \
         Ms. Reyes called the council’s decision “arbitrary.”");
    let q = quote(&got, "the governor");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.text, "the governor of having a “contempt for the law.”");
    let q = quote(&got, "the merger");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert_eq!(q.text, "the merger as a “betrayal of the town,”");
    let q = quote(&got, "the council");
    assert_eq!(q.text, "the council’s decision “arbitrary.”");
    assert_eq!(q.speaker.as_deref(), Some("Ms. Reyes"));
    // The quoted words are no quotation of their own beside it.
    assert!(
        !got.iter()
            .any(|g| g.text.starts_with("contempt") || g.text.starts_with("arbitrary")),
        "{got:#?}"
    );
}

#[test]
fn a_quotation_after_a_verb_opening_a_clause_of_its_own_stays_apart() {
    // "to discuss" opens a clause: the quoted word is not the name given to the object.
    let got =
        run("The governor called the union leaders to discuss the “plan.” He said it was urgent.");
    assert!(
        !got.iter().any(|g| g.text.starts_with("the union leaders")),
        "{got:#?}"
    );
}

#[test]
fn quoted_words_inside_a_stance_verbs_object_stay_a_quotation_of_their_own() {
    let got = run(
        "The envoy praised the “warm and lasting” friendship between the two ports. \
         She also highlighted their “shared concerns” about the fisheries.",
    );
    assert_eq!(quote(&got, "warm and lasting").kind, QuoteKind::Direct);
    assert_eq!(quote(&got, "shared concerns").kind, QuoteKind::Direct);
    // The object the verb of stance reports is indirect speech around them, not a
    // mixed quote that would swallow them.
    assert!(
        got.iter()
            .filter(|g| g.text.starts_with("the ") || g.text.starts_with("their"))
            .all(|g| g.kind == QuoteKind::Indirect),
        "{got:#?}"
    );
    assert_eq!(
        quote(&got, "the “warm and lasting” friendship")
            .speaker
            .as_deref(),
        Some("The envoy")
    );
}

#[test]
fn a_document_speaker_is_not_the_organisation_named_last() {
    let got = run("Workers at the Harbor Foods plant in Dover were not paid for six weeks, the complaint said. \
         The plant has since closed, the company said.");
    let q = quote(&got, "Workers at the Harbor Foods plant");
    assert_eq!(q.speaker.as_deref(), Some("the complaint"));
    assert_eq!(q.name, None, "{got:#?}");
    let q = quote(&got, "The plant has since closed");
    assert_eq!(q.name.as_deref(), Some("Harbor Foods"));
}

#[test]
fn an_inverted_speaker_goes_on_with_a_participle_and_its_agent() {
    let got = run(
        "“The plant will stay open through the winter,” said a statement released by Harbor Foods.",
    );
    let q = quote(&got, "The plant will stay open");
    assert_eq!(
        q.speaker.as_deref(),
        Some("a statement released by Harbor Foods")
    );
    assert_eq!(q.name.as_deref(), Some("Harbor Foods"));
}

#[test]
fn a_report_with_a_pronoun_subject_coordinated_inside_the_content_ends_it() {
    let got = run("The mayor says she has taken pains to stay neutral in the race so she would not be criticized, and she insists the city is ready.");
    let q = quote(&got, "she has taken pains");
    assert_eq!(
        q.text,
        "she has taken pains to stay neutral in the race so she would not be criticized"
    );
}

#[test]
fn a_quotation_beside_the_subject_leaves_the_report_after_the_cue() {
    let got = run(
        "Ms. Okafor, citing “the steady loss of members,” said the union would \
         lose its vote in the council next spring.",
    );
    let q = quote(&got, "the union would lose its vote");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("Ms. Okafor"), "{got:#?}");
}

#[test]
fn the_subject_after_a_subordinator_speaks_not_the_time_before_it() {
    let got = run(
        "The council approved the budget on Monday evening, hours after Okafor \
         said the harbour fund was empty.",
    );
    let q = quote(&got, "the harbour fund was empty");
    assert_eq!(q.speaker.as_deref(), Some("Okafor"), "{got:#?}");
}

#[test]
fn a_role_and_name_in_apposition_after_a_subordinator_speak() {
    let got = run(
        "When the harbour director, Ann Okafor, said on Tuesday that the pier \
         would close, the fishermen protested.",
    );
    let q = quote(&got, "the pier would close");
    assert_eq!(q.speaker.as_deref(), Some("Ann Okafor"), "{got:#?}");
}

#[test]
fn a_noun_the_parse_puts_over_the_cue_does_not_end_the_content() {
    let got = run("In the coup attempt of July 15, the Dutch government declared Okafor was a leader of the plot.");
    let q = quote(&got, "Okafor was a");
    assert_eq!(q.text, "Okafor was a leader of the plot", "{got:#?}");
}

#[test]
fn a_time_phrase_between_the_cue_and_its_clause_is_skipped() {
    let got = run(
        "The harbour board reported on Wednesday the pier had been sold to a developer. \
         Okafor said Thursday night they would appeal the sale.",
    );
    let q = quote(&got, "the pier had been sold");
    assert_eq!(q.text, "the pier had been sold to a developer", "{got:#?}");
    let q = quote(&got, "they would appeal");
    assert_eq!(q.speaker.as_deref(), Some("Okafor"), "{got:#?}");
}

#[test]
fn a_cue_in_an_as_clause_reports_the_main_clause() {
    let got = run(
        "As the Harbour Gazette reported, the ferry company agreed to sell its two oldest boats. \
         But as Ann Lee said on Monday, the harbour will reopen in May. \
         As the mayor spoke, protesters gathered outside the hall.",
    );
    let q = quote(&got, "the ferry company agreed");
    assert_eq!(
        q.text,
        "the ferry company agreed to sell its two oldest boats"
    );
    assert_eq!(
        q.speaker.as_deref(),
        Some("the Harbour Gazette"),
        "{got:#?}"
    );
    let q = quote(&got, "the harbour will reopen");
    assert_eq!(q.speaker.as_deref(), Some("Ann Lee"), "{got:#?}");
    assert!(
        !got.iter().any(|g| g.text.starts_with("protesters")),
        "{got:#?}"
    );
}

#[test]
fn a_content_resumes_after_the_cue_with_a_verb_that_is_a_cue_itself() {
    let got = run("Fishermen, Okafor notes, applaud the mayor's handling of the winter floods.");
    let q = quote(&got, "Fishermen");
    assert!(
        q.text
            .ends_with("applaud the mayor's handling of the winter floods"),
        "{got:#?}"
    );
    assert_eq!(q.speaker.as_deref(), Some("Okafor"));
}

#[test]
fn an_infinitive_of_purpose_reports_for_the_subject() {
    let got = run(
        "Ann Okafor went on local radio to say the harbour would reopen in May. \
         The mayor declined to say whether the ferries would return.",
    );
    let q = quote(&got, "the harbour would reopen");
    assert_eq!(q.speaker.as_deref(), Some("Ann Okafor"), "{got:#?}");
    assert!(!got.iter().any(|g| g.text.contains("ferries")), "{got:#?}");
}

#[test]
fn an_addressee_with_an_infinitive_is_what_was_urged() {
    let got =
        run("The mayor stood with the harbour pilots and urged Parliament to fund the new pier.");
    let q = quote(&got, "Parliament to fund");
    assert_eq!(q.text, "Parliament to fund the new pier", "{got:#?}");
    assert_eq!(q.speaker.as_deref(), Some("The mayor"));
}

#[test]
fn an_as_clause_after_the_main_clause_reports_it() {
    let got = run("The ferry company sold its two oldest boats last winter, as the Harbour Gazette reported on Tuesday. \
         Only a month ago, as Ann Lee wrote, the pier was still open.");
    let q = quote(&got, "The ferry company sold");
    assert_eq!(
        q.text,
        "The ferry company sold its two oldest boats last winter"
    );
    assert_eq!(
        q.speaker.as_deref(),
        Some("the Harbour Gazette"),
        "{got:#?}"
    );
    let q = quote(&got, "the pier was still open");
    assert_eq!(q.speaker.as_deref(), Some("Ann Lee"), "{got:#?}");
}

#[test]
fn an_anonymous_source_takes_no_name_from_around_it() {
    let got = run("Mayor Helen Ortiz opened the new bridge on Monday. \
         “It is a great day for the valley,” Ortiz said. \
         The city will pay for the repairs, according to people familiar with the plan. \
         People close to Ortiz said the budget was tight. \
         The deal was signed late, according to the person who spoke to The Courier on \
         condition of anonymity.");
    for start in [
        "The city will pay",
        "the budget was tight",
        "The deal was signed",
    ] {
        let q = quote(&got, start);
        assert_eq!(q.name, None, "{q:?}");
    }
    let q = quote(&got, "the budget was tight");
    assert_eq!(q.speaker.as_deref(), Some("People close to Ortiz"), "{q:?}");
}

#[test]
fn a_share_of_respondents_is_nobody_named() {
    let got = run("Governor Lena Park spoke in Dover on Monday. \
         In the new survey, 38 percent of voters said the bridge should be rebuilt. \
         The 64-year-old governor said the money was ready.");
    let q = quote(&got, "the bridge should be rebuilt");
    assert_eq!(q.speaker.as_deref(), Some("38 percent of voters"), "{q:?}");
    assert_eq!(q.name, None, "{q:?}");
    // An age is no count: the role still finds its person.
    let q = quote(&got, "the money was ready");
    assert_eq!(q.name.as_deref(), Some("Lena Park"), "{q:?}");
}

#[test]
fn an_inverted_speaker_goes_on_over_an_adjective_after_its_head() {
    let got = run(
        "“The ferry will not run before June,” said one official involved in the \
         planning, who asked not to be named. “We need the money first,” says a source close \
         to the harbour board.",
    );
    let q = quote(&got, "The ferry will not run");
    assert_eq!(
        q.speaker.as_deref(),
        Some("one official involved in the planning"),
        "{q:?}"
    );
    let q = quote(&got, "We need the money first");
    assert_eq!(
        q.speaker.as_deref(),
        Some("a source close to the harbour board"),
        "{q:?}"
    );
}

#[test]
fn a_name_acting_on_a_document_word_did_not_write_it() {
    let got = run(
        "Finance adviser Paul Brenner denied reports of a rift on Tuesday. \
         The reports said the two ministers no longer spoke to each other.\n\n\
         The Harbour Authority said in a statement that the port would stay open. \
         The statement said that ships would be inspected.",
    );
    let q = quote(&got, "the two ministers");
    assert_eq!(q.name, None, "{q:?}");
    let q = quote(&got, "ships would be inspected");
    assert!(
        q.name
            .as_deref()
            .is_some_and(|n| n.contains("Harbour Authority")),
        "{q:?}"
    );
}

#[test]
fn a_determiner_standing_alone_as_subject_reports() {
    let got = run(
        "The council met the farmers on Monday. Many said the new road would \
         flood their fields. Some said they would sue the county.",
    );
    let q = quote(&got, "the new road would flood");
    assert_eq!(q.speaker.as_deref(), Some("Many"), "{q:?}");
    let q = quote(&got, "they would sue the county");
    assert_eq!(q.speaker.as_deref(), Some("Some"), "{q:?}");
}

#[test]
fn a_cue_ending_its_clause_reports_the_words_before_it() {
    let got = run(
        "Though farmers boast of record harvests across the northern plains, there is no \
         link between rainfall and which county wins the prize, local historians say.\n\n\
         When Lindqvist said the harbour would stay closed until spring, the fishermen \
         protested.",
    );
    let q = quote(&got, "Though farmers boast");
    assert!(q.text.ends_with("wins the prize"), "{q:?}");
    assert_eq!(q.speaker.as_deref(), Some("local historians"), "{q:?}");
    // A clause opening with a subordinator and no main clause after it is an adjunct.
    assert!(
        !got.iter().any(|g| g.text.starts_with("When Lindqvist")),
        "{got:#?}"
    );
}

#[test]
fn the_main_clause_after_a_subordinate_report_ends_its_content() {
    let got = run(
        "As Kowalski said the era of cheap fuel was over, Nowak won the vote.\n\n\
         While some neighbours say Mrs. Patel would look happier if she sold the farm, \
         others say she has never been better.",
    );
    let q = quote(&got, "the era of cheap fuel");
    assert_eq!(q.text, "the era of cheap fuel was over", "{q:?}");
    // The content's own subject and verb stay in it.
    let q = quote(&got, "Mrs. Patel would look happier");
    assert_eq!(
        q.text, "Mrs. Patel would look happier if she sold the farm",
        "{q:?}"
    );
}

#[test]
fn words_before_a_closing_speaker_and_cue_are_reported_even_without_a_tagged_verb() {
    // The tagger reads "account" as a noun here.
    let got = run(
        "Out-of-state orders account for about 12 per cent of the bakery’s annual \
         sales, Moreau said.",
    );
    let q = quote(&got, "Out-of-state orders account");
    assert_eq!(q.speaker.as_deref(), Some("Moreau"), "{q:?}");
}

#[test]
fn a_report_inside_another_ends_before_the_outer_speaker() {
    let got = run(
        "Mayor Ortiz said she was advised by the engineers to close the bridge, the \
         Valley Courier reported late Thursday.",
    );
    let q = quote(&got, "she was advised by the engineers");
    assert_eq!(
        q.text, "she was advised by the engineers to close the bridge",
        "{q:?}"
    );
    let q = quote(&got, "Mayor Ortiz said");
    assert!(
        q.speaker
            .as_deref()
            .is_some_and(|s| s.ends_with("Valley Courier")),
        "{q:?}"
    );
}

#[test]
fn a_short_phrase_of_time_or_place_may_stand_before_a_content_without_that() {
    let got = run("Senator Ruiz said after the vote he would not support the budget.");
    let q = quote(&got, "he would not support the budget");
    assert_eq!(q.speaker.as_deref(), Some("Senator Ruiz"), "{q:?}");
}

#[test]
fn an_aside_after_and_stays_in_the_content_and_and_when_ends_it() {
    let got = run(
        "The auditors said the new budget was clearer than the old one and, even more \
         important, would not raise the debt.\n\n\
         The minister said farmers who lease their land would not be paid, and when \
         pressed on why, she declined to answer.",
    );
    let q = quote(&got, "the new budget was clearer");
    assert!(q.text.ends_with("would not raise the debt"), "{q:?}");
    let q = quote(&got, "farmers who lease their land");
    assert_eq!(
        q.text, "farmers who lease their land would not be paid",
        "{q:?}"
    );
}

#[test]
fn a_dateline_the_parser_joins_to_the_subject_is_no_part_of_the_speaker() {
    let got = run(
        "HALIFAX -- Premier Anne Doucet, opening the new ferry terminal on Saturday, \
         said it would carry a million passengers a year.",
    );
    let q = quote(&got, "it would carry a million passengers");
    assert_eq!(q.speaker.as_deref(), Some("Premier Anne Doucet"), "{q:?}");
}

#[test]
fn the_subject_of_the_reported_clause_stays_in_it() {
    // The parser makes "program" the object of "said" and the clause start at "is".
    let got = run("Kowalski said the absentee program is a “critical part of our plan.”");
    let q = quote(&got, "the absentee program is");
    assert_eq!(q.speaker.as_deref(), Some("Kowalski"), "{q:?}");
}

#[test]
fn a_verb_inside_the_quotation_does_not_end_the_content() {
    // "concluded" is coordinated with "reviewed", inside the quoted words.
    let got = run(
        "The harbour board said that its engineers had “carefully reviewed the \
         complaints and concluded that the new pier was safe, sound and well built.”",
    );
    let q = quote(&got, "its engineers had");
    assert!(q.text.contains("the new pier was safe"), "{q:?}");
}

#[test]
fn an_outer_report_after_the_object_is_no_clause_of_a_clause_only_cue() {
    // "add" reports only a clause: "another link" is its object, whatever ", she
    // noted" the parse hangs on it.
    let got = run("Social media has added another link to the rumour chain, she noted.");
    assert!(
        got.iter().all(|g| !g.text.starts_with("another link")),
        "{got:#?}"
    );
    let q = quote(&got, "Social media has added");
    assert_eq!(q.speaker.as_deref(), Some("she"), "{q:?}");
}

#[test]
fn a_demonstrative_a_clause_describes_is_a_speaker() {
    let got = run("By a wide margin, those surveyed said the library should stay open on Sundays.");
    let q = quote(&got, "the library should stay open");
    assert_eq!(q.speaker.as_deref(), Some("those surveyed"), "{q:?}");
    // Alone, the demonstrative names nobody.
    let got = run("Those are the figures that show the library should stay open.");
    assert!(got.is_empty(), "{got:#?}");
}

#[test]
fn a_cue_read_as_a_participle_on_the_subject_still_reports() {
    // The fast parser hangs "said" on "voters" as a reduced relative here.
    let got =
        run("Six in 10 Ohio Democratic primary voters said Clinton is honest and trustworthy.");
    let q = quote(&got, "Clinton is honest");
    assert_eq!(
        q.speaker.as_deref(),
        Some("Six in 10 Ohio Democratic primary voters"),
        "{q:?}"
    );
}

#[test]
fn a_verb_of_stance_reports_its_object_and_the_clause_completing_it() {
    let got = run(
        "The United Nations praised the mayor for acting quickly after the floods.\n\n\
         Rights groups have accused the border police of using excessive force.",
    );
    let q = quote(&got, "the mayor for acting quickly");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("The United Nations"), "{q:?}");
    let q = quote(&got, "the border police of using excessive force");
    assert_eq!(q.speaker.as_deref(), Some("Rights groups"), "{q:?}");
    let got = run(
        "Brazil's foreign ministry urged Venezuela and Guyana on Sunday to refrain from \
         any military action.",
    );
    let q = quote(&got, "Venezuela and Guyana");
    assert!(
        q.text.ends_with("to refrain from any military action"),
        "{q:?}"
    );
    // A name taken is no stance on anything.
    let got = run("The activists, describing themselves as defenders of the river, marched.");
    assert!(
        got.iter().all(|g| !g.text.starts_with("themselves")),
        "{got:#?}"
    );
}

#[test]
fn a_subject_with_a_copula_of_its_own_names_nobody() {
    // The parser makes "crisis" the subject of "rejected".
    let got = run(
        "Norway is in turmoil after members of parliament soundly rejected a fishing deal \
         with the European Union and threw the government’s plans into chaos.",
    );
    assert!(
        got.iter()
            .all(|g| !g.speaker.as_deref().is_some_and(|s| s.contains(" is "))),
        "{got:#?}"
    );
}

#[test]
fn a_leading_phrase_of_time_is_no_speaker_of_a_participle() {
    let got = run(
        "Last week, the city council voted to send a letter to the premier demanding a \
         review of the school tax.",
    );
    let q = quote(&got, "a review of the school tax");
    assert_eq!(q.speaker.as_deref(), Some("the city council"), "{q:?}");
}

#[test]
fn what_a_verb_of_stance_gives_someone_is_no_stance() {
    let got = run("The mayor blamed the province for the delays.\n\n\
         The governor promised voters a new bridge.");
    let q = quote(&got, "the province for the delays");
    assert_eq!(q.speaker.as_deref(), Some("The mayor"), "{q:?}");
    assert!(
        got.iter().all(|g| !g.text.contains("a new bridge")),
        "{got:#?}"
    );
}

#[test]
fn a_clitic_between_speaker_and_cue_is_no_speaker() {
    let got = run(
        "The column ran on Sunday.\n\nIt is a sentence I never thought I’d write: I’m \
         currently involved in a long battle with my daughter over a toy horse.",
    );
    let q = quote(&got, "I’m currently involved");
    assert_eq!(q.speaker.as_deref(), Some("I"), "{q:?}");
}

#[test]
fn a_cue_read_as_a_participle_deeper_in_the_sentence_speaks_for_its_first_noun() {
    // The fast parser makes "official" the root and hangs "told" on "court".
    let got = run(
        "A lawyer with Legal Aid Services of Saskatchewan who was present in court told \
         Global News he didn’t want to speak to this specific case.",
    );
    let q = quote(&got, "he didn’t want to speak");
    assert_eq!(
        q.speaker.as_deref(),
        Some("A lawyer with Legal Aid Services of Saskatchewan"),
        "{q:?}"
    );
}

#[test]
fn a_number_that_is_the_subject_of_a_cue_leaves_it_a_verb() {
    let got = run("The survey asked farmers about the levy.\n\n\
         One in three said the levy had cut their income. Two said nothing had changed. \
         In the survey, 47% said the ferry should run all year.");
    let q = quote(&got, "the levy had cut their income");
    assert_eq!(q.speaker.as_deref(), Some("One in three"), "{q:?}");
    let q = quote(&got, "nothing had changed");
    assert_eq!(q.speaker.as_deref(), Some("Two"), "{q:?}");
    let q = quote(&got, "the ferry should run all year");
    assert_eq!(q.speaker.as_deref(), Some("47%"), "{q:?}");
}

#[test]
fn a_report_inside_a_relative_clause_does_not_end_the_speaker_phrase() {
    let got = run(
        "The Harbour Courier, which had said it would ignore the race, said \
         it would cover the mayor's campaign every week.\n\n\
         Transport: Marsh, whose district includes two ferry towns, said the fares \
         would fall next spring.",
    );
    let q = quote(&got, "it would cover the mayor's campaign");
    assert_eq!(q.speaker.as_deref(), Some("The Harbour Courier"), "{q:?}");
    let q = quote(&got, "the fares would fall");
    assert_eq!(q.speaker.as_deref(), Some("Marsh"), "{q:?}");
}

#[test]
fn a_stance_on_a_short_object_is_reported() {
    let got = run("The council met on Tuesday.\n\nThe teachers' union endorsed Okafor.");
    let q = quote(&got, "Okafor");
    assert_eq!(q.speaker.as_deref(), Some("The teachers' union"), "{q:?}");
}

#[test]
fn wishes_and_refusals_are_reported_only_when_the_settings_ask() {
    let text = "The ferry strike went on.\n\nThe union wants to reopen talks with the city. \
                The ministry declined to comment on the strike.";
    let contents = |intentions: bool| {
        let mut doc = Document::new("test", text.to_string());
        demarche_text::analyse(&mut doc);
        demarche_syntax::annotate_document(
            &mut doc,
            demarche_syntax::Model::embedded_fast(),
            |_| true,
        );
        let settings = include_str!("../../../data/quotes/config.toml").replace(
            "intentions = false",
            if intentions {
                "intentions = true"
            } else {
                "intentions = false"
            },
        );
        let cfg = demarche_quotes::QuoteConfig::from_sources(
            include_str!("../../../data/quotes/cues.tsv"),
            include_str!("../../../data/quotes/nouns.tsv"),
            &settings,
        )
        .unwrap();
        demarche_quotes::annotate_with(&mut doc, &cfg, &|_: &Document, _| None);
        doc.quotes
            .iter()
            .map(|q| {
                (
                    doc.slice(q.span).to_string(),
                    doc.slice(q.speaker.as_ref().unwrap().span).to_string(),
                )
            })
            .collect::<Vec<_>>()
    };
    assert!(contents(false).is_empty(), "{:?}", contents(false));
    let got = contents(true);
    assert!(
        got.contains(&("to reopen talks with the city".into(), "The union".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&("to comment on the strike".into(), "The ministry".into())),
        "{got:?}"
    );
}

#[test]
fn a_question_put_is_reported_for_its_asker_or_for_nobody_named() {
    let got = run("The ferry council met on Monday.\n\n\
         Asked by a reporter whether the pier would reopen, Marsh said the work was late. \
         Asked about the cost of the repairs, she laughed.");
    let q = quote(&got, "whether the pier would reopen");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("a reporter"), "{q:?}");
    // Marsh was asked: she is no speaker of the question.
    let q = quote(&got, "about the cost of the repairs");
    assert_eq!(q.speaker, None, "{q:?}");
    let q = quote(&got, "the work was late");
    assert_eq!(q.speaker.as_deref(), Some("Marsh"), "{q:?}");
}

#[test]
fn a_third_person_cue_after_a_common_noun_subject_is_a_verb_where_the_parse_says_so() {
    let got = run("The ferry company calls this a bad plan.\n\n\
         The council notes that the pier has been closed since May.\n\n\
         Voters in the battleground states that matter most are undecided.");
    let q = quote(&got, "this a bad plan");
    assert_eq!(q.speaker.as_deref(), Some("The ferry company"), "{q:?}");
    let q = quote(&got, "the pier has been closed");
    assert_eq!(q.speaker.as_deref(), Some("The council"), "{q:?}");
    assert_eq!(got.len(), 2, "a plural noun is no cue: {got:#?}");
}

#[test]
fn a_cue_coordinated_after_a_quotation_reports_what_follows_it() {
    let got = run(
        "\u{201c}The pier will reopen,\u{201d} the mayor said, and added that the \
         ferry would run again by March.",
    );
    let q = quote(&got, "the ferry would run again by March");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("the mayor"), "{q:?}");
    assert_eq!(got.len(), 2, "{got:#?}");
}

#[test]
fn a_relative_clause_in_an_apposition_may_hold_a_report_or_a_quotation() {
    let got = run(
        "Okafor, who calls the ferry plan a \u{201c}costly blunder,\u{201d} said the council \
         should vote again.\n\n\
         Lena Marsh, a former harbour manager who argued with the mayor at the spring \
         meeting, said the pier would need new pilings.",
    );
    let q = quote(&got, "the council should vote again");
    assert_eq!(q.speaker.as_deref(), Some("Okafor"), "{q:?}");
    let q = quote(&got, "the pier would need new pilings");
    assert_eq!(q.speaker.as_deref(), Some("Lena Marsh"), "{q:?}");
}

#[test]
fn as_reported_by_an_agent_attributes_the_main_clause_to_it() {
    let got = run(
        "As reported by the Harbour Courier, the ferry will stop running in March.\n\n\
         The council will vote on the pier next week, as first reported by the Ledger.\n\n\
         \u{201c}We will rebuild it,\u{201d} Marsh said at the meeting, as reported by the Ledger.",
    );
    let q = quote(&got, "the ferry will stop running in March");
    assert_eq!(q.speaker.as_deref(), Some("the Harbour Courier"), "{q:?}");
    let q = quote(&got, "The council will vote on the pier next week");
    assert_eq!(q.speaker.as_deref(), Some("the Ledger"), "{q:?}");
    let q = quote(&got, "We will rebuild it");
    assert_eq!(q.speaker.as_deref(), Some("Marsh"), "{q:?}");
}

#[test]
fn an_infinitive_after_a_verb_of_going_on_reports_but_one_declined_does_not() {
    let got = run(
        "Marsh continued to insist that the pier would reopen in March.\n\n\
         \u{201c}We will not go back,\u{201d} Okafor said, going on to say that the ferry \
         would run all winter.\n\n\
         Lee declined to say whether the council would vote.",
    );
    let q = quote(&got, "the pier would reopen in March");
    assert_eq!(q.speaker.as_deref(), Some("Marsh"), "{q:?}");
    let q = quote(&got, "the ferry would run all winter");
    assert_eq!(q.speaker.as_deref(), Some("Okafor"), "{q:?}");
    assert!(
        !got.iter()
            .any(|g| g.text.contains("the council would vote")),
        "{got:#?}"
    );
}

#[test]
fn a_question_put_may_follow_a_short_adjunct_or_a_passive() {
    let got = run(
        "Asked in Lyon recently whether he would back Marsh, Okafor gave a long answer.\n\n\
         When she was first asked if the pier would reopen, Lee laughed.\n\n\
         Marsh was asked whether the ferry would run all winter.",
    );
    for start in [
        "whether he would back Marsh",
        "if the pier would reopen",
        "whether the ferry would run all winter",
    ] {
        let q = quote(&got, start);
        assert_eq!(q.text, start, "{q:?}");
        assert_eq!(q.speaker, None, "the text names no asker: {q:?}");
    }
}
