//! The quotes stage's knowledge, loaded once from `data/quotes/` (see its README).

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::sync::OnceLock;

use demarche_model::data;
use serde::Deserialize;

/// What a reporting cue can do (flags of `data/quotes/cues.tsv`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueFlags {
    /// Introduces a direct quotation.
    pub direct: bool,
    /// Introduces a reported content clause.
    pub indirect: bool,
    /// Introduces a content clause only with an explicit "that".
    pub needs_that: bool,
    /// Takes an addressee before the content ("told reporters that").
    pub addressee: bool,
    /// Attributes a quoted word or phrase it governs ("called them “…”").
    pub partial: bool,
    /// The speaker follows the cue ("according to X").
    pub speaker_after: bool,
    /// The bare form is also a common noun ("state", "claim"): a verb only after a subject.
    pub noun: bool,
    /// Reports a belief or a finding rather than words ("believe", "found").
    pub belief: bool,
    /// Without quotation marks, reports only a clause with a subject of its own: its
    /// object is otherwise no content ("added a goal", "wrote a cookbook").
    pub clause_only: bool,
    /// A verb of stance: its object is what it reports ("praised the governor's handling
    /// of the storm", "accused the senator of lying"), with `parse.object_content`.
    pub stance: bool,
    /// A verb of will: the infinitive it governs is what it reports ("declined to
    /// comment", "wants to build a wall"), as a stance verb's object is.
    pub intent: bool,
}

impl CueFlags {
    fn parse(s: &str) -> CueFlags {
        let has = |c| s.contains(c);
        let needs_that = has('T');
        CueFlags {
            direct: has('D'),
            indirect: has('I') || needs_that,
            needs_that,
            addressee: has('O'),
            partial: has('P'),
            speaker_after: has('A'),
            noun: has('N'),
            belief: has('B'),
            clause_only: has('C'),
            stance: has('S'),
            intent: has('W'),
        }
    }
}

