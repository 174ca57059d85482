//! Passes over a sentence's items and mentions: reading capitals, country adjectives, coordinated names, results lines, and one type per name in a story.

use super::{Item, ItemKind, Mention, MentionSource, lower_word, span_of};
use crate::lexicon::{Cue, Lexicon};
use crate::model::EntityType;
use crate::text::{Sentence, TokenKind};

/// "SOCCER - JAPAN GET LUCKY WIN": a sentence in capitals says nothing by its case. Its
/// words are read in lower case except those that, written as names are ("Japan", "NATO"),
/// start a known name. The copy has the same byte offsets as `doc` (ASCII case changes
/// only), so mention spans stay valid. `None` when the sentence is not in capitals.
pub(super) fn decapitalise(
    doc: &str,
    sentence: &Sentence,
    lex: &Lexicon,
) -> Option<(String, Sentence)> {
    let toks = &sentence.tokens;
    // Words of two letters or more, and those without a lower-case letter (ASCII words by
    // their bytes).
    let (mut words, mut caps) = (0, 0);
    for (k, w) in toks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.is_word())
        .map(|(k, t)| (k, t.text(doc)))
    {
        // Each token left adds at most one word in capitals: stop once a sentence in
        // capitals (four in five words) is out of reach.
        if (words - caps) * 4 > caps + (toks.len() - k) {
            return None;
        }
        let (letters, lower) = if w.is_ascii() {
            let b = w.as_bytes();
            (
                b.iter().filter(|c| c.is_ascii_alphabetic()).count(),
                b.iter().any(u8::is_ascii_lowercase),
            )
        } else {
            (
                w.chars().filter(|c| c.is_alphabetic()).count(),
                w.chars().any(char::is_lowercase),
            )
        };
        if letters >= 2 {
            words += 1;
            caps += usize::from(!lower);
        }
    }
    if words < 3 || caps * 5 < words * 4 {
        return None;
    }
    let mut text = doc.as_bytes().to_vec();
    let mut out = sentence.clone();
    // Title case every word, then keep the case only where a known name starts.
    for t in &out.tokens {
        if t.is_word() && doc[t.span].is_ascii() {
            let b = &mut text[t.span.start..t.span.end];
            b[1..].make_ascii_lowercase();
        }
    }
    let titled = String::from_utf8(text).expect("ASCII case changes keep UTF-8");
    let mut text = titled.clone().into_bytes();
    let mut k = 0;
    while k < out.tokens.len() {
        let t = out.tokens[k];
        if !t.is_word() {
            k += 1;
            continue;
        }
        // "NATO" as written, "Japan" in title case.
        let as_written = lex.names.longest_at(doc, toks, k).map(|(len, _)| len);
        let known =
            as_written.or_else(|| lex.names.longest_at(&titled, toks, k).map(|(len, _)| len));
        if let Some(len) = known {
            if as_written.is_some() {
                for tj in &out.tokens[k..(k + len).min(out.tokens.len())] {
                    text[tj.span.start..tj.span.end]
                        .copy_from_slice(&doc.as_bytes()[tj.span.start..tj.span.end]);
                }
            }
            k += len;
            continue;
        }
        if doc[t.span].is_ascii() {
            text[t.span.start..t.span.end].make_ascii_lowercase();
            out.tokens[k].upper = false;
        }
        k += 1;
    }
    Some((
        String::from_utf8(text).expect("ASCII case changes keep UTF-8"),
        out,
    ))
}

/// A known organisation of one country after the adjective of another ("the Libyan House of
/// Representatives", where the gazetteer's House of Representatives is the United States')
/// is not that organisation: the adjective and the name together are the name of another
/// one, a name the lexicon does not know.
pub(super) fn foreign_institutions(
    sentence: &Sentence,
    lex: &Lexicon,
    items: &mut Vec<Item<'_>>,
    mentions: &mut [Mention],
) {
    let mut k = 0;
    while k + 1 < items.len() {
        let (ItemKind::Demonym(country), ItemKind::Mention(m)) =
            (&items[k].kind, &items[k + 1].kind)
        else {
            k += 1;
            continue;
        };
        let (country, m) = (*country, *m);
        let foreign = match &mentions[m].source {
            MentionSource::Known(ids) => ids.iter().all(|id| {
                let e = lex.entity(*id);
                e.ty == EntityType::Organization
                    && e.country
                        .as_deref()
                        .is_some_and(|c| c != lex.entity(country).name)
            }),
            _ => false,
        };
        if !foreign || items[k].end != items[k + 1].start {
            k += 1;
            continue;
        }
        let (s, e) = (items[k].start, items[k + 1].end);
        let mention = &mut mentions[m];
        mention.span = span_of(sentence, s, e);
        mention.tokens = (s, e);
        mention.source = MentionSource::Name;
        items[k].end = e;
        items[k].kind = ItemKind::Mention(m);
        items.remove(k + 1);
        k += 1;
    }
}

