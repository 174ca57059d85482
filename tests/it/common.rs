//! What the integration tests share: running the real binary, stores in temporary folders,
//! our example articles, SPARQL answers as rows, and the macros that make one named test per
//! case of a table.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::{Map, Value};

/// The prefixes [`select`] puts before every query.
pub const PREFIXES: &str = "PREFIX nkg: <https://w3id.org/newskg#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#>";

/// Runs `newskg ARGS`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = cargo_bin_cmd!("newskg").args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A temporary path as an argument.
pub fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 temp path")
}

/// The bundled example articles, `examples/articles/`.
pub fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/articles")
}

/// One example article by file name.
pub fn example(name: &str) -> PathBuf {
    examples().join(name)
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes the temporary file");
    p
}

/// `newskg build --store STORE PATHS`; returns (exit code, stderr).
pub fn build(store: &Path, paths: &[&Path]) -> (i32, String) {
    let mut args = vec!["build", "--store", s(store)];
    args.extend(paths.iter().map(|p| s(p)));
    let (code, _, err) = run(&args);
    (code, err)
}

/// A store of the example articles in a fresh temporary folder, for a test that changes it.
pub fn example_store() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = dir.path().join("store");
    let (code, err) = build(&store, &[&examples()]);
    assert_eq!(code, 0, "{err}");
    (dir, store)
}

/// One store of the example articles for the tests that only read it, built once per run
/// (in the target folder's temporary space: a static is never dropped).
pub fn shared_example_store() -> &'static Path {
    static STORE: OnceLock<PathBuf> = OnceLock::new();
    STORE.get_or_init(|| {
        let store = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("example-store-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&store);
        let (code, err) = build(&store, &[&examples()]);
        assert_eq!(code, 0, "{err}");
        store
    })
}

/// SELECT rows (with [`PREFIXES`]) as maps of variable to value.
pub fn select(store: &Path, q: &str) -> Vec<Map<String, Value>> {
    let q = format!("{PREFIXES} {q}");
    let (code, out, err) = run(&["query", "--format", "json", "--store", s(store), &q]);
    assert_eq!(code, 0, "query failed: {err}");
    let v: Value = serde_json::from_str(&out).expect("SPARQL JSON");
    v["results"]["bindings"]
        .as_array()
        .expect("bindings")
        .iter()
        .map(|row| {
            row.as_object()
                .expect("row")
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].clone()))
                .collect()
        })
        .collect()
}

/// The values of one variable, sorted.
pub fn column(store: &Path, var: &str, q: &str) -> Vec<String> {
    let mut v: Vec<String> = select(store, q)
        .iter()
        .filter_map(|r| r.get(var).and_then(Value::as_str).map(str::to_owned))
        .collect();
    v.sort();
    v
}

/// The values of two variables per solution, each bound (else the test fails), sorted.
pub fn pairs(store: &Path, a: &str, b: &str, q: &str) -> Vec<(String, String)> {
    let value = |r: &Map<String, Value>, k: &str| {
        r.get(k)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("?{k} unbound in {r:?}"))
            .to_owned()
    };
    let mut v: Vec<(String, String)> = select(store, q)
        .iter()
        .map(|r| (value(r, a), value(r, b)))
        .collect();
    v.sort();
    v
}

/// How many solutions `WHERE { where_ }` has.
pub fn count(store: &Path, where_: &str) -> usize {
    let rows = select(
        store,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {where_} }}"),
    );
    rows[0]["n"]
        .as_str()
        .expect("number")
        .parse()
        .expect("integer")
}

/// One `#[test]` per case: `cases! { check_fn; name: (args...), ... }` calls
/// `check_fn(args...)` in a test called `name`, so a failing case names itself.
macro_rules! cases {
    ($check:path; $($name:ident: ($($arg:expr),* $(,)?)),+ $(,)?) => {
        $(
            #[test]
            fn $name() {
                $check($($arg),*);
            }
        )+
    };
}
pub(crate) use cases;

/// Runs `cmd` with `input` on its standard input; its exit status and both outputs.
pub fn pipe(cmd: &mut Command, input: &[u8]) -> Output {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawns (scripts/bootstrap.sh installs what the tests run)");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

/// Graphviz's SVG of `dot_text` (`dot -Tsvg`), which must succeed without a word on stderr;
/// `what` names the input in the failure message.
pub fn render_svg(what: &str, dot_text: &[u8]) -> String {
    let out = pipe(Command::new("dot").arg("-Tsvg"), dot_text);
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "{what}: dot -Tsvg: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(dot_text)
    );
    String::from_utf8(out.stdout).expect("Graphviz writes UTF-8 SVG")
}
