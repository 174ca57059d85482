//! Graphviz DOT from a [`GraphView`]: [`to_dot`] with [`DotOptions`].
//!
//! Every label and tooltip goes through [`escape`], so any name — quotes, backslashes,
//! newlines, angle brackets, ampersands, emoji, right-to-left script — gives valid DOT that
//! Graphviz renders without warnings and that becomes well-formed SVG.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use petgraph::visit::EdgeRef;

use super::{Edge, GraphView, Node};

/// How to draw.
#[derive(Clone, Copy, Debug, Default)]
#[must_use]
pub struct DotOptions {
    /// Group people into `subgraph cluster_N` boxes by their country or organisation.
    pub cluster: bool,
}

impl DotOptions {
    /// With or without clusters.
    pub fn with_cluster(mut self, yes: bool) -> Self {
        self.cluster = yes;
        self
    }
}

/// Escapes text for a double-quoted DOT string: quotes and backslashes are escaped,
/// newlines become `\n`, other control characters are dropped, and `&` becomes `&amp;`
/// because Graphviz reads HTML entities (`&lt;`) in plain labels.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '&' => out.push_str("&amp;"),
            c if !xml_char(c) || c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Characters XML 1.0 allows (Graphviz writes labels into SVG as they are).
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Shape and fill colour of a node type.
pub(crate) fn style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "Person" => ("ellipse", "#dbeafe"),
        "Organization" => ("box", "#fde68a"),
        "Place" => ("hexagon", "#d1fae5"),
        "Literal" => ("note", "#f3f4f6"),
        _ => ("ellipse", "#e5e7eb"),
    }
}

/// Colour of edges a correction touched (`newskg correct`).
const CORRECTED_COLOR: &str = " color=\"#c2410c\" fontcolor=\"#c2410c\"";

/// Node types in legend order.
const KINDS: [&str; 5] = ["Person", "Organization", "Place", "Resource", "Literal"];

/// The node's visible label: name, then its top role on a second line.
pub(crate) fn node_label(n: &Node) -> String {
    match &n.role {
        Some(r) => format!("{}\n{r}", n.label),
        None => n.label.clone(),
    }
}

/// The node's tooltip: name and aliases.
pub(crate) fn node_tooltip(n: &Node) -> String {
    if n.aliases.is_empty() {
        n.label.clone()
    } else {
        format!("{} (also: {})", n.label, n.aliases.join(", "))
    }
}

/// The edge's label: meeting dates (a count and the range when more than three), or the
/// predicate.
pub(crate) fn edge_label(e: &Edge) -> String {
    if e.meetings.is_empty() {
        return e.predicate.clone();
    }
    let dates: Vec<String> = e
        .dates()
        .into_iter()
        .map(|d| if d == "?" { "undated".into() } else { d })
        .collect();
    let n = e.meetings.len();
    if n > 3 {
        format!("{n} meetings\n{} – {}", dates[0], dates[dates.len() - 1])
    } else {
        dates.join("\n")
    }
}

fn node_line(out: &mut String, indent: &str, id: usize, n: &Node) {
    let (shape, fill) = style(&n.kind);
    let _ = writeln!(
        out,
        "{indent}n{id} [label=\"{}\" shape={shape} fillcolor=\"{fill}\" tooltip=\"{}\"];",
        escape(&node_label(n)),
        escape(&node_tooltip(n)),
    );
}

