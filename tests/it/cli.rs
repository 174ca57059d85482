//! The command line as a user meets it: the real binary, a real on-disk Oxigraph store in a
//! temporary directory, our example articles in `examples/articles/`, and Graphviz `dot`.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;

use super::common::{build, count, example, examples, render_svg, select};

fn quads(store: &Path) -> usize {
    count(store, "GRAPH ?g { ?s ?p ?o }")
}

#[test]
fn builds_examples_and_answers_who_met_whom() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let (code, err) = build(&store, &[&examples()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("8 documents"), "{err}");
    let rows = select(
        &store,
        "SELECT DISTINCT ?date ?place WHERE { ?m a nkg:Meeting ; nkg:participant ?a, ?b ; nkg:date ?date . ?a rdfs:label \"Vladimir Putin\" . ?b rdfs:label \"Steve Witkoff\" . OPTIONAL { ?m nkg:location/rdfs:label ?place } }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["date"], "2025-03-04");
    assert!(
        matches!(rows[0]["place"].as_str(), Some("Kremlin" | "Moscow")),
        "{rows:?}"
    );
    // "has not been scheduled": no Putin–Zelensky meeting.
    assert_eq!(
        count(
            &store,
            "?a rdfs:label \"Vladimir Putin\" . ?b rdfs:label \"Volodymyr Zelensky\" . ?a nkg:metWith ?b"
        ),
        0
    );
    // Every pair of meeting participants not on the same side is linked by metWith.
    assert_eq!(
        count(
            &store,
            "?m a nkg:Meeting ; nkg:participant ?a, ?b . FILTER(?a != ?b) FILTER NOT EXISTS { ?m nkg:side ?s . ?s nkg:sideMember ?a, ?b } FILTER NOT EXISTS { ?a nkg:metWith ?b }"
        ),
        0
    );
}

#[test]
fn rebuilding_is_a_no_op_and_a_changed_article_replaces_its_facts() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = dir.path().join("talks.txt");
    let b = example("04_wire_lammy_fidan_chevening.txt");
    std::fs::write(&a, "Talks\nBritish Foreign Secretary David Lammy met Turkish Foreign Minister Hakan Fidan in London on 2 May 2025.\n").unwrap();
    assert_eq!(build(&store, &[&a, &b]).0, 0);
    let first = quads(&store);
    let (code, err) = build(&store, &[&a, &b]);
    assert_eq!(code, 0);
    assert!(err.contains("2 unchanged"), "{err}");
    assert_eq!(quads(&store), first, "rebuilding duplicated facts");
    // Change one article: its old meeting place goes, the other article is untouched.
    let other_before = count(
        &store,
        "GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), \"chevening\"))",
    );
    std::fs::write(&a, "Talks\nBritish Foreign Secretary David Lammy met Turkish Foreign Minister Hakan Fidan in Ankara on 3 May 2025.\n").unwrap();
    let (code, err) = build(&store, &[&a]);
    assert_eq!(code, 0);
    assert!(err.contains("1 replaced"), "{err}");
    let places: Vec<String> = select(&store, "SELECT ?l WHERE { GRAPH <https://w3id.org/newskg/doc/talks> { ?m a nkg:Meeting ; nkg:location ?p } ?p rdfs:label ?l }").iter().map(|r| r["l"].as_str().unwrap().to_owned()).collect();
    assert_eq!(places, ["Ankara"]);
    assert_eq!(
        count(
            &store,
            "GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), \"chevening\"))"
        ),
        other_before
    );
}

#[test]
fn remove_keeps_what_other_documents_say() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = example("01_wire_witkoff_kremlin.txt");
    let b = example("06_istanbul_lavrov_fidan.html");
    assert_eq!(build(&store, &[&a, &b]).0, 0);
    let lavrov = "?e rdfs:label \"Sergei Lavrov\"";
    assert!(count(&store, lavrov) > 0);
    let out = cargo_bin_cmd!("newskg")
        .args(["remove", "--store"])
        .arg(&store)
        .arg(&b)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Lavrov is named in both; Putin's meeting from article 01 stays.
    assert!(count(&store, lavrov) > 0);
    assert_eq!(
        count(
            &store,
            "?m a nkg:Meeting ; nkg:participant/rdfs:label \"Vladimir Putin\""
        ),
        1
    );
    assert_eq!(
        count(&store, "?e rdfs:label \"Hakan Fidan\""),
        0,
        "Fidan was only in the removed article"
    );
}

