//! GraphML (Gephi, yEd, Cytoscape, networkx) from a [`GraphView`]: [`to_graphml`].
//!
//! Node data: `label`, `type`, `aliases` (joined by "; "), `role`, `group`, `iri`; edge data:
//! `predicate`, `dates` (joined by "; "), `weight` (number of meetings), `directed`. Text is
//! XML-escaped and characters XML 1.0 forbids are dropped, so any name gives well-formed XML.

use std::fmt::Write as _;

use petgraph::visit::EdgeRef;

use super::GraphView;
use super::dot::xml_char;

/// Escapes text for XML element content and attribute values.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c if xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

const KEYS: [(&str, &str, &str); 10] = [
    ("label", "node", "string"),
    ("type", "node", "string"),
    ("aliases", "node", "string"),
    ("role", "node", "string"),
    ("group", "node", "string"),
    ("iri", "node", "string"),
    ("predicate", "edge", "string"),
    ("dates", "edge", "string"),
    ("weight", "edge", "int"),
    ("directed", "edge", "boolean"),
];

/// The view as a GraphML document. The graph is undirected unless every edge is directed;
/// each edge says which in its `directed` data.
#[must_use]
pub fn to_graphml(view: &GraphView) -> String {
    let g = &view.graph;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    for (name, target, ty) in KEYS {
        let _ = writeln!(
            out,
            "  <key id=\"{name}\" for=\"{target}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>"
        );
    }
    let directed = g.edge_count() > 0 && g.edge_weights().all(|e| e.directed);
    let _ = writeln!(
        out,
        "  <graph id=\"newskg\" edgedefault=\"{}\">",
        if directed { "directed" } else { "undirected" }
    );
    let data = |out: &mut String, key: &str, v: &str| {
        let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", escape(v));
    };
    for i in g.node_indices() {
        let n = &g[i];
        let _ = writeln!(out, "    <node id=\"n{}\">", i.index());
        data(&mut out, "label", &n.label);
        data(&mut out, "type", &n.kind);
        if !n.aliases.is_empty() {
            data(&mut out, "aliases", &n.aliases.join("; "));
        }
        if let Some(r) = &n.role {
            data(&mut out, "role", r);
        }
        if let Some(gr) = &n.group {
            data(&mut out, "group", gr);
        }
        data(&mut out, "iri", &n.iri);
        out.push_str("    </node>\n");
    }
    for e in g.edge_references() {
        let w = e.weight();
        let _ = writeln!(
            out,
            "    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\">",
            e.id().index(),
            e.source().index(),
            e.target().index()
        );
        data(&mut out, "predicate", &w.predicate);
        if !w.meetings.is_empty() {
            data(&mut out, "dates", &w.dates().join("; "));
        }
        data(&mut out, "weight", &w.weight().to_string());
        data(
            &mut out,
            "directed",
            if w.directed { "true" } else { "false" },
        );
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        assert_eq!(
            escape("<a href=\"x\">&'\u{1}\r"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&#13;"
        );
    }
}
