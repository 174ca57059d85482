//! Relations stated by roles: titles ("US special envoy X", "Trump's son-in-law X"),
//! appositions and copulas ("X, the president's wife", "X is Y's aide"), descriptions ("the
//! Russian president") and role verbs ("X heads Y"). The constructions are rules of
//! `src/lexicon/data/rules/relations.rules` (family "roles", run by [`role_rules`] before the
//! meeting rules, since a role's object is no meeting participant); this module holds the
//! named code those rules call: [`role_object`] (the object of a role: a name, the person a
//! pronoun stands for, an office's holder, or world knowledge) and the predicate a role
//! takes with its object.
//!
//! A title with no object in the text ("President X") takes it from world knowledge when the
//! lexicon knows X's office and the document names its state or body.

use std::collections::HashSet;

use crate::extract::mention::{Item, ItemKind, Mention};
use crate::extract::resolve::{Entity, EntityId};
use crate::lexicon::{Cue, Lexicon, Role, RoleKind};
use crate::model::{EntityType, PlaceKind, Predicate};
use crate::rules::matcher::{Match, Units};
use crate::rules::{Emit, Rule, RuleSet};
use crate::text::Sentence;

mod roles;
mod titled;
pub use roles::description_at;
pub(crate) use roles::settle_roles;
use roles::*;
pub use titled::{titled_antecedent, titled_people};

/// A relation between two entities, with the sentence that says so.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Relation {
    /// Subject.
    pub subject: EntityId,
    /// Predicate.
    pub predicate: Predicate,
    /// Object.
    pub object: EntityId,
    /// Sentence index.
    pub sentence: usize,
    /// The rule that found it.
    pub rule: &'static str,
    /// Confidence in [0, 1].
    pub confidence: f32,
    /// The role word or kin term ("son-in-law", "special envoy").
    pub role: Option<String>,
    /// A metWith between participants of a meeting (its evidence is the meeting's).
    pub from_meeting: bool,
}

/// What relation extraction of one sentence needs to see.
pub struct SentenceView<'a, 'l> {
    /// Document text.
    pub doc: &'a str,
    /// The document text with ASCII letters in lower case (the same byte offsets): the folded
    /// form of a token without other capitals, borrowed.
    pub lower: &'a str,
    /// The sentence.
    pub sentence: &'a Sentence,
    /// Its index.
    pub index: usize,
    /// Its items.
    pub items: &'a [Item<'l>],
    /// All mentions of the document.
    pub mentions: &'a [Mention],
    /// Entity of each mention.
    pub entity_of: &'a [Option<EntityId>],
    /// The entities.
    pub entities: &'a [Entity],
    /// The lexicon.
    pub lex: &'l Lexicon,
    /// Year of the document, when known.
    pub year: Option<i32>,
    /// The person a "he"/"his" at the start of this sentence most likely means.
    pub previous_subject: Option<EntityId>,
    /// The sentence's time expressions ([`crate::text::time::find_dates`]), in order.
    pub dates: &'a [crate::text::time::DateMention],
    /// People the document named with a title before this sentence ([`titled_people`]).
    pub titled: &'a [(&'l str, EntityId)],
}

impl<'l> SentenceView<'_, 'l> {
    /// The role of item k when it is a role told as held now ("President", not "former
    /// President").
    pub fn current_role(&self, k: usize) -> Option<&'l crate::lexicon::Role> {
        match self.items.get(k)?.kind {
            ItemKind::Role {
                role,
                former: false,
                ..
            } => Some(role),
            _ => None,
        }
    }

    /// The first word of item k (empty past the end).
    pub fn word(&self, k: usize) -> &str {
        self.items
            .get(k)
            .map_or("", |it| self.sentence.tokens[it.start].text(self.doc))
    }

    /// The mention index and entity of item k.
    pub fn mention(&self, k: usize) -> Option<(usize, EntityId)> {
        match self.items.get(k)?.kind {
            ItemKind::Mention(m) => self.entity_of[m].map(|e| (m, e)),
            _ => None,
        }
    }

    fn ty(&self, e: EntityId) -> EntityType {
        self.entities[e.index()].ty
    }

    /// True when item k is a possessive ("'s", "’s").
    pub fn is_possessive(&self, k: usize) -> bool {
        matches!(self.word(k), "'s" | "’s" | "'" | "’")
    }

    fn is_modifier(&self, k: usize) -> bool {
        matches!(self.items.get(k).map(|i| &i.kind), Some(ItemKind::Word))
            && crate::lexicon::contains_folded(&self.lex.modifiers, self.word(k))
    }

    /// Item k is a female pronoun ("her", `cues.tsv` kind `pronoun-f`).
    fn female_pronoun(&self, k: usize) -> bool {
        self.items.get(k).is_some_and(|it| {
            self.lex
                .cue(Cue::PronounFemale)
                .matches_at(self.doc, &self.sentence.tokens, it.start)
        })
    }

    /// The person "his"/"her" at item k stands for: the nearest person before it in the
    /// sentence, else the previous sentence's subject.
    fn antecedent(&self, k: usize, exclude: EntityId) -> Option<EntityId> {
        let female = self.female_pronoun(k);
        let fits = |e: EntityId| {
            let ent = &self.entities[e.index()];
            ent.ty == EntityType::Person
                && e != exclude
                && ent
                    .known
                    .and_then(|k| self.lex.entity(k).gender)
                    .is_none_or(|g| (g == 'f') == female)
        };
        (0..k)
            .rev()
            .filter_map(|j| self.mention(j).map(|(_, e)| e))
            .find(|e| fits(*e))
            .or(self.previous_subject.filter(|e| fits(*e)))
    }
}

