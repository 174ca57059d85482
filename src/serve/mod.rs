//! `newskg serve`: the store over HTTP. [`Service`] answers one request (SPARQL 1.1 Protocol
//! on `/query` and `/update`, the web page on `/`); [`serve`] runs it on a socket until
//! SIGINT or SIGTERM.
//!
//! ```no_run
//! use newskg::{ServeOptions, serve};
//! let store = newskg::Store::open_read_only("newskg-store".as_ref())?;
//! serve(store, ServeOptions::default())?; // http://127.0.0.1:7878/
//! # Ok::<_, Box<dyn std::error::Error>>(())
//! ```
//!
//! Each query runs on its own thread under a deadline: at the deadline its cancellation token
//! is set and the client gets 503, whether or not the evaluation has noticed yet, so a slow
//! query never holds the server.

mod log;
mod operation;
pub mod protocol;
mod results;
mod web;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use oxhttp::Server;
use oxhttp::model::header::{ACCEPT, ALLOW, CONTENT_TYPE, HeaderValue};
use oxhttp::model::{Body, Method, Request, Response, StatusCode};
use oxigraph::model::{GraphName, NamedNode, NamedOrBlankNode};
use oxigraph::sparql::{CancellationToken, QueryEvaluationError, SparqlEvaluator};
use spargebra::Query;

use crate::{Error, Result, Store};
use log::log_line;
use protocol::{ResultKind, negotiate};
use results::{Failure, named_nodes, write_results};

/// How the server runs.
#[derive(Clone, Debug)]
pub struct Options {
    /// Socket address to listen on (default `127.0.0.1:7878`, loopback only).
    pub bind: SocketAddr,
    /// Longest a query may run before the client gets 503 (default 30 s).
    pub timeout: Duration,
    /// Most solutions or triples one query may return (default 100,000); more is 422.
    pub max_results: usize,
    /// Largest request body in bytes (default 1 MiB); more is 413.
    pub max_body: usize,
    /// Accept SPARQL updates on `/update` (default: refused with 403).
    pub writable: bool,
    /// Most connections served at once (one thread each; default 64).
    pub max_connections: usize,
    /// Write one access log line per request to stderr (default true).
    pub access_log: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            timeout: Duration::from_secs(30),
            max_results: 100_000,
            max_body: 1 << 20,
            writable: false,
            max_connections: 64,
            access_log: true,
        }
    }
}

/// Answers HTTP requests on a store. Cheap to share between threads.
pub struct Service {
    store: oxigraph::store::Store,
    options: Options,
    in_flight: AtomicUsize,
    stopping: AtomicBool,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service")
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// A response before it becomes an HTTP one.
type Reply = Response<Body>;

fn reply(status: StatusCode, content_type: &str, body: impl Into<Body>) -> Reply {
    Response::builder()
        .status(status)
        .header(CONTENT_TYPE, content_type)
        .body(body.into())
        .expect("static headers are valid")
}

fn text(status: StatusCode, message: impl Into<String>) -> Reply {
    let mut m = message.into();
    m.push('\n');
    reply(status, "text/plain; charset=utf-8", m)
}

/// The query or update of a request, with its dataset parameters.
struct Operation {
    text: String,
    update: bool,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

impl Service {
    /// A service on a store.
    #[must_use]
    pub fn new(store: &Store, options: Options) -> Service {
        Service {
            store: store.oxigraph().clone(),
            options,
            in_flight: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
        }
    }

