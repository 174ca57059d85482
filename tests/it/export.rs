//! `newskg export`: every view and filter of the example corpus through Graphviz, GraphML
//! through networkx, JSON through serde_json, and a property test that any label gives
//! valid DOT, SVG and GraphML.

use std::path::Path;
use std::process::{Command, Output};

use assert_cmd::cargo::cargo_bin_cmd;
use newskg::{DotOptions, Edge, GraphView, Node, to_dot, to_graphml};
use proptest::prelude::*;
use serde_json::Value;

use super::common::{cases, example_store, pipe, render_svg, shared_example_store};

fn export(store: &Path, args: &[&str]) -> Output {
    cargo_bin_cmd!("newskg")
        .arg("export")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap()
}

fn export_ok(store: &Path, args: &[&str]) -> Vec<u8> {
    let out = export(store, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `cmd` with `input` on stdin.
fn python_has(module: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Parses every document given with Python's xml.etree; the error text when one fails.
fn xml_errors(docs: &[&[u8]]) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec![
        "-c".to_owned(),
        "import sys, xml.etree.ElementTree as E\nfor f in sys.argv[1:]: E.parse(f)".to_owned(),
    ];
    for (i, d) in docs.iter().enumerate() {
        let p = dir.path().join(format!("{i}.xml"));
        std::fs::write(&p, d).unwrap();
        args.push(p.display().to_string());
    }
    let out = Command::new("python3").args(&args).output().unwrap();
    (!out.status.success()).then(|| String::from_utf8_lossy(&out.stderr).into_owned())
}

/// `newskg export --format dot ARGS` names the example people and Graphviz draws it without
/// a warning.
fn renders_with_graphviz(args: &[&str]) {
    let mut a = vec!["--format", "dot"];
    a.extend_from_slice(args);
    let dot_text = export_ok(shared_example_store(), &a);
    let text = String::from_utf8_lossy(&dot_text);
    assert!(
        text.contains("Vladimir Putin") || text.contains("Sergei Lavrov"),
        "{args:?}"
    );
    let svg = render_svg(&format!("{args:?}"), &dot_text);
    assert!(svg.contains("<svg"));
}

cases! { renders_with_graphviz;
    meetings_view_renders: (&["--view", "meetings"]),
    roles_view_renders: (&["--view", "roles"]),
    all_view_renders: (&["--view", "all"]),
    meetings_view_renders_clustered: (&["--view", "meetings", "--cluster"]),
    roles_view_renders_clustered: (&["--view", "roles", "--cluster"]),
    all_view_renders_clustered: (&["--view", "all", "--cluster"]),
    ego_network_of_two_hops_renders_clustered: (
        &["--view", "all", "--entity", "vladimir putin", "--depth", "2", "--cluster"]
    ),
    ego_network_by_surname_renders: (&["--entity", "Lavrov", "--depth", "1"]),
    relations_and_min_degree_render: (
        &["--view", "all", "--relation", "metWith,envoyOf", "--min-degree", "2"]
    ),
}

#[test]
fn cluster_groups_people_by_country() {
    let store = shared_example_store();
    // --cluster groups people by country: Putin and Lavrov share the Russia cluster.
    let text = String::from_utf8(export_ok(store, &["--view", "all", "--cluster"])).unwrap();
    let russia = text
        .split("subgraph ")
        .find(|s| s.contains("label=\"Russia\";"))
        .expect("a Russia cluster");
    let russia = &russia[..russia.find("    }").unwrap()];
    assert!(
        russia.contains("Vladimir Putin\\npresident of Russia"),
        "{russia}"
    );
    assert!(russia.contains("Sergei Lavrov"), "{russia}");
    assert!(text.contains("subgraph cluster_legend"));
}

/// Two exports of the same store in `format` are byte-identical and not empty.
fn byte_identical(format: &str, extra: &[&str]) {
    let store = shared_example_store();
    let mut args = vec!["--format", format];
    args.extend_from_slice(extra);
    let a = export_ok(store, &args);
    let b = export_ok(store, &args);
    assert!(!a.is_empty(), "{format}");
    assert_eq!(a, b, "{format}");
}

const ALL_CLUSTERED: &[&str] = &["--view", "all", "--cluster"];

cases! { byte_identical;
    dot_is_byte_identical: ("dot", ALL_CLUSTERED),
    graphml_is_byte_identical: ("graphml", ALL_CLUSTERED),
    json_is_byte_identical: ("json", ALL_CLUSTERED),
    turtle_is_byte_identical: ("turtle", ALL_CLUSTERED),
    ntriples_is_byte_identical: ("ntriples", ALL_CLUSTERED),
    nquads_is_byte_identical: ("nquads", ALL_CLUSTERED),
    trig_is_byte_identical: ("trig", ALL_CLUSTERED),
    rdfxml_is_byte_identical: ("rdfxml", ALL_CLUSTERED),
    jsonld_is_byte_identical: ("jsonld", ALL_CLUSTERED),
    builtin_svg_is_byte_identical: ("svg", &["--renderer", "builtin"]),
}

#[test]
fn json_has_nodes_and_links() {
    let store = shared_example_store();
    let v: Value = serde_json::from_slice(&export_ok(store, &["--format", "json"])).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    let links = v["links"].as_array().unwrap();
    // The example corpus: 36 people in 51 meeting pairs (see examples/EXPECTED.md): pairs
    // on different sides of a meeting, as many as the store's metWith pairs (people on one
    // side did not meet each other).
    assert_eq!((nodes.len(), links.len()), (36, 51));
    for n in nodes {
        for k in ["id", "label", "type", "aliases"] {
            assert!(!n[k].is_null(), "{k} in {n}");
        }
    }
    let ids: std::collections::BTreeSet<&str> =
        nodes.iter().map(|n| n["id"].as_str().unwrap()).collect();
    for l in links {
        assert!(ids.contains(l["source"].as_str().unwrap()));
        assert!(ids.contains(l["target"].as_str().unwrap()));
        assert_eq!(l["predicate"], "metWith");
        assert!(l["weight"].as_u64().unwrap() >= 1);
        assert!(!l["dates"].as_array().unwrap().is_empty());
    }
    let putin = nodes
        .iter()
        .find(|n| n["label"] == "Vladimir Putin")
        .unwrap();
    assert_eq!(putin["type"], "Person");
    assert!(
        putin["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Putin")
    );
}

#[test]
fn graphml_loads_in_networkx() {
    let store = shared_example_store();
    if !python_has("networkx") {
        eprintln!(
            "SKIPPED graphml_loads_in_networkx: python3 cannot import networkx (python3 -m pip install networkx, or NEWSKG_PY=1 scripts/bootstrap.sh)"
        );
        return;
    }
    let graphml = export_ok(store, &["--view", "all", "--format", "graphml"]);
    let json: Value =
        serde_json::from_slice(&export_ok(store, &["--view", "all", "--format", "json"])).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.graphml");
    std::fs::write(&path, &graphml).unwrap();
    let script = r#"
import sys, json, networkx as nx
g = nx.read_graphml(sys.argv[1])
putin = [n for n, d in g.nodes(data=True) if d.get("label") == "Vladimir Putin"][0]
witkoff = [n for n, d in g.nodes(data=True) if d.get("label") == "Steve Witkoff"][0]
data = g.get_edge_data(putin, witkoff)
if g.is_multigraph():
    data = [d for d in data.values() if d["predicate"] == "metWith"][0]
print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                  "predicate": data["predicate"], "dates": data["dates"], "weight": data["weight"],
                  "role": g.nodes[witkoff].get("role"), "type": g.nodes[putin]["type"]}))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(got["nodes"], json["nodes"].as_array().unwrap().len());
    assert_eq!(got["edges"], json["links"].as_array().unwrap().len());
    assert_eq!(got["predicate"], "metWith");
    assert_eq!(got["dates"], "2025-03-04");
    assert_eq!(got["weight"], 1);
    assert_eq!(got["type"], "Person");
    assert_eq!(got["role"], "envoy of United States");
}

