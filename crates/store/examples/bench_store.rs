//! Builds a store of generated events and times the queries on it.
//!
//! `cargo run --release -p demarche-store --example bench_store -- [EVENTS] [DB]`
//! (default 1,000,000 events in a temporary file; an existing DB is reused,
//! migrated to this build's schema first). Prints p50 / p99 / max per query
//! over varied parameters.

use std::time::{Duration, Instant};

use demarche_model::record::{EventRecord, MentionRecord, QuoteRecord, TriggerRecord, SCHEMA};
use demarche_model::{Mode, QuoteKind, Record};
use demarche_store::{EventFilter, Period, QuoteFilter, SearchQuery, Store, TimelineQuery};

const COUNTRIES: &[&str] = &[
    "RUS", "USA", "UKR", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "TUR", "IND", "PAK", "JPN",
    "KOR", "PRK", "BRA", "ZAF", "NGA", "EGY", "SAU", "SYR", "IRQ", "POL", "ITA", "ESP", "CAN",
    "MEX", "AUS", "IGOUNO", "IGONAT",
];
const SECTORS: &[&str] = &["", "GOV", "MIL", "OPP", "BUS", "MED"];
/// (CAMEO code, PLOVER, quad class, Goldstein)
const CODES: &[(&str, &str, u8, f32)] = &[
    ("010", "CONSULT", 1, 0.0),
    ("036", "CONSULT", 1, 4.0),
    ("040", "CONSULT", 1, 1.0),
    ("043", "CONSULT", 1, 2.8),
    ("051", "COOPERATE", 1, 3.4),
    ("057", "AGREE", 1, 8.0),
    ("061", "COOPERATE", 2, 6.4),
    ("071", "AID", 2, 7.4),
    ("111", "ACCUSE", 3, -2.0),
    ("112", "ACCUSE", 3, -2.0),
    ("125", "REJECT", 3, -5.0),
    ("130", "THREATEN", 3, -4.4),
    ("138", "THREATEN", 3, -7.0),
    ("163", "SANCTION", 4, -8.0),
    ("173", "SEIZE", 4, -5.0),
    ("190", "FIGHT", 4, -10.0),
];
const WORDS: &[&str] = &[
    "talks",
    "sanctions",
    "border",
    "minister",
    "ceasefire",
    "aggression",
    "envoy",
    "summit",
    "tariffs",
    "troops",
    "agreement",
    "protest",
    "election",
    "pipeline",
    "embargo",
    "negotiations",
];
const EVENTS_PER_DOC: usize = 5;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn actor_code(rng: &mut Rng) -> String {
    let country = *rng.pick(COUNTRIES);
    if country.len() > 3 {
        return country.to_string();
    }
    format!("{country}{}", rng.pick(SECTORS))
}

fn day(rng: &mut Rng) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
    (start + chrono::Duration::days((rng.next() % 1096) as i64))
        .format("%Y-%m-%d")
        .to_string()
}

fn mention(code: String) -> MentionRecord {
    MentionRecord {
        text: code.clone(),
        span: [0, 3],
        name: Some(format!("Leader of {code}")),
        code: Some(code),
    }
}

fn record(i: usize, rng: &mut Rng) -> Record {
    let words: Vec<&str> = (0..30).map(|_| *rng.pick(WORDS)).collect();
    let text = format!("Story {i}. {}.", words.join(" "));
    let published = day(rng);
    let events = (0..EVENTS_PER_DOC)
        .map(|_| {
            let &(cameo, plover, quad_class, goldstein) = rng.pick(CODES);
            EventRecord {
                source: Some(mention(actor_code(rng))),
                target: Some(mention(actor_code(rng))),
                cameo: cameo.into(),
                root: cameo[..2].into(),
                plover: plover.into(),
                quad_class,
                goldstein,
                mode: Mode::Asserted,
                trigger: TriggerRecord {
                    text: "said".into(),
                    span: [0, 4],
                },
                evidence: [0, 10],
                date: (rng.next() & 1 == 0).then(|| published.clone()),
                date_text: None,
                quote: None,
            }
        })
        .collect();
    let quote = QuoteRecord {
        text: words[..8].join(" "),
        span: [0, 8],
        kind: QuoteKind::Direct,
        cue: Some("said".into()),
        speaker: Some(mention(actor_code(rng))),
    };
    Record {
        schema: SCHEMA.into(),
        doc_id: format!("{i:032x}"),
        origin: format!("https://outlet{}.example/{i}", i % 97),
        title: Some(format!("Story {i}")),
        published: Some(published),
        language: Some("en".into()),
        text,
        duplicate_of: None,
        entities: Vec::new(),
        quotes: vec![quote],
        events,
        dates: Vec::new(),
    }
}

