//! Linking across documents, at build time: [`Linker`] makes one person one IRI in the store,
//! by evidence, never by spelling alone; [`link_store`] runs the pass over a whole store.
//!
//! Extraction is per document and stateless, so a person named in full in one article
//! ("Kaja Kallas") and only by surname in another ("Ms Kallas") would get two IRIs. Before a
//! batch is stored, the linker renames:
//! - a full name to the spelling already known when the two agree after normalisation
//!   ([`crate::identity::name_key`]: case, accents, script, known transliteration variants);
//! - a full name whose spelling differs beyond that (same skeleton: "Kyslitsa"/"Kyslytsya") only
//!   when the given names agree and the two share an office (same relation to the same entity):
//!   a spelling variant alone ("John Smyth"/"John Smith", "Harry"/"Gary Hart") never merges;
//! - a surname-only person to the one full name with that surname known in the batch or the
//!   store whose sex its honorific does not contradict ("Mr Hart" is not "Frances Hart").
//!
//! When a full name arrives after its surname-only form was stored, the stored graphs are
//! rewritten to the full name's IRI. Two full names that share a surname stay apart, and a
//! surname shared by two full names links to neither. Every link the pass makes is recorded in
//! the document's graph as an `nkg:Link` (rule and evidence; see `ontology/README.md`).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;

use crate::extract::{Extraction, resolve::LinkReason};
use crate::identity::{self, name_key};
use crate::lexicon::skeleton;
use crate::model::{EntityType, Predicate};
use crate::rdf::entity_iri;
use crate::{Error, Result, Store};

/// Person names known to the store and the batches seen so far.
#[derive(Debug, Default)]
pub struct Linker {
    /// name_key(full name) -> the spelling first seen.
    spelling: HashMap<String, String>,
    /// Spellings that came from the store or the lexicon (fixed: their labels are stored).
    stored: HashSet<String>,
    /// skeleton(full name) -> spellings with that skeleton (candidates for corroboration).
    variants: HashMap<String, BTreeSet<String>>,
    /// name_key(surname) -> full names (two or more words) with that surname, and their sex.
    by_surname: HashMap<String, BTreeMap<String, Option<char>>>,
    /// Full name -> offices ("leaderOf Ukraine"): the corroboration a spelling variant needs.
    offices: HashMap<String, BTreeSet<String>>,
    /// Surname-only person labels already in the store, with their sex when known.
    stored_surnames: BTreeMap<String, Option<char>>,
}

fn surname_key(full: &str) -> Option<String> {
    let mut words = full.split(' ');
    let last = words.next_back()?;
    words.next()?;
    Some(name_key(last))
}

