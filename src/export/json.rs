//! Nodes-and-links JSON (d3-force, vis.js, networkx `node_link_graph`) from a
//! [`GraphView`]: [`to_json`].
//!
//! ```json
//! {"nodes":[{"id":"…","label":"…","type":"Person","aliases":[],"role":null,"group":null}],
//!  "links":[{"source":"…","target":"…","predicate":"metWith","dates":["2025-03-04"],"weight":1,"directed":false}]}
//! ```
//! `id`, `source` and `target` are IRIs.

use petgraph::visit::EdgeRef;
use serde::Serialize;

use super::GraphView;

#[derive(Serialize)]
struct JsonNode<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    aliases: &'a [String],
    role: Option<&'a str>,
    group: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLink<'a> {
    source: &'a str,
    target: &'a str,
    predicate: &'a str,
    dates: Vec<String>,
    weight: usize,
    directed: bool,
    /// Notes of the corrections that asserted or changed the edge (absent when none).
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    corrected: &'a [String],
}

#[derive(Serialize)]
struct JsonGraph<'a> {
    nodes: Vec<JsonNode<'a>>,
    links: Vec<JsonLink<'a>>,
}

/// The view as pretty-printed JSON, ending with a newline.
#[must_use]
pub fn to_json(view: &GraphView) -> String {
    let g = &view.graph;
    let doc = JsonGraph {
        nodes: g
            .node_weights()
            .map(|n| JsonNode {
                id: &n.iri,
                label: &n.label,
                kind: &n.kind,
                aliases: &n.aliases,
                role: n.role.as_deref(),
                group: n.group.as_deref(),
            })
            .collect(),
        links: g
            .edge_references()
            .map(|e| {
                let w = e.weight();
                JsonLink {
                    source: &g[e.source()].iri,
                    target: &g[e.target()].iri,
                    predicate: &w.predicate,
                    dates: w.dates(),
                    weight: w.weight(),
                    directed: w.directed,
                    corrected: &w.corrected,
                }
            })
            .collect(),
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
