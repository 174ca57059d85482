//! Role descriptions and office holders ("the Russian president"), counterparts, and the
//! record of a role relation: named code the role rules call.

use super::*;

/// A description at item `r`: `the [Q] [modifiers] ROLE` not followed by a name ("the Russian
/// president", "the foreign secretary's house"). Returns the one person of the document who
/// holds that office by world knowledge, the office, and the qualifier's mention.
pub fn description_at<'l>(
    v: &SentenceView<'_, 'l>,
    r: usize,
) -> Option<(EntityId, &'l crate::lexicon::Office, Option<usize>)> {
    let role = v.current_role(r)?;
    // Single-word posts ("official", "minister") are too vague to pin on one person.
    if role.kind != RoleKind::Head
        && (role.kind != RoleKind::Post || role.phrase.split(' ').count() < 2)
    {
        return None;
    }
    // Not a title before a name.
    if titles_a_name(v, r) {
        return None;
    }
    let mut q = r;
    while q > 0 && v.is_modifier(q - 1) {
        q -= 1;
    }
    let qualifier = q
        .checked_sub(1)
        .and_then(|j| v.mention(j))
        .filter(|(_, e)| v.ty(*e) != EntityType::Person);
    let det = qualifier.map_or(q, |_| q - 1);
    if det == 0 || !is_the(v, det - 1) {
        return None;
    }
    let qualifier_name = qualifier.map(|(_, qe)| v.entities[qe.index()].name.as_str());
    let (person, office) = office_holder(v, role, qualifier_name)?;
    Some((person, office, qualifier.map(|(m, _)| m)))
}

/// The item where a name after the role word at item `r` would start: the next one, or the
/// one after an honorific ("President Mr Lagos").
pub(super) fn name_after(v: &SentenceView<'_, '_>, r: usize) -> usize {
    let next = r + 1;
    if matches!(
        v.items.get(next).map(|i| &i.kind),
        Some(ItemKind::Honorific)
    ) {
        next + 1
    } else {
        next
    }
}

/// The role word at item `r` is a title before a name ("Secretary General Jens Stoltenberg",
/// "President Mr Lagos", "Chairman Unknownname"): a mention or a capitalised word follows.
pub(super) fn titles_a_name(v: &SentenceView<'_, '_>, r: usize) -> bool {
    let next = name_after(v, r);
    v.mention(next).is_some()
        || v.items.get(next).is_some_and(|it| {
            v.sentence.tokens[it.start].upper && matches!(it.kind, ItemKind::Word)
        })
}

/// "his Israeli counterpart, Ariel Sharon": "counterpart" says only that the person serves
/// the state; world knowledge says how (Sharon led Israel).
pub(super) fn counterpart_office(
    v: &SentenceView<'_, '_>,
    subject: EntityId,
    role: &Role,
    object: EntityId,
) -> Option<Predicate> {
    if !v.lex.in_class("counterpart", &role.phrase) {
        return None;
    }
    let known = v.entities[subject.index()].known?;
    let of = &v.entities[object.index()].name;
    v.lex
        .entity(known)
        .offices
        .iter()
        .find(|o| &o.of == of && (o.held_in(v.year) || v.year.is_none()))
        .map(|o| o.predicate)
}

/// Records a role relation found by a title, apposition or copula rule, with the office as the
/// text gives it (`label`); the object's mention, if any, is a role object (not a meeting
/// participant).
#[allow(clippy::too_many_arguments)]
pub(super) fn emit_role(
    v: &SentenceView<'_, '_>,
    subject: EntityId,
    predicate: Predicate,
    role: &Role,
    label: &str,
    f: &Found,
    role_objects: &mut HashSet<usize>,
    out: &mut Vec<Relation>,
) {
    let predicate = counterpart_office(v, subject, role, f.object).unwrap_or(predicate);
    if let Some(m) = f.mention {
        role_objects.insert(m);
    }
    out.push(Relation {
        subject,
        predicate,
        object: f.object,
        sentence: v.index,
        rule: f.rule,
        confidence: f.confidence,
        role: Some(label.to_owned()),
        from_meeting: false,
    });
}