#[test]
fn evidence_offsets_slice_the_original_text() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = dir.path().join("umlaut.txt");
    let text = "Gespräche in Berlin — “ein Treffen”\nÉmile said nothing. Former chancellor Gerhard Schröder, a longtime friend of Vladimir Putin, stayed silent.\n";
    std::fs::write(&a, text).unwrap();
    assert_eq!(build(&store, &[&a]).0, 0);
    let rows = select(
        &store,
        "SELECT ?text ?start ?end ?rule WHERE { ?st rdf:subject/rdfs:label \"Gerhard Schroeder\" ; rdf:predicate nkg:associateOf ; nkg:evidence ?s ; nkg:rule ?rule . ?s nkg:text ?text ; nkg:startChar ?start ; nkg:endChar ?end }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    let (start, end): (usize, usize) = (
        rows[0]["start"].as_str().unwrap().parse().unwrap(),
        rows[0]["end"].as_str().unwrap().parse().unwrap(),
    );
    let sliced: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(sliced, rows[0]["text"].as_str().unwrap());
    assert!(
        sliced.starts_with("Former chancellor Gerhard Schröder"),
        "{sliced}"
    );
}

#[test]
fn bad_documents_are_reported_and_skipped() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let empty = dir.path().join("empty.txt");
    let binary = dir.path().join("image.txt");
    // A lone UTF-16 surrogate after a UTF-16 byte order mark: no encoding fits.
    let latin1 = dir.path().join("broken-utf16.txt");
    let missing = dir.path().join("missing.txt");
    std::fs::write(&empty, "  \n").unwrap();
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 1, 2]).unwrap();
    std::fs::write(&latin1, b"\xff\xfeM\x00\x00\xd8a\x00").unwrap();
    let good = example("02_readout_rubio_lavrov.txt");
    let (code, err) = build(&store, &[&empty, &binary, &good, &latin1, &missing]);
    assert_eq!(code, 1, "some skipped: exit 1\n{err}");
    for (file, why) in [
        (&empty, "empty"),
        (&binary, "binary"),
        (&latin1, "UTF-16"),
        (&missing, "No such file"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(file.to_str().unwrap()))
            .unwrap_or_else(|| panic!("{file:?} not reported in {err}"));
        assert!(line.contains(why), "{line}");
    }
    assert_eq!(
        count(&store, "?d a nkg:Document"),
        1,
        "the good article is stored"
    );
}

#[test]
fn malformed_sparql_is_a_clear_error_with_empty_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert_eq!(
        build(&store, &[&example("02_readout_rubio_lavrov.txt")]).0,
        0
    );
    let out = cargo_bin_cmd!("newskg")
        .args(["query", "--format", "json", "--store"])
        .arg(&store)
        .arg("SELECT ?s WHERE { ?s")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("SPARQL"));
    let out = cargo_bin_cmd!("newskg")
        .args(["query", "--store"])
        .arg(dir.path().join("nowhere"))
        .arg("ASK {}")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nowhere"));
}

#[test]
fn dot_export_renders_with_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    assert_eq!(build(&store, &[&examples()]).0, 0);
    for view in ["meetings", "roles", "all"] {
        let out = cargo_bin_cmd!("newskg")
            .args(["export", "--format", "dot", "--view", view, "--store"])
            .arg(&store)
            .output()
            .unwrap();
        assert!(out.status.success());
        let dot_text = String::from_utf8(out.stdout).unwrap();
        assert!(dot_text.contains("Vladimir Putin"), "{view}: {dot_text}");
        assert!(render_svg(view, dot_text.as_bytes()).contains("<svg"));
    }
    // Stable output: the same store gives byte-identical DOT.
    let a = cargo_bin_cmd!("newskg")
        .args(["export", "--store"])
        .arg(&store)
        .output()
        .unwrap()
        .stdout;
    let b = cargo_bin_cmd!("newskg")
        .args(["export", "--store"])
        .arg(&store)
        .output()
        .unwrap()
        .stdout;
    assert_eq!(a, b);
}