/// The view as DOT text: people as ellipses, organisations as boxes, places as hexagons,
/// a legend of the node types shown; meeting edges labelled with their dates and as thick as
/// the meetings are many, role edges dashed and labelled with the relation; edges a correction
/// asserted or changed bold and orange, "(corrected)" under their label and the corrections
/// (who, why) in their tooltip.
#[must_use]
pub fn to_dot(view: &GraphView, options: &DotOptions) -> String {
    let g = &view.graph;
    let mut out = String::new();
    let title = if view.title.is_empty() {
        "newskg"
    } else {
        &view.title
    };
    let _ = writeln!(out, "graph newskg {{");
    let _ = writeln!(
        out,
        "    graph [fontname=\"Helvetica\" label=\"{}\" labelloc=t fontsize=16 rankdir=LR nodesep=0.3 ranksep=0.9 newrank=true];",
        escape(title)
    );
    let _ = writeln!(
        out,
        "    node [fontname=\"Helvetica\" fontsize=11 style=filled color=\"#4b5563\"];"
    );
    let _ = writeln!(
        out,
        "    edge [fontname=\"Helvetica\" fontsize=9 color=\"#6b7280\" fontcolor=\"#374151\"];"
    );

    // Legend: one sample node per type shown; no edges, so they stack in one rank.
    let present: Vec<&str> = KINDS
        .iter()
        .copied()
        .filter(|k| g.node_weights().any(|n| n.kind == *k))
        .collect();
    if !present.is_empty() {
        let _ = writeln!(
            out,
            "    subgraph cluster_legend {{\n        label=\"Legend\"; fontsize=10; style=rounded; color=\"#9ca3af\";"
        );
        for k in &present {
            let (shape, fill) = style(k);
            let _ = writeln!(
                out,
                "        legend_{} [label=\"{k}\" shape={shape} fillcolor=\"{fill}\" fontsize=9 tooltip=\"{k}\"];",
                k.to_lowercase()
            );
        }
        let _ = writeln!(out, "    }}");
    }

    // Clusters: the entity's group, with the group's own node in it; only groups of two.
    let mut clusters: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    if options.cluster {
        for i in g.node_indices() {
            let n = &g[i];
            let group = n.group.as_deref().or_else(|| {
                (n.kind != "Person" && g.node_weights().any(|m| m.group.as_ref() == Some(&n.label)))
                    .then_some(n.label.as_str())
            });
            if let Some(group) = group {
                clusters.entry(group).or_default().push(i.index());
            }
        }
        clusters.retain(|_, members| members.len() >= 2);
    }
    let mut clustered = vec![false; g.node_count()];
    for (k, (name, members)) in clusters.iter().enumerate() {
        let _ = writeln!(
            out,
            "    subgraph cluster_{k} {{\n        label=\"{}\"; fontsize=12; style=\"rounded,filled\"; fillcolor=\"#f9fafb\"; color=\"#d1d5db\";",
            escape(name)
        );
        for &i in members {
            clustered[i] = true;
            node_line(
                &mut out,
                "        ",
                i,
                &g[petgraph::graph::NodeIndex::new(i)],
            );
        }
        let _ = writeln!(out, "    }}");
    }
    for i in g.node_indices() {
        if !clustered[i.index()] {
            node_line(&mut out, "    ", i.index(), &g[i]);
        }
    }

    for e in g.edge_references() {
        let (a, b, w) = (e.source().index(), e.target().index(), e.weight());
        // A corrected edge is drawn bold in the correction colour, says so in its label and
        // gives the corrections in its tooltip.
        let mut label = edge_label(w);
        let mut corrected = String::new();
        if !w.corrected.is_empty() {
            label.push_str("\n(corrected)");
            corrected = format!(" ({})", w.corrected.join("; "));
        }
        let label = escape(&label);
        if w.meetings.is_empty() {
            let _ = writeln!(
                out,
                "    n{a} -- n{b} [label=\"{label}\" style=\"{}\"{}{} tooltip=\"{}\"];",
                if w.corrected.is_empty() {
                    "dashed"
                } else {
                    "dashed,bold"
                },
                if w.directed {
                    " dir=forward arrowsize=0.7"
                } else {
                    ""
                },
                if w.corrected.is_empty() {
                    ""
                } else {
                    CORRECTED_COLOR
                },
                escape(&format!(
                    "{} {} {}{corrected}",
                    g[e.source()].label,
                    w.predicate,
                    g[e.target()].label
                )),
            );
        } else {
            let n = w.weight();
            let _ = writeln!(
                out,
                "    n{a} -- n{b} [label=\"{label}\" penwidth={} weight={n} {} tooltip=\"{}\"];",
                1 + n.min(4),
                if w.corrected.is_empty() {
                    "color=\"#1d4ed8\""
                } else {
                    "style=bold color=\"#c2410c\" fontcolor=\"#c2410c\""
                },
                escape(&format!(
                    "{} met {}: {}{corrected}",
                    g[e.source()].label,
                    g[e.target()].label,
                    w.dates().join(", ")
                )),
            );
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(escape("Erdoğan 🙂 עברית"), "Erdoğan 🙂 עברית");
        assert_eq!(escape("x\u{7}y\u{FFFE}"), "xy");
        assert_eq!(escape("AT&T <b>"), "AT&amp;T <b>");
    }
}
