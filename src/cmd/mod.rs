//! The command line: the clap definition of each subcommand sits in its own module with the
//! `run` that handles it; this module holds what they share, and turns raw arguments into
//! typed values (dates, document IRIs, query text) in one place.

pub mod build;
pub mod completions;
pub mod correct;
pub mod export;
pub mod extract;
pub mod link;
pub mod man;
pub mod mentions;
pub mod push;
pub mod query;
pub mod remove;
pub mod repair;
pub mod serve;
pub mod stats;

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Parser, Subcommand, ValueEnum};
use oxigraph::model::NamedNode;

use newskg::{Date, InputFormat, Predicate, View};

/// The store used when `--store` is not given.
pub const DEFAULT_STORE: &str = "newskg-store";

/// newskg: news articles to a knowledge graph of who met whom, with evidence.
#[derive(Debug, Parser)]
#[command(name = "newskg", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract articles and store their graphs (files, folders, or - for stdin).
    Build(build::Args),
    /// Run a SPARQL query (text, or @file.rq) over all documents.
    Query(query::Args),
    /// Extract articles and print RDF, without a store.
    Extract(extract::Args),
    /// Draw the graph: who met whom (and roles) as DOT or SVG, or dump it as RDF.
    Export(export::Args),
    /// Every entity mention in the text, with character offsets and the entity it refers to.
    Mentions(mentions::Args),
    /// Counts: documents, entities by type, relations by predicate, meetings, quads, disk size.
    Stats(stats::Args),
    /// Remove documents (by id, IRI or file path) and the facts only they supported.
    Remove(remove::Args),
    /// Repair a store folder that lost its CURRENT file (after copying it to a backup).
    Repair(repair::Args),
    /// Correct the graph (retract or assert a fact, merge, split, rename), or list corrections.
    Correct(correct::Args),
    /// Serve the store over HTTP: SPARQL 1.1 Protocol on /query, a web page on /.
    Serve(serve::Args),
    /// Load N-Quads from `newskg extract --format nquads` (run anywhere: other processes,
    /// machines, Spark) and link people across all documents of the store, as `build` does.
    Link(link::Args),
    /// Send the store's graphs (or those of articles) to a SPARQL Graph Store Protocol endpoint.
    Push(push::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff), or write every page into a folder.
    Man(man::Args),
}

impl Command {
    /// Runs the subcommand: exit code 0 when all went well, 1 when inputs were skipped.
    pub fn run(self) -> Result<ExitCode> {
        match self {
            Command::Build(a) => build::run(a),
            Command::Query(a) => query::run(a),
            Command::Extract(a) => extract::run(a),
            Command::Export(a) => export::run(a),
            Command::Mentions(a) => mentions::run(a),
            Command::Stats(a) => stats::run(a),
            Command::Remove(a) => remove::run(a),
            Command::Repair(a) => repair::run(a),
            Command::Correct(a) => correct::run(a),
            Command::Serve(a) => serve::run(a),
            Command::Link(a) => link::run(a),
            Command::Push(a) => push::run(a),
            Command::Completions(a) => completions::run(a),
            Command::Man(a) => man::run(a),
        }
    }
}

/// Input formats (`--input-format`); the library's [`InputFormat`] knows nothing of clap.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormatArg {
    /// Plain text: first line is the headline, one paragraph per line or blank-line separated.
    Text,
    /// An HTML page.
    Html,
    /// Markdown, optionally with YAML front matter.
    Markdown,
    /// JSON Lines: one `{"id","url","title","date","text"|"html"}` object per line.
    Jsonl,
    /// One JSON article object, or an array of them.
    Json,
}

impl From<InputFormatArg> for InputFormat {
    fn from(f: InputFormatArg) -> InputFormat {
        match f {
            InputFormatArg::Text => InputFormat::Text,
            InputFormatArg::Html => InputFormat::Html,
            InputFormatArg::Markdown => InputFormat::Markdown,
            InputFormatArg::Jsonl => InputFormat::Jsonl,
            InputFormatArg::Json => InputFormat::Json,
        }
    }
}

/// `--input-format`, if given, as the library's type.
pub fn input_format(f: Option<InputFormatArg>) -> Option<InputFormat> {
    f.map(InputFormat::from)
}

/// `--date`, `--from`, `--to`: `YYYY-MM-DD` (a time after it is ignored), as a [`Date`].
pub fn parse_date(s: &str) -> std::result::Result<Date, String> {
    Date::parse_iso(s).ok_or_else(|| "not a date (want YYYY-MM-DD)".to_owned())
}

/// `--relation`: a predicate the views draw, by its local name (`metWith`); on a bad value
/// clap names the flag and lists the predicates.
pub fn drawn_predicate() -> impl TypedValueParser<Value = Predicate> {
    PossibleValuesParser::new(
        View::All
            .predicates()
            .into_iter()
            .map(Predicate::local_name),
    )
    .map(|s| Predicate::from_local_name(&s).expect("a possible value names a predicate"))
}

/// A term of `newskg correct`: an IRI, `<IRI>` or a prefixed name (`id:person/x`,
/// `nkg:metWith`, `doc:a`).
pub fn parse_term(s: &str) -> std::result::Result<NamedNode, String> {
    newskg::expand_term(s).map_err(|e| e.to_string())
}

/// A query argument: the text itself, or `@FILE` to read it from a file.
pub fn query_text(q: &str) -> Result<String> {
    match q.strip_prefix('@') {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read query file"))
        }
        None => Ok(q.to_owned()),
    }
}

/// A document IRI from an id, an IRI or the path of the file it was built from.
pub fn parse_document(d: &str) -> std::result::Result<NamedNode, String> {
    if d.starts_with("https://") || d.starts_with("http://") {
        return NamedNode::new(d).map_err(|e| format!("not an IRI: {e}"));
    }
    let name = Path::new(d)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(d);
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    Ok(newskg::document_iri(&newskg::slug(stem)))
}

/// Exit code 1 when some inputs were skipped, else 0.
pub fn exit_code(skipped: usize) -> ExitCode {
    if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
