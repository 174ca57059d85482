//! `newskg link`: load N-Quads written by `newskg extract --format nquads` elsewhere, then
//! link people across every document of the store, as `build` does.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result};

use newskg::{Loader, Store, link_store};

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory (created if missing).
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Load only; link later with `newskg link --store DIR` (after the last part).
    #[arg(long)]
    pub no_link: bool,
    /// No summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// N-Quads files (`.nq`, optionally `.gz`) or - for stdin, loaded in this order
    /// before linking; none: link the store as it is.
    pub inputs: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        store,
        no_link,
        quiet,
        inputs,
    } = args;
    let started = Instant::now();
    // Nothing to load: the store must exist already.
    let db = if inputs.is_empty() {
        Store::open_existing(&store)?
    } else {
        Store::open(&store)?
    };
    let mut loader = Loader::new(&db)?;
    for input in &inputs {
        let name = input.display().to_string();
        loader.load(open(input, &name)?, &name)?;
    }
    let total = loader.summary();
    let linked = if no_link { 0 } else { link_store(&db)? };
    newskg::apply_corrections(&db, &store)?;
    if !quiet {
        eprintln!(
            "newskg link: {} documents from {} file{} ({} added, {} replaced, {} unchanged, {} quads read); {linked} surname-only people linked to full names; {} quads in {} in {:.2}s",
            total.documents(),
            inputs.len(),
            if inputs.len() == 1 { "" } else { "s" },
            total.added,
            total.replaced,
            total.unchanged,
            total.quads,
            db.len()?,
            store.display(),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A buffered reader of one input: stdin for `-`, gunzipped for `.gz`.
fn open(input: &Path, name: &str) -> Result<Box<dyn BufRead>> {
    if name == "-" {
        return Ok(Box::new(std::io::stdin().lock()));
    }
    let f = std::fs::File::open(input).with_context(|| format!("{name}: cannot open"))?;
    Ok(if name.ends_with(".gz") {
        Box::new(std::io::BufReader::with_capacity(
            1 << 20,
            flate2::read::MultiGzDecoder::new(f),
        ))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 20, f))
    })
}