/// An object found for a role: entity, mention index when it is in this sentence, and the
/// rule name.
struct Found {
    object: EntityId,
    mention: Option<usize>,
    rule: &'static str,
    confidence: f32,
}

/// Extracts the relations the role rules state in one sentence. Mentions used as a role's
/// object or qualifier are added to `role_objects` (they are not meeting participants).
/// `todo` holds the rules whose anchor the sentence holds (`event::todo`). Returns the
/// relations and the sentence's units when the rules annotated it (the meeting rules read
/// the same units).
pub(crate) fn relations<'a>(
    v: &SentenceView<'a, '_>,
    todo: &crate::rules::RuleMask,
    role_objects: &mut HashSet<usize>,
) -> (Vec<Relation>, Option<Units<'a>>) {
    let set = RuleSet::embedded();
    let todo = todo.and(set.family_mask(2));
    if todo.is_empty() {
        return (Vec::new(), None);
    }
    let units = crate::extract::event::annotate(v, role_objects);
    if crate::extract::event::trace_on() {
        for (k, it) in v.items.iter().enumerate() {
            eprintln!("item {k} {:?} {:?} {:?}", v.word(k), it.kind, v.mention(k));
        }
    }
    let mut out = Vec::new();
    // Each role word and role verb states one relation: the first rule to match it wins.
    let mut claimed: Vec<usize> = Vec::new();
    for (r, rule) in set.rules.iter().enumerate() {
        if !todo.has(r) {
            continue;
        }
        for m in units.find_all(rule, &[]) {
            if !crate::extract::event::checks_pass(v, &units, rule, &m) {
                continue;
            }
            let before = out.len();
            role_rule(v, rule, &m, &mut claimed, role_objects, &mut out);
            if crate::extract::event::trace_on() {
                let caps: Vec<String> = m
                    .caps
                    .iter()
                    .enumerate()
                    .filter_map(|(i, c)| {
                        let (a, b) = (*c)?;
                        let part = Match {
                            start: a,
                            end: b,
                            caps: Vec::new(),
                        };
                        Some(format!(
                            "{}={:?}",
                            rule.captures[i],
                            crate::extract::event::span(v, &units, &part)
                        ))
                    })
                    .collect();
                eprintln!(
                    "rule {} matched {:?} {caps:?}: {:?}",
                    rule.id,
                    crate::extract::event::span(v, &units, &m),
                    &out[before..]
                );
            }
        }
    }
    out.dedup_by(|a, b| {
        a.subject == b.subject && a.predicate == b.predicate && a.object == b.object
    });
    (out, Some(units))
}

/// The last unit of capture `slot` that is a role word.
fn role_unit(v: &SentenceView<'_, '_>, m: &Match, slot: usize) -> Option<usize> {
    let (a, b) = m.caps[slot]?;
    (a..b)
        .rev()
        .find(|&k| matches!(v.items[k].kind, ItemKind::Role { .. }))
}

/// The entity of the first mention in capture `slot`.
fn entity_in(v: &SentenceView<'_, '_>, m: &Match, slot: usize) -> Option<(usize, EntityId)> {
    let (a, b) = m.caps[slot]?;
    (a..b).find_map(|k| v.mention(k))
}

