//! `newskg export`: draw the graph (DOT, SVG, PNG, GraphML, JSON) or dump it as RDF.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::ValueEnum;

use newskg::{
    Date, DotOptions, Filter, GraphView, Predicate, Store, View, to_dot, to_graphml, to_json,
    to_svg,
};

use super::DEFAULT_STORE;
use super::extract::RdfOut;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "dot")]
    pub format: ExportFormat,
    /// Which edges to draw.
    #[arg(long, value_enum, default_value = "meetings")]
    pub view: ViewArg,
    /// Draw the result of this CONSTRUCT (or SELECT ?s ?p ?o) query instead of a view:
    /// text, or @file.rq.
    #[arg(long, conflicts_with = "view")]
    pub query: Option<String>,
    /// Keep the ego network of this person or organisation (label or alias,
    /// case-insensitive).
    #[arg(long)]
    pub entity: Option<String>,
    /// Hops from --entity.
    #[arg(long, default_value_t = 1, requires = "entity")]
    pub depth: usize,
    /// Keep meetings on or after this date (YYYY-MM-DD); drops undated meetings.
    #[arg(long, value_parser = super::parse_date)]
    pub from: Option<Date>,
    /// Keep meetings on or before this date (YYYY-MM-DD); drops undated meetings.
    #[arg(long, value_parser = super::parse_date)]
    pub to: Option<Date>,
    /// Keep only these predicates (local names, comma-separated: metWith,envoyOf).
    #[arg(long, value_delimiter = ',', value_parser = super::drawn_predicate())]
    pub relation: Vec<Predicate>,
    /// Drop nodes with fewer edges than this.
    #[arg(long, default_value_t = 0)]
    pub min_degree: usize,
    /// Group people by the country or organisation they lead, serve or represent (DOT,
    /// SVG and PNG through Graphviz).
    #[arg(long)]
    pub cluster: bool,
    /// Who draws svg and png: Graphviz `dot`, the built-in layout (SVG only), or auto
    /// (Graphviz when on PATH, else built-in for svg).
    #[arg(long, value_enum, default_value = "auto")]
    pub renderer: Renderer,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// Which edges to draw (`--view`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// Who met whom: one edge per pair, labelled with the meeting dates.
    Meetings,
    /// Roles: the predicates the vocabulary table draws in the roles view (envoyOf,
    /// leaderOf, relativeOf, ...).
    Roles,
    /// Both.
    All,
}

impl From<ViewArg> for View {
    fn from(v: ViewArg) -> View {
        match v {
            ViewArg::Meetings => View::Meetings,
            ViewArg::Roles => View::Roles,
            ViewArg::All => View::All,
        }
    }
}

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Graphviz DOT.
    Dot,
    /// SVG, rendered by Graphviz `dot`, or the built-in layout without it.
    Svg,
    /// PNG, rendered by Graphviz `dot`.
    Png,
    /// GraphML (Gephi, yEd, Cytoscape, networkx).
    Graphml,
    /// JSON nodes and links (d3, vis.js).
    Json,
    /// Turtle (the whole graph).
    Turtle,
    /// N-Triples.
    Ntriples,
    /// N-Quads.
    Nquads,
    /// TriG.
    Trig,
    /// RDF/XML.
    Rdfxml,
    /// JSON-LD.
    Jsonld,
}

/// Who renders SVG and PNG.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Renderer {
    /// Graphviz when `dot` is on PATH, else the built-in layout (SVG only).
    Auto,
    /// Graphviz `dot`; an error when it is not installed.
    Graphviz,
    /// The built-in pure-Rust layout (SVG only; no clusters or legend).
    Builtin,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Args {
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
    } = args;
    let store = Store::open_read_only(&store_dir)?;
    let bytes = match format {
        ExportFormat::Dot
        | ExportFormat::Svg
        | ExportFormat::Png
        | ExportFormat::Graphml
        | ExportFormat::Json => {
            let g = match &query {
                Some(q) => GraphView::from_query(&store, &super::query_text(q)?)?,
                None => GraphView::from_store(&store, view.into())?,
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
            let text = || to_dot(&g, &DotOptions::default().with_cluster(cluster));
            match (format, renderer) {
                (ExportFormat::Dot, _) => text().into_bytes(),
                (ExportFormat::Graphml, _) => to_graphml(&g).into_bytes(),
                (ExportFormat::Json, _) => to_json(&g).into_bytes(),
                (ExportFormat::Svg, Renderer::Builtin) => to_svg(&g).into_bytes(),
                (ExportFormat::Svg, Renderer::Auto) => match graphviz(&text(), "svg")? {
                    Some(out) => out,
                    None => {
                        eprintln!(
                            "newskg: Graphviz `dot` not found; drawing with the built-in layout (--renderer builtin)"
                        );
                        to_svg(&g).into_bytes()
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
