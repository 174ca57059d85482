//! What newskg generates about itself (shell completions, manual pages), `newskg stats`
//! against SPARQL counts, and how errors are printed.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

use super::common::examples;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = cargo_bin_cmd!("newskg").args(args).output().expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The subcommand names `newskg --help` lists.
fn subcommands() -> Vec<String> {
    let (ok, help, _) = run(&["--help"]);
    assert!(ok);
    let list = help
        .split("Commands:")
        .nth(1)
        .expect("a Commands section")
        .split("\n\n")
        .next()
        .unwrap_or_default();
    let names: Vec<String> = list
        .lines()
        // A name is indented by two spaces; wrapped descriptions by more.
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|n| *n != "help")
        .map(str::to_owned)
        .collect();
    assert!(names.len() >= 9, "{names:?}");
    names
}

#[test]
fn bash_completion_names_every_subcommand_and_build_options() {
    let (ok, script, err) = run(&["completions", "bash"]);
    assert!(ok, "{err}");
    for name in subcommands() {
        assert!(
            script.contains(&format!("newskg,{name})")),
            "bash completion lacks {name}"
        );
    }
    for flag in ["--store", "--input-format", "--date", "--quiet"] {
        assert!(script.contains(flag), "bash completion lacks {flag}");
    }
    for shell in ["zsh", "fish"] {
        let (ok, script, _) = run(&["completions", shell]);
        assert!(
            ok && script.contains("build") && script.contains("store"),
            "{shell}"
        );
    }
    let (ok, _, err) = run(&["completions", "tcsh"]);
    assert!(!ok && err.contains("tcsh"), "{err}");
}

#[test]
fn man_pages_document_build_and_its_options() {
    let (ok, main, _) = run(&["man"]);
    assert!(ok);
    assert!(
        main.starts_with(".ie") && main.contains(".TH newskg 1"),
        "{main}"
    );
    for name in subcommands() {
        assert!(
            main.contains(&format!("newskg\\-{}(1)", name.replace('-', "\\-"))),
            "main page does not list {name}"
        );
    }
    let (ok, page, _) = run(&["man", "build"]);
    assert!(ok);
    assert!(page.contains(".TH newskg-build 1"), "{page}");
    for flag in [
        "\\-\\-store",
        "\\-\\-input\\-format",
        "\\-\\-date",
        "\\-\\-quiet",
    ] {
        assert!(page.contains(flag), "newskg-build(1) lacks {flag}");
    }
    assert!(
        page.contains("Publication date"),
        "option help is in the page"
    );
    let (ok, _, err) = run(&["man", "nosuch"]);
    assert!(
        !ok && err.contains("nosuch: not a newskg subcommand"),
        "{err}"
    );

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("man1");
    let (ok, _, err) = run(&["man", "--out-dir", out.to_str().unwrap()]);
    assert!(ok, "{err}");
    for name in [
        "newskg.1",
        "newskg-build.1",
        "newskg-query.1",
        "newskg-serve.1",
    ] {
        let text = std::fs::read_to_string(out.join(name)).unwrap_or_default();
        assert!(text.contains(".SH OPTIONS"), "{name}: {text}");
    }
}

/// The first value of a one-row TSV answer.
fn count(store: &Path, q: &str) -> usize {
    let (ok, tsv, err) = run(&[
        "query",
        "--format",
        "tsv",
        "--store",
        store.to_str().unwrap(),
        q,
    ]);
    assert!(ok, "{err}");
    let value = tsv.lines().nth(1).unwrap_or("0");
    value
        .split('"')
        .nth(1)
        .unwrap_or(value)
        .parse()
        .expect("a count")
}

#[test]
fn stats_agree_with_sparql_counts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = store.to_str().unwrap();
    let ex = examples();
    let (ok, _, err) = run(&["build", "-q", "--store", s, ex.to_str().unwrap()]);
    assert!(ok, "{err}");
    let (ok, stats, err) = run(&["stats", "--store", s]);
    assert!(ok, "{err}");
    let line = |prefix: &str| -> usize {
        let l = stats
            .lines()
            .find(|l| l.starts_with(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} in\n{stats}"));
        l.rsplit(' ').next().unwrap().parse().expect("a number")
    };
    let nkg = "PREFIX nkg: <https://w3id.org/newskg#>";
    assert_eq!(line("documents"), 8);
    assert_eq!(
        line("quads"),
        count(
            &store,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
        )
    );
    assert_eq!(
        line("meetings"),
        count(
            &store,
            &format!("{nkg} SELECT (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a nkg:Meeting }}")
        )
    );
    assert_eq!(
        line("entities    Person"),
        count(
            &store,
            &format!("{nkg} SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a nkg:Person }}")
        )
    );
    for p in ["metWith", "envoyOf", "leaderOf"] {
        assert_eq!(
            line(&format!("relations   {p} ")),
            count(
                &store,
                &format!(
                    "{nkg} SELECT (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?o WHERE {{ ?s nkg:{p} ?o }} }}"
                )
            ),
            "{p}"
        );
    }
    // Lines in a fixed order: documents, entities, relations, meetings, quads, disk bytes.
    let heads: Vec<&str> = stats
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut dedup = heads.clone();
    dedup.dedup();
    assert_eq!(
        dedup,
        [
            "documents",
            "entities",
            "relations",
            "meetings",
            "quads",
            "disk"
        ]
    );
}

/// Regression: the I/O cause of an error was printed twice
/// (`/x: Not a directory (os error 20): Not a directory (os error 20)`).
#[test]
fn an_io_error_prints_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("file");
    std::fs::write(&file, "not a folder").unwrap();
    let store = file.join("store");
    let ex = examples();
    let (ok, _, err) = run(&[
        "build",
        "--store",
        store.to_str().unwrap(),
        ex.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(err.starts_with("newskg: error: "), "{err}");
    assert!(
        err.contains(store.to_str().unwrap()),
        "names the path: {err}"
    );
    assert_eq!(err.matches("os error").count(), 1, "{err}");
}

/// The cause of a store or SPARQL error reaches the user (it is kept as the error's source).
#[test]
fn sparql_errors_keep_their_cause() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let s = store.to_str().unwrap();
    let one = examples().join("01_wire_witkoff_kremlin.txt");
    assert!(run(&["build", "-q", "--store", s, one.to_str().unwrap()]).0);
    let (ok, out, err) = run(&["query", "--store", s, "SELEKT * WHERE { ?s ?p ?o }"]);
    assert!(!ok && out.is_empty());
    // "SPARQL" from newskg, then the parser's own message with its position.
    assert!(err.starts_with("newskg: error: SPARQL: "), "{err}");
    assert!(err.contains("1:"), "the parser's position: {err}");
}