/// Runs the action of one match of a role rule.
fn role_rule(
    v: &SentenceView<'_, '_>,
    rule: &Rule,
    m: &Match,
    claimed: &mut Vec<usize>,
    role_objects: &mut HashSet<usize>,
    out: &mut Vec<Relation>,
) {
    match rule.emit {
        Emit::Role {
            subject,
            role,
            object,
        } => {
            let (Some(rk), Some((_, subject))) = (role_unit(v, m, role), entity_in(v, m, subject))
            else {
                return;
            };
            if claimed.contains(&rk) {
                return;
            }
            claimed.push(rk);
            let ItemKind::Role {
                role,
                former,
                remit: role_remit,
            } = &v.items[rk].kind
            else {
                return;
            };
            if *former {
                return;
            }
            for &slot in &rule.objects {
                if let Some((a, b)) = m.caps[slot] {
                    role_objects.extend((a..b).filter_map(|k| v.mention(k).map(|(mi, _)| mi)));
                }
            }
            // "Deputy Foreign Minister": a deputy word before the role.
            let deputy_of_role = rk > 0 && is_deputy(v, rk - 1);
            let found = object
                .and_then(|slot| role_object(v, rule, m, slot, subject, role_objects))
                .or_else(|| world_knowledge(v, subject, role));
            let Some(f) = found else { return };
            if f.object == subject {
                return;
            }
            let Some(p) = predicate_for(
                role,
                deputy_of_role,
                rule.remit || *role_remit,
                v.ty(subject),
                v.ty(f.object),
            ) else {
                return;
            };
            // The office as the text gives it: "deputy foreign minister", "acting president".
            let label = office_label(v, rk, role);
            emit_role(v, subject, p, role, &label, &f, role_objects, out);
            // "Deputy Foreign Minister X" where world knowledge names the foreign minister of
            // the same state among the document's people: X deputises for that person.
            if deputy_of_role && v.ty(f.object) != EntityType::Person {
                let state = v.entities[f.object.index()].name.as_str();
                if let Some((holder, _)) =
                    office_holder(v, role, Some(state)).filter(|(h, _)| *h != subject)
                {
                    out.push(Relation {
                        subject,
                        predicate: Predicate::DeputyOf,
                        object: holder,
                        sentence: v.index,
                        rule: rule.id,
                        confidence: f.confidence * 0.9,
                        role: Some(label),
                        from_meeting: false,
                    });
                }
            }
        }
        Emit::Office(slot) => {
            let Some(rk) = role_unit(v, m, slot) else {
                return;
            };
            let Some((person, office, qualifier)) = description_at(v, rk) else {
                return;
            };
            let Some(object) = v.entities.iter().position(|e| e.name == office.of) else {
                return;
            };
            role_objects.extend(qualifier);
            out.push(Relation {
                subject: person,
                predicate: office.predicate,
                object: EntityId(u32::try_from(object).expect("few entities")),
                sentence: v.index,
                rule: rule.id,
                confidence: rule.confidence,
                role: Some(office.title.clone()),
                from_meeting: false,
            });
        }
        Emit::Verb(s, verb, o) => {
            let Some((vk, _)) = m.caps[verb] else { return };
            if claimed.contains(&vk) || !matches!(v.items[vk].kind, ItemKind::Word) {
                return;
            }
            let toks = &v.sentence.tokens;
            let Some((_, &predicate)) = v.lex.role_verbs.longest_at(v.doc, toks, v.items[vk].start)
            else {
                return;
            };
            let (Some((_, subject)), Some((om, object))) = (entity_in(v, m, s), entity_in(v, m, o))
            else {
                return;
            };
            claimed.push(vk);
            if subject == object
                || v.ty(subject) != EntityType::Person
                || (predicate != Predicate::AideTo
                    && v.ty(object) == EntityType::Person
                    && predicate != Predicate::EnvoyOf)
            {
                return;
            }
            role_objects.insert(om);
            out.push(Relation {
                subject,
                predicate,
                object,
                sentence: v.index,
                rule: rule.id,
                confidence: rule.confidence,
                role: None,
                from_meeting: false,
            });
        }
        _ => {}
    }
}

/// The office a role word at item `rk` names as the text gives it: the role's phrase with the
/// deputy's word and the qualifiers of `classes.tsv` class `office-qualifier` before it
/// ("deputy foreign minister", "acting president"): an office apart from the office itself.
fn office_label(v: &SentenceView<'_, '_>, rk: usize, role: &Role) -> String {
    let mut words: Vec<String> = vec![role.phrase.clone()];
    let mut k = rk;
    while k > 0 {
        let prev = k - 1;
        let deputy = is_deputy(v, prev);
        // A capitalised qualifier opening a sentence may have been read as a name.
        let qualifier = !matches!(v.items[prev].kind, ItemKind::Role { .. })
            && v.lex.in_class("office-qualifier", v.word(prev));
        if !deputy && !qualifier {
            break;
        }
        let word = match &v.items[prev].kind {
            ItemKind::Role { role, .. } => role.phrase.clone(),
            _ => v.word(prev).to_lowercase(),
        };
        words.insert(0, word);
        k = prev;
    }
    words.join(" ")
}

