//! Training end to end on a slice of UD English EWT (when ../shared is
//! present): several runs per model, averaged, saved, loaded back.

use std::path::{Path, PathBuf};

use demarche_syntax::{conllu, evaluate, train, Model, TrainOptions};

fn shared(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/gold/syntax")
        .join(name)
}

/// The first `n` sentences of a CoNLL-U file, copied to `out`.
fn head_of(path: &Path, n: usize, out: &Path) {
    let text = std::fs::read_to_string(path).unwrap();
    let kept: Vec<&str> = text.split("\n\n").take(n).collect();
    std::fs::write(out, kept.join("\n\n") + "\n\n").unwrap();
}

#[test]
fn averaged_runs_train_a_working_model() {
    let (train_src, dev_src) = (
        shared("en_ewt-ud-train.conllu"),
        shared("en_ewt-ud-dev.conllu"),
    );
    if !train_src.exists() || !dev_src.exists() {
        eprintln!("skipping: {} is absent", train_src.display());
        return;
    }
    let dir = std::env::temp_dir().join(format!("demarche-train-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (train_file, dev_file, out) = (
        dir.join("train.conllu"),
        dir.join("dev.conllu"),
        dir.join("m.bin"),
    );
    head_of(&train_src, 500, &train_file);
    head_of(&dev_src, 150, &dev_file);

    let mut opts = TrainOptions::new(train_file, dev_file.clone(), out.clone());
    opts.tagger_epochs = 3;
    opts.parser_epochs = 3;
    opts.folds = 2;
    opts.tagger_runs = 2;
    opts.parser_runs = 2;
    opts.prune = 0;
    let mut lines = Vec::new();
    let report = train(&opts, &mut |line| lines.push(line.to_string())).unwrap();

    for wanted in [
        "mean of 2 first passes",
        "mean of 2 second passes",
        "mean of 2 parsers",
    ] {
        assert!(
            lines.iter().any(|l| l.starts_with(wanted)),
            "no {wanted:?} in {lines:#?}"
        );
    }
    // 500 sentences are enough for a rough tagger and parser.
    assert!(report.dev.upos > 0.80, "UPOS {}", report.dev.upos);
    assert!(report.dev.uas > 0.55, "UAS {}", report.dev.uas);
    // What was saved is what was measured.
    let gold = conllu::read_all(&dev_file).unwrap();
    let again = evaluate(&Model::load(&out).unwrap(), &gold);
    assert_eq!(
        (again.upos, again.uas, again.las),
        (report.dev.upos, report.dev.uas, report.dev.las)
    );
    std::fs::remove_dir_all(&dir).ok();
}
