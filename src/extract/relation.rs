//! Relations from titles, appositions, possessives, copulas and "X in Y": [`relations`]
//! matches patterns over a sentence's [`Item`]s.
//!
//! The patterns, for any names X, Y and any role word R from `roles.tsv`:
//! - title before a name: `[Y | Y's | his] [modifiers] R [of Y] [Mr] X` ("US special envoy X",
//!   "Trump's son-in-law X", "Adviser of India Shri X")
//! - apposition and copula: `X, [a|the] [Y's] R [of|to Y]`, `X is Y's R`, `X, who is R of Y`
//! - role before a comma: `Y's R [for Z], X` ("Spain's director general for Europe, X")
//! - location: `X [,] in Y` for a place or institution X and a larger place Y
//!
//! A title with no object in the text ("President X") takes it from world knowledge when the
//! lexicon knows X's office and the document names its state or body.

use std::collections::HashSet;

use crate::extract::mention::{Item, ItemKind, Mention};
use crate::extract::resolve::{Entity, EntityId};
use crate::lexicon::{Cue, Lexicon, Role, RoleKind};
use crate::model::{EntityType, PlaceKind, Predicate};
use crate::text::Sentence;

mod roles;
pub use roles::description_at;
use roles::*;

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
}

impl SentenceView<'_, '_> {
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

