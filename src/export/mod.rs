//! Graph views of the store: [`GraphView::from_store`] reads a [`View`] (who met whom, roles,
//! or both), [`GraphView::from_query`] a user's CONSTRUCT; [`Filter`] narrows either; then
//! [`to_dot`], [`to_graphml`], [`to_json`] and [`to_svg`] write it.
//!
//! ```no_run
//! use newskg::{DotOptions, Filter, GraphView, Store, View, to_dot};
//! let store = Store::open_existing("newskg-store".as_ref())?;
//! let ego = Filter { entity: Some("Putin".into()), depth: 1, ..Filter::default() };
//! let view = GraphView::from_store(&store, View::Meetings)?.filtered(&ego)?;
//! print!("{}", to_dot(&view, &DotOptions::default()));
//! # Ok::<(), newskg::Error>(())
//! ```
//!
//! Every writer is deterministic: nodes are ordered by label then IRI, edges by their
//! endpoints' IRIs then predicate, so the same store gives byte-identical output.

pub mod dot;
pub mod graphml;
pub mod json;
mod roles;
pub mod svg;

pub use dot::{DotOptions, to_dot};
pub use graphml::to_graphml;
pub use json::to_json;
pub use svg::to_svg;

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use oxigraph::model::Term;
use oxigraph::sparql::QueryResults;
use petgraph::graph::{NodeIndex, UnGraph};
use petgraph::visit::EdgeRef;

use crate::model::{Date, Predicate};
use crate::{Error, Result, Store};
use roles::{group_of, role_facts, top_role};

/// Which edges to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Who met whom: one edge per pair, labelled with the meeting dates.
    Meetings,
    /// Roles: the predicates the vocabulary table draws in the roles view (envoyOf,
    /// leaderOf, relativeOf, ...).
    Roles,
    /// Both.
    All,
}

impl View {
    /// The predicates this view draws, in [`Predicate::ALL`] order: `metWith` (from the
    /// meetings) and the predicates the vocabulary table marks for the roles view.
    #[must_use]
    pub fn predicates(self) -> Vec<Predicate> {
        Predicate::ALL
            .into_iter()
            .filter(|p| match self {
                View::Meetings => *p == Predicate::MetWith,
                View::Roles => p.info().role_view,
                View::All => *p == Predicate::MetWith || p.info().role_view,
            })
            .collect()
    }
}

/// A node: an entity, or any IRI or literal in a query view.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Node {
    /// Entity IRI (the N-Triples form for literals and blank nodes).
    pub iri: String,
    /// Canonical name (`rdfs:label`), or the IRI's last segment, or the literal's value.
    pub label: String,
    /// Person, Organization, Place; Resource or Literal in query views.
    pub kind: String,
    /// Other names (`skos:altLabel`).
    pub aliases: Vec<String>,
    /// The entity's top role, e.g. "special envoy of United States".
    pub role: Option<String>,
    /// The country or organisation the entity belongs to (via leaderOf, memberOf, envoyOf,
    /// aideTo, followed through people), for clustering.
    pub group: Option<String>,
}

/// An edge: a relation, with the meetings behind a `metWith` edge.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Edge {
    /// Predicate local name.
    pub predicate: String,
    /// Meetings behind a `metWith` edge: meeting IRI to its date (None when undated).
    pub meetings: BTreeMap<String, Option<String>>,
    /// Directed (roles) or not (metWith and the other symmetric ones).
    pub directed: bool,
    /// What corrections (`newskg correct`) did to this edge, one note each: "asserted by
    /// alice: they met in Hull", "meeting corrected by bob: never met". Empty for an edge
    /// as extracted. Retracted facts have no edge.
    pub corrected: Vec<String>,
}

impl Edge {
    /// The distinct meeting dates, sorted, "?" for undated meetings.
    #[must_use]
    pub fn dates(&self) -> Vec<String> {
        let set: BTreeSet<&str> = self
            .meetings
            .values()
            .map(|d| d.as_deref().unwrap_or("?"))
            .collect();
        set.into_iter().map(str::to_owned).collect()
    }