#[test]
fn extract_is_deterministic_and_needs_no_store() {
    let run = || {
        cargo_bin_cmd!("newskg")
            .args(["extract", "--format", "nquads"])
            .arg(examples())
            .output()
            .unwrap()
    };
    let (a, b) = (run(), run());
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    assert!(text.lines().all(|l| l.ends_with(" .")), "N-Quads lines");
    assert!(text.contains(
        "<https://w3id.org/newskg/id/person/vladimir-putin> <https://w3id.org/newskg#metWith>"
    ));
}

#[test]
fn stdin_and_html_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let out = cargo_bin_cmd!("newskg")
        .args(["build", "--store"])
        .arg(&store)
        .arg("-")
        .write_stdin("Leaders meet\nOn Monday, Keir Starmer met Emmanuel Macron in London.\n")
        .args(["--date", "2025-03-05"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = select(&store, "SELECT ?d WHERE { ?m a nkg:Meeting ; nkg:date ?d }");
    assert_eq!(rows[0]["d"], "2025-03-03", "Monday before the given date");
    assert_eq!(
        build(&store, &[&example("05_elysee_macron_merz.html")]).0,
        0
    );
    let rows = select(
        &store,
        "SELECT ?t ?p WHERE { ?d a nkg:Document ; nkg:title ?t ; nkg:published ?p ; nkg:url ?u }",
    );
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["p"], "2025-06-03");
    // Nothing from the page furniture: no entity only named in nav, cookie banner or footer.
    assert_eq!(
        count(
            &store,
            "?e rdfs:label ?l FILTER(CONTAINS(?l, \"Example Media\"))"
        ),
        0
    );
}

fn person_iris(store: &Path, contains: &str) -> Vec<String> {
    let mut v: Vec<String> = select(store, &format!("SELECT DISTINCT ?e WHERE {{ ?e a nkg:Person ; rdfs:label ?l FILTER(CONTAINS(?l, \"{contains}\")) }}")).iter().map(|r| r["e"].as_str().unwrap().to_owned()).collect();
    v.sort();
    v
}

/// Ingrid Halvorsen by her full name in one article and as "Ms Halvorsen" in another, built
/// as `builds` says (each a list of "full" and "short", one `newskg build` per list): one
/// person, one IRI, both meetings on it, the surname only an alias.
fn one_person_one_iri(builds: &[&[&str]]) {
    let dir = tempfile::tempdir().unwrap();
    let full = super::common::write(
        dir.path(),
        "full.txt",
        "Mediation\nEU mediator Ingrid Halvorsen met Pavel Novak in Oslo on 3 March 2025.\n",
    );
    let short = super::common::write(
        dir.path(),
        "short.txt",
        "Second round\nMs Halvorsen later met Stefan Lindqvist in Bergen on 9 March 2025.\n",
    );
    let store = dir.path().join("store");
    for (i, names) in builds.iter().enumerate() {
        let files: Vec<&Path> = names
            .iter()
            .map(|n| {
                if *n == "full" {
                    full.as_path()
                } else {
                    short.as_path()
                }
            })
            .collect();
        assert_eq!(build(&store, &files).0, 0);
        if i == 0 && names == &["short"] {
            // The surname alone is a person of its own until the full name comes.
            assert_eq!(
                person_iris(&store, "Halvorsen"),
                ["https://w3id.org/newskg/id/person/halvorsen"]
            );
        }
    }
    let iri = "https://w3id.org/newskg/id/person/ingrid-halvorsen";
    assert_eq!(person_iris(&store, "Halvorsen"), [iri]);
    // Her two meetings hang on the one IRI.
    assert_eq!(
        count(
            &store,
            &format!("?m a nkg:Meeting ; nkg:participant <{iri}>")
        ),
        2
    );
    assert_eq!(
        count(&store, "?e rdfs:label \"Halvorsen\""),
        0,
        "the surname is an alias now"
    );
}

// Same batch, full name first, surname first (the surname-only graph is rewritten).
super::common::cases! { one_person_one_iri;
    one_person_one_iri_in_one_batch: (&[&["short", "full"]]),
    one_person_one_iri_when_the_full_name_comes_first: (&[&["full"], &["short"]]),
    one_person_one_iri_when_the_surname_comes_first: (&[&["short"], &["full"]]),
}

