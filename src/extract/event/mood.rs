//! Tests on an event's words: qualifying names, antecedents, realis, tense and mode.

use std::collections::HashSet;

use crate::extract::mention::{ItemKind, MentionSource};
use crate::extract::relation::{SentenceView, description_at, titled_antecedent};
use crate::extract::resolve::EntityId;
use crate::lexicon::Cue;
use crate::model::{EntityType, PlaceKind};
use crate::rules::Mode;
use crate::rules::matcher::Units;

/// A name that qualifies a role rather than taking part: "Chairperson of the African
/// Union X", "NATO Secretary General X", "the Nasa (Nasa) leader X", "Trump's envoy X".
pub(super) fn qualifier(v: &SentenceView<'_, '_>, k: usize) -> bool {
    let is_role = |j: usize| matches!(v.items.get(j).map(|i| &i.kind), Some(ItemKind::Role { .. }));
    let mut j = k + 1;
    if v.word(j) == "(" {
        while j < v.items.len() && v.word(j) != ")" {
            j += 1;
        }
        j += 1;
    }
    if matches!(v.word(j), "'s" | "’s") {
        j += 1;
    }
    if is_role(j) && v.mention(j + 1).is_some() {
        return true;
    }
    let mut p = k;
    if p > 0 && v.lex.in_class("the", v.word(p - 1)) {
        p -= 1;
    }
    p >= 2 && v.lex.in_class("of-word", v.word(p - 1)) && is_role(p - 2)
}

/// The entities a captured range of units stands for.
pub(super) fn resolve_range(
    v: &SentenceView<'_, '_>,
    units: &Units<'_>,
    a: usize,
    b: usize,
    role_objects: &HashSet<usize>,
    current: Option<&[EntityId]>,
) -> Vec<EntityId> {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    let mut out: Vec<EntityId> = Vec::new();
    let push = |e: EntityId, out: &mut Vec<EntityId>| {
        if !out.contains(&e) {
            out.push(e);
        }
    };
    let mut k = a;
    while k < b {
        let u = &units.units[k];
        let next = u.bearer_end.unwrap_or(k + 1).max(k + 1);
        let it = &v.items[k];
        match &it.kind {
            ItemKind::Mention(mi) if u.bearer_end.is_some() => {
                // ", the Foreign Office said": the source of a report is not a participant.
                let source = lex.cue(Cue::Speech).matches_at(v.doc, toks, it.end)
                    && k > 0
                    && lex.in_class("source-opener", &units.units[k - 1].fold);
                let parenthetical = it.start > 0 && toks[it.start - 1].text(v.doc) == "(";
                if !source && !parenthetical && !role_objects.contains(mi) {
                    if let Some(e) = v.entity_of[*mi] {
                        push(e, &mut out);
                    }
                }
            }
            ItemKind::Role { .. } => {
                if let Some(person) = description_at(v, k)
                    .map(|(person, _, _)| person)
                    .or_else(|| titled_antecedent(v, k))
                {
                    push(person, &mut out);
                }
            }
            _ if u.bearer_end.is_some() || lex.in_class("possessive-person", &u.fold) => {
                let group = next > k + 1 || lex.in_class("plural-pronoun", &u.fold);
                if group {
                    if let Some(people) = current {
                        for &e in people {
                            push(e, &mut out);
                        }
                    }
                } else if let Some(e) = antecedent(
                    v,
                    k,
                    lex.cue(Cue::PronounFemale)
                        .matches_at(v.doc, toks, it.start),
                ) {
                    push(e, &mut out);
                }
            }
            _ => {}
        }
        k = next;
    }
    out
}

/// The person a "he"/"she" at item `k` stands for: the nearest person before it in the
/// sentence (of the pronoun's sex when world knowledge gives it), else the previous
/// sentence's subject.
pub(super) fn antecedent(v: &SentenceView<'_, '_>, k: usize, female: bool) -> Option<EntityId> {
    let fits = |e: EntityId| {
        let ent = &v.entities[e.index()];
        ent.ty == EntityType::Person
            && ent
                .known
                .and_then(|id| v.lex.entity(id).gender)
                .is_none_or(|g| (g == 'f') == female)
    };
    (0..k)
        .rev()
        .filter_map(|j| v.mention(j).map(|(_, e)| e))
        .find(|e| fits(*e))
        .or(v.previous_subject.filter(|e| fits(*e)))
}

/// The verb group ending at token `t` reports something real: no irrealis word (modal,
/// negation, "to", "if", "be" before a participle) among the words right before it, skipping
/// adverbs and time words.
pub(super) fn realis(v: &SentenceView<'_, '_>, t: usize) -> bool {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    let is = |name: &str, i: usize| {
        lex.class(name)
            .is_some_and(|c| c.longest_at(v.doc, toks, i).is_some())
    };
    let mut i = t;
    let mut looked = 0;
    while i > 0 && looked < 4 {
        i -= 1;
        let tok = toks[i];
        if is("irrealis", i) && !in_name(v, i) {
            return false;
        }
        let w = tok.text(v.doc);
        let aux = lex.in_class("auxiliary", w);
        let adverb = is("adverb", i)
            || is("time-word", i)
            || (!tok.upper && w.len() > 4 && w.ends_with("ly"));
        if !(aux || adverb) {
            break;
        }
        looked += 1;
    }
    true
}

