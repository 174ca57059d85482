//! The web page's files, embedded in the binary so the page works offline, and the
//! vocabulary table the page reads its predicates from.

use std::sync::OnceLock;

use serde_json::json;

use crate::model::Predicate;
use crate::rdf::vocab;

/// `(path, content type, bytes)` of every file the page loads.
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../web/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../../web/app.css"),
    ),
    (
        "/vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../web/vendor/cytoscape.min.js"),
    ),
    (
        "/vendor/codemirror.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../web/vendor/codemirror.js"),
    ),
    (
        "/vendor/codemirror.css",
        "text/css; charset=utf-8",
        include_bytes!("../../web/vendor/codemirror.css"),
    ),
    (
        "/vendor/sparql.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../../web/vendor/sparql.js"),
    ),
];

/// Where the page reads the vocabulary table.
pub const VOCABULARY: &str = "/vocabulary.json";

/// The content type and bytes of the file at `path` (`/index.html` is `/`).
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    let path = if path == "/index.html" { "/" } else { path };
    if path == VOCABULARY {
        return Some(("application/json", vocabulary()));
    }
    ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, t, b)| (*t, *b))
}

/// The vocabulary table ([`Predicate::info`]) as JSON, so the page lists no predicate of its
/// own: `{"namespace": "https://w3id.org/newskg#", "predicates": [{"name": "envoyOf", "iri":
/// ..., "label": "envoy of", "symmetric": false, "role": true, "roleRank": 1}, ...]}` in
/// [`Predicate::ALL`] order; `role` marks the predicates of the roles view.
fn vocabulary() -> &'static [u8] {
    static JSON: OnceLock<Vec<u8>> = OnceLock::new();
    JSON.get_or_init(|| {
        let predicates: Vec<_> = Predicate::ALL
            .iter()
            .map(|p| {
                let info = p.info();
                json!({
                    "name": p.local_name(),
                    "iri": p.iri().as_str(),
                    "label": p.label(),
                    "symmetric": info.symmetric,
                    "role": info.role_view,
                    "roleRank": info.role_rank,
                })
            })
            .collect();
        serde_json::to_vec_pretty(&json!({ "namespace": vocab::NKG, "predicates": predicates }))
            .expect("JSON of strings and numbers")
    })
}