    /// The person "his"/"her" at item k stands for: the nearest person before it in the
    /// sentence, else the previous sentence's subject.
    fn antecedent(&self, k: usize, exclude: EntityId) -> Option<EntityId> {
        let female = self.word(k).eq_ignore_ascii_case("her");
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

/// Extracts relations from one sentence. Mentions used as a role's object or qualifier are
/// added to `role_objects` (they are not meeting participants).
pub fn relations(v: &SentenceView<'_, '_>, role_objects: &mut HashSet<usize>) -> Vec<Relation> {
    let mut out = Vec::new();
    for k in 0..v.items.len() {
        let Some((_, subject)) = v.mention(k) else {
            continue;
        };
        let sty = v.ty(subject);
        if sty == EntityType::Person || sty == EntityType::Organization {
            title_before(v, k, subject, &mut out, role_objects);
        }
        if sty == EntityType::Person {
            apposition_after(v, k, subject, &mut out, role_objects);
        }
        located_in(v, k, subject, &mut out);
    }
    descriptions(v, role_objects, &mut out);
    role_verbs(v, role_objects, &mut out);
    out.dedup_by(|a, b| {
        a.subject == b.subject && a.predicate == b.predicate && a.object == b.object
    });
    out
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

/// `[Y | Y's | his] [modifiers] R [of Y] [,] [Mr] X`
fn title_before(
    v: &SentenceView<'_, '_>,
    k: usize,
    subject: EntityId,
    out: &mut Vec<Relation>,
    role_objects: &mut HashSet<usize>,
) {
    let mut j = k;
    if j > 0 && matches!(v.items[j - 1].kind, ItemKind::Honorific) {
        j -= 1;
    }
    // "R [of|for Y], X": a comma between role phrase and name.
    let comma = j > 0 && v.word(j - 1) == "," && j >= 2;
    let mut r = if comma { j - 2 } else { j.saturating_sub(1) };
    if j == 0 {
        return;
    }
    let mut of_object: Option<(usize, EntityId)> = None;
    let mut remit = false;
    // "... of India [Shri] X" / "... for Europe, X"
    if let Some(m) = v.mention(r) {
        let mut p = r;
        if p >= 1 && v.word(p - 1) == "the" {
            p -= 1;
        }
        if p >= 2
            && matches!(v.items[p - 1].kind, ItemKind::Word)
            && matches!(v.word(p - 1), "of" | "for" | "to")
            && matches!(v.items[p - 2].kind, ItemKind::Role { .. })
        {
            let envoy = matches!(&v.items[p - 2].kind, ItemKind::Role { role, .. } if role.predicate == crate::model::Predicate::EnvoyOf);
            // "for X" is a remit; an envoy "to X" is sent to X, not by it.
            if v.word(p - 1) == "for" || (envoy && v.word(p - 1) == "to") {
                remit = true;
                role_objects.insert(m.0);
            } else {
                of_object = Some(m);
            }
            r = p - 2;
        } else {
            return;
        }
    }
    if comma && of_object.is_none() && !remit && !matches!(v.items[r].kind, ItemKind::Role { .. }) {
        return;
    }
    let ItemKind::Role {
        role,
        former,
        remit: role_remit,
    } = &v.items[r].kind
    else {
        return;
    };
    if *former {
        return;
    }
    // A role word after a lower-case word that is not a modifier is a common noun phrase
    // ("to the envoy X"), still a title; but "the president of X" forms are handled above.
    let mut q = r;
    let mut deputy_of_role = false;
    if q > 0 {
        if let ItemKind::Role { role: prev, .. } = &v.items[q - 1].kind {
            if prev.kind == RoleKind::Deputy || prev.phrase.starts_with("vice") {
                deputy_of_role = true;
                q -= 1;
            }
        }
    }
    while q > 0 && v.is_modifier(q - 1) {
        q -= 1;
    }
    // Qualifier left of the role.
    let mut found: Option<Found> = of_object.map(|(m, e)| Found {
        object: e,
        mention: Some(m),
        rule: "title-of",
        confidence: 0.9,
    });
    if found.is_none() && q > 0 {
        let left = q - 1;
        if v.is_possessive(left) && left > 0 {
            if let Some((m, e)) = v.mention(left - 1) {
                found = Some(Found {
                    object: e,
                    mention: Some(m),
                    rule: "possessive-title",
                    confidence: 0.9,
                });
            }
        } else if let Some((m, e)) = v.mention(left) {
            if v.ty(e) != EntityType::Person {
                found = Some(Found {
                    object: e,
                    mention: Some(m),
                    rule: "qualified-title",
                    confidence: 0.9,
                });
                // "Britain's Europe Director": a place between possessor and role is a remit.
                if left >= 2 && v.is_possessive(left - 1) {
                    if let Some((m2, e2)) = v.mention(left - 2) {
                        found = Some(Found {
                            object: e2,
                            mention: Some(m2),
                            rule: "possessive-title",
                            confidence: 0.85,
                        });
                        role_objects.insert(m);
                    }
                }
            }
        } else if matches!(v.word(left).to_lowercase().as_str(), "his" | "her") {
            if let Some(e) = v.antecedent(left, subject) {
                found = Some(Found {
                    object: e,
                    mention: None,
                    rule: "pronoun-possessive-title",
                    confidence: 0.75,
                });
            }
        }
    }
    let found = found.or_else(|| world_knowledge(v, subject, role));
    let Some(f) = found else { return };
    if f.object == subject {
        return;
    }
    let Some(p) = predicate_for(
        role,
        deputy_of_role,
        remit || *role_remit,
        v.ty(subject),
        v.ty(f.object),
    ) else {
        return;
    };
    emit_role(v, subject, p, role, &f, role_objects, out);
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

/// `X, [a|an|the] [Y's] [modifiers] R [of|to|for [the] ... Y]`, and the copula forms.
fn apposition_after(
    v: &SentenceView<'_, '_>,
    k: usize,
    subject: EntityId,
    out: &mut Vec<Relation>,
    role_objects: &mut HashSet<usize>,
) {
    let mut j = k + 1;
    let toks = &v.sentence.tokens;
    let Some(next) = v.items.get(j) else { return };
    let rule = if v.word(j) == "," {
        // ", who is" is a copula; a plain comma an apposition.
        match v.lex.cue(Cue::Copula).longest_at(v.doc, toks, next.start) {
            Some((len, ())) => {
                j = item_at_token(v, next.start + len).unwrap_or(v.items.len());
                "copula"
            }
            None => {
                j += 1;
                "apposition"
            }
        }
    } else if let Some((len, ())) = v.lex.cue(Cue::Copula).longest_at(v.doc, toks, next.start) {
        j = item_at_token(v, next.start + len).unwrap_or(v.items.len());
        "copula"
    } else {
        return;
    };
    if matches!(v.word(j), "a" | "an" | "the") {
        j += 1;
    }
    let mut qualifier: Option<(usize, EntityId)> = None;
    let mut described: Option<EntityId> = None;
    // "Melania Trump, the president's wife": a possessor named by office.
    if let Some(ItemKind::Role {
        role: office,
        former: false,
        ..
    }) = v.items.get(j).map(|i| &i.kind)
    {
        if v.is_possessive(j + 1) && j > 0 && v.word(j - 1).eq_ignore_ascii_case("the") {
            if let Some((holder, _)) = office_holder(v, office, None) {
                described = Some(holder);
                j += 2;
            }
        }
    }
    // "X, Prime Minister Keir Starmer's national security adviser": a titled possessor.
    let mut jj = j;
    while matches!(
        v.items.get(jj).map(|i| &i.kind),
        Some(ItemKind::Role { .. } | ItemKind::Honorific | ItemKind::Demonym(_))
    ) || v.is_modifier(jj)
    {
        jj += 1;
    }
    if let Some(m) = v.mention(jj).filter(|_| v.is_possessive(jj + 1)) {
        qualifier = Some(m);
        j = jj + 2;
    } else if let Some(m) = v.mention(j) {
        if v.ty(m.1) != EntityType::Person {
            qualifier = Some(m);
            j += 1;
        }
    }
    let mut deputy_of_role = false;
    while v.is_modifier(j) {
        j += 1;
    }
    let Some(ItemKind::Role {
        role,
        former,
        remit,
    }) = v.items.get(j).map(|i| &i.kind)
    else {
        return;
    };
    let mut role = *role;
    if role.kind == RoleKind::Deputy {
        if let Some(ItemKind::Role { role: r2, .. }) = v.items.get(j + 1).map(|i| &i.kind) {
            deputy_of_role = true;
            role = r2;
            j += 1;
        }
    }
    if *former {
        return;
    }
    let mut remit = *remit;
    j += 1;
    // "Merz, the UK's Prime Minister Keir Starmer, ...": a list of titled names, where the
    // role belongs to the next name, not an apposition about X.
    let mut after = j;
    if matches!(
        v.items.get(after).map(|i| &i.kind),
        Some(ItemKind::Honorific)
    ) {
        after += 1;
    }
    if v.mention(after)
        .is_some_and(|(_, e)| v.ty(e) == EntityType::Person)
    {
        return;
    }
    // "of|to|for [the] [Y] [R] [Mr] Z": the object is the last entity of the phrase.
    if qualifier.is_none() && matches!(v.word(j), "of" | "to" | "for") {
        remit = remit || v.word(j) == "for";
        let mut last = None;
        let mut seen = Vec::new();
        let mut p = j + 1;
        while p < v.items.len() {
            match &v.items[p].kind {
                ItemKind::Mention(_) => {
                    if let Some(m) = v.mention(p) {
                        last = Some(m);
                        seen.push(m.0);
                    }
                    // "head of Turkey's intelligence agency": the possessed thing is the object.
                    if v.is_possessive(p + 1) {
                        p += 1;
                    }
                }
                ItemKind::Role { .. } | ItemKind::Honorific | ItemKind::Demonym(_) => {}
                ItemKind::Word if matches!(v.word(p), "the" | "a") || v.is_modifier(p) => {}
                _ => break,
            }
            p += 1;
        }
        role_objects.extend(seen);
        if let Some(m) = last {
            // "Dominick Chilcott, director for Europe": a remit is not the employer.
            // "spokesman for the Kremlin" names the employer; "director for Europe" a remit.
            if !remit
                || v.ty(m.1) != EntityType::Place
                || v.entities[m.1.index()].place_kind == Some(PlaceKind::Facility)
            {
                qualifier = Some(m);
            }
        }
    }
    let found = match (qualifier, described) {
        (Some((m, e)), _) => Some(Found {
            object: e,
            mention: Some(m),
            rule,
            confidence: 0.85,
        }),
        (None, Some(e)) => Some(Found {
            object: e,
            mention: None,
            rule: "apposition-description",
            confidence: 0.7,
        }),
        (None, None) => world_knowledge(v, subject, role),
    };
    let Some(f) = found else { return };
    if f.object == subject {
        return;
    }
    let Some(p) = predicate_for(role, deputy_of_role, remit, v.ty(subject), v.ty(f.object)) else {
        return;
    };
    emit_role(v, subject, p, role, &f, role_objects, out);
}

fn item_at_token(v: &SentenceView<'_, '_>, token: usize) -> Option<usize> {
    v.items.iter().position(|it| it.start == token)
}

/// `X [,] in Y`: a city, region, facility or institution inside a larger place.
fn located_in(v: &SentenceView<'_, '_>, k: usize, subject: EntityId, out: &mut Vec<Relation>) {
    let e = &v.entities[subject.index()];
    let inner_ok = match e.ty {
        EntityType::Place => !matches!(
            e.place_kind,
            Some(PlaceKind::Country | PlaceKind::Continent)
        ),
        EntityType::Organization => e.place_kind == Some(PlaceKind::Facility) || e.known.is_none(),
        EntityType::Person => false,
    };
    if !inner_ok
        || matches!(v.items[k].kind, ItemKind::Mention(m) if matches!(v.mentions[m].source, crate::extract::mention::MentionSource::Nationality(_)))
    {
        return;
    }
    let mut j = k + 1;
    if v.word(j) == "," {
        j += 1;
    }
    if v.word(j) != "in" {
        residence(v, k, subject, out);
        return;
    }
    let Some((_, outer)) = v.mention(j + 1) else {
        return;
    };
    let o = &v.entities[outer.index()];
    let outer_ok = o.ty == EntityType::Place
        && outer != subject
        && !(e.place_kind == Some(PlaceKind::Region) && o.place_kind == Some(PlaceKind::City));
    // "Geneva in Switzerland" yes; "talks in Moscow" has no X; "Russia in Ukraine" is excluded above.
    if outer_ok {
        out.push(Relation {
            subject,
            predicate: Predicate::LocatedIn,
            object: outer,
            sentence: v.index,
            rule: "located-in",
            confidence: 0.8,
            role: None,
            from_meeting: false,
        });
    }
}
