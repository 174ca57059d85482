//! The terms newskg writes: every `nkg:` class and property as a [`NamedNodeRef`] const, and
//! the IRI schemes of minted resources. The relation predicates live in the vocabulary table
//! of [`Predicate`](crate::Predicate). A test parses `ontology/newskg.ttl` and checks that
//! each const here and each predicate is declared there.

use oxigraph::model::NamedNodeRef;

/// The ontology namespace.
pub const NKG: &str = "https://w3id.org/newskg#";
/// Minted entities, statements and meetings.
pub const ID: &str = "https://w3id.org/newskg/id/";
/// Documents (and their named graphs).
pub const DOC: &str = "https://w3id.org/newskg/doc/";
/// The graph holding entity descriptions (types, labels, aliases, Wikidata ids), shared by
/// all documents.
pub const ENTITIES_GRAPH: &str = "https://w3id.org/newskg/graph/entities";
/// SKOS.
pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
/// FOAF (`foaf:gender`).
pub const FOAF: &str = "http://xmlns.com/foaf/0.1/";
/// `skos:altLabel`: another name of an entity.
pub const ALT_LABEL: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://www.w3.org/2004/02/skos/core#altLabel");
/// `foaf:gender`: the sex a document shows for a person.
pub const GENDER: NamedNodeRef<'static> =
    NamedNodeRef::new_unchecked("http://xmlns.com/foaf/0.1/gender");
