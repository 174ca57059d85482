//! The web page's files, embedded in the binary so the page works offline.

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

/// The content type and bytes of the file at `path` (`/index.html` is `/`).
pub fn asset(path: &str) -> Option<(&'static str, &'static [u8])> {
    let path = if path == "/index.html" { "/" } else { path };
    ASSETS
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, t, b)| (*t, *b))
}
