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

/// One name for a ministry however the article words it: "Turkish Foreign Ministry",
/// "Turkish Ministry of Foreign Affairs" and "Ministry of Foreign Affairs of Turkey" are all
/// "Ministry of Foreign Affairs of Turkey"; "Interior Ministry" is "Ministry of Interior".
/// The English constructions: "[COUNTRY] REMIT HEAD", "[COUNTRY] HEAD of REMIT" and "HEAD of
/// REMIT of [the] COUNTRY", with the head word in `ministry-head`, a remit of one or two
/// capitalised words, and the noun of `ministry-affairs-noun` ("Affairs") after the remits of
/// `ministry-affairs-remit` (the words are read from the classes, never written here). `None`
/// for any other name.
pub(super) fn ministry_name(lex: &Lexicon, name: &str) -> Option<String> {
    let head = lex.class("ministry-head")?;
    let affairs_remit = lex.class("ministry-affairs-remit")?;
    let of = lex.class("of-word")?;
    let the = lex.class("the")?;
    let words: Vec<&str> = name.split(' ').collect();
    let at = words.iter().position(|w| head.has_word(w))?;
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // The country: the words before the remit (first form) or after "of ... of [the]".
    let country_of = |ws: &[&str]| -> Option<String> {
        let ws: Vec<&str> = ws.iter().copied().skip_while(|w| the.has_word(w)).collect();
        if ws.is_empty() {
            return None;
        }
        let text = ws.join(" ");
        let toks = crate::text::tokenize(&text, crate::Span::new(0, text.len()));
        let (len, hits) = lex.names.longest_at(&text, &toks, 0)?;
        if len != toks.len() {
            return None;
        }
        hits.iter().find_map(|h| match h {
            NameHit::Demonym { country, .. } => Some(lex.entity(*country).name.clone()),
            NameHit::Entity { id, .. }
                if lex.entity(*id).place_kind == Some(crate::model::PlaceKind::Country) =>
            {
                Some(lex.entity(*id).name.clone())
            }
            NameHit::Entity { .. } => None,
        })
    };
    let (remit, country): (Vec<&str>, Option<String>) = if at + 1 == words.len() {
        // "[COUNTRY] REMIT Ministry": the remit is the one or two words before the head.
        let before = &words[..at];
        let n = before.len();
        let with_country =
            (n.saturating_sub(2).max(1)..n).find_map(|s| country_of(&before[..s]).map(|c| (s, c)));
        match with_country {
            Some((split, country)) => (before[split..].to_vec(), Some(country)),
            None if n <= 2 => (before.to_vec(), None),
            None => return None,
        }
    } else {
        // "[COUNTRY] Ministry of REMIT [of [the] COUNTRY]"
        if !words.get(at + 1).is_some_and(|w| of.has_word(w)) {
            return None;
        }
        let rest = &words[at + 2..];
        let end = rest
            .iter()
            .position(|w| of.has_word(w))
            .unwrap_or(rest.len());
        let after = (end < rest.len())
            .then(|| country_of(&rest[end + 1..]))
            .flatten();
        if end < rest.len() && after.is_none() {
            return None;
        }
        let before = (at > 0).then(|| country_of(&words[..at])).flatten();
        if at > 0 && before.is_none() {
            return None;
        }
        (rest[..end].to_vec(), before.or(after))
    };
    if remit.is_empty() || remit.len() > 3 || !remit.iter().all(cap) {
        return None;
    }
    // "Foreign" and "Foreign Affairs" are one remit.
    let noun = lex.class("ministry-affairs-noun")?;
    let mut remit: Vec<&str> = remit;
    if remit.len() == 2 && noun.has_word(remit[1]) && affairs_remit.has_word(remit[0]) {
        remit.pop();
    }
    let of_word = of.words().next()?;
    let mut out = format!("{} {of_word} {}", words[at], remit.join(" "));
    if remit.len() == 1 && affairs_remit.has_word(remit[0]) {
        let affairs = noun.words().next()?;
        let mut chars = affairs.chars();
        out.push(' ');
        out.extend(chars.next()?.to_uppercase());
        out.push_str(chars.as_str());
    }
    if let Some(c) = country {
        out.push(' ');
        out.push_str(of_word);
        out.push(' ');
        out.push_str(&c);
    }
    Some(out)
}