/// Wikidata entities.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// Declares `nkg:` term consts and the list [`TERMS`] of all of them.
macro_rules! terms {
    ($($(#[$doc:meta])* $name:ident = $local:literal;)*) => {
        $(
            $(#[$doc])*
            pub const $name: NamedNodeRef<'static> =
                NamedNodeRef::new_unchecked(concat!("https://w3id.org/newskg#", $local));
        )*
        /// Every `nkg:` class and property above (the relation predicates are in
        /// [`Predicate::ALL`](crate::Predicate::ALL)).
        pub const TERMS: &[NamedNodeRef<'static>] = &[$($name),*];
    };
}

terms! {
    /// `nkg:Document`: a news article (also the name of its graph).
    DOCUMENT = "Document";
    /// `nkg:Person`.
    PERSON = "Person";
    /// `nkg:Organization`.
    ORGANIZATION = "Organization";
    /// `nkg:Place`.
    PLACE = "Place";
    /// `nkg:Country`, a kind of place.
    COUNTRY = "Country";
    /// `nkg:City`, a kind of place.
    CITY = "City";
    /// `nkg:Region`, a kind of place (regions and continents).
    REGION = "Region";
    /// `nkg:Statement`: the reified relation carrying evidence, rule and confidence.
    STATEMENT = "Statement";
    /// `nkg:Sentence`: an evidence sentence with its character offsets.
    SENTENCE = "Sentence";
    /// `nkg:Meeting`: an event with participants, date and location.
    MEETING = "Meeting";
    /// `nkg:Side`: one side of a meeting (host, guests, a delegation).
    SIDE = "Side";
    /// `nkg:InPerson`, a meeting mode.
    IN_PERSON = "InPerson";
    /// `nkg:PhoneCall`, a meeting mode.
    PHONE_CALL = "PhoneCall";
    /// `nkg:VideoCall`, a meeting mode.
    VIDEO_CALL = "VideoCall";
    /// `nkg:title` of a document.
    TITLE = "title";
    /// `nkg:published`: the publication date of a document.
    PUBLISHED = "published";
    /// `nkg:url` of a document.
    URL = "url";
    /// `nkg:contentHash`: the hash of a document's text (unchanged documents are skipped).
    CONTENT_HASH = "contentHash";
    /// `nkg:sourcePath`: where a document was read from.
    SOURCE_PATH = "sourcePath";
    /// `nkg:mentionedIn`: an entity is named in a document.
    MENTIONED_IN = "mentionedIn";
    /// `nkg:wikidata`: the Wikidata item of an entity.
    WIKIDATA_ITEM = "wikidata";
    /// `nkg:evidence`: the sentence behind a statement or meeting.
    EVIDENCE = "evidence";
    /// `nkg:rule`: the rule that found a statement or meeting.
    RULE = "rule";
    /// `nkg:confidence` (0 to 1).
    CONFIDENCE = "confidence";
    /// `nkg:role`: the cue word of a role ("special envoy").
    ROLE = "role";
    /// `nkg:text` of a sentence.
    TEXT = "text";
    /// `nkg:startChar`: character offset of a sentence in its document.
    START_CHAR = "startChar";
    /// `nkg:endChar`: end character offset (exclusive).
    END_CHAR = "endChar";
    /// `nkg:document` of a sentence.
    DOCUMENT_OF = "document";
    /// `nkg:participant` of a meeting.
    PARTICIPANT = "participant";
    /// `nkg:date` of a meeting.
    DATE = "date";
    /// `nkg:location` of a meeting.
    LOCATION = "location";
    /// `nkg:mode` of a meeting.
    MODE = "mode";
    /// `nkg:side` of a meeting.
    SIDE_OF = "side";
    /// `nkg:sideMember`: a participant on a side.
    SIDE_MEMBER = "sideMember";
    /// A recorded reason why a name was linked to an entity.
    LINK = "Link";
    /// A user's correction of the graph.
    CORRECTION = "Correction";
    /// The entity a link record links to.
    LINKED = "linked";
    /// The name as written.
    SURFACE = "surface";
    /// The rule that linked a name.
    LINK_RULE = "linkRule";
    /// What the linking rule relied on.
    LINK_EVIDENCE = "linkEvidence";
    /// The document graph a link was made in.
    LINKED_IN = "linkedIn";
    /// retract, assert, merge, split or rename.
    CORRECTION_KIND = "correctionKind";
    /// The entity a correction is about.
    ENTITY = "entity";
    /// The entity a merge keeps.
    INTO = "into";
    /// The document a split applies to.
    IN_DOCUMENT = "inDocument";
    /// The label a rename sets.
    NEW_LABEL = "newLabel";
    /// The correction that retracted a statement.
    RETRACTED_BY = "retractedBy";
    /// The correction that asserted a statement.
    ASSERTED_BY = "assertedBy";
    /// A correction that changed a meeting's participants or sides.
    CORRECTED_BY = "correctedBy";
}

/// `nkg:{local}` as an IRI string.
#[must_use]
pub fn nkg(local: &str) -> String {
    format!("{NKG}{local}")
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use oxigraph::io::{RdfFormat, RdfParser};
    use oxigraph::model::vocab::{rdf, rdfs};
    use oxigraph::model::{NamedOrBlankNode, Term, Triple};

    use super::*;
    use crate::Predicate;

    /// The triples of `ontology/newskg.ttl`.
    fn ontology() -> Vec<Triple> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/ontology/newskg.ttl");
        let file = std::fs::File::open(path).expect("ontology/newskg.ttl");
        RdfParser::from_format(RdfFormat::Turtle)
            .for_reader(file)
            .map(|q| q.expect("valid Turtle").into())
            .collect()
    }

    /// `nkg:` subjects of the ontology with their `rdfs:label`s.
    fn declared(triples: &[Triple]) -> BTreeMap<String, Vec<String>> {
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for t in triples {
            if let NamedOrBlankNode::NamedNode(s) = &t.subject {
                if s.as_str().starts_with(NKG) && s.as_str() != NKG {
                    let labels = out.entry(s.as_str().to_owned()).or_default();
                    if let (true, Term::Literal(l)) = (t.predicate == rdfs::LABEL, &t.object) {
                        labels.push(l.value().to_owned());
                    }
                }
            }
        }
        out
    }

    #[test]
    fn every_term_const_is_declared_in_the_ontology() {
        let declared = declared(&ontology());
        for term in TERMS {
            assert!(declared.contains_key(term.as_str()), "{term} not declared");
        }
        let mut unique: Vec<_> = TERMS.iter().map(|t| t.as_str()).collect();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), TERMS.len(), "a term is listed twice");
    }

    #[test]
    fn every_predicate_row_agrees_with_the_ontology() {
        let triples = ontology();
        let declared = declared(&triples);
        let symmetric = |p: &str| {
            triples.iter().any(|t| {
                t.subject.to_string() == format!("<{p}>")
                    && t.predicate == rdf::TYPE
                    && t.object.to_string() == "<http://www.w3.org/2002/07/owl#SymmetricProperty>"
            })
        };
        for (i, p) in Predicate::ALL.into_iter().enumerate() {
            assert_eq!(p as usize, i, "the table is indexed by variant");
            let iri = p.iri().as_str();
            let labels = declared
                .get(iri)
                .unwrap_or_else(|| panic!("{iri} not declared"));
            assert_eq!(labels, &[p.label().to_owned()], "label of {iri}");
            assert_eq!(p.is_symmetric(), symmetric(iri), "symmetry of {iri}");
            assert_eq!(Predicate::from_local_name(p.local_name()), Some(p));
        }
        // Every declared object property between entities is in the table, so a predicate
        // added to the ontology without a row fails here.
        for term in declared.keys() {
            let local = &term[NKG.len()..];
            let in_table = Predicate::from_local_name(local).is_some();
            let is_term = TERMS.iter().any(|t| t.as_str() == term);
            assert!(
                in_table || is_term || !is_relation(&triples, term),
                "{term} is declared as a relation but has no row in the vocabulary table"
            );
        }
    }

    /// A property whose domain and range are both entity classes.
    fn is_relation(triples: &[Triple], term: &str) -> bool {
        let entity = |o: &Term| {
            [super::PERSON, super::ORGANIZATION, super::PLACE]
                .iter()
                .any(|c| o.to_string() == format!("<{}>", c.as_str()))
                || o.to_string().contains("Agent")
                || o.is_blank_node()
        };
        let about = |p: NamedNodeRef<'_>| {
            triples
                .iter()
                .filter(|t| t.subject.to_string() == format!("<{term}>") && t.predicate == p)
                .any(|t| entity(&t.object))
        };
        about(rdfs::DOMAIN) && about(rdfs::RANGE)
    }
}
