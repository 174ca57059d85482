//! The `newskg` command: parse, run, map errors to exit codes (0 ok, 1 some documents
//! skipped, 2 usage or fatal error).

mod cli;
mod serve_cmd;

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use rayon::prelude::*;

use cli::{Args, Command, ExportFormat, MentionFormat, RdfOut, Renderer};
use newskg::export::dot::{self, DotOptions};
use newskg::export::{Filter, GraphView, graphml, json, svg};
use newskg::link::Linker;
use newskg::rdf::{document_iri, prefixed, to_quads};
use newskg::store::{LoadOutcome, ResultFormat};
use newskg::{Date, Document, InputFormat, Inputs, Lexicon, Store, extract};

/// Documents extracted in parallel and stored in one transaction.
const BATCH: usize = 512;

fn main() -> ExitCode {
    let args = Args::parse();
    match run(args) {
        Ok(code) => code,
        Err(e) => {
            if e.chain().any(|c| {
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::SUCCESS;
            }
            let mut msg = format!("newskg: error: {e}");
            for cause in e.chain().skip(1) {
                msg.push_str(&format!(": {cause}"));
            }
            eprintln!("{msg}");
            ExitCode::from(2)
        }
    }
}

fn run(args: Args) -> Result<ExitCode> {
    match args.command {
        Command::Build {
            store,
            input_format,
            date,
            quiet,
            paths,
        } => build(
            &store,
            &paths,
            input_format,
            parse_date(date.as_deref())?,
            quiet,
        ),
        Command::Query {
            store,
            format,
            query,
        } => {
            let text = read_query(&query)?;
            // Deeper nesting overflows the parser's stack and aborts the process.
            newskg::sparql::check_nesting(&text, newskg::sparql::MAX_NESTING)
                .map_err(|e| anyhow::anyhow!("SPARQL: {e}"))?;
            let store = Store::open_read_only(&store)?;
            let format = format.unwrap_or(if std::io::stdout().is_terminal() {
                ResultFormat::Table
            } else {
                ResultFormat::Json
            });
            // On a big stack: parsing and evaluation recurse along the query's algebra (a
            // chain of 50,000 UNIONs overflowed the main thread's).
            newskg::sparql::on_big_stack(move || -> Result<()> {
                let mut out = std::io::stdout().lock();
                store.query_to(&text, format, &mut out)?;
                out.flush()?;
                Ok(())
            })
            .ok_or_else(|| anyhow::anyhow!("the query thread stopped"))??;
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            format,
            input_format,
            date,
            paths,
        } => extract_cmd(&paths, format, input_format, parse_date(date.as_deref())?),
        cmd @ Command::Export { .. } => export(cmd),
        Command::Stats { store } => stats(&store),
        Command::Mentions {
            format,
            input_format,
            paths,
        } => mentions(&paths, format, input_format),
        cmd @ (Command::Serve { .. } | Command::Push { .. } | Command::Link { .. }) => {
            serve_cmd::run(cmd)
        }
        Command::Remove { store, docs } => {
            let store = Store::open_existing(&store)?;
            let iris: Vec<_> = docs.iter().map(|d| doc_iri_of(d)).collect();
            store.remove(&iris)?;
            eprintln!(
                "newskg: removed {} document{}",
                iris.len(),
                if iris.len() == 1 { "" } else { "s" }
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_date(s: Option<&str>) -> Result<Option<Date>> {
    s.map(|s| {
        Date::parse_iso(s).with_context(|| format!("--date {s}: not a date (want YYYY-MM-DD)"))
    })
    .transpose()
}

fn read_query(q: &str) -> Result<String> {
    match q.strip_prefix('@') {
        Some(path) => {
            std::fs::read_to_string(path).with_context(|| format!("{path}: cannot read query file"))
        }
        None => Ok(q.to_owned()),
    }
}

/// A document IRI from an id, an IRI or a file path.
fn doc_iri_of(d: &str) -> oxigraph::model::NamedNode {
    if d.starts_with("https://") || d.starts_with("http://") {
        return oxigraph::model::NamedNode::new_unchecked(d);
    }
    let name = Path::new(d)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(d);
    let name = name.strip_suffix(".gz").unwrap_or(name);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    document_iri(&newskg::ingest::slug(stem))
}

/// Reads documents in windows of [`BATCH`], reporting and skipping bad ones.
fn batches<'a>(
    paths: &'a [PathBuf],
    format: Option<InputFormat>,
    date: Option<Date>,
    skipped: &'a mut usize,
) -> impl Iterator<Item = Vec<Document>> + 'a {
    let mut inputs = Inputs::new(paths, format);
    std::iter::from_fn(move || {
        let mut batch = Vec::with_capacity(BATCH);
        for item in inputs.by_ref() {
            match item {
                Ok(mut doc) => {
                    if doc.meta.published.is_none() {
                        doc.meta.published = date;
                    }
                    batch.push(doc);
                    if batch.len() == BATCH {
                        break;
                    }
                }
                Err(e) => {
                    *skipped += 1;
                    eprintln!("newskg: skipped {e}");
                }
            }
        }
        (!batch.is_empty()).then_some(batch)
    })
}

fn build(
    store_dir: &Path,
    paths: &[PathBuf],
    format: Option<InputFormat>,
    date: Option<Date>,
    quiet: bool,
) -> Result<ExitCode> {
    let started = Instant::now();
    let store = Store::open(store_dir)?;
    let fresh = store.is_empty()?;
    let lex = Lexicon::embedded();
    let mut linker = Linker::from_store(&store)?;
    let mut skipped = 0;
    let (mut entities, mut relations, mut meetings) = (0, 0, 0);
    let progress = !quiet && std::io::stderr().is_terminal();
    let (total_bytes, gz) = if progress {
        input_size(paths)
    } else {
        (0, false)
    };
    let (mut docs_seen, mut bytes_seen) = (0usize, 0usize);
    // Extraction (all cores, rayon) overlaps with loading (one thread): a bounded channel
    // keeps at most two batches in memory.
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<newskg::DocumentGraph>>(2);
    let outcomes = std::thread::scope(|scope| -> Result<(usize, usize, usize)> {
        let store = &store;
        let loader = scope.spawn(move || -> Result<(usize, usize, usize)> {
            let (mut added, mut replaced, mut unchanged) = (0, 0, 0);
            let mut ids = std::collections::HashSet::new();
            for graphs in rx {
                // A fresh store takes the bulk loader, unless a document repeats in the input.
                if fresh && graphs.iter().all(|g| ids.insert(g.iri.clone())) {
                    added += graphs.len();
                    store.bulk_load(graphs)?;
                    continue;
                }
                for o in store.load(&graphs)? {
                    match o {
                        LoadOutcome::Added => added += 1,
                        LoadOutcome::Replaced => replaced += 1,
                        LoadOutcome::Unchanged => unchanged += 1,
                    }
                }
            }
            Ok((added, replaced, unchanged))
        });
        for batch in batches(paths, format, date, &mut skipped) {
            let mut extractions: Vec<_> = batch.par_iter().map(|d| extract(d, lex)).collect();
            linker.link_batch(&mut extractions);
            let graphs: Vec<_> = batch
                .par_iter()
                .zip(&extractions)
                .map(|(d, x)| to_quads(d, x))
                .collect();
            for g in &graphs {
                entities += g.counts.0;
                relations += g.counts.1;
                meetings += g.counts.2;
            }
            docs_seen += batch.len();
            bytes_seen += batch.iter().map(|d| d.text.len()).sum::<usize>();
            if tx.send(graphs).is_err() {
                break;
            }
            if progress {
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                // ETA from the input size on disk (text size approximates it; gzip and HTML
                // make it rougher).
                let rate = bytes_seen as f64 / secs;
                let eta = (total_bytes > bytes_seen as u64 && !gz)
                    .then(|| (total_bytes - bytes_seen as u64) as f64 / rate.max(1.0));
                eprint!(
                    "\rnewskg: {docs_seen} documents, {:.0} docs/s, {:.1} MB/s{}   ",
                    docs_seen as f64 / secs,
                    rate / 1e6,
                    eta.map_or(String::new(), |e| format!(", ETA {e:.0}s"))
                );
            }
        }
        drop(tx);
        loader
            .join()
            .map_err(|_| anyhow::anyhow!("the loader thread panicked"))?
    })?;
    let (added, replaced, unchanged) = outcomes;
    let relinked = linker.relink_store(&store)?;
    if progress {
        eprintln!();
    }
    if !quiet {
        eprintln!(
            "newskg: {} documents into {} ({added} added, {replaced} replaced, {unchanged} unchanged), {skipped} skipped; {entities} entities, {relations} relations, {meetings} meetings{} in {:.2}s",
            added + replaced + unchanged,
            store_dir.display(),
            if relinked > 0 {
                format!(", {relinked} surname-only people linked to full names")
            } else {
                String::new()
            },
            started.elapsed().as_secs_f64()
        );
    }
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn extract_cmd(
    paths: &[PathBuf],
    format: RdfOut,
    input: Option<InputFormat>,
    date: Option<Date>,
) -> Result<ExitCode> {
    use std::fmt::Write as _;
    let lex = Lexicon::embedded();
    let mut skipped = 0;
    let rdf = format.format();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, std::io::stdout().lock());
    // Line formats are written per document in parallel; the others go through one
    // serializer (prefixes, grouping). Either way one window of documents at a time.
    let lines = matches!(format, RdfOut::Nquads | RdfOut::Ntriples);
    let mut ser = (!lines)
        .then(|| prefixed(oxigraph::io::RdfSerializer::from_format(rdf)).for_writer(Vec::new()));
    for batch in batches(paths, input, date, &mut skipped) {
        if lines {
            let texts: Vec<String> = batch
                .par_iter()
                .map(|d| {
                    let g = to_quads(d, &extract(d, lex));
                    let mut s = String::with_capacity(g.quads.len() * 160);
                    for q in &g.quads {
                        let _ = if format == RdfOut::Nquads {
                            writeln!(s, "{q} .")
                        } else {
                            writeln!(
                                s,
                                "{} .",
                                oxigraph::model::TripleRef::new(
                                    &q.subject,
                                    &q.predicate,
                                    &q.object
                                )
                            )
                        };
                    }
                    s
                })
                .collect();
            for t in texts {
                out.write_all(t.as_bytes())?;
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
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn export(cmd: Command) -> Result<ExitCode> {
    let Command::Export {
        store: store_dir,
        format,
        view,
        query,
        entity,
        depth,
        from,
        to,
        relation,
        min_degree,
        cluster,
        renderer,
        output,
    } = cmd
    else {
        unreachable!("export is called with the Export command");
    };
    for (flag, d) in [("--from", &from), ("--to", &to)] {
        if let Some(d) = d {
            if Date::parse_iso(d).is_none() || d.len() != 10 {
                bail!("{flag} {d}: not a date (want YYYY-MM-DD)");
            }
        }
    }
    if query.is_none() {
        for r in &relation {
            if r != "metWith" && !newskg::export::ROLE_PREDICATES.contains(&r.as_str()) {
                bail!(
                    "--relation {r}: not a relation of the views (metWith, {})",
                    newskg::export::ROLE_PREDICATES.join(", ")
                );
            }
        }
    }
    let store = Store::open_read_only(&store_dir)?;
    let bytes = match format {
        ExportFormat::Dot
        | ExportFormat::Svg
        | ExportFormat::Png
        | ExportFormat::Graphml
        | ExportFormat::Json => {
            let g = match &query {
                Some(q) => GraphView::from_query(&store, &read_query(q)?)?,
                None => GraphView::from_store(&store, view)?,
            };
            let filter = Filter {
                entity,
                depth,
                from,
                to,
                relations: relation,
                min_degree,
            };
            let g = g.filtered(&filter)?;
            let text = || dot::to_dot(&g, &DotOptions::default().with_cluster(cluster));
            match (format, renderer) {
                (ExportFormat::Dot, _) => text().into_bytes(),
                (ExportFormat::Graphml, _) => graphml::to_graphml(&g).into_bytes(),
                (ExportFormat::Json, _) => json::to_json(&g).into_bytes(),
                (ExportFormat::Svg, Renderer::Builtin) => svg::to_svg(&g).into_bytes(),
                (ExportFormat::Svg, Renderer::Auto) => match graphviz(&text(), "svg")? {
                    Some(out) => out,
                    None => {
                        eprintln!(
                            "newskg: Graphviz `dot` not found; drawing with the built-in layout (--renderer builtin)"
                        );
                        svg::to_svg(&g).into_bytes()
                    }
                },
                (ExportFormat::Png, Renderer::Builtin) => {
                    bail!(
                        "--renderer builtin draws SVG only; use --format svg, or install Graphviz for png"
                    )
                }
                (ExportFormat::Svg | ExportFormat::Png, _) => {
                    let f = if format == ExportFormat::Svg {
                        "svg"
                    } else {
                        "png"
                    };
                    graphviz(&text(), f)?.context(
                        "Graphviz `dot` is not installed (apt-get install graphviz); use --format dot and render elsewhere, or --format svg --renderer builtin",
                    )?
                }
                _ => unreachable!("graph formats only"),
            }
        }
        rdf => {
            let f = match rdf {
                ExportFormat::Turtle => RdfOut::Turtle,
                ExportFormat::Ntriples => RdfOut::Ntriples,
                ExportFormat::Nquads => RdfOut::Nquads,
                ExportFormat::Trig => RdfOut::Trig,
                ExportFormat::Rdfxml => RdfOut::Rdfxml,
                _ => RdfOut::Jsonld,
            };
            let mut buf = Vec::new();
            store.dump(f.format(), &mut buf)?;
            buf
        }
    };
    match output {
        Some(p) => {
            std::fs::write(&p, &bytes).with_context(|| format!("{}: cannot write", p.display()))?
        }
        None => std::io::stdout().lock().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Renders DOT with Graphviz's `dot`; `None` when `dot` is not installed.
fn graphviz(dot_text: &str, format: &str) -> Result<Option<Vec<u8>>> {
    let mut child = match std::process::Command::new("dot")
        .arg(format!("-T{format}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        Ok(c) => c,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).context("cannot run Graphviz dot"),
    };
    child
        .stdin
        .take()
        .context("dot stdin")?
        .write_all(dot_text.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "Graphviz dot failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        );
    }
    Ok(Some(out.stdout))
}

fn stats(store_dir: &Path) -> Result<ExitCode> {
    let store = Store::open_read_only(store_dir)?;
    let count = |q: &str| -> Result<Vec<(String, String)>> {
        let rows = newskg::store::render(store.query(q)?, ResultFormat::Tsv)?;
        let text = String::from_utf8(rows)?;
        Ok(text
            .lines()
            .skip(1)
            .map(|l| {
                let mut it = l.split('\t');
                let a = it.next().unwrap_or_default().to_owned();
                let b = it.next().unwrap_or_default().to_owned();
                (a, b)
            })
            .collect())
    };
    let p = "PREFIX nkg: <https://w3id.org/newskg#>\n";
    let docs = store.documents()?.len();
    let mut out = std::io::stdout().lock();
    writeln!(out, "documents   {docs}")?;
    for (t, n) in count(&format!(
        "{p}SELECT ?t (COUNT(DISTINCT ?e) AS ?n) WHERE {{ VALUES ?t {{ nkg:Person nkg:Organization nkg:Place }} ?e a ?t }} GROUP BY ?t ORDER BY ?t"
    ))? {
        writeln!(
            out,
            "entities    {:<14} {}",
            t.trim_start_matches("<https://w3id.org/newskg#")
                .trim_end_matches('>'),
            n.split('^').next().unwrap_or_default()
        )?;
    }
    for (pr, n) in count(&format!(
        "{p}SELECT ?p (COUNT(*) AS ?n) WHERE {{ SELECT DISTINCT ?s ?p ?o WHERE {{ VALUES ?p {{ nkg:metWith nkg:envoyOf nkg:aideTo nkg:leaderOf nkg:memberOf nkg:deputyOf nkg:relativeOf nkg:associateOf nkg:locatedIn }} ?s ?p ?o }} }} GROUP BY ?p ORDER BY ?p"
    ))? {
        writeln!(
            out,
            "relations   {:<14} {}",
            pr.trim_start_matches("<https://w3id.org/newskg#")
                .trim_end_matches('>'),
            n.split('^').next().unwrap_or_default()
        )?;
    }
    for (_, n) in count(&format!(
        "{p}SELECT ?x (COUNT(DISTINCT ?m) AS ?n) WHERE {{ ?m a nkg:Meeting }} GROUP BY ?x"
    ))? {
        writeln!(
            out,
            "meetings    {}",
            n.split('^').next().unwrap_or_default()
        )?;
    }
    writeln!(out, "quads       {}", store.len()?)?;
    writeln!(out, "disk bytes  {}", store.disk_size())?;
    Ok(ExitCode::SUCCESS)
}

fn mentions(
    paths: &[PathBuf],
    format: MentionFormat,
    input: Option<InputFormat>,
) -> Result<ExitCode> {
    let lex = Lexicon::embedded();
    let mut skipped = 0;
    let color = format == MentionFormat::Table && std::io::stdout().is_terminal();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for batch in batches(paths, input, None, &mut skipped) {
        for doc in &batch {
            let x = extract(doc, lex);
            let mut chars = newskg::CharCounter::new(&doc.text);
            let mut rows = Vec::new();
            for (m, e) in x.mentions.iter().zip(&x.mention_entity) {
                let Some(e) = e else { continue };
                let ent = &x.entities[e.index()];
                let kind = match m.source {
                    newskg::extract::MentionSource::Nationality(_) => "Nationality",
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
                            "entity": newskg::rdf::entity_iri(ent).as_str(),
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
    Ok(if skipped > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Total size of the input files (for the progress ETA), and whether any is gzipped.
fn input_size(paths: &[PathBuf]) -> (u64, bool) {
    let (mut total, mut gz) = (0, false);
    let mut stack: Vec<PathBuf> = paths.to_vec();
    while let Some(p) = stack.pop() {
        let Ok(meta) = std::fs::metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            if let Ok(rd) = std::fs::read_dir(&p) {
                stack.extend(rd.filter_map(|e| e.ok().map(|e| e.path())));
            }
        } else {
            gz |= p.extension().is_some_and(|e| e == "gz");
            total += meta.len();
        }
    }
    (total, gz)
}
