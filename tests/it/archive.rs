//! Archives beyond one machine: `newskg extract --format nquads` on parts of a corpus (as
//! separate processes, or Spark workers, would run it), `newskg link` to load the parts and
//! link people across documents, and the graph compared with `newskg build` on the whole
//! corpus. Real binary, real on-disk stores, articles of our own.

use std::path::Path;

use assert_cmd::cargo::cargo_bin_cmd;

/// Four short articles: full names in some, only surnames ("Ms Vandermeer") in others, so the
/// surname-only people can be linked only across documents. Invented people.
const ARTICLES: &[&str] = &[
    r#"{"id":"fu-1","title":"Ministers meet in Lisbon","date":"2025-03-03","text":"Ministers meet in Lisbon\nPortuguese Foreign Minister Ilse Vandermeer met Chilean Trade Minister Rafael Quintero in Lisbon on Monday. The two ministers discussed fishing rights."}"#,
    r#"{"id":"fu-2","title":"Talks resume","date":"2025-03-10","text":"Talks resume\nMs Vandermeer met Mr Quintero again in Porto on Monday. Mr Quintero said the talks were useful."}"#,
    r#"{"id":"fu-3","title":"Envoy visits","date":"2025-03-12","text":"Envoy visits\nMr Castelnau met Ms Vandermeer in Lisbon on Wednesday. Mr Castelnau is an adviser to the Chilean president."}"#,
    r#"{"id":"fu-4","title":"Adviser named","date":"2025-03-14","text":"Adviser named\nChilean presidential adviser Bruno Castelnau met Portuguese Foreign Minister Ilse Vandermeer in Santiago on Friday."}"#,
];

fn write_jsonl(path: &Path, lines: &[&str]) {
    std::fs::write(path, lines.join("\n") + "\n").expect("writes");
}

fn newskg(args: &[&str], dir: &Path) -> (i32, String, String) {
    let out = cargo_bin_cmd!("newskg")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `newskg extract --format nquads -` with `jsonl` on stdin, into `out`.
fn extract(dir: &Path, jsonl: &Path, out: &Path) {
    let o = cargo_bin_cmd!("newskg")
        .args(["extract", "--format", "nquads", "-"])
        .pipe_stdin(jsonl)
        .expect("opens")
        .current_dir(dir)
        .output()
        .expect("runs");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::write(out, o.stdout).expect("writes");
}

/// The store's quads as sorted N-Quads lines, without `nkg:sourcePath` (the file name a
/// process read: `a.jsonl:3` for build, `-:1` for a part on stdin).
fn dump(dir: &Path, store: &str) -> Vec<String> {
    let (code, out, err) = newskg(&["export", "--store", store, "--format", "nquads"], dir);
    assert_eq!(code, 0, "{err}");
    let mut lines: Vec<String> = out
        .lines()
        .filter(|l| !l.contains("https://w3id.org/newskg#sourcePath"))
        .map(str::to_owned)
        .collect();
    lines.sort();
    lines
}

fn person_labels(dir: &Path, store: &str) -> Vec<String> {
    let (code, out, err) = newskg(
        &[
            "query",
            "--format",
            "csv",
            "--store",
            store,
            "SELECT ?l WHERE { ?e a <https://w3id.org/newskg#Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l } ORDER BY ?l",
        ],
        dir,
    );
    assert_eq!(code, 0, "{err}");
    out.lines().skip(1).map(|l| l.trim().to_owned()).collect()
}

fn assert_same(a: &[String], b: &[String]) {
    if a != b {
        let only_a: Vec<_> = a.iter().filter(|l| !b.contains(l)).take(5).collect();
        let only_b: Vec<_> = b.iter().filter(|l| !a.contains(l)).take(5).collect();
        panic!(
            "graphs differ: {} vs {} quads\nonly in the first: {only_a:#?}\nonly in the second: {only_b:#?}",
            a.len(),
            b.len()
        );
    }
}

#[test]
fn parts_extracted_apart_then_linked_give_the_build_graph() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write_jsonl(&d.join("all.jsonl"), ARTICLES);
    let (code, _, err) = newskg(&["build", "--quiet", "--store", "built", "all.jsonl"], d);
    assert_eq!(code, 0, "{err}");
    let built = dump(d, "built");
    // The build linked the surname-only people: three people, not six.
    assert_eq!(
        person_labels(d, "built"),
        ["Bruno Castelnau", "Ilse Vandermeer", "Rafael Quintero"]
    );

    // Two parts, the surname-only mention of Castelnau in the first, his full name in the
    // second: no process sees both.
    write_jsonl(&d.join("part1.jsonl"), &ARTICLES[..3]);
    write_jsonl(&d.join("part2.jsonl"), &ARTICLES[3..]);
    extract(d, &d.join("part1.jsonl"), &d.join("part1.nq"));
    extract(d, &d.join("part2.jsonl"), &d.join("part2.nq"));

    // Loaded without the linking pass, the graphs differ (so the comparison can fail).
    let (code, _, err) = newskg(
        &[
            "link",
            "--no-link",
            "--store",
            "unlinked",
            "part1.nq",
            "part2.nq",
        ],
        d,
    );
    assert_eq!(code, 0, "{err}");
    assert!(person_labels(d, "unlinked").contains(&"Castelnau".to_owned()));
    assert_ne!(dump(d, "unlinked"), built);

    // Loaded and linked in one command: the same quads as the build.
    let (code, _, err) = newskg(&["link", "--store", "linked", "part1.nq", "part2.nq"], d);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("4 documents") && err.contains("3 surname-only people linked"),
        "{err}"
    );
    assert_same(&built, &dump(d, "linked"));

    // Parts loaded one at a time, then one linking pass over the store: the same again.
    for part in ["part2.nq", "part1.nq"] {
        let (code, _, err) = newskg(&["link", "--no-link", "--store", "later", part], d);
        assert_eq!(code, 0, "{err}");
    }
    let (code, _, err) = newskg(&["link", "--store", "later"], d);
    assert_eq!(code, 0, "{err}");
    assert_same(&built, &dump(d, "later"));
    // A second pass changes nothing.
    let (code, _, err) = newskg(&["link", "--store", "later"], d);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(" 0 surname-only"), "{err}");
    assert_same(&built, &dump(d, "later"));
}

