//! `newskg push`: send graphs to a SPARQL Graph Store Protocol endpoint.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use newskg::{EntityMode, Remote, push_store, remote_triples};
use newskg::{Lexicon, Pipeline, Store};

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The remote SPARQL query endpoint (e.g. http://127.0.0.1:7878/query).
    #[arg(long)]
    pub endpoint: String,
    /// The remote Graph Store Protocol URL (default: the endpoint with /query or /sparql
    /// replaced by /store).
    #[arg(long)]
    pub graph_store: Option<String>,
    /// HTTP Basic authentication, user:password.
    #[arg(long)]
    pub auth: Option<String>,
    /// Store directory to push (default when no PATH is given: ./newskg-store).
    #[arg(long, conflicts_with = "paths")]
    pub store: Option<PathBuf>,
    /// Tries after a network error or a 5xx answer.
    #[arg(long, default_value_t = 3)]
    pub retries: u32,
    /// Articles to extract and push instead of a store (files, folders, or - for stdin).
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        endpoint,
        graph_store,
        auth,
        store,
        retries,
        paths,
    } = args;
    let started = Instant::now();
    let remote =
        Remote::new(&endpoint, graph_store.as_deref(), auth.as_deref())?.with_retries(retries);
    // Articles are built into a temporary store first, so they are linked and
    // described exactly as `newskg build` would.
    let tmp = (!paths.is_empty()).then(|| {
        std::env::temp_dir().join(format!(
            "newskg-push-{}-{}",
            std::process::id(),
            started.elapsed().as_nanos()
        ))
    });
    let result = (|| -> Result<ExitCode> {
        let (dir, mode, mut code) = match &tmp {
            Some(dir) => {
                let pipeline = Pipeline::new(Lexicon::embedded());
                let built = super::build::build(&pipeline, dir, &paths, true)?;
                (
                    dir.clone(),
                    EntityMode::Merge,
                    super::exit_code(built.skipped),
                )
            }
            None => (
                store.unwrap_or_else(|| PathBuf::from(DEFAULT_STORE)),
                EntityMode::Replace,
                ExitCode::SUCCESS,
            ),
        };
        let store = Store::open_read_only(&dir)?;
        let summary = push_store(&store, &remote, mode)?;
        let remote_count = remote_triples(&store, &remote);
        eprintln!(
            "newskg push: {} document{} and the entity graph ({} triples) to {} in {:.2}s{}{}",
            summary.documents,
            if summary.documents == 1 { "" } else { "s" },
            summary.triples,
            remote.graph_store(),
            started.elapsed().as_secs_f64(),
            if summary.retried > 0 {
                format!(", {} retries", summary.retried)
            } else {
                String::new()
            },
            match &remote_count {
                Ok(n) => format!("; the endpoint holds {n} triples in these graphs"),
                Err(e) => format!("; cannot count them at the endpoint: {}", e.report()),
            }
        );
        if let Ok(n) = remote_count {
            if mode == EntityMode::Replace && n != summary.triples {
                eprintln!(
                    "newskg push: warning: sent {} triples but the endpoint holds {n}",
                    summary.triples
                );
                code = ExitCode::from(1);
            }
        }
        Ok(code)
    })();
    if let Some(dir) = &tmp {
        let _ = std::fs::remove_dir_all(dir);
    }
    result
}