/// The one person of the document who, by world knowledge, holds the office a role word names
/// (in the document's year, and of `of` when given).
pub(super) fn office_holder<'l>(
    v: &SentenceView<'_, 'l>,
    role: &Role,
    of: Option<&str>,
) -> Option<(EntityId, &'l crate::lexicon::Office)> {
    let year = v.year;
    let mut found = v
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.ty == EntityType::Person)
        .filter_map(|(i, e)| {
            let office = v.lex.entity(e.known?).offices.iter().find(|o| {
                (o.held_in(year) || year.is_none())
                    && (o.title == role.phrase
                        || o.title.ends_with(&role.phrase)
                        || (v.lex.in_class("leader-word", &role.phrase)
                            && o.predicate == Predicate::LeaderOf))
                    && of.is_none_or(|name| name == o.of)
            })?;
            Some((EntityId(u32::try_from(i).ok()?), office))
        });
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// Item k is the definite article (`classes.tsv` class `the`).
pub(super) fn is_the(v: &SentenceView<'_, '_>, k: usize) -> bool {
    v.lex.in_class("the", v.word(k))
}

/// Settles the role relations of a document once every sentence is read (named code):
/// - a deputy's office and the office itself held by another person of the document, towards
///   the same state or body ("Deputy Foreign Minister X" and "Foreign Minister Y" of Russia;
///   "Vice President X" and "President Y"): X deputises for Y (`deputyOf`);
/// - a membership that a stronger tie between the same two entities in the same sentence
///   states already ("Secretary-General X of the United Nations": leads, so no `memberOf`).
pub(crate) fn settle_roles(relations: &mut Vec<Relation>, entities: &[Entity], lex: &Lexicon) {
    let person = |e: EntityId| entities[e.index()].ty == EntityType::Person;
    let deputy_word = |w: &str| {
        lex.in_class("deputy-prefix", w) || {
            let toks = crate::text::tokenize(w, crate::Span::new(0, w.len()));
            lex.roles
                .longest_at(w, &toks, 0)
                .is_some_and(|(len, r)| len == toks.len() && r.kind == RoleKind::Deputy)
        }
    };
    let mut deputies = Vec::new();
    for r in relations.iter() {
        let Some(label) = r.role.as_deref() else {
            continue;
        };
        if r.predicate == Predicate::DeputyOf || !person(r.subject) || person(r.object) {
            continue;
        }
        for q in relations.iter() {
            let Some(office) = q.role.as_deref() else {
                continue;
            };
            if q.object != r.object || q.subject == r.subject || !person(q.subject) {
                continue;
            }
            let Some(prefix) = label
                .strip_suffix(office)
                .and_then(|p| p.strip_suffix(' '))
                .filter(|p| !p.is_empty())
            else {
                continue;
            };
            if prefix.rsplit(' ').next().is_some_and(deputy_word)
                && !relations.iter().chain(deputies.iter()).any(|d: &Relation| {
                    d.predicate == Predicate::DeputyOf
                        && d.subject == r.subject
                        && d.object == q.subject
                })
            {
                deputies.push(Relation {
                    subject: r.subject,
                    predicate: Predicate::DeputyOf,
                    object: q.subject,
                    sentence: r.sentence,
                    rule: "deputy-of-office-holder",
                    confidence: r.confidence.min(q.confidence) * 0.9,
                    role: Some(label.to_owned()),
                    from_meeting: false,
                });
            }
        }
    }
    relations.extend(deputies);
    let stronger: HashSet<(EntityId, EntityId, usize)> = relations
        .iter()
        .filter(|r| {
            matches!(
                r.predicate,
                Predicate::LeaderOf | Predicate::EnvoyOf | Predicate::AideTo | Predicate::DeputyOf
            )
        })
        .map(|r| (r.subject, r.object, r.sentence))
        .collect();
    relations.retain(|r| {
        r.predicate != Predicate::MemberOf || !stronger.contains(&(r.subject, r.object, r.sentence))
    });
}
