//! `newskg push`: sends a store's graphs to a remote SPARQL 1.1 Graph Store Protocol
//! endpoint. [`Remote`] talks to the endpoint; [`push_store`] sends every document graph
//! (HTTP PUT, so a pushed again document replaces its facts) and the shared entity graph.
//!
//! ```no_run
//! use newskg::{EntityMode, Remote, push_store};
//! let store = newskg::Store::open_read_only("newskg-store".as_ref())?;
//! let remote = Remote::new("http://127.0.0.1:7878/query", None, None)?;
//! let summary = push_store(&store, &remote, EntityMode::Replace)?;
//! println!("{} graphs, {} triples", summary.graphs, summary.triples);
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```

use std::io::Read;
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedNode, NamedNodeRef, TripleRef};

use crate::rdf::vocab::ENTITIES_GRAPH;
use crate::serve::protocol::encode;
use crate::{Error, Result, Store};

/// A remote endpoint: its SPARQL query URL and its Graph Store Protocol URL.
pub struct Remote {
    agent: ureq::Agent,
    endpoint: String,
    graph_store: String,
    authorization: Option<String>,
    retries: u32,
}

impl std::fmt::Debug for Remote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Remote")
            .field("endpoint", &self.endpoint)
            .field("graph_store", &self.graph_store)
            .field("retries", &self.retries)
            .finish_non_exhaustive()
    }
}

/// How the shared entity graph is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntityMode {
    /// PUT: the remote entity graph becomes exactly ours (pushing a whole store).
    Replace,
    /// POST: our descriptions are added to the remote ones (pushing some documents).
    Merge,
}

/// What a push sent.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Document graphs sent.
    pub documents: usize,
    /// Graphs sent (documents and the entity graph).
    pub graphs: usize,
    /// Triples sent.
    pub triples: usize,
    /// Requests retried after a network error or a 5xx answer.
    pub retried: usize,
}

impl Remote {
    /// A remote endpoint. `graph_store` defaults to `endpoint` with a last path segment
    /// `query` or `sparql` replaced by `store` (Oxigraph's layout), else `endpoint` itself.
    /// `auth` is `user:password` for HTTP Basic authentication.
    ///
    /// # Errors
    /// A URL that is not `http://` or `https://`, or `auth` without a colon.
    pub fn new(endpoint: &str, graph_store: Option<&str>, auth: Option<&str>) -> Result<Remote> {
        for (flag, url) in [
            ("--endpoint", Some(endpoint)),
            ("--graph-store", graph_store),
        ] {
            if let Some(url) = url {
                if !(url.starts_with("http://") || url.starts_with("https://")) {
                    return Err(Error::Usage(format!(
                        "{flag} {url}: not an http:// or https:// URL"
                    )));
                }
            }
        }
        let graph_store = graph_store.map_or_else(
            || {
                let trimmed = endpoint.split(['?', '#']).next().unwrap_or(endpoint);
                match trimmed.rsplit_once('/') {
                    Some((base, "query" | "sparql")) => format!("{base}/store"),
                    _ => trimmed.to_owned(),
                }
            },
            str::to_owned,
        );
        let authorization = auth
            .map(|a| {
                if a.contains(':') {
                    Ok(format!("Basic {}", base64(a.as_bytes())))
                } else {
                    Err(Error::Usage("--auth: want user:password".into()))
                }
            })
            .transpose()?;
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(300)))
            .timeout_connect(Some(Duration::from_secs(10)))
            .build()
            .into();
        Ok(Remote {
            agent,
            endpoint: endpoint.to_owned(),
            graph_store,
            authorization,
            retries: 3,
        })
    }

    /// How often a failed request is tried again (default 3), after 0.25 s, 0.5 s, 1 s ...
    #[must_use]
    pub fn with_retries(mut self, retries: u32) -> Self {
        self.retries = retries;
        self
    }

    /// The Graph Store Protocol URL in use.
    #[must_use]
    pub fn graph_store(&self) -> &str {
        &self.graph_store
    }

    fn graph_url(&self, graph: NamedNodeRef<'_>) -> String {
        let sep = if self.graph_store.contains('?') {
            '&'
        } else {
            '?'
        };
        format!("{}{sep}graph={}", self.graph_store, encode(graph.as_str()))
    }

    /// Sends one graph as N-Triples: PUT replaces the remote graph, POST adds to it. Returns
    /// how many retries it took.
    ///
    /// # Errors
    /// Authentication refused (401, 403), another 4xx, or network errors and 5xx answers
    /// past the retries; each names the URL and the server's message.
    pub fn send_graph(&self, graph: NamedNodeRef<'_>, ntriples: &[u8], put: bool) -> Result<usize> {
        let url = self.graph_url(graph);
        let method = if put { "PUT" } else { "POST" };
        self.request(&url, method, |agent| {
            let mut req = if put {
                agent.put(&url)
            } else {
                agent.post(&url)
            }
            .header("content-type", "application/n-triples");
            if let Some(a) = &self.authorization {
                req = req.header("authorization", a);
            }
            req.send(ntriples)
        })
        .map(|(retried, _)| retried)
    }

    /// Runs a SELECT query on the endpoint and returns the SPARQL JSON results.
    ///
    /// # Errors
    /// As [`Remote::send_graph`], or an answer that is not SPARQL JSON.
    pub fn select(&self, query: &str) -> Result<serde_json::Value> {
        let url = &self.endpoint;
        let (_, body) = self.request(url, "POST", |agent| {
            let mut req = agent
                .post(url)
                .header("content-type", "application/sparql-query")
                .header("accept", "application/sparql-results+json");
            if let Some(a) = &self.authorization {
                req = req.header("authorization", a);
            }
            req.send(query.as_bytes())
        })?;
        serde_json::from_slice(&body).map_err(|e| {
            Error::Output(format!("{url}: the answer is not SPARQL results JSON: {e}"))
        })
    }

    /// One request with retries on network errors, 408, 429 and 5xx.
    fn request(
        &self,
        url: &str,
        method: &str,
        send: impl Fn(
            &ureq::Agent,
        ) -> std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(usize, Vec<u8>)> {
        let mut attempt = 0;
        loop {
            let failure = match send(&self.agent) {
                Ok(mut response) => {
                    let status = response.status().as_u16();
                    let mut body = Vec::new();
                    let _ = response
                        .body_mut()
                        .as_reader()
                        .take(1 << 26)
                        .read_to_end(&mut body);
                    let message = || {
                        let text = String::from_utf8_lossy(&body);
                        let text = text.trim();
                        let short: String = text.chars().take(300).collect();
                        if short.is_empty() {
                            String::new()
                        } else {
                            format!(": {short}")
                        }
                    };
                    match status {
                        200..=299 => return Ok((attempt as usize, body)),
                        401 | 403 => {
                            return Err(Error::Usage(format!(
                                "{method} {url}: authentication refused (HTTP {status}){}; check --auth user:password",
                                message()
                            )));
                        }
                        408 | 429 | 500..=599 => format!("HTTP {status}{}", message()),
                        _ => {
                            return Err(Error::Usage(format!(
                                "{method} {url}: refused (HTTP {status}){}",
                                message()
                            )));
                        }
                    }
                }
                Err(e) => e.to_string(),
            };
            if attempt >= self.retries {
                return Err(Error::Usage(format!(
                    "{method} {url}: {failure} (after {} tries)",
                    attempt + 1
                )));
            }
            std::thread::sleep(Duration::from_millis(250 << attempt.min(6)));
            attempt += 1;
        }
    }
}

