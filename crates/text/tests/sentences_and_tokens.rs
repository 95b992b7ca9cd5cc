//! The tricky cases of news text: each row is an input and the sentences (or
//! tokens) it must give. Sentences are written as their exact text.

use demarche_model::{Document, TokenKind};

fn analyse(text: &str) -> Document {
    let mut doc = Document::new("test", text.to_string());
    demarche_text::analyse(&mut doc);
    doc
}

fn sentences(text: &str) -> Vec<String> {
    let doc = analyse(text);
    doc.sentences
        .iter()
        .map(|s| doc.slice(s.span).to_string())
        .collect()
}

fn tokens(text: &str) -> Vec<String> {
    let doc = analyse(text);
    doc.tokens
        .iter()
        .map(|t| doc.slice(t.span).to_string())
        .collect()
}

#[test]
fn sentence_table() {
    let cases: &[(&str, &[&str])] = &[
        // 1-5: abbreviations and initials
        (
            "The U.S. envoy arrived. He spoke briefly.",
            &["The U.S. envoy arrived.", "He spoke briefly."],
        ),
        (
            "Officials met at the U.N. on Monday.",
            &["Officials met at the U.N. on Monday."],
        ),
        (
            "Troops left the U.S. The base closed a day later.",
            &["Troops left the U.S.", "The base closed a day later."],
        ),
        (
            "Mr. Smith and Mrs. Jones met Dr. Patel.",
            &["Mr. Smith and Mrs. Jones met Dr. Patel."],
        ),
        (
            "Gen. Mark Ellis said the drill ended.",
            &["Gen. Mark Ellis said the drill ended."],
        ),
        // 6-10
        (
            "Sen. Ruiz visited St. Petersburg last week.",
            &["Sen. Ruiz visited St. Petersburg last week."],
        ),
        (
            "Vice President J. D. Vance spoke on Jan. 5 in Ohio.",
            &["Vice President J. D. Vance spoke on Jan. 5 in Ohio."],
        ),
        (
            "The talks began at 3 p.m. and ended late.",
            &["The talks began at 3 p.m. and ended late."],
        ),
        (
            "They met in Washington, D.C. on Friday.",
            &["They met in Washington, D.C. on Friday."],
        ),
        (
            "Acme Inc. reported a loss. Shares fell.",
            &["Acme Inc. reported a loss.", "Shares fell."],
        ),
        // 11-15: quotes across sentences
        (
            "“We were not told. This is wrong,” she said.",
            &["“We were not told.", "This is wrong,” she said."],
        ),
        (
            "He said: “It is over.” Then he left.",
            &["He said: “It is over.”", "Then he left."],
        ),
        (
            "«Nous refusons.» The minister left.",
            &["«Nous refusons.»", "The minister left."],
        ),
        (
            "\"We will respond.\" The statement was brief.",
            &["\"We will respond.\"", "The statement was brief."],
        ),
        ("“Why now?” he asked.", &["“Why now?” he asked."]),
        // 16-20: the colon at the end of a line, headlines, section titles
        (
            "The minister added, saying:\n“We stand ready.”",
            &["The minister added, saying:", "“We stand ready.”"],
        ),
        (
            "Talks Stall in Vienna\nDiplomats left the hall.",
            &["Talks Stall in Vienna", "Diplomats left the hall."],
        ),
        (
            "Leader: “No Deal Without Guarantees”\nThe talks resume today.",
            &[
                "Leader: “No Deal Without Guarantees”",
                "The talks resume today.",
            ],
        ),
        (
            "Background\nThe dispute began in 2003.",
            &["Background", "The dispute began in 2003."],
        ),
        (
            "What Comes Next?\nNobody knows.",
            &["What Comes Next?", "Nobody knows."],
        ),
        // 21-25: ellipses, dashes, numbers
        (
            "It was a partner… but it hesitated.",
            &["It was a partner… but it hesitated."],
        ),
        (
            "We waited... Nothing happened.",
            &["We waited...", "Nothing happened."],
        ),
        (
            "The cost was 1,000.5 dollars. It rose.",
            &["The cost was 1,000.5 dollars.", "It rose."],
        ),
        (
            "The war — which began in 2003 — ended.",
            &["The war — which began in 2003 — ended."],
        ),
        (
            "Prices rose 3.5 percent in 2024. Wages did not.",
            &["Prices rose 3.5 percent in 2024.", "Wages did not."],
        ),
        // 26-30
        (
            "Is it over? Nobody said so!",
            &["Is it over?", "Nobody said so!"],
        ),
        (
            "He left (for good). She stayed.",
            &["He left (for good).", "She stayed."],
        ),
        (
            "The vote was 12-3. It passed.",
            &["The vote was 12-3.", "It passed."],
        ),
        (
            "See www.example.org. It explains more.",
            &["See www.example.org.", "It explains more."],
        ),
        (
            "No. 10 Downing Street replied.",
            &["No. 10 Downing Street replied."],
        ),
        // 31-35
        (
            "It ended in 2003. 2004 was calmer.",
            &["It ended in 2003.", "2004 was calmer."],
        ),
        (
            "The envoy said “no.” The talks ended.",
            &["The envoy said “no.”", "The talks ended."],
        ),
        (
            "They left at 5 a.m. The shelling resumed.",
            &["They left at 5 a.m.", "The shelling resumed."],
        ),
        (
            "A.B. Jones, the envoy, agreed.",
            &["A.B. Jones, the envoy, agreed."],
        ),
        (
            "Lt. Col. Reyes and Capt. Moreau arrived.",
            &["Lt. Col. Reyes and Capt. Moreau arrived."],
        ),
        // 36-40
        (
            "He quoted Art. 51 of the Charter.",
            &["He quoted Art. 51 of the Charter."],
        ),
        (
            "First line\n\nSecond line.",
            &["First line", "Second line."],
        ),
        (
            "They said ‘never.’ Then silence.",
            &["They said ‘never.’", "Then silence."],
        ),
        (
            "Ministers met (in Oslo.) Others stayed home.",
            &["Ministers met (in Oslo.)", "Others stayed home."],
        ),
        (
            "Moscow – The Kremlin said talks remain possible.",
            &["Moscow – The Kremlin said talks remain possible."],
        ),
        // 41-45
        (
            "The U.N. Security Council met. Russia objected.",
            &["The U.N. Security Council met.", "Russia objected."],
        ),
        (
            "Tehran’s reply came late. Iran’s envoy left.",
            &["Tehran’s reply came late.", "Iran’s envoy left."],
        ),
        (
            "It happened on Sept. 11, 2001, in New York.",
            &["It happened on Sept. 11, 2001, in New York."],
        ),
        (
            "The report (p. 4) was leaked.",
            &["The report (p. 4) was leaked."],
        ),
        (
            "“Enough!” shouted the crowd. Police withdrew.",
            &["“Enough!” shouted the crowd.", "Police withdrew."],
        ),
        // A name spelt with "!"
        (
            "She told Yahoo! News the bill would pass. We won! The count ended.",
            &[
                "She told Yahoo! News the bill would pass.",
                "We won!",
                "The count ended.",
            ],
        ),
    ];
    let mut failures = Vec::new();
    for (i, (text, want)) in cases.iter().enumerate() {
        let got = sentences(text);
        let want: Vec<String> = want.iter().map(|s| s.to_string()).collect();
        if got != want {
            failures.push(format!(
                "case {}: {text:?}\n   want {want:?}\n    got {got:?}",
                i + 1
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} sentence cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn token_table() {
    let cases: &[(&str, &[&str])] = &[
        ("Iran’s envoy", &["Iran", "’s", "envoy"]),
        ("Russia's support", &["Russia", "'s", "support"]),
        ("I don’t know", &["I", "do", "n’t", "know"]),
        ("they can't", &["they", "ca", "n't"]),
        ("the U.S. and U.K.", &["the", "U.S.", "and", "U.K."]),
        (
            "Sen. Ann Lee (D-N.Y.) and Rep. Bo Cole (R-S.C.)",
            &[
                "Sen.", "Ann", "Lee", "(", "D-N.Y.", ")", "and", "Rep.", "Bo", "Cole", "(",
                "R-S.C.", ")",
            ],
        ),
        ("U.S.-Mexico trade", &["U.S.", "-", "Mexico", "trade"]),
        ("O'Brien said", &["O'Brien", "said"]),
        ("1,000.5 and 2003,", &["1,000.5", "and", "2003", ","]),
        ("Iran-backed groups", &["Iran-backed", "groups"]),
        ("at 3:30 p.m.", &["at", "3:30", "p.m."]),
        (
            "“Yes,” he said.",
            &["“", "Yes", ",", "”", "he", "said", "."],
        ),
        ("«Non»", &["«", "Non", "»"]),
        ("wait… now", &["wait", "…", "now"]),
        ("wait... now", &["wait", "...", "now"]),
        ("war — peace", &["war", "—", "peace"]),
        ("10% of $5", &["10", "%", "of", "$", "5"]),
        ("AT&T and al-Assad", &["AT&T", "and", "al-Assad"]),
        (
            "see https://example.org/a?b=1.",
            &["see", "https://example.org/a?b=1", "."],
        ),
        ("Café", &["Café"]),
        // Web addresses without "www." stay whole; a stop before a new word still splits.
        (
            "per Factcheck.org, bbc.co.uk and Politico.com.",
            &[
                "per",
                "Factcheck.org",
                ",",
                "bbc.co.uk",
                "and",
                "Politico.com",
                ".",
            ],
        ),
        ("ended.Then", &["ended", ".", "Then"]),
        ("J. D. Vance", &["J.", "D.", "Vance"]),
        ("they’re here", &["they", "’re", "here"]),
        // A double mark written as two apostrophes or backticks is one token.
        (
            "''No,'' he said of ``it''.",
            &[
                "''", "No", ",", "''", "he", "said", "of", "``", "it", "''", ".",
            ],
        ),
        ("the boys' '90s", &["the", "boys", "'", "'", "90s"]),
    ];
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got = tokens(text);
        if got != *want {
            failures.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "token cases failed:\n{}",
        failures.join("\n")
    );
}

#[test]
fn token_kinds_and_exact_offsets() {
    let text = "«We refuse,» said the 2 envoys’ chief — 1,200 km away.";
    let doc = analyse(text);
    for t in &doc.tokens {
        let s = doc.slice(t.span);
        assert!(
            !s.is_empty() && s.trim() == s,
            "token {s:?} has spaces or is empty"
        );
    }
    let kind_of = |w: &str| {
        doc.tokens
            .iter()
            .find(|t| doc.slice(t.span) == w)
            .map(|t| t.kind)
    };
    assert_eq!(kind_of("«"), Some(TokenKind::Quote));
    assert_eq!(kind_of("1,200"), Some(TokenKind::Number));
    assert_eq!(kind_of("—"), Some(TokenKind::Punct));
    assert_eq!(kind_of("chief"), Some(TokenKind::Word));
    // Every sentence span starts and ends on token edges.
    for s in &doc.sentences {
        let r = s.token_range();
        assert_eq!(s.span.start, doc.tokens[r.start].span.start);
        assert_eq!(s.span.end, doc.tokens[r.end - 1].span.end);
    }
}

#[test]
fn headings_are_flagged() {
    let doc = analyse("Talks Stall in Vienna\nThe envoy left, saying:\n“We are done.”");
    let flags: Vec<bool> = doc.sentences.iter().map(|s| s.heading).collect();
    assert_eq!(flags, vec![true, false, false]);
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A cheap deterministic sweep over awkward characters and their combinations.
    let alphabet = [
        "a", "Z", ".", "’", "'", "“", "”", "\n", " ", "1", ",", "…", "-", "é", "\u{301}", "U.S.",
        "Mr.", "n't", "«", "?",
    ];
    let mut seed = 0x2545F4914F6CDD1Du64;
    for _ in 0..3000 {
        let mut s = String::new();
        for _ in 0..(seed % 24) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            s.push_str(alphabet[(seed % alphabet.len() as u64) as usize]);
        }
        let doc = analyse(&s);
        let covered: usize = doc.sentences.iter().map(|x| x.tokens.len()).sum();
        assert_eq!(
            covered,
            doc.tokens.len(),
            "sentences must partition tokens for {s:?}"
        );
    }
}
