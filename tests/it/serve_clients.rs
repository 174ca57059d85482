//! `newskg serve` through the Python SPARQL clients analysts use: SPARQLWrapper (SELECT as
//! SPARQL results JSON, CONSTRUCT as an rdflib graph) and rdflib's `SPARQLStore`, compared
//! with `newskg query` on the same store. Real server on a free loopback port, real clients
//! (installed by `scripts/bootstrap.sh`).

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_newskg");

const WHO_MET_PUTIN: &str = "PREFIX nkg: <https://w3id.org/newskg#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?who WHERE { ?m a nkg:Meeting ; nkg:participant ?p, ?o . ?p rdfs:label \"Vladimir Putin\" . ?o rdfs:label ?who . FILTER(?o != ?p) } ORDER BY ?who";

const CLIENTS: &str = r#"
import json, sys
from SPARQLWrapper import SPARQLWrapper, JSON, TURTLE
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
endpoint, query = sys.argv[1], sys.argv[2]
w = SPARQLWrapper(endpoint)
w.setQuery(query)
w.setReturnFormat(JSON)
wrapper_rows = [b["who"]["value"] for b in w.query().convert()["results"]["bindings"]]
c = SPARQLWrapper(endpoint)
c.setQuery("CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?s a <https://w3id.org/newskg#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
c.setReturnFormat(TURTLE)
g = Graph()
g.parse(data=c.query().convert(), format="turtle")
store = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
store_rows = [str(r[0]) for r in store.query(query)]
print(json.dumps({"wrapper": wrapper_rows, "construct_labels": sorted(str(o) for o in g.objects()), "sparqlstore": store_rows}))
"#;

fn local_column(store: &Path, q: &str, var: &str) -> Vec<String> {
    let out = Command::new(BIN)
        .args(["query", "--format", "json", "--store"])
        .arg(store)
        .arg(q)
        .output()
        .expect("runs newskg query");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| b[var]["value"].as_str().expect("a value").to_owned())
        .collect()
}

#[test]
fn sparqlwrapper_and_rdflib_sparqlstore_read_what_newskg_query_reads() {
    let dir = tempfile::tempdir().expect("tmp");
    let store = dir.path().join("store");
    let built = Command::new(BIN)
        .args(["build", "--quiet", "--store"])
        .arg(&store)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles"))
        .status()
        .expect("runs newskg build");
    assert!(built.success());
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let mut server = Command::new(BIN)
        .args(["serve", "--quiet", "--store"])
        .arg(&store)
        .args(["--bind", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("starts newskg serve");
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "serve does not listen"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = Command::new("python3")
        .args([
            "-c",
            CLIENTS,
            &format!("http://127.0.0.1:{port}/query"),
            WHO_MET_PUTIN,
        ])
        .output()
        .expect("runs python3");
    let _ = server.kill();
    let _ = server.wait();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let strings = |k: &str| -> Vec<String> {
        got[k]
            .as_array()
            .expect("a list")
            .iter()
            .map(|s| s.as_str().expect("a string").to_owned())
            .collect()
    };
    let want = local_column(&store, WHO_MET_PUTIN, "who");
    assert!(want.contains(&"Steve Witkoff".to_owned()), "{want:?}");
    assert_eq!(strings("wrapper"), want);
    assert_eq!(strings("sparqlstore"), want);
    let mut labels = local_column(
        &store,
        "SELECT DISTINCT ?l WHERE { ?s a <https://w3id.org/newskg#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        "l",
    );
    labels.sort();
    let mut construct = strings("construct_labels");
    construct.dedup();
    assert_eq!(construct, labels);
}