    /// Number of meetings, at least 1.
    #[must_use]
    pub fn weight(&self) -> usize {
        self.meetings.len().max(1)
    }
}

/// A drawable graph, in a stable order (nodes by label, edges by endpoints).
#[derive(Debug, Default)]
pub struct GraphView {
    /// The graph: petgraph, undirected storage; `Edge::directed` tells arrows.
    pub graph: UnGraph<Node, Edge>,
    /// A title for drawings.
    pub title: String,
}

/// What to keep of a view. The default keeps everything.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    /// Keep the ego network of the entities with this label or alias (case-insensitive).
    pub entity: Option<String>,
    /// Hops from `entity` (0 keeps only the entity).
    pub depth: usize,
    /// Keep meetings on or after this date; undated meetings are dropped.
    pub from: Option<Date>,
    /// Keep meetings on or before this date; undated meetings are dropped.
    pub to: Option<Date>,
    /// Keep edges with these predicates; empty keeps all.
    pub relations: Vec<Predicate>,
    /// Drop nodes with fewer edges than this (counted after the other filters).
    pub min_degree: usize,
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
        let s = s.map_err(Error::eval)?;
        out.push(vars.iter().map(|v| value(s.get(v))).collect());
    }
    Ok(out)
}

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

const PREFIX: &str = "PREFIX nkg: <https://w3id.org/newskg#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n";

/// Labels, types and aliases of `iris`, looked up in batches.
fn entity_info(store: &Store, iris: &BTreeSet<String>) -> Result<BTreeMap<String, Node>> {
    let mut info: BTreeMap<String, Node> = BTreeMap::new();
    let named: Vec<&String> = iris
        .iter()
        .filter(|i| !i.starts_with('"') && !i.starts_with("_:"))
        .collect();
    for chunk in named.chunks(400) {
        let values: String = chunk.iter().map(|i| format!("<{i}> ")).collect();
        let q = format!(
            "{PREFIX}SELECT ?e ?label ?type (GROUP_CONCAT(DISTINCT ?alt; separator=\"\\u001f\") AS ?alts) WHERE {{ VALUES ?e {{ {values}}} OPTIONAL {{ ?e rdfs:label ?label }} OPTIONAL {{ VALUES ?type {{ nkg:Person nkg:Organization nkg:Place }} ?e a ?type }} OPTIONAL {{ ?e skos:altLabel ?alt }} }} GROUP BY ?e ?label ?type"
        );
        let mut found = rows(store, &q)?;
        // Several labels or types (not in newskg's own data) resolve to the smallest.
        found.sort();
        for r in found {
            let mut aliases: Vec<String> = r[3]
                .split('\u{1f}')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect();
            aliases.sort();
            info.entry(r[0].clone()).or_insert(Node {
                iri: r[0].clone(),
                label: if r[1].is_empty() {
                    local(&r[0]).to_owned()
                } else {
                    r[1].clone()
                },
                kind: if r[2].is_empty() {
                    "Resource".to_owned()
                } else {
                    local(&r[2]).to_owned()
                },
                aliases,
                role: None,
                group: None,
            });
        }
    }
    Ok(info)
}

