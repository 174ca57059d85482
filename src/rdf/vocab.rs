//! The terms newskg writes: the `nkg:` namespace and the IRI schemes for minted resources.
//! Every `nkg:` term here is declared in `ontology/newskg.ttl` (a test checks it).

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
/// Wikidata entities.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// Classes of the ontology used by the builder.
pub const CLASSES: &[&str] = &[
    "Document",
    "Person",
    "Organization",
    "Place",
    "Country",
    "City",
    "Region",
    "Statement",
    "Sentence",
    "Meeting",
    "Link",
    "Correction",
];

/// Properties of the ontology used by the builder (besides the nine relations).
pub const PROPERTIES: &[&str] = &[
    "title",
    "published",
    "url",
    "contentHash",
    "sourcePath",
    "mentionedIn",
    "wikidata",
    "evidence",
    "rule",
    "confidence",
    "role",
    "text",
    "startChar",
    "endChar",
    "document",
    "participant",
    "date",
    "location",
    "linked",
    "surface",
    "linkRule",
    "linkEvidence",
    "linkedIn",
    "correctionKind",
    "entity",
    "into",
    "inDocument",
    "newLabel",
    "retractedBy",
    "assertedBy",
];

/// `nkg:{local}` as an IRI string.
#[must_use]
pub fn nkg(local: &str) -> String {
    format!("{NKG}{local}")
}
