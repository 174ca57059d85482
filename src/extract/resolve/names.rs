//! Names in resolution: mention text cleaned, known people by surname, abbreviations of
//! known organisations written out.

use std::collections::HashMap;

use crate::identity::name_key;
use crate::lexicon::{KnownId, Lexicon, NameHit};
use crate::model::EntityType;

/// An organisation's name that begins with the abbreviation of a known organisation ("AU
/// Commission", "UN Security Council"), with the abbreviation written out as that
/// organisation's name ("African Union Commission"), and that name. Only all-capital
/// abbreviations of two to five letters that the gazetteer gives as another name of an
/// organisation count ("US" is a country's).
pub(super) fn spelled_out(lex: &Lexicon, name: &str) -> Option<(String, String)> {
    let (first, rest) = name.split_once(' ')?;
    let short = first.trim_matches('.').replace('.', "");
    if !(2..=5).contains(&short.len()) || !short.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let toks = crate::text::tokenize(first, crate::Span::new(0, first.len()));
    let (len, hits) = lex.names.longest_at(first, &toks, 0)?;
    if len != toks.len() || rest.is_empty() {
        return None;
    }
    // One organisation by that abbreviation, else none.
    let mut found = None;
    for h in hits {
        if let NameHit::Entity { id, .. } = h {
            let e = lex.entity(*id);
            if e.ty != EntityType::Organization || e.name == first {
                return None;
            }
            if found.is_some_and(|f| f != *id) {
                return None;
            }
            found = Some(*id);
        }
    }
    let e = lex.entity(found?);
    Some((format!("{} {rest}", e.name), e.name.clone()))
}

/// Mention text without a possessive or trailing punctuation, spaces normalised.
pub(super) fn clean(s: &str) -> String {
    let s = s
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['.', ',']);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Known people of two words or more by the [`name_key`] of their surname; built once for the
/// embedded lexicon, per call for another.
pub(super) fn known_by_surname(
    lex: &Lexicon,
) -> std::borrow::Cow<'static, HashMap<String, Vec<KnownId>>> {
    fn build(lex: &Lexicon) -> HashMap<String, Vec<KnownId>> {
        let mut m: HashMap<String, Vec<KnownId>> = HashMap::new();
        for i in 0..lex.len() {
            let Ok(i) = u32::try_from(i) else { break };
            let e = lex.entity(KnownId(i));
            if e.ty == EntityType::Person && e.name.contains(' ') {
                if let Some(last) = e.name.split(' ').next_back() {
                    m.entry(name_key(last)).or_default().push(KnownId(i));
                }
            }
        }
        m
    }
    static EMBEDDED: std::sync::OnceLock<HashMap<String, Vec<KnownId>>> =
        std::sync::OnceLock::new();
    if std::ptr::eq(lex, Lexicon::embedded()) {
        std::borrow::Cow::Borrowed(EMBEDDED.get_or_init(|| build(lex)))
    } else {
        std::borrow::Cow::Owned(build(lex))
    }
}