/// One reporting cue reachable from a word form.
#[derive(Clone, Debug)]
pub struct CueEntry {
    pub lemma: String,
    pub flags: CueFlags,
    /// Words that must follow the form ("out" in "point out"), lowercase.
    pub rest: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct SpeakerSettings {
    pub between: HashSet<String>,
    pub pronouns: HashSet<String>,
    pub determiners: HashSet<String>,
    /// Determiners of a singular noun: before "news report" they make "report" the noun.
    pub singular_determiners: HashSet<String>,
    /// Forms read as plural nouns after a common noun, whatever the parse says.
    pub plural_nouns: HashSet<String>,
    pub stop: HashSet<String>,
    pub inner: HashSet<String>,
    /// Adjectives after the head of a speaker phrase ("sources familiar with …").
    pub postnominal: HashSet<String>,
    /// After the name following a cue, these make it the subject of the reported clause.
    pub clause_verbs: HashSet<String>,
    /// Words in -ing/-ed that modify a title inside a speaker phrase ("ranking member").
    pub title_participles: HashSet<String>,
    /// Determiners that stand alone for a speaker after a cue ("read one").
    pub standalone_determiners: HashSet<String>,
    /// After a cue with an addressee, these make the name after it the addressee.
    pub addressee_followers: HashSet<String>,
    pub time_words: HashSet<String>,
    pub time_openers: HashSet<String>,
    pub objects: HashSet<String>,
    pub audiences: HashSet<String>,
    pub leads: HashSet<String>,
    pub adjunct_preps: HashSet<String>,
    pub past_forms: HashSet<String>,
    /// Nouns in -ly ("family", "ally"): not adverbs, so they may name a speaker.
    pub ly_nouns: HashSet<String>,
    pub max_words: usize,
    /// The longest phrase of place or time before a speaker ("In a statement,"), in words.
    pub lead_phrase_max_words: usize,
    pub addressees_max_words: usize,
    /// The longest source after "according to", in words, up to its comma.
    pub source_max_words: usize,
}

#[derive(Debug, Deserialize)]
pub struct ContentSettings {
    pub min_words: usize,
    /// Passive participles that open a clause with the question put ("Asked whether …,").
    pub question_participles: HashSet<String>,
    /// Words that open that question ("whether", "if", "what", "about" …).
    pub question_openers: HashSet<String>,
    pub stop_after_comma: HashSet<String>,
    /// "and", "or", "but": after a comma they join the next clause, before one they open
    /// an aside.
    pub coordinators: HashSet<String>,
    /// After ", and", these end the clause too (", and when pressed …, she declined").
    pub stop_after_comma_and: HashSet<String>,
    pub stop_at_participle: bool,
    /// A content interrupted by its speaker and cue is two quotations.
    pub split_interrupted: bool,
    /// Only a participle that is a reporting cue ends the content ("…, adding …").
    pub reporting_participles_only: bool,
    pub not_participles: HashSet<String>,
    pub beliefs: bool,
    /// Whether wishes, plans and refusals ("wants to …", "declined to comment", cues
    /// flagged W) count as reported speech.
    pub intentions: bool,
    pub not_clause_start: HashSet<String>,
    pub passive_markers: HashSet<String>,
    pub possessives: HashSet<String>,
    pub irrealis: HashSet<String>,
    /// Before "to", words that make the infinitive a report going on ("went on to say").
    pub resuming: Vec<String>,
    pub max_gap_before_that: usize,
    /// After a cue taking an addressee ("told …"), so many more words may come before "that".
    pub addressee_extra_gap: usize,
    /// Subject pronouns that open the content after a short phrase of place or time
    /// ("said after the convention he would …").
    pub subject_pronouns: HashSet<String>,
    /// The longest such phrase, in words.
    pub max_adjunct_words: usize,
}

#[derive(Debug, Deserialize)]
pub struct MixedSettings {
    pub min_quoted_share: f32,
}

#[derive(Debug, Deserialize)]
pub struct DirectSettings {
    pub min_words_unattributed: usize,
    pub min_words_without_speaker: usize,
    /// Quoted spans with fewer words than this, inside a sentence, are terms or partial
    /// quotations ("called the plan “silly”"), not quotations of their own.
    pub min_words_embedded: usize,
    /// The same for a quoted span that closes with a final stop inside its marks
    /// ("demanded an “unconditional surrender.”").
    pub min_words_embedded_final: usize,
    pub continuation_paragraphs: usize,
    pub headline_repeat_share: f32,
    pub headline_max_words: usize,
    /// The longest speaker of a headline "Speaker: claim", in words.
    pub headline_speaker_words: usize,
    /// Words that, ending the phrase before a headline's colon, name a source the
    /// actor layer may not know ("Poll: …", "Insiders: …").
    pub headline_sources: HashSet<String>,
    /// Series and rubric names before a headline's colon that name nobody ("The
    /// Latest: …", "Analysis: …"), lowercase.
    pub headline_rubrics: HashSet<String>,
    /// The longest speaker label of a transcript turn ("MARSH:"), in words.
    pub label_max_words: usize,
    /// Dashes that introduce the name signing a quotation ("“…” ― Carla Moreno").
    pub byline_dashes: Vec<String>,
    /// Labels in capitals that name no speaker ("BREAKING:"), lowercase.
    pub not_labels: HashSet<String>,
    /// A quoted span of at most this many words in title case is a name of a work.
    pub title_max_words: usize,
    /// Lower-case words a title may hold ("Face the Nation").
    pub title_small_words: HashSet<String>,
}

/// Relations of the dependency parse the stage reads (Universal Dependencies names).
#[derive(Debug, Deserialize)]
pub struct ParseSettings {
    /// Relations from a reporting verb to the clause it reports.
    pub content_relations: Vec<String>,
    /// Relations of a clause before the cue that make it an adjunct, not a content.
    pub adjunct_relations: Vec<String>,
    /// Relations whose subtrees at the edge of a reported clause stay out of it.
    pub content_cut: Vec<String>,
    /// Relations whose subtrees at the edge of a speaker phrase stay out of it.
    pub speaker_cut: Vec<String>,
    /// Any verb with a subject and a complement clause reports (beliefs, findings, …).
    pub any_verb: bool,
    /// Subjects that name nobody ("that", "which", "there").
    pub not_subjects: HashSet<String>,
    /// Relative words right before a cue ("…, who said …, runs the kitchen").
    pub relative_openers: Vec<String>,
    /// Whether a cue flagged P reports its object ("praised the governor's handling of …").
    pub object_content: bool,
    /// The fewest words such an object may have ("endorsed Clinton": one).
    pub object_min_words: usize,
    /// Whether a cue flagged P reports its object with the name it gives it ("called the
    /// deal a mistake" → "the deal a mistake").
    pub predicate_content: bool,
    /// Relations of the object and the name a verb of naming gives it (obj + xcomp, or
    /// iobj + obj): the first two after the verb.
    pub naming_relations: Vec<String>,
    /// Objects that make naming a name taken, not a claim ("calling themselves …").
    pub self_names: HashSet<String>,
    /// At most this many words between a stance verb's object and the quotation that
    /// completes it ("accused him of having a “…”") for the two to be one mixed quote.
    pub complement_gap_words: usize,
    /// Relations of the object and the complements that go with it.
    pub object_relations: Vec<String>,
    /// Marks that open a clause completing the object ("accused them of lying", "praised
    /// him for acting quickly", "urged them to refrain"), whatever relation the parse
    /// gives that clause.
    pub object_clause_marks: HashSet<String>,
    /// Relations from a reporting verb to a clause coordinated with it ("said X and
    /// warned Y"): the content stops before that clause.
    pub coordinated: Vec<String>,
}

/// How speakers are followed from quote to quote.
#[derive(Debug, Deserialize)]
pub struct FollowSettings {
    /// Pronoun speakers that take an earlier named speaker.
    pub pronouns: HashSet<String>,
    /// Those of them that name a person.
    pub personal: HashSet<String>,
    /// Relative words ("who") that stand for the name right before them.
    pub relatives: HashSet<String>,
    /// Possessive words and the pronoun they stand for ("her" statement → "she").
    pub owners: HashMap<String, String>,
    /// How many paragraphs back a pronoun looks for a named speaker.
    pub pronoun_paragraphs: usize,
    /// Words opening a role phrase ("the mayor") that looks back for whom it describes.
    pub role_openers: HashSet<String>,
    /// How many earlier uses of the role word are examined.
    pub role_lookback: usize,
    /// Bytes between the role word and the name it describes.
    pub role_gap: usize,
    /// Keep the actor layer's person for a pronoun when it found one.
    pub trust_actor_layer: bool,
    /// A role speaker nothing described earlier takes the latest named speaker.
    pub role_takes_latest: bool,
    /// A role speaker still unresolved takes the salient person of the nearest earlier
    /// sentence naming one (its subject, else its first person not owning a noun).
    pub role_takes_salient: bool,
    /// The actor layer's person takes a pronoun from the latest agreeing speaker only
    /// when named after that speaker as the subject of its clause.
    pub subject_wins: bool,
    /// A person named (outside quotations) after the latest speaker wins a "he"/"she".
    pub nearest_person_wins: bool,
    /// With `subject_wins`: the one person of the sentence right before a "he"/"she"
    /// quotation, named after the latest speaker, wins even as an object, when that
    /// sentence has no personal pronoun.
    pub newcomer_wins: bool,
    /// Forms of the personal pronouns that show a sentence is about someone already named.
    pub personal_forms: HashSet<String>,
    /// Words opening a role that names nobody in particular ("a person familiar with …").
    pub anonymous_openers: HashSet<String>,
    /// Words inside a role phrase that keep its person unnamed ("the person who spoke on
    /// condition of anonymity", "an unnamed official").
    pub anonymous_words: HashSet<String>,
    /// Plural nouns not in -s ("people close to the team" names nobody in particular).
    pub plural_heads: HashSet<String>,
    /// Words after the head of a role phrase ("founder of …", "lawyer for …").
    pub head_ends: HashSet<String>,
    /// Role heads naming a body or a document: a body takes the latest organisation.
    pub body_heads: HashSet<String>,
    /// Those of them that name a document, not a body: its author is not the latest
    /// organisation named ("the complaint", "the memo").
    pub document_heads: HashSet<String>,
    /// Words before a name inside a body or document speaker that make it the author
    /// ("a report by the Fraser Institute", "a statement from Gatsby").
    pub author_markers: HashSet<String>,
    /// Verbs before such a marker that make the name a holder, not the author
    /// ("the memo obtained by The Globe").
    pub not_author_verbs: HashSet<String>,
    /// Verbs between a name and a document word that make the name its author ("Gatsby
    /// issued a statement"); any other verb there ("Kudlow denied reports") does not.
    pub issuing_verbs: HashSet<String>,
}

#[derive(Debug, Deserialize)]
pub struct Settings {
    pub speaker: SpeakerSettings,
    pub content: ContentSettings,
    pub mixed: MixedSettings,
    pub direct: DirectSettings,
    pub parse: ParseSettings,
    pub follow: FollowSettings,
}

/// Everything the quotes stage knows: cues by word form, reporting nouns, settings.
#[derive(Debug)]
pub struct QuoteConfig {
    cues: HashMap<String, Vec<CueEntry>>,
    /// Reporting nouns, every form, lowercase; multi-word nouns by their last word.
    nouns: HashSet<String>,
    pub settings: Settings,
}

/// A data file that could not be read.
#[derive(Debug)]
pub struct ConfigError(pub String);

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

const CUES: &str = include_str!("../../../data/quotes/cues.tsv");
const NOUNS: &str = include_str!("../../../data/quotes/nouns.tsv");
const SETTINGS: &str = include_str!("../../../data/quotes/config.toml");

static CONFIG: OnceLock<QuoteConfig> = OnceLock::new();

impl QuoteConfig {
    /// The configuration from `data/quotes/` (or the user's override folder), built once.
    /// A broken override is reported on stderr and the built-in copy used.
    pub fn get() -> &'static QuoteConfig {
        CONFIG.get_or_init(|| {
            let cues = data::text("quotes/cues.tsv", CUES);
            let nouns = data::text("quotes/nouns.tsv", NOUNS);
            let settings = data::toml_text("quotes/config.toml", SETTINGS);
            QuoteConfig::from_sources(&cues, &nouns, &settings).unwrap_or_else(|e| {
                eprintln!("demarche: data/quotes: {e}; using the built-in copy");
                QuoteConfig::from_sources(CUES, NOUNS, SETTINGS)
                    .expect("built-in data/quotes parses")
            })
        })
    }

