//! Acronyms of organisations named in the same story: defined in the text ("the Movement for
//! Democratic Change (MDC)") or spelling the initials of one organisation's capitalised words
//! ("the IRA" ... "the Irish Republican Army").

use std::collections::HashMap;

use crate::extract::mention::Mention;
use crate::model::EntityType;

/// The acronyms of one document, each to the full name it stands for. `text` gives a mention's
/// cleaned text. A definition "FULL NAME (ACRONYM)" wins over initials; an acronym whose initials
/// fit two organisations of the story is left out.
pub(super) fn definitions(
    doc: &str,
    mentions: &[Mention],
    text: &impl Fn(&Mention) -> String,
) -> HashMap<String, String> {
    let mut defined: HashMap<String, String> = HashMap::new();
    for w in mentions.windows(2) {
        let (full, acr) = (&w[0], &w[1]);
        if full.ty == EntityType::Organization
            && acr.ty == EntityType::Organization
            && full.span.end <= acr.span.start
            && doc[full.span.end..acr.span.start].trim() == "("
            && doc[acr.span.end..].trim_start().starts_with(')')
        {
            defined.insert(text(acr), text(full));
        }
    }
    // Distinct names once, and multi-word names by their initials: linear in the mentions.
    let mut orgs: Vec<String> = mentions
        .iter()
        .filter(|m| m.ty == EntityType::Organization)
        .map(text)
        .collect();
    orgs.sort_unstable();
    orgs.dedup();
    let mut by_initials: HashMap<String, Vec<&String>> = HashMap::new();
    for full in orgs.iter().filter(|full| full.contains(' ')) {
        by_initials.entry(initials(full)).or_default().push(full);
    }
    for acr in &orgs {
        if acr.len() < 2
            || !acr.bytes().all(|b| b.is_ascii_uppercase())
            || defined.contains_key(acr)
        {
            continue;
        }
        if let Some([one]) = by_initials.get(acr).map(Vec::as_slice) {
            defined.insert(acr.clone(), (*one).clone());
        }
    }
    defined
}

/// The first letters of the capitalised words of a name, words split at spaces and hyphens:
/// "Irish Republican Army" -> "IRA", "Movement for Democratic Change" -> "MDC".
fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{definitions, initials};
    use crate::extract::mention::{Mention, MentionSource};
    use crate::model::EntityType;
    use crate::span::Span;

    /// Organisation mentions of `names` (each the first occurrence in `doc`), in text order.
    fn orgs(doc: &str, names: &[&str]) -> Vec<Mention> {
        names
            .iter()
            .map(|n| {
                let start = doc.find(n).expect("name in the text");
                Mention {
                    span: Span::new(start, start + n.len()),
                    sentence: 0,
                    tokens: (0, 0),
                    ty: EntityType::Organization,
                    source: MentionSource::Name,
                    titled: false,
                }
            })
            .collect()
    }

    fn acronyms(doc: &str, names: &[&str]) -> Vec<(String, String)> {
        let text = |m: &Mention| doc[m.span].to_owned();
        let mut v: Vec<_> = definitions(doc, &orgs(doc, names), &text)
            .into_iter()
            .collect();
        v.sort();
        v
    }

    #[test]
    fn initials_skip_lower_case_words_and_split_at_hyphens() {
        assert_eq!(initials("Movement for Democratic Change"), "MDC");
        assert_eq!(initials("Anti-Slavery International"), "ASI");
    }

    #[test]
    fn a_bracketed_acronym_is_defined_by_the_name_before_it() {
        let doc = "The Party of Quiet Harbours (PQH) met. PQH leaders spoke.";
        let got = acronyms(doc, &["Party of Quiet Harbours", "PQH"]);
        assert_eq!(got, [("PQH".into(), "Party of Quiet Harbours".into())]);
    }

    #[test]
    fn a_definition_wins_over_initials() {
        let doc = "The Green Valley Union (GVU) and the Grand Vintners Union met.";
        let got = acronyms(doc, &["Green Valley Union", "GVU", "Grand Vintners Union"]);
        assert_eq!(got, [("GVU".into(), "Green Valley Union".into())]);
    }

    #[test]
    fn initials_of_one_organisation_define_the_acronym() {
        let doc = "The ORB said so. The Order of Red Bells had said so before.";
        let got = acronyms(doc, &["ORB", "Order of Red Bells"]);
        assert_eq!(got, [("ORB".into(), "Order of Red Bells".into())]);
    }

    #[test]
    fn initials_of_two_organisations_define_nothing() {
        let doc = "The ORB said so. The Order of Red Bells and the Office of Rail Boards agreed.";
        let got = acronyms(doc, &["ORB", "Order of Red Bells", "Office of Rail Boards"]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn one_organisation_named_twice_still_defines_its_initials() {
        let doc = "The ORB said so. The Order of Red Bells agreed; the Order of Red Bells voted.";
        let mut mentions = orgs(doc, &["ORB", "Order of Red Bells"]);
        let again = doc.rfind("Order of Red Bells").expect("second telling");
        let mut second = mentions[1].clone();
        second.span = Span::new(again, again + "Order of Red Bells".len());
        mentions.push(second);
        let text = |m: &Mention| doc[m.span].to_owned();
        let got = definitions(doc, &mentions, &text);
        assert_eq!(
            got.get("ORB").map(String::as_str),
            Some("Order of Red Bells")
        );
    }
}
