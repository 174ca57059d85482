//! Extraction: one [`Document`] to one [`Extraction`], a pure function of the text, its
//! metadata and the lexicon.
//!
//! Stages, each a module: [`mention`] (names, country adjectives, roles) -> [`resolve`]
//! (mentions to entities) -> [`relation`] and [`meeting`] (facts with evidence), with
//! [`crate::text::time`] for dates.
//!
//! ```
//! use newskg::{Document, InputFormat, Lexicon, extract};
//! let doc = Document::from_bytes("a.txt", b"Talks\nFrench President Emmanuel Macron met German Chancellor Friedrich Merz in Paris on 3 June 2025.\n", InputFormat::Text).unwrap();
//! let x = extract(&doc, Lexicon::embedded());
//! assert_eq!(x.meetings.len(), 1);
//! assert_eq!(x.meetings[0].date.unwrap().to_string(), "2025-06-03");
//! ```

pub(crate) mod event;
pub mod meeting;
pub mod mention;
pub mod relation;
pub mod resolve;

use std::collections::{HashMap, HashSet};

use crate::Span;
use crate::ingest::Document;
use crate::lexicon::Lexicon;
use crate::model::{EntityType, Predicate};
use crate::rules::Mode;
use crate::text::{Sentence, split};

pub use meeting::Meeting;
pub use mention::{Mention, MentionSource};
pub use relation::Relation;
pub use resolve::{Entity, EntityId};

/// Everything extracted from one document.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Extraction {
    /// Sentence spans (evidence refers to them by index).
    pub sentences: Vec<Span>,
    /// Mentions found.
    pub mentions: Vec<Mention>,
    /// The entity of each mention (None: not kept).
    pub mention_entity: Vec<Option<EntityId>>,
    /// Entities.
    pub entities: Vec<Entity>,
    /// Relations, each with its sentence; symmetric ones appear once.
    pub relations: Vec<Relation>,
    /// Meetings.
    pub meetings: Vec<Meeting>,
}