/// Item k is a deputy's role word: "deputy", or a role with a deputy prefix
/// ("vice-chancellor", `classes.tsv` class `deputy-prefix`).
pub(crate) fn is_deputy(v: &SentenceView<'_, '_>, k: usize) -> bool {
    matches!(&v.items[k].kind, ItemKind::Role { role, .. }
        if role.kind == RoleKind::Deputy
            || v.lex.in_class("deputy-prefix", role.phrase.split([' ', '-']).next().unwrap_or("")))
}

/// The object a role rule's object capture names (named code of the rule language): the last
/// entity named in it ("envoy of the President of Russia": Russia... the last), and every
/// mention in it is a role object; a pronoun ("his deputy"): the person it stands for; an
/// office ("the president's wife"): the one person of the document who holds it.
fn role_object(
    v: &SentenceView<'_, '_>,
    rule: &Rule,
    m: &Match,
    slot: usize,
    subject: EntityId,
    role_objects: &mut HashSet<usize>,
) -> Option<Found> {
    let (a, b) = m.caps[slot]?;
    let seen: Vec<(usize, EntityId)> = (a..b).filter_map(|k| v.mention(k)).collect();
    if let Some(&(mi, e)) = seen.last() {
        role_objects.extend(seen.iter().map(|&(mi, _)| mi));
        let ent = &v.entities[e.index()];
        // "director for Europe": a remit is not the employer; "spokesman for the Kremlin" is.
        if rule.remit_object == Some(slot)
            && ent.ty == EntityType::Place
            && ent.place_kind != Some(PlaceKind::Facility)
        {
            return None;
        }
        return Some(Found {
            object: e,
            mention: Some(mi),
            rule: rule.id,
            confidence: rule.confidence,
        });
    }
    if let Some(rk) = (a..b).find(|&k| matches!(v.items[k].kind, ItemKind::Role { .. })) {
        let ItemKind::Role { role, .. } = &v.items[rk].kind else {
            return None;
        };
        let (holder, _) = office_holder(v, role, None)?;
        return Some(Found {
            object: holder,
            mention: None,
            rule: rule.id,
            confidence: rule.confidence,
        });
    }
    let toks = &v.sentence.tokens;
    let start = v.items[a].start;
    let pronoun = v.lex.cue(Cue::PronounMale).matches_at(v.doc, toks, start)
        || v.lex.cue(Cue::PronounFemale).matches_at(v.doc, toks, start);
    if !pronoun {
        return None;
    }
    let e = v.antecedent(a, subject)?;
    Some(Found {
        object: e,
        mention: None,
        rule: rule.id,
        confidence: rule.confidence,
    })
}

/// Combines "deputy" + another role ("Deputy Foreign Minister") and applies the rules that
/// make a predicate fit its object.
fn predicate_for(
    role: &Role,
    deputy_of_role: bool,
    remit: bool,
    subject_ty: EntityType,
    object_ty: EntityType,
) -> Option<Predicate> {
    let p = match role.kind {
        RoleKind::Deputy if object_ty == EntityType::Person => Predicate::DeputyOf,
        RoleKind::Deputy => Predicate::MemberOf,
        RoleKind::Head if deputy_of_role || remit => Predicate::MemberOf,
        RoleKind::Kin | RoleKind::Tie
            if object_ty != EntityType::Person || subject_ty != EntityType::Person =>
        {
            return None;
        }
        _ => role.predicate,
    };
    Some(match (p, object_ty) {
        (Predicate::LeaderOf, EntityType::Person) => return None,
        // A spokesman or official of a person serves that person.
        (Predicate::MemberOf, EntityType::Person) => Predicate::AideTo,
        (Predicate::DeputyOf, _) | (Predicate::AideTo, _) if subject_ty != EntityType::Person => {
            return None;
        }
        (p, _) => p,
    })
}

/// The object of a role from world knowledge: the office the lexicon says the subject held
/// that year, when the document names its state or body.
fn world_knowledge(v: &SentenceView<'_, '_>, subject: EntityId, role: &Role) -> Option<Found> {
    let known = v.entities[subject.index()].known?;
    let offices = &v.lex.entity(known).offices;
    let pick = offices
        .iter()
        .filter(|o| o.held_in(v.year) || v.year.is_none())
        .find(|o| {
            o.title == role.phrase
                || role.phrase.ends_with(&o.title)
                || o.title.ends_with(&role.phrase)
        })
        .or_else(|| {
            offices
                .iter()
                .filter(|o| o.held_in(v.year) || v.year.is_none())
                .find(|o| o.predicate == role.predicate)
        })?;
    let object = v.entities.iter().position(|e| e.name == pick.of)?;
    Some(Found {
        object: EntityId(u32::try_from(object).ok()?),
        mention: None,
        rule: "title-world-knowledge",
        confidence: 0.7,
    })
}
