//! The on-disk Oxigraph store: [`Store`] opens it, loads document graphs (bulk for a fresh
//! store, one transaction per batch otherwise), replaces or removes a document's graph, and
//! answers SPARQL with the union of all graphs as the default graph.

use std::io::Write;
use std::path::{Path, PathBuf};

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{GraphNameRef, NamedNode, NamedOrBlankNode, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};

use crate::rdf::DocumentGraph;
use crate::{Error, Result};

mod folder;

/// A newskg store on disk.
pub struct Store {
    inner: oxigraph::store::Store,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// What happened to one document on load.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoadOutcome {
    /// New document.
    Added,
    /// Same id, new content: its facts were replaced.
    Replaced,
    /// Same id and content: nothing to do.
    Unchanged,
}

/// Output formats for query results.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultFormat {
    /// Aligned columns for people.
    Table,
    /// SPARQL 1.1 Query Results JSON (for SELECT/ASK); JSON-LD for graphs.
    Json,
    /// SPARQL Query Results XML; RDF/XML for graphs.
    Xml,
    /// CSV; N-Triples for graphs.
    Csv,
    /// TSV; N-Triples for graphs.
    Tsv,
}

impl Store {
    /// Opens (creating if missing) the store in `path`.
    ///
    /// # Errors
    /// The directory cannot be created or is not a usable store.
    /// A folder that exists must be a newskg store or empty: the store never writes its files
    /// among a user's files, and never into store files it cannot open (a store that lost its
    /// `CURRENT` file is refused, not recreated empty).
    pub fn open(path: &Path) -> Result<Store> {
        Self::check_writable(path)?;
        std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))?;
        Self::wrap(path, oxigraph::store::Store::open(path))
    }

    fn wrap(
        path: &Path,
        opened: std::result::Result<oxigraph::store::Store, oxigraph::store::StorageError>,
    ) -> Result<Store> {
        let inner = opened.map_err(|e| Error::store(path, e))?;
        Ok(Store {
            inner,
            path: path.into(),
        })
    }

    /// Opens an existing store for writing (remove); fails when there is none.
    ///
    /// # Errors
    /// No store in `path`.
    pub fn open_existing(path: &Path) -> Result<Store> {
        Self::check_exists(path)?;
        Store::open(path)
    }

    fn err(&self, e: impl Into<crate::error::Cause>) -> Error {
        Error::store(&self.path, e)
    }

    /// The underlying Oxigraph store.
    #[must_use]
    pub fn oxigraph(&self) -> &oxigraph::store::Store {
        &self.inner
    }

    /// True when the store holds no quad.
    ///
    /// # Errors
    /// Storage failure.
    pub fn is_empty(&self) -> Result<bool> {
        self.inner.is_empty().map_err(|e| self.err(e))
    }

    /// Number of quads.
    ///
    /// # Errors
    /// Storage failure.
    pub fn len(&self) -> Result<usize> {
        self.inner.len().map_err(|e| self.err(e))
    }

    /// Loads a batch of document graphs atomically: each replaces any earlier version of the
    /// same document; unchanged documents are skipped.
    ///
    /// # Errors
    /// Storage failure (nothing of the batch is stored then).
    pub fn load(&self, graphs: &[DocumentGraph]) -> Result<Vec<LoadOutcome>> {
        let mut outcomes = Vec::with_capacity(graphs.len());
        let mut touched = std::collections::BTreeSet::new();
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        for g in graphs {
            let existing = {
                let p = crate::rdf::vocab::CONTENT_HASH.into_owned();
                let mut it = tx.quads_for_pattern(
                    Some(g.iri.as_ref().into()),
                    Some(p.as_ref()),
                    None,
                    Some(GraphNameRef::NamedNode(g.iri.as_ref())),
                );
                it.next()
                    .transpose()
                    .map_err(|e| self.err(e))?
                    .and_then(|q| match q.object {
                        Term::Literal(l) => Some(l.value().to_owned()),
                        _ => None,
                    })
            };
            let outcome = match existing {
                Some(h) if h == g.content_hash => LoadOutcome::Unchanged,
                Some(_) => LoadOutcome::Replaced,
                None => LoadOutcome::Added,
            };
            if outcome != LoadOutcome::Unchanged {
                if outcome == LoadOutcome::Replaced {
                    touched.extend(self.mentioned_in(&tx, g.iri.as_ref())?);
                    tx.clear_graph(GraphNameRef::NamedNode(g.iri.as_ref()))
                        .map_err(|e| self.err(e))?;
                }
                tx.extend(g.quads.iter().map(oxigraph::model::Quad::as_ref));
            }
            outcomes.push(outcome);
        }
        tx.commit().map_err(|e| self.err(e))?;
        if outcomes.contains(&LoadOutcome::Replaced) {
            self.forget_unmentioned()?;
            self.forget_unsupported(&touched)?;
        }
        Ok(outcomes)
    }

    /// Loads document graphs into an empty store with the bulk loader (fast, no transaction
    /// log). Only for stores that hold none of these documents yet.
    ///
    /// # Errors
    /// Storage failure.
    pub fn bulk_load(&self, graphs: impl IntoIterator<Item = DocumentGraph>) -> Result<()> {
        let mut loader = self.inner.bulk_loader();
        loader
            .load_quads(graphs.into_iter().flat_map(|g| g.quads))
            .map_err(|e| self.err(e))?;
        loader.commit().map_err(|e| self.err(e))
    }

    /// Removes documents (by IRI) and everything only they said. Facts and entities also
    /// stated by other documents stay, as their graphs are untouched.
    ///
    /// # Errors
    /// Storage failure; a document not in the store is an error naming it.
    pub fn remove(&self, docs: &[NamedNode]) -> Result<()> {
        let mut touched = std::collections::BTreeSet::new();
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        for d in docs {
            let g = oxigraph::model::NamedOrBlankNodeRef::NamedNode(d.as_ref());
            if !tx.contains_named_graph(g).map_err(|e| self.err(e))? {
                return Err(Error::Usage(format!(
                    "{}: no such document in store {}",
                    d.as_str(),
                    self.path.display()
                )));
            }
            touched.extend(self.mentioned_in(&tx, d.as_ref())?);
            tx.remove_named_graph(g).map_err(|e| self.err(e))?;
        }
        tx.commit().map_err(|e| self.err(e))?;
        self.forget_unmentioned()?;
        self.forget_unsupported(&touched)
    }

    /// The entities a document graph names (`nkg:mentionedIn` it).
    fn mentioned_in(
        &self,
        tx: &oxigraph::store::Transaction<'_>,
        doc: oxigraph::model::NamedNodeRef<'_>,
    ) -> Result<Vec<NamedNode>> {
        let mut out = Vec::new();
        for q in tx.quads_for_pattern(
            None,
            Some(crate::rdf::vocab::MENTIONED_IN),
            None,
            Some(GraphNameRef::NamedNode(doc)),
        ) {
            if let NamedOrBlankNode::NamedNode(e) = q.map_err(|e| self.err(e))?.subject {
                out.push(e);
            }
        }
        Ok(out)
    }

    /// Drops the alternative labels of `entities` that no stored graph supports any more,
    /// after the documents that stated them were removed or replaced. An altLabel is supported
    /// by an `nkg:Link` record naming it as the surface linked to the entity (in a document
    /// graph, or in the corrections graph for a merge), by a correction's `nkg:newLabel`, or
    /// by the entity itself: a spelling of its label or of the name its IRI was minted from
    /// ("Sao Paulo" for "São Paulo").
    fn forget_unsupported(&self, entities: &std::collections::BTreeSet<NamedNode>) -> Result<()> {
        use crate::rdf::vocab::{ENTITIES_GRAPH, LINKED, SURFACE, nkg};
        let skos_alt = oxigraph::model::NamedNodeRef::new_unchecked(
            "http://www.w3.org/2004/02/skos/core#altLabel",
        );
        // Letters and digits only, in ASCII, lower case: spellings of one name agree.
        let key = |s: &str| -> String {
            any_ascii::any_ascii(s)
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect()
        };
        let entities: Vec<&NamedNode> = entities.iter().collect();
        // (entity, altLabel) -> supported by the entity's own names.
        let mut unsupported: std::collections::HashMap<
            (NamedNode, oxigraph::model::Literal),
            bool,
        > = std::collections::HashMap::new();
        for chunk in entities.chunks(256) {
            let values: String = chunk.iter().map(|e| format!("{e} ")).collect();
            let q = format!(
                "SELECT ?e ?a ?l WHERE {{
                   VALUES ?e {{ {values} }}
                   GRAPH <{ENTITIES_GRAPH}> {{ ?e {skos_alt} ?a OPTIONAL {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }} }}
                   FILTER NOT EXISTS {{ GRAPH ?g {{ ?k {LINKED} ?e ; {SURFACE} ?a }} }}
                   FILTER NOT EXISTS {{ GRAPH ?g {{ ?c <{entity}> ?e ; <{new_label}> ?a }} }}
                 }}",
                entity = nkg("entity"),
                new_label = nkg("newLabel"),
            );
            let oxigraph::sparql::QueryResults::Solutions(rows) = self.query(&q)? else {
                continue;
            };
            for row in rows {
                let row = row.map_err(Error::eval)?;
                let (Some(Term::NamedNode(e)), Some(Term::Literal(a))) =
                    (row.get("e"), row.get("a"))
                else {
                    continue;
                };
                let minted = e.as_str().rsplit('/').next().unwrap_or_default();
                let own = crate::ingest::slug(a.value()) == minted
                    || matches!(row.get("l"), Some(Term::Literal(l)) if key(l.value()) == key(a.value()));
                *unsupported.entry((e.clone(), a.clone())).or_insert(true) &= !own;
            }
        }
        let drop: Vec<oxigraph::model::Quad> = unsupported
            .into_iter()
            .filter(|(_, gone)| *gone)
            .map(|((e, a), _)| {
                oxigraph::model::Quad::new(
                    e,
                    skos_alt.into_owned(),
                    a,
                    NamedNode::new_unchecked(ENTITIES_GRAPH),
                )
            })
            .collect();
        if drop.is_empty() {
            return Ok(());
        }
        let mut tx = self.inner.start_transaction().map_err(|e| self.err(e))?;
        for q in &drop {
            tx.remove(q.as_ref());
        }
        tx.commit().map_err(|e| self.err(e))
    }

    /// Drops the shared descriptions of entities that no stored document mentions any more.
    fn forget_unmentioned(&self) -> Result<()> {
        self.update(&format!(
            "DELETE {{ GRAPH <{g}> {{ ?e ?p ?o }} }} WHERE {{ GRAPH <{g}> {{ ?e ?p ?o }} FILTER NOT EXISTS {{ GRAPH ?d {{ ?e <{m}> ?doc }} }} }}",
            g = crate::rdf::vocab::ENTITIES_GRAPH,
            m = crate::rdf::vocab::MENTIONED_IN.as_str(),
        ))
    }

    /// Document graph IRIs in the store.
    ///
    /// # Errors
    /// Storage failure.
    pub fn documents(&self) -> Result<Vec<NamedNode>> {
        let mut out = Vec::new();
        for g in self.inner.named_graphs() {
            if let NamedOrBlankNode::NamedNode(n) = g.map_err(|e| self.err(e))? {
                if n.as_str() != crate::rdf::vocab::ENTITIES_GRAPH {
                    out.push(n);
                }
            }
        }
        Ok(out)
    }

    /// Applies a SPARQL update.
    ///
    /// # Errors
    /// Syntax or evaluation errors.
    pub fn update(&self, sparql: &str) -> Result<()> {
        SparqlEvaluator::new()
            .parse_update(sparql)
            .map_err(Error::syntax)?
            .on_store(&self.inner)
            .execute()
            .map_err(Error::eval)
    }

    /// Evaluates a SPARQL query with the union of all graphs as default graph.
    ///
    /// # Errors
    /// Syntax or evaluation errors.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let mut prepared = SparqlEvaluator::new()
            .parse_query(sparql)
            .map_err(Error::syntax)?;
        prepared.dataset_mut().set_default_graph_as_union();
        prepared
            .on_store(&self.inner)
            .execute()
            .map_err(Error::eval)
    }

    /// Evaluates a query and writes its results in `format` to `out`.
    ///
    /// The whole result is computed before anything is written, so an evaluation error
    /// leaves `out` empty.
    ///
    /// # Errors
    /// Query errors, or writing failed.
    pub fn query_to(&self, sparql: &str, format: ResultFormat, out: &mut dyn Write) -> Result<()> {
        let results = self.query(sparql)?;
        let buf = render(results, format)?;
        out.write_all(&buf).map_err(Error::write)
    }

    /// Writes every quad (all documents) in an RDF format.
    ///
    /// # Errors
    /// Storage or write failure.
    pub fn dump(&self, format: RdfFormat, out: &mut dyn Write) -> Result<()> {
        let mut buf = Vec::new();
        if format.supports_datasets() {
            self.inner
                .dump_to_writer(RdfSerializer::from_format(format), &mut buf)
                .map_err(|e| self.err(e))?;
        } else {
            // Graph formats get the union of all documents, triples deduplicated.
            let mut ser =
                crate::rdf::prefixed(RdfSerializer::from_format(format)).for_writer(&mut buf);
            let mut seen = std::collections::HashSet::new();
            for q in self.inner.iter() {
                let q = q.map_err(|e| self.err(e))?;
                let t = oxigraph::model::Triple::new(q.subject, q.predicate, q.object);
                if seen.insert(t.clone()) {
                    ser.serialize_triple(&t).map_err(Error::write)?;
                }
            }
            ser.finish().map_err(Error::write)?;
        }
        out.write_all(&buf).map_err(Error::write)
    }

    /// Size of the store directory in bytes.
    #[must_use]
    pub fn disk_size(&self) -> u64 {
        fn walk(p: &Path) -> u64 {
            std::fs::read_dir(p).map_or(0, |rd| {
                rd.filter_map(std::result::Result::ok)
                    .map(|e| match e.metadata() {
                        Ok(m) if m.is_dir() => walk(&e.path()),
                        Ok(m) => m.len(),
                        Err(_) => 0,
                    })
                    .sum()
            })
        }
        walk(&self.path)
    }
}