/// True when the given names (all words but the surname) of two full names may be one
/// person's: the first agree ([`identity::given_names_agree`]), and each further word of the
/// shorter list agrees, in order, with a word of the longer one (equal or as an initial).
fn given_words_agree(a: &str, b: &str) -> bool {
    // "E.D. Mnangagwa": initials written together are words of their own.
    let given = |s: &str| -> Vec<String> {
        let w: Vec<&str> = s.split(' ').collect();
        name_key(&w[..w.len() - 1].join(" "))
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (ga, gb) = (given(a), given(b));
    if ga.is_empty() || gb.is_empty() || !identity::given_names_agree(&ga[0], &gb[0]) {
        return false;
    }
    let (short, long) = if ga.len() <= gb.len() {
        (ga, gb)
    } else {
        (gb, ga)
    };
    let agree = |x: &str, y: &str| {
        x == y || (x.len() == 1 && y.starts_with(x)) || (y.len() == 1 && x.starts_with(y))
    };
    let mut at = 1;
    for w in &short[1..] {
        match long[at..].iter().position(|l| agree(w, l)) {
            Some(p) => at += p + 1,
            None => return false,
        }
    }
    true
}

/// A person entity named `name` (to compute its IRI).
fn person(name: &str) -> crate::extract::Entity {
    crate::extract::Entity {
        name: name.to_owned(),
        ty: EntityType::Person,
        place_kind: None,
        known: None,
        aliases: BTreeSet::new(),
        wikidata: None,
        sex: None,
        links: BTreeSet::new(),
    }
}

/// Links the persons of a whole store: surname-only persons whose one full name is now known
/// are rewritten to it. Returns how many were merged. The pass `build` runs after each batch.
///
/// # Errors
/// Store failure.
pub fn link_store(store: &Store) -> Result<usize> {
    Linker::from_store(store)?.relink_store(store)
}

fn sex_of(term: Option<&Term>) -> Option<char> {
    match term {
        Some(Term::Literal(l)) if l.value() == "male" => Some('m'),
        Some(Term::Literal(l)) if l.value() == "female" => Some('f'),
        _ => None,
    }
}

impl Linker {
    /// A linker that knows the person labels already in `store`.
    ///
    /// # Errors
    /// Store failure.
    pub fn from_store(store: &Store) -> Result<Linker> {
        let mut l = Linker::default();
        let q = "SELECT ?e ?l (SAMPLE(?g) AS ?sex) WHERE { ?e a <https://w3id.org/newskg#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l OPTIONAL { ?e <http://xmlns.com/foaf/0.1/gender> ?g } } GROUP BY ?e ?l";
        let QueryResults::Solutions(rows) = store.query(q)? else {
            return Ok(l);
        };
        for row in rows {
            let row = row.map_err(Error::eval)?;
            if let (Some(Term::Literal(lit)), Some(Term::NamedNode(e))) =
                (row.get("l"), row.get("e"))
            {
                let name = lit.value().to_owned();
                // A label that does not give its entity's IRI was set by a correction
                // (`newskg correct --rename`): not a name to link new mentions to.
                if entity_iri(&person(&name)) != *e {
                    continue;
                }
                let sex = sex_of(row.get("sex"));
                if name.contains(' ') {
                    l.stored.insert(name.clone());
                    l.learn(&name, sex);
                } else {
                    l.stored_surnames.insert(name, sex);
                }
            }
        }
        let q = format!(
            "SELECT DISTINCT ?l ?p ?ol WHERE {{ VALUES ?p {{ {} }} ?e a <https://w3id.org/newskg#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l ; ?p ?o . ?o <http://www.w3.org/2000/01/rdf-schema#label> ?ol }}",
            Predicate::ALL
                .iter()
                .filter(|p| p.is_office())
                .map(|p| p.iri().to_string())
                .collect::<Vec<_>>()
                .join(" ")
        );
        if let QueryResults::Solutions(rows) = store.query(&q)? {
            for row in rows {
                let row = row.map_err(Error::eval)?;
                if let (Some(Term::Literal(l1)), Some(Term::NamedNode(p)), Some(Term::Literal(o))) =
                    (row.get("l"), row.get("p"), row.get("ol"))
                {
                    let p = p.as_str().rsplit('#').next().unwrap_or_default();
                    l.offices
                        .entry(l1.value().to_owned())
                        .or_default()
                        .insert(format!("{p} {}", o.value()));
                }
            }
        }
        Ok(l)
    }

    fn learn(&mut self, full: &str, sex: Option<char>) {
        let key = name_key(full);
        match self.spelling.get_mut(&key) {
            // The spelling with diacritics is the label, unless the other is stored already.
            Some(s) if s.is_ascii() && !full.is_ascii() && !self.stored.contains(s) => {
                full.clone_into(s);
            }
            Some(_) => {}
            None => {
                self.spelling.insert(key, full.to_owned());
            }
        }
        self.variants
            .entry(skeleton(full))
            .or_default()
            .insert(full.to_owned());
        if let Some(k) = surname_key(full) {
            let slot = self
                .by_surname
                .entry(k)
                .or_default()
                .entry(full.to_owned())
                .or_default();
            *slot = slot.or(sex);
        }
    }

    /// The one full name a surname stands for, if exactly one is known whose sex `sex` does
    /// not contradict.
    fn full_name_for(&self, surname: &str, sex: Option<char>) -> Option<String> {
        let names = self.by_surname.get(&name_key(surname))?;
        let fits: Vec<(&String, Option<char>)> = names
            .iter()
            .filter(|(_, s)| identity::sexes_agree(sex, **s))
            .map(|(n, s)| (n, *s))
            .collect();
        let (first, _) = *fits.first()?;
        // Spellings of one name count once.
        if !fits.iter().all(|(n, _)| name_key(n) == name_key(first)) {
            return None;
        }
        // Sex may rule out some people of that surname, but picks the one left only when
        // that one is positively of the honorific's sex.
        let ruled_out = names.keys().any(|n| name_key(n) != name_key(first));
        if ruled_out && (sex.is_none() || fits.iter().all(|(_, s)| *s != sex)) {
            return None;
        }
        Some(self.spelling[&name_key(first)].clone())
    }

    /// The one other full name with the same surname whose given names and initials agree
    /// with `full`'s ("E. D. Mnangagwa" and "Emmerson Mnangagwa"; "Robert Gabriel Mugabe" and
    /// "Robert Mugabe") and whose sex does not contradict, when it is the name to keep: the
    /// stored one, else the one with more words, else the first in order.
    fn fuller_name_for(&self, full: &str, sex: Option<char>) -> Option<String> {
        let key = name_key(full);
        let names = self.by_surname.get(&surname_key(full)?)?;
        let mut found: Option<&String> = None;
        for (other, other_sex) in names {
            if name_key(other) == key || found.is_some_and(|f| name_key(f) == name_key(other)) {
                continue;
            }
            if !given_words_agree(full, other) || !identity::sexes_agree(sex, *other_sex) {
                continue;
            }
            if found.is_some() {
                return None;
            }
            found = Some(other);
        }
        let other = self.spelling[&name_key(found?)].clone();
        let words = |s: &str| s.split(' ').count();
        let keep_other = match (self.stored.contains(&other), self.stored.contains(full)) {
            (true, false) => true,
            (false, true) => false,
            _ => {
                (words(&other), std::cmp::Reverse(other.as_str()))
                    > (words(full), std::cmp::Reverse(full))
            }
        };
        keep_other.then_some(other)
    }

    /// A stored or earlier spelling `full` is a variant of, corroborated by agreeing given
    /// names and a shared office; with the office as evidence.
    fn corroborated_variant(&self, full: &str) -> Option<(String, String)> {
        let mine = self.offices.get(full)?;
        let key = name_key(full);
        for other in self.variants.get(&skeleton(full))? {
            if name_key(other) == key || !identity::given_names_agree(full, other) {
                continue;
            }
            if let Some(shared) = self
                .offices
                .get(other)
                .and_then(|o| o.intersection(mine).next())
            {
                return Some((self.spelling[&name_key(other)].clone(), shared.clone()));
            }
        }
        None
    }

    /// Renames persons of a batch of extractions in place (before they become quads), and
    /// records why on each entity ([`crate::extract::Entity::links`]).
    pub fn link_batch(&mut self, batch: &mut [Extraction]) {
        for x in batch.iter() {
            for (i, e) in x.entities.iter().enumerate() {
                if e.ty != EntityType::Person || !e.name.contains(' ') {
                    continue;
                }
                // A known person's name is fixed, like a stored one.
                if e.known.is_some() {
                    self.stored.insert(e.name.clone());
                }
                self.learn(&e.name, e.sex);
                for r in x.relations.iter().filter(|r| r.subject.index() == i) {
                    let p = r.predicate.local_name();
                    if r.predicate.is_office() {
                        self.offices
                            .entry(e.name.clone())
                            .or_default()
                            .insert(format!("{p} {}", x.entities[r.object.index()].name));
                    }
                }
            }
        }
        for x in batch.iter_mut() {
            for e in &mut x.entities {
                if e.ty != EntityType::Person || e.known.is_some() {
                    continue;
                }
                let target = if e.name.contains(' ') {
                    match self
                        .spelling
                        .get(&name_key(&e.name))
                        .filter(|s| **s != e.name)
                    {
                        Some(t) => Some((t.clone(), "same-name-across-documents", name_key(t))),
                        None => self
                            .corroborated_variant(&e.name)
                            .map(|(t, office)| (t, "spelling-variant-with-shared-office", office))
                            .or_else(|| {
                                self.fuller_name_for(&e.name, e.sex)
                                    .map(|t| (t.clone(), "given-names-and-initials-agree", t))
                            }),
                    }
                } else {
                    self.full_name_for(&e.name, e.sex)
                        .map(|t| (t.clone(), "surname-of-full-name-across-documents", t))
                };
                match target {
                    Some((t, rule, evidence)) => {
                        let old = std::mem::replace(&mut e.name, t);
                        e.links.insert(LinkReason::new(&old, rule, evidence));
                        e.aliases.insert(old);
                        e.aliases.remove(&e.name);
                    }
                    // Stored under its surname for now; a later full name relinks it.
                    None if !e.name.contains(' ') => {
                        let slot = self.stored_surnames.entry(e.name.clone()).or_default();
                        *slot = slot.or(e.sex);
                    }
                    None => {}
                }
            }
        }
    }

    /// Rewrites surname-only persons already in the store whose full name is now known, and
    /// records the link (`nkg:Link`) in each document graph that named them. Returns how
    /// many were merged.
    ///
    /// # Errors
    /// Store failure.
    pub fn relink_store(&mut self, store: &Store) -> Result<usize> {
        let mut merged = 0;
        let pending: Vec<(String, Option<char>)> = self
            .stored_surnames
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (surname, sex) in pending {
            let Some(full) = self.full_name_for(&surname, sex) else {
                continue;
            };
            let (old, new) = (entity_iri(&person(&surname)), entity_iri(&person(&full)));
            let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            // The link records, with the IRIs `build` gives them (see `rdf::link_iri`).
            let rule = "surname-of-full-name-across-documents";
            let graphs = format!(
                "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ {old} <https://w3id.org/newskg#mentionedIn> ?g }} }}"
            );
            let mut records = String::new();
            if let QueryResults::Solutions(rows) = store.query(&graphs)? {
                for row in rows {
                    let row = row.map_err(Error::eval)?;
                    if let Some(Term::NamedNode(g)) = row.get("g") {
                        let li = crate::rdf::link_iri(g, &surname, rule);
                        records.push_str(&format!(
                            "GRAPH {g} {{ {li} a nkg:Link ; nkg:linked {new} ; nkg:surface \"{s}\" ; nkg:linkRule \"{rule}\" ; nkg:linkEvidence \"{f}\" ; nkg:linkedIn {g} }} ",
                            s = esc(&surname),
                            f = esc(&full),
                        ));
                    }
                }
            }
            let update = format!(
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX nkg: <https://w3id.org/newskg#>
                 INSERT DATA {{ {records} }} ;
                 DELETE {{ GRAPH ?g {{ {old} ?p ?o }} }} INSERT {{ GRAPH ?g {{ {new} ?p ?o }} }} WHERE {{ GRAPH ?g {{ {old} ?p ?o }} }} ;
                 DELETE {{ GRAPH ?g {{ ?s ?p {old} }} }} INSERT {{ GRAPH ?g {{ ?s ?p {new} }} }} WHERE {{ GRAPH ?g {{ ?s ?p {old} }} }} ;
                 DELETE {{ GRAPH ?g {{ {new} rdfs:label \"{s}\" }} }} INSERT {{ GRAPH ?g {{ {new} rdfs:label \"{f}\" ; skos:altLabel \"{s}\" }} }} WHERE {{ GRAPH ?g {{ {new} rdfs:label \"{s}\" }} }}",
                s = esc(&surname),
                f = esc(&full),
            );
            store.update(&update)?;
            self.stored_surnames.remove(&surname);
            merged += 1;
        }
        Ok(merged)
    }
}