#[test]
fn filters_narrow_the_graph() {
    let (dir, store) = example_store();
    // One more article whose meeting gives no day, for the date filter to drop.
    let undated = dir.path().join("undated.txt");
    std::fs::write(
        &undated,
        "Talks in Oslo\n\nMayor Ana Lindqvist met Governor Bo Stenberg in Oslo.\n",
    )
    .unwrap();
    let out = cargo_bin_cmd!("newskg")
        .args(["build", "--quiet", "--store"])
        .arg(&store)
        .arg(&undated)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let count = |args: &[&str]| {
        let mut a = vec!["--format", "json"];
        a.extend_from_slice(args);
        let v: Value = serde_json::from_slice(&export_ok(&store, &a)).unwrap();
        (
            v["nodes"].as_array().unwrap().len(),
            v["links"].as_array().unwrap().len(),
        )
    };
    // Putin's meetings: all on 2025-03-04 at the Kremlin, with four people.
    assert_eq!(count(&["--entity", "PUTIN", "--depth", "1"]), (5, 10));
    assert_eq!(
        count(&["--entity", "Vladimir Putin", "--depth", "0"]),
        (1, 0)
    );
    // Dates: March 2025 holds only the Kremlin meeting; undated meetings go.
    assert_eq!(
        count(&["--from", "2025-03-01", "--to", "2025-03-31"]),
        (5, 10)
    );
    let all = count(&[]);
    let dated = count(&["--from", "2000-01-01"]);
    assert!(
        dated.1 < all.1,
        "undated meetings are dropped: {dated:?} {all:?}"
    );
    // Khan (adviser to the secretary-general) and Amorim (Lula’s adviser) among them.
    assert_eq!(count(&["--view", "all", "--relation", "aideTo"]).1, 7);
    let (n2, _) = count(&["--min-degree", "3"]);
    assert!(n2 > 0 && n2 < all.0);
    let out = export(&store, &["--entity", "Nobody Atall"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Nobody Atall"));
    assert!(out.stdout.is_empty());
    let out = export(&store, &["--from", "March"]);
    assert_eq!(out.status.code(), Some(2));
    let out = export(&store, &["--relation", "metwith"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_user_query_is_drawn_with_labels() {
    let store = shared_example_store();
    let q = "PREFIX nkg: <https://w3id.org/newskg#> CONSTRUCT { ?a nkg:deputyOf ?b . ?b nkg:memberOf ?c } WHERE { ?a nkg:deputyOf ?b . OPTIONAL { ?b nkg:memberOf ?c } }";
    let dot_text = export_ok(store, &["--query", q, "--format", "dot"]);
    let text = String::from_utf8_lossy(&dot_text);
    assert!(text.contains("label=\"Sergei Ryabkov"), "{text}");
    assert!(text.contains("deputyOf"), "{text}");
    render_svg("query", &dot_text);
    let sel = "SELECT ?s ?p ?o WHERE { ?s <https://w3id.org/newskg#leaderOf> ?o BIND(<https://w3id.org/newskg#leaderOf> AS ?p) }";
    let v: Value =
        serde_json::from_slice(&export_ok(store, &["--query", sel, "--format", "json"])).unwrap();
    assert!(!v["links"].as_array().unwrap().is_empty());
    let out = export(store, &["--query", "ASK { ?s ?p ?o }"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn builtin_svg_is_well_formed() {
    let store = shared_example_store();
    let svg = export_ok(
        store,
        &["--view", "all", "--format", "svg", "--renderer", "builtin"],
    );
    assert!(String::from_utf8_lossy(&svg).contains("Vladimir Putin"));
    let png = export(store, &["--format", "png", "--renderer", "builtin"]);
    assert_eq!(png.status.code(), Some(2));
    if python_has("xml.etree") {
        assert_eq!(xml_errors(&[&svg]), None);
    }
}

/// A two-node, one-edge view with the given labels.
fn tiny_view(a: &str, b: &str, alias: &str, role: &str) -> GraphView {
    let mut view = GraphView {
        title: a.to_owned(),
        ..GraphView::default()
    };
    let node = |iri: &str, label: &str, kind: &str| Node {
        iri: iri.to_owned(),
        label: label.to_owned(),
        kind: kind.to_owned(),
        aliases: vec![alias.to_owned()],
        role: Some(role.to_owned()),
        group: Some(b.to_owned()),
    };
    let x = view
        .graph
        .add_node(node("https://w3id.org/newskg/id/a", a, "Person"));
    let y = view
        .graph
        .add_node(node("https://w3id.org/newskg/id/b", b, "Organization"));
    let z = view.graph.add_node(node("_:c", b, "Place"));
    view.graph.add_edge(
        x,
        y,
        Edge {
            predicate: "metWith".into(),
            meetings: [("m1".to_owned(), Some(role.to_owned()))].into(),
            directed: false,
            corrected: vec![format!("meeting corrected by {alias}: {role}")],
        },
    );
    view.graph.add_edge(
        y,
        z,
        Edge {
            predicate: alias.to_owned(),
            meetings: Default::default(),
            directed: true,
            corrected: vec![format!("asserted by {a}: {b}")],
        },
    );
    view
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Any label gives DOT that Graphviz renders silently into well-formed SVG, and
    /// well-formed GraphML.
    #[test]
    fn any_label_gives_valid_dot_svg_and_graphml(
        a in prop_oneof![
            "\\PC{0,40}",
            "[\"\\\\\n\r<>&;'{}\\[\\]=#@%\u{202e}\u{200f}\u{1}\u{7f}]{0,12}",
            Just("\\N \\G \\l \\ &lt; &amp &#0; &#x1; <b>x</b> עברית العربية 🙂👨‍👩‍👧".to_owned()),
        ],
        b in "\\PC{0,20}|[\\\\\"&<]{1,6}",
        alias in "\\PC{0,12}",
        role in "[\\\\\"\n a-z&]{0,12}",
    ) {
        let view = tiny_view(&a, &b, &alias, &role);
        for cluster in [false, true] {
            let dot_text = to_dot(&view, &DotOptions::default().with_cluster(cluster));
            let out = pipe(Command::new("dot").arg("-Tsvg"), dot_text.as_bytes());
            prop_assert!(
                out.status.success() && out.stderr.is_empty(),
                "dot: {}\n{}", String::from_utf8_lossy(&out.stderr), dot_text
            );
            let graphml = to_graphml(&view);
            let svg_builtin = newskg::to_svg(&view);
            let errors = xml_errors(&[&out.stdout, graphml.as_bytes(), svg_builtin.as_bytes()]);
            prop_assert!(errors.is_none(), "{errors:?}\n{dot_text}\n{graphml}");
        }
    }
}
