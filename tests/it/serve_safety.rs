//! `newskg serve` against queries built to exhaust the stack: thousands of nested brackets
//! (which aborted the whole server with a stack overflow before the nesting limit) and long
//! flat chains (UNION, `+`, BIND) whose algebra the parser and evaluator walk recursively, plus
//! a structural fuzz of the query parameter: valid queries with pieces repeated, cut or nested.
//! Real server process, real HTTP (Python's urllib, so bodies of any size go as POST forms).

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::cargo_bin_cmd;

const BIN: &str = env!("CARGO_BIN_EXE_newskg");

const ARTICLE: &str = r#"{"id":"safety-1","title":"Talks","date":"2025-05-05","text":"Talks\nForeign Minister Ilse Vandermeer met Trade Minister Rafael Quintero in Lisbon on Monday."}"#;

struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(store: &Path) -> Server {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let child = Command::new(BIN)
            .args([
                "serve",
                "--quiet",
                "--timeout",
                "2",
                "--max-body",
                "4000000",
            ])
            .arg("--store")
            .arg(store)
            .args(["--bind", &format!("127.0.0.1:{port}")])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starts newskg serve");
        let mut s = Server { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                s.child.try_wait().expect("polls").is_none(),
                "serve exited early"
            );
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "serve does not listen"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        s
    }

    /// Still running (a stack overflow aborts the process).
    fn alive(&mut self) -> bool {
        self.child.try_wait().expect("polls").is_none()
    }

    fn stderr(mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut s = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut s);
        }
        s
    }
}

/// POSTs each query (a form field) and returns `status<TAB>first line of the body` per query.
fn post_all(port: u16, queries: &[String]) -> Vec<String> {
    let script = r#"
import json, sys, urllib.request, urllib.parse
port = sys.argv[1]
for q in json.load(sys.stdin):
    data = urllib.parse.urlencode({"query": q}).encode()
    req = urllib.request.Request(f"http://127.0.0.1:{port}/query", data=data)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            print(r.status, r.read().decode("utf-8", "replace").split("\n")[0][:200], sep="\t")
    except urllib.error.HTTPError as e:
        print(e.code, e.read().decode("utf-8", "replace").split("\n")[0][:200], sep="\t")
    except Exception as e:
        print("error", repr(e)[:200], sep="\t")
    sys.stdout.flush()
"#;
    let mut child = Command::new("python3")
        .args(["-c", script, &port.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("runs python3");
    serde_json::to_writer(child.stdin.take().expect("piped"), queries).expect("writes");
    let out = child.wait_with_output().expect("waits");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_owned)
        .collect()
}

fn store() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().expect("tmp");
    std::fs::write(dir.path().join("a.jsonl"), format!("{ARTICLE}\n")).expect("writes");
    let store = dir.path().join("store");
    let out = cargo_bin_cmd!("newskg")
        .args(["build", "--quiet", "--store"])
        .arg(&store)
        .arg(dir.path().join("a.jsonl"))
        .output()
        .expect("runs");
    assert!(out.status.success());
    (dir, store)
}

#[test]
fn deep_nesting_and_long_chains_get_answers_not_a_dead_server() {
    let (_dir, store) = store();
    let mut s = Server::start(&store);
    let nested = |open: &str, close: &str, n: usize, inner: &str| {
        format!("{}{inner}{}", open.repeat(n), close.repeat(n))
    };
    let queries = vec![
        format!("ASK {{ FILTER({}) }}", nested("(", ")", 4000, "1")),
        format!("ASK {}", nested("{", "}", 4000, "")),
        format!(
            "ASK {{ ?s ?p {} }}",
            nested("[ <http://e/p> ", "]", 4000, "")
        ),
        format!("ASK {{ FILTER({}) }}", nested("(", ")", 100, "true")),
        format!("ASK {{ {} }}", vec!["{}"; 50_000].join(" UNION ")),
        format!("ASK {{ FILTER({} = 1) }}", vec!["1"; 100_000].join("+")),
        format!(
            "SELECT * {{ {} }}",
            (0..20_000)
                .map(|i| format!("BIND({i} AS ?v{i})"))
                .collect::<String>()
        ),
    ];
    let answers = post_all(s.port, &queries);
    assert_eq!(answers.len(), queries.len(), "{answers:?}");
    for a in &answers[..3] {
        assert!(
            a.starts_with("400\tSPARQL: brackets nested deeper than 128 levels at line 1"),
            "{a}"
        );
    }
    assert!(answers[3].starts_with("200\t"), "{}", answers[3]);
    // Long chains: an answer (a result, or 503 past the 2 s limit), never a dropped connection.
    for a in &answers[4..] {
        assert!(a.starts_with("200\t") || a.starts_with("503\t"), "{a}");
    }
    assert!(s.alive());
    let after = post_all(
        s.port,
        &[
            "SELECT ?l WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l"
                .into(),
        ],
    );
    assert!(after[0].starts_with("200\t"), "{after:?}");
    let log = s.stderr();
    assert!(
        !log.contains("overflow") && !log.contains("panicked"),
        "{log}"
    );
}

