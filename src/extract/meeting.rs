//! Meetings that happened, by named code: [`meeting`] reads the clause around a trigger
//! that a trigger rule of `meetings.rules` found (a past meeting verb, "held ... meeting
//! with", "after talks with X", "after meeting X", "the A–B meeting", "on the sidelines
//! of"), checks that the clause reports it as having happened, and collects participants,
//! place and date. A negation, modal, future or refusal cue in the clause ("has not been
//! scheduled", "will meet", "refused to meet", "is skipping") cancels it.

use std::collections::HashSet;

use crate::extract::mention::ItemKind;
use crate::extract::relation::SentenceView;
use crate::extract::resolve::EntityId;
use crate::lexicon::Cue;
use crate::model::{Date, EntityType, PlaceKind};
use crate::rules::{Mode, TriggerKind};
use crate::text::time::{DateMention, resolve};

/// A meeting the text reports as having happened.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Meeting {
    /// Who took part (two or more).
    pub participants: Vec<EntityId>,
    /// When, if the text says.
    pub date: Option<Date>,
    /// Where, if the text says.
    pub location: Option<EntityId>,
    /// Sentence index of the evidence.
    pub sentence: usize,
    /// The rule that found it.
    pub rule: &'static str,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// No one was named after the verb ("Macron received his guest alongside Barrot"): the
    /// sentence most likely continues a meeting told before.
    pub follow_up: bool,
    /// Only the hosts are named ("X and Y hosted talks"): not a meeting between them.
    pub hosts_only: bool,
    /// The sides, where the text gives them (a host and guests, two delegations), the host
    /// side first; empty when it gives none. Participants on no side met everyone.
    pub sides: Vec<Vec<EntityId>>,
    /// In person, by phone or by video.
    pub mode: Mode,
}

