//! `newskg remove`: drop documents and the facts only they supported.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use oxigraph::model::NamedNode;

use newskg::Store;

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Documents: ids, IRIs or the paths they were built from.
    #[arg(required = true, value_parser = super::parse_document)]
    pub docs: Vec<NamedNode>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let store = Store::open_existing(&args.store)?;
    let iris = args.docs;
    store.remove(&iris)?;
    // Corrections hold after a removal as after a build.
    newskg::apply_corrections(&store, &args.store)?;
    eprintln!(
        "newskg: removed {} document{}",
        iris.len(),
        if iris.len() == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}
