//! Handlers of `newskg serve`, `newskg push` and `newskg link`.

use std::net::ToSocketAddrs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::cli::{Command, DEFAULT_STORE};
use newskg::Store;
use newskg::push::{EntityMode, Remote, push_store, remote_triples};
use newskg::serve::{Options, serve};

/// Runs `serve`, `push` or `link`.
pub fn run(cmd: Command) -> Result<ExitCode> {
    match cmd {
        Command::Serve {
            store,
            bind,
            timeout,
            max_results,
            max_body,
            writable,
            quiet,
        } => {
            let addr = bind
                .to_socket_addrs()
                .with_context(|| format!("--bind {bind}: not an address (want HOST:PORT)"))?
                .next()
                .with_context(|| format!("--bind {bind}: names no address"))?;
            if !(timeout.is_finite() && timeout > 0.0 && timeout < 1e7) {
                bail!("--timeout {timeout}: want a positive number of seconds");
            }
            let store = if writable {
                Store::open_existing(&store)?
            } else {
                Store::open_read_only(&store)?
            };
            serve(
                store,
                Options {
                    bind: addr,
                    timeout: Duration::from_secs_f64(timeout),
                    max_results,
                    max_body,
                    writable,
                    access_log: !quiet,
                    ..Options::default()
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Push {
            endpoint,
            graph_store,
            auth,
            store,
            retries,
            paths,
        } => {
            let started = Instant::now();
            let remote = Remote::new(&endpoint, graph_store.as_deref(), auth.as_deref())?
                .with_retries(retries);
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
                        let code = crate::build(dir, &paths, None, None, true)?;
                        (dir.clone(), EntityMode::Merge, code)
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
                        Err(e) => format!("; cannot count them at the endpoint: {e}"),
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
        Command::Link {
            store,
            no_link,
            quiet,
            inputs,
        } => {
            let started = Instant::now();
            // Nothing to load: the store must exist already.
            let db = if inputs.is_empty() {
                Store::open_existing(&store)?
            } else {
                Store::open(&store)?
            };
            let mut loader = newskg::archive::Loader::new(&db)?;
            for input in &inputs {
                let name = input.display().to_string();
                let reader: Box<dyn std::io::BufRead> = if name == "-" {
                    Box::new(std::io::stdin().lock())
                } else {
                    let f = std::fs::File::open(input)
                        .with_context(|| format!("{name}: cannot open"))?;
                    if name.ends_with(".gz") {
                        Box::new(std::io::BufReader::with_capacity(
                            1 << 20,
                            flate2::read::MultiGzDecoder::new(f),
                        ))
                    } else {
                        Box::new(std::io::BufReader::with_capacity(1 << 20, f))
                    }
                };
                loader.load(reader, &name)?;
            }
            let total = loader.summary();
            let linked = if no_link {
                0
            } else {
                newskg::archive::link_store(&db)?
            };
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
        _ => unreachable!("serve_cmd::run is called with Serve, Push or Link"),
    }
}