/// Finds the meeting a sentence reports, if any.
#[must_use]
pub fn meeting(
    v: &SentenceView<'_, '_>,
    role_objects: &HashSet<usize>,
    dates: &[DateMention],
    anchor: Option<Date>,
    published: Option<Date>,
    trigger: Option<crate::extract::event::Trigger>,
) -> Option<Meeting> {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    let tx = |i: usize| toks.get(i).map_or("", |t| t.text(v.doc));
    let n = toks.len();
    // 1. The trigger, found by a trigger rule of meetings.rules.
    let (t_start, t_end, kind) = trigger?;
    // 2. Did it happen? Look for cancelling cues in the clause around the trigger.
    let clause_start = (0..t_start)
        .rev()
        .find(|&i| {
            matches!(tx(i), ";" | ":")
                || lex.cue(Cue::Speech).matches_at(v.doc, toks, i)
                || is(lex, "contrast-link", tx(i))
                || is(lex, "time-link", tx(i))
        })
        .map_or(0, |i| i + 1);
    let window = match kind {
        TriggerKind::Verb => (clause_start.max(t_start.saturating_sub(6)), t_end),
        // "After his talks with Tusk, ..." / "ahead of his talks with Tusk": the words just
        // before the noun phrase and the phrase itself, up to the next comma.
        TriggerKind::Possessive => {
            let end = (t_end..n)
                .find(|&j| matches!(tx(j), "," | ";" | ":"))
                .unwrap_or(n);
            (clause_start.max(t_start.saturating_sub(6)), end)
        }
        TriggerKind::Pair | TriggerKind::Sidelines => {
            let past = (t_end..n).chain(0..t_start).find(|&i| {
                lex.cue(Cue::PastMarker).matches_at(v.doc, toks, i)
                    && !lex
                        .cue(Cue::NotHappened)
                        .matches_at(v.doc, toks, i.saturating_sub(1))
            });
            let past = past.or_else(|| {
                (kind == TriggerKind::Sidelines)
                    .then(|| past_verb(v, t_start))
                    .flatten()
            })?;
            // "was cancelled", "were called off": the words after the marker count too.
            (clause_start, (past + 3).max(t_end).min(n))
        }
    };
    if (window.0..window.1).any(|i| lex.cue(Cue::NotHappened).matches_at(v.doc, toks, i)) {
        return None;
    }
    // 3. Participants.
    let item_of = |tok: usize| {
        v.items
            .iter()
            .position(|it| it.start <= tok && tok < it.end)
    };
    let first_after = item_of(t_end).unwrap_or(v.items.len());
    let trig_item = item_of(t_start).unwrap_or(0);
    let mut participants: Vec<EntityId> = Vec::new();
    let mut venues: Vec<EntityId> = Vec::new();
    let is_venue = |k: usize| venue_prep(v, k).is_some_and(|w| is(lex, "venue-prep", w));
    let add = |k: usize, participants: &mut Vec<EntityId>, venues: &mut Vec<EntityId>| {
        // "the Russian president met ...": a description of a person named in the document.
        if let Some((person, _, _)) = crate::extract::relation::description_at(v, k) {
            if !participants.contains(&person) {
                participants.push(person);
            }
            return;
        }
        let Some((m, e)) = v.mention(k) else { return };
        let ent = &v.entities[e.index()];
        if is_venue(k) {
            if ent.ty == EntityType::Place || ent.place_kind == Some(PlaceKind::Facility) {
                venues.push(e);
            }
            return;
        }
        // ", the Foreign Office said": a source of the report, not a participant.
        let source = lex.cue(Cue::Speech).matches_at(v.doc, toks, v.items[k].end);
        let parenthetical = v.items[k].start > 0 && tx(v.items[k].start - 1) == "(";
        let media = ent.known.is_some_and(|id| lex.entity(id).media);
        if source
            || parenthetical
            || media
            || ent.ty == EntityType::Place
            || role_objects.contains(&m)
            || matches!(v.items[k].kind, ItemKind::Mention(mm) if matches!(v.mentions[mm].source, crate::extract::mention::MentionSource::Nationality(_)))
        {
            return;
        }
        if !participants.contains(&e) {
            participants.push(e);
        }
    };
    let clause_item = item_of(clause_start).unwrap_or(0);
    // Participants named after a meeting verb (usize::MAX: not a verb trigger).
    let mut objects = usize::MAX;
    match kind {
        TriggerKind::Verb => {
            // "X, the former prime minister who became the EU's chief, met Y": names inside an
            // apposition (a comma followed by a lower-case word) are not subjects.
            let mut aside = false;
            for k in clause_item..trig_item {
                if v.word(k) == "," {
                    let next = v.items.get(k + 1).map(|it| toks[it.start]);
                    aside = !aside
                        && next.is_some_and(|t| {
                            t.is_word() && !t.upper && !is(lex, "coordinator", t.text(v.doc))
                        });
                    continue;
                }
                // "Mr Lammy's visit came after Healey held talks": a possessor is not a subject.
                if !aside && !v.is_possessive(k + 1) {
                    add(k, &mut participants, &mut venues);
                }
            }
            if participants.is_empty() && is(lex, "subject-pronoun", v.word(clause_item)) {
                if let Some(e) = v.previous_subject {
                    participants.push(e);
                }
            }
            if participants.is_empty() {
                return None;
            }
            let subjects = participants.len();
            let mut k = first_after;
            while k < v.items.len() {
                let start = v.items[k].start;
                if ends_clause(v, start)
                    || lex.cue(Cue::Speech).matches_at(v.doc, toks, start)
                    || lex.cue(Cue::Companion).matches_at(v.doc, toks, start)
                {
                    break;
                }
                add(k, &mut participants, &mut venues);
                k += 1;
            }
            objects = participants.len() - subjects;
        }
        TriggerKind::Sidelines => {
            for k in clause_item..v.items.len() {
                // "on the sidelines of the Quad summit in Tokyo": the host event is not a
                // participant, but its place is the venue.
                if k >= first_after {
                    if is_venue(k) {
                        add(k, &mut participants, &mut venues);
                    }
                    continue;
                }
                add(k, &mut participants, &mut venues);
            }
        }
        TriggerKind::Pair => {
            for k in trig_item..first_after {
                add(k, &mut participants, &mut venues);
            }
        }
        TriggerKind::Possessive => {
            // The possessor: "Zelensky's talks", or "his talks" (the nearest person before, or
            // the subject of the sentence's main clause after it, or the previous sentence's).
            let owner = if tx(t_start).starts_with(['\'', '’']) {
                v.mention(trig_item.saturating_sub(1)).map(|(_, e)| e)
            } else {
                (0..trig_item)
                    .rev()
                    .filter_map(|k| v.mention(k))
                    .map(|(_, e)| e)
                    .find(|e| v.entities[e.index()].ty == EntityType::Person)
                    .or_else(|| {
                        (first_after..v.items.len())
                            .filter_map(|k| v.mention(k))
                            .map(|(_, e)| e)
                            .skip(1)
                            .find(|e| v.entities[e.index()].ty == EntityType::Person)
                    })
                    .or(v.previous_subject)
            };
            participants.extend(owner);
            for k in first_after..v.items.len() {
                if ends_clause(v, v.items[k].start) || v.word(k) == "," {
                    break;
                }
                add(k, &mut participants, &mut venues);
            }
        }
    }
    let before_companions = participants.len();
    // Companions anywhere after the trigger: "alongside X and Y", "joined by X".
    if let Some((c, len)) = lex.cue(Cue::Companion).find_in(v.doc, toks, t_end, n) {
        let mut k = item_of(c + len).unwrap_or(v.items.len());
        while k < v.items.len() && !ends_clause(v, v.items[k].start) {
            add(k, &mut participants, &mut venues);
            k += 1;
        }
    }
    let companions = participants.len() - before_companions;
    // Hosting and receiving need a guest; meeting and talking do not ("A and B met").
    let hosting = is(lex, "host-verb", tx(t_start));
    if participants.len() < 2 {
        return None;
    }
    // 4. Place: a venue after the trigger, else any in the sentence.
    if venues.is_empty() {
        for k in 0..v.items.len() {
            if let Some((_, e)) = v.mention(k) {
                let ent = &v.entities[e.index()];
                if is_venue(k)
                    && (ent.ty == EntityType::Place || ent.place_kind == Some(PlaceKind::Facility))
                {
                    venues.push(e);
                }
            }
        }
    }
    // 5. Date: the first time expression after the trigger, else before it.
    let date = dates
        .iter()
        .find(|d| d.start >= t_start)
        .or_else(|| dates.first())
        .and_then(|d| resolve(d.expr, anchor, published));
    let (rule, confidence) = match kind {
        TriggerKind::Verb => ("meeting-verb", 0.85),
        TriggerKind::Pair => ("meeting-noun-pair", 0.75),
        TriggerKind::Possessive => ("meeting-noun-possessive", 0.7),
        TriggerKind::Sidelines => ("meeting-sidelines", 0.65),
    };
    Some(Meeting {
        follow_up: kind == TriggerKind::Verb && objects == 0,
        hosts_only: kind == TriggerKind::Verb && objects == 0 && companions == 0 && hosting,
        participants,
        date,
        location: venues.first().copied(),
        sentence: v.index,
        rule,
        confidence,
        sides: Vec::new(),
        mode: Mode::InPerson,
    })
}

