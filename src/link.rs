//! Linking across documents, at build time: [`Linker`] makes one person one IRI in the store.
//!
//! Extraction is per document and stateless, so a person named in full in one article
//! ("Kaja Kallas") and only by surname in another ("Ms Kallas") would get two IRIs. Before a
//! batch is stored, the linker renames a surname-only person to the one full name with that
//! surname known in the batch or the store, and a spelling variant ("Kyslytsia") to the
//! spelling already stored ("Kyslytsya"). When a full name arrives after its surname-only
//! form was stored, the stored graphs are rewritten to the full name's IRI. Two full names
//! that share a surname stay apart, and a surname shared by two full names links to neither.

use std::collections::{BTreeSet, HashMap};

use oxigraph::model::Term;
use oxigraph::model::vocab::rdfs;
use oxigraph::sparql::QueryResults;

use crate::extract::Extraction;
use crate::lexicon::skeleton;
use crate::model::EntityType;
use crate::rdf::{entity_iri, vocab};
use crate::{Error, Result, Store};

/// Person names known to the store and the batches seen so far.
#[derive(Debug, Default)]
pub struct Linker {
    /// skeleton(full name) -> the spelling first seen.
    spelling: HashMap<String, String>,
    /// skeleton(surname) -> full names (two or more words) with that surname.
    by_surname: HashMap<String, BTreeSet<String>>,
    /// Surname-only person labels already in the store.
    stored_surnames: BTreeSet<String>,
}

fn surname_key(full: &str) -> Option<String> {
    let mut words = full.split(' ');
    let last = words.next_back()?;
    words.next()?;
    Some(skeleton(last))
}

impl Linker {
    /// A linker that knows the person labels already in `store`.
    ///
    /// # Errors
    /// Store failure.
    pub fn from_store(store: &Store) -> Result<Linker> {
        let mut l = Linker::default();
        let q = format!(
            "SELECT DISTINCT ?l WHERE {{ ?e a <{}> ; <{}> ?l }}",
            vocab::PERSON.as_str(),
            rdfs::LABEL.as_str()
        );
        let QueryResults::Solutions(rows) = store.query(&q)? else {
            return Ok(l);
        };
        for row in rows {
            let row = row.map_err(Error::eval)?;
            if let Some(Term::Literal(lit)) = row.get("l") {
                let name = lit.value().to_owned();
                if name.contains(' ') {
                    l.learn(&name);
                } else {
                    l.stored_surnames.insert(name);
                }
            }
        }
        Ok(l)
    }

    fn learn(&mut self, full: &str) {
        self.spelling
            .entry(skeleton(full))
            .or_insert_with(|| full.to_owned());
        if let Some(k) = surname_key(full) {
            self.by_surname
                .entry(k)
                .or_default()
                .insert(full.to_owned());
        }
    }

    /// The one full name a surname stands for, if exactly one is known.
    fn full_name_for(&self, surname: &str) -> Option<&String> {
        let names = self.by_surname.get(&skeleton(surname))?;
        let mut it = names.iter();
        let first = it.next()?;
        // Spelling variants of one name count once.
        it.all(|n| skeleton(n) == skeleton(first)).then_some(first)
    }

    /// Renames persons of a batch of extractions in place (before they become quads).
    pub fn link_batch(&mut self, batch: &mut [Extraction]) {
        for x in batch.iter() {
            for e in &x.entities {
                if e.ty == EntityType::Person && e.name.contains(' ') {
                    self.learn(&e.name);
                }
            }
        }
        for x in batch.iter_mut() {
            for e in &mut x.entities {
                if e.ty != EntityType::Person || e.known.is_some() {
                    continue;
                }
                let target = if e.name.contains(' ') {
                    self.spelling
                        .get(&skeleton(&e.name))
                        .filter(|s| **s != e.name)
                        .cloned()
                } else {
                    self.full_name_for(&e.name).cloned()
                };
                match target {
                    Some(t) => {
                        let old = std::mem::replace(&mut e.name, t);
                        e.aliases.insert(old);
                        e.aliases.remove(&e.name);
                    }
                    // Stored under its surname for now; a later full name relinks it.
                    None if !e.name.contains(' ') => {
                        self.stored_surnames.insert(e.name.clone());
                    }
                    None => {}
                }
            }
        }
    }

    /// Rewrites surname-only persons already in the store whose full name is now known.
    /// Returns how many were merged.
    ///
    /// # Errors
    /// Store failure.
    pub fn relink_store(&mut self, store: &Store) -> Result<usize> {
        let mut merged = 0;
        let pending: Vec<String> = self.stored_surnames.iter().cloned().collect();
        for surname in pending {
            let Some(full) = self.full_name_for(&surname).cloned() else {
                continue;
            };
            let probe = |name: &str| crate::extract::Entity {
                name: name.to_owned(),
                ty: EntityType::Person,
                place_kind: None,
                known: None,
                aliases: BTreeSet::new(),
                wikidata: None,
            };
            let (old, new) = (entity_iri(&probe(&surname)), entity_iri(&probe(&full)));
            let esc = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            let update = format!(
                "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
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
