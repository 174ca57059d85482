//! Property tests: extraction takes any text without panicking, and offsets stay valid.

use newskg::{Document, InputFormat, Lexicon, extract, to_quads};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_extracts_without_panic(text in "\\PC{0,400}") {
        if let Ok(doc) = Document::from_bytes("p.txt", text.as_bytes(), InputFormat::Text) {
            let x = extract(&doc, Lexicon::embedded());
            for s in &x.sentences {
                prop_assert!(doc.text.get(s.range()).is_some());
            }
            let _ = to_quads(&doc, &x);
        }
    }

    #[test]
    fn newsy_text_extracts_without_panic(words in proptest::collection::vec(prop_oneof![
        Just("Putin"), Just("met"), Just("President"), Just("US"), Just("envoy"), Just("Mr"), Just("."), Just(","),
        Just("'s"), Just("Kremlin"), Just("of"), Just("and"), Just("Tuesday"), Just("(December"), Just("2,"), Just("2025)"),
        Just("talks"), Just("between"), Just("–"), Just("his"), Just("deputy"), Just("Schröder"), Just("“"), Just("\n"), Just("held"),
        Just("with"), Just("alongside"), Just("not"), Just("J.D."), Just("al-"), Just("Ahmed"), Just("in"), Just("the"),
    ], 0..80)) {
        let text = words.join(" ");
        for format in [InputFormat::Text, InputFormat::Markdown, InputFormat::Html] {
            if let Ok(doc) = Document::from_bytes("p.txt", text.as_bytes(), format) {
                let x = extract(&doc, Lexicon::embedded());
                let _ = to_quads(&doc, &x);
            }
        }
    }
}

/// A term from proptest's choices: IRIs, blank nodes, and literals of any text (control
/// characters, quotes, backslashes, U+FFFE, other scripts), plain, language-tagged or typed.
fn term() -> impl Strategy<Value = oxigraph::model::Term> {
    use oxigraph::model::{BlankNode, Literal, NamedNode, Term};
    prop_oneof![
        "[a-z]{1,8}"
            .prop_map(|s| Term::from(NamedNode::new_unchecked(format!("http://ex.org/{s}")))),
        "[a-z][a-z0-9]{0,6}".prop_map(|s| Term::from(BlankNode::new_unchecked(s))),
        "(\\PC|[\\x00-\\x1f\\x7f\"\\\\\u{fffe}\u{ffff}]){0,40}"
            .prop_map(|s| Term::from(Literal::new_simple_literal(s))),
        ("\\PC{0,20}", "[a-z]{2}")
            .prop_map(|(s, l)| Term::from(Literal::new_language_tagged_literal_unchecked(s, l))),
        "[0-9]{1,5}".prop_map(|s| Term::from(Literal::new_typed_literal(
            s,
            oxigraph::model::vocab::xsd::INTEGER
        ))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// `push_nquad`/`push_ntriple` write the bytes Oxigraph's `Display` writes (the fast
    /// N-Quads path of `newskg extract` must not change its output).
    #[test]
    fn nquads_lines_match_oxigraph(s in "[a-z]{1,8}", o in term(), g in proptest::option::of("[a-z]{1,8}")) {
        use oxigraph::model::{GraphName, NamedNode, Quad, TripleRef};
        let q = Quad::new(
            NamedNode::new_unchecked(format!("http://ex.org/s/{s}")),
            NamedNode::new_unchecked("http://ex.org/p"),
            o,
            g.map_or(GraphName::DefaultGraph, |g| NamedNode::new_unchecked(format!("http://ex.org/g/{g}")).into()),
        );
        let mut line = String::new();
        newskg::push_nquad(&mut line, q.as_ref());
        prop_assert_eq!(&line, &format!("{q} .\n"));
        let mut line = String::new();
        newskg::push_ntriple(&mut line, q.as_ref());
        prop_assert_eq!(line, format!("{} .\n", TripleRef::new(&q.subject, &q.predicate, &q.object)));
    }
}