/// For "on the sidelines of": a past-tense verb (ending in -ed, or "met") before it.
fn past_verb(v: &SentenceView<'_, '_>, before: usize) -> Option<usize> {
    (0..before).find(|&i| {
        let t = v.sentence.tokens[i];
        let w = t.text(v.doc);
        !t.upper && t.is_word() && (past_suffix(w) || is(v.lex, "irregular-past", w))
    })
}

/// "X was joined by Y and by Z", "X was accompanied by Y": people who joined X at a meeting
/// told in an earlier sentence. Returns (X's, the companions).
#[must_use]
pub fn companions(
    v: &SentenceView<'_, '_>,
    role_objects: &HashSet<usize>,
) -> Option<(Vec<EntityId>, Vec<EntityId>)> {
    let toks = &v.sentence.tokens;
    let lex = v.lex;
    // The classes looked up once, the rarest word first.
    let class = |name: &str| lex.class(name);
    let (past_be, joined, by) = (class("past-be"), class("joined-verb"), class("by-word"));
    // Token `i` is a word of class `c`.
    let is_in = |c: Option<&crate::lexicon::PhraseTable<()>>, i: usize| {
        c.is_some_and(|c| c.has_word_at(v.doc, toks, i))
    };
    let at =
        (1..toks.len()).find(|&i| is_in(joined, i) && is_in(past_be, i - 1) && is_in(by, i + 1))?;
    let usable = |k: usize| {
        let (m, e) = v.mention(k)?;
        let ent = &v.entities[e.index()];
        (ent.ty != EntityType::Place && !role_objects.contains(&m)).then_some(e)
    };
    let split = v.items.iter().position(|it| it.start >= at)?;
    let subjects: Vec<EntityId> = (0..split).filter_map(usable).collect();
    let mut others = Vec::new();
    for k in split..v.items.len() {
        let start = v.items[k].start;
        if start > at + 2 && ends_clause(v, start) {
            break;
        }
        if let Some(e) = usable(k) {
            if !others.contains(&e) && !subjects.contains(&e) {
                others.push(e);
            }
        }
    }
    (!subjects.is_empty() && !others.is_empty()).then_some((subjects, others))
}

