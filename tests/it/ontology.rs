//! The ontology and the graph agree: every `nkg:` term the builder writes is declared in
//! `ontology/newskg.ttl` with a label, a comment, a domain (properties) and a range.

use std::collections::BTreeSet;

use newskg::{Document, Lexicon, extract, to_quads};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{NamedOrBlankNode, Term};

const NKG: &str = "https://w3id.org/newskg#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn declared() -> (BTreeSet<String>, Vec<oxigraph::model::Triple>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/newskg.ttl");
    let file = std::fs::File::open(path).expect("ontology/newskg.ttl");
    let triples: Vec<_> = RdfParser::from_format(RdfFormat::Turtle)
        .for_reader(file)
        .map(|q| q.expect("valid Turtle").into())
        .collect();
    let subjects = triples
        .iter()
        .filter_map(|t: &oxigraph::model::Triple| match &t.subject {
            NamedOrBlankNode::NamedNode(n) if n.as_str().starts_with(NKG) => {
                Some(n.as_str().to_owned())
            }
            _ => None,
        })
        .collect();
    (subjects, triples)
}

/// Every nkg: IRI used as a predicate or a class in the graphs of our example articles.
fn used() -> BTreeSet<String> {
    let mut used = BTreeSet::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/articles");
    for doc in newskg::Inputs::new(&[dir.into()], None) {
        let doc: Document = doc.expect("example articles are valid");
        let g = to_quads(&doc, &extract(&doc, Lexicon::embedded()));
        for q in g.quads {
            if q.predicate.as_str().starts_with(NKG) {
                used.insert(q.predicate.as_str().to_owned());
            }
            if q.predicate.as_str() == RDF_TYPE {
                if let Term::NamedNode(c) = &q.object {
                    used.insert(c.as_str().to_owned());
                }
            }
        }
    }
    used
}

#[test]
fn every_emitted_term_is_declared() {
    let (declared, _) = declared();
    let used = used();
    assert!(
        used.len() > 20,
        "the examples exercise most terms: {used:?}"
    );
    let missing: Vec<_> = used.difference(&declared).collect();
    assert!(
        missing.is_empty(),
        "used but not declared in ontology/newskg.ttl: {missing:?}"
    );
    // That every vocabulary const and predicate is declared is a unit test of `rdf::vocab`.
}

#[test]
fn declared_terms_have_label_comment_domain_and_range() {
    let (declared, triples) = declared();
    let has = |s: &str, p: &str| {
        triples
            .iter()
            .any(|t| t.subject.to_string() == format!("<{s}>") && t.predicate.as_str() == p)
    };
    for term in &declared {
        if term == NKG {
            continue;
        }
        assert!(
            has(term, "http://www.w3.org/2000/01/rdf-schema#label"),
            "{term} has no rdfs:label"
        );
        assert!(
            has(term, "http://www.w3.org/2000/01/rdf-schema#comment"),
            "{term} has no rdfs:comment"
        );
        let is_property = triples.iter().any(|t| {
            t.subject.to_string() == format!("<{term}>")
                && t.predicate.as_str() == RDF_TYPE
                && t.object.to_string().contains("Property")
        });
        if is_property {
            assert!(
                has(term, "http://www.w3.org/2000/01/rdf-schema#domain"),
                "{term} has no domain"
            );
            assert!(
                has(term, "http://www.w3.org/2000/01/rdf-schema#range"),
                "{term} has no range"
            );
        }
    }
    // Symmetric in the ontology exactly when symmetric in the vocabulary table.
    for p in newskg::Predicate::ALL {
        let declared = triples.iter().any(|t| {
            t.subject.to_string() == format!("<{}>", p.iri().as_str())
                && t.object.to_string() == "<http://www.w3.org/2002/07/owl#SymmetricProperty>"
        });
        assert_eq!(declared, p.is_symmetric(), "nkg:{}", p.local_name());
    }
}
