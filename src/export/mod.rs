//! Graph views of the store: [`View`] selects who met whom (and roles), [`GraphView`] holds
//! it as a petgraph graph, [`dot`] writes Graphviz DOT.

pub mod dot;

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::{NodeIndex, UnGraph};

use crate::{Error, Result, Store};

/// Which edges to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum View {
    /// Who met whom: one edge per pair, labelled with the meeting dates.
    Meetings,
    /// Roles: envoyOf, aideTo, leaderOf, memberOf, deputyOf, relativeOf, associateOf.
    Roles,
    /// Both.
    All,
}

/// A node: an entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Entity IRI.
    pub iri: String,
    /// Canonical name.
    pub label: String,
    /// Person, Organization or Place.
    pub kind: String,
    /// Other names.
    pub aliases: Vec<String>,
}

/// An edge: a relation, with the dates of meetings for `metWith`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Edge {
    /// Predicate local name.
    pub predicate: String,
    /// Dates of the meetings behind a `metWith` edge ("?" when undated).
    pub dates: BTreeSet<String>,
    /// Directed (roles) or not (metWith and the other symmetric ones).
    pub directed: bool,
}

/// A drawable graph, in a stable order (nodes by label, edges by endpoints).
#[derive(Debug, Default)]
pub struct GraphView {
    /// The graph: petgraph, undirected storage; `Edge::directed` tells arrows.
    pub graph: UnGraph<Node, Edge>,
}

fn value(t: Option<&Term>) -> String {
    match t {
        Some(Term::NamedNode(n)) => n.as_str().to_owned(),
        Some(Term::Literal(l)) => l.value().to_owned(),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn rows(store: &Store, q: &str) -> Result<Vec<Vec<String>>> {
    let QueryResults::Solutions(sol) = store.query(q)? else {
        return Err(Error::Sparql("expected SELECT results".into()));
    };
    let vars: Vec<_> = sol.variables().to_vec();
    let mut out = Vec::new();
    for s in sol {
        let s = s.map_err(|e| Error::Sparql(e.to_string()))?;
        out.push(vars.iter().map(|v| value(s.get(v))).collect());
    }
    Ok(out)
}

const PREFIX: &str = "PREFIX nkg: <https://w3id.org/newskg#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n";

impl GraphView {
    /// Reads a view from the store.
    ///
    /// # Errors
    /// Store or query failure.
    pub fn from_store(store: &Store, view: View) -> Result<GraphView> {
        let mut edges: BTreeMap<(String, String, String), Edge> = BTreeMap::new();
        if view != View::Roles {
            let q = format!(
                "{PREFIX}SELECT DISTINCT ?a ?b ?date WHERE {{ ?m a nkg:Meeting ; nkg:participant ?a, ?b . FILTER(STR(?a) < STR(?b)) OPTIONAL {{ ?m nkg:date ?date }} }}"
            );
            for r in rows(store, &q)? {
                let e = edges
                    .entry((r[0].clone(), r[1].clone(), "metWith".into()))
                    .or_insert_with(|| Edge {
                        predicate: "metWith".into(),
                        dates: BTreeSet::new(),
                        directed: false,
                    });
                e.dates.insert(if r[2].is_empty() {
                    "?".into()
                } else {
                    r[2].clone()
                });
            }
        }
        if view != View::Meetings {
            let q = format!(
                "{PREFIX}SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ nkg:envoyOf nkg:aideTo nkg:leaderOf nkg:memberOf nkg:deputyOf nkg:relativeOf nkg:associateOf }} ?s ?p ?o }}"
            );
            for r in rows(store, &q)? {
                let p = r[1].rsplit('#').next().unwrap_or_default().to_owned();
                let symmetric = matches!(p.as_str(), "relativeOf" | "associateOf");
                if symmetric && r[0] > r[2] {
                    continue;
                }
                edges
                    .entry((r[0].clone(), r[2].clone(), p.clone()))
                    .or_insert(Edge {
                        predicate: p,
                        dates: BTreeSet::new(),
                        directed: !symmetric,
                    });
            }
        }
        let mut iris: BTreeSet<String> = BTreeSet::new();
        for (a, b, _) in edges.keys() {
            iris.insert(a.clone());
            iris.insert(b.clone());
        }
        let mut nodes: Vec<Node> = Vec::new();
        let q = format!(
            "{PREFIX}SELECT ?e ?label ?type (GROUP_CONCAT(DISTINCT ?alt; separator=\"\\u001f\") AS ?alts) WHERE {{ VALUES ?type {{ nkg:Person nkg:Organization nkg:Place }} ?e a ?type ; rdfs:label ?label . OPTIONAL {{ ?e skos:altLabel ?alt }} }} GROUP BY ?e ?label ?type"
        );
        let mut info: BTreeMap<String, Node> = BTreeMap::new();
        for r in rows(store, &q)? {
            if iris.contains(&r[0]) {
                let aliases = r[3]
                    .split('\u{1f}')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect();
                info.entry(r[0].clone()).or_insert(Node {
                    iri: r[0].clone(),
                    label: r[1].clone(),
                    kind: r[2].rsplit('#').next().unwrap_or_default().to_owned(),
                    aliases,
                });
            }
        }
        for iri in &iris {
            nodes.push(info.remove(iri).unwrap_or_else(|| Node {
                iri: iri.clone(),
                label: iri.rsplit('/').next().unwrap_or(iri).to_owned(),
                kind: "Place".into(),
                aliases: Vec::new(),
            }));
        }
        nodes.sort_by(|a, b| (&a.label, &a.iri).cmp(&(&b.label, &b.iri)));
        let mut g = UnGraph::default();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for n in nodes {
            let iri = n.iri.clone();
            index.insert(iri, g.add_node(n));
        }
        for ((a, b, _), e) in edges {
            g.add_edge(index[&a], index[&b], e);
        }
        Ok(GraphView { graph: g })
    }
}