/// A clause-end cue at token `i`; "to" only before a verb ("to discuss"), not before a noun
/// phrase ("Ambassador to the United Nations").
fn ends_clause(v: &SentenceView<'_, '_>, i: usize) -> bool {
    let toks = &v.sentence.tokens;
    if !v.lex.cue(Cue::ClauseEnd).matches_at(v.doc, toks, i) {
        return false;
    }
    if v.lex.in_class("irrealis-to", toks[i].text(v.doc)) {
        return toks.get(i + 1).is_some_and(|n| {
            n.is_word() && !n.upper && !is(v.lex, "article-or-possessive", n.text(v.doc))
        });
    }
    true
}

/// "The Downing Street talks covered ...": a place or seat of government right before a
/// meeting noun names where the meeting just told took place.
#[must_use]
pub fn venue_mention(v: &SentenceView<'_, '_>) -> Option<EntityId> {
    let toks = &v.sentence.tokens;
    (0..v.items.len()).find_map(|k| {
        let (_, e) = v.mention(k)?;
        let ent = &v.entities[e.index()];
        let placeish = ent.ty == EntityType::Place || ent.place_kind == Some(PlaceKind::Facility);
        let next = v.items.get(k + 1)?;
        (placeish
            && matches!(next.kind, ItemKind::Word)
            && v.lex.cue(Cue::MeetNoun).matches_at(v.doc, toks, next.start))
        .then_some(e)
    })
}

/// "Readout of Peace Talks in Geneva": the place a headline gives to talks or a meeting.
#[must_use]
pub fn headline_venue(v: &SentenceView<'_, '_>) -> Option<EntityId> {
    let toks = &v.sentence.tokens;
    let noun = (0..toks.len()).find(|&i| v.lex.cue(Cue::MeetNoun).matches_at(v.doc, toks, i))?;
    (0..v.items.len()).find_map(|k| {
        let it = &v.items[k];
        if it.start <= noun || k == 0 || !is(v.lex, "headline-venue-prep", v.word(k - 1)) {
            return None;
        }
        let (_, e) = v.mention(k)?;
        let ent = &v.entities[e.index()];
        (ent.ty == EntityType::Place || ent.place_kind == Some(PlaceKind::Facility)).then_some(e)
    })
}

/// `word` (any case) is a word of the lexicon class `class` (`classes.tsv`).
fn is(lex: &crate::lexicon::Lexicon, class: &str, word: &str) -> bool {
    lex.in_class(class, word)
}

/// A regular past tense: the word ends in "-ed" (English morphology, not a word list).
fn past_suffix(w: &str) -> bool {
    w.ends_with("ed")
}

