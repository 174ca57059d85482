//! Resolution inside a document: mentions to [`Entity`]s. "Putin", "President Putin" and
//! "Vladimir Putin" become one entity; "Nato" and "NATO" one; a surname joins the one full
//! name in the document that ends with it; two full names that share a surname stay apart.

use std::collections::{BTreeSet, HashMap};

use crate::extract::mention::{Mention, MentionSource};
use crate::lexicon::{KnownId, Lexicon, NameHit, skeleton};
use crate::model::{EntityType, PlaceKind};

/// Index of an entity in a document's extraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
pub struct EntityId(pub u32);

impl EntityId {
    /// The index as usize.
    #[must_use]
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A resolved entity.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Entity {
    /// Canonical name.
    pub name: String,
    /// Person, organisation or place.
    pub ty: EntityType,
    /// For places, the kind.
    pub place_kind: Option<PlaceKind>,
    /// The lexicon entry, when known.
    pub known: Option<KnownId>,
    /// Other names it was mentioned by.
    pub aliases: BTreeSet<String>,
    /// Wikidata id, when known.
    pub wikidata: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Known(KnownId),
    Local(EntityType, String),
}

/// Resolves mentions; returns the entities and, per mention, its entity (None: dropped).
#[must_use]
pub fn resolve(
    doc: &str,
    mentions: &[Mention],
    lex: &Lexicon,
    year: Option<i32>,
) -> (Vec<Entity>, Vec<Option<EntityId>>) {
    let mut r = Resolver {
        lex,
        entities: Vec::new(),
        keys: HashMap::new(),
    };
    let text = |m: &Mention| clean(&doc[m.span]);
    // Full names first, so surnames can join them whatever the order of mention.
    let mut full: Vec<(String, Key)> = Vec::new();
    for m in mentions {
        let t = text(m);
        match &m.source {
            MentionSource::Known(ids)
                if ids.len() == 1
                    && lex.entity(ids[0]).ty == EntityType::Person
                    && t.contains(' ') =>
            {
                full.push((t, Key::Known(ids[0])));
            }
            MentionSource::Name if m.ty == EntityType::Person && t.contains(' ') => {
                let key = r
                    .known_person_for(&t)
                    .map_or_else(|| Key::Local(EntityType::Person, skeleton(&t)), Key::Known);
                full.push((t, key));
            }
            _ => {}
        }
    }
    // "Robert Gabriel Mugabe" and "Robert Mugabe" in one story: one person, named with and
    // without a middle name.
    for k in 0..full.len() {
        let words: Vec<&str> = full[k].0.split(' ').collect();
        if words.len() < 3 || !matches!(full[k].1, Key::Local(..)) {
            continue;
        }
        let short = format!("{} {}", words[0], words[words.len() - 1]);
        if let Some((_, key)) = full.iter().find(|(n, _)| *n == short) {
            full[k].1 = key.clone();
        }
    }
    let surname_of = |name: &str| {
        name.split(' ')
            .next_back()
            .map(skeleton)
            .unwrap_or_default()
    };
    // Each full name's surname skeleton once, not once per surname mention.
    let surnames: Vec<String> = full.iter().map(|(n, _)| surname_of(n)).collect();
    let by_surname = |word: &str| -> Option<(String, Key)> {
        let sk = skeleton(word);
        let mut hits: Vec<&(String, Key)> = full
            .iter()
            .zip(&surnames)
            .filter(|(_, s)| **s == sk)
            .map(|(f, _)| f)
            .collect();
        // East Asian names put the family name first ("Li Zhaoxing", later "Li"): a word that
        // is not a given name may join the one full name it begins.
        if hits.is_empty() && !lex.given_names.contains(word) {
            hits = full
                .iter()
                .filter(|(f, _)| f.split(' ').next().map(skeleton) == Some(sk.clone()))
                .collect();
        }
        hits.dedup_by(|a, b| a.1 == b.1);
        let first = hits.first()?;
        hits.iter()
            .all(|h| h.1 == first.1)
            .then(|| (*first).clone())
    };
    // Acronyms defined in the text: "FULL NAME (ACRONYM)".
    let mut defined: HashMap<String, String> = HashMap::new();
    for w in mentions.windows(2) {
        let (full, acr) = (&w[0], &w[1]);
        if full.ty == EntityType::Organization
            && acr.ty == EntityType::Organization
            && full.span.end <= acr.span.start
            && doc[full.span.end..acr.span.start].trim() == "("
            && doc[acr.span.end..].trim_start().starts_with(')')
        {
            defined.insert(text(acr), text(full));
        }
    }
    // "the IRA" ... "the Irish Republican Army": an acronym that spells the initials of the
    // capitalised words of an organisation named in the same story.
    let orgs: Vec<String> = mentions
        .iter()
        .filter(|m| m.ty == EntityType::Organization)
        .map(&text)
        .collect();
    for acr in &orgs {
        if acr.len() < 2
            || !acr.bytes().all(|b| b.is_ascii_uppercase())
            || defined.contains_key(acr)
        {
            continue;
        }
        let spelled: Vec<&String> = orgs
            .iter()
            .filter(|full| {
                let initials: String = full
                    .split([' ', '-'])
                    .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
                    .collect();
                full.contains(' ') && initials == *acr
            })
            .collect();
        if let [one] = spelled.as_slice() {
            defined.insert(acr.clone(), (*one).clone());
        }
    }
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let t = text(m);
        let id = match &m.source {
            MentionSource::Nationality(c) => Some(r.known(*c, None)),
            MentionSource::Known(ids) => {
                let person = lex.entity(ids[0]).ty == EntityType::Person;
                if person && !t.contains(' ') {
                    // A surname: a full name in this document first, then world knowledge.
                    if let Some((name, key)) = by_surname(&t) {
                        Some(r.entity_for(key, &name, Some(&t)))
                    } else if ids.len() == 1 {
                        Some(r.known(ids[0], Some(&t)))
                    } else {
                        let current: Vec<KnownId> = ids
                            .iter()
                            .copied()
                            .filter(|id| lex.entity(*id).offices.iter().any(|o| o.held_in(year)))
                            .collect();
                        match current.as_slice() {
                            [one] => Some(r.known(*one, Some(&t))),
                            _ => m.titled.then(|| {
                                r.entity_for(Key::Local(EntityType::Person, skeleton(&t)), &t, None)
                            }),
                        }
                    }
                } else {
                    Some(r.known(ids[0], Some(&t)))
                }
            }
            MentionSource::Name => match m.ty {
                EntityType::Person if t.contains(' ') => {
                    let key = full.iter().find(|(n, _)| *n == t).map_or_else(
                        || {
                            r.known_person_for(&t).map_or_else(
                                || Key::Local(EntityType::Person, skeleton(&t)),
                                Key::Known,
                            )
                        },
                        |(_, k)| k.clone(),
                    );
                    Some(r.entity_for(key, &t, Some(&t)))
                }
                EntityType::Person => match by_surname(&t) {
                    Some((name, key)) => Some(r.entity_for(key, &name, Some(&t))),
                    None => m.titled.then(|| {
                        r.entity_for(Key::Local(EntityType::Person, skeleton(&t)), &t, None)
                    }),
                },
                ty => {
                    // "the Movement for Democratic Change (MDC)": the acronym names the
                    // body it stands after, wherever it is used.
                    let (name, surface) = match defined.get(t.as_str()) {
                        Some(full) if ty == EntityType::Organization => {
                            (full.clone(), Some(t.as_str()))
                        }
                        _ => (t.clone(), None),
                    };
                    Some(r.entity_for(Key::Local(ty, skeleton(&name)), &name, surface))
                }
            },
        };
        out.push(id);
    }
    (r.entities, out)
}