/// Extracts entities, relations and meetings from a document.
#[must_use]
pub fn extract(doc: &Document, lex: &Lexicon) -> Extraction {
    let text = doc.text.as_str();
    let sentences: Vec<Sentence> = split(text, &doc.blocks);
    let mut mentions = Vec::new();
    let items: Vec<_> = sentences
        .iter()
        .enumerate()
        .map(|(i, s)| mention::analyse(text, s, i, lex, &mut mentions))
        .collect();
    mention::one_name_one_type(text, &mut mentions);
    let dates: Vec<Vec<crate::text::time::DateMention>> = sentences
        .iter()
        .map(|s| crate::text::time::find_dates(text, &s.tokens))
        .collect();
    let first_full = dates.iter().flatten().find_map(|d| match d.expr {
        crate::text::time::DateExpr::Absolute(date) => Some(date),
        _ => None,
    });
    let published = doc.meta.published;
    let year = published.or(first_full).map(|d| d.year);
    let (entities, mention_entity) = resolve::resolve(text, &mentions, lex, year);

    let mut relations = Vec::new();
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut previous_subject = None;
    let mut headline_venue = None;
    // Weekdays count back from the publication date; without one, from the latest full date
    // the text gave so far (else its first).
    let mut anchor = published.or(first_full);
    // A date line under the headline ("February 3, 2022, The Kremlin, Moscow"): the date of
    // the meetings the lead (the first three sentences) tells without a time of their own.
    // The day of the story: a date line under the headline ("February 3, 2022, The Kremlin,
    // Moscow"), else the first day the lead (headline and three sentences) names ("today",
    // "on Tuesday"). Meetings told early without a time of their own took place that day.
    let story = doc.meta.dateline.or_else(|| {
        use crate::text::time::DateExpr;
        // Only a day told from the publication ("today", "on Tuesday"): a date in the
        // narrative ("arrived on 3 June") dates that event, not the story.
        dates
            .iter()
            .take(4)
            .flatten()
            .filter(|d| {
                matches!(
                    d.expr,
                    DateExpr::Today
                        | DateExpr::Yesterday
                        | DateExpr::Weekday(_)
                        | DateExpr::DaysAgo(_)
                )
            })
            .find_map(|d| crate::text::time::resolve(d.expr, published.or(first_full), published))
    });
    let dateline = story.map(|d| (8, d));
    // The meeting the text told last (index, sentence): what "the talks", "they" and "X was
    // joined by Y" refer to.
    let mut told: Option<(usize, usize)> = None;
    // People named with a title so far ("the Secretary General" later stands for one).
    let mut titled: Vec<(&str, EntityId)> = Vec::new();
    // The folded words the rules read, borrowed from one lower-cased copy of the text.
    let lower = text.to_ascii_lowercase();
    for (i, s) in sentences.iter().enumerate() {
        if let Some(d) = dates[i].iter().find_map(|d| match d.expr {
            crate::text::time::DateExpr::Absolute(date) => Some(date),
            _ => None,
        }) {
            if published.is_none() {
                anchor = Some(d);
            }
        }
        let view = relation::SentenceView {
            doc: text,
            lower: &lower,
            sentence: s,
            index: i,
            items: &items[i],
            mentions: &mentions,
            entity_of: &mention_entity,
            entities: &entities,
            lex,
            year,
            previous_subject,
            dates: &dates[i],
            titled: &titled,
        };
        let mut role_objects = HashSet::new();
        let todo = event::todo(&view, crate::rules::RuleSet::embedded());
        let (found, units) = relation::relations(&view, &todo, &mut role_objects);
        relations.extend(found);
        // The latest meetings, newest last (meetings are kept in sentence order): what a
        // new telling may refer back to.
        let latest = |meetings: &[Meeting]| meetings.len().saturating_sub(MEETING_REACH);
        let recent = |meetings: &mut Vec<Meeting>, who: &[EntityId]| -> Option<usize> {
            let lo = latest(meetings);
            meetings[lo..]
                .iter()
                .rposition(|m| {
                    m.sentence + 3 >= i && who.iter().any(|w| m.participants.contains(w))
                })
                .map(|k| lo + k)
        };
        // Meetings from the rule files (meetings as events): a new meeting, or people who
        // joined the one just told.
        let current: Option<Vec<EntityId>> = told
            .filter(|&(_, at)| at + 4 >= i)
            .map(|(k, _)| meetings[k].participants.clone());
        let (events, trigger) =
            event::mentions(&view, &todo, &role_objects, current.as_deref(), units);
        // No meeting rule found a meeting: a trigger rule's clause (participants by named
        // code).
        if trigger.is_some() {
            match meeting::meeting(&view, &role_objects, &dates[i], anchor, published, trigger) {
                Some(m) if m.follow_up => match recent(&mut meetings, &m.participants) {
                    Some(k) => {
                        join(&mut meetings[k], &m.participants);
                        told = Some((k, i));
                    }
                    None if m.hosts_only => {}
                    None => {
                        meetings.push(m);
                        told = Some((meetings.len() - 1, i));
                    }
                },
                Some(m) => {
                    meetings.push(m);
                    told = Some((meetings.len() - 1, i));
                }
                None => {}
            }
        }
        for ev in events {
            match ev.kind {
                event::EventKind::Meeting(sides) => {
                    let people: Vec<EntityId> = sides.iter().flatten().copied().collect();
                    let shared =
                        |m: &Meeting| people.iter().filter(|p| m.participants.contains(p)).count();
                    // The same meeting told again: in this sentence, or ("Talks between X and
                    // Y covered ...") earlier, when this sentence names no other time and the
                    // two tellings share every person of the shorter one.
                    let lo = latest(&meetings);
                    let same = meetings[lo..]
                        .iter()
                        .rposition(|m| m.sentence == i && shared(m) >= 2)
                        .or_else(|| {
                            meetings[lo..].iter().rposition(|m| {
                                dates[i].is_empty()
                                    && m.sentence < i
                                    && shared(m) >= 2
                                    && shared(m) == people.len().min(m.participants.len())
                            })
                        })
                        .map(|k| lo + k);
                    let (location, date) =
                        meeting::place_and_date(&view, ev.tokens.0, &dates[i], anchor, published);
                    match same {
                        Some(k) => {
                            told = Some((k, i));
                            let m = &mut meetings[k];
                            join(m, &people);
                            if m.sides.is_empty() && sides.len() > 1 {
                                m.sides = sides;
                            }
                            if m.mode == Mode::InPerson {
                                m.mode = ev.mode;
                            }
                            m.location = m.location.or(location);
                            m.date = m.date.or(date);
                        }
                        None => {
                            // "He also met with Z": the place and day of the meeting just
                            // told, when it shares someone and this sentence names neither.
                            // "During the meeting, X met Y": within the meeting the text
                            // told last, which this sentence names by a definite mention.
                            let within = told
                                .filter(|&(_, at)| at + 8 >= i && at < i)
                                .filter(|_| {
                                    lex.class("anaphor-noun").is_some_and(|c| {
                                        c.find_in(text, &s.tokens, 0, ev.tokens.0).is_some()
                                    })
                                })
                                .map(|(k, _)| &meetings[k]);
                            let before = meetings[latest(&meetings)..]
                                .iter()
                                .rev()
                                .find(|m| {
                                    m.sentence + 2 >= i
                                        && m.participants.iter().any(|p| people.contains(p))
                                })
                                .or(within);
                            let location = location.or(before.and_then(|m| m.location));
                            let date = date
                                .or(before.filter(|_| dates[i].is_empty()).and_then(|m| m.date));
                            meetings.push(event_meeting(
                                (ev.rule, ev.confidence, ev.mode),
                                i,
                                people,
                                if sides.len() > 1 { sides } else { Vec::new() },
                                (location, date),
                            ));
                            told = Some((meetings.len() - 1, i));
                        }
                    }
                }
                event::EventKind::Join(people, open, side) => {
                    // "were present at the meeting": a definite mention reaches further back
                    // than a bare "also attended".
                    let definite = lex.class("anaphor-noun").is_some_and(|c| {
                        c.find_in(text, &s.tokens, ev.tokens.0, ev.tokens.1)
                            .is_some()
                    });
                    let reach = if definite { 8 } else { 3 };
                    match told.filter(|&(_, at)| at + reach >= i) {
                        Some((k, _)) => {
                            let m = &mut meetings[k];
                            join(m, &people);
                            // "X was joined by Y": Y sits on X's side of the table.
                            let at = match side {
                                Some(event::SideOf::Entity(e)) => {
                                    m.sides.iter().position(|s| s.contains(&e))
                                }
                                Some(event::SideOf::First) => (!m.sides.is_empty()).then_some(0),
                                None => None,
                            };
                            if let Some(at) = at {
                                for p in &people {
                                    if !m.sides.iter().any(|s| s.contains(p)) {
                                        m.sides[at].push(*p);
                                    }
                                }
                            }
                            told = Some((k, i));
                        }
                        None if !open => {}
                        // "X attended the meeting": a meeting whose other participants the
                        // text may name next; kept only if it reaches two.
                        None => {
                            let (location, date) = meeting::place_and_date(
                                &view,
                                ev.tokens.0,
                                &dates[i],
                                anchor,
                                published,
                            );
                            meetings.push(event_meeting(
                                (ev.rule, ev.confidence, ev.mode),
                                i,
                                people,
                                Vec::new(),
                                (location, date),
                            ));
                            told = Some((meetings.len() - 1, i));
                        }
                    }
                }
                event::EventKind::Anaphor => {}
                event::EventKind::Relation(predicate, subject, object) => {
                    relations.push(Relation {
                        subject,
                        predicate,
                        object,
                        sentence: i,
                        rule: ev.rule,
                        confidence: ev.confidence,
                        role: None,
                        from_meeting: false,
                    });
                }
                event::EventKind::Event => {
                    let (location, date) =
                        meeting::place_and_date(&view, ev.tokens.0, &dates[i], anchor, published);
                    meetings.push(event_meeting(
                        (ev.rule, ev.confidence, ev.mode),
                        i,
                        Vec::new(),
                        Vec::new(),
                        (location, date),
                    ));
                    told = Some((meetings.len() - 1, i));
                }
            }
        }
        // "The Downing Street talks covered ...": the place of the meeting just told.
        if let Some(place) = meeting::venue_mention(&view) {
            if let Some(m) = meetings
                .last_mut()
                .filter(|m| m.sentence + 2 >= i && m.location.is_none())
            {
                m.location = Some(place);
            }
        }
        if s.block == 0 {
            headline_venue = meeting::headline_venue(&view);
        }
        // "X and Y also took part in the meeting": join the meeting just told.
        if let Some(people) = meeting::participation(&view, &role_objects) {
            if let Some(m) = meetings
                .last_mut()
                .filter(|m| m.sentence + 3 >= i && m.sentence != i)
            {
                join(m, &people);
            }
        }
        // "Putin was joined by Ushakov": join the latest meeting Putin took part in.
        if let Some((who, joined)) = meeting::companions(&view, &role_objects) {
            if let Some(k) = recent(&mut meetings, &who) {
                join(&mut meetings[k], &joined);
            }
        }
        if let Some((line, date)) = dateline {
            // Not the headline: its meeting is the body's, which gives the day.
            if dates[i].is_empty() && i <= line && s.block > 0 {
                for m in meetings
                    .iter_mut()
                    .rev()
                    .take_while(|m| m.sentence == i)
                    .filter(|m| m.date.is_none())
                {
                    m.date = Some(date);
                }
            }
        }
        let mut named = Vec::new();
        relation::titled_people(&view, &mut named);
        if let Some(e) = (0..items[i].len())
            .filter_map(|k| view.mention(k))
            .map(|(_, e)| e)
            .find(|e| entities[e.index()].ty == EntityType::Person)
        {
            previous_subject = Some(e);
        }
        titled.extend(named);
    }
    meetings.retain(|m| m.participants.len() >= 2);
    let mut meetings = merge_meetings(meetings);
    // "UN Secretary-General Annan met X": the organisation a participant leads, serves or
    // represents took part through them, not beside them.
    let mut serves: HashMap<EntityId, Vec<EntityId>> = HashMap::new();
    for r in &relations {
        if matches!(
            r.predicate,
            Predicate::LeaderOf | Predicate::MemberOf | Predicate::EnvoyOf
        ) && entities[r.object.index()].ty != EntityType::Person
        {
            serves.entry(r.subject).or_default().push(r.object);
        }
    }
    for m in &mut meetings {
        let represented: Vec<EntityId> = m
            .participants
            .iter()
            .filter_map(|p| serves.get(p))
            .flatten()
            .copied()
            .collect();
        m.participants.retain(|p| !represented.contains(p));
        for side in &mut m.sides {
            side.retain(|p| !represented.contains(p));
        }
    }
    meetings.retain(|m| m.participants.len() >= 2);
    // "Readout of Peace Talks in Geneva": a headline's place for a lone meeting without one.
    if let (Some(place), [m]) = (headline_venue, meetings.as_mut_slice()) {
        m.location = m.location.or(Some(place));
    }
    for m in &meetings {
        let side = |e: EntityId| m.sides.iter().position(|s| s.contains(&e));
        for (a, &x) in m.participants.iter().enumerate() {
            for &y in &m.participants[a + 1..] {
                // People on the same side took part together; they did not meet each other.
                if side(x).is_some() && side(x) == side(y) {
                    continue;
                }
                relations.push(Relation {
                    subject: x,
                    predicate: Predicate::MetWith,
                    object: y,
                    sentence: m.sentence,
                    rule: m.rule,
                    confidence: m.confidence,
                    role: None,
                    from_meeting: true,
                });
            }
        }
    }
    relation::settle_roles(&mut relations, &entities, lex);
    let mut entities = entities;
    resolve::name_missions_by_host(&mut entities, &relations, lex);
    // One piece of evidence per fact and sentence.
    let mut seen = HashSet::new();
    relations.retain(|r| {
        let (s, o) = if r.predicate.is_symmetric() && r.object < r.subject {
            (r.object, r.subject)
        } else {
            (r.subject, r.object)
        };
        seen.insert((s, r.predicate, o, r.sentence))
    });
    Extraction {
        sentences: sentences.iter().map(|s| s.span).collect(),
        mentions,
        mention_entity,
        entities,
        relations,
        meetings,
    }
}