#[test]
fn a_reloaded_document_replaces_its_facts_as_build_does() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write_jsonl(&d.join("v1.jsonl"), ARTICLES);
    // fu-2 rewritten: Quintero now meets Castelnau in Valparaiso.
    let changed = r#"{"id":"fu-2","title":"Talks resume","date":"2025-03-10","text":"Talks resume\nMr Quintero met Mr Castelnau in Valparaiso on Monday."}"#;
    write_jsonl(&d.join("v2.jsonl"), &[changed, ARTICLES[0]]);
    for v in ["v1", "v2"] {
        let (code, _, err) = newskg(
            &[
                "build",
                "--quiet",
                "--store",
                "built",
                &format!("{v}.jsonl"),
            ],
            d,
        );
        assert_eq!(code, 0, "{err}");
        extract(d, &d.join(format!("{v}.jsonl")), &d.join(format!("{v}.nq")));
    }
    let (code, _, err) = newskg(&["link", "--store", "linked", "v1.nq"], d);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = newskg(&["link", "--store", "linked", "v2.nq"], d);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1 replaced") && err.contains("1 unchanged"),
        "{err}"
    );
    let built = dump(d, "built");
    assert!(built.iter().any(|l| l.contains("place/valparaiso")));
    assert!(!built.iter().any(|l| l.contains("place/porto")));
    assert_same(&built, &dump(d, "linked"));
}

#[test]
fn bad_nquads_name_the_file_and_line_and_keep_what_was_stored() {
    let tmp = tempfile::tempdir().expect("tmp");
    let d = tmp.path();
    write_jsonl(&d.join("a.jsonl"), &ARTICLES[..1]);
    extract(d, &d.join("a.jsonl"), &d.join("a.nq"));
    let (code, _, err) = newskg(&["link", "--store", "s", "a.nq"], d);
    assert_eq!(code, 0, "{err}");
    let before = dump(d, "s");

    std::fs::write(
        d.join("broken.nq"),
        "<https://w3id.org/newskg/doc/x> <https://w3id.org/newskg#contentHash> \"1\" <https://w3id.org/newskg/doc/x> .\n<https://w3id.org/newskg/doc/x> <p> \"unclosed <https://w3id.org/newskg/doc/x> .\n",
    )
    .expect("writes");
    let (code, _, err) = newskg(&["link", "--store", "s", "broken.nq"], d);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("broken.nq:2"), "{err}");

    std::fs::write(
        d.join("other.nq"),
        "<http://e/s> <http://e/p> <http://e/o> .\n",
    )
    .expect("w");
    let (code, _, err) = newskg(&["link", "--store", "s", "other.nq"], d);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("other.nq") && err.contains("document graphs"),
        "{err}"
    );

    let (code, _, err) = newskg(&["link", "--store", "s", "missing.nq"], d);
    assert_eq!(code, 2);
    assert!(err.contains("missing.nq"), "{err}");

    // Linking a folder that holds no store is refused rather than creating one.
    let (code, _, err) = newskg(&["link", "--store", "nowhere"], d);
    assert_eq!(code, 2);
    assert!(err.contains("no newskg store"), "{err}");
    assert!(!d.join("nowhere").exists());

    assert_eq!(dump(d, "s"), before);
}
