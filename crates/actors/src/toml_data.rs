//! The TOML form of user actor data: arrays of tables named like the TSV
//! sections, with the TSV column names as keys.

use serde::Deserialize;

use crate::data::{CountryRow, Gender, OrgRow, PersonRow, RawKb, SectorRow};
use crate::ActorError;

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    countries: Vec<Country>,
    #[serde(default, alias = "organizations", alias = "groups", alias = "places")]
    organisations: Vec<Org>,
    #[serde(default)]
    people: Vec<Person>,
    #[serde(default)]
    sectors: Vec<Sector>,
}

#[derive(Deserialize)]
struct Country {
    iso3: String,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    adjectives: Vec<String>,
    #[serde(default)]
    capitals: Vec<String>,
    #[serde(default)]
    seats: Vec<String>,
}

#[derive(Deserialize)]
struct Org {
    id: String,
    name: String,
    code: String,
    #[serde(default = "default_org_kind")]
    kind: String,
    #[serde(default)]
    aliases: Vec<String>,
}

fn default_org_kind() -> String {
    "organization".into()
}

#[derive(Deserialize)]
struct Person {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    gender: Option<String>,
    code: String,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    to: Option<String>,
}

#[derive(Deserialize)]
struct Sector {
    words: Vec<String>,
    sector: Option<String>,
    kind: String,
    #[serde(default)]
    gender: Option<String>,
    #[serde(default)]
    priority: Option<u8>,
    #[serde(default)]
    owner: Vec<String>,
    #[serde(default)]
    title: bool,
}

fn gender(g: &Option<String>) -> Gender {
    match g.as_deref() {
        Some("m") | Some("male") => Gender::Male,
        Some("f") | Some("female") => Gender::Female,
        _ => Gender::Unknown,
    }
}

fn date(s: &Option<String>) -> Result<Option<chrono::NaiveDate>, ActorError> {
    let Some(s) = s
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "-")
    else {
        return Ok(None);
    };
    let full = match s.len() {
        4 => format!("{s}-01-01"),
        7 => format!("{s}-01"),
        _ => s.to_string(),
    };
    chrono::NaiveDate::parse_from_str(&full, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ActorError::Toml(format!("bad date {s:?}")))
}

pub fn add_toml(raw: &mut RawKb, text: &str) -> Result<(), ActorError> {
    let file: File = toml::from_str(text).map_err(|e| ActorError::Toml(e.to_string()))?;
    for c in file.countries {
        raw.countries.push(CountryRow {
            iso3: c.iso3,
            names: c.names,
            adjectives: c.adjectives,
            capitals: c.capitals,
            seats: c.seats,
        });
    }
    for o in file.organisations {
        let mut aliases = o.aliases;
        aliases.insert(0, o.name.clone());
        raw.organisations.push(OrgRow {
            id: o.id,
            name: o.name,
            code: o.code,
            kind: o.kind,
            aliases,
        });
    }
    for p in file.people {
        raw.people.push(PersonRow {
            gender: gender(&p.gender),
            from: date(&p.from)?,
            to: date(&p.to)?,
            name: p.name,
            aliases: p.aliases,
            code: p.code,
        });
    }
    for s in file.sectors {
        raw.sectors.push(SectorRow {
            gender: gender(&s.gender),
            words: s.words,
            sector: s.sector,
            kind: s.kind,
            priority: s.priority.unwrap_or(1),
            owner_preps: s.owner,
            title: s.title,
        });
    }
    Ok(())
}
