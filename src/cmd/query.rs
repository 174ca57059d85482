//! `newskg query`: one SPARQL query over the union of all documents' graphs.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;

use newskg::internals::{MAX_NESTING, check_nesting, on_big_stack};
use newskg::{ResultFormat, Store};

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Output format (default: table on a terminal, json otherwise).
    #[arg(long, value_enum)]
    pub format: Option<ResultFormatArg>,
    /// The query, or @FILE to read it from a file.
    pub query: String,
}

/// Output formats for query results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ResultFormatArg {
    /// Aligned columns for people.
    Table,
    /// SPARQL 1.1 Query Results JSON (for SELECT/ASK); JSON-LD for graphs.
    Json,
    /// SPARQL Query Results XML; RDF/XML for graphs.
    Xml,
    /// CSV; N-Triples for graphs.
    Csv,
    /// TSV; N-Triples for graphs.
    Tsv,
}

impl From<ResultFormatArg> for ResultFormat {
    fn from(f: ResultFormatArg) -> ResultFormat {
        match f {
            ResultFormatArg::Table => ResultFormat::Table,
            ResultFormatArg::Json => ResultFormat::Json,
            ResultFormatArg::Xml => ResultFormat::Xml,
            ResultFormatArg::Csv => ResultFormat::Csv,
            ResultFormatArg::Tsv => ResultFormat::Tsv,
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let text = super::query_text(&args.query)?;
    // Deeper nesting overflows the parser's stack and aborts the process.
    check_nesting(&text, MAX_NESTING).map_err(|e| anyhow::anyhow!("SPARQL: {e}"))?;
    let store = Store::open_read_only(&args.store)?;
    let format = args.format.map_or(
        if std::io::stdout().is_terminal() {
            ResultFormat::Table
        } else {
            ResultFormat::Json
        },
        ResultFormat::from,
    );
    // On a big stack: parsing and evaluation recurse along the query's algebra (a chain of
    // 50,000 UNIONs overflowed the main thread's).
    on_big_stack(move || -> Result<()> {
        let mut out = std::io::stdout().lock();
        store.query_to(&text, format, &mut out)?;
        out.flush()?;
        Ok(())
    })
    .ok_or_else(|| anyhow::anyhow!("the query thread stopped"))??;
    Ok(ExitCode::SUCCESS)
}
