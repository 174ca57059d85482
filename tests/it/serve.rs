//! `newskg serve` and `newskg push` as clients meet them: the real binary serving a real
//! on-disk store built from `examples/articles/`, queried with curl, Python's urllib and raw
//! TCP; `push` against a real Oxigraph server (`oxigraph serve`, from `pip install oxigraph`);
//! the web page in headless Chromium (playwright-core, `tests/web/`). scripts/bootstrap.sh
//! installs curl, chromium, oxigraph and the node packages; a missing tool fails the test.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::common::example_store;

const BIN: &str = env!("CARGO_BIN_EXE_newskg");

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// Waits until something accepts connections on the port.
fn wait_for_port(port: u16, child: &mut Child, what: &str) {
    let started = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("{what} exited before listening: {status}");
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "{what} does not listen on port {port}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A running `newskg serve`; stderr (the access log) is collected; killed on drop.
struct Server {
    child: Child,
    port: u16,
    log: Arc<Mutex<String>>,
    reader: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    fn start(store: &Path, extra: &[&str]) -> Server {
        let port = free_port();
        let mut child = Command::new(BIN)
            .arg("serve")
            .arg("--store")
            .arg(store)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts newskg serve");
        let log = Arc::new(Mutex::new(String::new()));
        let stderr = child.stderr.take().expect("piped");
        let sink = Arc::clone(&log);
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let mut l = sink.lock().unwrap();
                l.push_str(&line);
                l.push('\n');
            }
        });
        wait_for_port(port, &mut child, "newskg serve");
        Server {
            child,
            port,
            log,
            reader: Some(reader),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGTERM and waits: (exit status code, stderr).
    fn terminate(mut self) -> (Option<i32>, String) {
        let status = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .expect("runs kill");
        assert!(status.success());
        let code = self.child.wait().expect("waits").code();
        if let Some(r) = self.reader.take() {
            r.join().unwrap();
        }
        (code, self.log())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One curl request: (status, content type, body). `args` are extra curl arguments.
fn curl(url: &str, args: &[&str]) -> (u16, String, String) {
    let out = Command::new("curl")
        .args(["-sS", "-o", "-", "-w", "\n%{http_code} %{content_type}"])
        .args(args)
        .arg(url)
        .output()
        .expect("curl runs (scripts/bootstrap.sh installs it)");
    assert!(
        out.status.success(),
        "curl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("UTF-8 answer");
    let (body, meta) = text.rsplit_once('\n').expect("curl trailer");
    let (status, ctype) = meta.split_once(' ').unwrap_or((meta, ""));
    (
        status.parse().expect("status"),
        ctype.to_owned(),
        body.to_owned(),
    )
}

const WHO_MET_PUTIN: &str = "PREFIX nkg: <https://w3id.org/newskg#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?who WHERE {
  ?m a nkg:Meeting ; nkg:participant ?p, ?o .
  ?p rdfs:label \"Vladimir Putin\" . ?o rdfs:label ?who . FILTER(?o != ?p) } ORDER BY ?who";

fn json_column(json: &str, var: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| b[var]["value"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The role predicates of the vocabulary table, as the page's SPARQL writes them
/// (`nkg:envoyOf nkg:aideTo ...`, in table order).
fn role_values() -> String {
    newskg::Predicate::ALL
        .iter()
        .filter(|p| p.info().role_view)
        .map(|p| format!("nkg:{}", p.local_name()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `newskg query` rows, the values of `vars` in each; the query gets the `nkg:` prefix.
fn local_rows(store: &Path, q: &str, vars: &[&str]) -> Vec<Vec<String>> {
    let json = local_query(
        store,
        &format!("PREFIX nkg: <https://w3id.org/newskg#> {q}"),
    );
    let v: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|b| {
            vars.iter()
                .map(|var| b[*var]["value"].as_str().unwrap_or_default().to_owned())
                .collect()
        })
        .collect()
}

fn local_query(store: &Path, q: &str) -> String {
    let out = Command::new(BIN)
        .args(["query", "--format", "json", "--store"])
        .arg(store)
        .arg(q)
        .output()
        .expect("runs newskg query");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn select_over_get_and_both_posts_matches_newskg_query() {
    let (_dir, store) = example_store();
    let expected = json_column(&local_query(&store, WHO_MET_PUTIN), "who");
    assert!(
        expected.contains(&"Steve Witkoff".to_owned()),
        "{expected:?}"
    );
    let s = Server::start(&store, &[]);
    let url = s.url("/query");
    let get = curl(
        &url,
        &["-G", "--data-urlencode", &format!("query={WHO_MET_PUTIN}")],
    );
    let form = curl(
        &url,
        &["--data-urlencode", &format!("query={WHO_MET_PUTIN}")],
    );
    let direct = curl(
        &url,
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            WHO_MET_PUTIN,
        ],
    );
    for (status, ctype, body) in [get, form, direct] {
        assert_eq!(status, 200, "{body}");
        assert_eq!(ctype, "application/sparql-results+json");
        assert_eq!(json_column(&body, "who"), expected);
    }
    // One access log line per request. The server writes it before the answer goes out, but
    // the reader thread may not have it yet under load (regression: a flaky count of 2).
    let count = |log: &str| {
        log.lines()
            .filter(|l| l.starts_with("20") && l.contains(" /query"))
            .count()
    };
    let deadline = Instant::now() + Duration::from_secs(5);
    while count(&s.log()) < 3 && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let log = s.log();
    let lines = count(&log);
    assert_eq!(lines, 3, "{log}");
    assert!(
        log.contains("GET /query?query=") && log.contains(" 200 "),
        "{log}"
    );
}

#[test]
fn results_formats_follow_the_accept_header() {
    let (_dir, store) = example_store();
    let s = Server::start(&store, &[]);
    let url = s.url("/query");
    let q = format!("query={WHO_MET_PUTIN}");
    let ask = |accept: &str| {
        curl(
            &url,
            &[
                "-G",
                "--data-urlencode",
                &q,
                "-H",
                &format!("Accept: {accept}"),
            ],
        )
    };
    let (st, ct, body) = ask("application/sparql-results+xml");
    assert_eq!((st, ct.as_str()), (200, "application/sparql-results+xml"));
    assert!(body.contains("<literal>Steve Witkoff</literal>"), "{body}");
    let (st, ct, body) = ask("text/csv");
    assert_eq!((st, ct.as_str()), (200, "text/csv; charset=utf-8"));
    assert!(
        body.starts_with("who\r\n") && body.contains("Steve Witkoff\r\n"),
        "{body:?}"
    );
    let (st, ct, body) = ask("text/tab-separated-values");
    assert_eq!(
        (st, ct.as_str()),
        (200, "text/tab-separated-values; charset=utf-8")
    );
    assert!(
        body.starts_with("?who\n") && body.contains("\"Steve Witkoff\""),
        "{body:?}"
    );
    let (st, _, body) = ask("text/csv;q=0.2, application/sparql-results+json;q=0.9");
    assert_eq!(st, 200);
    assert!(body.starts_with('{'), "{body}");
    // Graphs: Turtle, N-Triples, JSON-LD, RDF/XML, each parsed back by what it claims to be.
    let construct = "query=PREFIX nkg: <https://w3id.org/newskg#> CONSTRUCT { ?a nkg:metWith ?b } WHERE { ?a nkg:metWith ?b }";
    let witkoff = "https://w3id.org/newskg/id/person/steve-witkoff";
    for (accept, ctype, marker) in [
        (
            "text/turtle",
            "text/turtle",
            "id:person\\/steve-witkoff nkg:metWith",
        ),
        ("application/n-triples", "application/n-triples", witkoff),
        ("application/ld+json", "application/ld+json", witkoff),
        ("application/rdf+xml", "application/rdf+xml", witkoff),
    ] {
        let (st, ct, body) = curl(
            &url,
            &[
                "-G",
                "--data-urlencode",
                construct,
                "-H",
                &format!("Accept: {accept}"),
            ],
        );
        assert_eq!((st, ct.as_str()), (200, ctype), "{body}");
        assert!(body.contains(marker), "{accept}: {body}");
    }
    let (_, _, nt) = curl(
        &url,
        &[
            "-G",
            "--data-urlencode",
            construct,
            "-H",
            "Accept: application/n-triples",
        ],
    );
    let local = Command::new(BIN)
        .args(["query", "--format", "csv", "--store"])
        .arg(&store)
        .arg("PREFIX nkg: <https://w3id.org/newskg#> SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?b { ?a nkg:metWith ?b } }")
        .output()
        .unwrap();
    let n: usize = String::from_utf8(local.stdout)
        .unwrap()
        .lines()
        .nth(1)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert_eq!(nt.lines().filter(|l| !l.is_empty()).count(), n);
    // ASK.
    let (st, _, body) = curl(&url, &["-G", "--data-urlencode", "query=ASK { ?s ?p ?o }"]);
    assert_eq!(st, 200);
    assert!(body.contains("\"boolean\":true"), "{body}");
}

#[test]
fn bad_requests_get_the_right_status_and_a_message() {
    let (_dir, store) = example_store();
    let s = Server::start(
        &store,
        &[
            "--timeout",
            "1",
            "--max-results",
            "10",
            "--max-body",
            "1000",
        ],
    );
    let url = s.url("/query");
    // Malformed SPARQL: 400 with the parser's message.
    let (st, ct, body) = curl(
        &url,
        &["-G", "--data-urlencode", "query=SELECT ?x WHERE { ?x"],
    );
    assert_eq!((st, ct.as_str()), (400, "text/plain; charset=utf-8"));
    assert!(
        body.contains("SPARQL syntax error") && body.contains("error at 1:"),
        "{body}"
    );
    // Unknown Accept: 406 naming what is on offer.
    let (st, _, body) = curl(
        &url,
        &[
            "-G",
            "--data-urlencode",
            "query=ASK {}",
            "-H",
            "Accept: image/png",
        ],
    );
    assert_eq!(st, 406);
    assert!(body.contains("application/sparql-results+json"), "{body}");
    let (st, _, _) = curl(
        &url,
        &[
            "-G",
            "--data-urlencode",
            "query=ASK {}",
            "-H",
            "Accept: text/turtle",
        ],
    );
    assert_eq!(st, 406, "no Turtle for ASK");
    // A body over the limit: 413.
    let big = format!("SELECT * WHERE {{ ?s ?p ?o }} #{}", "x".repeat(2000));
    let (st, _, body) = curl(
        &url,
        &[
            "-H",
            "Content-Type: application/sparql-query",
            "--data-binary",
            &big,
        ],
    );
    assert_eq!(st, 413, "{body}");
    // Past the result limit: 422.
    let (st, _, body) = curl(
        &url,
        &[
            "-G",
            "--data-urlencode",
            "query=SELECT * WHERE { ?s ?p ?o }",
        ],
    );
    assert_eq!(st, 422, "{body}");
    assert!(body.contains("more than 10"), "{body}");
    let (st, _, _) = curl(
        &url,
        &[
            "-G",
            "--data-urlencode",
            "query=SELECT * WHERE { ?s ?p ?o } LIMIT 10",
        ],
    );
    assert_eq!(st, 200);
    // Past the time limit: 503, and the server goes on answering.
    let slow = "query=SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let (st, _, body) = curl(&url, &["--data-urlencode", slow]);
    assert_eq!(st, 503, "{body}");
    assert!(body.contains("time limit"), "{body}");
    let (st, _, _) = curl(&url, &["-G", "--data-urlencode", "query=ASK { ?s ?p ?o }"]);
    assert_eq!(st, 200);
    // Other mistakes.
    assert_eq!(curl(&url, &[]).0, 400, "no query");
    assert_eq!(
        curl(
            &url,
            &[
                "-G",
                "--data-urlencode",
                "query=ASK {}",
                "--data-urlencode",
                "query=ASK {}"
            ]
        )
        .0,
        400
    );
    assert_eq!(
        curl(
            &url,
            &["-H", "Content-Type: text/plain", "--data", "ASK {}"]
        )
        .0,
        415
    );
    assert_eq!(curl(&url, &["-X", "DELETE"]).0, 405);
    assert_eq!(curl(&s.url("/nothing-here"), &[]).0, 404);
    assert_eq!(curl(&format!("{url}?query=%ZZ"), &[]).0, 400);
}

#[test]
fn updates_are_refused_unless_writable() {
    let (_dir, store) = example_store();
    let insert = "update=INSERT DATA { GRAPH <urn:x:g> { <urn:x:a> <urn:x:b> <urn:x:c> } }";
    let check = "query=ASK { <urn:x:a> <urn:x:b> <urn:x:c> }";
    {
        let s = Server::start(&store, &[]);
        let (st, _, body) = curl(&s.url("/update"), &["--data-urlencode", insert]);
        assert_eq!(st, 403, "{body}");
        assert!(body.contains("read-only"), "{body}");
        let (st, _, _) = curl(&s.url("/query"), &["--data-urlencode", insert]);
        assert_eq!(st, 403, "an update on /query is refused too");
        let (st, _, _) = curl(
            &s.url("/update"),
            &[
                "-H",
                "Content-Type: application/sparql-update",
                "--data-binary",
                "CLEAR ALL",
            ],
        );
        assert_eq!(st, 403);
        let (_, _, body) = curl(&s.url("/query"), &["-G", "--data-urlencode", check]);
        assert!(body.contains("false"), "{body}");
    }
    let s = Server::start(&store, &["--writable"]);
    let (st, _, body) = curl(&s.url("/update"), &["--data-urlencode", insert]);
    assert_eq!(st, 204, "{body}");
    let (_, _, body) = curl(&s.url("/query"), &["-G", "--data-urlencode", check]);
    assert!(
        body.contains("true"),
        "the union default graph sees the new graph: {body}"
    );
    let (st, _, body) = curl(
        &s.url("/update"),
        &["--data-urlencode", "update=INSERT DATA {"],
    );
    assert_eq!(st, 400, "{body}");
}

#[test]
fn cors_lets_browser_clients_in() {
    let (_dir, store) = example_store();
    let s = Server::start(&store, &[]);
    let out = Command::new("curl")
        .args([
            "-sS",
            "-i",
            "-X",
            "OPTIONS",
            "-H",
            "Origin: http://example.org",
        ])
        .args(["-H", "Access-Control-Request-Method: POST"])
        .arg(s.url("/query"))
        .output()
        .unwrap();
    let head = String::from_utf8_lossy(&out.stdout).to_ascii_lowercase();
    assert!(head.starts_with("http/1.1 204"), "{head}");
    assert!(head.contains("access-control-allow-origin: *"), "{head}");
    // GET and POST are CORS-safelisted methods (no Access-Control-Allow-Methods needed); a
    // POST of `application/sparql-query` needs Content-Type allowed, and Accept is allowed
    // for any value.
    let allowed: Vec<&str> = head
        .lines()
        .find_map(|l| l.strip_prefix("access-control-allow-headers:"))
        .unwrap_or_else(|| panic!("no access-control-allow-headers: {head}"))
        .split(',')
        .map(str::trim)
        .collect();
    assert!(
        allowed.contains(&"content-type") && allowed.contains(&"accept"),
        "{allowed:?}"
    );
    assert!(head.contains("allow: get, post, options"), "{head}");
    let out = Command::new("curl")
        .args(["-sS", "-i", "-G", "--data-urlencode", "query=ASK {}"])
        .arg(s.url("/query"))
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&out.stdout)
            .to_ascii_lowercase()
            .contains("access-control-allow-origin: *")
    );
}

#[test]
fn python_urllib_client_reads_json_results() {
    let (_dir, store) = example_store();
    let s = Server::start(&store, &[]);
    let script = r#"
import json, sys, urllib.parse, urllib.request
url, q = sys.argv[1], sys.argv[2]
req = urllib.request.Request(url, data=urllib.parse.urlencode({"query": q}).encode(),
                             headers={"Accept": "application/sparql-results+json"})
with urllib.request.urlopen(req) as r:
    assert r.headers["Content-Type"] == "application/sparql-results+json", r.headers
    rows = json.load(r)["results"]["bindings"]
print("\n".join(b["who"]["value"] for b in rows))
"#;
    let out = Command::new("python3")
        .args(["-c", script, &s.url("/query"), WHO_MET_PUTIN])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(got, json_column(&local_query(&store, WHO_MET_PUTIN), "who"));
}

/// A tiny deterministic generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn bytes(&mut self, n: usize, alphabet: &[u8]) -> Vec<u8> {
        (0..n)
            .map(|_| alphabet[self.next() as usize % alphabet.len()])
            .collect()
    }
}

/// Sends one raw request and reads the status line ("" if the server closed the connection,
/// which oxhttp does for requests it cannot parse).
fn raw(port: u16, request: &[u8]) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let _ = s.write_all(request);
    // End of request: a server waiting for more header bytes sees the end at once.
    let _ = s.shutdown(std::net::Shutdown::Write);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned()
}

#[test]
fn garbage_requests_never_bring_the_server_down() {
    let (_dir, store) = example_store();
    let s = Server::start(&store, &["--timeout", "2", "--quiet"]);
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let sparqlish = b"SELECT ASK CONSTRUCT DESCRIBE WHERE FILTER OPTIONAL UNION GRAPH SERVICE ?x ?y <> {}()[].;,*\"'\\^@#$%&+-=/:_~|0123456789 \t\n\xc3\xa9abc";
    let anything: Vec<u8> = (0u8..=255).collect();
    let mut statuses = std::collections::BTreeMap::new();
    for i in 0..400 {
        let len = (rng.next() % 200) as usize;
        let request = match i % 4 {
            // Random SPARQL-looking text, URL-encoded, on GET.
            0 => {
                let q = rng.bytes(len, sparqlish);
                let enc: String = q.iter().map(|b| format!("%{b:02X}")).collect();
                format!("GET /query?query={enc} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .into_bytes()
            }
            // Random bytes as a direct POST body.
            1 => {
                let body = rng.bytes(len, &anything);
                let mut r = format!(
                    "POST /query HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .into_bytes();
                r.extend(body);
                r
            }
            // Random raw query strings and Accept headers.
            2 => {
                let target = rng.bytes(len, b"abc%=&?+/query;#\xff\x00 ");
                let accept = rng.bytes(len % 40, b"*/;q=0.5,text/csvjson+ \xff");
                let mut r = b"GET /query?".to_vec();
                r.extend(target);
                r.extend(b" HTTP/1.1\r\nHost: x\r\nAccept: ");
                r.extend(accept);
                r.extend(b"\r\nConnection: close\r\n\r\n");
                r
            }
            // Random bytes as the whole request.
            _ => rng.bytes(len, &anything),
        };
        let status = raw(s.port, &request);
        let code: String = status.split(' ').nth(1).unwrap_or("closed").to_owned();
        *statuses.entry(code).or_insert(0) += 1;
    }
    // Still alive and right.
    let (st, _, body) = curl(
        &s.url("/query"),
        &["-G", "--data-urlencode", &format!("query={WHO_MET_PUTIN}")],
    );
    assert_eq!(st, 200);
    assert!(body.contains("Steve Witkoff"));
    assert!(!statuses.contains_key("500"), "{statuses:?}");
    assert!(statuses.contains_key("400"), "{statuses:?}");
    let (code, log) = s.terminate();
    assert!(!log.contains("panicked"), "{log}");
    assert_eq!(code, Some(0), "{log}");
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let (_dir, store) = example_store();
    let s = Server::start(&store, &[]);
    assert_eq!(curl(&s.url("/"), &[]).0, 200);
    let (code, log) = s.terminate();
    assert_eq!(code, Some(0), "{log}");
    assert!(log.contains("newskg serve: stopped"), "{log}");
}

#[test]
fn serve_refuses_a_missing_store_and_a_bad_bind() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .args(["serve", "--store"])
        .arg(dir.path().join("none"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no newskg store here"));
    let (_d, store) = example_store();
    let out = Command::new(BIN)
        .args(["serve", "--bind", "not-an-address", "--store"])
        .arg(&store)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--bind not-an-address"));
}

// ---- push ----

/// A running `oxigraph serve` on a fresh directory.
struct Oxigraph {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Oxigraph {
    fn start() -> Oxigraph {
        let dir = tempfile::tempdir().unwrap();
        let port = free_port();
        let mut child = Command::new("oxigraph")
            .args(["serve", "--location"])
            .arg(dir.path())
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the oxigraph server runs (scripts/bootstrap.sh: pip install oxigraph)");
        wait_for_port(port, &mut child, "oxigraph serve");
        Oxigraph {
            child,
            port,
            _dir: dir,
        }
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}/query", self.port)
    }

    /// SELECT on the union of the remote graphs, JSON text.
    fn select(&self, q: &str) -> String {
        let (st, _, body) = curl(
            &format!("{}?union-default-graph", self.endpoint()),
            &[
                "--data-urlencode",
                &format!("query={q}"),
                "-H",
                "Accept: application/sparql-results+json",
            ],
        );
        assert_eq!(st, 200, "{body}");
        body
    }
}

impl Drop for Oxigraph {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn push(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("push")
        .args(args)
        .output()
        .expect("runs newskg push")
}

const COUNT_QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

fn count(json: &str) -> usize {
    json_column(json, "n")[0].parse().unwrap()
}

#[test]
fn push_sends_every_graph_to_a_real_oxigraph_server() {
    let (dir, store) = example_store();
    let ox = Oxigraph::start();
    let out = push(&[
        "--endpoint",
        &ox.endpoint(),
        "--store",
        store.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("8 documents"), "{err}");
    let local = count(&local_query(&store, COUNT_QUADS));
    assert_eq!(count(&ox.select(COUNT_QUADS)), local);
    assert!(err.contains(&format!("holds {local} triples")), "{err}");
    // Same graphs on both sides.
    let graphs =
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g";
    assert_eq!(
        json_column(&ox.select(graphs), "n"),
        json_column(&local_query(&store, graphs), "n")
    );
    assert_eq!(
        json_column(&ox.select(graphs), "g"),
        json_column(&local_query(&store, graphs), "g")
    );
    // Who met whom, answered by the remote server.
    assert_eq!(
        json_column(&ox.select(WHO_MET_PUTIN), "who"),
        json_column(&local_query(&store, WHO_MET_PUTIN), "who")
    );

    // Pushing again replaces, it does not add.
    let out = push(&[
        "--endpoint",
        &ox.endpoint(),
        "--store",
        store.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(count(&ox.select(COUNT_QUADS)), local);

    // A changed article pushed from its file replaces that document's facts only.
    let changed = dir.path().join("01_wire_witkoff_kremlin.txt");
    let text =
        std::fs::read_to_string(root().join("examples/articles/01_wire_witkoff_kremlin.txt"))
            .unwrap();
    let cut: String = text.lines().take(4).collect::<Vec<_>>().join("\n");
    std::fs::write(&changed, format!("{cut}\n")).unwrap();
    let out = push(&["--endpoint", &ox.endpoint(), changed.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc = "https://w3id.org/newskg/doc/01-wire-witkoff-kremlin";
    let in_doc = format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}");
    let small = dir.path().join("small");
    let b = Command::new(BIN)
        .args(["build", "--quiet", "--store"])
        .arg(&small)
        .arg(&changed)
        .output()
        .unwrap();
    assert!(b.status.success());
    assert_eq!(
        count(&ox.select(&in_doc)),
        count(&local_query(&small, &in_doc))
    );
    assert!(count(&ox.select(&in_doc)) < count(&local_query(&store, &in_doc)));
    let other = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/newskg/doc/02-readout-rubio-lavrov> { ?s ?p ?o } }";
    assert_eq!(count(&ox.select(other)), count(&local_query(&store, other)));
}

#[test]
fn push_reports_network_failures_and_refused_auth() {
    let (_dir, store) = example_store();
    // Nothing listens: exit 2 with the graph, the URL and the cause.
    let port = free_port();
    let out = push(&[
        "--endpoint",
        &format!("http://127.0.0.1:{port}/query"),
        "--retries",
        "1",
        "--store",
        store.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("graph <https://w3id.org/newskg/doc/") && err.contains("after 2 tries"),
        "{err}"
    );
    assert!(
        err.contains(&format!("127.0.0.1:{port}/store?graph=")),
        "{err}"
    );
    // A server that wants Basic credentials (Python's http.server, checking the header).
    let port = free_port();
    let server = r#"
import http.server, sys
class H(http.server.BaseHTTPRequestHandler):
    def do_PUT(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        ok = self.headers.get("Authorization") == "Basic dXNlcjpzZWNyZXQ="
        self.send_response(204 if ok else 401)
        if not ok:
            self.send_header("WWW-Authenticate", 'Basic realm="test"')
        self.send_header("Content-Length", "0")
        self.end_headers()
    do_POST = do_PUT
    def log_message(self, *a): pass
http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
"#;
    let mut child = Command::new("python3")
        .args(["-c", server, &port.to_string()])
        .spawn()
        .unwrap();
    wait_for_port(port, &mut child, "python http.server");
    let endpoint = format!("http://127.0.0.1:{port}/query");
    let out = push(&[
        "--endpoint",
        &endpoint,
        "--auth",
        "user:wrong",
        "--store",
        store.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let out_ok = push(&[
        "--endpoint",
        &endpoint,
        "--auth",
        "user:secret",
        "--store",
        store.to_str().unwrap(),
    ]);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("authentication refused (HTTP 401)") && err.contains("--auth"),
        "{err}"
    );
    // With the right password every graph goes through (the count query then fails: this
    // server has no SPARQL, which push reports without failing).
    let err_ok = String::from_utf8_lossy(&out_ok.stderr);
    assert!(err_ok.contains("8 documents"), "{err_ok}");
    assert!(err_ok.contains("cannot count them"), "{err_ok}");
}

// ---- the web page ----

#[test]
fn web_page_works_in_headless_chromium() {
    let (_dir, store) = example_store();
    let s = Server::start(&store, &["--quiet"]);
    // Embedded assets, no CDN.
    let (st, ct, html) = curl(&s.url("/"), &[]);
    assert_eq!((st, ct.as_str()), (200, "text/html; charset=utf-8"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "{html}"
    );
    for asset in [
        "/app.js",
        "/vendor/cytoscape.min.js",
        "/vendor/codemirror.js",
    ] {
        assert_eq!(curl(&s.url(asset), &["-o", "/dev/null"]).0, 200, "{asset}");
    }
    // The vocabulary the page reads: the library's table, row for row.
    let (st, ct, body) = curl(&s.url("/vocabulary.json"), &[]);
    assert_eq!((st, ct.as_str()), (200, "application/json"));
    let vocabulary: Value = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    let served: Vec<(String, bool, bool)> = vocabulary["predicates"]
        .as_array()
        .unwrap_or_else(|| panic!("{body}"))
        .iter()
        .map(|p| {
            (
                p["name"].as_str().unwrap_or_default().to_owned(),
                p["role"].as_bool().unwrap_or_default(),
                p["symmetric"].as_bool().unwrap_or_default(),
            )
        })
        .collect();
    let table: Vec<(String, bool, bool)> = newskg::Predicate::ALL
        .iter()
        .map(|p| {
            (
                p.local_name().to_owned(),
                p.info().role_view,
                p.is_symmetric(),
            )
        })
        .collect();
    assert_eq!(served, table);
    let web = root().join("tests/web");
    assert!(
        web.join("node_modules/playwright-core").is_dir(),
        "tests/web/node_modules is missing: run scripts/bootstrap.sh (npm ci in tests/web)"
    );
    // Screenshots are test artefacts: target/web-screenshots/.
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("web-screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let out = Command::new("node")
        .arg(web.join("check.mjs"))
        .arg(s.url("/"))
        .arg(&shots)
        .current_dir(&web)
        .output()
        .expect("node runs (scripts/bootstrap.sh installs chromium and the node packages)");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}\n{stdout}");
    let seen: Value =
        serde_json::from_str(stdout.trim()).unwrap_or_else(|e| panic!("{e}: {stdout}"));
    let list = |k: &str| -> Vec<String> {
        seen[k]
            .as_array()
            .unwrap_or_else(|| panic!("{k}: {seen}"))
            .iter()
            .map(|v| v.as_str().unwrap_or_default().to_owned())
            .collect()
    };
    // No console errors, nothing fetched off the server.
    assert!(
        list("consoleErrors").is_empty() && list("offsite").is_empty(),
        "{seen}"
    );
    // Searching Putin shows him and whom he met, as `newskg query` says.
    let mut expected = json_column(&local_query(&store, WHO_MET_PUTIN), "who");
    expected.push("Vladimir Putin".into());
    expected.sort();
    assert_eq!(list("putinNodes"), expected);
    // Clicking a neighbour lists its neighbours, all drawn.
    assert!(
        list("clickedNeighbours").contains(&"Vladimir Putin".to_owned()),
        "{seen}"
    );
    assert!(list("missingFromGraph").is_empty(), "{seen}");
    // ... and its roles: every role predicate of the vocabulary table (the page has no list
    // of its own), as `newskg query` gives them.
    let roles = role_values();
    let mut expected_roles: Vec<String> = local_rows(
        &store,
        &format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?p ?ol WHERE {{ VALUES ?p {{ {roles} }} ?s rdfs:label \"Steve Witkoff\" ; ?p ?o . ?o rdfs:label ?ol }}"
        ),
        &["p", "ol"],
    )
    .into_iter()
    .map(|r| format!("{} {}", r[0].rsplit('#').next().unwrap_or_default(), r[1]))
    .collect();
    expected_roles.sort();
    let mut clicked_roles = list("clickedRoles");
    clicked_roles.sort();
    assert!(expected_roles.len() > 1, "{expected_roles:?}");
    assert_eq!(clicked_roles, expected_roles);
    // Clicking an edge shows its evidence with a name highlighted, document, rule, confidence.
    assert!(!list("evidenceMarks").is_empty(), "{seen}");
    let evidence = seen["evidence"].as_str().unwrap();
    assert!(
        evidence.contains("01-wire-witkoff-kremlin")
            && evidence.contains("rule")
            && evidence.contains("confidence"),
        "{evidence}"
    );
    // The date range narrows the network.
    let march = list("marchNodes");
    assert!(
        !march.is_empty() && march.len() < seen["allNodes"].as_u64().unwrap() as usize,
        "{seen}"
    );
    assert!(
        !march.contains(&"Kaja Kallas".to_owned()),
        "Kallas met in January: {march:?}"
    );
    // The editor's first example returns the rows of the who-met-Putin query.
    assert_eq!(list("sparqlRows").len(), expected.len() - 1, "{seen}");
    assert!(
        seen["sparqlError"].as_str().unwrap().contains("HTTP 400"),
        "{seen}"
    );
    // The roles example asks for exactly the role predicates of the vocabulary table and
    // finds what `newskg query` finds with them.
    let query = seen["rolesQuery"].as_str().unwrap();
    assert!(
        query.contains(&format!("VALUES ?p {{ {roles} }}")),
        "{query}"
    );
    let all_roles = local_rows(
        &store,
        &format!(
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> SELECT DISTINCT ?who ?p ?whom WHERE {{ VALUES ?p {{ {roles} }} ?s ?p ?o . ?s rdfs:label ?who . ?o rdfs:label ?whom }}"
        ),
        &["who"],
    );
    assert_eq!(
        seen["rolesRows"].as_u64(),
        Some(all_roles.len() as u64),
        "{seen}"
    );
    // The article view marks mentions by type and lists facts.
    let marks = list("articleMarks");
    assert!(
        marks.contains(&"m-person:Vladimir Putin".to_owned())
            && marks.iter().any(|m| m.starts_with("m-place:")),
        "{marks:?}"
    );
    assert!(seen["articleFacts"].as_u64().unwrap() > 0);
    for shot in ["serve-network.png", "serve-sparql.png", "serve-article.png"] {
        assert!(
            std::fs::metadata(shots.join(shot)).unwrap().len() > 10_000,
            "{shot}"
        );
    }
}
