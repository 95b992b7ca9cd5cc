//! The targets on the five seed articles (../shared/seeds), run
//! through the real pipeline. Skipped when ../shared is absent.

use std::path::PathBuf;

use demarche_store::{EventFilter, ExportFormat, QuoteFilter, SearchQuery, Store};

fn seeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: {} is absent", dir.display());
        None
    }
}

fn ingest(store: &mut Store, dir: &std::path::Path) {
    let mut records = Vec::new();
    let opts = demarche_pipeline::Options::default();
    demarche_pipeline::run(&[dir.display().to_string()], &opts, |item| {
        records.push(item?);
        Ok(())
    })
    .expect("pipeline runs");
    assert_eq!(records.len(), 5, "five seeds");
    store.insert_batch(&records).expect("stored");
}

#[test]
fn seed_targets() {
    let Some(dir) = seeds_dir() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path().join("seeds.db")).unwrap();
    ingest(&mut store, &dir);
    let first = store.stats().unwrap();
    ingest(&mut store, &dir);
    assert_eq!(
        store.stats().unwrap(),
        first,
        "ingesting twice leaves the same counts"
    );
    assert_eq!(first.documents, 5);

    let peskov = store
        .quotes(&QuoteFilter {
            speaker: Some("Peskov".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(!peskov.is_empty(), "quotes --speaker Peskov");
    assert!(peskov.iter().all(
        |q| q.speaker.as_deref().unwrap_or_default().contains("Peskov")
            || q.speaker_text
                .as_deref()
                .unwrap_or_default()
                .contains("Peskov")
    ));

    let rus_usa = store
        .events(&EventFilter {
            source: Some("RUS".into()),
            target: Some("USA".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(!rus_usa.is_empty(), "events --source RUS --target USA");

    let hits = store
        .search(&SearchQuery {
            q: "unprovoked aggression".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(
        hits.iter().any(|h| h.origin.contains("002_")),
        "search finds seed 002: {hits:?}"
    );

    let mut gdelt = Vec::new();
    let rows = store.export(ExportFormat::Gdelt, &mut gdelt).unwrap();
    assert!(rows > 0);
    let text = String::from_utf8(gdelt).unwrap();
    assert!(
        text.lines().all(|l| l.split('\t').count() == 61),
        "61 GDELT columns on every row"
    );

    #[cfg(feature = "parquet")]
    {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let path = tmp.path().join("seeds.parquet");
        let n = store
            .export(ExportFormat::Parquet, std::fs::File::create(&path).unwrap())
            .unwrap();
        let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
        assert_eq!(reader.metadata().file_metadata().num_rows() as u64, n);
    }
}
