//! Drops lines of extracted text that are page furniture (`boilerplate.toml`):
//! labels ("Advertisement"), pointers to other articles ("Read more: ..."),
//! credits, sign-up prompts, and the list under a trailing "Related" heading.

use crate::WebRules;

/// Characters trimmed from a line before it is compared with the lists.
const TRIM: &[char] = &[
    ':', '.', '|', '»', '›', '>', '-', '–', '—', '•', '*', '#', ' ', '\t',
];

/// Returns the text without furniture lines, lines joined by '\n'.
pub fn drop_furniture_lines(text: &str, rules: &WebRules) -> String {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let tail_start = (lines.len() as f64 * rules.lines.tail_fraction).ceil() as usize;
    let mut kept: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let key = line.trim_matches(TRIM).to_lowercase();
        if i >= tail_start.max(1) && rules.tail_headings.contains(&key) {
            break;
        }
        if !is_furniture(line, &key, rules) {
            kept.push(line);
        }
    }
    kept.join("\n")
}

fn is_furniture(line: &str, key: &str, rules: &WebRules) -> bool {
    if key.is_empty() || rules.exact_lines.contains(key) {
        return true;
    }
    let lower = line.to_lowercase();
    if rules
        .lines
        .line_prefixes
        .iter()
        .any(|p| lower.starts_with(p.as_str()))
    {
        return true;
    }
    let short = line.split_whitespace().count() <= rules.lines.max_words_for_contains;
    short
        && rules
            .lines
            .contains_in_short_lines
            .iter()
            .any(|c| lower.contains(c.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn furniture_lines_go_prose_stays() {
        let text = "The council met on Monday to vote on the budget.\nAdvertisement\n\
                    Read more: Council rejects earlier plan\n\
                    Members argued for three hours before the vote.\n\
                    Photo: A staff photographer\n\
                    Follow us on the usual networks for updates.\n\
                    The budget passed by two votes.";
        let out = drop_furniture_lines(text, WebRules::builtin());
        assert_eq!(
            out,
            "The council met on Monday to vote on the budget.\n\
             Members argued for three hours before the vote.\n\
             The budget passed by two votes."
        );
    }

    #[test]
    fn trailing_related_list_is_cut_but_not_an_early_heading() {
        let text = "Related\nFirst paragraph of the story.\nSecond paragraph.\nThird paragraph.\n\
                    Related articles:\nAnother story\nYet another story";
        let out = drop_furniture_lines(text, WebRules::builtin());
        assert_eq!(
            out,
            "First paragraph of the story.\nSecond paragraph.\nThird paragraph."
        );
    }

    #[test]
    fn prose_that_mentions_sharing_is_kept() {
        let text = "Share prices fell sharply after the announcement.\nComments from the minister followed.";
        assert_eq!(drop_furniture_lines(text, WebRules::builtin()), text);
    }
}
