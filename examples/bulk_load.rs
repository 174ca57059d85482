//! Oxigraph's own bulk load of N-Quads into a fresh store: the baseline `newskg build` is
//! measured against, and the last step of distributed extraction (docs/SCALE.md).
//!
//! ```sh
//! cargo run --release --example bulk_load -- STORE_DIR part-1.nq part-2.nq ...   # or - for stdin
//! ```
//!
//! Prints the number of quads in the store and the seconds the load took.

use std::io::Read;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use oxigraph::io::RdfFormat;
use oxigraph::store::Store;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((dir, files)) = args.split_first() else {
        bail!("usage: bulk_load STORE_DIR FILE.nq... (- for stdin)");
    };
    let started = Instant::now();
    let store = Store::open(dir).with_context(|| format!("{dir}: cannot open store"))?;
    let mut loader = store.bulk_loader();
    for f in files {
        let reader: Box<dyn Read> = if f == "-" {
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(f).with_context(|| format!("{f}: cannot open"))?)
        };
        loader
            .load_from_reader(RdfFormat::NQuads, std::io::BufReader::new(reader))
            .with_context(|| format!("{f}: cannot load"))?;
    }
    loader.commit()?;
    let secs = started.elapsed().as_secs_f64();
    println!("quads {}", store.len()?);
    println!("seconds {secs:.3}");
    Ok(())
}
