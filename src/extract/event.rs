//! Meeting mentions from the rule files: `mentions` annotates a sentence once (units with
//! their mention, role, word-class and pronoun facts), runs every meeting rule of
//! [`RuleSet`] over it, applies the rules' named checks and resolves each capture to the
//! entities it stands for (names, descriptions such as "the Russian president", pronouns,
//! and "the two leaders" for the people of the meeting just told).

use std::collections::HashSet;

use crate::extract::mention::ItemKind;
use crate::extract::relation::SentenceView;
use crate::extract::resolve::EntityId;
use crate::model::EntityType;
use crate::rules::matcher::{Match, Units};
use crate::rules::{Check, Emit, Mode, Rule, RuleMask, RuleSet};

mod annotate;
mod mood;
pub(crate) use annotate::{annotate, nominal};
use mood::{happened, larger, mode, past, realis, resolve_range, trace, within};

/// What a rule found in one sentence.
#[derive(Clone, Debug, PartialEq)]
pub struct EventMention {
    /// The kind of mention and its people.
    pub kind: EventKind,
    /// First and one-past-last token of the match.
    pub tokens: (usize, usize),
    /// The rule id.
    pub rule: &'static str,
    /// The rule's confidence.
    pub confidence: f32,
    /// The mode the rule or the words around it give.
    pub mode: Mode,
}

/// The side a join takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SideOf {
    /// The side of this entity.
    Entity(EntityId),
    /// The first side.
    First,
}

/// What an [`EventMention`] says.
#[derive(Clone, Debug, PartialEq)]
pub enum EventKind {
    /// A meeting with its sides (one side: everyone met everyone).
    Meeting(Vec<Vec<EntityId>>),
    /// People who took part in the meeting just told; with `true`, in a meeting of their
    /// own when none was told ("X attended the meeting"); on the side of an entity, or the
    /// first side, when the rule says.
    Join(Vec<EntityId>, bool, Option<SideOf>),
    /// A mention of the meeting just told.
    Anaphor,
    /// A new meeting of people the text names later.
    Event,
    /// A relation (predicate, subject, object).
    Relation(crate::model::Predicate, EntityId, EntityId),
}

/// The rules of [`RuleSet`] whose anchor the sentence holds (a bit per rule); most sentences
/// hold none, and need no annotation.
pub(crate) fn todo(v: &SentenceView<'_, '_>, set: &RuleSet) -> RuleMask {
    let toks = &v.sentence.tokens;
    let mut todo = set.unanchored.clone();
    for i in 0..toks.len() {
        for (_, mask) in set.anchors.all_at(v.doc, toks, i) {
            todo.add(mask);
        }
    }
    let has_kind = |f: &dyn Fn(usize) -> bool| (0..v.items.len()).any(f);
    if !set.place_anchored.is_empty()
        && has_kind(&|k| {
            v.mention(k)
                .is_some_and(|(_, e)| v.entities[e.index()].ty == EntityType::Place)
        })
    {
        todo.add(&set.place_anchored);
    }
    if !set.role_anchored.is_empty()
        && has_kind(&|k| matches!(v.items[k].kind, ItemKind::Role { .. }))
    {
        todo.add(&set.role_anchored);
    }
    if !set.verb_anchored.is_empty()
        && has_kind(&|k| {
            matches!(v.items[k].kind, ItemKind::Word)
                && v.lex
                    .role_verbs
                    .longest_at(v.doc, toks, v.items[k].start)
                    .is_some()
        })
    {
        todo.add(&set.verb_anchored);
    }
    todo
}