/// Renders query results in a format, fully, into a buffer.
///
/// # Errors
/// Evaluation errors surfacing while iterating, or serialisation errors.
pub fn render(results: QueryResults<'_>, format: ResultFormat) -> Result<Vec<u8>> {
    let out_err = Error::write;
    let mut buf = Vec::new();
    match results {
        QueryResults::Solutions(solutions) => {
            let vars = solutions.variables().to_vec();
            let rows: Vec<_> = solutions
                .collect::<std::result::Result<_, _>>()
                .map_err(Error::eval)?;
            let rf = match format {
                ResultFormat::Table => return Ok(table(&vars, &rows).into_bytes()),
                ResultFormat::Json => QueryResultsFormat::Json,
                ResultFormat::Xml => QueryResultsFormat::Xml,
                ResultFormat::Csv => QueryResultsFormat::Csv,
                ResultFormat::Tsv => QueryResultsFormat::Tsv,
            };
            let mut ser = QueryResultsSerializer::from_format(rf)
                .serialize_solutions_to_writer(&mut buf, vars)
                .map_err(out_err)?;
            for r in &rows {
                ser.serialize(r).map_err(out_err)?;
            }
            ser.finish().map_err(out_err)?;
        }
        QueryResults::Boolean(b) => {
            let rf = match format {
                ResultFormat::Table => return Ok(format!("{b}\n").into_bytes()),
                ResultFormat::Json => QueryResultsFormat::Json,
                ResultFormat::Xml => QueryResultsFormat::Xml,
                ResultFormat::Csv => QueryResultsFormat::Csv,
                ResultFormat::Tsv => QueryResultsFormat::Tsv,
            };
            QueryResultsSerializer::from_format(rf)
                .serialize_boolean_to_writer(&mut buf, b)
                .map_err(out_err)?;
        }
        QueryResults::Graph(triples) => {
            let rf = match format {
                ResultFormat::Table => RdfFormat::Turtle,
                ResultFormat::Json => RdfFormat::JsonLd {
                    profile: oxigraph::io::JsonLdProfileSet::empty(),
                },
                ResultFormat::Xml => RdfFormat::RdfXml,
                ResultFormat::Csv | ResultFormat::Tsv => RdfFormat::NTriples,
            };
            let triples: Vec<_> = triples
                .collect::<std::result::Result<_, _>>()
                .map_err(Error::eval)?;
            let mut ser = crate::rdf::prefixed(RdfSerializer::from_format(rf)).for_writer(&mut buf);
            for t in &triples {
                ser.serialize_triple(t).map_err(out_err)?;
            }
            ser.finish().map_err(out_err)?;
        }
    }
    Ok(buf)
}

/// An aligned text table of solutions, with compact terms (prefixed names, plain literals).
fn table(vars: &[oxigraph::sparql::Variable], rows: &[oxigraph::sparql::QuerySolution]) -> String {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vars.iter()
                .map(|v| r.get(v).map_or(String::new(), compact))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = vars
        .iter()
        .map(|v| v.as_str().chars().count() + 1)
        .collect();
    for row in &cells {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: Vec<String>, out: &mut String| {
        let parts: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(parts.join("  ").trim_end());
        out.push('\n');
    };
    line(
        vars.iter().map(|v| format!("?{}", v.as_str())).collect(),
        &mut out,
    );
    line(widths.iter().map(|w| "-".repeat(*w)).collect(), &mut out);
    for row in cells {
        line(row, &mut out);
    }
    out.push_str(&format!(
        "({} row{})\n",
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    ));
    out
}

/// A term as people read it: `nkg:metWith`, `id:person/vladimir-putin`, `"text"`.
#[must_use]
pub fn compact(t: &Term) -> String {
    match t {
        Term::NamedNode(n) => crate::rdf::shorten(n.as_str()),
        Term::Literal(l) => l.value().to_owned(),
        other => other.to_string(),
    }
}
