//! `newskg stats`: what a store holds, in counts.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;

use newskg::Store;

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let store = Store::open_read_only(&args.store)?;
    let s = store.stats()?;
    let mut out = std::io::stdout().lock();
    writeln!(out, "documents   {}", s.documents)?;
    for (class, n) in &s.entities {
        writeln!(out, "entities    {class:<14} {n}")?;
    }
    for (predicate, n) in &s.relations {
        writeln!(out, "relations   {predicate:<14} {n}")?;
    }
    // A store without meetings prints no meetings line (as the grouped count has no row).
    if s.meetings > 0 {
        let n = s.meetings;
        writeln!(out, "meetings    {n}")?;
    }
    writeln!(out, "quads       {}", s.quads)?;
    writeln!(out, "disk bytes  {}", s.disk_bytes)?;
    Ok(ExitCode::SUCCESS)
}