/// A small xorshift: reproducible mutations without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn structural_fuzz_of_the_query_parameter_never_kills_the_server() {
    let (_dir, store) = store();
    let mut s = Server::start(&store);
    let seeds = [
        "PREFIX nkg: <https://w3id.org/newskg#> SELECT DISTINCT ?a ?b WHERE { ?m a nkg:Meeting ; nkg:participant ?a, ?b . FILTER(?a != ?b) }",
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?r } FILTER(isIRI(?o) || (?p = ?q)) } LIMIT 5",
        "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 3",
        "ASK { { ?s ?p ?o } UNION { ?s a [ ?x ( 1 2 ( 3 ) ) ] } }",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s (<http://e/p>/(<http://e/q>|^<http://e/r>))* ?o }",
    ];
    let mut rng = Rng(0x00c0_ffee_d00d_f00d);
    let mut queries = Vec::new();
    for i in 0..300 {
        let mut q = seeds[i % seeds.len()].to_owned();
        for _ in 0..=rng.below(3) {
            let len = q.len();
            let (mut a, mut b) = (rng.below(len + 1), rng.below(len + 1));
            while !q.is_char_boundary(a) {
                a -= 1;
            }
            while !q.is_char_boundary(b) {
                b -= 1;
            }
            let (a, b) = (a.min(b), a.max(b));
            let piece = q[a..b].to_owned();
            q = match rng.below(4) {
                // Repeat a piece many times (long chains, deep nesting when it holds brackets).
                0 => format!(
                    "{}{}{}",
                    &q[..a],
                    piece.repeat(1 + rng.below(3000)),
                    &q[b..]
                ),
                // Cut it out.
                1 => format!("{}{}", &q[..a], &q[b..]),
                // Wrap it in many brackets.
                2 => {
                    let n = 1 + rng.below(500);
                    let (o, c) = [("(", ")"), ("{", "}"), ("[", "]")][rng.below(3)];
                    format!(
                        "{}{}{piece}{}{}",
                        &q[..a],
                        o.repeat(n),
                        c.repeat(n),
                        &q[b..]
                    )
                }
                // Swap in a piece of another seed.
                _ => {
                    let other = seeds[rng.below(seeds.len())];
                    let c = rng.below(other.len());
                    let c = (0..=c)
                        .rev()
                        .find(|&c| other.is_char_boundary(c))
                        .unwrap_or(0);
                    format!("{}{}{}", &q[..a], &other[c..], &q[b..])
                }
            };
        }
        queries.push(q);
    }
    let answers = post_all(s.port, &queries);
    assert_eq!(answers.len(), queries.len());
    let mut by_status = std::collections::BTreeMap::new();
    for (a, q) in answers.iter().zip(&queries) {
        let status = a.split('\t').next().unwrap_or_default().to_owned();
        assert!(
            matches!(
                status.as_str(),
                "200" | "400" | "406" | "413" | "422" | "503"
            ),
            "{a}\nfor a query of {} bytes starting {:?}",
            q.len(),
            &q[..q.len().min(120)]
        );
        *by_status.entry(status).or_insert(0) += 1;
    }
    // Both kinds of answer happen, so the mutations reach the parser and the evaluator.
    assert!(
        by_status.contains_key("200") && by_status.contains_key("400"),
        "{by_status:?}"
    );
    assert!(s.alive());
    let log = s.stderr();
    assert!(
        !log.contains("overflow") && !log.contains("panicked"),
        "{log}"
    );
}

#[test]
fn query_refuses_deep_nesting_with_the_position_instead_of_aborting() {
    let (dir, store) = store();
    let q = format!(
        "ASK {{ FILTER({}1{}) }}",
        "(".repeat(4000),
        ")".repeat(4000)
    );
    std::fs::write(dir.path().join("deep.rq"), q).expect("writes");
    let out = cargo_bin_cmd!("newskg")
        .args(["query", "--store"])
        .arg(&store)
        .arg(format!("@{}", dir.path().join("deep.rq").display()))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("brackets nested deeper than 128 levels at line 1"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

/// Bug: `newskg query` with a chain of 50,000 UNIONs overflowed the main thread's stack and
/// aborted. That chain takes minutes to evaluate, so this test uses a 200,000-long chain of
/// `&&`, which the parser, evaluator and drop walk recursively as well, and is quick.
#[test]
fn query_answers_a_long_chain_instead_of_overflowing() {
    let (dir, store) = store();
    let q = format!("ASK {{ FILTER({}) }}", vec!["true"; 200_000].join("&&"));
    std::fs::write(dir.path().join("chain.rq"), q).expect("writes");
    let out = cargo_bin_cmd!("newskg")
        .args(["query", "--format", "json", "--store"])
        .arg(&store)
        .arg(format!("@{}", dir.path().join("chain.rq").display()))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("\"boolean\":true"));
}