    /// Answers one request. Never panics: a panic inside becomes a 500.
    pub fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let started = Instant::now();
        self.in_flight.fetch_add(1, Ordering::SeqCst);
        let mut response = if self.stopping.load(Ordering::SeqCst) {
            let mut r = text(
                StatusCode::SERVICE_UNAVAILABLE,
                "the server is shutting down",
            );
            r.headers_mut()
                .insert("connection", HeaderValue::from_static("close"));
            r
        } else {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.route(request)))
                .unwrap_or_else(|_| {
                    text(
                        StatusCode::INTERNAL_SERVER_ERROR,
                        "internal error while answering this request",
                    )
                })
        };
        let h = response.headers_mut();
        h.insert("access-control-allow-origin", HeaderValue::from_static("*"));
        h.insert(
            "access-control-expose-headers",
            HeaderValue::from_static("content-type, content-length"),
        );
        h.insert(
            "x-content-type-options",
            HeaderValue::from_static("nosniff"),
        );
        if self.options.access_log {
            log_line(request, &response, started);
        }
        self.in_flight.fetch_sub(1, Ordering::SeqCst);
        response
    }

    fn route(&self, request: &mut Request<Body>) -> Reply {
        let path = request.uri().path().to_owned();
        let method = request.method().clone();
        if method == Method::OPTIONS {
            return self.preflight(&path);
        }
        match path.as_str() {
            "/query" | "/update" => {
                if method != Method::GET && method != Method::POST {
                    return not_allowed(if path == "/query" {
                        "GET, POST, OPTIONS"
                    } else {
                        "POST, OPTIONS"
                    });
                }
                let op = match self.operation(request, path == "/update") {
                    Ok(op) => op,
                    Err(r) => return *r,
                };
                if op.update {
                    self.update(&op)
                } else {
                    self.query(request, op)
                }
            }
            _ => {
                if method != Method::GET && method != Method::HEAD {
                    return not_allowed("GET, HEAD, OPTIONS");
                }
                match web::asset(&path) {
                    Some((content_type, bytes)) => {
                        let mut r = reply(StatusCode::OK, content_type, bytes);
                        r.headers_mut().insert(
                            "content-security-policy",
                            HeaderValue::from_static(
                                "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
                            ),
                        );
                        r.headers_mut()
                            .insert("cache-control", HeaderValue::from_static("no-cache"));
                        if method == Method::HEAD {
                            *r.body_mut() = Body::empty();
                        }
                        r
                    }
                    None => text(
                        StatusCode::NOT_FOUND,
                        format!("{path}: not found (SPARQL is on /query, the web page on /)"),
                    ),
                }
            }
        }
    }

    fn preflight(&self, path: &str) -> Reply {
        let methods = match path {
            "/query" => "GET, POST, OPTIONS",
            "/update" => "POST, OPTIONS",
            _ => "GET, HEAD, OPTIONS",
        };
        let mut r = reply(StatusCode::NO_CONTENT, "text/plain", Body::empty());
        let h = r.headers_mut();
        h.insert(ALLOW, HeaderValue::from_static(methods));
        // No Access-Control-Allow-Methods: oxhttp 0.3 drops that header from responses, and
        // none is needed: GET, HEAD and POST (all we take) are CORS-safelisted methods. What a
        // POST with `Content-Type: application/sparql-query` needs is Access-Control-Allow-
        // Headers naming Content-Type (and Accept, so any Accept value passes).
        h.insert(
            "access-control-allow-headers",
            HeaderValue::from_static("content-type, accept, authorization"),
        );
        h.insert("access-control-max-age", HeaderValue::from_static("86400"));
        r
    }

    fn update(&self, op: &Operation) -> Reply {
        if !self.options.writable {
            return text(
                StatusCode::FORBIDDEN,
                "this endpoint is read-only: updates are refused (start `newskg serve --writable` to allow them)",
            );
        }
        if !op.default_graphs.is_empty() || !op.named_graphs.is_empty() {
            return text(
                StatusCode::BAD_REQUEST,
                "using-graph-uri and using-named-graph-uri are not supported: write USING in the update",
            );
        }
        // On a big stack, as queries are (parsing recurses along the update's algebra).
        let (store, update) = (self.store.clone(), op.text.clone());
        let done = crate::sparql::on_big_stack(move || {
            let prepared = SparqlEvaluator::new()
                .parse_update(&update)
                .map_err(|e| (StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}")))?;
            prepared.on_store(&store).execute().map_err(|e| {
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    format!("update failed: {e}"),
                )
            })
        });
        match done {
            Some(Ok(())) => reply(StatusCode::NO_CONTENT, "text/plain", Body::empty()),
            Some(Err((status, message))) => text(status, message),
            None => text(
                StatusCode::SERVICE_UNAVAILABLE,
                "cannot start a thread for this update",
            ),
        }
    }

    fn query(&self, request: &Request<Body>, op: Operation) -> Reply {
        // Parsing, evaluating and dropping a query recurse along its algebra (a chain of
        // 50,000 UNIONs overflows a 2 MiB stack), so all of it runs on one big-stack thread.
        // It parses and sends back the kind of result; this thread picks the format (or 406)
        // and sends it, with the dataset, for evaluation.
        let (kind_tx, kind_rx) = mpsc::channel::<std::result::Result<ResultKind, String>>();
        let (go_tx, go_rx) =
            mpsc::channel::<(protocol::Negotiated, Vec<NamedNode>, Vec<NamedNode>)>();
        let (tx, rx) = mpsc::channel();
        let token = CancellationToken::new();
        let cancel = token.clone();
        let store = self.store.clone();
        let max = self.options.max_results;
        let text_of = op.text;
        let worker = std::thread::Builder::new()
            .name("newskg query".into())
            .stack_size(crate::sparql::BIG_STACK)
            .spawn(move || {
                let query = match spargebra::SparqlParser::new().parse_query(&text_of) {
                    Ok(q) => q,
                    Err(e) => {
                        let _ = kind_tx.send(Err(e.to_string()));
                        return;
                    }
                };
                let kind = match query {
                    Query::Select { .. } | Query::Ask { .. } => ResultKind::Solutions,
                    Query::Construct { .. } | Query::Describe { .. } => ResultKind::Graph,
                };
                if kind_tx.send(Ok(kind)).is_err() {
                    return;
                }
                // No format (406) or a bad dataset: the sender is dropped, nothing to run.
                let Ok((format, default, named)) = go_rx.recv() else {
                    return;
                };
                let mut prepared = SparqlEvaluator::new()
                    .with_cancellation_token(cancel)
                    .for_query(query);
                if default.is_empty() {
                    // The protocol's dataset overrides FROM; without one, FROM wins, else the
                    // union.
                    if prepared.dataset().is_default_dataset() {
                        prepared.dataset_mut().set_default_graph_as_union();
                    }
                } else {
                    prepared
                        .dataset_mut()
                        .set_default_graph(default.into_iter().map(GraphName::NamedNode).collect());
                }
                if !named.is_empty() {
                    prepared.dataset_mut().set_available_named_graphs(
                        named.into_iter().map(NamedOrBlankNode::NamedNode).collect(),
                    );
                }
                let out = prepared
                    .on_store(&store)
                    .execute()
                    .map_err(Failure::Eval)
                    .and_then(|r| write_results(r, format, max));
                let _ = tx.send(out);
            });
        if let Err(e) = worker {
            return text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("cannot start a query thread: {e}"),
            );
        }
        let kind = match kind_rx.recv() {
            Ok(Ok(kind)) => kind,
            Ok(Err(e)) => {
                return text(StatusCode::BAD_REQUEST, format!("SPARQL syntax error: {e}"));
            }
            Err(_) => {
                return text(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "internal error while parsing this query",
                );
            }
        };
        let accept = request
            .headers()
            .get(ACCEPT)
            .map(|v| v.to_str().unwrap_or("\u{0}"));
        let Some(format) = negotiate(accept, kind) else {
            return text(
                StatusCode::NOT_ACCEPTABLE,
                format!(
                    "no acceptable format for Accept: {}; this query can give {}",
                    accept.unwrap_or_default(),
                    protocol::offered(kind)
                ),
            );
        };
        let dataset = match named_nodes(&op.default_graphs)
            .and_then(|d| Ok((d, named_nodes(&op.named_graphs)?)))
        {
            Ok(d) => d,
            Err(e) => return text(StatusCode::BAD_REQUEST, e),
        };
        if go_tx.send((format, dataset.0, dataset.1)).is_err() {
            return text(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error: the query thread stopped",
            );
        }
        let timeout = self.options.timeout;
        let result = match rx.recv_timeout(timeout) {
            Ok(r) => r,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                token.cancel();
                Err(Failure::Timeout)
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => Err(Failure::Eval(
                QueryEvaluationError::Unexpected("the query thread stopped".into()),
            )),
        };
        match result {
            Ok(bytes) => reply(StatusCode::OK, format.content_type(), bytes),
            Err(Failure::Timeout | Failure::Eval(QueryEvaluationError::Cancelled)) => text(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "the query ran past the time limit of {} s and was stopped",
                    timeout.as_secs_f64()
                ),
            ),
            Err(Failure::TooLarge) => text(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "the result has more than {max} solutions or triples (the server's limit): add a LIMIT"
                ),
            ),
            Err(Failure::Eval(e)) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("query failed: {e}"),
            ),
            Err(Failure::Write(e)) => text(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("cannot serialise the results: {e}"),
            ),
        }
    }
}

