//! `newskg extract`: articles to RDF on stdout, without a store.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;
use rayon::iter::{IntoParallelRefIterator, ParallelIterator};

use newskg::{Date, Lexicon, Pipeline, extract, prefixed, push_lines, to_quads};

use super::InputFormatArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// RDF format.
    #[arg(long, value_enum, default_value = "turtle")]
    pub format: RdfOut,
    /// Input format, instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Publication date (YYYY-MM-DD) for documents that do not give one.
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<Date>,
    /// Articles: files, folders, or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// RDF output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RdfOut {
    /// Turtle (triples of all documents).
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads (one graph per document).
    Nquads,
    /// TriG (one graph per document).
    Trig,
    /// RDF/XML.
    Rdfxml,
    /// JSON-LD.
    Jsonld,
}

impl RdfOut {
    /// The Oxigraph format.
    pub fn format(self) -> oxigraph::io::RdfFormat {
        use oxigraph::io::RdfFormat;
        match self {
            RdfOut::Turtle => RdfFormat::Turtle,
            RdfOut::Ntriples => RdfFormat::NTriples,
            RdfOut::Nquads => RdfFormat::NQuads,
            RdfOut::Trig => RdfFormat::TriG,
            RdfOut::Rdfxml => RdfFormat::RdfXml,
            RdfOut::Jsonld => RdfFormat::JsonLd {
                profile: oxigraph::io::JsonLdProfileSet::empty(),
            },
        }
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    // The part-of-speech table (the largest start-up cost) loads on a worker while this
    // thread loads the word lists; whoever needs it first waits for it (`OnceLock`).
    rayon::spawn(|| {
        let _ = newskg::internals::pos::PosTable::embedded();
    });
    let format = args.format;
    let pipeline = Pipeline::new(Lexicon::embedded())
        .with_input_format(super::input_format(args.input_format))
        .with_default_date(args.date);
    let lex = pipeline.lexicon();
    let mut skipped = 0;
    let rdf = format.format();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    // Line formats are written per document in parallel; the others go through one
    // serializer (prefixes, grouping). Either way one window of documents at a time.
    let lines = matches!(format, RdfOut::Nquads | RdfOut::Ntriples);
    let mut ser = (!lines)
        .then(|| prefixed(oxigraph::io::RdfSerializer::from_format(rdf)).for_writer(Vec::new()));
    let windows = pipeline.windows(&args.paths, |e| {
        skipped += 1;
        eprintln!("newskg: skipped {}", e.report());
    });
    for batch in windows {
        if lines {
            let texts: Vec<String> = batch
                .par_iter()
                .map(|d| {
                    // About 17 bytes of lines per byte of text on generated news: room for
                    // most documents without growing.
                    let mut s = String::with_capacity(d.text.len() * 24);
                    push_lines(d, &extract(d, lex), format == RdfOut::Nquads, &mut s);
                    s
                })
                .collect();
            // Each document's lines go straight to standard output: no second copy through
            // the buffer.
            out.flush()?;
            for t in texts {
                out.get_mut().write_all(t.as_bytes())?;
            }
            continue;
        }
        let graphs: Vec<_> = batch
            .par_iter()
            .map(|d| to_quads(d, &extract(d, lex)))
            .collect();
        let ser = ser.as_mut().expect("set for non-line formats");
        for q in graphs.iter().flat_map(|g| &g.quads) {
            if rdf.supports_datasets() {
                ser.serialize_quad(q)?;
            } else {
                ser.serialize_triple(oxigraph::model::TripleRef::new(
                    &q.subject,
                    &q.predicate,
                    &q.object,
                ))?;
            }
        }
    }
    if let Some(ser) = ser {
        out.write_all(&ser.finish()?)?;
    }
    out.flush()?;
    Ok(super::exit_code(skipped))
}
