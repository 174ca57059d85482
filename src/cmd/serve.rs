//! `newskg serve`: the store over HTTP (SPARQL 1.1 Protocol and a web page).

use std::net::ToSocketAddrs;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};

use newskg::Store;
use newskg::{ServeOptions as Options, serve};

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Address to listen on (loopback by default: only this machine can connect).
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: String,
    /// Longest a query may run, in seconds; past it the client gets HTTP 503.
    #[arg(long, default_value_t = 30.0)]
    pub timeout: f64,
    /// Most solutions or triples one query may return; past it, HTTP 422.
    #[arg(long, default_value_t = 100_000)]
    pub max_results: usize,
    /// Largest request body in bytes; past it, HTTP 413.
    #[arg(long, default_value_t = 1 << 20)]
    pub max_body: usize,
    /// Accept SPARQL updates on /update (refused with 403 otherwise).
    #[arg(long)]
    pub writable: bool,
    /// No access log lines on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
        store,
        bind,
        timeout,
        max_results,
        max_body,
        writable,
        quiet,
    } = args;
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
