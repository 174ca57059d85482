//! What a store holds, in counts: [`Store::stats`] returns [`StoreStats`].

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use serde::Serialize;

use crate::model::{EntityType, Predicate};
use crate::rdf::vocab;
use crate::{Error, Result, Store};

/// Counts of a store, as `newskg stats` prints them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    /// Documents (named graphs with a `nkg:Document`).
    pub documents: usize,
    /// Distinct entities by class local name (`Organization`, `Person`, `Place`), in IRI
    /// order; classes without entities are left out.
    pub entities: Vec<(String, usize)>,
    /// Distinct `(subject, object)` pairs by predicate local name, in IRI order (a symmetric
    /// relation counts both directions); predicates without triples are left out.
    pub relations: Vec<(String, usize)>,
    /// Distinct meetings.
    pub meetings: usize,
    /// Quads in all graphs.
    pub quads: usize,
    /// Size of the store directory on disk, in bytes.
    pub disk_bytes: u64,
}

impl Store {
    /// Counts documents, entities by class, relations by predicate, meetings and quads.
    ///
    /// # Errors
    /// Store or SPARQL evaluation failure.
    pub fn stats(&self) -> Result<StoreStats> {
        let classes: String = [
            EntityType::Person,
            EntityType::Organization,
            EntityType::Place,
        ]
        .iter()
        .map(|t| format!(" <{}>", t.class_iri().as_str()))
        .collect();
        let predicates: String = Predicate::ALL
            .iter()
            .map(|p| format!(" <{}>", p.iri().as_str()))
            .collect();
        let entities = self.counts(&format!(
            "SELECT ?k (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?k {{{classes} }} ?e a ?k }} GROUP BY ?k ORDER BY ?k"
        ))?;
        let relations = self.counts(&format!(
            "SELECT ?k (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?k ?o WHERE {{ VALUES ?k {{{predicates} }} ?s ?k ?o }} }} GROUP BY ?k ORDER BY ?k"
        ))?;
        let meetings = self.counts(&format!(
            "SELECT ?k (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a <{}> }} GROUP BY ?k",
            vocab::MEETING.as_str()
        ))?;
        Ok(StoreStats {
            documents: self.documents()?.len(),
            entities,
            relations,
            meetings: meetings.first().map_or(0, |(_, n)| *n),
            quads: self.len()?,
            disk_bytes: self.disk_size(),
        })
    }

    /// Rows of `?k ?n`: the local name of `?k` (empty when unbound) and the count `?n`.
    fn counts(&self, sparql: &str) -> Result<Vec<(String, usize)>> {
        let QueryResults::Solutions(rows) = self.query(sparql)? else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for row in rows {
            let row = row.map_err(Error::eval)?;
            let key = match row.get("k") {
                Some(Term::NamedNode(n)) => n.as_str().trim_start_matches(vocab::NKG).to_owned(),
                _ => String::new(),
            };
            let n = match row.get("n") {
                Some(Term::Literal(l)) => l.value().parse().unwrap_or(0),
                _ => 0,
            };
            out.push((key, n));
        }
        Ok(out)
    }
}
