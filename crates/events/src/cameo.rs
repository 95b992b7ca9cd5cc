//! The CAMEO event code table: name, Goldstein value, quad class and PLOVER
//! category of every code, from `data/cameo/cameo_codes.tsv`.

use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

const EMBEDDED: &str = include_str!("../../../data/cameo/cameo_codes.tsv");

/// One CAMEO code and its values.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub goldstein: f32,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// PLOVER category; empty when PLOVER has none (public statements).
    pub plover: String,
}

/// Why a code table could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cameo_codes.tsv:{}: {}", self.line, self.message)
    }
}

impl std::error::Error for TableError {}

/// Every CAMEO code with its name, Goldstein value, quad class and PLOVER category.
#[derive(Clone, Debug, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoCode>,
}

impl CameoTable {
    /// The table compiled from `data/cameo/cameo_codes.tsv` (or the user's
    /// override of it), built once.
    pub fn embedded() -> &'static CameoTable {
        static TABLE: OnceLock<CameoTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            let text = demarche_model::data::text("cameo/cameo_codes.tsv", EMBEDDED);
            CameoTable::parse(&text).unwrap_or_else(|e| {
                eprintln!("demarche: {e}; using the built-in CAMEO table");
                CameoTable::parse(EMBEDDED).unwrap_or_default()
            })
        })
    }

    /// Reads a table in the `cameo_codes.tsv` format (header row, then
    /// code, name, goldstein, quad_class, plover[, plover_source]).
    pub fn parse(text: &str) -> Result<CameoTable, TableError> {
        let mut codes = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            if line.trim().is_empty() || line.starts_with('#') || line.starts_with("code\t") {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let err = |message: String| TableError {
                line: line_no,
                message,
            };
            if cols.len() < 5 {
                return Err(err(format!("expected 5 columns, found {}", cols.len())));
            }
            let code = cols[0].trim();
            if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("bad code {code:?}")));
            }
            let goldstein = cols[2]
                .trim()
                .parse::<f32>()
                .map_err(|_| err(format!("bad Goldstein value {:?}", cols[2])))?;
            let quad_class = cols[3]
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|q| (1..=4).contains(q))
                .ok_or_else(|| err(format!("bad quad class {:?}", cols[3])))?;
            codes.insert(
                code.to_string(),
                CameoCode {
                    code: code.to_string(),
                    name: cols[1].trim().to_string(),
                    goldstein,
                    quad_class,
                    plover: cols[4].trim().to_string(),
                },
            );
        }
        Ok(CameoTable { codes })
    }

    /// The entry of `code`, or of its nearest known parent ("0234x" → "0234" → "023" → "02").
    pub fn get(&self, code: &str) -> Option<&CameoCode> {
        let mut c = code;
        while c.len() >= 2 {
            if let Some(v) = self.codes.get(c) {
                return Some(v);
            }
            c = &c[..c.len() - 1];
        }
        None
    }

    pub fn contains(&self, code: &str) -> bool {
        self.codes.contains_key(code)
    }

    pub fn name(&self, code: &str) -> Option<&str> {
        self.get(code).map(|c| c.name.as_str())
    }

    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.get(code).map(|c| c.goldstein)
    }

    pub fn quad_class(&self, code: &str) -> Option<u8> {
        self.get(code).map(|c| c.quad_class)
    }

    /// PLOVER category of `code`; empty when PLOVER has none.
    pub fn plover(&self, code: &str) -> Option<&str> {
        self.get(code).map(|c| c.plover.as_str())
    }

    pub fn len(&self) -> usize {
        self.codes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// All codes, sorted.
    pub fn codes(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.codes.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_root_with_gdelt_values() {
        let t = CameoTable::embedded();
        for root in 1..=20 {
            let r = format!("{root:02}");
            assert!(t.contains(&r), "root {r} missing");
        }
        assert_eq!(t.goldstein("111"), Some(-2.0));
        assert_eq!(t.quad_class("190"), Some(4));
        assert_eq!(t.plover("163"), Some("COERCE"));
        assert_eq!(t.plover("111"), Some("ACCUSE"));
        assert_eq!(t.plover("0841"), Some("RETREAT"));
        assert_eq!(t.name("041"), Some("Discuss by telephone"));
        assert!(t.len() > 300);
    }

    #[test]
    fn unknown_children_fall_back_to_parents() {
        let t = CameoTable::embedded();
        assert_eq!(t.plover("1959"), Some("ASSAULT"));
        assert_eq!(t.get("99"), None);
    }

    #[test]
    fn bad_rows_are_errors_not_panics() {
        assert!(CameoTable::parse("x1\tname\t1.0\t1\tAGREE").is_err());
        assert!(CameoTable::parse("01\tname\tabc\t1\t").is_err());
        assert!(CameoTable::parse("01\tname\t1.0\t9\t").is_err());
        assert!(CameoTable::parse("01\tname").is_err());
    }
}
