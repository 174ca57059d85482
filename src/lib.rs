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

pub mod archive;
mod error;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod lexicon;
pub mod link;
mod model;
pub mod push;
pub mod rdf;
pub mod rules;
pub mod serve;
mod span;
pub mod sparql;
pub mod store;
pub mod text;

pub use error::{Error, Result};
pub use extract::{Entity, EntityId, Extraction, Meeting, Relation, extract};
pub use ingest::{Document, InputFormat, Inputs, Meta};
pub use lexicon::Lexicon;
pub use model::{Date, EntityType, PlaceKind, Predicate};
pub use rdf::{DocumentGraph, to_quads};
pub use span::{CharCounter, Span};
pub use store::Store;
