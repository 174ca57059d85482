//! The command line (clap derive only); handlers live in `main.rs`.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use newskg::InputFormat;
use newskg::export::View;
use newskg::store::ResultFormat;

/// The store used when `--store` is not given.
pub const DEFAULT_STORE: &str = "newskg-store";

/// newskg: news articles to a knowledge graph of who met whom, with evidence.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, about, long_about = None)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles and store their graphs (files, folders, or - for stdin).
    Build {
        /// Store directory (created if missing).
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
        /// Input format, instead of detecting it from the extension or content.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Publication date (YYYY-MM-DD) for documents that do not give one.
        #[arg(long)]
        date: Option<String>,
        /// No progress or summary on stderr.
        #[arg(long, short)]
        quiet: bool,
        /// Articles: files, folders (recursive), or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Run a SPARQL query (text, or @file.rq) over all documents.
    Query {
        /// Store directory.
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
        /// Output format (default: table on a terminal, json otherwise).
        #[arg(long, value_enum)]
        format: Option<ResultFormat>,
        /// The query, or @FILE to read it from a file.
        query: String,
    },
    /// Extract articles and print RDF, without a store.
    Extract {
        /// RDF format.
        #[arg(long, value_enum, default_value = "turtle")]
        format: RdfOut,
        /// Input format, instead of detecting it.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Publication date (YYYY-MM-DD) for documents that do not give one.
        #[arg(long)]
        date: Option<String>,
        /// Articles: files, folders, or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Draw the graph: who met whom (and roles) as DOT or SVG, or dump it as RDF.
    Export {
        /// Store directory.
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value = "dot")]
        format: ExportFormat,
        /// Which edges to draw.
        #[arg(long, value_enum, default_value = "meetings")]
        view: View,
        /// Draw the result of this CONSTRUCT (or SELECT ?s ?p ?o) query instead of a view:
        /// text, or @file.rq.
        #[arg(long, conflicts_with = "view")]
        query: Option<String>,
        /// Keep the ego network of this person or organisation (label or alias,
        /// case-insensitive).
        #[arg(long)]
        entity: Option<String>,
        /// Hops from --entity.
        #[arg(long, default_value_t = 1, requires = "entity")]
        depth: usize,
        /// Keep meetings on or after this date (YYYY-MM-DD); drops undated meetings.
        #[arg(long)]
        from: Option<String>,
        /// Keep meetings on or before this date (YYYY-MM-DD); drops undated meetings.
        #[arg(long)]
        to: Option<String>,
        /// Keep only these predicates (local names, comma-separated: metWith,envoyOf).
        #[arg(long, value_delimiter = ',')]
        relation: Vec<String>,
        /// Drop nodes with fewer edges than this.
        #[arg(long, default_value_t = 0)]
        min_degree: usize,
        /// Group people by the country or organisation they lead, serve or represent (DOT,
        /// SVG and PNG through Graphviz).
        #[arg(long)]
        cluster: bool,
        /// Who draws svg and png: Graphviz `dot`, the built-in layout (SVG only), or auto
        /// (Graphviz when on PATH, else built-in for svg).
        #[arg(long, value_enum, default_value = "auto")]
        renderer: Renderer,
        /// Write to this file instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Every entity mention in the text, with character offsets and the entity it refers to.
    Mentions {
        /// jsonl: one JSON object per mention; table: the text with mentions marked.
        #[arg(long, value_enum, default_value = "jsonl")]
        format: MentionFormat,
        /// Input format, instead of detecting it.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Articles: files, folders, or - for stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Counts: documents, entities by type, relations by predicate, meetings, quads, disk size.
    Stats {
        /// Store directory.
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
    },
    /// Remove documents (by id, IRI or file path) and the facts only they supported.
    Remove {
        /// Store directory.
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
        /// Documents.
        #[arg(required = true)]
        docs: Vec<String>,
    },
    /// Serve the store over HTTP: SPARQL 1.1 Protocol on /query, a web page on /.
    Serve {
        /// Store directory.
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
        /// Address to listen on (loopback by default: only this machine can connect).
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: String,
        /// Longest a query may run, in seconds; past it the client gets HTTP 503.
        #[arg(long, default_value_t = 30.0)]
        timeout: f64,
        /// Most solutions or triples one query may return; past it, HTTP 422.
        #[arg(long, default_value_t = 100_000)]
        max_results: usize,
        /// Largest request body in bytes; past it, HTTP 413.
        #[arg(long, default_value_t = 1 << 20)]
        max_body: usize,
        /// Accept SPARQL updates on /update (refused with 403 otherwise).
        #[arg(long)]
        writable: bool,
        /// No access log lines on stderr.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Load N-Quads from `newskg extract --format nquads` (run anywhere: other processes,
    /// machines, Spark) and link people across all documents of the store, as `build` does.
    Link {
        /// Store directory (created if missing).
        #[arg(long, default_value = DEFAULT_STORE)]
        store: PathBuf,
        /// Load only; link later with `newskg link --store DIR` (after the last part).
        #[arg(long)]
        no_link: bool,
        /// No summary on stderr.
        #[arg(long, short)]
        quiet: bool,
        /// N-Quads files (`.nq`, optionally `.gz`) or - for stdin, loaded in this order
        /// before linking; none: link the store as it is.
        inputs: Vec<PathBuf>,
    },
    /// Send the store's graphs (or those of articles) to a SPARQL Graph Store Protocol endpoint.
    Push {
        /// The remote SPARQL query endpoint (e.g. http://127.0.0.1:7878/query).
        #[arg(long)]
        endpoint: String,
        /// The remote Graph Store Protocol URL (default: the endpoint with /query or /sparql
        /// replaced by /store).
        #[arg(long)]
        graph_store: Option<String>,
        /// HTTP Basic authentication, user:password.
        #[arg(long)]
        auth: Option<String>,
        /// Store directory to push (default when no PATH is given: ./newskg-store).
        #[arg(long, conflicts_with = "paths")]
        store: Option<PathBuf>,
        /// Tries after a network error or a 5xx answer.
        #[arg(long, default_value_t = 3)]
        retries: u32,
        /// Articles to extract and push instead of a store (files, folders, or - for stdin).
        paths: Vec<PathBuf>,
    },
}

/// RDF output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RdfOut {
    /// Turtle (triples of all documents).
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads (one graph per document).
    Nquads,
    /// TriG (one graph per document).
    Trig,
    /// RDF/XML.
    Rdfxml,
    /// JSON-LD.
    Jsonld,
}

impl RdfOut {
    /// The Oxigraph format.
    #[must_use]
    pub fn format(self) -> oxigraph::io::RdfFormat {
        use oxigraph::io::RdfFormat;
        match self {
            RdfOut::Turtle => RdfFormat::Turtle,
            RdfOut::Ntriples => RdfFormat::NTriples,
            RdfOut::Nquads => RdfFormat::NQuads,
            RdfOut::Trig => RdfFormat::TriG,
            RdfOut::Rdfxml => RdfFormat::RdfXml,
            RdfOut::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        }
    }
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT.
    Dot,
    /// SVG, rendered by Graphviz `dot`, or the built-in layout without it.
    Svg,
    /// PNG, rendered by Graphviz `dot`.
    Png,
    /// GraphML (Gephi, yEd, Cytoscape, networkx).
    Graphml,
    /// JSON nodes and links (d3, vis.js).
    Json,
    /// Turtle (the whole graph).
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads.
    Nquads,
    /// TriG.
    Trig,
    /// RDF/XML.
    Rdfxml,
    /// JSON-LD.
    Jsonld,
}

/// Formats of `newskg mentions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MentionFormat {
    /// One JSON object per line.
    Jsonl,
    /// The sentences with mentions marked, for a person to read.
    Table,
}

/// Who renders SVG and PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Renderer {
    /// Graphviz when `dot` is on PATH, else the built-in layout (SVG only).
    Auto,
    /// Graphviz `dot`; an error when it is not installed.
    Graphviz,
    /// The built-in pure-Rust layout (SVG only; no clusters or legend).
    Builtin,
}