impl GraphView {
    /// Reads a view from the store.
    ///
    /// # Errors
    /// Store or query failure.
    pub fn from_store(store: &Store, view: View) -> Result<GraphView> {
        let view_kind = view;
        let mut edges: BTreeMap<(String, String, String), Edge> = BTreeMap::new();
        let met_with = Predicate::MetWith.local_name();
        if view != View::Roles {
            let q = format!(
                "{PREFIX}SELECT DISTINCT ?m ?a ?b ?date WHERE {{ ?m a nkg:Meeting ; nkg:participant ?a, ?b . FILTER(STR(?a) < STR(?b)) FILTER NOT EXISTS {{ ?m nkg:side ?side . ?side nkg:sideMember ?a, ?b }} OPTIONAL {{ ?m nkg:date ?date }} }}"
            );
            let mut found = rows(store, &q)?;
            found.sort();
            for r in found {
                let e = edges
                    .entry((r[1].clone(), r[2].clone(), met_with.into()))
                    .or_insert_with(|| Edge {
                        predicate: met_with.into(),
                        meetings: BTreeMap::new(),
                        directed: false,
                        corrected: Vec::new(),
                    });
                e.meetings
                    .insert(r[0].clone(), (!r[3].is_empty()).then(|| r[3].clone()));
            }
        }
        if view != View::Meetings {
            let values: String = View::Roles
                .predicates()
                .iter()
                .map(|p| format!("nkg:{} ", p.local_name()))
                .collect();
            let q = format!(
                "{PREFIX}SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ {values}}} ?s ?p ?o }}"
            );
            for r in rows(store, &q)? {
                let p = local(&r[1]).to_owned();
                let symmetric = Predicate::from_local_name(&p).is_some_and(Predicate::is_symmetric);
                let (a, b) = if symmetric && r[0] > r[2] {
                    (r[2].clone(), r[0].clone())
                } else {
                    (r[0].clone(), r[2].clone())
                };
                edges.entry((a, b, p.clone())).or_insert(Edge {
                    predicate: p,
                    meetings: BTreeMap::new(),
                    directed: !symmetric,
                    corrected: Vec::new(),
                });
            }
        }
        mark_corrections(store, view, &mut edges)?;
        let facts = role_facts(store)?;
        let mut view = Self::assemble(store, edges)?;
        for n in view.graph.node_weights_mut() {
            if let Some(f) = facts.get(&n.iri) {
                n.role = top_role(f);
            }
            n.group = group_of(&n.iri, &facts, 3).map(|(_, label)| label);
        }
        view.title = match view_kind {
            View::Meetings => "newskg: who met whom",
            View::Roles => "newskg: roles",
            View::All => "newskg: meetings and roles",
        }
        .into();
        Ok(view)
    }

    /// Draws the result of a user query: a CONSTRUCT, or a SELECT whose first three
    /// variables (or `?s ?p ?o`) are the triples. IRIs are labelled by `rdfs:label` when the
    /// store has one.
    ///
    /// # Errors
    /// The query fails, or is an ASK.
    pub fn from_query(store: &Store, query: &str) -> Result<GraphView> {
        let term = |t: &Term| match t {
            Term::NamedNode(n) => n.as_str().to_owned(),
            other => other.to_string(),
        };
        let mut triples: BTreeSet<(String, String, String)> = BTreeSet::new();
        match store.query(query)? {
            QueryResults::Graph(it) => {
                for t in it {
                    let t = t.map_err(Error::eval)?;
                    triples.insert((
                        term(&t.subject.into()),
                        t.predicate.as_str().to_owned(),
                        term(&t.object),
                    ));
                }
            }
            QueryResults::Solutions(sol) => {
                let vars: Vec<_> = sol.variables().to_vec();
                let pick = |name: &str, i: usize| {
                    vars.iter()
                        .position(|v| v.as_str() == name)
                        .or((i < vars.len()).then_some(i))
                };
                let (Some(s), Some(p), Some(o)) = (pick("s", 0), pick("p", 1), pick("o", 2)) else {
                    return Err(Error::Usage(
                        "--query: a SELECT must bind ?s ?p ?o (or three variables)".into(),
                    ));
                };
                for row in sol {
                    let row = row.map_err(Error::eval)?;
                    if let (Some(a), Some(b), Some(c)) =
                        (row.get(&vars[s]), row.get(&vars[p]), row.get(&vars[o]))
                    {
                        triples.insert((term(a), term(b), term(c)));
                    }
                }
            }
            QueryResults::Boolean(_) => {
                return Err(Error::Usage(
                    "--query: an ASK query has no graph to draw; use CONSTRUCT or SELECT ?s ?p ?o"
                        .into(),
                ));
            }
        }
        let mut edges = BTreeMap::new();
        for (s, p, o) in triples {
            let name = local(&p).to_owned();
            edges.entry((s, o, name.clone())).or_insert(Edge {
                predicate: name,
                meetings: BTreeMap::new(),
                directed: true,
                corrected: Vec::new(),
            });
        }
        let mut view = Self::assemble(store, edges)?;
        view.title = "newskg: query".into();
        Ok(view)
    }