    /// Builds a configuration from the contents of the three data files.
    pub fn from_sources(
        cues: &str,
        nouns: &str,
        settings: &str,
    ) -> Result<QuoteConfig, ConfigError> {
        let settings: Settings = toml::from_str(settings)
            .map_err(|e| ConfigError(format!("config.toml: {}", data::toml_error(&e))))?;
        let mut map: HashMap<String, Vec<CueEntry>> = HashMap::new();
        for (n, row) in data::rows(cues).enumerate() {
            let phrase: Vec<String> = row[0].split_whitespace().map(str::to_lowercase).collect();
            let Some(flags) = row.get(1) else {
                return Err(ConfigError(format!(
                    "cues.tsv: entry {} ({}) has no flags",
                    n + 1,
                    row[0]
                )));
            };
            let Some((head, rest)) = phrase.split_first() else {
                continue;
            };
            let forms: Vec<String> = match row.get(2).filter(|f| !f.is_empty()) {
                Some(list) => list.split('|').map(|f| f.trim().to_lowercase()).collect(),
                None => regular_forms(head),
            };
            let entry = CueEntry {
                lemma: phrase.join(" "),
                flags: CueFlags::parse(flags),
                rest: rest.to_vec(),
            };
            if (entry.flags.belief && !settings.content.beliefs)
                || (entry.flags.intent && !settings.content.intentions)
            {
                continue;
            }
            for form in forms {
                map.entry(form).or_default().push(entry.clone());
            }
        }
        // Longer cues first, so "refer to" wins over a one-word reading.
        for entries in map.values_mut() {
            entries.sort_by_key(|e| std::cmp::Reverse(e.rest.len()));
        }
        let mut noun_set = HashSet::new();
        for row in data::rows(nouns) {
            let last = row[0]
                .split_whitespace()
                .last()
                .unwrap_or(row[0])
                .to_lowercase();
            let plural = match row.get(1) {
                Some(p) if !p.is_empty() => p.split_whitespace().last().unwrap_or(p).to_lowercase(),
                _ => format!("{last}s"),
            };
            noun_set.insert(last);
            noun_set.insert(plural);
        }
        Ok(QuoteConfig {
            cues: map,
            nouns: noun_set,
            settings,
        })
    }

