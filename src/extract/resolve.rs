//! Resolution inside a document: mentions to [`Entity`]s. "Putin", "President Putin" and
//! "Vladimir Putin" become one entity; "Nato" and "NATO" one; a surname joins the one full
//! name in the document that ends with it; two full names that share a surname stay apart.

mod acronym;

use std::collections::{BTreeSet, HashMap, HashSet};

use crate::extract::mention::{Mention, MentionSource};
use crate::identity::{self, name_key};
use crate::lexicon::{KnownId, Lexicon, NameHit, skeleton};
use crate::model::{EntityType, PlaceKind};

mod names;
use names::{clean, known_by_surname, ministry_name, spelled_out};

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
    /// For people, the sex the text or world knowledge shows ('m', 'f'): an honorific ("Mr",
    /// "Ms"), a given name, or the lexicon. Evidence against linking, never for it.
    pub sex: Option<char>,
    /// Why each name was linked to this entity (the graph's `nkg:Link` records).
    pub links: BTreeSet<LinkReason>,
}

/// Why a name as written was linked to an entity: the rule and the evidence it used.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LinkReason {
    /// The name as written ("Kallas").
    pub surface: String,
    /// The rule (`known-name`, `surname-of-full-name`, `office-at-date`, ...; see
    /// `ontology/README.md`).
    pub rule: &'static str,
    /// What the rule relied on ("Kaja Kallas", "Q207", "president of United States 1989-1993").
    pub evidence: String,
}

