//! Tests of the lexicon: the embedded lists load, spelling variants merge, world knowledge.

use super::*;

#[test]
fn embedded_lists_load() {
    let lex = Lexicon::load().expect("valid lists");
    assert!(lex.len() > 300, "only {} entities", lex.len());
    for name in [
        "United States",
        "Russia",
        "NATO",
        "Kremlin",
        "Moscow",
        "Vladimir Putin",
    ] {
        assert!(lex.find(name).is_some(), "{name} missing");
    }
}

#[test]
fn skeleton_merges_spelling_variants() {
    for (a, b) in [
        ("Zelensky", "Zelenskyy"),
        ("Luhansk", "Lugansk"),
        ("Schröder", "Schroeder"),
        ("Kyiv", "Kyiv"),
    ] {
        assert_eq!(skeleton(a), skeleton(b), "{a} / {b}");
    }
    for (a, b) in [
        ("Blair", "Blain"),
        ("Khan", "Kahn"),
        ("Sullivan", "Sullivant"),
    ] {
        assert_ne!(skeleton(a), skeleton(b), "{a} / {b}");
    }
}

#[test]
fn world_knowledge_gives_office_holders() {
    let lex = Lexicon::embedded();
    let z = lex.find("Volodymyr Zelensky").unwrap();
    assert!(
        lex.entity(z)
            .offices
            .iter()
            .any(|o| o.predicate == Predicate::LeaderOf && o.of == "Ukraine")
    );
    let holder = lex.office_holder(Predicate::LeaderOf, Some("president"), "Russia", Some(2025));
    assert_eq!(
        holder.map(|h| lex.entity(h).name.as_str()),
        Some("Vladimir Putin")
    );
}
