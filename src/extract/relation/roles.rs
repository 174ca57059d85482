//! Role descriptions and office holders: "the Russian president", residences, counterparts, and role verbs.

use super::*;

/// A description at item `r`: `the [Q] [modifiers] ROLE` not followed by a name ("the Russian
/// president", "the foreign secretary's house"). Returns the one person of the document who
/// holds that office by world knowledge, the office, and the qualifier's mention.
pub fn description_at<'l>(
    v: &SentenceView<'_, 'l>,
    r: usize,
) -> Option<(EntityId, &'l crate::lexicon::Office, Option<usize>)> {
    let ItemKind::Role {
        role,
        former: false,
        ..
    } = &v.items.get(r)?.kind
    else {
        return None;
    };
    // Single-word posts ("official", "minister") are too vague to pin on one person.
    if role.kind != RoleKind::Head
        && (role.kind != RoleKind::Post || role.phrase.split(' ').count() < 2)
    {
        return None;
    }
    // Not a title before a name.
    let mut next = r + 1;
    if matches!(
        v.items.get(next).map(|i| &i.kind),
        Some(ItemKind::Honorific)
    ) {
        next += 1;
    }
    if v.mention(next).is_some()
        || v.items.get(next).is_some_and(|it| {
            v.sentence.tokens[it.start].upper && matches!(it.kind, ItemKind::Word)
        })
    {
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
    if det == 0 || !v.word(det - 1).eq_ignore_ascii_case("the") {
        return None;
    }
    let qualifier_name = qualifier.map(|(_, qe)| v.entities[qe.index()].name.as_str());
    let (person, office) = office_holder(v, role, qualifier_name)?;
    Some((person, office, qualifier.map(|(m, _)| m)))
}

/// Descriptions state the relation of the office they name ("the foreign secretary's house":
/// Straw memberOf United Kingdom, when the document names Straw and the UK).
pub(super) fn descriptions(
    v: &SentenceView<'_, '_>,
    role_objects: &mut HashSet<usize>,
    out: &mut Vec<Relation>,
) {
    for r in 0..v.items.len() {
        let Some((person, office, qualifier)) = description_at(v, r) else {
            continue;
        };
        let Some(object) = v.entities.iter().position(|e| e.name == office.of) else {
            continue;
        };
        role_objects.extend(qualifier);
        out.push(Relation {
            subject: person,
            predicate: office.predicate,
            object: EntityId(u32::try_from(object).expect("few entities")),
            sentence: v.index,
            rule: "description-world-knowledge",
            confidence: 0.6,
            role: Some(office.title.clone()),
            from_meeting: false,
        });
    }
}

/// "the foreign secretary's official Kent house, Chevening": a place named after a residence
/// noun lies in the place before the noun.
pub(super) fn residence(
    v: &SentenceView<'_, '_>,
    k: usize,
    outer: EntityId,
    out: &mut Vec<Relation>,
) {
    let o = &v.entities[outer.index()];
    if o.ty != EntityType::Place {
        return;
    }
    let toks = &v.sentence.tokens;
    let Some(next) = v.items.get(k + 1) else {
        return;
    };
    let Some((len, ())) = v
        .lex
        .cue(Cue::ResidenceNoun)
        .longest_at(v.doc, toks, next.start)
    else {
        return;
    };
    let after = next.start + len;
    if toks.get(after).map(|t| t.text(v.doc)) != Some(",") {
        return;
    }
    let Some(j) = v.items.iter().position(|it| it.start == after + 1) else {
        return;
    };
    if let Some((_, inner)) = v.mention(j) {
        let i = &v.entities[inner.index()];
        if inner != outer
            && (i.ty == EntityType::Place || i.place_kind == Some(PlaceKind::Facility))
            && i.place_kind != Some(PlaceKind::Country)
        {
            out.push(Relation {
                subject: inner,
                predicate: Predicate::LocatedIn,
                object: outer,
                sentence: v.index,
                rule: "residence-apposition",
                confidence: 0.7,
                role: None,
                from_meeting: false,
            });
        }
    }
}

/// "his Israeli counterpart, Ariel Sharon": "counterpart" says only that the person serves
/// the state; world knowledge says how (Sharon led Israel).
pub(super) fn counterpart_office(
    v: &SentenceView<'_, '_>,
    subject: EntityId,
    role: &Role,
    object: EntityId,
) -> Option<Predicate> {
    if role.phrase != "counterpart" {
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

/// Records a role relation found by a title, apposition or copula rule; the object's mention,
/// if any, is a role object (not a meeting participant).
pub(super) fn emit_role(
    v: &SentenceView<'_, '_>,
    subject: EntityId,
    predicate: Predicate,
    role: &Role,
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
        role: Some(role.phrase.clone()),
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
                        || (role.phrase == "leader" && o.predicate == Predicate::LeaderOf))
                    && of.is_none_or(|name| name == o.of)
            })?;
            Some((EntityId(u32::try_from(i).ok()?), office))
        });
    match (found.next(), found.next()) {
        (Some(one), None) => Some(one),
        _ => None,
    }
}

/// "X heads Y", "X, who leads Y", "X, a close ally of Z who heads Y": a role stated by a verb.
/// The subject is the person the clause is about: in an apposition after "X," that is X,
/// otherwise the nearest person before the verb.
pub(super) fn role_verbs(
    v: &SentenceView<'_, '_>,
    role_objects: &mut HashSet<usize>,
    out: &mut Vec<Relation>,
) {
    let toks = &v.sentence.tokens;
    for k in 0..v.items.len() {
        let Some((len, &predicate)) = v.lex.role_verbs.longest_at(v.doc, toks, v.items[k].start)
        else {
            continue;
        };
        if !matches!(v.items[k].kind, ItemKind::Word) || k == 0 {
            continue;
        }
        // Object: [the] [Q] ENTITY right after the verb.
        let mut o = v
            .items
            .iter()
            .position(|it| it.start >= v.items[k].start + len)
            .unwrap_or(v.items.len());
        if v.word(o).eq_ignore_ascii_case("the") {
            o += 1;
        }
        let Some((om, object)) = v.mention(o) else {
            continue;
        };
        // Subject: "who" or a person right before the verb.
        let before = if v.word(k - 1).eq_ignore_ascii_case("who") {
            k.saturating_sub(1)
        } else {
            k
        };
        let nearest = (0..before).rev().find_map(|j| {
            v.mention(j)
                .filter(|(_, e)| v.ty(*e) == EntityType::Person)
                .map(|m| (j, m.1))
        });
        let Some((j, mut subject)) = nearest else {
            continue;
        };
        if before == k && j + 1 != k {
            // Without "who" the person must be the verb's immediate subject.
            continue;
        }
        // Inside an apposition ("X, a close ally of Z who heads Y"), the clause is about X.
        if let Some(comma) = (0..j).rev().find(|&c| v.word(c) == ",") {
            if let Some((_, head)) = comma
                .checked_sub(1)
                .and_then(|c| v.mention(c))
                .filter(|(_, e)| v.ty(*e) == EntityType::Person)
            {
                if !v
                    .word(comma + 1)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                {
                    subject = head;
                }
            }
        }
        if subject == object
            || (predicate != Predicate::AideTo
                && v.ty(object) == EntityType::Person
                && predicate != Predicate::EnvoyOf)
        {
            continue;
        }
        role_objects.insert(om);
        out.push(Relation {
            subject,
            predicate,
            object,
            sentence: v.index,
            rule: "role-verb",
            confidence: 0.75,
            role: None,
            from_meeting: false,
        });
    }
}
