//! `newskg man`: manual pages (roff), generated from the clap definition.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::CommandFactory;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The page of this subcommand (e.g. build) instead of the main page.
    pub command: Option<String>,
    /// Write every page (newskg.1, newskg-build.1, ...) into this folder instead.
    #[arg(long, conflicts_with = "command")]
    pub out_dir: Option<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let mut cmd = super::Cli::command().disable_help_subcommand(true);
    if let Some(dir) = args.out_dir {
        std::fs::create_dir_all(&dir)
            .and_then(|()| clap_mangen::generate_to(cmd, &dir))
            .with_context(|| format!("{}: cannot write the manual pages", dir.display()))?;
        return Ok(ExitCode::SUCCESS);
    }
    // Building fills in the subcommands' display names (`newskg-build`).
    cmd.build();
    let page = match &args.command {
        Some(name) => cmd
            .find_subcommand(name)
            .cloned()
            .with_context(|| format!("{name}: not a newskg subcommand"))?,
        None => cmd,
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    std::io::stdout().lock().write_all(&out)?;
    Ok(ExitCode::SUCCESS)
}