/// The triples of one graph of the store as N-Triples, and how many.
fn graph_ntriples(store: &Store, graph: NamedNodeRef<'_>) -> Result<(Vec<u8>, usize)> {
    use std::io::Write;
    let mut out = Vec::new();
    let mut n = 0;
    for q in
        store
            .oxigraph()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph)))
    {
        let q = q.map_err(Error::eval)?;
        writeln!(
            out,
            "{} .",
            TripleRef::new(&q.subject, &q.predicate, &q.object)
        )
        .map_err(Error::write)?;
        n += 1;
    }
    Ok((out, n))
}

/// Sends every document graph of `store` (PUT) and then the entity graph, reporting each
/// failure with the graph it concerns. Stops at the first graph that cannot be sent.
///
/// # Errors
/// Reading the store, or a graph the endpoint did not take (see [`Remote::send_graph`]).
pub fn push_store(store: &Store, remote: &Remote, entities: EntityMode) -> Result<Summary> {
    let mut summary = Summary::default();
    let docs = store.documents()?;
    let entities_graph = NamedNode::new_unchecked(ENTITIES_GRAPH);
    for g in docs.iter().chain(std::iter::once(&entities_graph)) {
        let is_entities = g == &entities_graph;
        let (body, n) = graph_ntriples(store, g.as_ref())?;
        let put = !is_entities || entities == EntityMode::Replace;
        summary.retried += remote
            .send_graph(g.as_ref(), &body, put)
            .map_err(|e| Error::Usage(format!("graph <{}>: {e}", g.as_str())))?;
        summary.graphs += 1;
        summary.triples += n;
        if !is_entities {
            summary.documents += 1;
        }
    }
    Ok(summary)
}

/// Counts the triples the endpoint holds in the named graphs of `store` (documents and
/// entities), in queries of 200 graphs each, to compare with what was sent.
///
/// # Errors
/// As [`Remote::select`].
pub fn remote_triples(store: &Store, remote: &Remote) -> Result<usize> {
    let mut graphs = store.documents()?;
    graphs.push(NamedNode::new_unchecked(ENTITIES_GRAPH));
    let mut total = 0;
    for chunk in graphs.chunks(200) {
        let values: Vec<String> = chunk.iter().map(|g| format!("<{}>", g.as_str())).collect();
        let q = format!(
            "SELECT (COUNT(*) AS ?n) WHERE {{ VALUES ?g {{ {} }} GRAPH ?g {{ ?s ?p ?o }} }}",
            values.join(" ")
        );
        let json = remote.select(&q)?;
        let n = json["results"]["bindings"][0]["n"]["value"]
            .as_str()
            .and_then(|v| v.parse::<usize>().ok())
            .ok_or_else(|| Error::Output(format!("{}: no count in the answer", remote.endpoint)))?;
        total += n;
    }
    Ok(total)
}

/// Standard base64 (RFC 4648, padded), for HTTP Basic authentication.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for i in 0..4 {
            if i <= c.len() {
                out.push(A[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("user:pass", "dXNlcjpwYXNz"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn graph_store_url_follows_the_endpoint() {
        let r = Remote::new("http://h:1/query", None, None).unwrap();
        assert_eq!(r.graph_store(), "http://h:1/store");
        let r = Remote::new("http://h:1/ds/sparql", None, None).unwrap();
        assert_eq!(r.graph_store(), "http://h:1/ds/store");
        let r = Remote::new("http://h:1/ds", Some("http://h:1/ds/data"), None).unwrap();
        assert_eq!(
            r.graph_url(NamedNodeRef::new_unchecked(
                "https://w3id.org/newskg/doc/a b"
            )),
            "http://h:1/ds/data?graph=https%3A%2F%2Fw3id.org%2Fnewskg%2Fdoc%2Fa%20b"
        );
        assert!(Remote::new("ftp://h/query", None, None).is_err());
        assert!(Remote::new("http://h/query", None, Some("nocolon")).is_err());
    }
}
