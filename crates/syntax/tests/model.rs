//! Behaviour of the shipped model on sentences written for these tests, and
//! its scores on UD English EWT dev when ../shared is present.

use std::path::PathBuf;

use demarche_model::{Document, Sentence, Span, Token, TokenKind, Upos};
use demarche_syntax::{annotate_document, conllu, evaluate, Model};

fn words(s: &str) -> Vec<&str> {
    s.split(' ').collect()
}

/// Both built-in models: the accurate one and the fast one the pipeline runs.
fn both_models() -> [(&'static str, &'static Model); 2] {
    [
        ("accurate", Model::embedded()),
        ("fast", Model::embedded_fast()),
    ]
}

#[test]
fn embedded_models_tag_and_parse_a_news_sentence() {
    for (name, model) in both_models() {
        eprintln!("{name} model");
        tags_and_parses_a_news_sentence(model);
    }
}

/// Adjectives the training treebank barely shows ("sincere" never, "polite"
/// twice, once tagged as a noun): the models before the dictionary tagged
/// both as nouns here.
#[test]
fn rare_adjectives_are_tagged_from_the_dictionary() {
    let w = words("Her apology seemed sincere and polite .");
    for (name, model) in both_models() {
        let tags = model.tag(&w);
        assert_eq!(tags[3], Upos::Adj, "{name}: sincere");
        assert_eq!(tags[5], Upos::Adj, "{name}: polite");
    }
}

fn tags_and_parses_a_news_sentence(model: &Model) {
    let w = words(
        "The foreign minister said on Tuesday that the talks in Geneva would resume next week .",
    );
    let syn = model.annotate(&w);
    assert_eq!(syn.len(), w.len());
    let tag = |i: usize| syn.upos[i];
    assert_eq!(tag(0), Upos::Det);
    assert_eq!(tag(2), Upos::Noun);
    assert_eq!(tag(3), Upos::Verb);
    assert_eq!(tag(10), Upos::Propn);
    assert_eq!(tag(15), Upos::Punct);
    // one root, and it is "said"
    let roots: Vec<usize> = (0..w.len()).filter(|i| syn.head[*i] == 0).collect();
    assert_eq!(roots, vec![3]);
    // "minister" is the subject of "said"
    assert_eq!(syn.head_of(2), Some(3));
    assert_eq!(syn.deprel[2].name(), "nsubj");
    // "resume" heads a clausal complement of "said", with "talks" as its subject
    assert_eq!(syn.head_of(12), Some(3));
    assert_eq!(syn.deprel[12].name(), "ccomp");
    assert_eq!(syn.head_of(8), Some(12));
}

#[test]
fn every_parse_is_one_tree() {
    for (name, model) in both_models() {
        for s in [
            "Rebels shelled the city overnight , officials said .",
            "Talks ?",
            ", , , and and and",
            "Sanctions on oil imports , which the bloc agreed in March , take effect on Friday",
        ] {
            let w = words(s);
            let syn = model.annotate(&w);
            assert_eq!(
                syn.head.iter().filter(|h| **h == 0).count(),
                1,
                "{name}: {s}"
            );
            for i in 0..w.len() {
                // following heads from any word reaches the root without a cycle
                let mut at = i;
                let mut steps = 0;
                while let Some(h) = syn.head_of(at) {
                    at = h;
                    steps += 1;
                    assert!(steps <= w.len(), "{name}: cycle in {s}");
                }
            }
        }
        assert!(model.annotate(&[]).is_empty());
    }
}

#[test]
fn long_input_is_parsed_in_pieces_into_one_tree() {
    let model = Model::embedded();
    let text =
        "The army said it withdrew troops from the border and the ministry denied it . ".repeat(60);
    let w: Vec<&str> = text.split_whitespace().collect();
    let syn = model.annotate(&w);
    assert_eq!(syn.len(), w.len());
    assert_eq!(syn.head.iter().filter(|h| **h == 0).count(), 1);
    assert!(syn.head.iter().all(|h| (*h as usize) <= w.len()));
}

#[test]
fn save_and_load_give_the_same_model() {
    let model = Model::embedded();
    let path =
        std::env::temp_dir().join(format!("demarche-syntax-test-{}.bin", std::process::id()));
    model.save(&path).unwrap();
    let back = Model::load(&path).unwrap();
    std::fs::remove_file(&path).ok();
    let w = words("Moscow rejected the proposal , calling it a provocation .");
    assert_eq!(model.analyse(&w), back.analyse(&w));
    assert!(Model::from_bytes(b"DMSYNTX2\x01").is_err());
    assert!(Model::from_bytes(&model.to_bytes()[..1000]).is_err());
}

