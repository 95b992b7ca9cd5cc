//! Reading the actor data files (see data/actors/README.md for the format).
//!
//! A file is a list of sections; a line `[people]` (or another section name)
//! starts one, then each non-empty line not starting with `#` is a record of
//! tab-separated fields. Lists inside a field are separated by `|`; `-` or an
//! empty field means "none".

use chrono::NaiveDate;

use crate::ActorError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn parse(s: &str) -> Gender {
        match s {
            "m" | "M" | "male" => Gender::Male,
            "f" | "F" | "female" => Gender::Female,
            _ => Gender::Unknown,
        }
    }
}

#[derive(Clone, Debug)]
pub struct CountryRow {
    pub iso3: String,
    pub names: Vec<String>,
    pub adjectives: Vec<String>,
    pub capitals: Vec<String>,
    pub seats: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub code: String,
    pub kind: String,
    pub aliases: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct PersonRow {
    pub name: String,
    pub aliases: Vec<String>,
    pub gender: Gender,
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

#[derive(Clone, Debug)]
pub struct SectorRow {
    pub words: Vec<String>,
    pub sector: Option<String>,
    /// person, group, organization, modifier
    pub kind: String,
    pub gender: Gender,
    pub priority: u8,
    /// Prepositions that introduce whom the role belongs to ("adviser to Putin").
    pub owner_preps: Vec<String>,
    /// May stand before a name as a title ("President Putin").
    pub title: bool,
}

#[derive(Clone, Debug)]
pub struct PronounRow {
    pub word: String,
    pub gender: Gender,
    pub plural: bool,
    /// person, thing or any
    pub animacy: String,
}

/// Everything read from the data files, before compilation.
#[derive(Clone, Debug, Default)]
pub struct RawKb {
    pub countries: Vec<CountryRow>,
    pub organisations: Vec<OrgRow>,
    pub people: Vec<PersonRow>,
    pub sectors: Vec<SectorRow>,
    pub first_names: Vec<(String, Gender)>,
    pub pronouns: Vec<PronounRow>,
    /// Words that are never the start of a name when capitalised (days, months, "The").
    pub stop_names: Vec<String>,
    /// Determiners and quantifiers before a role nominal, and whether definite.
    pub determiners: Vec<(String, bool)>,
    /// Lower-case words allowed inside a name ("bin", "de", "of").
    pub connectors: Vec<String>,
    /// Prepositions that make the following name a place ("in", "near").
    pub locatives: Vec<String>,
    /// Named word lists the recogniser reads as context cues ("team_before": "beat", "v").
    pub cues: Vec<(String, Vec<String>)>,
}

fn list(field: &str) -> Vec<String> {
    if field.trim() == "-" {
        return Vec::new();
    }
    field
        .split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

fn opt(field: &str) -> Option<String> {
    let f = field.trim();
    (!f.is_empty() && f != "-").then(|| f.to_string())
}

fn date(field: &str, origin: &str, line: usize) -> Result<Option<NaiveDate>, ActorError> {
    let f = field.trim();
    if f.is_empty() || f == "-" {
        return Ok(None);
    }
    // Accept YYYY, YYYY-MM and YYYY-MM-DD.
    let full = match f.len() {
        4 => format!("{f}-01-01"),
        7 => format!("{f}-01"),
        _ => f.to_string(),
    };
    NaiveDate::parse_from_str(&full, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| ActorError::Format {
            origin: origin.into(),
            line,
            message: format!("bad date {f:?}"),
        })
}

impl RawKb {
    /// Adds the records of one TSV file (`origin` names it in errors).
    pub fn add_tsv(&mut self, text: &str, origin: &str) -> Result<(), ActorError> {
        let mut section: Option<String> = None;
        for (n, raw) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let t = line.trim();
            if t.starts_with('[') && t.ends_with(']') {
                section = Some(t[1..t.len() - 1].trim().to_string());
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            let err = |message: String| ActorError::Format {
                origin: origin.into(),
                line: line_no,
                message,
            };
            let need = |k: usize| -> Result<(), ActorError> {
                if f.len() < k {
                    Err(err(format!(
                        "expected {k} tab-separated fields, found {}",
                        f.len()
                    )))
                } else {
                    Ok(())
                }
            };
            let field = |i: usize| f.get(i).copied().unwrap_or("");
            match section.as_deref() {
                Some("countries") => {
                    need(2)?;
                    self.countries.push(CountryRow {
                        iso3: field(0).trim().to_string(),
                        names: list(field(1)),
                        adjectives: list(field(2)),
                        capitals: list(field(3)),
                        seats: list(field(4)),
                    });
                }
                Some("organisations") | Some("organizations") | Some("groups") | Some("places") => {
                    need(4)?;
                    let name = field(1).trim().to_string();
                    let mut aliases = list(field(4));
                    aliases.insert(0, name.clone());
                    self.organisations.push(OrgRow {
                        id: field(0).trim().to_string(),
                        name,
                        code: field(2).trim().to_string(),
                        kind: field(3).trim().to_string(),
                        aliases,
                    });
                }
                Some("people") => {
                    need(4)?;
                    self.people.push(PersonRow {
                        name: field(0).trim().to_string(),
                        aliases: list(field(1)),
                        gender: Gender::parse(field(2).trim()),
                        code: field(3).trim().to_string(),
                        from: date(field(4), origin, line_no)?,
                        to: date(field(5), origin, line_no)?,
                    });
                }
                Some("sectors") => {
                    need(3)?;
                    let flags = list(field(6));
                    self.sectors.push(SectorRow {
                        words: list(field(0)),
                        sector: opt(field(1)),
                        kind: field(2).trim().to_string(),
                        gender: Gender::parse(field(3).trim()),
                        priority: field(4).trim().parse().unwrap_or(1),
                        owner_preps: list(field(5)),
                        title: flags.iter().any(|x| x == "title"),
                    });
                }
                Some("first_names") => {
                    need(2)?;
                    let g = Gender::parse(field(1).trim());
                    for name in list(field(0)) {
                        self.first_names.push((name, g));
                    }
                }
                Some("pronouns") => {
                    need(4)?;
                    self.pronouns.push(PronounRow {
                        word: field(0).trim().to_lowercase(),
                        gender: Gender::parse(field(1).trim()),
                        plural: field(2).trim() == "pl",
                        animacy: field(3).trim().to_string(),
                    });
                }
                Some("stop_names") => self.stop_names.extend(f.iter().flat_map(|x| list(x))),
                Some("connectors") => self.connectors.extend(f.iter().flat_map(|x| list(x))),
                Some("locatives") => self.locatives.extend(f.iter().flat_map(|x| list(x))),
                Some("cues") => {
                    need(2)?;
                    self.cues
                        .push((field(0).trim().to_string(), list(field(1))));
                }
                Some("determiners") => {
                    need(2)?;
                    let definite = field(1).trim() == "definite";
                    for w in list(field(0)) {
                        self.determiners.push((w.to_lowercase(), definite));
                    }
                }
                Some(other) => return Err(err(format!("unknown section [{other}]"))),
                None => return Err(err("record before any [section] line".into())),
            }
        }
        Ok(())
    }
}

/// Adds user records given as TSV sections or as TOML tables.
pub fn add_user_data(raw: &mut RawKb, text: &str) -> Result<(), ActorError> {
    let looks_toml = text.lines().map(str::trim).any(|l| l.starts_with("[["))
        || (!text.contains('\t') && text.contains('='));
    if looks_toml {
        crate::toml_data::add_toml(raw, text)
    } else {
        raw.add_tsv(text, "user actors")
    }
}