#[test]
fn shared_surnames_stay_apart_across_documents() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    let c = dir.path().join("c.txt");
    std::fs::write(
        &a,
        "One\nTrade envoy Anna Berg met Pavel Novak in Oslo on 3 March 2025.\n",
    )
    .unwrap();
    std::fs::write(
        &b,
        "Two\nTrade envoy Lars Berg met Stefan Lindqvist in Bergen on 4 March 2025.\n",
    )
    .unwrap();
    std::fs::write(
        &c,
        "Three\nMr Berg met Stefan Lindqvist in Bergen on 5 March 2025.\n",
    )
    .unwrap();
    assert_eq!(build(&store, &[&a, &b, &c]).0, 0);
    assert_eq!(
        person_iris(&store, "Berg"),
        [
            "https://w3id.org/newskg/id/person/anna-berg",
            "https://w3id.org/newskg/id/person/berg",
            "https://w3id.org/newskg/id/person/lars-berg"
        ],
        "an ambiguous surname links to neither full name"
    );
}

#[test]
fn mentions_give_code_point_offsets_and_entities() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("m.txt");
    let text = "Gespräche — “heute”\nDer französische Präsident? No: French President Emmanuel Macron met Recep Tayyip Erdoğan in Ankara.\n";
    std::fs::write(&a, text).unwrap();
    let out = cargo_bin_cmd!("newskg")
        .args(["mentions"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(out.status.success());
    let rows: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    let chars: Vec<char> = text.chars().collect();
    for r in &rows {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            chars[s..e].iter().collect::<String>(),
            r["text"].as_str().unwrap(),
            "{r}"
        );
    }
    let find = |t: &str| {
        rows.iter()
            .find(|r| r["text"] == t)
            .unwrap_or_else(|| panic!("{t} not found in {rows:?}"))
    };
    assert_eq!(find("French")["type"], "Nationality");
    assert_eq!(
        find("French")["entity"],
        "https://w3id.org/newskg/id/place/france"
    );
    assert_eq!(find("Recep Tayyip Erdoğan")["type"], "Person");
    assert_eq!(find("Ankara")["type"], "Place");
}

/// JSON Lines of `n` articles made from our examples' sentences, each with its own id.
fn jsonl_corpus(n: usize) -> String {
    let texts: Vec<String> = [
        "01_wire_witkoff_kremlin.txt",
        "02_readout_rubio_lavrov.txt",
        "04_wire_lammy_fidan_chevening.txt",
        "07_wire_guterres_un.txt",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(example(f)).unwrap())
    .collect();
    (0..n)
        .map(|i| serde_json::json!({"id": format!("a{i}"), "url": format!("https://example.org/{i}"), "title": format!("Story {i}"), "date": "2025-03-05", "text": texts[i % texts.len()]}).to_string() + "\n")
        .collect()
}

#[test]
fn json_lines_on_stdin_and_gzip_files() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = jsonl_corpus(6);
    // stdin: JSON Lines recognised from the content.
    let store = dir.path().join("stdin");
    let out = cargo_bin_cmd!("newskg")
        .args(["build", "--store"])
        .arg(&store)
        .arg("-")
        .write_stdin(corpus.clone())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(count(&store, "?d a nkg:Document"), 6);
    assert_eq!(
        count(
            &store,
            "?d nkg:url <https://example.org/3> ; nkg:published ?p FILTER(STR(?p) = \"2025-03-05\")"
        ),
        1
    );
    // The same articles gzipped give the same graph.
    let gz = dir.path().join("corpus.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(
        std::fs::File::create(&gz).unwrap(),
        flate2::Compression::fast(),
    );
    std::io::Write::write_all(&mut enc, corpus.as_bytes()).unwrap();
    enc.finish().unwrap();
    let store2 = dir.path().join("gz");
    assert_eq!(build(&store2, &[&gz]).0, 0);
    assert_eq!(quads(&store2), quads(&store));
    // A bad line in the middle is reported with its line number and skipped.
    let bad = dir.path().join("bad.jsonl");
    let mut lines: Vec<&str> = corpus.lines().collect();
    lines.insert(2, "{not json");
    std::fs::write(&bad, lines.join("\n")).unwrap();
    let store3 = dir.path().join("bad");
    let (code, err) = build(&store3, &[&bad]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.jsonl:3"), "{err}");
    assert_eq!(count(&store3, "?d a nkg:Document"), 6);
}