/// Mention text without a possessive or trailing punctuation, spaces normalised.
fn clean(s: &str) -> String {
    let s = s
        .trim_end_matches("'s")
        .trim_end_matches("’s")
        .trim_end_matches(['.', ',']);
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Resolver<'a> {
    lex: &'a Lexicon,
    entities: Vec<Entity>,
    keys: HashMap<Key, EntityId>,
}

impl Resolver<'_> {
    /// The known person a full name not in the gazetteer refers to: same surname as a known
    /// person's and a compatible first name ("Steven Witkoff" for "Steve Witkoff").
    fn known_person_for(&self, full: &str) -> Option<KnownId> {
        if let Some(id) = self.lex.find(full) {
            return Some(id);
        }
        let variants = self.lex.find_variant(full);
        if let [one] = variants {
            return Some(*one);
        }
        let words: Vec<&str> = full.split(' ').collect();
        let (first, last) = (words.first()?, words.last()?);
        // "Robert Gabriel Mugabe": a known person's name with a middle name.
        if words.len() >= 3 {
            if let Some(id) = self.lex.find(&format!("{first} {last}")) {
                return Some(id);
            }
        }
        let sentence = (*last).to_owned();
        let toks = crate::text::tokenize(&sentence, crate::Span::new(0, sentence.len()));
        let (_, hits) = self.lex.names.longest_at(&sentence, &toks, 0)?;
        let mut found = None;
        for h in hits {
            if let NameHit::Entity { id, .. } = h {
                let e = self.lex.entity(*id);
                let kfirst = e.name.split(' ').next().unwrap_or_default();
                let compatible = first.len() >= 3
                    && kfirst.len() >= 3
                    && (kfirst.starts_with(first) || first.starts_with(kfirst));
                if e.ty == EntityType::Person && compatible {
                    if found.is_some() {
                        return None;
                    }
                    found = Some(*id);
                }
            }
        }
        found
    }

    fn known(&mut self, id: KnownId, surface: Option<&str>) -> EntityId {
        let name = self.lex.entity(id).name.clone();
        self.entity_for(Key::Known(id), &name, surface)
    }

    fn entity_for(&mut self, key: Key, name: &str, surface: Option<&str>) -> EntityId {
        let id = match self.keys.get(&key) {
            Some(&id) => id,
            None => {
                let (ty, place_kind, known, canonical, wikidata) = match &key {
                    Key::Known(k) => {
                        let e = self.lex.entity(*k);
                        (
                            e.ty,
                            e.place_kind,
                            Some(*k),
                            e.name.clone(),
                            e.wikidata.clone(),
                        )
                    }
                    Key::Local(ty, _) => (*ty, None, None, name.to_owned(), None),
                };
                let id = EntityId(
                    u32::try_from(self.entities.len()).expect("fewer than 4 billion entities"),
                );
                self.entities.push(Entity {
                    name: canonical,
                    ty,
                    place_kind,
                    known,
                    aliases: BTreeSet::new(),
                    wikidata,
                });
                self.keys.insert(key, id);
                id
            }
        };
        let e = &mut self.entities[id.index()];
        // A longer full name seen later becomes the canonical one for a local person.
        if e.known.is_none()
            && e.ty == EntityType::Person
            && name.split(' ').count() > e.name.split(' ').count()
        {
            let old = std::mem::replace(&mut e.name, name.to_owned());
            e.aliases.insert(old);
        }
        for alias in [Some(name), surface].into_iter().flatten() {
            if alias != e.name {
                e.aliases.insert(alias.to_owned());
            }
        }
        id
    }
}
