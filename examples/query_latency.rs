//! Query latency on a built store: opens it once, then times the same SPARQL query many
//! times in process (no start-up cost), results fully read, and prints p50/p95/max.
//!
//! ```sh
//! cargo run --release --example query_latency -- STORE_DIR [RUNS] [--naive]
//! ```
//!
//! Two questions, with the union of all documents as default graph as `newskg query` does:
//! everyone who met a person (through meetings), and all envoys of a person; each asked in two
//! shapes. `naive` joins on labels directly, as the README examples do: every document restates
//! an entity's label and facts in its own graph, so over the union each join multiplies by the
//! number of documents mentioning both sides before `DISTINCT` removes the copies. `dedup`
//! makes each step `DISTINCT` first and fetches labels last. `iri` is `dedup` with the person's
//! IRI (entity IRIs are the slug of the name, `id:person/vladimir-putin`) instead of a label
//! lookup, which lets the store start from the person's index range. A case stops after RUNS runs or
//! ten seconds, whichever comes first (at least five runs); `naive` runs only with `--naive`,
//! as one run takes seconds on 1,000 articles and grows with the square of the corpus.

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result};
use newskg::{Store, slug};

const MET: &str = r#"PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?who WHERE {
  ?p rdfs:label "NAME" .
  ?m nkg:participant ?p, ?o .
  ?o rdfs:label ?who . FILTER(?o != ?p) }"#;

const MET_DEDUP: &str = r#"PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?o (SAMPLE(?l) AS ?who) WHERE {
  { SELECT DISTINCT ?o WHERE {
      { SELECT DISTINCT ?p WHERE { ?p rdfs:label "NAME" } }
      ?m nkg:participant ?p, ?o . FILTER(?o != ?p) } }
  ?o rdfs:label ?l } GROUP BY ?o"#;

const ENVOYS_DEDUP: &str = r#"PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e (SAMPLE(?l) AS ?envoy) WHERE {
  { SELECT DISTINCT ?e WHERE {
      { SELECT DISTINCT ?y WHERE { ?y rdfs:label "NAME" } }
      ?e nkg:envoyOf ?y } }
  ?e rdfs:label ?l } GROUP BY ?e"#;

const MET_IRI: &str = r#"PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?o (SAMPLE(?l) AS ?who) WHERE {
  { SELECT DISTINCT ?o WHERE { ?m nkg:participant <NAME>, ?o . FILTER(?o != <NAME>) } }
  ?o rdfs:label ?l } GROUP BY ?o"#;

const ENVOYS_IRI: &str = r#"PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?e (SAMPLE(?l) AS ?envoy) WHERE {
  { SELECT DISTINCT ?e WHERE { ?e nkg:envoyOf <NAME> } }
  ?e rdfs:label ?l } GROUP BY ?e"#;

const ENVOYS: &str = r#"PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?envoy WHERE {
  ?y rdfs:label "NAME" .
  ?e nkg:envoyOf ?y ; rdfs:label ?envoy }"#;

fn main() -> Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let naive = args.iter().any(|a| a == "--naive");
    args.retain(|a| a != "--naive");
    let dir = args
        .first()
        .context("usage: query_latency STORE_DIR [RUNS] [--naive]")?;
    let runs: usize = args.get(1).map_or(Ok(200), |r| r.parse())?;
    let store = Store::open_existing(Path::new(&dir))?;
    let iri = |name: &str| format!("https://w3id.org/newskg/id/person/{}", slug(name));
    let mut cases = Vec::new();
    for (shape, met, envoys) in [
        ("iri", MET_IRI, ENVOYS_IRI),
        ("dedup", MET_DEDUP, ENVOYS_DEDUP),
        ("naive", MET, ENVOYS),
    ] {
        if shape == "naive" && !naive {
            continue;
        }
        let key = |name: &str| {
            if shape == "iri" {
                iri(name)
            } else {
                name.to_owned()
            }
        };
        for who in ["Vladimir Putin", "Anna Halvorsen"] {
            cases.push((format!("{shape} met {who}"), met.replace("NAME", &key(who))));
        }
        for whom in ["Donald Trump", "Vladimir Putin"] {
            cases.push((
                format!("{shape} envoys of {whom}"),
                envoys.replace("NAME", &key(whom)),
            ));
        }
    }
    println!("query\trows\truns\tp50_ms\tp95_ms\tmax_ms");
    for (name, q) in &cases {
        let rows = run(&store, q)?;
        // Warm the block cache like a long-running server would be.
        run(&store, q)?;
        let started = Instant::now();
        let mut ms: Vec<f64> = Vec::with_capacity(runs);
        while ms.len() < runs && (ms.len() < 5 || started.elapsed().as_secs() < 10) {
            let t = Instant::now();
            run(&store, q)?;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
        }
        ms.sort_by(f64::total_cmp);
        let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
        println!(
            "{name}\t{rows}\t{}\t{:.3}\t{:.3}\t{:.3}",
            ms.len(),
            at(0.5),
            at(0.95),
            ms[ms.len() - 1]
        );
    }
    Ok(())
}

/// Runs a SELECT and reads every row; returns the row count.
fn run(store: &Store, q: &str) -> Result<usize> {
    match store.query(q)? {
        oxigraph::sparql::QueryResults::Solutions(s) => {
            let mut n = 0;
            for row in s {
                row?;
                n += 1;
            }
            Ok(n)
        }
        _ => Ok(0),
    }
}
