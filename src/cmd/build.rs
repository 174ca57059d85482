//! `newskg build`: extract articles into a store, with a progress line on a terminal.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use newskg::{BuildSummary, Date, Event, Lexicon, Pipeline, Store};

use super::{DEFAULT_STORE, InputFormatArg};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Store directory (created if missing).
    #[arg(long, default_value = DEFAULT_STORE)]
    pub store: PathBuf,
    /// Input format, instead of detecting it from the extension or content.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormatArg>,
    /// Publication date (YYYY-MM-DD) for documents that do not give one.
    #[arg(long, value_parser = super::parse_date)]
    pub date: Option<Date>,
    /// No progress or summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
    /// Record each input's path (relative to the working directory) as nkg:sourcePath;
    /// without it the graph holds no local path.
    #[arg(long)]
    pub record_paths: bool,
    /// Articles: files, folders (recursive), or - for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

pub fn run(args: Args) -> Result<ExitCode> {
    let pipeline = Pipeline::new(Lexicon::embedded())
        .with_input_format(super::input_format(args.input_format))
        .with_default_date(args.date)
        .with_record_paths(args.record_paths);
    let summary = build(&pipeline, &args.store, &args.paths, args.quiet)?;
    Ok(super::exit_code(summary.skipped))
}

/// Builds `paths` into the store at `dir`, reporting skipped inputs, a progress bar (on a
/// terminal) and a summary (unless `quiet`) on stderr.
pub fn build(
    pipeline: &Pipeline<'_>,
    dir: &Path,
    paths: &[PathBuf],
    quiet: bool,
) -> Result<BuildSummary> {
    let started = Instant::now();
    newskg::check_paths(paths)?;
    let created = !dir.exists();
    let store = Store::open(dir)?;
    let progress = !quiet && std::io::stderr().is_terminal();
    let bar = progress.then(|| progress_bar(paths));
    let s = pipeline.build(&store, paths, |event| match event {
        // Above the progress bar, which stays at the bottom.
        Event::Skipped(e) => match &bar {
            Some(bar) => bar.suspend(|| eprintln!("newskg: skipped {}", e.report())),
            None => eprintln!("newskg: skipped {}", e.report()),
        },
        Event::Extracted { documents, bytes } => {
            if let Some(bar) = &bar {
                let secs = started.elapsed().as_secs_f64().max(1e-9);
                bar.set_position(bytes as u64);
                bar.set_message(format!(
                    "{documents} documents, {:.0} docs/s",
                    documents as f64 / secs
                ));
            }
        }
        _ => {}
    })?;
    // The summary below replaces the bar.
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if created && s.added + s.replaced + s.unchanged == 0 {
        // Nothing was built: leave no empty store behind.
        drop(store);
        let _ = std::fs::remove_dir_all(dir);
        eprintln!("newskg: no document could be read; no store was created");
        return Ok(BuildSummary {
            skipped: s.skipped.max(1),
            ..s
        });
    }
    newskg::apply_corrections(&store, dir)?;
    if !quiet {
        eprintln!(
            "newskg: {} documents into {} ({} added, {} replaced, {} unchanged), {} skipped; {} entities, {} relations, {} meetings{} in {:.2}s",
            s.documents(),
            dir.display(),
            s.added,
            s.replaced,
            s.unchanged,
            s.skipped,
            s.entities,
            s.relations,
            s.meetings,
            if s.relinked > 0 {
                format!(", {} surname-only people linked to full names", s.relinked)
            } else {
                String::new()
            },
            started.elapsed().as_secs_f64()
        );
    }
    Ok(s)
}

/// A progress bar on stderr over the input size on disk (text size approximates it); a
/// counter without a bar when the input is gzipped (its size on disk says little).
fn progress_bar(paths: &[PathBuf]) -> ProgressBar {
    let (total, gz) = input_size(paths);
    let (length, template) = if total > 0 && !gz {
        (
            Some(total),
            "newskg: {msg}, {binary_bytes_per_sec} [{bar:30}] {percent}%, ETA {eta}",
        )
    } else {
        (None, "newskg: {msg}, {binary_bytes_per_sec} {spinner}")
    };
    // Styled before it is shown, so no default bar is ever drawn.
    let bar = ProgressBar::with_draw_target(length, ProgressDrawTarget::hidden())
        .with_style(
            ProgressStyle::with_template(template)
                .expect("a valid template")
                .progress_chars("=> "),
        )
        .with_message("0 documents");
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
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