    /// Cue entries whose form is `word` (any case).
    pub fn cues_for(&self, word: &str) -> &[CueEntry] {
        with_lower(word, |w| self.cues.get(w).map(Vec::as_slice)).unwrap_or(&[])
    }

    pub fn is_reporting_noun(&self, word: &str) -> bool {
        with_lower(word, |w| self.nouns.contains(w))
    }
}

/// Calls `f` with `word` lowercased, without allocating for short ASCII words.
pub(crate) fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    let bytes = word.as_bytes();
    if word.is_ascii() && bytes.len() <= 32 {
        let mut buf = [0u8; 32];
        for (d, s) in buf.iter_mut().zip(bytes) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out: always valid UTF-8.
        f(std::str::from_utf8(&buf[..bytes.len()]).unwrap_or(""))
    } else {
        f(&word.to_lowercase())
    }
}

/// Regular English inflections of a verb: lemma, -s, -ed, -ing.
fn regular_forms(lemma: &str) -> Vec<String> {
    let ends = |s: &str| lemma.ends_with(s);
    let before_last = lemma.chars().rev().nth(1).unwrap_or('a');
    let consonant_y = ends("y") && !"aeiou".contains(before_last);
    let third = if consonant_y {
        format!("{}ies", &lemma[..lemma.len() - 1])
    } else if ends("s") || ends("sh") || ends("ch") || ends("x") || ends("z") || ends("o") {
        format!("{lemma}es")
    } else {
        format!("{lemma}s")
    };
    let past = if consonant_y {
        format!("{}ied", &lemma[..lemma.len() - 1])
    } else if ends("e") {
        format!("{lemma}d")
    } else {
        format!("{lemma}ed")
    };
    let ing = if ends("e") && !ends("ee") {
        format!("{}ing", &lemma[..lemma.len() - 1])
    } else {
        format!("{lemma}ing")
    };
    vec![lemma.to_string(), third, past, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_inflections_follow_spelling_rules() {
        assert_eq!(
            regular_forms("deny"),
            ["deny", "denies", "denied", "denying"]
        );
        assert_eq!(regular_forms("note"), ["note", "notes", "noted", "noting"]);
        assert_eq!(
            regular_forms("stress"),
            ["stress", "stresses", "stressed", "stressing"]
        );
        assert_eq!(
            regular_forms("agree"),
            ["agree", "agrees", "agreed", "agreeing"]
        );
    }

    #[test]
    fn built_in_data_loads_with_irregular_and_multiword_cues() {
        let cfg = QuoteConfig::get();
        assert!(cfg
            .cues_for("Said")
            .iter()
            .any(|e| e.lemma == "say" && e.flags.direct));
        assert!(cfg.cues_for("told")[0].flags.addressee);
        assert_eq!(cfg.cues_for("according")[0].rest, ["to"]);
        assert!(cfg.cues_for("pointed").iter().any(|e| e.rest == ["out"]));
        assert!(cfg.cues_for("stressed")[0].flags.needs_that);
        // Beliefs and findings are off in the built-in settings.
        assert!(!cfg.settings.content.beliefs && cfg.cues_for("found").is_empty());
        assert!(!cfg.settings.content.intentions && cfg.cues_for("wants").is_empty());
        assert!(cfg.cues_for("table").is_empty());
        assert!(cfg.is_reporting_noun("statement") && cfg.is_reporting_noun("Remarks"));
    }

    #[test]
    fn intentions_load_when_the_settings_ask_for_them() {
        let settings = include_str!("../../../data/quotes/config.toml")
            .replace("intentions = false", "intentions = true");
        let cues = include_str!("../../../data/quotes/cues.tsv");
        let cfg = QuoteConfig::from_sources(cues, "", &settings).unwrap();
        let wants = cfg.cues_for("wants");
        assert!(wants
            .iter()
            .any(|e| e.lemma == "want" && e.flags.intent && e.flags.stance));
        assert!(cfg.cues_for("declined")[0].flags.intent);
    }

    #[test]
    fn a_cue_without_flags_is_an_error() {
        let settings = include_str!("../../../data/quotes/config.toml");
        let err = QuoteConfig::from_sources("say\n", "", settings).unwrap_err();
        assert!(err.to_string().contains("no flags"));
    }
}