/// Runs the meeting and relation rules over one sentence. `current` holds the participants
/// of the meeting the document told last (for "the two leaders"); `role_objects` the
/// mentions used as the object of a role (not participants); `todo` the rules whose anchor
/// the sentence holds ([`todo`]); `units` the sentence's units when the role rules
/// annotated it already.
pub(crate) fn mentions<'a>(
    v: &SentenceView<'a, '_>,
    todo: &RuleMask,
    role_objects: &HashSet<usize>,
    current: Option<&[EntityId]>,
    units: Option<Units<'a>>,
) -> (Vec<EventMention>, Option<Trigger>) {
    let set = RuleSet::embedded();
    let todo = todo.and_not(set.family_mask(2));
    if todo.is_empty() {
        return (Vec::new(), None);
    }
    let units = match units {
        // The role rules annotated it before the role objects were known: they bear nothing.
        Some(mut units) => {
            for (u, it) in units.units.iter_mut().zip(v.items) {
                if matches!(it.kind, ItemKind::Mention(m) if role_objects.contains(&m)) {
                    u.bearer_end = None;
                }
            }
            units.forget_parties();
            units
        }
        None => annotate(v, role_objects),
    };
    // What earlier rules took, per kind: relation rules and meeting rules read the same words
    // independently ("attended by Israeli prime minister X and energy minister Y").
    let mut taken_by: [Vec<(usize, usize)>; 2] = [Vec::new(), Vec::new()];
    let mut out = Vec::new();
    for (r, rule) in set.rules.iter().enumerate() {
        if !todo.has(r) || rule.family() == 3 {
            continue;
        }
        let mut free = Vec::new();
        let taken = if rule.overlap {
            &mut free
        } else {
            &mut taken_by[rule.family()]
        };
        for m in units.find_all(rule, taken) {
            if taken.iter().any(|&(s, e)| m.start < e && s < m.end) {
                continue;
            }
            let evs = event(v, &units, rule, &m, role_objects, current);
            if trace() {
                eprintln!(
                    "rule {} matched {:?}: {:?}",
                    rule.id,
                    span(v, &units, &m),
                    evs.iter().map(|e| &e.kind).collect::<Vec<_>>()
                );
            }
            if !evs.is_empty() && !rule.overlap {
                taken.push((m.start, m.end));
            }
            out.extend(evs);
        }
    }
    // Meetings first, then who joined them, each in text order.
    out.sort_by_key(|e| (matches!(e.kind, EventKind::Join(..)), e.tokens.0));
    // No meeting rule found a meeting: the trigger of the clause code found first, if any.
    let trigger = if out.iter().any(|e| matches!(e.kind, EventKind::Meeting(_))) {
        None
    } else {
        first_trigger(v, &units, set, &todo.and(set.family_mask(3)))
    };
    (out, trigger)
}

/// A trigger of the clause code: first and one-past-last token, and its kind.
pub(crate) type Trigger = (usize, usize, crate::rules::TriggerKind);

/// The trigger rule match found first in the sentence (by the token where it was found, then
/// by rule order) whose checks hold.
fn first_trigger(
    v: &SentenceView<'_, '_>,
    units: &Units<'_>,
    set: &RuleSet,
    todo: &RuleMask,
) -> Option<Trigger> {
    let toks = &v.sentence.tokens;
    let tok_of = |unit: usize| units.units.get(unit).map_or(toks.len(), |u| u.start);
    let mut best: Option<((usize, usize), Trigger)> = None;
    for (r, rule) in set.rules.iter().enumerate() {
        if !todo.has(r) {
            continue;
        }
        let Emit::Trigger(kind, t, f) = rule.emit else {
            continue;
        };
        for m in units.find_all(rule, &[]) {
            let (Some((a, b)), found) = (m.caps[t], f.and_then(|f| m.caps[f])) else {
                continue;
            };
            let at = tok_of(found.map_or(a, |(x, _)| x));
            if best.as_ref().is_some_and(|(key, _)| *key <= (at, r)) {
                break;
            }
            if checks_pass(v, units, rule, &m) {
                best = Some(((at, r), (tok_of(a), tok_of(b), kind)));
                break;
            }
        }
    }
    best.map(|(_, t)| t)
}

/// The text a match covers (for tracing).
pub(crate) fn span<'a>(v: &SentenceView<'a, '_>, units: &Units<'_>, m: &Match) -> &'a str {
    let toks = &v.sentence.tokens;
    let at = |u: usize| units.units.get(u).map_or(toks.len(), |x| x.start);
    let (a, b) = (at(m.start), at(m.end));
    if a >= b {
        return "";
    }
    &v.doc[toks[a].span.start..toks[b - 1].span.end]
}

