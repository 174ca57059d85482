//! newskg turns news articles into a knowledge graph of who met whom, who serves whom and
//! who leads what, with the sentence behind every fact.
//!
//! ```text
//! bytes ─► Document ─► Sentences/Tokens ─► Mentions ─► Entities ─► Relations/Meetings ─► RDF quads ─► Store
//!  ingest     text          text            extract     extract         extract              rdf         store
//! ```
//!
//! ```
//! use newskg::{Document, InputFormat, Lexicon, extract};
//! let doc = Document::from_bytes("talks.txt", "Talks in Moscow\nRussian President Vladimir Putin hosted US special envoy Steve Witkoff at the Kremlin on Tuesday (December 2, 2025).\n".as_bytes(), InputFormat::Text).unwrap();
//! let x = extract(&doc, Lexicon::embedded());
//! let names: Vec<&str> = x.entities.iter().map(|e| e.name.as_str()).collect();
//! assert!(names.contains(&"Vladimir Putin") && names.contains(&"Steve Witkoff"));
//! assert_eq!(x.meetings[0].date.unwrap().to_string(), "2025-12-02");
//! ```

// Modules in the order of the data flow; all private: the API is the list below.
mod archive;
mod correct;
mod error;
mod export;
mod extract;
mod identity;
mod ingest;
mod lexicon;
mod link;
mod model;
mod pipeline;
mod push;
mod rdf;
mod rules;
mod serve;
mod span;
mod sparql;
mod stats;
mod store;
mod text;

pub use error::{Cause, Error, Result};
pub use model::{Date, EntityType, PlaceKind, Predicate, PredicateInfo};
pub use span::{CharCounter, Span};

// Reading articles.
pub use ingest::{Document, InputFormat, Inputs, Meta, slug};
pub use lexicon::Lexicon;

// Extraction: one document to entities, relations and meetings.
pub use extract::{
    Entity, EntityId, Extraction, Meeting, Mention, MentionSource, Relation, extract,
};
pub use rules::Mode;

// RDF and the store.
pub use correct::{
    Change, Correction, FILE as CORRECTIONS_FILE, apply as apply_corrections,
    expand as expand_term, load as load_corrections, record as record_correction,
};
pub use ingest::check_paths;
pub use link::{Linker, link_store};
pub use pipeline::{BuildSummary, Event, Pipeline, WINDOW};
pub use rdf::{
    DocumentGraph, document_iri, entity_iri, prefixed, push_lines, push_nquad, push_ntriple,
    shorten, to_quads, vocab,
};
pub use stats::StoreStats;
pub use store::{LoadOutcome, ResultFormat, Store};

// Archives beyond one machine: N-Quads from `extract` run anywhere, loaded and linked.
pub use archive::{LoadSummary, Loader, load_nquads};

// Views of the graph: DOT, SVG, GraphML, JSON.
pub use export::{
    DotOptions, Edge, Filter, GraphView, Node, View, to_dot, to_graphml, to_json, to_svg,
};

// The SPARQL protocol: serving a store, pushing to a remote one.
pub use push::{EntityMode, Remote, Summary as PushSummary, push_store, remote_triples};
pub use serve::{Options as ServeOptions, Service, serve};

/// Stage internals for the benchmarks and the rule tests, and the SPARQL text guards for
/// `newskg query` and `examples/fuzz.rs`; not part of the API.
#[doc(hidden)]
pub mod internals {
    pub use crate::extract::mention;
    pub use crate::lexicon::pos;
    pub use crate::rules::{Emit, RuleMask, RuleSet};
    pub use crate::sparql::{BIG_STACK, MAX_NESTING, check_nesting, on_big_stack};
    pub use crate::text::{Sentence, split};
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every public type can cross threads (the pipeline and the server share them).
    #[test]
    fn public_types_are_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Error>();
        assert_send_sync::<Document>();
        assert_send_sync::<InputFormat>();
        // Not `Inputs`: it reads one file or stdin at a time, on the thread that made it.
        assert_send_sync::<Meta>();
        assert_send_sync::<Lexicon>();
        assert_send_sync::<Extraction>();
        assert_send_sync::<Entity>();
        assert_send_sync::<EntityId>();
        assert_send_sync::<Mention>();
        assert_send_sync::<Relation>();
        assert_send_sync::<Meeting>();
        assert_send_sync::<Mode>();
        assert_send_sync::<Date>();
        assert_send_sync::<Predicate>();
        assert_send_sync::<PredicateInfo>();
        assert_send_sync::<Span>();
        assert_send_sync::<DocumentGraph>();
        assert_send_sync::<Store>();
        assert_send_sync::<StoreStats>();
        assert_send_sync::<Change>();
        assert_send_sync::<Correction>();
        assert_send_sync::<Linker>();
        assert_send_sync::<Pipeline<'static>>();
        assert_send_sync::<BuildSummary>();
        assert_send_sync::<GraphView>();
        assert_send_sync::<Filter>();
        assert_send_sync::<Service>();
        assert_send_sync::<ServeOptions>();
        assert_send_sync::<Remote>();
        assert_send_sync::<PushSummary>();
        assert_send_sync::<LoadSummary>();
        assert_send_sync::<Loader<'static>>();
    }

    /// Results serialise with serde: ids as numbers, dates as ISO text, spans as byte ranges.
    #[test]
    fn extractions_serialize_to_json() {
        let doc = Document::from_bytes(
            "t.txt",
            "Talks\nFrench President Emmanuel Macron met German Chancellor Friedrich Merz in Paris on 3 June 2025.\n".as_bytes(),
            InputFormat::Text,
        )
        .unwrap();
        let x = extract(&doc, Lexicon::embedded());
        let v = serde_json::to_value(&x).unwrap();
        assert_eq!(v["meetings"][0]["date"], "2025-06-03");
        let names: Vec<&str> = v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["name"].as_str())
            .collect();
        assert!(names.contains(&"Emmanuel Macron"), "{names:?}");
        let span = &v["mentions"][0]["span"];
        let (start, end) = (
            span["start"].as_u64().unwrap(),
            span["end"].as_u64().unwrap(),
        );
        assert!(start < end && end as usize <= doc.text.len(), "{span}");
        let p = serde_json::to_value(Predicate::EnvoyOf).unwrap();
        assert_eq!(p, "EnvoyOf");
    }
}
