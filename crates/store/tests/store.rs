mod common;

use common::*;
use demarche_store::{
    ActorFilter, EventFilter, ExportFormat, InsertOutcome, Period, QuoteFilter, SearchQuery, Store,
    TimelineQuery,
};

fn filled_store() -> (tempfile::TempDir, Store) {
    let (dir, path) = temp_db("filled");
    let mut store = Store::open(&path).unwrap();
    let outcomes = store
        .insert_batch(&[
            kremlin_record("https://first.example/kremlin"),
            envoy_record("https://second.example/envoy"),
            kremlin_record("https://mirror.example/kremlin-copy"),
            kremlin_near_copy("https://third.example/kremlin"),
        ])
        .unwrap();
    assert_eq!(
        outcomes,
        [
            InsertOutcome::New,
            InsertOutcome::New,
            InsertOutcome::DuplicateMention,
            InsertOutcome::NearDuplicate
        ]
    );
    (dir, store)
}

#[test]
fn ingesting_twice_leaves_the_same_counts() {
    let (_dir, mut store) = filled_store();
    let before = store.stats().unwrap();
    assert_eq!(
        (
            before.documents,
            before.duplicates,
            before.quotes,
            before.events
        ),
        (3, 2, 3, 5)
    );
    let again = store
        .insert_batch(&[
            kremlin_record("https://first.example/kremlin"),
            kremlin_record("https://mirror.example/kremlin-copy"),
            envoy_record("https://second.example/envoy"),
        ])
        .unwrap();
    assert!(
        again.iter().all(|o| *o == InsertOutcome::Skipped),
        "{again:?}"
    );
    assert_eq!(store.stats().unwrap(), before);
}

#[test]
fn a_reopened_store_keeps_its_rows_and_version() {
    let (dir, path) = temp_db("reopen");
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_record(&envoy_record("a/envoy.txt")).unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        demarche_store::SCHEMA_VERSION
    );
    assert_eq!(store.stats().unwrap().documents, 1);
    drop(dir);
}

#[test]
fn read_only_open_refuses_a_missing_file() {
    let (_dir, path) = temp_db("absent");
    assert!(Store::open_read_only(&path).is_err());
    assert!(!path.exists());
}

