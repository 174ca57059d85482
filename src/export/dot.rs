//! Graphviz DOT from a [`GraphView`], written with petgraph's `Dot`.
//!
//! Labels are escaped here (petgraph does not escape attribute text), so any name —
//! quotes, backslashes, newlines, emoji, right-to-left script — gives valid DOT.

use petgraph::dot::{Config, Dot};

use super::GraphView;

/// Escapes text for a double-quoted DOT string.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn style(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "Person" => ("ellipse", "#dbeafe"),
        "Organization" => ("box", "#fde68a"),
        _ => ("hexagon", "#d1fae5"),
    }
}

/// The view as DOT text: people as ellipses, organisations as boxes, places as hexagons;
/// meeting edges labelled with their dates, role edges with the relation.
#[must_use]
pub fn to_dot(view: &GraphView) -> String {
    let g = &view.graph;
    let node_attrs = |_: &_, (_, n): (petgraph::graph::NodeIndex, &super::Node)| {
        let (shape, fill) = style(&n.kind);
        let tip = if n.aliases.is_empty() {
            n.label.clone()
        } else {
            format!("{} (also: {})", n.label, n.aliases.join(", "))
        };
        format!(
            "label=\"{}\" shape={shape} style=filled fillcolor=\"{fill}\" tooltip=\"{}\"",
            escape(&n.label),
            escape(&tip)
        )
    };
    let edge_attrs = |_: &_, e: petgraph::graph::EdgeReference<'_, super::Edge>| {
        let e = e.weight();
        if e.predicate == "metWith" {
            let n = e.dates.len();
            let dates: Vec<&str> = e.dates.iter().map(String::as_str).collect();
            let label = if n > 3 {
                format!("{} meetings, {} – {}", n, dates[0], dates[n - 1])
            } else {
                dates.join(", ")
            };
            format!(
                "label=\"{}\" penwidth={} color=\"#1d4ed8\" dir=none",
                escape(&label),
                1 + n.min(5)
            )
        } else {
            format!(
                "label=\"{}\" style=dashed color=\"#6b7280\" fontcolor=\"#6b7280\"{}",
                escape(&e.predicate),
                if e.directed {
                    " dir=forward"
                } else {
                    " dir=none"
                }
            )
        }
    };
    let dot = Dot::with_attr_getters(
        g,
        &[
            Config::EdgeNoLabel,
            Config::NodeNoLabel,
            Config::GraphContentOnly,
        ],
        &edge_attrs,
        &node_attrs,
    );
    let body = format!("{dot:?}");
    // petgraph writes an undirected graph with `--`; keep that and set layout defaults.
    format!(
        "graph newskg {{\n    graph [overlap=false splines=true fontname=\"Helvetica\" label=\"newskg: who met whom\" labelloc=t];\n    node [fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\" fontsize=10];\n{body}}}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_table() {
        assert_eq!(escape("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(escape("Erdoğan 🙂 עברית"), "Erdoğan 🙂 עברית");
        assert_eq!(escape("x\u{7}y"), "xy");
    }
}