fn fill(store: &mut Store, events: usize) -> demarche_store::Result<()> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let docs = events.div_ceil(EVENTS_PER_DOC);
    let started = Instant::now();
    let mut batch = Vec::with_capacity(1000);
    for i in 0..docs {
        batch.push(record(i, &mut rng));
        if batch.len() == 1000 {
            store.insert_batch(&batch)?;
            batch.clear();
        }
    }
    store.insert_batch(&batch)?;
    store.optimize()?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "filled: {docs} documents, {} events in {secs:.1} s ({:.0} events/s)",
        docs * EVENTS_PER_DOC,
        (docs * EVENTS_PER_DOC) as f64 / secs
    );
    Ok(())
}

fn time<T>(name: &str, runs: usize, mut f: impl FnMut(usize) -> demarche_store::Result<T>) {
    let mut took: Vec<Duration> = (0..runs)
        .map(|i| {
            let t = Instant::now();
            f(i).expect("query");
            t.elapsed()
        })
        .collect();
    took.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let p = |q: f64| took[((took.len() as f64 * q).ceil() as usize).clamp(1, took.len()) - 1];
    println!(
        "{name:<44} p50 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        ms(p(0.5)),
        ms(p(0.99)),
        ms(p(1.0))
    );
}

fn main() -> demarche_store::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let events: usize = args
        .get(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir()?;
    let path = args
        .get(2)
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| dir.path().join("bench.db"));
    if !path.exists() {
        fill(&mut Store::open(&path)?, events)?;
    } else {
        // An existing store may be at an older schema version: migrate it first.
        let started = Instant::now();
        let store = Store::open(&path)?;
        println!(
            "opened at schema version {} in {:.1} s (includes any migration)",
            store.schema_version()?,
            started.elapsed().as_secs_f64()
        );
    }
    let store = Store::open_read_only(&path)?;
    let stats = store.stats()?;
    println!(
        "store: {} documents, {} events, {} quotes ({})",
        stats.documents,
        stats.events,
        stats.quotes,
        path.display()
    );
    let runs = 200;
    let country = |i: usize| COUNTRIES[i % 28].to_string();
    let partner = |i: usize| COUNTRIES[(i * 7 + 3) % 28].to_string();
    time("events --source C --target C2 --limit 100", runs, |i| {
        store.events(&EventFilter {
            source: Some(country(i)),
            target: Some(partner(i)),
            limit: Some(100),
            ..Default::default()
        })
    });
    time("events --source CGOV --target C2 --limit 100", runs, |i| {
        store.events(&EventFilter {
            source: Some(format!("{}GOV", country(i))),
            target: Some(partner(i)),
            limit: Some(100),
            ..Default::default()
        })
    });
    time("events --source C --limit 100", runs, |i| {
        store.events(&EventFilter {
            source: Some(country(i)),
            limit: Some(100),
            ..Default::default()
        })
    });
    time("events --target C --root RR --limit 100", runs, |i| {
        store.events(&EventFilter {
            target: Some(country(i)),
            root: Some(CODES[i % CODES.len()].0[..2].into()),
            limit: Some(100),
            ..Default::default()
        })
    });
    time("events --cameo CCC --since --until (1 month)", runs, |i| {
        store.events(&EventFilter {
            cameo: Some(CODES[i % CODES.len()].0.into()),
            since: Some(format!("2024-{:02}-01", i % 12 + 1)),
            until: Some(format!("2024-{:02}-28", i % 12 + 1)),
            limit: Some(100),
            ..Default::default()
        })
    });
    time("events --source C --target C2 --offset 1000", runs, |i| {
        store.events(&EventFilter {
            source: Some(country(i)),
            target: Some(partner(i)),
            limit: Some(100),
            offset: Some(1000),
            ..Default::default()
        })
    });
    time("timeline C C2 --by month", runs, |i| {
        store.timeline(&TimelineQuery {
            source: country(i),
            target: partner(i),
            by: Period::Month,
            ..Default::default()
        })
    });
    time("timeline C C2 --by week", runs, |i| {
        store.timeline(&TimelineQuery {
            source: country(i),
            target: partner(i),
            by: Period::Week,
            ..Default::default()
        })
    });
    time("quotes --actor C --limit 100", runs, |i| {
        store.quotes(&QuoteFilter {
            actor: Some(country(i)),
            limit: Some(100),
            ..Default::default()
        })
    });
    time("quotes --speaker 'of CGOV' --limit 100", runs, |i| {
        store.quotes(&QuoteFilter {
            speaker: Some(format!("of {}GOV", country(i))),
            limit: Some(100),
            ..Default::default()
        })
    });
    // Worst case: each of the 16 words is in most documents.
    time(
        "search WORD WORD (common words) --limit 20",
        runs / 4,
        |i| {
            store.search(&SearchQuery {
                q: format!(
                    "{} {}",
                    WORDS[i % WORDS.len()],
                    WORDS[(i + 5) % WORDS.len()]
                ),
                limit: Some(20),
                offset: None,
            })
        },
    );
    time("search NUMBER (a rare word) --limit 20", runs, |i| {
        store.search(&SearchQuery {
            q: format!("{}", (i * 997) % stats.documents as usize),
            limit: Some(20),
            offset: None,
        })
    });
    time("stats", 20, |_| store.stats());
    Ok(())
}