/// A meeting the rule files found in sentence `sentence` (by rule, confidence and mode), with
/// its people, sides, place and day.
fn event_meeting(
    (rule, confidence, mode): (&'static str, f32, Mode),
    sentence: usize,
    participants: Vec<EntityId>,
    sides: Vec<Vec<EntityId>>,
    (location, date): (Option<EntityId>, Option<crate::model::Date>),
) -> Meeting {
    Meeting {
        participants,
        date,
        location,
        sentence,
        rule,
        confidence,
        follow_up: false,
        hosts_only: false,
        sides,
        mode,
    }
}

/// How many of a document's latest meetings a new telling is compared with (the same meeting
/// told again, people who joined it, its place and day). News articles tell a few meetings
/// each; the bound keeps a document of many thousands of meetings linear in its length.
const MEETING_REACH: usize = 64;

fn join(m: &mut Meeting, people: &[EntityId]) {
    for e in people {
        if !m.participants.contains(e) {
            m.participants.push(*e);
        }
    }
}

/// Meetings with the same participants on a compatible date are one meeting told twice
/// (the headline and the body); the first telling with the most detail wins.
fn merge_meetings(meetings: Vec<Meeting>) -> Vec<Meeting> {
    let mut out: Vec<Meeting> = Vec::new();
    for m in meetings {
        let lo = out.len().saturating_sub(MEETING_REACH);
        let same = out[lo..].iter_mut().find(|o| {
            let shared = o
                .participants
                .iter()
                .filter(|p| m.participants.contains(p))
                .count();
            // Two tellings share two people on a compatible day: one meeting, unless both
            // come from one sentence that told them apart ("met A and B respectively").
            shared >= 2
                && (o.date.is_none() || m.date.is_none() || o.date == m.date)
                && (shared == m.participants.len()
                    || shared == o.participants.len()
                    || (o.sentence != m.sentence && o.date.is_some() && o.date == m.date))
        });
        match same {
            Some(o) => {
                for p in &m.participants {
                    if !o.participants.contains(p) {
                        o.participants.push(*p);
                    }
                }
                o.date = o.date.or(m.date);
                o.location = o.location.or(m.location);
                if o.sides.is_empty() {
                    o.sides = m.sides;
                }
                if o.mode == Mode::InPerson {
                    o.mode = m.mode;
                }
            }
            None => out.push(m),
        }
    }
    out
}
