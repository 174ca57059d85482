//! `newskg repair`: bring back a store folder that lost its `CURRENT` file.

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
    let (backup, docs) = Store::repair(&args.store)?;
    eprintln!(
        "newskg: repaired {}: CURRENT points at its newest MANIFEST again; {docs} document{} open; the folder as it was is in {}",
        args.store.display(),
        if docs == 1 { "" } else { "s" },
        backup.display()
    );
    Ok(ExitCode::SUCCESS)
}