impl LinkReason {
    pub(crate) fn new(surface: &str, rule: &'static str, evidence: impl Into<String>) -> Self {
        LinkReason {
            surface: surface.to_owned(),
            rule,
            evidence: evidence.into(),
        }
    }
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
    // The sex each full name shows: world knowledge, its given name, an honorific before it.
    let mut full_sex: Vec<Option<char>> = Vec::new();
    let honorific_sex = |m: &Mention| {
        identity::honorific_before(doc, m.span.start).and_then(identity::honorific_sex)
    };
    for m in mentions {
        let t = text(m);
        let key = match &m.source {
            MentionSource::Known(ids)
                if lex.entity(ids[0]).ty == EntityType::Person && t.contains(' ') =>
            {
                Key::Known(r.pick_dated(ids, year).0)
            }
            MentionSource::Name if m.ty == EntityType::Person && t.contains(' ') => r
                .known_person_for(&t)
                .map_or_else(|| Key::Local(EntityType::Person, name_key(&t)), Key::Known),
            _ => continue,
        };
        let sex = match key {
            Key::Known(k) => lex.entity(k).gender,
            Key::Local(..) => None,
        }
        .or_else(|| identity::given_name_sex(&t))
        .or_else(|| honorific_sex(m));
        full.push((t, key));
        full_sex.push(sex);
    }
    // Each full name's key at its first mention (looked up, not scanned, per mention).
    let first_key = |full: &[(String, Key)]| {
        let mut m: HashMap<String, Key> = HashMap::with_capacity(full.len());
        for (n, k) in full {
            m.entry(n.clone()).or_insert_with(|| k.clone());
        }
        m
    };
    let two_words = first_key(&full);
    // "Robert Gabriel Mugabe" and "Robert Mugabe" in one story: one person, named with and
    // without a middle name.
    for (name, key) in &mut full {
        let words: Vec<&str> = name.split(' ').collect();
        if words.len() < 3 || !matches!(key, Key::Local(..)) {
            continue;
        }
        let short = format!("{} {}", words[0], words[words.len() - 1]);
        // A name of two words is never rekeyed here, so its first key is the one to take.
        if let Some(k) = two_words.get(&short) {
            k.clone_into(key);
        }
    }
    let listed_key = first_key(&full);
    let surname_of = |name: &str| {
        name.split(' ')
            .next_back()
            .map(name_key)
            .unwrap_or_default()
    };
    // Each full name's surname key once, not once per surname mention.
    let surnames: Vec<String> = full.iter().map(|(n, _)| surname_of(n)).collect();
    // A surname joins a full name whose sex its honorific does not contradict ("Mr Hart,
    // her husband" is not Frances Hart).
    // Full names by surname key and by first word's key (looked up, not scanned, per mention).
    let mut by_last: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    // A name told many times is filed once per spelling, person and sex: a lookup reads what
    // can differ, not every telling (linear time in a document naming one person thousands
    // of times).
    let mut filed: HashSet<(&str, &Key, Option<char>)> = HashSet::new();
    for (i, (f, k)) in full.iter().enumerate() {
        if !filed.insert((f.as_str(), k, full_sex[i])) {
            continue;
        }
        by_last.entry(surnames[i].clone()).or_default().push(i);
        if let Some(first) = f.split(' ').next() {
            by_first.entry(name_key(first)).or_default().push(i);
        }
    }
    let by_surname = |word: &str, sex: Option<char>| -> Option<(String, Key)> {
        let sk = name_key(word);
        let mut hits: Vec<usize> = by_last.get(&sk).cloned().unwrap_or_default();
        // East Asian names put the family name first ("Li Zhaoxing", later "Li"): a word that
        // is not a given name may join the one full name it begins.
        if hits.is_empty() && !lex.given_names.contains(word) {
            hits = by_first.get(&sk).cloned().unwrap_or_default();
        }
        let agreeing: Vec<usize> = hits
            .iter()
            .copied()
            .filter(|&i| identity::sexes_agree(sex, full_sex[i]))
            .collect();
        let first = *agreeing.first()?;
        if !agreeing.iter().all(|&i| full[i].1 == full[first].1) {
            return None;
        }
        // Sex may rule out some people of that surname ("Mr Berg" is not Anna Berg), but it
        // picks the one left only when that one is positively of the honorific's sex.
        let ruled_out = hits.iter().any(|&i| full[i].1 != full[first].1);
        if ruled_out && (sex.is_none() || agreeing.iter().all(|&i| full_sex[i] != sex)) {
            return None;
        }
        Some(full[first].clone())
    };
    let defined = acronym::definitions(doc, mentions, &text);
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        let t = text(m);
        let sex = honorific_sex(m);
        let titled_local = |r: &mut Resolver<'_>, why: LinkReason| {
            r.entity_for(Key::Local(EntityType::Person, name_key(&t)), &t, None, why)
        };
        let id = match &m.source {
            MentionSource::Nationality(c) => Some(r.known(
                *c,
                None,
                LinkReason::new(&t, "demonym", lex.entity(*c).name.clone()),
            )),
            MentionSource::Known(ids) => {
                let person = lex.entity(ids[0]).ty == EntityType::Person;
                // World knowledge the honorific contradicts ("Ms Merz" is not Friedrich Merz).
                let contradicted = |id: KnownId| !identity::sexes_agree(sex, lex.entity(id).gender);
                if person && !t.contains(' ') {
                    // A surname: a full name in this document first, then world knowledge.
                    let why_full = |name: &str| LinkReason::new(&t, "surname-of-full-name", name);
                    if let Some((name, key)) = by_surname(&t, sex) {
                        Some(r.entity_for(key, &name, Some(&t), why_full(&name)))
                    } else if ids.iter().all(|id| contradicted(*id)) {
                        m.titled.then(|| {
                            titled_local(
                                &mut r,
                                LinkReason::new(
                                    &t,
                                    "titled-name",
                                    format!(
                                        "honorific {}",
                                        identity::honorific_before(doc, m.span.start)
                                            .unwrap_or_default()
                                    ),
                                ),
                            )
                        })
                    } else if ids.len() == 1 {
                        let name = lex.entity(ids[0]).name.clone();
                        Some(r.known(ids[0], Some(&t), LinkReason::new(&t, "known-surname", name)))
                    } else {
                        let current: Vec<KnownId> = ids
                            .iter()
                            .copied()
                            .filter(|id| !contradicted(*id))
                            .filter(|id| lex.entity(*id).offices.iter().any(|o| o.held_in(year)))
                            .collect();
                        match current.as_slice() {
                            [one] => {
                                let why = LinkReason::new(
                                    &t,
                                    "office-at-date",
                                    r.office_evidence(*one, year),
                                );
                                Some(r.known(*one, Some(&t), why))
                            }
                            _ => m.titled.then(|| {
                                titled_local(
                                    &mut r,
                                    LinkReason::new(
                                        &t,
                                        "titled-name",
                                        "a title or honorific before the name",
                                    ),
                                )
                            }),
                        }
                    }
                } else if person {
                    // A full name several known people bore ("George Bush"): the one in office
                    // at the document's date.
                    let (id, dated) = r.pick_dated(ids, year);
                    let why = if dated {
                        LinkReason::new(&t, "office-at-date", r.office_evidence(id, year))
                    } else {
                        LinkReason::new(&t, "known-name", r.known_evidence(id))
                    };
                    Some(r.known(id, Some(&t), why))
                } else {
                    let why = LinkReason::new(&t, "known-name", r.known_evidence(ids[0]));
                    Some(r.known(ids[0], Some(&t), why))
                }
            }
            MentionSource::Name => match m.ty {
                EntityType::Person if t.contains(' ') => {
                    let listed = listed_key.get(&t).cloned();
                    let known = r.known_person_for(&t);
                    let why = match known {
                        Some(k) => LinkReason::new(&t, "known-name-variant", r.known_evidence(k)),
                        None => LinkReason::new(&t, "same-name", name_key(&t)),
                    };
                    let key = listed.unwrap_or_else(|| {
                        known.map_or_else(
                            || Key::Local(EntityType::Person, name_key(&t)),
                            Key::Known,
                        )
                    });
                    Some(r.entity_for(key, &t, Some(&t), why))
                }
                EntityType::Person => match by_surname(&t, sex) {
                    Some((name, key)) => {
                        let why = LinkReason::new(&t, "surname-of-full-name", name.clone());
                        Some(r.entity_for(key, &name, Some(&t), why))
                    }
                    None if m.titled => {
                        // "President Clinton" in 1998: the one known person of that surname
                        // who held that office in the document's year.
                        let title = identity::word_before(doc, m.span.start);
                        match title.and_then(|w| r.titled_known(w, &t, year)) {
                            Some(k) => {
                                let why = LinkReason::new(
                                    &t,
                                    "office-at-date",
                                    r.office_evidence(k, year),
                                );
                                Some(r.known(k, Some(&t), why))
                            }
                            None => Some(titled_local(
                                &mut r,
                                LinkReason::new(
                                    &t,
                                    "titled-name",
                                    "a title or honorific before the name",
                                ),
                            )),
                        }
                    }
                    None => None,
                },
                ty => {
                    // "the Movement for Democratic Change (MDC)": the acronym names the
                    // body it stands after, wherever it is used.
                    let (name, surface, why) = match defined.get(t.as_str()) {
                        Some(full) if ty == EntityType::Organization => (
                            full.clone(),
                            Some(t.as_str()),
                            LinkReason::new(&t, "acronym-of-name", full.clone()),
                        ),
                        _ => {
                            match spelled_out(lex, &t).filter(|_| ty == EntityType::Organization) {
                                // "AU Commission" is the "African Union Commission" another
                                // document names in full: one name, so one IRI.
                                Some((full, known)) => (
                                    full,
                                    Some(t.as_str()),
                                    LinkReason::new(&t, "acronym-spelled-out", known),
                                ),
                                // "Turkish Foreign Ministry" is the "Ministry of Foreign
                                // Affairs of Turkey" another document names: one IRI.
                                None => match ministry_name(lex, &t)
                                    .filter(|n| ty == EntityType::Organization && *n != t)
                                {
                                    Some(full) => (
                                        full.clone(),
                                        Some(t.as_str()),
                                        LinkReason::new(&t, "ministry-name-normalised", full),
                                    ),
                                    None => (
                                        t.clone(),
                                        None,
                                        LinkReason::new(&t, "same-name", skeleton(&t)),
                                    ),
                                },
                            }
                        }
                    };
                    Some(r.entity_for(Key::Local(ty, skeleton(&name)), &name, surface, why))
                }
            },
        };
        if let (Some(id), Some(sex)) = (id, sex) {
            let e = &mut r.entities[id.index()];
            if e.ty == EntityType::Person && e.sex.is_none() {
                e.sex = Some(sex);
            }
        }
        out.push(id);
    }
    for e in &mut r.entities {
        if e.ty == EntityType::Person && e.sex.is_none() {
            e.sex = identity::given_name_sex(&e.name);
        }
    }
    (r.entities, out)
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
        // A spelling variant of a known name is that person only when the names agree after
        // normalisation ("Zelenskyy", "Kyslytsia"), not by their skeleton alone ("Harry Hart"
        // is not "Gary Hart").
        let variants: Vec<KnownId> = self
            .lex
            .find_variant(full)
            .iter()
            .copied()
            .filter(|v| {
                let known = &self.lex.entity(*v).name;
                identity::given_names_agree(full, known)
                    && full.split(' ').next_back().map(name_key)
                        == known.split(' ').next_back().map(name_key)
            })
            .collect();
        if let [one] = variants[..] {
            return Some(one);
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

    fn known(&mut self, id: KnownId, surface: Option<&str>, why: LinkReason) -> EntityId {
        let name = self.lex.entity(id).name.clone();
        self.entity_for(Key::Known(id), &name, surface, why)
    }

    /// Of several known people one name may stand for, the one holding an office in `year`
    /// when exactly one does (true), else the first listed (false).
    fn pick_dated(&self, ids: &[KnownId], year: Option<i32>) -> (KnownId, bool) {
        if ids.len() > 1 && year.is_some() {
            let held: Vec<KnownId> = ids
                .iter()
                .copied()
                .filter(|id| self.lex.entity(*id).offices.iter().any(|o| o.held_in(year)))
                .collect();
            if let [one] = held[..] {
                return (one, true);
            }
        }
        (ids[0], false)
    }

    /// The one known person whose surname is `surname` and who held an office titled
    /// `title` ("President", "Minister") in `year` (or holds it now, for an undated document).
    fn titled_known(&self, title: &str, surname: &str, year: Option<i32>) -> Option<KnownId> {
        let (sk, tw) = (name_key(surname), title.to_lowercase());
        let mut found = None;
        for &id in known_by_surname(self.lex).get(&sk)? {
            let holds =
                self.lex.entity(id).offices.iter().any(|o| {
                    o.held_in(year) && o.title.split(' ').next_back() == Some(tw.as_str())
                });
            if holds {
                if found.is_some() {
                    return None;
                }
                found = Some(id);
            }
        }
        found
    }

    /// "president of United States 1989-1993 (document year 1989)".
    fn office_evidence(&self, id: KnownId, year: Option<i32>) -> String {
        let e = self.lex.entity(id);
        let office = e.offices.iter().find(|o| o.held_in(year));
        let mut s = match office {
            Some(o) => format!(
                "{} of {} {}-{}",
                o.title,
                o.of,
                o.from.map_or(String::new(), |y| y.to_string()),
                o.to.map_or(String::new(), |y| y.to_string())
            ),
            None => e.name.clone(),
        };
        if let Some(y) = year {
            s.push_str(&format!(" (document year {y})"));
        }
        if let Some(w) = &e.wikidata {
            s.push_str(&format!("; {w}"));
        }
        s
    }

    /// The Wikidata id of a known entity, else its name in the gazetteer.
    fn known_evidence(&self, id: KnownId) -> String {
        let e = self.lex.entity(id);
        e.wikidata
            .clone()
            .unwrap_or_else(|| format!("gazetteer: {}", e.name))
    }

    fn entity_for(
        &mut self,
        key: Key,
        name: &str,
        surface: Option<&str>,
        why: LinkReason,
    ) -> EntityId {
        let id = match self.keys.get(&key) {
            Some(&id) => id,
            None => {
                let (ty, place_kind, known, canonical, wikidata, sex) = match &key {
                    Key::Known(k) => {
                        let e = self.lex.entity(*k);
                        (
                            e.ty,
                            e.place_kind,
                            Some(*k),
                            e.name.clone(),
                            e.wikidata.clone(),
                            e.gender.filter(|_| e.ty == EntityType::Person),
                        )
                    }
                    Key::Local(ty, _) => (*ty, None, None, name.to_owned(), None, None),
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
                    sex,
                    links: BTreeSet::new(),
                });
                self.keys.insert(key, id);
                id
            }
        };
        let e = &mut self.entities[id.index()];
        e.links.insert(why);
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

/// "The US Embassy in London": a diplomatic mission is one entity per host place, so the
/// "US Embassy" of a story from London and that of a story from Managua stay two nodes in a
/// store. An organisation not in the lexicon whose name ends with a word of the class
/// `mission-noun`, and which the document places in exactly one place (`locatedIn`), takes the
/// name "NAME in PLACE" (its old name becomes an alias; the link records the place).
pub(crate) fn name_missions_by_host(
    entities: &mut [Entity],
    relations: &[crate::extract::Relation],
    lex: &Lexicon,
) {
    let Some(missions) = lex.class("mission-noun") else {
        return;
    };
    let mut host: HashMap<EntityId, Option<EntityId>> = HashMap::new();
    for r in relations {
        if r.predicate != crate::model::Predicate::LocatedIn {
            continue;
        }
        let (s, o) = (&entities[r.subject.index()], &entities[r.object.index()]);
        let words: Vec<&str> = s.name.split(' ').collect();
        let ends_with_mission = (1..=2.min(words.len()))
            .any(|n| crate::lexicon::phrase_in(missions, &words[words.len() - n..].join(" ")));
        if s.ty != EntityType::Organization
            || s.known.is_some()
            || o.ty != EntityType::Place
            || !ends_with_mission
        {
            continue;
        }
        host.entry(r.subject)
            .and_modify(|h| {
                if *h != Some(r.object) {
                    *h = None;
                }
            })
            .or_insert(Some(r.object));
    }
    for (mission, place) in host {
        let Some(place) = place else { continue };
        let place = entities[place.index()].name.clone();
        let e = &mut entities[mission.index()];
        let named = format!("{} in {place}", e.name);
        let old = std::mem::replace(&mut e.name, named);
        e.links
            .insert(LinkReason::new(&old, "mission-host-place", place));
        e.aliases.insert(old);
    }
}