fn not_allowed(allow: &'static str) -> Reply {
    let mut r = text(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("method not allowed here (allowed: {allow})"),
    );
    r.headers_mut()
        .insert(ALLOW, HeaderValue::from_static(allow));
    r
}

/// Serves `store` until SIGINT or SIGTERM, then lets the requests under way finish (up to
/// the query time limit) and returns. Sets the process's signal handler, so call it once.
///
/// # Errors
/// The address cannot be bound, or the signal handler cannot be set.
pub fn serve(store: Store, options: Options) -> Result<()> {
    let bind = options.bind;
    let timeout = options.timeout;
    let max_connections = options.max_connections;
    let writable = options.writable;
    let service = Arc::new(Service::new(&store, options));
    let (stop_tx, stop_rx) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    })
    .map_err(|e| Error::Usage(format!("cannot handle SIGINT/SIGTERM: {e}")))?;
    let handler = Arc::clone(&service);
    let server = Server::new(move |request| handler.handle(request))
        .bind(bind)
        .with_global_timeout(Duration::from_secs(60))
        .with_max_concurrent_connections(max_connections)
        .with_server_name(concat!("newskg/", env!("CARGO_PKG_VERSION")))
        .map_err(|e| Error::Usage(e.to_string()))?;
    let _listening = server
        .spawn()
        .map_err(|e| Error::Usage(format!("cannot listen on {bind}: {e}")))?;
    if !bind.ip().is_loopback() {
        eprintln!(
            "newskg serve: warning: listening on {bind}, not a loopback address: anyone who can reach this machine can query the store"
        );
    }
    eprintln!(
        "newskg serve: http://{bind}/ (SPARQL on /query{}), {} quads; stop with Ctrl-C",
        if writable {
            " and /update"
        } else {
            ", read-only"
        },
        store.len().unwrap_or(0),
    );
    let _ = stop_rx.recv();
    service.stopping.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + timeout + Duration::from_secs(1);
    let waiting = service.in_flight.load(Ordering::SeqCst);
    eprintln!("newskg serve: stopping ({waiting} requests under way)");
    while service.in_flight.load(Ordering::SeqCst) > 0 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let the last responses leave their sockets.
    std::thread::sleep(Duration::from_millis(50));
    eprintln!("newskg serve: stopped");
    Ok(())
}
