//! `newskg correct`: record a correction (retract or assert a fact, merge, split, rename) and
//! apply every correction of the store, or list them.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ArgGroup;
use oxigraph::model::NamedNode;

use newskg::{
    CORRECTIONS_FILE, Change, Store, apply_corrections, load_corrections, record_correction,
};

use super::DEFAULT_STORE;

#[derive(Debug, clap::Args)]
#[command(group(ArgGroup::new("what").required(true).args(["retract", "assert", "merge", "split", "rename", "list"])))]
pub struct Args {
    /// Store directory.
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Retract a fact: SUBJECT PREDICATE OBJECT (IRIs or prefixed names: id:person/x nkg:metWith id:person/y).
    #[arg(long, num_args = 3, value_names = ["SUBJECT", "PREDICATE", "OBJECT"], value_parser = super::parse_term)]
    pub retract: Option<Vec<NamedNode>>,
    /// Assert a fact: SUBJECT PREDICATE OBJECT.
    #[arg(long, num_args = 3, value_names = ["SUBJECT", "PREDICATE", "OBJECT"], value_parser = super::parse_term)]
    pub assert: Option<Vec<NamedNode>>,
    /// Merge two entities: FROM becomes INTO (FROM's labels become INTO's altLabels).
    #[arg(long, num_args = 2, value_names = ["FROM", "INTO"], value_parser = super::parse_term)]
    pub merge: Option<Vec<NamedNode>>,
    /// Split an entity: its mentions in --doc are another entity, labelled --as.
    #[arg(long, value_name = "ENTITY", requires_all = ["doc", "as_label"], value_parser = super::parse_term)]
    pub split: Option<NamedNode>,
    /// The document (id or IRI) whose mentions --split moves.
    #[arg(long, value_parser = split_document)]
    pub doc: Option<NamedNode>,
    /// The label of the entity --split makes.
    #[arg(long = "as", value_name = "LABEL")]
    pub as_label: Option<String>,
    /// Rename an entity's label: ENTITY LABEL (the old label becomes an altLabel).
    #[arg(long, num_args = 2, value_names = ["ENTITY", "LABEL"])]
    pub rename: Option<Vec<String>>,
    /// List the corrections of the store.
    #[arg(long)]
    pub list: bool,
    /// Who makes the correction (default: $USER).
    #[arg(long)]
    pub by: Option<String>,
    /// Why (stored as rdfs:comment).
    #[arg(long)]
    pub reason: Option<String>,
}

/// `--doc`: a prefixed name or IRI (`doc:a`), else a document id.
fn split_document(d: &str) -> std::result::Result<NamedNode, String> {
    if d.contains(':') {
        super::parse_term(d)
    } else {
        Ok(newskg::document_iri(&newskg::slug(d)))
    }
}

impl Args {
    /// The correction the flags give; None for `--list` (clap requires one of them).
    fn change(&self) -> Result<Option<Change>> {
        let fact = |f: &[NamedNode]| (f[0].clone(), f[1].clone(), f[2].clone());
        Ok(Some(if let Some(f) = &self.retract {
            let (subject, predicate, object) = fact(f);
            Change::Retract {
                subject,
                predicate,
                object,
            }
        } else if let Some(f) = &self.assert {
            let (subject, predicate, object) = fact(f);
            Change::Assert {
                subject,
                predicate,
                object,
            }
        } else if let Some(m) = &self.merge {
            Change::Merge {
                entity: m[0].clone(),
                into: m[1].clone(),
            }
        } else if let (Some(entity), Some(document), Some(label)) =
            (&self.split, &self.doc, &self.as_label)
        {
            Change::Split {
                entity: entity.clone(),
                document: document.clone(),
                label: label.clone(),
            }
        } else if let Some(r) = &self.rename {
            Change::Rename {
                entity: newskg::expand_term(&r[0])?,
                label: r[1].clone(),
            }
        } else {
            return Ok(None);
        }))
    }
}

pub fn run(args: Args) -> Result<ExitCode> {
    let Some(change) = args.change()? else {
        let list = load_corrections(&args.store)?;
        let mut out = std::io::stdout().lock();
        for c in &list {
            writeln!(out, "{c}").context("cannot write the list")?;
        }
        if list.is_empty() {
            eprintln!("newskg: no corrections in {}", args.store.display());
        }
        return Ok(ExitCode::SUCCESS);
    };
    let iri = record_correction(
        &args.store,
        &change,
        args.by.as_deref(),
        args.reason.as_deref(),
    )?;
    let store = Store::open_existing(&args.store)?;
    let n = apply_corrections(&store, &args.store)?;
    eprintln!(
        "newskg: recorded {} in {}; {n} correction{} applied",
        newskg::shorten(iri.as_str()),
        args.store.join(CORRECTIONS_FILE).display(),
        if n == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}
