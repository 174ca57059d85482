//! Writes a reproducible synthetic news corpus as JSON Lines (optionally gzipped).
//!
//! ```sh
//! cargo run --release --example gen_corpus -- 10000 -o corpus-10k.jsonl
//! cargo run --release --example gen_corpus -- 1000 --seed 7 --gzip -o corpus-1k.jsonl.gz
//! ```
//!
//! `--text` writes only the article texts, one blank line between articles: the same text
//! newskg reads, for reference tools such as `wc -w`.
//!
//! The same count and seed give byte-identical output (gzip too: no timestamp, fixed level).

mod corpus;

use std::io::Write;

use anyhow::{Context, Result, bail};

const USAGE: &str = "usage: gen_corpus N [--seed S] [--gzip] [--text] [-o FILE]";

fn main() -> Result<()> {
    let mut n: Option<u64> = None;
    let mut seed = 1u64;
    let mut gzip = false;
    let mut text = false;
    let mut out: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = args.next().context(USAGE)?.parse().context(USAGE)?,
            "--gzip" => gzip = true,
            "--text" => text = true,
            "-o" | "--output" => out = Some(args.next().context(USAGE)?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if n.is_none() => n = Some(a.parse().context(USAGE)?),
            _ => bail!("{USAGE}"),
        }
    }
    let n = n.context(USAGE)?;
    let sink: Box<dyn Write> = match &out {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("{p}: cannot create"))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut sink: Box<dyn Write> = if gzip {
        Box::new(flate2::write::GzEncoder::new(
            sink,
            flate2::Compression::new(6),
        ))
    } else {
        sink
    };
    let mut w = std::io::BufWriter::with_capacity(1 << 20, &mut sink);
    let corpus = corpus::Corpus::new(seed);
    for i in 0..n {
        let a = corpus.article(i);
        if text {
            w.write_all(a.text.as_bytes())?;
            w.write_all(b"\n\n")?;
        } else {
            w.write_all(a.to_json_line().as_bytes())?;
        }
    }
    w.flush()?;
    drop(w);
    // GzEncoder writes its trailer on drop; flush what we can first so errors surface.
    sink.flush()?;
    Ok(())
}