/// Two sentences, tokenised by hand.
fn two_sentence_doc() -> Document {
    let text = "Peace talks stalled. Both sides blamed each other.".to_string();
    let mut doc = Document::new("test", text.clone());
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        let boundary = c == ' ' || c == '.';
        match (start, boundary) {
            (None, false) => start = Some(i),
            (Some(s), true) => {
                doc.tokens.push(Token {
                    span: Span::new(s, i),
                    kind: TokenKind::Word,
                });
                start = None;
            }
            _ => {}
        }
        if c == '.' {
            doc.tokens.push(Token {
                span: Span::new(i, i + 1),
                kind: TokenKind::Punct,
            });
        }
    }
    assert_eq!(doc.tokens.len(), 10);
    doc.sentences = vec![
        Sentence {
            span: Span::new(0, 20),
            tokens: 0..4,
            heading: false,
        },
        Sentence {
            span: Span::new(21, text.len()),
            tokens: 4..10,
            heading: false,
        },
    ];
    doc
}

#[test]
fn annotate_document_fills_selected_sentences_only() {
    let mut doc = two_sentence_doc();
    annotate_document(&mut doc, Model::embedded(), |s| s == 1);
    assert_eq!(doc.syntax.len(), 2);
    assert!(doc.syntax[0].is_empty());
    assert_eq!(doc.syntax[1].len(), 6);
    assert_eq!(doc.syntax[1].upos[2], Upos::Verb); // "blamed"
    assert_eq!(doc.syntax[1].head[2], 0);
}

#[test]
fn tagging_alone_gives_the_tags_of_the_parse() {
    let mut full = two_sentence_doc();
    annotate_document(&mut full, Model::embedded(), |_| true);
    let w = words("Peace talks stalled .");
    let tags = Model::embedded().tag(&w);
    assert_eq!(tags.len(), 4);
    assert_eq!(tags[2], Upos::Verb); // "stalled"
    assert_eq!(full.syntax[0].upos, tags);
    assert!(full.syntax[0].is_parsed());
}

#[test]
fn conllu_round_trip_keeps_words_and_reports_bad_lines() {
    let input = "# sent_id = a\n1\tTroops\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tcan't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tca\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n4\tleave\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let mut out = Vec::new();
    let n = conllu::annotate_stream(
        Model::embedded(),
        conllu::Reader::new(input.as_bytes(), "x"),
        &mut out,
    )
    .unwrap();
    assert_eq!(n, 1);
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "# sent_id = a");
    assert!(lines[2].starts_with("2-3\tcan't"));
    let cols: Vec<&str> = lines[5].split('\t').collect();
    assert_eq!(cols[1], "leave");
    assert_eq!(cols[3], "VERB");
    assert_eq!(cols[6], "0");
    let bad = "1\tTroops\t_\t_\n";
    let err = conllu::annotate_stream(
        Model::embedded(),
        conllu::Reader::new(bad.as_bytes(), "bad.conllu"),
        &mut Vec::new(),
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("bad.conllu:1:"), "{err}");
}

/// Regression guard on real data (the first 600 dev sentences).
#[test]
fn scores_on_ewt_dev() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/gold/syntax/en_ewt-ud-dev.conllu");
    if !path.exists() {
        eprintln!("skipping: {} is absent", path.display());
        return;
    }
    let gold: Vec<_> = conllu::open(&path)
        .unwrap()
        .take(600)
        .collect::<Result<_, _>>()
        .unwrap();
    // (model, UPOS, UAS, LAS) floors, a little under what each scores.
    for (name, model, upos, uas, las) in [
        ("accurate", Model::embedded(), 0.93, 0.82, 0.78),
        ("fast", Model::embedded_fast(), 0.93, 0.80, 0.76),
    ] {
        let s = evaluate(model, &gold);
        eprintln!(
            "{name} model, first 600 dev sentences: UPOS {:.4} UAS {:.4} LAS {:.4}",
            s.upos, s.uas, s.las
        );
        assert!(s.upos > upos, "{name}: UPOS {}", s.upos);
        assert!(s.uas > uas, "{name}: UAS {}", s.uas);
        assert!(s.las > las, "{name}: LAS {}", s.las);
    }
}