/// Country adjectives before a role or a government noun are mentions of the country
/// ("Russian President", "the French government"), and before a place noun and "of" ("the
/// Russian city of Belgorod"); before other nouns they are not.
pub(super) fn promote_demonyms(
    doc: &str,
    sentence: &Sentence,
    lex: &Lexicon,
    items: &mut [Item<'_>],
    mentions: &mut Vec<Mention>,
    index: usize,
) {
    for k in 0..items.len() {
        let ItemKind::Demonym(country) = items[k].kind else {
            continue;
        };
        let mut j = k + 1;
        while j < items.len()
            && matches!(items[j].kind, ItemKind::Word)
            && crate::lexicon::contains_folded(
                &lex.modifiers,
                sentence.tokens[items[j].start].text(doc),
            )
        {
            j += 1;
        }
        let qualifies = match items.get(j).map(|it| &it.kind) {
            Some(ItemKind::Role { .. }) => true,
            Some(ItemKind::Word) => {
                let word = |i: usize| {
                    items
                        .get(i)
                        .map_or("", |it| sentence.tokens[it.start].text(doc))
                };
                lex.cue(Cue::GovernmentNoun)
                    .matches_at(doc, &sentence.tokens, items[j].start)
                    // "the Russian city of Belgorod": the country the place lies in.
                    || (lex.in_class("place-noun", word(j)) && lex.in_class("of-word", word(j + 1)))
            }
            _ => false,
        };
        if qualifies {
            let (s, e) = (items[k].start, items[k].end);
            mentions.push(Mention {
                span: span_of(sentence, s, e),
                sentence: index,
                tokens: (s, e),
                ty: EntityType::Place,
                source: MentionSource::Nationality(country),
                titled: false,
            });
            items[k].kind = ItemKind::Mention(mentions.len() - 1);
        }
    }
}

/// "Bristol City 0 Crewe 2", "Fulham 4 3 0 1": in a results line a name followed by a score
/// is a team, an organisation, even when it is also a city; a name with a score after it and
/// another scored name right after that score, or with two scores or more after it (a
/// standings row). People named in full keep their type ("Ana Ruiz 68 70 71" on a golf
/// leaderboard).
pub(super) fn results_lines(
    doc: &str,
    sentence: &Sentence,
    lex: &Lexicon,
    items: &mut [Item<'_>],
    mentions: &mut Vec<Mention>,
    index: usize,
) {
    let toks = &sentence.tokens;
    let score = |i: usize| {
        toks.get(i).is_some_and(|t| {
            t.kind == TokenKind::Number && t.text(doc).bytes().all(|b| b.is_ascii_digit())
        })
    };
    if !items.iter().any(|it| score(it.end)) {
        return;
    }
    // Items that may name a team: mentions, and capitalised runs no rule typed.
    let named = |it: &Item<'_>| match it.kind {
        ItemKind::Mention(_) => true,
        ItemKind::Word => {
            let t = toks[it.start];
            t.upper && t.is_word() && !lex.stopwords.contains(t.text(doc))
        }
        _ => false,
    };
    let scored = |k: usize| items.get(k).is_some_and(|it| named(it) && score(it.end));
    let teams: Vec<usize> = (0..items.len())
        .filter(|&k| {
            let e = items[k].end;
            scored(k) && (score(e + 1) || scored(k + 2) || (k >= 2 && scored(k - 2)))
        })
        .collect();
    for k in teams {
        let it = &mut items[k];
        match it.kind {
            ItemKind::Mention(m) => {
                let person_in_full = mentions[m].ty == EntityType::Person
                    && (mentions[m].titled || mentions[m].tokens.1 - mentions[m].tokens.0 >= 2);
                if person_in_full || matches!(mentions[m].source, MentionSource::Nationality(_)) {
                    continue;
                }
                mentions[m].ty = EntityType::Organization;
                mentions[m].source = MentionSource::Name;
            }
            _ => {
                mentions.push(Mention {
                    span: span_of(sentence, it.start, it.end),
                    sentence: index,
                    tokens: (it.start, it.end),
                    ty: EntityType::Organization,
                    source: MentionSource::Name,
                    titled: false,
                });
                it.kind = ItemKind::Mention(mentions.len() - 1);
            }
        }
    }
}

/// A mention right after a role or honorific is "titled": a strong person signal.
pub(super) fn mark_titled(items: &[Item<'_>], mentions: &mut [Mention]) {
    for w in items.windows(2) {
        if let (ItemKind::Role { .. } | ItemKind::Honorific, ItemKind::Mention(m)) =
            (&w[0].kind, &w[1].kind)
        {
            mentions[*m].titled = true;
        }
    }
}

/// One name, one type in a story: an untitled name typed a person only for want of other
/// evidence takes the type an organisation's mention of the same words has ("Sinn Fein
/// leader X" ... "said Sinn Fein").
pub fn one_name_one_type(doc: &str, mentions: &mut [Mention]) {
    let orgs: Vec<&str> = mentions
        .iter()
        .filter(|m| m.ty == EntityType::Organization && matches!(m.source, MentionSource::Name))
        .map(|m| &doc[m.span])
        .collect();
    if orgs.is_empty() {
        return;
    }
    for m in mentions.iter_mut() {
        if m.ty == EntityType::Person
            && !m.titled
            && matches!(m.source, MentionSource::Name)
            && orgs.contains(&&doc[m.span])
        {
            m.ty = EntityType::Organization;
        }
    }
}

/// "including Cai Qi and Wang Yi": an unclassified capitalised name of two or three words
/// coordinated with a person ("X and Y", "Y and X") is a person too.
pub(super) fn coordinated_names(
    doc: &str,
    sentence: &Sentence,
    index: usize,
    lex: &Lexicon,
    items: &mut [Item<'_>],
    mentions: &mut Vec<Mention>,
) {
    let toks = &sentence.tokens;
    let pos = crate::lexicon::pos::PosTable::embedded();
    let person = |items: &[Item<'_>], mentions: &[Mention], k: usize| matches!(items.get(k).map(|i| &i.kind), Some(ItemKind::Mention(m)) if mentions[*m].ty == EntityType::Person);
    let word = |items: &[Item<'_>], k: usize| {
        items
            .get(k)
            .map_or("", |i: &Item<'_>| toks[i.start].text(doc))
    };
    let and = |items: &[Item<'_>], k: usize| lower_word(lex.class("name-and"), word(items, k));
    let of = |items: &[Item<'_>], k: usize| lower_word(lex.class("of-word"), word(items, k));
    for k in 0..items.len() {
        let it = &items[k];
        let len = it.end - it.start;
        let name_like = matches!(it.kind, ItemKind::Word)
            && (2..=3).contains(&len)
            && (it.start..it.end).all(|t| {
                let w = toks[t].text(doc);
                // "Emerging Technologies": words of the language, longer than a short
                // syllable name ("Cai Qi"), are a title, not a name.
                toks[t].upper
                    && w.chars().skip(1).any(char::is_lowercase)
                    && (w.chars().count() <= 4 || pos.tags(w).is_empty())
            });
        if !name_like || it.start == 0 {
            continue;
        }
        let coordinated = (and(items, k + 1) && person(items, mentions, k + 2))
            || (k >= 2 && and(items, k - 1) && person(items, mentions, k - 2))
            // "Presidents A of X and B of Y"
            || (k >= 4
                && and(items, k - 1)
                && of(items, k - 3)
                && person(items, mentions, k - 4));
        if coordinated {
            mentions.push(Mention {
                span: span_of(sentence, it.start, it.end),
                sentence: index,
                tokens: (it.start, it.end),
                ty: EntityType::Person,
                source: MentionSource::Name,
                titled: false,
            });
            items[k].kind = ItemKind::Mention(mentions.len() - 1);
        }
    }
}