/// "Rui Costa and Celso Amorim also took part in the meeting": people who joined the meeting
/// the text just told (a participation verb before a meeting noun, with no one named after).
#[must_use]
pub fn participation(
    v: &SentenceView<'_, '_>,
    role_objects: &HashSet<usize>,
) -> Option<Vec<EntityId>> {
    let toks = &v.sentence.tokens;
    let (at, len) = v
        .lex
        .cue(Cue::Participation)
        .find_in(v.doc, toks, 0, toks.len())?;
    let mut j = at + len;
    if toks
        .get(j)
        .is_some_and(|t| is(v.lex, "participation-det", t.text(v.doc)))
    {
        j += 1;
    }
    if !v.lex.cue(Cue::MeetNoun).matches_at(v.doc, toks, j)
        && !v.lex.cue(Cue::HeldNoun).matches_at(v.doc, toks, j)
    {
        return None;
    }
    if (0..toks.len()).any(|i| v.lex.cue(Cue::NotHappened).matches_at(v.doc, toks, i)) {
        return None;
    }
    let people: Vec<EntityId> = v
        .items
        .iter()
        .enumerate()
        .take_while(|(_, it)| it.start < at)
        .filter_map(|(k, _)| v.mention(k))
        .filter(|(m, e)| {
            !role_objects.contains(m) && v.entities[e.index()].ty == EntityType::Person
        })
        .map(|(_, e)| e)
        .collect();
    (!people.is_empty()).then_some(people)
}

/// The place and date of a meeting whose trigger starts at token `t_start`: the first venue
/// ("in X", "at the X") after the trigger, else any in the sentence; the first time
/// expression after the trigger, else before it, resolved against the anchor.
#[must_use]
pub fn place_and_date(
    v: &SentenceView<'_, '_>,
    t_start: usize,
    dates: &[DateMention],
    anchor: Option<Date>,
    published: Option<Date>,
) -> (Option<EntityId>, Option<Date>) {
    // Also "In X," at the start of a sentence.
    let is_venue = |k: usize| venue_prep(v, k).is_some_and(|w| is(v.lex, "venue-prep", w));
    // "traveled to X", "a visit to X", "arrived in X": where the meetings of the trip were.
    let travel = |k: usize| {
        let start = v.items[k].start;
        let toks = &v.sentence.tokens;
        v.lex.class("travel-to").is_some_and(|c| {
            (start.saturating_sub(4)..start).any(|i| {
                c.longest_at(v.doc, toks, i)
                    .is_some_and(|(len, ())| i + len == start)
            })
        })
    };
    let destination = |k: usize| {
        let (_, e) = v.mention(k)?;
        let ent = &v.entities[e.index()];
        (travel(k) && ent.ty == EntityType::Place).then_some(e)
    };
    let venue = |k: usize| {
        let (_, e) = v.mention(k)?;
        let ent = &v.entities[e.index()];
        (is_venue(k)
            && (ent.ty == EntityType::Place || ent.place_kind == Some(PlaceKind::Facility)))
        .then_some(e)
    };
    let after = (0..v.items.len())
        .filter(|&k| v.items[k].start >= t_start)
        .find_map(venue);
    let place = after
        .or_else(|| (0..v.items.len()).find_map(venue))
        .or_else(|| (0..v.items.len()).find_map(destination));
    // The first day named after the trigger, else before it; a vague time ("later", "in
    // June") names none.
    let day = |d: &&DateMention| d.expr != crate::text::time::DateExpr::Vague;
    let date = dates
        .iter()
        .filter(day)
        .find(|d| d.start >= t_start)
        .or_else(|| dates.iter().find(day))
        .and_then(|d| resolve(d.expr, anchor, published));
    (place, date)
}

/// The word before item `k` and its article ("in the Kremlin": "in"), where a venue's
/// preposition stands; callers decide which words and which case count.
fn venue_prep<'s>(v: &'s SentenceView<'_, '_>, k: usize) -> Option<&'s str> {
    let mut p = k;
    while p > 0
        && matches!(v.items[p - 1].kind, ItemKind::Word)
        && is(v.lex, "article-short", v.word(p - 1))
    {
        p -= 1;
    }
    (p > 0).then(|| v.word(p - 1))
}
