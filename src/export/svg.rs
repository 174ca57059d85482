//! SVG without Graphviz: [`to_svg`] lays a [`GraphView`] out with the pure-Rust
//! [`layout`](https://docs.rs/layout-rs) crate (a layered, `dot`-like layout).
//!
//! It is the fallback when Graphviz `dot` is not installed: no clusters, no legend, no
//! tooltips, simpler shapes (people in rounded boxes, organisations in boxes, places in
//! circles). Graphviz draws better; the command line prefers it when it is on `PATH`.

use layout::backends::svg::SVGWriter;
use layout::core::base::Orientation;
use layout::core::color::Color;
use layout::core::style::{LineStyleKind, StyleAttr};
use layout::std_shapes::render::get_shape_size;
use layout::std_shapes::shapes::{Arrow, Element, LineEndKind, ShapeKind};
use layout::topo::layout::VisualGraph;
use petgraph::visit::EdgeRef;

use super::GraphView;
use super::dot::{edge_label, node_label, style, xml_char};

/// One font size: the SVG writer emits one CSS class per size from a hash map, in an order
/// that changes from run to run.
const FONT: usize = 12;

/// Keeps what the SVG writer can carry: newlines, and characters XML allows (it escapes
/// markup itself).
fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\n' || (xml_char(c) && !c.is_control()))
        .collect()
}

/// The view as an SVG document.
#[must_use]
pub fn to_svg(view: &GraphView) -> String {
    let g = &view.graph;
    if g.node_count() == 0 {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"40\"><text x=\"10\" y=\"25\" font-family=\"Helvetica\" font-size=\"14\">(empty graph)</text></svg>\n".into();
    }
    let dir = Orientation::LeftToRight;
    let mut vg = VisualGraph::new(dir);
    let handles: Vec<_> = g
        .node_weights()
        .map(|n| {
            let text = clean(&node_label(n));
            let shape = match n.kind.as_str() {
                "Place" => ShapeKind::new_circle(&text),
                _ => ShapeKind::new_box(&text),
            };
            let (_, fill) = style(&n.kind);
            let look = StyleAttr::new(
                Color::fast("#4b5563"),
                1,
                Color::from_name(fill),
                if n.kind == "Person" { 12 } else { 0 },
                FONT,
            );
            let size = get_shape_size(dir, &shape, look.font_size, false);
            vg.add_node(Element::create(shape, look, dir, size))
        })
        .collect();
    for e in g.edge_references() {
        let w = e.weight();
        let met = !w.meetings.is_empty();
        let look = StyleAttr::new(
            Color::fast(if met { "#1d4ed8" } else { "#6b7280" }),
            if met { 1 + w.weight().min(4) } else { 1 },
            None,
            0,
            FONT,
        );
        let arrow = Arrow::new(
            LineEndKind::None,
            if w.directed {
                LineEndKind::Arrow
            } else {
                LineEndKind::None
            },
            if met {
                LineStyleKind::Normal
            } else {
                LineStyleKind::Dashed
            },
            &clean(&edge_label(w).replace('\n', ", ")),
            &look,
            &None,
            &None,
        );
        vg.add_edge(
            arrow,
            handles[e.source().index()],
            handles[e.target().index()],
        );
    }
    let mut svg = SVGWriter::new();
    vg.do_it(false, false, false, &mut svg);
    let mut out = sorted_style(&svg.finalize());
    out.push('\n');
    out
}

/// The renderer writes its font classes from a hash map, in a different order each run: sort
/// the lines of the `<style>` block so the same graph gives the same bytes.
fn sorted_style(svg: &str) -> String {
    let (Some(open), Some(close)) = (svg.find("<style>"), svg.find("</style>")) else {
        return svg.to_owned();
    };
    let body = &svg[open + "<style>".len()..close];
    let mut lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    lines.sort_unstable();
    format!(
        "{}<style>\n{}\n{}",
        &svg[..open],
        lines.join("\n"),
        &svg[close..]
    )
}