#[test]
fn a_killed_build_leaves_a_usable_store_and_a_rebuild_completes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus.jsonl");
    std::fs::write(&input, jsonl_corpus(3000)).unwrap();
    let clean = dir.path().join("clean");
    let t = std::time::Instant::now();
    assert_eq!(build(&clean, &[&input]).0, 0);
    let clean_time = t.elapsed();
    let want = quads(&clean);
    let store = dir.path().join("killed");
    let bin = assert_cmd::cargo::cargo_bin!("newskg");
    let mut child = Command::new(bin)
        .arg("build")
        .arg("--quiet")
        .arg("--store")
        .arg(&store)
        .arg(&input)
        .spawn()
        .unwrap();
    // Kill it about half way through (SIGKILL: no chance to clean up).
    std::thread::sleep(clean_time.mul_f64(0.6));
    child.kill().unwrap();
    child.wait().unwrap();
    // The store opens and answers; whatever it holds is whole documents.
    let partial = count(&store, "?d a nkg:Document");
    eprintln!("killed build had stored {partial} of 3000 documents");
    assert!(partial <= 3000);
    assert_eq!(
        count(
            &store,
            "?m a nkg:Meeting FILTER NOT EXISTS { ?m nkg:evidence ?e }"
        ),
        0
    );
    let (code, err) = build(&store, &[&input]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        quads(&store),
        want,
        "rebuild after a kill (had {partial} documents) equals a clean build"
    );
}

// ---- bad values: one named test per case ----

/// A bad value is refused while the arguments are parsed, before any store is opened (the
/// store named does not exist): exit 2, nothing on stdout, and clap's message naming the flag
/// and what it takes.
fn refused(args: &[&str], wants: &[&str]) {
    let (code, out, err) = super::common::run(args);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty(), "{out}");
    for w in wants {
        assert!(err.contains(w), "{w:?} not in: {err}");
    }
}

const NOWHERE: &str = "/nonexistent/newskg-store";

super::common::cases! { refused;
    relation_names_are_case_sensitive: (
        &["export", "--store", NOWHERE, "--relation", "metwith"],
        &["'--relation <RELATION>'", "[possible values: metWith, envoyOf, aideTo, leaderOf, memberOf, deputyOf, relativeOf, associateOf]"],
    ),
    relation_must_be_drawn_by_a_view: (
        &["export", "--store", NOWHERE, "--relation", "metWith,locatedIn"],
        &["invalid value 'locatedIn' for '--relation <RELATION>'"],
    ),
    from_must_be_a_date: (
        &["export", "--store", NOWHERE, "--from", "March"],
        &["invalid value 'March' for '--from <FROM>'", "not a date (want YYYY-MM-DD)"],
    ),
    to_must_be_a_day_of_the_calendar: (
        &["export", "--store", NOWHERE, "--to", "2025-02-30"],
        &["'--to <TO>'", "not a date"],
    ),
    build_date_must_be_a_date: (
        &["build", "--store", NOWHERE, "--date", "2025-13-01", "article.txt"],
        &["invalid value '2025-13-01' for '--date <DATE>'"],
    ),
    extract_date_must_be_a_date: (
        &["extract", "--date", "yesterday", "article.txt"],
        &["invalid value 'yesterday' for '--date <DATE>'"],
    ),
    export_format_lists_the_formats: (
        &["export", "--store", NOWHERE, "--format", "pdf"],
        &["'--format <FORMAT>'", "graphml", "nquads"],
    ),
    correct_terms_need_an_iri_or_a_known_prefix: (
        &["correct", "--store", NOWHERE, "--merge", "putin", "id:person/vladimir-putin"],
        &["invalid value 'putin' for '--merge <FROM> <INTO>'", "not an IRI or a prefixed name"],
    ),
    correct_facts_take_three_terms: (
        &["correct", "--store", NOWHERE, "--retract", "id:person/a", "nkg:metWith"],
        &["--retract"],
    ),
    correct_needs_something_to_do: (
        &["correct", "--store", NOWHERE],
        &["required"],
    ),
    remove_takes_only_valid_iris: (
        &["remove", "--store", NOWHERE, "https://w3id.org/newskg/doc/a b"],
        &["'https://w3id.org/newskg/doc/a b'", "not an IRI"],
    ),
}