/// The rule's named checks hold for the match.
pub(crate) fn checks_pass(
    v: &SentenceView<'_, '_>,
    units: &Units<'_>,
    rule: &Rule,
    m: &Match,
) -> bool {
    let toks = &v.sentence.tokens;
    let tok_of = |unit: usize| units.units.get(unit).map_or(toks.len(), |u| u.start);
    let (t_start, t_end) = (tok_of(m.start), tok_of(m.end));
    let role_at = |slot: Option<usize>| -> Option<&crate::lexicon::Role> {
        let (a, b) = m.caps[slot?]?;
        (a..b).rev().find_map(|k| v.current_role(k))
    };
    for &(check, slot) in &rule.checks {
        let ok = match check {
            Check::Realis => m.caps[slot.expect("compiled with a capture")]
                .is_some_and(|(a, _)| realis(v, tok_of(a))),
            Check::Happened => happened(v, t_start, t_end),
            Check::Past => past(v, t_start, t_end),
            Check::Post => role_at(slot).is_some_and(|r| r.kind == crate::lexicon::RoleKind::Post),
            Check::Active => slot.and_then(|sl| m.caps[sl]).is_some_and(|(a, b)| {
                let (s, e) = (tok_of(a), tok_of(b));
                let by = v.lex.in_class("by-word", toks[e - 1].text(v.doc));
                s == 0 || by || !v.lex.in_class("be-form", toks[s - 1].text(v.doc))
            }),
            Check::Envoy => {
                role_at(slot).is_some_and(|r| r.predicate == crate::model::Predicate::EnvoyOf)
            }
            Check::Larger(b) | Check::Within(b) => {
                let place = |slot: usize| {
                    let (a, _) = m.caps[slot]?;
                    v.mention(a).map(|(mi, e)| (mi, &v.entities[e.index()]))
                };
                match (place(b), slot.and_then(place)) {
                    (Some((_, big)), Some((_, small))) if matches!(check, Check::Larger(_)) => {
                        larger(big, small)
                    }
                    (Some((_, outer)), Some((mi, inner))) if matches!(check, Check::Within(_)) => {
                        within(v, mi, inner, outer)
                    }
                    _ => false,
                }
            }
        };
        if !ok {
            if trace() {
                eprintln!("rule {}: check {check:?} failed", rule.id);
            }
            return false;
        }
    }
    true
}