#[test]
fn quotes_filter_by_speaker_actor_words_and_dates() {
    let (_dir, store) = filled_store();
    let by_name = store
        .quotes(&QuoteFilter {
            speaker: Some("petrovsky".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_name.len(), 2, "the story and its near-copy");
    assert!(by_name.iter().all(|q| q.text.starts_with("These measures")));
    let by_code = store
        .quotes(&QuoteFilter {
            actor: Some("USA".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_code.len(), 1);
    assert_eq!(by_code[0].speaker.as_deref(), Some("Ruth Caldwell"));
    let by_words = store
        .quotes(&QuoteFilter {
            search: Some("hard work".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_words.len(), 1);
    let april = store
        .quotes(&QuoteFilter {
            since: Some("2025-04-01".into()),
            until: Some("2025-04-30".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(april.len(), 1);
    assert_eq!(april[0].day.as_deref(), Some("2025-04-14"));
}

#[test]
fn quote_spans_point_into_the_stored_text() {
    let (_dir, store) = filled_store();
    let q = &store
        .quotes(&QuoteFilter {
            actor: Some("USAGOV".into()),
            ..Default::default()
        })
        .unwrap()[0];
    let doc = store.document(&q.doc_id).unwrap().expect("stored");
    let chars: Vec<char> = doc.text.chars().collect();
    let [a, b] = q.span;
    assert_eq!(
        chars[a as usize..b as usize].iter().collect::<String>(),
        q.text
    );
}

#[test]
fn event_codes_match_by_prefix() {
    let (_dir, store) = filled_store();
    let rus_usa = store
        .events(&EventFilter {
            source: Some("RUS".into()),
            target: Some("USA".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(rus_usa.len(), 4);
    assert!(rus_usa
        .iter()
        .all(|e| e.source_code.as_deref() == Some("RUSGOV")));
    let accuse = store
        .events(&EventFilter {
            root: Some("11".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(accuse.len(), 2);
    let demand = store
        .events(&EventFilter {
            cameo: Some("03".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(demand.len(), 2);
    let none = store
        .events(&EventFilter {
            source: Some("UKR".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.is_empty());
    let newest_first = store
        .events(&EventFilter {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(newest_first[0].day.as_deref(), Some("2025-04-11"));
    let page2 = store
        .events(&EventFilter {
            limit: Some(1),
            offset: Some(1),
            ..Default::default()
        })
        .unwrap();
    assert_ne!(page2[0].id, newest_first[0].id);
}

#[test]
fn bad_parameters_are_reported_not_run() {
    let (_dir, store) = filled_store();
    let bad = |f: EventFilter| store.events(&f).unwrap_err();
    assert!(bad(EventFilter {
        root: Some("1".into()),
        ..Default::default()
    })
    .is_bad_parameter());
    assert!(bad(EventFilter {
        mode: Some("maybe".into()),
        ..Default::default()
    })
    .is_bad_parameter());
    assert!(bad(EventFilter {
        since: Some("10/03/2025".into()),
        ..Default::default()
    })
    .is_bad_parameter());
    assert!(bad(EventFilter {
        source: Some("R%".into()),
        ..Default::default()
    })
    .is_bad_parameter());
    assert!(bad(EventFilter {
        limit: Some(0),
        ..Default::default()
    })
    .is_bad_parameter());
    assert!(store
        .search(&SearchQuery {
            q: "  ".into(),
            ..Default::default()
        })
        .unwrap_err()
        .is_bad_parameter());
}

#[test]
fn search_finds_documents_and_quotes_with_their_origin() {
    let (_dir, store) = filled_store();
    let hits = store
        .search(&SearchQuery {
            q: "unfriendly step".into(),
            ..Default::default()
        })
        .unwrap();
    assert!(hits
        .iter()
        .any(|h| h.kind == "quote" && h.speaker.as_deref() == Some("Ivan Petrovsky")));
    assert!(hits
        .iter()
        .any(|h| h.kind == "document" && h.origin == "https://first.example/kremlin"));
    assert!(hits.iter().all(|h| h.snippet.contains("**")));
    let stemmed = store
        .search(&SearchQuery {
            q: "praising".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(stemmed.len(), 1, "porter stemming: praising ~ praised");
    assert!(store
        .search(&SearchQuery {
            q: "U.S. -\"".into(),
            ..Default::default()
        })
        .is_ok());
}

#[test]
fn actors_count_mentions_and_documents() {
    let (_dir, store) = filled_store();
    let all = store.actors(&ActorFilter::default()).unwrap();
    assert_eq!(all[0].actor_id, "ivan-petrovsky");
    assert_eq!((all[0].mentions, all[0].documents), (4, 2));
    let found = store
        .actors(&ActorFilter {
            search: Some("caldw".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].code.as_deref(), Some("USAGOV"));
}

#[test]
fn timelines_group_by_month_and_week() {
    let (_dir, store) = filled_store();
    let q = TimelineQuery {
        source: "RUS".into(),
        target: "USA".into(),
        by: Period::Month,
        ..Default::default()
    };
    let months = store.timeline(&q).unwrap();
    assert_eq!(months.len(), 1);
    let m = &months[0];
    assert_eq!(
        (m.period.as_str(), m.events, m.verbal_conflict),
        ("2025-03", 4, 4)
    );
    assert!((m.goldstein_sum - -12.0).abs() < 1e-9 && (m.goldstein_mean - -3.0).abs() < 1e-9);
    let weeks = store
        .timeline(&TimelineQuery {
            by: Period::Week,
            ..q
        })
        .unwrap();
    assert_eq!(
        weeks[0].period, "2025-03-10",
        "weeks are named by their Monday"
    );
}

#[test]
fn documents_come_back_whole() {
    let (_dir, store) = filled_store();
    let original = kremlin_record("https://first.example/kremlin");
    assert_eq!(
        store.document(&original.doc_id).unwrap(),
        Some(original.clone())
    );
    assert_eq!(store.duplicate_origins(&original.doc_id).unwrap().len(), 2);
    assert_eq!(store.document("0000").unwrap(), None);
}

#[test]
fn gdelt_rows_have_61_columns_and_count_copies() {
    let (_dir, store) = filled_store();
    let mut out = Vec::new();
    let n = store.export(ExportFormat::Gdelt, &mut out).unwrap();
    assert_eq!(
        n, 3,
        "the near-copy's events are counted in its original's rows"
    );
    let text = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 61));
    let accuse = rows.iter().find(|r| r[26] == "111").expect("the 111 event");
    assert_eq!(&accuse[1..5], ["20250310", "202503", "2025", "2025.1863"]);
    assert_eq!(&accuse[5..8], ["RUSGOV", "IVAN PETROVSKY", "RUS"]);
    assert_eq!(accuse[12], "GOV");
    assert_eq!(accuse[15], "USA");
    assert_eq!(
        (accuse[25], accuse[28], accuse[29], accuse[30]),
        ("1", "11", "3", "-2.0")
    );
    assert_eq!(
        (accuse[31], accuse[32], accuse[33]),
        ("3", "3", "3"),
        "mentions, sources, articles"
    );
    assert_eq!(accuse[60], "https://first.example/kremlin");
}

#[test]
fn csv_and_jsonl_exports() {
    let (_dir, store) = filled_store();
    let mut csv = Vec::new();
    assert_eq!(store.export(ExportFormat::Csv, &mut csv).unwrap(), 5);
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("id,doc_id,origin,day,"));
    assert_eq!(csv.lines().count(), 6);
    let mut jsonl = Vec::new();
    assert_eq!(store.export(ExportFormat::Jsonl, &mut jsonl).unwrap(), 3);
    for line in String::from_utf8(jsonl).unwrap().lines() {
        let r: demarche_model::Record = serde_json::from_str(line).unwrap();
        assert_eq!(r.schema, "demarche.document/1");
    }
}

#[cfg(feature = "parquet")]
#[test]
fn parquet_reads_back_with_typed_columns() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use parquet::record::RowAccessor;
    let (dir, store) = filled_store();
    let path = dir.path().join("events.parquet");
    let n = store
        .export(ExportFormat::Parquet, std::fs::File::create(&path).unwrap())
        .unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows() as u64, n);
    let schema = meta.file_metadata().schema_descr();
    let names: Vec<&str> = schema.columns().iter().map(|c| c.name()).collect();
    assert!(names.contains(&"goldstein") && names.contains(&"day"));
    let goldstein: Vec<f64> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|row| {
            let row = row.unwrap();
            let i = names.iter().position(|n| *n == "goldstein").unwrap();
            row.get_float(i).unwrap() as f64
        })
        .collect();
    assert_eq!(goldstein.len(), 5);
    assert!(goldstein.contains(&3.4f32.into()));
}
