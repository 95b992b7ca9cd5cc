//! Country and sector accuracy on NGEC actor phrases:
//! `cargo run --release -p demarche-actors --example eval_ngec [-- PATH] [--verbose]`
//! (default PATH ../shared/gold/events/ngec_actor_resolution.jsonl).

use demarche_actors::ActorKb;

fn empty(v: &serde_json::Value) -> Option<String> {
    v.as_str()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
}

/// Counts over one NGEC file: phrases, right countries, phrases with a gold sector, right sectors.
pub struct Score {
    pub n: usize,
    pub country_ok: usize,
    pub sector_n: usize,
    pub sector_ok: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "--verbose");
    let path = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .cloned()
        .unwrap_or_else(|| "../shared/gold/events/ngec_actor_resolution.jsonl".into());
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}: skipping");
        return;
    };
    let Score {
        n,
        country_ok,
        sector_n,
        sector_ok,
    } = score(&text, verbose);
    println!("NGEC actor resolution ({path}): {n} phrases");
    println!(
        "  country accuracy {:.1} % ({country_ok}/{n})",
        100.0 * country_ok as f64 / n.max(1) as f64
    );
    println!(
        "  sector accuracy  {:.1} % ({sector_ok}/{sector_n}, phrases with a gold sector)",
        100.0 * sector_ok as f64 / sector_n.max(1) as f64
    );
}

/// Scores the phrases of an NGEC JSON Lines text; prints the misses when `verbose`.
pub fn score(text: &str, verbose: bool) -> Score {
    let kb = ActorKb::embedded();
    let (mut n, mut country_ok, mut sector_n, mut sector_ok) = (0, 0, 0, 0);
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(rec) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(phrase) = rec["text"].as_str() else {
            continue;
        };
        let expected = &rec["expected"];
        let gold_country = empty(&expected["country"]);
        let gold_sector = empty(&expected["sector"]);
        // The context, when given, is words said just before the phrase ("Mexican", "Colombian defense").
        let full = match empty(&rec["context"]) {
            Some(ctx) => format!("{ctx} {phrase}"),
            None => phrase.to_string(),
        };
        let on = rec["date"].as_str().and_then(parse_date);
        let actor = kb.resolve_phrase(&full, on);
        let code = actor
            .as_ref()
            .and_then(|a| a.code.clone())
            .unwrap_or_default();
        // NGEC writes organisations without a state with their code's first block (IGO, UNO, EUR).
        let country = actor
            .as_ref()
            .and_then(|a| a.country.clone())
            .or_else(|| (code.len() >= 3 && !is_sector(&code)).then(|| code[..3].to_string()));
        let sector = actor
            .as_ref()
            .and_then(|a| a.sector.clone())
            .filter(|s| !s.is_empty());
        let ngec_country = |c: &Option<String>| {
            c.as_deref()
                .map(|c| {
                    if c == "IGOUNO" || c == "UNO" {
                        "UNO"
                    } else {
                        c
                    }
                })
                .map(String::from)
        };
        let mine_country = if code.starts_with("IGOUNO") {
            Some("UNO".to_string())
        } else {
            country.clone()
        };
        n += 1;
        let c_ok = ngec_country(&gold_country) == mine_country;
        country_ok += c_ok as usize;
        let s_ok = gold_sector == sector;
        if gold_sector.is_some() {
            sector_n += 1;
            sector_ok += s_ok as usize;
        }
        if verbose && (!c_ok || (gold_sector.is_some() && !s_ok)) {
            println!("{phrase:?} ctx={:?}: want {gold_country:?}/{gold_sector:?}, got {mine_country:?}/{sector:?} ({code})", rec["context"]);
        }
    }
    Score {
        n,
        country_ok,
        sector_n,
        sector_ok,
    }
}

fn is_sector(code: &str) -> bool {
    code.len() == 3
        && matches!(
            code,
            "GOV"
                | "MIL"
                | "COP"
                | "JUD"
                | "LEG"
                | "OPP"
                | "REB"
                | "CVL"
                | "MED"
                | "BUS"
                | "EDU"
                | "REL"
                | "CRM"
                | "UAF"
                | "PRM"
                | "REF"
                | "AGR"
                | "LAB"
                | "SPY"
                | "ELI"
                | "PTY"
                | "NGO"
                | "PKO"
                | "HLH"
                | "UNK"
                | "PRE"
        )
}

/// The test's free-text dates: ISO, "10 May 2015", "October 1, 2021", "today".
fn parse_date(d: &str) -> Option<chrono::NaiveDate> {
    let d = d.trim();
    if d.eq_ignore_ascii_case("today") {
        return Some(chrono::Local::now().date_naive());
    }
    let title: String = d
        .split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| {
                    f.to_uppercase()
                        .chain(c.flat_map(|x| x.to_lowercase()))
                        .collect::<String>()
                })
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ");
    ["%Y-%m-%d", "%d %B %Y", "%B %d, %Y"]
        .iter()
        .find_map(|f| chrono::NaiveDate::parse_from_str(&title, f).ok())
}