fn event(
    v: &SentenceView<'_, '_>,
    units: &Units<'_>,
    rule: &Rule,
    m: &Match,
    role_objects: &HashSet<usize>,
    current: Option<&[EntityId]>,
) -> Vec<EventMention> {
    let toks = &v.sentence.tokens;
    let tok_of = |unit: usize| units.units.get(unit).map_or(toks.len(), |u| u.start);
    let (t_start, t_end) = (tok_of(m.start), tok_of(m.end));
    if !checks_pass(v, units, rule, m) {
        return Vec::new();
    }
    let resolve = |slot: usize| -> Vec<EntityId> {
        m.caps[slot].map_or_else(Vec::new, |(a, b)| {
            resolve_range(v, units, a, b, role_objects, current)
        })
    };
    let kind = match &rule.emit {
        Emit::Meeting(sides) => {
            let mut sides: Vec<Vec<EntityId>> = sides
                .iter()
                .map(|slots| {
                    let mut side: Vec<EntityId> = Vec::new();
                    for &s in slots {
                        for e in resolve(s) {
                            if !side.contains(&e) {
                                side.push(e);
                            }
                        }
                    }
                    side
                })
                .collect();
            // One person on both sides ("he met his counterpart"): keep the first.
            for i in 1..sides.len() {
                let (before, rest) = sides.split_at_mut(i);
                rest[0].retain(|e| !before.iter().any(|s| s.contains(e)));
            }
            sides.retain(|s| !s.is_empty());
            let people: usize = sides.iter().map(Vec::len).sum();
            if people < 2 {
                return Vec::new();
            }
            // "X met with A, B and C", "X received calls from A; B; and C", "X met A and B
            // respectively": one meeting each.
            let split_side = rule.split.and_then(|slot| {
                let (_, end) = m.caps[slot]?;
                let list = &sides.get(emit_side(&rule.emit, slot)?)?;
                let respectively = units.units.get(end).is_some_and(|u| {
                    v.lex
                        .class("respectively")
                        .is_some_and(|c| c.matches_at(v.doc, toks, u.start))
                }) || units.units.get(end).is_some_and(|u| u.fold == ",")
                    && units.units.get(end + 1).is_some_and(|u| {
                        v.lex
                            .class("respectively")
                            .is_some_and(|c| c.matches_at(v.doc, toks, u.start))
                    });
                let sequence = units.units[..end]
                    .iter()
                    .rev()
                    .take(40)
                    .any(|u| v.lex.in_class("sequence-word", &u.fold));
                let plural = m.caps.iter().flatten().any(|&(a, b)| {
                    b == a + 1 && v.lex.in_class("plural-event", &units.units[a].fold)
                });
                (list.len() >= 3 || (list.len() >= 2 && (respectively || plural || sequence)))
                    .then(|| emit_side(&rule.emit, slot))
                    .flatten()
            });
            match split_side {
                Some(k) => sides[k]
                    .iter()
                    .map(|&one| {
                        let mut each = sides.clone();
                        each[k] = vec![one];
                        EventKind::Meeting(each)
                    })
                    .collect(),
                None => vec![EventKind::Meeting(sides)],
            }
        }
        Emit::Join(slots, open) => {
            let people: Vec<EntityId> = slots.iter().flat_map(|&s| resolve(s)).collect();
            if people.is_empty() {
                return Vec::new();
            }
            let side = match rule.side {
                Some(crate::rules::JoinSide::Of(slot)) => {
                    resolve(slot).first().copied().map(SideOf::Entity)
                }
                Some(crate::rules::JoinSide::First) => Some(SideOf::First),
                None => None,
            };
            vec![EventKind::Join(people, *open, side)]
        }
        Emit::Relation(p, a, b) => {
            // Every named entity of each capture: "A, B and C" are each members.
            let all = |slot: usize| -> Vec<EntityId> {
                m.caps[slot].map_or_else(Vec::new, |(x, y)| {
                    (x..y)
                        .filter_map(|k| v.mention(k).map(|(_, e)| e))
                        .collect()
                })
            };
            let (subjects, objects) = (all(*a), all(*b));
            let mut out = Vec::new();
            for &x in &subjects {
                for &y in &objects {
                    if x != y {
                        out.push(EventKind::Relation(*p, x, y));
                    }
                }
            }
            out
        }
        Emit::Pairs(p, slot) => {
            let Some((x, y)) = m.caps[*slot] else {
                return Vec::new();
            };
            let mut out = Vec::new();
            for k in x..y {
                let (Some(u), Some(of), Some(place)) = (
                    units.units.get(k),
                    units.units.get(k + 1),
                    units.units.get(k + 2),
                ) else {
                    continue;
                };
                if u.bearer_end == Some(k + 1)
                    && u.name
                    && v.lex.in_class("of-word", &of.fold)
                    && place.place
                {
                    if let (Some((_, a)), Some((_, b))) = (v.mention(k), v.mention(k + 2)) {
                        out.push(EventKind::Relation(*p, a, b));
                    }
                }
            }
            out
        }
        Emit::Anaphor(_) => vec![EventKind::Anaphor],
        Emit::Event(_) => vec![EventKind::Event],
        // Role rules run in `relation::relations`, triggers in `first_trigger`.
        Emit::Role { .. } | Emit::Office(_) | Emit::Verb(..) | Emit::Trigger(..) => Vec::new(),
    };
    let mode = rule.mode.unwrap_or_else(|| mode(v, t_start, t_end));
    kind.into_iter()
        .map(|kind| EventMention {
            kind,
            tokens: (t_start, t_end),
            rule: rule.id,
            confidence: rule.confidence,
            mode,
        })
        .collect()
}

/// The index of the side a capture slot belongs to in a meeting emit.
fn emit_side(emit: &Emit, slot: usize) -> Option<usize> {
    match emit {
        Emit::Meeting(sides) => sides.iter().position(|s| s.contains(&slot)),
        _ => None,
    }
}

/// Rule tracing is on (`NEWSKG_TRACE_RULES=1`).
pub(crate) fn trace_on() -> bool {
    trace()
}
