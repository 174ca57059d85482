//! Archives beyond one machine: extraction runs anywhere (`newskg extract --format nquads`
//! on other processes, machines or a Spark cluster), then [`load_nquads`] loads its output
//! into one store with `newskg build`'s rules (a document replaces its earlier version, an
//! unchanged one is skipped; [`Loader`] for several parts) and [`crate::link_store`] runs the
//! cross-document linking pass once over the whole store, so the graph is the one
//! `newskg build` gives for the same articles.
//!
//! ```no_run
//! let store = newskg::Store::open("newskg-store".as_ref())?;
//! let file = std::fs::File::open("part-00000.nq")?;
//! let loaded = newskg::load_nquads(&store, std::io::BufReader::new(file), "part-00000.nq")?;
//! let linked = newskg::link_store(&store)?;
//! println!("{} documents, {linked} surname-only people linked", loaded.documents());
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashSet;
use std::io::BufRead;

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad, Term};

use crate::pipeline::WINDOW;
use crate::rdf::DocumentGraph;
use crate::rdf::vocab::{DOC, ENTITIES_GRAPH, nkg};
use crate::store::LoadOutcome;
use crate::{Error, Result, Store};

/// What [`load_nquads`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadSummary {
    /// New documents.
    pub added: usize,
    /// Documents that replaced an earlier version with other content.
    pub replaced: usize,
    /// Documents already stored with the same content hash (skipped).
    pub unchanged: usize,
    /// Quads read (the store keeps one copy of entity descriptions repeated across documents).
    pub quads: usize,
}

impl LoadSummary {
    /// Documents read.
    #[must_use]
    pub fn documents(&self) -> usize {
        self.added + self.replaced + self.unchanged
    }
}

/// Loads N-Quads written by `newskg extract --format nquads` into `store`: one input, see
/// [`Loader`] for several.
///
/// # Errors
/// As [`Loader::load`].
pub fn load_nquads(store: &Store, input: impl BufRead, source: &str) -> Result<LoadSummary> {
    let mut loader = Loader::new(store)?;
    loader.load(input, source)?;
    Ok(loader.summary())
}

/// Loads several N-Quads inputs (the parts of one extraction) into a store, keeping the bulk
/// loader across them while the store was empty at the start and no document repeats.
#[derive(Debug)]
pub struct Loader<'a> {
    store: &'a Store,
    bulk: bool,
    seen: HashSet<NamedNode>,
    summary: LoadSummary,
}

impl<'a> Loader<'a> {
    /// A loader into `store`.
    ///
    /// # Errors
    /// Store failure.
    pub fn new(store: &'a Store) -> Result<Loader<'a>> {
        Ok(Loader {
            bulk: store.is_empty()?,
            store,
            seen: HashSet::new(),
            summary: LoadSummary::default(),
        })
    }

    /// What was loaded so far.
    #[must_use]
    pub fn summary(&self) -> LoadSummary {
        self.summary
    }

    fn flush(&mut self, batch: &mut Vec<DocumentGraph>) -> Result<()> {
        if batch.is_empty() {
            return Ok(());
        }
        if self.bulk && batch.iter().all(|g| self.seen.insert(g.iri.clone())) {
            self.summary.added += batch.len();
            return self.store.bulk_load(std::mem::take(batch));
        }
        self.bulk = false;
        for o in self.store.load(batch)? {
            match o {
                LoadOutcome::Added => self.summary.added += 1,
                LoadOutcome::Replaced => self.summary.replaced += 1,
                LoadOutcome::Unchanged => self.summary.unchanged += 1,
            }
        }
        batch.clear();
        Ok(())
    }

    /// Loads one input.
    ///
    /// The input is a sequence of documents: each document's graph
    /// (`<https://w3id.org/newskg/doc/…>`) followed by its entity descriptions in the shared
    /// entity graph, as `extract` writes them (several outputs may be concatenated). Documents
    /// are loaded 512 at a time, each batch in one transaction (the bulk loader while the store
    /// was empty and no document repeats): a document already stored with other content is
    /// replaced, one with the same content hash is skipped, as `newskg build` does. `source`
    /// names the input in errors.
    ///
    /// # Errors
    /// A syntax error (with `source` and line), a quad in a graph that is neither a document's
    /// nor the entity graph, entity descriptions before any document, a document graph without
    /// `nkg:contentHash`, or a store failure. Batches loaded before the error stay loaded; the
    /// failing batch is not.
    pub fn load(&mut self, input: impl BufRead, source: &str) -> Result<()> {
        let mut batch: Vec<DocumentGraph> = Vec::with_capacity(WINDOW);
        let mut current: Option<DocumentGraph> = None;
        let hash_p = nkg("contentHash");
        let bad = |line: Option<u64>, reason: String| {
            Error::bad(
                line.map_or_else(|| source.to_owned(), |l| format!("{source}:{l}")),
                reason,
            )
        };
        let finish = |g: DocumentGraph| -> Result<DocumentGraph> {
            if g.content_hash.is_empty() {
                return Err(Error::bad(
                    source,
                    format!(
                        "document {} has no nkg:contentHash (not `newskg extract --format nquads` output?)",
                        g.iri.as_str()
                    ),
                ));
            }
            Ok(g)
        };
        for q in RdfParser::from_format(RdfFormat::NQuads).for_reader(input) {
            let q: Quad = q.map_err(|e| match e {
                oxigraph::io::RdfParseError::Syntax(s) => {
                    bad(s.location().map(|l| l.start.line + 1), s.to_string())
                }
                oxigraph::io::RdfParseError::Io(e) => Error::io(source, e),
            })?;
            self.summary.quads += 1;
            let doc = match &q.graph_name {
                GraphName::NamedNode(g) if g.as_str().starts_with(DOC) => Some(g.clone()),
                GraphName::NamedNode(g) if g.as_str() == ENTITIES_GRAPH => None,
                other => {
                    return Err(bad(
                        None,
                        format!(
                            "quad in graph {other}: newskg N-Quads hold document graphs ({DOC}…) and {ENTITIES_GRAPH} only"
                        ),
                    ));
                }
            };
            if let Some(d) = doc {
                if current.as_ref().is_none_or(|c| c.iri != d) {
                    if let Some(done) = current.take() {
                        batch.push(finish(done)?);
                        if batch.len() == WINDOW {
                            self.flush(&mut batch)?;
                        }
                    }
                    current = Some(DocumentGraph {
                        iri: d.clone(),
                        quads: Vec::new(),
                        content_hash: String::new(),
                        counts: (0, 0, 0),
                    });
                }
                let cur = current.as_mut().expect("set above");
                if q.predicate.as_str() == hash_p && q.subject.as_ref() == d.as_ref().into() {
                    if let Term::Literal(l) = &q.object {
                        l.value().clone_into(&mut cur.content_hash);
                    }
                }
            }
            match current.as_mut() {
                Some(cur) => cur.quads.push(q),
                None => {
                    return Err(bad(
                        None,
                        "entity descriptions before any document graph (not `newskg extract --format nquads` output?)".into(),
                    ));
                }
            }
        }
        if let Some(done) = current.take() {
            batch.push(finish(done)?);
        }
        self.flush(&mut batch)
    }
}