/// No cue of a meeting that did not happen in the clause around tokens `[s, e)`: from the
/// clause start (at most six words before) to the next clause end after the match (at most
/// four words).
pub(super) fn happened(v: &SentenceView<'_, '_>, s: usize, e: usize) -> bool {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    let n = toks.len();
    let tx = |i: usize| toks.get(i).map_or("", |t| t.text(v.doc));
    // Only the last six words before the match can start the clause that counts.
    let clause_start = (s.saturating_sub(6)..s)
        .rev()
        .find(|&i| {
            matches!(tx(i), ";" | ":")
                || lex.cue(Cue::Speech).matches_at(v.doc, toks, i)
                || lex.in_class("contrast-link", tx(i))
        })
        .map_or(0, |i| i + 1);
    let from = clause_start.max(s.saturating_sub(6));
    let mut to = e;
    while to < n && to < e + 4 && !matches!(tx(to), "," | ";" | ":" | "." | "(") {
        to += 1;
    }
    // The sentence's dates, found once per sentence, in order and apart: the one that may
    // hold token i is the last starting at or before it.
    let in_date = |i: usize| {
        let k = v.dates.partition_point(|d| d.start <= i);
        k > 0 && i < v.dates[k - 1].end
    };
    !(from..to.min(n)).any(|i| {
        !in_name(v, i) && !in_date(i) && lex.cue(Cue::NotHappened).matches_at(v.doc, toks, i)
    })
}

/// Token `i` is part of a name ("Theresa May" holds no modal "may").
pub(super) fn in_name(v: &SentenceView<'_, '_>, i: usize) -> bool {
    // Items follow each other in token order: the one that may hold token i is the last
    // starting at or before it.
    let k = v.items.partition_point(|it| it.start <= i);
    k > 0 && {
        let it = &v.items[k - 1];
        i < it.end && matches!(it.kind, ItemKind::Mention(m) if v.entity_of[m].is_some())
    }
}

/// A noun-headed meeting is told as past: a past marker ("ended", "took place", "after",
/// "during") or a past-tense verb in the sentence, outside a cancelling cue.
pub(super) fn past(v: &SentenceView<'_, '_>, s: usize, e: usize) -> bool {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    (0..toks.len()).any(|i| {
        let marker = !in_name(v, i)
            && lex.cue(Cue::PastMarker).matches_at(v.doc, toks, i)
            && !lex
                .cue(Cue::NotHappened)
                .matches_at(v.doc, toks, i.saturating_sub(1));
        let t = toks[i];
        let w = t.text(v.doc);
        // "are scheduled", "will be held": a participle after a present or future auxiliary.
        let after_aux = i > 0 && lex.in_class("be-nonpast", toks[i - 1].text(v.doc));
        let past_verb = (i < s || i >= e)
            && !after_aux
            && !t.upper
            && t.is_word()
            && w.len() > 4
            && w.ends_with("ed")
            && !lex.cue(Cue::NotHappened).matches_at(v.doc, toks, i)
            && !(i > 0 && lex.cue(Cue::NotHappened).matches_at(v.doc, toks, i - 1));
        marker || past_verb
    })
}

/// The mode told by the words of the match and the few after it: a video cue, a phone cue,
/// else in person.
pub(super) fn mode(v: &SentenceView<'_, '_>, s: usize, e: usize) -> Mode {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    let end = (e + 4).min(toks.len());
    let has = |name: &str| {
        lex.class(name)
            .is_some_and(|c| c.find_in(v.doc, toks, s, end).is_some())
    };
    if has("video-cue") {
        Mode::Video
    } else if has("phone-cue") {
        Mode::Phone
    } else {
        Mode::InPerson
    }
}

/// `NEWSKG_TRACE_RULES=1` prints every rule match and what it gave on stderr.
pub(super) fn trace() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NEWSKG_TRACE_RULES").is_some_and(|v| v == "1"))
}

/// `big` is a country, region or continent, and ranks above `small` (a city, facility,
/// region or unknown place; never a country inside a country).
pub(super) fn larger(
    big: &crate::extract::resolve::Entity,
    small: &crate::extract::resolve::Entity,
) -> bool {
    let rank = |e: &crate::extract::resolve::Entity| match e.place_kind {
        Some(PlaceKind::Continent) => 4,
        Some(PlaceKind::Country) => 3,
        Some(PlaceKind::Region) => 2,
        _ => 1,
    };
    big.ty == EntityType::Place
        && rank(big) >= 2
        && rank(big) > rank(small)
        && small.name != big.name
}

/// `inner` (the entity of mention `mi`) may lie inside `outer` ("Geneva in Switzerland",
/// "the Mayo Clinic, in Minnesota"): `inner` is a place below a country, a facility or an
/// organisation the lexicon does not know, and no country adjective; `outer` is another place,
/// and not a city around a region or another city.
pub(super) fn within(
    v: &SentenceView<'_, '_>,
    mi: usize,
    inner: &crate::extract::resolve::Entity,
    outer: &crate::extract::resolve::Entity,
) -> bool {
    let inner_ok = match inner.ty {
        EntityType::Place => !matches!(
            inner.place_kind,
            Some(PlaceKind::Country | PlaceKind::Continent)
        ),
        EntityType::Organization => {
            inner.place_kind == Some(PlaceKind::Facility) || inner.known.is_none()
        }
        EntityType::Person => false,
    };
    inner_ok
        && !matches!(v.mentions[mi].source, MentionSource::Nationality(_))
        && outer.ty == EntityType::Place
        && outer.name != inner.name
        && !(matches!(inner.place_kind, Some(PlaceKind::Region | PlaceKind::City))
            && outer.place_kind == Some(PlaceKind::City))
}
