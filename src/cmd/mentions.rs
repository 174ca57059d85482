//! `newskg mentions`: every entity mention, as JSON Lines or as marked-up text.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::ValueEnum;

use newskg::{CharCounter, Lexicon, MentionSource, Pipeline, entity_iri, extract};

use super::InputFormatArg;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// jsonl: one JSON object per mention; table: the text with mentions marked.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: MentionFormat,
    /// Input format, instead of detecting it.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Articles: files, folders, or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// Formats of `newskg mentions`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MentionFormat {
    /// One JSON object per line.
    Jsonl,
    /// The sentences with mentions marked, for a person to read.
    Table,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let format = args.format;
    let pipeline = Pipeline::new(Lexicon::embedded())
        .with_input_format(super::input_format(args.input_format));
    let lex = pipeline.lexicon();
    let mut skipped = 0;
    let color = format == MentionFormat::Table && std::io::stdout().is_terminal();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let windows = pipeline.windows(&args.paths, |e| {
        skipped += 1;
        eprintln!("newskg: skipped {}", e.report());
    });
    for batch in windows {
        for doc in &batch {
            let x = extract(doc, lex);
            let mut chars = CharCounter::new(&doc.text);
            let mut rows = Vec::new();
            for (m, e) in x.mentions.iter().zip(&x.mention_entity) {
                let Some(e) = e else { continue };
                let ent = &x.entities[e.index()];
                let kind = match m.source {
                    MentionSource::Nationality(_) => "Nationality",
                    _ => ent.ty.class(),
                };
                rows.push((m, ent, kind));
            }
            rows.sort_by_key(|(m, _, _)| m.span.start);
            match format {
                MentionFormat::Jsonl => {
                    for (m, ent, kind) in &rows {
                        let (start, end) =
                            (chars.chars_at(m.span.start), chars.chars_at(m.span.end));
                        let line = serde_json::json!({
                            "document": doc.origin,
                            "start": start,
                            "end": end,
                            "text": &doc.text[m.span],
                            "type": kind,
                            "entity": entity_iri(ent).as_str(),
                        });
                        writeln!(out, "{line}")?;
                    }
                }
                MentionFormat::Table => {
                    writeln!(out, "== {}", doc.origin)?;
                    for s in &x.sentences {
                        let mut line = String::new();
                        let mut at = s.start;
                        for (m, ent, kind) in rows.iter().filter(|(m, _, _)| s.contains(m.span)) {
                            line.push_str(&doc.text[at..m.span.start]);
                            let text = &doc.text[m.span];
                            if color {
                                let code = match *kind {
                                    "Person" => "1;34",
                                    "Organization" => "1;33",
                                    "Nationality" => "2;32",
                                    _ => "1;32",
                                };
                                line.push_str(&format!("\x1b[{code}m{text}\x1b[0m"));
                            } else {
                                line.push_str(&format!("[{text}|{kind}: {}]", ent.name));
                            }
                            at = m.span.end;
                        }
                        line.push_str(&doc.text[at..s.end]);
                        writeln!(out, "{line}")?;
                    }
                }
            }
        }
    }
    out.flush()?;
    Ok(super::exit_code(skipped))
}