    /// Builds the petgraph graph from edges keyed by (source, target, predicate).
    fn assemble(
        store: &Store,
        edges: BTreeMap<(String, String, String), Edge>,
    ) -> Result<GraphView> {
        let mut iris: BTreeSet<String> = BTreeSet::new();
        for (a, b, _) in edges.keys() {
            iris.insert(a.clone());
            iris.insert(b.clone());
        }
        let mut info = entity_info(store, &iris)?;
        let mut nodes: Vec<Node> = iris
            .iter()
            .map(|iri| {
                info.remove(iri).unwrap_or_else(|| {
                    let (label, kind) = match iri.strip_prefix('"') {
                        Some(rest) => (literal_value(rest), "Literal"),
                        None => (local(iri).to_owned(), "Resource"),
                    };
                    Node {
                        iri: iri.clone(),
                        label,
                        kind: kind.into(),
                        aliases: Vec::new(),
                        role: None,
                        group: None,
                    }
                })
            })
            .collect();
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
        Ok(GraphView {
            graph: g,
            title: String::new(),
        })
    }

    /// The view narrowed by `filter`: relations, then meeting dates, then the ego network,
    /// then the minimum degree. Order is kept.
    ///
    /// # Errors
    /// `filter.entity` names no node of the view.
    pub fn filtered(&self, filter: &Filter) -> Result<GraphView> {
        let g = &self.graph;
        // Meeting dates are `xsd:date` lexical forms (YYYY-MM-DD): they sort as the dates do.
        let (from, to) = (
            filter.from.map(|d| d.to_string()),
            filter.to.map(|d| d.to_string()),
        );
        let in_range = |d: &Option<String>| match d {
            None => false,
            Some(d) => {
                from.as_deref().is_none_or(|f| d.as_str() >= f)
                    && to.as_deref().is_none_or(|t| d.as_str() <= t)
            }
        };
        let dated = filter.from.is_some() || filter.to.is_some();
        let mut edges: Vec<(NodeIndex, NodeIndex, Edge)> = Vec::new();
        for e in g.edge_references() {
            let mut w = e.weight().clone();
            if !filter.relations.is_empty()
                && !filter
                    .relations
                    .iter()
                    .any(|p| p.local_name() == w.predicate)
            {
                continue;
            }
            if dated && !w.meetings.is_empty() {
                w.meetings.retain(|_, d| in_range(d));
                if w.meetings.is_empty() {
                    continue;
                }
            }
            edges.push((e.source(), e.target(), w));
        }
        let mut keep: BTreeSet<NodeIndex> = edges.iter().flat_map(|e| [e.0, e.1]).collect();
        if let Some(wanted) = &filter.entity {
            let name = wanted.to_lowercase();
            let seeds: Vec<NodeIndex> = g
                .node_indices()
                .filter(|&i| {
                    let n = &g[i];
                    n.label.to_lowercase() == name
                        || n.aliases.iter().any(|a| a.to_lowercase() == name)
                })
                .collect();
            if seeds.is_empty() {
                return Err(Error::Usage(format!(
                    "--entity {wanted:?}: no person or organisation of that name or alias in this view"
                )));
            }
            let mut adjacent: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
            for (a, b, _) in &edges {
                adjacent.entry(*a).or_default().push(*b);
                adjacent.entry(*b).or_default().push(*a);
            }
            let mut dist: BTreeMap<NodeIndex, usize> = seeds.iter().map(|&s| (s, 0)).collect();
            let mut queue: VecDeque<NodeIndex> = seeds.iter().copied().collect();
            while let Some(n) = queue.pop_front() {
                let d = dist[&n];
                if d == filter.depth {
                    continue;
                }
                for &m in adjacent.get(&n).into_iter().flatten() {
                    if let std::collections::btree_map::Entry::Vacant(v) = dist.entry(m) {
                        v.insert(d + 1);
                        queue.push_back(m);
                    }
                }
            }
            keep = dist.into_keys().collect();
            edges.retain(|(a, b, _)| keep.contains(a) && keep.contains(b));
        }
        if filter.min_degree > 0 {
            let mut degree: BTreeMap<NodeIndex, usize> = BTreeMap::new();
            for (a, b, _) in &edges {
                *degree.entry(*a).or_default() += 1;
                *degree.entry(*b).or_default() += 1;
            }
            keep.retain(|n| degree.get(n).copied().unwrap_or(0) >= filter.min_degree);
            edges.retain(|(a, b, _)| keep.contains(a) && keep.contains(b));
        }
        let mut out = UnGraph::default();
        let mut index = BTreeMap::new();
        for &n in &keep {
            index.insert(n, out.add_node(g[n].clone()));
        }
        for (a, b, w) in edges {
            out.add_edge(index[&a], index[&b], w);
        }
        Ok(GraphView {
            graph: out,
            title: self.title.clone(),
        })
    }
}

/// Adds the facts corrections asserted to `edges` and notes on every edge a correction
/// touched: asserted facts, and meeting edges whose meeting a retraction changed.
fn mark_corrections(
    store: &Store,
    view: View,
    edges: &mut BTreeMap<(String, String, String), Edge>,
) -> Result<()> {
    let corrections = crate::correct::GRAPH;
    let who = "?c <http://www.w3.org/ns/prov#wasAssociatedWith>/rdfs:label ?by OPTIONAL { ?c rdfs:comment ?why }";
    let note = |what: &str, by: &str, why: &str| {
        if why.is_empty() {
            format!("{what} by {by}")
        } else {
            format!("{what} by {by}: {why}")
        }
    };
    let wanted: BTreeSet<&str> = view.predicates().iter().map(|p| p.local_name()).collect();
    let q = format!(
        "{PREFIX}SELECT DISTINCT ?s ?p ?o ?by ?why WHERE {{ GRAPH <{corrections}> {{ ?st nkg:assertedBy ?c ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o . {who} }} }}"
    );
    for r in rows(store, &q)? {
        let p = local(&r[1]).to_owned();
        if !wanted.contains(p.as_str()) {
            continue;
        }
        let symmetric = Predicate::from_local_name(&p).is_some_and(Predicate::is_symmetric);
        let (a, b) = if symmetric && r[0] > r[2] {
            (r[2].clone(), r[0].clone())
        } else {
            (r[0].clone(), r[2].clone())
        };
        edges
            .entry((a, b, p.clone()))
            .or_insert(Edge {
                predicate: p,
                meetings: BTreeMap::new(),
                directed: !symmetric,
                corrected: Vec::new(),
            })
            .corrected
            .push(note("asserted", &r[3], &r[4]));
    }
    let q = format!(
        "{PREFIX}SELECT DISTINCT ?m ?by ?why WHERE {{ ?m nkg:correctedBy ?c . GRAPH <{corrections}> {{ {who} }} }}"
    );
    let mut changed: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for r in rows(store, &q)? {
        changed
            .entry(r[0].clone())
            .or_default()
            .push(note("meeting corrected", &r[1], &r[2]));
    }
    for e in edges.values_mut() {
        for m in e.meetings.keys() {
            for n in changed.get(m).into_iter().flatten() {
                if !e.corrected.contains(n) {
                    e.corrected.push(n.clone());
                }
            }
        }
    }
    Ok(())
}

/// The value of a literal in N-Triples form, without its quotes and datatype or language.
fn literal_value(after_quote: &str) -> String {
    let end = after_quote.rfind('"').unwrap_or(after_quote.len());
    let raw = &after_quote[..end];
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}
